/*
 * test_render.c - tables as text, tsv, csv, Markdown and JSON, and the method note.
 *
 * The pivots are built by hand and mirror the tables of the seed disclosures (the
 * deepfake FOI, the cyber-enabled crime FOI, the CEOP referral report), so each test
 * states, in full, the output an FOI officer would paste.
 */
#include "crimeview/render.h"
#include "tap.h"

/*
 * Fixtures and expected outputs are laid out by hand: a record or an output line to a
 * source line, continued by one tab, which clang-format would turn into spaces.
 */
/* clang-format off */
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define COUNT(x) {.value = (x), .state = PIVOT_CELL_SHOWN, .n_records = (x)}
#define VALUE(x) {.value = (x), .state = PIVOT_CELL_SHOWN}
#define HIDDEN(x) {.value = (x), .state = PIVOT_CELL_SUPPRESSED, .n_records = (x)}
#define SECOND(x) {.value = (x), .state = PIVOT_CELL_SECONDARY, .n_records = (x)}
#define EMPTY {.state = PIVOT_CELL_EMPTY}

/* ---- fixtures ---- */

/* Seed: deepfake FOI, question 1, crimes per year (rows are periods, one count). */
static struct pivot_column number_column[] = {
	{.label = "Number", .value_kind = PIVOT_VALUE_COUNT},
};
static struct pivot_cell year_cells[][1] = {{COUNT(1)}, {COUNT(1)}, {COUNT(5)}, {COUNT(1)}};
static struct pivot_cell year_total[] = {COUNT(8)};
static struct pivot_row year_rows[] = {
	{.labels = {"2021"}, .cells = year_cells[0]},
	{.labels = {"2022"}, .cells = year_cells[1]},
	{.labels = {"2023"}, .cells = year_cells[2]},
	{.labels = {"2024"}, .cut = "Jan-Feb", .cells = year_cells[3]},
};

static struct pivot deepfake_years(void)
{
	return (struct pivot){
		.row_titles = {"Year"},
		.n_row_levels = 1,
		.columns = number_column,
		.n_columns = N_OF(number_column),
		.rows = year_rows,
		.n_rows = N_OF(year_rows),
		.total = {.labels = {"Total"}, .cells = year_total},
		.n_records = 8,
	};
}

/* Seed: deepfake FOI, question 2, offences by year with a Total column. */
static struct pivot_column deepfake_years_columns[] = {
	{.label = "2021", .value_kind = PIVOT_VALUE_COUNT},
	{.label = "2022", .value_kind = PIVOT_VALUE_COUNT},
	{.label = "2023", .value_kind = PIVOT_VALUE_COUNT},
	{.label = "2024", .cut = "Jan-Feb", .value_kind = PIVOT_VALUE_COUNT},
};
static struct pivot_cell offence_cells[][5] = {
	{COUNT(1), COUNT(0), COUNT(2), COUNT(0), COUNT(3)},
	{COUNT(0), COUNT(1), COUNT(2), COUNT(0), COUNT(3)},
	{COUNT(0), COUNT(0), COUNT(0), COUNT(1), COUNT(1)},
	{COUNT(0), COUNT(0), COUNT(1), COUNT(0), COUNT(1)},
};
static struct pivot_cell offence_total[] = {COUNT(1), COUNT(1), COUNT(5), COUNT(1), COUNT(8)};
static struct pivot_row offence_rows[] = {
	{.labels = {"Blackmail"}, .cells = offence_cells[0]},
	{.labels = {"Harassment"}, .cells = offence_cells[1]},
	{.labels = {"Harassment - Stalking involving serious alarm/distress"},
	 .cells = offence_cells[2]},
	{.labels = {"Sending letters etc with intent to cause distress or anxiety"},
	 .cells = offence_cells[3]},
};

static struct pivot deepfake_offences(void)
{
	return (struct pivot){
		.row_titles = {"Offence Title"},
		.n_row_levels = 1,
		.column_title = "Year",
		.columns = deepfake_years_columns,
		.n_columns = N_OF(deepfake_years_columns),
		.has_total_column = true,
		.rows = offence_rows,
		.n_rows = N_OF(offence_rows),
		.total = {.labels = {"Total"}, .cells = offence_total},
		.n_records = 8,
	};
}

/* Seed: deepfake FOI, question 3, outcomes under each offence, with subtotals. */
#define NO_SUSPECT "Investigation Complete: No suspect identified"
#define STALKING "Harassment - Stalking involving serious alarm/distress"
#define LETTERS "Sending letters etc with intent to cause distress or anxiety"
static struct pivot_cell outcome_cells[][5] = {
	{COUNT(1), COUNT(0), COUNT(2), COUNT(0), COUNT(3)},
	{COUNT(0), COUNT(0), COUNT(2), COUNT(0), COUNT(2)},
	{COUNT(1), COUNT(0), COUNT(0), COUNT(0), COUNT(1)},
	{COUNT(0), COUNT(1), COUNT(2), COUNT(0), COUNT(3)},
	{COUNT(0), COUNT(1), COUNT(2), COUNT(0), COUNT(3)},
	{COUNT(0), COUNT(0), COUNT(0), COUNT(1), COUNT(1)},
	{COUNT(0), COUNT(0), COUNT(0), COUNT(1), COUNT(1)},
	{COUNT(0), COUNT(0), COUNT(1), COUNT(0), COUNT(1)},
	{COUNT(0), COUNT(0), COUNT(1), COUNT(0), COUNT(1)},
};
static struct pivot_row outcome_rows[] = {
	{.labels = {"Blackmail"}, .cells = outcome_cells[0]},
	{.labels = {"Blackmail", NO_SUSPECT}, .level = 1, .cells = outcome_cells[1]},
	{.labels = {"Blackmail", "Named Suspect identified: evidential difficulties prevent "
				 "further action (no victim support)"},
	 .level = 1,
	 .cells = outcome_cells[2]},
	{.labels = {"Harassment"}, .cells = outcome_cells[3]},
	{.labels = {"Harassment", NO_SUSPECT}, .level = 1, .cells = outcome_cells[4]},
	{.labels = {STALKING}, .cells = outcome_cells[5]},
	{.labels = {STALKING, "Not Recorded"}, .level = 1, .cells = outcome_cells[6]},
	{.labels = {LETTERS}, .cells = outcome_cells[7]},
	/* No level-0 label of its own: the renderer takes the one of the row above. */
	{.labels = {NULL, NO_SUSPECT}, .level = 1, .cells = outcome_cells[8]},
};

static struct pivot deepfake_outcomes(void)
{
	return (struct pivot){
		.row_titles = {"Offence Title", "Outcome Description"},
		.n_row_levels = 2,
		.column_title = "Year",
		.columns = deepfake_years_columns,
		.n_columns = N_OF(deepfake_years_columns),
		.has_total_column = true,
		.rows = outcome_rows,
		.n_rows = N_OF(outcome_rows),
		.total = {.labels = {"Total"}, .cells = offence_total},
		.n_records = 8,
	};
}

/* Seed: CEOP referrals per year: count, average, shortest and longest days. */
static struct pivot_column ceop_columns[] = {
	{.label = "Number", .value_kind = PIVOT_VALUE_COUNT},
	{.label = "Average", .value_kind = PIVOT_VALUE_DECIMAL},
	{.label = "Shortest", .value_kind = PIVOT_VALUE_NUMBER},
	{.label = "Longest", .value_kind = PIVOT_VALUE_NUMBER},
};
static struct pivot_cell ceop_cells[][4] = {
	{COUNT(161), VALUE(4.97), VALUE(1), VALUE(46)},
	{COUNT(107), VALUE(2.25), VALUE(1), VALUE(18)},
	{COUNT(190), VALUE(3.04), VALUE(1), VALUE(43)},
	{COUNT(205), VALUE(2.96), VALUE(1), VALUE(41)},
	{COUNT(242), VALUE(2.15), VALUE(1), VALUE(76)},
};
static struct pivot_cell ceop_total[] = {COUNT(905), VALUE(2.97), VALUE(1), VALUE(76)};
static struct pivot_row ceop_rows[] = {
	{.labels = {"2013"}, .cells = ceop_cells[0]},
	{.labels = {"2014"}, .cells = ceop_cells[1]},
	{.labels = {"2015"}, .cells = ceop_cells[2]},
	{.labels = {"2016"}, .cells = ceop_cells[3]},
	{.labels = {"2017"}, .cut = "Jan-Sep", .cells = ceop_cells[4]},
};

static struct pivot ceop(void)
{
	return (struct pivot){
		.row_titles = {"Year"},
		.n_row_levels = 1,
		.columns = ceop_columns,
		.n_columns = N_OF(ceop_columns),
		.rows = ceop_rows,
		.n_rows = N_OF(ceop_rows),
		.total = {.labels = {"Total"}, .cells = ceop_total},
		.n_records = 905,
	};
}

