/* The full-screen session player (ncursesw): a big countdown, where you are, the steps and cues,
 * one key at a time. */
#include "tui.h"

#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "lib/curses-dl.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "speech.h"

enum {
	PAIR_HEADER = 1,
	PAIR_BIG,
	PAIR_LAST,
	PAIR_CUE,
	PAIR_BAR,
	PAIR_WARN,
};

struct tui {
	struct frontend fe; /* first: the front end is the tui */
	int color;
	SCREEN *screen;
	char *note;	       /* shown above the questions that follow */
	struct strbuf summary; /* printed once the screen has closed */
};

/* The big digits: 3×5 pixels, each pixel `pw` block characters wide and `ph` rows high. */
static const char *const font[][5] = {
    {"###", "# #", "# #", "# #", "###"}, {" # ", "## ", " # ", " # ", "###"},
    {"###", "  #", "###", "#  ", "###"}, {"###", "  #", "###", "  #", "###"},
    {"# #", "# #", "###", "  #", "  #"}, {"###", "#  ", "###", "  #", "###"},
    {"###", "#  ", "###", "# #", "###"}, {"###", "  #", "  #", "  #", "  #"},
    {"###", "# #", "###", "# #", "###"}, {"###", "# #", "###", "  #", "###"},
};
static const char *const font_colon[5] = {" ", "#", " ", "#", " "};
static const char *const font_dash[5] = {"   ", "   ", "###", "   ", "   "};

static const char *const *glyph(char c)
{
	if (c >= '0' && c <= '9')
		return font[c - '0'];
	return c == ':' ? font_colon : font_dash;
}

/* Columns `text` takes in big digits with pixel width `pw`. */
static int big_width(const char *text, int pw)
{
	int w = 0;

	for (const char *c = text; *c; c++)
		w += (int)strlen(glyph(*c)[0]) * pw + (c[1] ? 1 : 0);
	return w;
}

static void big_draw(int y, int x, const char *text, int pw, int ph, attr_t attr)
{
	attron(attr);
	for (int row = 0; row < 5 * ph; row++) {
		int cx = x;

		for (const char *c = text; *c; c++) {
			const char *line = glyph(*c)[row / ph];

			for (const char *px = line; *px; px++)
				for (int k = 0; k < pw; k++, cx++)
					mvaddstr(y + row, cx, *px == '#' ? "█" : " ");
			cx++;
		}
	}
	attroff(attr);
}

static attr_t pair(const struct tui *t, int n)
{
	return t->color ? COLOR_PAIR(n) : 0;
}

/* Draws `s` at (y, x), cut to `width` columns. */
static void put(int y, int x, const char *s, int width, attr_t attr)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = s;

	if (width <= 0 || y < 0 || y >= LINES)
		return;
	while (*p) {
		const char *start = p;

		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
		strbuf_add(&sb, start, (size_t)(p - start));
		if (display_width(sb.buf) > width) {
			strbuf_setlen(&sb, (size_t)(start - s));
			break;
		}
	}
	attron(attr);
	mvaddstr(y, x, sb.buf);
	attroff(attr);
	strbuf_release(&sb);
}

/*
 * Word-wraps `text` to `width` columns from row `y`, at most `max_rows`
 * rows, the first prefixed by `first` and the rest by `rest`. Returns rows used.
 */
