/*
 * hits.c - where a notes search hits a text, for highlighting (layer: TUI, no curses).
 *
 * The index decides what matches; this only marks the words of the query on the screen:
 * each word or word of a phrase, as a whole word (or a prefix, for word*), ASCII case
 * folded. Words after NOT are not marked: they are what the records do not hold.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "tui.h"

static void add_word(struct hit_terms *terms, const char *start, size_t len, bool prefix)
{
	if (!len)
		return;
	terms->words = xrealloc(terms->words, (terms->n + 1) * sizeof(*terms->words));
	terms->prefix = xrealloc(terms->prefix, (terms->n + 1) * sizeof(*terms->prefix));
	char *word = xstrndup(start, len);
	for (char *p = word; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	terms->words[terms->n] = word;
	terms->prefix[terms->n] = prefix;
	terms->n++;
}

/* Whether s[0..len) starts with a letter or digit (any script); *n receives its bytes. */
static bool word_char_at(const char *s, size_t len, size_t *n)
{
	if (!((unsigned char)*s & 0x80)) {
		*n = 1;
		return isalnum((unsigned char)*s);
	}
	mbstate_t state;
	memset(&state, 0, sizeof(state));
	wchar_t wc;
	size_t got = mbrtowc(&wc, s, len, &state);
	if (got == (size_t)-1 || got == (size_t)-2 || got == 0) {
		*n = 1;
		return false;
	}
	*n = got;
	return iswalnum((wint_t)wc);
}

/* Adds the words of s[0..len) (a phrase or a bare word); a final * makes the last a prefix. */
static void add_words(struct hit_terms *terms, const char *s, size_t len, bool star)
{
	size_t i = 0, n;
	while (i < len) {
		while (i < len && !word_char_at(s + i, len - i, &n))
			i += n;
		size_t start = i;
		while (i < len && word_char_at(s + i, len - i, &n))
			i += n;
		bool last = true;
		for (size_t j = i; j < len && last; j += n)
			last = !word_char_at(s + j, len - j, &n);
		add_word(terms, s + start, i - start, star && last);
	}
}

void hit_terms_from_match(const char *match, struct hit_terms *out)
{
	memset(out, 0, sizeof(*out));
	if (!match)
		return;
	bool skip_next = false;
	const char *p = match;
	while (*p) {
		if (isspace((unsigned char)*p) || *p == '(' || *p == ')') {
			p++;
			continue;
		}
		const char *start = p;
		size_t len;
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			start = p + 1;
			len = end ? (size_t)(end - start) : strlen(start);
			p = end ? end + 1 : start + len;
		} else {
			while (*p && !isspace((unsigned char)*p) && *p != '(' && *p != ')')
				p++;
			len = (size_t)(p - start);
			if ((len == 3 && !strncmp(start, "NOT", 3))) {
				skip_next = true;
				continue;
			}
			if ((len == 2 && !strncmp(start, "OR", 2)) ||
			    (len == 3 && !strncmp(start, "AND", 3)))
				continue;
		}
		bool star = *p == '*' || (len && start[len - 1] == '*');
		if (*p == '*')
			p++;
		if (!skip_next)
			add_words(out, start, len, star);
		skip_next = false;
	}
}

void hit_terms_free(struct hit_terms *terms)
{
	for (size_t i = 0; i < terms->n; i++)
		free(terms->words[i]);
	free(terms->words);
	free(terms->prefix);
	memset(terms, 0, sizeof(*terms));
}

size_t hits_find(const struct hit_terms *terms, const char *text, size_t len, struct hit *out,
		 size_t max)
{
	size_t n = 0, i = 0, step;
	while (i < len && n < max) {
		if (!word_char_at(text + i, len - i, &step)) {
			i += step;
			continue;
		}
		size_t start = i;
		while (i < len && word_char_at(text + i, len - i, &step))
			i += step;
		size_t word_len = i - start;
		for (size_t t = 0; t < terms->n; t++) {
			size_t want = strlen(terms->words[t]);
			if (want > word_len || (!terms->prefix[t] && want != word_len))
				continue;
			if (!strncasecmp(text + start, terms->words[t], want)) {
				out[n].start = start;
				out[n].len = terms->prefix[t] ? word_len : want;
				n++;
				break;
			}
		}
	}
	return n;
}
