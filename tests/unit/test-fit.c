/* Tests of the FIT reader against real device files, their expected records, and hand-made buffers.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/activity.h"
#include "formats/fit.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define TESTDATA "../shared/testdata"

/* Reads a shared test file, or skips the test saying which file is missing. */
static void read_testfile(const char *rel, struct strbuf *sb)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", TESTDATA, rel);
	if (strbuf_read_file(sb, path, 0) < 0) {
		fprintf(stderr, "skipped: %s not found (shared test data absent)\n", path);
		skip();
	}
}

static time_t utc(const char *iso)
{
	time_t t;

	assert_int_equal(time_parse_iso(iso, strlen(iso), &t), 0);
	return t;
}

/* Records, sessions and files as fit_decode() delivers them. */
struct collected {
	struct fit_record *rec;
	size_t nr_rec, alloc_rec;
	struct fit_session *ses;
	size_t nr_ses, alloc_ses;
	struct fit_file files[8];
	size_t nr_files;
};

static void collect_record(void *ctx, const struct fit_record *r)
{
	struct collected *c = ctx;

	ALLOC_GROW(c->rec, c->nr_rec + 1, c->alloc_rec);
	c->rec[c->nr_rec++] = *r;
}

static void collect_session(void *ctx, const struct fit_session *s)
{
	struct collected *c = ctx;

	ALLOC_GROW(c->ses, c->nr_ses + 1, c->alloc_ses);
	c->ses[c->nr_ses++] = *s;
}

static void collect_file(void *ctx, const struct fit_file *f)
{
	struct collected *c = ctx;

	if (c->nr_files < ARRAY_SIZE(c->files))
		c->files[c->nr_files] = *f;
	c->nr_files++;
}

static const struct fit_callbacks collect_cb = {
    .record = collect_record,
    .session = collect_session,
    .file_end = collect_file,
};

static int collect(const void *data, size_t len, struct collected *c)
{
	memset(c, 0, sizeof(*c));
	return fit_decode(data, len, &collect_cb, c);
}

static void collected_release(struct collected *c)
{
	free(c->rec);
	free(c->ses);
}

/* ---- CRC ---- */

/* FIT's own definition: two nibble steps per byte (FORMATS.md). */
static uint16_t crc_nibble(uint16_t crc, const unsigned char *p, size_t len)
{
	static const uint16_t t[16] = {0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00,
				       0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401,
				       0x5000, 0x9C01, 0x8801, 0x4400};

	while (len--) {
		uint16_t tmp = t[crc & 0xF];

		crc = (crc >> 4) & 0x0FFF;
		crc = crc ^ tmp ^ t[*p & 0xF];
		tmp = t[crc & 0xF];
		crc = (crc >> 4) & 0x0FFF;
		crc = crc ^ tmp ^ t[(*p >> 4) & 0xF];
		p++;
	}
	return crc;
}

static void test_crc_matches_nibble_definition(void **state)
{
	unsigned char buf[700];
	uint32_t x = 12345;

	(void)state;
	/* The catalogue check value of CRC-16/ARC. */
	assert_int_equal(fit_crc16(0, "123456789", 9), 0xBB3D);
	for (size_t i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245 + 12345;
		buf[i] = (unsigned char)(x >> 16);
	}
	/* Every length and alignment around the 8-byte stride, and every byte value. */
	for (size_t off = 0; off < 9; off++)
		for (size_t len = 0; len + off <= 100; len++)
			assert_int_equal(fit_crc16(0, buf + off, len),
					 crc_nibble(0, buf + off, len));
	for (unsigned b = 0; b < 256; b++) {
		unsigned char c = (unsigned char)b;

		assert_int_equal(fit_crc16(0x1234, &c, 1), crc_nibble(0x1234, &c, 1));
	}
	assert_int_equal(fit_crc16(fit_crc16(0, buf, 333), buf + 333, 367),
			 crc_nibble(0, buf, sizeof(buf)));
}

/* ---- hand-made FIT files ---- */

static void put8(struct strbuf *sb, unsigned v)
{
	strbuf_addch(sb, (int)(v & 0xff));
}

static void put16(struct strbuf *sb, unsigned v, int big)
{
	if (big) {
		put8(sb, v >> 8);
		put8(sb, v);
	} else {
		put8(sb, v);
		put8(sb, v >> 8);
	}
}

