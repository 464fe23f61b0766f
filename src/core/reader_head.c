/*
 * reader_head.c - what the first records of a file say before it is read: the separator,
 * and the lines before the header that a report tool writes (layer: core, private to the
 * reader).
 *
 * Exports made by a reporting tool often start with the report's title, who ran it and
 * when, and a blank line, then the header. Taking the title for the header would turn
 * every row into a bad row. So the first records are looked at as a whole: when the first
 * does not have the fields the records after it have, and a later record does, looks like
 * a header (every name there, no name a number, no name twice) and the record after it has
 * as many fields, the records before it are the file's preamble. A file that starts with
 * its header is read as before: the separator is the one its first line has most of.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "crimeview/text.h"
#include "reader_internal.h"

/* A preamble is looked for among this many records: a title block is a few lines. */
#define HEAD_RECORDS_MAX 24

static const char candidates[] = {',', ';', '\t', '|'};
#define N_CANDIDATES sizeof(candidates)

/* A record of the head: where it starts, its extent and its separators outside quotes. */
struct head_record {
	const unsigned char *p;
	size_t len;
	unsigned long line; /* physical line it starts on, 1-based */
	size_t counts[N_CANDIDATES];
};

/* Splits the head into records (a line break inside quotes does not end one). */
static size_t split_records(const unsigned char *p, size_t len, char line_end,
			    struct head_record *out, size_t max)
{
	size_t n = 0, i = 0;
	unsigned long line = 1;
	while (i < len && n < max) {
		struct head_record *rec = &out[n];
		memset(rec, 0, sizeof(*rec));
		rec->p = p + i;
		rec->line = line;
		bool quoted = false;
		for (; i < len; i++) {
			unsigned char c = p[i];
			if (c == (unsigned char)line_end) {
				line++;
				if (!quoted) {
					i++;
					break;
				}
			} else if (c == '"') {
				quoted = !quoted;
			} else if (!quoted) {
				for (size_t k = 0; k < N_CANDIDATES; k++)
					rec->counts[k] += c == (unsigned char)candidates[k];
			}
		}
		rec->len = (size_t)(p + i - rec->p);
		n++;
	}
	return n;
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"';
}

/* Moves [*a, *b) in past spaces, quotes and line breaks at either edge. */
static void trim_blanks(const unsigned char **a, const unsigned char **b)
{
	while (*a < *b && is_blank(**a))
		(*a)++;
	while (*b > *a && is_blank((*b)[-1]))
		(*b)--;
}

/* The field names of rec look like a header: none empty, none a number, none twice. */
static bool looks_like_header(const struct head_record *rec, char delimiter)
{
	const unsigned char *names[64];
	size_t lens[64], n = 0;
	const unsigned char *p = rec->p, *end = rec->p + rec->len;
	bool quoted = false;
	const unsigned char *start = p;
	for (;; p++) {
		if (p < end && *p == '"')
			quoted = !quoted;
		if (p < end && (quoted || *p != (unsigned char)delimiter))
			continue;
		const unsigned char *a = start, *b = p;
		trim_blanks(&a, &b);
		if (a == b)
			return false;
		bool has_letter = false;
		for (const unsigned char *q = a; q < b && !has_letter; q++)
			has_letter = (*q | 0x20) >= 'a' && (*q | 0x20) <= 'z';
		if (!has_letter)
			return false;
		if (n < sizeof(names) / sizeof(names[0])) {
			for (size_t k = 0; k < n; k++)
				if (lens[k] == (size_t)(b - a) &&
				    strncasecmp((const char *)names[k], (const char *)a, lens[k]) == 0)
					return false;
			names[n] = a;
			lens[n++] = (size_t)(b - a);
		}
		if (p >= end)
			return true;
		start = p + 1;
	}
}

/* The separator (its index in candidates) that occurs most often outside quotes in rec;
 * ',' on a tie. */
static size_t most_frequent(const struct head_record *rec)
{
	size_t best = 0;
	for (size_t k = 1; k < N_CANDIDATES; k++)
		if (rec->counts[k] > rec->counts[best])
			best = k;
	return best;
}

/* The first record that starts the table for separator k, or 0 when it is the first
 * (which has the separator as often as the next): its fields match the record after it,
 * and the records before it have at most half as many separators, of any kind. (A header
 * followed by rows that all have an unquoted separator too many is still the header: it
 * has more than half of theirs. A semicolon in a note is no header: the header before it
 * has many commas.) */
static size_t table_start(const struct head_record *recs, size_t n, size_t k)
{
	if (n < 3 || (recs[0].counts[k] && recs[0].counts[k] == recs[1].counts[k]))
		return 0;
	for (size_t h = 1; h + 1 < n; h++) {
		size_t separators = recs[h].counts[k];
		if (!separators)
			continue;
		bool few_before = true;
		for (size_t i = 0; i < h && few_before; i++)
			few_before = recs[i].counts[most_frequent(&recs[i])] * 2 <= separators;
		if (!few_before)
			return 0;
		if (recs[h + 1].counts[k] == separators &&
		    looks_like_header(&recs[h], candidates[k]))
			return h;
	}
	return 0;
}

void reader_head_read(const unsigned char *p, size_t len, char line_end, char given_delimiter,
		      struct reader_head *out)
{
	memset(out, 0, sizeof(*out));
	size_t bom = text_bom_length((const char *)p, len);
	p += bom;
	len -= bom;
	struct head_record recs[HEAD_RECORDS_MAX];
	size_t n = split_records(p, len, line_end, recs, HEAD_RECORDS_MAX);
	out->delimiter = ',';
	if (given_delimiter)
		out->delimiter = given_delimiter;
	else if (n)
		out->delimiter = candidates[most_frequent(&recs[0])];
	/* The separator with the most fields in the header it finds, among those allowed. */
	size_t header = 0, best_fields = 0;
	for (size_t k = 0; k < N_CANDIDATES; k++) {
		if (given_delimiter && candidates[k] != given_delimiter)
			continue;
		size_t h = table_start(recs, n, k);
		if (h && recs[h].counts[k] > best_fields) {
			header = h;
			best_fields = recs[h].counts[k];
			out->delimiter = candidates[k];
		}
	}
	if (!header)
		return;
	/* Blank lines before the header are skipped as blank lines anywhere are: unsaid. */
	for (size_t i = 0; i < header; i++) {
		const unsigned char *a = recs[i].p, *b = recs[i].p + recs[i].len;
		trim_blanks(&a, &b);
		if (a < b) {
			size_t cut = utf8_cut_length((const char *)a, (size_t)(b - a),
						     sizeof(out->preamble_first) - 4);
			memcpy(out->preamble_first, a, cut);
			if (cut < (size_t)(b - a))
				memcpy(out->preamble_first + cut, "…", strlen("…") + 1);
			out->preamble_lines = recs[header].line - 1;
			return;
		}
	}
}
