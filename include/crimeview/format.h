/*
 * format.h - numbers and durations as people read them (layer: core).
 */
#ifndef CRIMEVIEW_FORMAT_H
#define CRIMEVIEW_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* n with thousands separators ("12,345", "-1,000") into buf; returns buf. */
char *format_count(int64_t n, char *buf, size_t size);
/* A duration as "0.41 s", "12.3 s", "3 min 05 s" or "1 h 02 min" into buf; returns buf. */
char *format_seconds(double seconds, char *buf, size_t size);

#endif
