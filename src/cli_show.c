/* cli_show.c - crimeview show REF: every field of a record, notes in full (layer: CLI). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_query.h"
#include "crimeview/render.h"

static const char show_help[] =
	"Usage: crimeview show [--db FILE] [--redact] [--redact-list FILE] [--personal COL] REF\n"
	"Every record with this reference (a crime with several offences has several), each\n"
	"with every field of its file in the file's order and its notes in full. Control\n"
	"characters in the data are shown as visible symbols, never sent to the terminal.\n"
	"  --redact                personal data out of the values and notes: phone numbers,\n"
	"                          e-mail addresses, postcodes... become [phone], [email]...;\n"
	"                          personal fields (a name, address, date of birth, phone or\n"
	"                          e-mail by their headers) become [name]... and their values\n"
	"                          leave the notes too; a last line counts what was removed\n"
	"  --redact-list FILE      also remove these names and places (one a line, any case)\n"
	"  --personal COL[:CAT]    also treat COL as personal (CAT name, address, dob, phone,\n"
	"                          email...; default from its header, else name)\n";

struct show_state {
	size_t index;
	struct redactor *redactor; /* NULL: redaction off */
	struct redact_counts counts;
	struct strbuf buf;
};

/* value as shown: redacted when redaction is on (buffer reused), else as it is. */
static const char *shown(struct show_state *state, const struct cache_value *v)
{
	if (!state->redactor || !v->value)
		return v->value ? v->value : "";
	strbuf_reset(&state->buf);
	const struct redact_field field = {v->name, v->header, v->value};
	redact_record_value(state->redactor, &field, &state->buf, &state->counts);
	return strbuf_str(&state->buf);
}

/* Readies the redactor with the record's personal values (the notes have none). */
static void begin_record(struct show_state *state, const struct cache_record_view *view)
{
	if (!state->redactor)
		return;
	struct redact_field *fields = xcalloc(view->n_values + 1, sizeof(*fields));
	size_t n = 0;
	for (size_t i = 0; i < view->n_values; i++)
		if (strcmp(view->values[i].role, "notes"))
			fields[n++] = (struct redact_field){view->values[i].name,
							   view->values[i].header,
							   view->values[i].value};
	redact_record_begin(state->redactor, fields, n);
	free(fields);
}

static void print_notes(struct show_state *state, const char *notes)
{
	if (!state->redactor) {
		cli_put_text(stdout, notes, false);
		return;
	}
	strbuf_reset(&state->buf);
	redact_text(state->redactor, notes, strlen(notes), &state->buf, &state->counts);
	cli_put_text(stdout, strbuf_str(&state->buf), false);
}

static void print_record(const struct cache_record_view *view, void *data)
{
	struct show_state *state = data;
	if (state->index++)
		putchar('\n');
	begin_record(state, view);
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
		cli_put_text(stdout, shown(state, v), true);
		putchar('\n');
	}
	if (view->notes_headers[0]) {
		printf("\n");
		cli_put_text(stdout, view->notes_headers, true);
		printf(":\n");
		if (view->notes) {
			print_notes(state, view->notes);
			putchar('\n');
		} else {
			printf("(blank)\n");
		}
	}
}

static const struct option show_options[] = {
	{"db", required_argument, NULL, QUERY_OPT_DB},
	REDACT_LONG_OPTIONS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int cli_show(int argc, char **argv)
{
	const char *db_option = NULL;
	struct redact_request redact = {0};
	struct show_state state = {0};
	struct cache *cache = NULL;
	int result = CLI_PROCEED, c;
	opterr = 0;
	while (result == CLI_PROCEED &&
	       (c = getopt_long(argc, argv, ":h", show_options, NULL)) != -1) {
		if (c == 'h') {
			fputs(show_help, stdout);
			result = EXIT_DONE;
		} else if (c == QUERY_OPT_DB) {
			db_option = optarg;
		} else if (!redact_request_option(&redact, c, optarg)) {
			result = cli_usage_error("show ",
						 c == ':' ? "%s needs a value"
							  : "unknown option '%s'",
						 argv[optind - 1]);
		}
	}
	if (result != CLI_PROCEED)
		goto out;
	result = EXIT_DONE;
	if (argc - optind != 1) {
		result = cli_usage_error("show ", argc == optind ? "which record? give its reference"
								: "one reference at a time");
		goto out;
	}
	const char *ref = argv[optind];
	cache = cli_open_cache_read(cli_db_path(db_option));
	if (!cache) {
		result = EXIT_FAILED;
		goto out;
	}
	result = redact_request_make(&redact, cache, "show ", &state.redactor);
	if (result != EXIT_DONE)
		goto out;
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
	} else if (state.redactor) {
		struct strbuf note = STRBUF_INIT;
		render_note_redaction(&state.counts, false, &note);
		printf("\n%s", strbuf_str(&note));
		strbuf_free(&note);
	}
out:
	redactor_free(state.redactor);
	strbuf_free(&state.buf);
	redact_request_free(&redact);
	cache_close(cache);
	return result;
}
