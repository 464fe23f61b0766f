/*
 * view_record.c - one record: every field, then the notes wrapped, hits highlighted
 * (layer: TUI, draws through draw.c).
 */
#include <stdlib.h>
#include <string.h>

#include "tui.h"

struct field_line {
	char *name, *header, *value; /* name NULL for Kind and Date */
	char *shown; /* the value as the screen shows it: redacted when redaction is on */
};

struct record_view {
	int64_t id;
	char *file;
	unsigned long line;
	struct field_line *fields;
	size_t n_fields;
	char *notes, *notes_headers;
	char *shown_notes; /* the notes as shown (see record_shown) */
	int shown_for;	   /* the redaction (0 off, 1 on) the shown text was made for; -1 none */
	struct hit_terms hits;
	int first_line; /* the first display line shown */
	int n_lines;	/* display lines at the last draw */
	int *hit_lines; /* notes lines with a hit, as display lines */
	size_t n_hit_lines;
	long hit_at; /* the hit line n and N last went to; -1 before the first */
};

static void take_record(const struct cache_record_view *v, void *data)
{
	struct record_view *r = data;
	r->file = xstrdup(v->file ? v->file : "");
	r->line = v->line;
	r->notes = v->notes ? xstrdup(v->notes) : NULL;
	r->notes_headers = xstrdup(v->notes_headers ? v->notes_headers : "Notes");
	r->fields = xcalloc(v->n_values + 4, sizeof(*r->fields));
	struct {
		const char *header, *value;
	} fixed[] = {{"Kind", v->kind}, {"Date", v->date}};
	for (size_t i = 0; i < 2; i++) {
		r->fields[r->n_fields].header = xstrdup(fixed[i].header);
		r->fields[r->n_fields].value = xstrdup(fixed[i].value ? fixed[i].value : "");
		r->n_fields++;
	}
	for (size_t i = 0; i < v->n_values; i++) {
		if (!strcmp(v->values[i].role, "notes"))
			continue;
		r->fields[r->n_fields].name = xstrdup(v->values[i].name);
		r->fields[r->n_fields].header = xstrdup(v->values[i].header);
		r->fields[r->n_fields].value =
		    xstrdup(v->values[i].value ? v->values[i].value : "");
		r->n_fields++;
	}
}

/* Fills the shown values and notes: as recorded, or with redaction on, the record's
 * personal fields masked and their values (and the rules' finds) taken out of the notes and
 * the other values. What was removed is added to counts (may be NULL). */
static void record_shown(struct record_view *r, struct app *app, struct redact_counts *counts)
{
	struct redact_field *fields = xcalloc(r->n_fields + 1, sizeof(*fields));
	size_t n = 0;
	for (size_t i = 0; i < r->n_fields; i++)
		if (r->fields[i].name)
			fields[n++] = (struct redact_field){
			    r->fields[i].name, r->fields[i].header,
			    r->fields[i].value[0] ? r->fields[i].value : NULL};
	if (app->redact)
		redact_record_begin(app->redactor, fields, n);
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < r->n_fields; i++) {
		struct field_line *f = &r->fields[i];
		strbuf_reset(&out);
		if (app->redact && f->name && f->value[0]) {
			const struct redact_field field = {f->name, f->header, f->value};
			redact_record_value(app->redactor, &field, &out, counts);
		} else {
			strbuf_append_str(&out, f->value);
		}
		free(f->shown);
		f->shown = xstrdup(strbuf_str(&out));
	}
	strbuf_reset(&out);
	if (r->notes && app->redact)
		redact_text(app->redactor, r->notes, strlen(r->notes), &out, counts);
	else if (r->notes)
		strbuf_append_str(&out, r->notes);
	free(r->shown_notes);
	r->shown_notes = r->notes ? strbuf_detach(&out) : NULL;
	r->shown_for = app->redact;
	strbuf_free(&out);
	free(fields);
}

static int label_width(const struct record_view *r)
{
	int width = 6;
	for (size_t i = 0; i < r->n_fields; i++) {
		int w = draw_width(r->fields[i].header);
		width = w > width ? w : width;
	}
	return width > 30 ? 30 : width;
}

