/* The web server of `hipcoach ui`: embedded files, the JSON API under /api, and its security. */
#ifndef HIPCOACH_WEB_H
#define HIPCOACH_WEB_H

#include <stddef.h>

struct app;
struct web_server;

/* Request bodies above these sizes are refused with 413. */
#define WEB_BODY_LIMIT	 (64 * 1024)
#define WEB_UPLOAD_LIMIT (10 * 1024 * 1024)

/* A secret (a link's token, a session cookie, the owner key): 128 bits as 32 hex digits. */
#define WEB_SECRET_HEX 32

/* A printed link lets one browser in, once, within this many seconds. */
#define WEB_LINK_TTL_S 600

struct web_config {
	const char *listen; /* numeric IPv4 or IPv6 address; NULL: 127.0.0.1 */
	int port;	    /* 0: any free port */
	int threads;	    /* workers answering the API; 0: one per core (2 to 16) */
	/*
	 * `hipcoach clinic serve`: therapists and patients log in with a
	 * password, their records are in PostgreSQL (the app's database), and
	 * every API request goes through clinic_route() (clinic-web.c); no
	 * link, no live session, no kept answer (docs/clinic-api.md).
	 */
	int clinic;
	int secure;	 /* clinic: behind TLS (cookies Secure, the Origin https://) */
	const char *url; /* clinic: the address the clinic's proxy answers on; NULL: from Host */
};

/*
 * Starts serving: connections are read and written by a few threads that
 * never wait on a client, and the API is answered by a pool of workers
 * sized to the cores, each with a coach and a database connection of its
 * own. Every request needs a session cookie, which only a link from
 * web_new_link() gives. `app` becomes the live session's (guarded by the
 * server); the caller must not touch it until web_stop(). 0 with *out set,
 * or -1 after error_set().
 */
int web_start(struct web_server **out, struct app *app, const struct web_config *cfg);
/* The port actually listened on (useful with port 0). */
int web_port(const struct web_server *s);
/*
 * A new link's token into `token` (WEB_SECRET_HEX digits): `/?token=TOKEN`
 * lets one browser in, once, within WEB_LINK_TTL_S seconds; the visit
 * trades it for an HttpOnly session cookie. 0, or -1 after error_set().
 */
int web_new_link(struct web_server *s, char token[WEB_SECRET_HEX + 1]);
/*
 * The owner key: `POST /api/link` with "Authorization: Bearer KEY" answers
 * {"token": a new link's token}. `hipcoach ui --new-link` reads it from a
 * file only the owner can read.
 */
const char *web_owner_key(const struct web_server *s);
/* Stops the server, ends the live session without recording more, and frees everything. */
void web_stop(struct web_server *s);

/* 1 if `addr` is a loopback address (127.0.0.0/8, ::1), 0 if not. */
int web_is_loopback(const char *addr);

#endif
