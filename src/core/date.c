/*
 * date.c - reading the dates of crime and incident exports (layer: core).
 *
 * The importer calls date_parse once per record on files of millions of rows, so a date is
 * read in one hand-written pass over (text, len): no allocation, no sscanf or strptime
 * (they need a NUL-terminated string and depend on the locale). Reading and checking are
 * separate steps: a layout, automatic or from --date-format, only fills a struct
 * date_fields, and every layout then gets the same checks and the same conversion to UK
 * local time. A failure is kept as an enum date_problem plus the values read, and is put
 * into words only when the caller asks for a reason, so rejected rows that nobody reports
 * cost nothing.
 *
 * This file holds the readers of a date's parts (numbers, month names, am/pm, zones), the
 * automatic layouts, the checks, the conversion to Europe/London and date_parse itself.
 * date_format.c compiles --date-format patterns and reads a field with one, through the
 * readers here; date_internal.h is the contract between the two.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "crimeview/date.h"
#include "date_internal.h"

static const char *const month_names[12] = {
	"January", "February", "March",	    "April",   "May",	   "June",
	"July",	   "August",   "September", "October", "November", "December",
};

/* Filled only when a caller asks for a reason; per thread so that importers can run side
 * by side. */
static _Thread_local char reason_text[160];

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* The readers from here to date_read_zone are shared with date_format.c; their contracts are in
 * date_internal.h. */

bool date_is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

char date_to_lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

bool date_next_is(const struct date_cursor *c, char ch)
{
	return c->p < c->end && *c->p == ch;
}

int date_skip_spaces(struct date_cursor *c)
{
	int n = 0;
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) {
		c->p++;
		n++;
	}
	return n;
}

