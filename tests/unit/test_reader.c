/* test_reader.c - the CSV reader: quoting, line numbers, encodings, broken files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crimeview/filehash.h"
#include "crimeview/reader.h"
#include "crimeview/strbuf.h"
#include "tap.h"

static char tmp_path[64];

static void write_file(const void *data, size_t len)
{
	snprintf(tmp_path, sizeof(tmp_path), "/tmp/cv-reader-%ld.csv", (long)getpid());
	FILE *f = fopen(tmp_path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

/*
 * Reads the file at tmp_path, block_size bytes at a time (0: the default), and describes
 * every record, one per line: "LINE:a|b|c" for a good record (the header too),
 * "LINE!problem" for a bad one. Caller frees.
 */
static char *describe_records(enum text_encoding encoding, size_t block_size)
{
	/* The line end and the last byte as the importer has them: from the pre-import scan. */
	struct file_facts facts;
	if (file_facts_scan(tmp_path, &facts) != STATUS_OK)
		return xstrdup("scan failed");
	struct reader_options options = {
		.encoding = encoding,
		.line_end = facts.line_end,
		.ends_with_newline = facts.ends_with_newline,
		.block_size = block_size,
	};
	struct reader *reader;
	struct strbuf out = STRBUF_INIT;
	if (reader_open(tmp_path, &options, &reader) != STATUS_OK)
		return xstrdup("open failed");
	struct reader_record *rec;
	bool first = true;
	while (reader_next(reader, &rec) == STATUS_OK && rec) {
		if (rec->problem) {
			strbuf_appendf(&out, "%lu!%s\n", rec->line, rec->problem);
			continue;
		}
		strbuf_appendf(&out, "%lu:", rec->line);
		for (size_t i = 0; i < rec->n_fields; i++)
			strbuf_appendf(&out, "%s%s", i ? "|" : "", rec->fields[i]);
		strbuf_append_char(&out, '\n');
		if (first) {
			reader_set_header(reader, (const char *const *)rec->fields, rec->n_fields);
			first = false;
		}
	}
	if (reader_preamble_lines(reader))
		strbuf_appendf(&out, "preamble of %lu: %s\n", reader_preamble_lines(reader),
			       reader_preamble_first(reader));
	reader_free(reader);
	return strbuf_detach(&out);
}

/*
 * describe_records of data as a file. Every file is also read in blocks of 1, 2, 3 and 7
 * bytes, so that each case is also a case of a record, a quote, a CRLF, a BOM or a
 * multi-byte character cut by a block edge: a block size that reads differently is
 * returned instead, and fails the check.
 */
static char *read_records(const char *data, size_t len, enum text_encoding encoding)
{
	static const size_t small_blocks[] = {1, 2, 3, 7};
	write_file(data, len);
	char *want = describe_records(encoding, 0);
	for (size_t i = 0; i < sizeof(small_blocks) / sizeof(small_blocks[0]); i++) {
		char *got = describe_records(encoding, small_blocks[i]);
		if (strcmp(got, want) != 0) {
			struct strbuf differs = STRBUF_INIT;
			strbuf_appendf(&differs, "in blocks of %zu bytes:\n%s", small_blocks[i], got);
			free(got);
			free(want);
			want = strbuf_detach(&differs);
			break;
		}
		free(got);
	}
	unlink(tmp_path);
	return want;
}

#define CHECK_READ(data, want) \
	do { \
		char *got_ = read_records(data, sizeof(data) - 1, TEXT_ENCODING_UTF8); \
		CHECK_STR(got_, want); \
		free(got_); \
	} while (0)

TEST(lf_and_crlf_files_give_the_same_records)
{
	CHECK_READ("a,b\n1,2\n3,4\n", "1:a|b\n2:1|2\n3:3|4\n");
	CHECK_READ("a,b\r\n1,2\r\n3,4\r\n", "1:a|b\n2:1|2\n3:3|4\n");
}

TEST(quoted_field_keeps_commas_quotes_and_line_breaks)
{
	CHECK_READ("a,b\n\"x, \"\"y\"\"\n z\",2\n3,4\n", "1:a|b\n2:x, \"y\"\n z|2\n4:3|4\n");
}

TEST(crlf_inside_quotes_is_kept_and_quoted_last_field_is_clean)
{
	CHECK_READ("a,b\r\n1,\"two\r\nlines\"\r\n3,\"q\"\r\n", "1:a|b\n2:1|two\r\nlines\n4:3|q\n");
}

