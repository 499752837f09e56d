/* Under a clinician's care: the runner's word that a physical therapist or doctor is managing the
 * hip, which turns the advice to see one into a weekly reminder (SAFETY.md section 4). */
#ifndef HIPCOACH_COACH_CARE_H
#define HIPCOACH_COACH_CARE_H

#include "coach.h"
#include "store/care.h"

/*
 * Records that a physical therapist or doctor is managing the hip from
 * today (`note`, e.g. who, may be NULL), and what hipcoach does with it in
 * *out when not NULL. 0, or -1 with error_last() set ("cannot save ...").
 */
int coach_care_record(struct coach *c, const char *note, struct care_rec *out);

#endif
