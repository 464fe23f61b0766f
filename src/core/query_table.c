/*
 * query_table.c - a table spec into SQL, and the results into a pivot (layer: core, part
 * of the query module).
 *
 * A table has up to three dimensions: one or two of rows, and the columns (periods or a
 * field's values), unless its columns are measures. One GROUP BY over all dimensions
 * gives the cells; the totals and subtotals are the same aggregates over fewer
 * dimensions. Counts, sums, minimums and maximums (and so averages) combine, so those
 * totals are added up here; distinct references do not, so with refs each level of
 * totals is its own GROUP BY. Averages, minimums and maximums of a Total are therefore
 * always over the records, never over the cells.
 * The aggregates come from query_levels.c; this file resolves the spec and lays the
 * pivot out.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

/* ---- resolving the spec ---- */

static const char *period_title(const struct period_spec *period)
{
	switch (period->kind) {
	case PERIOD_QUARTER:
		return "Quarter";
	case PERIOD_MONTH:
		return "Month";
	case PERIOD_YEAR:
		break;
	}
	return period->start_month == 1 ? "Year" : period->start_month == 4 ? "Financial year"
									       : "Year";
}

/* Sets dims[d] from a --rows / --cols word: "period" or a field (banded when --band names
 * it). */
static enum status resolve_dim(struct table_query *q, int d, const char *word, const char *option)
{
	struct dim *dim = &q->dims[d];
	q->used[d] = true;
	if (!strcmp(word, "period")) {
		dim->kind = DIM_PERIOD;
		return STATUS_OK;
	}
	const struct query_field *field = query_field_find(&q->fields, word, option, q->error);
	if (!field)
		return STATUS_UNKNOWN_FIELD;
	if (!strcmp(field->role, "notes")) {
		strbuf_appendf(q->error, "%s: %s is the notes, which cannot be counted by value", option,
			       word);
		return STATUS_BAD_QUERY;
	}
	dim->kind = DIM_FIELD;
	dim->field = field;
	dim->numeric = !strcmp(field->type, "number");
	for (size_t b = 0; b < q->spec->n_bands; b++) {
		const struct query_field *banded =
			query_field_find(&q->fields, q->spec->bands[b].field, "--band", q->error);
		if (!banded)
			return STATUS_UNKNOWN_FIELD;
		if (banded == field) {
			dim->kind = DIM_BAND;
			dim->band = &q->spec->bands[b];
		}
	}
	return STATUS_OK;
}

static enum status resolve_measures(struct table_query *q)
{
	const struct table_spec *spec = q->spec;
	q->n_measures = spec->n_measures ? spec->n_measures : 1;
	q->measures = xcalloc(q->n_measures, sizeof(*q->measures));
	q->measure_fields[0] = xcalloc(q->n_measures, sizeof(*q->measure_fields[0]));
	q->measure_fields[1] = xcalloc(q->n_measures, sizeof(*q->measure_fields[1]));
	for (size_t m = 0; m < spec->n_measures; m++) {
		q->measures[m] = spec->measures[m];
		const struct measure_spec *ms = &spec->measures[m];
		if (ms->kind == MEASURE_REFS)
			q->needs_refs = true;
		if (!query_measure_has_values(ms))
			continue;
		const char *names[2] = {ms->days ? ms->date_a : ms->field, ms->date_b};
		for (int i = 0; i < (ms->days ? 2 : 1); i++) {
			q->measure_fields[i][m] = query_field_find(&q->fields, names[i], "--measure", q->error);
			if (!q->measure_fields[i][m])
				return STATUS_UNKNOWN_FIELD;
		}
	}
	if (spec->count_refs)
		q->needs_refs = true;
	return STATUS_OK;
}

/* ---- building the pivot ---- */

