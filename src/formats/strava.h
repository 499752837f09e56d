/* Strava bulk export: activities.csv rows and a walker over the export's zip or folder. */
#ifndef HIPCOACH_STRAVA_H
#define HIPCOACH_STRAVA_H

#include <stddef.h>
#include <time.h>

#include "../core/activity.h"
#include "csv.h"

/* One row of activities.csv. */
struct strava_row {
	char id[24];	     /* "Activity ID" as written; "" unknown */
	char name[128];	     /* "Activity Name", cut to fit */
	struct activity act; /* the csv's own totals (unknown fields as activity_init) */
	char filename[256];  /* "activities/123.fit.gz"; "" for a manual entry */
	char error[128];     /* "" or what in the row could not be read (a date, say) */
};

/*
 * activities.csv reader.
 *
 * Columns are found by their English names. Strava repeats some: the first
 * "Distance" is the display unit (km, written "10,02" in some locales;
 * metres for swims), the second metres; the first "Elapsed Time" is whole
 * seconds, the second fractional; "Max Heart Rate" twice. The later,
 * metric columns win when present.
 *
 * Localized exports translate the headers. When "Activity ID", "Activity
 * Date" and "Activity Type" are all absent, columns are taken by position
 * in Strava's standard layout: 0 ID, 1 Date, 2 Name, 3 Type, 5 Elapsed
 * Time, 6 Distance; with 32 or more columns (the 2021 layout) also 7 Max
 * Heart Rate, 12 Filename, 15 Elapsed Time, 16 Moving Time, 17 Distance
 * (m), 20 Elevation Gain, 30 Max Heart Rate, 31 Average Heart Rate.
 * Without a named Filename column the file is the first field of the row
 * that starts with "activities/".
 *
 * Dates: "Oct 6, 2022, 11:19:20 PM" (English, UTC), "6 Oct 2022 23:19:20",
 * ISO "2022-10-06 23:19:20", "6. 10. 2022 23:19:20" (day first, dotted),
 * and "10/6/2022, 11:19:20 PM" (month first, US); month names in English
 * and a few common German, French and Spanish abbreviations.
 */
struct strava_csv {
	struct csv_reader rd;
	int col[16];
	int positional; /* 1 when the English names were absent */
	size_t nfields; /* the header's */
};

/* Reads the header row; 0, or -1 with error_last() set. data must outlive c. */
int strava_csv_open(struct strava_csv *c, const char *data, size_t len);
/*
 * The next row: 1, 0 at the end, -1 on a CSV syntax error (error_last()).
 * A row that spans several lines with another number of fields than the
 * header, or that has more fields than the header, is a quote left open
 * or a stray comma: it comes back with its error set and no file name,
 * as its columns cannot be trusted.
 */
int strava_csv_next(struct strava_csv *c, struct strava_row *row);
void strava_csv_release(struct strava_csv *c);

/* Parses an activities.csv date (formats above) as UTC; 0 or -1. */
int strava_parse_date(const char *s, time_t *out);
/* Maps an "Activity Type" (English or a few localized names) to our sport strings. */
const char *strava_sport(const char *type);

/*
 * One activity of an export, as strava_next() yields it.
 *
 *   has_row  the csv has a row for it (row holds its totals); 0 for a file
 *            of a zip that no row names (or a zip without activities.csv)
 *   file     the file's name in the export ("activities/1.fit.gz"), ""
 *            for a manual entry (a row without a file)
 *   acts     what the file decoded to (usually one activity); empty for
 *            manual entries and damaged or missing files
 *   partial  1 when a FIT file was read only in part (acts holds what was
 *            recovered)
 *   error    "" or why there is nothing to import: the file is damaged
 *            ("line 3, column 1: not well-formed"), missing from the
 *            export, or a manual entry's row is unreadable. The importer
 *            skips the item and reports "FILE: error".
 *   known    1 when the strava_known_fn hook recognised the file: it was
 *            not decoded and acts is empty
 *   key      what the hook wrote for the file ("" without a hook), so the
 *            importer can register a new file under the key it was looked
 *            up by
 */
#define STRAVA_KEY_SIZE 48
struct strava_item {
	int has_row;
	struct strava_row row;
	char file[256];
	struct activity_list acts;
	int partial;
	int known;
	char key[STRAVA_KEY_SIZE];
	char error[256];
};

void strava_item_init(struct strava_item *it);
void strava_item_release(struct strava_item *it);

struct strava_export;

/*
 * Opens an export: a .zip (read as a stream, nothing is unpacked to disk)
 * or an unpacked folder holding activities.csv. Returns 0 with *out set,
 * or -1 with error_last() set.
 *
 * Zip entries arrive in archive order: once activities.csv has been read,
 * each file is decoded and yielded as it comes; files that come before the
 * csv are decoded at once and their (small) results held until the csv
 * arrives. Rows whose file never came, and manual entries, are yielded at
 * the end. A folder is walked in the csv's row order.
 */
int strava_open(const char *path, struct strava_export **out);

/*
 * Fills *item (initialised once with strava_item_init(); each call
 * releases what it held) with the next activity: 1, or 0 at the end.
 * Damage to one file never stops the walk; damage to the zip itself ends
 * it, and every row not yet seen comes back with an error naming it.
 */
int strava_next(struct strava_export *exp, struct strava_item *item);

/*
 * A hook that recognises a file already imported from its bytes as stored
 * in the export (gzipped or not), before they are decompressed and parsed:
 * re-importing an export then costs reading it, not decoding it. It writes
 * the file's key (NUL-terminated, at most STRAVA_KEY_SIZE bytes with the
 * NUL) into key whatever it answers, and returns 1 when the file is known
 * (the item comes back with known = 1 and no activities), 0 to decode it,
 * or -1 on its own failure (the item comes back with error set from
 * error_last(), undecoded). data is only valid during the call.
 */
typedef int (*strava_known_fn)(void *ctx, const char *file, const unsigned char *data, size_t len,
			       char key[STRAVA_KEY_SIZE]);
/* Sets the hook (NULL: none, every file is decoded) for the files not yet read. */
void strava_set_known(struct strava_export *exp, strava_known_fn fn, void *ctx);

/* Rows read from activities.csv so far. */
size_t strava_rows(const struct strava_export *exp);
/* Files of a zip met so far that are neither activities.csv nor activity files. */
size_t strava_ignored(const struct strava_export *exp);

void strava_close(struct strava_export *exp);

#endif
