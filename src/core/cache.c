/*
 * cache.c - opening the cache, its version, and transactions (layer: core).
 *
 * A cache file is ours when its application_id says so; an empty file is a new cache.
 * The schema version is user_version: a cache from another version is refused with a
 * message saying which, since the cache can always be rebuilt from the exports.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_internal.h"

enum status cache_exec(struct cache *cache, const char *sql)
{
	return sqlite3_exec(cache->db, sql, NULL, NULL, NULL) == SQLITE_OK ? STATUS_OK
									     : STATUS_CACHE;
}

enum status cache_prepare(struct cache *cache, const char *sql, sqlite3_stmt **stmt)
{
	if (sqlite3_prepare_v2(cache->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return STATUS_CACHE;
	}
	return STATUS_OK;
}

int cache_bind_text(sqlite3_stmt *stmt, int index, const char *text, int len)
{
	if (!text)
		return sqlite3_bind_null(stmt, index);
	return sqlite3_bind_text(stmt, index, text, len, SQLITE_TRANSIENT);
}

const char *cache_column_text(sqlite3_stmt *stmt, int index)
{
	return (const char *)sqlite3_column_text(stmt, index);
}

static int pragma_int(sqlite3 *db, const char *sql, int *value)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*value = sqlite3_column_int(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Makes sure the cache file exists with mode 0600 before SQLite opens it. */
static enum status create_private_file(const char *path, struct strbuf *error)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (error)
			strbuf_appendf(error, "cannot create %s: %s", path, strerror(errno));
		return STATUS_IO;
	}
	struct stat st;
	/* An existing cache that others can read is tightened: it holds personal data. */
	if (fstat(fd, &st) == 0 && (st.st_mode & 077))
		fchmod(fd, st.st_mode & 0700);
	close(fd);
	return STATUS_OK;
}

