/* The web server of `hipcoach ui` (libmicrohttpd): routing, embedded files, the JSON API, the
 * checks in front of them, and the threads that serve them. */
#include "web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

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
#include "web-internal.h"
#include "web-session.h"

#define COOKIE_PREFIX "hipcoach_" /* then the port: two servers on one machine keep apart */
#define SECRET_HEX    WEB_SECRET_HEX
#define MAX_LINKS     8	 /* links not yet used nor expired; a new one replaces the oldest */
#define MAX_SESSIONS  64 /* browsers let in; a new one replaces the oldest */

/*
 * Connections. A connection that has not sent a whole request is "waiting":
 * it costs us a socket and nothing else, but a server that lets them pile
 * up can be starved by clients that trickle a header now and then. So a new
 * connection must send its request within HEADER_TIMEOUT_S; an address
 * keeps at most WAITING_PER_ADDRESS waiting, and the server WAITING_MAX in
 * all: beyond either, the one waiting longest is closed to make room, so a
 * client with a real request always gets in. A refused request (401) closes
 * its connection.
 */
#define HEADER_TIMEOUT_S    10
#define IDLE_TIMEOUT_S	    30 /* an idle kept-alive connection, or a stalled body */
#define WAITING_PER_ADDRESS 64
#define WAITING_MAX	    512
#define CONNECTION_LIMIT    2048
#define LINGER_MS	    500 /* after an early 413: the client's rest is dropped this long */
#define LINGER_BYTES	    (4 * 1024 * 1024)

/* JSON answers of GET requests are kept until the database or the day changes. */
#define CACHE_ENTRIES 64
#define CACHE_BYTES   (32 * 1024 * 1024)
#define GZIP_MIN      1024 /* smaller answers are sent as they are */

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
	DLIB_FN(MHD_get_connection_info);
	DLIB_FN(MHD_get_connection_values);
	DLIB_FN(MHD_get_daemon_info);
	DLIB_FN(MHD_lookup_connection_value);
	DLIB_FN(MHD_queue_response);
	DLIB_FN(MHD_resume_connection);
	DLIB_FN(MHD_start_daemon);
	DLIB_FN(MHD_stop_daemon);
	DLIB_FN(MHD_suspend_connection);
} mhd;

static struct dlib mhd_lib = {.soname = "libmicrohttpd.so.12", .package = "libmicrohttpd12"};

