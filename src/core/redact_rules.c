/*
 * redact_rules.c - the built-in scanners of the redactor: phone numbers, e-mail addresses,
 * postcodes, vehicle registrations, National Insurance numbers, dates of birth, URLs,
 * social media handles, IP addresses and payment cards (layer: core).
 *
 * Each scanner is hand-written over bytes (no regex library: this runs over every note
 * shown or exported) and anchored at a token start chosen by redact.c. A match must end
 * at a word boundary, so a pattern is never cut out of a longer word or number.
 *
 * Precision choices, each tested by tests/data/redact/corpus.tsv:
 * - Phones: UK numbers only (0..., +44..., 0044...), 9 or 10 digits after the trunk 0,
 *   digit groups of 3 or more (so dates such as 01-01-2016 are not numbers).
 * - Cards: 13 to 19 digits starting 2-6, groups of 3 or more, Luhn-valid only.
 * - Postcodes: any case, with or without the space; a lower-case inward code that reads as
 *   an ordinal ("M6 2nd") is not a postcode.
 * - Vehicles: upper case only, unless a word such as "reg", "VRM" or "plate" comes just
 *   before; a group that is a common English word ("BN02 FOR") is not a plate.
 * - Dates of birth: only after a label (DOB, D.O.B, date of birth, born); the label is
 *   kept ("DOB [dob]") so the sentence still reads, and other dates are left alone.
 */
#include <string.h>

#include "redact_internal.h"

/* The length of word at pos, compared without case, or 0. */
static size_t match_ci(const struct redact_scan *sc, size_t pos, const char *word)
{
	/* No strlen: most words fail on their first byte, and this runs at every token (so
	 * callers compare the length it returns rather than the word's strlen). */
	size_t k = 0;
	for (; word[k]; k++)
		if (redact_lower(redact_byte(sc, pos + k)) != (unsigned char)word[k])
			return 0;
	return k;
}

static bool in_set(int c, const char *set)
{
	return c > 0 && strchr(set, c) != NULL;
}

static bool set_match(struct redact_match *m, size_t keep, size_t len, enum redact_category cat)
{
	m->keep_len = keep;
	m->len = len;
	m->category = cat;
	return true;
}

/* Drops sentence punctuation that follows a URL rather than belonging to it. */
static size_t trim_url_end(const struct redact_scan *sc, size_t start, size_t end)
{
	while (end > start && in_set(redact_byte(sc, end - 1), ".,;:!?'\")]}"))
		end--;
	return end;
}

static size_t scan_url_rest(const struct redact_scan *sc, size_t p)
{
	while (p < sc->len) {
		int c = redact_byte(sc, p);
		if (c <= ' ' || c == '<' || c == '>' || c == '"')
			break;
		p++;
	}
	return p;
}

static bool rule_url_scheme(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	static const char *const prefixes[] = {"https://", "http://", "ftp://", "www."};
	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		size_t n = match_ci(sc, pos, prefixes[k]);
		if (!n || !redact_is_alnum(redact_byte(sc, pos + n)))
			continue;
		size_t end = trim_url_end(sc, pos + n, scan_url_rest(sc, pos + n));
		return set_match(m, 0, end - pos, REDACT_URL);
	}
	return false;
}

/*
 * Scans dot-separated labels from p (at most 253 bytes, the longest domain name). Returns
 * the end, with the number of labels and where the last one starts; *capped tells that the
 * scan stopped at the length limit.
 */
static size_t scan_domain(const struct redact_scan *sc, size_t p, size_t *labels, size_t *last,
			  bool *capped)
{
	size_t start = p;
	*labels = 0;
	*last = p;
	*capped = false;
	for (;;) {
		size_t q = p;
		while ((redact_is_alnum(redact_byte(sc, q)) || redact_byte(sc, q) == '-') &&
		       q - start < 253)
			q++;
		if (q == p)
			break;
		(*labels)++;
		*last = p;
		p = q;
		if (q - start >= 253) {
			*capped = true;
			break;
		}
		if (redact_byte(sc, p) == '.' && redact_is_alnum(redact_byte(sc, p + 1)))
			p++;
		else
			break;
	}
	return p;
}

