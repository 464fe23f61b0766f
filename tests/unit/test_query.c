/* test_query.c - the query module: periods, measures, bands, tables, suppression, lists,
 * interruption. Tables are computed over a small cache imported here. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crimeview/import.h"
#include "crimeview/match.h"
#include "crimeview/query.h"
#include "tap.h"

static char db_path[96];
/* When not 0, the SQLite column limit of the cache's connection while it is filled. */
static int column_limit;

static struct cache *cache_of(const char *csv);
static long long sql_int(struct cache *cache, const char *sql);

/* A cache of 12 crimes: offences A (7) and B (5), 2019-2020, ages, one blank outcome. */
static struct cache *small_cache(void)
{
	static const char csv[] = "Crime Number,Recorded Date,Offence,Outcome,Victim Age,Received,Actioned\n"
				  "C1,05/01/2019,A,Charge,10,2019-01-01,2019-01-03\n"
				  "C2,06/02/2019,A,Charge,15,2019-01-01,2019-01-05\n"
				  "C3,07/03/2019,A,Caution,17,2019-01-01,2019-01-02\n"
				  "C4,08/04/2019,B,Charge,18,2019-01-01,2019-01-10\n"
				  "C5,09/05/2019,B,,19,,\n"
				  "C6,10/06/2019,A,Charge,40,2019-02-01,2019-02-11\n"
				  "C7,11/07/2019,A,Charge,,2019-02-01,2019-02-02\n"
				  "C8,12/01/2020,A,Caution,16,2020-01-01,2020-01-04\n"
				  "C8,12/01/2020,B,Caution,16,2020-01-01,2020-01-04\n"
				  "C9,13/02/2020,B,Charge,30,2020-01-01,2020-01-02\n"
				  "C10,14/03/2020,B,Charge,31,2020-01-01,2020-01-08\n"
				  "C11,15/04/2020,A,Charge,32,2020-01-01,2020-01-06\n";
	return cache_of(csv);
}

/* Imports csv (a whole file's text) into the open cache, as a file called name. */
static enum status import_text(struct cache *cache, const char *name, const char *csv)
{
	char csv_path[128];
	snprintf(csv_path, sizeof(csv_path), "/tmp/cv-query-%ld-%s", (long)getpid(), name);
	FILE *f = fopen(csv_path, "w");
	fputs(csv, f);
	fclose(f);
	struct import_options options = {0};
	struct import_totals totals;
	const char *paths[] = {csv_path};
	enum status status = import_files(cache, paths, 1, &options, NULL, &totals, NULL);
	unlink(csv_path);
	return status;
}

/* Imports csv as a file called name on a connection of its own, as another process would. */
static enum status import_elsewhere(const char *name, const char *csv)
{
	struct cache *other;
	enum status status = cache_open(db_path, CACHE_OPEN_WRITE, &other, NULL);
	if (status != STATUS_OK)
		return status;
	status = import_text(other, name, csv);
	cache_close(other);
	return status;
}

/* A cache of the crimes in csv (a whole file's text). */
static struct cache *cache_of(const char *csv)
{
	snprintf(db_path, sizeof(db_path), "/tmp/cv-query-%ld.db", (long)getpid());
	unlink(db_path);
	struct cache *cache;
	cache_open(db_path, CACHE_OPEN_WRITE, &cache, NULL);
	if (column_limit)
		sqlite3_limit(cache_db(cache), SQLITE_LIMIT_COLUMN, column_limit);
	import_text(cache, "crimes.csv", csv);
	return cache;
}

static void done(struct cache *cache)
{
	cache_close(cache);
	char path[128];
	unlink(db_path);
	snprintf(path, sizeof(path), "%s-wal", db_path);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", db_path);
	unlink(path);
}

/* The pivot as "label:v,v,...|label:..." with <N and * for hidden cells, - for empty. */
static char *describe(const struct pivot *p)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t c = 0; c < p->n_columns; c++)
		strbuf_appendf(&sb, "%s%s%s", c ? "," : "", p->columns[c].label,
			       p->columns[c].cut ? "~" : "");
	for (size_t r = 0; r <= p->n_rows; r++) {
		const struct pivot_row *row = r < p->n_rows ? &p->rows[r] : &p->total;
		strbuf_appendf(&sb, "|%s%s:", row->level ? ">" : "", row->labels[row->level]);
		size_t n = p->n_columns + (p->has_total_column ? 1 : 0);
		for (size_t c = 0; c < n; c++) {
			const struct pivot_cell *cell = &row->cells[c];
			if (c)
				strbuf_append_char(&sb, ',');
			if (cell->state == PIVOT_CELL_SUPPRESSED)
				strbuf_appendf(&sb, "<%d", p->suppress);
			else if (cell->state == PIVOT_CELL_SECONDARY)
				strbuf_append_char(&sb, '*');
			else if (cell->state == PIVOT_CELL_EMPTY)
				strbuf_append_char(&sb, '-');
			else
				strbuf_appendf(&sb, "%g", cell->value);
		}
	}
	return strbuf_detach(&sb);
}

static char *table(struct cache *cache, const struct table_spec *spec)
{
	struct pivot *p;
	struct strbuf error = STRBUF_INIT;
	enum status status = query_table(cache, spec, &p, &error);
	if (status != STATUS_OK) {
		char *message = strbuf_detach(&error);
		return message;
	}
	char *text = describe(p);
	pivot_free(p);
	strbuf_free(&error);
	return text;
}

/* Checks the text expr allocates, and frees it. */
#define CHECK_MADE_STR(expr, want) \
	do { \
		char *got_ = (expr); \
		CHECK_STR(got_, want); \
		free(got_); \
	} while (0)
#define CHECK_TABLE(cache, spec, want) CHECK_MADE_STR(table(cache, spec), want)

static struct table_spec by(const char *rows)
{
	return (struct table_spec){.rows = {rows}, .n_rows = 1, .period = {PERIOD_YEAR, 1}};
}

TEST(period_words_parse)
{
	struct period_spec p;
	char buf[16];
	CHECK(period_parse("fy", &p) && p.kind == PERIOD_YEAR && p.start_month == 4);
	CHECK(period_parse("year@02", &p) && p.start_month == 2);
	CHECK_STR(period_name(&p, buf), "year@02");
	CHECK(period_parse("quarter", &p) && p.kind == PERIOD_QUARTER);
	CHECK(!period_parse("year@13", &p));
	CHECK(!period_parse("decade", &p));
}

TEST(measures_parse_with_days_and_fields)
{
	struct measure_spec m;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(measure_parse("avg:days(date_a, Date B)", &m, &error), STATUS_OK);
	CHECK(m.kind == MEASURE_AVG && m.days);
	CHECK_STR(m.date_a, "date_a");
	CHECK_STR(m.date_b, "Date B");
	measure_clear(&m);
	CHECK_INT(measure_parse("max:victim_age", &m, &error), STATUS_OK);
	CHECK_STR(m.field, "victim_age");
	measure_clear(&m);
	CHECK_INT(measure_parse("min:", &m, &error), STATUS_BAD_QUERY);
	CHECK_STR(error.data, "--measure \"min:\": min needs a field or days(A,B) after the colon");
	strbuf_free(&error);
}

