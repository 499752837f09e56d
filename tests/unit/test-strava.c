/* Tests of the Strava export: activities.csv rows, dates, the zip/folder walker, and source
 * reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/activity.h"
#include "formats/source.h"
#include "formats/strava.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/strbuf.h"

static void mkdir_build(void)
{
	if (system("mkdir -p build/testdata"))
		fail_msg("cannot create build/testdata");
}

static time_t date(const char *s)
{
	time_t t = -1;

	if (strava_parse_date(s, &t))
		return -1;
	return t;
}

static void test_dates(void **state)
{
	(void)state;
	/* 2022-10-06T23:19:20Z */
	assert_int_equal(date("Oct 6, 2022, 11:19:20 PM"), 1665098360);
	assert_int_equal(date("6 Oct 2022, 23:19:20"), 1665098360);
	assert_int_equal(date("2022-10-06 23:19:20"), 1665098360);
	assert_int_equal(date("6. 10. 2022 23:19:20"), 1665098360);
	assert_int_equal(date("06.10.2022, 23:19:20"), 1665098360);
	assert_int_equal(date("10/6/2022, 11:19:20 PM"), 1665098360);
	assert_int_equal(date("6 okt. 2022, 23:19:20"), 1665098360);
	/* Noon and midnight in 12-hour time. */
	assert_int_equal(date("Jan 1, 2020, 12:00:00 AM"), 1577836800);
	assert_int_equal(date("Jan 1, 2020, 12:00:00 PM"), 1577836800 + 43200);
	assert_int_equal(date("Feb 30, 2020, 1:00:00 PM"), -1);
	assert_int_equal(date("Oct 6, 2022"), -1);
	assert_int_equal(date("13:00:00 PM Oct 6, 2022"), -1);
	assert_int_equal(date(""), -1);
	assert_int_equal(date("yesterday"), -1);
}

static void test_sports(void **state)
{
	(void)state;
	assert_string_equal(strava_sport("Run"), "running");
	assert_string_equal(strava_sport("Trail Run"), "trail_running");
	assert_string_equal(strava_sport("Virtual Run"), "virtual_running");
	assert_string_equal(strava_sport("Ride"), "cycling");
	assert_string_equal(strava_sport("E-Bike Ride"), "cycling");
	assert_string_equal(strava_sport("Lauf"), "running");
	assert_string_equal(strava_sport("Weight Training"), "other");
}

static const char csv_en[] =
    "\xEF\xBB\xBF"
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,"
    "Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,"
    "Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,"
    "Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,"
    "Max Heart Rate,Average Heart Rate\r\n"
    /* a run with a file and a two-line quoted description */
    "8123,\"Oct 6, 2022, 11:19:20 PM\",\"Evening, easy\",Run,\"first line\nsecond \"\"quoted\"\"\","
    "1835,5.02,171,40,false,,,activities/8123.fit.gz,,,1835.0,1750.0,5021.3,,,41.2,,,,,,,,,,"
    "171.0,152.4\r\n"
    /* a manual entry: no file, no metric columns: the km column (decimal comma) counts */
    "8124,\"Oct 7, 2022, 7:00:00 AM\",Treadmill,Run,,1800,\"5,5\",,,false,,,,,,,,,,,,,,,,,,,,,,\r\n"
    /* a swim: the display column is metres */
    "8125,\"Oct 8, 2022, 7:00:00 AM\",Pool,Swim,,1500,1200,,,false,,,,,,,,,,,,,,,,,,,,,,\r\n"
    /* an unreadable date */
    "8126,soon,Ride,Ride,,600,3.5,,,false,,,activities/8126.gpx,,,,,,,,,,,,,,,,,,,\r\n";

