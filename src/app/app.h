/* The command layer: command table entries, option parsing, and what every command shares. */
#ifndef HIPCOACH_APP_H
#define HIPCOACH_APP_H

#include <jansson.h>
#include <stdio.h>

#include "coach/coach.h"
#include "coach/load.h"
#include "coach/status.h"
#include "coach/today.h"
#include "core/format.h"
#include "core/plan.h"
#include "core/program.h"
#include "lib/fileio.h"
#include "lib/strbuf.h"
#include "store/store.h"

/* One option of a command; tables end with an entry whose name is NULL. */
struct opt {
	const char *name; /* long name, without "--" */
	int short_name;	  /* 0: none */
	const char *arg;  /* NULL: a flag; else the value's placeholder, e.g. "N" */
	const char *help;
};

/* Parsed arguments: option values by table index, then the positional words. */
struct args {
	const char *value[32]; /* NULL: not given; "" for a given flag */
	char **pos;
	int npos;
};

struct app;

/* Where a command is listed in `hipcoach help`. */
enum command_group {
	GROUP_DAILY,
	GROUP_PROGRAM,
	GROUP_RECORD,
	GROUP_RUNNING,
	GROUP_EXPORT,
	GROUP_CLINIC,
	GROUP_OTHER,
	GROUP_COUNT
};
extern const char *const command_group_names[GROUP_COUNT];

/*
 * A subcommand: its help text lives here and nowhere else; `hipcoach help
 * CMD`, `CMD --help`, the man page and bash completion are generated from
 * it.
 */
struct command {
	const char *name;
	const char *summary; /* one line, lowercase, no full stop */
	const char *usage;   /* after "hipcoach NAME " */
	const char *help;    /* what it does, in paragraphs separated by blank lines */
	const struct opt *opts;
	int min_pos, max_pos; /* positional words accepted (-1: any number) */
	int (*run)(struct app *app, const struct args *args);
	enum command_group group;
};

/* What belongs to the command line: the command, colour and interactivity; the runner's world is
 * the coach's. */
struct app {
	const struct command *cmd;
	int color;	 /* stdout is a terminal and NO_COLOR is unset */
	int interactive; /* stdin and stdout are terminals */
	struct coach coach;
};

/*
 * The command table (main.c), gathered from every `const struct command
 * cmd_NAME` defined in src/app/cmd-*.c; ends with NULL.
 */
extern const struct command *const commands[];
const struct command *command_find(const char *name);

/*
 * Parses argv (after the command name) by the command's option table.
 * Returns 0, or 2 after printing a usage error. `--help` prints the
 * command's help and returns 1 (the caller exits 0).
 */
int args_parse(const struct command *cmd, int argc, char **argv, struct args *args);
/* The value of option `name` (NULL if not given). */
const char *arg_get(const struct command *cmd, const struct args *args, const char *name);
int arg_has(const struct command *cmd, const struct args *args, const char *name);