TEST(bands_need_increasing_numbers)
{
	struct band_spec b;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(band_parse("victim_age:16,18", &b, &error), STATUS_OK);
	CHECK_INT(b.n_edges, 2);
	band_clear(&b);
	CHECK_INT(band_parse("victim_age:18,16", &b, &error), STATUS_BAD_QUERY);
	CHECK_STR(error.data, "--band \"victim_age:18,16\": the edges must be numbers in increasing "
			      "order, separated by commas");
	strbuf_free(&error);
}

TEST(counts_by_field_and_year_with_totals)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offence");
	CHECK_TABLE(cache, &spec, "2019,2020|A:5,2,7|B:2,3,5|Total:7,5,12");
	done(cache);
}

TEST(two_levels_have_subtotals_and_blank_last)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offence");
	spec.rows[1] = "outcome";
	spec.n_rows = 2;
	CHECK_TABLE(cache, &spec,
		    "2019,2020|A:5,2,7|>Caution:1,1,2|>Charge:4,1,5|B:2,3,5|>Caution:0,1,1|"
		    ">Charge:1,2,3|>(blank):1,0,1|Total:7,5,12");
	done(cache);
}

TEST(distinct_references_do_not_add_up)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offence");
	spec.count_refs = true;
	/* C8 has two offences: it counts once in the 2020 total and the grand total. */
	CHECK_TABLE(cache, &spec, "2019,2020|A:5,2,7|B:2,3,5|Total:7,4,11");
	CHECK_INT(sql_int(cache, "SELECT once FROM temp.kept_refs_once"), 0);
	done(cache);
}

/* When every record has a reference no other has, the references are the records: counted
 * from a tally, until an import brings a reference twice. */
TEST(references_each_on_one_record_are_counted_from_a_tally)
{
	struct cache *cache = cache_of("Crime Number,Recorded Date,Offence\n"
				       "C1,05/01/2019,A\nC2,06/02/2019,B\nC3,07/03/2020,A\n");
	struct table_spec spec = by("offence");
	spec.count_refs = true;
	CHECK_TABLE(cache, &spec, "2019,2020|A:1,1,2|B:1,0,1|Total:2,1,3");
	CHECK_INT(sql_int(cache, "SELECT once FROM temp.kept_refs_once"), 1);
	sqlite3_exec(cache_db(cache), "UPDATE tally__offence SET n = n * 100", NULL, NULL, NULL);
	CHECK_TABLE(cache, &spec, "2019,2020|A:100,100,200|B:100,0,100|Total:200,100,300");
	sqlite3_exec(cache_db(cache), "UPDATE tally__offence SET n = n / 100", NULL, NULL, NULL);
	/* C3 again, under another offence, from another connection. */
	CHECK_INT(import_elsewhere("more.csv",
				   "Crime Number,Recorded Date,Offence\nC3,07/03/2020,B\n"),
		  STATUS_OK);
	CHECK_TABLE(cache, &spec, "2019,2020|A:1,1,2|B:1,1,2|Total:2,1,3");
	CHECK_INT(sql_int(cache, "SELECT once FROM temp.kept_refs_once"), 0);
	done(cache);
}

TEST(bands_split_numbers_and_keep_blanks)
{
	struct cache *cache = small_cache();
	struct band_spec band = {"victim_age", (double[]){16, 18}, 2};
	struct table_spec spec = by("victim_age");
	spec.bands = &band;
	spec.n_bands = 1;
	CHECK_TABLE(cache, &spec, "2019,2020|0-16:2,2,4|17-18:2,0,2|19+:2,3,5|(blank):1,0,1|Total:7,5,12");
	done(cache);
}

TEST(measures_as_columns_with_totals_over_records)
{
	struct cache *cache = small_cache();
	struct measure_spec m[3];
	struct strbuf error = STRBUF_INIT;
	measure_parse("count", &m[0], &error);
	measure_parse("avg:days(received,actioned)", &m[1], &error);
	measure_parse("max:days(received,actioned)", &m[2], &error);
	struct table_spec spec = by("period");
	spec.measures = m;
	spec.n_measures = 3;
	/* 2019: days 2,4,1,9,10,1 (C5 has none): avg 4.5; 2020: 3,3,1,7,5: avg 3.8. */
	CHECK_TABLE(cache, &spec, "Number,Average,Longest|2019:7,4.5,10|2020:5,3.8,7|Total:12,4.18182,10");
	for (int i = 0; i < 3; i++)
		measure_clear(&m[i]);
	strbuf_free(&error);
	done(cache);
}

TEST(dates_cut_periods_and_mark_them)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offence");
	strcpy(spec.filters.from, "2019-03-01");
	strcpy(spec.filters.to, "2020-02-29");
	CHECK_TABLE(cache, &spec, "2019~,2020~|A:3,1,4|B:2,2,4|Total:5,3,8");
	done(cache);
}

TEST(financial_years_and_quarters)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offence");
	spec.period = (struct period_spec){PERIOD_YEAR, 4};
	CHECK_TABLE(cache, &spec, "2018/19,2019/20,2020/21|A:3,3,1,7|B:0,5,0,5|Total:3,8,1,12");
	spec.period = (struct period_spec){PERIOD_QUARTER, 1};
	strcpy(spec.filters.from, "2020-01-01");
	CHECK_TABLE(cache, &spec, "2020 Q1,2020 Q2|A:1,1,2|B:3,0,3|Total:4,1,5");
	done(cache);
}

TEST(where_values_or_and_bounds_and)
{
	struct cache *cache = small_cache();
	struct where_term w[3] = {{"outcome", WHERE_EQUALS, "charge"},
				  {"Outcome", WHERE_BLANK, ""},
				  {"victim_age", WHERE_AT_LEAST, "18"}};
	struct table_spec spec = by("offence");
	spec.filters.where = w;
	spec.filters.n_where = 3;
	CHECK_TABLE(cache, &spec, "2019,2020|A:1,1,2|B:2,2,4|Total:3,3,6");
	done(cache);
}

/* A table filtered on values reads a tally of its fields and the filtered ones when some
 * table made it, and gives what the records give. */
TEST(value_filters_read_a_tally_as_the_records_would)
{
	struct cache *cache = small_cache();
	struct where_term is_charge[] = {{"outcome", WHERE_IS, "Charge"}};
	struct where_term blank_or_caution[] = {{"outcome", WHERE_BLANK, ""},
						{"outcome", WHERE_EQUALS, "CAUTION"}};
	struct where_term contains[] = {{"outcome", WHERE_CONTAINS, "AR"}, {"offence", WHERE_IS, "A"}};
	struct where_term offence_a[] = {{"offence", WHERE_IS, "A"}};
	struct table_spec specs[] = {by("period"), by("offence"), by("offence"), by("period"),
				     by("outcome")};
	specs[0].filters.where = is_charge;
	specs[0].filters.n_where = 1;
	specs[1].filters.where = blank_or_caution;
	specs[1].filters.n_where = 2;
	specs[2].filters.where = contains;
	specs[2].filters.n_where = 2;
	specs[3].filters.where = is_charge;
	specs[3].filters.n_where = 1;
	specs[3].filters.kind = QUERY_KIND_CRIME;
	specs[4].filters.where = offence_a; /* the tally by offence and outcome, read in reverse */
	specs[4].filters.n_where = 1;
	snprintf(specs[3].filters.from, sizeof(specs[3].filters.from), "2019-02-01");
	/* The tally by offence and outcome, as a two-level table leaves it. */
	struct table_spec pairs = {.rows = {"offence", "outcome"}, .n_rows = 2, .period = {PERIOD_YEAR, 1}};
	free(table(cache, &pairs));
	size_t n = sizeof(specs) / sizeof(specs[0]);
	char *from_tally[8];
	for (size_t i = 0; i < n; i++)
		from_tally[i] = table(cache, &specs[i]);
	CHECK_STR(from_tally[0], "Number|2019:5|2020:3|Total:8");
	/* It is the tally by both fields that answers: counts made a hundred times bigger there
	 * show in the table. */
	sqlite3_exec(cache_db(cache), "UPDATE tally__offence__outcome SET n = n * 100", NULL, NULL, NULL);
	CHECK_TABLE(cache, &specs[4], "2019,2020|Caution:100,100,200|Charge:400,100,500|Total:500,200,700");
	CHECK_INT(cache_tallies_drop(cache), STATUS_OK);
	for (size_t i = 0; i < n; i++) {
		CHECK_TABLE(cache, &specs[i], from_tally[i]);
		free(from_tally[i]);
	}
	done(cache);
}