static int wrap(int y, int x, int width, int max_rows, const char *first, const char *rest,
		const char *text, attr_t attr)
{
	struct strbuf line = STRBUF_INIT;
	const char *p = text;
	int rows = 0, plen = display_width(first);

	strbuf_addstr(&line, first);
	while (*p && rows < max_rows) {
		const char *end = p;
		struct strbuf word = STRBUF_INIT;

		while (*end && *end != ' ')
			end++;
		strbuf_add(&word, p, (size_t)(end - p));
		if (display_width(line.buf) > plen) {
			if (display_width(line.buf) + 1 + display_width(word.buf) > width) {
				put(y + rows++, x, line.buf, width, attr);
				strbuf_reset(&line);
				strbuf_addstr(&line, rest);
				plen = display_width(rest);
			} else {
				strbuf_addch(&line, ' ');
			}
		}
		strbuf_addstr(&line, word.buf);
		strbuf_release(&word);
		p = end;
		while (*p == ' ')
			p++;
	}
	if (rows < max_rows && display_width(line.buf) > plen)
		put(y + rows++, x, line.buf, width, attr);
	strbuf_release(&line);
	return rows;
}

/* The frame: a box with `title` in the top edge and `keys` in the bottom edge. */
static void frame(const struct tui *t, const char *title, const char *keys)
{
	int w = COLS, h = LINES;

	erase();
	for (int x = 1; x < w - 1; x++) {
		mvaddstr(0, x, "─");
		mvaddstr(h - 1, x, "─");
	}
	for (int y = 1; y < h - 1; y++) {
		mvaddstr(y, 0, "│");
		mvaddstr(y, w - 1, "│");
	}
	mvaddstr(0, 0, "┌");
	mvaddstr(0, w - 1, "┐");
	mvaddstr(h - 1, 0, "└");
	mvaddstr(h - 1, w - 1, "┘");
	mvaddstr(0, 1, " ");
	put(0, 2, title, w - 6, A_BOLD | pair(t, PAIR_HEADER));
	addstr(" ");
	mvaddstr(h - 1, 1, " ");
	put(h - 1, 2, keys, w - 6, 0);
	addstr(" ");
}

static void header(const struct frontend *fe, const struct player_view *v, struct strbuf *sb)
{
	const struct script_step *st = v->cur;

	strbuf_addstr(sb, fe->kind_name);
	if (!st)
		return;
	if (st->type == STEP_REST || st->type == STEP_READY) {
		strbuf_addf(sb, " · %s · next: exercise %d of %d",
			    st->type == STEP_REST ? "rest" : "get ready", v->item_no, v->nitems);
		return;
	}
	strbuf_addf(sb, " · exercise %d of %d", v->item_no, v->nitems);
	if (st->sets > 1)
		strbuf_addf(sb, " · set %d of %d", st->set_no, st->sets);
	if (st->side)
		strbuf_addf(sb, " · %s", side_label(st->side));
}

static const char *legend(const struct player *p, const struct player_view *v)
{
	int narrow = COLS < 72;
	const char *first;

	if (v->state == PLAYER_PAUSED)
		first = "resume";
	else if (player_primary(p) == PLAYER_PAUSE)
		first = "pause";
	else if (v->cur && v->cur->type == STEP_REPS)
		first = "done";
	else
		first = "go on";
#define KEYS(w)                                                                                    \
	(narrow ? "SPACE " w " · s skip · p hurts · b back · q quit"                           \
		: "SPACE " w " · s skip · p it hurts · b back · q quit and save")
	if (!strcmp(first, "resume"))
		return KEYS("resume");
	if (!strcmp(first, "pause"))
		return KEYS("pause");
	if (!strcmp(first, "done"))
		return KEYS("done");
	return KEYS("go on");
#undef KEYS
}

static void format_clock(int s, char *buf, size_t n)
{
	if (s >= 60)
		snprintf(buf, n, "%d:%02d", s / 60, s % 60);
	else
		snprintf(buf, n, "%d", s);
}

/* The big number and its caption, in the area [x, x+w) from row y. */
static void draw_big(const struct tui *t, int y, int x, int w, const char *text, attr_t attr)
{
	int pw = big_width(text, 2) <= w ? 2 : 1;

	if (LINES < 16 || big_width(text, 1) > w) {
		put(y + 2, x, text, w, A_BOLD | attr);
		return;
	}
	big_draw(y, x + (w - big_width(text, pw)) / 2, text, pw, 1, A_BOLD | attr);
	(void)t;
}

