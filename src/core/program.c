/* Loading and validating a program file: every field checked, every error naming file, exercise and
 * field. */
#include "program.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

const char *const equipment_names[EQ_COUNT] = {"mat", "band", "step", "dumbbells", "chair"};
const char *const condition_names[COND_COUNT] = {"outer-hip-pain", "front-hip-pinch", "groin-pain",
						 "leg-symptoms-spread", "new-numbness"};
const char *const caution_action_names[4] = {"skip", "shorten", "modify", "swap"};
const char *const level_names[LEVEL_COUNT] = {"beginner", "moderate", "heavy"};

unsigned equipment_parse(const char *name)
{
	for (int i = 0; i < EQ_COUNT; i++)
		if (!strcmp(name, equipment_names[i]))
			return 1u << i;
	return 0;
}

unsigned condition_parse(const char *name)
{
	for (int i = 0; i < COND_COUNT; i++)
		if (!strcmp(name, condition_names[i]))
			return 1u << i;
	return 0;
}

int level_parse(const char *name)
{
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (!strcmp(name, level_names[i]))
			return i;
	return -1;
}

/* Where we are in the document, for error messages. */
struct ctx {
	const char *file;
	const char *exercise; /* NULL at top level */
	const char *variant;
};

static int fail(const struct ctx *c, const char *field, const char *fmt, const char *arg)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "invalid program '%s': ", c->file);
	if (c->exercise)
		strbuf_addf(&sb, "exercise '%s': ", c->exercise);
	if (c->variant)
		strbuf_addf(&sb, "variant '%s': ", c->variant);
	strbuf_addf(&sb, "field '%s': ", field);
	strbuf_addf(&sb, fmt, arg);
	error_set("%s", sb.buf);
	strbuf_release(&sb);
	return -1;
}

static int get_str(const struct ctx *c, json_t *obj, const char *key, int required, char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return fail(c, key, "missing%s", "");
		return 0;
	}
	if (!json_is_string(v))
		return fail(c, key, "expected a string%s", "");
	if (required && !json_string_length(v))
		return fail(c, key, "must not be empty%s", "");
	*out = xstrdup(json_string_value(v));
	return 0;
}

static int get_int(const struct ctx *c, json_t *obj, const char *key, int lo, int hi, int *out)
{
	json_t *v = json_object_get(obj, key);
	char range[64];

	if (!v)
		return fail(c, key, "missing%s", "");
	snprintf(range, sizeof(range), "%d..%d", lo, hi);
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return fail(c, key, "expected an integer in %s", range);
	*out = (int)json_integer_value(v);
	return 0;
}

static int get_bool(const struct ctx *c, json_t *obj, const char *key, int *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return fail(c, key, "missing%s", "");
	if (!json_is_boolean(v))
		return fail(c, key, "expected true or false%s", "");
	*out = json_is_true(v);
	return 0;
}

static int get_enum(const struct ctx *c, json_t *obj, const char *key, const char *const *names,
		    int n, int *out)
{
	json_t *v = json_object_get(obj, key);
	struct strbuf expect = STRBUF_INIT;
	int ret;

	if (!v)
		return fail(c, key, "missing%s", "");
	if (json_is_string(v)) {
		for (int i = 0; i < n; i++) {
			if (!strcmp(json_string_value(v), names[i])) {
				*out = i;
				return 0;
			}
		}
	}
	for (int i = 0; i < n; i++)
		strbuf_addf(&expect, "%s\"%s\"", i ? (i == n - 1 ? " or " : ", ") : "", names[i]);
	ret = fail(c, key, "expected %s", expect.buf);
	strbuf_release(&expect);
	return ret;
}

static int get_strings(const struct ctx *c, json_t *obj, const char *key, int min, char ***out,
		       size_t *n)
{
	json_t *v = json_object_get(obj, key);
	size_t i;
	json_t *item;

	*out = NULL;
	*n = 0;
	if (!v)
		return min ? fail(c, key, "missing%s", "") : 0;
	if (!json_is_array(v))
		return fail(c, key, "expected an array of strings%s", "");
	if (json_array_size(v) < (size_t)min)
		return fail(c, key, "needs at least one entry%s", "");
	*out = xcalloc(json_array_size(v) + 1, sizeof(char *));
	json_array_foreach(v, i, item)
	{
		if (!json_is_string(item) || !json_string_length(item))
			return fail(c, key, "expected an array of non-empty strings%s", "");
		(*out)[(*n)++] = xstrdup(json_string_value(item));
	}
	return 0;
}

