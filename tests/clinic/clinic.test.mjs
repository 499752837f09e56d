// `hipcoach clinic serve` on a throwaway PostgreSQL (run by tests/pg/cluster.sh, which sets
// $HIPCOACH_TEST_PG): set-password links, invites, logins and their rate limit, who may reach
// which endpoint (every endpoint as the right login, the wrong patient, the wrong therapist and
// nobody), the dashboard's order, the audit log, and two server processes on one database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { startServer, stopServer } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(resolve(here, '../..'), 'hipcoach');
const pg = process.env.HIPCOACH_TEST_PG;
const work = mkdtempSync(join(tmpdir(), 'hipcoach-clinic-'));
const env = {
	...process.env, HIPCOACH_PG: pg, TZ: 'UTC', NO_COLOR: '1',
	HOME: work, no_proxy: '*', NO_PROXY: '*',
};
delete env.HIPCOACH_DB;
// The real clock, not a pinned one: a clearance must come after the answers it clears.
delete env.HIPCOACH_NOW;
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

const servers = [];
let one, two; // two processes on one database

function hc(args) {
	return execFileSync(bin, args, { env, encoding: 'utf8' });
}

function psql(sql, url = pg) {
	return execFileSync('psql', [url, '-X', '-A', '-t', '-c', sql], { encoding: 'utf8' }).trim();
}

// A server of this test's, stopped (and its exit checked) at the end.
async function start(extra = []) {
	const s = await startServer(bin, env, ['--threads', '2', ...extra]);
	servers.push(s);
	return s;
}

