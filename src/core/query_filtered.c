/*
 * query_filtered.c - tallies of the records a filter leaves, kept for the session (layer:
 * core, part of the query module).
 *
 * A table filtered on what no tally holds (a notes search, a value of a field no tally
 * has beside the rows' fields, a date inside a month) reads the records. At 10M records a
 * filter on one field's value with rows by another takes seconds, and the browser asks
 * again at once with months instead of years, crimes only, or back with undo. So the
 * first such table counts the records its filters leave by its fields, kind, year and
 * month into a tally in the connection's temporary database, and the next tables with
 * the same filters and fields read that instead, with their own kind and whole months.
 * A tally here lives until the cache changes (cache_generation) or the connection closes,
 * at most FILTERED_TALLIES_MAX at a time, the least recently read going first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

#define FILTERED_TALLIES_MAX 16

static const char registry_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS filtered_tallies("
	" name TEXT PRIMARY KEY, fields TEXT NOT NULL, filters TEXT NOT NULL,"
	" generation INTEGER NOT NULL, used INTEGER NOT NULL)";

/* Runs one statement with text parameters; the SQLite result code. */
static int run(sqlite3 *db, const char *sql, const char *const *texts, size_t n_texts,
	       sqlite3_int64 number)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	for (size_t i = 0; i < n_texts; i++)
		sqlite3_bind_text(stmt, (int)i + 1, texts[i], -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(stmt) > (int)n_texts)
		sqlite3_bind_int64(stmt, (int)n_texts + 1, number);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Drops the tally called name and forgets it. */
static void drop_tally(sqlite3 *db, const char *name)
{
	/* A table name cannot be bound; this one is ours: filtered_tally_ and a number. */
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql, "DROP TABLE IF EXISTS temp.\"%s\"", name);
	sqlite3_exec(db, sql.data, NULL, NULL, NULL);
	strbuf_free(&sql);
	const char *texts[] = {name};
	run(db, "DELETE FROM filtered_tallies WHERE name = ?1", texts, 1, 0);
}

/* Drops the tallies select_names lists (number bound as ?1). */
static void drop_listed(sqlite3 *db, const char *select_names, sqlite3_int64 number)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, select_names, -1, &stmt, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(stmt, 1, number);
	char **names = NULL;
	size_t n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	for (size_t i = 0; i < n; i++) {
		drop_tally(db, names[i]);
		free(names[i]);
	}
	free(names);
}

