/*
 * fuzz_date.c - libFuzzer target: the date parser (date.c, date_format.c) on any text.
 *
 * The first input byte chooses the order (day- or month-first) and the layout: automatic,
 * one of the short names (dmy, mdy, ymd), or a --date-format pattern taken from the input
 * up to its first NUL byte; the rest is the date text, passed without a terminating NUL
 * (date_parse takes a length), so a read past it is an AddressSanitizer finding. Besides
 * the sanitizers' findings, the target aborts when the parser breaks its contract (date.h):
 *   - a date read is a real one: year 1000-9999, month 1-12, a day that exists in that
 *     month (0 exactly with month precision), a time of day only with time precision;
 *   - date_to_iso fits its 20 bytes and reads back, automatically, as the same date;
 *   - a failure, and a pattern refused, come with a reason on one line (but for the line
 *     breaks of the text it quotes).
 * Run: make fuzz, then tests/fuzz/run.sh date (see tests/fuzz/README.md).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crimeview/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz_date: broken contract: %s (line %d)\n", #cond,       \
				__LINE__);                                                         \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

static size_t count_lines(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

/* A reason: some text, on one line unless the text it may quote has line breaks. */
static bool one_line(const char *reason, const char *quoted, size_t quoted_len)
{
	return reason && reason[0] &&
	       (count_lines(quoted, quoted_len) > 0 || count_lines(reason, strlen(reason)) == 0);
}

static void check_date(const struct date_value *d)
{
	FUZZ_ASSERT(d->year >= 1000 && d->year <= 9999);
	FUZZ_ASSERT(d->month >= 1 && d->month <= 12);
	if (d->precision == DATE_PRECISION_MONTH)
		FUZZ_ASSERT(d->day == 0);
	else
		FUZZ_ASSERT(d->day >= 1 && d->day <= days_in_month(d->year, d->month));
	if (d->precision == DATE_PRECISION_TIME) {
		FUZZ_ASSERT(d->hour >= 0 && d->hour <= 23);
		FUZZ_ASSERT(d->minute >= 0 && d->minute <= 59);
		FUZZ_ASSERT(d->second >= 0 && d->second <= 59);
	} else {
		FUZZ_ASSERT(d->hour == 0 && d->minute == 0 && d->second == 0);
	}
	FUZZ_ASSERT((d->flags & ~(unsigned)(DATE_FLAG_AMBIGUOUS | DATE_FLAG_ZONED)) == 0);
}

/* The ISO form of d, in a buffer of exactly the 20 bytes date.h promises, read back. */
static void check_round_trip(const struct date_value *d)
{
	char *iso = malloc(20);
	FUZZ_ASSERT(iso);
	date_to_iso(d, iso);
	struct date_value back;
	const char *reason = NULL;
	FUZZ_ASSERT(date_parse(iso, strlen(iso), DATE_ORDER_DAY_FIRST, NULL, &back, &reason) ==
		    STATUS_OK);
	FUZZ_ASSERT(back.year == d->year && back.month == d->month && back.day == d->day);
	FUZZ_ASSERT(back.hour == d->hour && back.minute == d->minute && back.second == d->second);
	FUZZ_ASSERT(back.precision == d->precision);
	FUZZ_ASSERT(back.flags == 0);
	free(iso);
}

static const char *const short_names[] = {"dmy", "mdy", "ymd"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t choice = data[0];
	data++;
	size--;
	/* What a reason may quote: the pattern or the text. */
	const char *input = (const char *)data;
	size_t input_len = size;
	enum date_order order = choice & 1 ? DATE_ORDER_MONTH_FIRST : DATE_ORDER_DAY_FIRST;
	struct date_format *format = NULL;
	unsigned layout = (choice >> 1) & 3;
	if (layout == 1 || layout == 2) {
		const char *name = short_names[((choice >> 3) & 3) % 3];
		FUZZ_ASSERT(date_format_new(name, &format, NULL) == STATUS_OK && format);
	} else if (layout == 3) {
		const uint8_t *nul = memchr(data, '\0', size);
		if (!nul)
			return 0;
		char *error = NULL;
		enum status status = date_format_new((const char *)data, &format, &error);
		if (status != STATUS_OK) {
			FUZZ_ASSERT(status == STATUS_BAD_USAGE && !format);
			FUZZ_ASSERT(one_line(error, input, input_len));
			free(error);
			return 0;
		}
		FUZZ_ASSERT(format && !error);
		size -= (size_t)(nul + 1 - data);
		data = nul + 1;
	}

	/* An exact-size copy: the fuzzer's own buffer would do, this one says it. */
	char *text = malloc(size ? size : 1);
	FUZZ_ASSERT(text);
	memcpy(text, data, size);
	struct date_value value;
	const char *reason = NULL;
	enum status status = date_parse(text, size, order, format, &value, &reason);
	if (status == STATUS_OK) {
		check_date(&value);
		check_round_trip(&value);
		bool short_name =
		    layout == 3 && (strcasecmp(input, "dmy") == 0 ||
				    strcasecmp(input, "mdy") == 0 || strcasecmp(input, "ymd") == 0);
		if (layout == 3 && !short_name)
			FUZZ_ASSERT(!(value.flags & DATE_FLAG_AMBIGUOUS));
	} else {
		FUZZ_ASSERT(status == STATUS_BAD_DATE);
		FUZZ_ASSERT(one_line(reason, input, input_len));
	}
	free(text);
	date_format_free(format);
	return 0;
}
