/*
 * cli_import.c - crimeview import: options, the map file, the report (layer: CLI).
 *
 * What the user sees: a progress bar while files are read (on a terminal), each rejected
 * row as FILE:LINE: cause on stderr (the first REJECTS_SHOWN of each file; all are kept
 * in the cache and listed by crimeview rejects), notices about date order and encoding,
 * one line per file and a total on stdout.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_import.h"
#include "crimeview/format.h"
#include "crimeview/import.h"
#include "crimeview/review.h"
#include "progress.h"

#define REJECTS_SHOWN 20

static const char import_help[] =
	"Usage: crimeview import [--db FILE] [OPTIONS] FILE.csv ...\n"
	"Build or refresh the cache from crime and incident exports. A file already in the\n"
	"cache with the same bytes is skipped; a changed file replaces its own records. All\n"
	"files go in as one transaction: an interrupted import leaves the previous cache.\n"
	"\n"
	"  --db FILE               the cache (default $CRIMEVIEW_DB, else crimeview.db)\n"
	"  --kind crime|incident   what every record of these files is\n"
	"  --ref COL               the reference column (crime or incident number)\n"
	"  --date COL              the date that periods count by\n"
	"  --notes COL             a free-text column to search (repeatable)\n"
	"  --kind-field COL        a column saying crime or incident per record\n"
	"  --map FILE              roles from a file of lines 'role = Header'\n"
	"                          (roles: ref, date, notes, kind; # starts a comment)\n"
	"  --date-format F         dmy (UK, default), mdy, ymd, or a pattern of %d %m %b %Y\n"
	"                          %y %H %I %M %S %p %z, e.g. '%m/%d/%Y, %I:%M:%S %p'\n"
	"  --encoding E            utf-8 or windows-1252 (default: detected per file)\n"
	"  --delimiter C           , ; tab or | (default: detected from the header)\n"
	"  --force                 import the files again even when unchanged\n"
	"  --rebuild               build a new cache from just these files, replacing the old\n"
	"                          one only when the import succeeds (keeping the review\n"
	"                          marks of these files)\n"
	"  --quiet                 print only problems\n"
	"COL is a field name (offence_title) or the header as written (\"Offence Title\").\n"
	"Dates are read day-first (UK) unless a file proves it is month-first; a file whose\n"
	"dates are all ambiguous is read day-first and reported.\n";

struct import_report {
	struct progress_bar bar;
	bool quiet;
	const char *current_path;
	size_t rejects_shown;
	size_t rejects_total;
};

static void on_progress(const struct import_progress *progress, void *data)
{
	struct import_report *report = data;
	progress_update(&report->bar, progress);
}

static void on_finishing(int64_t rows_imported, void *data)
{
	struct import_report *report = data;
	char rows[32];
	format_count(rows_imported, rows, sizeof(rows));
	char what[96];
	snprintf(what, sizeof(what), "indexing %s records…", rows);
	progress_note(&report->bar, what);
}

static void on_reject(const char *path, unsigned long line, const char *cause, void *data)
{
	struct import_report *report = data;
	progress_clear(&report->bar);
	if (report->current_path != path) {
		report->current_path = path;
		report->rejects_shown = report->rejects_total = 0;
	}
	report->rejects_total++;
	if (report->rejects_shown++ < REJECTS_SHOWN) {
		fprintf(stderr, "%s:%lu: ", path, line);
		cli_put_text(stderr, cause, true);
		fputc('\n', stderr);
	}
}

static void on_notice(const char *path, const char *message, void *data)
{
	struct import_report *report = data;
	progress_clear(&report->bar);
	fprintf(stderr, "%s: ", path);
	cli_put_text(stderr, message, true);
	fputc('\n', stderr);
}

static void on_file_done(const struct import_file_result *result, void *data)
{
	struct import_report *report = data;
	progress_clear(&report->bar);
	if (report->current_path == result->path && report->rejects_total > REJECTS_SHOWN) {
		char more[32];
		format_count((int64_t)(report->rejects_total - REJECTS_SHOWN), more, sizeof(more));
		fprintf(stderr, "%s: %s more rejected rows not shown (crimeview rejects lists them all)\n",
			result->path, more);
	}
	if (result->outcome == IMPORT_FAILED) {
		fputs("crimeview: ", stderr);
		cli_put_text(stderr, result->message, true);
		fputc('\n', stderr);
		return;
	}
	if (report->quiet)
		return;
	if (result->outcome == IMPORT_UNCHANGED) {
		printf("%s: unchanged since the last import\n", result->path);
		return;
	}
	char read[32], imported[32], rejected[32], took[32];
	format_count(result->rows_read, read, sizeof(read));
	format_count(result->rows_imported, imported, sizeof(imported));
	format_count(result->rows_rejected, rejected, sizeof(rejected));
	format_seconds(result->seconds, took, sizeof(took));
	printf("%s: %s row%s read, %s imported, %s rejected (%s%s%s, %s dates) in %s\n",
	       result->path, read, result->rows_read == 1 ? "" : "s", imported, rejected,
	       result->kind[0] ? result->kind : "",
	       result->kind[0] ? ", " : "", result->encoding, result->date_order, took);
}

static void print_totals(const struct import_totals *totals, const char *db_path)
{
	char read[32], imported[32], rejected[32], took[32], rate[32];
	format_count(totals->rows_read, read, sizeof(read));
	format_count(totals->rows_imported, imported, sizeof(imported));
	format_count(totals->rows_rejected, rejected, sizeof(rejected));
	format_seconds(totals->seconds, took, sizeof(took));
	format_count(totals->seconds > 0 ? (int64_t)((double)totals->rows_read / totals->seconds) : 0,
		     rate, sizeof(rate));
	size_t n_imported = totals->n_files - totals->n_unchanged - totals->n_failed;
	printf("%zu file%s imported, %zu unchanged, %zu failed: %s row%s read, %s imported, %s "
	       "rejected in %s (%s rows/s) into %s\n",
	       n_imported, n_imported == 1 ? "" : "s", totals->n_unchanged, totals->n_failed, read,
	       totals->rows_read == 1 ? "" : "s", imported, rejected, took, rate, db_path);
}

/* Adds "role = Header" lines of a map file to the options. */
static int read_map_file(const char *path, struct import_request *request)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	char *line = NULL;
	size_t cap = 0;
	unsigned long number = 0;
	int result = EXIT_DONE;
	while (getline(&line, &cap, f) >= 0) {
		number++;
		char *s = line;
		s[strcspn(s, "\r\n")] = '\0';
		char *hash = strchr(s, '#');
		if (hash)
			*hash = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			cli_error("%s:%lu: expected 'role = Header'", path, number);
			result = EXIT_USAGE;
			break;
		}
		char *role = s, *header = eq + 1;
		*eq = '\0';
		for (char *end = eq - 1; end >= role && (*end == ' ' || *end == '\t'); end--)
			*end = '\0';
		while (*header == ' ' || *header == '\t')
			header++;
		for (char *end = header + strlen(header) - 1; end >= header && (*end == ' ' || *end == '\t');
		     end--)
			*end = '\0';
		if (!*header) {
			cli_error("%s:%lu: no header after '='", path, number);
			result = EXIT_USAGE;
			break;
		}
		if (import_request_set_role(request, role, header) != 0) {
			cli_error("%s:%lu: unknown role '%s' (roles: ref, date, notes, kind)", path,
				  number, role);
			result = EXIT_USAGE;
			break;
		}
	}
	free(line);
	fclose(f);
	return result;
}

