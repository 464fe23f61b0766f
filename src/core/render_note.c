/*
 * render_note.c - the method note: how a table was made, in plain English an FOI officer
 * can paste into a response (layer: core).
 *
 * One line per fact ("Kind: crimes", "Dates: ...", "Where: ..."), as text lines or
 * Markdown bullets. Each line is written in full first, then sanitized as one line, so
 * nothing a user typed or a file held (a search, a value, a path) can reach a terminal
 * as a control sequence or break the line.
 */
#include <stdio.h>
#include <string.h>

#include "crimeview/format.h"
#include "crimeview/render.h"
#include "crimeview/text.h"
#include "render_internal.h"

/* clang-format off */
static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};
/* clang-format on */

static const char *month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month - 1] : "January";
}

/* The month n months after month (1-12), wrapping round the year. */
static int month_after(int month, int n)
{
	if (month < 1 || month > 12)
		month = 1;
	return (month - 1 + n) % 12 + 1;
}

/* Ends line (a whole "Name: value" line): sanitized as one line, a bullet in Markdown. */
static void note_emit(struct strbuf *line, bool markdown, struct strbuf *out)
{
	if (markdown)
		strbuf_append_str(out, "- ");
	text_sanitize(line->data ? line->data : "", line->len, TEXT_SANITIZE_ONE_LINE, out);
	strbuf_append_char(out, '\n');
	strbuf_reset(line);
}

static void describe_kind(enum query_kind kind, struct strbuf *line)
{
	switch (kind) {
	case QUERY_KIND_CRIME:
		strbuf_append_str(line, "Kind: crimes");
		return;
	case QUERY_KIND_INCIDENT:
		strbuf_append_str(line, "Kind: incidents");
		return;
	case QUERY_KIND_OTHER:
		strbuf_append_str(line, "Kind: neither crimes nor incidents");
		return;
	case QUERY_KIND_ANY:
		break;
	}
	strbuf_append_str(line, "Kind: crimes and incidents");
}

static void describe_dates(const struct query_filters *filters, struct strbuf *line)
{
	const char *by = "by the date field of each file";
	if (filters->from[0] && filters->to[0])
		strbuf_appendf(line, "Dates: %s to %s (inclusive, %s)", filters->from, filters->to,
			       by);
	else if (filters->from[0])
		strbuf_appendf(line, "Dates: from %s (inclusive, %s)", filters->from, by);
	else if (filters->to[0])
		strbuf_appendf(line, "Dates: up to %s (inclusive, %s)", filters->to, by);
	else
		strbuf_append_str(line, "Dates: all");
}

/* A value that holds a space or a separator of this line is quoted, so that it cannot
 * be read as two values or as the next condition. */
static void append_value(struct strbuf *line, const char *value)
{
	if (!value[0] || strpbrk(value, " \t;,\"")) {
		strbuf_appendf(line, "\"%s\"", value);
		return;
	}
	strbuf_append_str(line, value);
}

static void append_term(struct strbuf *line, const struct where_term *term, bool with_field)
{
	const char *field = term->field ? term->field : "";
	const char *value = term->value ? term->value : "";
	if (term->op == WHERE_BLANK) {
		strbuf_appendf(line, "%s is blank", field);
		return;
	}
	if (term->op == WHERE_NOT_NUMBER) {
		strbuf_appendf(line, "%s is not a number", field);
		return;
	}
	if (with_field) {
		const char *op = term->op == WHERE_CONTAINS   ? "contains"
				 : term->op == WHERE_AT_LEAST ? ">="
				 : term->op == WHERE_AT_MOST  ? "<="
				 : term->op == WHERE_ABOVE    ? ">"
				 : term->op == WHERE_IS       ? "is"
							      : "=";
		strbuf_appendf(line, "%s %s ", field, op);
	}
	append_value(line, value);
}

/* The field name a header gives, as fieldname.h makes it ("Offence Title" is
 * offence_title): ASCII letters lowercased, digits kept, each run of anything else one
 * '_', none at either end. */
