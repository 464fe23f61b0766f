/* test_strbuf.c - growable strings and number formatting. */
#include "crimeview/format.h"
#include "crimeview/status.h"
#include "crimeview/strbuf.h"
#include "tap.h"

TEST(append_grows_and_stays_terminated)
{
	struct strbuf sb = STRBUF_INIT;
	CHECK_STR(strbuf_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		strbuf_append_str(&sb, "ab");
	CHECK_INT(sb.len, 2000);
	CHECK_INT(sb.data[2000], '\0');
	strbuf_free(&sb);
}

TEST(appendf_formats)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_appendf(&sb, "%s:%d", "file.csv", 12);
	strbuf_appendf(&sb, " %s", "cause");
	CHECK_STR(sb.data, "file.csv:12 cause");
	strbuf_free(&sb);
}

TEST(detach_hands_over_and_empties)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_append(&sb, "xyz", 3);
	char *s = strbuf_detach(&sb);
	CHECK_STR(s, "xyz");
	CHECK_INT(sb.len, 0);
	CHECK(sb.data == NULL);
	free(s);
	s = strbuf_detach(&sb);
	CHECK_STR(s, "");
	free(s);
}

TEST(reset_keeps_memory)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_append_str(&sb, "hello");
	char *before = sb.data;
	strbuf_reset(&sb);
	CHECK_STR(strbuf_str(&sb), "");
	strbuf_append_str(&sb, "x");
	CHECK(sb.data == before);
	strbuf_free(&sb);
}

TEST(count_has_thousands_separators)
{
	char buf[32];
	CHECK_STR(format_count(0, buf, sizeof(buf)), "0");
	CHECK_STR(format_count(999, buf, sizeof(buf)), "999");
	CHECK_STR(format_count(1000, buf, sizeof(buf)), "1,000");
	CHECK_STR(format_count(5099, buf, sizeof(buf)), "5,099");
	CHECK_STR(format_count(1234567, buf, sizeof(buf)), "1,234,567");
	CHECK_STR(format_count(-1661, buf, sizeof(buf)), "-1,661");
}

TEST(seconds_read_naturally)
{
	char buf[32];
	CHECK_STR(format_seconds(0.414, buf, sizeof(buf)), "0.41 s");
	CHECK_STR(format_seconds(12.34, buf, sizeof(buf)), "12.3 s");
	CHECK_STR(format_seconds(185, buf, sizeof(buf)), "3 min 05 s");
	CHECK_STR(format_seconds(3720, buf, sizeof(buf)), "1 h 02 min");
}

TEST(every_status_has_a_message)
{
	CHECK_STR(status_message(STATUS_OK), "success");
	CHECK_STR(status_message(STATUS_CACHE_TOO_NEW), "the cache was made by a newer crimeview");
	CHECK_STR(status_message((enum status)999), "unknown error");
}

TAP_MAIN(append_grows_and_stays_terminated, appendf_formats, detach_hands_over_and_empties,
	 reset_keeps_memory, count_has_thousands_separators, seconds_read_naturally,
	 every_status_has_a_message)
