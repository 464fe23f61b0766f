/*
 * filehash.h - one pass over a file before it is imported (layer: core).
 *
 * The importer must know four things before it parses a single record: whether the
 * file changed since the cache last saw it (a content hash), whether it is text at all
 * (a compressed file, a spreadsheet or UTF-16 saved under a .csv name is not), which
 * encoding it is in (UTF-8 unless the bytes say otherwise: decided on the whole file, not
 * on its first block), and how its lines end (LF, CRLF or CR alone). One sequential read
 * answers them; it runs at disk speed and leaves the file in the page cache for the parse.
 * Only a file with both lone CRs and LFs is read a second time, to see which of the two
 * ends lines outside quoted fields.
 */
#ifndef CRIMEVIEW_FILEHASH_H
#define CRIMEVIEW_FILEHASH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "crimeview/status.h"
#include "crimeview/text.h"

struct file_facts {
	uint64_t size; /* bytes read by the scan */
	int64_t mtime_ns; /* modification time, nanoseconds since the epoch */
	char hash[17]; /* 64-bit content hash as 16 hex digits */
	struct utf8_scan utf8; /* validity counts over the whole file */
	uint64_t n_lf, n_cr, n_crlf; /* '\n' bytes, '\r' bytes, "\r\n" pairs */
	uint64_t n_nul; /* NUL bytes */
	bool ends_with_newline; /* the last byte is '\n' or '\r' */
	/* The byte that ends lines: '\r' when lone CRs end more lines outside quoted fields
	 * than LFs do (old Mac and Excel for Mac files, which put LFs inside cells), else
	 * '\n' (LF and CRLF files). */
	char line_end;
	/* UTF-16 text: a UTF-16 byte-order mark, or NUL bytes beside nearly every other byte
	 * at the start of the file. */
	bool utf16;
	/* A binary format the file starts with (its magic bytes), or NULL: what it is
	 * ("gzip-compressed data") and what to do about it. */
	const char *binary_what, *binary_advice;
};

/*
 * Stats and reads the whole of path. Returns STATUS_OK and fills *facts, or
 * STATUS_NOT_FOUND (no such file), STATUS_NOT_REGULAR_FILE (a directory, FIFO, device),
 * STATUS_IO (cannot be read; errno is kept). Nothing is allocated.
 */
enum status file_facts_scan(const char *path, struct file_facts *facts);

/* Only the cheap part: size and mtime from stat(). Same errors as above. */
enum status file_facts_stat(const char *path, uint64_t *size, int64_t *mtime_ns);

/*
 * The encoding the bytes suggest: UTF-8 when every byte is well-formed UTF-8 (or when
 * well-formed multi-byte sequences outnumber the invalid bytes: then the invalid ones are
 * errors in a UTF-8 file and their rows are rejected), Windows-1252 otherwise.
 */
enum text_encoding file_facts_encoding(const struct file_facts *facts);

#endif
