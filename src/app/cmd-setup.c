/* `hipcoach setup`: the runner's level, equipment, week and units, asked in plain words or given as
 * options. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "coach/setup.h"
#include "lib/error.h"
#include "lib/xalloc.h"

static const struct opt opts[] = {
    {"level", 0, "LEVEL", "beginner, moderate or heavy (see below)"},
    {"equipment", 0, "LIST",
     "what you have: mat, band, step (or stairs), dumbbells, chair (comma-separated)"},
    {"dumbbells", 0, "WEIGHTS", "the dumbbell weights you have, e.g. 4,6,8 (in your weight unit)"},
    {"run-days", 0, "DAYS", "the days you run, e.g. mon,wed,sat"},
    {"long-run", 0, "DAY", "your long-run day, e.g. sat or 'sat half' (none: no long run)"},
    {"strength-days", 0, "DAYS",
     "days that suit strength work, e.g. tue,fri (auto: let hipcoach choose)"},
    {"units", 0, "UNITS", "km or mi, and kg or lb, e.g. mi,lb"},
    {"name", 0, "NAME", "your first name, for the printed handout and today's screen"},
    {"start", 0, "DATE", "the program's first day (default: today)"},
    {"show", 0, NULL, "print the profile instead of changing it"},
    {"json", 0, NULL, "with --show: print JSON"},
    {0},
};

static void print_profile(const struct app *app, const struct program *prog,
			  const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	char date[11];

	printf("%sYour profile%s\n", sty_bold(app), sty_reset(app));
	if (p->name)
		printf("  name           %s\n", p->name);
	printf("  level          %s — %s\n", level_names[p->level], prog->levels[p->level].summary);
	for (int i = 0; i < EQ_COUNT; i++)
		if (p->equipment & (1u << i))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", equipment_names[i]);
	printf("  equipment      %s\n", sb.len ? sb.buf : "none");
	if (p->equipment & EQ_DUMBBELLS) {
		strbuf_reset(&sb);
		for (int i = 0; i < p->nweights; i++) {
			if (i)
				strbuf_addstr(&sb, ", ");
			format_weight(&sb, p->weights_kg[i], p->pounds);
		}
		printf("  dumbbells      %s\n", sb.len ? sb.buf : "weights not given");
	}
	strbuf_reset(&sb);
	format_weekdays(&sb, p->run_days);
	printf("  run days       %s\n", sb.len ? sb.buf : "none given");
	printf("  long run       %s\n",
	       p->long_run_day >= 0 ? weekday_short[p->long_run_day] : "none");
	strbuf_reset(&sb);
	if (p->strength_days) {
		format_weekdays(&sb, p->strength_days);
		printf("  strength days  %s\n", sb.buf);
	} else {
		unsigned chosen =
		    plan_strength_days(p->run_days, p->long_run_day, prog->strength_per_week);

		format_weekdays(&sb, chosen);
		strbuf_addstr(&sb, " — ");
		setup_strength_reason(p, chosen, &sb);
		print_hanging("  strength days  ", sb.buf, 80);
	}
	printf("  units          %s, %s\n", p->miles ? "mi" : "km", p->pounds ? "lb" : "kg");
	printf("  started        %s\n", day_format(p->start_date, date));
	strbuf_release(&sb);
}

/* One question with a default; re-asks until the answer parses (EOF takes the default). */
static char *ask(const char *question, const char *dflt)
{
	int eof;
	char *answer = prompt_line(question, dflt, &eof);

	return answer ? answer : xstrdup("");
}

/* In the interview a bad answer is a plain line, and the question comes again. */
static int sorry(int ret, struct strbuf *err)
{
	if (ret)
		printf("  Sorry: %s.\n", err->buf);
	strbuf_reset(err);
	return ret;
}