/*
 * The words of a step name the legs of a per-side exercise with {working}
 * (the leg that works or is stretched) and {other}. A guided set fills
 * them for its side ("your LEFT", "your RIGHT"); everywhere else they read
 * "one" and "the other".
 */
int program_side_words(struct strbuf *out, const char *text, const char *working, const char *other)
{
	const char *p = text;

	while (*p) {
		const char *open = strchr(p, '{'), *close, *fill;
		size_t at;

		if (!open) {
			strbuf_addstr(out, p);
			break;
		}
		strbuf_add(out, p, (size_t)(open - p));
		close = strchr(open, '}');
		if (close && close - open == 8 && !strncmp(open, "{working}", 9))
			fill = working;
		else if (close && close - open == 6 && !strncmp(open, "{other}", 7))
			fill = other;
		else
			return -1;
		at = out->len;
		strbuf_addstr(out, fill);
		/* At the start of a sentence the filled word takes a capital. */
		if (open == text ||
		    (open - text >= 2 && open[-1] == ' ' && strchr(".!?", open[-2])))
			out->buf[at] = (char)toupper((unsigned char)out->buf[at]);
		p = close + 1;
	}
	return 0;
}

/*
 * The "steps" of an exercise or variant: the neutral words into *steps
 * and, when any names a leg, the words with their placeholders into
 * *sided (else NULL). Placeholders belong to per-side exercises only, and
 * the first one must be {working}: "the other" before "one" reads wrong.
 */
static int get_steps(const struct ctx *c, json_t *obj, const char *key, int per_side, char ***steps,
		     char ***sided, size_t *n)
{
	struct strbuf sb = STRBUF_INIT;
	int named = 0, ret = 0;

	*sided = NULL;
	if (get_strings(c, obj, key, !strcmp(key, "steps"), steps, n))
		return -1;
	for (size_t i = 0; i < *n && !ret; i++) {
		char *w = strstr((*steps)[i], "{working}"), *o = strstr((*steps)[i], "{other}");

		strbuf_reset(&sb);
		if (program_side_words(&sb, (*steps)[i], "one", "the other"))
			ret = fail(c, key,
				   "unknown placeholder in '%s' (expected {working} or {other})",
				   (*steps)[i]);
		else if (!strcmp(sb.buf, (*steps)[i]))
			continue;
		else if (!per_side)
			ret =
			    fail(c, key, "'%s' names a leg, but the exercise is not done per side",
				 (*steps)[i]);
		else if (!named && o && (!w || o < w))
			ret = fail(c, key, "'%s' says {other} before any {working}", (*steps)[i]);
		if (ret)
			break;
		if (!*sided)
			*sided = xcalloc(*n + 1, sizeof(char *));
		named = 1;
		(*sided)[i] = (*steps)[i];
		(*steps)[i] = strbuf_detach(&sb, NULL);
	}
	strbuf_release(&sb);
	if (*sided)
		for (size_t i = 0; i < *n; i++)
			if (!(*sided)[i])
				(*sided)[i] = xstrdup((*steps)[i]);
	return ret;
}

