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
/* A rise of this many points within SAFETY_PAIN_JUMP_DAYS makes the screening questions required
 * again (SAFETY.md §1 "again when pain jumps"). */
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

/* Asking the questions again when pain jumps (SAFETY.md §1 "again when pain jumps" [S]): a
 * check-in this many points above one of the SAFETY_PAIN_JUMP_DAYS days before it (the same day
 * included), or SAFETY_PAIN_TREND_RISE points above the weekly pain of the calendar week before
 * its own, or any pain logged in the groin (a bone-stress site, Robertson & Wood PMC6226070),
 * makes the questions required before the next guided session. */
#define SAFETY_PAIN_JUMP_DAYS  7
#define SAFETY_PAIN_TREND_RISE 3.0

/* What a yes means, most urgent first. */
enum screen_severity {
	SEVERITY_URGENT_CARE, /* stop and get care today */
	SEVERITY_BONE_STRESS, /* possible bone stress injury: stop running, clinician within days */
	SEVERITY_SEE_DOCTOR_SOON, /* a doctor within days to two weeks */
	SEVERITY_CAUTION,	  /* history that raises the risk: more care, never a block */
};
#define SCREEN_SEVERITY_COUNT 4
/* "urgent-care", "bone-stress", "see-doctor-soon", "caution" */
extern const char *const screen_severity_names[SCREEN_SEVERITY_COUNT];

enum screen_flag {
	/* See a doctor soon on its own; bone stress together with a yes that is bone stress on its
	 * own (night or rest pain, pain standing on one leg: Grimaldi & Fearon JOSPT 2015). */
	SCREEN_WITH_SIGN = 1 << 0,
	/* About the past: never blocks, and not asked again once a clinician's clearance covers an
	 * earlier answer to it. */
	SCREEN_HISTORY = 1 << 1,
};

/*
 * One yes/no question. `id` is stable (stored with every answer); `text` is
 * asked in plain words, second person; a yes gives advice built from
 * `said` (what the runner told us) and `why` (or `why_with_sign`, for a
 * SCREEN_WITH_SIGN question that counts as bone stress). A question with
 * `after_no_to` is asked only after a no to that question, and does not
 * count while that one does: one answer routes the runner, none counts twice.
 */
struct screen_question {
	const char *id;
	const char *text;
	enum screen_severity severity; /* what a yes means on its own */
	unsigned flags;		       /* enum screen_flag */
	const char *after_no_to;       /* NULL: always asked */
	const char *said;
	const char *why;
	const char *why_with_sign;
	const char *source;
};

/* The most questions the table holds (a bound for the decision's fixed arrays). */
#define SCREEN_QUESTIONS_MAX 32

/* The questions in the order they are asked; the table is static. */
const struct screen_question *safety_questions(size_t *n);
/* The question with this id (or a retired id that an old answer may carry), or NULL. */
const struct screen_question *safety_question_find(const char *id);
/* The advice code a yes of this severity gives. */
enum advice_code safety_severity_code(enum screen_severity sev);

/*
 * Whether question `i` of safety_questions() is asked in a round:
 * `answers` holds the round's answers so far by question index (1 yes, 0
 * no, -1 not asked or not yet), `history_seen` is 1 when a clinician's
 * clearance covers an earlier round that asked the history questions.
 */
int safety_question_asked(size_t i, const int *answers, int history_seen);

/* A question answered yes since the last clearance, as the store holds it. */
struct screen_yes {
	const char *id;
	int latest; /* the latest answer to it since the clearance is yes */
};

/* One answer that counts now, with what it means now. */
struct screen_count {
	const struct screen_question *q;
	enum screen_severity severity;
};

/* What the answers that count say. */
struct screen_decision {
	struct screen_count items[SCREEN_QUESTIONS_MAX]; /* in the order of the questions */
	size_t n;
	int blocked; /* guided sessions wait for a clinician's clearance */
};

