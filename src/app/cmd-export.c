/* `hipcoach export`: the plan to a calendar, a session to a watch, the record to a backup. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "coach/backup.h"
#include "core/safety.h"
#include "core/script.h"
#include "formats/fitworkout.h"
#include "formats/ical.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"

static const struct opt opts[] = {
    {"output", 'o', "FILE", "write to FILE ('-' for standard output)"},
    {"weeks", 0, "N", "ics: how many weeks from today, 1-52 (default: 8)"},
    {"session", 0, "KIND", "fit: strength or stretch (default: strength)"},
    {0},
};

#define DEFAULT_WEEKS 8

void export_doc_init(struct export_doc *d)
{
	memset(d, 0, sizeof(*d));
	strbuf_init(&d->data, 0);
	d->content_type = "application/octet-stream";
}

void export_doc_release(struct export_doc *d)
{
	strbuf_release(&d->data);
	export_doc_init(d);
}

/* Standard output when `path` is NULL or "-", else the file; says where a file went. */
static int emit(const char *path, const struct strbuf *sb, const char *what)
{
	if (!path || !strcmp(path, "-")) {
		if (fwrite(sb->buf, 1, sb->len, stdout) != sb->len || fflush(stdout))
			return error("cannot write to standard output: %s", strerror(errno));
		return 0;
	}
	if (write_file_atomic(path, sb->buf, sb->len))
		return error("%s", error_last());
	printf("wrote %s to %s\n", what, path);
	return 0;
}

static const char *const session_titles[2] = {"Hip strength", "Hip stretches"};

/* "Single-leg toe tap: 2 sets × 12–15 each side, rest 45 s" per line. */
static void describe_items(struct strbuf *sb, const struct plan_session *s, int pounds)
{
	for (size_t i = 0; i < s->nitems; i++) {
		const struct prescription *p = &s->items[i];

		strbuf_addf(sb, "• %s: ", prescription_name(p));
		format_dose(sb, p, pounds);
		if (p->reps_max && p->rest_s && p->sets > 1)
			strbuf_addf(sb, ", rest %d s", p->rest_s);
		if (p->caution)
			strbuf_addf(sb, " (%s)", p->caution->text);
		strbuf_addch(sb, '\n');
	}
}

static void summary(struct strbuf *sb, const struct plan_session *s, const struct program *prog)
{
	strbuf_addf(sb, "%s · %zu %s · ~%d min", session_titles[s->kind], s->nitems,
		    s->kind == KIND_STRENGTH ? (s->nitems == 1 ? "move" : "moves")
					     : (s->nitems == 1 ? "stretch" : "stretches"),
		    plan_session_minutes(s, prog));
}

