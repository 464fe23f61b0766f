/*
 * query_list.c - lists of records matching the filters, page by page (layer: core, part
 * of the query module).
 *
 * Pages are fetched by key (id > the last id seen, LIMIT n), so memory holds one page and
 * a page deep in a long list costs what the first one does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/match.h"
#include "query_internal.h"

struct list_query {
	struct cache *cache;
	struct query_fields fields;
	const struct query_field **chosen;
	const char **headers;
	size_t n_chosen;
	struct strbuf where_sql;
	struct query_params params;
	/* When the filters are a tally's (kind, whole months), the count is read from any
	 * tally (each counts every record) with these: milliseconds at any size. */
	char *tally;
	struct strbuf tally_where;
	struct query_params tally_params;
	char *review; /* review_only: the review whose marks (and reasons) are listed */
	/* A notes search's kept hits (query_match_hits), which the pages walk instead of the
	 * records; asked for again before each page, as the cache may have changed, by the
	 * search's FTS5 query. */
	char *fts, *hits;
	/* The first and last ids the date range can hold (id_bounds). */
	int64_t id_lo, id_hi;
	sqlite3_stmt *page; /* forwards: id > ?, ascending */
	sqlite3_stmt *page_before; /* backwards: id < ?, descending; prepared when first used */
	/* Redaction (list_query_redact): the personal fields, fetched after the chosen ones. */
	struct redactor *redactor;
	struct redact_counts *counts;
	const struct query_field **personal;
	size_t n_personal;
};

/* Prepares a page statement (forwards, or backwards from the key): the chosen fields, then
 * the personal ones, then the mark's reason when listing a review. */
static enum status prepare_page(struct list_query *list, bool backwards, sqlite3_stmt **out,
				struct strbuf *error)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_append_str(&sql, "SELECT r.id, r.ref, r.kind, r.date,"
				" (SELECT notes FROM notes WHERE id = r.id)");
	for (size_t i = 0; i < list->n_chosen + list->n_personal; i++) {
		const struct query_field *field = i < list->n_chosen
							  ? list->chosen[i]
							  : list->personal[i - list->n_chosen];
		strbuf_append_str(&sql, ", ");
		if (!strcmp(field->role, "notes")) {
			strbuf_append_str(&sql, "NULL");
			continue;
		}
		cache_field_value_sql(field->name, field->overflow_id, &sql);
	}
	size_t n = list->params.n;
	/* The pages walk the search's hits when kept, else the records, in id order from the
	 * key. NOT INDEXED: walking the records in id order is what makes a page cheap; an
	 * index on kind or period would make SQLite fetch every match and sort them for each
	 * page (100 ms a page at 100k records, measured in bench/browser.sh). */
	const char *walked = list->hits ? "h" : "r";
	if (list->review)
		strbuf_append_str(&sql, ", x.reason");
	if (list->hits)
		strbuf_appendf(&sql,
			       " FROM temp.\"%s\" h CROSS JOIN records r NOT INDEXED ON r.id = h.id",
			       list->hits);
	else
		strbuf_append_str(&sql, " FROM records r NOT INDEXED");
	if (list->review) {
		strbuf_append_str(&sql, " JOIN (");
		cache_review_marked_sql(n + 3, &sql);
		strbuf_append_str(&sql, ") x ON x.id = r.id");
	}
	/* One bound each way, the key and the date range's ids in one: given two, SQLite may
	 * start from the range's first id, not the key, and walk a year to a page deep in it. */
	if (backwards)
		strbuf_appendf(&sql, " WHERE %s.id <= min(?%zu - 1, ?%zu) AND %s.id >= ?%zu", walked,
			       n + 1, n + 5, walked, n + 4);
	else
		strbuf_appendf(&sql, " WHERE %s.id >= max(?%zu + 1, ?%zu) AND %s.id <= ?%zu", walked,
			       n + 1, n + 4, walked, n + 5);
	strbuf_append(&sql, strbuf_str(&list->where_sql), list->where_sql.len);
	strbuf_appendf(&sql, " ORDER BY %s.id %s LIMIT ?%zu", walked, backwards ? "DESC" : "ASC",
		       n + 2);
	sqlite3_finalize(*out);
	*out = NULL;
	enum status status = STATUS_OK;
	sqlite3 *db = cache_db(list->cache);
	if (sqlite3_prepare_v2(db, sql.data, -1, out, NULL) != SQLITE_OK) {
		if (error)
			strbuf_appendf(error, "%s: %s", cache_path(list->cache),
				       cache_error(list->cache));
		status = STATUS_CACHE;
	} else {
		query_params_bind(&list->params, *out);
		if (list->review)
			sqlite3_bind_text(*out, (int)n + 3, list->review, -1, SQLITE_STATIC);
		sqlite3_bind_int64(*out, (int)n + 4, list->id_lo);
		sqlite3_bind_int64(*out, (int)n + 5, list->id_hi);
	}
	strbuf_free(&sql);
	return status;
}

