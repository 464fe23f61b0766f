/* test_cache.c - importing into the cache: registry, roles, dates, rejects, search index. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crimeview/cache.h"
#include "crimeview/import.h"
#include "tap.h"

static char dir[64];
static char db_path[96];

static void fresh_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/cv-cache-%ld", (long)getpid());
	mkdir(dir, 0700);
	snprintf(db_path, sizeof(db_path), "%s/test.db", dir);
	unlink(db_path);
	char wal[128];
	snprintf(wal, sizeof(wal), "%s-wal", db_path);
	unlink(wal);
}

static char *write_csv(const char *name, const char *content)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_appendf(&path, "%s/%s", dir, name);
	FILE *f = fopen(path.data, "wb");
	fputs(content, f);
	fclose(f);
	return strbuf_detach(&path);
}

struct log {
	struct strbuf text;
};

static void log_reject(const char *path, unsigned long line, const char *cause, void *data)
{
	struct log *log = data;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	strbuf_appendf(&log->text, "%s:%lu: %s\n", base, line, cause);
}

static void log_notice(const char *path, const char *message, void *data)
{
	struct log *log = data;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	strbuf_appendf(&log->text, "%s: %s\n", base, message);
}

static void log_done(const struct import_file_result *r, void *data)
{
	struct log *log = data;
	static const char *const outcomes[] = {"done", "unchanged", "failed"};
	/* A failure's message starts with the path, which varies: keep what follows it. */
	bool failed = r->outcome == IMPORT_FAILED;
	strbuf_appendf(&log->text, "%s %lld/%lld/%lld%s%s\n", outcomes[r->outcome],
		       (long long)r->rows_read, (long long)r->rows_imported,
		       (long long)r->rows_rejected, failed ? " " : "",
		       failed ? r->message + strlen(r->path) + 2 : "");
}

/* An SQLite limit set on the connection of the imports below (when limit_id >= 0). */
static int limit_id = -1, limit_value;

/* Imports files with options; returns the log (caller frees). */
static char *import_many(const char *const *paths, size_t n, const struct import_options *options)
{
	static const struct import_options defaults = {0};
	struct log log = {STRBUF_INIT};
	struct import_callbacks callbacks = {
		.reject = log_reject, .notice = log_notice, .file_done = log_done, .data = &log};
	struct cache *cache;
	struct strbuf error = STRBUF_INIT;
	if (cache_open(db_path, CACHE_OPEN_WRITE, &cache, &error) != STATUS_OK) {
		strbuf_appendf(&log.text, "open: %s\n", strbuf_str(&error));
	} else {
		struct import_totals totals;
		if (limit_id >= 0)
			sqlite3_limit(cache_db(cache), limit_id, limit_value);
		enum status status = import_files(cache, paths, n, options ? options : &defaults,
						  &callbacks, &totals, &error);
		if (status != STATUS_OK)
			strbuf_appendf(&log.text, "import: %s\n", strbuf_str(&error));
		cache_close(cache);
	}
	strbuf_free(&error);
	return strbuf_detach(&log.text);
}

/* Imports one file with options; returns the log (caller frees). */
static char *import_one(const char *path, const struct import_options *options)
{
	return import_many(&path, 1, options);
}

/* The first column of the first row of sql over the cache, as text (caller frees). */
static char *query(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	char *result = NULL;
	sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		struct strbuf sb = STRBUF_INIT;
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(stmt); i++) {
				const char *t = (const char *)sqlite3_column_text(stmt, i);
				strbuf_appendf(&sb, "%s%s", i ? "|" : (sb.len ? ";" : ""), t ? t : "NULL");
			}
		}
		sqlite3_finalize(stmt);
		result = strbuf_detach(&sb);
	} else {
		result = xstrdup(sqlite3_errmsg(db));
	}
	sqlite3_close(db);
	return result;
}

/* FTS5's own check of notes_fts against the notes it indexes: "ok", or what is wrong. */
static char *notes_index_check(void)
{
	sqlite3 *db;
	sqlite3_open(db_path, &db);
	int rc = sqlite3_exec(db, "INSERT INTO notes_fts(notes_fts, rank) VALUES('integrity-check', 1)",
			      NULL, NULL, NULL);
	char *result = xstrdup(rc == SQLITE_OK ? "ok" : sqlite3_errmsg(db));
	sqlite3_close(db);
	return result;
}

#define CHECK_NOTES_INDEX() \
	do { \
		char *check_ = notes_index_check(); \
		CHECK_STR(check_, "ok"); \
		free(check_); \
	} while (0)

