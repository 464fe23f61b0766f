/*
 * fuzz_redact.c - libFuzzer target: the way notes leave crimeview, redacted (redact.c,
 * redact_rules.c) and made inert for a terminal (text.c's text_sanitize).
 *
 * The first input byte chooses whether the text before the first line break is added as
 * a personal term (a name, or an address) and whether sanitizing keeps line breaks; the
 * rest is the notes. Besides the sanitizers' findings (and libFuzzer's -timeout: redaction
 * promises linear time), the target aborts when:
 *   - well-formed UTF-8 notes come out of redaction as malformed UTF-8;
 *   - a category counted n times has fewer than n of its tokens in the output;
 *   - the sanitized text holds anything a terminal would act on: a C0 control other than
 *     a line break (none at all with TEXT_SANITIZE_ONE_LINE), DEL, ESC, a C1 control, a
 *     bidirectional override, or malformed UTF-8.
 * Run: make fuzz, then tests/fuzz/run.sh redact (see tests/fuzz/README.md).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crimeview/redact.h"
#include "crimeview/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz_redact: broken contract: %s (line %d)\n", #cond,     \
				__LINE__);                                                         \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static struct redactor *redactor;

/* Occurrences of token in out (which may hold NUL bytes). */
static size_t count_tokens(const struct strbuf *out, const char *token)
{
	size_t n = 0, len = strlen(token);
	const char *p = strbuf_str(out), *end = p + out->len;
	while ((p = memmem(p, (size_t)(end - p), token, len))) {
		n++;
		p += len;
	}
	return n;
}

static void check_inert(const struct strbuf *out, bool one_line)
{
	const unsigned char *s = (const unsigned char *)strbuf_str(out);
	size_t len = out->len;
	FUZZ_ASSERT(utf8_first_invalid((const char *)s, len) == len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c == '\n')
			FUZZ_ASSERT(!one_line);
		else
			FUZZ_ASSERT(c >= 0x20 && c != 0x7F);
		/* U+0080-U+009F */
		if (c == 0xC2 && i + 1 < len)
			FUZZ_ASSERT(s[i + 1] < 0x80 || s[i + 1] > 0x9F);
		/* U+202A-U+202E and U+2066-U+2069 */
		if (c == 0xE2 && i + 2 < len) {
			FUZZ_ASSERT(!(s[i + 1] == 0x80 && s[i + 2] >= 0xAA && s[i + 2] <= 0xAE));
			FUZZ_ASSERT(!(s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (!redactor)
		redactor = redactor_new();
	uint8_t choice = data[0];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	if (choice & 1) {
		const char *eol = memchr(text, '\n', len);
		if (eol) {
			char *term = strndup(text, (size_t)(eol - text));
			FUZZ_ASSERT(term);
			redactor_add_term(redactor, term,
					  choice & 2 ? REDACT_NAME : REDACT_POSTCODE);
			free(term);
			len -= (size_t)(eol + 1 - text);
			text = eol + 1;
		}
	}

	struct redact_counts counts;
	memset(&counts, 0, sizeof(counts));
	struct strbuf out = STRBUF_INIT;
	redact_text(redactor, text, len, &out, &counts);
	if (utf8_first_invalid(text, len) == len)
		FUZZ_ASSERT(utf8_first_invalid(strbuf_str(&out), out.len) == out.len);
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++) {
		if (!counts.n[c])
			continue;
		char token[32];
		snprintf(token, sizeof(token), "[%s]",
			 redact_category_name((enum redact_category)c));
		FUZZ_ASSERT(count_tokens(&out, token) >= counts.n[c]);
	}
	redactor_clear_terms(redactor);

	bool one_line = choice & 4;
	struct strbuf shown = STRBUF_INIT;
	text_sanitize(strbuf_str(&out), out.len, one_line ? TEXT_SANITIZE_ONE_LINE : 0, &shown);
	check_inert(&shown, one_line);
	strbuf_free(&shown);
	strbuf_free(&out);
	return 0;
}
