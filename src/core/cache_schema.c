/*
 * cache_schema.c - the cache's tables and indexes (layer: core).
 *
 * The FTS5 tokenizer folds case and accents (remove_diacritics 2) and splits on
 * hyphens and line breaks, so "deep fake" finds deep-fake, DEEP\nFAKE and Déep fake.
 *
 * The notes are kept in a table of their own and notes_fts indexes it (external content,
 * no per-row sizes: nothing ranks by length; no word positions: query_notes.c checks
 * phrases in the text). A load into an empty cache writes only the notes and puts the
 * index in place at the end: the one built aside meanwhile (cache_notes.c), or else one
 * built from the notes table in id order.
 */
#include <stdio.h>

#include "cache_internal.h"

static const char schema_sql[] =
	"CREATE TABLE files("
	" id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER, mtime_ns INTEGER,"
	" hash TEXT, encoding TEXT, delimiter TEXT, kind TEXT, date_order TEXT,"
	" rows_read INTEGER, rows_imported INTEGER, rows_rejected INTEGER,"
	" first_id INTEGER, last_id INTEGER, imported_at TEXT, seconds REAL);"
	"CREATE TABLE fields("
	" id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, header TEXT NOT NULL,"
	" role TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT 'text',"
	" n_values INTEGER NOT NULL DEFAULT 0, n_numeric INTEGER NOT NULL DEFAULT 0,"
	" n_date INTEGER NOT NULL DEFAULT 0, n_distinct INTEGER, n_blank INTEGER,"
	" overflow INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE file_fields("
	" file_id INTEGER NOT NULL, position INTEGER NOT NULL, field_id INTEGER NOT NULL,"
	" header TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY(file_id, position)) WITHOUT ROWID;"
	"CREATE TABLE records("
	" id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, line INTEGER NOT NULL,"
	" kind TEXT, ref TEXT, date TEXT, year INTEGER, month INTEGER, day INTEGER);"
	"CREATE TABLE field_values("
	" record_id INTEGER NOT NULL, field_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY(record_id, field_id)) WITHOUT ROWID;"
	"CREATE TABLE notes(id INTEGER PRIMARY KEY, notes TEXT NOT NULL);" NOTES_FTS_CREATE_SQL
	/* A 16 MB pending-terms hash and merges of 8 segments halve the time to index a
	 * large import (measured in bench/), at a memory cost well inside the budget. */
	"INSERT INTO notes_fts(notes_fts, rank) VALUES('hashsize', " NOTES_FTS_HASHSIZE ");"
	"INSERT INTO notes_fts(notes_fts, rank) VALUES('automerge', " NOTES_FTS_AUTOMERGE ");"
	"CREATE TABLE rejects("
	" id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, line INTEGER NOT NULL,"
	" cause TEXT NOT NULL, raw BLOB);"
	"CREATE TABLE review_marks("
	" review TEXT NOT NULL, path TEXT NOT NULL, ref TEXT NOT NULL, nth INTEGER NOT NULL,"
	" line INTEGER NOT NULL, kind TEXT, date TEXT, reason TEXT NOT NULL,"
	" marked_at TEXT NOT NULL, PRIMARY KEY(review, path, ref, nth));";

enum status cache_schema_create(struct cache *cache)
{
	char sql[128];
	enum status status = cache_exec(cache, schema_sql);
	if (status != STATUS_OK)
		return status;
	snprintf(sql, sizeof(sql), "PRAGMA application_id=%d", CACHE_APPLICATION_ID);
	status = cache_exec(cache, sql);
	if (status != STATUS_OK)
		return status;
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", CACHE_SCHEMA_VERSION);
	return cache_exec(cache, sql);
}

enum status cache_indexes_ensure(struct cache *cache)
{
	/* The index aside merges while this thread sorts the records' indexes. */
	bool aside = cache->notes_unindexed && cache_notes_aside_merge_start(cache);
	enum status status =
		cache_exec(cache, "CREATE INDEX IF NOT EXISTS records_period ON records(kind, year, month);"
				  "CREATE INDEX IF NOT EXISTS records_ref ON records(ref);"
				  "CREATE INDEX IF NOT EXISTS rejects_file ON rejects(file_id, line);");
	if (status == STATUS_OK && cache->notes_unindexed) {
		status = aside ? cache_notes_aside_copy(cache) : STATUS_CACHE_REFUSED;
		if (status == STATUS_CACHE_REFUSED)
			status = cache_exec(cache, "INSERT INTO notes_fts(notes_fts) VALUES('rebuild')");
	}
	cache_notes_index_aside_drop(cache);
	if (status == STATUS_OK)
		cache->notes_unindexed = false;
	return status;
}

enum status cache_indexes_drop(struct cache *cache)
{
	cache->notes_unindexed = true;
	cache_notes_aside_start(cache);
	return cache_exec(cache, "DROP INDEX IF EXISTS records_period;"
				 "DROP INDEX IF EXISTS records_ref;");
}

enum status cache_record_count(struct cache *cache, int64_t *n)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, "SELECT count(*) FROM records", &stmt);
	if (status != STATUS_OK)
		return status;
	*n = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return STATUS_OK;
}
