/* Tests of the one-page report: formats chosen by file name, the bytes of each format, a page with
 * more advice than fits, empty charts, and a failed write that leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/advice.h"
#include "formats/chart.h"
#include "formats/report.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/strbuf.h"

#define NWEEKS 14

struct fixture {
	struct pain_week weeks[NWEEKS];
	struct advice_list advice;
	struct load_report load;
	struct report_input in;
};

/* Fourteen weeks ending with the one of 8 December 2026, pain falling, four sessions of six done.
 */
static void fixture_init(struct fixture *f, size_t nadvice)
{
	day_t monday = day_week_start(day_from_civil(2026, 12, 8)) - 7 * (NWEEKS - 1);

	memset(f, 0, sizeof(*f));
	for (int i = 0; i < NWEEKS; i++)
		f->weeks[i] = (struct pain_week){
		    .monday = monday + 7 * i,
		    .during = i % 3 ? 6 - i * 0.3 : -1,
		    .after = 5 - i * 0.2,
		    .morning = -1,
		    .max = -1,
		    .planned = 6,
		    .done = 4,
		};
	advice_list_init(&f->advice);
	for (size_t i = 0; i < nadvice; i++)
		advice_add(&f->advice, i ? ADVICE_STEP_BACK : ADVICE_SEE_PT, "SAFETY.md §4",
			   "Advice number %zu, long enough to wrap over more than one line of the "
			   "panel on the right of the page.",
			   i + 1);
	for (int i = 0; i < LOAD_WEEKS; i++) {
		f->load.weeks[i].monday = monday + 7 * (NWEEKS - LOAD_WEEKS + i);
		f->load.weeks[i].distance_m = 20000 + 1000 * i;
	}
	f->load.nruns = 30;
	f->in = (struct report_input){
	    .today = day_from_civil(2026, 12, 8),
	    .start = monday,
	    .level = 1,
	    .weeks = f->weeks,
	    .nweeks = NWEEKS,
	    .advice = &f->advice,
	    .load = &f->load,
	    .name = "Sam",
	};
}

static void test_report_format_from_path(void **state)
{
	enum report_format fmt;

	(void)state;
	assert_int_equal(report_format_from_path("r.pdf", &fmt), 0);
	assert_int_equal(fmt, REPORT_PDF);
	assert_int_equal(report_format_from_path("dir/R.PNG", &fmt), 0);
	assert_int_equal(fmt, REPORT_PNG);
	assert_int_equal(report_format_from_path("chart.svg", &fmt), 0);
	assert_int_equal(fmt, REPORT_SVG);
	assert_int_equal(report_format_from_path(".png", &fmt), -1);
	assert_int_equal(report_format_from_path("chart.jpg", &fmt), -1);
	assert_string_equal(error_last(),
			    "'chart.jpg': the file name must end in .pdf, .png or .svg");
}

/* Big-endian 32 bits of a PNG header field. */
static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

static void test_report_render_formats(void **state)
{
	struct fixture f;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	fixture_init(&f, 2);
	assert_int_equal(report_render(&f.in, REPORT_PNG, &out), 0);
	assert_true(out.len > 24);
	assert_memory_equal(out.buf, "\x89PNG\r\n\x1a\n", 8);
	assert_int_equal(be32((const unsigned char *)out.buf + 16), 1684);
	assert_int_equal(be32((const unsigned char *)out.buf + 20), 1190);

	strbuf_reset(&out);
	assert_int_equal(report_render(&f.in, REPORT_SVG, &out), 0);
	assert_non_null(strstr(out.buf, "<svg"));
	assert_non_null(strstr(out.buf, "width=\"842\""));

	strbuf_reset(&out);
	assert_int_equal(report_render(&f.in, REPORT_PDF, &out), 0);
	assert_memory_equal(out.buf, "%PDF", 4);
	assert_non_null(memmem(out.buf, out.len, "/MediaBox [ 0 0 842 595 ]", 25));
	strbuf_release(&out);
	advice_list_release(&f.advice);
}

/* The same page twice is the same pixels: nothing depends on the run. (SVG and PDF number their
 * glyphs and surfaces across the process, so only a new process repeats their bytes.) */
