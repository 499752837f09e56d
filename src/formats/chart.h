/* Charts drawn with cairo for the report and the handout: the weekly running distance. */
#ifndef HIPCOACH_CHART_H
#define HIPCOACH_CHART_H

#include <cairo.h>

#include "core/load.h"

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
