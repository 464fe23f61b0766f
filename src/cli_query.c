/* cli_query.c - parsing the filter and table options (layer: CLI). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_query.h"
#include "crimeview/date.h"

const struct option query_long_options[] = {
	{"db", required_argument, NULL, QUERY_OPT_DB},
	{"kind", required_argument, NULL, QUERY_OPT_KIND},
	{"from", required_argument, NULL, QUERY_OPT_FROM},
	{"to", required_argument, NULL, QUERY_OPT_TO},
	{"match", required_argument, NULL, QUERY_OPT_MATCH},
	{"where", required_argument, NULL, QUERY_OPT_WHERE},
	{"rows", required_argument, NULL, QUERY_OPT_ROWS},
	{"cols", required_argument, NULL, QUERY_OPT_COLS},
	{"period", required_argument, NULL, QUERY_OPT_PERIOD},
	{"band", required_argument, NULL, QUERY_OPT_BAND},
	{"count", required_argument, NULL, QUERY_OPT_COUNT},
	{"measure", required_argument, NULL, QUERY_OPT_MEASURE},
	{"suppress", required_argument, NULL, QUERY_OPT_SUPPRESS},
	{"sort", required_argument, NULL, QUERY_OPT_SORT},
	{"format", required_argument, NULL, QUERY_OPT_FORMAT},
	{"fields", required_argument, NULL, QUERY_OPT_FIELDS},
	{"limit", required_argument, NULL, QUERY_OPT_LIMIT},
	{"review", required_argument, NULL, QUERY_OPT_REVIEW},
	REDACT_LONG_OPTIONS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

const char *query_option_name(int option)
{
	for (const struct option *o = query_long_options; o->name; o++)
		if (o->val == option)
			return o->name;
	return "?";
}

/* Reads --from/--to: any date crimeview reads (day-first); a month means its first or last
 * day. */
static int parse_bound(const char *arg, bool is_to, char *iso, const char *command)
{
	struct date_value date;
	const char *reason = NULL;
	if (date_parse(arg, strlen(arg), DATE_ORDER_DAY_FIRST, NULL, &date, &reason) != STATUS_OK)
		return cli_usage_error(command, "%s \"%s\": %s", is_to ? "--to" : "--from", arg,
				       reason ? reason : "not a date");
	if (date.precision == DATE_PRECISION_MONTH) {
		static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
		date.day = !is_to ? 1 : date.month == 2 && leap ? 29 : days[date.month - 1];
	}
	snprintf(iso, 11, "%04d-%02d-%02d", date.year, date.month, date.day);
	return EXIT_DONE;
}

static long parse_positive(const char *arg, const char *option, const char *command, int *result)
{
	char *end;
	errno = 0;
	long value = strtol(arg, &end, 10);
	if (end == arg || *end || errno || value < 1 || value > 1000000000) {
		*result = cli_usage_error(command, "%s takes a whole number from 1, not '%s'", option, arg);
		return 0;
	}
	*result = EXIT_DONE;
	return value;
}

#define APPEND(array, n, item) \
	do { \
		(array) = xrealloc((array), ((n) + 1) * sizeof(*(array))); \
		(array)[(n)++] = (item); \
	} while (0)

