/*
 * ui.c - the browser's life: the terminal (or a headless screen), keys, the view stack,
 * the title and status lines, slow queries (layer: TUI; one of the files that call
 * curses).
 *
 * Headless mode: with CRIMEVIEW_SCRIPT=FILE the keys come from FILE and the screen goes to
 * /dev/null; `:save-display FILE` in the script writes the screen as text, so tests
 * compare screens with expected ones (tig's TIG_SCRIPT does the same). Script lines:
 * keys (characters, <Enter> <Esc> <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End>
 * <Tab> <Space> <Backspace> <Del> <F1> <C-x> <lt>), or a command: `:save-display FILE`,
 * `:save-marked FILE` (the same with the cursor's cell [bracketed] and search hits
 * {braced}), `:resize COLS LINES`, `:cancel-next-query`, `:keys-during-next-query KEYS`
 * (KEYS are typed while the next slow query runs); `#` starts a comment line. When the script
 * ends the browser quits. CRIMEVIEW_KEY_TIMES=FILE writes, per key, the microseconds
 * from reading it to the screen being drawn (bench/).
 */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "crimeview/format.h"
#include "draw_internal.h"
#include "tui.h"

struct script {
	FILE *file;
	char line[4096];
	size_t at; /* next byte of line */
	bool have_line;
	bool cancel_next_query;
	char keys_during_next_query[256];
};

static struct script script;
static bool headless;
static SCREEN *screen;
static FILE *null_out, *null_in;
static FILE *key_times;
static double key_read_at;

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the terminal ---- */

static void terminal_restore(void)
{
	if (!isendwin())
		endwin();
}

static void on_fatal_signal(int signal_number)
{
	/* Not async-signal-safe in theory; in practice the one way to leave the user a
	 * working terminal after a kill (tig, htop and mutt do the same). */
	terminal_restore();
	signal(signal_number, SIG_DFL);
	raise(signal_number);
}

static void terminal_start(void)
{
	const char *script_path = getenv("CRIMEVIEW_SCRIPT");
	if (script_path && script_path[0]) {
		script.file = fopen(script_path, "r");
		if (!script.file) {
			perror(script_path);
			exit(1);
		}
		headless = true;
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		screen = newterm(NULL, null_out, null_in);
		if (!screen) {
			fprintf(stderr, "crimeview: cannot start a screen for TERM=%s\n",
				getenv("TERM") ? getenv("TERM") : "");
			exit(1);
		}
		set_term(screen);
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr,
				"crimeview: the browser needs a terminal; use crimeview table "
				"or list in scripts\n");
			exit(2);
		}
		initscr();
	}
	const char *times = getenv("CRIMEVIEW_KEY_TIMES");
	if (times && times[0])
		key_times = fopen(times, "w");
	die_hook = terminal_restore;
	signal(SIGTERM, on_fatal_signal);
	signal(SIGHUP, on_fatal_signal);
	signal(SIGQUIT, on_fatal_signal);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	const char *no_color = getenv("NO_COLOR");
	bool color = has_colors() && !(no_color && no_color[0]);
	if (color) {
		start_color();
		use_default_colors();
	}
	draw_theme_init(color);
}

static void terminal_end(void)
{
	terminal_restore();
	if (screen)
		delscreen(screen);
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	if (script.file)
		fclose(script.file);
	if (key_times)
		fclose(key_times);
	die_hook = NULL;
}

/* ---- the screen as text (headless) ---- */

/* The role of the screen cell at (y, x), for marked dumps: the cursor and search hits. */
static enum role cell_role(int y, int x)
{
	cchar_t cell;
	wchar_t text[CCHARW_MAX + 1];
	attr_t attrs = 0;
	short pair = 0;
	if (mvin_wch(y, x, &cell) == ERR || getcchar(&cell, text, &attrs, &pair, NULL) == ERR)
		return ROLE_NORMAL;
	return draw_role_of(attrs, pair);
}

