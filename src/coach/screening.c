/* The screening use cases: a round of answers, a clinician's clearance, and the advice the answers
 * that count give. */
#include "screening.h"

#include <stdlib.h>

#include "core/safety.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/screening.h"

void screening_outcome_init(struct screening_outcome *o)
{
	advice_list_init(&o->advice);
	o->blocked = 0;
}

void screening_outcome_release(struct screening_outcome *o)
{
	advice_list_release(&o->advice);
	screening_outcome_init(o);
}

/*
 * A loaded profile's conditions hold the cautions of the screening answers
 * (SAFETY.md section 6) beside those of recent pain: swap the first for
 * what the answers say now. The screening's own bits are those any answer
 * can raise, so the pain's bits stay as they were.
 */
static int refresh_conditions(struct coach *c)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	const char **all = xcalloc(n, sizeof(*all));
	struct screening_state st;
	unsigned mask;

	if (!c->profile_loaded) {
		free(all);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		all[i] = q[i].id;
	mask = safety_screening_conditions(all, n);
	free(all);
	if (store_screening_state(&c->store, &st))
		return -1;
	c->conditions = (c->conditions & ~mask) |
			safety_screening_conditions((const char *const *)st.yes, st.nyes);
	c->input.conditions = c->conditions;
	c->pause = safety_pause(st.blocked);
	c->input.pause = c->pause;
	screening_state_release(&st);
	return 0;
}

int coach_screening_record(struct coach *c, const int *answers, int *round)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	const char **ids;
	int ret;

	if (coach_store(c, 0))
		return -1;
	ids = xcalloc(n, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = q[i].id;
	ret = store_screening_add(&c->store, ids, answers, n, round);
	free(ids);
	if (ret)
		return error_set("cannot save your answers: %s", error_last());
	return refresh_conditions(c);
}

int coach_screening_clear(struct coach *c, const char *note, int *had_yes)
{
	struct screening_state st;
	int yes;

	if (coach_store(c, 0) || store_screening_state(&c->store, &st))
		return -1;
	yes = st.blocked || st.nyes;
	screening_state_release(&st);
	if (store_clearance_add(&c->store, note))
		return error_set("cannot save the clearance: %s", error_last());
	if (had_yes)
		*had_yes = yes;
	return refresh_conditions(c);
}

int coach_screening_outcome(struct coach *c, struct screening_outcome *out)
{
	struct screening_state st;

	screening_outcome_init(out);
	if (coach_store(c, 0) || store_screening_state(&c->store, &st))
		return -1;
	safety_screening_advice((const char *const *)st.yes, st.nyes, &out->advice);
	advice_sort(&out->advice);
	out->blocked = st.blocked;
	screening_state_release(&st);
	return 0;
}
