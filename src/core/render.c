/*
 * render.c - a pivot as an aligned text table, a Markdown pipe table, tsv or csv; the
 * format names; cell values as text (layer: core).
 *
 * Every table format is drawn the same way: the pivot becomes a grid of cell strings
 * already written for the format (sanitized for a terminal, escaped for Markdown, made
 * safe for tsv), with per-column alignment and display widths, and the grid is then
 * laid out. The method note is in render_note.c, JSON in render_json.c.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crimeview/format.h"
#include "crimeview/render.h"
#include "crimeview/text.h"
#include "render_internal.h"

bool render_format_parse(const char *name, enum render_format *out)
{
	/* clang-format off */
	static const struct {
		const char *name;
		enum render_format format;
	} names[] = {
		{"text", RENDER_TEXT}, {"txt", RENDER_TEXT}, {"tsv", RENDER_TSV},
		{"csv", RENDER_CSV}, {"md", RENDER_MD}, {"markdown", RENDER_MD},
		{"json", RENDER_JSON},
	};
	/* clang-format on */
	if (!name)
		return false;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].format;
			return true;
		}
	}
	return false;
}

bool render_format_from_path(const char *path, enum render_format *out)
{
	if (!path)
		return false;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	/* ".csv" alone is a hidden file's name, not an extension. */
	if (!dot || dot == base)
		return false;
	return render_format_parse(dot + 1, out);
}

/* ---- values ---- */

/* Rounds half away from zero. The small nudge makes an average such as 1.15, which a
 * double holds as 1.1499999..., round the way it reads. */
static uint64_t round_magnitude(double magnitude)
{
	return (uint64_t)(magnitude + 0.5 + 1e-9);
}

const char *render_value_text(enum pivot_value_kind kind, double value, bool grouped, char *buf)
{
	buf[0] = '\0';
	if (!isfinite(value))
		return buf;
	bool negative = value < 0;
	double magnitude = negative ? -value : value;
	/* Past 2^53 a double has no decimals left to show, and int64 ends soon after. */
	if (magnitude >= 9e15) {
		snprintf(buf, RENDER_VALUE_SIZE, kind == PIVOT_VALUE_DECIMAL ? "%.1f" : "%.0f",
			 value);
		return buf;
	}
	uint64_t whole = round_magnitude(magnitude);
	bool decimals = kind == PIVOT_VALUE_DECIMAL;
	if (kind == PIVOT_VALUE_NUMBER) {
		double off = magnitude - (double)whole;
		decimals = off > 1e-9 || off < -1e-9;
	}
	unsigned tenth = 0;
	if (decimals) {
		uint64_t tenths = round_magnitude(magnitude * 10);
		whole = tenths / 10;
		tenth = (unsigned)(tenths % 10);
	}
	/* No "-0" or "-0.0": a value that rounds to zero has no sign. */
	if (whole == 0 && tenth == 0)
		negative = false;

	char digits[32];
	int64_t signed_whole = negative ? -(int64_t)whole : (int64_t)whole;
	if (grouped)
		format_count(signed_whole, digits, sizeof(digits));
	else
		snprintf(digits, sizeof(digits), "%" PRId64, signed_whole);
	/* -0.4 has a whole part of 0, which carries no sign of its own. */
	const char *sign = negative && whole == 0 ? "-" : "";
	if (decimals)
		snprintf(buf, RENDER_VALUE_SIZE, "%s%s.%u", sign, digits, tenth);
	else
		snprintf(buf, RENDER_VALUE_SIZE, "%s%s", sign, digits);
	return buf;
}

const char *render_cell_text(const struct pivot *pivot, enum pivot_value_kind kind,
			     const struct pivot_cell *cell, bool grouped, const char *empty_text,
			     char *buf)
{
	switch (cell->state) {
	case PIVOT_CELL_SUPPRESSED:
		snprintf(buf, RENDER_VALUE_SIZE, "<%d", pivot->suppress);
		return buf;
	case PIVOT_CELL_SECONDARY:
		return "*";
	case PIVOT_CELL_EMPTY:
		return empty_text;
	case PIVOT_CELL_SHOWN:
		break;
	}
	render_value_text(kind, cell->value, grouped, buf);
	return buf[0] ? buf : empty_text;
}

