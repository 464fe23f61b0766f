/*
 * cli_browse.c - crimeview [--db F] [FILE.csv ...] [FILTERS] [TABLE OPTIONS]: import what
 * changed, then open the browser set as the options say (layer: CLI).
 *
 * Import options and the filters and table options of `crimeview table` are all taken;
 * here --kind is the filter (crimes or incidents shown), and --file-kind sets what a file
 * holds, as import's --kind does. When stdout is not a terminal (a script, a pipe) there is
 * no browser: what the cache holds is printed instead, records by kind and year.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_import.h"
#include "cli_query.h"
#include "crimeview/format.h"
#include "crimeview/redact.h"
#include "tui/tui.h"

enum { BROWSE_OPT_FILE_KIND = 1024, BROWSE_OPT_KEYS };

struct overview {
	char kind[16];
	bool any;
};

static void print_overview_row(const char *kind, int year, int64_t n, void *data)
{
	struct overview *o = data;
	if (!o->any || strcmp(o->kind, kind)) {
		printf("%s%s\n", o->any ? "\n" : "",
		       kind[0] ? (strcmp(kind, "crime") ? "INCIDENTS" : "CRIMES")
			       : "NEITHER CRIME NOR INCIDENT");
		snprintf(o->kind, sizeof(o->kind), "%s", kind);
		o->any = true;
	}
	char count[32];
	format_count(n, count, sizeof(count));
	if (year)
		printf("  %d  %10s\n", year, count);
	else
		printf("  none  %8s  (no date)\n", count);
}

static int print_overview(struct cache *cache, const char *db_path)
{
	struct overview overview = {{0}, false};
	printf("Records in %s by year:\n", db_path);
	enum status status = cache_overview_each(cache, print_overview_row, &overview);
	if (status != STATUS_OK)
		cli_error("%s: %s", db_path, cache_error(cache));
	return status == STATUS_OK ? EXIT_DONE : EXIT_FAILED;
}

/* Every option of import and of table, --kind being the filter's. */
static struct option *browse_options(void)
{
	size_t n_import = 0, n_query = 0;
	while (import_long_options[n_import].name)
		n_import++;
	while (query_long_options[n_query].name)
		n_query++;
	struct option *all = xcalloc(n_import + n_query + 3, sizeof(*all));
	size_t n = 0;
	for (size_t i = 0; i < n_query; i++)
		all[n++] = query_long_options[i];
	for (size_t i = 0; i < n_import; i++)
		if (strcmp(import_long_options[i].name, "kind") &&
		    strcmp(import_long_options[i].name, "db") &&
		    strcmp(import_long_options[i].name, "help"))
			all[n++] = import_long_options[i];
	all[n++] = (struct option){"file-kind", required_argument, NULL, BROWSE_OPT_FILE_KIND};
	all[n++] = (struct option){"keys", no_argument, NULL, BROWSE_OPT_KEYS};
	return all;
}

static int parse(int argc, char **argv, struct import_request *import, struct query_request *query)
{
	struct option *options = browse_options();
	int result = CLI_PROCEED, c;
	opterr = 0;
	while (result == CLI_PROCEED && (c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (c == 'h') {
			fputs(cli_help_text, stdout);
			result = EXIT_DONE;
		} else if (c == BROWSE_OPT_KEYS) {
			tui_print_keys();
			result = EXIT_DONE;
		} else if (c == ':' || c == '?') {
			result = cli_usage_error(
			    "", c == ':' ? "%s needs a value" : "unknown option '%s'",
			    argv[optind - 1]);
		} else if (c == BROWSE_OPT_FILE_KIND) {
			result = import_request_option(import, IMPORT_OPT_KIND, optarg);
		} else if (c == QUERY_OPT_FORMAT || c == QUERY_OPT_FIELDS || c == QUERY_OPT_LIMIT) {
			result = cli_usage_error("", "--%s belongs to crimeview %s",
						 query_option_name(c),
						 c == QUERY_OPT_FORMAT ? "table and list" : "list");
		} else if (c >= QUERY_OPT_DB) {
			result = query_request_option(query, c, optarg, "");
		} else {
			result = import_request_option(import, c, optarg);
		}
		if (result == EXIT_DONE && c != 'h' && c != BROWSE_OPT_KEYS)
			result = CLI_PROCEED;
	}
	free(options);
	if (result == CLI_PROCEED && query->n_rows > 1)
		result = cli_usage_error("", "the browser opens on one table: give --rows once "
					     "(r changes the rows in the browser)");
	return result;
}

int cli_browse(int argc, char **argv)
{
	struct import_request import = {0};
	struct query_request query = {.spec.period = {PERIOD_YEAR, 1}, .format = RENDER_TEXT};
	int result = parse(argc, argv, &import, &query);
	if (result != CLI_PROCEED)
		goto out;
	result = EXIT_DONE;
	const char *db_path = cli_db_path(query.db_option);
	if (optind < argc) {
		result = import_run(&import, db_path, argv + optind, (size_t)(argc - optind));
		if (result != EXIT_DONE && result != EXIT_FAILED)
			goto out;
	}
	struct cache *cache = cli_open_cache_read(db_path);
	if (!cache) {
		result = EXIT_FAILED;
		goto out;
	}
	const char *script = getenv("CRIMEVIEW_SCRIPT");
	bool browser = (script && script[0]) || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO));
	int shown;
	struct redactor *redactor = NULL;
	if (browser) {
		/* R always works: without --redact the built-in rules and personal fields. A review
		 * with no marks yet is fine here: the browser is where marks are made. */
		bool redact = query.redact.on;
		shown = redact_request_make(&query.redact, cache, "", &redactor);
		if (shown == EXIT_DONE)
			shown = tui_run(cache, db_path, &query.spec, redactor ? redactor : redactor_new(),
					redact);
	} else {
		if (optind < argc)
			putchar('\n');
		shown = print_overview(cache, db_path);
	}
	cache_close(cache);
	if (result == EXIT_DONE)
		result = shown;
out:
	import_request_free(&import);
	query_request_free(&query);
	return result;
}
