/* The clinic's therapists, logins, auth sessions, links, invites, failed attempts and audit log on
 * PostgreSQL: the typed calls of src/store/auth.h. */
#include "auth.h"
#include "sql.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "lib/xalloc.h"

/* A secret as the database keeps it: its SHA-256 in hex (the `?` is the secret). */
#define HASHED "encode(sha256(convert_to(?, 'UTF8')), 'hex')"

/* The columns of a login, after "SELECT ": read by login_read(). */
#define LOGIN_COLUMNS                                                                              \
	"l.id, l.clinic_id, coalesce(l.therapist_id, 0), coalesce(l.patient, 0), l.email, "        \
	"coalesce(t.name, p.name), c.name, coalesce(l.password_hash, '') "                         \
	"FROM logins l JOIN clinics c ON c.id = l.clinic_id "                                      \
	"LEFT JOIN therapists t ON t.id = l.therapist_id LEFT JOIN patients p ON p.id = "          \
	"l.patient "

static int clinic_only(struct store *st)
{
	if (st->engine == STORE_POSTGRES)
		return 0;
	return error_set("database '%s' holds one runner's record and no clinic", st->path);
}

static void copy_col(char *dst, size_t size, struct store_stmt *stmt, int col)
{
	snprintf(dst, size, "%s", store_col_text(stmt, col));
}

static void login_read(struct store_stmt *stmt, struct auth_login *out)
{
	memset(out, 0, sizeof(*out));
	out->id = store_col_int64(stmt, 0, 0);
	out->clinic = store_col_int64(stmt, 1, 0);
	out->therapist = store_col_int64(stmt, 2, 0);
	out->patient = store_col_int64(stmt, 3, 0);
	copy_col(out->email, sizeof(out->email), stmt, 4);
	copy_col(out->name, sizeof(out->name), stmt, 5);
	copy_col(out->clinic_name, sizeof(out->clinic_name), stmt, 6);
	copy_col(out->password_hash, sizeof(out->password_hash), stmt, 7);
}

/* The one login a prepared statement finds: 1 with *out, 0 none, -1. */
static int login_one(struct store *st, struct store_stmt *stmt, struct auth_login *out)
{
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0)
		login_read(stmt, out);
	store_finalize(stmt);
	return rc;
}