static int interview(struct app *app, const struct command *cmd, struct profile *p)
{
	const struct program *prog = &app->coach.program;
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	char *a;

	printf("%sLet's set up your program.%s Press Enter to keep the answer in brackets.\n\n",
	       sty_bold(app), sty_reset(app));
	a = ask("Your first name, for the printed sheet (optional)", p->name ? p->name : "");
	if (*a) {
		free(p->name);
		p->name = a;
	} else {
		free(a);
	}
	putchar('\n');
	printf("How much strength training have you done?\n");
	for (int i = 0; i < LEVEL_COUNT; i++)
		printf("  %d) %-9s %s\n", i + 1, level_names[i], prog->levels[i].summary);
	for (;;) {
		int lvl;

		a = ask("Your level (1-3 or a name)", level_names[p->level]);
		lvl = level_parse(a);
		if (lvl < 0 && a[0] >= '1' && a[0] <= '3' && !a[1])
			lvl = a[0] - '1';
		free(a);
		if (lvl >= 0) {
			p->level = lvl;
			break;
		}
		printf("  Please answer 1, 2 or 3.\n");
	}

	for (;;) {
		a = ask("\nUnits: km or mi, and kg or lb", p->miles
							       ? (p->pounds ? "mi,lb" : "mi,kg")
							       : (p->pounds ? "km,lb" : "km,kg"));
		if (!sorry(setup_parse_units(a, p, &err), &err)) {
			free(a);
			break;
		}
		free(a);
	}

	printf("\nWhat do you have at hand? (mat, band, step, dumbbells, chair — a chair can be\n"
	       "a bench or low table; a step can be the bottom stair)\n");
	for (int i = 0; i < EQ_COUNT; i++)
		if (p->equipment & (1u << i))
			strbuf_addf(&sb, "%s%s", sb.len ? "," : "", equipment_names[i]);
	for (;;) {
		a = ask("Equipment", sb.len ? sb.buf : "mat");
		if (!sorry(setup_parse_equipment(a, &p->equipment, &err), &err)) {
			free(a);
			break;
		}
		free(a);
	}
	if (p->equipment & EQ_DUMBBELLS) {
		strbuf_reset(&sb);
		for (int i = 0; i < p->nweights; i++)
			strbuf_addf(&sb, "%s%g", i ? "," : "",
				    p->pounds ? round(p->weights_kg[i] * 2.2046226)
					      : p->weights_kg[i]);
		for (;;) {
			a = ask(p->pounds
				    ? "Which dumbbell weights do you have, in lb? (e.g. 10,15,20)"
				    : "Which dumbbell weights do you have, in kg? (e.g. 4,6,8)",
				sb.len ? sb.buf : NULL);
			if (!*a || !sorry(setup_parse_weights(a, p->pounds, p, &err), &err)) {
				free(a);
				break;
			}
			free(a);
		}
	}

	for (;;) {
		strbuf_reset(&sb);
		format_weekdays(&sb, p->run_days);
		a = ask("\nWhich days do you run? (e.g. mon,wed,sat)", sb.len ? sb.buf : NULL);
		if (!sorry(setup_parse_days("run days", a, &p->run_days, &err), &err)) {
			free(a);
			break;
		}
		free(a);
	}
	for (;;) {
		int day;

		a = ask("Which is your long-run day? (none if you have none)",
			p->long_run_day >= 0 ? weekday_short[p->long_run_day] : "none");
		if (!sorry(setup_parse_long_run("the long run", a, &day, &err), &err)) {
			setup_long_run(p, day);
			free(a);
			break;
		}
		free(a);
	}
	for (;;) {
		strbuf_reset(&sb);
		format_weekdays(&sb, p->strength_days);
		a = ask("Which days suit strength work? (twice a week; auto lets hipcoach choose)",
			sb.len ? sb.buf : "auto");
		if (!sorry(setup_parse_days("strength days", a, &p->strength_days, &err), &err)) {
			free(a);
			break;
		}
		free(a);
	}
	(void)cmd;
	strbuf_release(&sb);
	strbuf_release(&err);
	putchar('\n');
	return 0;
}

/* "sat 10k": whether the long-run setting names a distance too (setup_parse_long_run() keeps the
 * day). */