/* Above this many months a date range's id bounds are not worth looking up one by one. */
#define BOUNDS_MONTHS_MAX 2400

/* An int from the first column of a one-row statement over the kind and month index;
 * false when there is none. */
static bool index_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *stmt;
	bool found = false;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
			*out = sqlite3_column_int(stmt, 0);
			found = true;
		}
		sqlite3_finalize(stmt);
	}
	return found;
}

/*
 * The first and last ids of one kind's records in the months of a date range, by looking
 * up each month's first and last entry in the kind and month index: a few microseconds a
 * month, however many records. False when the index is missing (a cache being loaded).
 */
static bool kind_id_bounds(sqlite3 *db, const char *kind_sql, const struct query_filters *f,
			   int64_t *lo, int64_t *hi)
{
	struct strbuf sql = STRBUF_INIT;
	int first_year, last_year;
	strbuf_appendf(&sql, "SELECT min(year) FROM records INDEXED BY records_period WHERE %s",
		       kind_sql);
	bool ok = index_int(db, sql.data, &first_year);
	strbuf_reset(&sql);
	strbuf_appendf(&sql, "SELECT max(year) FROM records INDEXED BY records_period WHERE %s",
		       kind_sql);
	ok = ok && index_int(db, sql.data, &last_year);
	if (!ok) {
		strbuf_free(&sql);
		return index_int(db, "SELECT 1 FROM sqlite_master WHERE name = 'records_period'",
				 &first_year); /* no records of the kind: no bounds to widen */
	}
	int from = f->from[0] ? atoi(f->from) * 12 + atoi(f->from + 5) - 1 : first_year * 12;
	int to = f->to[0] ? atoi(f->to) * 12 + atoi(f->to + 5) - 1 : last_year * 12 + 11;
	if (from < first_year * 12)
		from = first_year * 12;
	if (to > last_year * 12 + 11)
		to = last_year * 12 + 11;
	if (to - from > BOUNDS_MONTHS_MAX) {
		strbuf_free(&sql);
		return false;
	}
	strbuf_reset(&sql);
	strbuf_appendf(&sql,
		       "SELECT (SELECT min(id) FROM records INDEXED BY records_period"
		       "  WHERE %s AND year = ?1 AND month = ?2),"
		       " (SELECT max(id) FROM records INDEXED BY records_period"
		       "  WHERE %s AND year = ?1 AND month = ?2)",
		       kind_sql, kind_sql);
	sqlite3_stmt *stmt;
	ok = sqlite3_prepare_v2(db, sql.data, -1, &stmt, NULL) == SQLITE_OK;
	for (int month = from; ok && month <= to; month++) {
		sqlite3_bind_int(stmt, 1, month / 12);
		sqlite3_bind_int(stmt, 2, month % 12 + 1);
		ok = sqlite3_step(stmt) == SQLITE_ROW;
		if (ok && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
			int64_t first = sqlite3_column_int64(stmt, 0), last = sqlite3_column_int64(stmt, 1);
			*lo = first < *lo ? first : *lo;
			*hi = last > *hi ? last : *hi;
		}
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	strbuf_free(&sql);
	return ok;
}

/*
 * With a date range, the first and last ids the range can hold: the pages then read only
 * the ids between, not every record before the range's first (a year of ten million
 * records: 0.1 s, not 1.5 s). Months are a superset of the days asked for, so the bounds
 * never leave a record out; without the index the pages read from the start, as before.
 */
static void id_bounds(struct cache *cache, const struct query_filters *filters, int64_t *id_lo,
		      int64_t *id_hi)
{
	*id_lo = 0;
	*id_hi = INT64_MAX;
	if (!filters->from[0] && !filters->to[0])
		return;
	static const char *const kinds[] = {"kind = 'crime'", "kind = 'incident'", "kind IS NULL"};
	static const enum query_kind kind_of[] = {QUERY_KIND_CRIME, QUERY_KIND_INCIDENT,
						  QUERY_KIND_OTHER};
	int64_t lo = INT64_MAX, hi = 0;
	for (size_t k = 0; k < 3; k++) {
		if (filters->kind != QUERY_KIND_ANY && filters->kind != kind_of[k])
			continue;
		if (!kind_id_bounds(cache_db(cache), kinds[k], filters, &lo, &hi))
			return;
	}
	*id_lo = lo == INT64_MAX ? 1 : lo; /* no record of the range: 1 to 0 */
	*id_hi = hi;
}

/* Asks for the search's kept hits (made again if the cache changed or they were dropped);
 * when they are in another table now, the pages are prepared again to walk it. */
static enum status hits_current(struct list_query *list)
{
	if (!list->fts)
		return STATUS_OK;
	enum status status;
	int64_t n_hits;
	char *hits = query_match_hits(list->cache, list->fts, &n_hits, &status);
	if (!hits)
		return status == STATUS_OK ? STATUS_CACHE : status;
	if (!strcmp(hits, list->hits)) {
		free(hits);
		return STATUS_OK;
	}
	free(list->hits);
	list->hits = hits;
	sqlite3_finalize(list->page_before);
	list->page_before = NULL;
	return prepare_page(list, false, &list->page, NULL);
}

enum status list_query_new(struct cache *cache, const struct query_filters *filters,
			   const char *const *fields, size_t n_fields, struct list_query **out,
			   struct strbuf *error)
{
	*out = NULL;
	struct list_query *list = xcalloc(1, sizeof(*list));
	list->cache = cache;
	list->chosen = xcalloc(n_fields + 1, sizeof(*list->chosen));
	list->headers = xcalloc(n_fields + 1, sizeof(*list->headers));
	enum status status = query_fields_load(cache, &list->fields);
	if (status == STATUS_OK)
		status = query_functions_register(cache);
	for (size_t i = 0; i < n_fields && status == STATUS_OK; i++) {
		list->chosen[i] = query_field_find(&list->fields, fields[i], "--fields", error);
		if (!list->chosen[i])
			status = STATUS_UNKNOWN_FIELD;
		else
			list->headers[list->n_chosen++] = list->chosen[i]->header;
	}
	if (status == STATUS_OK)
		status = query_filters_sql(cache, &list->fields, filters, &list->hits,
					   &list->where_sql, &list->params, error);
	if (status == STATUS_OK && list->hits) {
		struct strbuf fts = STRBUF_INIT;
		status = match_translate(filters->match, &fts, error);
		list->fts = strbuf_detach(&fts);
	}
	if (status == STATUS_OK)
		id_bounds(cache, filters, &list->id_lo, &list->id_hi);
	if (status == STATUS_OK && filters->review && filters->review_only)
		list->review = xstrdup(filters->review);
	if (status == STATUS_OK && query_tally_fits_filters(filters) && !filters->review) {
		list->tally = cache_tally_any(cache);
		if (list->tally)
			query_tally_filters_sql(filters, &list->tally_where, &list->tally_params);
	} else if (status == STATUS_OK) {
		/* A drill from a table under other filters: that table may have counted them. */
		struct query_filters on_tally;
		enum status found;
		list->tally = query_filtered_tally(cache, &list->fields, filters, NULL, 0, false,
						   &on_tally, &found);
		if (list->tally)
			query_tally_filters_sql(&on_tally, &list->tally_where, &list->tally_params);
	}
	if (status == STATUS_OK)
		status = prepare_page(list, false, &list->page, error);
	if (status != STATUS_OK) {
		list_query_free(list);
		return status;
	}
	*out = list;
	return STATUS_OK;
}

enum status list_query_redact(struct list_query *list, struct redactor *redactor,
			      struct redact_counts *counts)
{
	list->redactor = redactor;
	list->counts = counts;
	list->n_personal = 0;
	free(list->personal);
	list->personal = NULL;
	if (redactor) {
		list->personal = xcalloc(list->fields.n + 1, sizeof(*list->personal));
		for (size_t i = 0; i < list->fields.n; i++) {
			const struct query_field *f = &list->fields.items[i];
			enum redact_category category;
			if (strcmp(f->role, "notes") &&
			    redactor_field_personal(redactor, f->name, f->header, &category))
				list->personal[list->n_personal++] = f;
		}
	}
	/* The backward statement is made again when next used. */
	sqlite3_finalize(list->page_before);
	list->page_before = NULL;
	return prepare_page(list, false, &list->page, NULL);
}

/* Redacts the record in place: its personal values become the redactor's terms, then each
 * value and the notes are redacted into out (n_chosen + 1 buffers, the notes last). */
static void redact_record(struct list_query *list, sqlite3_stmt *stmt, struct list_record *record,
			  const char **values, struct strbuf *out)
{
	struct redact_field *fields = xcalloc(list->n_personal + 1, sizeof(*fields));
	for (size_t i = 0; i < list->n_personal; i++) {
		fields[i].name = list->personal[i]->name;
		fields[i].header = list->personal[i]->header;
		fields[i].value =
			(const char *)sqlite3_column_text(stmt, (int)(5 + list->n_chosen + i));
	}
	redact_record_begin(list->redactor, fields, list->n_personal);
	free(fields);
	struct strbuf *notes = &out[list->n_chosen];
	strbuf_reset(notes);
	if (record->notes)
		redact_text(list->redactor, record->notes, strlen(record->notes), notes,
			    list->counts);
	for (size_t i = 0; i < list->n_chosen; i++) {
		const struct query_field *f = list->chosen[i];
		if (!strcmp(f->role, "notes")) {
			values[i] = record->notes ? strbuf_str(notes) : NULL;
			continue;
		}
		const struct redact_field field = {f->name, f->header, values[i]};
		strbuf_reset(&out[i]);
		redact_record_value(list->redactor, &field, &out[i], list->counts);
		values[i] = values[i] ? strbuf_str(&out[i]) : NULL;
	}
	record->notes = record->notes ? strbuf_str(notes) : NULL;
}

const char *const *list_query_headers(const struct list_query *list)
{
	return list->headers;
}

static enum status page_run(struct list_query *list, sqlite3_stmt *stmt, int64_t from_id,
			    size_t n, void (*each)(const struct list_record *record, void *data),
			    void *data, int64_t *last_id, size_t *n_got)
{
	int base = (int)list->params.n;
	sqlite3_reset(stmt);
	sqlite3_bind_int64(stmt, base + 1, from_id);
	sqlite3_bind_int64(stmt, base + 2, (sqlite3_int64)n);
	const char **values = xcalloc(list->n_chosen + 1, sizeof(*values));
	struct strbuf *redacted = list->redactor ? xcalloc(list->n_chosen + 1, sizeof(*redacted))
						 : NULL;
	*n_got = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct list_record record = {
			.id = sqlite3_column_int64(stmt, 0),
			.ref = (const char *)sqlite3_column_text(stmt, 1),
			.kind = (const char *)sqlite3_column_text(stmt, 2),
			.date = (const char *)sqlite3_column_text(stmt, 3),
			.notes = (const char *)sqlite3_column_text(stmt, 4),
			.values = values,
		};
		if (list->review) {
			int column = (int)(5 + list->n_chosen + list->n_personal);
			record.reason = (const char *)sqlite3_column_text(stmt, column);
		}
		for (size_t i = 0; i < list->n_chosen; i++)
			values[i] = !strcmp(list->chosen[i]->role, "notes")
					    ? record.notes
					    : (const char *)sqlite3_column_text(stmt, (int)i + 5);
		if (list->redactor)
			redact_record(list, stmt, &record, values, redacted);
		each(&record, data);
		*last_id = record.id;
		(*n_got)++;
	}
	free(values);
	for (size_t i = 0; redacted && i <= list->n_chosen; i++)
		strbuf_free(&redacted[i]);
	free(redacted);
	sqlite3_reset(stmt);
	if (rc == SQLITE_INTERRUPT)
		return STATUS_INTERRUPTED;
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status list_query_page(struct list_query *list, int64_t after_id, size_t n,
			    void (*each)(const struct list_record *record, void *data), void *data,
			    int64_t *last_id, size_t *n_got)
{
	*n_got = 0;
	enum status status = hits_current(list);
	if (status != STATUS_OK)
		return status;
	return page_run(list, list->page, after_id, n, each, data, last_id, n_got);
}

enum status list_query_page_before(struct list_query *list, int64_t before_id, size_t n,
				   void (*each)(const struct list_record *record, void *data),
				   void *data, int64_t *first_id, size_t *n_got)
{
	*n_got = 0;
	enum status status = hits_current(list);
	if (status == STATUS_OK && !list->page_before)
		status = prepare_page(list, true, &list->page_before, NULL);
	if (status != STATUS_OK)
		return status;
	return page_run(list, list->page_before, before_id, n, each, data, first_id, n_got);
}

enum status list_query_count(struct list_query *list, int64_t *n)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	int rc = SQLITE_ERROR;
	if (list->tally) {
		/* The tally may have gone since (an import dropped it): then the records. */
		strbuf_appendf(&sql, "SELECT coalesce(sum(r.n), 0) FROM \"%s\" r WHERE 1%s",
			       list->tally, strbuf_str(&list->tally_where));
		rc = sqlite3_prepare_v2(cache_db(list->cache), sql.data, -1, &stmt, NULL);
		if (rc == SQLITE_OK)
			query_params_bind(&list->tally_params, stmt);
	}
	if (rc != SQLITE_OK) {
		enum status status = hits_current(list);
		if (status != STATUS_OK) {
			strbuf_free(&sql);
			return status;
		}
		strbuf_reset(&sql);
		strbuf_append_str(&sql, "SELECT count(*) FROM ");
		if (list->hits)
			strbuf_appendf(&sql, "temp.\"%s\" h CROSS JOIN records r ON r.id = h.id",
				       list->hits);
		else
			strbuf_append_str(&sql, "records r");
		strbuf_append_str(&sql, " WHERE 1");
		strbuf_append(&sql, strbuf_str(&list->where_sql), list->where_sql.len);
		rc = sqlite3_prepare_v2(cache_db(list->cache), sql.data, -1, &stmt, NULL);
		if (rc == SQLITE_OK)
			query_params_bind(&list->params, stmt);
	}
	strbuf_free(&sql);
	if (rc != SQLITE_OK)
		return STATUS_CACHE;
	rc = sqlite3_step(stmt);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? STATUS_OK : rc == SQLITE_INTERRUPT ? STATUS_INTERRUPTED : STATUS_CACHE;
}

