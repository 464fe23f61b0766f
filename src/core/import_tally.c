/*
 * import_tally.c - the tallies an import leaves true (layer: core, private to the importer).
 *
 * Into an empty cache, the counts made on the way become the tallies (cache_tally.c says
 * what a tally is). Into a cache that has records, every tally there is kept true instead
 * of being dropped, so that the first table after adding a month's export still reads a
 * few thousand tally rows, not ten million records: the records a changed file had are
 * taken off, a new file's records are added (from the counts made on the way for a
 * one-field tally, from the records just written for a tally of two fields), and at the
 * end each tally is settled to one row per group.
 */
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

void import_tallies_collect(struct import_tallies *acc, struct file_import *fi)
{
	char **names = xcalloc(fi->n_value_columns + 1, sizeof(*names));
	for (size_t k = 0; k < fi->n_value_columns; k++) {
		const char *name = fi->names[fi->value_columns[k]];
		names[k] = xstrdup(name);
		size_t i = 0;
		while (i < acc->n && strcmp(acc->names[i], name))
			i++;
		if (i == acc->n) {
			acc->names = xrealloc(acc->names, (acc->n + 1) * sizeof(*acc->names));
			acc->tallies = xrealloc(acc->tallies, (acc->n + 1) * sizeof(*acc->tallies));
			acc->names[acc->n] = xstrdup(name);
			acc->tallies[acc->n++] = tally_new();
		}
		tally_merge(acc->tallies[i], fi->tallies[k]);
	}
	acc->file_records = xrealloc(acc->file_records, (acc->n_files + 1) * sizeof(*acc->file_records));
	acc->file_names = xrealloc(acc->file_names, (acc->n_files + 1) * sizeof(*acc->file_names));
	acc->file_records[acc->n_files] = fi->record_tally;
	acc->file_names[acc->n_files++] = names;
	fi->record_tally = NULL;
}

static bool file_has_field(char *const *names, const char *name)
{
	for (; *names; names++)
		if (!strcmp(*names, name))
			return true;
	return false;
}

enum status import_tallies_write(struct cache *cache, struct import_tallies *acc, bool write)
{
	enum status status = STATUS_OK;
	for (size_t i = 0; i < acc->n; i++) {
		for (size_t f = 0; f < acc->n_files; f++)
			if (!file_has_field(acc->file_names[f], acc->names[i]))
				tally_merge(acc->tallies[i], acc->file_records[f]);
		if (write && status == STATUS_OK && !tally_full(acc->tallies[i]))
			status = cache_tally_write(cache, acc->names[i], acc->tallies[i]);
		free(acc->names[i]);
		tally_free(acc->tallies[i]);
	}
	/* And the tally by no field, the browser's first screen: every file's records. */
	struct tally *records = tally_new();
	for (size_t f = 0; f < acc->n_files; f++)
		tally_merge(records, acc->file_records[f]);
	if (write && status == STATUS_OK && acc->n_files && !tally_full(records))
		status = cache_tally_write(cache, NULL, records);
	tally_free(records);
	for (size_t f = 0; f < acc->n_files; f++) {
		tally_free(acc->file_records[f]);
		for (char **name = acc->file_names[f]; *name; name++)
			free(*name);
		free(acc->file_names[f]);
	}
	free(acc->names);
	free(acc->tallies);
	free(acc->file_records);
	free(acc->file_names);
	memset(acc, 0, sizeof(*acc));
	return status;
}

/* The file's value column named name, or NO_COLUMN: a field the file lacks (or holds as
 * notes, which go to the index only) is blank in its records. */
static size_t value_column_named(const struct file_import *fi, const char *name)
{
	for (size_t k = 0; k < fi->n_value_columns; k++)
		if (!strcmp(fi->names[fi->value_columns[k]], name))
			return k;
	return NO_COLUMN;
}

static bool has_single_tally(const struct cache_tally_table *tables, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (tables[i].n_fields == 1 && !strcmp(tables[i].fields[0], name))
			return true;
	return false;
}

enum status import_tallies_forget(struct file_import *fi, const struct cache_file *previous)
{
	if (!previous->first_id)
		return STATUS_OK;
	struct cache_tally_table *tables;
	size_t n;
	enum status status = cache_tallies_list(fi->cache, &tables, &n);
	for (size_t i = 0; i < n && status == STATUS_OK; i++)
		status = cache_tally_count_records(fi->cache, &tables[i], previous->first_id,
						   previous->last_id, -1);
	cache_tallies_free(tables, n);
	return status;
}

/* Gives each field new to the cache a tally, when there is one to read the earlier
 * records' kinds and months from; a field other files have keeps its tally, or waits for
 * a table to make one. */
static enum status tallies_for_new_fields(struct file_import *fi,
					  const struct cache_tally_table *tables, size_t n)
{
	enum status status = STATUS_OK;
	for (size_t k = 0; k < fi->n_value_columns && status == STATUS_OK; k++) {
		size_t column = fi->value_columns[k];
		const char *name = fi->names[column];
		if (tally_full(fi->tallies[k]) || has_single_tally(tables, n, name))
			continue;
		bool elsewhere = true;
		status = cache_field_in_other_files(fi->cache, fi->field_ids[column], fi->file.id,
						    &elsewhere);
		if (status == STATUS_OK && !elsewhere)
			status = cache_tally_create_blank(fi->cache, name, tables[0].name);
	}
	return status;
}

enum status import_tallies_extend(struct file_import *fi)
{
	struct cache_tally_table *tables;
	size_t n;
	enum status status = cache_tallies_list(fi->cache, &tables, &n);
	if (status != STATUS_OK || n == 0)
		return status;
	status = tallies_for_new_fields(fi, tables, n);
	cache_tallies_free(tables, n);
	if (status == STATUS_OK)
		status = cache_tallies_list(fi->cache, &tables, &n);
	if (status != STATUS_OK)
		return status;
	for (size_t i = 0; i < n && status == STATUS_OK; i++) {
		const struct cache_tally_table *table = &tables[i];
		if (table->n_fields != 1) {
			if (fi->file.first_id)
				status = cache_tally_count_records(fi->cache, table, fi->file.first_id,
								   fi->file.last_id, 1);
			continue;
		}
		size_t k = value_column_named(fi, table->fields[0]);
		const struct tally *counted = k == NO_COLUMN ? fi->record_tally : fi->tallies[k];
		status = tally_full(counted) ? cache_tally_drop(fi->cache, table->name)
					     : cache_tally_add(fi->cache, table->name, counted);
	}
	cache_tallies_free(tables, n);
	return status;
}
