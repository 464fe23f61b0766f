/*
 * reader_internal.h - what reader.c (blocks, lines, libcsv, quotes that never close) and
 * reader_record.c (record buffers, the checks on each record, the record a file is cut
 * off in) share (layer: core, private to the reader).
 */
#ifndef CRIMEVIEW_READER_INTERNAL_H
#define CRIMEVIEW_READER_INTERNAL_H

#include <csv.h>
#include <stdbool.h>
#include <stdint.h>

#include "crimeview/reader.h"
#include "crimeview/strbuf.h"

/* Short records held back in case the file turns out to be cut off inside them. */
#define SHORT_CHAIN_MAX 32

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

/* What the first records of a file say (reader_head.c). */
struct reader_head {
	char delimiter;
	unsigned long preamble_lines; /* physical lines before the header */
	char preamble_first[64]; /* the first of them that is not blank, cut, as in the file */
};

struct reader {
	int fd;
	struct reader_options options;
	struct reader_head head; /* its separator is the one in use */
	unsigned long preamble_left; /* lines of the preamble still to skip */
	struct csv_parser parser;
	unsigned char *block;
	size_t block_size; /* its capacity */
	size_t block_len, block_pos;
	uint64_t block_offset; /* file offset of block[0] */
	bool eof; /* nothing follows the block in the file */
	bool finished;
	bool skip_line; /* dropping the rest of a line handed out as bad */
	unsigned long line; /* physical line being fed */
	bool at_line_start;
	unsigned long record_line;
	uint64_t record_offset;
	uint64_t record_second_line_offset; /* 0 while the record is on one line */
	/* The quoted field seen open at a line start (its index in the record, or SIZE_MAX)
	 * and the first line start it was seen open at. */
	size_t open_field;
	unsigned long open_field_line;
	/*
	 * Line starts [runaway_first, runaway_last] that a quoted field was seen open at and
	 * that never closed after them. Inside a quoted field the parse from a line start on
	 * does not depend on where the field began, so any field open at one of these line
	 * starts never closes either: it is reported without reading to the end again, which
	 * keeps a file where every row opens a quote linear.
	 */
	unsigned long runaway_first, runaway_last;
	bool retry_record; /* the record just completed was handed out by its first line */
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
};

/* ---- reader_record.c ---- */

/* A cleared record buffer from the free list (or a new one). */
struct record_buf *reader_buf_get(struct reader *r);
void reader_buf_put(struct reader *r, struct record_buf *rec);
void reader_buf_destroy(struct record_buf *rec);
/* Adds a field, without the byte-order marks at its edges. */
void reader_buf_add_field(struct record_buf *rec, const void *s, size_t len);
/* Queues a finished record for reader_next. */
void reader_queue_push(struct reader *r, struct record_buf *rec);
/* The header of column i, or "field N" when it has none. */
const char *reader_header_name(const struct reader *r, size_t i, char *buf, size_t size);
/* Queues the short records held back, each as a bad row. */
void reader_chain_flush(struct reader *r);
/* Judges a complete record and queues it (or holds it back when it is short). */
void reader_judge(struct reader *r, struct record_buf *rec);
/* At the end of the file: the short records held back, and the record it ends inside. */
void reader_chain_finish(struct reader *r);

/* ---- reader_head.c ---- */

/*
 * Reads the head of a file, p[0..len) (a byte-order mark first is allowed): the separator
 * (given_delimiter when it is not 0) and the lines before the header, if any.
 */
void reader_head_read(const unsigned char *p, size_t len, char line_end, char given_delimiter,
		      struct reader_head *out);

/* ---- reader.c ---- */

/*
 * Called by reader_judge for a record of several lines with the wrong field count: when
 * its first line has a quote followed by more text ("Help" she said), the quote closed
 * there as far as the writer knew, and the lines after it are records of their own. Then
 * the first line is handed out as bad, the record's other lines are read again, and true
 * is returned.
 */
bool reader_retry_quote_then_text(struct reader *r, struct record_buf *rec);

#endif
