/*
 * query_levels.c - the aggregates behind a table: one GROUP BY per level of totals (or
 * one, added up), read from the records or from a tally (layer: core, part of the query
 * module).
 *
 * Tallies: the common question (counts by one or two fields and period, filtered at most
 * by kind and whole months) is answered from a tally of the records by those fields,
 * kind, year and month, made by the first such question and kept in the cache until the
 * next import. A tally is a few thousand rows where the records are millions, so the
 * second table of a session takes milliseconds instead of a scan.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query_internal.h"

/* ---- keys ---- */

int query_key_compare(const struct dim *dim, const struct key *a, const struct key *b)
{
	if (a->null || b->null)
		return (int)a->null - (int)b->null; /* (blank) last */
	if (dim->kind != DIM_FIELD)
		return (a->num > b->num) - (a->num < b->num);
	if (dim->numeric) {
		double x = atof(a->text), y = atof(b->text);
		if (x != y)
			return (x > y) - (x < y);
	}
	int c = strcasecmp(a->text, b->text);
	return c ? c : strcmp(a->text, b->text);
}

static int compare_keys(const struct table_query *q, unsigned mask, const struct key *a,
			const struct key *b)
{
	for (int d = 0; d < DIMS_MAX; d++) {
		if (!(mask & (1u << d)) || !q->used[d])
			continue;
		int c = query_key_compare(&q->dims[d], &a[d], &b[d]);
		if (c)
			return c;
	}
	return 0;
}

void query_key_copy(struct key *dst, const struct key *src)
{
	*dst = *src;
	dst->text = src->text ? xstrdup(src->text) : NULL;
}

/* ---- aggregates ---- */

static struct agg *agg_add(struct table_query *q, struct agg_table *table)
{
	if (table->n == table->cap) {
		table->cap = table->cap ? table->cap * 2 : 64;
		table->items = xrealloc(table->items, table->cap * sizeof(*table->items));
	}
	struct agg *a = &table->items[table->n++];
	memset(a, 0, sizeof(*a));
	size_t m = q->n_measures;
	a->sum = xcalloc(m, sizeof(double));
	a->min = xcalloc(m, sizeof(double));
	a->max = xcalloc(m, sizeof(double));
	a->n = xcalloc(m, sizeof(int64_t));
	for (int d = 0; d < DIMS_MAX; d++)
		a->keys[d].null = true;
	return a;
}

static void agg_free_one(struct agg *a)
{
	for (int d = 0; d < DIMS_MAX; d++)
		free(a->keys[d].text);
	free(a->sum);
	free(a->min);
	free(a->max);
	free(a->n);
}

void query_levels_free_one(struct agg_table *table)
{
	for (size_t i = 0; i < table->n; i++)
		agg_free_one(&table->items[i]);
	free(table->items);
	memset(table, 0, sizeof(*table));
}

/* Adds b's aggregates into a (refs excepted: they do not add up). */
static void agg_combine(const struct table_query *q, struct agg *a, const struct agg *b)
{
	a->count += b->count;
	for (size_t m = 0; m < q->n_measures; m++) {
		if (!b->n[m])
			continue;
		a->min[m] = a->n[m] ? fmin(a->min[m], b->min[m]) : b->min[m];
		a->max[m] = a->n[m] ? fmax(a->max[m], b->max[m]) : b->max[m];
		a->sum[m] += b->sum[m];
		a->n[m] += b->n[m];
	}
}

static const struct table_query *sort_query;
static unsigned sort_mask;

static int compare_aggs(const void *x, const void *y)
{
	const struct agg *a = x, *b = y;
	return compare_keys(sort_query, sort_mask, a->keys, b->keys);
}

static void agg_table_sort(const struct table_query *q, struct agg_table *table, unsigned mask)
{
	sort_query = q;
	sort_mask = mask;
	if (table->n > 1) /* an empty level has no array at all */
		qsort(table->items, table->n, sizeof(*table->items), compare_aggs);
}

