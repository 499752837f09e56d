/* Tests of the GPX reader and the track maths against files with totals known by construction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/activity.h"
#include "formats/geo.h"
#include "formats/gpx.h"
#include "lib/error.h"
#include "lib/strbuf.h"

#define T0 1665098360 /* 2022-10-06T23:19:20Z */

static void read_data(const char *path, struct strbuf *sb)
{
	if (strbuf_read_file(sb, path, 0))
		fail_msg("cannot read %s", path);
}

static int read_gpx(const char *path, struct activity_list *l)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	read_data(path, &sb);
	ret = gpx_read(sb.buf, sb.len, l);
	strbuf_release(&sb);
	return ret;
}

static void test_haversine(void **state)
{
	(void)state;
	/* One degree of latitude on the mean sphere: R * pi / 180. */
	assert_float_equal(geo_haversine(45, 6, 46, 6), 111195.08, 0.01);
	/* Paris to London, a classic: about 343.5 km. */
	assert_float_equal(geo_haversine(48.8566, 2.3522, 51.5074, -0.1278) / 1000, 343.5, 1.0);
	assert_float_equal(geo_haversine(10, 20, 10, 20), 0, 1e-9);
}

static void test_strava_whitespace_and_totals(void **state)
{
	struct activity_list l;
	struct activity *a;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(read_gpx("tests/data/run-strava.gpx", &l), 0);
	assert_int_equal(l.nr, 1);
	a = &l.items[0];
	assert_string_equal(a->sport, "running"); /* <type>9</type> */
	assert_int_equal(a->start, T0);
	assert_float_equal(a->elapsed_s, 300, 0.01);
	assert_float_equal(a->distance_m, 900, 0.5);
	assert_float_equal(a->moving_s, 300, 0.01);
	assert_float_equal(a->ascent_m, 30.8, 0.01);
	assert_int_equal(a->avg_hr, 135);
	assert_int_equal(a->max_hr, 150);
	activity_list_release(&l);
}

static void test_stop_glitch_and_namespace(void **state)
{
	struct activity_list l;
	struct activity *a;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(read_gpx("tests/data/run-stop.gpx", &l), 0);
	assert_int_equal(l.nr, 1);
	a = &l.items[0];
	assert_string_equal(a->sport, "running");
	assert_float_equal(a->elapsed_s, 300, 0.01);
	/* 720 m in 240 s; the jitter of the stop adds nothing, the 1 km glitch is dropped. */
	assert_float_equal(a->distance_m, 720, 1.0);
	assert_float_equal(a->moving_s, 240, 1.0);
	/* ns3 is bound to TrackPointExtension/v2; "gpxtpx" to another namespace (its 200 is not
	 * hr). */
	assert_int_equal(a->avg_hr, 140);
	assert_int_equal(a->max_hr, 150);
	assert_float_equal(a->ascent_m, -1, 0); /* no <ele>: unknown */
	activity_list_release(&l);
}

static void test_two_tracks(void **state)
{
	struct activity_list l;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(read_gpx("tests/data/two-tracks.gpx", &l), 0);
	/* The untimed planned track is not an activity. */
	assert_int_equal(l.nr, 2);
	assert_string_equal(l.items[0].sport, "other");
	assert_float_equal(l.items[0].distance_m, 60, 0.1);
	assert_float_equal(l.items[0].elapsed_s, 40, 0.01);
	assert_string_equal(l.items[1].sport, "cycling");
	assert_float_equal(l.items[1].distance_m, 80, 0.1);
	assert_int_equal(l.items[1].start, T0 + 3600);
	assert_int_equal(l.items[1].avg_hr, 0);
	activity_list_release(&l);
}

