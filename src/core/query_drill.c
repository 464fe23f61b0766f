/*
 * query_drill.c - from a cell of a table to the filters of exactly its records (layer:
 * core, part of the query module).
 *
 * A drill narrows the table's own filters with one condition per dimension of the cell,
 * written with the same meaning the table grouped by: a value exactly as grouped (case
 * counts, so "BLACKMAIL" and "Blackmail", two rows, stay apart), a band by its edges, a
 * period by its first and last day. The list of a cell is then as long as the cell says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

static void add_term(struct query_drill *drill, const char *field, enum where_op op,
		     const char *value)
{
	struct where_term *term = &drill->where[drill->filters.n_where++];
	term->field = xstrdup(field);
	term->op = op;
	term->value = xstrdup(value ? value : "");
}

/* Narrows the dates to [first, last]: the later start and the earlier end. */
static void narrow_dates(struct query_filters *filters, const char *first, const char *last)
{
	if (!filters->from[0] || strcmp(first, filters->from) > 0)
		snprintf(filters->from, sizeof(filters->from), "%s", first);
	if (!filters->to[0] || strcmp(last, filters->to) < 0)
		snprintf(filters->to, sizeof(filters->to), "%s", last);
}

static void narrow(struct query_drill *drill, const struct table_spec *spec,
		   const struct pivot_dim *dim, bool blank, long key, const char *value)
{
	char number[40];
	if (dim->period) {
		if (blank) {
			drill->filters.undated = true;
			return;
		}
		char first[11], last[11];
		period_days(&spec->period, key, first, last);
		narrow_dates(&drill->filters, first, last);
		return;
	}
	if (blank) {
		add_term(drill, dim->field, WHERE_BLANK, "");
		return;
	}
	if (!dim->band) {
		add_term(drill, dim->field, WHERE_IS, value);
		return;
	}
	if (key < 0) {
		add_term(drill, dim->field, WHERE_NOT_NUMBER, "");
		return;
	}
	size_t band = (size_t)key;
	if (band > 0) {
		snprintf(number, sizeof(number), "%.17g", dim->band->edges[band - 1]);
		add_term(drill, dim->field, WHERE_ABOVE, number);
	}
	if (band < dim->band->n_edges) {
		snprintf(number, sizeof(number), "%.17g", dim->band->edges[band]);
		add_term(drill, dim->field, WHERE_AT_MOST, number);
	}
}

void query_drill(const struct table_spec *spec, const struct pivot *pivot, size_t row, size_t col,
		 struct query_drill *out)
{
	memset(out, 0, sizeof(*out));
	out->filters = spec->filters;
	/* The table's terms, then at most two per dimension (a band's two edges). */
	size_t cap = spec->filters.n_where + 2 * (TABLE_ROWS_MAX + 1);
	out->where = xcalloc(cap, sizeof(*out->where));
	out->filters.where = out->where;
	out->filters.n_where = 0;
	for (size_t i = 0; i < spec->filters.n_where; i++) {
		const struct where_term *term = &spec->filters.where[i];
		add_term(out, term->field, term->op, term->value);
	}
	struct strbuf title = STRBUF_INIT;
	if (row < pivot->n_rows) {
		const struct pivot_row *r = &pivot->rows[row];
		for (int d = 0; d <= r->level && d < TABLE_ROWS_MAX; d++) {
			narrow(out, spec, &pivot->row_dims[d], r->blank[d], r->keys[d],
			       r->values[d]);
			strbuf_appendf(&title, "%s%s", d ? " / " : "", r->labels[d]);
		}
	} else {
		strbuf_append_str(&title, "Total");
	}
	if (pivot->has_total_column && col < pivot->n_columns) {
		const struct pivot_column *c = &pivot->columns[col];
		narrow(out, spec, &pivot->column_dim, c->blank, c->key, c->value);
		strbuf_appendf(&title, " %s", c->label);
	} else if (pivot->has_total_column && row < pivot->n_rows) {
		strbuf_append_str(&title, ", Total");
	}
	out->title = strbuf_detach(&title);
}

void query_drill_free(struct query_drill *drill)
{
	if (!drill)
		return;
	for (size_t i = 0; i < drill->filters.n_where; i++)
		where_term_clear(&drill->where[i]);
	free(drill->where);
	free(drill->title);
	memset(drill, 0, sizeof(*drill));
}