int query_request_option(struct query_request *r, int option, const char *arg, const char *command)
{
	struct table_spec *spec = &r->spec;
	struct strbuf error = STRBUF_INIT;
	int result = EXIT_DONE;
	switch (option) {
	case QUERY_OPT_DB:
		r->db_option = arg;
		break;
	case QUERY_OPT_KIND:
		if (!query_kind_parse(arg, &spec->filters.kind))
			result = cli_usage_error(command, "--kind takes crime, incident or other, not '%s'",
						 arg);
		break;
	case QUERY_OPT_FROM:
		result = parse_bound(arg, false, spec->filters.from, command);
		break;
	case QUERY_OPT_TO:
		result = parse_bound(arg, true, spec->filters.to, command);
		break;
	case QUERY_OPT_MATCH:
		spec->filters.match = arg;
		break;
	case QUERY_OPT_WHERE: {
		struct where_term term;
		if (where_parse(arg, &term, &error) != STATUS_OK) {
			result = cli_usage_error(command, "%s", strbuf_str(&error));
			break;
		}
		APPEND(r->where, spec->filters.n_where, term);
		spec->filters.where = r->where;
		break;
	}
	case QUERY_OPT_ROWS:
		APPEND(r->rows, r->n_rows, xstrdup(arg));
		result = query_request_set_rows(r, arg, command);
		break;
	case QUERY_OPT_COLS:
		spec->cols = arg;
		break;
	case QUERY_OPT_PERIOD:
		if (!period_parse(arg, &spec->period))
			result = cli_usage_error(command,
						 "--period takes year, fy, year@MM, quarter or month, not '%s'",
						 arg);
		break;
	case QUERY_OPT_BAND: {
		struct band_spec band;
		if (band_parse(arg, &band, &error) != STATUS_OK) {
			result = cli_usage_error(command, "%s", strbuf_str(&error));
			break;
		}
		APPEND(r->bands, spec->n_bands, band);
		spec->bands = r->bands;
		break;
	}
	case QUERY_OPT_COUNT:
		if (!strcmp(arg, "rows") || !strcmp(arg, "refs"))
			spec->count_refs = !strcmp(arg, "refs");
		else
			result = cli_usage_error(command, "--count takes rows or refs, not '%s'", arg);
		break;
	case QUERY_OPT_MEASURE: {
		struct measure_spec measure;
		if (measure_parse(arg, &measure, &error) != STATUS_OK) {
			result = cli_usage_error(command, "%s", strbuf_str(&error));
			break;
		}
		APPEND(r->measures, spec->n_measures, measure);
		spec->measures = r->measures;
		break;
	}
	case QUERY_OPT_SUPPRESS:
		spec->suppress = (int)parse_positive(arg, "--suppress", command, &result);
		break;
	case QUERY_OPT_SORT:
		if (!strcmp(arg, "label") || !strcmp(arg, "total"))
			spec->sort = !strcmp(arg, "total") ? SORT_TOTAL : SORT_LABEL;
		else
			result = cli_usage_error(command, "--sort takes label or total, not '%s'", arg);
		break;
	case QUERY_OPT_FORMAT:
		if (!render_format_parse(arg, &r->format))
			result = cli_usage_error(command,
						 "--format takes text, tsv, csv, md or json, not '%s'", arg);
		break;
	case QUERY_OPT_FIELDS:
		r->fields = arg;
		break;
	case QUERY_OPT_LIMIT:
		r->limit = parse_positive(arg, "--limit", command, &result);
		break;
	case QUERY_OPT_REVIEW:
		if (review_name_check(arg, &error) != STATUS_OK)
			result = cli_usage_error(command, "--review: %s", strbuf_str(&error));
		spec->filters.review = arg;
		break;
	default:
		if (!redact_request_option(&r->redact, option, arg))
			result = cli_usage_error(command, "unknown option");
	}
	strbuf_free(&error);
	return result;
}

void query_request_free(struct query_request *r)
{
	for (size_t i = 0; i < r->spec.filters.n_where; i++)
		where_term_clear(&r->where[i]);
	free(r->where);
	for (size_t i = 0; i < r->spec.n_bands; i++)
		band_clear(&r->bands[i]);
	free(r->bands);
	for (size_t i = 0; i < r->spec.n_measures; i++)
		measure_clear(&r->measures[i]);
	free(r->measures);
	for (size_t i = 0; i < r->n_rows; i++)
		free(r->rows[i]);
	free(r->rows);
	free(r->split_rows);
	redact_request_free(&r->redact);
}

bool redact_request_option(struct redact_request *r, int option, const char *arg)
{
	switch (option) {
	case QUERY_OPT_REDACT:
		break;
	case QUERY_OPT_REDACT_LIST:
		APPEND(r->lists, r->n_lists, arg);
		break;
	case QUERY_OPT_PERSONAL:
		APPEND(r->personal, r->n_personal, arg);
		break;
	default:
		return false;
	}
	r->on = true;
	return true;
}

void redact_request_free(struct redact_request *r)
{
	free(r->lists);
	free(r->personal);
	memset(r, 0, sizeof(*r));
}

