/* The rows of the therapist's list (GET /api/patients): each patient's row computed from their
 * record (coach_today(), as their own Today) and kept in PostgreSQL (patient_summaries), kept
 * up to date by the write that must show at once and by a refresher thread in every server
 * process, which share the stale rows through advisory locks (docs/ARCHITECTURE.md). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "app.h"
#include "clinic.h"
#include "coach/today.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/auth.h"
#include "store/clinic.h"

/* What needs a therapist, most urgent first: the order of the dashboard (docs/clinic-api.md). */
enum attention {
	ATT_RED_FLAG,	 /* a safety answer pauses guided sessions until a clinician clears it */
	ATT_ESCALATION,	 /* the rules send the runner to a clinician */
	ATT_PAIN_RISING, /* weekly pain going up, by the escalation rules' trend */
	ATT_NOT_DOING,	 /* under the adherence the rules call doing the program */
	ATT_SILENT,	 /* nothing logged for CLINIC_SILENT_DAYS */
	ATT_COUNT
};

static const char *const attention_names[ATT_COUNT] = {"red-flag", "escalation", "pain-rising",
						       "not-doing", "silent-7d"};

/*
 * The refresher waits this long when no row is stale before it looks
 * again: a day's rollover or a patient's step shows on the list within
 * about a second plus the time to compute what is stale before it.
 */
#define REFRESH_IDLE_MS 1000
/*
 * The stale rows a refresher looks at for one it may take: more than the
 * refreshers (one per server process) of a clinic's few servers, each of
 * which holds one at a time.
 */
#define REFRESH_CANDIDATES 16
/* The refresher's nice value: the requests' workers (nice 4, web.c) come first. */
#define REFRESH_NICE 10

int clinic_scope(struct coach *c, int64_t clinic, int64_t patient)
{
	if (store_scope(&c->store, clinic, patient))
		return -1;
	coach_refresh(c, 1);
	return 0;
}

static json_t *percent(double share)
{
	return share < 0 ? json_null() : json_integer((json_int_t)(share * 100 + 0.5));
}

json_t *clinic_row_json(const struct clinic_patient *p, json_t *computed, const char *as_of)
{
	return json_pack("{s:I, s:s, s:O, s:O, s:O, s:O, s:b, s:O, s:o}", "id", (json_int_t)p->id,
			 "name", p->name, "attention", json_object_get(computed, "attention"),
			 "adherence", json_object_get(computed, "adherence"), "pain_trend",
			 json_object_get(computed, "pain_trend"), "last_logged",
			 json_object_get(computed, "last_logged"), "claimed", p->claimed, "setup",
			 json_object_get(computed, "setup"), "as_of",
			 as_of ? json_string(as_of) : json_null());
}

int clinic_row(struct coach *c, const struct clinic_patient *p, struct clinic_row *out,
	       json_t **computed)
{
	struct today t;
	unsigned att = 0;
	char last[11];
	json_t *codes = json_array(), *trend = json_null(), *adh = json_null(), *part;
	int setup = 0, logged;
	day_t last_day = 0;

	memset(out, 0, sizeof(*out));
	if (coach_today(c, &t)) {
		today_release(&t);
		if (!strstr(error_last(), "setup")) {
			json_decref(codes);
			return -1;
		}
	} else {
		const struct status *s = &t.status;

		setup = 1;
		last_day = s->start; /* nothing logged yet: silent since the program began */
		if (s->screening.blocked || t.pause)
			att |= 1u << ATT_RED_FLAG;
		for (size_t i = 0; i < s->advice.n; i++)
			if (advice_is_referral(s->advice.items[i].code))
				att |= 1u << ATT_ESCALATION;
		if (t.pain_to_week > t.pain_from_week) {
			static const char *const names[] = {"falling", "steady", "rising"};

			trend = json_string(names[t.trend]);
			if (t.trend == TREND_WORSE)
				att |= 1u << ATT_PAIN_RISING;
		}
		if (s->adherence.doing == 0)
			att |= 1u << ATT_NOT_DOING;
		if (s->adherence.weeks > 0)
			adh =
			    json_pack("{s:o, s:o}", "strength_pct", percent(s->adherence.strength),
				      "stretch_pct", percent(s->adherence.stretch));
		today_release(&t);
	}
	logged = store_last_logged(&c->store, last);
	if (logged < 0) {
		json_decref(codes);
		json_decref(trend);
		json_decref(adh);
		return -1;
	}
	/* Silent: nothing for a week, counted from the last record, or from the program's start. */
	if (logged && day_parse(last, &last_day))
		last_day = 0;
	if (setup && last_day && clock_today() - last_day >= CLINIC_SILENT_DAYS)
		att |= 1u << ATT_SILENT;
	out->first = ATT_COUNT;
	for (int i = 0; i < ATT_COUNT; i++) {
		if (!(att & (1u << i)))
			continue;
		json_array_append_new(codes, json_string(attention_names[i]));
		if (out->first == ATT_COUNT)
			out->first = i;
		out->count++;
	}
	part = json_pack("{s:o, s:o, s:o, s:o, s:b}", "attention", codes, "adherence", adh,
			 "pain_trend", trend, "last_logged",
			 logged ? json_string(last) : json_null(), "setup", setup);
	out->json = clinic_row_json(p, part, NULL);
	if (computed)
		*computed = part;
	else
		json_decref(part);
	return 0;
}

