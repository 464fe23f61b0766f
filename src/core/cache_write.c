/*
 * cache_write.c - what an import writes: files, fields, records, rejects (layer: core).
 *
 * The record INSERT is prepared once per file with one placeholder per column (the
 * sqlite3 shell's .import does the same); the notes go to the notes table and its FTS
 * index in the same step (the index waits for the end of a load into an empty cache:
 * cache_indexes_drop), and the values of overflow fields (cache.h) to field_values.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache_internal.h"

void cache_field_column(const char *name, struct strbuf *out)
{
	/* Names are [a-z0-9_] by construction; quoting keeps any SQL keyword harmless. */
	strbuf_append_str(out, "\"f_");
	strbuf_append_str(out, name);
	strbuf_append_char(out, '"');
}

void cache_field_value_sql(const char *name, int64_t overflow_id, struct strbuf *out)
{
	if (!overflow_id) {
		strbuf_append_str(out, "r.");
		cache_field_column(name, out);
		return;
	}
	/* The id is the cache's own integer, never text from a file: written into the SQL it
	 * is as safe as a bound value, and the expression works wherever a column does. */
	strbuf_appendf(out,
		       "(SELECT value FROM field_values"
		       " WHERE record_id = r.id AND field_id = %" PRId64 ")",
		       overflow_id);
}

void cache_file_clear(struct cache_file *file)
{
	free(file->path);
	memset(file, 0, sizeof(*file));
}

static void copy_column(sqlite3_stmt *stmt, int index, char *buf, size_t size)
{
	const char *text = cache_column_text(stmt, index);
	snprintf(buf, size, "%s", text ? text : "");
}

static const char file_columns[] =
	"id, path, size, mtime_ns, hash, encoding, delimiter, kind, date_order, rows_read,"
	" rows_imported, rows_rejected, first_id, last_id, imported_at, seconds";

static void file_from_row(sqlite3_stmt *stmt, struct cache_file *file)
{
	memset(file, 0, sizeof(*file));
	file->id = sqlite3_column_int64(stmt, 0);
	file->path = xstrdup(cache_column_text(stmt, 1) ? cache_column_text(stmt, 1) : "");
	file->size = (uint64_t)sqlite3_column_int64(stmt, 2);
	file->mtime_ns = sqlite3_column_int64(stmt, 3);
	copy_column(stmt, 4, file->hash, sizeof(file->hash));
	copy_column(stmt, 5, file->encoding, sizeof(file->encoding));
	const char *delimiter = cache_column_text(stmt, 6);
	file->delimiter = delimiter && delimiter[0] ? delimiter[0] : ',';
	copy_column(stmt, 7, file->kind, sizeof(file->kind));
	copy_column(stmt, 8, file->date_order, sizeof(file->date_order));
	file->rows_read = sqlite3_column_int64(stmt, 9);
	file->rows_imported = sqlite3_column_int64(stmt, 10);
	file->rows_rejected = sqlite3_column_int64(stmt, 11);
	file->first_id = sqlite3_column_int64(stmt, 12);
	file->last_id = sqlite3_column_int64(stmt, 13);
	copy_column(stmt, 14, file->imported_at, sizeof(file->imported_at));
	file->seconds = sqlite3_column_double(stmt, 15);
}

enum status cache_file_find(struct cache *cache, const char *path, struct cache_file *out,
			    bool *found)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *stmt;
	strbuf_appendf(&sql, "SELECT %s FROM files WHERE path = ?1", file_columns);
	enum status status = cache_prepare(cache, sql.data, &stmt);
	strbuf_free(&sql);
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, path, -1);
	int rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		file_from_row(stmt, out);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status cache_files_list(struct cache *cache, struct cache_file **out, size_t *n)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *stmt;
	*out = NULL;
	*n = 0;
	strbuf_appendf(&sql, "SELECT %s FROM files ORDER BY id", file_columns);
	enum status status = cache_prepare(cache, sql.data, &stmt);
	strbuf_free(&sql);
	if (status != STATUS_OK)
		return status;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		file_from_row(stmt, &(*out)[(*n)++]);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

void cache_files_free(struct cache_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i].path);
	free(files);
}

