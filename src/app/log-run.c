/* `hipcoach log run --distance 10km --time 55:00`: a run recorded by hand, then what it means for
 * running load. */
#include "log-run.h"

#include <string.h>

#include "core/activity.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "load-advice.h"
#include "store/profile.h"
#include "store/runs.h"

const char log_run_usage[] =
    "run --distance 10km|6.2mi --time 55:00 [--date YYYY-MM-DD] [--sport running]";

/* Faster than this on average is a typing mistake, not a run (about 2:05 per km). */
#define MAX_RUN_SPEED 8.0

/* "10km", "10 km", "6.2mi", "800m", or a bare number in the runner's unit; metres, or -1. */
static double parse_distance(const char *s, int miles)
{
	const char *p = s, *end = s + strlen(s);
	double v;

	if (parse_double(&p, end, &v) || v <= 0)
		return -1;
	while (*p == ' ')
		p++;
	if (!*p)
		return v * (miles ? METRES_PER_MILE : 1000);
	if (!strcmp(p, "km"))
		return v * 1000;
	if (!strcmp(p, "mi") || !strcmp(p, "mile") || !strcmp(p, "miles"))
		return v * METRES_PER_MILE;
	if (!strcmp(p, "m"))
		return v;
	return -1;
}

int log_run_values(struct app *app, const char *dist_s, const char *time_s, const char *date_s,
		   const char *sport_s)
{
	struct activity a;
	struct runs_writer *w;
	struct profile prof;
	struct strbuf sb = STRBUF_INIT, d = STRBUF_INIT;
	day_t day = clock_today();
	long secs;
	int miles = 0, r;
	char dur[32];

	if (!sport_s)
		sport_s = "running";
	if (!dist_s)
		return usage_error_line("log", log_run_usage,
					"'log run' needs --distance (10km, 6.2mi)");
	if (!time_s)
		return usage_error_line("log", log_run_usage,
					"'log run' needs --time (55:00, 1:02:03)");
	if (date_s && day_parse(date_s, &day))
		return usage_error_line("log", log_run_usage,
					"invalid date '%s' (expected a real date as YYYY-MM-DD)",
					date_s);
	if (day > clock_today())
		return usage_error_line("log", log_run_usage, "'%s' is in the future", date_s);
	if (parse_duration(time_s, &secs) || secs <= 0 || secs > 48 * 3600)
		return usage_error_line("log", log_run_usage,
					"--time takes a duration like 55:00 or 1:02:03, not '%s'",
					time_s);
	activity_init(&a);
	if (strcmp(activity_sport_normalize(sport_s), "other") || !strcmp(sport_s, "other"))
		snprintf(a.sport, sizeof(a.sport), "%s", activity_sport_normalize(sport_s));
	else
		return usage_error_line(
		    "log", log_run_usage,
		    "unknown --sport '%s' (running, trail_running, walking, hiking, "
		    "cycling, swimming or other)",
		    sport_s);

	if (app_store(app, 0))
		return 1;
	if (store_profile_load(&app->coach.store, &prof) > 0)
		miles = prof.miles;
	profile_release(&prof);
	a.distance_m = parse_distance(dist_s, miles);
	if (a.distance_m <= 0 || a.distance_m > 500000)
		return usage_error_line("log", log_run_usage,
					"--distance takes a distance like 10km or 6.2mi, not '%s'",
					dist_s);
	if (activity_is_run(&a) && a.distance_m / (double)secs > MAX_RUN_SPEED)
		return usage_error_line(
		    "log", log_run_usage,
		    "that pace is faster than any runner holds: check --distance "
		    "and --time");
	/* A day without a time of day: noon keeps it on that day in any time zone nearby. */
	a.start = day_start_time(day) + 12 * 3600;
	a.moving_s = a.elapsed_s = (double)secs;

	if (!(w = runs_writer_new(&app->coach.store))) {
		error("cannot save the run: %s", error_last());
		return 1;
	}
	r = store_begin(&app->coach.store) ? -1 : runs_add(w, &a, RUNS_SOURCE_MANUAL);
	if (r >= 0 && store_commit(&app->coach.store))
		r = -1;
	if (r < 0)
		store_rollback(&app->coach.store);
	runs_writer_free(w);
	if (r < 0) {
		error("cannot save the run: %s", error_last());
		return 1;
	}
	format_day_long(&sb, day);
	format_distance(&d, a.distance_m, miles);
	if (r == 1) {
		printf("You already have this %s on %s (%s): nothing added.\n",
		       activity_is_run(&a) ? "run" : a.sport, sb.buf, d.buf);
	} else {
		printf("Logged %s on %s: %s in %s", activity_is_run(&a) ? "a run" : a.sport, sb.buf,
		       d.buf, format_duration(secs, dur));
		printf(" (%s /%s).\n",
		       format_duration(
			   (long)((double)secs / (a.distance_m / (miles ? METRES_PER_MILE : 1000)) +
				  0.5),
			   dur),
		       miles ? "mi" : "km");
	}
	strbuf_release(&sb);
	strbuf_release(&d);
	if (r == 0 && activity_is_run(&a)) {
		struct load_report rep;
		struct advice_list l = ADVICE_LIST_INIT;

		if (app_load_report(app, &rep))
			return 1;
		coach_load_advice(&rep, miles, &l);
		if (l.n) {
			printf("\n%sRunning load%s\n", sty_bold(app), sty_reset(app));
			load_print_advice(app, &l);
		}
		advice_list_release(&l);
	}
	return 0;
}
