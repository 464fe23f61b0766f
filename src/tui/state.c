/*
 * state.c - what the browser shows: its filters and table options, with undo (layer:
 * TUI, no curses).
 *
 * The state starts from the command line, so a saved command line reopens an analysis;
 * every key that changes a filter saves the options first, and U goes back one step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

static void options_free(struct browse_options *o)
{
	free(o->match);
	for (size_t i = 0; i < o->n_where; i++)
		where_term_clear(&o->where[i]);
	free(o->where);
	for (size_t i = 0; i < TABLE_ROWS_MAX; i++)
		free(o->rows[i]);
	free(o->cols);
	free(o->review);
	memset(o, 0, sizeof(*o));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void options_copy(struct browse_options *dst, const struct browse_options *src)
{
	*dst = *src;
	dst->match = dup_or_null(src->match);
	dst->where = xcalloc(src->n_where + 1, sizeof(*dst->where));
	for (size_t i = 0; i < src->n_where; i++) {
		dst->where[i].field = xstrdup(src->where[i].field);
		dst->where[i].op = src->where[i].op;
		dst->where[i].value = xstrdup(src->where[i].value);
	}
	for (size_t i = 0; i < TABLE_ROWS_MAX; i++)
		dst->rows[i] = dup_or_null(src->rows[i]);
	dst->cols = dup_or_null(src->cols);
	dst->review = dup_or_null(src->review);
}

void state_init(struct browse_state *state, const struct table_spec *spec)
{
	memset(state, 0, sizeof(*state));
	struct browse_options *o = &state->now;
	const struct query_filters *f = &spec->filters;
	struct browse_options from_spec = {
	    .kind = f->kind,
	    .match = (char *)f->match,
	    .where = f->where,
	    .n_where = f->n_where,
	    .n_rows = spec->n_rows,
	    .cols = (char *)spec->cols,
	    .review = (char *)f->review,
	    .period = spec->period,
	    .count_refs = spec->count_refs,
	    .suppress = spec->suppress,
	    .sort = spec->sort,
	};
	for (size_t i = 0; i < spec->n_rows && i < TABLE_ROWS_MAX; i++)
		from_spec.rows[i] = (char *)spec->rows[i];
	options_copy(o, &from_spec);
	memcpy(o->from, f->from, sizeof(o->from));
	memcpy(o->to, f->to, sizeof(o->to));
	if (o->period.start_month < 1)
		o->period.start_month = 1;
	o->suppress_threshold = spec->suppress > 1 ? spec->suppress : 10;
	o->bands = spec->bands;
	o->n_bands = spec->n_bands;
	o->measures = spec->measures;
	o->n_measures = spec->n_measures;
}

void state_free(struct browse_state *state)
{
	options_free(&state->now);
	for (size_t i = 0; i < state->n_undo; i++)
		options_free(&state->undo[i]);
	state->n_undo = 0;
}

void state_save(struct browse_state *state)
{
	if (state->n_undo == STATE_UNDO_MAX) {
		options_free(&state->undo[0]);
		memmove(&state->undo[0], &state->undo[1],
			(STATE_UNDO_MAX - 1) * sizeof(state->undo[0]));
		state->n_undo--;
	}
	options_copy(&state->undo[state->n_undo++], &state->now);
}

bool state_undo(struct browse_state *state)
{
	if (!state->n_undo)
		return false;
	options_free(&state->now);
	state->now = state->undo[--state->n_undo];
	memset(&state->undo[state->n_undo], 0, sizeof(state->undo[0]));
	return true;
}

void state_spec(const struct browse_state *state, enum query_kind kind, struct table_spec *out)
{
	const struct browse_options *o = &state->now;
	memset(out, 0, sizeof(*out));
	out->filters.kind = kind;
	memcpy(out->filters.from, o->from, sizeof(o->from));
	memcpy(out->filters.to, o->to, sizeof(o->to));
	out->filters.match = o->match;
	out->filters.where = o->where;
	out->filters.n_where = o->n_where;
	out->filters.review = o->review;
	if (o->n_rows) {
		for (size_t i = 0; i < o->n_rows; i++)
			out->rows[i] = o->rows[i];
		out->n_rows = o->n_rows;
		out->cols = o->cols;
	} else {
		out->rows[0] = "period";
		out->n_rows = 1;
	}
	out->period = o->period;
	out->bands = o->bands;
	out->n_bands = o->n_bands;
	out->count_refs = o->count_refs;
	out->measures = o->measures;
	out->n_measures = o->n_measures;
	out->suppress = o->suppress;
	out->sort = o->sort;
}

void state_add_where(struct browse_state *state, const char *field, enum where_op op,
		     const char *value)
{
	struct browse_options *o = &state->now;
	o->where = xrealloc(o->where, (o->n_where + 1) * sizeof(*o->where));
	o->where[o->n_where].field = xstrdup(field);
	o->where[o->n_where].op = op;
	o->where[o->n_where].value = xstrdup(value ? value : "");
	o->n_where++;
}

void state_set_review(struct browse_state *state, const char *review)
{
	free(state->now.review);
	state->now.review = review && review[0] ? xstrdup(review) : NULL;
}

void state_set_match(struct browse_state *state, const char *match)
{
	free(state->now.match);
	state->now.match = match && match[0] ? xstrdup(match) : NULL;
}

void state_set_rows(struct browse_state *state, const char *field, bool nest)
{
	struct browse_options *o = &state->now;
	if (nest && o->n_rows == 1 && strcmp(o->rows[0], field)) {
		o->rows[1] = xstrdup(field);
		o->n_rows = 2;
		return;
	}
	for (size_t i = 0; i < TABLE_ROWS_MAX; i++) {
		free(o->rows[i]);
		o->rows[i] = NULL;
	}
	o->n_rows = 0;
	if (field && strcmp(field, "period")) {
		o->rows[0] = xstrdup(field);
		o->n_rows = 1;
	}
}

/* The filters in stack order: kind, dates, notes search, then each field condition. */
enum filter_slot { SLOT_KIND, SLOT_DATES, SLOT_MATCH, SLOT_WHERE };

