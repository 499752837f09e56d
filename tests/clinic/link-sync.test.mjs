// A runner who uses hipcoach at home links their record to the clinic (hipcoach link URL CODE) and
// syncs it (hipcoach sync), on a throwaway PostgreSQL (run by tests/pg/cluster.sh): the record
// arrives once however often it is sent, through either of two server processes; the therapist's
// program and clearance come back; a wrong token gets nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, stopServer, call } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(resolve(here, '../..'), 'hipcoach');
const work = mkdtempSync(join(tmpdir(), 'hipcoach-link-'));
const env = {
	...process.env, HIPCOACH_PG: process.env.HIPCOACH_TEST_PG, TZ: 'UTC', NO_COLOR: '1',
	HOME: work, no_proxy: '*', NO_PROXY: '*',
};
delete env.HIPCOACH_DB;
delete env.HIPCOACH_NOW;
const home = join(work, 'home.db');
const pw = 'a long enough password';
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

let one, two, ana, patientId, code;

// The runner's own hipcoach on their file: {status, out, err}.
function runner(...args) {
	const r = spawnSync(bin, ['--db', home, ...args], { env, encoding: 'utf8' });
	return { status: r.status, out: r.stdout, err: r.stderr };
}

// What the clinic holds of the patient's record, table by table (as the superuser, past RLS).
function held() {
	const out = execFileSync('psql', [process.env.HIPCOACH_TEST_PG_ADMIN, '-X', '-A', '-t', '-c',
		['sessions', 'results', 'pain', 'runs', 'screening', 'clearance']
			.map((t) => `SELECT '${t}', count(*) FROM ${t} WHERE patient_id = ${patientId}`).join(' UNION ALL ')],
	{ encoding: 'utf8' });
	return Object.fromEntries(out.trim().split('\n').map((l) => { const [t, n] = l.split('|'); return [t, Number(n)]; }));
}

before(async () => {
	execFileSync(bin, ['clinic', 'init'], { env });
	const out = execFileSync(bin, ['clinic', 'add-therapist', '--email', 'ana@link.example', '--name', 'Ana', '--clinic', 'Link Clinic'], { env, encoding: 'utf8' });
	one = await startServer(bin, env);
	two = await startServer(bin, env);
	ana = (await call(one.port, 'POST', `/api/password/${out.match(/#password=([0-9a-f]{64})/)[1]}`, { body: { password: pw } })).cookie;
	const p = await call(one.port, 'POST', '/api/patients', { cookie: ana, body: { name: 'Sam Home', level: 'beginner', equipment: ['mat', 'band'], run_days: ['tue', 'thu', 'sun'], long_run: 'sun' } });
	assert.equal(p.status, 201, p.text);
	[patientId, code] = [p.json.id, p.json.invite_code];
	// Sam has used hipcoach at home for a while.
	assert.equal(runner('setup', '--level', 'beginner', '--equipment', 'mat,band,step', '--run-days', 'tue,thu,sun', '--long-run', 'sun', '--start', day(-20)).status, 0);
	assert.equal(runner('log', 'pain', '3', '--date', day(-3)).status, 0);
	assert.equal(runner('log', 'run', '--distance', '8km', '--time', '45:00', '--date', day(-2)).status, 0);
	assert.equal(runner('log', 'session', '--kind', 'strength', '--date', day(-1), '--pain-before', '2', '--pain-after', '2').status, 0);
	assert.equal(runner('check', '--none').status, 0);
});

after(async () => {
	for (const s of [one, two]) if (s) assert.equal(await stopServer(s), 0);
	rmSync(work, { recursive: true, force: true });
});

test('sync before link says what to do; link takes the invite code once', async () => {
	const early = runner('sync');
	assert.equal(early.status, 1);
	assert.match(early.err, /not linked to a clinic: link it first with hipcoach link URL CODE/);
	assert.equal(runner('link', 'ftp://clinic', code).status, 2, 'a wrong address is a usage error');
	const linked = runner('link', `http://127.0.0.1:${one.port}/`, code.toLowerCase());
	assert.equal(linked.status, 0, linked.err);
	assert.match(linked.out, /^Linked to Link Clinic, as Sam Home\.\n/);
	const again = runner('link', '--replace', `http://127.0.0.1:${two.port}`, code);
	assert.equal(again.status, 1);
	assert.match(again.err, /does not know this code/);
	assert.match(runner('link', `http://127.0.0.1:${two.port}`, code).err, /linked to Link Clinic .* already: give --replace/);
});

test('the record arrives once, however often and through whichever server it is sent', async () => {
	const first = runner('sync');
	assert.equal(first.status, 0, first.err);
	assert.match(first.out, /Sent: 1 session, \d+ exercise steps, 1 pain score, 1 run, \d+ answers to the safety questions\./);
	const after1 = held();
	assert.equal(after1.sessions, 1);
	assert.equal(after1.pain, 1);
	assert.equal(after1.runs, 1);
	assert.ok(after1.results > 0 && after1.screening > 0);
	const second = runner('sync');
	assert.equal(second.status, 0, second.err);
	assert.match(second.out, /Sent: nothing new\./);
	assert.deepEqual(held(), after1, 'nothing doubled');
	// Through the other process: one new pain score, and only that.
	assert.equal(runner('log', 'pain', '2', '--date', day(0)).status, 0);
	execFileSync('sqlite3', [home, `UPDATE clinic_link SET url = 'http://127.0.0.1:${two.port}'`]);
	assert.match(runner('sync').out, /Sent: 1 pain score\./);
	assert.deepEqual(held(), { ...after1, pain: 2 });
	// The therapist reads it as the runner's own record.
	const hist = await call(one.port, 'GET', `/api/patients/${patientId}/history`, { cookie: ana });
	assert.equal(hist.status, 200);
	assert.ok(JSON.stringify(hist.json).includes(day(-1)), 'the home session is in the history');
	const list = await call(two.port, 'GET', '/api/patients', { cookie: ana });
	assert.equal(list.json.find((p) => p.id === patientId).last_logged, day(0));
});

