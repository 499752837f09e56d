/* Exercise illustrations: poses from JSON, forward kinematics, and flat cairo drawings. */
#include "figure.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <jansson.h>

#include "lib/cairo-dl.h"
#include "lib/embed.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/*
 * Segment lengths as fractions of standing height, rounded from the
 * anthropometric table in Winter, "Biomechanics and Motor Control of Human
 * Movement" (after Drillis and Contini), so that a standing figure is 1.0
 * tall with its soles on y = 0.
 */
#define LEN_THIGH     0.245
#define LEN_SHANK     0.246
#define LEN_FOOT      0.115 /* ankle to the centre of the toe cap */
#define LEN_HEEL      0.025 /* ankle back to the centre of the heel cap */
#define ANKLE_HEIGHT  0.046
#define LEN_TRUNK     0.290 /* hip joint to the base of the neck */
#define LEN_SHOULDER  0.265 /* hip joint to the shoulder joint */
#define LEN_UPPERARM  0.170
#define LEN_FOREARM   0.150 /* elbow to the middle of the hand */
#define LEN_NECK      0.038
#define HEAD_RADIUS   0.064
#define HIP_HALF      0.052 /* front view: hip joint from the midline */
#define SHOULDER_HALF 0.098

/* Half-widths of the rounded segments (capsules), proximal and distal. */
#define R_THIGH_HIP	     0.043
#define R_THIGH_KNEE	     0.031
#define R_SHANK_KNEE	     0.030
#define R_SHANK_FOOT	     0.021
#define R_FOOT		     0.019
#define R_UPPER_SH	     0.027
#define R_UPPER_EL	     0.021
#define R_FORE_EL	     0.021
#define R_FORE_HAND	     0.017
#define R_HAND		     0.021
#define R_TRUNK_SIDE	     0.068
#define R_TRUNK_PELVIS_FRONT 0.072
#define R_TRUNK_CHEST_FRONT  0.092

#define MAT_THICK 0.016
#define GAP	  0.011 /* the knock-out gap between overlapping parts */
#define MAX_PROPS 6

#define DEG (M_PI / 180.0)

enum view {
	VIEW_SIDE,
	VIEW_FRONT,
};

enum accent {
	ACCENT_NEAR_LEG = 1 << 0,
	ACCENT_FAR_LEG = 1 << 1,
	ACCENT_NEAR_ARM = 1 << 2,
	ACCENT_FAR_ARM = 1 << 3,
	ACCENT_TRUNK = 1 << 4,
};

enum prop_type {
	PROP_MAT,
	PROP_STEP,
	PROP_CHAIR,
	PROP_BAND,
	PROP_DUMBBELLS,
};

struct limb {
	double hip, knee, ankle, shoulder, elbow;
	/* Length factors for segments seen at an angle to the picture plane. */
	double thigh, shank, foot, upper, fore;
};

struct pose {
	double x, y;  /* the pelvis (hip joint) */
	double trunk; /* lean from vertical, positive towards the way the figure faces */
	double spine; /* curve of the back: positive rounded (flexion), negative arched */
	double neck;  /* head tilt from the trunk line, positive chin down */
	struct limb limb[2];
};

struct prop {
	enum prop_type type;
	double x, width, height;
	int has_x, has_width, has_height;
	int back; /* chair: the side of the backrest, -1 left, 1 right */
};

struct arrow {
	int on;
	size_t joint; /* offset of a struct figure_point in struct figure_skeleton */
	double offset, bend;
	int both;   /* a head at each end: a movement that goes back and forth */
	int mirror; /* front view: a second arrow for the far side */
};

struct figure {
	char *id;
	enum view view;
	int facing_left; /* drawn mirrored, so that the near side is the left one */
	unsigned accent;
	struct prop props[MAX_PROPS];
	size_t nprops;
	struct arrow arrow;
	struct pose pose[2];
};

struct figure_set {
	struct figure *v;
	size_t n, alloc;
};

/* Names an arrow may point at, mapped to the skeleton field. */
static const struct {
	const char *name;
	size_t offset;
} joint_names[] = {
    {"pelvis", offsetof(struct figure_skeleton, pelvis)},
    {"neck", offsetof(struct figure_skeleton, neck)},
    {"head", offsetof(struct figure_skeleton, head)},
    {"back", offsetof(struct figure_skeleton, back)},
    {"near.knee", offsetof(struct figure_skeleton, knee[0])},
    {"far.knee", offsetof(struct figure_skeleton, knee[1])},
    {"near.ankle", offsetof(struct figure_skeleton, ankle[0])},
    {"far.ankle", offsetof(struct figure_skeleton, ankle[1])},
    {"near.toe", offsetof(struct figure_skeleton, toe[0])},
    {"far.toe", offsetof(struct figure_skeleton, toe[1])},
    {"near.heel", offsetof(struct figure_skeleton, heel[0])},
    {"far.heel", offsetof(struct figure_skeleton, heel[1])},
    {"near.elbow", offsetof(struct figure_skeleton, elbow[0])},
    {"far.elbow", offsetof(struct figure_skeleton, elbow[1])},
    {"near.hand", offsetof(struct figure_skeleton, hand[0])},
    {"far.hand", offsetof(struct figure_skeleton, hand[1])},
};

static const struct {
	const char *name;
	unsigned bit;
} accent_names[] = {
    {"near-leg", ACCENT_NEAR_LEG}, {"far-leg", ACCENT_FAR_LEG}, {"near-arm", ACCENT_NEAR_ARM},
    {"far-arm", ACCENT_FAR_ARM},   {"trunk", ACCENT_TRUNK},
};

static const struct {
	const char *name;
	enum prop_type type;
} prop_names[] = {
    {"mat", PROP_MAT},	 {"step", PROP_STEP},		{"chair", PROP_CHAIR},
    {"band", PROP_BAND}, {"dumbbells", PROP_DUMBBELLS},
};

/* ---- loading ---------------------------------------------------------- */

static int field_error(const char *id, const char *field, const char *what)
{
	return error_set("figure '%s': field '%s': %s", id, field, what);
}

/* Refuses keys outside `allowed` (NULL-terminated), so that a typo is not silently ignored. */
static int figure_check_keys(json_t *obj, const char *const *allowed, const char *id,
			     const char *path)
{
	const char *key;
	json_t *val;

	json_object_foreach(obj, key, val)
	{
		const char *const *a;
		char field[128];

		(void)val;
		for (a = allowed; *a; a++)
			if (!strcmp(*a, key))
				break;
		if (*a)
			continue;
		snprintf(field, sizeof(field), "%s%s%s", path, *path ? "." : "", key);
		return field_error(id, field, "unknown field");
	}
	return 0;
}

/* Reads an optional number within [lo, hi]; *out keeps its default when the key is absent. */
static int figure_get_number(json_t *obj, const char *key, double lo, double hi, int required,
			     double *out, const char *id, const char *path)
{
	json_t *v = json_object_get(obj, key);
	char field[128], what[96];
	double d;

	snprintf(field, sizeof(field), "%s%s%s", path, *path ? "." : "", key);
	if (!v) {
		if (required)
			return field_error(id, field, "missing");
		return 0;
	}
	d = json_is_number(v) ? json_number_value(v) : NAN;
	if (!isfinite(d) || d < lo || d > hi) {
		snprintf(what, sizeof(what), "expected a number from %g to %g", lo, hi);
		return field_error(id, field, what);
	}
	*out = d;
	return 0;
}

