/* test_date.c - reading dates: every layout, the checks, zones and BST, --date-format. */
#include <stdlib.h>
#include <string.h>

#include "crimeview/date.h"
#include "crimeview/status.h"
#include "tap.h"

/*
 * Parses s (through a copy with no NUL after it, as the importer's fields have none) and
 * describes the result: "YYYY-MM-DD HH:MM:SS" (by precision) followed by " ambiguous" and
 * " zoned" for the flags, or "error: reason". Borrowed until the next call.
 */
static const char *parse_with(const char *s, enum date_order order,
			      const struct date_format *format)
{
	static char result[200];
	size_t len = strlen(s);
	char *copy = malloc(len ? len : 1);
	memcpy(copy, s, len);
	struct date_value date;
	const char *reason = NULL;
	if (date_parse(copy, len, order, format, &date, &reason) != STATUS_OK) {
		snprintf(result, sizeof(result), "error: %s", reason ? reason : "(no reason)");
	} else {
		char iso[20];
		snprintf(result, sizeof(result), "%s%s%s", date_to_iso(&date, iso),
			 date.flags & DATE_FLAG_AMBIGUOUS ? " ambiguous" : "",
			 date.flags & DATE_FLAG_ZONED ? " zoned" : "");
	}
	free(copy);
	return result;
}

static const char *parse(const char *s)
{
	return parse_with(s, DATE_ORDER_DAY_FIRST, NULL);
}

static const char *parse_us(const char *s)
{
	return parse_with(s, DATE_ORDER_MONTH_FIRST, NULL);
}

/* Parses s with a --date-format value that must compile. */
static const char *parse_format(const char *pattern, const char *s)
{
	struct date_format *format = NULL;
	char *error = NULL;
	if (date_format_new(pattern, &format, &error) != STATUS_OK) {
		free(error);
		return "format did not compile";
	}
	const char *result = parse_with(s, DATE_ORDER_DAY_FIRST, format);
	date_format_free(format);
	return result;
}

/* The error date_format_new gives for pattern (caller frees), or NULL when it compiles. */
static char *format_error(const char *pattern)
{
	struct date_format *format = NULL;
	char *error = NULL;
	enum status status = date_format_new(pattern, &format, &error);
	if (status == STATUS_OK) {
		date_format_free(format);
		free(error);
		return NULL;
	}
	CHECK_INT(status, STATUS_BAD_USAGE);
	CHECK(format == NULL);
	return error;
}

#define CHECK_FORMAT_ERROR(pattern, want)                                                          \
	do {                                                                                       \
		char *error_ = format_error(pattern);                                              \
		CHECK_STR(error_, want);                                                           \
		free(error_);                                                                      \
	} while (0)

TEST(day_first_slash_date)
{
	CHECK_STR(parse("25/12/2019"), "2019-12-25");
	CHECK_STR(parse("03/04/2019"), "2019-04-03 ambiguous");
}

TEST(month_first_slash_date)
{
	CHECK_STR(parse_us("12/25/2019"), "2019-12-25");
	CHECK_STR(parse_us("03/04/2019"), "2019-03-04 ambiguous");
}

TEST(single_digit_day_and_month)
{
	CHECK_STR(parse("5/3/2019"), "2019-03-05 ambiguous");
	CHECK_STR(parse("25/3/2019"), "2019-03-25");
	CHECK_STR(parse("5/11/2019"), "2019-11-05 ambiguous");
}

TEST(two_digit_years_pivot_at_70)
{
	CHECK_STR(parse("25/12/19"), "2019-12-25");
	CHECK_STR(parse("25/12/00"), "2000-12-25");
	CHECK_STR(parse("25/12/69"), "2069-12-25");
	CHECK_STR(parse("25/12/70"), "1970-12-25");
	CHECK_STR(parse("25/12/99"), "1999-12-25");
}

TEST(dash_and_dot_separators)
{
	CHECK_STR(parse("25-12-2019"), "2019-12-25");
	CHECK_STR(parse("25.12.2019"), "2019-12-25");
	CHECK_STR(parse("25.12.19 08:00"), "2019-12-25 08:00:00");
}

