/*
 * render_sources.c - what a method note says about where the data came from and when
 * the table was made (layer: core, part of the render module).
 *
 * Shared by crimeview table and the browser's exports, so the two notes agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crimeview/render.h"

static void iso_time(int64_t ns, char *buf, size_t size)
{
	time_t t = (time_t)(ns / 1000000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum status render_sources_load(struct cache *cache, struct render_sources *out)
{
	memset(out, 0, sizeof(*out));
	enum status status = cache_files_list(cache, &out->cache_files, &out->n);
	if (status != STATUS_OK)
		return status;
	out->files = xcalloc(out->n + 1, sizeof(*out->files));
	out->mtimes = xcalloc(out->n + 1, sizeof(*out->mtimes));
	for (size_t i = 0; i < out->n; i++) {
		iso_time(out->cache_files[i].mtime_ns, out->mtimes[i], sizeof(out->mtimes[i]));
		out->files[i] = (struct render_source_file){
		    .path = out->cache_files[i].path,
		    .imported_at = out->cache_files[i].imported_at,
		    .rows_imported = out->cache_files[i].rows_imported,
		    .mtime = out->mtimes[i],
		};
	}
	return STATUS_OK;
}

void render_sources_free(struct render_sources *sources)
{
	cache_files_free(sources->cache_files, sources->n);
	free(sources->files);
	free(sources->mtimes);
	memset(sources, 0, sizeof(*sources));
}

void render_made_at(char *buf, size_t size)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t t = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm);
}