static void test_csv_english(void **state)
{
	struct strava_csv c;
	struct strava_row row;

	(void)state;
	assert_int_equal(strava_csv_open(&c, csv_en, sizeof(csv_en) - 1), 0);
	assert_int_equal(c.positional, 0);

	assert_int_equal(strava_csv_next(&c, &row), 1);
	assert_string_equal(row.id, "8123");
	assert_string_equal(row.name, "Evening, easy");
	assert_string_equal(row.act.sport, "running");
	assert_int_equal(row.act.start, 1665098360);
	assert_float_equal(row.act.distance_m, 5021.3, 0.001); /* the metres column, not 5.02 km */
	assert_float_equal(row.act.elapsed_s, 1835, 0.001);
	assert_float_equal(row.act.moving_s, 1750, 0.001);
	assert_float_equal(row.act.ascent_m, 41.2, 0.001);
	assert_int_equal(row.act.max_hr, 171);
	assert_int_equal(row.act.avg_hr, 152);
	assert_string_equal(row.filename, "activities/8123.fit.gz");
	assert_string_equal(row.error, "");

	assert_int_equal(strava_csv_next(&c, &row), 1);
	assert_string_equal(row.filename, "");
	assert_float_equal(row.act.distance_m, 5500, 0.001);
	assert_float_equal(row.act.elapsed_s, 1800, 0.001);
	assert_float_equal(row.act.moving_s, -1, 0);
	assert_int_equal(row.act.max_hr, 0);

	assert_int_equal(strava_csv_next(&c, &row), 1);
	assert_string_equal(row.act.sport, "swimming");
	assert_float_equal(row.act.distance_m, 1200, 0.001);

	assert_int_equal(strava_csv_next(&c, &row), 1);
	assert_string_equal(row.act.sport, "cycling");
	assert_string_equal(row.error, "line 6: cannot read the date 'soon'");

	assert_int_equal(strava_csv_next(&c, &row), 0);
	strava_csv_release(&c);
}

/* A Czech header (35 columns, Strava's 2021 layout): columns by position. */
static const char csv_cz[] =
    "ID aktivity,Datum aktivity,Název aktivity,Typ aktivity,Popis aktivity,Uplynulý čas,"
    "Vzdálenost,Maximální tepová frekvence,Relativní úsilí,Dojíždění,Soukromá poznámka,"
    "Vybavení,Název souboru,Hmotnost sportovce,Hmotnost kola,Uplynulý čas,Aktivní čas,"
    "Vzdálenost,Maximální rychlost,Průměrná rychlost,Nastoupaná výška,Naklesaná výška,"
    "Nejnižší,Nejvyšší,Max sklon,Průměrný sklon,Poz sklon,Záp sklon,Max kadence,Kadence,"
    "Maximální tepová frekvence,Průměrná tepová frekvence,Max W,W,Kalorie\n"
    "20061183385,\"6. 9. 2026 11:18:40\",Odpolední běh,Běh,,2000,\"7,92\",160,,false,,,"
    "activities/20061183385.fit.gz,,,2000.0,1900.0,7921.5,,,12.0,,,,,,,,,,161.0,140.0,,,\n";

/* An older, shorter layout with localized headers: the filename is found by its content. */
static const char csv_old[] = "ID,Datum,Name,Typ,Beschreibung,Zeit,Distanz,Pendeln,Datei\n"
			      "1,\"6.10.2022, 23:19:20\",x,Lauf,,1200,\"3,1\",false,"
			      "activities/1.gpx\n";

static void test_csv_localized(void **state)
{
	struct strava_csv c;
	struct strava_row row;

	(void)state;
	assert_int_equal(strava_csv_open(&c, csv_cz, sizeof(csv_cz) - 1), 0);
	assert_int_equal(c.positional, 1);
	assert_int_equal(strava_csv_next(&c, &row), 1);
	assert_string_equal(row.act.sport, "running"); /* "Běh" */
	assert_int_equal(row.act.start, 1788693520);   /* 2026-09-06T11:18:40Z */
	assert_float_equal(row.act.distance_m, 7921.5, 0.001);
	assert_float_equal(row.act.moving_s, 1900, 0.001);
	assert_int_equal(row.act.max_hr, 161);
	assert_int_equal(row.act.avg_hr, 140);
	assert_string_equal(row.filename, "activities/20061183385.fit.gz");
	strava_csv_release(&c);

	assert_int_equal(strava_csv_open(&c, csv_old, sizeof(csv_old) - 1), 0);
	assert_int_equal(c.positional, 1);
	assert_int_equal(strava_csv_next(&c, &row), 1);
	assert_int_equal(row.act.start, 1665098360);
	assert_float_equal(row.act.distance_m, 3100, 0.001);
	assert_float_equal(row.act.elapsed_s, 1200, 0.001);
	assert_string_equal(row.filename, "activities/1.gpx");
	strava_csv_release(&c);

	assert_int_equal(strava_csv_open(&c, "", 0), -1);
	strava_csv_release(&c);
}

