/* `hipcoach report`: weekly pain and sessions done as simple charts, with the advice beside them,
 * to PDF, PNG or SVG. */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "coach/status.h"
#include "load-advice.h"
#include "app.h"
#include "formats/chart.h"
#include "lib/error.h"
#include "safety-gate.h"

static const struct opt opts[] = {
    {"output", 'o', "FILE",
     "where to write: FILE.pdf, FILE.png or FILE.svg (default: hipcoach-report.pdf)"},
    {0},
};

/* The page in points (A4 landscape); PNG renders it at 2 pixels a point for sharp text. */
#define PAGE_W	  842.0
#define PAGE_H	  595.0
#define MARGIN	  36.0
#define MAX_WEEKS 12

struct rgb {
	double r, g, b;
};

static const struct rgb ink = {0.13, 0.14, 0.16}, muted = {0.45, 0.47, 0.5},
			c_urgent = {0.75, 0.1, 0.1}, c_warn = {0.75, 0.45, 0.0},
			c_good = {0.2, 0.5, 0.3};

static void colour(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Draws text with its top-left at (x, y), wrapped to `width` (0: no wrap); returns its height. */
static double text_layout(cairo_t *cr, double x, double y, double width, const char *font,
			  struct rgb c, const char *s, int align_right, int draw)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int w, h;

	pango_layout_set_font_description(layout, fd);
	if (width > 0) {
		pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(layout, s, -1);
	pango_layout_get_pixel_size(layout, &w, &h);
	if (draw) {
		colour(cr, c);
		cairo_move_to(cr, align_right ? x - w : x, y);
		pango_cairo_show_layout(cr, layout);
	}
	pango_font_description_free(fd);
	g_object_unref(layout);
	return h;
}

static double text(cairo_t *cr, double x, double y, double width, const char *font, struct rgb c,
		   const char *s, int align_right)
{
	return text_layout(cr, x, y, width, font, c, s, align_right, 1);
}

static double text_height(cairo_t *cr, double width, const char *font, const char *s)
{
	return text_layout(cr, 0, 0, width, font, ink, s, 0, 0);
}

static struct rgb advice_colour(enum advice_code c)
{
	if (advice_is_referral(c))
		return c_urgent;
	if (c == ADVICE_PROGRESS || c == ADVICE_ON_TRACK)
		return c_good;
	return c_warn;
}

static void draw(cairo_t *cr, struct app *app, const struct status *s)
{
	size_t first = s->nweeks > MAX_WEEKS ? s->nweeks - MAX_WEEKS : 0;
	double left_w = 470, px = MARGIN + left_w + 36, pw = PAGE_W - MARGIN - px, y, bottom;
	double pain_h, sessions_h, gap;
	int running;
	struct strbuf sb = STRBUF_INIT;
	const struct pain_week *cur = &s->weeks[s->nweeks - 1];

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);

	strbuf_addstr(&sb, "How it's going");
	if (app->coach.profile.name)
		strbuf_addf(&sb, " · %s", app->coach.profile.name);
	text(cr, MARGIN, MARGIN - 6, 0, "Sans Bold 17", ink, sb.buf, 0);
	strbuf_reset(&sb);
	{
		int yy, m, d;

		day_to_civil(s->today, &yy, &m, &d);
		strbuf_addf(&sb, "%s %d %s %d · week %d of the program · %s",
			    weekday_long[day_weekday(s->today)], d, month_long[m - 1], yy,
			    s->today >= s->start ? (s->today - s->start) / 7 + 1 : 0,
			    level_names[s->level]);
	}
	text(cr, MARGIN, MARGIN + 20, 0, "Sans 9.5", muted, sb.buf, 0);

	/* With running history, a third chart: the three share the column. */
	running = s->have_load && s->load.nruns > 0;
	pain_h = running ? 150 : 220;
	sessions_h = running ? 70 : 110;
	gap = running ? 34 : 38;

	y = MARGIN + 52;
	text(cr, MARGIN, y, 0, "Sans Bold 11", ink, "Weekly pain", 0);
	text(cr, MARGIN, y + 16, 0, "Sans 8.5", muted,
	     "0-10, the mean of each week's scores. Dashed: 5, the most for pain during exercise.",
	     0);
	chart_pain_weeks(cr, MARGIN, y + gap, left_w, pain_h, s->weeks + first, s->nweeks - first);

	y += gap + pain_h + (running ? 18 : 24);
	text(cr, MARGIN, y, 0, "Sans Bold 11", ink, "Sessions done", 0);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "of those planned (green: done; pale: planned) · this week %d of %d",
		    cur->done, cur->planned);
	text(cr, MARGIN, y + 16, 0, "Sans 8.5", muted, sb.buf, 0);
	chart_adherence_weeks(cr, MARGIN, y + gap, left_w, sessions_h, s->weeks + first,
			      s->nweeks - first);

	if (running) {
		y += gap + sessions_h + 18;
		chart_load_weeks(cr, MARGIN, y, left_w, 110, &s->load, app->coach.profile.miles);
	}

	/* The advice panel: as many items as fit, then where to find the rest. */
	bottom = PAGE_H - MARGIN - 30;
	colour(cr, (struct rgb){0.965, 0.965, 0.96});
	cairo_rectangle(cr, px - 14, MARGIN + 44, pw + 14, bottom - (MARGIN + 44));
	cairo_fill(cr);
	y = MARGIN + 54;
	text(cr, px, y, 0, "Sans Bold 11", ink, "What to do, most urgent first", 0);
	y += 24;
	for (size_t i = 0; i < s->advice.n; i++) {
		const struct advice *a = &s->advice.items[i];
		struct rgb c = advice_colour(a->code);
		double need = text_height(cr, pw - 8, "Sans Bold 8.5", advice_title(a->code)) +
			      text_height(cr, pw - 8, "Sans 8", a->message) +
			      text_height(cr, pw - 8, "Sans 6.5", a->source) + 4;

		if (y + need > bottom - 24) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%zu more: hipcoach status", s->advice.n - i);
			text(cr, px, y, pw - 8, "Sans Bold 8.5", muted, sb.buf, 0);
			break;
		}
		colour(cr, c);
		cairo_rectangle(cr, px - 14, y, 4, need);
		cairo_fill(cr);
		y += text(cr, px, y, pw - 8, "Sans Bold 8.5", c, advice_title(a->code), 0) + 2;
		y += text(cr, px, y, pw - 8, "Sans 8", ink, a->message, 0) + 2;
		y += text(cr, px, y, pw - 8, "Sans 6.5", muted, a->source, 0) + 12;
	}
	text(cr, MARGIN, PAGE_H - MARGIN - 18, PAGE_W - 2 * MARGIN, "Sans 7.5", muted,
	     "hipcoach gives exercise guidance; it does not diagnose. Its rules and their sources "
	     "are in docs/SAFETY.md. Pain 0-10: 0-3 fine, 4-5 acceptable during exercise if it "
	     "settles by the next morning, above 5 too much.",
	     0);
	strbuf_release(&sb);
}

