/*
 * match.c - the --match query language turned into an FTS5 expression, and --where
 * conditions parsed into field, operator and value (layer: core).
 *
 * --match is read in one pass over a small token stream (words, phrases, operators and
 * parentheses). Each token is translated on its own, so the user's order and grouping
 * reach FTS5 unchanged, while a tiny state machine checks the shape: an operand is
 * expected at the start, after an operator and after "(", and an operator or ")" may only
 * follow an operand. Every word and phrase leaves as an FTS5 string ("..."), so FTS5's
 * own syntax (column filters, NEAR, ^, +) cannot be reached from the query, and its
 * tokenizer splits deep-fake or o'brien into a phrase exactly as it split the notes.
 *
 * Positions in error messages count characters (UTF-8 sequences), not bytes, from 1.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crimeview/match.h"

/* Deeper nesting than this is refused, so that FTS5 never is. FTS5's parser holds at most
 * 100 entries, and one level can take 7 of them: "( a OR b AND c NOT (" leaves each
 * operator waiting for the one that binds tighter. 13 such levels parse (14 do not); 12
 * leave room for the terms inside. */
#define MATCH_MAX_DEPTH 12

enum match_token_kind {
	MATCH_TOKEN_END,
	MATCH_TOKEN_TERM,
	MATCH_TOKEN_OPEN,
	MATCH_TOKEN_CLOSE,
	MATCH_TOKEN_OR,
	MATCH_TOKEN_AND,
	MATCH_TOKEN_NOT,
};

struct match_token {
	enum match_token_kind kind;
	size_t start; /* byte offset in the query */
	size_t len;   /* bytes as written, quotes and * included */
};

struct match_scanner {
	const char *query;
	size_t pos;
	struct strbuf *error;
};

