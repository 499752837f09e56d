/* The web server of `hipcoach ui` (libmicrohttpd): routing, embedded files, the JSON API, and the
 * checks in front of them. */
#include "web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "coach/status.h"
#include "app.h"
#include "coach/import.h"
#include "coach/record.h"
#include "coach/setup.h"
#include "core/safety.h"
#include "formats/figure.h"
#include "lib/dlib.h"
#include "lib/embed.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "store/pain.h"
#include "store/runs.h"
#include "store/session.h"
#include "web-checks.h"
#include "web-session.h"

#define COOKIE_NAME "hipcoach_session"
#define SECRET_HEX  32 /* 128 bits */

/* The Content-Security-Policy of every response: nothing inline, nothing from elsewhere. */
#define CSP                                                                                        \
	"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "          \
	"connect-src 'self'; media-src 'self'; font-src 'self'; object-src 'none'; "               \
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/* libmicrohttpd, loaded when the server starts: only `hipcoach ui` serves (lib/dlib.h). */
static struct {
	DLIB_FN(MHD_add_response_header);
	DLIB_FN(MHD_create_response_from_buffer);
	DLIB_FN(MHD_del_response_header);
	DLIB_FN(MHD_destroy_response);
	DLIB_FN(MHD_get_connection_values);
	DLIB_FN(MHD_get_daemon_info);
	DLIB_FN(MHD_lookup_connection_value);
	DLIB_FN(MHD_queue_response);
	DLIB_FN(MHD_start_daemon);
	DLIB_FN(MHD_stop_daemon);
} mhd;

static struct dlib mhd_lib = {.soname = "libmicrohttpd.so.12", .package = "libmicrohttpd12"};

static const struct dlib_sym mhd_syms[] = {
    DLIB_SYM(mhd, MHD_add_response_header),
    DLIB_SYM(mhd, MHD_create_response_from_buffer),
    DLIB_SYM(mhd, MHD_del_response_header),
    DLIB_SYM(mhd, MHD_destroy_response),
    DLIB_SYM(mhd, MHD_get_connection_values),
    DLIB_SYM(mhd, MHD_get_daemon_info),
    DLIB_SYM(mhd, MHD_lookup_connection_value),
    DLIB_SYM(mhd, MHD_queue_response),
    DLIB_SYM(mhd, MHD_start_daemon),
    DLIB_SYM(mhd, MHD_stop_daemon),
    {0},
};

struct static_file {
	const char *path; /* "/app.js" */
	const struct embedded_file *file;
	char etag[24];
	struct MHD_Response *ok, *not_modified;
};

struct figure_cache {
	char *key; /* "clamshell.svg" */
	struct strbuf bytes;
};

struct web {
	struct app *app;
	struct MHD_Daemon *daemon;
	int port;
	int need_token;
	char listen[64];
	char token[SECRET_HEX + 1];  /* exchanged once for the cookie */
	char secret[SECRET_HEX + 1]; /* the session cookie's value */
	struct static_file *statics;
	size_t nstatics;
	struct figure_set *figures;
	struct figure_cache *figs;
	size_t nfigs, figs_alloc;
	struct web_session *session;
	int dirty; /* our own write: reload profile and progress before the next read */
};

/* One request, from the first callback to completion. */
struct request {
	char *raw_uri; /* as the client sent it, before unescaping */
	int started;
	int too_big;
	size_t limit;
	struct strbuf body;
};

/* What a handler answers: a status and either JSON or raw bytes. */
struct reply {
	int status;
	json_t *json;
	struct strbuf raw;
	const char *content_type;
	char disposition[160];
};

/* ---- small helpers ---- */