/* An email as logins keep it: ASCII letters lowercased (a malloc'd copy). */
static char *email_key(const char *email)
{
	char *s = xstrdup(email ? email : "");

	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

int store_clinic_find(struct store *st, const char *name, int64_t *id)
{
	if (clinic_only(st))
		return -1;
	*id = store_int(st, 0, "SELECT min(id) FROM clinics WHERE name = ?", "t", name);
	return *id < 0 ? -1 : *id > 0;
}

int store_clinic_count(struct store *st, int64_t *first)
{
	int64_t n;

	if (clinic_only(st))
		return -1;
	*first = store_int(st, 0, "SELECT min(id) FROM clinics", "");
	n = store_int(st, -1, "SELECT count(*) FROM clinics", "");
	return *first < 0 ? -1 : (int)n;
}

int store_therapist_add(struct store *st, int64_t clinic, const char *name, const char *email,
			int64_t *login)
{
	char *key = email_key(email);
	int64_t therapist, have;
	int ret = -1;

	if (clinic_only(st) || store_begin(st))
		goto out;
	have = store_int(st, -1, "SELECT count(*) FROM logins WHERE email = ?", "t", key);
	if (have < 0)
		goto fail;
	if (have > 0) {
		store_rollback(st);
		ret = 1;
		goto out;
	}
	therapist =
	    store_int(st, -1, "INSERT INTO therapists (clinic_id, name) VALUES (?, ?) RETURNING id",
		      "lt", clinic, name);
	if (therapist < 0)
		goto fail;
	*login = store_int(st, -1,
			   "INSERT INTO logins (email, clinic_id, therapist_id) VALUES (?, ?, ?) "
			   "RETURNING id",
			   "tll", key, clinic, therapist);
	if (*login < 0 || store_commit(st))
		goto fail;
	ret = 0;
	goto out;
fail:
	store_rollback(st);
out:
	free(key);
	return ret;
}

int store_password_link_add(struct store *st, int64_t login, const char *token, int ttl_s)
{
	if (clinic_only(st) ||
	    store_exec(st, "DELETE FROM password_links WHERE expires_at < now()", ""))
		return -1;
	return store_exec(st,
			  "INSERT INTO password_links (token_hash, login_id, expires_at) "
			  "VALUES (" HASHED ", ?, now() + make_interval(secs => ?))",
			  "tli", token, login, ttl_s);
}

int store_password_link_use(struct store *st, const char *token, const char *hash,
			    struct auth_login *out)
{
	int64_t login;
	int rc;

	if (clinic_only(st) || store_begin(st))
		return -1;
	login = store_int(st, 0,
			  "DELETE FROM password_links WHERE token_hash = " HASHED
			  " AND expires_at > now() RETURNING login_id",
			  "t", token);
	if (login < 0)
		goto fail;
	if (!login) {
		/* Unknown, or expired (then it is gone too: a link is good once at most). */
		store_exec(st, "DELETE FROM password_links WHERE token_hash = " HASHED, "t", token);
		return store_commit(st) ? -1 : 0;
	}
	if (store_exec(st, "UPDATE logins SET password_hash = ? WHERE id = ?", "tl", hash, login))
		goto fail;
	rc = login_one(st, store_prepare(st, "SELECT " LOGIN_COLUMNS "WHERE l.id = ?", "l", login),
		       out);
	if (rc <= 0 || store_commit(st))
		goto fail;
	out->password_hash[0] = '\0';
	return 1;
fail:
	store_rollback(st);
	return -1;
}

int store_login_by_email(struct store *st, const char *email, struct auth_login *out)
{
	char *key = email_key(email);
	int rc = -1;

	if (!clinic_only(st))
		rc = login_one(
		    st, store_prepare(st, "SELECT " LOGIN_COLUMNS "WHERE l.email = ?", "t", key),
		    out);
	free(key);
	return rc;
}

int store_auth_session_add(struct store *st, const char *token, int64_t login, int idle_s,
			   int max_s)
{
	if (clinic_only(st))
		return -1;
	/* Sessions never shown again would stay for ever: each login sweeps the expired. */
	if (store_exec(st,
		       "DELETE FROM auth_sessions WHERE used_at < now() - make_interval(secs => ?) "
		       "OR created_at < now() - make_interval(secs => ?)",
		       "ii", idle_s, max_s))
		return -1;
	return store_exec(st,
			  "INSERT INTO auth_sessions (token_hash, login_id) VALUES (" HASHED ", ?)",
			  "tl", token, login);
}

int store_auth_session_get(struct store *st, const char *token, int idle_s, int max_s,
			   struct auth_login *out)
{
	int rc;

	if (clinic_only(st))
		return -1;
	rc = login_one(st,
		       store_prepare(st,
				     "UPDATE auth_sessions s SET used_at = now() FROM logins l "
				     "JOIN clinics c ON c.id = l.clinic_id "
				     "LEFT JOIN therapists t ON t.id = l.therapist_id "
				     "LEFT JOIN patients p ON p.id = l.patient "
				     "WHERE s.token_hash = " HASHED " AND l.id = s.login_id "
				     "AND s.used_at > now() - make_interval(secs => ?) "
				     "AND s.created_at > now() - make_interval(secs => ?) "
				     "RETURNING l.id, l.clinic_id, coalesce(l.therapist_id, 0), "
				     "coalesce(l.patient, 0), l.email, coalesce(t.name, p.name), "
				     "c.name, ''",
				     "tii", token, idle_s, max_s),
		       out);
	if (rc == 0 &&
	    store_exec(st, "DELETE FROM auth_sessions WHERE token_hash = " HASHED, "t", token))
		return -1;
	return rc;
}

int store_auth_session_end(struct store *st, const char *token)
{
	if (clinic_only(st))
		return -1;
	return store_exec(st, "DELETE FROM auth_sessions WHERE token_hash = " HASHED, "t", token);
}

static int invite_one(struct store *st, struct store_stmt *stmt, struct auth_invite *out)
{
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		memset(out, 0, sizeof(*out));
		out->clinic = store_col_int64(stmt, 0, 0);
		out->patient = store_col_int64(stmt, 1, 0);
		copy_col(out->patient_name, sizeof(out->patient_name), stmt, 2);
		copy_col(out->clinic_name, sizeof(out->clinic_name), stmt, 3);
		copy_col(out->expires, sizeof(out->expires), stmt, 4);
	}
	store_finalize(stmt);
	return rc;
}

