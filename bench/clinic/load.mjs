// The clinic bench (bench/clinic.sh runs it on a throwaway cluster, with $HIPCOACH_TEST_PG and
// $HIPCOACH_TEST_PG_ADMIN set): seeds 1,000 patients with a year of records (seed.sql), then
// measures GET /api/patients as the therapist of 200 of them, the first request of a day (every
// kept row stale, served as of yesterday while the refreshers compute the day's) and the steady
// state, and 200 patients posting session steps for
// CLINIC_SECONDS (default 60) against two server processes, and counts the steps in the database.
// Prints figures; never a pass or a fail on a timing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { startServer, stopServer } from '../../tests/clinic/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(resolve(here, '../..'), 'hipcoach');
const pg = process.env.HIPCOACH_TEST_PG;
const admin = process.env.HIPCOACH_TEST_PG_ADMIN;
const seconds = Number(process.env.CLINIC_SECONDS || 60);
const firstRuns = Number(process.env.CLINIC_FIRST_RUNS || 10);
const steadyRuns = Number(process.env.CLINIC_STEADY_RUNS || 300);
const work = mkdtempSync(join(tmpdir(), 'hipcoach-bench-clinic-'));
const env = { ...process.env, HIPCOACH_PG: pg, TZ: 'UTC', HOME: work, no_proxy: '*', NO_PROXY: '*' };
delete env.HIPCOACH_DB;
delete env.HIPCOACH_NOW;
const servers = [];