#define CHECK_QUERY(sql, want) \
	do { \
		char *got_ = query(sql); \
		CHECK_STR(got_, want); \
		free(got_); \
	} while (0)

#define CHECK_IMPORT(path, options, want) \
	do { \
		char *log_ = import_one(path, options); \
		CHECK_STR(log_, want); \
		free(log_); \
	} while (0)

static const char crimes_csv[] =
	"Crime Reference,Recorded Date,Offence Title,Victim Age,MO Text\r\n"
	"CR/1/21,03/05/2021 10:00,Blackmail,15,\"They made a deep-fake image, then\r\n"
	"demanded \xC2\xA3" "50\"\r\n"
	"CR/2/21,13/05/2021,Harassment,,Calls and texts\r\n"
	"CR/2/21,13/05/2021,Harassment,,Calls and texts\r\n"
	"CR/3/22,31/02/2022,Theft Other,40,Bike taken\r\n"
	"CR/4/22,01/06/2022 09:30,Blackmail,19,\"DEEP\r\nFAKE video\"\r\n"
	"CR/5/22,02/06/2022,Blackmail\r\n";

TEST(new_cache_is_private)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", "a,b\n1,2\n");
	free(import_one(path, NULL));
	struct stat st;
	CHECK_INT(stat(db_path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	free(path);
}

TEST(every_row_is_imported_or_rejected_with_line_and_cause)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	CHECK_IMPORT(path, NULL,
		     "crimes.csv:6: bad date in Recorded Date: \"31/02/2022\" (no such day: 31 February 2022)\n"
		     "crimes.csv:9: 3 fields, expected 5\n"
		     "done 6/4/2\n");
	CHECK_QUERY("SELECT count(*) FROM records", "4");
	CHECK_QUERY("SELECT line, cause, length(raw) FROM rejects ORDER BY line",
		    "6|bad date in Recorded Date: \"31/02/2022\" (no such day: 31 February 2022)|46;"
		    "9|3 fields, expected 5|30");
	free(path);
}

TEST(duplicate_rows_are_kept)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	CHECK_QUERY("SELECT count(*), count(DISTINCT ref) FROM records WHERE ref = 'CR/2/21'", "2|1");
	free(path);
}

TEST(roles_and_kind_come_from_the_headers)
{
	fresh_dir();
	char *path = write_csv("export.csv", crimes_csv);
	free(import_one(path, NULL));
	CHECK_QUERY("SELECT name, role FROM fields ORDER BY id",
		    "crime_reference|ref;recorded_date|date;offence_title|;victim_age|;mo_text|notes");
	CHECK_QUERY("SELECT DISTINCT kind FROM records", "crime");
	free(path);
}

TEST(dates_become_iso_and_period_parts)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	CHECK_QUERY("SELECT ref, date, year, month, day FROM records ORDER BY id",
		    "CR/1/21|2021-05-03|2021|5|3;CR/2/21|2021-05-13|2021|5|13;"
		    "CR/2/21|2021-05-13|2021|5|13;CR/4/22|2022-06-01|2022|6|1");
	free(path);
}

TEST(field_types_are_detected)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	CHECK_QUERY("SELECT name, type FROM fields ORDER BY id",
		    "crime_reference|text;recorded_date|date;offence_title|text;victim_age|number;"
		    "mo_text|text");
	free(path);
}

TEST(notes_search_folds_case_hyphens_and_line_breaks)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	CHECK_QUERY("SELECT r.ref FROM notes_fts JOIN records r ON r.id = notes_fts.rowid"
		    " WHERE notes_fts MATCH 'deep AND fake' ORDER BY r.id",
		    "CR/1/21;CR/4/22");
	CHECK_QUERY("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'deep*'", "2");
	CHECK_QUERY("SELECT notes FROM notes WHERE id = 1",
		    "They made a deep-fake image, then\r\ndemanded \xC2\xA3" "50");
	CHECK_NOTES_INDEX();
	free(path);
}

TEST(notes_search_ignores_accents)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", "Crime Number,Date,Notes\nA,01/01/2020,D\xC3\xA9" "ep f\xC3\xA2ke of Zo\xC3\xAB\n");
	free(import_one(path, NULL));
	CHECK_QUERY("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'deep AND fake AND zoe'", "1");
	free(path);
}

TEST(unchanged_file_is_not_read_again)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	CHECK_IMPORT(path, NULL, "unchanged 6/4/2\n");
	CHECK_QUERY("SELECT count(*) FROM records", "4");
	free(path);
}

