/*
 * test_redact.c - unit tests of the redactor (layer: core tests): one behaviour per test,
 * exact output strings, and the labelled corpus (tests/data/redact/corpus.tsv) with recall
 * and precision per category printed as TAP comments.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crimeview/redact.h"
#include "tap.h"

/* The redaction of s by r (NULL: built-in rules only); caller frees. */
static char *redact_with(const struct redactor *r, const char *s, struct redact_counts *counts)
{
	struct strbuf out = STRBUF_INIT;
	redact_text(r, s, strlen(s), &out, counts);
	return strbuf_detach(&out);
}

static void check_redact(const char *in, const char *want, int line)
{
	struct redactor *r = redactor_new();
	char *got = redact_with(r, in, NULL);
	if (strcmp(got, want)) {
		tap_failed_checks++;
		printf("# line %d: redact(\"%s\") is \"%s\", want \"%s\"\n", line, in, got, want);
	}
	free(got);
	redactor_free(r);
}

#define EXPECT(in, want) check_redact(in, want, __LINE__)

TEST(phone_and_email_in_one_sentence)
{
	EXPECT("Call 07700 900123 or email a.b@example.com", "Call [phone] or email [email]");
}

TEST(phone_written_forms)
{
	EXPECT("07700900123", "[phone]");
	EXPECT("+44 7700 900123.", "[phone].");
	EXPECT("+44 (0)7700 900123", "[phone]");
	EXPECT("on (0121) 496 0000 today", "on [phone] today");
	EXPECT("0121-496-0000", "[phone]");
	EXPECT("0044 121 496 0000", "[phone]");
}

TEST(phone_needs_a_whole_number)
{
	EXPECT("077009001234", "077009001234");
	EXPECT("07700 90012", "07700 90012");
	EXPECT("x07700900123", "x07700900123");
}

TEST(dates_and_times_are_not_phones)
{
	EXPECT("01/01/2016 18:14", "01/01/2016 18:14");
	EXPECT("01-01-2016 1814 hrs", "01-01-2016 1814 hrs");
	EXPECT("at 07:45 and 23.30", "at 07:45 and 23.30");
}

TEST(email_keeps_sentence_full_stop)
{
	EXPECT("E-mail: gurpreetreid@example.org.", "E-mail: [email].");
}

TEST(email_needs_a_dotted_domain)
{
	EXPECT("user@localhost", "user@localhost");
}

TEST(postcode_any_case_with_or_without_space)
{
	EXPECT("B44 8PU", "[postcode]");
	EXPECT("b44 8pu", "[postcode]");
	EXPECT("B448PU", "[postcode]");
	EXPECT("at SW1A 1AA.", "at [postcode].");
}

TEST(outward_code_alone_survives)
{
	EXPECT("resolves to B6, checks", "resolves to B6, checks");
	EXPECT("the M6 2nd time", "the M6 2nd time");
}

TEST(vehicle_current_prefix_suffix)
{
	EXPECT("AB12 CDE", "[vehicle]");
	EXPECT("AB12CDE", "[vehicle]");
	EXPECT("A123 BCD", "[vehicle]");
	EXPECT("ABC 123D", "[vehicle]");
}

TEST(vehicle_lower_case_needs_context)
{
	EXPECT("reg ab12 cde", "reg [vehicle]");
	EXPECT("VRM: kx70lmn", "VRM: [vehicle]");
	EXPECT("an ab12 cde thing", "an ab12 cde thing");
}

TEST(vehicle_word_group_survives)
{
	EXPECT("BN02 FOR THE SECOND TIME", "BN02 FOR THE SECOND TIME");
	EXPECT("Audi A3", "Audi A3");
}

TEST(ni_number_with_and_without_spaces)
{
	EXPECT("AB123456C", "[ni-number]");
	EXPECT("AB 12 34 56 C", "[ni-number]");
	EXPECT("NI: ab123456c.", "NI: [ni-number].");
}

TEST(ni_number_with_invalid_prefix_survives)
{
	EXPECT("GB123456A", "GB123456A");
	EXPECT("DA123456A", "DA123456A");
}

TEST(dob_keeps_the_label)
{
	EXPECT("DOB 12/03/1985", "DOB [dob]");
	EXPECT("D.O.B: 12-03-85", "D.O.B: [dob]");
	EXPECT("born 4th May 1990", "born [dob]");
	EXPECT("date of birth 1 January 2001", "date of birth [dob]");
	EXPECT("(DOB 14/06/1998)", "(DOB [dob])");
}

