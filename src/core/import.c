/*
 * import.c - one transaction that brings CSV exports into the cache (layer: core).
 *
 * Per file: registry check (size and mtime, then content hash), encoding decision,
 * header -> fields and roles, then record by record: values trimmed, the date parsed,
 * the kind settled, the notes joined, and the record written or kept as a reject. A
 * savepoint around each file lets a file be undone on its own: when its dates turn out
 * to be month-first, or when it fails.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "crimeview/date.h"
#include "crimeview/filehash.h"
#include "crimeview/import.h"
#include "crimeview/reader.h"

#define NO_COLUMN SIZE_MAX
#define PROGRESS_EVERY 4096

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
	struct cache_writer *writer;
	const char **values; /* per column, trimmed, borrowed from the record */
	size_t *lens;
	const char **row_values; /* per value column, as the writer wants them */
	size_t *row_lens;
	struct strbuf notes;

	enum date_order order;
	bool order_settled; /* forced, or proven by a date only one order can read */
	int64_t n_dates, n_ambiguous;
	char ambiguous_example[40];
	unsigned long month_first_line; /* the line that proved month-first */
	char month_first_example[40];
	bool restart_month_first;

	struct strbuf message;
};

static double now_seconds(void)
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

/* Trims spaces, tabs and line breaks at both ends; returns the new length. */
static size_t trim(const char **s, size_t len)
{
	const char *p = *s;
	while (len && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')) {
		p++;
		len--;
	}
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r' ||
		       p[len - 1] == '\n'))
		len--;
	*s = p;
	return len;
}

static bool looks_numeric(const char *s, size_t len)
{
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	return digits > 0 && i == len;
}

static void file_import_clear_columns(struct file_import *fi)
{
	for (size_t i = 0; i < fi->n_columns; i++) {
		free(fi->headers[i]);
		free(fi->names[i]);
	}
	free(fi->headers);
	free(fi->names);
	free(fi->roles);
	free(fi->field_ids);
	free(fi->counts);
	free(fi->value_columns);
	free(fi->values);
	free(fi->lens);
	free(fi->row_values);
	free(fi->row_lens);
	fi->row_values = NULL;
	fi->row_lens = NULL;
	fi->headers = fi->names = NULL;
	fi->roles = NULL;
	fi->field_ids = NULL;
	fi->counts = NULL;
	fi->value_columns = NULL;
	fi->values = NULL;
	fi->lens = NULL;
	fi->n_columns = fi->n_value_columns = 0;
	cache_writer_free(fi->writer);
	fi->writer = NULL;
	reader_free(fi->reader);
	fi->reader = NULL;
}

