/*
 * filehash.c - the pre-import scan: content hash, binary formats, encoding evidence, line
 * ends (layer: core).
 *
 * The hash only has to tell "same bytes" from "different bytes" for files the user owns,
 * so it is a fast 64-bit mix over 8-byte words (not cryptographic); it processes about
 * as fast as the disk delivers. Everything else is counted with memchr or read from the
 * first block, so the scan stays at that speed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crimeview/filehash.h"
#include "crimeview/strbuf.h"

#define SCAN_BLOCK_SIZE (1u << 20)
/* The start of the file that is looked at for UTF-16 without a byte-order mark. */
#define UTF16_SNIFF_BYTES 4096

/* Files that are often saved or downloaded under a .csv name, by their first bytes. */
static const struct binary_format {
	const char *magic;
	size_t magic_len;
	const char *what, *advice;
} binary_formats[] = {
	{"\x1f\x8b", 2, "gzip-compressed data", "decompress it (gunzip) and import the CSV inside"},
	{"PK\x03\x04", 4, "a zip archive, such as an Excel .xlsx workbook",
	 "open it in its spreadsheet program and save it as CSV"},
	{"PK\x05\x06", 4, "an empty zip archive", "import the CSV export itself"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an old Excel .xls workbook",
	 "open it and save it as CSV"},
	{"\xfd" "7zXZ", 6, "xz-compressed data", "decompress it (unxz) and import the CSV inside"},
	{"\x28\xb5\x2f\xfd", 4, "zstd-compressed data",
	 "decompress it (unzstd) and import the CSV inside"},
	{"7z\xbc\xaf\x27\x1c", 6, "a 7-Zip archive", "extract it and import the CSV inside"},
	{"%PDF-", 5, "a PDF document", "ask for the data as a CSV export"},
	{"SQLite format 3", 16, "an SQLite database", "export its tables as CSV"},
	{"\x7f" "ELF", 4, "a program (ELF)", "import the CSV export itself"},
	{"\x89PNG", 4, "a PNG image", "import the CSV export itself"},
	{"\xff\xd8\xff", 3, "a JPEG image", "import the CSV export itself"},
};

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

struct hash_state {
	uint64_t h;
	unsigned char tail[8];
	size_t tail_len;
};

static void hash_word(struct hash_state *hs, uint64_t word)
{
	hs->h = (hs->h ^ mix64(word)) * 0x9e3779b97f4a7c15ULL;
	hs->h = (hs->h << 27) | (hs->h >> 37);
}

static void hash_feed(struct hash_state *hs, const unsigned char *p, size_t len)
{
	while (hs->tail_len && len) {
		hs->tail[hs->tail_len++] = *p++;
		len--;
		if (hs->tail_len == 8) {
			uint64_t w;
			memcpy(&w, hs->tail, 8);
			hash_word(hs, w);
			hs->tail_len = 0;
		}
	}
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		hash_word(hs, w);
	}
	memcpy(hs->tail, p, len);
	hs->tail_len = len;
}

static uint64_t hash_finish(struct hash_state *hs, uint64_t total_len)
{
	uint64_t w = 0;
	memcpy(&w, hs->tail, hs->tail_len);
	hash_word(hs, w ^ ((uint64_t)hs->tail_len << 56));
	return mix64(hs->h ^ total_len);
}