/* Writes the screen as text, one line a row, trailing spaces dropped. With marked, the cell
 * under the cursor is written [like this] and search hits {like this}, so tests see them. */
static void save_display(const char *path, bool marked)
{
	FILE *out = fopen(path, "w");
	if (!out)
		return;
	wchar_t *wide = xcalloc((size_t)COLS + 1, sizeof(*wide));
	for (int y = 0; y < LINES; y++) {
		int n = mvinnwstr(y, 0, wide, COLS);
		struct strbuf line = STRBUF_INIT;
		enum role in = ROLE_NORMAL;
		int x = 0;
		for (int i = 0; i < n && wide[i]; i++) {
			enum role role = marked ? cell_role(y, x) : ROLE_NORMAL;
			if (role != ROLE_CURSOR && role != ROLE_HIT)
				role = ROLE_NORMAL;
			if (role != in) {
				if (in != ROLE_NORMAL)
					strbuf_append_char(&line, in == ROLE_CURSOR ? ']' : '}');
				if (role != ROLE_NORMAL)
					strbuf_append_char(&line, role == ROLE_CURSOR ? '[' : '{');
				in = role;
			}
			char mb[MB_LEN_MAX];
			mbstate_t state;
			memset(&state, 0, sizeof(state));
			size_t len = wcrtomb(mb, wide[i], &state);
			if (len != (size_t)-1)
				strbuf_append(&line, mb, len);
			int w = wcwidth(wide[i]);
			x += w > 0 ? w : 0;
		}
		if (in != ROLE_NORMAL)
			strbuf_append_char(&line, in == ROLE_CURSOR ? ']' : '}');
		while (line.len && line.data[line.len - 1] == ' ')
			line.data[--line.len] = '\0';
		fprintf(out, "%s\n", strbuf_str(&line));
		strbuf_free(&line);
	}
	free(wide);
	fclose(out);
}

/* ---- keys ---- */

static int script_key_name(const char *name, size_t len)
{
	static const struct {
		const char *name;
		int key;
	} names[] = {
	    {"Enter", '\n'},
	    {"Esc", 27},
	    {"Up", KEYMAP_CODE(KEY_UP)},
	    {"Down", KEYMAP_CODE(KEY_DOWN)},
	    {"Left", KEYMAP_CODE(KEY_LEFT)},
	    {"Right", KEYMAP_CODE(KEY_RIGHT)},
	    {"PgUp", KEYMAP_CODE(KEY_PPAGE)},
	    {"PgDn", KEYMAP_CODE(KEY_NPAGE)},
	    {"Home", KEYMAP_CODE(KEY_HOME)},
	    {"End", KEYMAP_CODE(KEY_END)},
	    {"Tab", '\t'},
	    {"Space", ' '},
	    {"Backspace", KEYMAP_CODE(KEY_BACKSPACE)},
	    {"Del", KEYMAP_CODE(KEY_DC)},
	    {"F1", KEYMAP_CODE(KEY_F(1))},
	    {"lt", '<'},
	};
	if (len == 3 && name[0] == 'C' && name[1] == '-')
		return name[2] & 0x1f;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len && !strncmp(names[i].name, name, len))
			return names[i].key;
	return -1;
}

static void script_command(struct app *app, const char *line)
{
	char path[4000];
	int cols, lines;
	if (sscanf(line, ":save-display %3999s", path) == 1) {
		ui_draw(app);
		save_display(path, false);
	} else if (sscanf(line, ":save-marked %3999s", path) == 1) {
		ui_draw(app);
		save_display(path, true);
	} else if (sscanf(line, ":resize %d %d", &cols, &lines) == 2) {
		resizeterm(lines, cols);
	} else if (!strncmp(line, ":cancel-next-query", 18)) {
		script.cancel_next_query = true;
	} else if (!strncmp(line, ":keys-during-next-query ", 24)) {
		snprintf(script.keys_during_next_query, sizeof(script.keys_during_next_query), "%.*s",
			 (int)sizeof(script.keys_during_next_query) - 1, line + 24);
	}
}

