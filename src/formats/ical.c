/* The iCalendar writer: the plan's sessions as recurring all-day events built with libical. */
#include "ical.h"

#include <libical/ical.h>
#include <stdlib.h>

#include "../lib/dlib.h"
#include "../lib/error.h"

/* libical, loaded when the first calendar is written: only export needs it (dlib.h). */
static struct {
	DLIB_FN(icalcomponent_add_component);
	DLIB_FN(icalcomponent_add_property);
	DLIB_FN(icalcomponent_as_ical_string_r);
	DLIB_FN(icalcomponent_free);
	DLIB_FN(icalcomponent_new_vcalendar);
	DLIB_FN(icalcomponent_new_vevent);
	DLIB_FN(icalerrno_return);
	DLIB_FN(icalerror_strerror);
	DLIB_FN(icalparameter_new_value);
	DLIB_FN(icalproperty_add_parameter);
	DLIB_FN(icalproperty_new_calscale);
	DLIB_FN(icalproperty_new_description);
	DLIB_FN(icalproperty_new_dtend);
	DLIB_FN(icalproperty_new_dtstamp);
	DLIB_FN(icalproperty_new_dtstart);
	DLIB_FN(icalproperty_new_lastmodified);
	DLIB_FN(icalproperty_new_method);
	DLIB_FN(icalproperty_new_prodid);
	DLIB_FN(icalproperty_new_rrule);
	DLIB_FN(icalproperty_new_status);
	DLIB_FN(icalproperty_new_summary);
	DLIB_FN(icalproperty_new_transp);
	DLIB_FN(icalproperty_new_uid);
	DLIB_FN(icalproperty_new_version);
	DLIB_FN(icalproperty_new_x);
	DLIB_FN(icalproperty_set_x_name);
	DLIB_FN(icalrecurrencetype_from_string);
	DLIB_FN(icaltime_from_timet_with_zone);
	DLIB_FN(icaltime_null_date);
	DLIB_FN(icaltimezone_get_utc_timezone);
} ic;

static struct dlib ic_lib = {.soname = "libical.so.3", .package = "libical3"};

static const struct dlib_sym ic_syms[] = {
    DLIB_SYM(ic, icalcomponent_add_component),
    DLIB_SYM(ic, icalcomponent_add_property),
    DLIB_SYM(ic, icalcomponent_as_ical_string_r),
    DLIB_SYM(ic, icalcomponent_free),
    DLIB_SYM(ic, icalcomponent_new_vcalendar),
    DLIB_SYM(ic, icalcomponent_new_vevent),
    DLIB_SYM(ic, icalerrno_return),
    DLIB_SYM(ic, icalerror_strerror),
    DLIB_SYM(ic, icalparameter_new_value),
    DLIB_SYM(ic, icalproperty_add_parameter),
    DLIB_SYM(ic, icalproperty_new_calscale),
    DLIB_SYM(ic, icalproperty_new_description),
    DLIB_SYM(ic, icalproperty_new_dtend),
    DLIB_SYM(ic, icalproperty_new_dtstamp),
    DLIB_SYM(ic, icalproperty_new_dtstart),
    DLIB_SYM(ic, icalproperty_new_lastmodified),
    DLIB_SYM(ic, icalproperty_new_method),
    DLIB_SYM(ic, icalproperty_new_prodid),
    DLIB_SYM(ic, icalproperty_new_rrule),
    DLIB_SYM(ic, icalproperty_new_status),
    DLIB_SYM(ic, icalproperty_new_summary),
    DLIB_SYM(ic, icalproperty_new_transp),
    DLIB_SYM(ic, icalproperty_new_uid),
    DLIB_SYM(ic, icalproperty_new_version),
    DLIB_SYM(ic, icalproperty_new_x),
    DLIB_SYM(ic, icalproperty_set_x_name),
    DLIB_SYM(ic, icalrecurrencetype_from_string),
    DLIB_SYM(ic, icaltime_from_timet_with_zone),
    DLIB_SYM(ic, icaltime_null_date),
    DLIB_SYM(ic, icaltimezone_get_utc_timezone),
    {0},
};

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
	struct icaltimetype t = ic.icaltime_null_date();

	day_to_civil(day, &t.year, &t.month, &t.day);
	return t;
}

