/*
 * redact.h - removing personal data from free text before it leaves crimeview
 * (layer: core).
 *
 * FOI answers release notes; one phone number or name left in is a data breach. Each
 * rule replaces what it finds with its category token ("[phone]", "[email]", ...), so a
 * reader sees that something was removed and what kind of thing it was. Ordinary text
 * that looks like personal data (offence codes such as 8N or 86/2, times, money, years,
 * ages, crime references) is left alone.
 */
#ifndef CRIMEVIEW_REDACT_H
#define CRIMEVIEW_REDACT_H

#include <stddef.h>

#include "crimeview/fieldname.h"
#include "crimeview/status.h"
#include "crimeview/strbuf.h"

#define REDACT_CATEGORY_TABLE(X) \
	X(REDACT_PHONE, "phone") \
	X(REDACT_EMAIL, "email") \
	X(REDACT_POSTCODE, "postcode") \
	X(REDACT_VEHICLE, "vehicle") \
	X(REDACT_NI_NUMBER, "ni-number") \
	X(REDACT_DOB, "dob") \
	X(REDACT_URL, "url") \
	X(REDACT_HANDLE, "handle") \
	X(REDACT_IP, "ip") \
	X(REDACT_CARD, "card") \
	X(REDACT_NAME, "name") \
	X(REDACT_ADDRESS, "address")

enum redact_category {
#define REDACT_CATEGORY_ENUM(name, token) name,
	REDACT_CATEGORY_TABLE(REDACT_CATEGORY_ENUM)
#undef REDACT_CATEGORY_ENUM
	REDACT_CATEGORY_COUNT
};

/* "phone", "email", ... (the token without brackets). */
const char *redact_category_name(enum redact_category category);

/* What to remove besides the built-in rules. */
struct redactor;

/* A redactor with the built-in rules only. Caller frees with redactor_free. */
struct redactor *redactor_new(void);
void redactor_free(struct redactor *redactor);

/*
 * Adds a user list (--redact-list FILE: names, places, one per line, '#' comments):
 * each entry is removed as a whole word (or words), in any case, as [name]. Returns
 * STATUS_OK, or STATUS_IO (errno kept) when the file cannot be read.
 */
enum status redactor_add_list(struct redactor *redactor, const char *path);
/* Adds one term (a personal field's value for one record: a name, an address): removed
 * as whole words in any (ASCII) case, as the token of category ([name] for REDACT_NAME).
 * For REDACT_NAME only, a value of several words is also removed word by word (parts split
 * at spaces and hyphens, of 2 or more letters, titles and police ranks such as "Mr" and
 * "PC" skipped), and without its leading titles ("Mr Jamal Marsh" also as "Jamal Marsh").
 * For REDACT_ADDRESS, each comma-separated part of two or more words with letters is also
 * removed, and such a part without its house number ("17 Mill Lane, Walsall" also as
 * "17 Mill Lane" and "Mill Lane"). */
void redactor_add_term(struct redactor *redactor, const char *term, enum redact_category category);
/* Forgets the terms added with redactor_add_term (kept: the user list). */
void redactor_clear_terms(struct redactor *redactor);

/* Counts of redactions by category, added up over calls. */
struct redact_counts {
	size_t n[REDACT_CATEGORY_COUNT];
};

/*
 * Appends text[0..len) (UTF-8) to out with personal data replaced by "[category]"
 * tokens, and adds what it replaced to counts (which may be NULL). redactor may be NULL
 * (built-in rules only). A date of birth keeps its label: "DOB 12/03/1985" becomes
 * "DOB [dob]"; dates without a birth label are left alone. Runs in time linear in len.
 */
void redact_text(const struct redactor *redactor, const char *text, size_t len,
		 struct strbuf *out, struct redact_counts *counts);

/* Adds the counts of b to a. */
void redact_counts_add(struct redact_counts *a, const struct redact_counts *b);
/* The number of redactions of every category. */
size_t redact_counts_total(const struct redact_counts *counts);

/* ---- personal fields (redact_fields.c) ----
 *
 * A column whose header says it holds a name, an address, a date of birth, a phone number or
 * an e-mail address (field_personal_guess), or that the user names with --personal, is a
 * personal field: with redaction on, its value is shown as its category's token ("[name]"),
 * and the value is removed (as a term, a name also word by word) from the same record's notes
 * and other values. Values that name no one ("Unknown", "N/A", "Refused"...) are left as
 * they are.
 */

/*
 * Adds a --personal option: "COL" or "COL:CATEGORY", COL a field name or header (checked
 * against the cache by the caller, see redactor_personal_column), CATEGORY one of the
 * tokens above (name, address, dob, phone, email, ...). Without a category the header's
 * own kind is used, else name. Returns STATUS_OK, or STATUS_BAD_QUERY with one line in
 * error for an empty COL or an unknown category.
 */
enum status redactor_add_personal(struct redactor *redactor, const char *option,
				  struct strbuf *error);
/* The columns added with redactor_add_personal: the i-th (borrowed), NULL past the end. */
const char *redactor_personal_column(const struct redactor *redactor, size_t i);

/*
 * Whether the field called name, with this header (either may be NULL), is personal, and
 * the category its value is masked as: a --personal option naming it comes first, then
 * what its header says. redactor may be NULL (headers only).
 */
bool redactor_field_personal(const struct redactor *redactor, const char *name, const char *header,
			     enum redact_category *category);

/* One field of a record, as the redactor sees it. Everything is borrowed. */
struct redact_field {
	const char *name, *header; /* either may be NULL */
	const char *value; /* NULL when blank */
};

/*
 * Readies redactor for one record: forgets the previous record's terms
 * (redactor_clear_terms) and adds the value of each of the record's personal fields as a
 * term of its category. Call it before redacting that record's notes and values; fields may
 * hold every field of the record or only its personal ones.
 */
void redact_record_begin(struct redactor *redactor, const struct redact_field *fields, size_t n);

/*
 * Appends a value of the record last given to redact_record_begin, redacted: the category's
 * token ("[name]") when the field is personal and its value names someone, else the value
 * with the rules and the record's terms applied (redact_text). A blank value appends
 * nothing. What was removed is added to counts (which may be NULL).
 */
void redact_record_value(const struct redactor *redactor, const struct redact_field *field,
			 struct strbuf *out, struct redact_counts *counts);

#endif
