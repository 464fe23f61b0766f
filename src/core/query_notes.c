/*
 * query_notes.c - notes searches asked of an index that keeps no word positions (layer:
 * core, part of the query module).
 *
 * The notes' index (cache_schema.c) records which notes hold each word, not where (FTS5's
 * detail=none): a third of the size of an index with positions, and a fifth off the time
 * of a 10M-row import (bench/RESULTS.md). Such an index answers words, prefixes, AND, OR
 * and NOT, but not a phrase of several words ("deep fake", or deep-fake, which the
 * tokenizer splits in two). So a search holding such a phrase asks the index for the
 * notes that hold all the phrase's words (and, under NOT, leaves the phrase out: the index
 * cannot say which notes it excludes), and cv_notes_match(notes, fts) keeps those whose
 * text satisfies the whole search. It splits the text with the index's own tokenizer,
 * found through FTS5's API, so a word is what the index takes for a word, and looks for
 * each phrase's words side by side, as FTS5 does with positions. A cache made before
 * (with positions) answers the same queries the same way. fuzz_match checks all this
 * against an index with positions.
 */
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

/* The words of a text, in order, as the tokenizer folds them: word i is
 * text[starts[i]..starts[i + 1]). */
struct word_list {
	struct strbuf text;
	size_t *starts;
	size_t n, cap;
};

/* The index's tokenizer, as cache_schema.c creates the index with it; cv_notes_match
 * splits each note into words, kept for the next note. */
struct notes_tokenizer {
	fts5_tokenizer api;
	Fts5Tokenizer *tokenizer;
	struct word_list words;
};

enum search_node_kind { NODE_PHRASE, NODE_AND, NODE_OR, NODE_NOT };

/* A search as a tree: phrases (one word or more, the last maybe a prefix) under AND, OR
 * and NOT (binary: left and not right), as FTS5 reads the translation. */
struct search_node {
	enum search_node_kind kind;
	struct search_node *left, *right;
	struct word_list words; /* NODE_PHRASE: as the tokenizer folds them */
	struct word_list written; /* and as the query wrote them, which the index is asked */
	bool prefix;
	bool found; /* NODE_PHRASE: in the words of the note being checked so far */
};

/* A search read back, and its phrases, which a check marks found as a note's words go by. */
struct search {
	struct search_node *root;
	struct search_node **phrases;
	size_t n_phrases;
	bool has_not; /* else, once the search holds, more words cannot undo it */
};

