/*
 * cache_read.c - reading what the cache holds: fields, records by reference, rejects
 * (layer: core).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache_internal.h"

/*
 * The statement giving a field's distinct and blank counts from its tally: the tally
 * counts every record, blank in the files without the field, which the scan leaves out.
 */
static void stats_from_tally_sql(const char *name, struct strbuf *sql)
{
	struct strbuf table = STRBUF_INIT, column = STRBUF_INIT;
	cache_tally_name(&name, 1, &table);
	cache_field_column(name, &column);
	strbuf_appendf(sql,
		       "SELECT (SELECT count(DISTINCT %s) FROM \"%s\"),"
		       " (SELECT coalesce(sum(n), 0) FROM \"%s\" WHERE %s IS NULL)"
		       " - (SELECT coalesce(sum(n), 0) FROM \"%s\")"
		       " + (SELECT coalesce(sum(rows_imported), 0) FROM files WHERE id IN"
		       "  (SELECT file_id FROM file_fields WHERE field_id = ?1))",
		       column.data, table.data, table.data, column.data, table.data);
	strbuf_free(&table);
	strbuf_free(&column);
}

static bool has_tally(struct cache *cache, const char *name)
{
	struct strbuf table = STRBUF_INIT;
	cache_tally_name(&name, 1, &table);
	sqlite3_stmt *stmt;
	bool found = false;
	if (cache_prepare(cache, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
			  &stmt) == STATUS_OK) {
		cache_bind_text(stmt, 1, table.data, -1);
		found = sqlite3_step(stmt) == SQLITE_ROW;
		sqlite3_finalize(stmt);
	}
	strbuf_free(&table);
	return found;
}

/* Computes the distinct and blank counts of one field over the files that have it: from
 * its tally when it has one, else from every record. */
static enum status field_compute_stats(struct cache *cache, int64_t field_id, const char *name,
				       bool is_notes, bool overflow)
{
	struct strbuf sql = STRBUF_INIT;
	bool from_tally = !is_notes && has_tally(cache, name);
	if (from_tally) {
		stats_from_tally_sql(name, &sql);
	} else if (is_notes) {
		strbuf_append_str(&sql,
				  "SELECT (SELECT count(DISTINCT notes) FROM notes WHERE id IN"
				  "  (SELECT id FROM records WHERE file_id IN (SELECT file_id FROM"
				  "   file_fields WHERE field_id = ?1))),"
				  " count(*) - (SELECT count(*) FROM notes WHERE id IN"
				  "  (SELECT id FROM records WHERE file_id IN (SELECT file_id FROM"
				  "   file_fields WHERE field_id = ?1)))");
	} else {
		strbuf_append_str(&sql, "SELECT count(DISTINCT ");
		cache_field_value_sql(name, overflow ? field_id : 0, &sql);
		strbuf_append_str(&sql, "), count(*) - count(");
		cache_field_value_sql(name, overflow ? field_id : 0, &sql);
		strbuf_append_str(&sql, ")");
	}
	if (!from_tally)
		strbuf_append_str(&sql, " FROM records r WHERE r.file_id IN"
					" (SELECT file_id FROM file_fields WHERE field_id = ?1)");
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, sql.data, &stmt);
	strbuf_free(&sql);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, field_id);
	int64_t n_distinct = 0, n_blank = 0;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		n_distinct = sqlite3_column_int64(stmt, 0);
		n_blank = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return STATUS_CACHE;
	status = cache_prepare(cache, "UPDATE fields SET n_distinct = ?2, n_blank = ?3 WHERE id = ?1",
			       &stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, field_id);
	sqlite3_bind_int64(stmt, 2, n_distinct);
	sqlite3_bind_int64(stmt, 3, n_blank);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	/* A read-only cache cannot remember the counts; they are still right this time. */
	return rc == SQLITE_DONE || rc == SQLITE_READONLY ? STATUS_OK : STATUS_CACHE;
}

static const char fields_sql[] =
	"SELECT f.id, f.name, f.header, f.role, f.type, f.n_distinct, f.n_blank,"
	" (SELECT coalesce(sum(fi.rows_imported), 0) FROM files fi WHERE fi.id IN"
	"  (SELECT file_id FROM file_fields WHERE field_id = f.id))"
	" FROM fields f ORDER BY f.id";

