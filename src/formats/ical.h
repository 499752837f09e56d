/* Writing the plan's recurring sessions as an iCalendar file (libical) for a calendar app. */
#ifndef HIPCOACH_ICAL_H
#define HIPCOACH_ICAL_H

#include <stddef.h>
#include <time.h>

#include "../lib/datetime.h"
#include "../lib/strbuf.h"

/*
 * One recurring all-day event: a session kind on its weekdays from `from`
 * to `until` (both included).
 */
struct ical_series {
	const char *uid;	 /* stable across exports: a re-import updates the event */
	const char *summary;	 /* "Hip strength · 6 moves · ~27 min" */
	const char *description; /* the exercises and their doses; may be NULL */
	day_t from, until;
	unsigned weekdays; /* bit 0 = Monday; 0x7F: every day */
	int cancelled;	   /* STATUS:CANCELLED: a calendar that imported it before drops it */
};

/*
 * Appends a VCALENDAR (PRODID, VERSION 2.0, METHOD PUBLISH, a calendar
 * name) holding one VEVENT per series to `out`: DTSTART is the first date
 * at or after `from` on one of the weekdays, the event lasts the whole day
 * (DTSTART/DTEND as dates, TRANSP TRANSPARENT so it never blocks time), and
 * an RRULE repeats it (FREQ=DAILY for every day, FREQ=WEEKLY;BYDAY=... else)
 * UNTIL the last date. DTSTAMP and LAST-MODIFIED are `stamp`. Lines end in
 * CRLF and are folded at 75 octets (RFC 5545). 0, or -1 with error_set()
 * (no weekdays, no date in the range, or libical failed).
 */
int ical_write(struct strbuf *out, const char *calname, const struct ical_series *s, size_t n,
	       time_t stamp);

/* The first date at or after `from` that falls on one of `weekdays` into *out; -1 if none by
 * `until`. */
int ical_first_date(day_t from, day_t until, unsigned weekdays, day_t *out);

#endif
