/* Running load for the rest of hipcoach: the report from the store, the scale-back advice, and the
 * weekly chart. */
#ifndef HIPCOACH_LOAD_ADVICE_H
#define HIPCOACH_LOAD_ADVICE_H

#include "app.h"
#include "core/advice.h"
#include "core/load.h"
#include "lib/strbuf.h"

/*
 * Reads the runs from the store (opening it if needed) and computes the
 * load as of today (clock_today()). Prints its own error and returns -1;
 * 0 on success.
 */
int load_advice_report(struct app *app, struct load_report *out);

/*
 * Whether running was scaled back (SAFETY.md section 5: last 14 days below
 * 80% of the 28 days before, per week), for the escalation rules of
 * SAFETY.md section 4: TRI_UNKNOWN with fewer than about 6 weeks of runs,
 * or when the store cannot be read.
 */
enum tristate load_advice_scaled_back(struct app *app);

/*
 * Appends ADVICE_SCALE_BACK_RUNNING items to `out`, with the runner's numbers
 * in km or miles: one when the latest run (within the last 7 days) was more
 * than 10% longer than the longest of the 30 days before it (Frandsen et al.,
 * BJSM 2025), one when the last 7 days ran more than 30% above the 7 days
 * before (Nielsen et al., JOSPT 2014). Nothing when neither applies. The
 * acute:chronic ratio never adds advice (it is disputed).
 */
void load_advice_add(const struct load_report *r, int miles, struct advice_list *out);

/*
 * Prints advice items as a list: "  • MESSAGE" wrapped to the terminal (at
 * most 80 columns), then the source, dimmed, in parentheses.
 */
void load_print_advice(const struct app *app, const struct advice_list *l);

/* "12.3 km" or "7.6 mi" (metres in). */
void load_format_distance(struct strbuf *sb, double metres, int miles);

#endif