static int export_ics(struct app *app, long weeks, struct export_doc *out)
{
	const struct plan_input *in = app_input(app);
	struct plan plan;
	struct plan_session ps[2];
	struct ical_series series[2];
	struct strbuf sum[2] = {STRBUF_INIT, STRBUF_INIT}, desc[2] = {STRBUF_INIT, STRBUF_INIT};
	struct strbuf uid[2] = {STRBUF_INIT, STRBUF_INIT}, when = STRBUF_INIT;
	day_t from = clock_today(), until;
	size_t n = 0;
	int y, m, d, ret = -1;

	if (!in)
		return -1;
	/* A program that starts later starts the calendar later. */
	if (app->coach.profile.start_date > from)
		from = app->coach.profile.start_date;
	until = from + (day_t)weeks * 7 - 1;
	plan_build(&plan, in, from, (int)weeks * 7);
	day_to_civil(app->coach.profile.start_date, &y, &m, &d);
	format_day_long(&when, from);
	for (int k = 0; k < 2; k++) {
		struct ical_series *s = &series[n];

		plan_session_items(in, (enum exercise_kind)k, &ps[k], NULL);
		if (!ps[k].nitems)
			continue;
		/* The same program, kind and start date give the same UID: a re-import updates. */
		strbuf_addf(&uid[k], "%s-%s-%04d%02d%02d@hipcoach", app->coach.program.id,
			    k == KIND_STRENGTH ? "strength" : "stretch", y, m, d);
		summary(&sum[k], &ps[k], &app->coach.program);
		if (k == KIND_STRENGTH) {
			int first = 1;

			for (int w = 0; w < 7; w++)
				if (plan.strength_weekdays & (1u << w)) {
					strbuf_addf(&desc[k], "%s%s", first ? "" : " and ",
						    weekday_long[w]);
					first = 0;
				}
		} else {
			strbuf_addstr(&desc[k], "Every day; gentle, never painful");
		}
		strbuf_addf(&desc[k], ", %s level. ", level_names[app->coach.profile.level]);
		strbuf_addf(&desc[k], "Start it with 'hipcoach start %s'.\n\n",
			    k == KIND_STRENGTH ? "strength" : "stretch");
		describe_items(&desc[k], &ps[k], app->coach.profile.pounds);
		strbuf_addf(&desc[k],
			    "\nDoses as of %s. hipcoach moves them as you get stronger: export the "
			    "calendar again to bring them up to date.",
			    when.buf);
		s->uid = uid[k].buf;
		s->summary = sum[k].buf;
		s->description = desc[k].buf;
		s->from = from;
		s->until = until;
		s->weekdays = k == KIND_STRENGTH ? plan.strength_weekdays : 0x7F;
		/*
		 * SAFETY.md section 1: paused until a clinician has seen the runner. The
		 * series stays, cancelled, so a calendar that imported it drops it.
		 */
		s->cancelled =
		    (in->pause & (k == KIND_STRENGTH ? PAUSE_STRENGTH : PAUSE_STRETCH)) != 0;
		if (s->cancelled) {
			strbuf_reset(&desc[k]);
			strbuf_addstr(&desc[k], safety_pause_text(in->pause));
		}
		n++;
	}
	if (ical_write(&out->data, "hipcoach", series, n, clock_now())) {
		error("%s", error_last());
	} else {
		out->content_type = "text/calendar; charset=utf-8";
		snprintf(out->filename, sizeof(out->filename), "hipcoach-plan.ics");
		snprintf(out->what, sizeof(out->what), "the calendar");
		ret = 0;
	}
	for (int k = 0; k < 2; k++) {
		plan_session_release(&ps[k]);
		strbuf_release(&sum[k]);
		strbuf_release(&desc[k]);
		strbuf_release(&uid[k]);
	}
	strbuf_release(&when);
	plan_release(&plan);
	return ret;
}

static int export_fit(struct app *app, enum exercise_kind kind, struct export_doc *out)
{
	const struct plan_input *in = app_input(app);
	const char *k = kind == KIND_STRENGTH ? "strength" : "stretch";
	struct plan_session ps;
	struct script s;
	struct strbuf desc = STRBUF_INIT;
	struct fitworkout_options fo = {0};
	int ret = -1;

	if (!in)
		return -1;
	plan_session_items(in, kind, &ps, NULL);
	if (!ps.nitems) {
		plan_session_release(&ps);
		return error("no %s session to export: no exercise fits your equipment", k);
	}
	script_build(&s, &ps, &app->coach.program);
	strbuf_addf(&desc, "%s, %zu %s, about %d min", level_names[app->coach.profile.level],
		    ps.nitems, kind == KIND_STRENGTH ? "moves" : "stretches",
		    plan_session_minutes(&ps, &app->coach.program));
	fo.name = session_titles[kind];
	fo.description = desc.buf;
	fo.pounds = app->coach.profile.pounds;
	fo.created = clock_now();
	if (fitworkout_write(&out->data, &s, &fo)) {
		error("%s", error_last());
		goto out;
	}
	out->content_type = "application/vnd.ant.fit";
	snprintf(out->filename, sizeof(out->filename), "hipcoach-%s.fit", k);
	snprintf(out->what, sizeof(out->what), "the %s workout (%zu steps)", k, s.nsteps);
	ret = 0;
out:
	strbuf_release(&desc);
	script_release(&s);
	plan_session_release(&ps);
	return ret;
}

static int export_backup(struct app *app, int csv, struct export_doc *out)
{
	char day[11];

	if (csv ? coach_backup_csv(&app->coach, &out->data)
		: coach_backup_json(&app->coach, &out->data))
		return error("%s", error_last());
	out->content_type = csv ? "text/csv; charset=utf-8" : "application/json";
	snprintf(out->filename, sizeof(out->filename), "hipcoach-%s-%s.%s", csv ? "log" : "backup",
		 day_format(clock_today(), day), csv ? "csv" : "json");
	snprintf(out->what, sizeof(out->what), "%s", csv ? "the log" : "the backup");
	return 0;
}

