/* A runner's file linked to a clinic and synced with it (hipcoach link, hipcoach sync): the link
 * and the rows taken from the clinic, in the file (schema version 6); which of the file's rows
 * each synced row is, on the clinic's PostgreSQL (its schema version 5). */
#ifndef HIPCOACH_STORE_SYNC_H
#define HIPCOACH_STORE_SYNC_H

#include <stdint.h>

#include "store.h"

/* The file's link to a clinic. */
struct store_link {
	char url[1024];	   /* the clinic's address, e.g. "https://clinic.example.org" */
	char token[128];   /* the secret that stands for this file there */
	char clinic[256];  /* the clinic's name */
	char patient[256]; /* the runner's name there */
	char linked_at[32];
	char synced_at[32]; /* "" never yet */
};

/* The file's link: 1 with *out, 0 when it is not linked, -1. */
int store_link_get(struct store *st, struct store_link *out);
/* Links the file as `l` says (replacing an earlier link, and forgetting what it took). 0 or -1. */
int store_link_set(struct store *st, const struct store_link *l);
/* Notes a sync at `at` (ISO 8601 UTC). 0 or -1. */
int store_link_synced(struct store *st, const char *at);
/* Row `remote` of table `tbl` of the clinic was taken as row *local here: 1, 0 never, -1. */
int store_taken_find(struct store *st, const char *tbl, int64_t remote, int64_t *local);
/* 1 when the file's row `local` of `tbl` came from the clinic, 0 when it is the runner's, -1. */
int store_taken_is(struct store *st, const char *tbl, int64_t local);
/* Notes that row `remote` of the clinic's `tbl` is row `local` here. 0 or -1. */
int store_taken_add(struct store *st, const char *tbl, int64_t remote, int64_t local);

/*
 * On the clinic's database, scoped to a patient: row `local` of table `tbl`
 * of the file linked as `device` was stored as row *server. 1, 0 never, -1.
 */
int store_sync_find(struct store *st, int64_t device, const char *tbl, int64_t local,
		    int64_t *server);
/* Notes it. 0 or -1. */
int store_sync_add(struct store *st, int64_t device, const char *tbl, int64_t local,
		   int64_t server);

/* The next screening round of the scoped patient (one more than the last). -1 on error. */
int store_sync_next_round(struct store *st);
/* Forgets the progress row of `exercise` (a synced one replaces it). 0 or -1. */
int store_sync_progress_forget(struct store *st, const char *exercise);
/* The PSFS activity called `name`: 1 with *id, 0 none, -1. */
int store_sync_psfs_item(struct store *st, const char *name, int64_t *id);

/* A clinician's clearance as the clinic sends it down. */
struct sync_clearance {
	int64_t id; /* the clinic's */
	char cleared_at[32];
	char note[256];
};
/* The clearances of the scoped patient that did not come from `device`, oldest first. 0 or -1. */
int store_sync_clearances(struct store *st, int64_t device, struct sync_clearance **out,
			  size_t *n);
/* Empties the program_* tables, for the clinic's to take their place. 0 or -1. */
int store_sync_program_clear(struct store *st);

#endif