static bool all_alpha(const struct redact_scan *sc, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (!redact_is_alpha(redact_byte(sc, k)))
			return false;
	return to > from;
}

static bool rule_email(struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	if (pos < sc->no_email_before || !redact_is_alnum(redact_byte(sc, pos)))
		return false;
	size_t j = pos;
	while (j - pos < 64 &&
	       (redact_is_alnum(redact_byte(sc, j)) || in_set(redact_byte(sc, j), "._%+-")))
		j++;
	if (redact_byte(sc, j) != '@') {
		/* A start inside [pos, j) reaches the same end; past 64 bytes nothing is valid. */
		sc->no_email_before = j;
		return false;
	}
	size_t labels, last;
	bool capped;
	size_t end = scan_domain(sc, j + 1, &labels, &last, &capped);
	if (labels < 2 || end - last < 2 || !all_alpha(sc, last, end)) {
		sc->no_email_before = j;
		return false;
	}
	return set_match(m, 0, end - pos, REDACT_EMAIL);
}

static bool known_tld(const struct redact_scan *sc, size_t from, size_t to)
{
	static const char *const tlds[] = {
	    "com", "org", "net", "uk",	"io",  "info", "biz", "gov",  "edu",	"eu",	"ie",
	    "me",  "tv",  "co",	 "app", "dev", "xyz",  "ly",  "gg",   "online", "site", "de",
	    "fr",  "es",  "nl",	 "us",	"ca",  "au",   "nz",  "live", "link",	"shop"};
	for (size_t k = 0; k < sizeof(tlds) / sizeof(tlds[0]); k++)
		if (to > from && match_ci(sc, from, tlds[k]) == to - from)
			return true;
	return false;
}

/* example.co.uk/abc, facebook.com: a domain with a known top level, no scheme. */
static bool rule_domain(struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	if (pos < sc->no_domain_before || !redact_is_alnum(redact_byte(sc, pos)))
		return false;
	size_t labels, last;
	bool capped;
	size_t end = scan_domain(sc, pos, &labels, &last, &capped);
	if (capped || labels < 2 || !known_tld(sc, last, end) ||
	    redact_is_alnum(redact_byte(sc, end)) || redact_byte(sc, end) == '@') {
		/* Starts inside reach the same last label (or, when capped, a name too long). */
		sc->no_domain_before = end;
		return false;
	}
	if (redact_byte(sc, end) == '/' || redact_byte(sc, end) == ':')
		end = trim_url_end(sc, end, scan_url_rest(sc, end));
	return set_match(m, 0, end - pos, REDACT_URL);
}

/* Up to max digits at p as a number; returns how many digits, 0 if none. */
static size_t read_number(const struct redact_scan *sc, size_t p, size_t max, unsigned *value)
{
	size_t n = 0;
	*value = 0;
	while (n < max && redact_is_digit(redact_byte(sc, p + n)))
		*value = *value * 10 + (unsigned)(redact_byte(sc, p + n++) - '0');
	return n;
}

static bool rule_ipv4(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	if (pos > 0 && redact_byte(sc, pos - 1) == '.')
		return false;
	size_t p = pos;
	for (int part = 0; part < 4; part++) {
		unsigned v;
		size_t n = read_number(sc, p, 3, &v);
		if (!n || v > 255)
			return false;
		p += n;
		if (part < 3) {
			if (redact_byte(sc, p) != '.')
				return false;
			p++;
		}
	}
	if (redact_is_alnum(redact_byte(sc, p)) ||
	    (redact_byte(sc, p) == '.' && redact_is_digit(redact_byte(sc, p + 1))))
		return false;
	if (redact_byte(sc, p) == ':' && redact_is_digit(redact_byte(sc, p + 1))) {
		unsigned port;
		size_t n = read_number(sc, p + 1, 5, &port);
		if (!redact_is_alnum(redact_byte(sc, p + 1 + n)))
			p += 1 + n;
	}
	return set_match(m, 0, p - pos, REDACT_IP);
}

