/* The home-exercise handout as a PDF: exercise cards in two columns, a tick grid, when to get help.
 */
#include "handout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../lib/cairo-dl.h"
#include "../lib/error.h"
#include "../lib/strbuf.h"
#include "../lib/xalloc.h"
#include "figure.h"

/*
 * Everything is measured in points. The type sizes are chosen for paper
 * held at arm's length: 8.5 pt steps and advice (nothing smaller but labels), a bold dose,
 * 11 pt names and 14 pt headings that read from across the room.
 */
#define FONT_FAMILY    "Noto Sans,DejaVu Sans,sans-serif"
#define MARGIN	       26.0
#define GUTTER	       12.0
#define FOOTER_NUM_W   64.0
#define CARD_PAD       7.0
#define CARD_GAP       6.0
#define GRID_ROW       17.0 /* a week of the tick grid, at least */
#define GRID_ROW_GROW  6.0  /* ... and at most this much taller, when its page has room */
#define GRID_ROW_SMALL 17.0 /* a week of the compact grid beside the advice on pain */
#define FIGURE_NOTE    11.0 /* the caption under a drawing that is not the variant's own */
#define FIGURE_TOP     3.0  /* above a drawing in its band */
#define FIGURE_FLOOR   7.0  /* below its floor line: room for an arrow that passes under the feet */
#define STEP_SIZE      8.5
#define STEP_INDENT    11.0

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
	double scale;	    /* the drawings' largest scale, points per body height */
	double grid_row;    /* the height of a week in the tick grid */
	int help_next;	    /* the first help box not yet placed (2: all placed) */
	int grid_done;	    /* the tick grid is placed */
	int about_done;	    /* the note on the source is placed */
	struct strbuf credit;
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
	pango_layout_get_size(layout, &lw, &lh);
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
		vh = text(p, x, y + lh + 1, w - 12, value, 10.5, 0, &ink);
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

	y += text(p, x, y, w, "HOME EXERCISE PROGRAM", 7.5, T_BOLD, &accent);
	y +=
	    text(p, x, y, w, h->title ? h->title : "Hip program for runners", 16, T_BOLD, &ink) + 3;

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
	p->y = band_y + fh + 10 + 8;
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
		p->y += text_run(p, p->left, p->y, w, s->intro, 8.5, 0, &muted, 0, 0.5) + 7;
	else
		p->y += 3;
	strbuf_release(&sb);
}

/*
 * The height of a card's drawing band: the drawing at the pen's scale with
 * FIGURE_TOP above and FIGURE_FLOOR below, and its caption. The poses
 * stand side by side; a figure too long for that (someone lying down) is
 * drawn with its poses one above the other, as large as the band allows,
 * when that is larger by a tenth or more; the band stays within `limit`
 * (the row's band; 0: side by side). *box_h
 * is the box to give figure_draw(), *box_margin the empty space it leaves
 * at the top and bottom of that box, which the band does not need.
 */
static double figure_band(const struct pen *p, const struct handout_item *it, double w,
			  double limit, double *box_h, double *box_margin, int *stacked)
{
	const struct handout *h = p->h;
	double extra = FIGURE_TOP + FIGURE_FLOOR + (it->figure_note ? FIGURE_NOTE : 0);
	double s, band;

	*box_h = *box_margin = 0;
	*stacked = 0;
	if (!h->figures || !it->figure_id || !figure_set_has(h->figures, it->figure_id))
		return 0;
	s = figure_fit(h->figures, it->figure_id, w - 8, p->scale, 0, box_h, box_margin);
	band = *box_h - 2 * *box_margin + extra;
	if (limit > 0 && s < p->scale * 0.99) {
		/* The largest scale up to the pen's at which the stacked poses fit the band. */
		double lo = s, hi = p->scale, sh, sm;

		for (int i = 0; i < 24; i++) {
			double mid = (lo + hi) / 2;

			figure_fit(h->figures, it->figure_id, w - 8, mid, 1, &sh, &sm);
			if (sh - 2 * sm + extra <= limit)
				lo = mid;
			else
				hi = mid;
		}
		if (lo > s * 1.1) {
			figure_fit(h->figures, it->figure_id, w - 8, lo, 1, &sh, &sm);
			*box_h = sh;
			*box_margin = sm;
			*stacked = 1;
			band = sh - 2 * sm + extra;
		}
	}
	return band;
}