/*
 * A tall terminal: the digits as large as `rows` rows and `w` columns
 * allow, within three quarters of the width (pixels up to 3 rows high and
 * twice as wide, as a cell is about twice as tall as it is wide). Returns
 * the rows used; with `dry` it only measures.
 */
static int draw_huge(int y, int x, int w, int rows, const char *text, attr_t attr, int dry)
{
	int ph = rows / 5, pw, room = w * 3 / 4;

	if (ph > 3)
		ph = 3;
	if (ph < 1)
		ph = 1;
	while (ph > 1 && big_width(text, 2 * ph) > room)
		ph--;
	pw = big_width(text, 2 * ph) <= w ? 2 * ph : 1;
	if (big_width(text, pw) > w) {
		if (!dry)
			put(y, x + (w - display_width(text)) / 2, text, w, A_BOLD | attr);
		return 1;
	}
	if (!dry)
		big_draw(y, x + (w - big_width(text, pw)) / 2, text, pw, ph, A_BOLD | attr);
	return 5 * ph;
}

/* The exercise's steps in the words of the step's side; returns the rows used. */
static int draw_steps(const struct script_step *st, int y, int x, int w, int max_rows)
{
	int used = 0;

	for (size_t i = 0; i < st->nhow && used < max_rows; i++)
		used += wrap(y + used, x, w, max_rows - used, "• ", "  ", st->how[i], 0);
	return used;
}

static void draw_progress(const struct tui *t, const struct player_view *v, int y, int x, int w)
{
	struct strbuf sb = STRBUF_INIT, right = STRBUF_INIT;
	int pct = (int)(v->session_fraction * 100 + 0.5), bar, fill;

	strbuf_addf(&sb, "  session %d%%", pct);
	if (v->next_work && v->cur && v->next_work->item != v->cur->item)
		strbuf_addf(&right, "next: %s", v->next_work->title);
	else if (v->next_work && v->next_work->side && v->cur && v->cur->work)
		strbuf_addf(&right, "next: %s", side_label(v->next_work->side));
	else if (v->next_work && v->cur && v->cur->work)
		strbuf_addf(&right, "next: set %d", v->next_work->set_no);
	else if (!v->next_work)
		strbuf_addstr(&right, "last one");
	bar = w - display_width(sb.buf) - display_width(right.buf) - 3;
	if (bar > 50)
		bar = 50;
	if (bar < 5) {
		bar = w - display_width(sb.buf) - 1;
		strbuf_reset(&right);
	}
	fill = (int)(v->session_fraction * bar + 0.5);
	attron(pair(t, PAIR_BAR));
	for (int i = 0; i < bar; i++)
		mvaddstr(y, x + i, i < fill ? "▓" : "░");
	attroff(pair(t, PAIR_BAR));
	put(y, x + bar, sb.buf, w - bar, 0);
	if (right.len)
		put(y, x + w - display_width(right.buf), right.buf, display_width(right.buf),
		    A_BOLD);
	strbuf_release(&sb);
	strbuf_release(&right);
}

/* Rows from which the screen is tall: the big number gets a band of its own, as large as fits. */
#define TALL_ROWS 30

static int is_tall(void)
{
	return LINES >= TALL_ROWS && COLS >= 60;
}

static void draw_switch(const struct tui *t, const struct player_view *v)
{
	int w = COLS, h = LINES, top = h / 2 - 6 > 1 ? h / 2 - 6 : 1;
	char num[16];
	struct strbuf sb = STRBUF_INIT;

	if (is_tall())
		top = 3;
	strbuf_addf(&sb, "%s next: %s", side_label(SIDE_RIGHT),
		    v->cur->p ? prescription_name(v->cur->p) : "");
	put(top, (w - 14) / 2, " SWITCH SIDES ", 14, A_REVERSE | A_BOLD);
	put(top + 2, (w - display_width(sb.buf)) / 2 > 2 ? (w - display_width(sb.buf)) / 2 : 2,
	    sb.buf, w - 4, A_BOLD);
	format_clock(v->remaining_s, num, sizeof(num));
	if (is_tall())
		draw_huge(top + 4, 3, w - 6, h - 5 - 2 - (top + 4), num, pair(t, PAIR_BIG), 0);
	else
		draw_big(t, top + 4, 2, w - 4, num, pair(t, PAIR_BIG));
	strbuf_release(&sb);
}

