/* The API of `hipcoach clinic serve` (docs/clinic-api.md): logins, invites, who may see which
 * record (one function: authorise()), the therapist's patients, and each patient's own API,
 * which is `hipcoach ui`'s on a database connection scoped to them. Nothing is kept between
 * requests but in PostgreSQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clinic-secret.h"
#include "clinic.h"
#include "coach/sync.h"
#include "coach/today.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "qr.h"
#include "store/auth.h"
#include "store/clinic.h"
#include "web-checks.h"
#include "web-internal.h"
#include "web-session.h"

/* Where a request may go: authorise()'s answer. */
enum access {
	ACCESS_NONE,	/* nothing there for this login: 404 */
	ACCESS_CLINIC,	/* the therapist's clinic as a whole: its list of patients */
	ACCESS_PATIENT, /* one patient's record, the therapist's or the patient's own */
};

void clinic_link(struct strbuf *out, const char *base, const char *page, const char *secret)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	strbuf_addf(out, "%.*s%s#%s", (int)n, base, page, secret);
}

static void reply_error(struct reply *rp, int status, const char *msg)
{
	rp->status = status;
	rp->json = web_error(msg);
}

/* The clinic's address for links: --url, else the scheme and the Host of the request. */
static void base_url(struct web *w, struct MHD_Connection *c, struct strbuf *out)
{
	const struct web_config *cfg = web_config_of(w);
	const char *host = web_header(c, "Host");

	if (cfg->url)
		strbuf_addstr(out, cfg->url);
	else
		strbuf_addf(out, "%s://%s", cfg->secure ? "https" : "http",
			    host ? host : "localhost");
}

/*
 * The client's address, for the rate limit. Behind a reverse proxy on
 * this machine every connection comes from loopback: then the address the
 * proxy names last in X-Forwarded-For (the one it saw) stands for it.
 */
static void client_address(struct MHD_Connection *c, struct request *rq, char *buf, size_t size)
{
	char own[64];
	const char *xff = web_header(c, "X-Forwarded-For"), *last;

	web_address(rq, own);
	if (xff && web_is_loopback(own)) {
		last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		if (*last && strlen(last) < size) {
			snprintf(buf, size, "%s", last);
			return;
		}
	}
	snprintf(buf, size, "%s", own);
}

static void lower_copy(char *dst, size_t size, const char *src)
{
	size_t i = 0;

	for (; src[i] && i + 1 < size; i++)
		dst[i] = (char)((src[i] >= 'A' && src[i] <= 'Z') ? src[i] - 'A' + 'a' : src[i]);
	dst[i] = '\0';
}

/* {"role", "name", "email", "clinic", "patient_id"}: GET /api/me, and the answer to a login. */
static json_t *me_json(const struct auth_login *who)
{
	json_t *o =
	    json_pack("{s:s, s:s, s:s, s:s}", "role", who->patient ? "patient" : "therapist",
		      "name", who->name, "email", who->email, "clinic", who->clinic_name);

	if (who->patient)
		json_object_set_new(o, "patient_id", json_integer((json_int_t)who->patient));
	return o;
}

static void set_cookie(struct web *w, struct reply *rp, const char *token, int max_age)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", CLINIC_COOKIE,
		    token, max_age, web_config_of(w)->secure ? "; Secure" : "");
	free(rp->set_cookie);
	rp->set_cookie = strbuf_detach(&sb, NULL);
}

/* A new auth session for `who`, its cookie, and 200 with who it is. */
static void log_in(struct web *w, const struct auth_login *who, struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	char token[CLINIC_TOKEN_HEX + 1];

	if (clinic_token(token) || store_auth_session_add(st, token, who->id, CLINIC_SESSION_IDLE_S,
							  CLINIC_SESSION_MAX_S)) {
		reply_error(rp, 500, error_last());
		return;
	}
	set_cookie(w, rp, token, CLINIC_SESSION_MAX_S);
	rp->status = 200;
	rp->json = me_json(who);
}

