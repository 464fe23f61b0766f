/*
 * view_list.c - the records behind a cell, one screen at a time (layer: TUI, draws
 * through draw.c).
 *
 * The view holds only the records on the screen and pages by key through the query
 * layer (after the last id, before the first), so paging to the end of ten million
 * records costs what the first page does and memory never grows.
 *
 * With redaction on, the query layer hands the records over redacted (their personal
 * fields masked and removed from the notes). With a review, x leaves the record under the
 * cursor out of it; the review's own list of marks (X) shows each with its reason, and x
 * there puts a record back.
 */
#include <stdlib.h>
#include <string.h>

#include "crimeview/review.h"
#include "tui.h"

struct list_row {
	int64_t id;
	char *ref, *kind, *date, *notes;
	char *reason; /* in a review's list of marks; else NULL */
};

struct list_view {
	struct query_drill drill;
	char *match; /* the drill's notes search, owned */
	struct list_query *query;
	char *review; /* the review the list leaves out (or, marks_list, lists), owned */
	bool marks_list;
	bool redacted;	       /* whether the query redacts */
	struct list_row *rows; /* the window: the records on the screen */
	size_t n, cap;
	size_t cursor;
	size_t window;		   /* how many records the window was loaded for */
	int64_t first_id, last_id; /* the list's ends, so that paging at an end costs nothing */
	struct hit_terms hits;
	struct strbuf error;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void rows_clear(struct list_view *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->rows[i].ref);
		free(l->rows[i].kind);
		free(l->rows[i].date);
		free(l->rows[i].notes);
		free(l->rows[i].reason);
	}
	l->n = 0;
}

static void take_row(const struct list_record *record, void *data)
{
	struct list_view *l = data;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->rows = xrealloc(l->rows, l->cap * sizeof(*l->rows));
	}
	l->rows[l->n++] = (struct list_row){
	    .id = record->id,
	    .ref = dup_or_null(record->ref),
	    .kind = dup_or_null(record->kind),
	    .date = dup_or_null(record->date),
	    .notes = dup_or_null(record->notes),
	    .reason = dup_or_null(record->reason),
	};
}

static size_t window_size(const struct view *view)
{
	return view->height > 2 ? (size_t)view->height - 1 : 20;
}

/* Loads the window of records that starts after id, or (backwards) that ends at id. */
static enum status load_window(struct view *view, struct app *app, int64_t id, bool backwards)
{
	struct list_view *l = view->data;
	rows_clear(l);
	l->window = window_size(view);
	int64_t edge = id;
	size_t got;
	app_query_begin(app);
	enum status status =
	    backwards ? list_query_page_before(l->query, id == INT64_MAX ? id : id + 1, l->window,
					       take_row, l, &edge, &got)
		      : list_query_page(l->query, id, l->window, take_row, l, &edge, &got);
	app_query_end(app);
	/* A backward page comes nearest first: put it in list order. */
	for (size_t i = 0; backwards && i < l->n / 2; i++) {
		struct list_row swap = l->rows[i];
		l->rows[i] = l->rows[l->n - 1 - i];
		l->rows[l->n - 1 - i] = swap;
	}
	return status;
}

static enum status load_after(struct view *view, struct app *app, int64_t id)
{
	return load_window(view, app, id, false);
}

static enum status load_ending_at(struct view *view, struct app *app, int64_t id)
{
	return load_window(view, app, id, true);
}

/* The id of the record n steps after (n > 0) or before (n < 0) the window's edge, or 0. */
static int64_t neighbour(struct app *app, struct list_view *l, bool after, size_t n)
{
	struct list_view probe = {.query = l->query};
	int64_t edge = after ? l->rows[l->n - 1].id : l->rows[0].id, id = 0;
	/* At an end there is nothing to look for (and looking would scan to the end). */
	if (edge == (after ? l->last_id : l->first_id))
		return 0;
	size_t got = 0;
	app_query_begin(app);
	if (after)
		list_query_page(l->query, edge, n, take_row, &probe, &id, &got);
	else
		list_query_page_before(l->query, edge, n, take_row, &probe, &id, &got);
	app_query_end(app);
	id = probe.n ? probe.rows[probe.n - 1].id : 0;
	rows_clear(&probe);
	free(probe.rows);
	return id;
}