TEST(mixed_separators_are_not_a_date)
{
	CHECK_STR(parse("25/12-2019"), "error: not a date");
	CHECK_STR(parse("25.12/2019"), "error: not a date");
	CHECK_STR(parse("2019-12/25"), "error: not a date");
}

TEST(time_after_date_with_or_without_seconds)
{
	CHECK_STR(parse("25/12/2019 08:15"), "2019-12-25 08:15:00");
	CHECK_STR(parse("25/12/2019 8:15"), "2019-12-25 08:15:00");
	CHECK_STR(parse("25/12/2019   23:59"), "2019-12-25 23:59:00");
	CHECK_STR(parse("25/12/2019 08:15:42"), "2019-12-25 08:15:42");
	/* Oracle's TIMESTAMP: dots between the hours, minutes and seconds. */
	CHECK_STR(parse("25-DEC-19 08.15.42.000000000"), "2019-12-25 08:15:42");
	CHECK_STR(parse("25-DEC-19 08.15.42.123456 PM"), "2019-12-25 20:15:42");
	CHECK_STR(parse("25/12/2019 23.59.00"), "2019-12-25 23:59:00");
}

TEST(comma_and_am_after_month_first_date)
{
	CHECK_STR(parse_us("03/03/2017, 9:13:00 am"), "2017-03-03 09:13:00");
	CHECK_STR(parse("03/03/2017,9:13"), "2017-03-03 09:13:00");
}

TEST(twelve_am_is_just_after_midnight)
{
	CHECK_STR(parse("01/02/2019 12:30 am"), "2019-02-01 00:30:00 ambiguous");
	CHECK_STR(parse("13/02/2019 12:00:00 AM"), "2019-02-13 00:00:00");
}

TEST(twelve_pm_is_just_after_noon)
{
	CHECK_STR(parse("13/02/2019 12:05 pm"), "2019-02-13 12:05:00");
	CHECK_STR(parse("13/02/2019 12:05PM"), "2019-02-13 12:05:00");
}

TEST(pm_adds_twelve_hours)
{
	CHECK_STR(parse("13/02/2019 1:05 pm"), "2019-02-13 13:05:00");
	CHECK_STR(parse("13/02/2019 11:59:59 p.m."), "2019-02-13 23:59:59");
	CHECK_STR(parse("13/02/2019 9:05 a.m."), "2019-02-13 09:05:00");
}

TEST(am_pm_hour_outside_1_to_12_is_rejected)
{
	CHECK_STR(parse("13/02/2019 13:05 pm"), "error: time out of range: 13:05 pm");
	CHECK_STR(parse("13/02/2019 00:30 am"), "error: time out of range: 00:30 am");
}

TEST(day_month_abbreviation_two_digit_year)
{
	CHECK_STR(parse("05-Mar-19"), "2019-03-05");
	CHECK_STR(parse("5-mar-19 14:00"), "2019-03-05 14:00:00");
	CHECK_STR(parse_us("05-MAR-19"), "2019-03-05");
}

TEST(day_month_abbreviation_four_digit_year)
{
	CHECK_STR(parse("05-Mar-2019"), "2019-03-05");
	CHECK_STR(parse("31-DEC-1999 23:59:59"), "1999-12-31 23:59:59");
	CHECK_STR(parse("30-Sept-2019"), "2019-09-30");
}

TEST(full_month_name_with_spaces)
{
	CHECK_STR(parse("5 March 2019"), "2019-03-05");
	CHECK_STR(parse("05 Mar 2019"), "2019-03-05");
	CHECK_STR(parse("5  september  2019 10:30"), "2019-09-05 10:30:00");
	/* The month first (US), and a day's name before the date. */
	CHECK_STR(parse("Mar 5, 2019"), "2019-03-05");
	CHECK_STR(parse_us("March 5 2019 10:30 pm"), "2019-03-05 22:30:00");
	CHECK_STR(parse("Friday 1 February 2019"), "2019-02-01");
	CHECK_STR(parse("Fri, 01/02/2019 10:00"), "2019-02-01 10:00:00 ambiguous");
	CHECK_STR(parse("Thurs Feb 7, 2019"), "2019-02-07");
}

TEST(unknown_month_name_is_rejected)
{
	CHECK_STR(parse("05-Foo-2019"), "error: unknown month name");
	CHECK_STR(parse("5 Marc 2019"), "error: unknown month name");
	CHECK_STR(parse("5 Mar-2019"), "error: not a date");
}

