/*
 * query_spec.c - reading the table options: --measure and --band (layer: core, part of
 * the query module). Field names are only checked against the cache later, by the query.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/query.h"

static char *trimmed_copy(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/* Reads "days(A,B)" into the measure; false when text is not of that form. */
static bool parse_days(const char *text, struct measure_spec *out)
{
	size_t len = strlen(text);
	if (strncmp(text, "days(", 5) != 0 || len < 7 || text[len - 1] != ')')
		return false;
	const char *inner = text + 5;
	const char *comma = memchr(inner, ',', (size_t)(text + len - 1 - inner));
	if (!comma)
		return false;
	out->date_a = trimmed_copy(inner, (size_t)(comma - inner));
	out->date_b = trimmed_copy(comma + 1, (size_t)(text + len - 1 - (comma + 1)));
	if (!out->date_a[0] || !out->date_b[0]) {
		free(out->date_a);
		free(out->date_b);
		out->date_a = out->date_b = NULL;
		return false;
	}
	out->days = true;
	return true;
}

enum status measure_parse(const char *text, struct measure_spec *out, struct strbuf *error)
{
	static const struct {
		const char *name;
		enum measure_kind kind;
	} kinds[] = {{"avg", MEASURE_AVG}, {"min", MEASURE_MIN}, {"max", MEASURE_MAX},
		     {"sum", MEASURE_SUM}};
	memset(out, 0, sizeof(*out));
	if (!strcmp(text, "count")) {
		out->kind = MEASURE_COUNT;
		return STATUS_OK;
	}
	if (!strcmp(text, "refs")) {
		out->kind = MEASURE_REFS;
		return STATUS_OK;
	}
	const char *colon = strchr(text, ':');
	for (size_t i = 0; colon && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strlen(kinds[i].name) != (size_t)(colon - text) ||
		    strncmp(text, kinds[i].name, (size_t)(colon - text)) != 0)
			continue;
		out->kind = kinds[i].kind;
		const char *expr = colon + 1;
		if (parse_days(expr, out))
			return STATUS_OK;
		if (!strncmp(expr, "days(", 5)) {
			strbuf_appendf(error, "--measure \"%s\": days takes two date fields: days(A,B)", text);
			return STATUS_BAD_QUERY;
		}
		out->field = trimmed_copy(expr, strlen(expr));
		if (out->field[0])
			return STATUS_OK;
		free(out->field);
		out->field = NULL;
		strbuf_appendf(error, "--measure \"%s\": %s needs a field or days(A,B) after the colon",
			       text, kinds[i].name);
		return STATUS_BAD_QUERY;
	}
	strbuf_appendf(error,
		       "--measure \"%s\": expected count, refs, avg:EXPR, min:EXPR, max:EXPR or "
		       "sum:EXPR (EXPR a number field or days(A,B))",
		       text);
	return STATUS_BAD_QUERY;
}

void measure_clear(struct measure_spec *measure)
{
	free(measure->field);
	free(measure->date_a);
	free(measure->date_b);
	memset(measure, 0, sizeof(*measure));
}

enum status band_parse(const char *text, struct band_spec *out, struct strbuf *error)
{
	memset(out, 0, sizeof(*out));
	const char *colon = strrchr(text, ':');
	if (!colon || colon == text || !colon[1]) {
		strbuf_appendf(error, "--band \"%s\": expected FIELD:E1,E2,... (such as victim_age:16,18)",
			       text);
		return STATUS_BAD_QUERY;
	}
	out->field = trimmed_copy(text, (size_t)(colon - text));
	const char *p = colon + 1;
	while (*p) {
		char *end;
		errno = 0;
		double edge = strtod(p, &end);
		if (end == p || errno || !isfinite(edge) || (*end && *end != ',') ||
		    (out->n_edges && edge <= out->edges[out->n_edges - 1])) {
			strbuf_appendf(error,
				       "--band \"%s\": the edges must be numbers in increasing order, "
				       "separated by commas",
				       text);
			band_clear(out);
			return STATUS_BAD_QUERY;
		}
		out->edges = xrealloc(out->edges, (out->n_edges + 1) * sizeof(*out->edges));
		out->edges[out->n_edges++] = edge;
		p = *end ? end + 1 : end;
	}
	return STATUS_OK;
}

void band_clear(struct band_spec *band)
{
	free(band->field);
	free(band->edges);
	memset(band, 0, sizeof(*band));
}
