/*
 * render_list.c - lists of records as text, tsv, csv, Markdown or JSON, streamed one
 * record at a time (layer: core, part of the renderer).
 */
#include <string.h>

#include "crimeview/text.h"
#include "render_internal.h"

static void put_text_field(const char *s, struct strbuf *out)
{
	if (s)
		text_sanitize(s, strlen(s), TEXT_SANITIZE_ONE_LINE, out);
}

static void put_md_field(const char *s, struct strbuf *out)
{
	if (!s)
		return;
	struct strbuf safe = STRBUF_INIT;
	text_sanitize(s, strlen(s), TEXT_SANITIZE_ONE_LINE, &safe);
	for (size_t i = 0; i < safe.len; i++) {
		if (safe.data[i] == '|' || safe.data[i] == '\\')
			strbuf_append_char(out, '\\');
		strbuf_append_char(out, safe.data[i]);
	}
	strbuf_free(&safe);
}

/* tsv: a field holds no tab or line break (they would break the row), so they become spaces. */
static void put_tsv_field(const char *s, struct strbuf *out)
{
	for (; s && *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		strbuf_append_char(out, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

static void put_csv_field(const char *s, struct strbuf *out)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_append_str(out, s);
		return;
	}
	strbuf_append_char(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_append_char(out, '"');
		strbuf_append_char(out, *s);
	}
	strbuf_append_char(out, '"');
}

static void put_field(enum render_format format, const char *s, struct strbuf *out)
{
	switch (format) {
	case RENDER_TEXT:
		put_text_field(s, out);
		return;
	case RENDER_MD:
		put_md_field(s, out);
		return;
	case RENDER_TSV:
		put_tsv_field(s, out);
		return;
	case RENDER_CSV:
		put_csv_field(s, out);
		return;
	case RENDER_JSON:
		render_json_string(out, s);
		return;
	}
}

static const char *separator(enum render_format format)
{
	switch (format) {
	case RENDER_TEXT:
		return " | ";
	case RENDER_MD:
		return " | ";
	case RENDER_TSV:
		return "\t";
	case RENDER_CSV:
		return ",";
	case RENDER_JSON:
		break;
	}
	return ", ";
}

/* One row: the cells in order, with the format's separators and line end. */
static void put_row(enum render_format format, const char *const *cells, size_t n,
		    struct strbuf *out)
{
	if (format == RENDER_MD)
		strbuf_append_str(out, "| ");
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_append_str(out, separator(format));
		put_field(format, cells[i], out);
	}
	strbuf_append_str(out, format == RENDER_MD ? " |\n" : format == RENDER_CSV ? "\r\n" : "\n");
}

void render_list_begin(enum render_format format, const char *const *headers, size_t n,
		       struct strbuf *out)
{
	if (format == RENDER_JSON) {
		strbuf_append_str(out, "[");
		return;
	}
	const char *cells[n + 4];
	cells[0] = "Reference";
	cells[1] = "Kind";
	cells[2] = "Date";
	for (size_t i = 0; i < n; i++)
		cells[3 + i] = headers[i];
	cells[3 + n] = "Notes";
	put_row(format, cells, n + 4, out);
	if (format == RENDER_MD) {
		strbuf_append_str(out, "|");
		for (size_t i = 0; i < n + 4; i++)
			strbuf_append_str(out, " --- |");
		strbuf_append_char(out, '\n');
	}
}

void render_list_record(enum render_format format, const struct list_record *record, size_t n,
			const char *const *headers, bool first, struct strbuf *out)
{
	if (format == RENDER_JSON) {
		strbuf_append_str(out, first ? "\n  {\"ref\": " : ",\n  {\"ref\": ");
		render_json_string(out, record->ref);
		strbuf_append_str(out, ", \"kind\": ");
		render_json_string(out, record->kind);
		strbuf_append_str(out, ", \"date\": ");
		render_json_string(out, record->date);
		strbuf_append_str(out, ", \"fields\": {");
		for (size_t i = 0; i < n; i++) {
			strbuf_append_str(out, i ? ", " : "");
			render_json_string(out, headers[i]);
			strbuf_append_str(out, ": ");
			render_json_string(out, record->values[i]);
		}
		strbuf_append_str(out, "}, \"notes\": ");
		render_json_string(out, record->notes);
		strbuf_append_str(out, "}");
		return;
	}
	const char *cells[n + 4];
	cells[0] = record->ref;
	cells[1] = record->kind;
	cells[2] = record->date;
	for (size_t i = 0; i < n; i++)
		cells[3 + i] = record->values[i];
	cells[3 + n] = record->notes;
	put_row(format, cells, n + 4, out);
}

void render_list_end(enum render_format format, struct strbuf *out)
{
	if (format == RENDER_JSON)
		strbuf_append_str(out, "\n]\n");
}
