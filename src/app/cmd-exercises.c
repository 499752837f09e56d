/* `hipcoach exercises` and `hipcoach show`: browsing the program, with the dose for this runner. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "formats/figure.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/profile.h"

const struct exercise *exercise_by_number(const struct program *prog, long n)
{
	long k = 0;

	for (int kind = 0; kind < 2; kind++)
		for (size_t i = 0; i < prog->nexercises; i++)
			if ((int)prog->exercises[i].kind == kind && ++k == n)
				return &prog->exercises[i];
	return NULL;
}

/* Lowercase, trimmed, with runs of spaces, underscores and hyphens as one hyphen: the shape of an
 * id, so "Glute  bridge" and "glute-bridge" read alike. */

/* "How to do it": the steps numbered, each wrapped under its own text. */
static void print_how(const struct app *app, char *const *steps, size_t n, int width)
{
	printf("\n%sHow to do it%s\n", sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < n; i++) {
		char num[32];

		snprintf(num, sizeof(num), "  %zu. ", i + 1);
		print_hanging(num, steps[i], width);
	}
}

static void normalize(struct strbuf *out, const char *s)
{
	strbuf_reset(out);
	for (; *s; s++) {
		if (*s == ' ' || *s == '_' || *s == '-' || *s == '\t') {
			if (out->len && out->buf[out->len - 1] != '-')
				strbuf_addch(out, '-');
			continue;
		}
		strbuf_addch(out, (char)tolower((unsigned char)*s));
	}
	while (out->len && out->buf[out->len - 1] == '-')
		out->buf[--out->len] = '\0';
}

/* 2: `key` (an id or a name, any shape) is `q`; 1: `q` starts one of its words; 0: neither. */
static int name_match(const char *key, const char *q, struct strbuf *tmp)
{
	size_t len = strlen(q);

	normalize(tmp, key);
	if (!strcmp(tmp->buf, q))
		return 2;
	for (const char *p = tmp->buf; (p = strstr(p, q)); p++)
		if ((p == tmp->buf || p[-1] == '-') && len)
			return 1;
	return 0;
}

int exercise_lookup(const struct program *prog, const char *query, const struct exercise **ex,
		    const struct variant **v, struct strbuf *err)
{
	struct strbuf q = STRBUF_INIT, tmp = STRBUF_INIT, names = STRBUF_INIT;
	const struct exercise *fex = NULL;
	const struct variant *fv = NULL;
	int nfound = 0, ret = -1;

	*ex = NULL;
	*v = NULL;
	normalize(&q, query);
	if (q.len && strspn(q.buf, "0123456789") == q.len) {
		long n = q.len <= 3 ? strtol(q.buf, NULL, 10) : 0;

		*ex = exercise_by_number(prog, n);
		if (*ex)
			ret = 0;
		else
			strbuf_addf(err,
				    "no exercise number %s ('hipcoach exercises' numbers them 1 "
				    "to %zu)",
				    query, prog->nexercises);
		goto out;
	}
	/* The whole name or id first, then the start of a word; exercises before their versions.
	 */
	for (int want = 2; want >= 1 && !nfound; want--) {
		for (int versions = 0; versions < 2 && !nfound; versions++) {
			for (size_t i = 0; i < prog->nexercises; i++) {
				const struct exercise *e = &prog->exercises[i];

				if (!versions) {
					if (name_match(e->id, q.buf, &tmp) < want &&
					    name_match(e->name, q.buf, &tmp) < want)
						continue;
					strbuf_addf(&names, "%s%s", nfound ? ", " : "", e->id);
					fex = e, fv = NULL, nfound++;
					continue;
				}
				for (size_t j = 0; j < e->nvariants; j++) {
					const struct variant *w = &e->variants[j];

					if (name_match(w->id, q.buf, &tmp) < want &&
					    name_match(w->name, q.buf, &tmp) < want)
						continue;
					strbuf_addf(&names, "%s%s", nfound ? ", " : "", w->id);
					fex = e, fv = w, nfound++;
				}
			}
		}
	}
	if (nfound == 1) {
		*ex = fex;
		*v = fv;
		ret = 0;
	} else if (nfound > 1) {
		strbuf_addf(err, "'%s' matches %d exercises: %s (give more of the name)", query,
			    nfound, names.buf);
	} else {
		size_t n = 0, cap = prog->nexercises;
		const char **ids;
		const char *pick;

		for (size_t i = 0; i < prog->nexercises; i++)
			cap += prog->exercises[i].nvariants;
		ids = xcalloc(cap ? cap : 1, sizeof(*ids));
		for (size_t i = 0; i < prog->nexercises; i++)
			ids[n++] = prog->exercises[i].id;
		for (size_t i = 0; i < prog->nexercises; i++)
			for (size_t j = 0; j < prog->exercises[i].nvariants; j++)
				ids[n++] = prog->exercises[i].variants[j].id;
		pick = did_you_mean(q.buf, ids, n);
		if (pick)
			strbuf_addf(err, "unknown exercise '%s' (did you mean '%s'?)", query, pick);
		else
			strbuf_addf(err, "unknown exercise '%s' ('hipcoach exercises' lists them)",
				    query);
		free(ids);
	}
out:
	strbuf_release(&q);
	strbuf_release(&tmp);
	strbuf_release(&names);
	return ret;
}

