/* The morning check-in: one question, once a day, the day after a session. */
#include "checkin.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "coach/checkin.h"
#include "lib/error.h"
#include "lib/parse.h"

int checkin_morning(struct app *app)
{
	int due = coach_morning_due(&app->coach);

	if (due < 0) {
		error("%s", error_last());
		return -2;
	}
	if (!due)
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
			if (coach_morning_record(&app->coach, (int)score)) {
				error("%s", error_last());
				return -2;
			}
			app_recorded(app);
			return (int)score;
		}
		free(line);
		printf("Please answer with a number from 0 to 10.\n");
	}
}
