/*
 * test_match.c - --match translated to FTS5 (checked as text and against a real FTS5
 * index with the cache's tokenizer) and --where parsed into field, operator and value.
 */
#include <sqlite3.h>

#include "crimeview/match.h"
#include "crimeview/strbuf.h"
#include "tap.h"

/* The translation of query, or "error: " and the message. Borrowed until the next call. */
static const char *translate(const char *query)
{
	static struct strbuf result = STRBUF_INIT;
	struct strbuf fts = STRBUF_INIT, error = STRBUF_INIT;
	enum status status = match_translate(query, &fts, &error);

	strbuf_reset(&result);
	if (status == STATUS_OK && error.len == 0)
		strbuf_append_str(&result, strbuf_str(&fts));
	else if (status == STATUS_BAD_QUERY)
		strbuf_appendf(&result, "error: %s", strbuf_str(&error));
	else
		strbuf_appendf(&result, "status %d, fts \"%s\", error \"%s\"", (int)status,
			       strbuf_str(&fts), strbuf_str(&error));
	strbuf_free(&fts);
	strbuf_free(&error);
	return strbuf_str(&result);
}

/* An in-memory index made like the cache's, holding the rows every search test uses. */
static sqlite3 *notes_db(void)
{
	static sqlite3 *db;
	static const char *const rows[] = {
	    "They made a deep-fake image", /* 1 */
	    "DEEP\nFAKE video",		   /* 2 */
	    "He DEEP FAKED it",		   /* 3 */
	    "deepfakes everywhere",	   /* 4 */
	    "D\xc3\xa9"
	    "ep fake",		   /* 5: Déep fake */
	    "no deepfake element", /* 6 */
	    "fake deep",	   /* 7 */
	    "\xc2\xa3"
	    "500 taken", /* 8: £500 taken */
	};
	sqlite3_stmt *insert = NULL;

	if (db)
		return db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db,
			 "CREATE VIRTUAL TABLE notes_fts USING fts5(notes, "
			 "tokenize='unicode61 remove_diacritics 2')",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO notes_fts(rowid, notes) VALUES(?, ?)", -1, &insert,
			       NULL) != SQLITE_OK) {
		printf("# cannot make the index: %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		sqlite3_bind_int64(insert, 1, (sqlite3_int64)(i + 1));
		sqlite3_bind_text(insert, 2, rows[i], -1, SQLITE_STATIC);
		if (sqlite3_step(insert) != SQLITE_DONE) {
			printf("# cannot fill the index: %s\n", sqlite3_errmsg(db));
			exit(99);
		}
		sqlite3_reset(insert);
	}
	sqlite3_finalize(insert);
	return db;
}

/*
 * The rowids the translation of query finds, in order and space-separated ("" for none),
 * or "error: " and the translation's or FTS5's message. Borrowed until the next call.
 */
static const char *matches(const char *query)
{
	static struct strbuf result = STRBUF_INIT;
	struct strbuf fts = STRBUF_INIT, error = STRBUF_INIT;
	sqlite3 *db = notes_db();
	sqlite3_stmt *stmt = NULL;
	int rc;

	strbuf_reset(&result);
	if (match_translate(query, &fts, &error) != STATUS_OK) {
		strbuf_appendf(&result, "error: %s", strbuf_str(&error));
		goto out;
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid",
			       -1, &stmt, NULL) != SQLITE_OK) {
		strbuf_appendf(&result, "error: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(stmt, 1, strbuf_str(&fts), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		strbuf_appendf(&result, "%s%lld", result.len ? " " : "",
			       (long long)sqlite3_column_int64(stmt, 0));
	if (rc != SQLITE_DONE) {
		strbuf_reset(&result);
		strbuf_appendf(&result, "error: %s", sqlite3_errmsg(db));
	}
out:
	sqlite3_finalize(stmt);
	strbuf_free(&fts);
	strbuf_free(&error);
	return strbuf_str(&result);
}

