/* GET and PATCH /api/patients/ID/program: a therapist's changes to a patient's program, through
 * the coach's program-change use case (src/coach/program-change.h) and its JSON
 * (src/app/json-program.h). Until that use case is in the tree, the route answers 404 like any
 * endpoint that is not there. */
#include <string.h>

#include "web-internal.h"

#if __has_include("json-program.h")

#include "app.h"
#include "json-program.h"
#include "lib/error.h"
#include "store/auth.h"

/* The changes in force and their history, as GET answers them (and PATCH after a change). */
static void program_get(struct coach *c, struct reply *rp)
{
	struct program_changes pc;

	memset(&pc, 0, sizeof(pc));
	if (coach_program_changes(c, &pc)) {
		rp->status = strstr(error_last(), "setup") ? 409 : 500;
		rp->json = web_error(error_last());
	} else {
		rp->status = 200;
		rp->json = json_program_changes(&pc);
	}
	program_changes_release(&pc);
}

void clinic_program_route(struct web *w, const char *method, const struct auth_login *who,
			  struct request *rq, struct reply *rp)
{
	struct coach *c = &web_app(w)->coach;
	struct program_change chg;
	struct strbuf err = STRBUF_INIT;
	const char *why = NULL;
	json_t *body;
	int r;

	if (!strcmp(method, "GET") || !strcmp(method, "HEAD")) {
		program_get(c, rp);
		return;
	}
	if (strcmp(method, "PATCH")) {
		rp->status = 405;
		rp->json = web_error("method not allowed");
		return;
	}
	if (!(body = web_body(rq, rp)))
		return;
	if (coach_program(c)) {
		rp->status = 500;
		rp->json = web_error(error_last());
		goto out_body;
	}
	if (program_change_from_json(&c->program, body, &chg, &why, &err)) {
		rp->status = 400;
		rp->json = web_error(err.buf);
		goto out;
	}
	/* Who changed it, by the name the patient knows them by. */
	r = coach_program_change(c, &chg, who->name, why);
	if (r == PROGRAM_CHANGE_REFUSED) {
		rp->status = 400;
		rp->json = web_error(error_last());
	} else if (r) {
		rp->status = strstr(error_last(), "setup") ? 409 : 500;
		rp->json = web_error(error_last());
	} else {
		program_get(c, rp);
	}
out:
	program_change_release(&chg);
out_body:
	json_decref(body);
	strbuf_release(&err);
}

#else

void clinic_program_route(struct web *w, const char *method, const struct auth_login *who,
			  struct request *rq, struct reply *rp)
{
	(void)w;
	(void)method;
	(void)who;
	(void)rq;
	rp->status = 404;
	rp->json = web_error("no such endpoint");
}

#endif