// One request; `as` is a login ({cookie}) or null for nobody. JSON bodies are sent as JSON.
function req(port, method, path, { as = null, body, headers = {}, raw } = {}) {
	return new Promise((ok, fail) => {
		const h = { Host: `127.0.0.1:${port}`, ...headers };
		let data = null;
		if (raw !== undefined) data = raw;
		else if (body !== undefined) { data = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
		if (data !== null) h['Content-Length'] = Buffer.byteLength(data);
		if (as) h.Cookie = as.cookie;
		const r = http.request({ host: '127.0.0.1', port, path, method, headers: h, agent: false }, (res) => {
			const parts = [];
			res.on('data', (c) => parts.push(c));
			res.on('end', () => {
				const text = Buffer.concat(parts).toString('utf8');
				let json = null;
				try { json = JSON.parse(text); } catch { /* not JSON */ }
				ok({ status: res.statusCode, headers: res.headers, text, json });
			});
		});
		r.on('error', fail);
		if (data !== null) r.write(data);
		r.end();
	});
}

function cookieOf(res) {
	const c = res.headers['set-cookie'];
	assert.ok(c && c[0], 'a cookie is set');
	return { cookie: c[0].split(';')[0], header: c[0] };
}

const login = async (port, email, password) => {
	const r = await req(port, 'POST', '/api/login', { body: { email, password } });
	assert.equal(r.status, 200, `${email} logs in: ${r.text}`);
	return cookieOf(r);
};

// The patients' set-up the therapist gives.
const program = { level: 'beginner', equipment: ['mat', 'band'], run_days: ['mon', 'wed', 'sat'], long_run: 'sat' };
const pw = 'correct horse battery';
const who = {}; // ana, ben (therapists of two clinics); p1, p2 (Ana's patients); q1 (Ben's)
const ids = {};
const invites = {};

async function therapist(name, email, clinic) {
	const out = hc(['clinic', 'add-therapist', '--email', email, '--name', name, '--clinic', clinic]);
	const m = out.match(/clinic\.html#password=([0-9a-f]{64})/);
	assert.ok(m, 'add-therapist prints the set-password link: ' + out);
	const r = await req(one.port, 'POST', `/api/password/${m[1]}`, { body: { password: pw } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.role, 'therapist');
	const again = await req(one.port, 'POST', `/api/password/${m[1]}`, { body: { password: pw } });
	assert.equal(again.status, 404, 'the link works once');
	return cookieOf(r);
}

async function patient(by, name, email) {
	const r = await req(one.port, 'POST', '/api/patients', { as: by, body: { name, ...program } });
	assert.equal(r.status, 201, r.text);
	assert.match(r.json.invite_code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	assert.ok(r.json.invite_url.endsWith('/clinic.html#invite=' + r.json.invite_code));
	assert.match(r.json.invite_qr_svg, /^<svg /);
	invites[email] = r.json.invite_code;
	// Claimed through the other process: nothing of the invite lives in a server's memory.
	const look = await req(two.port, 'GET', `/api/invite/${r.json.invite_code.toLowerCase()}`);
	assert.equal(look.status, 200, look.text);
	assert.equal(look.json.patient_name, name);
	const claim = await req(two.port, 'POST', `/api/invite/${r.json.invite_code}`, { body: { email, password: pw } });
	assert.equal(claim.status, 200, claim.text);
	assert.equal(claim.json.role, 'patient');
	assert.equal(claim.json.patient_id, r.json.id);
	return [r.json.id, cookieOf(claim)];
}

before(async () => {
	assert.ok(pg, 'run through tests/pg/cluster.sh');
	assert.match(hc(['clinic', 'init']), /ready/);
	assert.match(hc(['clinic', 'init']), /ready/, 'init again is harmless');
	one = await start();
	two = await start();
	who.ana = await therapist('Ana Ruiz', 'ana@north.example', 'North');
	who.ben = await therapist('Ben Ode', 'ben@south.example', 'South');
	[ids.p1, who.p1] = await patient(who.ana, 'Pia One', 'pia@example.org');
	[ids.p2, who.p2] = await patient(who.ana, 'Paul Two', 'paul@example.org');
	[ids.q1, who.q1] = await patient(who.ben, 'Quinn', 'quinn@example.org');
});

after(async () => {
	for (const s of servers) assert.equal(await stopServer(s), 0);
	rmSync(work, { recursive: true, force: true });
});

test('cookies are HttpOnly and SameSite=Strict; /api/me says who is in', async () => {
	const r = await req(one.port, 'POST', '/api/login', { body: { email: 'ANA@north.example', password: pw } });
	assert.equal(r.status, 200);
	const c = cookieOf(r).header;
	assert.match(c, /^hc_session=[0-9a-f]{64}; /);
	assert.match(c, /HttpOnly/);
	assert.match(c, /SameSite=Strict/);
	assert.doesNotMatch(c, /Secure/, 'Secure only with --secure');
	const me = await req(two.port, 'GET', '/api/me', { as: cookieOf(r) });
	assert.deepEqual(me.json, { role: 'therapist', name: 'Ana Ruiz', email: 'ana@north.example', clinic: 'North' });
	const pme = await req(one.port, 'GET', '/api/me', { as: who.p1 });
	assert.equal(pme.json.role, 'patient');
	assert.equal(pme.json.patient_id, ids.p1);
	assert.equal((await req(one.port, 'GET', '/api/me')).status, 401);
	assert.equal((await req(one.port, 'GET', '/api/me', { as: { cookie: 'hc_session=' + 'a'.repeat(64) } })).status, 401);
});

test('an invite is claimed once; an email logs in once', async () => {
	const code = invites['pia@example.org'];
	assert.equal((await req(one.port, 'GET', `/api/invite/${code}`)).status, 404, 'claimed: gone');
	assert.equal((await req(one.port, 'POST', `/api/invite/${code}`, { body: { email: 'other@example.org', password: pw } })).status, 404);
	// A new patient's invite with an email that has a login already: 409, and the invite stays open.
	const r = await req(one.port, 'POST', '/api/patients', { as: who.ana, body: { name: 'Rae', ...program } });
	assert.equal(r.status, 201);
	const dup = await req(one.port, 'POST', `/api/invite/${r.json.invite_code}`, { body: { email: 'pia@example.org', password: pw } });
	assert.equal(dup.status, 409);
	assert.equal((await req(one.port, 'GET', `/api/invite/${r.json.invite_code}`)).status, 200);
	// A new invite replaces the old one.
	const again = await req(one.port, 'POST', `/api/patients/${r.json.id}/invite`, { as: who.ana, body: {} });
	assert.equal(again.status, 201);
	assert.equal((await req(one.port, 'GET', `/api/invite/${r.json.invite_code}`)).status, 404);
	assert.equal((await req(one.port, 'GET', `/api/invite/${again.json.invite_code}`)).status, 200);
	// A claimed patient gets no new invite.
	assert.equal((await req(one.port, 'POST', `/api/patients/${ids.p1}/invite`, { as: who.ana, body: {} })).status, 409);
	// A short password is refused.
	const short = await req(one.port, 'POST', `/api/invite/${again.json.invite_code}`, { body: { email: 'rae@example.org', password: 'short' } });
	assert.equal(short.status, 400);
	// A refused set-up leaves no patient behind.
	const bad = await req(one.port, 'POST', '/api/patients', { as: who.ana, body: { name: 'Bad', ...program, level: 'olympic' } });
	assert.equal(bad.status, 400);
	assert.equal(psql("SELECT count(*) FROM patients WHERE name = 'Bad'"), '0');
});

// Every therapist endpoint on a patient of Ana's clinic, and what Ana gets.
const therapistEndpoints = [
	['GET', '', 200], ['GET', '/today', 200], ['GET', '/status', 200], ['GET', '/plan', 200],
	['GET', '/history', 200], ['GET', '/runs', 200], ['GET', '/psfs', 200], ['GET', '/load', 200],
	['POST', '/clearance', 201, { note: 'seen today' }], ['POST', '/invite', 409, {}],
	['GET', '/program', 200], ['GET', '/report', 200], ['PATCH', '/program', 200, { note: 'An easy week: keep the squats light.', why: 'first visit' }],
];

// Every endpoint of a patient's own record, and what the patient gets.
const patientEndpoints = [
	['GET', '/api/today', 200], ['GET', '/api/plan', 200], ['GET', '/api/status', 200],
	['GET', '/api/history', 200], ['GET', '/api/runs', 200], ['GET', '/api/runs/weeks', 200],
	['GET', '/api/load', 200], ['GET', '/api/progress', 200], ['GET', '/api/exercises', 200],
	['GET', '/api/exercises/clamshell', 200], ['GET', '/api/profile', 200], ['GET', '/api/check', 200],
	['GET', '/api/checkin', 200], ['GET', '/api/figures', 200], ['GET', '/api/session', 200],
	['GET', '/api/export/ics', 200], ['GET', '/api/export/fit', 200], ['GET', '/api/export/csv', 404],
	['POST', '/api/pain', 201, { score: 3, context: 'morning', date: day(-1) }],
	['POST', '/api/runs', 201, { date: day(-2), distance_m: 5000, duration: '30:00' }],
	['POST', '/api/sessions', 201, { kind: 'stretch', date: day(-1) }],
	['POST', '/api/check/care', 201, { note: null }],
	['POST', '/api/checkin', 201, { score: 2 }],
	['POST', '/api/session/start', 201, { kind: 'stretch', pain_before: null, resume: true }],
	['POST', '/api/session/sync', 200, { kind: 'stretch', records: [] }],
];

test('every therapist endpoint: the right therapist 2xx, another clinic\'s, a patient 404, nobody 401', async () => {
	for (const [method, rest, want, body] of therapistEndpoints) {
		const path = `/api/patients/${ids.p1}${rest}`;
		const opts = body === undefined ? {} : { body };
		assert.equal((await req(one.port, method, path, { ...opts, as: who.ana })).status, want, `Ana ${method} ${path}`);
		assert.equal((await req(one.port, method, path, { ...opts, as: who.ben })).status, 404, `Ben ${method} ${path}`);
		assert.equal((await req(one.port, method, path, { ...opts, as: who.p1 })).status, 404, `the patient ${method} ${path}`);
		assert.equal((await req(one.port, method, path, { ...opts, as: who.p2 })).status, 404, `another patient ${method} ${path}`);
		assert.equal((await req(one.port, method, path, opts)).status, 401, `nobody ${method} ${path}`);
		// A patient id that does not exist is as good as another clinic's.
		const none = `/api/patients/999999${rest}`;
		assert.equal((await req(one.port, method, none, { ...opts, as: who.ana })).status, 404, `Ana ${method} ${none}`);
	}
	for (const [method, want, body] of [['GET', 200], ['POST', 201, { name: 'Sam', ...program }]]) {
		const opts = body === undefined ? {} : { body };
		assert.equal((await req(one.port, method, '/api/patients', { ...opts, as: who.ana })).status, want, `Ana ${method} /api/patients`);
		assert.equal((await req(one.port, method, '/api/patients', { ...opts, as: who.p1 })).status, 404, `a patient ${method} /api/patients`);
		assert.equal((await req(one.port, method, '/api/patients', opts)).status, 401, `nobody ${method} /api/patients`);
	}
});

test('every patient endpoint: the patient 2xx, a therapist 404, nobody 401; another patient sees none of it', async () => {
	for (const [method, path, want, body] of patientEndpoints) {
		const opts = body === undefined ? {} : { body };
		{ const r = await req(one.port, method, path, { ...opts, as: who.p1 }); assert.equal(r.status, want, `the patient ${method} ${path}: ${r.text.slice(0, 300)}`); }
		assert.equal((await req(one.port, method, path, { ...opts, as: who.ana })).status, 404, `a therapist ${method} ${path}`);
		assert.equal((await req(one.port, method, path, opts)).status, 401, `nobody ${method} ${path}`);
	}
	const up = await req(one.port, 'POST', '/api/import?name=run.gpx', { as: who.p1, raw: '<gpx/>', headers: { 'Content-Type': 'application/gpx+xml' } });
	assert.equal(up.status, 200, up.text);
	assert.equal((await req(one.port, 'POST', '/api/import?name=run.gpx', { raw: '<gpx/>' })).status, 401);
	// The therapist's part of the record, and the live session's calls, are not the patient's.
	for (const [method, path, body] of [['POST', '/api/profile', { level: 'heavy' }], ['POST', '/api/check/cleared', { note: null }],
		['POST', '/api/session/event', { event: 'primary' }]])
		assert.equal((await req(one.port, method, path, { as: who.p1, body })).status, 404, `the patient ${method} ${path}`);
	// What Pia recorded is hers alone: Paul's record has none of it.
	const pia = await req(one.port, 'GET', '/api/runs', { as: who.p1 });
	const paul = await req(one.port, 'GET', '/api/runs', { as: who.p2 });
	assert.ok(JSON.stringify(pia.json).includes('5000'), 'her run is in her record');
	assert.ok(!JSON.stringify(paul.json).includes('5000'), 'and not in his');
	assert.ok((await req(one.port, 'GET', '/api/history', { as: who.p1 })).json.sessions.length > 0);
	assert.equal((await req(one.port, 'GET', '/api/history', { as: who.p2 })).json.sessions.length, 0, 'nor her session');
});

test('a therapist reads the same documents as the patient', async () => {
	for (const path of ['/today', '/status', '/plan', '/history', '/runs', '/load']) {
		const mine = await req(one.port, 'GET', `/api${path}`, { as: who.p1 });
		const theirs = await req(two.port, 'GET', `/api/patients/${ids.p1}${path}`, { as: who.ana });
		assert.equal(theirs.text, mine.text, path);
	}
});

test('a therapist changes the program: the patient\'s plan follows at once, on either process, with who and why', async () => {
	const change = { left_out: [{ exercise: 'clamshell', reason: 'irritates the outer hip' }],
		doses: [{ exercise: 'squat', sets: 2, reps_min: 8, reps_max: 10 }], note: 'Keep the squats light this week.', why: 'outer hip sore' };
	const r = await req(one.port, 'PATCH', `/api/patients/${ids.p1}/program`, { as: who.ana, body: change });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.current.left_out[0].exercise, 'clamshell');
	assert.equal(r.json.history[0].why, 'outer hip sore');
	const plan = (await req(two.port, 'GET', '/api/plan', { as: who.p1 })).json;
	const items = plan.days.flatMap((d) => d.sessions.flatMap((x) => x.items));
	assert.ok(items.length > 0 && !items.some((i) => i.exercise === 'clamshell'), 'the clamshell is no longer planned');
	const squat = items.find((i) => i.exercise === 'squat');
	assert.ok(!squat || (squat.sets === 2 && squat.reps_max === 10 && squat.dose_set_by), 'the squat at the dose set: ' + JSON.stringify(squat));
	const today = (await req(two.port, 'GET', '/api/today', { as: who.p1 })).json;
	assert.equal(today.therapist.note.text, 'Keep the squats light this week.');
	assert.ok(today.therapist.note.who, 'the note says who wrote it');
	// Another clinic's therapist cannot change it, and a bad change changes nothing.
	assert.equal((await req(one.port, 'PATCH', `/api/patients/${ids.p1}/program`, { as: who.ben, body: change })).status, 404);
	const bad = await req(one.port, 'PATCH', `/api/patients/${ids.p1}/program`, { as: who.ana, body: { doses: [{ exercise: 'squat', sets: 40 }], why: 'typo' } });
	assert.equal(bad.status, 400, bad.text);
	assert.equal((await req(one.port, 'GET', `/api/patients/${ids.p1}/program`, { as: who.ana })).json.history.length, r.json.history.length);
	// Given back to the program, for the tests that follow.
	assert.equal((await req(one.port, 'PATCH', `/api/patients/${ids.p1}/program`, { as: who.ana, body: { left_out: [], doses: [], note: '', why: 'better' } })).status, 200);
});

test('the dashboard: a red flag first, until the therapist clears it', async () => {
	const qs = await req(one.port, 'GET', '/api/check', { as: who.p2 });
	const answers = {};
	for (const q of qs.json) if (q.asked) answers[q.id] = q.id === 'fever';
	const round = await req(one.port, 'POST', '/api/check', { as: who.p2, body: { answers } });
	assert.equal(round.status, 201, round.text);
	assert.equal(round.json.blocked, true);
	let list = (await req(two.port, 'GET', '/api/patients', { as: who.ana })).json;
	assert.equal(list[0].id, ids.p2, 'the red flag comes first');
	assert.equal(list[0].attention[0], 'red-flag');
	assert.equal(list[0].as_of, null, 'computed by the answer\'s own request, not waiting for a refresher');
	assert.ok(list.every((p) => p.id !== ids.q1), 'no patient of another clinic');
	const pia = list.find((p) => p.id === ids.p1);
	assert.equal(pia.last_logged, day(0), 'the session started and the morning score today');
	assert.equal(pia.claimed, true);
	const today = (await req(one.port, 'GET', `/api/patients/${ids.p2}/today`, { as: who.ana })).json;
	assert.ok(today, 'the patient\'s today reads');
	// Times are kept to the second: the clearance comes after the answers it clears.
	await new Promise((ok) => setTimeout(ok, 1100));
	const cleared = await req(one.port, 'POST', `/api/patients/${ids.p2}/clearance`, { as: who.ana, body: { note: 'examined, no infection' } });
	assert.equal(cleared.status, 201, cleared.text);
	list = (await req(one.port, 'GET', '/api/patients', { as: who.ana })).json;
	assert.ok(!list.find((p) => p.id === ids.p2).attention.includes('red-flag'), 'cleared');
});

test('the dashboard: nothing logged for 7 days is silent-7d, and comes after what is more urgent', async () => {
	const add = await req(one.port, 'POST', '/api/patients', { as: who.ana, body: { name: 'Sid Lent', ...program } });
	assert.equal(add.status, 201);
	const find = async () => (await req(one.port, 'GET', '/api/patients', { as: who.ana })).json;
	let list = await find();
	assert.deepEqual(list.find((p) => p.id === add.json.id).attention, [], 'a program begun today is not silent');
	// The program began 8 days ago (as the administrator: row-level security keeps hipcoach's own role out).
	psql(`UPDATE profile SET start_date = '${day(-8)}' WHERE patient_id = ${add.json.id}`, process.env.HIPCOACH_TEST_PG_ADMIN);
	// Not a write that must show at once: served as kept (as_of today) until a refresher has it.
	for (let i = 0; i < 100; i++) {
		list = await find();
		if (list.find((p) => p.id === add.json.id).as_of === null) break;
		await new Promise((ok) => setTimeout(ok, 100));
	}
	const sid = list.findIndex((p) => p.id === add.json.id);
	// A week planned and nothing done is also not doing the program, which comes first.
	assert.deepEqual(list[sid].attention, ['not-doing', 'silent-7d']);
	assert.equal(list[sid].last_logged, null);
	const order = ['red-flag', 'escalation', 'pain-rising', 'not-doing', 'silent-7d'];
	const rank = (p) => (p.attention.length ? order.indexOf(p.attention[0]) : order.length);
	for (let i = 1; i < list.length; i++)
		assert.ok(rank(list[i - 1]) <= rank(list[i]), `most urgent first: ${JSON.stringify(list.map((p) => p.attention))}`);
});

test('every therapist request on a patient is in the audit log', async () => {
	const before = Number(psql(`SELECT count(*) FROM audit_log WHERE patient = ${ids.p1}`));
	await req(one.port, 'GET', `/api/patients/${ids.p1}/status`, { as: who.ana });
	await req(two.port, 'GET', `/api/patients/${ids.p1}/history`, { as: who.ana });
	await req(one.port, 'GET', `/api/patients/${ids.p1}/history`, { as: who.ben });
	const rows = psql(`SELECT t.name, a.method, a.path, a.status FROM audit_log a JOIN therapists t ON t.id = a.therapist_id
		WHERE a.patient = ${ids.p1} ORDER BY a.id DESC LIMIT 3`).split('\n');
	assert.equal(Number(psql(`SELECT count(*) FROM audit_log WHERE patient = ${ids.p1}`)), before + 3);
	assert.deepEqual(rows, [
		`Ben Ode|GET|/api/patients/${ids.p1}/history|404`,
		`Ana Ruiz|GET|/api/patients/${ids.p1}/history|200`,
		`Ana Ruiz|GET|/api/patients/${ids.p1}/status|200`,
	]);
	// A patient's own requests are theirs: not audited as a therapist's.
	const n = psql('SELECT count(*) FROM audit_log');
	await req(one.port, 'GET', '/api/today', { as: who.p1 });
	assert.equal(psql('SELECT count(*) FROM audit_log'), n);
});

test('two processes serve the same data: a write through one is read through the other', async () => {
	const r = await req(one.port, 'POST', '/api/pain', { as: who.q1, body: { score: 6, context: 'morning', date: day(0) } });
	assert.equal(r.status, 201);
	const h = await req(two.port, 'GET', '/api/today', { as: who.q1 });
	assert.equal(h.status, 200);
	const list = (await req(two.port, 'GET', '/api/patients', { as: who.ben })).json;
	assert.equal(list[0].last_logged, day(0));
	// A session started through one is resumed through the other.
	const s = await req(one.port, 'POST', '/api/session/start', { as: who.q1, body: { kind: 'stretch', pain_before: 2, resume: true } });
	assert.equal(s.status, 201, s.text);
	assert.ok(Array.isArray(s.json.script) && s.json.script.length > 1, 'the page gets the whole script');
	const first = s.json.script.findIndex((x) => x.work);
	const sync = await req(two.port, 'POST', '/api/session/sync', { as: who.q1, body: { kind: 'stretch', records: [{ id: 'c1', step: first, status: 'done', elapsed_ms: 30000 }], at: first + 1 } });
	assert.equal(sync.status, 200, sync.text);
	assert.equal(sync.json.recorded, 1);
	const again = await req(one.port, 'POST', '/api/session/sync', { as: who.q1, body: { kind: 'stretch', records: [{ id: 'c1', step: first, status: 'done', elapsed_ms: 30000 }], at: first + 1 } });
	assert.equal(again.status, 200, again.text);
	assert.equal(again.json.recorded, 0, 'a step is recorded once, whichever process hears it again');
	// Logging out through one ends the session for both.
	const c = await login(one.port, 'quinn@example.org', pw);
	assert.equal((await req(two.port, 'GET', '/api/me', { as: c })).status, 200);
	const out = await req(two.port, 'POST', '/api/logout', { as: c, body: {} });
	assert.equal(out.status, 200);
	assert.match(out.headers['set-cookie'][0], /Max-Age=0/);
	assert.equal((await req(one.port, 'GET', '/api/me', { as: c })).status, 401);
});

test('a login idle for 12 hours, or 30 days old, is over', async () => {
	const quinn = "(SELECT id FROM logins WHERE email = 'quinn@example.org')";
	const c = await login(one.port, 'quinn@example.org', pw);
	assert.equal((await req(one.port, 'GET', '/api/me', { as: c })).status, 200);
	psql(`UPDATE auth_sessions SET used_at = now() - interval '12 hours 1 minute' WHERE login_id = ${quinn}`);
	assert.equal((await req(two.port, 'GET', '/api/me', { as: c })).status, 401);
	const token = c.cookie.split('=')[1];
	assert.equal(psql(`SELECT count(*) FROM auth_sessions WHERE token_hash = encode(sha256(convert_to('${token}', 'UTF8')), 'hex')`), '0',
		'and forgotten');
	const d = await login(one.port, 'quinn@example.org', pw);
	const dt = d.cookie.split('=')[1];
	assert.equal(psql(`SELECT count(*) FROM auth_sessions WHERE token_hash = encode(sha256(convert_to('${dt}', 'UTF8')), 'hex')`), '1');
	assert.equal(psql(`SELECT count(*) FROM auth_sessions WHERE token_hash = '${dt}'`), '0', 'the database holds no cookie as it is');
	psql(`UPDATE auth_sessions SET created_at = now() - interval '30 days 1 minute' WHERE login_id = ${quinn}`);
	assert.equal((await req(one.port, 'GET', '/api/me', { as: d })).status, 401);
});

test('writes from another origin are refused, as by hipcoach ui', async () => {
	const r = await req(one.port, 'POST', '/api/pain', { as: who.p1, body: { score: 2 }, headers: { Origin: 'http://evil.example' } });
	assert.equal(r.status, 403);
	const l = await req(one.port, 'POST', '/api/login', { body: { email: 'ana@north.example', password: pw }, headers: { Origin: 'http://evil.example' } });
	assert.equal(l.status, 403);
	const form = await req(one.port, 'POST', '/api/login', { raw: 'email=a&password=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(form.status, 415);
	const same = await req(one.port, 'POST', '/api/pain', { as: who.p1, body: { score: 2 }, headers: { Origin: `http://127.0.0.1:${one.port}` } });
	assert.equal(same.status, 201);
});

test('behind TLS (--secure --url): Secure cookies, the https origin, the public Host', async () => {
	const tls = await start(['--secure', '--url', 'https://clinic.example.org']);
	const host = { Host: 'clinic.example.org' };
	const ok = await req(tls.port, 'POST', '/api/login', { body: { email: 'ana@north.example', password: pw }, headers: { ...host, Origin: 'https://clinic.example.org' } });
	assert.equal(ok.status, 200, ok.text);
	assert.match(cookieOf(ok).header, /; Secure/);
	const plain = await req(tls.port, 'POST', '/api/login', { body: { email: 'ana@north.example', password: pw }, headers: { ...host, Origin: 'http://clinic.example.org' } });
	assert.equal(plain.status, 403, 'the page comes from https://');
	const other = await req(tls.port, 'GET', '/api/me', { as: cookieOf(ok), headers: { Host: 'evil.example' } });
	assert.equal(other.status, 403, 'another name is refused, as hipcoach ui refuses it on loopback');
	const p = await req(tls.port, 'POST', '/api/patients', { as: cookieOf(ok), body: { name: 'Tess', ...program }, headers: { ...host, Origin: 'https://clinic.example.org' } });
	assert.equal(p.status, 201, p.text);
	assert.ok(p.json.invite_url.startsWith('https://clinic.example.org/clinic.html#invite='), 'links are made with --url');
});

test('failed logins are limited per email, across processes, even with the right password', async () => {
	const email = 'paul@example.org';
	for (let i = 0; i < 5; i++) {
		const port = i % 2 ? one.port : two.port;
		const r = await req(port, 'POST', '/api/login', { body: { email, password: 'wrong password ' + i } });
		assert.equal(r.status, 401, `attempt ${i + 1}`);
		assert.equal(r.json.error, 'wrong email or password');
	}
	const r = await req(one.port, 'POST', '/api/login', { body: { email, password: pw } });
	assert.equal(r.status, 429);
	assert.ok(Number(r.headers['retry-after']) > 0);
	assert.ok(r.json.retry_after_s > 0);
	assert.equal((await req(two.port, 'POST', '/api/login', { body: { email: 'PAUL@example.org', password: pw } })).status, 429);
	// An unknown email answers as a wrong password.
	const u = await req(one.port, 'POST', '/api/login', { body: { email: 'nobody@example.org', password: pw } });
	assert.equal(u.status, 401);
	assert.equal(u.json.error, 'wrong email or password');
	// Another email from the same address still gets in, until the address's own limit.
	await login(two.port, 'ana@north.example', pw);
	psql("DELETE FROM login_failures"); // for the address's limit below
	for (let i = 0; i < 20; i++)
		assert.equal((await req(one.port, 'GET', `/api/invite/AAAA-AAAA-AA${String(i).padStart(2, '0').replace(/[^0-9]/g, '0')}`)).status, 404);
	assert.equal((await req(one.port, 'POST', '/api/login', { body: { email: 'ana@north.example', password: pw } })).status, 429,
		'wrong invite codes count for the address');
	psql("DELETE FROM login_failures");
});

test('the list answers the rows the database keeps; a pain score shows at once, other writes and a new day within moments, marked as_of until then', async () => {
	const list = async (port) => (await req(port, 'GET', '/api/patients', { as: who.ben })).json;
	assert.equal((await list(one.port))[0].last_logged, day(0));
	const q1 = () => psql(`SELECT day || ' ' || (at_changes = changes) FROM patient_summaries WHERE patient = ${ids.q1}`);
	assert.equal(q1(), `${day(0)} true`, 'the row is kept, for today and the record as it is');
	// Kept rows are what the list answers: one changed behind the servers' back shows as it is.
	const tamper = () => psql(`UPDATE patient_summaries SET summary = jsonb_set(summary::jsonb, '{last_logged}',
		'"2000-01-01"')::text WHERE patient = ${ids.q1}`, process.env.HIPCOACH_TEST_PG_ADMIN);
	tamper();
	let row = (await list(two.port))[0];
	assert.equal(row.last_logged, '2000-01-01');
	assert.equal(row.as_of, null);
	// A pain score is computed by its own request: the very next list has it.
	const quinn = await login(one.port, 'quinn@example.org', pw);
	const r = await req(two.port, 'POST', '/api/pain', { as: quinn, body: { score: 1, context: 'now', date: day(0) } });
	assert.equal(r.status, 201, r.text);
	row = (await list(one.port))[0];
	assert.equal(row.last_logged, day(0));
	assert.equal(row.as_of, null);
	// Any other write makes the row stale: served as kept, marked as of its day, until a
	// refresher (one in each process) has computed it again.
	const settles = async (as_of) => {
		for (let i = 0; i < 100; i++) {
			row = (await list(i % 2 ? one.port : two.port))[0];
			if (row.as_of === null) break;
			assert.equal(row.as_of, as_of);
			assert.equal(row.last_logged, '2000-01-01', 'the kept row, as it is');
			await new Promise((ok) => setTimeout(ok, 100));
		}
		assert.equal(row.as_of, null, 'computed again within 10 s');
		assert.equal(row.last_logged, day(0));
		assert.equal(q1(), `${day(0)} true`);
	};
	tamper();
	psql(`UPDATE pain SET score = score WHERE patient_id = ${ids.q1}`, process.env.HIPCOACH_TEST_PG_ADMIN);
	await settles(day(0));
	// A row computed for another day, as after midnight.
	tamper();
	psql(`UPDATE patient_summaries SET day = '${day(-1)}' WHERE patient = ${ids.q1}`, process.env.HIPCOACH_TEST_PG_ADMIN);
	await settles(day(-1));
});
