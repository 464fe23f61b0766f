/* test_reader.c - the CSV reader: quoting, line numbers, encodings, broken files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
 * Reads data as a file and describes every record, one per line: "LINE:a|b|c" for a good
 * record (the header too), "LINE!problem" for a bad one. Caller frees.
 */
static char *read_records(const char *data, size_t len, enum text_encoding encoding)
{
	write_file(data, len);
	bool has_lf = memchr(data, '\n', len) != NULL;
	struct reader_options options = {
		.encoding = encoding,
		.line_end = has_lf || !memchr(data, '\r', len) ? '\n' : '\r',
		.ends_with_newline = len && (data[len - 1] == '\n' || data[len - 1] == '\r'),
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
	reader_free(reader);
	unlink(tmp_path);
	return strbuf_detach(&out);
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

TEST(tab_separator_is_detected)
{
	CHECK_READ("a\tb\n1 x\t2\n", "1:a|b\n2:1 x|2\n");
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
	 semicolon_separator_is_detected, tab_separator_is_detected,
	 raw_bytes_of_a_bad_record_are_kept, bytes_done_reaches_the_file_size)
