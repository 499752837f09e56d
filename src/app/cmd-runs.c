/* `hipcoach runs`: the runs (or all activities) hipcoach knows about, a page at a time, oldest
 * first; or the running of each week. */
#include <string.h>

#include "app.h"
#include "coach/runs.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "safety-gate.h"
#include "store/profile.h"
#include "store/runs.h"

static const struct opt opts[] = {
    {"all", 'a', NULL, "every activity, not only runs (rides, walks...)"},
    {"since", 0, "DATE", "only from this day on, YYYY-MM-DD"},
    {"before", 0, "WHEN",
     "only those that started before this day or time (YYYY-MM-DD or "
     "YYYY-MM-DDTHH:MM:SSZ): the page before"},
    {"limit", 'n', "N", "at most N, the latest (default: 100, at most 1000)"},
    {"weekly", 0, NULL, "each week's running instead: runs, distance and time"},
    {"weeks", 0, "N", "with --weekly: this many weeks, this one included (default: 12)"},
    {"json", 0, NULL, "print JSON"},
    {0},
};

static json_t *json_num_or_null(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

static json_t *json_run(const struct run_rec *r)
{
	char iso[21];
	json_t *o = json_object();

	json_object_set_new(o, "start", json_string(time_format_iso(r->act.start, iso)));
	json_object_set_new(o, "sport", json_string(r->act.sport));
	json_object_set_new(o, "distance_m", json_num_or_null(r->act.distance_m));
	json_object_set_new(o, "moving_s", json_num_or_null(r->act.moving_s));
	json_object_set_new(o, "elapsed_s", json_num_or_null(r->act.elapsed_s));
	json_object_set_new(o, "ascent_m", json_num_or_null(r->act.ascent_m));
	json_object_set_new(o, "avg_hr",
			    r->act.avg_hr > 0 ? json_integer(r->act.avg_hr) : json_null());
	json_object_set_new(o, "max_hr",
			    r->act.max_hr > 0 ? json_integer(r->act.max_hr) : json_null());
	json_object_set_new(o, "source", json_string(r->source));
	return o;
}

static void print_run(const struct run_rec *r, int miles)
{
	struct strbuf sb = STRBUF_INIT;
	char day[11], hm[6], dur[32];
	double t = r->act.moving_s >= 0 ? r->act.moving_s : r->act.elapsed_s;

	/* A run logged by hand has a day but no time of day. */
	strbuf_addf(&sb, "%s %s  %-17s ", day_format(day_of_time(r->act.start), day),
		    strcmp(r->source, RUNS_SOURCE_MANUAL) ? time_format_hm(r->act.start, hm)
							  : "     ",
		    r->act.sport);
	if (r->act.distance_m >= 0) {
		struct strbuf d = STRBUF_INIT;

		format_distance(&d, r->act.distance_m, miles);
		strbuf_addf(&sb, "%9s", d.buf);
		strbuf_release(&d);
	} else {
		strbuf_addf(&sb, "%9s", "-");
	}
	strbuf_addf(&sb, "  %8s", t >= 0 ? format_duration((long)(t + 0.5), dur) : "-");
	if (t > 0 && r->act.distance_m > 0) {
		double pace = t / (r->act.distance_m / (miles ? METRES_PER_MILE : 1000));

		strbuf_addf(&sb, "  %5s /%s", format_duration((long)(pace + 0.5), dur),
			    miles ? "mi" : "km");
	} else {
		strbuf_addf(&sb, "  %9s", "");
	}
	if (r->act.avg_hr > 0)
		strbuf_addf(&sb, "  %3d bpm", r->act.avg_hr);
	else
		strbuf_addf(&sb, "  %7s", "");
	strbuf_addf(&sb, "  %s", r->source);
	strbuf_rtrim(&sb);
	puts(sb.buf);
	strbuf_release(&sb);
}

extern const struct command cmd_runs;

/*
 * A page of the runs (every activity with --all): the latest --limit from
 * --since on and before --before, oldest first; -1 after error(), with
 * *bad_args as for runs_json.
 */
static int runs_read(struct app *app, const struct args *args, int *bad_args, struct run_list *l)
{
	const char *v = arg_get(&cmd_runs, args, "since");
	const char *b = arg_get(&cmd_runs, args, "before");
	const char *n = arg_get(&cmd_runs, args, "limit");
	day_t since = 0, bday;
	time_t before = 0;
	long limit = RUNS_PAGE_DEFAULT;

	*bad_args = 0;
	run_list_init(l);
	if (v && day_parse(v, &since)) {
		*bad_args = 1;
		return error_set("--since takes a date as YYYY-MM-DD, not '%s'", v);
	}
	if (b && !day_parse(b, &bday)) {
		before = day_start_time(bday);
	} else if (b && (strlen(b) < 20 || time_parse_iso(b, strlen(b), &before))) {
		*bad_args = 1;
		return error_set("--before takes a date (YYYY-MM-DD) or a time "
				 "(YYYY-MM-DDTHH:MM:SSZ), not '%s'",
				 b);
	}
	if (n && parse_long_str(n, 1, RUNS_PAGE_MAX, &limit)) {
		*bad_args = 1;
		return error_set("--limit takes a number from 1 to %d, not '%s'", RUNS_PAGE_MAX, n);
	}
	if (coach_runs_page(&app->coach, since, before, (size_t)limit,
			    arg_has(&cmd_runs, args, "all") ? RUN_LIST_ALL : 0, l))
		return error("%s", error_last());
	return 0;
}

/* Each week's running (--weekly): -1 after error(), with *bad_args as for runs_json. */
static int weeks_read(struct app *app, const struct args *args, int *bad_args,
		      struct run_week **weeks, size_t *n)
{
	const char *v = arg_get(&cmd_runs, args, "weeks");
	long nweeks = RUNS_WEEKS_DEFAULT;

	*bad_args = 0;
	*weeks = NULL;
	*n = 0;
	if (arg_get(&cmd_runs, args, "since") || arg_get(&cmd_runs, args, "before") ||
	    arg_get(&cmd_runs, args, "limit")) {
		*bad_args = 1;
		return error_set("--weekly takes --weeks, not --since, --before or --limit");
	}
	if (v && parse_long_str(v, 1, RUNS_WEEKS_MAX, &nweeks)) {
		*bad_args = 1;
		return error_set("--weeks takes a number from 1 to %d, not '%s'", RUNS_WEEKS_MAX,
				 v);
	}
	if (coach_runs_weeks(&app->coach, (int)nweeks,
			     arg_has(&cmd_runs, args, "all") ? RUN_LIST_ALL : 0, weeks, n))
		return error("%s", error_last());
	return 0;
}

json_t *runs_weeks_json(struct app *app, const struct args *args, int *bad_args)
{
	struct run_week *weeks;
	size_t n;
	json_t *a;
	char day[11];

	if (weeks_read(app, args, bad_args, &weeks, &n))
		return NULL;
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:f, s:f}", "monday",
						   day_format(weeks[i].monday, day), "runs",
						   weeks[i].runs, "distance_m", weeks[i].distance_m,
						   "time_s", weeks[i].time_s));
	free(weeks);
	return a;
}

