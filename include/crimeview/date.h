/*
 * date.h - reading the dates of crime and incident exports (layer: core).
 *
 * Exports write dates in many ways; periods (years, financial years, quarters, months)
 * need only year, month and day, in UK local time. This module turns one field's text
 * into a struct date_value, or says why it cannot. It never guesses silently: a numeric
 * date such as 03/04/2019 is read in the order the caller asks for and flagged
 * DATE_FLAG_AMBIGUOUS, so the importer can tell the user when a whole file was ambiguous.
 *
 * Accepted (leading/trailing spaces ignored; month names in English, any case, 3 letters
 * or full):
 *   DD/MM/YYYY, DD/MM/YY, D/M/YYYY, each optionally followed by [,] HH:MM[:SS] [am|pm]
 *   (also '-' or '.' as separators: 03-04-2019, 03.04.2019)
 *   DD-Mon-YY, DD-Mon-YYYY, DD Mon YYYY, [time as above]
 *   YYYY-MM-DD, YYYY/MM/DD, optionally followed by ' ' or 'T' and HH:MM[:SS[.fff]] and an
 *   optional zone: Z, +HH:MM, +HHMM, +HH. A zoned time is converted to Europe/London
 *   local time (GMT/BST), so 2019-05-31T23:01:00+00:00 is 1 June 2019 00:01.
 *   YYYY-MM (month precision: day is 0, never invented)
 * Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
 * Valid years are 1000-9999; the day must exist in that month (31/02/2020 is an error).
 */
#ifndef CRIMEVIEW_DATE_H
#define CRIMEVIEW_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "crimeview/status.h"

enum date_precision {
	DATE_PRECISION_MONTH, /* YYYY-MM: day is 0 */
	DATE_PRECISION_DAY,
	DATE_PRECISION_TIME,
};

/* The order of day and month in all-numeric dates such as 03/04/2019. */
enum date_order {
	DATE_ORDER_DAY_FIRST, /* UK: 03/04/2019 is 3 April */
	DATE_ORDER_MONTH_FIRST, /* US: 03/04/2019 is 4 March */
};

enum date_flag {
	/* Day-first and month-first would both give a valid, different date. */
	DATE_FLAG_AMBIGUOUS = 1 << 0,
	/* The text had a zone and was converted to Europe/London local time. */
	DATE_FLAG_ZONED = 1 << 1,
};

struct date_value {
	int year; /* 1000-9999 */
	int month; /* 1-12 */
	int day; /* 1-31, or 0 with DATE_PRECISION_MONTH */
	int hour, minute, second; /* 0 unless DATE_PRECISION_TIME; UK local time */
	enum date_precision precision;
	unsigned flags; /* enum date_flag bits */
};

/*
 * An explicit layout given with --date-format, in strptime-like notation:
 * %d day, %m month number, %b month name, %Y 4-digit year, %y 2-digit year, %H hour,
 * %I hour (12h), %M minute, %S second, %p am/pm, %z zone, %% a percent sign; any other
 * character must match itself, and a space matches one or more spaces.
 * The short names "dmy", "mdy" and "ymd" choose only the order of numeric dates and keep
 * every automatic layout above.
 */
struct date_format;

/*
 * Compiles a --date-format value. Returns STATUS_OK and a new format in *out (caller frees
 * with date_format_free), or STATUS_BAD_USAGE with *out NULL and a one-line reason in
 * error (may be NULL) when the pattern has an unknown conversion or no year, month or day
 * (or gives a field twice, or has %I without %p, minutes without an hour, a zone without a
 * time). A pattern's dates are never flagged DATE_FLAG_AMBIGUOUS.
 */
enum status date_format_new(const char *pattern, struct date_format **out, char **error);
void date_format_free(struct date_format *format);
/* The numeric order a compiled format implies ("mdy" gives MONTH_FIRST, a pattern with
 * %m before %d too). */
enum date_order date_format_order(const struct date_format *format);

/*
 * Reads the date in text[0..len) (not necessarily NUL-terminated).
 * format may be NULL (automatic layouts in the given order); a short name's order ("mdy")
 * wins over order. On success returns STATUS_OK and fills *out. On failure returns
 * STATUS_BAD_DATE, leaves *out unspecified and, when reason is not NULL, points it at a
 * static phrase saying why ("no such day: 31 February 2020", "month 13 does not exist",
 * "not a date"): the caller adds file and line. The phrase may name the values read, so it
 * is valid until the next date_parse in the same thread that asks for a reason.
 */
enum status date_parse(const char *text, size_t len, enum date_order order,
		       const struct date_format *format, struct date_value *out, const char **reason);

/* Writes "YYYY-MM" or "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (by precision) into buf of at
 * least 20 bytes; returns buf. */
char *date_to_iso(const struct date_value *date, char *buf);

/* Days since 1970-01-01 of the date (day 0 counts as the 1st). */
long date_days_since_epoch(int year, int month, int day);

/* Day of the week 0=Sunday .. 6=Saturday. */
int date_weekday(int year, int month, int day);

#endif