TEST(touched_file_with_the_same_bytes_is_unchanged)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	free(write_csv("crimes.csv", crimes_csv));
	CHECK_IMPORT(path, NULL, "unchanged 6/4/2\n");
	free(path);
}

TEST(changed_file_replaces_its_own_records_only)
{
	fresh_dir();
	char *crimes = write_csv("crimes.csv", crimes_csv);
	char *other = write_csv("incidents.csv", "Incident Number,Date,Detail\nINC1,01/01/2020,x\n");
	free(import_one(crimes, NULL));
	free(import_one(other, NULL));
	free(write_csv("crimes.csv", "Crime Reference,Recorded Date,Offence Title,Victim Age,MO Text\n"
				     "CR/9/23,01/01/2023,Robbery,30,new notes\n"));
	CHECK_IMPORT(crimes, NULL, "done 1/1/0\n");
	CHECK_QUERY("SELECT ref, kind FROM records ORDER BY ref", "CR/9/23|crime;INC1|incident");
	CHECK_QUERY("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'notes OR fake OR calls'", "1");
	CHECK_QUERY("SELECT group_concat(notes, ';') FROM (SELECT notes FROM notes ORDER BY id)", "x;new notes");
	/* The old notes' words went from the index with them. */
	CHECK_NOTES_INDEX();
	CHECK_QUERY("SELECT count(*) FROM rejects", "0");
	free(crimes);
	free(other);
}

TEST(force_imports_an_unchanged_file_again_without_doubling)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	struct import_options options = {.force = true};
	free(import_one(path, &options));
	CHECK_QUERY("SELECT count(*) FROM records", "4");
	CHECK_QUERY("SELECT count(*) FROM rejects", "2");
	free(path);
}

TEST(month_first_file_is_detected_and_read_again)
{
	fresh_dir();
	char *path = write_csv("us.csv", "ccn,date,narrative\n1,03/04/2017,a\n2,03/13/2017,b\n");
	CHECK_IMPORT(path, NULL,
		     "us.csv: dates are month-first (line 3 has \"03/13/2017\"): reading them month-first\n"
		     "us.csv: not known to hold crimes or incidents: its records count as neither "
		     "(say which with --kind)\n"
		     "done 2/2/0\n");
	CHECK_QUERY("SELECT date FROM records ORDER BY id", "2017-03-04;2017-03-13");
	CHECK_QUERY("SELECT date_order FROM files", "month-first");
	/* The day-first reading was undone before the index was built: each note once. */
	CHECK_QUERY("SELECT group_concat(id || '=' || notes, ';') FROM notes", "1=a;2=b");
	CHECK_QUERY("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'a OR b'", "1;2");
	CHECK_NOTES_INDEX();
	free(path);
}

TEST(file_of_only_ambiguous_dates_is_reported)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", "Crime Number,Date\nA,03/04/2019\nB,05/06/2019\n");
	CHECK_IMPORT(path, NULL,
		     "crimes.csv: every date in Date could be day-first or month-first (such as "
		     "\"03/04/2019\"): read day-first (UK); if they are month-first, import again with "
		     "--force --date-format mdy\n"
		     "done 2/2/0\n");
	CHECK_QUERY("SELECT date FROM records ORDER BY id", "2019-04-03;2019-06-05");
	free(path);
}

TEST(date_format_option_forces_the_order)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", "Crime Number,Date\nA,03/04/2019\nB,05/06/2019\n");
	struct import_options options = {.date_format = "mdy"};
	CHECK_IMPORT(path, &options, "done 2/2/0\n");
	CHECK_QUERY("SELECT date FROM records ORDER BY id", "2019-03-04;2019-05-06");
	free(path);
}

TEST(zoned_times_count_in_uk_local_time)
{
	fresh_dir();
	char *path = write_csv("search.csv", "Type,Date\nPerson search,2019-05-31T23:01:00+00:00\n"
					     "Person search,2019-01-31T23:01:00+00:00\n");
	struct import_options options = {.kind = "incident"};
	CHECK_IMPORT(path, &options, "done 2/2/0\n");
	CHECK_QUERY("SELECT date, year, month, day FROM records ORDER BY id",
		    "2019-06-01|2019|6|1;2019-01-31|2019|1|31");
	free(path);
}

TEST(month_precision_dates_have_no_day)
{
	fresh_dir();
	char *path = write_csv("street.csv", "Crime ID,Month,Crime type\n,2016-03,Anti-social behaviour\n"
					     "abc,2016-03,Burglary\n");
	free(import_one(path, NULL));
	CHECK_QUERY("SELECT quote(ref), date, year, month, quote(day) FROM records ORDER BY id",
		    "NULL|2016-03|2016|3|NULL;'abc'|2016-03|2016|3|NULL");
	free(path);
}

