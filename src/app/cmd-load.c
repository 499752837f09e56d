/* `hipcoach load`: running load by week, the overload checks, and what to do about them. */
#include <math.h>
#include <string.h>

#include "app.h"
#include "safety-gate.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/parse.h"

static const struct opt opts[] = {
    {"weeks", 0, "N", "weeks to show, 1-12 (default: 6)"},
    {"json", 0, NULL, "print JSON"},
    {0},
};

#define ACWR_LABEL "a disputed measure: shown, not judged"

static json_t *json_num_or_null(double v)
{
	return isnan(v) || v < 0 ? json_null() : json_real(v);
}

static json_t *json_ratio(double v)
{
	return isnan(v) ? json_null() : json_real(round(v * 1000) / 1000);
}

static json_t *json_day(day_t d)
{
	char buf[11];

	return json_string(day_format(d, buf));
}

static json_t *json_tristate(enum tristate t)
{
	return t == TRI_UNKNOWN ? json_null() : json_boolean(t == TRI_YES);
}

static json_t *json_load(const struct load_report *r, int miles, const struct advice_list *l)
{
	json_t *o = json_object(), *weeks = json_array(), *adv = json_array();
	char iso[21];

	json_object_set_new(o, "today", json_day(r->today));
	json_object_set_new(o, "unit", json_string(miles ? "mi" : "km"));
	for (int i = 0; i < LOAD_WEEKS; i++) {
		json_t *w = json_object();

		json_object_set_new(w, "monday", json_day(r->weeks[i].monday));
		json_object_set_new(w, "distance_m", json_real(r->weeks[i].distance_m));
		json_object_set_new(w, "time_s", json_real(r->weeks[i].time_s));
		json_object_set_new(w, "runs", json_integer(r->weeks[i].runs));
		json_array_append_new(weeks, w);
	}
	json_object_set_new(o, "weeks", weeks);
	if (r->longest_30d_m >= 0) {
		json_t *lo = json_object();

		json_object_set_new(lo, "date", json_day(r->longest_30d_day));
		json_object_set_new(lo, "distance_m", json_real(r->longest_30d_m));
		json_object_set_new(o, "longest_30d", lo);
	} else {
		json_object_set_new(o, "longest_30d", json_null());
	}
	/* The same number as today's (core/load.c computes it once), in whole metres. */
	json_object_set_new(o, "long_run_cap_m",
			    r->long_run_cap_m >= 0
				? json_integer((json_int_t)round(r->long_run_cap_m))
				: json_null());
	if (r->have_latest) {
		json_t *la = json_object();

		json_object_set_new(la, "start",
				    json_string(time_format_iso(r->latest_start, iso)));
		json_object_set_new(la, "distance_m", json_real(r->latest_m));
		json_object_set_new(la, "prior_longest_m", json_num_or_null(r->prior_longest_m));
		json_object_set_new(la, "excess", json_ratio(r->latest_excess));
		json_object_set_new(la, "hazard_ratio",
				    r->hazard_ratio > 0 ? json_real(r->hazard_ratio) : json_null());
		json_object_set_new(la, "warn", json_boolean(r->long_run_warn));
		json_object_set_new(o, "latest", la);
	} else {
		json_object_set_new(o, "latest", json_null());
	}
	json_object_set_new(o, "last_7d_m", json_real(r->last7_m));
	json_object_set_new(o, "previous_7d_m", json_real(r->prev7_m));
	json_object_set_new(o, "weekly_change", json_ratio(r->weekly_change));
	json_object_set_new(o, "weekly_warn", json_boolean(r->weekly_warn));
	if (r->weekly_warn) {
		json_t *j = json_object();

		json_object_set_new(j, "to", json_day(r->jump_end));
		json_object_set_new(j, "distance_m", json_real(r->jump_m));
		json_object_set_new(j, "previous_m", json_real(r->jump_prev_m));
		json_object_set_new(j, "change", json_ratio(r->jump_change));
		json_object_set_new(o, "weekly_jump", j);
	} else {
		json_object_set_new(o, "weekly_jump", json_null());
	}
	{
		json_t *ac = json_object();

		json_object_set_new(ac, "value", json_ratio(r->acwr));
		json_object_set_new(ac, "label", json_string(ACWR_LABEL));
		json_object_set_new(o, "acwr", ac);
	}
	if (r->baseline != LOAD_BASELINE_NONE) {
		json_t *b = json_object();

		json_object_set_new(b, "before", json_string(load_anchor_names[r->anchor]));
		json_object_set_new(b, "from", json_day(r->baseline_from));
		json_object_set_new(b, "to", json_day(r->baseline_to));
		json_object_set_new(b, "per_week_m", json_num_or_null(r->baseline_week_m));
		json_object_set_new(b, "scaled_back_below_m",
				    json_num_or_null(r->scaled_back_below_m));
		json_object_set_new(o, "baseline", b);
	} else {
		json_object_set_new(o, "baseline", json_null());
	}
	json_object_set_new(o, "scaled_back", json_tristate(r->scaled_back));
	json_object_set_new(o, "last_14d_per_week_m", json_real(r->last14_week_m));
	json_object_set_new(o, "previous_28d_per_week_m", json_real(r->prev28_week_m));
	{
		json_t *ri = json_object(), *p = json_null();

		json_object_set_new(ri, "earlier_7d_m", json_real(r->rise_before_m));
		json_object_set_new(ri, "change", json_ratio(r->rise_change));
		if (r->have_pain_trend) {
			p = json_object();
			json_object_set_new(p, "from_week", json_day(r->pain_from_monday));
			json_object_set_new(p, "from", json_real(round(r->pain_from * 10) / 10));
			json_object_set_new(p, "to_week", json_day(r->pain_to_monday));
			json_object_set_new(p, "to", json_real(round(r->pain_to * 10) / 10));
			json_object_set_new(p, "trend",
					    json_string(pain_trend_names[r->pain_trend]));
		}
		json_object_set_new(ri, "pain", p);
		json_object_set_new(ri, "warn", json_boolean(r->rise_warn));
		json_object_set_new(o, "rise_4w", ri);
	}
	for (size_t i = 0; i < l->n; i++) {
		json_t *a = json_object();

		json_object_set_new(a, "code", json_string(advice_code_names[l->items[i].code]));
		json_object_set_new(a, "message", json_string(l->items[i].message));
		json_object_set_new(a, "source", json_string(l->items[i].source));
		json_array_append_new(adv, a);
	}
	json_object_set_new(o, "advice", adv);
	return o;
}

