/*
 * cli_import.h - import options shared by crimeview import and crimeview FILE.csv
 * (layer: CLI).
 */
#ifndef CRIMEVIEW_CLI_IMPORT_H
#define CRIMEVIEW_CLI_IMPORT_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "crimeview/import.h"

enum import_option {
	IMPORT_OPT_DB = 256,
	IMPORT_OPT_KIND,
	IMPORT_OPT_REF,
	IMPORT_OPT_DATE,
	IMPORT_OPT_NOTES,
	IMPORT_OPT_KIND_FIELD,
	IMPORT_OPT_MAP,
	IMPORT_OPT_DATE_FORMAT,
	IMPORT_OPT_ENCODING,
	IMPORT_OPT_DELIMITER,
	IMPORT_OPT_FORCE,
	IMPORT_OPT_REBUILD,
	IMPORT_OPT_QUIET,
};

struct import_request {
	struct import_options options;
	bool rebuild, quiet;
	char **owned; /* column names copied from options and map files */
	size_t n_owned;
	char **notes;
	size_t n_notes;
};

extern const struct option import_long_options[];

/* Applies one parsed option; returns EXIT_DONE, EXIT_USAGE (message printed), or -1 when
 * the option is not an import option. */
int import_request_option(struct import_request *request, int option, const char *arg);
/*
 * Parses the options of import (and of crimeview FILE.csv): --db, --help and the import
 * options. Returns CLI_PROCEED with optind at the first file, or an exit code once it has
 * printed the help or a usage error.
 */
int import_request_parse(int argc, char **argv, const char *command, const char *help,
			 struct import_request *request, const char **db_option);
/* Sets a role's column; returns -1 for an unknown role. */
int import_request_set_role(struct import_request *request, const char *role, const char *column);
void import_request_free(struct import_request *request);
/* Runs the import and prints the report; returns the exit code. */
int import_run(struct import_request *request, const char *db_path, char *const *files,
	       size_t n_files);

#endif
