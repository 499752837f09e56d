/* Clinic mode: the numbers of logins, links and invites, and the links the server makes
 * (docs/clinic-api.md), shared by `hipcoach clinic` and the server's routes. */
#ifndef HIPCOACH_CLINIC_H
#define HIPCOACH_CLINIC_H

#include <jansson.h>
#include <stdint.h>

#include "lib/strbuf.h"

struct app;
struct coach;
struct store;
struct clinic_patient;

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

/* ---- the therapist's list (clinic-rows.c) ---- */

/* One patient of the list, with what needs attention (from coach_today(), as their own Today). */
struct clinic_row {
	json_t *json;
	const char *name;
	int first; /* the most urgent attention, ATT_COUNT (clinic-rows.c) none */
	int count; /* how many */
};

/* The connection now reads and writes patient `patient`'s record alone, nothing remembered. 0. */
int clinic_scope(struct coach *c, int64_t clinic, int64_t patient);
/*
 * A row of GET /api/patients: the patient as the clinic knows them, and
 * `computed` ({"attention", "adherence", "pain_trend", "last_logged",
 * "setup"}: what clinic_row() computes, or the copy the database keeps),
 * as of day `as_of` (YYYY-MM-DD) when it may miss newer records, NULL
 * when it holds the record as it is.
 */
json_t *clinic_row_json(const struct clinic_patient *p, json_t *computed, const char *as_of);
/*
 * Patient `p`'s row, with the connection scoped to them: 0, or -1 with
 * error_last(). *computed (may be NULL) gets the part of the row that
 * comes from the record, for the database to keep.
 */
int clinic_row(struct coach *c, const struct clinic_patient *p, struct clinic_row *out,
	       json_t **computed);
/* Keeps `row` (its `computed` part) for `day`, from the record as of `changes`, unscoped. 0. */
int clinic_row_keep(struct store *st, int64_t clinic, int64_t patient, int64_t changes,
		    const char *day, const struct clinic_row *row, const json_t *computed);
/*
 * Computes patient `patient`'s row again and keeps it, waiting for whoever
 * computes it meanwhile: after a write that must show on the very next
 * list (a safety answer, a clearance, a pain score). 0, or -1.
 */
int clinic_row_refresh(struct coach *c, int64_t clinic, int64_t patient);

/*
 * The refresher of a `clinic serve` process: a thread with a database
 * connection of its own that computes stale rows (of every clinic) as
 * long as there are, sharing them with the other processes' by row locks.
 */
struct clinic_refresher;
/* Starts it with a coach like `app`'s (the database and program paths): 0, or -1. */
int clinic_refresher_start(struct clinic_refresher **out, const struct app *app);
/* Stops it, after the row it computes, and frees it (NULL: nothing). */
void clinic_refresher_stop(struct clinic_refresher *r);

#endif
