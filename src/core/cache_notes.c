/*
 * cache_notes.c - the notes' FTS index, built aside while an empty cache fills
 * (layer: core).
 *
 * SQLite lets one connection write a database at a time, and indexing the notes costs as
 * much as writing the records. So while an import fills an empty cache, a third thread
 * indexes each written batch's notes into a private temporary database of its own (the
 * same FTS5 table, contentless, merges left for the end). When the records are in, that
 * index is merged into one segment while the cache's writer builds its other indexes, and
 * its segments are copied into the cache's notes_fts. If anything goes wrong aside, the
 * index is built from the notes table instead (cache_indexes_ensure): slower, same result.
 *
 * The temporary database is SQLite's own ("" as its name): a file in the temporary
 * directory that is unlinked as soon as it is open, so no copy of the notes outlives the
 * process, whatever ends it.
 */
#include <pthread.h>
#include <stdlib.h>

#include "cache_internal.h"

struct cache_notes_index {
	sqlite3 *db;
	sqlite3_stmt *insert;
	bool failed; /* an insert failed: the cache's notes are indexed from its table instead */
	pthread_t merger;
	bool merging;
	int merge_rc;
};

/* Level-0 segments wait for one merge at the end instead of merging eight at a time as
 * they come (the crisis limit only keeps their number within FTS5's bounds). A 4 MB
 * pending-terms hash keeps the import's peak within its 64 MB beside the cache's own
 * memory; 16 MB was no faster (bench/RESULTS.md). */
static const char aside_schema_sql[] =
	"PRAGMA page_size = 16384;"
	"PRAGMA journal_mode = MEMORY;"
	"PRAGMA synchronous = OFF;"
	"PRAGMA cache_size = -4096;"
	"CREATE VIRTUAL TABLE notes_fts USING fts5(notes, content = '', " NOTES_FTS_OPTIONS ");"
	"INSERT INTO notes_fts(notes_fts, rank) VALUES('hashsize', 4194304);"
	"INSERT INTO notes_fts(notes_fts, rank) VALUES('automerge', 0);"
	"INSERT INTO notes_fts(notes_fts, rank) VALUES('crisismerge', 1000);"
	"BEGIN;";

void cache_notes_aside_start(struct cache *cache)
{
	struct cache_notes_index *index = xcalloc(1, sizeof(*index));
	int rc = sqlite3_open_v2("", &index->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(index->db, aside_schema_sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(index->db, "INSERT INTO notes_fts(rowid, notes) VALUES(?1, ?2)",
					-1, &index->insert, NULL);
	cache->notes_aside = index;
	if (rc != SQLITE_OK)
		cache_notes_index_aside_drop(cache);
}

struct cache_notes_index *cache_notes_index_aside(struct cache *cache)
{
	return cache->notes_aside;
}

void cache_notes_index_add(struct cache_notes_index *index, int64_t id, const char *notes,
			   size_t len)
{
	if (index->failed)
		return;
	sqlite3_bind_int64(index->insert, 1, id);
	int rc = sqlite3_bind_text64(index->insert, 2, notes, len, SQLITE_STATIC, SQLITE_UTF8);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(index->insert);
	sqlite3_reset(index->insert);
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		index->failed = true;
}

/* Runs sql on the index aside; a failure leaves the notes to be indexed from the cache. */
static void aside_exec(struct cache *cache, const char *sql)
{
	struct cache_notes_index *index = cache->notes_aside;
	if (index && !index->failed && sqlite3_exec(index->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		index->failed = true;
}

void cache_notes_aside_savepoint(struct cache *cache)
{
	aside_exec(cache, "SAVEPOINT file_import");
}

void cache_notes_aside_release(struct cache *cache)
{
	aside_exec(cache, "RELEASE file_import");
}

void cache_notes_aside_rollback(struct cache *cache)
{
	aside_exec(cache, "ROLLBACK TO file_import; RELEASE file_import");
}

void cache_notes_index_aside_drop(struct cache *cache)
{
	struct cache_notes_index *index = cache->notes_aside;
	if (!index)
		return;
	if (index->merging)
		pthread_join(index->merger, NULL);
	sqlite3_finalize(index->insert);
	sqlite3_close_v2(index->db);
	free(index);
	cache->notes_aside = NULL;
}

static void *merge_segments(void *data)
{
	struct cache_notes_index *index = data;
	index->merge_rc = sqlite3_exec(index->db, "INSERT INTO notes_fts(notes_fts) VALUES('optimize')",
				       NULL, NULL, NULL);
	return NULL;
}

bool cache_notes_aside_merge_start(struct cache *cache)
{
	struct cache_notes_index *index = cache->notes_aside;
	if (!index || index->failed)
		return false;
	index->merging = pthread_create(&index->merger, NULL, merge_segments, index) == 0;
	return index->merging;
}

/* Copies every row of select (on the index aside) through insert (on the cache). */
static enum status copy_rows(struct cache *cache, const char *select_sql, const char *insert_sql)
{
	sqlite3_stmt *select, *insert;
	if (sqlite3_prepare_v2(cache->notes_aside->db, select_sql, -1, &select, NULL) != SQLITE_OK)
		return STATUS_CACHE;
	enum status status = cache_prepare(cache, insert_sql, &insert);
	int rc = SQLITE_DONE;
	while (status == STATUS_OK && (rc = sqlite3_step(select)) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(select); i++)
			sqlite3_bind_value(insert, i + 1, sqlite3_column_value(select, i));
		if (sqlite3_step(insert) != SQLITE_DONE)
			status = STATUS_CACHE;
		sqlite3_reset(insert);
	}
	if (status == STATUS_OK && rc != SQLITE_DONE)
		status = STATUS_CACHE;
	sqlite3_finalize(select);
	sqlite3_finalize(insert);
	return status;
}

enum status cache_notes_aside_copy(struct cache *cache)
{
	struct cache_notes_index *index = cache->notes_aside;
	pthread_join(index->merger, NULL);
	index->merging = false;
	if (index->merge_rc != SQLITE_OK)
		return STATUS_CACHE_REFUSED;
	/*
	 * A new notes_fts (FTS5 keeps what it read of its own tables for the connection: a
	 * table made now has read nothing), its segments and sizes from the index aside, and
	 * its settings, which FTS5 reads again as the copied structure's cookie differs.
	 */
	enum status status = cache_exec(cache, "DROP TABLE notes_fts;" NOTES_FTS_CREATE_SQL
					       "DELETE FROM notes_fts_data;");
	if (status == STATUS_OK)
		status = copy_rows(cache, "SELECT id, block FROM notes_fts_data",
				   "INSERT INTO notes_fts_data(id, block) VALUES(?1, ?2)");
	if (status == STATUS_OK)
		status = copy_rows(cache, "SELECT segid, term, pgno FROM notes_fts_idx",
				   "INSERT INTO notes_fts_idx(segid, term, pgno) VALUES(?1, ?2, ?3)");
	if (status == STATUS_OK)
		status = cache_exec(cache, "INSERT OR REPLACE INTO notes_fts_config(k, v) VALUES"
					   " ('hashsize', " NOTES_FTS_HASHSIZE "),"
					   " ('automerge', " NOTES_FTS_AUTOMERGE ")");
	return status;
}
