/*
 * prompt.c - the modal steps: a line prompt with editing and history, and a list to pick
 * from (layer: TUI, no curses: input through ui_read_key, output through ui_draw).
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "crimeview/format.h"
#include "tui.h"

/* Byte length of the UTF-8 character that ends s[0..len). */
static size_t last_char_len(const char *s, size_t len)
{
	size_t n = 1;
	while (n < len && ((unsigned char)s[len - n] & 0xC0) == 0x80)
		n++;
	return n <= len ? n : len;
}

static size_t first_char_len(const char *s, size_t len)
{
	size_t n = 1;
	while (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return len ? n : 0;
}

static void move_left(struct app *app)
{
	struct strbuf *b = &app->prompt_before, *a = &app->prompt_after;
	if (!b->len)
		return;
	size_t n = last_char_len(b->data, b->len);
	struct strbuf moved = STRBUF_INIT;
	strbuf_append(&moved, b->data + b->len - n, n);
	strbuf_append(&moved, strbuf_str(a), a->len);
	b->len -= n;
	b->data[b->len] = '\0';
	strbuf_free(a);
	*a = moved;
}

static void move_right(struct app *app)
{
	struct strbuf *b = &app->prompt_before, *a = &app->prompt_after;
	if (!a->len)
		return;
	size_t n = first_char_len(a->data, a->len);
	strbuf_append(b, a->data, n);
	memmove(a->data, a->data + n, a->len - n + 1);
	a->len -= n;
}

static void set_text(struct app *app, const char *text)
{
	strbuf_reset(&app->prompt_before);
	strbuf_reset(&app->prompt_after);
	strbuf_append_str(&app->prompt_before, text ? text : "");
}

static void remember(struct app *app, const char *line)
{
	if (!line[0])
		return;
	if (app->n_prompt_history && !strcmp(app->prompt_history[app->n_prompt_history - 1], line))
		return;
	size_t max = sizeof(app->prompt_history) / sizeof(app->prompt_history[0]);
	if (app->n_prompt_history == max) {
		free(app->prompt_history[0]);
		memmove(app->prompt_history, app->prompt_history + 1,
			(max - 1) * sizeof(app->prompt_history[0]));
		app->n_prompt_history--;
	}
	app->prompt_history[app->n_prompt_history++] = xstrdup(line);
}

/* Editing keys that are not characters, named by what they do here. */
enum {
	EDIT_LEFT = -100,
	EDIT_RIGHT,
	EDIT_HOME,
	EDIT_END,
	EDIT_BACKSPACE,
	EDIT_DELETE,
	EDIT_OLDER,
	EDIT_NEWER,
};

/* A named key (arrows, Home...) as an edit; characters stay themselves. */
static int prompt_key(int key)
{
	if (key < KEYMAP_CODE(0))
		return key;
	switch (keymap_request(key)) {
	case REQ_LEFT:
		return EDIT_LEFT;
	case REQ_RIGHT:
		return EDIT_RIGHT;
	case REQ_FIRST_ROW:
		return EDIT_HOME;
	case REQ_LAST_ROW:
		return EDIT_END;
	case REQ_BACK:
		return EDIT_BACKSPACE;
	case REQ_REMOVE:
		return EDIT_DELETE;
	case REQ_UP:
		return EDIT_OLDER;
	case REQ_DOWN:
		return EDIT_NEWER;
	case REQ_ENTER:
		return '\n';
	default:
		return -1;
	}
}

bool prompt_line(struct app *app, const char *label, const char *initial, struct strbuf *out)
{
	app->prompting = true;
	app->prompt_label = label;
	set_text(app, initial);
	size_t history_at = app->n_prompt_history;
	bool done = false, accepted = false;
	while (!done) {
		ui_draw(app);
		int key = prompt_key(ui_read_key(app));
		struct strbuf *b = &app->prompt_before, *a = &app->prompt_after;
		switch (key) {
		case 0:	 /* the script ended */
		case 27: /* Esc */
		case 3:	 /* ^C */
		case 7:	 /* ^G */
			done = true;
			break;
		case '\n':
		case '\r':
			done = accepted = true;
			break;
		case EDIT_LEFT:
		case 2: /* ^B */
			move_left(app);
			break;
		case EDIT_RIGHT:
		case 6: /* ^F */
			move_right(app);
			break;
		case EDIT_HOME:
		case 1: /* ^A */
			while (b->len)
				move_left(app);
			break;
		case EDIT_END:
		case 5: /* ^E */
			while (a->len)
				move_right(app);
			break;
		case EDIT_BACKSPACE:
		case 127:
		case 8:
			if (b->len) {
				b->len -= last_char_len(b->data, b->len);
				b->data[b->len] = '\0';
			} else if (!a->len) {
				done = true; /* backspace on an empty line leaves, as in less */
			}
			break;
		case EDIT_DELETE:
		case 4: /* ^D */
			if (a->len) {
				size_t n = first_char_len(a->data, a->len);
				memmove(a->data, a->data + n, a->len - n + 1);
				a->len -= n;
			}
			break;
		case 21: /* ^U: the line before the cursor */
			strbuf_reset(b);
			break;
		case 11: /* ^K: the line after the cursor */
			strbuf_reset(a);
			break;
		case 23: /* ^W: the word before the cursor */
			while (b->len && b->data[b->len - 1] == ' ')
				b->data[--b->len] = '\0';
			while (b->len && b->data[b->len - 1] != ' ')
				b->data[--b->len] = '\0';
			break;
		case EDIT_OLDER:
		case 16: /* ^P */
			if (history_at > 0)
				set_text(app, app->prompt_history[--history_at]);
			break;
		case EDIT_NEWER:
		case 14: /* ^N */
			if (history_at < app->n_prompt_history)
				history_at++;
			set_text(app, history_at < app->n_prompt_history
					  ? app->prompt_history[history_at]
					  : "");
			break;
		default:
			if (key >= 32 && key != 127 && key < KEYMAP_CODE(0)) {
				char mb[8];
				mbstate_t state;
				memset(&state, 0, sizeof(state));
				size_t n = wcrtomb(mb, (wchar_t)key, &state);
				if (n != (size_t)-1)
					strbuf_append(b, mb, n);
			}
			break;
		}
	}
	strbuf_reset(out);
	strbuf_append_str(out, strbuf_str(&app->prompt_before));
	strbuf_append_str(out, strbuf_str(&app->prompt_after));
	app->prompting = false;
	strbuf_free(&app->prompt_before);
	strbuf_free(&app->prompt_after);
	if (accepted)
		remember(app, strbuf_str(out));
	strbuf_reset(&app->message);
	return accepted;
}

/* ---- the picker ---- */

struct picker {
	const char *title;
	const char *const *items;
	const int64_t *counts;
	size_t *shown; /* indexes of the items that pass the filter */
	size_t n_shown;
	size_t cursor, offset;
	char *filter;
};

static void picker_filter(struct picker *p, size_t n)
{
	p->n_shown = 0;
	for (size_t i = 0; i < n; i++)
		if (!p->filter || strcasestr(p->items[i], p->filter))
			p->shown[p->n_shown++] = i;
	p->cursor = p->offset = 0;
}

static void picker_draw(void *overlay, struct app *app, int top, int height)
{
	struct picker *p = overlay;
	(void)app;
	int width = draw_cols();
	struct strbuf title = STRBUF_INIT;
	strbuf_append_str(&title, p->title);
	if (p->filter)
		strbuf_appendf(&title, " (/%s: %zu)", p->filter, p->n_shown);
	strbuf_append_str(&title, "   Enter picks, / narrows, q cancels");
	draw_text(top, 0, width, title.data, ROLE_HEADER, true);
	strbuf_free(&title);
	int rows = height - 1;
	if (rows < 1)
		return;
	if (p->cursor < p->offset)
		p->offset = p->cursor;
	if (p->cursor >= p->offset + (size_t)rows)
		p->offset = p->cursor - (size_t)rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = p->offset + (size_t)r;
		int y = top + 1 + r;
		if (i >= p->n_shown) {
			if (i == 0)
				draw_text(y, 2, width - 2, "(nothing)", ROLE_DIM, true);
			continue;
		}
		enum role role = i == p->cursor ? ROLE_CURSOR : ROLE_NORMAL;
		const char *item = p->items[p->shown[i]];
		char count[32] = "";
		if (p->counts)
			format_count(p->counts[p->shown[i]], count, sizeof(count));
		int count_width = p->counts ? 12 : 0;
		/* A mark as well as the colour, for monochrome terminals and screen dumps. */
		draw_text(y, 0, 2, i == p->cursor ? "> " : "", role, true);
		draw_text(y, 2, width - 2 - count_width, item[0] ? item : "(blank)", role, true);
		if (count_width)
			draw_text_right(y, width - count_width, count_width, count, role);
	}
}