#define INVITE_SELECT                                                                              \
	"SELECT i.clinic_id, i.patient, p.name, c.name, "                                          \
	"to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "              \
	"FROM invites i JOIN patients p ON p.id = i.patient JOIN clinics c ON c.id = i.clinic_id "

int store_invite_set(struct store *st, int64_t clinic, int64_t patient, const char *code, int ttl_s,
		     struct auth_invite *out)
{
	int64_t claimed;
	int rc;

	if (clinic_only(st) || store_begin(st))
		return -1;
	claimed = store_int(st, -1, "SELECT count(*) FROM logins WHERE patient = ?", "l", patient);
	if (claimed < 0)
		goto fail;
	if (claimed > 0) {
		store_rollback(st);
		return 1;
	}
	if (store_exec(st, "DELETE FROM invites WHERE patient = ?", "l", patient) ||
	    store_exec(
		st,
		"INSERT INTO invites (code_hash, clinic_id, patient, expires_at) VALUES (" HASHED
		", ?, ?, now() + make_interval(secs => ?))",
		"tlli", code, clinic, patient, ttl_s))
		goto fail;
	rc = invite_one(st, store_prepare(st, INVITE_SELECT "WHERE i.patient = ?", "l", patient),
			out);
	if (rc <= 0 || store_commit(st))
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_invite_get(struct store *st, const char *code, struct auth_invite *out)
{
	if (clinic_only(st))
		return -1;
	return invite_one(st,
			  store_prepare(st,
					INVITE_SELECT "WHERE i.code_hash = " HASHED
						      " AND i.expires_at > now()",
					"t", code),
			  out);
}

int store_invite_claim(struct store *st, const char *code, const char *email, const char *hash,
		       struct auth_login *out)
{
	char *key = email_key(email);
	struct auth_invite inv;
	int64_t login;
	int rc, ret = -1;

	if (clinic_only(st) || store_begin(st))
		goto out;
	rc = invite_one(st,
			store_prepare(st,
				      INVITE_SELECT "WHERE i.code_hash = " HASHED
						    " AND i.expires_at > now() FOR UPDATE OF i",
				      "t", code),
			&inv);
	if (rc <= 0) {
		store_rollback(st);
		ret = rc;
		goto out;
	}
	rc = (int)store_int(st, -1, "SELECT count(*) FROM logins WHERE email = ?", "t", key);
	if (rc < 0)
		goto fail;
	if (rc > 0) {
		store_rollback(st);
		ret = 2;
		goto out;
	}
	login = store_int(st, -1,
			  "INSERT INTO logins (email, password_hash, clinic_id, patient) "
			  "VALUES (?, ?, ?, ?) RETURNING id",
			  "ttll", key, hash, inv.clinic, inv.patient);
	if (login < 0 || store_exec(st, "DELETE FROM invites WHERE patient = ?", "l", inv.patient))
		goto fail;
	rc = login_one(st, store_prepare(st, "SELECT " LOGIN_COLUMNS "WHERE l.id = ?", "l", login),
		       out);
	if (rc <= 0 || store_commit(st))
		goto fail;
	out->password_hash[0] = '\0';
	ret = 1;
	goto out;
fail:
	store_rollback(st);
out:
	free(key);
	return ret;
}

int store_device_link(struct store *st, const char *code, const char *token,
		      struct auth_invite *out)
{
	int rc;