static char *key_label(const struct table_query *q, int d, const struct key *key)
{
	const struct dim *dim = &q->dims[d];
	char buf[64];
	if (key->null)
		return xstrdup(dim->kind == DIM_PERIOD ? "(no date)" : "(blank)");
	if (dim->kind == DIM_FIELD)
		return xstrdup(key->text);
	if (dim->kind == DIM_PERIOD) {
		period_label(&q->spec->period, key->num, buf, sizeof(buf));
		return xstrdup(buf);
	}
	if (key->num < 0)
		return xstrdup("(not a number)");
	const double *edges = dim->band->edges;
	size_t i = (size_t)key->num, n = dim->band->n_edges;
	bool whole = true;
	for (size_t e = 0; e < n; e++)
		whole = whole && edges[e] == floor(edges[e]);
	/* Whole-number edges read as people write age bands: 0-16, 17-18, 19+. */
	if (i == 0)
		snprintf(buf, sizeof(buf), edges[0] >= 0 ? "0-%g" : "up to %g", edges[0]);
	else if (i == n)
		snprintf(buf, sizeof(buf), whole ? "%g+" : "over %g", whole ? edges[n - 1] + 1 : edges[n - 1]);
	else if (whole)
		snprintf(buf, sizeof(buf), "%g-%g", edges[i - 1] + 1, edges[i]);
	else
		snprintf(buf, sizeof(buf), "over %g-%g", edges[i - 1], edges[i]);
	return xstrdup(buf);
}

static char *dim_title(const struct table_query *q, int d)
{
	if (q->dims[d].kind == DIM_PERIOD)
		return xstrdup(period_title(&q->spec->period));
	return xstrdup(q->dims[d].field->header);
}

/* The distinct values of dimension d among the records, in order; periods run from the
 * first to the last with none missing (and "(no date)" last when some have no date). */
static struct key *axis_values(struct table_query *q, int d, size_t *n)
{
	unsigned mask = 1u << d;
	const struct agg_table *table = &q->levels[mask];
	struct key *keys = xcalloc(table->n + 1, sizeof(*keys));
	*n = 0;
	if (q->dims[d].kind != DIM_PERIOD) {
		for (size_t i = 0; i < table->n; i++)
			query_key_copy(&keys[(*n)++], &table->items[i].keys[d]);
		return keys;
	}
	bool any = false, has_null = false;
	long first = 0, last = 0;
	for (size_t i = 0; i < table->n; i++) {
		const struct key *k = &table->items[i].keys[d];
		if (k->null) {
			has_null = true;
			continue;
		}
		if (!any || k->num < first)
			first = k->num;
		if (!any || k->num > last)
			last = k->num;
		any = true;
	}
	size_t cap = table->n + 1;
	for (long key = first; any && key <= last; key = period_next(&q->spec->period, key)) {
		if (*n + 1 >= cap) {
			cap *= 2;
			keys = xrealloc(keys, cap * sizeof(*keys));
		}
		keys[(*n)++] = (struct key){.num = key};
	}
	if (has_null)
		keys[(*n)++] = (struct key){.null = true};
	return keys;
}

static void keys_free(struct key *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(keys[i].text);
	free(keys);
}

/* The distinct references of an aggregate. */
static int64_t refs_of(const struct table_query *q, const struct agg *a)
{
	return q->refs_are_records ? a->count : a->refs;
}

/* The value of measure m in an aggregate (NULL: no records). */
static struct pivot_cell cell_from(const struct table_query *q, const struct agg *a, size_t m)
{
	struct pivot_cell cell = {0};
	const struct measure_spec *ms = &q->measures[m];
	cell.n_records = a ? a->count : 0;
	switch (ms->kind) {
	case MEASURE_COUNT:
		cell.value = (double)(a ? (q->spec->count_refs ? refs_of(q, a) : a->count) : 0);
		return cell;
	case MEASURE_REFS:
		cell.value = (double)(a ? refs_of(q, a) : 0);
		return cell;
	case MEASURE_AVG:
	case MEASURE_MIN:
	case MEASURE_MAX:
	case MEASURE_SUM:
		break;
	}
	if (!a || !a->n[m]) {
		cell.state = ms->kind == MEASURE_SUM ? PIVOT_CELL_SHOWN : PIVOT_CELL_EMPTY;
		return cell;
	}
	cell.value = ms->kind == MEASURE_AVG   ? a->sum[m] / (double)a->n[m]
		     : ms->kind == MEASURE_MIN ? a->min[m]
		     : ms->kind == MEASURE_MAX ? a->max[m]
					       : a->sum[m];
	return cell;
}