TEST(other_dates_survive)
{
	EXPECT("on 03/03/2021", "on 03/03/2021");
	EXPECT("born and raised", "born and raised");
}

TEST(url_with_and_without_scheme)
{
	EXPECT("https://x.y/z", "[url]");
	EXPECT("see www.example.com/page.", "see [url].");
	EXPECT("(example.co.uk/abc)", "([url])");
}

TEST(file_names_are_not_urls)
{
	EXPECT("image.jpg and e.g. this", "image.jpg and e.g. this");
}

TEST(handle_keeps_trailing_punctuation)
{
	EXPECT("FROM @CHLOE.OFFICIAL: 'HI'", "FROM [handle]: 'HI'");
	EXPECT("@KM_BRUM98.", "[handle].");
}

TEST(at_a_time_is_not_a_handle)
{
	EXPECT("meet @5pm or @ 6", "meet @5pm or @ 6");
}

TEST(ipv4_and_ipv6)
{
	EXPECT("81.2.69.160", "[ip]");
	EXPECT("2001:db8::1", "[ip]");
	EXPECT("12:30:45", "12:30:45");
	EXPECT("1.2.3.4.5", "1.2.3.4.5");
}

TEST(card_only_when_luhn_valid)
{
	EXPECT("4111 1111 1111 1111", "[card]");
	EXPECT("4111-1111-1111-1111", "[card]");
	EXPECT("4111 1111 1111 1112", "4111 1111 1111 1112");
}

TEST(ordinary_text_survives)
{
	const char *s = "8N, 86/2, 105A at 07:45, 23.30, 2300hrs; £500, £1,250.00 in 2019; "
			"aged 15, a 15 year old; CR-2023-5002, 20/123456/21, INC-20231017-3517.";
	EXPECT(s, s);
}

TEST(utf8_is_untouched)
{
	EXPECT("Zoë — café “quoted” 😀", "Zoë — café “quoted” 😀");
	EXPECT("Zoë—07700 900123", "Zoë—[phone]");
}

TEST(empty_input)
{
	struct strbuf out = STRBUF_INIT;
	redact_text(NULL, "", 0, &out, NULL);
	CHECK_INT(out.len, 0);
	CHECK_STR(strbuf_str(&out), "");
	strbuf_free(&out);
}

TEST(input_with_nul_bytes_is_kept_by_length)
{
	struct strbuf out = STRBUF_INIT;
	redact_text(NULL, "a\0b 07700900123", 15, &out, NULL);
	CHECK_INT(out.len, 11);
	CHECK(memcmp(out.data, "a\0b [phone]", 11) == 0);
	strbuf_free(&out);
}

TEST(appends_to_existing_output)
{
	struct strbuf out = STRBUF_INIT;
	strbuf_append_str(&out, "> ");
	redact_text(NULL, "B44 8PU", 7, &out, NULL);
	CHECK_STR(strbuf_str(&out), "> [postcode]");
	strbuf_free(&out);
}

TEST(counts_add_up_per_category)
{
	struct redact_counts counts = {{0}};
	char *got = redact_with(NULL, "07700 900123, 07700 900124, B44 8PU", &counts);
	CHECK_STR(got, "[phone], [phone], [postcode]");
	free(got);
	got = redact_with(NULL, "a@example.com", &counts);
	free(got);
	CHECK_INT(counts.n[REDACT_PHONE], 2);
	CHECK_INT(counts.n[REDACT_POSTCODE], 1);
	CHECK_INT(counts.n[REDACT_EMAIL], 1);
	CHECK_INT(counts.n[REDACT_NAME], 0);
}

TEST(category_names_match_tokens)
{
	CHECK_STR(redact_category_name(REDACT_PHONE), "phone");
	CHECK_STR(redact_category_name(REDACT_NI_NUMBER), "ni-number");
	CHECK_STR(redact_category_name(REDACT_NAME), "name");
	CHECK_STR(redact_category_name(REDACT_CATEGORY_COUNT), "?");
}

/* Writes text to a new temporary file; caller removes it and frees the path. */
static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/test_redact_XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