static bool is_hex(int c)
{
	return redact_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Eight groups of hex, or fewer with one "::"; times such as 12:30:45 have neither. */
static bool rule_ipv6(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	size_t p = pos, groups = 0;
	bool gap = false;
	if (redact_byte(sc, p) == ':') {
		if (redact_byte(sc, p + 1) != ':')
			return false;
		gap = true;
		p += 2;
	}
	for (;;) {
		size_t n = 0;
		while (n < 4 && is_hex(redact_byte(sc, p + n)))
			n++;
		if (!n)
			break;
		if (redact_is_alnum(redact_byte(sc, p + n)))
			return false;
		groups++;
		p += n;
		if (redact_byte(sc, p) != ':' || groups == 8)
			break;
		if (redact_byte(sc, p + 1) == ':') {
			if (gap)
				return false;
			gap = true;
			p += 2;
		} else if (is_hex(redact_byte(sc, p + 1))) {
			p++;
		} else {
			break;
		}
	}
	if (groups < 2 || (gap ? groups > 7 : groups != 8))
		return false;
	if (redact_is_alnum(redact_byte(sc, p)))
		return false;
	return set_match(m, 0, p - pos, REDACT_IP);
}

static bool luhn_valid(const char *digits, size_t n)
{
	unsigned sum = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned d = (unsigned)(digits[n - 1 - k] - '0');
		if (k % 2) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

/* 13-19 digits in groups of 3+ (spaces or dashes); the longest Luhn-valid prefix of groups. */
static bool rule_card(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	int c = redact_byte(sc, pos);
	if (c < '2' || c > '6')
		return false;
	char digits[20];
	size_t n = 0, p = pos, best = 0;
	for (;;) {
		size_t g = 0;
		while (redact_is_digit(redact_byte(sc, p)) && n < 19) {
			digits[n++] = (char)redact_byte(sc, p++);
			g++;
		}
		if (g < 3 || redact_is_alnum(redact_byte(sc, p)))
			break;
		if (n >= 13 && luhn_valid(digits, n))
			best = p;
		int sep = redact_byte(sc, p);
		if ((sep != ' ' && sep != '-') || !redact_is_digit(redact_byte(sc, p + 1)))
			break;
		p++;
	}
	if (!best)
		return false;
	return set_match(m, 0, best - pos, REDACT_CARD);
}

/* UK numbers: 07700 900123, 0121-496-0000, (0121) 496 0000, +44 (0)7700 900123, 0044... */
static bool rule_phone(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	size_t p = pos;
	bool intl = false, paren = false;
	int c = redact_byte(sc, p);
	if (c == '+' || (c == '0' && redact_byte(sc, p + 1) == '0')) {
		p += c == '+' ? 1 : 2;
		if (redact_byte(sc, p) != '4' || redact_byte(sc, p + 1) != '4')
			return false;
		p += 2;
		intl = true;
		if (redact_byte(sc, p) == ' ' || redact_byte(sc, p) == '-')
			p++;
		if (match_ci(sc, p, "(0)")) {
			p += 3;
			if (redact_byte(sc, p) == ' ')
				p++;
		} else if (redact_byte(sc, p) == '0') {
			p++;
		}
	} else if (c == '(' && redact_byte(sc, p + 1) == '0') {
		paren = true;
		p += 2;
	} else if (c == '0') {
		p++;
	} else {
		return false;
	}
	size_t nd = 0, group = intl ? 0 : 1;
	bool first = true;
	int lead = 0;
	while (nd < 10) {
		int d = redact_byte(sc, p);
		if (redact_is_digit(d)) {
			if (nd == 0 && !in_set(d, "1235789"))
				return false;
			if (nd == 0)
				lead = d;
			nd++;
			group++;
			p++;
			continue;
		}
		size_t q = p;
		if (paren && d == ')') {
			paren = false;
			q++;
			if (redact_byte(sc, q) == ' ' || redact_byte(sc, q) == '-')
				q++;
		} else if (d == ' ' || d == '-') {
			q++;
		} else {
			break;
		}
		if (!redact_is_digit(redact_byte(sc, q)) || nd == 0)
			break;
		if (group < (first && intl ? 2u : 3u))
			return false;
		first = false;
		group = 0;
		p = q;
	}
	if (paren || nd < 9 || (nd == 9 && lead != '1' && lead != '8'))
		return false;
	if (redact_is_alnum(redact_byte(sc, p)))
		return false;
	return set_match(m, 0, p - pos, REDACT_PHONE);
}

/* AB123456C, AB 12 34 56 C: a valid prefix, six digits, a suffix A-D. */
static bool rule_ni_number(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	int a = redact_upper(redact_byte(sc, pos)), b = redact_upper(redact_byte(sc, pos + 1));
	if (!redact_is_upper(a) || !redact_is_upper(b) || in_set(a, "DFIQUV") ||
	    in_set(b, "DFIOQUV"))
		return false;
	static const char *const banned[] = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"};
	for (size_t k = 0; k < sizeof(banned) / sizeof(banned[0]); k++)
		if (a == banned[k][0] && b == banned[k][1])
			return false;
	size_t p = pos + 2;
	for (int pair = 0; pair < 3; pair++) {
		if (redact_byte(sc, p) == ' ')
			p++;
		if (!redact_is_digit(redact_byte(sc, p)) ||
		    !redact_is_digit(redact_byte(sc, p + 1)))
			return false;
		p += 2;
	}
	if (redact_byte(sc, p) == ' ')
		p++;
	if (!in_set(redact_upper(redact_byte(sc, p)), "ABCD") ||
	    redact_is_alnum(redact_byte(sc, p + 1)))
		return false;
	return set_match(m, 0, p + 1 - pos, REDACT_NI_NUMBER);
}

/* Whether the characters at p follow shape: 'A' a letter, 'N' a digit. */
static bool shape_at(const struct redact_scan *sc, size_t p, const char *shape)
{
	for (size_t k = 0; shape[k]; k++) {
		int c = redact_byte(sc, p + k);
		if (shape[k] == 'A' ? !redact_is_alpha(c) : !redact_is_digit(c))
			return false;
	}
	return true;
}

static bool rule_postcode(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	static const char *const outward[] = {"AANN", "AANA", "ANN", "AAN", "ANA", "AN"};
	if (in_set(redact_upper(redact_byte(sc, pos)), "QVX") ||
	    in_set(redact_upper(redact_byte(sc, pos + 1)), "IJZ"))
		return false;
	for (size_t k = 0; k < sizeof(outward) / sizeof(outward[0]); k++) {
		if (!shape_at(sc, pos, outward[k]))
			continue;
		size_t p = pos + strlen(outward[k]);
		if (redact_byte(sc, p) == ' ')
			p++;
		if (!shape_at(sc, p, "NAA") || redact_is_alnum(redact_byte(sc, p + 3)))
			continue;
		int x = redact_byte(sc, p + 1), y = redact_byte(sc, p + 2);
		if (in_set(redact_upper(x), "CIKMOV") || in_set(redact_upper(y), "CIKMOV"))
			continue;
		if (redact_is_lower(x) && redact_is_lower(y) &&
		    (match_ci(sc, p + 1, "st") || match_ci(sc, p + 1, "nd") ||
		     match_ci(sc, p + 1, "rd") || match_ci(sc, p + 1, "th")))
			continue;
		return set_match(m, 0, p + 3 - pos, REDACT_POSTCODE);
	}
	return false;
}

/* Whether the word ending just before pos (past spaces and ':') is one of words. */
static bool word_before_is(const struct redact_scan *sc, size_t pos, const char *const *words,
			   size_t *word_start)
{
	size_t p = pos;
	while (p > 0 && pos - p < 3 && in_set(redact_byte(sc, p - 1), " :.-#"))
		p--;
	size_t end = p;
	while (p > 0 && end - p < 16 && redact_is_alpha(redact_byte(sc, p - 1)))
		p--;
	if (p == end || (p > 0 && redact_is_alnum(redact_byte(sc, p - 1))))
		return false;
	*word_start = p;
	for (size_t k = 0; words[k]; k++)
		if (end > p && match_ci(sc, p, words[k]) == end - p)
			return true;
	return false;
}

/* A plate in lower case is taken only after "reg", "VRM", "plate" and the like. */
static bool plate_context(const struct redact_scan *sc, size_t pos)
{
	static const char *const labels[] = {"reg",    "registration", "vrm",	  "plate",
					     "plates", "index",	       "vehicle", NULL};
	static const char *const fillers[] = {"no", "number", "mark", "is", "was", NULL};
	size_t start;
	if (word_before_is(sc, pos, labels, &start))
		return true;
	if (word_before_is(sc, pos, fillers, &start))
		return word_before_is(sc, start, labels, &start);
	return false;
}

static bool common_word(const struct redact_scan *sc, size_t p, size_t n)
{
	static const char *const words[] = {
	    "the", "and", "for", "was", "has",	"her",	"his",	"are", "not", "but", "you",
	    "all", "any", "can", "had", "one",	"our",	"out",	"who", "got", "saw", "off",
	    "him", "she", "two", "now", "new",	"old",	"way",	"day", "age", "hrs", "bus",
	    "car", "van", "mph", "via", "from", "with", "near", "yes", "ran", "pub", "road"};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (n && match_ci(sc, p, words[k]) == n)
			return true;
	return false;
}

static bool same_case_letters(const struct redact_scan *sc, size_t from, size_t to, bool upper)
{
	for (size_t k = from; k < to; k++) {
		int c = redact_byte(sc, k);
		if (redact_is_alpha(c) && !redact_is_upper(c) && upper)
			return false;
	}
	return true;
}

/* AB12 CDE (current), A123 BCD (prefix) and ABC 123D (suffix), space optional. */
static bool rule_vehicle(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	size_t p, end = 0;
	if (shape_at(sc, pos, "AANN")) {
		unsigned age = (unsigned)(redact_byte(sc, pos + 2) - '0') * 10 +
			       (unsigned)(redact_byte(sc, pos + 3) - '0');
		p = pos + 4 + (redact_byte(sc, pos + 4) == ' ');
		if (((age >= 2 && age <= 29) || (age >= 51 && age <= 79)) &&
		    !in_set(redact_upper(redact_byte(sc, pos)), "IQZ") &&
		    !in_set(redact_upper(redact_byte(sc, pos + 1)), "IQZ") &&
		    shape_at(sc, p, "AAA") && !redact_is_alnum(redact_byte(sc, p + 3)) &&
		    !common_word(sc, p, 3))
			end = p + 3;
	}
	if (!end && shape_at(sc, pos, "AN") && redact_byte(sc, pos + 1) != '0' &&
	    !in_set(redact_upper(redact_byte(sc, pos)), "IOQUZ")) {
		p = pos + 1;
		while (p - pos <= 3 && redact_is_digit(redact_byte(sc, p)))
			p++;
		p += redact_byte(sc, p) == ' ';
		if (p - pos <= 5 && shape_at(sc, p, "AAA") &&
		    !redact_is_alnum(redact_byte(sc, p + 3)) && !common_word(sc, p, 3))
			end = p + 3;
	}
	if (!end && shape_at(sc, pos, "AAA") && !common_word(sc, pos, 3)) {
		p = pos + 3 + (redact_byte(sc, pos + 3) == ' ');
		size_t d = p;
		while (p - d < 3 && redact_is_digit(redact_byte(sc, p)))
			p++;
		if (p > d && redact_byte(sc, d) != '0' && redact_is_alpha(redact_byte(sc, p)) &&
		    !in_set(redact_upper(redact_byte(sc, p)), "IOQUZ") &&
		    !redact_is_alnum(redact_byte(sc, p + 1)))
			end = p + 1;
	}
	if (!end)
		return false;
	if (!same_case_letters(sc, pos, end, true) && !plate_context(sc, pos))
		return false;
	return set_match(m, 0, end - pos, REDACT_VEHICLE);
}

/* A month name or its abbreviation at p; returns its length (with a '.'), 0 if none. */
static size_t month_at(const struct redact_scan *sc, size_t p)
{
	static const char *const months[] = {"january",	  "february", "march",	  "april",
					     "may",	  "june",     "july",	  "august",
					     "september", "october",  "november", "december"};
	size_t n = 0;
	while (n < 10 && redact_is_alpha(redact_byte(sc, p + n)))
		n++;
	if (n < 3 || redact_is_alpha(redact_byte(sc, p + n)))
		return 0;
	for (size_t k = 0; k < 12; k++) {
		size_t full = strlen(months[k]);
		if (n > full)
			continue;
		bool ok = true;
		for (size_t i = 0; i < n && ok; i++)
			ok = redact_lower(redact_byte(sc, p + i)) == months[k][i];
		if (ok && (n == full || n == 3 || (k == 8 && n == 4)))
			return n + (redact_byte(sc, p + n) == '.');
	}
	return 0;
}

static size_t skip_spaces(const struct redact_scan *sc, size_t p)
{
	while (redact_byte(sc, p) == ' ')
		p++;
	return p;
}

/* A day number with an optional ordinal suffix ("4", "4th"); returns the end or 0. */
static size_t day_at(const struct redact_scan *sc, size_t p)
{
	unsigned v;
	size_t n = read_number(sc, p, 2, &v);
	if (!n || v < 1 || v > 31)
		return 0;
	p += n;
	if (match_ci(sc, p, "st") || match_ci(sc, p, "nd") || match_ci(sc, p, "rd") ||
	    match_ci(sc, p, "th"))
		p += 2;
	return redact_is_alnum(redact_byte(sc, p)) ? 0 : p;
}

static size_t year_at(const struct redact_scan *sc, size_t p)
{
	unsigned v;
	size_t n = read_number(sc, p, 4, &v);
	if (n != 4 || v < 1900 || v > 2099 || redact_is_alnum(redact_byte(sc, p + 4)))
		return 0;
	return p + 4;
}

/* A date in digits or words at p; returns its end, 0 if there is none. */
static size_t date_at(const struct redact_scan *sc, size_t p)
{
	unsigned a, b, y;
	size_t n = read_number(sc, p, 4, &a);
	if (n == 4 && in_set(redact_byte(sc, p + 4), "-/.")) { /* 1985-03-12 */
		int sep = redact_byte(sc, p + 4);
		if (read_number(sc, p + 5, 2, &b) == 2 && redact_byte(sc, p + 7) == sep &&
		    read_number(sc, p + 8, 2, &y) == 2 && !redact_is_alnum(redact_byte(sc, p + 10)))
			return p + 10;
	}
	if (n == 1 || n == 2) { /* 12/03/1985, 12-03-85, 12.3.85 */
		int sep = redact_byte(sc, p + n);
		size_t q = p + n + 1, nb;
		if (in_set(sep, "/-.") && (nb = read_number(sc, q, 2, &b)) &&
		    redact_byte(sc, q + nb) == sep) {
			size_t ny = read_number(sc, q + nb + 1, 4, &y);
			size_t e = q + nb + 1 + ny;
			if ((ny == 2 || ny == 4) && a >= 1 && a <= 31 && b >= 1 && b <= 31 &&
			    (a <= 12 || b <= 12) && !redact_is_alnum(redact_byte(sc, e)))
				return e;
		}
	}
	size_t e = day_at(sc, p), mn;
	if (e) { /* 4th May 1990, 1 January 2001, 4th of May 1990 */
		size_t q = skip_spaces(sc, e);
		if (match_ci(sc, q, "of "))
			q = skip_spaces(sc, q + 3);
		if (q > e && (mn = month_at(sc, q))) {
			q += mn;
			q += redact_byte(sc, q) == ',';
			size_t ye = year_at(sc, skip_spaces(sc, q));
			if (ye)
				return ye;
		}
		return 0;
	}
	if ((mn = month_at(sc, p))) { /* May 4th, 1990 or May 1990 */
		size_t q = skip_spaces(sc, p + mn);
		size_t de = day_at(sc, q);
		if (de) {
			q = de + (redact_byte(sc, de) == ',');
			return year_at(sc, skip_spaces(sc, q));
		}
		return year_at(sc, q);
	}
	return year_at(sc, p);
}

/* DOB 12/03/1985, D.O.B: 12-03-85, born 4th May 1990, date of birth 1 January 2001. */
static bool rule_dob(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	static const char *const labels[] = {"date of birth", "d.o.b.",	 "d.o.b",   "dob",
					     "birth date",    "born on", "born in", "born"};
	size_t n = 0;
	for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]) && !n; k++) {
		n = match_ci(sc, pos, labels[k]);
		if (n && redact_is_alnum(redact_byte(sc, pos + n)))
			n = 0;
	}
	if (!n)
		return false;
	size_t p = pos + n;
	while (p - pos < n + 4 && in_set(redact_byte(sc, p), " :-=\t"))
		p++;
	size_t end = date_at(sc, p);
	if (!end)
		return false;
	return set_match(m, p - pos, end - pos, REDACT_DOB);
}