/* Reads at most max (<= 9, so int cannot overflow) digits; returns how many. */
int date_read_digits(struct date_cursor *c, int max, int *value)
{
	int n = 0, v = 0;
	while (n < max && c->p < c->end && is_digit(*c->p)) {
		v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	*value = v;
	return n;
}

/* Reads a whole run of digits and returns its length; *value is only meaningful for runs of
 * up to 9 digits, which is all any caller accepts. */
int date_read_run(struct date_cursor *c, int *value)
{
	int n = date_read_digits(c, 9, value);
	while (c->p < c->end && is_digit(*c->p)) {
		c->p++;
		n++;
	}
	return n;
}

int date_pivot_year(int yy)
{
	return yy < 70 ? 2000 + yy : 1900 + yy;
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* 1-12 for an English month name, three letters or full (and "Sept"), any case; else 0. */
static int month_from_name(const char *s, size_t len)
{
	if (len < 3 || len > 9)
		return 0;
	for (int m = 0; m < 12; m++) {
		const char *name = month_names[m];
		size_t name_len = strlen(name);
		if (len != 3 && len != name_len && !(m == 8 && len == 4))
			continue;
		size_t i = 0;
		while (i < len && date_to_lower(s[i]) == date_to_lower(name[i]))
			i++;
		if (i == len)
			return m + 1;
	}
	return 0;
}

int date_read_month_name(struct date_cursor *c)
{
	const char *word = c->p;
	while (c->p < c->end && date_is_alpha(*c->p))
		c->p++;
	return month_from_name(word, (size_t)(c->p - word));
}

/* am, pm, a.m. or p.m. in any case; leaves the cursor alone when there is none. */
enum date_ampm date_read_ampm(struct date_cursor *c)
{
	const char *p = c->p;
	if (p == c->end)
		return AMPM_NONE;
	char first = date_to_lower(*p++);
	if (first != 'a' && first != 'p')
		return AMPM_NONE;
	bool dotted = p < c->end && *p == '.';
	if (dotted)
		p++;
	if (p == c->end || date_to_lower(*p) != 'm')
		return AMPM_NONE;
	p++;
	if (dotted && p < c->end && *p == '.')
		p++;
	c->p = p;
	return first == 'a' ? AMPM_AM : AMPM_PM;
}

/* Z, +HH:MM, +HHMM or +HH (or '-'); leaves the cursor alone when there is no zone. Offsets
 * beyond 18 hours exist nowhere and mean the text is not what it seems. */
enum date_problem date_read_zone(struct date_cursor *c, struct date_fields *f)
{
	if (c->p == c->end)
		return PROBLEM_NONE;
	char sign = *c->p;
	if (sign == 'Z' || sign == 'z') {
		c->p++;
		f->has_zone = true;
		f->zone_minutes = 0;
		return PROBLEM_NONE;
	}
	if (sign != '+' && sign != '-')
		return PROBLEM_NONE;
	c->p++;
	int hours, minutes = 0;
	if (date_read_digits(c, 2, &hours) != 2)
		return PROBLEM_ZONE;
	bool colon = date_next_is(c, ':');
	if (colon)
		c->p++;
	if ((colon || (c->p < c->end && is_digit(*c->p))) && date_read_digits(c, 2, &minutes) != 2)
		return PROBLEM_ZONE;
	if (hours > 18 || minutes > 59)
		return PROBLEM_ZONE;
	f->has_zone = true;
	f->zone_minutes = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
	return PROBLEM_NONE;
}

/* HH:MM[:SS[.fff]] or HH.MM.SS[.fff] (Oracle's TIMESTAMP), then [am|pm] [zone], spaces
 * allowed before am/pm and the zone. */
static enum date_problem read_time(struct date_cursor *c, struct date_fields *f)
{
	if (date_read_digits(c, 2, &f->hour) < 1 || !(date_next_is(c, ':') || date_next_is(c, '.')))
		return PROBLEM_NOT_A_TIME;
	char sep = *c->p++;
	if (date_read_digits(c, 2, &f->minute) != 2)
		return PROBLEM_NOT_A_TIME;
	if (date_next_is(c, sep)) {
		c->p++;
		if (date_read_digits(c, 2, &f->second) != 2)
			return PROBLEM_NOT_A_TIME;
		f->has_seconds = true;
		if (date_next_is(c, '.')) {
			int ignored;
			c->p++;
			if (date_read_run(c, &ignored) == 0)
				return PROBLEM_NOT_A_TIME;
		}
	} else if (sep == '.') {
		/* "13.45" alone reads as well as a number: dotted times need their seconds. */
		return PROBLEM_NOT_A_TIME;
	}
	/* "09:134" is a broken time, not a time followed by text. */
	if (c->p < c->end && is_digit(*c->p))
		return PROBLEM_NOT_A_TIME;
	f->precision = DATE_PRECISION_TIME;
	struct date_cursor before = *c;
	date_skip_spaces(c);
	f->ampm = date_read_ampm(c);
	if (f->ampm == AMPM_NONE)
		*c = before;
	before = *c;
	date_skip_spaces(c);
	enum date_problem problem = date_read_zone(c, f);
	if (problem)
		return problem;
	if (!f->has_zone)
		*c = before;
	return PROBLEM_NONE;
}

/* What may follow a date: nothing, or [,] spaces and a time ('T' too after an ISO date). */
static enum date_problem read_after_date(struct date_cursor *c, struct date_fields *f, bool iso)
{
	f->precision = DATE_PRECISION_DAY;
	if (c->p == c->end)
		return PROBLEM_NONE;
	const char *start = c->p;
	if (iso && *c->p == 'T') {
		c->p++;
		if (c->p == c->end || !is_digit(*c->p))
			return PROBLEM_NOT_A_TIME;
	} else {
		if (*c->p == ',')
			c->p++;
		date_skip_spaces(c);
		if (c->p == start || c->p == c->end || !is_digit(*c->p))
			return PROBLEM_AFTER_DATE;
	}
	enum date_problem problem = read_time(c, f);
	if (problem)
		return problem;
	return c->p == c->end ? PROBLEM_NONE : PROBLEM_AFTER_TIME;
}

/* A separator must be the same both times: 03/04-2019 is not a date. */
static bool read_separator(struct date_cursor *c, char sep)
{
	if (sep == ' ')
		return date_skip_spaces(c) > 0;
	if (!date_next_is(c, sep))
		return false;
	c->p++;
	return true;
}

/* Two digits are pivoted; one digit or more than nine are not a year. Three or five digits
 * are read as written so that the range check can name them. */
static enum date_problem read_year(struct date_cursor *c, int *year)
{
	int n = date_read_run(c, year);
	if (n == 2)
		*year = date_pivot_year(*year);
	else if (n < 2 || n > 9)
		return PROBLEM_NOT_A_DATE;
	return PROBLEM_NONE;
}

/* YYYY-MM-DD or YYYY/MM/DD [time], or YYYY-MM; the year is already read. */
static enum date_problem read_year_first(struct date_cursor *c, int year, struct date_fields *f)
{
	f->year = year;
	if (c->p == c->end || (*c->p != '-' && *c->p != '/'))
		return PROBLEM_NOT_A_DATE;
	char sep = *c->p++;
	int n = date_read_run(c, &f->month);
	if (n < 1 || n > 2)
		return PROBLEM_NOT_A_DATE;
	if (c->p == c->end && sep == '-') {
		f->day = 0;
		f->precision = DATE_PRECISION_MONTH;
		return PROBLEM_NONE;
	}
	if (!read_separator(c, sep))
		return PROBLEM_NOT_A_DATE;
	n = date_read_run(c, &f->day);
	if (n < 1 || n > 2)
		return PROBLEM_NOT_A_DATE;
	return read_after_date(c, f, true);
}

/* A day's name before a date ("Friday 1 February 2019", "Fri, 01/02/2019") says nothing
 * the date does not: skipped, with a comma after it. */
static void skip_weekday(struct date_cursor *c)
{
	static const char *const names[] = {"mon",  "monday",   "tue",   "tues",   "tuesday",
					    "wed",  "wednesday", "thu",  "thur",   "thurs",
					    "thursday", "fri",   "friday", "sat",  "saturday",
					    "sun",  "sunday",   NULL};
	const char *word = c->p;
	size_t len = 0;
	while (word + len < c->end && date_is_alpha(word[len]))
		len++;
	for (size_t i = 0; names[i]; i++)
		if (strlen(names[i]) == len && strncasecmp(word, names[i], len) == 0) {
			c->p += len;
			if (date_next_is(c, ','))
				c->p++;
			date_skip_spaces(c);
			return;
		}
}

/* Mon D, YYYY [time] (US: "Feb 1, 2019", "February 1 2019"); the month's name is next. */
static enum date_problem read_month_name_first(struct date_cursor *c, struct date_fields *f)
{
	f->month = date_read_month_name(c);
	/* A word that is no month ("Unknown", "N/A") is no date, not a misspelt month. */
	if (!f->month)
		return PROBLEM_NOT_A_DATE;
	if (!date_skip_spaces(c))
		return PROBLEM_NOT_A_DATE;
	int n = date_read_run(c, &f->day);
	if (n < 1 || n > 2)
		return PROBLEM_NOT_A_DATE;
	if (date_next_is(c, ','))
		c->p++;
	if (!date_skip_spaces(c) || date_read_run(c, &f->year) != 4)
		return PROBLEM_NOT_A_DATE;
	return read_after_date(c, f, false);
}

/* Every automatic layout; which one is told by a month's name first, or by the first
 * number's length and what follows it. */
static enum date_problem read_auto(struct date_cursor *c, enum date_order order,
				   struct date_fields *f)
{
	skip_weekday(c);
	if (c->p < c->end && date_is_alpha(*c->p))
		return read_month_name_first(c, f);
	int first, second;
	int n = date_read_run(c, &first);
	if (n == 4)
		return read_year_first(c, first, f);
	if (n < 1 || n > 2 || c->p == c->end)
		return PROBLEM_NOT_A_DATE;
	char sep = *c->p;
	if (sep == ' ')
		date_skip_spaces(c);
	else if (sep == '/' || sep == '-' || sep == '.')
		c->p++;
	else
		return PROBLEM_NOT_A_DATE;
	bool named = c->p < c->end && date_is_alpha(*c->p);
	if (named) {
		second = date_read_month_name(c);
		if (!second)
			return PROBLEM_MONTH_NAME;
	} else {
		/* "03 04 2019" could be anything: spaces only separate a month name. */
		if (sep == ' ')
			return PROBLEM_NOT_A_DATE;
		n = date_read_run(c, &second);
		if (n < 1 || n > 2)
			return PROBLEM_NOT_A_DATE;
	}
	if (!read_separator(c, sep))
		return PROBLEM_NOT_A_DATE;
	enum date_problem problem = read_year(c, &f->year);
	if (problem)
		return problem;
	if (named || order != DATE_ORDER_MONTH_FIRST) {
		f->day = first;
		f->month = second;
	} else {
		f->month = first;
		f->day = second;
	}
	/* Both orders give a valid, different date exactly when both numbers could be months
	 * (any day up to 12 exists in every month). */
	f->ambiguous = !named && first != second && first >= 1 && first <= 12 && second >= 1 &&
		       second <= 12;
	return read_after_date(c, f, false);
}
/* The checks every date gets, whatever its layout; makes the hour 24-hour. */
static enum date_problem check_fields(struct date_fields *f)
{
	if (f->month < 1 || f->month > 12)
		return PROBLEM_MONTH;
	if (f->year < 1000 || f->year > 9999)
		return PROBLEM_YEAR;
	if (f->precision != DATE_PRECISION_MONTH &&
	    (f->day < 1 || f->day > days_in_month(f->year, f->month)))
		return PROBLEM_DAY;
	if (f->precision != DATE_PRECISION_TIME)
		return PROBLEM_NONE;
	/* f->hour stays as written until everything passed, for the reason. */
	int hour = f->hour;
	if (f->ampm != AMPM_NONE) {
		if (hour < 1 || hour > 12)
			return PROBLEM_TIME;
		hour = hour % 12 + (f->ampm == AMPM_PM ? 12 : 0);
	}
	if (hour > 23 || f->minute > 59 || f->second > 59)
		return PROBLEM_TIME;
	f->hour = hour;
	return PROBLEM_NONE;
}

/* Division rounding down, for days and minutes before 1970. long long because minutes since
 * 1970 overflow a 32-bit long after the year 6000. */
static long long floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The inverse of date_days_since_epoch (Howard Hinnant's civil_from_days). */
static void civil_from_days(long days, int *year, int *month, int *day)
{
	long z = days + 719468;
	long era = (long)floor_div(z, 146097);
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

static long last_sunday(int year, int month)
{
	long last = date_days_since_epoch(year, month, days_in_month(year, month));
	return last - date_weekday(year, month, days_in_month(year, month));
}

/*
 * Minutes to add to UTC for Europe/London at a UTC instant (minutes since the epoch):
 * 60 in British Summer Time, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October, else 0. That is the rule since 1996 (the EU's); it is applied to
 * every year, because older rules would need tzdata, and exports with zoned times come
 * from systems far younger than 1996.
 */
static int london_offset(long long utc_minutes)
{
	int year, month, day;
	civil_from_days((long)floor_div(utc_minutes, 1440), &year, &month, &day);
	if (month < 3 || month > 10)
		return 0;
	if (month > 3 && month < 10)
		return 60;
	long long start = last_sunday(year, 3) * 1440LL + 60;
	long long end = last_sunday(year, 10) * 1440LL + 60;
	return utc_minutes >= start && utc_minutes < end ? 60 : 0;
}

/* Moves a checked, zoned time to UK local time; the year may leave the range at its ends. */
static enum date_problem to_london(struct date_fields *f)
{
	long long minutes = date_days_since_epoch(f->year, f->month, f->day) * 1440LL +
			    f->hour * 60 + f->minute - f->zone_minutes;
	minutes += london_offset(minutes);
	long days = (long)floor_div(minutes, 1440);
	int in_day = (int)(minutes - days * 1440LL);
	civil_from_days(days, &f->year, &f->month, &f->day);
	f->hour = in_day / 60;
	f->minute = in_day % 60;
	if (f->year < 1000 || f->year > 9999)
		return PROBLEM_YEAR;
	return PROBLEM_NONE;
}

static const char *describe_time(const struct date_fields *f)
{
	static const char *const suffix[] = {"", " am", " pm"};
	if (f->has_seconds)
		snprintf(reason_text, sizeof(reason_text), "time out of range: %02d:%02d:%02d%s",
			 f->hour, f->minute, f->second, suffix[f->ampm]);
	else
		snprintf(reason_text, sizeof(reason_text), "time out of range: %02d:%02d%s",
			 f->hour, f->minute, suffix[f->ampm]);
	return reason_text;
}

/* The reason for a problem, in words an analyst can act on. */
static const char *describe(enum date_problem problem, const struct date_fields *f,
			    const struct date_format *format)
{
	switch (problem) {
	case PROBLEM_NONE:
		break;
	case PROBLEM_EMPTY:
		return "empty date";
	case PROBLEM_NOT_A_DATE:
		return "not a date";
	case PROBLEM_MONTH_NAME:
		return "unknown month name";
	case PROBLEM_MONTH:
		snprintf(reason_text, sizeof(reason_text), "month %d does not exist", f->month);
		return reason_text;
	case PROBLEM_YEAR:
		snprintf(reason_text, sizeof(reason_text), "year %d is outside 1000-9999", f->year);
		return reason_text;
	case PROBLEM_DAY:
		snprintf(reason_text, sizeof(reason_text), "no such day: %d %s %d%s", f->day,
			 month_names[f->month - 1], f->year,
			 f->month == 2 && f->day == 29 ? " (not a leap year)" : "");
		return reason_text;
	case PROBLEM_NOT_A_TIME:
		return "not a time (want HH:MM or HH:MM:SS)";
	case PROBLEM_TIME:
		return describe_time(f);
	case PROBLEM_ZONE:
		return "bad time zone (want Z, +HH:MM, +HHMM or +HH)";
	case PROBLEM_AFTER_DATE:
		return "unexpected text after the date";
	case PROBLEM_AFTER_TIME:
		return "unexpected text after the time";
	case PROBLEM_FORMAT:
		snprintf(reason_text, sizeof(reason_text), "does not fit the date format \"%s\"",
			 date_format_pattern(format));
		return reason_text;
	}
	return "not a date";
}

enum status date_parse(const char *text, size_t len, enum date_order order,
		       const struct date_format *format, struct date_value *out,
		       const char **reason)
{
	struct date_fields f = {0};
	if (!text) {
		text = "";
		len = 0;
	}
	struct date_cursor c = {text, text + len};
	while (c.p < c.end && (*c.p == ' ' || *c.p == '\t'))
		c.p++;
	while (c.end > c.p && (c.end[-1] == ' ' || c.end[-1] == '\t'))
		c.end--;
	enum date_problem problem;
	if (c.p == c.end)
		problem = PROBLEM_EMPTY;
	else if (date_format_has_pattern(format))
		problem = date_read_pattern(&c, format, &f);
	else
		problem = read_auto(&c, format ? date_format_order(format) : order, &f);
	if (!problem)
		problem = check_fields(&f);
	if (!problem && f.has_zone)
		problem = to_london(&f);
	if (problem) {
		if (reason)
			*reason = describe(problem, &f, format);
		return STATUS_BAD_DATE;
	}
	out->year = f.year;
	out->month = f.month;
	out->day = f.day;
	out->precision = f.precision;
	bool timed = f.precision == DATE_PRECISION_TIME;
	out->hour = timed ? f.hour : 0;
	out->minute = timed ? f.minute : 0;
	out->second = timed ? f.second : 0;
	out->flags = (f.ambiguous ? DATE_FLAG_AMBIGUOUS : 0) | (f.has_zone ? DATE_FLAG_ZONED : 0);
	return STATUS_OK;
}

static char *put_number(char *p, int value, int width)
{
	unsigned v = value < 0 ? 0 : (unsigned)value;
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

char *date_to_iso(const struct date_value *date, char *buf)
{
	/* By hand: the importer writes one per row, and snprintf is the slow part of that. */
	char *p = put_number(buf, date->year, 4);
	*p++ = '-';
	p = put_number(p, date->month, 2);
	if (date->precision != DATE_PRECISION_MONTH) {
		*p++ = '-';
		p = put_number(p, date->day, 2);
	}
	if (date->precision == DATE_PRECISION_TIME) {
		*p++ = ' ';
		p = put_number(p, date->hour, 2);
		*p++ = ':';
		p = put_number(p, date->minute, 2);
		*p++ = ':';
		p = put_number(p, date->second, 2);
	}
	*p = '\0';
	return buf;
}

long date_days_since_epoch(int year, int month, int day)
{
	/* Howard Hinnant's days_from_civil: years start in March, so the leap day is last. */
	long y = year - (month <= 2);
	long era = (long)floor_div(y, 400);
	long yoe = y - era * 400;
	long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + (day ? day : 1) - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int date_weekday(int year, int month, int day)
{
	/* 1 January 1970 was a Thursday. */
	long w = (date_days_since_epoch(year, month, day) + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}
