/*
 * cli_review.c - crimeview review: the reviews, a review's marks, and marking records in or
 * out of a review (layer: CLI).
 *
 *   crimeview review [--db F]                               the reviews and their marks
 *   crimeview review [--db F] [--format F] [--redact] NAME  the records marked in NAME
 *   crimeview review [--db F] NAME --exclude REF... [--line N] [--reason TEXT]
 *   crimeview review [--db F] NAME --include REF... [--line N]
 * The marks are kept in the cache (review.h); table and list take --review NAME.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_query.h"
#include "crimeview/render.h"
#include "crimeview/review.h"

static const char review_help[] =
	"Usage: crimeview review [--db FILE]\n"
	"       crimeview review [--db FILE] [--format F] [--redact] NAME\n"
	"       crimeview review [--db FILE] NAME --exclude REF [--exclude REF...] [--line N]\n"
	"                        [--reason TEXT]\n"
	"       crimeview review [--db FILE] NAME --include REF [--include REF...] [--line N]\n"
	"A review is a named set of records left out of counts: the hits of a notes search that\n"
	"are not what was asked for, or a record entered twice. table and list with --review NAME\n"
	"leave them out and their method note says how many and why. Marks live in the cache and\n"
	"outlive re-imports: each is kept by file, reference and place among that file's\n"
	"records with that reference.\n"
	"Without NAME: the reviews, with their number of marks. With NAME alone: its marked\n"
	"records (reference, kind, date, reason, the notes; text shows their first words), then\n"
	"what the review leaves out, by reason.\n"
	"  --exclude REF      mark every record with reference REF (repeatable)\n"
	"  --include REF      take the mark off again (repeatable)\n"
	"  --line N           only the record of REF on line N of its file (a duplicate)\n"
	"  --reason TEXT      why the records are left out (\"no deepfake element\")\n"
	"  --format F         the list as text (default), tsv, csv, md, json\n"
	"  --redact, --redact-list FILE, --personal COL[:CAT]   as crimeview list\n";

enum review_option {
	REVIEW_OPT_EXCLUDE = QUERY_OPT_PERSONAL + 1,
	REVIEW_OPT_INCLUDE,
	REVIEW_OPT_LINE,
	REVIEW_OPT_REASON,
};

static const struct option review_options[] = {
	{"db", required_argument, NULL, QUERY_OPT_DB},
	{"format", required_argument, NULL, QUERY_OPT_FORMAT},
	{"exclude", required_argument, NULL, REVIEW_OPT_EXCLUDE},
	{"include", required_argument, NULL, REVIEW_OPT_INCLUDE},
	{"line", required_argument, NULL, REVIEW_OPT_LINE},
	{"reason", required_argument, NULL, REVIEW_OPT_REASON},
	REDACT_LONG_OPTIONS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* One --exclude or --include, in the order given. */
struct review_change {
	bool exclude;
	const char *ref;
};

struct review_request {
	const char *db_option;
	const char *name;
	enum render_format format;
	struct redact_request redact;
	struct review_change *changes;
	size_t n_changes;
	unsigned long line; /* 0: every record of the reference */
	const char *reason;
};

static int parse_line(const char *arg, unsigned long *line)
{
	char *end;
	errno = 0;
	unsigned long value = strtoul(arg, &end, 10);
	if (end == arg || *end || errno || value < 1 || arg[0] == '-')
		return cli_usage_error("review ", "--line takes a line number from 1, not '%s'",
				       arg);
	*line = value;
	return EXIT_DONE;
}

static int parse_options(int argc, char **argv, struct review_request *r)
{
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", review_options, NULL)) != -1) {
		int result = EXIT_DONE;
		switch (c) {
		case 'h':
			fputs(review_help, stdout);
			return EXIT_DONE;
		case QUERY_OPT_DB:
			r->db_option = optarg;
			break;
		case QUERY_OPT_FORMAT:
			if (!render_format_parse(optarg, &r->format))
				result = cli_usage_error("review ",
							 "--format takes text, tsv, csv, md or json, "
							 "not '%s'",
							 optarg);
			break;
		case REVIEW_OPT_EXCLUDE:
		case REVIEW_OPT_INCLUDE:
			r->changes = xrealloc(r->changes, (r->n_changes + 1) * sizeof(*r->changes));
			r->changes[r->n_changes++] =
				(struct review_change){c == REVIEW_OPT_EXCLUDE, optarg};
			break;
		case REVIEW_OPT_LINE:
			result = parse_line(optarg, &r->line);
			break;
		case REVIEW_OPT_REASON:
			r->reason = optarg;
			break;
		default:
			if (!redact_request_option(&r->redact, c, optarg))
				result = cli_usage_error("review ",
							 c == ':' ? "%s needs a value"
								  : "unknown option '%s'",
							 argv[optind - 1]);
		}
		if (result != EXIT_DONE)
			return result;
	}
	if (argc - optind > 1)
		return cli_usage_error("review ", "one review at a time, not '%s' and '%s'",
				       argv[optind], argv[optind + 1]);
	r->name = optind < argc ? argv[optind] : NULL;
	struct strbuf error = STRBUF_INIT;
	int result = CLI_PROCEED;
	if (r->name && review_name_check(r->name, &error) != STATUS_OK)
		result = cli_usage_error("review ", "%s", strbuf_str(&error));
	else if (!r->name && (r->n_changes || r->reason || r->line || r->redact.on))
		result = cli_usage_error("review ", "which review? give its name");
	else if (r->n_changes && (r->redact.on || r->format != RENDER_TEXT))
		result = cli_usage_error("review ", "--exclude and --include print no list: "
						    "leave out --format and --redact");
	else if (r->reason && !r->n_changes)
		result = cli_usage_error("review ", "--reason goes with --exclude");
	else if (r->line && r->n_changes != 1)
		result = cli_usage_error("review ", "--line goes with one --exclude or --include");
	strbuf_free(&error);
	return result;
}

