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
	int64_t overflow_id; /* the field's id when its values are in field_values, else 0 */
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
/* " AND r.kind = ?N" (or IS NULL for QUERY_KIND_OTHER; nothing for any kind). */
void query_kind_sql(enum query_kind kind, struct strbuf *sql, struct query_params *params);
/* The --where terms alone, as " AND ..." on the records, or on_tally on a tally's columns
 * (only terms query_where_fits_tally takes). */
enum status query_where_sql(const struct query_fields *fields, const struct query_filters *f,
			    bool on_tally, struct strbuf *sql, struct query_params *params,
			    struct strbuf *error);
/* Whether every --where term compares a value alone (blank, =, ==, ~), as a tally can. */
bool query_where_fits_tally(const struct query_filters *f);
/* All the filters (with cache, a notes search reads its kept hits, query_match_hits: made
 * first when missing, STATUS_INTERRUPTED when that was; without, the full-text index).
 * With hits_table, a search's kept hits are not a condition: *hits_table receives their
 * table's name (or stays NULL), for a caller that reads the records through it. */
enum status query_filters_sql(struct cache *cache, const struct query_fields *fields,
			      const struct query_filters *f, char **hits_table, struct strbuf *sql,
			      struct query_params *params, struct strbuf *error);

/* The review condition of the filters alone (f->review set): " AND r.id [NOT] IN (...)". */
void query_review_sql(const struct query_filters *f, struct strbuf *sql,
		      struct query_params *params);

/* Registers cv_days(text, file_id), cv_number(text) and cv_notes_match(notes, fts) on the
 * cache's connection. */
enum status query_functions_register(struct cache *cache);

/* ---- notes searches (query_notes.c) ---- */

/* Registers cv_notes_match(notes, fts): 1 when a note's text satisfies a notes search
 * (match_translate's output). The SQLite result code. */
int query_notes_function_register(sqlite3 *db);
/* Appends "SELECT rowid FROM notes_fts WHERE ..." for the notes that satisfy fts
 * (match_translate's output) to sql, and its values to params: the index asked for them,
 * and cv_notes_match checking a phrase's words are side by side. STATUS_CACHE with one line
 * in error when the index's tokenizer cannot be had. */
enum status query_notes_sql(sqlite3 *db, const char *fts, struct strbuf *sql,
			    struct query_params *params, struct strbuf *error);

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

/* ---- the aggregates of a table (query_levels.c) ---- */

enum dim_kind { DIM_PERIOD, DIM_FIELD, DIM_BAND };

struct dim {
	enum dim_kind kind;
	const struct query_field *field; /* DIM_FIELD, DIM_BAND */
	const struct band_spec *band; /* DIM_BAND */
	bool numeric; /* DIM_FIELD of a number field: values sort as numbers */
};

/* A value of a dimension: a period key or band index (num), or a field's text. */
struct key {
	bool null;
	long num;
	char *text;
};

#define DIMS_MAX 3 /* row 1, row 2, column */

struct agg {
	struct key keys[DIMS_MAX];
	int64_t count, refs;
	double *sum, *min, *max; /* per measure */
	int64_t *n; /* per measure: values counted */
};

struct agg_table {
	struct agg *items;
	size_t n, cap;
};

struct table_query {
	struct cache *cache;
	const struct table_spec *spec;
	struct query_fields fields;
	struct dim dims[DIMS_MAX];
	bool used[DIMS_MAX];
	bool measure_columns; /* the columns are the measures */
	struct measure_spec *measures; /* resolved: at least one */
	size_t n_measures;
	const struct query_field **measure_fields[2]; /* field or date_a / date_b per measure */
	bool needs_refs;
	/* Every record has a reference no other has (query_refs_each_once): the references
	 * are the records, counted as they are, from a tally when one answers. */
	bool refs_are_records;
	struct agg_table levels[1 << DIMS_MAX];
	bool computed[1 << DIMS_MAX];
	unsigned full; /* the mask of every dimension in use */
	struct strbuf where_sql;
	struct query_params params;
	struct strbuf *error;
	char *tally; /* the tally table the levels are read from, or NULL: the records */
	char *tally_columns; /* its field columns, each followed by ", " */
	char *tally_values; /* the same read from the records ("value AS column, ") */
	size_t review_param; /* with a tally and a review: the review name's parameter */
};

