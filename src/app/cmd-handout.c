/* `hipcoach handout`: the printable home-exercise sheet, with this runner's doses, as a PDF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app.h"
#include "core/safety.h"
#include "formats/figure.h"
#include "formats/handout.h"
#include "lib/error.h"
#include "lib/xalloc.h"

/* Rows of the tick grid: six weeks is the program's first check of real progress (SAFETY.md section
 * 4). */
#define HANDOUT_WEEKS 6

/*
 * The pages a handout may take (the issue "Day to day", Paper): two for the
 * beginner program, three for the others, whose doses and versions say more.
 */
#define HANDOUT_PAGES_BEGINNER 2
#define HANDOUT_PAGES	       3

/*
 * The pain-monitoring model for the strength moves (SAFETY.md section 2:
 * Silbernagel et al., Am J Sports Med 2007), in the words the session
 * player uses.
 */
static const char *const pain_tips[] = {
    "During these moves, pain up to 5 out of 10 is acceptable. Above 5, stop the move that "
    "hurts for today and use its easier version next time.",
    "Pain after exercise should settle by the next morning.",
    "Your pain should not rise from week to week.",
};

static const struct opt opts[] = {
    {"output", 'o', "FILE", "where to write the PDF (default: hipcoach-handout.pdf)"},
    {"level", 0, "LEVEL", "show the doses of another level: beginner, moderate or heavy"},
    {"paper", 0, "SIZE", "a4 or letter (default: letter if you use miles, else a4)"},
    {"shared", 0, NULL, "let others on this computer read the PDF (default: only you)"},
    {0},
};

/* Everything the handout borrows, kept alive until the PDF is written. */
struct sheet {
	struct plan_session sessions[2];
	struct plan notes[2];
	struct handout_item *items[2];
	char **other_notes[2]; /* notes about no card: left out, substitutes */
	size_t nother[2];
	struct handout_section sections[2];
	char **owned; /* strings to free */
	size_t nowned, owned_alloc;
	const char **urgent;
	size_t nurgent;
};

static const char *keep(struct sheet *sh, char *s)
{
	ALLOC_GROW(sh->owned, sh->nowned + 1, sh->owned_alloc);
	sh->owned[sh->nowned++] = s;
	return s;
}

/* "Tuesday and Friday", "Monday, Wednesday and Friday". */
static void weekday_list(struct strbuf *sb, unsigned mask)
{
	int n = 0, total = 0;

	for (int d = 0; d < 7; d++)
		total += (mask >> d) & 1;
	for (int d = 0; d < 7; d++) {
		if (!((mask >> d) & 1))
			continue;
		if (n)
			strbuf_addstr(sb, n == total - 1 ? " and " : ", ");
		strbuf_addstr(sb, weekday_long[d]);
		n++;
	}
}

static void times_a_week(struct strbuf *sb, int n)
{
	static const char *const words[] = {"",		  "Once",	"Twice",    "Three times",
					    "Four times", "Five times", "Six times"};

	if (n >= 7)
		strbuf_addstr(sb, "Every day");
	else if (n > 0)
		strbuf_addf(sb, "%s a week", words[n]);
}

static void build_items(struct sheet *sh, const struct app *app, const struct figure_set *figures,
			int k)
{
	const struct plan_session *s = &sh->sessions[k];
	struct handout_item *items = xcalloc(s->nitems ? s->nitems : 1, sizeof(*items));

	for (size_t i = 0; i < s->nitems; i++) {
		const struct prescription *p = &s->items[i];
		struct handout_item *it = &items[i];
		struct strbuf sb = STRBUF_INIT;

		it->name = prescription_name(p);
		/* The program's shorter words for paper where it has them. */
		if (p->variant && p->variant->npaper_steps) {
			it->steps = p->variant->paper_steps;
			it->nsteps = p->variant->npaper_steps;
		} else if (!p->variant && p->ex->npaper_steps) {
			it->steps = p->ex->paper_steps;
			it->nsteps = p->ex->npaper_steps;
		} else {
			it->steps = prescription_steps(p, &it->nsteps);
		}
		/* A variant gets its own drawing when the figure file has one, else the exercise's,
		 * said so. */
		if (p->variant && figures && figure_set_has(figures, p->variant->id)) {
			it->figure_id = p->variant->id;
		} else {
			it->figure_id = p->ex->id;
			if (p->variant) {
				strbuf_addf(&sb, "drawing: %s, the standard version", p->ex->name);
				it->figure_note = keep(sh, strbuf_detach(&sb, NULL));
			}
		}
		format_dose(&sb, p, app->coach.profile.pounds);
		it->dose = keep(sh, strbuf_detach(&sb, NULL));
		if (p->reps_max && p->rest_s) {
			strbuf_addf(&sb, "rest %d s", p->rest_s);
			it->dose_extra = keep(sh, strbuf_detach(&sb, NULL));
		}
		it->caution = !p->caution	  ? NULL
			      : p->caution->paper ? p->caution->paper
						  : p->caution->text;
		/* A dose without weights (every beginner dose) shows no dumbbells in the drawing.
		 */
		it->dumbbells = p->load == PLOAD_DUMBBELL && p->load_kg > 0;
		/* A hold is one position: its drawing needs no start pose beside it. */
		it->held = p->ex->mode == MODE_HOLD;
		strbuf_release(&sb);
	}
	sh->items[k] = items;
}