/* The big number of a step (the countdown, or the reps) and the words under it. */
static void big_number(const struct frontend *fe, const struct player_view *v, char *num, size_t n,
		       struct strbuf *caption)
{
	const struct script_step *st = v->cur;
	const struct prescription *pr = st->p;

	if (st->duration_s) {
		format_clock(v->remaining_s, num, n);
		if (st->type == STEP_REST)
			strbuf_addf(caption, "rest %d:%02d", st->duration_s / 60,
				    st->duration_s % 60);
		else if (st->type == STEP_READY)
			strbuf_addstr(caption, "get into position");
		else
			strbuf_addstr(caption, st->detail);
		return;
	}
	if (pr->reps_min == pr->reps_max)
		snprintf(num, n, "%d", pr->reps_max);
	else
		snprintf(num, n, "%d-%d", pr->reps_min, pr->reps_max);
	strbuf_addstr(caption, st->detail);
	if (pr->load == PLOAD_DUMBBELL && pr->load_kg > 0) {
		strbuf_addstr(caption, " · ");
		format_weight(caption, pr->load_kg, fe->pounds);
		strbuf_addstr(caption, " dumbbells");
	} else if (pr->load == PLOAD_BAND) {
		strbuf_addstr(caption, " · with the band");
	}
}

static void put_centered(int y, int x, int w, const char *text, attr_t attr)
{
	int tw = display_width(text);

	put(y, x + (tw < w ? (w - tw) / 2 : 0), text, w, attr);
}

