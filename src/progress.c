/* progress.c - the import progress bar: rows, rows/s, ETA on stderr (layer: CLI). */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "crimeview/format.h"
#include "crimeview/text.h"
#include "progress.h"

static double monotonic_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress_bar *bar)
{
	memset(bar, 0, sizeof(*bar));
	bar->enabled = isatty(STDERR_FILENO) != 0;
}

static int terminal_width(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	return 80;
}

void progress_update(struct progress_bar *bar, const struct import_progress *p)
{
	if (!bar->enabled)
		return;
	double now = monotonic_seconds();
	if (bar->drawn && now - bar->last_draw < 0.1)
		return;
	bar->last_draw = now;
	double fraction = p->bytes_total ? (double)p->bytes_done / (double)p->bytes_total : 1.0;
	if (fraction > 1.0)
		fraction = 1.0;
	double rate = p->seconds > 0 ? (double)p->rows_read / p->seconds : 0;
	double eta = fraction > 0 ? p->seconds * (1 - fraction) / fraction : 0;
	char rows[32], per_second[32], left[32], status[160];
	format_count(p->rows_read, rows, sizeof(rows));
	format_count((int64_t)rate, per_second, sizeof(per_second));
	format_seconds(eta, left, sizeof(left));
	int n = snprintf(status, sizeof(status), " %3d%%  %s rows  %s rows/s  ETA %s",
			 (int)(fraction * 100), rows, per_second, left);
	/* A file name can hold anything, escape sequences too: show it inert. */
	const char *base = strrchr(p->path, '/') ? strrchr(p->path, '/') + 1 : p->path;
	struct strbuf safe = STRBUF_INIT;
	text_sanitize(base, strlen(base), TEXT_SANITIZE_ONE_LINE, &safe);
	const char *name = strbuf_str(&safe);
	int width = terminal_width() - 1;
	int name_width = (int)strlen(name) > 24 ? 24 : (int)strlen(name);
	while (name_width > 0 && ((unsigned char)name[name_width] & 0xC0) == 0x80)
		name_width--; /* never cut a character in two */
	int bar_width = width - n - name_width - 4;
	if (bar_width < 5)
		bar_width = 5;
	if (bar_width > 40)
		bar_width = 40;
	int filled = (int)(fraction * bar_width);
	fprintf(stderr, "\r%.*s [", name_width, name);
	for (int i = 0; i < bar_width; i++)
		fputc(i < filled ? '#' : '.', stderr);
	fprintf(stderr, "]%s\033[K", status);
	fflush(stderr);
	strbuf_free(&safe);
	bar->drawn = true;
}

void progress_note(struct progress_bar *bar, const char *what)
{
	if (!bar->enabled)
		return;
	fprintf(stderr, "\r%s\033[K", what);
	fflush(stderr);
	bar->drawn = true;
}

void progress_clear(struct progress_bar *bar)
{
	if (!bar->enabled || !bar->drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	bar->drawn = false;
}
