/*
 * cli_table.c - crimeview table: an FOI-ready table in one command (layer: CLI).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_query.h"
#include "config.h"

static const char table_help[] =
	"Usage: crimeview table [--db FILE] [FILTERS] [TABLE OPTIONS]\n"
	"Counts (or measures) of the records by one or two fields and by period.\n"
	"\n"
	"Filters:\n"
	"  --kind K                crime, incident, or other (neither)\n"
	"  --from DATE --to DATE   inclusive, on each file's date field\n"
	"  --match QUERY           notes search: words, \"phrases\", OR, AND, NOT, prefix*, ( )\n"
	"  --where FIELD=VALUE     equal (any case); FIELD= blank; FIELD~TEXT contains;\n"
	"                          FIELD>=N, FIELD<=N numbers or dates. Repeat a field to OR its\n"
	"                          values; different fields must all hold.\n"
	"Table options:\n"
	"  --rows FIELD[,FIELD2]   one or two levels (FIELD2 nested, with subtotals), or period;\n"
	"                          repeat it for several tables from one command\n"
	"  --cols period|FIELD     the columns (default period)\n"
	"  --period P              year (default), fy (April-March), year@MM, quarter, month\n"
	"  --band FIELD:E1,E2,...  numeric bands: victim_age:16,18 gives 0-16, 17-18, 19+\n"
	"  --count rows|refs       count rows (default) or distinct references\n"
	"  --measure M             count, refs, avg:EXPR, min:EXPR, max:EXPR, sum:EXPR; EXPR a\n"
	"                          number field or days(DATE_A,DATE_B); several become columns\n"
	"  --suppress N            counts 1..N-1 shown as <N, with secondary suppression (*)\n"
	"  --sort label|total      A-Z with (blank) last (default), or largest total first\n"
	"  --format F              text (default), tsv, csv, md, json\n"
	"Disclosure:\n"
	"  --review NAME           leave out the records marked in review NAME (crimeview review);\n"
	"                          the method note says how many and why\n"
	"  --redact                redact the row and column labels: a personal field's values\n"
	"                          become [name], [address]...; the note counts what was removed\n"
	"  --redact-list FILE      also remove these names and places (one a line); implies --redact\n"
	"  --personal COL[:CAT]    a personal field its header does not give away; implies --redact\n"
	"Example (an FOI request's crime tables in one command: per year, offences, outcomes):\n"
	"  crimeview table --kind crime --match 'deepfake* OR \"deep fake*\"' \\\n"
	"      --from 2019-02-01 --to 2024-02-29 --rows period --rows offence_title \\\n"
	"      --rows offence_title,outcome_description\n";

/* Renders the pivot with its method note and writes it to stdout. */
static int print_pivot(struct cache *cache, const struct query_request *request,
		       const struct pivot *pivot, const struct redactor *redactor,
		       const struct redact_counts *redaction, const struct review_summary *review)
{
	struct render_sources sources;
	if (render_sources_load(cache, &sources) != STATUS_OK) {
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
		return EXIT_FAILED;
	}
	char made[32];
	render_made_at(made, sizeof(made));
	/* A redacted table's note does not repeat a name its --where holds. */
	struct redacted_filters redacted = {0};
	struct table_spec noted = request->spec;
	if (redactor) {
		redacted_filters_make(&request->spec.filters, redactor, &redacted);
		noted.filters = redacted.filters;
	}
	struct render_method method = {
		.spec = &noted,
		.row_titles = (const char *const *)pivot->row_titles,
		.files = sources.files,
		.n_files = sources.n,
		.made_at = made,
		.version = PACKAGE_NAME " " PACKAGE_VERSION,
		.redaction = redaction,
		.review = review,
	};
	struct strbuf out = STRBUF_INIT;
	render_pivot(pivot, request->format, &method, &out);
	fwrite(strbuf_str(&out), 1, out.len, stdout);
	strbuf_free(&out);
	render_sources_free(&sources);
	redacted_filters_free(&redacted);
	return fflush(stdout) == 0 ? EXIT_DONE : EXIT_FAILED;
}

int cli_table(int argc, char **argv)
{
	struct query_request request = {.spec.period = {PERIOD_YEAR, 1}, .format = RENDER_TEXT};
	int result = query_request_parse(argc, argv, "table ", table_help, false, &request);
	if (result != CLI_PROCEED)
		goto out;
	result = EXIT_DONE;
	if (optind < argc) {
		result = cli_usage_error("table ", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (request.spec.n_rows == 0) {
		result = cli_usage_error("table ", "--rows is needed: a field, two fields, or period");
		goto out;
	}
	struct cache *cache = cli_open_cache_read(cli_db_path(request.db_option));
	if (!cache) {
		result = EXIT_FAILED;
		goto out;
	}
	struct redactor *redactor = NULL;
	struct review_summary review = {0};
	result = review_request_check(cache, request.spec.filters.review);
	if (result == EXIT_DONE)
		result = redact_request_make(&request.redact, cache, "table ", &redactor);
	if (result == EXIT_DONE && request.spec.filters.review) {
		struct strbuf error = STRBUF_INIT;
		enum status status =
			query_review_summary(cache, &request.spec.filters, &review, &error);
		if (status != STATUS_OK)
			result = query_report_failure(status, &error);
		strbuf_free(&error);
	}
	/* Each --rows is a table; several tables are separated by a blank line, or make a
	 * JSON array. */
	query_catch_interrupt(cache);
	bool several = request.n_rows > 1;
	if (result == EXIT_DONE && several && request.format == RENDER_JSON)
		fputs("[\n", stdout);
	for (size_t i = 0; i < request.n_rows && result == EXIT_DONE; i++) {
		result = query_request_set_rows(&request, request.rows[i], "table ");
		if (result != EXIT_DONE)
			break;
		if (i > 0)
			fputs(request.format == RENDER_JSON ? ",\n" : "\n", stdout);
		struct pivot *pivot = NULL;
		struct strbuf error = STRBUF_INIT;
		enum status status = query_table(cache, &request.spec, &pivot, &error);
		/* Labels are redacted: a table by a personal field would list the names. */
		struct redact_counts counts = {{0}};
		if (status == STATUS_OK && redactor)
			pivot_redact(pivot, redactor, &counts);
		if (status != STATUS_OK)
			result = query_report_failure(status, &error);
		else
			result = print_pivot(cache, &request, pivot, redactor, redactor ? &counts : NULL,
					     request.spec.filters.review ? &review : NULL);
		pivot_free(pivot);
		strbuf_free(&error);
	}
	if (several && request.format == RENDER_JSON && result == EXIT_DONE)
		fputs("]\n", stdout);
	query_catch_interrupt(NULL);
	review_summary_clear(&review);
	redactor_free(redactor);
	cache_close(cache);
out:
	query_request_free(&request);
	return result;
}