/* The login of the request's cookie: 1, 0 none (or expired), -1 on a database error. */
static int session_login(struct web *w, struct MHD_Connection *c, struct auth_login *who)
{
	const char *token = web_cookie(c, CLINIC_COOKIE);

	if (!token || strlen(token) != CLINIC_TOKEN_HEX)
		return 0;
	return store_auth_session_get(&web_app(w)->coach.store, token, CLINIC_SESSION_IDLE_S,
				      CLINIC_SESSION_MAX_S, who);
}

/*
 * The rate limit: 1 with a 429 reply when `email` (may be NULL) or the
 * address has failed too often within the window, 0 when the attempt may
 * go on, -1 with a 500 reply.
 */
static int too_many(struct store *st, const char *email, const char *addr, struct reply *rp)
{
	int retry = 0, retry2 = 0, n = 0, m;

	if (email &&
	    (n = store_login_failures(st, "email", email, CLINIC_FAIL_WINDOW_S, &retry)) < 0)
		goto fail;
	m = store_login_failures(st, "address", addr, CLINIC_FAIL_WINDOW_S, &retry2);
	if (m < 0)
		goto fail;
	if (n < CLINIC_FAIL_MAX_EMAIL && m < CLINIC_FAIL_MAX_ADDRESS)
		return 0;
	if (m >= CLINIC_FAIL_MAX_ADDRESS && retry2 > retry)
		retry = retry2;
	rp->status = 429;
	rp->retry_after = retry;
	rp->json = json_pack("{s:s, s:i}", "error", "too many failed attempts: try again later",
			     "retry_after_s", retry);
	return 1;
fail:
	reply_error(rp, 500, error_last());
	return -1;
}

/* Counts a failed attempt of the email (NULL: none) and of the address. */
static int failed(struct store *st, const char *email, const char *addr)
{
	if (email && store_login_failure_add(st, "email", email, CLINIC_FAIL_WINDOW_S))
		return -1;
	return store_login_failure_add(st, "address", addr, CLINIC_FAIL_WINDOW_S);
}

/* A wrong secret from `addr` (a code, a token): counted for the rate limit, then `status`. */
static void refuse(struct store *st, const char *addr, int status, const char *msg,
		   struct reply *rp)
{
	if (failed(st, NULL, addr))
		reply_error(rp, 500, error_last());
	else
		reply_error(rp, status, msg);
}

