/*
 * query_redact.c - what redaction and reviews ask of the query module: a table's labels
 * redacted, the --personal columns checked against the cache, and a review's summary over
 * the records a table or list counted (layer: core, part of the query module).
 */
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

/* Replaces *label by its redaction: the token when personal, else the rules' output. */
static void redact_label(char **label, const struct redactor *redactor, const char *field,
			 const char *header, struct redact_counts *counts)
{
	if (!*label)
		return;
	struct strbuf out = STRBUF_INIT;
	const struct redact_field f = {.name = field, .header = header, .value = *label};
	redact_record_value(redactor, &f, &out, counts);
	free(*label);
	*label = strbuf_detach(&out);
}

/* Whether a dimension's labels are a field's values (not periods, bands or measures). */
static bool dim_has_values(const struct pivot_dim *dim)
{
	return dim->field && !dim->band;
}

void pivot_redact(struct pivot *pivot, const struct redactor *redactor,
		  struct redact_counts *counts)
{
	for (size_t i = 0; i < pivot->n_rows; i++) {
		struct pivot_row *row = &pivot->rows[i];
		for (size_t d = 0; d < pivot->n_row_levels && d < TABLE_ROWS_MAX; d++)
			if (dim_has_values(&pivot->row_dims[d]) && !row->blank[d])
				redact_label(&row->labels[d], redactor, pivot->row_dims[d].field,
					     pivot->row_titles[d], counts);
	}
	if (!dim_has_values(&pivot->column_dim))
		return;
	for (size_t c = 0; c < pivot->n_columns; c++)
		if (pivot->columns[c].value)
			redact_label(&pivot->columns[c].label, redactor, pivot->column_dim.field,
				     pivot->column_title, counts);
}

/* value with redaction: the token of a personal field's category, else the rules' text. */
static char *redacted_value(const struct redactor *redactor, const char *field, const char *value)
{
	enum redact_category category;
	struct strbuf out = STRBUF_INIT;
	if (field && value && value[0] && redactor_field_personal(redactor, field, field, &category))
		strbuf_appendf(&out, "[%s]", redact_category_name(category));
	else if (value)
		redact_text(redactor, value, strlen(value), &out, NULL);
	return strbuf_detach(&out);
}

void redacted_filters_make(const struct query_filters *filters, const struct redactor *redactor,
			   struct redacted_filters *out)
{
	memset(out, 0, sizeof(*out));
	out->filters = *filters;
	out->where = xcalloc(filters->n_where + 1, sizeof(*out->where));
	for (size_t i = 0; i < filters->n_where; i++) {
		const struct where_term *term = &filters->where[i];
		out->where[i].field = xstrdup(term->field);
		out->where[i].op = term->op;
		out->where[i].value = redacted_value(redactor, term->field, term->value);
	}
	out->filters.where = out->where;
	if (filters->match) {
		out->match = redacted_value(redactor, NULL, filters->match);
		out->filters.match = out->match;
	}
}

void redacted_filters_free(struct redacted_filters *redacted)
{
	for (size_t i = 0; i < redacted->filters.n_where; i++)
		where_term_clear(&redacted->where[i]);
	free(redacted->where);
	free(redacted->match);
	memset(redacted, 0, sizeof(*redacted));
}

enum status query_redactor_check(struct cache *cache, const struct redactor *redactor,
				 struct strbuf *error)
{
	if (!redactor_personal_column(redactor, 0))
		return STATUS_OK;
	struct query_fields fields;
	enum status status = query_fields_load(cache, &fields);
	const char *column;
	for (size_t i = 0; status == STATUS_OK && (column = redactor_personal_column(redactor, i));
	     i++) {
		const struct query_field *field =
			query_field_find(&fields, column, "--personal", error);
		if (!field) {
			status = STATUS_UNKNOWN_FIELD;
		} else if (!strcmp(field->role, "notes")) {
			strbuf_appendf(error,
				       "--personal: %s is the notes: --redact removes personal "
				       "data from them, it does not hide them whole",
				       column);
			status = STATUS_BAD_QUERY;
		}
	}
	query_fields_free(&fields);
	return status;
}

enum status query_review_summary(struct cache *cache, const struct query_filters *filters,
				 struct review_summary *out, struct strbuf *error)
{
	memset(out, 0, sizeof(*out));
	/* The records the filters match but for the review, joined to the review's marks. */
	struct query_filters others = *filters;
	others.review = NULL;
	others.review_only = false;
	struct query_fields fields;
	struct query_params params = {0};
	struct strbuf where = STRBUF_INIT, sql = STRBUF_INIT;
	enum status status = query_fields_load(cache, &fields);
	if (status == STATUS_OK)
		status = query_functions_register(cache);
	if (status == STATUS_OK)
		status = query_filters_sql(cache, &fields, &others, NULL, &where, &params, error);
	sqlite3_stmt *stmt = NULL;
	if (status == STATUS_OK) {
		query_params_add(&params, filters->review ? filters->review : "");
		strbuf_append_str(&sql, "SELECT x.reason, count(*) FROM records r JOIN (");
		cache_review_marked_sql(params.n, &sql);
		strbuf_append_str(&sql, ") x ON x.id = r.id WHERE 1");
		strbuf_append(&sql, strbuf_str(&where), where.len);
		strbuf_append_str(&sql, " GROUP BY x.reason ORDER BY 2 DESC, 1");
		if (sqlite3_prepare_v2(cache_db(cache), sql.data, -1, &stmt, NULL) != SQLITE_OK)
			status = STATUS_CACHE;
	}
	if (status == STATUS_OK) {
		query_params_bind(&params, stmt);
		out->review = xstrdup(filters->review ? filters->review : "");
		int rc;
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			out->reasons = xrealloc(out->reasons,
						(out->n_reasons + 1) * sizeof(*out->reasons));
			struct review_reason *r = &out->reasons[out->n_reasons++];
			const char *reason = (const char *)sqlite3_column_text(stmt, 0);
			r->reason = xstrdup(reason ? reason : "");
			r->n = sqlite3_column_int64(stmt, 1);
			out->n_excluded += r->n;
		}
		if (rc != SQLITE_DONE)
			status = rc == SQLITE_INTERRUPT ? STATUS_INTERRUPTED : STATUS_CACHE;
	}
	if (status == STATUS_CACHE && !error->len)
		strbuf_appendf(error, "%s: %s", cache_path(cache), cache_error(cache));
	if (status != STATUS_OK)
		review_summary_clear(out);
	sqlite3_finalize(stmt);
	strbuf_free(&where);
	strbuf_free(&sql);
	query_params_free(&params);
	query_fields_free(&fields);
	return status;
}
