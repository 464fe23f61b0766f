/*
 * cache_tally.c - the tallies: counts of records by fields, kind, year and month, kept in
 * the cache so that a table need not read every record (layer: core).
 *
 * A tally table "tally__a__b" has one column per field (f_a, f_b, named as in records), then
 * kind, year, month and n. Each counts every record of the cache once. An import into an
 * empty cache writes the one-field tallies it counted on the way; a table makes the tally
 * it needs on first use (query_levels.c); an import into a cache that has records keeps
 * every tally true: it subtracts the records a changed file had, adds the new ones, and
 * settles each table to one row per group at the end.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache_internal.h"
#include "crimeview/tally.h"

/* A table being settled is built under this name, then renamed: not a tally's name, so
 * that no reader takes it for a tally. */
#define SETTLING_TABLE "settling_tally"
/* The names of the tallies (cache_tally_name): "tally" for the one by no field, which a
 * table by period alone makes (and, sorting first, the smallest to sum the overview from),
 * then "tally__" and the fields. */
#define TALLY_NAMES_SQL "(name = 'tally' OR name GLOB 'tally__*')"

void cache_tally_name(const char *const *fields, size_t n, struct strbuf *out)
{
	strbuf_append_str(out, "tally");
	for (size_t i = 0; i < n; i++)
		strbuf_appendf(out, "__%s", fields[i]);
}

char *cache_tally_any(struct cache *cache)
{
	sqlite3_stmt *stmt;
	char *name = NULL;
	if (cache_prepare(cache,
			  "SELECT name FROM sqlite_master WHERE type = 'table' AND " TALLY_NAMES_SQL
			  " ORDER BY name LIMIT 1",
			  &stmt) != STATUS_OK)
		return NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		name = xstrdup(cache_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return name;
}

void cache_tallies_free(struct cache_tally_table *tables, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(tables[i].name);
		for (size_t k = 0; k < tables[i].n_fields; k++)
			free(tables[i].fields[k]);
		free(tables[i].fields);
	}
	free(tables);
}

/* The field names of a tally: its columns before kind, without their "f_". */
static enum status tally_fields_load(struct cache *cache, struct cache_tally_table *table)
{
	struct strbuf sql = STRBUF_INIT;
	/* The name comes from sqlite_master and is [a-z0-9_] (cache_tally_name). */
	strbuf_appendf(&sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table->name);
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, sql.data, &stmt);
	strbuf_free(&sql);
	if (status != STATUS_OK)
		return status;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *column = cache_column_text(stmt, 0);
		if (strncmp(column, "f_", 2) != 0)
			break;
		table->fields = xrealloc(table->fields, (table->n_fields + 1) * sizeof(*table->fields));
		table->fields[table->n_fields++] = xstrdup(column + 2);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status cache_tallies_list(struct cache *cache, struct cache_tally_table **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"SELECT name FROM sqlite_master WHERE type = 'table' AND " TALLY_NAMES_SQL " ORDER BY name",
		&stmt);
	if (status != STATUS_OK)
		return status;
	struct cache_tally_table *tables = NULL;
	size_t count = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		tables = xrealloc(tables, (count + 1) * sizeof(*tables));
		memset(&tables[count], 0, sizeof(*tables));
		tables[count++].name = xstrdup(cache_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	status = rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
	for (size_t i = 0; i < count && status == STATUS_OK; i++)
		status = tally_fields_load(cache, &tables[i]);
	if (status != STATUS_OK) {
		cache_tallies_free(tables, count);
		return status;
	}
	*out = tables;
	*n = count;
	return STATUS_OK;
}

struct tally_insert {
	sqlite3_stmt *stmt;
	bool failed;
};

static void insert_tally_entry(const struct tally_entry *entry, void *data)
{
	struct tally_insert *ins = data;
	sqlite3_reset(ins->stmt);
	cache_bind_text(ins->stmt, 1, entry->value, -1);
	cache_bind_text(ins->stmt, 2, tally_kind_name(entry->kind), -1);
	if (entry->year) {
		sqlite3_bind_int(ins->stmt, 3, entry->year);
		sqlite3_bind_int(ins->stmt, 4, entry->month);
	} else {
		sqlite3_bind_null(ins->stmt, 3);
		sqlite3_bind_null(ins->stmt, 4);
	}
	sqlite3_bind_int64(ins->stmt, 5, entry->n);
	if (sqlite3_step(ins->stmt) != SQLITE_DONE)
		ins->failed = true;
}