/* A password of the body: 0 with *out, or -1 with a 400 reply. */
static int body_password(const json_t *body, const char **out, struct reply *rp)
{
	const json_t *v = json_object_get(body, "password");
	size_t n = json_is_string(v) ? json_string_length(v) : 0;

	if (!json_is_string(v) || n < CLINIC_PASSWORD_MIN || n > CLINIC_PASSWORD_MAX ||
	    strlen(json_string_value(v)) != n) {
		rp->status = 400;
		rp->json = json_pack("{s:s}", "error", "password is a string of 10 to 256 bytes");
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

/*
 * A runner's linked hipcoach (hipcoach sync) sends "Authorization: Bearer
 * TOKEN", the token `hipcoach link` was given: its patient, as a login
 * with `device` set. 1; 0 without that header; -1 with a reply: 401 for
 * an unknown token (counted for the rate limit, like a wrong password),
 * 429 past the limit, 500.
 */
static int device_login(struct web *w, struct MHD_Connection *c, struct request *rq,
			struct auth_login *who, struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	const char *auth = web_header(c, "Authorization");
	char addr[64];
	int r;

	if (!auth || strncmp(auth, "Bearer ", 7))
		return 0;
	client_address(c, rq, addr, sizeof(addr));
	if (too_many(st, NULL, addr, rp))
		return -1;
	memset(who, 0, sizeof(*who));
	r = strlen(auth + 7) == CLINIC_TOKEN_HEX
		? store_device_get(st, auth + 7, &who->device, &who->clinic, &who->patient)
		: 0;
	if (r < 0) {
		reply_error(rp, 500, error_last());
	} else if (!r) {
		refuse(st, addr, 401,
		       "this hipcoach is not linked to the clinic (any more): ask your therapist for "
		       "a new code, then hipcoach link",
		       rp);
	}
	return r > 0 ? 1 : -1;
}

/* POST /api/login {"email", "password"}. */
static void api_login(struct web *w, struct MHD_Connection *c, struct request *rq, struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	json_t *body = web_body(rq, rp);
	const char *email, *password;
	char addr[64], key[256];
	struct auth_login who;
	int found, ok;

	if (!body)
		return;
	email = json_string_value(json_object_get(body, "email"));
	password = json_string_value(json_object_get(body, "password"));
	if (!email || !password || strlen(email) > 254 || strlen(password) > CLINIC_PASSWORD_MAX) {
		reply_error(rp, 400, "email and password are strings");
		goto out;
	}
	lower_copy(key, sizeof(key), email);
	client_address(c, rq, addr, sizeof(addr));
	if (too_many(st, key, addr, rp))
		goto out;
	found = store_login_by_email(st, key, &who);
	if (found < 0) {
		reply_error(rp, 500, error_last());
		goto out;
	}
	if (found) {
		ok = clinic_password_check(password, who.password_hash);
	} else {
		clinic_password_waste(password); /* as long as a real check: no email is revealed */
		ok = 0;
	}
	if (!ok) {
		if (failed(st, key, addr))
			reply_error(rp, 500, error_last());
		else
			reply_error(rp, 401, "wrong email or password");
		goto out;
	}
	if (store_login_failures_clear(st, "email", key)) {
		reply_error(rp, 500, error_last());
		goto out;
	}
	log_in(w, &who, rp);
out:
	json_decref(body);
}

/* POST /api/password/TOKEN {"password"}: a therapist's one-time link. */
static void api_password(struct web *w, const char *token, struct request *rq, struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	json_t *body = web_body(rq, rp);
	char hash[CLINIC_HASH_SIZE];
	struct auth_login who;
	const char *password;
	int r;

	if (!body)
		return;
	if (body_password(body, &password, rp))
		goto out;
	if (strlen(token) != CLINIC_TOKEN_HEX) {
		reply_error(rp, 404, "this link is unknown, used or expired");
		goto out;
	}
	if (clinic_password_hash(password, hash)) {
		reply_error(rp, 500, error_last());
		goto out;
	}
	r = store_password_link_use(st, token, hash, &who);
	if (r < 0)
		reply_error(rp, 500, error_last());
	else if (!r)
		reply_error(rp, 404, "this link is unknown, used or expired");
	else
		log_in(w, &who, rp);
out:
	json_decref(body);
}

/* GET /api/invite/CODE and POST /api/invite/CODE {"email", "password"}. */
static void api_invite(struct web *w, struct MHD_Connection *c, int get, const char *typed,
		       struct request *rq, struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	char code[CLINIC_CODE_SIZE], addr[64], hash[CLINIC_HASH_SIZE];
	const char *email = NULL, *password;
	struct auth_invite inv;
	struct auth_login who;
	json_t *body = NULL;
	int r;

	if (!get && !(body = web_body(rq, rp)))
		return;
	client_address(c, rq, addr, sizeof(addr));
	if (too_many(st, NULL, addr, rp))
		goto out;
	if (!get) {
		email = json_string_value(json_object_get(body, "email"));
		if (!email || !strchr(email, '@') || strlen(email) > 254) {
			reply_error(rp, 400, "email is the address to log in with");
			goto out;
		}
		if (body_password(body, &password, rp))
			goto out;
	}
	if (clinic_code_normal(typed, code)) {
		r = 0;
	} else if (get) {
		r = store_invite_get(st, code, &inv);
	} else {
		if (clinic_password_hash(password, hash)) {
			reply_error(rp, 500, error_last());
			goto out;
		}
		r = store_invite_claim(st, code, email, hash, &who);
	}
	if (r < 0) {
		reply_error(rp, 500, error_last());
	} else if (r == 0) {
		refuse(st, addr, 404, "this invite is unknown, claimed or expired", rp);
	} else if (r == 2) {
		reply_error(rp, 409,
			    "this email has a login already: log in with it, or use another");
	} else if (get) {
		rp->json = json_pack("{s:s, s:s}", "patient_name", inv.patient_name, "clinic",
				     inv.clinic_name);
	} else {
		log_in(w, &who, rp);
	}
out:
	json_decref(body);
}

/*
 * POST /api/link/CODE {}: a runner's own hipcoach claims the patient's
 * invite (hipcoach link URL CODE): 201 {"token", "clinic", "patient"}, the
 * token standing for that file from then on; 404 for a code unknown,
 * claimed or expired (counted for the rate limit).
 */
static void api_link(struct web *w, struct MHD_Connection *c, const char *typed,
		     struct request *rq, struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	char code[CLINIC_CODE_SIZE], addr[64], token[CLINIC_TOKEN_HEX + 1];
	json_t *body = web_body(rq, rp);
	struct auth_invite inv;
	int r = 0;

	if (!body)
		return;
	json_decref(body);
	client_address(c, rq, addr, sizeof(addr));
	if (too_many(st, NULL, addr, rp))
		return;
	if (clinic_token(token)) {
		reply_error(rp, 500, error_last());
		return;
	}
	if (!clinic_code_normal(typed, code))
		r = store_device_link(st, code, token, &inv);
	if (r < 0) {
		reply_error(rp, 500, error_last());
	} else if (!r) {
		refuse(st, addr, 404, "this invite is unknown, claimed or expired", rp);
	} else {
		rp->status = 201;
		rp->json = json_pack("{s:s, s:s, s:s}", "token", token, "clinic", inv.clinic_name,
				     "patient", inv.patient_name);
	}
}

/*
 * POST /api/sync, from a linked file (scoped to its patient): stores the
 * file's record (coach_sync_receive()) and answers with what the file takes
 * (coach_sync_answer()) and what was stored: {"received": {TABLE: {"added",
 * "updated", "known"}}, "profile", "program", "clearance"}.
 */
static void api_sync(struct web *w, const struct auth_login *who, struct request *rq,
		     struct reply *rp)
{
	struct coach *co = &web_app(w)->coach;
	json_t *body = web_body(rq, rp), *received, *answer;
	struct sync_report rep;
	int bad = 0;

	if (!body)
		return;
	if (coach_sync_receive(co, who->device, body, &rep, &bad)) {
		reply_error(rp, bad ? 400 : 500, error_last());
		json_decref(body);
		return;
	}
	json_decref(body);
	if (coach_sync_answer(co, who->device, &answer)) {
		reply_error(rp, 500, error_last());
		return;
	}
	received = json_object();
	for (size_t i = 0; i < rep.ntables; i++)
		json_object_set_new(received, rep.tables[i].table,
				    json_pack("{s:I, s:I, s:I}", "added",
					      (json_int_t)rep.tables[i].added, "updated",
					      (json_int_t)rep.tables[i].updated, "known",
					      (json_int_t)rep.tables[i].known));
	json_object_set_new(answer, "received", received);
	rp->json = answer;
}

/* The patient id of "/api/patients/ID..." into *id, and what follows it into *rest: 0, or -1. */
static int patient_path(const char *url, int64_t *id, const char **rest)
{
	const char *p = url + strlen("/api/patients/");
	long v = 0;
	size_t n = strspn(p, "0123456789");
	char digits[20];

	if (!n || n >= sizeof(digits) || (p[n] && p[n] != '/'))
		return -1;
	memcpy(digits, p, n);
	digits[n] = '\0';
	if (parse_long_str(digits, 1, 1L << 53, &v))
		return -1;
	*id = v;
	*rest = p + n;
	return 0;
}

/*
 * Who may reach what: the one place that decides. A therapist reaches the
 * list of their clinic's patients (/api/patients) and, under
 * /api/patients/ID, the record of a patient of their clinic; a patient
 * reaches their own record through the endpoints of `hipcoach ui` and
 * nothing under /api/patients. Anything else is ACCESS_NONE, which is
 * answered 404 as if there were nothing: a guessed id tells nothing.
 * *patient gets the record's patient, *rest the endpoint on it ("/today",
 * "" for the patient's row; a patient's own: the whole path).
 */
static enum access authorise(struct store *st, const struct auth_login *who, const char *url,
			     int64_t *patient, const char **rest, int *error)
{
	struct clinic_patient row;
	int r;

	*error = 0;
	*patient = 0;
	*rest = url;
	if (who->patient) {
		if (!strncmp(url, "/api/patients", 13))
			return ACCESS_NONE;
		*patient = who->patient;
		return ACCESS_PATIENT;
	}
	if (!who->therapist)
		return ACCESS_NONE;
	if (!strcmp(url, "/api/patients"))
		return ACCESS_CLINIC;
	if (strncmp(url, "/api/patients/", 14) || patient_path(url, patient, rest))
		return ACCESS_NONE;
	r = store_clinic_patient(st, who->clinic, *patient, &row);
	if (r < 0)
		*error = 1;
	return r > 0 ? ACCESS_PATIENT : ACCESS_NONE;
}

/* The connection now reads and writes patient `patient`'s record alone, nothing remembered. */
static int scope(struct web *w, int64_t clinic, int64_t patient)
{
	return clinic_scope(&web_app(w)->coach, clinic, patient);
}

/* ---- the therapist's list ---- */

static int row_cmp(const void *a, const void *b)
{
	const struct clinic_row *x = a, *y = b;

	if (x->first != y->first)
		return x->first - y->first;
	if (x->count != y->count)
		return y->count - x->count;
	return strcmp(x->name, y->name);
}

/*
 * GET /api/patients: the clinic's patients, the most urgent first, as the
 * database keeps their rows (schema version 4), read in one query. A row
 * kept for another day or from before the record's last writes is served
 * as it is, marked "as_of" its day: the refreshers (clinic-rows.c) compute
 * it again within moments. Only a row never computed (a new patient) is
 * computed here, and kept.
 */
static void api_patients(struct web *w, const struct auth_login *who, struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	struct clinic_summary *ps;
	struct clinic_row *rows;
	json_t **computed, *arr;
	char day[11];
	size_t n, i;
	int failed = 0;

	day_format(clock_today(), day);
	if (store_clinic_summaries(st, who->clinic, day, &ps, &n)) {
		reply_error(rp, 500, error_last());
		return;
	}
	rows = xcalloc(n ? n : 1, sizeof(*rows));
	computed = xcalloc(n ? n : 1, sizeof(*computed));
	for (i = 0; i < n && !failed; i++) {
		json_t *kept = ps[i].summary[0] ? json_loads(ps[i].summary, 0, NULL) : NULL;

		/* A kept row that does not read back (a field missing) is computed again. */
		if (kept && ps[i].day[0] && (rows[i].json =
				 clinic_row_json(&ps[i].p, kept, ps[i].fresh ? NULL : ps[i].day))) {
			rows[i].first = ps[i].first;
			rows[i].count = ps[i].count;
		} else if (scope(w, who->clinic, ps[i].p.id) ||
			   clinic_row(&web_app(w)->coach, &ps[i].p, &rows[i], &computed[i])) {
			failed = 1;
		}
		json_decref(kept);
		rows[i].name = ps[i].p.name;
	}
	/* Keeps what was computed, each row with the mark of the record it was computed from. */
	if (!failed && (store_unscope(st) || store_begin(st)))
		failed = 1;
	for (i = 0; i < n && !failed; i++) {
		if (computed[i] && clinic_row_keep(st, who->clinic, ps[i].p.id, ps[i].changes, day,
						   &rows[i], computed[i])) {
			store_rollback(st);
			failed = 1;
		}
	}
	if (!failed && store_commit(st))
		failed = 1;
	if (failed) {
		reply_error(rp, 500, error_last());
	} else {
		qsort(rows, n, sizeof(*rows), row_cmp);
		arr = json_array();
		for (i = 0; i < n; i++) {
			json_array_append(arr, rows[i].json);
		}
		rp->json = arr;
	}
	for (i = 0; i < n; i++) {
		json_decref(rows[i].json);
		json_decref(computed[i]);
	}
	free(computed);
	free(rows);
	free(ps);
}

/* A new invite of a patient: 201 {"id", "invite_url", "invite_code", "invite_qr_svg", "expires"}.
 */
static void new_invite(struct web *w, struct MHD_Connection *c, int64_t clinic, int64_t patient,
		       struct reply *rp)
{
	struct store *st = &web_app(w)->coach.store;
	struct strbuf base = STRBUF_INIT, url = STRBUF_INIT, svg = STRBUF_INIT;
	char code[CLINIC_CODE_SIZE];
	struct auth_invite inv;
	int r;

	if (clinic_code(code) ||
	    (r = store_invite_set(st, clinic, patient, code, CLINIC_INVITE_TTL_S, &inv)) < 0) {
		reply_error(rp, 500, error_last());
		goto out;
	}
	if (r == 1) {
		reply_error(rp, 409, "this patient has claimed their invite already");
		goto out;
	}
	base_url(w, c, &base);
	{
		char frag[64];

		snprintf(frag, sizeof(frag), "invite=%s", code);
		clinic_link(&url, base.buf, "/clinic.html", frag);
	}
	if (qr_svg(url.buf, &svg)) {
		reply_error(rp, 500, error_last());
		goto out;
	}
	rp->status = 201;
	rp->json =
	    json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)patient, "invite_url", url.buf,
		      "invite_code", code, "invite_qr_svg", svg.buf, "expires", inv.expires);
out:
	strbuf_release(&base);
	strbuf_release(&url);
	strbuf_release(&svg);
}