/* Imports csv as name into a fresh cache: its log, and its records' references and kinds. */
#define CHECK_KINDS(name, csv, options, want_log, want_kinds) \
	do { \
		fresh_dir(); \
		char *path_ = write_csv(name, csv); \
		CHECK_IMPORT(path_, options, want_log); \
		CHECK_QUERY("SELECT quote(ref), quote(kind) FROM records ORDER BY id", want_kinds); \
		free(path_); \
	} while (0)

TEST(rows_without_the_reference_their_kind_comes_from_count_as_neither)
{
	/* data.police.uk's street files: anti-social behaviour, an incident, has no Crime ID. */
	static const char street[] = "Crime ID,Month,Crime type\n,2016-03,Anti-social behaviour\n"
				     "abc,2016-03,Burglary\n,2016-04,Anti-social behaviour\n";
	CHECK_KINDS("street.csv", street, NULL,
		    "street.csv: 2 rows have no Crime ID (the first at line 2): not recorded as "
		    "crimes, they count as neither crime nor incident (--kind crime counts them as "
		    "crimes)\n"
		    "done 3/3/0\n",
		    "NULL|NULL;'abc'|'crime';NULL|NULL");
	CHECK_QUERY("SELECT quote(kind), month, n FROM tally ORDER BY kind, month",
		    "NULL|3|1;NULL|4|1;'crime'|3|1");
	CHECK_QUERY("SELECT kind FROM files", "crime");

	struct import_options as_crimes = {.kind = "crime"};
	CHECK_KINDS("street.csv", street, &as_crimes, "done 3/3/0\n",
		    "NULL|'crime';'abc'|'crime';NULL|'crime'");

	CHECK_KINDS("log.csv", "Incident Number,Date\n7,01/01/2020\n,02/01/2020\n", NULL,
		    "log.csv: 1 row has no Incident Number (line 3): not recorded as an incident, it "
		    "counts as neither crime nor incident (--kind incident counts it as an incident)\n"
		    "done 2/2/0\n",
		    "'7'|'incident';NULL|NULL");

	/* A kind from the file's name, or from a column, is not the reference's to take. */
	CHECK_KINDS("crimes.csv", "URN,Date\n,13/01/2020\n", NULL, "done 1/1/0\n", "NULL|'crime'");
	struct import_options kind_field = {.kind_column = "Type"};
	CHECK_KINDS("mixed.csv", "Crime Number,Type,Date\n,Crime,13/01/2020\n,Incident,13/01/2020\n",
		    &kind_field, "done 2/2/0\n", "NULL|'crime';NULL|'incident'");
}

TEST(role_options_override_the_headers)
{
	fresh_dir();
	char *path = write_csv("x.csv", "Ref,Date,Other Date,Text,Summary\nA,01/01/2020,02/03/2021,hello,short\n");
	const char *notes[] = {"Text", "summary"};
	struct import_options options = {.kind = "crime", .date_column = "other_date",
					 .notes_columns = notes, .n_notes_columns = 2};
	CHECK_IMPORT(path, &options,
		     "x.csv: every date in Other Date could be day-first or month-first (such as "
		     "\"02/03/2021\"): read day-first (UK); if they are month-first, import again with "
		     "--force --date-format mdy\n"
		     "done 1/1/0\n");
	CHECK_QUERY("SELECT date FROM records", "2021-03-02");
	CHECK_QUERY("SELECT notes FROM notes_fts", "hello\n\nshort");
	CHECK_QUERY("SELECT header, role FROM file_fields ORDER BY position",
		    "Ref|ref;Date|;Other Date|date;Text|notes;Summary|notes");
	free(path);
}

TEST(unknown_role_column_fails_the_file_with_the_columns_listed)
{
	fresh_dir();
	char *path = write_csv("x.csv", "Ref,Date\nA,01/01/2020\n");
	struct import_options options = {.ref_column = "Crime No"};
	CHECK_IMPORT(path, &options,
		     "failed 0/0/0 --ref Crime No: no such column (the columns are: Ref, Date)\n");
	CHECK_QUERY("SELECT count(*) FROM files", "0");
	free(path);
}

TEST(kind_column_sets_each_record)
{
	fresh_dir();
	char *path = write_csv("mixed.csv", "URN,Record Type,Date\n1,Crime,01/01/2020\n2,Incident,01/01/2020\n"
					    "3,Other,01/01/2020\n");
	CHECK_IMPORT(path, NULL, "done 3/3/0\n");
	CHECK_QUERY("SELECT ref, quote(kind) FROM records ORDER BY ref", "1|'crime';2|'incident';3|NULL");
	free(path);
}

