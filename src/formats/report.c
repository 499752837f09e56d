/* The one-page progress report: the page layout around the charts of chart.c, and its output as
 * PDF, PNG or SVG. */
#include "report.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <string.h>
#include <strings.h>

#include "chart.h"
#include "core/program.h"
#include "lib/cairo-dl.h"
#include "lib/error.h"
#include "lib/fileio.h"

/* The page in points (A4 landscape); PNG renders it at 2 pixels a point for sharp text. */
#define PAGE_W	  842.0
#define PAGE_H	  595.0
#define MARGIN	  36.0
#define MAX_WEEKS 12

static const struct chart_rgb panel = {0.965, 0.965, 0.96}, c_urgent = {0.75, 0.1, 0.1},
			      c_warn = {0.75, 0.45, 0.0}, c_good = {0.2, 0.5, 0.3};

/* Referrals in red, good news in green, the rest (do less, run less) in amber. */
static struct chart_rgb advice_colour(enum advice_code c)
{
	if (advice_is_referral(c))
		return c_urgent;
	if (advice_is_calm(c))
		return c_good;
	return c_warn;
}

/* The advice panel on the right, from (px, top) to `bottom`: as many items as fit, then how many
 * more and where to find them. */
static void advice_panel(cairo_t *cr, const struct advice_list *l, double px, double pw, double top,
			 double bottom)
{
	struct strbuf sb = STRBUF_INIT;
	double y;

	cairo_set_source_rgb(cr, panel.r, panel.g, panel.b);
	cairo_rectangle(cr, px - 14, top, pw + 14, bottom - top);
	cairo_fill(cr);
	y = top + 10;
	chart_text(cr, px, y, 0, "Sans Bold 11", chart_ink, "What to do, most urgent first", 0);
	y += 24;
	for (size_t i = 0; i < l->n; i++) {
		const struct advice *a = &l->items[i];
		struct chart_rgb c = advice_colour(a->code);
		double need =
		    chart_text_height(cr, pw - 8, "Sans Bold 8.5", advice_title(a->code)) +
		    chart_text_height(cr, pw - 8, "Sans 8", a->message) +
		    chart_text_height(cr, pw - 8, "Sans 6.5", a->source) + 4;

		if (y + need > bottom - 24) {
			strbuf_addf(&sb, "%zu more: hipcoach status", l->n - i);
			chart_text(cr, px, y, pw - 8, "Sans Bold 8.5", chart_muted, sb.buf, 0);
			break;
		}
		cairo_set_source_rgb(cr, c.r, c.g, c.b);
		cairo_rectangle(cr, px - 14, y, 4, need);
		cairo_fill(cr);
		y +=
		    chart_text(cr, px, y, pw - 8, "Sans Bold 8.5", c, advice_title(a->code), 0) + 2;
		y += chart_text(cr, px, y, pw - 8, "Sans 8", chart_ink, a->message, 0) + 2;
		y += chart_text(cr, px, y, pw - 8, "Sans 6.5", chart_muted, a->source, 0) + 12;
	}
	strbuf_release(&sb);
}

/* The longest note shown on the care line, in bytes (cut at a character, with "…"). */
#define CARE_NOTE_MAX 40

/*
 * The lines for the clinician under the title, into lines[0..1]: who is
 * looking after the hip and since when (SAFETY.md section 4), and the PSFS
 * averages with whether they moved by a real change (section 7). Returns how
 * many.
 */
static int clinician_lines(struct strbuf lines[2], const struct report_input *in)
{
	int n = 0, y, m, d;

	if (in->care_since) {
		const char *note = in->care_note && *in->care_note
				       ? in->care_note
				       : "a physical therapist or doctor";
		size_t len = strlen(note);

		if (len > CARE_NOTE_MAX) {
			len = CARE_NOTE_MAX;
			while (len && ((unsigned char)note[len] & 0xC0) == 0x80)
				len--;
		}
		day_to_civil(in->care_since, &y, &m, &d);
		strbuf_addf(&lines[n++], "Under the care of: %.*s%s since %d %.3s %d", (int)len,
			    note, note[len] ? "…" : "", d, month_long[m - 1], y);
	}
	if (in->psfs_scored) {
		strbuf_addf(&lines[n],
			    "Daily activities (PSFS average, 0-10): %.1f at first, %.1f now",
			    in->psfs_first, in->psfs_latest);
		if (safety_psfs_better(in->psfs_first, in->psfs_latest))
			strbuf_addstr(&lines[n], ", a real improvement");
		n++;
	}
	return n;
}

/*
 * The weeks the charts show, one axis for all: the last MAX_WEEKS weeks of
 * the program; with a running chart, from its first week with a run when
 * that is earlier (the running chart covers LOAD_WEEKS weeks up to this
 * week, so the running before the program shows beside the pain after).
 */
