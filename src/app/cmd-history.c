/* `hipcoach history`: the sessions done, each exercise with what was done and how it felt. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "coach/history.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "store/session.h"

static const struct opt opts[] = {
    {"since", 0, "WHEN", "only from this day on: YYYY-MM-DD, or how far back, e.g. 10d or 2w"},
    {"limit", 0, "N", "only the N newest sessions"},
    {"compact", 0, NULL, "one line per session (the default on a terminal)"},
    {"full", 0, NULL, "every exercise of every session (the default otherwise)"},
    {"from", 0, "DATE", "first day, YYYY-MM-DD (default: the first session)"},
    {"to", 0, "DATE", "last day, YYYY-MM-DD (default: today)"},
    {"json", 0, NULL, "print JSON (oldest first)"},
    {0},
};

static json_t *int_or_null(int v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

static json_t *json_row(const struct result_rec *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "set", r->set_no > 0 ? json_integer(r->set_no) : json_null());
	json_object_set_new(o, "side", r->side ? json_string(side_names[r->side]) : json_null());
	json_object_set_new(o, "status", json_string(step_status_names[r->status]));
	json_object_set_new(o, "reps", int_or_null(r->reps));
	json_object_set_new(o, "seconds", int_or_null(r->seconds));
	json_object_set_new(o, "load",
			    r->load >= 0 ? json_string(load_type_names[r->load]) : json_null());
	json_object_set_new(o, "load_kg", r->load_kg >= 0 ? json_real(r->load_kg) : json_null());
	json_object_set_new(o, "rpe", int_or_null(r->rpe));
	json_object_set_new(o, "reserve3",
			    r->reserve3 >= 0 ? json_boolean(r->reserve3) : json_null());
	json_object_set_new(o, "pain", int_or_null(r->pain));
	json_object_set_new(o, "gentle", r->gentle >= 0 ? json_boolean(r->gentle) : json_null());
	return o;
}

static json_t *json_session(const struct history_session *hs)
{
	const struct session_rec *s = &hs->rec;
	json_t *o = json_object(), *items = json_array();
	char d[11], t[21];

	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "date", json_string(day_format(s->date, d)));
	json_object_set_new(o, "kind", json_string(session_kind_names[s->kind]));
	json_object_set_new(o, "status", json_string(session_status_name(s)));
	json_object_set_new(o, "origin", json_string(s->origin));
	json_object_set_new(o, "started_at", json_string(time_format_iso(s->started, t)));
	json_object_set_new(o, "finished_at",
			    s->finished ? json_string(time_format_iso(s->finished, t))
					: json_null());
	json_object_set_new(o, "pain_before", int_or_null(s->pain_before));
	json_object_set_new(o, "pain_after", int_or_null(s->pain_after));
	for (size_t i = 0; i < hs->nitems; i++) {
		const struct history_item *it = &hs->items[i];
		json_t *item = json_object(), *sets = json_array();

		json_object_set_new(item, "exercise", json_string(it->exercise));
		json_object_set_new(item, "variant",
				    it->variant[0] ? json_string(it->variant) : json_null());
		json_object_set_new(item, "sets", sets);
		for (size_t k = 0; k < it->nsets; k++)
			json_array_append_new(sets, json_row(&it->sets[k]));
		json_array_append_new(items, item);
	}
	json_object_set_new(o, "items", items);
	return o;
}

/* One exercise on one line: "L 15, R 15, L 15, R 12 reps · 8 kg · 3 more: yes · pain 4". */
static void print_item(const struct app *app, const struct result_rec *r, size_t n)
{
	const struct exercise *ex = program_find(&app->coach.program, r[0].exercise);
	const struct variant *v = ex && r[0].variant[0] ? exercise_variant(ex, r[0].variant) : NULL;
	struct strbuf sb = STRBUF_INIT;
	int reps = 0, secs = 0, pain = -1, gentle = -1, reserve3 = -1, rpe = -1, load = -1;
	double kg = -1;

	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(&sb, ", ");
		if (r[i].side)
			strbuf_addf(&sb, "%c ", r[i].side == SIDE_LEFT ? 'L' : 'R');
		if (r[i].status == STATUS_SKIPPED)
			strbuf_addstr(&sb, "skipped");
		else if (r[i].status == STATUS_HURT)
			strbuf_addstr(&sb, "hurt");
		else if (r[i].reps >= 0)
			strbuf_addf(&sb, "%d", r[i].reps), reps = 1;
		else if (r[i].seconds >= 0)
			strbuf_addf(&sb, "%d s", r[i].seconds), secs = 1;
		else
			strbuf_addstr(&sb, "done");
		if (r[i].pain > pain)
			pain = r[i].pain;
		if (r[i].gentle >= 0)
			gentle = gentle < 0 ? r[i].gentle : gentle && r[i].gentle;
		if (r[i].reserve3 >= 0)
			reserve3 = r[i].reserve3;
		if (r[i].rpe >= 0)
			rpe = r[i].rpe;
		if (r[i].status == STATUS_DONE && r[i].load >= 0) {
			load = r[i].load;
			kg = r[i].load_kg;
		}
	}
	if (reps && !secs)
		strbuf_addstr(&sb, " reps");
	if (load == PLOAD_DUMBBELL && kg > 0) {
		strbuf_addstr(&sb, " · ");
		format_weight(&sb, kg, app->coach.profile.pounds);
	} else if (load == PLOAD_BAND) {
		strbuf_addstr(&sb, " · band");
	}
	if (rpe >= 0)
		strbuf_addf(&sb, " · effort %d/10", rpe);
	else if (reserve3 >= 0)
		strbuf_addf(&sb, " · 3 more: %s", reserve3 ? "yes" : "no");
	if (gentle == 1)
		strbuf_addstr(&sb, " · gentle");
	else if (gentle == 0)
		strbuf_addstr(&sb, " · painful");
	if (pain >= 0)
		strbuf_addf(&sb, " · pain %d", pain);
	printf("  %-34s %s\n", v ? v->name : ex ? ex->name : r[0].exercise, sb.buf);
	strbuf_release(&sb);
}

