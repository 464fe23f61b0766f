/* test_fieldname.c - field names, role guesses and kinds from headers, files and values. */
#include <limits.h>

#include "crimeview/fieldname.h"
#include "crimeview/strbuf.h"
#include "tap.h"

static void check_name(const char *header, size_t position, const char *want, int line)
{
	char *got = field_name_from_header(header, position);
	if (strcmp(got, want) != 0) {
		tap_failed_checks++;
		printf("# line %d: name of \"%s\" is \"%s\", want \"%s\"\n", line, header, got,
		       want);
	}
	free(got);
}
#define CHECK_NAME(header, position, want) check_name(header, position, want, __LINE__)

/* The names for n headers, joined with spaces. Caller frees. */
static char *names_joined(const char *const *headers, size_t n)
{
	char **names = field_names_for_headers(headers, n);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		strbuf_appendf(&sb, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	free(names);
	return strbuf_detach(&sb);
}

/* The role of a header and its rank (-1 when it has none), as "date:3". */
static const char *guess(const char *header)
{
	static char buf[32];
	int rank = -1;
	enum field_role role = field_role_guess(header, &rank);
	snprintf(buf, sizeof(buf), "%s:%d", field_role_name(role), role ? rank : -1);
	return buf;
}

static int rank_of(const char *header)
{
	int rank = INT_MAX;
	field_role_guess(header, &rank);
	return rank;
}

TEST(role_names_round_trip)
{
	for (int role = FIELD_ROLE_REF; role < FIELD_ROLE_COUNT; role++) {
		enum field_role parsed = FIELD_ROLE_NONE;
		CHECK(field_role_parse(field_role_name((enum field_role)role), &parsed));
		CHECK_INT(parsed, role);
	}
	CHECK_STR(field_role_name(FIELD_ROLE_NOTES), "notes");
	CHECK_STR(field_role_name(FIELD_ROLE_NONE), "");
}

TEST(role_parse_ignores_case_and_rejects_unknown_words)
{
	enum field_role role = FIELD_ROLE_NONE;
	CHECK(field_role_parse("DATE", &role) && role == FIELD_ROLE_DATE);
	role = FIELD_ROLE_NONE;
	CHECK(!field_role_parse("", &role));
	CHECK(!field_role_parse("reference", &role));
	CHECK(!field_role_parse(NULL, &role));
	CHECK_INT(role, FIELD_ROLE_NONE);
}

TEST(name_lowercases_and_joins_words_with_underscores)
{
	CHECK_NAME("Offence Title", 1, "offence_title");
	CHECK_NAME("VICTIM AGE", 1, "victim_age");
	CHECK_NAME("ReportedDate", 1, "reporteddate");
	CHECK_NAME("Area 51", 1, "area_51");
}

TEST(name_collapses_runs_and_trims_underscores)
{
	CHECK_NAME("Crime No.", 1, "crime_no");
	CHECK_NAME("  Date / Time  ", 1, "date_time");
	CHECK_NAME("__ref__", 1, "ref");
	CHECK_NAME("(Outcome) - Status?", 1, "outcome_status");
}

TEST(name_turns_non_ascii_into_underscores)
{
	CHECK_NAME("D\xC3\xA9tail", 1, "d_tail");
	CHECK_NAME("\xE2\x82\xAC value", 1, "value");
	CHECK_NAME("Age\xC2\xA0(years)", 1, "age_years");
}

TEST(name_of_empty_or_symbol_header_is_column_position)
{
	CHECK_NAME("", 3, "column_3");
	CHECK_NAME("  --  ", 12, "column_12");
	CHECK_NAME("\xC2\xA3", 1, "column_1");
	CHECK_NAME(NULL, 2, "column_2");
}

TEST(names_of_distinct_headers_are_their_plain_names)
{
	const char *headers[] = {"Crime Number", "Recorded Date", "MO"};
	char *s = names_joined(headers, 3);
	CHECK_STR(s, "crime_number recorded_date mo");
	free(s);
}

TEST(names_repeated_get_numbered_suffixes)
{
	const char *headers[] = {"Notes", "notes", "NOTES!", "Notes"};
	char *s = names_joined(headers, 4);
	CHECK_STR(s, "notes notes_2 notes_3 notes_4");
	free(s);
}

TEST(names_suffix_skips_a_name_another_header_has)
{
	const char *headers[] = {"Ref", "Ref", "Ref 2"};
	char *s = names_joined(headers, 3);
	CHECK_STR(s, "ref ref_3 ref_2");
	free(s);
	const char *headers2[] = {"Ref 2", "Ref", "Ref", "ref_3"};
	s = names_joined(headers2, 4);
	CHECK_STR(s, "ref_2 ref ref_4 ref_3");
	free(s);
}

TEST(names_of_blank_headers_stay_unique)
{
	const char *headers[] = {"", "Column 1", "", "x"};
	char *s = names_joined(headers, 4);
	CHECK_STR(s, "column_1 column_1_2 column_3 x");
	free(s);
}

TEST(names_of_no_headers_is_an_empty_array)
{
	char **names = field_names_for_headers(NULL, 0);
	CHECK(names != NULL);
	free(names);
}

TEST(matches_by_name_exactly)
{
	CHECK(field_name_matches("offence_title", "offence_title", "Offence Title"));
	CHECK(!field_name_matches("offence", "offence_title", "Offence Title"));
	CHECK(!field_name_matches("offence_title ", "offence_title", "Offence_Title!"));
}

TEST(matches_by_header_in_any_case_and_spacing)
{
	CHECK(field_name_matches("Offence Title", "offence_title", "Offence Title"));
	CHECK(field_name_matches("OFFENCE TITLE", "offence_title", "Offence Title"));
	CHECK(field_name_matches("  offence title ", "offence_title", " Offence Title"));
	CHECK(field_name_matches("Crime No.", "crime_no", "Crime No."));
	CHECK(!field_name_matches("Offence  Title", "offence_title", "Offence Title"));
	CHECK(!field_name_matches("", "column_1", ""));
	CHECK(!field_name_matches("x", "x_2", NULL));
}

TEST(guess_finds_common_reference_headers)
{
	CHECK_STR(guess("Crime Number"), "ref:0");
	CHECK_STR(guess("Crime Reference"), "ref:1");
	CHECK_STR(guess("Crime Ref"), "ref:3");
	CHECK_STR(guess("Crime No."), "ref:6");
	CHECK_STR(guess("Crime ID"), "ref:8");
	CHECK_STR(guess("Incident Number"), "ref:9");
	CHECK_STR(guess("Incident No"), "ref:14");
	CHECK_STR(guess("Occurrence Number"), "ref:17");
	CHECK_STR(guess("URN"), "ref:33");
	CHECK_STR(guess("CCN"), "ref:34");
	CHECK_STR(guess("Reference"), "ref:37");
}

TEST(guess_ignores_case_punctuation_and_underscores)
{
	CHECK_STR(guess("CRIME_NUMBER"), "ref:0");
	CHECK_STR(guess("CrimeNumber"), "ref:0");
	CHECK_STR(guess("crime-no"), "ref:6");
	CHECK_STR(guess("ReportedDate"), guess("Reported Date"));
	CHECK_STR(guess("M.O."), "notes:0");
	CHECK_STR(guess(" Recorded Date "), "date:0");
}

TEST(guess_finds_common_date_headers)
{
	CHECK_STR(guess("Recorded Date"), "date:0");
	CHECK_STR(guess("Date Recorded"), "date:1");
	CHECK_STR(guess("Reported Date"), "date:6");
	CHECK_STR(guess("ReportedDate"), "date:6");
	CHECK_STR(guess("Date Reported"), "date:7");
	CHECK_STR(guess("Date Received"), "date:13");
	CHECK_STR(guess("Incident Date"), "date:18");
	CHECK_STR(guess("Offence Date"), "date:21");
	CHECK_STR(guess("Committed Date"), "date:27");
	CHECK_STR(guess("Date"), "date:31");
	CHECK_STR(guess("Month"), "date:32");
}

TEST(guess_ranks_recorded_before_committed_before_date_before_month)
{
	CHECK(rank_of("Recorded Date") < rank_of("Date Recorded"));
	CHECK(rank_of("Date Recorded") < rank_of("Reported Date"));
	CHECK(rank_of("Reported Date") < rank_of("Date Received"));
	CHECK(rank_of("Offence Date") < rank_of("Committed Date"));
	CHECK(rank_of("Committed Date") < rank_of("Date"));
	CHECK(rank_of("Date") < rank_of("Month"));
}

TEST(guess_gives_no_role_to_other_dates)
{
	CHECK_STR(guess("Date Actioned"), ":-1");
	CHECK_STR(guess("updateDate"), ":-1");
	CHECK_STR(guess("Outcome Date"), ":-1");
	CHECK_STR(guess("Date of Birth"), ":-1");
	CHECK_STR(guess("DOB"), ":-1");
	CHECK_STR(guess("Last Updated"), ":-1");
	CHECK_STR(guess("Date Closed"), ":-1");
	CHECK_STR(guess("Year"), ":-1");
}

TEST(guess_finds_common_notes_headers)
{
	CHECK_STR(guess("MO"), "notes:0");
	CHECK_STR(guess("MO Text"), "notes:1");
	CHECK_STR(guess("Notes"), "notes:6");
	CHECK_STR(guess("Incident Summary"), "notes:10");
	CHECK_STR(guess("Summary"), "notes:12");
	CHECK_STR(guess("Details"), "notes:14");
	CHECK_STR(guess("Detail"), "notes:15");
	CHECK_STR(guess("Narrative"), "notes:5");
	CHECK_STR(guess("Comments"), "notes:21");
}

TEST(guess_keeps_description_out_of_the_notes)
{
	CHECK_STR(guess("Description"), ":-1");
	CHECK_STR(guess("Offence Description"), ":-1");
	CHECK_STR(guess("Incident Description"), ":-1");
	CHECK_STR(guess("Description of Incident"), "notes:13");
}

TEST(guess_finds_kind_headers)
{
	CHECK_STR(guess("Record Type"), "kind:0");
	CHECK_STR(guess("Kind"), "kind:1");
	CHECK_STR(guess("Crime or Incident"), "kind:2");
	CHECK_STR(guess("Crime Type"), ":-1");
	CHECK_STR(guess("Type"), ":-1");
}

TEST(guess_leaves_rank_alone_without_a_role)
{
	int rank = 42;
	CHECK_INT(field_role_guess("Offence Title", &rank), FIELD_ROLE_NONE);
	CHECK_INT(rank, 42);
	CHECK_INT(field_role_guess("", &rank), FIELD_ROLE_NONE);
	CHECK_INT(field_role_guess(NULL, &rank), FIELD_ROLE_NONE);
	CHECK_INT(rank, 42);
	CHECK_INT(field_role_guess("Date", NULL), FIELD_ROLE_DATE);
}

TEST(guess_ignores_words_inside_longer_headers)
{
	CHECK_STR(guess("Linked Crime Number"), ":-1");
	CHECK_STR(guess("Victim Notes Flag"), ":-1");
	CHECK_STR(guess("Reference Date"), ":-1");
	CHECK_STR(guess("Dates"), ":-1");
}

TEST(guess_reads_the_whole_name_not_its_first_word)
{
	/* "Crime ..." and "Incident ..." headers fall in every role: the rest decides. */
	CHECK_STR(guess("Crime Incident"), "kind:4");
	CHECK_STR(guess("Incident Ref"), "ref:12");
	CHECK_STR(guess("Incident Notes"), "notes:8");
	CHECK_STR(guess("Incident Date"), "date:18");
	CHECK_STR(guess("Crime Date"), "date:26");
	CHECK_STR(guess("Crime Notes"), "notes:7");
	CHECK_STR(guess("Case Number"), "ref:24");
}

TEST(kind_from_ref_header_reads_its_first_word)
{
	CHECK_STR(field_kind_from_ref_header("Crime Reference"), "crime");
	CHECK_STR(field_kind_from_ref_header("CRIME NO."), "crime");
	CHECK_STR(field_kind_from_ref_header("CrimeNo"), "crime");
	CHECK_STR(field_kind_from_ref_header("Crimes Ref"), "crime");
	CHECK_STR(field_kind_from_ref_header("Incident Number"), "incident");
	CHECK_STR(field_kind_from_ref_header("IncidentID"), "incident");
}

TEST(kind_from_ref_header_is_null_for_other_references)
{
	CHECK_STR(field_kind_from_ref_header("URN"), NULL);
	CHECK_STR(field_kind_from_ref_header("Reference"), NULL);
	CHECK_STR(field_kind_from_ref_header("Linked Crime Number"), NULL);
	CHECK_STR(field_kind_from_ref_header("CrimeStoppers Ref"), NULL);
	CHECK_STR(field_kind_from_ref_header(""), NULL);
}

TEST(kind_from_file_name_finds_the_word)
{
	CHECK_STR(field_kind_from_file_name("sample-data/crimes.csv"), "crime");
	CHECK_STR(field_kind_from_file_name("crime.csv"), "crime");
	CHECK_STR(field_kind_from_file_name("/data/2023_CRIMES_export.CSV"), "crime");
	CHECK_STR(field_kind_from_file_name("west-midlands-incidents-2023.csv"), "incident");
	CHECK_STR(field_kind_from_file_name("incident2024.csv"), "incident");
}

TEST(kind_from_file_name_ignores_words_inside_words)
{
	CHECK_STR(field_kind_from_file_name("crimestoppers.csv"), NULL);
	CHECK_STR(field_kind_from_file_name("cybercrime.csv"), NULL);
	CHECK_STR(field_kind_from_file_name("export.csv"), NULL);
	CHECK_STR(field_kind_from_file_name(""), NULL);
}

TEST(kind_from_file_name_reads_only_the_base_name)
{
	CHECK_STR(field_kind_from_file_name("crimes/2023-export.csv"), NULL);
	CHECK_STR(field_kind_from_file_name("incidents/crimes.csv"), "crime");
}

TEST(kind_from_file_name_naming_both_is_null)
{
	CHECK_STR(field_kind_from_file_name("crimes-and-incidents.csv"), NULL);
}

TEST(kind_from_value_reads_crime_words)
{
	CHECK_STR(field_kind_from_value("Crime", 5), "crime");
	CHECK_STR(field_kind_from_value("CRIME", 5), "crime");
	CHECK_STR(field_kind_from_value("crime record", 12), "crime");
	CHECK_STR(field_kind_from_value("C", 1), "crime");
	CHECK_STR(field_kind_from_value("c", 1), "crime");
	CHECK_STR(field_kind_from_value("Recorded Crime", 14), "crime");
	CHECK_STR(field_kind_from_value("Crimes", 6), "crime");
	CHECK_STR(field_kind_from_value("CR", 2), "crime");
}

TEST(kind_from_value_reads_incident_words)
{
	CHECK_STR(field_kind_from_value("Incident", 8), "incident");
	CHECK_STR(field_kind_from_value("INC", 3), "incident");
	CHECK_STR(field_kind_from_value("I", 1), "incident");
	CHECK_STR(field_kind_from_value("i", 1), "incident");
	CHECK_STR(field_kind_from_value("incident log", 12), "incident");
	CHECK_STR(field_kind_from_value("Non-Crime Incident", 18), "incident");
	CHECK_STR(field_kind_from_value("INCIDENTS", 9), "incident");
}

TEST(kind_from_value_is_null_for_anything_else)
{
	CHECK_STR(field_kind_from_value("Other", 5), NULL);
	CHECK_STR(field_kind_from_value("", 0), NULL);
	CHECK_STR(field_kind_from_value("   ", 3), NULL);
	CHECK_STR(field_kind_from_value("Crime/Incident", 14), NULL);
	CHECK_STR(field_kind_from_value("Non-crime", 9), NULL);
	CHECK_STR(field_kind_from_value("Cyber", 5), NULL);
	CHECK_STR(field_kind_from_value("Criminal", 8), NULL);
	CHECK_STR(field_kind_from_value("CI", 2), NULL);
	CHECK_STR(field_kind_from_value("Incidental", 10), NULL);
	CHECK_STR(field_kind_from_value(NULL, 0), NULL);
}

TEST(kind_from_value_ignores_surrounding_spaces)
{
	CHECK_STR(field_kind_from_value("  Crime ", 8), "crime");
	CHECK_STR(field_kind_from_value("\tI\r\n", 4), "incident");
}

TEST(kind_from_value_reads_only_len_bytes)
{
	CHECK_STR(field_kind_from_value("Crime,Incident", 5), "crime");
	CHECK_STR(field_kind_from_value("INCident", 3), "incident");
}

static void check_personal(const char *header, const char *want, int line)
{
	const char *got = field_personal_name(field_personal_guess(header));
	if (strcmp(got, want) != 0) {
		tap_failed_checks++;
		printf("# line %d: \"%s\" is personal \"%s\", want \"%s\"\n", line, header, got,
		       want);
	}
}
#define CHECK_PERSONAL(header, want) check_personal(header, want, __LINE__)

TEST(personal_finds_names_of_people)
{
	CHECK_PERSONAL("Name", "name");
	CHECK_PERSONAL("Victim Name", "name");
	CHECK_PERSONAL("Suspect Name", "name");
	CHECK_PERSONAL("SURNAME", "name");
	CHECK_PERSONAL("Forename(s)", "name");
	CHECK_PERSONAL("First Name", "name");
	CHECK_PERSONAL("FirstName", "name");
	CHECK_PERSONAL("Victim's Surname", "name");
	CHECK_PERSONAL("Name of IP", "name");
	CHECK_PERSONAL("Suspect 1 Name", "name");
	CHECK_PERSONAL("Reporting Officer Name", "name");
	CHECK_PERSONAL("known_as", "");
	CHECK_PERSONAL("Also Known As Name", "");
}

TEST(personal_leaves_names_of_things_alone)
{
	CHECK_PERSONAL("Offence Name", "");
	CHECK_PERSONAL("Station Name", "");
	CHECK_PERSONAL("File Name", "");
	CHECK_PERSONAL("Business Name", "");
	CHECK_PERSONAL("Officer in Case", "");
	CHECK_PERSONAL("Offence Title", "");
	CHECK_PERSONAL("Victim Age", "");
	CHECK_PERSONAL("Victim", "");
	CHECK_PERSONAL("Name Changed", "");
}

TEST(personal_finds_addresses)
{
	CHECK_PERSONAL("Address", "address");
	CHECK_PERSONAL("Victim Address", "address");
	CHECK_PERSONAL("Home Address Line 1", "address");
	CHECK_PERSONAL("Incident Address", "address");
	CHECK_PERSONAL("Street", "address");
	CHECK_PERSONAL("Street Name", "address");
	CHECK_PERSONAL("Location Beat", "");
	CHECK_PERSONAL("Address Verified", "");
}

TEST(personal_finds_dates_of_birth_not_other_dates)
{
	CHECK_PERSONAL("DOB", "dob");
	CHECK_PERSONAL("D.O.B.", "dob");
	CHECK_PERSONAL("Date of Birth", "dob");
	CHECK_PERSONAL("Victim DOB", "dob");
	CHECK_PERSONAL("BirthDate", "dob");
	CHECK_PERSONAL("Place of Birth", "");
	CHECK_PERSONAL("Recorded Date", "");
	CHECK_PERSONAL("Date", "");
}

TEST(personal_finds_phones_and_emails)
{
	CHECK_PERSONAL("Phone", "phone");
	CHECK_PERSONAL("Telephone Number", "phone");
	CHECK_PERSONAL("Tel No.", "phone");
	CHECK_PERSONAL("Mobile", "phone");
	CHECK_PERSONAL("Victim Contact Number", "phone");
	CHECK_PERSONAL("Mobile Phone Stolen", "");
	CHECK_PERSONAL("Email", "email");
	CHECK_PERSONAL("E-mail Address", "email");
	CHECK_PERSONAL("Suspect Email", "email");
	CHECK_PERSONAL("Email Sent", "");
	CHECK_PERSONAL("Platform", "");
	CHECK_PERSONAL("", "");
}

TEST(personal_names_of_kinds)
{
	CHECK_STR(field_personal_name(FIELD_PERSONAL_NAME), "name");
	CHECK_STR(field_personal_name(FIELD_PERSONAL_DOB), "dob");
	CHECK_STR(field_personal_name(FIELD_PERSONAL_NONE), "");
	CHECK_STR(field_personal_name(FIELD_PERSONAL_COUNT), "");
}

TAP_MAIN(role_names_round_trip, role_parse_ignores_case_and_rejects_unknown_words,
	 name_lowercases_and_joins_words_with_underscores,
	 name_collapses_runs_and_trims_underscores, name_turns_non_ascii_into_underscores,
	 name_of_empty_or_symbol_header_is_column_position,
	 names_of_distinct_headers_are_their_plain_names, names_repeated_get_numbered_suffixes,
	 names_suffix_skips_a_name_another_header_has, names_of_blank_headers_stay_unique,
	 names_of_no_headers_is_an_empty_array, matches_by_name_exactly,
	 matches_by_header_in_any_case_and_spacing, guess_finds_common_reference_headers,
	 guess_ignores_case_punctuation_and_underscores, guess_finds_common_date_headers,
	 guess_ranks_recorded_before_committed_before_date_before_month,
	 guess_gives_no_role_to_other_dates, guess_finds_common_notes_headers,
	 guess_keeps_description_out_of_the_notes, guess_finds_kind_headers,
	 guess_leaves_rank_alone_without_a_role, guess_ignores_words_inside_longer_headers,
	 guess_reads_the_whole_name_not_its_first_word, kind_from_ref_header_reads_its_first_word,
	 kind_from_ref_header_is_null_for_other_references, kind_from_file_name_finds_the_word,
	 kind_from_file_name_ignores_words_inside_words,
	 kind_from_file_name_reads_only_the_base_name, kind_from_file_name_naming_both_is_null,
	 kind_from_value_reads_crime_words, kind_from_value_reads_incident_words,
	 kind_from_value_is_null_for_anything_else, kind_from_value_ignores_surrounding_spaces,
	 kind_from_value_reads_only_len_bytes, personal_finds_names_of_people,
	 personal_leaves_names_of_things_alone, personal_finds_addresses,
	 personal_finds_dates_of_birth_not_other_dates, personal_finds_phones_and_emails,
	 personal_names_of_kinds)
