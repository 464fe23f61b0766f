/*
 * query_filtered.c - what a session keeps of the records a filter leaves: tallies of them,
 * and the records a notes search finds (layer: core, part of the query module).
 *
 * A table filtered on what no tally holds (a notes search, a value of a field no tally
 * has beside the rows' fields, a date inside a month) reads the records. At 10M records a
 * filter on one field's value with rows by another takes seconds, and the browser asks
 * again at once with months instead of years, crimes only, or back with undo. So the
 * first such table counts the records its filters leave by its fields, kind, year and
 * month into a tally in the connection's temporary database, and the next tables with
 * the same filters and fields read that instead, with their own kind and whole months.
 *
 * A notes search is asked of the full-text index by every table and every page of its
 * records, and each asking costs what the first did: 20 ms for a rare phrase with a
 * prefix, seconds for a common word, whose millions of ids SQLite sorts again each time.
 * So the ids it finds are kept in a table of their own, which tables read as a list and
 * pages walk from their key.
 *
 * Both live until the cache changes (cache_generation) or the connection closes, at most
 * a registry's max at a time, the least recently read going first. So does one answer:
 * whether every record has a reference of its own, which makes a count of distinct
 * references a count of records, which a tally holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

/* What is kept, each kind of table in a registry of its own in the temporary database:
 * its name, the fields (tallies: their names; hits: empty) and filters (tallies: the SQL
 * and values; hits: the FTS5 query) it was made for, the cache generation it counts,
 * when it was last read, and (hits) how many rows it has. Tables are called prefix and a
 * number (registry_next_name). */
struct registry {
	const char *table, *prefix;
	int max;
};
static const struct registry kept_tallies = {"filtered_tallies", "filtered_tally_", 16};
/* A common word's hits are tens of megabytes of temporary file. */
static const struct registry kept_hits = {"match_hits", "match_hits_", 8};

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

/* Drops the kept table called name and forgets it. */
static void drop_kept(sqlite3 *db, const struct registry *registry, const char *name)
{
	/* A table name cannot be bound; this one is ours: the prefix and a number. */
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql, "DROP TABLE IF EXISTS temp.\"%s\"", name);
	sqlite3_exec(db, sql.data, NULL, NULL, NULL);
	strbuf_reset(&sql);
	strbuf_appendf(&sql, "DELETE FROM %s WHERE name = ?1", registry->table);
	const char *texts[] = {name};
	run(db, sql.data, texts, 1, 0);
	strbuf_free(&sql);
}

/* Drops the kept tables that where_sql (on the registry, number bound as ?1) lists. */
static void drop_listed(sqlite3 *db, const struct registry *registry, const char *where_sql,
			sqlite3_int64 number)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql, "SELECT name FROM %s %s", registry->table, where_sql);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql.data, -1, &stmt, NULL);
	strbuf_free(&sql);
	if (rc != SQLITE_OK)
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
		drop_kept(db, registry, names[i]);
		free(names[i]);
	}
	free(names);
}

/* Makes the registry when missing and drops what it kept of another generation of the
 * cache: whatever still names one of those tables (a list's page) asks again before it
 * runs. The SQLite result. */
static int registry_open(sqlite3 *db, const struct registry *registry,
			 sqlite3_int64 generation)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql,
		       "CREATE TEMP TABLE IF NOT EXISTS %s("
		       " name TEXT PRIMARY KEY, fields TEXT NOT NULL, filters TEXT NOT NULL,"
		       " generation INTEGER NOT NULL, used INTEGER NOT NULL, rows INTEGER NOT NULL)",
		       registry->table);
	int rc = run(db, sql.data, NULL, 0, 0);
	strbuf_free(&sql);
	if (rc == SQLITE_OK)
		drop_listed(db, registry, "WHERE generation <> ?1", generation);
	return rc;
}

/* The name of the table kept for fields and filters, or NULL; marks it read. rows, when
 * not NULL, receives its rows. */