/* The --where parse of text as "field|op|value", or "error: " and the message. */
static const char *where(const char *text)
{
	static const char *const op_names[] = {
	    [WHERE_EQUALS] = "equals",	   [WHERE_BLANK] = "blank",
	    [WHERE_CONTAINS] = "contains", [WHERE_AT_LEAST] = "at-least",
	    [WHERE_AT_MOST] = "at-most",
	};
	static struct strbuf result = STRBUF_INIT;
	struct strbuf error = STRBUF_INIT;
	struct where_term term = {NULL, WHERE_EQUALS, NULL};

	strbuf_reset(&result);
	if (where_parse(text, &term, &error) == STATUS_OK)
		strbuf_appendf(&result, "%s|%s|%s", term.field, op_names[term.op], term.value);
	else
		strbuf_appendf(&result, "error: %s", strbuf_str(&error));
	where_term_clear(&term);
	strbuf_free(&error);
	return strbuf_str(&result);
}

/* --match: translations */

TEST(word_becomes_fts_string)
{
	CHECK_STR(translate("deepfake"), "\"deepfake\"");
}

TEST(trailing_star_on_word_and_in_phrase_is_prefix)
{
	CHECK_STR(translate("deepfake* OR \"deep fake*\""), "\"deepfake\"* OR \"deep fake\"*");
}

TEST(star_after_closing_quote_is_prefix)
{
	CHECK_STR(translate("\"deep fake\"*"), "\"deep fake\"*");
}

TEST(words_side_by_side_are_joined_with_and)
{
	CHECK_STR(translate("deep fake"), "\"deep\" AND \"fake\"");
}

TEST(phrase_stays_one_string)
{
	CHECK_STR(translate("\"deep fake\""), "\"deep fake\"");
}

TEST(hyphenated_word_stays_one_string)
{
	CHECK_STR(translate("deep-fake"), "\"deep-fake\"");
}

TEST(apostrophe_and_hyphen_words_stay_whole)
{
	CHECK_STR(translate("o'brien e-mail*"), "\"o'brien\" AND \"e-mail\"*");
}

TEST(groups_and_not_are_kept)
{
	CHECK_STR(translate("(blackmail OR sextortion) NOT \"no deepfake\""),
		  "(\"blackmail\" OR \"sextortion\") NOT \"no deepfake\"");
}

TEST(lower_case_operators_become_upper_case)
{
	CHECK_STR(translate("a or b"), "\"a\" OR \"b\"");
}

TEST(mixed_case_operators_become_upper_case)
{
	CHECK_STR(translate("a AnD b nOt c"), "\"a\" AND \"b\" NOT \"c\"");
}

TEST(word_then_phrase_are_joined_with_and)
{
	CHECK_STR(translate("say \"hi\""), "\"say\" AND \"hi\"");
}

TEST(word_before_group_is_joined_with_and)
{
	CHECK_STR(translate("a (b OR c)"), "\"a\" AND (\"b\" OR \"c\")");
}

TEST(nested_groups_are_kept)
{
	CHECK_STR(translate("((a OR b) c) OR d"), "((\"a\" OR \"b\") AND \"c\") OR \"d\"");
}

TEST(doubled_quote_in_phrase_stays_doubled)
{
	CHECK_STR(translate("\"say \"\"hi\"\" now\""), "\"say \"\"hi\"\" now\"");
}

TEST(quote_inside_word_is_doubled)
{
	CHECK_STR(translate("o\"brien 12\""), "\"o\"\"brien\" AND \"12\"\"\"");
}

TEST(utf8_words_pass_through)
{
	CHECK_STR(translate("D\xc3\xa9"
			    "ep \xc2\xa3"
			    "500"),
		  "\"D\xc3\xa9"
		  "ep\" AND \"\xc2\xa3"
		  "500\"");
}

TEST(fts5_syntax_is_quoted_as_text)
{
	CHECK_STR(translate("notes:x NEAR(a b) ^c +d"),
		  "\"notes:x\" AND \"NEAR\" AND (\"a\" AND \"b\") AND \"^c\" AND \"+d\"");
}

TEST(operator_with_star_is_a_word)
{
	CHECK_STR(translate("or* AND \"not\""), "\"or\"* AND \"not\"");
}

TEST(spaces_inside_phrase_before_star_are_dropped)
{
	CHECK_STR(translate("\"deep fake *\""), "\"deep fake\"*");
}