TEST(numbers_separated_by_spaces_are_not_a_date)
{
	CHECK_STR(parse("03 04 2019"), "error: not a date");
}

TEST(iso_date)
{
	CHECK_STR(parse("2019-12-25"), "2019-12-25");
	CHECK_STR(parse("2019-1-5"), "2019-01-05");
}

TEST(iso_date_and_time_with_space_or_t)
{
	CHECK_STR(parse("2019-12-25 08:15:42"), "2019-12-25 08:15:42");
	CHECK_STR(parse("2019-12-25T08:15:42"), "2019-12-25 08:15:42");
	CHECK_STR(parse("2019-12-25T08:15"), "2019-12-25 08:15:00");
}

TEST(iso_fractional_seconds_are_dropped)
{
	CHECK_STR(parse("2019-12-25T08:15:42.123"), "2019-12-25 08:15:42");
	CHECK_STR(parse("2019-12-25 08:15:42.1234567"), "2019-12-25 08:15:42");
	CHECK_STR(parse("2019-12-25T08:15:42."), "error: not a time (want HH:MM or HH:MM:SS)");
}

TEST(year_first_with_slashes)
{
	CHECK_STR(parse("2019/12/25"), "2019-12-25");
	CHECK_STR(parse("2019/12/25 08:15"), "2019-12-25 08:15:00");
}

TEST(year_and_month_gives_month_precision)
{
	struct date_value date;
	CHECK_INT(date_parse("2019-03", 7, DATE_ORDER_DAY_FIRST, NULL, &date, NULL), STATUS_OK);
	CHECK_INT(date.precision, DATE_PRECISION_MONTH);
	CHECK_INT(date.day, 0);
	CHECK_STR(parse("2019-03"), "2019-03");
	CHECK_STR(parse("2019-13"), "error: month 13 does not exist");
	CHECK_STR(parse("2019"), "error: not a date");
}

TEST(zone_utc_in_summer_moves_to_the_next_day)
{
	CHECK_STR(parse("2019-05-31T23:01:00+00:00"), "2019-06-01 00:01:00 zoned");
	CHECK_STR(parse("2019-12-31T23:59:59.5Z"), "2019-12-31 23:59:59 zoned");
}

TEST(zone_utc_in_winter_stays_put)
{
	CHECK_STR(parse("2019-01-31T23:30:00+00:00"), "2019-01-31 23:30:00 zoned");
}

TEST(bst_starts_at_one_utc_on_the_last_sunday_of_march)
{
	CHECK_STR(parse("2019-03-31T00:59:00Z"), "2019-03-31 00:59:00 zoned");
	CHECK_STR(parse("2019-03-31T01:00:00Z"), "2019-03-31 02:00:00 zoned");
	CHECK_STR(parse("2020-03-29T01:00:00Z"), "2020-03-29 02:00:00 zoned");
	CHECK_STR(parse("2020-03-28T01:00:00Z"), "2020-03-28 01:00:00 zoned");
}

TEST(bst_ends_at_one_utc_on_the_last_sunday_of_october)
{
	CHECK_STR(parse("2019-10-27T00:59:00Z"), "2019-10-27 01:59:00 zoned");
	CHECK_STR(parse("2019-10-27T01:00:00Z"), "2019-10-27 01:00:00 zoned");
	CHECK_STR(parse("2019-10-26T12:00:00Z"), "2019-10-26 13:00:00 zoned");
}

TEST(zone_offset_forms)
{
	CHECK_STR(parse("2019-01-15T10:00:00+0100"), "2019-01-15 09:00:00 zoned");
	CHECK_STR(parse("2019-01-15T10:00:00+01"), "2019-01-15 09:00:00 zoned");
	CHECK_STR(parse("2019-01-15T10:00:00-05"), "2019-01-15 15:00:00 zoned");
	CHECK_STR(parse("2019-01-15T10:00:00+05:30"), "2019-01-15 04:30:00 zoned");
	CHECK_STR(parse("2019-07-15 10:00 +02:00"), "2019-07-15 09:00:00 zoned");
}

