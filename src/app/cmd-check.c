/* `hipcoach check`: the red-flag questions, one by one, or answered on the command line; and a
 * clinician's clearance. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "coach/care.h"
#include "coach/screening.h"
#include "core/safety.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "safety-gate.h"

extern const struct command cmd_check;

static const struct opt opts[] = {
    {"list", 0, NULL, "list the questions instead of asking them"},
    {"json", 0, NULL, "with --list: print JSON"},
    {"yes", 0, "IDS",
     "record a round: yes to these questions (comma-separated ids), no to the rest"},
    {"none", 0, NULL, "record a round: no to every question"},
    {"cleared-by-clinician", 0, NULL,
     "record that a clinician has seen you and agrees you can exercise"},
    {"seeing-clinician", 0, NULL,
     "record that a physical therapist or doctor is now managing your hip"},
    {"note", 0, "TEXT",
     "with --cleared-by-clinician or --seeing-clinician: a note, e.g. who saw you"},
    {0},
};

static void valid_ids(struct strbuf *sb)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);

	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", q[i].id);
}

/* Whether the next round asks the history questions: not once a clearance covers them (SAFETY.md
 * section 1). Reads an existing database only; without one, nothing has been answered. */
static int history_seen(struct app *app)
{
	struct screening_state st;
	int seen;

	if (coach_store(&app->coach, 1) || coach_screening_state(&app->coach, &st))
		return 0;
	seen = st.history_seen;
	screening_state_release(&st);
	return seen;
}

/* The list's groups, in the order shown: what a yes means. */
static const struct {
	enum screen_severity severity;
	unsigned flags;
	const char *heading;
} groups[] = {
    {SEVERITY_URGENT_CARE, 0, "A yes means: get care today"},
    {SEVERITY_BONE_STRESS, 0, "A yes means: stop running, see a clinician within days"},
    {SEVERITY_SEE_DOCTOR_SOON, SCREEN_WITH_SIGN,
     "A yes means: see a doctor within two weeks; with one of the answers just above, stop\n"
     "running and see a clinician within days"},
    {SEVERITY_CAUTION, SCREEN_HISTORY,
     "A yes means: take more care (a slower return to running, see someone sooner);\n"
     "asked until a clinician has cleared you"},
    {SEVERITY_SEE_DOCTOR_SOON, 0, "A yes means: see a doctor within two weeks"},
};

json_t *check_list_json(struct app *app)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int seen = history_seen(app);
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "id", json_string(q[i].id));
		json_object_set_new(o, "text", json_string(q[i].text));
		json_object_set_new(o, "severity",
				    json_string(screen_severity_names[q[i].severity]));
		json_object_set_new(o, "with_bone_stress_sign",
				    json_boolean(q[i].flags & SCREEN_WITH_SIGN));
		json_object_set_new(o, "history", json_boolean(q[i].flags & SCREEN_HISTORY));
		json_object_set_new(o, "after_no_to",
				    q[i].after_no_to ? json_string(q[i].after_no_to) : json_null());
		json_object_set_new(o, "asked",
				    json_boolean(!((q[i].flags & SCREEN_HISTORY) && seen)));
		json_object_set_new(o, "source", json_string(q[i].source));
		json_array_append_new(a, o);
	}
	return a;
}

static int list(struct app *app, int json)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int seen = history_seen(app);

	if (json)
		return json_print(check_list_json(app)) ? 1 : 0;
	for (size_t g = 0; g < ARRAY_SIZE(groups); g++) {
		printf("%s%s%s\n", sty_bold(app), groups[g].heading, sty_reset(app));
		for (size_t i = 0; i < n; i++) {
			if (q[i].severity != groups[g].severity ||
			    (q[i].flags & (SCREEN_WITH_SIGN | SCREEN_HISTORY)) != groups[g].flags)
				continue;
			printf("  %-24s %s\n", q[i].id, q[i].text);
			if (q[i].after_no_to)
				printf("  %-24s %s(asked after a no to %s)%s\n", "", sty_dim(app),
				       q[i].after_no_to, sty_reset(app));
			if ((q[i].flags & SCREEN_HISTORY) && seen)
				printf(
				    "  %-24s %s(not asked again: a clinician has cleared you)%s\n",
				    "", sty_dim(app), sty_reset(app));
		}
		putchar('\n');
	}
	printf("Each answer stands alone: answers are never added up into a score.\n");
	return 0;
}