/* Where `name` appears in `note` as whole words (the plan's notes name the exercise they change).
 */
static int names(const char *note, const char *name)
{
	size_t n = strlen(name);

	for (const char *at = strstr(note, name); at; at = strstr(at + 1, name))
		if ((at == note || at[-1] == ' ') &&
		    (at[n] == '\0' || at[n] == ' ' || at[n] == ':' || at[n] == ','))
			return 1;
	return 0;
}

/*
 * Puts each of the plan's notes on the card it is about, in the plan's own
 * words; a caution already on its card is not said twice. Notes about no
 * card (an exercise left out, a substitute for missing kit) stay with the
 * section.
 */
/* The note with a caution's words replaced by its shorter paper form, if the program has one. */
static char *paper_note(struct sheet *sh, const struct program *prog, char *note)
{
	for (size_t e = 0; e < prog->nexercises; e++)
		for (size_t c = 0; c < prog->exercises[e].ncautions; c++) {
			const struct caution *ca = &prog->exercises[e].cautions[c];
			const char *at = ca->paper ? strstr(note, ca->text) : NULL;
			struct strbuf sb = STRBUF_INIT;

			if (!at)
				continue;
			strbuf_add(&sb, note, (size_t)(at - note));
			strbuf_addstr(&sb, ca->paper);
			strbuf_addstr(&sb, at + strlen(ca->text));
			return (char *)keep(sh, strbuf_detach(&sb, NULL));
		}
	return note;
}

static void place_notes(struct sheet *sh, const struct program *prog, int k)
{
	const struct plan_session *s = &sh->sessions[k];
	const struct plan *pl = &sh->notes[k];
	struct handout_item *items = sh->items[k];

	sh->other_notes[k] = xcalloc(pl->nnotes ? pl->nnotes : 1, sizeof(char *));
	for (size_t j = 0; j < pl->nnotes; j++) {
		const char *note = pl->notes[j];
		size_t best = s->nitems, best_len = 0;

		for (size_t i = 0; i < s->nitems; i++) {
			const char *name = s->items[i].ex->name;

			if (strlen(name) > best_len && names(note, name)) {
				best = i;
				best_len = strlen(name);
			}
		}
		if (best == s->nitems) {
			sh->other_notes[k][sh->nother[k]++] = paper_note(sh, prog, pl->notes[j]);
			continue;
		}
		if (s->items[best].caution && strstr(note, s->items[best].caution->text))
			continue;
		note = paper_note(sh, prog, pl->notes[j]);
		{
			struct strbuf sb = STRBUF_INIT;

			if (items[best].change)
				strbuf_addf(&sb, "%s ", items[best].change);
			strbuf_addstr(&sb, note);
			if (sb.buf[0] >= 'a' && sb.buf[0] <= 'z')
				sb.buf[0] = (char)(sb.buf[0] - 'a' + 'A');
			if (sb.len && sb.buf[sb.len - 1] != '.')
				strbuf_addch(&sb, '.');
			items[best].change = keep(sh, strbuf_detach(&sb, NULL));
		}
	}
}

static void sheet_release(struct sheet *sh)
{
	for (int k = 0; k < 2; k++) {
		plan_session_release(&sh->sessions[k]);
		plan_release(&sh->notes[k]);
		free(sh->items[k]);
		free(sh->other_notes[k]);
	}
	for (size_t i = 0; i < sh->nowned; i++)
		free(sh->owned[i]);
	free(sh->owned);
	free(sh->urgent);
}

