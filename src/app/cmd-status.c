/* `hipcoach status`: adherence, weekly pain, where each exercise stands, and the advice, most
 * urgent first. */
#include <stdio.h>
#include <string.h>

#include "coach/status.h"
#include "safety-gate.h"
#include "app.h"
#include "json-program.h"
#include "lib/error.h"
#include "program-view.h"
#include "safety-gate.h"

static const struct opt opts[] = {
    {"json", 0, NULL, "print JSON"},
    {0},
};

static const char *const tristate_names[3] = {"unknown", "no", "yes"};

static json_t *json_mean(double v)
{
	return v >= 0 ? json_real(((int)(v * 10 + 0.5)) / 10.0) : json_null();
}

/* A share as a whole percentage, null when nothing was planned. */
static json_t *json_pct(double share)
{
	return share >= 0 ? json_integer((json_int_t)(share * 100 + 0.5)) : json_null();
}

static json_t *json_day(day_t d)
{
	char buf[11];

	return json_string(day_format(d, buf));
}

static json_t *json_time_day(time_t t)
{
	char buf[11];

	return t ? json_string(day_format(day_of_time(t), buf)) : json_null();
}

/* The last `n` complete weeks before this one (never before the program's first week). */
static size_t past_weeks(const struct status *s, size_t n)
{
	return s->nweeks - 1 < n ? s->nweeks - 1 : n;
}

static json_t *status_to_json(const struct status *s, int pounds)
{
	json_t *o = json_object(), *a, *adh, *scr;
	const struct pain_week *cur = &s->weeks[s->nweeks - 1];
	size_t np = past_weeks(s, 4);

	json_object_set_new(o, "date", json_day(s->today));
	json_object_set_new(o, "program_week",
			    json_integer(s->today >= s->start ? (s->today - s->start) / 7 + 1 : 0));
	json_object_set_new(o, "level", json_string(level_names[s->level]));

	adh = json_object();
	a = json_object();
	json_object_set_new(a, "done", json_integer(cur->done));
	json_object_set_new(a, "planned", json_integer(cur->planned));
	json_object_set_new(adh, "this_week", a);
	a = json_array();
	for (size_t i = s->nweeks - 1 - np; i < s->nweeks - 1; i++) {
		json_t *w = json_object();

		json_object_set_new(w, "week", json_day(s->weeks[i].monday));
		json_object_set_new(w, "done", json_integer(s->weeks[i].done));
		json_object_set_new(w, "planned", json_integer(s->weeks[i].planned));
		json_array_append_new(a, w);
	}
	json_object_set_new(adh, "last_weeks", a);
	/* The last 2 complete weeks, strength first (SAFETY.md section 4). */
	a = json_object();
	json_object_set_new(a, "done", json_integer(s->adherence.strength_done));
	json_object_set_new(a, "planned", json_integer(s->adherence.strength_planned));
	json_object_set_new(adh, "strength", a);
	a = json_object();
	json_object_set_new(a, "done", json_integer(s->adherence.stretch_done));
	json_object_set_new(a, "planned", json_integer(s->adherence.stretch_planned));
	json_object_set_new(adh, "stretch", a);
	json_object_set_new(adh, "strength_pct", json_pct(s->adherence.strength));
	json_object_set_new(adh, "stretch_pct", json_pct(s->adherence.stretch));
	json_object_set_new(adh, "doing_program",
			    s->adherence.doing < 0 ? json_null()
						   : json_boolean(s->adherence.doing));
	json_object_set_new(o, "adherence", adh);

	a = json_array();
	for (size_t i = 0; i < s->nweeks; i++) {
		const struct pain_week *w = &s->weeks[i];
		json_t *p = json_object();

		json_object_set_new(p, "week", json_day(w->monday));
		json_object_set_new(p, "mean", json_mean(w->mean));
		json_object_set_new(p, "during", json_mean(w->during));
		json_object_set_new(p, "after", json_mean(w->after));
		json_object_set_new(p, "morning", json_mean(w->morning));
		json_object_set_new(p, "now", json_mean(w->now));
		json_object_set_new(p, "count", json_integer(w->count));
		json_object_set_new(p, "max", w->max >= 0 ? json_integer(w->max) : json_null());
		json_object_set_new(p, "value", json_mean(w->value));
		json_object_set_new(p, "basis",
				    w->basis != PAIN_BASIS_NONE
					? json_string(pain_basis_names[w->basis])
					: json_null());
		json_object_set_new(p, "days", json_integer(w->days));
		json_array_append_new(a, p);
	}
	json_object_set_new(o, "weekly_pain", a);
	json_object_set_new(o, "scaled_back_running",
			    json_string(tristate_names[s->scaled_back + 1]));

	scr = json_object();
	json_object_set_new(scr, "rounds", json_integer(s->screening.rounds));
	json_object_set_new(scr, "last", json_time_day(s->screening.last_round));
	json_object_set_new(scr, "cleared", json_time_day(s->screening.last_cleared));
	json_object_set_new(scr, "blocked", json_boolean(s->screening.blocked));
	a = json_array();
	for (size_t i = 0; i < s->screening.decision.n; i++)
		json_array_append_new(a, json_string(s->screening.decision.items[i].q->id));
	json_object_set_new(scr, "yes", a);
	json_object_set_new(scr, "required", json_boolean(s->screening.required));
	if (s->screening.required) {
		struct strbuf why = STRBUF_INIT;

		safety_rescreen_reason(&s->screening.rescreen, &why);
		json_object_set_new(scr, "required_because", json_string(why.buf));
		strbuf_release(&why);
	} else {
		json_object_set_new(scr, "required_because", json_null());
	}
	json_object_set_new(o, "screening", scr);

	if (s->care.since) {
		a = json_object();
		json_object_set_new(a, "since", json_day(s->care.since));
		json_object_set_new(a, "note",
				    s->care.note[0] ? json_string(s->care.note) : json_null());
	} else {
		a = json_null();
	}
	json_object_set_new(o, "care", a);
	if (s->psfs_scored) {
		a = json_object();
		json_object_set_new(a, "average_first", json_real(s->psfs_first));
		json_object_set_new(a, "average_latest", json_real(s->psfs_latest));
		json_object_set_new(a, "real_gain", json_boolean(s->psfs_better));
	} else {
		a = json_null();
	}
	json_object_set_new(o, "psfs", a);

	a = json_array();
	for (size_t i = 0; i < s->nexercises; i++) {
		const struct exercise_status *es = &s->exercises[i];
		json_t *e = json_prescription(&es->now, pounds), *lc;

		json_object_set_new(e, "decision",
				    json_string(progress_change_names[es->decision.change]));
		json_object_set_new(e, "reason", json_string(es->decision.reason));
		json_object_set_new(e, "sessions_at_dose", json_integer((json_int_t)es->nsessions));
		if (es->last_change[0]) {
			lc = json_object();
			json_object_set_new(lc, "date", json_string(es->last_change_day));
			json_object_set_new(lc, "reason", json_string(es->last_change));
		} else {
			lc = json_null();
		}
		json_object_set_new(e, "last_change", lc);
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "exercises", a);
	json_object_set_new(o, "therapist", json_program_current(s->therapist));
	json_object_set_new(o, "advice", json_advice_list(&s->advice));
	return o;
}

