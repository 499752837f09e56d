/* The FIT workout writer: a session script as workout, workout_step and exercise_title. */
#include "fitworkout.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "../lib/error.h"
#include "../lib/xalloc.h"

/* Global message numbers (FIT profile). */
#define MESG_FILE_ID	    0
#define MESG_WORKOUT	    26
#define MESG_WORKOUT_STEP   27
#define MESG_EXERCISE_TITLE 264

/* Local message types, one per definition. */
enum { LOCAL_FILE_ID, LOCAL_WORKOUT, LOCAL_STEP, LOCAL_TITLE };

/* Base types (FORMATS.md). */
#define BT_ENUM	   0x00
#define BT_UINT16  0x84
#define BT_UINT32  0x86
#define BT_STRING  0x07
#define BT_UINT32Z 0x8C

#define MANUFACTURER_DEVELOPMENT 255
#define WKT_STEP_TARGET_OPEN	 2
#define FIT_STRING_MAX		 255 /* a field's size is one byte */

#define HEADER_SIZE	 14
#define PROTOCOL_VERSION 0x20 /* 2.0 */
#define PROFILE_VERSION	 2132 /* 21.32 */

struct field {
	unsigned char num, size, type;
};

/* One workout step as it goes into the file. */
struct wstep {
	char *name;
	char *notes;
	unsigned char duration_type;
	uint32_t duration_value;
	unsigned char intensity;
	uint16_t category, exname; /* 0xFFFF: none */
	uint16_t weight;	   /* kg × 100, 0xFFFF: none */
};

static void put8(struct strbuf *sb, unsigned v)
{
	strbuf_addch(sb, (int)(v & 0xff));
}

static void put16(struct strbuf *sb, unsigned v)
{
	put8(sb, v);
	put8(sb, v >> 8);
}

static void put32(struct strbuf *sb, uint32_t v)
{
	put16(sb, v & 0xffff);
	put16(sb, v >> 16);
}

/* A string field of `size` bytes: the text cut at a UTF-8 boundary, NUL-padded. */
static void put_string(struct strbuf *sb, const char *s, size_t size)
{
	size_t n = s ? strlen(s) : 0;

	if (n > size - 1) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	strbuf_add(sb, s, n);
	strbuf_addchars(sb, 0, size - n);
}

static void define(struct strbuf *sb, unsigned local, unsigned global, const struct field *f,
		   size_t n)
{
	put8(sb, 0x40 | local);
	put8(sb, 0); /* reserved */
	put8(sb, 0); /* little-endian */
	put16(sb, global);
	put8(sb, (unsigned)n);
	for (size_t i = 0; i < n; i++) {
		put8(sb, f[i].num);
		put8(sb, f[i].size);
		put8(sb, f[i].type);
	}
}

/* The size a string field needs for the longest of its values (with the NUL), within FIT's limit.
 */
static unsigned char string_size(size_t longest)
{
	return (unsigned char)(longest + 1 > FIT_STRING_MAX ? FIT_STRING_MAX : longest + 1);
}

/*
 * Watches draw a limited character set: en dashes and middle dots from the
 * script's texts become ASCII so a step reads "12-15 reps", not a box.
 */
