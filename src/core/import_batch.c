/*
 * import_batch.c - batches of records and the queue that moves them between the parsing,
 * the writing and the notes-indexing thread (layer: core, private to the importer).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "import_batch.h"

/* Hand a batch over at this many items or bytes: large enough to keep the lock rare,
 * small enough that three batches stay a few megabytes. */
#define BATCH_ITEMS_MAX 2048
#define BATCH_BYTES_MAX (4u << 20)

size_t import_batch_add_bytes(struct import_batch *batch, const char *s, size_t len)
{
	size_t offset = batch->bytes.len;
	strbuf_append(&batch->bytes, s, len);
	strbuf_append_char(&batch->bytes, '\0');
	return offset;
}

struct batch_item *import_batch_add_item(struct import_batch *batch, enum batch_item_kind kind)
{
	if (batch->n == batch->cap) {
		batch->cap = batch->cap ? batch->cap * 2 : 256;
		batch->items = xrealloc(batch->items, batch->cap * sizeof(*batch->items));
	}
	struct batch_item *item = &batch->items[batch->n++];
	memset(item, 0, sizeof(*item));
	item->kind = kind;
	item->ref_offset = item->notes_offset = BATCH_NO_VALUE;
	return item;
}

size_t import_batch_add_values(struct import_batch *batch, size_t n)
{
	if (batch->n_values + n > batch->values_cap) {
		while (batch->n_values + n > batch->values_cap)
			batch->values_cap = batch->values_cap ? batch->values_cap * 2 : 1024;
		batch->value_offsets =
			xrealloc(batch->value_offsets, batch->values_cap * sizeof(*batch->value_offsets));
		batch->value_lens = xrealloc(batch->value_lens, batch->values_cap * sizeof(*batch->value_lens));
	}
	size_t first = batch->n_values;
	batch->n_values += n;
	return first;
}

bool import_batch_full(const struct import_batch *batch)
{
	return batch->n >= BATCH_ITEMS_MAX || batch->bytes.len >= BATCH_BYTES_MAX;
}

static void batch_reset(struct import_batch *batch)
{
	batch->n = 0;
	batch->n_values = 0;
	strbuf_reset(&batch->bytes);
	batch->next = NULL;
}

static void batch_free(struct import_batch *batch)
{
	free(batch->items);
	free(batch->value_offsets);
	free(batch->value_lens);
	strbuf_free(&batch->bytes);
	free(batch);
}

/* A FIFO of batches: order matters, as ids and lines follow it. */
struct batch_fifo {
	struct import_batch *head, *tail;
	bool finished; /* the stage that fills it will put no more */
};

static void fifo_put(struct batch_fifo *fifo, struct import_batch *batch)
{
	batch->next = NULL;
	if (fifo->tail)
		fifo->tail->next = batch;
	else
		fifo->head = batch;
	fifo->tail = batch;
}

static struct import_batch *fifo_take(struct batch_fifo *fifo)
{
	struct import_batch *batch = fifo->head;
	if (batch) {
		fifo->head = batch->next;
		if (!fifo->head)
			fifo->tail = NULL;
	}
	return batch;
}

struct batch_queue {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct import_batch *empty; /* a stack */
	struct batch_fifo full; /* parsed, for the writer */
	struct batch_fifo written; /* written, for the notes indexer */
	struct import_batch *all[8];
	size_t n_all;
	bool stopped;
};

struct batch_queue *batch_queue_new(size_t n_batches)
{
	struct batch_queue *queue = xcalloc(1, sizeof(*queue));
	pthread_mutex_init(&queue->lock, NULL);
	pthread_cond_init(&queue->changed, NULL);
	if (n_batches > sizeof(queue->all) / sizeof(queue->all[0]))
		n_batches = sizeof(queue->all) / sizeof(queue->all[0]);
	for (size_t i = 0; i < n_batches; i++) {
		struct import_batch *batch = xcalloc(1, sizeof(*batch));
		queue->all[queue->n_all++] = batch;
		batch->next = queue->empty;
		queue->empty = batch;
	}
	return queue;
}

void batch_queue_free(struct batch_queue *queue)
{
	if (!queue)
		return;
	for (size_t i = 0; i < queue->n_all; i++)
		batch_free(queue->all[i]);
	pthread_cond_destroy(&queue->changed);
	pthread_mutex_destroy(&queue->lock);
	free(queue);
}

struct import_batch *batch_queue_take_empty(struct batch_queue *queue)
{
	pthread_mutex_lock(&queue->lock);
	while (!queue->empty && !queue->stopped)
		pthread_cond_wait(&queue->changed, &queue->lock);
	struct import_batch *batch = NULL;
	if (!queue->stopped) {
		batch = queue->empty;
		queue->empty = batch->next;
		batch_reset(batch);
	}
	pthread_mutex_unlock(&queue->lock);
	return batch;
}

/* Puts a batch on a FIFO (or marks it finished, batch NULL) and wakes the waiters. */
static void put(struct batch_queue *queue, struct batch_fifo *fifo, struct import_batch *batch)
{
	pthread_mutex_lock(&queue->lock);
	if (batch)
		fifo_put(fifo, batch);
	else
		fifo->finished = true;
	pthread_cond_broadcast(&queue->changed);
	pthread_mutex_unlock(&queue->lock);
}

/* The next batch of a FIFO (waits); NULL once it is finished and drained. */
static struct import_batch *take(struct batch_queue *queue, struct batch_fifo *fifo)
{
	pthread_mutex_lock(&queue->lock);
	while (!fifo->head && !fifo->finished)
		pthread_cond_wait(&queue->changed, &queue->lock);
	struct import_batch *batch = fifo_take(fifo);
	pthread_mutex_unlock(&queue->lock);
	return batch;
}

void batch_queue_put_full(struct batch_queue *queue, struct import_batch *batch)
{
	put(queue, &queue->full, batch);
}

void batch_queue_finish(struct batch_queue *queue)
{
	put(queue, &queue->full, NULL);
}

struct import_batch *batch_queue_take_full(struct batch_queue *queue)
{
	return take(queue, &queue->full);
}

void batch_queue_put_written(struct batch_queue *queue, struct import_batch *batch)
{
	put(queue, &queue->written, batch);
}

void batch_queue_finish_written(struct batch_queue *queue)
{
	put(queue, &queue->written, NULL);
}

struct import_batch *batch_queue_take_written(struct batch_queue *queue)
{
	return take(queue, &queue->written);
}

void batch_queue_put_empty(struct batch_queue *queue, struct import_batch *batch)
{
	pthread_mutex_lock(&queue->lock);
	batch->next = queue->empty;
	queue->empty = batch;
	pthread_cond_broadcast(&queue->changed);
	pthread_mutex_unlock(&queue->lock);
}

void batch_queue_stop(struct batch_queue *queue)
{
	pthread_mutex_lock(&queue->lock);
	queue->stopped = true;
	pthread_cond_broadcast(&queue->changed);
	pthread_mutex_unlock(&queue->lock);
}