static void field_name(const char *field, struct strbuf *out)
{
	bool gap = false;
	strbuf_reset(out);
	for (const char *p = field; *p; p++) {
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && out->len > 0)
				strbuf_append_char(out, '_');
			strbuf_append_char(out, c);
			gap = false;
		} else {
			gap = true;
		}
	}
}

/* Whether two terms name one field: "offence_title" and "Offence Title" do. */
static bool same_field(const struct where_term *a, const struct where_term *b)
{
	if (!a->field || !b->field)
		return false;
	struct strbuf name_a = STRBUF_INIT, name_b = STRBUF_INIT;
	field_name(a->field, &name_a);
	field_name(b->field, &name_b);
	bool same = strcmp(strbuf_str(&name_a), strbuf_str(&name_b)) == 0;
	strbuf_free(&name_a);
	strbuf_free(&name_b);
	return same;
}

static bool is_range(const struct where_term *term)
{
	return where_op_narrows(term->op);
}

/*
 * As the query does: the values of one field are ORed, its bounds (>=, <=) ANDed, and
 * different fields ANDed: "offence_title = Blackmail or Harassment; victim_age >= 10 and
 * victim_age <= 18". A field's terms are gathered where it first appears.
 */
static void describe_where(const struct query_filters *filters, struct strbuf *line)
{
	strbuf_append_str(line, "Where: ");
	if (filters->n_where == 0 || !filters->where) {
		strbuf_append_str(line, "none");
		return;
	}
	bool first_group = true;
	for (size_t i = 0; i < filters->n_where; i++) {
		const struct where_term *term = &filters->where[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = same_field(&filters->where[k], term);
		if (seen)
			continue;
		if (!first_group)
			strbuf_append_str(line, "; ");
		first_group = false;
		/* The values first, ORed; then the bounds, ANDed. */
		const struct where_term *previous = NULL;
		for (int pass = 0; pass < 2; pass++) {
			for (size_t k = i; k < filters->n_where; k++) {
				const struct where_term *other = &filters->where[k];
				if (!same_field(other, term) || is_range(other) != (pass == 1))
					continue;
				if (previous)
					strbuf_append_str(line, pass == 1 ? " and " : " or ");
				append_term(line, other,
					    !previous || pass == 1 || other->op != previous->op ||
						    other->op == WHERE_BLANK);
				previous = other;
			}
		}
	}
}

static const char *row_title(const struct pivot *pivot, const struct render_method *method,
			     size_t level)
{
	if (method->row_titles && method->row_titles[level])
		return method->row_titles[level];
	if (pivot && pivot->row_titles[level])
		return pivot->row_titles[level];
	if (method->spec && level < method->spec->n_rows && method->spec->rows[level])
		return method->spec->rows[level];
	return "";
}

static void describe_rows(const struct pivot *pivot, const struct render_method *method,
			  struct strbuf *line)
{
	size_t n = pivot ? pivot->n_row_levels : method->spec ? method->spec->n_rows : 0;
	if (n > TABLE_ROWS_MAX)
		n = TABLE_ROWS_MAX;
	strbuf_append_str(line, "Rows: ");
	for (size_t level = 0; level < n; level++) {
		if (level > 0)
			strbuf_append_str(line, ", then ");
		strbuf_append_str(line, row_title(pivot, method, level));
	}
	if (n == 0)
		strbuf_append_str(line, "none");
}

/* The column title, or with measures as columns (no title) the measures' labels. */
static void describe_columns(const struct pivot *pivot, const struct table_spec *spec,
			     struct strbuf *line)
{
	strbuf_append_str(line, "Columns: ");
	if (pivot && pivot->column_title) {
		strbuf_append_str(line, pivot->column_title);
	} else if (pivot) {
		for (size_t j = 0; j < pivot->n_columns; j++)
			strbuf_appendf(line, "%s%s", j ? ", " : "",
				       pivot->columns[j].label ? pivot->columns[j].label : "");
	} else {
		strbuf_append_str(line, spec->cols ? spec->cols : "period");
	}
}

/* Whether the table is split by period: as rows, or as the columns when one measure
 * fills the cells (several measures, or period rows, make the measures the columns). */
static bool period_used(const struct table_spec *spec)
{
	for (size_t level = 0; level < spec->n_rows && level < TABLE_ROWS_MAX; level++) {
		if (render_is_period(spec->rows[level]))
			return true;
	}
	return spec->n_measures < 2 && (!spec->cols || render_is_period(spec->cols));
}

static void describe_period_kind(const struct period_spec *period, struct strbuf *line)
{
	int start = period->start_month >= 1 && period->start_month <= 12 ? period->start_month : 1;
	switch (period->kind) {
	case PERIOD_YEAR:
		if (start == 1)
			strbuf_append_str(line, "calendar year (January to December)");
		else if (start == 4)
			strbuf_append_str(line,
					  "financial year (April to March, labelled 2019/20)");
		else
			strbuf_appendf(line, "years starting 1 %s (%s to %s)", month_name(start),
				       month_name(start), month_name(month_after(start, 11)));
		return;
	case PERIOD_QUARTER:
		strbuf_appendf(line, "%squarter (Q1 = %s to %s)", start == 1 ? "calendar " : "",
			       month_name(start), month_name(month_after(start, 2)));
		return;
	case PERIOD_MONTH:
		strbuf_append_str(line, "calendar month");
		return;
	}
	strbuf_append_str(line, "period");
}

/* "Period: calendar year (January to December); 2024 covers Jan-Feb only". */
static void describe_period(const struct pivot *pivot, const struct table_spec *spec,
			    struct strbuf *line)
{
	strbuf_append_str(line, "Period: ");
	describe_period_kind(&spec->period, line);
	if (!pivot)
		return;
	const char *separator = "; ";
	for (size_t j = 0; j < pivot->n_columns; j++) {
		const struct pivot_column *column = &pivot->columns[j];
		if (!column->cut)
			continue;
		strbuf_appendf(line, "%s%s covers %s only", separator,
			       column->label ? column->label : "", column->cut);
		separator = ", ";
	}
	for (size_t i = 0; i < pivot->n_rows; i++) {
		const char *cut = pivot->rows[i].cut;
		if (!cut)
			continue;
		strbuf_appendf(line, "%s%s covers %s only", separator,
			       render_row_label(pivot, i, (size_t)pivot->rows[i].level), cut);
		separator = ", ";
	}
}

static void describe_counting(const struct table_spec *spec, struct strbuf *line)
{
	if (spec->count_refs)
		strbuf_append_str(line, "Counting: distinct references (each crime or incident "
					"number counted once)");
	else
		strbuf_append_str(line, "Counting: records (one per row of the export)");
}

static void describe_measure(const struct table_spec *spec, const struct measure_spec *measure,
			     struct strbuf *line)
{
	const char *what = NULL;
	switch (measure->kind) {
	case MEASURE_COUNT:
		strbuf_append_str(line, spec->count_refs ? "count of distinct references"
							 : "count of records");
		return;
	case MEASURE_REFS:
		strbuf_append_str(line, "count of distinct references");
		return;
	case MEASURE_AVG:
		what = "average";
		break;
	case MEASURE_MIN:
		what = "minimum";
		break;
	case MEASURE_MAX:
		what = "maximum";
		break;
	case MEASURE_SUM:
		what = "sum";
		break;
	}
	if (measure->days)
		strbuf_appendf(line, "%s of days from %s to %s", what,
			       measure->date_a ? measure->date_a : "",
			       measure->date_b ? measure->date_b : "");
	else
		strbuf_appendf(line, "%s of %s", what, measure->field ? measure->field : "");
}

static void describe_measures(const struct table_spec *spec, struct strbuf *line)
{
	bool computed = false;
	strbuf_append_str(line, "Measures: ");
	for (size_t i = 0; i < spec->n_measures; i++) {
		const struct measure_spec *measure = &spec->measures[i];
		if (i > 0)
			strbuf_append_str(line, ", ");
		describe_measure(spec, measure, line);
		computed |= measure->kind == MEASURE_AVG || measure->kind == MEASURE_MIN ||
			    measure->kind == MEASURE_MAX;
	}
	if (computed)
		strbuf_append_str(line, "; the Total row's averages, minimums and maximums are "
					"worked out over all its records, not added up");
}

/* Whole edges give bands of whole numbers, as the query makes them: 0-16, 17-18, 19+. */
static void describe_band(const struct band_spec *band, struct strbuf *line)
{
	bool whole = true;
	for (size_t i = 0; i < band->n_edges; i++) {
		double edge = band->edges[i];
		whole = whole && edge > -1e15 && edge < 1e15 && edge == (double)(long long)edge;
	}
	strbuf_appendf(line, "%s ", band->field ? band->field : "");
	for (size_t i = 0; i < band->n_edges; i++) {
		double edge = band->edges[i];
		if (i > 0)
			strbuf_append_str(line, ", ");
		if (whole)
			strbuf_appendf(line, "%lld-%lld", i ? (long long)band->edges[i - 1] + 1 : 0,
				       (long long)edge);
		else if (i == 0)
			strbuf_appendf(line, "up to %.15g", edge);
		else
			strbuf_appendf(line, "over %.15g to %.15g", band->edges[i - 1], edge);
	}
	if (band->n_edges > 0) {
		double last = band->edges[band->n_edges - 1];
		if (whole)
			strbuf_appendf(line, ", %lld+", (long long)last + 1);
		else
			strbuf_appendf(line, ", over %.15g", last);
	}
	strbuf_append_str(line, " and (blank)");
}

static void describe_bands(const struct table_spec *spec, struct strbuf *line)
{
	strbuf_append_str(line, "Bands: ");
	for (size_t i = 0; i < spec->n_bands; i++) {
		if (i > 0)
			strbuf_append_str(line, "; ");
		describe_band(&spec->bands[i], line);
	}
}

void render_note_suppression(const struct pivot *pivot, int suppress, bool markdown,
			     struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	if (suppress < 2) {
		strbuf_append_str(&line, "Suppression: none");
	} else {
		if (suppress == 2)
			strbuf_append_str(&line, "Suppression: counts of 1 are shown as <2");
		else
			strbuf_appendf(&line, "Suppression: counts of 1 to %d are shown as <%d",
				       suppress - 1, suppress);
		if (pivot && render_pivot_has_state(pivot, PIVOT_CELL_SECONDARY))
			strbuf_append_str(&line, "; * marks a further cell hidden so that no "
						 "hidden count can be worked out from the totals");
		else if (pivot && !render_pivot_has_state(pivot, PIVOT_CELL_SUPPRESSED))
			strbuf_append_str(&line, " (none in this table)");
	}
	note_emit(&line, markdown, out);
	strbuf_free(&line);
}

void render_note_redaction(const struct redact_counts *counts, bool markdown, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	strbuf_append_str(&line, "Redaction: on (");
	bool any = false;
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++) {
		if (!counts->n[c])
			continue;
		strbuf_appendf(&line, "%s%s %zu", any ? ", " : "",
			       redact_category_name((enum redact_category)c), counts->n[c]);
		any = true;
	}
	strbuf_append_str(&line, any ? ")" : "nothing found to remove)");
	note_emit(&line, markdown, out);
	strbuf_free(&line);
}