int redact_request_make(const struct redact_request *r, struct cache *cache, const char *command,
			struct redactor **out)
{
	*out = NULL;
	if (!r->on)
		return EXIT_DONE;
	struct redactor *redactor = redactor_new();
	struct strbuf error = STRBUF_INIT;
	int result = EXIT_DONE;
	for (size_t i = 0; i < r->n_lists && result == EXIT_DONE; i++) {
		if (redactor_add_list(redactor, r->lists[i]) != STATUS_OK) {
			cli_error("%s: %s", r->lists[i], strerror(errno));
			result = EXIT_USAGE;
		}
	}
	for (size_t i = 0; i < r->n_personal && result == EXIT_DONE; i++)
		if (redactor_add_personal(redactor, r->personal[i], &error) != STATUS_OK)
			result = cli_usage_error(command, "%s", strbuf_str(&error));
	if (result == EXIT_DONE) {
		enum status status = query_redactor_check(cache, redactor, &error);
		if (status != STATUS_OK)
			result = query_report_failure(status, &error);
	}
	strbuf_free(&error);
	if (result != EXIT_DONE) {
		redactor_free(redactor);
		return result;
	}
	*out = redactor;
	return EXIT_DONE;
}

int review_request_check(struct cache *cache, const char *review)
{
	if (!review)
		return EXIT_DONE;
	int64_t n = 0;
	if (review_count(cache, review, &n) != STATUS_OK) {
		cli_error("%s: %s", cache_path(cache), cache_error(cache));
		return EXIT_FAILED;
	}
	if (n == 0) {
		fputs("crimeview: --review ", stderr);
		cli_put_text(stderr, review, true);
		fputs(": no record is marked in this review (crimeview review lists the reviews)\n",
		      stderr);
		return EXIT_USAGE;
	}
	return EXIT_DONE;
}

int query_request_set_rows(struct query_request *r, const char *value, const char *command)
{
	free(r->split_rows);
	r->split_rows = xstrdup(value);
	char *comma = strchr(r->split_rows, ',');
	r->spec.rows[0] = r->split_rows;
	r->spec.n_rows = 1;
	if (!comma)
		return EXIT_DONE;
	*comma = '\0';
	r->spec.rows[1] = comma + 1;
	r->spec.n_rows = 2;
	if (strchr(comma + 1, ','))
		return cli_usage_error(command, "--rows takes one or two fields, not '%s'", value);
	return EXIT_DONE;
}

int query_request_parse(int argc, char **argv, const char *command, const char *help, bool list,
			struct query_request *request)
{
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", query_long_options, NULL)) != -1) {
		if (c == 'h') {
			fputs(help, stdout);
			return EXIT_DONE;
		}
		bool table_option = c >= QUERY_OPT_ROWS && c <= QUERY_OPT_SORT;
		bool list_option = c == QUERY_OPT_FIELDS || c == QUERY_OPT_LIMIT;
		if ((list && table_option) || (!list && list_option))
			return cli_usage_error(command, "--%s belongs to crimeview %s, not %s",
					       query_option_name(c), list ? "table" : "list",
					       list ? "list" : "table");
		if (c == ':' || c == '?')
			return cli_usage_error(command, c == ':' ? "%s needs a value" : "unknown option '%s'",
					       argv[optind - 1]);
		int result = query_request_option(request, c, optarg, command);
		if (result != EXIT_DONE)
			return result;
	}
	return CLI_PROCEED;
}

static struct cache *interruptible;

static void on_interrupt(int signal_number)
{
	(void)signal_number;
	if (interruptible)
		query_interrupt(interruptible); /* safe in a handler: it only sets a flag */
}

void query_catch_interrupt(struct cache *cache)
{
	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_handler = cache ? on_interrupt : SIG_DFL;
	sigemptyset(&action.sa_mask);
	interruptible = cache;
	sigaction(SIGINT, &action, NULL);
}

int query_report_failure(enum status status, const struct strbuf *error)
{
	if (status == STATUS_INTERRUPTED) {
		cli_error("interrupted");
		return EXIT_FAILED;
	}
	cli_error("%s", error->len ? error->data : status_message(status));
	return status == STATUS_UNKNOWN_FIELD || status == STATUS_BAD_QUERY ? EXIT_USAGE : EXIT_FAILED;
}
