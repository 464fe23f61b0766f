/*
 * reader.c - streaming CSV records with their physical line numbers (layer: core).
 *
 * libcsv does the quoting rules; this file does the bookkeeping around it. The input is
 * fed to libcsv one physical line at a time: a record can only end at a line break, so
 * when a line begins while libcsv is between records, that line is where the next record
 * starts. Everything else (encoding, field counts, runaway quotes, cut-off files) is
 * judged here, per record, with memory bounded by the largest record.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crimeview/reader.h"
#include "crimeview/strbuf.h"

#define READ_BLOCK_SIZE (1u << 20)
/* The raw copy of a record is for the list of rejects; beyond this it is cut. */
#define RAW_KEEP_MAX (1u << 20)
/* A quoted field longer than this many lines is taken to be a quote that never closes. */
#define QUOTED_LINES_MAX 100000ul
/* Short records held back in case the file turns out to be cut off inside one. */
#define SHORT_CHAIN_MAX 32
/* How often one file may recover from a quote that never closes. */
#define RECOVERIES_MAX 10000u

/* libcsv's parser states (csv.h keeps them private to libcsv.c). */
enum { LIBCSV_ROW_NOT_BEGUN = 0, LIBCSV_FIELD_BEGUN = 2 };

struct record_buf {
	struct reader_record public;
	struct strbuf data; /* field bytes, each followed by a NUL */
	size_t *offsets;
	size_t *lens;
	char **fields;
	size_t n, cap;
	struct strbuf raw;
	bool raw_cut;
	struct strbuf problem;
	struct record_buf *next; /* in the ready queue or the free list */
};

struct reader {
	int fd;
	struct reader_options options;
	char delimiter;
	struct csv_parser parser;
	unsigned char *block;
	size_t block_len, block_pos;
	uint64_t offset; /* file offset of block[block_pos] */
	bool eof, finished, delimiter_known;
	unsigned long line; /* physical line being fed */
	bool at_line_start;
	unsigned long record_line;
	uint64_t record_offset;
	uint64_t record_second_line_offset; /* 0 while the record is on one line */
	struct strbuf converted;
	struct record_buf *current;
	struct record_buf *ready_head, *ready_tail;
	struct record_buf *free_list;
	struct record_buf *returned;
	struct record_buf *chain[SHORT_CHAIN_MAX];
	size_t n_chain;
	char **headers;
	size_t n_headers;
	bool header_set, header_returned;
	unsigned recoveries;
};

static struct record_buf *record_get(struct reader *r)
{
	struct record_buf *rec = r->free_list;
	if (rec)
		r->free_list = rec->next;
	else
		rec = xcalloc(1, sizeof(*rec));
	rec->next = NULL;
	rec->n = 0;
	rec->raw_cut = false;
	strbuf_reset(&rec->data);
	strbuf_reset(&rec->raw);
	strbuf_reset(&rec->problem);
	return rec;
}

static void record_put(struct reader *r, struct record_buf *rec)
{
	if (!rec)
		return;
	rec->next = r->free_list;
	r->free_list = rec;
}

static void record_destroy(struct record_buf *rec)
{
	strbuf_free(&rec->data);
	strbuf_free(&rec->raw);
	strbuf_free(&rec->problem);
	free(rec->offsets);
	free(rec->lens);
	free(rec->fields);
	free(rec);
}

static void record_add_field(struct record_buf *rec, const void *s, size_t len)
{
	if (rec->n == rec->cap) {
		rec->cap = rec->cap ? rec->cap * 2 : 32;
		rec->offsets = xrealloc(rec->offsets, rec->cap * sizeof(*rec->offsets));
		rec->lens = xrealloc(rec->lens, rec->cap * sizeof(*rec->lens));
		rec->fields = xrealloc(rec->fields, rec->cap * sizeof(*rec->fields));
	}
	rec->offsets[rec->n] = rec->data.len;
	rec->lens[rec->n] = len;
	strbuf_append(&rec->data, s, len);
	strbuf_append_char(&rec->data, '\0');
	rec->n++;
}

/* Points the public view at the buffers; called once a record is complete. */
static void record_publish(struct record_buf *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		rec->fields[i] = rec->data.data + rec->offsets[i];
	rec->public.n_fields = rec->n;
	rec->public.fields = rec->fields;
	rec->public.lens = rec->lens;
	rec->public.raw = strbuf_str(&rec->raw);
	rec->public.raw_len = rec->raw.len;
	rec->public.problem = rec->problem.len ? rec->problem.data : NULL;
}

static void ready_push(struct reader *r, struct record_buf *rec)
{
	record_publish(rec);
	rec->next = NULL;
	if (r->ready_tail)
		r->ready_tail->next = rec;
	else
		r->ready_head = rec;
	r->ready_tail = rec;
}

