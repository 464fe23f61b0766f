/*
 * draw.c - text on the screen by role: inert, clipped, aligned by display width (layer:
 * TUI; one of the files that call curses).
 *
 * Every string from the data goes through text_sanitize first, so an escape sequence in a
 * note is shown as ␛[2J, never sent to the terminal. Widths are measured per character
 * with wcwidth, so wide (CJK, emoji) and combining characters line up.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "crimeview/text.h"
#include "draw_internal.h"
#include "tui.h"

static attr_t role_attrs[ROLE_COUNT_ALL];

void draw_theme_init(bool color)
{
	/* Without colour (NO_COLOR, a monochrome terminal) the roles still read apart. */
	static const attr_t mono[ROLE_COUNT_ALL] = {
	    [ROLE_TITLE] = A_BOLD,     [ROLE_HEADER] = A_BOLD | A_UNDERLINE,
	    [ROLE_TOTAL] = A_BOLD,     [ROLE_DIM] = A_DIM,
	    [ROLE_CURSOR] = A_REVERSE, [ROLE_HIT] = A_REVERSE | A_BOLD,
	    [ROLE_STATUS] = A_REVERSE, [ROLE_ERROR] = A_BOLD,
	};
	memcpy(role_attrs, mono, sizeof(role_attrs));
	if (!color)
		return;
	static const short colors[ROLE_COUNT_ALL][2] = {
	    [ROLE_TITLE] = {COLOR_CYAN, -1},
	    [ROLE_HEADER] = {COLOR_YELLOW, -1},
	    [ROLE_LABEL] = {COLOR_GREEN, -1},
	    [ROLE_TOTAL] = {COLOR_CYAN, -1},
	    [ROLE_DIM] = {COLOR_BLUE, -1},
	    [ROLE_CURSOR] = {COLOR_BLACK, COLOR_CYAN},
	    [ROLE_HIT] = {COLOR_BLACK, COLOR_YELLOW},
	    [ROLE_STATUS] = {COLOR_WHITE, COLOR_BLUE},
	    [ROLE_ERROR] = {COLOR_RED, -1},
	};
	for (int r = ROLE_TITLE; r < ROLE_COUNT_ALL; r++) {
		if (colors[r][0] == 0 && colors[r][1] == 0)
			continue;
		init_pair((short)r, colors[r][0], colors[r][1]);
		role_attrs[r] = (role_attrs[r] & (A_BOLD | A_UNDERLINE)) | COLOR_PAIR(r);
	}
}

enum role draw_role_of(attr_t attrs, short pair)
{
	for (int r = ROLE_COUNT_ALL - 1; r > ROLE_NORMAL; r--) {
		attr_t want = role_attrs[r];
		if (PAIR_NUMBER(want)
			? PAIR_NUMBER(want) == pair
			: (attrs & (A_REVERSE | A_BOLD | A_UNDERLINE | A_DIM)) == want)
			return (enum role)r;
	}
	return ROLE_NORMAL;
}

int draw_lines(void)
{
	return LINES;
}

int draw_cols(void)
{
	return COLS;
}

/* Width of the next character of s (and its length in bytes); combining marks are 0. */
static int char_width(const char *s, size_t len, size_t *char_len)
{
	mbstate_t mb;
	memset(&mb, 0, sizeof(mb));
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, len, &mb);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*char_len = 1;
		return 1;
	}
	*char_len = n;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* Writes clean[0..len) at the cursor, at most width cells; returns the cells used. */
static int put_clipped(const char *clean, size_t len, int width, attr_t attr)
{
	int used = 0;
	size_t i = 0, n = 0;
	while (i < len) {
		size_t char_len;
		int w = char_width(clean + i, len - i, &char_len);
		if (used + w > width)
			break;
		used += w;
		i += char_len;
		n = i;
	}
	attrset(attr);
	addnstr(clean, (int)n);
	return used;
}

