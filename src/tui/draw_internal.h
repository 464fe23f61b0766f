/*
 * draw_internal.h - what only ui.c asks of draw.c (layer: TUI).
 */
#ifndef CRIMEVIEW_TUI_DRAW_INTERNAL_H
#define CRIMEVIEW_TUI_DRAW_INTERNAL_H

#include <curses.h>
#include <stdbool.h>

#include "tui.h"

/* Sets the attributes of each role: colours when color, else bold/reverse/underline. */
void draw_theme_init(bool color);
/* The role whose look is attrs and colour pair (for the marked screen dump). */
enum role draw_role_of(attr_t attrs, short pair);

#endif