#define FILTERED_TALLIES "SELECT count(*) FROM temp.sqlite_master WHERE name GLOB 'filtered_tally_*'"

/* A table filtered on what no tally holds counts the records its filters leave once, into
 * a tally kept for the connection, and the next tables with those filters and fields read
 * it, whatever their kind, whole months and periods, until the cache changes. */
TEST(filtered_tables_count_the_records_once_while_the_cache_stays)
{
	struct cache *cache = small_cache();
	struct where_term offence_a[] = {{"offence", WHERE_IS, "A"}};
	struct table_spec spec = by("outcome");
	spec.filters.where = offence_a;
	spec.filters.n_where = 1;
	CHECK_TABLE(cache, &spec, "2019,2020|Caution:1,1,2|Charge:4,1,5|Total:5,2,7");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	struct table_spec by_month = spec;
	by_month.period = (struct period_spec){PERIOD_MONTH, 1};
	snprintf(by_month.filters.from, sizeof(by_month.filters.from), "2019-03-01");
	snprintf(by_month.filters.to, sizeof(by_month.filters.to), "2019-07-31");
	by_month.filters.kind = QUERY_KIND_CRIME;
	/* The same table as the records give (a review, even one without marks, reads them). */
	struct table_spec from_records = by_month;
	from_records.filters.review = "foi-1";
	char *want = table(cache, &from_records);
	CHECK_STR(want, "2019-03,2019-04,2019-05,2019-06,2019-07|Caution:1,0,0,0,0,1"
			"|Charge:0,0,0,1,1,2|Total:1,0,0,1,1,3");
	CHECK_TABLE(cache, &by_month, want);
	free(want);
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	/* Counts made a hundred times bigger in it show in every table it answers. */
	sqlite3_exec(cache_db(cache), "UPDATE temp.filtered_tally_1 SET n = n * 100", NULL, NULL, NULL);
	CHECK_TABLE(cache, &spec, "2019,2020|Caution:100,100,200|Charge:400,100,500|Total:500,200,700");
	CHECK_TABLE(cache, &by_month, "2019-03,2019-04,2019-05,2019-06,2019-07|Caution:100,0,0,0,0,100"
				      "|Charge:0,0,0,100,100,200|Total:100,0,0,100,100,300");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	/* A date inside a month is one of the filters it is made under: another tally. */
	snprintf(by_month.filters.from, sizeof(by_month.filters.from), "2019-03-08");
	CHECK_TABLE(cache, &by_month, "2019-06,2019-07|Charge:1,1,2|Total:1,1,2");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 2);
	/* A review's records come off the records, not off a tally. */
	struct table_spec reviewed = spec;
	reviewed.filters.review = "foi-1";
	CHECK_TABLE(cache, &reviewed, "2019,2020|Caution:1,1,2|Charge:4,1,5|Total:5,2,7");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 2);

	/* An import on this connection changes the cache: the tallies go, the counts are new. */
	CHECK_INT(import_text(cache, "more.csv",
			      "Crime Number,Recorded Date,Offence,Outcome\nC20,01/05/2020,A,Caution\n"),
		  STATUS_OK);
	CHECK_TABLE(cache, &spec, "2019,2020|Caution:1,2,3|Charge:4,1,5|Total:5,3,8");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	/* Under a name never given before: one a drill still holds names no other tally. */
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.sqlite_master"
				 " WHERE name = 'filtered_tally_3'"),
		  1);
	CHECK_INT(sqlite3_exec(cache_db(cache), "UPDATE temp.filtered_tally_3 SET n = n * 100", NULL,
			       NULL, NULL),
		  SQLITE_OK);
	/* So does one on another connection. */
	CHECK_INT(import_elsewhere("other.csv",
				   "Crime Number,Recorded Date,Offence,Outcome\n"
				   "C21,01/06/2020,A,Charge\n"),
		  STATUS_OK);
	CHECK_TABLE(cache, &spec, "2019,2020|Caution:1,2,3|Charge:4,2,6|Total:5,4,9");

	/* At most 16 are kept, the least recently read going first. */
	char values[20][8];
	struct where_term one[1];
	struct table_spec each = by("outcome");
	each.filters.where = one;
	each.filters.n_where = 1;
	for (int i = 0; i < 20; i++) {
		snprintf(values[i], sizeof(values[i]), "X%d", i);
		one[0] = (struct where_term){"offence", WHERE_IS, values[i]};
		CHECK_TABLE(cache, &each, "|Total:0");
		if (i == 0)
			CHECK_TABLE(cache, &spec, "2019,2020|Caution:1,2,3|Charge:4,2,6|Total:5,4,9");
	}
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 16);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.filtered_tallies"), 16);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.filtered_tallies WHERE filters GLOB '*X0'"
				 " OR filters GLOB '*X3'"),
		  0);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.filtered_tallies WHERE filters GLOB '*X4'"),
		  1);
	done(cache);
}

/* Stops the query the first time it is asked, as one ^C does. */
static int stop_once(void *data)
{
	int *asked = data;
	return (*asked)++ == 0;
}

/* Stopped while it is being made, a filtered tally is not made at all, nor the table read
 * from the records instead. */
TEST(a_filtered_tally_interrupted_is_not_kept)
{
	struct strbuf csv = STRBUF_INIT;
	strbuf_append_str(&csv, "Crime Number,Recorded Date,Offence,Outcome\n");
	for (int i = 0; i < 5000; i++)
		strbuf_appendf(&csv, "C%d,%02d/%02d/2019,%c,Charge\n", i, i % 28 + 1, i % 12 + 1,
			       "AB"[i % 2]);
	struct cache *cache = cache_of(csv.data);
	strbuf_free(&csv);
	struct where_term offence_a[] = {{"offence", WHERE_IS, "A"}};
	struct table_spec spec = by("outcome");
	spec.filters.where = offence_a;
	spec.filters.n_where = 1;
	struct pivot *p = NULL;
	struct strbuf error = STRBUF_INIT;
	int asked = 0;
	query_on_progress(cache, stop_once, &asked);
	CHECK_INT(query_table(cache, &spec, &p, &error), STATUS_INTERRUPTED);
	CHECK(p == NULL);
	CHECK_INT(asked, 1);
	query_on_progress(cache, NULL, NULL);
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 0);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.filtered_tallies"), 0);
	CHECK_TABLE(cache, &spec, "2019|Charge:2500,2500|Total:2500,2500");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	strbuf_free(&error);
	done(cache);
}

