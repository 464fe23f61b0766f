/*
 * import_internal.h - what import.c (files, registry, transaction) and import_records.c
 * (columns, records, the two-thread pipeline) share (layer: core, private to the importer).
 *
 * During the record pass the parsing thread alone touches the reader, the column counts,
 * the date-order evidence, rows_read and rows_rejected; the writing thread alone touches
 * the cache, rows_imported, first_id and last_id.
 */
#ifndef CRIMEVIEW_IMPORT_INTERNAL_H
#define CRIMEVIEW_IMPORT_INTERNAL_H

#include <stdint.h>

#include "crimeview/cache.h"
#include "crimeview/date.h"
#include "crimeview/filehash.h"
#include "crimeview/import.h"
#include "crimeview/reader.h"
#include "crimeview/tally.h"
#include "import_batch.h"

#define NO_COLUMN SIZE_MAX

struct column_counts {
	int64_t n_values;
	bool maybe_numeric, maybe_date;
};

struct file_import {
	struct cache *cache;
	const struct import_options *options;
	const struct import_callbacks *callbacks;
	const struct date_format *date_format;
	const char *path;
	char *abs_path;
	struct file_facts facts;
	struct cache_file file;
	bool known; /* the cache had this path before */
	struct reader *reader;
	double started;

	size_t n_columns;
	char **headers;
	char **names;
	enum field_role *roles;
	int64_t *field_ids;
	struct column_counts *counts;
	size_t ref_column, date_column, kind_column;
	size_t *value_columns; /* columns stored as fields (all but notes), in order */
	size_t n_value_columns;
	const char *file_kind;
	/* The file's kind comes from its reference column's header ("Crime ID"): a row with
	 * no reference was not recorded as one, and counts as neither (data.police.uk leaves
	 * the Crime ID of anti-social behaviour, an incident, blank). */
	bool kind_from_ref;
	int64_t n_without_ref;
	unsigned long without_ref_line; /* the first of them */
	/* The lines before the header (a report's title), which the reader skipped. */
	unsigned long preamble_lines;
	char preamble_first[64];
	struct cache_writer *writer;
	struct strbuf notes;
	/* Counts by value, kind, year and month: one per value column, and one of the records
	 * (value always blank) for the fields other files have and this one lacks. */
	struct tally **tallies;
	struct tally *record_tally;
	bool keep_tallies; /* the cache had records: its tallies are kept true (import_tally.c) */

	enum date_order order;
	bool order_settled; /* forced, or proven by a date only one order can read */
	int64_t n_dates, n_ambiguous;
	char ambiguous_example[40];
	unsigned long month_first_line; /* the line that proved month-first */
	char month_first_example[40];
	bool restart_month_first;

	struct strbuf message;
	/* SQLite's message for a failure of the cache itself, read before the rollback that
	 * clears it: it ends the whole import. */
	struct strbuf cache_failure;
};

/* Seconds on a monotonic clock. */
double import_now_seconds(void);
/* Sets fi->message to "PATH: " + the formatted text and returns status. */
enum status import_fail(struct file_import *fi, enum status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for a failure at a line of the file: "PATH:LINE: " + the text. */
enum status import_fail_at(struct file_import *fi, enum status status, unsigned long line,
			   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Reads the file's records into the cache (the files row must exist: fi->file.id). Sets
 * fi->restart_month_first, with nothing else to trust, when the pass must be redone
 * month-first. On failure returns the status with fi->message set.
 */
enum status import_read_records(struct file_import *fi);
/* Frees what the record pass set up (columns, reader, writer); fi can be read again. */
void import_clear_columns(struct file_import *fi);

/*
 * The tallies counted while importing into an empty cache, by field name, and for each
 * file its records' tally and its fields: a field a file lacks is blank in its records.
 */
struct import_tallies {
	char **names;
	struct tally **tallies;
	size_t n;
	struct tally **file_records;
	char ***file_names; /* per file: its value fields' names, NULL-terminated */
	size_t n_files;
};

/* Takes the file's counts into the accumulator (an import into an empty cache). */
void import_tallies_collect(struct import_tallies *acc, struct file_import *fi);
/* Writes every accumulated tally that is not full (when write is set); frees acc. */
enum status import_tallies_write(struct cache *cache, struct import_tallies *acc, bool write);
/* Into a cache with records: takes a changed file's earlier records off every tally
 * (before they are deleted), and adds the records just read (cache_tallies_settle ends
 * the import). */
enum status import_tallies_forget(struct file_import *fi, const struct cache_file *previous);
enum status import_tallies_extend(struct file_import *fi);

#endif
