/* The home-exercise handout as a PDF: exercise cards in two columns, a tick grid, when to get help.
 */
#include "handout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/cairo-dl.h"
#include "../lib/error.h"
#include "../lib/strbuf.h"
#include "../lib/xalloc.h"
#include "figure.h"

/*
 * Everything is measured in points. The type sizes are chosen for paper
 * held at arm's length: 8 pt steps and advice (nothing smaller but labels and
 * the small print), a bold 9 pt dose, 10 pt names and 14 pt headings that read
 * from across the room.
 */
#define FONT_FAMILY	   "Noto Sans,DejaVu Sans,sans-serif"
#define MARGIN		   26.0
#define GUTTER		   12.0
#define GUTTER_DENSE	   8.0
#define FOOTER_NUM_W	   64.0
#define CARD_PAD	   6.0
#define CARD_GAP	   6.0
#define CARD_GAP_DENSE	   4.0	/* ... on the dense sheet */
#define GRID_ROW	   17.0 /* a week of the tick grid, at least */
#define GRID_ROW_GROW	   6.0	/* ... and at most this much taller, when its page has room */
#define GRID_ROW_SMALL	   17.0 /* a week of the compact grid beside the advice on pain */
#define FIGURE_NOTE	   11.0 /* the caption under a drawing that is not the variant's own */
#define FIGURE_TOP	   3.0	/* above a drawing in its band */
#define FIGURE_FLOOR	   7.0 /* below its floor line: room for an arrow that passes under the feet */
#define FIGURE_TOP_DENSE   2.0
#define FIGURE_FLOOR_DENSE 5.0
#define NAME_SIZE	   10.0 /* an exercise's name */
#define DOSE_SIZE	   9.0	/* its dose, in bold */
#define STEP_SIZE	   8.0	/* its steps, the advice and the lines on getting help */
#define NOTE_SIZE	   8.0	/* a caution, what was changed, a section's introduction */
#define STEP_INDENT	   10.0
#define DENSE_LEADING	   0.88 /* the dense sheet's line spacing, against the font's own */

struct rgb {
	double r, g, b;
};

#define RGB(hex)                                                                                   \
	{                                                                                          \
		((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex)&0xff) / 255.0    \
	}

/*
 * One accent, a burnt orange close to the figures' working limbs; it is
 * dark enough (about 36% grey) that headings and the dose still stand out
 * when printed in black and white.
 */
static const struct rgb ink = RGB(0x1d2430);
static const struct rgb muted = RGB(0x566070);
static const struct rgb rule = RGB(0xc6ccd5);
static const struct rgb tint = RGB(0xf3f5f8);
static const struct rgb accent = RGB(0xb03d0b);
static const struct rgb white = RGB(0xffffff);

enum text_flags {
	T_BOLD = 1 << 0,
	T_ITALIC = 1 << 1,
	T_RIGHT = 1 << 2,
	T_CENTER = 1 << 3,
	T_NOWRAP = 1 << 4,
};

/* The layout state; the handout is laid out twice, to count pages, then to draw them. */
struct pen {
	cairo_t *cr;
	const struct handout *h;
	int draw;   /* 0: measure only */
	int page;   /* 1-based, 0 before the first */
	int npages; /* known in the drawing pass */
	double width, height;
	double left, right; /* content edges */
	double y;	    /* the cursor */
	double bottom;	    /* where content must stop, above the footer */
	double footer_y;    /* the rule above the footer */
	double grow_w;	    /* the drawings' box against the first handout's: its width */
	double grow_h;	    /* ... and its height */
	double grid_row;    /* the height of a week in the tick grid */
	int help_next;	    /* the first help box not yet placed (2: all placed) */
	int grid_done;	    /* the tick grid is placed */
	int about_done;	    /* the note on the source is placed */
	int dense;	    /* the dense sheet (see dense_sheet()) */
	double gap;	    /* between rows of cards and boxes */
	struct strbuf credit;
	struct fit_cache *fits; /* the drawings' boxes, measured once */
	size_t nfits, fits_alloc;
	struct text_cache *texts; /* the cards' words, measured once a width */
	size_t ntexts, texts_alloc;
	struct line_cache {
		double size;
		unsigned flags;
		double h;
	} lines[16]; /* the font's line height at the sizes used */
	size_t nlines;
};

void handout_paper_size(enum handout_paper paper, double *width, double *height)
{
	if (paper == HANDOUT_LETTER) {
		*width = 612;
		*height = 792;
	} else {
		*width = 595.2756;
		*height = 841.8898;
	}
}

