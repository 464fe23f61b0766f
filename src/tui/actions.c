/*
 * actions.c - the keys that work in every view: filters, table options, redaction,
 * export and copy, help, back and quit (layer: TUI, no curses).
 *
 * A change to the filters or options saves the state first (U undoes it), leaves the
 * record lists (they were drawn from the old filters) and queries the totals again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crimeview/date.h"
#include "crimeview/format.h"
#include "crimeview/match.h"
#include "crimeview/review.h"
#include "tui.h"

/* Values offered by the field filter: the most frequent first. */
#define VALUES_MAX 5000

/* The state changed (saved first with state_save): the views follow, or when their query
 * fails or is cancelled the state goes back to what the screen shows. */
static void state_changed(struct app *app, const char *what)
{
	while (app->top->parent &&
	       (!strcmp(app->top->ops->name, "list") || !strcmp(app->top->ops->name, "record")))
		app_pop(app);
	if (!app->top->ops->requery) {
		for (struct view *v = app->top->parent; v; v = v->parent)
			v->stale = true;
	} else if (app->top->ops->requery(app->top, app) != STATUS_OK) {
		state_undo(&app->state);
		strbuf_append_str(&app->message, "; the table and filters are as they were");
		return;
	}
	if (what && !app->message.len)
		app_message(app, ROLE_NORMAL, "%s", what);
}

/* ---- filters ---- */

static void search_notes(struct app *app)
{
	struct strbuf line = STRBUF_INIT, fts = STRBUF_INIT, error = STRBUF_INIT;
	if (prompt_line(app, "Search notes: ", app->state.now.match, &line)) {
		if (line.len && match_translate(line.data, &fts, &error) != STATUS_OK) {
			app_message(app, ROLE_ERROR, "%s", error.data);
		} else {
			state_save(&app->state);
			state_set_match(&app->state, line.data);
			state_changed(app, line.len ? "Notes search set" : "Notes search cleared");
		}
	}
	strbuf_free(&line);
	strbuf_free(&fts);
	strbuf_free(&error);
}

struct field_choice {
	char **names, **labels;
	size_t n;
};

static void field_choice_free(struct field_choice *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->names[i]);
		free(c->labels[i]);
	}
	free(c->names);
	free(c->labels);
}

/* The fields that can be counted (not the notes), plus "period" first when with_period. */
static bool load_fields(struct app *app, bool with_period, struct field_choice *out)
{
	struct cache_field_info *fields;
	size_t n;
	memset(out, 0, sizeof(*out));
	if (cache_fields_list(app->cache, false, &fields, &n) != STATUS_OK) {
		app_message(app, ROLE_ERROR, "%s: %s", app->db_path, cache_error(app->cache));
		return false;
	}
	out->names = xcalloc(n + 2, sizeof(*out->names));
	out->labels = xcalloc(n + 2, sizeof(*out->labels));
	if (with_period) {
		out->names[out->n] = xstrdup("period");
		out->labels[out->n++] = xstrdup("(periods as rows)");
	}
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(fields[i].role, "notes"))
			continue;
		out->names[out->n] = xstrdup(fields[i].name);
		struct strbuf label = STRBUF_INIT;
		strbuf_appendf(&label, "%s  (%s, %s)", fields[i].header, fields[i].name,
			       fields[i].type);
		out->labels[out->n++] = strbuf_detach(&label);
	}
	cache_fields_free(fields, n);
	return true;
}

struct value_choice {
	char **values;
	int64_t *counts;
	size_t n;
};

static void take_value(const char *value, int64_t n, void *data)
{
	struct value_choice *c = data;
	c->values[c->n] = xstrdup(value ? value : "");
	c->counts[c->n++] = n;
}

