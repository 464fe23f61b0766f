/*
 * cache.h - the SQLite cache of imported records (layer: core).
 *
 * The cache is derived data: every record of every imported file, with its kind, its
 * date split into the parts periods need, every column, and a full-text index of its
 * notes. It holds personal data, so it is created with mode 0600 and every change is
 * one transaction: a crash or kill -9 at any moment leaves the previous cache.
 *
 * Tables (schema version CACHE_SCHEMA_VERSION, PRAGMA user_version):
 *   files(id, path, size, mtime_ns, hash, encoding, delimiter, kind, date_order,
 *         rows_read, rows_imported, rows_rejected, first_id, last_id, imported_at, seconds)
 *   fields(id, name, header, role, type, n_values, n_numeric, n_date, n_distinct, n_blank,
 *          overflow)
 *   file_fields(file_id, position, field_id, header, role): each file's columns in order
 *   records(id, file_id, line, kind, ref, date, year, month, day, f_<field>...)
 *   field_values(record_id, field_id, value): the values of overflow fields, blanks left out
 *   notes(id, notes): the text of each record's notes field, id = records.id
 *   notes_fts(notes): FTS5 over notes (external content), rowid = records.id; schema 3;
 *         since 2026-12 made without word positions (detail=none, query_notes.c)
 *   rejects(id, file_id, line, cause, raw)
 *   review_marks(review, path, ref, nth, line, kind, date, reason, marked_at): records left
 *         out of a named review (review.h), keyed by file path, reference and place so that
 *         they outlive re-imports; schema 2
 * A field whose role is notes has no f_ column: its text is the record's notes. Records
 * of one file have consecutive ids [first_id, last_id], which is how a changed file
 * replaces its own records without an index on file_id.
 *
 * SQLite allows a table 2,000 columns (Debian's build; 32,767 at most), and a wide table
 * is slow to alter and to read, but an export can have thousands of columns. So the first
 * CACHE_VALUE_COLUMNS_MAX fields the cache sees get an f_ column each, and the values of
 * any field after them (overflow = 1) go to field_values, one row per value, keyed by
 * record and field (WITHOUT ROWID: a value is one index lookup away). Readers never name
 * either place themselves: cache_field_value_sql gives the expression for a field's value.
 *
 * SQL lives in the cache and query modules only, always with bound parameters; field
 * names become column names only through cache_field_column (quoted, from [a-z0-9_]).
 */
#ifndef CRIMEVIEW_CACHE_H
#define CRIMEVIEW_CACHE_H

/* How the notes' index splits and folds words: FTS5's tokenizer and its arguments. The
 * query module splits a note the same way to check a phrase in it (query_notes.c). */
#define CACHE_NOTES_TOKENIZER "unicode61"
#define CACHE_NOTES_TOKENIZER_ARGS "remove_diacritics", "2"
#define CACHE_NOTES_TOKENIZE "tokenize = '" CACHE_NOTES_TOKENIZER " remove_diacritics 2'"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crimeview/fieldname.h"
#include "crimeview/status.h"
#include "crimeview/strbuf.h"

#define CACHE_SCHEMA_VERSION 3
/* Fields with a column of their own in records; the ones after them overflow. (Fewer when
 * the SQLite library allows fewer columns than this and a margin for the fixed ones.) */
#define CACHE_VALUE_COLUMNS_MAX 1500
/* How long a connection waits for another one's write to finish. */
#define CACHE_BUSY_TIMEOUT_MS 10000

struct cache;
struct sqlite3;

enum cache_open_mode {
	CACHE_OPEN_READ, /* the cache must exist (opened read-only when the file is) */
	CACHE_OPEN_WRITE, /* created (mode 0600) when missing */
};

/*
 * Opens the cache at path. On success returns STATUS_OK and *out (close with
 * cache_close). On failure *out is NULL and, when error is not NULL, it receives one line
 * saying what is wrong ("crimeview.db was made by a newer crimeview (schema 3; this one
 * reads 1)"): STATUS_NOT_FOUND (READ and no file), STATUS_NOT_A_CACHE,
 * STATUS_CACHE_TOO_OLD, STATUS_CACHE_TOO_NEW, STATUS_CACHE (SQLite said no).
 */
