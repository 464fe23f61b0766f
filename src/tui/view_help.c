/*
 * view_help.c - the keys, generated from the key table in request.h, so the help says
 * what the keys do (layer: TUI, draws through draw.c).
 */
#include <stdlib.h>

#include "tui.h"

struct help_view {
	int first_line;
};

static void help_draw(struct view *view, struct app *app, int top, int height)
{
	struct help_view *h = view->data;
	int width = draw_cols(), keys_width = 22, text_x = 2 + keys_width;
	(void)app;
	/* Display lines: the title, a blank, then each request's help wrapped beside its keys. */
	struct strbuf clean = STRBUF_INIT;
	int line = 0;
	if (h->first_line < 0)
		h->first_line = 0;
	for (int pass = 0; pass < 2; pass++) {
		line = 0;
		if (pass == 1 && line - h->first_line >= 0)
			draw_text(top, 0, width, "Keys (q goes back)", ROLE_TITLE, true);
		line = 2;
		for (int r = REQ_NONE + 1; r < REQ_COUNT_ALL; r++) {
			struct wrap_line *lines;
			size_t n =
			    draw_wrap(keymap_help((enum request)r), width - text_x, &clean, &lines);
			for (size_t i = 0; i < n; i++, line++) {
				int y = top + line - h->first_line;
				if (pass == 0 || y < top || y >= top + height)
					continue;
				char *text = xstrndup(clean.data + lines[i].start, lines[i].len);
				draw_text(y, 0, text_x, "", ROLE_NORMAL, true);
				if (i == 0)
					draw_text(y, 2, keys_width, keymap_keys((enum request)r),
						  ROLE_LABEL, true);
				draw_text(y, text_x, width - text_x, text, ROLE_NORMAL, true);
				free(text);
			}
			free(lines);
		}
		/* Pass 0 counted the lines: keep the last page full. */
		if (pass == 0 && h->first_line > line - height)
			h->first_line = line - height > 0 ? line - height : 0;
	}
	strbuf_free(&clean);
}

static bool help_handle(struct view *view, struct app *app, enum request request)
{
	struct help_view *h = view->data;
	(void)app;
	switch (request) {
	case REQ_DOWN:
	case REQ_PAGE_DOWN:
		h->first_line += request == REQ_DOWN ? 1 : view->height;
		return true;
	case REQ_UP:
	case REQ_PAGE_UP:
		h->first_line -= request == REQ_UP ? 1 : view->height;
		if (h->first_line < 0)
			h->first_line = 0;
		return true;
	case REQ_HELP:
	case REQ_ENTER:
		return true;
	default:
		return false;
	}
}

static void help_free(struct view *view)
{
	free(view->data);
}

static const struct view_ops help_ops = {
    .name = "help",
    .draw = help_draw,
    .handle = help_handle,
    .free = help_free,
};

struct view *view_help_new(struct app *app)
{
	(void)app;
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = &help_ops;
	view->data = xcalloc(1, sizeof(struct help_view));
	view->crumb = xstrdup("Help");
	view->n_records = -1;
	return view;
}
