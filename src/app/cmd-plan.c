/* `hipcoach plan`: the sessions of the coming days, each exercise with its dose. */
#include <string.h>

#include "app.h"
#include "program-view.h"
#include "safety-gate.h"
#include "coach/setup.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "core/load.h"

static const struct opt opts[] = {
    {"from", 0, "DATE", "first day, YYYY-MM-DD (default: today)"},
    {"days", 0, "N", "how many days, 1-366 (default: 7)"},
    {"json", 0, NULL, "print JSON"},
    {0},
};

static void print_session_items(const struct app *app, const struct plan_session *s)
{
	struct strbuf dose = STRBUF_INIT;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct prescription *p = &s->items[i];

		strbuf_reset(&dose);
		format_dose(&dose, p, app->coach.profile.pounds);
		printf("  %-34s %s", prescription_name(p), dose.buf);
		if (p->reps_max && p->rest_s)
			printf("%s · rest %d s%s", sty_dim(app), p->rest_s, sty_reset(app));
		putchar('\n');
	}
	strbuf_release(&dose);
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const struct plan_input *in;
	const char *v;
	day_t from = clock_today();
	long days = 7;
	struct plan plan;
	struct strbuf sb = STRBUF_INIT;
	const struct plan_session *shown[2] = {NULL, NULL};
	const struct profile *prof;
	struct load_report load;
	double cap = -1;
	int running;

	if ((v = arg_get(cmd, args, "from")) && day_parse(v, &from)) {
		error("invalid date '%s' (expected a real date as YYYY-MM-DD)", v);
		return 1;
	}
	if ((v = arg_get(cmd, args, "days")) && parse_long_str(v, 1, 366, &days))
		return usage_error(cmd, "--days takes a number from 1 to 366, not '%s'", v);
	in = app_input(app);
	if (!in)
		return 1;
	plan_build(&plan, in, from, (int)days);
	if (arg_has(cmd, args, "json")) {
		int ret = json_print(json_plan(&plan, in->profile->pounds)) ? 1 : 0;

		plan_release(&plan);
		return ret;
	}

	/* The runs are the runner's own, from setup; none while running is paused (SAFETY.md
	 * section 1). The long run's cap is the one today shows, computed once in core/load.c. */
	prof = &app->coach.profile;
	running = !(plan.pause & PAUSE_RUNNING) && prof->run_days;
	if (running && prof->long_run_day >= 0) {
		if (app_load_report(app, &load)) {
			plan_release(&plan);
			return 1;
		}
		cap = load.long_run_cap_m;
	}
	format_day_long(&sb, from);
	printf("%sYour plan%s · %s", sty_bold(app), sty_reset(app), sb.buf);
	if (days > 1) {
		strbuf_reset(&sb);
		format_day_long(&sb, from + (day_t)days - 1);
		printf(" – %s", sb.buf);
	}
	printf(" · %s\n\n", level_names[plan.level]);
	if (plan.pause) {
		fputs(sty_yellow(app), stdout);
		print_wrapped("  ", safety_pause_text(plan.pause), 88);
		fputs(sty_reset(app), stdout);
		putchar('\n');
	}
	if (plan.therapist && plan.therapist->note) {
		program_view_note(app, plan.therapist, "From your physical therapist", "  ", 88);
		putchar('\n');
	}
	for (day_t d = from; d < from + days; d++) {
		int y, m, dd, first = 1;

		day_to_civil(d, &y, &m, &dd);
		if (running && (prof->run_days & (1u << day_weekday(d)))) {
			char label[32];
			int long_run = day_weekday(d) == prof->long_run_day;

			snprintf(label, sizeof(label), "%.3s %d %.3s", weekday_long[day_weekday(d)],
				 dd, month_long[m - 1]);
			strbuf_reset(&sb);
			if (long_run && cap >= 0) {
				strbuf_addstr(&sb, "at most ");
				format_distance(&sb, cap, prof->miles);
				strbuf_addstr(&sb, " (30-day longest + 10%)");
			}
			printf("  %-12s %-*s%s\n", first ? label : "", sb.len ? 11 : 0,
			       long_run ? "Long run" : "Run", sb.buf);
			first = 0;
		}
		for (size_t i = 0; i < plan.nsessions; i++) {
			const struct plan_session *s = &plan.sessions[i];
			char label[32];

			if (s->date != d)
				continue;
			snprintf(label, sizeof(label), "%.3s %d %.3s", weekday_long[day_weekday(d)],
				 dd, month_long[m - 1]);
			printf("  %-12s %s%-10s%s %zu %s · about %d min\n", first ? label : "",
			       s->kind == KIND_STRENGTH ? sty_bold(app) : "",
			       s->kind == KIND_STRENGTH ? "Strength" : "Stretches",
			       s->kind == KIND_STRENGTH ? sty_reset(app) : "", s->nitems,
			       s->kind == KIND_STRENGTH
				   ? (s->nitems == 1 ? "move" : "moves")
				   : (s->nitems == 1 ? "stretch" : "stretches"),
			       plan_session_minutes(s, &app->coach.program));
			first = 0;
			if (!shown[s->kind])
				shown[s->kind] = s;
		}
	}
	for (int k = 0; k < 2; k++) {
		if (!shown[k])
			continue;
		strbuf_reset(&sb);
		if (k == KIND_STRENGTH)
			format_weekdays_long(&sb, plan.strength_weekdays);
		printf("\n%s%s%s%s%s%s\n", sty_bold(app), k ? "Stretches" : "Strength",
		       sty_reset(app), sty_dim(app), k ? " · every day; gentle, never painful" : "",
		       sty_reset(app));
		if (k == KIND_STRENGTH) {
			strbuf_addstr(&sb, ", ");
			if (app->coach.profile.strength_days)
				strbuf_addstr(&sb, "your choice");
			else
				setup_strength_reason(&app->coach.profile, plan.strength_weekdays,
						      &sb);
			fputs(sty_dim(app), stdout);
			print_hanging("  On ", sb.buf, term_width() - 1);
			fputs(sty_reset(app), stdout);
		}
		print_session_items(app, shown[k]);
	}
	if (plan.nnotes) {
		printf("\n%sChanges for you%s\n", sty_bold(app), sty_reset(app));
		for (size_t i = 0; i < plan.nnotes; i++)
			print_hanging("  • ", plan.notes[i], term_width() - 1);
	}
	strbuf_release(&sb);
	plan_release(&plan);
	return 0;
}

const struct command cmd_plan = {
    .name = "plan",
    .summary = "show the sessions of the coming days, with your doses",
    .usage = "[--from YYYY-MM-DD] [--days N] [--json]",
    .help = "Shows the coming days from today: your runs and your long run, with the\n"
	    "most the long run should be (your longest of the last 30 days + 10%), and\n"
	    "which sessions fall on which days: strength twice a week, on days that are\n"
	    "not back to back (your strength days if you gave any, otherwise chosen to\n"
	    "keep away from the day before your long run), and stretches every day.\n"
	    "Each exercise has its sets, reps or hold time, rest and load for your level.\n"
	    "When your equipment or where it hurts changes an exercise, the plan says\n"
	    "which and why, as it does for what your physical therapist changed, with\n"
	    "their note. The runs are left out while running is paused.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_PROGRAM,
};
