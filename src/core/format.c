/* Human-readable formats shared by every face and the coach's messages: doses, weights, distances,
 * dates, weekdays. */
#include "format.h"

#include "load.h"

#include <math.h>

void format_weight(struct strbuf *sb, double kg, int pounds)
{
	if (pounds) {
		double lb = kg * 2.2046226;

		strbuf_addf(sb, "%g lb", round(lb * 2) / 2);
	} else {
		strbuf_addf(sb, "%g kg", kg);
	}
}

void format_dose(struct strbuf *sb, const struct prescription *p, int pounds)
{
	const char *side = p->per_side ? " each side" : "";

	if (p->reps_max) {
		strbuf_addf(sb, "%d set%s × %d–%d%s", p->sets, p->sets == 1 ? "" : "s", p->reps_min,
			    p->reps_max, side);
		if (p->load == PLOAD_DUMBBELL && p->load_kg > 0) {
			strbuf_addstr(sb, ", ");
			format_weight(sb, p->load_kg, pounds);
			strbuf_addstr(sb, " dumbbells");
		} else if (p->load == PLOAD_BAND) {
			strbuf_addstr(sb, ", with the band");
		}
	} else if (p->ex->mode == MODE_BREATH) {
		if (p->sets > 1)
			strbuf_addf(sb, "%d × ", p->sets);
		strbuf_addf(sb, "about %d s, moving with your breath", p->hold_s);
	} else {
		/* A physical therapist may set more than one hold (core/program-change.h). */
		if (p->sets > 1)
			strbuf_addf(sb, "%d × ", p->sets);
		strbuf_addf(sb, "hold %d s%s", p->hold_s, side);
	}
}

void format_day_long(struct strbuf *sb, day_t day)
{
	int y, m, d;

	day_to_civil(day, &y, &m, &d);
	strbuf_addf(sb, "%s %d %s", weekday_long[day_weekday(day)], d, month_long[m - 1]);
	{
		int ty, tm, td;

		day_to_civil(clock_today(), &ty, &tm, &td);
		if (y != ty)
			strbuf_addf(sb, " %d", y);
	}
}

void format_weekdays(struct strbuf *sb, unsigned mask)
{
	int first = 1;

	for (int i = 0; i < 7; i++) {
		if (!(mask & (1u << i)))
			continue;
		strbuf_addf(sb, "%s%s", first ? "" : ",", weekday_short[i]);
		first = 0;
	}
}

void format_weekdays_long(struct strbuf *sb, unsigned mask)
{
	int n = __builtin_popcount(mask & 0x7f), k = 0;

	for (int i = 0; i < 7; i++) {
		if (!(mask & (1u << i)))
			continue;
		strbuf_addf(sb, "%s%s", k == 0 ? "" : k == n - 1 ? " and " : ", ", weekday_long[i]);
		k++;
	}
}

void format_distance(struct strbuf *sb, double metres, int miles)
{
	if (metres < 0)
		metres = 0;
	if (miles)
		strbuf_addf(sb, "%.1f mi", metres / METRES_PER_MILE);
	else
		strbuf_addf(sb, "%.1f km", metres / 1000);
}

void format_running_line(struct strbuf *sb, const struct load_line *l, int miles)
{
	format_distance(sb, l->recent_m, miles);
	strbuf_addstr(sb, l->two_weeks ? " a week over the last 2 weeks" : " in the last 7 days");
	if (l->usual_m > 0)
		strbuf_addf(sb, " (%+.0f%% on %s)", (l->recent_m / l->usual_m - 1) * 100,
			    l->before_program ? "before the program" : "your usual week");
}