/* What a finished round means, in boxes, with the way forward. */
static void print_outcome(struct app *app)
{
	struct screening_outcome o;

	if (coach_screening_outcome(&app->coach, &o)) {
		error("%s", error_last());
		return;
	}
	if (!o.advice.n) {
		printf("Thank you. Nothing in your answers stands in the way of the program.\n"
		       "If anything changes (pain at night, a fever, pain that spreads or gets "
		       "suddenly worse),\nrun 'hipcoach check' again.\n");
	}
	for (size_t i = 0; i < o.advice.n; i++) {
		if (i)
			putchar('\n');
		advice_print_box(app, &o.advice.items[i], NULL);
	}
	if (o.blocked)
		printf(
		    "\nGuided sessions are paused until a clinician has seen you. Once they have, "
		    "and\nthey agree you can exercise:\n  hipcoach check --cleared-by-clinician\n");
	screening_outcome_release(&o);
}

static int save_round(struct app *app, const int *answers)
{
	if (coach_screening_record(&app->coach, answers, NULL))
		return error("%s", error_last());
	return 0;
}

/* One question until the answer is y or n: safety answers are never defaulted. 1 yes, 0 no, -1 end
 * of input. */
static int ask(size_t i, size_t n, const struct screen_question *q)
{
	for (;;) {
		struct strbuf prompt = STRBUF_INIT;
		char *a;
		int eof, r = -2;

		strbuf_addf(&prompt, "%2zu/%zu  %s [y/n]", i + 1, n, q->text);
		a = prompt_line(prompt.buf, NULL, &eof);
		strbuf_release(&prompt);
		if (!a)
			return -1;
		if (!strcasecmp(a, "y") || !strcasecmp(a, "yes"))
			r = 1;
		else if (!strcasecmp(a, "n") || !strcasecmp(a, "no"))
			r = 0;
		free(a);
		if (r >= 0)
			return r;
		if (eof)
			return -1;
		printf("       Please answer y or n.\n");
	}
}

/* How many questions this round asks, given the answers so far (the rest taken as no). */
static size_t to_ask(const int *answers, size_t n, int seen)
{
	int *probe = xcalloc(n, sizeof(*probe));
	size_t total = 0;

	for (size_t i = 0; i < n; i++) {
		probe[i] = answers[i];
		if (safety_question_asked(i, probe, seen)) {
			total++;
			if (probe[i] < 0)
				probe[i] = 0;
		}
	}
	free(probe);
	return total;
}

static int interview(struct app *app)
{
	size_t n, asked = 0;
	const struct screen_question *q = safety_questions(&n);
	int *answers = xcalloc(n, sizeof(*answers));
	struct screening_state st;
	int ret = 0;

	if (app_store(app, 0)) {
		free(answers);
		return 1;
	}
	if (coach_screening_state(&app->coach, &st)) {
		free(answers);
		return error("%s", error_last());
	}
	for (size_t i = 0; i < n; i++)
		answers[i] = -1;
	printf("%sSafety questions%s\n"
	       "Before you start, a few yes/no questions to check that exercise is the right\n"
	       "path for your hip. Each answer counts on its own; answer y or n.\n",
	       sty_bold(app), sty_reset(app));
	if (st.history_seen)
		printf("The questions about your history are not asked again: a clinician has "
		       "cleared you.\n");
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		if (!safety_question_asked(i, answers, st.history_seen))
			continue;
		answers[i] = ask(asked, to_ask(answers, n, st.history_seen), &q[i]);
		asked++;
		if (answers[i] < 0) {
			printf("Stopped: nothing was saved. Run 'hipcoach check' to answer the "
			       "questions.\n");
			/* From setup or today, the rest of the first run goes on. */
			ret = app->cmd == &cmd_check;
			goto out;
		}
	}
	putchar('\n');
	if (save_round(app, answers)) {
		ret = 1;
		goto out;
	}
	print_outcome(app);
out:
	screening_state_release(&st);
	free(answers);
	return ret;
}

/* SAFETY.md section 4: a clinician is managing the hip; the advice to see one becomes a reminder.
 */
static int seeing_clinician(struct app *app, const char *note)
{
	struct care_rec care;

	if (app_store(app, 0) || coach_care_record(&app->coach, note, &care))
		return error("%s", error_last());
	printf("Recorded: a physical therapist or doctor is looking after your hip%s%s%s.\n"
	       "Follow their plan where it differs from this one. hipcoach keeps your record for "
	       "them\n('hipcoach report' makes a page to bring), and instead of telling you to "
	       "see\nsomeone, it reminds you once a week. A pain of 8/10, or new symptoms, still "
	       "need\nthem to hear from you straight away.\n",
	       care.note[0] ? " (" : "", care.note, care.note[0] ? ")" : "");
	return 0;
}