void render_note_review(const struct review_summary *summary, bool markdown, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;
	review_summary_describe(summary, &line);
	note_emit(&line, markdown, out);
	strbuf_free(&line);
}

static bool rows_by_field(const struct table_spec *spec)
{
	for (size_t level = 0; level < spec->n_rows && level < TABLE_ROWS_MAX; level++) {
		if (!render_is_period(spec->rows[level]))
			return true;
	}
	return false;
}

static void describe_files(const struct render_method *method, bool markdown, struct strbuf *line,
			   struct strbuf *out)
{
	char count[32];
	for (size_t i = 0; i < method->n_files; i++) {
		const struct render_source_file *file = &method->files[i];
		strbuf_appendf(line, "Source: %s (imported %s, %s records",
			       file->path ? file->path : "",
			       file->imported_at ? file->imported_at : "unknown",
			       format_count(file->rows_imported, count, sizeof(count)));
		if (file->mtime)
			strbuf_appendf(line, "; file modified %s", file->mtime);
		strbuf_append_char(line, ')');
		note_emit(line, markdown, out);
	}
}

/* The lines that describe the spec: filters, then how the table is cut up and counted. */
static void describe_spec(const struct pivot *pivot, const struct render_method *method,
			  bool markdown, struct strbuf *line, struct strbuf *out)
{
	const struct table_spec *spec = method->spec;
	describe_kind(spec->filters.kind, line);
	note_emit(line, markdown, out);
	describe_dates(&spec->filters, line);
	note_emit(line, markdown, out);
	strbuf_appendf(line, "Notes search: %s",
		       spec->filters.match && spec->filters.match[0] ? spec->filters.match
								     : "none");
	note_emit(line, markdown, out);
	describe_where(&spec->filters, line);
	note_emit(line, markdown, out);
	if (method->review)
		render_note_review(method->review, markdown, out);
	/* A list's note (no rows, no pivot) stops at its filters: it has no shape to tell. */
	if (!pivot && spec->n_rows == 0)
		return;
	describe_rows(pivot, method, line);
	note_emit(line, markdown, out);
	describe_columns(pivot, spec, line);
	note_emit(line, markdown, out);
	if (period_used(spec)) {
		describe_period(pivot, spec, line);
		note_emit(line, markdown, out);
	}
	describe_counting(spec, line);
	note_emit(line, markdown, out);
	if (spec->n_measures > 0 && spec->measures) {
		describe_measures(spec, line);
		note_emit(line, markdown, out);
	}
	if (spec->n_bands > 0 && spec->bands) {
		describe_bands(spec, line);
		note_emit(line, markdown, out);
	}
}