static char *registry_find(sqlite3 *db, const struct registry *registry, const char *fields,
			   const char *filters, int64_t *rows)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql,
		       "UPDATE %s SET used = (SELECT max(used) + 1 FROM %s)"
		       " WHERE fields = ?1 AND filters = ?2 RETURNING name, rows",
		       registry->table, registry->table);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql.data, -1, &stmt, NULL);
	strbuf_free(&sql);
	if (rc != SQLITE_OK)
		return NULL;
	char *name = NULL;
	sqlite3_bind_text(stmt, 1, fields, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, filters, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		name = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		if (rows)
			*rows = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	return name;
}

/* A name for the next table kept: the prefix and a number never given before on this
 * connection (AUTOINCREMENT never reuses one), so that a name a list or a view still holds
 * can never come to mean another table after its own was dropped. */
static char *registry_next_name(sqlite3 *db, const struct registry *registry)
{
	sqlite3_int64 n = 0;
	if (run(db,
		"CREATE TEMP TABLE IF NOT EXISTS kept_numbers(n INTEGER PRIMARY KEY AUTOINCREMENT)",
		NULL, 0, 0) == SQLITE_OK &&
	    run(db, "INSERT INTO kept_numbers DEFAULT VALUES", NULL, 0, 0) == SQLITE_OK)
		n = sqlite3_last_insert_rowid(db);
	run(db, "DELETE FROM kept_numbers", NULL, 0, 0);
	struct strbuf name = STRBUF_INIT;
	strbuf_appendf(&name, "%s%lld", registry->prefix, (long long)n);
	return strbuf_detach(&name);
}

/* Registers the table just made as read now; then, past the registry's max, drops the
 * least recently read. The SQLite result of registering (on failure, name is dropped). */
static int registry_add(sqlite3 *db, const struct registry *registry, const char *name,
			const char *fields, const char *filters, sqlite3_int64 generation,
			sqlite3_int64 rows)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql,
		       "INSERT INTO %s VALUES (?1, ?2, ?3, ?4,"
		       " (SELECT coalesce(max(used), 0) + 1 FROM %s), ?5)",
		       registry->table, registry->table);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql.data, -1, &stmt, NULL);
	strbuf_free(&sql);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, fields, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, filters, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 4, generation);
		sqlite3_bind_int64(stmt, 5, rows);
		rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		sqlite3_finalize(stmt);
	}
	if (rc != SQLITE_OK) {
		drop_kept(db, registry, name);
		return rc;
	}
	drop_listed(db, registry, "ORDER BY used DESC LIMIT -1 OFFSET ?1", registry->max);
	return SQLITE_OK;
}

/* Keeps the table just made (rc: how making it went) and returns its name, or drops it and
 * returns NULL, *status STATUS_INTERRUPTED when making it was interrupted. */
static char *registry_keep(sqlite3 *db, const struct registry *registry, char *made, int rc,
			   const char *fields, const char *filters, sqlite3_int64 generation,
			   sqlite3_int64 rows, enum status *status)
{
	if (rc == SQLITE_OK)
		rc = registry_add(db, registry, made, fields, filters, generation, rows);
	else
		drop_kept(db, registry, made);
	if (rc == SQLITE_OK)
		return made;
	*status = rc == SQLITE_INTERRUPT ? STATUS_INTERRUPTED : STATUS_OK;
	free(made);
	return NULL;
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
	/* The filters as text: their SQL as the records would be read without kept hits (a
	 * hits table's name says nothing of its search), and the values bound to it. */
	if (query_filters_sql(NULL, fields, &under, NULL, &key, &params, &ignored) != STATUS_OK)
		goto out;
	for (size_t i = 0; i < params.n; i++)
		strbuf_appendf(&key, "\x1f%s", params.values[i]);
	for (size_t i = 0; i < n_by; i++)
		strbuf_appendf(&by_names, "%s%s", i ? "," : "", by[i]->name);

	sqlite3 *db = cache_db(cache);
	sqlite3_int64 generation = (sqlite3_int64)cache_generation(cache);
	if (registry_open(db, &kept_tallies, generation) != SQLITE_OK)
		goto out;
	name = registry_find(db, &kept_tallies, strbuf_str(&by_names), strbuf_str(&key), NULL);
	if (name || !make)
		goto out;
	/* Made from the search's kept hits, which its drills then read. */
	query_params_free(&params);
	*status = query_filters_sql(cache, fields, &under, NULL, &filters_sql, &params, &ignored);
	if (*status != STATUS_OK) {
		if (*status != STATUS_INTERRUPTED)
			*status = STATUS_OK;
		goto out;
	}
	char *made = registry_next_name(db, &kept_tallies);
	int rc = make_tally(cache, made, by, n_by, strbuf_str(&filters_sql), &params);
	name = registry_keep(db, &kept_tallies, made, rc, strbuf_str(&by_names), strbuf_str(&key),
			     generation, 0, status);
out:
	strbuf_free(&filters_sql);
	strbuf_free(&key);
	strbuf_free(&by_names);
	strbuf_free(&ignored);
	query_params_free(&params);
	return name;
}