static int get_equipment(const struct ctx *c, json_t *v, const char *field, unsigned *out)
{
	size_t i;
	json_t *item;

	*out = 0;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return fail(c, field, "expected an array of equipment ids%s", "");
	json_array_foreach(v, i, item)
	{
		unsigned eq = json_is_string(item) ? equipment_parse(json_string_value(item)) : 0;

		if (!eq)
			return fail(c, field,
				    "unknown equipment '%s' (expected mat, band, step, "
				    "dumbbells or chair)",
				    json_is_string(item) ? json_string_value(item) : "?");
		*out |= eq;
	}
	return 0;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * "paper_steps", optional: the steps in the fewer, shorter words a printed
 * sheet has room for (2 to PAPER_STEPS_MAX of them, each at most
 * PAPER_STEP_MAX bytes), with the same placeholders as "steps"; the
 * neutral words only.
 */
static int get_paper_steps(const struct ctx *c, json_t *obj, int per_side, char ***steps, size_t *n)
{
	char **sided = NULL;
	int ret = get_steps(c, obj, "paper_steps", per_side, steps, &sided, n);

	if (sided)
		free_strings(sided, *n);
	if (ret)
		return ret;
	if (*n && (*n < 2 || *n > PAPER_STEPS_MAX))
		return fail(c, "paper_steps", "expected 2 to 5 steps%s", "");
	for (size_t i = 0; i < *n; i++)
		if (strlen((*steps)[i]) > PAPER_STEP_MAX)
			return fail(c, "paper_steps",
				    "'%s' is too long for paper (56 bytes at most)", (*steps)[i]);
	return 0;
}

static int parse_variant(struct ctx *c, json_t *obj, int per_side, struct variant *v)
{
	int dir;
	json_t *rep;

	if (!json_is_object(obj))
		return fail(c, "variants", "expected objects%s", "");
	if (get_str(c, obj, "id", 1, &v->id))
		return -1;
	c->variant = v->id;
	if (get_str(c, obj, "name", 1, &v->name))
		return -1;
	if (get_enum(c, obj, "direction", (const char *const[]){"easier", "harder"}, 2, &dir))
		return -1;
	v->harder = dir;
	if (get_equipment(c, json_object_get(obj, "equipment"), "equipment", &v->equipment))
		return -1;
	rep = json_object_get(obj, "replaces_equipment");
	if (rep && !json_is_null(rep)) {
		v->replaces = json_is_string(rep) ? equipment_parse(json_string_value(rep)) : 0;
		if (!v->replaces)
			return fail(c, "replaces_equipment", "unknown equipment%s", "");
	}
	/* A two-leg version of a one-leg exercise says "per_side": false. */
	v->per_side = per_side;
	if (json_object_get(obj, "per_side") && get_bool(c, obj, "per_side", &v->per_side))
		return -1;
	if (get_steps(c, obj, "steps", v->per_side, &v->steps, &v->side_steps, &v->nsteps) ||
	    get_paper_steps(c, obj, v->per_side, &v->paper_steps, &v->npaper_steps))
		return -1;
	if (get_str(c, obj, "why", 0, &v->why))
		return -1;
	c->variant = NULL;
	return 0;
}

static int parse_exercise(struct ctx *c, json_t *obj, struct exercise *ex)
{
	json_t *arr, *item, *eq, *fit;
	size_t i;
	int v;

	if (!json_is_object(obj))
		return fail(c, "exercises", "expected objects%s", "");
	if (get_str(c, obj, "id", 1, &ex->id))
		return -1;
	c->exercise = ex->id;
	if (get_str(c, obj, "name", 1, &ex->name))
		return -1;
	if (get_enum(c, obj, "kind", (const char *const[]){"strength", "stretch"}, 2, &v))
		return -1;
	ex->kind = (enum exercise_kind)v;
	if (get_enum(c, obj, "mode", (const char *const[]){"reps", "hold", "breath"}, 3, &v))
		return -1;
	ex->mode = (enum exercise_mode)v;
	if (get_bool(c, obj, "per_side", &ex->per_side))
		return -1;

	arr = json_object_get(obj, "targets");
	if (!json_is_array(arr) || !json_array_size(arr))
		return fail(c, "targets", "expected a non-empty array%s", "");
	ex->targets = xcalloc(json_array_size(arr), sizeof(*ex->targets));
	json_array_foreach(arr, i, item)
	{
		struct target *t = &ex->targets[ex->ntargets++];

		if (!json_is_object(item))
			return fail(c, "targets", "expected objects with muscle and gloss%s", "");
		if (get_str(c, item, "muscle", 1, &t->muscle) ||
		    get_str(c, item, "gloss", 0, &t->gloss))
			return -1;
	}

	eq = json_object_get(obj, "equipment");
	if (!json_is_object(eq))
		return fail(c, "equipment", "expected an object with required and optional%s", "");
	if (get_equipment(c, json_object_get(eq, "required"), "equipment.required",
			  &ex->equip_required) ||
	    get_equipment(c, json_object_get(eq, "optional"), "equipment.optional",
			  &ex->equip_optional))
		return -1;
	if (get_enum(c, obj, "load", (const char *const[]){"none", "band", "dumbbell"}, 3, &v))
		return -1;
	ex->load = (enum load_kind)v;
	if (get_str(c, obj, "why", 1, &ex->why))
		return -1;
	if (get_steps(c, obj, "steps", ex->per_side, &ex->steps, &ex->side_steps, &ex->nsteps) ||
	    get_paper_steps(c, obj, ex->per_side, &ex->paper_steps, &ex->npaper_steps) ||
	    get_strings(c, obj, "cues", 0, &ex->cues, &ex->ncues))
		return -1;

	arr = json_object_get(obj, "cautions");
	if (arr && !json_is_array(arr))
		return fail(c, "cautions", "expected an array%s", "");
	ex->cautions = xcalloc(json_array_size(arr) + 1, sizeof(*ex->cautions));
	json_array_foreach(arr, i, item)
	{
		struct caution *ca = &ex->cautions[ex->ncautions++];
		json_t *when = json_object_get(item, "when");

		if (!json_is_object(item))
			return fail(c, "cautions", "expected objects%s", "");
		ca->when = json_is_string(when) ? condition_parse(json_string_value(when)) : 0;
		if (!ca->when)
			return fail(c, "cautions.when",
				    "expected one of outer-hip-pain, front-hip-pinch, groin-pain, "
				    "leg-symptoms-spread, new-numbness%s",
				    "");
		if (get_enum(c, item, "action", caution_action_names, 4, &v))
			return -1;
		ca->action = (enum caution_action)v;
		if (get_str(c, item, "text", 1, &ca->text) ||
		    get_str(c, item, "paper", 0, &ca->paper) ||
		    get_str(c, item, "source", 1, &ca->source) ||
		    get_str(c, item, "variant", ca->action == ACTION_SWAP, &ca->variant_id))
			return -1;
	}

	arr = json_object_get(obj, "variants");
	if (arr && !json_is_array(arr))
		return fail(c, "variants", "expected an array%s", "");
	ex->variants = xcalloc(json_array_size(arr) + 1, sizeof(*ex->variants));
	json_array_foreach(arr, i, item)
	{
		if (parse_variant(c, item, ex->per_side, &ex->variants[ex->nvariants++]))
			return -1;
	}
	/* A caution that swaps names one of the variants, which the plan then does instead. */
	for (size_t k = 0; k < ex->ncautions; k++) {
		struct caution *ca = &ex->cautions[k];

		if (ca->action != ACTION_SWAP)
			continue;
		ca->variant = exercise_variant(ex, ca->variant_id);
		if (!ca->variant)
			return fail(c, "cautions.variant",
				    "expected the id of one of its variants%s", "");
	}

	ex->fit_category = ex->fit_name = -1;
	fit = json_object_get(obj, "fit");
	if (fit && !json_is_null(fit)) {
		json_t *name;

		if (!json_is_object(fit))
			return fail(c, "fit", "expected an object%s", "");
		if (get_int(c, fit, "category", 0, 65534, &ex->fit_category))
			return -1;
		name = json_object_get(fit, "name");
		if (name && !json_is_null(name) && get_int(c, fit, "name", 0, 65534, &ex->fit_name))
			return -1;
		if (get_str(c, fit, "title", 0, &ex->fit_title))
			return -1;
	}
	if (get_str(c, obj, "source", 1, &ex->source))
		return -1;
	c->exercise = NULL;
	return 0;
}

static int parse_levels(struct ctx *c, json_t *root, struct program *prog)
{
	json_t *arr = json_object_get(root, "levels"), *item;
	int seen = 0;
	size_t i;

	if (!json_is_array(arr) || json_array_size(arr) != LEVEL_COUNT)
		return fail(c, "levels",
			    "expected an array of 3 levels (beginner, moderate, heavy)%s", "");
	json_array_foreach(arr, i, item)
	{
		struct level *l;
		int id;

		if (!json_is_object(item))
			return fail(c, "levels", "expected objects%s", "");
		if (get_enum(c, item, "id", level_names, LEVEL_COUNT, &id))
			return -1;
		if (seen & (1 << id))
			return fail(c, "levels", "level '%s' appears twice", level_names[id]);
		seen |= 1 << id;
		l = &prog->levels[id];
		if (get_str(c, item, "name", 1, &l->name) ||
		    get_str(c, item, "summary", 1, &l->summary) ||
		    get_int(c, item, "sets_min", 1, 10, &l->sets_min) ||
		    get_int(c, item, "sets_max", l->sets_min, 10, &l->sets_max) ||
		    get_int(c, item, "sets_start", l->sets_min, l->sets_max, &l->sets_start) ||
		    get_int(c, item, "reps_min", 1, 100, &l->reps_min) ||
		    get_int(c, item, "reps_max", l->reps_min, 100, &l->reps_max) ||
		    get_int(c, item, "rest_s", 0, 600, &l->rest_s) ||
		    get_bool(c, item, "loaded", &l->loaded))
			return -1;
	}
	return 0;
}

int program_parse(struct program *prog, const char *name, const char *json, size_t len)
{
	struct ctx c = {.file = name};
	json_error_t jerr;
	json_t *root, *obj, *arr, *item;
	size_t i;
	int ret = -1, fmt;

	memset(prog, 0, sizeof(*prog));
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return error_set("invalid program '%s': line %d, column %d: %s", name, jerr.line,
				 jerr.column, jerr.text);
	if (!json_is_object(root)) {
		fail(&c, "(top level)", "expected an object%s", "");
		goto out;
	}
	if (get_int(&c, root, "format", 1, 1, &fmt) || get_str(&c, root, "id", 1, &prog->id) ||
	    get_str(&c, root, "title", 1, &prog->title))
		goto out;
	obj = json_object_get(root, "source");
	if (!json_is_object(obj)) {
		fail(&c, "source", "expected an object with title and publication%s", "");
		goto out;
	}
	if (get_str(&c, obj, "title", 1, &prog->source_title) ||
	    get_str(&c, obj, "publication", 0, &prog->source_publication) ||
	    get_strings(&c, obj, "experts", 0, &prog->source_experts, &prog->nsource_experts) ||
	    get_str(&c, obj, "note", 0, &prog->source_note))
		goto out;
	if (get_strings(&c, root, "see_pt", 1, &prog->see_pt, &prog->nsee_pt))
		goto out;
	if (parse_levels(&c, root, prog))
		goto out;
	obj = json_object_get(root, "strength");
	if (!json_is_object(obj)) {
		fail(&c, "strength", "expected an object%s", "");
		goto out;
	}
	if (get_int(&c, obj, "sessions_per_week", 1, 7, &prog->strength_per_week) ||
	    get_int(&c, obj, "rest_between_exercises_s", 0, 600, &prog->strength_rest_between_s))
		goto out;
	obj = json_object_get(root, "stretch");
	if (!json_is_object(obj)) {
		fail(&c, "stretch", "expected an object%s", "");
		goto out;
	}
	if (get_int(&c, obj, "sessions_per_week", 1, 7, &prog->stretch_per_week) ||
	    get_int(&c, obj, "hold_s", 5, 600, &prog->stretch_hold_s) ||
	    get_int(&c, obj, "rest_s", 0, 600, &prog->stretch_rest_s) ||
	    get_str(&c, obj, "note", 0, &prog->stretch_note))
		goto out;

	arr = json_object_get(root, "equipment");
	if (arr) {
		if (!json_is_array(arr)) {
			fail(&c, "equipment", "expected an array%s", "");
			goto out;
		}
		json_array_foreach(arr, i, item)
		{
			char *id = NULL;
			unsigned eq;
			int bit = 0;

			if (get_str(&c, item, "id", 1, &id))
				goto out;
			eq = equipment_parse(id);
			free(id);
			if (!eq) {
				fail(&c, "equipment.id", "unknown equipment%s", "");
				goto out;
			}
			while (!(eq & (1u << bit)))
				bit++;
			free(prog->equipment[bit].name);
			free(prog->equipment[bit].substitute);
			if (get_str(&c, item, "name", 1, &prog->equipment[bit].name) ||
			    get_str(&c, item, "substitute", 0, &prog->equipment[bit].substitute))
				goto out;
		}
	}
	for (int b = 0; b < EQ_COUNT; b++)
		if (!prog->equipment[b].name)
			prog->equipment[b].name = xstrdup(equipment_names[b]);

	arr = json_object_get(root, "exercises");
	if (!json_is_array(arr) || !json_array_size(arr)) {
		fail(&c, "exercises", "expected a non-empty array%s", "");
		goto out;
	}
	prog->exercises = xcalloc(json_array_size(arr), sizeof(*prog->exercises));
	json_array_foreach(arr, i, item)
	{
		struct exercise *ex = &prog->exercises[prog->nexercises++];

		if (parse_exercise(&c, item, ex))
			goto out;
		for (size_t j = 0; j + 1 < prog->nexercises; j++) {
			if (!strcmp(prog->exercises[j].id, ex->id)) {
				c.exercise = ex->id;
				fail(&c, "id", "used by two exercises%s", "");
				goto out;
			}
		}
	}
	ret = 0;
out:
	json_decref(root);
	if (ret)
		program_release(prog);
	return ret;
}

static void exercise_release(struct exercise *ex)
{
	free(ex->id);
	free(ex->name);
	for (size_t i = 0; i < ex->ntargets; i++) {
		free(ex->targets[i].muscle);
		free(ex->targets[i].gloss);
	}
	free(ex->targets);
	free(ex->why);
	free_strings(ex->steps, ex->nsteps);
	free_strings(ex->paper_steps, ex->npaper_steps);
	if (ex->side_steps)
		free_strings(ex->side_steps, ex->nsteps);
	free_strings(ex->cues, ex->ncues);
	for (size_t i = 0; i < ex->ncautions; i++) {
		free(ex->cautions[i].text);
		free(ex->cautions[i].paper);
		free(ex->cautions[i].source);
		free(ex->cautions[i].variant_id);
	}
	free(ex->cautions);
	for (size_t i = 0; i < ex->nvariants; i++) {
		struct variant *v = &ex->variants[i];

		free(v->id);
		free(v->name);
		free_strings(v->steps, v->nsteps);
		free_strings(v->paper_steps, v->npaper_steps);
		if (v->side_steps)
			free_strings(v->side_steps, v->nsteps);
		free(v->why);
	}
	free(ex->variants);
	free(ex->fit_title);
	free(ex->source);
}

void program_release(struct program *prog)
{
	if (prog->builtin) {
		memset(prog, 0, sizeof(*prog));
		return;
	}
	free(prog->id);
	free(prog->title);
	free(prog->source_title);
	free(prog->source_publication);
	free_strings(prog->source_experts, prog->nsource_experts);
	free(prog->source_note);
	free_strings(prog->see_pt, prog->nsee_pt);
	for (int i = 0; i < LEVEL_COUNT; i++) {
		free(prog->levels[i].name);
		free(prog->levels[i].summary);
	}
	free(prog->stretch_note);
	for (int i = 0; i < EQ_COUNT; i++) {
		free(prog->equipment[i].name);
		free(prog->equipment[i].substitute);
	}
	for (size_t i = 0; i < prog->nexercises; i++)
		exercise_release(&prog->exercises[i]);
	free(prog->exercises);
	memset(prog, 0, sizeof(*prog));
}

const struct exercise *program_find(const struct program *prog, const char *id)
{
	for (size_t i = 0; i < prog->nexercises; i++)
		if (!strcmp(prog->exercises[i].id, id))
			return &prog->exercises[i];
	return NULL;
}

const struct variant *exercise_variant(const struct exercise *ex, const char *variant_id)
{
	if (!variant_id)
		return NULL;
	for (size_t i = 0; i < ex->nvariants; i++)
		if (!strcmp(ex->variants[i].id, variant_id))
			return &ex->variants[i];
	return NULL;
}
