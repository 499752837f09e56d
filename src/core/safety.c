/* Safety decisions: the red-flag questions, the pain-monitoring model, and the rules for seeing a
 * clinician, each with its source. */
#include "safety.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "plan.h"
#include "program.h"

const char *const screen_severity_names[SCREEN_SEVERITY_COUNT] = {
    [SEVERITY_URGENT_CARE] = "urgent-care",
    [SEVERITY_BONE_STRESS] = "bone-stress",
    [SEVERITY_SEE_DOCTOR_SOON] = "see-doctor-soon",
    [SEVERITY_CAUTION] = "caution",
};

const char *const pain_zone_names[3] = {"fine", "acceptable", "too much"};

/*
 * The sources the runner sees with each piece of advice, in plain words; the full references
 * with their sections and evidence grades are in docs/SAFETY.md:
 * SRC_PATHWAYS   SAFETY.md section 1 [E]: NHS hip pathways (Gloucestershire g-care pathway 52,
 *                NHS Tayside and Highland MSK pathways, Kernow young-adult hip pain, Exeter Hip
 *                Unit GP guidance)
 * SRC_CAUDA      section 1 [E]: NHS red flags for back-related leg symptoms (cauda equina)
 * SRC_BONE       section 1 [E]: NHS hip pathways (urgent fracture clinic); Robertson & Wood,
 *                PMC6226070
 * SRC_BONE_WITH  section 1 [E/S]: the same; bone stress only beside another sign, as outer-hip
 *                tendon pain also hurts at night and on one leg (Grimaldi & Fearon, JOSPT 2015)
 * SRC_HISTORY    section 1 [E/S]: risk factors for a bone stress injury (NHS hip pathways; Kraus
 *                BJSM 2019 for a previous stress fracture); they raise caution and never block
 *                on their own [S]
 * SRC_PAIN_MODEL section 2 [E/S]: pain-monitoring model, Silbernagel et al., Am J Sports Med
 *                2007, extended to the hip
 * SRC_STRETCH    section 2: the article (stretching too aggressively can make hip pain worse)
 * SRC_PT_NOW     section 4 [S]: the article (get help, and the sooner the better)
 * SRC_PT_2W      section 4 [S]: the article; LEAP trial, Mellor BMJ 2018; UK pathways (6 weeks
 *                self-management then physio)
 * SRC_PT_6W      section 4 [S]: UK pathways; Farrar, Pain 2001 (2 points or 30%)
 * SRC_SPECIALIST section 4 [S]: Zurich consensus, Kemp BJSM 2020 (at least 3 months); Farrar,
 *                Pain 2001
 * SRC_SCALE_BACK sections 4 and 5 [S]: the article (scale back training); scaled back = the
 *                last 14 days under 80% of the 4 weeks before the program, per week
 */
#define SRC_PATHWAYS "the NHS's guidance for hip pain, which tells clinics what to refer urgently"
#define SRC_CAUDA                                                                                  \
	"the NHS's warning signs for nerve trouble from the back, called cauda equina syndrome"
#define SRC_BONE                                                                                   \
	"the NHS's guidance for hip pain, which sends it to an urgent fracture clinic; a review "  \
	"of hip stress fractures by Robertson and Wood"
#define SRC_BONE_WITH                                                                              \
	"the NHS's guidance for hip pain; a review of hip stress fractures by Robertson and "      \
	"Wood; only beside another sign, because tendon pain on the outside of the hip also "      \
	"hurts at night and on one leg, as a 2015 review by Grimaldi and Fearon says"
#define SRC_HISTORY                                                                                \
	"what makes a bone stress injury more likely: the NHS's guidance for hip pain, and a "     \
	"2019 study by Kraus for a previous stress fracture; on its own it asks for care, never "  \
	"a stop"
#define SRC_PAIN_MODEL                                                                             \
	"a 2007 trial by Silbernagel of training while watching pain, applied to the hip"
#define SRC_STRETCH "the article: stretching too hard can make hip pain worse"
#define SRC_PT_NOW  "the article: get help, and the sooner the better"
#define SRC_PT_2W                                                                                  \
	"the article; the 2018 LEAP trial of exercise and advice for hip pain; the NHS's six "     \
	"weeks of looking after it yourself before physiotherapy"
#define SRC_PT_6W                                                                                  \
	"the NHS's six weeks of looking after it yourself before physiotherapy; a 2001 study by "  \
	"Farrar of how much a pain score must change to matter: 2 points or 30%"
#define SRC_SPECIALIST                                                                             \
	"a 2020 international agreement of hip experts: at least 3 months of treatment first; a "  \
	"change in pain of 2 points or 30% matters, from a 2001 study by Farrar"
#define SRC_SCALE_BACK                                                                             \
	"the article: scale back your training; scaled back means the last 14 days under 80% of "  \
	"the 4 weeks before the program, week by week"

/*
 * The red-flag questions (SAFETY.md section 1), one yes/no each, in the
 * order they are asked. Hopping is asked as history, never as a test [O].
 * "A recent jump in training" is not asked: it is the usual cause of hip
 * pain in runners, and the running-load rules (section 5) watch it instead.
 */