json_t *status_json(struct app *app, const struct args *args, int *bad_args)
{
	struct status s;
	json_t *o = NULL;

	(void)args; /* no option but --json */
	*bad_args = 0;
	if (!app_status(app, &s))
		o = status_to_json(&s, app->coach.profile_loaded && app->coach.profile.pounds);
	status_release(&s);
	return o;
}

static void pain_cell(char *buf, size_t size, double v)
{
	if (v >= 0)
		snprintf(buf, size, "%.1f", v);
	else
		snprintf(buf, size, "–");
}

/* A reason without its leading "Exercise name: ", for lines shown under the exercise. */
static const char *unprefixed(const struct exercise_status *es, const char *reason)
{
	size_t n = strlen(es->now.ex->name);

	if (!strncmp(reason, es->now.ex->name, n) && !strncmp(reason + n, ": ", 2))
		return reason + n + 2;
	return reason;
}

/*
 * A dose the physical therapist set: who set it, when and why, and where it
 * hurt since (progress holds it: core/progress.c), instead of what moves it.
 */
static void print_therapist_dose(const struct app *app, const struct exercise_status *es, int width)
{
	const struct program_dose *d = es->now.dose_set;
	const char *hurt = strstr(es->decision.reason, "; ");
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%sdose set by your physical therapist (%s)", sty_dim(app), d->who);
	if (d->at[0]) {
		strbuf_addstr(&sb, " on ");
		program_view_day(&sb, d->at);
	}
	if (d->why[0])
		strbuf_addf(&sb, ": %s", d->why);
	strbuf_addstr(&sb, sty_reset(app));
	print_wrapped("    ", sb.buf, width);
	if (hurt)
		print_wrapped("    ", hurt + 2, width);
	strbuf_release(&sb);
}

