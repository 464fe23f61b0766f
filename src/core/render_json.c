/*
 * render_json.c - a pivot as one JSON document: the query that made it, the table, and
 * the method (layer: core).
 *
 * Keys come in a fixed order and each row is one line, so two exports diff cleanly.
 * Values are the table's own: a count is an integer, an average has its one decimal, a
 * hidden cell says how it is hidden ({"suppressed": "<5"}), an empty one is null. Strings
 * are the data as they are (not sanitized), escaped as JSON requires.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "crimeview/render.h"
#include "crimeview/text.h"
#include "render_internal.h"

void render_json_string(struct strbuf *out, const char *s)
{
	if (!s) {
		strbuf_append_str(out, "null");
		return;
	}
	size_t len = strlen(s), i = 0;
	strbuf_append_char(out, '"');
	while (i < len) {
		size_t valid = i + utf8_first_invalid(s + i, len - i);
		for (; i < valid; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == '"' || c == '\\')
				strbuf_append_char(out, '\\');
			if (c < 0x20)
				strbuf_appendf(out, "\\u%04x", c);
			else
				strbuf_append_char(out, (char)c);
		}
		if (i < len) {
			/* JSON is UTF-8: a byte that is not stands for U+FFFD, as text shows it. */
			strbuf_append_str(out, "\\ufffd");
			i++;
		}
	}
	strbuf_append_char(out, '"');
}

static void json_key(struct strbuf *out, const char *key, bool first)
{
	if (!first)
		strbuf_append_str(out, ", ");
	render_json_string(out, key);
	strbuf_append_str(out, ": ");
}

/* A number as JSON allows (no inf or nan: those are null). */
static void json_number(struct strbuf *out, double value)
{
	if (isfinite(value))
		strbuf_appendf(out, "%.15g", value);
	else
		strbuf_append_str(out, "null");
}

static const char *kind_name(enum query_kind kind)
{
	switch (kind) {
	case QUERY_KIND_CRIME:
		return "crime";
	case QUERY_KIND_INCIDENT:
		return "incident";
	case QUERY_KIND_OTHER:
		return "other";
	case QUERY_KIND_ANY:
		break;
	}
	return "any";
}

/* As --period takes it: "year", "fy", "year@02", "quarter", "month". */
static void json_period(struct strbuf *out, const struct period_spec *period)
{
	switch (period->kind) {
	case PERIOD_YEAR:
		if (period->start_month == 4) {
			strbuf_append_str(out, "\"fy\"");
			return;
		}
		if (period->start_month > 1 && period->start_month <= 12) {
			strbuf_appendf(out, "\"year@%02d\"", period->start_month);
			return;
		}
		strbuf_append_str(out, "\"year\"");
		return;
	case PERIOD_QUARTER:
		strbuf_append_str(out, "\"quarter\"");
		return;
	case PERIOD_MONTH:
		strbuf_append_str(out, "\"month\"");
		return;
	}
	strbuf_append_str(out, "null");
}

static const char *where_op_name(enum where_op op)
{
	switch (op) {
	case WHERE_EQUALS:
		return "equals";
	case WHERE_BLANK:
		return "is_blank";
	case WHERE_CONTAINS:
		return "contains";
	case WHERE_AT_LEAST:
		return "at_least";
	case WHERE_AT_MOST:
		return "at_most";
	case WHERE_IS:
		return "is";
	case WHERE_ABOVE:
		return "above";
	case WHERE_NOT_NUMBER:
		return "not_a_number";
	}
	return "equals";
}

/* As --measure takes it: "count", "refs", "avg:field", "max:days(date_a,date_b)". */
static void json_measure(struct strbuf *out, const struct measure_spec *measure)
{
	/* clang-format off */
	static const char *const names[] = {
		[MEASURE_COUNT] = "count", [MEASURE_REFS] = "refs", [MEASURE_AVG] = "avg",
		[MEASURE_MIN] = "min", [MEASURE_MAX] = "max", [MEASURE_SUM] = "sum",
	};
	/* clang-format on */
	struct strbuf text = STRBUF_INIT;
	const char *name = (unsigned)measure->kind < sizeof(names) / sizeof(names[0])
			       ? names[measure->kind]
			       : "count";
	strbuf_append_str(&text, name);
	if (measure->kind != MEASURE_COUNT && measure->kind != MEASURE_REFS) {
		if (measure->days)
			strbuf_appendf(&text, ":days(%s,%s)",
				       measure->date_a ? measure->date_a : "",
				       measure->date_b ? measure->date_b : "");
		else
			strbuf_appendf(&text, ":%s", measure->field ? measure->field : "");
	}
	render_json_string(out, strbuf_str(&text));
	strbuf_free(&text);
}

