/*
 * cache_review.c - review marks in the cache: marking, unmarking, listing, and the SQL that
 * finds the records a review's marks stand for now (layer: core, part of the cache).
 *
 * review_marks(review, path, ref, nth, line, kind, date, reason, marked_at): the key is
 * (review, path, ref, nth), ref '' for a record without a reference, whose nth is then its
 * line (review.h says why). A mark finds its record through the records_ref index and the
 * file's id range [first_id, last_id], so resolving a review costs a few lookups per mark,
 * never a scan of the records; a mark of a record without a reference scans its file's range.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache_internal.h"
#include "crimeview/review.h"

/* The id of the record a mark m stands for now, or NULL: an expression over m. */
static const char mark_record_sql[] =
	"CASE WHEN m.ref <> '' THEN"
	" (SELECT r.id FROM files f JOIN records r ON r.ref = m.ref"
	"  AND r.id BETWEEN f.first_id AND f.last_id WHERE f.path = m.path"
	"  AND (SELECT count(*) FROM records r2 WHERE r2.ref = m.ref"
	"   AND r2.id BETWEEN f.first_id AND r.id) = m.nth)"
	" ELSE (SELECT r.id FROM files f JOIN records r ON r.id BETWEEN f.first_id AND f.last_id"
	"  WHERE f.path = m.path AND r.line = m.nth AND r.ref IS NULL) END";

void cache_review_marked_sql(size_t param, struct strbuf *sql)
{
	strbuf_appendf(sql,
		       "SELECT id, reason FROM (SELECT %s AS id, m.reason AS reason"
		       " FROM review_marks m WHERE m.review = ?%zu) WHERE id IS NOT NULL",
		       mark_record_sql, param);
}

/* The key of a record's mark: its file's path, its reference ('' for none) and place. */
struct mark_key {
	char *path, *ref, *kind, *date;
	unsigned long nth, line;
};

static void mark_key_clear(struct mark_key *key)
{
	free(key->path);
	free(key->ref);
	free(key->kind);
	free(key->date);
	memset(key, 0, sizeof(*key));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static enum status mark_key_load(struct cache *cache, int64_t record_id, struct mark_key *key)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"SELECT f.path, coalesce(r.ref, ''), r.line, r.kind, r.date,"
		" CASE WHEN r.ref IS NULL THEN r.line ELSE (SELECT count(*) FROM records r2"
		"  WHERE r2.ref = r.ref AND r2.id BETWEEN f.first_id AND r.id) END"
		" FROM records r JOIN files f ON f.id = r.file_id WHERE r.id = ?1",
		&stmt);
	if (status != STATUS_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, record_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		key->path = xstrdup(cache_column_text(stmt, 0));
		key->ref = xstrdup(cache_column_text(stmt, 1));
		key->line = (unsigned long)sqlite3_column_int64(stmt, 2);
		key->kind = dup_or_null(cache_column_text(stmt, 3));
		key->date = dup_or_null(cache_column_text(stmt, 4));
		key->nth = (unsigned long)sqlite3_column_int64(stmt, 5);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return STATUS_NOT_FOUND;
	return rc == SQLITE_ROW ? STATUS_OK : STATUS_CACHE;
}

/* Binds review and the key as ?1 (review), ?2 (path), ?3 (ref), ?4 (nth). */
static void bind_key(sqlite3_stmt *stmt, const char *review, const struct mark_key *key)
{
	cache_bind_text(stmt, 1, review, -1);
	cache_bind_text(stmt, 2, key->path, -1);
	cache_bind_text(stmt, 3, key->ref, -1);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)key->nth);
}

static enum status mark_exists(struct cache *cache, const char *review, const struct mark_key *key,
			       bool *exists)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache,
		"SELECT 1 FROM review_marks WHERE review = ?1 AND path = ?2 AND ref = ?3 AND nth = ?4",
		&stmt);
	if (status != STATUS_OK)
		return status;
	bind_key(stmt, review, key);
	int rc = sqlite3_step(stmt);
	*exists = rc == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

