/* The clinic's people and their logins on PostgreSQL (src/store/pg/schema.sql, version 3):
 * therapists, logins, auth sessions, set-password links, invites, failed attempts and the audit
 * log. Secrets are passed as they are and stored as their SHA-256 (hashed by the database). */
#ifndef HIPCOACH_STORE_AUTH_H
#define HIPCOACH_STORE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* A login, as a session cookie or an email finds it. */
struct auth_login {
	int64_t id;
	int64_t clinic;
	int64_t therapist; /* the therapist's id; 0 for a patient */
	int64_t patient;   /* the patient's id; 0 for a therapist */
	int64_t device;	   /* a runner's linked file (hipcoach sync), its link's id; else 0 */
	char email[256];
	char name[256]; /* the therapist's or the patient's name */
	char clinic_name[256];
	char password_hash[256]; /* crypto_pwhash_str's string; "" when none is set yet */
};

/*
 * Every call below answers -1 after error_set() on a failure of the
 * database (and on a SQLite file, which has no clinic); the finders answer
 * 1 found, 0 not found.
 */

/* The clinic named exactly `name`: 1 with *id, 0 none. */
int store_clinic_find(struct store *st, const char *name, int64_t *id);
/* How many clinics the database holds; the first one's id in *first (0 none). */
int store_clinic_count(struct store *st, int64_t *first);
/*
 * Adds a therapist named `name` to clinic `clinic`, with a login for
 * `email` (lowercased) that has no password yet: *login its id. 0; 1 when
 * the email has a login already (nothing added).
 */
int store_therapist_add(struct store *st, int64_t clinic, const char *name, const char *email,
			int64_t *login);
/* A one-time link for login `login`, good for `ttl_s` seconds: `token` is its secret; expired
 * links are deleted on the way. 0. */
int store_password_link_add(struct store *st, int64_t login, const char *token, int ttl_s);
/*
 * Uses the link `token`: sets the login's password hash to `hash`, and
 * forgets the link, in one transaction. 1 with *out, 0 when the link is
 * unknown, used or expired.
 */
int store_password_link_use(struct store *st, const char *token, const char *hash,
			    struct auth_login *out);
/* The login of `email` (lowercased): 1 with *out, with its password hash, 0 none. */
int store_login_by_email(struct store *st, const char *email, struct auth_login *out);

/*
 * A new auth session `token` (the cookie's value) for login `login`; the
 * sessions of anyone that are past `idle_s` or `max_s` (see
 * store_auth_session_get()) are deleted on the way. 0.
 */
int store_auth_session_add(struct store *st, const char *token, int64_t login, int idle_s,
			   int max_s);
/*
 * The login of the auth session `token`, unless it has been idle more than
 * `idle_s` seconds or lives since more than `max_s`: 1 with *out (without
 * its password hash), and the session is marked used now; 0 none (an
 * expired one is deleted).
 */
int store_auth_session_get(struct store *st, const char *token, int idle_s, int max_s,
			   struct auth_login *out);
/* Ends the auth session `token` (nothing when there is none). 0. */
int store_auth_session_end(struct store *st, const char *token);

/* An invite, as its code finds it. */
struct auth_invite {
	int64_t clinic, patient;
	char patient_name[256];
	char clinic_name[256];
	char expires[32]; /* "2026-12-17" */
};

/*
 * Makes `code` the invite of patient `patient` of clinic `clinic`, good for
 * `ttl_s` seconds; an earlier open invite of theirs stops working. 0; 1
 * when the patient has claimed one already (a login), nothing changed.
 */
int store_invite_set(struct store *st, int64_t clinic, int64_t patient, const char *code, int ttl_s,
		     struct auth_invite *out);
/* The open invite `code`: 1 with *out, 0 unknown, claimed or expired. */
int store_invite_get(struct store *st, const char *code, struct auth_invite *out);
/*
 * Claims the invite `code` in one transaction: a login for `email`
 * (lowercased) with password hash `hash` for its patient, and the invite is
 * gone. 1 with *out; 0 unknown, claimed or expired; 2 when the email has a
 * login already (the invite stays open).
 */
int store_invite_claim(struct store *st, const char *code, const char *email, const char *hash,
		       struct auth_login *out);

/*
 * Claims the invite `code` for a runner's own hipcoach (hipcoach link), in
 * one transaction: a device link whose secret is `token`, and the invite is
 * gone. 1 with *out (its clinic, patient and their names); 0 unknown,
 * claimed or expired.
 */
int store_device_link(struct store *st, const char *code, const char *token,
		      struct auth_invite *out);
/*
 * The device link of `token`, marked as used now: 1 with *device (its id),
 * *clinic and *patient; 0 unknown (or its patient is gone).
 */