char *query_match_hits(struct cache *cache, const char *fts, int64_t *n_hits,
		       enum status *status)
{
	*status = STATUS_OK;
	*n_hits = 0;
	sqlite3 *db = cache_db(cache);
	sqlite3_int64 generation = (sqlite3_int64)cache_generation(cache);
	if (registry_open(db, &kept_hits, generation) != SQLITE_OK)
		return NULL;
	char *name = registry_find(db, &kept_hits, "", fts, n_hits);
	if (name)
		return name;
	char *made = registry_next_name(db, &kept_hits);
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql, "CREATE TEMP TABLE \"%s\"(id INTEGER PRIMARY KEY)", made);
	int rc = run(db, sql.data, NULL, 0, 0);
	strbuf_reset(&sql);
	strbuf_appendf(&sql, "INSERT INTO temp.\"%s\" ", made);
	struct query_params params = {0};
	if (rc == SQLITE_OK && query_notes_sql(db, fts, &sql, &params, NULL) != STATUS_OK)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK)
		rc = run(db, sql.data, (const char *const *)params.values, params.n, 0);
	query_params_free(&params);
	strbuf_free(&sql);
	*n_hits = sqlite3_changes64(db);
	return registry_keep(db, &kept_hits, made, rc, "", fts, generation, *n_hits, status);
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

enum status query_refs_each_once(struct cache *cache, bool *once)
{
	*once = false;
	sqlite3 *db = cache_db(cache);
	if (run(db,
		"CREATE TEMP TABLE IF NOT EXISTS kept_refs_once(generation INTEGER NOT NULL,"
		" once INTEGER NOT NULL)",
		NULL, 0, 0) != SQLITE_OK)
		return STATUS_OK;
	sqlite3_int64 generation = (sqlite3_int64)cache_generation(cache);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, "SELECT once FROM kept_refs_once WHERE generation = ?1", -1,
				    &stmt, NULL);
	if (rc != SQLITE_OK)
		return STATUS_OK;
	sqlite3_bind_int64(stmt, 1, generation);
	bool known = sqlite3_step(stmt) == SQLITE_ROW;
	if (known)
		*once = sqlite3_column_int(stmt, 0) != 0;
	sqlite3_finalize(stmt);
	if (known)
		return STATUS_OK;
	/* In the order of the index of references, a repeat is two entries side by side: one
	 * read of the index (2.3 s at 10M), stopped at the first. Without the index (a cache
	 * being filled) the question would sort every record: not asked. */
	rc = sqlite3_prepare_v2(db,
				"SELECT NOT EXISTS (SELECT 1 FROM records"
				"  WHERE ref IS NULL OR ref = '')"
				" AND NOT EXISTS (SELECT 1 FROM records INDEXED BY records_ref"
				"  GROUP BY ref HAVING count(*) > 1)",
				-1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return STATUS_OK; /* no index to read by: the references are counted */
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*once = sqlite3_column_int(stmt, 0) != 0;
	sqlite3_finalize(stmt);
	if (rc == SQLITE_INTERRUPT)
		return STATUS_INTERRUPTED;
	if (rc != SQLITE_ROW)
		return STATUS_OK;
	run(db, "DELETE FROM kept_refs_once", NULL, 0, 0);
	if (sqlite3_prepare_v2(db, "INSERT INTO kept_refs_once VALUES (?1, ?2)", -1, &stmt, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, generation);
		sqlite3_bind_int(stmt, 2, *once);
		sqlite3_step(stmt);
		sqlite3_finalize(stmt);
	}
	return STATUS_OK;
}