static int figure_load_limb(json_t *obj, struct limb *limb, const char *id, const char *path)
{
	static const char *const keys[] = {"hip",   "knee",  "ankle", "shoulder",
					   "elbow", "scale", NULL};
	static const char *const scale_keys[] = {"thigh", "shank", "foot", "upper", "fore", NULL};
	char sub[96];
	json_t *scale;

	limb->thigh = limb->shank = limb->foot = limb->upper = limb->fore = 1.0;
	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return field_error(id, path, "expected an object");
	if (figure_check_keys(obj, keys, id, path) ||
	    figure_get_number(obj, "hip", -360, 360, 0, &limb->hip, id, path) ||
	    figure_get_number(obj, "knee", -360, 360, 0, &limb->knee, id, path) ||
	    figure_get_number(obj, "ankle", -360, 360, 0, &limb->ankle, id, path) ||
	    figure_get_number(obj, "shoulder", -360, 360, 0, &limb->shoulder, id, path) ||
	    figure_get_number(obj, "elbow", -360, 360, 0, &limb->elbow, id, path))
		return -1;
	scale = json_object_get(obj, "scale");
	if (!scale)
		return 0;
	snprintf(sub, sizeof(sub), "%s.scale", path);
	if (!json_is_object(scale))
		return field_error(id, sub, "expected an object");
	if (figure_check_keys(scale, scale_keys, id, sub) ||
	    figure_get_number(scale, "thigh", 0, 2, 0, &limb->thigh, id, sub) ||
	    figure_get_number(scale, "shank", 0, 2, 0, &limb->shank, id, sub) ||
	    figure_get_number(scale, "foot", 0, 2, 0, &limb->foot, id, sub) ||
	    figure_get_number(scale, "upper", 0, 2, 0, &limb->upper, id, sub) ||
	    figure_get_number(scale, "fore", 0, 2, 0, &limb->fore, id, sub))
		return -1;
	return 0;
}

static int figure_load_pose(json_t *obj, struct pose *pose, const char *id, const char *name)
{
	static const char *const keys[] = {"pelvis", "trunk", "spine", "neck",
					   "near",   "far",   "note",  NULL};
	json_t *pelvis;
	char path[96];
	double xy[2];

	memset(pose, 0, sizeof(*pose));
	if (!obj)
		return field_error(id, name, "missing");
	if (!json_is_object(obj))
		return field_error(id, name, "expected an object");
	if (figure_check_keys(obj, keys, id, name))
		return -1;
	pelvis = json_object_get(obj, "pelvis");
	snprintf(path, sizeof(path), "%s.pelvis", name);
	if (!pelvis)
		return field_error(id, path, "missing");
	if (!json_is_array(pelvis) || json_array_size(pelvis) != 2)
		return field_error(id, path, "expected [x, y]");
	for (size_t i = 0; i < 2; i++) {
		json_t *v = json_array_get(pelvis, i);
		double d = json_is_number(v) ? json_number_value(v) : NAN;

		if (!isfinite(d) || d < -3 || d > 3)
			return field_error(id, path, "expected [x, y], numbers from -3 to 3");
		xy[i] = d;
	}
	pose->x = xy[0];
	pose->y = xy[1];
	if (figure_get_number(obj, "trunk", -360, 360, 0, &pose->trunk, id, name) ||
	    figure_get_number(obj, "spine", -1, 1, 0, &pose->spine, id, name) ||
	    figure_get_number(obj, "neck", -180, 180, 0, &pose->neck, id, name))
		return -1;
	snprintf(path, sizeof(path), "%s.near", name);
	if (figure_load_limb(json_object_get(obj, "near"), &pose->limb[0], id, path))
		return -1;
	snprintf(path, sizeof(path), "%s.far", name);
	return figure_load_limb(json_object_get(obj, "far"), &pose->limb[1], id, path);
}

static int figure_load_prop(json_t *obj, struct prop *prop, const char *id, const char *path)
{
	static const char *const keys[] = {"type", "x", "width", "height", "back", NULL};
	const char *type, *back;
	char field[96];
	size_t i;

	memset(prop, 0, sizeof(*prop));
	prop->back = 1;
	if (!json_is_object(obj))
		return field_error(id, path, "expected an object");
	if (figure_check_keys(obj, keys, id, path))
		return -1;
	snprintf(field, sizeof(field), "%s.type", path);
	type = json_string_value(json_object_get(obj, "type"));
	if (!type)
		return field_error(id, field, "expected a string");
	for (i = 0; i < ARRAY_SIZE(prop_names); i++)
		if (!strcmp(prop_names[i].name, type))
			break;
	if (i == ARRAY_SIZE(prop_names))
		return field_error(id, field, "expected mat, step, chair, band or dumbbells");
	prop->type = prop_names[i].type;
	prop->has_x = json_object_get(obj, "x") != NULL;
	prop->has_width = json_object_get(obj, "width") != NULL;
	prop->has_height = json_object_get(obj, "height") != NULL;
	if (figure_get_number(obj, "x", -3, 3, 0, &prop->x, id, path) ||
	    figure_get_number(obj, "width", 0, 3, 0, &prop->width, id, path) ||
	    figure_get_number(obj, "height", 0, 3, 0, &prop->height, id, path))
		return -1;
	if ((prop->type == PROP_STEP || prop->type == PROP_CHAIR) && !prop->has_x)
		return field_error(id, path, "a step or chair needs 'x'");
	back = json_string_value(json_object_get(obj, "back"));
	snprintf(field, sizeof(field), "%s.back", path);
	if (json_object_get(obj, "back")) {
		if (!back || (strcmp(back, "left") && strcmp(back, "right")))
			return field_error(id, field, "expected \"left\" or \"right\"");
		prop->back = strcmp(back, "left") ? 1 : -1;
	}
	return 0;
}

static int figure_load_arrow(json_t *obj, struct arrow *arrow, const char *id)
{
	static const char *const keys[] = {"joint", "offset", "bend", "both", "mirror", NULL};
	const char *joint;
	json_t *both;
	size_t i;

	memset(arrow, 0, sizeof(*arrow));
	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return field_error(id, "arrow", "expected an object");
	if (figure_check_keys(obj, keys, id, "arrow"))
		return -1;
	joint = json_string_value(json_object_get(obj, "joint"));
	if (!joint)
		return field_error(id, "arrow.joint", "expected a string");
	for (i = 0; i < ARRAY_SIZE(joint_names); i++)
		if (!strcmp(joint_names[i].name, joint))
			break;
	if (i == ARRAY_SIZE(joint_names))
		return field_error(id, "arrow.joint", "unknown joint");
	arrow->joint = joint_names[i].offset;
	if (figure_get_number(obj, "offset", -1, 1, 0, &arrow->offset, id, "arrow") ||
	    figure_get_number(obj, "bend", -2, 2, 0, &arrow->bend, id, "arrow"))
		return -1;
	both = json_object_get(obj, "both");
	if (both && !json_is_boolean(both))
		return field_error(id, "arrow.both", "expected true or false");
	arrow->both = json_is_true(both);
	both = json_object_get(obj, "mirror");
	if (both && !json_is_boolean(both))
		return field_error(id, "arrow.mirror", "expected true or false");
	arrow->mirror = json_is_true(both);
	arrow->on = 1;
	return 0;
}

