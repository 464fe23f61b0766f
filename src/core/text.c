/*
 * text.c - bytes to text: UTF-8 checking, Windows-1252 conversion, byte-order marks, and
 * text made inert and measured for a terminal (layer: core).
 *
 * The UTF-8 checks run over whole files of hundreds of megabytes, so they skip ASCII eight
 * bytes at a time and decode only what is left. One decoder (utf8_check) serves every
 * function, and text_sanitize and text_display_width share one description of how each
 * character shows (shown_next), so a width is always the width of what sanitize prints.
 *
 * Invalid input is judged byte by byte: each byte that is not part of a well-formed
 * sequence is one invalid byte (and one U+FFFD when shown), so a counted "invalid" is a
 * number of bytes, comparable with the size of the file.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "crimeview/text.h"

const char *text_encoding_name(enum text_encoding encoding)
{
	return encoding == TEXT_ENCODING_CP1252 ? "windows-1252" : "utf-8";
}

bool text_encoding_parse(const char *name, enum text_encoding *out)
{
	/* Compared without '-' and '_' so utf8, UTF-8, iso_8859-1 and cp-1252 all work. */
	/* clang-format off */
	static const struct {
		const char *key;
		enum text_encoding encoding;
	} names[] = {
		{.key = "utf8", .encoding = TEXT_ENCODING_UTF8},
		{.key = "windows1252", .encoding = TEXT_ENCODING_CP1252},
		{.key = "cp1252", .encoding = TEXT_ENCODING_CP1252},
		{.key = "latin1", .encoding = TEXT_ENCODING_CP1252},
		{.key = "iso88591", .encoding = TEXT_ENCODING_CP1252},
	};
	/* clang-format on */
	char key[16];
	size_t n = 0;
	if (!name)
		return false;
	for (const char *p = name; *p; p++) {
		if (*p == '-' || *p == '_')
			continue;
		if (n + 1 >= sizeof(key))
			return false;
		key[n++] = *p;
	}
	key[n] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(key, names[i].key) == 0) {
			*out = names[i].encoding;
			return true;
		}
	}
	return false;
}

/* utf8_check results besides a sequence length of 1-4. */
enum {
	SEQ_INVALID = -1, /* p[0] begins no well-formed sequence */
	SEQ_SHORT = 0,	  /* a correct beginning, cut off by the end of the bytes */
};

#define ASCII_HIGH_BITS 0x8080808080808080ULL

/*
 * Checks the UTF-8 sequence at p (avail >= 1 bytes). Returns its length and sets *cp (when
 * cp is not NULL), or SEQ_INVALID, or SEQ_SHORT. The range allowed for the second byte is
 * what rules out overlongs (E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points
 * over U+10FFFF (F4 90-BF, F5-FF); C0 and C1 can only start overlongs.
 */