/* The key written at p in the script's syntax (a character or <Name>), and its length. */
static int script_key_at(const char *p, size_t *used)
{
	if (*p == '<') {
		const char *end = strchr(p, '>');
		int key = end ? script_key_name(p + 1, (size_t)(end - p - 1)) : -1;
		if (key >= 0) {
			*used = (size_t)(end - p) + 1;
			return key;
		}
	}
	mbstate_t state;
	memset(&state, 0, sizeof(state));
	wchar_t wc;
	size_t n = mbrtowc(&wc, p, strlen(p), &state);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*used = 1;
		return (unsigned char)*p;
	}
	*used = n;
	return (int)wc;
}

/* The next key of the script; 0 at its end. */
static int script_next_key(struct app *app)
{
	while (true) {
		if (!script.have_line || !script.line[script.at]) {
			if (!fgets(script.line, sizeof(script.line), script.file))
				return 0;
			script.line[strcspn(script.line, "\r\n")] = '\0';
			script.at = 0;
			script.have_line = true;
			if (script.line[0] == ':') {
				script_command(app, script.line);
				script.line[0] = '\0';
				continue;
			}
			if (script.line[0] == '#')
				script.line[0] = '\0';
			continue;
		}
		size_t used;
		int key = script_key_at(script.line + script.at, &used);
		script.at += used;
		return key;
	}
}

/* Keys typed while a slow query ran, in order: they are the next keys read, as a terminal
 * keeps what is typed ahead. Beyond the first 64 they are dropped (a held-down key). */
#define TYPED_AHEAD_MAX 64
static struct {
	int keys[TYPED_AHEAD_MAX];
	size_t head, n;
} typed_ahead;

static void type_ahead(int key)
{
	if (typed_ahead.n < TYPED_AHEAD_MAX)
		typed_ahead.keys[(typed_ahead.head + typed_ahead.n++) % TYPED_AHEAD_MAX] = key;
}

static int typed_ahead_next(void)
{
	if (!typed_ahead.n)
		return 0;
	int key = typed_ahead.keys[typed_ahead.head];
	typed_ahead.head = (typed_ahead.head + 1) % TYPED_AHEAD_MAX;
	typed_ahead.n--;
	return key;
}

/* The next key from the terminal (waiting for it), or 0. */
static int terminal_key(void)
{
	wint_t wch;
	int rc = get_wch(&wch);
	if (rc == ERR)
		return 0;
	return rc == KEY_CODE_YES ? KEYMAP_CODE((int)wch) : (int)wch;
}

int ui_read_key(struct app *app)
{
	if (key_times && key_read_at > 0) {
		fprintf(key_times, "%.0f\n", (now_seconds() - key_read_at) * 1e6);
		key_read_at = 0;
	}
	/* What was typed while the query before ran comes first. */
	int key = typed_ahead_next();
	if (!key)
		key = headless ? script_next_key(app) : terminal_key();
	if (!key) {
		if (headless) /* the script's end */
			app->quit = true;
		return 0;
	}
	key_read_at = now_seconds();
	return key;
}

/* ---- slow queries ---- */

static double query_started;
static double query_polled;
static bool query_announced;

/* A key typed while a query runs: ^C cancels it (and what was typed before it goes too:
 * typed at a screen that will not come); any other is kept for after it. */
static bool on_key_during_query(int key)
{
	if (key == 3) {
		typed_ahead.n = 0;
		return true;
	}
	type_ahead(key);
	return false;
}