static void print_human(const struct app *app, const struct status *s)
{
	const struct pain_week *cur = &s->weeks[s->nweeks - 1];
	size_t np = past_weeks(s, 4), first;
	int width = term_width() - 1;
	struct strbuf sb = STRBUF_INIT;

	if (width > 88)
		width = 88;
	printf("%sHow it's going%s · week %d of your program · %s\n", sty_bold(app), sty_reset(app),
	       s->today >= s->start ? (s->today - s->start) / 7 + 1 : 0, level_names[s->level]);

	printf("\n%sADVICE%s (most urgent first)\n", sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < s->advice.n; i++) {
		const struct advice *a = &s->advice.items[i];
		const char *col = advice_is_referral(a->code) ? sty_red(app)
				  : advice_is_calm(a->code)   ? sty_green(app)
							      : sty_yellow(app);

		printf("  %s%s%s\n", col, advice_title(a->code), sty_reset(app));
		print_wrapped("    ", a->message, width);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%ssource: %s%s", sty_dim(app), a->source, sty_reset(app));
		print_wrapped("    ", sb.buf, width);
	}
	if (s->screening.required) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "Answer the safety questions again before your next session: ");
		safety_rescreen_reason(&s->screening.rescreen, &sb);
		strbuf_addstr(&sb, ". hipcoach check");
		printf("%s", sty_yellow(app));
		print_wrapped("  ", sb.buf, width);
		printf("%s", sty_reset(app));
	} else if (!s->screening.rounds) {
		printf("  %sYou have not answered the safety questions yet: hipcoach check%s\n",
		       sty_yellow(app), sty_reset(app));
	}
	if (s->care.since) {
		int y, m, d;

		day_to_civil(s->care.since, &y, &m, &d);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Under the care of %s since %d %s %d.",
			    s->care.note[0] ? s->care.note : "a physical therapist or doctor", d,
			    month_long[m - 1], y);
		print_wrapped("  ", sb.buf, width);
	}

	printf("\n%sSESSIONS DONE%s\n", sty_bold(app), sty_reset(app));
	printf("  this week      %d of %d\n", cur->done, cur->planned);
	if (np) {
		printf("  last %zu %s   ", np, np == 1 ? "week " : "weeks");
		for (size_t i = s->nweeks - 1 - np; i < s->nweeks - 1; i++)
			printf(" %d/%d", s->weeks[i].done, s->weeks[i].planned);
		printf("  (oldest first)\n");
	}
	if (s->adherence.doing >= 0) {
		const struct adherence *a = &s->adherence;

		const char *window = a->weeks == 1 ? "last week" : "last 2 weeks";

		printf("  strength       %d of %d sessions in the %s", a->strength_done,
		       a->strength_planned, window);
		if (a->strength >= 0)
			printf(" (%.0f%%)", a->strength * 100);
		printf("\n  stretches      on %d of %d days in the %s", a->stretch_done,
		       a->stretch_planned, window);
		if (a->stretch >= 0)
			printf(" (%.0f%%)", a->stretch * 100);
		strbuf_reset(&sb);
		strbuf_addf(&sb,
			    "%s (strength first: at least %.0f%% of the strength sessions, and "
			    "stretches on %.0f%% of the days)",
			    a->doing ? "doing the program" : "not yet doing the program",
			    SAFETY_ADHERENCE_STRENGTH_MIN * 100,
			    SAFETY_ADHERENCE_STRETCH_MIN * 100);
		putchar('\n');
		print_wrapped("  ", sb.buf, width);
	}

	if (s->have_load && s->load.nruns) {
		strbuf_reset(&sb);
		{
			struct load_line line;

			/* The same line as the today screen's (core/load.c load_line()). */
			load_line(&s->load, &line);
			format_running_line(&sb, &line, app->coach.profile.miles);
		}
		printf("\n%sRUNNING%s\n  lately         %s\n", sty_bold(app), sty_reset(app),
		       sb.buf);
		if (s->load.longest_30d_m > 0) {
			strbuf_reset(&sb);
			format_distance(&sb, s->load.longest_30d_m, app->coach.profile.miles);
			printf("  longest run    %s in the last 30 days\n", sb.buf);
		}
		printf("  scaled back    %s\n", s->scaled_back == TRI_YES  ? "yes"
						: s->scaled_back == TRI_NO ? "no"
									   : "not known yet");
		printf("  %s'hipcoach load' has the details.%s\n", sty_dim(app), sty_reset(app));
	}

	printf(
	    "\n%sWEEKLY PAIN%s (0-10: means of the week's scores, and the weekly pain the advice "
	    "uses)\n",
	    sty_bold(app), sty_reset(app));
	printf("  %-14s %7s %7s %7s %7s %7s\n", "week of", "during", "after", "morning", "all",
	       "weekly");
	first = s->nweeks > 8 ? s->nweeks - 8 : 0;
	for (size_t i = first; i < s->nweeks; i++) {
		const struct pain_week *w = &s->weeks[i];
		char c[5][16];
		int y, m, d;

		day_to_civil(w->monday, &y, &m, &d);
		pain_cell(c[0], sizeof(c[0]), w->during);
		pain_cell(c[1], sizeof(c[1]), w->after);
		pain_cell(c[2], sizeof(c[2]), w->morning);
		pain_cell(c[3], sizeof(c[3]), w->mean);
		pain_cell(c[4], sizeof(c[4]), w->value);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d %.3s%s", d, month_long[m - 1],
			    i == s->nweeks - 1 ? " (now)" : "");
		printf("  %-14s", sb.buf);
		for (int k = 0; k < 5; k++)
			printf(" %*s%s", 7 - display_width(c[k]), "", c[k]);
		putchar('\n');
	}
	strbuf_reset(&sb);
	strbuf_addf(&sb,
		    "%sweekly: the middle day of the week, from the morning scores when %d or "
		    "more days have one, else from all scores; it needs %d days.%s",
		    sty_dim(app), SAFETY_WEEK_MIN_DAYS, SAFETY_WEEK_MIN_DAYS, sty_reset(app));
	print_wrapped("  ", sb.buf, width);
	if (s->psfs_scored)
		printf("  Daily activities (PSFS average, 0-10): %.1f at first, %.1f now%s\n",
		       s->psfs_first, s->psfs_latest,
		       s->psfs_better ? ": a real improvement (2 points or more)" : "");
	if (s->scaled_back == TRI_UNKNOWN)
		printf("  %sRunning: no runs recorded from before the program, so hipcoach cannot "
		       "tell whether you have scaled back.%s\n",
		       sty_dim(app), sty_reset(app));

	printf("\n%sEXERCISES%s\n", sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < s->nexercises; i++) {
		const struct exercise_status *es = &s->exercises[i];

		strbuf_reset(&sb);
		format_dose(&sb, &es->now, app->coach.profile.pounds);
		printf("  %-34s %s\n", prescription_name(&es->now), sb.buf);
		strbuf_reset(&sb);
		if (es->now.dose_set) {
			print_therapist_dose(app, es, width);
			continue;
		}
		if (es->decision.change != PROGRESS_HOLD)
			strbuf_addf(&sb, "due: %s", unprefixed(es, es->decision.reason));
		else if (es->last_change[0])
			strbuf_addf(&sb, "%ssince %s: %s%s", sty_dim(app), es->last_change_day,
				    unprefixed(es, es->last_change), sty_reset(app));
		if (sb.len)
			print_wrapped("    ", sb.buf, width);
		if (es->decision.change == PROGRESS_HOLD && es->nsessions &&
		    es->decision.reason[0]) {
			const char *dash = strstr(es->decision.reason, " — ");

			strbuf_reset(&sb);
			strbuf_addf(&sb, "%snext: %s%s", sty_dim(app),
				    dash ? dash + strlen(" — ") : es->decision.reason,
				    sty_reset(app));
			print_wrapped("    ", sb.buf, width);
		}
	}
	printf("\n%shipcoach gives exercise guidance; it does not diagnose.%s\n", sty_dim(app),
	       sty_reset(app));
	strbuf_release(&sb);
}

static int run(struct app *app, const struct args *args)
{
	struct status s;
	int bad;

	if (arg_has(app->cmd, args, "json")) {
		json_t *o = status_json(app, args, &bad);

		return !o || json_print(o) ? 1 : 0;
	}
	if (app_status(app, &s)) {
		status_release(&s);
		return 1;
	}
	print_human(app, &s);
	status_release(&s);
	return 0;
}

const struct command cmd_status = {
    .name = "status",
    .summary = "how it's going: sessions done, weekly pain, progress and advice",
    .usage = "[--json]",
    .help = "Shows the advice first, most urgent first, each with the rule's source; then\n"
	    "the sessions you did against the plan (this week and the last 4), your\n"
	    "weekly pain during and after exercise and in the morning, and where each\n"
	    "exercise stands: its dose, its last change and why, and what moves it next\n"
	    "(a dose your physical therapist set moves only when they change it).\n"
	    "\n"
	    "Progress and step-back decisions are made when a session or a pain check-in\n"
	    "is recorded, never by reading: an exercise moves up after two easy sessions\n"
	    "with pain under control, and steps back when it hurt or the pain did not\n"
	    "settle. Each change is made once, from the sessions since the exercise's\n"
	    "last change, and comes with its reason.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_RECORD,
};
