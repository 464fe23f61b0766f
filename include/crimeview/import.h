/*
 * import.h - CSV exports into the cache (layer: core).
 *
 * For each file: skip it when the cache already has these bytes; otherwise read it with
 * the reader, find the columns' roles, parse the dates, and write every record (or keep
 * it as a reject with its line and cause) in one transaction with the rest of the files.
 * The numeric date order is settled per file: day-first (UK) unless the file proves it
 * is month-first, in which case the file is read again month-first; a file whose dates
 * are all ambiguous is read day-first and reported.
 */
#ifndef CRIMEVIEW_IMPORT_H
#define CRIMEVIEW_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crimeview/cache.h"
#include "crimeview/status.h"
#include "crimeview/text.h"

struct import_options {
	enum text_encoding encoding;
	bool encoding_forced; /* --encoding given */
	char delimiter; /* 0: detect */
	const char *kind; /* --kind crime|incident, or NULL */
	const char *date_format; /* --date-format, or NULL */
	/* Role overrides: a field name or header each, or NULL. */
	const char *ref_column;
	const char *date_column;
	const char *kind_column;
	const char *const *notes_columns;
	size_t n_notes_columns;
	bool force; /* import even an unchanged file */
};

struct import_progress {
	const char *path;
	uint64_t bytes_done, bytes_total;
	int64_t rows_read;
	double seconds;
};

enum import_outcome {
	IMPORT_DONE,
	IMPORT_UNCHANGED, /* the cache already had these bytes */
	IMPORT_FAILED, /* nothing of the file was imported: message says why */
};

struct import_file_result {
	const char *path; /* as given */
	enum import_outcome outcome;
	enum status status; /* with IMPORT_FAILED */
	const char *message; /* with IMPORT_FAILED: one line, naming the file */
	int64_t rows_read, rows_imported, rows_rejected;
	const char *encoding;
	const char *kind; /* "crime", "incident", "" (per record or unknown) */
	const char *date_order;
	double seconds;
};

struct import_callbacks {
	/* Every few thousand rows (may be NULL). */
	void (*progress)(const struct import_progress *progress, void *data);
	/* Each rejected record, after its file is read, in line order (may be NULL). */
	void (*reject)(const char *path, unsigned long line, const char *cause, void *data);
	/* Things the user should know about a file: date order chosen, encoding (may be NULL). */
	void (*notice)(const char *path, const char *message, void *data);
	/* When a file is done, skipped or failed (may be NULL). */
	void (*file_done)(const struct import_file_result *result, void *data);
	/* Once every file is read, if any was imported: the tallies and indexes are brought up
	 * to date next, which takes a while after a large load (may be NULL). */
	void (*finishing)(int64_t rows_imported, void *data);
	void *data;
};

struct import_totals {
	size_t n_files, n_unchanged, n_failed;
	int64_t rows_read, rows_imported, rows_rejected;
	double seconds;
};

/*
 * Imports paths into cache, all in one transaction. A file that cannot be imported is
 * reported through file_done and counted in n_failed; the others still go in. Returns
 * STATUS_OK unless the cache itself failed (then nothing is changed: the previous cache
 * stays as it was), or STATUS_BAD_USAGE when --date-format is not valid (message in
 * error).
 */
enum status import_files(struct cache *cache, const char *const *paths, size_t n,
			 const struct import_options *options,
			 const struct import_callbacks *callbacks, struct import_totals *totals,
			 struct strbuf *error);

#endif
