/*
 * clipboard.c - copy to the user's clipboard with OSC 52, the one way that works over SSH
 * (layer: TUI).
 *
 * The terminal (xterm, iTerm2, kitty, Windows Terminal, ...) takes
 * ESC ] 52 ; c ; BASE64 BEL and puts the text on the clipboard of the machine the user sits
 * at. Inside tmux the plain sequence sets tmux's own buffer (set-clipboard on) and the
 * same sequence wrapped in tmux's passthrough (ESC P tmux; ... ESC \, every ESC doubled)
 * reaches the outer terminal. Terminals cap what they accept, so the copy is capped too and
 * the caller says so. CRIMEVIEW_CLIPBOARD=FILE writes the sequence there instead (tests).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"

/* What terminals accept without trouble (xterm's default limit is about 100,000 bytes of
 * base64). */
#define CLIPBOARD_MAX_BYTES 74994

static void base64(const unsigned char *s, size_t len, struct strbuf *out)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		strbuf_append_char(out, digits[(v >> 18) & 63]);
		strbuf_append_char(out, digits[(v >> 12) & 63]);
		strbuf_append_char(out, i + 1 < len ? digits[(v >> 6) & 63] : '=');
		strbuf_append_char(out, i + 2 < len ? digits[v & 63] : '=');
	}
}

static bool write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n <= 0)
			return false;
		s += n;
		len -= (size_t)n;
	}
	return true;
}

size_t clipboard_copy(const char *text, size_t len)
{
	if (len > CLIPBOARD_MAX_BYTES) {
		len = CLIPBOARD_MAX_BYTES;
		/* Never cut a UTF-8 character in two. */
		while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	struct strbuf plain = STRBUF_INIT, seq = STRBUF_INIT;
	strbuf_append_str(&plain, "\033]52;c;");
	base64((const unsigned char *)text, len, &plain);
	strbuf_append_str(&plain, "\a");
	strbuf_append(&seq, plain.data, plain.len);
	if (getenv("TMUX")) {
		strbuf_append_str(&seq, "\033Ptmux;");
		for (size_t i = 0; i < plain.len; i++) {
			if (plain.data[i] == '\033')
				strbuf_append_char(&seq, '\033');
			strbuf_append_char(&seq, plain.data[i]);
		}
		strbuf_append_str(&seq, "\033\\");
	}
	const char *file = getenv("CRIMEVIEW_CLIPBOARD");
	int fd = file && file[0] ? open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)
				 : open("/dev/tty", O_WRONLY | O_CLOEXEC);
	bool ok = fd >= 0 && write_all(fd, seq.data, seq.len);
	if (fd >= 0)
		close(fd);
	strbuf_free(&plain);
	strbuf_free(&seq);
	return ok ? len : 0;
}