static const struct screen_question questions[] = {
    /* Stop and get care today [E: NHS hip pathways]. */
    {
	.id = "fever",
	.text = "Do you have a fever or feel unwell, or is your hip hot, red or swollen?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "you have a fever, feel unwell, or your hip is hot, red or swollen",
	.why = "that can mean an infection in the joint, which needs treatment the same day",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "injury-fall",
	.text = "Did the pain start after a fall or another injury?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "the pain started after a fall or another injury",
	.why = "an injury can break or damage the hip, and that needs checking before any exercise",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "cannot-bear-weight",
	.text = "Have you suddenly become unable to put weight on the leg, or does the leg look "
		"shorter or turned outwards?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "you suddenly cannot put weight on the leg, or it looks shorter or turned out",
	.why = "those are signs of a broken hip or a dislocation",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "sudden-worse",
	.text = "Has the pain suddenly become much worse?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "the pain has suddenly become much worse",
	.why = "a sudden severe change needs a clinician to find the cause today",
	.source = SRC_PATHWAYS,
    },
    {
	/* One question routes a runner with a past cancer: a yes here is urgent care, and
	 * "cancer-history" is then not asked, so the same cancer never counts twice. */
	.id = "cancer-bone-pain",
	.text = "Have you had cancer, and is this a new pain that feels deep in the bone?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "you have had cancer and this is a new bone pain",
	.why = "new bone pain after cancer must be checked quickly",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "numbness-worse",
	.text = "Is numbness or weakness in your leg getting worse?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "numbness or weakness in your leg is getting worse",
	.why = "a nerve that is losing function needs attention the same day",
	.source = SRC_PATHWAYS,
    },
    /* Cauda equina [E: NHS red flags for back-related leg symptoms]: the program has back
     * extension and flexion moves. */
    {
	.id = "saddle-numbness",
	.text = "Is the skin numb around your bottom, your genitals or the inside of your "
		"thighs (where you would sit on a saddle)?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "the skin around your bottom, genitals or inner thighs is numb",
	.why = "that can mean the nerves at the base of your spine are being pressed on, which "
	       "needs treatment within hours to protect them",
	.source = SRC_CAUDA,
    },
    {
	.id = "bladder-bowel",
	.text = "Have you had new trouble passing urine or stool, or holding them in?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "you have new trouble passing or holding urine or stool",
	.why = "that can mean the nerves at the base of your spine are being pressed on, which "
	       "needs treatment within hours to protect them",
	.source = SRC_CAUDA,
    },
    {
	.id = "both-legs-weak",
	.text = "Do both of your legs feel weak?",
	.severity = SEVERITY_URGENT_CARE,
	.said = "both of your legs feel weak",
	.why = "that can mean the nerves at the base of your spine are being pressed on, which "
	       "needs treatment within hours to protect them",
	.source = SRC_CAUDA,
    },
    /* Possible bone stress injury of the hip, each on its own [E: NHS hip pathways; Robertson &
     * Wood PMC6226070]. */
    {
	.id = "groin-pain-progressing",
	.text = "Is there pain deep in your groin or the front of your hip that is getting worse "
		"with running, or that has moved on from after runs, to during runs, to when "
		"you walk?",
	.severity = SEVERITY_BONE_STRESS,
	.said = "deep groin or front-of-hip pain is getting worse through your runs",
	.why = "that pattern is typical of a stress injury of the thigh bone at the hip",
	.source = SRC_BONE,
    },
    {
	.id = "hopping-hurt",
	.text = "Has hopping on that leg hurt recently? (Please don't hop to find out.)",
	.severity = SEVERITY_BONE_STRESS,
	.said = "hopping on that leg has hurt",
	.why = "pain on hopping can be a sign of a stress injury of the thigh bone at the hip",
	.source = SRC_BONE,
    },
    {
	.id = "limp",
	.text = "Have you been limping?",
	.severity = SEVERITY_BONE_STRESS,
	.said = "you have been limping",
	.why = "a limp can be a sign of a stress injury of the thigh bone at the hip",
	.source = SRC_BONE,
    },
    /* Bone stress only together with one of the three above; alone, see a doctor soon
     * [S: Grimaldi & Fearon JOSPT 2015, outer-hip tendon pain hurts at night and on one leg]. */
    {
	.id = "night-rest-pain",
	.text = "Does your hip hurt at night, or when you are resting?",
	.severity = SEVERITY_SEE_DOCTOR_SOON,
	.flags = SCREEN_WITH_SIGN,
	.said = "your hip hurts at night or at rest",
	.why = "this is common when the tendons on the outside of the hip are irritated, "
	       "especially lying on that side, but a doctor should check it, as pain at rest "
	       "can also come from the bone",
	.why_with_sign = "together with your other answer, pain at rest can point to a stress "
			 "injury of the thigh bone at the hip",
	.source = SRC_BONE_WITH,
    },
    {
	.id = "stand-one-leg",
	.text = "Does it hurt to stand on that leg alone?",
	.severity = SEVERITY_SEE_DOCTOR_SOON,
	.flags = SCREEN_WITH_SIGN,
	.said = "standing on that leg alone hurts",
	.why = "this is common when the tendons on the outside of the hip are irritated, but a "
	       "doctor should check it, as it can also come from the bone",
	.why_with_sign = "together with your other answer, it can point to a stress injury of the "
			 "thigh bone at the hip",
	.source = SRC_BONE_WITH,
    },
    /* History: raises caution, never blocks, not asked again after a clearance [S]. */
    {
	.id = "stress-fracture-history",
	.text = "Have you had a stress fracture before, in any bone?",
	.severity = SEVERITY_CAUTION,
	.flags = SCREEN_HISTORY,
	.said = "you have had a stress fracture before",
	.why = "a past stress fracture makes a new one, including at the hip, more likely",
	.source = SRC_HISTORY,
    },
    {
	.id = "low-energy",
	.text = "Have your periods stopped or become irregular, or have you been eating less "
		"than your training needs?",
	.severity = SEVERITY_CAUTION,
	.flags = SCREEN_HISTORY,
	.said = "your periods have stopped or become irregular, or you eat less than your "
		"training needs",
	.why = "too little energy for the training you do (RED-S) weakens bone and makes "
	       "stress injuries more likely",
	.source = SRC_HISTORY,
    },
    {
	.id = "low-bone-density",
	.text = "Have you been told that your body weight or your bone density is low?",
	.severity = SEVERITY_CAUTION,
	.flags = SCREEN_HISTORY,
	.said = "your body weight or bone density is low",
	.why = "weaker bone makes a stress injury at the hip more likely",
	.source = SRC_HISTORY,
    },
    /* See a doctor soon [E: NHS hip pathways]. */
    {
	.id = "weight-loss",
	.text = "Have you lost weight without trying, or had night sweats?",
	.severity = SEVERITY_SEE_DOCTOR_SOON,
	.said = "you have lost weight without trying, or had night sweats",
	.why = "those need a doctor's check for causes other than running",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "cancer-history",
	.text = "Have you ever had cancer?",
	.severity = SEVERITY_SEE_DOCTOR_SOON,
	.after_no_to = "cancer-bone-pain",
	.said = "you have had cancer",
	.why = "with a past cancer, a doctor should look at any new, lasting pain",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "constant-pain",
	.text = "Is the pain there all the time, whatever you do?",
	.severity = SEVERITY_SEE_DOCTOR_SOON,
	.said = "the pain is there all the time",
	.why = "pain from overuse comes and goes with activity; constant pain needs a doctor "
	       "to look for another cause",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "morning-stiffness-joints",
	.text = "Are several of your joints stiff and swollen in the morning?",
	.severity = SEVERITY_SEE_DOCTOR_SOON,
	.said = "several of your joints are stiff and swollen in the morning",
	.why = "that can be an inflammatory joint condition, which has its own treatment",
	.source = SRC_PATHWAYS,
    },
    {
	.id = "numbness-tingling",
	.text = "Do you have numbness or tingling in your leg or foot?",
	.severity = SEVERITY_SEE_DOCTOR_SOON,
	.said = "you have numbness or tingling in your leg or foot",
	.why = "it can come from a nerve in your back rather than the hip",
	.source = SRC_PATHWAYS,
    },
};

_Static_assert(ARRAY_SIZE(questions) <= SCREEN_QUESTIONS_MAX, "raise SCREEN_QUESTIONS_MAX");