const char *render_cell(const struct pivot *pivot, size_t j, const struct pivot_cell *cell,
			char *buf)
{
	return render_cell_text(pivot, render_cell_kind(pivot, j), cell, true, "-", buf);
}

size_t render_n_cells(const struct pivot *pivot)
{
	return pivot->n_columns + (pivot->has_total_column ? 1 : 0);
}

enum pivot_value_kind render_total_kind(const struct pivot *pivot)
{
	return pivot->n_columns ? pivot->columns[0].value_kind : PIVOT_VALUE_COUNT;
}

enum pivot_value_kind render_cell_kind(const struct pivot *pivot, size_t j)
{
	return j < pivot->n_columns ? pivot->columns[j].value_kind : render_total_kind(pivot);
}

const char *render_row_label(const struct pivot *pivot, size_t i, size_t level)
{
	const struct pivot_row *row = &pivot->rows[i];
	if (level >= TABLE_ROWS_MAX)
		return "";
	if (row->labels[level])
		return row->labels[level];
	if (level == 0 && row->level == 1) {
		while (i-- > 0) {
			if (pivot->rows[i].level == 0)
				return pivot->rows[i].labels[0] ? pivot->rows[i].labels[0] : "";
		}
	}
	return "";
}

static bool row_has_state(const struct pivot *pivot, const struct pivot_row *row,
			  enum pivot_cell_state state)
{
	if (!row->cells)
		return false;
	for (size_t j = 0; j < render_n_cells(pivot); j++) {
		if (row->cells[j].state == state)
			return true;
	}
	return false;
}

bool render_pivot_has_state(const struct pivot *pivot, enum pivot_cell_state state)
{
	for (size_t i = 0; i < pivot->n_rows; i++) {
		if (row_has_state(pivot, &pivot->rows[i], state))
			return true;
	}
	return row_has_state(pivot, &pivot->total, state);
}

bool render_is_period(const char *name)
{
	return name && strcasecmp(name, "period") == 0;
}

/* ---- the grid ---- */

struct grid_cell {
	size_t off, len; /* in grid.text */
	size_t width;	 /* display columns (text and md) */
};

struct grid {
	enum render_format format;
	struct strbuf text; /* every cell, one after the other */
	struct strbuf scratch;
	struct grid_cell *cells; /* n_lines * n_cols */
	size_t n_cols, n_lines, cap_lines;
	size_t col;	/* the next cell of the last line */
	bool *right;	/* per column: numbers are right-aligned */
	size_t *widths; /* per column: the widest cell */
};

static void grid_init(struct grid *g, enum render_format format, size_t n_cols)
{
	memset(g, 0, sizeof(*g));
	g->format = format;
	g->n_cols = n_cols;
	g->col = n_cols;
	g->right = xcalloc(n_cols, sizeof(*g->right));
	g->widths = xcalloc(n_cols, sizeof(*g->widths));
}

static void grid_free(struct grid *g)
{
	strbuf_free(&g->text);
	strbuf_free(&g->scratch);
	free(g->cells);
	free(g->right);
	free(g->widths);
}

static void grid_new_line(struct grid *g)
{
	if (g->n_lines == g->cap_lines) {
		g->cap_lines = g->cap_lines ? g->cap_lines * 2 : 16;
		g->cells = xrealloc(g->cells, g->cap_lines * g->n_cols * sizeof(*g->cells));
	}
	/* A line left short (it never is) keeps empty cells rather than garbage. */
	memset(g->cells + g->n_lines * g->n_cols, 0, g->n_cols * sizeof(*g->cells));
	g->n_lines++;
	g->col = 0;
}