TEST(zone_conversion_crosses_month_and_year_ends)
{
	CHECK_STR(parse("2019-12-31T23:30:00-01:00"), "2020-01-01 00:30:00 zoned");
	CHECK_STR(parse("2020-01-01T00:30:00+05:30"), "2019-12-31 19:00:00 zoned");
	CHECK_STR(parse("2020-02-28T23:30:00-01:00"), "2020-02-29 00:30:00 zoned");
	CHECK_STR(parse("2019-02-28T23:30:00-01:00"), "2019-03-01 00:30:00 zoned");
	CHECK_STR(parse("2019-07-01T00:30:00+02:00"), "2019-06-30 23:30:00 zoned");
}

TEST(zone_conversion_keeps_the_year_in_range)
{
	CHECK_STR(parse("9999-12-31T23:30:00-05:00"), "error: year 10000 is outside 1000-9999");
}

TEST(bad_zone_is_rejected)
{
	const char *want = "error: bad time zone (want Z, +HH:MM, +HHMM or +HH)";
	CHECK_STR(parse("2019-01-15T10:00:00+25:00"), want);
	CHECK_STR(parse("2019-01-15T10:00:00+1"), want);
	CHECK_STR(parse("2019-01-15T10:00:00+01:6"), want);
	CHECK_STR(parse("2019-01-15T10:00:00+01:00x"), "error: unexpected text after the time");
}

TEST(ambiguous_when_both_orders_give_different_valid_dates)
{
	struct date_value date;
	CHECK_INT(date_parse("03/04/2019", 10, DATE_ORDER_DAY_FIRST, NULL, &date, NULL), STATUS_OK);
	CHECK(date.flags & DATE_FLAG_AMBIGUOUS);
	CHECK_INT(date.day, 3);
	CHECK_INT(date.month, 4);
	CHECK_STR(parse("12/01/19 10:00"), "2019-01-12 10:00:00 ambiguous");
}

TEST(same_day_and_month_is_not_ambiguous)
{
	CHECK_STR(parse("05/05/2019"), "2019-05-05");
	CHECK_STR(parse_us("05/05/2019"), "2019-05-05");
}

TEST(day_over_twelve_is_not_ambiguous)
{
	CHECK_STR(parse("13/04/2019"), "2019-04-13");
	CHECK_STR(parse_us("04/13/2019"), "2019-04-13");
}

TEST(month_first_rejects_month_13)
{
	CHECK_STR(parse_us("13/04/2019"), "error: month 13 does not exist");
	CHECK_STR(parse("04/13/2019"), "error: month 13 does not exist");
}

TEST(iso_and_named_dates_are_never_ambiguous)
{
	CHECK_STR(parse("2019-03-04"), "2019-03-04");
	CHECK_STR(parse_us("2019-03-04"), "2019-03-04");
	CHECK_STR(parse("2019/03/04"), "2019-03-04");
	CHECK_STR(parse("04-Mar-2019"), "2019-03-04");
}

TEST(day_that_does_not_exist_is_named)
{
	CHECK_STR(parse("31/02/2020"), "error: no such day: 31 February 2020");
	CHECK_STR(parse("31/04/2019"), "error: no such day: 31 April 2019");
	CHECK_STR(parse("00/04/2019"), "error: no such day: 0 April 2019");
	CHECK_STR(parse("2019-01-32"), "error: no such day: 32 January 2019");
}

TEST(leap_day_only_in_leap_years)
{
	CHECK_STR(parse("29/02/2020"), "2020-02-29");
	CHECK_STR(parse("29/02/2000"), "2000-02-29");
	CHECK_STR(parse("29/02/2019"), "error: no such day: 29 February 2019 (not a leap year)");
	CHECK_STR(parse("29/02/1900"), "error: no such day: 29 February 1900 (not a leap year)");
}

TEST(month_0_and_13_do_not_exist)
{
	CHECK_STR(parse("01/00/2019"), "error: month 0 does not exist");
	CHECK_STR(parse("01/13/2019"), "error: month 13 does not exist");
	CHECK_STR(parse("2019-00-10"), "error: month 0 does not exist");
}

TEST(hour_24_and_minute_60_are_out_of_range)
{
	CHECK_STR(parse("13/02/2019 24:00"), "error: time out of range: 24:00");
	CHECK_STR(parse("13/02/2019 23:60"), "error: time out of range: 23:60");
	CHECK_STR(parse("2019-02-13T23:59:60"), "error: time out of range: 23:59:60");
}