/* Inserts a tally's counts into table, with their values (a one-field tally) or without
 * (the tally by no field). */
static enum status insert_counts(struct cache *cache, const char *table, const struct tally *tally,
				 bool with_values)
{
	struct strbuf sql = STRBUF_INIT;
	/* ?1, the value, is bound either way: unused, it stays out of the row. */
	strbuf_appendf(&sql,
		       with_values ? "INSERT INTO \"%s\" VALUES(?1, ?2, ?3, ?4, ?5)"
				   : "INSERT INTO \"%s\"(kind, year, month, n) VALUES(?2, ?3, ?4, ?5)",
		       table);
	struct tally_insert ins = {NULL, false};
	enum status status = cache_prepare(cache, sql.data, &ins.stmt);
	strbuf_free(&sql);
	if (status != STATUS_OK)
		return status;
	tally_each(tally, insert_tally_entry, &ins);
	sqlite3_finalize(ins.stmt);
	return ins.failed ? STATUS_CACHE : STATUS_OK;
}

enum status cache_tally_add(struct cache *cache, const char *table, const struct tally *tally)
{
	return insert_counts(cache, table, tally, true);
}

static void create_sql(const char *table, const char *field_name, struct strbuf *sql)
{
	strbuf_appendf(sql, "CREATE TABLE \"%s\"(", table);
	if (field_name) {
		cache_field_column(field_name, sql);
		strbuf_append_str(sql, ", ");
	}
	strbuf_append_str(sql, "kind, year, month, n)");
}

enum status cache_tally_write(struct cache *cache, const char *field_name, const struct tally *tally)
{
	struct strbuf table = STRBUF_INIT, sql = STRBUF_INIT;
	cache_tally_name(&field_name, field_name ? 1 : 0, &table);
	create_sql(table.data, field_name, &sql);
	enum status status = cache_exec(cache, sql.data);
	if (status == STATUS_OK)
		status = insert_counts(cache, table.data, tally, field_name != NULL);
	strbuf_free(&table);
	strbuf_free(&sql);
	return status;
}

enum status cache_tally_create_blank(struct cache *cache, const char *field_name,
				     const char *from_table)
{
	struct strbuf table = STRBUF_INIT, sql = STRBUF_INIT;
	cache_tally_name(&field_name, 1, &table);
	create_sql(table.data, field_name, &sql);
	strbuf_appendf(&sql,
		       "; INSERT INTO \"%s\" SELECT NULL, kind, year, month, sum(n) FROM \"%s\""
		       " GROUP BY kind, year, month",
		       table.data, from_table);
	enum status status = cache_exec(cache, sql.data);
	strbuf_free(&table);
	strbuf_free(&sql);
	return status;
}

/* The SQL expression of a field's value in records r (its overflow id looked up). */
static enum status field_value_sql(struct cache *cache, const char *name, struct strbuf *out)
{
	sqlite3_stmt *stmt;
	enum status status =
		cache_prepare(cache, "SELECT CASE WHEN overflow THEN id ELSE 0 END FROM fields WHERE name = ?1",
			      &stmt);
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, name, -1);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		cache_field_value_sql(name, sqlite3_column_int64(stmt, 0), out);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : rc == SQLITE_DONE ? STATUS_NOT_FOUND : STATUS_CACHE;
}

