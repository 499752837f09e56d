/* The JSON of a physical therapist's program changes (docs/json.md, "Program changes"): the changes
 * in force and their record, for GET /api/patients/ID/program and the --json documents that carry
 * them, and the body of PATCH /api/patients/ID/program read into a change. */
#ifndef HIPCOACH_APP_JSON_PROGRAM_H
#define HIPCOACH_APP_JSON_PROGRAM_H

#include <jansson.h>

#include "coach/program-change.h"
#include "core/program-change.h"
#include "core/program.h"
#include "lib/strbuf.h"

/*
 * The changes in force as today, plan and status carry them under
 * "therapist": {"left_out": [...], "doses": [...], "note": {...} or null},
 * or null when nothing is changed (also for `cur` NULL). A new reference.
 */
json_t *json_program_current(const struct program_current *cur);

/*
 * GET /api/patients/ID/program and `hipcoach program-change --json`:
 * {"current": {"level", "equipment", "left_out", "doses", "note"},
 *  "history": [{"at", "who", "why", "what"}, ...]} (newest first). A new
 * reference.
 */
json_t *json_program_changes(const struct program_changes *pc);

/*
 * Reads the body of PATCH /api/patients/ID/program, {"level", "equipment",
 * "left_out", "doses", "note", "why"} (docs/json.md), into *chg
 * (initialised here; release it with program_change_release() either way)
 * and *why (a string of `body`, or NULL when not given). Fields left out
 * stay as they are; a list given replaces the one in force. Checks what
 * needs the program alone (program_change_check_items(): known exercises,
 * doses within bounds); coach_program_change() checks the rest. 0, or -1
 * with one message (lowercase, no full stop) appended to `err`: an unknown
 * field, a value of the wrong shape, an unknown level, equipment or
 * exercise, a dose out of range.
 */
int program_change_from_json(const struct program *prog, const json_t *body,
			     struct program_change *chg, const char **why, struct strbuf *err);

#endif