	if (clinic_only(st) || store_begin(st))
		return -1;
	rc = invite_one(st,
			store_prepare(st,
				      INVITE_SELECT "WHERE i.code_hash = " HASHED
						    " AND i.expires_at > now() FOR UPDATE OF i",
				      "t", code),
			out);
	if (rc <= 0) {
		store_rollback(st);
		return rc;
	}
	if (store_exec(st,
		       "INSERT INTO device_links (token_hash, clinic_id, patient) VALUES (" HASHED
		       ", ?, ?)",
		       "tll", token, out->clinic, out->patient) ||
	    store_exec(st, "DELETE FROM invites WHERE patient = ?", "l", out->patient) ||
	    store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	return 1;
}

int store_device_get(struct store *st, const char *token, int64_t *device, int64_t *clinic,
		     int64_t *patient)
{
	struct store_stmt *stmt;
	int rc;

	if (clinic_only(st))
		return -1;
	stmt = store_prepare(st,
			     "UPDATE device_links SET used_at = now() WHERE token_hash = " HASHED
			     " RETURNING id, clinic_id, patient",
			     "t", token);
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		*device = store_col_int64(stmt, 0, 0);
		*clinic = store_col_int64(stmt, 1, 0);
		*patient = store_col_int64(stmt, 2, 0);
	}
	store_finalize(stmt);
	return rc;
}

int store_login_failures(struct store *st, const char *kind, const char *key, int window_s,
			 int *retry_s)
{
	struct store_stmt *stmt;
	int n = -1;

	if (clinic_only(st))
		return -1;
	stmt = store_prepare(st,
			     "SELECT count(*), coalesce(ceil(extract(epoch FROM min(at) + "
			     "make_interval(secs => ?) - now()))::integer, 0) FROM login_failures "
			     "WHERE kind = ? AND key = ? AND at > now() - make_interval(secs => ?)",
			     "itti", window_s, kind, key, window_s);
	if (!stmt)
		return -1;
	if (store_step(st, stmt) > 0) {
		n = store_col_int(stmt, 0, 0);
		*retry_s = store_col_int(stmt, 1, 0);
		if (*retry_s < 1)
			*retry_s = 1;
	}
	store_finalize(stmt);
	return n;
}

int store_login_failure_add(struct store *st, const char *kind, const char *key, int keep_s)
{
	if (clinic_only(st))
		return -1;
	if (store_exec(st, "DELETE FROM login_failures WHERE at < now() - make_interval(secs => ?)",
		       "i", keep_s))
		return -1;
	return store_exec(st, "INSERT INTO login_failures (kind, key) VALUES (?, ?)", "tt", kind,
			  key);
}

int store_login_failures_clear(struct store *st, const char *kind, const char *key)
{
	if (clinic_only(st))
		return -1;
	return store_exec(st, "DELETE FROM login_failures WHERE kind = ? AND key = ?", "tt", kind,
			  key);
}

int store_audit_add(struct store *st, int64_t clinic, int64_t therapist, int64_t patient,
		    const char *method, const char *path, int status)
{
	if (clinic_only(st))
		return -1;
	return store_exec(st,
			  "INSERT INTO audit_log (clinic_id, therapist_id, patient, method, path, "
			  "status) VALUES (?, ?, ?, ?, ?, ?)",
			  "llltti", clinic, therapist, patient, method, path, status);
}

static void patient_read(struct store_stmt *stmt, void *row)
{
	struct clinic_patient *p = row;

	p->id = store_col_int64(stmt, 0, 0);
	copy_col(p->name, sizeof(p->name), stmt, 1);
	p->claimed = store_col_int(stmt, 2, 0);
}

#define PATIENT_SELECT                                                                             \
	"SELECT p.id, p.name, (SELECT count(*) FROM logins l WHERE l.patient = p.id) "             \
	"FROM patients p "

int store_clinic_patients(struct store *st, int64_t clinic, struct clinic_patient **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (clinic_only(st))
		return -1;
	return store_rows(
	    st,
	    store_prepare(st, PATIENT_SELECT "WHERE p.clinic_id = ? ORDER BY p.name, p.id", "l",
			  clinic),
	    sizeof(**out), patient_read, (void **)out, n);
}

int store_clinic_patient(struct store *st, int64_t clinic, int64_t patient,
			 struct clinic_patient *out)
{
	struct store_stmt *stmt;
	int rc;