static void draw(struct tui *t, const struct player *p, const struct player_view *v)
{
	struct frontend *fe = &t->fe;
	const struct script_step *st = v->cur;
	struct strbuf sb = STRBUF_INIT;
	int w = COLS, h = LINES, rightw, leftw, x = 3, cue_y, bar_y, tall = is_tall(), used;
	char num[32];
	attr_t big;

	header(fe, v, &sb);
	frame(t, sb.buf, legend(p, v));
	strbuf_reset(&sb);
	if (!st || w < 30 || h < 10) {
		if (st)
			put(1, 2, st->title, w - 4, A_BOLD);
		refresh();
		strbuf_release(&sb);
		return;
	}
	cue_y = h - 5;
	bar_y = h - 3;
	if (st->type == STEP_SWITCH) {
		draw_switch(t, v);
		draw_progress(t, v, bar_y, x, w - 6);
		refresh();
		strbuf_release(&sb);
		return;
	}
	rightw = !tall && w >= 70 ? (w - 6) * 45 / 100 : 0;
	if (rightw > 44)
		rightw = 44;
	leftw = w - 6 - rightw - (rightw ? 2 : 0);

	/* Left (or on top): what to do. */
	if (st->type == STEP_REST) {
		put(2, x, "REST", leftw, A_BOLD | A_REVERSE);
		strbuf_addf(&sb, "next: %s", st->set_no > 1 ? "" : prescription_name(st->p));
		if (st->set_no > 1)
			strbuf_addf(&sb, "set %d of %d", st->set_no, st->sets);
		if (st->side)
			strbuf_addf(&sb, " · %s", side_label(st->side));
		put(3, x, sb.buf, leftw, A_BOLD);
	} else if (st->type == STEP_READY) {
		put(2, x, "GET READY", leftw, A_BOLD | A_REVERSE);
		strbuf_addf(&sb, "first: %s", prescription_name(st->p));
		if (st->side)
			strbuf_addf(&sb, " · %s", side_label(st->side));
		put(3, x, sb.buf, leftw, A_BOLD);
	} else {
		for (const char *c = st->title; *c; c++)
			strbuf_addch(&sb, toupper((unsigned char)*c));
		put(2, x, sb.buf, leftw, A_BOLD);
		strbuf_reset(&sb);
		if (st->side)
			strbuf_addf(&sb, "%s", side_label(st->side));
		put(3, x, sb.buf, leftw, pair(t, PAIR_HEADER));
	}
	/* On a tall screen the steps leave the number at least 10 rows. */
	used = draw_steps(st, 5, x, leftw, tall ? cue_y - 6 - 14 : cue_y - 6);

	/* The big number and what it means. */
	strbuf_reset(&sb);
	big_number(fe, v, num, sizeof(num), &sb);
	big = pair(t, st->duration_s && st->work && v->remaining_s <= 3 ? PAIR_LAST : PAIR_BIG);
	if (tall) {
		/* The number and its words, in the middle of the rows left between steps and cue.
		 */
		int top = 5 + used + 1, rows = cue_y - 1 - top - 3, got;

		got = draw_huge(0, x, w - 6, rows, num, big, 1);
		top += (rows - got) / 2;
		draw_huge(top, x, w - 6, rows, num, big, 0);
		put_centered(top + got + 1, x, w - 6, sb.buf, A_BOLD);
		if (st->type == STEP_REPS)
			put_centered(top + got + 2, x, w - 6, "tap SPACE when the set is done", 0);
	} else if (rightw) {
		draw_big(t, 2, w - 3 - rightw, rightw, num, big);
		put_centered(8, w - 3 - rightw, rightw, sb.buf, A_BOLD);
		if (st->type == STEP_REPS)
			put_centered(9, w - 3 - rightw, rightw, "tap SPACE when the set is done",
				     0);
	} else {
		if (st->duration_s)
			put(2, w - 10, num, 8, A_BOLD);
		put(cue_y - 1, x, sb.buf, w - 6, A_BOLD);
	}

	/* The cue line, or the pause banner. */
	if (v->state == PLAYER_PAUSED) {
		put(cue_y, x, " PAUSED · SPACE to go on ", w - 6, A_REVERSE | A_BOLD);
	} else if (v->cue && v->cue->kind != CUE_NEXT) {
		const char *text = v->cue->text;

		/* A set of reps has its dose in big digits: the cue line starts with a form cue. */
		if (st->type == STEP_REPS && v->cue->kind == CUE_START && st->p->ex->ncues)
			text = st->p->ex->cues[0];
		strbuf_reset(&sb);
		strbuf_addf(&sb, "▸ %s", text);
		put(cue_y, x, sb.buf, w - 6, A_BOLD | pair(t, PAIR_CUE));
	}
	draw_progress(t, v, bar_y, x, w - 6);
	refresh();
	strbuf_release(&sb);
}

static int tui_wait(struct frontend *fe, const struct player *p, const struct player_view *v,
		    int64_t wait_ms, enum player_event *ev)
{
	struct tui *t = (struct tui *)fe;
	int ch;

	draw(t, p, v);
	/* Redraw often enough for the countdown whatever the next change is. */
	timeout((int)(wait_ms < 100 ? wait_ms : 100));
	ch = getch();
	switch (ch) {
	case ' ':
	case '\n':
	case '\r':
	case KEY_ENTER: *ev = player_primary(p); return 1;
	case 's': *ev = PLAYER_SKIP; return 1;
	case 'p': *ev = PLAYER_HURT; return 1;
	case 'b':
	case KEY_BACKSPACE: *ev = PLAYER_BACK; return 1;
	case 'q': *ev = PLAYER_QUIT; return 1;
	default: return 0; /* a timeout, a resize (drawn next time) or a key with no meaning */
	}
}

