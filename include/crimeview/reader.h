/*
 * reader.h - streaming records out of a CSV export (layer: core).
 *
 * The reader turns a file into records one at a time with flat memory: it reads blocks,
 * hands libcsv one physical line at a time (so that every record knows the physical line
 * it starts on, as error messages need), converts Windows-1252 to UTF-8, and checks
 * each record against the header:
 *   - the right number of fields (trailing empty extras are forgiven);
 *   - well-formed UTF-8 and no NUL bytes; something in at least one field (a row of
 *     separators is "an empty row");
 *   - a quoted field that never closes does not swallow the rest of the file: the record
 *     is reported and reading resumes on the line after the one it started on, in time
 *     linear in the file even when every line opens a quote; the report says when the
 *     quote did close but text followed it ("Help" she said);
 *   - a file that stops in the middle of a record (no line break at the end) yields its
 *     last record as cut off, joined with the line before when the last line has no
 *     separator; the short rows before it are short rows.
 * Byte-order marks at the edges of a field are dropped (files joined with cat).
 * A record that fails a check is still returned, with its problem set, so the caller can
 * report and keep it; the reader never drops anything.
 */
#ifndef CRIMEVIEW_READER_H
#define CRIMEVIEW_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crimeview/status.h"
#include "crimeview/text.h"

struct reader_options {
	enum text_encoding encoding;
	/* The byte that ends a line: '\n' (LF and CRLF files) or '\r' (old Mac files); the
	 * pre-import scan decides it (file_facts.line_end). */
	char line_end;
	/* Field separator, or 0 to detect it from the header line (, ; TAB |). */
	char delimiter;
	/* Whether the file's last byte is a line break: when it is not, a short last record
	 * is a record the file was cut off in. */
	bool ends_with_newline;
	/* Bytes read from the file at a time; 0 for the default (1 MB). Tests and the fuzzer
	 * read with tiny blocks, so that records and quotes cross block edges everywhere. */
	size_t block_size;
};

struct reader_record {
	size_t n_fields;
	char **fields; /* UTF-8, each NUL-terminated */
	size_t *lens;
	unsigned long line; /* physical line (1-based) the record starts on */
	unsigned long last_line; /* physical line it ends on */
	const char *raw; /* the record's bytes as they are in the file */
	size_t raw_len;
	const char *problem; /* why the record is bad, or NULL when it is good */
};

struct reader;

/*
 * Opens path for reading. On success returns STATUS_OK and *out (free with reader_free);
 * otherwise STATUS_NOT_FOUND / STATUS_IO (errno kept) / STATUS_NOT_REGULAR_FILE and *out
 * is NULL.
 */
enum status reader_open(const char *path, const struct reader_options *options,
			struct reader **out);
void reader_free(struct reader *reader);

/*
 * The next record, or NULL in *out at the end of the file. The record is borrowed until
 * the next call. Returns STATUS_IO when reading fails, STATUS_OK otherwise (bad records
 * are returned with their problem set, not as an error).
 * The first record returned is the header (with its problem set when a quote in it never
 * closes: then there is no header to read the rest by); the caller then sets the header
 * with reader_set_header before asking for more.
 */
enum status reader_next(struct reader *reader, struct reader_record **out);

/* The header's names, for field-count checks and messages ("invalid UTF-8 in Notes").
 * The reader copies them. */
void reader_set_header(struct reader *reader, const char *const *headers, size_t n);

/*
 * The lines a report tool writes before the header (its title, who ran it, when), found
 * when the first line does not have the fields the lines after it have and a later line
 * does and reads as a header: the reader skips them and hands out that line as the header.
 * How many there are (0 for most files), and the first that is not blank, cut to about 60
 * bytes as it is in the file ("" when there are none).
 */
unsigned long reader_preamble_lines(const struct reader *reader);
const char *reader_preamble_first(const struct reader *reader);
/* The separator in use (detected or given). */
char reader_delimiter(const struct reader *reader);
/* Bytes of the file consumed so far, for progress. */
uint64_t reader_bytes_done(const struct reader *reader);

#endif
