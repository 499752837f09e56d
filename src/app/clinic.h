/* Clinic mode: the numbers of logins, links and invites, and the links the server makes
 * (docs/clinic-api.md), shared by `hipcoach clinic` and the server's routes. */
#ifndef HIPCOACH_CLINIC_H
#define HIPCOACH_CLINIC_H

#include "lib/strbuf.h"

/* The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS. */
#define CLINIC_COOKIE "hc_session"
/* A login lasts while used at least every 12 hours, and 30 days at most: a phone in a pocket
 * stays logged in through a day, a lost one not for ever. */
#define CLINIC_SESSION_IDLE_S (12 * 3600)
#define CLINIC_SESSION_MAX_S  (30 * 86400)
/* A new therapist's set-password link: a week to open it. */
#define CLINIC_LINK_TTL_S (7 * 86400)
/* A patient's invite: two weeks, from one appointment to the next. */
#define CLINIC_INVITE_TTL_S (14 * 86400)
/*
 * Failed logins: after 5 for one email or 20 from one address within 15
 * minutes, the next attempts are refused until the window has passed
 * (OWASP Authentication Cheat Sheet, "Login throttling"; NIST SP 800-63B
 * 5.2.2 allows at most 100). Wrong invite codes count for the address.
 */
#define CLINIC_FAIL_WINDOW_S	(15 * 60)
#define CLINIC_FAIL_MAX_EMAIL	5
#define CLINIC_FAIL_MAX_ADDRESS 20
/* A patient who logged nothing (no pain score, session or run) for this many days needs a call:
 * a week without a record is a week the program's rules could not look at. */
#define CLINIC_SILENT_DAYS 7

/*
 * A link of the server: `base` (the clinic's address, without a final
 * slash, e.g. "https://clinic.example.org"), then `page` ("/clinic.html")
 * and the secret after '#', which a browser never sends to a server.
 */
void clinic_link(struct strbuf *out, const char *base, const char *page, const char *secret);

#endif
