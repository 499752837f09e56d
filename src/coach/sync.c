/* A runner's file and a clinic in step: the document a sync sends, what the clinic stores of it,
 * and the answer the file takes (src/coach/sync.h). */
#include "sync.h"

#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "core/plan.h"
#include "core/program.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/backup.h"
#include "store/profile.h"
#include "store/program.h"

/*
 * The tables of the runner's record a sync sends, in the order a row
 * meets what it refers to: a step its session, a PSFS score its activity,
 * a pain score its session (if any). `ref` is such a column, and `need`
 * says a row cannot be stored without what it names.
 */
static const struct synced {
	const char *table;
	const char *ref, *ref_table;
	int need;
} synced[] = {
    {"screening", NULL, NULL, 0},
    {"clearance", NULL, NULL, 0},
    {"care", NULL, NULL, 0},
    {"sessions", NULL, NULL, 0},
    {"results", "session_id", "sessions", 1},
    {"pain", "session_id", "sessions", 0},
    {"progress", NULL, NULL, 0},
    {"progress_log", NULL, NULL, 0},
    {"runs", NULL, NULL, 0},
    {"psfs_items", NULL, NULL, 0},
    {"psfs_scores", "item_id", "psfs_items", 1},
};

/* A session's columns that move after it is first sent: an unfinished one is finished later. */
static const char *const session_moves[] = {"status", "finished_at", "position", "pain_before",
					    "pain_after"};

/* The program's tables as the clinic sends them down. */
static const char *const program_tables[] = {"program_left_out", "program_doses", "program_note",
					     "program_changes"};

/* Screening rounds are numbered per record: a file's round N is the clinic's next. */
#define ROUND_KEY "screening-round"

int coach_link_get(struct coach *c, struct store_link *out)
{
	/* Open for writing: whoever asks goes on to link or to sync. */
	if (coach_store(c, 0))
		return -1;
	return store_link_get(&c->store, out);
}

int coach_link_save(struct coach *c, const struct store_link *l)
{
	int has = coach_has_profile(c);

	if (has < 0)
		return -1;
	if (!has)
		return error_set("set up your program first (hipcoach setup), then link it");
	return store_link_set(&c->store, l);
}

/* ---- the file's side: the document ---- */

static json_t *value_json(const struct store_value *v)
{
	switch (v->type) {
	case STORE_INT: return json_integer((json_int_t)v->i);
	case STORE_REAL: return json_real(v->d);
	case STORE_TEXT: return json_string(v->s);
	case STORE_NULL: break;
	}
	return json_null();
}

struct doc_rows {
	struct store *st;
	json_t *rows;
	int check_taken; /* a table some rows of which came from the clinic */
};

static int doc_row(void *ctx, const struct store_table *t, const struct store_value *v)
{
	struct doc_rows *d = ctx;
	json_t *row;
	int id = store_backup_column(t, "id");

	if (d->check_taken && id >= 0) {
		int taken = store_taken_is(d->st, t->name, v[id].i);

		if (taken < 0)
			return -1;
		if (taken)
			return 0;
	}
	row = json_object();
	for (size_t i = 0; i < t->ncols; i++)
		json_object_set_new(row, t->cols[i], value_json(&v[i]));
	json_array_append_new(d->rows, row);
	return 0;
}

int coach_sync_document(struct coach *c, json_t **out)
{
	const struct profile *p;
	json_t *doc, *tables;
	char start[11];

	*out = NULL;
	if (coach_profile(c))
		return -1;
	p = &c->profile;
	doc = json_pack("{s:s, s:i}", "format", SYNC_FORMAT, "version", SYNC_VERSION);
	json_object_set_new(
	    doc, "profile",
	    json_pack("{s:i, s:o, s:i, s:b, s:b, s:s}", "run_days", (int)p->run_days,
		      "long_run_day", p->long_run_day >= 0 ? json_integer(p->long_run_day) : json_null(),
		      "strength_days", (int)p->strength_days, "miles", p->miles, "pounds", p->pounds,
		      "start_date", day_format(p->start_date, start)));
	tables = json_object();
	json_object_set_new(doc, "tables", tables);
	for (size_t i = 0; i < ARRAY_SIZE(synced); i++) {
		struct doc_rows d = {.st = &c->store, .rows = json_array()};

		d.check_taken = !strcmp(synced[i].table, "clearance");
		json_object_set_new(tables, synced[i].table, d.rows);
		if (store_backup_rows(&c->store, store_backup_find(synced[i].table), doc_row, &d)) {
			json_decref(doc);
			return -1;
		}
	}
	*out = doc;
	return 0;
}