static int figure_load_one(json_t *obj, struct figure *fig, const char *id)
{
	static const char *const keys[] = {"view",  "facing", "accent", "props", "arrow",
					   "start", "end",    "note",	NULL};
	json_t *v, *item;
	const char *view, *facing;
	size_t i;

	if (!json_is_object(obj))
		return field_error(id, "", "expected an object");
	if (figure_check_keys(obj, keys, id, ""))
		return -1;
	v = json_object_get(obj, "view");
	view = v ? json_string_value(v) : "side";
	if (!view || (strcmp(view, "side") && strcmp(view, "front")))
		return field_error(id, "view", "expected \"side\" or \"front\"");
	fig->view = strcmp(view, "side") ? VIEW_FRONT : VIEW_SIDE;
	v = json_object_get(obj, "facing");
	facing = v ? json_string_value(v) : "right";
	if (!facing || (strcmp(facing, "right") && strcmp(facing, "left")))
		return field_error(id, "facing", "expected \"right\" or \"left\"");
	fig->facing_left = !strcmp(facing, "left");

	v = json_object_get(obj, "accent");
	if (v && !json_is_array(v))
		return field_error(id, "accent", "expected an array of strings");
	json_array_foreach(v, i, item)
	{
		const char *name = json_string_value(item);
		size_t k;

		for (k = 0; name && k < ARRAY_SIZE(accent_names); k++)
			if (!strcmp(accent_names[k].name, name))
				break;
		if (!name || k == ARRAY_SIZE(accent_names))
			return field_error(
			    id, "accent", "expected near-leg, far-leg, near-arm, far-arm or trunk");
		fig->accent |= accent_names[k].bit;
	}

	v = json_object_get(obj, "props");
	if (v && !json_is_array(v))
		return field_error(id, "props", "expected an array");
	if (json_array_size(v) > MAX_PROPS)
		return field_error(id, "props", "too many props");
	json_array_foreach(v, i, item)
	{
		char path[32];

		snprintf(path, sizeof(path), "props[%zu]", i);
		if (figure_load_prop(item, &fig->props[i], id, path))
			return -1;
		fig->nprops = i + 1;
	}

	if (figure_load_arrow(json_object_get(obj, "arrow"), &fig->arrow, id) ||
	    figure_load_pose(json_object_get(obj, "start"), &fig->pose[FIGURE_START], id,
			     "start") ||
	    figure_load_pose(json_object_get(obj, "end"), &fig->pose[FIGURE_END], id, "end"))
		return -1;
	return 0;
}

int figure_set_load(struct figure_set **out, const char *json, size_t len)
{
	struct figure_set *set;
	json_error_t jerr;
	json_t *root, *figures, *v;
	const char *id;
	double format = 0;

	*out = NULL;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return error_set("cannot parse figures at line %d, column %d: %s", jerr.line,
				 jerr.column, jerr.text);
	set = xcalloc(1, sizeof(*set));
	if (!json_is_object(root)) {
		error_set("cannot read figures: expected an object at the top");
		goto fail;
	}
	v = json_object_get(root, "format");
	if (v)
		format = json_is_integer(v) ? (double)json_integer_value(v) : -1;
	if (format != 1) {
		error_set("cannot read figures: field 'format': expected 1");
		goto fail;
	}
	figures = json_object_get(root, "figures");
	if (!json_is_object(figures)) {
		error_set("cannot read figures: field 'figures': expected an object");
		goto fail;
	}
	json_object_foreach(figures, id, v)
	{
		struct figure *fig;

		ALLOC_GROW(set->v, set->n + 1, set->alloc);
		fig = &set->v[set->n];
		memset(fig, 0, sizeof(*fig));
		fig->id = xstrdup(id);
		set->n++;
		if (figure_load_one(v, fig, id))
			goto fail;
	}
	json_decref(root);
	*out = set;
	return 0;
fail:
	json_decref(root);
	figure_set_free(set);
	return -1;
}

int figure_set_load_default(struct figure_set **out)
{
	const struct embedded_file *f = embed_find("data/figures/hip-pain.json");

	if (!f) {
		*out = NULL;
		return error_set("cannot find the built-in figures");
	}
	return figure_set_load(out, (const char *)f->data, f->size);
}

void figure_set_free(struct figure_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i].id);
	free(set->v);
	free(set);
}

static const struct figure *figure_find(const struct figure_set *set, const char *id)
{
	for (size_t i = 0; set && i < set->n; i++)
		if (!strcmp(set->v[i].id, id))
			return &set->v[i];
	error_set("no figure for exercise '%s'", id);
	return NULL;
}

int figure_set_has(const struct figure_set *set, const char *exercise_id)
{
	for (size_t i = 0; set && i < set->n; i++)
		if (!strcmp(set->v[i].id, exercise_id))
			return 1;
	return 0;
}

const char *figure_set_working_side(const struct figure_set *set, const char *exercise_id)
{
	for (size_t i = 0; set && i < set->n; i++) {
		const struct figure *fig = &set->v[i];
		unsigned legs = fig->accent & (ACCENT_NEAR_LEG | ACCENT_FAR_LEG);

		if (strcmp(fig->id, exercise_id))
			continue;
		if (legs != ACCENT_NEAR_LEG && legs != ACCENT_FAR_LEG)
			return NULL;
		/* The near side is the one the figure faces (facing_left: the left one). */
		return (legs == ACCENT_NEAR_LEG) == !!fig->facing_left ? "left" : "right";
	}
	return NULL;
}

size_t figure_set_count(const struct figure_set *set)
{
	return set ? set->n : 0;
}

const char *figure_set_id(const struct figure_set *set, size_t i)
{
	return set && i < set->n ? set->v[i].id : NULL;
}

/* ---- forward kinematics ------------------------------------------------ */

/*
 * Limb angles are in degrees from "hanging straight down" in the body's own
 * frame, positive forward (side view) or outward (front view). The knee
 * folds the shank backward, the elbow folds the forearm forward, and the
 * ankle at 0 holds the foot square to the shank (positive: toes up).
 */
static struct figure_point dir_down(double deg, double mirror)
{
	struct figure_point p = {mirror * sin(deg * DEG), -cos(deg * DEG)};

	return p;
}

static struct figure_point add(struct figure_point a, struct figure_point b, double k)
{
	struct figure_point p = {a.x + k * b.x, a.y + k * b.y};

	return p;
}

/* Body frame to world: lean the trunk by `trunk` degrees about the pelvis. */
static struct figure_point to_world(const struct pose *pose, struct figure_point local)
{
	double c = cos(pose->trunk * DEG), s = sin(pose->trunk * DEG);
	struct figure_point p = {pose->x + local.x * c + local.y * s,
				 pose->y - local.x * s + local.y * c};

	return p;
}

static void figure_kinematics(const struct figure *fig, const struct pose *pose,
			      struct figure_skeleton *sk)
{
	struct figure_point origin = {0, 0}, top = {0, LEN_TRUNK};
	struct figure_point head_dir = {sin(pose->neck * DEG), cos(pose->neck * DEG)};

	memset(sk, 0, sizeof(*sk));
	sk->pelvis = to_world(pose, origin);
	sk->neck = to_world(pose, top);
	sk->head = to_world(pose, add(top, head_dir, LEN_NECK + HEAD_RADIUS));
	sk->head_radius = HEAD_RADIUS;
	{
		/* The midpoint of the quadratic curve drawn for the back. */
		struct figure_point mid = {-pose->spine * LEN_TRUNK * 0.55 / 2, LEN_TRUNK / 2};

		sk->back = to_world(pose, mid);
	}
	for (int side = 0; side < 2; side++) {
		const struct limb *l = &pose->limb[side];
		/* In front view the far side is the mirror image of the near one. */
		double mirror = fig->view == VIEW_FRONT && side == 1 ? -1 : 1;
		double hip_x = fig->view == VIEW_FRONT ? mirror * HIP_HALF : 0;
		double sh_x = fig->view == VIEW_FRONT ? mirror * SHOULDER_HALF : 0;
		struct figure_point hip = {hip_x, 0}, shoulder = {sh_x, LEN_SHOULDER};
		struct figure_point knee, ankle, foot, sole, heel, toe, elbow, hand;
		double a_thigh = l->hip, a_shank = a_thigh - l->knee;
		double a_foot = a_shank + 90 + l->ankle;
		double a_upper = l->shoulder, a_fore = a_upper + l->elbow;

		knee = add(hip, dir_down(a_thigh, mirror), LEN_THIGH * l->thigh);
		ankle = add(knee, dir_down(a_shank, mirror), LEN_SHANK * l->shank);
		foot = dir_down(a_foot, mirror);
		sole = dir_down(a_foot - 90, mirror);
		heel = add(add(ankle, sole, ANKLE_HEIGHT - R_FOOT), foot, -LEN_HEEL * l->foot);
		toe = add(add(ankle, sole, ANKLE_HEIGHT - R_FOOT), foot, LEN_FOOT * l->foot);
		elbow = add(shoulder, dir_down(a_upper, mirror), LEN_UPPERARM * l->upper);
		hand = add(elbow, dir_down(a_fore, mirror), LEN_FOREARM * l->fore);

		sk->hip[side] = to_world(pose, hip);
		sk->knee[side] = to_world(pose, knee);
		sk->ankle[side] = to_world(pose, ankle);
		sk->heel[side] = to_world(pose, heel);
		sk->toe[side] = to_world(pose, toe);
		sk->shoulder[side] = to_world(pose, shoulder);
		sk->elbow[side] = to_world(pose, elbow);
		sk->hand[side] = to_world(pose, hand);
	}
}

