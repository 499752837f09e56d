/* Prints what hipcoach's FIT reader makes of files, as JSON, for cross-checks and benchmarks. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/activity.h"
#include "formats/fit.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/strbuf.h"

static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_number(const char *name, double v)
{
	if (v < 0 || isnan(v))
		printf(", \"%s\": null", name);
	else
		printf(", \"%s\": %.3f", name, v);
}

static void record_cb(void *ctx, const struct fit_record *r)
{
	int *first = ctx;

	printf("%s\n    {\"timestamp\": %u", *first ? "" : ",", r->timestamp);
	*first = 0;
	if (r->lat != INT32_MAX)
		printf(", \"lat\": %d, \"lon\": %d", r->lat, r->lon);
	print_number("distance_m", r->distance_m);
	print_number("speed_mps", r->speed_mps);
	if (!isnan(r->altitude_m))
		printf(", \"altitude_m\": %.1f", r->altitude_m);
	if (r->heart_rate)
		printf(", \"heart_rate\": %d", r->heart_rate);
	putchar('}');
}

static int dump(const char *path, const struct strbuf *sb, int records)
{
	struct activity_list list;
	int rc;

	activity_list_init(&list);
	rc = fit_read((const unsigned char *)sb->buf, sb->len, &list);
	printf("{\"file\": ");
	print_json_string(path);
	printf(", \"status\": %d", rc);
	if (rc)
		printf(", \"error\": "), print_json_string(error_last());
	printf(", \"activities\": [");
	for (size_t i = 0; i < list.nr; i++) {
		const struct activity *a = &list.items[i];
		char when[32];

		printf("%s\n  {\"start\": \"%s\", \"sport\": ", i ? "," : "",
		       time_format_iso(a->start, when));
		print_json_string(a->sport);
		print_number("distance_m", a->distance_m);
		print_number("elapsed_s", a->elapsed_s);
		print_number("moving_s", a->moving_s);
		print_number("ascent_m", a->ascent_m);
		printf(", \"avg_hr\": %d, \"max_hr\": %d}", a->avg_hr, a->max_hr);
	}
	printf("]");
	if (records) {
		struct fit_callbacks cb = {.record = record_cb};
		int first = 1;

		printf(", \"records\": [");
		fit_decode((const unsigned char *)sb->buf, sb->len, &cb, &first);
		printf("]");
	}
	printf("}\n");
	activity_list_release(&list);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void count_cb(void *ctx, const struct fit_record *r)
{
	(*(size_t *)ctx) += r->heart_rate > 0;
}

/*
 * Decodes the file `runs` times with fit_read() and with fit_decode()
 * delivering every record, and prints the best time of each.
 */
static int bench(const char *path, const struct strbuf *sb, long runs)
{
	double best_read = 1e9, best_decode = 1e9;
	size_t sink = 0;

	for (long i = 0; i < runs; i++) {
		struct activity_list list;
		struct fit_callbacks cb = {.record = count_cb};
		double t0 = now_s(), t1, t2;

		activity_list_init(&list);
		if (fit_read((const unsigned char *)sb->buf, sb->len, &list) < 0)
			return error("cannot read '%s': %s", path, error_last());
		t1 = now_s();
		fit_decode((const unsigned char *)sb->buf, sb->len, &cb, &sink);
		t2 = now_s();
		activity_list_release(&list);
		if (t1 - t0 < best_read)
			best_read = t1 - t0;
		if (t2 - t1 < best_decode)
			best_decode = t2 - t1;
	}
	printf("{\"file\": ");
	print_json_string(path);
	printf(", \"bytes\": %zu, \"runs\": %ld, \"read_s\": %.6f, \"decode_s\": %.6f, "
	       "\"read_mb_s\": %.1f, \"decode_mb_s\": %.1f, \"sink\": %zu}\n",
	       sb->len, runs, best_read, best_decode, sb->len / best_read / 1e6,
	       sb->len / best_decode / 1e6, sink);
	return 0;
}

int main(int argc, char **argv)
{
	int records = 0, fail = 0;
	long runs = 0;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--records")) {
			records = 1;
		} else if (!strcmp(argv[i], "--bench") && i + 1 < argc) {
			if (parse_long_str(argv[++i], 1, 1000000, &runs) < 0)
				return error("--bench wants a number of runs"), 2;
		} else {
			fprintf(stderr, "usage: fitdump [--records] [--bench RUNS] FILE...\n");
			return 2;
		}
	}
	if (i == argc) {
		fprintf(stderr, "usage: fitdump [--records] [--bench RUNS] FILE...\n");
		return 2;
	}
	for (; i < argc; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (strbuf_read_file(&sb, argv[i], 0) < 0) {
			error("cannot read '%s': %s", argv[i], strerror(errno));
			fail = 1;
		} else if (runs ? bench(argv[i], &sb, runs) : dump(argv[i], &sb, records)) {
			fail = 1;
		}
		strbuf_release(&sb);
	}
	return fail;
}