/* ---- crimeview review: the reviews ---- */

static void print_review_name(const char *review, int64_t n_marks, void *data)
{
	size_t *n = data;
	(*n)++;
	cli_put_text(stdout, review, true);
	printf("  %lld mark%s\n", (long long)n_marks, n_marks == 1 ? "" : "s");
}

static int list_reviews(struct cache *cache)
{
	size_t n = 0;
	if (review_names_each(cache, print_review_name, &n) != STATUS_OK) {
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
		return EXIT_FAILED;
	}
	if (n == 0)
		printf("No reviews in %s yet: crimeview review NAME --exclude REF starts one.\n",
		       cache_path(cache));
	return EXIT_DONE;
}

/* ---- --exclude and --include ---- */

struct change_state {
	struct cache *cache;
	const struct review_request *request;
	const struct review_change *change;
	size_t n_matched;
	bool failed;
};

static void describe_record(const struct cache_record_view *view)
{
	cli_put_text(stdout, view->ref ? view->ref : "(no reference)", true);
	printf(" (%s, %s, ", view->kind ? view->kind : "kind not known",
	       view->date ? view->date : "no date");
	cli_put_text(stdout, view->file, true);
	printf(" line %lu)", view->line);
}

static void change_record(const struct cache_record_view *view, void *data)
{
	struct change_state *state = data;
	const struct review_request *r = state->request;
	if (state->failed || (r->line && view->line != r->line))
		return;
	state->n_matched++;
	bool done = false;
	enum status status;
	if (state->change->exclude)
		status = review_mark(state->cache, r->name, view->id, r->reason, &done);
	else
		status = review_unmark(state->cache, r->name, view->id, &done);
	if (status != STATUS_OK) {
		state->failed = true;
		return;
	}
	cli_put_text(stdout, r->name, true);
	if (state->change->exclude && !done)
		fputs(r->reason ? ": already excluded, reason updated: " : ": already excluded: ",
		      stdout);
	else if (state->change->exclude)
		fputs(": excluded ", stdout);
	else
		fputs(done ? ": included again " : ": was not excluded: ", stdout);
	describe_record(view);
	if (state->change->exclude && r->reason && r->reason[0]) {
		fputs(": ", stdout);
		cli_put_text(stdout, r->reason, true);
	}
	putchar('\n');
}

static int change_marks(struct cache *cache, const struct review_request *r)
{
	if (cache_begin(cache) != STATUS_OK) {
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
		return EXIT_FAILED;
	}
	int result = EXIT_DONE;
	for (size_t i = 0; i < r->n_changes && result == EXIT_DONE; i++) {
		struct change_state state = {cache, r, &r->changes[i], 0, false};
		size_t n = 0;
		enum status status =
			cache_records_by_ref(cache, r->changes[i].ref, change_record, &state, &n);
		if (status != STATUS_OK || state.failed) {
			cli_error("%s: %s", cache_path(cache), cache_error(cache));
			result = EXIT_FAILED;
		} else if (state.n_matched == 0) {
			fputs("crimeview: no record has the reference '", stderr);
			cli_put_text(stderr, r->changes[i].ref, true);
			if (r->line && n)
				fprintf(stderr, "' on line %lu", r->line);
			else
				fputs("'", stderr);
			fprintf(stderr, " in %s (nothing was changed)\n", cache_path(cache));
			result = EXIT_FAILED;
		}
	}
	if (result == EXIT_DONE && cache_commit(cache) != STATUS_OK) {
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
		result = EXIT_FAILED;
	}
	if (result != EXIT_DONE)
		cache_rollback(cache);
	return result;
}

/* ---- crimeview review NAME: its marks ---- */

/* The first words of the notes: at most 60 characters, cut at a space, then "...". */
#define SNIPPET_CHARS 60