int import_request_set_role(struct import_request *request, const char *role, const char *column)
{
	char *copy = xstrdup(column);
	request->owned = xrealloc(request->owned, (request->n_owned + 1) * sizeof(*request->owned));
	request->owned[request->n_owned++] = copy;
	if (!strcmp(role, "ref"))
		request->options.ref_column = copy;
	else if (!strcmp(role, "date"))
		request->options.date_column = copy;
	else if (!strcmp(role, "kind"))
		request->options.kind_column = copy;
	else if (!strcmp(role, "notes")) {
		request->notes = xrealloc(request->notes, (request->n_notes + 1) * sizeof(*request->notes));
		request->notes[request->n_notes++] = copy;
		request->options.notes_columns = (const char *const *)request->notes;
		request->options.n_notes_columns = request->n_notes;
	} else {
		return -1;
	}
	return 0;
}

void import_request_free(struct import_request *request)
{
	for (size_t i = 0; i < request->n_owned; i++)
		free(request->owned[i]);
	free(request->owned);
	free(request->notes);
}

int import_request_option(struct import_request *request, int option, const char *arg)
{
	struct import_options *o = &request->options;
	switch (option) {
	case IMPORT_OPT_KIND:
		if (strcmp(arg, "crime") && strcmp(arg, "incident"))
			return cli_usage_error("import ", "--kind takes crime or incident, not '%s'", arg);
		o->kind = arg;
		return EXIT_DONE;
	case IMPORT_OPT_REF:
		return import_request_set_role(request, "ref", arg), EXIT_DONE;
	case IMPORT_OPT_DATE:
		return import_request_set_role(request, "date", arg), EXIT_DONE;
	case IMPORT_OPT_NOTES:
		return import_request_set_role(request, "notes", arg), EXIT_DONE;
	case IMPORT_OPT_KIND_FIELD:
		return import_request_set_role(request, "kind", arg), EXIT_DONE;
	case IMPORT_OPT_MAP:
		return read_map_file(arg, request);
	case IMPORT_OPT_DATE_FORMAT:
		o->date_format = arg;
		return EXIT_DONE;
	case IMPORT_OPT_ENCODING:
		if (!text_encoding_parse(arg, &o->encoding))
			return cli_usage_error("import ",
					       "--encoding takes utf-8 or windows-1252, not '%s'", arg);
		o->encoding_forced = true;
		return EXIT_DONE;
	case IMPORT_OPT_DELIMITER:
		if (!strcmp(arg, "tab") || !strcmp(arg, "\\t") || !strcmp(arg, "\t"))
			o->delimiter = '\t';
		else if (strlen(arg) == 1 && strchr(",;|", arg[0]))
			o->delimiter = arg[0];
		else
			return cli_usage_error("import ", "--delimiter takes , ; tab or |, not '%s'", arg);
		return EXIT_DONE;
	case IMPORT_OPT_FORCE:
		o->force = true;
		return EXIT_DONE;
	case IMPORT_OPT_REBUILD:
		request->rebuild = true;
		return EXIT_DONE;
	case IMPORT_OPT_QUIET:
		request->quiet = true;
		return EXIT_DONE;
	default:
		return -1;
	}
}

