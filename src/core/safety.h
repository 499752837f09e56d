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
/*
 * Doing the program, strength first (SAFETY.md section 4: "doing the program (>= 75% of planned
 * sessions)"; the article's remedy is strength first [S]): over the last 2 complete weeks, at
 * least this share of the planned strength sessions ...
 */
#define SAFETY_ADHERENCE_STRENGTH_MIN 0.75
/* ... and a stretch session on at least this share of the planned stretch days (SAFETY.md §4 [S]:
 * stretching is part of the article's program, secondary to strength). */
#define SAFETY_ADHERENCE_STRETCH_MIN 0.50
/* A week's pain needs scores on at least this many days (SAFETY.md section 2: "needs at least 2
 * scores in a week" [S]; two scores of one day are one day, so one day never decides a week). */
#define SAFETY_WEEK_MIN_DAYS 2
/* Under a clinician's care, the advice to see one comes back as a calm reminder every this many
 * days (SAFETY.md section 4 [S]: the runner has acted on it; a reminder, not an alarm). */
#define SAFETY_CARE_REMINDER_DAYS 7
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

/* Which scores a week's pain comes from (SAFETY.md section 2: the next-morning scores first). */
enum pain_basis { PAIN_BASIS_NONE, PAIN_BASIS_MORNING, PAIN_BASIS_ALL };
extern const char *const pain_basis_names[3]; /* NULL, "morning", "all" */

/* One calendar week (Monday to Sunday) of pain and sessions. Means are -1 when there is no score.
 */
struct pain_week {
	day_t monday;
	double mean; /* all pain scores of the week, as logged (shown beside the weekly pain) */
	double during, after, morning, now;
	int count;
	int max; /* -1: none */
	/*
	 * The weekly pain the trend and the rules of sections 2 and 4 use
	 * (safety_pain_weeks()): the median of the week's days, each day the
	 * median of its scores, from the next-morning scores when at least 2
	 * days have one, else from all scores; -1 with fewer than 2 days.
	 * `low` and `high` are the two middle days (equal with an odd number
	 * of days): a decision is taken on a week only where both agree.
	 */
	double value, low, high;
	int days;	       /* days behind `value` */
	enum pain_basis basis; /* the scores behind `value` */
	int planned, done;     /* sessions planned in the program (from its start) and done */
	int strength_planned;  /* strength sessions planned */
	int strength_done;     /* ... and done, one a day at most, never more than planned */
	int stretch_planned;   /* stretch days planned */
	int stretch_done;      /* days with a stretch session done, never more than planned */
};

/* One pain score for the weekly pain: its day, and whether it was the next morning's. */
struct pain_point {
	day_t date;
	int score;
	int morning;
};

/*
 * Fills value, low, high, days and basis of each of the `n` weeks from the
 * scores `p` (any order; scores outside the weeks are ignored) by the rule
 * of SAFETY.md section 2 [S]: the next-morning scores first, at least
 * SAFETY_WEEK_MIN_DAYS days, and the median, so that one day never carries
 * the week.
 */
void safety_pain_weeks(struct pain_week *weeks, size_t n, const struct pain_point *p, size_t np);

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
	 * Running in the last 14 days below 80% of the 28 days before (SAFETY.md
	 * section 5). TRI_UNKNOWN until running records are available; the rules
	 * that need it then say they could not judge it.
	 */
	enum tristate scaled_back;
	int unsettled; /* strength days in the last 7 days whose pain had not settled by the next
			  morning */
	day_t unsettled_day;	     /* the latest of them */
	int too_much_during;	     /* sessions in the last 7 days with pain during above 5 */
	int too_much_max;	     /* the highest of those pains */
	int painful_stretches;	     /* stretch ratings above 3 in the last 7 days */
	const char *painful_stretch; /* the name of one of them */
	/* The Patient-Specific Functional Scale (SAFETY.md section 7): its averages, first and
	 * latest, when something is scored. */
	int psfs_scored;
	double psfs_first, psfs_latest;
	/* A physical therapist or doctor is managing the hip since this day (hipcoach check
	 * --seeing-clinician); 0: not known to be. `care_note` may be NULL. */
	day_t care_since;
	const char *care_note;
};

