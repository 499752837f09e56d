/* Exercise illustrations: a small pose model loaded from JSON, drawn with cairo. */
#ifndef HIPCOACH_FIGURE_H
#define HIPCOACH_FIGURE_H

#include <stddef.h>

#include <cairo.h>

struct strbuf;

/*
 * All the figures of one document (data/figures/hip-pain.json), keyed by
 * exercise id. Each figure holds two poses, "start" and "end" (for a
 * stretch: the set-up and the stretch), and the props around them. The
 * pose model and the file format are described in docs/figures.md.
 */
struct figure_set;

/* Which end of the movement: the first or the second drawing. */
enum figure_phase {
	FIGURE_START = 0,
	FIGURE_END = 1,
};

/*
 * Parses and checks a figure document. On success *out owns the set (free
 * it with figure_set_free()). On failure returns -1 with error_set() naming
 * the figure and the field, e.g.
 *	figure 'clamshell': field 'start.near.knee': expected a number from -360 to 360
 */
int figure_set_load(struct figure_set **out, const char *json, size_t len);
/* Loads the document built into the binary (data/figures/hip-pain.json). */
int figure_set_load_default(struct figure_set **out);
void figure_set_free(struct figure_set *set);

/* 1 if the set has a figure for this exercise id, 0 if not. */
int figure_set_has(const struct figure_set *set, const char *exercise_id);
/* The number of figures and the id of the i-th, in document order (owned by the set). */
size_t figure_set_count(const struct figure_set *set);
const char *figure_set_id(const struct figure_set *set, size_t i);
/*
 * The side of the body the drawing shows at work, "left" or "right", or NULL
 * when it shows both alike or none (a figure whose accent is one leg: its near
 * leg is the side it faces, docs/figures.md). A player mirrors the drawing for
 * the other side.
 */
const char *figure_set_working_side(const struct figure_set *set, const char *exercise_id);

/*
 * The joint positions of a pose after forward kinematics, in body units:
 * the figure is 1.0 tall when standing, y points up and y = 0 is the
 * floor. Index 0 of the limb arrays is the near side, 1 the far side.
 * A figure that faces left is mirrored when drawn; its skeleton is not.
 */
struct figure_point {
	double x, y;
};

struct figure_skeleton {
	struct figure_point pelvis; /* the hip joint in side view */
	struct figure_point neck;   /* the top of the trunk */
	struct figure_point back;   /* the middle of the back's curve */
	struct figure_point head;   /* centre of the head circle */
	double head_radius;
	struct figure_point hip[2], knee[2], ankle[2], heel[2], toe[2];
	struct figure_point shoulder[2], elbow[2], hand[2];
};

/* Computes the skeleton of one pose; -1 (error_set) if the id is unknown. */
int figure_skeleton(const struct figure_set *set, const char *exercise_id, enum figure_phase phase,
		    struct figure_skeleton *out);

/* Colours as red, green, blue, alpha in [0, 1]. */
struct figure_rgba {
	double r, g, b, a;
};

/*
 * How a figure is painted. The working limbs take `accent`, the rest of the
 * body `body`; far-side limbs take the `_far` variants so that the sides read
 * apart. `background` is painted first when its alpha is not 0, and the
 * thin gaps that separate overlapping limbs are cut in that colour (none
 * when it is transparent).
 */
struct figure_style {
	struct figure_rgba background;
	struct figure_rgba body, body_far;
	struct figure_rgba accent, accent_far;
	struct figure_rgba prop; /* mat, step, chair */
	struct figure_rgba line; /* floor line, the chevron between the poses */
	struct figure_rgba band;
	struct figure_rgba weight;
	struct figure_rgba arrow;
	int arrows;    /* draw the movement arrow (default 1) */
	int dumbbells; /* draw the dumbbells of a figure that has them (default 1) */
	int stacked;   /* the end pose under the start pose, not beside it (default 0) */
	int tight;     /* each pose in a panel as long as it needs, across or high (default 0) */
	int held;      /* the end pose alone: the position a stretch holds (default 0) */
};

/*
 * How figure_fit() and figure_scale() arrange the two poses (figure_draw()
 * takes it from the style's `stacked`, `tight` and `held`): flags; with
 * FIGURE_HELD the others do not count.
 */
enum figure_arrange {
	FIGURE_SIDE = 0,	 /* side by side, in panels of one size: the scene's */
	FIGURE_STACKED = 1 << 0, /* one above the other */
	FIGURE_TIGHT = 1 << 1,	 /* each panel as long as its own pose, across or high */
	FIGURE_HELD = 1 << 2,	 /* the end pose alone, with the arrow leading into it */
};
enum figure_theme {
	/* White paper or a light screen; still reads when printed in grey. */
	FIGURE_THEME_LIGHT,
	/* A dark screen (the web app's default theme). */
	FIGURE_THEME_DARK,
	/* Greys only, for black-and-white print. */
	FIGURE_THEME_PRINT,
};

void figure_style_init(struct figure_style *style, enum figure_theme theme);

/*
 * Draws the start and end poses side by side (style->stacked: one above
 * the other; style->tight: each in a panel as long as its pose needs;
 * style->held: the end pose alone, the arrow leading into it) into
 * the box (x, y, w, h) of any cairo context (PDF page, PNG
 * or SVG surface), at one scale, each on its floor line, with an arrow
 * showing the movement. style NULL: the light
 * theme. The context's state is saved and restored. -1 (error_set) if the
 * id is unknown.
 */
int figure_draw(cairo_t *cr, const struct figure_set *set, const char *exercise_id, double x,
		double y, double w, double h, const struct figure_style *style);

/*
 * The height of a box `w` wide in which figure_draw() draws the figure (its
 * poses arranged as `arrange`, flags of enum figure_arrange) at
 * `max_scale` points (or pixels) per body unit -- the body is 1.0 tall when
 * standing -- or, when the width cannot hold that, at the largest scale it
 * can hold. Returns the scale and sets *h, and *margin (if not NULL) to
 * the empty space figure_draw() leaves above and below the drawing in that
 * box; 0 (and *h 0) if the id is unknown. Drawings of one scale show people
 * of one size.
 */
double figure_fit(const struct figure_set *set, const char *exercise_id, double w, double max_scale,
		  int arrange, double *h, double *margin);

/*
 * The scale at which figure_draw() draws the figure in a box w x h (its poses
 * arranged as `arrange`): the largest that
 * both the width and the height allow, in points (or pixels) per body unit.
 * 0 if the id is unknown or the box is empty.
 */
double figure_scale(const struct figure_set *set, const char *exercise_id, double w, double h,
		    int arrange);

/*
 * Writes the drawing to a file of width_px x height_px (points for PDF);
 * the format comes from the extension: .png, .svg or .pdf. 0, or -1 with
 * error_set().
 */
int figure_write(const struct figure_set *set, const char *exercise_id, const char *path,
		 int width_px, int height_px, const struct figure_style *style);

/*
 * The same into memory: fmt "png" or "svg", dark selects FIGURE_THEME_DARK
 * (else FIGURE_THEME_LIGHT). The bytes are appended to out. 0, or -1 with
 * error_set().
 */
int figure_render_mem(const struct figure_set *set, const char *exercise_id, const char *fmt, int w,
		      int h, int dark, struct strbuf *out);

#endif
