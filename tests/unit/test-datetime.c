/* Unit tests for civil dates, weekdays, ISO 8601 parsing and durations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "lib/datetime.h"
#include "lib/parse.h"

static void test_civil_round_trip(void **state)
{
	(void)state;
	for (day_t d = -800000; d < 800000; d += 97) {
		int y, m, dd;

		day_to_civil(d, &y, &m, &dd);
		assert_int_equal(day_from_civil(y, m, dd), d);
	}
	assert_int_equal(day_from_civil(1970, 1, 1), 0);
	assert_int_equal(day_from_civil(2026, 12, 8), 20795);
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(day_weekday(day_from_civil(2026, 12, 8)), 1);  /* Tuesday */
	assert_int_equal(day_weekday(day_from_civil(2024, 2, 29)), 3);  /* Thursday */
	assert_int_equal(day_week_start(day_from_civil(2026, 12, 13)), day_from_civil(2026, 12, 7));
	assert_int_equal(weekday_parse("Sat"), 5);
	assert_int_equal(weekday_parse("sunday"), 6);
	assert_int_equal(weekday_parse("funday"), -1);
}

static void test_day_parse(void **state)
{
	day_t d;
	char buf[11];

	(void)state;
	assert_int_equal(day_parse("2026-12-08", &d), 0);
	assert_string_equal(day_format(d, buf), "2026-12-08");
	assert_int_equal(day_parse("2024-02-29", &d), 0);
	assert_int_equal(day_parse("2026-02-29", &d), -1);
	assert_int_equal(day_parse("2026-02-30", &d), -1);
	assert_int_equal(day_parse("2026-13-01", &d), -1);
	assert_int_equal(day_parse("2026-1-01", &d), -1);
	assert_int_equal(day_parse("2026-01-01x", &d), -1);
	assert_int_equal(day_parse("", &d), -1);
}

static void test_iso(void **state)
{
	time_t t;
	char buf[21];
	const char *s;

	(void)state;
	s = "2026-12-08T07:30:00Z";
	assert_int_equal(time_parse_iso(s, strlen(s), &t), 0);
	assert_string_equal(time_format_iso(t, buf), s);
	s = "  2026-12-08T09:30:00.250+02:00\n";
	assert_int_equal(time_parse_iso(s, strlen(s), &t), 0);
	assert_string_equal(time_format_iso(t, buf), "2026-12-08T07:30:00Z");
	s = "2026-12-08T25:00:00Z";
	assert_int_equal(time_parse_iso(s, strlen(s), &t), -1);
	s = "2026-12-08";
	assert_int_equal(time_parse_iso(s, strlen(s), &t), -1);
}

static void test_durations(void **state)
{
	long s;
	char buf[32];

	(void)state;
	assert_int_equal(parse_duration("55:00", &s), 0);
	assert_int_equal(s, 3300);
	assert_int_equal(parse_duration("1:02:03", &s), 0);
	assert_int_equal(s, 3723);
	assert_int_equal(parse_duration("45", &s), 0);
	assert_int_equal(s, 2700);
	assert_int_equal(parse_duration("1h30m", &s), 0);
	assert_int_equal(s, 5400);
	assert_int_equal(parse_duration("5:75", &s), -1);
	assert_int_equal(parse_duration("fast", &s), -1);
	assert_int_equal(parse_duration("5:", &s), -1);
	assert_string_equal(format_duration(3723, buf), "1:02:03");
	assert_string_equal(format_duration(45, buf), "0:45");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip), cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_day_parse),	 cmocka_unit_test(test_iso),
		cmocka_unit_test(test_durations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
