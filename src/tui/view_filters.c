/*
 * view_filters.c - the filter stack: every filter in force, one per line; d removes the
 * one under the cursor, U undoes (layer: TUI, draws through draw.c).
 */
#include <stdlib.h>

#include "tui.h"

struct filters_view {
	size_t cursor;
};

static void filters_draw(struct view *view, struct app *app, int top, int height)
{
	struct filters_view *f = view->data;
	int width = draw_cols();
	size_t n = state_filter_count(&app->state);
	draw_text(top, 0, width, "Filters (d removes, U undoes, q goes back)", ROLE_TITLE, true);
	if (!n)
		draw_text(top + 2, 2, width - 2, "No filters: every record counts", ROLE_DIM, true);
	if (f->cursor >= n)
		f->cursor = n ? n - 1 : 0;
	struct strbuf line = STRBUF_INIT;
	for (size_t i = 0; i < n && (int)i + 2 < height; i++) {
		strbuf_reset(&line);
		state_filter_describe(&app->state, i, &line);
		draw_text(top + 2 + (int)i, 0, 2, i == f->cursor ? "> " : "", ROLE_NORMAL, true);
		draw_text(top + 2 + (int)i, 2, width - 2, line.data,
			  i == f->cursor ? ROLE_CURSOR : ROLE_NORMAL, true);
	}
	strbuf_free(&line);
}

static bool filters_handle(struct view *view, struct app *app, enum request request)
{
	struct filters_view *f = view->data;
	size_t n = state_filter_count(&app->state);
	switch (request) {
	case REQ_UP:
		f->cursor -= f->cursor > 0;
		return true;
	case REQ_DOWN:
		f->cursor += f->cursor + 1 < n;
		return true;
	case REQ_REMOVE:
		if (!n)
			return true;
		struct strbuf what = STRBUF_INIT;
		state_filter_describe(&app->state, f->cursor, &what);
		state_save(&app->state);
		state_filter_remove(&app->state, f->cursor);
		app_message(app, ROLE_NORMAL, "Removed: %s", what.data);
		strbuf_free(&what);
		return true;
	case REQ_FILTER_STACK:
		return true;
	default:
		return false;
	}
}

static void filters_free(struct view *view)
{
	free(view->data);
}

static const struct view_ops filters_ops = {
    .name = "filters",
    .draw = filters_draw,
    .handle = filters_handle,
    .free = filters_free,
};

struct view *view_filters_new(struct app *app)
{
	(void)app;
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = &filters_ops;
	view->data = xcalloc(1, sizeof(struct filters_view));
	view->crumb = xstrdup("Filters");
	view->n_records = -1;
	return view;
}
