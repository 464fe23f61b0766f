/*
 * query_period.c - periods: years (calendar, financial, or starting any month), quarters
 * and months; their keys, labels, days, and how --from/--to cut them (layer: core, part
 * of the query module).
 *
 * A period is keyed by an integer: the starting year for years (2019 for 2019/20), year*10
 * + quarter for quarters, year*100 + month for months. Month-precision records (2016-03)
 * have a year and a month, which is all any period needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/date.h"
#include "query_internal.h"

static const char *const month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool period_parse(const char *text, struct period_spec *out)
{
	if (!strcmp(text, "year")) {
		*out = (struct period_spec){PERIOD_YEAR, 1};
	} else if (!strcmp(text, "fy")) {
		*out = (struct period_spec){PERIOD_YEAR, 4};
	} else if (!strcmp(text, "quarter")) {
		*out = (struct period_spec){PERIOD_QUARTER, 1};
	} else if (!strcmp(text, "month")) {
		*out = (struct period_spec){PERIOD_MONTH, 1};
	} else if (!strncmp(text, "year@", 5)) {
		char *end;
		long month = strtol(text + 5, &end, 10);
		if (end == text + 5 || *end || month < 1 || month > 12)
			return false;
		*out = (struct period_spec){PERIOD_YEAR, (int)month};
	} else {
		return false;
	}
	return true;
}

const char *period_name(const struct period_spec *period, char *buf)
{
	switch (period->kind) {
	case PERIOD_QUARTER:
		return strcpy(buf, "quarter");
	case PERIOD_MONTH:
		return strcpy(buf, "month");
	case PERIOD_YEAR:
		break;
	}
	if (period->start_month == 1)
		return strcpy(buf, "year");
	if (period->start_month == 4)
		return strcpy(buf, "fy");
	snprintf(buf, 16, "year@%02d", period->start_month);
	return buf;
}

void period_key_sql(const struct period_spec *period, struct strbuf *sql)
{
	switch (period->kind) {
	case PERIOD_QUARTER:
		strbuf_append_str(sql, "(r.year * 10 + (r.month + 2) / 3)");
		return;
	case PERIOD_MONTH:
		strbuf_append_str(sql, "(r.year * 100 + r.month)");
		return;
	case PERIOD_YEAR:
		break;
	}
	if (period->start_month == 1)
		strbuf_append_str(sql, "r.year");
	else
		strbuf_appendf(sql, "(r.year - (r.month < %d))", period->start_month);
}

long period_next(const struct period_spec *period, long key)
{
	switch (period->kind) {
	case PERIOD_QUARTER:
		return key % 10 == 4 ? (key / 10 + 1) * 10 + 1 : key + 1;
	case PERIOD_MONTH:
		return key % 100 == 12 ? (key / 100 + 1) * 100 + 1 : key + 1;
	case PERIOD_YEAR:
		break;
	}
	return key + 1;
}

void period_label(const struct period_spec *period, long key, char *buf, size_t size)
{
	switch (period->kind) {
	case PERIOD_QUARTER:
		snprintf(buf, size, "%ld Q%ld", key / 10, key % 10);
		return;
	case PERIOD_MONTH:
		snprintf(buf, size, "%ld-%02ld", key / 100, key % 100);
		return;
	case PERIOD_YEAR:
		break;
	}
	if (period->start_month == 1)
		snprintf(buf, size, "%ld", key);
	else
		snprintf(buf, size, "%ld/%02ld", key, (key + 1) % 100);
}

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* The first month (year, month) of the period and how many months it has. */
static void period_months(const struct period_spec *period, long key, int *year, int *month,
			  int *n_months)
{
	switch (period->kind) {
	case PERIOD_QUARTER:
		*year = (int)(key / 10);
		*month = (int)(key % 10 - 1) * 3 + 1;
		*n_months = 3;
		return;
	case PERIOD_MONTH:
		*year = (int)(key / 100);
		*month = (int)(key % 100);
		*n_months = 1;
		return;
	case PERIOD_YEAR:
		break;
	}
	*year = (int)key;
	*month = period->start_month;
	*n_months = 12;
}

static void add_months(int *year, int *month, int n)
{
	int index = *year * 12 + (*month - 1) + n;
	*year = index / 12;
	*month = index % 12 + 1;
}

void period_days(const struct period_spec *period, long key, char *first, char *last)
{
	int year, month, n_months;
	period_months(period, key, &year, &month, &n_months);
	char buf[48];
	snprintf(buf, sizeof(buf), "%04d-%02d-01", year, month);
	memcpy(first, buf, 11);
	add_months(&year, &month, n_months - 1);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, days_in_month(year, month));
	memcpy(last, buf, 11);
}

/* Splits an ISO date into its parts. */
static void iso_parts(const char *iso, int *year, int *month, int *day)
{
	*year = atoi(iso);
	*month = atoi(iso + 5);
	*day = atoi(iso + 8);
}

bool period_cut(const struct period_spec *period, long key, const char *from, const char *to,
		char *cut, size_t size)
{
	char first[11], last[11];
	period_days(period, key, first, last);
	const char *start = from[0] && strcmp(from, first) > 0 ? from : first;
	const char *end = to[0] && strcmp(to, last) < 0 ? to : last;
	if (start == first && end == last)
		return false;
	int y1, m1, d1, y2, m2, d2;
	iso_parts(start, &y1, &m1, &d1);
	iso_parts(end, &y2, &m2, &d2);
	bool whole_months = d1 == 1 && d2 == days_in_month(y2, m2);
	bool one_year = y1 == y2;
	if (whole_months && m1 == m2 && one_year)
		snprintf(cut, size, "%s", month_abbr[m1 - 1]);
	else if (whole_months && one_year)
		snprintf(cut, size, "%s-%s", month_abbr[m1 - 1], month_abbr[m2 - 1]);
	else if (whole_months)
		snprintf(cut, size, "%s %d-%s %d", month_abbr[m1 - 1], y1, month_abbr[m2 - 1], y2);
	else if (m1 == m2 && one_year)
		snprintf(cut, size, "%d-%d %s", d1, d2, month_abbr[m1 - 1]);
	else
		snprintf(cut, size, "%d %s-%d %s", d1, month_abbr[m1 - 1], d2, month_abbr[m2 - 1]);
	return true;
}
