/* Safety decisions (SAFETY.md sections 1, 2 and 4): red-flag screening questions, pain monitoring,
 * and when to see a clinician. */
#ifndef HIPCOACH_SAFETY_H
#define HIPCOACH_SAFETY_H

#include <stddef.h>

#include "advice.h"
#include "lib/datetime.h"

/* ---- The numbers the rules decide by: each once, named, with its source ---- */

/* Pain during exercise: up to 3 "fine", up to 5 "acceptable", above 5 "too much" (Silbernagel et
 * al., Am J Sports Med 2007; SAFETY.md section 2). */
#define SAFETY_PAIN_FINE       3
#define SAFETY_PAIN_ACCEPTABLE 5
/* A stretch rated above this hurts: ease off (the article; SAFETY.md section 2). */
#define SAFETY_STRETCH_PAIN 3
/* Pain rated this high or higher, at any time: see a physical therapist now (SAFETY.md §4 [S]). */
#define SAFETY_PAIN_HIGH 8
/* A rise of this many points over the previous score offers the screening again (SAFETY.md §1). */
#define SAFETY_PAIN_JUMP 3
/* Morning pain at most this far above the pain before a session has settled (SAFETY.md §2 [S]). */
#define SAFETY_SETTLED_MARGIN 1
/* Weekly pain up by this much is rising: pain must not rise week to week (SAFETY.md §2 [S]). */
#define SAFETY_PAIN_RISE 1.0
/* A change that matters on a 0-10 scale: 2 points or 30% (Farrar et al., Pain 2001). */
#define SAFETY_MEANINGFUL_POINTS 2.0
#define SAFETY_MEANINGFUL_SHARE	 0.30
/* "Not better" after 2 weeks: weekly pain less than this much below the first week (§4 [S]). */
#define SAFETY_NOT_BETTER_POINTS 1.0
/* Doing the program: at least this share of the planned sessions (SAFETY.md section 4). */
#define SAFETY_ADHERENCE_MIN 0.75
/* When escalation looks again: 2 weeks (LEAP, Mellor BMJ 2018), 6 weeks (UK pathways) and 12
 * weeks (Kemp BJSM 2020) into the program. */
#define SAFETY_REVIEW_DAYS     14
#define SAFETY_PT_DAYS	       42
#define SAFETY_SPECIALIST_DAYS 84

/* ---- Screening (SAFETY.md section 1) ---- */

enum screen_severity {
	SEVERITY_URGENT_CARE, /* stop and get care today */
	SEVERITY_BONE_STRESS, /* possible bone stress injury: stop running, clinician within days */
	SEVERITY_SEE_DOCTOR_SOON, /* a doctor within days to two weeks */
};
extern const char
    *const screen_severity_names[3]; /* "urgent-care", "bone-stress", "see-doctor-soon" */

/*
 * One yes/no question. `id` is stable (stored with every answer); `text` is
 * asked in plain words, second person; a yes gives advice built from
 * `said` (what the runner told us) and `why`.
 */
struct screen_question {
	const char *id;
	const char *text;
	enum screen_severity severity;
	const char *said;
	const char *why;
	const char *source;
};

/* The questions in the order they are asked; the table is static. */
const struct screen_question *safety_questions(size_t *n);
/* The question with this id, or NULL. */
const struct screen_question *safety_question_find(const char *id);
/* The advice code a yes to a question of this severity gives. */
enum advice_code safety_severity_code(enum screen_severity sev);
/*
 * Adds one advice item per "yes" answer (ids of questions; unknown ids are
 * ignored). Answers are never added up into a score: each yes stands alone.
 */
void safety_screening_advice(const char *const *yes, size_t n, struct advice_list *out);

/*
 * Exercise cautions raised by screening answers (SAFETY.md section 6 [O]):
 * numbness or tingling -> COND_LEG_SYMPTOMS (press-up and cat-cow modified),
 * numbness getting worse -> COND_NEW_NUMBNESS (they are left out). Returns
 * enum condition flags (core/program.h).
 */
unsigned safety_screening_conditions(const char *const *yes, size_t n);

/*
 * What a block in force pauses (enum pause in core/plan.h), SAFETY.md
 * section 1: every session and running, until a clinician has seen the
 * runner. 0 when nothing is blocked.
 */
unsigned safety_pause(int blocked);
/* What the runner is told while paused: "Paused until a clinician has seen you: ...". */
const char *safety_pause_text(unsigned pause);
/* What a run recorded, imported or looked at while running is paused reminds the runner of. */
extern const char safety_running_paused_text[];