static void put32(struct strbuf *sb, uint32_t v, int big)
{
	if (big) {
		put16(sb, v >> 16, 1);
		put16(sb, v & 0xffff, 1);
	} else {
		put16(sb, v & 0xffff, 0);
		put16(sb, v >> 16, 0);
	}
}

/* Starts a FIT file at the end of sb; returns its offset for fit_end(). */
static size_t fit_begin(struct strbuf *sb)
{
	size_t at = sb->len;

	strbuf_addchars(sb, 0, 14);
	return at;
}

/* Fills in the header of the file started at `at` and appends its CRC. */
static void fit_end(struct strbuf *sb, size_t at)
{
	unsigned char *h = (unsigned char *)sb->buf + at;
	uint32_t ds = (uint32_t)(sb->len - at - 14);
	uint16_t crc;

	h[0] = 14;
	h[1] = 0x20;
	h[2] = 2132 & 0xff;
	h[3] = 2132 >> 8;
	h[4] = ds & 0xff;
	h[5] = (ds >> 8) & 0xff;
	h[6] = (ds >> 16) & 0xff;
	h[7] = ds >> 24;
	memcpy(h + 8, ".FIT", 4);
	crc = fit_crc16(0, h, 12);
	h[12] = crc & 0xff;
	h[13] = crc >> 8;
	crc = fit_crc16(0, sb->buf + at, sb->len - at);
	put16(sb, crc, 0);
}

/* A definition message: fields as {number, size, base type} triples. */
static void put_def(struct strbuf *sb, unsigned local, int big, unsigned global, size_t n,
		    const unsigned char (*fields)[3], size_t ndev, const unsigned char (*dev)[3])
{
	put8(sb, 0x40 | (ndev ? 0x20 : 0) | local);
	put8(sb, 0);
	put8(sb, big);
	put16(sb, global, big);
	put8(sb, (unsigned)n);
	for (size_t i = 0; i < n; i++)
		strbuf_add(sb, fields[i], 3);
	if (ndev) {
		put8(sb, (unsigned)ndev);
		for (size_t i = 0; i < ndev; i++)
			strbuf_add(sb, dev[i], 3);
	}
}

static void put_file_id(struct strbuf *sb, unsigned type)
{
	static const unsigned char f[][3] = {{0, 1, 0x00}};

	put_def(sb, 0, 0, 0, 1, f, 0, NULL);
	put8(sb, 0);
	put8(sb, type);
}

/* Record layout used by the hand-made files: timestamp, lat, long, distance, hr, speed. */
static const unsigned char record_fields[][3] = {
    {253, 4, 0x86}, {0, 4, 0x85}, {1, 4, 0x85}, {5, 4, 0x86}, {3, 1, 0x02}, {6, 2, 0x84},
};

static void put_record(struct strbuf *sb, unsigned local, int big, uint32_t ts, int32_t lat,
		       int32_t lon, uint32_t dist_cm, unsigned hr, unsigned speed_mm)
{
	put8(sb, local);
	put32(sb, ts, big);
	put32(sb, (uint32_t)lat, big);
	put32(sb, (uint32_t)lon, big);
	put32(sb, dist_cm, big);
	put8(sb, hr);
	put16(sb, speed_mm, big);
}

static void test_big_endian_definition(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct collected c;
	size_t at;

	(void)state;
	at = fit_begin(&sb);
	put_file_id(&sb, 4);
	put_def(&sb, 1, 1, 20, ARRAY_SIZE(record_fields), record_fields, 0, NULL);
	put_record(&sb, 1, 1, 1000000000, 456099128, -1463077077, 123456, 150, 3210);
	/* Invalid values read as unknown, not as huge numbers. */
	put_record(&sb, 1, 1, 1000000001, INT32_MAX, INT32_MAX, 0xffffffff, 0xff, 0xffff);
	fit_end(&sb, at);

	assert_int_equal(collect(sb.buf, sb.len, &c), 0);
	assert_int_equal(c.nr_rec, 2);
	assert_int_equal(c.rec[0].timestamp, 1000000000);
	assert_int_equal(c.rec[0].lat, 456099128);
	assert_int_equal(c.rec[0].lon, -1463077077);
	assert_float_equal(c.rec[0].distance_m, 1234.56, 1e-9);
	assert_int_equal(c.rec[0].heart_rate, 150);
	assert_float_equal(c.rec[0].speed_mps, 3.21, 1e-9);
	assert_true(isnan(c.rec[0].altitude_m));
	assert_int_equal(c.rec[1].lat, INT32_MAX);
	assert_true(c.rec[1].distance_m < 0);
	assert_true(c.rec[1].speed_mps < 0);
	assert_int_equal(c.rec[1].heart_rate, 0);
	assert_int_equal(c.nr_files, 1);
	assert_int_equal(c.files[0].type, 4);
	collected_release(&c);
	strbuf_release(&sb);
}