static void list_move(struct view *view, struct app *app, long delta)
{
	struct list_view *l = view->data;
	if (!l->n)
		return;
	long target = (long)l->cursor + delta;
	if (target >= 0 && target < (long)l->n) {
		l->cursor = (size_t)target;
		return;
	}
	if (target >= (long)l->n) {
		int64_t id = neighbour(app, l, true, (size_t)(target - (long)l->n + 1));
		if (!id) {
			l->cursor = l->n - 1;
			return;
		}
		load_ending_at(view, app, id);
		l->cursor = l->n ? l->n - 1 : 0;
	} else {
		int64_t id = neighbour(app, l, false, (size_t)(-target));
		if (!id) {
			l->cursor = 0;
			return;
		}
		load_after(view, app, id - 1);
		l->cursor = 0;
	}
}

/* Scrolls a whole screen, the cursor keeping its place on it; at either end the cursor
 * goes to the first or last record instead. */
static void list_page(struct view *view, struct app *app, bool down)
{
	struct list_view *l = view->data;
	if (!l->n)
		return;
	size_t cursor = l->cursor;
	if (!neighbour(app, l, down, 1)) {
		l->cursor = down ? l->n - 1 : 0;
		return;
	}
	if (down) {
		load_after(view, app, l->rows[l->n - 1].id);
		if (l->n && l->n < l->window)
			load_ending_at(view, app, l->rows[l->n - 1].id);
	} else {
		load_ending_at(view, app, l->rows[0].id - 1);
		if (l->n < l->window)
			load_after(view, app, 0);
	}
	l->cursor = cursor < l->n ? cursor : (l->n ? l->n - 1 : 0);
}

static void list_draw(struct view *view, struct app *app, int top, int height)
{
	struct list_view *l = view->data;
	int width = draw_cols();
	/* A taller screen (a resize) shows more records: fill the window again. */
	if (l->n && l->window != window_size(view)) {
		int64_t first = l->rows[0].id, at = l->rows[l->cursor].id;
		load_after(view, app, first - 1);
		l->cursor = 0;
		for (size_t i = 0; i < l->n; i++)
			if (l->rows[i].id == at)
				l->cursor = i;
		if (l->cursor >= l->n)
			l->cursor = l->n ? l->n - 1 : 0;
	}
	int ref_width = 9, date_width = 4;
	for (size_t i = 0; i < l->n; i++) {
		int w = draw_width(l->rows[i].ref ? l->rows[i].ref : "");
		ref_width = w > ref_width ? w : ref_width;
		w = draw_width(l->rows[i].date ? l->rows[i].date : "");
		date_width = w > date_width ? w : date_width;
	}
	ref_width = ref_width > 24 ? 24 : ref_width;
	int x_kind = ref_width + 2, x_date = x_kind + 10, x_notes = x_date + date_width + 2;
	draw_text(top, 0, ref_width, "Reference", ROLE_HEADER, true);
	draw_text(top, x_kind, 8, "Kind", ROLE_HEADER, true);
	draw_text(top, x_date, date_width, "Date", ROLE_HEADER, true);
	draw_text(top, x_notes, width - x_notes, "Notes", ROLE_HEADER, true);
	if (!l->n)
		draw_text(top + 1, 0, width, l->error.len ? l->error.data : "No records", ROLE_DIM,
			  true);
	struct strbuf notes = STRBUF_INIT;
	for (size_t i = 0; i < l->n && (int)i < height - 1; i++) {
		const struct list_row *row = &l->rows[i];
		int y = top + 1 + (int)i;
		enum role role = i == l->cursor ? ROLE_CURSOR : ROLE_NORMAL;
		draw_text(y, 0, x_kind, row->ref ? row->ref : "",
			  i == l->cursor ? role : ROLE_LABEL, true);
		draw_text(y, x_kind, x_date - x_kind, row->kind ? row->kind : "", role, true);
		draw_text(y, x_date, x_notes - x_date, row->date ? row->date : "", role, true);
		strbuf_reset(&notes);
		if (row->reason)
			strbuf_appendf(&notes, "[%s] ",
				       row->reason[0] ? row->reason : "no reason given");
		strbuf_append_str(&notes, row->notes ? row->notes : "");
		/* Start the snippet near the first hit when it would be off the screen. */
		const char *text = strbuf_str(&notes);
		struct hit hit;
		struct strbuf snippet = STRBUF_INIT;
		if (hits_find(&l->hits, text, notes.len, &hit, 1) &&
		    hit.start > (size_t)(width - x_notes) / 2) {
			size_t start = hit.start - (size_t)(width - x_notes) / 4;
			while (start > 0 && text[start - 1] != ' ')
				start--;
			strbuf_appendf(&snippet, "…%s", text + start);
			text = snippet.data;
		}
		draw_text_hits(y, x_notes, width - x_notes, text, role, &l->hits, true);
		strbuf_free(&snippet);
	}
	strbuf_free(&notes);
}

