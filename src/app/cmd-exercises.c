/* `hipcoach exercises` and `hipcoach show`: browsing the program, with the dose for this runner. */
#include <string.h>

#include "app.h"
#include "formats/figure.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/profile.h"

static const struct opt list_opts[] = {
    {"kind", 0, "KIND", "only strength or stretch exercises"},
    {"json", 0, NULL, "print JSON (docs/json.md)"},
    {0},
};

/* The dose is shown when a profile exists; browsing works without one (and never creates the
 * database, nor complains when it cannot be read). */
static int maybe_profile(struct app *app)
{
	if (coach_has_profile_readonly(&app->coach) <= 0)
		return 0;
	return app_input(app) != NULL;
}

static int run_list(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *kind = arg_get(cmd, args, "kind");
	int want = -1;
	json_t *arr;

	if (kind) {
		if (!strcmp(kind, "strength"))
			want = KIND_STRENGTH;
		else if (!strcmp(kind, "stretch"))
			want = KIND_STRETCH;
		else
			return usage_error(cmd, "unknown kind '%s' (use strength or stretch)",
					   kind);
	}
	if (app_program(app))
		return 1;
	if (arg_has(cmd, args, "json")) {
		arr = json_array();
		for (size_t i = 0; i < app->coach.program.nexercises; i++) {
			const struct exercise *ex = &app->coach.program.exercises[i];

			if (want < 0 || (int)ex->kind == want)
				json_array_append_new(arr, json_exercise_summary(ex));
		}
		return json_print(arr) ? 1 : 0;
	}
	for (int k = 0; k < 2; k++) {
		if (want >= 0 && want != k)
			continue;
		printf("%s%s%s\n", sty_bold(app),
		       k ? "Stretches (daily)" : "Strength (twice a week)", sty_reset(app));
		for (size_t i = 0; i < app->coach.program.nexercises; i++) {
			const struct exercise *ex = &app->coach.program.exercises[i];

			if ((int)ex->kind != k)
				continue;
			printf("  %-34s %s%s%s\n", ex->id, ex->name,
			       ex->per_side ? " (each side)" : "", "");
		}
		if (want < 0 && !k)
			putchar('\n');
	}
	printf("\n%s'hipcoach show ID' explains one exercise.%s\n", sty_dim(app), sty_reset(app));
	return 0;
}

const struct command cmd_exercises = {
    .name = "exercises",
    .summary = "list the program's exercises",
    .usage = "[--kind strength|stretch] [--json]",
    .help = "Lists the program's 14 exercises: 6 strength moves done twice a week and 8\n"
	    "stretches done daily. Easier and harder versions belong to their exercise and\n"
	    "are shown by 'hipcoach show ID'.",
    .opts = list_opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run_list,
    .group = GROUP_PROGRAM,
};

static const struct opt show_opts[] = {
    {"json", 0, NULL, "print JSON (docs/json.md)"},
    {"png", 0, "FILE", "write the exercise's drawing (start and end position) as PNG"},
    {"svg", 0, "FILE", "write the drawing as SVG"},
    {"pdf", 0, "FILE", "write the drawing as PDF"},
    {"dark", 0, NULL, "with --png/--svg/--pdf: light lines for a dark background"},
    {0},
};

/* --png/--svg/--pdf: the same drawing the handout and the web page use. */
static int write_figure(struct app *app, const struct args *args, const struct exercise *ex)
{
	static const char *const kinds[] = {"png", "svg", "pdf"};
	const struct command *cmd = app->cmd;
	struct figure_set *set = NULL;
	struct figure_style style;
	int ret = 0;

	figure_style_init(&style,
			  arg_has(cmd, args, "dark") ? FIGURE_THEME_DARK : FIGURE_THEME_LIGHT);
	if (figure_set_load_default(&set)) {
		error("%s", error_last());
		return 1;
	}
	if (!figure_set_has(set, ex->id)) {
		figure_set_free(set);
		error("no drawing for '%s' in this program", ex->id);
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(kinds) && !ret; i++) {
		const char *path = arg_get(cmd, args, kinds[i]);

		if (!path)
			continue;
		if (figure_write(set, ex->id, path, 960, 450, &style)) {
			error("cannot write '%s': %s", path, error_last());
			ret = 1;
		} else {
			printf("wrote %s\n", path);
		}
	}
	figure_set_free(set);
	return ret;
}

static void wrap(const char *indent, const char *text, int width)
{
	int col = 0, ind = (int)strlen(indent);

	fputs(indent, stdout);
	col = ind;
	while (*text) {
		const char *sp = strchr(text, ' ');
		int len = sp ? (int)(sp - text) : (int)strlen(text);

		if (col > ind && col + 1 + len > width) {
			printf("\n%s", indent);
			col = ind;
		} else if (col > ind) {
			putchar(' ');
			col++;
		}
		printf("%.*s", len, text);
		col += len;
		text += len;
		while (*text == ' ')
			text++;
	}
	putchar('\n');
}