enum status cache_file_save(struct cache *cache, struct cache_file *file)
{
	sqlite3_stmt *stmt;
	const char *sql =
		file->id ? "UPDATE files SET path=?2, size=?3, mtime_ns=?4, hash=?5, encoding=?6,"
			   " delimiter=?7, kind=?8, date_order=?9, rows_read=?10, rows_imported=?11,"
			   " rows_rejected=?12, first_id=?13, last_id=?14, imported_at=?15,"
			   " seconds=?16 WHERE id=?1"
			 : "INSERT INTO files(path, size, mtime_ns, hash, encoding, delimiter, kind,"
			   " date_order, rows_read, rows_imported, rows_rejected, first_id, last_id,"
			   " imported_at, seconds) VALUES(?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
			   " ?12, ?13, ?14, ?15, ?16)";
	enum status status = cache_prepare(cache, sql, &stmt);
	if (status != STATUS_OK)
		return status;
	char delimiter[2] = {file->delimiter ? file->delimiter : ',', '\0'};
	if (file->id)
		sqlite3_bind_int64(stmt, 1, file->id);
	cache_bind_text(stmt, 2, file->path, -1);
	sqlite3_bind_int64(stmt, 3, (sqlite3_int64)file->size);
	sqlite3_bind_int64(stmt, 4, file->mtime_ns);
	cache_bind_text(stmt, 5, file->hash, -1);
	cache_bind_text(stmt, 6, file->encoding, -1);
	cache_bind_text(stmt, 7, delimiter, -1);
	cache_bind_text(stmt, 8, file->kind, -1);
	cache_bind_text(stmt, 9, file->date_order, -1);
	sqlite3_bind_int64(stmt, 10, file->rows_read);
	sqlite3_bind_int64(stmt, 11, file->rows_imported);
	sqlite3_bind_int64(stmt, 12, file->rows_rejected);
	sqlite3_bind_int64(stmt, 13, file->first_id);
	sqlite3_bind_int64(stmt, 14, file->last_id);
	cache_bind_text(stmt, 15, file->imported_at, -1);
	sqlite3_bind_double(stmt, 16, file->seconds);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return STATUS_CACHE;
	if (!file->id)
		file->id = sqlite3_last_insert_rowid(cache->db);
	return STATUS_OK;
}

/* Runs sql binding a to ?1 and b to ?2 where the statement has them. */
static enum status exec_with_ids(struct cache *cache, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, sql, &stmt);
	if (status != STATUS_OK)
		return status;
	int n_params = sqlite3_bind_parameter_count(stmt);
	if (n_params >= 1)
		sqlite3_bind_int64(stmt, 1, a);
	if (n_params >= 2)
		sqlite3_bind_int64(stmt, 2, b);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status cache_file_forget(struct cache *cache, const struct cache_file *file)
{
	enum status status = STATUS_OK;
	if (file->first_id && file->last_id) {
		status = exec_with_ids(cache, "DELETE FROM records WHERE id BETWEEN ?1 AND ?2",
				      file->first_id, file->last_id);
		/* An external-content index forgets a row by its words, so before its notes go
		 * (and only when the index holds them already). An index aside cannot forget:
		 * the notes will be indexed from their table instead. */
		cache_notes_index_aside_drop(cache);
		if (status == STATUS_OK && !cache->notes_unindexed)
			status = exec_with_ids(cache,
					       "INSERT INTO notes_fts(notes_fts, rowid, notes)"
					       " SELECT 'delete', id, notes FROM notes"
					       " WHERE id BETWEEN ?1 AND ?2",
					       file->first_id, file->last_id);
		if (status == STATUS_OK)
			status = exec_with_ids(cache, "DELETE FROM notes WHERE id BETWEEN ?1 AND ?2",
					       file->first_id, file->last_id);
		if (status == STATUS_OK)
			status = exec_with_ids(
				cache, "DELETE FROM field_values WHERE record_id BETWEEN ?1 AND ?2",
				file->first_id, file->last_id);
	}
	if (status == STATUS_OK)
		status = exec_with_ids(cache, "DELETE FROM rejects WHERE file_id = ?1", file->id, 0);
	if (status == STATUS_OK)
		status = exec_with_ids(cache, "DELETE FROM file_fields WHERE file_id = ?1", file->id,
				       0);
	/* Distinct and blank counts are recomputed on demand from what is left. */
	if (status == STATUS_OK)
		status = cache_exec(cache, "UPDATE fields SET n_distinct = NULL, n_blank = NULL");
	return status;
}