static int utf8_check(const unsigned char *p, size_t avail, uint32_t *cp)
{
	unsigned char b = p[0], lo = 0x80, hi = 0xBF;
	int n;
	uint32_t c;

	if (b < 0x80) {
		if (cp)
			*cp = b;
		return 1;
	}
	if (b < 0xC2 || b > 0xF4)
		return SEQ_INVALID;
	if (b < 0xE0) {
		n = 2;
		c = b & 0x1F;
	} else if (b < 0xF0) {
		n = 3;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else {
		n = 4;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	}
	for (int i = 1; i < n; i++) {
		if ((size_t)i >= avail)
			return SEQ_SHORT;
		unsigned char t = p[i];
		if (t < lo || t > hi)
			return SEQ_INVALID;
		lo = 0x80;
		hi = 0xBF;
		c = (c << 6) | (t & 0x3F);
	}
	if (cp)
		*cp = c;
	return n;
}

/* Skips the ASCII bytes at p, eight at a time while it can. */
static const unsigned char *skip_ascii(const unsigned char *p, const unsigned char *end)
{
	while (end - p >= 8) {
		uint64_t word;
		memcpy(&word, p, sizeof(word));
		if (word & ASCII_HIGH_BITS)
			break;
		p += 8;
	}
	while (p < end && *p < 0x80)
		p++;
	return p;
}

void utf8_scan_init(struct utf8_scan *scan)
{
	memset(scan, 0, sizeof(*scan));
}

void utf8_scan_feed(struct utf8_scan *scan, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	unsigned long long valid = 0, invalid = 0;

	/* First finish the sequence the last chunk cut, one byte at a time. */
	while (scan->pending_len && p < end) {
		scan->pending[scan->pending_len] = *p;
		int n = utf8_check(scan->pending, scan->pending_len + 1, NULL);
		if (n == SEQ_INVALID) {
			/* The lead byte and the continuation bytes after it are each invalid;
			 * *p was not part of the sequence and is judged afresh below. */
			scan->invalid += scan->pending_len;
			scan->pending_len = 0;
			break;
		}
		p++;
		scan->pending_len++;
		if (n > 0) {
			scan->valid_multibyte++;
			scan->pending_len = 0;
		}
	}
	if (scan->pending_len)
		return;

	while (p < end) {
		p = skip_ascii(p, end);
		if (p == end)
			break;
		int n = utf8_check(p, (size_t)(end - p), NULL);
		if (n > 0) {
			valid++;
			p += n;
		} else if (n == SEQ_SHORT) {
			scan->pending_len = (size_t)(end - p);
			memcpy(scan->pending, p, scan->pending_len);
			break;
		} else {
			invalid++;
			p++;
		}
	}
	scan->valid_multibyte += valid;
	scan->invalid += invalid;
}

void utf8_scan_finish(struct utf8_scan *scan)
{
	scan->invalid += scan->pending_len;
	scan->pending_len = 0;
}

size_t utf8_first_invalid(const char *s, size_t len)
{
	const unsigned char *start = (const unsigned char *)s, *p = start, *end = start + len;
	while (p < end) {
		p = skip_ascii(p, end);
		if (p == end)
			break;
		int n = utf8_check(p, (size_t)(end - p), NULL);
		if (n <= 0)
			return (size_t)(p - start);
		p += n;
	}
	return len;
}

/* Where Windows-1252 differs from Latin-1: 0x80-0x9F. The five bytes it leaves undefined
 * (81 8D 8F 90 9D) keep their own code points, as MultiByteToWideChar does. */
/* clang-format off */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, /* 80-87 */
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, /* 88-8F */
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, /* 90-97 */
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, /* 98-9F */
};
/* clang-format on */

/* Writes cp as UTF-8 to out (room for 4 bytes); returns the byte count. */
static size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Input converted per step: the output for it (at most 3 bytes each) is reserved at once,
 * so memory stays in proportion to the step, not to len. */
#define CP1252_STEP 4096

void cp1252_to_utf8(const char *s, size_t len, struct strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		size_t step = (size_t)(end - p) < CP1252_STEP ? (size_t)(end - p) : CP1252_STEP;
		const unsigned char *stop = p + step;
		strbuf_reserve(out, step * 3);
		char *w = out->data + out->len;
		while (p < stop) {
			if (stop - p >= 8) {
				uint64_t word;
				memcpy(&word, p, sizeof(word));
				if (!(word & ASCII_HIGH_BITS)) {
					memcpy(w, p, 8);
					w += 8;
					p += 8;
					continue;
				}
			}
			unsigned char b = *p++;
			if (b < 0x80)
				*w++ = (char)b;
			else
				w += utf8_encode(b < 0xA0 ? cp1252_high[b - 0x80] : b, w);
		}
		out->len = (size_t)(w - out->data);
		out->data[out->len] = '\0';
	}
}

size_t utf8_cut_length(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t cut = max;
	/* Back off continuation bytes (10xxxxxx) to the start of the character cut in half. */
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	return cut;
}