json_t *runs_json(struct app *app, const struct args *args, int *bad_args)
{
	struct run_list l;
	json_t *a;

	if (arg_has(&cmd_runs, args, "weekly"))
		return runs_weeks_json(app, args, bad_args);
	if (arg_get(&cmd_runs, args, "weeks")) {
		*bad_args = 1;
		error_set("--weeks goes with --weekly");
		return NULL;
	}
	if (runs_read(app, args, bad_args, &l)) {
		run_list_release(&l);
		return NULL;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, json_run(&l.runs[i]));
	run_list_release(&l);
	return a;
}

static int run_weekly(struct app *app, const struct args *args)
{
	struct run_week *weeks;
	size_t n;
	int bad, miles;

	if (weeks_read(app, args, &bad, &weeks, &n))
		return bad ? usage_error(app->cmd, "%s", error_last()) : 1;
	miles = coach_miles(&app->coach);
	printf("%-10s  %4s  %9s  %8s\n", "week of", "runs", "distance", "time");
	for (size_t i = 0; i < n; i++) {
		struct strbuf d = STRBUF_INIT;
		char day[11], dur[32];

		format_distance(&d, weeks[i].distance_m, miles);
		printf("%-10s  %4d  %9s  %8s\n", day_format(weeks[i].monday, day), weeks[i].runs,
		       d.buf, format_duration((long)(weeks[i].time_s + 0.5), dur));
		strbuf_release(&d);
	}
	free(weeks);
	return 0;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	struct run_list l;
	int bad, miles;
	char iso[21];

	if (!arg_has(cmd, args, "weekly") && arg_get(cmd, args, "weeks"))
		return usage_error(cmd, "--weeks goes with --weekly");
	if (arg_has(cmd, args, "json")) {
		json_t *a = runs_json(app, args, &bad);

		if (!a)
			return bad ? usage_error(cmd, "%s", error_last()) : 1;
		return json_print(a) ? 1 : 0;
	}
	if (arg_has(cmd, args, "weekly"))
		return run_weekly(app, args);
	if (runs_read(app, args, &bad, &l)) {
		run_list_release(&l);
		return bad ? usage_error(cmd, "%s", error_last()) : 1;
	}
	miles = coach_miles(&app->coach);
	if (!l.n)
		printf("No %s yet. Add them with 'hipcoach import FILE|FOLDER|EXPORT.zip' or "
		       "'hipcoach log run --distance 10km --time 55:00'.\n",
		       (l.flags & RUN_LIST_ALL) ? "activities" : "runs");
	for (size_t i = 0; i < l.n; i++)
		print_run(&l.runs[i], miles);
	if (l.more) {
		char since[11];

		printf("Older ones: hipcoach runs%s%s%s --before %s\n",
		       (l.flags & RUN_LIST_ALL) ? " --all" : "", l.since ? " --since " : "",
		       l.since ? day_format(l.since, since) : "",
		       time_format_iso(l.runs[0].act.start, iso));
	}
	run_list_release(&l);
	return 0;
}

const struct command cmd_runs = {
    .name = "runs",
    .summary = "list your runs",
    .usage = "[--all] [--since YYYY-MM-DD] [--before WHEN] [--limit N] [--weekly [--weeks N]] "
	     "[--json]",
    .help = "Lists the runs hipcoach knows about, oldest first: the day and time they\n"
	    "started, the sport, distance, moving time, pace, average heart rate, and\n"
	    "where each came from (a file, a Strava entry, or logged by hand). With\n"
	    "--all, rides, walks and other sports are listed too.\n"
	    "\n"
	    "A long history comes a page at a time: the latest 100 (--limit N), and\n"
	    "--before WHEN for the page before, as the last line says.\n"
	    "\n"
	    "With --weekly, each week's running instead (the last 12 weeks, or\n"
	    "--weeks N): how many runs, how far and how long.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_RUNNING,
};