static const char *header_name(const struct reader *r, size_t i, char *buf, size_t size)
{
	if (i < r->n_headers && r->headers[i][0])
		return r->headers[i];
	snprintf(buf, size, "field %zu", i + 1);
	return buf;
}

static void flag_field_count(const struct reader *r, struct record_buf *rec)
{
	strbuf_appendf(&rec->problem, "%zu field%s, expected %zu", rec->n, rec->n == 1 ? "" : "s",
		       r->n_headers);
}

/* Checks the bytes of a record with the right field count. */
static void check_bytes(const struct reader *r, struct record_buf *rec)
{
	char buf[32];
	for (size_t i = 0; i < rec->n; i++) {
		const char *s = rec->data.data + rec->offsets[i];
		size_t len = rec->lens[i];
		if (memchr(s, '\0', len)) {
			strbuf_appendf(&rec->problem, "NUL byte in %s",
				       header_name(r, i, buf, sizeof(buf)));
			return;
		}
		if (r->options.encoding != TEXT_ENCODING_UTF8)
			continue;
		size_t bad = utf8_first_invalid(s, len);
		if (bad < len) {
			strbuf_appendf(&rec->problem, "invalid UTF-8 (byte 0x%02X) in %s",
				       (unsigned char)s[bad], header_name(r, i, buf, sizeof(buf)));
			return;
		}
	}
}

static void flush_chain(struct reader *r)
{
	for (size_t i = 0; i < r->n_chain; i++) {
		flag_field_count(r, r->chain[i]);
		ready_push(r, r->chain[i]);
	}
	r->n_chain = 0;
}

/* Judges a complete record and queues it (or holds it back when it is short). */
static void record_complete(struct reader *r, struct record_buf *rec)
{
	if (!r->header_returned) {
		r->header_returned = true;
		ready_push(r, rec);
		return;
	}
	size_t want = r->n_headers;
	if (rec->n > want) {
		size_t extra_chars = 0;
		for (size_t i = want; i < rec->n; i++)
			extra_chars += rec->lens[i];
		if (extra_chars == 0)
			rec->n = want; /* trailing separators only: nothing is lost */
	}
	if (rec->n < want && r->header_set) {
		if (r->n_chain == SHORT_CHAIN_MAX) {
			flag_field_count(r, r->chain[0]);
			ready_push(r, r->chain[0]);
			memmove(r->chain, r->chain + 1, (SHORT_CHAIN_MAX - 1) * sizeof(r->chain[0]));
			r->n_chain--;
		}
		r->chain[r->n_chain++] = rec;
		return;
	}
	flush_chain(r);
	if (rec->n != want && r->header_set)
		flag_field_count(r, rec);
	else
		check_bytes(r, rec);
	ready_push(r, rec);
}

/*
 * At the end of a file without a final line break, the short records held back are the
 * pieces of one record the file was cut off in: report them once, as that record.
 */
static void finish_chain(struct reader *r)
{
	if (r->n_chain == 0)
		return;
	size_t joined = 0;
	for (size_t i = 0; i < r->n_chain; i++)
		joined += r->chain[i]->n;
	joined -= r->n_chain - 1;
	if (r->options.ends_with_newline || r->n_chain < 2 || joined > r->n_headers) {
		if (!r->options.ends_with_newline) {
			/* Only the last record is cut off; the ones before are just short. */
			struct record_buf *last = r->chain[--r->n_chain];
			flush_chain(r);
			strbuf_appendf(&last->problem,
				       "the file ends inside this record (%zu of %zu fields)",
				       last->n, r->n_headers);
			ready_push(r, last);
			return;
		}
		flush_chain(r);
		return;
	}
	struct record_buf *first = r->chain[0];
	for (size_t i = 1; i < r->n_chain; i++) {
		struct record_buf *piece = r->chain[i];
		/* The first field of a piece continues the last field of the record so far. */
		size_t last = first->n - 1;
		struct strbuf merged = STRBUF_INIT;
		strbuf_append(&merged, first->data.data + first->offsets[last], first->lens[last]);
		strbuf_append_char(&merged, '\n');
		strbuf_append(&merged, piece->data.data + piece->offsets[0], piece->lens[0]);
		first->n--;
		first->data.len = first->offsets[last];
		record_add_field(first, merged.data, merged.len);
		strbuf_free(&merged);
		for (size_t f = 1; f < piece->n; f++)
			record_add_field(first, piece->data.data + piece->offsets[f], piece->lens[f]);
		if (!first->raw_cut)
			strbuf_append(&first->raw, piece->raw.data, piece->raw.len);
		first->public.last_line = piece->public.last_line;
		record_put(r, piece);
	}
	r->n_chain = 0;
	strbuf_appendf(&first->problem,
		       "the file ends inside this record (lines %lu-%lu, %zu of %zu fields)",
		       first->public.line, first->public.last_line, first->n, r->n_headers);
	ready_push(r, first);
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	record_add_field(r->current, s ? s : "", s ? len : 0);
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	(void)c;
	struct record_buf *rec = r->current;
	rec->public.line = r->record_line;
	rec->public.last_line = r->line;
	r->current = record_get(r);
	record_complete(r, rec);
}

