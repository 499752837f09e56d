/* Unit tests for the exercise figures: the built-in poses, forward kinematics, rendering, errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "formats/figure.h"
#include "lib/error.h"
#include "lib/strbuf.h"

static const char *const ids[] = {
    "single-leg-toe-tap",
    "single-leg-step-down",
    "single-leg-mini-squat",
    "single-leg-glute-bridge",
    "clamshell",
    "deadlift",
    "squat",
    "half-kneeling-hip-flexor-stretch",
    "figure-4-stretch",
    "knee-hug-stretch",
    "cat-cow",
    "quad-stretch",
    "butterfly-stretch",
    "press-up",
    "hamstring-stretch",
    "lying-hamstring-stretch",
};

#define NIDS (sizeof(ids) / sizeof(ids[0]))

static int setup(void **state)
{
	struct figure_set *set;

	if (figure_set_load_default(&set)) {
		fprintf(stderr, "%s\n", error_last());
		return -1;
	}
	*state = set;
	return 0;
}

static int teardown(void **state)
{
	figure_set_free(*state);
	return 0;
}

static struct figure_set *load(const char *json)
{
	struct figure_set *set = NULL;

	if (figure_set_load(&set, json, strlen(json)))
		return NULL;
	return set;
}

static void test_every_exercise_has_both_poses(void **state)
{
	struct figure_set *set = *state;

	assert_int_equal(figure_set_count(set), NIDS);
	for (size_t i = 0; i < NIDS; i++) {
		struct figure_skeleton a, b;

		assert_true(figure_set_has(set, ids[i]));
		assert_int_equal(figure_skeleton(set, ids[i], FIGURE_START, &a), 0);
		assert_int_equal(figure_skeleton(set, ids[i], FIGURE_END, &b), 0);
		/* The two drawings must differ, or there is no movement to show. */
		assert_true(memcmp(&a, &b, sizeof(a)) != 0);
	}
	assert_false(figure_set_has(set, "no-such-exercise"));
}

/* Every pose stays on or above the floor (the mat lies under y = 0). */
static void test_built_in_poses_rest_on_the_floor(void **state)
{
	struct figure_set *set = *state;

	for (size_t i = 0; i < NIDS; i++) {
		for (int ph = 0; ph < 2; ph++) {
			struct figure_skeleton sk;
			double low = 1;

			assert_int_equal(figure_skeleton(set, ids[i], ph, &sk), 0);
			for (int s = 0; s < 2; s++) {
				low = sk.heel[s].y < low ? sk.heel[s].y : low;
				low = sk.toe[s].y < low ? sk.toe[s].y : low;
				low = sk.knee[s].y < low ? sk.knee[s].y : low;
				low = sk.hand[s].y < low ? sk.hand[s].y : low;
			}
			if (low < 0.012 || low > 0.2)
				fail_msg("%s %s: lowest point at %.3f", ids[i],
					 ph ? "end" : "start", low);
		}
	}
}

static void test_standing_pose_kinematics(void **state)
{
	static const char json[] = "{\"format\": 1, \"figures\": {\"stand\": {"
				   "\"start\": {\"pelvis\": [0, 0.537]},"
				   "\"end\": {\"pelvis\": [0, 0.537], \"trunk\": 90,"
				   " \"near\": {\"hip\": 90, \"knee\": 90}}}}}";
	struct figure_set *set = load(json);
	struct figure_skeleton sk;

	(void)state;
	assert_non_null(set);
	assert_int_equal(figure_skeleton(set, "stand", FIGURE_START, &sk), 0);
	for (int s = 0; s < 2; s++) {
		/* Feet on the floor line: the sole (heel and toe caps) touches y = 0. */
		assert_float_equal(sk.heel[s].y - 0.019, 0.0, 0.003);
		assert_float_equal(sk.toe[s].y - 0.019, 0.0, 0.003);
		assert_true(sk.toe[s].x > sk.heel[s].x); /* facing +x */
		assert_float_equal(sk.knee[s].x, 0.0, 1e-9);
		assert_true(sk.knee[s].y < sk.pelvis.y && sk.knee[s].y > sk.ankle[s].y);
		/* Arms hang beside the trunk. */
		assert_float_equal(sk.hand[s].x, 0.0, 1e-9);
		assert_true(sk.hand[s].y < sk.shoulder[s].y);
	}
	/* Head straight above the pelvis, the figure about one unit tall. */
	assert_float_equal(sk.head.x, sk.pelvis.x, 1e-9);
	assert_true(sk.head.y > sk.neck.y && sk.neck.y > sk.pelvis.y);
	assert_float_equal(sk.head.y + sk.head_radius, 1.0, 0.01);

	/* Trunk tipped forward 90 degrees, hip and knee at 90: the thigh hangs down. */
	assert_int_equal(figure_skeleton(set, "stand", FIGURE_END, &sk), 0);
	assert_float_equal(sk.neck.y, sk.pelvis.y, 1e-9);
	assert_true(sk.neck.x > sk.pelvis.x + 0.2);
	assert_float_equal(sk.knee[0].x, sk.pelvis.x, 1e-9);
	assert_true(sk.knee[0].y < sk.pelvis.y - 0.2);
	/* The knee folds the shank backward, away from the way the figure faces. */
	assert_float_equal(sk.ankle[0].y, sk.knee[0].y, 1e-9);
	assert_true(sk.ankle[0].x < sk.knee[0].x - 0.2);
	figure_set_free(set);
}