TEST(malformed_time_is_not_a_time)
{
	const char *want = "error: not a time (want HH:MM or HH:MM:SS)";
	CHECK_STR(parse("13/02/2019 9"), want);
	CHECK_STR(parse("13/02/2019 9:5"), want);
	CHECK_STR(parse("13/02/2019 09:134"), want);
	CHECK_STR(parse("2019-02-13T"), want);
	CHECK_STR(parse("13/02/2019 09.15"), want);
	CHECK_STR(parse("13/02/2019 09.15:00"), want);
	CHECK_STR(parse("13/02/2019 09:15.00"), "error: unexpected text after the time");
}

TEST(empty_or_blank_text_is_rejected)
{
	CHECK_STR(parse(""), "error: empty date");
	CHECK_STR(parse("   "), "error: empty date");
	struct date_value date;
	CHECK_INT(date_parse(NULL, 0, DATE_ORDER_DAY_FIRST, NULL, &date, NULL), STATUS_BAD_DATE);
}

TEST(letters_are_not_a_date)
{
	CHECK_STR(parse("yesterday"), "error: not a date");
	CHECK_STR(parse("Unknown"), "error: not a date");
	CHECK_STR(parse("N/A"), "error: not a date");
	CHECK_STR(parse("Friday"), "error: not a date");
	CHECK_STR(parse("March 5"), "error: not a date");
	CHECK_STR(parse("March 2019"), "error: not a date");
	CHECK_STR(parse("Marc 5, 2019"), "error: not a date");
	CHECK_STR(parse("March 5, 19"), "error: not a date");
	CHECK_STR(parse("12"), "error: not a date");
	CHECK_STR(parse("1.5"), "error: not a date");
}

TEST(trailing_text_is_rejected)
{
	CHECK_STR(parse("12/03/2019 abc"), "error: unexpected text after the date");
	CHECK_STR(parse("12/03/2019x"), "error: unexpected text after the date");
	CHECK_STR(parse("12/03/2019,"), "error: unexpected text after the date");
	CHECK_STR(parse("12/03/2019 10:00 abc"), "error: unexpected text after the time");
	CHECK_STR(parse("2019-03-12 10:00:00 pmx"), "error: unexpected text after the time");
}

TEST(years_outside_1000_to_9999_are_rejected)
{
	CHECK_STR(parse("01/01/0999"), "error: year 999 is outside 1000-9999");
	CHECK_STR(parse("01/01/10000"), "error: year 10000 is outside 1000-9999");
	CHECK_STR(parse("01/01/201"), "error: year 201 is outside 1000-9999");
	CHECK_STR(parse("01/01/1000"), "1000-01-01");
	CHECK_STR(parse("31/12/9999"), "9999-12-31");
	CHECK_STR(parse("01/01/2"), "error: not a date");
}

TEST(surrounding_spaces_are_ignored)
{
	CHECK_STR(parse("  25/12/2019  "), "2019-12-25");
	CHECK_STR(parse("\t2019-12-25 08:00\t"), "2019-12-25 08:00:00");
}

TEST(reads_only_len_bytes)
{
	const char text[] = "25/12/201999 and more";
	struct date_value date;
	CHECK_INT(date_parse(text, 10, DATE_ORDER_DAY_FIRST, NULL, &date, NULL), STATUS_OK);
	CHECK_INT(date.year, 2019);
	CHECK_INT(date.month, 12);
	CHECK_INT(date.day, 25);
	CHECK_INT(date.precision, DATE_PRECISION_DAY);
	CHECK_INT(date.flags, 0);
}

TEST(values_without_a_time_have_zero_time)
{
	struct date_value date = {.hour = 7, .minute = 7, .second = 7};
	CHECK_INT(date_parse("25/12/2019", 10, DATE_ORDER_DAY_FIRST, NULL, &date, NULL), STATUS_OK);
	CHECK_INT(date.hour, 0);
	CHECK_INT(date.minute, 0);
	CHECK_INT(date.second, 0);
}

