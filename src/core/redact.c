/*
 * redact.c - the redactor: user terms (a --redact-list file, a record's personal field
 * values) and the loop that runs the rules over a note (layer: core).
 *
 * Terms are kept lower-cased in a hash table keyed by their first word, so each word of a
 * note costs one hash and a look at the few terms that start with that word, whatever
 * the number of terms. A term matches as whole words in any (ASCII) case; a run of
 * spaces in the note matches one space in the term. Bytes of UTF-8 are compared as they
 * are, so "Zoë" matches "ZOë" but not "ZOË": case folding beyond ASCII would need tables
 * the core does not carry.
 *
 * The built-in rules (redact_rules.c) are tried before the terms at each token start, so
 * an e-mail address or handle that contains a name is removed as a whole.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact_internal.h"

struct redact_term {
	char *text; /* lower-case, single spaces between words */
	size_t len;
	enum redact_category category;
	size_t next; /* the next term in the same bucket, or SIZE_MAX */
};

struct term_table {
	struct redact_term *terms;
	size_t n, cap;
	size_t *buckets; /* index of the first term, or SIZE_MAX */
	size_t n_buckets;
};

struct redactor {
	struct term_table list;	 /* from redactor_add_list: kept */
	struct term_table terms; /* from redactor_add_term: cleared per record */
	struct redact_personal *personal; /* from redactor_add_personal */
	size_t n_personal;
};

static const char *const category_names[] = {
#define REDACT_CATEGORY_NAME(name, token) token,
    REDACT_CATEGORY_TABLE(REDACT_CATEGORY_NAME)
#undef REDACT_CATEGORY_NAME
};

const char *redact_category_name(enum redact_category category)
{
	if ((unsigned)category >= REDACT_CATEGORY_COUNT)
		return "?";
	return category_names[category];
}

/* Letters and digits, and every byte of a multi-byte UTF-8 character (é is a letter). */
static bool is_word_byte(int c)
{
	return redact_is_alnum(c) || c >= 0x80;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* FNV-1a over the lower-cased word bytes. */
static size_t hash_word(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t k = 0; k < len; k++) {
		h ^= (unsigned char)redact_lower((unsigned char)s[k]);
		h *= 1099511628211u;
	}
	return (size_t)h;
}

static size_t word_len(const char *s, size_t len)
{
	size_t n = 0;
	while (n < len && is_word_byte((unsigned char)s[n]))
		n++;
	return n;
}

static void table_rehash(struct term_table *t, size_t n_buckets)
{
	free(t->buckets);
	t->buckets = xmalloc(n_buckets * sizeof(*t->buckets));
	t->n_buckets = n_buckets;
	for (size_t b = 0; b < n_buckets; b++)
		t->buckets[b] = SIZE_MAX;
	for (size_t k = 0; k < t->n; k++) {
		struct redact_term *term = &t->terms[k];
		size_t b = hash_word(term->text, word_len(term->text, term->len)) % n_buckets;
		term->next = t->buckets[b];
		t->buckets[b] = k;
	}
}

/* Adds text[0..len) normalised (trimmed, lower-cased, spaces collapsed); skips empties. */
static void table_add(struct term_table *t, const char *text, size_t len,
		      enum redact_category category)
{
	char *norm = xmalloc(len + 1);
	size_t n = 0;
	for (size_t k = 0; k < len; k++) {
		int c = (unsigned char)text[k];
		if (is_space(c)) {
			if (n && norm[n - 1] != ' ')
				norm[n++] = ' ';
			continue;
		}
		norm[n++] = (char)redact_lower(c);
	}
	while (n && !is_word_byte((unsigned char)norm[n - 1]))
		n--;
	size_t skip = 0;
	while (skip < n && !is_word_byte((unsigned char)norm[skip]))
		skip++;
	if (skip == n) {
		free(norm);
		return;
	}
	memmove(norm, norm + skip, n - skip);
	n -= skip;
	norm[n] = '\0';
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->terms = xrealloc(t->terms, t->cap * sizeof(*t->terms));
	}
	struct redact_term *term = &t->terms[t->n++];
	term->text = norm;
	term->len = n;
	term->category = category;
	if (t->n > 2 * t->n_buckets) {
		table_rehash(t, t->n_buckets ? 4 * t->n_buckets : 64);
		return;
	}
	size_t b = hash_word(norm, word_len(norm, n)) % t->n_buckets;
	term->next = t->buckets[b];
	t->buckets[b] = t->n - 1;
}

static void table_clear(struct term_table *t)
{
	for (size_t k = 0; k < t->n; k++)
		free(t->terms[k].text);
	t->n = 0;
	for (size_t b = 0; b < t->n_buckets; b++)
		t->buckets[b] = SIZE_MAX;
}

