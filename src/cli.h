/*
 * cli.h - the command line: subcommands over the core (layer: CLI).
 *
 * Each subcommand parses its own options, calls the core, and decides what to print and
 * which exit status to return: 0 done, 1 the work failed, 2 bad usage.
 */
#ifndef CRIMEVIEW_CLI_H
#define CRIMEVIEW_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "crimeview/cache.h"

enum exit_code {
	EXIT_DONE = 0,
	EXIT_FAILED = 1,
	EXIT_USAGE = 2,
};

int cli_import(int argc, char **argv);
int cli_fields(int argc, char **argv);
int cli_show(int argc, char **argv);
int cli_rejects(int argc, char **argv);
int cli_table(int argc, char **argv);
int cli_list(int argc, char **argv);
int cli_review(int argc, char **argv);
/* crimeview [--db F] [FILE.csv ...]: import what changed, then show what the cache holds. */
int cli_browse(int argc, char **argv);

/* Returned by the option parsers when the command goes on. */
#define CLI_PROCEED (-1)

/*
 * Parses the options of a command that reads the cache (--db FILE, --help). Returns
 * CLI_PROCEED with optind at the first operand, or an exit code once it has printed the
 * help (EXIT_DONE) or a usage error (EXIT_USAGE). command is "show " etc.
 */
int cli_parse_read_options(int argc, char **argv, const char *command, const char *help,
			   const char **db_option);

/* The cache path: --db, else $CRIMEVIEW_DB, else crimeview.db. */
const char *cli_db_path(const char *option);
/* Prints "crimeview: " + message to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a usage error, the hint to --help, and returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens the cache for reading; on failure prints why and returns NULL. */
struct cache *cli_open_cache_read(const char *db_path);
/* Writes s to f made inert for a terminal (control characters visible), keeping line
 * breaks unless one_line. */
void cli_put_text(FILE *f, const char *s, bool one_line);
/* Prints s then pads with spaces to width columns (display columns, after sanitizing). */
void cli_put_padded(FILE *f, const char *s, size_t width);
/* Display width of s after sanitizing for one line. */
size_t cli_text_width(const char *s);

extern const char cli_help_text[];

#endif