TEST(user_list_whole_words_any_case)
{
	char *path = write_temp("# people\nKieran Malley\n\n  Sutton Park  \r\nAbdul\n");
	struct redactor *r = redactor_new();
	CHECK_INT(redactor_add_list(r, path), STATUS_OK);
	char *got = redact_with(r, "KIERAN MALLEY went to sutton park; Abdul, Abdullah.", NULL);
	CHECK_STR(got, "[name] went to [name]; [name], Abdullah.");
	free(got);
	got = redact_with(r, "Kieran alone, people # not a name", NULL);
	CHECK_STR(got, "Kieran alone, people # not a name");
	free(got);
	redactor_free(r);
	remove(path);
	free(path);
}

TEST(user_list_missing_file_is_io_error)
{
	struct redactor *r = redactor_new();
	CHECK_INT(redactor_add_list(r, "/nonexistent/redact-list"), STATUS_IO);
	redactor_free(r);
}

TEST(term_whole_and_word_by_word)
{
	struct redactor *r = redactor_new();
	redactor_add_term(r, "Mr Jamal Marsh", REDACT_NAME);
	char *got = redact_with(r, "JAMAL MARSH, Marsh's car; Jamal. Mr Smith; Marshall.", NULL);
	CHECK_STR(got, "[name], [name]'s car; [name]. Mr Smith; Marshall.");
	free(got);
	redactor_free(r);
}

TEST(term_parts_need_two_letters)
{
	struct redactor *r = redactor_new();
	redactor_add_term(r, "J Smith", REDACT_NAME);
	char *got = redact_with(r, "J Smith and J Bloggs met Smith.", NULL);
	CHECK_STR(got, "[name] and J Bloggs met [name].");
	free(got);
	redactor_free(r);
}

TEST(term_other_category_is_whole_only)
{
	struct redactor *r = redactor_new();
	redactor_add_term(r, "41 Church Lane", REDACT_POSTCODE);
	char *got = redact_with(r, "at 41 church  lane, not Church Street", NULL);
	CHECK_STR(got, "at [postcode], not Church Street");
	free(got);
	redactor_free(r);
}

TEST(term_utf8_name)
{
	struct redactor *r = redactor_new();
	redactor_add_term(r, "Zoë Wright", REDACT_NAME);
	char *got = redact_with(r, "Mrs Zoë Wright; zoë; Zoëy", NULL);
	CHECK_STR(got, "Mrs [name]; [name]; Zoëy");
	free(got);
	redactor_free(r);
}

TEST(clear_terms_keeps_the_list)
{
	char *path = write_temp("Sutton Park\n");
	struct redactor *r = redactor_new();
	CHECK_INT(redactor_add_list(r, path), STATUS_OK);
	redactor_add_term(r, "Chloe Turner", REDACT_NAME);
	redactor_clear_terms(r);
	char *got = redact_with(r, "Chloe Turner at Sutton Park", NULL);
	CHECK_STR(got, "Chloe Turner at [name]");
	free(got);
	redactor_free(r);
	remove(path);
	free(path);
}

TEST(many_terms_still_match)
{
	struct redactor *r = redactor_new();
	char name[32];
	for (int k = 0; k < 5000; k++) {
		snprintf(name, sizeof(name), "person%d", k);
		redactor_add_term(r, name, REDACT_NAME);
	}
	char *got = redact_with(r, "person0 person4999 person5000", NULL);
	CHECK_STR(got, "[name] [name] person5000");
	free(got);
	redactor_free(r);
}

static double seconds_for(const struct redactor *r, const char *text, size_t len, size_t *out_len)
{
	struct strbuf out = STRBUF_INIT;
	clock_t start = clock();
	redact_text(r, text, len, &out, NULL);
	double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
	*out_len = out.len;
	strbuf_free(&out);
	return secs;
}

/* 1 MB of realistic notes and 1 MB of each pathological shape finish in well under a
 * second each (generous: the build may carry sanitizers). */
