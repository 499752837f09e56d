/* The runner's settings: parsing each one, the rules a profile follows, and saving it with what
 * must follow a change. */
#include "setup.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/format.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "store/profile.h"

/* Appends one message to `err`; returns -1. */
__attribute__((format(printf, 2, 3))) static int bad(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

int setup_parse_level(const char *s, int *out, struct strbuf *err)
{
	int lvl = level_parse(s);

	if (lvl < 0)
		return bad(err, "unknown level '%s' (use beginner, moderate or heavy)", s);
	*out = lvl;
	return 0;
}

int setup_parse_days(const char *what, const char *s, unsigned *out, struct strbuf *err)
{
	char *copy = xstrdup(s), *save = NULL;
	unsigned days = 0;
	int ret = 0;

	if (!strcmp(s, "none") || !strcmp(s, "auto") || !*s) {
		*out = 0;
		free(copy);
		return 0;
	}
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		int d = weekday_parse(tok);

		if (d < 0 && setup_is_distance(tok)) {
			ret =
			    bad(err,
				"'%s' in %s is a distance: give the days, e.g. mon,wed,sat "
				"(hipcoach reads how far you run from the runs you log or import)",
				tok, what);
			break;
		}
		if (d < 0) {
			ret = bad(err,
				  "unknown day '%s' in %s (use mon, tue, wed, thu, fri, sat, sun)",
				  tok, what);
			break;
		}
		if (days & (1u << d)) {
			ret =
			    bad(err, "'%s' is given twice in %s: give each day once, e.g. tue,fri",
				weekday_short[d], what);
			break;
		}
		days |= 1u << d;
	}
	if (!ret)
		*out = days;
	free(copy);
	return ret;
}

int setup_is_distance(const char *s)
{
	static const char *const races[] = {"half", "half-marathon", "halfmarathon", "marathon",
					    "ultra"};
	const char *end = s + strlen(s), *p = s;
	double v;

	for (size_t i = 0; i < ARRAY_SIZE(races); i++)
		if (!strcasecmp(s, races[i]))
			return 1;
	if (parse_double(&p, end, &v) || v <= 0)
		return 0;
	while (p < end && *p == ' ')
		p++;
	return !strcasecmp(p, "k") || !strcasecmp(p, "km") || !strcasecmp(p, "mi") ||
	       !strcasecmp(p, "miles") || !strcasecmp(p, "m");
}

int setup_parse_long_run(const char *what, const char *s, int *out, struct strbuf *err)
{
	char *copy = xstrdup(s), *save = NULL;
	struct strbuf days = STRBUF_INIT;
	unsigned d;
	int ret;

	/* "sat 10k", "sat, half": a runner gives the long run's distance with its day; the day is
	 * what the plan needs, the distance comes from the runs recorded. */
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
		if (!setup_is_distance(tok))
			strbuf_addf(&days, "%s%s", days.len ? "," : "", tok);
	free(copy);
	if (!days.len && *s && strcmp(s, "none")) {
		strbuf_release(&days);
		return bad(err,
			   "'%s' is how far your long run is: give its day, e.g. sat, or 'sat %s' "
			   "(hipcoach reads the distance from the runs you log or import)",
			   s, s);
	}
	ret = setup_parse_days(what, days.buf, &d, err);
	strbuf_release(&days);
	if (ret)
		return -1;
	if (d & (d - 1))
		return bad(err, "%s takes one day, e.g. sat", what);
	*out = -1;
	for (int i = 0; i < 7; i++)
		if (d & (1u << i))
			*out = i;
	return 0;
}

int setup_parse_equipment(const char *s, unsigned *out, struct strbuf *err)
{
	char *copy = xstrdup(s), *save = NULL;
	int ret = 0;

	*out = 0;
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		unsigned eq = equipment_parse(tok);

		/* The words a runner uses for what the program calls a step, a band, a chair. */
		static const struct {
			const char *word;
			unsigned eq;
		} also[] = {
		    {"stairs", EQ_STEP},  {"stair", EQ_STEP},	      {"box", EQ_STEP},
		    {"bands", EQ_BAND},	  {"miniband", EQ_BAND},      {"bench", EQ_CHAIR},
		    {"table", EQ_CHAIR},  {"dumbbell", EQ_DUMBBELLS}, {"weights", EQ_DUMBBELLS},
		    {"yoga-mat", EQ_MAT},
		};

		for (size_t i = 0; !eq && i < ARRAY_SIZE(also); i++)
			if (!strcasecmp(tok, also[i].word))
				eq = also[i].eq;
		if (!strcmp(tok, "none"))
			continue;
		if (!eq) {
			ret = bad(err,
				  "unknown equipment '%s' (use mat, band, step, dumbbells, "
				  "chair, or none)",
				  tok);
			break;
		}
		*out |= eq;
	}
	free(copy);
	return ret;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int setup_parse_weights(const char *s, int pounds, struct profile *p, struct strbuf *err)
{
	const char *q = s, *end = s + strlen(s);

	p->nweights = 0;
	while (q < end) {
		double v;

		while (q < end && (*q == ' ' || *q == ','))
			q++;
		if (q == end)
			break;
		if (parse_double(&q, end, &v) || v <= 0 || v > 200 ||
		    p->nweights == PROFILE_MAX_WEIGHTS)
			return bad(err, "cannot read dumbbell weights '%s' (expected e.g. 4,6,8)",
				   s);
		if (q + 2 <= end && (!strncmp(q, "kg", 2) || !strncmp(q, "lb", 2))) {
			pounds = q[0] == 'l';
			q += 2;
		}
		/* Stored in kg; pounds rounded to 0.1 kg so they print back as entered. */
		p->weights_kg[p->nweights++] = pounds ? round(v / 2.2046226 * 10) / 10 : v;
	}
	qsort(p->weights_kg, (size_t)p->nweights, sizeof(double), cmp_double);
	return 0;
}

