/*
 * render_internal.h - what the render*.c files share: cell values as text, the labels of
 * a row, and the parts of a table_spec the note and the JSON both describe (layer: core,
 * private to the renderer).
 */
#ifndef CRIMEVIEW_RENDER_INTERNAL_H
#define CRIMEVIEW_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "crimeview/render.h"

/* Room for any value render_value_text writes: "-9,223,372,036,854,775,808.0". */

/*
 * A shown value as text into buf (RENDER_VALUE_SIZE bytes): COUNT whole, DECIMAL with one
 * decimal, NUMBER whole when it is whole, else one decimal; rounded half away from zero;
 * thousands separators when grouped. A value that is not finite gives "" (the caller
 * treats it as empty). Returns buf.
 */
const char *render_value_text(enum pivot_value_kind kind, double value, bool grouped, char *buf);

/*
 * A cell as a table shows it, into buf (RENDER_VALUE_SIZE bytes): its value, "<N" when
 * suppressed (N = pivot->suppress), "*" when secondary, and for an empty cell (or a value
 * that is not finite) empty_text. Returns buf or empty_text.
 */
const char *render_cell_text(const struct pivot *pivot, enum pivot_value_kind kind,
			     const struct pivot_cell *cell, bool grouped, const char *empty_text,
			     char *buf);

/* Cells in a row: the columns, then the Total column when there is one. */
size_t render_n_cells(const struct pivot *pivot);

/* How the Total column's values are written: as the columns' (one measure fills every
 * column), COUNT when there are no columns. */
enum pivot_value_kind render_total_kind(const struct pivot *pivot);

/* The value kind of cell j of any row (j < render_n_cells). */
enum pivot_value_kind render_cell_kind(const struct pivot *pivot, size_t j);

/*
 * The label of row i at level (0 or 1), never NULL: a level-1 row whose own labels[0] is
 * missing takes its level-0 row's; a missing label is "". Borrowed from the pivot.
 */
const char *render_row_label(const struct pivot *pivot, size_t i, size_t level);

/* True when some cell of the pivot (rows and Total row) is in state. */
bool render_pivot_has_state(const struct pivot *pivot, enum pivot_cell_state state);

/* True when name is the keyword "period" (any case). */
bool render_is_period(const char *name);

/* Appends s to out as a JSON string, quotes included: " and \ escaped, control characters
 * as \u00XX, invalid UTF-8 bytes as \ufffd. NULL gives null. */
void render_json_string(struct strbuf *out, const char *s);

/* The "Suppression: ..." line of the note (a "- " bullet when markdown), for suppress
 * (0: none); it says what * means when the pivot has secondary cells. */
void render_note_suppression(const struct pivot *pivot, int suppress, bool markdown,
			     struct strbuf *out);

/* The JSON document render_pivot writes for RENDER_JSON (render_json.c). */
void render_json(const struct pivot *pivot, const struct render_method *method, struct strbuf *out);

#endif
