/* `hipcoach program-change`: a physical therapist changes the program at the runner's computer
 * (the level, the equipment, exercises left out, doses, a note), or shows the changes in force and
 * their record. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "coach/program-change.h"
#include "coach/setup.h"
#include "json-program.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "program-view.h"

static const struct opt opts[] = {
    {"level", 0, "LEVEL", "beginner, moderate or heavy"},
    {"equipment", 0, "LIST", "what the runner has: mat,band,step,dumbbells,chair, or none"},
    {"leave-out", 0, "LIST", "the exercises left out (ids, numbers or names), or none"},
    {"dose", 0, "DOSES",
     "the doses set, e.g. 'squat: 2 sets, 10-12 reps, 6 kg; figure-4-stretch: hold 45 s', or "
     "none"},
    {"note", 0, "TEXT", "a note to the runner (\"\" removes it)"},
    {"who", 0, "NAME", "who makes the change, as the runner knows them"},
    {"why", 0, "TEXT", "why the program changes"},
    {"json", 0, NULL, "print JSON: the same document as GET /api/patients/ID/program"},
    {0},
};

static const char *trim(char *s)
{
	char *end;

	while (*s == ' ')
		s++;
	end = s + strlen(s);
	while (end > s && end[-1] == ' ')
		*--end = '\0';
	return s;
}

/* The exercise a therapist names (its id, number or name, as `show` reads it). 0 or -1. */
static int exercise_named(const struct app *app, const char *what, const char **id)
{
	const struct exercise *ex;
	const struct variant *v;
	struct strbuf err = STRBUF_INIT;

	if (exercise_lookup(&app->coach.program, what, &ex, &v, &err)) {
		usage_error(app->cmd, "%s", err.buf);
		strbuf_release(&err);
		return -1;
	}
	*id = ex->id;
	return 0;
}

static int leave_out(const struct app *app, const char *list, struct program_change *chg)
{
	char *copy = xstrdup(list), *save = NULL;
	const char *id;
	int ret = 0;

	chg->set_left_out = 1;
	if (!strcmp(list, "none"))
		goto out;
	for (char *tok = strtok_r(copy, ",", &save); tok && !ret; tok = strtok_r(NULL, ",", &save))
		if (!(ret = exercise_named(app, trim(tok), &id)))
			program_change_leave_out(chg, id, NULL);
out:
	free(copy);
	return ret;
}

/* A number at the start of `s` and the word after it ("2 sets", "10-12 reps", "6 kg"). */
static int number_then(const char *s, double *v, const char **word)
{
	const char *p = s, *end = s + strlen(s);

	if (parse_double(&p, end, v))
		return -1;
	while (*p == ' ')
		p++;
	*word = p;
	return 0;
}

/* Whether `d` is a whole number that fits a dose. */
static int whole(double d)
{
	return d >= 0 && d <= 100000 && d == (double)(int)d;
}

/* One part of a dose: "2 sets", "10-12 reps", "12 reps", "hold 45 s", "6 kg", "no added weight". */
static int dose_part(const char *s, struct program_dose *d)
{
	const char *word;
	double v, w;

	if (!strcasecmp(s, "no added weight") || !strcasecmp(s, "bodyweight")) {
		d->load_kg = 0;
		return 0;
	}
	if (!strncasecmp(s, "hold ", 5))
		s += 5;
	if (number_then(s, &v, &word))
		return -1;
	if (!strcasecmp(word, "set") || !strcasecmp(word, "sets"))
		return whole(v) ? (d->sets = (int)v, 0) : -1;
	if (!strcasecmp(word, "s") || !strcasecmp(word, "sec"))
		return whole(v) ? (d->hold_s = (int)v, 0) : -1;
	if (!strcasecmp(word, "kg"))
		return v >= 0 ? (d->load_kg = v, 0) : -1;
	if (!strcasecmp(word, "rep") || !strcasecmp(word, "reps"))
		return whole(v) ? (d->reps_min = d->reps_max = (int)v, 0) : -1;
	/* A range of reps: "10-12 reps", or "10–12 reps" as hipcoach writes it. */
	if (!strncmp(word, "-", 1))
		word += 1;
	else if (!strncmp(word, "–", strlen("–")))
		word += strlen("–");
	else
		return -1;
	if (number_then(word, &w, &word) || (strcasecmp(word, "reps") && strcasecmp(word, "rep")) ||
	    !whole(v) || !whole(w))
		return -1;
	d->reps_min = (int)v;
	d->reps_max = (int)w;
	return 0;
}