/* Seed: cyber-enabled crime FOI, table 1 (two of its rows): thousands separators. */
static struct pivot_column cyber_columns[] = {
	{.label = "2017", .value_kind = PIVOT_VALUE_COUNT},
	{.label = "2018", .value_kind = PIVOT_VALUE_COUNT},
	{.label = "2019", .cut = "Jan-Jul", .value_kind = PIVOT_VALUE_COUNT},
};
static struct pivot_cell cyber_cells[][4] = {
	{COUNT(132), COUNT(411), COUNT(452), COUNT(995)},
	{COUNT(365), COUNT(672), COUNT(624), COUNT(1661)},
};
static struct pivot_cell cyber_total[] = {COUNT(497), COUNT(1083), COUNT(1076), COUNT(2656)};
static struct pivot_row cyber_rows[] = {
	{.labels = {"Harassment"}, .cells = cyber_cells[0]},
	{.labels = {"Send Communication/Article Conveying A Threatening Message"},
	 .cells = cyber_cells[1]},
};

static struct pivot cyber(void)
{
	return (struct pivot){
		.row_titles = {"Offence Title"},
		.n_row_levels = 1,
		.column_title = "Year",
		.columns = cyber_columns,
		.n_columns = N_OF(cyber_columns),
		.has_total_column = true,
		.rows = cyber_rows,
		.n_rows = N_OF(cyber_rows),
		.total = {.labels = {"Total"}, .cells = cyber_total},
		.n_records = 2656,
	};
}

/* Seed: cyber-enabled crime FOI, table 4, with --suppress 5. */
static struct pivot_cell platform_cells[][3] = {
	{COUNT(12), HIDDEN(3), COUNT(15)},
	{HIDDEN(2), SECOND(6), COUNT(8)},
	{COUNT(7), COUNT(9), COUNT(16)},
};
static struct pivot_cell platform_total[] = {COUNT(21), COUNT(18), COUNT(39)};
static struct pivot_row platform_rows[] = {
	{.labels = {"Facebook"}, .cells = platform_cells[0]},
	{.labels = {"Snapchat"}, .cells = platform_cells[1]},
	{.labels = {"Twitter"}, .cells = platform_cells[2]},
};

static struct pivot platforms(void)
{
	return (struct pivot){
		.row_titles = {"Platform"},
		.n_row_levels = 1,
		.column_title = "Year",
		.columns = cyber_columns,
		.n_columns = 2,
		.has_total_column = true,
		.rows = platform_rows,
		.n_rows = N_OF(platform_rows),
		.total = {.labels = {"Total"}, .cells = platform_total},
		.suppress = 5,
		.n_records = 39,
	};
}

/* Labels that try to break each format: a tab, quotes and a comma, a pipe and a
 * backslash, an escape sequence, a line break; then a wide (CJK) one. */
static struct pivot_column one_column[] = {
	{.label = "2023", .value_kind = PIVOT_VALUE_COUNT},
};
static struct pivot_cell tricky_cells[][2] = {
	{COUNT(1), COUNT(1)}, {COUNT(2), COUNT(2)}, {COUNT(3), COUNT(3)},
	{COUNT(4), COUNT(4)}, {COUNT(5), COUNT(5)},
};
static struct pivot_cell tricky_total[] = {COUNT(15), COUNT(15)};
static struct pivot_row tricky_rows[] = {
	{.labels = {"Tab\there"}, .cells = tricky_cells[0]},
	{.labels = {"Say \"hi\", then go"}, .cells = tricky_cells[1]},
	{.labels = {"A|B\\C"}, .cells = tricky_cells[2]},
	{.labels = {"\x1b[31mred"}, .cells = tricky_cells[3]},
	{.labels = {"two\nlines"}, .cells = tricky_cells[4]},
};

static struct pivot tricky(void)
{
	return (struct pivot){
		.row_titles = {"Offence \"Title\""},
		.n_row_levels = 1,
		.column_title = "Year",
		.columns = one_column,
		.n_columns = 1,
		.has_total_column = true,
		.rows = tricky_rows,
		.n_rows = N_OF(tricky_rows),
		.total = {.labels = {"Total"}, .cells = tricky_total},
		.n_records = 15,
	};
}

static struct pivot_cell wide_cells[][2] = {{COUNT(3), COUNT(3)}, {COUNT(12), COUNT(12)}};
static struct pivot_cell wide_total[] = {COUNT(15), COUNT(15)};
static struct pivot_row wide_rows[] = {
	/* 東京都, Tokyo Metropolis: three characters, six columns */
	{.labels = {"\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd"}, .cells = wide_cells[0]},
	{.labels = {"Tokyo"}, .cells = wide_cells[1]},
};

static struct pivot wide(void)
{
	return (struct pivot){
		.row_titles = {"City"},
		.n_row_levels = 1,
		.column_title = "Year",
		.columns = one_column,
		.n_columns = 1,
		.has_total_column = true,
		.rows = wide_rows,
		.n_rows = N_OF(wide_rows),
		.total = {.labels = {"Total"}, .cells = wide_total},
		.n_records = 15,
	};
}

/* The filters and files of the deepfake request, for the note and the JSON. */
static struct where_term deepfake_where[] = {
	{.field = "offence_title", .op = WHERE_EQUALS, .value = "Blackmail"},
	{.field = "internet_enabled", .op = WHERE_EQUALS, .value = "Y"},
	{.field = "Offence Title", .op = WHERE_EQUALS, .value = "Harassment"},
	{.field = "victim_age", .op = WHERE_AT_LEAST, .value = "16"},
};
static const struct render_source_file deepfake_files[] = {
	{.path = "exports/crimes-2019-2024.csv",
	 .imported_at = "2026-11-22T10:15:00Z",
	 .rows_imported = 9934,
	 .mtime = "2026-11-20T08:00:00Z"},
};

static struct table_spec deepfake_spec(void)
{
	return (struct table_spec){
		.filters = {.kind = QUERY_KIND_CRIME,
			    .from = "2019-02-01",
			    .to = "2024-02-29",
			    .match = "deepfake* OR \"deep fake*\""},
		.rows = {"period"},
		.n_rows = 1,
		.period = {.kind = PERIOD_YEAR, .start_month = 1},
	};
}

static struct render_method method_for(const struct table_spec *spec)
{
	return (struct render_method){
		.spec = spec,
		.files = deepfake_files,
		.n_files = N_OF(deepfake_files),
		.made_at = "2026-11-22 10:15 UTC",
		.version = "crimeview 0.1.0",
	};
}

/* The pivot in format, with method (may be NULL). Caller frees. */
static char *rendered(const struct pivot *pivot, enum render_format format,
		      const struct render_method *method)
{
	struct strbuf out = STRBUF_INIT;
	render_pivot(pivot, format, method, &out);
	return strbuf_detach(&out);
}

static char *note(const struct pivot *pivot, const struct render_method *method, bool markdown)
{
	struct strbuf out = STRBUF_INIT;
	render_method_note(pivot, method, markdown, &out);
	return strbuf_detach(&out);
}

#define CHECK_RENDERED(pivot, format, method, want) \
	do { \
		char *got_ = rendered((pivot), (format), (method)); \
		CHECK_STR(got_, want); \
		free(got_); \
	} while (0)

/* Values of each kind: rounding, decimals, empty, negative, grouping. */
static struct pivot_column value_columns[] = {
	{.label = "Count", .value_kind = PIVOT_VALUE_COUNT},
	{.label = "Average", .value_kind = PIVOT_VALUE_DECIMAL},
	{.label = "Sum", .value_kind = PIVOT_VALUE_NUMBER},
};
static struct pivot_cell value_cells[][3] = {
	{COUNT(1234567), VALUE(-1234.56), VALUE(12.5)},
	{COUNT(0), EMPTY, VALUE(-0.04)},
	{COUNT(3), VALUE(-0.04), VALUE(2.96)},
};
static struct pivot_cell value_total[] = {COUNT(1234570), VALUE(0.05), VALUE(46)};
static struct pivot_row value_rows[] = {
	{.labels = {"Many"}, .cells = value_cells[0]},
	{.labels = {"(blank)"}, .blank = {true}, .cells = value_cells[1]},
	{.labels = {"Few"}, .cells = value_cells[2]},
};

static struct pivot values(void)
{
	return (struct pivot){
		.row_titles = {"Station"},
		.n_row_levels = 1,
		.columns = value_columns,
		.n_columns = N_OF(value_columns),
		.rows = value_rows,
		.n_rows = N_OF(value_rows),
		.total = {.labels = {"Total"}, .cells = value_total},
		.n_records = 1234570,
	};
}

/* A table of nothing: no record matched. */
static struct pivot_cell nothing_total[] = {COUNT(0), COUNT(0), COUNT(0)};

static struct pivot nothing(void)
{
	return (struct pivot){
		.row_titles = {"Offence Title"},
		.n_row_levels = 1,
		.column_title = "Year",
		.columns = cyber_columns,
		.n_columns = 2,
		.has_total_column = true,
		.total = {.labels = {"Total"}, .cells = nothing_total},
	};
}

/* The CEOP request: measures over days between two dates, periods as rows. */
static const struct measure_spec ceop_measures[] = {
	{.kind = MEASURE_COUNT},
	{.kind = MEASURE_AVG, .days = true, .date_a = "date_received", .date_b = "date_actioned"},
	{.kind = MEASURE_MIN, .days = true, .date_a = "date_received", .date_b = "date_actioned"},
	{.kind = MEASURE_MAX, .days = true, .date_a = "date_received", .date_b = "date_actioned"},
};

