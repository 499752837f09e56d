/* `hipcoach import-backup`: a backup from 'export json' back in, all or nothing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "coach/backup.h"
#include "lib/error.h"

static const struct opt opts[] = {
    {"replace", 0, NULL, "replace everything in a database that already holds data"},
    {0},
};

/* A backup of several years is a few megabytes; anything far larger is not one. */
#define BACKUP_MAX_BYTES (256u << 20)

static int run(struct app *app, const struct args *args)
{
	const char *path = args->pos[0];
	struct strbuf sb = STRBUF_INIT;
	struct backup_report rep;
	int ret = 1;

	if (strbuf_read_file(&sb, path, BACKUP_MAX_BYTES)) {
		error("cannot read '%s': %s", path,
		      errno == EFBIG ? "too large for a backup" : strerror(errno));
		strbuf_release(&sb);
		return 1;
	}
	backup_report_init(&rep);
	if (coach_backup_import(&app->coach, path, sb.buf, sb.len,
				arg_has(app->cmd, args, "replace"), &rep)) {
		error("%s", error_last());
		goto out;
	}
	printf("imported %zu row%s from %s", rep.rows, rep.rows == 1 ? "" : "s", path);
	for (size_t i = 0, n = 0; i < rep.ntables; i++)
		if (rep.tables[i].rows)
			printf("%s%s %zu", n++ ? ", " : ": ", rep.tables[i].table,
			       rep.tables[i].rows);
	putchar('\n');
	ret = 0;
out:
	backup_report_release(&rep);
	strbuf_release(&sb);
	return ret;
}

const struct command cmd_import_backup = {
    .name = "import-backup",
    .summary = "restore everything from a backup made by 'export json'",
    .usage = "[--replace] FILE.json",
    .help = "Reads a backup written by 'hipcoach export json' into the database:\n"
	    "your profile, screening answers, sessions and their results, pain\n"
	    "check-ins, runs and progress. All of it goes in, or nothing does.\n"
	    "\n"
	    "Into a new database it restores exactly what was exported. A database\n"
	    "that already holds data is left alone unless you give --replace: then\n"
	    "everything in it is replaced by the backup. A backup from a newer\n"
	    "hipcoach is refused; update hipcoach first.",
    .opts = opts,
    .min_pos = 1,
    .max_pos = 1,
    .run = run,
    .group = GROUP_EXPORT,
};
