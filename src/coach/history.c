/* The runner's history: the sessions of a range with their results, grouped by exercise. */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

void history_init(struct history *h)
{
	memset(h, 0, sizeof(*h));
}

void history_release(struct history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->sessions[i].results);
		free(h->sessions[i].items);
	}
	free(h->sessions);
	history_init(h);
}

/* Consecutive results of one exercise make one item, as the player records them in script order. */
static void group_items(struct history_session *s)
{
	s->items = xcalloc(s->nresults ? s->nresults : 1, sizeof(*s->items));
	for (size_t i = 0; i < s->nresults; i++) {
		const struct result_rec *r = &s->results[i];
		struct history_item *it;

		if (!i || strcmp(r->exercise, s->results[i - 1].exercise)) {
			it = &s->items[s->nitems++];
			it->exercise = r->exercise;
			it->variant = r->variant;
			it->sets = r;
		}
		s->items[s->nitems - 1].nsets++;
	}
}

int coach_history(struct coach *c, day_t from, day_t to, struct history *out)
{
	struct session_rec *recs = NULL;
	size_t n = 0;

	history_init(out);
	if (coach_profile(c))
		return -1;
	out->to = to ? to : clock_today();
	if (store_sessions_between(&c->store, from, out->to, &recs, &n))
		return -1;
	out->from = from ? from : n ? recs[0].date : out->to;
	out->sessions = xcalloc(n ? n : 1, sizeof(*out->sessions));
	for (size_t i = 0; i < n; i++) {
		struct history_session *s = &out->sessions[i];

		s->rec = recs[i];
		out->n++;
		if (store_results_list(&c->store, s->rec.id, &s->results, &s->nresults)) {
			free(recs);
			return -1;
		}
		group_items(s);
	}
	free(recs);
	return 0;
}

void history_keep_newest(struct history *h, size_t n)
{
	size_t drop;

	if (h->n <= n)
		return;
	drop = h->n - n;
	for (size_t i = 0; i < drop; i++) {
		free(h->sessions[i].results);
		free(h->sessions[i].items);
	}
	memmove(h->sessions, h->sessions + drop, n * sizeof(*h->sessions));
	h->n = n;
}