static void test_compressed_timestamp_rollover(void **state)
{
	static const unsigned char ts_only[][3] = {{253, 4, 0x86}};
	static const unsigned char hr_only[][3] = {{3, 1, 0x02}};
	struct strbuf sb = STRBUF_INIT;
	struct collected c;
	size_t at;

	(void)state;
	at = fit_begin(&sb);
	put_file_id(&sb, 4);
	put_def(&sb, 0, 0, 20, 1, ts_only, 0, NULL);
	put8(&sb, 0);
	put32(&sb, 0x3000001e, 0); /* low five bits 30 */
	put_def(&sb, 1, 0, 20, 1, hr_only, 0, NULL);
	/* Offset 31: same 32-second window. */
	put8(&sb, 0x80 | (1 << 5) | 31);
	put8(&sb, 100);
	/* Offset 2 < 31: the window rolled over. */
	put8(&sb, 0x80 | (1 << 5) | 2);
	put8(&sb, 101);
	/* Offset 2 again: no rollover (equal is not less). */
	put8(&sb, 0x80 | (1 << 5) | 2);
	put8(&sb, 102);
	fit_end(&sb, at);

	assert_int_equal(collect(sb.buf, sb.len, &c), 0);
	assert_int_equal(c.nr_rec, 4);
	assert_int_equal(c.rec[0].timestamp, 0x3000001e);
	assert_int_equal(c.rec[1].timestamp, 0x3000001f);
	assert_int_equal(c.rec[1].heart_rate, 100);
	assert_int_equal(c.rec[2].timestamp, 0x30000022);
	assert_int_equal(c.rec[2].heart_rate, 101);
	assert_int_equal(c.rec[3].timestamp, 0x30000022);
	collected_release(&c);
	strbuf_release(&sb);
}

static void test_developer_fields_skipped(void **state)
{
	static const unsigned char dev[][3] = {{0, 3, 0}, {1, 5, 0}};
	struct strbuf sb = STRBUF_INIT;
	struct collected c;
	size_t at;

	(void)state;
	at = fit_begin(&sb);
	put_file_id(&sb, 4);
	put_def(&sb, 2, 0, 20, ARRAY_SIZE(record_fields), record_fields, 2, dev);
	put_record(&sb, 2, 0, 1000000000, 1, 2, 500, 140, 2500);
	strbuf_add(&sb,
		   "\xff\xfe\xfd"
		   "ABCDE",
		   8); /* developer data: 3 + 5 bytes */
	put_record(&sb, 2, 0, 1000000005, 3, 4, 1500, 141, 2600);
	strbuf_add(&sb,
		   "\x01\x02\x03"
		   "FGHIJ",
		   8);
	fit_end(&sb, at);

	assert_int_equal(collect(sb.buf, sb.len, &c), 0);
	assert_int_equal(c.nr_rec, 2);
	assert_int_equal(c.rec[1].timestamp, 1000000005);
	assert_int_equal(c.rec[1].lat, 3);
	assert_float_equal(c.rec[1].distance_m, 15.0, 1e-9);
	assert_int_equal(c.rec[1].heart_rate, 141);
	collected_release(&c);
	strbuf_release(&sb);
}

/* Session layout: timestamp, start_time, sport, sub_sport, elapsed, timer, distance, hr, ascent. */
static const unsigned char session_fields[][3] = {
    {253, 4, 0x86}, {2, 4, 0x86}, {5, 1, 0x00},	 {6, 1, 0x00},	{7, 4, 0x86},
    {8, 4, 0x86},   {9, 4, 0x86}, {16, 1, 0x02}, {17, 1, 0x02}, {22, 2, 0x84},
};

