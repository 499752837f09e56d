/* A runner's own hipcoach linked to a clinic (docs/clinic.md, "A runner who uses hipcoach at
 * home"): the document a sync sends (the file's record), what the clinic does with it (each row
 * stored once, by the file's ids), and the answer the file takes (the therapist's program, the
 * level and equipment, a clinician's clearances). The transport is the app's. */
#ifndef HIPCOACH_COACH_SYNC_H
#define HIPCOACH_COACH_SYNC_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "coach.h"
#include "store/sync.h"

#define SYNC_FORMAT "hipcoach-sync"
/* Raise when the document's shape changes; a clinic refuses a newer one. */
#define SYNC_VERSION 1

/* The link of the file: 1 with *out, 0 not linked, -1. Opens the store (to write). */
int coach_link_get(struct coach *c, struct store_link *out);
/* Links the file (it needs a profile: setup first). 0, or -1 with error_last(). */
int coach_link_save(struct coach *c, const struct store_link *l);

/*
 * The document a sync sends: {"format", "version", "profile": {the
 * runner's week and units}, "tables": {TABLE: [rows]}}, every row of the
 * runner's record (screening, clearances, care, sessions and their steps,
 * pain, progress, runs, PSFS) as a backup writes it, but for rows that
 * came from the clinic. A new reference in *out. 0, or -1.
 */
int coach_sync_document(struct coach *c, json_t **out);

/* What a clinic did with a document, per table. */
struct sync_count {
	const char *table; /* static */
	size_t added, updated, known;
};
struct sync_report {
	struct sync_count tables[12];
	size_t ntables;
};

/*
 * On the clinic, the coach scoped to the linked patient: stores the
 * document `doc` of the file linked as `device`, in one transaction. A row
 * seen before (by its table and the file's id) is not stored again; a
 * session seen before takes the columns that move (status, end, position,
 * pain after); a progress row replaces the exercise's. References between
 * rows follow the clinic's ids. The profile takes the runner's week, units
 * and start. *rep says what happened. 0; -1 with error_last() (a wrong
 * document: *bad set, a 400; else the store's failure).
 */
int coach_sync_receive(struct coach *c, int64_t device, json_t *doc, struct sync_report *rep,
		       int *bad);

/*
 * On the clinic: the answer to the file linked as `device`: {"profile":
 * {"level", "equipment", "weights_kg"}, "program": {TABLE: [rows]} (the
 * program_* tables), "clearance": [{"id", "cleared_at", "note"}]} (those
 * not sent by this file). A new reference in *out. 0, or -1.
 */
int coach_sync_answer(struct coach *c, int64_t device, json_t **out);

/* What the file took from an answer. */
struct sync_taken {
	size_t changes;	   /* program changes new to the file */
	size_t clearances; /* clearances new to the file */
	int level_changed, equipment_changed;
};

/*
 * In the file: takes the clinic's answer in one transaction: the level,
 * equipment and weights, the program_* tables as the clinic holds them, the
 * clearances not taken before, and the time of this sync. 0, or -1 (a
 * wrong answer, or the store's failure) with the file as it was.
 */
int coach_sync_take(struct coach *c, json_t *answer, struct sync_taken *taken);

#endif
