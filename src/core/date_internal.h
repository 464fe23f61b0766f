/*
 * date_internal.h - what date.c and date_format.c share (layer: core, private to the date
 * module).
 *
 * date.c reads a date's parts through a cursor over the field's text, fills a struct
 * date_fields with the values as written, then checks them and converts zoned times to UK
 * local time, whatever the layout. date_format.c compiles --date-format patterns and reads a
 * field with one into the same struct date_fields, using date.c's readers below, so that a
 * pattern's dates get the same checks and conversion as the automatic layouts. A compiled
 * format's steps stay private to date_format.c: date.c only asks whether a format is a
 * pattern, what the pattern said, and has it read a field.
 *
 * The readers never allocate and never look past the cursor's end (the text has no NUL).
 */
#ifndef CRIMEVIEW_DATE_INTERNAL_H
#define CRIMEVIEW_DATE_INTERNAL_H

#include <stdbool.h>

#include "crimeview/date.h"

/* Why a field is not a date. date_parse puts it into words (with the values read) only when
 * its caller asks for a reason. */
enum date_problem {
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

/* The half of the day a 12-hour time gave; AMPM_NONE for a 24-hour time. */
enum date_ampm { AMPM_NONE, AMPM_AM, AMPM_PM };

/* What a layout read, before any check: the checks need the values as written. */
struct date_fields {
	int year, month, day;
	int hour, minute, second;
	int zone_minutes; /* east of UTC */
	enum date_precision precision;
	enum date_ampm ampm;
	bool has_seconds;
	bool has_zone;
	bool ambiguous;
};

/* The unread part of the text; end is one past its last byte (the text has no NUL). */
struct date_cursor {
	const char *p;
	const char *end;
};

/* In date.c: reading the parts of a date. */

/* True for an ASCII letter, whatever the locale. */
bool date_is_alpha(char ch);
/* ch in lower case when it is an ASCII capital letter, else ch itself, whatever the locale. */
char date_to_lower(char ch);

/* True when the next unread byte is ch; moves nothing. */
bool date_next_is(const struct date_cursor *c, char ch);

/* Skips spaces and tabs; returns how many were skipped. */
int date_skip_spaces(struct date_cursor *c);

/* Reads at most max (<= 9, so an int holds them) digits into *value (0 when there are none);
 * returns how many. */
int date_read_digits(struct date_cursor *c, int max, int *value);

/* Reads a whole run of digits and returns its length; *value is the number read when the
 * run is at most 9 digits long, and meaningless beyond. */
int date_read_run(struct date_cursor *c, int *value);

/* The year of a two-digit year: 00-69 are 2000-2069, 70-99 are 1970-1999. */
int date_pivot_year(int yy);

/* Reads a run of letters; returns its month 1-12 when it is an English month name (three
 * letters, full, or "Sept"; any case), else 0. The letters are consumed either way. */
int date_read_month_name(struct date_cursor *c);

/* Reads am, pm, a.m. or p.m. in any case; returns AMPM_NONE and moves nothing when there is
 * none. */
enum date_ampm date_read_ampm(struct date_cursor *c);

/* Reads a zone: Z, +HH:MM, +HHMM or +HH (or '-'), setting f->has_zone and f->zone_minutes.
 * Returns PROBLEM_NONE with nothing moved or set when no zone starts here, and PROBLEM_ZONE
 * (cursor inside the zone, f unchanged) for a malformed zone or one out of range (more than
 * 18 hours, or minutes over 59). */
enum date_problem date_read_zone(struct date_cursor *c, struct date_fields *f);

/* In date_format.c: the compiled --date-format. */

/* True when format is a compiled pattern; false for NULL and for the short names ("dmy",
 * "mdy", "ymd"), which keep the automatic layouts. */
bool date_format_has_pattern(const struct date_format *format);

/* The --date-format value as given, borrowed for the life of format; "" when format is
 * NULL. */
const char *date_format_pattern(const struct date_format *format);

/*
 * Reads the whole of the cursor's text with format's pattern (date_format_has_pattern must
 * be true) into *f: the values as written and the precision the pattern implies, unchecked.
 * Returns PROBLEM_NONE, PROBLEM_MONTH_NAME for an unknown month name, PROBLEM_ZONE for a
 * malformed zone, or PROBLEM_FORMAT when the text does not fit the pattern; on failure *f is
 * partly filled, with the values read so far.
 */
enum date_problem date_read_pattern(struct date_cursor *c, const struct date_format *format,
				    struct date_fields *f);

#endif
