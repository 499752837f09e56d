/* The advice list: what hipcoach tells the runner to do, each item with its code, message and
 * source, most urgent first. */
#ifndef HIPCOACH_ADVICE_H
#define HIPCOACH_ADVICE_H

#include <stddef.h>

/*
 * Advice codes in order of urgency: a lower value is more urgent. The names
 * (advice_code_names) are the stable codes of `status --json`.
 */
enum advice_code {
	ADVICE_URGENT_CARE, /* get care today */
	ADVICE_BONE_STRESS, /* possible bone stress injury: stop running, clinician within days */
	ADVICE_SEE_DOCTOR_SOON,	   /* a doctor within days to two weeks */
	ADVICE_SEE_SPECIALIST,	   /* not clearly better by 12 weeks */
	ADVICE_SEE_PT,		   /* a physical therapist */
	ADVICE_STEP_BACK,	   /* do less for now */
	ADVICE_EASE_OFF,	   /* stretches: gentle tension only */
	ADVICE_SCALE_BACK_RUNNING, /* run less */
	ADVICE_CAUTION,		   /* history that raises the risk of bone stress: more care */
	ADVICE_PROGRESS,	   /* ready for more */
	ADVICE_UNDER_CARE, /* a referral the runner acted on: a clinician is on it (weekly reminder)
			    */
	ADVICE_ON_TRACK,   /* nothing to change */
};
#define ADVICE_COUNT 12
extern const char *const advice_code_names[ADVICE_COUNT];

struct advice {
	enum advice_code code;
	char *message; /* plain words: what to do, how soon, why */
	char *source;  /* SAFETY.md's citation for the rule */
};

struct advice_list {
	struct advice *items;
	size_t n, alloc;
};

#define ADVICE_LIST_INIT                                                                           \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}
void advice_list_init(struct advice_list *l);
void advice_list_release(struct advice_list *l);

/* Appends one item (message formatted printf-style); the list owns copies of the strings. */
void advice_add(struct advice_list *l, enum advice_code code, const char *source, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));
/* Sorts most urgent first; items of the same code keep the order they were added in. */
void advice_sort(struct advice_list *l);
/* 1 if the list holds an item with this code. */
int advice_has(const struct advice_list *l, enum advice_code code);
/* The code's name ("see-pt"), or -1 from advice_code_parse() for an unknown name. */
int advice_code_parse(const char *name);
/* 1 for codes that block guided sessions until a clinician has cleared the runner (SAFETY.md
 * section 1). */
int advice_blocks_sessions(enum advice_code code);
/* 1 for codes that send the runner to a clinician (urgent care down to see-pt). */
int advice_is_referral(enum advice_code code);
/* 1 for good news and calm reminders (progress, under-care, on-track), shown without alarm. */
int advice_is_calm(enum advice_code code);
/* A short heading for a code, in capitals for a box or a page: "GET CARE TODAY"; "" if unknown. */
const char *advice_title(enum advice_code code);

#endif
