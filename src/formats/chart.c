/* Charts drawn with cairo and pango for the report and the handout: weekly pain, sessions done
 * and running distance. */
#include "chart.h"

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
			      c_done = {0.2, 0.55, 0.35}, c_planned = {0.86, 0.9, 0.87};

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

/* X position of week i of n in a chart spanning [x0, x1]. */
static double week_x(size_t i, size_t n, double x0, double x1)
{
	return n > 1 ? x0 + (x1 - x0) * (double)i / (double)(n - 1) : (x0 + x1) / 2;
}

/* Pain of one kind in a week: 0 during, 1 after, 2 morning; negative when none was logged. */
static double pain_of(const struct pain_week *pw, int kind)
{
	return kind == 0 ? pw->during : kind == 1 ? pw->after : pw->morning;
}

void chart_pain_weeks(cairo_t *cr, double x, double y, double w, double h,
		      const struct pain_week *weeks, size_t n)
{
	static const char *const names[3] = {"during", "after", "morning"};
	static const double dash[] = {4, 3};
	const struct chart_rgb cols[3] = {c_during, c_after, c_morning};
	double x0 = x + 22, x1 = x + w - 70, y0 = y + h - 18, y1 = y + 4;
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
	for (size_t i = 0; i < n; i++) {
		if (n > 8 && i % 2 != (n - 1) % 2)
			continue;
		week_label(buf, sizeof(buf), weeks[i].monday);
		chart_text(cr, week_x(i, n, x0, x1) - 14, y0 + 4, 0, "Sans 7.5", chart_muted, buf,
			   0);
	}
	for (int c = 0; c < 3; c++) {
		int started = 0;
		double ly = 0;

		colour(cr, cols[c]);
		cairo_set_line_width(cr, 2.2);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		for (size_t i = 0; i < n; i++) {
			double v = pain_of(&weeks[i], c), lx;

			if (v < 0)
				continue;
			lx = week_x(i, n, x0, x1);
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

			if (v < 0)
				continue;
			cairo_arc(cr, week_x(i, n, x0, x1), y0 - (y0 - y1) * v / 10.0, 2.6, 0,
				  2 * G_PI);
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
		if (!have[c])
			continue;
		for (size_t i = n; i-- > 0;) {
			double v = pain_of(&weeks[i], c);

			if (v < 0)
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

void chart_adherence_weeks(cairo_t *cr, double x, double y, double w, double h,
			   const struct pain_week *weeks, size_t n)
{
	double x0 = x + 22, x1 = x + w - 70, y0 = y + h - 18, y1 = y + 4;
	double slot = (x1 - x0) / (double)(n ? n : 1), bw = slot * 0.6;
	int maxp = 1;
	char buf[32];

	cairo_save(cr);
	for (size_t i = 0; i < n; i++)
		if (weeks[i].planned > maxp)
			maxp = weeks[i].planned;
	colour(cr, grid);
	cairo_set_line_width(cr, 0.7);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y0);
	cairo_stroke(cr);
	for (size_t i = 0; i < n; i++) {
		const struct pain_week *pw = &weeks[i];
		double cx = x0 + slot * ((double)i + 0.5);
		double hp = (y0 - y1) * pw->planned / maxp, hd = (y0 - y1) * pw->done / maxp;

		colour(cr, c_planned);
		cairo_rectangle(cr, cx - bw / 2, y0 - hp, bw, hp);
		cairo_fill(cr);
		colour(cr, c_done);
		cairo_rectangle(cr, cx - bw / 2, y0 - hd, bw, hd);
		cairo_fill(cr);
		if (n <= 8 || i % 2 == (n - 1) % 2) {
			week_label(buf, sizeof(buf), pw->monday);
			chart_text(cr, cx - 14, y0 + 4, 0, "Sans 7.5", chart_muted, buf, 0);
		}
		if (i + 1 == n) {
			snprintf(buf, sizeof(buf), "%d of %d", pw->done, pw->planned);
			chart_text(cr, cx + bw / 2 + 6, y0 - hd - 6, 0, "Sans Bold 8", c_done, buf,
				   0);
		}
	}
	cairo_restore(cr);
}

void chart_load_weeks(cairo_t *cr, double x, double y, double w, double h,
		      const struct load_report *r, int miles)
{
	const double unit = miles ? METRES_PER_MILE : 1000;
	const double title_h = h * 0.14, label_h = h * 0.12;
	double max = 0, bar_w, plot_y = y + title_h, plot_h = h - title_h - label_h;
	char buf[64];
	int last_full = LOAD_WEEKS - 2;

	cairo_save(cr);
	for (int i = 0; i < LOAD_WEEKS; i++)
		if (r->weeks[i].distance_m / unit > max)
			max = r->weeks[i].distance_m / unit;
	if (max < 1)
		max = 1;
	max *= 1.15; /* room for the value label */

	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, title_h * 0.7);
	cairo_set_source_rgb(cr, 0.13, 0.13, 0.15);
	cairo_move_to(cr, x, y + title_h * 0.7);
	snprintf(buf, sizeof(buf), "Running per week (%s)", miles ? "mi" : "km");
	cairo_show_text(cr, buf);

	bar_w = w / LOAD_WEEKS;
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, label_h * 0.6);
	for (int i = 0; i < LOAD_WEEKS; i++) {
		double v = r->weeks[i].distance_m / unit;
		double bh = plot_h * v / max, bx = x + i * bar_w + bar_w * 0.15;
		int yy, mm, dd;

		/* A calm slate that stays distinct in grey print; this week lighter: not over yet.
		 */
		if (i == LOAD_WEEKS - 1)
			cairo_set_source_rgb(cr, 0.78, 0.81, 0.85);
		else
			cairo_set_source_rgb(cr, 0.36, 0.45, 0.55);
		cairo_rectangle(cr, bx, plot_y + plot_h - bh, bar_w * 0.7, bh);
		cairo_fill(cr);
		if (i == last_full) {
			cairo_text_extents_t te;

			snprintf(buf, sizeof(buf), "%.0f", v);
			cairo_text_extents(cr, buf, &te);
			cairo_set_source_rgb(cr, 0.13, 0.13, 0.15);
			cairo_move_to(cr, bx + bar_w * 0.35 - te.width / 2 - te.x_bearing,
				      plot_y + plot_h - bh - label_h * 0.2);
			cairo_show_text(cr, buf);
		}
		if ((LOAD_WEEKS - 1 - i) % 2 == 0) {
			cairo_text_extents_t te;

			day_to_civil(r->weeks[i].monday, &yy, &mm, &dd);
			snprintf(buf, sizeof(buf), "%d %.3s", dd, month_long[mm - 1]);
			cairo_text_extents(cr, buf, &te);
			cairo_set_source_rgb(cr, 0.45, 0.46, 0.5);
			cairo_move_to(cr, bx + bar_w * 0.35 - te.width / 2 - te.x_bearing,
				      y + h - label_h * 0.25);
			cairo_show_text(cr, buf);
		}
	}
	/* Baseline. */
	cairo_set_source_rgb(cr, 0.8, 0.81, 0.83);
	cairo_set_line_width(cr, 0.75);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_move_to(cr, x, plot_y + plot_h);
	cairo_line_to(cr, x + w, plot_y + plot_h);
	cairo_stroke(cr);
	cairo_restore(cr);
}
