/*
 * fieldname.h - naming the columns of an export and finding their roles (layer: core).
 *
 * A field's name is its header lowercased, every run of characters other than a-z and
 * 0-9 turned into one '_', trimmed of '_' at both ends ("Offence Title" -> offence_title,
 * "Crime No." -> crime_no). An empty result is named column_N (N = 1-based position);
 * a name already taken in the same file gets _2, _3... Everywhere the user names a field,
 * the original header (any case) is accepted too.
 *
 * Roles say what a column means to crimeview: the record's reference, the date that
 * periods count by, the free-text notes (full-text indexed), and whether the record is a
 * crime or an incident. They are found from common header names and can be overridden.
 */
#ifndef CRIMEVIEW_FIELDNAME_H
#define CRIMEVIEW_FIELDNAME_H

#include <stdbool.h>
#include <stddef.h>

#define FIELD_ROLE_TABLE(X) \
	X(FIELD_ROLE_NONE, "") \
	X(FIELD_ROLE_REF, "ref") \
	X(FIELD_ROLE_DATE, "date") \
	X(FIELD_ROLE_NOTES, "notes") \
	X(FIELD_ROLE_KIND, "kind")

enum field_role {
#define FIELD_ROLE_ENUM(name, word) name,
	FIELD_ROLE_TABLE(FIELD_ROLE_ENUM)
#undef FIELD_ROLE_ENUM
	FIELD_ROLE_COUNT
};

/* "ref", "date", "notes", "kind", or "" for FIELD_ROLE_NONE. */
const char *field_role_name(enum field_role role);
/* Parses a role word (as in a --map file); returns false when unknown. */
bool field_role_parse(const char *word, enum field_role *out);

/* The field name for a header (caller frees); position is 1-based, used for column_N. */
char *field_name_from_header(const char *header, size_t position);

/*
 * Names every header of one file: names[i] for headers[i] (caller frees each and the
 * array), unique within the file by adding _2, _3 to repeats.
 */
char **field_names_for_headers(const char *const *headers, size_t n);

/* True when name_or_header names this field: its name (any case), or its header compared
 * case-insensitively with surrounding spaces ignored. */
bool field_name_matches(const char *name_or_header, const char *name, const char *header);

/*
 * The role a header suggests, with a rank (lower is a better match) so that the importer
 * can pick one column per role: for the date role "Recorded Date" beats "Committed Date"
 * beats "Date" beats "Month". *rank is only set when the role is not FIELD_ROLE_NONE.
 * Recognised (normalised names, so any case and punctuation):
 *   ref:   crime_number, crime_reference, crime_ref, crime_no, crime_id, incident_number,
 *          incident_reference, incident_ref, incident_no, incident_id, urn, reference,
 *          ref, ccn, occurrence_number, case_number, referral_reference...
 *   date:  recorded_date, date_recorded, reported_date, date_reported, committed_date,
 *          offence_date, incident_date, occurred_date, date_received, received_date, date,
 *          month...
 *   notes: mo, mo_text, modus_operandi, notes, summary, incident_summary, detail, details,
 *          comments, narrative, description_of_incident...
 *   kind:  record_type, kind, crime_or_incident...
 */
enum field_role field_role_guess(const char *header, int *rank);

/*
 * Personal fields: columns whose header says they hold a person's name, an address, a date
 * of birth, a phone number or an e-mail address. --redact masks them whole ("[name]") and
 * removes their values from the record's notes. The words are read one by one: a header is
 * personal when one of its words names the data ("Victim Name", "Surname", "Date of Birth",
 * "Home Address Line 1", "Tel No", "E-mail") and every other word is one that can stand
 * with it (a person: victim, suspect, officer...; a qualifier: first, home, number...). So
 * "Offence Name", "Station Name", "Officer in Case" (no word says it holds a name), "Place
 * of Birth" or "Mobile Phone Stolen" are not personal; --personal COL names those a header
 * does not give away.
 */
#define FIELD_PERSONAL_TABLE(X) \
	X(FIELD_PERSONAL_NONE, "") \
	X(FIELD_PERSONAL_NAME, "name") \
	X(FIELD_PERSONAL_ADDRESS, "address") \
	X(FIELD_PERSONAL_DOB, "dob") \
	X(FIELD_PERSONAL_PHONE, "phone") \
	X(FIELD_PERSONAL_EMAIL, "email")

enum field_personal {
#define FIELD_PERSONAL_ENUM(name, word) name,
	FIELD_PERSONAL_TABLE(FIELD_PERSONAL_ENUM)
#undef FIELD_PERSONAL_ENUM
	FIELD_PERSONAL_COUNT
};

/* "name", "address", "dob", "phone", "email", or "" for FIELD_PERSONAL_NONE. */
const char *field_personal_name(enum field_personal personal);
/* What personal data a header says its column holds; FIELD_PERSONAL_NONE when none. */
enum field_personal field_personal_guess(const char *header);

/*
 * The kind a header or a file name suggests: "crime" for crime_* reference headers or a
 * file name holding the word crime/crimes, "incident" likewise, NULL otherwise.
 */
const char *field_kind_from_ref_header(const char *header);
const char *field_kind_from_file_name(const char *path);

/* Normalises a kind value found in a kind column ("Crime", "CRIME RECORD", "Incident",
 * "INC", "C", "I"...) to "crime" or "incident"; NULL when it is neither. */
const char *field_kind_from_value(const char *value, size_t len);

#endif
