/* The session player's state machine: steps, cues, pauses and events over the script, without I/O.
 */
#include "player.h"

#include <string.h>

const char *const step_status_names[3] = {"done", "skipped", "hurt"};

/* Going back within this much of a step's start goes to the previous set instead. */
#define BACK_RESTART_MS 3000

int64_t player_active_ms(const struct player *p, int64_t now_ms)
{
	int64_t paused = p->paused_ms;

	if (p->state == PLAYER_PAUSED)
		paused += now_ms - p->pause_start;
	return now_ms - p->origin_ms - paused;
}

static void start_step(struct player *p, size_t step, int64_t start_active)
{
	p->step = step;
	p->step_start = start_active;
	p->next_cue = 0;
	if (step >= p->script->nsteps) {
		p->step = p->script->nsteps;
		p->state = PLAYER_FINISHED;
	}
}

void player_init(struct player *p, const struct script *script, int64_t now_ms)
{
	memset(p, 0, sizeof(*p));
	p->script = script;
	p->origin_ms = now_ms;
	p->state = PLAYER_RUNNING;
	start_step(p, 0, 0);
}

void player_goto(struct player *p, size_t step, int64_t now_ms)
{
	if (p->state == PLAYER_PAUSED) {
		p->paused_ms += now_ms - p->pause_start;
		p->state = PLAYER_RUNNING;
	}
	if (p->state == PLAYER_FINISHED && step < p->script->nsteps)
		p->state = PLAYER_RUNNING;
	start_step(p, step, player_active_ms(p, now_ms));
}

/* Ends the current step with `status` after `elapsed` ms; the next starts at `next_start`. */
static void end_step(struct player *p, enum step_status status, int64_t elapsed, int64_t next_start,
		     struct player_change *ch)
{
	memset(ch, 0, sizeof(*ch));
	ch->type = CHANGE_STEP_END;
	ch->step = p->step;
	ch->status = status;
	ch->elapsed_ms = elapsed;
	start_step(p, p->step + 1, next_start);
}

static size_t previous_work(const struct player *p)
{
	for (size_t i = p->step; i-- > 0;)
		if (p->script->steps[i].work)
			return i;
	return p->step;
}

int player_event(struct player *p, enum player_event ev, int64_t now_ms, struct player_change *ch)
{
	int64_t active, elapsed;

	if (p->state == PLAYER_FINISHED || p->state == PLAYER_STOPPED)
		return 0;
	if (p->state == PLAYER_PAUSED && ev != PLAYER_PAUSE && ev != PLAYER_QUIT) {
		p->paused_ms += now_ms - p->pause_start;
		p->state = PLAYER_RUNNING;
	}
	active = player_active_ms(p, now_ms);
	elapsed = active - p->step_start;
	switch (ev) {
	case PLAYER_DONE: end_step(p, STATUS_DONE, elapsed, active, ch); return 1;
	case PLAYER_SKIP: end_step(p, STATUS_SKIPPED, elapsed, active, ch); return 1;
	case PLAYER_HURT: end_step(p, STATUS_HURT, elapsed, active, ch); return 1;
	case PLAYER_PAUSE:
		if (p->state == PLAYER_RUNNING) {
			p->pause_start = now_ms;
			p->state = PLAYER_PAUSED;
		}
		return 0;
	case PLAYER_RESUME: return 0; /* resumed above */
	case PLAYER_BACK:
		if (p->script->steps[p->step].work && elapsed > BACK_RESTART_MS)
			start_step(p, p->step, active);
		else
			start_step(p, previous_work(p), active);
		return 0;
	case PLAYER_QUIT:
		if (p->state == PLAYER_PAUSED)
			p->paused_ms += now_ms - p->pause_start;
		p->state = PLAYER_STOPPED;
		return 0;
	}
	return 0;
}

int player_tick(struct player *p, int64_t now_ms, struct player_change *ch)
{
	const struct script_step *st;
	int64_t elapsed, dur;

	if (p->state != PLAYER_RUNNING)
		return 0;
	st = &p->script->steps[p->step];
	elapsed = player_active_ms(p, now_ms) - p->step_start;
	if (p->next_cue < st->ncues && (int64_t)st->cues[p->next_cue].at_s * 1000 <= elapsed) {
		memset(ch, 0, sizeof(*ch));
		ch->type = CHANGE_CUE;
		ch->step = p->step;
		ch->cue = &st->cues[p->next_cue++];
		return 1;
	}
	dur = (int64_t)st->duration_s * 1000;
	if (dur && elapsed >= dur) {
		end_step(p, STATUS_DONE, dur, p->step_start + dur, ch);
		return 1;
	}
	return 0;
}

void player_view(const struct player *p, int64_t now_ms, struct player_view *v)
{
	const struct script *s = p->script;
	const struct script_step *st;
	int64_t dur, total = (int64_t)s->total_s * 1000, done;

	memset(v, 0, sizeof(*v));
	v->state = p->state;
	v->step = p->step;
	v->nitems = (int)s->nitems;
	v->next_change_ms = -1;
	if (p->step >= s->nsteps) {
		v->session_fraction = 1;
		v->item_no = v->nitems;
		return;
	}
	st = v->cur = &s->steps[p->step];
	v->next_work = script_next_work(s, p->step);
	v->item_no = st->item + 1;
	v->elapsed_ms = player_active_ms(p, now_ms) - p->step_start;
	if (v->elapsed_ms < 0)
		v->elapsed_ms = 0;
	dur = (int64_t)st->duration_s * 1000;
	if (dur) {
		int64_t left = dur - v->elapsed_ms;

		if (left < 0)
			left = 0;
		v->remaining_s = (int)((left + 999) / 1000);
		v->step_fraction = (double)(dur - left) / (double)dur;
		v->next_change_ms = left;
	}
	if (p->next_cue < st->ncues) {
		int64_t to_cue = (int64_t)st->cues[p->next_cue].at_s * 1000 - v->elapsed_ms;

		if (to_cue < 0)
			to_cue = 0;
		if (v->next_change_ms < 0 || to_cue < v->next_change_ms)
			v->next_change_ms = to_cue;
	}
	for (size_t i = p->next_cue; i-- > 0;) {
		if (st->cues[i].kind != CUE_COUNT) {
			v->cue = &st->cues[i];
			break;
		}
	}
	/* Progress: the estimate of the steps behind us plus the part of this one done. */
	done = total - (int64_t)script_remaining_s(s, p->step) * 1000;
	if (dur)
		done += v->elapsed_ms < dur ? v->elapsed_ms : dur;
	if (total > 0) {
		v->session_fraction = (double)done / (double)total;
		if (v->session_fraction < 0)
			v->session_fraction = 0;
		if (v->session_fraction > 1)
			v->session_fraction = 1;
	}
}

enum player_event player_primary(const struct player *p)
{
	const struct script_step *st;

	if (p->state == PLAYER_PAUSED)
		return PLAYER_RESUME;
	if (p->step >= p->script->nsteps)
		return PLAYER_DONE;
	st = &p->script->steps[p->step];
	if (st->type == STEP_HOLD || st->type == STEP_BREATH)
		return PLAYER_PAUSE;
	return PLAYER_DONE;
}
