/* Tests of the TCX reader: lap totals, treadmill distance, namespaces and damaged files. */
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
#include "formats/tcx.h"
#include "lib/error.h"
#include "lib/strbuf.h"

#define T0 1665098360 /* 2022-10-06T23:19:20Z */

static int read_tcx(const char *path, struct activity_list *l)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, path, 0))
		fail_msg("cannot read %s", path);
	ret = tcx_read(sb.buf, sb.len, l);
	strbuf_release(&sb);
	return ret;
}

static void test_laps(void **state)
{
	struct activity_list l;
	struct activity *a;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(read_tcx("tests/data/run-laps.tcx", &l), 0);
	assert_int_equal(l.nr, 1);
	a = &l.items[0];
	assert_string_equal(a->sport, "running");
	assert_int_equal(a->start, T0);
	/* The device's lap distances (1000 + 800), not the 1760 m of points. */
	assert_float_equal(a->distance_m, 1800, 0.01);
	assert_float_equal(a->moving_s, 550, 0.01);
	assert_float_equal(a->elapsed_s, 550, 0.01);
	assert_float_equal(a->ascent_m, 55, 0.01);
	/* (140 * 300 + 150 * 250) / 550 = 144.55 */
	assert_int_equal(a->avg_hr, 145);
	assert_int_equal(a->max_hr, 170);
	activity_list_release(&l);
}

static void test_treadmill_and_prefix(void **state)
{
	struct activity_list l;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(read_tcx("tests/data/treadmill.tcx", &l), 0);
	assert_int_equal(l.nr, 2);
	/* No positions, no lap distance: the last Trackpoint/DistanceMeters. */
	assert_string_equal(l.items[0].sport, "running");
	assert_float_equal(l.items[0].distance_m, 3000, 0.01);
	assert_float_equal(l.items[0].moving_s, 1200, 0.01);
	assert_float_equal(l.items[0].elapsed_s, 1200, 0.01);
	assert_int_equal(l.items[0].max_hr, 150);
	assert_int_equal(l.items[0].avg_hr, 145); /* mean of 140..150 by minute */
	assert_float_equal(l.items[0].ascent_m, -1, 0);
	/* A lap without points still makes an activity. */
	assert_string_equal(l.items[1].sport, "cycling");
	assert_int_equal(l.items[1].start, T0 + 86400);
	assert_float_equal(l.items[1].distance_m, 4000, 0.01);
	assert_float_equal(l.items[1].moving_s, 600, 0.01);
	assert_float_equal(l.items[1].elapsed_s, 600, 0.01);
	activity_list_release(&l);
}

static void test_other_namespace_ignored(void **state)
{
	/* Same local names in a foreign namespace are not TCX. */
	const char doc[] = "<TrainingCenterDatabase xmlns=\"http://example.com/x\"><Activities>"
			   "<Activity Sport=\"Running\"><Id>2022-10-06T23:19:20Z</Id></Activity>"
			   "</Activities></TrainingCenterDatabase>";
	const char other[] = " \n<?xml version=\"1.0\"?><TrainingCenterDatabase><Activities>"
			     "<Activity Sport=\"Other\"><Id>2022-10-06T23:19:20Z</Id></Activity>"
			     "</Activities></TrainingCenterDatabase>";
	struct activity_list l;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(tcx_read(doc, sizeof(doc) - 1, &l), -1);
	assert_string_equal(error_last(), "no activity in TCX file");
	/* No namespace at all is accepted, as is leading whitespace. */
	assert_int_equal(tcx_read(other, sizeof(other) - 1, &l), 0);
	assert_int_equal(l.nr, 1);
	assert_string_equal(l.items[0].sport, "other");
	assert_int_equal(l.items[0].start, T0);
	assert_float_equal(l.items[0].distance_m, -1, 0);
	activity_list_release(&l);
}

static void test_damaged(void **state)
{
	struct activity_list l;

	(void)state;
	activity_list_init(&l);
	assert_int_equal(read_tcx("tests/data/damaged.tcx", &l), -1);
	assert_non_null(strstr(error_last(), "unclosed token"));
	assert_int_equal(strncmp(error_last(), "line 20, column ", 16), 0);
	assert_int_equal(l.nr, 0);
	assert_int_equal(tcx_read("", 0, &l), -1);
	assert_int_equal(tcx_read("<a>", 3, &l), -1);
	activity_list_release(&l);
}

/*
 * gpsbabel as a peer: it rewrites run-laps.tcx as one lap whose distance
 * is its own sum of the points. Without any DistanceMeters (sed strips
 * them) we fall back to our own sum of the points, which must agree
 * within 1%; and we read gpsbabel's file as it wrote it.
 */
static void test_gpsbabel_peer(void **state)
{
	struct activity_list l;
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	double peer;

	(void)state;
	if (system("command -v gpsbabel >/dev/null 2>&1")) {
		printf("# skipped: gpsbabel is not installed\n");
		skip();
	}
	mkdir("build", 0777);
	mkdir("build/testdata", 0777);
	assert_int_equal(
	    system("gpsbabel -i gtrnctr -f tests/data/run-laps.tcx"
		   " -o gtrnctr,course=0,sport=Running -F build/testdata/run-laps-babel.tcx"
		   " && sed 's|<DistanceMeters>[^<]*</DistanceMeters>||g' tests/data/run-laps.tcx"
		   " > build/testdata/run-laps-nodist.tcx"),
	    0);
	if (strbuf_read_file(&sb, "build/testdata/run-laps-babel.tcx", 0))
		fail();
	p = strstr(sb.buf, "<DistanceMeters>");
	assert_non_null(p);
	peer = strtod(p + 16, NULL);
	strbuf_release(&sb);
	assert_true(peer > 1700);

	activity_list_init(&l);
	assert_int_equal(read_tcx("build/testdata/run-laps-babel.tcx", &l), 0);
	assert_int_equal(l.nr, 1);
	assert_int_equal(l.items[0].start, T0);
	assert_float_equal(l.items[0].elapsed_s, 550, 0.01);
	assert_float_equal(l.items[0].distance_m, peer, 0.01);
	assert_int_equal(read_tcx("build/testdata/run-laps-nodist.tcx", &l), 0);
	assert_int_equal(l.nr, 2);
	printf("# run-laps.tcx points: ours %.2f m, gpsbabel %.2f m\n", l.items[1].distance_m,
	       peer);
	assert_true(fabs(l.items[1].distance_m - peer) / peer < 0.01);
	assert_float_equal(l.items[1].moving_s, 550, 0.01);
	activity_list_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_laps),
	    cmocka_unit_test(test_treadmill_and_prefix),
	    cmocka_unit_test(test_other_namespace_ignored),
	    cmocka_unit_test(test_damaged),
	    cmocka_unit_test(test_gpsbabel_peer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