TEST(suppression_hides_small_counts_and_what_would_give_them_away)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offence");
	spec.suppress = 3;
	/* A 2020 and B 2019 (2 each) are hidden; each row would give its one away (7-5, 5-3),
	 * so the other cell of each row is hidden too (*), and the columns then hide two each. */
	CHECK_TABLE(cache, &spec, "2019,2020|A:*,<3,7|B:<3,*,5|Total:7,5,12");
	done(cache);
}

TEST(unknown_field_is_named)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offense");
	CHECK_TABLE(cache, &spec, "--rows: unknown field 'offense' (crimeview fields lists them)");
	done(cache);
}

static int stop_at_once(void *data)
{
	(void)data;
	return 1;
}

TEST(progress_callback_can_stop_a_query)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("offence");
	struct pivot *p = NULL;
	struct strbuf error = STRBUF_INIT;
	query_on_progress(cache, stop_at_once, NULL);
	/* With a handler every 10,000 steps, a small query may finish first: use many rows. */
	CHECK(query_table(cache, &spec, &p, &error) == STATUS_INTERRUPTED || p != NULL);
	query_on_progress(cache, NULL, NULL);
	pivot_free(p);
	p = NULL;
	query_interrupt(cache);
	CHECK_INT(query_table(cache, &spec, &p, &error), STATUS_OK);
	pivot_free(p);
	strbuf_free(&error);
	done(cache);
}

static void collect(const struct list_record *record, void *data)
{
	strbuf_appendf(data, "%s/%s;", record->ref, record->values[0] ? record->values[0] : "-");
}

TEST(lists_page_by_key)
{
	struct cache *cache = small_cache();
	struct query_filters filters = {.kind = QUERY_KIND_CRIME};
	const char *fields[] = {"outcome"};
	struct list_query *list;
	struct strbuf error = STRBUF_INIT, got = STRBUF_INIT;
	CHECK_INT(list_query_new(cache, &filters, fields, 1, &list, &error), STATUS_OK);
	int64_t last = 0;
	size_t n = 0;
	list_query_page(list, last, 5, collect, &got, &last, &n);
	CHECK_INT(n, 5);
	CHECK_STR(got.data, "C1/Charge;C2/Charge;C3/Caution;C4/Charge;C5/-;");
	strbuf_reset(&got);
	list_query_page(list, last, 100, collect, &got, &last, &n);
	CHECK_INT(n, 7);
	int64_t total = 0;
	list_query_count(list, &total);
	CHECK_INT(total, 12);
	list_query_free(list);
	strbuf_free(&got);
	strbuf_free(&error);
	done(cache);
}

TEST(lists_in_a_date_range_page_between_its_first_and_last_ids)
{
	struct cache *cache = small_cache();
	struct query_filters filters = {.kind = QUERY_KIND_CRIME, .from = "2019-03-02",
					.to = "2020-01-12"};
	const char *fields[] = {"outcome"};
	struct list_query *list;
	struct strbuf got = STRBUF_INIT;
	CHECK_INT(list_query_new(cache, &filters, fields, 1, &list, NULL), STATUS_OK);
	int64_t last = 0;
	size_t n = 3;
	while (n == 3)
		list_query_page(list, last, 3, collect, &got, &last, &n);
	CHECK_STR(got.data, "C3/Caution;C4/Charge;C5/-;C6/Charge;C7/Charge;C8/Caution;C8/Caution;");
	strbuf_reset(&got);
	list_query_page_before(list, INT64_MAX, 2, collect, &got, &last, &n);
	CHECK_STR(got.data, "C8/Caution;C8/Caution;");
	int64_t total = 0;
	list_query_count(list, &total);
	CHECK_INT(total, 7);
	list_query_free(list);
	strbuf_free(&got);
	done(cache);
}

#define HITS_TABLES "SELECT count(*) FROM temp.sqlite_master WHERE name GLOB 'match_hits_*'"

/* The refs and offences of every record a list of the crimes under filters gives. */
static char *list_all(struct cache *cache, const struct query_filters *filters)
{
	const char *fields[] = {"offence"};
	struct list_query *list;
	struct strbuf got = STRBUF_INIT;
	if (list_query_new(cache, filters, fields, 1, &list, NULL) != STATUS_OK)
		return xstrdup("(failed)");
	int64_t last = 0;
	size_t n = 2;
	enum status status = STATUS_OK;
	while (n == 2 && status == STATUS_OK)
		status = list_query_page(list, last, 2, collect, &got, &last, &n);
	list_query_free(list);
	if (status != STATUS_OK)
		strbuf_append_str(&got, "(failed)");
	return strbuf_detach(&got);
}

#define CHECK_LIST(cache, filters, want) CHECK_MADE_STR(list_all(cache, filters), want)

/* A notes search asks the full-text index once: the records it finds are kept for the
 * connection, and its tables and every page of its lists read them, until the cache
 * changes. */
TEST(a_notes_search_is_asked_of_the_index_once_while_the_cache_stays)
{
	struct cache *cache = cache_of("Crime Number,Recorded Date,Offence,Notes\n"
				       "C1,05/01/2019,A,deepfake video shared\n"
				       "C2,06/02/2019,B,a deep fake image\n"
				       "C3,07/03/2019,A,nothing here\n"
				       "C4,08/01/2020,B,DEEPFAKE again\n"
				       "C5,09/02/2020,A,unrelated\n");
	struct table_spec spec = by("offence");
	spec.filters.match = "deepfake OR \"deep fake\"";
	CHECK_TABLE(cache, &spec, "2019,2020|A:1,0,1|B:1,1,2|Total:2,1,3");
	CHECK_INT(sql_int(cache, HITS_TABLES), 1);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.match_hits_1"), 3);
	CHECK_INT(sql_int(cache, "SELECT rows FROM temp.match_hits WHERE name = 'match_hits_1'"), 3);
	CHECK_LIST(cache, &spec.filters, "C1/A;C2/B;C4/B;");
	CHECK_INT(sql_int(cache, HITS_TABLES), 1);
	/* A record taken out of the kept hits is out of every page and count read after. */
	sqlite3_exec(cache_db(cache), "DELETE FROM temp.match_hits_1 WHERE id = 2", NULL, NULL, NULL);
	CHECK_LIST(cache, &spec.filters, "C1/A;C4/B;");
	struct query_filters crimes_2020 = spec.filters;
	snprintf(crimes_2020.from, sizeof(crimes_2020.from), "2020-01-01");
	CHECK_LIST(cache, &crimes_2020, "C4/B;");
	struct list_query *list;
	const char *fields[] = {"offence"};
	CHECK_INT(list_query_new(cache, &spec.filters, fields, 1, &list, NULL), STATUS_OK);
	int64_t total = 0;
	CHECK_INT(list_query_count(list, &total), STATUS_OK);
	CHECK_INT(total, 2);

	/* An import on another connection: the open list finds the records anew. */
	CHECK_INT(import_elsewhere("more.csv",
				   "Crime Number,Recorded Date,Offence,Notes\n"
				   "C6,01/05/2020,A,deep fake call\n"),
		  STATUS_OK);
	struct strbuf got = STRBUF_INIT;
	int64_t last = 0;
	size_t n = 0;
	CHECK_INT(list_query_page(list, 0, 10, collect, &got, &last, &n), STATUS_OK);
	CHECK_STR(got.data, "C1/A;C2/B;C4/B;C6/A;");
	strbuf_reset(&got);
	CHECK_INT(list_query_page_before(list, INT64_MAX, 1, collect, &got, &last, &n), STATUS_OK);
	CHECK_STR(got.data, "C6/A;");
	CHECK_INT(list_query_count(list, &total), STATUS_OK);
	CHECK_INT(total, 4);
	list_query_free(list);
	strbuf_free(&got);
	CHECK_TABLE(cache, &spec, "2019,2020|A:1,1,2|B:1,1,2|Total:2,2,4");
	/* A search that finds most records reads them all, each looked up among its hits. */
	struct table_spec most = by("offence");
	most.filters.match = "deep OR nothing OR unrelated";
	CHECK_TABLE(cache, &most, "2019,2020|A:1,2,3|B:1,0,1|Total:2,2,4");

	/* At most 8 searches are kept, the least recently read going first. */
	char words[10][16];
	struct table_spec each = by("offence");
	for (int i = 0; i < 10; i++) {
		snprintf(words[i], sizeof(words[i]), "word%d", i);
		each.filters.match = words[i];
		CHECK_TABLE(cache, &each, "|Total:0");
	}
	CHECK_INT(sql_int(cache, HITS_TABLES), 8);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.match_hits WHERE filters GLOB '*word2*'"),
		  1);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.match_hits WHERE filters GLOB '*deep*'"
				 " OR filters GLOB '*word1*'"),
		  0);
	done(cache);
}

