/*
 * reader_record.c - the records the reader hands out: their buffers, the checks on each
 * one, and the record a file is cut off in (layer: core, part of the reader).
 *
 * A record is judged once it is complete: its field count against the header's, its
 * bytes (no NUL, well-formed UTF-8), whether it holds anything at all. A line break
 * outside quotes ends a record, so every short row is a bad row of its own, with one
 * exception at the end of a file that stops without a line break: the last line is the
 * record the file was cut off in, and when that line has no separator it may be the rest
 * of a field the line before it broke in, so the two are reported as one record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/text.h"
#include "reader_internal.h"

struct record_buf *reader_buf_get(struct reader *r)
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

void reader_buf_put(struct reader *r, struct record_buf *rec)
{
	if (!rec)
		return;
	rec->next = r->free_list;
	r->free_list = rec;
}

void reader_buf_destroy(struct record_buf *rec)
{
	strbuf_free(&rec->data);
	strbuf_free(&rec->raw);
	strbuf_free(&rec->problem);
	free(rec->offsets);
	free(rec->lens);
	free(rec->fields);
	free(rec);
}

/*
 * Drops byte-order marks (U+FEFF, or its double-encoded bytes "ï»¿") at both edges: a
 * mark is invisible and never data, and one left at a line start by exports joined with
 * cat, or pasted before a value, must not make "CR/2" another reference or a date
 * unreadable. The fields are UTF-8 here (Windows-1252 is converted before parsing).
 */
static void strip_boms(const char **s, size_t *len)
{
	static const char bom[] = "\xEF\xBB\xBF", bom_twice[] = "\xC3\xAF\xC2\xBB\xC2\xBF";
	size_t n;
	while ((n = text_bom_length(*s, *len)) != 0) {
		*s += n;
		*len -= n;
	}
	for (;;) {
		if (*len >= 3 && memcmp(*s + *len - 3, bom, 3) == 0)
			*len -= 3;
		else if (*len >= 6 && memcmp(*s + *len - 6, bom_twice, 6) == 0)
			*len -= 6;
		else
			break;
	}
}

void reader_buf_add_field(struct record_buf *rec, const void *s, size_t len)
{
	const unsigned char *u = s;
	if (len && (u[0] == 0xEF || u[0] == 0xC3 || u[len - 1] == 0xBF))
		strip_boms((const char **)&s, &len);
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

void reader_queue_push(struct reader *r, struct record_buf *rec)
{
	record_publish(rec);
	rec->next = NULL;
	if (r->ready_tail)
		r->ready_tail->next = rec;
	else
		r->ready_head = rec;
	r->ready_tail = rec;
}

const char *reader_header_name(const struct reader *r, size_t i, char *buf, size_t size)
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
				       reader_header_name(r, i, buf, sizeof(buf)));
			return;
		}
		if (r->options.encoding != TEXT_ENCODING_UTF8)
			continue;
		size_t bad = utf8_first_invalid(s, len);
		if (bad < len) {
			strbuf_appendf(&rec->problem, "invalid UTF-8 (byte 0x%02X) in %s",
				       (unsigned char)s[bad],
				       reader_header_name(r, i, buf, sizeof(buf)));
			return;
		}
	}
}

/* True when every field is empty or spaces: a row of separators (Excel writes them
 * under the data when formatting reached further down than the values). */
static bool record_is_blank(const struct record_buf *rec)
{
	for (size_t i = 0; i < rec->n; i++) {
		const char *s = rec->data.data + rec->offsets[i];
		for (size_t k = 0; k < rec->lens[i]; k++)
			if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r' && s[k] != '\n')
				return false;
	}
	return true;
}

void reader_chain_flush(struct reader *r)
{
	for (size_t i = 0; i < r->n_chain; i++) {
		flag_field_count(r, r->chain[i]);
		reader_queue_push(r, r->chain[i]);
	}
	r->n_chain = 0;
}

/* Holds a short record back until the file is known to go on after it. Only a record
 * with no separator can join the one before it, so one with separators starts anew. */
static void chain_hold(struct reader *r, struct record_buf *rec)
{
	if (rec->n > 1)
		reader_chain_flush(r);
	if (r->n_chain == SHORT_CHAIN_MAX) {
		flag_field_count(r, r->chain[0]);
		reader_queue_push(r, r->chain[0]);
		memmove(r->chain, r->chain + 1, (SHORT_CHAIN_MAX - 1) * sizeof(r->chain[0]));
		r->n_chain--;
	}
	r->chain[r->n_chain++] = rec;
}

void reader_judge(struct reader *r, struct record_buf *rec)
{
	if (!r->header_returned) {
		r->header_returned = true;
		reader_queue_push(r, rec);
		return;
	}
	if (!r->header_set) {
		check_bytes(r, rec);
		reader_queue_push(r, rec);
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
	if (rec->n != want && rec->public.last_line > rec->public.line &&
	    reader_retry_quote_then_text(r, rec))
		return;
	if (record_is_blank(rec)) {
		reader_chain_flush(r);
		strbuf_append_str(&rec->problem, "an empty row: every field is blank");
		reader_queue_push(r, rec);
		return;
	}
	/* Only the last record of a file without a final line break can be cut off. */
	if (rec->n < want && !r->options.ends_with_newline) {
		chain_hold(r, rec);
		return;
	}
	reader_chain_flush(r);
	if (rec->n != want)
		flag_field_count(r, rec);
	else
		check_bytes(r, rec);
	reader_queue_push(r, rec);
}

/* Joins piece to the end of rec: its first field continues rec's last one after the line
 * break between them. */
static void join_piece(struct record_buf *rec, const struct record_buf *piece)
{
	size_t last = rec->n - 1;
	struct strbuf merged = STRBUF_INIT;
	strbuf_append(&merged, rec->data.data + rec->offsets[last], rec->lens[last]);
	strbuf_append_char(&merged, '\n');
	strbuf_append(&merged, piece->data.data + piece->offsets[0], piece->lens[0]);
	rec->n--;
	rec->data.len = rec->offsets[last];
	reader_buf_add_field(rec, merged.data, merged.len);
	strbuf_free(&merged);
	for (size_t f = 1; f < piece->n; f++)
		reader_buf_add_field(rec, piece->data.data + piece->offsets[f], piece->lens[f]);
	if (!rec->raw_cut)
		strbuf_append(&rec->raw, piece->raw.data, piece->raw.len);
	rec->public.last_line = piece->public.last_line;
}

void reader_chain_finish(struct reader *r)
{
	if (r->n_chain == 0)
		return;
	/* The record the file ends inside: its last line, and the lines before it for as
	 * long as the later one has no separator and follows right after. */
	size_t first = r->n_chain - 1;
	while (first > 0 && r->chain[first]->n == 1 &&
	       r->chain[first - 1]->public.last_line + 1 == r->chain[first]->public.line)
		first--;
	struct record_buf *cut = r->chain[first];
	for (size_t i = first + 1; i < r->n_chain; i++) {
		join_piece(cut, r->chain[i]);
		reader_buf_put(r, r->chain[i]);
	}
	r->n_chain = first;
	reader_chain_flush(r);
	strbuf_append_str(&cut->problem, "the file ends inside this record (");
	if (cut->public.last_line > cut->public.line)
		strbuf_appendf(&cut->problem, "lines %lu-%lu, ", cut->public.line,
			       cut->public.last_line);
	strbuf_appendf(&cut->problem, "%zu of %zu fields)", cut->n, r->n_headers);
	reader_queue_push(r, cut);
}