static int on_query_progress(void *data)
{
	struct app *app = data;
	if (script.cancel_next_query) {
		script.cancel_next_query = false;
		return 1;
	}
	if (headless) {
		bool cancel = false;
		for (const char *p = script.keys_during_next_query; *p;) {
			size_t used;
			cancel |= on_key_during_query(script_key_at(p, &used));
			p += used;
		}
		script.keys_during_next_query[0] = '\0';
		return cancel;
	}
	double now = now_seconds();
	if (now - query_polled < 0.05)
		return 0;
	query_polled = now;
	if (!query_announced && now - query_started > 0.2) {
		query_announced = true;
		app_message(app, ROLE_NORMAL, "Running the query... ^C cancels");
		ui_draw(app);
	}
	nodelay(stdscr, TRUE);
	bool cancel = false;
	int key;
	while ((key = terminal_key()) != 0)
		cancel |= on_key_during_query(key);
	nodelay(stdscr, FALSE);
	return cancel;
}

void app_query_begin(struct app *app)
{
	query_started = now_seconds();
	query_polled = 0;
	query_announced = false;
	app->query_running = true;
	query_on_progress(app->cache, on_query_progress, app);
}

void app_query_end(struct app *app)
{
	query_on_progress(app->cache, NULL, NULL);
	app->query_running = false;
	if (query_announced)
		strbuf_reset(&app->message);
}

void app_query_failed(struct app *app, enum status status, const struct strbuf *error)
{
	if (status == STATUS_INTERRUPTED)
		app_message(app, ROLE_ERROR, "Cancelled: the query was stopped (^C)");
	else
		app_message(app, ROLE_ERROR, "%s",
			    error && error->len ? error->data : status_message(status));
}

/* ---- views ---- */

void app_push(struct app *app, struct view *view)
{
	view->parent = app->top;
	app->top = view;
}

static void view_free(struct view *view)
{
	view->ops->free(view);
	free(view->crumb);
	free(view);
}

void app_pop(struct app *app)
{
	struct view *view = app->top;
	if (!view || !view->parent)
		return;
	app->top = view->parent;
	view_free(view);
	/* A view below may be out of date: a filter changed while this one was on top. */
	if (app->top->stale && app->top->ops->requery)
		app->top->ops->requery(app->top, app);
	app->top->stale = false;
}

void ui_redraw_all(void)
{
	clearok(curscr, TRUE);
}

void app_message(struct app *app, enum role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_reset(&app->message);
	strbuf_vappendf(&app->message, fmt, ap);
	va_end(ap);
	app->message_role = role;
}

/* ---- drawing ---- */

static void draw_path(struct view *view, struct strbuf *out)
{
	if (view->parent) {
		draw_path(view->parent, out);
		strbuf_append_str(out, " > ");
	}
	strbuf_append_str(out, view->crumb ? view->crumb : "");
}

static void draw_status(struct app *app)
{
	int y = LINES - 2;
	struct strbuf line = STRBUF_INIT, right = STRBUF_INIT;
	draw_path(app->top, &line);
	struct strbuf filters = STRBUF_INIT;
	state_filters_summary(&app->state, &filters);
	if (filters.len)
		strbuf_appendf(&line, " | %s", filters.data);
	if (app->top->n_records >= 0) {
		char count[32];
		format_count(app->top->n_records, count, sizeof(count));
		strbuf_appendf(&right, "%s record%s | ", count,
			       app->top->n_records == 1 ? "" : "s");
	}
	if (app->state.now.review)
		strbuf_appendf(&right, "review %s | ", app->state.now.review);
	strbuf_append_str(&right, app->redact ? "REDACTED" : "not redacted");
	int right_width = draw_width(right.data);
	int left_width = COLS - right_width - 1;
	draw_text(y, 0, left_width > 0 ? left_width : 0, line.data, ROLE_STATUS, true);
	draw_blank(y, left_width > 0 ? left_width : 0, 1, ROLE_STATUS);
	draw_text(y, left_width + 1, right_width, right.data, ROLE_STATUS, true);
	strbuf_free(&line);
	strbuf_free(&right);
	strbuf_free(&filters);
}