static int is_space_lf_mode(unsigned char c)
{
	/* The CR of a CRLF: skipped after a closing quote, trimmed from an unquoted end. */
	return c == '\r';
}

static int is_space_none(unsigned char c)
{
	(void)c;
	return 0;
}

static int is_term_lf(unsigned char c)
{
	return c == '\n';
}

static int is_term_cr(unsigned char c)
{
	return c == '\r';
}

static void parser_start(struct reader *r)
{
	csv_init(&r->parser, 0);
	csv_set_delim(&r->parser, (unsigned char)r->delimiter);
	if (r->options.line_end == '\r') {
		csv_set_term_func(&r->parser, is_term_cr);
		csv_set_space_func(&r->parser, is_space_none);
	} else {
		csv_set_term_func(&r->parser, is_term_lf);
		csv_set_space_func(&r->parser, is_space_lf_mode);
	}
}

/* The separator that occurs most often outside quotes on the header line; ',' on a tie. */
static char detect_delimiter(const unsigned char *p, size_t len, char line_end)
{
	static const char candidates[] = {',', ';', '\t', '|'};
	size_t counts[sizeof(candidates)] = {0};
	bool quoted = false;
	for (size_t i = 0; i < len && (quoted || p[i] != (unsigned char)line_end); i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			for (size_t k = 0; k < sizeof(candidates); k++)
				counts[k] += p[i] == (unsigned char)candidates[k];
	}
	size_t best = 0;
	for (size_t k = 1; k < sizeof(candidates); k++)
		if (counts[k] > counts[best])
			best = k;
	return candidates[best];
}

static bool in_quoted_field(const struct reader *r)
{
	return r->parser.pstate == LIBCSV_FIELD_BEGUN && r->parser.quoted;
}

/*
 * A quote opened on record_line never closes: report that record (its first line) and
 * read again from the line after it, so the rows it swallowed are not lost.
 */
static enum status recover_from_open_quote(struct reader *r)
{
	struct record_buf *rec = r->current;
	uint64_t first_line_len = r->record_second_line_offset
					  ? r->record_second_line_offset - r->record_offset
					  : rec->raw.len;
	if (first_line_len < rec->raw.len) {
		rec->raw.len = (size_t)first_line_len;
		rec->raw.data[rec->raw.len] = '\0';
	}
	rec->n = 0;
	strbuf_reset(&rec->data);
	rec->public.line = rec->public.last_line = r->record_line;
	strbuf_appendf(&rec->problem, "a quoted field opens on this line and never closes");
	flush_chain(r);
	ready_push(r, rec);
	r->current = record_get(r);

	csv_free(&r->parser);
	parser_start(r);
	r->recoveries++;
	if (!r->record_second_line_offset || r->recoveries > RECOVERIES_MAX) {
		r->eof = true;
		r->block_pos = r->block_len = 0;
		return STATUS_OK;
	}
	if (lseek(r->fd, (off_t)r->record_second_line_offset, SEEK_SET) < 0)
		return STATUS_IO;
	r->offset = r->record_second_line_offset;
	r->block_pos = r->block_len = 0;
	r->eof = false;
	r->line = r->record_line;
	r->at_line_start = true;
	return STATUS_OK;
}

static enum status feed(struct reader *r, const unsigned char *p, size_t len)
{
	struct record_buf *rec = r->current;
	if (!rec->raw_cut) {
		size_t keep = len;
		if (rec->raw.len + keep > RAW_KEEP_MAX) {
			keep = RAW_KEEP_MAX - rec->raw.len;
			rec->raw_cut = true;
		}
		strbuf_append(&rec->raw, p, keep);
	}
	if (r->options.encoding == TEXT_ENCODING_CP1252) {
		strbuf_reset(&r->converted);
		cp1252_to_utf8((const char *)p, len, &r->converted);
		p = (const unsigned char *)r->converted.data;
		len = r->converted.len;
	}
	if (csv_parse(&r->parser, p, len, on_field, on_record, r) != len)
		return STATUS_NO_MEMORY;
	return STATUS_OK;
}

static enum status finish(struct reader *r)
{
	if (in_quoted_field(r))
		return recover_from_open_quote(r);
	if (csv_fini(&r->parser, on_field, on_record, r) != 0)
		return STATUS_NO_MEMORY;
	finish_chain(r);
	r->finished = true;
	return STATUS_OK;
}

