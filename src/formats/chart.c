/* Charts drawn with cairo and pango for the report and the handout: weekly pain, sessions done
 * and running distance. */
#include "chart.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "core/format.h"
#include "lib/cairo-dl.h"
#include "lib/datetime.h"

/*
 * Every stroke sets its own width and join, so a chart looks the same
 * whatever state the caller leaves: the grid is mitred, the lines and
 * baselines are round-joined (cairo antialiases the two a little
 * differently even on a straight segment).
 */
const struct chart_rgb chart_ink = {0.13, 0.14, 0.16}, chart_muted = {0.45, 0.47, 0.5};

static const struct chart_rgb grid = {0.88, 0.89, 0.9}, c_during = {0.85, 0.33, 0.1},
			      c_after = {0.55, 0.35, 0.75}, c_morning = {0.12, 0.45, 0.7},
			      c_done = {0.2, 0.55, 0.35}, c_planned = {0.86, 0.9, 0.87},
			      c_slate = {0.36, 0.45, 0.55};

static void colour(cairo_t *cr, struct chart_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Lays the text out as chart_text() says; draws it only with `draw`. Returns its height. */
static double text_layout(cairo_t *cr, double x, double y, double width, const char *font,
			  struct chart_rgb c, const char *s, int align_right, int draw)
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

double chart_text(cairo_t *cr, double x, double y, double width, const char *font,
		  struct chart_rgb c, const char *s, int align_right)
{
	return text_layout(cr, x, y, width, font, c, s, align_right, 1);
}

double chart_text_height(cairo_t *cr, double width, const char *font, const char *s)
{
	return text_layout(cr, 0, 0, width, font, chart_ink, s, 0, 0);
}

/* "16 Nov": the first day of a week, under a bar or a point. */
static void week_label(char *buf, size_t size, day_t monday)
{
	int y, m, d;

	day_to_civil(monday, &y, &m, &d);
	snprintf(buf, size, "%d %.3s", d, month_long[m - 1]);
}

void chart_axis_init(struct chart_axis *ax, day_t first, size_t n, double x, double w)
{
	ax->first = day_week_start(first);
	ax->n = n ? n : 1;
	ax->x0 = x + CHART_AXIS_LEFT;
	ax->x1 = x + w - CHART_AXIS_RIGHT;
}

double chart_axis_slot(const struct chart_axis *ax)
{
	return (ax->x1 - ax->x0) / (double)ax->n;
}

int chart_axis_x(const struct chart_axis *ax, day_t day, double *x)
{
	day_t i = day_week_start(day) - ax->first;

	if (i < 0 || i / 7 >= (day_t)ax->n)
		return 0;
	*x = ax->x0 + chart_axis_slot(ax) * ((double)(i / 7) + 0.5);
	return 1;
}

void chart_axis_labels(cairo_t *cr, const struct chart_axis *ax, double y)
{
	char buf[32];

	for (size_t i = 0; i < ax->n; i++) {
		day_t monday = ax->first + 7 * (day_t)i;
		double cx;

		if (ax->n > 8 && i % 2 != (ax->n - 1) % 2)
			continue;
		chart_axis_x(ax, monday, &cx);
		week_label(buf, sizeof(buf), monday);
		cairo_save(cr);
		{
			PangoLayout *layout = pango_cairo_create_layout(cr);
			PangoFontDescription *fd = pango_font_description_from_string("Sans 7.5");
			int w, h;

			pango_layout_set_font_description(layout, fd);
			pango_layout_set_text(layout, buf, -1);
			pango_layout_get_pixel_size(layout, &w, &h);
			colour(cr, chart_muted);
			cairo_move_to(cr, cx - w / 2.0, y);
			pango_cairo_show_layout(cr, layout);
			pango_font_description_free(fd);
			g_object_unref(layout);
		}
		cairo_restore(cr);
	}
}

/* A light tick on the baseline at each week, so that the charts read down the page together. */
static void week_ticks(cairo_t *cr, const struct chart_axis *ax, double y0)
{
	colour(cr, grid);
	cairo_set_line_width(cr, 0.7);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	for (size_t i = 0; i <= ax->n; i++) {
		double x = ax->x0 + chart_axis_slot(ax) * (double)i;

		cairo_move_to(cr, x, y0);
		cairo_line_to(cr, x, y0 + 3);
	}
	cairo_stroke(cr);
}

/* The widest bar: a few weeks on a wide chart still read as bars, not blocks. */
#define BAR_MAX 28.0

/* Pain of one kind in a week: 0 during, 1 after, 2 morning; negative when none was logged. */
static double pain_of(const struct pain_week *pw, int kind)
{
	return kind == 0 ? pw->during : kind == 1 ? pw->after : pw->morning;
}

void chart_pain_weeks(cairo_t *cr, const struct chart_axis *ax, double y, double h,
		      const struct pain_week *weeks, size_t n)
{
	static const char *const names[3] = {"during", "after", "morning"};
	static const double dash[] = {4, 3};
	const struct chart_rgb cols[3] = {c_during, c_after, c_morning};
	double x0 = ax->x0, x1 = ax->x1, y0 = y + h - 4, y1 = y + 4;
	double label_y[3];
	int have[3] = {0, 0, 0};
	int order[3], nl = 0;
	char buf[32];

	cairo_save(cr);
	for (int v = 0; v <= 10; v += 5) {
		double yy = y0 - (y0 - y1) * v / 10.0;

		colour(cr, v == 5 ? chart_muted : grid);
		cairo_set_line_width(cr, 0.7);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_set_dash(cr, dash, v == 5 ? 2 : 0, 0);
		cairo_move_to(cr, x0, yy);
		cairo_line_to(cr, x1, yy);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		snprintf(buf, sizeof(buf), "%d", v);
		chart_text(cr, x0 - 6, yy - 6, 0, "Sans 8", chart_muted, buf, 1);
	}
	week_ticks(cr, ax, y0);
	for (int c = 0; c < 3; c++) {
		int started = 0;
		double ly = 0, lx;

		colour(cr, cols[c]);
		cairo_set_line_width(cr, 2.2);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		for (size_t i = 0; i < n; i++) {
			double v = pain_of(&weeks[i], c);

			if (v < 0 || !chart_axis_x(ax, weeks[i].monday, &lx))
				continue;
			ly = y0 - (y0 - y1) * v / 10.0;
			if (started)
				cairo_line_to(cr, lx, ly);
			else
				cairo_move_to(cr, lx, ly);
			started = 1;
		}
		if (!started)
			continue;
		cairo_stroke(cr);
		for (size_t i = 0; i < n; i++) {
			double v = pain_of(&weeks[i], c);

			if (v < 0 || !chart_axis_x(ax, weeks[i].monday, &lx))
				continue;
			cairo_arc(cr, lx, y0 - (y0 - y1) * v / 10.0, 2.6, 0, 2 * G_PI);
			cairo_fill(cr);
		}
		have[c] = 1;
		label_y[c] = ly;
	}
	/* Last values labelled at the right end, spread apart so none overlap. */
	for (int c = 0; c < 3; c++)
		if (have[c])
			order[nl++] = c;
	for (int i = 1; i < nl; i++)
		for (int j = i; j > 0 && label_y[order[j]] < label_y[order[j - 1]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 1; i < nl; i++)
		if (label_y[order[i]] < label_y[order[i - 1]] + 12)
			label_y[order[i]] = label_y[order[i - 1]] + 12;
	/* Pushed below the axis: slide the whole stack back up. */
	if (nl && label_y[order[nl - 1]] > y0) {
		double up = label_y[order[nl - 1]] - y0;

		for (int i = 0; i < nl; i++)
			label_y[order[i]] -= up;
	}
	for (int c = 0; c < 3; c++) {
		double lx;

		if (!have[c])
			continue;
		for (size_t i = n; i-- > 0;) {
			double v = pain_of(&weeks[i], c);

			if (v < 0 || !chart_axis_x(ax, weeks[i].monday, &lx))
				continue;
			snprintf(buf, sizeof(buf), "%s %.1f", names[c], v);
			break;
		}
		chart_text(cr, x1 + 8, label_y[c] - 6, 0, "Sans Bold 8", cols[c], buf, 0);
	}
	if (!nl)
		chart_text(cr, x0 + 10, y1 + (y0 - y1) / 2 - 8, 0, "Sans 9", chart_muted,
			   "No pain logged yet: hipcoach log pain N --when morning", 0);
	cairo_restore(cr);
}

/* The bottom edge of a bar chart and its ticks. */
static void baseline(cairo_t *cr, const struct chart_axis *ax, double y0)
{
	colour(cr, grid);
	cairo_set_line_width(cr, 0.7);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_move_to(cr, ax->x0, y0);
	cairo_line_to(cr, ax->x1, y0);
	cairo_stroke(cr);
	week_ticks(cr, ax, y0);
}

void chart_adherence_weeks(cairo_t *cr, const struct chart_axis *ax, double y, double h,
			   const struct pain_week *weeks, size_t n)
{
	double y0 = y + h, y1 = y + 4, bw = fmin(chart_axis_slot(ax) * 0.6, BAR_MAX);
	int maxp = 1;
	size_t last = n;
	char buf[32];

	cairo_save(cr);
	for (size_t i = 0; i < n; i++)
		if (weeks[i].planned > maxp)
			maxp = weeks[i].planned;
	baseline(cr, ax, y0);
	for (size_t i = 0; i < n; i++) {
		const struct pain_week *pw = &weeks[i];
		double cx, hp = (y0 - y1) * pw->planned / maxp, hd = (y0 - y1) * pw->done / maxp;

		if (!chart_axis_x(ax, pw->monday, &cx))
			continue;
		colour(cr, c_planned);
		cairo_rectangle(cr, cx - bw / 2, y0 - hp, bw, hp);
		cairo_fill(cr);
		colour(cr, c_done);
		cairo_rectangle(cr, cx - bw / 2, y0 - hd, bw, hd);
		cairo_fill(cr);
		if (last == n || pw->monday > weeks[last].monday)
			last = i;
	}
	if (last < n) {
		const struct pain_week *pw = &weeks[last];
		double cx, hd = (y0 - y1) * pw->done / maxp;

		chart_axis_x(ax, pw->monday, &cx);
		snprintf(buf, sizeof(buf), "%d of %d", pw->done, pw->planned);
		chart_text(cr, cx + bw / 2 + 6, y0 - hd - 6, 0, "Sans Bold 8", c_done, buf, 0);
	}
	cairo_restore(cr);
}

void chart_load_weeks(cairo_t *cr, const struct chart_axis *ax, double y, double h,
		      const struct load_report *r, int miles)
{
	const double unit = miles ? METRES_PER_MILE : 1000;
	double max = 0, y0 = y + h, y1 = y + 4, bw = fmin(chart_axis_slot(ax) * 0.6, BAR_MAX);
	char buf[64];
	int last_full = LOAD_WEEKS - 2;

	cairo_save(cr);
	for (int i = 0; i < LOAD_WEEKS; i++)
		if (r->weeks[i].distance_m / unit > max)
			max = r->weeks[i].distance_m / unit;
	if (max < 1)
		max = 1;
	baseline(cr, ax, y0);
	for (int i = 0; i < LOAD_WEEKS; i++) {
		double v = r->weeks[i].distance_m / unit, bh = (y0 - y1) * v / max, cx;

		if (!chart_axis_x(ax, r->weeks[i].monday, &cx))
			continue;
		/* A calm slate that stays distinct in grey print; this week lighter: not over yet.
		 */
		if (i == LOAD_WEEKS - 1)
			cairo_set_source_rgb(cr, 0.78, 0.81, 0.85);
		else
			cairo_set_source_rgb(cr, 0.36, 0.45, 0.55);
		cairo_rectangle(cr, cx - bw / 2, y0 - bh, bw, bh);
		cairo_fill(cr);
		if (i == last_full) {
			double ly = y0 - bh - 6 > y0 - 22 ? y0 - 22 : y0 - bh - 6;

			snprintf(buf, sizeof(buf), "%.0f %s", v, miles ? "mi" : "km");
			ly += chart_text(cr, ax->x1 + 8, ly, 0, "Sans Bold 8", c_slate, buf, 0);
			chart_text(cr, ax->x1 + 8, ly, 0, "Sans 7.5", chart_muted, "last week", 0);
		}
	}
	cairo_restore(cr);
}
