/* cli_fields.c - crimeview fields: what each column is and holds (layer: CLI). */
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "cli.h"
#include "crimeview/format.h"

static const char fields_help[] =
	"Usage: crimeview fields [--db FILE]\n"
	"The fields of the cache: name (use it in --rows, --where...), the header it came from,\n"
	"its role (ref, date, notes, kind), its type (text, number, date), how many distinct\n"
	"values and how many blanks it has among the records of the files that have it.\n";

static void put_right(const char *s, size_t width)
{
	for (size_t w = strlen(s); w < width; w++)
		putchar(' ');
	fputs(s, stdout);
}

int cli_fields(int argc, char **argv)
{
	const char *db_option = NULL;
	int result = cli_parse_read_options(argc, argv, "fields ", fields_help, &db_option);
	if (result != CLI_PROCEED)
		return result;
	if (optind < argc)
		return cli_usage_error("fields ", "unexpected argument '%s'", argv[optind]);
	struct cache *cache = cli_open_cache_read(cli_db_path(db_option));
	if (!cache)
		return EXIT_FAILED;
	struct cache_field_info *fields;
	size_t n;
	enum status status = cache_fields_list(cache, true, &fields, &n);
	if (status != STATUS_OK) {
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
		cache_close(cache);
		return EXIT_FAILED;
	}
	size_t name_width = strlen("name"), header_width = strlen("header");
	for (size_t i = 0; i < n; i++) {
		size_t w = cli_text_width(fields[i].name);
		if (w > name_width)
			name_width = w;
		w = cli_text_width(fields[i].header);
		if (w > header_width)
			header_width = w;
	}
	if (header_width > 40)
		header_width = 40;
	cli_put_padded(stdout, "name", name_width + 2);
	cli_put_padded(stdout, "header", header_width + 2);
	printf("role   type    %10s %10s\n", "distinct", "blank");
	for (size_t i = 0; i < n; i++) {
		char distinct[32], blank[32];
		format_count(fields[i].n_distinct, distinct, sizeof(distinct));
		format_count(fields[i].n_blank, blank, sizeof(blank));
		cli_put_padded(stdout, fields[i].name, name_width + 2);
		cli_put_padded(stdout, fields[i].header, header_width + 2);
		printf("%-6s %-7s", fields[i].role, fields[i].type);
		putchar(' ');
		put_right(distinct, 10);
		putchar(' ');
		put_right(blank, 10);
		putchar('\n');
	}
	cache_fields_free(fields, n);
	cache_close(cache);
	return EXIT_DONE;
}