int store_device_get(struct store *st, const char *token, int64_t *device, int64_t *clinic,
		     int64_t *patient);

/*
 * Failed attempts of `kind` ("email" or "address") for `key` within the
 * last `window_s` seconds: their count, and in *retry_s the seconds until
 * the oldest of them leaves the window. -1 on error.
 */
int store_login_failures(struct store *st, const char *kind, const char *key, int window_s,
			 int *retry_s);
/* Records one failed attempt; forgets every attempt older than `keep_s` seconds. 0. */
int store_login_failure_add(struct store *st, const char *kind, const char *key, int keep_s);
/* Forgets the failed attempts of `kind` for `key` (a login that succeeded). 0. */
int store_login_failures_clear(struct store *st, const char *kind, const char *key);

/* Writes one row of the audit log: who (a therapist), which patient, what, and its answer. 0. */
int store_audit_add(struct store *st, int64_t clinic, int64_t therapist, int64_t patient,
		    const char *method, const char *path, int status);

/* A patient of a clinic as its list shows them. */
struct clinic_patient {
	int64_t id;
	char name[256];
	int claimed; /* has a login */
};

/* The patients of clinic `clinic`, by name: an array in *out (free it) of *n. 0. */
int store_clinic_patients(struct store *st, int64_t clinic, struct clinic_patient **out, size_t *n);
/* Patient `patient` of clinic `clinic`: 1 with *out, 0 when the clinic has no such patient. */
int store_clinic_patient(struct store *st, int64_t clinic, int64_t patient,
			 struct clinic_patient *out);

/*
 * A patient of the list with their kept row (schema version 4): the
 * computed part of GET /api/patients' row as JSON, and whether it still
 * holds (computed for the day asked and from the record as it is now).
 */
struct clinic_summary {
	struct clinic_patient p;
	int64_t changes;    /* the writes on the record so far (a trigger counts them) */
	int fresh;	    /* `summary` holds for the day asked and for `changes` */
	int first, count;   /* the row's most urgent attention, and how many */
	char summary[1024]; /* "" when there is none */
	char day[11];	    /* YYYY-MM-DD `summary` was computed for, "" none */
};

/*
 * The patients of clinic `clinic` with their kept rows, in one query, by
 * name: an array in *out (free it) of *n, each `fresh` when computed for
 * `day` (YYYY-MM-DD) and from the record as it is now. 0.
 */
int store_clinic_summaries(struct store *st, int64_t clinic, const char *day,
			   struct clinic_summary **out, size_t *n);
/*
 * Keeps patient `patient`'s row: `summary` (JSON, at most 1023 bytes)
 * with its attention `first` and `count`, computed for `day` from the
 * record as of `changes` (struct clinic_summary's). Not in a transaction
 * of its own: the caller's, if any. 0.
 */
int store_clinic_summary_set(struct store *st, int64_t clinic, int64_t patient, int64_t changes,
			     const char *day, const char *summary, int first, int count);
/*
 * Up to `max` patients (of any clinic) whose kept rows no longer hold for
 * `day` (never computed, another day, or writes since), the ones never
 * computed first, into patients[]; their number in *n. 0.
 */
int store_clinic_summary_stale(struct store *st, const char *day, int64_t *patients, size_t max,
			       size_t *n);
/*
 * Takes the lock of the one computing patient `patient`'s row (a lock of
 * this connection, shared by every server process, held by no transaction):
 * waiting for it with `wait`, else only when free. Then reads the row's
 * *clinic and *changes. 1 when held (without `wait`: only if the row is
 * still stale), 0 when not (another holds it, the row holds again, or there
 * is no row), -1. store_clinic_summary_unlock() gives it back.
 */
int store_clinic_summary_lock(struct store *st, int64_t patient, int wait, const char *day,
			      int64_t *clinic, int64_t *changes);
/* Gives back the lock of store_clinic_summary_lock(). 0. */
int store_clinic_summary_unlock(struct store *st, int64_t patient);
/* Makes an empty kept row for every patient without one (written in the tables directly, or
 * before version 4): how many, or -1. */
int store_clinic_summaries_add(struct store *st);
/* Removes patient `patient` of clinic `clinic` and their whole record (a patient just added
 * whose set-up was refused). 0. */
int store_clinic_patient_delete(struct store *st, int64_t clinic, int64_t patient);
/*
 * The scoped patient's latest day with anything logged (a pain score, a
 * session, a run) as YYYY-MM-DD into `day`: 1, or 0 when nothing is.
 */
int store_last_logged(struct store *st, char day[11]);

/* Reads and writes no patient's record from now on (undoes store_scope()). 0. */
int store_unscope(struct store *st);

#endif