/*
 * POST /api/patients {"name", "level", "equipment", "run_days", "long_run",
 * "strength_days"}: the patient, their program set up as POST /api/profile
 * sets it, and their invite.
 */
static void api_patient_add(struct web *w, struct MHD_Connection *c, const struct auth_login *who,
			    struct request *rq, struct reply *rp)
{
	static const char *const fields[][2] = {
	    {"name", "name"},
	    {"level", "level"},
	    {"equipment", "equipment"},
	    {"run_days", "run_days"},
	    {"long_run", "long_run_day"},
	    {"strength_days", "strength_days"},
	};
	struct store *st = &web_app(w)->coach.store;
	json_t *body = web_body(rq, rp), *profile, *v;
	const char *name, *key;
	int64_t id;

	if (!body)
		return;
	name = json_string_value(json_object_get(body, "name"));
	if (!name || !*name || strlen(name) > 200) {
		reply_error(rp, 400, "name is the patient's name, up to 200 bytes");
		json_decref(body);
		return;
	}
	profile = json_object();
	json_object_foreach(body, key, v)
	{
		size_t i = 0;

		while (i < ARRAY_SIZE(fields) && strcmp(key, fields[i][0]))
			i++;
		if (i == ARRAY_SIZE(fields)) {
			reply_error(rp, 400,
				    "unknown field (name, level, equipment, run_days, long_run, "
				    "strength_days)");
			goto out;
		}
		json_object_set(profile, fields[i][1], v);
	}
	if (store_patient_add(st, who->clinic, name, &id) || scope(w, who->clinic, id)) {
		reply_error(rp, 500, error_last());
		goto out;
	}
	web_profile_set(w, profile, rp);
	if (rp->status >= 300) {
		/* A refused set-up leaves no patient behind. */
		if (store_unscope(st) || store_clinic_patient_delete(st, who->clinic, id)) {
			json_decref(rp->json);
			reply_error(rp, 500, error_last());
		}
		goto out;
	}
	json_decref(rp->json);
	rp->json = NULL;
	new_invite(w, c, who->clinic, id, rp);
out:
	json_decref(profile);
	json_decref(body);
}

