/*
 * view_totals.c - the home view: a table of totals per kind, crimes and incidents apart
 * (layer: TUI, draws through draw.c).
 *
 * One pivot per kind the cache holds (or the one --kind asked for), one above the other:
 * never one count over crimes and incidents together. The label column stays put while
 * the period columns scroll; Enter on a cell opens exactly the records behind it.
 */
#include <stdlib.h>
#include <string.h>

#include "crimeview/format.h"
#include "crimeview/review.h"
#include "tui.h"

#define SECTIONS_MAX 3

struct section {
	enum query_kind kind;
	struct table_spec spec;
	struct pivot *pivot;
	int label_width;
	int *widths;			 /* per cell column, the Total column last */
	struct redact_counts redactions; /* what redaction took out of the labels */
};

struct totals {
	struct section sections[SECTIONS_MAX];
	size_t n_sections;
	size_t section, row, col; /* row == n_rows: the Total row */
	int first_line;		  /* the first display line shown */
	size_t left_col;	  /* the first cell column shown after the labels */
	int measured_width;	  /* the screen width the columns were measured for */
	struct strbuf error;	  /* while a query runs */
};

static size_t n_cells(const struct pivot *p)
{
	return p->n_columns + (p->has_total_column ? 1 : 0);
}

static const char *section_title(enum query_kind kind)
{
	switch (kind) {
	case QUERY_KIND_CRIME:
		return "CRIMES";
	case QUERY_KIND_INCIDENT:
		return "INCIDENTS";
	case QUERY_KIND_OTHER:
		return "NEITHER CRIME NOR INCIDENT";
	case QUERY_KIND_ANY:
		break;
	}
	return "CRIMES AND INCIDENTS";
}

static const struct pivot_row *row_at(const struct pivot *p, size_t r)
{
	return r < p->n_rows ? &p->rows[r] : &p->total;
}

static void column_label(const struct pivot *p, size_t c, struct strbuf *out)
{
	if (c >= p->n_columns) {
		strbuf_append_str(out, "Total");
		return;
	}
	strbuf_append_str(out, p->columns[c].label);
	if (p->columns[c].cut)
		strbuf_appendf(out, " (%s)", p->columns[c].cut);
}

static void row_label(const struct pivot *p, size_t r, struct strbuf *out)
{
	const struct pivot_row *row = row_at(p, r);
	if (r < p->n_rows && row->level == 1)
		strbuf_append_str(out, "  ");
	strbuf_append_str(out, row->labels[row->level] ? row->labels[row->level] : "");
	if (row->cut)
		strbuf_appendf(out, " (%s)", row->cut);
}

static void label_title(const struct pivot *p, struct strbuf *out)
{
	for (size_t d = 0; d < p->n_row_levels; d++)
		strbuf_appendf(out, "%s%s", d ? " / " : "",
			       p->row_titles[d] ? p->row_titles[d] : "");
}

static void measure_widths(struct section *s, int screen_width)
{
	const struct pivot *p = s->pivot;
	struct strbuf text = STRBUF_INIT;
	label_title(p, &text);
	int widest = draw_width(text.data);
	for (size_t r = 0; r <= p->n_rows; r++) {
		strbuf_reset(&text);
		row_label(p, r, &text);
		int w = draw_width(text.data);
		widest = w > widest ? w : widest;
	}
	int cap = screen_width * 2 / 5 > 16 ? screen_width * 2 / 5 : 16;
	s->label_width = widest < cap ? widest : cap;
	free(s->widths);
	s->widths = xcalloc(n_cells(p) + 1, sizeof(*s->widths));
	char buf[RENDER_VALUE_SIZE];
	for (size_t c = 0; c < n_cells(p); c++) {
		strbuf_reset(&text);
		column_label(p, c, &text);
		int w = draw_width(text.data);
		for (size_t r = 0; r <= p->n_rows; r++) {
			int cw = draw_width(render_cell(p, c, &row_at(p, r)->cells[c], buf));
			w = cw > w ? cw : w;
		}
		s->widths[c] = w;
	}
	strbuf_free(&text);
}

static void sections_free(struct totals *t)
{
	for (size_t i = 0; i < t->n_sections; i++) {
		pivot_free(t->sections[i].pivot);
		free(t->sections[i].widths);
	}
	memset(t->sections, 0, sizeof(t->sections));
	t->n_sections = 0;
}

