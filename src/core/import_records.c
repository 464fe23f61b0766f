/*
 * import_records.c - one file's columns and records into the cache (layer: core, part of
 * the importer).
 *
 * The header becomes fields with roles; then two threads share the work. The parsing
 * thread reads records, trims values, reads dates (settling the file's day/month order),
 * settles kinds and joins notes, and packs the result into batches; the calling thread
 * writes the batches to SQLite. Parsing is a third of an import's work, so this takes a
 * third off the time of a large import (bench/import.sh).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

#define PIPELINE_BATCHES 4
/* Bytes of a bad value quoted in a message; a longer one is cut at a character, with "…". */
#define VALUE_SHOWN_MAX 40

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

void import_clear_columns(struct file_import *fi)
{
	for (size_t k = 0; fi->tallies && k < fi->n_value_columns; k++)
		tally_free(fi->tallies[k]);
	free(fi->tallies);
	fi->tallies = NULL;
	tally_free(fi->record_tally);
	fi->record_tally = NULL;
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
	fi->headers = fi->names = NULL;
	fi->roles = NULL;
	fi->field_ids = NULL;
	fi->counts = NULL;
	fi->value_columns = NULL;
	fi->n_columns = fi->n_value_columns = 0;
	cache_writer_free(fi->writer);
	fi->writer = NULL;
	reader_free(fi->reader);
	fi->reader = NULL;
	strbuf_free(&fi->notes);
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
	import_fail(fi, STATUS_UNKNOWN_FIELD, "%s %s: no such column (the columns are: %s)", option,
		    wanted, strbuf_str(&list));
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

/* The column named by an option, or the best guess; NO_COLUMN with *status set when the
 * option names no column. */
static size_t role_column(struct file_import *fi, const char *option, const char *wanted,
			  enum field_role role, enum status *status)
{
	if (!wanted)
		return guess_column(fi, role);
	size_t column = find_column(fi, wanted);
	if (column == NO_COLUMN)
		*status = missing_column(fi, option, wanted);
	return column;
}

static enum status assign_roles(struct file_import *fi)
{
	const struct import_options *o = fi->options;
	enum status status = STATUS_OK;
	fi->ref_column = role_column(fi, "--ref", o->ref_column, FIELD_ROLE_REF, &status);
	if (status == STATUS_OK)
		fi->date_column = role_column(fi, "--date", o->date_column, FIELD_ROLE_DATE, &status);
	if (status == STATUS_OK)
		fi->kind_column =
			role_column(fi, "--kind-field", o->kind_column, FIELD_ROLE_KIND, &status);
	if (status != STATUS_OK)
		return status;
	if (o->n_notes_columns) {
		for (size_t k = 0; k < o->n_notes_columns; k++) {
			size_t column = find_column(fi, o->notes_columns[k]);
			if (column == NO_COLUMN)
				return missing_column(fi, "--notes", o->notes_columns[k]);
			fi->roles[column] = FIELD_ROLE_NOTES;
		}
	} else {
		size_t column = guess_column(fi, FIELD_ROLE_NOTES);
		if (column != NO_COLUMN)
			fi->roles[column] = FIELD_ROLE_NOTES;
	}
	if (fi->ref_column != NO_COLUMN)
		fi->roles[fi->ref_column] = FIELD_ROLE_REF;
	if (fi->date_column != NO_COLUMN)
		fi->roles[fi->date_column] = FIELD_ROLE_DATE;
	if (fi->kind_column != NO_COLUMN)
		fi->roles[fi->kind_column] = FIELD_ROLE_KIND;

	fi->file_kind = o->kind;
	if (!fi->file_kind && fi->ref_column != NO_COLUMN) {
		fi->file_kind = field_kind_from_ref_header(fi->headers[fi->ref_column]);
		fi->kind_from_ref = fi->file_kind && fi->kind_column == NO_COLUMN;
	}
	if (!fi->file_kind)
		fi->file_kind = field_kind_from_file_name(fi->path);
	return STATUS_OK;
}

/* Fields for the header's columns, their roles, and the prepared writer. */
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
			return import_fail(fi, status, "cannot record its columns: %s",
					   cache_error(fi->cache));
		if (fi->roles[i] != FIELD_ROLE_NOTES)
			fi->value_columns[fi->n_value_columns++] = i;
	}
	fi->tallies = xcalloc(fi->n_value_columns + 1, sizeof(*fi->tallies));
	for (size_t k = 0; k < fi->n_value_columns; k++)
		fi->tallies[k] = tally_new();
	fi->record_tally = tally_new();
	int64_t *ids = xcalloc(fi->n_value_columns, sizeof(*ids));
	for (size_t k = 0; k < fi->n_value_columns; k++)
		ids[k] = fi->field_ids[fi->value_columns[k]];
	status = cache_writer_new(fi->cache, fi->file.id, ids, fi->n_value_columns, &fi->writer);
	free(ids);
	if (status != STATUS_OK)
		return import_fail(fi, status, "cannot prepare the cache: %s", cache_error(fi->cache));
	return STATUS_OK;
}

