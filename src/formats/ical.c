/* The iCalendar writer: the plan's sessions as recurring all-day events built with libical. */
#include "ical.h"

#include <libical/ical.h>
#include <stdlib.h>

#include "../lib/error.h"

static const char *const byday[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

int ical_first_date(day_t from, day_t until, unsigned weekdays, day_t *out)
{
	for (day_t d = from; d <= until && d < from + 7; d++)
		if (weekdays & (1u << day_weekday(d))) {
			*out = d;
			return 0;
		}
	return -1;
}

static struct icaltimetype ical_date(day_t day)
{
	struct icaltimetype t = icaltime_null_date();

	day_to_civil(day, &t.year, &t.month, &t.day);
	return t;
}

static void add_date_prop(icalcomponent *ev, icalproperty *p)
{
	icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DATE));
	icalcomponent_add_property(ev, p);
}

static icalcomponent *series_event(const struct ical_series *s, struct icaltimetype stamp,
				   day_t first)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	struct strbuf rule = STRBUF_INIT;
	int y, m, d;

	icalcomponent_add_property(ev, icalproperty_new_uid(s->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(stamp));
	add_date_prop(ev, icalproperty_new_dtstart(ical_date(first)));
	add_date_prop(ev, icalproperty_new_dtend(ical_date(first + 1)));
	if ((s->weekdays & 0x7F) == 0x7F) {
		strbuf_addstr(&rule, "FREQ=DAILY");
	} else {
		strbuf_addstr(&rule, "FREQ=WEEKLY;BYDAY=");
		for (int i = 0, n = 0; i < 7; i++)
			if (s->weekdays & (1u << i))
				strbuf_addf(&rule, "%s%s", n++ ? "," : "", byday[i]);
	}
	day_to_civil(s->until, &y, &m, &d);
	strbuf_addf(&rule, ";UNTIL=%04d%02d%02d", y, m, d);
	icalcomponent_add_property(
	    ev, icalproperty_new_rrule(icalrecurrencetype_from_string(rule.buf)));
	strbuf_release(&rule);
	icalcomponent_add_property(ev, icalproperty_new_summary(s->summary));
	if (s->description)
		icalcomponent_add_property(ev, icalproperty_new_description(s->description));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	return ev;
}

int ical_write(struct strbuf *out, const char *calname, const struct ical_series *s, size_t n,
	       time_t stamp)
{
	icalcomponent *cal;
	struct icaltimetype ts =
	    icaltime_from_timet_with_zone(stamp, 0, icaltimezone_get_utc_timezone());
	char *text;

	for (size_t i = 0; i < n; i++) {
		day_t first;

		if (!(s[i].weekdays & 0x7F))
			return error_set("cannot write '%s': no weekdays", s[i].uid);
		if (ical_first_date(s[i].from, s[i].until, s[i].weekdays, &first))
			return error_set("cannot write '%s': no session between its dates",
					 s[i].uid);
	}
	cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//hipcoach//hipcoach//EN"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (calname) {
		icalproperty *p = icalproperty_new_x(calname);

		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(cal, p);
	}
	for (size_t i = 0; i < n; i++) {
		day_t first = s[i].from;

		ical_first_date(s[i].from, s[i].until, s[i].weekdays, &first);
		icalcomponent_add_component(cal, series_event(&s[i], ts, first));
	}
	text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!text)
		return error_set("cannot write the calendar: %s", icalerror_strerror(icalerrno));
	strbuf_addstr(out, text);
	free(text);
	return 0;
}
