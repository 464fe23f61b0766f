/*
 * query.h - questions to the cache: tables of counts and measures, lists of records
 * (layer: core).
 *
 * One module turns a table_spec (filters, rows, columns, period, bands, measures,
 * counting rule, suppression, sort) into SQL with bound parameters and returns a pivot:
 * the table every output (text, tsv, csv, md, json, the browser) is drawn from. Nothing
 * else in crimeview writes a query over the records.
 */
#ifndef CRIMEVIEW_QUERY_H
#define CRIMEVIEW_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crimeview/cache.h"
#include "crimeview/match.h"
#include "crimeview/redact.h"
#include "crimeview/review.h"
#include "crimeview/status.h"
#include "crimeview/strbuf.h"

enum query_kind {
	QUERY_KIND_ANY,
	QUERY_KIND_CRIME,
	QUERY_KIND_INCIDENT,
	QUERY_KIND_OTHER, /* records that are neither (a file whose kind is not known) */
};

/* Parses "crime", "incident", "other"; false otherwise. */
bool query_kind_parse(const char *word, enum query_kind *out);

struct query_filters {
	enum query_kind kind;
	char from[11], to[11]; /* ISO dates, inclusive; "" when not given */
	const char *match; /* --match as the user wrote it, or NULL */
	struct where_term *where; /* borrowed */
	size_t n_where;
	bool undated; /* only records without a date (a drill on "(no date)") */
	/* --review NAME: the records marked in that review (review.h) are left out of every
	 * count and list; NULL for none. With review_only, only they are kept instead (the
	 * review's own list). */
	const char *review;
	bool review_only;
};

enum period_kind {
	PERIOD_YEAR, /* calendar years; with start_month > 1, years starting that month */
	PERIOD_QUARTER,
	PERIOD_MONTH,
};

struct period_spec {
	enum period_kind kind;
	int start_month; /* 1 for calendar years, 4 for financial years (fy), MM for year@MM */
};

/* Parses "year", "fy", "year@MM", "quarter", "month"; false when it is none of them. */
bool period_parse(const char *text, struct period_spec *out);
/* "year", "fy", "year@02", "quarter", "month". Writes into buf (at least 16 bytes). */
const char *period_name(const struct period_spec *period, char *buf);

enum measure_kind {
	MEASURE_COUNT, /* records (or references, with --count refs) */
	MEASURE_REFS, /* distinct references */
	MEASURE_AVG,
	MEASURE_MIN,
	MEASURE_MAX,
	MEASURE_SUM,
};

struct measure_spec {
	enum measure_kind kind;
	/* For avg/min/max/sum: a numeric field, or days(date_a, date_b) when days is set. */
	char *field;
	bool days;
	char *date_a, *date_b;
};

/* Parses "count", "refs", "avg:EXPR", "min:EXPR", "max:EXPR", "sum:EXPR" (EXPR a field or
 * days(A,B)); STATUS_BAD_QUERY with a one-line message in error otherwise. */
enum status measure_parse(const char *text, struct measure_spec *out, struct strbuf *error);
void measure_clear(struct measure_spec *measure);

/* A numeric band split: --band FIELD:E1,E2 gives 0-E1, E1+1-E2, E2+1 and over, (blank). */
struct band_spec {
	char *field;
	double *edges;
	size_t n_edges;
};
enum status band_parse(const char *text, struct band_spec *out, struct strbuf *error);
void band_clear(struct band_spec *band);

enum sort_order {
	SORT_LABEL, /* A-Z, (blank) last */
	SORT_TOTAL, /* largest total first, then A-Z */
};

#define TABLE_ROWS_MAX 2

struct table_spec {
	struct query_filters filters;
	const char *rows[TABLE_ROWS_MAX]; /* field names or headers, or "period"; n_rows of them */
	size_t n_rows;
	const char *cols; /* "period" (default when NULL) or a field */
	struct period_spec period;
	const struct band_spec *bands; /* borrowed */
	size_t n_bands;
	bool count_refs; /* --count refs */
	const struct measure_spec *measures; /* borrowed; none means one count */
	size_t n_measures;
	int suppress; /* --suppress N: 0 for none */
	enum sort_order sort;
};

/* How a cell's number is written. */
enum pivot_value_kind {
	PIVOT_VALUE_COUNT, /* a whole number, thousands separators in text */
	PIVOT_VALUE_DECIMAL, /* one decimal (averages) */
	PIVOT_VALUE_NUMBER, /* a min/max/sum: whole when it is whole, else one decimal */
};

