/* test_review.c - review marks: marking, unmarking, listing; marks that outlive the process
 * and re-imports; tables and lists that leave the marked records out (from the records and
 * from a tally); the summary of a review for the method note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crimeview/import.h"
#include "crimeview/query.h"
#include "crimeview/review.h"
#include "tap.h"

static char db_path[96], csv_path[96];

/* 8 crimes, offences A and B in 2019-2020; C3 twice (a duplicate row); one without a
 * reference. */
static const char first_csv[] = "Crime Number,Recorded Date,Offence,Notes\n"
				"C1,05/01/2019,A,deepfake video\n"
				"C2,06/02/2019,A,deep fake images\n"
				"C3,07/03/2019,B,a deepfake call\n"
				"C3,07/03/2019,B,a deepfake call\n"
				"C4,08/04/2019,B,not a deepfake: a prank\n"
				",09/05/2019,A,deepfake without a reference\n"
				"C5,12/01/2020,A,deepfake\n"
				"C6,13/02/2020,B,deepfake\n";

static void write_csv(const char *text)
{
	FILE *f = fopen(csv_path, "w");
	fputs(text, f);
	fclose(f);
}

static void import_csv(struct cache *cache, bool force)
{
	struct import_options options = {.force = force};
	struct import_totals totals;
	const char *paths[] = {csv_path};
	import_files(cache, paths, 1, &options, NULL, &totals, NULL);
}

static struct cache *open_cache(void)
{
	struct cache *cache = NULL;
	cache_open(db_path, CACHE_OPEN_WRITE, &cache, NULL);
	return cache;
}

static struct cache *fresh_cache(void)
{
	snprintf(csv_path, sizeof(csv_path), "/tmp/cv-review-%ld-crimes.csv", (long)getpid());
	snprintf(db_path, sizeof(db_path), "/tmp/cv-review-%ld.db", (long)getpid());
	unlink(db_path);
	write_csv(first_csv);
	struct cache *cache = open_cache();
	import_csv(cache, false);
	return cache;
}

static void remove_db(const char *path)
{
	char other[160];
	unlink(path);
	snprintf(other, sizeof(other), "%s-wal", path);
	unlink(other);
	snprintf(other, sizeof(other), "%s-shm", path);
	unlink(other);
}

static void done(struct cache *cache)
{
	cache_close(cache);
	remove_db(db_path);
	unlink(csv_path);
}

/* The id of the nth (1-based) record with ref ("" for the first without one), or 0. */
struct find {
	const char *ref;
	int nth, seen;
	int64_t id;
};

static void find_each(const struct list_record *record, void *data)
{
	struct find *f = data;
	bool same = f->ref[0] ? record->ref && !strcmp(record->ref, f->ref) : !record->ref;
	if (same && ++f->seen == f->nth && !f->id)
		f->id = record->id;
}

static int64_t record_id(struct cache *cache, const char *ref, int nth)
{
	struct query_filters filters = {0};
	struct list_query *list;
	struct strbuf error = STRBUF_INIT;
	struct find f = {ref, nth, 0, 0};
	if (list_query_new(cache, &filters, NULL, 0, &list, &error) == STATUS_OK) {
		int64_t last = 0;
		size_t got;
		list_query_page(list, 0, 100, find_each, &f, &last, &got);
		list_query_free(list);
	}
	strbuf_free(&error);
	return f.id;
}

static void list_each(const struct list_record *record, void *data)
{
	struct strbuf *sb = data;
	strbuf_appendf(sb, "%s%s", sb->len ? "," : "", record->ref ? record->ref : "-");
	if (record->reason)
		strbuf_appendf(sb, "(%s)", record->reason);
}

/* The references a list with these filters gives, as "C1,C2,...". Caller frees. */
static char *list_refs(struct cache *cache, const struct query_filters *filters)
{
	struct list_query *list;
	struct strbuf error = STRBUF_INIT, sb = STRBUF_INIT;
	if (list_query_new(cache, filters, NULL, 0, &list, &error) == STATUS_OK) {
		int64_t last = 0;
		size_t got;
		list_query_page(list, 0, 100, list_each, &sb, &last, &got);
		list_query_free(list);
	} else {
		strbuf_append_str(&sb, strbuf_str(&error));
	}
	strbuf_free(&error);
	return strbuf_detach(&sb);
}