static void set_rgb(cairo_t *cr, const struct rgb *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* A layout in the sheet's font at `size` points, bold and italic as `flags` say. */
static PangoLayout *layout_new(struct pen *p, double size, unsigned flags)
{
	PangoLayout *layout = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT_FAMILY);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (flags & T_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (flags & T_ITALIC)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	return layout;
}

/* The height of one line of the sheet's font at `size`, measured once a size. */
static double line_height(struct pen *p, double size, unsigned flags)
{
	PangoLayout *layout;
	int lw, lh;
	size_t i;

	for (i = 0; i < p->nlines; i++)
		if (p->lines[i].size == size && p->lines[i].flags == (flags & (T_BOLD | T_ITALIC)))
			return p->lines[i].h;
	layout = layout_new(p, size, flags);
	pango_layout_set_text(layout, "Hg", -1);
	pango_layout_get_size(layout, &lw, &lh);
	g_object_unref(layout);
	if (i < sizeof(p->lines) / sizeof(p->lines[0])) {
		p->lines[i] = (struct line_cache){size, flags & (T_BOLD | T_ITALIC),
						  lh / (double)PANGO_SCALE};
		p->nlines++;
	}
	return lh / (double)PANGO_SCALE;
}

/*
 * Lays out `text` in a box `w` wide at (x, y) and returns its height. The
 * first `bold_len` bytes are bold (the dose before its rest time). Nothing
 * is drawn when measuring.
 */
static double text_run(struct pen *p, double x, double y, double w, const char *text, double size,
		       unsigned flags, const struct rgb *colour, size_t bold_len, double spacing)
{
	PangoLayout *layout = layout_new(p, size, flags);
	int lw, lh;

	if (!(flags & T_NOWRAP)) {
		pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	if (spacing > 0)
		pango_layout_set_spacing(layout, (int)(spacing * PANGO_SCALE));
	if (flags & T_RIGHT)
		pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
	else if (flags & T_CENTER)
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	pango_layout_set_text(layout, text, -1);
	if (bold_len) {
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);

		a->start_index = 0;
		a->end_index = (guint)bold_len;
		pango_attr_list_insert(attrs, a);
		pango_layout_set_attributes(layout, attrs);
		pango_attr_list_unref(attrs);
	}
	if (p->dense && size <= STEP_SIZE + 1 && spacing <= 0) {
		/*
		 * The dense sheet sets its small type closer than the font's own
		 * line height (about 1.36 times its size): its lines, and the next
		 * block (a step, a bullet) to the last.
		 */
		int cut = (int)((1 - DENSE_LEADING) * line_height(p, size, flags) * PANGO_SCALE);

		pango_layout_set_spacing(layout, -cut);
		pango_layout_get_size(layout, &lw, &lh);
		lh -= cut;
	} else {
		pango_layout_get_size(layout, &lw, &lh);
	}
	if (p->draw) {
		double dx = 0;

		/* Without a width pango aligns nothing: place a short right or centred line
		 * ourselves. */
		if (flags & T_NOWRAP) {
			if (flags & T_RIGHT)
				dx = w - lw / (double)PANGO_SCALE;
			else if (flags & T_CENTER)
				dx = (w - lw / (double)PANGO_SCALE) / 2;
		}
		set_rgb(p->cr, colour);
		cairo_move_to(p->cr, x + dx, y);
		pango_cairo_show_layout(p->cr, layout);
	}
	g_object_unref(layout);
	return lh / (double)PANGO_SCALE;
}

static double text(struct pen *p, double x, double y, double w, const char *s, double size,
		   unsigned flags, const struct rgb *colour)
{
	return text_run(p, x, y, w, s, size, flags, colour, 0, 0);
}

/* The width of `s` on one line. */
static double text_width(struct pen *p, const char *s, double size, unsigned flags)
{
	PangoLayout *layout = layout_new(p, size, flags);
	int lw, lh;

	pango_layout_set_text(layout, s, -1);
	pango_layout_get_size(layout, &lw, &lh);
	g_object_unref(layout);
	return lw / (double)PANGO_SCALE;
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

/* A rounded box: `fill` (may be NULL) and a `line` pt outline in `stroke` (may be NULL). */
static void box(struct pen *p, double x, double y, double w, double h, double r,
		const struct rgb *fill, const struct rgb *stroke, double line)
{
	if (!p->draw)
		return;
	rounded_rect(p->cr, x, y, w, h, r);
	if (fill) {
		set_rgb(p->cr, fill);
		if (stroke)
			cairo_fill_preserve(p->cr);
		else
			cairo_fill(p->cr);
	}
	if (stroke) {
		set_rgb(p->cr, stroke);
		cairo_set_line_width(p->cr, line);
		cairo_stroke(p->cr);
	}
}

static void hline(struct pen *p, double x0, double x1, double y, const struct rgb *c, double line)
{
	if (!p->draw)
		return;
	set_rgb(p->cr, c);
	cairo_set_line_width(p->cr, line);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

/* "Exercises, sets, reps and hold times from “Title”, Publication." */
static void credit_text(const struct handout *h, struct strbuf *sb)
{
	strbuf_addstr(sb, "Exercises, sets, reps and hold times from ");
	if (h->source_title)
		strbuf_addf(sb, "“%s”", h->source_title);
	if (h->source_publication)
		strbuf_addf(sb, "%s%s", h->source_title ? ", " : "", h->source_publication);
	strbuf_addch(sb, '.');
}

/* " With Expert; Expert." (the note on the last page names them; the footer has no room) */
static void experts_text(const struct handout *h, struct strbuf *sb)
{
	for (size_t i = 0; i < h->nsource_experts; i++)
		strbuf_addf(sb, "%s%s", i ? "; " : " With ", h->source_experts[i]);
	if (h->nsource_experts)
		strbuf_addch(sb, '.');
}

/*
 * The credit in the footer, and where the content stops above it. The dense
 * sheet names the experts there too, in place of the note on the source
 * at the end (about_note()).
 */
static void footer_setup(struct pen *p)
{
	strbuf_reset(&p->credit);
	credit_text(p->h, &p->credit);
	if (p->dense)
		experts_text(p->h, &p->credit);
	p->footer_y =
	    p->height - MARGIN * 0.8 - 4 -
	    text(p, 0, 0, p->right - p->left - FOOTER_NUM_W - 12, p->credit.buf, 6.5, 0, &muted);
	p->bottom = p->footer_y - 8;
}

static void footer(struct pen *p)
{
	char num[48];
	double y = p->footer_y;

	hline(p, p->left, p->right, y, &rule, 0.6);
	text(p, p->left, y + 4, p->right - p->left - FOOTER_NUM_W - 12, p->credit.buf, 6.5, 0,
	     &muted);
	snprintf(num, sizeof(num), "page %d of %d", p->page, p->npages);
	text(p, p->right - FOOTER_NUM_W, y + 4, FOOTER_NUM_W, num, 7.5, T_NOWRAP | T_RIGHT, &muted);
}

/* Ends the current page (footer, show) and starts the next one. */
static void new_page(struct pen *p)
{
	if (p->page) {
		footer(p);
		if (p->draw)
			cairo_show_page(p->cr);
	}
	p->page++;
	p->y = MARGIN;
}

static void finish(struct pen *p)
{
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
}

/* A field of the header band: a small label over its value (or a line to write on). */
static void field(struct pen *p, double x, double y, double w, const char *label, const char *value,
		  double *h)
{
	double lh = text(p, x, y, w, label, 7.5, T_BOLD, &muted);
	double vh;

	if (value && *value) {
		vh = text(p, x, y + lh + 1, w - 12, value, p->dense ? 9.5 : 10.5, 0, &ink);
	} else {
		vh = 14;
		hline(p, x, x + w - 10, y + lh + vh, &muted, 0.6);
	}
	if (lh + 1 + vh > *h)
		*h = lh + 1 + vh;
}

static void header(struct pen *p)
{
	const struct handout *h = p->h;
	double w = p->right - p->left, x = p->left, y = p->y;
	double fh = 0, band_y, colw[4] = {0.2, 0.2, 0.2, 0.4};
	struct strbuf start = STRBUF_INIT;
	int yy, mm, dd;

	if (p->dense) {
		/* The kind of sheet goes on the title's line, and the week's plan gets the room
		 * to stay on one line. */
		static const double dense_w[4] = {0.2, 0.13, 0.18, 0.49};
		double th = text(p, x, y, w - 130, h->title ? h->title : "Hip program for runners",
				 16, T_BOLD, &ink);

		text(p, x + w - 130, y + th - 14, 130, "HOME EXERCISE PROGRAM", 7.5,
		     T_BOLD | T_RIGHT | T_NOWRAP, &accent);
		y += th + 2;
		memcpy(colw, dense_w, sizeof(colw));
	} else {
		y += text(p, x, y, w, "HOME EXERCISE PROGRAM", 7.5, T_BOLD, &accent);
		y += text(p, x, y, w, h->title ? h->title : "Hip program for runners", 16, T_BOLD,
			  &ink) +
		     3;
	}

	day_to_civil(h->start, &yy, &mm, &dd);
	strbuf_addf(&start, "%d %s %d", dd, month_long[mm - 1], yy);
	/* Measure the band's height first, then paint it under the fields. */
	band_y = y;
	for (int pass = 0; pass < 2; pass++) {
		int draw = p->draw;
		double fx = x + 12;

		if (pass == 0)
			p->draw = 0;
		else
			box(p, x, band_y, w, fh + 10, 6, &tint, NULL, 0);
		field(p, fx, band_y + 5, colw[0] * (w - 24), "NAME", h->name, &fh);
		fx += colw[0] * (w - 24);
		field(p, fx, band_y + 5, colw[1] * (w - 24), "LEVEL", h->level, &fh);
		fx += colw[1] * (w - 24);
		field(p, fx, band_y + 5, colw[2] * (w - 24),
		      h->start > h->today ? "STARTS" : "STARTED", start.buf, &fh);
		fx += colw[2] * (w - 24);
		field(p, fx, band_y + 5, colw[3] * (w - 24), "EACH WEEK", h->schedule, &fh);
		p->draw = draw;
	}
	p->y = band_y + fh + 10 + (p->dense ? 6 : 8);
	strbuf_release(&start);
}

static void section_heading(struct pen *p, const struct handout_section *s, int continued)
{
	double w = p->right - p->left;
	double th, ww = w * 0.55;
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, s->title);
	if (continued)
		strbuf_addstr(&sb, " (continued)");
	th = text(p, p->left, p->y, w - ww, sb.buf, continued ? 10.5 : 14, T_BOLD, &accent);
	if (s->when && !continued)
		text(p, p->right - ww, p->y + th - 14, ww, s->when, 10, T_BOLD | T_RIGHT, &ink);
	p->y += th + 2;
	hline(p, p->left, p->right, p->y, &accent, 1.2);
	p->y += 5;
	if (s->intro && !continued)
		p->y += text_run(p, p->left, p->y, w, s->intro, NOTE_SIZE, 0, &muted, 0,
				 p->dense ? 0 : 0.5) +
			(p->dense ? 4 : 6);
	else
		p->y += 3;
	strbuf_release(&sb);
}

/*
 * The drawings' size. The first handout drew every figure in a box 247 points
 * wide (its Letter column of 259 less 12) and 70 tall (its band of 78 less 8):
 * a person standing 62 points a body height, as the height allowed, and a
 * person lying down as long as the width allowed. Every drawing now takes the
 * scale of a box FIGURE_GROW times as tall and pen.grow_w times as wide,
 * grow_w from FIGURE_GROW down to FIGURE_GROW_MIN when the handout must
 * shrink to keep to its pages (fit_drawings()).
 */
#define FIGURE_REF_W	247.0
#define FIGURE_REF_H	70.0
#define FIGURE_GROW	2.0   /* "drawings at least twice today's size" (the issue, Paper) */
#define FIGURE_GROW_MIN 1.0   /* never smaller than the first handout's */
#define FIGURE_PERSON	124.0 /* and no person smaller than twice its 62 points a body height */
#define SIDE_TEXT_MIN	150.0 /* the words beside a drawing: narrower reads as a column of scraps */
#define STEP_COL_MIN	200.0 /* a column of steps, when a wide card splits them in two */
#define STACK_ASPECT	2.2   /* poses this much wider than tall may go one above the other */
/*
 * On the dense sheet the words beside a drawing may be narrower, as long
 * as no step takes more than three lines: broken over more it reads as
 * scraps. (Two would read better, but the standing people's cards, two to
 * a row, leave their words about 100 points, and most steps need three
 * lines there.)
 */
#define SIDE_TEXT_DENSE 80.0
#define STEP_LINES_MAX	3

/* The room above a drawing in its band, and below its floor line: less on the dense sheet. */
static double figure_top(const struct pen *p)
{
	return p->dense ? FIGURE_TOP_DENSE : FIGURE_TOP;
}

static double figure_floor(const struct pen *p)
{
	return p->dense ? FIGURE_FLOOR_DENSE : FIGURE_FLOOR;
}

/* The points per body unit at which a card draws its figure; 0 without a drawing. */
static double item_scale(const struct pen *p, const struct handout_item *it)
{
	const struct figure_set *set = p->h->figures;
	double first, now;

	if (!set || !it->figure_id || !figure_set_has(set, it->figure_id))
		return 0;
	first = figure_scale(set, it->figure_id, FIGURE_REF_W, FIGURE_REF_H, 0);
	now =
	    figure_scale(set, it->figure_id, p->grow_w * FIGURE_REF_W, p->grow_h * FIGURE_REF_H, 0);
	/* A box's margins grow with it: never below the first handout's drawing. */
	return fmax(FIGURE_PERSON, fmax(first, now));
}

/* The narrowest box, at most `max` wide, that draws the figure at `scale`; -1 if none does. */
static double figure_width(const struct pen *p, const char *id, double scale, int arrange,
			   double max)
{
	double lo = 8, hi = max, h, m;

	if (max <= lo || figure_fit(p->h->figures, id, hi, scale, arrange, &h, &m) < scale * 0.999)
		return -1;
	for (int i = 0; i < 30; i++) {
		double mid = (lo + hi) / 2;

		if (figure_fit(p->h->figures, id, mid, scale, arrange, &h, &m) >= scale * 0.999)
			hi = mid;
		else
			lo = mid;
	}
	return ceil(hi);
}

/*
 * How one card is laid out: its drawing above its words or beside them, the
 * poses side by side or one above the other, the steps in one column or two.
 */
struct card_plan {
	int side;	      /* the drawing on the left, the words beside it */
	int arrange;	      /* the poses' arrangement: enum figure_arrange */
	int cols;	      /* columns of steps: 1 or 2 */
	double w;	      /* the card's width */
	double scale;	      /* the drawing's points per body unit; 0: no drawing */
	double dw;	      /* the narrowest box that draws it at that scale */
	double box_h, margin; /* as figure_fit() gives them for that box */
	double band;	      /* the drawing with its floor and caption: the height it needs */
	double text_h;	      /* the words */
	double h;	      /* the card */
};

/*
 * A drawing's narrowest box at one scale and arrangement of its poses:
 * the layout asks for it for every width a card may take, so it is
 * measured once (a search of figure_fit()s) and kept for the handout.
 */
struct fit_cache {
	const char *id;
	double scale;
	int arrange;
	double need; /* the narrowest width that draws it at `scale`; -1: not so arranged */
	double dw, box_h, margin;
};

static struct fit_cache drawing_fit(struct pen *p, const char *id, double scale, int arrange)
{
	struct fit_cache f = {id, scale, arrange, -1, 0, 0, 0};
	double widest = 4 * FIGURE_GROW * FIGURE_REF_W;

	for (size_t i = 0; i < p->nfits; i++)
		if (p->fits[i].id == id && p->fits[i].scale == scale &&
		    p->fits[i].arrange == arrange)
			return p->fits[i];
	if (arrange & FIGURE_STACKED) {
		/* Only a drawing much wider than tall (someone lying down) is worth stacking. */
		double w0 = figure_width(p, id, scale, 0, widest), h0, m0;

		figure_fit(p->h->figures, id, w0, scale, 0, &h0, &m0);
		if (w0 < STACK_ASPECT * (h0 - 2 * m0))
			goto out;
	}
	f.dw = figure_width(p, id, scale, arrange, widest);
	if (f.dw < 0)
		goto out;
	figure_fit(p->h->figures, id, f.dw, scale, arrange, &f.box_h, &f.margin);
	f.need = f.dw;
out:
	if (p->nfits == p->fits_alloc) {
		p->fits_alloc = p->fits_alloc ? 2 * p->fits_alloc : 32;
		p->fits = xrealloc(p->fits, p->fits_alloc * sizeof(*p->fits));
	}
	p->fits[p->nfits++] = f;
	return f;
}

/* The drawing of a card in a box at most `maxw` wide; 0 if it cannot be drawn at its scale. */
/*
 * The room under a drawing for its caption (0 without one): one line across
 * the card under a drawing above the words; beside them, as many lines as
 * the caption takes in the drawing's width.
 */
static double figure_note_height(struct pen *p, const struct handout_item *it,
				 const struct card_plan *cp)
{
	int draw = p->draw;
	double hh;

	if (!it->figure_note)
		return 0;
	if (!cp->side)
		return FIGURE_NOTE;
	p->draw = 0;
	hh = text(p, 0, 0, cp->dw, it->figure_note, 7, T_ITALIC | T_CENTER, &muted);
	p->draw = draw;
	return fmax(FIGURE_NOTE, hh + 1.5);
}

static int plan_drawing(struct pen *p, const struct handout_item *it, int arrange, double maxw,
			struct card_plan *cp)
{
	struct fit_cache f;

	cp->arrange = arrange;
	cp->scale = item_scale(p, it);
	cp->dw = cp->box_h = cp->margin = cp->band = 0;
	if (cp->scale <= 0)
		return !(arrange & FIGURE_STACKED);
	f = drawing_fit(p, it->figure_id, cp->scale, arrange);
	if (f.need < 0 || f.need > maxw)
		return 0;
	cp->dw = f.dw;
	cp->box_h = f.box_h;
	cp->margin = f.margin;
	cp->band = cp->box_h - 2 * cp->margin + figure_top(p) + figure_floor(p) +
		   figure_note_height(p, it, cp);
	return 1;
}

/* Numbered steps in `cols` columns (two: read down the left first, split evenly); their height. */
static double card_steps(struct pen *p, const struct handout_item *it, double x, double y, double w,
			 int cols)
{
	double cw = cols == 2 ? (w - GUTTER) / 2 : w, best = HUGE_VAL, hl = 0, hr = 0;
	size_t split = it->nsteps;
	int draw = p->draw;

	if (cols == 2 && it->nsteps > 1) {
		/* The split that makes the columns most even, the left one never the shorter. */
		p->draw = 0;
		for (size_t k = (it->nsteps + 1) / 2; k < it->nsteps; k++) {
			double l = 0, r = 0;

			for (size_t i = 0; i < it->nsteps; i++)
				*(i < k ? &l : &r) += text(p, 0, 0, cw - STEP_INDENT, it->steps[i],
							   STEP_SIZE, 0, &ink) +
						      0.5;
			if (fmax(l, r) < best - 0.5) {
				best = fmax(l, r);
				split = k;
			}
		}
		p->draw = draw;
	}
	for (size_t i = 0; i < it->nsteps; i++) {
		double *col = i < split ? &hl : &hr, cx = i < split ? x : x + cw + GUTTER;
		char num[24];

		snprintf(num, sizeof(num), "%zu", i + 1);
		text(p, cx, y + *col, STEP_INDENT, num, STEP_SIZE, T_BOLD, &accent);
		*col += text(p, cx + STEP_INDENT, y + *col, cw - STEP_INDENT, it->steps[i],
			     STEP_SIZE, 0, &ink) +
			0.5;
	}
	return fmax(hl, hr);
}

/*
 * A card's words at (in, y), `iw` wide: name, dose in bold, what was changed,
 * numbered steps (in `cols` columns), caution; returns their height.
 */
static double card_text(struct pen *p, const struct handout_item *it, double in, double y,
			double iw, int cols)
{
	double cy = y, nw, dw;
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, it->dose);
	if (it->dose_extra)
		strbuf_addf(&sb, "  ·  %s", it->dose_extra);
	/* The dose goes on the name's line, to the right, when both fit on it. */
	nw = text_width(p, it->name, NAME_SIZE, T_BOLD);
	/* Measured bold throughout: never narrower than drawn. */
	dw = text_width(p, sb.buf, DOSE_SIZE, T_BOLD);
	if (nw + 14 + dw <= iw) {
		double nh = text(p, in, cy, iw, it->name, NAME_SIZE, T_BOLD, &ink);

		text_run(p, in, cy + 1.5, iw, sb.buf, DOSE_SIZE, T_NOWRAP | T_RIGHT, &accent,
			 strlen(it->dose), 0);
		cy += nh + 1;
	} else {
		strbuf_reset(&sb);
		cy += text(p, in, cy, iw, it->name, NAME_SIZE, T_BOLD, &ink);
		strbuf_addstr(&sb, it->dose);
		if (it->dose_extra) {
			int draw = p->draw;
			double one, both;

			/* The rest time follows the dose on its line, or goes whole onto the next
			 * one. */
			p->draw = 0;
			one = text(p, in, cy, iw, it->dose, DOSE_SIZE, T_BOLD, &accent);
			strbuf_addf(&sb, "  ·  %s", it->dose_extra);
			/* Measured as drawn, the dose bold: a rest time never breaks in two. */
			both = text_run(p, in, cy, iw, sb.buf, DOSE_SIZE, 0, &accent,
					strlen(it->dose), 0);
			p->draw = draw;
			if (both > one + 1) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "%s\n%s", it->dose, it->dose_extra);
			}
		}
		cy +=
		    text_run(p, in, cy, iw, sb.buf, DOSE_SIZE, 0, &accent, strlen(it->dose), 0) + 1;
	}
	if (it->change)
		cy += text_run(p, in, cy, iw, it->change, NOTE_SIZE, T_ITALIC, &muted, 0, 0.5) + 1;
	cy += 3;
	cy += card_steps(p, it, in, cy, iw, cols);
	if (it->caution) {
		double ch;

		cy += 2;
		ch = text(p, in + 8, cy, iw - 8, it->caution, NOTE_SIZE, T_ITALIC, &ink);
		if (p->draw) {
			set_rgb(p->cr, &accent);
			cairo_rectangle(p->cr, in, cy + 1, 2, ch - 2);
			cairo_fill(p->cr);
		}
		cy += ch + 1;
	}
	strbuf_release(&sb);
	return cy - y;
}

