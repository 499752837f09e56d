/* `hipcoach import`: activity files, folders and Strava or Garmin exports into the runs table, with
 * a report. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "coach/import.h"
#include "lib/datetime.h"
#include "lib/error.h"

static const struct opt opts[] = {
    {0},
};

/* The progress bar on stderr, drawn on a terminal only, at most every 100 ms. */
struct bar {
	int on;
	int64_t drawn_ms;
	int drawn;
};

static void bar_draw(void *ctx, const char *name, size_t done, size_t total)
{
	struct bar *b = ctx;
	int64_t now;
	int width = 30, filled;
	char label[48];

	if (!b->on)
		return;
	now = clock_monotonic_ms();
	if (b->drawn && now - b->drawn_ms < 100)
		return;
	b->drawn_ms = now;
	b->drawn = 1;
	if (strrchr(name, '/'))
		name = strrchr(name, '/') + 1;
	snprintf(label, sizeof(label), "%s", name);
	if (total) {
		size_t d = done > total ? total : done;

		filled = (int)(d * (size_t)width / total);
		fprintf(stderr, "\r\033[K[");
		for (int i = 0; i < width; i++)
			fputs(i < filled ? "#" : "-", stderr);
		fprintf(stderr, "] %zu/%zu %s", d, total, label);
	} else {
		fprintf(stderr, "\r\033[Kimporting... %zu %s", done, label);
	}
	fflush(stderr);
}

static void bar_clear(struct bar *b)
{
	if (b->on && b->drawn)
		fputs("\r\033[K", stderr);
	b->drawn = 0;
}

/* A skipped or damaged file is named with its reason as soon as it is met, above the bar. */
static void file_done(void *ctx, const struct coach_import_file *f)
{
	if (!f->reason[0])
		return;
	bar_clear(ctx);
	printf("%s: %s\n", f->file, f->reason);
}

static int run(struct app *app, const struct args *args)
{
	struct bar bar = {.on = isatty(STDERR_FILENO)};
	const struct coach_import_hooks hooks = {
	    .progress = bar_draw,
	    .file = file_done,
	    .ctx = &bar,
	};
	struct coach_import_report rep;
	int ret, skipped;

	if (app_store(app, 0))
		return 1;
	ret = coach_import(&app->coach, (const char *const *)args->pos, (size_t)args->npos, &hooks,
			   &rep);
	bar_clear(&bar);
	printf("imported %d, duplicates %d, skipped %d", rep.imported, rep.duplicates, rep.skipped);
	if (rep.not_runs) {
		printf(", not runs %d (", rep.not_runs);
		for (size_t i = 0; i < rep.nsports; i++)
			printf("%s%s %d", i ? ", " : "", rep.sports[i].sport, rep.sports[i].count);
		putchar(')');
	}
	putchar('\n');
	if (rep.ignored)
		printf(rep.ignored == 1 ? "%d other file left aside (not an activity file)\n"
					: "%d other files left aside (not activity files)\n",
		       rep.ignored);
	if (rep.imported)
		app_running_reminder(app);
	skipped = rep.skipped;
	coach_import_report_release(&rep);
	if (ret) {
		error("%s", error_last());
		return 1;
	}
	return skipped ? 1 : 0;
}

const struct command cmd_import = {
    .name = "import",
    .summary = "read your runs from watch files or a Strava or Garmin export",
    .usage = "PATH...",
    .help = "Reads activities from .fit, .gpx and .tcx files (each may be gzipped),\n"
	    "from folders (with everything inside them), and from a Strava bulk export:\n"
	    "the .zip as you downloaded it (read as it is, nothing is unpacked) or its\n"
	    "unpacked folder. Strava's activities.csv adds the activities you typed in by\n"
	    "hand and names the sport when a file does not. A zip or folder of Garmin\n"
	    "FIT files works too.\n"
	    "\n"
	    "An activity that is already there (imported before, or the same run from\n"
	    "another file or format) is recognised and skipped. Each file is stored in\n"
	    "one piece; a damaged file is skipped and named with the reason, and the\n"
	    "rest go on. Rides, walks and other sports are kept but do not count as\n"
	    "running.\n"
	    "\n"
	    "Every file found is read, also those an export's activities.csv does not\n"
	    "list; other files (photos, notes) are counted and left aside. A file is\n"
	    "refused, with the reason, when it is larger than 64 MB or grows more than\n"
	    "100 times when uncompressed, when it holds more than 64 activities or\n"
	    "10000 laps, or when it is not a regular file; a run dated after tomorrow\n"
	    "is not stored.\n"
	    "\n"
	    "The import ends with a report: imported, duplicates, skipped, and the\n"
	    "activities that are not runs. It exits with 1 when any file was skipped.",
    .opts = opts,
    .min_pos = 1,
    .max_pos = -1,
    .run = run,
    .group = GROUP_RUNNING,
};
