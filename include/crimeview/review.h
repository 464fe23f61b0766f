/*
 * review.h - review marks: records an analyst leaves out of a named review, each with a
 * reason (layer: core).
 *
 * A keyword search finds records that are not what was asked for ("no deepfake element"),
 * or a record twice ("duplicate"). The analyst marks them in a review (a name such as
 * "foi-2024-118"); a table or list with --review NAME then leaves them out of every count
 * and list, and its method note says how many were left out and why.
 *
 * Marks live in the cache (table review_marks) and outlive the process and re-imports. A
 * mark is not keyed by record id (a changed file's records get new ids) but by the file's
 * path, the record's reference, and its place among that file's records with that reference
 * (1 for the first, by line): so a mark follows its record when rows are added to or taken
 * from the file elsewhere, and two rows of one reference (a duplicate) are told apart. A
 * record without a reference is keyed by its line. A mark whose record is gone (the file
 * changed) stays, matching nothing, and is listed as such.
 *
 * SQL lives in cache_review.c; the filter that leaves marked records out is built by the
 * query module (query_filters.review) from cache_review_marked_sql.
 */
#ifndef CRIMEVIEW_REVIEW_H
#define CRIMEVIEW_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crimeview/cache.h"
#include "crimeview/status.h"
#include "crimeview/strbuf.h"

/* The longest review name, in bytes. */
#define REVIEW_NAME_MAX 64

/* One mark, as listed; everything is borrowed for the callback. */
struct review_mark {
	const char *path; /* the file the record came from */
	const char *ref; /* NULL when the record has no reference (then its line is its key) */
	unsigned long nth; /* its place among the file's records with that reference (1 first) */
	unsigned long line; /* the line it was on when marked */
	const char *kind, *date; /* as they were when marked; NULL when unknown */
	const char *reason; /* "" when none was given */
	const char *marked_at; /* ISO 8601 UTC */
	int64_t record_id; /* the record it marks now; 0 when no record matches any more */
};

/*
 * Checks a review name: 1 to REVIEW_NAME_MAX bytes, no control characters. Returns
 * STATUS_OK, or STATUS_BAD_QUERY with one line in error.
 */
enum status review_name_check(const char *name, struct strbuf *error);

/*
 * Marks the record (by its id now) as left out of review, with reason ("" for none). A
 * record already marked keeps its mark, with reason as its new reason unless reason is
 * NULL (then the old one stays). *added (may be NULL) tells whether the mark is new.
 * STATUS_NOT_FOUND when no record has that id; STATUS_CACHE when SQLite failed (a
 * read-only cache). Each call is its own transaction unless the caller holds one
 * (cache_begin).
 */
enum status review_mark(struct cache *cache, const char *review, int64_t record_id,
			const char *reason, bool *added);
/* Removes the record's mark; *removed (may be NULL) tells whether it had one. */
enum status review_unmark(struct cache *cache, const char *review, int64_t record_id,
			  bool *removed);
/*
 * Calls each(mark, data) for every mark of review, by file and line; *n receives the count.
 * STATUS_OK, or STATUS_CACHE.
 */
enum status review_marks_each(struct cache *cache, const char *review,
			      void (*each)(const struct review_mark *mark, void *data), void *data,
			      size_t *n);
/* How many marks review has (0 for a review nobody has marked in). */
enum status review_count(struct cache *cache, const char *review, int64_t *n);
/* Calls each(review, n_marks, data) for every review with marks, by name. */
enum status review_names_each(struct cache *cache,
			      void (*each)(const char *review, int64_t n_marks, void *data),
			      void *data);
/*
 * Copies into cache the marks of the cache file at from_path that belong to a file cache
 * holds (import --rebuild keeps the reviews). A from_path that is no cache of this schema
 * copies nothing and is no error. Not inside a transaction.
 */
enum status review_copy_from(struct cache *cache, const char *from_path);

/* How many of the records a table or list counted a review left out, and why. */
struct review_reason {
	char *reason; /* "" when none was given */
	int64_t n;
};
struct review_summary {
	char *review;
	int64_t n_excluded;
	struct review_reason *reasons; /* largest first, then A-Z */
	size_t n_reasons;
};
void review_summary_clear(struct review_summary *summary);
/*
 * Appends the method note's words for summary: "Review foi-118: 3 records excluded (2 no
 * deepfake element; 1 duplicate)", "Review foi-118: 1 record excluded (no reason given)",
 * "Review foi-118: no records excluded". Not sanitized (the caller does).
 */
void review_summary_describe(const struct review_summary *summary, struct strbuf *out);

#endif