static void filter_on_field(struct app *app)
{
	struct field_choice fields;
	if (!load_fields(app, false, &fields))
		return;
	long f = picker_run(app, "Filter on which field?", (const char *const *)fields.labels, NULL,
			    fields.n, 0);
	if (f < 0) {
		field_choice_free(&fields);
		return;
	}
	struct table_spec spec;
	state_spec(&app->state, app->state.now.kind, &spec);
	struct value_choice values = {xcalloc(VALUES_MAX, sizeof(char *)),
				      xcalloc(VALUES_MAX, sizeof(int64_t)), 0};
	struct strbuf error = STRBUF_INIT, title = STRBUF_INIT;
	app_query_begin(app);
	enum status status = query_field_values(app->cache, &spec.filters, fields.names[f],
						VALUES_MAX, take_value, &values, &error);
	app_query_end(app);
	if (status != STATUS_OK) {
		app_query_failed(app, status, &error);
	} else {
		strbuf_appendf(&title, "%s: pick a value (%zu, most frequent first)",
			       fields.names[f], values.n);
		long v = picker_run(app, title.data, (const char *const *)values.values,
				    values.counts, values.n, 0);
		if (v >= 0) {
			state_save(&app->state);
			const char *value = values.values[v];
			state_add_where(&app->state, fields.names[f],
					value[0] ? WHERE_EQUALS : WHERE_BLANK, value);
			state_changed(app, "Filter added");
		}
	}
	for (size_t i = 0; i < values.n; i++)
		free(values.values[i]);
	free(values.values);
	free(values.counts);
	strbuf_free(&error);
	strbuf_free(&title);
	field_choice_free(&fields);
}

/* Reads one date bound; false when cancelled or wrong (said on the message line). */
static bool ask_date(struct app *app, const char *label, const char *now, char iso[11])
{
	struct strbuf line = STRBUF_INIT;
	bool ok = prompt_line(app, label, now, &line);
	if (ok && line.len) {
		struct date_value date;
		if (date_parse(line.data, line.len, DATE_ORDER_DAY_FIRST, NULL, &date, NULL) !=
			STATUS_OK ||
		    date.precision != DATE_PRECISION_DAY) {
			app_message(app, ROLE_ERROR,
				    "Not a date: %s (try 2019-02-01 or 01/02/2019)", line.data);
			ok = false;
		} else {
			snprintf(iso, 11, "%04d-%02d-%02d", date.year, date.month, date.day);
		}
	} else if (ok) {
		iso[0] = '\0';
	}
	strbuf_free(&line);
	return ok;
}

static void date_range(struct app *app)
{
	char from[11], to[11];
	if (!ask_date(app, "From (blank: the first date): ", app->state.now.from, from) ||
	    !ask_date(app, "To, inclusive (blank: the last date): ", app->state.now.to, to))
		return;
	if (from[0] && to[0] && strcmp(from, to) > 0) {
		app_message(app, ROLE_ERROR, "The range ends (%s) before it starts (%s)", to, from);
		return;
	}
	state_save(&app->state);
	memcpy(app->state.now.from, from, sizeof(from));
	memcpy(app->state.now.to, to, sizeof(to));
	state_changed(app, "Date range set");
}

static void pick_kind(struct app *app)
{
	static const char *const kinds[] = {"Every kind (crimes and incidents apart)", "Crimes",
					    "Incidents", "Neither crime nor incident"};
	static const enum query_kind values[] = {QUERY_KIND_ANY, QUERY_KIND_CRIME,
						 QUERY_KIND_INCIDENT, QUERY_KIND_OTHER};
	long k =
	    picker_run(app, "Show which records?", kinds, NULL, 4, (size_t)app->state.now.kind);
	if (k < 0)
		return;
	state_save(&app->state);
	app->state.now.kind = values[k];
	state_changed(app, NULL);
}

/* ---- table options ---- */

static void pick_rows(struct app *app)
{
	struct field_choice fields;
	if (!load_fields(app, true, &fields))
		return;
	bool nest = app->state.now.n_rows == 1;
	const char *title = nest ? "Rows: pick a field to nest under the rows (or periods to reset)"
				 : "Rows: pick a field";
	long f = picker_run(app, title, (const char *const *)fields.labels, NULL, fields.n, 0);
	if (f >= 0) {
		state_save(&app->state);
		state_set_rows(&app->state, fields.names[f], nest);
		state_changed(app, NULL);
	}
	field_choice_free(&fields);
}