/* Columns SQLite's column limit must leave for the fixed ones of records and for the few
 * a query selects besides a file's fields. */
#define FIXED_COLUMNS_MARGIN 100

/* How many f_ columns records may have. */
static int value_columns_max(struct cache *cache)
{
	int room = sqlite3_limit(cache->db, SQLITE_LIMIT_COLUMN, -1) - FIXED_COLUMNS_MARGIN;
	return room < CACHE_VALUE_COLUMNS_MAX ? room : CACHE_VALUE_COLUMNS_MAX;
}

/* Gives a field a place for its values: an f_ column while records has room for one,
 * else field_values (fields.overflow). */
static enum status field_give_place(struct cache *cache, const char *name, int64_t field_id)
{
	if (cache->n_value_columns < 0) {
		sqlite3_stmt *stmt;
		enum status status = cache_prepare(cache,
						   "SELECT count(*) FROM pragma_table_info('records')"
						   " WHERE name GLOB 'f_*'",
						   &stmt);
		if (status != STATUS_OK)
			return status;
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			cache->n_value_columns = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
		if (rc != SQLITE_ROW)
			return STATUS_CACHE;
	}
	if (cache->n_value_columns >= value_columns_max(cache))
		return exec_with_ids(cache, "UPDATE fields SET overflow = 1 WHERE id = ?1", field_id,
				     0);
	struct strbuf sql = STRBUF_INIT;
	strbuf_append_str(&sql, "ALTER TABLE records ADD COLUMN ");
	cache_field_column(name, &sql);
	strbuf_append_str(&sql, " TEXT");
	enum status status = cache_exec(cache, sql.data);
	strbuf_free(&sql);
	if (status == STATUS_OK)
		cache->n_value_columns++;
	return status;
}

enum status cache_field_ensure(struct cache *cache, const char *name, const char *header,
			       enum field_role role, int64_t *field_id)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, "SELECT id, role FROM fields WHERE name = ?1", &stmt);
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, name, -1);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*field_id = sqlite3_column_int64(stmt, 0);
		bool had_column = strcmp(cache_column_text(stmt, 1), "notes") != 0;
		sqlite3_finalize(stmt);
		/* A field first seen as notes gets a place when another file uses it plainly. */
		if (role == FIELD_ROLE_NOTES || had_column)
			return STATUS_OK;
		status = field_give_place(cache, name, *field_id);
		if (status == STATUS_OK)
			status = exec_with_ids(cache, "UPDATE fields SET role = '' WHERE id = ?1",
					       *field_id, 0);
		return status;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return STATUS_CACHE;

	status = cache_prepare(cache, "INSERT INTO fields(name, header, role) VALUES(?1, ?2, ?3)",
			       &stmt);
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, name, -1);
	cache_bind_text(stmt, 2, header, -1);
	cache_bind_text(stmt, 3, field_role_name(role), -1);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return STATUS_CACHE;
	*field_id = sqlite3_last_insert_rowid(cache->db);
	return role == FIELD_ROLE_NOTES ? STATUS_OK : field_give_place(cache, name, *field_id);
}

enum status cache_file_field_add(struct cache *cache, int64_t file_id, size_t position,
				 int64_t field_id, const char *header, enum field_role role)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"INSERT INTO file_fields(file_id, position, field_id, header, role)"
		" VALUES(?1, ?2, ?3, ?4, ?5)",
		&stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, file_id);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)position);
	sqlite3_bind_int64(stmt, 3, field_id);
	cache_bind_text(stmt, 4, header, -1);
	cache_bind_text(stmt, 5, field_role_name(role), -1);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status cache_field_in_other_files(struct cache *cache, int64_t field_id, int64_t file_id,
				       bool *out)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"SELECT EXISTS(SELECT 1 FROM file_fields WHERE field_id = ?1 AND file_id <> ?2)",
		&stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, field_id);
	sqlite3_bind_int64(stmt, 2, file_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(stmt, 0) != 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : STATUS_CACHE;
}