/* The height of a card's words `iw` wide, and whether every step keeps to STEP_LINES_MAX lines. */
struct text_cache {
	const struct handout_item *it;
	double iw;
	int cols;
	double h;
	int steps_fit;
};

static struct text_cache card_text_measure(struct pen *p, const struct handout_item *it, double iw,
					   int cols)
{
	struct text_cache t = {it, iw, cols, 0, 1};
	double cw = (cols == 2 ? (iw - GUTTER) / 2 : iw) - STEP_INDENT, most;
	int draw = p->draw;

	for (size_t i = 0; i < p->ntexts; i++)
		if (p->texts[i].it == it && p->texts[i].iw == iw && p->texts[i].cols == cols)
			return p->texts[i];
	p->draw = 0;
	t.h = card_text(p, it, 0, 0, iw, cols);
	most = text(p, 0, 0, cw, STEP_LINES_MAX == 3 ? "1\n2\n3" : "1\n2", STEP_SIZE, 0, &ink);
	for (size_t i = 0; i < it->nsteps && t.steps_fit; i++)
		t.steps_fit = text(p, 0, 0, cw, it->steps[i], STEP_SIZE, 0, &ink) <= most + 0.5;
	p->draw = draw;
	if (p->ntexts == p->texts_alloc) {
		p->texts_alloc = p->texts_alloc ? 2 * p->texts_alloc : 64;
		p->texts = xrealloc(p->texts, p->texts_alloc * sizeof(*p->texts));
	}
	p->texts[p->ntexts++] = t;
	return t;
}

