/* Check-ins outside a session: the morning question after a training day. */
#ifndef HIPCOACH_CHECKIN_H
#define HIPCOACH_CHECKIN_H

struct app;

/*
 * The morning question (SAFETY.md section 2: pain after exercise must have
 * settled by the next morning), asked on the terminal. When the coach says
 * it is due (coach_morning_due(): a session yesterday, no answer today),
 * asks "how does the hip feel this morning?" (0-10) and records the answer
 * with coach_morning_record(). Asks at most until it has an answer for the
 * day; an empty answer skips it for this run.
 * Returns the score given (0-10), -1 when nothing was asked or answered,
 * or -2 after printing an error.
 */
int checkin_morning(struct app *app);

#endif