int figure_skeleton(const struct figure_set *set, const char *exercise_id, enum figure_phase phase,
		    struct figure_skeleton *out)
{
	const struct figure *fig = figure_find(set, exercise_id);

	if (!fig)
		return -1;
	figure_kinematics(fig, &fig->pose[phase == FIGURE_END], out);
	return 0;
}

/* The control point of the back's curve: flexion bows it away from the belly. */
static struct figure_point figure_spine_control(const struct pose *pose)
{
	struct figure_point mid = {-pose->spine * LEN_TRUNK * 0.55, LEN_TRUNK / 2};

	return to_world(pose, mid);
}

/* ---- styles ----------------------------------------------------------- */

static struct figure_rgba rgb(unsigned hex)
{
	struct figure_rgba c = {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
				(hex & 0xff) / 255.0, 1.0};

	return c;
}

/*
 * The accent is darker than the neutral body and the far side lighter than
 * the near side, so that working limbs and sides still read apart when a
 * colour page is printed in grey.
 */
void figure_style_init(struct figure_style *style, enum figure_theme theme)
{
	memset(style, 0, sizeof(*style));
	style->arrows = 1;
	style->dumbbells = 1;
	switch (theme) {
	case FIGURE_THEME_DARK:
		style->background = rgb(0x111827);
		style->body = rgb(0x9aa6b6);
		style->body_far = rgb(0x566173);
		style->accent = rgb(0xff8a3d);
		style->accent_far = rgb(0xa65a2c);
		style->prop = rgb(0x273244);
		style->line = rgb(0x4b5666);
		style->band = rgb(0x3fbfa8);
		style->weight = rgb(0xd3d9e2);
		style->arrow = rgb(0xffb37a);
		break;
	case FIGURE_THEME_PRINT:
		style->background = rgb(0xffffff);
		style->body = rgb(0x9a9a9a);
		style->body_far = rgb(0xcfcfcf);
		style->accent = rgb(0x262626);
		style->accent_far = rgb(0x7a7a7a);
		style->prop = rgb(0xe6e6e6);
		style->line = rgb(0xb0b0b0);
		style->band = rgb(0x555555);
		style->weight = rgb(0x404040);
		style->arrow = rgb(0x262626);
		break;
	case FIGURE_THEME_LIGHT:
	default:
		style->background = rgb(0xffffff);
		style->body = rgb(0xa9b3c1);
		style->body_far = rgb(0xccd3dc);
		style->accent = rgb(0xd9480f);
		style->accent_far = rgb(0xf2a27a);
		style->prop = rgb(0xe8ecf1);
		style->line = rgb(0xbcc4cf);
		style->band = rgb(0x0f8b7a);
		style->weight = rgb(0x3d4653);
		style->arrow = rgb(0x9c3208);
		break;
	}
}

/* ---- drawing ----------------------------------------------------------- */

struct bbox {
	double x0, y0, x1, y1;
};

static void bbox_add(struct bbox *b, struct figure_point p, double r)
{
	if (p.x - r < b->x0)
		b->x0 = p.x - r;
	if (p.x + r > b->x1)
		b->x1 = p.x + r;
	if (p.y - r < b->y0)
		b->y0 = p.y - r;
	if (p.y + r > b->y1)
		b->y1 = p.y + r;
}

static void set_colour(cairo_t *cr, struct figure_rgba c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

/*
 * Adds the outline of a tapered capsule: two circles and the lines tangent
 * to both, so that a limb narrows smoothly from its root to its end.
 */
static void path_capsule(cairo_t *cr, struct figure_point a, double ra, struct figure_point b,
			 double rb)
{
	double dx = b.x - a.x, dy = b.y - a.y, len = hypot(dx, dy), th, al;

	cairo_new_sub_path(cr);
	if (len <= fabs(ra - rb) + 1e-9) {
		struct figure_point c = ra >= rb ? a : b;

		cairo_arc(cr, c.x, c.y, ra >= rb ? ra : rb, 0, 2 * M_PI);
		cairo_close_path(cr);
		return;
	}
	th = atan2(dy, dx);
	al = acos((ra - rb) / len);
	cairo_arc(cr, a.x, a.y, ra, th + al, th + 2 * M_PI - al);
	cairo_arc(cr, b.x, b.y, rb, th - al, th + al);
	cairo_close_path(cr);
}

static void path_circle(cairo_t *cr, struct figure_point c, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, c.x, c.y, r, 0, 2 * M_PI);
	cairo_close_path(cr);
}

static void path_round_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 1.5 * M_PI);
	cairo_close_path(cr);
}

/*
 * Paints the current path as one body part: first a halo in the background
 * colour that cuts a thin gap into whatever lies behind, then the fill.
 */
static void fill_part(cairo_t *cr, const struct figure_style *st, struct figure_rgba c)
{
	if (st->background.a > 0) {
		set_colour(cr, st->background);
		cairo_set_line_width(cr, 2 * GAP);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke_preserve(cr);
	}
	set_colour(cr, c);
	cairo_fill(cr);
}

static void draw_leg(cairo_t *cr, const struct figure_skeleton *sk, int side,
		     const struct figure_style *st, struct figure_rgba c)
{
	cairo_new_path(cr);
	path_capsule(cr, sk->heel[side], R_FOOT, sk->toe[side], R_FOOT * 0.85);
	path_capsule(cr, sk->knee[side], R_SHANK_KNEE, sk->ankle[side], R_SHANK_FOOT);
	path_capsule(cr, sk->ankle[side], R_SHANK_FOOT, sk->heel[side], R_FOOT);
	path_capsule(cr, sk->hip[side], R_THIGH_HIP, sk->knee[side], R_THIGH_KNEE);
	fill_part(cr, st, c);
}

static void draw_arm(cairo_t *cr, const struct figure_skeleton *sk, int side,
		     const struct figure_style *st, struct figure_rgba c)
{
	cairo_new_path(cr);
	path_capsule(cr, sk->shoulder[side], R_UPPER_SH, sk->elbow[side], R_UPPER_EL);
	path_capsule(cr, sk->elbow[side], R_FORE_EL, sk->hand[side], R_FORE_HAND);
	path_circle(cr, sk->hand[side], R_HAND);
	fill_part(cr, st, c);
}