/* ---- the clinic's side: storing a document ---- */

/* A member of `o` that is a whole number within [lo, hi]: 0 with *v, or -1 (*bad). */
static int member_int(json_t *o, const char *key, long lo, long hi, long *v, int *bad)
{
	json_t *m = json_object_get(o, key);

	if (!json_is_integer(m) || json_integer_value(m) < lo || json_integer_value(m) > hi) {
		*bad = 1;
		return error_set("'%s' must be a whole number from %ld to %ld", key, lo, hi);
	}
	*v = (long)json_integer_value(m);
	return 0;
}

/* The runner's week, units and start, from the document's "profile" (when given). */
static int take_week(struct store *st, json_t *o, int *bad)
{
	struct profile p;
	json_t *lr = json_object_get(o, "long_run_day");
	const char *start = json_string_value(json_object_get(o, "start_date"));
	long run_days, strength_days, long_run = -1;
	day_t day;
	int r, ret = -1;

	if (!o)
		return 0;
	if (!json_is_object(o) || member_int(o, "run_days", 0, 127, &run_days, bad) ||
	    member_int(o, "strength_days", 0, 127, &strength_days, bad) ||
	    (!json_is_null(lr) && member_int(o, "long_run_day", 0, 6, &long_run, bad)) ||
	    !start || day_parse(start, &day)) {
		*bad = 1;
		return error_set("the profile of a sync is {\"run_days\", \"long_run_day\", "
				 "\"strength_days\", \"miles\", \"pounds\", \"start_date\"}");
	}
	profile_init(&p);
	r = store_profile_load(st, &p);
	if (r == 0)
		error_set("the clinic has set up no program for this runner yet");
	if (r > 0) {
		p.run_days = (unsigned)run_days;
		p.strength_days = (unsigned)strength_days;
		p.long_run_day = (int)long_run;
		p.miles = json_is_true(json_object_get(o, "miles"));
		p.pounds = json_is_true(json_object_get(o, "pounds"));
		p.start_date = day;
		ret = store_profile_save(st, &p);
	}
	profile_release(&p);
	return ret;
}

/* A row's id in the file: 0 with *id, or -1 (*bad). */
static int row_id(json_t *row, const char *table, size_t i, int64_t *id, int *bad)
{
	json_t *v = json_object_get(row, "id");

	if (!json_is_integer(v)) {
		*bad = 1;
		return error_set("table '%s', row %zu: no id", table, i + 1);
	}
	*id = json_integer_value(v);
	return 0;
}

/* Stores one new row of `s`: its columns but the id, its reference and round in the clinic's
 * ids, then notes which row it is. *added counts it (0 when it was there by name). */
static int add_row(struct store *st, int64_t device, const struct synced *s,
		   const struct store_table *t, json_t *row, int64_t local, size_t i, int *added,
		   int *bad)
{
	const char **cols = xcalloc(t->ncols, sizeof(*cols));
	struct store_value *vals = xcalloc(t->ncols, sizeof(*vals));
	const char *key;
	json_t *v;
	size_t n = 0;
	int64_t server = 0, mapped;
	int ret = -1, r;

	*added = 1;
	if (!strcmp(s->table, "psfs_items")) {
		/* An activity the clinic has by name already is that one. */
		r = store_sync_psfs_item(st, json_string_value(json_object_get(row, "name")) ?: "",
					 &server);
		if (r < 0)
			goto out;
		*added = !r;
	}
	json_object_foreach(row, key, v)
	{
		struct store_value sv = backup_json_value(v);

		if (!strcmp(key, "id") || !*added)
			continue;
		if (s->ref && !strcmp(key, s->ref) && sv.type != STORE_NULL) {
			r = store_sync_find(st, device, s->ref_table, sv.i, &mapped);
			if (r < 0)
				goto out;
			if (!r && s->need) {
				*bad = 1;
				error_set("table '%s', row %zu: %s %lld was not sent", s->table, i + 1,
					  s->ref, (long long)sv.i);
				goto out;
			}
			sv.type = r ? STORE_INT : STORE_NULL;
			sv.i = mapped;
		}
		if (!strcmp(s->table, "screening") && !strcmp(key, "round") &&
		    sv.type == STORE_INT) {
			r = store_sync_find(st, device, ROUND_KEY, sv.i, &mapped);
			if (r == 0 && (mapped = store_sync_next_round(st)) > 0 &&
			    store_sync_add(st, device, ROUND_KEY, sv.i, mapped))
				r = -1;
			if (r < 0 || mapped <= 0)
				goto out;
			sv.i = mapped;
		}
		cols[n] = key;
		vals[n++] = sv;
	}
	if (*added && store_backup_insert(st, t, cols, vals, n, &server)) {
		*bad = 1; /* the database's own words: a value it refuses */
		error_set("table '%s', row %zu: %s", s->table, i + 1, error_last());
		goto out;
	}
	ret = store_sync_add(st, device, s->table, local, server);
out:
	free(cols);
	free(vals);
	return ret;
}

