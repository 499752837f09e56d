/* Running load for the rest of hipcoach: the report from the store, the scale-back advice, and the
 * weekly chart. */
#include "load-advice.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/runs.h"

#define SRC_FRANDSEN "Frandsen et al., BJSM 2025, Garmin-RUNSAFE"
#define SRC_NIELSEN  "Nielsen et al., JOSPT 2014"

/* Prints `text` wrapped at `width` columns after `first`; later lines start with `indent`. */
static void print_wrapped(const char *first, const char *indent, const char *text, int width)
{
	int col = display_width(first), fresh = 1;

	fputs(first, stdout);
	for (;;) {
		size_t len;

		while (*text == ' ')
			text++;
		if (!*text)
			break;
		len = strcspn(text, " ");
		if (!fresh && col + 1 + (int)len > width) {
			printf("\n%s", indent);
			col = display_width(indent);
			fresh = 1;
		}
		if (!fresh) {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)len, text);
		col += (int)len;
		fresh = 0;
		text += len;
	}
	putchar('\n');
}

void load_print_advice(const struct app *app, const struct advice_list *l)
{
	int width = term_width() < 80 ? term_width() : 80;

	for (size_t i = 0; i < l->n; i++) {
		print_wrapped("  • ", "    ", l->items[i].message, width - 1);
		printf("    %s(%s)%s\n", sty_dim(app), l->items[i].source, sty_reset(app));
	}
}

int load_advice_report(struct app *app, struct load_report *out)
{
	struct run_rec *recs = NULL;
	struct activity *acts;
	size_t n = 0;
	day_t today = clock_today();

	if (app_store(app, 0))
		return -1;
	if (store_runs_between(&app->coach.store, 0, day_start_time(today + 1), RUNS_ONLY_RUNS,
			       &recs, &n))
		return error("%s", error_last());
	acts = xcalloc(n ? n : 1, sizeof(*acts));
	for (size_t i = 0; i < n; i++)
		acts[i] = recs[i].act;
	free(recs);
	load_compute(acts, n, today, out);
	free(acts);
	return 0;
}

enum tristate load_advice_scaled_back(struct app *app)
{
	struct load_report r;

	if (load_advice_report(app, &r))
		return TRI_UNKNOWN;
	return r.scaled_back;
}

void load_advice_add(const struct load_report *r, int miles, struct advice_list *out)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, c = STRBUF_INIT, day = STRBUF_INIT;

	if (r->long_run_warn) {
		/* Frandsen et al., BJSM 2025: a run > 10% longer than the 30-day longest raises
		 * risk. */
		format_distance(&a, r->latest_m, miles);
		format_distance(&b, r->prior_longest_m, miles);
		format_distance(&c, r->prior_longest_m * (1 + LOAD_LONG_RUN_MARGIN), miles);
		format_day_long(&day, r->latest_day);
		advice_add(
		    out, ADVICE_SCALE_BACK_RUNNING, SRC_FRANDSEN,
		    "Your run on %s was %s, %.0f%% longer than your longest in the 30 days "
		    "before (%s). In a study of 5,205 runners, a run more than 10%% longer "
		    "than the recent longest came with about %.1f times the injury rate. Keep "
		    "your next runs under %s and build up in smaller steps.",
		    day.buf, a.buf, r->latest_excess * 100, b.buf, r->hazard_ratio, c.buf);
	}
	if (r->weekly_warn) {
		/* Nielsen et al., JOSPT 2014: weekly increases above 30% raised hip injuries. */
		strbuf_reset(&a);
		strbuf_reset(&b);
		strbuf_reset(&c);
		format_distance(&a, r->last7_m, miles);
		format_distance(&b, r->prev7_m, miles);
		format_distance(&c, r->prev7_m * (1 + LOAD_WEEKLY_JUMP), miles);
		advice_add(out, ADVICE_SCALE_BACK_RUNNING, SRC_NIELSEN,
			   "You ran %s in the last 7 days, %.0f%% more than in the 7 days before "
			   "(%s). Weekly increases above 30%% came with more running injuries, "
			   "among them gluteus medius injuries and trochanteric bursitis at the "
			   "hip. Keep the coming week under %s.",
			   a.buf, r->weekly_change * 100, b.buf, c.buf);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&c);
	strbuf_release(&day);
}