/* The aggregates of one group of a level, or NULL when the group has no records. */
const struct agg *query_agg_find(const struct table_query *q, unsigned mask, const struct key *keys)
{
	const struct agg_table *table = &q->levels[mask];
	size_t lo = 0, hi = table->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = compare_keys(q, mask, table->items[mid].keys, keys);
		if (c == 0)
			return &table->items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Builds level mask from the full level by adding up (counts, sums, min, max). */
static void derive_level(struct table_query *q, unsigned full, unsigned mask)
{
	struct agg_table *table = &q->levels[mask];
	const struct agg_table *from = &q->levels[full];
	for (size_t i = 0; i < from->n; i++) {
		struct agg *dst = agg_add(q, table);
		for (int d = 0; d < DIMS_MAX; d++)
			if (mask & (1u << d))
				query_key_copy(&dst->keys[d], &from->items[i].keys[d]);
		agg_combine(q, dst, &from->items[i]);
	}
	/* Equal groups are adjacent once sorted by the kept keys: merge them. */
	agg_table_sort(q, table, mask);
	size_t out = 0;
	for (size_t i = 0; i < table->n; i++) {
		if (out && compare_keys(q, mask, table->items[out - 1].keys, table->items[i].keys) == 0) {
			agg_combine(q, &table->items[out - 1], &table->items[i]);
			agg_free_one(&table->items[i]);
			continue;
		}
		table->items[out++] = table->items[i];
	}
	table->n = out;
}

/* ---- SQL ---- */

/* A field's value in the row r: of the records, or of the tally read instead of them
 * (which names its columns as the records do, whatever holds the values there). */
static void column_sql(const struct table_query *q, const struct query_field *field,
		       struct strbuf *sql)
{
	if (q->tally) {
		strbuf_append_str(sql, "r.");
		cache_field_column(field->name, sql);
	} else {
		cache_field_value_sql(field->name, field->overflow_id, sql);
	}
}

static void append_number(struct strbuf *sql, double value)
{
	strbuf_appendf(sql, "%.17g", value);
}

static void dim_sql(const struct table_query *q, int d, struct strbuf *sql)
{
	const struct dim *dim = &q->dims[d];
	switch (dim->kind) {
	case DIM_PERIOD:
		period_key_sql(&q->spec->period, sql);
		return;
	case DIM_FIELD:
		column_sql(q, dim->field, sql);
		return;
	case DIM_BAND:
		break;
	}
	/* Band i holds values up to edge i; -1 is a value that is not a number. */
	strbuf_append_str(sql, "(CASE WHEN ");
	column_sql(q, dim->field, sql);
	strbuf_append_str(sql, " IS NULL THEN NULL WHEN cv_number(");
	column_sql(q, dim->field, sql);
	strbuf_append_str(sql, ") IS NULL THEN -1");
	for (size_t i = 0; i < dim->band->n_edges; i++) {
		strbuf_append_str(sql, " WHEN cv_number(");
		column_sql(q, dim->field, sql);
		strbuf_append_str(sql, ") <= ");
		append_number(sql, dim->band->edges[i]);
		strbuf_appendf(sql, " THEN %zu", i);
	}
	strbuf_appendf(sql, " ELSE %zu END)", dim->band->n_edges);
}

bool query_measure_has_values(const struct measure_spec *m)
{
	return m->kind != MEASURE_COUNT && m->kind != MEASURE_REFS;
}

static void measure_value_sql(const struct table_query *q, size_t m, struct strbuf *sql)
{
	if (q->measures[m].days) {
		strbuf_append_str(sql, "(cv_days(");
		column_sql(q, q->measure_fields[1][m], sql);
		strbuf_append_str(sql, ", r.file_id) - cv_days(");
		column_sql(q, q->measure_fields[0][m], sql);
		strbuf_append_str(sql, ", r.file_id))");
	} else {
		strbuf_append_str(sql, "cv_number(");
		column_sql(q, q->measure_fields[0][m], sql);
		strbuf_append_str(sql, ")");
	}
}

static void read_key(const struct table_query *q, int d, sqlite3_stmt *stmt, int column,
		     struct key *key)
{
	key->null = sqlite3_column_type(stmt, column) == SQLITE_NULL;
	if (key->null)
		return;
	if (q->dims[d].kind == DIM_FIELD)
		key->text = xstrdup((const char *)sqlite3_column_text(stmt, column));
	else
		key->num = (long)sqlite3_column_int64(stmt, column);
}

/*
 * What the levels read, as r: the records, a tally, or, when a review leaves records out, the
 * tally with each of those records counted -1 (their own kind, month and fields), so the
 * tally still answers and the counts are those of the records left in.
 */
static void source_sql(const struct table_query *q, struct strbuf *sql)
{
	if (!q->tally) {
		strbuf_append_str(sql, "records r");
		return;
	}
	if (!q->review_param) {
		strbuf_appendf(sql, "\"%s\" r", q->tally);
		return;
	}
	strbuf_appendf(sql,
		       "(SELECT %skind, year, month, n FROM \"%s\" UNION ALL"
		       " SELECT %skind, year, month, -1 FROM records r WHERE r.id IN (SELECT id FROM (",
		       q->tally_columns ? q->tally_columns : "", q->tally,
		       q->tally_values ? q->tally_values : "");
	cache_review_marked_sql(q->review_param, sql);
	strbuf_append_str(sql, "))) r");
}

/* Runs one GROUP BY over the dimensions in mask into q->levels[mask]. */
static enum status run_level(struct table_query *q, unsigned mask)
{
	struct strbuf sql = STRBUF_INIT;
	int n_keys = 0;
	strbuf_append_str(&sql, "SELECT ");
	for (int d = 0; d < DIMS_MAX; d++) {
		if (!(mask & (1u << d)) || !q->used[d])
			continue;
		dim_sql(q, d, &sql);
		strbuf_append_str(&sql, ", ");
		n_keys++;
	}
	if (q->tally)
		strbuf_append_str(&sql, "sum(r.n), 0");
	else
		strbuf_append_str(&sql, q->needs_refs ? "count(*), count(DISTINCT r.ref)" : "count(*), 0");
	for (size_t m = 0; m < q->n_measures; m++) {
		static const char *const aggs[] = {"sum", "count", "min", "max"};
		if (!query_measure_has_values(&q->measures[m]))
			continue;
		for (int a = 0; a < 4; a++) {
			strbuf_appendf(&sql, ", %s(", aggs[a]);
			measure_value_sql(q, m, &sql);
			strbuf_append_char(&sql, ')');
		}
	}
	strbuf_append_str(&sql, " FROM ");
	source_sql(q, &sql);
	strbuf_append_str(&sql, " WHERE 1");
	strbuf_append(&sql, strbuf_str(&q->where_sql), q->where_sql.len);
	for (int k = 0; k < n_keys; k++)
		strbuf_appendf(&sql, "%s%d", k ? ", " : " GROUP BY ", k + 1);
	/* A group whose records a review all left out is no group, as without the tally. */
	if (q->tally && q->review_param && n_keys)
		strbuf_append_str(&sql, " HAVING sum(r.n) <> 0");

	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(cache_db(q->cache), sql.data, -1, &stmt, NULL);
	strbuf_free(&sql);
	if (rc != SQLITE_OK)
		return STATUS_CACHE;
	query_params_bind(&q->params, stmt);
	struct agg_table *table = &q->levels[mask];
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct agg *a = agg_add(q, table);
		int column = 0;
		for (int d = 0; d < DIMS_MAX; d++)
			if ((mask & (1u << d)) && q->used[d])
				read_key(q, d, stmt, column++, &a->keys[d]);
		a->count = sqlite3_column_int64(stmt, column++);
		a->refs = sqlite3_column_int64(stmt, column++);
		for (size_t m = 0; m < q->n_measures; m++) {
			if (!query_measure_has_values(&q->measures[m]))
				continue;
			a->sum[m] = sqlite3_column_double(stmt, column++);
			a->n[m] = sqlite3_column_int64(stmt, column++);
			a->min[m] = sqlite3_column_double(stmt, column++);
			a->max[m] = sqlite3_column_double(stmt, column++);
		}
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_INTERRUPT)
		return STATUS_INTERRUPTED;
	if (rc != SQLITE_DONE)
		return STATUS_CACHE;
	agg_table_sort(q, table, mask);
	return STATUS_OK;
}