TEST(fields_list_counts_distinct_values_and_blanks)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	struct cache *cache;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_READ, &cache, NULL), STATUS_OK);
	struct cache_field_info *fields;
	size_t n = 0;
	CHECK_INT(cache_fields_list(cache, true, &fields, &n), STATUS_OK);
	CHECK_INT(n, 5);
	if (n == 5) {
		CHECK_STR(fields[2].name, "offence_title");
		CHECK_INT(fields[2].n_distinct, 2);
		CHECK_INT(fields[2].n_blank, 0);
		CHECK_STR(fields[3].name, "victim_age");
		CHECK_INT(fields[3].n_distinct, 2);
		CHECK_INT(fields[3].n_blank, 2);
		CHECK_STR(fields[4].role, "notes");
		CHECK_INT(fields[4].n_distinct, 3);
		CHECK_INT(fields[4].n_blank, 0);
	}
	cache_fields_free(fields, n);
	cache_close(cache);
	free(path);
}

static void collect_view(const struct cache_record_view *view, void *data)
{
	struct strbuf *sb = data;
	strbuf_appendf(sb, "%s line %lu %s %s\n", strrchr(view->file, '/') + 1, view->line, view->kind,
		       view->date);
	for (size_t i = 0; i < view->n_values; i++)
		strbuf_appendf(sb, "%s=%s\n", view->values[i].header,
			       view->values[i].value ? view->values[i].value : "(blank)");
	strbuf_appendf(sb, "notes(%s)=%s\n", view->notes_headers, view->notes ? view->notes : "");
}

TEST(records_by_reference_show_every_field_in_file_order)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	struct cache *cache;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_READ, &cache, NULL), STATUS_OK);
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;
	CHECK_INT(cache_records_by_ref(cache, "cr/2/21 ", collect_view, &sb, &n), STATUS_OK);
	CHECK_INT(n, 2);
	CHECK_STR(strbuf_str(&sb), "crimes.csv line 4 crime 2021-05-13\n"
				   "Crime Reference=CR/2/21\nRecorded Date=13/05/2021\n"
				   "Offence Title=Harassment\nVictim Age=(blank)\nMO Text=(blank)\n"
				   "notes(MO Text)=Calls and texts\n"
				   "crimes.csv line 5 crime 2021-05-13\n"
				   "Crime Reference=CR/2/21\nRecorded Date=13/05/2021\n"
				   "Offence Title=Harassment\nVictim Age=(blank)\nMO Text=(blank)\n"
				   "notes(MO Text)=Calls and texts\n");
	strbuf_free(&sb);
	cache_close(cache);
	free(path);
}

static void collect_overview(const char *kind, int year, int64_t n, void *data)
{
	strbuf_appendf(data, "%s %d %lld\n", kind, year, (long long)n);
}

/* The overview (records by kind and year) as text: "crime 2021 3\n...". Caller frees. */
static char *overview(void)
{
	struct cache *cache;
	struct strbuf sb = STRBUF_INIT;
	if (cache_open(db_path, CACHE_OPEN_READ, &cache, NULL) != STATUS_OK)
		return xstrdup("open failed");
	if (cache_overview_each(cache, collect_overview, &sb) != STATUS_OK)
		strbuf_append_str(&sb, "failed");
	cache_close(cache);
	return strbuf_detach(&sb);
}

/* Runs a statement on every tally table: head, the table's name, tail. */
static void each_tally(const char *head, const char *tail)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	struct strbuf all = STRBUF_INIT;
	sqlite3_open(db_path, &db);
	sqlite3_prepare_v2(db,
			   "SELECT name FROM sqlite_master WHERE name = 'tally' OR name GLOB 'tally__*'",
			   -1, &stmt, NULL);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_appendf(&all, "%s%s%s", head, (const char *)sqlite3_column_text(stmt, 0), tail);
	sqlite3_finalize(stmt);
	CHECK(all.len > 0);
	CHECK_INT(sqlite3_exec(db, strbuf_str(&all), NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	strbuf_free(&all);
}

TEST(overview_reads_a_tally_when_there_is_one_else_the_records)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", crimes_csv);
	free(import_one(path, NULL));
	/* The import leaves the tally by no field, the smallest, which the overview reads. */
	CHECK_QUERY("SELECT kind, year, month, n FROM tally ORDER BY year, month",
		    "crime|2021|5|3;crime|2022|6|1");
	char *got = overview();
	CHECK_STR(got, "crime 2021 3\ncrime 2022 1\n");
	free(got);
	/* A tally, not the records, answers: ten times every count shows it. */
	each_tally("UPDATE \"", "\" SET n = n * 10;");
	got = overview();
	CHECK_STR(got, "crime 2021 30\ncrime 2022 10\n");
	free(got);
	each_tally("DROP TABLE \"", "\";");
	got = overview();
	CHECK_STR(got, "crime 2021 3\ncrime 2022 1\n");
	free(got);
	free(path);
}

