/* The safety gate before guided sessions, and advice as the terminal shows it: the urgent box of
 * the today screen and the bulleted list of load, log run and import. */
#include "safety-gate.h"

#include <stdlib.h>
#include <string.h>

#include "coach/status.h"
#include "core/safety.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "coach/screening.h"

struct box_line {
	int width;
	const char *indent;
};

static void print_box_line(const char *s, void *data)
{
	const struct box_line *b = data;
	int pad = b->width - 4 - display_width(s);

	printf(" │ %s%*s │\n", s, pad > 0 ? pad : 0, "");
}

static void box_rule(const char *left, const char *label, const char *right, int width)
{
	int used = 2;

	printf(" %s", left);
	if (label && *label) {
		printf(" %s ", label);
		used += display_width(label) + 2;
	}
	for (int i = used; i < width; i++)
		fputs("─", stdout);
	printf("%s\n", right);
}

void advice_print_box(const struct app *app, const struct advice *a, const char *footer)
{
	int width = term_width() - 1;
	struct box_line b = {width, ""};
	struct strbuf title = STRBUF_INIT;
	const char *colour = advice_is_referral(a->code) ? sty_red(app)
			     : advice_is_calm(a->code)	 ? sty_green(app)
							 : sty_yellow(app);

	if (width > 88)
		width = b.width = 88;
	strbuf_addf(&title, "%s%s%s", colour, advice_title(a->code), sty_reset(app));
	box_rule("┌", title.buf, "┐", width);
	text_wrap(a->message, width - 4, print_box_line, &b);
	if (footer && *footer) {
		print_box_line("", &b);
		text_wrap(footer, width - 4, print_box_line, &b);
	}
	box_rule("└", NULL, "┘", width);
	strbuf_release(&title);
}

/* Runs the questions, as `hipcoach check` alone would. */
static void run_check(struct app *app)
{
	const struct command *check = command_find("check"), *self = app->cmd;
	struct args none = {0};

	if (!check)
		return;
	app->cmd = check;
	check->run(app, &none);
	app->cmd = self;
}

/*
 * SAFETY.md section 1: an urgent-care or bone-stress answer blocks guided
 * sessions until a clinician has cleared the runner; after a pain jump or
 * groin pain, the questions come first.
 */
int safety_gate(struct app *app)
{
	struct screening_state st;
	struct advice_list l = ADVICE_LIST_INIT;
	size_t shown = 0;

	if (app_store(app, 0))
		return -1;
	if (coach_screening_state(&app->coach, &st))
		return error("%s", error_last());
	if (!st.blocked && st.required) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb,
			      "Before this session, please answer the safety questions again: ");
		safety_rescreen_reason(&st.rescreen, &sb);
		strbuf_addstr(&sb, ". A change like this can be a sign that something other than "
				   "overuse is going on.");
		print_wrapped("", sb.buf, term_width() - 1 > 88 ? 88 : term_width() - 1);
		putchar('\n');
		strbuf_release(&sb);
		run_check(app);
		if (coach_screening_state(&app->coach, &st))
			return error("%s", error_last());
		if (st.blocked)
			return 1; /* the outcome of the round has said why, and the way out */
		if (st.required) {
			printf("\nThe session waits until the safety questions are answered:\n"
			       "  hipcoach check\n");
			return 1;
		}
		return 0;
	}
	if (!st.blocked)
		return 0;
	safety_screening_advice(&st.decision, &l);
	advice_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		if (!advice_blocks_sessions(l.items[i].code))
			continue;
		if (shown++)
			putchar('\n');
		advice_print_box(app, &l.items[i], NULL);
	}
	printf("\nGuided sessions are paused for your safety: exercise is not the right first "
	       "step\nuntil a clinician has seen you. Once they have, and they agree you can "
	       "exercise:\n  hipcoach check --cleared-by-clinician\n");
	advice_list_release(&l);
	return 1;
}

void advice_print_urgent_status(const struct app *app, const struct status *s)
{
	struct strbuf more = STRBUF_INIT;

	if (s->advice.n && s->advice.items[0].code != ADVICE_ON_TRACK) {
		if (s->advice.n > 1)
			strbuf_addf(&more, "%zu more in 'hipcoach status'", s->advice.n - 1);
		if (advice_blocks_sessions(s->advice.items[0].code))
			strbuf_addf(&more,
				    "%sOnce a clinician has seen you: hipcoach check "
				    "--cleared-by-clinician",
				    more.len ? ". " : "");
		advice_print_box(app, &s->advice.items[0], more.buf);
		putchar('\n');
	}
	strbuf_release(&more);
}

void advice_print_urgent(struct app *app)
{
	struct status s;

	if (!app_status(app, &s))
		advice_print_urgent_status(app, &s);
	status_release(&s);
}

struct bullet {
	int first;
};

/* "  • " before the first line of an item, four spaces before the others. */
static void print_bullet_line(const char *s, void *data)
{
	struct bullet *b = data;

	printf("%s%s\n", b->first ? "  • " : "    ", s);
	b->first = 0;
}

void advice_print_list(const struct app *app, const struct advice_list *l)
{
	int width = term_width() < 80 ? term_width() : 80;

	for (size_t i = 0; i < l->n; i++) {
		struct bullet b = {1};

		text_wrap(l->items[i].message, width - 1 - 4, print_bullet_line, &b);
		printf("    %s(%s)%s\n", sty_dim(app), l->items[i].source, sty_reset(app));
	}
}