#define CHECK_LIST(cache, filters, want) \
	do { \
		char *got_ = list_refs(cache, filters); \
		CHECK_STR(got_, want); \
		free(got_); \
	} while (0)

static void mark(struct cache *cache, const char *review, const char *ref, int nth,
		 const char *reason)
{
	bool added = false;
	int64_t id = record_id(cache, ref, nth);
	CHECK_INT(review_mark(cache, review, id, reason, &added), STATUS_OK);
	CHECK(added);
}

static void marks_each(const struct review_mark *m, void *data)
{
	struct strbuf *sb = data;
	strbuf_appendf(sb, "%s%s#%lu@%lu:%s:%s", sb->len ? "," : "", m->ref ? m->ref : "-", m->nth,
		       m->line, m->reason, m->record_id ? "here" : "gone");
}

static char *marks(struct cache *cache, const char *review)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;
	CHECK_INT(review_marks_each(cache, review, marks_each, &sb, &n), STATUS_OK);
	return strbuf_detach(&sb);
}

#define CHECK_MARKS(cache, review, want) \
	do { \
		char *got_ = marks(cache, review); \
		CHECK_STR(got_, want); \
		free(got_); \
	} while (0)

TEST(mark_list_count_and_unmark)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "C4", 1, "no deepfake element");
	mark(cache, "foi", "C3", 2, "duplicate");
	mark(cache, "other", "C1", 1, NULL);
	CHECK_MARKS(cache, "foi", "C3#2@5:duplicate:here,C4#1@6:no deepfake element:here");
	CHECK_MARKS(cache, "other", "C1#1@2::here");
	int64_t n = 0;
	CHECK_INT(review_count(cache, "foi", &n), STATUS_OK);
	CHECK_INT(n, 2);
	CHECK_INT(review_count(cache, "nobody", &n), STATUS_OK);
	CHECK_INT(n, 0);
	bool removed = false;
	CHECK_INT(review_unmark(cache, "foi", record_id(cache, "C4", 1), &removed), STATUS_OK);
	CHECK(removed);
	CHECK_INT(review_unmark(cache, "foi", record_id(cache, "C4", 1), &removed), STATUS_OK);
	CHECK(!removed);
	CHECK_MARKS(cache, "foi", "C3#2@5:duplicate:here");
	done(cache);
}

TEST(marking_again_changes_the_reason)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "C4", 1, "prank");
	bool added = true;
	CHECK_INT(review_mark(cache, "foi", record_id(cache, "C4", 1), "not deepfake", &added),
		  STATUS_OK);
	CHECK(!added);
	CHECK_MARKS(cache, "foi", "C4#1@6:not deepfake:here");
	CHECK_INT(review_mark(cache, "foi", record_id(cache, "C4", 1), NULL, &added), STATUS_OK);
	CHECK_MARKS(cache, "foi", "C4#1@6:not deepfake:here");
	CHECK_INT(review_mark(cache, "foi", 999, "x", &added), STATUS_NOT_FOUND);
	done(cache);
}

static void names_each(const char *review, int64_t n, void *data)
{
	strbuf_appendf(data, "%s=%lld;", review, (long long)n);
}

TEST(review_names_are_listed_in_order)
{
	struct cache *cache = fresh_cache();
	mark(cache, "b-review", "C1", 1, NULL);
	mark(cache, "a-review", "C1", 1, NULL);
	mark(cache, "a-review", "C2", 1, NULL);
	struct strbuf sb = STRBUF_INIT;
	CHECK_INT(review_names_each(cache, names_each, &sb), STATUS_OK);
	CHECK_STR(strbuf_str(&sb), "a-review=2;b-review=1;");
	strbuf_free(&sb);
	done(cache);
}

TEST(marks_outlive_the_connection_and_an_unchanged_reimport)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "C4", 1, "prank");
	cache_close(cache);
	cache = open_cache();
	CHECK_MARKS(cache, "foi", "C4#1@6:prank:here");
	import_csv(cache, false);
	CHECK_MARKS(cache, "foi", "C4#1@6:prank:here");
	import_csv(cache, true); /* --force: new record ids */
	CHECK_MARKS(cache, "foi", "C4#1@6:prank:here");
	struct query_filters filters = {.review = "foi"};
	CHECK_LIST(cache, &filters, "C1,C2,C3,C3,-,C5,C6");
	done(cache);
}