long picker_run(struct app *app, const char *title, const char *const *items, const int64_t *counts,
		size_t n, size_t initial)
{
	struct picker p = {.title = title, .items = items, .counts = counts};
	p.shown = xcalloc(n + 1, sizeof(*p.shown));
	picker_filter(&p, n);
	p.cursor = initial < n ? initial : 0;
	app->overlay_draw = picker_draw;
	app->overlay = &p;
	long picked = -1;
	bool done = false;
	struct strbuf filter = STRBUF_INIT;
	while (!done) {
		ui_draw(app);
		int key = ui_read_key(app);
		int page = app->top->height > 2 ? app->top->height - 2 : 1;
		if (key == 0 || app->quit)
			break;
		if (key == '/') {
			if (prompt_line(app, "Narrow to: ", p.filter, &filter)) {
				free(p.filter);
				p.filter = filter.len ? xstrdup(filter.data) : NULL;
				picker_filter(&p, n);
			}
			continue;
		}
		switch (keymap_request(key)) {
		case REQ_UP:
			p.cursor -= p.cursor > 0;
			break;
		case REQ_DOWN:
			p.cursor += p.cursor + 1 < p.n_shown;
			break;
		case REQ_PAGE_DOWN:
		case REQ_HALF_DOWN:
			p.cursor = p.cursor + (size_t)page < p.n_shown
				       ? p.cursor + (size_t)page
				       : (p.n_shown ? p.n_shown - 1 : 0);
			break;
		case REQ_PAGE_UP:
		case REQ_HALF_UP:
			p.cursor = p.cursor > (size_t)page ? p.cursor - (size_t)page : 0;
			break;
		case REQ_FIRST_ROW:
			p.cursor = 0;
			break;
		case REQ_LAST_ROW:
			p.cursor = p.n_shown ? p.n_shown - 1 : 0;
			break;
		case REQ_ENTER:
			if (p.n_shown)
				picked = (long)p.shown[p.cursor];
			done = true;
			break;
		case REQ_BACK:
		case REQ_QUIT:
			done = true;
			break;
		default:
			if (key == 3)
				done = true;
			break;
		}
	}
	app->overlay_draw = NULL;
	app->overlay = NULL;
	free(p.shown);
	free(p.filter);
	strbuf_free(&filter);
	return picked;
}
