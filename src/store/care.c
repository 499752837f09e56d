/* The care table: recording that a clinician is managing the hip, and reading the latest word. */
#include "care.h"
#include "sql.h"

#include <stdio.h>
#include <string.h>

int store_care_add(struct store *st, day_t since, const char *note)
{
	char d[11], now[21];

	return store_exec(st, "INSERT INTO care (since, note, recorded_at) VALUES (?, ?, ?)", "ttt",
			  day_format(since, d), note && *note ? note : NULL,
			  time_format_iso(clock_now(), now));
}

int store_care_latest(struct store *st, struct care_rec *out)
{
	struct store_stmt *stmt = store_prepare(
	    st, "SELECT since, note FROM care ORDER BY since DESC, id DESC LIMIT 1", "");
	int rc;

	memset(out, 0, sizeof(*out));
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		if (day_parse(store_col_text(stmt, 0), &out->since))
			out->since = 0;
		snprintf(out->note, sizeof(out->note), "%s", store_col_text(stmt, 1));
		rc = out->since != 0;
	}
	store_finalize(stmt);
	return rc;
}