static void utc_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum status review_mark(struct cache *cache, const char *review, int64_t record_id,
			const char *reason, bool *added)
{
	struct mark_key key = {0};
	bool exists = false;
	enum status status = mark_key_load(cache, record_id, &key);
	if (status == STATUS_OK)
		status = mark_exists(cache, review, &key, &exists);
	sqlite3_stmt *stmt = NULL;
	if (status == STATUS_OK)
		status = cache_prepare(
			cache,
			"INSERT INTO review_marks(review, path, ref, nth, line, kind, date, reason,"
			" marked_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, ''), ?9)"
			" ON CONFLICT(review, path, ref, nth) DO UPDATE SET line = excluded.line,"
			" kind = excluded.kind, date = excluded.date,"
			" reason = coalesce(?8, review_marks.reason),"
			" marked_at = excluded.marked_at",
			&stmt);
	if (status == STATUS_OK) {
		char now[32];
		utc_now(now, sizeof(now));
		bind_key(stmt, review, &key);
		sqlite3_bind_int64(stmt, 5, (sqlite3_int64)key.line);
		cache_bind_text(stmt, 6, key.kind, -1);
		cache_bind_text(stmt, 7, key.date, -1);
		cache_bind_text(stmt, 8, reason, -1);
		cache_bind_text(stmt, 9, now, -1);
		status = sqlite3_step(stmt) == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
	}
	sqlite3_finalize(stmt);
	if (added)
		*added = status == STATUS_OK && !exists;
	mark_key_clear(&key);
	return status;
}

enum status review_unmark(struct cache *cache, const char *review, int64_t record_id,
			  bool *removed)
{
	struct mark_key key = {0};
	enum status status = mark_key_load(cache, record_id, &key);
	sqlite3_stmt *stmt = NULL;
	if (status == STATUS_OK)
		status = cache_prepare(cache,
				       "DELETE FROM review_marks WHERE review = ?1 AND path = ?2"
				       " AND ref = ?3 AND nth = ?4",
				       &stmt);
	if (status == STATUS_OK) {
		bind_key(stmt, review, &key);
		status = sqlite3_step(stmt) == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
	}
	if (removed)
		*removed = status == STATUS_OK && sqlite3_changes(cache->db) > 0;
	sqlite3_finalize(stmt);
	mark_key_clear(&key);
	return status;
}

enum status review_marks_each(struct cache *cache, const char *review,
			      void (*each)(const struct review_mark *mark, void *data), void *data,
			      size_t *n)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_appendf(&sql,
		       "SELECT m.path, m.ref, m.nth, m.line, m.kind, m.date, m.reason, m.marked_at,"
		       " %s FROM review_marks m WHERE m.review = ?1 ORDER BY m.path, m.line, m.nth",
		       mark_record_sql);
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, sql.data, &stmt);
	strbuf_free(&sql);
	*n = 0;
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, review, -1);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *ref = cache_column_text(stmt, 1);
		struct review_mark mark = {
			.path = cache_column_text(stmt, 0),
			.ref = ref && ref[0] ? ref : NULL,
			.nth = (unsigned long)sqlite3_column_int64(stmt, 2),
			.line = (unsigned long)sqlite3_column_int64(stmt, 3),
			.kind = cache_column_text(stmt, 4),
			.date = cache_column_text(stmt, 5),
			.reason = cache_column_text(stmt, 6),
			.marked_at = cache_column_text(stmt, 7),
			.record_id = sqlite3_column_int64(stmt, 8),
		};
		each(&mark, data);
		(*n)++;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status review_count(struct cache *cache, const char *review, int64_t *n)
{
	sqlite3_stmt *stmt;
	enum status status =
		cache_prepare(cache, "SELECT count(*) FROM review_marks WHERE review = ?1", &stmt);
	*n = 0;
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, review, -1);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : STATUS_CACHE;
}

enum status review_names_each(struct cache *cache,
			      void (*each)(const char *review, int64_t n_marks, void *data),
			      void *data)
{
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(
		cache, "SELECT review, count(*) FROM review_marks GROUP BY review ORDER BY review",
		&stmt);
	if (status != STATUS_OK)
		return status;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		each(cache_column_text(stmt, 0), sqlite3_column_int64(stmt, 1), data);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status review_copy_from(struct cache *cache, const char *from_path)
{
	/* ATTACH would create a missing file. */
	if (access(from_path, R_OK) != 0)
		return STATUS_OK;
	sqlite3_stmt *stmt;
	enum status status = cache_prepare(cache, "ATTACH DATABASE ?1 AS old", &stmt);
	if (status != STATUS_OK)
		return status;
	cache_bind_text(stmt, 1, from_path, -1);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return STATUS_OK; /* nothing to copy from */
	int version = 0, app_id = 0;
	if (cache_prepare(cache, "PRAGMA old.user_version", &stmt) == STATUS_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			version = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
	}
	if (cache_prepare(cache, "PRAGMA old.application_id", &stmt) == STATUS_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			app_id = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
	}
	/* review_marks has had the same columns since version 2. */
	if (version >= 2 && version <= CACHE_SCHEMA_VERSION && app_id == CACHE_APPLICATION_ID)
		status = cache_exec(cache,
				    "INSERT OR IGNORE INTO main.review_marks SELECT * FROM"
				    " old.review_marks WHERE path IN (SELECT path FROM main.files)");
	cache_exec(cache, "DETACH DATABASE old");
	return status;
}