/* A card's words at (in, y), `iw` wide: name, dose in bold, numbered steps, caution; returns their
 * height. */
static double card_text(struct pen *p, const struct handout_item *it, double in, double y,
			double iw)
{
	double cy = y;
	struct strbuf sb = STRBUF_INIT;

	double nw, dw;

	strbuf_addstr(&sb, it->dose);
	if (it->dose_extra)
		strbuf_addf(&sb, "  ·  %s", it->dose_extra);
	/* The dose goes on the name's line, to the right, when both fit on it. */
	nw = text_width(p, it->name, 11, T_BOLD);
	dw = text_width(p, sb.buf, 9.5, T_BOLD); /* bold throughout: never narrower than drawn */
	if (nw + 14 + dw <= iw) {
		double nh = text(p, in, cy, iw, it->name, 11, T_BOLD, &ink);

		text_run(p, in, cy + 1.5, iw, sb.buf, 9.5, T_NOWRAP | T_RIGHT, &accent,
			 strlen(it->dose), 0);
		cy += nh + 1;
	} else {
		strbuf_reset(&sb);
		cy += text(p, in, cy, iw, it->name, 11, T_BOLD, &ink);
		strbuf_addstr(&sb, it->dose);
		if (it->dose_extra) {
			int draw = p->draw;
			double one, both;

			/* The rest time follows the dose on its line, or goes whole onto the next
			 * one. */
			p->draw = 0;
			one = text(p, in, cy, iw, it->dose, 9.5, T_BOLD, &accent);
			strbuf_addf(&sb, "  ·  %s", it->dose_extra);
			both = text(p, in, cy, iw, sb.buf, 9.5, 0, &accent);
			p->draw = draw;
			if (both > one + 1) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "%s\n%s", it->dose, it->dose_extra);
			}
		}
		cy += text_run(p, in, cy, iw, sb.buf, 9.5, 0, &accent, strlen(it->dose), 0) + 1;
	}
	if (it->change)
		cy += text_run(p, in, cy, iw, it->change, 8.5, T_ITALIC, &muted, 0, 0.5) + 1;
	cy += 3;
	for (size_t i = 0; i < it->nsteps; i++) {
		char num[24];

		snprintf(num, sizeof(num), "%zu", i + 1);
		text(p, in, cy, STEP_INDENT, num, STEP_SIZE, T_BOLD, &accent);
		cy += text_run(p, in + STEP_INDENT, cy, iw - STEP_INDENT, it->steps[i], STEP_SIZE,
			       0, &ink, 0, 0) +
		      0.5;
	}
	if (it->caution) {
		double ch;

		cy += 2;
		ch = text(p, in + 8, cy, iw - 8, it->caution, 8.5, T_ITALIC, &ink);
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

/*
 * One card: drawing, name, dose, numbered steps, caution. Returns its
 * height; with rowh > 0 the frame is drawn that tall, so the two cards of a
 * row line up, and the drawing band `band` tall (the taller of the row's
 * two), each drawing standing on its bottom.
 */
static double card(struct pen *p, const struct handout_item *it, double x, double y, double w,
		   double rowh, double band)
{
	const struct handout *h = p->h;
	double in = x + CARD_PAD, iw = w - 2 * CARD_PAD, cy = y, box_h, box_margin;
	int stacked;
	double own = figure_band(p, it, w, band, &box_h, &box_margin, &stacked);

	if (band < own)
		band = own;
	if (rowh > 0)
		box(p, x, y, w, rowh, 6, &white, &rule, 0.8);
	if (band > 0) {
		if (p->draw) {
			/* The drawings sit on the card's tinted top; limb gaps are cut in the
			 * tint. */
			cairo_save(p->cr);
			rounded_rect(p->cr, x, y, w, rowh, 6);
			cairo_clip(p->cr);
			cairo_rectangle(p->cr, x, y, w, band);
			set_rgb(p->cr, &tint);
			cairo_fill(p->cr);
			cairo_restore(p->cr);
			hline(p, x, x + w, y + band, &rule, 0.6);
		}
		if (own > 0 && p->draw) {
			struct figure_style st;
			/* Standing on the bottom of the band, above the caption. */
			double fy = y + band - (it->figure_note ? FIGURE_NOTE : 0) - FIGURE_FLOOR -
				    (box_h - box_margin);

			figure_style_init(&st, FIGURE_THEME_LIGHT);
			st.background.r = tint.r;
			st.background.g = tint.g;
			st.background.b = tint.b;
			st.background.a = 1;
			st.dumbbells = it->dumbbells;
			st.stacked = stacked;
			cairo_save(p->cr);
			cairo_rectangle(p->cr, x, y, w, band);
			cairo_clip(p->cr);
			figure_draw(p->cr, h->figures, it->figure_id, x + 4, fy, w - 8, box_h, &st);
			cairo_restore(p->cr);
		}
		if (own > 0 && it->figure_note)
			text(p, in, y + band - FIGURE_NOTE - 1, iw, it->figure_note, 7,
			     T_ITALIC | T_RIGHT, &muted);
		cy += band;
	}
	cy += 4;
	cy += card_text(p, it, in, cy, iw);
	cy += CARD_PAD - 4;
	return cy - y;
}

/*
 * A card the width of the page, its drawing on the left and its words
 * beside it: the last card of a section with an odd count, which would
 * otherwise leave half its row empty.
 */
struct wide_figure {
	double dw;	      /* the drawing's box, wide and tall */
	double box_h, margin; /* as figure_fit() gives them */
	double band;	      /* the height the drawing needs in the card */
	int stacked;
};

/* The narrowest box that draws the figure at the pen's scale (at most `max`). */
static double figure_width(const struct pen *p, const char *id, int stacked, double max)
{
	double lo = 8, hi = max, h, m;

	if (figure_fit(p->h->figures, id, hi, p->scale, stacked, &h, &m) < p->scale * 0.999)
		return hi;
	for (int i = 0; i < 30; i++) {
		double mid = (lo + hi) / 2;

		if (figure_fit(p->h->figures, id, mid, p->scale, stacked, &h, &m) >=
		    p->scale * 0.999)
			hi = mid;
		else
			lo = mid;
	}
	return ceil(hi);
}

static int has_figure(const struct pen *p, const struct handout_item *it)
{
	return p->h->figures && it->figure_id && figure_set_has(p->h->figures, it->figure_id);
}

static void wide_figure(const struct pen *p, const struct handout_item *it, double max, int stacked,
			struct wide_figure *wf)
{
	memset(wf, 0, sizeof(*wf));
	if (!has_figure(p, it))
		return;
	wf->stacked = stacked;
	wf->dw = figure_width(p, it->figure_id, stacked, max);
	figure_fit(p->h->figures, it->figure_id, wf->dw, p->scale, stacked, &wf->box_h,
		   &wf->margin);
	wf->band = wf->box_h - 2 * wf->margin + FIGURE_TOP + FIGURE_FLOOR +
		   (it->figure_note ? FIGURE_NOTE : 0);
}

/* Draws (or with rowh 0 measures) the card with the drawing `wf`; returns its height. */
static double wide_card_at(struct pen *p, const struct handout_item *it, double x, double y,
			   double w, double rowh, const struct wide_figure *wf)
{
	double panel = wf->dw > 0 ? wf->dw + 8 : 0;
	double in = x + panel + CARD_PAD + 2, iw = w - panel - 2 * CARD_PAD - 2;
	double th, hh;
	int draw = p->draw;

	if (rowh <= 0)
		p->draw = 0;
	th = card_text(p, it, in, y + CARD_PAD - 2, iw) + 2 * CARD_PAD - 4;
	p->draw = draw;
	hh = th > wf->band ? th : wf->band;
	if (rowh <= 0 || !p->draw)
		return hh;
	box(p, x, y, w, rowh, 6, &white, &rule, 0.8);
	if (panel > 0) {
		struct figure_style st;
		double dh = wf->box_h - 2 * wf->margin, note = it->figure_note ? FIGURE_NOTE : 0;
		double fy = y + (rowh - note - dh - FIGURE_TOP - FIGURE_FLOOR) / 2 + FIGURE_TOP -
			    wf->margin;

		cairo_save(p->cr);
		rounded_rect(p->cr, x, y, w, rowh, 6);
		cairo_clip(p->cr);
		cairo_rectangle(p->cr, x, y, panel, rowh);
		set_rgb(p->cr, &tint);
		cairo_fill(p->cr);
		cairo_restore(p->cr);
		if (p->draw) {
			set_rgb(p->cr, &rule);
			cairo_set_line_width(p->cr, 0.6);
			cairo_move_to(p->cr, x + panel, y);
			cairo_line_to(p->cr, x + panel, y + rowh);
			cairo_stroke(p->cr);
		}
		figure_style_init(&st, FIGURE_THEME_LIGHT);
		st.background.r = tint.r;
		st.background.g = tint.g;
		st.background.b = tint.b;
		st.background.a = 1;
		st.dumbbells = it->dumbbells;
		st.stacked = wf->stacked;
		cairo_save(p->cr);
		cairo_rectangle(p->cr, x, y, panel, rowh);
		cairo_clip(p->cr);
		figure_draw(p->cr, p->h->figures, it->figure_id, x + 4, fy, wf->dw, wf->box_h, &st);
		cairo_restore(p->cr);
		if (it->figure_note)
			text(p, x + 4, y + rowh - FIGURE_NOTE - 2, wf->dw, it->figure_note, 7,
			     T_ITALIC | T_CENTER, &muted);
	}
	card_text(p, it, in, y + CARD_PAD - 2, iw);
	return hh;
}

/* The drawing of a wide card: side by side or one pose above the other, whichever makes it lower.
 */
static void wide_choose(struct pen *p, const struct handout_item *it, double w,
			struct wide_figure *out)
{
	struct wide_figure side, stacked;
	double hs, hk;

	wide_figure(p, it, w * 0.62, 0, &side);
	wide_figure(p, it, w * 0.62, 1, &stacked);
	hs = wide_card_at(p, it, 0, 0, w, 0, &side);
	hk = wide_card_at(p, it, 0, 0, w, 0, &stacked);
	*out = hk < hs - 1 ? stacked : side;
}

static double card_height(struct pen *p, const struct handout_item *it, double w, double band)
{
	int draw = p->draw;
	double hh;

	p->draw = 0;
	hh = card(p, it, 0, 0, w, 0, band);
	p->draw = draw;
	return hh;
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
	     bullets(p, 0, 0, w - 20, b->lines, b->n, 8.5, &ink) + 4;
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
	bullets(p, p->left + 10, p->y, w - 20, b->lines, b->n, 8.5, &ink);
	p->y = y + hh + CARD_GAP;
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

/* Measures (hh NULL: returns the height) or draws the help box i at p->y. */
static double help_box(struct pen *p, int i, int draw)
{
	const char *title;
	char *const *lines;
	size_t n;
	const struct rgb *frame;
	double line, w = p->right - p->left, iw = w - 20, hh, y;
	int was = p->draw;

	if (!help_block(p, i, &title, &lines, &n, &frame, &line))
		return 0;
	p->draw = 0;
	hh = 7 + text(p, 0, 0, iw, title, 10.5, T_BOLD, frame) + 3 +
	     bullets_cols(p, 0, 0, iw, lines, n, 8.5, &ink) + 3;
	p->draw = was && draw;
	if (p->draw) {
		box(p, p->left, p->y, w, hh, 6, &white, frame, line);
		y = p->y + 7;
		y += text(p, p->left + 10, y, iw, title, 10.5, T_BOLD, frame) + 3;
		bullets_cols(p, p->left + 10, y, iw, lines, n, 8.5, &ink);
	}
	p->draw = was;
	return hh;
}

/* Places the help boxes on this page if both fit (with `force`: in any case, breaking pages). */
static void help_floats(struct pen *p, int force)
{
	/* The two go together: a float only where both fit. */
	if (!force && p->help_next == 0 &&
	    p->y + help_box(p, 0, 0) + CARD_GAP + help_box(p, 1, 0) > p->bottom)
		return;
	for (; p->help_next < 2; p->help_next++) {
		double hh = help_box(p, p->help_next, 0);

		if (!hh)
			continue;
		if (p->y + hh > p->bottom) {
			if (!force)
				return;
			new_page(p);
		}
		help_box(p, p->help_next, 1);
		p->y += hh + CARD_GAP;
	}
}

/*
 * The note on where the program comes from, in small print, like a
 * footnote: at the foot of the first page that has room for it once its
 * cards stop (or, with `force`, where the handout has got to).
 */
static void about_note(struct pen *p, int force)
{
	const struct handout *h = p->h;
	double w = p->right - p->left, hh;
	struct strbuf sb = STRBUF_INIT;
	int draw = p->draw;

	if (p->about_done || !(h->source_note || h->nsource_experts))
		return;
	strbuf_addstr(&sb, "About this program.");
	if (h->source_note)
		strbuf_addf(&sb, " %s", h->source_note);
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

/*
 * A row of cards from item i: two side by side, each with its drawing on
 * top, or the section's last card alone, the page's width with its drawing
 * beside its words, so that no row is left half empty. Sets
 * *count to the cards in the row and *band to the row's drawing band (two
 * cards) or *wf to the drawing (one); returns the row's height.
 */
static double row_height(struct pen *p, const struct handout_section *s, size_t i, double colw,
			 size_t *count, double *band_out, struct wide_figure *wf)
{
	double w = p->right - p->left;

	if (i + 1 < s->nitems) {
		int st;
		double d, m, band = figure_band(p, &s->items[i], colw, 0, &d, &m, &st), h0, h1,
			     b1 = figure_band(p, &s->items[i + 1], colw, 0, &d, &m, &st);

		if (b1 > band)
			band = b1;
		h0 = card_height(p, &s->items[i], colw, band);
		h1 = card_height(p, &s->items[i + 1], colw, band);
		*count = 2;
		*band_out = band;
		return h0 > h1 ? h0 : h1;
	}
	*count = 1;
	wide_choose(p, &s->items[i], w, wf);
	return wide_card_at(p, &s->items[i], 0, 0, w, 0, wf);
}

static void section(struct pen *p, const struct handout_section *s)
{
	double colw = (p->right - p->left - GUTTER) / 2;
	struct list_box boxes[2];
	struct wide_figure wf;
	size_t nboxes = 0, next = 0, count;

	if (s->ntips)
		boxes[nboxes++] = (struct list_box){s->tips_title ? s->tips_title : "Good to know",
						    (char *const *)s->tips, s->ntips, 1};
	if (s->nnotes)
		boxes[nboxes++] = (struct list_box){"Changed for you", s->notes, s->nnotes, 0};

	/* A heading never stands alone at the foot of a page: it goes with the first row. */
	if (s->nitems) {
		double band, y0 = p->y, first = row_height(p, s, 0, colw, &count, &band, &wf);
		int draw = p->draw;

		p->draw = 0;
		section_heading(p, s, 0);
		p->draw = draw;
		if (p->y + first > p->bottom && y0 > MARGIN) {
			p->y = y0;
			help_floats(p, 0);
			about_note(p, 0);
			new_page(p);
		} else {
			p->y = y0;
		}
	}
	section_heading(p, s, 0);
	for (size_t i = 0; i < s->nitems; i += count) {
		double band = 0, rowh = row_height(p, s, i, colw, &count, &band, &wf);

		if (p->y + rowh > p->bottom) {
			list_boxes(p, s, boxes, nboxes, &next, 0);
			help_floats(p, 0);
			about_note(p, 0);
			new_page(p);
			section_heading(p, s, 1);
		}
		if (count == 2) {
			card(p, &s->items[i], p->left, p->y, colw, rowh, band);
			card(p, &s->items[i + 1], p->left + colw + GUTTER, p->y, colw, rowh, band);
		} else {
			wide_card_at(p, &s->items[i], p->left, p->y, p->right - p->left, rowh, &wf);
		}
		p->y += rowh + CARD_GAP;
	}
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
	new_page(p);
	header(p);
	for (size_t i = 0; i < p->h->nsections; i++)
		section(p, &p->h->sections[i]);
	closing(p);
	finish(p);
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
	credit_text(h, &pen.credit);

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

	/* The footer takes what the credit needs; the content stops above it. */
	pen.footer_y = pen.height - MARGIN * 0.8 - 4 -
		       text(&pen, 0, 0, pen.right - pen.left - FOOTER_NUM_W - 12, pen.credit.buf,
			    6.5, 0, &muted);
	pen.bottom = pen.footer_y - 8;

	/* First pass: count the pages, so that every footer can say "page n of N". */
	pen.scale = HANDOUT_FIGURE_SCALE;
	pen.draw = 0;
	layout(&pen);
	pen.npages = pen.page;
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
	return ret;
}