/* Stopped while the index is asked, a search keeps nothing, and is asked again next time. */
TEST(a_notes_search_interrupted_keeps_no_hits)
{
	struct strbuf csv = STRBUF_INIT;
	strbuf_append_str(&csv, "Crime Number,Recorded Date,Offence,Notes\n");
	for (int i = 0; i < 5000; i++)
		strbuf_appendf(&csv, "C%d,%02d/%02d/2019,A,deepfake number %d\n", i, i % 28 + 1,
			       i % 12 + 1, i);
	struct cache *cache = cache_of(csv.data);
	strbuf_free(&csv);
	struct query_filters filters = {.match = "deepfake"};
	struct list_query *list = NULL;
	int asked = 0;
	query_on_progress(cache, stop_once, &asked);
	CHECK_INT(list_query_new(cache, &filters, NULL, 0, &list, NULL), STATUS_INTERRUPTED);
	CHECK(list == NULL);
	CHECK_INT(asked, 1);
	query_on_progress(cache, NULL, NULL);
	CHECK_INT(sql_int(cache, HITS_TABLES), 0);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.match_hits"), 0);
	CHECK_INT(list_query_new(cache, &filters, NULL, 0, &list, NULL), STATUS_OK);
	int64_t total = 0;
	CHECK_INT(list_query_count(list, &total), STATUS_OK);
	CHECK_INT(total, 5000);
	list_query_free(list);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM temp.match_hits_2"), 5000);
	done(cache);
}

/* The notes of the test below: a phrase's words side by side, apart, reversed, repeated,
 * split by a hyphen or a line break, in other cases and accents, and a longer last word. */
static const char *const phrase_notes[] = {
    "a deep fake here",	 "Deep-fake video",	"DEEP\nFAKE call",
    "D\xc3\xa9"
    "ep fake",
    "fake deep",	 "deep and fake apart", "deepfake shared",   "deep fakes everywhere",
    "the deep deep fake", "\xc2\xa3"
			  "500 taken by o'brien",
    "nothing here",	 "deep",		"fake",		     "deep fake deep fake deep",
    "fake, deep. fake",	 "deeper fake",
};
#define N_PHRASE_NOTES (sizeof(phrase_notes) / sizeof(phrase_notes[0]))

/* The refs (C1 for the first note) of what FTS5 with word positions finds for query, as
 * list_all gives them, or the translation's error. */
static char *positions_find(sqlite3 *db, const char *query)
{
	struct strbuf fts = STRBUF_INIT, got = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	if (match_translate(query, &fts, &got) != STATUS_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid FROM ref WHERE ref MATCH ?1 ORDER BY rowid", -1,
			       &stmt, NULL) != SQLITE_OK) {
		strbuf_free(&fts);
		return strbuf_detach(&got);
	}
	sqlite3_bind_text(stmt, 1, strbuf_str(&fts), -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_appendf(&got, "C%lld/x;", (long long)sqlite3_column_int64(stmt, 0));
	sqlite3_finalize(stmt);
	strbuf_free(&fts);
	return strbuf_detach(&got);
}

/* The cache's index keeps no word positions; a phrase is checked in the notes it finds,
 * and every search finds what FTS5 with positions finds (an index made here, as the
 * cache's was before); then cv_notes_match alone, on the cache's connection. */
TEST(notes_searches_find_what_an_index_with_positions_finds)
{
	static const char *const queries[] = {
	    "\"deep fake\"", "\"deep fake*\"", "deep-fake", "deep fake", "\"fake deep\"",
	    "deep NOT \"deep fake\"", "\"deep fake\" NOT deepfake", "deepfake OR \"deep fake\"",
	    "(deep OR fake) NOT (\"deep fake\" OR \"fake deep\")", "\"deep deep fake\"",
	    "o'brien", "\"\xc2\xa3" "500 taken\"", "\"the deep\" AND \"deep fake\"",
	    "\"and fake\" OR nothing", "deep NOT (fake NOT \"deep fake\")", "\"fake deep fake\"",
	    "deep* NOT \"deep fake\" OR \"fake deep\"", "\"de fake\"", "\"deep fake deep fake\"",
	    "\"d\xc3\xa9" "ep f*\"",
	    /* Found by fuzz_match: the index was asked for 100 words nested in as many
	     * parentheses (more than FTS5's parser holds), and for a word with bytes that are
	     * not UTF-8 folded into two. */
	    "deep-fake a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a "
	    "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a "
	    "a a a a a a a a a a a a a a a a a a a a a a a a",
	    "deep NO\xac\xf1\xdd\x90\xd8\x9d\x8d\x92" "en\"",
	};
	struct strbuf csv = STRBUF_INIT;
	strbuf_append_str(&csv, "Crime Number,Recorded Date,Offence,Notes\n");
	sqlite3 *db = NULL;
	sqlite3_stmt *insert = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE ref USING fts5(notes, " CACHE_NOTES_TOKENIZE ")",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO ref(rowid, notes) VALUES(?1, ?2)", -1, &insert,
			       NULL) != SQLITE_OK) {
		printf("# cannot make the index with positions: %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	for (size_t i = 0; i < N_PHRASE_NOTES; i++) {
		strbuf_appendf(&csv, "C%zu,05/01/2019,x,\"%s\"\n", i + 1, phrase_notes[i]);
		sqlite3_bind_int64(insert, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(insert, 2, phrase_notes[i], -1, SQLITE_STATIC);
		sqlite3_step(insert);
		sqlite3_reset(insert);
	}
	sqlite3_finalize(insert);
	struct cache *cache = cache_of(csv.data);
	strbuf_free(&csv);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM sqlite_master WHERE name = 'notes_fts'"
				 " AND sql LIKE '%detail = none%'"),
		  1);
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		char *want = positions_find(db, queries[i]);
		struct query_filters filters = {.match = queries[i]};
		CHECK_MADE_STR(list_all(cache, &filters), want);
		free(want);
	}
	/* The check itself, on the cache's connection: the phrase side by side, and not after
	 * the same word. */
	sqlite3 *cache_conn = cache_db(cache);
	sqlite3_stmt *stmt;
	CHECK_INT(sqlite3_prepare_v2(cache_conn,
				     "SELECT group_concat(rowid, ' ') FROM notes_fts WHERE notes_fts"
				     " MATCH '(\"deep\" AND \"fake\")' AND"
				     " cv_notes_match(notes, '\"deep fake\" NOT \"deep deep\"')",
				     -1, &stmt, NULL),
		  SQLITE_OK);
	CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(stmt, 0), "1 2 3 4 14 15");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	done(cache);
}