static enum status totals_refresh(struct view *view, struct app *app)
{
	struct totals *t = view->data;
	struct totals fresh = {.error = STRBUF_INIT};
	enum query_kind kinds[SECTIONS_MAX];
	size_t n = 0;
	if (app->state.now.kind != QUERY_KIND_ANY) {
		kinds[n++] = app->state.now.kind;
	} else {
		if (app->has_crimes || (!app->has_incidents && !app->has_other))
			kinds[n++] = QUERY_KIND_CRIME;
		if (app->has_incidents)
			kinds[n++] = QUERY_KIND_INCIDENT;
		if (app->has_other)
			kinds[n++] = QUERY_KIND_OTHER;
	}
	enum status status = STATUS_OK;
	int64_t n_records = 0;
	app_query_begin(app);
	for (size_t i = 0; i < n && status == STATUS_OK; i++) {
		struct section *s = &fresh.sections[fresh.n_sections];
		s->kind = kinds[i];
		state_spec(&app->state, kinds[i], &s->spec);
		status = query_table(app->cache, &s->spec, &s->pivot, &fresh.error);
		if (status != STATUS_OK)
			break;
		/* Redaction reaches the labels too: a table by victim name lists no names. */
		if (app->redact)
			pivot_redact(s->pivot, app->redactor, &s->redactions);
		/* Records of no known kind only get a table when the filters leave some. */
		if (s->kind == QUERY_KIND_OTHER && !s->pivot->n_records && fresh.n_sections) {
			pivot_free(s->pivot);
			s->pivot = NULL;
			continue;
		}
		measure_widths(s, draw_cols());
		n_records += s->pivot->n_records;
		fresh.n_sections++;
	}
	app_query_end(app);
	if (status != STATUS_OK) {
		/* Keep the table on the screen: it still matches the filters it was made with
		 * until the caller puts them back. */
		app_query_failed(app, status, &fresh.error);
		sections_free(&fresh);
		strbuf_free(&fresh.error);
		return status;
	}
	sections_free(t);
	memcpy(t->sections, fresh.sections, sizeof(t->sections));
	t->n_sections = fresh.n_sections;
	strbuf_free(&fresh.error);
	view->n_records = n_records;
	t->measured_width = draw_cols();
	if (t->section >= t->n_sections)
		t->section = 0;
	if (t->n_sections) {
		const struct pivot *p = t->sections[t->section].pivot;
		if (t->row > p->n_rows)
			t->row = p->n_rows;
		if (t->col >= n_cells(p))
			t->col = n_cells(p) ? n_cells(p) - 1 : 0;
	}
	return STATUS_OK;
}

/* The display line of a section's title; its header is the next, its rows follow. */
static int section_line(const struct totals *t, size_t s)
{
	int line = 0;
	for (size_t i = 0; i < s; i++)
		line += (int)t->sections[i].pivot->n_rows + 4;
	return line;
}

static void draw_section_row(const struct section *s, const struct totals *t, size_t si, size_t r,
			     int y, int width)
{
	const struct pivot *p = s->pivot;
	const struct pivot_row *row = row_at(p, r);
	bool total = r == p->n_rows;
	struct strbuf label = STRBUF_INIT;
	row_label(p, r, &label);
	bool on_row = si == t->section && r == t->row;
	enum role label_role = total ? ROLE_TOTAL : ROLE_LABEL;
	int x = draw_text(y, 0, s->label_width, label.data, label_role, true);
	x = s->label_width;
	strbuf_free(&label);
	char buf[RENDER_VALUE_SIZE];
	for (size_t c = t->left_col; c < n_cells(p); c++) {
		int w = s->widths[c];
		if (x + 2 + w > width && c > t->left_col)
			break;
		const struct pivot_cell *cell = &row->cells[c];
		const char *text = render_cell(p, c, cell, buf);
		enum role role = total || c >= p->n_columns ? ROLE_TOTAL : ROLE_NORMAL;
		if (cell->state == PIVOT_CELL_SHOWN && cell->value == 0 && role == ROLE_NORMAL)
			role = ROLE_DIM;
		if (on_row && c == t->col)
			role = ROLE_CURSOR;
		draw_blank(y, x, 2, ROLE_NORMAL);
		draw_text_right(y, x + 2, w < width - x - 2 ? w : width - x - 2, text, role);
		x += 2 + w;
	}
}