enum status cache_open(const char *path, enum cache_open_mode mode, struct cache **out,
		       struct strbuf *error);
void cache_close(struct cache *cache);

/* The last SQLite error message of this connection (borrowed). */
const char *cache_error(const struct cache *cache);
/*
 * Whether the last error leaves the cache unable to go on with this transaction (disk
 * full, I/O error, corruption, out of memory, locked, read-only, or a transaction SQLite
 * rolled back itself). Any other error (a value longer than SQLite allows...) belongs to
 * the file being imported: undoing its savepoint leaves the others' work intact. Ask
 * before rolling back, which clears the error.
 */
bool cache_error_is_fatal(const struct cache *cache);
/* The path the cache was opened with (borrowed). */
const char *cache_path(const struct cache *cache);
/* The connection, for the query module only (borrowed). */
struct sqlite3 *cache_db(struct cache *cache);
/* A number that changes whenever the cache's contents may have: after a commit of this
 * connection or of any other. What a reader derives from the records holds while it
 * stays the same. */
uint64_t cache_generation(struct cache *cache);

/* One transaction around a whole import: begin, then commit or roll back. */
enum status cache_begin(struct cache *cache);
enum status cache_commit(struct cache *cache);
void cache_rollback(struct cache *cache);
/* A savepoint inside it, for undoing one file's work (a restart with another date order). */
enum status cache_savepoint(struct cache *cache);
enum status cache_savepoint_release(struct cache *cache);
enum status cache_savepoint_rollback(struct cache *cache);

/* ---- files ---- */

struct cache_file {
	int64_t id; /* 0 until saved */
	char *path; /* absolute */
	uint64_t size;
	int64_t mtime_ns;
	char hash[17];
	char encoding[16];
	char delimiter;
	char kind[16]; /* "crime", "incident", "" (from a kind column or unknown) */
	char date_order[16]; /* "day-first", "month-first", or a --date-format pattern */
	int64_t rows_read, rows_imported, rows_rejected;
	int64_t first_id, last_id; /* 0, 0 when the file has no records */
	char imported_at[32]; /* ISO 8601 UTC */
	double seconds;
};

/* Frees what cache_file_find allocated (the path). */
void cache_file_clear(struct cache_file *file);
/* Looks up a file by its absolute path: STATUS_OK and *found. */
enum status cache_file_find(struct cache *cache, const char *path, struct cache_file *out,
			    bool *found);
/* Inserts (id 0: sets file->id) or updates the file's row. */
enum status cache_file_save(struct cache *cache, struct cache_file *file);
/* Deletes the file's records, notes, rejects and column list (not its files row). */
enum status cache_file_forget(struct cache *cache, const struct cache_file *file);
/* Every file, in import order (caller frees with cache_files_free). */
enum status cache_files_list(struct cache *cache, struct cache_file **out, size_t *n);
void cache_files_free(struct cache_file *files, size_t n);

/* ---- fields ---- */

/*
 * The id of the field called name, created with header and role when new (with an f_
 * column while records has room for one, else as an overflow field; none when the role
 * is notes). An existing field keeps its header.
 */
enum status cache_field_ensure(struct cache *cache, const char *name, const char *header,
			       enum field_role role, int64_t *field_id);
/* Records that file_id has field_id at position (0-based) with this header and role. */
enum status cache_file_field_add(struct cache *cache, int64_t file_id, size_t position,
				 int64_t field_id, const char *header, enum field_role role);
/* Whether a file other than file_id has field_id among its columns. */
enum status cache_field_in_other_files(struct cache *cache, int64_t field_id, int64_t file_id,
				       bool *out);
/* Adds one file's value counts to the field (for its type), and marks its distinct and
 * blank counts stale. */
enum status cache_field_add_counts(struct cache *cache, int64_t field_id, int64_t n_values,
				   int64_t n_numeric, int64_t n_date);

