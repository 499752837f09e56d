/* `hipcoach log pain N`: a pain check-in (now, during, after, morning; where it hurts), with what
 * it means and when to screen again. */
#include "log-pain.h"

#include <stdio.h>
#include <stdlib.h>

#include "coach/record.h"
#include "core/safety.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "safety-gate.h"
#include "store/pain.h"

const char log_pain_usage[] =
    "pain N [--when now|during|after|morning] [--where outer|front|groin|buttock|back] "
    "[--date YYYY-MM-DD]";

static const char *const where_words[PAIN_LOCATION_COUNT] = {
    "outside of the hip", "front of the hip", "groin", "buttock", "lower back",
};

/* What the score means in its context, as the coach judged it (SAFETY.md section 2). */
static void explain(const struct app *app, int score, enum pain_context ctx,
		    const struct coach_pain_logged *r)
{
	if (ctx == PAIN_DURING) {
		if (r->zone == PAIN_TOO_MUCH)
			printf(
			    "%sDuring exercise, above 5/10 is too much:%s stop the move that hurts "
			    "and use its\neasier version next time.\n",
			    sty_yellow(app), sty_reset(app));
		else
			printf(
			    "During exercise, %d/10 is %s (up to 5 is acceptable if it settles by "
			    "the next morning).\n",
			    score, pain_zone_names[r->zone]);
	} else if (ctx == PAIN_AFTER) {
		printf("Pain after exercise should settle by the next morning: log it then with\n"
		       "  hipcoach log pain N --when morning\n");
	}
	if (r->see_pt)
		printf("%sSee a physical therapist this week:%s pain of 8/10 or more is more than "
		       "exercise\nshould ever cause. Until then, do only what does not hurt.\n",
		       sty_red(app), sty_reset(app));
}

/*
 * The screening offered again (the coach decides when: SAFETY.md section
 * 1): says why, then asks on a terminal and runs `hipcoach check` on a yes,
 * or prints the command otherwise.
 */
static void reoffer(struct app *app, int score, const struct coach_pain_logged *r)
{
	const struct command *check = command_find("check");
	struct strbuf sb = STRBUF_INIT;

	putchar('\n');
	if (r->required) {
		strbuf_addstr(&sb, "Please answer the safety questions again before your next "
				   "session: ");
		safety_rescreen_reason(&r->rescreen, &sb);
		strbuf_addstr(&sb, ". A change like this can be a sign that something other than "
				   "overuse is going on.");
	} else {
		strbuf_addf(&sb,
			    "Pain of %d/10 is a lot. Please answer the safety questions again: a "
			    "change like this can be a sign that something other than overuse is "
			    "going on.",
			    score);
	}
	print_wrapped("", sb.buf, term_width() - 1 > 88 ? 88 : term_width() - 1);
	strbuf_release(&sb);
	if (app->interactive && check) {
		int eof;
		char *a = prompt_line("Answer them now? [y/n]", NULL, &eof);
		int yes = a && (a[0] == 'y' || a[0] == 'Y');

		free(a);
		if (yes) {
			const struct command *self = app->cmd;
			struct args none = {0};

			putchar('\n');
			app->cmd = check;
			check->run(app, &none);
			app->cmd = self;
			return;
		}
	}
	printf("  hipcoach check\n");
}

int log_pain_values(struct app *app, const char *num, const char *when, const char *where,
		    const char *date)
{
	int ctx, loc = -1;
	long score;
	day_t day = clock_today();
	struct coach_pain_logged r;
	struct strbuf sb = STRBUF_INIT;

	if (!when)
		when = "now";
	if (!num)
		return usage_error_line("log", log_pain_usage,
					"'log pain' needs a score from 0 to 10");
	if (parse_long_str(num, 0, 10, &score))
		return usage_error_line("log", log_pain_usage,
					"pain is a whole number from 0 to 10, not '%s'", num);
	ctx = pain_context_parse(when);
	if (ctx < 0)
		return usage_error_line("log", log_pain_usage,
					"unknown --when '%s' (use now, during, after or morning)",
					when);
	if (where && (loc = pain_location_parse(where)) < 0)
		return usage_error_line(
		    "log", log_pain_usage,
		    "unknown --where '%s' (use outer, front, groin, buttock or back)", where);
	if (date && day_parse(date, &day))
		return usage_error_line("log", log_pain_usage,
					"invalid date '%s' (expected a real date as YYYY-MM-DD)",
					date);
	if (day > clock_today())
		return usage_error_line("log", log_pain_usage, "'%s' is in the future", date);

	if (app_store(app, 0))
		return 1;
	if (coach_pain_log(&app->coach, day, (int)score, (enum pain_context)ctx, loc, &r)) {
		error("%s", error_last());
		return 1;
	}
	app_recorded(app);
	format_day_long(&sb, day);
	printf("Logged: pain %ld/10", score);
	if (ctx == PAIN_DURING || ctx == PAIN_AFTER)
		printf(" %s exercise", pain_context_names[ctx]);
	else if (ctx == PAIN_MORNING)
		printf(" in the morning");
	if (loc >= 0)
		printf(", %s", where_words[loc]);
	printf(", %s.\n", sb.buf);
	strbuf_release(&sb);
	explain(app, (int)score, (enum pain_context)ctx, &r);
	if (r.adapts_plan)
		printf("The plan adapts to it: see 'hipcoach plan'.\n");
	if (r.reoffer)
		reoffer(app, (int)score, &r);
	return 0;
}
