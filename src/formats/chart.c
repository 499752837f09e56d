/* Charts drawn with cairo for the report and the handout: the weekly running distance. */
#include "chart.h"

#include <stdio.h>

#include "core/format.h"
#include "lib/datetime.h"

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
	cairo_move_to(cr, x, plot_y + plot_h);
	cairo_line_to(cr, x + w, plot_y + plot_h);
	cairo_stroke(cr);
	cairo_restore(cr);
}