static enum status fields_stale(struct cache *cache, bool *stale)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache, "SELECT count(*) FROM fields WHERE n_distinct IS NULL OR n_blank IS NULL", &stmt);
	if (status != STATUS_OK)
		return status;
	*stale = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int64(stmt, 0) > 0;
	sqlite3_finalize(stmt);
	return STATUS_OK;
}

static enum status fields_refresh(struct cache *cache)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"SELECT id, name, role, overflow FROM fields"
		" WHERE n_distinct IS NULL OR n_blank IS NULL",
		&stmt);
	if (status != STATUS_OK)
		return status;
	while (status == STATUS_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		char *name = xstrdup(cache_column_text(stmt, 1));
		bool is_notes = strcmp(cache_column_text(stmt, 2), "notes") == 0;
		status = field_compute_stats(cache, sqlite3_column_int64(stmt, 0), name, is_notes,
					     sqlite3_column_int(stmt, 3) != 0);
		free(name);
	}
	sqlite3_finalize(stmt);
	return status;
}

enum status cache_fields_list(struct cache *cache, bool with_counts,
			      struct cache_field_info **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	bool stale = false;
	enum status status = with_counts ? fields_stale(cache, &stale) : STATUS_OK;
	if (status == STATUS_OK && stale) {
		bool own_transaction = sqlite3_get_autocommit(cache->db);
		if (own_transaction)
			cache_exec(cache, "BEGIN");
		status = fields_refresh(cache);
		if (own_transaction)
			cache_exec(cache, status == STATUS_OK ? "COMMIT" : "ROLLBACK");
	}
	if (status != STATUS_OK)
		return status;
	sqlite3_stmt *stmt;
	status = cache_prepare(cache, fields_sql, &stmt);
	if (status != STATUS_OK)
		return status;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		struct cache_field_info *f = &(*out)[(*n)++];
		f->name = xstrdup(cache_column_text(stmt, 1));
		f->header = xstrdup(cache_column_text(stmt, 2));
		f->role = xstrdup(cache_column_text(stmt, 3));
		f->type = xstrdup(cache_column_text(stmt, 4));
		f->n_distinct = with_counts ? sqlite3_column_int64(stmt, 5) : -1;
		f->n_blank = with_counts ? sqlite3_column_int64(stmt, 6) : -1;
		f->n_records = sqlite3_column_int64(stmt, 7);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

void cache_fields_free(struct cache_field_info *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(fields[i].name);
		free(fields[i].header);
		free(fields[i].role);
		free(fields[i].type);
	}
	free(fields);
}

/* The columns of one file, in order, with the values of one of its records. */
struct record_fields {
	struct cache_value *values;
	char **owned; /* name, header, role, value strings: 4 per value */
	int64_t *overflow_ids; /* per value: the field's id when it overflows, else 0 */
	size_t n;
	struct strbuf notes_headers;
};

static void record_fields_free(struct record_fields *rf)
{
	for (size_t i = 0; i < rf->n * 4; i++)
		free(rf->owned[i]);
	free(rf->owned);
	free(rf->values);
	free(rf->overflow_ids);
	strbuf_free(&rf->notes_headers);
	memset(rf, 0, sizeof(*rf));
}

/* The record's values of overflow fields, from field_values. */
static enum status record_overflow_load(struct cache *cache, int64_t record_id,
					struct record_fields *rf)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache, "SELECT field_id, value FROM field_values WHERE record_id = ?1", &stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, record_id);
	size_t at = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t field_id = sqlite3_column_int64(stmt, 0);
		/* Rows come in field id order, which is mostly column order: search on from the
		 * last one found. */
		for (size_t k = 0; k < rf->n; k++, at = (at + 1) % rf->n) {
			if (rf->overflow_ids[at] == field_id) {
				free(rf->owned[at * 4 + 3]);
				rf->owned[at * 4 + 3] = xstrdup(cache_column_text(stmt, 1));
				break;
			}
		}
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

