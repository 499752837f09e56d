/* The printable home-exercise handout: a PDF laid out with cairo and pango from plain data. */
#ifndef HIPCOACH_HANDOUT_H
#define HIPCOACH_HANDOUT_H

#include <stddef.h>
#include <time.h>

#include "../lib/datetime.h"

struct figure_set;

enum handout_paper {
	HANDOUT_A4,	/* 210 × 297 mm */
	HANDOUT_LETTER, /* 8.5 × 11 in */
};

/* One exercise card. Strings are borrowed: they must outlive handout_write(). */
struct handout_item {
	const char *name;      /* what is prescribed: the variant's name if swapped */
	const char *figure_id; /* id in the figure set; NULL or unknown: no drawing */
	const char
	    *figure_note; /* a caption under the drawing, e.g. "drawing: the Squat"; may be NULL */
	char *const *steps; /* 3 to 5 short lines, numbered on the page */
	size_t nsteps;
	const char *dose;	/* "2 sets × 12–15 each side", printed in bold */
	const char *dose_extra; /* after the dose in normal weight, e.g. "rest 45 s"; may be NULL */
	const char *change; /* what was changed for this runner, in the plan's words; may be NULL */
	const char *caution; /* a caution in force for this runner; may be NULL */
	int dumbbells; /* the dose holds dumbbells: draw them (else a figure's are left out) */
	int held;      /* a stretch held still: the drawing shows the held position alone */
};

/* A run of cards under one heading. */
struct handout_section {
	const char *title; /* "Strength" */
	const char *when;  /* "Twice a week: Tuesday and Friday" */
	const char *intro; /* a short paragraph under the heading; may be NULL */
	const struct handout_item *items;
	size_t nitems;
	const char *tips_title; /* a box of advice after the cards, e.g. "How much pain is fine" */
	const char *const *tips;
	size_t ntips;
	char *const *notes; /* what was changed for this runner, in the plan's words */
	size_t nnotes;
};

struct handout {
	enum handout_paper paper;
	time_t created;	      /* the PDF's creation date (clock_now(), so tests can pin it) */
	const char *title;    /* "Hip pain: strength and stretches for runners" */
	const char *name;     /* the runner's name; NULL: a line to write it on */
	const char *level;    /* "Beginner" */
	day_t start;	      /* the program's first day */
	day_t today;	      /* "started" or "starts" */
	const char *schedule; /* "Strength Tue and Fri · stretches every day" */
	int max_pages;	      /* pages the handout should keep to (see handout_write()); 0: any */

	const struct handout_section *sections;
	size_t nsections;
	const struct figure_set *figures; /* NULL: cards without drawings */

	/* The tick grid: `weeks` rows of Monday to Sunday from the week holding `grid_from`. */
	int weeks;
	day_t grid_from;
	int first_week_number;	    /* the program week of the first row (1 = the start week) */
	unsigned strength_weekdays; /* bit 0 = Monday: those days get a strength box too */

	const char *see_pt_title; /* "See a physical therapist if…" */
	char *const *see_pt;	  /* the program's lines */
	size_t nsee_pt;
	const char *urgent_title; /* "Stop and get care today if…"; NULL: no such box */
	const char *const *urgent;
	size_t nurgent;

	/* The credit in every footer, and a note about it on the last page. */
	const char *source_title;
	const char *source_publication;
	char *const *source_experts;
	size_t nsource_experts;
	const char *source_note; /* may be NULL */
};

/*
 * Lays the handout out and writes it as a PDF: a header on the first page,
 * the sections one after the other with their cards in rows (drawing, name,
 * dose in bold, numbered steps, caution): two cards side by side with their
 * drawings on top, or one the page's width with its drawing beside its
 * words, grouped in order so that the cards end as early as they can; the
 * tick grid compact beside the first section's advice box, and the boxes on
 * when to see a physical therapist and when to get care today, the page's
 * width with their lines in two columns. Boxes float into the room a row of
 * cards leaves at the foot of a page; every page carries the credit and
 * "page n of N" in its footer.
 *
 * The first handout drew each figure in a box 247 x 70 points. A person
 * standing, whom its height limited, is drawn twice that size (124 points a
 * body height, about 44 mm), and no person smaller. A person lying down,
 * whom its width limited, is drawn as if in a box twice as wide if the
 * handout then keeps to max_pages, else in the widest that keeps it there,
 * down to the first width (and if even that takes more pages, the widest
 * that takes the fewest). If even then it takes more than max_pages, it
 * is laid out again as a dense sheet (each pose in a panel only as wide or
 * high as it needs, drawings beside their words two cards to a row, closer
 * type; its people lying down sized in the same way) and that is kept if it
 * takes fewer pages. A stretch held still (handout_item.held) is drawn in
 * its held position alone. The file is written to PATH.tmp and
 * renamed over PATH, so a failure never leaves half a file. On success
 * *npages (if not NULL) is the page count. 0, or -1 with error_set().
 */
int handout_write(const struct handout *h, const char *path, int *npages);

/* The page size in PostScript points (1/72 in). */
void handout_paper_size(enum handout_paper paper, double *width, double *height);

#endif
