/* What every command shares: argument parsing, lazy loading of store, program and profile, and
 * output helpers. */
#include "app.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "lib/error.h"
#include "lib/xalloc.h"
#include "core/safety.h"
#include "store/profile.h"
#include "store/screening.h"

static int opt_index(const struct command *cmd, const char *name, size_t len)
{
	for (int i = 0; cmd->opts && cmd->opts[i].name; i++)
		if (strlen(cmd->opts[i].name) == len && !strncmp(cmd->opts[i].name, name, len))
			return i;
	return -1;
}

static int opt_short(const struct command *cmd, int c)
{
	for (int i = 0; cmd->opts && cmd->opts[i].name; i++)
		if (cmd->opts[i].short_name == c)
			return i;
	return -1;
}

/* "unknown option '--jsn'", with "did you mean '--json'?" when one of the command's is close. */
static int unknown_option(const struct command *cmd, const char *name, size_t len)
{
	const char *cands[34] = {"help", "db", "program"};
	char *word = xstrndup(name, len);
	const char *pick;
	size_t n = 3;

	for (int i = 0; cmd->opts && cmd->opts[i].name && n < ARRAY_SIZE(cands); i++)
		cands[n++] = cmd->opts[i].name;
	pick = did_you_mean(word, cands, n);
	free(word);
	if (pick)
		return usage_error(cmd, "unknown option '--%.*s' (did you mean '--%s'?)", (int)len,
				   name, pick);
	return usage_error(cmd, "unknown option '--%.*s'", (int)len, name);
}

int args_parse(const struct command *cmd, int argc, char **argv, struct args *args)
{
	int only_pos = 0;

	memset(args, 0, sizeof(*args));
	args->pos = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int idx;

		if (only_pos || a[0] != '-' || !a[1]) {
			args->pos[args->npos++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			command_print_help(cmd, stdout);
			return 1;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			idx = opt_index(cmd, a + 2, len);
			if (idx < 0)
				return unknown_option(cmd, a + 2, len);
			if (!cmd->opts[idx].arg) {
				if (eq)
					return usage_error(cmd, "option '--%s' takes no value",
							   cmd->opts[idx].name);
				args->value[idx] = "";
			} else if (eq) {
				args->value[idx] = eq + 1;
			} else if (i + 1 < argc) {
				args->value[idx] = argv[++i];
			} else {
				return usage_error(cmd, "option '--%s' needs a value (%s)",
						   cmd->opts[idx].name, cmd->opts[idx].arg);
			}
			continue;
		}
		idx = opt_short(cmd, a[1]);
		if (idx < 0)
			return usage_error(cmd, "unknown option '-%c'", a[1]);
		if (!cmd->opts[idx].arg) {
			if (a[2])
				return usage_error(cmd, "unknown option '%s'", a);
			args->value[idx] = "";
		} else if (a[2]) {
			args->value[idx] = a + 2;
		} else if (i + 1 < argc) {
			args->value[idx] = argv[++i];
		} else {
			return usage_error(cmd, "option '-%c' needs a value (%s)", a[1],
					   cmd->opts[idx].arg);
		}
	}
	if (args->npos < cmd->min_pos)
		return usage_error(cmd, "'%s' needs more arguments", cmd->name);
	if (cmd->max_pos >= 0 && args->npos > cmd->max_pos)
		return usage_error(cmd, "unexpected argument '%s'", args->pos[cmd->max_pos]);
	return 0;
}

const char *arg_get(const struct command *cmd, const struct args *args, const char *name)
{
	int idx = opt_index(cmd, name, strlen(name));

	if (idx < 0)
		BUG("command '%s' has no option '%s'", cmd->name, name);
	return args->value[idx];
}

int arg_has(const struct command *cmd, const struct args *args, const char *name)
{
	return arg_get(cmd, args, name) != NULL;
}

int usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("hipcoach: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "usage: hipcoach %s%s%s\n", cmd->name, *cmd->usage ? " " : "",
			cmd->usage);
	else
		fputs("usage: hipcoach [--db PATH] [--program FILE] COMMAND [ARGS]\n"
		      "       hipcoach help       (lists the commands)\n",
		      stderr);
	return 2;
}

