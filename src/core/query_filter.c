/*
 * query_filter.c - the cache's fields, the filters as SQL with bound parameters, and the
 * SQL functions the queries use (layer: core, part of the query module).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/date.h"
#include "query_internal.h"

enum status query_fields_load(struct cache *cache, struct query_fields *fields)
{
	sqlite3_stmt *stmt;
	memset(fields, 0, sizeof(*fields));
	if (sqlite3_prepare_v2(cache_db(cache),
			       "SELECT name, header, role, type,"
			       " CASE WHEN overflow THEN id ELSE 0 END FROM fields ORDER BY id",
			       -1, &stmt, NULL) != SQLITE_OK)
		return STATUS_CACHE;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (fields->n == cap) {
			cap = cap ? cap * 2 : 16;
			fields->items = xrealloc(fields->items, cap * sizeof(*fields->items));
		}
		struct query_field *f = &fields->items[fields->n++];
		f->name = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		f->header = xstrdup((const char *)sqlite3_column_text(stmt, 1));
		f->role = xstrdup((const char *)sqlite3_column_text(stmt, 2));
		f->type = xstrdup((const char *)sqlite3_column_text(stmt, 3));
		f->overflow_id = sqlite3_column_int64(stmt, 4);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

void query_fields_free(struct query_fields *fields)
{
	for (size_t i = 0; i < fields->n; i++) {
		free(fields->items[i].name);
		free(fields->items[i].header);
		free(fields->items[i].role);
		free(fields->items[i].type);
	}
	free(fields->items);
	memset(fields, 0, sizeof(*fields));
}

const struct query_field *query_field_find(const struct query_fields *fields, const char *wanted,
					   const char *option, struct strbuf *error)
{
	for (size_t i = 0; i < fields->n; i++)
		if (field_name_matches(wanted, fields->items[i].name, fields->items[i].header))
			return &fields->items[i];
	strbuf_appendf(error, "%s: unknown field '%s' (crimeview fields lists them)", option, wanted);
	return NULL;
}

void query_params_add(struct query_params *params, const char *value)
{
	if (params->n == params->cap) {
		params->cap = params->cap ? params->cap * 2 : 8;
		params->values = xrealloc(params->values, params->cap * sizeof(*params->values));
	}
	params->values[params->n++] = xstrdup(value);
}

void query_params_free(struct query_params *params)
{
	for (size_t i = 0; i < params->n; i++)
		free(params->values[i]);
	free(params->values);
	memset(params, 0, sizeof(*params));
}

void query_params_bind(const struct query_params *params, sqlite3_stmt *stmt)
{
	for (size_t i = 0; i < params->n; i++)
		sqlite3_bind_text(stmt, (int)i + 1, params->values[i], -1, SQLITE_STATIC);
}

/* "?N" for the next parameter. */
static void placeholder(struct strbuf *sql, const struct query_params *params)
{
	strbuf_appendf(sql, "?%zu", params->n);
}

/* True when s is a number; *value receives it. */
static bool parse_number(const char *s, double *value)
{
	char *end;
	*value = strtod(s, &end);
	return end != s && !*end && isfinite(*value);
}

bool query_where_fits_tally(const struct query_filters *f)
{
	for (size_t i = 0; i < f->n_where; i++) {
		switch (f->where[i].op) {
		case WHERE_BLANK:
		case WHERE_EQUALS:
		case WHERE_IS:
		case WHERE_CONTAINS:
			continue;
		default: /* numbers and dates are read with the record's file */
			return false;
		}
	}
	return true;
}