/*
 * Ids an older version asked, and the question an answer to them now
 * counts as. "limp-stand" (a limp, or pain standing on that leg) blocked on
 * its own; it stays with "limp", which still does: when in doubt, an
 * answer stands.
 */
static const struct {
	const char *old, *now;
} retired[] = {
    {"limp-stand", "limp"},
};

const struct screen_question *safety_questions(size_t *n)
{
	*n = ARRAY_SIZE(questions);
	return questions;
}

static const struct screen_question *find(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(questions); i++)
		if (!strcmp(questions[i].id, id))
			return &questions[i];
	return NULL;
}

const struct screen_question *safety_question_find(const char *id)
{
	const struct screen_question *q = find(id);

	for (size_t i = 0; !q && i < ARRAY_SIZE(retired); i++)
		if (!strcmp(retired[i].old, id))
			q = find(retired[i].now);
	return q;
}

enum advice_code safety_severity_code(enum screen_severity sev)
{
	switch (sev) {
	case SEVERITY_URGENT_CARE: return ADVICE_URGENT_CARE;
	case SEVERITY_BONE_STRESS: return ADVICE_BONE_STRESS;
	case SEVERITY_CAUTION: return ADVICE_CAUTION;
	case SEVERITY_SEE_DOCTOR_SOON: break;
	}
	return ADVICE_SEE_DOCTOR_SOON;
}

/* SAFETY.md section 1: history is not asked again after a clearance; a question asked after a no
 * is not asked after a yes. */
int safety_question_asked(size_t i, const int *answers, int history_seen)
{
	const struct screen_question *q = &questions[i], *first;

	if ((q->flags & SCREEN_HISTORY) && history_seen)
		return 0;
	if (q->after_no_to && (first = find(q->after_no_to)) != NULL)
		return answers[first - questions] != 1;
	return 1;
}

/*
 * SAFETY.md section 1 [E, S]: urgent care and bone stress count from any
 * round since the clearance and block; the rest count while their latest
 * answer is yes; night or rest pain and standing on one leg are bone stress
 * only beside a bone-stress sign (Grimaldi & Fearon JOSPT 2015), and then
 * count from any round since the clearance, like the sign; history never
 * blocks.
 */
void safety_screening_decide(const struct screen_yes *yes, size_t n, struct screen_decision *out)
{
	int latest[SCREEN_QUESTIONS_MAX] = {0}, any[SCREEN_QUESTIONS_MAX] = {0};
	int counted[SCREEN_QUESTIONS_MAX] = {0};
	int sign = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const struct screen_question *q = safety_question_find(yes[i].id);

		if (!q)
			continue;
		any[q - questions] = 1;
		latest[q - questions] |= yes[i].latest;
		sign |= q->severity == SEVERITY_BONE_STRESS;
	}
	for (size_t i = 0; i < ARRAY_SIZE(questions); i++) {
		const struct screen_question *q = &questions[i], *first;
		enum screen_severity sev = q->severity;
		int counts;

		if ((q->flags & SCREEN_WITH_SIGN) && sign)
			sev = SEVERITY_BONE_STRESS;
		counts = sev <= SEVERITY_BONE_STRESS ? any[i] : latest[i];
		/* The question it follows comes first in the table (a unit test holds it). */
		if (counts && q->after_no_to && (first = find(q->after_no_to)) != NULL &&
		    counted[first - questions])
			counts = 0;
		if (!counts)
			continue;
		counted[i] = 1;
		out->items[out->n].q = q;
		out->items[out->n].severity = sev;
		out->n++;
		out->blocked |= advice_blocks_sessions(safety_severity_code(sev));
	}
}

/*
 * One advice item per answer that counts, never a score (SAFETY.md section
 * 1). Urgent care: today; bone stress: stop running and see a clinician
 * within days, a normal X-ray does not clear it, and any pain at the site
 * while running means stop (section 2, [O]); doctor soon: within two weeks;
 * history: one caution item for all of it, slower return to running and an
 * earlier referral [S].
 */
void safety_screening_advice(const struct screen_decision *d, struct advice_list *out)
{
	struct strbuf said = STRBUF_INIT;
	const char *hist_source = NULL;
	size_t nhist = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct screen_question *q = d->items[i].q;
		const char *why = d->items[i].severity != q->severity && q->why_with_sign
				      ? q->why_with_sign
				      : q->why;

		switch (d->items[i].severity) {
		case SEVERITY_URGENT_CARE:
			advice_add(out, ADVICE_URGENT_CARE, q->source,
				   "Get care today, at A&E or an urgent care centre, and do no "
				   "exercise until you have been seen. You said %s: %s.",
				   q->said, why);
			break;
		case SEVERITY_BONE_STRESS:
			advice_add(
			    out, ADVICE_BONE_STRESS, q->source,
			    "Stop running and see a doctor or physical therapist within the "
			    "next few days. You said %s: %s, and running on it can make it "
			    "much worse. Tell them you run; an X-ray can look normal for 2-4 "
			    "weeks, so a normal X-ray does not rule it out.",
			    q->said, why);
			break;
		case SEVERITY_SEE_DOCTOR_SOON:
			advice_add(
			    out, ADVICE_SEE_DOCTOR_SOON, q->source,
			    "See your doctor within the next two weeks. You said %s: %s. You "
			    "can keep to the program meanwhile as long as it does not make "
			    "things worse.",
			    q->said, why);
			break;
		case SEVERITY_CAUTION:
			strbuf_addf(&said, "You said %s: %s. ", q->said, why);
			hist_source = q->source;
			nhist++;
			break;
		}
	}
	if (nhist && d->blocked)
		advice_add(out, ADVICE_CAUTION, hist_source,
			   "Take more care with your bones. %sTell the clinician who sees you. "
			   "Once they agree you can exercise, build your running back more slowly "
			   "than you otherwise would.",
			   said.buf);
	else if (nhist)
		advice_add(
		    out, ADVICE_CAUTION, hist_source,
		    "Take more care with your bones. %sThat does not stop the program, but "
		    "build your running back more slowly than you otherwise would. Do not wait "
		    "with bone pain: deep groin or front-of-hip pain that gets worse with "
		    "running, pain at night, or a limp means stop running and see a doctor or "
		    "physical therapist within days. Tell a clinician about this at your next "
		    "visit; once one has seen you and agrees you can run: hipcoach check "
		    "--cleared-by-clinician.",
		    said.buf);
	strbuf_release(&said);
}

/* SAFETY.md section 6 [O]: press up and cat-cow are modified when leg symptoms spread, left out
 * with new numbness. */
static unsigned conditions_of(const struct screen_question *q)
{
	if (!strcmp(q->id, "numbness-tingling"))
		return COND_LEG_SYMPTOMS;
	if (!strcmp(q->id, "numbness-worse"))
		return COND_NEW_NUMBNESS;
	return 0;
}