static void json_filters(struct strbuf *out, const struct query_filters *filters)
{
	json_key(out, "kind", true);
	render_json_string(out, kind_name(filters->kind));
	json_key(out, "from", false);
	render_json_string(out, filters->from[0] ? filters->from : NULL);
	json_key(out, "to", false);
	render_json_string(out, filters->to[0] ? filters->to : NULL);
	json_key(out, "match", false);
	render_json_string(out, filters->match);
	json_key(out, "where", false);
	strbuf_append_char(out, '[');
	for (size_t i = 0; filters->where && i < filters->n_where; i++) {
		const struct where_term *term = &filters->where[i];
		strbuf_append_str(out, i ? ", {" : "{");
		json_key(out, "field", true);
		render_json_string(out, term->field);
		json_key(out, "op", false);
		render_json_string(out, where_op_name(term->op));
		json_key(out, "value", false);
		render_json_string(out, term->value ? term->value : "");
		strbuf_append_char(out, '}');
	}
	strbuf_append_char(out, ']');
}

/* The spec as the user gave it; cols is null when it was left to its default. */
static void json_query(struct strbuf *out, const struct table_spec *spec)
{
	if (!spec) {
		strbuf_append_str(out, "null");
		return;
	}
	strbuf_append_char(out, '{');
	json_filters(out, &spec->filters);
	json_key(out, "rows", false);
	strbuf_append_char(out, '[');
	for (size_t i = 0; i < spec->n_rows && i < TABLE_ROWS_MAX; i++) {
		if (i > 0)
			strbuf_append_str(out, ", ");
		render_json_string(out, spec->rows[i]);
	}
	strbuf_append_char(out, ']');
	json_key(out, "cols", false);
	render_json_string(out, spec->cols);
	json_key(out, "period", false);
	json_period(out, &spec->period);
	json_key(out, "count", false);
	render_json_string(out, spec->count_refs ? "refs" : "rows");
	json_key(out, "measures", false);
	strbuf_append_char(out, '[');
	for (size_t i = 0; spec->measures && i < spec->n_measures; i++) {
		if (i > 0)
			strbuf_append_str(out, ", ");
		json_measure(out, &spec->measures[i]);
	}
	strbuf_append_char(out, ']');
	json_key(out, "bands", false);
	strbuf_append_char(out, '[');
	for (size_t i = 0; spec->bands && i < spec->n_bands; i++) {
		const struct band_spec *band = &spec->bands[i];
		strbuf_append_str(out, i ? ", {" : "{");
		json_key(out, "field", true);
		render_json_string(out, band->field);
		json_key(out, "edges", false);
		strbuf_append_char(out, '[');
		for (size_t k = 0; k < band->n_edges; k++) {
			if (k > 0)
				strbuf_append_str(out, ", ");
			json_number(out, band->edges[k]);
		}
		strbuf_append_str(out, "]}");
	}
	strbuf_append_char(out, ']');
	json_key(out, "suppress", false);
	strbuf_appendf(out, "%d", spec->suppress);
	json_key(out, "sort", false);
	render_json_string(out, spec->sort == SORT_TOTAL ? "total" : "label");
	strbuf_append_char(out, '}');
}

static void json_cell(struct strbuf *out, const struct pivot *pivot, size_t j,
		      const struct pivot_cell *cell)
{
	char buf[RENDER_VALUE_SIZE];
	const char *mark;
	if (!cell) {
		strbuf_append_str(out, "null");
		return;
	}
	switch (cell->state) {
	case PIVOT_CELL_SUPPRESSED:
	case PIVOT_CELL_SECONDARY:
		mark = render_cell_text(pivot, PIVOT_VALUE_COUNT, cell, false, "", buf);
		strbuf_append_char(out, '{');
		json_key(out, "suppressed", true);
		render_json_string(out, mark);
		strbuf_append_char(out, '}');
		return;
	case PIVOT_CELL_EMPTY:
		strbuf_append_str(out, "null");
		return;
	case PIVOT_CELL_SHOWN:
		break;
	}
	render_value_text(render_cell_kind(pivot, j), cell->value, false, buf);
	strbuf_append_str(out, buf[0] ? buf : "null");
}

/* "cells": [...] then, with a Total column, "total": n. */
static void json_cells(struct strbuf *out, const struct pivot *pivot, const struct pivot_row *row)
{
	json_key(out, "cells", false);
	strbuf_append_char(out, '[');
	for (size_t j = 0; j < pivot->n_columns; j++) {
		if (j > 0)
			strbuf_append_str(out, ", ");
		json_cell(out, pivot, j, row->cells ? &row->cells[j] : NULL);
	}
	strbuf_append_char(out, ']');
	if (pivot->has_total_column) {
		json_key(out, "total", false);
		json_cell(out, pivot, pivot->n_columns,
			  row->cells ? &row->cells[pivot->n_columns] : NULL);
	}
}

static size_t json_levels(const struct pivot *pivot)
{
	if (pivot->n_row_levels < 1)
		return 1;
	return pivot->n_row_levels > TABLE_ROWS_MAX ? TABLE_ROWS_MAX : pivot->n_row_levels;
}

