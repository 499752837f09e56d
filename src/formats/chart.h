/* Charts drawn with cairo and pango for the report and the handout: weekly pain, sessions done
 * and running distance, and the text and colours they share with the pages around them. */
#ifndef HIPCOACH_CHART_H
#define HIPCOACH_CHART_H

#include <stddef.h>

#include <cairo.h>

#include "core/load.h"
#include "core/safety.h"
#include "lib/datetime.h"

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
 * The weeks the charts of one page share: `n` weeks from the one starting
 * on `first` (a Monday), each a slot of equal width from x0 to x1 (user
 * units), so that a week sits at the same place in every chart. Each chart
 * keeps CHART_AXIS_LEFT to the left of x0 for its scale and
 * CHART_AXIS_RIGHT to the right of x1 for the label of its latest value.
 */
struct chart_axis {
	day_t first;
	size_t n;
	double x0, x1;
};
#define CHART_AXIS_LEFT	 22.0
#define CHART_AXIS_RIGHT 70.0

/* The axis of `n` weeks from `first` for charts drawn from x, w wide. */
void chart_axis_init(struct chart_axis *ax, day_t first, size_t n, double x, double w);
/* The centre of the slot of the week holding `day`; 0 when the axis does not show it. */
int chart_axis_x(const struct chart_axis *ax, day_t day, double *x);
/* The width of one week's slot. */
double chart_axis_slot(const struct chart_axis *ax);
/*
 * The first day of each week under the axis at y (every other week beyond
 * 8, always the latest), in muted text.
 */
void chart_axis_labels(cairo_t *cr, const struct chart_axis *ax, double y);

/*
 * Draws weekly pain between y and y + h on the axis: the `n` weeks of
 * `weeks` (any order; those outside the axis are left out) as one line
 * each for pain during exercise, after it and in the morning (a week
 * without a score of that kind, i.e. a negative one, leaves a gap in its
 * line), on a 0-10 scale with 5, the most for pain during exercise, dashed;
 * the latest value of each line labelled at the right end, labels spread
 * so none overlap. Without any score it says how to log one. The cairo
 * state is saved and restored.
 */
void chart_pain_weeks(cairo_t *cr, const struct chart_axis *ax, double y, double h,
		      const struct pain_week *weeks, size_t n);

/*
 * Draws the sessions done per week between y and y + h on the axis: for
 * each of the `n` weeks of `weeks`, a green bar of the sessions done over a
 * pale one of those planned, scaled to the most planned in a week; the
 * latest week labelled "D of P". The cairo state is saved and restored.
 */
void chart_adherence_weeks(cairo_t *cr, const struct chart_axis *ax, double y, double h,
			   const struct pain_week *weeks, size_t n);

/*
 * Draws the weekly running distance of r->weeks as bars between y and
 * y + h on the axis: this week's bar lighter (it is not over), the latest
 * full week's value labelled. Draws in greys; the cairo state is saved and
 * restored.
 */
void chart_load_weeks(cairo_t *cr, const struct chart_axis *ax, double y, double h,
		      const struct load_report *r, int miles);

#endif