static char *watch_text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	while (*s) {
		if (!strncmp(s, "\xe2\x80\x93", 3)) { /* – */
			strbuf_addch(&sb, '-');
			s += 3;
		} else if (!strncmp(s, "\xc2\xb7", 2)) { /* · */
			strbuf_addch(&sb, '-');
			s += 2;
		} else if (!strncmp(s, "\xc3\x97", 2)) { /* × */
			strbuf_addch(&sb, 'x');
			s += 2;
		} else {
			strbuf_addch(&sb, *s++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

static void step_from_script(struct wstep *w, const struct script_step *st)
{
	const struct prescription *p = st->p;
	struct strbuf name = STRBUF_INIT, notes = STRBUF_INIT;

	memset(w, 0, sizeof(*w));
	w->category = w->exname = w->weight = 0xFFFF;
	if (!st->work) {
		/* Get ready, switch sides and rests: timed, and say what comes next. */
		w->duration_type = FITW_DUR_TIME;
		w->duration_value = (uint32_t)st->duration_s * 1000;
		w->intensity = FITW_INTENSITY_REST;
		strbuf_addstr(&name, st->title);
		strbuf_addstr(&notes, st->detail);
		goto out;
	}
	strbuf_addstr(&name, st->title);
	if (st->side != SIDE_NONE)
		strbuf_addf(&name, " (%s)", side_names[st->side]);
	w->intensity = FITW_INTENSITY_ACTIVE;
	if (st->type == STEP_REPS) {
		/* The watch counts toward the top of the range; the notes give the range. */
		w->duration_type = FITW_DUR_REPS;
		w->duration_value = (uint32_t)p->reps_max;
		if (p->load == PLOAD_DUMBBELL && p->load_kg > 0 && p->load_kg < 650)
			w->weight = (uint16_t)lround(p->load_kg * 100);
	} else {
		w->duration_type = FITW_DUR_TIME;
		w->duration_value = (uint32_t)st->duration_s * 1000;
	}
	if (p->ex->fit_category >= 0) {
		w->category = (uint16_t)p->ex->fit_category;
		if (p->ex->fit_name >= 0)
			w->exname = (uint16_t)p->ex->fit_name;
	}
	if (st->sets > 1)
		strbuf_addf(&notes, "Set %d of %d, ", st->set_no, st->sets);
	if (st->side != SIDE_NONE)
		strbuf_addf(&notes, "%s leg, ", side_names[st->side]);
	strbuf_addf(&notes, "%s.", st->detail);
	if (p->load == PLOAD_BAND)
		strbuf_addstr(&notes, " Use the band.");
	if (p->ex->ncues && p->ex->cues[0][0])
		strbuf_addf(&notes, " %c%s.", toupper((unsigned char)p->ex->cues[0][0]),
			    p->ex->cues[0] + 1);
	notes.buf[0] = (char)toupper((unsigned char)notes.buf[0]);
out:
	w->name = watch_text(name.buf);
	w->notes = watch_text(notes.buf);
	strbuf_release(&name);
	strbuf_release(&notes);
}

int fitworkout_write(struct strbuf *out, const struct script *s,
		     const struct fitworkout_options *opt)
{
	struct strbuf body = STRBUF_INIT, hdr = STRBUF_INIT;
	struct wstep *w;
	const struct exercise **titled = NULL;
	size_t ntitled = 0, longest_name = 0, longest_notes = 0, longest_title = 0;
	unsigned char name_size, notes_size, title_size;
	size_t start = out->len;
	uint16_t crc;
	char *wname, *wdesc;

	if (!s->nsteps)
		return error_set("cannot write a workout without steps");
	if (s->nsteps > 0xFFFE)
		return error_set("cannot write a workout of %zu steps", s->nsteps);

	w = xcalloc(s->nsteps, sizeof(*w));
	titled = xcalloc(s->nsteps, sizeof(*titled));
	for (size_t i = 0; i < s->nsteps; i++) {
		const struct script_step *st = &s->steps[i];

		step_from_script(&w[i], st);
		if (strlen(w[i].name) > longest_name)
			longest_name = strlen(w[i].name);
		if (strlen(w[i].notes) > longest_notes)
			longest_notes = strlen(w[i].notes);
		/* FIT has a category but no name for this move: an exercise_title names it. */
		if (st->work && st->p->ex->fit_category >= 0 && st->p->ex->fit_name < 0 &&
		    st->p->ex->fit_title) {
			size_t j;

			for (j = 0; j < ntitled && titled[j] != st->p->ex; j++)
				;
			if (j == ntitled) {
				titled[ntitled++] = st->p->ex;
				if (strlen(st->p->ex->fit_title) > longest_title)
					longest_title = strlen(st->p->ex->fit_title);
			}
		}
	}
	name_size = string_size(longest_name);
	notes_size = string_size(longest_notes);
	title_size = string_size(longest_title);

	{
		const struct field f[] = {
		    {0, 1, BT_ENUM},	/* type */
		    {1, 2, BT_UINT16},	/* manufacturer */
		    {2, 2, BT_UINT16},	/* product */
		    {4, 4, BT_UINT32},	/* time_created */
		    {3, 4, BT_UINT32Z}, /* serial_number */
		};
		time_t t = opt->created - FIT_EPOCH;

		define(&body, LOCAL_FILE_ID, MESG_FILE_ID, f, opt->serial ? 5 : 4);
		put8(&body, LOCAL_FILE_ID);
		put8(&body, FITW_FILE_WORKOUT);
		put16(&body, MANUFACTURER_DEVELOPMENT);
		put16(&body, 0);
		put32(&body, t > 0 && t < 0xFFFFFFFF ? (uint32_t)t : 0xFFFFFFFF);
		if (opt->serial)
			put32(&body, opt->serial);
	}
	wname = watch_text(opt->name);
	wdesc = watch_text(opt->description ? opt->description : "");
	{
		const char *desc = wdesc;
		const struct field f[] = {
		    {4, 1, BT_ENUM},				/* sport */
		    {11, 1, BT_ENUM},				/* sub_sport */
		    {6, 2, BT_UINT16},				/* num_valid_steps */
		    {8, string_size(strlen(wname)), BT_STRING}, /* wkt_name */
		    {17, string_size(strlen(desc)), BT_STRING}, /* wkt_description */
		};

		define(&body, LOCAL_WORKOUT, MESG_WORKOUT, f, *desc ? 5 : 4);
		put8(&body, LOCAL_WORKOUT);
		put8(&body, FITW_SPORT_TRAINING);
		put8(&body, s->kind == KIND_STRENGTH ? FITW_SUB_STRENGTH : FITW_SUB_FLEXIBILITY);
		put16(&body, (unsigned)s->nsteps);
		put_string(&body, wname, f[3].size);
		if (*desc)
			put_string(&body, desc, f[4].size);
	}
	{
		const struct field f[] = {
		    {254, 2, BT_UINT16},	/* message_index */
		    {0, name_size, BT_STRING},	/* wkt_step_name */
		    {1, 1, BT_ENUM},		/* duration_type */
		    {2, 4, BT_UINT32},		/* duration_value */
		    {3, 1, BT_ENUM},		/* target_type */
		    {7, 1, BT_ENUM},		/* intensity */
		    {8, notes_size, BT_STRING}, /* notes */
		    {10, 2, BT_UINT16},		/* exercise_category */
		    {11, 2, BT_UINT16},		/* exercise_name */
		    {12, 2, BT_UINT16},		/* exercise_weight, kg × 100 */
		    {13, 2, BT_UINT16},		/* weight_display_unit */
		};

		define(&body, LOCAL_STEP, MESG_WORKOUT_STEP, f, ARRAY_SIZE(f));
		for (size_t i = 0; i < s->nsteps; i++) {
			put8(&body, LOCAL_STEP);
			put16(&body, (unsigned)i);
			put_string(&body, w[i].name, name_size);
			put8(&body, w[i].duration_type);
			put32(&body, w[i].duration_value);
			put8(&body, WKT_STEP_TARGET_OPEN);
			put8(&body, w[i].intensity);
			put_string(&body, w[i].notes, notes_size);
			put16(&body, w[i].category);
			put16(&body, w[i].exname);
			put16(&body, w[i].weight);
			put16(&body, w[i].weight == 0xFFFF ? 0xFFFF
				     : opt->pounds	   ? FITW_UNIT_POUND
							   : FITW_UNIT_KILOGRAM);
		}
	}
	if (ntitled) {
		const struct field f[] = {
		    {254, 2, BT_UINT16},	/* message_index */
		    {0, 2, BT_UINT16},		/* exercise_category */
		    {1, 2, BT_UINT16},		/* exercise_name */
		    {2, title_size, BT_STRING}, /* wkt_step_name */
		};

		define(&body, LOCAL_TITLE, MESG_EXERCISE_TITLE, f, ARRAY_SIZE(f));
		for (size_t i = 0; i < ntitled; i++) {
			put8(&body, LOCAL_TITLE);
			put16(&body, (unsigned)i);
			put16(&body, (unsigned)titled[i]->fit_category);
			put16(&body, 0xFFFF);
			put_string(&body, titled[i]->fit_title, title_size);
		}
	}

	put8(&hdr, HEADER_SIZE);
	put8(&hdr, PROTOCOL_VERSION);
	put16(&hdr, PROFILE_VERSION);
	put32(&hdr, (uint32_t)body.len);
	strbuf_add(&hdr, ".FIT", 4);
	put16(&hdr, fit_crc16(0, hdr.buf, 12));
	strbuf_add(out, hdr.buf, hdr.len);
	strbuf_add(out, body.buf, body.len);
	crc = fit_crc16(0, out->buf + start, out->len - start);
	put16(out, crc);
	strbuf_release(&hdr);
	strbuf_release(&body);
	for (size_t i = 0; i < s->nsteps; i++) {
		free(w[i].name);
		free(w[i].notes);
	}
	free(w);
	free(titled);
	free(wname);
	free(wdesc);
	return 0;
}