static enum pivot_value_kind value_kind(const struct measure_spec *ms)
{
	switch (ms->kind) {
	case MEASURE_COUNT:
	case MEASURE_REFS:
		return PIVOT_VALUE_COUNT;
	case MEASURE_AVG:
		return PIVOT_VALUE_DECIMAL;
	case MEASURE_MIN:
	case MEASURE_MAX:
	case MEASURE_SUM:
		break;
	}
	return PIVOT_VALUE_NUMBER;
}

static char *measure_label(const struct table_query *q, size_t m)
{
	const struct measure_spec *ms = &q->measures[m];
	static const char *const days_words[] = {"Number", "References", "Average", "Shortest",
						 "Longest", "Total days"};
	static const char *const field_words[] = {"Number", "References", "Average", "Min", "Max",
						  "Sum"};
	if (ms->kind == MEASURE_COUNT && q->spec->count_refs)
		return xstrdup("References");
	if (!query_measure_has_values(ms) || ms->days)
		return xstrdup(days_words[ms->kind]);
	struct strbuf sb = STRBUF_INIT;
	strbuf_appendf(&sb, "%s %s", field_words[ms->kind], q->measure_fields[0][m]->header);
	return strbuf_detach(&sb);
}

/* A row of the pivot: its keys (for lookups) and where it goes. */
struct row_plan {
	struct key keys[DIMS_MAX];
	int level;
	double total; /* for --sort total */
	struct row_plan *children;
	size_t n_children;
};

static const struct table_query *row_sort_query;
static int row_sort_dim;

static int compare_rows_by_total(const void *x, const void *y)
{
	const struct row_plan *a = x, *b = y;
	if (a->total != b->total)
		return a->total < b->total ? 1 : -1;
	return query_key_compare(&row_sort_query->dims[row_sort_dim], &a->keys[row_sort_dim],
			   &b->keys[row_sort_dim]);
}

static double row_total(const struct table_query *q, const struct row_plan *row, unsigned mask)
{
	return cell_from(q, query_agg_find(q, mask, row->keys), 0).value;
}

static void sort_rows(const struct table_query *q, struct row_plan *rows, size_t n, int d,
		      unsigned mask)
{
	if (q->spec->sort != SORT_TOTAL || q->dims[d].kind == DIM_PERIOD || n < 2)
		return;
	for (size_t i = 0; i < n; i++)
		rows[i].total = row_total(q, &rows[i], mask);
	row_sort_query = q;
	row_sort_dim = d;
	qsort(rows, n, sizeof(*rows), compare_rows_by_total);
}

/* The rows in display order: level-0 rows, each followed by its nested rows. */
static struct row_plan *plan_rows(struct table_query *q, size_t *n)
{
	size_t n_top;
	struct key *top = axis_values(q, 0, &n_top);
	struct row_plan *rows = xcalloc(n_top + 1, sizeof(*rows));
	for (size_t i = 0; i < n_top; i++)
		rows[i].keys[0] = top[i]; /* takes the text */
	free(top);
	sort_rows(q, rows, n_top, 0, 1u);
	if (q->used[1]) {
		const struct agg_table *pairs = &q->levels[3];
		for (size_t i = 0; i < n_top; i++) {
			struct row_plan *row = &rows[i];
			for (size_t k = 0; k < pairs->n; k++) {
				if (query_key_compare(&q->dims[0], &pairs->items[k].keys[0], &row->keys[0]))
					continue;
				row->children = xrealloc(row->children,
							 (row->n_children + 1) * sizeof(*row->children));
				struct row_plan *child = &row->children[row->n_children++];
				memset(child, 0, sizeof(*child));
				query_key_copy(&child->keys[0], &row->keys[0]);
				query_key_copy(&child->keys[1], &pairs->items[k].keys[1]);
				child->level = 1;
			}
			sort_rows(q, row->children, row->n_children, 1, 3u);
		}
	}
	*n = n_top;
	return rows;
}