test("the therapist's program comes back to the runner's file", async () => {
	const ch = await call(one.port, 'PATCH', `/api/patients/${patientId}/program`, { cookie: ana, body: { level: 'moderate', left_out: ['clamshell'], note: 'Keep the runs easy this week.', why: 'first visit' } });
	assert.equal(ch.status, 200, ch.text);
	const s = runner('sync');
	assert.equal(s.status, 0, s.err);
	assert.match(s.out, /Your level and equipment are now as your therapist set them/);
	assert.match(s.out, /Your therapist changed your program \(1 new change\)/);
	const mine = JSON.parse(runner('program-change', '--json').out);
	assert.equal(mine.current.level, 'moderate');
	assert.deepEqual(mine.current.left_out.map((o) => o.exercise), ['clamshell']);
	assert.equal(mine.current.note.text, 'Keep the runs easy this week.');
	assert.equal(mine.history.length, 1);
	const planned = JSON.parse(runner('plan', '--json').out).days.flatMap((d) => d.sessions.flatMap((x) => x.items.map((i) => i.exercise)));
	assert.ok(planned.includes('squat') && !planned.includes('clamshell'), 'left out of the plan');
	const again = runner('sync');
	assert.doesNotMatch(again.out, /changed your program/, 'taken once');
	assert.equal(JSON.parse(runner('program-change', '--json').out).history.length, 1);
});

test('a red flag at home reaches the dashboard; the clearance comes back once', async () => {
	assert.equal(runner('check', '--yes', 'limp').status, 0);
	assert.equal(JSON.parse(runner('today', '--json').out).blocked, true, 'paused at home');
	assert.match(runner('sync').out, /answers to the safety questions/);
	const list = await call(one.port, 'GET', '/api/patients', { cookie: ana });
	assert.deepEqual(list.json.find((p) => p.id === patientId).attention.slice(0, 1), ['red-flag']);
	// A clearance covers the answers of the seconds before it, not of its own second.
	await new Promise((ok) => setTimeout(ok, 1100));
	const cl = await call(two.port, 'POST', `/api/patients/${patientId}/clearance`, { cookie: ana, body: { note: 'seen, fine to go on' } });
	assert.equal(cl.status, 201, cl.text);
	const s = runner('sync');
	assert.match(s.out, /a clinician has seen you/);
	const mine = JSON.parse(runner('today', '--json').out);
	assert.equal(mine.blocked, false, 'guided sessions open again at home');
	assert.doesNotMatch(runner('sync').out, /a clinician has seen you/, 'taken once');
	assert.equal(held().clearance, 1, 'the clearance is not sent back up');
});

test('a wrong or missing token gets nothing; a login is no linked file; a linked file only syncs', async () => {
	const doc = { format: 'hipcoach-sync', version: 1, tables: {} };
	assert.equal((await call(one.port, 'POST', '/api/sync', { body: doc, headers: { Authorization: 'Bearer ' + 'a'.repeat(64) } })).status, 401);
	assert.equal((await call(one.port, 'POST', '/api/sync', { body: doc })).status, 401);
	// A login's cookie is no linked file: the therapist's and a patient's get 404.
	assert.equal((await call(one.port, 'POST', '/api/sync', { body: doc, cookie: ana })).status, 404);
	const p = await call(one.port, 'POST', '/api/patients', { cookie: ana, body: { name: 'Pat Phone', level: 'beginner', equipment: ['mat'], run_days: ['mon', 'sat'], long_run: 'sat' } });
	const pat = (await call(two.port, 'POST', `/api/invite/${p.json.invite_code}`, { body: { email: 'pat@link.example', password: pw } })).cookie;
	assert.ok(pat);
	assert.equal((await call(one.port, 'POST', '/api/sync', { body: doc, cookie: pat })).status, 404);
	const token = execFileSync('sqlite3', [home, 'SELECT token FROM clinic_link'], { encoding: 'utf8' }).trim();
	const auth = { Authorization: 'Bearer ' + token };
	assert.equal((await call(one.port, 'GET', '/api/today', { headers: auth })).status, 404);
	assert.equal((await call(one.port, 'GET', '/api/patients', { headers: auth })).status, 404);
	const bad = await call(one.port, 'POST', '/api/sync', { headers: auth, body: { format: 'hipcoach-sync', version: 1, tables: { profile: [] } } });
	assert.equal(bad.status, 400);
	assert.match(bad.json.error, /does not send table 'profile'/);
	const orphan = await call(one.port, 'POST', '/api/sync', { headers: auth, body: { format: 'hipcoach-sync', version: 1, tables: { results: [{ id: 999, session_id: 12345, step: 0, exercise: 'squat', status: 'done', at: '2026-01-01T00:00:00Z' }] } } });
	assert.equal(orphan.status, 400);
	assert.match(orphan.json.error, /session_id 12345 was not sent/);
});