static int run(struct app *app, const struct args *args)
{
	/* Not app->cmd: setup runs this with its own entry in place and empty args. */
	const struct command *cmd = &cmd_check;
	const char *yes = arg_get(cmd, args, "yes"), *note = arg_get(cmd, args, "note");
	int seeing = arg_has(cmd, args, "seeing-clinician");

	if (!!yes + arg_has(cmd, args, "none") + arg_has(cmd, args, "cleared-by-clinician") +
		arg_has(cmd, args, "list") + seeing >
	    1)
		return usage_error(cmd, "--list, --yes, --none, --cleared-by-clinician and "
					"--seeing-clinician go alone");
	if (arg_has(cmd, args, "json") && !arg_has(cmd, args, "list"))
		return usage_error(cmd, "--json goes with --list");
	if (note && !arg_has(cmd, args, "cleared-by-clinician") && !seeing)
		return usage_error(cmd,
				   "--note goes with --cleared-by-clinician or --seeing-clinician");
	if (seeing)
		return seeing_clinician(app, note);
	if (arg_has(cmd, args, "list"))
		return list(app, arg_has(cmd, args, "json"));

	if (yes) {
		size_t n;
		const struct screen_question *q = safety_questions(&n);
		int *answers = xcalloc(n, sizeof(*answers));
		char *copy = xstrdup(yes), *save = NULL;
		int ret = 0;

		for (char *tok = strtok_r(copy, ", ", &save); tok;
		     tok = strtok_r(NULL, ", ", &save)) {
			const struct screen_question *found = safety_question_find(tok);

			if (!found) {
				struct strbuf sb = STRBUF_INIT;

				valid_ids(&sb);
				ret = usage_error(cmd, "unknown question '%s' (valid: %s)", tok,
						  sb.buf);
				strbuf_release(&sb);
				break;
			}
			answers[found - q] = 1;
		}
		free(copy);
		if (!ret && (app_store(app, 0) || save_round(app, answers)))
			ret = 1;
		free(answers);
		if (!ret)
			print_outcome(app);
		return ret;
	}
	if (app_store(app, 0))
		return 1;
	if (arg_has(cmd, args, "none")) {
		size_t n;
		int *answers;

		safety_questions(&n);
		answers = xcalloc(n, sizeof(*answers));
		if (save_round(app, answers)) {
			free(answers);
			return 1;
		}
		free(answers);
		print_outcome(app);
		return 0;
	}
	if (arg_has(cmd, args, "cleared-by-clinician")) {
		int was_blocked;

		if (coach_screening_clear(&app->coach, note, &was_blocked)) {
			error("%s", error_last());
			return 1;
		}
		printf("Recorded: a clinician has seen you.%s\n"
		       "If anything changes, or new symptoms appear, run 'hipcoach check' again.\n",
		       was_blocked ? " Guided sessions are open again; follow what\nthey told you "
				     "about running and exercise."
				   : "");
		return 0;
	}
	return interview(app);
}

const struct command cmd_check = {
    .name = "check",
    .summary = "answer the safety questions (red flags) before and during the program",
    .usage = "[--list [--json] | --yes ID[,ID...] | --none | --cleared-by-clinician [--note TEXT] "
	     "| --seeing-clinician [--note TEXT]]",
    .help = "Asks the safety questions one by one, each a plain yes or no. Some answers\n"
	    "mean exercise is not the right first step: get care today, or stop running\n"
	    "and see a clinician within days; they pause guided sessions until you record\n"
	    "that a clinician has seen you. Others mean seeing a doctor within two weeks,\n"
	    "and answers about your history mean taking more care. Answers are never added\n"
	    "up into a score. hipcoach does not diagnose.\n"
	    "\n"
	    "It runs at the end of the first setup. It must be answered again before your\n"
	    "next session after pain in the groin, a jump of 3 points or more within 7\n"
	    "days, or a pain 3 points or more above last week's average; 'hipcoach start'\n"
	    "then asks it first. It is offered when pain reaches 8. Once a clinician has\n"
	    "cleared you, the questions about your history are not asked again.\n"
	    "\n"
	    "Without questions: --yes with the ids from --list records a round with those\n"
	    "answers yes and the rest no; --none records a round with every answer no.\n"
	    "\n"
	    "--seeing-clinician records that a physical therapist or doctor is now\n"
	    "managing your hip: the advice to see one then comes as a calm reminder once\n"
	    "a week, and the report names who is looking after you (--note).",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 0,
    .run = run,
    .group = GROUP_DAILY,
};