static bool csv_needs_quotes(const char *s)
{
	return strpbrk(s, ",\"\r\n") != NULL;
}

/* Appends s to the grid's text written for the format. */
static void grid_write(struct grid *g, const char *s)
{
	struct strbuf *t = &g->text;
	switch (g->format) {
	case RENDER_TEXT:
		text_sanitize(s, strlen(s), TEXT_SANITIZE_ONE_LINE, t);
		break;
	case RENDER_MD:
		strbuf_reset(&g->scratch);
		text_sanitize(s, strlen(s), TEXT_SANITIZE_ONE_LINE, &g->scratch);
		for (const char *p = strbuf_str(&g->scratch); *p; p++) {
			if (*p == '|' || *p == '\\')
				strbuf_append_char(t, '\\');
			strbuf_append_char(t, *p);
		}
		break;
	case RENDER_TSV:
		/* A field cannot hold the tab that ends it or the newline that ends the row:
		 * each tab and line break (LF, CR or CRLF) in a value becomes one space. */
		for (const char *p = s; *p; p++) {
			if (*p == '\r' && p[1] == '\n')
				continue;
			strbuf_append_char(t, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
		}
		break;
	case RENDER_CSV:
		if (!csv_needs_quotes(s)) {
			strbuf_append_str(t, s);
			break;
		}
		strbuf_append_char(t, '"');
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				strbuf_append_char(t, '"');
			strbuf_append_char(t, *p);
		}
		strbuf_append_char(t, '"');
		break;
	case RENDER_JSON:
		break;
	}
}

/*
 * Adds the next cell of the last line: prefix (an indent, written as is), s, then
 * " (cut)" when cut is set. Bold (md only) wraps a cell that is not empty in **.
 */
static void grid_add(struct grid *g, const char *prefix, const char *s, const char *cut, bool bold)
{
	struct grid_cell *cell = &g->cells[(g->n_lines - 1) * g->n_cols + g->col];
	bold = bold && g->format == RENDER_MD && *s;
	cell->off = g->text.len;
	strbuf_append_str(&g->text, prefix);
	if (bold)
		strbuf_append_str(&g->text, "**");
	grid_write(g, s);
	if (cut) {
		strbuf_append_str(&g->text, " (");
		grid_write(g, cut);
		strbuf_append_char(&g->text, ')');
	}
	if (bold)
		strbuf_append_str(&g->text, "**");
	cell->len = g->text.len - cell->off;
	if (g->format == RENDER_TEXT || g->format == RENDER_MD) {
		cell->width = text_display_width(g->text.data + cell->off, cell->len);
		if (cell->width > g->widths[g->col])
			g->widths[g->col] = cell->width;
	}
	g->col++;
}

/* ---- from pivot to grid ---- */

static size_t row_levels(const struct pivot *pivot)
{
	if (pivot->n_row_levels < 1)
		return 1;
	return pivot->n_row_levels > TABLE_ROWS_MAX ? TABLE_ROWS_MAX : pivot->n_row_levels;
}

static const char *title_of(const struct pivot *pivot, size_t level)
{
	return pivot->row_titles[level] ? pivot->row_titles[level] : "";
}

static void grid_add_cells(struct grid *g, const struct pivot *pivot, const struct pivot_row *row,
			   bool bold)
{
	bool for_people = g->format == RENDER_TEXT || g->format == RENDER_MD;
	char buf[RENDER_VALUE_SIZE];
	for (size_t j = 0; j < render_n_cells(pivot); j++) {
		const char *s = "";
		if (row->cells)
			s = render_cell_text(pivot, render_cell_kind(pivot, j), &row->cells[j],
					     for_people, for_people ? "-" : "", buf);
		grid_add(g, "", s, NULL, bold);
	}
}

