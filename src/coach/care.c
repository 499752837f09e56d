/* Under a clinician's care: recording the runner's word; status reads it back for the rules. */
#include "care.h"

#include "lib/error.h"

int coach_care_record(struct coach *c, const char *note, struct care_rec *out)
{
	day_t today = clock_today();

	if (coach_store(c, 0))
		return -1;
	if (store_care_add(&c->store, today, note))
		return error_set("cannot save that a clinician is looking after your hip: %s",
				 error_last());
	if (out && store_care_latest(&c->store, out) < 0)
		return -1;
	return 0;
}