static void weeks_shown(const struct report_input *in, int running, day_t *first, size_t *n)
{
	day_t last = in->weeks[in->nweeks - 1].monday;
	size_t k = in->nweeks > MAX_WEEKS ? MAX_WEEKS : in->nweeks;

	*first = in->weeks[in->nweeks - k].monday;
	if (running) {
		/* From the first week with a run, when that is later than the weeks of running. */
		day_t run0 = in->load->weeks[0].monday;

		if (day_week_start(in->load->first_day) > run0)
			run0 = day_week_start(in->load->first_day);
		if (run0 < *first)
			*first = run0;
	}
	if (running && in->load->weeks[LOAD_WEEKS - 1].monday > last)
		last = in->load->weeks[LOAD_WEEKS - 1].monday;
	*n = (size_t)((last - *first) / 7 + 1);
}

/* "16 November – 13 December 2026", the year once when both ends share it. */
static void date_range(struct strbuf *sb, day_t from, day_t to)
{
	int y0, m0, d0, y1, m1, d1;

	day_to_civil(from, &y0, &m0, &d0);
	day_to_civil(to, &y1, &m1, &d1);
	if (y0 == y1)
		strbuf_addf(sb, "%d %s – %d %s %d", d0, month_long[m0 - 1], d1, month_long[m1 - 1],
			    y1);
	else
		strbuf_addf(sb, "%d %s %d – %d %s %d", d0, month_long[m0 - 1], y0, d1,
			    month_long[m1 - 1], y1);
}

/* A chart's heading: its title in bold, and a line under it saying how to read it. */
static void chart_heading(cairo_t *cr, double y, const char *title, const char *how)
{
	chart_text(cr, MARGIN, y, 0, "Sans Bold 11", chart_ink, title, 0);
	chart_text(cr, MARGIN, y + 16, 0, "Sans 8.5", chart_muted, how, 0);
}

/* The whole page, in points. */
static void draw(cairo_t *cr, const struct report_input *in)
{
	double left_w = 470, px = MARGIN + left_w + 36, pw = PAGE_W - MARGIN - px, y;
	double pain_h, sessions_h, run_h, gap, bottom = PAGE_H - MARGIN - 34;
	double span[3][2]; /* each chart's top and bottom, for the line where the program began */
	int nspan = 0;
	int running, yy, m, d;
	struct strbuf sb = STRBUF_INIT, lines[2] = {STRBUF_INIT, STRBUF_INIT};
	const struct pain_week *cur = &in->weeks[in->nweeks - 1];
	struct chart_axis ax;
	day_t first;
	size_t nshown;
	int nlines;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);

	/* With running history, a third chart: the three share the column and one week axis. */
	running = in->load && in->load->nruns > 0;
	weeks_shown(in, running, &first, &nshown);
	chart_axis_init(&ax, first, nshown, MARGIN, left_w);

	strbuf_addstr(&sb, "How it's going");
	if (in->name && *in->name)
		strbuf_addf(&sb, " · %s", in->name);
	chart_text(cr, MARGIN, MARGIN - 6, 0, "Sans Bold 17", chart_ink, sb.buf, 0);
	strbuf_reset(&sb);
	date_range(&sb, first, first + 7 * (day_t)nshown - 1);
	day_to_civil(in->today, &yy, &m, &d);
	strbuf_addf(&sb, " · made %s %d %s %d, week %d of the program · %s",
		    weekday_long[day_weekday(in->today)], d, month_long[m - 1], yy,
		    in->today >= in->start ? (in->today - in->start) / 7 + 1 : 0,
		    level_names[in->level]);
	chart_text(cr, MARGIN, MARGIN + 20, 0, "Sans 9.5", chart_muted, sb.buf, 0);
	nlines = clinician_lines(lines, in);
	for (int i = 0; i < nlines; i++)
		chart_text(cr, MARGIN, MARGIN + 35 + 13 * i, 0, "Sans 8.5", chart_ink, lines[i].buf,
			   0);

	gap = 34;
	/* A second line for the clinician moves the charts down; the page has room for one. */
	y = MARGIN + 52 + (nlines > 1 ? 14 : 0);
	{
		/* What the charts get once the headings and the week labels are placed. */
		double room = bottom - y - 14 - (running ? 3 : 2) * gap - (running ? 2 : 1) * 14;

		pain_h = room * (running ? 0.48 : 0.64);
		sessions_h = room * (running ? 0.24 : 0.36);
		run_h = running ? room - pain_h - sessions_h : 0;
	}
	chart_heading(
	    cr, y, "Weekly pain",
	    "0-10, the mean of each week's scores. Dashed: 5, the most for pain during exercise.");
	span[nspan][0] = y + gap;
	span[nspan++][1] = y + gap + pain_h;
	chart_pain_weeks(cr, &ax, y + gap, pain_h, in->weeks, in->nweeks);

	y += gap + pain_h + 14;
	strbuf_reset(&sb);
	strbuf_addf(&sb, "of those planned (green: done; pale: planned) · this week %d of %d",
		    cur->done, cur->planned);
	chart_heading(cr, y, "Sessions done", sb.buf);
	if (in->adherence && in->adherence->doing >= 0) {
		/* Strength first (SAFETY.md section 4): beside the title, green when it is the
		 * program, amber when not yet. */
		const struct adherence *a = in->adherence;

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s: strength %d of %d · stretches on %d of %d days",
			    a->weeks == 1 ? "last week" : "last 2 weeks", a->strength_done,
			    a->strength_planned, a->stretch_done, a->stretch_planned);
		chart_text(cr, MARGIN + 118, y + 3, 0, "Sans Bold 8.5", a->doing ? c_good : c_warn,
			   sb.buf, 0);
	}
	span[nspan][0] = y + gap;
	span[nspan++][1] = y + gap + sessions_h + 3;
	chart_adherence_weeks(cr, &ax, y + gap, sessions_h, in->weeks, in->nweeks);
	y += gap + sessions_h;

	if (running) {
		y += 14;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Running per week (%s)", in->miles ? "mi" : "km");
		chart_heading(cr, y, sb.buf,
			      "Distance run each week; this week lighter: not over yet.");
		span[nspan][0] = y + gap;
		span[nspan++][1] = y + gap + run_h + 3;
		chart_load_weeks(cr, &ax, y + gap, run_h, in->load, in->miles);
		y += gap + run_h;
	}
	/* One row of dates under the last chart serves all three. */
	chart_axis_labels(cr, &ax, y + 5);
	/* Weeks before the program on the axis (running shown from earlier): a line where it began.
	 */
	if (day_week_start(in->start) > ax.first) {
		double sx;

		if (chart_axis_x(&ax, in->start, &sx)) {
			static const double dash[] = {2, 2};

			sx -= chart_axis_slot(&ax) / 2;
			cairo_save(cr);
			cairo_set_source_rgb(cr, chart_muted.r, chart_muted.g, chart_muted.b);
			cairo_set_line_width(cr, 0.7);
			cairo_set_dash(cr, dash, 2, 0);
			for (int i = 0; i < nspan; i++) {
				cairo_move_to(cr, sx, span[i][0]);
				cairo_line_to(cr, sx, span[i][1]);
			}
			cairo_stroke(cr);
			cairo_restore(cr);
			chart_text(cr, sx - 4, span[0][0], 0, "Sans 7.5", chart_muted,
				   "program starts", 1);
		}
	}

	advice_panel(cr, in->advice, px, pw, MARGIN + 44, PAGE_H - MARGIN - 30);
	chart_text(cr, MARGIN, PAGE_H - MARGIN - 18, PAGE_W - 2 * MARGIN, "Sans 7.5", chart_muted,
		   "hipcoach gives exercise guidance; it does not diagnose. Its rules and their "
		   "sources are written up in its documentation. Pain 0-10: 0-3 fine, 4-5 "
		   "acceptable during "
		   "exercise if it settles by the next morning, above 5 too much.",
		   0);
	strbuf_release(&sb);
	strbuf_release(&lines[0]);
	strbuf_release(&lines[1]);
}