static void table_free(struct term_table *t)
{
	table_clear(t);
	free(t->terms);
	free(t->buckets);
}

struct redactor *redactor_new(void)
{
	return xcalloc(1, sizeof(struct redactor));
}

void redactor_free(struct redactor *redactor)
{
	if (!redactor)
		return;
	table_free(&redactor->list);
	table_free(&redactor->terms);
	for (size_t k = 0; k < redactor->n_personal; k++)
		free(redactor->personal[k].column);
	free(redactor->personal);
	free(redactor);
}

void redact_personal_push(struct redactor *redactor, char *column, bool guess,
			  enum redact_category category)
{
	redactor->personal = xrealloc(redactor->personal,
				      (redactor->n_personal + 1) * sizeof(*redactor->personal));
	redactor->personal[redactor->n_personal++] =
		(struct redact_personal){.column = column, .guess = guess, .category = category};
}

const struct redact_personal *redact_personal_get(const struct redactor *redactor, size_t i)
{
	return redactor && i < redactor->n_personal ? &redactor->personal[i] : NULL;
}

void redact_counts_add(struct redact_counts *a, const struct redact_counts *b)
{
	for (size_t c = 0; c < REDACT_CATEGORY_COUNT; c++)
		a->n[c] += b->n[c];
}

size_t redact_counts_total(const struct redact_counts *counts)
{
	size_t n = 0;
	for (size_t c = 0; c < REDACT_CATEGORY_COUNT; c++)
		n += counts->n[c];
	return n;
}

enum status redactor_add_list(struct redactor *redactor, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return STATUS_IO;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	while ((got = getline(&line, &cap, f)) >= 0) {
		size_t start = 0;
		while (start < (size_t)got && is_space((unsigned char)line[start]))
			start++;
		if (start == (size_t)got || line[start] == '#')
			continue;
		table_add(&redactor->list, line + start, (size_t)got - start, REDACT_NAME);
	}
	free(line);
	int failed = ferror(f);
	int saved = errno;
	fclose(f);
	if (failed) {
		errno = saved;
		return STATUS_IO;
	}
	return STATUS_OK;
}

/* Titles and police ranks are not names: "Mr" or "PC" alone must not blank every "Mr" or
 * "PC" in a note ("PC 3570 Brennan" is Brennan). */
static bool is_title(const char *s, size_t len)
{
	static const char *const titles[] = {
		"mr", "mrs", "ms", "miss", "dr", "mx", "sir", "prof", "pc", "psc", "dc", "ps",
		"ds", "di", "dci", "dsi", "sgt", "insp", "supt", "det", "cst",
	};
	for (size_t k = 0; k < sizeof(titles) / sizeof(titles[0]); k++) {
		if (strlen(titles[k]) != len)
			continue;
		size_t i = 0;
		while (i < len && redact_lower((unsigned char)s[i]) == titles[k][i])
			i++;
		if (i == len)
			return true;
	}
	return false;
}

/* Letters in s[0..len): ASCII letters and one per UTF-8 character that is not ASCII. */
static size_t count_letters(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t k = 0; k < len; k++) {
		int c = (unsigned char)s[k];
		if (redact_is_alpha(c) || c >= 0xC0)
			n++;
	}
	return n;
}

/* Words of s[0..len) (runs between spaces) that hold a letter. */
static size_t count_lettered_words(const char *s, size_t len)
{
	size_t n = 0;
	bool in_word = false, lettered = false;
	for (size_t k = 0; k <= len; k++) {
		bool space = k == len || is_space((unsigned char)s[k]);
		if (space) {
			n += in_word && lettered;
			in_word = lettered = false;
			continue;
		}
		in_word = true;
		lettered |= count_letters(s + k, 1) > 0;
	}
	return n;
}

/*
 * An address is written in part as often as in full ("at 17 Mill Lane", "on Mill Lane"):
 * each comma-separated part of two words or more with letters is a term, and so is a part
 * without its leading house number. A part of one such word (a town, "Flat 2") is not: on
 * its own it names no one, and removing it would remove ordinary words.
 */
static void add_address_parts(struct redactor *redactor, const char *term, size_t len)
{
	size_t k = 0;
	while (k < len) {
		size_t start = k;
		while (k < len && term[k] != ',')
			k++;
		size_t end = k++;
		while (start < end && is_space((unsigned char)term[start]))
			start++;
		if (count_lettered_words(term + start, end - start) < 2)
			continue;
		if (start != 0 || end != len)
			table_add(&redactor->terms, term + start, end - start, REDACT_ADDRESS);
		size_t rest = start;
		while (rest < end && redact_is_digit((unsigned char)term[rest]))
			rest++;
		if (rest > start && rest < end && is_space((unsigned char)term[rest]) &&
		    count_lettered_words(term + rest, end - rest) >= 2)
			table_add(&redactor->terms, term + rest, end - rest, REDACT_ADDRESS);
	}
}

