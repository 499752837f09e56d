/* TCX (Garmin Training Center) reader: one activity per <Activity>, preferring the device's own lap
 * totals. */
#ifndef HIPCOACH_TCX_H
#define HIPCOACH_TCX_H

#include <stddef.h>

#include "../core/activity.h"

/*
 * Parses a TCX document of len bytes (need not be NUL-terminated) and
 * appends one activity per Activities/Activity that has a start time.
 * Elements are matched by namespace (TrainingCenterDatabase v1/v2, or
 * none), not by prefix.
 *
 *   sport     Activity/@Sport: Running, Biking, Other
 *   start     the first Lap/@StartTime, else the first Trackpoint/Time
 *   elapsed   from start to the later of the last Trackpoint/Time and the
 *             end of the last lap (StartTime + TotalTimeSeconds)
 *   distance  the sum of Lap/DistanceMeters (the device's own), else the
 *             last Trackpoint/DistanceMeters, else the filtered GPS sum
 *   moving    the sum of Lap/TotalTimeSeconds (timer time), else from points
 *   ascent    from AltitudeMeters with the hysteresis of geo.h
 *   heart     average weighted by lap time when every lap has one, else
 *             the mean of Trackpoint/HeartRateBpm; max over laps and points
 *
 * Returns 0, or -1 with error_last() set ("line L, column C: message", or
 * "no activity in TCX file"); on error *out is left as it was.
 */
int tcx_read(const char *data, size_t len, struct activity_list *out);

#endif