static void test_damaged(void **state)
{
	struct activity_list l;
	static const char *bad[] = {
	    "",
	    "not xml at all",
	    "<?xml version=\"1.0\"?><gpx><trk><trkseg><trkpt lat=\"1\" "
	    "lon=\"2\"><time>2020-01-01T00:00:00Z",
	    "<!DOCTYPE gpx [<!ENTITY a \"aaaaaaaaaa\">]><gpx>&a;</gpx>",
	    "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>", /* no times */
	};

	(void)state;
	activity_list_init(&l);
	assert_int_equal(read_gpx("tests/data/damaged.gpx", &l), -1);
	/* The error points at the end tag's name, just after "</". */
	assert_string_equal(error_last(), "line 5, column 66: mismatched tag");
	assert_int_equal(l.nr, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(gpx_read(bad[i], strlen(bad[i]), &l), -1);
		assert_int_equal(l.nr, 0);
	}
	assert_string_equal(error_last(), "no recorded track (no track point with a time)");
	/* A failure leaves what earlier files appended. */
	assert_int_equal(read_gpx("tests/data/run-strava.gpx", &l), 0);
	assert_int_equal(read_gpx("tests/data/damaged.gpx", &l), -1);
	assert_int_equal(l.nr, 1);
	activity_list_release(&l);
}

static void test_bom_and_lines(void **state)
{
	/* A BOM then blank lines: the error's line counts them too. */
	const char doc[] = "\xEF\xBB\xBF\n\n<?xml version=\"1.0\"?>\n<gpx>\n<trk></gpx>";
	struct activity_list l;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(gpx_read(doc, sizeof(doc) - 1, &l), -1);
	assert_string_equal(error_last(), "line 5, column 8: mismatched tag");
	activity_list_release(&l);
}

/* The 65th track of a file is refused, at its end tag, and the file with it. */
static void test_track_limit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct activity_list l;
	const char *p;
	char want[80];
	int i;

	(void)state;
	strbuf_addstr(&sb, "<gpx xmlns='http://www.topografix.com/GPX/1/1'>");
	for (i = 0; i < 65; i++)
		strbuf_addf(
		    &sb,
		    "<trk><trkseg><trkpt lat='45' lon='6'><time>2022-10-%02dT08:00:00Z</time>"
		    "</trkpt><trkpt lat='45.001' lon='6'><time>2022-10-%02dT08:01:00Z</time>"
		    "</trkpt></trkseg></trk>",
		    i % 28 + 1, i % 28 + 1);
	strbuf_addstr(&sb, "</gpx>");
	for (p = sb.buf, i = 0; i < 65; i++)
		p = strstr(p, "</trk>") + (i < 64);
	snprintf(want, sizeof(want), "line 1, column %d: more than 64 tracks in one file",
		 (int)(p - sb.buf) + 1);
	activity_list_init(&l);
	assert_int_equal(gpx_read(sb.buf, sb.len, &l), -1);
	assert_string_equal(error_last(), want);
	assert_int_equal(l.nr, 0);
	activity_list_release(&l);
	strbuf_release(&sb);
}

static void test_sport_names(void **state)
{
	(void)state;
	assert_string_equal(gpx_sport("9"), "running");
	assert_string_equal(gpx_sport(" 1 "), "cycling");
	assert_string_equal(gpx_sport("running"), "running");
	assert_string_equal(gpx_sport("trail_running"), "trail_running");
	assert_string_equal(gpx_sport("road_biking"), "cycling");
	assert_string_equal(gpx_sport("Run"), "running");
	assert_string_equal(gpx_sport(""), "other");
	assert_string_equal(gpx_sport("12345"), "other");
}

/* Runs a shell command line; 0 when it succeeded. */
static int run(const char *cmd)
{
	return system(cmd) != 0;
}

/* Sums every Lap's DistanceMeters of a TCX written by gpsbabel (its own sum of the points). */
static double babel_distance(const char *tcx_path)
{
	struct strbuf tcx = STRBUF_INIT;
	double sum = 0;
	const char *p;

	read_data(tcx_path, &tcx);
	for (p = tcx.buf; (p = strstr(p, "<Lap")); p++) {
		const char *d = strstr(p, "<DistanceMeters>");

		assert_non_null(d);
		sum += strtod(d + 16, NULL);
	}
	strbuf_release(&tcx);
	return sum;
}

