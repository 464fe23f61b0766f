/*
 * cli_list.c - crimeview list: the records behind a filter, with chosen fields and notes
 * (layer: CLI). Records are fetched a page at a time and written as they come.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_query.h"

#define LIST_PAGE 500

static const char list_help[] =
	"Usage: crimeview list [--db FILE] [FILTERS] [--fields F,F...] [--limit N] [--format F]\n"
	"                      [--review NAME] [--redact] [--redact-list FILE] [--personal COL]\n"
	"The records matching the filters, in the order they were imported: reference, kind,\n"
	"date, the fields asked for, and the notes on one line.\n"
	"Filters are those of crimeview table (--kind, --from, --to, --match, --where).\n"
	"  --fields F,F...   fields to show (names or headers)\n"
	"  --limit N         at most N records\n"
	"  --format F        text (default), tsv, csv, md, json\n"
	"  --review NAME     leave out the records marked in review NAME (crimeview review)\n"
	"  --redact          personal data out of the notes and values: phone numbers, e-mail\n"
	"                    addresses, postcodes... become [phone], [email], [postcode]...;\n"
	"                    personal fields (names, addresses, dates of birth, phones, e-mails,\n"
	"                    found by their headers) become [name]... and their values leave\n"
	"                    the record's notes too\n"
	"  --redact-list FILE  also remove these names and places (one a line, any case)\n"
	"  --personal COL[:CATEGORY]  also treat COL as personal (CATEGORY name, address, dob,\n"
	"                    phone, email...; default from its header, else name)\n"
	"Text and md end with a Review line (with --review) and a Redaction line counting what\n"
	"was removed (with --redact); tsv, csv and json hold the records only.\n";

struct list_output {
	enum render_format format;
	const char *const *headers;
	size_t n_headers;
	bool first;
	struct strbuf buf;
};

static void print_record(const struct list_record *record, void *data)
{
	struct list_output *o = data;
	render_list_record(o->format, record, o->n_headers, o->headers, o->first, &o->buf);
	o->first = false;
	fwrite(o->buf.data, 1, o->buf.len, stdout);
	strbuf_reset(&o->buf);
}

/* Splits --fields at commas into a NULL-terminated array (caller frees array and copy). */
static char **split_fields(const char *arg, char **copy, size_t *n)
{
	*n = 0;
	*copy = xstrdup(arg ? arg : "");
	char **fields = xcalloc(strlen(*copy) + 2, sizeof(*fields));
	for (char *p = *copy; arg && *p;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p)
			fields[(*n)++] = p;
		if (!comma)
			break;
		p = comma + 1;
	}
	return fields;
}

/* The lines after a list in text and md: the review's summary and the redaction's counts. */
static int print_list_note(struct cache *cache, const struct query_request *request,
			   const struct redact_counts *counts)
{
	enum render_format format = request->format;
	if ((format != RENDER_TEXT && format != RENDER_MD) ||
	    (!request->spec.filters.review && !counts))
		return EXIT_DONE;
	struct strbuf out = STRBUF_INIT, error = STRBUF_INIT;
	int result = EXIT_DONE;
	strbuf_append_char(&out, '\n');
	if (request->spec.filters.review) {
		struct review_summary summary;
		enum status status =
			query_review_summary(cache, &request->spec.filters, &summary, &error);
		if (status != STATUS_OK)
			result = query_report_failure(status, &error);
		else
			render_note_review(&summary, format == RENDER_MD, &out);
		review_summary_clear(&summary);
	}
	if (counts)
		render_note_redaction(counts, format == RENDER_MD, &out);
	if (result == EXIT_DONE)
		fwrite(out.data, 1, out.len, stdout);
	strbuf_free(&out);
	strbuf_free(&error);
	return result;
}

static int run_list(struct cache *cache, const struct query_request *request,
		    struct redactor *redactor)
{
	char *copy;
	size_t n_fields;
	char **fields = split_fields(request->fields, &copy, &n_fields);
	struct strbuf error = STRBUF_INIT;
	struct list_query *list = NULL;
	enum status status = list_query_new(cache, &request->spec.filters, (const char *const *)fields,
					    n_fields, &list, &error);
	int result = EXIT_DONE;
	if (status != STATUS_OK) {
		result = query_report_failure(status, &error);
		goto out;
	}
	struct redact_counts counts = {{0}};
	if (redactor)
		status = list_query_redact(list, redactor, &counts);
	if (status != STATUS_OK) {
		result = query_report_failure(status, &error);
		goto out;
	}
	struct list_output o = {.format = request->format,
				.headers = list_query_headers(list),
				.n_headers = n_fields,
				.first = true};
	render_list_begin(o.format, o.headers, n_fields, &o.buf);
	int64_t after = 0;
	long left = request->limit ? request->limit : -1;
	for (;;) {
		size_t want = left < 0 || left > LIST_PAGE ? LIST_PAGE : (size_t)left, got = 0;
		if (want == 0)
			break;
		status = list_query_page(list, after, want, print_record, &o, &after, &got);
		if (status != STATUS_OK || got < want)
			break;
		if (left > 0)
			left -= (long)got;
	}
	if (status == STATUS_OK) {
		render_list_end(o.format, &o.buf);
		fwrite(o.buf.data ? o.buf.data : "", 1, o.buf.len, stdout);
		result = print_list_note(cache, request, redactor ? &counts : NULL);
	} else {
		result = query_report_failure(status, &error);
	}
	strbuf_free(&o.buf);
out:
	list_query_free(list);
	strbuf_free(&error);
	free(fields);
	free(copy);
	return result;
}

int cli_list(int argc, char **argv)
{
	struct query_request request = {.format = RENDER_TEXT};
	int result = query_request_parse(argc, argv, "list ", list_help, true, &request);
	if (result != CLI_PROCEED)
		goto out;
	result = EXIT_DONE;
	if (optind < argc) {
		result = cli_usage_error("list ", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	struct cache *cache = cli_open_cache_read(cli_db_path(request.db_option));
	if (!cache) {
		result = EXIT_FAILED;
		goto out;
	}
	struct redactor *redactor = NULL;
	result = review_request_check(cache, request.spec.filters.review);
	if (result == EXIT_DONE)
		result = redact_request_make(&request.redact, cache, "list ", &redactor);
	query_catch_interrupt(cache);
	if (result == EXIT_DONE)
		result = run_list(cache, &request, redactor);
	query_catch_interrupt(NULL);
	redactor_free(redactor);
	cache_close(cache);
out:
	query_request_free(&request);
	return result;
}
