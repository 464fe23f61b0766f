/*
 * date.c - reading the dates of crime and incident exports (layer: core).
 *
 * The importer calls date_parse once per record on files of millions of rows, so a date is
 * read in one hand-written pass over (text, len): no allocation, no sscanf or strptime
 * (they need a NUL-terminated string and depend on the locale). Reading and checking are
 * separate steps: a layout, automatic or from --date-format, only fills a struct fields,
 * and every layout then gets the same checks and the same conversion to UK local time.
 * A failure is kept as an enum problem plus the values read, and is put into words only
 * when the caller asks for a reason, so rejected rows that nobody reports cost nothing.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/date.h"
#include "crimeview/strbuf.h"

enum problem {
	PROBLEM_NONE,
	PROBLEM_EMPTY,
	PROBLEM_NOT_A_DATE,
	PROBLEM_MONTH_NAME,
	PROBLEM_MONTH,
	PROBLEM_YEAR,
	PROBLEM_DAY,
	PROBLEM_NOT_A_TIME,
	PROBLEM_TIME,
	PROBLEM_ZONE,
	PROBLEM_AFTER_DATE,
	PROBLEM_AFTER_TIME,
	PROBLEM_FORMAT,
};

enum ampm { AMPM_NONE, AMPM_AM, AMPM_PM };

/* What a layout read, before any check: the checks need the values as written. */
struct fields {
	int year, month, day;
	int hour, minute, second;
	int zone_minutes; /* east of UTC */
	enum date_precision precision;
	enum ampm ampm;
	bool has_seconds;
	bool has_zone;
	bool ambiguous;
};

/* The unread part of the text; end is one past its last byte (the text has no NUL). */
struct cursor {
	const char *p;
	const char *end;
};

/* One step of a compiled --date-format pattern. */
enum date_op_kind {
	OP_LITERAL,
	OP_SPACE, /* one or more spaces */
	OP_DAY,
	OP_MONTH,
	OP_MONTH_NAME,
	OP_YEAR,  /* four digits */
	OP_YEAR2, /* two digits, pivoted like the automatic layouts */
	OP_HOUR,  /* %H or %I: %p, when present, says which half of the day */
	OP_MINUTE,
	OP_SECOND,
	OP_AMPM,
	OP_ZONE,
};

struct date_op {
	enum date_op_kind kind;
	char literal; /* OP_LITERAL only */
};

struct date_format {
	char *pattern; /* as given, for reasons */
	enum date_order order;
	bool has_time;
	size_t n_ops; /* 0 for the short names: automatic layouts */
	struct date_op ops[];
};

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

static bool is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static char to_lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

static bool at(const struct cursor *c, char ch)
{
	return c->p < c->end && *c->p == ch;
}

static int skip_spaces(struct cursor *c)
{
	int n = 0;
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) {
		c->p++;
		n++;
	}
	return n;
}

/* Reads at most max (<= 9, so int cannot overflow) digits; returns how many. */
static int read_digits(struct cursor *c, int max, int *value)
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
static int read_run(struct cursor *c, int *value)
{
	int n = read_digits(c, 9, value);
	while (c->p < c->end && is_digit(*c->p)) {
		c->p++;
		n++;
	}
	return n;
}

static int pivot_year(int yy)
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
		while (i < len && to_lower(s[i]) == to_lower(name[i]))
			i++;
		if (i == len)
			return m + 1;
	}
	return 0;
}

static int read_month_name(struct cursor *c)
{
	const char *word = c->p;
	while (c->p < c->end && is_alpha(*c->p))
		c->p++;
	return month_from_name(word, (size_t)(c->p - word));
}

/* am, pm, a.m. or p.m. in any case; leaves the cursor alone when there is none. */
static enum ampm read_ampm(struct cursor *c)
{
	const char *p = c->p;
	if (p == c->end)
		return AMPM_NONE;
	char first = to_lower(*p++);
	if (first != 'a' && first != 'p')
		return AMPM_NONE;
	bool dotted = p < c->end && *p == '.';
	if (dotted)
		p++;
	if (p == c->end || to_lower(*p) != 'm')
		return AMPM_NONE;
	p++;
	if (dotted && p < c->end && *p == '.')
		p++;
	c->p = p;
	return first == 'a' ? AMPM_AM : AMPM_PM;
}