/* Copies a value for a message, cut at a character if it does not fit. */
static void copy_example(char *dst, size_t size, const char *s, size_t len)
{
	len = utf8_cut_length(s, len, size - 1);
	memcpy(dst, s, len);
	dst[len] = '\0';
}

enum date_outcome { DATE_GOOD, DATE_BAD, DATE_RESTART };

/* Reads the record's date, settling the file's numeric order as evidence comes in. */
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

/* Evidence for the field's type: a number or a date as long as every value is one. */
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

static void add_reject(struct file_import *fi, struct import_batch *batch,
		       const struct reader_record *rec, const char *cause)
{
	fi->file.rows_rejected++;
	struct batch_item *item = import_batch_add_item(batch, BATCH_REJECT);
	item->line = rec->line;
	item->cause_offset = import_batch_add_bytes(batch, cause, strlen(cause));
	item->raw_offset = import_batch_add_bytes(batch, rec->raw, rec->raw_len);
	item->raw_len = rec->raw_len;
}

/* Packs one good record into the batch, or a reject when its date cannot be read. */
static void add_record(struct file_import *fi, struct import_batch *batch,
		       const struct reader_record *rec)
{
	const char *values[fi->n_columns ? fi->n_columns : 1];
	size_t lens[fi->n_columns ? fi->n_columns : 1];
	const char *record_kind = fi->file_kind;
	struct date_value date;
	bool has_date = false;
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
		values[i] = s;
		lens[i] = len;
		if (!len)
			continue;
		count_value(fi, i, s, len);
		if (i == fi->kind_column) {
			const char *kind = field_kind_from_value(s, len);
			if (kind)
				record_kind = kind;
		} else if (i == fi->date_column) {
			const char *reason = NULL;
			switch (parse_record_date(fi, s, len, rec->line, &date, &reason)) {
			case DATE_RESTART:
				fi->restart_month_first = true;
				return;
			case DATE_BAD: {
				struct strbuf cause = STRBUF_INIT;
				size_t shown = utf8_cut_length(s, len, VALUE_SHOWN_MAX);
				strbuf_appendf(&cause, "bad date in %s: \"%.*s%s\" (%s)",
					       fi->headers[i], (int)shown, s, shown < len ? "…" : "",
					       reason ? reason : "not a date");
				add_reject(fi, batch, rec, cause.data);
				strbuf_free(&cause);
				return;
			}
			case DATE_GOOD:
				has_date = true;
				break;
			}
		}
	}
	if (fi->kind_from_ref && !lens[fi->ref_column]) {
		record_kind = NULL;
		if (!fi->n_without_ref++)
			fi->without_ref_line = rec->line;
	}
	struct batch_item *item = import_batch_add_item(batch, BATCH_RECORD);
	item->line = rec->line;
	item->record_kind = record_kind;
	if (fi->ref_column != NO_COLUMN && lens[fi->ref_column]) {
		item->ref_len = lens[fi->ref_column];
		item->ref_offset = import_batch_add_bytes(batch, values[fi->ref_column], item->ref_len);
	}
	if (has_date) {
		date_to_iso(&date, item->date);
		/* The ISO form keeps the date only: periods never need the time. */
		item->date[10] = '\0';
		item->year = date.year;
		item->month = date.month;
		item->day = date.day;
	}
	if (fi->notes.len) {
		item->notes_len = fi->notes.len;
		item->notes_offset = import_batch_add_bytes(batch, fi->notes.data, fi->notes.len);
	}
	item->first_value = import_batch_add_values(batch, fi->n_value_columns);
	int kind_code = tally_kind_code(record_kind);
	tally_add(fi->record_tally, NULL, 0, kind_code, item->year, item->month, 1);
	for (size_t k = 0; k < fi->n_value_columns; k++) {
		size_t column = fi->value_columns[k];
		tally_add(fi->tallies[k], values[column], lens[column], kind_code, item->year,
			  item->month, 1);
		size_t at = item->first_value + k;
		batch->value_lens[at] = lens[column];
		batch->value_offsets[at] = lens[column] ? import_batch_add_bytes(batch, values[column],
										 lens[column])
							: BATCH_NO_VALUE;
	}
}