/* Makes q->levels[mask] available: its own GROUP BY when refs are counted (they do not add
 * up), else added up from the full level. */
enum status query_level_ensure(struct table_query *q, unsigned mask)
{
	mask &= q->full;
	if (q->computed[mask])
		return STATUS_OK;
	enum status status = STATUS_OK;
	if (mask == q->full || q->needs_refs) {
		status = run_level(q, mask);
	} else {
		status = query_level_ensure(q, q->full);
		if (status == STATUS_OK)
			derive_level(q, q->full, mask);
	}
	q->computed[mask] = status == STATUS_OK;
	return status;
}

/* ---- tallies ---- */

/* A date bound on a month boundary: the 1st for from, the month's last day for to. */
static bool whole_month(const char *iso, bool is_to)
{
	if (!iso[0])
		return true;
	if (!is_to)
		return !strcmp(iso + 8, "01");
	char first[11], last[11];
	struct period_spec month = {PERIOD_MONTH, 1};
	period_days(&month, atol(iso) * 100 + atol(iso + 5), first, last);
	return !strcmp(iso, last);
}

bool query_months_whole(const struct query_filters *f)
{
	return whole_month(f->from, false) && whole_month(f->to, true);
}

bool query_tally_fits_filters(const struct query_filters *f)
{
	return !f->match && !f->n_where && !f->undated && !f->review_only && query_months_whole(f);
}