static int random_hex(char *out, size_t nhex)
{
	unsigned char b[64];
	size_t n = nhex / 2, got = 0;

	if (n > sizeof(b))
		BUG("random_hex: %zu digits", nhex);
	while (got < n) {
		ssize_t r = getrandom(b + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)r;
	}
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = "0123456789abcdef"[b[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[b[i] & 15];
	}
	out[nhex] = '\0';
	return 0;
}

/* Compares secrets in time that does not depend on where they differ. */
static int secret_equal(const char *given, const char *secret)
{
	size_t n = strlen(secret);
	unsigned char diff = 0;

	if (!given || strlen(given) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)given[i] ^ (unsigned char)secret[i];
	return diff == 0;
}

int web_is_loopback(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, addr, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

static const char *content_type_of(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".html", "text/html; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".svg", "image/svg+xml"},
	    {".json", "application/json"},
	    {".png", "image/png"},
	    {".webmanifest", "application/manifest+json"},
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < ARRAY_SIZE(types); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static void add_security_headers(struct MHD_Response *r)
{
	mhd.MHD_add_response_header(r, "Content-Security-Policy", CSP);
	mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	mhd.MHD_add_response_header(r, "X-Frame-Options", "DENY");
	mhd.MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	mhd.MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	mhd.MHD_add_response_header(
	    r, "Permissions-Policy",
	    "camera=(), microphone=(), geolocation=(), screen-wake-lock=(self)");
}

/* FNV-1a, 64 bits: a strong enough ETag for files that only change with the binary. */
static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r)
{
	enum MHD_Result ret = mhd.MHD_queue_response(c, status, r);

	mhd.MHD_destroy_response(r);
	return ret;
}

static struct MHD_Response *bytes_response(const void *data, size_t len, const char *type)
{
	struct MHD_Response *r =
	    mhd.MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);

	mhd.MHD_add_response_header(r, "Content-Type", type);
	mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
	add_security_headers(r);
	return r;
}

static char *json_text(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	struct strbuf sb = STRBUF_INIT;

	if (!s)
		return xstrdup("{}\n");
	strbuf_addstr(&sb, s);
	strbuf_addch(&sb, '\n');
	free(s);
	return strbuf_detach(&sb, NULL);
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, json_t *v)
{
	char *s = json_text(v);
	struct MHD_Response *r;

	json_decref(v);
	r = mhd.MHD_create_response_from_buffer(strlen(s), s, MHD_RESPMEM_MUST_FREE);
	mhd.MHD_add_response_header(r, "Content-Type", "application/json");
	mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
	add_security_headers(r);
	return queue(c, status, r);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
	return send_json(c, status, json_pack("{s:s}", "error", msg));
}

static json_t *error_json(const char *msg)
{
	return json_pack("{s:s}", "error", msg);
}

/* ---- app state ---- */

/*
 * The profile, progress and recent pain are cached in the coach; another
 * process (the terminal) or our own writes may change them (coach_refresh()).
 */
static void refresh(struct web *w)
{
	coach_refresh(&w->app->coach, w->dirty);
	w->dirty = 0;
}

/* The app's input for a plan, or a 409 reply when there is no profile yet. */
static const struct plan_input *need_input(struct web *w, struct reply *rp)
{
	const struct plan_input *in = app_input(w->app);

	if (!in) {
		rp->status = strstr(error_last(), "setup") ? 409 : 500;
		rp->json =
		    json_pack("{s:s, s:b}", "error", error_last(), "setup", rp->status == 409);
	}
	return in;
}

/*
 * Builds a command's parsed arguments from the query string (?days=30 is
 * --days=30, ?all is --all). Only the command's own options are taken, a
 * value only where the option has one, and never --output: a request
 * names no file on this machine.
 */
struct query_argv {
	const struct command *cmd;
	char **argv;
	int argc, alloc;
	int bad;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct query_argv *q = cls;
	struct strbuf sb = STRBUF_INIT;
	const struct opt *o = q->cmd->opts;
	int has_value = value && *value;

	(void)kind;
	if (!strcmp(key, "token"))
		return MHD_YES;
	while (o && o->name && strcmp(o->name, key))
		o++;
	if (!o || !o->name || !strcmp(key, "output") || (o->arg != NULL) != has_value) {
		q->bad = 1;
		return MHD_NO;
	}
	strbuf_addf(&sb, "--%s", key);
	if (value && *value)
		strbuf_addf(&sb, "=%s", value);
	ALLOC_GROW(q->argv, q->argc + 2, q->alloc);
	q->argv[q->argc++] = strbuf_detach(&sb, NULL);
	q->argv[q->argc] = NULL;
	return MHD_YES;
}

static void query_argv_release(struct query_argv *q)
{
	for (int i = 0; i < q->argc; i++)
		free(q->argv[i]);
	free(q->argv);
}

/*
 * The query string as `cmd`'s arguments, after the positional word `pos`
 * (NULL: none); 0, or -1 with a 400 reply. `args->pos` is the caller's to
 * free, with query_argv_release(q).
 */
static int query_args(struct MHD_Connection *c, const struct command *cmd, const char *pos,
		      struct query_argv *q, struct args *args, struct reply *rp)
{
	memset(q, 0, sizeof(*q));
	q->cmd = cmd;
	if (pos) {
		ALLOC_GROW(q->argv, 2, q->alloc);
		q->argv[q->argc++] = xstrdup(pos);
		q->argv[q->argc] = NULL;
	}
	mhd.MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, q);
	if (q->bad || args_parse(cmd, q->argc, q->argv, args)) {
		rp->status = 400;
		rp->json = error_json("invalid query parameters");
		query_argv_release(q);
		return -1;
	}
	return 0;
}

/* A failed command: 400 for its arguments, 409 before setup, else 500. */
static void command_failed(struct reply *rp, int bad_args)
{
	rp->status = bad_args ? 400 : strstr(error_last(), "setup") ? 409 : 500;
	rp->json = rp->status == 409 ? json_pack("{s:s, s:b}", "error", error_last(), "setup", 1)
				     : error_json(error_last());
}

/* GET /api/NAME: what `hipcoach NAME --json` prints, from the same function. */
static void command_json(struct web *w, struct MHD_Connection *c, const char *name,
			 json_t *(*fn)(struct app *, const struct args *, int *), struct reply *rp)
{
	const struct command *cmd = command_find(name);
	struct query_argv q;
	struct args args;
	const struct command *saved = w->app->cmd;
	int bad = 0;

	if (!cmd)
		BUG("no command '%s'", name);
	if (query_args(c, cmd, NULL, &q, &args, rp))
		return;
	w->app->cmd = cmd;
	rp->json = fn(w->app, &args, &bad);
	w->app->cmd = saved;
	free(args.pos);
	query_argv_release(&q);
	if (!rp->json)
		command_failed(rp, bad);
}

/*
 * GET /api/export/FORMAT: `hipcoach export FORMAT` (ics, fit, json, csv) or
 * `hipcoach handout` (pdf) as a download, rendered by the commands' own
 * functions; the query holds their options but --output.
 */
static void api_export(struct web *w, struct MHD_Connection *c, const char *fmt, struct reply *rp)
{
	static const char *const formats[] = {"ics", "fit", "json", "csv", "pdf"};
	int pdf = !strcmp(fmt, "pdf"), known = 0, bad = 0, r;
	const struct command *cmd = command_find(pdf ? "handout" : "export");
	const struct command *saved = w->app->cmd;
	struct export_doc doc;
	struct query_argv q;
	struct args args;

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		known |= !strcmp(fmt, formats[i]);
	if (!known || !cmd) {
		rp->status = 404;
		rp->json = error_json("no such export (ics, fit, json, csv or pdf)");
		return;
	}
	if (query_args(c, cmd, pdf ? NULL : fmt, &q, &args, rp))
		return;
	export_doc_init(&doc);
	w->app->cmd = cmd;
	r = pdf ? handout_render(w->app, &args, &doc, &bad)
		: export_render(w->app, &args, &doc, &bad);
	w->app->cmd = saved;
	free(args.pos);
	query_argv_release(&q);
	if (r) {
		command_failed(rp, bad);
	} else {
		strbuf_add(&rp->raw, doc.data.buf, doc.data.len);
		rp->content_type = doc.content_type;
		snprintf(rp->disposition, sizeof(rp->disposition), "attachment; filename=\"%s\"",
			 doc.filename);
	}
	export_doc_release(&doc);
}

static const char *query(struct MHD_Connection *c, const char *key)
{
	return mhd.MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
}

/* ---- the API ---- */