struct pipeline {
	struct file_import *fi;
	struct batch_queue *queue;
	enum status status; /* the parsing thread's: STATUS_IO when the file cannot be read */
};

/* The parsing thread: records into batches until the end, a restart, or a stop. */
static void *parse_records(void *data)
{
	struct pipeline *p = data;
	struct file_import *fi = p->fi;
	struct import_batch *batch = batch_queue_take_empty(p->queue);
	while (batch) {
		struct reader_record *rec;
		enum status status = reader_next(fi->reader, &rec);
		if (status != STATUS_OK) {
			p->status = status;
			import_fail(fi, status, "cannot read: %s", strerror(errno));
			break;
		}
		if (!rec)
			break;
		fi->file.rows_read++;
		if (rec->problem)
			add_reject(fi, batch, rec, rec->problem);
		else
			add_record(fi, batch, rec);
		if (fi->restart_month_first)
			break;
		if (import_batch_full(batch)) {
			batch->bytes_done = reader_bytes_done(fi->reader);
			batch->rows_read = fi->file.rows_read;
			batch_queue_put_full(p->queue, batch);
			batch = batch_queue_take_empty(p->queue);
		}
	}
	if (batch) {
		batch->bytes_done = reader_bytes_done(fi->reader);
		batch->rows_read = fi->file.rows_read;
		batch_queue_put_full(p->queue, batch);
	}
	batch_queue_finish(p->queue);
	return NULL;
}

static const char *batch_text(const struct import_batch *batch, size_t offset)
{
	return offset == BATCH_NO_VALUE ? NULL : batch->bytes.data + offset;
}

/* The writing thread's part: one batch into the cache. */
static enum status write_batch(struct file_import *fi, struct import_batch *batch,
			       const char **values)
{
	for (size_t i = 0; i < batch->n; i++) {
		struct batch_item *item = &batch->items[i];
		if (item->kind == BATCH_REJECT) {
			enum status status = cache_reject_add(
				fi->cache, fi->file.id, item->line, batch_text(batch, item->cause_offset),
				batch_text(batch, item->raw_offset), item->raw_len);
			if (status != STATUS_OK)
				return status;
			continue;
		}
		for (size_t k = 0; k < fi->n_value_columns; k++)
			values[k] = batch_text(batch, batch->value_offsets[item->first_value + k]);
		struct cache_row row = {
			.line = item->line,
			.kind = item->record_kind,
			.ref = batch_text(batch, item->ref_offset),
			.ref_len = item->ref_len,
			.date = item->date[0] ? item->date : NULL,
			.year = item->year,
			.month = item->month,
			.day = item->day,
			.notes = batch_text(batch, item->notes_offset),
			.notes_len = item->notes_len,
			.values = values,
			.lens = batch->value_lens + item->first_value,
		};
		int64_t id;
		enum status status = cache_writer_add(fi->writer, &row, &id);
		if (status != STATUS_OK)
			return status;
		item->id = id;
		if (!fi->file.first_id)
			fi->file.first_id = id;
		fi->file.last_id = id;
		fi->file.rows_imported++;
	}
	return STATUS_OK;
}

static void report_progress(struct file_import *fi, const struct import_batch *batch)
{
	if (!fi->callbacks->progress)
		return;
	struct import_progress progress = {
		.path = fi->path,
		.bytes_done = batch->bytes_done,
		.bytes_total = fi->facts.size,
		.rows_read = batch->rows_read,
		.seconds = import_now_seconds() - fi->started,
	};
	fi->callbacks->progress(&progress, fi->callbacks->data);
}

/* The notes-indexing thread: each written batch's notes into the index aside. */
static void *index_notes(void *data)
{
	struct pipeline *p = data;
	struct cache_notes_index *index = cache_notes_index_aside(p->fi->cache);
	struct import_batch *batch;
	while ((batch = batch_queue_take_written(p->queue)) != NULL) {
		for (size_t i = 0; i < batch->n; i++) {
			const struct batch_item *item = &batch->items[i];
			if (item->kind == BATCH_RECORD && item->notes_offset != BATCH_NO_VALUE)
				cache_notes_index_add(index, item->id,
						      batch_text(batch, item->notes_offset),
						      item->notes_len);
		}
		batch_queue_put_empty(p->queue, batch);
	}
	return NULL;
}