/* The weekly pain used as the baseline and the latest: indexes into weeks (the first and the last
 * week with a value), -1 when missing. */
int safety_baseline_week(const struct pain_week *weeks, size_t n);
int safety_latest_week(const struct pain_week *weeks, size_t n);
/* A meaningful improvement: a drop of at least 2 points or 30% (Farrar, Pain 2001). */
int safety_meaningful_drop(double baseline, double latest);

/*
 * How the weekly pain has changed since the baseline, as every rule of
 * section 4 and the today screen read it. `now` is the latest week with a
 * value whose two middle days agree with the baseline's on every line the
 * rules draw (1 point better, 2 points or 30% better or worse); when they
 * disagree, one day could tip the answer, so the week before it stands in
 * (SAFETY.md section 2: one day never flips a 2-, 6- or 12-week decision).
 * `base` is the first week with a value, or the next one when the first's
 * middle days are the ones that disagree. When no pair agrees, the first
 * and the latest weeks decide by their medians.
 */
struct pain_change {
	int base, now;	       /* indexes into the weeks */
	double from, to;       /* their weekly pain */
	enum pain_trend trend; /* by 2 points or 30% either way (Farrar, Pain 2001) */
};
/* 0 with *out filled, or -1 while there is no week with a value after the baseline. */
int safety_pain_change(const struct pain_week *weeks, size_t n, struct pain_change *out);
/*
 * Whether weekly pain rose by SAFETY_PAIN_RISE or more from the week before
 * to the latest week (SAFETY.md section 2), decided on both middle days of
 * each as safety_pain_change() does (when they disagree, the pair of weeks
 * before stands in). The index of the week that rose (> 0), or 0.
 */
int safety_pain_rising(const struct pain_week *weeks, size_t n);

/* Adherence over the two complete weeks before this one, strength first (SAFETY.md section 4). */
struct adherence {
	int weeks;			     /* complete weeks counted: 0 to 2 */
	int strength_planned, strength_done; /* sessions */
	int stretch_planned, stretch_done;   /* days */
	double strength, stretch;	     /* done / planned; -1 when nothing was planned */
	/* Doing the program: at least 75% of the strength sessions and half the stretch days;
	 * -1 when nothing was planned in the window yet. */
	int doing;
};
void safety_adherence(const struct pain_week *weeks, size_t n, struct adherence *out);

/* A gain of SAFETY_PSFS_REAL_CHANGE or more on the PSFS average: a real improvement (§7). */
int safety_psfs_better(double first, double latest);
/* Whether the weekly reminder of a referral under a clinician's care is due today: every
 * SAFETY_CARE_REMINDER_DAYS days after `since`, not on the day itself. */
int safety_care_reminder_due(day_t since, day_t today);

/* What safety_escalate() held back, for safety_on_track() to say. */
enum escalate_held {
	ESCALATE_HELD_CARE = 1 << 0, /* a referral, acknowledged: the runner is under care */
	ESCALATE_HELD_PSFS = 1 << 1, /* "not better" outweighed by a real PSFS gain */
};

/*
 * Applies the pain-monitoring rules (section 2) and the escalation rules
 * (section 4) and appends their advice, each with its source. Adds no
 * on-track item: the caller decides what to say when nothing fired.
 * Returns enum escalate_held flags for what it held back.
 */
unsigned safety_escalate(const struct escalation_input *in, struct advice_list *out);

/*
 * The on-track item, for when no rule gave advice: keep going with the
 * trend and any real PSFS gain; what hipcoach needs to judge the program
 * (the strength work first, or more pain scores); or, under a clinician's
 * care, to follow their plan. `held` is what safety_escalate() returned.
 */
void safety_on_track(const struct escalation_input *in, unsigned held, struct advice_list *out);

/* ---- Outcome measures (SAFETY.md section 7) ---- */

/*
 * A change of 2 points on the average of the Patient-Specific Functional
 * Scale is a real change, beyond measurement error (SAFETY.md section 7: the
 * scale's published minimal clinically important difference).
 */
#define SAFETY_PSFS_REAL_CHANGE 2.0

#endif