	if (clinic_only(st))
		return -1;
	stmt = store_prepare(st, PATIENT_SELECT "WHERE p.clinic_id = ? AND p.id = ?", "ll", clinic,
			     patient);
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		memset(out, 0, sizeof(*out));
		patient_read(stmt, out);
	}
	store_finalize(stmt);
	return rc;
}

/*
 * The kept rows' key, named: a conflict target in parentheses would be
 * widened by the patient_id of a patient's table (translate(), pg.c).
 */
#define SUMMARY_KEY "ON CONSTRAINT patient_summaries_pkey"

static void summary_read(struct store_stmt *stmt, void *row)
{
	struct clinic_summary *s = row;

	patient_read(stmt, &s->p);
	s->changes = store_col_int64(stmt, 3, 0);
	s->fresh = store_col_int(stmt, 4, 0);
	copy_col(s->summary, sizeof(s->summary), stmt, 5);
	s->first = store_col_int(stmt, 6, 0);
	s->count = store_col_int(stmt, 7, 0);
	copy_col(s->day, sizeof(s->day), stmt, 8);
}

int store_clinic_summaries(struct store *st, int64_t clinic, const char *day,
			   struct clinic_summary **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (clinic_only(st))
		return -1;
	return store_rows(
	    st,
	    store_prepare(st,
			  "SELECT p.id, p.name, (SELECT count(*) FROM logins l WHERE l.patient = "
			  "p.id), coalesce(s.changes, 0), coalesce(s.day = ? AND s.at_changes = "
			  "s.changes AND s.summary IS NOT NULL, false)::int, s.summary, "
			  "s.first_attention, s.attention_count, s.day FROM patients p "
			  "LEFT JOIN patient_summaries s ON s.patient = p.id "
			  "WHERE p.clinic_id = ? ORDER BY p.name, p.id",
			  "tl", day, clinic),
	    sizeof(**out), summary_read, (void **)out, n);
}

int store_clinic_summary_set(struct store *st, int64_t clinic, int64_t patient, int64_t changes,
			     const char *day, const char *summary, int first, int count)
{
	if (clinic_only(st))
		return -1;
	/* A write counted meanwhile keeps its higher `changes`: the row stays stale. */
	return store_exec(
	    st,
	    "INSERT INTO patient_summaries (clinic_id, patient, changes, day, "
	    "at_changes, summary, first_attention, attention_count) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT " SUMMARY_KEY " DO UPDATE SET "
	    "day = excluded.day, at_changes = excluded.at_changes, "
	    "summary = excluded.summary, first_attention = excluded.first_attention, "
	    "attention_count = excluded.attention_count",
	    "llltltii", clinic, patient, changes, day, changes, summary, first, count);
}

/* A kept row that no longer holds: never computed, computed for another day, or writes since. */
#define SUMMARY_STALE "(s.summary IS NULL OR s.day IS DISTINCT FROM ? OR s.at_changes <> s.changes)"
/*
 * The lock of the one computing a patient's row, a session's advisory lock
 * on two 32-bit keys, "HIPS" and the patient's id: apart from the writers'
 * 64-bit keys (pg_begin()) and the migrations' ("HIPC", 0), and held by no
 * transaction, so the patient's writes never wait for it.
 */
#define SUMMARY_LOCK(how) "pg_" how "(1212764243, mod(?, 2147483648)::int)"