/* POST /api/patients/ID/clearance {"note"}: the clearance, noted with the therapist's name. */
static void api_clearance(struct web *w, const struct auth_login *who, struct request *rq,
			  struct reply *rp)
{
	json_t *body = web_body(rq, rp), *cleared;
	const json_t *note;
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	if (!body)
		return;
	note = json_object_get(body, "note");
	if (note && !json_is_null(note) && !json_is_string(note)) {
		reply_error(rp, 400, "note is a string, or null");
		json_decref(body);
		return;
	}
	strbuf_addf(&sb, "%s", who->name);
	if (json_is_string(note) && json_string_length(note))
		strbuf_addf(&sb, ": %s", json_string_value(note));
	/* The stored note holds 255 bytes: cut at a character's start. */
	n = sb.len > 255 ? 255 : sb.len;
	while (n < sb.len && ((unsigned char)sb.buf[n] & 0xc0) == 0x80)
		n--;
	strbuf_setlen(&sb, n);
	cleared = json_pack("{s:s}", "note", sb.buf);
	rp->status = web_check_cleared(web_app(w), cleared, &rp->json);
	json_decref(cleared);
	json_decref(body);
	strbuf_release(&sb);
}

/* The endpoints of a patient's record a therapist reads: the CLI's --json documents. */
static const char *const record_reads[] = {"/today", "/status", "/plan", "/history",
					   "/runs",  "/load",	"/psfs"};