TEST(marks_follow_their_record_when_the_file_changes)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "C4", 1, "prank");
	mark(cache, "foi", "C3", 2, "duplicate");
	mark(cache, "foi", "", 1, "no reference");
	mark(cache, "foi", "C6", 1, "gone later");
	/* Two rows added at the top, C6 taken out: lines move, C4 and C3's second row stay. */
	write_csv("Crime Number,Recorded Date,Offence,Notes\n"
		  "C0,01/01/2019,A,deepfake\n"
		  "C00,02/01/2019,A,deepfake\n"
		  "C1,05/01/2019,A,deepfake video\n"
		  "C2,06/02/2019,A,deep fake images\n"
		  "C3,07/03/2019,B,a deepfake call\n"
		  "C3,07/03/2019,B,a deepfake call\n"
		  "C4,08/04/2019,B,not a deepfake: a prank\n"
		  ",09/05/2019,A,deepfake without a reference\n"
		  "C5,12/01/2020,A,deepfake\n");
	import_csv(cache, false);
	CHECK_MARKS(cache, "foi",
		    "C3#2@5:duplicate:here,C4#1@6:prank:here,-#7@7:no reference:gone,"
		    "C6#1@9:gone later:gone");
	struct query_filters filters = {.review = "foi"};
	CHECK_LIST(cache, &filters, "C0,C00,C1,C2,C3,-,C5");
	filters.review_only = true;
	CHECK_LIST(cache, &filters, "C3(duplicate),C4(prank)");
	done(cache);
}

TEST(a_record_without_reference_is_marked_by_its_line)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "", 1, "no reference");
	CHECK_MARKS(cache, "foi", "-#7@7:no reference:here");
	struct query_filters filters = {.review = "foi", .review_only = true};
	CHECK_LIST(cache, &filters, "-(no reference)");
	done(cache);
}

static struct table_spec by_offence(const struct query_filters *filters)
{
	struct table_spec spec = {.rows = {"offence"}, .n_rows = 1, .period = {PERIOD_YEAR, 1}};
	spec.filters = *filters;
	return spec;
}

/* The table's rows as "A:2019,2020,total|..." and the records matched. */
static char *table(struct cache *cache, const struct table_spec *spec)
{
	struct pivot *p = NULL;
	struct strbuf error = STRBUF_INIT, sb = STRBUF_INIT;
	if (query_table(cache, spec, &p, &error) != STATUS_OK) {
		strbuf_free(&sb);
		return strbuf_detach(&error);
	}
	for (size_t r = 0; r <= p->n_rows; r++) {
		const struct pivot_row *row = r < p->n_rows ? &p->rows[r] : &p->total;
		strbuf_appendf(&sb, "%s:", row->labels[0]);
		for (size_t c = 0; c <= p->n_columns; c++)
			strbuf_appendf(&sb, "%s%g", c ? "," : "", row->cells[c].value);
		strbuf_append_char(&sb, '|');
	}
	strbuf_appendf(&sb, "%lld", (long long)p->n_records);
	pivot_free(p);
	strbuf_free(&error);
	return strbuf_detach(&sb);
}

#define CHECK_TABLE(cache, spec, want) \
	do { \
		char *got_ = table(cache, spec); \
		CHECK_STR(got_, want); \
		free(got_); \
	} while (0)

TEST(tables_leave_marked_records_out_from_records_and_tally_alike)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "C4", 1, "prank");
	mark(cache, "foi", "C6", 1, "duplicate");
	struct query_filters none = {0}, review = {.review = "foi"};
	struct table_spec spec = by_offence(&none);
	CHECK_TABLE(cache, &spec, "A:3,1,4|B:3,1,4|Total:6,2,8|8");
	/* From the tally (no filter but the review), then from the records (a --where). */
	spec = by_offence(&review);
	CHECK_TABLE(cache, &spec, "A:3,1,4|B:2,0,2|Total:5,1,6|6");
	struct where_term where = {.field = "offence", .op = WHERE_CONTAINS, .value = ""};
	review.where = &where;
	review.n_where = 1;
	spec = by_offence(&review);
	CHECK_TABLE(cache, &spec, "A:3,1,4|B:2,0,2|Total:5,1,6|6");
	/* A group whose every record is left out goes, from the tally as from the records. */
	mark(cache, "foi", "C3", 1, "duplicate");
	mark(cache, "foi", "C3", 2, "duplicate");
	struct query_filters crimes_2019 = {
		.review = "foi", .from = "2019-01-01", .to = "2019-12-31"};
	spec = by_offence(&crimes_2019);
	CHECK_TABLE(cache, &spec, "A:3,3|Total:3,3|3");
	crimes_2019.where = &where;
	crimes_2019.n_where = 1;
	spec = by_offence(&crimes_2019);
	CHECK_TABLE(cache, &spec, "A:3,3|Total:3,3|3");
	done(cache);
}