static void row_plan_free(struct row_plan *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int d = 0; d < DIMS_MAX; d++)
			free(rows[i].keys[d].text);
		row_plan_free(rows[i].children, rows[i].n_children);
	}
	free(rows);
}

/* Fills one pivot row from its plan. */
static void fill_row(struct table_query *q, struct pivot *pivot, struct pivot_row *out,
		     const struct row_plan *plan, const struct key *columns)
{
	unsigned row_mask = plan->level == 1 ? 3u : 1u;
	out->level = plan->level;
	for (int d = 0; d <= plan->level; d++) {
		out->labels[d] = key_label(q, d, &plan->keys[d]);
		out->blank[d] = plan->keys[d].null;
		out->keys[d] = plan->keys[d].num;
		if (q->dims[d].kind == DIM_FIELD && !plan->keys[d].null)
			out->values[d] = xstrdup(plan->keys[d].text);
	}
	size_t n_cells = pivot->n_columns + (pivot->has_total_column ? 1 : 0);
	out->cells = xcalloc(n_cells ? n_cells : 1, sizeof(*out->cells));
	struct key keys[DIMS_MAX];
	memcpy(keys, plan->keys, sizeof(keys));
	for (size_t c = 0; c < pivot->n_columns; c++) {
		if (q->measure_columns) {
			out->cells[c] = cell_from(q, query_agg_find(q, row_mask, keys), c);
			continue;
		}
		keys[2] = columns[c];
		out->cells[c] = cell_from(q, query_agg_find(q, row_mask | 4u, keys), 0);
	}
	if (pivot->has_total_column)
		out->cells[pivot->n_columns] = cell_from(q, query_agg_find(q, row_mask, keys), 0);
}

static void fill_total_row(struct table_query *q, struct pivot *pivot, const struct key *columns)
{
	struct pivot_row *out = &pivot->total;
	out->labels[0] = xstrdup("Total");
	size_t n_cells = pivot->n_columns + (pivot->has_total_column ? 1 : 0);
	out->cells = xcalloc(n_cells ? n_cells : 1, sizeof(*out->cells));
	struct key keys[DIMS_MAX] = {{.null = true}, {.null = true}, {.null = true}};
	for (size_t c = 0; c < pivot->n_columns; c++) {
		if (q->measure_columns) {
			out->cells[c] = cell_from(q, query_agg_find(q, 0, keys), c);
			continue;
		}
		keys[2] = columns[c];
		out->cells[c] = cell_from(q, query_agg_find(q, 4u, keys), 0);
	}
	if (pivot->has_total_column)
		out->cells[pivot->n_columns] = cell_from(q, query_agg_find(q, 0, keys), 0);
}

static void label_period(const struct table_query *q, long key, char **cut)
{
	char buf[48];
	const struct query_filters *f = &q->spec->filters;
	if ((f->from[0] || f->to[0]) &&
	    period_cut(&q->spec->period, key, f->from, f->to, buf, sizeof(buf)))
		*cut = xstrdup(buf);
}

static void pivot_dim_set(const struct table_query *q, int d, struct pivot_dim *out)
{
	const struct dim *dim = &q->dims[d];
	out->period = dim->kind == DIM_PERIOD;
	out->field = dim->kind == DIM_PERIOD ? NULL : xstrdup(dim->field->name);
	out->band = dim->kind == DIM_BAND ? dim->band : NULL;
}