static int long_run_has_distance(const char *v)
{
	char *copy = xstrdup(v), *save = NULL;
	int found = 0;

	for (char *tok = strtok_r(copy, ", ", &save); tok && !found;
	     tok = strtok_r(NULL, ", ", &save))
		found = setup_is_distance(tok);
	free(copy);
	return found;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	struct setup_values vals = {0};
	struct strbuf err = STRBUF_INIT;
	struct profile p;
	const char *warnings[4];
	size_t nwarn;
	int have, given = 0, ret;
	static const char *const settings[] = {"level",	   "equipment", "dumbbells",
					       "run-days", "long-run",	"strength-days",
					       "units",	   "name",	"start"};

	for (size_t i = 0; i < ARRAY_SIZE(settings); i++)
		given |= arg_has(cmd, args, settings[i]);
	if (arg_has(cmd, args, "json") && !arg_has(cmd, args, "show"))
		return usage_error(cmd, "--json goes with --show");
	if (arg_has(cmd, args, "show") && given)
		return usage_error(cmd, "--show does not take settings");

	/* Check every value before touching the database: a usage error writes nothing. */
	vals.level = arg_get(cmd, args, "level");
	vals.equipment = arg_get(cmd, args, "equipment");
	vals.dumbbells = arg_get(cmd, args, "dumbbells");
	vals.run_days = arg_get(cmd, args, "run-days");
	vals.long_run = arg_get(cmd, args, "long-run");
	vals.strength_days = arg_get(cmd, args, "strength-days");
	vals.units = arg_get(cmd, args, "units");
	vals.name = arg_get(cmd, args, "name");
	vals.start = arg_get(cmd, args, "start");
	profile_init(&p);
	ret = setup_apply(&p, &vals, &err);
	profile_release(&p);
	if (ret) {
		usage_error(cmd, "%s", err.buf);
		strbuf_release(&err);
		return 2;
	}
	if (app_program(app) || app_store(app, arg_has(cmd, args, "show")))
		return 1;
	have = coach_setup_load(&app->coach, &p);
	if (have < 0) {
		profile_release(&p);
		error("%s", error_last());
		return 1;
	}

	if (arg_has(cmd, args, "show")) {
		if (!have) {
			profile_release(&p);
			error("no profile yet: run 'hipcoach setup' first");
			return 1;
		}
		ret = 0;
		if (arg_has(cmd, args, "json"))
			ret = json_print(json_profile(&p)) ? 1 : 0;
		else
			print_profile(app, &app->coach.program, &p);
		profile_release(&p);
		return ret;
	}

	ret = 2;
	if (setup_apply(&p, &vals, &err)) {
		usage_error(cmd, "%s", err.buf);
		goto out;
	}

	if (!given)
		interview(app, cmd, &p);
	nwarn = setup_warnings(&p, warnings, ARRAY_SIZE(warnings));
	for (size_t i = 0; i < nwarn; i++)
		warning("%s", warnings[i]);
	if (coach_setup_save(&app->coach, &p)) {
		error("%s", error_last());
		ret = 1;
		goto out;
	}
	print_profile(app, &app->coach.program, &p);
	if (vals.long_run && long_run_has_distance(vals.long_run))
		printf("\nYour long run's distance comes from the runs you log or import: the plan "
		       "keeps\nit under your longest of the last 30 days + 10%%.\n");
	if (!have) {
		const struct command *check = command_find("check");

		printf("\nNext: run '%shipcoach%s' for today's session, or '%shipcoach plan%s' for "
		       "your week.\n",
		       sty_bold(app), sty_reset(app), sty_bold(app), sty_reset(app));
		if (check && !given) {
			struct args none = {0};

			putchar('\n');
			ret = check->run(app, &none);
			goto out;
		}
	}
	ret = 0;
out:
	profile_release(&p);
	strbuf_release(&err);
	return ret;
}

const struct command cmd_setup = {
    .name = "setup",
    .summary = "set your level, equipment, running week and units",
    .usage = "[--level LEVEL] [--equipment LIST] [--dumbbells WEIGHTS] [--run-days DAYS]\n"
	     "       [--long-run DAY] [--strength-days DAYS] [--units UNITS] [--name NAME]\n"
	     "       [--start DATE] | --show [--json]",
    .help = "Without options, asks a few plain questions: your name (if you like), your\n"
	    "experience with strength work, your units, what equipment you have, the\n"
	    "days you run and your long-run day, and the days that suit strength work.\n"
	    "With options, changes only what you give, without questions.\n"
	    "\n"
	    "Equipment: a step can be the bottom stair (stairs) or a box; a chair can\n"
	    "be a bench or a low table. A distance given with the long-run day ('sat\n"
	    "10k', 'sat half') is fine: the day is what the plan needs, and hipcoach\n"
	    "reads how far you run from the runs you log or import. Without strength\n"
	    "days (auto), hipcoach picks two that fit your runs and says why.\n"
	    "\n"
	    "Levels (the dosage the plan uses):\n"
	    "  beginner  1-3 sets of 12-15 reps, no weights\n"
	    "  moderate  advanced, with moderate dumbbells: 3 sets of 8-12\n"
	    "  heavy     advanced, with heavy dumbbells: 3-4 sets of 4-6\n"
	    "\n"
	    "Example:\n"
	    "  hipcoach setup --level beginner --equipment mat,band,step,chair \\\n"
	    "      --strength-days tue,fri --run-days mon,wed,sat --long-run sat",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_PROGRAM,
};