TEST(translation_is_appended_to_fts)
{
	struct strbuf fts = STRBUF_INIT, error = STRBUF_INIT;
	strbuf_append_str(&fts, "x: ");
	CHECK_INT(match_translate("a", &fts, &error), STATUS_OK);
	CHECK_STR(strbuf_str(&fts), "x: \"a\"");
	CHECK_STR(strbuf_str(&error), "");
	strbuf_free(&fts);
	strbuf_free(&error);
}

/* --match: errors */

TEST(empty_query_is_an_error)
{
	CHECK_STR(translate(""), "error: --match: empty query");
}

TEST(blank_query_is_an_error)
{
	CHECK_STR(translate(" \t\n"), "error: --match: empty query");
}

TEST(leading_not_needs_something_before_it)
{
	CHECK_STR(translate("NOT spam"),
		  "error: --match: NOT at character 1 needs something before it (a NOT b)");
}

TEST(leading_or_has_nothing_before_it)
{
	CHECK_STR(translate("or spam"), "error: --match: OR at character 1 has nothing before it");
}

TEST(operator_after_open_paren_has_nothing_before_it)
{
	CHECK_STR(translate("(AND a)"), "error: --match: AND at character 2 has nothing before it");
}

TEST(trailing_operator_has_nothing_after_it)
{
	CHECK_STR(translate("a and"), "error: --match: AND at character 3 has nothing after it");
}

TEST(operator_before_close_paren_has_nothing_after_it)
{
	CHECK_STR(translate("(a OR)"), "error: --match: OR at character 4 has nothing after it");
}

TEST(two_operators_in_a_row_are_an_error)
{
	CHECK_STR(translate("a OR AND b"),
		  "error: --match: AND at character 6 follows OR at character 3");
}

TEST(and_not_explains_that_not_is_binary)
{
	CHECK_STR(translate("a AND NOT b"), "error: --match: NOT at character 7 follows AND at "
					    "character 3 (NOT is binary: a NOT b)");
}

TEST(unclosed_paren_is_unbalanced)
{
	CHECK_STR(translate("x (a OR (b) c"), "error: --match: unbalanced ( at character 3");
}

TEST(extra_close_paren_is_unbalanced)
{
	CHECK_STR(translate("a OR b)"), "error: --match: unbalanced ) at character 7");
}

TEST(empty_parens_are_an_error)
{
	CHECK_STR(translate("a ( )"), "error: --match: empty ( ) at character 3");
}

TEST(unterminated_quote_is_an_error)
{
	CHECK_STR(translate("deep \"fake"), "error: --match: unterminated quote at character 6");
}

TEST(bare_star_is_an_error)
{
	CHECK_STR(translate("deep *"),
		  "error: --match: * at character 6 has no letters or digits to search for");
}

TEST(punctuation_only_word_is_an_error)
{
	CHECK_STR(translate("--"),
		  "error: --match: -- at character 1 has no letters or digits to search for");
}

TEST(empty_phrase_is_an_error)
{
	CHECK_STR(translate("a \"\""),
		  "error: --match: \"\" at character 3 has no letters or digits to search for");
}

TEST(symbol_only_word_is_an_error)
{
	CHECK_STR(translate("\xc2\xa3\xe2\x80\x94"),
		  "error: --match: \xc2\xa3\xe2\x80\x94 at character 1 has no letters or digits "
		  "to search for");
}

TEST(positions_count_characters_not_bytes)
{
	CHECK_STR(translate("caf\xc3\xa9 \xc3\xa9t\xc3\xa9 )"),
		  "error: --match: unbalanced ) at character 10");
}

/* levels of "a OR b AND c NOT (", the nesting that fills FTS5's parser fastest, around an
 * innermost "a OR b AND c NOT d*", closed. */
static const char *deepest_shape(int levels)
{
	static struct strbuf query = STRBUF_INIT;
	strbuf_reset(&query);
	for (int i = 0; i < levels; i++)
		strbuf_append_str(&query, "a OR b AND c NOT (");
	strbuf_append_str(&query, "a OR b AND c NOT d*");
	for (int i = 0; i < levels; i++)
		strbuf_append_char(&query, ')');
	return strbuf_str(&query);
}

/* Found by fuzz_match in CI: 14 levels of the shape above made FTS5 fail with "fts5:
 * parser stack overflow" when 64 levels were allowed. */
