/* Running load for the coach: the runner's load report from the store, and its advice. */
#ifndef HIPCOACH_COACH_LOAD_H
#define HIPCOACH_COACH_LOAD_H

#include "coach.h"
#include "core/advice.h"
#include "core/load.h"

/*
 * Reads what the running load needs from the store (opening it if needed):
 * the runs, the program's start date (none before setup), the date of the
 * first pain log and the weekly pain of the program's last weeks; and
 * computes the load as of today (clock_today()). 0, or -1 with
 * error_last() set.
 */
int coach_load_report(struct coach *c, struct load_report *out);

/*
 * Appends ADVICE_SCALE_BACK_RUNNING items to `out`, with the runner's numbers
 * in km or miles: one when a run of the last 7 days was more than 10%
 * longer than the longest of the 30 days before it (Frandsen et al., BJSM
 * 2025), with the report's long-run cap; one when 7 days ending in the last
 * 8 ran more than 30% above the 7 days before (Nielsen et al., JOSPT 2014);
 * one when running rose over 4 weeks while weekly pain is not improving
 * (SAFETY.md sections 5 and 2 [S]). Nothing when none applies. The
 * acute:chronic ratio never adds advice (it is disputed), and "scaled back"
 * is for the escalation rules (core/safety.c).
 */
void coach_load_advice(const struct load_report *r, int miles, struct advice_list *out);

#endif