static void tui_step(struct frontend *fe, const struct player *p)
{
	(void)fe;
	(void)p;
}

/* Cues are seen and said; the bell is kept for the end of a countdown (tui_time_up). */
static void tui_cue(struct frontend *fe, const struct player *p, const struct script_cue *cue)
{
	(void)p;
	if (cue->speak)
		speech_say(fe->speech, cue->text);
}

static void tui_time_up(struct frontend *fe, const struct script_step *st)
{
	if (st->bell_end && !fe->quiet)
		beep();
}

/* A question in its own screen: type the answer, ENTER or SPACE to accept. */
static int tui_ask(struct frontend *fe, const char *question, const char *hint, const char *dflt,
		   struct strbuf *answer)
{
	struct tui *t = (struct tui *)fe;
	struct strbuf sb = STRBUF_INIT;

	strbuf_reset(answer);
	speech_say(fe->speech, question);
	for (;;) {
		int ch, w = COLS, y;

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s · check-in", fe->kind_name);
		frame(t, sb.buf, "ENTER or SPACE ok · BACKSPACE erase · q quit and save");
		y = LINES / 2 - 5 > 1 ? LINES / 2 - 5 : 1;
		if (t->note) {
			const char *nl = strchr(t->note, '\n');

			strbuf_reset(&sb);
			strbuf_add(&sb, t->note, nl ? (size_t)(nl - t->note) : strlen(t->note));
			put(y++, 4, sb.buf, w - 8, pair(t, PAIR_HEADER) | A_BOLD);
			if (nl)
				y += wrap(y, 4, w - 8, 2, "", "", nl + 1, pair(t, PAIR_WARN));
			y++;
		}
		y += wrap(y, 4, w - 8, 3, "", "", question, A_BOLD);
		if (hint)
			put(y++, 4, hint, w - 8, 0);
		y++;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "› %s", answer->buf);
		put(y, 4, sb.buf, w - 8, A_BOLD | A_REVERSE);
		addstr("_");
		if (dflt && !answer->len) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "   (empty: %s)", dflt);
			addstr(sb.buf);
		}
		refresh();
		timeout(-1);
		ch = getch();
		if (ch == '\n' || ch == KEY_ENTER || ch == '\r' || ch == ' ') {
			if (!answer->len && dflt)
				strbuf_addstr(answer, dflt);
			break;
		}
		if (ch == 'q' && !answer->len) {
			strbuf_release(&sb);
			return 1;
		}
		if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
			if (answer->len)
				strbuf_setlen(answer, answer->len - 1);
			continue;
		}
		if (ch > 0 && ch < 127 && isprint(ch) && answer->len < 20)
			strbuf_addch(answer, ch);
	}
	strbuf_release(&sb);
	return 0;
}

static void tui_note(struct frontend *fe, const char *text)
{
	struct tui *t = (struct tui *)fe;

	free(t->note);
	t->note = text ? xstrdup(text) : NULL;
}

