/* The coach's world: opening the store, loading the program, the profile and its progress, and the
 * conditions that adapt the plan. */
#include "coach.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/safety.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/pain.h"
#include "store/profile.h"
#include "store/program.h"
#include "store/screening.h"

int coach_store(struct coach *c, int readonly)
{
	char *path;
	int ret;

	if (c->store_open)
		return 0;
	path = store_default_path(c->db_path);
	ret = store_open(&c->store, path, readonly ? STORE_READONLY : STORE_CREATE);
	free(path);
	if (ret)
		return -1;
	c->store_open = 1;
	return 0;
}

int coach_program(struct coach *c)
{
	const char *path = c->program_path;
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (c->program_loaded)
		return 0;
	if (!path) {
		program_load_default(&c->program);
		c->program_loaded = 1;
		return 0;
	}
	if (strbuf_read_file(&sb, path, 16 << 20)) {
		ret = error_set("cannot read program '%s': %s", path, strerror(errno));
		strbuf_release(&sb);
		return ret;
	}
	ret = program_parse(&c->program, path, sb.buf, sb.len);
	strbuf_release(&sb);
	if (ret)
		return -1;
	c->program_loaded = 1;
	return 0;
}

int coach_screening_conditions(struct coach *c, unsigned *cond, int *blocked)
{
	struct screening_rows rows;
	struct screen_decision d;

	if (coach_store(c, 0) || store_screening_rows(&c->store, &rows))
		return -1;
	safety_screening_decide(rows.yes, rows.nyes, &d);
	screening_rows_release(&rows);
	*cond = safety_screening_conditions(&d);
	*blocked = d.blocked;
	return 0;
}

/* Conditions for cautions come from where it hurt in the last 14 days, and from screening answers
 * about numbness (SAFETY.md section 6). */
static int recent_conditions(struct coach *c, unsigned *out, unsigned *pause)
{
	static const struct {
		int location;
		unsigned cond;
	} map[] = {
	    {PAIN_LOCATION_OUTER, COND_OUTER_HIP},
	    {PAIN_LOCATION_FRONT, COND_FRONT_PINCH},
	    {PAIN_LOCATION_GROIN, COND_GROIN},
	};
	day_t today = clock_today();
	unsigned cond = 0, screened;
	int blocked;

	for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
		int n = store_pain_location_count(&c->store, map[i].location, today - 13, today);

		if (n < 0)
			return -1;
		if (n > 0)
			cond |= map[i].cond;
	}
	if (coach_screening_conditions(c, &screened, &blocked))
		return -1;
	*pause = safety_pause(blocked);
	*out = cond | screened;
	return 0;
}

static void pain_drop(struct coach *c)
{
	free(c->pain);
	c->pain = NULL;
	c->npain = 0;
}

int coach_pain_weeks(struct coach *c, day_t first, struct pain_week *weeks, size_t n)
{
	day_t today = clock_today(), last = first + (day_t)(7 * n) - 7, lo, hi;
	struct pain_week *w;
	int64_t mark[2];
	size_t nw;

	if (!n)
		return 0;
	if (coach_store(c, 0))
		return -1;
	store_pain_mark(&c->store, mark);
	if (c->pain &&
	    (c->pain_today != today || c->pain_mark[0] != mark[0] || c->pain_mark[1] != mark[1]))
		pain_drop(c);
	if (c->pain && first >= c->pain_first && (first - c->pain_first) % 7 == 0 &&
	    last <= c->pain_first + (day_t)(7 * c->npain) - 7) {
		memcpy(weeks, c->pain + (first - c->pain_first) / 7, n * sizeof(*weeks));
		return 0;
	}
	if (first != day_week_start(first))
		return store_pain_weeks(&c->store, first, weeks, n);
	/* The widest the command asks: from the reach it announced, to this week (every ask ends
	 * there). */
	lo = first;
	hi = last > day_week_start(today) ? last : day_week_start(today);
	if (c->pain_reach && c->pain_reach < lo && c->pain_reach == day_week_start(c->pain_reach))
		lo = c->pain_reach;
	if (c->pain) {
		if (c->pain_first < lo)
			lo = c->pain_first;
		if (c->pain_first + (day_t)(7 * c->npain) - 7 > hi)
			hi = c->pain_first + (day_t)(7 * c->npain) - 7;
	}
	nw = (size_t)((hi - lo) / 7 + 1);
	w = xcalloc(nw, sizeof(*w));
	if (store_pain_weeks(&c->store, lo, w, nw)) {
		free(w);
		return -1;
	}
	pain_drop(c);
	c->pain = w;
	c->npain = nw;
	c->pain_first = lo;
	c->pain_today = today;
	c->pain_mark[0] = mark[0];
	c->pain_mark[1] = mark[1];
	memcpy(weeks, w + (first - lo) / 7, n * sizeof(*weeks));
	return 0;
}