static int ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), e = strlen(ext);

	return n > e && !strcasecmp(s + n - e, ext);
}

int report_format_from_path(const char *path, enum report_format *fmt)
{
	if (ends_with(path, ".pdf"))
		*fmt = REPORT_PDF;
	else if (ends_with(path, ".png"))
		*fmt = REPORT_PNG;
	else if (ends_with(path, ".svg"))
		*fmt = REPORT_SVG;
	else
		return error_set("'%s': the file name must end in .pdf, .png or .svg", path);
	return 0;
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int length)
{
	strbuf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

int report_render(const struct report_input *in, enum report_format fmt, struct strbuf *out)
{
	cairo_surface_t *surface;
	cairo_status_t st;
	cairo_t *cr;

	if (draw_open())
		return -1;
	if (!in->nweeks)
		return error_set("cannot draw the report: no weeks to show");
	if ((unsigned)in->level >= LEVEL_COUNT)
		return error_set("cannot draw the report: unknown level %d", in->level);
	if (fmt == REPORT_PNG)
		surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(PAGE_W * 2),
						     (int)(PAGE_H * 2));
	else if (fmt == REPORT_PDF)
		surface = cairo_pdf_surface_create_for_stream(append, out, PAGE_W, PAGE_H);
	else
		surface = cairo_svg_surface_create_for_stream(append, out, PAGE_W, PAGE_H);
	cr = cairo_create(surface);
	if (fmt == REPORT_PNG)
		cairo_scale(cr, 2, 2);
	draw(cr, in);
	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	if (fmt == REPORT_PNG && st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png_stream(surface, append, out);
	cairo_surface_finish(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (st != CAIRO_STATUS_SUCCESS)
		return error_set("cannot draw the report: %s", cairo_status_to_string(st));
	return 0;
}

int report_write(const struct report_input *in, const char *path, enum report_format fmt)
{
	struct strbuf buf = STRBUF_INIT;
	int ret = -1;

	if (report_render(in, fmt, &buf))
		goto out;
	ret = write_file_atomic(path, buf.buf, buf.len);
out:
	strbuf_release(&buf);
	return ret;
}