static void api_exercises(struct web *w, struct MHD_Connection *c, struct reply *rp)
{
	const char *kind = query(c, "kind");
	json_t *arr;

	if (app_program(w->app)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	if (kind && strcmp(kind, "strength") && strcmp(kind, "stretch")) {
		rp->status = 400;
		rp->json = error_json("kind is strength or stretch");
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < w->app->coach.program.nexercises; i++) {
		const struct exercise *ex = &w->app->coach.program.exercises[i];

		if (!kind || !strcmp(kind, ex->kind == KIND_STRENGTH ? "strength" : "stretch"))
			json_array_append_new(arr, json_exercise_summary(ex));
	}
	rp->json = arr;
}

static void api_exercise(struct web *w, const char *id, struct reply *rp)
{
	const struct exercise *ex;

	if (app_program(w->app)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	ex = program_find(&w->app->coach.program, id);
	if (!ex) {
		rp->status = 404;
		rp->json = error_json("no such exercise");
		return;
	}
	app_input(w->app); /* the dose is shown when a profile exists */
	rp->json = json_exercise_full(w->app, ex);
}

static void api_plan(struct web *w, struct MHD_Connection *c, struct reply *rp)
{
	const struct plan_input *in;
	const char *v;
	day_t from = day_week_start(clock_today());
	long days = 7;
	struct plan plan;

	if ((v = query(c, "from")) && day_parse(v, &from)) {
		rp->status = 400;
		rp->json = error_json("from is a date, YYYY-MM-DD");
		return;
	}
	if ((v = query(c, "days")) && parse_long_str(v, 1, 366, &days)) {
		rp->status = 400;
		rp->json = error_json("days is a number from 1 to 366");
		return;
	}
	in = need_input(w, rp);
	if (!in)
		return;
	plan_build(&plan, in, from, (int)days);
	rp->json = json_plan(&plan);
	plan_release(&plan);
}

static void api_profile(struct web *w, struct reply *rp)
{
	if (need_input(w, rp))
		rp->json = json_profile(&w->app->coach.profile);
}

/* A JSON list of strings as one comma-separated setting ("mon,wed"); null is the empty list. */
static int json_words(const json_t *v, struct strbuf *sb)
{
	size_t i;
	const json_t *x;

	if (json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return -1;
	json_array_foreach(v, i, x)
	{
		if (!json_is_string(x))
			return -1;
		strbuf_addf(sb, "%s%s", i ? "," : "", json_string_value(x));
	}
	return 0;
}

/*
 * "units": {"distance": "km"|"mi", "weight": "kg"|"lb"}, either key, as one
 * setting ("mi,kg"). 0; 1 with setup's message in `err` for an unknown unit;
 * -1 for another shape, or a unit in the other's place.
 */
static int json_units(const json_t *v, struct strbuf *sb, struct strbuf *err)
{
	static const char *const keys[] = {"distance", "weight"};
	const char *key;
	json_t *x;

	if (!json_is_object(v))
		return -1;
	json_object_foreach((json_t *)v, key, x)
	{
		if (strcmp(key, keys[0]) && strcmp(key, keys[1]))
			return -1;
	}
	for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
		struct profile probe = {.miles = -1, .pounds = -1};

		x = json_object_get(v, keys[k]);
		if (!x)
			continue;
		if (!json_is_string(x))
			return -1;
		if (setup_parse_units(json_string_value(x), &probe, err))
			return 1;
		if (k ? probe.miles != -1 || probe.pounds == -1
		      : probe.pounds != -1 || probe.miles == -1)
			return -1;
		strbuf_addf(sb, "%s%s", sb->len ? "," : "", json_string_value(x));
	}
	return 0;
}

/* The settings POST /api/profile takes, and the shape of each. */
static const struct {
	const char *name, *shape;
} profile_fields[] = {
    {"level", "a string: beginner, moderate or heavy"},
    {"equipment", "a list of names, e.g. [\"mat\", \"band\"]"},
    {"dumbbells_kg", "a list of weights in kg, e.g. [4, 6, 8]"},
    {"run_days", "a list of days, e.g. [\"mon\", \"wed\", \"sat\"]"},
    {"long_run_day", "a day, e.g. \"sat\", or null"},
    {"strength_days", "a list of days, e.g. [\"tue\", \"fri\"], or [] to let hipcoach choose"},
    {"units", "{\"distance\": \"km\" or \"mi\", \"weight\": \"kg\" or \"lb\"}"},
    {"name", "a string or null"},
    {"start_date", "a date, YYYY-MM-DD"},
};

/* Member `name` of the body; *which remembers it for the message of a wrong shape. */
static const json_t *profile_field(const json_t *body, const char *name, const char **which)
{
	*which = name;
	return json_object_get(body, name);
}

/*
 * POST /api/profile: any of the settings GET /api/profile answers, in its
 * shape, read as `hipcoach setup` reads its options (setup_apply(): the same
 * parsers, rules and messages) and saved in one transaction only when every
 * one is good. Answers the profile as GET /api/profile then does; 201 when
 * it is the first.
 */
static void api_profile_set(struct web *w, const json_t *body, struct reply *rp)
{
	struct setup_values vals = {.dumbbells_kg = 1};
	struct strbuf eq = STRBUF_INIT, kg = STRBUF_INIT, run = STRBUF_INIT, str = STRBUF_INIT,
		      units = STRBUF_INIT, err = STRBUF_INIT;
	struct profile p;
	const char *key, *which = "";
	const json_t *v;
	json_t *m;
	int have, r;

	json_object_foreach((json_t *)body, key, m)
	{
		size_t i = 0;

		while (i < ARRAY_SIZE(profile_fields) && strcmp(key, profile_fields[i].name))
			i++;
		if (i == ARRAY_SIZE(profile_fields)) {
			strbuf_addf(&err,
				    "unknown field '%s' (level, equipment, dumbbells_kg, run_days, "
				    "long_run_day, strength_days, units, name, start_date)",
				    key);
			goto bad;
		}
	}
	if ((v = profile_field(body, "level", &which))) {
		if (!json_is_string(v))
			goto bad_shape;
		vals.level = json_string_value(v);
	}
	if ((v = profile_field(body, "equipment", &which))) {
		if (json_words(v, &eq))
			goto bad_shape;
		vals.equipment = eq.buf;
	}
	if ((v = profile_field(body, "dumbbells_kg", &which))) {
		size_t i;
		json_t *x;

		if (!json_is_array(v) && !json_is_null(v))
			goto bad_shape;
		json_array_foreach(v, i, x)
		{
			if (!json_is_number(x))
				goto bad_shape;
			strbuf_addf(&kg, "%s%.10g", i ? "," : "", json_number_value(x));
		}
		vals.dumbbells = kg.buf;
	}
	if ((v = profile_field(body, "run_days", &which))) {
		if (json_words(v, &run))
			goto bad_shape;
		vals.run_days = run.buf;
	}
	if ((v = profile_field(body, "long_run_day", &which))) {
		if (!json_is_string(v) && !json_is_null(v))
			goto bad_shape;
		vals.long_run = json_is_null(v) ? "none" : json_string_value(v);
	}
	if ((v = profile_field(body, "strength_days", &which))) {
		if (json_words(v, &str))
			goto bad_shape;
		vals.strength_days = str.buf;
	}
	if ((v = profile_field(body, "units", &which))) {
		r = json_units(v, &units, &err);
		if (r > 0)
			goto bad;
		if (r < 0)
			goto bad_shape;
		vals.units = units.buf;
	}
	if ((v = profile_field(body, "name", &which))) {
		if (!json_is_string(v) && !json_is_null(v))
			goto bad_shape;
		vals.name = json_is_null(v) ? "" : json_string_value(v);
	}
	if ((v = profile_field(body, "start_date", &which))) {
		if (!json_is_string(v))
			goto bad_shape;
		vals.start = json_string_value(v);
	}

	/* The stored profile, changed in memory first: a bad value writes nothing. */
	if ((have = coach_setup_load(&w->app->coach, &p)) < 0) {
		rp->status = 500;
		rp->json = error_json(error_last());
	} else if (setup_apply(&p, &vals, &err)) {
		rp->status = 400;
		rp->json = error_json(err.buf);
	} else if (coach_setup_save(&w->app->coach, &p)) {
		rp->status = 500;
		rp->json = error_json(error_last());
	} else {
		api_profile(w, rp);
		if (!have && rp->status == 200)
			rp->status = 201;
	}
	profile_release(&p);
	goto out;
bad_shape:
	for (size_t i = 0; i < ARRAY_SIZE(profile_fields); i++)
		if (!strcmp(which, profile_fields[i].name))
			strbuf_addf(&err, "%s is %s", which, profile_fields[i].shape);
bad:
	rp->status = 400;
	rp->json = error_json(err.buf);
out:
	strbuf_release(&eq);
	strbuf_release(&kg);
	strbuf_release(&run);
	strbuf_release(&str);
	strbuf_release(&units);
	strbuf_release(&err);
}

/*
 * GET /api/progress: the weekly figures for the charts, from the program's
 * first week through this one (coach_status_weeks()): pain and sessions
 * done against planned as `status` counts them, and the distance run.
 */
static void api_progress(struct web *w, struct reply *rp)
{
	struct status_weeks sw;
	json_t *arr;
	char buf[11];

	if (!need_input(w, rp))
		return;
	if (coach_status_weeks(&w->app->coach, &sw)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		status_weeks_release(&sw);
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < sw.n; i++) {
		const struct pain_week *pw = &sw.weeks[i].pain;
		json_t *o = json_object();

		json_object_set_new(o, "monday", json_string(day_format(pw->monday, buf)));
		json_object_set_new(o, "pain_mean",
				    pw->mean >= 0 ? json_real(pw->mean) : json_null());
		json_object_set_new(o, "pain_max",
				    pw->max >= 0 ? json_integer(pw->max) : json_null());
		json_object_set_new(o, "pain_count", json_integer(pw->count));
		json_object_set_new(o, "planned", json_integer(pw->planned));
		json_object_set_new(o, "done", json_integer(pw->done));
		json_object_set_new(o, "distance_m", json_real(sw.weeks[i].distance_m));
		json_array_append_new(arr, o);
	}
	rp->json = json_pack("{s:o, s:b}", "weeks", arr, "runs", sw.have_runs);
	status_weeks_release(&sw);
}

static int json_int_field(const json_t *body, const char *key, int lo, int hi, int dflt, int *out)
{
	const json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v)) {
		*out = dflt;
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

static int json_date_field(const json_t *body, const char *key, day_t *out)
{
	const json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v)) {
		*out = clock_today();
		return 0;
	}
	return json_is_string(v) ? day_parse(json_string_value(v), out) : -1;
}