/* A session sent again: the columns that move take the file's values. */
static int update_session(struct store *st, const struct store_table *t, json_t *row,
			  int64_t server)
{
	const char *cols[ARRAY_SIZE(session_moves)];
	struct store_value vals[ARRAY_SIZE(session_moves)];
	size_t n = 0;

	for (size_t k = 0; k < ARRAY_SIZE(session_moves); k++) {
		json_t *v = json_object_get(row, session_moves[k]);

		if (!v)
			continue;
		cols[n] = session_moves[k];
		vals[n++] = backup_json_value(v);
	}
	return n ? store_backup_update(st, t, server, cols, vals, n) : 0;
}

/* Inserts a checked row of `t` (backup_check_rows()) as it is, every column it names. */
static int insert_row(struct store *st, const struct store_table *t, json_t *row)
{
	const char **cols = xcalloc(t->ncols, sizeof(*cols)), *key;
	struct store_value *vals = xcalloc(t->ncols, sizeof(*vals));
	size_t n = 0;
	json_t *v;
	int ret;

	json_object_foreach(row, key, v)
	{
		cols[n] = key; /* a checked row names only the table's columns, each once */
		vals[n++] = backup_json_value(v);
	}
	ret = store_backup_insert(st, t, cols, vals, n, NULL);
	free(cols);
	free(vals);
	return ret;
}

/* A progress row replaces the clinic's for its exercise. */
static int replace_progress(struct store *st, const struct store_table *t, json_t *row)
{
	const char *exercise = json_string_value(json_object_get(row, "exercise"));

	if (!exercise)
		return error_set("a progress row names no exercise");
	if (store_sync_progress_forget(st, exercise))
		return -1;
	return insert_row(st, t, row);
}

/* One table of the document into the clinic's record. */
static int receive_table(struct store *st, int64_t device, const struct synced *s, json_t *rows,
			 struct sync_count *count, int *bad)
{
	const struct store_table *t = store_backup_find(s->table);
	json_t *row;
	size_t i;

	if (backup_check_rows("sync", t, rows)) {
		*bad = 1;
		return -1;
	}
	json_array_foreach(rows, i, row)
	{
		int64_t local = 0, server = 0;
		int r, added;

		if (!strcmp(s->table, "progress")) {
			if (replace_progress(st, t, row)) {
				*bad = 1;
				return error_set("table 'progress', row %zu: %s", i + 1,
						 error_last());
			}
			count->updated++;
			continue;
		}
		if (row_id(row, s->table, i, &local, bad))
			return -1;
		r = store_sync_find(st, device, s->table, local, &server);
		if (r < 0)
			return -1;
		if (r && !strcmp(s->table, "sessions")) {
			if (update_session(st, t, row, server))
				return -1;
			count->updated++;
		} else if (r) {
			count->known++;
		} else {
			if (add_row(st, device, s, t, row, local, i, &added, bad))
				return -1;
			if (added)
				count->added++;
			else
				count->known++;
		}
	}
	return 0;
}