/* "f_" + name, quoted: a field's column name (in records, and in tallies, whatever holds
 * its values); name must be a field name ([a-z0-9_]). */
void cache_field_column(const char *name, struct strbuf *out);
/*
 * The SQL expression for a field's value in the records row aliased r: r."f_name", or for
 * an overflow field (overflow_id: its id, else 0) a lookup in field_values. NULL is blank.
 */
void cache_field_value_sql(const char *name, int64_t overflow_id, struct strbuf *out);

/* ---- writing records ---- */

struct cache_row {
	unsigned long line;
	const char *kind; /* "crime", "incident" or NULL */
	const char *ref; /* NULL when blank */
	size_t ref_len;
	const char *date; /* ISO, or NULL when blank */
	int year, month, day; /* 0 when unknown */
	const char *notes; /* NULL when blank */
	size_t notes_len;
	const char *const *values; /* one per column given to the writer; NULL = blank */
	const size_t *lens;
};

struct cache_writer;

/*
 * A writer of one file's records into the fields listed (in that order; ids from
 * cache_field_ensure; a notes field's value is not passed in values but joined into
 * notes by the caller). Caller frees with cache_writer_free.
 */
enum status cache_writer_new(struct cache *cache, int64_t file_id, const int64_t *field_ids,
			     size_t n, struct cache_writer **out);
/* Adds one record; *id receives its id. */
enum status cache_writer_add(struct cache_writer *writer, const struct cache_row *row,
			     int64_t *id);
void cache_writer_free(struct cache_writer *writer);

/* Keeps a rejected record: where it is, why, and its bytes as they were. */
enum status cache_reject_add(struct cache *cache, int64_t file_id, unsigned long line,
			     const char *cause, const void *raw, size_t raw_len);

/* While an import fills an empty cache, the notes' index built aside by a thread of the
 * importer's own (cache_notes.c); NULL otherwise. Add is the only call that thread makes:
 * each written record's notes by its id. */
struct cache_notes_index;
struct cache_notes_index *cache_notes_index_aside(struct cache *cache);
void cache_notes_index_add(struct cache_notes_index *index, int64_t id, const char *notes,
			   size_t len);
/* Closes the index aside, if any (its temporary file goes with it): the notes are then
 * indexed from their table at the end. The importer calls it when it has no thread to
 * index with; the cache, when a load cannot use the index aside or is over. */
void cache_notes_index_aside_drop(struct cache *cache);

/* Creates the indexes the browser and tables need, if missing, and indexes the notes
 * written since cache_indexes_drop (after a bulk load). */
enum status cache_indexes_ensure(struct cache *cache);
/* Drops them before a load into an empty cache; until cache_indexes_ensure in the same
 * transaction, notes are written but not indexed. */
enum status cache_indexes_drop(struct cache *cache);
/* ---- tallies (cache_tally.c) ---- */

/* The table holding the tally of records by these fields, kind, year and month:
 * "tally__a__b". Field names are [a-z0-9_]. */
void cache_tally_name(const char *const *fields, size_t n, struct strbuf *out);
struct tally;
/* Writes a tally counted during an import as the one-field tally of field_name (columns
 * f_<name>, kind, year, month, n: what a table would make from the records), or with
 * field_name NULL as the tally by no field ("tally": kind, year, month, n). */
enum status cache_tally_write(struct cache *cache, const char *field_name,
			      const struct tally *tally);

/* A tally table of the cache and the fields it counts by. */
struct cache_tally_table {
	char *name;
	char **fields;
	size_t n_fields;
};
/* The cache's tallies, by name; caller frees with cache_tallies_free. */
enum status cache_tallies_list(struct cache *cache, struct cache_tally_table **out, size_t *n);
void cache_tallies_free(struct cache_tally_table *tables, size_t n);
/* The name of one tally, or NULL when there is none: each counts every record, so any
 * answers counts by kind and month; the one by no field when there is one. Caller frees. */