unsigned safety_screening_conditions(const struct screen_decision *d)
{
	unsigned c = 0;

	for (size_t i = 0; i < d->n; i++)
		c |= conditions_of(d->items[i].q);
	return c;
}

/*
 * SAFETY.md section 1: while a block is in force nothing that loads the hip
 * is scheduled, and guided sessions are blocked, stretches included; running
 * stops too (a possible bone stress injury is not run on).
 */
unsigned safety_pause(int blocked)
{
	return blocked ? PAUSE_STRENGTH | PAUSE_STRETCH | PAUSE_RUNNING : 0;
}

const char safety_running_paused_text[] =
    "Remember: you were told to stop running until a clinician has seen you ('hipcoach "
    "status' says why). Once they agree you can run, record it with 'hipcoach check "
    "--cleared-by-clinician'.";

const char *safety_pause_text(unsigned pause)
{
	if (pause)
		return "Paused until a clinician has seen you: no strength work, no stretches and "
		       "no running until then. Once they agree you can exercise: hipcoach check "
		       "--cleared-by-clinician";
	return NULL;
}

unsigned safety_screening_condition_mask(void)
{
	unsigned c = 0;

	for (size_t i = 0; i < ARRAY_SIZE(questions); i++)
		c |= conditions_of(&questions[i]);
	return c;
}

/*
 * SAFETY.md section 1, "again when pain jumps" [S]: groin pain (a site of
 * bone stress injury, Robertson & Wood PMC6226070), a jump of 3 points
 * within 7 days, or a rise of 3 over last week's weekly pain, logged after
 * the latest round.
 */
void safety_rescreen(const struct pain_mark *m, size_t n, struct rescreen *out)
{
	memset(out, 0, sizeof(*out));
	out->reason = RESCREEN_NO;
	for (size_t i = n; i-- > 0;) {
		const struct pain_mark *x = &m[i];
		int low = -1;

		if (!x->is_new)
			continue;
		for (size_t j = 0; j < i; j++)
			if (m[j].date >= x->date - SAFETY_PAIN_JUMP_DAYS &&
			    (low < 0 || m[j].score < low))
				low = m[j].score;
		out->date = x->date;
		out->score = x->score;
		if (x->groin && x->score > 0) {
			out->reason = RESCREEN_GROIN;
		} else if (low >= 0 && x->score - low >= SAFETY_PAIN_JUMP) {
			out->reason = RESCREEN_JUMP;
			out->from = low;
		} else if (x->week_before >= 0 &&
			   x->score - x->week_before >= SAFETY_PAIN_TREND_RISE - 1e-9) {
			out->reason = RESCREEN_TREND;
			out->trend = x->week_before;
		}
		if (out->reason != RESCREEN_NO)
			return;
	}
	memset(out, 0, sizeof(*out));
	out->reason = RESCREEN_NO;
}

void safety_rescreen_reason(const struct rescreen *r, struct strbuf *sb)
{
	char day[48];
	int y, m, d;

	if (r->reason == RESCREEN_NO)
		return;
	day_to_civil(r->date, &y, &m, &d);
	snprintf(day, sizeof(day), "%s %d %s", weekday_long[day_weekday(r->date)], d,
		 month_long[m - 1]);
	switch (r->reason) {
	case RESCREEN_GROIN:
		strbuf_addf(sb, "you logged pain in your groin (%d/10) on %s", r->score, day);
		break;
	case RESCREEN_JUMP:
		strbuf_addf(sb, "your pain jumped from %d to %d within %d days (%s)", r->from,
			    r->score, SAFETY_PAIN_JUMP_DAYS, day);
		break;
	case RESCREEN_TREND:
		strbuf_addf(sb,
			    "your pain of %d on %s is %.0f or more points above last week's "
			    "average (%.1f)",
			    r->score, day, SAFETY_PAIN_TREND_RISE, r->trend);
		break;
	case RESCREEN_NO: break;
	}
}

/* Silbernagel et al., Am J Sports Med 2007 (SAFETY.md section 2): 0-3 fine, 4-5 acceptable, >5 too
 * much. */
enum pain_zone safety_pain_zone(int during)
{
	if (during <= SAFETY_PAIN_FINE)
		return PAIN_FINE;
	if (during <= SAFETY_PAIN_ACCEPTABLE)
		return PAIN_ACCEPTABLE;
	return PAIN_TOO_MUCH;
}

/* SAFETY.md section 2 (the article): stretches are gentle; above 3/10 is painful. */
int safety_stretch_too_painful(int pain)
{
	return pain > SAFETY_STRETCH_PAIN;
}

/*
 * SAFETY.md section 2: a rating during strength work stops the exercise
 * only above 5/10 (Silbernagel 2007: up to 5 is acceptable); a stretch,
 * which should never hurt (the article), stops above 3/10.
 */
int safety_pain_stops(int stretch, int pain)
{
	return stretch ? safety_stretch_too_painful(pain) : safety_pain_zone(pain) == PAIN_TOO_MUCH;
}

/*
 * SAFETY.md sections 2 and 4 [S]: pain of 8/10 or more that day means no
 * loaded single-leg work. Above 5 during strength work is already too
 * much (Silbernagel 2007), and a pain this high calls for a physical
 * therapist; gentle stretches or rest instead.
 */
int safety_rest_from_strength(int pain_today)
{
	return pain_today >= SAFETY_PAIN_HIGH;
}

/*
 * SAFETY.md section 2 (Silbernagel 2007): pain after exercise must have
 * settled by the next morning. Settled means the morning pain is at most 1
 * point above the pain before the session; without a "before" score, a
 * morning pain of 3 or less (the "fine" zone) counts as settled, and a
 * higher one cannot be judged.
 */
int safety_settled(int before, int morning)
{
	if (morning < 0)
		return -1;
	if (before >= 0)
		return morning <= before + SAFETY_SETTLED_MARGIN;
	return morning <= SAFETY_PAIN_FINE ? 1 : -1;
}

/* SAFETY.md section 1 and 4: pain of 8 or more offers the screening again (a jump makes it
 * required: safety_rescreen). */
int safety_reoffer_screening(int score)
{
	return score >= SAFETY_PAIN_HIGH;
}

/* ---- Weekly pain (SAFETY.md section 2) ---- */

/*
 * SRC_WEEKLY_PAIN SAFETY.md section 2 [S]: the next-morning scores first, at least 2 in a week,
 *                 and one day never flips a 2-, 6- or 12-week decision
 * SRC_ADHERENCE   section 4 [S]: doing the program means the strength work first (the article),
 *                 at least 75% of the strength sessions and stretches on half the days
 * SRC_CARE        section 4 [S]: the article (get help, and the sooner the better); once a
 *                 clinician is looking after the hip, a weekly reminder instead of an alarm
 * SRC_PSFS        sections 4 and 7 [S]: a gain of 2 points on the PSFS average is a real change;
 *                 it weighs against "not better" while pain is flat
 * SRC_ON_TRACK    sections 2 and 4: the pain-monitoring model and the time to give the program
 */
