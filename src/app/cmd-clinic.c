/* `hipcoach clinic`: a clinic's server on PostgreSQL: its database (init), its therapists
 * (add-therapist), and the multi-user web server (serve). docs/clinic.md says how to run it. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clinic-secret.h"
#include "clinic.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "qr.h"
#include "store/auth.h"
#include "store/clinic.h"
#include "web.h"

static const struct opt opts[] = {
    {"pg", 0, "URL",
     "the clinic's PostgreSQL database, a postgresql:// URI as libpq takes it (default: "
     "$HIPCOACH_PG)"},
    {"email", 0, "E", "add-therapist: the therapist's email, which they log in with"},
    {"name", 0, "N", "add-therapist: the therapist's name, as patients see it"},
    {"clinic", 0, "NAME",
     "add-therapist: the clinic, made if there is none of that name (default: the only one)"},
    {"url", 0, "URL",
     "the address patients and therapists open, e.g. https://clinic.example.org (the "
     "reverse proxy's); links are made with it (default: http://ADDR:PORT)"},
    {"listen", 0, "ADDR", "serve: the address to listen on (default: 127.0.0.1)"},
    {"port", 'p', "N", "serve: the port to listen on (default: 8420)"},
    {"threads", 0, "N",
     "serve: workers answering requests, each with its own database connection (default: "
     "one per core, 2 to 16)"},
    {"secure", 0, NULL, "serve: behind TLS: cookies are Secure, and pages come from https://"},
    {0},
};

#define DEFAULT_PORT 8420
#define MAX_THREADS  64

/* The database of --pg or $HIPCOACH_PG, opened (and migrated) on the app's coach. */
static int open_db(struct app *app, const struct args *args)
{
	const char *url = arg_get(app->cmd, args, "pg");

	if (!url)
		url = getenv("HIPCOACH_PG");
	if (!url || !*url)
		return usage_error(app->cmd,
				   "name the clinic's database: --pg URL or $HIPCOACH_PG");
	if (strncmp(url, "postgresql://", 13) && strncmp(url, "postgres://", 11))
		return usage_error(app->cmd, "--pg takes a postgresql:// URI, not '%s'", url);
	app->coach.db_path = url;
	return app_store(app, 0) ? 1 : 0;
}

/* The address links start with: --url, else where the server listens by default. */
static void links_base(const struct command *cmd, const struct args *args, struct strbuf *out)
{
	const char *url = arg_get(cmd, args, "url");

	if (url)
		strbuf_addstr(out, url);
	else
		strbuf_addf(out, "http://127.0.0.1:%d", DEFAULT_PORT);
}

static int clinic_init(struct app *app, const struct args *args)
{
	int r = open_db(app, args);

	if (r)
		return r;
	printf("The clinic's database '%s' is ready.\n", app->coach.store.path);
	return 0;
}

static int add_therapist(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *email = arg_get(cmd, args, "email"), *name = arg_get(cmd, args, "name");
	const char *clinic_name = arg_get(cmd, args, "clinic");
	struct strbuf base = STRBUF_INIT, link = STRBUF_INIT;
	char token[CLINIC_TOKEN_HEX + 1], secret[CLINIC_TOKEN_HEX + 16];
	struct store *st = &app->coach.store;
	int64_t clinic = 0, login;
	int r;

	if (!email || !strchr(email, '@') || strlen(email) > 254)
		return usage_error(cmd,
				   "add-therapist needs --email, the address they log in with");
	if (!name || !*name || strlen(name) > 200)
		return usage_error(cmd, "add-therapist needs --name, as patients will see it");
	if ((r = open_db(app, args)))
		return r;
	if (clinic_name) {
		r = store_clinic_find(st, clinic_name, &clinic);
		if (r == 0 && !store_clinic_add(st, clinic_name, &clinic)) {
			printf("Added the clinic '%s'.\n", clinic_name);
			r = 1;
		}
		if (r < 0 || !clinic)
			return error("%s", error_last());
	} else {
		r = store_clinic_count(st, &clinic);
		if (r < 0)
			return error("%s", error_last());
		if (r == 0)
			return usage_error(cmd, "the database holds no clinic yet: name it with "
						"--clinic");
		if (r > 1)
			return usage_error(
			    cmd, "the database holds %d clinics: name one with --clinic", r);
	}
	r = store_therapist_add(st, clinic, name, email, &login);
	if (r < 0)
		return error("%s", error_last());
	if (r > 0)
		return error("'%s' has a login already", email);
	if (clinic_token(token) || store_password_link_add(st, login, token, CLINIC_LINK_TTL_S))
		return error("%s", error_last());
	snprintf(secret, sizeof(secret), "password=%s", token);
	links_base(cmd, args, &base);
	clinic_link(&link, base.buf, "/clinic.html", secret);
	printf("Added %s <%s>. Send them this link to set their password; it works once,\n"
	       "within %d days:\n\n  %s\n",
	       name, email, CLINIC_LINK_TTL_S / 86400, link.buf);
	strbuf_release(&base);
	strbuf_release(&link);
	return 0;
}

