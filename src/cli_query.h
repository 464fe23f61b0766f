/*
 * cli_query.h - the filter and table options shared by table, list and the browser
 * (layer: CLI).
 */
#ifndef CRIMEVIEW_CLI_QUERY_H
#define CRIMEVIEW_CLI_QUERY_H

#include <getopt.h>

#include "crimeview/query.h"
#include "crimeview/render.h"

enum query_option {
	QUERY_OPT_DB = 512,
	QUERY_OPT_KIND,
	QUERY_OPT_FROM,
	QUERY_OPT_TO,
	QUERY_OPT_MATCH,
	QUERY_OPT_WHERE,
	QUERY_OPT_ROWS,
	QUERY_OPT_COLS,
	QUERY_OPT_PERIOD,
	QUERY_OPT_BAND,
	QUERY_OPT_COUNT,
	QUERY_OPT_MEASURE,
	QUERY_OPT_SUPPRESS,
	QUERY_OPT_SORT,
	QUERY_OPT_FORMAT,
	QUERY_OPT_FIELDS,
	QUERY_OPT_LIMIT,
	QUERY_OPT_REVIEW,
	QUERY_OPT_REDACT,
	QUERY_OPT_REDACT_LIST,
	QUERY_OPT_PERSONAL,
};

/* The long options of redaction, for the option tables of table, list, show and review. */
#define REDACT_LONG_OPTIONS \
	{"redact", no_argument, NULL, QUERY_OPT_REDACT}, \
		{"redact-list", required_argument, NULL, QUERY_OPT_REDACT_LIST}, \
		{"personal", required_argument, NULL, QUERY_OPT_PERSONAL}

/* --redact, --redact-list FILE (repeatable), --personal COL[:CATEGORY] (repeatable); a
 * list or a personal column turns redaction on. */
struct redact_request {
	bool on;
	const char **lists; /* borrowed from argv */
	size_t n_lists;
	const char **personal; /* borrowed from argv */
	size_t n_personal;
};

struct query_request {
	struct table_spec spec;
	struct where_term *where;
	struct band_spec *bands;
	struct measure_spec *measures;
	char **rows; /* each --rows value: one table each (table only) */
	size_t n_rows;
	char *split_rows; /* the --rows in spec, split in place */
	enum render_format format;
	const char *db_option;
	const char *fields; /* list: --fields */
	long limit; /* list: --limit, 0 = all */
	struct redact_request redact;
};

/* The long options of table and list (all of them; each command rejects what it lacks). */
extern const struct option query_long_options[];

/* The long name of an option ("rows" for QUERY_OPT_ROWS). */
const char *query_option_name(int option);

/*
 * Parses the options of table (list false) or list (list true): the filters and that
 * command's own options; an option of the other command is refused by name. Returns
 * CLI_PROCEED with optind at the first operand, or an exit code once it has printed the
 * help or a usage error.
 */
int query_request_parse(int argc, char **argv, const char *command, const char *help, bool list,
			struct query_request *request);

/* Applies one option; returns EXIT_DONE, or EXIT_USAGE after printing why. */
int query_request_option(struct query_request *request, int option, const char *arg,
			 const char *command);
void query_request_free(struct query_request *request);

/* Sets spec->rows from one --rows value ("a" or "a,b"); EXIT_USAGE after printing why. */
int query_request_set_rows(struct query_request *request, const char *value, const char *command);

/* Takes a redaction option (QUERY_OPT_REDACT...) into r; false for any other option. */
bool redact_request_option(struct redact_request *r, int option, const char *arg);
void redact_request_free(struct redact_request *r);
/*
 * Makes the redactor r asks for, checked against the cache: EXIT_DONE with *out (NULL when
 * redaction is off; caller frees with redactor_free), or an exit code once it has printed
 * why: EXIT_USAGE for an unreadable --redact-list file ("crimeview: FILE: cause"), a bad
 * --personal or one naming no field.
 */
int redact_request_make(const struct redact_request *r, struct cache *cache, const char *command,
			struct redactor **out);
/*
 * Checks --review NAME before a table or list: EXIT_DONE, or EXIT_USAGE after printing why
 * (a bad name, or a review with no marks: most likely a typing error that would count every
 * record), or EXIT_FAILED when the cache cannot say.
 */
int review_request_check(struct cache *cache, const char *review);

/* While a table or list runs, ^C stops its query (it ends with "crimeview: interrupted",
 * exit 1) instead of killing the process; pass NULL to restore the default. */
void query_catch_interrupt(struct cache *cache);

/* Prints the message of a failed query (unknown field, bad query: exit 2; else exit 1). */
int query_report_failure(enum status status, const struct strbuf *error);

#endif