/* Text: one label column, the level-1 rows indented under their level-0 row. */
static void grid_add_text_labels(struct grid *g, const struct pivot *pivot, size_t i)
{
	const struct pivot_row *row = &pivot->rows[i];
	if (row->level == 1)
		grid_add(g, "  ", render_row_label(pivot, i, 1), row->cut, false);
	else
		grid_add(g, "", render_row_label(pivot, i, 0), row->cut, false);
}

/*
 * tsv, csv, md: one label column per level. A level-0 row of a two-level table (a
 * subtotal) leaves the second column empty. A level-1 row repeats its level-0 label in
 * tsv and csv, so that each line stands on its own in a spreadsheet or a script; md
 * leaves it empty, so the rows read as groups.
 */
static void grid_add_split_labels(struct grid *g, const struct pivot *pivot, size_t i)
{
	const struct pivot_row *row = &pivot->rows[i];
	size_t own = row->level == 1 ? 1 : 0;
	const char *cut = g->format == RENDER_MD ? row->cut : NULL;
	for (size_t level = 0; level < row_levels(pivot); level++) {
		const char *label = render_row_label(pivot, i, level);
		if (level > own || (level < own && g->format == RENDER_MD))
			label = "";
		grid_add(g, "", label, level == own ? cut : NULL, false);
	}
}

static void grid_fill(struct grid *g, const struct pivot *pivot)
{
	bool text = g->format == RENDER_TEXT;
	bool for_people = text || g->format == RENDER_MD;
	size_t n_levels = row_levels(pivot);
	size_t n_labels = text ? 1 : n_levels;

	grid_new_line(g);
	if (text && n_levels == 2) {
		struct strbuf title = STRBUF_INIT;
		strbuf_appendf(&title, "%s / %s", title_of(pivot, 0), title_of(pivot, 1));
		grid_add(g, "", strbuf_str(&title), NULL, false);
		strbuf_free(&title);
	} else {
		for (size_t level = 0; level < n_labels; level++)
			grid_add(g, "", title_of(pivot, level), NULL, false);
	}
	for (size_t j = 0; j < pivot->n_columns; j++) {
		const struct pivot_column *column = &pivot->columns[j];
		grid_add(g, "", column->label ? column->label : "", for_people ? column->cut : NULL,
			 false);
	}
	if (pivot->has_total_column)
		grid_add(g, "", "Total", NULL, false);

	for (size_t i = 0; i < pivot->n_rows; i++) {
		grid_new_line(g);
		if (text)
			grid_add_text_labels(g, pivot, i);
		else
			grid_add_split_labels(g, pivot, i);
		grid_add_cells(g, pivot, &pivot->rows[i], false);
	}

	grid_new_line(g);
	grid_add(g, "", pivot->total.labels[0] ? pivot->total.labels[0] : "Total", NULL, true);
	for (size_t level = 1; level < n_labels; level++)
		grid_add(g, "", "", NULL, true);
	grid_add_cells(g, pivot, &pivot->total, true);

	for (size_t j = n_labels; j < g->n_cols; j++)
		g->right[j] = true;
}

/* ---- laying the grid out ---- */

static void append_spaces(struct strbuf *out, size_t n)
{
	while (n--)
		strbuf_append_char(out, ' ');
}

static void append_padded(struct strbuf *out, const struct grid *g, size_t line, size_t j,
			  size_t width)
{
	const struct grid_cell *cell = &g->cells[line * g->n_cols + j];
	size_t pad = width > cell->width ? width - cell->width : 0;
	if (g->right[j])
		append_spaces(out, pad);
	strbuf_append(out, g->text.data + cell->off, cell->len);
	if (!g->right[j])
		append_spaces(out, pad);
}