TEST(summary_counts_the_filtered_records_left_out_by_reason)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "C4", 1, "no deepfake element");
	mark(cache, "foi", "C3", 2, "duplicate");
	mark(cache, "foi", "C1", 1, "no deepfake element");
	mark(cache, "foi", "C6", 1, NULL);
	struct query_filters filters = {.review = "foi"};
	struct review_summary summary;
	struct strbuf error = STRBUF_INIT, sb = STRBUF_INIT;
	CHECK_INT(query_review_summary(cache, &filters, &summary, &error), STATUS_OK);
	review_summary_describe(&summary, &sb);
	CHECK_STR(strbuf_str(&sb), "Review foi: 4 records excluded (2 no deepfake element; 1 "
				   "no reason given; 1 duplicate)");
	review_summary_clear(&summary);
	strbuf_reset(&sb);
	snprintf(filters.to, sizeof(filters.to), "2019-12-31");
	filters.match = "prank";
	CHECK_INT(query_review_summary(cache, &filters, &summary, &error), STATUS_OK);
	review_summary_describe(&summary, &sb);
	CHECK_STR(strbuf_str(&sb), "Review foi: 1 record excluded (no deepfake element)");
	review_summary_clear(&summary);
	strbuf_reset(&sb);
	filters.match = "images";
	CHECK_INT(query_review_summary(cache, &filters, &summary, &error), STATUS_OK);
	review_summary_describe(&summary, &sb);
	CHECK_STR(strbuf_str(&sb), "Review foi: no records excluded");
	review_summary_clear(&summary);
	strbuf_free(&sb);
	strbuf_free(&error);
	done(cache);
}

TEST(marks_are_copied_into_a_rebuilt_cache)
{
	struct cache *cache = fresh_cache();
	mark(cache, "foi", "C4", 1, "prank");
	cache_close(cache);
	char rebuilt[128];
	snprintf(rebuilt, sizeof(rebuilt), "%s.rebuild", db_path);
	remove_db(rebuilt);
	cache_open(rebuilt, CACHE_OPEN_WRITE, &cache, NULL);
	import_csv(cache, false);
	CHECK_INT(review_copy_from(cache, db_path), STATUS_OK);
	CHECK_MARKS(cache, "foi", "C4#1@6:prank:here");
	CHECK_INT(review_copy_from(cache, "/nonexistent/cache.db"), STATUS_OK);
	CHECK_INT(review_copy_from(cache, csv_path), STATUS_OK);
	cache_close(cache);
	remove_db(rebuilt);
	remove_db(db_path);
	unlink(csv_path);
}

TEST(review_names_are_checked)
{
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(review_name_check("foi-2024-118", &error), STATUS_OK);
	CHECK_INT(review_name_check("", &error), STATUS_BAD_QUERY);
	CHECK_STR(strbuf_str(&error), "a review needs a name");
	strbuf_reset(&error);
	CHECK_INT(review_name_check("a\033[2Jb", &error), STATUS_BAD_QUERY);
	CHECK_STR(strbuf_str(&error), "a review's name cannot hold control characters");
	strbuf_reset(&error);
	char longname[REVIEW_NAME_MAX + 2];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_INT(review_name_check(longname, &error), STATUS_BAD_QUERY);
	CHECK_STR(strbuf_str(&error), "a review's name is at most 64 bytes (this one has 65)");
	strbuf_free(&error);
}

TAP_MAIN(mark_list_count_and_unmark, marking_again_changes_the_reason,
	 review_names_are_listed_in_order, marks_outlive_the_connection_and_an_unchanged_reimport,
	 marks_follow_their_record_when_the_file_changes,
	 a_record_without_reference_is_marked_by_its_line,
	 tables_leave_marked_records_out_from_records_and_tally_alike,
	 summary_counts_the_filtered_records_left_out_by_reason,
	 marks_are_copied_into_a_rebuilt_cache,
	 review_names_are_checked)