enum pivot_cell_state {
	PIVOT_CELL_SHOWN,
	PIVOT_CELL_EMPTY, /* no value: an average of no records */
	PIVOT_CELL_SUPPRESSED, /* a count of 1..N-1, shown as <N */
	PIVOT_CELL_SECONDARY, /* hidden so that a suppressed cell cannot be worked back */
};

struct pivot_cell {
	double value;
	enum pivot_cell_state state;
	int64_t n_records; /* records behind the cell (a drill lists exactly these) */
};

/* What a row level or the columns are made of, for query_drill. */
struct pivot_dim {
	bool period;
	char *field; /* the field's name; NULL for periods and measure columns */
	const struct band_spec *band; /* borrowed from the spec when the field is banded */
};

struct pivot_column {
	char *label; /* "2019", "2019/20", "2019 Q1", "2019-03", a value, "(blank)", a measure */
	char *cut; /* "Jan-Jul" when --from/--to cut the period short, else NULL */
	enum pivot_value_kind value_kind;
	/* What a drill on this column adds to the filters: a period [first, last] or a value. */
	char first_day[11], last_day[11];
	char *value; /* the field value, NULL for (blank) or a period */
	long key; /* a period's key or a band's index */
	bool blank; /* (blank) or (no date) */
};

struct pivot_row {
	char *labels[TABLE_ROWS_MAX]; /* labels[1] NULL on a level-0 row of a two-level table */
	int level; /* 0, or 1 for a row nested under the level-0 row above it */
	bool blank[TABLE_ROWS_MAX]; /* the label is (blank): the value is empty */
	char *cut; /* a period row cut short by --from/--to: the part covered ("Jan-Sep") */
	long keys[TABLE_ROWS_MAX]; /* a period's key or a band's index, for query_drill */
	char *values[TABLE_ROWS_MAX]; /* a field's value as recorded (labels may be redacted) */
	struct pivot_cell *cells; /* n_columns cells, then the Total cell when has_total_column */
};

struct pivot {
	char *row_titles[TABLE_ROWS_MAX]; /* "Offence Title", "Year" */
	size_t n_row_levels;
	char *column_title; /* "Year", a field's header, or NULL with measures as columns */
	struct pivot_dim row_dims[TABLE_ROWS_MAX], column_dim;
	struct pivot_column *columns;
	size_t n_columns;
	bool has_total_column;
	struct pivot_row *rows;
	size_t n_rows;
	struct pivot_row total; /* labels[0] = "Total" */
	int suppress;
	int64_t n_records; /* records matching the filters */
};

/*
 * Computes the table. On success returns STATUS_OK and *out (free with pivot_free).
 * STATUS_UNKNOWN_FIELD / STATUS_BAD_QUERY with one line in error for a field the cache
 * does not have or a bad --match; STATUS_INTERRUPTED when query_interrupt was called;
 * STATUS_CACHE when SQLite failed.
 */
enum status query_table(struct cache *cache, const struct table_spec *spec, struct pivot **out,
			struct strbuf *error);
void pivot_free(struct pivot *pivot);

/* ---- from a cell to its records ---- */

/* The filters that select exactly the records behind one cell of a table. */
struct query_drill {
	struct query_filters filters; /* the table's filters narrowed to the cell */
	struct where_term *where; /* owned: filters.where points here */
	char *title; /* "Blackmail 2023", "Blackmail Total", "Total 2023", "Total" */
};

/*
 * Fills *out with the filters of the cell (row, col) of pivot, made from spec: row ==
 * pivot->n_rows is the Total row, col == pivot->n_columns the Total column (or, when the
 * columns are measures, any col: a measure's records are its row's). A level-0 row of a
 * two-level table is its subtotal. The cell's n_records is the count of what the filters
 * select. Free with query_drill_free (also after a failure).
 */
void query_drill(const struct table_spec *spec, const struct pivot *pivot, size_t row, size_t col,
		 struct query_drill *out);
void query_drill_free(struct query_drill *drill);
/*
 * Redacts the pivot's row and column labels in place (the browser's R, table --redact): the
 * labels of a personal field (redactor_field_personal) become its category's token, other
 * labels go through the redactor's rules and list; what was removed is added to counts (may
 * be NULL). Period and band labels are left as they are. Drill values are kept.
 */
void pivot_redact(struct pivot *pivot, const struct redactor *redactor,
		  struct redact_counts *counts);

/* Filters fit to be written in a redacted export's method note. */
struct redacted_filters {
	struct query_filters filters; /* points into the members below */
	struct where_term *where;
	char *match;
};
/*
 * Copies filters for a method note with redaction on: a --where value of a personal field
 * becomes its category's token ([name]), other values and the notes search go through the
 * redactor's rules and lists, so the note never repeats what the export took out. Free
 * with redacted_filters_free.
 */
