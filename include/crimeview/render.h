/*
 * render.h - a pivot as text, tsv, csv, Markdown or JSON, with its method note
 * (layer: core).
 *
 * One renderer for the command line, the browser's export and its copy to the
 * clipboard, so a table reads the same wherever it goes. Output is appended to a strbuf;
 * the caller writes it. Data values are written as they are in tsv, csv and json (those
 * are for machines), and made inert for a terminal in text and md (text_sanitize).
 */
#ifndef CRIMEVIEW_RENDER_H
#define CRIMEVIEW_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "crimeview/query.h"
#include "crimeview/strbuf.h"

enum render_format {
	RENDER_TEXT,
	RENDER_TSV,
	RENDER_CSV,
	RENDER_MD,
	RENDER_JSON,
};

/* Parses "text", "tsv", "csv", "md", "json" (also "txt" and "markdown"; any case); false
 * otherwise, *out unchanged. */
bool render_format_parse(const char *name, enum render_format *out);
/* The format a file name implies: .csv .tsv .md .txt .json (any case); false when none. */
bool render_format_from_path(const char *path, enum render_format *out);

struct render_source_file {
	const char *path;
	const char *imported_at; /* ISO 8601 */
	int64_t rows_imported;
	const char *mtime; /* the file's modification time, ISO 8601 */
};

/* The files behind a cache, for method notes (render_sources_load / _free). */
struct render_sources {
	struct render_source_file *files; /* n of them */
	size_t n;
	struct cache_file *cache_files;
	char (*mtimes)[32];
};
/* Reads the cache's files; STATUS_CACHE when SQLite failed (*out then empty). */
enum status render_sources_load(struct cache *cache, struct render_sources *out);
void render_sources_free(struct render_sources *sources);
/* When a table is made, "2026-11-22 10:15 UTC": $SOURCE_DATE_EPOCH when set (reproducible
 * output, tests), else now. */
void render_made_at(char *buf, size_t size);

/* The text of cell j (a column, or the Total column at n_columns) of a table as text
 * output writes it: "1,234", "12.5", "<10", "*", "-". buf holds RENDER_VALUE_SIZE bytes. */
#define RENDER_VALUE_SIZE 48
const char *render_cell(const struct pivot *pivot, size_t j, const struct pivot_cell *cell,
			char *buf);

/*
 * What the method note says: how the table was made. Every string is borrowed.
 * The note lists, one per line: the filters (kind, dates, notes search, field
 * conditions), the rows and columns, the period, the counting rule and measures, bands,
 * suppression, the sort, the records matched, the files behind the cache with their
 * dates, and when it was made.
 */
struct render_method {
	const struct table_spec *spec;
	const char *const *row_titles; /* as resolved, for the note: "Offence Title" */
	const struct render_source_file *files;
	size_t n_files;
	const char *made_at; /* "2026-11-22 10:15 UTC"; tests pin it */
	const char *version; /* "crimeview 0.1.0" */
	/* With redaction on, what it removed (a Redaction line); NULL when off (no line). */
	const struct redact_counts *redaction;
	/* With --review, how many records it left out and why (a Review line); else NULL. */
	const struct review_summary *review;
};