static enum status fill_block(struct reader *r)
{
	for (;;) {
		ssize_t got = read(r->fd, r->block, READ_BLOCK_SIZE);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return STATUS_IO;
		r->block_len = (size_t)got;
		r->block_pos = 0;
		if (got == 0)
			r->eof = true;
		break;
	}
	if (r->offset == 0 && r->block_len) {
		size_t bom = text_bom_length((const char *)r->block, r->block_len);
		r->block_pos = bom;
		r->offset = bom;
	}
	if (!r->delimiter_known && r->block_len > r->block_pos) {
		r->delimiter = detect_delimiter(r->block + r->block_pos, r->block_len - r->block_pos,
						r->options.line_end);
		r->delimiter_known = true;
		csv_set_delim(&r->parser, (unsigned char)r->delimiter);
	}
	return STATUS_OK;
}

/* Feeds one physical line (or the part of it in this block) to libcsv. */
static enum status step(struct reader *r)
{
	if (r->block_pos == r->block_len) {
		if (r->eof)
			return finish(r);
		enum status status = fill_block(r);
		if (status != STATUS_OK || r->block_pos == r->block_len)
			return status;
	}
	if (r->at_line_start) {
		r->at_line_start = false;
		r->line++;
		if (r->parser.pstate == LIBCSV_ROW_NOT_BEGUN) {
			r->record_line = r->line;
			r->record_offset = r->offset;
			r->record_second_line_offset = 0;
			strbuf_reset(&r->current->raw);
			r->current->raw_cut = false;
		} else {
			if (!r->record_second_line_offset)
				r->record_second_line_offset = r->offset;
			if (in_quoted_field(r) && r->line - r->record_line > QUOTED_LINES_MAX)
				return recover_from_open_quote(r);
		}
	}
	const unsigned char *p = r->block + r->block_pos;
	size_t avail = r->block_len - r->block_pos;
	const unsigned char *end = memchr(p, (unsigned char)r->options.line_end, avail);
	size_t chunk = end ? (size_t)(end - p) + 1 : avail;
	enum status status = feed(r, p, chunk);
	r->block_pos += chunk;
	r->offset += chunk;
	if (end)
		r->at_line_start = true;
	return status;
}

enum status reader_open(const char *path, const struct reader_options *options,
			struct reader **out)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
	struct reader *r = xcalloc(1, sizeof(*r));
	r->fd = fd;
	r->options = *options;
	if (r->options.line_end != '\r')
		r->options.line_end = '\n';
	r->delimiter = options->delimiter ? options->delimiter : ',';
	r->delimiter_known = options->delimiter != 0;
	r->block = xmalloc(READ_BLOCK_SIZE);
	r->at_line_start = true;
	r->current = record_get(r);
	parser_start(r);
	*out = r;
	return STATUS_OK;
}

void reader_set_header(struct reader *reader, const char *const *headers, size_t n)
{
	for (size_t i = 0; i < reader->n_headers; i++)
		free(reader->headers[i]);
	free(reader->headers);
	reader->headers = xcalloc(n, sizeof(*reader->headers));
	for (size_t i = 0; i < n; i++)
		reader->headers[i] = xstrdup(headers[i]);
	reader->n_headers = n;
	reader->header_set = true;
}

enum status reader_next(struct reader *r, struct reader_record **out)
{
	*out = NULL;
	record_put(r, r->returned);
	r->returned = NULL;
	while (!r->ready_head) {
		if (r->finished)
			return STATUS_OK;
		enum status status = step(r);
		if (status != STATUS_OK)
			return status;
	}
	struct record_buf *rec = r->ready_head;
	r->ready_head = rec->next;
	if (!r->ready_head)
		r->ready_tail = NULL;
	r->returned = rec;
	*out = &rec->public;
	return STATUS_OK;
}

char reader_delimiter(const struct reader *reader)
{
	return reader->delimiter;
}

uint64_t reader_bytes_done(const struct reader *reader)
{
	return reader->offset;
}

static void free_list(struct record_buf *rec)
{
	while (rec) {
		struct record_buf *next = rec->next;
		record_destroy(rec);
		rec = next;
	}
}

void reader_free(struct reader *r)
{
	if (!r)
		return;
	csv_free(&r->parser);
	close(r->fd);
	free(r->block);
	strbuf_free(&r->converted);
	free_list(r->ready_head);
	free_list(r->free_list);
	for (size_t i = 0; i < r->n_chain; i++)
		record_destroy(r->chain[i]);
	if (r->current)
		record_destroy(r->current);
	if (r->returned)
		record_destroy(r->returned);
	for (size_t i = 0; i < r->n_headers; i++)
		free(r->headers[i]);
	free(r->headers);
	free(r);
}