static void put_session(struct strbuf *sb, uint32_t start, unsigned sport, unsigned sub,
			uint32_t elapsed_ms, uint32_t timer_ms, uint32_t dist_cm)
{
	put_def(sb, 3, 0, 18, ARRAY_SIZE(session_fields), session_fields, 0, NULL);
	put8(sb, 3);
	put32(sb, start + elapsed_ms / 1000, 0);
	put32(sb, start, 0);
	put8(sb, sport);
	put8(sb, sub);
	put32(sb, elapsed_ms, 0);
	put32(sb, timer_ms, 0);
	put32(sb, dist_cm, 0);
	put8(sb, 150);
	put8(sb, 171);
	put16(sb, 87, 0);
}

static void test_chained_handmade_activities(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct activity_list list;
	size_t at;

	(void)state;
	at = fit_begin(&sb);
	put_file_id(&sb, 4);
	put_session(&sb, 1000000000, 1, 3, 3600500, 3500250, 1000000);
	fit_end(&sb, at);
	at = fit_begin(&sb);
	put_file_id(&sb, 4);
	put_session(&sb, 1000100000, 11, 0, 1800000, 1700000, 300000);
	fit_end(&sb, at);

	activity_list_init(&list);
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len, &list), 0);
	assert_int_equal(list.nr, 2);
	assert_int_equal(list.items[0].start, (time_t)1000000000 + FIT_EPOCH);
	assert_string_equal(list.items[0].sport, "trail_running");
	assert_float_equal(list.items[0].distance_m, 10000.0, 1e-9);
	assert_float_equal(list.items[0].elapsed_s, 3600.5, 1e-9);
	assert_float_equal(list.items[0].moving_s, 3500.25, 1e-9);
	assert_float_equal(list.items[0].ascent_m, 87, 1e-9);
	assert_int_equal(list.items[0].avg_hr, 150);
	assert_int_equal(list.items[0].max_hr, 171);
	assert_string_equal(list.items[1].sport, "walking");
	assert_float_equal(list.items[1].distance_m, 3000.0, 1e-9);
	activity_list_release(&list);

	/* The second file cut short: the first activity is kept, the return says so. */
	activity_list_init(&list);
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len - 10, &list), 1);
	assert_int_equal(list.nr, 1);
	assert_non_null(strstr(error_last(), "truncated"));
	activity_list_release(&list);
	strbuf_release(&sb);
}

static void test_records_without_session(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct activity_list list;
	size_t at;

	(void)state;
	at = fit_begin(&sb);
	put_file_id(&sb, 4);
	put_def(&sb, 1, 0, 20, ARRAY_SIZE(record_fields), record_fields, 0, NULL);
	put_record(&sb, 1, 0, 1000000000, 1, 2, 0, 120, 3000);
	put_record(&sb, 1, 0, 1000000010, 1, 2, 3000, 131, 3000);
	put_record(&sb, 1, 0, 1000000020, 1, 2, 6050, 140, 3000);
	fit_end(&sb, at);

	activity_list_init(&list);
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len, &list), 0);
	assert_int_equal(list.nr, 1);
	assert_int_equal(list.items[0].start, (time_t)1000000000 + FIT_EPOCH);
	assert_float_equal(list.items[0].distance_m, 60.5, 1e-9);
	assert_float_equal(list.items[0].elapsed_s, 20, 1e-9);
	assert_int_equal(list.items[0].avg_hr, 130);
	assert_int_equal(list.items[0].max_hr, 140);
	assert_string_equal(list.items[0].sport, "other");
	activity_list_release(&list);
	strbuf_release(&sb);
}

static void test_not_fit_and_bad_headers(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct activity_list list;
	size_t at;

	(void)state;
	activity_list_init(&list);
	assert_int_equal(fit_read((const unsigned char *)"hello", 5, &list), -1);
	assert_string_equal(error_last(), "not a FIT file");
	assert_int_equal(fit_read((const unsigned char *)"", 0, &list), -1);

	at = fit_begin(&sb);
	put_file_id(&sb, 4);
	put_session(&sb, 1000000000, 1, 0, 60000, 60000, 10000);
	fit_end(&sb, at);
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len, &list), 0);
	sb.buf[12] ^= 0x55;
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len, &list), -1);
	assert_string_equal(error_last(), "bad header CRC");
	sb.buf[12] ^= 0x55;
	/* A flipped data bit: the activity is kept, the CRC is reported. */
	sb.buf[sb.len - 5] ^= 0x01;
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len, &list), 1);
	assert_non_null(strstr(error_last(), "bad file CRC"));
	assert_int_equal(list.nr, 2);
	activity_list_release(&list);
	strbuf_release(&sb);
}