static void pick_period(struct app *app)
{
	static const char *const names[] = {
	    "year (January-December)",
	    "financial year (April-March, 2019/20)",
	    "quarter",
	    "month",
	    "year starting another month (year@MM)",
	};
	long p = picker_run(app, "Period", names, NULL, 5, 0);
	if (p < 0)
		return;
	struct period_spec period = {PERIOD_YEAR, 1};
	if (p == 1)
		period.start_month = 4;
	else if (p == 2)
		period.kind = PERIOD_QUARTER;
	else if (p == 3)
		period.kind = PERIOD_MONTH;
	if (p == 4) {
		struct strbuf line = STRBUF_INIT;
		bool ok = prompt_line(app, "Years start in month (1-12): ", NULL, &line);
		int month = ok ? atoi(line.data ? line.data : "") : 0;
		strbuf_free(&line);
		if (month < 1 || month > 12) {
			if (ok)
				app_message(app, ROLE_ERROR, "A month is 1 to 12");
			return;
		}
		period.start_month = month;
	}
	state_save(&app->state);
	app->state.now.period = period;
	state_changed(app, NULL);
}

/* ---- export and copy ---- */

static bool write_file_atomically(const char *path, const struct strbuf *text, struct strbuf *why)
{
	struct strbuf tmp = STRBUF_INIT;
	strbuf_appendf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	/* An export may hold personal data: only its owner reads it. */
	int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	bool ok = fd >= 0;
	size_t done = 0;
	while (ok && done < text->len) {
		ssize_t n = write(fd, text->data + done, text->len - done);
		ok = n > 0;
		done += ok ? (size_t)n : 0;
	}
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok && rename(tmp.data, path) != 0)
		ok = false;
	if (!ok) {
		strbuf_appendf(why, "%s: %s", path, strerror(errno));
		unlink(tmp.data);
	}
	strbuf_free(&tmp);
	return ok;
}

static void export_view(struct app *app)
{
	if (!app->top->ops->render) {
		app_message(app, ROLE_ERROR, "This view has nothing to export");
		return;
	}
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, why = STRBUF_INIT;
	enum render_format format;
	if (prompt_line(app, "Export to (.csv .tsv .md .txt .json): ", NULL, &path) && path.len) {
		if (!render_format_from_path(path.data, &format)) {
			app_message(app, ROLE_ERROR,
				    "%s: name the format with .csv, .tsv, .md, .txt or .json",
				    path.data);
		} else if (!app->top->ops->render(app->top, app, format, &text)) {
			app_message(app, ROLE_ERROR, "This view cannot be written as that format");
		} else if (!write_file_atomically(path.data, &text, &why)) {
			app_message(app, ROLE_ERROR, "Export failed: %s", why.data);
		} else {
			char bytes[32];
			format_count((int64_t)text.len, bytes, sizeof(bytes));
			bool notes = strcmp(app->top->ops->name, "totals") != 0;
			app_message(app, ROLE_NORMAL, "Exported to %s (%s byte%s%s)", path.data,
				    bytes, text.len == 1 ? "" : "s",
				    notes && app->redact ? ", notes redacted" : "");
		}
	}
	strbuf_free(&path);
	strbuf_free(&text);
	strbuf_free(&why);
}

static void copy(struct app *app, bool whole_view)
{
	struct strbuf text = STRBUF_INIT;
	bool have =
	    whole_view
		? app->top->ops->render && app->top->ops->render(app->top, app, RENDER_TSV, &text)
		: app->top->ops->copy_cell && app->top->ops->copy_cell(app->top, app, &text);
	if (!have) {
		app_message(app, ROLE_ERROR, "Nothing to copy here");
	} else {
		size_t copied = clipboard_copy(text.data ? text.data : "", text.len);
		char bytes[32];
		format_count((int64_t)copied, bytes, sizeof(bytes));
		if (!copied && text.len)
			app_message(app, ROLE_ERROR, "Could not write to the terminal to copy");
		else
			app_message(app, ROLE_NORMAL, "Copied %s (%s byte%s%s%s) to the clipboard",
				    whole_view ? "the view as tsv" : "the cell", bytes,
				    copied == 1 ? "" : "s", app->redact ? ", redacted" : "",
				    copied < text.len ? ", cut to fit the terminal's limit" : "");
	}
	strbuf_free(&text);
}

/* ---- reviews ---- */