/* The width of the words of a card laid out by `cp`. */
static double plan_text_width(const struct card_plan *cp)
{
	return cp->side ? cp->w - (cp->dw + 8) - 2 * CARD_PAD - 2 : cp->w - 2 * CARD_PAD;
}

/*
 * The lowest way to lay out a card `w` wide: every shape in which its
 * drawing keeps its scale, the drawing above the words or (with room for
 * them) beside them, the poses side by side or one above the other. With
 * `side` 0 or 1 only that shape; 0 if there is none.
 */
static int plan_card(struct pen *p, const struct handout_item *it, double w, int side,
		     struct card_plan *best)
{
	double text_min = p->dense ? SIDE_TEXT_DENSE : SIDE_TEXT_MIN;
	int found = 0;

	for (int sd = 0; sd < 2; sd++) {
		if (side >= 0 && sd != side)
			continue;
		/* A hold draws its held pose alone, one way only. */
		for (int st = 0; st < (it->held ? 1 : 2); st++) {
			struct card_plan cp = {.side = sd, .w = w};
			struct text_cache t;
			double iw;

			/* The dense sheet gives each pose only the room it needs. */
			int arrange = it->held ? FIGURE_HELD
					       : (st ? FIGURE_STACKED : FIGURE_SIDE) |
						     (p->dense ? FIGURE_TIGHT : 0);

			if (!plan_drawing(p, it, arrange,
					  sd ? w - 2 * CARD_PAD - 2 - text_min - 8 : w - 8, &cp))
				continue;
			if (sd && cp.scale <= 0)
				continue;
			iw = plan_text_width(&cp);
			cp.cols = iw >= 2 * STEP_COL_MIN + GUTTER ? 2 : 1;
			t = card_text_measure(p, it, iw, cp.cols);
			if (p->dense && !t.steps_fit)
				continue;
			cp.text_h = t.h;
			if (sd)
				cp.h = fmax(cp.band, cp.text_h + 2 * CARD_PAD - 4);
			else
				cp.h = cp.band + cp.text_h + CARD_PAD;
			if (!found || cp.h < best->h - 0.5) {
				*best = cp;
				found = 1;
			}
		}
	}
	return found;
}

/* Paints the drawing of `cp` in a box `fw` wide at fx, its top at fy, on the card's tint. */
static void card_figure(struct pen *p, const struct handout_item *it, const struct card_plan *cp,
			double fx, double fy, double fw)
{
	struct figure_style st;
	double box_h, margin;

	figure_fit(p->h->figures, it->figure_id, fw, cp->scale, cp->arrange, &box_h, &margin);
	figure_style_init(&st, FIGURE_THEME_LIGHT);
	st.background.r = tint.r;
	st.background.g = tint.g;
	st.background.b = tint.b;
	st.background.a = 1;
	st.dumbbells = it->dumbbells;
	st.stacked = !!(cp->arrange & FIGURE_STACKED);
	st.held = !!(cp->arrange & FIGURE_HELD);
	st.tight = !!(cp->arrange & FIGURE_TIGHT);
	/* fy is where the drawing's top goes: the box's empty margin above it. */
	figure_draw(p->cr, p->h->figures, it->figure_id, fx, fy - margin, fw, box_h, &st);
}

