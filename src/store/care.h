/* The care table: the runner's word that a physical therapist or doctor is managing the hip. */
#ifndef HIPCOACH_STORE_CARE_H
#define HIPCOACH_STORE_CARE_H

#include "lib/datetime.h"
#include "store.h"

/* Who is looking after the hip, and since when. */
struct care_rec {
	day_t since;	/* the local date the runner said so; 0: not under care */
	char note[256]; /* in the runner's words, "" none (longer notes are cut) */
};

/* Records that a clinician is managing the hip from `since` (note may be NULL). 0 or -1. */
int store_care_add(struct store *st, day_t since, const char *note);
/*
 * The latest record (by date, then as recorded) into *out: 1 found, 0 none
 * (*out zeroed), -1 on error.
 */
int store_care_latest(struct store *st, struct care_rec *out);

#endif