void redactor_add_term(struct redactor *redactor, const char *term, enum redact_category category)
{
	size_t len = strlen(term);
	table_add(&redactor->terms, term, len, category);
	if (category == REDACT_ADDRESS)
		add_address_parts(redactor, term, len);
	if (category != REDACT_NAME)
		return;
	/* Name parts: split at spaces and hyphens ("Smith-Jones" is also "Smith", "Jones"). */
	bool several = false;
	for (size_t k = 0; k < len; k++)
		several |= is_space((unsigned char)term[k]) || term[k] == '-';
	if (!several)
		return;
	size_t k = 0;
	bool after_titles = false, first = true;
	while (k < len) {
		while (k < len && (is_space((unsigned char)term[k]) || term[k] == '-'))
			k++;
		size_t start = k;
		while (k < len && !is_space((unsigned char)term[k]) && term[k] != '-')
			k++;
		if (k == start)
			continue;
		if (is_title(term + start, k - start)) {
			after_titles |= first;
			continue;
		}
		/* "Mr Jamal Marsh" is also written "Jamal Marsh": add it without the titles. */
		if (first && after_titles && k < len)
			table_add(&redactor->terms, term + start, len - start, category);
		first = false;
		if (count_letters(term + start, k - start) >= 2)
			table_add(&redactor->terms, term + start, k - start, category);
	}
}

void redactor_clear_terms(struct redactor *redactor)
{
	table_clear(&redactor->terms);
}

/* The length of term at text[pos..), matched whole-word; 0 if it does not match. */
static size_t term_match(const struct redact_term *term, const char *text, size_t len, size_t pos)
{
	size_t p = pos;
	for (size_t k = 0; k < term->len; k++) {
		if (term->text[k] == ' ') {
			if (p >= len || !is_space((unsigned char)text[p]))
				return 0;
			while (p < len && is_space((unsigned char)text[p]))
				p++;
			continue;
		}
		if (p >= len ||
		    redact_lower((unsigned char)text[p]) != (unsigned char)term->text[k])
			return 0;
		p++;
	}
	if (p < len && is_word_byte((unsigned char)text[p]))
		return 0;
	return p - pos;
}

static void table_find(const struct term_table *t, const char *text, size_t len, size_t pos,
		       size_t hash, size_t key_len, struct redact_match *best)
{
	if (!t->n)
		return;
	for (size_t k = t->buckets[hash % t->n_buckets]; k != SIZE_MAX; k = t->terms[k].next) {
		const struct redact_term *term = &t->terms[k];
		if (word_len(term->text, term->len) != key_len)
			continue;
		size_t n = term_match(term, text, len, pos);
		if (n > best->len) {
			best->len = n;
			best->category = term->category;
		}
	}
}

static bool match_terms(const struct redactor *r, const char *text, size_t len, size_t pos,
			size_t word, struct redact_match *m)
{
	if (!r || (!r->list.n && !r->terms.n))
		return false;
	size_t hash = hash_word(text + pos, word);
	m->keep_len = 0;
	m->len = 0;
	table_find(&r->terms, text, len, pos, hash, word, m);
	table_find(&r->list, text, len, pos, hash, word, m);
	return m->len > 0;
}

/* Whether a rule or a term can start at pos: after a non-word byte, on a likely first byte. */
static bool token_start(const char *text, size_t pos)
{
	int c = (unsigned char)text[pos];
	if (pos > 0 && redact_is_alnum((unsigned char)text[pos - 1]))
		return false;
	return redact_is_alnum(c) || c == '+' || c == '(' || c == '@' || c == ':' || c >= 0x80;
}

void redact_text(const struct redactor *redactor, const char *text, size_t len, struct strbuf *out,
		 struct redact_counts *counts)
{
	struct redact_scan scan = {text, len, 0, 0};
	size_t pos = 0, copied = 0;
	strbuf_reserve(out, len);
	while (pos < len) {
		struct redact_match m;
		if (!token_start(text, pos)) {
			pos++;
			continue;
		}
		bool found = redact_match_rules(&scan, pos, &m);
		size_t word = 0;
		if (!found && !(pos > 0 && (unsigned char)text[pos - 1] >= 0x80)) {
			word = word_len(text + pos, len - pos);
			found = word && match_terms(redactor, text, len, pos, word, &m);
		}
		if (!found) {
			pos++;
			continue;
		}
		strbuf_append(out, text + copied, pos + m.keep_len - copied);
		strbuf_append_char(out, '[');
		strbuf_append_str(out, category_names[m.category]);
		strbuf_append_char(out, ']');
		if (counts)
			counts->n[m.category]++;
		pos += m.len;
		copied = pos;
	}
	strbuf_append(out, text + copied, len - copied);
}