static void draw_section_header(const struct section *s, const struct totals *t, int y, int width)
{
	const struct pivot *p = s->pivot;
	struct strbuf text = STRBUF_INIT;
	label_title(p, &text);
	draw_text(y, 0, s->label_width, text.data, ROLE_HEADER, true);
	int x = s->label_width;
	for (size_t c = t->left_col; c < n_cells(p); c++) {
		int w = s->widths[c];
		if (x + 2 + w > width && c > t->left_col)
			break;
		strbuf_reset(&text);
		column_label(p, c, &text);
		draw_blank(y, x, 2, ROLE_NORMAL);
		draw_text_right(y, x + 2, w < width - x - 2 ? w : width - x - 2, text.data,
				ROLE_HEADER);
		x += 2 + w;
	}
	strbuf_free(&text);
}

/* Scrolls so that the cursor's row and column are on the screen. */
static void keep_cursor_visible(struct totals *t, int height, int width)
{
	const struct section *s = &t->sections[t->section];
	/* Sections differ in columns: a move between them may leave the cursor past the last. */
	if (t->col >= n_cells(s->pivot))
		t->col = n_cells(s->pivot) ? n_cells(s->pivot) - 1 : 0;
	int line = section_line(t, t->section) + 2 + (int)t->row;
	int title = section_line(t, t->section);
	if (line - title < height && title < t->first_line)
		t->first_line = title; /* show the section's title and header when they fit */
	if (line < t->first_line)
		t->first_line = line;
	if (line >= t->first_line + height)
		t->first_line = line - height + 1;
	if (t->col < t->left_col)
		t->left_col = t->col;
	while (t->left_col < t->col) {
		int x = s->label_width;
		for (size_t c = t->left_col; c <= t->col; c++)
			x += 2 + s->widths[c];
		if (x <= width)
			break;
		t->left_col++;
	}
}

static void totals_draw(struct view *view, struct app *app, int top, int height)
{
	struct totals *t = view->data;
	int width = draw_cols();
	(void)app;
	if (!t->n_sections) {
		draw_text(top, 0, width, "No table", ROLE_ERROR, true);
		return;
	}
	if (width != t->measured_width) {
		for (size_t i = 0; i < t->n_sections; i++)
			measure_widths(&t->sections[i], width);
		t->measured_width = width;
	}
	keep_cursor_visible(t, height, width);
	for (int i = 0; i < height; i++) {
		int line = t->first_line + i, y = top + i;
		for (size_t si = 0; si < t->n_sections; si++) {
			const struct section *s = &t->sections[si];
			int start = section_line(t, si);
			int end = start + (int)s->pivot->n_rows + 4;
			if (line < start || line >= end)
				continue;
			int offset = line - start;
			if (offset == 0) {
				struct strbuf title = STRBUF_INIT;
				char count[32];
				format_count(s->pivot->n_records, count, sizeof(count));
				strbuf_appendf(&title, "%s: %s record%s", section_title(s->kind),
					       count, s->pivot->n_records == 1 ? "" : "s");
				draw_text(y, 0, width, title.data, ROLE_TITLE, true);
				strbuf_free(&title);
			} else if (offset == 1) {
				draw_section_header(s, t, y, width);
			} else if (offset - 2 <= (int)s->pivot->n_rows) {
				draw_section_row(s, t, si, (size_t)(offset - 2), y, width);
			}
		}
	}
}

static void move_rows(struct totals *t, long delta)
{
	while (delta > 0) {
		const struct pivot *p = t->sections[t->section].pivot;
		if (t->row < p->n_rows)
			t->row++;
		else if (t->section + 1 < t->n_sections)
			t->section++, t->row = 0;
		else
			break;
		delta--;
	}
	while (delta < 0) {
		if (t->row > 0)
			t->row--;
		else if (t->section > 0)
			t->section--, t->row = t->sections[t->section].pivot->n_rows;
		else
			break;
		delta++;
	}
	const struct pivot *p = t->sections[t->section].pivot;
	if (t->col >= n_cells(p))
		t->col = n_cells(p) ? n_cells(p) - 1 : 0;
}

static void drill(struct view *view, struct app *app)
{
	struct totals *t = view->data;
	const struct section *s = &t->sections[t->section];
	const struct pivot *p = s->pivot;
	struct query_drill drill;
	query_drill(&s->spec, p, t->row, t->col, &drill);
	const struct pivot_cell *cell = &row_at(p, t->row)->cells[t->col];
	struct view *list = view_list_new(app, &drill, cell->n_records);
	query_drill_free(&drill);
	if (list)
		app_push(app, list);
	(void)view;
}

