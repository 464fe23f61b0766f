/*
 * tui.h - the browser's parts and the protocol between them (layer: TUI).
 *
 * Data flows one way: the browse state (filters and table options) makes a table_spec;
 * views ask the core query layer for what they show (a pivot, one page of records, one
 * record) and draw it through draw.c with roles, never with curses directly. Curses is
 * called only from ui.c (lifecycle, input, screen dump), draw.c (text on the screen) and
 * clipboard.c (the OSC 52 write); keymap.c reads curses' key codes.
 *
 * The screen: line 0 the title; lines 1 .. LINES-3 the top view; LINES-2 the status line
 * (view path, filters, records, redaction); LINES-1 messages and prompts.
 *
 * Modal steps (a prompt, a picker) run their own small key loop through ui_read_key, so a
 * key script drives them exactly as a person at a keyboard does.
 */
#ifndef CRIMEVIEW_TUI_H
#define CRIMEVIEW_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crimeview/cache.h"
#include "crimeview/query.h"
#include "crimeview/redact.h"
#include "crimeview/render.h"
#include "crimeview/strbuf.h"
#include "request.h"

/* Colours (or, without colour, attributes) by meaning. */
enum role {
	ROLE_NORMAL,
	ROLE_TITLE,  /* the title line, section titles */
	ROLE_HEADER, /* column headers */
	ROLE_LABEL,  /* row labels, field names */
	ROLE_TOTAL,  /* Total row and column */
	ROLE_DIM,    /* zeros, (blank), hints */
	ROLE_CURSOR, /* the cell or line under the cursor */
	ROLE_HIT,    /* a search hit in notes */
	ROLE_STATUS, /* the status line */
	ROLE_ERROR,  /* a message that something failed */
	ROLE_COUNT_ALL
};

/* ---- the browse state: filters and table options (state.c, no curses) ---- */

#define STATE_UNDO_MAX 64

struct browse_options {
	enum query_kind kind;
	char from[11], to[11];
	char *match;		  /* owned, or NULL */
	struct where_term *where; /* owned */
	size_t n_where;
	char *rows[TABLE_ROWS_MAX]; /* owned; none: the periods as rows */
	size_t n_rows;
	char *cols;   /* owned; NULL: period */
	char *review; /* owned; the review whose marked records are left out, or NULL */
	struct period_spec period;
	bool count_refs;
	int suppress;		/* 0: off */
	int suppress_threshold; /* what S turns on (10 unless --suppress said) */
	enum sort_order sort;
	const struct band_spec *bands; /* borrowed from the command line */
	size_t n_bands;
	const struct measure_spec *measures; /* borrowed from the command line */
	size_t n_measures;
};

struct browse_state {
	struct browse_options now;
	struct browse_options undo[STATE_UNDO_MAX];
	size_t n_undo;
};

/* Copies the command line's request (deeply, except bands and measures). */
void state_init(struct browse_state *state, const struct table_spec *spec);
void state_free(struct browse_state *state);
/* Remembers the current options so that state_undo can return to them. */
void state_save(struct browse_state *state);
/* Returns to the options before the last change; false when there is nothing to undo. */
bool state_undo(struct browse_state *state);
/* The spec of the current options, narrowed to kind (borrowed until the state changes). */
void state_spec(const struct browse_state *state, enum query_kind kind, struct table_spec *out);
/* Adds a --where term (copied). */
void state_add_where(struct browse_state *state, const char *field, enum where_op op,
		     const char *value);
/* Sets or clears (NULL) the review. */
void state_set_review(struct browse_state *state, const char *review);
/* Sets or clears (NULL) the notes search. */
void state_set_match(struct browse_state *state, const char *match);
/* Sets the rows: replaces them, or nests field under the first. */
void state_set_rows(struct browse_state *state, const char *field, bool nest);

/* The filters as a list of lines, one per removable filter. */
size_t state_filter_count(const struct browse_state *state);
void state_filter_describe(const struct browse_state *state, size_t i, struct strbuf *out);
void state_filter_remove(struct browse_state *state, size_t i);
/* One short line of every filter in force for the status line ("" when none). */
void state_filters_summary(const struct browse_state *state, struct strbuf *out);

/* ---- search hits (hits.c, no curses) ---- */

struct hit_terms {
	char **words; /* lowercase; a prefix when prefix[i] */
	bool *prefix;
	size_t n;
};
struct hit {
	size_t start, len; /* bytes */
};
/* The words of a --match query worth highlighting (not those after NOT). */
void hit_terms_from_match(const char *match, struct hit_terms *out);
void hit_terms_free(struct hit_terms *terms);
/* Finds up to max hits in text (ASCII case folded, whole words or prefixes). */
size_t hits_find(const struct hit_terms *terms, const char *text, size_t len, struct hit *out,
		 size_t max);

/* ---- drawing (draw.c) ---- */

int draw_lines(void);
int draw_cols(void);
/* Writes text made inert on one line at (y, x), clipped to width cells, then pads with
 * spaces to width when pad. Returns the cells written (before padding). */