static bool slot_of(const struct browse_state *state, size_t i, enum filter_slot *slot,
		    size_t *where_index)
{
	const struct browse_options *o = &state->now;
	bool present[SLOT_WHERE] = {o->kind != QUERY_KIND_ANY, o->from[0] || o->to[0],
				    o->match != NULL};
	for (int s = 0; s < SLOT_WHERE; s++) {
		if (!present[s])
			continue;
		if (i == 0) {
			*slot = (enum filter_slot)s;
			return true;
		}
		i--;
	}
	if (i < o->n_where) {
		*slot = SLOT_WHERE;
		*where_index = i;
		return true;
	}
	return false;
}

size_t state_filter_count(const struct browse_state *state)
{
	const struct browse_options *o = &state->now;
	return (o->kind != QUERY_KIND_ANY) + (o->from[0] || o->to[0]) + (o->match != NULL) +
	       o->n_where;
}

static const char *op_text(enum where_op op)
{
	switch (op) {
	case WHERE_EQUALS:
		return "=";
	case WHERE_BLANK:
		return "is blank";
	case WHERE_CONTAINS:
		return "contains";
	case WHERE_AT_LEAST:
		return ">=";
	case WHERE_AT_MOST:
		return "<=";
	case WHERE_IS:
		return "is";
	case WHERE_ABOVE:
		return ">";
	case WHERE_NOT_NUMBER:
		return "is not a number";
	}
	return "=";
}

void state_filter_describe(const struct browse_state *state, size_t i, struct strbuf *out)
{
	const struct browse_options *o = &state->now;
	enum filter_slot slot;
	size_t w = 0;
	if (!slot_of(state, i, &slot, &w))
		return;
	switch (slot) {
	case SLOT_KIND:
		strbuf_append_str(out, o->kind == QUERY_KIND_CRIME ? "Kind: crimes"
				       : o->kind == QUERY_KIND_INCIDENT
					   ? "Kind: incidents"
					   : "Kind: neither crime nor incident");
		break;
	case SLOT_DATES:
		strbuf_appendf(out, "Dates: %s to %s", o->from[0] ? o->from : "the first",
			       o->to[0] ? o->to : "the last");
		break;
	case SLOT_MATCH:
		strbuf_appendf(out, "Notes: %s", o->match);
		break;
	case SLOT_WHERE: {
		const struct where_term *t = &o->where[w];
		if (t->op == WHERE_BLANK || t->op == WHERE_NOT_NUMBER)
			strbuf_appendf(out, "%s %s", t->field, op_text(t->op));
		else
			strbuf_appendf(out, "%s %s %s", t->field, op_text(t->op), t->value);
		break;
	}
	}
}

void state_filter_remove(struct browse_state *state, size_t i)
{
	struct browse_options *o = &state->now;
	enum filter_slot slot;
	size_t w = 0;
	if (!slot_of(state, i, &slot, &w))
		return;
	switch (slot) {
	case SLOT_KIND:
		o->kind = QUERY_KIND_ANY;
		break;
	case SLOT_DATES:
		o->from[0] = o->to[0] = '\0';
		break;
	case SLOT_MATCH:
		free(o->match);
		o->match = NULL;
		break;
	case SLOT_WHERE:
		where_term_clear(&o->where[w]);
		memmove(&o->where[w], &o->where[w + 1], (o->n_where - w - 1) * sizeof(*o->where));
		o->n_where--;
		break;
	}
}

void state_filters_summary(const struct browse_state *state, struct strbuf *out)
{
	size_t n = state_filter_count(state);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_append_str(out, "; ");
		state_filter_describe(state, i, out);
	}
}