/* Runs the threads over the records after the header: parsing, writing (this one) and,
 * when there is an index aside, indexing the notes. */
static enum status run_pipeline(struct file_import *fi)
{
	struct pipeline p = {.fi = fi, .queue = batch_queue_new(PIPELINE_BATCHES)};
	pthread_t parser, indexer;
	if (pthread_create(&parser, NULL, parse_records, &p) != 0) {
		batch_queue_free(p.queue);
		return import_fail(fi, STATUS_NO_MEMORY, "cannot start a thread");
	}
	bool indexing = false;
	if (cache_notes_index_aside(fi->cache)) {
		indexing = pthread_create(&indexer, NULL, index_notes, &p) == 0;
		if (!indexing) /* the notes are indexed from their table at the end */
			cache_notes_index_aside_drop(fi->cache);
	}
	const char **values = xcalloc(fi->n_value_columns + 1, sizeof(*values));
	enum status written = STATUS_OK;
	struct import_batch *batch;
	while ((batch = batch_queue_take_full(p.queue)) != NULL) {
		if (written == STATUS_OK) {
			written = write_batch(fi, batch, values);
			if (written != STATUS_OK)
				batch_queue_stop(p.queue);
			else
				report_progress(fi, batch);
		}
		if (indexing && written == STATUS_OK)
			batch_queue_put_written(p.queue, batch);
		else
			batch_queue_put_empty(p.queue, batch);
	}
	if (indexing) {
		batch_queue_finish_written(p.queue);
		pthread_join(indexer, NULL);
	}
	pthread_join(parser, NULL);
	free(values);
	batch_queue_free(p.queue);
	if (written != STATUS_OK)
		return import_fail(fi, written, "cannot write to the cache: %s", cache_error(fi->cache));
	return p.status;
}

enum status import_read_records(struct file_import *fi)
{
	struct reader_options ro = {
		.encoding = fi->options->encoding_forced ? fi->options->encoding
							 : file_facts_encoding(&fi->facts),
		.line_end = fi->facts.line_end,
		.delimiter = fi->options->delimiter,
		.ends_with_newline = fi->facts.ends_with_newline,
	};
	snprintf(fi->file.encoding, sizeof(fi->file.encoding), "%s", text_encoding_name(ro.encoding));
	enum status status = reader_open(fi->abs_path, &ro, &fi->reader);
	if (status != STATUS_OK)
		return import_fail(fi, status, "cannot open: %s", strerror(errno));
	struct reader_record *rec;
	status = reader_next(fi->reader, &rec);
	if (status != STATUS_OK)
		return import_fail(fi, status, "cannot read: %s", strerror(errno));
	if (!rec)
		return import_fail(fi, STATUS_BAD_CSV, "the file is empty: there is no header line");
	if (rec->problem)
		return import_fail_at(fi, STATUS_BAD_CSV, rec->line,
				      "%s: there is no header to read the rows by", rec->problem);
	/* A NUL would cut a column's name short: this is not the header of a CSV file. */
	for (size_t i = 0; i < rec->n_fields; i++)
		if (memchr(rec->fields[i], '\0', rec->lens[i]))
			return import_fail_at(fi, STATUS_BAD_CSV, rec->line,
					      "NUL byte in the header (column %zu): not a CSV file, or a "
					      "damaged one",
					      i + 1);
	fi->file.delimiter = reader_delimiter(fi->reader);
	fi->preamble_lines = reader_preamble_lines(fi->reader);
	snprintf(fi->preamble_first, sizeof(fi->preamble_first), "%s",
		 reader_preamble_first(fi->reader));
	status = setup_columns(fi, rec);
	if (status == STATUS_OK)
		status = run_pipeline(fi);
	if (status != STATUS_OK || fi->restart_month_first)
		return status;
	for (size_t i = 0; i < fi->n_columns; i++) {
		const struct column_counts *c = &fi->counts[i];
		/* Notes are text whatever they hold; their values are never checked. */
		bool is_notes = fi->roles[i] == FIELD_ROLE_NOTES;
		bool is_date = !is_notes && (c->maybe_date || i == fi->date_column);
		bool is_numeric = !is_notes && c->maybe_numeric;
		status = cache_field_add_counts(fi->cache, fi->field_ids[i], c->n_values,
						is_numeric ? c->n_values : 0, is_date ? c->n_values : 0);
		if (status != STATUS_OK)
			return import_fail(fi, status, "cannot update its fields: %s",
					   cache_error(fi->cache));
	}
	return STATUS_OK;
}