static void test_undefined_local_type_and_workout(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct activity_list list;
	size_t at;

	(void)state;
	at = fit_begin(&sb);
	put8(&sb, 0x05); /* data message for a local type never defined */
	put8(&sb, 0);
	fit_end(&sb, at);
	activity_list_init(&list);
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len, &list), -1);
	assert_non_null(strstr(error_last(), "undefined local type 5"));

	strbuf_reset(&sb);
	at = fit_begin(&sb);
	put_file_id(&sb, 5);
	fit_end(&sb, at);
	assert_int_equal(fit_read((unsigned char *)sb.buf, sb.len, &list), -1);
	assert_string_equal(error_last(), "no activity in FIT file");
	assert_int_equal(list.nr, 0);
	activity_list_release(&list);
	strbuf_release(&sb);
}

static void test_sport_names(void **state)
{
	(void)state;
	assert_string_equal(fit_sport_name(1, 0), "running");
	assert_string_equal(fit_sport_name(1, 1), "treadmill_running");
	assert_string_equal(fit_sport_name(1, 2), "running");
	assert_string_equal(fit_sport_name(1, 3), "trail_running");
	assert_string_equal(fit_sport_name(1, 4), "track_running");
	assert_string_equal(fit_sport_name(1, -1), "running");
	assert_string_equal(fit_sport_name(2, 0), "cycling");
	assert_string_equal(fit_sport_name(5, 0), "swimming");
	assert_string_equal(fit_sport_name(11, 0), "walking");
	assert_string_equal(fit_sport_name(17, 0), "hiking");
	assert_string_equal(fit_sport_name(0, 0), "other");
	assert_string_equal(fit_sport_name(3, 0), "other");
	assert_string_equal(fit_sport_name(-1, -1), "other");
}

/* ---- real files ---- */

/* What each shared file must give, as Garmin's FIT SDK reads it (tests/node checks the same). */
static const struct expect {
	const char *path;
	int rc;
	const char *error; /* substring of error_last() when rc != 0 */
	size_t nr_activities, nr_records;
	const char *start, *sport;
	double distance_m, elapsed_s, moving_s;
	int avg_hr, max_hr;
} expected[] = {
    {"fit-benchmarks/sample.fit", 0, NULL, 1, 4276, "2020-09-24T07:03:18Z", "trail_running",
     9399.93, 4701.014, 4271.564, 154, 182},
    {"fit-benchmarks/large.fit", 0, NULL, 1, 42709, "2020-11-21T12:00:02Z", "running", 84209.89,
     43199.919, 42728.251, 106, 142},
    {"fitparse/activity-small-fenix2-run.fit", 0, NULL, 1, 2809, "2015-08-15T14:45:08Z", "running",
     9008.22, 2832, 2832, 0, 0},
    {"fitparse/activity-large-fenxi2-multisport.fit", 0, NULL, 7, 24239, "2015-08-29T08:00:01Z",
     "other", 25072.07, 11738.24, 11738.24, 0, 0},
    {"fitparse/garmin-fenix-5-run.fit", 0, NULL, 1, 21, "2017-06-11T14:34:09Z", "running", 157.56,
     56.887, 56.887, 90, 112},
    {"fitparse/garmin-fenix-5-walk.fit", 0, NULL, 1, 17, "2017-06-11T14:32:51Z", "walking", 67.85,
     45.379, 45.379, 75, 82},
    {"fitparse/sample-activity.fit", 0, NULL, 1, 3098, "2011-06-26T21:18:39Z", "cycling", 88797.21,
     11741.57, 10699.36, 166, 191},
    {"fitparse/sample_mulitple_header.fit", 0, NULL, 5, 1773, "2018-05-27T07:33:01Z", "swimming",
     1644.71, 1987.521, 1987.521, 165, 175},
    {"fitparse/developer-types-sample.fit", 0, NULL, 1, 3424, "2017-01-17T17:06:47Z", "running",
     6753.99, 3424, 3424, 0, 0},
    /* Timestamps relative to the device's power-on, as old devices wrote them. */
    {"fitparse/compressed-speed-distance.fit", 0, NULL, 1, 754, "1990-07-18T06:44:24Z", "running",
     10248.67, 3883.273, 3772.75, 170, 190},
    {"fitparse/activity-unexpected-eof.fit", 1, "truncated FIT file: 768 of 771 bytes", 1, 14,
     "2012-04-09T21:22:26Z", "running", 5.73, 13.749, 13.749, 0, 0},
    {"fitparse/activity-filecrc.fit", 1, "bad file CRC", 1, 14, "2012-04-09T21:22:26Z", "running",
     5.73, 13.749, 13.749, 0, 0},
    {"fitparse/activity-settings-corruptheader.fit", 1, "at byte 771: not a FIT file", 1, 14,
     "2012-04-09T21:22:26Z", "running", 5.73, 13.749, 13.749, 0, 0},
    /* The Strava app wrote a data message for a type it never defined, and the file is cut short.
     */
    {"fitparse/strava-android-app-201.10-b1218918.fit", 1, "undefined local type 11", 1, 473,
     "2021-09-27T14:13:10Z", "running", 11274.04, 3558, 3558, 0, 0},
    /* Records without timestamps, and workouts: nothing to place in a training log. */
    {.path = "fitparse/DeveloperData.fit",
     .rc = -1,
     .error = "no activity in FIT file",
     .nr_records = 3},
    {.path = "fitparse/WorkoutIndividualSteps.fit", .rc = -1, .error = "no activity in FIT file"},
    {.path = "fitparse/WorkoutRepeatSteps.fit", .rc = -1, .error = "no activity in FIT file"},
};