static void list_mark(struct view *view, struct app *app);

static bool list_handle(struct view *view, struct app *app, enum request request)
{
	struct list_view *l = view->data;
	long page = (long)window_size(view);
	switch (request) {
	case REQ_UP:
		list_move(view, app, -1);
		return true;
	case REQ_DOWN:
		list_move(view, app, 1);
		return true;
	case REQ_PAGE_DOWN:
	case REQ_PAGE_UP:
		list_page(view, app, request == REQ_PAGE_DOWN);
		return true;
	case REQ_HALF_DOWN:
		list_move(view, app, page / 2);
		return true;
	case REQ_HALF_UP:
		list_move(view, app, -page / 2);
		return true;
	case REQ_FIRST_ROW:
		load_after(view, app, 0);
		l->cursor = 0;
		return true;
	case REQ_LAST_ROW:
		load_ending_at(view, app, INT64_MAX);
		l->cursor = l->n ? l->n - 1 : 0;
		return true;
	case REQ_ENTER:
		if (l->n)
			app_push(app, view_record_new(app, l->rows[l->cursor].id,
						      l->rows[l->cursor].ref));
		return true;
	case REQ_MARK:
		list_mark(view, app);
		return true;
	default:
		return false;
	}
}

struct list_export {
	struct app *app;
	enum render_format format;
	struct strbuf *out;
	bool first;
	struct strbuf notes;
};

static void export_row(const struct list_record *record, void *data)
{
	struct list_export *e = data;
	render_list_record(e->format, record, 0, NULL, e->first, e->out);
	e->first = false;
}

static bool list_render(struct view *view, struct app *app, enum render_format format,
			struct strbuf *out)
{
	struct list_view *l = view->data;
	struct list_export e = {app, format, out, true, STRBUF_INIT};
	/* The export counts what redaction takes out, for its method note. */
	struct redact_counts counts = {{0}};
	if (app->redact)
		list_query_redact(l->query, app->redactor, &counts);
	render_list_begin(format, NULL, 0, out);
	int64_t last = 0;
	size_t got = 0;
	enum status status;
	/* Page through, so an export of a long list never holds it all (but its text). */
	do {
		int64_t after = last;
		status = list_query_page(l->query, after, 1000, export_row, &e, &last, &got);
	} while (status == STATUS_OK && got == 1000);
	render_list_end(format, out);
	strbuf_free(&e.notes);
	if (app->redact)
		list_query_redact(l->query, app->redactor, NULL);
	if ((format == RENDER_TEXT || format == RENDER_MD) && status == STATUS_OK) {
		struct table_spec spec = {.filters = l->drill.filters};
		struct redacted_filters redacted = {0};
		if (app->redact) {
			redacted_filters_make(&l->drill.filters, app->redactor, &redacted);
			spec.filters = redacted.filters;
		}
		struct render_method method;
		struct review_summary review = {0};
		struct strbuf error = STRBUF_INIT;
		app_method(app, &spec, &method);
		method.redaction = app->redact ? &counts : NULL;
		if (l->review && !l->marks_list &&
		    query_review_summary(app->cache, &l->drill.filters, &review, &error) ==
			STATUS_OK)
			method.review = &review;
		strbuf_append_str(out, format == RENDER_MD ? "\n**Method**\n\n" : "\nMethod\n");
		render_method_note(NULL, &method, format == RENDER_MD, out);
		review_summary_clear(&review);
		redacted_filters_free(&redacted);
		strbuf_free(&error);
	}
	return status == STATUS_OK;
}