TEST(record_after_multiline_record_has_its_physical_line)
{
	CHECK_READ("a,b\n1,\"l1\nl2\nl3\"\n2,x\n", "1:a|b\n2:1|l1\nl2\nl3\n5:2|x\n");
}

TEST(blank_lines_are_skipped_and_lines_still_counted)
{
	CHECK_READ("a,b\n\n1,2\n\r\n3,4\n", "1:a|b\n3:1|2\n5:3|4\n");
}

TEST(spaces_around_unquoted_values_are_kept)
{
	CHECK_READ("a,b\n  x , y\n", "1:a|b\n2:  x | y\n");
}

TEST(utf8_byte_order_mark_is_dropped)
{
	CHECK_READ("\xEF\xBB\xBFref,date\n1,2\n", "1:ref|date\n2:1|2\n");
}

TEST(double_encoded_byte_order_mark_is_dropped)
{
	CHECK_READ("\xC3\xAF\xC2\xBB\xC2\xBFref,date\n1,2\n", "1:ref|date\n2:1|2\n");
}

TEST(windows_1252_text_becomes_utf8)
{
	static const char data[] = "a,b\n\xA3" "50,caf\xE9 \x93quoted\x94\n";
	char *got = read_records(data, sizeof(data) - 1, TEXT_ENCODING_CP1252);
	CHECK_STR(got, "1:a|b\n2:\xC2\xA3" "50|caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D\n");
	free(got);
}

TEST(invalid_utf8_is_a_problem_naming_the_column)
{
	CHECK_READ("ref,Notes\n1,ok\n2,caf\xE9\n3,fine\n",
		   "1:ref|Notes\n2:1|ok\n3!invalid UTF-8 (byte 0xE9) in Notes\n4:3|fine\n");
}

TEST(nul_byte_is_a_problem)
{
	static const char data[] = "a,b\n1,x\0y\n2,z\n";
	char *got = read_records(data, sizeof(data) - 1, TEXT_ENCODING_UTF8);
	CHECK_STR(got, "1:a|b\n2!NUL byte in b\n3:2|z\n");
	free(got);
}

TEST(one_megabyte_field_is_read_whole)
{
	size_t big = 1u << 20;
	struct strbuf data = STRBUF_INIT;
	strbuf_append_str(&data, "a,notes\n1,\"");
	for (size_t i = 0; i < big; i++)
		strbuf_append_char(&data, i % 100 == 99 ? '\n' : 'x');
	strbuf_append_str(&data, "\"\n2,after\n");
	write_file(data.data, data.len);
	struct reader_options options = {.encoding = TEXT_ENCODING_UTF8, .line_end = '\n',
					  .ends_with_newline = true};
	struct reader *reader;
	CHECK_INT(reader_open(tmp_path, &options, &reader), STATUS_OK);
	struct reader_record *rec;
	reader_next(reader, &rec);
	reader_set_header(reader, (const char *const *)rec->fields, rec->n_fields);
	reader_next(reader, &rec);
	CHECK(rec && !rec->problem);
	if (rec) {
		CHECK_INT(rec->lens[1], big);
		CHECK_INT(rec->line, 2);
	}
	reader_next(reader, &rec);
	CHECK(rec && !rec->problem);
	if (rec) {
		CHECK_STR(rec->fields[1], "after");
		CHECK_INT(rec->line, 2 + big / 100 + 1);
	}
	reader_free(reader);
	unlink(tmp_path);
	strbuf_free(&data);
}

TEST(empty_file_has_no_records)
{
	char *got = read_records("", 0, TEXT_ENCODING_UTF8);
	CHECK_STR(got, "");
	free(got);
}

TEST(header_only_file_has_just_the_header)
{
	CHECK_READ("a,b,c\r\n", "1:a|b|c\n");
	CHECK_READ("a,b,c", "1:a|b|c\n");
}

TEST(short_row_in_the_middle_is_a_problem)
{
	CHECK_READ("a,b,c\n1,2,3\n4,5\n6,7,8\n", "1:a|b|c\n2:1|2|3\n3!2 fields, expected 3\n4:6|7|8\n");
}

TEST(long_row_is_a_problem)
{
	CHECK_READ("a,b\n1,2,3\n4,5\n", "1:a|b\n2!3 fields, expected 2\n3:4|5\n");
}

TEST(trailing_empty_fields_are_forgiven)
{
	CHECK_READ("a,b\n1,2,,\n", "1:a|b\n2:1|2\n");
}