static void test_real_files(void **state)
{
	size_t checked = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
		const struct expect *e = &expected[i];
		struct strbuf sb = STRBUF_INIT;
		struct activity_list list;
		struct collected c;
		char path[512];
		int rc;

		snprintf(path, sizeof(path), "%s/%s", TESTDATA, e->path);
		if (strbuf_read_file(&sb, path, 0) < 0) {
			fprintf(stderr, "skipped: %s not found (shared test data absent)\n", path);
			continue;
		}
		print_message("%s\n", e->path);
		activity_list_init(&list);
		rc = fit_read((unsigned char *)sb.buf, sb.len, &list);
		assert_int_equal(rc, e->rc);
		if (e->error)
			assert_non_null(strstr(error_last(), e->error));
		assert_int_equal(list.nr, e->nr_activities);
		if (e->nr_activities) {
			const struct activity *a = &list.items[0];

			assert_int_equal(a->start, utc(e->start));
			assert_string_equal(a->sport, e->sport);
			assert_float_equal(a->distance_m, e->distance_m, 0.005);
			assert_float_equal(a->elapsed_s, e->elapsed_s, 0.0005);
			assert_float_equal(a->moving_s, e->moving_s, 0.0005);
			assert_int_equal(a->avg_hr, e->avg_hr);
			assert_int_equal(a->max_hr, e->max_hr);
		}
		assert_int_equal(collect(sb.buf, sb.len, &c), e->rc == -1 ? 0 : e->rc);
		assert_int_equal(c.nr_rec, e->nr_records);
		collected_release(&c);
		activity_list_release(&list);
		strbuf_release(&sb);
		checked++;
	}
	if (!checked)
		skip();
}

static void test_benchmark_files_totals(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct collected c;

	(void)state;
	read_testfile("fit-benchmarks/large.fit", &sb);
	assert_int_equal(collect(sb.buf, sb.len, &c), 0);
	assert_int_equal(c.nr_rec, 42709);
	assert_float_equal(c.rec[c.nr_rec - 1].distance_m, 84209.89, 1e-6);
	assert_int_equal(fit_time(c.rec[0].timestamp), utc("2020-11-21T12:00:02Z"));
	assert_int_equal(fit_time(c.rec[c.nr_rec - 1].timestamp), utc("2020-11-22T00:00:03Z"));
	assert_int_equal(c.nr_ses, 1);
	assert_float_equal(c.ses[0].ascent_m, 470, 1e-9);
	collected_release(&c);
	strbuf_release(&sb);

	read_testfile("fit-benchmarks/sample.fit", &sb);
	assert_int_equal(collect(sb.buf, sb.len, &c), 0);
	assert_int_equal(c.nr_rec, 4276);
	assert_float_equal(c.rec[c.nr_rec - 1].distance_m, 9399.93, 1e-6);
	assert_int_equal(fit_time(c.rec[0].timestamp), utc("2020-09-24T07:03:18Z"));
	assert_int_equal(fit_time(c.rec[c.nr_rec - 1].timestamp), utc("2020-09-24T08:21:40Z"));
	assert_int_equal(c.ses[0].sport, 1);
	assert_int_equal(c.ses[0].sub_sport, 3);
	collected_release(&c);
	strbuf_release(&sb);
}

