/* `hipcoach` with no command: what is due today, what is done, and what comes next. */
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "app.h"
#include "lib/error.h"
#include "checkin.h"
#include "program-view.h"
#include "safety-gate.h"

static const struct opt opts[] = {
    {"json", 0, NULL, "print JSON: the same document as GET /api/today"},
    {0},
};

/* "Tomorrow" or the weekday's name. */
static const char *next_day_name(day_t today, day_t d)
{
	return d - today == 1 ? "Tomorrow" : weekday_long[day_weekday(d)];
}

/* Appends b to a, with " · " between when both have text. */
static void add_item(struct strbuf *a, const struct strbuf *b)
{
	if (!b->len)
		return;
	if (a->len)
		strbuf_addstr(a, " · ");
	strbuf_add(a, b->buf, b->len);
}

/* ▁▂▃▄▅▆▇█ for 0-10: the weekly pain as a sparkline; a week without a score is a gap. */
static void sparkline(struct strbuf *sb, const double *w, int n)
{
	static const char *const bars[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

	for (int i = 0; i < n; i++) {
		int b = w[i] < 0 ? -1 : (int)(w[i] / 10.0 * 7.999);

		strbuf_addstr(sb, b < 0 ? " " : bars[b]);
	}
}

/* HOW IT'S GOING: the weekly pain trend and the running of the last 7 days. */
static void how_its_going(const struct app *app, const struct today *t)
{
	struct strbuf sb = STRBUF_INIT;

	printf("\n %sHOW IT'S GOING%s\n", sty_bold(app), sty_reset(app));
	if (t->have_pain) {
		sparkline(&sb, t->spark, t->nspark);
		printf("   Pain      %s  ", sb.buf);
		if (t->pain_to_week <= t->pain_from_week)
			printf("%.1f in week %d — log it a few times a week to see the trend\n",
			       t->pain_to, t->pain_to_week);
		else
			printf("%.1f in week %d → %.1f in week %d — %s\n", t->pain_from,
			       t->pain_from_week, t->pain_to, t->pain_to_week,
			       pain_trend_names[t->trend]);
	}
	if (t->have_running) {
		strbuf_reset(&sb);
		format_running_line(&sb, &t->running, t->miles);
		printf("   Running   %s", sb.buf);
		if (t->scaled_back == TRI_YES)
			printf(" — good, you scaled back");
		putchar('\n');
	}
	if (!t->have_pain && !t->have_running)
		printf("   %sNothing logged yet. After a session or a run: hipcoach log pain N%s\n",
		       sty_dim(app), sty_reset(app));
	strbuf_release(&sb);
}

/* NEXT: the next strength day and the next long run, in date order, with the long run's cap. */
static void print_next(const struct app *app, const struct today *t)
{
	struct strbuf strength = STRBUF_INIT, run = STRBUF_INIT, line = STRBUF_INIT;

	if (t->next_strength)
		strbuf_addf(&strength, "%s: strength", next_day_name(t->date, t->next_strength));
	if (t->next_long_run) {
		strbuf_addf(&run, "%s: long run", next_day_name(t->date, t->next_long_run));
		/* Frandsen et al., BJSM 2025: the cap is computed once, in core/load.c. */
		if (t->long_run_cap_m >= 0) {
			strbuf_addstr(&run, " — at most ");
			format_distance(&run, t->long_run_cap_m, t->miles);
			strbuf_addstr(&run, " (30-day longest + 10%)");
		}
	}
	if (run.len && (!strength.len || t->next_long_run < t->next_strength)) {
		add_item(&line, &run);
		add_item(&line, &strength);
	} else {
		add_item(&line, &strength);
		add_item(&line, &run);
	}
	if (line.len)
		printf("\n %sNEXT%s   %s\n", sty_bold(app), sty_reset(app), line.buf);
	strbuf_release(&strength);
	strbuf_release(&run);
	strbuf_release(&line);
}

static void print_today(const struct app *app, const struct today *t, int width)
{
	struct strbuf left = STRBUF_INIT, right = STRBUF_INIT;

	advice_print_urgent_status(app, &t->status);
	format_day_long(&left, t->date);
	strbuf_addf(&right, "week %d · %d of %d sessions done this week", t->week, t->week_done,
		    t->week_planned);
	if (t->streak > 1)
		strbuf_addf(&right, " · %d days in a row", t->streak);
	{
		struct strbuf l = STRBUF_INIT;
		const char *name = app->coach.profile.name; /* set in setup; may be NULL */

		strbuf_addf(&l, " %shipcoach%s · %s%s%s", sty_bold(app), sty_reset(app),
			    name ? name : "", name ? " · " : "", left.buf);
		print_lr(l.buf, right.buf, width);
		strbuf_release(&l);
	}
	if (t->status.screening.required && !t->status.screening.blocked) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, "Before your next session, answer the safety questions again: ");
		safety_rescreen_reason(&t->status.screening.rescreen, &sb);
		strbuf_addstr(&sb, ". hipcoach check");
		printf("\n%s", sty_yellow(app));
		print_wrapped(" ", sb.buf, width);
		printf("%s", sty_reset(app));
		strbuf_release(&sb);
	} else if (t->screening_needed) {
		printf("\n %sBefore your first session, answer the safety questions: hipcoach "
		       "check%s\n",
		       sty_yellow(app), sty_reset(app));
	}
	printf("\n %sTODAY%s\n", sty_bold(app), sty_reset(app));
	if (t->paused_reason) {
		fputs(sty_yellow(app), stdout);
		print_wrapped("   ", t->paused_reason, width < 88 ? width : 88);
		fputs(sty_reset(app), stdout);
	}
	for (int k = 0; k < 2; k++) {
		const struct today_session *s = &t->sessions[k];
		char hm[6];

		if (!s->planned && !s->done)
			continue;
		strbuf_reset(&left);
		if (s->planned) {
			strbuf_addf(&left, "   %-9s %zu %s · about %d min",
				    k ? "Stretches" : "Strength", s->items, k ? "holds" : "moves",
				    s->minutes);
			if (s->sets && width >= 96)
				strbuf_addf(&left, " · %s, %d sets of %d–%d", level_names[t->level],
					    s->sets, s->reps_min, s->reps_max);
			else if (s->sets)
				strbuf_addf(&left, " · %d × %d–%d", s->sets, s->reps_min,
					    s->reps_max);
		} else {
			strbuf_addf(&left, "   %-9s extra session", k ? "Stretches" : "Strength");
		}
		strbuf_reset(&right);
		if (s->done)
			strbuf_addf(&right, "%sdone %s%s", sty_green(app),
				    s->done_at ? time_format_hm(s->done_at, hm) : "",
				    sty_reset(app));
		else if (s->rest_for_pain)
			strbuf_addf(&right, "%snot today: pain %d/10%s", sty_yellow(app),
				    s->rest_pain, sty_reset(app));
		else if (s->resumable)
			strbuf_addf(&right, "%shipcoach start %s%s (resume)", sty_yellow(app),
				    k ? "stretch" : "strength", sty_reset(app));
		else
			strbuf_addf(&right, "%shipcoach start %s%s", sty_cyan(app),
				    k ? "stretch" : "strength", sty_reset(app));
		print_lr(left.buf, right.buf, width);
	}
	if (t->sessions[KIND_STRENGTH].rest_for_pain && !t->sessions[KIND_STRENGTH].done)
		printf(
		    "   %sNo strength work with pain this high: the gentle stretches, or rest.%s\n",
		    sty_dim(app), sty_reset(app));
	else if (!t->sessions[KIND_STRENGTH].planned && !t->pause)
		printf("   %sNo strength today: rest is part of the program.%s\n", sty_dim(app),
		       sty_reset(app));
	if (t->status.therapist && t->status.therapist->note) {
		putchar('\n');
		program_view_note(app, t->status.therapist, " FROM YOUR PHYSICAL THERAPIST", "   ",
				  width < 88 ? width : 88);
	}
	how_its_going(app, t);
	print_next(app, t);
	strbuf_release(&left);
	strbuf_release(&right);
}