/* One --where term as SQL, on the records or on a tally's columns (r either way). */
static enum status where_term_sql(const struct query_field *field, const struct where_term *term,
				  bool on_tally, struct strbuf *sql, struct query_params *params,
				  struct strbuf *error)
{
	struct strbuf column = STRBUF_INIT;
	if (on_tally) {
		strbuf_append_str(&column, "r.");
		cache_field_column(field->name, &column);
	} else {
		cache_field_value_sql(field->name, field->overflow_id, &column);
	}
	double number;
	struct date_value date;
	switch (term->op) {
	case WHERE_BLANK:
		strbuf_appendf(sql, "%s IS NULL", column.data);
		break;
	case WHERE_EQUALS:
	case WHERE_IS: /* as the table grouped: case counts */
		query_params_add(params, term->value);
		strbuf_appendf(sql, "%s = ", column.data);
		placeholder(sql, params);
		if (term->op == WHERE_EQUALS)
			strbuf_append_str(sql, " COLLATE NOCASE");
		break;
	case WHERE_CONTAINS:
		query_params_add(params, term->value);
		strbuf_appendf(sql, "instr(lower(%s), lower(", column.data);
		placeholder(sql, params);
		strbuf_append_str(sql, ")) > 0");
		break;
	case WHERE_ABOVE:
		query_params_add(params, term->value);
		strbuf_appendf(sql, "cv_number(%s) > CAST(", column.data);
		placeholder(sql, params);
		strbuf_append_str(sql, " AS REAL)");
		break;
	case WHERE_NOT_NUMBER:
		strbuf_appendf(sql, "%s IS NOT NULL AND cv_number(%s) IS NULL", column.data,
			       column.data);
		break;
	case WHERE_AT_LEAST:
	case WHERE_AT_MOST: {
		const char *cmp = term->op == WHERE_AT_LEAST ? ">=" : "<=";
		if (parse_number(term->value, &number)) {
			query_params_add(params, term->value);
			strbuf_appendf(sql, "cv_number(%s) %s CAST(", column.data, cmp);
			placeholder(sql, params);
			strbuf_append_str(sql, " AS REAL)");
		} else if (date_parse(term->value, strlen(term->value), DATE_ORDER_DAY_FIRST, NULL,
				      &date, NULL) == STATUS_OK) {
			char days[32];
			snprintf(days, sizeof(days), "%ld",
				 date_days_since_epoch(date.year, date.month, date.day));
			query_params_add(params, days);
			strbuf_appendf(sql, "cv_days(%s, r.file_id) %s CAST(", column.data, cmp);
			placeholder(sql, params);
			strbuf_append_str(sql, " AS INTEGER)");
		} else {
			strbuf_appendf(error, "--where \"%s%s%s\": %s takes a number or a date", term->field,
				       cmp, term->value, cmp);
			strbuf_free(&column);
			return STATUS_BAD_QUERY;
		}
		break;
	}
	}
	strbuf_free(&column);
	return STATUS_OK;
}

/* r.date against an ISO bound; a month-precision record (2016-03) is in range when its
 * month is. */
static void date_bound_sql(const char *cmp, const char *iso, struct strbuf *sql,
			   struct query_params *params)
{
	query_params_add(params, iso);
	strbuf_appendf(sql, " AND r.date %s CASE WHEN length(r.date) = 7 THEN substr(", cmp);
	placeholder(sql, params);
	strbuf_append_str(sql, ", 1, 7) ELSE ");
	placeholder(sql, params);
	strbuf_append_str(sql, " END");
}

bool query_kind_parse(const char *word, enum query_kind *out)
{
	static const struct {
		const char *word;
		enum query_kind kind;
	} kinds[] = {{"crime", QUERY_KIND_CRIME}, {"incident", QUERY_KIND_INCIDENT},
		     {"other", QUERY_KIND_OTHER}};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!strcmp(word, kinds[i].word)) {
			*out = kinds[i].kind;
			return true;
		}
	}
	return false;
}

void query_kind_sql(enum query_kind kind, struct strbuf *sql, struct query_params *params)
{
	if (kind == QUERY_KIND_ANY)
		return;
	if (kind == QUERY_KIND_OTHER) {
		strbuf_append_str(sql, " AND r.kind IS NULL");
		return;
	}
	query_params_add(params, kind == QUERY_KIND_CRIME ? "crime" : "incident");
	/* Not by the kind index: half the records are of a kind, and with a notes search
	 * the search must lead (10M records: 30 ms, not 1.6 s). */
	strbuf_append_str(sql, " AND +r.kind = ");
	placeholder(sql, params);
}

