/* The screening and clearance tables: rounds of yes/no answers and a clinician's clearance, read
 * back as the facts the screening decision needs. */
#ifndef HIPCOACH_STORE_SCREENING_H
#define HIPCOACH_STORE_SCREENING_H

#include <stddef.h>
#include <time.h>

#include "core/safety.h"
#include "store.h"

/*
 * Records one round: answers[i] (0 no, 1 yes, -1 not asked: no row) to
 * question ids[i], all in one transaction. The new round's number goes to
 * *round when not NULL. 0 or -1.
 */
int store_screening_add(struct store *st, const char *const *ids, const int *answers, size_t n,
			int *round);
/* Records that a clinician has seen the runner (note may be NULL). 0 or -1. */
int store_clearance_add(struct store *st, const char *note);

/*
 * What the tables hold, for the decision (core/safety.h,
 * safety_screening_decide()). `yes` holds each question answered yes in a
 * round since the last clearance (a round in the same second as a
 * clearance counts: an answer stands when in doubt), once, with `latest`
 * set when the latest answer to it since then is yes. The ids are owned.
 */
struct screening_rows {
	struct screen_yes *yes;
	size_t nyes;
	int rounds;	     /* rounds ever answered */
	time_t last_round;   /* 0: never */
	time_t last_cleared; /* 0: never */
	int history_seen;    /* a history question was answered before the last clearance */
};
void screening_rows_init(struct screening_rows *r);
void screening_rows_release(struct screening_rows *r);
/* Loads the rows. 0, or -1 with *out empty. */
int store_screening_rows(struct store *st, struct screening_rows *out);

#endif
