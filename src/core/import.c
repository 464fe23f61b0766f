/*
 * import.c - one transaction that brings CSV exports into the cache (layer: core).
 *
 * Per file: registry check (size and mtime, then content hash), encoding decision, then
 * the record pass (import_records.c). A savepoint around each file lets a file be undone
 * on its own: when its dates turn out to be month-first, or when it fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "crimeview/format.h"
#include "import_internal.h"

double import_now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void notice(struct file_import *fi, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void notice(struct file_import *fi, const char *fmt, ...)
{
	if (!fi->callbacks->notice)
		return;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vappendf(&sb, fmt, ap);
	va_end(ap);
	fi->callbacks->notice(fi->path, sb.data, fi->callbacks->data);
	strbuf_free(&sb);
}

enum status import_fail(struct file_import *fi, enum status status, const char *fmt, ...)
{
	va_list ap;
	strbuf_reset(&fi->message);
	strbuf_appendf(&fi->message, "%s: ", fi->path);
	va_start(ap, fmt);
	strbuf_vappendf(&fi->message, fmt, ap);
	va_end(ap);
	return status;
}

enum status import_fail_at(struct file_import *fi, enum status status, unsigned long line,
			   const char *fmt, ...)
{
	va_list ap;
	strbuf_reset(&fi->message);
	strbuf_appendf(&fi->message, "%s:%lu: ", fi->path, line);
	va_start(ap, fmt);
	strbuf_vappendf(&fi->message, fmt, ap);
	va_end(ap);
	return status;
}

static const char *order_name(const struct file_import *fi)
{
	if (fi->options->date_format && strcmp(fi->options->date_format, "dmy") &&
	    strcmp(fi->options->date_format, "mdy") && strcmp(fi->options->date_format, "ymd"))
		return fi->options->date_format;
	return fi->order == DATE_ORDER_MONTH_FIRST ? "month-first" : "day-first";
}

static void utc_timestamp(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Undoes the file's savepoint after status. An error of the cache that is the file's own
 * (more than SQLite takes) becomes STATUS_CACHE_REFUSED: this file fails and the others
 * go on. Any other cache error is a failure of the cache: its message is kept.
 */
static enum status undo_file(struct file_import *fi, enum status status)
{
	if (status == STATUS_CACHE && !cache_error_is_fatal(fi->cache))
		status = STATUS_CACHE_REFUSED;
	else if (status == STATUS_CACHE)
		strbuf_append_str(&fi->cache_failure, cache_error(fi->cache));
	cache_savepoint_rollback(fi->cache);
	return status;
}

/* Reads the file into the cache inside a savepoint; restarts month-first when proven. */
static enum status import_contents(struct file_import *fi, const struct cache_file *previous)
{
	for (;;) {
		enum status status = cache_savepoint(fi->cache);
		if (status != STATUS_OK)
			return import_fail(fi, status, "%s", cache_error(fi->cache));
		if (previous && fi->keep_tallies)
			status = import_tallies_forget(fi, previous);
		if (previous && status == STATUS_OK)
			status = cache_file_forget(fi->cache, previous);
		fi->file.first_id = fi->file.last_id = 0;
		fi->file.rows_read = fi->file.rows_imported = fi->file.rows_rejected = 0;
		fi->n_dates = fi->n_ambiguous = 0;
		fi->n_without_ref = 0;
		if (status == STATUS_OK)
			status = cache_file_save(fi->cache, &fi->file);
		if (status != STATUS_OK) {
			import_fail(fi, status, "%s", cache_error(fi->cache));
			return undo_file(fi, status);
		}
		status = import_read_records(fi);
		if (status == STATUS_OK && fi->restart_month_first) {
			import_clear_columns(fi);
			cache_savepoint_rollback(fi->cache);
			if (!previous)
				fi->file.id = 0;
			fi->restart_month_first = false;
			fi->order = DATE_ORDER_MONTH_FIRST;
			fi->order_settled = true;
			notice(fi, "dates are month-first (line %lu has \"%s\"): reading them month-first",
			       fi->month_first_line, fi->month_first_example);
			continue;
		}
		if (status == STATUS_OK && fi->keep_tallies)
			status = import_tallies_extend(fi);
		if (status != STATUS_OK)
			return undo_file(fi, status);
		snprintf(fi->file.date_order, sizeof(fi->file.date_order), "%s", order_name(fi));
		snprintf(fi->file.kind, sizeof(fi->file.kind), "%s",
			 fi->kind_column == NO_COLUMN && fi->file_kind ? fi->file_kind : "");
		utc_timestamp(fi->file.imported_at, sizeof(fi->file.imported_at));
		fi->file.seconds = import_now_seconds() - fi->started;
		status = cache_file_save(fi->cache, &fi->file);
		if (status == STATUS_OK)
			status = cache_savepoint_release(fi->cache);
		if (status != STATUS_OK) {
			import_fail(fi, status, "%s", cache_error(fi->cache));
			return undo_file(fi, status);
		}
		return STATUS_OK;
	}
}