int store_clinic_summary_stale(struct store *st, const char *day, int64_t *patients, size_t max,
			       size_t *n)
{
	struct store_stmt *stmt;
	int rc = 0;

	*n = 0;
	if (clinic_only(st))
		return -1;
	/* Never computed first, then the rows kept longest ago. */
	stmt =
	    store_prepare(st,
			  "SELECT s.patient FROM patient_summaries s WHERE " SUMMARY_STALE
			  " ORDER BY s.summary IS NOT NULL, s.day NULLS FIRST, s.patient LIMIT ?",
			  "ti", day, (int)max);
	if (!stmt)
		return -1;
	while (*n < max && (rc = store_step(st, stmt)) > 0)
		patients[(*n)++] = store_col_int64(stmt, 0, 0);
	store_finalize(stmt);
	return rc < 0 ? -1 : 0;
}

int store_clinic_summary_lock(struct store *st, int64_t patient, int wait, const char *day,
			      int64_t *clinic, int64_t *changes)
{
	struct store_stmt *stmt;
	int rc, stale = 0;

	if (clinic_only(st))
		return -1;
	if (wait ? store_exec(st, "SELECT " SUMMARY_LOCK("advisory_lock"), "l", patient)
		 : store_int(st, -1, "SELECT " SUMMARY_LOCK("try_advisory_lock") "::int", "l",
			     patient) != 1)
		return wait ? -1 : 0;
	stmt = store_prepare(st,
			     "SELECT s.clinic_id, s.changes, " SUMMARY_STALE
			     "::int FROM patient_summaries s WHERE s.patient = ?",
			     "tl", day, patient);
	rc = stmt ? store_step(st, stmt) : -1;
	if (rc > 0) {
		*clinic = store_col_int64(stmt, 0, 0);
		*changes = store_col_int64(stmt, 1, 0);
		stale = store_col_int(stmt, 2, 0);
	}
	store_finalize(stmt);
	if (rc > 0 && (stale || wait))
		return 1;
	store_clinic_summary_unlock(st, patient);
	return rc < 0 ? -1 : 0;
}

int store_clinic_summary_unlock(struct store *st, int64_t patient)
{
	return store_exec(st, "SELECT " SUMMARY_LOCK("advisory_unlock"), "l", patient);
}

int store_clinic_summaries_add(struct store *st)
{
	if (clinic_only(st) ||
	    store_exec(
		st,
		"INSERT INTO patient_summaries (clinic_id, patient) SELECT p.clinic_id, p.id "
		"FROM patients p WHERE NOT EXISTS (SELECT 1 FROM patient_summaries s "
		"WHERE s.patient = p.id) ON CONFLICT " SUMMARY_KEY " DO NOTHING",
		""))
		return -1;
	return store_changes(st);
}

int store_unscope(struct store *st)
{
	if (clinic_only(st))
		return -1;
	return store_exec(st,
			  "SELECT set_config('hipcoach.patient', '', false), "
			  "set_config('hipcoach.clinic', '', false)",
			  "");
}

int store_clinic_patient_delete(struct store *st, int64_t clinic, int64_t patient)
{
	if (clinic_only(st))
		return -1;
	return store_exec(st, "DELETE FROM patients WHERE clinic_id = ? AND id = ?", "ll", clinic,
			  patient);
}

int store_last_logged(struct store *st, char day[11])
{
	struct store_stmt *stmt;
	int rc;

	stmt = store_prepare(st,
			     "SELECT max(d) FROM (SELECT max(date) AS d FROM pain UNION ALL "
			     "SELECT max(date) FROM sessions UNION ALL "
			     "SELECT max(substr(start, 1, 10)) FROM runs) AS latest",
			     "");
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	day[0] = '\0';
	if (rc > 0 && !store_col_is_null(stmt, 0))
		snprintf(day, 11, "%s", store_col_text(stmt, 0));
	store_finalize(stmt);
	return rc < 0 ? -1 : day[0] != '\0';
}