#define SRC_WEEKLY_PAIN                                                                            \
	"hipcoach's rule: next-morning scores count first, at least 2 a week, and one day never "  \
	"decides on its own"
#define SRC_ADHERENCE                                                                              \
	"the article puts the strength work first; hipcoach counts the program as done at 3 in 4 " \
	"strength sessions and stretches on half the days"
#define SRC_CARE                                                                                   \
	"the article: get help, and the sooner the better; with a clinician looking after your "   \
	"hip, a weekly reminder instead"
#define SRC_PSFS                                                                                   \
	"a gain of 2 points in the activities you scored is a real change, even while pain stays " \
	"the same"
#define SRC_ON_TRACK                                                                               \
	"a 2007 trial by Silbernagel of training while watching pain, and the time the program "   \
	"needs"

const char *const pain_basis_names[3] = {NULL, "morning", "all"};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of v[0..n-1], n > 0 (sorted in place), with its two middle values. */
static double median(double *v, size_t n, double *low, double *high)
{
	qsort(v, n, sizeof(*v), cmp_double);
	*low = v[(n - 1) / 2];
	*high = v[n / 2];
	return (*low + *high) / 2;
}

/* The days of the week from `monday` with a score (a morning one when `morning`), each the median
 * of that day's scores, into days[]; how many. `buf` holds np values. */
static size_t week_days(day_t monday, const struct pain_point *p, size_t np, int morning,
			double *buf, double days[7])
{
	size_t nd = 0;

	for (day_t d = monday; d < monday + 7; d++) {
		size_t k = 0;
		double lo, hi;

		for (size_t i = 0; i < np; i++)
			if (p[i].date == d && (!morning || p[i].morning))
				buf[k++] = p[i].score;
		if (k)
			days[nd++] = median(buf, k, &lo, &hi);
	}
	return nd;
}

/*
 * SAFETY.md section 2 [S]: the trend uses the next-morning scores first and
 * needs at least 2 in a week. A day counts once (the median of its scores),
 * and the week is the median of its days, so one unusual day moves it by one
 * place at most; `low` and `high` keep the two middle days for the rules to
 * check that they agree.
 */
void safety_pain_weeks(struct pain_week *weeks, size_t n, const struct pain_point *p, size_t np)
{
	double *buf = xmalloc((np ? np : 1) * sizeof(*buf));

	for (size_t w = 0; w < n; w++) {
		struct pain_week *pw = &weeks[w];
		double days[7];
		size_t nd = week_days(pw->monday, p, np, 1, buf, days);

		pw->basis = PAIN_BASIS_MORNING;
		if (nd < SAFETY_WEEK_MIN_DAYS) {
			nd = week_days(pw->monday, p, np, 0, buf, days);
			pw->basis = PAIN_BASIS_ALL;
		}
		pw->days = (int)nd;
		if (nd < SAFETY_WEEK_MIN_DAYS) {
			pw->basis = PAIN_BASIS_NONE;
			pw->value = pw->low = pw->high = -1;
			continue;
		}
		pw->value = median(days, nd, &pw->low, &pw->high);
	}
	free(buf);
}

int safety_baseline_week(const struct pain_week *weeks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (weeks[i].value >= 0)
			return (int)i;
	return -1;
}

int safety_latest_week(const struct pain_week *weeks, size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (weeks[i].value >= 0)
			return (int)i;
	return -1;
}

/* Farrar et al., Pain 2001: a meaningful change on a 0-10 scale is about 2 points or 30%. */
int safety_meaningful_drop(double baseline, double latest)
{
	double drop = baseline - latest;

	return drop >= SAFETY_MEANINGFUL_POINTS - 1e-9 ||
	       (baseline > 0 && drop >= SAFETY_MEANINGFUL_SHARE * baseline - 1e-9);
}

const char *const pain_trend_names[3] = {"getting better", "about the same", "getting worse"};

/* Farrar et al., Pain 2001: the same 2 points or 30% decides both ways. */
enum pain_trend safety_pain_trend(double from, double to)
{
	if (safety_meaningful_drop(from, to))
		return TREND_BETTER;
	if (safety_meaningful_drop(to, from))
		return TREND_WORSE;
	return TREND_SAME;
}

/* The lines the rules of section 4 draw between a start and a weekly pain, as bits. */
enum {
	LINE_POINT_BETTER = 1 << 0, /* at least 1 point better: the 2-week rule */
	LINE_BETTER = 1 << 1,	    /* 2 points or 30% better: the 6- and 12-week rules */
	LINE_WORSE = 1 << 2,	    /* 2 points or 30% worse: the trend */
};

static unsigned lines(double from, double to)
{
	unsigned a = 0;

	if (to <= from - SAFETY_NOT_BETTER_POINTS + 1e-9)
		a |= LINE_POINT_BETTER;
	if (safety_meaningful_drop(from, to))
		a |= LINE_BETTER;
	if (safety_meaningful_drop(to, from))
		a |= LINE_WORSE;
	return a;
}

/*
 * Whether the two middle days of `b` and of `w` fall on the same side of
 * every line: then no single day can tip the answer (SAFETY.md section 2).
 * The lines are monotone, so the four corners decide.
 */
static int agree(const struct pain_week *b, const struct pain_week *w)
{
	unsigned a = lines(b->low, w->low);

	return lines(b->low, w->high) == a && lines(b->high, w->low) == a &&
	       lines(b->high, w->high) == a;
}

/*
 * SAFETY.md section 2 [S]: one day never flips a 2-, 6- or 12-week decision.
 * The latest week whose middle days agree with the start's is "now"; the
 * start is the first week with a value, or the next one when the first's
 * middle days disagree. With no pair that agrees, the first and the latest
 * weeks decide by their medians.
 */
int safety_pain_change(const struct pain_week *weeks, size_t n, struct pain_change *out)
{
	int b = safety_baseline_week(weeks, n), l = safety_latest_week(weeks, n);

	memset(out, 0, sizeof(*out));
	out->base = b;
	out->now = l;
	if (b < 0 || l <= b)
		return -1;
	for (int i = l; i > b; i--) {
		int found = 0;

		for (int j = b; j < i && !found; j++)
			if (weeks[i].value >= 0 && weeks[j].value >= 0 &&
			    agree(&weeks[j], &weeks[i])) {
				out->base = j;
				out->now = i;
				found = 1;
			}
		if (found)
			break;
	}
	out->from = weeks[out->base].value;
	out->to = weeks[out->now].value;
	out->trend = safety_pain_trend(out->from, out->to);
	return 0;
}