/* Counts the progress handler's calls: one per 10,000 steps of SQLite's machine. */
static int count_calls(void *data)
{
	(*(int *)data)++;
	return 0;
}

/* A page deep in a date range starts from its key, not from the range's first record: it
 * takes as few steps as the first page (none of 10,000), plain or through a search's hits. */
TEST(a_page_deep_in_a_date_range_starts_from_its_key)
{
	struct strbuf csv = STRBUF_INIT;
	strbuf_append_str(&csv, "Crime Number,Recorded Date,Offence,Notes\n");
	for (int i = 0; i < 6000; i++)
		strbuf_appendf(&csv, "C%d,%02d/%02d/2019,A,note %d%s\n", i, i % 28 + 1, i % 12 + 1, i,
			       i % 2 ? " deepfake" : "");
	struct cache *cache = cache_of(csv.data);
	strbuf_free(&csv);
	struct query_filters year = {.kind = QUERY_KIND_CRIME, .from = "2019-01-01",
				     .to = "2019-12-31"};
	struct query_filters searched = year;
	searched.match = "deepfake";
	const struct query_filters *each[] = {&year, &searched};
	const char *const want_after[] = {"C5900/A;C5901/A;", "C5901/A;C5903/A;"};
	const char *const want_before[] = {"C98/A;C97/A;", "C97/A;C95/A;"};
	for (int k = 0; k < 2; k++) {
		struct list_query *list;
		const char *fields[] = {"offence"};
		CHECK_INT(list_query_new(cache, each[k], fields, 1, &list, NULL), STATUS_OK);
		struct strbuf got = STRBUF_INIT;
		int64_t last = 0;
		size_t n = 0;
		int calls = 0;
		query_on_progress(cache, count_calls, &calls);
		CHECK_INT(list_query_page(list, 5900, 2, collect, &got, &last, &n), STATUS_OK);
		CHECK_STR(got.data, want_after[k]);
		strbuf_reset(&got);
		CHECK_INT(list_query_page_before(list, 100, 2, collect, &got, &last, &n), STATUS_OK);
		CHECK_STR(got.data, want_before[k]);
		query_on_progress(cache, NULL, NULL);
		CHECK_INT(calls, 0);
		strbuf_free(&got);
		list_query_free(list);
	}
	done(cache);
}

/* Two crimes with a victim's name and address that their notes repeat. */
static struct cache *people_cache(void)
{
	return cache_of("Crime Number,Recorded Date,Victim Name,Address,Offence,Notes\n"
			"P1,05/01/2019,Chloe Turner,17 Mill Lane,Harassment,"
			"Chloe said TURNER lives at 17 Mill Lane; call 07700 900123\n"
			"P2,06/01/2019,Jamal Marsh,,Harassment,Marsh met Chloe\n");
}

static void collect_all(const struct list_record *record, void *data)
{
	strbuf_appendf(data, "%s/%s/%s/%s;", record->ref, record->values[0],
		       record->values[1] ? record->values[1] : "-", record->notes);
}

TEST(lists_redact_personal_fields_and_their_values_in_the_notes)
{
	struct cache *cache = people_cache();
	struct query_filters filters = {0};
	const char *fields[] = {"offence", "Victim Name"};
	struct list_query *list;
	struct strbuf error = STRBUF_INIT, got = STRBUF_INIT;
	CHECK_INT(list_query_new(cache, &filters, fields, 2, &list, &error), STATUS_OK);
	struct redactor *r = redactor_new();
	struct redact_counts counts = {{0}};
	CHECK_INT(list_query_redact(list, r, &counts), STATUS_OK);
	int64_t last = 0;
	size_t n = 0;
	list_query_page(list, 0, 10, collect_all, &got, &last, &n);
	CHECK_STR(strbuf_str(&got),
		  "P1/Harassment/[name]/[name] said [name] lives at [address]; call [phone];"
		  "P2/Harassment/[name]/[name] met Chloe;");
	CHECK_INT(counts.n[REDACT_NAME], 5);
	CHECK_INT(counts.n[REDACT_ADDRESS], 1);
	CHECK_INT(counts.n[REDACT_PHONE], 1);
	strbuf_reset(&got);
	CHECK_INT(list_query_redact(list, NULL, NULL), STATUS_OK);
	list_query_page(list, 0, 1, collect_all, &got, &last, &n);
	CHECK_STR(strbuf_str(&got), "P1/Harassment/Chloe Turner/Chloe said TURNER lives at 17 Mill "
				    "Lane; call 07700 900123;");
	list_query_free(list);
	redactor_free(r);
	strbuf_free(&got);
	strbuf_free(&error);
	done(cache);
}

TEST(tables_redact_the_labels_of_personal_fields)
{
	struct cache *cache = people_cache();
	struct table_spec spec = by("Victim Name");
	struct pivot *p = NULL;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(query_table(cache, &spec, &p, &error), STATUS_OK);
	struct redact_counts counts = {{0}};
	pivot_redact(p, NULL, &counts);
	char *got = describe(p);
	CHECK_STR(got, "2019|[name]:1,1|[name]:1,1|Total:2,2");
	free(got);
	CHECK_INT(counts.n[REDACT_NAME], 2);
	pivot_free(p);
	spec = by("offence");
	spec.cols = "Victim Name";
	CHECK_INT(query_table(cache, &spec, &p, &error), STATUS_OK);
	pivot_redact(p, NULL, &counts);
	got = describe(p);
	CHECK_STR(got, "[name],[name]|Harassment:1,1,2|Total:1,1,2");
	free(got);
	pivot_free(p);
	strbuf_free(&error);
	done(cache);
}

TEST(personal_columns_are_checked_against_the_cache)
{
	struct cache *cache = people_cache();
	struct redactor *r = redactor_new();
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(query_redactor_check(cache, r, &error), STATUS_OK);
	redactor_add_personal(r, "offence", &error);
	CHECK_INT(query_redactor_check(cache, r, &error), STATUS_OK);
	redactor_add_personal(r, "colour", &error);
	CHECK_INT(query_redactor_check(cache, r, &error), STATUS_UNKNOWN_FIELD);
	CHECK_STR(strbuf_str(&error),
		  "--personal: unknown field 'colour' (crimeview fields lists them)");
	redactor_free(r);
	r = redactor_new();
	strbuf_reset(&error);
	redactor_add_personal(r, "Notes", &error);
	CHECK_INT(query_redactor_check(cache, r, &error), STATUS_BAD_QUERY);
	CHECK_STR(strbuf_str(&error), "--personal: Notes is the notes: --redact removes personal "
				      "data from them, it does not hide them whole");
	redactor_free(r);
	strbuf_free(&error);
	done(cache);
}