static void fill_columns(struct table_query *q, struct pivot *pivot, const struct key *columns,
			 size_t n)
{
	if (q->measure_columns) {
		pivot->n_columns = q->n_measures;
		pivot->columns = xcalloc(q->n_measures, sizeof(*pivot->columns));
		for (size_t m = 0; m < q->n_measures; m++) {
			pivot->columns[m].label = measure_label(q, m);
			pivot->columns[m].value_kind = value_kind(&q->measures[m]);
		}
		return;
	}
	pivot->n_columns = n;
	pivot->columns = xcalloc(n ? n : 1, sizeof(*pivot->columns));
	pivot->has_total_column = true;
	pivot->column_title = dim_title(q, 2);
	pivot_dim_set(q, 2, &pivot->column_dim);
	for (size_t c = 0; c < n; c++) {
		struct pivot_column *col = &pivot->columns[c];
		col->label = key_label(q, 2, &columns[c]);
		col->key = columns[c].num;
		col->blank = columns[c].null;
		col->value_kind = value_kind(&q->measures[0]);
		if (q->dims[2].kind == DIM_PERIOD && !columns[c].null) {
			period_days(&q->spec->period, columns[c].num, col->first_day, col->last_day);
			label_period(q, columns[c].num, &col->cut);
		} else if (q->dims[2].kind == DIM_FIELD && !columns[c].null) {
			col->value = xstrdup(columns[c].text);
		}
	}
}

static enum status build_pivot(struct table_query *q, struct pivot *pivot)
{
	enum status status = STATUS_OK;
	/* Every level the pivot reads. */
	static const unsigned levels[] = {7, 5, 3, 4, 1, 2, 0};
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]) && status == STATUS_OK; i++)
		if ((levels[i] & q->full) == levels[i])
			status = query_level_ensure(q, levels[i]);
	if (status != STATUS_OK)
		return status;

	size_t n_columns = 0;
	struct key *columns = q->measure_columns ? NULL : axis_values(q, 2, &n_columns);
	fill_columns(q, pivot, columns, n_columns);
	pivot->n_row_levels = q->used[1] ? 2 : 1;
	for (size_t d = 0; d < pivot->n_row_levels; d++) {
		pivot->row_titles[d] = dim_title(q, (int)d);
		pivot_dim_set(q, (int)d, &pivot->row_dims[d]);
	}

	size_t n_plans;
	struct row_plan *plans = plan_rows(q, &n_plans);
	size_t n_rows = n_plans;
	for (size_t i = 0; i < n_plans; i++)
		n_rows += plans[i].n_children;
	pivot->rows = xcalloc(n_rows ? n_rows : 1, sizeof(*pivot->rows));
	for (size_t i = 0; i < n_plans; i++) {
		struct pivot_row *row = &pivot->rows[pivot->n_rows++];
		fill_row(q, pivot, row, &plans[i], columns);
		if (q->dims[0].kind == DIM_PERIOD && !plans[i].keys[0].null)
			label_period(q, plans[i].keys[0].num, &row->cut);
		for (size_t k = 0; k < plans[i].n_children; k++)
			fill_row(q, pivot, &pivot->rows[pivot->n_rows++], &plans[i].children[k], columns);
	}
	fill_total_row(q, pivot, columns);
	const struct key none[DIMS_MAX] = {{.null = true}, {.null = true}, {.null = true}};
	const struct agg *all = query_agg_find(q, 0, none);
	pivot->n_records = all ? all->count : 0;
	row_plan_free(plans, n_plans);
	keys_free(columns, n_columns);
	if (q->spec->suppress > 0) {
		pivot->suppress = q->spec->suppress;
		pivot_suppress(pivot, q->spec->suppress);
	}
	return STATUS_OK;
}