void ui_draw(struct app *app)
{
	erase();
	struct strbuf title = STRBUF_INIT;
	strbuf_appendf(&title, "crimeview %s", app->db_path);
	draw_text(0, 0, COLS, title.data, ROLE_TITLE, true);
	draw_text_right(0, COLS - 10 > 0 ? COLS - 10 : 0, COLS >= 10 ? 10 : COLS, "? help",
			ROLE_TITLE);
	strbuf_free(&title);
	int height = LINES - 3;
	if (height > 0 && app->overlay_draw) {
		app->overlay_draw(app->overlay, app, 1, height);
	} else if (height > 0) {
		app->top->height = height;
		app->top->ops->draw(app->top, app, 1, height);
	}
	if (LINES >= 3)
		draw_status(app);
	if (app->prompting) {
		/* The prompt, with the character under the cursor shown in reverse. */
		int x = draw_text(LINES - 1, 0, COLS, app->prompt_label, ROLE_NORMAL, false);
		x += draw_text(LINES - 1, x, COLS - x, strbuf_str(&app->prompt_before), ROLE_NORMAL,
			       false);
		const char *after = strbuf_str(&app->prompt_after);
		size_t first = after[0] ? (size_t)mblen(after, strlen(after)) : 0;
		if (first > strlen(after) || first == 0)
			first = after[0] ? 1 : 0;
		char cursor[8] = " ";
		if (first)
			snprintf(cursor, sizeof(cursor), "%.*s", (int)first, after);
		x += draw_text(LINES - 1, x, COLS - x, cursor, ROLE_CURSOR, false);
		draw_text(LINES - 1, x, COLS - x, after + first, ROLE_NORMAL, true);
	} else {
		draw_text(LINES - 1, 0, COLS, strbuf_str(&app->message), app->message_role, true);
	}
	refresh();
}

/* ---- the loop ---- */

void app_method(struct app *app, const struct table_spec *spec, struct render_method *out)
{
	render_made_at(app->made_at, sizeof(app->made_at));
	*out = (struct render_method){
	    .spec = spec,
	    .files = app->sources.files,
	    .n_files = app->sources.n,
	    .made_at = app->made_at,
	    .version = PACKAGE_NAME " " PACKAGE_VERSION,
	};
}

static void note_kind(const char *kind, int year, int64_t n, void *data)
{
	struct app *app = data;
	(void)year;
	(void)n;
	if (!strcmp(kind, "crime"))
		app->has_crimes = true;
	else if (!strcmp(kind, "incident"))
		app->has_incidents = true;
	else
		app->has_other = true;
}

int tui_run(struct cache *cache, const char *db_path, const struct table_spec *spec,
	    struct redactor *redactor, bool redact)
{
	struct app app;
	memset(&app, 0, sizeof(app));
	app.cache = cache;
	app.db_path = db_path;
	app.redactor = redactor;
	app.redact = redact;
	state_init(&app.state, spec);
	render_sources_load(cache, &app.sources);
	cache_overview_each(cache, note_kind, &app);
	terminal_start();
	app_push(&app, view_totals_new(&app));
	while (!app.quit) {
		ui_draw(&app);
		if (key_times && key_read_at > 0) {
			fprintf(key_times, "%.0f\n", (now_seconds() - key_read_at) * 1e6);
			key_read_at = 0;
		}
		int key = ui_read_key(&app);
		if (app.quit)
			break;
		if (key == KEYMAP_CODE(KEY_RESIZE) || key == 0)
			continue;
		enum request request = keymap_request(key);
		if (request == REQ_NONE) {
			if (key == 3)
				app_message(&app, ROLE_NORMAL, "Nothing is running; Q quits");
			continue;
		}
		strbuf_reset(&app.message);
		if (!app.top->ops->handle(app.top, &app, request))
			actions_handle(&app, request);
	}
	terminal_end();
	while (app.top) {
		struct view *parent = app.top->parent;
		view_free(app.top);
		app.top = parent;
	}
	state_free(&app.state);
	strbuf_free(&app.message);
	redactor_free(app.redactor);
	for (size_t i = 0; i < app.n_prompt_history; i++)
		free(app.prompt_history[i]);
	render_sources_free(&app.sources);
	return 0;
}