int coach_sync_receive(struct coach *c, int64_t device, json_t *doc, struct sync_report *rep,
		       int *bad)
{
	struct store *st = &c->store;
	json_t *tables = json_object_get(doc, "tables"), *v;
	const char *key;

	memset(rep, 0, sizeof(*rep));
	*bad = 1;
	v = json_object_get(doc, "format");
	if (!json_is_string(v) || strcmp(json_string_value(v), SYNC_FORMAT))
		return error_set("this is not a hipcoach sync document");
	v = json_object_get(doc, "version");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > SYNC_VERSION)
		return error_set("a sync of version %lld: this clinic reads up to %d; update the "
				 "clinic's hipcoach",
				 (long long)json_integer_value(v), SYNC_VERSION);
	if (!json_is_object(tables))
		return error_set("a sync document holds \"tables\"");
	json_object_foreach(tables, key, v)
	{
		size_t i = 0;

		while (i < ARRAY_SIZE(synced) && strcmp(synced[i].table, key))
			i++;
		if (i == ARRAY_SIZE(synced))
			return error_set("a sync does not send table '%s'", key);
	}
	*bad = 0;
	if (coach_store(c, 0) || store_begin(st))
		return -1;
	if (take_week(st, json_object_get(doc, "profile"), bad))
		goto fail;
	for (size_t i = 0; i < ARRAY_SIZE(synced); i++) {
		json_t *rows = json_object_get(tables, synced[i].table);
		struct sync_count *count = &rep->tables[rep->ntables++];

		count->table = synced[i].table;
		if (rows && receive_table(st, device, &synced[i], rows, count, bad))
			goto fail;
	}
	if (store_commit(st))
		goto fail;
	coach_refresh(c, 1);
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* ---- the clinic's answer ---- */

static json_t *count_json(int v)
{
	return v > 0 ? json_integer(v) : json_null();
}

/* The program_* tables of the clinic's record, as rows of the file's tables. */
static json_t *program_json(const struct program_current *cur, const struct program_history *h,
			    size_t nh)
{
	json_t *o = json_object(), *left = json_array(), *doses = json_array(),
	       *note = json_array(), *changes = json_array();

	for (size_t i = 0; i < cur->nleft_out; i++) {
		const struct program_omit *m = &cur->left_out[i];

		json_array_append_new(left, json_pack("{s:s, s:s, s:s, s:s}", "exercise",
						      m->exercise, "reason", m->reason, "who",
						      m->who, "changed_at", m->at));
	}
	for (size_t i = 0; i < cur->ndoses; i++) {
		const struct program_dose *d = &cur->doses[i];

		json_array_append_new(
		    doses, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s}", "exercise",
				     d->exercise, "sets", count_json(d->sets), "reps_min",
				     count_json(d->reps_min), "reps_max", count_json(d->reps_max),
				     "hold_s", count_json(d->hold_s), "load_kg",
				     d->load_kg >= 0 ? json_real(d->load_kg) : json_null(), "why",
				     d->why, "who", d->who, "changed_at", d->at));
	}
	if (cur->note)
		json_array_append_new(note, json_pack("{s:i, s:s, s:s, s:s}", "id", 1, "note",
						      cur->note, "who", cur->note_who,
						      "changed_at", cur->note_at));
	/* Oldest first, as the file numbers them. */
	for (size_t i = nh; i-- > 0;)
		json_array_append_new(changes,
				      json_pack("{s:s, s:s, s:s, s:s}", "at", h[i].at, "who",
						h[i].who, "why", h[i].why, "what", h[i].what));
	json_object_set_new(o, "program_left_out", left);
	json_object_set_new(o, "program_doses", doses);
	json_object_set_new(o, "program_note", note);
	json_object_set_new(o, "program_changes", changes);
	return o;
}

int coach_sync_answer(struct coach *c, int64_t device, json_t **out)
{
	struct store *st = &c->store;
	struct program_current cur;
	struct program_history *h = NULL;
	struct sync_clearance *cl = NULL;
	struct profile p;
	size_t nh = 0, ncl = 0;
	json_t *weights, *clear;
	int ret = -1;

	*out = NULL;
	profile_init(&p);
	program_current_init(&cur);
	if (store_profile_load(st, &p) <= 0 || store_program_load(st, &cur) ||
	    store_program_history(st, &h, &nh) || store_sync_clearances(st, device, &cl, &ncl))
		goto out;
	weights = json_array();
	for (int i = 0; i < p.nweights; i++)
		json_array_append_new(weights, json_real(p.weights_kg[i]));
	clear = json_array();
	for (size_t i = 0; i < ncl; i++)
		json_array_append_new(clear, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)cl[i].id,
						       "cleared_at", cl[i].cleared_at, "note",
						       cl[i].note));
	*out = json_pack("{s:{s:s, s:i, s:o}, s:o, s:o}", "profile", "level",
			 level_names[p.level], "equipment", (int)p.equipment, "weights_kg", weights,
			 "program", program_json(&cur, h, nh), "clearance", clear);
	ret = 0;
out:
	profile_release(&p);
	program_current_release(&cur);
	program_history_free(h, nh);
	free(cl);
	return ret;
}

/* ---- the file's side: taking the answer ---- */