/* The name of the tally by fields under filters, or NULL; marks it read. */
static char *registry_find(sqlite3 *db, const char *fields, const char *filters)
{
	sqlite3_stmt *stmt;
	char *name = NULL;
	if (sqlite3_prepare_v2(db,
			       "UPDATE filtered_tallies SET used = (SELECT max(used) + 1 FROM filtered_tallies)"
			       " WHERE fields = ?1 AND filters = ?2 RETURNING name",
			       -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(stmt, 1, fields, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, filters, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		name = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return name;
}

/* The number of the next tally's name. */
static sqlite3_int64 next_number(sqlite3 *db)
{
	sqlite3_stmt *stmt;
	sqlite3_int64 n = 1;
	if (sqlite3_prepare_v2(db,
			       "SELECT coalesce(max(CAST(substr(name, 16) AS INTEGER)), 0) + 1"
			       " FROM filtered_tallies",
			       -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* Counts the records the filters leave into a new tally called name; the SQLite result. */
static int make_tally(struct cache *cache, const char *name, const struct query_field *const *by,
		      size_t n_by, const char *filters_sql, const struct query_params *params)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql, "CREATE TEMP TABLE \"%s\" AS ", name);
	query_tally_select_sql(by, n_by, filters_sql, &sql);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(cache_db(cache), sql.data, -1, &stmt, NULL);
	strbuf_free(&sql);
	if (rc != SQLITE_OK)
		return rc;
	query_params_bind(params, stmt);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

char *query_filtered_tally(struct cache *cache, const struct query_fields *fields,
			   const struct query_filters *f, const struct query_field *const *by,
			   size_t n_by, bool make, struct query_filters *on_tally,
			   enum status *status)
{
	*status = STATUS_OK;
	if (f->review)
		return NULL;
	/* The filters the tally is made under: all but kind, and the date bounds when a tally
	 * by month can apply them. */
	struct query_filters under = *f;
	*on_tally = (struct query_filters){.kind = f->kind};
	under.kind = QUERY_KIND_ANY;
	if (query_months_whole(f)) {
		memcpy(on_tally->from, f->from, sizeof(on_tally->from));
		memcpy(on_tally->to, f->to, sizeof(on_tally->to));
		under.from[0] = under.to[0] = '\0';
	}
	struct strbuf filters_sql = STRBUF_INIT, key = STRBUF_INIT, by_names = STRBUF_INIT;
	struct query_params params = {0};
	struct strbuf ignored = STRBUF_INIT;
	char *name = NULL;
	if (query_filters_sql(fields, &under, &filters_sql, &params, &ignored) != STATUS_OK)
		goto out;
	/* The filters as text: their SQL and the values bound to it. */
	strbuf_append(&key, strbuf_str(&filters_sql), filters_sql.len);
	for (size_t i = 0; i < params.n; i++)
		strbuf_appendf(&key, "\x1f%s", params.values[i]);
	for (size_t i = 0; i < n_by; i++)
		strbuf_appendf(&by_names, "%s%s", i ? "," : "", by[i]->name);

	sqlite3 *db = cache_db(cache);
	if (run(db, registry_sql, NULL, 0, 0) != SQLITE_OK)
		goto out;
	sqlite3_int64 generation = (sqlite3_int64)cache_generation(cache);
	drop_listed(db, "SELECT name FROM filtered_tallies WHERE generation <> ?1", generation);
	name = registry_find(db, strbuf_str(&by_names), strbuf_str(&key));
	if (name || !make)
		goto out;
	struct strbuf made = STRBUF_INIT;
	strbuf_appendf(&made, "filtered_tally_%lld", (long long)next_number(db));
	int rc = make_tally(cache, made.data, by, n_by, strbuf_str(&filters_sql), &params);
	const char *texts[] = {made.data, strbuf_str(&by_names), strbuf_str(&key)};
	if (rc == SQLITE_OK)
		rc = run(db,
			 "INSERT INTO filtered_tallies VALUES (?1, ?2, ?3, ?4,"
			 " (SELECT coalesce(max(used), 0) + 1 FROM filtered_tallies))",
			 texts, 3, generation);
	if (rc != SQLITE_OK) {
		*status = rc == SQLITE_INTERRUPT ? STATUS_INTERRUPTED : STATUS_OK;
		drop_tally(db, made.data);
		strbuf_free(&made);
		goto out;
	}
	name = strbuf_detach(&made);
	drop_listed(db, "SELECT name FROM filtered_tallies ORDER BY used DESC LIMIT -1 OFFSET ?1",
		    FILTERED_TALLIES_MAX);
out:
	strbuf_free(&filters_sql);
	strbuf_free(&key);
	strbuf_free(&by_names);
	strbuf_free(&ignored);
	query_params_free(&params);
	return name;
}

enum status query_use_filtered_tally(struct table_query *q)
{
	if (q->tally || q->needs_refs)
		return STATUS_OK;
	for (size_t m = 0; m < q->n_measures; m++)
		if (q->measures[m].kind != MEASURE_COUNT)
			return STATUS_OK;
	const struct query_field *by[DIMS_MAX];
	size_t n_by = 0;
	for (int d = 0; d < DIMS_MAX; d++) {
		if (!q->used[d] || q->dims[d].kind == DIM_PERIOD)
			continue;
		bool seen = false;
		for (size_t i = 0; i < n_by && !seen; i++)
			seen = by[i] == q->dims[d].field;
		if (!seen)
			by[n_by++] = q->dims[d].field;
	}
	struct query_filters on_tally;
	enum status status;
	char *name = query_filtered_tally(q->cache, &q->fields, &q->spec->filters, by, n_by, true,
					  &on_tally, &status);
	if (!name)
		return status;
	/* Read from it with the filters a tally keeps. */
	q->tally = name;
	strbuf_reset(&q->where_sql);
	query_params_free(&q->params);
	query_tally_filters_sql(&on_tally, &q->where_sql, &q->params);
	return STATUS_OK;
}
