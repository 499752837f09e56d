/* `hipcoach ui`: serves the web app from this binary and database, lets a browser in through a
 * one-time link (a QR code for a phone on the same network), and prints new links. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "lib/dlib.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "qr.h"
#include "web.h"

static const struct opt opts[] = {
    {"port", 'p', "N", "port to listen on, 0 for any free port (default: 8417)"},
    {"listen", 0, "ADDR",
     "address to listen on (default: 127.0.0.1); 0.0.0.0 lets a phone on the same "
     "network in, through the printed link or its QR code"},
    {"no-open", 0, NULL, "do not open a browser"},
    {"new-link", 0, NULL,
     "print a new link to the hipcoach ui already running on this database, for one "
     "more browser or phone"},
    {0},
};

#define DEFAULT_PORT 8417

/*
 * Prints a QR code with half-block characters, two modules per character
 * cell, light modules drawn (terminals are usually dark), with a quiet
 * zone of two modules.
 */
static void print_qr(const char *text)
{
	struct qr qr;
	const int quiet = 2;
	int n;

	/* The address is printed above: without the library the server is still usable. */
	if (qr_encode(text, &qr)) {
		warning("cannot show a QR code: %s", error_last());
		return;
	}
	n = qr.width + 2 * quiet;
	for (int y = 0; y < n; y += 2) {
		fputs("  ", stdout);
		for (int x = 0; x < n; x++) {
			int top = qr_dark(&qr, x - quiet, y - quiet);
			/* below the code: dark, like the terminal */
			int bottom = y + 1 >= n || qr_dark(&qr, x - quiet, y + 1 - quiet);

			if (!top && !bottom)
				fputs("█", stdout);
			else if (!top)
				fputs("▀", stdout);
			else if (!bottom)
				fputs("▄", stdout);
			else
				putchar(' ');
		}
		putchar('\n');
	}
	qr_release(&qr);
}

/* The first IPv4 address of an interface that is up and not loopback: what a phone can reach. */
static int lan_address(char *buf, size_t len)
{
	struct ifaddrs *ifs, *i;
	int found = 0;

	if (getifaddrs(&ifs))
		return -1;
	for (i = ifs; i && !found; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET ||
		    (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP))
			continue;
		found = inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, buf,
				  (socklen_t)len) != NULL;
	}
	freeifaddrs(ifs);
	return found ? 0 : -1;
}

/* Opens `target` (a file) in a browser, silently: a grandchild does it, so nothing is left to reap.
 */