/*
 * SAFETY.md section 2: pain must not rise from week to week. The latest week
 * against the one before it, on both middle days of each; when they
 * disagree, the pair before stands in (one day never flips it). Returns the
 * index of the week that rose, or 0. Two weeks are compared only on the same
 * scores (next-morning with next-morning): a week that falls back on all
 * scores holds the ratings during exercise, and a rating within the
 * acceptable range never steps back (SAFETY.md section 2), so it cannot make
 * a rise against a week of mornings.
 */
int safety_pain_rising(const struct pain_week *weeks, size_t n)
{
	int l = safety_latest_week(weeks, n);
	const double rise = SAFETY_PAIN_RISE - 1e-9;

	for (int i = l; i > 0 && weeks[i].value >= 0 && weeks[i - 1].value >= 0; i--) {
		int lo = weeks[i].low - weeks[i - 1].high >= rise;
		int hi = weeks[i].high - weeks[i - 1].low >= rise;

		if (weeks[i].basis != weeks[i - 1].basis)
			continue;
		if (lo == hi)
			return lo ? i : 0;
	}
	return l > 0 && weeks[l - 1].value >= 0 && weeks[l].basis == weeks[l - 1].basis &&
		       weeks[l].value - weeks[l - 1].value >= rise
		   ? l
		   : 0;
}

/* SAFETY.md section 4 [S]: doing the program is the strength work first, and the stretches. */
void safety_adherence(const struct pain_week *weeks, size_t n, struct adherence *out)
{
	memset(out, 0, sizeof(*out));
	/* weeks[n - 1] is this week, not complete yet. */
	for (size_t i = n >= 3 ? n - 3 : 0; i + 1 < n; i++) {
		const struct pain_week *w = &weeks[i];

		out->weeks++;
		out->strength_planned += w->strength_planned;
		out->strength_done +=
		    w->strength_done < w->strength_planned ? w->strength_done : w->strength_planned;
		out->stretch_planned += w->stretch_planned;
		out->stretch_done +=
		    w->stretch_done < w->stretch_planned ? w->stretch_done : w->stretch_planned;
	}
	out->strength =
	    out->strength_planned ? (double)out->strength_done / out->strength_planned : -1;
	out->stretch = out->stretch_planned ? (double)out->stretch_done / out->stretch_planned : -1;
	if (!out->strength_planned && !out->stretch_planned)
		out->doing = -1;
	else
		out->doing =
		    (out->strength < 0 || out->strength >= SAFETY_ADHERENCE_STRENGTH_MIN - 1e-9) &&
		    (out->stretch < 0 || out->stretch >= SAFETY_ADHERENCE_STRETCH_MIN - 1e-9);
}

/* SAFETY.md section 7: 2 points on the PSFS average is a real change. */
int safety_psfs_better(double first, double latest)
{
	return latest - first >= SAFETY_PSFS_REAL_CHANGE - 1e-9;
}

int safety_care_reminder_due(day_t since, day_t today)
{
	return since > 0 && today > since && (today - since) % SAFETY_CARE_REMINDER_DAYS == 0;
}

static const char *fmt_day(day_t d, char *buf)
{
	int y, m, dd;

	day_to_civil(d, &y, &m, &dd);
	snprintf(buf, 16, "%d %.3s", dd, month_long[m - 1]);
	return buf;
}

/* "1 point", "4 points", "1.5 points". */
static void add_points(struct strbuf *sb, double d)
{
	double r = floor(d * 10 + 0.5) / 10;

	if (fabs(r - floor(r)) < 1e-9)
		strbuf_addf(sb, "%.0f point%s", r, fabs(r - 1) < 1e-9 ? "" : "s");
	else
		strbuf_addf(sb, "%.1f points", r);
}

/*
 * The change from `from` to `to` in words that follow its direction, never
 * "less than 2 points better" for pain that went up: "worse by 4 points",
 * "about the same", "a little better, by 1 point, less than ...", "better
 * by 3 points", each with the two weekly pains.
 */
static void describe(struct strbuf *sb, double from, double to)
{
	if (to - from >= SAFETY_PAIN_RISE - 1e-9) {
		strbuf_addstr(sb, "worse by ");
		add_points(sb, to - from);
	} else if (safety_meaningful_drop(from, to)) {
		strbuf_addstr(sb, "better by ");
		add_points(sb, from - to);
	} else if (from - to >= SAFETY_NOT_BETTER_POINTS - 1e-9) {
		strbuf_addstr(sb, "only a little better, by ");
		add_points(sb, from - to);
		strbuf_addstr(sb, ", less than the 2 points (or 30%) that counts as a real change");
	} else {
		strbuf_addstr(sb, "about the same");
	}
	strbuf_addf(sb, " (weekly pain %.1f at the start, %.1f now)", from, to);
}

/* SAFETY.md section 2: weekly pain must not rise; after-pain settles by morning; during <= 5;
 * gentle stretches. */
static void pain_rules(const struct escalation_input *in, struct advice_list *out)
{
	int r = safety_pain_rising(in->weeks, in->nweeks);
	char day[16];

	if (r > 0)
		advice_add(out, ADVICE_STEP_BACK, SRC_PAIN_MODEL,
			   "Step back this week: your weekly pain went up from %.1f to %.1f. Pain "
			   "should not rise from week to week, so do fewer sets or the easier "
			   "versions until it comes down.",
			   in->weeks[r - 1].value, in->weeks[r].value);
	if (in->unsettled > 0)
		advice_add(
		    out, ADVICE_STEP_BACK, SRC_PAIN_MODEL,
		    "Step back: after your strength session on %s the pain had not settled "
		    "by the next morning%s. Do less next time, with fewer sets or the easier "
		    "versions, and log your morning pain again the day after.",
		    fmt_day(in->unsettled_day, day),
		    in->unsettled > 1 ? " (and it happened more than once this week)" : "");
	if (in->too_much_during > 0)
		advice_add(
		    out, ADVICE_STEP_BACK, SRC_PAIN_MODEL,
		    "Step back: your pain during exercise reached %d/10 this week. Up to "
		    "5/10 is acceptable; above that is too much. Stop any move that goes past "
		    "5 and use its easier version next time.",
		    in->too_much_max);
	if (in->painful_stretches > 0)
		advice_add(
		    out, ADVICE_EASE_OFF, SRC_STRETCH,
		    "Ease off the stretches: %s hurt more than 3/10. A stretch should feel "
		    "like gentle tension, never pain; go only as far as feels gentle, with a "
		    "shorter range next time.",
		    in->painful_stretch ? in->painful_stretch : "a stretch");
}

/* " (Jo)" from the runner's note, or "". */
static void add_note(struct strbuf *sb, const char *note)
{
	if (note && *note)
		strbuf_addf(sb, " (%s)", note);
}