static const struct opt list_opts[] = {
    {"kind", 0, "KIND", "only strength or stretch exercises"},
    {"json", 0, NULL, "print JSON"},
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

/* The list, numbered as `show N` takes them: strength first, then the stretches. `want`: a kind,
 * or -1 for both. */
static void print_list(const struct app *app, int want)
{
	int num = 0;

	for (int k = 0; k < 2; k++) {
		if (want < 0 || want == k) {
			if (want < 0 && k)
				putchar('\n');
			printf("%s%s%s\n", sty_bold(app),
			       k ? "Stretches (daily)" : "Strength (twice a week)", sty_reset(app));
		}
		for (size_t i = 0; i < app->coach.program.nexercises; i++) {
			const struct exercise *ex = &app->coach.program.exercises[i];

			if ((int)ex->kind != k)
				continue;
			num++;
			if (want >= 0 && want != k)
				continue;
			printf("  %2d  %-34s %s%s\n", num, ex->id, ex->name,
			       ex->per_side ? " (each side)" : "");
		}
	}
	printf("\n%s'hipcoach show 4' (or an id, or part of a name) explains one exercise.%s\n",
	       sty_dim(app), sty_reset(app));
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
	print_list(app, want);
	return 0;
}

const struct command cmd_exercises = {
    .name = "exercises",
    .summary = "list the program's exercises",
    .usage = "[--kind strength|stretch] [--json]",
    .help = "Lists the program's 14 exercises, numbered: 6 strength moves done twice a\n"
	    "week and 8 stretches done daily. Easier and harder versions belong to their\n"
	    "exercise and are shown by 'hipcoach show', which takes the number, the id or\n"
	    "part of the name.",
    .opts = list_opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run_list,
    .group = GROUP_PROGRAM,
};

static const struct opt show_opts[] = {
    {"json", 0, NULL, "print JSON"},
    {"png", 0, "FILE", "write the exercise's drawing (start and end position) as PNG"},
    {"svg", 0, "FILE", "write the drawing as SVG"},
    {"pdf", 0, "FILE", "write the drawing as PDF"},
    {"dark", 0, NULL, "with --png/--svg/--pdf: light lines for a dark background"},
    {0},
};

/* --png/--svg/--pdf: the same drawing the handout and the web page use. */
static int write_figure(struct app *app, const struct args *args, const struct exercise *ex,
			const struct variant *v)
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
	/* A version has a drawing of its own when its positions differ; else the exercise's. */
	const char *id = v && figure_set_has(set, v->id) ? v->id : ex->id;

	if (!figure_set_has(set, id)) {
		figure_set_free(set);
		error("no drawing for '%s' in this program", id);
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(kinds) && !ret; i++) {
		const char *path = arg_get(cmd, args, kinds[i]);

		if (!path)
			continue;
		if (figure_write(set, id, path, 960, 450, &style)) {
			error("cannot write '%s': %s", path, error_last());
			ret = 1;
		} else {
			printf("wrote %s\n", path);
		}
	}
	figure_set_free(set);
	return ret;
}

/* A version of an exercise: what changes, its steps, and where the whole exercise is. */
static void print_variant(const struct app *app, const struct exercise *ex, const struct variant *v,
			  int width)
{
	struct strbuf sb = STRBUF_INIT;

	printf("%s%s%s  %s%s version of %s · %s%s\n", sty_bold(app), v->name, sty_reset(app),
	       sty_dim(app), v->harder ? "harder" : "easier", ex->name,
	       ex->kind == KIND_STRENGTH ? "strength" : "stretch", sty_reset(app));
	if (v->why) {
		putchar('\n');
		print_hanging("", v->why, width);
	}
	for (int i = 0; i < EQ_COUNT; i++)
		if (v->equipment & (1u << i))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
				    app->coach.program.equipment[i].name);
	printf("\n%sYou need%s  %s\n", sty_bold(app), sty_reset(app), sb.len ? sb.buf : "nothing");
	print_how(app, v->steps, v->nsteps, width);
	strbuf_reset(&sb);
	strbuf_addf(&sb,
		    "'hipcoach show %s' shows the whole exercise: why it helps, what it works, "
		    "when to take care.",
		    ex->id);
	printf("\n%s", sty_dim(app));
	print_hanging("", sb.buf, width);
	printf("%s", sty_reset(app));
	strbuf_release(&sb);
}

