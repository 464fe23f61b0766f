/*
 * filehash.c - the pre-import scan: content hash, encoding evidence, line ends
 * (layer: core).
 *
 * The hash only has to tell "same bytes" from "different bytes" for files the user owns,
 * so it is a fast 64-bit mix over 8-byte words (not cryptographic); it processes about
 * as fast as the disk delivers.
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
		if (facts->size == 0 && got >= 2 &&
		    ((block[0] == 0xFF && block[1] == 0xFE) || (block[0] == 0xFE && block[1] == 0xFF)))
			facts->utf16 = true;
		hash_feed(&hs, block, (size_t)got);
		utf8_scan_feed(&facts->utf8, block, (size_t)got);
		facts->n_lf += count_byte(block, (size_t)got, '\n');
		facts->n_cr += count_byte(block, (size_t)got, '\r');
		facts->n_nul += count_byte(block, (size_t)got, '\0');
		facts->size += (uint64_t)got;
		last = block[got - 1];
	}
	free(block);
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
