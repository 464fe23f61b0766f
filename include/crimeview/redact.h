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
	X(REDACT_NAME, "name")

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
 * at spaces and hyphens, of 2 or more letters, titles such as "Mr" skipped), and without
 * its leading titles ("Mr Jamal Marsh" also as "Jamal Marsh"). */
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

#endif