/*
 * Draws the card laid out by `cp` at (x, y), its frame `rowh` tall so that the
 * cards of a row line up; a drawing above the words fills a band `band` tall
 * (the row's), standing on its bottom.
 */
static void card_draw(struct pen *p, const struct handout_item *it, const struct card_plan *cp,
		      double x, double y, double rowh, double band)
{
	double w = cp->w, note = figure_note_height(p, it, cp);
	double top = figure_top(p), floor = figure_floor(p);
	double dh = cp->band - top - floor - note; /* the drawing itself */
	double panel = cp->side ? cp->dw + 8 : w, ph = cp->side ? rowh : band;

	box(p, x, y, w, rowh, 6, &white, NULL, 0);
	if (cp->side ? cp->scale > 0 : band > 0) {
		/* The drawings sit on the card's tint; limb gaps are cut in the tint. */
		cairo_save(p->cr);
		rounded_rect(p->cr, x, y, w, rowh, 6);
		cairo_clip(p->cr);
		cairo_rectangle(p->cr, x, y, panel, ph);
		set_rgb(p->cr, &tint);
		cairo_fill(p->cr);
		cairo_restore(p->cr);
	}
	if (cp->scale > 0) {
		/* A little air between the poses where the card has room for it. */
		double fw = cp->side ? cp->dw : fmin(w - 8, cp->dw * 1.15);
		double fx = cp->side ? x + 4 : x + (w - fw) / 2;
		double fy = cp->side ? y + (rowh - note - dh - top - floor) / 2 + top
				     : y + band - note - floor - dh;

		cairo_save(p->cr);
		cairo_rectangle(p->cr, x, y, panel, ph);
		cairo_clip(p->cr);
		card_figure(p, it, cp, fx, fy, fw);
		cairo_restore(p->cr);
		if (it->figure_note) {
			if (cp->side)
				text(p, x + 4, y + rowh - note - 2, cp->dw, it->figure_note, 7,
				     T_ITALIC | T_CENTER, &muted);
			else
				text(p, x + CARD_PAD, y + band - FIGURE_NOTE - 1, w - 2 * CARD_PAD,
				     it->figure_note, 7, T_ITALIC | T_RIGHT, &muted);
		}
	}
	/* The rules last, so that no drawing's margin paints over them. */
	if (cp->side && cp->scale > 0) {
		set_rgb(p->cr, &rule);
		cairo_set_line_width(p->cr, 0.6);
		cairo_move_to(p->cr, x + panel, y);
		cairo_line_to(p->cr, x + panel, y + rowh);
		cairo_stroke(p->cr);
	} else if (!cp->side && band > 0) {
		hline(p, x, x + w, y + band, &rule, 0.6);
	}
	box(p, x, y, w, rowh, 6, NULL, &rule, 0.8);
	if (cp->side)
		card_text(p, it, x + panel + CARD_PAD + 2, y + CARD_PAD - 2, plan_text_width(cp),
			  cp->cols);
	else
		card_text(p, it, x + CARD_PAD, y + band + (p->dense ? 3 : 4), plan_text_width(cp),
			  cp->cols);
}

/* A list of lines with bullets; returns its height. */
static double bullets(struct pen *p, double x, double y, double w, char *const *lines, size_t n,
		      double size, const struct rgb *colour)
{
	double cy = y;

	for (size_t i = 0; i < n; i++) {
		text(p, x, cy, 10, "•", size, T_BOLD, &accent);
		cy += text_run(p, x + 10, cy, w - 10, lines[i], size, 0, colour, 0, 0) + 1.5;
	}
	return cy - y;
}

/* A tick box, `s` points square. */
static void tick_box(struct pen *p, double x, double y, double s, const struct rgb *c, double line)
{
	box(p, x, y, s, s, 2, &white, c, line);
}

/*
 * The tick grid at p->y, from x, `w` wide: the page's width under its own
 * heading, or `compact`, half the page beside the advice on pain, with
 * smaller boxes (11 points) and rows (GRID_ROW_SMALL).
 */
static void tick_grid(struct pen *p, double x, double w, int compact)
{
	const struct handout *h = p->h;
	double labw = compact ? 50 : 70, painw = compact ? 38 : 62, dayw = (w - labw - painw) / 7;
	double rowh = compact ? GRID_ROW_SMALL : p->grid_row, headh = compact ? 22 : 26;
	double bs = compact ? 11 : fmax(12, fmin(15, rowh * 0.42)), y, sgap = compact ? 1.5 : 3;
	double day_size = compact ? 8 : 9, lab = compact ? 7.5 : 8.5,
	       dates_size = compact ? 6.5 : 7;
	double lab_h = compact ? 17 : 22;

	if (compact) {
		p->y += text(p, x, p->y, w, "Your weeks", 10.5, T_BOLD, &ink) + 2;
		p->y += text(p, x, p->y, w,
			     "Tick each session, S for strength. Note your hip pain each week.", 8,
			     0, &muted) +
			4;
	} else {
		p->y += text(p, x, p->y, w, "Your weeks", 14, T_BOLD, &accent) + 2;
		hline(p, x, x + w, p->y, &accent, 1.2);
		p->y += 5;
		p->y +=
		    text(p, x, p->y, w,
			 "Tick a box for each session: the plain box for stretches, the one "
			 "marked S for strength. Note how your hip felt each week: you and your "
			 "physical therapist will see the trend.",
			 8.5, 0, &muted) +
		    7;
	}
	y = p->y;
	/* Header row. */
	box(p, x, y, w, headh, 4, &tint, NULL, 0);
	text(p, x + 6, y + (headh - 12) / 2, labw - 6, "Week", day_size, T_BOLD, &ink);
	for (int d = 0; d < 7; d++) {
		int strength = (h->strength_weekdays >> d) & 1;
		char name[8];

		snprintf(name, sizeof(name), "%c%s", weekday_short[d][0] - 'a' + 'A',
			 weekday_short[d] + 1);
		text(p, x + labw + d * dayw, y + (strength ? 3 : (headh - 12) / 2), dayw, name,
		     day_size, T_BOLD | T_CENTER, &ink);
		if (strength)
			text(p, x + labw + d * dayw, y + headh - 10.5, dayw, "strength",
			     compact ? 6 : 7, T_BOLD | T_CENTER, &accent);
	}
	text(p, x + labw + 7 * dayw, y + 3, painw, "Hip pain\n0–10", compact ? 7 : 8,
	     T_BOLD | T_CENTER, &ink);
	y += headh;
	for (int wk = 0; wk < h->weeks; wk++) {
		day_t monday = day_week_start(h->grid_from) + 7 * wk;
		int y0, m0, d0, y1, m1, d1;
		char label[16], dates[48];

		day_to_civil(monday, &y0, &m0, &d0);
		day_to_civil(monday + 6, &y1, &m1, &d1);
		snprintf(label, sizeof(label), "Week %d", h->first_week_number + wk);
		if (m0 == m1)
			snprintf(dates, sizeof(dates), "%d–%d %.3s", d0, d1, month_long[m1 - 1]);
		else
			snprintf(dates, sizeof(dates), "%d %.3s–%d %.3s", d0, month_long[m0 - 1],
				 d1, month_long[m1 - 1]);
		/* The two lines of the label, centred on the row. */
		text(p, x + 6, y + (rowh - lab_h) / 2, labw - 6, label, lab, T_BOLD, &ink);
		text(p, x + 6, y + (rowh - lab_h) / 2 + lab + 1, labw - 6, dates, dates_size, 0,
		     &muted);
		for (int d = 0; d < 7; d++) {
			double cx = x + labw + d * dayw + dayw / 2;
			int strength = (h->strength_weekdays >> d) & 1;

			if (monday + d < h->start) {
				/* Before the program began: nothing to tick. */
				hline(p, cx - 4, cx + 4, y + rowh / 2, &rule, 1);
			} else if (strength) {
				tick_box(p, cx - bs - sgap, y + (rowh - bs) / 2, bs, &accent, 1.1);
				text(p, cx - bs - sgap, y + (rowh - 9) / 2, bs, "S", 6.5,
				     T_BOLD | T_CENTER, &accent);
				tick_box(p, cx + sgap, y + (rowh - bs) / 2, bs, &muted, 0.8);
			} else {
				tick_box(p, cx - bs / 2, y + (rowh - bs) / 2, bs, &muted, 0.8);
			}
		}
		hline(p, x + labw + 7 * dayw + 8, x + w - 8, y + rowh - 5, &muted, 0.6);
		y += rowh;
		hline(p, x, x + w, y, &rule, 0.6);
	}
	p->y = y + (compact ? 4 : 14);
}