static void test_chained_real_file(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct collected c;

	(void)state;
	/* A triathlon: the activity, then three chained files of swim heart rates. */
	read_testfile("fitparse/sample_mulitple_header.fit", &sb);
	assert_int_equal(collect(sb.buf, sb.len, &c), 0);
	assert_int_equal(c.nr_files, 4);
	assert_int_equal(c.files[0].index, 0);
	assert_int_equal(c.files[0].nr_sessions, 5);
	assert_int_equal(c.files[0].type, 4);
	assert_int_equal(c.files[1].index, 1);
	assert_int_equal(c.files[1].offset, 56305);
	assert_int_equal(c.files[3].offset, 72671);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(c.files[i].damaged, 0);
	assert_string_equal(fit_sport_name(c.ses[4].sport, c.ses[4].sub_sport), "running");
	collected_release(&c);
	strbuf_release(&sb);

	/* An activity chained with a settings file whose header is corrupt. */
	read_testfile("fitparse/activity-settings-corruptheader.fit", &sb);
	assert_int_equal(collect(sb.buf, sb.len, &c), 1);
	assert_int_equal(c.nr_files, 1);
	assert_int_equal(c.nr_ses, 1);
	collected_release(&c);
	strbuf_release(&sb);
}

/* Splits one CSV line in place into at most n fields. */
static size_t csv_split(char *line, char **f, size_t n)
{
	size_t k = 0;

	while (k < n) {
		f[k++] = line;
		line = strchr(line, ',');
		if (!line)
			break;
		*line++ = '\0';
	}
	return k;
}

static double num(const char *s)
{
	double v;

	assert_int_equal(parse_double_str(s, &v), 0);
	return v;
}

static void test_compressed_records_match_csv(void **state)
{
	struct strbuf fit = STRBUF_INIT, csv = STRBUF_INIT;
	struct collected c;
	size_t row = 0;
	char *line, *next;

	(void)state;
	read_testfile("fitparse/compressed-speed-distance.fit", &fit);
	read_testfile("fitparse/compressed-speed-distance-records.csv", &csv);
	assert_int_equal(collect(fit.buf, fit.len, &c), 0);
	line = strchr(csv.buf, '\n') + 1; /* header */
	for (; *line; line = next) {
		char *f[5];
		long ts;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (!*line)
			continue;
		assert_int_equal(csv_split(line, f, 5), 5);
		assert_true(row < c.nr_rec);
		assert_int_equal(parse_long_str(f[0], 0, UINT32_MAX, &ts), 0);
		assert_int_equal(c.rec[row].timestamp, ts);
		if (strcmp(f[1], "null"))
			assert_int_equal(c.rec[row].heart_rate, (int)num(f[1]));
		assert_float_equal(c.rec[row].speed_mps, num(f[2]), 1e-9);
		assert_float_equal(c.rec[row].distance_m, num(f[3]), 1e-9);
		row++;
	}
	assert_int_equal(row, 754);
	assert_int_equal(c.nr_rec, row);
	collected_release(&c);
	strbuf_release(&fit);
	strbuf_release(&csv);
}

/* "Sun Jun 11 07:34:09 PDT 2017" to UTC seconds (the CSV's zones are PDT or PST). */
static time_t csv_date(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char mon[4] = {0};
	const char *p = s + 8;
	long d, hh, mm, ss, y;
	const char *m;
	int zone;

	assert_true(strlen(s) >= 28);
	memcpy(mon, s + 4, 3);
	m = strstr(months, mon);
	assert_non_null(m);
	assert_int_equal(parse_long(&p, s + 10, 1, 31, &d), 0);
	p = s + 11;
	assert_int_equal(parse_digits(&p, p + 2, 2, 2, &hh), 0);
	p++;
	assert_int_equal(parse_digits(&p, p + 2, 2, 2, &mm), 0);
	p++;
	assert_int_equal(parse_digits(&p, p + 2, 2, 2, &ss), 0);
	zone = !strncmp(s + 20, "PDT", 3) ? -7 : !strncmp(s + 20, "PST", 3) ? -8 : 99;
	assert_int_not_equal(zone, 99);
	p = s + 24;
	assert_int_equal(parse_digits(&p, p + 4, 4, 4, &y), 0);
	return (time_t)day_from_civil((int)y, (int)((m - months) / 3 + 1), (int)d) * 86400 +
	       hh * 3600 + mm * 60 + ss - zone * 3600;
}

