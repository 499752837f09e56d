/* `hipcoach log run --distance 10km --time 55:00`: a run recorded by hand, then what it means for
 * running load. */
#include "log-run.h"

#include <string.h>

#include "coach/record.h"
#include "core/activity.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "safety-gate.h"

const char log_run_usage[] =
    "run --distance 10km|6.2mi --time 55:00 [--date YYYY-MM-DD] [--sport running]";

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
	struct coach_run_logged r;
	struct strbuf sb = STRBUF_INIT, d = STRBUF_INIT;
	day_t day = clock_today();
	double metres;
	long secs;
	int miles;
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
	if (parse_duration(time_s, &secs) || secs <= 0 || secs > COACH_RUN_MAX_SECONDS)
		return usage_error_line("log", log_run_usage,
					"--time takes a duration like 55:00 or 1:02:03, not '%s'",
					time_s);
	if (!strcmp(activity_sport_normalize(sport_s), "other") && strcmp(sport_s, "other"))
		return usage_error_line(
		    "log", log_run_usage,
		    "unknown --sport '%s' (running, trail_running, walking, hiking, "
		    "cycling, swimming or other)",
		    sport_s);

	if (app_store(app, 0))
		return 1;
	miles = coach_miles(&app->coach);
	metres = parse_distance(dist_s, miles);
	if (metres <= 0 || metres > COACH_RUN_MAX_DISTANCE_M)
		return usage_error_line("log", log_run_usage,
					"--distance takes a distance like 10km or 6.2mi, not '%s'",
					dist_s);
	if (coach_run_too_fast(sport_s, metres, secs))
		return usage_error_line(
		    "log", log_run_usage,
		    "that pace is faster than any runner holds: check --distance "
		    "and --time");
	if (coach_run_log(&app->coach, day, metres, secs, sport_s, &r)) {
		error("%s", error_last());
		return 1;
	}
	format_day_long(&sb, day);
	format_distance(&d, r.act.distance_m, r.miles);
	if (r.duplicate) {
		printf("You already have this %s on %s (%s): nothing added.\n",
		       r.is_run ? "run" : r.act.sport, sb.buf, d.buf);
	} else {
		printf("Logged %s on %s: %s in %s", r.is_run ? "a run" : r.act.sport, sb.buf, d.buf,
		       format_duration(secs, dur));
		printf(" (%s /%s).\n", format_duration(r.pace_s, dur), r.miles ? "mi" : "km");
	}
	strbuf_release(&sb);
	strbuf_release(&d);
	if (!r.duplicate && r.is_run)
		app_running_reminder(app);
	if (!r.duplicate && r.is_run) {
		struct load_report rep;
		struct advice_list l = ADVICE_LIST_INIT;

		if (app_load_report(app, &rep))
			return 1;
		coach_load_advice(&rep, r.miles, &l);
		if (l.n) {
			printf("\n%sRunning load%s\n", sty_bold(app), sty_reset(app));
			advice_print_list(app, &l);
		}
		advice_list_release(&l);
	}
	return 0;
}
