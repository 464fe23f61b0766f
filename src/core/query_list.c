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
	sqlite3_stmt *page;
};

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
		cache_field_value_sql(list->chosen[i]->name, list->chosen[i]->overflow_id, &sql);
	}
	strbuf_appendf(&sql, " FROM records r WHERE r.id > ?%zu", list->params.n + 1);
	strbuf_append(&sql, strbuf_str(&list->where_sql), list->where_sql.len);
	strbuf_appendf(&sql, " ORDER BY r.id LIMIT ?%zu", list->params.n + 2);
	if (status == STATUS_OK &&
	    sqlite3_prepare_v2(cache_db(cache), sql.data, -1, &list->page, NULL) != SQLITE_OK) {
		strbuf_appendf(error, "%s: %s", cache_path(cache), cache_error(cache));
		status = STATUS_CACHE;
	}
	strbuf_free(&sql);
	if (status != STATUS_OK) {
		list_query_free(list);
		return status;
	}
	query_params_bind(&list->params, list->page);
	*out = list;
	return STATUS_OK;
}

const char *const *list_query_headers(const struct list_query *list)
{
	return list->headers;
}

enum status list_query_page(struct list_query *list, int64_t after_id, size_t n,
			    void (*each)(const struct list_record *record, void *data), void *data,
			    int64_t *last_id, size_t *n_got)
{
	sqlite3_stmt *stmt = list->page;
	int base = (int)list->params.n;
	sqlite3_reset(stmt);
	sqlite3_bind_int64(stmt, base + 1, after_id);
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

void list_query_free(struct list_query *list)
{
	if (!list)
		return;
	sqlite3_finalize(list->page);
	query_fields_free(&list->fields);
	free(list->chosen);
	free(list->headers);
	strbuf_free(&list->where_sql);
	query_params_free(&list->params);
	free(list);
}
