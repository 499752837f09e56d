/* The Patient-Specific Functional Scale use cases: add an activity, score it, and sum the scores
 * up. */
#include "psfs.h"

#include <math.h>
#include <string.h>

#include "core/safety.h"
#include "lib/error.h"

void psfs_summary_release(struct psfs_summary *s)
{
	psfs_items_free(s->items, s->n);
	memset(s, 0, sizeof(*s));
}

int coach_psfs_add(struct coach *c, const char *name, int64_t *id)
{
	int64_t found;

	if (coach_store(c, 0))
		return -1;
	found = store_psfs_item_find(&c->store, name);
	if (found < 0)
		return -1;
	if (found > 0)
		return error_set("'%s' is already on your list", name);
	return store_psfs_item_add(&c->store, name, id);
}

int coach_psfs_rate(struct coach *c, int64_t id, day_t date, int score)
{
	int exists;

	if (score < 0 || score > 10)
		return error_set("a score is a whole number from 0 to 10, not '%d'", score);
	if (coach_store(c, 0))
		return -1;
	exists = store_psfs_item_exists(&c->store, id);
	if (exists < 0)
		return -1;
	if (!exists)
		return error_set("no activity %lld (see 'hipcoach psfs')", (long long)id);
	return store_psfs_score_add(&c->store, id, date, score);
}

/* An average as the scale reports it: to two decimals. */
static double average(long sum, long n)
{
	return round((double)sum / (double)n * 100) / 100;
}

int coach_psfs_summary(struct coach *c, struct psfs_summary *out)
{
	long first = 0, latest = 0, n = 0;
	/* The averages carry two decimals: compare without the rounding's last bit. */
	const double real = SAFETY_PSFS_REAL_CHANGE - 1e-9;

	memset(out, 0, sizeof(*out));
	if (coach_store(c, 0) || store_psfs_items(&c->store, &out->items, &out->n))
		return -1;
	for (size_t i = 0; i < out->n; i++) {
		if (out->items[i].latest < 0)
			continue;
		first += out->items[i].first;
		latest += out->items[i].latest;
		n++;
	}
	if (!n)
		return 0;
	out->scored = 1;
	out->average_first = average(first, n);
	out->average_latest = average(latest, n);
	if (out->average_latest - out->average_first >= real)
		out->change = PSFS_BETTER;
	else if (out->average_first - out->average_latest >= real)
		out->change = PSFS_WORSE;
	return 0;
}
