/* `hipcoach link` and `hipcoach sync`: a runner's own record linked to their physical therapist's
 * clinic (docs/clinic.md), its rows sent there and the therapist's program taken back. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "coach/sync.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/http.h"
#include "lib/strbuf.h"

/* The clinic's address without a final slash, then `path`. */
static void endpoint(struct strbuf *out, const char *base, const char *path)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	strbuf_addf(out, "%.*s%s", (int)n, base, path);
}

/*
 * POSTs `body` to the clinic: 0 with the answer of a 2xx in *answer, or
 * -1 after printing why (out of reach, or the clinic's own error).
 */
static int post(const char *url, const char *token, const char *body, json_t **answer)
{
	struct strbuf out = STRBUF_INIT;
	json_t *doc = NULL;
	long status = 0;
	int ret = -1;

	*answer = NULL;
	if (http_post_json(url, token, body, &status, &out)) {
		error("%s", error_last());
		goto done;
	}
	doc = json_loadb(out.buf ? out.buf : "", out.len, 0, NULL);
	if (status / 100 == 2 && json_is_object(doc)) {
		*answer = doc;
		doc = NULL;
		ret = 0;
	} else if (status == 404 && strstr(url, "/api/link/")) {
		error("the clinic does not know this code (mistyped, used or expired): ask your "
		      "physical therapist for a new one");
	} else if (json_is_string(json_object_get(doc, "error"))) {
		error("the clinic answered %ld: %s", status,
		      json_string_value(json_object_get(doc, "error")));
	} else {
		error("%s answered %ld, not as a hipcoach clinic does: is the address right?", url,
		      status);
	}
done:
	json_decref(doc);
	strbuf_release(&out);
	return ret;
}

static const struct opt link_opts[] = {
    {"replace", 0, NULL, "link to this clinic in place of the one linked before"},
    {0},
};

static int run_link(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const char *base = args->pos[0], *code = args->pos[1];
	struct strbuf url = STRBUF_INIT;
	struct store_link l, old;
	json_t *answer;
	int r, ret = 1;

	if (strncmp(base, "http://", 7) && strncmp(base, "https://", 8))
		return usage_error(cmd, "the clinic's address starts with https:// (or http://), "
					"not '%s'",
				   base);
	if (strlen(base) >= sizeof(l.url) || strlen(code) > 64 || strchr(code, '/'))
		return usage_error(cmd, "'%s' is not an invite code", code);
	r = coach_link_get(&app->coach, &old);
	if (r < 0) {
		error("%s", error_last());
		return 1;
	}
	if (r > 0 && !arg_has(cmd, args, "replace")) {
		error("this record is linked to %s (%s) already: give --replace to link it to "
		      "another clinic",
		      old.clinic, old.url);
		return 1;
	}
	endpoint(&url, base, "/api/link/");
	strbuf_addstr(&url, code);
	if (post(url.buf, NULL, "{}", &answer))
		goto out;
	memset(&l, 0, sizeof(l));
	snprintf(l.url, sizeof(l.url), "%s", base);
	snprintf(l.token, sizeof(l.token), "%s",
		 json_string_value(json_object_get(answer, "token")) ?: "");
	snprintf(l.clinic, sizeof(l.clinic), "%s",
		 json_string_value(json_object_get(answer, "clinic")) ?: "");
	snprintf(l.patient, sizeof(l.patient), "%s",
		 json_string_value(json_object_get(answer, "patient")) ?: "");
	time_format_iso(clock_now(), l.linked_at);
	json_decref(answer);
	if (!l.token[0]) {
		error("%s did not give this record a token: is it a hipcoach clinic?", base);
	} else if (coach_link_save(&app->coach, &l)) {
		error("%s", error_last());
	} else {
		printf("Linked to %s, as %s.\n"
		       "Send your record there and take your therapist's program:\n"
		       "  hipcoach sync\n",
		       l.clinic, l.patient);
		ret = 0;
	}
out:
	strbuf_release(&url);
	return ret;
}