static struct table_spec ceop_spec(void)
{
	return (struct table_spec){
		.filters = {.kind = QUERY_KIND_ANY, .from = "2013-01-01", .to = "2017-09-30"},
		.rows = {"period"},
		.n_rows = 1,
		.period = {.kind = PERIOD_YEAR, .start_month = 1},
		.measures = ceop_measures,
		.n_measures = N_OF(ceop_measures),
	};
}

/* The cyber-enabled request: two levels of rows, bands, refs, a financial year. */
static double age_edges[] = {16, 18};
static const struct band_spec age_band[] = {
	{.field = "victim_age", .edges = age_edges, .n_edges = 2},
};
static struct where_term cyber_where[] = {
	{.field = "internet_enabled", .op = WHERE_EQUALS, .value = "Y"},
	{.field = "Platform", .op = WHERE_BLANK, .value = ""},
	{.field = "platform", .op = WHERE_EQUALS, .value = "Facebook"},
	{.field = "notes_summary", .op = WHERE_CONTAINS, .value = "fake account"},
	{.field = "victim_age", .op = WHERE_AT_MOST, .value = "18"},
	{.field = "Victim Age", .op = WHERE_AT_LEAST, .value = "10"},
};

static struct table_spec cyber_spec(void)
{
	return (struct table_spec){
		.filters = {.kind = QUERY_KIND_ANY,
			    .from = "2017-04-01",
			    .where = cyber_where,
			    .n_where = N_OF(cyber_where)},
		.rows = {"offence_title", "outcome"},
		.n_rows = 2,
		.cols = "period",
		.period = {.kind = PERIOD_YEAR, .start_month = 4},
		.bands = age_band,
		.n_bands = 1,
		.count_refs = true,
		.suppress = 5,
		.sort = SORT_TOTAL,
	};
}

/* ---- tables ---- */

