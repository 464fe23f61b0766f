/*
 * query_list.c - lists of records matching the filters, page by page (layer: core, part
 * of the query module).
 *
 * Pages are fetched by key (id > the last id seen, LIMIT n), so memory holds one page and
 * a page deep in a long list costs what the first one does.
 */
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

struct list_query {
	struct cache *cache;
	struct query_fields fields;
	const struct query_field **chosen;
	const char **headers;
	size_t n_chosen;
	struct strbuf where_sql;
	struct query_params params;
	sqlite3_stmt *page; /* forwards: id > ?, ascending */
	sqlite3_stmt *page_before; /* backwards: id < ?, descending; prepared when first used */
	struct strbuf page_sql;
};

/* Prepares the page query in one direction from page_sql (which holds two %s: the
 * comparison and the order). */
static enum status prepare_page(struct list_query *list, bool backwards, sqlite3_stmt **out,
				struct strbuf *error)
{
	struct strbuf sql = STRBUF_INIT;
	const char *template = strbuf_str(&list->page_sql);
	const char *gap = strstr(template, "%s");
	const char *gap2 = gap ? strstr(gap + 2, "%s") : NULL;
	if (!gap2)
		return STATUS_CACHE;
	strbuf_append(&sql, template, (size_t)(gap - template));
	strbuf_append_str(&sql, backwards ? "<" : ">");
	strbuf_append(&sql, gap + 2, (size_t)(gap2 - gap - 2));
	strbuf_append_str(&sql, backwards ? "DESC" : "ASC");
	strbuf_append_str(&sql, gap2 + 2);
	enum status status = STATUS_OK;
	if (sqlite3_prepare_v2(cache_db(list->cache), sql.data, -1, out, NULL) != SQLITE_OK) {
		if (error)
			strbuf_appendf(error, "%s: %s", cache_path(list->cache), cache_error(list->cache));
		status = STATUS_CACHE;
	} else {
		query_params_bind(&list->params, *out);
	}
	strbuf_free(&sql);
	return status;
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
		status = query_filters_sql(&list->fields, filters, &list->where_sql, &list->params,
					   error);
	struct strbuf sql = STRBUF_INIT;
	strbuf_append_str(&sql, "SELECT r.id, r.ref, r.kind, r.date,"
				" (SELECT notes FROM notes_fts WHERE rowid = r.id)");
	for (size_t i = 0; i < list->n_chosen; i++) {
		strbuf_append_str(&sql, ", ");
		if (!strcmp(list->chosen[i]->role, "notes")) {
			strbuf_append_str(&sql, "NULL");
			continue;
		}
		strbuf_append_str(&sql, "r.");
		cache_field_column(list->chosen[i]->name, &sql);
	}
	strbuf_appendf(&sql, " FROM records r NOT INDEXED WHERE r.id %%s ?%zu", list->params.n + 1);
	strbuf_append(&sql, strbuf_str(&list->where_sql), list->where_sql.len);
	strbuf_appendf(&sql, " ORDER BY r.id %%s LIMIT ?%zu", list->params.n + 2);
	/* NOT INDEXED: walking the records in id order from the key is what makes a page cheap;
	 * an index on kind or period would make SQLite fetch every match and sort them for
	 * each page (100 ms a page at 100k records, measured in bench/browser.sh). */
	list->page_sql = sql;
	if (status == STATUS_OK)
		status = prepare_page(list, false, &list->page, error);
	if (status != STATUS_OK) {
		list_query_free(list);
		return status;
	}
	*out = list;
	return STATUS_OK;
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
		for (size_t i = 0; i < list->n_chosen; i++)
			values[i] = !strcmp(list->chosen[i]->role, "notes")
					    ? record.notes
					    : (const char *)sqlite3_column_text(stmt, (int)i + 5);
		each(&record, data);
		*last_id = record.id;
		(*n_got)++;
	}
	free(values);
	sqlite3_reset(stmt);
	if (rc == SQLITE_INTERRUPT)
		return STATUS_INTERRUPTED;
	return rc == SQLITE_DONE ? STATUS_OK : STATUS_CACHE;
}

enum status list_query_page(struct list_query *list, int64_t after_id, size_t n,
			    void (*each)(const struct list_record *record, void *data), void *data,
			    int64_t *last_id, size_t *n_got)
{
	return page_run(list, list->page, after_id, n, each, data, last_id, n_got);
}

enum status list_query_page_before(struct list_query *list, int64_t before_id, size_t n,
				   void (*each)(const struct list_record *record, void *data),
				   void *data, int64_t *first_id, size_t *n_got)
{
	*n_got = 0;
	if (!list->page_before) {
		enum status status = prepare_page(list, true, &list->page_before, NULL);
		if (status != STATUS_OK)
			return status;
	}
	return page_run(list, list->page_before, before_id, n, each, data, first_id, n_got);
}

enum status list_query_count(struct list_query *list, int64_t *n)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_append_str(&sql, "SELECT count(*) FROM records r WHERE 1");
	strbuf_append(&sql, strbuf_str(&list->where_sql), list->where_sql.len);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(cache_db(list->cache), sql.data, -1, &stmt, NULL);
	strbuf_free(&sql);
	if (rc != SQLITE_OK)
		return STATUS_CACHE;
	query_params_bind(&list->params, stmt);
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
	if (status == STATUS_OK)
		status = query_filters_sql(&fields, filters, &where, &params, error);
	if (status == STATUS_OK) {
		struct strbuf column = STRBUF_INIT;
		strbuf_append_str(&column, "r.");
		cache_field_column(chosen->name, &column);
		strbuf_appendf(&sql, "SELECT %s, count(*) FROM records r WHERE 1%s GROUP BY 1"
				     " ORDER BY 2 DESC, 1 IS NULL, 1 LIMIT %zu",
			       column.data, strbuf_str(&where), limit);
		strbuf_free(&column);
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
	strbuf_free(&list->page_sql);
	query_fields_free(&list->fields);
	free(list->chosen);
	free(list->headers);
	strbuf_free(&list->where_sql);
	query_params_free(&list->params);
	free(list);
}