/* "a crime", "an incident". */
static const char *article(const char *kind)
{
	return kind[0] == 'i' ? "an" : "a";
}

/* Rows without the reference the file's kind comes from (fi->kind_from_ref). */
static void report_rows_without_ref(struct file_import *fi)
{
	const char *kind = fi->file_kind, *ref_header = fi->headers[fi->ref_column];
	if (fi->n_without_ref == 1) {
		notice(fi,
		       "1 row has no %s (line %lu): not recorded as %s %s, it counts as neither "
		       "crime nor incident (--kind %s counts it as %s %s)",
		       ref_header, fi->without_ref_line, article(kind), kind, kind, article(kind),
		       kind);
		return;
	}
	char n[32];
	notice(fi,
	       "%s rows have no %s (the first at line %lu): not recorded as %ss, they count as "
	       "neither crime nor incident (--kind %s counts them as %ss)",
	       format_count(fi->n_without_ref, n, sizeof(n)), ref_header, fi->without_ref_line,
	       kind, kind, kind);
}

static void report_notices(struct file_import *fi)
{
	const char *date_header = fi->date_column != NO_COLUMN ? fi->headers[fi->date_column] : NULL;
	if (fi->preamble_lines == 1)
		notice(fi, "line 1 comes before the header on line 2 (\"%s\"): not imported",
		       fi->preamble_first);
	else if (fi->preamble_lines > 1)
		notice(fi, "lines 1-%lu come before the header on line %lu (\"%s\"): not imported",
		       fi->preamble_lines, fi->preamble_lines + 1, fi->preamble_first);
	if (strcmp(fi->file.encoding, "windows-1252") == 0 && !fi->options->encoding_forced)
		notice(fi, "not UTF-8: read as Windows-1252");
	if (!date_header)
		notice(fi, "no date column found: its records belong to no period (name one with --date)");
	else if (fi->n_dates && fi->n_ambiguous == fi->n_dates && !fi->options->date_format)
		notice(fi,
		       "every date in %s could be day-first or month-first (such as \"%s\"): read "
		       "day-first (UK); if they are month-first, import again with --force "
		       "--date-format mdy",
		       date_header, fi->ambiguous_example);
	if (fi->n_without_ref)
		report_rows_without_ref(fi);
	if (!fi->file.kind[0] && fi->kind_column == NO_COLUMN)
		notice(fi, "not known to hold crimes or incidents: its records count as neither "
			   "(say which with --kind)");
}

static void report_rejects_each(const struct cache_reject *reject, void *data)
{
	struct file_import *fi = data;
	fi->callbacks->reject(fi->path, reject->line, reject->cause, fi->callbacks->data);
}