/* The red flags of SAFETY.md section 1 that mean care today, in the screening's own words. */
static void urgent_lines(struct sheet *sh)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);

	sh->urgent = xcalloc(n ? n : 1, sizeof(*sh->urgent));
	for (size_t i = 0; i < n; i++) {
		char *s;

		if (q[i].severity != SEVERITY_URGENT_CARE)
			continue;
		s = xmalloc(strlen(q[i].said) + 2);
		memcpy(s, q[i].said, strlen(q[i].said));
		s[strlen(q[i].said)] = '.';
		s[strlen(q[i].said) + 1] = '\0';
		if (s[0] >= 'a' && s[0] <= 'z')
			s[0] = (char)(s[0] - 'a' + 'A');
		sh->urgent[sh->nurgent++] = keep(sh, s);
	}
}

/*
 * handout_write() writes a file by its path: the PDF is written in a
 * private temporary folder and read back, so that the CLI and a download
 * get the same bytes from one piece of code.
 */
static int render_pdf(const struct handout *h, struct strbuf *out, int *npages)
{
	struct strbuf tmp = STRBUF_INIT, path = STRBUF_INIT;
	int ret = -1;

	if (temp_dir_make(&tmp)) {
		error("%s", error_last());
		goto out;
	}
	strbuf_addf(&path, "%s/handout.pdf", tmp.buf);
	if (handout_write(h, path.buf, npages))
		error("%s", error_last());
	else if (strbuf_read_file(out, path.buf, 0))
		error("cannot read '%s': %s", path.buf, strerror(errno));
	else
		ret = 0;
	unlink(path.buf);
	rmdir(tmp.buf);
out:
	strbuf_release(&tmp);
	strbuf_release(&path);
	return ret;
}

extern const struct command cmd_handout;