void redacted_filters_make(const struct query_filters *filters, const struct redactor *redactor,
			   struct redacted_filters *out);
void redacted_filters_free(struct redacted_filters *redacted);

/*
 * Checks the --personal columns the redactor holds against the cache's fields: STATUS_OK,
 * STATUS_UNKNOWN_FIELD ("--personal: unknown field 'x' (crimeview fields lists them)") or
 * STATUS_BAD_QUERY (the notes field: its text is redacted, not masked) with one line in error.
 */
enum status query_redactor_check(struct cache *cache, const struct redactor *redactor,
				 struct strbuf *error);

/*
 * How many of the records that filters match (filters->review set; review_only ignored) the
 * review leaves out, by reason. On success *out is filled (clear with
 * review_summary_clear); STATUS_UNKNOWN_FIELD / STATUS_BAD_QUERY with one line in error for
 * bad filters; STATUS_CACHE.
 */
enum status query_review_summary(struct cache *cache, const struct query_filters *filters,
				 struct review_summary *out, struct strbuf *error);

/* ---- lists of records ---- */

/* One record of a list page; everything is borrowed for the callback. */
struct list_record {
	int64_t id;
	const char *ref, *kind, *date; /* NULL when unknown */
	const char *const *values; /* one per field asked for; NULL when blank */
	const char *notes; /* NULL when blank */
	const char *reason; /* with filters.review_only: the mark's reason ("" none); else NULL */
};

struct list_query;

/*
 * Prepares a list of the records matching filters, with the fields named (names or
 * headers; the notes field may be named too: its value is the notes). Returns STATUS_OK
 * and *out (free with list_query_free), or STATUS_UNKNOWN_FIELD / STATUS_BAD_QUERY with
 * one line in error.
 */
enum status list_query_new(struct cache *cache, const struct query_filters *filters,
			   const char *const *fields, size_t n_fields, struct list_query **out,
			   struct strbuf *error);
/* The headers of the fields asked for, in order (borrowed). */
const char *const *list_query_headers(const struct list_query *list);
/*
 * Calls each() for up to n records that come after after_id (0: from the first), in the
 * order they were imported, and sets *last_id to the last one given (unchanged when none).
 * Pages by key, never by offset: any page of a 10-million-record list costs the same.
 * *n_got receives how many were given.
 */
enum status list_query_page(struct list_query *list, int64_t after_id, size_t n,
			    void (*each)(const struct list_record *record, void *data), void *data,
			    int64_t *last_id, size_t *n_got);
/* As list_query_page, backwards: up to n records that come before before_id (INT64_MAX:
 * from the last), the nearest first; *first_id receives the last one given. */
enum status list_query_page_before(struct list_query *list, int64_t before_id, size_t n,
				   void (*each)(const struct list_record *record, void *data),
				   void *data, int64_t *first_id, size_t *n_got);
/*
 * Redaction of the records given from now on: with a redactor, every value and the notes
 * come redacted (redact_record_begin with the record's personal fields, also those not asked
 * for, then redact_record_value and redact_text), and what was removed is added to counts
 * (may be NULL); NULL turns it off. redactor and counts are borrowed until the list is
 * freed or this is called again. STATUS_OK, or STATUS_CACHE.
 */
enum status list_query_redact(struct list_query *list, struct redactor *redactor,
			      struct redact_counts *counts);
/* How many records match (a count over the filters). */
enum status list_query_count(struct list_query *list, int64_t *n);
void list_query_free(struct list_query *list);

/*
 * Calls each(value, n, data) for the values of field (a name or header) among the records
 * matching filters, the most frequent first (then A-Z), at most limit of them; value is
 * NULL for blank. STATUS_UNKNOWN_FIELD / STATUS_BAD_QUERY with one line in error.
 */
enum status query_field_values(struct cache *cache, const struct query_filters *filters,
			       const char *field, size_t limit,
			       void (*each)(const char *value, int64_t n, void *data), void *data,
			       struct strbuf *error);

/* Stops a running query_table or list page from another thread or a signal handler: it
 * returns STATUS_INTERRUPTED. */
void query_interrupt(struct cache *cache);

/*
 * Calls progress(data) every few thousand steps of a running query (NULL: no more calls),
 * so that a caller can show that work goes on; a non-zero return stops the query, which
 * then returns STATUS_INTERRUPTED.
 */
void query_on_progress(struct cache *cache, int (*progress)(void *data), void *data);

#endif
