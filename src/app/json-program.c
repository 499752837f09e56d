/* The JSON of a physical therapist's program changes, and the body of a change read from JSON
 * (docs/json.md, "Program changes"). */
#include "json-program.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "coach/setup.h"

/* An ISO 8601 instant, or null when unknown. */
static json_t *instant(const char *at)
{
	return at[0] ? json_string(at) : json_null();
}

static json_t *count_or_null(int v)
{
	return v > 0 ? json_integer(v) : json_null();
}

static json_t *left_out_json(const struct program_current *cur)
{
	json_t *a = json_array();

	for (size_t i = 0; cur && i < cur->nleft_out; i++) {
		const struct program_omit *o = &cur->left_out[i];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o}", "exercise", o->exercise,
						   "reason", o->reason, "who", o->who, "at",
						   instant(o->at)));
	}
	return a;
}

static json_t *doses_json(const struct program_current *cur)
{
	json_t *a = json_array();

	for (size_t i = 0; cur && i < cur->ndoses; i++) {
		const struct program_dose *d = &cur->doses[i];
		json_t *o = json_object();

		json_object_set_new(o, "exercise", json_string(d->exercise));
		json_object_set_new(o, "sets", count_or_null(d->sets));
		json_object_set_new(o, "reps_min", count_or_null(d->reps_min));
		json_object_set_new(o, "reps_max", count_or_null(d->reps_max));
		json_object_set_new(o, "hold_s", count_or_null(d->hold_s));
		json_object_set_new(o, "load_kg",
				    d->load_kg >= 0 ? json_real(d->load_kg) : json_null());
		json_object_set_new(o, "why", json_string(d->why));
		json_object_set_new(o, "who", json_string(d->who));
		json_object_set_new(o, "at", instant(d->at));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *note_json(const struct program_current *cur)
{
	if (!cur || !cur->note)
		return json_null();
	return json_pack("{s:s, s:s, s:o}", "text", cur->note, "who", cur->note_who, "at",
			 instant(cur->note_at));
}

json_t *json_program_current(const struct program_current *cur)
{
	json_t *o;

	if (program_current_empty(cur))
		return json_null();
	o = json_object();
	json_object_set_new(o, "left_out", left_out_json(cur));
	json_object_set_new(o, "doses", doses_json(cur));
	json_object_set_new(o, "note", note_json(cur));
	return o;
}

json_t *json_program_changes(const struct program_changes *pc)
{
	json_t *o = json_object(), *cur = json_object(), *eq = json_array(), *h = json_array();

	json_object_set_new(cur, "level", json_string(level_names[pc->level]));
	for (int i = 0; i < EQ_COUNT; i++)
		if (pc->equipment & (1u << i))
			json_array_append_new(eq, json_string(equipment_names[i]));
	json_object_set_new(cur, "equipment", eq);
	json_object_set_new(cur, "left_out", left_out_json(&pc->current));
	json_object_set_new(cur, "doses", doses_json(&pc->current));
	json_object_set_new(cur, "note", note_json(&pc->current));
	json_object_set_new(o, "current", cur);
	for (size_t i = 0; i < pc->nhistory; i++) {
		const struct program_history *r = &pc->history[i];

		json_array_append_new(h, json_pack("{s:o, s:s, s:s, s:s}", "at", instant(r->at),
						   "who", r->who, "why", r->why, "what", r->what));
	}
	json_object_set_new(o, "history", h);
	return o;
}

__attribute__((format(printf, 2, 3))) static int bad(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

/* The fields of a change, and the shape of each, for the messages. */
static const struct {
	const char *name, *shape;
} fields[] = {
    {"level", "a string: beginner, moderate or heavy"},
    {"equipment", "a list of names, e.g. [\"mat\", \"band\"]"},
    {"left_out", "a list of exercise ids, or of {\"exercise\", \"reason\"}"},
    {"doses", "a list of {\"exercise\", \"sets\", \"reps_min\", \"reps_max\", \"hold_s\", "
	      "\"load_kg\"}"},
    {"note", "a string, or null (\"\" and null remove the note)"},
    {"why", "a string: why the program changes"},
};

static int shape(struct strbuf *err, const char *name)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(fields[i].name, name))
			return bad(err, "'%s' must be %s", name, fields[i].shape);
	return bad(err, "'%s' has the wrong shape", name);
}

/* A whole number member of a dose (null or absent: not set), within int. 0, or -1. */
static int dose_int(const json_t *dose, const char *key, int *out, struct strbuf *err)
{
	const json_t *v = json_object_get(dose, key);
	json_int_t n;

	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return bad(err, "'%s' of a dose must be a whole number, or null", key);
	n = json_integer_value(v);
	if (n < 1)
		return bad(err, "'%s' of a dose must be 1 or more, or null, not %lld", key,
			   (long long)n);
	/* Far past every bound of core/program-change.h, which names the bound. */
	if (n > 100000)
		return bad(err, "'%s' of a dose is out of range: %lld", key, (long long)n);
	*out = (int)n;
	return 0;
}

static int read_dose(const json_t *x, struct program_dose *d, struct strbuf *err)
{
	const json_t *id, *load;
	const char *key;
	json_t *m;

	program_dose_init(d);
	if (!json_is_object(x))
		return shape(err, "doses");
	json_object_foreach((json_t *)x, key, m)
	{
		static const char *const known[] = {"exercise", "sets",	  "reps_min",
						    "reps_max", "hold_s", "load_kg"};
		size_t i = 0;

		while (i < sizeof(known) / sizeof(known[0]) && strcmp(key, known[i]))
			i++;
		if (i == sizeof(known) / sizeof(known[0]))
			return bad(err,
				   "unknown field '%s' in a dose (exercise, sets, reps_min, "
				   "reps_max, hold_s, load_kg)",
				   key);
	}
	id = json_object_get(x, "exercise");
	if (!json_is_string(id))
		return bad(err, "a dose names its exercise: {\"exercise\": \"squat\", ...}");
	if (json_string_length(id) >= sizeof(d->exercise))
		return bad(err, "unknown exercise '%s'", json_string_value(id));
	memcpy(d->exercise, json_string_value(id), json_string_length(id) + 1);
	if (dose_int(x, "sets", &d->sets, err) || dose_int(x, "reps_min", &d->reps_min, err) ||
	    dose_int(x, "reps_max", &d->reps_max, err) || dose_int(x, "hold_s", &d->hold_s, err))
		return -1;
	load = json_object_get(x, "load_kg");
	if (load && !json_is_null(load)) {
		if (!json_is_number(load) || !isfinite(json_number_value(load)) ||
		    json_number_value(load) < 0)
			return bad(err,
				   "'load_kg' of a dose must be a number of kg, 0 for no added "
				   "weight, or null");
		d->load_kg = json_number_value(load);
	}
	return 0;
}

int program_change_from_json(const struct program *prog, const json_t *body,
			     struct program_change *chg, const char **why, struct strbuf *err)
{
	const char *key;
	const json_t *v;
	json_t *m;
	size_t i;

	program_change_init(chg);
	*why = NULL;
	if (!json_is_object(body))
		return bad(err, "the change must be an object: {\"level\", \"equipment\", "
				"\"left_out\", \"doses\", \"note\", \"why\"}");
	json_object_foreach((json_t *)body, key, m)
	{
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (!strcmp(key, fields[i].name))
				break;
		if (i == sizeof(fields) / sizeof(fields[0]))
			return bad(err,
				   "unknown field '%s' (level, equipment, left_out, doses, "
				   "note, why)",
				   key);
	}
	if ((v = json_object_get(body, "why"))) {
		if (!json_is_string(v))
			return shape(err, "why");
		*why = json_string_value(v);
	}
	if ((v = json_object_get(body, "level"))) {
		if (!json_is_string(v))
			return shape(err, "level");
		if (setup_parse_level(json_string_value(v), &chg->level, err))
			return -1;
	}
	if ((v = json_object_get(body, "equipment"))) {
		struct strbuf words = STRBUF_INIT;
		unsigned eq;
		json_t *x;
		int r;

		if (!json_is_array(v))
			return shape(err, "equipment");
		json_array_foreach(v, i, x)
		{
			if (!json_is_string(x)) {
				strbuf_release(&words);
				return shape(err, "equipment");
			}
			strbuf_addf(&words, "%s%s", i ? "," : "", json_string_value(x));
		}
		r = setup_parse_equipment(words.buf, &eq, err);
		strbuf_release(&words);
		if (r)
			return -1;
		chg->equipment = (int)eq;
	}
	if ((v = json_object_get(body, "left_out"))) {
		json_t *x;

		if (!json_is_array(v))
			return shape(err, "left_out");
		chg->set_left_out = 1;
		json_array_foreach(v, i, x)
		{
			const json_t *id = json_is_object(x) ? json_object_get(x, "exercise") : x;
			const json_t *reason =
			    json_is_object(x) ? json_object_get(x, "reason") : NULL;

			if (!json_is_string(id) ||
			    (reason && !json_is_string(reason) && !json_is_null(reason)))
				return shape(err, "left_out");
			if (json_is_object(x) && json_object_size(x) > (reason ? 2u : 1u))
				return bad(err,
					   "an exercise left out is {\"exercise\", \"reason\"}: "
					   "nothing else");
			if (json_string_length(id) >= sizeof(chg->left_out->exercise))
				return bad(err, "unknown exercise '%s'", json_string_value(id));
			program_change_leave_out(chg, json_string_value(id),
						 json_is_string(reason) ? json_string_value(reason)
									: NULL);
		}
	}
	if ((v = json_object_get(body, "doses"))) {
		json_t *x;

		if (!json_is_array(v))
			return shape(err, "doses");
		chg->set_doses = 1;
		json_array_foreach(v, i, x)
		{
			struct program_dose d;

			if (read_dose(x, &d, err))
				return -1;
			program_change_dose(chg, &d);
		}
	}
	if ((v = json_object_get(body, "note"))) {
		if (!json_is_string(v) && !json_is_null(v))
			return shape(err, "note");
		program_change_note(chg, json_is_null(v) ? "" : json_string_value(v));
	}
	return program_change_check_items(prog, chg, err);
}