static void draw_trunk(cairo_t *cr, const struct figure *fig, const struct pose *pose,
		       const struct figure_skeleton *sk, const struct figure_style *st,
		       struct figure_rgba c)
{
	cairo_new_path(cr);
	if (fig->view == VIEW_FRONT) {
		/* End the chest capsule below the neck so that the shoulders sit square. */
		{
			struct figure_point d = {sk->neck.x - sk->pelvis.x,
						 sk->neck.y - sk->pelvis.y};
			struct figure_point chest = add(sk->pelvis, d, 0.72);

			path_capsule(cr, sk->pelvis, R_TRUNK_PELVIS_FRONT, chest,
				     R_TRUNK_CHEST_FRONT);
		}
		fill_part(cr, st, c);
		return;
	}
	{
		/* The back is a quadratic curve, stroked as a thick round-capped line. */
		struct figure_point q = figure_spine_control(pose);
		struct figure_point p0 = sk->pelvis, p1 = sk->neck;
		double w = 2 * R_TRUNK_SIDE;

		cairo_move_to(cr, p0.x, p0.y);
		cairo_curve_to(cr, p0.x + 2.0 / 3 * (q.x - p0.x), p0.y + 2.0 / 3 * (q.y - p0.y),
			       p1.x + 2.0 / 3 * (q.x - p1.x), p1.y + 2.0 / 3 * (q.y - p1.y), p1.x,
			       p1.y);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		if (st->background.a > 0) {
			set_colour(cr, st->background);
			cairo_set_line_width(cr, w + 2 * GAP);
			cairo_stroke_preserve(cr);
		}
		set_colour(cr, c);
		cairo_set_line_width(cr, w);
		cairo_stroke(cr);
	}
}

static void draw_head(cairo_t *cr, const struct figure_skeleton *sk, const struct figure_style *st,
		      struct figure_rgba c)
{
	struct figure_point d = {sk->head.x - sk->neck.x, sk->head.y - sk->neck.y};

	cairo_new_path(cr);
	/* A short neck joins head and trunk so the head does not float. */
	path_capsule(cr, sk->neck, 0.026, add(sk->neck, d, 0.5), 0.024);
	path_circle(cr, sk->head, sk->head_radius);
	fill_part(cr, st, c);
}

/* A dumbbell in the hand: a short bar with a plate at each end, seen side on. */
static void draw_dumbbell(cairo_t *cr, struct figure_point hand, const struct figure_style *st)
{
	double bar = 0.055, pw = 0.026, ph = 0.068;

	cairo_new_path(cr);
	path_round_rect(cr, hand.x - bar, hand.y - 0.008, 2 * bar, 0.016, 0.008);
	path_round_rect(cr, hand.x - bar - pw / 2, hand.y - ph / 2, pw, ph, 0.008);
	path_round_rect(cr, hand.x + bar - pw / 2, hand.y - ph / 2, pw, ph, 0.008);
	fill_part(cr, st, st->weight);
}

/* A resistance band looped round both thighs just above the knees. */
static void draw_band(cairo_t *cr, const struct figure_skeleton *sk, const struct figure_style *st)
{
	struct figure_point a, b;
	double r = R_THIGH_KNEE + 0.012;

	a.x = sk->hip[0].x + 0.86 * (sk->knee[0].x - sk->hip[0].x);
	a.y = sk->hip[0].y + 0.86 * (sk->knee[0].y - sk->hip[0].y);
	b.x = sk->hip[1].x + 0.86 * (sk->knee[1].x - sk->hip[1].x);
	b.y = sk->hip[1].y + 0.86 * (sk->knee[1].y - sk->hip[1].y);
	cairo_new_path(cr);
	path_capsule(cr, a, r, b, r);
	set_colour(cr, st->band);
	cairo_set_line_width(cr, 0.013);
	cairo_stroke(cr);
}

static void draw_step(cairo_t *cr, const struct prop *p, const struct figure_style *st)
{
	cairo_new_path(cr);
	path_round_rect(cr, p->x, 0, p->width, p->height, 0.012);
	set_colour(cr, st->prop);
	cairo_fill_preserve(cr);
	set_colour(cr, st->line);
	cairo_set_line_width(cr, 0.006);
	cairo_stroke(cr);
}