static enum status fail(struct file_import *fi, enum status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum status fail(struct file_import *fi, enum status status, const char *fmt, ...)
{
	va_list ap;
	strbuf_reset(&fi->message);
	strbuf_appendf(&fi->message, "%s: ", fi->path);
	va_start(ap, fmt);
	strbuf_vappendf(&fi->message, fmt, ap);
	va_end(ap);
	return status;
}

static size_t find_column(const struct file_import *fi, const char *wanted)
{
	for (size_t i = 0; i < fi->n_columns; i++)
		if (field_name_matches(wanted, fi->names[i], fi->headers[i]))
			return i;
	return NO_COLUMN;
}

static enum status missing_column(struct file_import *fi, const char *option, const char *wanted)
{
	struct strbuf list = STRBUF_INIT;
	for (size_t i = 0; i < fi->n_columns; i++)
		strbuf_appendf(&list, "%s%s", i ? ", " : "", fi->headers[i]);
	fail(fi, STATUS_UNKNOWN_FIELD, "%s %s: no such column (the columns are: %s)", option, wanted,
	     strbuf_str(&list));
	strbuf_free(&list);
	return STATUS_UNKNOWN_FIELD;
}

/* The best-ranked column for a role, or NO_COLUMN. */
static size_t guess_column(const struct file_import *fi, enum field_role role)
{
	size_t best = NO_COLUMN;
	int best_rank = INT_MAX;
	for (size_t i = 0; i < fi->n_columns; i++) {
		int rank = 0;
		if (field_role_guess(fi->headers[i], &rank) == role && rank < best_rank) {
			best = i;
			best_rank = rank;
		}
	}
	return best;
}

static enum status assign_roles(struct file_import *fi)
{
	const struct import_options *o = fi->options;
	fi->ref_column = o->ref_column ? find_column(fi, o->ref_column) : guess_column(fi, FIELD_ROLE_REF);
	if (o->ref_column && fi->ref_column == NO_COLUMN)
		return missing_column(fi, "--ref", o->ref_column);
	fi->date_column = o->date_column ? find_column(fi, o->date_column)
					 : guess_column(fi, FIELD_ROLE_DATE);
	if (o->date_column && fi->date_column == NO_COLUMN)
		return missing_column(fi, "--date", o->date_column);
	fi->kind_column = o->kind_column ? find_column(fi, o->kind_column)
					 : guess_column(fi, FIELD_ROLE_KIND);
	if (o->kind_column && fi->kind_column == NO_COLUMN)
		return missing_column(fi, "--kind-field", o->kind_column);
	if (o->n_notes_columns) {
		for (size_t k = 0; k < o->n_notes_columns; k++) {
			size_t col = find_column(fi, o->notes_columns[k]);
			if (col == NO_COLUMN)
				return missing_column(fi, "--notes", o->notes_columns[k]);
			fi->roles[col] = FIELD_ROLE_NOTES;
		}
	} else {
		size_t col = guess_column(fi, FIELD_ROLE_NOTES);
		if (col != NO_COLUMN)
			fi->roles[col] = FIELD_ROLE_NOTES;
	}
	if (fi->ref_column != NO_COLUMN)
		fi->roles[fi->ref_column] = FIELD_ROLE_REF;
	if (fi->date_column != NO_COLUMN)
		fi->roles[fi->date_column] = FIELD_ROLE_DATE;
	if (fi->kind_column != NO_COLUMN)
		fi->roles[fi->kind_column] = FIELD_ROLE_KIND;

	fi->file_kind = o->kind;
	if (!fi->file_kind && fi->ref_column != NO_COLUMN)
		fi->file_kind = field_kind_from_ref_header(fi->headers[fi->ref_column]);
	if (!fi->file_kind)
		fi->file_kind = field_kind_from_file_name(fi->path);
	return STATUS_OK;
}

static enum status setup_columns(struct file_import *fi, const struct reader_record *header)
{
	size_t n = header->n_fields;
	fi->n_columns = n;
	fi->headers = xcalloc(n, sizeof(*fi->headers));
	for (size_t i = 0; i < n; i++) {
		const char *h = header->fields[i];
		size_t len = trim(&h, header->lens[i]);
		if (utf8_first_invalid(h, len) < len) {
			struct strbuf converted = STRBUF_INIT;
			cp1252_to_utf8(h, len, &converted);
			fi->headers[i] = strbuf_detach(&converted);
		} else {
			fi->headers[i] = xstrndup(h, len);
		}
	}
	fi->names = field_names_for_headers((const char *const *)fi->headers, n);
	fi->roles = xcalloc(n, sizeof(*fi->roles));
	fi->field_ids = xcalloc(n, sizeof(*fi->field_ids));
	fi->counts = xcalloc(n, sizeof(*fi->counts));
	fi->value_columns = xcalloc(n, sizeof(*fi->value_columns));
	fi->values = xcalloc(n, sizeof(*fi->values));
	fi->lens = xcalloc(n, sizeof(*fi->lens));
	fi->row_values = xcalloc(n, sizeof(*fi->row_values));
	fi->row_lens = xcalloc(n, sizeof(*fi->row_lens));
	reader_set_header(fi->reader, (const char *const *)fi->headers, n);

	enum status status = assign_roles(fi);
	if (status != STATUS_OK)
		return status;
	for (size_t i = 0; i < n; i++) {
		fi->counts[i].maybe_numeric = fi->counts[i].maybe_date = true;
		status = cache_field_ensure(fi->cache, fi->names[i], fi->headers[i], fi->roles[i],
					    &fi->field_ids[i]);
		if (status == STATUS_OK)
			status = cache_file_field_add(fi->cache, fi->file.id, i, fi->field_ids[i],
						      fi->headers[i], fi->roles[i]);
		if (status != STATUS_OK)
			return fail(fi, status, "cannot record its columns: %s", cache_error(fi->cache));
		if (fi->roles[i] != FIELD_ROLE_NOTES)
			fi->value_columns[fi->n_value_columns++] = i;
	}
	int64_t *ids = xcalloc(fi->n_value_columns, sizeof(*ids));
	for (size_t k = 0; k < fi->n_value_columns; k++)
		ids[k] = fi->field_ids[fi->value_columns[k]];
	status = cache_writer_new(fi->cache, fi->file.id, ids, fi->n_value_columns, &fi->writer);
	free(ids);
	if (status != STATUS_OK)
		return fail(fi, status, "cannot prepare the cache: %s", cache_error(fi->cache));
	return STATUS_OK;
}

static void copy_example(char *dst, size_t size, const char *s, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

enum date_outcome { DATE_GOOD, DATE_BAD, DATE_RESTART };

/* Parses the record's date, settling the file's numeric order as evidence comes in. */
static enum date_outcome parse_record_date(struct file_import *fi, const char *s, size_t len,
					   unsigned long line, struct date_value *date,
					   const char **reason)
{
	struct date_value other;
	enum date_order other_order =
		fi->order == DATE_ORDER_DAY_FIRST ? DATE_ORDER_MONTH_FIRST : DATE_ORDER_DAY_FIRST;
	if (date_parse(s, len, fi->order, fi->date_format, date, reason) == STATUS_OK) {
		fi->n_dates++;
		if (date->flags & DATE_FLAG_AMBIGUOUS) {
			if (fi->n_ambiguous++ == 0)
				copy_example(fi->ambiguous_example, sizeof(fi->ambiguous_example), s, len);
		} else if (!fi->order_settled &&
			   date_parse(s, len, other_order, NULL, &other, NULL) != STATUS_OK) {
			fi->order_settled = true;
		}
		return DATE_GOOD;
	}
	if (!fi->order_settled && fi->order == DATE_ORDER_DAY_FIRST &&
	    date_parse(s, len, DATE_ORDER_MONTH_FIRST, NULL, &other, NULL) == STATUS_OK) {
		fi->month_first_line = line;
		copy_example(fi->month_first_example, sizeof(fi->month_first_example), s, len);
		return DATE_RESTART;
	}
	return DATE_BAD;
}

static void count_value(struct file_import *fi, size_t column, const char *s, size_t len)
{
	struct column_counts *c = &fi->counts[column];
	c->n_values++;
	if (c->maybe_numeric && !looks_numeric(s, len))
		c->maybe_numeric = false;
	if (c->maybe_date && column != fi->date_column) {
		struct date_value ignored;
		if (date_parse(s, len, fi->order, fi->date_format, &ignored, NULL) != STATUS_OK)
			c->maybe_date = false;
	}
}

static enum status keep_reject(struct file_import *fi, const struct reader_record *rec,
			       const char *cause)
{
	fi->file.rows_rejected++;
	enum status status = cache_reject_add(fi->cache, fi->file.id, rec->line, cause, rec->raw,
					      rec->raw_len);
	if (status != STATUS_OK)
		return fail(fi, status, "cannot keep a rejected row: %s", cache_error(fi->cache));
	return STATUS_OK;
}

/* Writes one good record, or keeps it as a reject when its date cannot be read. */
static enum status import_record(struct file_import *fi, const struct reader_record *rec)
{
	struct cache_row row = {.line = rec->line, .kind = fi->file_kind};
	struct date_value date;
	char iso[24];
	strbuf_reset(&fi->notes);
	for (size_t i = 0; i < fi->n_columns; i++) {
		const char *s = rec->fields[i];
		size_t len = rec->lens[i];
		if (fi->roles[i] == FIELD_ROLE_NOTES) {
			const char *t = s;
			if (trim(&t, len) == 0)
				continue;
			if (fi->notes.len)
				strbuf_append_str(&fi->notes, "\n\n");
			strbuf_append(&fi->notes, s, len);
			fi->counts[i].n_values++;
			continue;
		}
		len = trim(&s, len);
		fi->values[i] = len ? s : NULL;
		fi->lens[i] = len;
		if (!len)
			continue;
		count_value(fi, i, s, len);
		if (i == fi->ref_column) {
			row.ref = s;
		} else if (i == fi->kind_column) {
			const char *kind = field_kind_from_value(s, len);
			if (kind)
				row.kind = kind;
		} else if (i == fi->date_column) {
			const char *reason = NULL;
			enum date_outcome outcome = parse_record_date(fi, s, len, rec->line, &date, &reason);
			if (outcome == DATE_RESTART) {
				fi->restart_month_first = true;
				return STATUS_OK;
			}
			if (outcome == DATE_BAD) {
				struct strbuf cause = STRBUF_INIT;
				strbuf_appendf(&cause, "bad date in %s: \"%.*s\" (%s)", fi->headers[i],
					       (int)(len > 40 ? 40 : len), s, reason ? reason : "not a date");
				enum status status = keep_reject(fi, rec, cause.data);
				strbuf_free(&cause);
				return status;
			}
			row.date = date_to_iso(&date, iso);
			/* The ISO form keeps the date only: periods never need the time. */
			if (date.precision == DATE_PRECISION_TIME)
				iso[10] = '\0';
			row.year = date.year;
			row.month = date.month;
			row.day = date.day;
		}
	}
	if (fi->notes.len) {
		row.notes = fi->notes.data;
		row.notes_len = fi->notes.len;
	}
	if (row.ref)
		row.ref_len = fi->lens[fi->ref_column];
	for (size_t k = 0; k < fi->n_value_columns; k++) {
		fi->row_values[k] = fi->values[fi->value_columns[k]];
		fi->row_lens[k] = fi->lens[fi->value_columns[k]];
	}
	row.values = fi->row_values;
	row.lens = fi->row_lens;
	int64_t id;
	enum status status = cache_writer_add(fi->writer, &row, &id);
	if (status != STATUS_OK)
		return fail(fi, status, "line %lu: cannot write to the cache: %s", rec->line,
			    cache_error(fi->cache));
	if (!fi->file.first_id)
		fi->file.first_id = id;
	fi->file.last_id = id;
	fi->file.rows_imported++;
	return STATUS_OK;
}

static void report_progress(struct file_import *fi)
{
	if (!fi->callbacks->progress)
		return;
	struct import_progress progress = {
		.path = fi->path,
		.bytes_done = reader_bytes_done(fi->reader),
		.bytes_total = fi->facts.size,
		.rows_read = fi->file.rows_read,
		.seconds = now_seconds() - fi->started,
	};
	fi->callbacks->progress(&progress, fi->callbacks->data);
}

static const char *order_name(const struct file_import *fi)
{
	if (fi->options->date_format && strcmp(fi->options->date_format, "dmy") &&
	    strcmp(fi->options->date_format, "mdy") && strcmp(fi->options->date_format, "ymd"))
		return fi->options->date_format;
	return fi->order == DATE_ORDER_MONTH_FIRST ? "month-first" : "day-first";
}

/* One pass over the file; sets restart_month_first when the pass must be redone. */
static enum status read_records(struct file_import *fi)
{
	struct reader_options ro = {
		.encoding = fi->options->encoding_forced ? fi->options->encoding
							 : file_facts_encoding(&fi->facts),
		.line_end = fi->facts.n_lf || !fi->facts.n_cr ? '\n' : '\r',
		.delimiter = fi->options->delimiter,
		.ends_with_newline = fi->facts.ends_with_newline,
	};
	snprintf(fi->file.encoding, sizeof(fi->file.encoding), "%s", text_encoding_name(ro.encoding));
	enum status status = reader_open(fi->abs_path, &ro, &fi->reader);
	if (status != STATUS_OK)
		return fail(fi, status, "cannot open: %s", strerror(errno));
	struct reader_record *rec;
	status = reader_next(fi->reader, &rec);
	if (status != STATUS_OK)
		return fail(fi, status, "cannot read: %s", strerror(errno));
	if (!rec)
		return fail(fi, STATUS_BAD_CSV, "the file is empty: there is no header line");
	fi->file.delimiter = reader_delimiter(fi->reader);
	status = setup_columns(fi, rec);
	if (status != STATUS_OK)
		return status;
	for (;;) {
		status = reader_next(fi->reader, &rec);
		if (status != STATUS_OK)
			return fail(fi, status, "cannot read: %s", strerror(errno));
		if (!rec)
			break;
		fi->file.rows_read++;
		if (rec->problem)
			status = keep_reject(fi, rec, rec->problem);
		else
			status = import_record(fi, rec);
		if (status != STATUS_OK || fi->restart_month_first)
			return status;
		if (fi->file.rows_read % PROGRESS_EVERY == 0)
			report_progress(fi);
	}
	report_progress(fi);
	for (size_t i = 0; i < fi->n_columns; i++) {
		const struct column_counts *c = &fi->counts[i];
		/* Notes are text whatever they hold; their values are never checked. */
		bool is_notes = fi->roles[i] == FIELD_ROLE_NOTES;
		bool is_date = !is_notes && (c->maybe_date || i == fi->date_column);
		bool is_numeric = !is_notes && c->maybe_numeric;
		status = cache_field_add_counts(fi->cache, fi->field_ids[i], c->n_values,
						is_numeric ? c->n_values : 0, is_date ? c->n_values : 0);
		if (status != STATUS_OK)
			return fail(fi, status, "cannot update its fields: %s", cache_error(fi->cache));
	}
	return STATUS_OK;
}

static void utc_timestamp(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Reads the file into the cache inside a savepoint; restarts month-first when proven. */
static enum status import_contents(struct file_import *fi, const struct cache_file *previous)
{
	for (;;) {
		enum status status = cache_savepoint(fi->cache);
		if (status != STATUS_OK)
			return fail(fi, status, "%s", cache_error(fi->cache));
		if (previous)
			status = cache_file_forget(fi->cache, previous);
		fi->file.first_id = fi->file.last_id = 0;
		fi->file.rows_read = fi->file.rows_imported = fi->file.rows_rejected = 0;
		fi->n_dates = fi->n_ambiguous = 0;
		if (status == STATUS_OK)
			status = cache_file_save(fi->cache, &fi->file);
		if (status != STATUS_OK) {
			cache_savepoint_rollback(fi->cache);
			return fail(fi, status, "%s", cache_error(fi->cache));
		}
		status = read_records(fi);
		if (status == STATUS_OK && fi->restart_month_first) {
			file_import_clear_columns(fi);
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
		if (status != STATUS_OK) {
			cache_savepoint_rollback(fi->cache);
			return status;
		}
		snprintf(fi->file.date_order, sizeof(fi->file.date_order), "%s", order_name(fi));
		snprintf(fi->file.kind, sizeof(fi->file.kind), "%s",
			 fi->kind_column == NO_COLUMN && fi->file_kind ? fi->file_kind : "");
		utc_timestamp(fi->file.imported_at, sizeof(fi->file.imported_at));
		fi->file.seconds = now_seconds() - fi->started;
		status = cache_file_save(fi->cache, &fi->file);
		if (status == STATUS_OK)
			status = cache_savepoint_release(fi->cache);
		if (status != STATUS_OK) {
			cache_savepoint_rollback(fi->cache);
			return fail(fi, status, "%s", cache_error(fi->cache));
		}
		return STATUS_OK;
	}
}

static void report_notices(struct file_import *fi)
{
	const char *date_header = fi->date_column != NO_COLUMN ? fi->headers[fi->date_column] : NULL;
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
			return fail(fi, STATUS_NOT_FOUND, "no such file");
		return fail(fi, STATUS_IO, "%s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return fail(fi, STATUS_NOT_REGULAR_FILE, "is a directory, not a CSV file");
	if (!S_ISREG(st.st_mode))
		return fail(fi, STATUS_NOT_REGULAR_FILE,
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
		return fail(fi, STATUS_IO, "%s", strerror(errno));
	struct cache_file previous = {0};
	status = cache_file_find(fi->cache, fi->abs_path, &previous, &fi->known);
	if (status != STATUS_OK)
		return fail(fi, status, "%s", cache_error(fi->cache));
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
		return fail(fi, status, "cannot read: %s", strerror(errno));
	}
	if (fi->known && !fi->options->force && strcmp(previous.hash, fi->facts.hash) == 0) {
		/* Touched but not changed: remember the new time, do nothing else. */
		previous.mtime_ns = fi->facts.mtime_ns;
		fi->file = previous;
		*outcome = IMPORT_UNCHANGED;
		status = cache_file_save(fi->cache, &fi->file);
		return status == STATUS_OK ? STATUS_OK : fail(fi, status, "%s", cache_error(fi->cache));
	}
	if (fi->facts.utf16) {
		cache_file_clear(&previous);
		return fail(fi, STATUS_BAD_ENCODING,
			    "UTF-16 text: save it as CSV UTF-8 (or Windows-1252) and import again");
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
	double started = now_seconds();
	enum status status = cache_begin(cache);
	if (status != STATUS_OK) {
		if (error)
			strbuf_appendf(error, "%s: %s", cache_path(cache), cache_error(cache));
		date_format_free(format);
		return status;
	}
	int64_t existing = 0;
	cache_record_count(cache, &existing);
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
			.started = now_seconds(),
			.order = format ? date_format_order(format) : DATE_ORDER_DAY_FIRST,
			.order_settled = format != NULL,
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
			.seconds = now_seconds() - fi.started,
		};
		totals->n_files++;
		if (result.outcome == IMPORT_FAILED) {
			totals->n_failed++;
			/* A failure of the cache itself ends the whole import. */
			if (file_status == STATUS_CACHE || file_status == STATUS_NO_MEMORY)
				status = file_status;
		} else if (result.outcome == IMPORT_UNCHANGED) {
			totals->n_unchanged++;
		} else {
			totals->rows_read += result.rows_read;
			totals->rows_imported += result.rows_imported;
			totals->rows_rejected += result.rows_rejected;
		}
		if (callbacks->file_done)
			callbacks->file_done(&result, callbacks->data);
		file_import_clear_columns(&fi);
		cache_file_clear(&fi.file);
		free(fi.abs_path);
		strbuf_free(&fi.notes);
		strbuf_free(&fi.message);
	}
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
	totals->seconds = now_seconds() - started;
	return status;
}
