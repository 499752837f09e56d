/* The terminal's words for a physical therapist's program changes: the note on the today screen
 * and in the plan, and the changes with their record (`hipcoach program-change`). */
#ifndef HIPCOACH_APP_PROGRAM_VIEW_H
#define HIPCOACH_APP_PROGRAM_VIEW_H

#include "app.h"
#include "coach/program-change.h"

/* "10 December" for an ISO 8601 instant (the local day), or "" when it cannot be read. */
void program_view_day(struct strbuf *sb, const char *at);

/*
 * The therapist's note, when there is one: `heading` in bold with who wrote
 * it and when ("From your physical therapist · Ana, 10 December"), then the
 * note wrapped to `width` under `indent`. Prints nothing without a note.
 */
void program_view_note(const struct app *app, const struct program_current *cur,
		       const char *heading, const char *indent, int width);

/* The changes in force and their record, newest first, as `hipcoach program-change` shows them. */
void program_view_changes(const struct app *app, const struct program_changes *pc, int width);

#endif
