/* `hipcoach report`: weekly pain and sessions done as simple charts, with the advice beside them,
 * to PDF, PNG or SVG. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "coach/status.h"
#include "formats/report.h"
#include "lib/error.h"
#include "lib/fileio.h"

static const struct opt opts[] = {
    {"output", 'o', "FILE",
     "where to write: FILE.pdf, FILE.png or FILE.svg (default: hipcoach-report.pdf)"},
    {0},
};

/* The page of this runner's record in `fmt`, appended to `out`. 0, or -1 with error_last(). */
static int render(struct app *app, enum report_format fmt, struct strbuf *out)
{
	struct report_input in;
	struct status s;
	int ret;

	if (app_status(app, &s)) {
		status_release(&s);
		return -1;
	}
	in = (struct report_input){
	    .today = s.today,
	    .start = s.start,
	    .level = s.level,
	    .weeks = s.weeks,
	    .nweeks = s.nweeks,
	    .advice = &s.advice,
	    .load = s.have_load ? &s.load : NULL,
	    .miles = app->coach.profile.miles,
	    .name = app->coach.profile.name,
	    .adherence = &s.adherence,
	    .care_since = s.care.since,
	    .care_note = s.care.note,
	    .psfs_scored = s.psfs_scored,
	    .psfs_first = s.psfs_first,
	    .psfs_latest = s.psfs_latest,
	};
	ret = report_render(&in, fmt, out);
	status_release(&s);
	return ret;
}

int report_render_doc(struct app *app, struct export_doc *out)
{
	if (render(app, REPORT_PDF, &out->data))
		return -1;
	out->content_type = "application/pdf";
	snprintf(out->filename, sizeof(out->filename), "hipcoach-report.pdf");
	snprintf(out->what, sizeof(out->what), "weekly pain and sessions done, with the advice");
	return 0;
}

static int run(struct app *app, const struct args *args)
{
	const char *path = arg_get(app->cmd, args, "output");
	enum report_format fmt;
	struct strbuf page = STRBUF_INIT;
	int ret = 1;

	if (!path)
		path = "hipcoach-report.pdf";
	if (report_format_from_path(path, &fmt))
		return usage_error(app->cmd, "%s", error_last());
	/* Say why a file cannot be written before gathering the record and drawing. */
	{
		FILE *f = fopen(path, "wb");

		if (!f) {
			error("cannot write '%s': %s", path, strerror(errno));
			return 1;
		}
		fclose(f);
	}
	if (render(app, fmt, &page) || write_file_atomic(path, page.buf, page.len)) {
		error("%s", error_last());
		goto out;
	}
	printf("Wrote %s: weekly pain and sessions done, with the advice.\n", path);
	ret = 0;
out:
	strbuf_release(&page);
	return ret;
}

const struct command cmd_report = {
    .name = "report",
    .summary = "charts of weekly pain and sessions done, with the advice, as PDF, PNG or SVG",
    .usage = "[-o FILE.pdf|FILE.png|FILE.svg]",
    .help = "Draws your weekly pain (during and after exercise, and in the morning) and\n"
	    "the sessions you did against the plan, week by week, with the advice beside\n"
	    "them, most urgent first. With runs recorded, your weekly running joins them;\n"
	    "the charts share one row of weeks, so a week reads straight down the page.\n"
	    "The title carries your name (from 'hipcoach setup --name') and the weeks\n"
	    "shown. Good to bring to a physical therapist.\n"
	    "\n"
	    "The format follows the file name; without -o it writes hipcoach-report.pdf in\n"
	    "the current folder.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_RECORD,
};