/* A therapist's request on patient `patient`'s record (scoped to it): `rest` after the id. */
static void therapist_record(struct web *w, struct MHD_Connection *c, const char *method,
			     const struct auth_login *who, int64_t patient, const char *rest,
			     struct request *rq, struct reply *rp)
{
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int post = !strcmp(method, "POST");
	char url[64];

	if (!*rest && get) {
		struct clinic_patient p;
		struct clinic_row row;

		if (store_clinic_patient(&web_app(w)->coach.store, who->clinic, patient, &p) <= 0 ||
		    clinic_row(&web_app(w)->coach, &p, &row, NULL)) {
			reply_error(rp, 500, error_last());
			return;
		}
		rp->json = row.json;
		return;
	}
	if (!strcmp(rest, "/invite") && post) {
		new_invite(w, c, who->clinic, patient, rp);
		return;
	}
	if (!strcmp(rest, "/clearance") && post) {
		api_clearance(w, who, rq, rp);
		return;
	}
	if (!strcmp(rest, "/program")) {
		clinic_program_route(w, method, who, rq, rp);
		return;
	}
	/* The page a runner brings to a visit (`hipcoach report`), as a PDF. */
	if (!strcmp(rest, "/report") && get) {
		web_route_api(w, c, method, "/api/export/report", rq, rp);
		return;
	}
	for (size_t i = 0; get && i < ARRAY_SIZE(record_reads); i++) {
		if (strcmp(rest, record_reads[i]))
			continue;
		if (!strcmp(rest, "/psfs")) {
			struct args none = {0};
			int bad = 0;

			rp->json = psfs_json(web_app(w), &none, &bad);
			if (!rp->json)
				reply_error(rp, 500, error_last());
			return;
		}
		snprintf(url, sizeof(url), "/api%s", rest);
		web_route_api(w, c, method, url, rq, rp);
		return;
	}
	reply_error(rp, 404, "no such endpoint");
}