static int run_show(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const struct exercise *ex;
	int width = term_width() - 2;
	struct strbuf sb = STRBUF_INIT;

	if (app_program(app))
		return 1;
	ex = program_find(&app->coach.program, args->pos[0]);
	if (!ex) {
		struct strbuf ids = STRBUF_INIT;

		for (size_t i = 0; i < app->coach.program.nexercises; i++)
			strbuf_addf(&ids, "%s%s", i ? ", " : "",
				    app->coach.program.exercises[i].id);
		error("unknown exercise '%s' (one of: %s)", args->pos[0], ids.buf);
		strbuf_release(&ids);
		return 1;
	}
	if (arg_has(cmd, args, "png") || arg_has(cmd, args, "svg") || arg_has(cmd, args, "pdf"))
		return write_figure(app, args, ex);
	if (arg_has(cmd, args, "dark"))
		return usage_error(cmd, "--dark goes with --png, --svg or --pdf");
	maybe_profile(app);
	if (arg_has(cmd, args, "json"))
		return json_print(json_exercise_full(app, ex)) ? 1 : 0;

	printf("%s%s%s  %s%s%s\n", sty_bold(app), ex->name, sty_reset(app), sty_dim(app),
	       ex->kind == KIND_STRENGTH ? "strength · twice a week" : "stretch · daily",
	       sty_reset(app));
	if (app->coach.profile_loaded) {
		struct plan_session s;

		plan_session_items(&app->coach.input, ex->kind, &s, NULL);
		for (size_t i = 0; i < s.nitems; i++) {
			if (s.items[i].ex != ex)
				continue;
			format_dose(&sb, &s.items[i], app->coach.profile.pounds);
			printf("%sYour dose: %s%s", sty_cyan(app), sb.buf, sty_reset(app));
			if (s.items[i].variant)
				printf(" — as %s", s.items[i].variant->name);
			printf(" (%s)\n", level_names[app->coach.profile.level]);
		}
		plan_session_release(&s);
	}
	putchar('\n');
	wrap("", ex->why, width);
	printf("\n%sWorks%s\n", sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < ex->ntargets; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s%s", ex->targets[i].muscle, ex->targets[i].gloss ? " — " : "",
			    ex->targets[i].gloss ? ex->targets[i].gloss : "");
		wrap("  ", sb.buf, width);
	}
	strbuf_reset(&sb);
	for (int i = 0; i < EQ_COUNT; i++)
		if (ex->equip_required & (1u << i))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
				    app->coach.program.equipment[i].name);
	for (int i = 0; i < EQ_COUNT; i++)
		if (ex->equip_optional & (1u << i))
			strbuf_addf(&sb, "%s%s (optional)", sb.len ? ", " : "",
				    app->coach.program.equipment[i].name);
	printf("\n%sYou need%s  %s\n", sty_bold(app), sty_reset(app), sb.len ? sb.buf : "nothing");
	printf("\n%sHow to do it%s\n", sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < ex->nsteps; i++) {
		char num[32];

		snprintf(num, sizeof(num), "  %zu. ", i + 1);
		wrap(num, ex->steps[i], width);
	}
	if (ex->ncues) {
		printf("\n%sThink about%s\n", sty_bold(app), sty_reset(app));
		for (size_t i = 0; i < ex->ncues; i++)
			wrap("  ▸ ", ex->cues[i], width);
	}
	if (ex->ncautions) {
		printf("\n%sTake care%s\n", sty_bold(app), sty_reset(app));
		for (size_t i = 0; i < ex->ncautions; i++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s (%s)", ex->cautions[i].text, ex->cautions[i].source);
			wrap("  ! ", sb.buf, width);
		}
	}
	for (int harder = 0; harder < 2; harder++) {
		int any = 0;

		for (size_t i = 0; i < ex->nvariants; i++) {
			const struct variant *v = &ex->variants[i];

			if (v->harder != harder)
				continue;
			if (!any)
				printf("\n%s%s%s\n", sty_bold(app), harder ? "Harder" : "Easier",
				       sty_reset(app));
			any = 1;
			printf("  %s%s%s %s(%s)%s\n", sty_bold(app), v->name, sty_reset(app),
			       sty_dim(app), v->id, sty_reset(app));
			for (size_t j = 0; j < v->nsteps; j++)
				wrap("    - ", v->steps[j], width);
		}
	}
	printf("\n%sSource: %s%s\n", sty_dim(app), ex->source, sty_reset(app));
	strbuf_release(&sb);
	return 0;
}

const struct command cmd_show = {
    .name = "show",
    .summary = "explain one exercise: why, how, cautions, easier and harder versions",
    .usage = "ID [--json] [--png FILE] [--svg FILE] [--pdf FILE] [--dark]",
    .help = "Shows one exercise: why it helps, the muscles it works, the equipment, the\n"
	    "steps, what to think about, when to take care, its easier and harder\n"
	    "versions, your dose at your level, and the source. IDs are listed by\n"
	    "'hipcoach exercises'. --png, --svg and --pdf write its drawing: the start\n"
	    "and end positions side by side.",
    .opts = show_opts,
    .min_pos = 1,
    .max_pos = 1,
    .run = run_show,
    .group = GROUP_PROGRAM,
};
