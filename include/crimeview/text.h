/*
 * text.h - bytes to text: encodings, and text made safe for a terminal (layer: core).
 *
 * Exports arrive as UTF-8 or Windows-1252, sometimes with a byte-order mark, sometimes
 * with a BOM that was itself re-encoded (the bytes of "ï»¿" in UTF-8). The cache holds
 * UTF-8 only. Anything shown on a terminal goes through text_sanitize first, so data can
 * never move the cursor, set a window title or clear the screen.
 */
#ifndef CRIMEVIEW_TEXT_H
#define CRIMEVIEW_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "crimeview/strbuf.h"

enum text_encoding {
	TEXT_ENCODING_UTF8,
	TEXT_ENCODING_CP1252,
};

/* "utf-8" or "windows-1252". */
const char *text_encoding_name(enum text_encoding encoding);
/* Parses an --encoding value: utf-8/utf8, windows-1252/cp1252/latin1/iso-8859-1 (any
 * case). Returns false when the name is unknown. */
bool text_encoding_parse(const char *name, enum text_encoding *out);

/*
 * A UTF-8 validity scan over a stream of chunks (a file read in blocks): counts valid
 * multi-byte sequences and invalid bytes, and carries a sequence split across two chunks.
 */
struct utf8_scan {
	unsigned long long valid_multibyte; /* well-formed sequences of 2-4 bytes */
	unsigned long long invalid; /* bytes that are not part of a well-formed sequence */
	unsigned char pending[4]; /* a sequence cut by the chunk boundary */
	size_t pending_len;
};
void utf8_scan_init(struct utf8_scan *scan);
void utf8_scan_feed(struct utf8_scan *scan, const void *data, size_t len);
/* Ends the stream: a cut sequence left pending counts as invalid. */
void utf8_scan_finish(struct utf8_scan *scan);

/* Byte offset of the first byte of s[0..len) that is not well-formed UTF-8 (overlongs,
 * surrogates and code points over U+10FFFF are not), or len when all of it is. */
size_t utf8_first_invalid(const char *s, size_t len);

/* The length of the longest start of s[0..len) that is at most max bytes and ends at a
 * character boundary (a UTF-8 sequence is never cut in half). */
size_t utf8_cut_length(const char *s, size_t len, size_t max);

/* Appends the Windows-1252 text s[0..len) to out as UTF-8 (the five bytes 1252 leaves
 * undefined map to U+0081 etc., as Windows does). */
void cp1252_to_utf8(const char *s, size_t len, struct strbuf *out);

/* Length of a byte-order mark at the start of s: 3 for EF BB BF, 6 for the double-encoded
 * C3 AF C2 BB C2 BF, else 0. */
size_t text_bom_length(const char *s, size_t len);

enum text_sanitize_flags {
	/* Show a line break as a visible mark ("⏎") so the text stays on one line. */
	TEXT_SANITIZE_ONE_LINE = 1 << 0,
};

/*
 * Appends s[0..len) (UTF-8) to out so that it is inert on a terminal: C0 controls other
 * than tab and newline, DEL, C1 controls (U+0080-U+009F) and ESC are shown as visible
 * symbols (control pictures: ␛ for ESC, ␇ for BEL, U+2400+c for C0; "<U+009B>" style for
 * C1), so an escape sequence is displayed, never run. Tabs become one space; a newline
 * stays unless TEXT_SANITIZE_ONE_LINE; a CR is dropped before LF and shown as ␍ elsewhere.
 * Invalid UTF-8 bytes show as U+FFFD. Bidirectional overrides (U+202A-U+202E,
 * U+2066-U+2069) are shown as <U+XXXX> too.
 */
void text_sanitize(const char *s, size_t len, unsigned flags, struct strbuf *out);

/* Columns that the UTF-8 string s[0..len) takes on a terminal (wide characters 2,
 * combining marks 0), after sanitizing. Used for aligning tables. */
size_t text_display_width(const char *s, size_t len);

#endif