static void test_source_detect(void **state)
{
	static const unsigned char fit[] = {14, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T'};
	static const char gpx[] = "\n  <?xml version=\"1.0\"?><!-- c --><gpx version=\"1.1\">";
	static const char tcx[] =
	    "<?xml version=\"1.0\"?>\n<ns:TrainingCenterDatabase xmlns:ns=\"x\">";

	(void)state;
	assert_int_equal(source_detect(NULL, fit, sizeof(fit)), SOURCE_FIT);
	assert_int_equal(source_detect("a.txt", (const unsigned char *)gpx, sizeof(gpx) - 1),
			 SOURCE_GPX);
	assert_int_equal(source_detect(NULL, (const unsigned char *)tcx, sizeof(tcx) - 1),
			 SOURCE_TCX);
	/* Content says nothing: the name (without .gz) decides. */
	assert_int_equal(source_detect("activities/1.TCX.gz", (const unsigned char *)"xx", 2),
			 SOURCE_TCX);
	assert_int_equal(source_detect("1.fit", (const unsigned char *)"", 0), SOURCE_FIT);
	assert_int_equal(source_detect("notes.txt", (const unsigned char *)"<html>", 6),
			 SOURCE_UNKNOWN);
	assert_string_equal(source_format_name(SOURCE_GPX), "gpx");
}

static void test_source_gzip(void **state)
{
	struct strbuf sb = STRBUF_INIT, gz = STRBUF_INIT;
	struct activity_list l;
	int ret;

	(void)state;
	mkdir_build();
	/* gzip(1) as the independent compressor; two members in a row are one stream. */
	assert_int_equal(system("gzip -c < tests/data/run-strava.gpx > build/testdata/rs.gpx.gz &&"
				" gzip -c < /dev/null >> build/testdata/rs.gpx.gz"),
			 0);
	assert_int_equal(source_read_file("build/testdata/rs.gpx.gz", &sb, 0), 0);
	assert_int_equal(strbuf_read_file(&gz, "tests/data/run-strava.gpx", 0), 0);
	assert_int_equal(sb.len, gz.len);
	assert_memory_equal(sb.buf, gz.buf, gz.len);
	/* The cap holds after decompression. */
	strbuf_reset(&sb);
	assert_int_equal(source_read_file("build/testdata/rs.gpx.gz", &sb, 40000), -1);
	assert_string_equal(error_last(), "cannot read 'build/testdata/rs.gpx.gz': uncompressed it "
					  "is larger than 40000 bytes");
	assert_int_equal(sb.len, 0);
	/* A compression bomb: 8 MB of one byte in about 8 kB is refused past 100 times its size,
	 * by both inflaters (one member, then two, which libdeflate leaves to zlib). */
	assert_int_equal(system("head -c 8000000 /dev/zero | gzip -c > build/testdata/bomb.gz"), 0);
	assert_int_equal(source_read_file("build/testdata/bomb.gz", &sb, 0), -1);
	assert_non_null(strstr(error_last(), "uncompresses to more than 100 times its size"));
	assert_int_equal(system("head -c 8000000 /dev/zero | gzip -c >> build/testdata/bomb.gz"),
			 0);
	assert_int_equal(source_read_file("build/testdata/bomb.gz", &sb, 0), -1);
	assert_non_null(strstr(error_last(), "uncompresses to more than 100 times its size"));
	assert_int_equal(sb.len, 0);
	/* Size and type are checked before reading: a FIFO does not block, a big file is not read.
	 */
	unlink("build/testdata/fifo.gpx");
	assert_int_equal(mkfifo("build/testdata/fifo.gpx", 0600), 0);
	assert_int_equal(source_read_raw("build/testdata/fifo.gpx", &sb, 0), -1);
	assert_string_equal(error_last(), "not a regular file");
	unlink("build/testdata/fifo.gpx");
	assert_int_equal(system("truncate -s 300M build/testdata/big.gpx"), 0);
	assert_int_equal(source_read_raw("build/testdata/big.gpx", &sb, 0), -1);
	assert_string_equal(error_last(), "file too large (300 MB; the limit is 64 MB)");
	unlink("build/testdata/big.gpx");
	assert_int_equal(sb.len, 0);
	assert_int_equal(source_read_file("build/testdata/nonexistent", &sb, 0), -1);
	assert_string_equal(error_last(),
			    "cannot read 'build/testdata/nonexistent': No such file or directory");

	/* Decoding a compressed file directly, and a truncated one. */
	strbuf_reset(&gz);
	assert_int_equal(strbuf_read_file(&gz, "build/testdata/rs.gpx.gz", 0), 0);
	activity_list_init(&l);
	assert_int_equal(source_decode("rs.gpx.gz", (unsigned char *)gz.buf, gz.len, &l), 0);
	assert_int_equal(l.nr, 1);
	assert_float_equal(l.items[0].distance_m, 900, 0.5);
	ret = source_decode("rs.gpx.gz", (unsigned char *)gz.buf, gz.len / 2, &l);
	assert_int_equal(ret, -1);
	assert_string_equal(error_last(), "compressed data is truncated");
	assert_int_equal(source_decode("x.bin", (unsigned char *)"hello", 5, &l), -1);
	assert_string_equal(error_last(), "unknown file format (not FIT, GPX or TCX)");
	assert_int_equal(l.nr, 1);
	activity_list_release(&l);
	strbuf_release(&sb);
	strbuf_release(&gz);
}

/* What a walk over an export found. */
struct tally {
	long items, with_row, runs, others, manual, damaged, decoded, start_mismatch, far_off;
	double run_m;
};

static void walk(const char *path, struct tally *t)
{
	struct strava_export *exp;
	struct strava_item it;

	memset(t, 0, sizeof(*t));
	if (strava_open(path, &exp))
		fail_msg("strava_open %s: %s", path, error_last());
	strava_item_init(&it);
	while (strava_next(exp, &it) > 0) {
		const struct activity *a = it.acts.nr ? &it.acts.items[0] : &it.row.act;

		t->items++;
		t->with_row += it.has_row;
		if (activity_is_run(&it.row.act))
			t->runs++;
		else
			t->others++;
		if (!it.file[0]) {
			t->manual++;
		} else if (it.error[0]) {
			t->damaged++;
			continue;
		} else {
			t->decoded++;
			if (it.acts.items[0].start != it.row.act.start)
				t->start_mismatch++;
			/* The file and the csv describe the same activity. */
			if (it.acts.items[0].distance_m < 0.99 * it.row.act.distance_m ||
			    it.acts.items[0].distance_m > 1.01 * it.row.act.distance_m)
				t->far_off++;
		}
		if (activity_is_run(&it.row.act))
			t->run_m += a->distance_m;
	}
	strava_item_release(&it);
	assert_int_equal(strava_rows(exp) > 0, 1);
	strava_close(exp);
}

static long expected(const char *dir, const char *key)
{
	struct strbuf path = STRBUF_INIT, js = STRBUF_INIT, k = STRBUF_INIT;
	const char *p, *end;
	double v = -1;

	strbuf_addf(&path, "%s/expected.json", dir);
	if (strbuf_read_file(&js, path.buf, 0))
		fail_msg("cannot read %s", path.buf);
	strbuf_addf(&k, "\"%s\": ", key);
	p = strstr(js.buf, k.buf);
	assert_non_null(p);
	p += k.len;
	end = p + strcspn(p, ",\n}");
	assert_int_equal(parse_double(&p, end, &v), 0);
	strbuf_release(&path);
	strbuf_release(&js);
	strbuf_release(&k);
	return (long)(v + 0.5);
}

static int generate(const char *out, const char *args)
{
	struct strbuf cmd = STRBUF_INIT;
	int ret;

	if (system("command -v python3 >/dev/null 2>&1")) {
		printf("# skipped: python3 is not installed\n");
		return -1;
	}
	mkdir_build();
	strbuf_addf(&cmd, "python3 tools/gen-export.py --out %s %s >/dev/null", out, args);
	ret = system(cmd.buf);
	strbuf_release(&cmd);
	assert_int_equal(ret, 0);
	return 0;
}

static void check_tally(const struct tally *t, const char *dir, long extra_missing)
{
	long n = expected(dir, "activities"), manual = expected(dir, "manual");
	long damaged = expected(dir, "damaged") + extra_missing;

	printf("# %s: %ld items, %ld runs, %ld other, %ld manual, %ld damaged or missing\n", dir,
	       t->items, t->runs, t->others, t->manual, t->damaged);
	assert_int_equal(t->items, n);
	assert_int_equal(t->with_row, n);
	assert_int_equal(t->runs, expected(dir, "runs"));
	assert_int_equal(t->others, expected(dir, "other_sports"));
	assert_int_equal(t->manual, manual);
	assert_int_equal(t->damaged, damaged);
	assert_int_equal(t->decoded, n - manual - damaged);
	assert_int_equal(t->start_mismatch, 0);
	assert_int_equal(t->far_off, 0);
}

static void test_export_zip_and_folder(void **state)
{
	const char *dir = "build/testdata/export-en";
	struct tally zip, folder;

	(void)state;
	if (generate(dir, "--count 60 --seed 11 --damaged 3"))
		skip();
	walk("build/testdata/export-en/export.zip", &zip);
	check_tally(&zip, dir, 0);
	/* Total run distance, from files where there are files, matches the generator's. */
	assert_float_equal(zip.run_m, (double)expected(dir, "run_distance_m"),
			   0.001 * zip.run_m + 1);
	walk("build/testdata/export-en/export", &folder);
	check_tally(&folder, dir, 0);
	assert_float_equal(folder.run_m, zip.run_m, 0.01);
}

static void test_export_localized_csv_last(void **state)
{
	const char *dir = "build/testdata/export-de";
	struct tally t;

	(void)state;
	if (generate(dir, "--count 40 --seed 5 --damaged 2 --locale de --csv-last"))
		skip();
	walk("build/testdata/export-de/export.zip", &t);
	check_tally(&t, dir, 0);
}

static void test_export_missing_and_broken(void **state)
{
	const char *dir = "build/testdata/export-cut";
	struct strava_export *exp;
	struct strava_item it;
	struct tally t;
	long errors = 0, items = 0;

	(void)state;
	if (generate(dir, "--count 30 --seed 2 --damaged 0 --manual 0"))
		skip();
	/* A file removed from the folder is one item with an error, the walk goes on. */
	assert_int_equal(
	    system("rm \"$(ls -d build/testdata/export-cut/export/activities/* | head -1)\""), 0);
	walk("build/testdata/export-cut/export", &t);
	check_tally(&t, dir, 1);

	/* A zip cut in the middle: every row still comes back, the lost ones with an error. */
	assert_int_equal(
	    system(
		"f=build/testdata/export-cut/export.zip; head -c $(( $(stat -c %s $f) * 6 / 10 ))"
		" $f > build/testdata/export-cut/cut.zip"),
	    0);
	assert_int_equal(strava_open("build/testdata/export-cut/cut.zip", &exp), 0);
	strava_item_init(&it);
	while (strava_next(exp, &it) > 0) {
		items++;
		if (it.error[0])
			errors++;
	}
	strava_item_release(&it);
	strava_close(exp);
	printf("# cut.zip: %ld items, %ld with errors\n", items, errors);
	assert_int_equal(items, 30);
	assert_true(errors >= 5 && errors < 30);

	assert_int_equal(strava_open("build/testdata/no-such-export.zip", &exp), -1);
	assert_string_equal(
	    error_last(),
	    "cannot open 'build/testdata/no-such-export.zip': No such file or directory");
	assert_int_equal(strava_open("tests/data/run-strava.gpx", &exp), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_sports),
	    cmocka_unit_test(test_csv_english),
	    cmocka_unit_test(test_csv_localized),
	    cmocka_unit_test(test_source_detect),
	    cmocka_unit_test(test_source_gzip),
	    cmocka_unit_test(test_export_zip_and_folder),
	    cmocka_unit_test(test_export_localized_csv_last),
	    cmocka_unit_test(test_export_missing_and_broken),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
