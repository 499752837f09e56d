/* The one-page progress report: weekly pain, sessions done and running beside the advice, as PDF,
 * PNG or SVG, drawn with cairo and pango from plain data. */
#ifndef HIPCOACH_REPORT_H
#define HIPCOACH_REPORT_H

#include <stddef.h>

#include "core/advice.h"
#include "core/load.h"
#include "core/safety.h"
#include "lib/datetime.h"
#include "lib/strbuf.h"

enum report_format {
	REPORT_PDF, /* A4 landscape, in points */
	REPORT_PNG, /* the same page at 2 pixels a point: 1684 × 1190 */
	REPORT_SVG, /* the same page, in points */
};

/* What the page shows. Everything is borrowed: it must outlive report_render() or report_write().
 */
struct report_input {
	day_t today;
	day_t start; /* the program's first day: "week N of the program" */
	int level;   /* enum level_id: its name (level_names) follows the date */
	/*
	 * Weekly pain and sessions, oldest first, the last one this week; at
	 * least one. The charts show the last 12.
	 */
	const struct pain_week *weeks;
	size_t nweeks;
	const struct advice_list *advice; /* most urgent first; as many as fit are shown */
	const struct load_report *load;	  /* NULL or no runs: no running chart */
	int miles;			  /* running distance in miles, else kilometres */
	const char *name;		  /* the runner's name after the title; NULL: none */
	/* The last 2 complete weeks, strength first (SAFETY.md section 4); NULL: not shown. */
	const struct adherence *adherence;
	/* A clinician is managing the hip since this day (0: not known), in the runner's words
	 * (NULL or "": none): a line for the clinician under the title. */
	day_t care_since;
	const char *care_note;
	/* The PSFS averages, first and latest (SAFETY.md section 7); psfs_scored 0: not shown. */
	int psfs_scored;
	double psfs_first, psfs_latest;
};

/*
 * The format a file name asks for, by its extension (.pdf, .png or .svg, in
 * any case). 0, or -1 with error_set() for any other name:
 *	'chart.jpg': the file name must end in .pdf, .png or .svg
 */
int report_format_from_path(const char *path, enum report_format *fmt);

/*
 * Draws the page and appends the file's bytes in `fmt` to `out`: the title
 * with the name, the date, the program week and the level; who is looking
 * after the hip and the PSFS averages, when known; weekly pain and
 * sessions done (and, with runs, the weekly running distance) on the left;
 * the advice, most urgent first, in a panel on the right, with "N more" when
 * they do not all fit; a line on what hipcoach is not at the foot. 0, or -1
 * with error_set() (then `out` may hold part of a file).
 */
int report_render(const struct report_input *in, enum report_format fmt, struct strbuf *out);

/*
 * report_render() into `path`, written whole or not at all (through
 * PATH.tmp, see write_file_atomic()). 0, or -1 with error_set():
 *	cannot write 'r.pdf': No such file or directory
 */
int report_write(const struct report_input *in, const char *path, enum report_format fmt);

#endif
