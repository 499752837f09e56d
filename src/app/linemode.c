/* Line mode: the session player as plain lines on stdout and one answer a line on stdin. */
#include "linemode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "lib/datetime.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "speech.h"

struct linemode {
	struct frontend fe; /* first: the front end is the line mode */
};

static void sleep_ms(int64_t ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts))
		;
}

static int lm_wait(struct frontend *fe, const struct player *p, const struct player_view *v,
		   int64_t wait_ms, enum player_event *ev)
{
	char *line;
	int eof;

	(void)fe;
	(void)p;
	if (v->cur && v->cur->duration_s && v->state == PLAYER_RUNNING) {
		sleep_ms(wait_ms);
		return 0;
	}
	for (;;) {
		line =
		    prompt_line(v->state == PLAYER_PAUSED
				    ? "  Enter to start · s skip · q quit and save"
				    : "  Enter when done · s skip · p it hurts · b back · q quit "
				      "and save",
				NULL, &eof);
		if (!line || eof) {
			free(line);
			*ev = PLAYER_QUIT;
			return 1;
		}
		if (!*line)
			*ev = v->state == PLAYER_PAUSED ? PLAYER_RESUME : PLAYER_DONE;
		else if (!strcmp(line, "s"))
			*ev = PLAYER_SKIP;
		else if (!strcmp(line, "p"))
			*ev = PLAYER_HURT;
		else if (!strcmp(line, "b"))
			*ev = PLAYER_BACK;
		else if (!strcmp(line, "q"))
			*ev = PLAYER_QUIT;
		else {
			printf("  (an empty line when done, or s, p, b, q)\n");
			free(line);
			continue;
		}
		free(line);
		return 1;
	}
}

static void print_where(const struct script *s, const struct script_step *st)
{
	printf("\n%s · exercise %d of %zu", st->title, st->item + 1, s->nitems);
	if (st->sets > 1)
		printf(" · set %d of %d", st->set_no, st->sets);
	if (st->side != SIDE_NONE)
		printf(" · %s", side_label(st->side));
	putchar('\n');
}

static void lm_step(struct frontend *fe, const struct player *p)
{
	const struct script *s = p->script;
	const struct script_step *st = &s->steps[p->step];
	struct strbuf sb = STRBUF_INIT;
	char buf[32];

	switch (st->type) {
	case STEP_READY:
		printf("\nGet ready: %s (%d s)\n", prescription_name(st->p), st->duration_s);
		break;
	case STEP_SWITCH:
		printf("  Switch sides: %s next (%d s)\n", side_label(SIDE_RIGHT), st->duration_s);
		break;
	case STEP_REST:
		printf("\nRest %s · %s\n", format_duration(st->duration_s, buf), st->detail);
		break;
	default:
		print_where(s, st);
		/* The steps on the first set of each side: their words name the leg. */
		if (st->set_no <= 1)
			for (size_t i = 0; i < st->nhow; i++)
				printf("  • %s\n", st->how[i]);
		strbuf_addstr(&sb, st->detail);
		if (st->p->load == PLOAD_DUMBBELL && st->p->load_kg > 0) {
			strbuf_addstr(&sb, " with ");
			format_weight(&sb, st->p->load_kg, fe->pounds);
			strbuf_addstr(&sb, " dumbbells");
		} else if (st->p->load == PLOAD_BAND) {
			strbuf_addstr(&sb, " with the band");
		}
		printf("  %s\n", sb.buf);
		break;
	}
	fflush(stdout);
	strbuf_release(&sb);
}

static void lm_cue(struct frontend *fe, const struct player *p, const struct script_cue *cue)
{
	const struct script_step *st = &p->script->steps[p->step];

	if (cue->speak)
		speech_say(fe->speech, cue->text);
	/*
	 * Only timed steps print their cues: an open-ended set waits at its
	 * prompt, and what fell due meanwhile would land after the answer.
	 */
	if (!st->duration_s || st->type == STEP_READY || st->type == STEP_REST ||
	    st->type == STEP_SWITCH)
		return;
	if (cue->kind == CUE_FORM || cue->kind == CUE_HALFWAY || cue->kind == CUE_BREATH)
		printf("  ▸ %s\n", cue->text);
	fflush(stdout);
}

static void lm_time_up(struct frontend *fe, const struct script_step *st)
{
	if (st->type == STEP_HOLD || st->type == STEP_BREATH)
		printf("  time's up\n");
	/* The bell only on a terminal: in a file or a pipe it is a stray byte. */
	if (st->bell_end && !fe->quiet && isatty(STDOUT_FILENO))
		putchar('\a');
	fflush(stdout);
}

static int lm_ask(struct frontend *fe, const char *question, const char *hint, const char *dflt,
		  struct strbuf *answer)
{
	struct strbuf q = STRBUF_INIT;
	char *line;
	int eof;

	(void)fe;
	strbuf_addstr(&q, question);
	if (hint)
		strbuf_addf(&q, " (%s)", hint);
	line = prompt_line(q.buf, dflt, &eof);
	strbuf_release(&q);
	strbuf_reset(answer);
	if (eof || !line || !strcmp(line, "q")) {
		free(line);
		return 1;
	}
	strbuf_addstr(answer, line);
	free(line);
	return 0;
}

static void lm_note(struct frontend *fe, const char *text)
{
	(void)fe;
	if (text)
		printf("\n%s\n", text);
}

static void lm_message(struct frontend *fe, const char *title, const char *text)
{
	(void)fe;
	if (title)
		printf("\n%s\n", title);
	printf("%s\n", text);
	fflush(stdout);
}

static void lm_close(struct frontend *fe)
{
	speech_close(fe->speech);
	free(fe);
}

struct frontend *linemode_open(const char *kind_name, int pounds, struct speech *speech)
{
	struct linemode *lm = xcalloc(1, sizeof(*lm));

	lm->fe.wait = lm_wait;
	lm->fe.step = lm_step;
	lm->fe.cue = lm_cue;
	lm->fe.time_up = lm_time_up;
	lm->fe.ask = lm_ask;
	lm->fe.note = lm_note;
	lm->fe.message = lm_message;
	lm->fe.summary = lm_message;
	lm->fe.close = lm_close;
	lm->fe.speech = speech;
	lm->fe.kind_name = kind_name;
	lm->fe.pounds = pounds;
	return &lm->fe;
}