TEST(reason_names_values_until_the_next_call)
{
	struct date_value date;
	const char *reason = NULL;
	CHECK_INT(date_parse("31/02/2020", 10, DATE_ORDER_DAY_FIRST, NULL, &date, &reason),
		  STATUS_BAD_DATE);
	/* A call that asks for no reason leaves the last one alone. */
	CHECK_INT(date_parse("31/13/2020", 10, DATE_ORDER_DAY_FIRST, NULL, &date, NULL),
		  STATUS_BAD_DATE);
	CHECK_STR(reason, "no such day: 31 February 2020");
}

TEST(iso_text_by_precision)
{
	char buf[20];
	struct date_value month = {.year = 2019, .month = 3, .precision = DATE_PRECISION_MONTH};
	struct date_value day = {.year = 2019, .month = 3, .day = 4};
	struct date_value time = {.year = 1999, .month = 12, .day = 31};
	day.precision = DATE_PRECISION_DAY;
	time.precision = DATE_PRECISION_TIME;
	time.hour = 23;
	time.minute = 5;
	time.second = 9;
	CHECK_STR(date_to_iso(&month, buf), "2019-03");
	CHECK_STR(date_to_iso(&day, buf), "2019-03-04");
	CHECK_STR(date_to_iso(&time, buf), "1999-12-31 23:05:09");
	CHECK(date_to_iso(&time, buf) == buf);
}

TEST(days_since_epoch_known_values)
{
	CHECK_INT(date_days_since_epoch(1970, 1, 1), 0);
	CHECK_INT(date_days_since_epoch(2020, 3, 1), 18322);
	CHECK_INT(date_days_since_epoch(2020, 2, 29), 18321);
	CHECK_INT(date_days_since_epoch(2000, 1, 1), 10957);
	CHECK_INT(date_days_since_epoch(1969, 12, 31), -1);
	CHECK_INT(date_days_since_epoch(1000, 1, 1), -354285);
	CHECK_INT(date_days_since_epoch(9999, 12, 31), 2932896);
	/* Day 0 (month precision) counts as the 1st. */
	CHECK_INT(date_days_since_epoch(2019, 3, 0), date_days_since_epoch(2019, 3, 1));
	CHECK_INT(date_weekday(2019, 3, 0), date_weekday(2019, 3, 1));
}

TEST(weekday_known_values)
{
	CHECK_INT(date_weekday(1970, 1, 1), 4);
	CHECK_INT(date_weekday(2019, 3, 31), 0);
	CHECK_INT(date_weekday(2000, 2, 29), 2);
	CHECK_INT(date_weekday(1969, 12, 31), 3);
	CHECK_INT(date_weekday(2024, 6, 15), 6);
	/* Proleptic Gregorian: Hastings was a Saturday in the Julian calendar. */
	CHECK_INT(date_weekday(1066, 10, 14), 0);
}

TEST(format_short_names_choose_the_numeric_order)
{
	CHECK_STR(parse_format("dmy", "03/04/2019"), "2019-04-03 ambiguous");
	CHECK_STR(parse_format("mdy", "03/04/2019"), "2019-03-04 ambiguous");
	CHECK_STR(parse_format("ymd", "03/04/2019"), "2019-04-03 ambiguous");
	CHECK_STR(parse_format("mdy", "2019-05-31T23:01:00Z"), "2019-06-01 00:01:00 zoned");
	/* The short name wins over the order argument. */
	struct date_format *format;
	CHECK_INT(date_format_new("mdy", &format, NULL), STATUS_OK);
	CHECK_INT(date_format_order(format), DATE_ORDER_MONTH_FIRST);
	CHECK_STR(parse_with("03/04/2019", DATE_ORDER_DAY_FIRST, format), "2019-03-04 ambiguous");
	date_format_free(format);
	CHECK_INT(date_format_new("dmy", &format, NULL), STATUS_OK);
	CHECK_INT(date_format_order(format), DATE_ORDER_DAY_FIRST);
	date_format_free(format);
}

TEST(format_pattern_reads_its_layout_only)
{
	CHECK_STR(parse_format("%d/%m/%Y %H:%M", "03/04/2019 10:30"), "2019-04-03 10:30:00");
	CHECK_STR(parse_format("%m/%d/%Y", "03/04/2019"), "2019-03-04");
	CHECK_STR(parse_format("%d/%m/%Y", "2019-04-03"),
		  "error: does not fit the date format \"%d/%m/%Y\"");
	CHECK_STR(parse_format("%d/%m/%Y", "03/04/2019 10:30"),
		  "error: does not fit the date format \"%d/%m/%Y\"");
}