static void print_weeks(const struct app *app, const struct load_report *r, int nweeks, int miles)
{
	struct strbuf sb = STRBUF_INIT;
	char dur[32];

	printf("  %-17s %10s %9s %5s\n", "week of", "distance", "time", "runs");
	for (int i = LOAD_WEEKS - nweeks; i < LOAD_WEEKS; i++) {
		const struct load_week *w = &r->weeks[i];
		char label[32];
		int y, m, d;

		day_to_civil(w->monday, &y, &m, &d);
		snprintf(label, sizeof(label), "Mon %d %.3s%s", d, month_long[m - 1],
			 i == LOAD_WEEKS - 1 ? " (now)" : "");
		strbuf_reset(&sb);
		format_distance(&sb, w->distance_m, miles);
		printf("  %s%-17s%s %10s %9s %5d\n", i == LOAD_WEEKS - 1 ? sty_bold(app) : "",
		       label, i == LOAD_WEEKS - 1 ? sty_reset(app) : "", sb.buf,
		       format_duration((long)(w->time_s + 0.5), dur), w->runs);
	}
	strbuf_release(&sb);
}

/* "Scaled back" and what it is measured against: the running before the program (SAFETY.md
 * section 5 [S]). */
static void print_scaled_back(const struct load_report *r, int miles)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, day = STRBUF_INIT;

	if (r->baseline == LOAD_BASELINE_NONE) {
		printf(
		    "  Scaled back: not known yet; it compares your last 2 weeks with the 4 weeks\n"
		    "    before your program starts ('hipcoach setup')\n");
		return;
	}
	format_day_long(&day, r->baseline_to + 1);
	if (r->baseline == LOAD_BASELINE_NO_RUNS) {
		printf("  Before the program: not known, no runs recorded from the 4 weeks before "
		       "%s%s\n",
		       r->anchor == LOAD_ANCHOR_FIRST_PAIN ? "your first pain log, " : "", day.buf);
		printf(
		    "  Scaled back: not known (add those runs: 'hipcoach import' or 'hipcoach log "
		    "run')\n");
	} else {
		format_distance(&a, r->baseline_week_m, miles);
		printf("  Before the program: %s a week (the 4 weeks before %s%s)\n", a.buf,
		       r->anchor == LOAD_ANCHOR_FIRST_PAIN ? "your first pain log, " : "", day.buf);
		strbuf_reset(&a);
		format_distance(&a, r->last14_week_m, miles);
		format_distance(&b, r->scaled_back_below_m, miles);
		printf(
		    "  Scaled back: %s, the last 2 weeks ran %s a week (scaled back is under %s,\n"
		    "    80%% of before the program)\n",
		    r->scaled_back == TRI_YES ? "yes" : "no", a.buf, b.buf);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&day);
}

