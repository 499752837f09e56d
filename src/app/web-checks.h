/* The web app's safety questions, a clinician's clearance and care, and the morning check-in: thin
 * routes over the coach calls `hipcoach check` and the morning question use. */
#ifndef HIPCOACH_WEB_CHECKS_H
#define HIPCOACH_WEB_CHECKS_H

#include <jansson.h>

struct app;

/*
 * Each answers an HTTP status and sets *out to the JSON body (never
 * NULL); `body` is the request's JSON object (docs/api.md).
 */
/* GET /api/check: the questions, as `hipcoach check --list --json`. */
int web_check_list(struct app *app, json_t **out);
/*
 * POST /api/check {"answers": {"ID": true|false, ...}}: one round, every
 * question the round asks answered (safety answers are never defaulted);
 * answers what it means now: {"advice", "blocked", "required"}.
 */
int web_check_answer(struct app *app, const json_t *body, json_t **out);
/* POST /api/check/cleared {"note"}: `hipcoach check --cleared-by-clinician`. */
int web_check_cleared(struct app *app, const json_t *body, json_t **out);
/* POST /api/check/care {"note"}: `hipcoach check --seeing-clinician`. */
int web_check_care(struct app *app, const json_t *body, json_t **out);
/* GET /api/checkin: {"morning": true|false}, whether the morning question is due. */
int web_checkin_get(struct app *app, json_t **out);
/* POST /api/checkin {"score": 0-10}: the answer to the morning question. */
int web_checkin_answer(struct app *app, const json_t *body, json_t **out);

#endif