int usage_error_line(const char *name, const char *usage, const char *fmt, ...)
{
	const struct command cmd = {.name = name, .usage = usage};
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ret = usage_error(&cmd, "%s", msg.buf);
	strbuf_release(&msg);
	return ret;
}

/* Edits (insert, delete, change, swap two neighbours) from a to b, ignoring case; both short. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *d, r;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	d = xcalloc((la + 1) * (lb + 1), sizeof(*d));
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (size_t i = 0; i <= la; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= lb; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost =
			    tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			size_t best = D(i - 1, j) + 1;

			if (D(i, j - 1) + 1 < best)
				best = D(i, j - 1) + 1;
			if (D(i - 1, j - 1) + cost < best)
				best = D(i - 1, j - 1) + cost;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    D(i - 2, j - 2) + 1 < best)
				best = D(i - 2, j - 2) + 1;
			D(i, j) = best;
		}
	}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

const char *did_you_mean(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word), best = (size_t)-1, prefixes = 0;
	/* A typo: one edit in a short word, two in a longer one, three in a long one. */
	size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *pick = NULL, *prefix = NULL;

	if (!len)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		if (len >= 2 && len < strlen(cands[i]) && !strncasecmp(cands[i], word, len)) {
			if (!prefix)
				prefix = cands[i], prefixes = 1;
			else if (strcmp(prefix, cands[i]))
				prefixes++;
		}
	}
	if (prefixes == 1)
		return prefix;
	for (size_t i = 0; i < n; i++) {
		size_t e;

		if (!cands[i])
			continue;
		e = edit_distance(word, cands[i]);
		if (e <= limit && e < best) {
			best = e;
			pick = cands[i];
		}
	}
	return pick;
}

