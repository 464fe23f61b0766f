/* cli_show.c - crimeview show REF: every field of a record, notes in full (layer: CLI). */
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "cli.h"

static const char show_help[] =
	"Usage: crimeview show [--db FILE] REF\n"
	"Every record with this reference (a crime with several offences has several), each\n"
	"with every field of its file in the file's order and its notes in full. Control\n"
	"characters in the data are shown as visible symbols, never sent to the terminal.\n";

struct show_state {
	size_t index;
	size_t label_width;
};

static void print_record(const struct cache_record_view *view, void *data)
{
	struct show_state *state = data;
	if (state->index++)
		putchar('\n');
	printf("== ");
	cli_put_text(stdout, view->ref ? view->ref : "(no reference)", true);
	printf(" | %s | %s | ", view->kind ? view->kind : "kind not known",
	       view->date ? view->date : "no date");
	cli_put_text(stdout, view->file, true);
	printf(" line %lu\n", view->line);
	size_t width = 0;
	for (size_t i = 0; i < view->n_values; i++) {
		size_t w = cli_text_width(view->values[i].header);
		if (w > width)
			width = w;
	}
	for (size_t i = 0; i < view->n_values; i++) {
		const struct cache_value *v = &view->values[i];
		if (!strcmp(v->role, "notes"))
			continue;
		cli_put_padded(stdout, v->header, width + 2);
		cli_put_text(stdout, v->value ? v->value : "", true);
		putchar('\n');
	}
	if (view->notes_headers[0]) {
		printf("\n");
		cli_put_text(stdout, view->notes_headers, true);
		printf(":\n");
		if (view->notes) {
			cli_put_text(stdout, view->notes, false);
			putchar('\n');
		} else {
			printf("(blank)\n");
		}
	}
}

int cli_show(int argc, char **argv)
{
	const char *db_option = NULL;
	int result = cli_parse_read_options(argc, argv, "show ", show_help, &db_option);
	if (result != CLI_PROCEED)
		return result;
	result = EXIT_DONE;
	if (argc - optind != 1)
		return cli_usage_error("show ", argc == optind ? "which record? give its reference"
							      : "one reference at a time");
	const char *ref = argv[optind];
	struct cache *cache = cli_open_cache_read(cli_db_path(db_option));
	if (!cache)
		return EXIT_FAILED;
	struct show_state state = {0};
	size_t n = 0;
	enum status status = cache_records_by_ref(cache, ref, print_record, &state, &n);
	if (status != STATUS_OK) {
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
		result = EXIT_FAILED;
	} else if (n == 0) {
		fputs("crimeview: no record has the reference '", stderr);
		cli_put_text(stderr, ref, true);
		fprintf(stderr, "' in %s\n", cache_path(cache));
		result = EXIT_FAILED;
	}
	cache_close(cache);
	return result;
}
