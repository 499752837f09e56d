/* `hipcoach psfs`: the Patient-Specific Functional Scale, activities you name and score 0-10 from
 * time to time. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "lib/error.h"
#include "lib/parse.h"

static const struct opt opts[] = {
    {"date", 0, "DATE", "with 'score': the day of the score (default: today)"},
    {"json", 0, NULL, "print JSON (docs/json.md)"},
    {0},
};

/* SAFETY.md section 7: a change of 2 points on the average is a real change (PSFS). */
#define PSFS_REAL_CHANGE 2.0

/* The average of each item's first and latest scores; -1 when nothing is scored. */
static int averages(struct store *st, double *first, double *latest)
{
	*first =
	    (double)store_int(st, -10,
			      "SELECT round(avg(score) * 100) FROM psfs_scores s WHERE id = "
			      "(SELECT id FROM psfs_scores t WHERE t.item_id = s.item_id ORDER "
			      "BY date, id LIMIT 1)",
			      "") /
	    100;
	*latest =
	    (double)store_int(st, -10,
			      "SELECT round(avg(score) * 100) FROM psfs_scores s WHERE id = "
			      "(SELECT id FROM psfs_scores t WHERE t.item_id = s.item_id ORDER "
			      "BY date DESC, id DESC LIMIT 1)",
			      "") /
	    100;
	return *first < 0 ? -1 : 0;
}

static int show(struct app *app, int json)
{
	struct store *st = &app->coach.store;
	sqlite3_stmt *stmt = store_prepare(
	    st,
	    "SELECT i.id, i.name, (SELECT score FROM psfs_scores s WHERE s.item_id = i.id ORDER "
	    "BY date, id LIMIT 1), (SELECT score FROM psfs_scores s WHERE s.item_id = i.id ORDER "
	    "BY date DESC, id DESC LIMIT 1), (SELECT date FROM psfs_scores s WHERE s.item_id = "
	    "i.id ORDER BY date DESC, id DESC LIMIT 1) FROM psfs_items i ORDER BY i.id",
	    "");
	json_t *items = json_array();
	double first, latest;
	int rc, n = 0;

	if (!stmt) {
		json_decref(items);
		return error("%s", error_last());
	}
	if (!json)
		printf("%sYour activities%s (0 = cannot do it, 10 = as before the problem)\n",
		       sty_bold(app), sty_reset(app));
	while ((rc = store_step(st, stmt)) > 0) {
		int id = store_col_int(stmt, 0, 0), a = store_col_int(stmt, 2, -1),
		    b = store_col_int(stmt, 3, -1);
		json_t *o = json_object();

		n++;
		json_object_set_new(o, "id", json_integer(id));
		json_object_set_new(o, "name", json_string(store_col_text(stmt, 1)));
		json_object_set_new(o, "first", a >= 0 ? json_integer(a) : json_null());
		json_object_set_new(o, "latest", b >= 0 ? json_integer(b) : json_null());
		json_object_set_new(o, "latest_date",
				    b >= 0 ? json_string(store_col_text(stmt, 4)) : json_null());
		json_array_append_new(items, o);
		if (json)
			continue;
		if (b < 0)
			printf("  %d  %-32s not scored yet: hipcoach psfs score %d N\n", id,
			       store_col_text(stmt, 1), id);
		else
			printf("  %d  %-32s %d → %d  (%s)\n", id, store_col_text(stmt, 1), a, b,
			       store_col_text(stmt, 4));
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(items);
		return error("%s", error_last());
	}
	if (json) {
		json_t *o = json_object();
		int have = !averages(st, &first, &latest);

		json_object_set_new(o, "items", items);
		json_object_set_new(o, "average_first", have ? json_real(first) : json_null());
		json_object_set_new(o, "average_latest", have ? json_real(latest) : json_null());
		json_object_set_new(
		    o, "real_change",
		    json_boolean(have && latest - first >= PSFS_REAL_CHANGE - 1e-9));
		return json_print(o);
	}
	json_decref(items);
	if (!n) {
		printf("  none yet: name up to 5 things your hip makes hard, e.g.\n"
		       "  hipcoach psfs add \"running 10 km\"\n");
		return 0;
	}
	if (!averages(st, &first, &latest))
		printf("\nAverage %.1f at first, %.1f now: %s\n", first, latest,
		       latest - first >= PSFS_REAL_CHANGE - 1e-9
			   ? "a real improvement (2 points or more)"
		       : first - latest >= PSFS_REAL_CHANGE - 1e-9
			   ? "worse by 2 points or more: tell your physical therapist"
			   : "no real change yet (that takes 2 points on the average)");
	return 0;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *verb = args->npos ? args->pos[0] : NULL, *v;
	char day[11], now[21];
	day_t date = clock_today();
	long id, score;

	if (app_store(app, 0))
		return 1;
	if (!verb)
		return show(app, arg_has(cmd, args, "json")) ? 1 : 0;
	if (!strcmp(verb, "add")) {
		if (args->npos != 2 || !*args->pos[1])
			return usage_error(cmd, "'psfs add' takes one activity, in quotes");
		if (store_int(&app->coach.store, 0,
			      "SELECT count(*) FROM psfs_items WHERE name = ?", "t",
			      args->pos[1]) > 0) {
			error("'%s' is already on your list", args->pos[1]);
			return 1;
		}
		if (store_exec(&app->coach.store,
			       "INSERT INTO psfs_items (name, created_at) VALUES (?, ?)", "tt",
			       args->pos[1], time_format_iso(clock_now(), now))) {
			error("%s", error_last());
			return 1;
		}
		printf("Added %lld: %s. Score it now, 0 (cannot do it) to 10 (as before):\n"
		       "  hipcoach psfs score %lld N\n",
		       (long long)store_last_id(&app->coach.store), args->pos[1],
		       (long long)store_last_id(&app->coach.store));
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
		if (store_int(&app->coach.store, 0, "SELECT count(*) FROM psfs_items WHERE id = ?",
			      "i", (int)id) == 0) {
			error("no activity %ld (see 'hipcoach psfs')", id);
			return 1;
		}
		if (store_exec(&app->coach.store,
			       "INSERT INTO psfs_scores (item_id, date, score) VALUES (?, ?, ?)",
			       "iti", (int)id, day_format(date, day), (int)score)) {
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
