/*
 * fuzz_reader.c - libFuzzer target: the CSV reader (reader.c) on any bytes.
 *
 * The first input byte chooses the reader's options (encoding, line end, separator, whether
 * the file ends with a line break, as the pre-import scan would have, and the size of the
 * blocks read: 3 to 4,096 bytes, so that block edges fall everywhere; the unit tests read
 * every case in blocks of 1, 2, 3 and 7 bytes too); the rest is the file. The reader only
 * reads paths, so the file is one memfd, rewritten per input and opened through
 * /proc/self/fd. Besides the sanitizers' findings, the target aborts when the reader
 * breaks its contract (reader.h):
 *   - a record whose problem is NULL has fields of exactly lens[i] bytes with no NUL and,
 *     in UTF-8 mode, well-formed UTF-8 (Windows-1252 input is converted, so well-formed
 *     too);
 *   - records come in file order: line never goes back, last_line >= line; the lines
 *     skipped before the header (a report's title) come before it;
 *   - reader_bytes_done never passes the file's size;
 *   - the reader ends (no record is returned forever).
 * Run: make fuzz, then tests/fuzz/run.sh reader (see tests/fuzz/README.md).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "crimeview/reader.h"
#include "crimeview/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char memfd_path[64];

#define FUZZ_ASSERT(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz_reader: broken contract: %s (line %d)\n", #cond,     \
				__LINE__);                                                         \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static void write_file(const uint8_t *data, size_t size)
{
	if (memfd < 0) {
		memfd = memfd_create("fuzz_reader.csv", 0);
		if (memfd < 0) {
			perror("memfd_create");
			exit(1);
		}
		snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d", memfd);
	}
	if (ftruncate(memfd, 0) != 0 || pwrite(memfd, data, size, 0) != (ssize_t)size) {
		perror("fuzz_reader: writing the memfd");
		exit(1);
	}
}

static const char delimiters[4] = {0, ',', ';', '\t'};
static const size_t block_sizes[4] = {3, 16, 256, 4096};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t choice = data[0];
	data++;
	size--;
	struct reader_options options = {
	    .encoding = choice & 1 ? TEXT_ENCODING_CP1252 : TEXT_ENCODING_UTF8,
	    .line_end = choice & 2 ? '\r' : '\n',
	    .delimiter = delimiters[(choice >> 2) & 3],
	    /* Mostly the truth, as the pre-import scan tells it; sometimes a lie. */
	    .ends_with_newline = choice & 16
				     ? (choice & 32) != 0
				     : size && (data[size - 1] == '\n' || data[size - 1] == '\r'),
	    .block_size = block_sizes[(choice >> 6) & 3],
	};
	write_file(data, size);

	struct reader *reader;
	if (reader_open(memfd_path, &options, &reader) != STATUS_OK) {
		perror("fuzz_reader: reader_open");
		exit(1);
	}
	struct reader_record *rec;
	bool header = true;
	unsigned long last_line = 0;
	size_t n_records = 0;
	while (reader_next(reader, &rec) == STATUS_OK && rec) {
		/* Every record holds at least one byte or line of the file. */
		FUZZ_ASSERT(++n_records <= size + 1);
		FUZZ_ASSERT(rec->line >= last_line);
		FUZZ_ASSERT(rec->last_line >= rec->line);
		FUZZ_ASSERT(reader_bytes_done(reader) <= size);
		last_line = rec->line;
		if (header) {
			/* The lines skipped before the header are before it, and their first
			 * one is said in a short, terminated string. */
			FUZZ_ASSERT(reader_preamble_lines(reader) < rec->line);
			FUZZ_ASSERT(strlen(reader_preamble_first(reader)) < 64);
			/* A header with a problem (a quote that never closes, a NUL) fails the
			 * file, as the importer does: nothing after it is read. */
			if (rec->problem)
				break;
			reader_set_header(reader, (const char *const *)rec->fields, rec->n_fields);
			header = false;
			continue;
		}
		if (rec->problem)
			continue;
		for (size_t i = 0; i < rec->n_fields; i++) {
			FUZZ_ASSERT(strlen(rec->fields[i]) == rec->lens[i]);
			FUZZ_ASSERT(utf8_first_invalid(rec->fields[i], rec->lens[i]) ==
				    rec->lens[i]);
		}
	}
	reader_free(reader);
	return 0;
}
