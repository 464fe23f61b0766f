/*
 * fuzz_match.c - libFuzzer target: the --match and --where languages (match.c).
 *
 * The input, cut at its first NUL byte, is given to match_translate as a --match query and
 * to where_parse as a --where value. Besides the sanitizers' findings, the target aborts
 * when either breaks its contract (match.h):
 *   - a query accepted translates to an expression that SQLite's FTS5 accepts too, on an
 *     index with word positions and the cache's tokenizer: nothing the user types may
 *     reach FTS5 as a syntax error;
 *   - the cache's way of asking it (query_notes.c: an index without word positions, its
 *     phrases checked in the notes' text) finds exactly the notes the index with
 *     positions finds;
 *   - a query refused leaves the expression unchanged and says why in a message that
 *     starts "--match: ", on one line unless the query has line breaks;
 *   - a --where value accepted has a field without surrounding spaces, and a value that
 *     is empty exactly when the operator is WHERE_BLANK; one refused says why in one
 *     line that starts "--where ".
 * Run: make fuzz, then tests/fuzz/run.sh match (see tests/fuzz/README.md).
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/match.h"
/* The query module's own way of asking the notes' index, compared here with FTS5's. */
#include "../../src/core/query_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz_match: broken contract: %s (line %d)\n", #cond,      \
				__LINE__);                                                         \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static sqlite3 *db;
static sqlite3_stmt *search;

/* In memory, a few notes, indexed with word positions (positions_fts) and as the cache
 * indexes them (notes_fts, cache_schema.c), with the query module's check registered. */
static void open_index(void)
{
	if (db)
		return;
	const char *sql =
	    "CREATE TABLE notes(id INTEGER PRIMARY KEY, notes TEXT NOT NULL);"
	    "INSERT INTO notes(notes) VALUES ('Deep fake video sent to the victim''s family'),"
	    " ('DEEPFAKE images; suspect O''Brien arrested'),"
	    " ('Café owner reports youths – £300 damage'),"
	    " ('fake deep: the deep deep-fake\nFAKE video sent, not deep'),"
	    " ('sent to the fake owner of the video, deep in debt');"
	    "CREATE VIRTUAL TABLE positions_fts USING fts5(notes, " CACHE_NOTES_TOKENIZE ");"
	    "INSERT INTO positions_fts(rowid, notes) SELECT id, notes FROM notes;"
	    "CREATE VIRTUAL TABLE notes_fts USING fts5(notes, content = 'notes',"
	    " content_rowid = 'id', columnsize = 0, detail = none, " CACHE_NOTES_TOKENIZE ");"
	    "INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');";
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    query_notes_function_register(db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT group_concat(rowid, ' ') FROM positions_fts"
			       " WHERE positions_fts MATCH ?",
			       -1, &search, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_match: cannot make the index: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* A message that starts with prefix, on one line unless the query it may quote has line
 * breaks. */
static bool one_line_starting(const struct strbuf *error, const char *prefix, const char *query)
{
	const char *s = strbuf_str(error);
	return strncmp(s, prefix, strlen(prefix)) == 0 &&
	       (count_lines(query) > 0 || count_lines(s) == 0);
}

/* The notes the cache's way of searching finds for expr: their ids, space-separated. */
static char *notes_found(const char *expr)
{
	struct strbuf sql = STRBUF_INIT, found = STRBUF_INIT;
	struct query_params params = {0};
	sqlite3_stmt *stmt = NULL;
	strbuf_append_str(&sql, "SELECT group_concat(rowid, ' ') FROM (");
	FUZZ_ASSERT(query_notes_sql(db, expr, &sql, &params, NULL) == STATUS_OK);
	strbuf_append_str(&sql, ")");
	FUZZ_ASSERT(sqlite3_prepare_v2(db, strbuf_str(&sql), -1, &stmt, NULL) == SQLITE_OK);
	query_params_bind(&params, stmt);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		fprintf(stderr, "fuzz_match: the cache's notes search fails: %s\n  sql: %s\n",
			sqlite3_errmsg(db), strbuf_str(&sql));
		abort();
	}
	if (sqlite3_column_text(stmt, 0))
		strbuf_append_str(&found, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	query_params_free(&params);
	strbuf_free(&sql);
	return found.data ? strbuf_detach(&found) : xstrdup("");
}

static void check_match(const char *query)
{
	struct strbuf fts = STRBUF_INIT, error = STRBUF_INIT;
	strbuf_append_str(&fts, "before ");
	enum status status = match_translate(query, &fts, &error);
	if (status != STATUS_OK) {
		FUZZ_ASSERT(status == STATUS_BAD_QUERY);
		FUZZ_ASSERT(strcmp(strbuf_str(&fts), "before ") == 0);
		FUZZ_ASSERT(one_line_starting(&error, "--match: ", query));
		goto out;
	}
	FUZZ_ASSERT(error.len == 0);
	const char *expr = strbuf_str(&fts) + strlen("before ");
	sqlite3_reset(search);
	sqlite3_bind_text(search, 1, expr, -1, SQLITE_STATIC);
	int rc = sqlite3_step(search);
	if (rc != SQLITE_ROW) {
		fprintf(stderr,
			"fuzz_match: FTS5 refuses the translation of --match\n"
			"  query: %s\n  fts5:  %s\n  error: %s\n",
			query, expr, sqlite3_errmsg(db));
		abort();
	}
	char *want = sqlite3_column_text(search, 0)
			 ? xstrdup((const char *)sqlite3_column_text(search, 0))
			 : xstrdup("");
	sqlite3_reset(search);
	sqlite3_clear_bindings(search);
	char *got = notes_found(expr);
	if (strcmp(got, want)) {
		fprintf(stderr,
			"fuzz_match: the cache's notes search finds other notes than FTS5's\n"
			"  query: %s\n  fts5:  %s\n  FTS5 with positions: %s\n  the cache's way: %s\n",
			query, expr, want, got);
		abort();
	}
	free(want);
	free(got);
out:
	strbuf_free(&fts);
	strbuf_free(&error);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void check_where(const char *text)
{
	struct where_term term = {.field = NULL, .op = WHERE_EQUALS, .value = NULL};
	struct strbuf error = STRBUF_INIT;
	enum status status = where_parse(text, &term, &error);
	if (status != STATUS_OK) {
		FUZZ_ASSERT(status == STATUS_BAD_QUERY);
		FUZZ_ASSERT(!term.field && !term.value);
		FUZZ_ASSERT(strncmp(strbuf_str(&error), "--where ", 8) == 0);
		strbuf_free(&error);
		return;
	}
	size_t len = strlen(term.field);
	FUZZ_ASSERT(len > 0 && !is_space(term.field[0]) && !is_space(term.field[len - 1]));
	FUZZ_ASSERT((term.op == WHERE_BLANK) == (term.value[0] == '\0'));
	len = strlen(term.value);
	FUZZ_ASSERT(len == 0 || (!is_space(term.value[0]) && !is_space(term.value[len - 1])));
	where_term_clear(&term);
	strbuf_free(&error);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	open_index();
	char *text = malloc(size + 1);
	FUZZ_ASSERT(text);
	memcpy(text, data, size);
	text[size] = '\0';
	check_match(text);
	check_where(text);
	free(text);
	return 0;
}