/* "6 exercises", and how many were skipped or stopped because they hurt. */
static void add_counts(struct strbuf *sb, const struct history_session *hs)
{
	size_t skipped = 0, hurt = 0;

	for (size_t i = 0; i < hs->nitems; i++) {
		const struct history_item *it = &hs->items[i];
		size_t sk = 0, h = 0;

		for (size_t k = 0; k < it->nsets; k++) {
			sk += it->sets[k].status == STATUS_SKIPPED;
			h += it->sets[k].status == STATUS_HURT;
		}
		hurt += h > 0;
		skipped += !h && sk == it->nsets;
	}
	strbuf_addf(sb, " · %zu %s", hs->nitems, hs->nitems == 1 ? "exercise" : "exercises");
	if (skipped)
		strbuf_addf(sb, ", %zu skipped", skipped);
	if (hurt)
		strbuf_addf(sb, ", %zu stopped (it hurt)", hurt);
}

/* The session's line; with `compact`, the only one, else followed by its exercises. */
static void print_session(const struct app *app, const struct history_session *hs, int compact)
{
	const struct session_rec *s = &hs->rec;
	struct strbuf sb = STRBUF_INIT;
	char d[11];

	strbuf_addstr(&sb, session_status_name(s));
	if (!strcmp(s->origin, "log"))
		strbuf_addstr(&sb, " (logged)");
	if (compact)
		add_counts(&sb, hs);
	if (s->pain_before >= 0 || s->pain_after >= 0) {
		strbuf_addstr(&sb, " · pain ");
		if (s->pain_before >= 0)
			strbuf_addf(&sb, "%d", s->pain_before);
		else
			strbuf_addch(&sb, '?');
		if (s->pain_after >= 0)
			strbuf_addf(&sb, " → %d", s->pain_after);
	}
	printf("%s%s  %-10s%s %s\n", sty_bold(app), day_format(s->date, d),
	       s->kind == KIND_STRENGTH ? "Strength" : "Stretches", sty_reset(app), sb.buf);
	strbuf_release(&sb);
	if (compact)
		return;
	for (size_t i = 0; i < hs->nitems; i++)
		print_item(app, hs->items[i].sets, hs->items[i].nsets);
}

extern const struct command cmd_history;

/*
 * --since, --from and --to (0 when not given: the coach's default) and --limit (0: all); 0, or -1
 * after error_set() naming the bad value.
 */