TEST(nesting_deeper_than_fts5_can_parse_is_an_error)
{
	CHECK_STR(matches(deepest_shape(12)), "1");
	CHECK_STR(matches("((((((((((((deep fake))))))))))))"), "1 2 5 7");
	CHECK_STR(translate(deepest_shape(13)),
		  "error: --match: ( at character 234 is nested too deeply (at most 12 levels)");
	CHECK_STR(translate("(((((((((((((a)))))))))))))"),
		  "error: --match: ( at character 13 is nested too deeply (at most 12 levels)");
}

TEST(error_leaves_fts_unchanged)
{
	struct strbuf fts = STRBUF_INIT, error = STRBUF_INIT;
	strbuf_append_str(&fts, "kept");
	CHECK_INT(match_translate("a OR", &fts, &error), STATUS_BAD_QUERY);
	CHECK_STR(strbuf_str(&fts), "kept");
	CHECK_INT(match_translate("a OR", &fts, NULL), STATUS_BAD_QUERY);
	CHECK_STR(strbuf_str(&fts), "kept");
	strbuf_free(&fts);
	strbuf_free(&error);
}

/* --match: what the translations find in an FTS5 index made like the cache's */

TEST(search_phrase_prefix_finds_hyphen_line_break_case_and_accent)
{
	CHECK_STR(matches("\"deep fake*\""), "1 2 3 5");
}

TEST(search_word_prefix_finds_longer_words)
{
	CHECK_STR(matches("deepfake*"), "4 6");
}

TEST(search_phrase_finds_hyphen_and_line_break_but_not_other_order)
{
	CHECK_STR(matches("\"deep fake\""), "1 2 5");
}

TEST(search_hyphenated_word_finds_the_phrase)
{
	CHECK_STR(matches("deep-fake"), "1 2 5");
}

TEST(search_words_side_by_side_find_both_in_any_order)
{
	CHECK_STR(matches("deep fake"), "1 2 5 7");
}

TEST(search_not_excludes)
{
	CHECK_STR(matches("deep* NOT fake"), "3 4 6");
}

TEST(search_or_inside_group)
{
	CHECK_STR(matches("(everywhere OR element) OR video"), "2 4 6");
}

TEST(search_folds_case_and_accents)
{
	CHECK_STR(matches("D\xc3\x89"
			  "EP"),
		  "1 2 3 5 7");
}

TEST(search_symbol_in_word_finds_the_number)
{
	CHECK_STR(matches("\xc2\xa3"
			  "500"),
		  "8");
}

TEST(search_fts5_syntax_is_plain_text)
{
	CHECK_STR(matches("fake:deep"), "7");
	CHECK_STR(matches("^deep video"), "2");
}

/* --where */

TEST(where_equals_with_spaced_field_name)
{
	CHECK_STR(where("Offence Title=Blackmail"), "Offence Title|equals|Blackmail");
}

TEST(where_trims_field_and_value)
{
	CHECK_STR(where("  Outcome \t=  Charged  "), "Outcome|equals|Charged");
}

TEST(where_empty_value_is_blank)
{
	CHECK_STR(where("Outcome="), "Outcome|blank|");
}

TEST(where_spaces_only_value_is_blank)
{
	CHECK_STR(where("Outcome =   "), "Outcome|blank|");
}

TEST(where_tilde_is_contains)
{
	CHECK_STR(where("notes ~ knife point"), "notes|contains|knife point");
}

TEST(where_at_least_and_at_most)
{
	CHECK_STR(where("age>=18"), "age|at-least|18");
	CHECK_STR(where("date <= 2024-01-31"), "date|at-most|2024-01-31");
}

TEST(where_first_operator_wins_when_two_character)
{
	CHECK_STR(where("a>=b=c"), "a|at-least|b=c");
}

TEST(where_first_operator_wins_when_equals)
{
	CHECK_STR(where("x=a>=b"), "x|equals|a>=b");
}

TEST(where_lone_greater_than_is_not_an_operator)
{
	CHECK_STR(where("age>18"), "error: --where \"age>18\": expected FIELD=VALUE, FIELD=, "
				   "FIELD~TEXT, FIELD>=N or FIELD<=N");
	CHECK_STR(where("a<b~c"), "a<b|contains|c");
}