TEST(file_cut_off_inside_a_record_reports_it_once)
{
	CHECK_READ("a,b,c,d\n1,2,3,4\n5,six\nTRUNC",
		   "1:a|b|c|d\n2:1|2|3|4\n3!the file ends inside this record (lines 3-4, 2 of 4 fields)\n");
}

TEST(file_cut_off_on_one_line_reports_it)
{
	CHECK_READ("a,b,c\n1,2,3\n4,5", "1:a|b|c\n2:1|2|3\n3!the file ends inside this record (2 of 3 fields)\n");
}

TEST(short_rows_at_the_end_of_a_complete_file_are_each_a_problem)
{
	CHECK_READ("a,b,c\n1,2\n3,4\n", "1:a|b|c\n2!2 fields, expected 3\n3!2 fields, expected 3\n");
}

TEST(quote_that_never_closes_does_not_swallow_the_rest)
{
	CHECK_READ("a,b\n1,\"oops\n2,x\n3,y\n",
		   "1:a|b\n2!a quoted field opens on this line and never closes\n3:2|x\n4:3|y\n");
}

TEST(cr_only_line_ends_are_lines)
{
	CHECK_READ("a,b\r1,2\r3,4\r", "1:a|b\n2:1|2\n3:3|4\n");
}

TEST(semicolon_separator_is_detected)
{
	CHECK_READ("a;b;c\n1;2,5;3\n", "1:a|b|c\n2:1|2,5|3\n");
}

TEST(lines_before_the_header_are_skipped)
{
	/* A report tool's export: its title, who ran it, a blank line, then the table. */
	CHECK_READ("Crimes recorded\nRun on 01/03/2024, by J Smith\n\nref,date,offence\nA,1,x\nB,2,y\n",
		   "4:ref|date|offence\n5:A|1|x\n6:B|2|y\npreamble of 3: Crimes recorded\n");
	CHECK_READ("\xEF\xBB\xBF\"Weekly; all forces\"\r\n\r\nref;date\r\nA;1\r\n",
		   "3:ref|date\n4:A|1\npreamble of 2: Weekly; all forces\n");
	CHECK_READ("Title\nref\tdate\nA\t1\n", "2:ref|date\n3:A|1\npreamble of 1: Title\n");
	/* Blank lines alone before the header are blank lines, but its separator is its own. */
	CHECK_READ("\n\r\nref;date\nA;1\nB;2\n", "3:ref|date\n4:A|1\n5:B|2\n");
	/* A long title is cut, never inside a character. */
	CHECK_READ("Crimes and incidents whose notes mention deepfakes – February 2019 to February 2024\n"
		   "ref,date\nA,1\n",
		   "2:ref|date\n3:A|1\npreamble of 1: Crimes and incidents whose notes mention deepfakes – "
		   "Febru…\n");
	/* Bad rows after it keep their lines. */
	CHECK_READ("Title\nref,date\nA,1\nB\n", "2:ref|date\n3:A|1\n4!1 field, expected 2\npreamble of 1: Title\n");
}

TEST(a_first_line_that_may_be_the_header_stays_the_header)
{
	/* Rows with a trailing separator more than the header, or an unquoted one. */
	CHECK_READ("a,b\n1,2,\n3,4,\n", "1:a|b\n2:1|2\n3:3|4\n");
	CHECK_READ("ref,offence,notes\nCR1,Theft,bike, shed\nCR2,Theft,car, road\n",
		   "1:ref|offence|notes\n2!4 fields, expected 3\n3!4 fields, expected 3\n");
	/* A separator of another kind in the rows is no header (data.police.uk's outcomes). */
	CHECK_READ("ref,outcome\nA,none\nB,\"done, filed\"\nC,complete; no suspect\nD,complete; no suspect\n",
		   "1:ref|outcome\n2:A|none\n3:B|done, filed\n4:C|complete; no suspect\n"
		   "5:D|complete; no suspect\n");
	/* No later line reads as a header: names, none a number, none twice. */
	CHECK_READ("Title\n1,2\n3,4\n", "1:Title\n2!2 fields, expected 1\n3!2 fields, expected 1\n");
	CHECK_READ("Title\na,a\nb,c\n", "1:Title\n2!2 fields, expected 1\n3!2 fields, expected 1\n");
	CHECK_READ("Title\na,\nb,c\n", "1:Title\n2:a\n3!2 fields, expected 1\n");
	/* A table of one column has no separator to tell a title by; a title and a header
	 * without rows neither. */
	CHECK_READ("Notes\nhello\nworld\n", "1:Notes\n2:hello\n3:world\n");
	CHECK_READ("Title\nref,date\n", "1:Title\n2!2 fields, expected 1\n");
}