static int ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), e = strlen(ext);

	return n > e && !strcasecmp(s + n - e, ext);
}

static int run(struct app *app, const struct args *args)
{
	const char *path = arg_get(app->cmd, args, "output");
	cairo_surface_t *surface;
	cairo_t *cr;
	cairo_status_t st;
	struct status s;
	int png = 0;

	if (!path)
		path = "hipcoach-report.pdf";
	if (ends_with(path, ".png"))
		png = 1;
	else if (!ends_with(path, ".pdf") && !ends_with(path, ".svg"))
		return usage_error(app->cmd, "'%s': the file name must end in .pdf, .png or .svg",
				   path);
	/* Say why a file cannot be written before drawing it (cairo only reports a write error). */
	{
		FILE *f = fopen(path, "wb");

		if (!f) {
			error("cannot write '%s': %s", path, strerror(errno));
			return 1;
		}
		fclose(f);
	}
	if (app_status(app, &s)) {
		status_release(&s);
		return 1;
	}
	if (png)
		surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(PAGE_W * 2),
						     (int)(PAGE_H * 2));
	else if (ends_with(path, ".pdf"))
		surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	else
		surface = cairo_svg_surface_create(path, PAGE_W, PAGE_H);
	cr = cairo_create(surface);
	if (png)
		cairo_scale(cr, 2, 2);
	draw(cr, app, &s);
	cairo_destroy(cr);
	st = cairo_surface_status(surface);
	if (png && st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png(surface, path);
	cairo_surface_finish(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	status_release(&s);
	if (st != CAIRO_STATUS_SUCCESS) {
		error("cannot write '%s': %s", path,
		      st == CAIRO_STATUS_WRITE_ERROR ? strerror(errno ? errno : EIO)
						     : cairo_status_to_string(st));
		return 1;
	}
	printf("Wrote %s: weekly pain and sessions done, with the advice.\n", path);
	return 0;
}

const struct command cmd_report = {
    .name = "report",
    .summary = "charts of weekly pain and sessions done, with the advice, as PDF, PNG or SVG",
    .usage = "[-o FILE.pdf|FILE.png|FILE.svg]",
    .help = "Draws your weekly pain (during and after exercise, and in the morning) and\n"
	    "the sessions you did against the plan, week by week, with the advice beside\n"
	    "them, most urgent first. Good to bring to a physical therapist.\n"
	    "\n"
	    "The format follows the file name; without -o it writes hipcoach-report.pdf in\n"
	    "the current folder.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_RECORD,
};