int clinic_row_keep(struct store *st, int64_t clinic, int64_t patient, int64_t changes,
		    const char *day, const struct clinic_row *row, const json_t *computed)
{
	char *text = json_dumps(computed, JSON_COMPACT);
	int r = 0;

	/* A row too long for the kept copy is computed on every request instead. */
	if (strlen(text) < sizeof(((struct clinic_summary *)0)->summary))
		r = store_clinic_summary_set(st, clinic, patient, changes, day, text, row->first,
					     row->count);
	free(text);
	return r;
}

/*
 * Computes and keeps patient `patient`'s row as of `changes`, with the
 * lock of store_clinic_summary_lock() held, and gives the lock back: 0,
 * or -1. A write meanwhile leaves the row stale: it is computed again.
 */
static int compute_locked(struct coach *c, int64_t clinic, int64_t patient, int64_t changes)
{
	struct store *st = &c->store;
	struct clinic_patient p;
	struct clinic_row row = {0};
	json_t *computed = NULL;
	char day[11];
	int r;

	day_format(clock_today(), day);
	r = store_clinic_patient(st, clinic, patient, &p);
	if (r > 0) /* else the patient went meanwhile: nothing to keep */
		r = clinic_scope(c, clinic, patient) || clinic_row(c, &p, &row, &computed) ||
			    store_unscope(st) ||
			    clinic_row_keep(st, clinic, patient, changes, day, &row, computed)
			? -1
			: 0;
	json_decref(row.json);
	json_decref(computed);
	if (store_unscope(st) || store_clinic_summary_unlock(st, patient))
		r = -1;
	return r;
}

int clinic_row_refresh(struct coach *c, int64_t clinic, int64_t patient)
{
	struct store *st = &c->store;
	int64_t kept_clinic, changes;
	char day[11];
	int r;

	day_format(clock_today(), day);
	if (store_unscope(st))
		return -1;
	r = store_clinic_summary_lock(st, patient, 1, day, &kept_clinic, &changes);
	if (r <= 0) /* no kept row: the list computes it itself */
		return r;
	return compute_locked(c, clinic, patient, changes);
}

/*
 * Takes a stale row of any clinic that no other refresher holds and
 * computes it: 1, 0 when none is left, -1.
 */
static int refresh_one(struct coach *c)
{
	struct store *st = &c->store;
	int64_t patients[REFRESH_CANDIDATES], clinic, changes;
	char day[11];
	size_t n;
	int r;

	day_format(clock_today(), day);
	if (store_unscope(st) ||
	    store_clinic_summary_stale(st, day, patients, ARRAY_SIZE(patients), &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		r = store_clinic_summary_lock(st, patients[i], 0, day, &clinic, &changes);
		if (r)
			return r < 0						 ? -1
			       : compute_locked(c, clinic, patients[i], changes) ? -1
										 : 1;
	}
	return 0;
}

/* The refresher: its own app (a coach and a database connection), and its thread. */
struct clinic_refresher {
	struct app app;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stopping;
};

/* Waits REFRESH_IDLE_MS, or until the server stops: 1 when it does. */
static int idle(struct clinic_refresher *r)
{
	struct timespec ts;
	int stop;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += (long)(REFRESH_IDLE_MS % 1000) * 1000000;
	ts.tv_sec += REFRESH_IDLE_MS / 1000 + ts.tv_nsec / 1000000000;
	ts.tv_nsec %= 1000000000;
	pthread_mutex_lock(&r->lock);
	if (!r->stopping)
		pthread_cond_timedwait(&r->wake, &r->lock, &ts);
	stop = r->stopping;
	pthread_mutex_unlock(&r->lock);
	return stop;
}

/*
 * Computes stale rows one by one while there are any (every row after
 * midnight, a patient's after their writes), makes the rows of patients
 * who have none, and otherwise waits. An error (the database restarting)
 * is waited out the same way.
 */
static void *refresher_main(void *arg)
{
	struct clinic_refresher *r = arg;
	struct coach *c = &r->app.coach;
	int got;

	error_quiet(1);
	setpriority(PRIO_PROCESS, 0, REFRESH_NICE);
	for (;;) {
		pthread_mutex_lock(&r->lock);
		got = r->stopping;
		pthread_mutex_unlock(&r->lock);
		if (got)
			break;
		got = refresh_one(c);
		if (got == 0)
			got = store_clinic_summaries_add(&c->store);
		if (got <= 0 && idle(r))
			break;
	}
	return NULL;
}

int clinic_refresher_start(struct clinic_refresher **out, const struct app *app)
{
	struct clinic_refresher *r = xcalloc(1, sizeof(*r));

	r->app.cmd = app->cmd;
	r->app.coach.db_path = app->coach.db_path;
	r->app.coach.program_path = app->coach.program_path;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->wake, NULL);
	if (coach_program(&r->app.coach) || coach_store(&r->app.coach, 0)) {
		clinic_refresher_stop(r);
		return -1;
	}
	if (pthread_create(&r->thread, NULL, refresher_main, r)) {
		clinic_refresher_stop(r);
		return error_set("cannot start a thread");
	}
	*out = r;
	return 0;
}

void clinic_refresher_stop(struct clinic_refresher *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	r->stopping = 1;
	pthread_cond_signal(&r->wake);
	pthread_mutex_unlock(&r->lock);
	if (r->thread)
		pthread_join(r->thread, NULL);
	coach_release(&r->app.coach);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->wake);
	free(r);
}