static uint64_t count_byte(const unsigned char *p, size_t len, unsigned char c)
{
	uint64_t n = 0;
	const unsigned char *end = p + len;
	while ((p = memchr(p, c, (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Counts '\r' bytes and the "\r\n" pairs among them; *cr_last says whether the block before
 * ended in '\r' (a pair split by the block boundary), and receives it for this block. */
static void count_cr(const unsigned char *p, size_t len, bool *cr_last, uint64_t *n_cr,
		     uint64_t *n_crlf)
{
	if (len && *cr_last && p[0] == '\n')
		(*n_crlf)++;
	const unsigned char *end = p + len, *q = p;
	while ((q = memchr(q, '\r', (size_t)(end - q))) != NULL) {
		(*n_cr)++;
		q++;
		if (q < end && *q == '\n')
			(*n_crlf)++;
	}
	*cr_last = len && p[len - 1] == '\r';
}

/* A binary format the block starts with, or NULL. */
static const struct binary_format *binary_format_of(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < sizeof(binary_formats) / sizeof(binary_formats[0]); i++) {
		const struct binary_format *f = &binary_formats[i];
		if (len >= f->magic_len && memcmp(p, f->magic, f->magic_len) == 0)
			return f;
	}
	return NULL;
}

/*
 * UTF-16 text, with or without a byte-order mark. Without one, text in the Latin range
 * (all a CSV export's separators, quotes and digits are) puts a NUL beside nearly every
 * other byte: at odd offsets in little-endian, even in big-endian. Nine pairs in ten are
 * asked for, so a text file with a few NUL bytes is never taken for UTF-16.
 */
static bool looks_utf16(const unsigned char *p, size_t len)
{
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return true;
	if (len > UTF16_SNIFF_BYTES)
		len = UTF16_SNIFF_BYTES;
	size_t pairs = len / 2, le = 0, be = 0;
	for (size_t i = 0; i + 1 < len; i += 2) {
		le += p[i] != 0 && p[i + 1] == 0;
		be += p[i] == 0 && p[i + 1] != 0;
	}
	return pairs >= 2 && (le * 10 >= pairs * 9 || be * 10 >= pairs * 9);
}

/*
 * The line end of a file that has both lone CRs and LFs: the one that ends more lines
 * outside quoted fields (a quote toggles in and out; a doubled quote toggles twice).
 * Reads the file again; '\n' when it cannot.
 */
static char line_end_outside_quotes(int fd)
{
	uint64_t lone_cr = 0, lf = 0;
	bool quoted = false, cr_pending = false;
	unsigned char *block = xmalloc(SCAN_BLOCK_SIZE);
	ssize_t got;
	if (lseek(fd, 0, SEEK_SET) != 0) {
		free(block);
		return '\n';
	}
	while ((got = read(fd, block, SCAN_BLOCK_SIZE)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (ssize_t i = 0; i < got; i++) {
			unsigned char c = block[i];
			if (cr_pending && c != '\n')
				lone_cr++;
			cr_pending = false;
			if (c == '"')
				quoted = !quoted;
			else if (!quoted && c == '\n')
				lf++;
			else if (!quoted && c == '\r')
				cr_pending = true;
		}
	}
	lone_cr += cr_pending;
	free(block);
	return lone_cr > lf ? '\r' : '\n';
}

static enum status stat_regular(int fd, const char *path, struct stat *st)
{
	int rc = fd >= 0 ? fstat(fd, st) : stat(path, st);
	if (rc != 0)
		return errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
	if (!S_ISREG(st->st_mode))
		return STATUS_NOT_REGULAR_FILE;
	return STATUS_OK;
}

enum status file_facts_stat(const char *path, uint64_t *size, int64_t *mtime_ns)
{
	struct stat st;
	enum status status = stat_regular(-1, path, &st);
	if (status != STATUS_OK)
		return status;
	*size = (uint64_t)st.st_size;
	*mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	return STATUS_OK;
}

enum status file_facts_scan(const char *path, struct file_facts *facts)
{
	struct stat st;
	enum status status;

	memset(facts, 0, sizeof(*facts));
	utf8_scan_init(&facts->utf8);
	/* Check the type before open(): opening a FIFO for reading would block. */
	status = stat_regular(-1, path, &st);
	if (status != STATUS_OK)
		return status;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
	status = stat_regular(fd, path, &st);
	if (status != STATUS_OK) {
		close(fd);
		return status;
	}
	facts->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;

	unsigned char *block = xmalloc(SCAN_BLOCK_SIZE);
	struct hash_state hs = {0x243f6a8885a308d3ULL, {0}, 0};
	unsigned char last = 0;
	bool cr_last = false;
	for (;;) {
		ssize_t got = read(fd, block, SCAN_BLOCK_SIZE);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			free(block);
			close(fd);
			errno = saved;
			return STATUS_IO;
		}
		if (got == 0)
			break;
		if (facts->size == 0) {
			facts->utf16 = looks_utf16(block, (size_t)got);
			const struct binary_format *format = binary_format_of(block, (size_t)got);
			if (format) {
				facts->binary_what = format->what;
				facts->binary_advice = format->advice;
			}
		}
		hash_feed(&hs, block, (size_t)got);
		utf8_scan_feed(&facts->utf8, block, (size_t)got);
		facts->n_lf += count_byte(block, (size_t)got, '\n');
		count_cr(block, (size_t)got, &cr_last, &facts->n_cr, &facts->n_crlf);
		facts->n_nul += count_byte(block, (size_t)got, '\0');
		facts->size += (uint64_t)got;
		last = block[got - 1];
	}
	free(block);
	facts->line_end = facts->n_cr > facts->n_crlf && facts->n_lf == 0 ? '\r' : '\n';
	if (facts->n_cr > facts->n_crlf && facts->n_lf > 0)
		facts->line_end = line_end_outside_quotes(fd);
	close(fd);
	utf8_scan_finish(&facts->utf8);
	facts->ends_with_newline = last == '\n' || last == '\r';
	snprintf(facts->hash, sizeof(facts->hash), "%016llx",
		 (unsigned long long)hash_finish(&hs, facts->size));
	return STATUS_OK;
}

enum text_encoding file_facts_encoding(const struct file_facts *facts)
{
	if (facts->utf8.invalid == 0)
		return TEXT_ENCODING_UTF8;
	if (facts->utf8.valid_multibyte > facts->utf8.invalid)
		return TEXT_ENCODING_UTF8;
	return TEXT_ENCODING_CP1252;
}