/* Z, +HH:MM, +HHMM or +HH (or '-'); leaves the cursor alone when there is no zone. Offsets
 * beyond 18 hours exist nowhere and mean the text is not what it seems. */
static enum problem read_zone(struct cursor *c, struct fields *f)
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
	if (read_digits(c, 2, &hours) != 2)
		return PROBLEM_ZONE;
	bool colon = at(c, ':');
	if (colon)
		c->p++;
	if ((colon || (c->p < c->end && is_digit(*c->p))) && read_digits(c, 2, &minutes) != 2)
		return PROBLEM_ZONE;
	if (hours > 18 || minutes > 59)
		return PROBLEM_ZONE;
	f->has_zone = true;
	f->zone_minutes = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
	return PROBLEM_NONE;
}

/* HH:MM[:SS[.fff]] [am|pm] [zone], spaces allowed before am/pm and the zone. */
static enum problem read_time(struct cursor *c, struct fields *f)
{
	if (read_digits(c, 2, &f->hour) < 1 || !at(c, ':'))
		return PROBLEM_NOT_A_TIME;
	c->p++;
	if (read_digits(c, 2, &f->minute) != 2)
		return PROBLEM_NOT_A_TIME;
	if (at(c, ':')) {
		c->p++;
		if (read_digits(c, 2, &f->second) != 2)
			return PROBLEM_NOT_A_TIME;
		f->has_seconds = true;
		if (at(c, '.')) {
			int ignored;
			c->p++;
			if (read_run(c, &ignored) == 0)
				return PROBLEM_NOT_A_TIME;
		}
	}
	/* "09:134" is a broken time, not a time followed by text. */
	if (c->p < c->end && is_digit(*c->p))
		return PROBLEM_NOT_A_TIME;
	f->precision = DATE_PRECISION_TIME;
	struct cursor before = *c;
	skip_spaces(c);
	f->ampm = read_ampm(c);
	if (f->ampm == AMPM_NONE)
		*c = before;
	before = *c;
	skip_spaces(c);
	enum problem problem = read_zone(c, f);
	if (problem)
		return problem;
	if (!f->has_zone)
		*c = before;
	return PROBLEM_NONE;
}

/* What may follow a date: nothing, or [,] spaces and a time ('T' too after an ISO date). */
static enum problem read_after_date(struct cursor *c, struct fields *f, bool iso)
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
		skip_spaces(c);
		if (c->p == start || c->p == c->end || !is_digit(*c->p))
			return PROBLEM_AFTER_DATE;
	}
	enum problem problem = read_time(c, f);
	if (problem)
		return problem;
	return c->p == c->end ? PROBLEM_NONE : PROBLEM_AFTER_TIME;
}

/* A separator must be the same both times: 03/04-2019 is not a date. */
static bool read_separator(struct cursor *c, char sep)
{
	if (sep == ' ')
		return skip_spaces(c) > 0;
	if (!at(c, sep))
		return false;
	c->p++;
	return true;
}

/* Two digits are pivoted; one digit or more than nine are not a year. Three or five digits
 * are read as written so that the range check can name them. */
static enum problem read_year(struct cursor *c, int *year)
{
	int n = read_run(c, year);
	if (n == 2)
		*year = pivot_year(*year);
	else if (n < 2 || n > 9)
		return PROBLEM_NOT_A_DATE;
	return PROBLEM_NONE;
}

/* YYYY-MM-DD or YYYY/MM/DD [time], or YYYY-MM; the year is already read. */
static enum problem read_year_first(struct cursor *c, int year, struct fields *f)
{
	f->year = year;
	if (c->p == c->end || (*c->p != '-' && *c->p != '/'))
		return PROBLEM_NOT_A_DATE;
	char sep = *c->p++;
	int n = read_run(c, &f->month);
	if (n < 1 || n > 2)
		return PROBLEM_NOT_A_DATE;
	if (c->p == c->end && sep == '-') {
		f->day = 0;
		f->precision = DATE_PRECISION_MONTH;
		return PROBLEM_NONE;
	}
	if (!read_separator(c, sep))
		return PROBLEM_NOT_A_DATE;
	n = read_run(c, &f->day);
	if (n < 1 || n > 2)
		return PROBLEM_NOT_A_DATE;
	return read_after_date(c, f, true);
}

