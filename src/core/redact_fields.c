/*
 * redact_fields.c - personal fields: which of a record's fields are masked whole, and the
 * record's personal values as terms for its notes (layer: core, part of the redactor).
 *
 * A personal field is found by its header (field_personal_guess) or named by the user
 * (--personal COL[:CATEGORY]). Per record, its value becomes a term, so that "Chloe Turner"
 * in the Victim Name column also leaves the notes as [name], and so do "Chloe" and "Turner".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "redact_internal.h"

static bool category_parse(const char *word, enum redact_category *out)
{
	for (int c = 0; c < REDACT_CATEGORY_COUNT; c++) {
		if (!strcasecmp(word, redact_category_name((enum redact_category)c))) {
			*out = (enum redact_category)c;
			return true;
		}
	}
	return false;
}

enum status redactor_add_personal(struct redactor *redactor, const char *option,
				  struct strbuf *error)
{
	const char *colon = strrchr(option, ':');
	enum redact_category category = REDACT_NAME;
	bool guess = true;
	size_t len = strlen(option);
	/* "Time: Start" is a header, not a category: only a known category is split off. */
	if (colon && category_parse(colon + 1, &category)) {
		guess = false;
		len = (size_t)(colon - option);
	}
	while (len && (option[len - 1] == ' ' || option[len - 1] == '\t'))
		len--;
	if (!len) {
		strbuf_appendf(error, "--personal \"%s\": which field? (COL or COL:CATEGORY)",
			       option);
		return STATUS_BAD_QUERY;
	}
	char *column = xmalloc(len + 1);
	memcpy(column, option, len);
	column[len] = '\0';
	redact_personal_push(redactor, column, guess, category);
	return STATUS_OK;
}

const char *redactor_personal_column(const struct redactor *redactor, size_t i)
{
	const struct redact_personal *p = redact_personal_get(redactor, i);
	return p ? p->column : NULL;
}

/* The category of the kind of personal data a header (or, without one, a name) says. */
static bool guess_category(const char *name, const char *header, enum redact_category *category)
{
	static const enum redact_category categories[FIELD_PERSONAL_COUNT] = {
		[FIELD_PERSONAL_NONE] = REDACT_NAME,
		[FIELD_PERSONAL_NAME] = REDACT_NAME,
		[FIELD_PERSONAL_ADDRESS] = REDACT_ADDRESS,
		[FIELD_PERSONAL_DOB] = REDACT_DOB,
		[FIELD_PERSONAL_PHONE] = REDACT_PHONE,
		[FIELD_PERSONAL_EMAIL] = REDACT_EMAIL,
	};
	const char *said = header ? header : name;
	enum field_personal personal = said ? field_personal_guess(said) : FIELD_PERSONAL_NONE;
	*category = categories[personal];
	return personal != FIELD_PERSONAL_NONE;
}

bool redactor_field_personal(const struct redactor *redactor, const char *name, const char *header,
			     enum redact_category *category)
{
	const struct redact_personal *p;
	for (size_t i = 0; (p = redact_personal_get(redactor, i)) != NULL; i++) {
		if (!field_name_matches(p->column, name, header))
			continue;
		if (p->guess)
			guess_category(name, header, category);
		else
			*category = p->category;
		return true;
	}
	return guess_category(name, header, category);
}

/*
 * Values that stand for no one: "Unknown" in a Victim Name column must neither be masked as
 * a name nor, as a term, remove every "unknown" from the notes.
 */
static bool names_no_one(const char *value)
{
	static const char *const placeholders[] = {
		"unknown", "not known", "n/k", "nk", "n/a", "na", "none", "nil", "null",
		"not stated", "not recorded", "not given", "not provided", "refused", "withheld",
		"declined", "anonymous", "anon", "no fixed abode", "nfa", "tbc", "-", "--", "?",
	};
	size_t len = strlen(value);
	while (len && (value[len - 1] == ' ' || value[len - 1] == '\t' || value[len - 1] == '.'))
		len--;
	while (len && (*value == ' ' || *value == '\t')) {
		value++;
		len--;
	}
	if (!len)
		return true;
	for (size_t k = 0; k < sizeof(placeholders) / sizeof(placeholders[0]); k++)
		if (strlen(placeholders[k]) == len && !strncasecmp(value, placeholders[k], len))
			return true;
	return false;
}

void redact_record_begin(struct redactor *redactor, const struct redact_field *fields, size_t n)
{
	redactor_clear_terms(redactor);
	for (size_t i = 0; i < n; i++) {
		enum redact_category category;
		const struct redact_field *f = &fields[i];
		if (!f->value || names_no_one(f->value) ||
		    !redactor_field_personal(redactor, f->name, f->header, &category))
			continue;
		redactor_add_term(redactor, f->value, category);
	}
}

void redact_record_value(const struct redactor *redactor, const struct redact_field *field,
			 struct strbuf *out, struct redact_counts *counts)
{
	if (!field->value)
		return;
	enum redact_category category;
	if (!names_no_one(field->value) &&
	    redactor_field_personal(redactor, field->name, field->header, &category)) {
		strbuf_appendf(out, "[%s]", redact_category_name(category));
		if (counts)
			counts->n[category]++;
		return;
	}
	redact_text(redactor, field->value, strlen(field->value), out, counts);
}
