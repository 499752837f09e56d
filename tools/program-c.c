/*
 * Compiles a program file to C data at build time: program-c FILE.json writes a C file that
 * defines program_load_default() with FILE's program as initialised structures, so that the
 * default program is not parsed at every start. The file is loaded and checked by
 * program_parse(), the loader of `--program FILE`, so the rules live in one place; an invalid
 * file fails the build with the loader's message.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/program.h"
#include "lib/error.h"
#include "lib/strbuf.h"

/* A C string literal for `s` (or NULL): bytes outside printable ASCII in octal, '?' escaped so
 * that no trigraph forms. */
static void put_str(const char *s)
{
	if (!s) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?')
			printf("\\%c", *p);
		else if (*p < ' ' || *p >= 0x7f)
			printf("\\%03o", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

/* A NULL-terminated array of strings, as the loader allocates it; none when it has none. */
static void put_strings(const char *name, char **v, size_t n)
{
	if (!v)
		return;
	printf("static char *%s[] = {", name);
	for (size_t k = 0; k < n; k++) {
		fputs("\n\t", stdout);
		put_str(v[k]);
		putchar(',');
	}
	puts("\n\tNULL,\n};");
}

/* The name of an array written by put_strings(), or NULL. */
static void put_ref(const char *name, const void *v)
{
	fputs(v ? name : "NULL", stdout);
}

/* The name of the part `what` of exercise `i` (and of its variant `k` when k >= 0). */
static const char *part(const char *what, size_t i, long k)
{
	static char name[64];

	if (k < 0)
		snprintf(name, sizeof(name), "%s_%zu", what, i);
	else
		snprintf(name, sizeof(name), "%s_%zu_%ld", what, i, k);
	return name;
}

static void put_exercise_parts(const struct exercise *ex, size_t i)
{
	put_strings(part("steps", i, -1), ex->steps, ex->nsteps);
	put_strings(part("side_steps", i, -1), ex->side_steps, ex->nsteps);
	put_strings(part("paper_steps", i, -1), ex->paper_steps, ex->npaper_steps);
	put_strings(part("cues", i, -1), ex->cues, ex->ncues);
	for (size_t k = 0; k < ex->nvariants; k++) {
		const struct variant *v = &ex->variants[k];

		put_strings(part("steps", i, (long)k), v->steps, v->nsteps);
		put_strings(part("side_steps", i, (long)k), v->side_steps, v->nsteps);
		put_strings(part("paper_steps", i, (long)k), v->paper_steps, v->npaper_steps);
	}
	printf("static struct target targets_%zu[] = {\n", i);
	for (size_t k = 0; k < ex->ntargets; k++) {
		fputs("\t{", stdout);
		put_str(ex->targets[k].muscle);
		fputs(", ", stdout);
		put_str(ex->targets[k].gloss);
		puts("},");
	}
	puts("};");
	/* The loader leaves a zeroed entry after the variants and the cautions. */
	printf("static struct variant variants_%zu[] = {\n", i);
	for (size_t k = 0; k < ex->nvariants; k++) {
		const struct variant *v = &ex->variants[k];

		fputs("\t{\n\t\t.id = ", stdout);
		put_str(v->id);
		fputs(",\n\t\t.name = ", stdout);
		put_str(v->name);
		printf(",\n\t\t.harder = %d,\n\t\t.per_side = %d,\n\t\t.equipment = %uu,\n"
		       "\t\t.replaces = %uu,\n",
		       v->harder, v->per_side, v->equipment, v->replaces);
		fputs("\t\t.steps = ", stdout);
		put_ref(part("steps", i, (long)k), v->steps);
		fputs(",\n\t\t.side_steps = ", stdout);
		put_ref(part("side_steps", i, (long)k), v->side_steps);
		printf(",\n\t\t.nsteps = %zu,\n\t\t.paper_steps = ", v->nsteps);
		put_ref(part("paper_steps", i, (long)k), v->paper_steps);
		printf(",\n\t\t.npaper_steps = %zu,\n\t\t.why = ", v->npaper_steps);
		put_str(v->why);
		puts(",\n\t},");
	}
	puts("\t{0},\n};");
	printf("static struct caution cautions_%zu[] = {\n", i);
	for (size_t k = 0; k < ex->ncautions; k++) {
		const struct caution *c = &ex->cautions[k];

		printf("\t{\n\t\t.when = %uu,\n\t\t.action = %d,\n\t\t.text = ", c->when,
		       (int)c->action);
		put_str(c->text);
		fputs(",\n\t\t.paper = ", stdout);
		put_str(c->paper);
		fputs(",\n\t\t.source = ", stdout);
		put_str(c->source);
		fputs(",\n\t\t.variant_id = ", stdout);
		put_str(c->variant_id);
		if (c->variant)
			printf(",\n\t\t.variant = &variants_%zu[%td]", i,
			       c->variant - ex->variants);
		puts(",\n\t},");
	}
	puts("\t{0},\n};");
}

static void put_exercise(const struct exercise *ex, size_t i)
{
	fputs("\t{\n\t\t.id = ", stdout);
	put_str(ex->id);
	fputs(",\n\t\t.name = ", stdout);
	put_str(ex->name);
	printf(",\n\t\t.kind = %d,\n\t\t.mode = %d,\n\t\t.per_side = %d,\n", (int)ex->kind,
	       (int)ex->mode, ex->per_side);
	printf("\t\t.targets = targets_%zu,\n\t\t.ntargets = %zu,\n", i, ex->ntargets);
	printf("\t\t.equip_required = %uu,\n\t\t.equip_optional = %uu,\n\t\t.load = %d,\n",
	       ex->equip_required, ex->equip_optional, (int)ex->load);
	fputs("\t\t.why = ", stdout);
	put_str(ex->why);
	fputs(",\n\t\t.steps = ", stdout);
	put_ref(part("steps", i, -1), ex->steps);
	fputs(",\n\t\t.side_steps = ", stdout);
	put_ref(part("side_steps", i, -1), ex->side_steps);
	printf(",\n\t\t.nsteps = %zu,\n\t\t.paper_steps = ", ex->nsteps);
	put_ref(part("paper_steps", i, -1), ex->paper_steps);
	printf(",\n\t\t.npaper_steps = %zu,\n\t\t.cues = ", ex->npaper_steps);
	put_ref(part("cues", i, -1), ex->cues);
	printf(",\n\t\t.ncues = %zu,\n", ex->ncues);
	printf("\t\t.cautions = cautions_%zu,\n\t\t.ncautions = %zu,\n", i, ex->ncautions);
	printf("\t\t.variants = variants_%zu,\n\t\t.nvariants = %zu,\n", i, ex->nvariants);
	printf("\t\t.fit_category = %d,\n\t\t.fit_name = %d,\n\t\t.fit_title = ", ex->fit_category,
	       ex->fit_name);
	put_str(ex->fit_title);
	fputs(",\n\t\t.source = ", stdout);
	put_str(ex->source);
	puts(",\n\t},");
}

static void put_program(const struct program *p, const char *file)
{
	printf(
	    "/* Generated by tools/program-c.c from %s: the default program, checked at build time "
	    "by program_parse(). */\n",
	    file);
	puts("#include <stddef.h>\n\n#include \"core/program.h\"\n");
	put_strings("source_experts", p->source_experts, p->nsource_experts);
	put_strings("see_pt", p->see_pt, p->nsee_pt);
	for (size_t i = 0; i < p->nexercises; i++)
		put_exercise_parts(&p->exercises[i], i);
	puts("static struct exercise exercises[] = {");
	for (size_t i = 0; i < p->nexercises; i++)
		put_exercise(&p->exercises[i], i);
	fputs("};\n\nstatic const struct program program = {\n\t.id = ", stdout);
	put_str(p->id);
	fputs(",\n\t.title = ", stdout);
	put_str(p->title);
	fputs(",\n\t.source_title = ", stdout);
	put_str(p->source_title);
	fputs(",\n\t.source_publication = ", stdout);
	put_str(p->source_publication);
	fputs(",\n\t.source_experts = ", stdout);
	put_ref("source_experts", p->source_experts);
	printf(",\n\t.nsource_experts = %zu,\n\t.source_note = ", p->nsource_experts);
	put_str(p->source_note);
	fputs(",\n\t.see_pt = ", stdout);
	put_ref("see_pt", p->see_pt);
	printf(",\n\t.nsee_pt = %zu,\n\t.levels = {\n", p->nsee_pt);
	for (int i = 0; i < LEVEL_COUNT; i++) {
		const struct level *l = &p->levels[i];

		fputs("\t\t{", stdout);
		put_str(l->name);
		fputs(", ", stdout);
		put_str(l->summary);
		printf(", %d, %d, %d, %d, %d, %d, %d},\n", l->sets_min, l->sets_max, l->sets_start,
		       l->reps_min, l->reps_max, l->rest_s, l->loaded);
	}
	printf("\t},\n\t.strength_per_week = %d,\n\t.strength_rest_between_s = %d,\n",
	       p->strength_per_week, p->strength_rest_between_s);
	printf("\t.stretch_per_week = %d,\n\t.stretch_hold_s = %d,\n\t.stretch_rest_s = %d,\n",
	       p->stretch_per_week, p->stretch_hold_s, p->stretch_rest_s);
	fputs("\t.stretch_note = ", stdout);
	put_str(p->stretch_note);
	puts(",\n\t.equipment = {");
	for (int i = 0; i < EQ_COUNT; i++) {
		fputs("\t\t{", stdout);
		put_str(p->equipment[i].name);
		fputs(", ", stdout);
		put_str(p->equipment[i].substitute);
		puts("},");
	}
	printf("\t},\n\t.exercises = exercises,\n\t.nexercises = %zu,\n\t.builtin = 1,\n};\n\n",
	       p->nexercises);
	puts("void program_load_default(struct program *prog)\n{\n\t*prog = program;\n}");
}

int main(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	struct program prog;

	if (argc != 2) {
		fputs("usage: program-c FILE.json > FILE.c\n", stderr);
		return 2;
	}
	if (strbuf_read_file(&sb, argv[1], 16 << 20)) {
		perror(argv[1]);
		return 1;
	}
	if (program_parse(&prog, argv[1], sb.buf, sb.len)) {
		fprintf(stderr, "program-c: %s\n", error_last());
		return 1;
	}
	put_program(&prog, argv[1]);
	program_release(&prog);
	strbuf_release(&sb);
	if (fflush(stdout) || ferror(stdout)) {
		perror("program-c");
		return 1;
	}
	return 0;
}
