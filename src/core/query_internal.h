/*
 * query_internal.h - what the query_*.c files share (layer: core, private to the query
 * module).
 */
#ifndef CRIMEVIEW_QUERY_INTERNAL_H
#define CRIMEVIEW_QUERY_INTERNAL_H

#include <sqlite3.h>

#include "crimeview/query.h"

/* A field of the cache, as the query needs it. */
struct query_field {
	char *name, *header, *role, *type;
};

struct query_fields {
	struct query_field *items;
	size_t n;
};

/* Loads every field of the cache. */
enum status query_fields_load(struct cache *cache, struct query_fields *fields);
void query_fields_free(struct query_fields *fields);
/* The field named (by name or header), or NULL with "unknown field ..." in error. */
const struct query_field *query_field_find(const struct query_fields *fields, const char *wanted,
					   const char *option, struct strbuf *error);

/*
 * Filters as SQL: appends " AND ..." conditions over the records table aliased r to sql
 * and the values to bind, in order, to params (text). Returns STATUS_OK, or
 * STATUS_UNKNOWN_FIELD / STATUS_BAD_QUERY with one line in error.
 */
struct query_params {
	char **values;
	size_t n, cap;
};
void query_params_add(struct query_params *params, const char *value);
void query_params_free(struct query_params *params);
/* Binds the parameters as ?1, ?2, ... in order. */
void query_params_bind(const struct query_params *params, sqlite3_stmt *stmt);
enum status query_filters_sql(const struct query_fields *fields, const struct query_filters *f,
			      struct strbuf *sql, struct query_params *params, struct strbuf *error);

/* Registers cv_days(text, file_id) and cv_number(text) on the cache's connection. */
enum status query_functions_register(struct cache *cache);

/* ---- periods ---- */

/* The SQL key of a record's period (an integer; NULL when the record has no date). */
void period_key_sql(const struct period_spec *period, struct strbuf *sql);
/* The period after key. */
long period_next(const struct period_spec *period, long key);
/* The label of key ("2019", "2019/20", "2019 Q1", "2019-03") into buf (>= 16 bytes). */
void period_label(const struct period_spec *period, long key, char *buf, size_t size);
/* The first and last day of key as ISO dates (buffers of 11 bytes). */
void period_days(const struct period_spec *period, long key, char *first, char *last);
/*
 * When from/to ("" when not given) cut the period short, writes a description of the part
 * covered ("Jan-Jul", "Feb-Dec", "1-15 Jul") into cut and returns true.
 */
bool period_cut(const struct period_spec *period, long key, const char *from, const char *to,
		char *cut, size_t size);

/* ---- suppression ---- */

/* Applies primary and secondary suppression to the pivot's count cells. */
void pivot_suppress(struct pivot *pivot, int threshold);

#endif
