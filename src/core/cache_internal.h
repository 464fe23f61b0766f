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

struct cache {
	sqlite3 *db;
	char *path;
	bool bulk; /* this transaction fills an empty cache in rollback-journal mode */
	int n_value_columns; /* records' f_ columns, or -1 until counted (again) */
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

#endif