/* Prints "hipcoach: MESSAGE" and the command's usage line; returns 2. */
int usage_error(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * The same for a usage that is not a command's own, such as a subcommand
 * of `log`: "hipcoach: MESSAGE", then "usage: hipcoach NAME USAGE"; returns 2.
 */
int usage_error_line(const char *name, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void command_print_help(const struct command *cmd, FILE *out);

/*
 * The candidate closest to `word` when it is close enough to be a typo or a
 * shortening ("histroy" -> "history", "clam" -> "clamshell"), else NULL:
 * for "did you mean ...?" after an unknown command, option or exercise.
 * Case is ignored; `cands` has `n` entries (NULL entries are skipped).
 */
const char *did_you_mean(const char *word, const char *const *cands, size_t n);

/*
 * An exercise or one of its versions as a runner names it (`show`): its id,
 * a version's id, its number in `hipcoach exercises`, its name ("glute
 * bridge"), or a unique start of a word in either ("clam"). Exercises are
 * matched before their versions. 0 with *ex (and *v, or NULL) set; -1 with
 * a message (lowercase, no full stop) in `err`: several match, or none (with
 * "did you mean ...?" when one is close).
 */
int exercise_lookup(const struct program *prog, const char *query, const struct exercise **ex,
		    const struct variant **v, struct strbuf *err);
/* The exercise numbered `n` (from 1) in `hipcoach exercises`: strength first, then stretches. */
const struct exercise *exercise_by_number(const struct program *prog, long n);

/*
 * The coach's lazy loaders (coach.h) for a command: each prints its own error and returns -1.
 * app_store: opens (creating unless `readonly`) the database.
 * app_program: the program file (embedded default or --program).
 * app_profile: store + program + profile; fails with a hint to run setup
 * when there is no profile yet.
 * app_input: everything plan_build() needs.
 */
int app_store(struct app *app, int readonly);
int app_program(struct app *app);
int app_profile(struct app *app);
const struct plan_input *app_input(struct app *app);
void app_release(struct app *app);
/* coach_status() and coach_load_report() for a command: each prints its own error and returns -1.
 * Release the status either way. */
int app_status(struct app *app, struct status *s);
int app_load_report(struct app *app, struct load_report *r);
/* coach_after_record() after a command recorded something; a failure is a warning (the record
 * stands). */
void app_recorded(struct app *app);
/* Prints the reminder that running is paused, when it is (SAFETY.md section 1). */
void app_running_reminder(struct app *app);

/* Output helpers. */
/* Prints a JSON value to stdout (indented, keys in insertion order) and frees it. 0 or -1. */
int json_print(json_t *v);
/* ANSI styles, empty when colour is off. */
const char *sty_bold(const struct app *app);
const char *sty_dim(const struct app *app);
const char *sty_red(const struct app *app);
const char *sty_green(const struct app *app);
const char *sty_yellow(const struct app *app);
const char *sty_cyan(const struct app *app);
const char *sty_reset(const struct app *app);
/* Columns `s` takes on a terminal: UTF-8 aware, ANSI escapes excluded. */
int display_width(const char *s);
/* Prints left, spaces, and right so that right ends at column `width`. */
void print_lr(const char *left, const char *right, int width);
/* Splits text into lines of at most `width` columns at spaces and newlines; calls back with each.
 */
void text_wrap(const char *text, int width, void (*line)(const char *s, void *data), void *data);
/* Word-wraps `text` to `width` columns, each line prefixed by `indent`, to stdout. */
void print_wrapped(const char *indent, const char *text, int width);
/*
 * Word-wraps `text` to `width` columns after a marker ("  3. ", "  • "): the
 * marker once, on the first line; the lines after it are indented under the
 * text.
 */
void print_hanging(const char *first, const char *text, int width);
/* Terminal width (80 when not a terminal). */
int term_width(void);

/*
 * Line-mode prompt: prints `question` (and "[default]"), reads one line
 * from stdin into a malloc'd string; an empty line or EOF gives a copy of
 * `dflt` (NULL if dflt is NULL). *eof is set at end of input.
 */
char *prompt_line(const char *question, const char *dflt, int *eof);

/* JSON shapes shared by --json and the web API (json.c). */
json_t *json_exercise_summary(const struct exercise *ex);
json_t *json_exercise_full(const struct app *app, const struct exercise *ex);
/* A prescription, with its dose in words as the terminal says it ("dose_text", format_dose()). */
json_t *json_prescription(const struct prescription *p, int pounds);
json_t *json_plan(const struct plan *plan, int pounds);
json_t *json_profile(const struct profile *p);
/* `today --json` and GET /api/today, one document (docs/json.md). A new reference. */
json_t *json_today(const struct today *t, const struct profile *p);
/* The advice as a JSON array of { "code", "message", "source" } (docs/json.md). */
json_t *json_advice_list(const struct advice_list *l);

/*
 * What a command prints with --json, for its run() and the web API
 * (docs/api.md) alike; `args` is parsed with the command's own option table
 * (a query string becomes such args). A new reference, or NULL after
 * error(): then *bad_args is 1 when an option's value was at fault (the
 * message only in error_last(); run() makes it a usage error, the API a
 * 400), else 0. status_json applies due progress decisions, as `status`
 * does.
 */
json_t *status_json(struct app *app, const struct args *args, int *bad_args);
json_t *history_json(struct app *app, const struct args *args, int *bad_args);
json_t *runs_json(struct app *app, const struct args *args, int *bad_args);
json_t *runs_weeks_json(struct app *app, const struct args *args, int *bad_args);
json_t *load_json(struct app *app, const struct args *args, int *bad_args);
/* `hipcoach psfs --json`: the activities, their first and latest scores, and the averages. */
json_t *psfs_json(struct app *app, const struct args *args, int *bad_args);
/* `hipcoach check --list --json`: the safety questions, and whether the next round asks each. */
json_t *check_list_json(struct app *app);

/* An export rendered for a file or a download. */
struct export_doc {
	struct strbuf data;
	const char *content_type; /* "text/calendar; charset=utf-8" */
	char filename[64];	  /* the download's name, and the CLI's default file where one is */
	char what[160];		  /* for the CLI's message: "the calendar", "2 pages, A4, ..." */
};
void export_doc_init(struct export_doc *d);
void export_doc_release(struct export_doc *d);

/*
 * `hipcoach export FORMAT` (args->pos[0]: ics, fit, json or csv; --weeks,
 * --session) and `hipcoach handout` (--level, --paper) rendered into `out`;
 * --output is the caller's business. 0, or -1 after error() with *bad_args
 * as for status_json.
 */
int export_render(struct app *app, const struct args *args, struct export_doc *out, int *bad_args);
int handout_render(struct app *app, const struct args *args, struct export_doc *out, int *bad_args);
/* `hipcoach report` as a PDF into `out`. 0, or -1 with error_last(). */
int report_render_doc(struct app *app, struct export_doc *out);

#endif
