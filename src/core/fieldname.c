/*
 * fieldname.c - field names from headers, and the roles and kinds that headers, file names
 * and values suggest (layer: core).
 *
 * Roles are guessed from exact names only, never from words inside a header: "Outcome
 * Date", "Date Actioned", "updateDate" or "Date of Birth" must not become the date that
 * periods count by, and "Description" (in many exports the offence's description, not free
 * text) must not become the notes. Names are compared in their normalised form with the
 * underscores taken out, so "Crime No.", "CRIME_NO", "CrimeNo" and "crime-no" are one name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crimeview/fieldname.h"
#include "crimeview/strbuf.h"

/* clang-format off */
static const char *const role_names[] = {
#define FIELD_ROLE_WORD(name, word) word,
	FIELD_ROLE_TABLE(FIELD_ROLE_WORD)
#undef FIELD_ROLE_WORD
};
/* clang-format on */

const char *field_role_name(enum field_role role)
{
	if ((unsigned)role >= FIELD_ROLE_COUNT)
		return "";
	return role_names[role];
}

bool field_role_parse(const char *word, enum field_role *out)
{
	if (!word)
		return false;
	/* FIELD_ROLE_NONE has no word: an empty role is not a role. */
	for (int role = FIELD_ROLE_NONE + 1; role < FIELD_ROLE_COUNT; role++) {
		if (strcasecmp(word, role_names[role]) == 0) {
			*out = (enum field_role)role;
			return true;
		}
	}
	return false;
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static char to_lower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The normalised header: lowercased, runs of other characters as one '_', trimmed of '_'.
 * Possibly "". Caller frees. */
static char *normalise(const char *header)
{
	size_t len = header ? strlen(header) : 0;
	char *name = xmalloc(len + 1);
	size_t n = 0;
	bool gap = false;
	for (size_t i = 0; i < len; i++) {
		char c = to_lower_ascii(header[i]);
		if (!is_name_char(c)) {
			gap = true;
			continue;
		}
		if (gap && n)
			name[n++] = '_';
		gap = false;
		name[n++] = c;
	}
	name[n] = '\0';
	return name;
}

char *field_name_from_header(const char *header, size_t position)
{
	char *name = normalise(header);
	if (*name)
		return name;
	free(name);
	struct strbuf sb = STRBUF_INIT;
	strbuf_appendf(&sb, "column_%zu", position);
	return strbuf_detach(&sb);
}

static bool name_in(const char *name, char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return true;
	return false;
}

/*
 * A repeated name gets the first free _2, _3...: free meaning neither given to an earlier
 * column nor the plain name of any column of the file, so that "Ref, Ref, Ref 2" becomes
 * ref, ref_3, ref_2 and the third column keeps the name its header gives it.
 */
char **field_names_for_headers(const char *const *headers, size_t n)
{
	char **plain = xcalloc(n, sizeof(*plain));
	char **names = xcalloc(n, sizeof(*names));
	struct strbuf candidate = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		plain[i] = field_name_from_header(headers[i], i + 1);
	for (size_t i = 0; i < n; i++) {
		if (!name_in(plain[i], names, i)) {
			names[i] = plain[i];
			plain[i] = NULL;
			continue;
		}
		for (size_t k = 2;; k++) {
			strbuf_reset(&candidate);
			strbuf_appendf(&candidate, "%s_%zu", plain[i], k);
			const char *c = strbuf_str(&candidate);
			if (!name_in(c, names, i) && !name_in(c, plain, n))
				break;
		}
		names[i] = strbuf_detach(&candidate);
	}
	for (size_t i = 0; i < n; i++)
		free(plain[i]);
	free(plain);
	strbuf_free(&candidate);
	return names;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Trims s[0..*len) of spaces at both ends; returns the new start. */
static const char *trim(const char *s, size_t *len)
{
	while (*len && is_space(*s)) {
		s++;
		(*len)--;
	}
	while (*len && is_space(s[*len - 1]))
		(*len)--;
	return s;
}

bool field_name_matches(const char *name_or_header, const char *name, const char *header)
{
	if (!name_or_header)
		return false;
	/* Names are lowercase, so any case of a name is that name. */
	if (name && strcasecmp(name_or_header, name) == 0)
		return true;
	if (!header)
		return false;
	size_t want_len = strlen(name_or_header), header_len = strlen(header);
	const char *want = trim(name_or_header, &want_len);
	const char *h = trim(header, &header_len);
	return want_len && want_len == header_len && strncasecmp(want, h, want_len) == 0;
}

/*
 * The names each role is recognised by, best first: the rank is the position in the list.
 *
 * ref: the record's own number first, crime before incident (a crime export's "Incident
 * Number" is usually the log it came from), then other systems' numbers, the generic last.
 * date: when the police recorded it, then when it was reported or received, then when it
 * happened; a bare "Date" and a "Month" only when nothing more telling is there.
 * notes: the MO and narrative texts before summaries, details and comments.
 */
/* clang-format off */
static const char *const ref_names[] = {
	"crime_number", "crime_reference", "crime_reference_number", "crime_ref",
	"crime_ref_number", "crime_ref_no", "crime_no", "crime_num", "crime_id",
	"incident_number", "incident_reference", "incident_reference_number", "incident_ref",
	"incident_ref_no", "incident_no", "incident_num", "incident_id", "occurrence_number",
	"occurrence_reference", "occurrence_no", "occurrence_id", "log_number", "log_no",
	"cad_number", "case_number", "case_reference", "case_ref", "case_no", "case_id",
	"referral_reference", "referral_number", "referral_ref", "referral_id", "urn", "ccn",
	"reference_number", "reference_no", "reference", "ref_no", "ref", NULL,
};

static const char *const date_names[] = {
	"recorded_date", "date_recorded", "recorded_date_time", "crime_recorded_date",
	"date_crime_recorded", "recorded_on", "reported_date", "date_reported",
	"reported_date_time", "reported_on", "report_date", "date_of_report", "received_date",
	"date_received", "referral_date", "date_of_referral", "created_date", "date_created",
	"incident_date", "date_of_incident", "incident_date_time", "offence_date",
	"date_of_offence", "occurred_date", "date_occurred", "occurrence_date", "crime_date",
	"committed_date", "date_committed", "committed_on", "date_time", "date", "month", NULL,
};

static const char *const notes_names[] = {
	"mo", "mo_text", "modus_operandi", "mo_notes", "mo_summary", "narrative", "notes",
	"crime_notes", "incident_notes", "circumstances", "incident_summary", "crime_summary",
	"summary", "description_of_incident", "details", "detail", "incident_details",
	"crime_details", "free_text", "log_text", "remarks", "comments", "comment", NULL,
};

static const char *const kind_names[] = {
	"record_type", "kind", "crime_or_incident", "incident_or_crime", "crime_incident",
	"record_kind", "type_of_record", NULL,
};

static const char *const *const role_lists[FIELD_ROLE_COUNT] = {
	[FIELD_ROLE_REF] = ref_names,
	[FIELD_ROLE_DATE] = date_names,
	[FIELD_ROLE_NOTES] = notes_names,
	[FIELD_ROLE_KIND] = kind_names,
};
/* clang-format on */

/* a and b equal once every '_' is skipped. */
static bool same_but_underscores(const char *a, const char *b)
{
	for (;;) {
		while (*a == '_')
			a++;
		while (*b == '_')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

enum field_role field_role_guess(const char *header, int *rank)
{
	char *key = normalise(header);
	enum field_role found = FIELD_ROLE_NONE;
	for (int role = 0; role < FIELD_ROLE_COUNT && *key && !found; role++) {
		const char *const *list = role_lists[role];
		for (int i = 0; list && list[i]; i++) {
			if (same_but_underscores(key, list[i])) {
				found = (enum field_role)role;
				if (rank)
					*rank = i;
				break;
			}
		}
	}
	free(key);
	return found;
}

/* Words that follow "crime" or "incident" in a reference header. */
/* clang-format off */
static const char *const ref_tails[] = {
	"", "number", "reference", "ref", "no", "num", "id", "reference_number", "ref_number",
	"ref_no", NULL,
};
/* clang-format on */

/* True when key is word, or word followed by '_' and more, or word glued to a ref tail
 * ("crimeno"). */
static bool starts_with_word(const char *key, const char *word)
{
	size_t len = strlen(word);
	if (strncmp(key, word, len) != 0)
		return false;
	if (key[len] == '\0' || key[len] == '_')
		return true;
	for (size_t i = 0; ref_tails[i]; i++)
		if (same_but_underscores(key + len, ref_tails[i]))
			return true;
	return false;
}

const char *field_kind_from_ref_header(const char *header)
{
	char *key = normalise(header);
	const char *kind = NULL;
	if (starts_with_word(key, "crime") || starts_with_word(key, "crimes"))
		kind = "crime";
	else if (starts_with_word(key, "incident") || starts_with_word(key, "incidents"))
		kind = "incident";
	free(key);
	return kind;
}

static bool is_letter(char c)
{
	c = to_lower_ascii(c);
	return c >= 'a' && c <= 'z';
}

/* The word s[0..len) (ASCII letters) equals word, any case. */
static bool word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* The kinds the words of s[0..len) name, as flags. */
enum {
	NAMES_CRIME = 1 << 0,
	NAMES_INCIDENT = 1 << 1,
};

/*
 * Looks at each word (a run of ASCII letters) of s[0..len). "crime"/"crimes" name a crime
 * unless the word before is "non" (a non-crime incident is an incident);
 * "incident"/"incidents" name an incident. When also_short, "inc" does too.
 */
static unsigned kinds_named(const char *s, size_t len, bool also_short)
{
	unsigned named = 0;
	bool after_non = false;
	size_t i = 0;
	while (i < len) {
		if (!is_letter(s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < len && is_letter(s[i]))
			i++;
		const char *w = s + start;
		size_t w_len = i - start;
		if (word_is(w, w_len, "crime") || word_is(w, w_len, "crimes")) {
			if (!after_non)
				named |= NAMES_CRIME;
		} else if (word_is(w, w_len, "incident") || word_is(w, w_len, "incidents") ||
			   (also_short && word_is(w, w_len, "inc"))) {
			named |= NAMES_INCIDENT;
		}
		after_non = word_is(w, w_len, "non");
	}
	return named;
}

static const char *kind_word(unsigned named)
{
	if (named == NAMES_CRIME)
		return "crime";
	if (named == NAMES_INCIDENT)
		return "incident";
	return NULL;
}

/* Only the base name counts (a folder called "crimes" says nothing of the file in it), and
 * a name naming both kinds ("crimes-and-incidents.csv") names neither. */
const char *field_kind_from_file_name(const char *path)
{
	if (!path)
		return NULL;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return kind_word(kinds_named(base, strlen(base), false));
}

const char *field_kind_from_value(const char *value, size_t len)
{
	if (!value)
		return NULL;
	const char *s = trim(value, &len);
	if (word_is(s, len, "c") || word_is(s, len, "cr"))
		return "crime";
	if (word_is(s, len, "i"))
		return "incident";
	return kind_word(kinds_named(s, len, true));
}

/* ---- personal fields ---- */

/* clang-format off */
static const char *const personal_names[] = {
#define FIELD_PERSONAL_WORD(name, word) word,
	FIELD_PERSONAL_TABLE(FIELD_PERSONAL_WORD)
#undef FIELD_PERSONAL_WORD
};

/*
 * Per kind of personal data: the words that say a column holds it (one is needed), then the
 * words that may stand with them. Tried in this order, so "Email Address" is an e-mail
 * address and "Street Name" an address.
 */
static const char *const email_words[] = {"email", "emails", "emailaddress", NULL};
static const char *const email_with[] = {"address", "personal", "work", "home", "contact", NULL};
static const char *const phone_words[] = {
	"phone", "phones", "telephone", "tel", "mobile", "phoneno", "phonenumber", "telno",
	"telephoneno", "telephonenumber", "mobileno", "mobilenumber", "landline",
	"contactnumber", NULL,
};
static const char *const phone_with[] = {
	"home", "work", "number", "no", "num", "nr", "mobile", "phone", "tel", "telephone",
	"landline", "daytime", "evening", "day", "personal", "contact", NULL,
};
static const char *const dob_words[] = {
	"dob", "birth", "birthdate", "birthday", "dateofbirth", NULL,
};
static const char *const dob_with[] = {"date", "day", "year", NULL};
static const char *const address_words[] = {
	"address", "addresses", "addr", "street", "streetname", "homeaddress", NULL,
};
static const char *const address_with[] = {
	"home", "postal", "line", "house", "flat", "number", "no", "residential", "incident",
	"crime", "offence", "location", "scene", "name", "permanent", "correspondence", "work",
	NULL,
};
static const char *const name_words[] = {
	"name", "names", "surname", "surnames", "forename", "forenames", "firstname",
	"firstnames", "lastname", "fullname", "givenname", "givennames", "familyname",
	"middlename", "middlenames", "maidenname", "nickname", "alias", "aliases", NULL,
};
static const char *const name_with[] = {
	"first", "last", "given", "family", "middle", "maiden", "nick", "preferred", "christian",
	"sur", "fore", "as", NULL,
};
/* People whose data a column may hold, and the small words that join a header's words. */
static const char *const person_words[] = {
	"victim", "victims", "suspect", "suspects", "offender", "offenders", "witness",
	"witnesses", "person", "persons", "people", "complainant", "caller", "informant",
	"reporter", "reporting", "subject", "aggrieved", "injured", "party", "ip", "arrested",
	"accused", "defendant", "perpetrator", "driver", "owner", "keeper", "parent", "guardian",
	"child", "children", "officer", "oic", "contact", "next", "kin", "user", "customer",
	"client", "patient", "pupil", "student", "resident", "occupant", "tenant", "landlord",
	"employee", "staff", "member", "individual", "involved", "named", "main", "primary",
	"secondary", "other", "alt", "alternative", "alternate", "current", "previous", "known",
	"full", "of", "the", "s", "his", "her", "their", "and", "or", NULL,
};
/* clang-format on */

struct personal_rule {
	enum field_personal personal;
	const char *const *words, *const *with;
};

static const struct personal_rule personal_rules[] = {
	{FIELD_PERSONAL_EMAIL, email_words, email_with},
	{FIELD_PERSONAL_PHONE, phone_words, phone_with},
	{FIELD_PERSONAL_DOB, dob_words, dob_with},
	{FIELD_PERSONAL_ADDRESS, address_words, address_with},
	{FIELD_PERSONAL_NAME, name_words, name_with},
};

const char *field_personal_name(enum field_personal personal)
{
	if ((unsigned)personal >= FIELD_PERSONAL_COUNT)
		return "";
	return personal_names[personal];
}

static bool word_listed(const char *word, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(word, list[i]))
			return true;
	return false;
}

static bool all_digits(const char *word)
{
	for (; *word; word++)
		if (*word < '0' || *word > '9')
			return false;
	return true;
}

#define PERSONAL_WORDS_MAX 16

/*
 * Splits the normalised key at '_' into words (in place), joining the letters of an
 * initialism ("d_o_b" is dob, "e_mail" is email) and "contact number" (a phone). Returns the
 * number of words, or 0 when there are too many for a header that holds one thing.
 */
static size_t personal_split(char *key, char **words)
{
	size_t n = 0;
	char *save = NULL;
	for (char *p = strtok_r(key, "_", &save); p; p = strtok_r(NULL, "_", &save)) {
		if (n == PERSONAL_WORDS_MAX)
			return 0;
		words[n++] = p;
	}
	size_t out = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 2 < n && !strcmp(words[i], "d") && !strcmp(words[i + 1], "o") &&
		    !strcmp(words[i + 2], "b")) {
			words[out++] = "dob";
			i += 2;
		} else if (i + 1 < n && !strcmp(words[i], "e") && !strcmp(words[i + 1], "mail")) {
			words[out++] = "email";
			i++;
		} else if (i + 1 < n && !strcmp(words[i], "contact") &&
			   (!strcmp(words[i + 1], "number") || !strcmp(words[i + 1], "no"))) {
			words[out++] = "contactnumber";
			i++;
		} else {
			words[out++] = words[i];
		}
	}
	return out;
}

enum field_personal field_personal_guess(const char *header)
{
	char *key = normalise(header);
	char *words[PERSONAL_WORDS_MAX];
	size_t n = personal_split(key, words);
	enum field_personal found = FIELD_PERSONAL_NONE;
	for (size_t r = 0; r < sizeof(personal_rules) / sizeof(personal_rules[0]) && !found; r++) {
		const struct personal_rule *rule = &personal_rules[r];
		bool subject = false, others_fit = true;
		for (size_t i = 0; i < n && others_fit; i++) {
			if (word_listed(words[i], rule->words))
				subject = true;
			else
				others_fit = word_listed(words[i], rule->with) ||
					     word_listed(words[i], person_words) ||
					     all_digits(words[i]);
		}
		if (subject && others_fit)
			found = rule->personal;
	}
	free(key);
	return found;
}