enum status cache_tally_count_records(struct cache *cache, const struct cache_tally_table *table,
				      int64_t first_id, int64_t last_id, int sign)
{
	struct strbuf values = STRBUF_INIT, groups = STRBUF_INIT, sql = STRBUF_INIT;
	enum status status = STATUS_OK;
	for (size_t k = 0; k < table->n_fields && status == STATUS_OK; k++) {
		status = field_value_sql(cache, table->fields[k], &values);
		strbuf_append_str(&values, ", ");
		strbuf_appendf(&groups, "%zu, ", k + 1);
	}
	/* A tally of a field the cache does not know is none this code made: it goes. */
	if (status == STATUS_NOT_FOUND)
		status = cache_tally_drop(cache, table->name);
	else if (status == STATUS_OK) {
		strbuf_appendf(&sql,
			       "INSERT INTO \"%s\" SELECT %skind, year, month, %d * count(*)"
			       " FROM records r WHERE r.id BETWEEN ?1 AND ?2 GROUP BY %skind, year, month",
			       table->name, strbuf_str(&values), sign < 0 ? -1 : 1, strbuf_str(&groups));
		sqlite3_stmt *stmt;
		status = cache_prepare(cache, sql.data, &stmt);
		if (status == STATUS_OK) {
			sqlite3_bind_int64(stmt, 1, first_id);
			sqlite3_bind_int64(stmt, 2, last_id);
			status = sqlite3_step(stmt) == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
			sqlite3_finalize(stmt);
		}
	}
	strbuf_free(&values);
	strbuf_free(&groups);
	strbuf_free(&sql);
	return status;
}

enum status cache_tally_settle(struct cache *cache, const struct cache_tally_table *table)
{
	struct strbuf columns = STRBUF_INIT, sql = STRBUF_INIT;
	for (size_t k = 0; k < table->n_fields; k++) {
		cache_field_column(table->fields[k], &columns);
		strbuf_append_str(&columns, ", ");
	}
	/* Groups whose records all went are no groups: a table must not show them as 0. */
	strbuf_appendf(&sql,
		       "CREATE TABLE " SETTLING_TABLE " AS SELECT %skind, year, month, sum(n) AS n"
		       " FROM \"%s\" GROUP BY %skind, year, month HAVING sum(n) <> 0;"
		       " DROP TABLE \"%s\";",
		       columns.data ? columns.data : "", table->name, columns.data ? columns.data : "",
		       table->name);
	enum status status = cache_exec(cache, sql.data);
	strbuf_reset(&sql);
	int64_t rows = 0;
	if (status == STATUS_OK) {
		sqlite3_stmt *stmt;
		status = cache_prepare(cache, "SELECT count(*) FROM " SETTLING_TABLE, &stmt);
		if (status == STATUS_OK) {
			if (sqlite3_step(stmt) == SQLITE_ROW)
				rows = sqlite3_column_int64(stmt, 0);
			sqlite3_finalize(stmt);
		}
	}
	/* A tally that grew past the size worth keeping goes; a table makes it again if asked. */
	if (rows > TALLY_ENTRIES_MAX)
		strbuf_append_str(&sql, "DROP TABLE " SETTLING_TABLE);
	else
		strbuf_appendf(&sql, "ALTER TABLE " SETTLING_TABLE " RENAME TO \"%s\"", table->name);
	if (status == STATUS_OK)
		status = cache_exec(cache, sql.data);
	strbuf_free(&columns);
	strbuf_free(&sql);
	return status;
}

enum status cache_tally_drop(struct cache *cache, const char *table)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql, "DROP TABLE \"%s\"", table);
	enum status status = cache_exec(cache, sql.data);
	strbuf_free(&sql);
	return status;
}

/* Applies op to every tally, stopping at the first failure. */
static enum status each_tally(struct cache *cache,
			      enum status (*op)(struct cache *, const struct cache_tally_table *))
{
	struct cache_tally_table *tables;
	size_t n;
	enum status status = cache_tallies_list(cache, &tables, &n);
	for (size_t i = 0; i < n && status == STATUS_OK; i++)
		status = op(cache, &tables[i]);
	cache_tallies_free(tables, n);
	return status;
}

static enum status drop_table(struct cache *cache, const struct cache_tally_table *table)
{
	return cache_tally_drop(cache, table->name);
}

enum status cache_tallies_drop(struct cache *cache)
{
	return each_tally(cache, drop_table);
}

enum status cache_tallies_settle(struct cache *cache)
{
	return each_tally(cache, cache_tally_settle);
}
