/* Human-readable formats shared by every face and the coach's messages: doses, weights, distances,
 * dates, weekdays. */
#ifndef HIPCOACH_FORMAT_H
#define HIPCOACH_FORMAT_H

#include "lib/datetime.h"
#include "lib/strbuf.h"
#include "plan.h"

#define METRES_PER_MILE 1609.344

/* "2 sets × 12–15 each side", "hold 60 s each side", "1 min with the breath". */
void format_dose(struct strbuf *sb, const struct prescription *p, int pounds);
/* "8 kg" or "17.5 lb". */
void format_weight(struct strbuf *sb, double kg, int pounds);
/* "12.3 km" or "7.6 mi" (metres in; a negative distance reads 0). */
void format_distance(struct strbuf *sb, double metres, int miles);
/*
 * The running line of the screens (load_line()): "26.0 km in the last 7 days
 * (+44% on your usual week)" or "19.0 km a week over the last 2 weeks (-50% on
 * before the program)".
 */
struct load_line;
void format_running_line(struct strbuf *sb, const struct load_line *l, int miles);
/* "Tuesday 8 December" */
void format_day_long(struct strbuf *sb, day_t day);
/* "mon,wed,sat" */
void format_weekdays(struct strbuf *sb, unsigned mask);
/* "Monday, Wednesday and Saturday" */
void format_weekdays_long(struct strbuf *sb, unsigned mask);

#endif
