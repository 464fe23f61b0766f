/*
 * query_functions.c - SQL functions for the queries (layer: core, part of the query
 * module).
 *
 * cv_number(text): the number a field holds, or NULL (fields are stored as text, as
 * exported: "0021" stays "0021").
 * cv_days(text, file_id): days since 1970-01-01 of a date as the file wrote it, read in
 * that file's own day/month order (a US file is month-first), or NULL.
 * cv_notes_match(notes, fts): whether a note satisfies a notes search (query_notes.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/date.h"
#include "query_internal.h"

struct file_orders {
	int64_t *file_ids;
	enum date_order *orders;
	struct date_format **formats; /* a --date-format pattern the file was read with */
	size_t n;
};

static void file_orders_free(void *data)
{
	struct file_orders *orders = data;
	for (size_t i = 0; i < orders->n; i++)
		date_format_free(orders->formats[i]);
	free(orders->file_ids);
	free(orders->orders);
	free(orders->formats);
	free(orders);
}

static void cv_number(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (!text)
		return;
	char *end;
	double value = strtod(text, &end);
	if (end != text && !*end && isfinite(value))
		sqlite3_result_double(context, value);
}

static void cv_days(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct file_orders *orders = sqlite3_user_data(context);
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (!text)
		return;
	int64_t file_id = sqlite3_value_int64(argv[1]);
	enum date_order order = DATE_ORDER_DAY_FIRST;
	const struct date_format *format = NULL;
	for (size_t i = 0; i < orders->n; i++) {
		if (orders->file_ids[i] == file_id) {
			order = orders->orders[i];
			format = orders->formats[i];
			break;
		}
	}
	struct date_value date;
	if (date_parse(text, (size_t)sqlite3_value_bytes(argv[0]), order, format, &date, NULL) !=
	    STATUS_OK)
		return;
	sqlite3_result_int64(context, date_days_since_epoch(date.year, date.month, date.day));
}

enum status query_functions_register(struct cache *cache)
{
	sqlite3 *db = cache_db(cache);
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, "SELECT id, date_order FROM files", -1, &stmt, NULL) != SQLITE_OK)
		return STATUS_CACHE;
	struct file_orders *orders = xcalloc(1, sizeof(*orders));
	size_t cap = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (orders->n == cap) {
			cap = cap ? cap * 2 : 8;
			orders->file_ids = xrealloc(orders->file_ids, cap * sizeof(*orders->file_ids));
			orders->orders = xrealloc(orders->orders, cap * sizeof(*orders->orders));
			orders->formats = xrealloc(orders->formats, cap * sizeof(*orders->formats));
		}
		const char *name = (const char *)sqlite3_column_text(stmt, 1);
		struct date_format *format = NULL;
		enum date_order order = DATE_ORDER_DAY_FIRST;
		if (name && !strcmp(name, "month-first"))
			order = DATE_ORDER_MONTH_FIRST;
		else if (name && strcmp(name, "day-first") && date_format_new(name, &format, NULL) == STATUS_OK)
			order = date_format_order(format);
		orders->file_ids[orders->n] = sqlite3_column_int64(stmt, 0);
		orders->orders[orders->n] = order;
		orders->formats[orders->n] = format;
		orders->n++;
	}
	sqlite3_finalize(stmt);
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (sqlite3_create_function_v2(db, "cv_number", 1, flags, NULL, cv_number, NULL, NULL, NULL) !=
		    SQLITE_OK ||
	    sqlite3_create_function_v2(db, "cv_days", 2, flags, orders, cv_days, NULL, NULL,
				       file_orders_free) != SQLITE_OK ||
	    query_notes_function_register(db) != SQLITE_OK)
		return STATUS_CACHE;
	return STATUS_OK;
}