void coach_pain_reach(struct coach *c, day_t first)
{
	c->pain_reach = first;
}

int coach_has_profile(struct coach *c)
{
	struct profile probe;
	int have;

	if (c->profile_loaded)
		return 1;
	if (coach_store(c, 0))
		return -1;
	have = store_profile_load(&c->store, &probe);
	profile_release(&probe);
	return have;
}

int coach_has_profile_readonly(struct coach *c)
{
	struct store probe;
	struct profile p;
	char *path;
	int have;

	if (c->profile_loaded)
		return 1;
	if (c->store_open) {
		have = store_profile_load(&c->store, &p);
		profile_release(&p);
		return have;
	}
	path = store_default_path(c->db_path);
	if (!store_path_is_postgres(path) && access(path, F_OK) && errno == ENOENT) {
		free(path);
		return 0;
	}
	have = store_open(&probe, path, STORE_READONLY);
	free(path);
	if (have)
		return -1;
	have = store_profile_load(&probe, &p);
	profile_release(&p);
	store_close(&probe);
	return have;
}

int coach_profile(struct coach *c)
{
	int rc;

	if (c->profile_loaded)
		return 0;
	if (coach_program(c) || coach_store(c, 0))
		return -1;
	rc = store_profile_load(&c->store, &c->profile);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return error_set("no profile yet: run 'hipcoach setup' first");
	if (store_progress_load(&c->store, &c->progress, &c->nprogress) ||
	    store_program_load(&c->store, &c->therapist) ||
	    recent_conditions(c, &c->conditions, &c->pause)) {
		profile_release(&c->profile);
		free(c->progress);
		c->progress = NULL;
		c->nprogress = 0;
		program_current_release(&c->therapist);
		return -1;
	}
	c->profile_loaded = 1;
	return 0;
}

const struct plan_input *coach_input(struct coach *c)
{
	if (coach_profile(c))
		return NULL;
	c->input.prog = &c->program;
	c->input.profile = &c->profile;
	c->input.progress = c->progress;
	c->input.nprogress = c->nprogress;
	c->input.conditions = c->conditions;
	c->input.pause = c->pause;
	c->input.therapist = &c->therapist;
	return &c->input;
}

int coach_reload_progress(struct coach *c)
{
	free(c->progress);
	c->progress = NULL;
	c->nprogress = 0;
	if (store_progress_load(&c->store, &c->progress, &c->nprogress))
		return -1;
	c->input.progress = c->progress;
	c->input.nprogress = c->nprogress;
	return 0;
}

int coach_running_paused(struct coach *c)
{
	int have = coach_has_profile(c);

	if (have <= 0)
		return have;
	if (!coach_input(c))
		return -1;
	return (c->input.pause & PAUSE_RUNNING) != 0;
}

int coach_miles(struct coach *c)
{
	struct profile p;
	int miles = 0;

	if (c->profile_loaded)
		return c->profile.miles;
	if (coach_store(c, 0))
		return 0;
	if (store_profile_load(&c->store, &p) > 0)
		miles = p.miles;
	profile_release(&p);
	return miles;
}

void coach_forget(struct coach *c)
{
	if (!c->profile_loaded)
		return;
	profile_release(&c->profile);
	free(c->progress);
	c->progress = NULL;
	c->nprogress = 0;
	program_current_release(&c->therapist);
	c->profile_loaded = 0;
}

void coach_refresh(struct coach *c, int changed)
{
	int64_t v;

	if (!c->store_open)
		return;
	v = store_data_version(&c->store);
	if (v == c->data_version && !changed)
		return;
	c->data_version = v;
	coach_forget(c);
	pain_drop(c);
}

void coach_release(struct coach *c)
{
	if (c->store_open)
		store_close(&c->store);
	if (c->program_loaded)
		program_release(&c->program);
	if (c->profile_loaded)
		profile_release(&c->profile);
	free(c->progress);
	program_current_release(&c->therapist);
	pain_drop(c);
	c->store_open = c->program_loaded = c->profile_loaded = 0;
	c->progress = NULL;
	c->nprogress = 0;
}
