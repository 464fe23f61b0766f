/*
 * cli_browse.c - crimeview [--db F] [FILE.csv ...]: import what changed, then show what
 * the cache holds (layer: CLI). The terminal browser takes over the second half when it
 * lands; until then the overview is printed: records by kind and year.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_import.h"
#include "crimeview/format.h"

struct overview {
	char kind[16];
	bool any;
};

static void print_overview_row(const char *kind, int year, int64_t n, void *data)
{
	struct overview *o = data;
	if (!o->any || strcmp(o->kind, kind)) {
		printf("%s%s\n", o->any ? "\n" : "", kind[0] ? (strcmp(kind, "crime") ? "INCIDENTS" : "CRIMES")
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

static int print_overview(const char *db_path)
{
	struct cache *cache = cli_open_cache_read(db_path);
	if (!cache)
		return EXIT_FAILED;
	struct overview overview = {{0}, false};
	printf("Records in %s by year:\n", db_path);
	enum status status = cache_overview_each(cache, print_overview_row, &overview);
	if (status != STATUS_OK)
		cli_error("%s: %s", db_path, cache_error(cache));
	cache_close(cache);
	return status == STATUS_OK ? EXIT_DONE : EXIT_FAILED;
}

int cli_browse(int argc, char **argv)
{
	struct import_request request = {0};
	const char *db_option = NULL;
	int result = import_request_parse(argc, argv, "", cli_help_text, &request, &db_option);
	if (result != CLI_PROCEED)
		goto out;
	result = EXIT_DONE;
	const char *db_path = cli_db_path(db_option);
	if (optind < argc) {
		result = import_run(&request, db_path, argv + optind, (size_t)(argc - optind));
		if (result != EXIT_DONE && result != EXIT_FAILED)
			goto out;
		putchar('\n');
	}
	int shown = print_overview(db_path);
	if (result == EXIT_DONE)
		result = shown;
out:
	import_request_free(&request);
	return result;
}