static void test_fenix5_records_match_csv(void **state)
{
	struct strbuf fit = STRBUF_INIT, csv = STRBUF_INIT;
	struct collected c;
	size_t row = 0;
	char *line, *next;

	(void)state;
	read_testfile("fitparse/garmin-fenix-5-run.fit", &fit);
	read_testfile("fitparse/garmin-fenix-5-run-records.csv", &csv);
	assert_int_equal(collect(fit.buf, fit.len, &c), 0);
	line = strchr(csv.buf, '\n') + 1;
	for (; *line; line = next) {
		char *f[9];

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (!*line)
			continue;
		/* timestamp,heart_rate,cadence,speed,distance,position_lat,position_long,altitude,temperature
		 */
		assert_int_equal(csv_split(line, f, 9), 9);
		assert_true(row < c.nr_rec);
		assert_int_equal(fit_time(c.rec[row].timestamp), csv_date(f[0]));
		assert_int_equal(c.rec[row].heart_rate, (int)num(f[1]));
		assert_float_equal(c.rec[row].speed_mps, num(f[3]), 1e-9);
		assert_float_equal(c.rec[row].distance_m, num(f[4]), 1e-9);
		assert_int_equal(c.rec[row].lat, (int32_t)num(f[5]));
		assert_int_equal(c.rec[row].lon, (int32_t)num(f[6]));
		assert_float_equal(c.rec[row].altitude_m, num(f[7]), 1e-6);
		row++;
	}
	assert_int_equal(row, 21);
	assert_int_equal(c.nr_rec, row);
	assert_int_equal(fit_time(c.rec[0].timestamp), utc("2017-06-11T14:34:09Z"));
	collected_release(&c);
	strbuf_release(&fit);
	strbuf_release(&csv);
}

/* Every prefix of a real file decodes without a crash, and never finds more than the whole. */
static void test_truncated_prefixes(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct collected whole;
	size_t step;

	(void)state;
	read_testfile("fitparse/garmin-fenix-5-run.fit", &sb);
	assert_int_equal(collect(sb.buf, sb.len, &whole), 0);
	for (step = 0; step < sb.len; step++) {
		/* An exact-size copy, so that reading past the end is caught. */
		unsigned char *copy = xmalloc(step ? step : 1);
		struct activity_list list;
		struct collected c;
		int rc;

		memcpy(copy, sb.buf, step);
		rc = collect(copy, step, &c);
		assert_true(rc == 1 || rc == -1);
		assert_true(c.nr_rec <= whole.nr_rec);
		assert_true(c.nr_ses <= 1);
		collected_release(&c);
		activity_list_init(&list);
		rc = fit_read(copy, step, &list);
		assert_true(rc == 1 || rc == -1);
		assert_true(rc == -1 ? list.nr == 0 : list.nr == 1);
		activity_list_release(&list);
		free(copy);
	}
	collected_release(&whole);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_crc_matches_nibble_definition),
	    cmocka_unit_test(test_big_endian_definition),
	    cmocka_unit_test(test_compressed_timestamp_rollover),
	    cmocka_unit_test(test_developer_fields_skipped),
	    cmocka_unit_test(test_chained_handmade_activities),
	    cmocka_unit_test(test_records_without_session),
	    cmocka_unit_test(test_not_fit_and_bad_headers),
	    cmocka_unit_test(test_undefined_local_type_and_workout),
	    cmocka_unit_test(test_sport_names),
	    cmocka_unit_test(test_real_files),
	    cmocka_unit_test(test_benchmark_files_totals),
	    cmocka_unit_test(test_chained_real_file),
	    cmocka_unit_test(test_compressed_records_match_csv),
	    cmocka_unit_test(test_fenix5_records_match_csv),
	    cmocka_unit_test(test_truncated_prefixes),
	};

	error_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
