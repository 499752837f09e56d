/* `hipcoach log`: record by hand what was done without the player, one subcommand per kind of
 * entry. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "coach/record.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "log-pain.h"
#include "log-run.h"
#include "store/session.h"

/*
 * Every subcommand's options live in this one table (the command line is
 * parsed before the subcommand is known); each subcommand lists the ones
 * that apply to it, and the others are refused.
 */
static const struct opt opts[] = {
    {"kind", 0, "KIND", "session: strength or stretch"},
    {"date", 0, "DATE", "the day it was done, YYYY-MM-DD (default: today)"},
    {"pain-before", 0, "N", "session: pain in the hip before it, 0-10"},
    {"pain-after", 0, "N", "session: pain in the hip after it, 0-10"},
    {"pain-during", 0, "N", "session: pain in the hip during the exercises, 0-10"},
    {"effort", 0, "E", "session: effort 1-10 (RPE), or rirN: N reps in reserve (rir3)"},
    {"when", 0, "WHEN", "pain: now, during, after or morning (default: now)"},
    {"where", 0, "WHERE", "pain: outer, front, groin, buttock or back"},
    {"distance", 0, "DIST", "run: how far, e.g. 10km or 6.2mi"},
    {"time", 0, "TIME", "run: how long, e.g. 55:00 or 1:02:03"},
    {"sport", 0, "SPORT", "run: running (default), trail_running, walking, hiking, cycling"},
    {0},
};

struct log_sub {
	const char *name;
	const char *usage;
	int npos;		 /* positional words after the subcommand */
	const char *const *opts; /* the options that apply, NULL-terminated */
	int (*run)(struct app *app, const struct args *args);
};

static const char *const session_opts[] = {"kind",	  "date",   "pain-before", "pain-after",
					   "pain-during", "effort", NULL};
static const char *const pain_opts[] = {"when", "where", "date", NULL};
static const char *const run_opts[] = {"distance", "time", "date", "sport", NULL};

static int pain_opt(const struct command *cmd, const struct args *args, const char *name, int *out)
{
	const char *v = arg_get(cmd, args, name);
	long n;

	*out = -1;
	if (!v)
		return 0;
	if (parse_long_str(v, 0, 10, &n))
		return usage_error(cmd, "--%s takes a number from 0 to 10, not '%s'", name, v);
	*out = (int)n;
	return 0;
}

/*
 * --effort: a rating of perceived exertion 1-10 into *rpe, or "rirN", N
 * reps in reserve 0-10, into *reserve (Zourdos 2016; Hackett 2017: "could
 * you have done 3 more?" suits beginners better than a number).
 */
static int effort_opt(const struct command *cmd, const char *v, int *rpe, int *reserve)
{
	long n;

	*rpe = *reserve = -1;
	if (!v)
		return 0;
	if (!strncasecmp(v, "rir", 3) && !parse_long_str(v + 3, 0, 10, &n))
		*reserve = (int)n;
	else if (!parse_long_str(v, 1, 10, &n))
		*rpe = (int)n;
	else
		return usage_error(
		    cmd,
		    "--effort takes an effort from 1 to 10 (RPE), or rirN for N reps "
		    "in reserve (rir3: you could have done 3 more), not '%s'",
		    v);
	return 0;
}

/* `log session`: a session done as planned for that date, every set as prescribed. */
static int log_session(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *kind_s = arg_get(cmd, args, "kind"), *date_s = arg_get(cmd, args, "date");
	const char *effort_s = arg_get(cmd, args, "effort");
	enum exercise_kind kind;
	day_t date = clock_today();
	int ret;
	struct coach_session_entry e;
	struct coach_session_logged r;
	struct strbuf sb = STRBUF_INIT;

	if (!kind_s)
		return usage_error(cmd, "'log session' needs --kind strength or --kind stretch");
	if (!strcmp(kind_s, "strength"))
		kind = KIND_STRENGTH;
	else if (!strcmp(kind_s, "stretch") || !strcmp(kind_s, "stretches"))
		kind = KIND_STRETCH;
	else
		return usage_error(cmd, "--kind is strength or stretch, not '%s'", kind_s);
	if (date_s && day_parse(date_s, &date))
		return usage_error(cmd, "invalid date '%s' (expected a real date as YYYY-MM-DD)",
				   date_s);
	if (date > clock_today())
		return error("cannot log a session on '%s': that is in the future", date_s);
	if (effort_s && kind != KIND_STRENGTH)
		return usage_error(cmd, "--effort applies to strength sessions");
	coach_session_entry_init(&e, kind, date);
	if ((ret = pain_opt(cmd, args, "pain-before", &e.pain_before)) ||
	    (ret = pain_opt(cmd, args, "pain-after", &e.pain_after)) ||
	    (ret = pain_opt(cmd, args, "pain-during", &e.pain_during)) ||
	    (ret = effort_opt(cmd, effort_s, &e.rpe, &e.reserve)))
		return ret;
	if (coach_session_log(&app->coach, &e, &r)) {
		error("%s", error_last());
		return 1;
	}
	app_recorded(app);
	format_day_long(&sb, date);
	printf("Logged a %s session on %s: %zu %s, %zu %s.\n", session_kind_names[kind], sb.buf,
	       r.exercises, r.exercises == 1 ? "exercise" : "exercises", r.sets,
	       kind == KIND_STRENGTH ? (r.sets == 1 ? "set" : "sets")
				     : (r.sets == 1 ? "hold" : "holds"));
	strbuf_release(&sb);
	return 0;
}