extern const struct command cmd_export;

int export_render(struct app *app, const struct args *args, struct export_doc *out, int *bad_args)
{
	const struct command *cmd = &cmd_export;
	const char *kind = args->pos[0];
	const char *weeks_s = arg_get(cmd, args, "weeks"), *session = arg_get(cmd, args, "session");
	long weeks = DEFAULT_WEEKS;

	*bad_args = 1;
	if (strcmp(kind, "ics") && weeks_s)
		return error_set("--weeks goes with 'export ics'");
	if (strcmp(kind, "fit") && session)
		return error_set("--session goes with 'export fit'");
	if (!strcmp(kind, "ics")) {
		if (weeks_s && parse_long_str(weeks_s, 1, 52, &weeks))
			return error_set("--weeks takes a number from 1 to 52, not '%s'", weeks_s);
		*bad_args = 0;
		return export_ics(app, weeks, out);
	}
	if (!strcmp(kind, "fit")) {
		enum exercise_kind k = KIND_STRENGTH;

		if (session && !strcmp(session, "stretch"))
			k = KIND_STRETCH;
		else if (session && strcmp(session, "strength"))
			return error_set("--session takes strength or stretch, not '%s'", session);
		*bad_args = 0;
		return export_fit(app, k, out);
	}
	if (!strcmp(kind, "json") || !strcmp(kind, "csv")) {
		*bad_args = 0;
		return export_backup(app, !strcmp(kind, "csv"), out);
	}
	return error_set("unknown export '%s' (ics, fit, json or csv)", kind);
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *out = arg_get(cmd, args, "output");
	int fit = !strcmp(args->pos[0], "fit"), bad, ret;
	struct export_doc doc;

	if (out && !*out)
		return usage_error(cmd, "-o needs a file name");
	export_doc_init(&doc);
	if (export_render(app, args, &doc, &bad)) {
		export_doc_release(&doc);
		return bad ? usage_error(cmd, "%s", error_last()) : 1;
	}
	/* A FIT file is written to a file of its own unless asked otherwise. */
	if (fit && !out)
		out = doc.filename;
	if (fit && !strcmp(out, "-") && isatty(STDOUT_FILENO)) {
		export_doc_release(&doc);
		error("a FIT file is binary: give a file name with -o, or redirect the output");
		return 1;
	}
	ret = emit(out, &doc.data, doc.what) ? 1 : 0;
	if (!ret && fit && strcmp(out, "-"))
		printf("To put it on your watch: copy it to GARMIN/NewFiles over USB, or import "
		       "it in Garmin Connect.\n");
	export_doc_release(&doc);
	return ret;
}

const struct command cmd_export = {
    .name = "export",
    .summary = "take your plan and your record elsewhere: calendar, watch, backup",
    .usage = "ics|fit|json|csv [-o FILE] [--weeks N] [--session strength|stretch]",
    .help = "ics   your plan as a calendar: strength on your strength days and the\n"
	    "      stretches every day, as all-day events listing each exercise and\n"
	    "      its dose, for the next N weeks. Import it again after a change:\n"
	    "      the events are updated, not duplicated.\n"
	    "\n"
	    "fit   a session as a Garmin workout: one step per exercise and side,\n"
	    "      with reps or time, rests and weights, the same steps as\n"
	    "      'hipcoach start'. Written to hipcoach-strength.fit (or\n"
	    "      hipcoach-stretch.fit) unless -o says otherwise. Copy it to\n"
	    "      GARMIN/NewFiles on the watch, or import it in Garmin Connect.\n"
	    "\n"
	    "json  everything hipcoach holds (profile, screening, sessions and\n"
	    "      their results, pain, runs, progress) as one backup document;\n"
	    "      'hipcoach import-backup' reads it back.\n"
	    "\n"
	    "csv   your log for a spreadsheet: sessions, exercises, pain check-ins\n"
	    "      and runs, one row each, with a 'type' column.\n"
	    "\n"
	    "Text formats go to standard output unless -o gives a file; files are\n"
	    "written whole or not at all.",
    .opts = opts,
    .min_pos = 1,
    .max_pos = 1,
    .run = run,
    .group = GROUP_EXPORT,
};
