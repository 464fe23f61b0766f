/*
 * match.h - the user's filter languages: --match (notes search) and --where (field
 * conditions) (layer: core).
 *
 * --match takes words, "phrases", OR, AND, NOT, prefix* (also ending a phrase:
 * "deep fake*" finds DEEP FAKED), and ( ); terms side by side must all match. Matching is
 * case- and accent-insensitive, and a phrase also matches its words joined by a hyphen or
 * a line break ("deep fake" finds deep-fake and DEEP\nFAKE), since the index splits words
 * on both. match_translate turns it into an SQLite FTS5 expression in which every term is
 * quoted, so nothing the user types can reach FTS5's own syntax (column filters, NEAR,
 * ^) by accident.
 *
 * --where takes FIELD=VALUE (equal, any case), FIELD= (blank), FIELD~TEXT (contains, any
 * case), FIELD>=N and FIELD<=N (numbers, or dates in any accepted format). FIELD is a
 * field name or a header as written; it is checked against the cache by the query module.
 */
#ifndef CRIMEVIEW_MATCH_H
#define CRIMEVIEW_MATCH_H

#include <stdbool.h>

#include "crimeview/status.h"
#include "crimeview/strbuf.h"

/*
 * Appends the FTS5 expression for query to fts: every word and phrase as an FTS5 string
 * ("a""b" for a quote), a trailing * as FTS5's prefix mark ("deep fake*" gives
 * "deep fake"*), operators in upper case, terms side by side joined with an explicit AND,
 * parentheses kept. On a bad query returns STATUS_BAD_QUERY, leaves fts unchanged and
 * appends to error (if not NULL) one line saying what and where, with the position in
 * characters (not bytes), from 1: "--match: unbalanced ( at character 12", "--match: OR at
 * character 1 has nothing before it", "--match: unterminated quote at character 5",
 * "--match: empty query".
 */
enum status match_translate(const char *query, struct strbuf *fts, struct strbuf *error);

enum where_op {
	WHERE_EQUALS, /* FIELD=VALUE */
	WHERE_BLANK, /* FIELD= */
	WHERE_CONTAINS, /* FIELD~TEXT */
	WHERE_AT_LEAST, /* FIELD>=VALUE */
	WHERE_AT_MOST, /* FIELD<=VALUE */
	/* Made by a drill from a table cell, never parsed from --where: they select exactly
	 * the records the table grouped together, so they are ANDed like bounds. */
	WHERE_IS, /* the value exactly, as the table groups it (case counts) */
	WHERE_ABOVE, /* a number over VALUE (a band's lower edge) */
	WHERE_NOT_NUMBER, /* a value that is not a number (the "(not a number)" band) */
};

/* True for the terms that are ANDed with the field's other terms instead of ORed with its
 * values: bounds (>=, <=) and the drill's terms. */
bool where_op_narrows(enum where_op op);

struct where_term {
	char *field; /* as the user wrote it, trimmed */
	enum where_op op;
	char *value; /* trimmed; "" with WHERE_BLANK */
};

/*
 * Parses one --where value. The operator is the first of = ~ >= <= in text, left to right
 * (so a value may itself hold those characters: "a>=b=c" is a >= "b=c"); a lone > or < is
 * not an operator. Field and value lose the spaces around them. Returns STATUS_OK and
 * fills *out (free with where_term_clear), or STATUS_BAD_QUERY with one line in error (if
 * not NULL), *out unchanged: "--where \"Blackmail\": expected FIELD=VALUE, FIELD=,
 * FIELD~TEXT, FIELD>=N or FIELD<=N", "--where \"=x\": no field before =",
 * "--where \"age>=\": >= needs a value".
 */
enum status where_parse(const char *text, struct where_term *out, struct strbuf *error);
void where_term_clear(struct where_term *term);

#endif
