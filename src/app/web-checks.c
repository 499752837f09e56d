/* The web app's safety questions, clearance, care and morning check-in, each a call to the coach
 * that `hipcoach check` and the terminal's morning question make. */
#include "web-checks.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "coach/care.h"
#include "coach/checkin.h"
#include "coach/screening.h"
#include "core/safety.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static int fail(json_t **out, int status, const char *msg)
{
	*out = json_pack("{s:s}", "error", msg);
	return status;
}

int web_check_list(struct app *app, json_t **out)
{
	*out = check_list_json(app);
	return 200;
}

/* A note is a string of at most 255 bytes, or null. 0, or -1 for another shape. */
static int note_field(const json_t *body, const char **note)
{
	const json_t *v = json_object_get(body, "note");

	*note = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || json_string_length(v) > 255)
		return -1;
	*note = *json_string_value(v) ? json_string_value(v) : NULL;
	return 0;
}

/* The advice of the answers that count now, as the terminal shows after a round. */
static int outcome_json(struct app *app, json_t **out)
{
	struct screening_outcome o;
	json_t *advice;

	if (coach_screening_outcome(&app->coach, &o))
		return fail(out, 500, error_last());
	advice = json_advice_list(&o.advice);
	for (size_t i = 0; i < o.advice.n; i++)
		json_object_set_new(json_array_get(advice, i), "blocks",
				    json_boolean(advice_blocks_sessions(o.advice.items[i].code)));
	*out = json_pack("{s:o, s:b, s:b}", "advice", advice, "blocked", o.blocked, "required",
			 o.required);
	screening_outcome_release(&o);
	return 200;
}

int web_check_answer(struct app *app, const json_t *body, json_t **out)
{
	const json_t *given = json_object_get(body, "answers");
	struct screening_state st;
	struct strbuf msg = STRBUF_INIT;
	const char *key;
	json_t *v;
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int *answers = xcalloc(n, sizeof(*answers));
	int status = 0;

	if (!json_is_object(given)) {
		free(answers);
		return fail(out, 400, "answers is an object: {\"QUESTION-ID\": true or false}");
	}
	json_object_foreach((json_t *)given, key, v)
	{
		if (!safety_question_find(key)) {
			strbuf_addf(&msg, "unknown question '%s'", key);
			goto bad;
		}
		if (!json_is_boolean(v)) {
			strbuf_addf(&msg, "the answer to '%s' is true or false", key);
			goto bad;
		}
	}
	if (coach_store(&app->coach, 0) || coach_screening_state(&app->coach, &st)) {
		status = fail(out, 500, error_last());
		goto out;
	}
	/* The round asks what `hipcoach check` asks, in its order; each of those needs an answer.
	 */
	for (size_t i = 0; i < n; i++)
		answers[i] = -1;
	for (size_t i = 0; i < n; i++) {
		if (!safety_question_asked(i, answers, st.history_seen)) {
			v = json_object_get(given, q[i].id);
			if (json_is_true(v) && (q[i].flags & SCREEN_HISTORY))
				answers[i] = 1; /* what the runner volunteers stands */
			continue;
		}
		v = json_object_get(given, q[i].id);
		if (!v) {
			strbuf_addf(&msg,
				    "'%s' is not answered: every question needs a yes or a no",
				    q[i].id);
			screening_state_release(&st);
			goto bad;
		}
		answers[i] = json_is_true(v);
	}
	screening_state_release(&st);
	if (coach_screening_record(&app->coach, answers, NULL)) {
		status = fail(out, 500, error_last());
		goto out;
	}
	app_recorded(app);
	status = outcome_json(app, out);
	if (status == 200)
		status = 201;
	goto out;
bad:
	status = fail(out, 400, msg.buf);
out:
	strbuf_release(&msg);
	free(answers);
	return status;
}

int web_check_cleared(struct app *app, const json_t *body, json_t **out)
{
	const char *note;
	int had_yes = 0;

	if (note_field(body, &note))
		return fail(out, 400, "note is a string of up to 255 bytes, or null");
	if (coach_store(&app->coach, 0) || coach_screening_clear(&app->coach, note, &had_yes))
		return fail(out, 500, error_last());
	app_recorded(app);
	*out = json_pack("{s:b}", "had_yes", had_yes);
	return 201;
}

int web_check_care(struct app *app, const json_t *body, json_t **out)
{
	struct care_rec care;
	const char *note;
	char since[11];

	if (note_field(body, &note))
		return fail(out, 400, "note is a string of up to 255 bytes, or null");
	if (coach_store(&app->coach, 0) || coach_care_record(&app->coach, note, &care))
		return fail(out, 500, error_last());
	app_recorded(app);
	*out = json_pack("{s:s, s:o}", "since", day_format(care.since, since), "note",
			 care.note[0] ? json_string(care.note) : json_null());
	return 201;
}

int web_checkin_get(struct app *app, json_t **out)
{
	int due = coach_morning_due(&app->coach);

	if (due < 0)
		return fail(out, 500, error_last());
	*out = json_pack("{s:b}", "morning", due);
	return 200;
}

int web_checkin_answer(struct app *app, const json_t *body, json_t **out)
{
	const json_t *v = json_object_get(body, "score");
	int due;

	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 10)
		return fail(out, 400, "score is a number from 0 to 10");
	due = coach_morning_due(&app->coach);
	if (due < 0)
		return fail(out, 500, error_last());
	if (!due)
		return fail(out, 409, "there is no morning question today");
	if (coach_morning_record(&app->coach, (int)json_integer_value(v)))
		return fail(out, 500, error_last());
	app_recorded(app);
	*out = json_pack("{s:I}", "score", json_integer_value(v));
	return 201;
}