enum status cache_field_add_counts(struct cache *cache, int64_t field_id, int64_t n_values,
				   int64_t n_numeric, int64_t n_date)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"UPDATE fields SET n_values = n_values + ?2, n_numeric = n_numeric + ?3,"
		" n_date = n_date + ?4, n_distinct = NULL, n_blank = NULL,"
		" type = CASE WHEN n_values + ?2 = 0 THEN 'text'"
		"  WHEN n_numeric + ?3 = n_values + ?2 THEN 'number'"
		"  WHEN n_date + ?4 = n_values + ?2 THEN 'date' ELSE 'text' END"
		" WHERE id = ?1",
		&stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, field_id);
	sqlite3_bind_int64(stmt, 2, n_values);
	sqlite3_bind_int64(stmt, 3, n_numeric);
	sqlite3_bind_int64(stmt, 4, n_date);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

struct cache_writer {
	struct cache *cache;
	int64_t file_id;
	size_t n;
	/* Per value: its parameter in insert_record, or 0 for an overflow field... */
	int *params;
	/* ...whose id is here (0 for the others). */
	int64_t *overflow_ids;
	sqlite3_stmt *insert_record;
	sqlite3_stmt *insert_notes;
	sqlite3_stmt *index_notes; /* NULL while the cache's notes wait to be indexed */
	sqlite3_stmt *insert_value; /* NULL when no field overflows */
};