static enum status check_version(struct cache *cache, enum cache_open_mode mode,
				 struct strbuf *error)
{
	int app_id = 0, version = 0, n_tables = 0;
	int rc = pragma_int(cache->db, "PRAGMA application_id", &app_id);
	if (rc == SQLITE_OK)
		rc = pragma_int(cache->db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = pragma_int(cache->db, "SELECT count(*) FROM sqlite_master", &n_tables);
	if (rc == SQLITE_NOTADB || (rc == SQLITE_OK && n_tables > 0 && app_id != CACHE_APPLICATION_ID)) {
		if (error)
			strbuf_appendf(error, "%s is not a crimeview cache", cache->path);
		return STATUS_NOT_A_CACHE;
	}
	if (rc != SQLITE_OK) {
		if (error)
			strbuf_appendf(error, "%s: %s", cache->path, sqlite3_errmsg(cache->db));
		return rc == SQLITE_BUSY ? STATUS_BUSY : STATUS_CACHE;
	}
	if (n_tables == 0) {
		if (mode == CACHE_OPEN_READ) {
			if (error)
				strbuf_appendf(error, "%s holds no imported records yet", cache->path);
			return STATUS_NOT_FOUND;
		}
		return STATUS_OK; /* schema made by the first import's transaction */
	}
	if (version < CACHE_SCHEMA_VERSION || version > CACHE_SCHEMA_VERSION) {
		if (error)
			strbuf_appendf(error,
				       "%s was made by %s crimeview (cache schema %d; this one "
				       "reads %d): import the files again with --rebuild",
				       cache->path, version < CACHE_SCHEMA_VERSION ? "an older" : "a newer",
				       version, CACHE_SCHEMA_VERSION);
		return version < CACHE_SCHEMA_VERSION ? STATUS_CACHE_TOO_OLD : STATUS_CACHE_TOO_NEW;
	}
	return STATUS_OK;
}

enum status cache_open(const char *path, enum cache_open_mode mode, struct cache **out,
		       struct strbuf *error)
{
	*out = NULL;
	if (mode == CACHE_OPEN_READ) {
		if (access(path, F_OK) != 0) {
			if (error)
				strbuf_appendf(error,
					       "no cache at %s: import a file first (crimeview "
					       "import FILE.csv)",
					       path);
			return STATUS_NOT_FOUND;
		}
	} else {
		enum status status = create_private_file(path, error);
		if (status != STATUS_OK)
			return status;
	}
	struct cache *cache = xcalloc(1, sizeof(*cache));
	cache->path = xstrdup(path);
	cache->n_value_columns = -1;
	/* Reading still writes where it may: remembered field counts, the WAL index. */
	int flags = mode == CACHE_OPEN_READ && access(path, W_OK) != 0 ? SQLITE_OPEN_READONLY
									: SQLITE_OPEN_READWRITE;
	/* The journal and WAL files get the cache's own mode from SQLite; the umask covers
	 * the moment before that. */
	mode_t old_umask = umask(077);
	int rc = sqlite3_open_v2(path, &cache->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	umask(old_umask);
	if (rc != SQLITE_OK) {
		if (error)
			strbuf_appendf(error, "cannot open %s: %s", path,
				       cache->db ? sqlite3_errmsg(cache->db) : "out of memory");
		cache_close(cache);
		return STATUS_CACHE;
	}
	sqlite3_busy_timeout(cache->db, CACHE_BUSY_TIMEOUT_MS);
	enum status status = check_version(cache, mode, error);
	if (status != STATUS_OK) {
		cache_close(cache);
		return status;
	}
	/* Larger pages make a bulk load and a full scan cheaper; only a new file takes them. */
	if (mode == CACHE_OPEN_WRITE)
		cache_exec(cache, "PRAGMA page_size=16384");
	/* WAL lets readers (the browser, a table) go on while an import writes. */
	if (mode == CACHE_OPEN_WRITE)
		cache_exec(cache, "PRAGMA journal_mode=WAL");
	cache_exec(cache, "PRAGMA synchronous=NORMAL");
	cache_exec(cache, "PRAGMA foreign_keys=OFF");
	cache_exec(cache, "PRAGMA cache_size=-8192");
	cache_exec(cache, "PRAGMA temp_store=FILE");
	*out = cache;
	return STATUS_OK;
}

void cache_close(struct cache *cache)
{
	if (!cache)
		return;
	cache_notes_index_aside_drop(cache);
	if (cache->db)
		sqlite3_close_v2(cache->db);
	free(cache->path);
	free(cache);
}

const char *cache_error(const struct cache *cache)
{
	return cache->db ? sqlite3_errmsg(cache->db) : "no connection";
}

bool cache_error_is_fatal(const struct cache *cache)
{
	if (!cache->db || sqlite3_get_autocommit(cache->db))
		return true;
	switch (sqlite3_errcode(cache->db) & 0xff) {
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_NOMEM:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL:
	case SQLITE_PERM:
	case SQLITE_ABORT:
	case SQLITE_INTERRUPT:
		return true;
	default:
		return false;
	}
}

const char *cache_path(const struct cache *cache)
{
	return cache->path;
}

struct sqlite3 *cache_db(struct cache *cache)
{
	return cache->db;
}

uint64_t cache_generation(struct cache *cache)
{
	/* data_version changes with the commits of other connections only. */
	int data_version = 0;
	pragma_int(cache->db, "PRAGMA main.data_version", &data_version);
	return (uint64_t)cache->commits << 32 | (uint32_t)data_version;
}

/* True when the cache holds no record yet (or no tables at all). */
static bool cache_is_empty(struct cache *cache)
{
	int n = 0;
	if (pragma_int(cache->db, "SELECT count(*) FROM sqlite_master WHERE name = 'records'", &n) !=
		    SQLITE_OK ||
	    n == 0)
		return true;
	return pragma_int(cache->db, "SELECT EXISTS (SELECT 1 FROM records)", &n) == SQLITE_OK &&
	       n == 0;
}

enum status cache_begin(struct cache *cache)
{
	/*
	 * An empty cache is filled in rollback-journal mode: no reader can be waiting for
	 * records it does not have yet, and every page is written once instead of twice (WAL,
	 * then checkpoint): a quarter off the time of a large first import. A cache with
	 * records keeps WAL, so the browser and tables go on reading during an import. The
	 * switch fails harmlessly (staying WAL) when another connection is open.
	 */
	cache->bulk = cache_is_empty(cache) &&
		      cache_exec(cache, "PRAGMA journal_mode=DELETE") == STATUS_OK;
	enum status status = cache_exec(cache, "BEGIN IMMEDIATE");
	if (status != STATUS_OK)
		return sqlite3_errcode(cache->db) == SQLITE_BUSY ? STATUS_BUSY : status;
	int n_tables = 0;
	if (pragma_int(cache->db, "SELECT count(*) FROM sqlite_master", &n_tables) != SQLITE_OK)
		return STATUS_CACHE;
	if (n_tables == 0)
		return cache_schema_create(cache);
	return STATUS_OK;
}

static void cache_end_bulk(struct cache *cache)
{
	if (cache->bulk)
		cache_exec(cache, "PRAGMA journal_mode=WAL");
	cache->bulk = false;
}

enum status cache_commit(struct cache *cache)
{
	enum status status = cache_exec(cache, "COMMIT");
	cache->commits++;
	if (status == STATUS_OK && !cache->bulk)
		cache_exec(cache, "PRAGMA wal_checkpoint(TRUNCATE)");
	cache_end_bulk(cache);
	return status;
}

void cache_rollback(struct cache *cache)
{
	if (!sqlite3_get_autocommit(cache->db))
		cache_exec(cache, "ROLLBACK");
	cache->n_value_columns = -1; /* columns added in the transaction are gone */
	cache->notes_unindexed = false;
	cache_notes_index_aside_drop(cache);
	cache_end_bulk(cache);
}

enum status cache_savepoint(struct cache *cache)
{
	cache_notes_aside_savepoint(cache);
	return cache_exec(cache, "SAVEPOINT file_import");
}

enum status cache_savepoint_release(struct cache *cache)
{
	cache_notes_aside_release(cache);
	return cache_exec(cache, "RELEASE file_import");
}

enum status cache_savepoint_rollback(struct cache *cache)
{
	cache_notes_aside_rollback(cache);
	enum status status = cache_exec(cache, "ROLLBACK TO file_import");
	cache->n_value_columns = -1;
	if (status == STATUS_OK)
		status = cache_exec(cache, "RELEASE file_import");
	return status;
}