/* Columns two spaces apart; trailing spaces trimmed, so no line ends in a blank. */
static void layout_text(const struct grid *g, struct strbuf *out)
{
	for (size_t line = 0; line < g->n_lines; line++) {
		size_t start = out->len;
		for (size_t j = 0; j < g->n_cols; j++) {
			if (j > 0)
				strbuf_append_str(out, "  ");
			append_padded(out, g, line, j, g->widths[j]);
		}
		while (out->len > start && out->data[out->len - 1] == ' ')
			out->len--;
		out->data[out->len] = '\0';
		strbuf_append_char(out, '\n');
	}
}

/* Padded to line up in a plain editor too; a delimiter cell has at least three dashes,
 * which some viewers require. */
static void layout_md(struct grid *g, struct strbuf *out)
{
	for (size_t j = 0; j < g->n_cols; j++) {
		if (g->widths[j] < 3)
			g->widths[j] = 3;
	}
	for (size_t line = 0; line < g->n_lines; line++) {
		strbuf_append_char(out, '|');
		for (size_t j = 0; j < g->n_cols; j++) {
			strbuf_append_char(out, ' ');
			append_padded(out, g, line, j, g->widths[j]);
			strbuf_append_str(out, " |");
		}
		strbuf_append_char(out, '\n');
		if (line > 0)
			continue;
		strbuf_append_char(out, '|');
		for (size_t j = 0; j < g->n_cols; j++) {
			strbuf_append_char(out, ' ');
			for (size_t k = 0; k + 1 < g->widths[j]; k++)
				strbuf_append_char(out, '-');
			strbuf_append_str(out, g->right[j] ? ": |" : "- |");
		}
		strbuf_append_char(out, '\n');
	}
}

static void layout_delimited(const struct grid *g, char separator, const char *line_end,
			     struct strbuf *out)
{
	for (size_t line = 0; line < g->n_lines; line++) {
		for (size_t j = 0; j < g->n_cols; j++) {
			const struct grid_cell *cell = &g->cells[line * g->n_cols + j];
			if (j > 0)
				strbuf_append_char(out, separator);
			strbuf_append(out, g->text.data + cell->off, cell->len);
		}
		strbuf_append_str(out, line_end);
	}
}

static void render_table(const struct pivot *pivot, enum render_format format, struct strbuf *out)
{
	size_t n_labels = format == RENDER_TEXT ? 1 : row_levels(pivot);
	struct grid g;
	grid_init(&g, format, n_labels + render_n_cells(pivot));
	grid_fill(&g, pivot);
	switch (format) {
	case RENDER_TEXT:
		layout_text(&g, out);
		break;
	case RENDER_MD:
		layout_md(&g, out);
		break;
	case RENDER_TSV:
		layout_delimited(&g, '\t', "\n", out);
		break;
	case RENDER_CSV:
		layout_delimited(&g, ',', "\r\n", out);
		break;
	case RENDER_JSON:
		break;
	}
	grid_free(&g);
}

/* Text and md end with the note; without one, a table with hidden cells still says what
 * <N and * mean, since a reader could not know otherwise. */
static void render_ending(const struct pivot *pivot, bool markdown,
			  const struct render_method *method, struct strbuf *out)
{
	if (method) {
		strbuf_append_str(out, markdown ? "\n**Method**\n\n" : "\nMethod\n");
		render_method_note(pivot, method, markdown, out);
	} else if (render_pivot_has_state(pivot, PIVOT_CELL_SUPPRESSED) ||
		   render_pivot_has_state(pivot, PIVOT_CELL_SECONDARY)) {
		strbuf_append_char(out, '\n');
		render_note_suppression(pivot, pivot->suppress, markdown, out);
	}
}

void render_pivot(const struct pivot *pivot, enum render_format format,
		  const struct render_method *method, struct strbuf *out)
{
	switch (format) {
	case RENDER_TEXT:
	case RENDER_MD:
		render_table(pivot, format, out);
		render_ending(pivot, format == RENDER_MD, method, out);
		break;
	case RENDER_TSV:
	case RENDER_CSV:
		render_table(pivot, format, out);
		break;
	case RENDER_JSON:
		render_json(pivot, method, out);
		break;
	}
}