static void open_browser(const char *target)
{
	pid_t pid = fork();

	if (pid < 0)
		return;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (fork() != 0)
			_exit(0);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execlp("xdg-open", "xdg-open", target, (char *)NULL);
		execlp("sensible-browser", "sensible-browser", target, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

/*
 * The directory of the files a running server leaves for its owner (the
 * browser's way in, and the key for --new-link): $XDG_RUNTIME_DIR/hipcoach,
 * else $XDG_DATA_HOME/hipcoach/run (~/.local/share/hipcoach/run), made
 * if missing, and only ever the owner's (0700). 0, or -1 after error_set().
 */
static int runtime_dir(struct strbuf *dir)
{
	const char *rt = getenv("XDG_RUNTIME_DIR"), *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;
	struct stat st;

	strbuf_reset(dir);
	if (rt && *rt == '/' && !stat(rt, &st) && S_ISDIR(st.st_mode)) {
		strbuf_addf(dir, "%s/hipcoach", rt);
	} else if (data && *data == '/') {
		strbuf_addf(dir, "%s/hipcoach/run", data);
	} else if (home && *home) {
		strbuf_addf(dir, "%s/.local/share/hipcoach/run", home);
	} else {
		return error_set("no place for the link file: set HOME or XDG_RUNTIME_DIR");
	}
	/* Every missing parent, as mkdir -p would, each only the owner's. */
	for (size_t i = 1; i <= dir->len; i++) {
		if (i < dir->len && dir->buf[i] != '/')
			continue;
		strbuf_reset(&sb);
		strbuf_add(&sb, dir->buf, i);
		if (mkdir(sb.buf, 0700) && errno != EEXIST) {
			error_set("cannot make '%s': %s", sb.buf, strerror(errno));
			strbuf_release(&sb);
			return -1;
		}
	}
	strbuf_release(&sb);
	if (lstat(dir->buf, &st) || !S_ISDIR(st.st_mode) || st.st_uid != getuid())
		return error_set("'%s' is not a directory of yours", dir->buf);
	if ((st.st_mode & 077) && chmod(dir->buf, 0700))
		return error_set("cannot make '%s' private: %s", dir->buf, strerror(errno));
	return 0;
}

/* Writes `text` to a new file only the owner can read (0600). 0, or -1 after error_set(). */
static int write_private(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set("cannot write '%s': %s", path, strerror(errno));
	if (fchmod(fd, 0600) || write(fd, text, len) != (ssize_t)len) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

/* Where a link points: the address a browser uses, and whether a phone can (a QR code then). */
struct where {
	char base[160]; /* "http://HOST:PORT/" */
	int lan;
};

static void link_url(const struct where *wh, const char *token, char *url, size_t len)
{
	snprintf(url, len, "%s?token=%s", wh->base, token);
}

/* A link as the terminal shows it: the address, and a QR code when a phone can open it. */
static void print_link(const struct where *wh, const char *token)
{
	char url[256];

	link_url(wh, token, url, sizeof(url));
	printf("%s\n", url);
	if (wh->lan) {
		printf("\nOn your phone, on the same Wi-Fi, scan this code (or type the "
		       "address):\n\n");
		print_qr(url);
		putchar('\n');
	}
}

/*
 * The page the browser is opened with: a file only the owner can read, which
 * sends the browser on to a link. Neither the link nor its token is ever in a
 * command line another user could see.
 */
static int write_open_page(const char *path, const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	strbuf_addf(&sb,
		    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		    "<meta http-equiv=\"refresh\" content=\"0;url=%s\">\n"
		    "<title>hipcoach</title></head>\n"
		    "<body><p>Opening <a href=\"%s\">hipcoach</a>…</p></body></html>\n",
		    url, url);
	r = write_private(path, sb.buf);
	strbuf_release(&sb);
	return r;
}

/* The database's path as a running server names it, to find that server again. */
static char *database_path(struct app *app)
{
	char *p = store_default_path(app->coach.db_path), real[PATH_MAX];

	if (realpath(p, real)) {
		free(p);
		return xstrdup(real);
	}
	return p;
}

/*
 * `ui --new-link`: finds the server running on this database (its file in
 * the runtime directory), asks it for a new link with the owner key, and
 * prints the link.
 */
static int new_link(struct app *app)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, req = STRBUF_INIT, resp = STRBUF_INIT;
	char *db = database_path(app);
	struct where wh = {{0}, 0};
	char connect_to[64] = "", key[WEB_SECRET_HEX + 1] = "", token[WEB_SECRET_HEX + 1] = "";
	int port = 0, ret = 1, fd = -1;
	DIR *d = NULL;
	struct dirent *e;

	if (runtime_dir(&dir) || !(d = opendir(dir.buf))) {
		error("no hipcoach ui is running for %s", db);
		goto out;
	}
	while ((e = readdir(d)) && !port) {
		json_t *info;
		json_int_t pid;
		const char *k, *c, *b, *database;

		if (strncmp(e->d_name, "ui-", 3) || !strstr(e->d_name, ".json"))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir.buf, e->d_name);
		info = json_load_file(path.buf, 0, NULL);
		if (!info)
			continue;
		pid = json_integer_value(json_object_get(info, "pid"));
		database = json_string_value(json_object_get(info, "database"));
		k = json_string_value(json_object_get(info, "key"));
		c = json_string_value(json_object_get(info, "connect"));
		b = json_string_value(json_object_get(info, "base"));
		if (pid > 0 && kill((pid_t)pid, 0) == 0 && database && !strcmp(database, db) && k &&
		    c && b && strlen(k) == WEB_SECRET_HEX) {
			port = (int)json_integer_value(json_object_get(info, "port"));
			snprintf(key, sizeof(key), "%s", k);
			snprintf(connect_to, sizeof(connect_to), "%s", c);
			snprintf(wh.base, sizeof(wh.base), "%s", b);
			wh.lan = json_is_true(json_object_get(info, "lan"));
		}
		json_decref(info);
	}
	if (!port) {
		error("no hipcoach ui is running for %s; start one with 'hipcoach ui'", db);
		goto out;
	}
	{
		struct sockaddr_storage ss;
		socklen_t len;
		char buf[4096];
		ssize_t n;
		json_t *v;
		const char *body, *t;

		memset(&ss, 0, sizeof(ss));
		if (inet_pton(AF_INET, connect_to, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
			ss.ss_family = AF_INET;
			((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)port);
			len = sizeof(struct sockaddr_in);
		} else {
			inet_pton(AF_INET6, connect_to, &((struct sockaddr_in6 *)&ss)->sin6_addr);
			ss.ss_family = AF_INET6;
			((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
			len = sizeof(struct sockaddr_in6);
		}
		fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len)) {
			error("cannot reach hipcoach ui on port %d: %s", port, strerror(errno));
			goto out;
		}
		strbuf_addf(&req,
			    "POST /api/link HTTP/1.1\r\nHost: %s%s%s:%d\r\nAuthorization: Bearer "
			    "%s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
			    strchr(connect_to, ':') ? "[" : "", connect_to,
			    strchr(connect_to, ':') ? "]" : "", port, key);
		if (write(fd, req.buf, req.len) != (ssize_t)req.len) {
			error("cannot reach hipcoach ui on port %d: %s", port, strerror(errno));
			goto out;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0 && resp.len < 65536)
			strbuf_add(&resp, buf, (size_t)n);
		body = strstr(resp.buf ? resp.buf : "", "\r\n\r\n");
		v = body && !strncmp(resp.buf, "HTTP/1.1 201", 12) ? json_loads(body + 4, 0, NULL)
								   : NULL;
		t = json_string_value(json_object_get(v, "token"));
		if (t && strlen(t) == WEB_SECRET_HEX)
			snprintf(token, sizeof(token), "%s", t);
		json_decref(v);
		if (!*token) {
			error("hipcoach ui on port %d did not give a new link", port);
			goto out;
		}
	}
	printf("A new link, for one browser, once, within %d minutes:\n", WEB_LINK_TTL_S / 60);
	print_link(&wh, token);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (d)
		closedir(d);
	free(db);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&req);
	strbuf_release(&resp);
	return ret;
}

/* What the server leaves in the runtime directory while it runs; removed when it stops. */
struct runtime_files {
	struct strbuf info, open_page;
};

/* ui-PID.json: how `ui --new-link` finds this server and asks it for a link. */
static int write_info(struct app *app, struct web_server *w, const struct where *wh,
		      const char *connect_to, struct runtime_files *rf)
{
	struct strbuf dir = STRBUF_INIT;
	char *db = database_path(app), *text;
	json_t *info;
	int r;

	if (runtime_dir(&dir)) {
		free(db);
		strbuf_release(&dir);
		return -1;
	}
	strbuf_addf(&rf->info, "%s/ui-%ld.json", dir.buf, (long)getpid());
	strbuf_addf(&rf->open_page, "%s/ui-%ld-open.html", dir.buf, (long)getpid());
	info = json_pack("{s:I, s:i, s:s, s:s, s:b, s:s, s:s}", "pid", (json_int_t)getpid(), "port",
			 web_port(w), "connect", connect_to, "base", wh->base, "lan", wh->lan,
			 "database", db, "key", web_owner_key(w));
	text = json_dumps(info, JSON_INDENT(2));
	r = write_private(rf->info.buf, text);
	free(text);
	json_decref(info);
	free(db);
	strbuf_release(&dir);
	return r;
}

/* A new link, printed: on Enter in the terminal, and at the start. */
static void announce_link(struct web_server *w, const struct where *wh)
{
	char token[WEB_SECRET_HEX + 1];

	if (web_new_link(w, token)) {
		error("%s", error_last());
		return;
	}
	printf("\nA new link, for one browser, once, within %d minutes:\n", WEB_LINK_TTL_S / 60);
	print_link(wh, token);
	fflush(stdout);
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *v, *listen = arg_get(cmd, args, "listen");
	long port = DEFAULT_PORT;
	struct web_config cfg = {0};
	struct web_server *w;
	struct runtime_files rf = {STRBUF_INIT, STRBUF_INIT};
	struct where wh = {{0}, 0};
	char host[64], connect_to[64], token[WEB_SECRET_HEX + 1];
	sigset_t set;
	/* Keys are read only in the foreground: a background read would stop the server. */
	int any, sfd, keys = isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp(),
		      opened = 0;

	if (arg_has(cmd, args, "new-link")) {
		if (listen || arg_get(cmd, args, "port") || arg_has(cmd, args, "no-open"))
			return usage_error(cmd, "--new-link asks the running server; it takes no "
						"other option");
		return new_link(app);
	}
	if ((v = arg_get(cmd, args, "port")) && parse_long_str(v, 0, 65535, &port))
		return usage_error(cmd, "--port takes a number from 0 to 65535, not '%s'", v);
	if (!listen)
		listen = "127.0.0.1";
	if (app_program(app) || app_store(app, 0))
		return 1;
	cfg.listen = listen;
	cfg.port = (int)port;

	/* Signals wait for the loop below; the server's threads inherit the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (web_start(&w, app, &cfg)) {
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return error("%s", error_last());
	}
	any = !strcmp(listen, "0.0.0.0") || !strcmp(listen, "::");
	wh.lan = !web_is_loopback(listen);
	if (!any || lan_address(host, sizeof(host)))
		snprintf(host, sizeof(host), "%s%s%s", strchr(listen, ':') ? "[" : "",
			 any ? "127.0.0.1" : listen, strchr(listen, ':') ? "]" : "");
	snprintf(wh.base, sizeof(wh.base), "http://%s:%d/", host, web_port(w));
	snprintf(connect_to, sizeof(connect_to), "%s",
		 !strcmp(listen, "0.0.0.0") ? "127.0.0.1"
		 : !strcmp(listen, "::")    ? "::1"
					    : listen);
	if (write_info(app, w, &wh, connect_to, &rf))
		warning("%s; 'hipcoach ui --new-link' will not find this server", error_last());
	if (web_new_link(w, token)) {
		web_stop(w);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return error("%s", error_last());
	}
	printf("hipcoach is serving ");
	print_link(&wh, token);
	printf("\nThe link lets one %s in, once, within %d minutes; it then stays in\n"
	       "while hipcoach runs.",
	       wh.lan ? "browser or phone" : "browser", WEB_LINK_TTL_S / 60);
	if (wh.lan)
		printf(" Anyone with the link could see and change your record.\n"
		       "Nothing is sent beyond your network.");
	printf("\n%s 'hipcoach ui --new-link' for another link.\n",
	       keys ? "Press Enter here, or run" : "Run");
	printf("Press Ctrl-C to stop.\n");
	fflush(stdout);
	if (!arg_has(cmd, args, "no-open") && rf.open_page.len) {
		char local[256], page_token[WEB_SECRET_HEX + 1];
		struct where here = wh;

		/* This computer's browser goes by loopback when it can, with a link of its own. */
		if (any)
			snprintf(here.base, sizeof(here.base), "http://%s:%d/",
				 !strcmp(listen, "::") ? "[::1]" : "127.0.0.1", web_port(w));
		if (!web_new_link(w, page_token)) {
			link_url(&here, page_token, local, sizeof(local));
			if (!write_open_page(rf.open_page.buf, local)) {
				open_browser(rf.open_page.buf);
				opened = 1;
			} else {
				warning("%s", error_last());
			}
		}
	}

	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	for (;;) {
		struct pollfd pf[2] = {{.fd = sfd, .events = POLLIN},
				       {.fd = keys ? STDIN_FILENO : -1, .events = POLLIN}};
		struct signalfd_siginfo si;

		if (sfd < 0) {
			int sig;

			sigwait(&set, &sig);
			break;
		}
		if (poll(pf, 2, -1) < 0)
			continue;
		if (pf[0].revents) {
			if (read(sfd, &si, sizeof(si)) == sizeof(si))
				break;
			continue;
		}
		if (pf[1].revents) {
			char buf[256];
			ssize_t n;

			if (tcgetpgrp(STDIN_FILENO) != getpgrp()) {
				keys = 0;
				continue;
			}
			n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n <= 0)
				keys = 0;
			else if (memchr(buf, '\n', (size_t)n))
				announce_link(w, &wh);
		}
	}
	if (sfd >= 0)
		close(sfd);
	web_stop(w);
	if (rf.info.len)
		unlink(rf.info.buf);
	if (opened)
		unlink(rf.open_page.buf);
	strbuf_release(&rf.info);
	strbuf_release(&rf.open_page);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	printf("\nhipcoach stopped; everything is saved.\n");
	return 0;
}

