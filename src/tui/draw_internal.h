/*
 * draw_internal.h - what only ui.c asks of draw.c (layer: TUI).
 */
#ifndef CRIMEVIEW_TUI_DRAW_INTERNAL_H
#define CRIMEVIEW_TUI_DRAW_INTERNAL_H

#include <stdbool.h>

/* Sets the attributes of each role: colours when color, else bold/reverse/underline. */
void draw_theme_init(bool color);

#endif