static void sanitize_line(const char *text, struct strbuf *clean)
{
	text_sanitize(text ? text : "", text ? strlen(text) : 0, TEXT_SANITIZE_ONE_LINE, clean);
}

int draw_width(const char *text)
{
	struct strbuf clean = STRBUF_INIT;
	sanitize_line(text, &clean);
	int width = 0;
	for (size_t i = 0; i < clean.len;) {
		size_t char_len;
		width += char_width(clean.data + i, clean.len - i, &char_len);
		i += char_len;
	}
	strbuf_free(&clean);
	return width;
}

void draw_blank(int y, int x, int width, enum role role)
{
	if (width <= 0)
		return;
	attrset(role_attrs[role]);
	mvhline(y, x, ' ', width);
}

int draw_text(int y, int x, int width, const char *text, enum role role, bool pad)
{
	if (width <= 0)
		return 0;
	struct strbuf clean = STRBUF_INIT;
	sanitize_line(text, &clean);
	move(y, x);
	int used = put_clipped(strbuf_str(&clean), clean.len, width, role_attrs[role]);
	strbuf_free(&clean);
	if (pad)
		draw_blank(y, x + used, width - used, role);
	return used;
}

void draw_text_right(int y, int x, int width, const char *text, enum role role)
{
	int w = draw_width(text);
	if (w < width) {
		draw_blank(y, x, width - w, role);
		draw_text(y, x + width - w, w, text, role, false);
	} else {
		draw_text(y, x, width, text, role, false);
	}
}

int draw_text_hits(int y, int x, int width, const char *text, enum role role,
		   const struct hit_terms *terms, bool pad)
{
	if (width <= 0)
		return 0;
	struct strbuf clean = STRBUF_INIT;
	sanitize_line(text, &clean);
	struct hit hits[64];
	size_t n_hits = terms ? hits_find(terms, strbuf_str(&clean), clean.len, hits, 64) : 0;
	move(y, x);
	int used = 0;
	size_t at = 0;
	for (size_t h = 0; h <= n_hits && used < width; h++) {
		size_t end = h < n_hits ? hits[h].start : clean.len;
		used +=
		    put_clipped(strbuf_str(&clean) + at, end - at, width - used, role_attrs[role]);
		if (h < n_hits) {
			used += put_clipped(strbuf_str(&clean) + hits[h].start, hits[h].len,
					    width - used, role_attrs[ROLE_HIT]);
			at = hits[h].start + hits[h].len;
		}
	}
	strbuf_free(&clean);
	if (pad)
		draw_blank(y, x + used, width - used, role);
	return used;
}

size_t draw_wrap(const char *text, int width, struct strbuf *clean, struct wrap_line **lines)
{
	strbuf_reset(clean);
	text_sanitize(text ? text : "", text ? strlen(text) : 0, 0, clean);
	const char *s = strbuf_str(clean);
	size_t n = 0, cap = 16;
	*lines = xmalloc(cap * sizeof(**lines));
	size_t start = 0, i = 0, last_space = 0;
	int used = 0;
	if (width < 1)
		width = 1;
	while (true) {
		bool end = i >= clean->len;
		bool newline = !end && s[i] == '\n';
		size_t char_len = 1;
		int w = end || newline ? 0 : char_width(s + i, clean->len - i, &char_len);
		if (!end && !newline && (used + w <= width || used == 0)) {
			if (s[i] == ' ')
				last_space = i + 1;
			used += w;
			i += char_len;
			continue;
		}
		/* End the line here: at the text's end, a newline, or the width. */
		size_t cut = i;
		if (!end && !newline && last_space > start)
			cut = last_space;
		if (n == cap)
			*lines = xrealloc(*lines, (cap *= 2) * sizeof(**lines));
		(*lines)[n].start = start;
		(*lines)[n].len = cut - start;
		n++;
		if (end)
			break;
		start = newline ? i + 1 : cut;
		i = start;
		last_space = start;
		used = 0;
	}
	return n;
}
