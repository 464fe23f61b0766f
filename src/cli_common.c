/* cli_common.c - what every subcommand shares: the cache path, errors, safe text (layer: CLI). */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "crimeview/strbuf.h"
#include "crimeview/text.h"

const char *cli_db_path(const char *option)
{
	if (option && option[0])
		return option;
	const char *env = getenv("CRIMEVIEW_DB");
	return env && env[0] ? env : "crimeview.db";
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("crimeview: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	fputs("crimeview: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'crimeview %s--help' for more information.\n",
		command ? command : "");
	return EXIT_USAGE;
}

int cli_parse_read_options(int argc, char **argv, const char *command, const char *help,
			   const char **db_option)
{
	static const struct option options[] = {
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (c == 'h') {
			fputs(help, stdout);
			return EXIT_DONE;
		}
		if (c != 'd')
			return cli_usage_error(command, c == ':' ? "%s needs a value" : "unknown option '%s'",
					       argv[optind - 1]);
		*db_option = optarg;
	}
	return CLI_PROCEED;
}

struct cache *cli_open_cache_read(const char *db_path)
{
	struct cache *cache = NULL;
	struct strbuf error = STRBUF_INIT;
	if (cache_open(db_path, CACHE_OPEN_READ, &cache, &error) != STATUS_OK)
		cli_error("%s", strbuf_str(&error));
	strbuf_free(&error);
	return cache;
}

void cli_put_text(FILE *f, const char *s, bool one_line)
{
	struct strbuf out = STRBUF_INIT;
	text_sanitize(s, strlen(s), one_line ? TEXT_SANITIZE_ONE_LINE : 0, &out);
	fwrite(strbuf_str(&out), 1, out.len, f);
	strbuf_free(&out);
}

size_t cli_text_width(const char *s)
{
	struct strbuf out = STRBUF_INIT;
	text_sanitize(s, strlen(s), TEXT_SANITIZE_ONE_LINE, &out);
	size_t width = text_display_width(strbuf_str(&out), out.len);
	strbuf_free(&out);
	return width;
}

void cli_put_padded(FILE *f, const char *s, size_t width)
{
	cli_put_text(f, s, true);
	for (size_t w = cli_text_width(s); w < width; w++)
		fputc(' ', f);
}