TEST(cache_of_a_newer_version_is_refused)
{
	fresh_dir();
	char *path = write_csv("crimes.csv", "a,b\n1,2\n");
	free(import_one(path, NULL));
	sqlite3 *db;
	sqlite3_open(db_path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	struct cache *cache;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_READ, &cache, &error), STATUS_CACHE_TOO_NEW);
	CHECK(strstr(strbuf_str(&error), "was made by a newer crimeview (cache schema 99; this one "
					 "reads 3): import the files again with --rebuild") != NULL);
	strbuf_free(&error);
	free(path);
}

TEST(database_of_another_program_is_refused)
{
	fresh_dir();
	sqlite3 *db;
	sqlite3_open(db_path, &db);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	struct cache *cache;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_WRITE, &cache, &error), STATUS_NOT_A_CACHE);
	CHECK(strstr(strbuf_str(&error), "is not a crimeview cache") != NULL);
	strbuf_free(&error);
}

TEST(text_file_as_cache_is_refused)
{
	fresh_dir();
	FILE *f = fopen(db_path, "w");
	fputs("Crime Reference,Date\nthis is a CSV, not a cache, and long enough to be read\n", f);
	fclose(f);
	struct cache *cache;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_READ, &cache, &error), STATUS_NOT_A_CACHE);
	strbuf_free(&error);
}

TEST(missing_cache_for_reading_says_how_to_make_one)
{
	fresh_dir();
	struct cache *cache;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_READ, &cache, &error), STATUS_NOT_FOUND);
	CHECK(strstr(strbuf_str(&error), ": import a file first (crimeview import FILE.csv)") != NULL);
	strbuf_free(&error);
}

TEST(directory_given_as_a_file_fails_that_file)
{
	fresh_dir();
	CHECK_IMPORT(dir, NULL, "failed 0/0/0 is a directory, not a CSV file\n");
}

TEST(empty_file_fails_with_a_reason)
{
	fresh_dir();
	char *path = write_csv("empty.csv", "");
	CHECK_IMPORT(path, NULL, "failed 0/0/0 the file is empty: there is no header line\n");
	free(path);
}

/* A CSV of a reference, a date and n - 2 more columns c3.., over two records; the second
 * record leaves every fifth column blank. Caller frees. */
static char *wide_csv(size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_append_str(&sb, "Crime Reference,Recorded Date");
	for (size_t i = 3; i <= n; i++)
		strbuf_appendf(&sb, ",C%zu", i);
	for (int r = 1; r <= 2; r++) {
		strbuf_appendf(&sb, "\nCR/%d,0%d/01/2021", r, r);
		for (size_t i = 3; i <= n; i++)
			if (r == 2 && i % 5 == 0)
				strbuf_append_char(&sb, ',');
			else
				strbuf_appendf(&sb, ",v%d_%zu", r, i);
	}
	strbuf_append_char(&sb, '\n');
	return strbuf_detach(&sb);
}

static void show_value(const struct cache_record_view *view, void *data)
{
	struct strbuf *sb = data;
	for (size_t i = 0; i < view->n_values; i++)
		strbuf_appendf(sb, "%s%s=%s", i ? " " : "", view->values[i].header,
			       view->values[i].value ? view->values[i].value : "-");
}