static enum status check_file_type(struct file_import *fi)
{
	struct stat st;
	if (stat(fi->path, &st) != 0) {
		if (errno == ENOENT)
			return import_fail(fi, STATUS_NOT_FOUND, "no such file");
		return import_fail(fi, STATUS_IO, "%s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return import_fail(fi, STATUS_NOT_REGULAR_FILE, "is a directory, not a CSV file");
	if (!S_ISREG(st.st_mode))
		return import_fail(fi, STATUS_NOT_REGULAR_FILE,
			    "is not a regular file (a FIFO, socket or device): save it to a file first");
	return STATUS_OK;
}

/* Imports one file; STATUS_OK with *outcome, or a file failure with fi->message set. */
static enum status import_one(struct file_import *fi, enum import_outcome *outcome)
{
	enum status status = check_file_type(fi);
	if (status != STATUS_OK)
		return status;
	fi->abs_path = realpath(fi->path, NULL);
	if (!fi->abs_path)
		return import_fail(fi, STATUS_IO, "%s", strerror(errno));
	struct cache_file previous = {0};
	status = cache_file_find(fi->cache, fi->abs_path, &previous, &fi->known);
	if (status != STATUS_OK)
		return import_fail(fi, status, "%s", cache_error(fi->cache));
	uint64_t size = 0;
	int64_t mtime = 0;
	status = file_facts_stat(fi->abs_path, &size, &mtime);
	if (status == STATUS_OK && fi->known && !fi->options->force && previous.size == size &&
	    previous.mtime_ns == mtime) {
		fi->file = previous;
		*outcome = IMPORT_UNCHANGED;
		return STATUS_OK;
	}
	status = file_facts_scan(fi->abs_path, &fi->facts);
	if (status != STATUS_OK) {
		cache_file_clear(&previous);
		return import_fail(fi, status, "cannot read: %s", strerror(errno));
	}
	if (fi->known && !fi->options->force && strcmp(previous.hash, fi->facts.hash) == 0) {
		/* Touched but not changed: remember the new time, do nothing else. */
		previous.mtime_ns = fi->facts.mtime_ns;
		fi->file = previous;
		*outcome = IMPORT_UNCHANGED;
		status = cache_file_save(fi->cache, &fi->file);
		return status == STATUS_OK ? STATUS_OK : import_fail(fi, status, "%s", cache_error(fi->cache));
	}
	if (fi->facts.utf16) {
		cache_file_clear(&previous);
		return import_fail(fi, STATUS_BAD_ENCODING,
			    "UTF-16 text: save it as CSV UTF-8 (or Windows-1252) and import again");
	}
	if (fi->facts.binary_what) {
		cache_file_clear(&previous);
		return import_fail(fi, STATUS_BAD_CSV, "not a CSV file (binary: %s): %s",
				   fi->facts.binary_what, fi->facts.binary_advice);
	}
	fi->file = (struct cache_file){
		.id = fi->known ? previous.id : 0,
		.path = xstrdup(fi->abs_path),
		.size = fi->facts.size,
		.mtime_ns = fi->facts.mtime_ns,
	};
	memcpy(fi->file.hash, fi->facts.hash, sizeof(fi->file.hash));
	status = import_contents(fi, fi->known ? &previous : NULL);
	cache_file_clear(&previous);
	if (status != STATUS_OK)
		return status;
	report_notices(fi);
	if (fi->callbacks->reject && fi->file.rows_rejected) {
		size_t n;
		cache_rejects_each(fi->cache, fi->file.path, report_rejects_each, fi, &n);
	}
	*outcome = IMPORT_DONE;
	return STATUS_OK;
}

enum status import_files(struct cache *cache, const char *const *paths, size_t n,
			 const struct import_options *options,
			 const struct import_callbacks *callbacks, struct import_totals *totals,
			 struct strbuf *error)
{
	static const struct import_callbacks no_callbacks = {0};
	struct date_format *format = NULL;
	if (!callbacks)
		callbacks = &no_callbacks;
	memset(totals, 0, sizeof(*totals));
	if (options->date_format) {
		char *why = NULL;
		if (date_format_new(options->date_format, &format, &why) != STATUS_OK) {
			if (error)
				strbuf_appendf(error, "--date-format: %s", why ? why : "not valid");
			free(why);
			return STATUS_BAD_USAGE;
		}
	}
	double started = import_now_seconds();
	enum status status = cache_begin(cache);
	if (status != STATUS_OK) {
		if (error)
			strbuf_appendf(error, "%s: %s", cache_path(cache), cache_error(cache));
		date_format_free(format);
		return status;
	}
	int64_t existing = 0;
	cache_record_count(cache, &existing);
	/* Into an empty cache, the tallies counted on the way are the whole truth; into one
	 * with records, the tallies there are kept true file by file. */
	struct import_tallies tallies = {0};
	/* Loading into an empty cache: build the indexes once at the end, not row by row. */
	if (existing == 0)
		cache_indexes_drop(cache);

	for (size_t i = 0; i < n && status == STATUS_OK; i++) {
		struct file_import fi = {
			.cache = cache,
			.options = options,
			.callbacks = callbacks,
			.date_format = format,
			.path = paths[i],
			.started = import_now_seconds(),
			.order = format ? date_format_order(format) : DATE_ORDER_DAY_FIRST,
			.order_settled = format != NULL,
			.keep_tallies = existing > 0,
		};
		enum import_outcome outcome = IMPORT_FAILED;
		enum status file_status = import_one(&fi, &outcome);
		struct import_file_result result = {
			.path = paths[i],
			.outcome = file_status == STATUS_OK ? outcome : IMPORT_FAILED,
			.status = file_status,
			.message = strbuf_str(&fi.message),
			.rows_read = fi.file.rows_read,
			.rows_imported = fi.file.rows_imported,
			.rows_rejected = fi.file.rows_rejected,
			.encoding = fi.file.encoding,
			.kind = fi.file.kind,
			.date_order = fi.file.date_order,
			.seconds = import_now_seconds() - fi.started,
		};
		totals->n_files++;
		if (result.outcome == IMPORT_FAILED) {
			totals->n_failed++;
			/* A failure of the cache itself ends the whole import. */
			if (file_status == STATUS_CACHE || file_status == STATUS_NO_MEMORY) {
				status = file_status;
				if (error && fi.cache_failure.len)
					strbuf_appendf(error, "%s: %s", cache_path(cache),
						       fi.cache_failure.data);
			}
		} else if (result.outcome == IMPORT_UNCHANGED) {
			totals->n_unchanged++;
		} else {
			totals->rows_read += result.rows_read;
			totals->rows_imported += result.rows_imported;
			totals->rows_rejected += result.rows_rejected;
		}
		if (result.outcome == IMPORT_DONE && existing == 0)
			import_tallies_collect(&tallies, &fi);
		if (callbacks->file_done)
			callbacks->file_done(&result, callbacks->data);
		import_clear_columns(&fi);
		cache_file_clear(&fi.file);
		free(fi.abs_path);
		strbuf_free(&fi.message);
		strbuf_free(&fi.cache_failure);
	}
	bool changed = totals->n_files > totals->n_unchanged;
	if (status == STATUS_OK && changed && callbacks->finishing)
		callbacks->finishing(totals->rows_imported, callbacks->data);
	if (status == STATUS_OK && changed)
		status = existing == 0 ? cache_tallies_drop(cache) : cache_tallies_settle(cache);
	enum status written =
		import_tallies_write(cache, &tallies, status == STATUS_OK && existing == 0);
	if (status == STATUS_OK)
		status = written;
	if (status == STATUS_OK)
		status = cache_indexes_ensure(cache);
	if (status == STATUS_OK)
		status = cache_commit(cache);
	if (status != STATUS_OK) {
		if (error && !error->len)
			strbuf_appendf(error, "%s: %s", cache_path(cache), cache_error(cache));
		cache_rollback(cache);
	}
	date_format_free(format);
	totals->seconds = import_now_seconds() - started;
	return status;
}