TEST(text_years_mark_the_cut_period)
{
	struct pivot pivot = deepfake_years();
	const char *want =
		"Year            Number\n"
		"2021                 1\n"
		"2022                 1\n"
		"2023                 5\n"
		"2024 (Jan-Feb)       1\n"
		"Total                8\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(text_ends_with_the_method_note)
{
	struct pivot pivot = deepfake_years();
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	const char *want =
		"Year            Number\n"
		"2021                 1\n"
		"2022                 1\n"
		"2023                 5\n"
		"2024 (Jan-Feb)       1\n"
		"Total                8\n"
		"\n"
		"Method\n"
		"Kind: crimes\n"
		"Dates: 2019-02-01 to 2024-02-29 (inclusive, by the date field of each "
		"file)\n"
		"Notes search: deepfake* OR \"deep fake*\"\n"
		"Where: none\n"
		"Rows: Year\n"
		"Columns: Number\n"
		"Period: calendar year (January to December); 2024 covers Jan-Feb only\n"
		"Counting: records (one per row of the export)\n"
		"Suppression: none\n"
		"Records matched: 8\n"
		"Source: exports/crimes-2019-2024.csv (imported 2026-11-22T10:15:00Z, 9,934 "
		"records; file modified 2026-11-20T08:00:00Z)\n"
		"Made: 2026-11-22 10:15 UTC by crimeview 0.1.0\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, &method, want);
}

TEST(md_ends_with_the_method_as_bullets)
{
	struct pivot pivot = deepfake_years();
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	const char *want =
		"| Year           | Number |\n"
		"| -------------- | -----: |\n"
		"| 2021           |      1 |\n"
		"| 2022           |      1 |\n"
		"| 2023           |      5 |\n"
		"| 2024 (Jan-Feb) |      1 |\n"
		"| **Total**      |  **8** |\n"
		"\n"
		"**Method**\n"
		"\n"
		"- Kind: crimes\n"
		"- Dates: 2019-02-01 to 2024-02-29 (inclusive, by the date field of each "
		"file)\n"
		"- Notes search: deepfake* OR \"deep fake*\"\n"
		"- Where: none\n"
		"- Rows: Year\n"
		"- Columns: Number\n"
		"- Period: calendar year (January to December); 2024 covers Jan-Feb only\n"
		"- Counting: records (one per row of the export)\n"
		"- Suppression: none\n"
		"- Records matched: 8\n"
		"- Source: exports/crimes-2019-2024.csv (imported 2026-11-22T10:15:00Z, "
		"9,934 records; file modified 2026-11-20T08:00:00Z)\n"
		"- Made: 2026-11-22 10:15 UTC by crimeview 0.1.0\n";
	CHECK_RENDERED(&pivot, RENDER_MD, &method, want);
}

TEST(json_holds_query_table_and_method)
{
	struct pivot pivot = deepfake_years();
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	const char *want =
		"{\n"
		"  \"query\": {\"kind\": \"crime\", \"from\": \"2019-02-01\", \"to\": "
		"\"2024-02-29\", \"match\": \"deepfake* OR \\\"deep fake*\\\"\", \"where\": "
		"[], \"rows\": [\"period\"], \"cols\": null, \"period\": \"year\", "
		"\"count\": \"rows\", \"measures\": [], \"bands\": [], \"suppress\": 0, "
		"\"sort\": \"label\"},\n"
		"  \"row_titles\": [\"Year\"],\n"
		"  \"column_title\": null,\n"
		"  \"columns\": [{\"label\": \"Number\", \"cut\": null}],\n"
		"  \"rows\": [\n"
		"    {\"labels\": [\"2021\"], \"level\": 0, \"cells\": [1]},\n"
		"    {\"labels\": [\"2022\"], \"level\": 0, \"cells\": [1]},\n"
		"    {\"labels\": [\"2023\"], \"level\": 0, \"cells\": [5]},\n"
		"    {\"labels\": [\"2024\"], \"cut\": \"Jan-Feb\", \"level\": 0, \"cells\": "
		"[1]}\n"
		"  ],\n"
		"  \"total\": {\"label\": \"Total\", \"cells\": [8]},\n"
		"  \"records\": 8,\n"
		"  \"method\": {\"files\": [{\"path\": \"exports/crimes-2019-2024.csv\", "
		"\"imported_at\": \"2026-11-22T10:15:00Z\", \"records\": 9934, \"mtime\": "
		"\"2026-11-20T08:00:00Z\"}], \"made_at\": \"2026-11-22 10:15 UTC\", "
		"\"version\": \"crimeview 0.1.0\"}\n"
		"}\n";
	CHECK_RENDERED(&pivot, RENDER_JSON, &method, want);
}

TEST(text_offences_have_a_total_column)
{
	struct pivot pivot = deepfake_offences();
	const char *want =
		"Offence Title                                                 2021  2022  "
		"2023  2024 (Jan-Feb)  Total\n"
		"Blackmail                                                        1     0    "
		" 2               0      3\n"
		"Harassment                                                       0     1    "
		" 2               0      3\n"
		"Harassment - Stalking involving serious alarm/distress           0     0    "
		" 0               1      1\n"
		"Sending letters etc with intent to cause distress or anxiety     0     0    "
		" 1               0      1\n"
		"Total                                                            1     1    "
		" 5               1      8\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(tsv_has_plain_period_labels_and_no_note)
{
	struct pivot pivot = deepfake_offences();
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	const char *want =
		"Offence Title\t2021\t2022\t2023\t2024\tTotal\n"
		"Blackmail\t1\t0\t2\t0\t3\n"
		"Harassment\t0\t1\t2\t0\t3\n"
		"Harassment - Stalking involving serious alarm/distress\t0\t0\t0\t1\t1\n"
		"Sending letters etc with intent to cause distress or "
		"anxiety\t0\t0\t1\t0\t1\n"
		"Total\t1\t1\t5\t1\t8\n";
	CHECK_RENDERED(&pivot, RENDER_TSV, &method, want);
}

TEST(csv_lines_end_in_crlf)
{
	struct pivot pivot = deepfake_offences();
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	const char *want =
		"Offence Title,2021,2022,2023,2024,Total\r\n"
		"Blackmail,1,0,2,0,3\r\n"
		"Harassment,0,1,2,0,3\r\n"
		"Harassment - Stalking involving serious alarm/distress,0,0,0,1,1\r\n"
		"Sending letters etc with intent to cause distress or anxiety,0,0,1,0,1\r\n"
		"Total,1,1,5,1,8\r\n";
	CHECK_RENDERED(&pivot, RENDER_CSV, &method, want);
}

TEST(md_right_aligns_numbers_and_bolds_the_total)
{
	struct pivot pivot = deepfake_offences();
	const char *want =
		"| Offence Title                                                |  2021 |  "
		"2022 |  2023 | 2024 (Jan-Feb) | Total |\n"
		"| ------------------------------------------------------------ | ----: | "
		"----: | ----: | -------------: | ----: |\n"
		"| Blackmail                                                    |     1 |    "
		" 0 |     2 |              0 |     3 |\n"
		"| Harassment                                                   |     0 |    "
		" 1 |     2 |              0 |     3 |\n"
		"| Harassment - Stalking involving serious alarm/distress       |     0 |    "
		" 0 |     0 |              1 |     1 |\n"
		"| Sending letters etc with intent to cause distress or anxiety |     0 |    "
		" 0 |     1 |              0 |     1 |\n"
		"| **Total**                                                    | **1** | "
		"**1** | **5** |          **1** | **8** |\n";
	CHECK_RENDERED(&pivot, RENDER_MD, NULL, want);
}

TEST(text_two_levels_indent_outcomes_under_offences)
{
	struct pivot pivot = deepfake_outcomes();
	const char *want =
		"Offence Title / Outcome Description                                         "
		"                    2021  2022  2023  2024 (Jan-Feb)  Total\n"
		"Blackmail                                                                   "
		"                       1     0     2               0      3\n"
		"  Investigation Complete: No suspect identified                             "
		"                       0     0     2               0      2\n"
		"  Named Suspect identified: evidential difficulties prevent further action "
		"(no victim support)     1     0     0               0      1\n"
		"Harassment                                                                  "
		"                       0     1     2               0      3\n"
		"  Investigation Complete: No suspect identified                             "
		"                       0     1     2               0      3\n"
		"Harassment - Stalking involving serious alarm/distress                      "
		"                       0     0     0               1      1\n"
		"  Not Recorded                                                              "
		"                       0     0     0               1      1\n"
		"Sending letters etc with intent to cause distress or anxiety                "
		"                       0     0     1               0      1\n"
		"  Investigation Complete: No suspect identified                             "
		"                       0     0     1               0      1\n"
		"Total                                                                       "
		"                       1     1     5               1      8\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(tsv_two_levels_take_a_column_each)
{
	struct pivot pivot = deepfake_outcomes();
	const char *want =
		"Offence Title\tOutcome Description\t2021\t2022\t2023\t2024\tTotal\n"
		"Blackmail\t\t1\t0\t2\t0\t3\n"
		"Blackmail\tInvestigation Complete: No suspect identified\t0\t0\t2\t0\t2\n"
		"Blackmail\tNamed Suspect identified: evidential difficulties prevent "
		"further action (no victim support)\t1\t0\t0\t0\t1\n"
		"Harassment\t\t0\t1\t2\t0\t3\n"
		"Harassment\tInvestigation Complete: No suspect identified\t0\t1\t2\t0\t3\n"
		"Harassment - Stalking involving serious alarm/distress\t\t0\t0\t0\t1\t1\n"
		"Harassment - Stalking involving serious alarm/distress\tNot "
		"Recorded\t0\t0\t0\t1\t1\n"
		"Sending letters etc with intent to cause distress or "
		"anxiety\t\t0\t0\t1\t0\t1\n"
		"Sending letters etc with intent to cause distress or anxiety\tInvestigation "
		"Complete: No suspect identified\t0\t0\t1\t0\t1\n"
		"Total\t\t1\t1\t5\t1\t8\n";
	CHECK_RENDERED(&pivot, RENDER_TSV, NULL, want);
}

TEST(csv_two_levels_take_a_column_each)
{
	struct pivot pivot = deepfake_outcomes();
	const char *want =
		"Offence Title,Outcome Description,2021,2022,2023,2024,Total\r\n"
		"Blackmail,,1,0,2,0,3\r\n"
		"Blackmail,Investigation Complete: No suspect identified,0,0,2,0,2\r\n"
		"Blackmail,Named Suspect identified: evidential difficulties prevent further "
		"action (no victim support),1,0,0,0,1\r\n"
		"Harassment,,0,1,2,0,3\r\n"
		"Harassment,Investigation Complete: No suspect identified,0,1,2,0,3\r\n"
		"Harassment - Stalking involving serious alarm/distress,,0,0,0,1,1\r\n"
		"Harassment - Stalking involving serious alarm/distress,Not "
		"Recorded,0,0,0,1,1\r\n"
		"Sending letters etc with intent to cause distress or anxiety,,0,0,1,0,1\r\n"
		"Sending letters etc with intent to cause distress or anxiety,Investigation "
		"Complete: No suspect identified,0,0,1,0,1\r\n"
		"Total,,1,1,5,1,8\r\n";
	CHECK_RENDERED(&pivot, RENDER_CSV, NULL, want);
}

TEST(md_two_levels_read_as_groups)
{
	struct pivot pivot = deepfake_outcomes();
	const char *want =
		"| Offence Title                                                | Outcome "
		"Description                                                                 "
		"         |  2021 |  2022 |  2023 | 2024 (Jan-Feb) | Total |\n"
		"| ------------------------------------------------------------ | "
		"----------------------------------------------------------------------------"
		"---------------- | ----: | ----: | ----: | -------------: | ----: |\n"
		"| Blackmail                                                    |            "
		"                                                                            "
		"      |     1 |     0 |     2 |              0 |     3 |\n"
		"|                                                              | "
		"Investigation Complete: No suspect identified                               "
		"                 |     0 |     0 |     2 |              0 |     2 |\n"
		"|                                                              | Named "
		"Suspect identified: evidential difficulties prevent further action (no "
		"victim support) |     1 |     0 |     0 |              0 |     1 |\n"
		"| Harassment                                                   |            "
		"                                                                            "
		"      |     0 |     1 |     2 |              0 |     3 |\n"
		"|                                                              | "
		"Investigation Complete: No suspect identified                               "
		"                 |     0 |     1 |     2 |              0 |     3 |\n"
		"| Harassment - Stalking involving serious alarm/distress       |            "
		"                                                                            "
		"      |     0 |     0 |     0 |              1 |     1 |\n"
		"|                                                              | Not "
		"Recorded                                                                    "
		"             |     0 |     0 |     0 |              1 |     1 |\n"
		"| Sending letters etc with intent to cause distress or anxiety |            "
		"                                                                            "
		"      |     0 |     0 |     1 |              0 |     1 |\n"
		"|                                                              | "
		"Investigation Complete: No suspect identified                               "
		"                 |     0 |     0 |     1 |              0 |     1 |\n"
		"| **Total**                                                    |            "
		"                                                                            "
		"      | **1** | **1** | **5** |          **1** | **8** |\n";
	CHECK_RENDERED(&pivot, RENDER_MD, NULL, want);
}

TEST(json_two_levels_leave_subtotals_a_null_label)
{
	struct pivot pivot = deepfake_outcomes();
	const char *want =
		"{\n"
		"  \"query\": null,\n"
		"  \"row_titles\": [\"Offence Title\", \"Outcome Description\"],\n"
		"  \"column_title\": \"Year\",\n"
		"  \"columns\": [{\"label\": \"2021\", \"cut\": null}, {\"label\": \"2022\", "
		"\"cut\": null}, {\"label\": \"2023\", \"cut\": null}, {\"label\": \"2024\", "
		"\"cut\": \"Jan-Feb\"}],\n"
		"  \"rows\": [\n"
		"    {\"labels\": [\"Blackmail\", null], \"level\": 0, \"cells\": [1, 0, 2, "
		"0], \"total\": 3},\n"
		"    {\"labels\": [\"Blackmail\", \"Investigation Complete: No suspect "
		"identified\"], \"level\": 1, \"cells\": [0, 0, 2, 0], \"total\": 2},\n"
		"    {\"labels\": [\"Blackmail\", \"Named Suspect identified: evidential "
		"difficulties prevent further action (no victim support)\"], \"level\": 1, "
		"\"cells\": [1, 0, 0, 0], \"total\": 1},\n"
		"    {\"labels\": [\"Harassment\", null], \"level\": 0, \"cells\": [0, 1, 2, "
		"0], \"total\": 3},\n"
		"    {\"labels\": [\"Harassment\", \"Investigation Complete: No suspect "
		"identified\"], \"level\": 1, \"cells\": [0, 1, 2, 0], \"total\": 3},\n"
		"    {\"labels\": [\"Harassment - Stalking involving serious "
		"alarm/distress\", null], \"level\": 0, \"cells\": [0, 0, 0, 1], \"total\": "
		"1},\n"
		"    {\"labels\": [\"Harassment - Stalking involving serious "
		"alarm/distress\", \"Not Recorded\"], \"level\": 1, \"cells\": [0, 0, 0, 1], "
		"\"total\": 1},\n"
		"    {\"labels\": [\"Sending letters etc with intent to cause distress or "
		"anxiety\", null], \"level\": 0, \"cells\": [0, 0, 1, 0], \"total\": 1},\n"
		"    {\"labels\": [\"Sending letters etc with intent to cause distress or "
		"anxiety\", \"Investigation Complete: No suspect identified\"], \"level\": "
		"1, \"cells\": [0, 0, 1, 0], \"total\": 1}\n"
		"  ],\n"
		"  \"total\": {\"label\": \"Total\", \"cells\": [1, 1, 5, 1], \"total\": "
		"8},\n"
		"  \"records\": 8,\n"
		"  \"method\": null\n"
		"}\n";
	CHECK_RENDERED(&pivot, RENDER_JSON, NULL, want);
}

TEST(text_measures_as_columns_have_no_total_column)
{
	struct pivot pivot = ceop();
	const char *want =
		"Year            Number  Average  Shortest  Longest\n"
		"2013               161      5.0         1       46\n"
		"2014               107      2.3         1       18\n"
		"2015               190      3.0         1       43\n"
		"2016               205      3.0         1       41\n"
		"2017 (Jan-Sep)     242      2.2         1       76\n"
		"Total              905      3.0         1       76\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(csv_measures_keep_one_decimal_and_plain_labels)
{
	struct pivot pivot = ceop();
	const char *want =
		"Year,Number,Average,Shortest,Longest\r\n"
		"2013,161,5.0,1,46\r\n"
		"2014,107,2.3,1,18\r\n"
		"2015,190,3.0,1,43\r\n"
		"2016,205,3.0,1,41\r\n"
		"2017,242,2.2,1,76\r\n"
		"Total,905,3.0,1,76\r\n";
	CHECK_RENDERED(&pivot, RENDER_CSV, NULL, want);
}

TEST(json_measures_are_numbers)
{
	struct pivot pivot = ceop();
	struct table_spec spec = ceop_spec();
	struct render_method method = method_for(&spec);
	const char *want =
		"{\n"
		"  \"query\": {\"kind\": \"any\", \"from\": \"2013-01-01\", \"to\": "
		"\"2017-09-30\", \"match\": null, \"where\": [], \"rows\": [\"period\"], "
		"\"cols\": null, \"period\": \"year\", \"count\": \"rows\", \"measures\": "
		"[\"count\", \"avg:days(date_received,date_actioned)\", "
		"\"min:days(date_received,date_actioned)\", "
		"\"max:days(date_received,date_actioned)\"], \"bands\": [], \"suppress\": 0, "
		"\"sort\": \"label\"},\n"
		"  \"row_titles\": [\"Year\"],\n"
		"  \"column_title\": null,\n"
		"  \"columns\": [{\"label\": \"Number\", \"cut\": null}, {\"label\": "
		"\"Average\", \"cut\": null}, {\"label\": \"Shortest\", \"cut\": null}, "
		"{\"label\": \"Longest\", \"cut\": null}],\n"
		"  \"rows\": [\n"
		"    {\"labels\": [\"2013\"], \"level\": 0, \"cells\": [161, 5.0, 1, 46]},\n"
		"    {\"labels\": [\"2014\"], \"level\": 0, \"cells\": [107, 2.3, 1, 18]},\n"
		"    {\"labels\": [\"2015\"], \"level\": 0, \"cells\": [190, 3.0, 1, 43]},\n"
		"    {\"labels\": [\"2016\"], \"level\": 0, \"cells\": [205, 3.0, 1, 41]},\n"
		"    {\"labels\": [\"2017\"], \"cut\": \"Jan-Sep\", \"level\": 0, \"cells\": "
		"[242, 2.2, 1, 76]}\n"
		"  ],\n"
		"  \"total\": {\"label\": \"Total\", \"cells\": [905, 3.0, 1, 76]},\n"
		"  \"records\": 905,\n"
		"  \"method\": {\"files\": [{\"path\": \"exports/crimes-2019-2024.csv\", "
		"\"imported_at\": \"2026-11-22T10:15:00Z\", \"records\": 9934, \"mtime\": "
		"\"2026-11-20T08:00:00Z\"}], \"made_at\": \"2026-11-22 10:15 UTC\", "
		"\"version\": \"crimeview 0.1.0\"}\n"
		"}\n";
	CHECK_RENDERED(&pivot, RENDER_JSON, &method, want);
}

TEST(text_counts_have_thousands_separators)
{
	struct pivot pivot = cyber();
	const char *want =
		"Offence Title                                               2017   2018  "
		"2019 (Jan-Jul)  Total\n"
		"Harassment                                                   132    411     "
		"        452    995\n"
		"Send Communication/Article Conveying A Threatening Message   365    672     "
		"        624  1,661\n"
		"Total                                                        497  1,083     "
		"      1,076  2,656\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(tsv_counts_have_no_separators)
{
	struct pivot pivot = cyber();
	const char *want =
		"Offence Title\t2017\t2018\t2019\tTotal\n"
		"Harassment\t132\t411\t452\t995\n"
		"Send Communication/Article Conveying A Threatening "
		"Message\t365\t672\t624\t1661\n"
		"Total\t497\t1083\t1076\t2656\n";
	CHECK_RENDERED(&pivot, RENDER_TSV, NULL, want);
}

TEST(md_counts_have_thousands_separators)
{
	struct pivot pivot = cyber();
	const char *want =
		"| Offence Title                                              |    2017 |    "
		"  2018 | 2019 (Jan-Jul) |     Total |\n"
		"| ---------------------------------------------------------- | ------: | "
		"--------: | -------------: | --------: |\n"
		"| Harassment                                                 |     132 |    "
		"   411 |            452 |       995 |\n"
		"| Send Communication/Article Conveying A Threatening Message |     365 |    "
		"   672 |            624 |     1,661 |\n"
		"| **Total**                                                  | **497** | "
		"**1,083** |      **1,076** | **2,656** |\n";
	CHECK_RENDERED(&pivot, RENDER_MD, NULL, want);
}

TEST(text_suppressed_cells_are_explained)
{
	struct pivot pivot = platforms();
	const char *want =
		"Platform  2017  2018  Total\n"
		"Facebook    12    <5     15\n"
		"Snapchat    <5     *      8\n"
		"Twitter      7     9     16\n"
		"Total       21    18     39\n"
		"\n"
		"Suppression: counts of 1 to 4 are shown as <5; * marks a further cell "
		"hidden so that no hidden count can be worked out from the totals\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(tsv_suppressed_cells_are_marks)
{
	struct pivot pivot = platforms();
	const char *want =
		"Platform\t2017\t2018\tTotal\n"
		"Facebook\t12\t<5\t15\n"
		"Snapchat\t<5\t*\t8\n"
		"Twitter\t7\t9\t16\n"
		"Total\t21\t18\t39\n";
	CHECK_RENDERED(&pivot, RENDER_TSV, NULL, want);
}

TEST(md_suppressed_cells_are_explained)
{
	struct pivot pivot = platforms();
	const char *want =
		"| Platform  |   2017 |   2018 |  Total |\n"
		"| --------- | -----: | -----: | -----: |\n"
		"| Facebook  |     12 |     <5 |     15 |\n"
		"| Snapchat  |     <5 |      * |      8 |\n"
		"| Twitter   |      7 |      9 |     16 |\n"
		"| **Total** | **21** | **18** | **39** |\n"
		"\n"
		"- Suppression: counts of 1 to 4 are shown as <5; * marks a further cell "
		"hidden so that no hidden count can be worked out from the totals\n";
	CHECK_RENDERED(&pivot, RENDER_MD, NULL, want);
}

TEST(json_suppressed_cells_are_objects)
{
	struct pivot pivot = platforms();
	const char *want =
		"{\n"
		"  \"query\": null,\n"
		"  \"row_titles\": [\"Platform\"],\n"
		"  \"column_title\": \"Year\",\n"
		"  \"columns\": [{\"label\": \"2017\", \"cut\": null}, {\"label\": \"2018\", "
		"\"cut\": null}],\n"
		"  \"rows\": [\n"
		"    {\"labels\": [\"Facebook\"], \"level\": 0, \"cells\": [12, "
		"{\"suppressed\": \"<5\"}], \"total\": 15},\n"
		"    {\"labels\": [\"Snapchat\"], \"level\": 0, \"cells\": [{\"suppressed\": "
		"\"<5\"}, {\"suppressed\": \"*\"}], \"total\": 8},\n"
		"    {\"labels\": [\"Twitter\"], \"level\": 0, \"cells\": [7, 9], \"total\": "
		"16}\n"
		"  ],\n"
		"  \"total\": {\"label\": \"Total\", \"cells\": [21, 18], \"total\": 39},\n"
		"  \"records\": 39,\n"
		"  \"method\": null\n"
		"}\n";
	CHECK_RENDERED(&pivot, RENDER_JSON, NULL, want);
}

TEST(text_hostile_labels_are_inert)
{
	struct pivot pivot = tricky();
	const char *want =
		"Offence \"Title\"    2023  Total\n"
		"Tab here              1      1\n"
		"Say \"hi\", then go     2      2\n"
		"A|B\\C                 3      3\n"
		"␛[31mred              4      4\n"
		"two⏎lines             5      5\n"
		"Total                15     15\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(tsv_tabs_and_line_breaks_become_spaces)
{
	struct pivot pivot = tricky();
	const char *want =
		"Offence \"Title\"\t2023\tTotal\n"
		"Tab here\t1\t1\n"
		"Say \"hi\", then go\t2\t2\n"
		"A|B\\C\t3\t3\n"
		"\033[31mred\t4\t4\n"
		"two lines\t5\t5\n"
		"Total\t15\t15\n";
	CHECK_RENDERED(&pivot, RENDER_TSV, NULL, want);
}

TEST(csv_quotes_only_fields_that_need_it)
{
	struct pivot pivot = tricky();
	const char *want =
		"\"Offence \"\"Title\"\"\",2023,Total\r\n"
		"Tab\there,1,1\r\n"
		"\"Say \"\"hi\"\", then go\",2,2\r\n"
		"A|B\\C,3,3\r\n"
		"\033[31mred,4,4\r\n"
		"\"two\n"
		"lines\",5,5\r\n"
		"Total,15,15\r\n";
	CHECK_RENDERED(&pivot, RENDER_CSV, NULL, want);
}

TEST(md_escapes_pipe_and_backslash_only)
{
	struct pivot pivot = tricky();
	const char *want =
		"| Offence \"Title\"   |   2023 |  Total |\n"
		"| ----------------- | -----: | -----: |\n"
		"| Tab here          |      1 |      1 |\n"
		"| Say \"hi\", then go |      2 |      2 |\n"
		"| A\\|B\\\\C           |      3 |      3 |\n"
		"| ␛[31mred          |      4 |      4 |\n"
		"| two⏎lines         |      5 |      5 |\n"
		"| **Total**         | **15** | **15** |\n";
	CHECK_RENDERED(&pivot, RENDER_MD, NULL, want);
}

TEST(json_escapes_quotes_backslashes_and_controls)
{
	struct pivot pivot = tricky();
	const char *want =
		"{\n"
		"  \"query\": null,\n"
		"  \"row_titles\": [\"Offence \\\"Title\\\"\"],\n"
		"  \"column_title\": \"Year\",\n"
		"  \"columns\": [{\"label\": \"2023\", \"cut\": null}],\n"
		"  \"rows\": [\n"
		"    {\"labels\": [\"Tab\\u0009here\"], \"level\": 0, \"cells\": [1], "
		"\"total\": 1},\n"
		"    {\"labels\": [\"Say \\\"hi\\\", then go\"], \"level\": 0, \"cells\": "
		"[2], \"total\": 2},\n"
		"    {\"labels\": [\"A|B\\\\C\"], \"level\": 0, \"cells\": [3], \"total\": "
		"3},\n"
		"    {\"labels\": [\"\\u001b[31mred\"], \"level\": 0, \"cells\": [4], "
		"\"total\": 4},\n"
		"    {\"labels\": [\"two\\u000alines\"], \"level\": 0, \"cells\": [5], "
		"\"total\": 5}\n"
		"  ],\n"
		"  \"total\": {\"label\": \"Total\", \"cells\": [15], \"total\": 15},\n"
		"  \"records\": 15,\n"
		"  \"method\": null\n"
		"}\n";
	CHECK_RENDERED(&pivot, RENDER_JSON, NULL, want);
}

TEST(text_wide_characters_align_by_display_width)
{
	struct pivot pivot = wide();
	const char *want =
		"City    2023  Total\n"
		"東京都     3      3\n"
		"Tokyo     12     12\n"
		"Total     15     15\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(md_wide_characters_align_by_display_width)
{
	struct pivot pivot = wide();
	const char *want =
		"| City      |   2023 |  Total |\n"
		"| --------- | -----: | -----: |\n"
		"| 東京都    |      3 |      3 |\n"
		"| Tokyo     |     12 |     12 |\n"
		"| **Total** | **15** | **15** |\n";
	CHECK_RENDERED(&pivot, RENDER_MD, NULL, want);
}

TEST(text_values_round_to_their_kind)
{
	struct pivot pivot = values();
	const char *want =
		"Station      Count   Average   Sum\n"
		"Many     1,234,567  -1,234.6  12.5\n"
		"(blank)          0         -   0.0\n"
		"Few              3       0.0   3.0\n"
		"Total    1,234,570       0.1    46\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(tsv_values_round_to_their_kind)
{
	struct pivot pivot = values();
	const char *want =
		"Station\tCount\tAverage\tSum\n"
		"Many\t1234567\t-1234.6\t12.5\n"
		"(blank)\t0\t\t0.0\n"
		"Few\t3\t0.0\t3.0\n"
		"Total\t1234570\t0.1\t46\n";
	CHECK_RENDERED(&pivot, RENDER_TSV, NULL, want);
}

TEST(json_values_round_to_their_kind)
{
	struct pivot pivot = values();
	const char *want =
		"{\n"
		"  \"query\": null,\n"
		"  \"row_titles\": [\"Station\"],\n"
		"  \"column_title\": null,\n"
		"  \"columns\": [{\"label\": \"Count\", \"cut\": null}, {\"label\": "
		"\"Average\", \"cut\": null}, {\"label\": \"Sum\", \"cut\": null}],\n"
		"  \"rows\": [\n"
		"    {\"labels\": [\"Many\"], \"level\": 0, \"cells\": [1234567, -1234.6, "
		"12.5]},\n"
		"    {\"labels\": [\"(blank)\"], \"level\": 0, \"cells\": [0, null, 0.0]},\n"
		"    {\"labels\": [\"Few\"], \"level\": 0, \"cells\": [3, 0.0, 3.0]}\n"
		"  ],\n"
		"  \"total\": {\"label\": \"Total\", \"cells\": [1234570, 0.1, 46]},\n"
		"  \"records\": 1234570,\n"
		"  \"method\": null\n"
		"}\n";
	CHECK_RENDERED(&pivot, RENDER_JSON, NULL, want);
}

TEST(text_empty_table_keeps_header_and_total)
{
	struct pivot pivot = nothing();
	const char *want =
		"Offence Title  2017  2018  Total\n"
		"Total             0     0      0\n";
	CHECK_RENDERED(&pivot, RENDER_TEXT, NULL, want);
}

TEST(json_empty_table_has_no_rows)
{
	struct pivot pivot = nothing();
	const char *want =
		"{\n"
		"  \"query\": null,\n"
		"  \"row_titles\": [\"Offence Title\"],\n"
		"  \"column_title\": \"Year\",\n"
		"  \"columns\": [{\"label\": \"2017\", \"cut\": null}, {\"label\": \"2018\", "
		"\"cut\": null}],\n"
		"  \"rows\": [],\n"
		"  \"total\": {\"label\": \"Total\", \"cells\": [0, 0], \"total\": 0},\n"
		"  \"records\": 0,\n"
		"  \"method\": null\n"
		"}\n";
	CHECK_RENDERED(&pivot, RENDER_JSON, NULL, want);
}

/* ---- the method note ---- */

#define CHECK_HAS(got, want) \
	do { \
		const char *has_got_ = (got), *has_want_ = (want); \
		if (!strstr(has_got_, has_want_)) { \
			tap_failed_checks++; \
			printf("# %s:%d: \"%s\" does not hold \"%s\"\n", __FILE__, __LINE__, \
			       has_got_, has_want_); \
		} \
	} while (0)

TEST(note_states_measures_and_how_totals_are_made)
{
	struct pivot pivot = ceop();
	struct table_spec spec = ceop_spec();
	struct render_method method = method_for(&spec);
	const char *want =
		"Kind: crimes and incidents\n"
		"Dates: 2013-01-01 to 2017-09-30 (inclusive, by the date field of each "
		"file)\n"
		"Notes search: none\n"
		"Where: none\n"
		"Rows: Year\n"
		"Columns: Number, Average, Shortest, Longest\n"
		"Period: calendar year (January to December); 2017 covers Jan-Sep only\n"
		"Counting: records (one per row of the export)\n"
		"Measures: count of records, average of days from date_received to "
		"date_actioned, minimum of days from date_received to date_actioned, maximum "
		"of days from date_received to date_actioned; the Total row's averages, "
		"minimums and maximums are worked out over all its records, not added up\n"
		"Suppression: none\n"
		"Records matched: 905\n"
		"Source: exports/crimes-2019-2024.csv (imported 2026-11-22T10:15:00Z, 9,934 "
		"records; file modified 2026-11-20T08:00:00Z)\n"
		"Made: 2026-11-22 10:15 UTC by crimeview 0.1.0\n";
	char *got = note(&pivot, &method, false);
	CHECK_STR(got, want);
	free(got);
}

TEST(note_describes_conditions_levels_bands_and_sort)
{
	struct pivot pivot = deepfake_outcomes();
	struct table_spec spec = cyber_spec();
	struct render_method method = method_for(&spec);
	const char *titles[] = {"Offence Title", "Outcome"};
	method.row_titles = titles;
	const char *want =
		"Kind: crimes and incidents\n"
		"Dates: from 2017-04-01 (inclusive, by the date field of each file)\n"
		"Notes search: none\n"
		"Where: internet_enabled = Y; Platform is blank or platform = Facebook; "
		"notes_summary contains \"fake account\"; victim_age <= 18 and Victim Age >= "
		"10\n"
		"Rows: Offence Title, then Outcome\n"
		"Columns: Year\n"
		"Period: financial year (April to March, labelled 2019/20); 2024 covers "
		"Jan-Feb only\n"
		"Counting: distinct references (each crime or incident number counted once)\n"
		"Bands: victim_age 0-16, 17-18, 19+ and (blank)\n"
		"Suppression: none\n"
		"Sort: by total, largest first, ties A-Z\n"
		"Records matched: 8\n"
		"Source: exports/crimes-2019-2024.csv (imported 2026-11-22T10:15:00Z, 9,934 "
		"records; file modified 2026-11-20T08:00:00Z)\n"
		"Made: 2026-11-22 10:15 UTC by crimeview 0.1.0\n";
	char *got = note(&pivot, &method, false);
	CHECK_STR(got, want);
	free(got);
}

TEST(note_ors_a_field_named_twice_however_spelt)
{
	struct pivot pivot = deepfake_offences();
	struct table_spec spec = deepfake_spec();
	spec.filters.where = deepfake_where;
	spec.filters.n_where = N_OF(deepfake_where);
	struct render_method method = method_for(&spec);
	char *got = note(&pivot, &method, false);
	CHECK_HAS(got, "\nWhere: offence_title = Blackmail or Harassment; internet_enabled = Y; "
		       "victim_age >= 16\n");
	free(got);
}

TEST(note_quotes_values_that_hold_spaces_or_separators)
{
	struct where_term where[] = {
		{.field = "offence_title", .op = WHERE_EQUALS, .value = "Harassment - Stalking"},
		{.field = "offence_title", .op = WHERE_EQUALS, .value = "Theft; Other"},
		{.field = "outcome", .op = WHERE_CONTAINS, .value = "Charge"},
	};
	struct table_spec spec = deepfake_spec();
	spec.filters.where = where;
	spec.filters.n_where = N_OF(where);
	struct render_method method = method_for(&spec);
	char *got = note(NULL, &method, false);
	CHECK_HAS(got, "\nWhere: offence_title = \"Harassment - Stalking\" or \"Theft; Other\"; "
		       "outcome contains Charge\n");
	free(got);
}

TEST(note_names_every_kind_of_period)
{
	static const struct {
		struct period_spec period;
		const char *line;
	} cases[] = {
		{{.kind = PERIOD_YEAR, .start_month = 1},
		 "\nPeriod: calendar year (January to December)\n"},
		{{.kind = PERIOD_YEAR, .start_month = 4},
		 "\nPeriod: financial year (April to March, labelled 2019/20)\n"},
		{{.kind = PERIOD_YEAR, .start_month = 2},
		 "\nPeriod: years starting 1 February (February to January)\n"},
		{{.kind = PERIOD_QUARTER, .start_month = 1},
		 "\nPeriod: calendar quarter (Q1 = January to March)\n"},
		{{.kind = PERIOD_MONTH, .start_month = 1}, "\nPeriod: calendar month\n"},
	};
	for (size_t i = 0; i < N_OF(cases); i++) {
		struct table_spec spec = deepfake_spec();
		spec.period = cases[i].period;
		struct render_method method = method_for(&spec);
		char *got = note(NULL, &method, false);
		CHECK_HAS(got, cases[i].line);
		free(got);
	}
}

TEST(note_leaves_out_the_period_when_columns_are_a_field)
{
	struct table_spec spec = deepfake_spec();
	spec.rows[0] = "offence_title";
	spec.cols = "outcome";
	struct render_method method = method_for(&spec);
	char *got = note(NULL, &method, false);
	CHECK(!strstr(got, "Period:"));
	CHECK_HAS(got, "\nColumns: outcome\n");
	CHECK_HAS(got, "\nSort: by label, A-Z, (blank) last\n");
	free(got);
}

TEST(note_says_which_dates_and_kinds)
{
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	spec.filters.kind = QUERY_KIND_INCIDENT;
	spec.filters.from[0] = '\0';
	char *got = note(NULL, &method, false);
	CHECK_HAS(got, "Kind: incidents\nDates: up to 2024-02-29 (inclusive, by the date field "
		       "of each file)\n");
	free(got);
	spec.filters.kind = QUERY_KIND_ANY;
	spec.filters.to[0] = '\0';
	got = note(NULL, &method, false);
	CHECK_HAS(got, "Kind: crimes and incidents\nDates: all\n");
	free(got);
}

TEST(note_words_suppression_for_each_threshold)
{
	struct pivot pivot = platforms();
	char *got = note(&pivot, NULL, false);
	CHECK_STR(got, "Rows: Platform\n"
		       "Columns: Year\n"
		       "Suppression: counts of 1 to 4 are shown as <5; * marks a further cell "
		       "hidden so that no hidden count can be worked out from the totals\n"
		       "Records matched: 39\n");
	free(got);
	pivot = deepfake_offences();
	pivot.suppress = 5;
	got = note(&pivot, NULL, false);
	CHECK_HAS(got, "\nSuppression: counts of 1 to 4 are shown as <5 (none in this table)\n");
	free(got);
	pivot.suppress = 2;
	got = note(&pivot, NULL, false);
	CHECK_HAS(got, "\nSuppression: counts of 1 are shown as <2 (none in this table)\n");
	free(got);
	pivot.suppress = 0;
	got = note(&pivot, NULL, false);
	CHECK_HAS(got, "\nSuppression: none\n");
	free(got);
}

TEST(note_with_suppression_follows_a_suppressed_table)
{
	struct pivot pivot = platforms();
	struct table_spec spec = deepfake_spec();
	spec.rows[0] = "platform";
	spec.suppress = 5;
	struct render_method method = method_for(&spec);
	char *got = rendered(&pivot, RENDER_TEXT, &method);
	CHECK_HAS(got, "Total       21    18     39\n\nMethod\nKind: crimes\n");
	CHECK_HAS(got, "\nSuppression: counts of 1 to 4 are shown as <5; * marks a further cell "
		       "hidden so that no hidden count can be worked out from the totals\n");
	free(got);
}

TEST(note_without_a_spec_says_what_the_pivot_knows)
{
	struct pivot pivot = deepfake_outcomes();
	struct render_method method = {.made_at = "2026-11-22 10:15 UTC"};
	char *got = note(&pivot, &method, true);
	CHECK_STR(got, "- Rows: Offence Title, then Outcome Description\n"
		       "- Columns: Year\n"
		       "- Suppression: none\n"
		       "- Records matched: 8\n"
		       "- Made: 2026-11-22 10:15 UTC\n");
	free(got);
}

TEST(note_makes_what_users_typed_inert)
{
	struct table_spec spec = deepfake_spec();
	spec.filters.match = "deep\x1b]0;owned\afake";
	struct render_source_file file = {
		.path = "two\nlines.csv",
		.imported_at = "2026-11-22T10:15:00Z",
		.rows_imported = 3,
	};
	struct render_method method = {.spec = &spec, .files = &file, .n_files = 1};
	char *got = note(NULL, &method, false);
	CHECK_HAS(got, "\nNotes search: deep␛]0;owned␇fake\n");
	CHECK_HAS(got, "\nSource: two⏎lines.csv (imported 2026-11-22T10:15:00Z, 3 records)\n");
	CHECK(!strchr(got, '\x1b'));
	CHECK(!strchr(got, '\a'));
	free(got);
}

/* ---- JSON details, formats, layout ---- */

TEST(json_echoes_the_spec_as_the_command_line_gave_it)
{
	struct pivot pivot = nothing();
	struct table_spec spec = cyber_spec();
	static const struct measure_spec measures[] = {
		{.kind = MEASURE_REFS},
		{.kind = MEASURE_SUM, .field = "loss_value"},
	};
	spec.measures = measures;
	spec.n_measures = N_OF(measures);
	struct render_method method = method_for(&spec);
	char *got = rendered(&pivot, RENDER_JSON, &method);
	CHECK_HAS(got,
		  "{\n  \"query\": {\"kind\": \"any\", \"from\": \"2017-04-01\", \"to\": null, "
		  "\"match\": null, \"where\": [{\"field\": \"internet_enabled\", \"op\": "
		  "\"equals\", \"value\": \"Y\"}, {\"field\": \"Platform\", \"op\": \"is_blank\", "
		  "\"value\": \"\"}, {\"field\": \"platform\", \"op\": \"equals\", \"value\": "
		  "\"Facebook\"}, {\"field\": \"notes_summary\", \"op\": \"contains\", \"value\": "
		  "\"fake account\"}, {\"field\": \"victim_age\", \"op\": \"at_most\", \"value\": "
		  "\"18\"}, {\"field\": \"Victim Age\", \"op\": \"at_least\", \"value\": \"10\"}], "
		  "\"rows\": [\"offence_title\", \"outcome\"], \"cols\": \"period\", \"period\": "
		  "\"fy\", \"count\": \"refs\", \"measures\": [\"refs\", \"sum:loss_value\"], "
		  "\"bands\": [{\"field\": \"victim_age\", \"edges\": [16, 18]}], \"suppress\": 5, "
		  "\"sort\": \"total\"},\n");
	free(got);
}

TEST(json_replaces_invalid_utf8_and_text_shows_it)
{
	struct pivot pivot = wide();
	struct pivot_row rows[] = {{.labels = {"bad\xff" "byte"}, .cells = wide_cells[0]}};
	pivot.rows = rows;
	pivot.n_rows = 1;
	char *got = rendered(&pivot, RENDER_JSON, NULL);
	CHECK_HAS(got, "\n    {\"labels\": [\"bad\\ufffdbyte\"], \"level\": 0, \"cells\": [3], "
		       "\"total\": 3}\n");
	free(got);
	got = rendered(&pivot, RENDER_TEXT, NULL);
	CHECK_HAS(got, "\nbad\xef\xbf\xbd" "byte     3      3\n");
	free(got);
}

TEST(tsv_and_text_take_a_crlf_as_one_line_break)
{
	struct pivot pivot = wide();
	struct pivot_row rows[] = {{.labels = {"two\r\nlines\rthree"}, .cells = wide_cells[0]}};
	pivot.rows = rows;
	pivot.n_rows = 1;
	char *got = rendered(&pivot, RENDER_TSV, NULL);
	CHECK_HAS(got, "\ntwo lines three\t3\t3\n");
	free(got);
	got = rendered(&pivot, RENDER_TEXT, NULL);
	CHECK_HAS(got, "\ntwo⏎lines␍three     3      3\n");
	free(got);
	got = rendered(&pivot, RENDER_CSV, NULL);
	CHECK_HAS(got, "\r\n\"two\r\nlines\rthree\",3,3\r\n");
	free(got);
}

TEST(format_parse_knows_the_five_formats)
{
	enum render_format format = RENDER_TEXT;
	CHECK(render_format_parse("tsv", &format) && format == RENDER_TSV);
	CHECK(render_format_parse("csv", &format) && format == RENDER_CSV);
	CHECK(render_format_parse("md", &format) && format == RENDER_MD);
	CHECK(render_format_parse("json", &format) && format == RENDER_JSON);
	CHECK(render_format_parse("text", &format) && format == RENDER_TEXT);
	CHECK(render_format_parse("JSON", &format) && format == RENDER_JSON);
	CHECK(render_format_parse("markdown", &format) && format == RENDER_MD);
	CHECK(!render_format_parse("xlsx", &format));
	CHECK(!render_format_parse("", &format));
	CHECK(!render_format_parse(NULL, &format));
	CHECK(format == RENDER_MD);
}

TEST(format_from_path_reads_the_extension)
{
	enum render_format format = RENDER_JSON;
	CHECK(render_format_from_path("out/table.csv", &format) && format == RENDER_CSV);
	CHECK(render_format_from_path("table.TSV", &format) && format == RENDER_TSV);
	CHECK(render_format_from_path("foi-13702.md", &format) && format == RENDER_MD);
	CHECK(render_format_from_path("a.b/table.txt", &format) && format == RENDER_TEXT);
	CHECK(render_format_from_path("table.json", &format) && format == RENDER_JSON);
	CHECK(!render_format_from_path("table", &format));
	CHECK(!render_format_from_path("a.csv/table", &format));
	CHECK(!render_format_from_path(".csv", &format));
	CHECK(!render_format_from_path("table.xlsx", &format));
	CHECK(format == RENDER_JSON);
}

/* No line of a text or md table, nor of its note, ends in a space. */
TEST(no_line_ends_in_a_space)
{
	struct pivot pivots[] = {deepfake_years(), deepfake_offences(), deepfake_outcomes(), ceop(),
				 cyber(), platforms(), tricky(), wide(), values(), nothing()};
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	/* A label column without a title and a column without a label. */
	struct pivot_column blank_column[] = {{.label = ""}};
	pivots[N_OF(pivots) - 1].row_titles[0] = NULL;
	pivots[N_OF(pivots) - 1].columns = blank_column;
	pivots[N_OF(pivots) - 1].n_columns = 1;
	for (size_t i = 0; i < N_OF(pivots); i++) {
		for (int md = 0; md < 2; md++) {
			char *got = rendered(&pivots[i], md ? RENDER_MD : RENDER_TEXT, &method);
			CHECK(!strstr(got, " \n"));
			CHECK(got[0] && got[strlen(got) - 1] == '\n');
			free(got);
		}
	}
}
/* clang-format on */

TEST(note_says_redaction_and_review_when_on)
{
	struct pivot pivot = deepfake_years();
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	struct redact_counts counts = {{0}};
	counts.n[REDACT_PHONE] = 3;
	counts.n[REDACT_EMAIL] = 1;
	counts.n[REDACT_NAME] = 12;
	struct review_reason reasons[] = {{"no deepfake element", 2}, {"duplicate", 1}};
	struct review_summary review = {"foi-118", 3, reasons, 2};
	method.redaction = &counts;
	method.review = &review;
	const char *want =
		"- Kind: crimes\n"
		"- Dates: 2019-02-01 to 2024-02-29 (inclusive, by the date field of each "
		"file)\n"
		"- Notes search: deepfake* OR \"deep fake*\"\n"
		"- Where: none\n"
		"- Review foi-118: 3 records excluded (2 no deepfake element; 1 duplicate)\n"
		"- Rows: Year\n"
		"- Columns: Number\n"
		"- Period: calendar year (January to December); 2024 covers Jan-Feb only\n"
		"- Counting: records (one per row of the export)\n"
		"- Suppression: none\n"
		"- Redaction: on (phone 3, email 1, name 12)\n"
		"- Records matched: 8\n"
		"- Source: exports/crimes-2019-2024.csv (imported 2026-11-22T10:15:00Z, 9,934 "
		"records; file modified 2026-11-20T08:00:00Z)\n"
		"- Made: 2026-11-22 10:15 UTC by crimeview 0.1.0\n";
	char *got = note(&pivot, &method, true);
	CHECK_STR(got, want);
	free(got);
}

TEST(note_lines_alone_for_lists_and_the_status_line)
{
	struct redact_counts counts = {{0}};
	struct strbuf out = STRBUF_INIT;
	render_note_redaction(&counts, false, &out);
	CHECK_STR(strbuf_str(&out), "Redaction: on (nothing found to remove)\n");
	strbuf_reset(&out);
	counts.n[REDACT_ADDRESS] = 1;
	render_note_redaction(&counts, true, &out);
	CHECK_STR(strbuf_str(&out), "- Redaction: on (address 1)\n");
	strbuf_reset(&out);
	struct review_reason reasons[] = {{"", 1}};
	struct review_summary review = {"a\033[2Jb", 1, reasons, 1};
	render_note_review(&review, false, &out);
	CHECK_STR(strbuf_str(&out),
		  "Review a\xe2\x90\x9b[2Jb: 1 record excluded (no reason given)\n");
	strbuf_free(&out);
}

TEST(json_method_holds_redaction_and_review_when_on)
{
	struct pivot pivot = deepfake_years();
	struct table_spec spec = deepfake_spec();
	struct render_method method = method_for(&spec);
	struct redact_counts counts = {{0}};
	counts.n[REDACT_NAME] = 2;
	counts.n[REDACT_PHONE] = 1;
	struct review_reason reasons[] = {{"duplicate", 1}};
	struct review_summary review = {"foi", 1, reasons, 1};
	method.redaction = &counts;
	method.review = &review;
	char *got = rendered(&pivot, RENDER_JSON, &method);
	CHECK(strstr(got, "\"version\": \"crimeview 0.1.0\", \"redaction\": {\"phone\": 1, "
			  "\"name\": 2}, \"review\": {\"name\": \"foi\", \"excluded\": 1, "
			  "\"reasons\": [{\"reason\": \"duplicate\", \"records\": 1}]}}\n}\n") !=
	      NULL);
	free(got);
}

TAP_MAIN(
    text_years_mark_the_cut_period, text_ends_with_the_method_note,
    md_ends_with_the_method_as_bullets, json_holds_query_table_and_method,
    text_offences_have_a_total_column, tsv_has_plain_period_labels_and_no_note,
    csv_lines_end_in_crlf, md_right_aligns_numbers_and_bolds_the_total,
    text_two_levels_indent_outcomes_under_offences, tsv_two_levels_take_a_column_each,
    csv_two_levels_take_a_column_each, md_two_levels_read_as_groups,
    json_two_levels_leave_subtotals_a_null_label, text_measures_as_columns_have_no_total_column,
    csv_measures_keep_one_decimal_and_plain_labels, json_measures_are_numbers,
    text_counts_have_thousands_separators, tsv_counts_have_no_separators,
    md_counts_have_thousands_separators, text_suppressed_cells_are_explained,
    tsv_suppressed_cells_are_marks, md_suppressed_cells_are_explained,
    json_suppressed_cells_are_objects, text_hostile_labels_are_inert,
    tsv_tabs_and_line_breaks_become_spaces, csv_quotes_only_fields_that_need_it,
    md_escapes_pipe_and_backslash_only, json_escapes_quotes_backslashes_and_controls,
    text_wide_characters_align_by_display_width, md_wide_characters_align_by_display_width,
    text_values_round_to_their_kind, tsv_values_round_to_their_kind,
    json_values_round_to_their_kind, text_empty_table_keeps_header_and_total,
    json_empty_table_has_no_rows, note_states_measures_and_how_totals_are_made,
    note_describes_conditions_levels_bands_and_sort, note_ors_a_field_named_twice_however_spelt,
    note_quotes_values_that_hold_spaces_or_separators, note_names_every_kind_of_period,
    note_leaves_out_the_period_when_columns_are_a_field, note_says_which_dates_and_kinds,
    note_words_suppression_for_each_threshold, note_with_suppression_follows_a_suppressed_table,
    note_without_a_spec_says_what_the_pivot_knows, note_makes_what_users_typed_inert,
    json_echoes_the_spec_as_the_command_line_gave_it, json_replaces_invalid_utf8_and_text_shows_it,
    tsv_and_text_take_a_crlf_as_one_line_break, format_parse_knows_the_five_formats,
    format_from_path_reads_the_extension, no_line_ends_in_a_space,
	 note_says_redaction_and_review_when_on, note_lines_alone_for_lists_and_the_status_line,
	 json_method_holds_redaction_and_review_when_on)