/*
 * A referral to a physical therapist by the trend rules (2 and 6 weeks).
 * Under a clinician's care the runner has acted on it: instead of the alarm,
 * a calm reminder every SAFETY_CARE_REMINDER_DAYS days that says the same
 * state of the hip (SAFETY.md section 4 [S]).
 */
static void refer_pt(const struct escalation_input *in, const char *source, const char *state,
		     const char *message, struct advice_list *out, unsigned *held)
{
	struct strbuf note = STRBUF_INIT;
	char day[16];

	if (!in->care_since) {
		advice_add(out, ADVICE_SEE_PT, source, "%s", message);
		return;
	}
	*held |= ESCALATE_HELD_CARE;
	if (!safety_care_reminder_due(in->care_since, in->today))
		return;
	add_note(&note, in->care_note);
	advice_add(out, ADVICE_UNDER_CARE, SRC_CARE,
		   "A reminder, once a week: %s. You told hipcoach on %s that a physical "
		   "therapist or doctor is looking after your hip%s, so keep to the plan you "
		   "agreed with them, and tell them how it is going; 'hipcoach report' makes a "
		   "page to bring to your next visit.",
		   state, fmt_day(in->care_since, day), note.buf);
	strbuf_release(&note);
}

/*
 * SAFETY.md section 4, with numbers [S]: pain 8/10 or more, or the same
 * exercise skipped for pain three times -> physical therapist now (the
 * article); not better (less than 1 point lower than the start week) after
 * 2 weeks of doing the program (at least 75% of the strength sessions and
 * half the stretch days) with running scaled back -> PT (LEAP trial, UK
 * pathways); less than 2 points or 30% better after 6 weeks -> PT; not
 * clearly better (the same 2 points or 30%) by 12 weeks -> a specialist
 * (Kemp BJSM 2020; Farrar, Pain 2001). The weekly pains compared are those
 * of safety_pain_change(), so one day never flips these (section 2). A real
 * PSFS gain with pain flat (not up by a point) weighs against "not better"
 * at 2 and 6 weeks, never against the 12-week rule, high pain or red flags
 * (sections 4 and 7). Under a clinician's care the 2- and 6-week referrals
 * become a weekly reminder; high pain and skips still say "now".
 */
unsigned safety_escalate(const struct escalation_input *in, struct advice_list *out)
{
	struct pain_change pc;
	struct adherence adh;
	int days = in->today - in->start;
	unsigned held = 0;
	char day[16];

	if (in->max_pain_recent >= SAFETY_PAIN_HIGH) {
		if (in->care_since)
			advice_add(
			    out, ADVICE_SEE_PT, SRC_PT_NOW,
			    "Tell your physical therapist or doctor now, this week: you rated "
			    "your pain %d/10 on %s. Pain that high is more than exercise "
			    "should ever cause, and they need to know before your next "
			    "visit. Until then, do only what does not hurt.",
			    in->max_pain_recent, fmt_day(in->max_pain_day, day));
		else
			advice_add(
			    out, ADVICE_SEE_PT, SRC_PT_NOW,
			    "See a physical therapist now, this week: you rated your pain "
			    "%d/10 on %s. Pain that high is more than exercise should ever "
			    "cause, and a physical therapist can find out why. Until then, do "
			    "only what does not hurt.",
			    in->max_pain_recent, fmt_day(in->max_pain_day, day));
	}
	if (in->skipped_count >= 3 && in->skipped_exercise) {
		if (in->care_since)
			advice_add(out, ADVICE_SEE_PT, SRC_PT_NOW,
				   "Tell your physical therapist or doctor this week: you have "
				   "stopped %s %d times because it hurt. Ask them what to do "
				   "instead, and leave it out until then.",
				   in->skipped_exercise, in->skipped_count);
		else
			advice_add(
			    out, ADVICE_SEE_PT, SRC_PT_NOW,
			    "See a physical therapist now, this week: you have stopped %s %d "
			    "times because it hurt. An exercise that keeps hurting needs "
			    "someone to look at how you move and what to do instead; leave "
			    "it out until then.",
			    in->skipped_exercise, in->skipped_count);
	}

	safety_adherence(in->weeks, in->nweeks, &adh);
	if (!safety_pain_change(in->weeks, in->nweeks, &pc)) {
		struct strbuf state = STRBUF_INIT, msg = STRBUF_INIT;
		int better = pc.trend == TREND_BETTER;
		int point_better = pc.to <= pc.from - SAFETY_NOT_BETTER_POINTS + 1e-9;
		int flat = pc.trend != TREND_WORSE && pc.to - pc.from < SAFETY_PAIN_RISE - 1e-9;
		int psfs =
		    flat && in->psfs_scored && safety_psfs_better(in->psfs_first, in->psfs_latest);

		describe(&state, pc.from, pc.to);
		if (days >= SAFETY_SPECIALIST_DAYS && !better) {
			advice_add(
			    out, ADVICE_SEE_SPECIALIST, SRC_SPECIALIST,
			    "See a specialist, such as a sports medicine doctor: after %d "
			    "weeks your hip is %s. Hip pain that responds to exercise has "
			    "usually clearly improved by 3 months, so it is time to look for "
			    "other causes. %s",
			    days / 7, state.buf,
			    in->care_since ? "The physical therapist or doctor who is "
					     "looking after your hip can refer you."
					   : "Your doctor or physical therapist can "
					     "refer you.");
		} else if (days >= SAFETY_PT_DAYS && !better && psfs) {
			held |= ESCALATE_HELD_PSFS;
		} else if (days >= SAFETY_PT_DAYS && !better) {
			strbuf_addf(&msg,
				    "See a physical therapist: after %d weeks your hip is %s. A "
				    "physical therapist can find what is holding you back and "
				    "change the plan.",
				    days / 7, state.buf);
			if (adh.doing == 0)
				strbuf_addf(&msg,
					    " You did %d of the %d planned strength sessions in "
					    "the last 2 weeks, so this does not show that the "
					    "program cannot help you; they can also help you fit "
					    "the strength work in.",
					    adh.strength_done, adh.strength_planned);
			strbuf_reset(&state);
			strbuf_addf(&state, "after %d weeks your hip is ", days / 7);
			describe(&state, pc.from, pc.to);
			refer_pt(in, SRC_PT_6W, state.buf, msg.buf, out, &held);
		} else if (days >= SAFETY_REVIEW_DAYS && adh.doing == 1 && !point_better && psfs) {
			held |= ESCALATE_HELD_PSFS;
		} else if (days >= SAFETY_REVIEW_DAYS && adh.doing == 1 && !point_better) {
			if (in->scaled_back == TRI_NO) {
				advice_add(
				    out, ADVICE_SCALE_BACK_RUNNING, SRC_SCALE_BACK,
				    "Run less for the next 2 weeks: after 2 weeks of the program "
				    "(%d of %d strength sessions, stretches on %d of %d days) your "
				    "hip is %s, and your running has not come down. If it is still "
				    "no better after 2 weeks of running less, see a physical "
				    "therapist.",
				    adh.strength_done, adh.strength_planned, adh.stretch_done,
				    adh.stretch_planned, state.buf);
			} else {
				strbuf_addf(
				    &msg,
				    "See a physical therapist now: after 2 weeks of doing the "
				    "program (%d of %d strength sessions, stretches on %d of %d "
				    "days) your hip is %s. When pain does not improve with "
				    "strength "
				    "work, stretching and less running, get help: the sooner the "
				    "better.%s",
				    adh.strength_done, adh.strength_planned, adh.stretch_done,
				    adh.stretch_planned, state.buf,
				    in->scaled_back == TRI_UNKNOWN
					? " hipcoach could not check whether you have cut "
					  "back your running (no runs recorded from before "
					  "the program); if you have not, running less is "
					  "part of the same advice."
					: "");
				strbuf_reset(&state);
				strbuf_addf(&state, "after %d weeks of the program your hip is ",
					    days / 7);
				describe(&state, pc.from, pc.to);
				refer_pt(in, SRC_PT_2W, state.buf, msg.buf, out, &held);
			}
		}
		strbuf_release(&state);
		strbuf_release(&msg);
	}
	pain_rules(in, out);
	return held;
}