/* A tinted box of bullet lines after the cards: the section's tips, then what was changed. */
struct list_box {
	const char *title;
	char *const *lines;
	size_t n;
	int grid; /* the tick grid goes beside it, if not yet placed */
};

/* The width of a list box: the page's, or beside the tick grid a little under half of it. */
static double list_box_width(const struct pen *p, const struct list_box *b)
{
	double w = p->right - p->left;

	return b->grid && !p->grid_done && p->h->weeks > 0 ? (w - GUTTER) * 0.44 : w;
}

static double tick_grid_height(struct pen *p, double w, int compact)
{
	double y0 = p->y, hh;
	int draw = p->draw;

	p->draw = 0;
	tick_grid(p, p->left, w, compact);
	hh = p->y - y0;
	p->y = y0;
	p->draw = draw;
	return hh;
}

static double list_box_height(struct pen *p, const struct list_box *b)
{
	double w = list_box_width(p, b), hh;
	int draw = p->draw;

	p->draw = 0;
	hh = 8 + text(p, 0, 0, w - 20, b->title, 10, T_BOLD, &ink) + 3 +
	     bullets(p, 0, 0, w - 20, b->lines, b->n, STEP_SIZE, &ink) + 4;
	p->draw = draw;
	if (w < p->right - p->left) {
		double g = tick_grid_height(p, p->right - p->left - w - GUTTER, 1) - 6;

		if (g > hh)
			hh = g;
	}
	return hh;
}

static void list_box_draw(struct pen *p, const struct list_box *b, double hh)
{
	double w = list_box_width(p, b), y = p->y;

	if (w < p->right - p->left) {
		tick_grid(p, p->left + w + GUTTER, p->right - p->left - w - GUTTER, 1);
		p->grid_done = 1;
		p->y = y;
	}
	box(p, p->left, p->y, w, hh, 6, &tint, NULL, 0);
	p->y += 8;
	p->y += text(p, p->left + 10, p->y, w - 20, b->title, 10, T_BOLD, &ink) + 3;
	bullets(p, p->left + 10, p->y, w - 20, b->lines, b->n, STEP_SIZE, &ink);
	p->y = y + hh + p->gap;
}

/*
 * Places the boxes from *next on that fit on this page (all of them with
 * `force`, breaking pages as needed). They float: a box that fits in the
 * space a row of cards left at the bottom of a page goes there, rather
 * than leaving the space empty.
 */
static void list_boxes(struct pen *p, const struct handout_section *s, const struct list_box *b,
		       size_t n, size_t *next, int force)
{
	for (; *next < n; (*next)++) {
		double hh = list_box_height(p, &b[*next]);

		if (p->y + hh > p->bottom) {
			if (!force)
				return;
			new_page(p);
			section_heading(p, s, 1);
		}
		list_box_draw(p, &b[*next], hh);
	}
}

/* Bullet lines in two columns, read down the left first; returns the taller column's height. */
static double bullets_cols(struct pen *p, double x, double y, double w, char *const *lines,
			   size_t n, double size, const struct rgb *colour)
{
	size_t half = (n + 1) / 2;
	double cw = (w - GUTTER) / 2, l, r, best = HUGE_VAL;
	int draw = p->draw;

	if (n < 3)
		return bullets(p, x, y, w, lines, n, size, colour);
	/* The split that makes the columns most even in height. */
	p->draw = 0;
	for (size_t k = 1; k < n; k++) {
		l = bullets(p, x, y, cw, lines, k, size, colour);
		r = bullets(p, x, y, cw, lines + k, n - k, size, colour);
		if (fmax(l, r) < best - 0.5 || (fmax(l, r) < best + 0.5 && k <= (n + 1) / 2)) {
			best = fmax(l, r);
			half = k;
		}
	}
	p->draw = draw;
	l = bullets(p, x, y, cw, lines, half, size, colour);
	r = bullets(p, x + cw + GUTTER, y, cw, lines + half, n - half, size, colour);
	return l > r ? l : r;
}

/*
 * The boxes on when to get help, each the page's width with its lines in
 * two columns: 0 when to see a physical therapist, 1 when to get care
 * today. They float: like a section's boxes, one that fits in the space a
 * row of cards left at the foot of a page goes there.
 */
static int help_block(const struct pen *p, int i, const char **title, char *const **lines,
		      size_t *n, const struct rgb **frame, double *line)
{
	const struct handout *h = p->h;

	if (i == 0) {
		*title = h->see_pt_title ? h->see_pt_title : "See a physical therapist if…";
		*lines = h->see_pt;
		*n = h->nsee_pt;
		*frame = &accent;
		*line = 1.6;
	} else {
		*title = h->urgent_title;
		*lines = (char *const *)h->urgent;
		*n = h->urgent_title ? h->nurgent : 0;
		*frame = &ink;
		*line = 1.0;
	}
	return *n > 0;
}

/*
 * Measures (returns the height) or with `draw` draws the help box i at
 * (x, p->y), `w` wide, its lines in two columns or one, its frame at least
 * `minh` tall (the other box's beside it).
 */
static double help_box(struct pen *p, int i, int draw, double x, double w, int cols, double minh)
{
	const char *title;
	char *const *lines;
	size_t n;
	const struct rgb *frame;
	double line, iw = w - 20, hh, y;
	int was = p->draw;

	if (!help_block(p, i, &title, &lines, &n, &frame, &line))
		return 0;
	p->draw = 0;
	hh = 7 + text(p, 0, 0, iw, title, 10.5, T_BOLD, frame) + 3 +
	     (cols == 2 ? bullets_cols(p, 0, 0, iw, lines, n, STEP_SIZE, &ink)
			: bullets(p, 0, 0, iw, lines, n, STEP_SIZE, &ink)) +
	     3;
	p->draw = was && draw;
	if (p->draw) {
		box(p, x, p->y, w, fmax(hh, minh), 6, &white, frame, line);
		y = p->y + 7;
		y += text(p, x + 10, y, iw, title, 10.5, T_BOLD, frame) + 3;
		if (cols == 2)
			bullets_cols(p, x + 10, y, iw, lines, n, STEP_SIZE, &ink);
		else
			bullets(p, x + 10, y, iw, lines, n, STEP_SIZE, &ink);
	}
	p->draw = was;
	return hh;
}

/*
 * The dense sheet's help boxes: side by side, one column of lines each, as
 * tall as the taller; returns that height, 0 if there is none.
 */
static double help_pair(struct pen *p, int draw)
{
	double w = (p->right - p->left - GUTTER_DENSE) / 2, hh;

	if (!help_box(p, 1, 0, 0, w, 1, 0))
		return help_box(p, 0, draw, p->left, p->right - p->left, 2, 0);
	if (!help_box(p, 0, 0, 0, w, 1, 0))
		return help_box(p, 1, draw, p->left, p->right - p->left, 2, 0);
	hh = fmax(help_box(p, 0, 0, 0, w, 1, 0), help_box(p, 1, 0, 0, w, 1, 0));
	if (draw) {
		help_box(p, 0, 1, p->left, w, 1, hh);
		help_box(p, 1, 1, p->right - w, w, 1, hh);
	}
	return hh;
}