const struct command cmd_ui = {
    .name = "ui",
    .summary = "do your sessions and see your record in a web browser",
    .usage = "[--port N] [--listen ADDR] [--no-open] | --new-link",
    .help = "Serves hipcoach's web app from this program and your database, and opens\n"
	    "it in your browser. It shows what is due today, guides you through a session\n"
	    "full screen (a large timer, the drawing and steps of each exercise, spoken\n"
	    "cues, the screen kept awake), and charts your pain, sessions and running.\n"
	    "Every step is saved as it happens; reloading the page carries on.\n"
	    "\n"
	    "Only a browser let in by a link can connect, even on this computer: other\n"
	    "people's accounts on it cannot read or change your record. hipcoach prints\n"
	    "the link, and opens your browser through a file only you can read. A link\n"
	    "lets one browser in, once, within 10 minutes; that browser then stays in\n"
	    "(a cookie) while hipcoach runs. For another browser or a phone, press Enter\n"
	    "where hipcoach ui runs, or run 'hipcoach ui --new-link' in another terminal.\n"
	    "\n"
	    "By default only this computer can connect (127.0.0.1). With --listen 0.0.0.0\n"
	    "a phone on the same Wi-Fi can: hipcoach prints the link with a QR code to\n"
	    "scan.\n"
	    "\n"
	    "Ctrl-C stops it; nothing is lost.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_DAILY,
};
