/* format.c - numbers and durations for people (layer: core). */
#include <stdio.h>
#include <string.h>

#include "crimeview/format.h"

char *format_count(int64_t n, char *buf, size_t size)
{
	char digits[32];
	unsigned long long magnitude = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	int len = snprintf(digits, sizeof(digits), "%llu", magnitude);
	char out[48];
	size_t o = 0;
	if (n < 0)
		out[o++] = '-';
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
	return buf;
}

char *format_seconds(double seconds, char *buf, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds < 10)
		snprintf(buf, size, "%.2f s", seconds);
	else if (seconds < 60)
		snprintf(buf, size, "%.1f s", seconds);
	else if (seconds < 3600)
		snprintf(buf, size, "%d min %02d s", (int)seconds / 60, (int)seconds % 60);
	else
		snprintf(buf, size, "%d h %02d min", (int)seconds / 3600, (int)seconds % 3600 / 60);
	return buf;
}
