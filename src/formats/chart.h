/* Charts drawn with cairo and pango for the report and the handout: weekly pain, sessions done
 * and running distance, and the text and colours they share with the pages around them. */
#ifndef HIPCOACH_CHART_H
#define HIPCOACH_CHART_H

#include <stddef.h>

#include <cairo.h>

#include "core/load.h"
#include "core/safety.h"

/* A colour as red, green, blue in [0, 1]. */
struct chart_rgb {
	double r, g, b;
};

/* The palette the charts share with the report page: text, secondary text. */
extern const struct chart_rgb chart_ink, chart_muted;

/*
 * Draws `s` with pango in `font` (a Pango description such as "Sans Bold
 * 8") and colour `c`, its top-left corner at (x, y), or its top-right
 * corner there with `align_right`; wrapped at word or character boundaries
 * to `width` (0: one line). Returns the height it took, in user units.
 */
double chart_text(cairo_t *cr, double x, double y, double width, const char *font,
		  struct chart_rgb c, const char *s, int align_right);
/* The height chart_text() would take for the same text, without drawing it. */
double chart_text_height(cairo_t *cr, double width, const char *font, const char *s);

/*
 * Draws weekly pain into the rectangle (x, y, w, h) of `cr` (user units):
 * the `n` weeks of `weeks`, oldest first, as one line each for pain during
 * exercise, after it and in the morning (a week without a score of that
 * kind, i.e. a negative one, leaves a gap in its line), on a 0-10 scale with
 * 5, the most for pain during exercise, dashed; the latest value of each
 * line labelled at the right end, labels spread so none overlap; the first
 * day of each week under the axis (every other week beyond 8). Without any
 * score it says how to log one. The cairo state is saved and restored.
 */
void chart_pain_weeks(cairo_t *cr, double x, double y, double w, double h,
		      const struct pain_week *weeks, size_t n);

/*
 * Draws the sessions done per week into the rectangle (x, y, w, h) of `cr`:
 * for each of the `n` weeks of `weeks`, a green bar of the sessions done
 * over a pale one of those planned, scaled to the most planned in a week;
 * the last week labelled "D of P"; the first day of each week under the
 * bars (every other week beyond 8). The cairo state is saved and restored.
 */
void chart_adherence_weeks(cairo_t *cr, double x, double y, double w, double h,
			   const struct pain_week *weeks, size_t n);

/*
 * Draws the weekly running distance of r->weeks as bars into the rectangle
 * (x, y, w, h) of `cr` (user units; the caller sets the scale, e.g. points
 * for a PDF): a title, one bar per week with this week's bar lighter (it is
 * not over), the latest full week's value labelled, and the first day of
 * every other week under the bars. Draws in black and greys; the cairo
 * state is saved and restored.
 */
void chart_load_weeks(cairo_t *cr, double x, double y, double w, double h,
		      const struct load_report *r, int miles);

#endif