enum status query_field_values(struct cache *cache, const struct query_filters *filters,
			       const char *field, size_t limit,
			       void (*each)(const char *value, int64_t n, void *data), void *data,
			       struct strbuf *error)
{
	struct query_fields fields;
	struct query_params params = {0};
	struct strbuf where = STRBUF_INIT, sql = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum status status = query_fields_load(cache, &fields);
	if (status != STATUS_OK)
		return status;
	status = query_functions_register(cache);
	const struct query_field *chosen =
		status == STATUS_OK ? query_field_find(&fields, field, "field", error) : NULL;
	if (status == STATUS_OK && !chosen)
		status = STATUS_UNKNOWN_FIELD;
	if (status == STATUS_OK && !strcmp(chosen->role, "notes")) {
		strbuf_appendf(error, "%s is the notes: search them with /", field);
		status = STATUS_BAD_QUERY;
	}
	/* Filters a tally keeps: the counts come from it (made once if missing), not from
	 * every record. Other filters: from the tally of the records they leave by this field,
	 * which a table by it under them made (or this makes, for the tables after it). */
	char *tally = NULL;
	if (status == STATUS_OK && query_tally_fits_filters(filters) && !filters->review) {
		tally = query_tally_ensure(cache, &chosen, 1, true);
		if (tally)
			query_tally_filters_sql(filters, &where, &params);
	} else if (status == STATUS_OK) {
		struct query_filters on_tally;
		tally = query_filtered_tally(cache, &fields, filters, &chosen, 1, true, &on_tally,
					     &status);
		if (tally)
			query_tally_filters_sql(&on_tally, &where, &params);
	}
	if (status == STATUS_OK && !tally)
		status = query_filters_sql(cache, &fields, filters, NULL, &where, &params, error);
	if (status == STATUS_OK) {
		struct strbuf column = STRBUF_INIT, source = STRBUF_INIT;
		if (tally) {
			strbuf_append_str(&column, "r.");
			cache_field_column(chosen->name, &column);
			strbuf_appendf(&source, "\"%s\"", tally);
		} else {
			cache_field_value_sql(chosen->name, chosen->overflow_id, &column);
			strbuf_append_str(&source, "records");
		}
		const char *count = tally ? "sum(r.n)" : "count(*)";
		strbuf_appendf(&sql, "SELECT %s, %s FROM %s r WHERE 1%s GROUP BY 1"
				     " HAVING %s > 0 ORDER BY 2 DESC, 1 IS NULL, 1 LIMIT %zu",
			       column.data, count, source.data, strbuf_str(&where), count, limit);
		strbuf_free(&column);
		strbuf_free(&source);
		free(tally);
		if (sqlite3_prepare_v2(cache_db(cache), sql.data, -1, &stmt, NULL) != SQLITE_OK) {
			strbuf_appendf(error, "%s: %s", cache_path(cache), cache_error(cache));
			status = STATUS_CACHE;
		}
	}
	if (status == STATUS_OK) {
		query_params_bind(&params, stmt);
		int rc;
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			each((const char *)sqlite3_column_text(stmt, 0), sqlite3_column_int64(stmt, 1), data);
		status = rc == SQLITE_DONE ? STATUS_OK : rc == SQLITE_INTERRUPT ? STATUS_INTERRUPTED
										: STATUS_CACHE;
	}
	sqlite3_finalize(stmt);
	strbuf_free(&sql);
	strbuf_free(&where);
	query_params_free(&params);
	query_fields_free(&fields);
	return status;
}

void list_query_free(struct list_query *list)
{
	if (!list)
		return;
	sqlite3_finalize(list->page);
	sqlite3_finalize(list->page_before);
	query_fields_free(&list->fields);
	free(list->chosen);
	free(list->headers);
	free(list->personal);
	free(list->review);
	free(list->fts);
	free(list->hits);
	strbuf_free(&list->where_sql);
	query_params_free(&list->params);
	free(list->tally);
	strbuf_free(&list->tally_where);
	query_params_free(&list->tally_params);
	free(list);
}
