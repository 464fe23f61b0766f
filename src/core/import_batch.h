/*
 * import_batch.h - records handed from the parsing thread to the writing thread
 * (layer: core, private to the importer).
 *
 * An import uses both cores: one thread reads and checks records (CSV, encodings, dates),
 * another writes them to SQLite, the only thread that touches the cache's connection, and
 * while an empty cache is filled a third indexes the written notes aside (cache.h,
 * cache_notes_index_add). Records travel in batches that own copies of their bytes; a
 * fixed set of batches circulates between the threads, so memory stays flat and a fast
 * stage waits for a slow one instead of racing ahead.
 */
#ifndef CRIMEVIEW_IMPORT_BATCH_H
#define CRIMEVIEW_IMPORT_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crimeview/cache.h"
#include "crimeview/strbuf.h"

#define BATCH_NO_VALUE SIZE_MAX

enum batch_item_kind {
	BATCH_RECORD,
	BATCH_REJECT,
};

struct batch_item {
	enum batch_item_kind kind;
	unsigned long line;
	/* A record: */
	const char *record_kind; /* static string, or NULL */
	size_t ref_offset, ref_len; /* ref_offset BATCH_NO_VALUE when blank */
	char date[24]; /* ISO, "" when blank */
	int year, month, day;
	size_t notes_offset, notes_len; /* notes_offset BATCH_NO_VALUE when blank */
	size_t first_value; /* index of its values in value_offsets/value_lens */
	int64_t id; /* set by the writer: the record's id in the cache */
	/* A reject: */
	size_t cause_offset, raw_offset, raw_len;
};

struct import_batch {
	struct batch_item *items;
	size_t n, cap;
	size_t *value_offsets; /* per record and value column; BATCH_NO_VALUE when blank */
	size_t *value_lens;
	size_t n_values, values_cap;
	struct strbuf bytes; /* every string of the batch, each NUL-terminated */
	uint64_t bytes_done; /* reader position when the batch was sealed, for progress */
	int64_t rows_read; /* rows read by then */
	struct import_batch *next;
};

/* Appends len bytes plus a NUL to the batch's bytes; returns their offset. */
size_t import_batch_add_bytes(struct import_batch *batch, const char *s, size_t len);
/* A new item at the end of the batch (zeroed but for the blank markers). */
struct batch_item *import_batch_add_item(struct import_batch *batch, enum batch_item_kind kind);
/* Room for n more values; returns the index of the first. */
size_t import_batch_add_values(struct import_batch *batch, size_t n);
/* Whether the batch should be handed over now. */
bool import_batch_full(const struct import_batch *batch);

/* A closed circuit of batches: the parser fills empty ones, the writer takes them full,
 * then gives them back empty, or passes them on written to the notes indexer, which gives
 * them back empty. */
struct batch_queue;

struct batch_queue *batch_queue_new(size_t n_batches);
void batch_queue_free(struct batch_queue *queue);
/* Producer: an empty batch to fill (waits for one); NULL once the consumer has stopped. */
struct import_batch *batch_queue_take_empty(struct batch_queue *queue);
/* Producer: hands a filled batch over. */
void batch_queue_put_full(struct batch_queue *queue, struct import_batch *batch);
/* Producer: no more batches will come. */
void batch_queue_finish(struct batch_queue *queue);
/* Consumer: the next filled batch (waits); NULL when the producer has finished and all
 * batches are consumed. */
struct import_batch *batch_queue_take_full(struct batch_queue *queue);
/* Consumer: gives a consumed batch back to be filled again. */
void batch_queue_put_empty(struct batch_queue *queue, struct import_batch *batch);
/* Writer: hands a written batch on to the notes indexer; then, at the end, no more will
 * come. */
void batch_queue_put_written(struct batch_queue *queue, struct import_batch *batch);
void batch_queue_finish_written(struct batch_queue *queue);
/* Indexer: the next written batch (waits); NULL when the writer has finished and all are
 * indexed. The indexer gives each back with batch_queue_put_empty. */
struct import_batch *batch_queue_take_written(struct batch_queue *queue);
/* Consumer: stops early (an error); the producer's next take_empty returns NULL. */
void batch_queue_stop(struct batch_queue *queue);

#endif
