/* The advice list: building, ordering by urgency, and the stable code names. */
#include "advice.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

const char *const advice_code_names[ADVICE_COUNT] = {
    [ADVICE_URGENT_CARE] = "urgent-care",
    [ADVICE_BONE_STRESS] = "bone-stress",
    [ADVICE_SEE_DOCTOR_SOON] = "see-doctor-soon",
    [ADVICE_SEE_SPECIALIST] = "see-specialist",
    [ADVICE_SEE_PT] = "see-pt",
    [ADVICE_STEP_BACK] = "step-back",
    [ADVICE_EASE_OFF] = "ease-off",
    [ADVICE_SCALE_BACK_RUNNING] = "scale-back-running",
    [ADVICE_CAUTION] = "caution",
    [ADVICE_PROGRESS] = "progress",
    [ADVICE_UNDER_CARE] = "under-care",
    [ADVICE_ON_TRACK] = "on-track",
};

void advice_list_init(struct advice_list *l)
{
	memset(l, 0, sizeof(*l));
}

void advice_list_release(struct advice_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].message);
		free(l->items[i].source);
	}
	free(l->items);
	advice_list_init(l);
}

void advice_add(struct advice_list *l, enum advice_code code, const char *source, const char *fmt,
		...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(l->items, l->n + 1, l->alloc);
	l->items[l->n].code = code;
	l->items[l->n].message = strbuf_detach(&sb, NULL);
	l->items[l->n].source = xstrdup(source ? source : "");
	l->n++;
}

void advice_sort(struct advice_list *l)
{
	/* Insertion sort: stable, and the lists are a handful of items long. */
	for (size_t i = 1; i < l->n; i++) {
		struct advice a = l->items[i];
		size_t j = i;

		while (j > 0 && l->items[j - 1].code > a.code) {
			l->items[j] = l->items[j - 1];
			j--;
		}
		l->items[j] = a;
	}
}

int advice_has(const struct advice_list *l, enum advice_code code)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].code == code)
			return 1;
	return 0;
}

int advice_code_parse(const char *name)
{
	for (int i = 0; i < ADVICE_COUNT; i++)
		if (!strcmp(advice_code_names[i], name))
			return i;
	return -1;
}

int advice_blocks_sessions(enum advice_code code)
{
	return code == ADVICE_URGENT_CARE || code == ADVICE_BONE_STRESS;
}

int advice_is_referral(enum advice_code code)
{
	return code <= ADVICE_SEE_PT;
}

int advice_is_calm(enum advice_code code)
{
	return code == ADVICE_PROGRESS || code == ADVICE_UNDER_CARE || code == ADVICE_ON_TRACK;
}

const char *advice_title(enum advice_code code)
{
	static const char *const titles[ADVICE_COUNT] = {
	    [ADVICE_URGENT_CARE] = "GET CARE TODAY",
	    [ADVICE_BONE_STRESS] = "STOP RUNNING · SEE A CLINICIAN WITHIN DAYS",
	    [ADVICE_SEE_DOCTOR_SOON] = "SEE A DOCTOR SOON",
	    [ADVICE_SEE_SPECIALIST] = "SEE A SPECIALIST",
	    [ADVICE_SEE_PT] = "SEE A PHYSICAL THERAPIST",
	    [ADVICE_STEP_BACK] = "STEP BACK",
	    [ADVICE_EASE_OFF] = "EASE OFF",
	    [ADVICE_SCALE_BACK_RUNNING] = "RUN LESS",
	    [ADVICE_CAUTION] = "TAKE MORE CARE",
	    [ADVICE_PROGRESS] = "READY FOR MORE",
	    [ADVICE_UNDER_CARE] = "WITH YOUR CLINICIAN",
	    [ADVICE_ON_TRACK] = "ON TRACK",
	};

	return (unsigned)code < ADVICE_COUNT ? titles[code] : "";
}