static void add_date_prop(icalcomponent *ev, icalproperty *p)
{
	ic.icalproperty_add_parameter(p, ic.icalparameter_new_value(ICAL_VALUE_DATE));
	ic.icalcomponent_add_property(ev, p);
}

static icalcomponent *series_event(const struct ical_series *s, struct icaltimetype stamp,
				   day_t first)
{
	icalcomponent *ev = ic.icalcomponent_new_vevent();
	struct strbuf rule = STRBUF_INIT;
	int y, m, d;

	ic.icalcomponent_add_property(ev, ic.icalproperty_new_uid(s->uid));
	ic.icalcomponent_add_property(ev, ic.icalproperty_new_dtstamp(stamp));
	ic.icalcomponent_add_property(ev, ic.icalproperty_new_lastmodified(stamp));
	add_date_prop(ev, ic.icalproperty_new_dtstart(ical_date(first)));
	add_date_prop(ev, ic.icalproperty_new_dtend(ical_date(first + 1)));
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
	ic.icalcomponent_add_property(
	    ev, ic.icalproperty_new_rrule(ic.icalrecurrencetype_from_string(rule.buf)));
	strbuf_release(&rule);
	ic.icalcomponent_add_property(ev, ic.icalproperty_new_summary(s->summary));
	if (s->description)
		ic.icalcomponent_add_property(ev, ic.icalproperty_new_description(s->description));
	ic.icalcomponent_add_property(ev, ic.icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	if (s->cancelled)
		ic.icalcomponent_add_property(ev,
					      ic.icalproperty_new_status(ICAL_STATUS_CANCELLED));
	return ev;
}

int ical_write(struct strbuf *out, const char *calname, const struct ical_series *s, size_t n,
	       time_t stamp)
{
	icalcomponent *cal;
	struct icaltimetype ts;
	char *text;

	for (size_t i = 0; i < n; i++) {
		day_t first;

		if (!(s[i].weekdays & 0x7F))
			return error_set("cannot write '%s': no weekdays", s[i].uid);
		if (ical_first_date(s[i].from, s[i].until, s[i].weekdays, &first))
			return error_set("cannot write '%s': no session between its dates",
					 s[i].uid);
	}
	if (dlib_open(&ic_lib, ic_syms))
		return -1;
	ts = ic.icaltime_from_timet_with_zone(stamp, 0, ic.icaltimezone_get_utc_timezone());
	cal = ic.icalcomponent_new_vcalendar();
	ic.icalcomponent_add_property(cal, ic.icalproperty_new_prodid("-//hipcoach//hipcoach//EN"));
	ic.icalcomponent_add_property(cal, ic.icalproperty_new_version("2.0"));
	ic.icalcomponent_add_property(cal, ic.icalproperty_new_calscale("GREGORIAN"));
	ic.icalcomponent_add_property(cal, ic.icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (calname) {
		icalproperty *p = ic.icalproperty_new_x(calname);

		ic.icalproperty_set_x_name(p, "X-WR-CALNAME");
		ic.icalcomponent_add_property(cal, p);
	}
	for (size_t i = 0; i < n; i++) {
		day_t first = s[i].from;

		ical_first_date(s[i].from, s[i].until, s[i].weekdays, &first);
		ic.icalcomponent_add_component(cal, series_event(&s[i], ts, first));
	}
	text = ic.icalcomponent_as_ical_string_r(cal);
	ic.icalcomponent_free(cal);
	if (!text)
		return error_set("cannot write the calendar: %s",
				 ic.icalerror_strerror(*ic.icalerrno_return()));
	strbuf_addstr(out, text);
	free(text);
	return 0;
}