/* X: the review's marks, each with its reason; x there puts a record back. */
static void show_marks(struct app *app)
{
	const char *review = app->state.now.review;
	if (!review) {
		app_message(
		    app, ROLE_NORMAL,
		    "No review: open with --review NAME, or leave a record out with x in a list");
		return;
	}
	int64_t n = 0;
	if (review_count(app->cache, review, &n) != STATUS_OK) {
		app_message(app, ROLE_ERROR, "%s: %s", app->db_path, cache_error(app->cache));
		return;
	}
	struct query_drill drill = {0};
	drill.filters.review = review;
	drill.filters.review_only = true;
	struct strbuf title = STRBUF_INIT;
	strbuf_appendf(&title, "Review %s: left out", review);
	drill.title = strbuf_detach(&title);
	struct view *view = view_list_new(app, &drill, n);
	query_drill_free(&drill);
	if (view)
		app_push(app, view);
}

/* ---- the dispatcher ---- */

bool actions_handle(struct app *app, enum request request)
{
	struct browse_options *o = &app->state.now;
	switch (request) {
	case REQ_BACK:
		if (app->top->parent)
			app_pop(app);
		else
			app->quit = true;
		return true;
	case REQ_QUIT:
		app->quit = true;
		return true;
	case REQ_HELP:
		if (strcmp(app->top->ops->name, "help"))
			app_push(app, view_help_new(app));
		return true;
	case REQ_FILTER_STACK:
		app_push(app, view_filters_new(app));
		return true;
	case REQ_UNDO:
		if (state_undo(&app->state))
			state_changed(app, "Undone");
		else
			app_message(app, ROLE_NORMAL, "Nothing to undo");
		return true;
	case REQ_SEARCH:
		search_notes(app);
		return true;
	case REQ_FILTER_FIELD:
		filter_on_field(app);
		return true;
	case REQ_DATE_RANGE:
		date_range(app);
		return true;
	case REQ_KIND:
		pick_kind(app);
		return true;
	case REQ_ROWS:
		pick_rows(app);
		return true;
	case REQ_PERIOD:
		pick_period(app);
		return true;
	case REQ_COUNT:
		state_save(&app->state);
		o->count_refs = !o->count_refs;
		state_changed(app,
			      o->count_refs ? "Counting distinct references" : "Counting rows");
		return true;
	case REQ_SUPPRESS:
		state_save(&app->state);
		o->suppress = o->suppress ? 0 : o->suppress_threshold;
		if (o->suppress)
			app_message(app, ROLE_NORMAL, "Counts under %d suppressed", o->suppress);
		state_changed(app, "Suppression off");
		return true;
	case REQ_REDACT:
		app->redact = !app->redact;
		/* Every view shows it: the one on top now, those below when back on top. */
		for (struct view *v = app->top->parent; v; v = v->parent)
			v->stale = true;
		if (app->top->ops->requery)
			app->top->ops->requery(app->top, app);
		app_message(
		    app, ROLE_NORMAL,
		    app->redact
			? "Redacted: personal fields masked, personal data taken out of notes"
			: "Shown as recorded: not redacted");
		return true;
	case REQ_MARKS:
		show_marks(app);
		return true;
	case REQ_MARK:
		app_message(app, ROLE_NORMAL, "x works in a list of records");
		return true;
	case REQ_SORT_LABEL:
	case REQ_SORT_TOTAL:
		state_save(&app->state);
		o->sort = request == REQ_SORT_LABEL ? SORT_LABEL : SORT_TOTAL;
		state_changed(app,
			      request == REQ_SORT_LABEL ? "Sorted by label" : "Sorted by total");
		return true;
	case REQ_EXPORT:
		export_view(app);
		return true;
	case REQ_COPY_CELL:
	case REQ_COPY_VIEW:
		copy(app, request == REQ_COPY_VIEW);
		return true;
	case REQ_REDRAW:
		ui_redraw_all();
		return true;
	case REQ_NEXT_HIT:
	case REQ_PREV_HIT:
		app_message(app, ROLE_NORMAL, "n and N move between search hits in a record");
		return true;
	case REQ_REMOVE:
		app_message(app, ROLE_NORMAL, "d removes a filter in the filter stack (Tab)");
		return true;
	default:
		return false;
	}
}