/* Every automatic layout; which one is told by the first number's length and what
 * follows it. */
static enum problem read_auto(struct cursor *c, enum date_order order, struct fields *f)
{
	int first, second;
	int n = read_run(c, &first);
	if (n == 4)
		return read_year_first(c, first, f);
	if (n < 1 || n > 2 || c->p == c->end)
		return PROBLEM_NOT_A_DATE;
	char sep = *c->p;
	if (sep == ' ')
		skip_spaces(c);
	else if (sep == '/' || sep == '-' || sep == '.')
		c->p++;
	else
		return PROBLEM_NOT_A_DATE;
	bool named = c->p < c->end && is_alpha(*c->p);
	if (named) {
		second = read_month_name(c);
		if (!second)
			return PROBLEM_MONTH_NAME;
	} else {
		/* "03 04 2019" could be anything: spaces only separate a month name. */
		if (sep == ' ')
			return PROBLEM_NOT_A_DATE;
		n = read_run(c, &second);
		if (n < 1 || n > 2)
			return PROBLEM_NOT_A_DATE;
	}
	if (!read_separator(c, sep))
		return PROBLEM_NOT_A_DATE;
	enum problem problem = read_year(c, &f->year);
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

/* A date in the layout of a compiled pattern; the checks come afterwards, as for any date. */
static enum problem read_pattern(struct cursor *c, const struct date_format *format,
				 struct fields *f)
{
	f->precision = format->has_time ? DATE_PRECISION_TIME : DATE_PRECISION_DAY;
	for (size_t i = 0; i < format->n_ops; i++) {
		const struct date_op *op = &format->ops[i];
		int yy;
		bool ok = true;
		switch (op->kind) {
		case OP_LITERAL:
			ok = at(c, op->literal);
			if (ok)
				c->p++;
			break;
		case OP_SPACE:
			ok = skip_spaces(c) > 0;
			break;
		case OP_DAY:
			ok = read_digits(c, 2, &f->day) > 0;
			break;
		case OP_MONTH:
			ok = read_digits(c, 2, &f->month) > 0;
			break;
		case OP_MONTH_NAME:
			if (c->p == c->end || !is_alpha(*c->p))
				return PROBLEM_FORMAT;
			f->month = read_month_name(c);
			if (!f->month)
				return PROBLEM_MONTH_NAME;
			break;
		case OP_YEAR:
			ok = read_digits(c, 4, &f->year) == 4;
			break;
		case OP_YEAR2:
			ok = read_digits(c, 2, &yy) == 2;
			f->year = pivot_year(yy);
			break;
		case OP_HOUR:
			ok = read_digits(c, 2, &f->hour) > 0;
			break;
		case OP_MINUTE:
			ok = read_digits(c, 2, &f->minute) > 0;
			break;
		case OP_SECOND:
			ok = read_digits(c, 2, &f->second) > 0;
			f->has_seconds = true;
			/* Fractions of a second carry nothing a period needs; skip them unless the
			 * pattern itself goes on with a '.'. */
			if (ok && at(c, '.') &&
			    !(i + 1 < format->n_ops && format->ops[i + 1].kind == OP_LITERAL &&
			      format->ops[i + 1].literal == '.')) {
				c->p++;
				ok = read_run(c, &yy) > 0;
			}
			break;
		case OP_AMPM:
			f->ampm = read_ampm(c);
			ok = f->ampm != AMPM_NONE;
			break;
		case OP_ZONE: {
			enum problem problem = read_zone(c, f);
			if (problem)
				return problem;
			ok = f->has_zone;
			break;
		}
		}
		if (!ok)
			return PROBLEM_FORMAT;
	}
	return c->p == c->end ? PROBLEM_NONE : PROBLEM_FORMAT;
}

/* The checks every date gets, whatever its layout; makes the hour 24-hour. */
static enum problem check_fields(struct fields *f)
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
static enum problem to_london(struct fields *f)
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

static const char *describe_time(const struct fields *f)
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
static const char *describe(enum problem problem, const struct fields *f,
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
			 format && format->pattern ? format->pattern : "");
		return reason_text;
	}
	return "not a date";
}

