/*
 * reader.c - streaming CSV records with their physical line numbers (layer: core).
 *
 * libcsv does the quoting rules; this file does the bookkeeping around it. The input is
 * fed to libcsv one physical line at a time: a record can only end at a line break, so
 * when a line begins while libcsv is between records, that line is where the next record
 * starts. A quoted field that never closes is handed out by its first line and the lines
 * after it are read again (from the block in memory when they are still in it), and what
 * was learnt about the lines it ran over keeps the next such field from reading them all
 * again. The checks on each record are in reader_record.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crimeview/text.h"
#include "reader_internal.h"

#define READ_BLOCK_SIZE (1u << 20)
/* The separator and the lines before the header are found in this much of the file. */
#define HEAD_SCAN_MAX (1u << 20)
/* The raw copy of a record is for the list of rejects; beyond this it is cut. */
#define RAW_KEEP_MAX (1u << 20)
/*
 * A quoted field whose record has run over this many bytes is taken to be a quote that
 * never closes. Limiting bytes, not lines, keeps a 10 MB note of many short lines whole,
 * and bounds the memory one record can take.
 */
#define QUOTED_BYTES_MAX ((uint64_t)64 << 20)
/* libcsv's first buffer; it is doubled as a field outgrows it (libcsv adds a fixed block
 * each time, which is quadratic in a field of many megabytes). */
#define PARSER_BLOCK_SIZE ((size_t)1 << 20)
#define PARSER_BLOCK_SIZE_MIN ((size_t)64)

/* libcsv's parser states (csv.h keeps them private to libcsv.c). */
enum { LIBCSV_ROW_NOT_BEGUN = 0, LIBCSV_FIELD_BEGUN = 2 };

static uint64_t reader_offset(const struct reader *r)
{
	return r->block_offset + r->block_pos;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	reader_buf_add_field(r->current, s ? s : "", s ? len : 0);
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	(void)c;
	struct record_buf *rec = r->current;
	rec->public.line = r->record_line;
	rec->public.last_line = r->line;
	r->current = reader_buf_get(r);
	reader_judge(r, rec);
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
	/* A reader of small blocks reads small files: a smaller first buffer is enough. */
	size_t parser_block = r->block_size < READ_BLOCK_SIZE ? r->block_size : PARSER_BLOCK_SIZE;
	csv_set_blk_size(&r->parser,
			 parser_block < PARSER_BLOCK_SIZE_MIN ? PARSER_BLOCK_SIZE_MIN : parser_block);
	csv_set_delim(&r->parser, (unsigned char)r->head.delimiter);
	if (r->options.line_end == '\r') {
		csv_set_term_func(&r->parser, is_term_cr);
		csv_set_space_func(&r->parser, is_space_none);
	} else {
		csv_set_term_func(&r->parser, is_term_lf);
		csv_set_space_func(&r->parser, is_space_lf_mode);
	}
}

/* The separator and the lines before the header, from the head of the file, whatever the
 * size of the blocks read after. */