TEST(lists_page_backwards_from_the_end)
{
	struct cache *cache = small_cache();
	struct query_filters filters = {.kind = QUERY_KIND_CRIME};
	const char *fields[] = {"outcome"};
	struct list_query *list;
	struct strbuf error = STRBUF_INIT, got = STRBUF_INIT;
	CHECK_INT(list_query_new(cache, &filters, fields, 1, &list, &error), STATUS_OK);
	int64_t first = 0;
	size_t n = 0;
	CHECK_INT(list_query_page_before(list, INT64_MAX, 3, collect, &got, &first, &n), STATUS_OK);
	CHECK_INT(n, 3);
	CHECK_STR(got.data, "C11/Charge;C10/Charge;C9/Charge;");
	strbuf_reset(&got);
	list_query_page_before(list, first, 2, collect, &got, &first, &n);
	CHECK_STR(got.data, "C8/Caution;C8/Caution;");
	list_query_free(list);
	strbuf_free(&got);
	strbuf_free(&error);
	done(cache);
}

/* Counts the records a drill on each cell of spec's table selects, and compares them with the
 * cell's own count; returns the number of cells that disagree (with a TAP note for each). */
static int drill_every_cell(struct cache *cache, const struct table_spec *spec)
{
	struct pivot *p;
	struct strbuf error = STRBUF_INIT;
	int wrong = 0;
	if (query_table(cache, spec, &p, &error) != STATUS_OK) {
		printf("# table failed: %s\n", strbuf_str(&error));
		strbuf_free(&error);
		return 1;
	}
	size_t n_cells = p->n_columns + (p->has_total_column ? 1 : 0);
	for (size_t r = 0; r <= p->n_rows; r++) {
		const struct pivot_row *row = r < p->n_rows ? &p->rows[r] : &p->total;
		for (size_t c = 0; c < n_cells; c++) {
			struct query_drill drill;
			query_drill(spec, p, r, c, &drill);
			struct list_query *list;
			int64_t n = -1;
			if (list_query_new(cache, &drill.filters, NULL, 0, &list, &error) == STATUS_OK) {
				list_query_count(list, &n);
				list_query_free(list);
			}
			if (n != row->cells[c].n_records) {
				printf("# %s: cell %zu,%zu (%s) has %lld records, its drill lists %lld\n",
				       spec->rows[0], r, c, drill.title, (long long)row->cells[c].n_records,
				       (long long)n);
				wrong++;
			}
			query_drill_free(&drill);
		}
	}
	pivot_free(p);
	strbuf_free(&error);
	return wrong;
}

TEST(drill_lists_exactly_each_cells_records)
{
	struct cache *cache = small_cache();
	double edges[] = {16, 18};
	struct band_spec band = {"victim_age", edges, 2};
	struct measure_spec measures[] = {{MEASURE_COUNT, NULL, false, NULL, NULL},
					  {MEASURE_AVG, NULL, true, "received", "actioned"}};
	struct table_spec specs[] = {
		by("offence"),
		{.rows = {"offence", "outcome"}, .n_rows = 2, .period = {PERIOD_YEAR, 1}},
		{.rows = {"victim_age"}, .n_rows = 1, .period = {PERIOD_QUARTER, 1}, .bands = &band,
		 .n_bands = 1},
		{.rows = {"period"}, .n_rows = 1, .period = {PERIOD_YEAR, 4}, .measures = measures,
		 .n_measures = 2},
		{.rows = {"outcome"}, .n_rows = 1, .cols = "offence", .period = {PERIOD_YEAR, 1}},
		{.filters = {.from = "2019-03-01", .to = "2020-02-15"}, .rows = {"offence"}, .n_rows = 1,
		 .period = {PERIOD_MONTH, 1}},
	};
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		CHECK_INT(drill_every_cell(cache, &specs[i]), 0);
	done(cache);
}

static int64_t list_count(struct cache *cache, const struct query_filters *filters)
{
	struct list_query *list;
	int64_t n = -1;
	if (list_query_new(cache, filters, NULL, 0, &list, NULL) == STATUS_OK) {
		list_query_count(list, &n);
		list_query_free(list);
	}
	return n;
}

/* A drill from a table under filters no tally holds reads its count from the tally that
 * table counted them into, with its own kind and months. */
TEST(a_drills_count_reads_the_filtered_tally_of_its_table)
{
	struct cache *cache = small_cache();
	struct table_spec spec = by("period");
	snprintf(spec.filters.from, sizeof(spec.filters.from), "2019-01-06");
	CHECK_TABLE(cache, &spec, "Number|2019:6|2020:5|Total:11");
	struct query_filters drill = spec.filters;
	drill.kind = QUERY_KIND_CRIME;
	CHECK_INT(list_count(cache, &drill), 11);
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	sqlite3_exec(cache_db(cache), "UPDATE temp.filtered_tally_1 SET n = n * 100", NULL, NULL, NULL);
	CHECK_INT(list_count(cache, &drill), 1100);
	/* Other filters than the table's: counted from the records, no tally made. */
	snprintf(drill.from, sizeof(drill.from), "2019-02-07");
	CHECK_INT(list_count(cache, &drill), 10);
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	/* A drill into a year of a table filtered on a number: whole months, from the tally. */
	struct where_term adult[] = {{"victim_age", WHERE_AT_LEAST, "18"}};
	struct table_spec adults = by("period");
	adults.filters.where = adult;
	adults.filters.n_where = 1;
	CHECK_TABLE(cache, &adults, "Number|2019:3|2020:3|Total:6");
	sqlite3_exec(cache_db(cache), "UPDATE temp.filtered_tally_2 SET n = n * 100", NULL, NULL, NULL);
	struct query_filters year = adults.filters;
	year.kind = QUERY_KIND_CRIME;
	snprintf(year.from, sizeof(year.from), "2019-01-01");
	snprintf(year.to, sizeof(year.to), "2019-12-31");
	CHECK_INT(list_count(cache, &year), 300);
	done(cache);
}

TEST(list_counts_from_a_tally_equal_the_records)
{
	struct cache *cache = small_cache();
	const struct query_filters filters[] = {
		{0},
		{.kind = QUERY_KIND_CRIME},
		{.kind = QUERY_KIND_INCIDENT},
		{.kind = QUERY_KIND_OTHER},
		{.from = "2019-03-01", .to = "2020-02-29"},
		{.kind = QUERY_KIND_CRIME, .from = "2020-01-01"},
		{.from = "2019-03-02", .to = "2020-02-15"}, /* not whole months: the records */
		{.kind = QUERY_KIND_INCIDENT, .from = "2019-01-01"}, /* a range of no records */
	};
	size_t n = sizeof(filters) / sizeof(filters[0]);
	int64_t from_tally[16];
	for (size_t i = 0; i < n; i++)
		from_tally[i] = list_count(cache, &filters[i]);
	CHECK(from_tally[0] > 0);
	CHECK_INT(cache_tallies_drop(cache), STATUS_OK);
	for (size_t i = 0; i < n; i++)
		CHECK_INT(list_count(cache, &filters[i]), from_tally[i]);
	done(cache);
}

TEST(drill_titles_name_the_cell)
{
	struct cache *cache = small_cache();
	struct table_spec spec = {.rows = {"offence", "outcome"}, .n_rows = 2, .period = {PERIOD_YEAR, 1}};
	struct pivot *p;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(query_table(cache, &spec, &p, &error), STATUS_OK);
	struct query_drill drill;
	query_drill(&spec, p, 1, 0, &drill);
	CHECK_STR(drill.title, "A / Caution 2019");
	query_drill_free(&drill);
	query_drill(&spec, p, 0, p->n_columns, &drill);
	CHECK_STR(drill.title, "A, Total");
	query_drill_free(&drill);
	query_drill(&spec, p, p->n_rows, 1, &drill);
	CHECK_STR(drill.title, "Total 2020");
	CHECK_STR(drill.filters.from, "2020-01-01");
	CHECK_STR(drill.filters.to, "2020-12-31");
	query_drill_free(&drill);
	pivot_free(p);
	strbuf_free(&error);
	done(cache);
}