/* The highest record id: about the number of records. */
static int64_t records_max_id(struct cache *cache)
{
	sqlite3_stmt *stmt;
	int64_t max_id = 0;
	if (sqlite3_prepare_v2(cache_db(cache), "SELECT max(id) FROM records", -1, &stmt, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			max_id = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
	}
	return max_id;
}

enum status query_filters_sql(struct cache *cache, const struct query_fields *fields,
			      const struct query_filters *f, char **hits_table, struct strbuf *sql,
			      struct query_params *params, struct strbuf *error)
{
	query_kind_sql(f->kind, sql, params);
	if (f->undated)
		strbuf_append_str(sql, " AND r.date IS NULL");
	if (f->from[0])
		date_bound_sql(">=", f->from, sql, params);
	if (f->to[0])
		date_bound_sql("<=", f->to, sql, params);
	if (f->match) {
		struct strbuf fts = STRBUF_INIT;
		enum status status = match_translate(f->match, &fts, error);
		char *hits = NULL;
		int64_t n_hits = 0;
		if (status == STATUS_OK && cache)
			hits = query_match_hits(cache, fts.data, &n_hits, &status);
		if (status != STATUS_OK) {
			strbuf_free(&fts);
			return status;
		}
		if (hits && hits_table) {
			*hits_table = hits;
		} else if (hits) {
			/* A search that finds most records: each record, read in order, is looked
			 * up among the hits, rather than each hit among the records (8.3M of 10M:
			 * 2.3 s, not 6.3 s, and far less from a cold disk). */
			bool most = n_hits * 4 > records_max_id(cache);
			strbuf_appendf(sql, " AND %sr.id IN (SELECT id FROM temp.\"%s\")",
				       most ? "+" : "", hits);
			free(hits);
		} else {
			/* Not kept (none asked for, or it could not be made): the index itself. */
			strbuf_append_str(sql, " AND r.id IN (");
			if (cache) {
				status = query_notes_sql(cache_db(cache), fts.data, sql, params, error);
			} else {
				/* Without a cache the SQL is only the filters' text, never run. */
				query_params_add(params, fts.data);
				strbuf_append_str(sql, "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ");
				placeholder(sql, params);
			}
			strbuf_append_str(sql, ")");
		}
		strbuf_free(&fts);
		if (status != STATUS_OK)
			return status;
	}
	enum status status = query_where_sql(fields, f, false, sql, params, error);
	if (status == STATUS_OK && f->review)
		query_review_sql(f, sql, params);
	return status;
}

enum status query_where_sql(const struct query_fields *fields, const struct query_filters *f,
			    bool on_tally, struct strbuf *sql, struct query_params *params,
			    struct strbuf *error)
{
	/* A field's values are ORed, its bounds (>=, <=) ANDed; different fields are ANDed. */
	bool *done = xcalloc(f->n_where + 1, sizeof(*done));
	enum status status = STATUS_OK;
	for (size_t i = 0; i < f->n_where && status == STATUS_OK; i++) {
		if (done[i])
			continue;
		const struct query_field *field =
			query_field_find(fields, f->where[i].field, "--where", error);
		if (!field) {
			status = STATUS_UNKNOWN_FIELD;
			break;
		}
		if (!strcmp(field->role, "notes")) {
			strbuf_appendf(error, "--where: %s is the notes: search them with --match",
				       f->where[i].field);
			status = STATUS_BAD_QUERY;
			break;
		}
		/* Pass 0: the values, ORed in one group; pass 1: each bound on its own. */
		for (int pass = 0; pass < 2 && status == STATUS_OK; pass++) {
			bool any = false;
			for (size_t j = i; j < f->n_where && status == STATUS_OK; j++) {
				const struct query_field *other =
					j == i ? field
					       : query_field_find(fields, f->where[j].field, "--where", error);
				if (!other) {
					status = STATUS_UNKNOWN_FIELD;
					break;
				}
				bool range = where_op_narrows(f->where[j].op);
				if (other != field || range != (pass == 1))
					continue;
				if (pass == 1)
					strbuf_append_str(sql, " AND (");
				else
					strbuf_append_str(sql, any ? " OR " : " AND (");
				status = where_term_sql(field, &f->where[j], on_tally, sql, params, error);
				if (pass == 1)
					strbuf_append_str(sql, ")");
				any = true;
				done[j] = true;
			}
			if (pass == 0 && any)
				strbuf_append_str(sql, ")");
		}
	}
	free(done);
	return status;
}

void query_review_sql(const struct query_filters *f, struct strbuf *sql,
		      struct query_params *params)
{
	query_params_add(params, f->review);
	strbuf_appendf(sql, " AND r.id %sIN (SELECT id FROM (", f->review_only ? "" : "NOT ");
	cache_review_marked_sql(params->n, sql);
	strbuf_append_str(sql, "))");
}
