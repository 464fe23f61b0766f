/*
 * cache_internal.h - what the cache_*.c files share (layer: core, private to the cache).
 */
#ifndef CRIMEVIEW_CACHE_INTERNAL_H
#define CRIMEVIEW_CACHE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "crimeview/cache.h"

/* 'CRMV': marks a file as a crimeview cache (PRAGMA application_id). */
#define CACHE_APPLICATION_ID 0x43524d56

/* The notes' FTS index: which notes hold each word, not where (query_notes.c checks
 * phrases in the text), split and folded as CACHE_NOTES_TOKENIZE says (cache_schema.c);
 * and the FTS5 settings a load runs with (text, as SQL takes them). */
#define NOTES_FTS_OPTIONS "columnsize = 0, detail = none, " CACHE_NOTES_TOKENIZE
#define NOTES_FTS_CREATE_SQL \
	"CREATE VIRTUAL TABLE notes_fts USING fts5(notes, content = 'notes', content_rowid = 'id'," \
	" " NOTES_FTS_OPTIONS ");"
#define NOTES_FTS_HASHSIZE "16777216"
#define NOTES_FTS_AUTOMERGE "8"

struct cache {
	sqlite3 *db;
	char *path;
	bool bulk; /* this transaction fills an empty cache in rollback-journal mode */
	bool notes_unindexed; /* notes written without notes_fts, to index at the end */
	struct cache_notes_index *notes_aside; /* their index, built aside; may be NULL */
	int n_value_columns; /* records' f_ columns, or -1 until counted (again) */
	uint32_t commits; /* this connection's, for cache_generation */
};

/* Runs SQL with no parameters and no rows; STATUS_CACHE on failure. */
enum status cache_exec(struct cache *cache, const char *sql);
/* Prepares sql; STATUS_CACHE on failure (*stmt NULL). */
enum status cache_prepare(struct cache *cache, const char *sql, sqlite3_stmt **stmt);
/* Binds text that may be NULL (then SQL NULL). */
int cache_bind_text(sqlite3_stmt *stmt, int index, const char *text, int len);
/* Column text or NULL, as a C string borrowed until the next step. */
const char *cache_column_text(sqlite3_stmt *stmt, int index);

/* Creates every table of a new cache (inside the caller's transaction). */
enum status cache_schema_create(struct cache *cache);

/* The notes' index built aside during a load into an empty cache (cache_notes.c). Start
 * leaves notes_aside NULL when it cannot; the savepoint calls follow the cache's own, and
 * a failure in any of them only means the index is built from the notes table instead. */
void cache_notes_aside_start(struct cache *cache);
void cache_notes_aside_savepoint(struct cache *cache);
void cache_notes_aside_release(struct cache *cache);
void cache_notes_aside_rollback(struct cache *cache);
/* Merges the index aside into one segment in a thread of its own; false when there is no
 * usable index aside. */
bool cache_notes_aside_merge_start(struct cache *cache);
/* Waits for the merge and puts the index aside in place of the cache's notes_fts;
 * STATUS_CACHE_REFUSED when the merge failed (nothing changed), else the copy's status. */
enum status cache_notes_aside_copy(struct cache *cache);
/* (cache_notes_index_aside_drop, in cache.h, closes the index aside.) */

#endif