static int run(struct app *app, const struct args *args)
{
	struct today t;
	int have, ret = 1;

	if (app_program(app) || app_store(app, 0))
		return 1;
	have = coach_has_profile(&app->coach);
	if (have < 0) {
		error("%s", error_last());
		return 1;
	}
	if (!have && arg_has(app->cmd, args, "json")) {
		error("no profile yet: run 'hipcoach setup' first");
		return 1;
	}
	if (!have) {
		const struct command *setup = command_find("setup");
		const struct command *self = app->cmd;
		struct args none = {0};

		printf(
		    "Welcome to hipcoach. First, a few questions to fit the program to you.\n\n");
		app->cmd = setup;
		ret = setup->run(app, &none);
		app->cmd = self;
		if (ret)
			return ret;
		putchar('\n');
	}
	/* The first run of a day asks how the hip feels this morning (a record, so it comes
	 * first). */
	if (!arg_has(app->cmd, args, "json") && checkin_morning(app) < -1)
		return 1;
	if (coach_today(&app->coach, &t)) {
		error("%s", error_last());
		today_release(&t);
		return 1;
	}
	if (arg_has(app->cmd, args, "json"))
		ret = json_print(json_today(&t, &app->coach.profile)) ? 1 : 0;
	else {
		print_today(app, &t, term_width() - 1);
		ret = 0;
	}
	today_release(&t);
	return ret;
}

const struct command cmd_today = {
    .name = "today",
    .summary = "what to do today (the same as 'hipcoach' alone)",
    .usage = "[--json]",
    .help = "Shows today's sessions and whether they are done, how this week is going,\n"
	    "and what comes next. On the very first run it starts 'hipcoach setup'.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_DAILY,
};
