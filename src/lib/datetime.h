/* Civil dates as day numbers, the pinnable clock, and bounded date/time parsing. */
#ifndef HIPCOACH_DATETIME_H
#define HIPCOACH_DATETIME_H

#include <stdint.h>
#include <time.h>

/*
 * A civil (local) date is a day number: days since 1970-01-01. Weekdays are
 * 0 = Monday .. 6 = Sunday, as runners plan their week.
 */
typedef int32_t day_t;

day_t day_from_civil(int y, int m, int d);
void day_to_civil(day_t day, int *y, int *m, int *d);
int day_weekday(day_t day);
/* Monday of the week holding `day`. */
day_t day_week_start(day_t day);

/* Formats "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *day_format(day_t day, char *buf);
/* Parses exactly "YYYY-MM-DD", rejecting impossible dates; 0 or -1. */
int day_parse(const char *s, day_t *out);

extern const char *const weekday_short[7]; /* "mon".."sun" */
extern const char *const weekday_long[7];  /* "Monday".."Sunday" */
extern const char *const month_long[12];   /* "January".. */
/* "mon" or "monday" (any case) to 0..6; -1 if not a weekday. */
int weekday_parse(const char *s);

/*
 * The clock. Every piece of code asks clock_now() for the wall time (UTC
 * seconds). HIPCOACH_NOW=YYYY-MM-DDTHH:MM:SS (local time, or UTC with a
 * trailing Z) pins it so tests are repeatable.
 */
time_t clock_now(void);
/* Today's local date by clock_now(). */
day_t clock_today(void);
/* Local date of a UTC timestamp. */
day_t day_of_time(time_t t);
/* Start of a local date as a UTC timestamp. */
time_t day_start_time(day_t day);

/*
 * Monotonic milliseconds for timers; HIPCOACH_TIME_SCALE=N makes it run N
 * times faster (tests only). Pinning HIPCOACH_NOW does not freeze it.
 */
int64_t clock_monotonic_ms(void);
/* The time scale in force (1 unless HIPCOACH_TIME_SCALE is set). */
int clock_time_scale(void);

/* Parses ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff][Z|+hh:mm]" to UTC seconds; a
 * time without a zone is taken as UTC. 0 or -1. */
int time_parse_iso(const char *s, size_t len, time_t *out);
/* Formats UTC "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
char *time_format_iso(time_t t, char *buf);
/* Formats local "HH:MM" into buf (at least 6 bytes). */
char *time_format_hm(time_t t, char *buf);

#endif