size_t text_bom_length(const char *s, size_t len)
{
	static const char bom[] = "\xEF\xBB\xBF";
	static const char bom_twice[] = "\xC3\xAF\xC2\xBB\xC2\xBF";
	if (len >= 3 && memcmp(s, bom, 3) == 0)
		return 3;
	if (len >= 6 && memcmp(s, bom_twice, 6) == 0)
		return 6;
	return 0;
}

/* How the bytes at the front of a text show once sanitized. */
enum shown_how {
	SHOWN_CHAR,    /* the character cp (perhaps a symbol standing for the byte) */
	SHOWN_CODE,    /* cp written as "<U+XXXX>" */
	SHOWN_NEWLINE, /* a line break, kept */
	SHOWN_NOTHING, /* dropped (the CR of a CRLF) */
};

struct shown {
	size_t len; /* bytes of input taken */
	uint32_t cp;
	enum shown_how how;
};

#define SYMBOL_CR	  0x240D
#define SYMBOL_DEL	  0x2421
#define SYMBOL_C0_BASE	  0x2400 /* control pictures: U+2400 + the C0 byte, ␛ for ESC */
#define SYMBOL_LINE_BREAK 0x23CE
#define REPLACEMENT	  0xFFFD

static bool is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Describes the first character of p[0..avail), avail >= 1, as text_sanitize shows it. */
static void shown_next(const unsigned char *p, size_t avail, unsigned flags, struct shown *out)
{
	unsigned char b = p[0];
	out->len = 1;
	out->how = SHOWN_CHAR;
	out->cp = b;
	if (b >= 0x20 && b < 0x7F)
		return;
	if (b == '\t') {
		out->cp = ' ';
	} else if (b == '\n') {
		if (flags & TEXT_SANITIZE_ONE_LINE)
			out->cp = SYMBOL_LINE_BREAK;
		else
			out->how = SHOWN_NEWLINE;
	} else if (b == '\r') {
		if (avail > 1 && p[1] == '\n')
			out->how = SHOWN_NOTHING;
		else
			out->cp = SYMBOL_CR;
	} else if (b < 0x20) {
		out->cp = SYMBOL_C0_BASE + b;
	} else if (b == 0x7F) {
		out->cp = SYMBOL_DEL;
	} else {
		uint32_t cp;
		int n = utf8_check(p, avail, &cp);
		if (n <= 0) {
			out->cp = REPLACEMENT;
			return;
		}
		out->len = (size_t)n;
		out->cp = cp;
		if (cp < 0xA0 || is_bidi_control(cp))
			out->how = SHOWN_CODE;
	}
}

void text_sanitize(const char *s, size_t len, unsigned flags, struct strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	strbuf_reserve(out, len);
	out->data[out->len] = '\0';
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && *p >= 0x20 && *p < 0x7F)
			p++;
		if (p > run)
			strbuf_append(out, run, (size_t)(p - run));
		if (p == end)
			break;

		struct shown sh;
		char buf[16];
		shown_next(p, (size_t)(end - p), flags, &sh);
		p += sh.len;
		switch (sh.how) {
		case SHOWN_CHAR:
			strbuf_append(out, buf, utf8_encode(sh.cp, buf));
			break;
		case SHOWN_CODE:
			strbuf_appendf(out, "<U+%04X>", (unsigned)sh.cp);
			break;
		case SHOWN_NEWLINE:
			strbuf_append_char(out, '\n');
			break;
		case SHOWN_NOTHING:
			break;
		}
	}
}

struct cp_range {
	uint32_t first, last;
};