static int run_show(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const struct exercise *ex;
	const struct variant *var;
	int width = term_width() - 2;
	struct strbuf sb = STRBUF_INIT;
	int figure =
	    arg_has(cmd, args, "png") || arg_has(cmd, args, "svg") || arg_has(cmd, args, "pdf");

	if (!args->npos && figure)
		return usage_error(cmd, "--png, --svg and --pdf need an exercise");
	if (app_program(app))
		return 1;
	if (!args->npos) {
		if (arg_has(cmd, args, "json")) {
			json_t *arr = json_array();

			for (size_t i = 0; i < app->coach.program.nexercises; i++)
				json_array_append_new(
				    arr, json_exercise_summary(&app->coach.program.exercises[i]));
			return json_print(arr) ? 1 : 0;
		}
		print_list(app, -1);
		return 0;
	}
	if (exercise_lookup(&app->coach.program, args->pos[0], &ex, &var, &sb)) {
		usage_error(cmd, "%s", sb.buf);
		strbuf_release(&sb);
		return 2;
	}
	if (figure)
		return write_figure(app, args, ex, var);
	if (arg_has(cmd, args, "dark"))
		return usage_error(cmd, "--dark goes with --png, --svg or --pdf");
	if (var && !arg_has(cmd, args, "json")) {
		print_variant(app, ex, var, width);
		return 0;
	}
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
	print_hanging("", ex->why, width);
	printf("\n%sWorks%s\n", sty_bold(app), sty_reset(app));
	for (size_t i = 0; i < ex->ntargets; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s%s", ex->targets[i].muscle, ex->targets[i].gloss ? " — " : "",
			    ex->targets[i].gloss ? ex->targets[i].gloss : "");
		print_hanging("  ", sb.buf, width);
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
	print_how(app, ex->steps, ex->nsteps, width);
	if (ex->ncues) {
		printf("\n%sThink about%s\n", sty_bold(app), sty_reset(app));
		for (size_t i = 0; i < ex->ncues; i++)
			print_hanging("  ▸ ", ex->cues[i], width);
	}
	if (ex->ncautions) {
		printf("\n%sTake care%s\n", sty_bold(app), sty_reset(app));
		for (size_t i = 0; i < ex->ncautions; i++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s (%s)", ex->cautions[i].text, ex->cautions[i].source);
			print_hanging("  ! ", sb.buf, width);
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
				print_hanging("    - ", v->steps[j], width);
		}
	}
	printf("\n%sSource: %s%s\n", sty_dim(app), ex->source, sty_reset(app));
	strbuf_release(&sb);
	return 0;
}

const struct command cmd_show = {
    .name = "show",
    .summary = "explain one exercise: why, how, cautions, easier and harder versions",
    .usage = "[EXERCISE] [--json] [--png FILE] [--svg FILE] [--pdf FILE] [--dark]",
    .help = "Shows one exercise: why it helps, the muscles it works, the equipment, the\n"
	    "steps, what to think about, when to take care, its easier and harder\n"
	    "versions, your dose at your level, and the source. Without an exercise,\n"
	    "lists them, as 'hipcoach exercises' does.\n"
	    "\n"
	    "Name the exercise by its number in 'hipcoach exercises', its id, its name,\n"
	    "or the start of a word in it, as long as only one exercise fits:\n"
	    "  hipcoach show 4\n"
	    "  hipcoach show clam\n"
	    "  hipcoach show \"glute bridge\"\n"
	    "An easier or harder version's id (shown in brackets under its exercise)\n"
	    "shows that version's steps (with --json, its exercise, which lists the\n"
	    "versions).\n"
	    "\n"
	    "--png, --svg and --pdf write its drawing: the start and end positions side\n"
	    "by side.",
    .opts = show_opts,
    .min_pos = 0,
    .max_pos = 1,
    .run = run_show,
    .group = GROUP_PROGRAM,
};