/* A chair side on: seat, two visible legs and the backrest on one side. */
static void draw_chair(cairo_t *cr, const struct prop *p, const struct figure_style *st)
{
	double seat = p->has_height ? p->height : 0.27, depth = p->has_width ? p->width : 0.24;
	double back_x = p->back > 0 ? p->x + depth - 0.012 : p->x + 0.012;

	cairo_new_path(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	set_colour(cr, st->line);
	cairo_set_line_width(cr, 0.018);
	cairo_move_to(cr, p->x + 0.02, seat);
	cairo_line_to(cr, p->x + 0.02, 0.01);
	cairo_move_to(cr, p->x + depth - 0.02, seat);
	cairo_line_to(cr, p->x + depth - 0.02, 0.01);
	cairo_move_to(cr, back_x, seat);
	cairo_line_to(cr, back_x, seat + 0.25);
	cairo_stroke(cr);
	path_round_rect(cr, p->x - 0.01, seat - 0.012, depth + 0.02, 0.03, 0.012);
	cairo_fill(cr);
}

/* The x range the mat covers: the body lying on it plus a margin. */
static void mat_extent(const struct prop *p, const struct bbox *body, double *x0, double *x1)
{
	*x0 = p->has_x ? p->x : body->x0 - 0.04;
	*x1 = p->has_width ? *x0 + p->width : body->x1 + 0.04;
}

static void draw_mat(cairo_t *cr, const struct prop *p, const struct bbox *body,
		     const struct figure_style *st)
{
	double x0, x1;

	mat_extent(p, body, &x0, &x1);
	cairo_new_path(cr);
	path_round_rect(cr, x0, -MAT_THICK, x1 - x0, MAT_THICK, MAT_THICK / 2);
	set_colour(cr, st->prop);
	cairo_fill(cr);
}

static struct figure_point joint_at(const struct figure_skeleton *sk, size_t offset)
{
	struct figure_point p;

	memcpy(&p, (const char *)sk + offset, sizeof(p));
	return p;
}

static void arrow_head(cairo_t *cr, struct figure_point tip, struct figure_point from, double size)
{
	double dx = tip.x - from.x, dy = tip.y - from.y, len = hypot(dx, dy);

	if (len < 1e-9)
		return;
	dx /= len;
	dy /= len;
	cairo_move_to(cr, tip.x + dx * size * 0.35, tip.y + dy * size * 0.35);
	cairo_line_to(cr, tip.x - dx * size + dy * size * 0.62,
		      tip.y - dy * size - dx * size * 0.62);
	cairo_line_to(cr, tip.x - dx * size * 0.55, tip.y - dy * size * 0.55);
	cairo_line_to(cr, tip.x - dx * size - dy * size * 0.62,
		      tip.y - dy * size + dx * size * 0.62);
	cairo_close_path(cr);
}

/*
 * The movement arrow: from where the chosen joint is in the start pose to
 * where it is in the end pose, set off to one side and bowed, so that it
 * runs beside the limb instead of across it.
 */
static void draw_arrow(cairo_t *cr, const struct figure *fig, struct figure_point a,
		       struct figure_point b, double offset, double bend,
		       const struct figure_style *st)
{
	double dx = b.x - a.x, dy = b.y - a.y, len = hypot(dx, dy), lw = 0.014, head = 0.042;
	struct figure_point n, q, c1, c2, ta, tb;

	if (len < 0.03)
		return;
	n.x = -dy / len;
	n.y = dx / len;
	a = add(a, n, offset);
	b = add(b, n, offset);
	/* Leave a little air at both ends. */
	ta = add(a, (struct figure_point){dx, dy}, 0.12);
	tb = add(b, (struct figure_point){dx, dy}, -0.12);
	q = add(add(ta, (struct figure_point){tb.x - ta.x, tb.y - ta.y}, 0.5), n, bend * len);
	c1 = add(ta, (struct figure_point){q.x - ta.x, q.y - ta.y}, 2.0 / 3);
	c2 = add(tb, (struct figure_point){q.x - tb.x, q.y - tb.y}, 2.0 / 3);

	cairo_new_path(cr);
	/* Shorten the line where the heads sit, so its round end does not poke out. */
	{
		struct figure_point s = ta, e = tb, u;
		double l;

		u = (struct figure_point){tb.x - q.x, tb.y - q.y};
		l = hypot(u.x, u.y);
		if (l > 1e-9)
			e = add(tb, u, -head * 0.6 / l);
		if (fig->arrow.both) {
			u = (struct figure_point){ta.x - q.x, ta.y - q.y};
			l = hypot(u.x, u.y);
			if (l > 1e-9)
				s = add(ta, u, -head * 0.6 / l);
		}
		cairo_move_to(cr, s.x, s.y);
		cairo_curve_to(cr, c1.x, c1.y, c2.x, c2.y, e.x, e.y);
	}
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	if (st->background.a > 0) {
		set_colour(cr, st->background);
		cairo_set_line_width(cr, lw + 2 * GAP);
		cairo_stroke_preserve(cr);
	}
	set_colour(cr, st->arrow);
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
	arrow_head(cr, tb, q, head);
	if (fig->arrow.both)
		arrow_head(cr, ta, q, head);
	cairo_fill(cr);
}

static struct figure_rgba part_colour(const struct figure *fig, const struct figure_style *st,
				      unsigned bit, int far)
{
	if (fig->accent & bit)
		return far ? st->accent_far : st->accent;
	return far ? st->body_far : st->body;
}

static void draw_pose(cairo_t *cr, const struct figure *fig, const struct pose *pose,
		      const struct figure_skeleton *sk, const struct bbox *body,
		      const struct figure_style *st)
{
	int dumbbells = 0, band = 0;
	/* In front view both sides face the viewer and are drawn alike. */
	int far = fig->view == VIEW_SIDE;

	for (size_t i = 0; i < fig->nprops; i++) {
		const struct prop *p = &fig->props[i];

		switch (p->type) {
		case PROP_MAT: draw_mat(cr, p, body, st); break;
		case PROP_STEP: draw_step(cr, p, st); break;
		case PROP_CHAIR: draw_chair(cr, p, st); break;
		case PROP_BAND: band = 1; break;
		case PROP_DUMBBELLS: dumbbells = st->dumbbells; break;
		}
	}
	if (fig->view == VIEW_FRONT) {
		/* Seen from the front the limbs lie before the trunk, both sides alike. */
		draw_trunk(cr, fig, pose, sk, st, part_colour(fig, st, ACCENT_TRUNK, 0));
		draw_head(cr, sk, st, st->body);
	}
	if (dumbbells)
		draw_dumbbell(cr, sk->hand[1], st);
	if (fig->view == VIEW_SIDE)
		draw_arm(cr, sk, 1, st, part_colour(fig, st, ACCENT_FAR_ARM, far));
	draw_leg(cr, sk, 1, st, part_colour(fig, st, ACCENT_FAR_LEG, far));
	if (fig->view == VIEW_SIDE) {
		draw_trunk(cr, fig, pose, sk, st, part_colour(fig, st, ACCENT_TRUNK, 0));
		draw_head(cr, sk, st, st->body);
	}
	draw_leg(cr, sk, 0, st, part_colour(fig, st, ACCENT_NEAR_LEG, 0));
	if (band)
		draw_band(cr, sk, st);
	if (dumbbells)
		draw_dumbbell(cr, sk->hand[0], st);
	if (fig->view == VIEW_FRONT)
		draw_arm(cr, sk, 1, st, part_colour(fig, st, ACCENT_FAR_ARM, far));
	draw_arm(cr, sk, 0, st, part_colour(fig, st, ACCENT_NEAR_ARM, 0));
}

/* The box around the body alone (what a mat must cover). */
static void body_bbox(const struct figure *fig, const struct pose *pose,
		      const struct figure_skeleton *sk, struct bbox *b)
{
	double rt = fig->view == VIEW_FRONT ? R_TRUNK_CHEST_FRONT : R_TRUNK_SIDE;

	b->x0 = b->y0 = HUGE_VAL;
	b->x1 = b->y1 = -HUGE_VAL;
	bbox_add(b, sk->pelvis, rt);
	bbox_add(b, sk->neck, rt);
	if (fig->view == VIEW_SIDE) {
		struct figure_point q = figure_spine_control(pose), mid;

		/* The curve's midpoint lies halfway between the chord and the control point. */
		mid.x = 0.25 * sk->pelvis.x + 0.5 * q.x + 0.25 * sk->neck.x;
		mid.y = 0.25 * sk->pelvis.y + 0.5 * q.y + 0.25 * sk->neck.y;
		bbox_add(b, mid, rt);
	}
	bbox_add(b, sk->head, sk->head_radius);
	for (int s = 0; s < 2; s++) {
		bbox_add(b, sk->hip[s], R_THIGH_HIP);
		bbox_add(b, sk->knee[s], R_THIGH_KNEE);
		bbox_add(b, sk->ankle[s], R_SHANK_FOOT);
		bbox_add(b, sk->heel[s], R_FOOT);
		bbox_add(b, sk->toe[s], R_FOOT);
		bbox_add(b, sk->shoulder[s], R_UPPER_SH);
		bbox_add(b, sk->elbow[s], R_UPPER_EL);
		bbox_add(b, sk->hand[s], R_HAND);
	}
}

/* Grows b by the body and props: what must fit in the panel. */
static void scene_add(const struct figure *fig, const struct figure_skeleton *sk,
		      const struct bbox *body, struct bbox *b)
{
	bbox_add(b, (struct figure_point){body->x0, body->y0}, 0);
	bbox_add(b, (struct figure_point){body->x1, body->y1}, 0);
	/* The floor is always in the picture. */
	bbox_add(b, (struct figure_point){body->x0, 0}, 0);
	for (size_t i = 0; i < fig->nprops; i++) {
		const struct prop *p = &fig->props[i];
		double x0, x1;

		switch (p->type) {
		case PROP_MAT:
			mat_extent(p, body, &x0, &x1);
			bbox_add(b, (struct figure_point){x0, -MAT_THICK}, 0);
			bbox_add(b, (struct figure_point){x1, -MAT_THICK}, 0);
			break;
		case PROP_STEP:
			bbox_add(b, (struct figure_point){p->x, 0}, 0);
			bbox_add(b, (struct figure_point){p->x + p->width, p->height}, 0);
			break;
		case PROP_CHAIR:
			bbox_add(b, (struct figure_point){p->x - 0.01, 0}, 0);
			bbox_add(
			    b,
			    (struct figure_point){p->x + (p->has_width ? p->width : 0.24) + 0.01,
						  (p->has_height ? p->height : 0.27) + 0.26},
			    0);
			break;
		case PROP_DUMBBELLS:
			for (int s = 0; s < 2; s++)
				bbox_add(b, sk->hand[s], 0.07);
			break;
		case PROP_BAND: break;
		}
	}
}

/* Grows b by the movement arrow (drawn in the end pose's panel) and its mirrored twin. */
static void arrow_add(const struct figure *fig, const struct figure_skeleton sk[2], struct bbox *b)
{
	struct figure_point a = joint_at(&sk[0], fig->arrow.joint);
	struct figure_point e = joint_at(&sk[1], fig->arrow.joint);
	/* The arrow bows out by `bend` of its length; its head is 0.042 (draw_arrow()). */
	double r =
	    fabs(fig->arrow.offset) + fabs(fig->arrow.bend) * hypot(e.x - a.x, e.y - a.y) + 0.05;

	if (!fig->arrow.on)
		return;
	bbox_add(b, a, r);
	bbox_add(b, e, r);
	if (fig->arrow.mirror) {
		bbox_add(b, (struct figure_point){2 * sk[0].pelvis.x - a.x, a.y}, r);
		bbox_add(b, (struct figure_point){2 * sk[1].pelvis.x - e.x, e.y}, r);
	}
}

/*
 * The union of both poses and their props, in body units: what must fit in
 * each panel; and in one[i] what pose i alone needs across (with the arrow,
 * for the end pose), for panels each as wide as their own pose.
 */
static void figure_scene(const struct figure *fig, struct figure_skeleton sk[2],
			 struct bbox body[2], struct bbox *all, struct bbox one[2])
{
	all->x0 = all->y0 = HUGE_VAL;
	all->x1 = all->y1 = -HUGE_VAL;
	for (int i = 0; i < 2; i++) {
		figure_kinematics(fig, &fig->pose[i], &sk[i]);
		body_bbox(fig, &fig->pose[i], &sk[i], &body[i]);
		scene_add(fig, &sk[i], &body[i], all);
		one[i].x0 = one[i].y0 = HUGE_VAL;
		one[i].x1 = one[i].y1 = -HUGE_VAL;
		scene_add(fig, &sk[i], &body[i], &one[i]);
	}
	arrow_add(fig, sk, &one[1]);
	/* Never beyond the union: the arrow stays inside the scene in the other layouts. */
	for (int i = 0; i < 2; i++) {
		one[i].x0 = fmax(one[i].x0, all->x0);
		one[i].x1 = fmin(one[i].x1, all->x1);
		one[i].y0 = fmax(one[i].y0, all->y0);
		one[i].y1 = fmin(one[i].y1, all->y1);
	}
}

/*
 * How a box of w x h is shared: two panels side by side (or one above the
 * other) with a gap for the chevron, a margin inside each, and the scale
 * that fits the scene `all` in a panel: the smaller of what the panel's
 * width and its height allow. With FIGURE_TIGHT each panel is only as long
 * (across side by side, high one above the other) as its own pose one[i]
 * needs, and what is left over is shared between them; the other way the
 * poses keep the scene's extent, so that they share one floor (side by
 * side) or stand one above the other at the same place (stacked).
 */
struct layout {
	double gap, panel_w, panel_h, pad;
	double s_w, s_h, s;
	double pw[2], ph[2]; /* each panel's size */
	double cx[2], cy[2]; /* the point in body units at the middle of each panel */
};

static void figure_box(const struct bbox *all, const struct bbox one[2], double w, double h,
		       int arrange, struct layout *l)
{
	int stacked = arrange & FIGURE_STACKED;

	/* The held pose fills the second panel alone: the first is empty, not unknown. */
	memset(l, 0, sizeof(*l));
	if (arrange & FIGURE_HELD) {
		/* The end pose alone, in a panel the box's size: the second panel, and the only. */
		l->gap = 0;
		l->panel_w = l->pw[1] = w;
		l->panel_h = l->ph[1] = h;
		l->pad = 0.06 * fmin(w, h);
		l->s_w = (w - 2 * l->pad) / (one[1].x1 - one[1].x0);
		l->s_h = (h - 2 * l->pad) / (one[1].y1 - one[1].y0);
		l->cx[1] = (one[1].x0 + one[1].x1) / 2;
		l->cy[1] = (one[1].y0 + one[1].y1) / 2;
		l->s = fmin(l->s_w, l->s_h);
		return;
	}
	if (stacked) {
		/* Poses one above the other, each no higher than it needs, want less air. */
		l->gap = h * (arrange & FIGURE_TIGHT ? 0.05 : 0.07);
		l->panel_w = w;
		l->panel_h = (h - l->gap) / 2;
	} else {
		l->gap = w * 0.07;
		l->panel_w = (w - l->gap) / 2;
		l->panel_h = h;
	}
	l->pad = 0.06 * (l->panel_w < l->panel_h ? l->panel_w : l->panel_h);
	l->s_w = (l->panel_w - 2 * l->pad) / (all->x1 - all->x0);
	l->s_h = (l->panel_h - 2 * l->pad) / (all->y1 - all->y0);
	for (int i = 0; i < 2; i++) {
		l->pw[i] = l->panel_w;
		l->ph[i] = l->panel_h;
		l->cx[i] = (all->x0 + all->x1) / 2;
		l->cy[i] = (all->y0 + all->y1) / 2;
	}
	if (arrange & FIGURE_TIGHT) {
		double e0 = stacked ? one[0].y1 - one[0].y0 : one[0].x1 - one[0].x0;
		double e1 = stacked ? one[1].y1 - one[1].y0 : one[1].x1 - one[1].x0;
		double *s_long = stacked ? &l->s_h : &l->s_w, room = stacked ? h : w, spare;

		*s_long = (room - l->gap - 4 * l->pad) / (e0 + e1);
		l->s = l->s_w < l->s_h ? l->s_w : l->s_h;
		spare = (room - l->gap - 4 * l->pad - l->s * (e0 + e1)) / 2;
		for (int i = 0; i < 2; i++) {
			double len = (i ? e1 : e0) * l->s + 2 * l->pad + spare;

			if (stacked) {
				l->ph[i] = len;
				l->cy[i] = (one[i].y0 + one[i].y1) / 2;
			} else {
				l->pw[i] = len;
				l->cx[i] = (one[i].x0 + one[i].x1) / 2;
			}
		}
	}
	l->s = l->s_w < l->s_h ? l->s_w : l->s_h;
}

double figure_fit(const struct figure_set *set, const char *exercise_id, double w, double max_scale,
		  int arrange, double *h, double *margin)
{
	const struct figure *fig = figure_find(set, exercise_id);
	struct figure_skeleton sk[2];
	struct bbox body[2], all, one[2];
	struct layout l;
	double lo, hi, best;

	*h = 0;
	if (margin)
		*margin = 0;
	if (!fig || !(w > 0))
		return 0;
	figure_scene(fig, sk, body, &all, one);
	/* The scale grows with the height until the width limits it: find that limit... */
	lo = 0;
	hi = 8 * w;
	for (int i = 0; i < 60; i++) {
		double mid = (lo + hi) / 2;

		figure_box(&all, one, w, mid, arrange, &l);
		if (l.s_h < l.s_w)
			lo = mid;
		else
			hi = mid;
	}
	figure_box(&all, one, w, hi, arrange, &l);
	best = l.s;
	if (max_scale > 0 && max_scale < best)
		best = max_scale;
	/* ... then the lowest box that still draws at the scale chosen. */
	lo = 0;
	for (int i = 0; i < 60; i++) {
		double mid = (lo + hi) / 2;

		figure_box(&all, one, w, mid, arrange, &l);
		if (l.s < best * (1 - 1e-9))
			lo = mid;
		else
			hi = mid;
	}
	*h = hi;
	figure_box(&all, one, w, hi, arrange, &l);
	if (margin)
		*margin = l.pad;
	return l.s;
}

double figure_scale(const struct figure_set *set, const char *exercise_id, double w, double h,
		    int arrange)
{
	const struct figure *fig = figure_find(set, exercise_id);
	struct figure_skeleton sk[2];
	struct bbox body[2], all, one[2];
	struct layout l;

	if (!fig || !(w > 0 && h > 0))
		return 0;
	figure_scene(fig, sk, body, &all, one);
	figure_box(&all, one, w, h, arrange, &l);
	return l.s;
}

int figure_draw(cairo_t *cr, const struct figure_set *set, const char *exercise_id, double x,
		double y, double w, double h, const struct figure_style *style)
{
	const struct figure *fig = figure_find(set, exercise_id);
	struct figure_style def;
	struct figure_skeleton sk[2];
	struct bbox body[2], all, one[2];
	struct layout l;
	double s, floor_y;
	int mat = 0, arrange;

	if (!fig)
		return -1;
	if (!(w > 0 && h > 0))
		return error_set("cannot draw figure '%s': empty box", exercise_id);
	if (!style) {
		figure_style_init(&def, FIGURE_THEME_LIGHT);
		style = &def;
	}
	figure_scene(fig, sk, body, &all, one);
	for (size_t i = 0; i < fig->nprops; i++)
		mat |= fig->props[i].type == PROP_MAT;
	floor_y = mat ? -MAT_THICK : 0;
	arrange = style->stacked ? FIGURE_STACKED : FIGURE_SIDE;
	if (style->tight)
		arrange |= FIGURE_TIGHT;
	if (style->held)
		arrange = FIGURE_HELD;
	figure_box(&all, one, w, h, arrange, &l);
	s = l.s;

	cairo_save(cr);
	if (style->background.a > 0) {
		set_colour(cr, style->background);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill(cr);
	}
	for (int i = arrange == FIGURE_HELD; i < 2; i++) {
		int k = arrange == FIGURE_HELD ? 0 : i; /* the panel's place in the box */
		double px = style->stacked ? x : x + k * (l.pw[0] + l.gap);
		double py = style->stacked ? y + k * (l.ph[0] + l.gap) : y;
		double cy = py + l.ph[i] / 2;

		/* Floor line across the panel, one device unit wide at any scale. */
		cairo_save(cr);
		set_colour(cr, style->line);
		cairo_set_line_width(cr, fmax(1.0, s * 0.006));
		cairo_move_to(cr, px + l.pad * 0.5, cy + s * (l.cy[i] - floor_y));
		cairo_line_to(cr, px + l.pw[i] - l.pad * 0.5, cy + s * (l.cy[i] - floor_y));
		cairo_stroke(cr);

		cairo_translate(cr, px + l.pw[i] / 2, cy);
		cairo_scale(cr, fig->facing_left ? -s : s, -s);
		cairo_translate(cr, -l.cx[i], -l.cy[i]);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		draw_pose(cr, fig, &fig->pose[i], &sk[i], &body[i], style);
		if (i == 1 && fig->arrow.on && style->arrows) {
			struct figure_point a = joint_at(&sk[0], fig->arrow.joint);
			struct figure_point b = joint_at(&sk[1], fig->arrow.joint);

			draw_arrow(cr, fig, a, b, fig->arrow.offset, fig->arrow.bend, style);
			if (fig->arrow.mirror) {
				/* The far side's twin: reflected about the pelvis, so bend flips.
				 */
				a.x = 2 * sk[0].pelvis.x - a.x;
				b.x = 2 * sk[1].pelvis.x - b.x;
				draw_arrow(cr, fig, a, b, -fig->arrow.offset, -fig->arrow.bend,
					   style);
			}
		}
		cairo_restore(cr);
	}
	/* A small chevron between the poses: read left to right, or top to bottom. */
	if (arrange != FIGURE_HELD) {
		double c;

		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		set_colour(cr, style->line);
		if (style->stacked) {
			double cx = x + w / 2, cy = y + l.ph[0] + l.gap / 2;

			c = fmin(l.gap * 0.22, w * 0.05);
			cairo_set_line_width(cr, fmax(1.0, c * 0.35));
			cairo_move_to(cr, cx - c, cy - c * 0.5);
			cairo_line_to(cr, cx, cy + c * 0.5);
			cairo_line_to(cr, cx + c, cy - c * 0.5);
		} else {
			double cx = x + l.pw[0] + l.gap / 2, cy = y + h / 2;

			c = fmin(l.gap * 0.22, h * 0.05);
			cairo_set_line_width(cr, fmax(1.0, c * 0.35));
			cairo_move_to(cr, cx - c * 0.5, cy - c);
			cairo_line_to(cr, cx + c * 0.5, cy);
			cairo_line_to(cr, cx - c * 0.5, cy + c);
		}
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	return 0;
}

/* ---- output ------------------------------------------------------------ */

static cairo_status_t figure_write_strbuf(void *closure, const unsigned char *data,
					  unsigned int length)
{
	strbuf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static int figure_check_size(const char *id, int w, int h)
{
	if (w < 16 || h < 16 || w > 8192 || h > 8192)
		return error_set("cannot draw figure '%s': size %dx%d out of range (16 to 8192)",
				 id, w, h);
	return 0;
}

static int figure_surface_status(cairo_surface_t *surface, const char *what)
{
	cairo_status_t status = cairo_surface_status(surface);

	if (status != CAIRO_STATUS_SUCCESS)
		return error_set("cannot write '%s': %s", what, cairo_status_to_string(status));
	return 0;
}

/* Draws into a fresh context on the surface and finishes it; 0 or -1. */
static int figure_paint(cairo_surface_t *surface, const struct figure_set *set, const char *id,
			int w, int h, const struct figure_style *style, const char *what)
{
	cairo_t *cr;
	int ret;

	if (figure_surface_status(surface, what))
		return -1;
	cr = cairo_create(surface);
	ret = figure_draw(cr, set, id, 0, 0, w, h, style);
	if (!ret && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		ret = error_set("cannot draw figure '%s': %s", id,
				cairo_status_to_string(cairo_status(cr)));
	cairo_destroy(cr);
	return ret;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

int figure_write(const struct figure_set *set, const char *exercise_id, const char *path,
		 int width_px, int height_px, const struct figure_style *style)
{
	cairo_surface_t *surface;
	int ret;

	if (draw_open())
		return -1;
	if (!figure_find(set, exercise_id) || figure_check_size(exercise_id, width_px, height_px))
		return -1;
	if (ends_with(path, ".png")) {
		cairo_status_t status;

		surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px);
		ret = figure_paint(surface, set, exercise_id, width_px, height_px, style, path);
		if (!ret) {
			status = cairo_surface_write_to_png(surface, path);
			if (status != CAIRO_STATUS_SUCCESS)
				ret = error_set("cannot write '%s': %s", path,
						cairo_status_to_string(status));
		}
		cairo_surface_destroy(surface);
		return ret;
	}
	if (ends_with(path, ".svg"))
		surface = cairo_svg_surface_create(path, width_px, height_px);
	else if (ends_with(path, ".pdf"))
		surface = cairo_pdf_surface_create(path, width_px, height_px);
	else
		return error_set("cannot write '%s': unknown format (use .png, .svg or .pdf)",
				 path);
	ret = figure_paint(surface, set, exercise_id, width_px, height_px, style, path);
	cairo_surface_finish(surface);
	if (!ret)
		ret = figure_surface_status(surface, path);
	cairo_surface_destroy(surface);
	return ret;
}

int figure_render_mem(const struct figure_set *set, const char *exercise_id, const char *fmt, int w,
		      int h, int dark, struct strbuf *out)
{
	struct figure_style style;
	cairo_surface_t *surface;
	int ret;

	if (draw_open())
		return -1;
	if (!figure_find(set, exercise_id) || figure_check_size(exercise_id, w, h))
		return -1;
	figure_style_init(&style, dark ? FIGURE_THEME_DARK : FIGURE_THEME_LIGHT);
	if (!strcmp(fmt, "png")) {
		surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
		ret = figure_paint(surface, set, exercise_id, w, h, &style, "png");
		if (!ret && cairo_surface_write_to_png_stream(surface, figure_write_strbuf, out) !=
				CAIRO_STATUS_SUCCESS)
			ret = error_set("cannot encode figure '%s' as png", exercise_id);
		cairo_surface_destroy(surface);
		return ret;
	}
	if (strcmp(fmt, "svg"))
		return error_set("cannot draw figure '%s': unknown format '%s'", exercise_id, fmt);
	surface = cairo_svg_surface_create_for_stream(figure_write_strbuf, out, w, h);
	cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
	ret = figure_paint(surface, set, exercise_id, w, h, &style, "svg");
	cairo_surface_finish(surface);
	if (!ret)
		ret = figure_surface_status(surface, "svg");
	cairo_surface_destroy(surface);
	return ret;
}