enum status cache_writer_new(struct cache *cache, int64_t file_id, const int64_t *field_ids,
			     size_t n, struct cache_writer **out)
{
	*out = NULL;
	struct cache_writer *writer = xcalloc(1, sizeof(*writer));
	writer->cache = cache;
	writer->file_id = file_id;
	writer->n = n;
	writer->params = xcalloc(n, sizeof(*writer->params));
	writer->overflow_ids = xcalloc(n, sizeof(*writer->overflow_ids));
	struct strbuf sql = STRBUF_INIT;
	strbuf_append_str(&sql, "INSERT INTO records(file_id, line, kind, ref, date, year, month, day");
	sqlite3_stmt *name_stmt;
	enum status status =
		cache_prepare(cache, "SELECT name, overflow FROM fields WHERE id = ?1", &name_stmt);
	int n_params = 8;
	for (size_t i = 0; i < n && status == STATUS_OK; i++) {
		sqlite3_reset(name_stmt);
		sqlite3_bind_int64(name_stmt, 1, field_ids[i]);
		if (sqlite3_step(name_stmt) != SQLITE_ROW) {
			status = STATUS_CACHE;
			break;
		}
		if (sqlite3_column_int(name_stmt, 1)) {
			writer->overflow_ids[i] = field_ids[i];
			continue;
		}
		writer->params[i] = ++n_params;
		strbuf_append_str(&sql, ", ");
		cache_field_column(cache_column_text(name_stmt, 0), &sql);
	}
	sqlite3_finalize(name_stmt);
	strbuf_append_str(&sql, ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8");
	for (int i = 9; i <= n_params; i++)
		strbuf_appendf(&sql, ", ?%d", i);
	strbuf_append_char(&sql, ')');
	if (status == STATUS_OK)
		status = cache_prepare(cache, sql.data, &writer->insert_record);
	if (status == STATUS_OK)
		status = cache_prepare(cache, "INSERT INTO notes(id, notes) VALUES(?1, ?2)",
				       &writer->insert_notes);
	if (status == STATUS_OK && !cache->notes_unindexed)
		status = cache_prepare(cache, "INSERT INTO notes_fts(rowid, notes) VALUES(?1, ?2)",
				       &writer->index_notes);
	for (size_t i = 0; i < n && status == STATUS_OK && !writer->insert_value; i++)
		if (writer->overflow_ids[i])
			status = cache_prepare(cache,
					       "INSERT INTO field_values(record_id, field_id, value)"
					       " VALUES(?1, ?2, ?3)",
					       &writer->insert_value);
	strbuf_free(&sql);
	if (status != STATUS_OK) {
		cache_writer_free(writer);
		return status;
	}
	*out = writer;
	return STATUS_OK;
}

static void bind_int_or_null(sqlite3_stmt *stmt, int index, int value)
{
	if (value)
		sqlite3_bind_int(stmt, index, value);
	else
		sqlite3_bind_null(stmt, index);
}

/* Binds text of len bytes (borrowed until the step: no copy); false when SQLite refuses it
 * (longer than it allows: the error is the connection's). */
static bool bind_text(sqlite3_stmt *stmt, int index, const char *text, size_t len)
{
	return sqlite3_bind_text64(stmt, index, text, len, SQLITE_STATIC, SQLITE_UTF8) == SQLITE_OK;
}

/* Steps a bound INSERT and resets it; false on failure (the error is the connection's). */
static bool step_insert(sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE;
}

/* Steps an INSERT of (id, notes) into the notes table or their index; false on failure. */
static bool insert_notes(sqlite3_stmt *stmt, int64_t id, const struct cache_row *row)
{
	sqlite3_bind_int64(stmt, 1, id);
	return bind_text(stmt, 2, row->notes, row->notes_len) && step_insert(stmt);
}

enum status cache_writer_add(struct cache_writer *writer, const struct cache_row *row, int64_t *id)
{
	sqlite3_stmt *stmt = writer->insert_record;
	bool bound = true;
	sqlite3_bind_int64(stmt, 1, writer->file_id);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)row->line);
	sqlite3_bind_text(stmt, 3, row->kind, -1, SQLITE_STATIC);
	if (row->ref)
		bound &= bind_text(stmt, 4, row->ref, row->ref_len);
	else
		sqlite3_bind_null(stmt, 4);
	sqlite3_bind_text(stmt, 5, row->date, -1, SQLITE_STATIC);
	bind_int_or_null(stmt, 6, row->year);
	bind_int_or_null(stmt, 7, row->month);
	bind_int_or_null(stmt, 8, row->day);
	for (size_t i = 0; i < writer->n; i++) {
		int param = writer->params[i];
		if (!param)
			continue;
		if (row->values[i])
			bound &= bind_text(stmt, param, row->values[i], row->lens[i]);
		else
			sqlite3_bind_null(stmt, param);
	}
	if (!bound || !step_insert(stmt))
		return STATUS_CACHE;
	*id = sqlite3_last_insert_rowid(writer->cache->db);
	for (size_t i = 0; writer->insert_value && i < writer->n; i++) {
		if (!writer->overflow_ids[i] || !row->values[i])
			continue;
		sqlite3_bind_int64(writer->insert_value, 1, *id);
		sqlite3_bind_int64(writer->insert_value, 2, writer->overflow_ids[i]);
		if (!bind_text(writer->insert_value, 3, row->values[i], row->lens[i]) ||
		    !step_insert(writer->insert_value))
			return STATUS_CACHE;
	}
	if (!row->notes)
		return STATUS_OK;
	if (!insert_notes(writer->insert_notes, *id, row) ||
	    (writer->index_notes && !insert_notes(writer->index_notes, *id, row)))
		return STATUS_CACHE;
	return STATUS_OK;
}

void cache_writer_free(struct cache_writer *writer)
{
	if (!writer)
		return;
	sqlite3_finalize(writer->insert_record);
	sqlite3_finalize(writer->insert_notes);
	sqlite3_finalize(writer->index_notes);
	sqlite3_finalize(writer->insert_value);
	free(writer->params);
	free(writer->overflow_ids);
	free(writer);
}

enum status cache_reject_add(struct cache *cache, int64_t file_id, unsigned long line,
			     const char *cause, const void *raw, size_t raw_len)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache, "INSERT INTO rejects(file_id, line, cause, raw) VALUES(?1, ?2, ?3, ?4)", &stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, file_id);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)line);
	cache_bind_text(stmt, 3, cause, -1);
	sqlite3_bind_blob(stmt, 4, raw, (int)raw_len, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}
