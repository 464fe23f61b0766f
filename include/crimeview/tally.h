/*
 * tally.h - counting records by one field's value, kind, year and month while they are
 * imported (layer: core).
 *
 * The first table of a session counts records by a field and period. After a large
 * import that would be a scan of every record; but the import has already seen every
 * value, so it counts them on the way and leaves the cache a tally per field (the same
 * tally a table would otherwise make on first use: query_levels.c). A field with too many
 * different values (references, coordinates, free text) is not worth a tally: counting it
 * stops at TALLY_ENTRIES_MAX entries (about 150 values over ten years of months), its
 * memory is freed there and then, and it gets none.
 */
#ifndef CRIMEVIEW_TALLY_H
#define CRIMEVIEW_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TALLY_ENTRIES_MAX 25000

struct tally_entry {
	const char *value; /* NULL for blank; borrowed from the tally */
	int kind; /* 0 none, 1 crime, 2 incident */
	int year, month; /* 0 when the record has no date */
	int64_t n;
};

struct tally;

struct tally *tally_new(void);
void tally_free(struct tally *tally);
/* Counts one record (value NULL or len 0: blank). Once over TALLY_ENTRIES_MAX entries the
 * tally is full: it stops counting and tally_full says so. */
void tally_add(struct tally *tally, const char *value, size_t len, int kind, int year, int month,
	       int64_t n);
bool tally_full(const struct tally *tally);
/* Adds every entry of from into into (into becomes full if from is). */
void tally_merge(struct tally *into, const struct tally *from);
/* Calls each() for every entry, in no particular order. */
void tally_each(const struct tally *tally, void (*each)(const struct tally_entry *entry, void *data),
		void *data);
/* The kind code of "crime" / "incident" / anything else. */
int tally_kind_code(const char *kind);
const char *tally_kind_name(int code);

#endif