/* `log pain N`: one pain check-in (log-pain.c). */
static int log_pain_sub(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;

	return log_pain_values(app, args->pos[1], arg_get(cmd, args, "when"),
			       arg_get(cmd, args, "where"), arg_get(cmd, args, "date"));
}

/* `log run`: a run without a file (log-run.c). */
static int log_run_sub(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;

	return log_run_values(app, arg_get(cmd, args, "distance"), arg_get(cmd, args, "time"),
			      arg_get(cmd, args, "date"), arg_get(cmd, args, "sport"));
}

static const struct log_sub subs[] = {
    {"session",
     "session --kind strength|stretch [--date YYYY-MM-DD] [--pain-before N] [--pain-after N] "
     "[--pain-during N] [--effort E]",
     0, session_opts, log_session},
    {"pain", log_pain_usage, 1, pain_opts, log_pain_sub},
    {"run", log_run_usage, 0, run_opts, log_run_sub},
};

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const struct log_sub *sub = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(subs); i++)
		if (!strcmp(args->pos[0], subs[i].name))
			sub = &subs[i];
	if (!sub)
		return usage_error(cmd, "nothing to log called '%s' (see 'hipcoach log --help')",
				   args->pos[0]);
	if (args->npos - 1 > sub->npos)
		return usage_error(cmd, "unexpected argument '%s'", args->pos[sub->npos + 1]);
	if (args->npos - 1 < sub->npos)
		return usage_error(cmd, "'log %s' needs more arguments: %s", sub->name, sub->usage);
	for (int i = 0; opts[i].name; i++) {
		int ok = 0;

		if (!args->value[i])
			continue;
		for (const char *const *o = sub->opts; *o; o++)
			ok |= !strcmp(*o, opts[i].name);
		if (!ok)
			return usage_error(cmd, "option '--%s' does not apply to 'log %s'",
					   opts[i].name, sub->name);
	}
	return sub->run(app, args);
}

const struct command cmd_log = {
    .name = "log",
    .summary = "record by hand what you did without the player",
    .usage = "session|pain|run ...  (see 'hipcoach log --help')",
    .help = "Records something done without 'hipcoach start':\n"
	    "\n"
	    "  hipcoach log session --kind strength|stretch [--date YYYY-MM-DD]\n"
	    "          [--pain-before N] [--pain-after N] [--pain-during N] [--effort E]\n"
	    "  hipcoach log pain N [--when now|during|after|morning]\n"
	    "          [--where outer|front|groin|buttock|back] [--date YYYY-MM-DD]\n"
	    "  hipcoach log run --distance 10km|6.2mi --time 55:00 [--date YYYY-MM-DD]\n"
	    "          [--sport SPORT]\n"
	    "\n"
	    "log session records a strength or stretch session as planned for that\n"
	    "date: every set and hold of your current prescription, done as prescribed\n"
	    "(sets at the top of the rep range), with the pain before and after if you\n"
	    "give them. --pain-during N is the pain in the hip during the exercises,\n"
	    "0-10; up to 5 is acceptable during strength work if it has settled by the\n"
	    "next morning, and a stretch should not hurt above 3. --effort is how hard\n"
	    "the sets were: 1-10 (RPE: 7 leaves about 3 reps in reserve), or rirN for\n"
	    "the reps you could still have done (rir3: 3 more). Both go on every set;\n"
	    "with the next morning's pain ('log pain N --when morning') they are what\n"
	    "moving up needs: two sessions in a row at the top of the range, pain during\n"
	    "5 or less, effort 7 or less (or 3 in reserve), settled by the morning.\n"
	    "\n"
	    "log pain records how the hip feels, 0 (no pain) to 10 (the worst\n"
	    "imaginable): now, during exercise, after it, or in the morning, and where it\n"
	    "hurts. Where it hurts adapts the plan; a jump of 3 points or a score of 8\n"
	    "offers the safety questions again.\n"
	    "\n"
	    "log run records a run without a watch file (a bare distance is in your unit\n"
	    "from setup). Logging the same run twice, or importing its file later, keeps\n"
	    "one.",
    .opts = opts,
    .min_pos = 1,
    .max_pos = -1,
    .run = run,
    .group = GROUP_RECORD,
};
