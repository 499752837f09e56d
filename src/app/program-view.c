/* The terminal's words for a physical therapist's program changes: the note, and the changes with
 * their record. */
#include "program-view.h"

#include <stdio.h>
#include <string.h>

void program_view_day(struct strbuf *sb, const char *at)
{
	time_t t;
	int y, m, d;

	if (time_parse_iso(at, strlen(at), &t))
		return;
	day_to_civil(day_of_time(t), &y, &m, &d);
	strbuf_addf(sb, "%d %s", d, month_long[m - 1]);
}

void program_view_note(const struct app *app, const struct program_current *cur,
		       const char *heading, const char *indent, int width)
{
	struct strbuf sb = STRBUF_INIT;

	if (!cur || !cur->note)
		return;
	strbuf_addf(&sb, " · %s", cur->note_who);
	if (cur->note_at[0]) {
		strbuf_addstr(&sb, ", ");
		program_view_day(&sb, cur->note_at);
	}
	printf("%s%s%s%s%s%s\n", sty_bold(app), heading, sty_reset(app), sty_dim(app), sb.buf,
	       sty_reset(app));
	print_wrapped(indent, cur->note, width);
	strbuf_release(&sb);
}

static const char *name_of(const struct app *app, const char *id)
{
	const struct exercise *ex = program_find(&app->coach.program, id);

	return ex ? ex->name : id;
}

void program_view_changes(const struct app *app, const struct program_changes *pc, int width)
{
	const struct program_current *cur = &pc->current;
	struct strbuf sb = STRBUF_INIT;

	printf("%sYour physical therapist's changes%s · %s\n", sty_bold(app), sty_reset(app),
	       level_names[pc->level]);
	if (program_current_empty(cur))
		printf("  %sNone: the program as it comes, for your level and equipment.%s\n",
		       sty_dim(app), sty_reset(app));
	for (size_t i = 0; i < cur->nleft_out; i++) {
		const struct program_omit *o = &cur->left_out[i];

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s left out: %s (%s, ", name_of(app, o->exercise), o->reason,
			    o->who);
		program_view_day(&sb, o->at);
		strbuf_addch(&sb, ')');
		print_hanging("  • ", sb.buf, width);
	}
	for (size_t i = 0; i < cur->ndoses; i++) {
		const struct program_dose *d = &cur->doses[i];

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s: ", name_of(app, d->exercise));
		program_dose_describe(&sb, d);
		strbuf_addf(&sb, " (%s, ", d->who);
		program_view_day(&sb, d->at);
		strbuf_addf(&sb, ": %s)", d->why);
		print_hanging("  • ", sb.buf, width);
	}
	if (cur->note) {
		putchar('\n');
		program_view_note(app, cur, "Note", "  ", width);
	}
	if (pc->nhistory)
		printf("\n%sChanges%s (newest first)\n", sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < pc->nhistory; i++) {
		const struct program_history *h = &pc->history[i];

		strbuf_reset(&sb);
		program_view_day(&sb, h->at);
		strbuf_addf(&sb, ", %s: %s. Why: %s", h->who, h->what, h->why);
		print_hanging("  • ", sb.buf, width);
	}
	strbuf_release(&sb);
}