enum status date_parse(const char *text, size_t len, enum date_order order,
		       const struct date_format *format, struct date_value *out,
		       const char **reason)
{
	struct fields f = {0};
	if (!text) {
		text = "";
		len = 0;
	}
	struct cursor c = {text, text + len};
	while (c.p < c.end && (*c.p == ' ' || *c.p == '\t'))
		c.p++;
	while (c.end > c.p && (c.end[-1] == ' ' || c.end[-1] == '\t'))
		c.end--;
	enum problem problem;
	if (c.p == c.end)
		problem = PROBLEM_EMPTY;
	else if (format && format->n_ops)
		problem = read_pattern(&c, format, &f);
	else
		problem = read_auto(&c, format ? format->order : order, &f);
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

/* --date-format */

enum pattern_field {
	FIELD_YEAR = 1 << 0,
	FIELD_MONTH = 1 << 1,
	FIELD_DAY = 1 << 2,
	FIELD_HOUR = 1 << 3,
	FIELD_MINUTE = 1 << 4,
	FIELD_SECOND = 1 << 5,
	FIELD_AMPM = 1 << 6,
	FIELD_ZONE = 1 << 7,
	FIELD_TWELVE_HOUR = 1 << 8, /* %I: not a field of its own, but it needs %p */
};

static void set_error(char **error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_error(char **error, const char *fmt, ...)
{
	if (!error)
		return;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vappendf(&sb, fmt, ap);
	va_end(ap);
	*error = strbuf_detach(&sb);
}

static bool is_short_name(const char *pattern, const char *name)
{
	for (; *pattern && *name; pattern++, name++)
		if (to_lower(*pattern) != *name)
			return false;
	return !*pattern && !*name;
}

static struct date_format *format_alloc(const char *pattern, size_t n_ops)
{
	struct date_format *format = xcalloc(1, sizeof(*format) + n_ops * sizeof(format->ops[0]));
	format->pattern = xstrdup(pattern);
	return format;
}

/* The conversions of a pattern: what each reads, and the field it fills (for "gives ...
 * twice" and the checks that a pattern is complete). */
static const struct conversion {
	char letter;
	enum date_op_kind kind;
	unsigned field;
	const char *name;
} conversions[] = {
	{.letter = 'd', .kind = OP_DAY, .field = FIELD_DAY, .name = "the day"},
	{.letter = 'm', .kind = OP_MONTH, .field = FIELD_MONTH, .name = "the month"},
	{.letter = 'b', .kind = OP_MONTH_NAME, .field = FIELD_MONTH, .name = "the month"},
	{.letter = 'Y', .kind = OP_YEAR, .field = FIELD_YEAR, .name = "the year"},
	{.letter = 'y', .kind = OP_YEAR2, .field = FIELD_YEAR, .name = "the year"},
	{.letter = 'H', .kind = OP_HOUR, .field = FIELD_HOUR, .name = "the hour"},
	{.letter = 'I', .kind = OP_HOUR, .field = FIELD_HOUR | FIELD_TWELVE_HOUR,
	 .name = "the hour"},
	{.letter = 'M', .kind = OP_MINUTE, .field = FIELD_MINUTE, .name = "the minutes"},
	{.letter = 'S', .kind = OP_SECOND, .field = FIELD_SECOND, .name = "the seconds"},
	{.letter = 'p', .kind = OP_AMPM, .field = FIELD_AMPM, .name = "am/pm"},
	{.letter = 'z', .kind = OP_ZONE, .field = FIELD_ZONE, .name = "the zone"},
	{.letter = '%', .kind = OP_LITERAL, .field = 0, .name = ""},
};

static const struct conversion *find_conversion(char letter)
{
	for (size_t i = 0; i < sizeof(conversions) / sizeof(conversions[0]); i++)
		if (conversions[i].letter == letter)
			return &conversions[i];
	return NULL;
}

/* A whole UTF-8 character for the message about an unknown conversion. */
static int utf8_length(const char *s)
{
	int n = 1;
	if ((unsigned char)s[0] >= 0xc0)
		while (n < 4 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n++;
	return n;
}

/* Compiles pattern into format->ops; returns false with *error set (when error is not
 * NULL) on a bad pattern. */
static bool compile_pattern(const char *pattern, struct date_format *format, char **error)
{
	const char *s = pattern, *end = pattern + strlen(pattern);
	unsigned seen = 0;
	size_t month_at = 0, day_at = 0;
	/* The text is trimmed before matching, so the pattern is too. */
	while (s < end && *s == ' ')
		s++;
	while (end > s && end[-1] == ' ')
		end--;
	while (s < end) {
		struct date_op op = {.kind = OP_LITERAL, .literal = *s};
		if (*s == ' ') {
			op.kind = OP_SPACE;
			while (s < end && *s == ' ')
				s++;
			format->ops[format->n_ops++] = op;
			continue;
		}
		if (*s != '%') {
			s++;
			format->ops[format->n_ops++] = op;
			continue;
		}
		if (s + 1 >= end) {
			set_error(error,
				  "date format \"%s\" ends with a lone %% (%%%% is a %% sign)",
				  pattern);
			return false;
		}
		const struct conversion *conv = find_conversion(s[1]);
		if (!conv) {
			set_error(error, "unknown conversion %%%.*s in date format \"%s\"",
				  utf8_length(s + 1), s + 1, pattern);
			return false;
		}
		s += 2;
		if (seen & conv->field) {
			set_error(error, "date format \"%s\" gives %s twice", pattern, conv->name);
			return false;
		}
		seen |= conv->field;
		if (conv->field & FIELD_MONTH)
			month_at = format->n_ops;
		else if (conv->field & FIELD_DAY)
			day_at = format->n_ops;
		op.kind = conv->kind;
		op.literal = conv->letter;
		format->ops[format->n_ops++] = op;
	}
	static const struct {
		unsigned need; /* this field */
		unsigned when; /* when the pattern has this one (0: always) */
		const char *says;
	} rules[] = {
		{.need = FIELD_YEAR, .says = "has no year"},
		{.need = FIELD_MONTH, .says = "has no month"},
		{.need = FIELD_DAY, .says = "has no day"},
		{.need = FIELD_AMPM, .when = FIELD_TWELVE_HOUR, .says = "has %I but no %p (am/pm)"},
		{.need = FIELD_HOUR, .when = FIELD_MINUTE, .says = "has minutes but no hour"},
		{.need = FIELD_MINUTE, .when = FIELD_SECOND, .says = "has seconds but no minutes"},
		{.need = FIELD_HOUR, .when = FIELD_AMPM, .says = "has am/pm but no hour"},
		{.need = FIELD_HOUR, .when = FIELD_ZONE, .says = "has a zone but no time"},
	};
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		bool applies = !rules[i].when || (seen & rules[i].when);
		if (applies && !(seen & rules[i].need)) {
			set_error(error, "date format \"%s\" %s", pattern, rules[i].says);
			return false;
		}
	}
	format->order = month_at < day_at ? DATE_ORDER_MONTH_FIRST : DATE_ORDER_DAY_FIRST;
	format->has_time = seen & FIELD_HOUR;
	return true;
}

enum status date_format_new(const char *pattern, struct date_format **out, char **error)
{
	*out = NULL;
	if (error)
		*error = NULL;
	if (!pattern)
		pattern = "";
	if (is_short_name(pattern, "dmy") || is_short_name(pattern, "ymd") ||
	    is_short_name(pattern, "mdy")) {
		struct date_format *format = format_alloc(pattern, 0);
		format->order =
		    is_short_name(pattern, "mdy") ? DATE_ORDER_MONTH_FIRST : DATE_ORDER_DAY_FIRST;
		*out = format;
		return STATUS_OK;
	}
	/* Every op comes from at least one byte of the pattern. */
	struct date_format *format = format_alloc(pattern, strlen(pattern));
	if (!compile_pattern(pattern, format, error)) {
		date_format_free(format);
		return STATUS_BAD_USAGE;
	}
	*out = format;
	return STATUS_OK;
}

void date_format_free(struct date_format *format)
{
	if (!format)
		return;
	free(format->pattern);
	free(format);
}

enum date_order date_format_order(const struct date_format *format)
{
	return format ? format->order : DATE_ORDER_DAY_FIRST;
}
