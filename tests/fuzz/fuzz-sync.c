/* libFuzzer harness for the two documents of a sync (src/coach/sync.c), both untrusted: what a
 * linked file sends a clinic (coach_sync_receive()), and the clinic's answer a file takes
 * (coach_sync_take()). The first byte picks which; the rest is the JSON. On a SQLite file set up
 * once (made again every few thousand inputs, so that it stays small): no crash, no leak, and a
 * refused document writes nothing. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/coach.h"
#include "coach/setup.h"
#include "coach/sync.h"
#include "core/plan.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "store/store.h"

#define DB "build/fuzz/fuzz-sync.db"
/* Inputs between two new files. */
#define RENEW 2000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct coach c;
static unsigned used;

/* A new file with a profile, or a trap. */
static void renew(void)
{
	struct setup_values v = {.level = "beginner", .equipment = "mat,band", .start = "2026-11-02"};
	struct strbuf err = STRBUF_INIT;
	struct profile p;

	coach_release(&c);
	unlink(DB);
	unlink(DB "-wal");
	unlink(DB "-shm");
	memset(&c, 0, sizeof(c));
	c.db_path = DB;
	profile_init(&p);
	setup_profile_new(&p);
	if (setup_apply(&p, &v, &err) || coach_setup_save(&c, &p))
		__builtin_trap();
	profile_release(&p);
	strbuf_release(&err);
}

/* How many rows the file holds in all: a refused document must leave it as it was. */
static int64_t rows(void)
{
	json_t *doc;
	int64_t n = 0;
	const char *key;
	json_t *v;

	if (coach_sync_document(&c, &doc))
		__builtin_trap();
	json_object_foreach(json_object_get(doc, "tables"), key, v) n += (int64_t)json_array_size(v);
	json_decref(doc);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sync_report rep;
	struct sync_taken taken;
	json_t *doc;
	int64_t before;
	int bad, rc;

	error_quiet(1);
	setenv("HIPCOACH_NOW", "2026-12-10T07:30:00", 1);
	if (used++ % RENEW == 0)
		renew();
	if (size < 1)
		return 0;
	doc = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, NULL);
	if (!doc)
		return 0;
	before = rows();
	if (data[0] & 1)
		rc = coach_sync_take(&c, doc, &taken);
	else
		rc = coach_sync_receive(&c, 1, doc, &rep, &bad);
	if (rc && rows() != before)
		__builtin_trap(); /* all of it or nothing */
	json_decref(doc);
	return 0;
}
