/* GPX 1.1 reader: one activity per recorded track, with distance, moving time, ascent and heart
 * rate. */
#ifndef HIPCOACH_GPX_H
#define HIPCOACH_GPX_H

#include <stddef.h>

#include "../core/activity.h"

/*
 * Parses a GPX 1.0/1.1 document of len bytes (it need not be NUL-terminated)
 * and appends one activity per <trk> that holds at least one timed <trkpt>.
 *
 * start is the first point's time, elapsed the last minus the first;
 * distance, moving time and ascent come from the points through the filters
 * of geo.h; avg/max heart rate from <hr> in Garmin's TrackPointExtension
 * (namespaces .../TrackPointExtension/v1 and /v2, whatever their prefix).
 *
 * Sport: the track's <type>. Strava writes either a name ("running") or
 * its numeric activity type (9 run, 1 ride, 10 walk, 4 hike, ...); both are
 * mapped. A track without <type> is "other": a GPX alone does not say it
 * was a run, and guessing would put walks and rides into running load.
 *
 * Whitespace and a UTF-8 byte order mark before "<?xml" are accepted (files
 * from Strava begin with whitespace). Entity declarations are refused.
 *
 * Returns 0, or -1 with error_last() set to "line L, column C: message"
 * (or "no recorded track" when nothing timed was found); on error *out is
 * left as it was.
 */
int gpx_read(const char *data, size_t len, struct activity_list *out);

/* Maps a GPX <type> (a name or Strava's number) to our sport strings. */
const char *gpx_sport(const char *type);

#endif
