/* `hipcoach psfs`: the Patient-Specific Functional Scale, activities you name and score 0-10 from
 * time to time. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "coach/psfs.h"
#include "core/safety.h"
#include "lib/error.h"
#include "lib/parse.h"

static const struct opt opts[] = {
    {"date", 0, "DATE", "with 'score': the day of the score (default: today)"},
    {"json", 0, NULL, "print JSON"},
    {0},
};

json_t *psfs_json(struct app *app, const struct args *args, int *bad_args)
{
	struct psfs_summary sum;
	json_t *o, *items;
	char day[11];

	(void)args;
	*bad_args = 0;
	if (coach_psfs_summary(&app->coach, &sum)) {
		error("%s", error_last());
		return NULL;
	}
	o = json_object();
	items = json_array();
	for (size_t i = 0; i < sum.n; i++) {
		const struct psfs_item *it = &sum.items[i];
		int scored = it->latest >= 0;
		json_t *item = json_object();

		json_object_set_new(item, "id", json_integer((json_int_t)it->id));
		json_object_set_new(item, "name", json_string(it->name));
		json_object_set_new(item, "first", scored ? json_integer(it->first) : json_null());
		json_object_set_new(item, "latest",
				    scored ? json_integer(it->latest) : json_null());
		json_object_set_new(item, "latest_date",
				    scored ? json_string(day_format(it->latest_date, day))
					   : json_null());
		json_array_append_new(items, item);
	}
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "average_first",
			    sum.scored ? json_real(sum.average_first) : json_null());
	json_object_set_new(o, "average_latest",
			    sum.scored ? json_real(sum.average_latest) : json_null());
	json_object_set_new(o, "real_change", json_boolean(sum.change == PSFS_BETTER));
	psfs_summary_release(&sum);
	return o;
}

static int show(struct app *app, int json)
{
	struct psfs_summary sum;
	char day[11];

	if (json) {
		int bad;
		json_t *o = psfs_json(app, NULL, &bad);

		return o ? json_print(o) : -1;
	}
	if (coach_psfs_summary(&app->coach, &sum))
		return error("%s", error_last());
	printf("%sYour activities%s (0 = cannot do it, 10 = as before the problem)\n",
	       sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < sum.n; i++) {
		const struct psfs_item *it = &sum.items[i];

		if (it->latest < 0)
			printf("  %lld  %-32s not scored yet: hipcoach psfs score %lld N\n",
			       (long long)it->id, it->name, (long long)it->id);
		else
			printf("  %lld  %-32s %d → %d  (%s)\n", (long long)it->id, it->name,
			       it->first, it->latest, day_format(it->latest_date, day));
	}
	if (!sum.n)
		printf("  none yet: name up to 5 things your hip makes hard, e.g.\n"
		       "  hipcoach psfs add \"running 10 km\"\n");
	if (sum.scored) {
		printf("\nAverage %.1f at first, %.1f now: ", sum.average_first,
		       sum.average_latest);
		if (sum.change == PSFS_BETTER)
			printf("a real improvement (%g points or more)\n", SAFETY_PSFS_REAL_CHANGE);
		else if (sum.change == PSFS_WORSE)
			printf("worse by %g points or more: tell your physical therapist\n",
			       SAFETY_PSFS_REAL_CHANGE);
		else
			printf("no real change yet (that takes %g points on the average)\n",
			       SAFETY_PSFS_REAL_CHANGE);
	}
	psfs_summary_release(&sum);
	return 0;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *verb = args->npos ? args->pos[0] : NULL, *v;
	day_t date = clock_today();
	int64_t added;
	long id, score;

	if (app_store(app, 0))
		return 1;
	if (!verb)
		return show(app, arg_has(cmd, args, "json")) ? 1 : 0;
	if (!strcmp(verb, "add")) {
		if (args->npos != 2 || !*args->pos[1])
			return usage_error(cmd, "'psfs add' takes one activity, in quotes");
		if (coach_psfs_add(&app->coach, args->pos[1], &added)) {
			error("%s", error_last());
			return 1;
		}
		printf("Added %lld: %s. Score it now, 0 (cannot do it) to 10 (as before):\n"
		       "  hipcoach psfs score %lld N\n",
		       (long long)added, args->pos[1], (long long)added);
		return 0;
	}
	if (!strcmp(verb, "score")) {
		if (args->npos != 3)
			return usage_error(cmd,
					   "'psfs score' takes an activity number and a score");
		if (parse_long_str(args->pos[1], 1, 1000000, &id))
			return usage_error(cmd, "'%s' is not an activity number", args->pos[1]);
		if (parse_long_str(args->pos[2], 0, 10, &score))
			return usage_error(cmd, "a score is a whole number from 0 to 10, not '%s'",
					   args->pos[2]);
		if ((v = arg_get(cmd, args, "date")) && day_parse(v, &date))
			return usage_error(cmd, "invalid date '%s' (expected YYYY-MM-DD)", v);
		if (coach_psfs_rate(&app->coach, id, date, (int)score)) {
			error("%s", error_last());
			return 1;
		}
		return show(app, 0) ? 1 : 0;
	}
	return usage_error(cmd, "unknown 'psfs %s' (use add or score)", verb);
}

const struct command cmd_psfs = {
    .name = "psfs",
    .summary = "the activities your hip makes hard, scored 0-10 over time",
    .usage = "[add \"ACTIVITY\" | score ID N [--date YYYY-MM-DD]] [--json]",
    .help = "The Patient-Specific Functional Scale: name up to five activities your hip\n"
	    "makes hard (\"running 10 km\", \"sitting through a film\") and score each from\n"
	    "0 (cannot do it) to 10 (as well as before the problem), now and every few\n"
	    "weeks. A change of 2 points on the average is a real change. Bring it to your\n"
	    "physical therapist.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 3,
    .run = run,
    .group = GROUP_RECORD,
};