char *cache_tally_any(struct cache *cache);
/*
 * Keeping a tally true through an import, inside its transaction. Adding counts leaves
 * several rows for a group; cache_tally_settle makes them one again (dropping groups that
 * came to nothing, and the whole tally when it grew past TALLY_ENTRIES_MAX rows).
 */
/* Adds the counts of a tally counted while importing (one field; values NULL: blank). */
enum status cache_tally_add(struct cache *cache, const char *table, const struct tally *tally);
/* Adds (sign 1) or takes off (sign -1) the records with ids first_id..last_id, as counted
 * from the records. */
enum status cache_tally_count_records(struct cache *cache, const struct cache_tally_table *table,
				      int64_t first_id, int64_t last_id, int sign);
/* Makes the one-field tally of a field new to the cache: every record counted so far is
 * blank in it, and from_table (any tally) has their kinds and months. */
enum status cache_tally_create_blank(struct cache *cache, const char *field_name,
				     const char *from_table);
enum status cache_tally_settle(struct cache *cache, const struct cache_tally_table *table);
/* Settles every tally. */
enum status cache_tallies_settle(struct cache *cache);
enum status cache_tally_drop(struct cache *cache, const char *table);
/* Drops every tally. */
enum status cache_tallies_drop(struct cache *cache);
/*
 * Appends a SELECT of (id, reason) for the records that review's marks stand for now (see
 * review.h), the review name bound as parameter ?param, for the query module's filters.
 */
void cache_review_marked_sql(size_t param, struct strbuf *sql);
/* Number of records in the cache. */
enum status cache_record_count(struct cache *cache, int64_t *n);

/* ---- reading ---- */

struct cache_field_info {
	char *name, *header, *role, *type;
	int64_t n_distinct, n_blank, n_records;
};
/*
 * Every field in the order first seen; with_counts, with its distinct and blank counts
 * (computed here when stale and remembered, so a second call is instant; a field's tally
 * gives them at once, else every record is read), else those are -1. Caller frees with
 * cache_fields_free.
 */
enum status cache_fields_list(struct cache *cache, bool with_counts,
			      struct cache_field_info **out, size_t *n);
void cache_fields_free(struct cache_field_info *fields, size_t n);

/* One field of one record, in the file's column order. */
struct cache_value {
	const char *name, *header, *role;
	const char *value; /* NULL when blank */
};
struct cache_record_view {
	int64_t id;
	const char *file; /* path of the file it came from */
	unsigned long line;
	const char *kind, *ref, *date; /* NULL when unknown */
	const char *notes; /* NULL when blank */
	const char *notes_headers; /* the notes columns' headers, joined with ", " */
	const struct cache_value *values;
	size_t n_values;
};
/*
 * Calls each(view, data) for every record whose reference is ref (compared exactly,
 * then case-insensitively with spaces trimmed if nothing matched exactly), in file and
 * line order. Everything in view is borrowed for the call. *n receives the count.
 */
enum status cache_records_by_ref(struct cache *cache, const char *ref,
				 void (*each)(const struct cache_record_view *view, void *data),
				 void *data, size_t *n);

/* As cache_records_by_ref, for the one record with that id (*n is 0 when there is none). */
enum status cache_record_by_id(struct cache *cache, int64_t id,
			       void (*each)(const struct cache_record_view *view, void *data),
			       void *data, size_t *n);

/* Calls each(kind, year, n, data) for the record counts by kind ("crime", "incident", or
 * "" for neither) and year (0 = no date): crimes, incidents, neither; years in order.
 * Read from a tally when the cache has one (milliseconds at any size), else from the
 * records. */
enum status cache_overview_each(struct cache *cache,
				void (*each)(const char *kind, int year, int64_t n, void *data),
				void *data);

struct cache_reject {
	const char *file;
	unsigned long line;
	const char *cause;
};
/* Calls each() for every reject (of one file when path is not NULL), file and line order. */
enum status cache_rejects_each(struct cache *cache, const char *path,
			       void (*each)(const struct cache_reject *reject, void *data),
			       void *data, size_t *n);

#endif
