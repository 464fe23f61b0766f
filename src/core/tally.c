/*
 * tally.c - a hash of (value, kind, year, month) -> count, built while importing
 * (layer: core).
 */
#include <stdlib.h>
#include <string.h>

#include "crimeview/strbuf.h"
#include "crimeview/tally.h"

struct slot {
	uint64_t hash;
	char *value; /* owned; NULL for blank */
	size_t len;
	int kind, year, month;
	int64_t n;
	bool used;
};

struct tally {
	struct slot *slots;
	size_t cap, n;
	bool full;
};

struct tally *tally_new(void)
{
	struct tally *tally = xcalloc(1, sizeof(*tally));
	tally->cap = 256;
	tally->slots = xcalloc(tally->cap, sizeof(*tally->slots));
	return tally;
}

void tally_free(struct tally *tally)
{
	if (!tally)
		return;
	for (size_t i = 0; i < tally->cap; i++)
		free(tally->slots[i].value);
	free(tally->slots);
	free(tally);
}

static uint64_t hash_of(const char *value, size_t len, int kind, int year, int month)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; value && i < len; i++)
		h = (h ^ (unsigned char)value[i]) * 1099511628211ULL;
	h ^= (uint64_t)(value ? 1 : 0) << 62 ^ (uint64_t)kind << 40 ^ (uint64_t)year << 8 ^
	     (uint64_t)month;
	return h * 0x9e3779b97f4a7c15ULL;
}

static struct slot *find_slot(struct slot *slots, size_t cap, uint64_t hash, const char *value,
			      size_t len, int kind, int year, int month)
{
	for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct slot *s = &slots[i];
		if (!s->used)
			return s;
		if (s->hash == hash && s->kind == kind && s->year == year && s->month == month &&
		    (s->value != NULL) == (value != NULL) && s->len == len &&
		    (!value || memcmp(s->value, value, len) == 0))
			return s;
	}
}

static void grow(struct tally *tally)
{
	size_t cap = tally->cap * 2;
	struct slot *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < tally->cap; i++) {
		struct slot *s = &tally->slots[i];
		if (s->used)
			*find_slot(slots, cap, s->hash, s->value, s->len, s->kind, s->year, s->month) = *s;
	}
	free(tally->slots);
	tally->slots = slots;
	tally->cap = cap;
}

void tally_add(struct tally *tally, const char *value, size_t len, int kind, int year, int month,
	       int64_t n)
{
	if (tally->full)
		return;
	if (!len)
		value = NULL;
	uint64_t hash = hash_of(value, len, kind, year, month);
	struct slot *s = find_slot(tally->slots, tally->cap, hash, value, len, kind, year, month);
	if (s->used) {
		s->n += n;
		return;
	}
	if (tally->n >= TALLY_ENTRIES_MAX) {
		/* Not worth a tally: give the memory back at once. */
		for (size_t i = 0; i < tally->cap; i++)
			free(tally->slots[i].value);
		free(tally->slots);
		tally->slots = NULL;
		tally->cap = tally->n = 0;
		tally->full = true;
		return;
	}
	*s = (struct slot){hash, value ? xstrndup(value, len) : NULL, len, kind, year, month, n, true};
	tally->n++;
	if (tally->n * 2 > tally->cap)
		grow(tally);
}

bool tally_full(const struct tally *tally)
{
	return tally->full;
}

void tally_merge(struct tally *into, const struct tally *from)
{
	if (from->full)
		into->full = true;
	for (size_t i = 0; i < from->cap && !into->full; i++) {
		const struct slot *s = &from->slots[i];
		if (s->used)
			tally_add(into, s->value, s->len, s->kind, s->year, s->month, s->n);
	}
}

void tally_each(const struct tally *tally, void (*each)(const struct tally_entry *entry, void *data),
		void *data)
{
	for (size_t i = 0; i < tally->cap; i++) {
		const struct slot *s = &tally->slots[i];
		if (!s->used)
			continue;
		struct tally_entry entry = {s->value, s->kind, s->year, s->month, s->n};
		each(&entry, data);
	}
}

int tally_kind_code(const char *kind)
{
	if (!kind)
		return 0;
	return !strcmp(kind, "crime") ? 1 : !strcmp(kind, "incident") ? 2 : 0;
}

const char *tally_kind_name(int code)
{
	return code == 1 ? "crime" : code == 2 ? "incident" : NULL;
}