/* Places the help boxes on this page if both fit (with `force`: in any case, breaking pages). */
static void help_floats(struct pen *p, int force)
{
	double full = p->right - p->left;

	if (p->dense) {
		double hh;

		if (p->help_next >= 2)
			return;
		hh = help_pair(p, 0);
		if (hh > 0 && p->y + hh > p->bottom) {
			if (!force)
				return;
			new_page(p);
		}
		if (hh > 0) {
			help_pair(p, 1);
			p->y += hh + p->gap;
		}
		p->help_next = 2;
		return;
	}
	/* The two go together: a float only where both fit. */
	if (!force && p->help_next == 0 &&
	    p->y + help_box(p, 0, 0, 0, full, 2, 0) + p->gap + help_box(p, 1, 0, 0, full, 2, 0) >
		p->bottom)
		return;
	for (; p->help_next < 2; p->help_next++) {
		double hh = help_box(p, p->help_next, 0, 0, full, 2, 0);

		if (!hh)
			continue;
		if (p->y + hh > p->bottom) {
			if (!force)
				return;
			new_page(p);
		}
		help_box(p, p->help_next, 1, p->left, full, 2, 0);
		p->y += hh + p->gap;
	}
}

/*
 * The note on where the program comes from, in small print, like a
 * footnote: at the foot of the first page that has room for it once its
 * cards stop (or, with `force`, where the handout has got to). The dense
 * sheet prints it only where a page has room, without the experts, whom
 * its footer names.
 */
static void about_note(struct pen *p, int force)
{
	const struct handout *h = p->h;
	double w = p->right - p->left, hh;
	struct strbuf sb = STRBUF_INIT;
	int draw = p->draw;

	/* The dense sheet names the experts in its footer, and adds no page for the note. */
	if (p->about_done || (p->dense && (force || !h->source_note)) ||
	    !(h->source_note || h->nsource_experts))
		return;
	strbuf_addstr(&sb, "About this program.");
	if (h->source_note)
		strbuf_addf(&sb, " %s", h->source_note);
	if (!p->dense)
		experts_text(h, &sb);
	p->draw = 0;
	hh = text_run(p, p->left, 0, w, sb.buf, 7.5, 0, &muted, 0, 0.5);
	p->draw = draw;
	if (p->y + hh > p->bottom) {
		if (!force) {
			strbuf_release(&sb);
			return;
		}
		new_page(p);
	}
	p->y += text_run(p, p->left, p->y, w, sb.buf, 7.5, 0, &muted, strlen("About this program."),
			 0.5) +
		10;
	p->about_done = 1;
	strbuf_release(&sb);
}

/* Between two cards of a row: the dense sheet gives the room to their words. */
static double row_gutter(const struct pen *p)
{
	return p->dense ? GUTTER_DENSE : GUTTER;
}

/*
 * A row of cards: one card the page's width, or two side by side with their
 * drawings above their words, in one band as tall as the taller drawing needs.
 */
struct row {
	size_t count; /* 1 or 2 */
	struct card_plan plan[2];
	double band; /* two cards: the row's band */
	double h;
};

/* One card alone, in its lowest shape. */
static void row_one(struct pen *p, const struct handout_item *it, struct row *r)
{
	memset(r, 0, sizeof(*r));
	r->count = 1;
	plan_card(p, it, p->right - p->left, -1, &r->plan[0]);
	r->h = r->plan[0].h;
}

/*
 * Two cards side by side, of widths w0 and the rest of the row; 0 if a
 * drawing cannot keep its scale in its card. The drawings on top of their
 * words share one band; on the dense sheet a card may have its drawing
 * beside the words instead, and the row is as tall as its taller card.
 */
static int row_split(struct pen *p, const struct handout_item *items, double w0, struct row *r)
{
	double w = p->right - p->left - row_gutter(p), text_h = 0;

	memset(r, 0, sizeof(*r));
	r->count = 2;
	for (int i = 0; i < 2; i++) {
		const struct card_plan *cp = &r->plan[i];

		if (!plan_card(p, &items[i], i ? w - w0 : w0, p->dense ? -1 : 0, &r->plan[i]))
			return 0;
		if (cp->side) {
			r->h = fmax(r->h, cp->h);
		} else {
			r->band = fmax(r->band, cp->band);
			text_h = fmax(text_h, cp->text_h);
		}
	}
	if (r->band > 0 || text_h > 0)
		r->h = fmax(r->h, r->band + text_h + CARD_PAD);
	return 1;
}

/*
 * Two cards side by side: in half the row each, or on the dense sheet
 * in the split of the row that makes it lowest (the evener of two about as
 * low), in steps of SPLIT_STEP, neither card under SPLIT_MIN of the row.
 */
#define SPLIT_STEP 8.0
#define SPLIT_MIN  0.3
static int row_two(struct pen *p, const struct handout_item *items, struct row *r)
{
	double w = p->right - p->left - row_gutter(p);
	int found = 0;

	if (!p->dense)
		return row_split(p, items, w / 2, r);
	for (int k = 0; w / 2 - (k / 2) * SPLIT_STEP >= SPLIT_MIN * w; k++) {
		double w0 = w / 2 + (k % 2 ? -1 : 1) * (k / 2) * SPLIT_STEP;
		struct row t;

		if (k == 1 || !row_split(p, items, w0, &t))
			continue;
		/* Tried from the middle out: a split must be clearly lower to win. */
		if (!found || t.h < r->h - 2) {
			*r = t;
			found = 1;
		}
	}
	return found;
}

/* Where the layout has got to: compared page first. */
struct spot {
	int page;
	double y;
};

static int spot_before(struct spot a, struct spot b)
{
	return a.page < b.page || (a.page == b.page && a.y < b.y - 0.01);
}

static double heading_height(struct pen *p, const struct handout_section *s, int continued)
{
	double y0 = p->y, hh;
	int draw = p->draw;

	p->draw = 0;
	section_heading(p, s, continued);
	hh = p->y - y0;
	p->y = y0;
	p->draw = draw;
	return hh;
}

/*
 * Where a row `rowh` tall placed at `at` ends: on the next page (under the
 * section's heading again) if it does not fit; the first row takes the
 * heading with it.
 */
static struct spot spot_after(const struct pen *p, struct spot at, double rowh, int first,
			      double head, double head_cont)
{
	if (first) {
		if (at.y + head + rowh > p->bottom && at.y > MARGIN) {
			at.page++;
			at.y = MARGIN;
		}
		at.y += head;
	} else if (at.y + rowh > p->bottom) {
		at.page++;
		at.y = MARGIN + head_cont;
	}
	at.y += rowh + p->gap;
	return at;
}

/*
 * The rows of a section's cards: which go two by two and which alone, and how
 * each is laid out, so that the cards end as early as they can (the fewest
 * pages, then the least height), found over every way to group them in
 * order. *rows gets an array the caller frees; returns their count.
 */
static size_t plan_rows(struct pen *p, const struct handout_section *s, struct row **rows)
{
	size_t n = s->nitems, nrows = 0;
	struct row *one = xcalloc(n + 1, sizeof(*one)), *two = xcalloc(n + 1, sizeof(*two));
	struct spot *best = xcalloc(n + 1, sizeof(*best));
	size_t *took = xcalloc(n + 1, sizeof(*took));
	int *paired = xcalloc(n + 1, sizeof(*paired));
	double head = heading_height(p, s, 0), head_cont = heading_height(p, s, 1);

	for (size_t i = 0; i < n; i++) {
		row_one(p, &s->items[i], &one[i]);
		paired[i] = i + 1 < n && row_two(p, &s->items[i], &two[i]);
	}
	/* best[i]: where the first i cards end at the earliest; took[i]: its last row's cards. */
	best[0] = (struct spot){p->page, p->y};
	for (size_t i = 1; i <= n; i++) {
		best[i] = spot_after(p, best[i - 1], one[i - 1].h, i == 1, head, head_cont);
		took[i] = 1;
		if (i >= 2 && paired[i - 2]) {
			struct spot at =
			    spot_after(p, best[i - 2], two[i - 2].h, i == 2, head, head_cont);

			/* Two side by side where they end as early: the page reads as a grid. */
			if (!spot_before(best[i], at)) {
				best[i] = at;
				took[i] = 2;
			}
		}
	}
	*rows = xcalloc(n ? n : 1, sizeof(**rows));
	for (size_t i = n; i > 0; i -= took[i])
		nrows++;
	for (size_t i = n, k = nrows; i > 0; i -= took[i])
		(*rows)[--k] = took[i] == 2 ? two[i - 2] : one[i - 1];
	free(one);
	free(two);
	free(best);
	free(took);
	free(paired);
	return nrows;
}