static void test_report_render_repeatable(void **state)
{
	struct fixture f;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	(void)state;
	fixture_init(&f, 3);
	assert_int_equal(report_render(&f.in, REPORT_PNG, &a), 0);
	assert_int_equal(report_render(&f.in, REPORT_PNG, &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	strbuf_release(&a);
	strbuf_release(&b);
	advice_list_release(&f.advice);
}

/* More advice than the panel holds, no runs, no name, one week: still one page. */
static void test_report_render_edges(void **state)
{
	struct fixture f;
	struct strbuf out = STRBUF_INIT, few = STRBUF_INIT;

	(void)state;
	fixture_init(&f, 40);
	f.in.load = NULL;
	f.in.name = NULL;
	assert_int_equal(report_render(&f.in, REPORT_SVG, &out), 0);
	f.in.weeks = f.weeks + NWEEKS - 1;
	f.in.nweeks = 1;
	f.in.start = f.in.today + 7; /* not started yet: week 0 */
	assert_int_equal(report_render(&f.in, REPORT_SVG, &few), 0);
	assert_true(few.len < out.len);
	strbuf_release(&out);
	strbuf_release(&few);
	advice_list_release(&f.advice);

	fixture_init(&f, 1);
	f.in.nweeks = 0;
	assert_int_equal(report_render(&f.in, REPORT_PNG, &out), -1);
	assert_string_equal(error_last(), "cannot draw the report: no weeks to show");
	f.in.nweeks = NWEEKS;
	f.in.level = 3;
	assert_int_equal(report_render(&f.in, REPORT_PNG, &out), -1);
	strbuf_release(&out);
	advice_list_release(&f.advice);
}

/* The charts on their own with no weeks draw their frame and the "nothing yet" line. */
static void test_chart_no_weeks(void **state)
{
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
	cairo_t *cr = cairo_create(surface);
	struct chart_axis ax;

	(void)state;
	chart_axis_init(&ax, day_from_civil(2026, 12, 7), 1, 0, 400);
	chart_pain_weeks(cr, &ax, 0, 150, NULL, 0);
	chart_adherence_weeks(cr, &ax, 150, 150, NULL, 0);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	assert_true(chart_text_height(cr, 100, "Sans 8", "one two three four five six seven") >
		    chart_text_height(cr, 0, "Sans 8", "one"));
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
}

/* One axis for every chart: a week sits at the centre of its slot, whatever day names it. */
static void test_chart_axis(void **state)
{
	struct chart_axis ax;
	day_t first = day_from_civil(2026, 11, 16);
	double x, y;

	(void)state;
	/* Charts 470 wide from 36: the slots lie between the scale on the left and the labels. */
	chart_axis_init(&ax, first + 2, 4, 36, 470);
	assert_int_equal(ax.first, first);
	assert_int_equal(ax.n, 4);
	assert_true(ax.x0 == 36 + CHART_AXIS_LEFT && ax.x1 == 36 + 470 - CHART_AXIS_RIGHT);
	assert_int_equal(chart_axis_x(&ax, first, &x), 1);
	assert_true(fabs(x - (ax.x0 + chart_axis_slot(&ax) / 2)) < 1e-9);
	assert_int_equal(chart_axis_x(&ax, first + 6, &y), 1);
	assert_true(x == y);
	assert_int_equal(chart_axis_x(&ax, first + 3 * 7 + 4, &x), 1);
	assert_true(fabs(x - (ax.x1 - chart_axis_slot(&ax) / 2)) < 1e-9);
	assert_int_equal(chart_axis_x(&ax, first - 1, &x), 0);
	assert_int_equal(chart_axis_x(&ax, first + 4 * 7, &x), 0);
}

static void test_report_write(void **state)
{
	struct fixture f;
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, file = STRBUF_INIT, mem = STRBUF_INIT;

	(void)state;
	fixture_init(&f, 2);
	assert_int_equal(temp_dir_make(&dir), 0);
	strbuf_addf(&path, "%s/report.png", dir.buf);
	assert_int_equal(report_write(&f.in, path.buf, REPORT_PNG), 0);
	assert_int_equal(strbuf_read_file(&file, path.buf, 0), 0);
	assert_int_equal(report_render(&f.in, REPORT_PNG, &mem), 0);
	assert_int_equal(file.len, mem.len);
	assert_memory_equal(file.buf, mem.buf, mem.len);
	assert_int_equal(unlink(path.buf), 0);
	assert_int_equal(rmdir(dir.buf), 0);

	assert_int_equal(report_write(&f.in, "/nonexistent-dir/r.pdf", REPORT_PDF), -1);
	assert_string_equal(error_last(),
			    "cannot write '/nonexistent-dir/r.pdf': No such file or directory");
	assert_int_equal(access("/nonexistent-dir/r.pdf.tmp", F_OK), -1);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&file);
	strbuf_release(&mem);
	advice_list_release(&f.advice);
}

/* Pango and cairo keep their font caches for the process; free them so the leak check sees ours. */
static int teardown(void **state)
{
	(void)state;
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	return 0;
}

/* Fontconfig's configuration lives until exit by design (only FcFini() frees it). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report_format_from_path),
	    cmocka_unit_test(test_report_render_formats),
	    cmocka_unit_test(test_report_render_repeatable),
	    cmocka_unit_test(test_report_render_edges),
	    cmocka_unit_test(test_chart_no_weeks),
	    cmocka_unit_test(test_chart_axis),
	    cmocka_unit_test(test_report_write),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