enum status query_table(struct cache *cache, const struct table_spec *spec, struct pivot **out,
			struct strbuf *error)
{
	*out = NULL;
	struct table_query q = {.cache = cache, .spec = spec, .error = error};
	enum status status = query_fields_load(cache, &q.fields);
	if (status == STATUS_OK)
		status = query_functions_register(cache);
	if (status == STATUS_OK)
		status = resolve_measures(&q);
	/* Distinct references, when no reference is blank or repeated, are the records: a
	 * tally counts them (10M records by year: milliseconds, not 11 s). */
	bool refs_once = false;
	if (status == STATUS_OK && q.needs_refs)
		status = query_refs_each_once(cache, &refs_once);
	if (refs_once) {
		q.needs_refs = false;
		q.refs_are_records = true;
	}
	/* Period rows take the measures as columns, unless --cols names a field. */
	q.measure_columns = q.n_measures > 1 ||
			    (spec->n_rows && !strcmp(spec->rows[0], "period") &&
			     (!spec->cols || !strcmp(spec->cols, "period")));
	if (status == STATUS_OK && spec->n_rows == 0) {
		strbuf_appendf(error, "--rows: which field should the rows count by?");
		status = STATUS_BAD_QUERY;
	}
	for (size_t d = 0; d < spec->n_rows && status == STATUS_OK; d++)
		status = resolve_dim(&q, (int)d, spec->rows[d], "--rows");
	if (status == STATUS_OK && !q.measure_columns)
		status = resolve_dim(&q, 2, spec->cols ? spec->cols : "period", "--cols");
	for (int d = 0; d < DIMS_MAX; d++)
		if (q.used[d])
			q.full |= 1u << d;
	if (status == STATUS_OK)
		status = query_filters_sql(cache, &q.fields, &spec->filters, NULL, &q.where_sql,
					   &q.params, error);
	if (status == STATUS_OK)
		query_use_tally(&q);
	if (status == STATUS_OK)
		status = query_use_filtered_tally(&q);
	struct pivot *pivot = xcalloc(1, sizeof(*pivot));
	if (status == STATUS_OK)
		status = build_pivot(&q, pivot);
	if (status == STATUS_CACHE && !error->len)
		strbuf_appendf(error, "%s: %s", cache_path(cache), cache_error(cache));
	if (status == STATUS_OK)
		*out = pivot;
	else
		pivot_free(pivot);
	for (size_t i = 0; i < (1u << DIMS_MAX); i++)
		query_levels_free_one(&q.levels[i]);
	free(q.measures);
	free(q.measure_fields[0]);
	free(q.measure_fields[1]);
	strbuf_free(&q.where_sql);
	query_params_free(&q.params);
	query_fields_free(&q.fields);
	free(q.tally);
	free(q.tally_columns);
	free(q.tally_values);
	return status;
}

static void pivot_row_free(struct pivot_row *row)
{
	for (int d = 0; d < TABLE_ROWS_MAX; d++) {
		free(row->labels[d]);
		free(row->values[d]);
	}
	free(row->cut);
	free(row->cells);
}

void pivot_free(struct pivot *pivot)
{
	if (!pivot)
		return;
	for (size_t d = 0; d < TABLE_ROWS_MAX; d++) {
		free(pivot->row_titles[d]);
		free(pivot->row_dims[d].field);
	}
	free(pivot->column_title);
	free(pivot->column_dim.field);
	for (size_t c = 0; c < pivot->n_columns; c++) {
		free(pivot->columns[c].label);
		free(pivot->columns[c].cut);
		free(pivot->columns[c].value);
	}
	free(pivot->columns);
	for (size_t r = 0; r < pivot->n_rows; r++)
		pivot_row_free(&pivot->rows[r]);
	free(pivot->rows);
	pivot_row_free(&pivot->total);
	free(pivot);
}

void query_interrupt(struct cache *cache)
{
	sqlite3_interrupt(cache_db(cache));
}

void query_on_progress(struct cache *cache, int (*progress)(void *data), void *data)
{
	sqlite3_progress_handler(cache_db(cache), progress ? 10000 : 0, progress, data);
}
