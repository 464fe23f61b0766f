/*
 * status.h - the one result type of the core (layer: core, no I/O to the user).
 *
 * Every core function that can fail returns an enum status. The core never prints or
 * exits: the CLI and the browser turn a status (plus the detail the function filled in,
 * where it has one) into words. The table below is the single source of the codes and
 * of their default messages, so the two cannot drift apart.
 */
#ifndef CRIMEVIEW_STATUS_H
#define CRIMEVIEW_STATUS_H

#define STATUS_TABLE(X) \
	X(STATUS_OK, "success") \
	X(STATUS_NO_MEMORY, "out of memory") \
	X(STATUS_IO, "input/output error") \
	X(STATUS_NOT_FOUND, "not found") \
	X(STATUS_NOT_REGULAR_FILE, "not a regular file") \
	X(STATUS_BAD_ENCODING, "invalid bytes for the file's encoding") \
	X(STATUS_BAD_CSV, "malformed CSV") \
	X(STATUS_BAD_DATE, "not a date") \
	X(STATUS_BAD_USAGE, "bad usage") \
	X(STATUS_UNKNOWN_FIELD, "unknown field") \
	X(STATUS_BAD_QUERY, "bad query") \
	X(STATUS_CACHE, "cache error") \
	X(STATUS_CACHE_REFUSED, "the cache cannot hold it") \
	X(STATUS_CACHE_TOO_OLD, "the cache was made by an older crimeview") \
	X(STATUS_CACHE_TOO_NEW, "the cache was made by a newer crimeview") \
	X(STATUS_NOT_A_CACHE, "not a crimeview cache") \
	X(STATUS_BUSY, "the cache is busy") \
	X(STATUS_INTERRUPTED, "interrupted")

enum status {
#define STATUS_ENUM(name, message) name,
	STATUS_TABLE(STATUS_ENUM)
#undef STATUS_ENUM
};

/* The default message of a status; never NULL. */
const char *status_message(enum status status);

#endif