int draw_text(int y, int x, int width, const char *text, enum role role, bool pad);
/* Right-aligned in width cells. */
void draw_text_right(int y, int x, int width, const char *text, enum role role);
/* As draw_text, with the hits of terms in role_hit. */
int draw_text_hits(int y, int x, int width, const char *text, enum role role,
		   const struct hit_terms *terms, bool pad);
void draw_blank(int y, int x, int width, enum role role);
/* Display width of text once made inert on one line. */
int draw_width(const char *text);
/* Splits text (made inert, line breaks kept) into lines of at most width cells, breaking
 * at spaces when it can: each line's bytes [start, start + len) of the sanitized text,
 * which is written into clean. */
struct wrap_line {
	size_t start, len;
};
size_t draw_wrap(const char *text, int width, struct strbuf *clean, struct wrap_line **lines);

/* ---- the app and its views (ui.c) ---- */

struct app;
struct view;

struct view_ops {
	const char *name;
	/* Draws into lines [top, top + height). */
	void (*draw)(struct view *view, struct app *app, int top, int height);
	/* Handles a request; false when the view does not (the app then tries). */
	bool (*handle)(struct view *view, struct app *app, enum request request);
	/* The browse state changed: query again. On failure (a cancelled or bad query) the
	 * view keeps what it showed, the message line says why, and the status is returned. */
	enum status (*requery)(struct view *view, struct app *app);
	/* Appends the view as a file of format (e) or tsv (Y); false when it cannot. */
	bool (*render)(struct view *view, struct app *app, enum render_format format,
		       struct strbuf *out);
	/* Appends the text under the cursor (y); false when there is none. */
	bool (*copy_cell)(struct view *view, struct app *app, struct strbuf *out);
	void (*free)(struct view *view);
};

struct view {
	const struct view_ops *ops;
	struct view *parent;
	char *crumb; /* its part of the path: "Totals", "Blackmail 2023", a reference */
	void *data;
	int height;	   /* lines it was last drawn in */
	int64_t n_records; /* what the status line counts; -1 for none */
	bool stale;	   /* the state changed while it was below: query again when on top */
};

struct app {
	struct cache *cache;
	const char *db_path;
	struct browse_state state;
	struct view *top;
	struct strbuf message;
	enum role message_role;
	bool redact;
	struct redactor *redactor;
	bool quit;
	bool query_running;
	struct render_sources sources; /* for method notes */
	char made_at[32];
	bool has_crimes, has_incidents, has_other; /* what the cache holds */
	char *prompt_history[32];
	size_t n_prompt_history;
	/* A prompt being edited on the message line: label, text before and after the cursor. */
	bool prompting;
	struct strbuf prompt_before, prompt_after;
	const char *prompt_label;
	/* A modal list drawn instead of the top view while it runs (prompt.c). */
	void (*overlay_draw)(void *overlay, struct app *app, int top, int height);
	void *overlay;
};

/* Pushes view on top (the app owns it now) and draws it next. */
void app_push(struct app *app, struct view *view);
/* Pops the top view (never the last one). */
void app_pop(struct app *app);
/* Sets the message line. */
void app_message(struct app *app, enum role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reports a failed query on the message line. */
void app_query_failed(struct app *app, enum status status, const struct strbuf *error);
/* Before and after a query that may be slow: shows that it runs, lets ^C cancel it. */
void app_query_begin(struct app *app);
void app_query_end(struct app *app);
/* Fills the method for a note of spec (borrowed until the next call). */
void app_method(struct app *app, const struct table_spec *spec, struct render_method *out);

/* Reads one key: a character, or KEYMAP_CODE(KEY_...). */
int ui_read_key(struct app *app);
/* Draws everything now (used by modal steps between keys). */
void ui_draw(struct app *app);
/* Repaints the whole terminal (^L). */
void ui_redraw_all(void);

/* Asks for a line on the message line; false when cancelled (Esc, ^C). initial may be
 * NULL. out receives the line. */
bool prompt_line(struct app *app, const char *label, const char *initial, struct strbuf *out);
/* A full-screen list to pick from: items[i] shown, counts[i] (when counts) right-aligned;
 * / filters the list. Returns the index picked, or -1 when cancelled. */
long picker_run(struct app *app, const char *title, const char *const *items, const int64_t *counts,
		size_t n, size_t initial);

/* Copies text to the clipboard with OSC 52 (through tmux when $TMUX is set). Returns the
 * bytes copied (capped), 0 when it could not. */
size_t clipboard_copy(const char *text, size_t len);

/* The views. */
struct view *view_totals_new(struct app *app);
struct view *view_list_new(struct app *app, struct query_drill *drill, int64_t n_records);
struct view *view_record_new(struct app *app, int64_t record_id, const char *ref);
struct view *view_help_new(struct app *app);
struct view *view_filters_new(struct app *app);

/* Global actions (actions.c): filters, options, export, copy. */
bool actions_handle(struct app *app, enum request request);

/* Runs the browser on an open cache, set as spec says, with redactor (owned now) for R and
 * redaction on from the start when redact; returns the exit code. */
int tui_run(struct cache *cache, const char *db_path, const struct table_spec *spec,
	    struct redactor *redactor, bool redact);
/* Prints the key table (for --keys and the man page test). */
void tui_print_keys(void);

#endif