/*
 * A patient's request on their own record (scoped to it): the API of
 * `hipcoach ui`, but for the live session, which the page plays itself:
 * each start and sync runs on a session of its own, built from the
 * database and dropped after the answer.
 */
static void patient_record(struct web *w, struct MHD_Connection *c, const char *method,
			   const char *url, struct request *rq, struct reply *rp)
{
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int post = !strcmp(method, "POST");
	int start = post && !strcmp(url, "/api/session/start");

	if (get && !strcmp(url, "/api/session")) {
		rp->json = json_pack("{s:b}", "active", 0);
	} else if (start || (post && !strcmp(url, "/api/session/sync"))) {
		json_t *body = web_body(rq, rp);
		struct web_session *s;

		if (!body)
			return;
		s = web_session_new();
		rp->status = start ? web_session_start(s, web_app(w), body, &rp->json)
				   : web_session_sync(s, web_app(w), body, &rp->json);
		web_session_free(s);
		json_decref(body);
	} else if (get && (!strcmp(url, "/api/export/json") || !strcmp(url, "/api/export/csv"))) {
		/* A backup is of one runner's file; the clinic backs up its database (pg_dump). */
		reply_error(rp, 404,
			    "a clinic's records are backed up with its database, not one by one");
	} else if (!strncmp(url, "/api/session/", 13) ||
		   (post && (!strcmp(url, "/api/profile") || !strcmp(url, "/api/check/cleared")))) {
		/* The live session's other calls, and the therapist's part of the record. */
		reply_error(rp, 404, "no such endpoint");
	} else {
		web_route_api(w, c, method, url, rq, rp);
	}
}

/*
 * The writes that must show on the very next GET /api/patients, so their
 * request computes the patient's row again once written: a safety answer
 * (a red flag), care and clearance, a pain score or check-in, a program
 * change. A session's steps reach the list through the refreshers.
 */
