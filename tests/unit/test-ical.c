/* Tests of the iCalendar writer: libical reads it back and the recurrences give the dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>
#include <string.h>

#include "formats/ical.h"
#include "lib/error.h"

#define TUE_FRI ((1u << 1) | (1u << 4))

/* Expands one VEVENT's RRULE from its DTSTART into day numbers. */
static size_t expand(icalcomponent *ev, day_t *out, size_t max)
{
	struct icaltimetype start = icalcomponent_get_dtstart(ev);
	icalproperty *rp = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	struct icalrecurrencetype rule;
	icalrecur_iterator *it;
	struct icaltimetype t;
	size_t n = 0;

	assert_non_null(rp);
	assert_true(start.is_date);
	rule = icalproperty_get_rrule(rp);
	it = icalrecur_iterator_new(rule, start);
	assert_non_null(it);
	while (n < max && !icaltime_is_null_time(t = icalrecur_iterator_next(it)))
		out[n++] = day_from_civil(t.year, t.month, t.day);
	icalrecur_iterator_free(it);
	return n;
}

static void test_ical_recurrences(void **state)
{
	day_t from = day_from_civil(2026, 12, 7); /* a Monday */
	struct ical_series s[2] = {
	    {.uid = "hip-pain-strength-20261207@hipcoach",
	     .summary = "Hip strength · 6 moves",
	     .description = "• Squat: 2 sets × 12–15, rest 45 s\n• Clamshell, slowly; then more",
	     .from = from,
	     .until = from + 27,
	     .weekdays = TUE_FRI},
	    {.uid = "hip-pain-stretch-20261207@hipcoach",
	     .summary = "Hip stretches",
	     .from = from,
	     .until = from + 27,
	     .weekdays = 0x7F},
	};
	struct strbuf sb = STRBUF_INIT;
	icalcomponent *cal, *ev;
	icalproperty *version;
	day_t days[64];
	size_t n;

	(void)state;
	assert_int_equal(ical_write(&sb, "hipcoach", s, 2, 1796716800), 0);
	cal = icalparser_parse_string(sb.buf);
	assert_non_null(cal);
	version = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
	assert_non_null(version);
	assert_string_equal(icalproperty_get_version(version), "2.0");

	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), s[0].uid);
	assert_string_equal(icalcomponent_get_summary(ev), s[0].summary);
	assert_string_equal(icalcomponent_get_description(ev), s[0].description);
	/* The Monday is not a strength day: the series starts on the Tuesday. */
	n = expand(ev, days, 64);
	assert_int_equal(n, 8);
	assert_int_equal(days[0], from + 1);
	for (size_t i = 0; i < n; i++) {
		assert_true(TUE_FRI & (1u << day_weekday(days[i])));
		assert_true(days[i] <= from + 27);
	}
	assert_int_equal(days[n - 1], from + 25); /* the last Friday */
	assert_int_equal(icalcomponent_get_dtstamp(ev).year, 2026);

	ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), s[1].uid);
	n = expand(ev, days, 64);
	assert_int_equal(n, 28);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(days[i], from + (day_t)i);
	assert_null(icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT));
	icalcomponent_free(cal);

	/* Lines end in CRLF and are folded to 75 octets. */
	for (const char *p = sb.buf, *nl; (nl = strstr(p, "\r\n")); p = nl + 2)
		assert_true(nl - p <= 75);
	strbuf_release(&sb);
}

static void test_ical_errors(void **state)
{
	day_t mon = day_from_civil(2026, 12, 7), d;
	struct ical_series s = {
	    .uid = "x@hipcoach", .summary = "x", .from = mon, .until = mon, .weekdays = 1u << 4};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(ical_first_date(mon, mon + 6, 1u << 4, &d), 0);
	assert_int_equal(d, mon + 4);
	assert_int_equal(ical_first_date(mon, mon + 3, 1u << 4, &d), -1);
	/* A Friday-only series over a single Monday has no date. */
	assert_int_equal(ical_write(&sb, NULL, &s, 1, 0), -1);
	assert_non_null(strstr(error_last(), "no session"));
	s.weekdays = 0;
	assert_int_equal(ical_write(&sb, NULL, &s, 1, 0), -1);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ical_recurrences),
	    cmocka_unit_test(test_ical_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