extern const struct command cmd_load;

/* The report, its advice and the unit; --weeks is checked. -1 after error(). */
static int load_read(struct app *app, const struct args *args, int *bad_args, long *nweeks,
		     struct load_report *r, struct advice_list *l, int *miles)
{
	const char *v = arg_get(&cmd_load, args, "weeks");

	*bad_args = 0;
	*nweeks = 6;
	if (v && parse_long_str(v, 1, LOAD_WEEKS, nweeks)) {
		*bad_args = 1;
		return error_set("--weeks takes a number from 1 to %d, not '%s'", LOAD_WEEKS, v);
	}
	if (app_load_report(app, r))
		return -1;
	*miles = coach_miles(&app->coach);
	coach_load_advice(r, *miles, l);
	return 0;
}

json_t *load_json(struct app *app, const struct args *args, int *bad_args)
{
	struct load_report r;
	struct advice_list l = ADVICE_LIST_INIT;
	json_t *j = NULL;
	long nweeks;
	int miles;

	if (!load_read(app, args, bad_args, &nweeks, &r, &l, &miles))
		j = json_load(&r, miles, &l);
	advice_list_release(&l);
	return j;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	long nweeks;
	struct load_report r;
	struct advice_list l = ADVICE_LIST_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, day = STRBUF_INIT;
	int miles, bad;

	if (arg_has(cmd, args, "json")) {
		json_t *j = load_json(app, args, &bad);

		if (!j)
			return bad ? usage_error(cmd, "%s", error_last()) : 1;
		return json_print(j) ? 1 : 0;
	}
	if (load_read(app, args, &bad, &nweeks, &r, &l, &miles)) {
		advice_list_release(&l);
		return bad ? usage_error(cmd, "%s", error_last()) : 1;
	}

	format_day_long(&day, r.today);
	printf("%sRunning load%s · %s\n\n", sty_bold(app), sty_reset(app), day.buf);
	if (coach_running_paused(&app->coach) > 0) {
		fputs(sty_red(app), stdout);
		print_wrapped("", safety_running_paused_text, 80);
		printf("%s\n", sty_reset(app));
	}
	if (!r.nruns) {
		printf("No runs yet. Add them with 'hipcoach import FILE|FOLDER|EXPORT.zip' or\n"
		       "'hipcoach log run --distance 10km --time 55:00'.\n");
		strbuf_release(&day);
		advice_list_release(&l);
		return 0;
	}
	print_weeks(app, &r, (int)nweeks, miles);
	putchar('\n');

	if (r.longest_30d_m >= 0) {
		format_distance(&a, r.longest_30d_m, miles);
		strbuf_reset(&day);
		format_day_long(&day, r.longest_30d_day);
		printf("  Longest run in the last 30 days: %s (%s)\n", a.buf, day.buf);
	} else {
		printf("  No run in the last 30 days.\n");
	}
	if (r.long_run_cap_m >= 0) {
		strbuf_reset(&a);
		format_distance(&a, r.long_run_cap_m, miles);
		printf("  Next long run: at most %s (the 30-day longest + 10%%; a run that\n",
		       a.buf);
		printf("    jumped more than 10%% past the longest before it counts only as that "
		       "longest)\n");
	}
	if (r.have_latest) {
		strbuf_reset(&a);
		strbuf_reset(&day);
		format_distance(&a, r.latest_m, miles);
		format_day_long(&day, r.latest_day);
		printf("  %s run: %s, %s\n", r.long_run_warn ? "Long" : "Latest", day.buf, a.buf);
		if (!isnan(r.latest_excess)) {
			strbuf_reset(&b);
			format_distance(&b, r.prior_longest_m, miles);
			if (r.latest_excess > 0.005)
				printf("    %.0f%% longer than", r.latest_excess * 100);
			else if (r.latest_excess < -0.005)
				printf("    %.0f%% shorter than", -r.latest_excess * 100);
			else
				printf("    as long as");
			printf(" your longest of the 30 days before it (%s)\n", b.buf);
		}
	}
	strbuf_reset(&a);
	strbuf_reset(&b);
	format_distance(&a, r.last7_m, miles);
	format_distance(&b, r.prev7_m, miles);
	printf("  Last 7 days: %s", a.buf);
	if (!isnan(r.weekly_change))
		printf(", %+.0f%% on the 7 days before (%s)\n", r.weekly_change * 100, b.buf);
	else
		printf(" (none in the 7 days before)\n");
	if (!isnan(r.rise_change)) {
		strbuf_reset(&a);
		format_distance(&a, r.rise_before_m, miles);
		printf("  4 weeks ago: %s in 7 days, %+.0f%% since", a.buf, r.rise_change * 100);
		if (r.have_pain_trend)
			printf("; weekly pain %.1f then, %.1f now (%s)", r.pain_from, r.pain_to,
			       pain_trend_names[r.pain_trend]);
		putchar('\n');
	}
	if (!isnan(r.acwr))
		printf("  Acute:chronic ratio: %.2f %s(%s)%s\n", r.acwr, sty_dim(app), ACWR_LABEL,
		       sty_reset(app));
	else
		printf("  Acute:chronic ratio: not known yet, it needs 4 weeks of runs %s(%s)%s\n",
		       sty_dim(app), ACWR_LABEL, sty_reset(app));
	print_scaled_back(&r, miles);

	if (l.n) {
		printf("\n%sWhat to do%s\n", sty_bold(app), sty_reset(app));
		advice_print_list(app, &l);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&day);
	advice_list_release(&l);
	return 0;
}

