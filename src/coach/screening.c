/* The screening use cases: a round of answers, a clinician's clearance, the advice the answers
 * that count give, and whether the questions are required again. */
#include "screening.h"

#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/pain.h"
#include "store/screening.h"

void screening_state_init(struct screening_state *s)
{
	memset(s, 0, sizeof(*s));
	s->rescreen.reason = RESCREEN_NO;
}

void screening_state_release(struct screening_state *s)
{
	screening_state_init(s);
}

void screening_outcome_init(struct screening_outcome *o)
{
	advice_list_init(&o->advice);
	o->blocked = 0;
	o->required = 0;
}

void screening_outcome_release(struct screening_outcome *o)
{
	advice_list_release(&o->advice);
	screening_outcome_init(o);
}

/*
 * SAFETY.md section 1, "again when pain jumps": gathers the check-ins from
 * 7 days before the first one logged after the latest round, each with the
 * weekly pain of the week before its own, and lets core decide.
 */
static int rescreen(struct coach *c, time_t last_round, struct rescreen *out)
{
	struct pain_entry *e = NULL;
	struct pain_mark *m = NULL;
	struct pain_week *w = NULL;
	day_t first, today = clock_today(), from;
	size_t n = 0, nw;
	int rc = store_pain_first_logged_after(&c->store, last_round, &first);

	memset(out, 0, sizeof(*out));
	out->reason = RESCREEN_NO;
	if (rc <= 0)
		return rc;
	if (first > today)
		first = today;
	from = day_week_start(first) - 7;
	nw = (size_t)((day_week_start(today) - from) / 7 + 1);
	w = xcalloc(nw, sizeof(*w));
	if (store_pain_between(&c->store, first - SAFETY_PAIN_JUMP_DAYS, today, &e, &n) ||
	    coach_pain_weeks(c, from, w, nw)) {
		rc = -1;
		goto out;
	}
	m = xcalloc(n ? n : 1, sizeof(*m));
	for (size_t i = 0; i < n; i++) {
		long wk = ((long)day_week_start(e[i].date) - 7 - from) / 7;

		m[i].date = e[i].date;
		m[i].score = e[i].score;
		m[i].groin = e[i].location == PAIN_LOCATION_GROIN;
		m[i].is_new = e[i].at >= last_round;
		/* The week before's weekly pain, as the trend counts it (safety_pain_weeks()). */
		m[i].week_before = wk >= 0 && (size_t)wk < nw ? w[wk].value : -1;
	}
	safety_rescreen(m, n, out);
	rc = 0;
out:
	free(e);
	free(m);
	free(w);
	return rc;
}

int coach_screening_state(struct coach *c, struct screening_state *out)
{
	struct screening_rows rows;

	screening_state_init(out);
	if (coach_store(c, 0) || store_screening_rows(&c->store, &rows))
		return -1;
	out->rounds = rows.rounds;
	out->last_round = rows.last_round;
	out->last_cleared = rows.last_cleared;
	out->history_seen = rows.history_seen;
	safety_screening_decide(rows.yes, rows.nyes, &out->decision);
	out->blocked = out->decision.blocked;
	screening_rows_release(&rows);
	if (rescreen(c, out->last_round, &out->rescreen)) {
		screening_state_init(out);
		return -1;
	}
	out->required = out->rescreen.reason != RESCREEN_NO;
	return 0;
}

int coach_screening_needed(struct coach *c, struct strbuf *reason)
{
	struct screening_state st;

	if (coach_screening_state(c, &st))
		return -1;
	if (reason && st.required)
		safety_rescreen_reason(&st.rescreen, reason);
	return !st.rounds || st.required;
}

/*
 * A loaded profile's conditions hold the cautions of the screening answers
 * (SAFETY.md section 6) beside those of recent pain: swap the first for
 * what the answers say now. The screening's own bits are those any answer
 * can raise, so the pain's bits stay as they were.
 */
static int refresh_conditions(struct coach *c)
{
	unsigned mask = safety_screening_condition_mask(), cond;
	int blocked;

	if (!c->profile_loaded)
		return 0;
	if (coach_screening_conditions(c, &cond, &blocked))
		return -1;
	c->conditions = (c->conditions & ~mask) | cond;
	c->input.conditions = c->conditions;
	c->pause = safety_pause(blocked);
	c->input.pause = c->pause;
	return 0;
}

int coach_screening_record(struct coach *c, const int *answers, int *round)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	struct screening_rows rows;
	const char **ids;
	int *asked, ret;

	if (coach_store(c, 0) || store_screening_rows(&c->store, &rows))
		return -1;
	ids = xcalloc(n, sizeof(*ids));
	asked = xcalloc(n, sizeof(*asked));
	/* Only what the round asks is recorded (SAFETY.md section 1), in the order asked. */
	for (size_t i = 0; i < n; i++) {
		ids[i] = q[i].id;
		asked[i] = answers[i] > 0 ? 1 : answers[i] < 0 ? -1 : 0;
		if (!safety_question_asked(i, asked, rows.history_seen) &&
		    !((q[i].flags & SCREEN_HISTORY) && asked[i] == 1))
			asked[i] = -1;
	}
	screening_rows_release(&rows);
	ret = store_screening_add(&c->store, ids, asked, n, round);
	free(ids);
	free(asked);
	if (ret)
		return error_set("cannot save your answers: %s", error_last());
	return refresh_conditions(c);
}

int coach_screening_clear(struct coach *c, const char *note, int *had_yes)
{
	struct screening_rows rows;
	struct screen_decision d;

	if (coach_store(c, 0) || store_screening_rows(&c->store, &rows))
		return -1;
	safety_screening_decide(rows.yes, rows.nyes, &d);
	screening_rows_release(&rows);
	if (store_clearance_add(&c->store, note))
		return error_set("cannot save the clearance: %s", error_last());
	if (had_yes)
		*had_yes = d.n > 0;
	return refresh_conditions(c);
}

int coach_screening_outcome(struct coach *c, struct screening_outcome *out)
{
	struct screening_state st;

	screening_outcome_init(out);
	if (coach_screening_state(c, &st))
		return -1;
	safety_screening_advice(&st.decision, &out->advice);
	advice_sort(&out->advice);
	out->blocked = st.blocked;
	out->required = st.required;
	screening_state_release(&st);
	return 0;
}