static int urgent_write(const char *url)
{
	static const char *const urgent[] = {"/api/check",	  "/api/check/care", "/api/pain",
					     "/api/checkin",	  "/clearance",	     "/program",
					     "/api/check/cleared"};

	for (size_t i = 0; i < ARRAY_SIZE(urgent); i++)
		if (!strcmp(url, urgent[i]))
			return 1;
	return 0;
}

void clinic_route(struct web *w, struct MHD_Connection *c, const char *method, const char *url,
		  struct request *rq, struct reply *rp)
{
	struct coach *co = &web_app(w)->coach;
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int post = !strcmp(method, "POST");
	struct auth_login who;
	enum access access;
	const char *rest;
	int64_t patient;
	int r, dberr;

	/* Nothing of the last request's patient stays in reach. */
	if (coach_store(co, 0) || store_unscope(&co->store)) {
		reply_error(rp, 500, error_last());
		return;
	}
	if (post && !strcmp(url, "/api/login")) {
		api_login(w, c, rq, rp);
		return;
	}
	if (post && !strncmp(url, "/api/password/", 14)) {
		api_password(w, url + 14, rq, rp);
		return;
	}
	if ((get || post) && !strncmp(url, "/api/invite/", 12)) {
		api_invite(w, c, get, url + 12, rq, rp);
		return;
	}
	if (post && !strncmp(url, "/api/link/", 10)) {
		api_link(w, c, url + 10, rq, rp);
		return;
	}
	r = device_login(w, c, rq, &who, rp);
	if (r < 0)
		return;
	if (!r)
		r = session_login(w, c, &who);
	if (r < 0) {
		reply_error(rp, 500, error_last());
		return;
	}
	if (!r) {
		reply_error(rp, 401, "log in first");
		return;
	}
	web_request_in(rq);
	if (post && !strcmp(url, "/api/logout")) {
		if (store_auth_session_end(&co->store, web_cookie(c, CLINIC_COOKIE))) {
			reply_error(rp, 500, error_last());
			return;
		}
		set_cookie(w, rp, "", 0);
		rp->json = json_object();
		return;
	}
	if (get && !strcmp(url, "/api/me")) {
		rp->json = me_json(&who);
		return;
	}
	access = authorise(&co->store, &who, url, &patient, &rest, &dberr);
	if (dberr) {
		reply_error(rp, 500, error_last());
	} else if (access == ACCESS_NONE) {
		reply_error(rp, 404, "no such endpoint");
	} else if (access == ACCESS_CLINIC) {
		if (get)
			api_patients(w, &who, rp);
		else if (post)
			api_patient_add(w, c, &who, rq, rp);
		else
			reply_error(rp, 405, "method not allowed");
	} else if (scope(w, who.clinic, patient)) {
		reply_error(rp, 500, error_last());
	} else if (who.device) {
		/* A linked file syncs, and does nothing else; what it sends may be a red flag. */
		if (post && !strcmp(url, "/api/sync")) {
			api_sync(w, &who, rq, rp);
			if (rp->status < 300)
				clinic_row_refresh(co, who.clinic, patient);
		} else {
			reply_error(rp, 404, "no such endpoint");
		}
	} else {
		if (who.patient)
			patient_record(w, c, method, url, rq, rp);
		else
			therapist_record(w, c, method, &who, patient, rest, rq, rp);
		if (post && rp->status < 300 && urgent_write(who.patient ? url : rest))
			clinic_row_refresh(co, who.clinic, patient); /* else: the refreshers' */
	}
	/* Who read or changed which record: every therapist request on a patient's. */
	if (who.therapist && !strncmp(url, "/api/patients/", 14)) {
		int64_t id = 0;
		const char *after;

		if (patient_path(url, &id, &after))
			id = 0;
		if (store_unscope(&co->store) ||
		    store_audit_add(&co->store, who.clinic, who.therapist, id, method, url,
				    rp->status)) {
			json_decref(rp->json);
			strbuf_reset(&rp->raw);
			reply_error(rp, 500, error_last());
		}
	}
}