void command_print_help(const struct command *cmd, FILE *out)
{
	int width = 0;

	fprintf(out, "usage: hipcoach %s%s%s\n\n", cmd->name, *cmd->usage ? " " : "", cmd->usage);
	fprintf(out, "%s\n", cmd->help);
	if (!cmd->opts || !cmd->opts[0].name)
		return;
	for (int i = 0; cmd->opts[i].name; i++) {
		int w = (int)strlen(cmd->opts[i].name) + 2 +
			(cmd->opts[i].arg ? (int)strlen(cmd->opts[i].arg) + 1 : 0) +
			(cmd->opts[i].short_name ? 4 : 0);

		if (w > width)
			width = w;
	}
	fputs("\noptions:\n", out);
	for (int i = 0; cmd->opts[i].name; i++) {
		const struct opt *o = &cmd->opts[i];
		char buf[128];

		snprintf(buf, sizeof(buf), "%s%c%s--%s%s%s", o->short_name ? "-" : "",
			 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "", o->name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-*s  %s\n", width, o->short_name ? buf : buf + 1, o->help);
	}
}

int app_store(struct app *app, int readonly)
{
	return coach_store(&app->coach, readonly) ? error("%s", error_last()) : 0;
}

int app_program(struct app *app)
{
	return coach_program(&app->coach) ? error("%s", error_last()) : 0;
}

int app_profile(struct app *app)
{
	return coach_profile(&app->coach) ? error("%s", error_last()) : 0;
}

const struct plan_input *app_input(struct app *app)
{
	const struct plan_input *in = coach_input(&app->coach);

	if (!in)
		error("%s", error_last());
	return in;
}

int app_status(struct app *app, struct status *s)
{
	return coach_status(&app->coach, s) ? error("%s", error_last()) : 0;
}

int app_load_report(struct app *app, struct load_report *r)
{
	return coach_load_report(&app->coach, r) ? error("%s", error_last()) : 0;
}

void app_recorded(struct app *app)
{
	if (coach_after_record(&app->coach))
		warning("%s", error_last());
}

void app_running_reminder(struct app *app)
{
	if (coach_running_paused(&app->coach) > 0) {
		printf("\n%s", sty_red(app));
		print_wrapped("", safety_running_paused_text,
			      term_width() < 80 ? term_width() : 80);
		printf("%s", sty_reset(app));
	}
}

void app_release(struct app *app)
{
	coach_release(&app->coach);
}

void text_wrap(const char *text, int width, void (*line)(const char *s, void *data), void *data)
{
	struct strbuf cur = STRBUF_INIT, word = STRBUF_INIT;
	const char *p = text;

	for (;;) {
		size_t n = strcspn(p, " \n");

		strbuf_reset(&word);
		strbuf_add(&word, p, n);
		if (cur.len && display_width(cur.buf) + 1 + display_width(word.buf) > width) {
			line(cur.buf, data);
			strbuf_reset(&cur);
		}
		if (word.len) {
			if (cur.len)
				strbuf_addch(&cur, ' ');
			strbuf_addstr(&cur, word.buf);
		}
		p += n;
		if (*p == '\n') {
			line(cur.buf, data);
			strbuf_reset(&cur);
		}
		if (!*p)
			break;
		p++;
	}
	if (cur.len)
		line(cur.buf, data);
	strbuf_release(&cur);
	strbuf_release(&word);
}

static void print_plain_line(const char *s, void *data)
{
	printf("%s%s\n", (const char *)data, s);
}

void print_wrapped(const char *indent, const char *text, int width)
{
	text_wrap(text, width - display_width(indent), print_plain_line, (void *)indent);
}

struct hanging {
	const char *first;
	int pad, lines;
};

static void print_hanging_line(const char *s, void *data)
{
	struct hanging *h = data;

	if (h->lines++)
		printf("%*s%s\n", h->pad, "", s);
	else
		printf("%s%s\n", h->first, s);
}

void print_hanging(const char *first, const char *text, int width)
{
	struct hanging h = {first, display_width(first), 0};

	text_wrap(text, width - h.pad, print_hanging_line, &h);
	if (!h.lines)
		printf("%s\n", first);
}

int json_print(json_t *v)
{
	char *text;
	int ret;

	if (!v)
		return error("cannot build JSON output");
	/* Built whole, then written at once: json_dumpf() calls fwrite() once per token. */
	text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(v);
	if (!text)
		return error("cannot build JSON output");
	ret = puts(text);
	free(text);
	return ret == EOF ? error("cannot write JSON output") : 0;
}

#define STYLE(fn, code)                                                                            \
	const char *fn(const struct app *app)                                                      \
	{                                                                                          \
		return app && app->color ? "\033[" code "m" : "";                                  \
	}
STYLE(sty_bold, "1")
STYLE(sty_dim, "2")
STYLE(sty_red, "1;31")
STYLE(sty_green, "32")
STYLE(sty_yellow, "33")
STYLE(sty_cyan, "36")
STYLE(sty_reset, "0")

int display_width(const char *s)
{
	mbstate_t st;
	int cols = 0;

	memset(&st, 0, sizeof(st));
	while (*s) {
		wchar_t wc;
		size_t n;
		int w;

		if (*s == '\033') {
			while (*s && *s != 'm')
				s++;
			if (*s)
				s++;
			continue;
		}
		n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			s++;
			cols++;
			continue;
		}
		w = wcwidth(wc);
		cols += w > 0 ? w : 0;
		s += n;
	}
	return cols;
}

void print_lr(const char *left, const char *right, int width)
{
	int pad = width - display_width(left) - display_width(right);

	fputs(left, stdout);
	for (int i = 0; i < (pad > 1 ? pad : 1); i++)
		putchar(' ');
	fputs(right, stdout);
	putchar('\n');
}

int term_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col >= 40)
		return ws.ws_col > 120 ? 120 : ws.ws_col;
	return 80;
}

char *prompt_line(const char *question, const char *dflt, int *eof)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	*eof = 0;
	if (dflt && *dflt)
		printf("%s [%s]: ", question, dflt);
	else
		printf("%s: ", question);
	fflush(stdout);
	n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		*eof = 1;
		putchar('\n');
		return dflt ? xstrdup(dflt) : NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
		line[--n] = '\0';
	if (!isatty(STDIN_FILENO))
		printf("%s\n", line);
	if (!n) {
		free(line);
		return dflt ? xstrdup(dflt) : xstrdup("");
	}
	return line;
}