/*
 * Terminal columns, without wcwidth() (which would make the result depend on the locale).
 * Generated from the Unicode 14 character database (Python's unicodedata: categories and
 * east_asian_width), with the wide characters of Unicode 15 and 15.1 added and the
 * unassigned code points of the emoji blocks (U+1F300-1F64F, 1F680-1F6FF, 1F900-1F9FF,
 * 1FA70-1FAFF) counted wide, since new emoji there are. Emoji that default to text style
 * (U+1F321 thermometer, U+1F575 detective...) are East Asian Width N: one column, as
 * wcwidth() and so the terminal count them.
 *
 * Zero columns: nonspacing and enclosing marks (Mn, Me, with the unassigned rest of the
 * combining blocks 1AB0-1AFF, 1DC0-1DFF, 20D0-20FF, FE20-FE2F), Hangul medial vowels and
 * final consonants (1160-11FF, D7B0-D7FF), zero-width space, joiners and marks
 * (200B-200F, 2060-2064, FEFF), U+061C, U+180E, 206A-206F and tags (E0001, E0020-E007F).
 */
/* clang-format off */
static const struct cp_range zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
	{0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x061C, 0x061C}, {0x064B, 0x065F},
	{0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED},
	{0x0711, 0x0711}, {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3}, {0x07FD, 0x07FD},
	{0x0816, 0x0819}, {0x081B, 0x0823}, {0x0825, 0x0827}, {0x0829, 0x082D}, {0x0859, 0x085B},
	{0x0898, 0x089F}, {0x08CA, 0x08E1}, {0x08E3, 0x0902}, {0x093A, 0x093A}, {0x093C, 0x093C},
	{0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957}, {0x0962, 0x0963}, {0x0981, 0x0981},
	{0x09BC, 0x09BC}, {0x09C1, 0x09C4}, {0x09CD, 0x09CD}, {0x09E2, 0x09E3}, {0x09FE, 0x09FE},
	{0x0A01, 0x0A02}, {0x0A3C, 0x0A3C}, {0x0A41, 0x0A42}, {0x0A47, 0x0A48}, {0x0A4B, 0x0A4D},
	{0x0A51, 0x0A51}, {0x0A70, 0x0A71}, {0x0A75, 0x0A75}, {0x0A81, 0x0A82}, {0x0ABC, 0x0ABC},
	{0x0AC1, 0x0AC5}, {0x0AC7, 0x0AC8}, {0x0ACD, 0x0ACD}, {0x0AE2, 0x0AE3}, {0x0AFA, 0x0AFF},
	{0x0B01, 0x0B01}, {0x0B3C, 0x0B3C}, {0x0B3F, 0x0B3F}, {0x0B41, 0x0B44}, {0x0B4D, 0x0B4D},
	{0x0B55, 0x0B56}, {0x0B62, 0x0B63}, {0x0B82, 0x0B82}, {0x0BC0, 0x0BC0}, {0x0BCD, 0x0BCD},
	{0x0C00, 0x0C00}, {0x0C04, 0x0C04}, {0x0C3C, 0x0C3C}, {0x0C3E, 0x0C40}, {0x0C46, 0x0C48},
	{0x0C4A, 0x0C4D}, {0x0C55, 0x0C56}, {0x0C62, 0x0C63}, {0x0C81, 0x0C81}, {0x0CBC, 0x0CBC},
	{0x0CBF, 0x0CBF}, {0x0CC6, 0x0CC6}, {0x0CCC, 0x0CCD}, {0x0CE2, 0x0CE3}, {0x0D00, 0x0D01},
	{0x0D3B, 0x0D3C}, {0x0D41, 0x0D44}, {0x0D4D, 0x0D4D}, {0x0D62, 0x0D63}, {0x0D81, 0x0D81},
	{0x0DCA, 0x0DCA}, {0x0DD2, 0x0DD4}, {0x0DD6, 0x0DD6}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
	{0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1}, {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD}, {0x0F18, 0x0F19},
	{0x0F35, 0x0F35}, {0x0F37, 0x0F37}, {0x0F39, 0x0F39}, {0x0F71, 0x0F7E}, {0x0F80, 0x0F84},
	{0x0F86, 0x0F87}, {0x0F8D, 0x0F97}, {0x0F99, 0x0FBC}, {0x0FC6, 0x0FC6}, {0x102D, 0x1030},
	{0x1032, 0x1037}, {0x1039, 0x103A}, {0x103D, 0x103E}, {0x1058, 0x1059}, {0x105E, 0x1060},
	{0x1071, 0x1074}, {0x1082, 0x1082}, {0x1085, 0x1086}, {0x108D, 0x108D}, {0x109D, 0x109D},
	{0x1160, 0x11FF}, {0x135D, 0x135F}, {0x1712, 0x1714}, {0x1732, 0x1733}, {0x1752, 0x1753},
	{0x1772, 0x1773}, {0x17B4, 0x17B5}, {0x17B7, 0x17BD}, {0x17C6, 0x17C6}, {0x17C9, 0x17D3},
	{0x17DD, 0x17DD}, {0x180B, 0x180F}, {0x1885, 0x1886}, {0x18A9, 0x18A9}, {0x1920, 0x1922},
	{0x1927, 0x1928}, {0x1932, 0x1932}, {0x1939, 0x193B}, {0x1A17, 0x1A18}, {0x1A1B, 0x1A1B},
	{0x1A56, 0x1A56}, {0x1A58, 0x1A5E}, {0x1A60, 0x1A60}, {0x1A62, 0x1A62}, {0x1A65, 0x1A6C},
	{0x1A73, 0x1A7C}, {0x1A7F, 0x1A7F}, {0x1AB0, 0x1B03}, {0x1B34, 0x1B34}, {0x1B36, 0x1B3A},
	{0x1B3C, 0x1B3C}, {0x1B42, 0x1B42}, {0x1B6B, 0x1B73}, {0x1B80, 0x1B81}, {0x1BA2, 0x1BA5},
	{0x1BA8, 0x1BA9}, {0x1BAB, 0x1BAD}, {0x1BE6, 0x1BE6}, {0x1BE8, 0x1BE9}, {0x1BED, 0x1BED},
	{0x1BEF, 0x1BF1}, {0x1C2C, 0x1C33}, {0x1C36, 0x1C37}, {0x1CD0, 0x1CD2}, {0x1CD4, 0x1CE0},
	{0x1CE2, 0x1CE8}, {0x1CED, 0x1CED}, {0x1CF4, 0x1CF4}, {0x1CF8, 0x1CF9}, {0x1DC0, 0x1DFF},
	{0x200B, 0x200F}, {0x2060, 0x2064}, {0x206A, 0x206F}, {0x20D0, 0x20FF}, {0x2CEF, 0x2CF1},
	{0x2D7F, 0x2D7F}, {0x2DE0, 0x2DFF}, {0x302A, 0x302D}, {0x3099, 0x309A}, {0xA66F, 0xA672},
	{0xA674, 0xA67D}, {0xA69E, 0xA69F}, {0xA6F0, 0xA6F1}, {0xA802, 0xA802}, {0xA806, 0xA806},
	{0xA80B, 0xA80B}, {0xA825, 0xA826}, {0xA82C, 0xA82C}, {0xA8C4, 0xA8C5}, {0xA8E0, 0xA8F1},
	{0xA8FF, 0xA8FF}, {0xA926, 0xA92D}, {0xA947, 0xA951}, {0xA980, 0xA982}, {0xA9B3, 0xA9B3},
	{0xA9B6, 0xA9B9}, {0xA9BC, 0xA9BD}, {0xA9E5, 0xA9E5}, {0xAA29, 0xAA2E}, {0xAA31, 0xAA32},
	{0xAA35, 0xAA36}, {0xAA43, 0xAA43}, {0xAA4C, 0xAA4C}, {0xAA7C, 0xAA7C}, {0xAAB0, 0xAAB0},
	{0xAAB2, 0xAAB4}, {0xAAB7, 0xAAB8}, {0xAABE, 0xAABF}, {0xAAC1, 0xAAC1}, {0xAAEC, 0xAAED},
	{0xAAF6, 0xAAF6}, {0xABE5, 0xABE5}, {0xABE8, 0xABE8}, {0xABED, 0xABED}, {0xD7B0, 0xD7FF},
	{0xFB1E, 0xFB1E}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0x101FD, 0x101FD},
	{0x102E0, 0x102E0}, {0x10376, 0x1037A}, {0x10A01, 0x10A03}, {0x10A05, 0x10A06},
	{0x10A0C, 0x10A0F}, {0x10A38, 0x10A3A}, {0x10A3F, 0x10A3F}, {0x10AE5, 0x10AE6},
	{0x10D24, 0x10D27}, {0x10EAB, 0x10EAC}, {0x10F46, 0x10F50}, {0x10F82, 0x10F85},
	{0x11001, 0x11001}, {0x11038, 0x11046}, {0x11070, 0x11070}, {0x11073, 0x11074},
	{0x1107F, 0x11081}, {0x110B3, 0x110B6}, {0x110B9, 0x110BA}, {0x110C2, 0x110C2},
	{0x11100, 0x11102}, {0x11127, 0x1112B}, {0x1112D, 0x11134}, {0x11173, 0x11173},
	{0x11180, 0x11181}, {0x111B6, 0x111BE}, {0x111C9, 0x111CC}, {0x111CF, 0x111CF},
	{0x1122F, 0x11231}, {0x11234, 0x11234}, {0x11236, 0x11237}, {0x1123E, 0x1123E},
	{0x112DF, 0x112DF}, {0x112E3, 0x112EA}, {0x11300, 0x11301}, {0x1133B, 0x1133C},
	{0x11340, 0x11340}, {0x11366, 0x1136C}, {0x11370, 0x11374}, {0x11438, 0x1143F},
	{0x11442, 0x11444}, {0x11446, 0x11446}, {0x1145E, 0x1145E}, {0x114B3, 0x114B8},
	{0x114BA, 0x114BA}, {0x114BF, 0x114C0}, {0x114C2, 0x114C3}, {0x115B2, 0x115B5},
	{0x115BC, 0x115BD}, {0x115BF, 0x115C0}, {0x115DC, 0x115DD}, {0x11633, 0x1163A},
	{0x1163D, 0x1163D}, {0x1163F, 0x11640}, {0x116AB, 0x116AB}, {0x116AD, 0x116AD},
	{0x116B0, 0x116B5}, {0x116B7, 0x116B7}, {0x1171D, 0x1171F}, {0x11722, 0x11725},
	{0x11727, 0x1172B}, {0x1182F, 0x11837}, {0x11839, 0x1183A}, {0x1193B, 0x1193C},
	{0x1193E, 0x1193E}, {0x11943, 0x11943}, {0x119D4, 0x119D7}, {0x119DA, 0x119DB},
	{0x119E0, 0x119E0}, {0x11A01, 0x11A0A}, {0x11A33, 0x11A38}, {0x11A3B, 0x11A3E},
	{0x11A47, 0x11A47}, {0x11A51, 0x11A56}, {0x11A59, 0x11A5B}, {0x11A8A, 0x11A96},
	{0x11A98, 0x11A99}, {0x11C30, 0x11C36}, {0x11C38, 0x11C3D}, {0x11C3F, 0x11C3F},
	{0x11C92, 0x11CA7}, {0x11CAA, 0x11CB0}, {0x11CB2, 0x11CB3}, {0x11CB5, 0x11CB6},
	{0x11D31, 0x11D36}, {0x11D3A, 0x11D3A}, {0x11D3C, 0x11D3D}, {0x11D3F, 0x11D45},
	{0x11D47, 0x11D47}, {0x11D90, 0x11D91}, {0x11D95, 0x11D95}, {0x11D97, 0x11D97},
	{0x11EF3, 0x11EF4}, {0x16AF0, 0x16AF4}, {0x16B30, 0x16B36}, {0x16F4F, 0x16F4F},
	{0x16F8F, 0x16F92}, {0x16FE4, 0x16FE4}, {0x1BC9D, 0x1BC9E}, {0x1CF00, 0x1CF2D},
	{0x1CF30, 0x1CF46}, {0x1D167, 0x1D169}, {0x1D17B, 0x1D182}, {0x1D185, 0x1D18B},
	{0x1D1AA, 0x1D1AD}, {0x1D242, 0x1D244}, {0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C},
	{0x1DA75, 0x1DA75}, {0x1DA84, 0x1DA84}, {0x1DA9B, 0x1DA9F}, {0x1DAA1, 0x1DAAF},
	{0x1E000, 0x1E006}, {0x1E008, 0x1E018}, {0x1E01B, 0x1E021}, {0x1E023, 0x1E024},
	{0x1E026, 0x1E02A}, {0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF},
	{0x1E8D0, 0x1E8D6}, {0x1E944, 0x1E94A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
	{0xE0100, 0xE01EF},
};