static void collect_value(const char *value, int64_t n, void *data)
{
	strbuf_appendf(data, "%s:%lld;", value ? value : "(blank)", (long long)n);
}

TEST(field_values_come_most_frequent_first)
{
	struct cache *cache = small_cache();
	struct query_filters filters = {.kind = QUERY_KIND_CRIME};
	struct strbuf got = STRBUF_INIT, error = STRBUF_INIT;
	CHECK_INT(query_field_values(cache, &filters, "Outcome", 10, collect_value, &got, &error),
		  STATUS_OK);
	CHECK_STR(got.data, "Charge:8;Caution:3;(blank):1;");
	CHECK_INT(query_field_values(cache, &filters, "nope", 10, collect_value, &got, &error),
		  STATUS_UNKNOWN_FIELD);
	/* Under a filter no tally holds, the counts are those of the filtered tally by the
	 * field, which the table by it under the same filter reads too. */
	struct where_term offence_a[] = {{"offence", WHERE_IS, "A"}};
	filters.where = offence_a;
	filters.n_where = 1;
	strbuf_reset(&got);
	CHECK_INT(query_field_values(cache, &filters, "Outcome", 10, collect_value, &got, &error),
		  STATUS_OK);
	CHECK_STR(got.data, "Charge:5;Caution:2;");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	sqlite3_exec(cache_db(cache), "UPDATE temp.filtered_tally_1 SET n = n * 100", NULL, NULL, NULL);
	strbuf_reset(&got);
	CHECK_INT(query_field_values(cache, &filters, "Outcome", 10, collect_value, &got, &error),
		  STATUS_OK);
	CHECK_STR(got.data, "Charge:500;Caution:200;");
	struct table_spec spec = by("outcome");
	spec.filters = filters;
	CHECK_TABLE(cache, &spec, "2019,2020|Caution:100,100,200|Charge:400,100,500|Total:500,200,700");
	CHECK_INT(sql_int(cache, FILTERED_TALLIES), 1);
	strbuf_free(&got);
	strbuf_free(&error);
	done(cache);
}

/* The first column of the first row of sql, as an integer. */
static long long sql_int(struct cache *cache, const char *sql)
{
	sqlite3_stmt *stmt;
	long long n = -1;
	if (sqlite3_prepare_v2(cache_db(cache), sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

TEST(overflow_fields_give_the_same_tables_filters_and_lists)
{
	/* With SQLite's column limit at 103 records has room for 3 field columns (100 are
	 * kept for its own and a query's), so Outcome, Victim Age, Received and Actioned
	 * overflow into field_values: tables, bands, measures, filters and lists must not
	 * see the difference. */
	column_limit = 103;
	struct cache *cache = small_cache();
	column_limit = 0;
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM fields WHERE overflow"), 4);
	CHECK_INT(sql_int(cache, "SELECT count(*) FROM pragma_table_info('records')"), 12);
	struct table_spec spec = by("offence");
	spec.rows[1] = "outcome";
	spec.n_rows = 2;
	CHECK_TABLE(cache, &spec,
		    "2019,2020|A:5,2,7|>Caution:1,1,2|>Charge:4,1,5|B:2,3,5|>Caution:0,1,1|"
		    ">Charge:1,2,3|>(blank):1,0,1|Total:7,5,12");
	/* ...read from a tally made from the records, with the overflow field in it. */
	CHECK_INT(sql_int(cache, "SELECT sum(n) FROM \"tally__offence__outcome\" WHERE f_outcome"
				 " = 'Caution'"),
		  3);
	struct band_spec band = {"victim_age", (double[]){16, 18}, 2};
	spec = by("victim_age");
	spec.bands = &band;
	spec.n_bands = 1;
	CHECK_TABLE(cache, &spec,
		    "2019,2020|0-16:2,2,4|17-18:2,0,2|19+:2,3,5|(blank):1,0,1|Total:7,5,12");
	struct measure_spec m;
	struct strbuf error = STRBUF_INIT;
	measure_parse("max:days(received,actioned)", &m, &error);
	spec = by("period");
	spec.measures = &m;
	spec.n_measures = 1;
	CHECK_TABLE(cache, &spec, "Longest|2019:10|2020:7|Total:10");
	measure_clear(&m);
	struct where_term w[3] = {{"outcome", WHERE_EQUALS, "charge"},
				  {"Outcome", WHERE_BLANK, ""},
				  {"victim_age", WHERE_AT_LEAST, "18"}};
	spec = by("offence");
	spec.filters.where = w;
	spec.filters.n_where = 3;
	CHECK_TABLE(cache, &spec, "2019,2020|A:1,1,2|B:2,2,4|Total:3,3,6");
	struct query_filters filters = {.kind = QUERY_KIND_CRIME};
	const char *fields[] = {"outcome"};
	struct list_query *list;
	struct strbuf got = STRBUF_INIT;
	CHECK_INT(list_query_new(cache, &filters, fields, 1, &list, &error), STATUS_OK);
	int64_t last = 0;
	size_t n = 0;
	list_query_page(list, last, 5, collect, &got, &last, &n);
	CHECK_STR(got.data, "C1/Charge;C2/Charge;C3/Caution;C4/Charge;C5/-;");
	list_query_free(list);
	strbuf_free(&got);
	strbuf_free(&error);
	done(cache);
}

TAP_MAIN(period_words_parse, measures_parse_with_days_and_fields, bands_need_increasing_numbers,
	 counts_by_field_and_year_with_totals, two_levels_have_subtotals_and_blank_last,
	 distinct_references_do_not_add_up, references_each_on_one_record_are_counted_from_a_tally,
	 bands_split_numbers_and_keep_blanks,
	 measures_as_columns_with_totals_over_records, dates_cut_periods_and_mark_them,
	 financial_years_and_quarters, where_values_or_and_bounds_and,
	 value_filters_read_a_tally_as_the_records_would,
	 filtered_tables_count_the_records_once_while_the_cache_stays,
	 a_filtered_tally_interrupted_is_not_kept,
	 a_notes_search_is_asked_of_the_index_once_while_the_cache_stays,
	 a_notes_search_interrupted_keeps_no_hits,
	 notes_searches_find_what_an_index_with_positions_finds, a_page_deep_in_a_date_range_starts_from_its_key,
	 suppression_hides_small_counts_and_what_would_give_them_away, unknown_field_is_named,
	 progress_callback_can_stop_a_query, lists_page_by_key,
	 lists_in_a_date_range_page_between_its_first_and_last_ids,
	 lists_redact_personal_fields_and_their_values_in_the_notes,
	 tables_redact_the_labels_of_personal_fields,
	 personal_columns_are_checked_against_the_cache, lists_page_backwards_from_the_end,
	 drill_lists_exactly_each_cells_records, list_counts_from_a_tally_equal_the_records,
	 a_drills_count_reads_the_filtered_tally_of_its_table,
	 drill_titles_name_the_cell,
	 field_values_come_most_frequent_first, overflow_fields_give_the_same_tables_filters_and_lists)
