/* The front ends of a guided session: what every one offers, and the full-screen terminal player.
 */
#ifndef HIPCOACH_TUI_H
#define HIPCOACH_TUI_H

#include <stdint.h>

#include "core/player.h"
#include "lib/strbuf.h"

struct speech;

/*
 * A front end draws the player's view, turns keys into player events, and
 * asks the check-in questions. The session itself (what is recorded, what
 * is asked when) lives in session-record.c and is the same for every front end.
 */
struct frontend {
	/*
	 * Shows the view and waits up to `wait_ms` real milliseconds for a
	 * key. Returns 1 with *ev set when the runner pressed a key that means
	 * an event, 0 when the time passed.
	 */
	int (*wait)(struct frontend *fe, const struct player *p, const struct player_view *v,
		    int64_t wait_ms, enum player_event *ev);
	/* A step begins (line mode prints it; the screen shows it on the next wait). */
	void (*step)(struct frontend *fe, const struct player *p);
	/* A cue fell due: speech, or a line. */
	void (*cue)(struct frontend *fe, const struct player *p, const struct script_cue *cue);
	/*
	 * The countdown of `st` ran out: the bell when st->bell_end (unless
	 * quiet), and line mode says "time's up" after a hold.
	 */
	void (*time_up)(struct frontend *fe, const struct script_step *st);
	/*
	 * Asks one question. `hint` says what can be answered ("0-10",
	 * "y/n"), `dflt` is what an empty answer means (NULL: nothing). The
	 * answer goes to `answer` (trimmed; the default when empty). Returns
	 * 0, or 1 when the runner wants to quit (q, or the end of input).
	 */
	int (*ask)(struct frontend *fe, const char *question, const char *hint, const char *dflt,
		   struct strbuf *answer);
	/* Says what the next questions are about ("Clamshell: how did it go?"); no wait. */
	void (*note)(struct frontend *fe, const char *text);
	/* Something to read before going on (safety advice); `title` may be NULL. */
	void (*message)(struct frontend *fe, const char *title, const char *text);
	/*
	 * The end of the session: what was done. Lines that fit keep their
	 * spacing. The full screen prints it again once it has closed, so it
	 * stays in the terminal.
	 */
	void (*summary)(struct frontend *fe, const char *title, const char *text);
	/* Restores the terminal and frees the front end. */
	void (*close)(struct frontend *fe);
	struct speech *speech; /* NULL: silent */
	const char *kind_name; /* "Strength", "Stretches" */
	int pounds;	       /* show weights in pounds */
	int quiet;	       /* no bell */
};

/*
 * The full-screen player (ncursesw) on the terminal. NULL, with
 * error_last() saying why, when ncursesw is missing or the terminal cannot
 * be drawn on (the caller falls back to line mode). `speech` may be NULL;
 * the front end owns it from here.
 */
struct frontend *tui_open(const char *kind_name, int pounds, struct speech *speech);

#endif