static enum status record_fields_load(struct cache *cache, int64_t file_id, int64_t record_id,
				      struct record_fields *rf)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"SELECT fl.name, ff.header, ff.role, CASE WHEN fl.overflow THEN fl.id ELSE 0 END"
		" FROM file_fields ff JOIN fields fl ON fl.id = ff.field_id WHERE ff.file_id = ?1"
		" ORDER BY ff.position",
		&stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, file_id);
	size_t cap = 0;
	bool has_overflow = false;
	/* The select names the fields with a column only: a wide file has more fields than a
	 * result may have columns. selected[k] is the value of result column k + 1. */
	size_t *selected = NULL, n_selected = 0;
	struct strbuf select = STRBUF_INIT;
	strbuf_append_str(&select, "SELECT NULL");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (rf->n == cap) {
			cap = cap ? cap * 2 : 16;
			rf->values = xrealloc(rf->values, cap * sizeof(*rf->values));
			rf->owned = xrealloc(rf->owned, cap * 4 * sizeof(*rf->owned));
			rf->overflow_ids =
				xrealloc(rf->overflow_ids, cap * sizeof(*rf->overflow_ids));
			selected = xrealloc(selected, cap * sizeof(*selected));
		}
		rf->overflow_ids[rf->n] = sqlite3_column_int64(stmt, 3);
		char **own = rf->owned + rf->n * 4;
		own[0] = xstrdup(cache_column_text(stmt, 0));
		own[1] = xstrdup(cache_column_text(stmt, 1));
		own[2] = xstrdup(cache_column_text(stmt, 2));
		own[3] = NULL;
		if (strcmp(own[2], "notes") == 0) {
			if (rf->notes_headers.len)
				strbuf_append_str(&rf->notes_headers, ", ");
			strbuf_append_str(&rf->notes_headers, own[1]);
			rf->overflow_ids[rf->n] = 0;
		} else if (rf->overflow_ids[rf->n]) {
			has_overflow = true; /* read from field_values below */
		} else {
			strbuf_append_str(&select, ", ");
			cache_field_value_sql(own[0], 0, &select);
			selected[n_selected++] = rf->n;
		}
		rf->n++;
	}
	sqlite3_finalize(stmt);
	strbuf_append_str(&select, " FROM records r WHERE r.id = ?1");
	status = cache_prepare(cache, select.data, &stmt);
	strbuf_free(&select);
	if (status != STATUS_OK) {
		free(selected);
		return status;
	}
	sqlite3_bind_int64(stmt, 1, record_id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		for (size_t k = 0; k < n_selected; k++) {
			const char *value = cache_column_text(stmt, (int)k + 1);
			rf->owned[selected[k] * 4 + 3] = value ? xstrdup(value) : NULL;
		}
	}
	sqlite3_finalize(stmt);
	free(selected);
	if (has_overflow) {
		status = record_overflow_load(cache, record_id, rf);
		if (status != STATUS_OK)
			return status;
	}
	for (size_t i = 0; i < rf->n; i++) {
		rf->values[i].name = rf->owned[i * 4];
		rf->values[i].header = rf->owned[i * 4 + 1];
		rf->values[i].role = rf->owned[i * 4 + 2];
		rf->values[i].value = rf->owned[i * 4 + 3];
	}
	return STATUS_OK;
}

static char *record_notes(struct cache *cache, int64_t record_id)
{
	sqlite3_stmt *stmt;
	if (cache_prepare(cache, "SELECT notes FROM notes WHERE id = ?1", &stmt) != STATUS_OK)
		return NULL;
	sqlite3_bind_int64(stmt, 1, record_id);
	char *notes = NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW && cache_column_text(stmt, 0))
		notes = xstrdup(cache_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return notes;
}