static int serve(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *v, *listen = arg_get(cmd, args, "listen");
	long port = DEFAULT_PORT, threads = 0;
	struct web_config cfg = {0};
	struct clinic_refresher *refresher;
	struct web_server *w;
	sigset_t set;
	int r, sig;

	if ((v = arg_get(cmd, args, "port")) && parse_long_str(v, 0, 65535, &port))
		return usage_error(cmd, "--port takes a number from 0 to 65535, not '%s'", v);
	if ((v = arg_get(cmd, args, "threads")) && parse_long_str(v, 1, MAX_THREADS, &threads))
		return usage_error(cmd, "--threads takes a number from 1 to %d, not '%s'",
				   MAX_THREADS, v);
	if ((v = arg_get(cmd, args, "url")) && strncmp(v, "http://", 7) &&
	    strncmp(v, "https://", 8))
		return usage_error(cmd, "--url is an http:// or https:// address, not '%s'", v);
	if ((r = open_db(app, args)))
		return r;
	/* The libraries the workers use, loaded before there are threads (lib/dlib.h). */
	if (app_program(app) || clinic_secret_init() || qr_init())
		return error("%s", error_last());
	cfg.listen = listen ? listen : "127.0.0.1";
	cfg.port = (int)port;
	cfg.threads = (int)threads;
	cfg.clinic = 1;
	cfg.secure = arg_has(cmd, args, "secure");
	cfg.url = arg_get(cmd, args, "url");

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (web_start(&w, app, &cfg)) {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return error("%s", error_last());
	}
	if (clinic_refresher_start(&refresher, app)) {
		web_stop(w);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return error("%s", error_last());
	}
	printf("hipcoach clinic is serving http://%s%s%s:%d/ (database '%s')\n",
	       strchr(cfg.listen, ':') ? "[" : "", cfg.listen, strchr(cfg.listen, ':') ? "]" : "",
	       web_port(w), app->coach.store.path);
	printf("Press Ctrl-C to stop.\n");
	fflush(stdout);
	sigwait(&set, &sig);
	clinic_refresher_stop(refresher);
	web_stop(w);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	printf("hipcoach clinic stopped.\n");
	return 0;
}

static int run(struct app *app, const struct args *args)
{
	const char *what = args->pos[0];

	if (!strcmp(what, "init"))
		return clinic_init(app, args);
	if (!strcmp(what, "add-therapist"))
		return add_therapist(app, args);
	if (!strcmp(what, "serve"))
		return serve(app, args);
	return usage_error(app->cmd, "unknown clinic command '%s' (init, add-therapist, serve)",
			   what);
}

const struct command cmd_clinic = {
    .name = "clinic",
    .summary = "run a clinic's server: many patients and their physical therapists",
    .usage = "init|add-therapist|serve [--pg URL] ...  (see 'hipcoach clinic --help')",
    .help = "Runs hipcoach for a physical therapy clinic, on a PostgreSQL database:\n"
	    "\n"
	    "  hipcoach clinic init --pg URL\n"
	    "  hipcoach clinic add-therapist --pg URL --email E --name N [--clinic NAME]\n"
	    "          [--url URL]\n"
	    "  hipcoach clinic serve --pg URL [--listen ADDR] [--port N] [--threads N]\n"
	    "          [--url URL] [--secure]\n"
	    "\n"
	    "init creates the clinic's tables in the database, or brings them up to this\n"
	    "version. add-therapist adds a therapist (and the clinic, the first time) and\n"
	    "prints a link that sets their password, once, within 7 days. serve answers\n"
	    "the therapists' pages (/clinic.html: their patients, the most urgent first,\n"
	    "and each one's record) and the patients' app (/), each patient seeing only\n"
	    "their own record, each therapist only their clinic's patients.\n"
	    "\n"
	    "Put it behind a reverse proxy that speaks TLS (nginx, caddy) and give --secure\n"
	    "and --url; several serve processes may share one database. docs/clinic.md\n"
	    "says how to set up the database, the proxy and the backups.",
    .opts = opts,
    .min_pos = 1,
    .max_pos = 1,
    .run = run,
    .group = GROUP_CLINIC,
};
