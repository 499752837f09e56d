/* What web.c shares with the clinic's routes (clinic-web.c) alone: a worker's app, the request,
 * the reply, and the routes of `hipcoach ui` to run on a patient's record. */
#ifndef HIPCOACH_WEB_INTERNAL_H
#define HIPCOACH_WEB_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>

#include "lib/strbuf.h"
#include "web.h"

struct app;
struct web;	/* a worker: its own app (coach, database connection) */
struct request; /* one request, from the first callback to completion */

/* What a handler answers: a status and either JSON or raw bytes, and the headers it adds. */
struct reply {
	int status;
	json_t *json;
	struct strbuf raw;
	const char *content_type;
	char disposition[160];
	char *set_cookie; /* a Set-Cookie header's value (malloc'd), or NULL */
	int retry_after;  /* seconds, for a Retry-After header; 0 none */
};

/* The worker's own app, and the server's configuration. */
struct app *web_app(struct web *w);
const struct web_config *web_config_of(struct web *w);
/*
 * The API of `hipcoach ui` (docs/api.md) on the worker's app, as it stands
 * (the clinic scopes its database to one patient first): `url` is the
 * endpoint's path ("/api/today"), the query and body those of the request.
 */
void web_route_api(struct web *w, struct MHD_Connection *c, const char *method, const char *url,
		   struct request *rq, struct reply *rp);
/* POST /api/profile's handler, on a body of the caller's. */
void web_profile_set(struct web *w, const json_t *body, struct reply *rp);
/* The request's body as a JSON object, or NULL with a 400 reply. A new reference. */
json_t *web_body(struct request *rq, struct reply *rp);
/* The client's address as text ("192.0.2.1"); `buf` holds at least 64 bytes. */
const char *web_address(struct request *rq, char *buf);
/* The request's client is let in (a session found): its connection may stay open longer. */
void web_request_in(struct request *rq);
const char *web_header(struct MHD_Connection *c, const char *name);
const char *web_cookie(struct MHD_Connection *c, const char *name);
const char *web_query(struct MHD_Connection *c, const char *key);
/* {"error": msg}, a new reference. */
json_t *web_error(const char *msg);

/* The clinic's API (clinic-web.c): every request of `clinic serve` under /api/. */
void clinic_route(struct web *w, struct MHD_Connection *c, const char *method, const char *url,
		  struct request *rq, struct reply *rp);

struct auth_login;
/*
 * GET and PATCH /api/patients/ID/program (clinic-program-route.c), with the
 * connection scoped to the patient: the therapist's changes to the program
 * in force and their history, and a change made by `who`.
 */
void clinic_program_route(struct web *w, const char *method, const struct auth_login *who,
			  struct request *rq, struct reply *rp);

#endif
