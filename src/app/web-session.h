/* The live session of the web app: the same script and player as the terminal, driven over HTTP. */
#ifndef HIPCOACH_WEB_SESSION_H
#define HIPCOACH_WEB_SESSION_H

#include <jansson.h>

struct app;
struct web_session;

/*
 * One live session at a time, held by the server. Each call below answers
 * an HTTP status and sets *out to the JSON body (never NULL); `body` is the
 * request's JSON object. All of them run on the server's one thread.
 */
struct web_session *web_session_new(void);
void web_session_free(struct web_session *s);

/*
 * GET /api/session: brings the player up to now (recording every step that
 * ended, in order), then the view: step, exercise, side, set, seconds
 * left, next, cue, progress, the cues that fell due after sequence number
 * `since` (-1: none, only the current number), and the pending check-in.
 */
int web_session_get(struct web_session *s, struct app *app, long since, json_t **out);
/*
 * POST /api/session/start {"kind": "strength"|"stretch", "pain_before": 0-10|null,
 * "resume": true|false}: builds the script server-side and starts (or
 * resumes today's unfinished) session. 409 when guided sessions are blocked.
 */
int web_session_start(struct web_session *s, struct app *app, const json_t *body, json_t **out);
/*
 * POST /api/session/event {"event": "primary"|"done"|"skip"|"hurt"|"pause"|"resume"|
 * "back"|"quit"|"checkin"|"finish", "step": N, ...answers}: applies it and
 * records what it finished, through the same store calls as the terminal
 * player. With "step", a player event meant for another step than the
 * current one is ignored (a tap that arrived after its countdown ended).
 */
int web_session_event(struct web_session *s, struct app *app, const json_t *body, json_t **out);

/*
 * POST /api/session/sync {"kind", "records": [{"id", "step", "status":
 * "done"|"skipped"|"hurt", "elapsed_ms", "pain", "stop", "checkin": {...}}],
 * "at": N, "finish": {"pain"}, "checkin": {"item", ...}}: the steps the page played while the
 * server was out of reach, in order, each recorded once by its id (a repeat records nothing, its
 * answers included); a record's "checkin" answers the question that followed it, as the "checkin"
 * event does, and the body's answers the one waiting before them (once: then it waits no more). The
 * player then goes on from step `at`. Resumes today's unfinished session of `kind` when none is
 * live.
 */
int web_session_sync(struct web_session *s, struct app *app, const json_t *body, json_t **out);

/*
 * GET /api/today: the date, today's sessions (planned, done, resumable),
 * this week's count, the streak, and whether screening blocks sessions
 * (with that advice).
 */
int web_today(struct app *app, json_t **out);

#endif