const struct command cmd_link = {
    .name = "link",
    .summary = "link your record to your physical therapist's clinic",
    .usage = "URL CODE [--replace]",
    .help = "Your physical therapist runs hipcoach for their clinic and gave you an invite:\n"
	    "its address (URL) and a code. Linking this record to it lets `hipcoach sync`\n"
	    "send what you do here (sessions, pain, runs, the safety questions) to your\n"
	    "therapist and bring back the program they set for you. The code works once.",
    .opts = link_opts,
    .min_pos = 2,
    .max_pos = 2,
    .run = run_link,
    .group = GROUP_CLINIC,
};

/* "3 sessions" / "1 session": a count of a table, when there is one. */
static void count(struct strbuf *sb, json_t *received, const char *table, const char *one,
		  const char *many)
{
	json_int_t n = json_integer_value(json_object_get(json_object_get(received, table), "added"));

	if (n > 0)
		strbuf_addf(sb, "%s%lld %s", sb->len ? ", " : "", (long long)n, n == 1 ? one : many);
}

static int run_sync(struct app *app, const struct args *args)
{
	struct strbuf url = STRBUF_INIT, sent = STRBUF_INIT;
	struct store_link l;
	struct sync_taken taken;
	json_t *doc = NULL, *answer = NULL, *received;
	char *body = NULL;
	int r, ret = 1;

	(void)args;
	r = coach_link_get(&app->coach, &l);
	if (r <= 0) {
		error("%s", r < 0 ? error_last()
				  : "this record is not linked to a clinic: link it first with "
				    "hipcoach link URL CODE");
		return 1;
	}
	if (coach_sync_document(&app->coach, &doc)) {
		error("%s", error_last());
		return 1;
	}
	body = json_dumps(doc, JSON_COMPACT);
	endpoint(&url, l.url, "/api/sync");
	if (!body || post(url.buf, l.token, body, &answer))
		goto out;
	if (coach_sync_take(&app->coach, answer, &taken)) {
		error("%s: nothing of the clinic's was taken", error_last());
		goto out;
	}
	received = json_object_get(answer, "received");
	count(&sent, received, "sessions", "session", "sessions");
	count(&sent, received, "results", "exercise step", "exercise steps");
	count(&sent, received, "pain", "pain score", "pain scores");
	count(&sent, received, "runs", "run", "runs");
	count(&sent, received, "screening", "answer to the safety questions",
	      "answers to the safety questions");
	count(&sent, received, "psfs_scores", "activity score", "activity scores");
	printf("Synced with %s.\n", l.clinic);
	printf("Sent: %s.\n", sent.len ? sent.buf : "nothing new");
	if (taken.level_changed || taken.equipment_changed)
		printf("Your level and equipment are now as your therapist set them: see hipcoach "
		       "setup --show.\n");
	if (taken.changes)
		printf("Your therapist changed your program (%zu new change%s): see hipcoach "
		       "program-change.\n",
		       taken.changes, taken.changes == 1 ? "" : "s");
	if (taken.clearances)
		printf("Your therapist recorded that a clinician has seen you: guided sessions "
		       "follow their word.\n");
	ret = 0;
out:
	free(body);
	json_decref(doc);
	json_decref(answer);
	strbuf_release(&url);
	strbuf_release(&sent);
	return ret;
}

const struct command cmd_sync = {
    .name = "sync",
    .summary = "send your record to your clinic and take your therapist's program",
    .usage = "",
    .help = "Once this record is linked to your physical therapist's clinic (hipcoach link),\n"
	    "sends what you did (sessions, pain, runs, the safety questions, PSFS scores) and\n"
	    "takes back the program your therapist set: the level, the equipment, exercises\n"
	    "left out, doses and their note, and a clinician's clearance after a safety\n"
	    "answer. Run it as often as you like: what the clinic has already is not stored\n"
	    "twice.",
    .opts = NULL,
    .min_pos = 0,
    .max_pos = 0,
    .run = run_sync,
    .group = GROUP_CLINIC,
};
