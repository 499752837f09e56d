/* Check-ins outside a session: the morning question after a training day. */
#ifndef HIPCOACH_CHECKIN_H
#define HIPCOACH_CHECKIN_H

struct app;

/*
 * The morning question (SAFETY.md section 2: pain after exercise must have
 * settled by the next morning). On the first run of a day after a day with
 * a session, asks "how does the hip feel this morning?" (0-10) and records
 * the answer in the pain table (context 'morning'). Asks at most until it
 * has an answer for the day; an empty answer skips it for this run.
 * Returns the score given (0-10), -1 when nothing was asked or answered,
 * or -2 after printing an error.
 */
int checkin_morning(struct app *app);

#endif