/* Imports into path itself, or (rebuild) into a new file renamed over it on success. */
int import_run(struct import_request *request, const char *db_path, char *const *files,
	       size_t n_files)
{
	struct strbuf target = STRBUF_INIT;
	strbuf_append_str(&target, db_path);
	if (request->rebuild) {
		strbuf_appendf(&target, ".rebuild-%ld", (long)getpid());
		unlink(target.data);
	}
	struct cache *cache = NULL;
	struct strbuf error = STRBUF_INIT;
	int result = EXIT_DONE;
	if (cache_open(target.data, CACHE_OPEN_WRITE, &cache, &error) != STATUS_OK) {
		cli_error("%s", strbuf_str(&error));
		result = EXIT_FAILED;
		goto out;
	}
	struct import_report report = {.quiet = request->quiet};
	progress_init(&report.bar);
	struct import_callbacks callbacks = {
		.progress = on_progress,
		.reject = on_reject,
		.notice = on_notice,
		.file_done = on_file_done,
		.finishing = on_finishing,
		.data = &report,
	};
	struct import_totals totals;
	enum status status = import_files(cache, (const char *const *)files, n_files,
					  &request->options, &callbacks, &totals, &error);
	progress_clear(&report.bar);
	/* A rebuilt cache keeps the review marks of the files it holds (they are keyed by
	 * path and reference, not by record). */
	if (status == STATUS_OK && request->rebuild &&
	    review_copy_from(cache, db_path) != STATUS_OK) {
		strbuf_appendf(&error, "cannot keep the review marks of %s: %s", db_path,
			       cache_error(cache));
		status = STATUS_CACHE;
	}
	cache_close(cache);
	cache = NULL;
	if (status == STATUS_BAD_USAGE) {
		result = cli_usage_error("import ", "%s", strbuf_str(&error));
		goto out;
	}
	if (status != STATUS_OK) {
		cli_error("%s (the cache is unchanged)", strbuf_str(&error));
		result = EXIT_FAILED;
		goto out;
	}
	if (request->rebuild && rename(target.data, db_path) != 0) {
		cli_error("cannot replace %s: %s", db_path, strerror(errno));
		result = EXIT_FAILED;
		goto out;
	}
	if (!request->quiet)
		print_totals(&totals, db_path);
	if (totals.n_failed)
		result = EXIT_FAILED;
out:
	if (request->rebuild && result != EXIT_DONE) {
		/* The old cache stays; the half-made one goes. */
		unlink(target.data);
	}
	cache_close(cache);
	strbuf_free(&error);
	strbuf_free(&target);
	return result;
}

