/* The web server of `hipcoach ui`: embedded files, the JSON API under /api, and its security. */
#ifndef HIPCOACH_WEB_H
#define HIPCOACH_WEB_H

#include <stddef.h>

struct app;
struct web;

/* Request bodies above these sizes are refused with 413. */
#define WEB_BODY_LIMIT	 (64 * 1024)
#define WEB_UPLOAD_LIMIT (10 * 1024 * 1024)

struct web_config {
	const char *listen; /* numeric IPv4 or IPv6 address; NULL: 127.0.0.1 */
	int port;	    /* 0: any free port */
	/*
	 * Require the access token: every request without a valid session
	 * cookie or ?token= gets 401. Set when listening beyond loopback.
	 */
	int need_token;
};

/*
 * Starts serving in a thread of its own; every request is handled on that
 * one thread, so the app (store, program, profile) is never used by two at
 * once. The caller must not touch `app` until web_stop(). 0 with *out set,
 * or -1 after error_set().
 */
int web_start(struct web **out, struct app *app, const struct web_config *cfg);
/* The port actually listened on (useful with port 0). */
int web_port(const struct web *w);
/* The access token (32 hex digits), "" when none is required. */
const char *web_token(const struct web *w);
/* Stops the server, ends the live session without recording more, and frees everything. */
void web_stop(struct web *w);

/* 1 if `addr` is a loopback address (127.0.0.0/8, ::1), 0 if not. */
int web_is_loopback(const char *addr);

#endif