/*
 * Decides which answers count and what each means (SAFETY.md section 1).
 * Never a score: each yes stands alone, except where section 1 itself ties
 * two together. Urgent care and bone stress count from any round since the
 * last clearance and block guided sessions until a clinician clears the
 * runner; the others count while their latest answer is yes. Night or rest
 * pain and pain standing on one leg mean "see a doctor soon", or bone
 * stress while a bone-stress sign counts (Grimaldi & Fearon JOSPT 2015).
 * History raises caution and never blocks. A question asked only after a
 * no (`after_no_to`) does not count while that question does. Unknown ids
 * are ignored.
 */
void safety_screening_decide(const struct screen_yes *yes, size_t n, struct screen_decision *out);

/*
 * Adds the decision's advice: one item per answer that counts, and one
 * caution item for the history answers together. Adds nothing when no
 * answer counts.
 */
void safety_screening_advice(const struct screen_decision *d, struct advice_list *out);

/*
 * Exercise cautions raised by screening answers (SAFETY.md section 6 [O]):
 * numbness or tingling -> COND_LEG_SYMPTOMS (press-up and cat-cow modified),
 * numbness getting worse -> COND_NEW_NUMBNESS (they are left out). Returns
 * enum condition flags (core/program.h).
 */
unsigned safety_screening_conditions(const struct screen_decision *d);
/* The same flags any answer can raise: the screening's share of the conditions. */
unsigned safety_screening_condition_mask(void);

/* One pain check-in, as the rule for asking the questions again reads it. */
struct pain_mark {
	day_t date;
	int score;
	int groin;	    /* logged in the groin */
	int is_new;	    /* logged after the latest screening round */
	double week_before; /* weekly pain of the calendar week before its own; -1 none */
};

enum rescreen_reason { RESCREEN_NO, RESCREEN_GROIN, RESCREEN_JUMP, RESCREEN_TREND };

/* Whether the questions are required again, and the check-in that made them so. */
struct rescreen {
	enum rescreen_reason reason;
	day_t date;   /* of that check-in */
	int score;    /* its score */
	int from;     /* RESCREEN_JUMP: the earlier, lower score */
	double trend; /* RESCREEN_TREND: the weekly pain of the week before */
};

/*
 * SAFETY.md section 1 (again when pain jumps): the questions are required
 * before the next guided session when a check-in logged after the latest
 * round (`is_new`) is in the groin with a score above 0, or is at least
 * SAFETY_PAIN_JUMP above a check-in of the SAFETY_PAIN_JUMP_DAYS days
 * before it (new or not), or at least SAFETY_PAIN_TREND_RISE above the
 * weekly pain of the week before. `m` holds the check-ins from
 * SAFETY_PAIN_JUMP_DAYS days before the first new one, oldest first (by
 * date, then as logged). The latest check-in that qualifies is reported;
 * out->reason is RESCREEN_NO when none does.
 */
void safety_rescreen(const struct pain_mark *m, size_t n, struct rescreen *out);

/*
 * Appends why the questions are required, in plain words, second person:
 * "you logged pain in your groin on Monday 14 September".
 */
struct strbuf;
void safety_rescreen_reason(const struct rescreen *r, struct strbuf *sb);

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
 * Whether a pain rating during an exercise stops it for today (SAFETY.md
 * section 2): above 5/10 during strength work (Silbernagel 2007), above
 * 3/10 on a stretch (`stretch` 1), which should never hurt. A rating
 * within that line is not "it hurts": the exercise goes on.
 */
int safety_pain_stops(int stretch, int pain);
/*
 * Whether the highest pain of the day (0-10) rules out strength work that
 * day: 8/10 or more (SAFETY.md sections 2 and 4 [S]). Stretches or rest
 * instead.
 */
int safety_rest_from_strength(int pain_today);
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
/* Whether a pain score alone is high enough to offer the screening questions again: 8 or more
 * (SAFETY_PAIN_HIGH). Jumps make them required instead (safety_rescreen). */
int safety_reoffer_screening(int score);

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