TEST(format_pattern_month_name_and_am_pm)
{
	CHECK_STR(parse_format("%b %d, %Y %I:%M %p", "March 5, 2019 9:13 PM"),
		  "2019-03-05 21:13:00");
	CHECK_STR(parse_format("%b %d, %Y %I:%M %p", "Mar 5, 2019 12:13 am"),
		  "2019-03-05 00:13:00");
	CHECK_STR(parse_format("%d %b %Y", "5 Foo 2019"), "error: unknown month name");
}

TEST(format_pattern_two_digit_year_and_no_separators)
{
	CHECK_STR(parse_format("%Y%m%d", "20190304"), "2019-03-04");
	CHECK_STR(parse_format("%Y%m%d%H%M%S", "20190304091500"), "2019-03-04 09:15:00");
	CHECK_STR(parse_format("%d.%m.%y", "04.03.19"), "2019-03-04");
	CHECK_STR(parse_format("%d.%m.%y", "04.03.2019"),
		  "error: does not fit the date format \"%d.%m.%y\"");
}

TEST(format_pattern_zone_is_converted)
{
	CHECK_STR(parse_format("%Y-%m-%dT%H:%M:%S%z", "2019-05-31T23:01:00+00:00"),
		  "2019-06-01 00:01:00 zoned");
	CHECK_STR(parse_format("%d/%m/%Y %H:%M:%S %z", "31/03/2019 01:00:00.250 Z"),
		  "2019-03-31 02:00:00 zoned");
}

TEST(format_pattern_dates_get_the_same_checks)
{
	CHECK_STR(parse_format("%d/%m/%Y", "31/02/2020"), "error: no such day: 31 February 2020");
	CHECK_STR(parse_format("%d/%m/%Y", "01/13/2020"), "error: month 13 does not exist");
	CHECK_STR(parse_format("%d/%m/%Y %H:%M", "01/12/2020 24:00"),
		  "error: time out of range: 24:00");
	CHECK_STR(parse_format("%d/%m/%Y", "01/12/0999"), "error: year 999 is outside 1000-9999");
	CHECK_STR(parse_format("%d/%m/%Y", ""), "error: empty date");
}

TEST(format_pattern_space_matches_one_or_more)
{
	CHECK_STR(parse_format("%d %m %Y", "03    04 2019"), "2019-04-03");
	CHECK_STR(parse_format(" %d %m %Y ", " 03 04 2019 "), "2019-04-03");
	CHECK_STR(parse_format("%d %m %Y", "03 042019"),
		  "error: does not fit the date format \"%d %m %Y\"");
}

TEST(format_pattern_percent_and_literals)
{
	CHECK_STR(parse_format("%%%d|%m|%Y", "%03|04|2019"), "2019-04-03");
	CHECK_STR(parse_format("on %d/%m/%Y", "on 03/04/2019"), "2019-04-03");
}

TEST(format_pattern_order_follows_month_and_day)
{
	struct date_format *format;
	CHECK_INT(date_format_new("%m/%d/%Y", &format, NULL), STATUS_OK);
	CHECK_INT(date_format_order(format), DATE_ORDER_MONTH_FIRST);
	date_format_free(format);
	CHECK_INT(date_format_new("%Y-%d-%m", &format, NULL), STATUS_OK);
	CHECK_INT(date_format_order(format), DATE_ORDER_DAY_FIRST);
	date_format_free(format);
	CHECK_INT(date_format_order(NULL), DATE_ORDER_DAY_FIRST);
	date_format_free(NULL);
}

TEST(format_unknown_conversion_is_an_error)
{
	CHECK_FORMAT_ERROR("%q/%m", "unknown conversion %q in date format \"%q/%m\"");
	CHECK_FORMAT_ERROR("%d %m %Y %é", "unknown conversion %é in date format \"%d %m %Y %é\"");
	CHECK_FORMAT_ERROR("%d/%m/%Y%",
			   "date format \"%d/%m/%Y%\" ends with a lone % (%% is a % sign)");
	struct date_format *format = (struct date_format *)1;
	CHECK_INT(date_format_new("%q", &format, NULL), STATUS_BAD_USAGE);
	CHECK(format == NULL);
}