const struct command cmd_load = {
    .name = "load",
    .summary = "your running load: weekly distance and the overload checks",
    .usage = "[--weeks N] [--json]",
    .help = "Shows how much you ran each week (distance, time, runs), the longest run\n"
	    "of the last 30 days and how your latest run compares with the longest of\n"
	    "the 30 days before it, and the last 7 days against the 7 before.\n"
	    "\n"
	    "It warns when a run was more than 10% longer than your longest of the 30\n"
	    "days before (Frandsen et al., BJSM 2025: a higher injury rate), and when 7\n"
	    "days ran more than 30% above the 7 before (Nielsen et al., JOSPT 2014);\n"
	    "that warning stays for the 7 days after them. Running that went up over\n"
	    "the last 4 weeks while your weekly pain is not improving is flagged too,\n"
	    "however small each step was. The acute:chronic workload ratio (7-day\n"
	    "against 28-day average) is shown but never alarmed on: it is disputed\n"
	    "(Gabbett 2016; Impellizzeri 2020).\n"
	    "\n"
	    "'Scaled back' means the last 2 weeks ran less than 80% of your running\n"
	    "before the program, per week: the 4 weeks before its first day (or before\n"
	    "your first pain log, when that came later). It holds for as long as your\n"
	    "running stays below that line; hipcoach uses it to judge whether running\n"
	    "less has been tried before it recommends a physical therapist.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_RUNNING,
};