/*
 * Appends the table in format to out. Every format has a header line (row titles, the
 * column labels, then "Total" when the pivot has a Total column) and ends with the Total
 * row. A cell is its value (counts whole, averages with one decimal, min/max/sum whole
 * when whole, else one decimal; the Total column written as the columns are), "<N" when
 * suppressed (N = pivot->suppress), "*" when secondary, and when empty "-" in text and md,
 * nothing in tsv and csv, null in json. Cut periods (columns, and period rows) show as
 * "2019 (Jan-Jul)" in text and md; tsv and csv keep the plain label, json adds "cut".
 * text: one label column (titled "Offence Title / Outcome Description" for two levels,
 *   level-1 rows indented two spaces under their level-0 row), columns two spaces apart,
 *   numbers right-aligned with thousands separators, widths by display width (wide
 *   characters count two), labels never truncated, no trailing spaces; then a blank line,
 *   "Method" and the method note when method is not NULL. Without a method, a table with
 *   hidden cells still ends with a blank line and the Suppression line, so <N and * are
 *   never left unexplained.
 * tsv / csv: one label column per level; a level-0 row of a two-level table (a subtotal)
 *   leaves the second empty, a level-1 row repeats its level-0 label so each line stands
 *   alone. Numbers without separators. tsv: a tab or line break (LF, CR, CRLF) inside a
 *   value becomes a space; lines end in \n. csv: quoted per RFC 4180 only when a field
 *   holds , " CR or LF; lines end in \r\n. No method note.
 * md: a pipe table, padded to line up in a plain editor: one label column per level as in
 *   tsv, except that a level-1 row leaves the level-0 cell empty so the rows read as groups;
 *   | and \ in labels escaped and nothing else; numbers right-aligned (---:) with thousands
 *   separators; the Total row in bold; then a blank line, "**Method**", a blank line and
 *   the method note as "- " bullets (or the Suppression bullet alone, as in text).
 * json: keys in this order, one row per line:
 *   {"query": {"kind", "from", "to", "match", "where": [{"field", "op", "value"}], "rows",
 *   "cols", "period", "count", "measures", "bands": [{"field", "edges"}], "suppress",
 *   "sort"} or null without a method, "row_titles": [...], "column_title",
 *   "columns": [{"label", "cut"}], "rows": [{"labels": [one per level, null for the
 *   missing second label of a subtotal], "cut" (period rows cut short only), "level",
 *   "cells": [...], "total" (only with a Total column)}], "total": {"label", "cells",
 *   "total"}, "records": n, "method": {"files": [{"path", "imported_at", "records",
 *   "mtime"}], "made_at", "version", then only when set "redaction": {"phone": n, ...} (the
 *   categories found) and "review": {"name", "excluded", "reasons": [{"reason", "records"}]}}
 *   or null}. op is "equals", "is_blank", "contains",
 *   "at_least" or "at_most"; period and measures as the command line takes them ("fy",
 *   "avg:days(a,b)"). A suppressed cell is {"suppressed": "<N"} / {"suppressed": "*"}.
 *   Strings are the data as they are, escaped (control characters as \u00XX, bytes that
 *   are not UTF-8 as \ufffd). Ends with a newline.
 */
void render_pivot(const struct pivot *pivot, enum render_format format,
		  const struct render_method *method, struct strbuf *out);

/*
 * The method note alone, one "Name: value" line per fact ("- " bullets when markdown), for
 * the browser's status views: Kind, Dates, Notes search, Where (conditions on one field
 * ORed, as the query does: "offence_title = Blackmail or Harassment; victim_age >= 16"),
 * Review (with method->review), Rows, Columns, Period (with the periods cut short),
 * Counting, Measures, Bands, Suppression, Redaction (with method->redaction), Sort (when
 * rows are a field), Records matched, one Source line per file, Made. Each line is
 * sanitized as one line. Lines that need the spec are left out when method->spec is NULL,
 * those that need the pivot when pivot is NULL; method may be NULL. A list's note (no
 * pivot, a spec without rows) gives its filters, review, redaction, files and Made only.
 */
void render_method_note(const struct pivot *pivot, const struct render_method *method,
			bool markdown, struct strbuf *out);

/*
 * The Redaction line alone: "Redaction: on (phone 3, email 1, name 12)", the categories
 * found in REDACT_CATEGORY_TABLE order, or "Redaction: on (nothing found to remove)"; for a
 * list's or a record's note, and the browser's status line.
 */
void render_note_redaction(const struct redact_counts *counts, bool markdown, struct strbuf *out);
/* The Review line alone: review_summary_describe's words, sanitized. */
void render_note_review(const struct review_summary *summary, bool markdown, struct strbuf *out);

/*
 * A list of records, streamed page by page: the header, each record, the end. Columns:
 * Reference, Kind, Date, the fields asked for (headers), Notes. Notes and values are on one
 * line (line breaks shown as ⏎ in text and md, as a space in tsv, kept inside quotes in csv
 * and escaped in json). text: columns separated by " | ", inert for a terminal.
 */
void render_list_begin(enum render_format format, const char *const *headers, size_t n,
		       struct strbuf *out);
void render_list_record(enum render_format format, const struct list_record *record, size_t n,
			const char *const *headers, bool first, struct strbuf *out);
void render_list_end(enum render_format format, struct strbuf *out);

#endif