static int tokenizer_open(sqlite3 *db, struct notes_tokenizer *out)
{
	fts5_api *fts5 = NULL;
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(stmt, 1, (void *)&fts5, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (!fts5)
		return SQLITE_ERROR;
	void *context = NULL;
	rc = fts5->xFindTokenizer(fts5, CACHE_NOTES_TOKENIZER, &context, &out->api);
	if (rc != SQLITE_OK)
		return rc;
	const char *args[] = {CACHE_NOTES_TOKENIZER_ARGS};
	return out->api.xCreate(context, args, (int)(sizeof(args) / sizeof(args[0])),
				&out->tokenizer);
}

static int add_word(void *data, int flags, const char *word, int len, int start, int end)
{
	(void)start;
	(void)end;
	struct word_list *list = data;
	if (flags & FTS5_TOKEN_COLOCATED) /* a synonym at the same place: unicode61 has none */
		return SQLITE_OK;
	if (list->n + 2 > list->cap) {
		list->cap = list->cap ? list->cap * 2 : 64;
		list->starts = xrealloc(list->starts, list->cap * sizeof(*list->starts));
	}
	strbuf_append(&list->text, word, (size_t)len);
	list->starts[++list->n] = list->text.len;
	return SQLITE_OK;
}

static void word_list_empty(struct word_list *list)
{
	list->n = 0;
	strbuf_reset(&list->text);
	if (!list->cap) {
		list->cap = 64;
		list->starts = xmalloc(list->cap * sizeof(*list->starts));
	}
	list->starts[0] = 0;
}

/* Splits text into list (emptied first), as the index split it (flags: FTS5_TOKENIZE_*),
 * through take_word (add_word, or a caller's that calls it) with data. */
static int split_words(struct notes_tokenizer *tokenizer, int flags, const char *text, size_t len,
		       struct word_list *list,
		       int (*take_word)(void *, int, const char *, int, int, int), void *data)
{
	word_list_empty(list);
	if (len > INT32_MAX)
		return SQLITE_TOOBIG;
	return tokenizer->api.xTokenize(tokenizer->tokenizer, data, flags, text, (int)len, take_word);
}

static void word_list_free(struct word_list *list)
{
	strbuf_free(&list->text);
	free(list->starts);
	memset(list, 0, sizeof(*list));
}

static void tokenizer_close(void *data)
{
	struct notes_tokenizer *tokenizer = data;
	if (tokenizer->tokenizer)
		tokenizer->api.xDelete(tokenizer->tokenizer);
	word_list_free(&tokenizer->words);
	free(tokenizer);
}

static const char *word_at(const struct word_list *list, size_t i, size_t *len)
{
	*len = list->starts[i + 1] - list->starts[i];
	return list->text.data + list->starts[i];
}

static void search_node_free(struct search_node *node)
{
	if (!node)
		return;
	search_node_free(node->left);
	search_node_free(node->right);
	word_list_free(&node->words);
	word_list_free(&node->written);
	free(node);
}

static void search_free(void *data)
{
	struct search *search = data;
	if (!search)
		return;
	search_node_free(search->root);
	free(search->phrases);
	free(search);
}

/* ---- reading the translation back (match_translate's output, FTS5's precedence) ---- */

struct search_reader {
	const char *text;
	size_t pos;
	struct notes_tokenizer *tokenizer;
	struct search_node *phrase; /* being split into words */
	const char *phrase_text;
};

/* Takes a phrase's next word, folded and as written. */
static int add_phrase_word(void *data, int flags, const char *word, int len, int start, int end)
{
	struct search_reader *r = data;
	int rc = add_word(&r->phrase->words, flags, word, len, start, end);
	if (rc == SQLITE_OK)
		rc = add_word(&r->phrase->written, flags, r->phrase_text + start, end - start, start,
			      end);
	return rc;
}

static void skip_spaces(struct search_reader *r)
{
	while (r->text[r->pos] == ' ')
		r->pos++;
}

/* Takes the operator word (followed by a space) at the reader's place. */
static bool take_operator(struct search_reader *r, const char *word)
{
	skip_spaces(r);
	size_t len = strlen(word);
	if (strncmp(r->text + r->pos, word, len) || r->text[r->pos + len] != ' ')
		return false;
	r->pos += len;
	return true;
}

static struct search_node *read_level(struct search_reader *r, size_t level);

/* A quoted phrase ("" for a quote inside), maybe with a *, or ( search ). */
static struct search_node *read_operand(struct search_reader *r)
{
	skip_spaces(r);
	if (r->text[r->pos] == '(') {
		r->pos++;
		struct search_node *inside = read_level(r, 0);
		skip_spaces(r);
		if (inside && r->text[r->pos] == ')') {
			r->pos++;
			return inside;
		}
		search_node_free(inside);
		return NULL;
	}
	if (r->text[r->pos] != '"')
		return NULL;
	struct strbuf phrase = STRBUF_INIT;
	for (r->pos++;; r->pos++) {
		char c = r->text[r->pos];
		if (!c) {
			strbuf_free(&phrase);
			return NULL;
		}
		if (c == '"' && r->text[r->pos + 1] != '"')
			break;
		if (c == '"')
			r->pos++;
		strbuf_append_char(&phrase, c);
	}
	r->pos++;
	struct search_node *node = xcalloc(1, sizeof(*node));
	node->kind = NODE_PHRASE;
	if (r->text[r->pos] == '*') {
		node->prefix = true;
		r->pos++;
	}
	int flags = FTS5_TOKENIZE_QUERY | (node->prefix ? FTS5_TOKENIZE_PREFIX : 0);
	r->phrase = node;
	r->phrase_text = phrase.data ? phrase.data : "";
	word_list_empty(&node->written);
	int rc = split_words(r->tokenizer, flags, r->phrase_text, phrase.len, &node->words,
			     add_phrase_word, r);
	strbuf_free(&phrase);
	if (rc != SQLITE_OK) {
		search_node_free(node);
		return NULL;
	}
	return node;
}

static struct search_node *joined(enum search_node_kind kind, struct search_node *left,
				  struct search_node *right)
{
	if (!left || !right) {
		search_node_free(left);
		search_node_free(right);
		return NULL;
	}
	struct search_node *node = xcalloc(1, sizeof(*node));
	node->kind = kind;
	node->left = left;
	node->right = right;
	return node;
}

/* The operators by how loosely they bind: OR, then AND, then NOT; each groups from the
 * left. */
static const struct {
	const char *word;
	enum search_node_kind kind;
} levels[] = {{"OR", NODE_OR}, {"AND", NODE_AND}, {"NOT", NODE_NOT}};
#define N_LEVELS (sizeof(levels) / sizeof(levels[0]))

/* The operands joined by the operators of level and the tighter ones. */
static struct search_node *read_level(struct search_reader *r, size_t level)
{
	if (level == N_LEVELS)
		return read_operand(r);
	struct search_node *node = read_level(r, level + 1);
	while (node && take_operator(r, levels[level].word))
		node = joined(levels[level].kind, node, read_level(r, level + 1));
	return node;
}

static void list_phrases(struct search *search, struct search_node *node)
{
	if (node->kind != NODE_PHRASE) {
		search->has_not |= node->kind == NODE_NOT;
		list_phrases(search, node->left);
		list_phrases(search, node->right);
		return;
	}
	search->phrases =
	    xrealloc(search->phrases, (search->n_phrases + 1) * sizeof(*search->phrases));
	search->phrases[search->n_phrases++] = node;
}

/* The search fts (match_translate's output), or NULL when it cannot be read. */
static struct search *search_read(struct notes_tokenizer *tokenizer, const char *fts)
{
	struct search_reader r = {.text = fts, .tokenizer = tokenizer};
	struct search_node *root = read_level(&r, 0);
	skip_spaces(&r);
	if (!root || fts[r.pos]) {
		search_node_free(root);
		return NULL;
	}
	struct search *search = xcalloc(1, sizeof(*search));
	search->root = root;
	list_phrases(search, root);
	return search;
}

/* ---- what the index is asked, and the check of what it finds ---- */

/* Whether the index alone answers node: it has no phrase of several words. */
static bool index_answers(const struct search_node *node)
{
	if (node->kind == NODE_PHRASE)
		return node->words.n <= 1;
	return index_answers(node->left) && index_answers(node->right);
}

static void append_quoted(struct strbuf *out, const char *word, size_t len)
{
	strbuf_append_char(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (word[i] == '"')
			strbuf_append_char(out, '"');
		strbuf_append_char(out, word[i]);
	}
	strbuf_append_char(out, '"');
}

/* How tightly FTS5 binds each operator, loosest first; a word (or a prefix) binds tightest. */
enum binding { BINDS_OR = 1, BINDS_AND, BINDS_NOT, BINDS_WORD };

static enum binding binding_of(enum search_node_kind kind)
{
	return kind == NODE_OR ? BINDS_OR : kind == NODE_AND ? BINDS_AND : BINDS_NOT;
}

/* The words of a phrase the index is asked for. Of a phrase of several words ending in a
 * prefix, the whole words only: a prefix of a common word ("fake*") would have the index
 * gather the records of every word it begins, where the check finds the few. */
static size_t words_asked(const struct search_node *phrase)
{
	return phrase->words.n - (phrase->prefix && phrase->words.n > 1);
}

/* What node's candidates bind as (the operator at their top). */
static enum binding candidates_binding(const struct search_node *node)
{
	if (node->kind == NODE_PHRASE)
		return words_asked(node) > 1 ? BINDS_AND : BINDS_WORD;
	if (node->kind == NODE_NOT && !index_answers(node->right))
		return candidates_binding(node->left);
	return binding_of(node->kind);
}

/*
 * Appends an expression the index answers that finds every note node finds, and more only
 * where a phrase's words are apart: a phrase of several words becomes its words ANDed,
 * and a NOT whose right side the index cannot answer keeps its left side only. Parentheses
 * only where FTS5's precedence needs them, as its parser holds 100 entries at most and the
 * translation's nesting was measured against that (match.c).
 */
static void append_candidates(const struct search_node *node, struct strbuf *out)
{
	static const char *const operators[] = {[NODE_AND] = " AND ", [NODE_OR] = " OR ",
						[NODE_NOT] = " NOT "};
	if (node->kind == NODE_PHRASE) {
		size_t n = words_asked(node);
		for (size_t i = 0; i < n; i++) {
			size_t len;
			const char *word = word_at(&node->written, i, &len);
			strbuf_append_str(out, i ? " AND " : "");
			append_quoted(out, word, len);
		}
		if (!n)
			strbuf_append_str(out, "\"\""); /* finds nothing, as FTS5's empty phrase */
		if (node->prefix && n == node->words.n)
			strbuf_append_char(out, '*');
		return;
	}
	if (node->kind == NODE_NOT && !index_answers(node->right)) {
		append_candidates(node->left, out);
		return;
	}
	enum binding binds = binding_of(node->kind);
	bool associative = node->kind != NODE_NOT;
	enum binding left = candidates_binding(node->left), right = candidates_binding(node->right);
	bool left_grouped = left < binds;
	bool right_grouped = right < binds || (right == binds && !associative);
	strbuf_append_str(out, left_grouped ? "(" : "");
	append_candidates(node->left, out);
	strbuf_append_str(out, left_grouped ? ")" : "");
	strbuf_append_str(out, operators[node->kind]);
	strbuf_append_str(out, right_grouped ? "(" : "");
	append_candidates(node->right, out);
	strbuf_append_str(out, right_grouped ? ")" : "");
}

static bool phrase_at(const struct search_node *phrase, const struct word_list *text, size_t at)
{
	for (size_t i = 0; i < phrase->words.n; i++) {
		size_t want_len, have_len;
		const char *want = word_at(&phrase->words, i, &want_len);
		const char *have = word_at(text, at + i, &have_len);
		bool last_prefix = phrase->prefix && i + 1 == phrase->words.n;
		if (last_prefix ? have_len < want_len : have_len != want_len)
			return false;
		if (memcmp(have, want, want_len))
			return false;
	}
	return true;
}

/* Whether the search holds with the phrases found so far. */
static bool search_holds(const struct search_node *node)
{
	switch (node->kind) {
	case NODE_PHRASE:
		return node->found;
	case NODE_AND:
		return search_holds(node->left) && search_holds(node->right);
	case NODE_OR:
		return search_holds(node->left) || search_holds(node->right);
	case NODE_NOT:
		return search_holds(node->left) && !search_holds(node->right);
	}
	return false;
}

/* A note being checked: its words so far, and the search's phrases found in them. */
struct check {
	struct search *search;
	struct word_list *words;
};

/* Takes the note's next word: marks the phrases that end with it, and stops the tokenizer
 * (SQLITE_DONE) once the search holds for good. */
static int check_word(void *data, int flags, const char *word, int len, int start, int end)
{
	struct check *check = data;
	struct word_list *words = check->words;
	size_t before = words->n;
	int rc = add_word(words, flags, word, len, start, end);
	if (rc != SQLITE_OK || words->n == before)
		return rc;
	bool found_one = false;
	for (size_t i = 0; i < check->search->n_phrases; i++) {
		struct search_node *phrase = check->search->phrases[i];
		size_t n = phrase->words.n;
		if (!phrase->found && n && n <= words->n && phrase_at(phrase, words, words->n - n))
			phrase->found = found_one = true;
	}
	if (found_one && !check->search->has_not && search_holds(check->search->root))
		return SQLITE_DONE;
	return SQLITE_OK;
}

/* cv_notes_match(notes, fts): 1 when the text of notes satisfies the search fts. */
static void cv_notes_match(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct notes_tokenizer *tokenizer = sqlite3_user_data(context);
	struct search *search = sqlite3_get_auxdata(context, 1);
	bool read_now = !search;
	if (read_now) {
		const char *fts = (const char *)sqlite3_value_text(argv[1]);
		search = fts ? search_read(tokenizer, fts) : NULL;
		if (!search) {
			sqlite3_result_error(context, "cv_notes_match: not a notes search", -1);
			return;
		}
	}
	for (size_t i = 0; i < search->n_phrases; i++)
		search->phrases[i]->found = false;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	struct check check = {search, &tokenizer->words};
	int rc = text ? split_words(tokenizer, FTS5_TOKENIZE_DOCUMENT, text,
				    (size_t)sqlite3_value_bytes(argv[0]), &tokenizer->words,
				    check_word, &check)
		      : SQLITE_OK;
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		sqlite3_result_error_code(context, rc);
	else
		sqlite3_result_int(context, search_holds(search->root));
	/* Kept for the statement's next rows; set last, as SQLite may free it at once. */
	if (read_now)
		sqlite3_set_auxdata(context, 1, search, search_free);
}

int query_notes_function_register(sqlite3 *db)
{
	struct notes_tokenizer *tokenizer = xcalloc(1, sizeof(*tokenizer));
	int rc = tokenizer_open(db, tokenizer);
	if (rc != SQLITE_OK) {
		tokenizer_close(tokenizer);
		return rc;
	}
	return sqlite3_create_function_v2(db, "cv_notes_match", 2,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC, tokenizer,
					  cv_notes_match, NULL, NULL, tokenizer_close);
}

/* Whether each word the index is asked for reads, alone, as the one word it was in the
 * query. Only bytes that are not UTF-8 can make one read otherwise. */
static bool words_read_alone(struct notes_tokenizer *tokenizer, const struct search *search)
{
	struct word_list alone = {0};
	bool same = true;
	for (size_t i = 0; same && i < search->n_phrases; i++) {
		const struct search_node *phrase = search->phrases[i];
		for (size_t k = 0; same && k < words_asked(phrase); k++) {
			size_t len, want_len, got_len;
			const char *word = word_at(&phrase->written, k, &len);
			const char *want = word_at(&phrase->words, k, &want_len);
			same = split_words(tokenizer, FTS5_TOKENIZE_QUERY, word, len, &alone, add_word,
					   &alone) == SQLITE_OK &&
			       alone.n == 1;
			const char *got = same ? word_at(&alone, 0, &got_len) : NULL;
			same = same && got_len == want_len && !memcmp(got, want, want_len);
		}
	}
	word_list_free(&alone);
	return same;
}

enum status query_notes_sql(sqlite3 *db, const char *fts, struct strbuf *sql,
			    struct query_params *params, struct strbuf *error)
{
	struct notes_tokenizer tokenizer = {0};
	struct search *search = NULL;
	bool asked_alone = false;
	if (tokenizer_open(db, &tokenizer) == SQLITE_OK)
		search = search_read(&tokenizer, fts);
	if (search)
		asked_alone = words_read_alone(&tokenizer, search);
	if (tokenizer.tokenizer)
		tokenizer.api.xDelete(tokenizer.tokenizer);
	if (search && !asked_alone) {
		/* Not a search the index can be asked: every note is checked. */
		query_params_add(params, fts);
		strbuf_appendf(sql, "SELECT rowid FROM notes WHERE cv_notes_match(notes, ?%zu)",
			       params->n);
		search_free(search);
		return STATUS_OK;
	}
	if (!search) {
		if (error)
			strbuf_appendf(error, "cannot search the notes: SQLite's FTS5 tokenizer "
					      "%s is missing",
				       CACHE_NOTES_TOKENIZER);
		return STATUS_CACHE;
	}
	struct strbuf candidates = STRBUF_INIT;
	append_candidates(search->root, &candidates);
	query_params_add(params, strbuf_str(&candidates));
	strbuf_appendf(sql, "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?%zu", params->n);
	if (!index_answers(search->root)) {
		query_params_add(params, fts);
		strbuf_appendf(sql, " AND cv_notes_match(notes, ?%zu)", params->n);
	}
	strbuf_free(&candidates);
	search_free(search);
	return STATUS_OK;
}
