/* `hipcoach setup`: the runner's level, equipment, week and units, asked in plain words or given as
 * options. */
#include "setup.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "store/profile.h"

static const struct opt opts[] = {
    {"level", 0, "LEVEL", "beginner, moderate or heavy (see below)"},
    {"equipment", 0, "LIST", "what you have: mat, band, step, dumbbells, chair (comma-separated)"},
    {"dumbbells", 0, "WEIGHTS", "the dumbbell weights you have, e.g. 4,6,8 (in your weight unit)"},
    {"run-days", 0, "DAYS", "the days you run, e.g. mon,wed,sat"},
    {"long-run", 0, "DAY", "your long-run day, e.g. sat (none: no long run)"},
    {"strength-days", 0, "DAYS",
     "days that suit strength work, e.g. tue,fri (auto: let hipcoach choose)"},
    {"units", 0, "UNITS", "km or mi, and kg or lb, e.g. mi,lb"},
    {"name", 0, "NAME", "your name, for the printed handout"},
    {"start", 0, "DATE", "the program's first day (default: today)"},
    {"show", 0, NULL, "print the profile instead of changing it"},
    {"json", 0, NULL, "with --show: print JSON"},
    {0},
};

/* Appends one message to `err`; returns -1. */
__attribute__((format(printf, 2, 3))) static int bad(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

int setup_parse_level(const char *s, int *out, struct strbuf *err)
{
	int lvl = level_parse(s);

	if (lvl < 0)
		return bad(err, "unknown level '%s' (use beginner, moderate or heavy)", s);
	*out = lvl;
	return 0;
}

int setup_parse_days(const char *what, const char *s, unsigned *out, struct strbuf *err)
{
	char *copy = xstrdup(s), *save = NULL;
	int ret = 0;

	*out = 0;
	if (!strcmp(s, "none") || !strcmp(s, "auto") || !*s) {
		free(copy);
		return 0;
	}
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		int d = weekday_parse(tok);

		if (d < 0) {
			ret = bad(err,
				  "unknown day '%s' in %s (use mon, tue, wed, thu, fri, sat, sun)",
				  tok, what);
			break;
		}
		*out |= 1u << d;
	}
	free(copy);
	return ret;
}

int setup_parse_long_run(const char *what, const char *s, int *out, struct strbuf *err)
{
	unsigned d;

	if (setup_parse_days(what, s, &d, err))
		return -1;
	if (d & (d - 1))
		return bad(err, "%s takes one day, e.g. sat", what);
	*out = -1;
	for (int i = 0; i < 7; i++)
		if (d & (1u << i))
			*out = i;
	return 0;
}

int setup_parse_equipment(const char *s, unsigned *out, struct strbuf *err)
{
	char *copy = xstrdup(s), *save = NULL;
	int ret = 0;

	*out = 0;
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		unsigned eq = equipment_parse(tok);

		if (!strcmp(tok, "none"))
			continue;
		if (!eq) {
			ret = bad(err,
				  "unknown equipment '%s' (use mat, band, step, dumbbells, "
				  "chair, or none)",
				  tok);
			break;
		}
		*out |= eq;
	}
	free(copy);
	return ret;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int setup_parse_weights(const char *s, int pounds, struct profile *p, struct strbuf *err)
{
	const char *q = s, *end = s + strlen(s);

	p->nweights = 0;
	while (q < end) {
		double v;

		while (q < end && (*q == ' ' || *q == ','))
			q++;
		if (q == end)
			break;
		if (parse_double(&q, end, &v) || v <= 0 || v > 200 ||
		    p->nweights == PROFILE_MAX_WEIGHTS)
			return bad(err, "cannot read dumbbell weights '%s' (expected e.g. 4,6,8)",
				   s);
		if (q + 2 <= end && (!strncmp(q, "kg", 2) || !strncmp(q, "lb", 2))) {
			pounds = q[0] == 'l';
			q += 2;
		}
		/* Stored in kg; pounds rounded to 0.1 kg so they print back as entered. */
		p->weights_kg[p->nweights++] = pounds ? round(v / 2.2046226 * 10) / 10 : v;
	}
	qsort(p->weights_kg, (size_t)p->nweights, sizeof(double), cmp_double);
	return 0;
}

int setup_parse_units(const char *s, struct profile *p, struct strbuf *err)
{
	char *copy = xstrdup(s), *save = NULL;
	int ret = 0;

	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (!strcmp(tok, "km"))
			p->miles = 0;
		else if (!strcmp(tok, "mi") || !strcmp(tok, "miles"))
			p->miles = 1;
		else if (!strcmp(tok, "kg"))
			p->pounds = 0;
		else if (!strcmp(tok, "lb") || !strcmp(tok, "lbs"))
			p->pounds = 1;
		else {
			ret = bad(err, "unknown unit '%s' (use km or mi, and kg or lb)", tok);
			break;
		}
	}
	free(copy);
	return ret;
}