static enum status read_head(struct reader *r)
{
	struct stat st;
	if (fstat(r->fd, &st) != 0)
		return STATUS_IO;
	/* Only a regular file can be read ahead without losing what is read (the importer
	 * takes nothing else); anything else is read with commas. */
	size_t cap = 0;
	if (S_ISREG(st.st_mode))
		cap = (uint64_t)st.st_size < HEAD_SCAN_MAX ? (size_t)st.st_size : HEAD_SCAN_MAX;
	unsigned char *head = xmalloc(cap ? cap : 1);
	size_t len = 0;
	while (len < cap) {
		ssize_t got = pread(r->fd, head + len, cap - len, (off_t)len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(head);
			return STATUS_IO;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	reader_head_read(head, len, r->options.line_end, r->options.delimiter, &r->head);
	r->preamble_left = r->head.preamble_lines;
	free(head);
	return STATUS_OK;
}

static bool in_quoted_field(const struct reader *r)
{
	return r->parser.pstate == LIBCSV_FIELD_BEGUN && r->parser.quoted;
}

enum open_quote {
	OPEN_QUOTE_NONE, /* no quoted field is open at the end of the line */
	OPEN_QUOTE_PLAIN, /* one opens on the line and the line ends inside it */
	OPEN_QUOTE_AFTER_TEXT, /* ...after a quote in it was followed by more text */
};

/*
 * Reads one line (with its line break, if it has one) the way libcsv does and says how
 * the quoted field open at its end got there; *field receives that field's index. A quote
 * followed by text ("Help" she said) is taken by libcsv as part of the value, which reads
 * on: that is most often a value that was meant to end at the quote.
 */
static enum open_quote open_quote_on_line(const struct reader *r, const unsigned char *p,
					  size_t len, size_t *field)
{
	const unsigned char delim = (unsigned char)r->head.delimiter;
	const unsigned char end = (unsigned char)r->options.line_end;
	size_t i = 0, f = 0;
	while (i < len) {
		if (p[i] != '"') {
			while (i < len && p[i] != delim && p[i] != end)
				i++;
			if (i >= len || p[i] == end)
				return OPEN_QUOTE_NONE;
			i++;
			f++;
			continue;
		}
		bool text_after = false;
		for (i++;;) {
			const unsigned char *q = memchr(p + i, '"', len - i);
			if (!q) {
				*field = f;
				return text_after ? OPEN_QUOTE_AFTER_TEXT : OPEN_QUOTE_PLAIN;
			}
			i = (size_t)(q - p) + 1;
			if (i < len && p[i] == '"') {
				i++; /* a doubled quote */
				continue;
			}
			size_t j = i;
			while (end == '\n' && j < len && p[j] == '\r')
				j++;
			if (j >= len || p[j] == end)
				return OPEN_QUOTE_NONE;
			if (p[j] == delim) {
				i = j + 1;
				f++;
				break;
			}
			text_after = true;
		}
	}
	return OPEN_QUOTE_NONE;
}

/*
 * Hands out the current record as bad by its first line (its raw bytes cut to that line)
 * with what went wrong with the quote that opens there.
 */
static void reject_first_line(struct reader *r, struct record_buf *rec)
{
	uint64_t first_len = r->record_second_line_offset
				     ? r->record_second_line_offset - r->record_offset
				     : rec->raw.len;
	if (first_len < rec->raw.len) {
		rec->raw.len = (size_t)first_len;
		rec->raw.data[rec->raw.len] = '\0';
	}
	size_t field = 0;
	char buf[32];
	strbuf_reset(&rec->problem);
	if (open_quote_on_line(r, (const unsigned char *)strbuf_str(&rec->raw), rec->raw.len,
			       &field) == OPEN_QUOTE_AFTER_TEXT)
		strbuf_appendf(&rec->problem,
			       "text after a closing quote in %s: a quote inside a quoted value is "
			       "written twice (\"\")",
			       reader_header_name(r, field, buf, sizeof(buf)));
	else
		strbuf_append_str(&rec->problem,
				  "a quoted field opens on this line and never closes");
	rec->n = 0;
	strbuf_reset(&rec->data);
	rec->public.line = rec->public.last_line = r->record_line;
	r->header_returned = true;
	reader_chain_flush(r);
	reader_queue_push(r, rec);
}

/* Goes back to the current record's second line: from the block when it still holds it. */
static enum status reread_from_second_line(struct reader *r)
{
	uint64_t target = r->record_second_line_offset;
	if (target >= r->block_offset && target <= r->block_offset + r->block_len) {
		r->block_pos = (size_t)(target - r->block_offset);
	} else {
		if (lseek(r->fd, (off_t)target, SEEK_SET) < 0)
			return STATUS_IO;
		r->block_offset = target;
		r->block_pos = r->block_len = 0;
		r->eof = false;
	}
	r->line = r->record_line;
	r->at_line_start = true;
	r->skip_line = false;
	return STATUS_OK;
}

bool reader_retry_quote_then_text(struct reader *r, struct record_buf *rec)
{
	size_t field;
	if (!r->record_second_line_offset)
		return false;
	uint64_t first_len = r->record_second_line_offset - r->record_offset;
	size_t len = first_len < rec->raw.len ? (size_t)first_len : rec->raw.len;
	if (open_quote_on_line(r, (const unsigned char *)strbuf_str(&rec->raw), len, &field) !=
	    OPEN_QUOTE_AFTER_TEXT)
		return false;
	reject_first_line(r, rec);
	r->retry_record = true; /* step() rereads once libcsv is done with the line */
	return true;
}

/*
 * The quoted field open in the current record never closes: hand out its first line and
 * read again from its second. When the field was followed to the end of the file (or to
 * QUOTED_BYTES_MAX), the line starts it was open at are remembered up to known_last.
 */
static enum status recover_from_open_quote(struct reader *r, bool remember,
					   unsigned long known_last)
{
	struct record_buf *rec = r->current;
	if (remember && r->open_field == rec->n) {
		r->runaway_first = r->open_field_line;
		r->runaway_last = known_last;
	}
	reject_first_line(r, rec);
	r->current = reader_buf_get(r);
	/* With no callbacks, csv_fini only resets the parser: its buffer is kept. */
	csv_fini(&r->parser, NULL, NULL, NULL);
	if (r->record_second_line_offset)
		return reread_from_second_line(r);
	/* The record is one line: go on after it. */
	if (!r->at_line_start)
		r->skip_line = true;
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
	if (r->parser.entry_size >= r->parser.blk_size)
		csv_set_blk_size(&r->parser, r->parser.entry_size);
	return STATUS_OK;
}

static enum status finish(struct reader *r)
{
	if (in_quoted_field(r))
		return recover_from_open_quote(r, true, ULONG_MAX);
	if (csv_fini(&r->parser, on_field, on_record, r) != 0)
		return STATUS_NO_MEMORY;
	if (r->retry_record) {
		r->retry_record = false;
		return reread_from_second_line(r);
	}
	reader_chain_finish(r);
	r->finished = true;
	return STATUS_OK;
}

/* Reads the next block. At the end of the file the block is kept, so that a record in it
 * can still be read again. */
static enum status fill_block(struct reader *r)
{
	uint64_t next = r->block_offset + r->block_len;
	ssize_t got;
	do
		got = read(r->fd, r->block, r->block_size);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return STATUS_IO;
	if (got == 0) {
		r->eof = true;
		return STATUS_OK;
	}
	r->block_offset = next;
	r->block_len = (size_t)got;
	r->block_pos = 0;
	if (next == 0)
		r->block_pos = text_bom_length((const char *)r->block, r->block_len);
	return STATUS_OK;
}

static void start_record(struct reader *r)
{
	r->record_line = r->line;
	r->record_offset = reader_offset(r);
	r->record_second_line_offset = 0;
	r->open_field = SIZE_MAX;
	strbuf_reset(&r->current->raw);
	r->current->raw_cut = false;
}

/* Bookkeeping at the start of a physical line; may find a runaway quote already known. */
static enum status line_start(struct reader *r)
{
	r->at_line_start = false;
	r->line++;
	if (r->parser.pstate == LIBCSV_ROW_NOT_BEGUN) {
		start_record(r);
		return STATUS_OK;
	}
	if (!r->record_second_line_offset)
		r->record_second_line_offset = reader_offset(r);
	if (!in_quoted_field(r))
		return STATUS_OK;
	if (r->current->n != r->open_field) {
		r->open_field = r->current->n;
		r->open_field_line = r->line;
	}
	if (r->line >= r->runaway_first && r->line <= r->runaway_last)
		return recover_from_open_quote(r, false, 0);
	return STATUS_OK;
}

/* Feeds one physical line (or the part of it in this block) to libcsv. */
static enum status step(struct reader *r)
{
	enum status status;
	if (r->block_pos == r->block_len) {
		if (!r->eof && (status = fill_block(r)) != STATUS_OK)
			return status;
		if (r->block_pos == r->block_len)
			return r->eof ? finish(r) : STATUS_OK;
	}
	const unsigned char *p = r->block + r->block_pos;
	size_t avail = r->block_len - r->block_pos;
	const unsigned char *end = memchr(p, (unsigned char)r->options.line_end, avail);
	size_t chunk = end ? (size_t)(end - p) + 1 : avail;
	if (r->at_line_start && r->preamble_left) {
		r->preamble_left--;
		r->line++;
		r->at_line_start = false;
		r->skip_line = true;
	}
	if (r->skip_line) {
		r->block_pos += chunk;
		if (end) {
			r->skip_line = false;
			r->at_line_start = true;
		}
		return STATUS_OK;
	}
	if (r->at_line_start) {
		status = line_start(r);
		if (status != STATUS_OK || r->at_line_start)
			return status;
	}
	status = feed(r, p, chunk);
	r->block_pos += chunk;
	if (end)
		r->at_line_start = true;
	if (status != STATUS_OK)
		return status;
	if (r->retry_record) {
		r->retry_record = false;
		return reread_from_second_line(r);
	}
	if (in_quoted_field(r) && reader_offset(r) - r->record_offset > QUOTED_BYTES_MAX)
		return recover_from_open_quote(r, true, r->line);
	return STATUS_OK;
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
	if (read_head(r) != STATUS_OK) {
		reader_free(r);
		return STATUS_IO;
	}
	r->block_size = options->block_size ? options->block_size : READ_BLOCK_SIZE;
	r->block = xmalloc(r->block_size);
	r->at_line_start = true;
	r->open_field = SIZE_MAX;
	r->runaway_first = 1;
	r->runaway_last = 0;
	r->current = reader_buf_get(r);
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
	reader_buf_put(r, r->returned);
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

unsigned long reader_preamble_lines(const struct reader *reader)
{
	return reader->head.preamble_lines;
}

const char *reader_preamble_first(const struct reader *reader)
{
	return reader->head.preamble_first;
}

char reader_delimiter(const struct reader *reader)
{
	return reader->head.delimiter;
}

uint64_t reader_bytes_done(const struct reader *reader)
{
	return reader_offset(reader);
}

static void free_list(struct record_buf *rec)
{
	while (rec) {
		struct record_buf *next = rec->next;
		reader_buf_destroy(rec);
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
		reader_buf_destroy(r->chain[i]);
	if (r->current)
		reader_buf_destroy(r->current);
	if (r->returned)
		reader_buf_destroy(r->returned);
	for (size_t i = 0; i < r->n_headers; i++)
		free(r->headers[i]);
	free(r->headers);
	free(r);
}