/* ---- Pain monitoring (SAFETY.md section 2) ---- */

enum pain_zone { PAIN_FINE, PAIN_ACCEPTABLE, PAIN_TOO_MUCH };
extern const char *const pain_zone_names[3]; /* "fine", "acceptable", "too much" */
/* Pain during exercise: 0-3 fine, 4-5 acceptable, above 5 too much (Silbernagel 2007). */
enum pain_zone safety_pain_zone(int during);
/* A stretch rated above 3/10 is painful: ease off (SAFETY.md section 2, article). */
int safety_stretch_too_painful(int pain);
/*
 * Whether pain after exercise had settled by the next morning: 1 yes, 0
 * no, -1 cannot tell. `before` is the pain before the session (-1 unknown),
 * `morning` the next morning's pain (-1 not logged). Settled: at most 1
 * point above `before`; without `before`, 3 or less (above: cannot tell).
 */
int safety_settled(int before, int morning);
/* Which way weekly pain went from `from` to `to`, by the meaningful change of Farrar (Pain 2001).
 */
enum pain_trend { TREND_BETTER, TREND_SAME, TREND_WORSE };
extern const char *const pain_trend_names[3]; /* "getting better", "about the same", ... */
enum pain_trend safety_pain_trend(double from, double to);
/* Whether to offer the screening questions again: a jump of 3 or more over `prev` (-1: none), or a
 * pain of 8 or more. */
int safety_reoffer_screening(int prev, int score);

/* ---- Escalation (SAFETY.md section 4) ---- */

/* What hipcoach knows about a yes/no fact: not known yet, no, yes. */
enum tristate { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 };

/* One calendar week (Monday to Sunday) of pain and sessions. Means are -1 when there is no score.
 */
struct pain_week {
	day_t monday;
	double mean; /* all pain scores of the week: the weekly pain of section 4 */
	double during, after, morning, now;
	int count;
	int max;	   /* -1: none */
	int planned, done; /* sessions planned in the program (from its start) and done */
};

struct escalation_input {
	day_t today;
	day_t start; /* the program's first day */
	/* Weeks from the one holding `start` (the baseline) through this week, oldest first. */
	const struct pain_week *weeks;
	size_t nweeks;
	int max_pain_recent; /* highest pain in the last 14 days, -1 none */
	day_t max_pain_day;
	const char
	    *skipped_exercise; /* the exercise skipped for pain most often in the last 28 days */
	int skipped_count;
	/*
	 * Running in the last 14 days below 80% of the 4 weeks before the program,
	 * per week (SAFETY.md section 5, core/load.h). TRI_UNKNOWN until runs from
	 * before the program are recorded; the rules that need it then say they
	 * could not judge it.
	 */
	enum tristate scaled_back;
	int unsettled; /* strength days in the last 7 days whose pain had not settled by the next
			  morning */
	day_t unsettled_day;	     /* the latest of them */
	int too_much_during;	     /* sessions in the last 7 days with pain during above 5 */
	int too_much_max;	     /* the highest of those pains */
	int painful_stretches;	     /* stretch ratings above 3 in the last 7 days */
	const char *painful_stretch; /* the name of one of them */
};

/* The weekly pain used as the baseline and the latest: indexes into weeks, -1 when missing. */
int safety_baseline_week(const struct pain_week *weeks, size_t n);
int safety_latest_week(const struct pain_week *weeks, size_t n);
/* A meaningful improvement: a drop of at least 2 points or 30% (Farrar, Pain 2001). */
int safety_meaningful_drop(double baseline, double latest);
/* Adherence over the two complete weeks before this one: done/planned, -1 when nothing was planned.
 */
double safety_adherence_2w(const struct pain_week *weeks, size_t n);

/*
 * Applies the pain-monitoring rules (section 2) and the escalation rules
 * (section 4) and appends their advice, each with its source. Adds no
 * on-track item: the caller decides what to say when nothing fired.
 */
void safety_escalate(const struct escalation_input *in, struct advice_list *out);

/* ---- Outcome measures (SAFETY.md section 7) ---- */

/*
 * A change of 2 points on the average of the Patient-Specific Functional
 * Scale is a real change, beyond measurement error (SAFETY.md section 7: the
 * scale's published minimal clinically important difference).
 */
#define SAFETY_PSFS_REAL_CHANGE 2.0

#endif
