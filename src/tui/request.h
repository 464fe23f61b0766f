/*
 * request.h - every action of the browser, its keys and its help line, in one table
 * (layer: TUI).
 *
 * The enum, the key bindings, the help view and `crimeview --keys` (which the man page
 * test compares with the man page) are all generated from REQUEST_TABLE, so the help can
 * never drift from what the keys do. Keys are written as the help shows them: a character,
 * ^X for a control key, <Name> for a named key.
 */
#ifndef CRIMEVIEW_TUI_REQUEST_H
#define CRIMEVIEW_TUI_REQUEST_H

#define REQUEST_TABLE(X)                                                                           \
	X(REQ_UP, "<Up> k", "move up")                                                             \
	X(REQ_DOWN, "<Down> j", "move down")                                                       \
	X(REQ_LEFT, "<Left> h", "move left")                                                       \
	X(REQ_RIGHT, "<Right> l", "move right")                                                    \
	X(REQ_FIRST_ROW, "g <Home>", "first row")                                                  \
	X(REQ_LAST_ROW, "G <End>", "last row")                                                     \
	X(REQ_FIRST_COLUMN, "0", "first column")                                                   \
	X(REQ_LAST_COLUMN, "$", "last column")                                                     \
	X(REQ_PAGE_DOWN, "<PgDn> <Space>", "page down")                                            \
	X(REQ_PAGE_UP, "<PgUp> b", "page up")                                                      \
	X(REQ_HALF_DOWN, "^D", "half a page down")                                                 \
	X(REQ_HALF_UP, "^U", "half a page up")                                                     \
	X(REQ_ENTER, "<Enter>",                                                                    \
	  "drill: a cell to its records, a Total to its row's or column's, a record to its "       \
	  "detail")                                                                                \
	X(REQ_BACK, "q <Esc> <Backspace>", "back one level")                                       \
	X(REQ_QUIT, "Q", "quit")                                                                   \
	X(REQ_SEARCH, "/", "notes search (as --match), hits highlighted")                          \
	X(REQ_NEXT_HIT, "n", "next search hit")                                                    \
	X(REQ_PREV_HIT, "N", "previous search hit")                                                \
	X(REQ_FILTER_FIELD, "f", "filter on a field: pick a field, then a value with its count")   \
	X(REQ_DATE_RANGE, "D", "date range")                                                       \
	X(REQ_KIND, "K", "crimes, incidents or both")                                              \
	X(REQ_FILTER_STACK, "<Tab>", "the filter stack: each filter, removable")                   \
	X(REQ_REMOVE, "d <Del>", "remove the filter under the cursor (filter stack)")              \
	X(REQ_UNDO, "U", "undo the last filter change")                                            \
	X(REQ_ROWS, "r", "rows: pick the field for the rows (a second pick nests it)")             \
	X(REQ_PERIOD, "p", "period: year, financial year, quarter, month")                         \
	X(REQ_COUNT, "c", "count rows / distinct references")                                      \
	X(REQ_SUPPRESS, "S",                                                                       \
	  "small-number suppression on/off (under --suppress N, else under 10)")                   \
	X(REQ_REDACT, "R", "redaction of notes and personal fields on/off")                        \
	X(REQ_MARK, "x",                                                                           \
	  "leave the record out of the review (a reason asked); in the marks list, put it back")   \
	X(REQ_MARKS, "X", "the review's marks: what was left out and why")                         \
	X(REQ_SORT_LABEL, "[", "sort by label")                                                    \
	X(REQ_SORT_TOTAL, "]", "sort by total")                                                    \
	X(REQ_EXPORT, "e", "export this view to a file (.csv .tsv .md .txt .json)")                \
	X(REQ_COPY_CELL, "y", "copy the cell or record to the clipboard (OSC 52)")                 \
	X(REQ_COPY_VIEW, "Y", "copy the whole view as tsv to the clipboard (OSC 52)")              \
	X(REQ_REDRAW, "^L", "redraw the screen")                                                   \
	X(REQ_HELP, "? <F1>", "this help")

enum request {
	REQ_NONE,
#define REQUEST_ENUM(name, keys, help) name,
	REQUEST_TABLE(REQUEST_ENUM)
#undef REQUEST_ENUM
	    REQ_COUNT_ALL
};

/* Key codes that are not characters: curses KEY_* values, offset so they never meet a
 * character (see keymap.c). */
#define KEYMAP_CODE(curses_key) (0x200000 + (curses_key))

/* The request bound to key (a character, or KEYMAP_CODE(KEY_...)); REQ_NONE if none. */
enum request keymap_request(int key);
/* The keys ("<Up> k") and help line of a request. */
const char *keymap_keys(enum request request);
const char *keymap_help(enum request request);
/* Every request, for the help view and --keys: REQ_NONE + 1 to REQ_COUNT_ALL - 1. */

#endif