/* "squat: 2 sets, 10-12 reps, 6 kg; figure-4-stretch: hold 45 s", or "none". */
static int doses(const struct app *app, const char *list, struct program_change *chg)
{
	char *copy = xstrdup(list), *save = NULL;
	int ret = 0;

	chg->set_doses = 1;
	if (!strcmp(list, "none"))
		goto out;
	for (char *one = strtok_r(copy, ";", &save); one && !ret;
	     one = strtok_r(NULL, ";", &save)) {
		char *colon = strchr(one, ':'), *psave = NULL;
		struct program_dose d;
		const char *id;

		if (!colon) {
			ret =
			    usage_error(app->cmd,
					"cannot read the dose '%s': give the exercise, a colon and "
					"the dose, e.g. 'squat: 2 sets, 10-12 reps'",
					trim(one));
			break;
		}
		*colon = '\0';
		program_dose_init(&d);
		if (exercise_named(app, trim(one), &id)) {
			ret = -1;
			break;
		}
		snprintf(d.exercise, sizeof(d.exercise), "%s", id);
		for (char *p = strtok_r(colon + 1, ",", &psave); p && !ret;
		     p = strtok_r(NULL, ",", &psave))
			if (dose_part(trim(p), &d))
				ret = usage_error(
				    app->cmd,
				    "cannot read '%s' in the dose of '%s' (use e.g. 2 "
				    "sets, 10-12 reps, hold 45 s, 6 kg, no added weight)",
				    trim(p), id);
		if (!ret)
			program_change_dose(chg, &d);
	}
out:
	free(copy);
	return ret;
}

static int show(struct app *app, int json)
{
	struct program_changes pc;
	int ret = 0;

	if (coach_program_changes(&app->coach, &pc))
		ret = error("%s", error_last());
	else if (json)
		ret = json_print(json_program_changes(&pc));
	else
		program_view_changes(app, &pc, term_width() - 1);
	program_changes_release(&pc);
	return ret ? 1 : 0;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *who = arg_get(cmd, args, "who"), *why = arg_get(cmd, args, "why"), *v;
	struct program_change chg;
	struct strbuf err = STRBUF_INIT;
	int ret = 2;

	if (app_profile(app))
		return 1;
	program_change_init(&chg);
	if ((v = arg_get(cmd, args, "level")) && setup_parse_level(v, &chg.level, &err))
		goto bad;
	if ((v = arg_get(cmd, args, "equipment"))) {
		unsigned eq;

		if (setup_parse_equipment(v, &eq, &err))
			goto bad;
		chg.equipment = (int)eq;
	}
	if ((v = arg_get(cmd, args, "leave-out")) && leave_out(app, v, &chg))
		goto out;
	if ((v = arg_get(cmd, args, "dose")) && doses(app, v, &chg))
		goto out;
	if ((v = arg_get(cmd, args, "note")))
		program_change_note(&chg, v);
	if (!program_change_given(&chg)) {
		if (who || why) {
			strbuf_addstr(&err, "nothing to change: give --level, --equipment, "
					    "--leave-out, --dose or --note");
			goto bad;
		}
		ret = show(app, arg_has(cmd, args, "json"));
		goto out;
	}
	if (!who || !*who || !why || !*why) {
		strbuf_addstr(&err,
			      "a change needs --who NAME and --why TEXT: who makes it, and why");
		goto bad;
	}
	if (coach_program_change(&app->coach, &chg, who, why)) {
		error("%s", error_last());
		ret = 1;
		goto out;
	}
	ret = show(app, arg_has(cmd, args, "json"));
	goto out;
bad:
	ret = usage_error(cmd, "%s", err.buf);
out:
	program_change_release(&chg);
	strbuf_release(&err);
	return ret;
}

const struct command cmd_program_change = {
    .name = "program-change",
    .summary = "a physical therapist's changes to your program, or change it",
    .usage = "[--level LEVEL] [--equipment LIST] [--leave-out LIST] [--dose DOSES] "
	     "[--note TEXT] --who NAME --why TEXT | [--json]",
    .help = "For a physical therapist working with you: changes your program, and says who\n"
	    "changed it and why. Your plan follows at once. An exercise left out is not\n"
	    "planned; a dose set stands in for your level's, and progress leaves it alone\n"
	    "until your therapist gives it back to the program (--dose none); a note is\n"
	    "shown on the today screen and with your plan. What is not given stays as it\n"
	    "is; --leave-out and --dose replace their whole list. The safety rules still\n"
	    "come first: where it hurts can leave an exercise out or shorten it, and a red\n"
	    "flag pauses the program, whatever the doses.\n"
	    "\n"
	    "A dose is the exercise, a colon, and what is set, in any order: sets (1-6),\n"
	    "reps or a range of reps (1-30), a hold in seconds (10-180), a dumbbell in kg\n"
	    "(up to 200), or no added weight: 'squat: 2 sets, 10-12 reps, 6 kg'. Several\n"
	    "doses are separated by semicolons.\n"
	    "\n"
	    "Without a change it shows the changes in force and every change made, newest\n"
	    "first. A clinic's server makes the same changes for its patients.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_PROGRAM,
};