static const char *snippet(const char *notes, struct strbuf *buf)
{
	if (!notes)
		return NULL;
	size_t chars = 0, i = 0, cut = 0;
	for (; notes[i] && chars < SNIPPET_CHARS; i++) {
		if (((unsigned char)notes[i] & 0xC0) != 0x80)
			chars++;
		if (notes[i] == ' ' || notes[i] == '\n')
			cut = i;
	}
	while (notes[i] && ((unsigned char)notes[i] & 0xC0) == 0x80)
		i++;
	if (!notes[i])
		return notes;
	strbuf_reset(buf);
	strbuf_append(buf, notes, cut ? cut : i);
	strbuf_append_str(buf, "...");
	return strbuf_str(buf);
}

struct marks_output {
	enum render_format format;
	bool first;
	struct strbuf buf, notes;
};

static void print_marked(const struct list_record *record, void *data)
{
	struct marks_output *o = data;
	static const char *const headers[] = {"Reason"};
	const char *values[] = {record->reason};
	struct list_record shown = *record;
	shown.values = values;
	if (o->format == RENDER_TEXT)
		shown.notes = snippet(record->notes, &o->notes);
	render_list_record(o->format, &shown, 1, headers, o->first, &o->buf);
	o->first = false;
	fwrite(o->buf.data, 1, o->buf.len, stdout);
	strbuf_reset(&o->buf);
}

static void report_gone(const struct review_mark *mark, void *data)
{
	const char *name = data;
	if (mark->record_id)
		return;
	fputs("crimeview: ", stderr);
	cli_put_text(stderr, name, true);
	fputs(": the record marked on ", stderr);
	cli_put_text(stderr, mark->path, true);
	fprintf(stderr, " line %lu (", mark->line);
	cli_put_text(stderr, mark->ref ? mark->ref : "no reference", true);
	fputs(") is no longer there: its file changed; the mark stays\n", stderr);
}

static int list_marks(struct cache *cache, const struct review_request *r,
		      struct redactor *redactor)
{
	struct query_filters filters = {.review = r->name, .review_only = true};
	struct list_query *list = NULL;
	struct strbuf error = STRBUF_INIT;
	struct redact_counts counts = {{0}};
	struct marks_output o = {.format = r->format, .first = true};
	static const char *const headers[] = {"Reason"};
	enum status status = list_query_new(cache, &filters, NULL, 0, &list, &error);
	if (status == STATUS_OK && redactor)
		status = list_query_redact(list, redactor, &counts);
	int64_t after = 0;
	size_t got = 0;
	if (status == STATUS_OK)
		render_list_begin(o.format, headers, 1, &o.buf);
	while (status == STATUS_OK) {
		status = list_query_page(list, after, 500, print_marked, &o, &after, &got);
		if (got < 500)
			break;
	}
	struct review_summary summary = {0};
	if (status == STATUS_OK)
		status = query_review_summary(cache, &filters, &summary, &error);
	size_t n_marks = 0;
	if (status == STATUS_OK)
		status = review_marks_each(cache, r->name, report_gone, (void *)r->name, &n_marks);
	if (status == STATUS_OK) {
		render_list_end(o.format, &o.buf);
		if (o.format == RENDER_TEXT || o.format == RENDER_MD) {
			strbuf_append_char(&o.buf, '\n');
			render_note_review(&summary, o.format == RENDER_MD, &o.buf);
			if (redactor)
				render_note_redaction(&counts, o.format == RENDER_MD, &o.buf);
		}
		fwrite(o.buf.data ? o.buf.data : "", 1, o.buf.len, stdout);
	}
	int result = EXIT_DONE;
	if (status != STATUS_OK)
		result = query_report_failure(status, &error);
	else if (n_marks == 0) {
		fputs("crimeview: review ", stderr);
		cli_put_text(stderr, r->name, true);
		fputs(" has no marks (crimeview review lists the reviews)\n", stderr);
	}
	review_summary_clear(&summary);
	list_query_free(list);
	strbuf_free(&o.buf);
	strbuf_free(&o.notes);
	strbuf_free(&error);
	return result;
}

int cli_review(int argc, char **argv)
{
	struct review_request r = {.format = RENDER_TEXT};
	struct cache *cache = NULL;
	struct redactor *redactor = NULL;
	int result = parse_options(argc, argv, &r);
	if (result != CLI_PROCEED)
		goto out;
	cache = cli_open_cache_read(cli_db_path(r.db_option));
	if (!cache) {
		result = EXIT_FAILED;
		goto out;
	}
	if (!r.name) {
		result = list_reviews(cache);
	} else if (r.n_changes) {
		result = change_marks(cache, &r);
	} else {
		result = redact_request_make(&r.redact, cache, "review ", &redactor);
		if (result == EXIT_DONE)
			result = list_marks(cache, &r, redactor);
	}
out:
	redactor_free(redactor);
	cache_close(cache);
	redact_request_free(&r.redact);
	free(r.changes);
	return result;
}