int setup_parse_date(const char *s, day_t *out, struct strbuf *err)
{
	if (day_parse(s, out))
		return bad(err, "invalid date '%s' (expected a real date as YYYY-MM-DD)", s);
	return 0;
}

void setup_profile_new(struct profile *p)
{
	p->level = LEVEL_BEGINNER;
	p->equipment = EQ_MAT;
	p->start_date = clock_today();
}

int setup_apply(struct profile *p, const struct setup_values *v, struct strbuf *err)
{
	if (v->level && setup_parse_level(v->level, &p->level, err))
		return -1;
	if (v->units && setup_parse_units(v->units, p, err))
		return -1;
	if (v->equipment && setup_parse_equipment(v->equipment, &p->equipment, err))
		return -1;
	if (v->dumbbells) {
		if (setup_parse_weights(v->dumbbells, v->dumbbells_kg ? 0 : p->pounds, p, err))
			return -1;
		if (p->nweights)
			p->equipment |= EQ_DUMBBELLS;
	}
	if (v->run_days && setup_parse_days("--run-days", v->run_days, &p->run_days, err))
		return -1;
	if (v->long_run) {
		if (setup_parse_long_run("--long-run", v->long_run, &p->long_run_day, err))
			return -1;
		if (p->long_run_day >= 0)
			p->run_days |= 1u << p->long_run_day;
	}
	if (v->strength_days &&
	    setup_parse_days("--strength-days", v->strength_days, &p->strength_days, err))
		return -1;
	if (v->name) {
		free(p->name);
		p->name = *v->name ? xstrdup(v->name) : NULL;
	}
	if (v->start && setup_parse_date(v->start, &p->start_date, err))
		return -1;
	return 0;
}

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
	} else {
		format_weekdays(
		    &sb, plan_strength_days(p->run_days, p->long_run_day, prog->strength_per_week));
		strbuf_addstr(&sb, " (chosen to fit your runs)");
	}
	printf("  strength days  %s\n", sb.buf);
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
		unsigned d;

		a = ask("Which is your long-run day? (none if you have none)",
			p->long_run_day >= 0 ? weekday_short[p->long_run_day] : "none");
		if (!sorry(setup_parse_days("long run", a, &d, &err), &err) && !(d & (d - 1))) {
			p->long_run_day = -1;
			for (int i = 0; i < 7; i++)
				if (d & (1u << i))
					p->long_run_day = i;
			free(a);
			break;
		}
		printf("  Please give one day, like sat, or none.\n");
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

/* Two strength days in a row leave no recovery between sessions: say so. */
static void warn_strength_days(unsigned days, int long_run_day)
{
	unsigned adj = days & ((days << 1) | (days >> 6)) & 0x7f;

	if (adj)
		warning("your strength days include two in a row: strength work does best with a "
			"day of rest between sessions");
	if (long_run_day >= 0 && (days & (1u << ((long_run_day + 6) % 7))))
		warning("strength the day before your long run can leave your legs tired for it");
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	struct setup_values vals = {0};
	struct strbuf err = STRBUF_INIT;
	struct profile p;
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
	profile_init(&p);
	if (app_program(app) || app_store(app, arg_has(cmd, args, "show")))
		return 1;
	have = store_profile_load(&app->coach.store, &p);
	if (have < 0) {
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

	if (!have)
		setup_profile_new(&p);
	ret = 2;
	if (setup_apply(&p, &vals, &err)) {
		usage_error(cmd, "%s", err.buf);
		goto out;
	}

	if (!given) {
		interview(app, cmd, &p);
		if (p.long_run_day >= 0)
			p.run_days |= 1u << p.long_run_day;
	}
	warn_strength_days(p.strength_days, p.long_run_day);
	if ((p.equipment & EQ_DUMBBELLS) && !p.nweights)
		warning(
		    "no dumbbell weights given: add them with 'hipcoach setup --dumbbells 4,6,8' "
		    "so the plan can suggest a weight");
	if (store_profile_save(&app->coach.store, &p)) {
		error("cannot save profile: %s", error_last());
		ret = 1;
		goto out;
	}
	print_profile(app, &app->coach.program, &p);
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
    .help = "Without options, asks a few plain questions: your experience with strength\n"
	    "work, what equipment you have, the days you run and your long-run day, the\n"
	    "days that suit strength work, and your units. With options, changes only\n"
	    "what you give, without questions.\n"
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