TEST(tab_separator_is_detected)
{
	CHECK_READ("a\tb\n1 x\t2\n", "1:a|b\n2:1 x|2\n");
}

TEST(cr_only_file_keeps_an_lf_inside_a_quoted_cell)
{
	/* Excel for Mac: CR ends lines, LF breaks a line inside a cell. */
	CHECK_READ("a,b\r1,\"x\ny\"\r2,z\r", "1:a|b\n2:1|x\ny\n3:2|z\n");
}

TEST(lone_cr_inside_an_lf_file_is_not_a_line_end)
{
	CHECK_READ("a,b\r\n1,x\ry\n2,z\r\n", "1:a|b\n2:1|x\ry\n3:2|z\n");
}

TEST(short_rows_before_a_cut_last_line_are_each_a_problem)
{
	CHECK_READ("a,b,c,d\n1,2,3,4\n5,6\n7\n8,9",
		   "1:a|b|c|d\n2:1|2|3|4\n3!2 fields, expected 4\n4!1 field, expected 4\n"
		   "5!the file ends inside this record (2 of 4 fields)\n");
}

TEST(quote_followed_by_text_is_said_and_the_next_rows_kept)
{
	CHECK_READ("a,b\n1,\"Help\" she said\n2,x\n3,y\n",
		   "1:a|b\n2!text after a closing quote in b: a quote inside a quoted value is "
		   "written twice (\"\")\n3:2|x\n4:3|y\n");
}

TEST(quote_followed_by_text_that_a_later_quote_closes_does_not_swallow_rows)
{
	/* libcsv would read lines 2-4 as one record of 3 fields, up to the quote on line 4. */
	CHECK_READ("a,b\n1,\"Help\" she said\n2,x\n3,\"y\",z\n4,w\n",
		   "1:a|b\n2!text after a closing quote in b: a quote inside a quoted value is "
		   "written twice (\"\")\n3:2|x\n4!3 fields, expected 2\n5:4|w\n");
}

TEST(every_row_opening_a_quote_is_reported_and_none_is_lost)
{
	struct strbuf data = STRBUF_INIT, want = STRBUF_INIT;
	strbuf_append_str(&data, "a,b\n");
	strbuf_append_str(&want, "1:a|b\n");
	for (int i = 0; i < 3000; i++) {
		strbuf_appendf(&data, "%d,\"note %d\n", i, i);
		strbuf_appendf(&want, "%d!a quoted field opens on this line and never closes\n",
			       i + 2);
	}
	strbuf_append_str(&data, "end,row\n");
	strbuf_append_str(&want, "3002:end|row\n");
	char *got = read_records(data.data, data.len, TEXT_ENCODING_UTF8);
	CHECK_STR(got, want.data);
	free(got);
	strbuf_free(&data);
	strbuf_free(&want);
}

TEST(quote_that_never_closes_in_a_file_of_many_blocks_keeps_every_row_after_it)
{
	struct strbuf data = STRBUF_INIT;
	strbuf_append_str(&data, "a,b\n1,\"runaway\n");
	for (int i = 0; i < 100000; i++)
		strbuf_appendf(&data, "%d,twenty bytes here\n", i);
	char *got = read_records(data.data, data.len, TEXT_ENCODING_UTF8);
	static const char start[] =
		"1:a|b\n2!a quoted field opens on this line and never closes\n3:0|";
	CHECK(strncmp(got, start, sizeof(start) - 1) == 0);
	CHECK(strstr(got, "\n100002:99999|twenty bytes here\n") != NULL);
	size_t n_lines = 0;
	for (const char *p = got; *p; p++)
		n_lines += *p == '\n';
	CHECK_INT(n_lines, 100002);
	free(got);
	strbuf_free(&data);
}

TEST(quoted_field_of_more_than_100000_lines_is_one_field)
{
	struct strbuf data = STRBUF_INIT;
	strbuf_append_str(&data, "a,b\n1,\"");
	for (int i = 0; i < 150000; i++)
		strbuf_append_str(&data, "x\n");
	strbuf_append_str(&data, "\"\n2,y\n");
	char *got = read_records(data.data, data.len, TEXT_ENCODING_UTF8);
	CHECK(strncmp(got, "1:a|b\n2:1|x\nx\n", 14) == 0);
	CHECK(strstr(got, "\n150003:2|y\n") != NULL);
	CHECK(strstr(got, "!") == NULL);
	free(got);
	strbuf_free(&data);
}

TEST(header_whose_quote_never_closes_is_a_problem)
{
	CHECK_READ("a,\"b\n1,2\n", "1!a quoted field opens on this line and never closes\n2:1|2\n");
}