const hc = (args) => execFileSync(bin, args, { env, encoding: 'utf8' });
const psql = (sql, vars = {}) => execFileSync('psql', [admin, '-X', '-A', '-t', '-q',
	...Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`]), '-c', sql],
{ encoding: 'utf8' }).trim();

// A server with its default workers: resolves to its port.
async function start() {
	const s = await startServer(bin, env, []);
	servers.push(s);
	return s.port;
}

// `from`: the client's own loopback address (127.0.1.N), as each phone has its own: the server keeps
// at most 64 connections of one address waiting (web.c), against clients that trickle headers.
function req(port, method, path, cookie, body, from) {
	return new Promise((ok, fail) => {
		const h = { Host: `127.0.0.1:${port}` };
		const data = body === undefined ? null : JSON.stringify(body);
		if (data !== null) { h['Content-Type'] = 'application/json'; h['Content-Length'] = Buffer.byteLength(data); }
		if (cookie) h.Cookie = cookie;
		const r = http.request({ host: '127.0.0.1', port, path, method, headers: h, agent: false, localAddress: from }, (res) => {
			const parts = [];
			res.on('data', (c) => parts.push(c));
			res.on('end', () => {
				const text = Buffer.concat(parts).toString('utf8');
				let json = null;
				try { json = JSON.parse(text); } catch { /* not JSON */ }
				ok({ status: res.statusCode, text, json, headers: res.headers });
			});
		});
		// A connection the server closed or refused (at its limit) is an answer to count too.
		r.on('error', (e) => (method === 'GET' ? fail(e) : ok({ status: e.code || 'error', text: String(e) })));
		if (data !== null) r.write(data);
		r.end();
	});
}

const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => x.toFixed(1);
const figures = (name, xs) => xs.length === 0 ? console.log(`${name}: none`) : console.log(`${name}: n=${xs.length} p50=${ms(pct(xs, 50))} ms ` +
	`p95=${ms(pct(xs, 95))} ms p99=${ms(pct(xs, 99))} ms max=${ms(Math.max(...xs))} ms`);

// A cookie for a login, made in the database as POST /api/login makes it (its token's SHA-256):
// logging 200 patients in would time Argon2id, not the list.
function cookieFor(loginId) {
	const token = randomBytes(32).toString('hex');
	const hash = createHash('sha256').update(token).digest('hex');
	psql(`INSERT INTO auth_sessions (token_hash, login_id) VALUES ('${hash}', ${loginId})`);
	return `hc_session=${token}`;
}

async function timed(port, cookie) {
	const t = process.hrtime.bigint();
	const r = await req(port, 'GET', '/api/patients', cookie);
	if (r.status !== 200) throw new Error(`GET /api/patients: ${r.status} ${r.text}`);
	return [Number(process.hrtime.bigint() - t) / 1e6, r.json];
}

async function main() {
	hc(['clinic', 'init']);
	const one = await start();
	const two = await start();
	const link = hc(['clinic', 'add-therapist', '--email', 'ana@bench.example', '--name', 'Ana', '--clinic', 'North']);
	const token = link.match(/password=([0-9a-f]{64})/)[1];
	const pw = 'correct horse battery';
	const set = await req(one, 'POST', `/api/password/${token}`, null, { password: pw });
	const ana = set.headers['set-cookie'][0].split(';')[0];
	const add = await req(one, 'POST', '/api/patients', ana, {
		name: 'Patient 0000', level: 'beginner', equipment: ['mat', 'band'],
		run_days: ['wed', 'sat', 'sun'], long_run: 'sun', strength_days: ['tue', 'fri'],
	});
	if (add.status !== 201) throw new Error('POST /api/patients: ' + add.text);
	const clinic = psql(`SELECT clinic_id FROM patients WHERE id = ${add.json.id}`);
	let t = Date.now();
	execFileSync('psql', [admin, '-X', '-q', '-v', `clinic=${clinic}`, '-v', `template=${add.json.id}`,
		'-f', join(here, 'seed.sql')], { stdio: ['ignore', 'ignore', 'inherit'] });
	const count = (sql) => Number(psql(sql));
	console.log(`seeded in ${((Date.now() - t) / 1000).toFixed(0)} s: ${count('SELECT count(*) FROM patients')} patients ` +
		`(${count(`SELECT count(*) FROM patients WHERE clinic_id = ${clinic}`)} of the therapist), ` +
		`${count('SELECT count(*) FROM sessions')} sessions, ${count('SELECT count(*) FROM results')} steps, ` +
		`${count('SELECT count(*) FROM pain')} pain scores, ${count('SELECT count(*) FROM runs')} runs`);

	// (a) The first request of a day: every row computed for another day.
	const first = [];
	let list;
	// The rows not computed for today and the record as it is (none yet: the seed skipped triggers).
	const stale = () => count(`SELECT (SELECT count(*) FROM patient_summaries s WHERE s.summary IS NULL
		OR s.day IS DISTINCT FROM to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') OR s.at_changes <> s.changes)
		+ (SELECT count(*) FROM patients p WHERE NOT EXISTS (SELECT 1 FROM patient_summaries s WHERE s.patient = p.id))`);
	const settle = async (what) => {
		const t0 = Date.now();
		while (stale() > 0) await new Promise((ok) => setTimeout(ok, 250));
		console.log(`  ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	};
	await settle('the refreshers of the two processes computed every new row of the 1,000 patients in');
	for (let i = 0; i < firstRuns; i++) {
		// Every row of the database kept for yesterday, as at midnight.
		psql(`UPDATE patient_summaries SET day = to_char((now() AT TIME ZONE 'UTC') - interval '1 day', 'YYYY-MM-DD')`);
		const [took, json] = await timed(i % 2 ? two : one, ana);
		first.push(took);
		list = json;
	}
	figures('GET /api/patients, first of the day (200 patients, all stale)', first);
	console.log(`  ${list.filter((r) => r.as_of).length} rows served as of yesterday`);
	await settle('the refreshers computed the day\'s rows of the 1,000 patients, after the last of these requests, in');
	list = (await timed(one, ana))[1];
	const counts = {};
	for (const row of list) for (const a of row.attention) counts[a] = (counts[a] || 0) + 1;
	console.log(`  ${list.length} rows; attention: ${JSON.stringify(counts)}`);
	// (b) Steady state: every row kept.
	const steady = [];
	for (let i = 0; i < steadyRuns; i++) {
		const [took, json] = await timed(i % 2 ? two : one, ana);
		steady.push(took);
		if (JSON.stringify(json) !== JSON.stringify(list)) throw new Error('the kept list differs from the computed one');
	}
	figures('GET /api/patients, steady state (kept rows, one client)', steady);

	// (c) 200 patients of the list post session steps, each to either process in turn.
	const patients = psql(`SELECT id FROM patients WHERE clinic_id = ${clinic} ORDER BY id`).split('\n').map(Number);
	const hash = psql(`SELECT password_hash FROM logins WHERE therapist_id IS NOT NULL LIMIT 1`);
	psql(`INSERT INTO logins (email, password_hash, clinic_id, patient)
		SELECT 'p' || id || '@bench.example', '${hash}', clinic_id, id FROM patients WHERE clinic_id = ${clinic}`);
	const cookies = psql(`SELECT id FROM logins WHERE patient IS NOT NULL ORDER BY patient`).split('\n')
		.map((l) => cookieFor(Number(l)));
	const before = count("SELECT count(*) FROM results WHERE client_id LIKE 'bench-%'");
	const stats = { requests: 0, recorded: 0, sent: new Set(), status: {}, lat: [] };
	const end = Date.now() + seconds * 1000;
	const during = [];
	async function runner(k) {
		const cookie = cookies[k];
		const from = `127.0.${1 + (k >> 8)}.${1 + (k & 255)}`;
		let n = 0;
		const sent = [];
		for (const kind of ['stretch', 'strength']) {
			if (Date.now() >= end) return;
			const s = await req(n % 2 ? two : one, 'POST', '/api/session/start', cookie, { kind, pain_before: 2, resume: true }, from);
			if (s.status === 409 && !stats.refused) stats.refused = s.json && s.json.error;
			n++;
			stats.status[s.status] = (stats.status[s.status] || 0) + 1;
			if (s.status !== 201) continue;
			const steps = s.json.script.map((x, i) => (x.work ? i : -1)).filter((i) => i >= 0);
			for (const step of steps) {
				if (Date.now() >= end) return;
				const rec = { id: `bench-${patients[k]}-${kind}-${step}`, step, status: 'done', elapsed_ms: 30000 };
				const t0 = process.hrtime.bigint();
				const r = await req(n % 2 ? two : one, 'POST', '/api/session/sync', cookie, { kind, records: [rec], at: step + 1 }, from);
				stats.lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
				n++;
				stats.requests++;
				stats.status[r.status] = (stats.status[r.status] || 0) + 1;
				if (r.status === 200) {
					stats.recorded += r.json.recorded;
					stats.sent.add(rec.id);
					sent.push({ kind, rec });
				}
			}
		}
		// Then the same steps again, as a phone that did not hear the answer sends them.
		while (Date.now() < end && sent.length) {
			const { kind, rec } = sent[n % sent.length];
			const t0 = process.hrtime.bigint();
			const r = await req(n % 2 ? two : one, 'POST', '/api/session/sync', cookie, { kind, records: [rec], at: rec.step + 1 }, from);
			stats.lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
			n++;
			stats.requests++;
			stats.status[r.status] = (stats.status[r.status] || 0) + 1;
			if (r.status === 200) stats.recorded += r.json.recorded;
		}
	}
	let servedStale = 0, lists = 0;
	async function therapistDuring() {
		while (Date.now() < end) {
			const [took, json] = await timed(one, ana);
			during.push(took);
			lists++;
			servedStale += json.filter((r) => r.as_of).length;
			await new Promise((ok) => setTimeout(ok, 200));
		}
	}
	t = Date.now();
	await Promise.all([...cookies.map((_, k) => runner(k)), therapistDuring()]);
	const took = (Date.now() - t) / 1000;
	console.log(`session steps: 200 patients, ${took.toFixed(0)} s, two processes: ${stats.requests} syncs ` +
		`(${(stats.requests / took).toFixed(0)}/s), answers ${JSON.stringify(stats.status)}${stats.refused ? ` (409: ${stats.refused})` : ''}`);
	figures('  POST /api/session/sync', stats.lat);
	figures('  GET /api/patients meanwhile (every 200 ms)', during);
	console.log(`    rows served stale (as_of): ${(servedStale / Math.max(lists, 1)).toFixed(0)} of 200 on average`);
	const rows = count("SELECT count(*) FROM results WHERE client_id LIKE 'bench-%'") - before;
	const distinct = count("SELECT count(DISTINCT (patient_id, client_id)) FROM results WHERE client_id LIKE 'bench-%'");
	const kept = psql("SELECT string_agg(client_id, ',') FROM results WHERE client_id LIKE 'bench-%'").split(',');
	const missing = [...stats.sent].filter((id) => !kept.includes(id)).length;
	console.log(`  steps acknowledged ${stats.sent.size}, recorded by the answers ${stats.recorded}, ` +
		`in the database ${rows} (distinct ${distinct}); lost ${missing}, doubled ${rows - distinct}` +
		`${stats.recorded === rows ? '' : ', answers and database differ'}`);
}

try {
	await main();
} finally {
	for (const s of servers) await stopServer(s);
	rmSync(work, { recursive: true, force: true });
}