static void record_draw(struct view *view, struct app *app, int top, int height)
{
	struct record_view *r = view->data;
	int width = draw_cols(), labels = label_width(r);
	struct strbuf notes = STRBUF_INIT, clean = STRBUF_INIT;
	/* Redacting is done once per state of R, not on every key. */
	if (r->shown_for != (int)app->redact)
		record_shown(r, app, NULL);
	strbuf_append_str(&notes, r->shown_notes ? r->shown_notes : "");
	struct wrap_line *lines = NULL;
	size_t n_notes = draw_wrap(notes.len ? notes.data : "(none)", width - 2, &clean, &lines);
	/* Display lines: the fields, the source, a blank, the notes title, the notes. */
	int notes_start = (int)r->n_fields + 3;
	r->n_lines = notes_start + (int)n_notes;
	free(r->hit_lines);
	r->hit_lines = xcalloc(n_notes + 1, sizeof(*r->hit_lines));
	r->n_hit_lines = 0;
	for (size_t i = 0; i < n_notes; i++) {
		struct hit hit;
		if (hits_find(&r->hits, clean.data + lines[i].start, lines[i].len, &hit, 1))
			r->hit_lines[r->n_hit_lines++] = notes_start + (int)i;
	}
	if (r->first_line > r->n_lines - height)
		r->first_line = r->n_lines - height > 0 ? r->n_lines - height : 0;
	for (int i = 0; i < height; i++) {
		int line = r->first_line + i, y = top + i;
		if (line < (int)r->n_fields) {
			const struct field_line *f = &r->fields[line];
			draw_text(y, 0, labels, f->header, ROLE_LABEL, true);
			draw_text(y, labels, 2, "", ROLE_NORMAL, true);
			draw_text(y, labels + 2, width - labels - 2,
				  f->shown[0] ? f->shown : "(blank)",
				  f->shown[0] ? ROLE_NORMAL : ROLE_DIM, true);
		} else if (line == (int)r->n_fields) {
			struct strbuf source = STRBUF_INIT;
			strbuf_appendf(&source, "%s:%lu", r->file, r->line);
			draw_text(y, 0, labels, "Source", ROLE_LABEL, true);
			draw_text(y, labels + 2, width - labels - 2, source.data, ROLE_DIM, true);
			strbuf_free(&source);
		} else if (line == notes_start - 1) {
			struct strbuf title = STRBUF_INIT;
			strbuf_appendf(&title, "%s%s", r->notes_headers,
				       app->redact ? " (redacted)" : "");
			draw_text(y, 0, width, title.data, ROLE_HEADER, true);
			strbuf_free(&title);
		} else if (line >= notes_start && line < r->n_lines) {
			const struct wrap_line *w = &lines[line - notes_start];
			char *text = xstrndup(clean.data + w->start, w->len);
			draw_text(y, 0, 2, "", ROLE_NORMAL, true);
			draw_text_hits(y, 2, width - 2, text, notes.len ? ROLE_NORMAL : ROLE_DIM,
				       &r->hits, true);
			free(text);
		}
	}
	free(lines);
	strbuf_free(&notes);
	strbuf_free(&clean);
}

static void scroll_to(struct record_view *r, int line, int height)
{
	int max = r->n_lines - height > 0 ? r->n_lines - height : 0;
	r->first_line = line < 0 ? 0 : line > max ? max : line;
}

static bool record_handle(struct view *view, struct app *app, enum request request)
{
	struct record_view *r = view->data;
	int height = view->height > 0 ? view->height : 1;
	(void)app;
	switch (request) {
	case REQ_UP:
		scroll_to(r, r->first_line - 1, height);
		return true;
	case REQ_DOWN:
		scroll_to(r, r->first_line + 1, height);
		return true;
	case REQ_PAGE_DOWN:
		scroll_to(r, r->first_line + height, height);
		return true;
	case REQ_PAGE_UP:
		scroll_to(r, r->first_line - height, height);
		return true;
	case REQ_HALF_DOWN:
		scroll_to(r, r->first_line + height / 2, height);
		return true;
	case REQ_HALF_UP:
		scroll_to(r, r->first_line - height / 2, height);
		return true;
	case REQ_FIRST_ROW:
		scroll_to(r, 0, height);
		return true;
	case REQ_LAST_ROW:
		scroll_to(r, r->n_lines, height);
		return true;
	case REQ_NEXT_HIT:
	case REQ_PREV_HIT: {
		bool next = request == REQ_NEXT_HIT;
		long to = r->hit_at + (next ? 1 : -1);
		if (!next && r->hit_at < 0)
			to = -1;
		if (to < 0 || to >= (long)r->n_hit_lines) {
			app_message(app, ROLE_NORMAL,
				    r->n_hit_lines ? "No more hits %s" : "No search hits%s",
				    r->n_hit_lines ? (next ? "below" : "above") : "");
			return true;
		}
		r->hit_at = to;
		/* A line of context above the hit, when there is one. */
		scroll_to(r, r->hit_lines[to] - 1, height);
		app_message(app, ROLE_NORMAL, "Hit line %ld of %zu", to + 1, r->n_hit_lines);
		return true;
	}
	case REQ_ENTER:
		return true;
	default:
		return false;
	}
}