static int history_range(const struct args *args, day_t *from, day_t *to, size_t *limit)
{
	const char *v, *since = arg_get(&cmd_history, args, "since");
	long n;

	*from = *to = 0;
	*limit = 0;
	if (since && arg_has(&cmd_history, args, "from"))
		return error_set("--since and --from both give the first day: use one");
	if ((v = arg_get(&cmd_history, args, "from")) && day_parse(v, from))
		return error_set("invalid date '%s' (expected a real date as YYYY-MM-DD)", v);
	if ((v = arg_get(&cmd_history, args, "to")) && day_parse(v, to))
		return error_set("invalid date '%s' (expected a real date as YYYY-MM-DD)", v);
	if (since && day_parse(since, from)) {
		/* "10d", "2w": that many days or weeks back from today. */
		size_t len = strlen(since);
		char unit = len ? since[len - 1] : 0;
		char *num = xstrndup(since, len ? len - 1 : 0);
		int bad = (unit != 'd' && unit != 'w') || parse_long_str(num, 1, 3660, &n);

		free(num);
		if (bad)
			return error_set(
			    "--since takes a date as YYYY-MM-DD, or how far back, like "
			    "10d or 2w, not '%s'",
			    since);
		*from = clock_today() - (day_t)(unit == 'w' ? 7 * n : n);
	}
	if ((v = arg_get(&cmd_history, args, "limit"))) {
		if (parse_long_str(v, 1, 100000, &n))
			return error_set("--limit takes a number of sessions, 1 or more, not '%s'",
					 v);
		*limit = (size_t)n;
	}
	return 0;
}

/* The history of the range the options give; -1 after error() (*bad_args as for history_json). */
static int history_read(struct app *app, const struct args *args, int *bad_args, struct history *h)
{
	day_t from, to;
	size_t limit;

	*bad_args = 0;
	history_init(h);
	if (history_range(args, &from, &to, &limit)) {
		*bad_args = 1;
		return -1;
	}
	if (coach_history(&app->coach, from, to, h))
		return error("%s", error_last());
	if (limit)
		history_keep_newest(h, limit);
	return 0;
}

json_t *history_json(struct app *app, const struct args *args, int *bad_args)
{
	struct history h;
	json_t *arr;

	if (history_read(app, args, bad_args, &h)) {
		history_release(&h);
		return NULL;
	}
	arr = json_array();
	for (size_t i = 0; i < h.n; i++)
		json_array_append_new(arr, json_session(&h.sessions[i]));
	history_release(&h);
	return json_pack("{s:o}", "sessions", arr);
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	struct history h;
	int bad, compact;

	if (arg_has(cmd, args, "compact") && arg_has(cmd, args, "full"))
		return usage_error(cmd, "--compact and --full: give one");
	if (arg_has(cmd, args, "json")) {
		json_t *o;

		if (arg_has(cmd, args, "compact") || arg_has(cmd, args, "full"))
			return usage_error(cmd,
					   "--compact and --full are for the list, not --json");
		o = history_json(app, args, &bad);
		if (!o)
			return bad ? usage_error(cmd, "%s", error_last()) : 1;
		return json_print(o) ? 1 : 0;
	}
	compact =
	    arg_has(cmd, args, "compact") || (!arg_has(cmd, args, "full") && isatty(STDOUT_FILENO));
	if (history_read(app, args, &bad, &h)) {
		history_release(&h);
		return bad ? usage_error(cmd, "%s", error_last()) : 1;
	}
	if (!h.n &&
	    (arg_has(cmd, args, "since") || arg_has(cmd, args, "from") || arg_has(cmd, args, "to")))
		printf("No sessions in those days.\n");
	else if (!h.n)
		printf("No sessions yet: 'hipcoach start' guides you through today's.\n");
	/* Newest first: what a runner looks for is the last few sessions. */
	for (size_t i = h.n; i-- > 0;) {
		if (!compact && i + 1 < h.n)
			putchar('\n');
		print_session(app, &h.sessions[i], compact);
	}
	if (compact && h.n && isatty(STDOUT_FILENO))
		printf("%s--full shows every exercise and set.%s\n", sty_dim(app), sty_reset(app));
	history_release(&h);
	return 0;
}

const struct command cmd_history = {
    .name = "history",
    .summary = "list the sessions you did, with every exercise",
    .usage = "[--since YYYY-MM-DD|10d|2w] [--limit N] [--compact | --full]\n"
	     "       [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]",
    .help = "Lists your strength and stretch sessions, newest first: the date, whether\n"
	    "you finished it, the pain before and after, and for each exercise the reps\n"
	    "or seconds of every set (L and R for each side), the load, how hard it was\n"
	    "and any pain.\n"
	    "\n"
	    "On a terminal it gives one line per session, with how many exercises you\n"
	    "did and how many you skipped or stopped; --full shows every set, --compact\n"
	    "gives the short list anywhere. --since and --limit narrow it to recent\n"
	    "sessions:\n"
	    "  hipcoach history --since 2w\n"
	    "  hipcoach history --limit 5 --full",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_RECORD,
};