void render_method_note(const struct pivot *pivot, const struct render_method *method,
			bool markdown, struct strbuf *out)
{
	static const struct render_method no_method = {0};
	struct strbuf line = STRBUF_INIT;
	char count[32];
	if (!method)
		method = &no_method;
	const struct table_spec *spec = method->spec;

	if (spec) {
		describe_spec(pivot, method, markdown, &line, out);
	} else if (pivot) {
		describe_rows(pivot, method, &line);
		note_emit(&line, markdown, out);
		describe_columns(pivot, NULL, &line);
		note_emit(&line, markdown, out);
	}
	int suppress = spec ? spec->suppress : 0;
	if (pivot)
		suppress = pivot->suppress;
	if (pivot || (spec && spec->n_rows))
		render_note_suppression(pivot, suppress, markdown, out);
	if (method->redaction)
		render_note_redaction(method->redaction, markdown, out);
	if (spec && rows_by_field(spec)) {
		strbuf_append_str(&line, spec->sort == SORT_TOTAL
					     ? "Sort: by total, largest first, ties A-Z"
					     : "Sort: by label, A-Z, (blank) last");
		note_emit(&line, markdown, out);
	}
	if (pivot) {
		strbuf_appendf(&line, "Records matched: %s",
			       format_count(pivot->n_records, count, sizeof(count)));
		note_emit(&line, markdown, out);
	}
	describe_files(method, markdown, &line, out);
	if (method->made_at || method->version) {
		strbuf_append_str(&line, "Made:");
		if (method->made_at)
			strbuf_appendf(&line, " %s", method->made_at);
		if (method->version)
			strbuf_appendf(&line, " by %s", method->version);
		note_emit(&line, markdown, out);
	}
	strbuf_free(&line);
}