int setup_parse_units(const char *s, struct profile *p, struct strbuf *err)
{
	char *copy = xstrdup(s), *save = NULL;
	int ret = 0;

	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (!strcmp(tok, "km"))
			p->miles = 0;
		else if (!strcmp(tok, "mi") || !strcmp(tok, "miles"))
			p->miles = 1;
		else if (!strcmp(tok, "kg"))
			p->pounds = 0;
		else if (!strcmp(tok, "lb") || !strcmp(tok, "lbs"))
			p->pounds = 1;
		else {
			ret = bad(err, "unknown unit '%s' (use km or mi, and kg or lb)", tok);
			break;
		}
	}
	free(copy);
	return ret;
}

int setup_parse_date(const char *s, day_t *out, struct strbuf *err)
{
	if (day_parse(s, out))
		return bad(err, "invalid date '%s' (expected a real date as YYYY-MM-DD)", s);
	return 0;
}

void setup_profile_new(struct profile *p)
{
	p->level = LEVEL_BEGINNER;
	p->equipment = EQ_MAT;
	p->start_date = clock_today();
}

void setup_long_run(struct profile *p, int day)
{
	p->long_run_day = day;
	if (day >= 0)
		p->run_days |= 1u << day;
}

int setup_apply(struct profile *p, const struct setup_values *v, struct strbuf *err)
{
	if (v->level && setup_parse_level(v->level, &p->level, err))
		return -1;
	if (v->units && setup_parse_units(v->units, p, err))
		return -1;
	if (v->equipment && setup_parse_equipment(v->equipment, &p->equipment, err))
		return -1;
	if (v->dumbbells) {
		if (setup_parse_weights(v->dumbbells, v->dumbbells_kg ? 0 : p->pounds, p, err))
			return -1;
		if (p->nweights)
			p->equipment |= EQ_DUMBBELLS;
	}
	if (v->run_days && setup_parse_days("--run-days", v->run_days, &p->run_days, err))
		return -1;
	if (v->long_run) {
		int day;

		if (setup_parse_long_run("--long-run", v->long_run, &day, err))
			return -1;
		setup_long_run(p, day);
	}
	if (v->strength_days &&
	    setup_parse_days("--strength-days", v->strength_days, &p->strength_days, err))
		return -1;
	if (v->name) {
		free(p->name);
		p->name = *v->name ? xstrdup(v->name) : NULL;
	}
	if (v->start && setup_parse_date(v->start, &p->start_date, err))
		return -1;
	return 0;
}

void setup_strength_reason(const struct profile *p, unsigned chosen, struct strbuf *sb)
{
	unsigned on_runs = chosen & p->run_days;
	int lr = p->long_run_day;

	/* The reasons plan_strength_days() weighs, said only where they hold for these days. */
	strbuf_addstr(sb, "chosen to fit your runs: never two days in a row");
	if (lr >= 0 && !(chosen & ((1u << lr) | (1u << ((lr + 6) % 7)))))
		strbuf_addf(sb, ", away from your long run on %s and the day before it",
			    weekday_long[lr]);
	if (p->run_days && !on_runs) {
		strbuf_addstr(sb, ", on days you do not run");
	} else if (on_runs) {
		struct strbuf days = STRBUF_INIT;

		format_weekdays_long(&days, on_runs);
		strbuf_addf(sb, "; %s %s too, which keeps the sessions spread through the week",
			    days.buf, on_runs & (on_runs - 1) ? "are run days" : "is a run day");
		strbuf_release(&days);
	}
}

size_t setup_warnings(const struct profile *p, const char **out, size_t max)
{
	unsigned days = p->strength_days;
	/* Days whose next day (Sunday wrapping to Monday) is a strength day too. */
	unsigned adj = days & ((days << 1) | (days >> 6)) & 0x7f;
	size_t n = 0;

	/* Two strength days in a row leave no recovery between sessions. */
	if (adj && n < max)
		out[n++] =
		    "your strength days include two in a row: strength work does best with a "
		    "day of rest between sessions";
	if (p->long_run_day >= 0 && (days & (1u << ((p->long_run_day + 6) % 7))) && n < max)
		out[n++] = "strength the day before your long run can leave your legs tired for it";
	if ((p->equipment & EQ_DUMBBELLS) && !p->nweights && n < max)
		out[n++] = "no dumbbell weights given: add them with 'hipcoach setup --dumbbells "
			   "4,6,8' so the plan can suggest a weight";
	return n;
}

int coach_setup_load(struct coach *c, struct profile *p)
{
	int have;

	profile_init(p);
	if (coach_store(c, 0))
		return -1;
	have = store_profile_load(&c->store, p);
	if (have < 0)
		return -1;
	if (!have)
		setup_profile_new(p);
	return have;
}

int coach_setup_save(struct coach *c, const struct profile *p)
{
	if (coach_store(c, 0))
		return -1;
	if (store_profile_save(&c->store, p))
		return error_set("cannot save profile: %s", error_last());
	/* The plan, the progress rules and the cautions read the profile: reload all of it. */
	coach_forget(c);
	return 0;
}
