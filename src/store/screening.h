/* The screening and clearance tables: rounds of yes/no answers, a clinician's clearance, and
 * whether guided sessions are blocked. */
#ifndef HIPCOACH_STORE_SCREENING_H
#define HIPCOACH_STORE_SCREENING_H

#include <stddef.h>
#include <time.h>

#include "store.h"

/*
 * Records one round: answers[i] (0 no, 1 yes) to question ids[i], all in
 * one transaction. The new round's number goes to *round when not NULL.
 * 0 or -1.
 */
int store_screening_add(struct store *st, const char *const *ids, const int *answers, size_t n,
			int *round);
/* Records that a clinician has seen the runner (note may be NULL). 0 or -1. */
int store_clearance_add(struct store *st, const char *note);

/*
 * What the screening says now. `yes` holds the question ids that count
 * (SAFETY.md section 1): a yes to an urgent-care or bone-stress question in
 * any round since the last clearance (they stay until a clinician clears
 * the runner), and a yes to any other question in the latest round since
 * then. A round in the same second as a clearance counts (an answer stands
 * when in doubt).
 */
struct screening_state {
	char **yes;
	size_t nyes;
	int rounds;	     /* rounds ever answered */
	time_t last_round;   /* 0: never */
	time_t last_cleared; /* 0: never */
	int blocked;	     /* guided sessions are blocked */
};
void screening_state_init(struct screening_state *s);
void screening_state_release(struct screening_state *s);
/* Loads the state. 0 or -1. */
int store_screening_state(struct store *st, struct screening_state *out);

#endif
