/*
 * date_format.c - the --date-format option: compiling a pattern and reading dates with it
 * (layer: core).
 *
 * A pattern is compiled once, when the option is read, into a flat list of steps (ops), so
 * that the per-record work in date_parse is one walk over that list with date.c's readers
 * and no parsing of the pattern itself. Compiling refuses a pattern that could never give a
 * whole date (no year, a field twice, %I without %p...), so a bad option is reported once at
 * start-up rather than as a failure on every row. Reading only fills a struct date_fields:
 * date_parse (date.c) then checks it and converts a zoned time, exactly as for the automatic
 * layouts. The ops are private to this file; date_internal.h is what date.c may ask.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/date.h"
#include "crimeview/strbuf.h"
#include "date_internal.h"

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

/* Compiling a pattern */

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
		if (date_to_lower(*pattern) != *name)
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

bool date_format_has_pattern(const struct date_format *format)
{
	return format && format->n_ops;
}

const char *date_format_pattern(const struct date_format *format)
{
	return format && format->pattern ? format->pattern : "";
}

/* Reading with a pattern */

/* A date in the layout of a compiled pattern; the checks come afterwards, as for any date. */
enum date_problem date_read_pattern(struct date_cursor *c, const struct date_format *format,
				    struct date_fields *f)
{
	f->precision = format->has_time ? DATE_PRECISION_TIME : DATE_PRECISION_DAY;
	for (size_t i = 0; i < format->n_ops; i++) {
		const struct date_op *op = &format->ops[i];
		int yy;
		bool ok = true;
		switch (op->kind) {
		case OP_LITERAL:
			ok = date_next_is(c, op->literal);
			if (ok)
				c->p++;
			break;
		case OP_SPACE:
			ok = date_skip_spaces(c) > 0;
			break;
		case OP_DAY:
			ok = date_read_digits(c, 2, &f->day) > 0;
			break;
		case OP_MONTH:
			ok = date_read_digits(c, 2, &f->month) > 0;
			break;
		case OP_MONTH_NAME:
			if (c->p == c->end || !date_is_alpha(*c->p))
				return PROBLEM_FORMAT;
			f->month = date_read_month_name(c);
			if (!f->month)
				return PROBLEM_MONTH_NAME;
			break;
		case OP_YEAR:
			ok = date_read_digits(c, 4, &f->year) == 4;
			break;
		case OP_YEAR2:
			ok = date_read_digits(c, 2, &yy) == 2;
			f->year = date_pivot_year(yy);
			break;
		case OP_HOUR:
			ok = date_read_digits(c, 2, &f->hour) > 0;
			break;
		case OP_MINUTE:
			ok = date_read_digits(c, 2, &f->minute) > 0;
			break;
		case OP_SECOND:
			ok = date_read_digits(c, 2, &f->second) > 0;
			f->has_seconds = true;
			/* Fractions of a second carry nothing a period needs; skip them unless the
			 * pattern itself goes on with a '.'. */
			if (ok && date_next_is(c, '.') &&
			    !(i + 1 < format->n_ops && format->ops[i + 1].kind == OP_LITERAL &&
			      format->ops[i + 1].literal == '.')) {
				c->p++;
				ok = date_read_run(c, &yy) > 0;
			}
			break;
		case OP_AMPM:
			f->ampm = date_read_ampm(c);
			ok = f->ampm != AMPM_NONE;
			break;
		case OP_ZONE: {
			enum date_problem problem = date_read_zone(c, f);
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