TEST(where_without_operator_is_an_error)
{
	CHECK_STR(where("Blackmail"), "error: --where \"Blackmail\": expected FIELD=VALUE, FIELD=, "
				      "FIELD~TEXT, FIELD>=N or FIELD<=N");
}

TEST(where_without_field_is_an_error)
{
	CHECK_STR(where("=x"), "error: --where \"=x\": no field before =");
	CHECK_STR(where("  ~x"), "error: --where \"  ~x\": no field before ~");
}

TEST(where_range_without_value_is_an_error)
{
	CHECK_STR(where("age>="), "error: --where \"age>=\": >= needs a value");
	CHECK_STR(where("age<= "), "error: --where \"age<= \": <= needs a value");
}

TEST(where_contains_without_value_is_an_error)
{
	CHECK_STR(where("notes~"), "error: --where \"notes~\": ~ needs a value");
}

TEST(where_error_leaves_term_unchanged_and_clear_is_null_safe)
{
	struct where_term term = {NULL, WHERE_AT_MOST, NULL};
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(where_parse("nothing", &term, &error), STATUS_BAD_QUERY);
	CHECK(term.field == NULL && term.value == NULL);
	CHECK_INT(term.op, WHERE_AT_MOST);
	CHECK_INT(where_parse("a=b", &term, NULL), STATUS_OK);
	where_term_clear(&term);
	CHECK(term.field == NULL && term.value == NULL);
	where_term_clear(&term);
	where_term_clear(NULL);
	strbuf_free(&error);
}

TAP_MAIN(word_becomes_fts_string, trailing_star_on_word_and_in_phrase_is_prefix,
	 star_after_closing_quote_is_prefix, words_side_by_side_are_joined_with_and,
	 phrase_stays_one_string, hyphenated_word_stays_one_string,
	 apostrophe_and_hyphen_words_stay_whole, groups_and_not_are_kept,
	 lower_case_operators_become_upper_case, mixed_case_operators_become_upper_case,
	 word_then_phrase_are_joined_with_and, word_before_group_is_joined_with_and,
	 nested_groups_are_kept, doubled_quote_in_phrase_stays_doubled,
	 quote_inside_word_is_doubled, utf8_words_pass_through, fts5_syntax_is_quoted_as_text,
	 operator_with_star_is_a_word, spaces_inside_phrase_before_star_are_dropped,
	 translation_is_appended_to_fts, empty_query_is_an_error, blank_query_is_an_error,
	 leading_not_needs_something_before_it, leading_or_has_nothing_before_it,
	 operator_after_open_paren_has_nothing_before_it, trailing_operator_has_nothing_after_it,
	 operator_before_close_paren_has_nothing_after_it, two_operators_in_a_row_are_an_error,
	 and_not_explains_that_not_is_binary, unclosed_paren_is_unbalanced,
	 extra_close_paren_is_unbalanced, empty_parens_are_an_error, unterminated_quote_is_an_error,
	 bare_star_is_an_error, punctuation_only_word_is_an_error, empty_phrase_is_an_error,
	 symbol_only_word_is_an_error, positions_count_characters_not_bytes,
	 nesting_deeper_than_fts5_can_parse_is_an_error, error_leaves_fts_unchanged,
	 search_phrase_prefix_finds_hyphen_line_break_case_and_accent,
	 search_word_prefix_finds_longer_words,
	 search_phrase_finds_hyphen_and_line_break_but_not_other_order,
	 search_hyphenated_word_finds_the_phrase, search_words_side_by_side_find_both_in_any_order,
	 search_not_excludes, search_or_inside_group, search_folds_case_and_accents,
	 search_symbol_in_word_finds_the_number, search_fts5_syntax_is_plain_text,
	 where_equals_with_spaced_field_name, where_trims_field_and_value,
	 where_empty_value_is_blank, where_spaces_only_value_is_blank, where_tilde_is_contains,
	 where_at_least_and_at_most, where_first_operator_wins_when_two_character,
	 where_first_operator_wins_when_equals, where_lone_greater_than_is_not_an_operator,
	 where_without_operator_is_an_error, where_without_field_is_an_error,
	 where_range_without_value_is_an_error, where_contains_without_value_is_an_error,
	 where_error_leaves_term_unchanged_and_clear_is_null_safe)
