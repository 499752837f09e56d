/* The morning check-in: due once a day, the day after a session. */
#include "checkin.h"

#include <stdlib.h>

#include "lib/error.h"
#include "store/session.h"

int coach_morning_due(struct coach *c)
{
	day_t today = clock_today();
	struct session_rec *prev = NULL;
	size_t n = 0, done = 0;
	int have;

	if (coach_store(c, 0))
		return -1;
	have = store_pain_morning_exists(&c->store, today);
	if (have < 0 || store_sessions_between(&c->store, today - 1, today - 1, &prev, &n))
		return -1;
	/* A skipped session did no exercise whose pain could settle. */
	for (size_t i = 0; i < n; i++)
		done += !prev[i].skipped;
	free(prev);
	return !have && done > 0;
}

int coach_morning_record(struct coach *c, int score)
{
	if (score < 0 || score > 10)
		return error_set("cannot save the check-in: pain is a number from 0 to 10, not %d",
				 score);
	if (coach_store(c, 0) || store_pain_morning(&c->store, clock_today(), score))
		return error_set("cannot save the check-in: %s", error_last());
	return 0;
}
