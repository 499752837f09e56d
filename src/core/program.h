/* The exercise program as data: levels, exercises, variants and cautions, loaded and validated from
 * JSON. */
#ifndef HIPCOACH_PROGRAM_H
#define HIPCOACH_PROGRAM_H

#include <stddef.h>

enum exercise_kind { KIND_STRENGTH, KIND_STRETCH };
enum exercise_mode { MODE_REPS, MODE_HOLD, MODE_BREATH };
enum load_kind { LOAD_NONE, LOAD_BAND, LOAD_DUMBBELL };

/* Equipment as flags, in the order of the `equipment` option. */
enum equipment {
	EQ_MAT = 1 << 0,
	EQ_BAND = 1 << 1,
	EQ_STEP = 1 << 2,
	EQ_DUMBBELLS = 1 << 3,
	EQ_CHAIR = 1 << 4,
};
#define EQ_COUNT 5
extern const char *const equipment_names[EQ_COUNT]; /* "mat", "band", ... */
/* "mat" -> EQ_MAT; 0 if unknown. */
unsigned equipment_parse(const char *name);

/*
 * Conditions that make an exercise one to modify or skip (SAFETY.md section
 * 6), raised by where the runner says it hurts.
 */
enum condition {
	COND_OUTER_HIP = 1 << 0,    /* pain on the outside of the hip */
	COND_FRONT_PINCH = 1 << 1,  /* the front of the hip pinches at depth */
	COND_GROIN = 1 << 2,	    /* groin pain */
	COND_LEG_SYMPTOMS = 1 << 3, /* bending back makes leg symptoms spread */
	COND_NEW_NUMBNESS = 1 << 4, /* new numbness */
};
#define COND_COUNT 5
extern const char *const condition_names[COND_COUNT];
unsigned condition_parse(const char *name);

enum caution_action { ACTION_SKIP, ACTION_SHORTEN, ACTION_MODIFY, ACTION_SWAP };
extern const char *const caution_action_names[4];

struct variant;

struct caution {
	unsigned when; /* one condition flag */
	enum caution_action action;
	char *text;
	char *paper; /* the same in the fewer words of a printed sheet, or NULL */
	char *source;
	char *variant_id;	       /* ACTION_SWAP: the exercise's variant done instead */
	const struct variant *variant; /* ... resolved once the variants are read */
};

struct target {
	char *muscle;
	char *gloss;
};

/* A printed sheet's steps ("paper_steps"): how many, and how long each may be (the messages say
 * so too). */
#define PAPER_STEPS_MAX 5
#define PAPER_STEP_MAX	56

struct variant {
	char *id;
	char *name;
	int harder;	    /* 0 easier, 1 harder */
	int per_side;	    /* done one leg at a time (the exercise's, unless the variant says) */
	unsigned equipment; /* required */
	unsigned replaces;  /* equipment whose absence selects this variant */
	char **steps;	    /* the words with "one" and "the other" for the legs */
	char **side_steps;  /* the same with {working} and {other}, or NULL (per side only) */
	size_t nsteps;
	char **paper_steps; /* shorter words for a printed sheet (neutral), or NULL */
	size_t npaper_steps;
	char *why;
};

struct exercise {
	char *id;
	char *name;
	enum exercise_kind kind;
	enum exercise_mode mode;
	int per_side;
	struct target *targets;
	size_t ntargets;
	unsigned equip_required;
	unsigned equip_optional;
	enum load_kind load;
	char *why;
	char **steps;	   /* the words with "one" and "the other" for the legs */
	char **side_steps; /* the same with {working} and {other}, or NULL (per side only) */
	size_t nsteps;
	char **paper_steps; /* shorter words for a printed sheet (neutral), or NULL */
	size_t npaper_steps;
	char **cues;
	size_t ncues;
	struct caution *cautions;
	size_t ncautions;
	struct variant *variants;
	size_t nvariants;
	int fit_category; /* -1: none */
	int fit_name;	  /* -1: none */
	char *fit_title;
	char *source;
};

enum level_id { LEVEL_BEGINNER, LEVEL_MODERATE, LEVEL_HEAVY };
#define LEVEL_COUNT 3
extern const char *const level_names[LEVEL_COUNT]; /* "beginner", "moderate", "heavy" */
int level_parse(const char *name);		   /* -1 if unknown */

struct level {
	char *name;
	char *summary;
	int sets_min, sets_max, sets_start;
	int reps_min, reps_max;
	int rest_s;
	int loaded;
};

struct equipment_info {
	char *name;
	char *substitute; /* NULL: none */
};

struct program {
	char *id;
	char *title;
	char *source_title;
	char *source_publication;
	char **source_experts;
	size_t nsource_experts;
	char *source_note;
	char **see_pt;
	size_t nsee_pt;
	struct level levels[LEVEL_COUNT];
	int strength_per_week;
	int strength_rest_between_s;
	int stretch_per_week;
	int stretch_hold_s;
	int stretch_rest_s;
	char *stretch_note;
	struct equipment_info equipment[EQ_COUNT];
	struct exercise *exercises;
	size_t nexercises;
	int builtin; /* the default program, compiled in: program_release() frees nothing */
};

/*
 * Parses and validates a program from JSON text. `name` is used in error
 * messages: "invalid program 'NAME': exercise 'ID': field 'F': ...".
 * 0 or -1 (error_last() has the message). Release with program_release().
 */
int program_parse(struct program *prog, const char *name, const char *json, size_t len);
/*
 * The default program (data/programs/hip-pain.json), compiled to C data at build time by
 * tools/program-c.c, which checks it with program_parse(): no parsing at run time. Defined in the
 * generated build/program-default.c. A new field of these structures is written there too, and
 * compared in tests/unit/test-program.c.
 */
void program_load_default(struct program *prog);
void program_release(struct program *prog);

struct strbuf;
/*
 * Appends `text` to `out` with its leg placeholders filled: {working} (the
 * leg that works or is stretched) by `working`, {other} by `other`,
 * capitalised at the start of a sentence. A guided set fills "your LEFT"
 * and "your RIGHT"; the loader fills "one" and "the other" into the
 * steps shown elsewhere. -1 on an unknown placeholder (`out` then holds
 * the text up to it).
 */
int program_side_words(struct strbuf *out, const char *text, const char *working,
		       const char *other);

const struct exercise *program_find(const struct program *prog, const char *id);
const struct variant *exercise_variant(const struct exercise *ex, const char *variant_id);

#endif