/* @name: letters, digits, '_' and inner dots; not a time ("@5pm") nor a bare number. */
static bool rule_handle(const struct redact_scan *sc, size_t pos, struct redact_match *m)
{
	if (redact_byte(sc, pos) != '@' || (pos > 0 && in_set(redact_byte(sc, pos - 1), "._-")))
		return false;
	size_t p = pos + 1;
	bool letter = false;
	while (p - pos <= 31) {
		int c = redact_byte(sc, p);
		if (c == '.' &&
		    (redact_is_alnum(redact_byte(sc, p + 1)) || redact_byte(sc, p + 1) == '_')) {
			p++;
			continue;
		}
		if (!redact_is_alnum(c) && c != '_')
			break;
		letter |= !redact_is_digit(c);
		p++;
	}
	if (!letter || redact_byte(sc, p) == '@')
		return false;
	unsigned v;
	size_t nd = read_number(sc, pos + 1, 2, &v);
	if (nd && p == pos + 1 + nd + 2 &&
	    (match_ci(sc, pos + 1 + nd, "am") || match_ci(sc, pos + 1 + nd, "pm")))
		return false;
	return set_match(m, 0, p - pos, REDACT_HANDLE);
}

bool redact_match_rules(struct redact_scan *scan, size_t pos, struct redact_match *match)
{
	return rule_url_scheme(scan, pos, match) || rule_email(scan, pos, match) ||
	       rule_ipv4(scan, pos, match) || rule_domain(scan, pos, match) ||
	       rule_ipv6(scan, pos, match) || rule_card(scan, pos, match) ||
	       rule_phone(scan, pos, match) || rule_ni_number(scan, pos, match) ||
	       rule_postcode(scan, pos, match) || rule_vehicle(scan, pos, match) ||
	       rule_dob(scan, pos, match) || rule_handle(scan, pos, match);
}