/* Whether a tally can answer this table: counts of records, by fields and periods,
 * filtered at most by kind, whole months and values of fields (a tally of those fields
 * too). */
static bool tally_fits(const struct table_query *q)
{
	struct query_filters f = q->spec->filters;
	if (!query_where_fits_tally(&f) || q->needs_refs)
		return false;
	f.n_where = 0;
	if (!query_tally_fits_filters(&f))
		return false;
	for (size_t m = 0; m < q->n_measures; m++)
		if (q->measures[m].kind != MEASURE_COUNT)
			return false;
	return true;
}

/* The name of a tally by exactly these fields, in any order, or NULL. */
static char *tally_find(struct cache *cache, const struct query_field *const *fields, size_t n)
{
	struct cache_tally_table *tallies;
	size_t n_tallies;
	char *found = NULL;
	if (cache_tallies_list(cache, &tallies, &n_tallies) != STATUS_OK)
		return NULL;
	for (size_t t = 0; t < n_tallies && !found; t++) {
		bool same = tallies[t].n_fields == n;
		for (size_t i = 0; i < n && same; i++) {
			same = false;
			for (size_t k = 0; k < n && !same; k++)
				same = !strcmp(tallies[t].fields[k], fields[i]->name);
		}
		if (same)
			found = xstrdup(tallies[t].name);
	}
	cache_tallies_free(tallies, n_tallies);
	return found;
}

void query_tally_select_sql(const struct query_field *const *fields, size_t n, const char *where,
			    struct strbuf *sql)
{
	strbuf_append_str(sql, "SELECT ");
	for (size_t i = 0; i < n; i++) {
		cache_field_value_sql(fields[i]->name, fields[i]->overflow_id, sql);
		strbuf_append_str(sql, " AS ");
		cache_field_column(fields[i]->name, sql);
		strbuf_append_str(sql, ", ");
	}
	strbuf_appendf(sql, "kind, year, month, count(*) AS n FROM records r WHERE 1%s GROUP BY ",
		       where);
	for (size_t i = 0; i < n + 3; i++)
		strbuf_appendf(sql, "%s%zu", i ? ", " : "", i + 1);
}

