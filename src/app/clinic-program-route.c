/* GET and PATCH /api/patients/ID/program: a therapist's changes to a patient's program, through
 * the coach's program-change use case (src/coach/program-change.h). */
#include <string.h>

#include "web-internal.h"

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
