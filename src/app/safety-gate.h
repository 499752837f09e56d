/* The safety gate before guided sessions, and advice as the terminal shows it: the urgent box of
 * the today screen and the bulleted list of load, log run and import. */
#ifndef HIPCOACH_SAFETY_GATE_H
#define HIPCOACH_SAFETY_GATE_H

#include "coach/status.h"
#include "app.h"
#include "core/advice.h"

/*
 * For the top of `hipcoach start`: when an urgent-care or bone-stress
 * screening answer stands (SAFETY.md section 1), prints that advice in a
 * box with the way out and returns 1 (the caller exits non-zero without a
 * session). When the questions are required again (a pain jump, groin
 * pain), says why and asks them first: 1 when they were not answered or a
 * new answer blocks. 0 when sessions may go ahead; -1 after printing an
 * error.
 */
int safety_gate(struct app *app);

/*
 * For the top of the today screen: writes due progress decisions, then
 * prints the most urgent advice in its own box (nothing when the runner is
 * on track). Call it after app_input() and before building the plan.
 */
void advice_print_urgent(struct app *app);
/* The same from advice already gathered (coach_status()). */
void advice_print_urgent_status(const struct app *app, const struct status *s);

/* Prints one item in a box as wide as the terminal; `footer` (may be NULL) goes on the bottom line.
 */
void advice_print_box(const struct app *app, const struct advice *a, const char *footer);

/*
 * Prints advice items as a list: "  • MESSAGE" wrapped to the terminal (at
 * most 80 columns), then the source, dimmed, in parentheses.
 */
void advice_print_list(const struct app *app, const struct advice_list *l);

#endif