static bool list_copy_cell(struct view *view, struct app *app, struct strbuf *out)
{
	struct list_view *l = view->data;
	if (!l->n)
		return false;
	(void)app;
	strbuf_append_str(out, l->rows[l->cursor].notes ? l->rows[l->cursor].notes : "");
	return true;
}

static void list_free(struct view *view)
{
	struct list_view *l = view->data;
	rows_clear(l);
	free(l->rows);
	list_query_free(l->query);
	query_drill_free(&l->drill);
	free(l->match);
	free(l->review);
	hit_terms_free(&l->hits);
	strbuf_free(&l->error);
	free(l);
}

/* The records on the screen again, from the first one shown, the cursor on the same record
 * when it is still there (else the one before); the list's ends found again too. */
static enum status reload(struct view *view, struct app *app)
{
	struct list_view *l = view->data;
	int64_t first = l->n ? l->rows[0].id : 0, at = l->n ? l->rows[l->cursor].id : 0;
	enum status status = load_ending_at(view, app, INT64_MAX);
	l->last_id = status == STATUS_OK && l->n ? l->rows[l->n - 1].id : 0;
	if (status == STATUS_OK)
		status = load_after(view, app, 0);
	l->first_id = status == STATUS_OK && l->n ? l->rows[0].id : 0;
	if (status == STATUS_OK && first)
		status = load_after(view, app, first - 1);
	if (status == STATUS_OK && !l->n) /* the window's records are gone: the last ones */
		status = load_ending_at(view, app, INT64_MAX);
	l->cursor = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i].id <= at)
			l->cursor = i;
	return status;
}

/* The view's part of the path: the drill's title, with redaction on the values of personal
 * fields in it as their tokens ("[name] 2023": the path is on the screen too). */
static void set_crumb(struct view *view, struct app *app)
{
	struct list_view *l = view->data;
	struct strbuf crumb = STRBUF_INIT;
	strbuf_append_str(&crumb, l->drill.title ? l->drill.title : "Records");
	for (size_t i = 0; app->redact && i < l->drill.filters.n_where; i++) {
		const struct where_term *term = &l->drill.filters.where[i];
		enum redact_category category;
		char *at;
		if (!term->value[0] ||
		    !redactor_field_personal(app->redactor, term->field, term->field, &category))
			continue;
		while ((at = strstr(crumb.data, term->value)) != NULL) {
			struct strbuf next = STRBUF_INIT;
			strbuf_append(&next, crumb.data, (size_t)(at - crumb.data));
			strbuf_appendf(&next, "[%s]%s", redact_category_name(category),
				       at + strlen(term->value));
			strbuf_free(&crumb);
			crumb = next;
		}
	}
	free(view->crumb);
	view->crumb = strbuf_detach(&crumb);
}

/* R: the query redacts from now on (or stops), and the screen follows. */
static enum status list_requery(struct view *view, struct app *app)
{
	struct list_view *l = view->data;
	set_crumb(view, app);
	if (l->redacted != app->redact) {
		list_query_redact(l->query, app->redact ? app->redactor : NULL, NULL);
		l->redacted = app->redact;
	}
	return reload(view, app);
}

/* Makes the list's query again (after its review changed). */
static enum status list_rebuild(struct view *view, struct app *app)
{
	struct list_view *l = view->data;
	list_query_free(l->query);
	l->query = NULL;
	l->redacted = false;
	strbuf_reset(&l->error);
	enum status status =
	    list_query_new(app->cache, &l->drill.filters, NULL, 0, &l->query, &l->error);
	if (status == STATUS_OK)
		status = list_requery(view, app);
	return status;
}

