/* `hipcoach runs`: the runs (or all activities) hipcoach knows about, oldest first. */
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

/* The runs (every activity with --all) from --since on, oldest first; -1 after error(), with
 * *bad_args as for runs_json. */
static int runs_read(struct app *app, const struct args *args, int *bad_args, struct run_list *l)
{
	const char *v = arg_get(&cmd_runs, args, "since");
	day_t since = 0;

	*bad_args = 0;
	run_list_init(l);
	if (v && day_parse(v, &since)) {
		*bad_args = 1;
		return error_set("--since takes a date as YYYY-MM-DD, not '%s'", v);
	}
	if (coach_runs(&app->coach, since, arg_has(&cmd_runs, args, "all") ? RUN_LIST_ALL : 0, l))
		return error("%s", error_last());
	return 0;
}

json_t *runs_json(struct app *app, const struct args *args, int *bad_args)
{
	struct run_list l;
	json_t *a;

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

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	struct run_list l;
	int bad, miles;

	if (arg_has(cmd, args, "json")) {
		json_t *a = runs_json(app, args, &bad);

		if (!a)
			return bad ? usage_error(cmd, "%s", error_last()) : 1;
		return json_print(a) ? 1 : 0;
	}
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
	run_list_release(&l);
	return 0;
}

const struct command cmd_runs = {
    .name = "runs",
    .summary = "list your runs",
    .usage = "[--all] [--since YYYY-MM-DD] [--json]",
    .help = "Lists the runs hipcoach knows about, oldest first: the day and time they\n"
	    "started, the sport, distance, moving time, pace, average heart rate, and\n"
	    "where each came from (a file, a Strava entry, or logged by hand). With\n"
	    "--all, rides, walks and other sports are listed too.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_RUNNING,
};
