/*
 * review.c - review names and the words of a review's summary (layer: core, part of the
 * review module; its SQL is in cache_review.c).
 */
#include <stdlib.h>
#include <string.h>

#include "crimeview/format.h"
#include "crimeview/review.h"

enum status review_name_check(const char *name, struct strbuf *error)
{
	size_t len = name ? strlen(name) : 0;
	if (!len) {
		strbuf_append_str(error, "a review needs a name");
		return STATUS_BAD_QUERY;
	}
	if (len > REVIEW_NAME_MAX) {
		strbuf_appendf(error, "a review's name is at most %d bytes (this one has %zu)",
			       REVIEW_NAME_MAX, len);
		return STATUS_BAD_QUERY;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7f) {
			strbuf_append_str(error, "a review's name cannot hold control characters");
			return STATUS_BAD_QUERY;
		}
	}
	return STATUS_OK;
}

void review_summary_clear(struct review_summary *summary)
{
	free(summary->review);
	for (size_t i = 0; i < summary->n_reasons; i++)
		free(summary->reasons[i].reason);
	free(summary->reasons);
	memset(summary, 0, sizeof(*summary));
}

void review_summary_describe(const struct review_summary *summary, struct strbuf *out)
{
	char count[32];
	strbuf_appendf(out, "Review %s: ", summary->review ? summary->review : "");
	if (summary->n_excluded == 0) {
		strbuf_append_str(out, "no records excluded");
		return;
	}
	strbuf_appendf(out, "%s record%s excluded (",
		       format_count(summary->n_excluded, count, sizeof(count)),
		       summary->n_excluded == 1 ? "" : "s");
	for (size_t i = 0; i < summary->n_reasons; i++) {
		const struct review_reason *r = &summary->reasons[i];
		const char *reason = r->reason && r->reason[0] ? r->reason : "no reason given";
		if (i)
			strbuf_append_str(out, "; ");
		/* One reason for every record reads without its count. */
		if (summary->n_reasons == 1)
			strbuf_append_str(out, reason);
		else
			strbuf_appendf(out, "%s %s", format_count(r->n, count, sizeof(count)),
				       reason);
	}
	strbuf_append_char(out, ')');
}