/* Reads the width and height from a PNG's IHDR chunk. */
static void png_size(const unsigned char *p, size_t len, unsigned *w, unsigned *h)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

	assert_true(len > 24);
	assert_memory_equal(p, sig, 8);
	assert_memory_equal(p + 12, "IHDR", 4);
	*w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19];
	*h = (unsigned)p[20] << 24 | (unsigned)p[21] << 16 | (unsigned)p[22] << 8 | p[23];
}

static void test_render_png_and_svg_in_memory(void **state)
{
	struct figure_set *set = *state;

	for (size_t i = 0; i < NIDS; i++) {
		struct strbuf png = STRBUF_INIT, svg = STRBUF_INIT;
		unsigned w, h;

		assert_int_equal(figure_render_mem(set, ids[i], "png", 320, 150, 0, &png), 0);
		png_size((const unsigned char *)png.buf, png.len, &w, &h);
		assert_int_equal(w, 320);
		assert_int_equal(h, 150);
		assert_int_equal(figure_render_mem(set, ids[i], "svg", 320, 150, 1, &svg), 0);
		assert_non_null(strstr(svg.buf, "<svg"));
		assert_non_null(strstr(svg.buf, "width=\"320"));
		assert_non_null(strstr(svg.buf, "height=\"150"));
		strbuf_release(&png);
		strbuf_release(&svg);
	}
}

static void test_write_files(void **state)
{
	struct figure_set *set = *state;
	static const char *const ext[] = {"png", "svg", "pdf"};
	char dir[] = "/tmp/hipcoach-figure-XXXXXX";

	assert_non_null(mkdtemp(dir));
	for (size_t k = 0; k < 3; k++) {
		struct strbuf path = STRBUF_INIT, data = STRBUF_INIT;

		strbuf_addf(&path, "%s/squat.%s", dir, ext[k]);
		assert_int_equal(figure_write(set, "squat", path.buf, 400, 200, NULL), 0);
		assert_int_equal(strbuf_read_file(&data, path.buf, 0), 0);
		assert_true(data.len > 100);
		if (k == 0) {
			unsigned w, h;

			png_size((const unsigned char *)data.buf, data.len, &w, &h);
			assert_int_equal(w, 400);
			assert_int_equal(h, 200);
		}
		unlink(path.buf);
		strbuf_release(&path);
		strbuf_release(&data);
	}
	rmdir(dir);
}