static const char *const operator_words[] = {
    [MATCH_TOKEN_OR] = "OR",
    [MATCH_TOKEN_AND] = "AND",
    [MATCH_TOKEN_NOT] = "NOT",
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_operator(enum match_token_kind kind)
{
	return kind == MATCH_TOKEN_OR || kind == MATCH_TOKEN_AND || kind == MATCH_TOKEN_NOT;
}

/* The 1-based character position of byte offset in s: continuation bytes do not count. */
static size_t char_position(const char *s, size_t offset)
{
	size_t n = 1;
	for (size_t i = 0; i < offset; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	}
	return n;
}

static void set_error(struct strbuf *error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_error(struct strbuf *error, const char *fmt, ...)
{
	va_list ap;
	if (!error)
		return;
	va_start(ap, fmt);
	strbuf_vappendf(error, fmt, ap);
	va_end(ap);
}

/*
 * Decodes one UTF-8 sequence at s (len bytes left) into *cp and returns its length. A
 * malformed byte is returned alone as U+FFFD, which counts as a letter below: the index
 * decides what it makes of it.
 */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n;
	uint32_t c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/*
 * Whether the unicode61 tokenizer keeps cp inside a word (letters, digits and private
 * use). ASCII is exact; beyond it only the common punctuation and symbol blocks are
 * listed and everything else counts as a letter. The cost of a miss is small: such a term
 * passes this check and, being empty to FTS5, matches nothing.
 */
static bool is_word_codepoint(uint32_t cp)
{
	/* clang-format off */
	static const struct {
		uint32_t first, last;
	} separators[] = {
		{0x0080, 0x00A9},	/* C1 controls, no-break space, ¡ ¢ £ ¤ ¥ ¦ § ¨ © */
		{0x00AB, 0x00B1},	/* « ¬ soft hyphen ® ¯ ° ± */
		{0x00B4, 0x00B4},	/* ´ */
		{0x00B6, 0x00B8},	/* ¶ · ¸ */
		{0x00BB, 0x00BB},	/* » */
		{0x00BF, 0x00BF},	/* ¿ */
		{0x00D7, 0x00D7},	/* × */
		{0x00F7, 0x00F7},	/* ÷ */
		{0x2000, 0x206F},	/* spaces, dashes, quotes, bullets, ellipsis */
		{0x20A0, 0x20CF},	/* currency signs (€) */
		{0x2190, 0x23FF},	/* arrows, mathematical and technical symbols */
		{0x2500, 0x27BF},	/* box drawing, shapes, dingbats */
		{0x3000, 0x3003},	/* CJK spaces and marks */
		{0x3008, 0x3011},	/* CJK brackets */
		{0xFE30, 0xFE4F},	/* CJK compatibility forms */
		{0x1F000, 0x1FAFF},	/* emoji and pictographs */
	};
	/* clang-format on */
	if (cp < 0x80)
		return isalnum((int)cp) != 0;
	for (size_t i = 0; i < sizeof(separators) / sizeof(separators[0]); i++) {
		if (cp >= separators[i].first && cp <= separators[i].last)
			return false;
	}
	return true;
}

static bool has_word_char(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (is_word_codepoint(cp))
			return true;
	}
	return false;
}

/*
 * Reads the next token. A '"' opens a phrase only where a term starts (inside a word it
 * is one of the word's characters, which the index splits on like a hyphen); inside a
 * phrase "" stands for one '"'. Returns false with the error set on an unterminated quote.
 */
static bool scan_token(struct match_scanner *sc, struct match_token *tok)
{
	const char *q = sc->query;
	size_t i = sc->pos;

	while (is_space(q[i]))
		i++;
	tok->start = i;
	if (q[i] == '\0') {
		tok->kind = MATCH_TOKEN_END;
		tok->len = 0;
	} else if (q[i] == '(' || q[i] == ')') {
		tok->kind = q[i] == '(' ? MATCH_TOKEN_OPEN : MATCH_TOKEN_CLOSE;
		tok->len = 1;
	} else if (q[i] == '"') {
		size_t j = i + 1;
		for (;;) {
			if (q[j] == '\0') {
				set_error(sc->error, "--match: unterminated quote at character %zu",
					  char_position(q, i));
				return false;
			}
			if (q[j] == '"' && q[j + 1] == '"') {
				j += 2;
				continue;
			}
			if (q[j] == '"')
				break;
			j++;
		}
		j++;
		/* "deep fake"* is the same prefix phrase as "deep fake*". */
		if (q[j] == '*')
			j++;
		tok->kind = MATCH_TOKEN_TERM;
		tok->len = j - i;
	} else {
		size_t j = i;
		while (q[j] && !is_space(q[j]) && q[j] != '(' && q[j] != ')')
			j++;
		tok->kind = MATCH_TOKEN_TERM;
		tok->len = j - i;
		for (int k = MATCH_TOKEN_OR; k <= MATCH_TOKEN_NOT; k++) {
			if (tok->len == strlen(operator_words[k]) &&
			    strncasecmp(q + i, operator_words[k], tok->len) == 0)
				tok->kind = (enum match_token_kind)k;
		}
	}
	sc->pos = tok->start + tok->len;
	return true;
}

/*
 * Appends a word or phrase token as an FTS5 string, with a trailing * (written after the
 * word, inside the phrase's quotes or after them) as FTS5's prefix mark. Returns false
 * with the error set when nothing in it is a word to search for.
 */
static bool emit_term(const char *query, const struct match_token *tok, struct strbuf *out,
		      struct strbuf *error)
{
	const char *text = query + tok->start;
	size_t len = tok->len;
	bool phrase = text[0] == '"';
	bool prefix = false;
	struct strbuf content = STRBUF_INIT;

	if (phrase) {
		/* Strip the quotes (and a * after them), undoing "" escapes. */
		size_t end = len - 1;
		if (text[end] == '*') {
			prefix = true;
			end--;
		}
		for (size_t i = 1; i < end; i++) {
			strbuf_append_char(&content, text[i]);
			if (text[i] == '"')
				i++;
		}
	} else {
		strbuf_append(&content, text, len);
	}
	while (content.len > 0 && (content.data[content.len - 1] == '*' ||
				   (phrase && is_space(content.data[content.len - 1])))) {
		if (content.data[content.len - 1] == '*')
			prefix = true;
		content.data[--content.len] = '\0';
	}
	if (!has_word_char(strbuf_str(&content), content.len)) {
		set_error(error,
			  "--match: %.*s at character %zu has no letters or digits to search for",
			  (int)len, text, char_position(query, tok->start));
		strbuf_free(&content);
		return false;
	}

	strbuf_append_char(out, '"');
	for (size_t i = 0; i < content.len; i++) {
		if (content.data[i] == '"')
			strbuf_append_char(out, '"');
		strbuf_append_char(out, content.data[i]);
	}
	strbuf_append_str(out, prefix ? "\"*" : "\"");
	strbuf_free(&content);
	return true;
}

/* The error for the operator op, which has no operand after it. */
static void error_nothing_after(const char *query, const struct match_token *op,
				struct strbuf *error)
{
	set_error(error, "--match: %s at character %zu has nothing after it",
		  operator_words[op->kind], char_position(query, op->start));
}

enum status match_translate(const char *query, struct strbuf *fts, struct strbuf *error)
{
	struct match_scanner sc = {.query = query ? query : "", .pos = 0, .error = error};
	struct strbuf out = STRBUF_INIT;
	size_t open_at[MATCH_MAX_DEPTH];
	size_t depth = 0;
	/* The previous token; MATCH_TOKEN_END stands for "none yet". */
	struct match_token prev = {.kind = MATCH_TOKEN_END, .start = 0, .len = 0};
	struct match_token tok;
	const char *q = sc.query;

	for (;;) {
		bool want_operand = prev.kind == MATCH_TOKEN_END || prev.kind == MATCH_TOKEN_OPEN ||
				    is_operator(prev.kind);

		if (!scan_token(&sc, &tok))
			goto fail;
		if (tok.kind == MATCH_TOKEN_END)
			break;

		if (is_operator(tok.kind)) {
			size_t at = char_position(q, tok.start);
			if (is_operator(prev.kind)) {
				set_error(
				    error,
				    "--match: %s at character %zu follows %s at character %zu%s",
				    operator_words[tok.kind], at, operator_words[prev.kind],
				    char_position(q, prev.start),
				    tok.kind == MATCH_TOKEN_NOT ? " (NOT is binary: a NOT b)" : "");
				goto fail;
			}
			if (want_operand && tok.kind == MATCH_TOKEN_NOT) {
				set_error(error,
					  "--match: NOT at character %zu needs something before it "
					  "(a NOT b)",
					  at);
				goto fail;
			}
			if (want_operand) {
				set_error(error,
					  "--match: %s at character %zu has nothing before it",
					  operator_words[tok.kind], at);
				goto fail;
			}
			strbuf_appendf(&out, " %s ", operator_words[tok.kind]);
		} else if (tok.kind == MATCH_TOKEN_CLOSE) {
			if (depth == 0) {
				set_error(error, "--match: unbalanced ) at character %zu",
					  char_position(q, tok.start));
				goto fail;
			}
			if (prev.kind == MATCH_TOKEN_OPEN) {
				set_error(error, "--match: empty ( ) at character %zu",
					  char_position(q, prev.start));
				goto fail;
			}
			if (is_operator(prev.kind)) {
				error_nothing_after(q, &prev, error);
				goto fail;
			}
			depth--;
			strbuf_append_char(&out, ')');
		} else {
			/* Terms side by side must all match: say so with an explicit AND. */
			if (!want_operand)
				strbuf_append_str(&out, " AND ");
			if (tok.kind == MATCH_TOKEN_OPEN) {
				if (depth == MATCH_MAX_DEPTH) {
					set_error(
					    error,
					    "--match: ( at character %zu is nested too deeply (at "
					    "most %d levels)",
					    char_position(q, tok.start), MATCH_MAX_DEPTH);
					goto fail;
				}
				open_at[depth++] = tok.start;
				strbuf_append_char(&out, '(');
			} else if (!emit_term(q, &tok, &out, error)) {
				goto fail;
			}
		}
		prev = tok;
	}

	if (prev.kind == MATCH_TOKEN_END) {
		set_error(error, "--match: empty query");
		goto fail;
	}
	if (is_operator(prev.kind)) {
		error_nothing_after(q, &prev, error);
		goto fail;
	}
	if (depth > 0) {
		set_error(error, "--match: unbalanced ( at character %zu",
			  char_position(q, open_at[depth - 1]));
		goto fail;
	}
	strbuf_append(fts, out.data ? out.data : "", out.len);
	strbuf_free(&out);
	return STATUS_OK;

fail:
	strbuf_free(&out);
	return STATUS_BAD_QUERY;
}

/* A copy of s[0, len) without the spaces and tabs around it. Caller frees. */
static char *trimmed_copy(const char *s, size_t len)
{
	while (len > 0 && is_space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/* The --where operators; >= and <= first, so that their = is not read as the = operator. */
static const struct {
	const char *text;
	enum where_op op;
} where_operators[] = {
    {">=", WHERE_AT_LEAST},
    {"<=", WHERE_AT_MOST},
    {"=", WHERE_EQUALS},
    {"~", WHERE_CONTAINS},
};

/* The index in where_operators of the first operator in t, its offset in *at; -1 if none. */
static int where_find_operator(const char *t, size_t *at)
{
	for (size_t i = 0; t[i]; i++) {
		for (size_t k = 0; k < sizeof(where_operators) / sizeof(where_operators[0]); k++) {
			const char *op = where_operators[k].text;
			if (strncmp(t + i, op, strlen(op)) == 0) {
				*at = i;
				return (int)k;
			}
		}
	}
	return -1;
}

bool where_op_narrows(enum where_op op)
{
	return op != WHERE_EQUALS && op != WHERE_BLANK && op != WHERE_CONTAINS;
}

enum status where_parse(const char *text, struct where_term *out, struct strbuf *error)
{
	const char *t = text ? text : "";
	size_t at = 0, op_len;
	int k = where_find_operator(t, &at);
	const char *op_text;
	enum where_op op;
	char *field, *value;

	if (k < 0) {
		set_error(error,
			  "--where \"%s\": expected FIELD=VALUE, FIELD=, FIELD~TEXT, FIELD>=N or "
			  "FIELD<=N",
			  t);
		return STATUS_BAD_QUERY;
	}
	op_text = where_operators[k].text;
	op = where_operators[k].op;
	op_len = strlen(op_text);

	field = trimmed_copy(t, at);
	if (field[0] == '\0') {
		set_error(error, "--where \"%s\": no field before %s", t, op_text);
		free(field);
		return STATUS_BAD_QUERY;
	}
	value = trimmed_copy(t + at + op_len, strlen(t + at + op_len));
	if (value[0] == '\0') {
		if (op != WHERE_EQUALS) {
			set_error(error, "--where \"%s\": %s needs a value", t, op_text);
			free(field);
			free(value);
			return STATUS_BAD_QUERY;
		}
		op = WHERE_BLANK;
	}
	out->field = field;
	out->op = op;
	out->value = value;
	return STATUS_OK;
}

void where_term_clear(struct where_term *term)
{
	if (!term)
		return;
	free(term->field);
	free(term->value);
	term->field = NULL;
	term->value = NULL;
}