char *query_tally_ensure(struct cache *cache, const struct query_field *const *fields, size_t n,
			 bool make)
{
	if (!make)
		return tally_find(cache, fields, n);
	struct strbuf name = STRBUF_INIT;
	const char **names = xcalloc(n + 1, sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = fields[i]->name;
	cache_tally_name(names, n, &name);
	free(names);
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql, "CREATE TABLE IF NOT EXISTS \"%s\" AS ", name.data);
	query_tally_select_sql(fields, n, "", &sql);
	sqlite3 *db = cache_db(cache);
	/* An import holding the cache must not make a table wait: read the records instead. */
	sqlite3_busy_timeout(db, 0);
	bool made = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_busy_timeout(db, CACHE_BUSY_TIMEOUT_MS);
	if (made) {
		made = sqlite3_exec(db, sql.data, NULL, NULL, NULL) == SQLITE_OK;
		made = sqlite3_exec(db, made ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK && made;
	}
	strbuf_free(&sql);
	if (!made) {
		strbuf_free(&name);
		return NULL;
	}
	return strbuf_detach(&name);
}

/* A whole-month date bound on a tally's year and month. */
static void month_bound_sql(const char *cmp, const char *iso, struct strbuf *where,
			    struct query_params *params)
{
	char key[16];
	snprintf(key, sizeof(key), "%ld", atol(iso) * 100 + atol(iso + 5));
	query_params_add(params, key);
	strbuf_appendf(where, " AND r.year * 100 + r.month %s CAST(?%zu AS INTEGER)", cmp,
		       params->n);
}

void query_tally_filters_sql(const struct query_filters *f, struct strbuf *where,
			     struct query_params *params)
{
	query_kind_sql(f->kind, where, params);
	if (f->from[0])
		month_bound_sql(">=", f->from, where, params);
	if (f->to[0])
		month_bound_sql("<=", f->to, where, params);
}

/*
 * Finds or makes the tally for the table's fields and, when made, reads from it with
 * filters on kind and months. Any failure (a read-only cache, an import holding the
 * cache) leaves q reading the records: a tally is only ever a shortcut.
 */
void query_use_tally(struct table_query *q)
{
	if (!tally_fits(q))
		return;
	const struct query_filters *f = &q->spec->filters;
	const struct query_field **fields = xcalloc(DIMS_MAX + f->n_where + 1, sizeof(*fields));
	size_t n_fields = 0;
	for (int d = 0; d < DIMS_MAX; d++)
		if (q->used[d] && q->dims[d].kind != DIM_PERIOD)
			fields[n_fields++] = q->dims[d].field;
	/* The fields of the values filtered on come after; their tally is read when some
	 * table made it, not made here: that would read every record by more fields than the
	 * filtered scan itself. */
	size_t n_dim_fields = n_fields;
	for (size_t w = 0; w < f->n_where; w++) {
		const struct query_field *field = query_field_find(&q->fields, f->where[w].field, "--where",
									 q->error);
		bool known = !field;
		for (size_t i = 0; i < n_fields && !known; i++)
			known = fields[i] == field;
		if (!known)
			fields[n_fields++] = field;
	}
	q->tally = query_tally_ensure(q->cache, fields, n_fields, n_fields == n_dim_fields);
	if (!q->tally) {
		free(fields);
		return;
	}
	/* The filters a tally keeps: kind, whole months, values; a review's records come off. */
	strbuf_reset(&q->where_sql);
	query_params_free(&q->params);
	if (f->review) {
		struct strbuf columns = STRBUF_INIT, names_only = STRBUF_INIT;
		for (size_t i = 0; i < n_fields; i++) {
			cache_field_value_sql(fields[i]->name, fields[i]->overflow_id, &columns);
			strbuf_append_str(&columns, " AS ");
			cache_field_column(fields[i]->name, &columns);
			strbuf_append_str(&columns, ", ");
			cache_field_column(fields[i]->name, &names_only);
			strbuf_append_str(&names_only, ", ");
		}
		q->tally_values = strbuf_detach(&columns);
		q->tally_columns = strbuf_detach(&names_only);
		query_params_add(&q->params, f->review);
		q->review_param = q->params.n;
	}
	query_tally_filters_sql(f, &q->where_sql, &q->params);
	query_where_sql(&q->fields, f, true, &q->where_sql, &q->params, q->error);
	free(fields);
}