/* POST /api/pain {"score", "context", "location", "date"}: one check-in, as `hipcoach pain` records
 * it. */
static void api_pain_add(struct web *w, const json_t *body, struct reply *rp)
{
	const char *ctx = json_string_value(json_object_get(body, "context"));
	const char *loc = json_string_value(json_object_get(body, "location"));
	int score, context = PAIN_NOW, location = -1;
	struct coach_pain_logged r;
	day_t date;

	if (json_int_field(body, "score", 0, 10, -1, &score) || score < 0 ||
	    json_date_field(body, "date", &date) || date > clock_today() ||
	    (ctx && (context = pain_context_parse(ctx)) < 0) ||
	    (loc && *loc && (location = pain_location_parse(loc)) < 0)) {
		rp->status = 400;
		rp->json = error_json("score 0-10 is required; context, location and date must be "
				      "valid");
		return;
	}
	if (coach_pain_log(&w->app->coach, date, score, (enum pain_context)context, location, &r)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	app_recorded(w->app);
	w->dirty = 1;
	rp->status = 201;
	rp->json = json_pack("{s:I, s:i, s:b}", "id", (json_int_t)r.id, "score", score, "screening",
			     r.reoffer);
}

/*
 * POST /api/sessions {"kind", "date", "pain_before", "pain_after", "pain_during", "rpe",
 * "reserve"}: a session done without the player.
 */
static void api_session_log(struct web *w, const json_t *body, struct reply *rp)
{
	const char *kind = json_string_value(json_object_get(body, "kind"));
	struct coach_session_entry e;
	day_t date;
	struct coach_session_logged logged;

	coach_session_entry_init(
	    &e, kind && !strcmp(kind, "stretch") ? KIND_STRETCH : KIND_STRENGTH, clock_today());
	if (!kind || (strcmp(kind, "strength") && strcmp(kind, "stretch")) ||
	    json_date_field(body, "date", &date) || date > clock_today() ||
	    json_int_field(body, "pain_before", 0, 10, -1, &e.pain_before) ||
	    json_int_field(body, "pain_after", 0, 10, -1, &e.pain_after) ||
	    json_int_field(body, "pain_during", 0, 10, -1, &e.pain_during) ||
	    json_int_field(body, "rpe", 1, 10, -1, &e.rpe) ||
	    json_int_field(body, "reserve", 0, 10, -1, &e.reserve)) {
		rp->status = 400;
		rp->json = error_json("kind (strength or stretch) is required; date, pains (0-10), "
				      "rpe (1-10) and reserve (0-10) must be valid");
		return;
	}
	e.date = date;
	/* The same use case as `hipcoach log session`: every set as prescribed for that day. */
	if (coach_session_log(&w->app->coach, &e, &logged)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	app_recorded(w->app);
	w->dirty = 1;
	rp->status = 201;
	rp->json = json_pack("{s:I}", "id", (json_int_t)logged.id);
}

/*
 * POST /api/runs {"date", "distance_m", "duration": "45:00" | "duration_s", "sport"}:
 * a run typed by hand, stored as `hipcoach log run` stores it (runs_add,
 * source "manual", noon of that day). 201 stored, 200 already there.
 */
static void api_run_add(struct web *w, const json_t *body, struct reply *rp)
{
	const json_t *dist = json_object_get(body, "distance_m");
	const char *dur = json_string_value(json_object_get(body, "duration"));
	const char *sport = json_string_value(json_object_get(body, "sport"));
	struct coach_run_logged r;
	long secs = -1;
	int dsecs;
	day_t date;

	if (json_int_field(body, "duration_s", 1, (int)COACH_RUN_MAX_SECONDS, -1, &dsecs))
		dsecs = -2;
	if (dur && *dur && parse_duration(dur, &secs))
		secs = -2;
	if (dsecs > 0 && secs < 0)
		secs = dsecs;
	if (json_date_field(body, "date", &date) || date > clock_today() || !json_is_number(dist) ||
	    json_number_value(dist) <= 0 || json_number_value(dist) > COACH_RUN_MAX_DISTANCE_M ||
	    secs <= 0 || secs > COACH_RUN_MAX_SECONDS || dsecs == -2) {
		rp->status = 400;
		rp->json = error_json("date, distance_m (metres) and duration (like 45:00) are "
				      "required");
		return;
	}
	if (coach_run_log(&w->app->coach, date, json_number_value(dist), secs,
			  sport && *sport ? sport : NULL, &r)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	w->dirty = 1;
	rp->status = r.duplicate ? 200 : 201;
	rp->json = json_pack("{s:b}", "duplicate", r.duplicate);
}

/* GET /api/figure/ID.svg (or .png): the exercise's drawing for a dark screen (?theme=light). */
static void api_figure(struct web *w, struct MHD_Connection *c, const char *name, struct reply *rp)
{
	const char *dot = strrchr(name, '.'), *theme = query(c, "theme");
	int dark = !(theme && !strcmp(theme, "light"));
	char id[64], key[80];
	size_t idlen;

	if (!dot || (strcmp(dot, ".svg") && strcmp(dot, ".png")) || dot == name ||
	    (idlen = (size_t)(dot - name)) >= sizeof(id)) {
		rp->status = 404;
		rp->json = error_json("no such figure");
		return;
	}
	memcpy(id, name, idlen);
	id[idlen] = '\0';
	snprintf(key, sizeof(key), "%s%s%s", id, dot, dark ? "" : "-light");
	rp->content_type = content_type_of(dot);
	for (size_t i = 0; i < w->nfigs; i++) {
		if (!strcmp(w->figs[i].key, key)) {
			strbuf_add(&rp->raw, w->figs[i].bytes.buf, w->figs[i].bytes.len);
			return;
		}
	}
	if (!w->figures && figure_set_load_default(&w->figures)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	if (!figure_set_has(w->figures, id)) {
		rp->status = 404;
		rp->json = error_json("no such figure");
		return;
	}
	ALLOC_GROW(w->figs, w->nfigs + 1, w->figs_alloc);
	w->figs[w->nfigs].key = xstrdup(key);
	strbuf_init(&w->figs[w->nfigs].bytes, 0);
	if (figure_render_mem(w->figures, id, dot + 1, 640, 300, dark, &w->figs[w->nfigs].bytes)) {
		strbuf_release(&w->figs[w->nfigs].bytes);
		free(w->figs[w->nfigs].key);
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	strbuf_add(&rp->raw, w->figs[w->nfigs].bytes.buf, w->figs[w->nfigs].bytes.len);
	w->nfigs++;
}

/*
 * The name an upload goes by (?name=FILE): its last path component, which
 * must be a plain file name of at most 128 bytes without control
 * characters. NULL when there is none.
 */
static const char *upload_name(const char *name)
{
	const char *base;

	if (!name)
		return NULL;
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (strrchr(base, '\\'))
		base = strrchr(base, '\\') + 1;
	if (!*base || strlen(base) > 128 || !strcmp(base, ".") || !strcmp(base, ".."))
		return NULL;
	for (const char *p = base; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return NULL;
	return base;
}

/* The notes of an import report that were skipped (1) or kept in part (0): [{"file", "reason"}]. */
static json_t *import_notes_json(const struct coach_import_report *r, int skipped)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->nnotes; i++)
		if (r->notes[i].skipped == skipped)
			json_array_append_new(a, json_pack("{s:s, s:s}", "file", r->notes[i].file,
							   "reason", r->notes[i].reason));
	return a;
}

/*
 * An import report as POST /api/import answers it: {"imported", "duplicates", "skipped":
 * [{"file", "reason"}], "not_runs", "not_run_sports": [{"sport", "count"}], "notes": [{"file",
 * "reason"}]}.
 */
static json_t *import_report_json(const struct coach_import_report *r)
{
	json_t *o = json_object(), *sports = json_array();

	for (size_t i = 0; i < r->nsports; i++)
		json_array_append_new(sports, json_pack("{s:s, s:i}", "sport", r->sports[i].sport,
							"count", r->sports[i].count));
	json_object_set_new(o, "imported", json_integer(r->imported));
	json_object_set_new(o, "duplicates", json_integer(r->duplicates));
	json_object_set_new(o, "skipped", import_notes_json(r, 1));
	json_object_set_new(o, "not_runs", json_integer(r->not_runs));
	json_object_set_new(o, "not_run_sports", sports);
	json_object_set_new(o, "notes", import_notes_json(r, 0));
	return o;
}

/* POST /api/import?name=FILE with the file's bytes as the body: `hipcoach import FILE`. */
static void api_import(struct web *w, struct MHD_Connection *c, struct request *rq,
		       struct reply *rp)
{
	const char *name = upload_name(query(c, "name"));
	struct coach_import_report report;

	if (!name) {
		rp->status = 400;
		rp->json = error_json("name the file: POST /api/import?name=FILE");
		return;
	}
	if (!rq->body.len) {
		rp->status = 400;
		rp->json = error_json("the request body is empty: send the file's bytes");
		return;
	}
	if (app_store(w->app, 0)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	if (coach_import_buffer(&w->app->coach, name, rq->body.buf, rq->body.len, NULL, &report)) {
		error("%s", error_last()); /* the database, or the temporary file */
		coach_import_report_release(&report);
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	rp->json = import_report_json(&report);
	coach_import_report_release(&report);
	w->dirty = 1;
}

static json_t *body_json(struct request *rq, struct reply *rp)
{
	json_error_t err;
	json_t *v;

	v = json_loadb(rq->body.buf, rq->body.len, JSON_REJECT_DUPLICATES, &err);
	if (!v || !json_is_object(v)) {
		json_decref(v);
		rp->status = 400;
		rp->json = error_json("the request body must be a JSON object");
		return NULL;
	}
	return v;
}

/* Which requests carry a body, and how large it may be. */
static size_t body_limit(const char *url)
{
	return !strcmp(url, "/api/import") ? WEB_UPLOAD_LIMIT : WEB_BODY_LIMIT;
}

static void route_api(struct web *w, struct MHD_Connection *c, const char *method, const char *url,
		      struct request *rq, struct reply *rp)
{
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int post = !strcmp(method, "POST");
	json_t *body = NULL;

	refresh(w);
	if (post && strcmp(url, "/api/import")) {
		body = body_json(rq, rp);
		if (!body)
			return;
	}
	if (get && !strcmp(url, "/api/exercises")) {
		api_exercises(w, c, rp);
	} else if (get && !strncmp(url, "/api/exercises/", 15)) {
		api_exercise(w, url + 15, rp);
	} else if (get && !strcmp(url, "/api/plan")) {
		api_plan(w, c, rp);
	} else if (get && !strcmp(url, "/api/profile")) {
		api_profile(w, rp);
	} else if (get && !strcmp(url, "/api/status")) {
		command_json(w, c, "status", status_json, rp);
	} else if (get && !strcmp(url, "/api/history")) {
		command_json(w, c, "history", history_json, rp);
	} else if (get && !strcmp(url, "/api/runs")) {
		command_json(w, c, "runs", runs_json, rp);
	} else if (get && !strcmp(url, "/api/load")) {
		command_json(w, c, "load", load_json, rp);
	} else if (get && !strcmp(url, "/api/today")) {
		rp->status = web_today(w->app, &rp->json);
	} else if (get && !strcmp(url, "/api/progress")) {
		api_progress(w, rp);
	} else if (get && !strncmp(url, "/api/figure/", 12)) {
		api_figure(w, c, url + 12, rp);
	} else if (get && !strcmp(url, "/api/session")) {
		const char *s = query(c, "since");
		long since = -1;

		if (s && parse_long_str(s, -1, 1L << 40, &since))
			since = -1;
		rp->status = web_session_get(w->session, w->app, since, &rp->json);
	} else if (post && !strcmp(url, "/api/session/start")) {
		rp->status = web_session_start(w->session, w->app, body, &rp->json);
		w->dirty = 1;
	} else if (post && !strcmp(url, "/api/session/event")) {
		rp->status = web_session_event(w->session, w->app, body, &rp->json);
		w->dirty = 1;
	} else if (post && !strcmp(url, "/api/session/sync")) {
		rp->status = web_session_sync(w->session, w->app, body, &rp->json);
		w->dirty = 1;
	} else if (get && !strcmp(url, "/api/check")) {
		rp->status = web_check_list(w->app, &rp->json);
	} else if (post && !strcmp(url, "/api/check")) {
		rp->status = web_check_answer(w->app, body, &rp->json);
		w->dirty = 1;
	} else if (post && !strcmp(url, "/api/check/cleared")) {
		rp->status = web_check_cleared(w->app, body, &rp->json);
		w->dirty = 1;
	} else if (post && !strcmp(url, "/api/check/care")) {
		rp->status = web_check_care(w->app, body, &rp->json);
		w->dirty = 1;
	} else if (get && !strcmp(url, "/api/checkin")) {
		rp->status = web_checkin_get(w->app, &rp->json);
	} else if (post && !strcmp(url, "/api/checkin")) {
		rp->status = web_checkin_answer(w->app, body, &rp->json);
		w->dirty = 1;
	} else if (post && !strcmp(url, "/api/pain")) {
		api_pain_add(w, body, rp);
	} else if (post && !strcmp(url, "/api/sessions")) {
		api_session_log(w, body, rp);
	} else if (post && !strcmp(url, "/api/profile")) {
		api_profile_set(w, body, rp);
	} else if (post && !strcmp(url, "/api/runs")) {
		api_run_add(w, body, rp);
	} else if (post && !strcmp(url, "/api/import")) {
		api_import(w, c, rq, rp);
	} else if (get && !strncmp(url, "/api/export/", 12)) {
		api_export(w, c, url + 12, rp);
	} else {
		rp->status = (get || post) ? 404 : 405;
		rp->json =
		    error_json(rp->status == 404 ? "no such endpoint" : "method not allowed");
	}
	json_decref(body);
}

/* ---- static files ---- */

static void statics_init(struct web *w)
{
	size_t n = 0;

	for (const struct embedded_file *f = embedded_files; f->name; f++)
		n += !strncmp(f->name, "web/", 4);
	w->statics = xcalloc(n ? n : 1, sizeof(*w->statics));
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		struct static_file *s;

		if (strncmp(f->name, "web/", 4))
			continue;
		s = &w->statics[w->nstatics++];
		s->file = f;
		s->path = f->name + 3; /* "/index.html" */
		snprintf(s->etag, sizeof(s->etag), "\"%016llx\"",
			 (unsigned long long)fnv1a(f->data, f->size));
		s->ok = mhd.MHD_create_response_from_buffer(f->size, (void *)f->data,
							    MHD_RESPMEM_PERSISTENT);
		mhd.MHD_add_response_header(s->ok, "Content-Type", content_type_of(f->name));
		mhd.MHD_add_response_header(s->ok, "ETag", s->etag);
		mhd.MHD_add_response_header(s->ok, "Cache-Control", "no-cache");
		add_security_headers(s->ok);
		s->not_modified =
		    mhd.MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		mhd.MHD_add_response_header(s->not_modified, "ETag", s->etag);
		mhd.MHD_add_response_header(s->not_modified, "Cache-Control", "no-cache");
		add_security_headers(s->not_modified);
	}
}

/*
 * Only names of embedded files are served: "/" is the app, "/NAME" a file
 * of web/ whose name is letters, digits, '-', '_' and one '.'; anything
 * else, encoded or not, is 404.
 */
static const struct static_file *static_find(const struct web *w, const char *url)
{
	const char *name;
	int dots = 0;

	if (!strcmp(url, "/"))
		url = "/index.html";
	if (url[0] != '/')
		return NULL;
	name = url + 1;
	if (!*name || strlen(name) > 64)
		return NULL;
	for (const char *p = name; *p; p++) {
		if (*p == '.')
			dots++;
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return NULL;
	}
	if (dots != 1 || name[0] == '.')
		return NULL;
	for (size_t i = 0; i < w->nstatics; i++)
		if (!strcmp(w->statics[i].path, url))
			return &w->statics[i];
	return NULL;
}

/* ---- checks in front of everything ---- */

static const char page_401[] =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>hipcoach</title></head><body>"
    "<h1>hipcoach needs its access link</h1>"
    "<p>Open the link printed in the terminal where <code>hipcoach ui</code> runs, or scan "
    "its QR code again.</p></body></html>";

static enum MHD_Result send_401(struct MHD_Connection *c, const char *url)
{
	struct MHD_Response *r;

	if (!strncmp(url, "/api/", 5))
		return send_error(c, 401, "access token required");
	r = bytes_response(page_401, sizeof(page_401) - 1, "text/html; charset=utf-8");
	return queue(c, 401, r);
}

/*
 * The first visit with ?token=... trades the token for a session cookie
 * (HttpOnly, SameSite=Strict) and redirects to the same page without it,
 * so the token does not stay in the address bar or the history.
 */
static enum MHD_Result send_cookie(struct web *w, struct MHD_Connection *c, const char *url)
{
	struct MHD_Response *r =
	    mhd.MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	struct strbuf cookie = STRBUF_INIT;

	strbuf_addf(&cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000",
		    COOKIE_NAME, w->secret);
	mhd.MHD_add_response_header(r, "Set-Cookie", cookie.buf);
	mhd.MHD_add_response_header(r, "Location", !strncmp(url, "/api/", 5) ? url : "/");
	mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
	add_security_headers(r);
	strbuf_release(&cookie);
	return queue(c, 303, r);
}

/* When only loopback is served, a Host naming anything else is a DNS-rebinding attempt. */
static int host_ok(const struct web *w, const char *host)
{
	const char *names[] = {"127.0.0.1", "localhost", "[::1]", w->listen};
	char buf[96];

	if (w->need_token)
		return 1;
	if (!host)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(buf, sizeof(buf), "%s:%d", names[i], w->port);
		if (!strcmp(host, buf) || !strcmp(host, names[i]))
			return 1;
	}
	return 0;
}

/* Writes come only from our own pages: the Origin (or Sec-Fetch-Site) must be this server. */
static int origin_ok(struct MHD_Connection *c)
{
	const char *origin = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *host = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	const char *site = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");

	if (origin) {
		if (!host || strncmp(origin, "http://", 7))
			return 0;
		return !strcmp(origin + 7, host);
	}
	if (site)
		return !strcmp(site, "same-origin") || !strcmp(site, "none");
	return 1; /* not a browser: no cross-site request to guard against */
}

/* A raw path with an encoded NUL, a dot segment or a backslash is refused before any lookup. */
static int raw_uri_ok(const char *raw)
{
	size_t n = strcspn(raw, "?#");

	for (size_t i = 0; i < n; i++) {
		if (raw[i] == '\\')
			return 0;
		if (raw[i] == '%' && i + 2 < n + 1) {
			if (raw[i + 1] == '0' && raw[i + 2] == '0')
				return 0;
			if (raw[i + 1] == '2' && (raw[i + 2] == 'e' || raw[i + 2] == 'E'))
				return 0;
			if ((raw[i + 1] == '2' && (raw[i + 2] == 'f' || raw[i + 2] == 'F')) ||
			    (raw[i + 1] == '5' && (raw[i + 2] == 'c' || raw[i + 2] == 'C')))
				return 0;
		}
		if (raw[i] == '.' && i + 1 < n && raw[i + 1] == '.')
			return 0;
	}
	return 1;
}

/* ---- libmicrohttpd callbacks ---- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct request *rq = xcalloc(1, sizeof(*rq));

	(void)cls;
	(void)c;
	rq->raw_uri = xstrdup(uri ? uri : "");
	strbuf_init(&rq->body, 0);
	return rq;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct request *rq = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (!rq)
		return;
	strbuf_release(&rq->body);
	free(rq->raw_uri);
	free(rq);
	*con_cls = NULL;
}

static enum MHD_Result first_call(struct web *w, struct MHD_Connection *c, const char *url,
				  const char *method, struct request *rq, int *handled)
{
	const char *host = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	const char *len = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int post = !strcmp(method, "POST");

	*handled = 1;
	if (!raw_uri_ok(rq->raw_uri) || strlen(url) > 512)
		return send_error(c, 400, "bad path");
	if (!host_ok(w, host))
		return send_error(c, 403, "unexpected Host header");
	if (w->need_token) {
		const char *cookie =
		    mhd.MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE_NAME);
		const char *token = query(c, "token");

		if (token) {
			if (get && secret_equal(token, w->token))
				return send_cookie(w, c, url);
			return send_401(c, url);
		}
		if (!secret_equal(cookie, w->secret))
			return send_401(c, url);
	}
	if (!get && !post)
		return send_error(c, 405, "method not allowed");
	if (post) {
		const char *type =
		    mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
		long n;

		if (!origin_ok(c))
			return send_error(c, 403, "cross-origin write refused");
		if (strncmp(url, "/api/", 5))
			return send_error(c, 405, "method not allowed");
		if (strcmp(url, "/api/import") && (!type || strncmp(type, "application/json", 16)))
			return send_error(c, 415, "send JSON (Content-Type: application/json)");
		rq->limit = body_limit(url);
		if (len && (parse_long_str(len, 0, 1L << 40, &n) || (size_t)n > rq->limit))
			return send_error(c, 413, "request body too large");
	}
	*handled = 0;
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct web *w = cls;
	struct request *rq = *con_cls;
	struct reply rp = {.status = 200, .raw = STRBUF_INIT};
	enum MHD_Result ret;

	(void)version;
	if (!rq)
		return MHD_NO;
	if (!rq->started) {
		int handled;

		rq->started = 1;
		ret = first_call(w, c, url, method, rq, &handled);
		if (handled || !strcmp(method, "POST"))
			return ret;
	}
	if (*upload_data_size) {
		if (rq->body.len + *upload_data_size > rq->limit)
			rq->too_big = 1;
		else
			strbuf_add(&rq->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->too_big)
		return send_error(c, 413, "request body too large");

	if (strncmp(url, "/api/", 5)) {
		const struct static_file *s = static_find(w, url);
		const char *inm;

		if (!s || strcmp(method, "POST") == 0) {
			static const char nf[] = "not found\n";

			return queue(
			    c, 404,
			    bytes_response(nf, sizeof(nf) - 1, "text/plain; charset=utf-8"));
		}
		inm = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
		if (inm && !strcmp(inm, s->etag))
			return mhd.MHD_queue_response(c, 304, s->not_modified);
		return mhd.MHD_queue_response(c, 200, s->ok);
	}

	error_quiet(1);
	route_api(w, c, method, url, rq, &rp);
	error_quiet(0);
	if (rp.json) {
		strbuf_release(&rp.raw);
		return send_json(c, (unsigned)rp.status, rp.json);
	}
	{
		struct MHD_Response *r =
		    bytes_response(rp.raw.buf, rp.raw.len,
				   rp.content_type ? rp.content_type : "application/octet-stream");

		if (!strncmp(url, "/api/figure/", 12)) {
			mhd.MHD_del_response_header(r, "Cache-Control", "no-store");
			mhd.MHD_add_response_header(r, "Cache-Control", "max-age=3600");
		}
		if (*rp.disposition)
			mhd.MHD_add_response_header(r, "Content-Disposition", rp.disposition);
		strbuf_release(&rp.raw);
		return queue(c, (unsigned)rp.status, r);
	}
}

/* ---- start and stop ---- */

int web_start(struct web **out, struct app *app, const struct web_config *cfg)
{
	struct web *w;
	struct sockaddr_storage ss;
	socklen_t sslen;
	const char *addr = cfg->listen ? cfg->listen : "127.0.0.1";
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
	const union MHD_DaemonInfo *info;

	/* Before the server's thread exists: dlib_open() is not thread-safe. */
	if (dlib_open(&mhd_lib, mhd_syms))
		return -1;
	w = xcalloc(1, sizeof(*w));
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*sin);
	} else if (inet_pton(AF_INET6, addr, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*sin6);
		flags |= MHD_USE_IPv6;
	} else {
		free(w);
		return error_set("cannot listen on '%s': not a numeric IP address", addr);
	}
	(void)sslen;
	w->app = app;
	w->need_token = cfg->need_token;
	snprintf(w->listen, sizeof(w->listen), "%s", addr);
	if (random_hex(w->secret, SECRET_HEX) ||
	    (w->need_token && random_hex(w->token, SECRET_HEX))) {
		free(w);
		return error_set("cannot get random bytes: %s", strerror(errno));
	}
	if (!w->need_token)
		w->token[0] = '\0';
	w->session = web_session_new();
	statics_init(w);
	w->daemon = mhd.MHD_start_daemon(
	    flags, (uint16_t)cfg->port, NULL, NULL, on_request, w, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&ss, MHD_OPTION_URI_LOG_CALLBACK, on_uri, w,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, w, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)60, MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)128, MHD_OPTION_END);
	if (!w->daemon) {
		int e = errno;

		web_stop(w);
		return error_set("cannot listen on %s port %d: %s", addr, cfg->port,
				 e ? strerror(e) : "the server did not start");
	}
	info = mhd.MHD_get_daemon_info(w->daemon, MHD_DAEMON_INFO_BIND_PORT);
	w->port = info && info->port ? info->port : cfg->port;
	*out = w;
	return 0;
}

int web_port(const struct web *w)
{
	return w->port;
}

const char *web_token(const struct web *w)
{
	return w->token;
}

void web_stop(struct web *w)
{
	if (!w)
		return;
	if (w->daemon)
		mhd.MHD_stop_daemon(w->daemon);
	for (size_t i = 0; i < w->nstatics; i++) {
		mhd.MHD_destroy_response(w->statics[i].ok);
		mhd.MHD_destroy_response(w->statics[i].not_modified);
	}
	free(w->statics);
	for (size_t i = 0; i < w->nfigs; i++) {
		free(w->figs[i].key);
		strbuf_release(&w->figs[i].bytes);
	}
	free(w->figs);
	if (w->figures)
		figure_set_free(w->figures);
	web_session_free(w->session);
	free(w);
}