const struct option import_long_options[] = {
	{"db", required_argument, NULL, IMPORT_OPT_DB},
	{"kind", required_argument, NULL, IMPORT_OPT_KIND},
	{"ref", required_argument, NULL, IMPORT_OPT_REF},
	{"date", required_argument, NULL, IMPORT_OPT_DATE},
	{"notes", required_argument, NULL, IMPORT_OPT_NOTES},
	{"kind-field", required_argument, NULL, IMPORT_OPT_KIND_FIELD},
	{"map", required_argument, NULL, IMPORT_OPT_MAP},
	{"date-format", required_argument, NULL, IMPORT_OPT_DATE_FORMAT},
	{"encoding", required_argument, NULL, IMPORT_OPT_ENCODING},
	{"delimiter", required_argument, NULL, IMPORT_OPT_DELIMITER},
	{"force", no_argument, NULL, IMPORT_OPT_FORCE},
	{"rebuild", no_argument, NULL, IMPORT_OPT_REBUILD},
	{"quiet", no_argument, NULL, IMPORT_OPT_QUIET},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int import_request_parse(int argc, char **argv, const char *command, const char *help,
			 struct import_request *request, const char **db_option)
{
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", import_long_options, NULL)) != -1) {
		if (c == 'h') {
			fputs(help, stdout);
			return EXIT_DONE;
		}
		if (c == IMPORT_OPT_DB) {
			*db_option = optarg;
			continue;
		}
		if (c == ':' || c == '?')
			return cli_usage_error(command, c == ':' ? "%s needs a value" : "unknown option '%s'",
					       argv[optind - 1]);
		int result = import_request_option(request, c, optarg);
		if (result != EXIT_DONE)
			return result;
	}
	return CLI_PROCEED;
}

int cli_import(int argc, char **argv)
{
	struct import_request request = {0};
	const char *db_option = NULL;
	int result = import_request_parse(argc, argv, "import ", import_help, &request, &db_option);
	if (result == CLI_PROCEED) {
		if (optind >= argc)
			result = cli_usage_error("import ", "no file to import");
		else
			result = import_run(&request, cli_db_path(db_option), argv + optind,
					    (size_t)(argc - optind));
	}
	import_request_free(&request);
	return result;
}

static void print_reject(const struct cache_reject *reject, void *data)
{
	(void)data;
	printf("%s:%lu: ", reject->file, reject->line);
	cli_put_text(stdout, reject->cause, true);
	putchar('\n');
}

static const char rejects_help[] = "Usage: crimeview rejects [--db FILE] [FILE.csv]\n"
				   "Every row that could not be imported, as FILE:LINE: cause.\n";

int cli_rejects(int argc, char **argv)
{
	const char *db_option = NULL;
	int result = cli_parse_read_options(argc, argv, "rejects ", rejects_help, &db_option);
	if (result != CLI_PROCEED)
		return result;
	if (argc - optind > 1)
		return cli_usage_error("rejects ", "one file at most");
	struct cache *cache = cli_open_cache_read(cli_db_path(db_option));
	if (!cache)
		return EXIT_FAILED;
	char *path = optind < argc ? realpath(argv[optind], NULL) : NULL;
	if (optind < argc && !path) {
		cli_error("%s: %s", argv[optind], strerror(errno));
		cache_close(cache);
		return EXIT_FAILED;
	}
	size_t n = 0;
	enum status status = cache_rejects_each(cache, path, print_reject, NULL, &n);
	if (status != STATUS_OK)
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
	free(path);
	cache_close(cache);
	return status == STATUS_OK ? EXIT_DONE : EXIT_FAILED;
}