TEST(byte_order_marks_at_field_edges_are_dropped)
{
	CHECK_READ("a,b\n\xEF\xBB\xBF"
		   "1,x\n2,\xEF\xBB\xBFy\xEF\xBB\xBF\n3,\xC3\xAF\xC2\xBB\xC2\xBFz\n"
		   "4,in\xEF\xBB\xBFside\n",
		   "1:a|b\n2:1|x\n3:2|y\n4:3|z\n5:4|in\xEF\xBB\xBFside\n");
}

TEST(row_of_separators_only_is_an_empty_row)
{
	CHECK_READ("a,b,c\n1,2,3\n,,\n , ,\n,,,,\n4,5,6\n",
		   "1:a|b|c\n2:1|2|3\n3!an empty row: every field is blank\n"
		   "4!an empty row: every field is blank\n5!an empty row: every field is blank\n"
		   "6:4|5|6\n");
}

TEST(raw_bytes_of_a_bad_record_are_kept)
{
	write_file("a,b\n1,2,3\n", 10);
	struct reader_options options = {.encoding = TEXT_ENCODING_UTF8, .line_end = '\n',
					  .ends_with_newline = true};
	struct reader *reader;
	reader_open(tmp_path, &options, &reader);
	struct reader_record *rec;
	reader_next(reader, &rec);
	reader_set_header(reader, (const char *const *)rec->fields, rec->n_fields);
	reader_next(reader, &rec);
	CHECK(rec && rec->problem);
	if (rec) {
		CHECK_INT(rec->raw_len, 6);
		CHECK(memcmp(rec->raw, "1,2,3\n", 6) == 0);
	}
	reader_free(reader);
	unlink(tmp_path);
}

TEST(bytes_done_reaches_the_file_size)
{
	write_file("a,b\n1,2\n", 8);
	struct reader_options options = {.encoding = TEXT_ENCODING_UTF8, .line_end = '\n',
					  .ends_with_newline = true};
	struct reader *reader;
	reader_open(tmp_path, &options, &reader);
	struct reader_record *rec;
	while (reader_next(reader, &rec) == STATUS_OK && rec)
		;
	CHECK_INT(reader_bytes_done(reader), 8);
	reader_free(reader);
	unlink(tmp_path);
}

TAP_MAIN(lf_and_crlf_files_give_the_same_records, quoted_field_keeps_commas_quotes_and_line_breaks,
	 crlf_inside_quotes_is_kept_and_quoted_last_field_is_clean,
	 record_after_multiline_record_has_its_physical_line,
	 blank_lines_are_skipped_and_lines_still_counted, spaces_around_unquoted_values_are_kept,
	 utf8_byte_order_mark_is_dropped, double_encoded_byte_order_mark_is_dropped,
	 windows_1252_text_becomes_utf8, invalid_utf8_is_a_problem_naming_the_column,
	 nul_byte_is_a_problem, one_megabyte_field_is_read_whole, empty_file_has_no_records,
	 header_only_file_has_just_the_header, short_row_in_the_middle_is_a_problem,
	 long_row_is_a_problem, trailing_empty_fields_are_forgiven,
	 file_cut_off_inside_a_record_reports_it_once, file_cut_off_on_one_line_reports_it,
	 short_rows_at_the_end_of_a_complete_file_are_each_a_problem,
	 quote_that_never_closes_does_not_swallow_the_rest, cr_only_line_ends_are_lines,
	 semicolon_separator_is_detected, lines_before_the_header_are_skipped,
	 a_first_line_that_may_be_the_header_stays_the_header, tab_separator_is_detected,
	 cr_only_file_keeps_an_lf_inside_a_quoted_cell, lone_cr_inside_an_lf_file_is_not_a_line_end,
	 short_rows_before_a_cut_last_line_are_each_a_problem,
	 quote_followed_by_text_is_said_and_the_next_rows_kept,
	 quote_followed_by_text_that_a_later_quote_closes_does_not_swallow_rows,
	 every_row_opening_a_quote_is_reported_and_none_is_lost,
	 quote_that_never_closes_in_a_file_of_many_blocks_keeps_every_row_after_it,
	 quoted_field_of_more_than_100000_lines_is_one_field,
	 header_whose_quote_never_closes_is_a_problem, byte_order_marks_at_field_edges_are_dropped,
	 row_of_separators_only_is_an_empty_row, raw_bytes_of_a_bad_record_are_kept,
	 bytes_done_reaches_the_file_size)