TEST(one_megabyte_is_fast)
{
	static const char *const units[] = {
	    "Suspect Chloe TURNER, DOB 10/03/2004, 07700 900911, a.b@example.com, B44 8PU. ",
	    "a.",
	    "a",
	    "1.",
	    "@",
	    "0",
	    "a-",
	    "1 ",
	    "::",
	    "aa11 ",
	    "4111 "};
	struct redactor *r = redactor_new();
	redactor_add_term(r, "Chloe Turner", REDACT_NAME);
	size_t len = 1 << 20;
	char *text = malloc(len);
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		size_t n = strlen(units[u]);
		for (size_t k = 0; k < len; k++)
			text[k] = units[u][k % n];
		size_t out_len;
		double secs = seconds_for(r, text, len, &out_len);
		printf("# %-14s 1 MB in %.3f s\n", units[u][0] == 'S' ? "notes" : units[u], secs);
		CHECK(secs < tap_time_limit(2.0));
		CHECK(out_len > 0);
	}
	free(text);
	redactor_free(r);
}

/* Per category: true positives, false negatives, false positives. */
struct tally {
	size_t tp, fn, fp;
};

static int category_of(const char *name)
{
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++)
		if (!strcmp(name, redact_category_name((enum redact_category)c)))
			return c;
	return -1;
}

/* Splits line at tabs into at most 3 fields; returns how many. */
static int split_tabs(char *line, char **fields)
{
	int n = 0;
	fields[n++] = line;
	for (char *p = line; *p && n < 3; p++) {
		if (*p == '\t') {
			*p = '\0';
			fields[n++] = p + 1;
		}
	}
	return n;
}

static void judge(const char *out, int want, const char *secret, struct tally *t, int lineno)
{
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++) {
		char token[32];
		snprintf(token, sizeof(token), "[%s]",
			 redact_category_name((enum redact_category)c));
		bool has = strstr(out, token) != NULL;
		if (c == want) {
			if (has && !strstr(out, secret)) {
				t[c].tp++;
			} else {
				t[c].fn++;
				printf("# corpus:%d: missed %s in \"%s\"\n", lineno, token, out);
			}
		} else if (has) {
			t[c].fp++;
			printf("# corpus:%d: unexpected %s in \"%s\"\n", lineno, token, out);
		}
	}
}

static void print_rate(const char *what, const struct tally *t)
{
	double recall = t->tp + t->fn ? 100.0 * (double)t->tp / (double)(t->tp + t->fn) : 100.0;
	double precision = t->tp + t->fp ? 100.0 * (double)t->tp / (double)(t->tp + t->fp) : 100.0;
	printf("# %-10s recall %6.2f%% precision %6.2f%% (tp %zu, fn %zu, fp %zu)\n", what, recall,
	       precision, t->tp, t->fn, t->fp);
}

TEST(corpus_recall_and_precision)
{
	char *path = tap_fixture("redact/corpus.tsv");
	FILE *f = path ? fopen(path, "r") : NULL;
	CHECK(f != NULL);
	free(path);
	if (!f)
		return;
	struct tally t[REDACT_CATEGORY_COUNT] = {{0, 0, 0}};
	struct tally none = {0, 0, 0};
	size_t positives = 0, negatives = 0;
	struct redactor *r = redactor_new();
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	int lineno = 0;
	while ((got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (!got || line[0] == '#')
			continue;
		char *fields[3];
		int n = split_tabs(line, fields);
		CHECK_INT(n, 3);
		if (n != 3)
			continue;
		if (!strcmp(fields[0], "term")) {
			redactor_add_term(r, fields[2],
					  (enum redact_category)category_of(fields[1]));
			continue;
		}
		char *out = redact_with(r, fields[2], NULL);
		if (!strcmp(fields[0], "none")) {
			negatives++;
			if (strcmp(out, fields[2])) {
				none.fn++;
				judge(out, -1, "", t, lineno);
			} else {
				none.tp++;
			}
		} else {
			int c = category_of(fields[0]);
			CHECK(c >= 0);
			positives++;
			if (c >= 0)
				judge(out, c, fields[1], t, lineno);
		}
		free(out);
	}
	free(line);
	fclose(f);
	redactor_free(r);

	struct tally all = {0, 0, 0};
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++) {
		print_rate(redact_category_name((enum redact_category)c), &t[c]);
		all.tp += t[c].tp;
		all.fn += t[c].fn;
		all.fp += t[c].fp;
		CHECK(t[c].tp >= 10);
	}
	print_rate("overall", &all);
	printf("# %zu positive and %zu negative snippets; %zu negatives unchanged\n", positives,
	       negatives, none.tp);
	CHECK(positives >= 120);
	CHECK(negatives >= 100);
	CHECK_INT(all.fn, 0);
	CHECK(all.tp * 100 >= 95 * (all.tp + all.fp));
}