TEST(fields_beyond_the_column_budget_are_kept_in_field_values)
{
	fresh_dir();
	/* With SQLite's column limit at 110, records has room for 10 field columns (100 are
	 * kept for its own and a query's): C11 to C25 overflow. */
	limit_id = SQLITE_LIMIT_COLUMN;
	limit_value = 110;
	char *csv = wide_csv(25);
	char *path = write_csv("wide.csv", csv);
	CHECK_IMPORT(path, NULL, "done 2/2/0\n");
	CHECK_QUERY("SELECT count(*) FROM pragma_table_info('records') WHERE name GLOB 'f_*'", "10");
	CHECK_QUERY("SELECT group_concat(name) FROM fields WHERE overflow",
		    "c11,c12,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,c24,c25");
	/* Blanks are not stored: 15 values of record 1, 12 of record 2. */
	CHECK_QUERY("SELECT count(*) FROM field_values", "27");
	struct cache *cache;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_READ, &cache, NULL), STATUS_OK);
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;
	CHECK_INT(cache_records_by_ref(cache, "CR/2", show_value, &sb, &n), STATUS_OK);
	CHECK_STR(strbuf_str(&sb),
		  "Crime Reference=CR/2 Recorded Date=02/01/2021 C3=v2_3 C4=v2_4 C5=- C6=v2_6 "
		  "C7=v2_7 C8=v2_8 C9=v2_9 C10=- C11=v2_11 C12=v2_12 C13=v2_13 C14=v2_14 C15=- "
		  "C16=v2_16 C17=v2_17 C18=v2_18 C19=v2_19 C20=- C21=v2_21 C22=v2_22 C23=v2_23 "
		  "C24=v2_24 C25=-");
	struct cache_field_info *fields;
	CHECK_INT(cache_fields_list(cache, true, &fields, &n), STATUS_OK);
	CHECK_INT(n, 25);
	if (n == 25) {
		CHECK_STR(fields[24].name, "c25");
		CHECK_INT(fields[24].n_distinct, 1);
		CHECK_INT(fields[24].n_blank, 1);
		CHECK_INT(fields[23].n_distinct, 2);
	}
	cache_fields_free(fields, n);
	cache_close(cache);
	/* A changed file takes its overflow values with it. */
	free(csv);
	csv = wide_csv(12);
	free(path);
	path = write_csv("wide.csv", csv);
	CHECK_IMPORT(path, NULL, "done 2/2/0\n");
	CHECK_QUERY("SELECT count(*) FROM field_values", "4");
	limit_id = -1;
	strbuf_free(&sb);
	free(csv);
	free(path);
}

/* The first row of sql on db, columns joined by '|' (caller frees). */
static char *query_on(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return xstrdup(sqlite3_errmsg(db));
	struct strbuf sb = STRBUF_INIT;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(stmt); i++) {
			const char *t = (const char *)sqlite3_column_text(stmt, i);
			strbuf_appendf(&sb, "%s%s", i ? "|" : "", t ? t : "NULL");
		}
	sqlite3_finalize(stmt);
	return strbuf_detach(&sb);
}

TEST(notes_indexed_aside_are_found_on_the_importing_connection_and_after)
{
	fresh_dir();
	/* More than a batch of rows, so the notes index is built aside while they are
	 * written and put in place at the end. */
	struct strbuf csv = STRBUF_INIT;
	strbuf_append_str(&csv, "Crime Reference,Recorded Date,Notes\n");
	for (int i = 0; i < 5000; i++)
		strbuf_appendf(&csv, "CR/%d,01/01/2021,note %s %d\n", i, i % 100 ? "plain" : "deep fake", i);
	char *path = write_csv("crimes.csv", csv.data);
	struct cache *cache;
	struct strbuf error = STRBUF_INIT;
	CHECK_INT(cache_open(db_path, CACHE_OPEN_WRITE, &cache, &error), STATUS_OK);
	struct import_options options = {0};
	struct import_callbacks callbacks = {0};
	struct import_totals totals;
	const char *paths[] = {path};
	CHECK_INT(import_files(cache, paths, 1, &options, &callbacks, &totals, &error), STATUS_OK);
	char *got = query_on(cache_db(cache), "SELECT count(*), min(rowid), max(rowid) FROM notes_fts"
					      " WHERE notes_fts MATCH 'deep AND fake'");
	CHECK_STR(got, "50|1|4901");
	free(got);
	cache_close(cache);
	CHECK_QUERY("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'plain AND 4999'",
		    "1");
	CHECK_QUERY("SELECT k || '=' || v FROM notes_fts_config WHERE k <> 'version' ORDER BY k",
		    "automerge=8;hashsize=16777216");
	CHECK_NOTES_INDEX();
	/* The next import indexes as it goes, into the index put in place. */
	free(write_csv("more.csv", "Crime Reference,Recorded Date,Notes\nX/1,02/01/2021,deepfake video\n"));
	char *more = xstrdup(path);
	strcpy(strrchr(more, '/') + 1, "more.csv");
	free(import_one(more, NULL));
	CHECK_QUERY("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'deep* OR deepfake'", "51");
	CHECK_NOTES_INDEX();
	strbuf_free(&error);
	strbuf_free(&csv);
	free(more);
	free(path);
}