TEST(format_without_year_month_or_day_is_an_error)
{
	CHECK_FORMAT_ERROR("%H:%M", "date format \"%H:%M\" has no year");
	CHECK_FORMAT_ERROR("%d/%Y", "date format \"%d/%Y\" has no month");
	CHECK_FORMAT_ERROR("%m/%Y", "date format \"%m/%Y\" has no day");
	CHECK_FORMAT_ERROR("", "date format \"\" has no year");
}

TEST(format_with_a_field_twice_is_an_error)
{
	CHECK_FORMAT_ERROR("%d/%m/%Y %d", "date format \"%d/%m/%Y %d\" gives the day twice");
	CHECK_FORMAT_ERROR("%d %b %m %Y", "date format \"%d %b %m %Y\" gives the month twice");
}

TEST(format_time_parts_need_their_hour)
{
	CHECK_FORMAT_ERROR("%d/%m/%Y %I", "date format \"%d/%m/%Y %I\" has %I but no %p (am/pm)");
	CHECK_FORMAT_ERROR("%d/%m/%Y %M", "date format \"%d/%m/%Y %M\" has minutes but no hour");
	CHECK_FORMAT_ERROR("%d/%m/%Y %z", "date format \"%d/%m/%Y %z\" has a zone but no time");
}

TAP_MAIN(day_first_slash_date, month_first_slash_date, single_digit_day_and_month,
	 two_digit_years_pivot_at_70, dash_and_dot_separators, mixed_separators_are_not_a_date,
	 time_after_date_with_or_without_seconds, comma_and_am_after_month_first_date,
	 twelve_am_is_just_after_midnight, twelve_pm_is_just_after_noon, pm_adds_twelve_hours,
	 am_pm_hour_outside_1_to_12_is_rejected, day_month_abbreviation_two_digit_year,
	 day_month_abbreviation_four_digit_year, full_month_name_with_spaces,
	 unknown_month_name_is_rejected, numbers_separated_by_spaces_are_not_a_date, iso_date,
	 iso_date_and_time_with_space_or_t, iso_fractional_seconds_are_dropped,
	 year_first_with_slashes, year_and_month_gives_month_precision,
	 zone_utc_in_summer_moves_to_the_next_day, zone_utc_in_winter_stays_put,
	 bst_starts_at_one_utc_on_the_last_sunday_of_march,
	 bst_ends_at_one_utc_on_the_last_sunday_of_october, zone_offset_forms,
	 zone_conversion_crosses_month_and_year_ends, zone_conversion_keeps_the_year_in_range,
	 bad_zone_is_rejected, ambiguous_when_both_orders_give_different_valid_dates,
	 same_day_and_month_is_not_ambiguous, day_over_twelve_is_not_ambiguous,
	 month_first_rejects_month_13, iso_and_named_dates_are_never_ambiguous,
	 day_that_does_not_exist_is_named, leap_day_only_in_leap_years, month_0_and_13_do_not_exist,
	 hour_24_and_minute_60_are_out_of_range, malformed_time_is_not_a_time,
	 empty_or_blank_text_is_rejected, letters_are_not_a_date, trailing_text_is_rejected,
	 years_outside_1000_to_9999_are_rejected, surrounding_spaces_are_ignored,
	 reads_only_len_bytes, values_without_a_time_have_zero_time,
	 reason_names_values_until_the_next_call, iso_text_by_precision,
	 days_since_epoch_known_values, weekday_known_values,
	 format_short_names_choose_the_numeric_order, format_pattern_reads_its_layout_only,
	 format_pattern_month_name_and_am_pm, format_pattern_two_digit_year_and_no_separators,
	 format_pattern_zone_is_converted, format_pattern_dates_get_the_same_checks,
	 format_pattern_space_matches_one_or_more, format_pattern_percent_and_literals,
	 format_pattern_order_follows_month_and_day, format_unknown_conversion_is_an_error,
	 format_without_year_month_or_day_is_an_error, format_with_a_field_twice_is_an_error,
	 format_time_parts_need_their_hour)
