/* The morning check-in: one question, once a day, the day after a session. */
#include "checkin.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "store/session.h"

int checkin_morning(struct app *app)
{
	day_t today = clock_today();
	struct session_rec *prev = NULL;
	size_t n = 0;
	int have;

	if (app_store(app, 0))
		return -2;
	have = store_pain_morning_exists(&app->coach.store, today);
	if (have < 0 ||
	    store_sessions_between(&app->coach.store, today - 1, today - 1, &prev, &n)) {
		error("%s", error_last());
		return -2;
	}
	free(prev);
	if (have || !n)
		return -1;
	for (;;) {
		int eof;
		char *line = prompt_line("How does the hip feel this morning? Pain 0-10 (Enter to "
					 "skip)",
					 NULL, &eof);
		long score;

		if (!line || !*line || eof) {
			free(line);
			return -1;
		}
		if (!parse_long_str(line, 0, 10, &score)) {
			free(line);
			if (store_pain_morning(&app->coach.store, today, (int)score)) {
				error("cannot save the check-in: %s", error_last());
				return -2;
			}
			app_recorded(app);
			return (int)score;
		}
		free(line);
		printf("Please answer with a number from 0 to 10.\n");
	}
}