static void section(struct pen *p, const struct handout_section *s)
{
	struct list_box boxes[2];
	struct row *rows;
	size_t nboxes = 0, next = 0, nrows, i = 0;

	if (s->ntips)
		boxes[nboxes++] = (struct list_box){s->tips_title ? s->tips_title : "Good to know",
						    (char *const *)s->tips, s->ntips, 1};
	if (s->nnotes)
		boxes[nboxes++] = (struct list_box){"Changed for you", s->notes, s->nnotes, 0};

	nrows = plan_rows(p, s, &rows);
	/* A heading never stands alone at the foot of a page: it goes with the first row. */
	if (nrows && p->y + heading_height(p, s, 0) + rows[0].h > p->bottom && p->y > MARGIN) {
		help_floats(p, 0);
		about_note(p, 0);
		new_page(p);
	}
	section_heading(p, s, 0);
	for (size_t r = 0; r < nrows; i += rows[r].count, r++) {
		const struct row *row = &rows[r];
		double x = p->left;

		if (p->y + row->h > p->bottom) {
			list_boxes(p, s, boxes, nboxes, &next, 0);
			help_floats(p, 0);
			about_note(p, 0);
			new_page(p);
			section_heading(p, s, 1);
		}
		for (size_t c = 0; c < row->count; c++) {
			if (p->draw)
				card_draw(p, &s->items[i + c], &row->plan[c], x, p->y, row->h,
					  row->count == 2 ? row->band : row->plan[c].band);
			x += row->plan[c].w + row_gutter(p);
		}
		p->y += row->h + p->gap;
	}
	free(rows);
	list_boxes(p, s, boxes, nboxes, &next, 1);
}

/* After the cards: the help boxes still to place, a note on the source, and the tick grid. */
static void closing(struct pen *p)
{
	const struct handout *h = p->h;
	double w = p->right - p->left, grid_h, spare;

	help_floats(p, 1);
	about_note(p, 1);
	if (p->grid_done || h->weeks <= 0)
		return;
	/* Measured first: the grid stays whole on one page, and gets any room left on it. */
	p->grid_row = GRID_ROW;
	grid_h = tick_grid_height(p, w, 0);
	if (p->y + grid_h > p->bottom)
		new_page(p);
	spare = p->bottom - p->y - grid_h;
	if (spare > 0)
		p->grid_row += fmin(spare / h->weeks, GRID_ROW_GROW);
	tick_grid(p, p->left, w, 0);
}

static void layout(struct pen *p)
{
	p->page = 0;
	p->help_next = 0;
	p->grid_done = 0;
	p->about_done = 0;
	p->gap = p->dense ? CARD_GAP_DENSE : CARD_GAP;
	new_page(p);
	header(p);
	for (size_t i = 0; i < p->h->nsections; i++)
		section(p, &p->h->sections[i]);
	closing(p);
	finish(p);
}

/*
 * Sets how wide the drawings' boxes are (pen.grow_w) and pen.npages: as wide
 * as FIGURE_GROW times the first handout's if the handout keeps to its pages,
 * else the widest, in steps of GROW_STEP, with which it takes no more pages
 * than it must: its limit, or what it takes with the narrowest boxes if even
 * they need more. People lying down shrink towards their first size; people
 * standing, whom the height limits, keep theirs.
 */
#define GROW_STEP 0.05
static void fit_roomy(struct pen *p)
{
	int lo = 0, hi = (int)lround((FIGURE_GROW - FIGURE_GROW_MIN) / GROW_STEP), widest, limit;

	p->grow_h = FIGURE_GROW;
	p->grow_w = FIGURE_GROW;
	layout(p);
	widest = p->npages = p->page;
	if (!p->h->max_pages || widest <= p->h->max_pages)
		return;
	p->grow_w = FIGURE_GROW_MIN;
	layout(p);
	limit = p->page > p->h->max_pages ? p->page : p->h->max_pages;
	if (widest <= limit) {
		p->grow_w = FIGURE_GROW;
		return;
	}
	p->npages = p->page;
	/* Halving the range: pages grow as the boxes widen, all but never back. */
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;

		p->grow_w = FIGURE_GROW_MIN + mid * GROW_STEP;
		layout(p);
		if (p->page <= limit) {
			lo = mid;
			p->npages = p->page;
		} else {
			hi = mid;
		}
	}
	p->grow_w = FIGURE_GROW_MIN + lo * GROW_STEP;
}

/*
 * The dense sheet, for a handout that keeps to its pages no other way:
 * each pose in a panel only as long as it needs, people lying down with
 * their poses one above the other where that is lower, cards two by two
 * with their drawings beside their words, the boxes on getting help side by
 * side. Its drawings are sized as the roomy layout's are (fit_roomy()):
 * people standing at FIGURE_PERSON, people lying down as large as the pages
 * allow. Taken when it needs fewer pages than the roomy layout.
 */
static void dense_sheet(struct pen *p)
{
	int roomy = p->npages;
	double grow = p->grow_w;

	if (!p->h->max_pages || roomy <= p->h->max_pages)
		return;
	p->dense = 1;
	footer_setup(p);
	fit_roomy(p);
	if (p->npages >= roomy) {
		p->dense = 0;
		p->grow_w = grow;
		p->npages = roomy;
		footer_setup(p);
	}
}

static void fit_drawings(struct pen *p)
{
	fit_roomy(p);
	dense_sheet(p);
}

/* cairo writes through here so that a short write (a full disk) is noticed. */
struct sink {
	FILE *f;
	int err;
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;

	if (s->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, s->f) != len) {
		s->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int handout_write(const struct handout *h, const char *path, int *npages)
{
	struct pen pen;
	struct sink sink = {NULL, 0};
	struct strbuf tmp = STRBUF_INIT;
	cairo_surface_t *surface = NULL;
	cairo_status_t status;
	char stamp[24];
	int ret = -1;

	if (draw_open())
		return -1;
	memset(&pen, 0, sizeof(pen));
	pen.h = h;
	handout_paper_size(h->paper, &pen.width, &pen.height);
	pen.left = MARGIN;
	pen.right = pen.width - MARGIN;
	strbuf_init(&pen.credit, 0);

	strbuf_addf(&tmp, "%s.tmp", path);
	sink.f = fopen(tmp.buf, "wb");
	if (!sink.f) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	surface = cairo_pdf_surface_create_for_stream(sink_write, &sink, pen.width, pen.height);
	time_format_iso(h->created, stamp);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
				       h->title ? h->title : "Hip program for runners");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "hipcoach");
	pen.cr = cairo_create(surface);

	footer_setup(&pen);

	/*
	 * Measuring passes: the drawings as large as the pages allow, and the
	 * page count, so that every footer can say "page n of N".
	 */
	pen.draw = 0;
	fit_drawings(&pen);
	pen.draw = 1;
	layout(&pen);

	cairo_destroy(pen.cr);
	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS || sink.err) {
		error_set("cannot write '%s': %s", tmp.buf,
			  sink.err ? strerror(sink.err) : cairo_status_to_string(status));
		goto out;
	}
	if (fflush(sink.f) || fsync(fileno(sink.f))) {
		error_set("cannot write '%s': %s", tmp.buf, strerror(errno));
		goto out;
	}
	if (fclose(sink.f)) {
		sink.f = NULL;
		error_set("cannot write '%s': %s", tmp.buf, strerror(errno));
		goto out;
	}
	sink.f = NULL;
	if (rename(tmp.buf, path)) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (npages)
		*npages = pen.npages;
	ret = 0;
out:
	if (sink.f)
		fclose(sink.f);
	if (ret && tmp.len)
		unlink(tmp.buf);
	strbuf_release(&tmp);
	strbuf_release(&pen.credit);
	free(pen.fits);
	free(pen.texts);
	return ret;
}
