/*
 * main.c - crimeview's entry point: picks the subcommand (layer: CLI).
 *
 * Data flows one way: CSV -> import -> cache -> query -> browser views / CLI output.
 * This file only dispatches; each subcommand lives in its own cli_*.c.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"

const char cli_help_text[] =
	"Usage: crimeview [--db FILE] [FILE.csv ...]     import what is new or changed, then browse\n"
	"       crimeview import [OPTIONS] FILE.csv ...  build or refresh the cache, no UI\n"
	"       crimeview fields [--db FILE]             the fields: name, header, role, type,\n"
	"                                                distinct values, blanks\n"
	"       crimeview table [--db FILE] [FILTERS] [TABLE OPTIONS]\n"
	"                                                an FOI-ready table: counts by field and year\n"
	"       crimeview list [--db FILE] [FILTERS] [--fields F,F...] [--limit N] [--format F]\n"
	"                                                the records behind a filter, notes on one line\n"
	"       crimeview show [--db FILE] [--redact] REF\n"
	"                                                every field of a record, notes in full\n"
	"       crimeview review [--db FILE] [NAME] [--exclude REF | --include REF] [--reason T]\n"
	"                                                the records left out of a review's counts\n"
	"       crimeview rejects [--db FILE] [FILE.csv] the rows that could not be imported\n"
	"       crimeview --help | --version\n"
	"\n"
	"crimeview turns police crime and incident exports (CSV) into an SQLite cache and lets\n"
	"you count, filter and read them. The cache is --db FILE, else $CRIMEVIEW_DB, else\n"
	"crimeview.db in the current folder; it holds personal data and is created mode 0600.\n"
	"\n"
	"Import options (crimeview import --help for more):\n"
	"  --kind crime|incident   what a whole file holds (browser: --file-kind)\n"
	"  --ref COL --date COL --notes COL --kind-field COL   the columns' roles\n"
	"  --map FILE              roles from lines 'role = Header'\n"
	"  --date-format F         dmy (default), mdy, ymd, or a pattern such as %m/%d/%Y\n"
	"  --encoding E            utf-8 or windows-1252 (default: detected per file)\n"
	"  --force                 import files again even when unchanged\n"
	"  --rebuild               build a new cache from the files given\n"
	"\n"
	"Filters (table, list and the browser): --kind crime|incident|other, --from DATE,\n"
	"  --to DATE, --match QUERY, --where FIELD=VALUE (also FIELD=, FIELD~TEXT, FIELD>=N,\n"
	"  FIELD<=N).\n"
	"Table options (table and the browser; crimeview table --help for more): --rows\n"
	"  FIELD[,FIELD2], --cols\n"
	"  period|FIELD, --period year|fy|year@MM|quarter|month, --band FIELD:E1,E2,...,\n"
	"  --count rows|refs, --measure M, --suppress N, --sort label|total,\n"
	"  --format text|tsv|csv|md|json.\n"
	"Disclosure (table, list, show): --redact (personal data out of notes and values,\n"
	"  personal fields masked whole), --redact-list FILE, --personal COL[:CATEGORY];\n"
	"  (table, list) --review NAME leaves out the records marked in that review.\n"
	"\n"
	"The browser opens on the yearly totals set by the filters and table options; ? shows\n"
	"its keys, crimeview --keys lists them.\n"
	"\n"
	"Exit status: 0 done; 1 the work failed (the message names file, line and cause);\n"
	"2 bad usage. See crimeview(1).\n";

static int print_help(void)
{
	fputs(cli_help_text, stdout);
	return EXIT_DONE;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc >= 2) {
		const char *command = argv[1];
		if (!strcmp(command, "--help") || !strcmp(command, "-h") || !strcmp(command, "help"))
			return print_help();
		if (!strcmp(command, "--version") || !strcmp(command, "-V")) {
			printf("crimeview %s\n", PACKAGE_VERSION);
			return EXIT_DONE;
		}
		if (!strcmp(command, "import"))
			return cli_import(argc - 1, argv + 1);
		if (!strcmp(command, "fields"))
			return cli_fields(argc - 1, argv + 1);
		if (!strcmp(command, "show"))
			return cli_show(argc - 1, argv + 1);
		if (!strcmp(command, "table"))
			return cli_table(argc - 1, argv + 1);
		if (!strcmp(command, "list"))
			return cli_list(argc - 1, argv + 1);
		if (!strcmp(command, "review"))
			return cli_review(argc - 1, argv + 1);
		if (!strcmp(command, "rejects"))
			return cli_rejects(argc - 1, argv + 1);
		if (command[0] != '-' && !strchr(command, '.') && !strchr(command, '/'))
			return cli_usage_error(NULL, "unknown command '%s'", command);
	}
	return cli_browse(argc, argv);
}