/* The level, equipment and weights of the answer into the file's profile. */
static int take_profile(struct store *st, json_t *o, struct sync_taken *taken)
{
	const char *level = json_string_value(json_object_get(o, "level"));
	json_t *eq = json_object_get(o, "equipment"), *w = json_object_get(o, "weights_kg"), *v;
	struct profile p;
	int lv = 0, ret = -1;
	size_t i;

	while (level && lv < LEVEL_COUNT && strcmp(level_names[lv], level))
		lv++;
	if (!level || lv == LEVEL_COUNT || !json_is_integer(eq) || json_integer_value(eq) < 0 ||
	    json_integer_value(eq) >= (1 << EQ_COUNT) || !json_is_array(w) ||
	    json_array_size(w) > PROFILE_MAX_WEIGHTS)
		return error_set("the clinic's answer has no valid profile");
	profile_init(&p);
	if (store_profile_load(st, &p) <= 0)
		goto out;
	taken->level_changed = p.level != lv;
	taken->equipment_changed = p.equipment != (unsigned)json_integer_value(eq);
	p.level = lv;
	p.equipment = (unsigned)json_integer_value(eq);
	p.nweights = 0;
	json_array_foreach(w, i, v)
	{
		if (!json_is_number(v))
			goto out;
		p.weights_kg[p.nweights++] = json_number_value(v);
	}
	ret = store_profile_save(st, &p);
out:
	profile_release(&p);
	return ret;
}

/* The program_* tables as the clinic holds them, in place of the file's. */
static int take_program(struct store *st, json_t *program, struct sync_taken *taken)
{
	struct program_history *h = NULL;
	size_t before = 0;

	if (!json_is_object(program))
		return error_set("the clinic's answer has no program");
	for (size_t k = 0; k < ARRAY_SIZE(program_tables); k++)
		if (backup_check_rows("the clinic's answer", store_backup_find(program_tables[k]),
				      json_object_get(program, program_tables[k])))
			return -1;
	if (store_program_history(st, &h, &before))
		return -1;
	program_history_free(h, before);
	if (store_sync_program_clear(st))
		return -1;
	for (size_t k = 0; k < ARRAY_SIZE(program_tables); k++) {
		const struct store_table *t = store_backup_find(program_tables[k]);
		json_t *rows = json_object_get(program, program_tables[k]), *row;
		size_t i;

		json_array_foreach(rows, i, row)
		{
			if (insert_row(st, t, row))
				return error_set("the clinic's %s: %s", t->name, error_last());
		}
		if (!strcmp(t->name, "program_changes") && json_array_size(rows) > before)
			taken->changes = json_array_size(rows) - before;
	}
	return 0;
}

/* The clearances the file has not taken yet. */
static int take_clearances(struct store *st, json_t *list, struct sync_taken *taken)
{
	static const char *const cols[] = {"cleared_at", "note"};
	const struct store_table *t = store_backup_find("clearance");
	json_t *o;
	size_t i;

	if (!json_is_array(list))
		return error_set("the clinic's answer has no list of clearances");
	json_array_foreach(list, i, o)
	{
		json_t *id = json_object_get(o, "id");
		const char *at = json_string_value(json_object_get(o, "cleared_at"));
		const char *note = json_string_value(json_object_get(o, "note"));
		struct store_value vals[2] = {{.type = STORE_TEXT, .s = at},
					      {.type = note ? STORE_TEXT : STORE_NULL, .s = note}};
		int64_t local;
		int r;

		if (!json_is_integer(id) || !at)
			return error_set("the clinic's answer has a clearance without its id");
		r = store_taken_find(st, "clearance", json_integer_value(id), &local);
		if (r)
			continue;
		if (r < 0 || store_backup_insert(st, t, cols, vals, 2, &local) ||
		    store_taken_add(st, "clearance", json_integer_value(id), local))
			return -1;
		taken->clearances++;
	}
	return 0;
}

int coach_sync_take(struct coach *c, json_t *answer, struct sync_taken *taken)
{
	struct store *st = &c->store;
	char now[21];

	memset(taken, 0, sizeof(*taken));
	if (coach_store(c, 0) || store_begin(st))
		return -1;
	time_format_iso(clock_now(), now);
	if (take_profile(st, json_object_get(answer, "profile"), taken) ||
	    take_program(st, json_object_get(answer, "program"), taken) ||
	    take_clearances(st, json_object_get(answer, "clearance"), taken) ||
	    store_link_synced(st, now) || store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	coach_forget(c);
	return 0;
}
