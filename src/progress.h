/*
 * progress.h - the import progress bar on stderr (layer: CLI).
 *
 * Drawn only when stderr is a terminal, at most ten times a second, and wiped before
 * anything else is printed so messages never mix with it.
 */
#ifndef CRIMEVIEW_PROGRESS_H
#define CRIMEVIEW_PROGRESS_H

#include <stdbool.h>

#include "crimeview/import.h"

struct progress_bar {
	bool enabled;
	bool drawn;
	double last_draw;
};

void progress_init(struct progress_bar *bar);
/* Redraws the bar for this progress report (rate-limited). */
void progress_update(struct progress_bar *bar, const struct import_progress *progress);
/* Shows what happens now in the bar's place, until the next update or clear. */
void progress_note(struct progress_bar *bar, const char *what);
/* Clears the bar's line, if drawn. */
void progress_clear(struct progress_bar *bar);

#endif