TEST(term_address_whole_parts_and_street)
{
	struct redactor *r = redactor_new();
	redactor_add_term(r, "Flat 2, 88 Park Road, Tipton", REDACT_ADDRESS);
	char *got = redact_with(
		r, "At Flat 2, 88 Park Road, Tipton; later 88 PARK ROAD and park road.", NULL);
	CHECK_STR(got, "At [address]; later [address] and [address].");
	free(got);
	got = redact_with(r, "A flat 2 miles from Tipton.", NULL);
	CHECK_STR(got, "A flat 2 miles from Tipton.");
	free(got);
	redactor_free(r);
}

TEST(personal_fields_from_headers)
{
	enum redact_category c = REDACT_PHONE;
	CHECK(redactor_field_personal(NULL, "victim_name", "Victim Name", &c));
	CHECK_INT(c, REDACT_NAME);
	CHECK(redactor_field_personal(NULL, "address", "Address", &c));
	CHECK_INT(c, REDACT_ADDRESS);
	CHECK(redactor_field_personal(NULL, "date_of_birth", NULL, &c));
	CHECK_INT(c, REDACT_DOB);
	CHECK(!redactor_field_personal(NULL, "offence_title", "Offence Title", &c));
	CHECK(!redactor_field_personal(NULL, NULL, NULL, &c));
}

TEST(personal_option_names_a_field_with_or_without_category)
{
	struct redactor *r = redactor_new();
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(redactor_add_personal(r, "Officer in Case", &error), STATUS_OK);
	CHECK_INT(redactor_add_personal(r, "beat:address", &error), STATUS_OK);
	CHECK_INT(redactor_add_personal(r, "Time: Start", &error), STATUS_OK);
	CHECK_INT(redactor_add_personal(r, "home_tel", &error), STATUS_OK);
	CHECK_STR(redactor_personal_column(r, 0), "Officer in Case");
	CHECK_STR(redactor_personal_column(r, 1), "beat");
	CHECK_STR(redactor_personal_column(r, 2), "Time: Start");
	CHECK(redactor_personal_column(r, 4) == NULL);
	enum redact_category c = REDACT_PHONE;
	CHECK(redactor_field_personal(r, "officer_in_case", "Officer in Case", &c));
	CHECK_INT(c, REDACT_NAME);
	CHECK(redactor_field_personal(r, "beat", "Location Beat", &c));
	CHECK_INT(c, REDACT_ADDRESS);
	CHECK(redactor_field_personal(r, "home_tel", "Home Tel", &c));
	CHECK_INT(c, REDACT_PHONE);
	CHECK(!redactor_field_personal(r, "offence_title", "Offence Title", &c));
	CHECK_INT(redactor_add_personal(r, " :name", &error), STATUS_BAD_QUERY);
	CHECK_STR(strbuf_str(&error), "--personal \" :name\": which field? (COL or COL:CATEGORY)");
	strbuf_free(&error);
	redactor_free(r);
}

/* The redaction of one value of the record last begun. */
static char *record_value(const struct redactor *r, const struct redact_field *f,
			  struct redact_counts *counts)
{
	struct strbuf out = STRBUF_INIT;
	redact_record_value(r, f, &out, counts);
	return strbuf_detach(&out);
}

TEST(record_masks_personal_fields_and_their_values_in_the_notes)
{
	struct redactor *r = redactor_new();
	const struct redact_field fields[] = {
		{"victim_name", "Victim Name", "Priya Clarke-Singh"},
		{"address", "Address", "17 Mill Lane, Walsall"},
		{"offence_title", "Offence Title", "Harassment"},
		{"dob", "DOB", "02/03/1990"},
	};
	struct redact_counts counts = {{0}};
	redact_record_begin(r, fields, 4);
	char *got = record_value(r, &fields[0], &counts);
	CHECK_STR(got, "[name]");
	free(got);
	got = record_value(r, &fields[1], &counts);
	CHECK_STR(got, "[address]");
	free(got);
	got = record_value(r, &fields[2], &counts);
	CHECK_STR(got, "Harassment");
	free(got);
	got = redact_with(r, "PRIYA said Singh of Mill Lane (born 02/03/1990) called Ms Clarke.",
			  &counts);
	CHECK_STR(got, "[name] said [name] of [address] (born [dob]) called Ms [name].");
	free(got);
	CHECK_INT(counts.n[REDACT_NAME], 4);
	CHECK_INT(counts.n[REDACT_ADDRESS], 2);
	CHECK_INT(counts.n[REDACT_DOB], 1);
	CHECK_INT(redact_counts_total(&counts), 7);
	redactor_free(r);
}

