/*
 * query_suppress.c - small-number suppression of a pivot's counts (layer: core, part of
 * the query module).
 *
 * Primary: every count from 1 to N-1 is hidden (shown <N). Secondary: a line of cells
 * that adds up to a total (a row, a column, the rows nested under a subtotal) gives a
 * hidden count away when it has exactly one hidden entry (it is the total minus the
 * others), or when its total is shown and what the hidden cells must add up to is the
 * least or the most they could hold (every <N cell is 1..N-1; so two <3 cells that must
 * make 2 are both 1). Then the smallest other non-zero count of the line is hidden too
 * (or its total, when every other cell is zero), and the lines are checked again until
 * none gives anything away. Zeros are shown: they disclose no one.
 */
#include <stdlib.h>

#include "query_internal.h"

struct line {
	struct pivot_cell **cells;
	size_t n;
	struct pivot_cell *total;
};

struct lines {
	struct line *items;
	size_t n, cap;
};

static void add_line(struct lines *lines, struct pivot_cell *total)
{
	if (lines->n == lines->cap) {
		lines->cap = lines->cap ? lines->cap * 2 : 16;
		lines->items = xrealloc(lines->items, lines->cap * sizeof(*lines->items));
	}
	lines->items[lines->n++] = (struct line){NULL, 0, total};
}

static void add_cell(struct lines *lines, struct pivot_cell *cell)
{
	struct line *line = &lines->items[lines->n - 1];
	line->cells = xrealloc(line->cells, (line->n + 1) * sizeof(*line->cells));
	line->cells[line->n++] = cell;
}

static bool hidden(const struct pivot_cell *cell)
{
	return cell->state == PIVOT_CELL_SUPPRESSED || cell->state == PIVOT_CELL_SECONDARY;
}

/* The columns of one column index: level-0 rows against the Total row, and each group of
 * nested rows against its subtotal. */
static void column_lines(struct pivot *pivot, size_t c, struct lines *lines)
{
	add_line(lines, &pivot->total.cells[c]);
	for (size_t r = 0; r < pivot->n_rows; r++)
		if (pivot->rows[r].level == 0)
			add_cell(lines, &pivot->rows[r].cells[c]);
	if (pivot->n_row_levels < 2)
		return;
	for (size_t r = 0; r < pivot->n_rows; r++) {
		if (pivot->rows[r].level != 0)
			continue;
		add_line(lines, &pivot->rows[r].cells[c]);
		for (size_t k = r + 1; k < pivot->n_rows && pivot->rows[k].level == 1; k++)
			add_cell(lines, &pivot->rows[k].cells[c]);
	}
}

/* Whether the line lets someone work out a hidden count. */
static bool gives_away(const struct line *line, int threshold)
{
	size_t n_hidden = hidden(line->total);
	double hidden_sum = line->total->value, least = 0, most = 0;
	bool bounded = true; /* a secondary cell could hold anything */
	for (size_t i = 0; i < line->n; i++) {
		const struct pivot_cell *cell = line->cells[i];
		if (!hidden(cell)) {
			hidden_sum -= cell->value;
			continue;
		}
		n_hidden++;
		if (cell->state == PIVOT_CELL_SUPPRESSED) {
			least += 1;
			most += threshold - 1;
		} else {
			bounded = false;
		}
	}
	if (n_hidden == 1)
		return true;
	if (n_hidden == 0 || hidden(line->total))
		return false;
	return (least > 0 && hidden_sum == least) || (bounded && hidden_sum == most);
}

void pivot_suppress(struct pivot *pivot, int threshold)
{
	struct lines lines = {0};
	for (size_t c = 0; c < pivot->n_columns; c++)
		if (pivot->columns[c].value_kind == PIVOT_VALUE_COUNT)
			column_lines(pivot, c, &lines);
	if (pivot->has_total_column) {
		column_lines(pivot, pivot->n_columns, &lines);
		for (size_t r = 0; r <= pivot->n_rows; r++) {
			struct pivot_row *row = r < pivot->n_rows ? &pivot->rows[r] : &pivot->total;
			add_line(&lines, &row->cells[pivot->n_columns]);
			for (size_t c = 0; c < pivot->n_columns; c++)
				add_cell(&lines, &row->cells[c]);
		}
	}
	/* Primary. */
	for (size_t l = 0; l < lines.n; l++) {
		struct line *line = &lines.items[l];
		for (size_t i = 0; i <= line->n; i++) {
			struct pivot_cell *cell = i < line->n ? line->cells[i] : line->total;
			if (cell->value >= 1 && cell->value < threshold && cell->state == PIVOT_CELL_SHOWN)
				cell->state = PIVOT_CELL_SUPPRESSED;
		}
	}
	/* Secondary, until no line gives a hidden count away. */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t l = 0; l < lines.n; l++) {
			struct line *line = &lines.items[l];
			if (!gives_away(line, threshold))
				continue;
			struct pivot_cell *smallest = NULL;
			for (size_t i = 0; i < line->n; i++) {
				struct pivot_cell *cell = line->cells[i];
				if (!hidden(cell) && cell->value > 0 &&
				    (!smallest || cell->value < smallest->value))
					smallest = cell;
			}
			struct pivot_cell *extra = smallest ? smallest : line->total;
			extra->state = PIVOT_CELL_SECONDARY;
			changed = true;
		}
	}
	for (size_t l = 0; l < lines.n; l++)
		free(lines.items[l].cells);
	free(lines.items);
}