/* What the runner is short of, from the two adherence lines of SAFETY.md section 4. */
static void add_shortfall(struct strbuf *sb, const struct adherence *a)
{
	int strength = a->strength >= 0 && a->strength < SAFETY_ADHERENCE_STRENGTH_MIN - 1e-9;
	int stretch = a->stretch >= 0 && a->stretch < SAFETY_ADHERENCE_STRETCH_MIN - 1e-9;

	if (strength)
		strbuf_addf(sb, "aim for at least %.0f%% of the planned strength sessions",
			    SAFETY_ADHERENCE_STRENGTH_MIN * 100);
	if (strength && stretch)
		strbuf_addstr(sb, ", and ");
	else if (stretch)
		strbuf_addstr(sb, "keep the strength sessions up, and add ");
	if (stretch)
		strbuf_addf(sb, "stretches on at least %.0f%% of the days",
			    SAFETY_ADHERENCE_STRETCH_MIN * 100);
}

void safety_on_track(const struct escalation_input *in, unsigned held, struct advice_list *out)
{
	struct pain_change pc;
	struct adherence adh;
	struct strbuf psfs = STRBUF_INIT, sb = STRBUF_INIT;
	int have = !safety_pain_change(in->weeks, in->nweeks, &pc);
	char day[16];

	safety_adherence(in->weeks, in->nweeks, &adh);
	if (in->psfs_scored && safety_psfs_better(in->psfs_first, in->psfs_latest))
		strbuf_addf(&psfs,
			    " Your daily activities are clearly better too: your PSFS average went "
			    "from %.1f to %.1f, and 2 points or more is a real change.",
			    in->psfs_first, in->psfs_latest);

	if (in->care_since && !(held & ESCALATE_HELD_PSFS)) {
		add_note(&sb, in->care_note);
		if (adh.doing == 0)
			strbuf_addf(&sb,
				    ". In the %s you did %d of %d planned strength sessions and "
				    "stretched on %d of %d days; tell them that too",
				    adh.weeks == 1 ? "last week" : "last 2 weeks",
				    adh.strength_done, adh.strength_planned, adh.stretch_done,
				    adh.stretch_planned);
		advice_add(
		    out, ADVICE_ON_TRACK, SRC_CARE,
		    "You told hipcoach on %s that a physical therapist or doctor is looking "
		    "after your hip%s. Follow their plan where it differs from this one, and "
		    "tell them how it goes; 'hipcoach report' makes a page to bring to your "
		    "next visit.%s",
		    fmt_day(in->care_since, day), sb.buf, psfs.buf);
	} else if (have && (held & ESCALATE_HELD_PSFS)) {
		describe(&sb, pc.from, pc.to);
		advice_add(
		    out, ADVICE_ON_TRACK, SRC_PSFS,
		    "Keep going: your hip is %s, but your daily activities are clearly "
		    "better: your PSFS average went from %.1f to %.1f, and 2 points or more "
		    "is a real change. hipcoach counts that as progress, so it does not send "
		    "you to a physical therapist for now. Score your activities again every "
		    "few weeks ('hipcoach psfs').",
		    sb.buf, in->psfs_first, in->psfs_latest);
	} else if (have && adh.doing == 0) {
		struct strbuf aim = STRBUF_INIT;

		add_shortfall(&aim, &adh);
		if (in->today - in->start >= SAFETY_REVIEW_DAYS &&
		    pc.to > pc.from - SAFETY_NOT_BETTER_POINTS + 1e-9) {
			describe(&sb, pc.from, pc.to);
			advice_add(out, ADVICE_ON_TRACK, SRC_ADHERENCE,
				   "Your hip is %s, and in the last 2 weeks you did %d of %d "
				   "planned strength sessions and stretched on %d of %d days. The "
				   "article's remedy is strength first: %s. After 2 weeks of that, "
				   "hipcoach can tell whether the program is helping, and when to "
				   "see a physical therapist.",
				   sb.buf, adh.strength_done, adh.strength_planned,
				   adh.stretch_done, adh.stretch_planned, aim.buf);
		} else {
			advice_add(out, ADVICE_ON_TRACK, SRC_ADHERENCE,
				   "Your weekly pain was %.1f in your first week and %.1f in the "
				   "latest, and in the %s you did %d of %d planned strength "
				   "sessions and stretched on %d of %d days. The strength work is "
				   "what builds the hip up, strength first: %s.%s",
				   pc.from, pc.to, adh.weeks == 1 ? "last week" : "last 2 weeks",
				   adh.strength_done, adh.strength_planned, adh.stretch_done,
				   adh.stretch_planned, aim.buf, psfs.buf);
		}
		strbuf_release(&aim);
	} else if (have) {
		advice_add(out, ADVICE_ON_TRACK, SRC_ON_TRACK,
			   "Keep going: your weekly pain was %.1f in your first week and %.1f in "
			   "the latest. Pain during exercise up to 5/10 is fine if it settles by "
			   "the next morning.%s",
			   pc.from, pc.to, psfs.buf);
	} else {
		advice_add(out, ADVICE_ON_TRACK, SRC_ON_TRACK,
			   "Keep going. Log your morning pain on a few days each week ('hipcoach "
			   "log pain N --when morning'): from the second week on, hipcoach "
			   "compares each week with your first to tell whether the program is "
			   "working.%s",
			   psfs.buf);
	}
	strbuf_release(&psfs);
	strbuf_release(&sb);
}