static void test_render_errors(void **state)
{
	struct figure_set *set = *state;
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(figure_render_mem(set, "no-such", "png", 100, 50, 0, &sb), -1);
	assert_non_null(strstr(error_last(), "no-such"));
	assert_int_equal(figure_render_mem(set, "squat", "gif", 100, 50, 0, &sb), -1);
	assert_int_equal(figure_render_mem(set, "squat", "png", 0, 50, 0, &sb), -1);
	assert_int_equal(figure_write(set, "squat", "/tmp/x.bmp", 100, 50, NULL), -1);
	assert_non_null(strstr(error_last(), "x.bmp"));
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void expect_error(const char *json, const char *needle1, const char *needle2)
{
	struct figure_set *set = (struct figure_set *)1;

	assert_int_equal(figure_set_load(&set, json, strlen(json)), -1);
	assert_null(set);
	if (!strstr(error_last(), needle1) || (needle2 && !strstr(error_last(), needle2)))
		fail_msg("error '%s' lacks '%s' / '%s'", error_last(), needle1,
			 needle2 ? needle2 : "");
}

static void test_bad_json_names_exercise_and_field(void **state)
{
	(void)state;
	expect_error("{", "line 1", NULL);
	expect_error("[]", "top", NULL);
	expect_error("{\"format\": 2, \"figures\": {}}", "format", NULL);
	expect_error(
	    "{\"format\": 1, \"figures\": {\"clamshell\": {\"start\": {\"pelvis\": [0, 0.1],"
	    " \"near\": {\"knee\": \"bent\"}}, \"end\": {\"pelvis\": [0, 0.1]}}}}",
	    "'clamshell'", "'start.near.knee'");
	expect_error(
	    "{\"format\": 1, \"figures\": {\"squat\": {\"start\": {\"pelvis\": [0, 0.5]}}}}",
	    "'squat'", "'end'");
	expect_error("{\"format\": 1, \"figures\": {\"squat\": {\"start\": {\"pelvis\": [0]},"
		     " \"end\": {\"pelvis\": [0, 0.5]}}}}",
		     "'squat'", "'start.pelvis'");
	expect_error("{\"format\": 1, \"figures\": {\"cat-cow\": {\"start\": {\"pelvis\": [0, 0.3],"
		     " \"spine\": 4}, \"end\": {\"pelvis\": [0, 0.3]}}}}",
		     "'cat-cow'", "'start.spine'");
	expect_error("{\"format\": 1, \"figures\": {\"squat\": {\"start\": {\"pelvis\": [0, 0.5],"
		     " \"near\": {\"hipp\": 3}}, \"end\": {\"pelvis\": [0, 0.5]}}}}",
		     "'squat'", "'start.near.hipp'");
	expect_error("{\"format\": 1, \"figures\": {\"squat\": {\"props\": [{\"type\": \"sofa\"}],"
		     " \"start\": {\"pelvis\": [0, 0.5]}, \"end\": {\"pelvis\": [0, 0.5]}}}}",
		     "'squat'", "'props[0].type'");
	expect_error("{\"format\": 1, \"figures\": {\"squat\": {\"arrow\": {\"joint\": \"nose\"},"
		     " \"start\": {\"pelvis\": [0, 0.5]}, \"end\": {\"pelvis\": [0, 0.5]}}}}",
		     "'squat'", "'arrow.joint'");
	expect_error("{\"format\": 1, \"figures\": {\"squat\": {\"view\": \"top\","
		     " \"start\": {\"pelvis\": [0, 0.5]}, \"end\": {\"pelvis\": [0, 0.5]}}}}",
		     "'squat'", "'view'");
}

static void test_draw_on_any_context(void **state)
{
	struct figure_set *set = *state;
	struct figure_style style;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 300, 300);
	cairo_t *cr = cairo_create(s);
	unsigned char *px;
	int stride, inked = 0;

	figure_style_init(&style, FIGURE_THEME_PRINT);
	style.background.a = 0;
	/* Only the lower half of the surface is drawn into. */
	assert_int_equal(figure_draw(cr, set, "cat-cow", 0, 150, 300, 150, &style), 0);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < 300; y++)
		for (int x = 0; x < 300; x++)
			if (px[y * stride + x * 4 + 3]) {
				assert_true(y >= 150);
				inked++;
			}
	assert_true(inked > 1000);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* Pixels of exactly `c` in the light theme's colours (no antialiasing at the centre of a shape). */
static int count_colour(cairo_surface_t *s, struct figure_rgba c)
{
	unsigned char *px;
	int stride, n = 0, w, h;
	unsigned r = (unsigned)(c.r * 255 + 0.5), g = (unsigned)(c.g * 255 + 0.5),
		 b = (unsigned)(c.b * 255 + 0.5);

	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v = *(uint32_t *)(px + y * stride + x * 4);

			n += ((v >> 16) & 0xff) == r && ((v >> 8) & 0xff) == g && (v & 0xff) == b;
		}
	return n;
}

/* Stacked, the end pose is drawn under the start pose: ink near the top and near the bottom. */
static void test_draw_stacked(void **state)
{
	struct figure_set *set = *state;
	struct figure_style style;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 200, 240);
	cairo_t *cr = cairo_create(s);
	unsigned char *px;
	int stride, top = 0, bottom = 0;

	figure_style_init(&style, FIGURE_THEME_PRINT);
	style.background.a = 0;
	style.stacked = 1;
	assert_int_equal(figure_draw(cr, set, "press-up", 0, 0, 200, 240, &style), 0);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < 240; y++)
		for (int x = 0; x < 200; x++)
			if (px[y * stride + x * 4 + 3] && (y < 90 || y >= 150))
				*(y < 90 ? &top : &bottom) += 1;
	/* Side by side, the poses would sit in a band across the middle. */
	assert_true(top > 500 && bottom > 500);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/*
 * Held, the end pose alone fills the box: a standing stretch drawn held in a
 * narrow box is larger than its two poses side by side in the same box.
 */