/* East Asian Width W and F (a mark among them is zero width: it is in the table above). */
static const struct cp_range double_width[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
	{0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
	{0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
	{0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
	{0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
	{0x2E80, 0x2E99}, {0x2E9B, 0x2EF3}, {0x2F00, 0x2FD5}, {0x2FF0, 0x3029}, {0x302E, 0x303E},
	{0x3041, 0x3096}, {0x309B, 0x30FF}, {0x3105, 0x312F}, {0x3131, 0x318E}, {0x3190, 0x31E3},
	{0x31EF, 0x321E}, {0x3220, 0x3247}, {0x3250, 0x4DBF}, {0x4E00, 0xA48C}, {0xA490, 0xA4C6},
	{0xA960, 0xA97C}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE52},
	{0xFE54, 0xFE66}, {0xFE68, 0xFE6B}, {0xFF01, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE3},
	{0x16FF0, 0x16FF1}, {0x17000, 0x187F7}, {0x18800, 0x18CD5}, {0x18D00, 0x18D08},
	{0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122},
	{0x1B132, 0x1B132}, {0x1B150, 0x1B152}, {0x1B155, 0x1B155}, {0x1B164, 0x1B167},
	{0x1B170, 0x1B2FB}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
	{0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B}, {0x1F240, 0x1F248},
	{0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320}, {0x1F32D, 0x1F335},
	{0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
	{0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440},
	{0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567},
	{0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
	{0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6DF},
	{0x1F6EB, 0x1F6EF}, {0x1F6F4, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0},
	{0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};
/* clang-format on */

static bool in_ranges(uint32_t cp, const struct cp_range *ranges, size_t n)
{
	size_t lo = 0, hi = n;
	if (cp < ranges[0].first || cp > ranges[n - 1].last)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < ranges[mid].first)
			hi = mid;
		else if (cp > ranges[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

#define N_RANGES(table) (sizeof(table) / sizeof((table)[0]))

static size_t char_width(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_width, N_RANGES(zero_width)))
		return 0;
	if (in_ranges(cp, double_width, N_RANGES(double_width)))
		return 2;
	return 1;
}

/* A line break counts as the one column of its one-line mark: a width is for one line. */
size_t text_display_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t width = 0;
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && *p >= 0x20 && *p < 0x7F)
			p++;
		width += (size_t)(p - run);
		if (p == end)
			break;

		struct shown sh;
		char buf[16];
		shown_next(p, (size_t)(end - p), TEXT_SANITIZE_ONE_LINE, &sh);
		p += sh.len;
		if (sh.how == SHOWN_CHAR)
			width += char_width(sh.cp);
		else if (sh.how == SHOWN_CODE)
			width += (size_t)snprintf(buf, sizeof(buf), "<U+%04X>", (unsigned)sh.cp);
	}
	return width;
}