TEST(a_file_read_twice_in_a_first_import_is_indexed_once)
{
	fresh_dir();
	/* The second reading forgets the first, which an index aside cannot: the notes are
	 * indexed from their table instead. */
	char *path = write_csv("a.csv", "Crime Reference,Recorded Date,Notes\nA/1,01/01/2021,only once\n");
	const char *paths[] = {path, path};
	struct import_options options = {.force = true};
	char *log = import_many(paths, 2, &options);
	CHECK_STR(log, "done 1/1/0\ndone 1/1/0\n");
	free(log);
	/* The second reading took the first one's id again. */
	CHECK_QUERY("SELECT count(*) || ' ' || max(rowid) FROM notes_fts WHERE notes_fts MATCH 'once'",
		    "1 1");
	CHECK_NOTES_INDEX();
	free(path);
}

TEST(file_the_cache_cannot_hold_fails_alone)
{
	fresh_dir();
	/* SQLite refuses a value longer than its length limit: the file with one fails with
	 * SQLite's word for it, and the files around it are imported. Its first batch was
	 * written and its notes indexed aside before the refusal: they go with it. */
	limit_id = SQLITE_LIMIT_LENGTH;
	limit_value = 1000;
	struct strbuf big = STRBUF_INIT;
	strbuf_append_str(&big, "Crime Reference,Recorded Date,Notes\n");
	for (int i = 0; i < 3000; i++)
		strbuf_appendf(&big, "B/%d,01/01/2021,vanished words\n", i);
	strbuf_append_str(&big, "B/x,01/01/2021,");
	for (int i = 0; i < 1500; i++)
		strbuf_append_char(&big, 'x');
	strbuf_append_str(&big, "\n");
	char *paths[3] = {
		write_csv("a.csv", "Crime Reference,Recorded Date,Notes\nA/1,01/01/2021,kept alpha\n"),
		write_csv("big.csv", big.data),
		write_csv("c.csv", "Crime Reference,Recorded Date,Notes\nC/1,13/01/2021,kept gamma\n")};
	char *log = import_many((const char *const *)paths, 3, NULL);
	CHECK_STR(log, "done 1/1/0\nfailed 3001/3000/0 cannot write to the cache: string or blob too big\n"
		       "done 1/1/0\n");
	free(log);
	limit_id = -1;
	CHECK_QUERY("SELECT group_concat(ref) FROM records", "A/1,C/1");
	CHECK_QUERY("SELECT count(*) FROM files", "2");
	CHECK_QUERY("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'vanished'", "0");
	CHECK_QUERY("SELECT group_concat(r.ref) FROM notes_fts JOIN records r ON r.id = notes_fts.rowid"
		    " WHERE notes_fts MATCH 'kept'",
		    "A/1,C/1");
	CHECK_NOTES_INDEX();
	for (int i = 0; i < 3; i++)
		free(paths[i]);
	strbuf_free(&big);
}

TAP_MAIN(new_cache_is_private, every_row_is_imported_or_rejected_with_line_and_cause,
	 duplicate_rows_are_kept, roles_and_kind_come_from_the_headers,
	 dates_become_iso_and_period_parts, field_types_are_detected,
	 notes_search_folds_case_hyphens_and_line_breaks, notes_search_ignores_accents,
	 unchanged_file_is_not_read_again,
	 touched_file_with_the_same_bytes_is_unchanged, changed_file_replaces_its_own_records_only,
	 force_imports_an_unchanged_file_again_without_doubling,
	 month_first_file_is_detected_and_read_again, file_of_only_ambiguous_dates_is_reported,
	 date_format_option_forces_the_order, zoned_times_count_in_uk_local_time,
	 month_precision_dates_have_no_day,
	 rows_without_the_reference_their_kind_comes_from_count_as_neither,
	 role_options_override_the_headers,
	 unknown_role_column_fails_the_file_with_the_columns_listed, kind_column_sets_each_record,
	 fields_list_counts_distinct_values_and_blanks,
	 fields_beyond_the_column_budget_are_kept_in_field_values,
	 notes_indexed_aside_are_found_on_the_importing_connection_and_after,
	 a_file_read_twice_in_a_first_import_is_indexed_once,
	 file_the_cache_cannot_hold_fails_alone,
	 records_by_reference_show_every_field_in_file_order,
	 overview_reads_a_tally_when_there_is_one_else_the_records, cache_of_a_newer_version_is_refused,
	 database_of_another_program_is_refused, text_file_as_cache_is_refused,
	 missing_cache_for_reading_says_how_to_make_one, directory_given_as_a_file_fails_that_file,
	 empty_file_fails_with_a_reason)