int handout_render(struct app *app, const struct args *args, struct export_doc *out, int *bad_args)
{
	const struct command *cmd = &cmd_handout;
	const char *level_arg = arg_get(cmd, args, "level");
	const char *paper_arg = arg_get(cmd, args, "paper");
	const struct plan_input *base;
	struct plan_input in;
	struct profile profile;
	struct figure_set *figures = NULL;
	struct sheet sh;
	struct handout h;
	struct plan week;
	struct strbuf schedule = STRBUF_INIT, when = STRBUF_INIT, when2 = STRBUF_INIT;
	const struct program *prog;
	day_t today = clock_today();
	int level = -1, paper = -1, npages = 0, ret = -1;

	*bad_args = 1;
	if (level_arg && (level = level_parse(level_arg)) < 0)
		return error_set("unknown level '%s' (use beginner, moderate or heavy)", level_arg);
	if (paper_arg) {
		if (!strcasecmp(paper_arg, "a4"))
			paper = HANDOUT_A4;
		else if (!strcasecmp(paper_arg, "letter"))
			paper = HANDOUT_LETTER;
		else
			return error_set("unknown paper size '%s' (use a4 or letter)", paper_arg);
	}
	*bad_args = 0;
	base = app_input(app);
	if (!base)
		return -1;
	prog = &app->coach.program;
	/* --level previews another level on a copy: the profile itself is not changed. */
	profile = app->coach.profile;
	if (level >= 0)
		profile.level = level;
	in = *base;
	in.profile = &profile;
	if (paper < 0)
		paper = profile.miles ? HANDOUT_LETTER : HANDOUT_A4;

	memset(&sh, 0, sizeof(sh));
	if (figure_set_load_default(&figures)) {
		error("%s", error_last());
		goto out;
	}
	plan_build(&week, &in, day_week_start(today), 7);
	for (int k = 0; k < 2; k++) {
		plan_session_items(&in, (enum exercise_kind)k, &sh.sessions[k], &sh.notes[k]);
		build_items(&sh, app, figures, k);
		place_notes(&sh, prog, k);
	}
	urgent_lines(&sh);

	strbuf_addstr(&schedule, "Strength on ");
	weekday_list(&schedule, week.strength_weekdays);
	strbuf_addstr(&schedule, prog->stretch_per_week >= 7 ? "; stretches every day"
							     : "; stretches on the other days");

	times_a_week(&when, prog->strength_per_week);
	strbuf_addstr(&when, ": ");
	weekday_list(&when, week.strength_weekdays);
	sh.sections[0] = (struct handout_section){
	    .title = "Strength",
	    .when = when.buf,
	    .intro = prog->levels[profile.level].summary,
	    .tips_title = "How much pain is fine",
	    .tips = pain_tips,
	    .ntips = ARRAY_SIZE(pain_tips),
	    .items = sh.items[0],
	    .nitems = sh.sessions[0].nitems,
	    .notes = sh.other_notes[0],
	    .nnotes = sh.nother[0],
	};
	times_a_week(&when2, prog->stretch_per_week);
	sh.sections[1] = (struct handout_section){
	    .title = "Stretches",
	    .when = when2.buf,
	    .intro = prog->stretch_note,
	    .items = sh.items[1],
	    .nitems = sh.sessions[1].nitems,
	    .notes = sh.other_notes[1],
	    .nnotes = sh.nother[1],
	};

	memset(&h, 0, sizeof(h));
	h.paper = (enum handout_paper)paper;
	h.created = clock_now();
	h.title = prog->title;
	h.name = profile.name;
	h.level = prog->levels[profile.level].name;
	h.start = profile.start_date;
	h.today = today;
	h.schedule = schedule.buf;
	h.max_pages = profile.level == LEVEL_BEGINNER ? HANDOUT_PAGES_BEGINNER : HANDOUT_PAGES;
	h.sections = sh.sections;
	h.nsections = 2;
	h.figures = figures;
	h.weeks = HANDOUT_WEEKS;
	/* The grid starts with this week once the program is under way, numbered from its start. */
	h.grid_from = today > profile.start_date ? today : profile.start_date;
	h.first_week_number =
	    (int)((day_week_start(h.grid_from) - day_week_start(profile.start_date)) / 7) + 1;
	h.strength_weekdays = week.strength_weekdays;
	h.see_pt_title = "See a physical therapist if…";
	h.see_pt = prog->see_pt;
	h.nsee_pt = prog->nsee_pt;
	h.urgent_title = "Stop exercising and get care today (A&E or urgent care) if…";
	h.urgent = sh.urgent;
	h.nurgent = sh.nurgent;
	h.source_title = prog->source_title;
	h.source_publication = prog->source_publication;
	h.source_experts = prog->source_experts;
	h.nsource_experts = prog->nsource_experts;
	h.source_note = prog->source_note;

	if (!render_pdf(&h, &out->data, &npages)) {
		out->content_type = "application/pdf";
		snprintf(out->filename, sizeof(out->filename), "hipcoach-handout.pdf");
		snprintf(out->what, sizeof(out->what), "%d page%s, %s, %s level%s", npages,
			 npages == 1 ? "" : "s", paper == HANDOUT_LETTER ? "Letter" : "A4",
			 level_names[profile.level],
			 level >= 0 && level != app->coach.profile.level
			     ? " (a preview: your profile is unchanged)"
			     : "");
		ret = 0;
	}
	plan_release(&week);
out:
	sheet_release(&sh);
	figure_set_free(figures);
	strbuf_release(&schedule);
	strbuf_release(&when);
	strbuf_release(&when2);
	return ret;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *out = arg_get(cmd, args, "output");
	struct export_doc doc;
	int bad, ret = 1;

	if (out && !*out)
		return usage_error(cmd, "--output needs a file name");
	export_doc_init(&doc);
	if (handout_render(app, args, &doc, &bad)) {
		export_doc_release(&doc);
		return bad ? usage_error(cmd, "%s", error_last()) : 1;
	}
	if (!out)
		out = doc.filename;
	if (!write_file_atomic_mode(out, doc.data.buf, doc.data.len,
				    arg_has(cmd, args, "shared") ? 0644 : FILE_MODE_PRIVATE)) {
		printf("Wrote %s: %s.\n", out, doc.what);
		ret = 0;
	} else {
		error("%s", error_last());
	}
	export_doc_release(&doc);
	return ret;
}

const struct command cmd_handout = {
    .name = "handout",
    .summary = "print your home-exercise sheet as a PDF, with your doses filled in",
    .usage = "[-o FILE.pdf] [--level LEVEL] [--paper a4|letter]",
    .help = "Writes a printable home-exercise handout, like the sheet a physical therapist\n"
	    "hands over: your name (from 'hipcoach setup --name'; without one, a line to\n"
	    "write it on), every exercise with its drawing (start and end position; a\n"
	    "stretch you hold, the held position), its steps, and your dose in bold; a\n"
	    "tick grid for the coming weeks; when to see a physical therapist and when\n"
	    "to get care today; and the credit to the article the program comes from.\n"
	    "Dumbbells are drawn only where your dose uses them. The beginner sheet\n"
	    "keeps to two pages, the others to three.\n"
	    "\n"
	    "The doses are the ones 'hipcoach plan' shows for your level, equipment and\n"
	    "progress; an exercise swapped for missing equipment shows the version you\n"
	    "will do. --level shows another level's doses without changing your profile.\n"
	    "The file is written whole or not at all, readable by you alone unless you\n"
	    "give --shared.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_EXPORT,
};