/* A screen to read, SPACE to go on; the title in `title_pair`. */
static void show_text(struct tui *t, const char *title, const char *text, int title_pair)
{
	struct frontend *fe = &t->fe;
	struct strbuf sb = STRBUF_INIT;

	if (title)
		speech_say(fe->speech, title);
	for (;;) {
		int rows = title ? 2 : 0, y, ch;
		const char *p = text;

		/* Centred on the screen, as far as the rows it needs allow. */
		for (const char *q = text; *q;) {
			const char *nl = strchr(q, '\n');
			size_t len = nl ? (size_t)(nl - q) : strlen(q);

			rows += 1 + (int)len / (COLS > 9 ? COLS - 8 : 1);
			q += len + (nl ? 1 : 0);
		}
		y = (LINES - rows) / 2 - 1;
		if (y > LINES / 2 - 5)
			y = LINES / 2 - 5;
		if (y < 1)
			y = 1;

		strbuf_reset(&sb);
		strbuf_addstr(&sb, fe->kind_name);
		frame(t, sb.buf, "SPACE go on");
		if (title) {
			y += wrap(y, 4, COLS - 8, 2, "", "", title, A_BOLD | pair(t, title_pair));
			y++;
		}
		while (*p && y < LINES - 2) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);

			strbuf_reset(&sb);
			strbuf_add(&sb, p, len);
			/* A line that fits keeps its spacing (the summary's columns). */
			if (display_width(sb.buf) <= COLS - 8)
				put(y++, 4, sb.buf, COLS - 8, 0);
			else
				y += wrap(y, 4, COLS - 8, LINES - 2 - y, "", "", sb.buf, 0);
			p += len + (nl ? 1 : 0);
		}
		refresh();
		timeout(-1);
		ch = getch();
		if (ch != KEY_RESIZE && ch != ERR)
			break;
	}
	strbuf_release(&sb);
}

static void tui_message(struct frontend *fe, const char *title, const char *text)
{
	show_text((struct tui *)fe, title, text, PAIR_WARN);
}

static void tui_summary(struct frontend *fe, const char *title, const char *text)
{
	struct tui *t = (struct tui *)fe;

	show_text(t, title, text, PAIR_HEADER);
	strbuf_reset(&t->summary);
	strbuf_addf(&t->summary, "%s\n%s", title, text);
}

/* A line of the summary printed after the screen: wrapped if it does not fit. */
static void print_line(const char *s, void *data)
{
	(void)data;
	printf("%s\n", s);
}

static void tui_close(struct frontend *fe)
{
	struct tui *t = (struct tui *)fe;

	endwin();
	delscreen(t->screen);
	for (const char *p = t->summary.buf; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);

		if (!*line)
			putchar('\n');
		else if (display_width(line) <= term_width())
			puts(line);
		else
			text_wrap(line, term_width(), print_line, NULL);
		free(line);
		p += len + (nl ? 1 : 0);
	}
	strbuf_release(&t->summary);
	speech_close(fe->speech);
	free(t->note);
	free(t);
}

struct frontend *tui_open(const char *kind_name, int pounds, struct speech *speech)
{
	struct tui *t;
	const char *no_color = getenv("NO_COLOR");

	/* Without ncursesw the session runs in line mode, as on a terminal curses cannot drive. */
	if (curses_open())
		return NULL;
	t = xcalloc(1, sizeof(*t));
	strbuf_init(&t->summary, 0);
	t->screen = newterm(NULL, stdout, stdin);
	if (!t->screen) {
		free(t);
		error_set("this terminal (TERM=%s) cannot be drawn on full-screen",
			  getenv("TERM") ? getenv("TERM") : "");
		return NULL;
	}
	set_term(t->screen);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	if (has_colors() && !(no_color && *no_color)) {
		t->color = 1;
		start_color();
		use_default_colors();
		init_pair(PAIR_HEADER, COLOR_CYAN, -1);
		init_pair(PAIR_BIG, COLOR_GREEN, -1);
		init_pair(PAIR_LAST, COLOR_YELLOW, -1);
		init_pair(PAIR_CUE, COLOR_YELLOW, -1);
		init_pair(PAIR_BAR, COLOR_GREEN, -1);
		init_pair(PAIR_WARN, COLOR_RED, -1);
	}
	t->fe.wait = tui_wait;
	t->fe.step = tui_step;
	t->fe.cue = tui_cue;
	t->fe.time_up = tui_time_up;
	t->fe.ask = tui_ask;
	t->fe.note = tui_note;
	t->fe.message = tui_message;
	t->fe.summary = tui_summary;
	t->fe.close = tui_close;
	t->fe.speech = speech;
	t->fe.kind_name = kind_name;
	t->fe.pounds = pounds;
	return &t->fe;
}
