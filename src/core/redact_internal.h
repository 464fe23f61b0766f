/*
 * redact_internal.h - what redact.c (the redactor, user terms and the scanning loop) and
 * redact_rules.c (the built-in pattern scanners) share (layer: core, private).
 *
 * The loop in redact_text offers every position that can start a match to the rules; a
 * rule either declines or says how many bytes it takes. Every rule looks at a bounded
 * number of bytes past the position (a few dozen; 253 for a domain name), except where it
 * matches, and the loop then jumps past the match, so a scan is linear in the input. The
 * two rules whose look-ahead is longest (e-mail local parts and domain names) remember
 * where a failed scan stopped, so that the starts inside it are not scanned again.
 */
#ifndef CRIMEVIEW_REDACT_INTERNAL_H
#define CRIMEVIEW_REDACT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "crimeview/redact.h"

/* What a rule found at a position: text[pos .. pos + keep_len) is copied unchanged (a label
 * such as "DOB "), text[pos + keep_len .. pos + len) becomes the category's token. */
struct redact_match {
	size_t keep_len;
	size_t len;
	enum redact_category category;
};

/* One call of redact_text: the input and what the rules remember between positions. */
struct redact_scan {
	const char *s;
	size_t len;
	size_t no_email_before;	 /* starts before this cannot begin an e-mail address */
	size_t no_domain_before; /* nor a bare domain name */
};

/* A --personal option: the column it names, and the category to mask it as (or, when
 * guess is set, the kind its header says, else name). */
struct redact_personal {
	char *column;
	bool guess;
	enum redact_category category;
};

/* Keeps a --personal option in the redactor (takes column, which must be malloc'ed). */
void redact_personal_push(struct redactor *redactor, char *column, bool guess,
			  enum redact_category category);
/* The i-th --personal option, or NULL past the end. */
const struct redact_personal *redact_personal_get(const struct redactor *redactor, size_t i);

/* Tries the built-in rules at pos (a position that starts a token); fills match. */
bool redact_match_rules(struct redact_scan *scan, size_t pos, struct redact_match *match);

/* The byte at i, or -1 past the end (so that the class tests below are false there). */
static inline int redact_byte(const struct redact_scan *scan, size_t i)
{
	return i < scan->len ? (unsigned char)scan->s[i] : -1;
}

/* ASCII classes by hand: <ctype.h> depends on the locale and on signedness. */
static inline bool redact_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool redact_is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool redact_is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool redact_is_alpha(int c)
{
	return redact_is_upper(c) || redact_is_lower(c);
}

static inline bool redact_is_alnum(int c)
{
	return redact_is_alpha(c) || redact_is_digit(c);
}

static inline int redact_lower(int c)
{
	return redact_is_upper(c) ? c + ('a' - 'A') : c;
}

static inline int redact_upper(int c)
{
	return redact_is_lower(c) ? c - ('a' - 'A') : c;
}

#endif