static bool totals_handle(struct view *view, struct app *app, enum request request)
{
	struct totals *t = view->data;
	if (!t->n_sections)
		return false;
	size_t cells = n_cells(t->sections[t->section].pivot);
	long page = view->height > 4 ? view->height - 2 : 1;
	switch (request) {
	case REQ_UP:
		move_rows(t, -1);
		return true;
	case REQ_DOWN:
		move_rows(t, 1);
		return true;
	case REQ_PAGE_DOWN:
		move_rows(t, page);
		return true;
	case REQ_PAGE_UP:
		move_rows(t, -page);
		return true;
	case REQ_HALF_DOWN:
		move_rows(t, page / 2);
		return true;
	case REQ_HALF_UP:
		move_rows(t, -page / 2);
		return true;
	case REQ_LEFT:
		t->col -= t->col > 0;
		return true;
	case REQ_RIGHT:
		t->col += t->col + 1 < cells;
		return true;
	case REQ_FIRST_ROW:
		t->section = t->row = 0;
		return true;
	case REQ_LAST_ROW:
		t->section = t->n_sections - 1;
		t->row = t->sections[t->section].pivot->n_rows;
		move_rows(t, 0); /* keeps the column inside the section */
		return true;
	case REQ_FIRST_COLUMN:
		t->col = 0;
		return true;
	case REQ_LAST_COLUMN:
		t->col = cells ? cells - 1 : 0;
		return true;
	case REQ_ENTER:
		drill(view, app);
		return true;
	default:
		return false;
	}
}

static bool totals_render(struct view *view, struct app *app, enum render_format format,
			  struct strbuf *out)
{
	struct totals *t = view->data;
	if (!t->n_sections)
		return false;
	bool json_array = format == RENDER_JSON && t->n_sections > 1;
	if (json_array)
		strbuf_append_str(out, "[\n");
	for (size_t i = 0; i < t->n_sections; i++) {
		const struct section *s = &t->sections[i];
		struct render_method method;
		struct review_summary review = {0};
		struct strbuf error = STRBUF_INIT;
		/* A redacted export's note does not repeat a name its filters hold. */
		struct redacted_filters redacted = {0};
		struct table_spec noted = s->spec;
		if (app->redact) {
			redacted_filters_make(&s->spec.filters, app->redactor, &redacted);
			noted.filters = redacted.filters;
		}
		app_method(app, &noted, &method);
		method.row_titles = (const char *const *)s->pivot->row_titles;
		method.redaction = app->redact ? &s->redactions : NULL;
		if (s->spec.filters.review && query_review_summary(app->cache, &s->spec.filters,
								   &review, &error) == STATUS_OK)
			method.review = &review;
		strbuf_free(&error);
		if (i && format != RENDER_JSON)
			strbuf_append_str(out, format == RENDER_CSV ? "\r\n" : "\n");
		if (i && json_array)
			strbuf_append_str(out, ",\n");
		if (format == RENDER_TEXT)
			strbuf_appendf(out, "%s\n\n", section_title(s->kind));
		else if (format == RENDER_MD)
			strbuf_appendf(out, "## %s\n\n", section_title(s->kind));
		render_pivot(s->pivot, format, format == RENDER_TSV ? NULL : &method, out);
		review_summary_clear(&review);
		redacted_filters_free(&redacted);
	}
	if (json_array)
		strbuf_append_str(out, "]\n");
	return true;
}

static bool totals_copy_cell(struct view *view, struct app *app, struct strbuf *out)
{
	struct totals *t = view->data;
	(void)app;
	if (!t->n_sections)
		return false;
	const struct pivot *p = t->sections[t->section].pivot;
	char buf[RENDER_VALUE_SIZE];
	const char *text = render_cell(p, t->col, &row_at(p, t->row)->cells[t->col], buf);
	for (const char *c = text; *c; c++)
		if (*c != ',')
			strbuf_append_char(out, *c);
	return true;
}

static void totals_free(struct view *view)
{
	struct totals *t = view->data;
	sections_free(t);
	free(t);
}

static const struct view_ops totals_ops = {
    .name = "totals",
    .draw = totals_draw,
    .handle = totals_handle,
    .requery = totals_refresh,
    .render = totals_render,
    .copy_cell = totals_copy_cell,
    .free = totals_free,
};

struct view *view_totals_new(struct app *app)
{
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = &totals_ops;
	view->crumb = xstrdup("Totals");
	view->data = xcalloc(1, sizeof(struct totals));
	totals_refresh(view, app);
	return view;
}