/* Orders two values of a dimension: (blank) last; numbers and periods as numbers. */
int query_key_compare(const struct dim *dim, const struct key *a, const struct key *b);
void query_key_copy(struct key *dst, const struct key *src);
/* Counts, sums and so on can be added up; distinct references cannot. */
bool query_measure_has_values(const struct measure_spec *m);
/* Makes q->levels[mask] available (mask: bit d for dimension d). */
enum status query_level_ensure(struct table_query *q, unsigned mask);
/* The aggregates of one group of a level, or NULL when the group has no records. */
const struct agg *query_agg_find(const struct table_query *q, unsigned mask, const struct key *keys);
/* Reads the table from a tally when one can answer it (making it if needed). */
void query_use_tally(struct table_query *q);
/* Whether a tally can count the records these filters leave: kind and whole months only
 * (a review's marks are for the caller to take off). */
bool query_tally_fits_filters(const struct query_filters *f);
/* Both date bounds fall on month boundaries (or are not set): a tally by month applies them. */
bool query_months_whole(const struct query_filters *f);
/* Appends the SELECT of a tally's rows: each field's value under its column name, kind,
 * year, month and the count n, of the records where is true (" AND ..." on r). */
void query_tally_select_sql(const struct query_field *const *fields, size_t n, const char *where,
			    struct strbuf *sql);
/* The name of the tally by these fields; when missing, made from the records first (with
 * make), else the name of one by the same fields in another order, or NULL. NULL too when it cannot be made (a read-only cache, an import holding
 * it). Caller frees. */
char *query_tally_ensure(struct cache *cache, const struct query_field *const *fields, size_t n,
			 bool make);
/* Reads the table from a tally of the records its filters leave, made by the first table
 * with those filters and fields and kept while the cache stays the same
 * (query_filtered.c), when no tally of the cache can answer it. STATUS_INTERRUPTED when
 * making it was; any other failure leaves q reading the records. */
enum status query_use_filtered_tally(struct table_query *q);
/* The name of the filtered tally by the fields by (none: by kind and month alone) of the
 * records the filters f leave, made first when missing and make is set, or NULL (a review
 * among the filters, a failure; *status STATUS_INTERRUPTED when making it was). on_tally
 * receives the filters left to apply on it: kind and whole months. Caller frees. */
char *query_filtered_tally(struct cache *cache, const struct query_fields *fields,
			   const struct query_filters *f, const struct query_field *const *by,
			   size_t n_by, bool make, struct query_filters *on_tally,
			   enum status *status);
/* The name of the temporary table (id INTEGER PRIMARY KEY) of the records whose notes
 * match fts (a notes search as match_translate gives it), made from the full-text index when
 * missing and kept while the cache stays the same (query_filtered.c), and its number of
 * rows in *n_hits; NULL when it cannot be made (*status STATUS_INTERRUPTED when making it
 * was). Caller frees. */
char *query_match_hits(struct cache *cache, const char *fts, int64_t *n_hits,
		       enum status *status);
/* Whether every record has a reference and no two the same (then a count of distinct
 * references is a count of records): asked of the cache's index of references once while
 * the cache stays the same (query_filtered.c). STATUS_INTERRUPTED when that was. */
enum status query_refs_each_once(struct cache *cache, bool *once);
/* The filters a tally keeps (kind, months) as " AND ..." on r, with their parameters. */
void query_tally_filters_sql(const struct query_filters *f, struct strbuf *where,
			     struct query_params *params);
void query_levels_free_one(struct agg_table *table);

/* ---- suppression ---- */

/* Applies primary and secondary suppression to the pivot's count cells. */
void pivot_suppress(struct pivot *pivot, int threshold);

#endif