static int have_gpsbabel(void)
{
	if (run("command -v gpsbabel >/dev/null 2>&1")) {
		printf("# skipped: gpsbabel is not installed\n");
		return 0;
	}
	mkdir("build", 0777);
	mkdir("build/testdata", 0777);
	return 1;
}

/* gpsbabel, an independent reader, measures our clean synthetic run within 1%. */
static void test_gpsbabel_synthetic(void **state)
{
	struct activity_list l;
	double peer;

	(void)state;
	if (!have_gpsbabel())
		skip();
	/* gpsbabel itself refuses Strava's leading whitespace: give it a trimmed copy. */
	assert_int_equal(
	    run("sed '/^ *$/d' tests/data/run-strava.gpx > build/testdata/run-strava.gpx"
		" && gpsbabel -i gpx -f build/testdata/run-strava.gpx -o gtrnctr"
		" -F build/testdata/run-strava-babel.tcx"),
	    0);
	peer = babel_distance("build/testdata/run-strava-babel.tcx");
	activity_list_init(&l);
	assert_int_equal(read_gpx("tests/data/run-strava.gpx", &l), 0);
	assert_true(fabs(l.items[0].distance_m - peer) / peer < 0.01);
	activity_list_release(&l);
}

/*
 * A real run: gpsbabel converts fit-benchmarks' sample.fit (a one-hour
 * run, device distance 9,399.93 m) to GPX, and its TCX writer sums the same
 * points raw. Summed 1 Hz points read long from lateral jitter, so our
 * filtered distance must fall between the device's total and gpsbabel's
 * raw sum, within 1% of either end.
 */
static void test_gpsbabel_real_run(void **state)
{
	const char *fit = "../shared/testdata/fit-benchmarks/sample.fit";
	const double device = 9399.93;
	struct activity_list l;
	double peer, ours;

	(void)state;
	if (access(fit, R_OK)) {
		printf("# skipped: %s is absent\n", fit);
		skip();
	}
	if (!have_gpsbabel())
		skip();
	assert_int_equal(
	    run("gpsbabel -i garmin_fit -f ../shared/testdata/fit-benchmarks/sample.fit"
		" -o gpx,gpxver=1.1,garminextensions -F build/testdata/sample.gpx && gpsbabel -i "
		"gpx -f "
		"build/testdata/sample.gpx -o gtrnctr -F build/testdata/sample-babel.tcx"),
	    0);
	peer = babel_distance("build/testdata/sample-babel.tcx");
	activity_list_init(&l);
	assert_int_equal(read_gpx("build/testdata/sample.gpx", &l), 0);
	assert_int_equal(l.nr, 1);
	ours = l.items[0].distance_m;
	printf("# sample.fit via gpsbabel: ours %.1f m, gpsbabel raw %.1f m, device %.2f m;"
	       " moving %.0f s of %.0f s\n",
	       ours, peer, device, l.items[0].moving_s, l.items[0].elapsed_s);
	assert_true(peer > 9000);
	assert_true(ours <= peer * 1.01);
	assert_true(ours >= device * 0.99);
	assert_true(l.items[0].moving_s <= l.items[0].elapsed_s);
	assert_true(l.items[0].moving_s > 0.8 * l.items[0].elapsed_s);
	assert_true(l.items[0].avg_hr > 60 && l.items[0].avg_hr < 220);
	activity_list_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_haversine),
	    cmocka_unit_test(test_strava_whitespace_and_totals),
	    cmocka_unit_test(test_stop_glitch_and_namespace),
	    cmocka_unit_test(test_two_tracks),
	    cmocka_unit_test(test_damaged),
	    cmocka_unit_test(test_bom_and_lines),
	    cmocka_unit_test(test_track_limit),
	    cmocka_unit_test(test_sport_names),
	    cmocka_unit_test(test_gpsbabel_synthetic),
	    cmocka_unit_test(test_gpsbabel_real_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