static void json_row(struct strbuf *out, const struct pivot *pivot, size_t i)
{
	const struct pivot_row *row = &pivot->rows[i];
	strbuf_append_str(out, "    {");
	json_key(out, "labels", true);
	strbuf_append_char(out, '[');
	for (size_t level = 0; level < json_levels(pivot); level++) {
		if (level > 0)
			strbuf_append_str(out, ", ");
		/* A level-0 row of a two-level table has no second label. */
		if (level > (size_t)row->level)
			strbuf_append_str(out, "null");
		else
			render_json_string(out, render_row_label(pivot, i, level));
	}
	strbuf_append_char(out, ']');
	if (row->cut) {
		json_key(out, "cut", false);
		render_json_string(out, row->cut);
	}
	json_key(out, "level", false);
	strbuf_appendf(out, "%d", row->level);
	json_cells(out, pivot, row);
	strbuf_append_char(out, '}');
}

static void json_review(struct strbuf *out, const struct review_summary *review)
{
	json_key(out, "review", false);
	strbuf_append_char(out, '{');
	json_key(out, "name", true);
	render_json_string(out, review->review);
	json_key(out, "excluded", false);
	strbuf_appendf(out, "%" PRId64, review->n_excluded);
	json_key(out, "reasons", false);
	strbuf_append_char(out, '[');
	for (size_t i = 0; i < review->n_reasons; i++) {
		strbuf_append_str(out, i ? ", {" : "{");
		json_key(out, "reason", true);
		render_json_string(out, review->reasons[i].reason);
		json_key(out, "records", false);
		strbuf_appendf(out, "%" PRId64, review->reasons[i].n);
		strbuf_append_char(out, '}');
	}
	strbuf_append_str(out, "]}");
}

static void json_method(struct strbuf *out, const struct render_method *method)
{
	if (!method) {
		strbuf_append_str(out, "null");
		return;
	}
	strbuf_append_char(out, '{');
	json_key(out, "files", true);
	strbuf_append_char(out, '[');
	for (size_t i = 0; method->files && i < method->n_files; i++) {
		const struct render_source_file *file = &method->files[i];
		strbuf_append_str(out, i ? ", {" : "{");
		json_key(out, "path", true);
		render_json_string(out, file->path);
		json_key(out, "imported_at", false);
		render_json_string(out, file->imported_at);
		json_key(out, "records", false);
		strbuf_appendf(out, "%" PRId64, file->rows_imported);
		json_key(out, "mtime", false);
		render_json_string(out, file->mtime);
		strbuf_append_char(out, '}');
	}
	strbuf_append_char(out, ']');
	json_key(out, "made_at", false);
	render_json_string(out, method->made_at);
	json_key(out, "version", false);
	render_json_string(out, method->version);
	if (method->redaction) {
		json_key(out, "redaction", false);
		strbuf_append_char(out, '{');
		bool first = true;
		for (int c = 0; c < REDACT_CATEGORY_COUNT; c++) {
			if (!method->redaction->n[c])
				continue;
			json_key(out, redact_category_name((enum redact_category)c), first);
			strbuf_appendf(out, "%zu", method->redaction->n[c]);
			first = false;
		}
		strbuf_append_char(out, '}');
	}
	if (method->review)
		json_review(out, method->review);
	strbuf_append_char(out, '}');
}

void render_json(const struct pivot *pivot, const struct render_method *method, struct strbuf *out)
{
	strbuf_append_str(out, "{\n  ");
	json_key(out, "query", true);
	json_query(out, method ? method->spec : NULL);
	strbuf_append_str(out, ",\n  ");
	json_key(out, "row_titles", true);
	strbuf_append_char(out, '[');
	for (size_t level = 0; level < json_levels(pivot); level++) {
		if (level > 0)
			strbuf_append_str(out, ", ");
		render_json_string(out, pivot->row_titles[level]);
	}
	strbuf_append_str(out, "],\n  ");
	json_key(out, "column_title", true);
	render_json_string(out, pivot->column_title);
	strbuf_append_str(out, ",\n  ");
	json_key(out, "columns", true);
	strbuf_append_char(out, '[');
	for (size_t j = 0; j < pivot->n_columns; j++) {
		strbuf_append_str(out, j ? ", {" : "{");
		json_key(out, "label", true);
		render_json_string(out, pivot->columns[j].label);
		json_key(out, "cut", false);
		render_json_string(out, pivot->columns[j].cut);
		strbuf_append_char(out, '}');
	}
	strbuf_append_str(out, "],\n  ");
	json_key(out, "rows", true);
	strbuf_append_char(out, '[');
	for (size_t i = 0; i < pivot->n_rows; i++) {
		strbuf_append_str(out, i ? ",\n" : "\n");
		json_row(out, pivot, i);
	}
	strbuf_append_str(out, pivot->n_rows ? "\n  ],\n  " : "],\n  ");
	json_key(out, "total", true);
	strbuf_append_char(out, '{');
	json_key(out, "label", true);
	render_json_string(out, pivot->total.labels[0] ? pivot->total.labels[0] : "Total");
	json_cells(out, pivot, &pivot->total);
	strbuf_append_str(out, "},\n  ");
	json_key(out, "records", true);
	strbuf_appendf(out, "%" PRId64, pivot->n_records);
	strbuf_append_str(out, ",\n  ");
	json_key(out, "method", true);
	json_method(out, method);
	strbuf_append_str(out, "\n}\n");
}