TEST(record_terms_are_the_last_records_only)
{
	struct redactor *r = redactor_new();
	const struct redact_field first = {"victim_name", "Victim Name", "Chloe Turner"};
	const struct redact_field second = {"victim_name", "Victim Name", "Jamal Marsh"};
	redact_record_begin(r, &first, 1);
	redact_record_begin(r, &second, 1);
	char *got = redact_with(r, "Chloe met Jamal.", NULL);
	CHECK_STR(got, "Chloe met [name].");
	free(got);
	redactor_free(r);
}

TEST(record_values_that_name_no_one_stay)
{
	struct redactor *r = redactor_new();
	const struct redact_field fields[] = {
		{"victim_name", "Victim Name", "Not Known"},
		{"suspect_name", "Suspect Name", "unknown"},
		{"address", "Address", NULL},
	};
	struct redact_counts counts = {{0}};
	redact_record_begin(r, fields, 3);
	char *got = record_value(r, &fields[0], &counts);
	CHECK_STR(got, "Not Known");
	free(got);
	got = record_value(r, &fields[2], &counts);
	CHECK_STR(got, "");
	free(got);
	got = redact_with(r, "Suspect not known; owner unknown.", &counts);
	CHECK_STR(got, "Suspect not known; owner unknown.");
	free(got);
	CHECK_INT(redact_counts_total(&counts), 0);
	redactor_free(r);
}

TEST(record_other_values_go_through_the_rules)
{
	struct redactor *r = redactor_new();
	const struct redact_field f = {"contact", "Contact", "ring 07700 900123 after 6"};
	redact_record_begin(r, &f, 1);
	struct redact_counts counts = {{0}};
	char *got = record_value(r, &f, &counts);
	CHECK_STR(got, "ring [phone] after 6");
	free(got);
	CHECK_INT(counts.n[REDACT_PHONE], 1);
	struct redact_counts more = {{0}};
	more.n[REDACT_PHONE] = 2;
	more.n[REDACT_NAME] = 1;
	redact_counts_add(&counts, &more);
	CHECK_INT(counts.n[REDACT_PHONE], 3);
	CHECK_INT(counts.n[REDACT_NAME], 1);
	redactor_free(r);
}

TAP_MAIN(phone_and_email_in_one_sentence, phone_written_forms, phone_needs_a_whole_number,
	 dates_and_times_are_not_phones, email_keeps_sentence_full_stop,
	 email_needs_a_dotted_domain, postcode_any_case_with_or_without_space,
	 outward_code_alone_survives, vehicle_current_prefix_suffix,
	 vehicle_lower_case_needs_context, vehicle_word_group_survives,
	 ni_number_with_and_without_spaces, ni_number_with_invalid_prefix_survives,
	 dob_keeps_the_label, other_dates_survive, url_with_and_without_scheme,
	 file_names_are_not_urls, handle_keeps_trailing_punctuation, at_a_time_is_not_a_handle,
	 ipv4_and_ipv6, card_only_when_luhn_valid, ordinary_text_survives, utf8_is_untouched,
	 empty_input, input_with_nul_bytes_is_kept_by_length, appends_to_existing_output,
	 counts_add_up_per_category, category_names_match_tokens, user_list_whole_words_any_case,
	 user_list_missing_file_is_io_error, term_whole_and_word_by_word,
	 term_parts_need_two_letters, term_other_category_is_whole_only, term_utf8_name,
	 clear_terms_keeps_the_list, many_terms_still_match, one_megabyte_is_fast,
	 corpus_recall_and_precision, term_address_whole_parts_and_street,
	 personal_fields_from_headers, personal_option_names_a_field_with_or_without_category,
	 record_masks_personal_fields_and_their_values_in_the_notes,
	 record_terms_are_the_last_records_only, record_values_that_name_no_one_stay,
	 record_other_values_go_through_the_rules)
