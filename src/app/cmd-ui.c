/* `hipcoach ui`: serves the web app from this binary and database, with a QR code for a phone on
 * the same network. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <qrencode.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "lib/dlib.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "web.h"

static const struct opt opts[] = {
    {"port", 'p', "N", "port to listen on, 0 for any free port (default: 8417)"},
    {"listen", 0, "ADDR",
     "address to listen on (default: 127.0.0.1); 0.0.0.0 lets a phone on the same "
     "network in, with an access token"},
    {"no-open", 0, NULL, "do not open a browser"},
    {0},
};

#define DEFAULT_PORT 8417

/* libqrencode, loaded when a code is printed: only `ui` beyond loopback shows one (lib/dlib.h). */
static struct {
	DLIB_FN(QRcode_encodeString);
	DLIB_FN(QRcode_free);
} qr_fn;

static struct dlib qr_lib = {.soname = "libqrencode.so.4", .package = "libqrencode4"};

static const struct dlib_sym qr_syms[] = {
    DLIB_SYM(qr_fn, QRcode_encodeString),
    DLIB_SYM(qr_fn, QRcode_free),
    {0},
};

/*
 * Prints a QR code with half-block characters, two modules per character
 * cell, light modules drawn (terminals are usually dark), with a quiet
 * zone of two modules.
 */
static void print_qr(const char *text)
{
	QRcode *qr;
	const int quiet = 2;
	int n;

	/* The address is printed above: without the library the server is still usable. */
	if (dlib_open(&qr_lib, qr_syms)) {
		warning("cannot show a QR code: %s", error_last());
		return;
	}
	qr = qr_fn.QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	if (!qr)
		return;
	n = qr->width + 2 * quiet;
	for (int y = 0; y < n; y += 2) {
		fputs("  ", stdout);
		for (int x = 0; x < n; x++) {
			int top, bottom;
			int mx = x - quiet, my = y - quiet;

			top = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
			      (qr->data[my * qr->width + mx] & 1);
			my++;
			bottom = y + 1 < n && mx >= 0 && my >= 0 && mx < qr->width &&
				 my < qr->width && (qr->data[my * qr->width + mx] & 1);
			if (y + 1 >= n)
				bottom = 1; /* below the code: dark, like the terminal */
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
	qr_fn.QRcode_free(qr);
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

/* Opens the URL in a browser, silently: a grandchild does it, so nothing is left to reap. */
static void open_browser(const char *url)
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
		execlp("xdg-open", "xdg-open", url, (char *)NULL);
		execlp("sensible-browser", "sensible-browser", url, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *v, *listen = arg_get(cmd, args, "listen");
	long port = DEFAULT_PORT;
	struct web_config cfg = {0};
	struct web *w;
	sigset_t set;
	char host[64], url[256];
	int sig, any;

	if ((v = arg_get(cmd, args, "port")) && parse_long_str(v, 0, 65535, &port))
		return usage_error(cmd, "--port takes a number from 0 to 65535, not '%s'", v);
	if (!listen)
		listen = "127.0.0.1";
	if (app_program(app) || app_store(app, 0))
		return 1;
	cfg.listen = listen;
	cfg.port = (int)port;
	cfg.need_token = !web_is_loopback(listen);

	/* Signals wait for sigwait() below; the server's thread inherits the mask. */
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
	if (!cfg.need_token) {
		snprintf(url, sizeof(url), "http://%s%s%s:%d/", strchr(listen, ':') ? "[" : "",
			 listen, strchr(listen, ':') ? "]" : "", web_port(w));
		printf("hipcoach is serving %s\n", url);
	} else {
		if (!any || lan_address(host, sizeof(host)))
			snprintf(host, sizeof(host), "%s%s%s", strchr(listen, ':') ? "[" : "",
				 any ? "127.0.0.1" : listen, strchr(listen, ':') ? "]" : "");
		snprintf(url, sizeof(url), "http://%s:%d/?token=%s", host, web_port(w),
			 web_token(w));
		printf("hipcoach is serving %s\n\n", url);
		printf(
		    "On your phone, on the same Wi-Fi, scan this code (or type the address):\n\n");
		print_qr(url);
		printf("\nThe link holds a one-off access key: anyone with it can see and change "
		       "your record\nwhile this runs. Nothing is sent beyond your network.\n");
	}
	printf("Press Ctrl-C to stop.\n");
	fflush(stdout);
	if (!arg_has(cmd, args, "no-open")) {
		char local[256];

		if (cfg.need_token && any)
			snprintf(local, sizeof(local), "http://127.0.0.1:%d/?token=%s", web_port(w),
				 web_token(w));
		else
			snprintf(local, sizeof(local), "%s", url);
		open_browser(local);
	}
	while (sigwait(&set, &sig))
		;
	web_stop(w);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	printf("\nhipcoach stopped; everything is saved.\n");
	return 0;
}

const struct command cmd_ui = {
    .name = "ui",
    .summary = "do your sessions and see your record in a web browser",
    .usage = "[--port N] [--listen ADDR] [--no-open]",
    .help = "Serves hipcoach's web app from this program and your database, and opens\n"
	    "it in your browser. It shows what is due today, guides you through a session\n"
	    "full screen (a large timer, the drawing and steps of each exercise, spoken\n"
	    "cues, the screen kept awake), and charts your pain, sessions and running.\n"
	    "Every step is saved as it happens; reloading the page carries on.\n"
	    "\n"
	    "By default only this computer can connect (127.0.0.1). With --listen 0.0.0.0\n"
	    "a phone on the same Wi-Fi can: hipcoach prints an address with a random\n"
	    "access key and a QR code to scan, and refuses every request without the key.\n"
	    "\n"
	    "Ctrl-C stops it; nothing is lost.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_DAILY,
};
