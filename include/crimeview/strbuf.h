/*
 * strbuf.h - a growable byte string (layer: core).
 *
 * The buffer is always NUL-terminated (data may also hold NUL bytes: use len). Growth
 * failures are fatal through die_no_memory(): the core cannot do anything useful without
 * memory, and it keeps every call site free of error plumbing for a case that never
 * recovers.
 */
#ifndef CRIMEVIEW_STRBUF_H
#define CRIMEVIEW_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_append(struct strbuf *sb, const void *data, size_t len);
void strbuf_append_str(struct strbuf *sb, const char *s);
void strbuf_append_char(struct strbuf *sb, char c);
void strbuf_appendf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vappendf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Makes sure len + extra bytes (plus the NUL) fit without another allocation. */
void strbuf_reserve(struct strbuf *sb, size_t extra);
/* Empties the buffer, keeping its memory. */
void strbuf_reset(struct strbuf *sb);
/* The contents as a C string: "" when nothing was appended. Borrowed until the next change. */
const char *strbuf_str(const struct strbuf *sb);
/* Hands the contents to the caller (caller frees) and empties the buffer. Never NULL. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

/* Allocation helpers that never return NULL (they die on out of memory). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* Prints "crimeview: out of memory" and exits 1; the terminal hook runs first. */
void die_no_memory(void) __attribute__((noreturn));
/* Set by the browser so that a fatal exit restores the terminal first. */
extern void (*die_hook)(void);

#endif