/* The views below count the records again when they are back on top. */
static void below_changed(struct view *view)
{
	for (struct view *v = view->parent; v; v = v->parent)
		v->stale = true;
}

/* x: leaves the record under the cursor out of the review (asking which review when none is
 * active yet, and a reason), or, in the review's list of marks, puts it back. */
static void list_mark(struct view *view, struct app *app)
{
	struct list_view *l = view->data;
	if (!l->n)
		return;
	const struct list_row *row = &l->rows[l->cursor];
	char *ref = xstrdup(row->ref ? row->ref : "(no reference)");
	struct strbuf line = STRBUF_INIT, error = STRBUF_INIT;
	enum status status = STATUS_OK;
	if (l->marks_list) {
		bool removed = false;
		status = review_unmark(app->cache, l->review, row->id, &removed);
		if (status == STATUS_OK)
			app_message(app, ROLE_NORMAL, "Put back into review %s: %s", l->review,
				    ref);
	} else {
		if (!l->review) {
			if (!prompt_line(app, "Leave out of which review (a new name starts one): ",
					 NULL, &line) ||
			    !line.len)
				goto out;
			if (review_name_check(line.data, &error) != STATUS_OK) {
				app_message(app, ROLE_ERROR, "%s", error.data);
				goto out;
			}
			state_set_review(&app->state, line.data);
			l->review = xstrdup(line.data);
			l->drill.filters.review = l->review;
		}
		int64_t id = row->id;
		if (!prompt_line(app, "Reason (optional): ", NULL, &line))
			goto out;
		status = review_mark(app->cache, l->review, id, line.data ? line.data : "", NULL);
		if (status == STATUS_OK)
			app_message(app, ROLE_NORMAL, "Left out of review %s: %s%s%s%s", l->review,
				    ref, line.len ? " (" : "", strbuf_str(&line),
				    line.len ? ")" : "");
	}
	if (status != STATUS_OK) {
		app_message(app, ROLE_ERROR, "Could not change the review: %s",
			    cache_error(app->cache));
		goto out;
	}
	view->n_records -= view->n_records > 0;
	below_changed(view);
	status = list_rebuild(view, app);
	if (status != STATUS_OK)
		app_query_failed(app, status, &l->error);
out:
	free(ref);
	strbuf_free(&line);
	strbuf_free(&error);
}

static const struct view_ops list_ops = {
    .name = "list",
    .draw = list_draw,
    .handle = list_handle,
    .requery = list_requery,
    .render = list_render,
    .copy_cell = list_copy_cell,
    .free = list_free,
};

struct view *view_list_new(struct app *app, struct query_drill *drill, int64_t n_records)
{
	struct list_view *l = xcalloc(1, sizeof(*l));
	/* Take the drill over, with a copy of the search it borrowed from the state. */
	l->drill = *drill;
	memset(drill, 0, sizeof(*drill));
	l->match = dup_or_null(l->drill.filters.match);
	l->drill.filters.match = l->match;
	l->review = dup_or_null(l->drill.filters.review);
	l->drill.filters.review = l->review;
	l->marks_list = l->drill.filters.review_only;
	hit_terms_from_match(l->match, &l->hits);
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = &list_ops;
	view->data = l;
	set_crumb(view, app);
	view->n_records = n_records;
	view->height = draw_lines() - 3;
	enum status status =
	    list_query_new(app->cache, &l->drill.filters, NULL, 0, &l->query, &l->error);
	if (status == STATUS_OK && app->redact) {
		status = list_query_redact(l->query, app->redactor, NULL);
		l->redacted = true;
	}
	if (status == STATUS_OK)
		status = reload(view, app);
	if (status != STATUS_OK) {
		app_query_failed(app, status, &l->error);
		list_free(view);
		free(view->crumb);
		free(view);
		return NULL;
	}
	return view;
}