static enum status records_matching(struct cache *cache, const char *sql, const char *ref,
				    void (*each)(const struct cache_record_view *, void *),
				    void *data, size_t *n)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, sql, &stmt);
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, ref, -1);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct cache_record_view view = {
			.id = sqlite3_column_int64(stmt, 0),
			.file = cache_column_text(stmt, 1),
			.line = (unsigned long)sqlite3_column_int64(stmt, 2),
			.kind = cache_column_text(stmt, 3),
			.ref = cache_column_text(stmt, 4),
			.date = cache_column_text(stmt, 5),
		};
		struct record_fields rf = {0};
		status = record_fields_load(cache, sqlite3_column_int64(stmt, 6), view.id, &rf);
		if (status != STATUS_OK) {
			record_fields_free(&rf);
			break;
		}
		char *notes = record_notes(cache, view.id);
		view.notes = notes;
		view.notes_headers = strbuf_str(&rf.notes_headers);
		view.values = rf.values;
		view.n_values = rf.n;
		each(&view, data);
		(*n)++;
		free(notes);
		record_fields_free(&rf);
	}
	sqlite3_finalize(stmt);
	if (status != STATUS_OK)
		return status;
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status cache_records_by_ref(struct cache *cache, const char *ref,
				 void (*each)(const struct cache_record_view *view, void *data),
				 void *data, size_t *n)
{
	static const char exact[] =
		"SELECT r.id, f.path, r.line, r.kind, r.ref, r.date, r.file_id FROM records r"
		" JOIN files f ON f.id = r.file_id WHERE r.ref = ?1 ORDER BY r.id";
	static const char loose[] =
		"SELECT r.id, f.path, r.line, r.kind, r.ref, r.date, r.file_id FROM records r"
		" JOIN files f ON f.id = r.file_id WHERE r.ref = trim(?1) COLLATE NOCASE ORDER BY r.id";
	*n = 0;
	enum status status = records_matching(cache, exact, ref, each, data, n);
	if (status == STATUS_OK && *n == 0)
		status = records_matching(cache, loose, ref, each, data, n);
	return status;
}

enum status cache_record_by_id(struct cache *cache, int64_t id,
			       void (*each)(const struct cache_record_view *view, void *data),
			       void *data, size_t *n)
{
	static const char by_id[] =
		"SELECT r.id, f.path, r.line, r.kind, r.ref, r.date, r.file_id FROM records r"
		" JOIN files f ON f.id = r.file_id WHERE r.id = CAST(?1 AS INTEGER)";
	char text[32];
	snprintf(text, sizeof(text), "%lld", (long long)id);
	*n = 0;
	return records_matching(cache, by_id, text, each, data, n);
}

enum status cache_rejects_each(struct cache *cache, const char *path,
			       void (*each)(const struct cache_reject *reject, void *data),
			       void *data, size_t *n)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"SELECT f.path, r.line, r.cause FROM rejects r JOIN files f ON f.id = r.file_id"
		" WHERE ?1 IS NULL OR f.path = ?1 ORDER BY r.file_id, r.line",
		&stmt);
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, path, -1);
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct cache_reject reject = {
			.file = cache_column_text(stmt, 0),
			.line = (unsigned long)sqlite3_column_int64(stmt, 1),
			.cause = cache_column_text(stmt, 2),
		};
		each(&reject, data);
		(*n)++;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

/*
 * The overview's query: from a tally when the cache has one, else from the records. Every
 * tally counts all the records by kind, year and month (and its fields' values), and the
 * import that changes the records drops them all, so summing any one of them gives the
 * counts without reading ten million records. The tally's name comes from sqlite_master
 * and is made of [a-z0-9_] (cache_tally_name).
 */
static enum status overview_prepare(struct cache *cache, sqlite3_stmt **stmt)
{
	static const char order[] =
	    " GROUP BY 1, 2 ORDER BY CASE kind WHEN 'crime' THEN 0 WHEN 'incident' THEN 1 ELSE 2"
	    " END, 2";
	struct strbuf sql = STRBUF_INIT;
	char *tally = cache_tally_any(cache);
	if (tally)
		strbuf_appendf(&sql, "SELECT coalesce(kind, ''), coalesce(year, 0), sum(n) FROM \"%s\"%s",
			       tally, order);
	free(tally);
	/* An import may have dropped the tally since: then the records it left are read. */
	enum status status = sql.len ? cache_prepare(cache, sql.data, stmt) : STATUS_CACHE;
	if (status != STATUS_OK) {
		strbuf_reset(&sql);
		strbuf_appendf(&sql, "SELECT coalesce(kind, ''), coalesce(year, 0), count(*) FROM records%s",
			       order);
		status = cache_prepare(cache, sql.data, stmt);
	}
	strbuf_free(&sql);
	return status;
}

enum status cache_overview_each(struct cache *cache,
				void (*each)(const char *kind, int year, int64_t n, void *data),
				void *data)
{
	sqlite3_stmt *stmt;
	enum status status = overview_prepare(cache, &stmt);
	if (status != STATUS_OK)
		return status;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		each(cache_column_text(stmt, 0), sqlite3_column_int(stmt, 1),
		     sqlite3_column_int64(stmt, 2), data);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}