static bool record_render(struct view *view, struct app *app, enum render_format format,
			  struct strbuf *out)
{
	struct record_view *r = view->data;
	const char *sep = format == RENDER_CSV ? "," : format == RENDER_TSV ? "\t" : ": ";
	if (format == RENDER_JSON)
		return false;
	struct redact_counts counts = {{0}};
	record_shown(r, app, &counts);
	for (size_t i = 0; i <= r->n_fields; i++) {
		const char *header = i < r->n_fields ? r->fields[i].header : r->notes_headers;
		const char *value =
		    i < r->n_fields ? r->fields[i].shown : (r->shown_notes ? r->shown_notes : "");
		struct strbuf one = STRBUF_INIT;
		/* tsv and csv keep one line per field; text and md keep the notes' lines. */
		for (const char *c = value; *c; c++)
			strbuf_append_char(&one, (format == RENDER_TSV || format == RENDER_CSV) &&
							 (*c == '\n' || *c == '\r' || *c == '\t')
						     ? ' '
						     : *c);
		if (format == RENDER_CSV && strpbrk(strbuf_str(&one), ",\"")) {
			strbuf_appendf(out, "%s%s\"", header, sep);
			for (const char *c = strbuf_str(&one); *c; c++)
				strbuf_append_str(out, *c == '"' ? "\"\"" : (char[]){*c, 0});
			strbuf_append_str(out, "\"\r\n");
		} else {
			strbuf_appendf(out, "%s%s%s%s%s", format == RENDER_MD ? "- **" : "", header,
				       format == RENDER_MD ? "**" : "", sep, strbuf_str(&one));
			strbuf_append_str(out, format == RENDER_CSV ? "\r\n" : "\n");
		}
		strbuf_free(&one);
	}
	if (app->redact && (format == RENDER_TEXT || format == RENDER_MD)) {
		strbuf_append_str(out, "\n");
		render_note_redaction(&counts, format == RENDER_MD, out);
	}
	return true;
}

static bool record_copy_cell(struct view *view, struct app *app, struct strbuf *out)
{
	struct record_view *r = view->data;
	record_shown(r, app, NULL);
	strbuf_append_str(out, r->shown_notes ? r->shown_notes : "");
	return r->notes != NULL;
}

static void record_free(struct view *view)
{
	struct record_view *r = view->data;
	for (size_t i = 0; i < r->n_fields; i++) {
		free(r->fields[i].name);
		free(r->fields[i].header);
		free(r->fields[i].shown);
		free(r->fields[i].value);
	}
	free(r->fields);
	free(r->file);
	free(r->notes);
	free(r->notes_headers);
	free(r->shown_notes);
	free(r->hit_lines);
	hit_terms_free(&r->hits);
	free(r);
}

static const struct view_ops record_ops = {
    .name = "record",
    .draw = record_draw,
    .handle = record_handle,
    .render = record_render,
    .copy_cell = record_copy_cell,
    .free = record_free,
};

struct view *view_record_new(struct app *app, int64_t record_id, const char *ref)
{
	struct record_view *r = xcalloc(1, sizeof(*r));
	r->id = record_id;
	r->hit_at = -1;
	r->shown_for = -1;
	size_t n = 0;
	if (cache_record_by_id(app->cache, record_id, take_record, r, &n) != STATUS_OK || !n)
		app_message(app, ROLE_ERROR, "The record is no longer in the cache");
	hit_terms_from_match(app->state.now.match, &r->hits);
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = &record_ops;
	view->data = r;
	view->crumb = xstrdup(ref && ref[0] ? ref : "(no reference)");
	view->n_records = -1;
	return view;
}
