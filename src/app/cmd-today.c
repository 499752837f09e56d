/* `hipcoach` with no command: what is due today, what is done, and what comes next. */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "app.h"
#include "lib/error.h"
#include "coach/status.h"
#include "checkin.h"
#include "load-advice.h"
#include "safety-gate.h"
#include "store/profile.h"
#include "store/session.h"

static const struct opt opts[] = {
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

/* ▁▂▃▄▅▆▇█ for 0-10: the weekly pain as a sparkline. */
static void sparkline(struct strbuf *sb, const struct pain_week *w, size_t n)
{
	static const char *const bars[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

	for (size_t i = 0; i < n; i++) {
		int b = w[i].mean < 0 ? -1 : (int)(w[i].mean / 10.0 * 7.999);

		strbuf_addstr(sb, b < 0 ? " " : bars[b]);
	}
}

/* HOW IT'S GOING: the weekly pain trend and the running of the last 7 days. */
static void how_its_going(const struct app *app, const struct status *s, int width)
{
	size_t n = s->nweeks, first = n > 6 ? n - 6 : 0, a = SIZE_MAX, b = SIZE_MAX;
	struct strbuf sb = STRBUF_INIT;
	int any = 0;

	(void)width;
	for (size_t i = first; i < n; i++) {
		if (s->weeks[i].mean < 0)
			continue;
		if (a == SIZE_MAX)
			a = i;
		b = i;
	}
	printf("\n %sHOW IT'S GOING%s\n", sty_bold(app), sty_reset(app));
	if (a != SIZE_MAX) {
		double from = s->weeks[a].mean, to = s->weeks[b].mean;

		sparkline(&sb, s->weeks + first, n - first);
		printf("   Pain      %s  ", sb.buf);
		if (a == b) {
			printf("%.0f this week — log it a few times a week to see the trend\n", to);
		} else {
			/* Farrar, Pain 2001: about 2 points or 30% is a change that matters. */
			const char *verdict = to <= from - 2 || to <= from * 0.7 ? "getting better"
					      : to >= from + 2			 ? "getting worse"
										 : "about the same";

			printf("%.0f → %.0f over %zu weeks — %s\n", from, to, b - a, verdict);
		}
		any = 1;
	}
	if (s->have_load && s->load.nruns) {
		strbuf_reset(&sb);
		format_distance(&sb, s->load.last7_m, app->coach.profile.miles);
		printf("   Running   %s in the last 7 days", sb.buf);
		if (s->load.prev28_week_m > 0) {
			double change = s->load.last7_m / s->load.prev28_week_m - 1;

			printf(" (%+.0f%% on your usual)", change * 100);
		}
		if (s->scaled_back == TRI_YES)
			printf(" — good, you scaled back");
		putchar('\n');
		any = 1;
	}
	if (!any)
		printf("   %sNothing logged yet. After a session or a run: hipcoach log pain N%s\n",
		       sty_dim(app), sty_reset(app));
	strbuf_release(&sb);
}

static const struct session_rec *find_session(const struct session_rec *v, size_t n, day_t date,
					      enum exercise_kind kind, int completed)
{
	const struct session_rec *found = NULL;

	for (size_t i = 0; i < n; i++)
		if (v[i].date == date && v[i].kind == kind && v[i].completed == completed)
			found = &v[i];
	return found;
}

static int run(struct app *app, const struct args *args)
{
	const struct plan_input *in;
	day_t today = clock_today(), monday = day_week_start(today);
	struct plan plan;
	struct session_rec *done = NULL;
	size_t ndone = 0, planned = 0, completed = 0;
	struct strbuf left = STRBUF_INIT, right = STRBUF_INIT;
	int width = term_width() - 1, week;
	int have, have_status;
	struct profile probe;
	struct status st;

	(void)args;
	if (app_program(app) || app_store(app, 0))
		return 1;
	have = store_profile_load(&app->coach.store, &probe);
	profile_release(&probe);
	if (have < 0) {
		error("%s", error_last());
		return 1;
	}
	if (!have) {
		const struct command *setup = command_find("setup");
		const struct command *self = app->cmd;
		struct args none = {0};
		int ret;

		printf(
		    "Welcome to hipcoach. First, a few questions to fit the program to you.\n\n");
		app->cmd = setup;
		ret = setup->run(app, &none);
		app->cmd = self;
		if (ret)
			return ret;
		putchar('\n');
	}
	/* The first run of a day asks how the hip feels this morning. */
	if (checkin_morning(app) < -1)
		return 1;
	in = app_input(app);
	if (!in)
		return 1;
	/* Gathering applies due progress decisions, so it comes before the plan is built. */
	have_status = !app_status(app, &st);
	if (have_status)
		advice_print_urgent_status(app, &st);
	plan_build(&plan, in, monday, 14);
	if (store_sessions_between(&app->coach.store, monday, monday + 6, &done, &ndone)) {
		plan_release(&plan);
		error("%s", error_last());
		return 1;
	}
	for (size_t i = 0; i < plan.nsessions; i++) {
		if (plan.sessions[i].date > monday + 6)
			continue;
		planned++;
		if (find_session(done, ndone, plan.sessions[i].date, plan.sessions[i].kind, 1))
			completed++;
	}
	week = (int)((today - app->coach.profile.start_date) / 7) + 1;

	format_day_long(&left, today);
	strbuf_addf(&right, "week %d · %zu of %zu sessions done this week", week < 1 ? 1 : week,
		    completed, planned);
	{
		struct strbuf l = STRBUF_INIT;

		strbuf_addf(&l, " %shipcoach%s · %s", sty_bold(app), sty_reset(app), left.buf);
		print_lr(l.buf, right.buf, width);
		strbuf_release(&l);
	}

	if (have_status && !st.screening.rounds)
		printf("\n %sBefore your first session, answer the safety questions: hipcoach "
		       "check%s\n",
		       sty_yellow(app), sty_reset(app));
	printf("\n %sTODAY%s\n", sty_bold(app), sty_reset(app));
	for (int k = 0; k < 2; k++) {
		const struct plan_session *s = plan_find(&plan, today, (enum exercise_kind)k);
		const struct session_rec *fin =
		    find_session(done, ndone, today, (enum exercise_kind)k, 1);
		const struct session_rec *open =
		    find_session(done, ndone, today, (enum exercise_kind)k, 0);
		char hm[6];

		if (!s && !fin)
			continue;
		strbuf_reset(&left);
		if (s) {
			strbuf_addf(&left, "   %-9s %zu %s · about %d min",
				    k ? "Stretches" : "Strength", s->nitems, k ? "holds" : "moves",
				    plan_session_minutes(s, &app->coach.program));
			if (!k && s->nitems && width >= 96)
				strbuf_addf(&left, " · %s, %d sets of %d–%d",
					    level_names[plan.level], s->items[0].sets,
					    s->items[0].reps_min, s->items[0].reps_max);
			else if (!k && s->nitems)
				strbuf_addf(&left, " · %d × %d–%d", s->items[0].sets,
					    s->items[0].reps_min, s->items[0].reps_max);
		} else {
			strbuf_addf(&left, "   %-9s extra session", k ? "Stretches" : "Strength");
		}
		strbuf_reset(&right);
		if (fin)
			strbuf_addf(&right, "%sdone %s%s", sty_green(app),
				    time_format_hm(fin->finished, hm), sty_reset(app));
		else if (open)
			strbuf_addf(&right, "%shipcoach start %s%s (resume)", sty_yellow(app),
				    k ? "stretch" : "strength", sty_reset(app));
		else
			strbuf_addf(&right, "%shipcoach start %s%s", sty_cyan(app),
				    k ? "stretch" : "strength", sty_reset(app));
		print_lr(left.buf, right.buf, width);
	}
	if (!plan_find(&plan, today, KIND_STRENGTH))
		printf("   %sNo strength today: rest is part of the program.%s\n", sty_dim(app),
		       sty_reset(app));

	if (have_status)
		how_its_going(app, &st, width);

	/* What comes next, in date order: the next strength day and the next long run. */
	{
		struct strbuf strength = STRBUF_INIT, run = STRBUF_INIT;
		day_t strength_day = 0, lr = 0;

		for (size_t i = 0; i < plan.nsessions; i++) {
			const struct plan_session *s = &plan.sessions[i];

			if (s->date > today && s->kind == KIND_STRENGTH) {
				strength_day = s->date;
				strbuf_addf(&strength, "%s: strength",
					    next_day_name(today, s->date));
				break;
			}
		}
		if (app->coach.profile.long_run_day >= 0) {
			lr = today + 1;
			while (day_weekday(lr) != app->coach.profile.long_run_day)
				lr++;
			strbuf_addf(&run, "%s: long run", next_day_name(today, lr));
			/* Frandsen et al., BJSM 2025: a run over 10% past the 30-day longest
			 * raises risk. */
			if (have_status && st.have_load && st.load.longest_30d_m > 0) {
				strbuf_addstr(&run, " — at most ");
				format_distance(&run, st.load.longest_30d_m * 1.1,
						app->coach.profile.miles);
				strbuf_addstr(&run, " (your 30-day longest + 10%)");
			}
		}
		strbuf_reset(&left);
		if (run.len && (!strength.len || lr < strength_day)) {
			add_item(&left, &run);
			add_item(&left, &strength);
		} else {
			add_item(&left, &strength);
			add_item(&left, &run);
		}
		strbuf_release(&strength);
		strbuf_release(&run);
	}
	if (left.len)
		printf("\n %sNEXT%s   %s\n", sty_bold(app), sty_reset(app), left.buf);

	strbuf_release(&left);
	strbuf_release(&right);
	free(done);
	plan_release(&plan);
	status_release(&st);
	return 0;
}

const struct command cmd_today = {
    .name = "today",
    .summary = "what to do today (the same as 'hipcoach' alone)",
    .usage = "",
    .help = "Shows today's sessions and whether they are done, how this week is going,\n"
	    "and what comes next. On the very first run it starts 'hipcoach setup'.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_DAILY,
};