static const struct dlib_sym mhd_syms[] = {
    DLIB_SYM(mhd, MHD_add_response_header), DLIB_SYM(mhd, MHD_create_response_from_buffer),
    DLIB_SYM(mhd, MHD_del_response_header), DLIB_SYM(mhd, MHD_destroy_response),
    DLIB_SYM(mhd, MHD_get_connection_info), DLIB_SYM(mhd, MHD_get_connection_values),
    DLIB_SYM(mhd, MHD_get_daemon_info),	    DLIB_SYM(mhd, MHD_lookup_connection_value),
    DLIB_SYM(mhd, MHD_queue_response),	    DLIB_SYM(mhd, MHD_resume_connection),
    DLIB_SYM(mhd, MHD_start_daemon),	    DLIB_SYM(mhd, MHD_stop_daemon),
    DLIB_SYM(mhd, MHD_suspend_connection),  {0},
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

/* One TCP connection, from accept to close. */
struct conn {
	struct conn *prev, *next; /* the waiting list, oldest first, while waiting */
	int waiting;
	int kept;	     /* kept alive after a request of a browser let in */
	int64_t deadline_ms; /* closed if still waiting then */
	int fd;
	unsigned char addr[16]; /* the client's address (IPv4 in the first 4 bytes) */
	int addrlen;
};

/* A link not used yet, and a browser let in. */
struct link {
	char token[SECRET_HEX + 1];
	int64_t expires_ms; /* 0: free */
};

/* A JSON answer to a GET, kept for the next ask while the database and the day stay. */
struct cached {
	char *key; /* the raw URI */
	uint64_t gen;
	day_t day;
	size_t bytes;
	char etag[24];
	struct MHD_Response *r[3]; /* plain, gzipped (or NULL), 304 */
	uint64_t used;		   /* for replacing the least recently used */
};

/* An API request waiting for a worker. */
struct job {
	struct job *next;
	struct MHD_Connection *c;
	struct request *rq;
	char *url, *method;
};

/* Jobs in order of arrival. */
struct job_queue {
	struct job *head, *tail;
};

/*
 * A read (a therapist's list, a runner's Today) waits for no write queued
 * before it: under many writes (phones sending steps) a read otherwise
 * waits for all of them. So that writes still move, a worker takes one
 * after this many reads in a row while writes wait.
 */
#define READS_BEFORE_A_WRITE 8

struct web;

struct web_server {
	struct app *app; /* the live session's (session_lock) */
	struct MHD_Daemon *daemon;
	int port;
	int loopback; /* only loopback is served: the Host must name this machine */
	char listen[64];
	char cookie_name[32];
	char owner_key[SECRET_HEX + 1];
	struct static_file *statics;
	size_t nstatics;

	pthread_mutex_t auth_lock;
	struct link links[MAX_LINKS];
	struct link sessions[MAX_SESSIONS];
	int64_t session_serial;

	pthread_mutex_t figure_lock;
	struct figure_set *figures;
	struct figure_cache *figs;
	size_t nfigs, figs_alloc;

	pthread_mutex_t session_lock;
	struct web_session *session;
	int session_dirty;

	/* The database's generation: bumped by every write we make and every commit seen. */
	_Atomic uint64_t gen;
	pthread_mutex_t cache_lock;
	struct cached cache[CACHE_ENTRIES];
	size_t cache_bytes;
	uint64_t cache_clock;

	pthread_mutex_t conn_lock;
	struct conn *wait_head, *wait_tail;
	size_t nwaiting;
	pthread_t reaper;

	pthread_mutex_t queue_lock;
	pthread_cond_t queue_cond, stop_cond;
	/* Waiting for a worker: reads (GET) and writes, each in order of arrival. */
	struct job_queue reads, writes;
	unsigned reads_in_a_row; /* taken while writes waited */
	int stopping;
	struct web *workers;
	int nworkers;
	struct web_config cfg;	 /* url copied */
	char url_host[256];	 /* clinic: the Host of cfg.url, "" without one */
	pthread_key_t probe_key; /* an I/O thread's own database connection, for the generation */
};

/*
 * What a handler sees: a worker's own app (coach, program, database
 * connection), never shared, and the server.
 */
struct web {
	struct web_server *srv;
	struct app *app;
	struct app own;
	int dirty; /* our own write: reload profile and progress before the next read */
	pthread_t thread;
	int started;
};

/* A JSON answer's bytes, its ETag (the bytes' hash) and, when it is worth it, its gzipped twin. */
struct json_body {
	char *text, *gz;
	size_t len, gzlen;
	char etag[24];
};

/* One request, from the first callback to completion. */
struct request {
	char *raw_uri; /* as the client sent it, before unescaping */
	struct conn *conn;
	int started;
	int in; /* a browser let in (its session cookie) */
	int too_big;
	size_t limit;
	size_t lingered;	 /* bytes dropped after a 413 */
	int64_t linger_until_ms; /* then the connection closes */
	struct strbuf body;
	/* The worker's answer, sent when the connection is resumed: JSON or a response. */
	int answered;
	unsigned status;
	struct json_body json;
	struct MHD_Response *response;
	char *set_cookie; /* headers the answer adds (struct reply) */
	int retry_after;
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

	if (!given || !n || strlen(given) != n)
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

/* FNV-1a, 64 bits: a strong enough ETag for bytes we made ourselves. */
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

/* The client takes gzip: "gzip" in Accept-Encoding, not with q=0. */
static int accepts_gzip(struct MHD_Connection *c)
{
	const char *ae = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
	const char *g = ae ? strstr(ae, "gzip") : NULL;

	if (!g)
		return 0;
	g += 4;
	while (*g == ' ')
		g++;
	return !(*g == ';' && strstr(g, "q=0") && !strstr(g, "q=0."));
}

/* `len` bytes gzipped into *out (malloc'd): 0, or -1 when it would not be smaller. */
static int gzip_bytes(const char *in, size_t len, char **out, size_t *outlen)
{
	z_stream z;
	size_t cap = len + len / 1000 + 64;
	char *buf;
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	buf = xmalloc(cap);
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)len;
	z.next_out = (unsigned char *)buf;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || *outlen >= len) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

/* Takes `text`. */
static void json_body_make(struct json_body *b, char *text)
{
	memset(b, 0, sizeof(*b));
	b->text = text;
	b->len = strlen(text);
	snprintf(b->etag, sizeof(b->etag), "\"%016llx\"",
		 (unsigned long long)fnv1a((unsigned char *)text, b->len));
	if (b->len < GZIP_MIN || gzip_bytes(text, b->len, &b->gz, &b->gzlen))
		b->gz = NULL;
}

static void json_body_release(struct json_body *b)
{
	free(b->text);
	free(b->gz);
	memset(b, 0, sizeof(*b));
}

/*
 * The responses of a JSON answer (copies of its bytes): plain, gzipped (or
 * NULL) and 304. Answers are checked again on every use (Cache-Control:
 * no-cache) and are the runner's alone (private).
 */
static void json_body_responses(const struct json_body *b, struct MHD_Response *r[3])
{
	r[0] = mhd.MHD_create_response_from_buffer(b->len, b->text, MHD_RESPMEM_MUST_COPY);
	r[1] = b->gz ? mhd.MHD_create_response_from_buffer(b->gzlen, b->gz, MHD_RESPMEM_MUST_COPY)
		     : NULL;
	r[2] = mhd.MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	for (int i = 0; i < 3; i++) {
		if (!r[i])
			continue;
		if (i < 2)
			mhd.MHD_add_response_header(r[i], "Content-Type", "application/json");
		if (i == 1)
			mhd.MHD_add_response_header(r[i], "Content-Encoding", "gzip");
		mhd.MHD_add_response_header(r[i], "ETag", b->etag);
		mhd.MHD_add_response_header(r[i], "Cache-Control", "private, no-cache");
		mhd.MHD_add_response_header(r[i], "Vary", "Accept-Encoding");
		add_security_headers(r[i]);
	}
}

static void responses_destroy(struct MHD_Response *r[3])
{
	for (int i = 0; i < 3; i++)
		if (r[i])
			mhd.MHD_destroy_response(r[i]);
}

/* If-None-Match names this ETag. */
static int etag_matches(struct MHD_Connection *c, const char *etag)
{
	const char *inm = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");

	return inm && (strstr(inm, etag) || !strcmp(inm, "*"));
}

/* Sends what fits the request of a JSON answer's responses: 304, gzip or plain. */
static enum MHD_Result send_responses(struct MHD_Connection *c, unsigned status, const char *etag,
				      struct MHD_Response *r[3])
{
	if (status == 200 && etag_matches(c, etag))
		return mhd.MHD_queue_response(c, 304, r[2]);
	if (r[1] && accepts_gzip(c))
		return mhd.MHD_queue_response(c, status, r[1]);
	return mhd.MHD_queue_response(c, status, r[0]);
}

static enum MHD_Result send_body(struct MHD_Connection *c, unsigned status,
				 const struct json_body *b)
{
	struct MHD_Response *r[3];
	enum MHD_Result ret;

	json_body_responses(b, r);
	ret = send_responses(c, status, b->etag, r);
	responses_destroy(r);
	return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, json_t *v)
{
	struct json_body b;
	enum MHD_Result ret;

	json_body_make(&b, json_text(v));
	json_decref(v);
	ret = send_body(c, status, &b);
	json_body_release(&b);
	return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
	return send_json(c, status, json_pack("{s:s}", "error", msg));
}

static json_t *error_json(const char *msg)
{
	return json_pack("{s:s}", "error", msg);
}

/* ---- the database's generation ---- */

/*
 * Something may have changed the database: a write of ours, or a commit
 * another connection (a worker, the terminal) made. Kept answers of an
 * older generation are not used again.
 */
static void gen_bump(struct web_server *s)
{
	atomic_fetch_add(&s->gen, 1);
}

/* A probe's connection saw a commit since it last looked: the generation moves on. */
static void gen_probe(struct web_server *s, struct coach *c)
{
	int64_t v;

	if (!c->store_open)
		return;
	v = store_data_version(&c->store);
	if (v != c->data_version) {
		c->data_version = v;
		gen_bump(s);
	}
}

/*
 * The live session is one for the whole server, on the server's own app:
 * its calls run one at a time. Between session_begin() and session_end().
 */
static struct web_session *session_begin(struct web *w)
{
	struct web_server *s = w->srv;

	pthread_mutex_lock(&s->session_lock);
	coach_refresh(&s->app->coach, s->session_dirty);
	s->session_dirty = 0;
	return s->session;
}

/* After a session call, which may have recorded a step. */
static void session_end(struct web *w)
{
	w->srv->session_dirty = 1;
	gen_bump(w->srv);
	pthread_mutex_unlock(&w->srv->session_lock);
}

/* ---- app state ---- */

/*
 * The profile, progress and recent pain are cached in the worker's coach;
 * another connection (another worker, the terminal) or our own writes may
 * change them (coach_refresh()). A change seen moves the generation on.
 */
static void refresh(struct web *w)
{
	int64_t before = w->app->coach.data_version;

	coach_refresh(&w->app->coach, w->dirty);
	if (w->dirty || w->app->coach.data_version != before)
		gen_bump(w->srv);
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
 * GET /api/export/FORMAT: `hipcoach export FORMAT` (ics, fit, json, csv),
 * `hipcoach handout` (pdf) or `hipcoach report` (report, a PDF) as a
 * download, rendered by the commands' own functions; the query holds their
 * options but --output.
 */
static void api_export(struct web *w, struct MHD_Connection *c, const char *fmt, struct reply *rp)
{
	static const char *const formats[] = {"ics", "fit", "json", "csv", "pdf", "report"};
	int pdf = !strcmp(fmt, "pdf"), report = !strcmp(fmt, "report"), known = 0, bad = 0, r;
	const struct command *cmd = command_find(pdf ? "handout" : report ? "report" : "export");
	const struct command *saved = w->app->cmd;
	struct export_doc doc;
	struct query_argv q;
	struct args args;

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		known |= !strcmp(fmt, formats[i]);
	if (!known || !cmd) {
		rp->status = 404;
		rp->json = error_json("no such export (ics, fit, json, csv, pdf or report)");
		return;
	}
	if (query_args(c, cmd, pdf || report ? NULL : fmt, &q, &args, rp))
		return;
	export_doc_init(&doc);
	w->app->cmd = cmd;
	if (pdf || report) {
		pthread_mutex_lock(&w->srv->figure_lock); /* cairo and pango, one at a time */
		r = pdf ? handout_render(w->app, &args, &doc, &bad)
			: report_render_doc(w->app, &doc);
		pthread_mutex_unlock(&w->srv->figure_lock);
	} else {
		r = export_render(w->app, &args, &doc, &bad);
	}
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
	day_t from = clock_today(); /* as `plan --json`: from today */
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
	rp->json = json_plan(&plan, in->profile->pounds);
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

/* GET /api/figures: {"ID": "left"|"right"|null}, the side each drawing shows at work. */
static void api_figures(struct web *w, struct reply *rp)
{
	pthread_mutex_lock(&w->srv->figure_lock);
	if (!w->srv->figures && figure_set_load_default(&w->srv->figures)) {
		rp->status = 500;
		rp->json = error_json(error_last());
	} else {
		rp->json = json_object();
		for (size_t i = 0; i < figure_set_count(w->srv->figures); i++) {
			const char *id = figure_set_id(w->srv->figures, i);
			const char *side = figure_set_working_side(w->srv->figures, id);

			json_object_set_new(rp->json, id, side ? json_string(side) : json_null());
		}
	}
	pthread_mutex_unlock(&w->srv->figure_lock);
}

/* GET /api/figure/ID.svg (or .png): the exercise's drawing for a dark screen (?theme=light). */
static void api_figure_locked(struct web *w, const char *id, const char *dot, int dark,
			      const char *key, struct reply *rp);

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
	pthread_mutex_lock(&w->srv->figure_lock);
	api_figure_locked(w, id, dot, dark, key, rp);
	pthread_mutex_unlock(&w->srv->figure_lock);
}

/* The drawing from the cache, or drawn (once, one at a time: cairo and pango are not shared). */
static void api_figure_locked(struct web *w, const char *id, const char *dot, int dark,
			      const char *key, struct reply *rp)
{
	for (size_t i = 0; i < w->srv->nfigs; i++) {
		if (!strcmp(w->srv->figs[i].key, key)) {
			strbuf_add(&rp->raw, w->srv->figs[i].bytes.buf, w->srv->figs[i].bytes.len);
			return;
		}
	}
	if (!w->srv->figures && figure_set_load_default(&w->srv->figures)) {
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	if (!figure_set_has(w->srv->figures, id)) {
		rp->status = 404;
		rp->json = error_json("no such figure");
		return;
	}
	ALLOC_GROW(w->srv->figs, w->srv->nfigs + 1, w->srv->figs_alloc);
	w->srv->figs[w->srv->nfigs].key = xstrdup(key);
	strbuf_init(&w->srv->figs[w->srv->nfigs].bytes, 0);
	if (figure_render_mem(w->srv->figures, id, dot + 1, 640, 300, dark,
			      &w->srv->figs[w->srv->nfigs].bytes)) {
		strbuf_release(&w->srv->figs[w->srv->nfigs].bytes);
		free(w->srv->figs[w->srv->nfigs].key);
		rp->status = 500;
		rp->json = error_json(error_last());
		return;
	}
	strbuf_add(&rp->raw, w->srv->figs[w->srv->nfigs].bytes.buf,
		   w->srv->figs[w->srv->nfigs].bytes.len);
	w->srv->nfigs++;
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
	json_object_set_new(o, "ignored", json_integer(r->ignored));
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
	/* A file's whole record comes with a sync of a linked hipcoach (clinic serve). */
	return !strcmp(url, "/api/import") || !strcmp(url, "/api/sync") ? WEB_UPLOAD_LIMIT
									 : WEB_BODY_LIMIT;
}

static void route_api(struct web *w, struct MHD_Connection *c, const char *method, const char *url,
		      struct request *rq, struct reply *rp)
{
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int post = !strcmp(method, "POST");
	json_t *body = NULL;

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
	} else if (get && !strcmp(url, "/api/runs/weeks")) {
		command_json(w, c, "runs", runs_weeks_json, rp);
	} else if (get && !strcmp(url, "/api/load")) {
		command_json(w, c, "load", load_json, rp);
	} else if (get && !strcmp(url, "/api/today")) {
		rp->status = web_today(w->app, &rp->json);
	} else if (get && !strcmp(url, "/api/me")) {
		/* One runner's own record; a clinic's server answers who logged in (clinic-web.c). */
		rp->json = json_pack("{s:s}", "role", "runner");
	} else if (get && !strcmp(url, "/api/progress")) {
		api_progress(w, rp);
	} else if (get && !strcmp(url, "/api/figures")) {
		api_figures(w, rp);
	} else if (get && !strncmp(url, "/api/figure/", 12)) {
		api_figure(w, c, url + 12, rp);
	} else if (get && !strcmp(url, "/api/session")) {
		const char *s = query(c, "since");
		long since = -1;

		if (s && parse_long_str(s, -1, 1L << 40, &since))
			since = -1;
		rp->status = web_session_get(session_begin(w), w->srv->app, since, &rp->json);
		session_end(w);
	} else if (post && !strcmp(url, "/api/session/start")) {
		rp->status = web_session_start(session_begin(w), w->srv->app, body, &rp->json);
		session_end(w);
	} else if (post && !strcmp(url, "/api/session/event")) {
		rp->status = web_session_event(session_begin(w), w->srv->app, body, &rp->json);
		session_end(w);
	} else if (post && !strcmp(url, "/api/session/sync")) {
		rp->status = web_session_sync(session_begin(w), w->srv->app, body, &rp->json);
		session_end(w);
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

/* ---- who may come in ---- */

/* Real milliseconds, for connection deadlines (never scaled: a test speeds up timers only). */
static int64_t real_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A slot for a new secret: a free or expired one, else the one that expires first. */
static struct link *secret_slot(struct link *set, size_t n, int64_t now)
{
	struct link *pick = &set[0];

	for (size_t i = 0; i < n; i++) {
		if (!set[i].expires_ms || set[i].expires_ms <= now)
			return &set[i];
		if (set[i].expires_ms < pick->expires_ms)
			pick = &set[i];
	}
	return pick;
}

int web_new_link(struct web_server *s, char token[WEB_SECRET_HEX + 1])
{
	struct link *l;
	int64_t now = clock_monotonic_ms();

	if (random_hex(token, SECRET_HEX))
		return error_set("cannot get random bytes: %s", strerror(errno));
	pthread_mutex_lock(&s->auth_lock);
	l = secret_slot(s->links, MAX_LINKS, now);
	memcpy(l->token, token, SECRET_HEX + 1);
	l->expires_ms = now + (int64_t)WEB_LINK_TTL_S * 1000;
	pthread_mutex_unlock(&s->auth_lock);
	return 0;
}

/* A link's token, used: 1 and a new session's secret in `secret` if it was good, else 0. */
static int link_use(struct web_server *s, const char *token, char secret[SECRET_HEX + 1])
{
	int64_t now = clock_monotonic_ms();
	int ok = 0;

	if (random_hex(secret, SECRET_HEX))
		return 0;
	pthread_mutex_lock(&s->auth_lock);
	for (size_t i = 0; i < MAX_LINKS; i++) {
		struct link *l = &s->links[i];

		if (l->expires_ms > now && secret_equal(token, l->token)) {
			memset(l, 0, sizeof(*l)); /* once */
			ok = 1;
		}
	}
	if (ok) {
		/* A browser stays in while the server runs; the oldest of too many is let go. */
		struct link *sess = secret_slot(s->sessions, MAX_SESSIONS, 0);

		memcpy(sess->token, secret, SECRET_HEX + 1);
		sess->expires_ms = ++s->session_serial; /* never expires: the order they came in */
	}
	pthread_mutex_unlock(&s->auth_lock);
	return ok;
}

/* The request's session cookie is one we gave. */
static int session_ok(struct web_server *s, struct MHD_Connection *c)
{
	const char *cookie = mhd.MHD_lookup_connection_value(c, MHD_COOKIE_KIND, s->cookie_name);
	int ok = 0;

	if (!cookie)
		return 0;
	pthread_mutex_lock(&s->auth_lock);
	for (size_t i = 0; i < MAX_SESSIONS; i++)
		if (s->sessions[i].expires_ms && secret_equal(cookie, s->sessions[i].token))
			ok = 1;
	pthread_mutex_unlock(&s->auth_lock);
	return ok;
}

const char *web_owner_key(const struct web_server *s)
{
	return s->owner_key;
}

/* ---- static files ---- */

static void statics_init(struct web_server *w)
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
static const struct static_file *static_find(const struct web_server *w, const char *url)
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
    "<meta name=\"color-scheme\" content=\"dark\">"
    "<title>hipcoach</title><link rel=\"icon\" href=\"/icon.svg\" type=\"image/svg+xml\">"
    "<link rel=\"stylesheet\" href=\"/app.css\"></head><body><main><div class=\"card\">"
    "<h1 class=\"card-title\">hipcoach needs a new link</h1>"
    "<p>A link lets one browser in, once, within 10 minutes. This one was used already, has "
    "expired, or is missing.</p>"
    "<p>Press Enter in the terminal where <code>hipcoach ui</code> runs (or run "
    "<code>hipcoach ui --new-link</code>) and open the new link, or scan its QR code.</p>"
    "</div></main></body></html>";

/* What is served without a session: the look of the page above; no record is in them. */
static int public_file(const char *url)
{
	return !strcmp(url, "/app.css") || !strcmp(url, "/icon.svg");
}

/* 401, and the connection closes: a client without a session holds no connection open. */
static enum MHD_Result send_401(struct MHD_Connection *c, const char *url)
{
	struct MHD_Response *r;

	if (!strncmp(url, "/api/", 5)) {
		char *s = json_text(json_pack(
		    "{s:s}", "error", "a session is required: open a new link from hipcoach ui"));

		r = bytes_response(s, strlen(s), "application/json");
		free(s);
	} else {
		r = bytes_response(page_401, sizeof(page_401) - 1, "text/html; charset=utf-8");
	}
	mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	return queue(c, 401, r);
}

/*
 * A visit with ?token=... of a good link trades it for a session cookie
 * (HttpOnly, SameSite=Strict) and redirects to the same page without it,
 * so the token does not stay in the address bar or the history.
 */
static enum MHD_Result send_cookie(struct web_server *w, struct MHD_Connection *c, const char *url,
				   const char *secret)
{
	struct MHD_Response *r =
	    mhd.MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	struct strbuf cookie = STRBUF_INIT;

	if (secret) {
		strbuf_addf(&cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000",
			    w->cookie_name, secret);
		mhd.MHD_add_response_header(r, "Set-Cookie", cookie.buf);
	}
	mhd.MHD_add_response_header(r, "Location", !strncmp(url, "/api/", 5) ? url : "/");
	mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
	add_security_headers(r);
	strbuf_release(&cookie);
	return queue(c, 303, r);
}

/* When only loopback is served, a Host naming anything else is a DNS-rebinding attempt. */
static int host_ok(const struct web_server *w, const char *host)
{
	const char *names[] = {"127.0.0.1", "localhost", "[::1]", w->listen};
	char buf[96];

	/* A clinic's server behind its proxy: the Host is the clinic's public address. */
	if (host && w->url_host[0] && !strcmp(host, w->url_host))
		return 1;
	if (!w->loopback)
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
static int origin_ok(const struct web_server *w, struct MHD_Connection *c)
{
	/* Behind TLS (clinic serve --secure) the page's origin is https://. */
	const char *scheme = w->cfg.secure ? "https://" : "http://";
	size_t n = strlen(scheme);
	const char *origin = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *host = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	const char *site = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");

	if (origin) {
		if (!host || strncmp(origin, scheme, n))
			return 0;
		return !strcmp(origin + n, host);
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

/*
 * POST /api/link with "Authorization: Bearer OWNER-KEY" (`hipcoach ui
 * --new-link`, which reads the key from a file only the owner can read):
 * {"token": a new link's token}.
 */
static enum MHD_Result api_link(struct web_server *w, struct MHD_Connection *c, int post)
{
	const char *auth = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	char token[SECRET_HEX + 1];

	if (!post)
		return send_error(c, 405, "method not allowed");
	if (!auth || strncmp(auth, "Bearer ", 7) || !secret_equal(auth + 7, w->owner_key))
		return send_401(c, "/api/link");
	if (web_new_link(w, token))
		return send_error(c, 500, error_last());
	return send_json(c, 201,
			 json_pack("{s:s, s:i}", "token", token, "expires_in_s", WEB_LINK_TTL_S));
}

/* ---- connections ---- */

static void wait_unlink(struct web_server *s, struct conn *k)
{
	if (!k->waiting)
		return;
	if (k->prev)
		k->prev->next = k->next;
	else
		s->wait_head = k->next;
	if (k->next)
		k->next->prev = k->prev;
	else
		s->wait_tail = k->prev;
	k->prev = k->next = NULL;
	k->waiting = 0;
	s->nwaiting--;
}

/* Closes a waiting connection: libmicrohttpd sees the end and cleans up (conn_lock held). */
static void evict(struct web_server *s, struct conn *k)
{
	wait_unlink(s, k);
	if (k->fd >= 0)
		shutdown(k->fd, SHUT_RDWR);
	k->fd = -1; /* closing: it never waits again */
}

/*
 * The connection now waits for a request, until `deadline_ms`; `kept` when it
 * is kept alive after a request of a browser let in. Room is made as needed,
 * from those that never sent a request of someone let in first.
 */
static void conn_wait(struct web_server *s, struct conn *k, int64_t deadline_ms, int kept)
{
	struct conn *oldest = NULL, *oldest_new = NULL;
	size_t same = 0;

	if (!k)
		return;
	pthread_mutex_lock(&s->conn_lock);
	wait_unlink(s, k);
	if (k->fd < 0) {
		pthread_mutex_unlock(&s->conn_lock);
		return;
	}
	for (struct conn *o = s->wait_head; o; o = o->next) {
		if (o->kept)
			continue;
		if (!oldest_new)
			oldest_new = o;
		if (o->addrlen == k->addrlen && !memcmp(o->addr, k->addr, (size_t)k->addrlen)) {
			if (!oldest)
				oldest = o;
			same++;
		}
	}
	if (!kept && same >= WAITING_PER_ADDRESS) {
		if (oldest == oldest_new)
			oldest_new = oldest->next;
		while (oldest_new && oldest_new->kept)
			oldest_new = oldest_new->next;
		evict(s, oldest);
	}
	if (s->nwaiting >= WAITING_MAX)
		evict(s, oldest_new ? oldest_new : s->wait_head);
	k->kept = kept;
	k->deadline_ms = deadline_ms;
	k->prev = s->wait_tail;
	k->next = NULL;
	if (s->wait_tail)
		s->wait_tail->next = k;
	else
		s->wait_head = k;
	s->wait_tail = k;
	k->waiting = 1;
	s->nwaiting++;
	pthread_mutex_unlock(&s->conn_lock);
}

/* The connection's request has arrived whole: it is no longer waiting. */
static void conn_busy(struct web_server *s, struct conn *k)
{
	if (!k)
		return;
	pthread_mutex_lock(&s->conn_lock);
	wait_unlink(s, k);
	pthread_mutex_unlock(&s->conn_lock);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct web_server *s = cls;
	struct conn *k = *socket_context;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
		    mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *addr =
		    mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

		k = xcalloc(1, sizeof(*k));
		k->fd = fd ? fd->connect_fd : -1;
		if (addr && addr->client_addr && addr->client_addr->sa_family == AF_INET) {
			memcpy(k->addr, &((struct sockaddr_in *)addr->client_addr)->sin_addr, 4);
			k->addrlen = 4;
		} else if (addr && addr->client_addr && addr->client_addr->sa_family == AF_INET6) {
			memcpy(k->addr, &((struct sockaddr_in6 *)addr->client_addr)->sin6_addr, 16);
			k->addrlen = 16;
		}
		*socket_context = k;
		conn_wait(s, k, real_ms() + HEADER_TIMEOUT_S * 1000, 0);
	} else if (k) {
		/* Before libmicrohttpd closes the socket: never shut down a number reused since. */
		pthread_mutex_lock(&s->conn_lock);
		wait_unlink(s, k);
		pthread_mutex_unlock(&s->conn_lock);
		free(k);
		*socket_context = NULL;
	}
}

/* Closes connections that waited past their deadline, once a second, until the server stops. */
static void *reaper(void *arg)
{
	struct web_server *s = arg;

	pthread_mutex_lock(&s->queue_lock);
	while (!s->stopping) {
		struct timespec ts;
		int64_t now;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&s->stop_cond, &s->queue_lock, &ts);
		if (s->stopping)
			break;
		now = real_ms();
		pthread_mutex_lock(&s->conn_lock);
		for (struct conn *k = s->wait_head, *next; k; k = next) {
			next = k->next;
			if (k->deadline_ms <= now)
				evict(s, k);
		}
		pthread_mutex_unlock(&s->conn_lock);
	}
	pthread_mutex_unlock(&s->queue_lock);
	return NULL;
}

/* ---- kept answers ---- */

static void cached_clear(struct web_server *s, struct cached *e)
{
	if (!e->key)
		return;
	responses_destroy(e->r);
	s->cache_bytes -= e->bytes;
	free(e->key);
	memset(e, 0, sizeof(*e));
}

/* Which answers are kept: JSON reads of the record; not the live session, not downloads. */
static int cacheable(const struct web_server *s, const char *method, const char *url)
{
	/* A clinic's answers belong to whoever asked, and other processes write the same data. */
	return !s->cfg.clinic && !strcmp(method, "GET") && !strncmp(url, "/api/", 5) &&
	       strncmp(url, "/api/session", 12) && strncmp(url, "/api/export/", 12) &&
	       strncmp(url, "/api/figure/", 12);
}

/* Sends the kept answer to this request if there is one of this generation and day: 1. */
static int cache_send(struct web_server *s, struct MHD_Connection *c, const char *key,
		      enum MHD_Result *ret)
{
	uint64_t gen = atomic_load(&s->gen);
	day_t today = clock_today();
	int hit = 0;

	pthread_mutex_lock(&s->cache_lock);
	for (size_t i = 0; i < CACHE_ENTRIES; i++) {
		struct cached *e = &s->cache[i];

		if (!e->key || strcmp(e->key, key))
			continue;
		if (e->gen != gen || e->day != today) {
			cached_clear(s, e);
			break;
		}
		e->used = ++s->cache_clock;
		/* Queued under the lock: the response lives on until sent, whatever the cache does.
		 */
		*ret = send_responses(c, 200, e->etag, e->r);
		hit = 1;
		break;
	}
	pthread_mutex_unlock(&s->cache_lock);
	return hit;
}

/* Keeps an answer made at generation `gen` (read before it was made), unless it is stale already.
 */
static void cache_put(struct web_server *s, const char *key, uint64_t gen, day_t day,
		      const struct json_body *b)
{
	size_t bytes = b->len + b->gzlen + 512;
	struct cached *slot = NULL, *lru;

	if (bytes > CACHE_BYTES / 4)
		return;
	pthread_mutex_lock(&s->cache_lock);
	if (atomic_load(&s->gen) != gen) {
		pthread_mutex_unlock(&s->cache_lock);
		return;
	}
	for (size_t i = 0; i < CACHE_ENTRIES; i++) {
		struct cached *e = &s->cache[i];

		if (e->key && (e->gen != gen || !strcmp(e->key, key)))
			cached_clear(s, e);
	}
	for (;;) {
		slot = NULL;
		lru = NULL;
		for (size_t i = 0; i < CACHE_ENTRIES; i++) {
			if (!s->cache[i].key && !slot)
				slot = &s->cache[i];
			else if (s->cache[i].key && (!lru || s->cache[i].used < lru->used))
				lru = &s->cache[i];
		}
		if (slot && s->cache_bytes + bytes <= CACHE_BYTES)
			break;
		if (!lru)
			break;
		cached_clear(s, lru);
	}
	if (slot) {
		slot->key = xstrdup(key);
		slot->gen = gen;
		slot->day = day;
		slot->bytes = bytes;
		memcpy(slot->etag, b->etag, sizeof(slot->etag));
		json_body_responses(b, slot->r);
		slot->used = ++s->cache_clock;
		s->cache_bytes += bytes;
	}
	pthread_mutex_unlock(&s->cache_lock);
}

/* ---- libmicrohttpd callbacks ---- */

static void probe_free(void *p)
{
	struct coach *c = p;

	coach_release(c);
	free(c);
}

/*
 * An I/O thread's look at the database before it answers from memory: a
 * connection of its own that only reads the data version, so a change the
 * terminal made is not hidden by a kept answer for more than a millisecond.
 */
static void probe(struct web_server *s)
{
	/* Once a millisecond at most: a change the terminal made shows within it. */
	static _Thread_local int64_t last_ms;
	struct coach *c = pthread_getspecific(s->probe_key);
	int64_t now = real_ms();

	if (c && c->store_open && now - last_ms < 1)
		return;
	last_ms = now;

	if (!c) {
		c = xcalloc(1, sizeof(*c));
		c->db_path = s->app->coach.db_path;
		error_quiet(1);
		if (coach_store(c, 1)) {
			/* No probe, no kept answers on this thread: every read goes to a worker. */
			gen_bump(s);
		}
		pthread_setspecific(s->probe_key, c);
	}
	if (!c->store_open) {
		gen_bump(s);
		return;
	}
	gen_probe(s, c);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct request *rq = xcalloc(1, sizeof(*rq));
	const union MHD_ConnectionInfo *info =
	    mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	(void)cls;
	rq->raw_uri = xstrdup(uri ? uri : "");
	rq->conn = info ? info->socket_context : NULL;
	strbuf_init(&rq->body, 0);
	return rq;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct web_server *s = cls;
	struct request *rq = *con_cls;

	(void)c;
	if (!rq)
		return;
	/*
	 * Kept alive: it waits for the next request, as long as an idle
	 * connection may if it is of a browser let in, else as a new one.
	 */
	if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK && rq->conn)
		conn_wait(s, rq->conn,
			  real_ms() + (rq->in ? IDLE_TIMEOUT_S : HEADER_TIMEOUT_S) * 1000, rq->in);
	strbuf_release(&rq->body);
	json_body_release(&rq->json);
	free(rq->set_cookie);
	if (rq->response)
		mhd.MHD_destroy_response(rq->response);
	free(rq->raw_uri);
	free(rq);
	*con_cls = NULL;
}

/*
 * The checks of `clinic serve` before a request is read: the same as
 * `hipcoach ui`'s for writes (Origin, JSON, body limits), while who may
 * read what is the clinic's routes' to decide (clinic_route(), on a worker:
 * logins are in the database). Every file of web/ is served to anyone.
 */
static enum MHD_Result clinic_first_call(struct web_server *w, struct MHD_Connection *c,
					 const char *url, const char *method, struct request *rq)
{
	const char *len = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	const char *type = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int write = !strcmp(method, "POST") || !strcmp(method, "PATCH");
	long n;

	if (!get && !write)
		return send_error(c, 405, "method not allowed");
	if (get)
		return MHD_YES;
	if (!origin_ok(w, c))
		return send_error(c, 403, "cross-origin write refused");
	if (strncmp(url, "/api/", 5))
		return send_error(c, 405, "method not allowed");
	if (strcmp(url, "/api/import") && (!type || strncmp(type, "application/json", 16)))
		return send_error(c, 415, "send JSON (Content-Type: application/json)");
	rq->limit = body_limit(url);
	if (len && (parse_long_str(len, 0, 1L << 40, &n) || (size_t)n > rq->limit))
		return send_error(c, 413, "request body too large");
	return MHD_YES;
}

static enum MHD_Result first_call(struct web_server *w, struct MHD_Connection *c, const char *url,
				  const char *method, struct request *rq)
{
	const char *host = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	const char *len = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	const char *token = query(c, "token");
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	int post = !strcmp(method, "POST");
	char secret[SECRET_HEX + 1];

	if (!raw_uri_ok(rq->raw_uri) || strlen(url) > 512)
		return send_error(c, 400, "bad path");
	if (!host_ok(w, host))
		return send_error(c, 403, "unexpected Host header");
	if (w->cfg.clinic)
		return clinic_first_call(w, c, url, method, rq);
	if (!strcmp(url, "/api/link"))
		return api_link(w, c, post);
	if (token) {
		if (get && link_use(w, token, secret))
			return send_cookie(w, c, url, secret);
		if (get && session_ok(w, c))
			return send_cookie(w, c, url, NULL); /* in already: only the token goes */
		return send_401(c, url);
	}
	if (!session_ok(w, c)) {
		if (get && public_file(url))
			return MHD_YES;
		return send_401(c, url);
	}
	rq->in = 1;
	if (!get && !post)
		return send_error(c, 405, "method not allowed");
	if (post) {
		const char *type =
		    mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
		long n;

		if (!origin_ok(w, c))
			return send_error(c, 403, "cross-origin write refused");
		if (strncmp(url, "/api/", 5))
			return send_error(c, 405, "method not allowed");
		if (strcmp(url, "/api/import") && (!type || strncmp(type, "application/json", 16)))
			return send_error(c, 415, "send JSON (Content-Type: application/json)");
		rq->limit = body_limit(url);
		if (len && (parse_long_str(len, 0, 1L << 40, &n) || (size_t)n > rq->limit))
			return send_error(c, 413, "request body too large");
	}
	return MHD_YES;
}

/*
 * A body without a length (chunked) that grows past the limit is answered
 * at once, before the rest is read: libmicrohttpd cannot answer in the
 * middle of a body, so the 413 is written to the socket here (nothing else
 * is being written then) and the sending side closed.
 */
static void send_413_now(struct request *rq)
{
	static const char body[] = "{\n  \"error\": \"request body too large\"\n}\n";
	char head[256];
	int n, fd = rq->conn ? rq->conn->fd : -1;

	if (fd < 0)
		return;
	n = snprintf(head, sizeof(head),
		     "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n"
		     "Content-Type: application/json\r\nContent-Length: %zu\r\n"
		     "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n",
		     sizeof(body) - 1);
	if (send(fd, head, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) == n)
		send(fd, body, sizeof(body) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	shutdown(fd, SHUT_WR);
	rq->linger_until_ms = real_ms() + LINGER_MS;
}

/*
 * After that answer, what the client still sends is read and dropped for a
 * moment (at most LINGER_BYTES), so that closing does not reset the
 * connection before the client has read the 413; then it is closed.
 */
static enum MHD_Result linger(struct request *rq, size_t *upload_data_size)
{
	rq->lingered += *upload_data_size;
	*upload_data_size = 0;
	if (rq->lingered > LINGER_BYTES || real_ms() > rq->linger_until_ms)
		return MHD_NO;
	return MHD_YES;
}

/* The job a worker takes next (queue_lock held): a read first, but a write after
 * READS_BEFORE_A_WRITE reads in a row; NULL when none waits. */
static struct job *next_job(struct web_server *s)
{
	int read = s->reads.head &&
		   (!s->writes.head || s->reads_in_a_row < READS_BEFORE_A_WRITE);
	struct job_queue *q = read ? &s->reads : &s->writes;
	struct job *j = q->head;

	if (!j)
		return NULL;
	q->head = j->next;
	if (!q->head)
		q->tail = NULL;
	s->reads_in_a_row = read && s->writes.head ? s->reads_in_a_row + 1 : 0;
	return j;
}

/* Hands an API request to the workers; the connection sleeps until its answer is ready. */
static enum MHD_Result dispatch(struct web_server *s, struct MHD_Connection *c, const char *url,
				const char *method, struct request *rq)
{
	struct job *j = xcalloc(1, sizeof(*j));
	struct job_queue *q;

	j->c = c;
	j->rq = rq;
	j->url = xstrdup(url);
	j->method = xstrdup(method);
	pthread_mutex_lock(&s->queue_lock);
	if (s->stopping) {
		pthread_mutex_unlock(&s->queue_lock);
		free(j->url);
		free(j->method);
		free(j);
		return send_error(c, 503, "hipcoach is stopping");
	}
	/* Suspended before a worker can see the job: the resume always comes after. */
	mhd.MHD_suspend_connection(c);
	q = !strcmp(method, "GET") || !strcmp(method, "HEAD") ? &s->reads : &s->writes;
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
	pthread_cond_signal(&s->queue_cond);
	pthread_mutex_unlock(&s->queue_lock);
	return MHD_YES;
}

/* The headers a handler asked for (struct reply): a cookie, a Retry-After. */
static void answer_headers(const struct request *rq, struct MHD_Response *r)
{
	char n[24];

	if (rq->set_cookie) {
		mhd.MHD_add_response_header(r, "Set-Cookie", rq->set_cookie);
		mhd.MHD_del_response_header(r, "Cache-Control", "private, no-cache");
		mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
	}
	if (rq->retry_after) {
		snprintf(n, sizeof(n), "%d", rq->retry_after);
		mhd.MHD_add_response_header(r, "Retry-After", n);
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct web_server *s = cls;
	struct request *rq = *con_cls;
	enum MHD_Result ret;

	(void)version;
	if (!rq)
		return MHD_NO;
	if (rq->answered) {
		/* Resumed: the worker's answer. */
		rq->answered = 0;
		if (rq->response) {
			answer_headers(rq, rq->response);
			ret = queue(c, rq->status, rq->response);
			rq->response = NULL;
			return ret;
		}
		if (rq->set_cookie || rq->retry_after) {
			struct MHD_Response *r[3];

			json_body_responses(&rq->json, r);
			for (int i = 0; i < 2; i++)
				if (r[i])
					answer_headers(rq, r[i]);
			ret = send_responses(c, rq->status, rq->json.etag, r);
			responses_destroy(r);
			return ret;
		}
		return send_body(c, rq->status, &rq->json);
	}
	if (!rq->started) {
		/*
		 * Answered now only when refused; else on the next call, once the
		 * request is read whole, so that the connection can be kept alive.
		 */
		rq->started = 1;
		conn_busy(s, rq->conn);
		return first_call(s, c, url, method, rq);
	}
	if (*upload_data_size) {
		if (rq->too_big)
			return linger(rq, upload_data_size);
		if (rq->body.len + *upload_data_size > rq->limit) {
			rq->too_big = 1;
			send_413_now(rq);
			return linger(rq, upload_data_size);
		}
		strbuf_add(&rq->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->too_big)
		return MHD_NO; /* answered already */

	if (strncmp(url, "/api/", 5)) {
		const struct static_file *f = static_find(s, url);

		if (!f || strcmp(method, "POST") == 0) {
			static const char nf[] = "not found\n";

			return queue(
			    c, 404,
			    bytes_response(nf, sizeof(nf) - 1, "text/plain; charset=utf-8"));
		}
		if (etag_matches(c, f->etag))
			return mhd.MHD_queue_response(c, 304, f->not_modified);
		return mhd.MHD_queue_response(c, 200, f->ok);
	}
	if (cacheable(s, method, url)) {
		probe(s);
		if (cache_send(s, c, rq->raw_uri, &ret))
			return ret;
	}
	return dispatch(s, c, url, method, rq);
}

/* ---- the workers ---- */

/* One API request, on a worker's own app; the answer waits in the request for its connection. */
static void run_job(struct web *w, struct job *j)
{
	struct web_server *s = w->srv;
	struct request *rq = j->rq;
	struct reply rp = {.status = 200, .raw = STRBUF_INIT};
	uint64_t gen;
	day_t day;

	if (!s->cfg.clinic)
		refresh(w); /* the clinic's routes forget what they loaded at each scope */
	gen = atomic_load(&s->gen);
	day = clock_today();
	w->app->coach.store.failure = STORE_FAIL_OTHER;
	if (s->cfg.clinic)
		clinic_route(w, j->c, j->method, j->url, rq, &rp);
	else
		route_api(w, j->c, j->method, j->url, rq, &rp);
	/* Busy past the wait, a full or read-only disk, a damaged file: the server is fine, the
	 * database is not available for this; the error says which and what to do. */
	if (rp.status == 500 && w->app->coach.store.failure != STORE_FAIL_OTHER)
		rp.status = 503;
	if (!strcmp(j->method, "POST")) {
		/* Written and committed: no kept answer from before is sent again. */
		w->dirty = 1;
		gen_bump(s);
	}
	rq->status = (unsigned)rp.status;
	rq->set_cookie = rp.set_cookie;
	rq->retry_after = rp.retry_after;
	if (rp.json) {
		json_body_make(&rq->json, json_text(rp.json));
		json_decref(rp.json);
		if (rp.status == 200 && cacheable(s, j->method, j->url))
			cache_put(s, rq->raw_uri, gen, day, &rq->json);
	} else {
		struct MHD_Response *r =
		    bytes_response(rp.raw.buf, rp.raw.len,
				   rp.content_type ? rp.content_type : "application/octet-stream");

		if (!strncmp(j->url, "/api/figure/", 12)) {
			mhd.MHD_del_response_header(r, "Cache-Control", "no-store");
			mhd.MHD_add_response_header(r, "Cache-Control", "max-age=3600");
		}
		if (*rp.disposition)
			mhd.MHD_add_response_header(r, "Content-Disposition", rp.disposition);
		rq->response = r;
	}
	strbuf_release(&rp.raw);
	rq->answered = 1;
	mhd.MHD_resume_connection(j->c);
}

static void *worker_main(void *arg)
{
	struct web *w = arg;
	struct web_server *s = w->srv;

	error_quiet(1);
	/* Reads from memory and files come first: a long answer yields to them. */
	setpriority(PRIO_PROCESS, 0, 4);
	for (;;) {
		struct job *j;

		pthread_mutex_lock(&s->queue_lock);
		while (!s->reads.head && !s->writes.head && !s->stopping)
			pthread_cond_wait(&s->queue_cond, &s->queue_lock);
		j = next_job(s);
		pthread_mutex_unlock(&s->queue_lock);
		if (!j)
			break; /* stopping, and nothing left to answer */
		run_job(w, j);
		free(j->url);
		free(j->method);
		free(j);
	}
	return NULL;
}

/* ---- for the clinic's routes (web-internal.h) ---- */

struct app *web_app(struct web *w)
{
	return w->app;
}

const struct web_config *web_config_of(struct web *w)
{
	return &w->srv->cfg;
}

void web_route_api(struct web *w, struct MHD_Connection *c, const char *method, const char *url,
		   struct request *rq, struct reply *rp)
{
	route_api(w, c, method, url, rq, rp);
}

void web_profile_set(struct web *w, const json_t *body, struct reply *rp)
{
	api_profile_set(w, body, rp);
}

json_t *web_body(struct request *rq, struct reply *rp)
{
	return body_json(rq, rp);
}

const char *web_address(struct request *rq, char *buf)
{
	const struct conn *k = rq->conn;

	buf[0] = '\0';
	if (k && k->addrlen == 4)
		inet_ntop(AF_INET, k->addr, buf, 64);
	else if (k && k->addrlen == 16)
		inet_ntop(AF_INET6, k->addr, buf, 64);
	return buf;
}

void web_request_in(struct request *rq)
{
	rq->in = 1;
}

const char *web_header(struct MHD_Connection *c, const char *name)
{
	return mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

const char *web_cookie(struct MHD_Connection *c, const char *name)
{
	return mhd.MHD_lookup_connection_value(c, MHD_COOKIE_KIND, name);
}

const char *web_query(struct MHD_Connection *c, const char *key)
{
	return query(c, key);
}

json_t *web_error(const char *msg)
{
	return error_json(msg);
}

/* ---- start and stop ---- */

static int cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 2 : n > 16 ? 16 : (int)n;
}

int web_start(struct web_server **out, struct app *app, const struct web_config *cfg)
{
	struct web_server *s;
	struct sockaddr_storage ss;
	const char *addr = cfg->listen ? cfg->listen : "127.0.0.1";
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME;
	const union MHD_DaemonInfo *info;
	struct rlimit rl;
	int n = cfg->threads > 0 ? cfg->threads : cores();

	/* Before any thread exists: what starts lazily starts here. */
	if (dlib_open(&mhd_lib, mhd_syms))
		return -1;
	clock_time_scale();
	clock_today();
	if (coach_program(&app->coach) || coach_store(&app->coach, 0))
		return -1;
	/* Room for every connection we allow. */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < CONNECTION_LIMIT + 256) {
		rl.rlim_cur =
		    rl.rlim_max < CONNECTION_LIMIT + 256 ? rl.rlim_max : CONNECTION_LIMIT + 256;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	s = xcalloc(1, sizeof(*s));
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)cfg->port);
	} else if (inet_pton(AF_INET6, addr, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)cfg->port);
		flags |= MHD_USE_IPv6;
	} else {
		free(s);
		return error_set("cannot listen on '%s': not a numeric IP address", addr);
	}
	s->app = app;
	s->cfg = *cfg;
	s->cfg.url = NULL;
	if (cfg->url) {
		/* "https://clinic.example.org/" -> "clinic.example.org" */
		const char *h = strstr(cfg->url, "://");

		h = h ? h + 3 : cfg->url;
		snprintf(s->url_host, sizeof(s->url_host), "%.*s", (int)strcspn(h, "/"), h);
	}
	s->loopback = web_is_loopback(addr);
	snprintf(s->listen, sizeof(s->listen), "%s", addr);
	if (random_hex(s->owner_key, SECRET_HEX)) {
		free(s);
		return error_set("cannot get random bytes: %s", strerror(errno));
	}
	pthread_mutex_init(&s->auth_lock, NULL);
	pthread_mutex_init(&s->figure_lock, NULL);
	pthread_mutex_init(&s->session_lock, NULL);
	pthread_mutex_init(&s->cache_lock, NULL);
	pthread_mutex_init(&s->conn_lock, NULL);
	pthread_mutex_init(&s->queue_lock, NULL);
	pthread_cond_init(&s->queue_cond, NULL);
	pthread_cond_init(&s->stop_cond, NULL);
	pthread_key_create(&s->probe_key, probe_free);
	s->session = web_session_new();
	statics_init(s);

	/* The workers, each with its own app: a coach, the program, a database connection. */
	s->workers = xcalloc((size_t)n, sizeof(*s->workers));
	s->nworkers = n;
	for (int i = 0; i < n; i++) {
		struct web *w = &s->workers[i];

		w->srv = s;
		w->app = &w->own;
		w->own.cmd = app->cmd;
		w->own.coach.db_path = app->coach.db_path;
		w->own.coach.program_path = app->coach.program_path;
		if (coach_program(&w->own.coach) || coach_store(&w->own.coach, 0)) {
			web_stop(s);
			return -1;
		}
	}

	s->daemon = mhd.MHD_start_daemon(
	    flags, (uint16_t)cfg->port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&ss, MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_NOTIFY_CONNECTION,
	    on_connection, s, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)(n > 4 ? 4 : n), MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
	    MHD_OPTION_END);
	if (!s->daemon) {
		int e = errno;

		web_stop(s);
		return error_set("cannot listen on %s port %d: %s", addr, cfg->port,
				 e ? strerror(e) : "the server did not start");
	}
	info = mhd.MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info && info->port ? info->port : cfg->port;
	snprintf(s->cookie_name, sizeof(s->cookie_name), "%s%d", COOKIE_PREFIX, s->port);
	for (int i = 0; i < n; i++)
		s->workers[i].started =
		    !pthread_create(&s->workers[i].thread, NULL, worker_main, &s->workers[i]);
	if (pthread_create(&s->reaper, NULL, reaper, s)) {
		web_stop(s);
		return error_set("cannot start a thread: %s", strerror(errno));
	}
	*out = s;
	return 0;
}

int web_port(const struct web_server *s)
{
	return s->port;
}

void web_stop(struct web_server *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->queue_lock);
	s->stopping = 1;
	pthread_cond_broadcast(&s->queue_cond);
	pthread_cond_broadcast(&s->stop_cond);
	pthread_mutex_unlock(&s->queue_lock);
	/* The workers answer what was asked before they end: no connection stays asleep. */
	for (int i = 0; i < s->nworkers; i++)
		if (s->workers[i].started)
			pthread_join(s->workers[i].thread, NULL);
	if (s->reaper)
		pthread_join(s->reaper, NULL);
	if (s->daemon)
		mhd.MHD_stop_daemon(s->daemon);
	for (int i = 0; i < s->nworkers; i++)
		coach_release(&s->workers[i].own.coach);
	free(s->workers);
	for (size_t i = 0; i < s->nstatics; i++) {
		mhd.MHD_destroy_response(s->statics[i].ok);
		mhd.MHD_destroy_response(s->statics[i].not_modified);
	}
	free(s->statics);
	for (size_t i = 0; i < CACHE_ENTRIES; i++)
		cached_clear(s, &s->cache[i]);
	for (size_t i = 0; i < s->nfigs; i++) {
		free(s->figs[i].key);
		strbuf_release(&s->figs[i].bytes);
	}
	free(s->figs);
	if (s->figures)
		figure_set_free(s->figures);
	web_session_free(s->session);
	pthread_key_delete(s->probe_key);
	pthread_mutex_destroy(&s->auth_lock);
	pthread_mutex_destroy(&s->figure_lock);
	pthread_mutex_destroy(&s->session_lock);
	pthread_mutex_destroy(&s->cache_lock);
	pthread_mutex_destroy(&s->conn_lock);
	pthread_mutex_destroy(&s->queue_lock);
	pthread_cond_destroy(&s->queue_cond);
	pthread_cond_destroy(&s->stop_cond);
	free(s);
}