static void test_draw_held(void **state)
{
	struct figure_set *set = *state;
	struct figure_style style;
	double side = figure_scale(set, "half-kneeling-hip-flexor-stretch", 200, 200, FIGURE_SIDE);
	double held = figure_scale(set, "half-kneeling-hip-flexor-stretch", 200, 200, FIGURE_HELD);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 200, 200);
	cairo_t *cr = cairo_create(s);

	assert_true(side > 0 && held > 1.5 * side);
	figure_style_init(&style, FIGURE_THEME_PRINT);
	style.background.a = 0;
	style.held = 1;
	assert_int_equal(figure_draw(cr, set, "half-kneeling-hip-flexor-stretch", 0, 0, 200, 200, &style),
			 0);
	assert_true(count_colour(s, style.accent) > 500);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* A figure that holds dumbbells shows them by default, and not with style.dumbbells = 0. */
static void test_dumbbells_can_be_left_out(void **state)
{
	struct figure_set *set = *state;
	struct figure_style style;

	figure_style_init(&style, FIGURE_THEME_LIGHT);
	assert_int_equal(style.dumbbells, 1);
	for (int with = 1; with >= 0; with--) {
		cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 480, 240);
		cairo_t *cr = cairo_create(s);

		style.dumbbells = with;
		assert_int_equal(figure_draw(cr, set, "deadlift", 0, 0, 480, 240, &style), 0);
		if (with)
			assert_true(count_colour(s, style.weight) > 50);
		else
			assert_int_equal(count_colour(s, style.weight), 0);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
}

/* figure_fit(): the box that draws a figure at a chosen scale, or as large as the width allows. */
static void test_fit_scale(void **state)
{
	struct figure_set *set = *state;
	double h, margin, tall, s;

	/* A standing figure is 1.0 tall: at 124 points a body unit, about 124 points plus margins.
	 */
	s = figure_fit(set, "squat", 260, 124, 0, &h, &margin);
	assert_true(s > 123.9 && s < 124.1);
	tall = h - 2 * margin;
	assert_true(tall > 120 && tall < 130);
	/* Lying figures are wide: the width limits them below the scale asked for. */
	s = figure_fit(set, "quad-stretch", 260, 124, 0, &h, &margin);
	assert_true(s > 50 && s < 124);
	assert_true(h > 0 && h < tall);
	/* One pose above the other, the same width holds them at the scale asked for. */
	assert_true(figure_fit(set, "quad-stretch", 260, 124, 1, &h, &margin) > 123.9);
	assert_true(h > 2 * 0.3 * 124);
	/* Held, the end pose alone: the same width holds it at that scale, and no higher. */
	assert_true(figure_fit(set, "quad-stretch", 260, 124, FIGURE_HELD, &h, &margin) > 123.9);
	assert_true(h - 2 * margin < 0.5 * 124);
	/* Without a cap, the largest the width allows; unknown ids give 0. */
	assert_true(figure_fit(set, "squat", 260, 0, 0, &h, NULL) > 124);
	assert_true(figure_fit(set, "no-such", 260, 124, 0, &h, &margin) == 0);
	assert_true(h == 0 && margin == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_exercise_has_both_poses),
	    cmocka_unit_test(test_built_in_poses_rest_on_the_floor),
	    cmocka_unit_test(test_standing_pose_kinematics),
	    cmocka_unit_test(test_render_png_and_svg_in_memory),
	    cmocka_unit_test(test_write_files),
	    cmocka_unit_test(test_render_errors),
	    cmocka_unit_test(test_bad_json_names_exercise_and_field),
	    cmocka_unit_test(test_draw_on_any_context),
	    cmocka_unit_test(test_dumbbells_can_be_left_out),
	    cmocka_unit_test(test_fit_scale),
	    cmocka_unit_test(test_draw_stacked),
	    cmocka_unit_test(test_draw_held),
	};

	error_quiet(1);
	return cmocka_run_group_tests(tests, setup, teardown);
}
