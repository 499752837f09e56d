// The clinic's pages in a real browser, against `hipcoach clinic serve` on a throwaway PostgreSQL
// (tests/pg/cluster.sh sets $HIPCOACH_TEST_PG): a therapist sets their password and adds a patient,
// whose invite's QR code reads the link; the patient claims the invite on a phone and does a session
// in the runner's app; the therapist's list then shows it (last logged today, adherence moved). The
// layout is checked from 320 to 1440 px. Skipped without PostgreSQL or without the clinic server.
//   tests/pg/cluster.sh node --test tests/node/clinic-ui.test.mjs
// HIPCOACH_SCREENS=DIR also writes the screenshots that docs/screens/ holds (clinic-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, '../..');
const bin = join(top, 'hipcoach');
const shots = process.env.HIPCOACH_SCREENS || join(top, 'build', 'clinic-ui');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PG = process.env.HIPCOACH_TEST_PG;

const work = mkdtempSync(join(tmpdir(), 'hipcoach-clinic-ui-'));
const env = {
	...process.env,
	HIPCOACH_TIME_SCALE: '50',
	TZ: 'UTC',
	NO_COLOR: '1',
	HOME: work,
	no_proxy: '*',
	NO_PROXY: '*',
	HIPCOACH_PG: PG || '',
};
delete env.HIPCOACH_DB;
delete env.XDG_DATA_HOME;
delete env.HIPCOACH_PROGRAM;

// Why the tests cannot run here, or null: they need PostgreSQL and a hipcoach with the clinic server.
function unavailable() {
	if (!PG) return 'PostgreSQL is not available (run through tests/pg/cluster.sh)';
	try {
		execFileSync(bin, ['clinic', '--help'], { env, stdio: 'ignore' });
	} catch {
		return 'this hipcoach has no clinic server (hipcoach clinic)';
	}
	try {
		execFileSync(CHROMIUM, ['--version'], { stdio: 'ignore' });
	} catch {
		return `no browser at ${CHROMIUM}`;
	}
	return null;
}
const skip = unavailable();
// The options of every test: skipped, with the reason, when they cannot run (never a failure hidden as a skip).
const when = skip ? { skip } : {};
if (skip) console.log(`# clinic-ui: skipped: ${skip}`);

// The days the story moves through; the server keeps nothing in memory, so a new one started at
// a later day carries on from the database.
const MONDAY = '2026-11-16T09:00:00'; // the visit: the therapist adds the patients
const SUNDAY = '2026-12-06T10:00:00'; // three weeks on: the list; a red flag answered
const SUNDAY_NOON = '2026-12-06T12:00:00'; // seen by a clinician; the new patient does a session
const NEXT_MONDAY = '2026-12-07T09:00:00'; // that week is complete: adherence counts it

let browser;
let srv = null;
const ctxs = [];

function clinic(now, ...args) {
	return execFileSync(bin, ['clinic', ...args], { env: { ...env, HIPCOACH_NOW: now }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// A clinic server at a given day, on a port of its own; the one running before is stopped.
async function serve(now) {
	if (srv) await stop(srv);
	srv = await new Promise((ok, fail) => {
		const p = spawn(bin, ['clinic', 'serve', '--port', '0'], { env: { ...env, HIPCOACH_NOW: now }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const timer = setTimeout(() => fail(new Error('clinic server did not start: ' + out)), 15000);
		const look = (d) => {
			out += d;
			const m = out.match(/(http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+)/);
			if (m) { clearTimeout(timer); ok({ p, url: m[1], now }); }
		};
		p.stdout.on('data', look);
		p.stderr.on('data', look);
		p.on('exit', (code) => { clearTimeout(timer); fail(new Error(`clinic server exited ${code}: ${out}`)); });
	});
	return srv;
}

async function stop(s) {
	if (s.p.exitCode !== null) return;
	s.p.removeAllListeners('exit');
	const done = new Promise((ok) => s.p.on('exit', ok));
	s.p.kill('SIGINT');
	await done;
}

// The API as a script uses it (the seeding of the other patients): a cookie jar per person.
async function call(jar, method, path, body) {
	const headers = { Origin: srv.url };
	if (jar.cookie) headers.Cookie = jar.cookie;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const r = await fetch(srv.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const set = r.headers.get('set-cookie');
	const m = set && set.match(/hc_session=([^;]*)/);
	if (m) jar.cookie = 'hc_session=' + m[1];
	const data = await r.json().catch(() => null);
	if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
	return data;
}

before(async () => {
	if (skip) return;
	mkdirSync(shots, { recursive: true });
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-proxy-server'],
	});
});

after(async () => {
	for (const c of ctxs) await c.close().catch(() => {});
	if (browser) await browser.close();
	if (srv) await stop(srv);
	rmSync(work, { recursive: true, force: true });
});

// A browser of one person: a therapist at a desk, or a patient with a phone. `day` pins the page's
// clock to the server's day, so "today" on the page is the server's today.
async function open(width, height, day) {
	const mobile = width < 800;
	const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: mobile ? 2 : 1, isMobile: mobile, hasTouch: mobile, locale: 'en-GB' });
	ctxs.push(ctx);
	const page = await ctx.newPage();
	if (day) await page.clock.setFixedTime(new Date(day + 'Z'));
	const problems = [];
	page.on('pageerror', (e) => problems.push(String(e)));
	// A 401 before logging in, and a 404 of an endpoint a page tries, are answers, not faults.
	page.on('console', (m) => { if (m.type() === 'error' && !/status of (401|404|409)/.test(m.text())) problems.push(m.text()); });
	return { ctx, page, problems };
}

// A screenshot of the page as it opens: at its top, with no passing message over it.
async function shot(page, name, opts = {}) {
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.mouse.move(0, 0);
	await page.locator('#toast').waitFor({ state: 'hidden' });
	await page.screenshot({ path: join(shots, name + '.png'), ...opts });
}

// The boxes a person sees and touches must not overlap, each control must be at least 44 x 44 px,
// and nothing may scroll sideways; checked at the top of the page and at its end (the runner's
// app's check, tests/node/ui-phone.test.mjs, for pages without a tab bar or floating buttons).
async function checkLayout(page, where) {
	const measure = () => page.evaluate(() => {
		const inSheet = !!document.querySelector('.backdrop');
		const scope = inSheet ? '.sheet ' : 'main ';
		// With a dialog open, only the dialog is in reach: the page behind it is under the backdrop.
		const sel = [...(inSheet ? [] : ['.topbar .brand[href]', '.topbar button']), ...['button', 'a[href]', 'input:not([type=checkbox])', 'select', 'textarea', 'label.check',
			'.att', '.pct', '.invite-code', '.qr'].map((x) => scope + x)].join(',');
		const out = [];
		for (const el of document.querySelectorAll(sel)) {
			const r = el.getBoundingClientRect();
			if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden' || el.closest('[hidden]')) continue;
			out.push({
				name: (el.getAttribute('aria-label') || el.textContent || el.className).trim().slice(0, 40) + ` <${el.tagName.toLowerCase()}.${el.className}>`,
				x: r.left, y: r.top, w: r.width, h: r.height, control: el.matches('button, a[href], input, select, textarea, label'), el,
			});
		}
		const boxes = out.map(({ el, ...b }, i) => ({ ...b, id: i, contains: out.filter((o) => o.el !== el && (el.contains(o.el) || o.el.contains(el))).map((o) => out.indexOf(o)) }));
		return { boxes, scrollW: document.scrollingElement.scrollWidth, innerW: innerWidth };
	});
	const problems = [];
	const look = (m, when) => {
		if (m.scrollW > m.innerW + 0.5) problems.push(`${when}: scrolls sideways (${m.scrollW} > ${m.innerW})`);
		for (const b of m.boxes) if (b.control && (b.w < 43.5 || b.h < 43.5)) problems.push(`${when}: ${b.name} is ${Math.round(b.w)}x${Math.round(b.h)}`);
		for (let i = 0; i < m.boxes.length; i++) {
			for (let j = i + 1; j < m.boxes.length; j++) {
				const a = m.boxes[i], b = m.boxes[j];
				if (a.contains.includes(b.id)) continue;
				const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
				const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
				if (ox > 0.5 && oy > 0.5) problems.push(`${when}: "${a.name}" overlaps "${b.name}"`);
			}
		}
	};
	look(await measure(), `${where} (top)`);
	await page.evaluate(() => { const s = document.querySelector('.sheet'); if (s) s.scrollTop = s.scrollHeight; else window.scrollTo(0, document.scrollingElement.scrollHeight); });
	await page.waitForTimeout(50);
	look(await measure(), `${where} (end)`);
	await page.evaluate(() => { const s = document.querySelector('.sheet'); if (s) s.scrollTop = 0; else window.scrollTo(0, 0); });
	return problems;
}

// Every width from a small phone to a large desk: the same page must hold at each.
const WIDTHS = [[320, 640], [390, 844], [1280, 800], [1440, 900]];
async function layoutAtEveryWidth(page, where) {
	const problems = [];
	const before = page.viewportSize();
	for (const [w, hh] of WIDTHS) {
		await page.setViewportSize({ width: w, height: hh });
		await page.waitForTimeout(60);
		problems.push(...await checkLayout(page, `${where} ${w}`));
	}
	await page.setViewportSize(before);
	return problems;
}

// Shared across the tests, in the order they run.
const story = { therapist: { email: 'ana.ruiz@riverside.test', password: 'knee-deep in the river' }, lee: null, leeUrl: null, leeJar: {} };

test('a new therapist sets their password from the link and adds a patient; the invite\'s QR code reads its link', when, async () => {
	clinic(MONDAY, 'init');
	await serve(MONDAY);
	const out = clinic(MONDAY, 'add-therapist', '--clinic', 'Riverside Physio', '--name', 'Ana Ruiz', '--email', story.therapist.email, '--url', srv.url);
	const link = out.match(/(https?:\/\/\S+#password=\S+)/);
	assert.ok(link, 'add-therapist prints the set-password link: ' + out);

	const { page, problems } = await open(1280, 800, MONDAY);
	await page.goto(link[1]);
	await page.getByRole('heading', { name: 'Set your password' }).waitFor();
	assert.deepEqual(await layoutAtEveryWidth(page, 'set password'), []);
	const pw = page.locator('input[type=password]');
	await pw.nth(0).fill('short');
	await pw.nth(1).fill('short');
	await page.getByRole('button', { name: 'Set my password' }).click();
	assert.match(await page.locator('.form-problem').textContent(), /at least 10 characters/);
	await pw.nth(0).fill(story.therapist.password);
	await pw.nth(1).fill(story.therapist.password);
	await page.getByRole('button', { name: 'Set my password' }).click();

	// A new therapist: no patients yet, and the way to add the first.
	await page.getByRole('heading', { name: 'No patients yet' }).waitFor();
	assert.equal(await page.locator('#who .who-name').textContent(), 'Ana Ruiz');
	assert.deepEqual(await layoutAtEveryWidth(page, 'empty list'), []);
	await page.getByRole('link', { name: 'Add your first patient' }).click();

	// The choices of `hipcoach setup`.
	await page.getByRole('heading', { name: 'Add a patient' }).waitFor();
	assert.deepEqual(await layoutAtEveryWidth(page, 'new patient'), []);
	await page.getByRole('button', { name: /Add the patient/ }).click();
	assert.match(await page.locator('.form-problem').textContent(), /name/);
	await page.getByLabel('Name').fill('Lee Chan');
	await page.getByRole('radio', { name: /Beginner/ }).click();
	for (const eq of ['Band', 'Step']) await page.locator('[aria-labelledby="new-equipment-at-home"]').getByRole('button', { name: eq }).click();
	for (const d of ['Monday', 'Wednesday']) await page.locator('[aria-labelledby="new-run-days"]').getByRole('button', { name: d }).click();
	await page.locator('[aria-labelledby="new-long-run"]').getByRole('button', { name: 'Saturday' }).click();
	for (const d of ['Tuesday', 'Friday']) await page.locator('[aria-labelledby="new-strength-days"]').getByRole('button', { name: d }).click();
	await page.getByLabel('Name').blur();
	await shot(page, 'clinic-new-patient');
	await page.getByRole('button', { name: /Add the patient/ }).click();
	await page.locator('.invite, .form-problem:not([hidden])').first().waitFor();
	assert.equal(await page.locator('.form-problem:not([hidden])').count(), 0, 'no problem: ' + await page.locator('main').textContent());
	await page.getByRole('heading', { name: 'Lee Chan is added' }).waitFor();
	const url = await page.getByLabel('Invite link').inputValue();
	const code = (await page.locator('.invite-code').textContent()).trim();
	assert.ok(url.startsWith(srv.url + '/'), `the invite link is this server's: ${url}`);
	assert.ok(code.length >= 6, 'a code to type in');
	// The QR code on the screen reads the link, by an independent reader.
	const qrPng = join(work, 'invite-qr.png');
	await page.locator('.qr-box').screenshot({ path: qrPng });
	let decoded = null;
	try { decoded = execFileSync('zbarimg', ['-q', '--raw', qrPng], { encoding: 'utf8' }).trim(); } catch (e) { if (e.code !== 'ENOENT') throw e; }
	if (decoded !== null) assert.equal(decoded, url, 'the QR code reads the invite link');
	else console.log('# clinic-ui: zbarimg missing: the QR code was not read');
	assert.deepEqual(await layoutAtEveryWidth(page, 'invite'), []);
	await shot(page, 'clinic-new-patient-invite');
	story.leeUrl = url;
	story.leeCode = code;

	// The therapist's own choices are what the patient's program now holds.
	await page.getByRole('link', { name: 'Open Lee Chan’s page' }).click();
	await page.getByRole('heading', { name: 'Lee Chan', exact: true }).waitFor();
	story.lee = decodeURIComponent(new URL(page.url()).hash.split('/')[1]);
	const plan = await (await page.request.get(`${srv.url}/api/patients/${story.lee}/plan`)).json();
	assert.equal(plan.level, 'beginner');
	const strengthDays = plan.days.filter((d) => d.sessions.some((x) => x.kind === 'strength')).map((d) => new Date(d.date + 'T12:00:00Z').getUTCDay());
	assert.deepEqual(strengthDays.sort(), [2, 5], 'strength on Tuesday and Friday');
	assert.deepEqual(problems, []);
});

// The other patients of the clinic, with a few weeks of record each, through the API as their own
// apps send it: what the list sorts and colours.
async function seedClinic() {
	const ana = {};
	await call(ana, 'POST', '/api/login', { email: story.therapist.email, password: story.therapist.password });
	const people = [
		{ name: 'Tom Okafor', days: ['tue', 'thu', 'sat'], long: 'sat' },
		{ name: 'Maria Lopes', days: ['mon', 'thu'], long: null },
		{ name: 'Sam Reed', days: ['wed', 'sun'], long: 'sun' },
		{ name: 'Jo Park', days: ['tue', 'sat'], long: 'sat' },
		{ name: 'Priya Shah', days: ['mon', 'wed', 'fri', 'sun'], long: 'sun' },
	];
	for (const p of people) {
		const r = await call(ana, 'POST', '/api/patients', { name: p.name, level: 'beginner', equipment: ['mat', 'band'], run_days: p.days, long_run: p.long, strength_days: ['tue', 'fri'] });
		p.jar = {};
		p.email = p.name.toLowerCase().replace(' ', '.') + '@mail.test';
		p.password = 'a long enough password for ' + p.name;
		await call(p.jar, 'POST', '/api/invite/' + encodeURIComponent(r.invite_code), { email: p.email, password: p.password });
		const qs = await call(p.jar, 'GET', '/api/check');
		const answers = {};
		for (const q of qs) if (q.asked) answers[q.id] = false;
		await call(p.jar, 'POST', '/api/check', { answers });
	}
	return people;
}

// Days from the program's start to `until` (exclusive), as YYYY-MM-DD, with their weekday (0: Sunday).
function days(from, until) {
	const out = [];
	for (let t = Date.parse(from.slice(0, 10) + 'T12:00:00Z'); t < Date.parse(until.slice(0, 10) + 'T12:00:00Z'); t += 86400000) {
		const d = new Date(t);
		out.push([d.toISOString().slice(0, 10), d.getUTCDay()]);
	}
	return out;
}

// A session as the patient's app sends it (docs/api.md, the live session): the script from the
// start, every step of work done, and the end.
async function playSession(jar, kind, painAfter) {
	const v = await call(jar, 'POST', '/api/session/start', { kind, pain_before: null, resume: false });
	const records = v.script.map((st, i) => (st.work ? { id: randomUUID(), step: i, status: 'done', elapsed_ms: (st.duration_s || 40) * 1000 } : null)).filter(Boolean);
	await call(jar, 'POST', '/api/session/sync', { kind, at: v.script.length, finish: { pain: painAfter }, records });
}

// Three weeks of the other patients, day by day, each on the server of that day: sessions can only
// be done today. Pain scores carry their date.
async function seedRecords(people) {
	const [tom, maria, sam, jo, priya] = people;
	for (const [i, [day, wd]] of days(MONDAY, SUNDAY).entries()) {
		const week = Math.floor(i / 7);
		const strength = wd === 2 || wd === 5;
		const todo = [];
		// Priya does it all, and her pain comes down.
		if (strength) todo.push([priya, 'strength', 2]);
		todo.push([priya, 'stretch', 1]);
		// Tom does the strength, and his pain climbs.
		if (strength) todo.push([tom, 'strength', 4]);
		// Maria hurts more each week and does little; Sam stretches now and then.
		if (wd === 2 && week === 0) todo.push([maria, 'strength', 5]);
		if (wd === 3) todo.push([sam, 'stretch', 3]);
		// Jo did well, then nothing since 27 November.
		if (day <= '2026-11-27') {
			if (strength) todo.push([jo, 'strength', 2]);
			todo.push([jo, 'stretch', 2]);
		}
		await serve(day + 'T18:00:00');
		for (const p of new Set(todo.map((x) => x[0]))) await call(p.jar, 'POST', '/api/login', { email: p.email, password: p.password });
		for (const [p, kind, pain] of todo) await playSession(p.jar, kind, pain);
	}
	await serve(SUNDAY);
	for (const p of people) await call(p.jar, 'POST', '/api/login', { email: p.email, password: p.password });
	for (const [i, [day, wd]] of days(MONDAY, SUNDAY).entries()) {
		const week = Math.floor(i / 7);
		if (wd !== 1 && wd !== 4) continue;
		await call(priya.jar, 'POST', '/api/pain', { score: [5, 4, 2][week], context: 'morning', date: day });
		await call(tom.jar, 'POST', '/api/pain', { score: [3, 5, 7][week], context: 'morning', date: day });
		await call(maria.jar, 'POST', '/api/pain', { score: [4, 6, 7][week], context: 'morning', date: day });
		await call(sam.jar, 'POST', '/api/pain', { score: 3, context: 'morning', date: day });
		if (day <= '2026-11-27') await call(jo.jar, 'POST', '/api/pain', { score: 3, context: 'morning', date: day });
	}
	// Tom's hip hurts when he hops on it: a red flag that waits for a clinician.
	const qs = await call(tom.jar, 'GET', '/api/check');
	const answers = {};
	for (const q of qs) if (q.asked) answers[q.id] = q.id === 'hopping-hurt';
	await call(tom.jar, 'POST', '/api/check', { answers });
}

test('the patient claims the invite on a phone, answers the safety questions and reaches the app', when, async () => {
	assert.ok(story.leeUrl, 'the invite of the first test');
	const { page, problems } = await open(390, 844);
	// The code typed in from the login page; the invite page is the same as the link's (the next
	// test opens the link itself).
	await page.goto(`${srv.url}/clinic.html#login`);
	await page.getByRole('link', { name: 'I have an invite code' }).click();
	await page.getByLabel('Invite code').fill(story.leeCode.toLowerCase());
	await page.getByRole('button', { name: 'Go on' }).click();
	await page.getByRole('heading', { name: 'Welcome, Lee' }).waitFor();
	assert.match(await page.locator('main').textContent(), /Riverside Physio/);
	assert.deepEqual(await layoutAtEveryWidth(page, 'invite page'), []);
	await shot(page, 'clinic-invite-phone');
	await page.getByLabel('Email').fill('lee.chan@mail.test');
	const pw = page.locator('input[type=password]');
	await pw.nth(0).fill('lee walks the dog daily');
	await pw.nth(1).fill('lee walks the dog daily');
	await page.getByRole('button', { name: 'Start my program' }).click();
	await page.waitForURL((u) => u.pathname === '/');
	// The runner's app: the safety questions come first, as at the end of `hipcoach setup`.
	await page.locator('#screening-card, .questions').first().waitFor();
	if (await page.locator('#screening-card').count()) await page.locator('#screening-card').getByRole('link', { name: 'Answer them' }).click();
	await page.getByRole('heading', { name: 'Safety questions' }).waitFor();
	const questions = await (await page.request.get(srv.url + '/api/check')).json();
	for (const q of questions.filter((x) => x.asked)) await page.locator(`[data-id="${q.id}"]`).getByRole('button', { name: 'No' }).click();
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await page.getByText('Nothing in your answers stands in the way of the program.').waitFor();
	// The invite is used up: a second look says so.
	const again = await page.request.get(srv.url + '/api/invite/' + encodeURIComponent(new URL(story.leeUrl).hash.slice(1)));
	assert.equal(again.status(), 404);
	assert.deepEqual(problems, []);
});

// The link the server makes (docs/clinic-api.md: BASE/clinic.html#invite=CODE) opens the invite
// page.
test('the invite link the server makes opens the invite page', when, async () => {
	const url = new URL(story.leeUrl);
	assert.match(url.hash, /^#invite=/, url.href);
	const res = await fetch(url.origin + url.pathname);
	assert.equal(res.status, 200, `${url.pathname} is served`);
	assert.match(await res.text(), /clinic\.js/);
});

test('three weeks on: the list, most urgent first, in plain words; a red flag on a patient\'s page, and its clearance', when, async () => {
	const people = await seedClinic();
	await seedRecords(people);

	const { page, problems } = await open(1280, 800, SUNDAY);
	await page.goto(srv.url + '/clinic.html');
	await page.getByRole('heading', { name: 'Log in' }).waitFor();
	assert.deepEqual(await layoutAtEveryWidth(page, 'login'), []);
	await page.getByLabel('Email').fill(story.therapist.email);
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.locator('.form-problem:not([hidden])').waitFor();
	assert.match(await page.locator('.form-problem').textContent(), /do not match/);
	await page.getByLabel('Password').fill(story.therapist.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.getByRole('heading', { name: 'Your patients' }).waitFor();

	const list = await (await page.request.get(srv.url + '/api/patients')).json();
	const rows = page.locator('.patient');
	assert.equal(await rows.count(), list.length);
	// The page keeps the server's order, and says each code in words.
	for (const [i, p] of list.entries()) {
		const row = rows.nth(i);
		assert.equal(await row.locator('.patient-name').textContent(), p.name);
		assert.equal(await row.locator('.att:not(.att-none)').count(), p.attention.length, `${p.name}: one chip a code`);
	}
	const tom = list.find((p) => p.name === 'Tom Okafor');
	story.tom = tom;
	assert.equal(tom.attention[0], 'red-flag');
	assert.equal(list[0].name, 'Tom Okafor', 'a red flag first');
	assert.match(await rows.nth(0).locator('.att').first().textContent(), /Red flag answered/);
	const jo = list.find((p) => p.name === 'Jo Park');
	assert.ok(jo.attention.includes('silent-7d'));
	assert.match(await page.locator('.patient', { hasText: 'Jo Park' }).textContent(), /Nothing logged for 7 days/);
	const lee = list.find((p) => p.name === 'Lee Chan');
	assert.ok(lee.attention.includes('silent-7d'), 'Lee has logged nothing yet');
	story.leeBefore = lee;
	assert.deepEqual(await layoutAtEveryWidth(page, 'patients'), []);
	await shot(page, 'clinic-dashboard');

	// Tom's page: the red flag and the question answered yes, in words; the clearance with its note.
	await page.locator('.patient', { hasText: 'Tom Okafor' }).getByRole('link').click();
	await page.getByRole('heading', { name: 'Tom Okafor', exact: true }).waitFor();
	await page.getByRole('heading', { name: 'Red flag: sessions paused' }).waitFor();
	assert.match(await page.locator('.card-flag').textContent(), /hop/i, 'the question answered yes, in words');
	assert.deepEqual(await layoutAtEveryWidth(page, 'patient'), []);
	await shot(page, 'clinic-patient');
	// Seen by a clinician later that day (with the clock pinned, a clearance at the very moment of
	// the answer would not come after it).
	await serve(SUNDAY_NOON);
	await page.goto(`${srv.url}/clinic.html#patient/${tom.id}`);
	await page.getByRole('heading', { name: 'Red flag: sessions paused' }).waitFor();
	await page.getByRole('button', { name: 'Record the clearance' }).click();
	assert.match(await page.locator('.card-flag .form-problem').textContent(), /note/, 'a clearance says who saw them');
	await page.getByLabel('Clinical clearance: a note').fill('X-ray clear, Dr Lee, 6 Dec: exercise as tolerated');
	await page.getByRole('button', { name: 'Record the clearance' }).click();
	await page.locator('#toast:not([hidden]), .card-flag .form-problem:not([hidden])').first().waitFor();
	assert.equal(await page.locator('.card-flag .form-problem:not([hidden])').count(), 0, 'recorded');
	const status = await (await page.request.get(`${srv.url}/api/patients/${tom.id}/status`)).json();
	assert.equal(status.screening.blocked, false, 'the status after the clearance: sessions open again');
	assert.equal((await (await page.request.get(srv.url + '/api/patients')).json()).find((p) => p.id === tom.id).attention.includes('red-flag'), false);
	await page.locator('.card-flag').waitFor({ state: 'detached' });
	assert.deepEqual(problems, []);
});

test('the therapist changes a patient\'s program, with the reason, and sees it in the change history', when, async () => {
	assert.ok(story.tom, 'the patients of the earlier test');
	const { page, problems } = await open(1280, 800, SUNDAY);
	await page.goto(srv.url + '/clinic.html');
	await page.getByLabel('Email').fill(story.therapist.email);
	await page.getByLabel('Password').fill(story.therapist.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.getByRole('heading', { name: 'Your patients' }).waitFor();
	await page.goto(`${srv.url}/clinic.html#patient/${story.tom.id}`);
	await page.getByRole('heading', { name: 'Tom Okafor', exact: true }).waitFor();
	const api = await page.request.get(`${srv.url}/api/patients/${story.tom.id}/program`);
	assert.equal(api.status(), 200, 'the program changes are served');
	await page.getByRole('button', { name: 'Change the program' }).first().click();
	await page.getByRole('dialog').waitFor();
	assert.deepEqual(await layoutAtEveryWidth(page, 'program change'), []);
	const first = page.locator('.chg-ex > li').first();
	const firstName = (await first.locator('.ex-n').textContent()).trim();
	await first.getByLabel('Leave out').check();
	await page.getByRole('button', { name: 'Save the change' }).click();
	assert.match(await page.locator('.sheet .form-problem').textContent(), /why/i, 'a left-out exercise needs its reason');
	await first.getByLabel(/why it is left out/).fill('hurts on landing');
	await page.getByLabel('Shown in their app, in your words').fill('Leave the hops until we have seen the X-ray.');
	await page.getByRole('button', { name: 'Save the change' }).click();
	assert.match(await page.locator('.sheet .form-problem').textContent(), /Say why/);
	await page.getByLabel('Kept with the change, for the record').fill('Pain on hopping: unload until the X-ray');
	await page.getByRole('button', { name: 'Save the change' }).click();
	await page.locator('.sheet .form-problem:not([hidden]), .changes > li').first().waitFor();
	assert.equal(await page.locator('.sheet .form-problem:not([hidden])').count(), 0, 'saved: ' + await page.locator('.sheet .form-problem').textContent().catch(() => ''));
	const changes = page.locator('.changes > li');
	assert.match(await changes.first().textContent(), /Ana Ruiz/);
	assert.match(await changes.first().textContent(), /Pain on hopping/);
	assert.match(await changes.first().textContent(), new RegExp(firstName));
	assert.match(await page.locator('.note-box').textContent(), /Leave the hops/);
	// What the patient's plan now holds: the exercise left out.
	const plan = await (await page.request.get(`${srv.url}/api/patients/${story.tom.id}/plan?days=14`)).json();
	assert.equal(plan.days.some((d) => d.sessions.some((x) => (x.items || []).some((it) => it.name === firstName))), false, `${firstName} is out of the plan`);
	assert.deepEqual(problems, []);
});

test('the patient does a session in the runner\'s app; the list then shows it', when, async () => {
	assert.ok(story.leeBefore, 'the patient of the earlier tests');
	// Three weeks on, the phone's login has lapsed: the patient logs in again, and is sent to their app.
	const { page, problems } = await open(390, 844);
	await page.goto(srv.url + '/clinic.html#login');
	await page.getByLabel('Email').fill('lee.chan@mail.test');
	await page.getByLabel('Password').fill('lee walks the dog daily');
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.waitForURL((u) => u.pathname === '/');
	// The stretches: every step is timed, played by the page and sent to the clinic (the server keeps
	// no session of its own).
	await page.getByRole('button', { name: /Start stretches|Stretch anyway/ }).click();
	await page.getByRole('button', { name: 'Skip' }).click();
	await page.locator('.session').waitFor();
	// After each stretch the page asks, as the runner's own computer would: gentle, each time.
	let asked = 0;
	for (const deadline = Date.now() + 120000; !await page.getByRole('dialog', { name: 'Session complete' }).isVisible();) {
		assert.ok(Date.now() < deadline, 'the session reached its end');
		const gentle = page.getByRole('dialog').getByRole('button', { name: 'Yes, gentle' });
		if (await gentle.isVisible().catch(() => false)) { await gentle.click(); asked++; }
		await page.waitForTimeout(50);
	}
	await page.getByRole('dialog').getByRole('button', { name: 'Pain after the session: 1 out of 10' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Finish' }).click();
	await page.getByText('Saved with your clinic.').waitFor({ timeout: 15000 });
	const hist = await (await page.request.get(srv.url + '/api/history')).json();
	const today = hist.sessions.filter((x) => x.date === SUNDAY.slice(0, 10));
	assert.equal(today.length, 1, 'one session recorded');
	assert.equal(today[0].kind, 'stretch');
	assert.equal(today[0].status, 'completed');
	assert.equal(asked, today[0].items.length, 'one question after each stretch');
	assert.ok(today[0].items.every((i) => i.sets.every((x) => x.status !== 'done' || x.gentle === true)), 'each answer is recorded');
	assert.deepEqual(problems, []);

	// The therapist's list, the same day: logged today, and no longer silent.
	const desk = await open(1280, 800, SUNDAY);
	await desk.page.goto(srv.url + '/clinic.html');
	await desk.page.getByLabel('Email').fill(story.therapist.email);
	await desk.page.getByLabel('Password').fill(story.therapist.password);
	await desk.page.getByRole('button', { name: 'Log in' }).click();
	const row = desk.page.locator('.patient', { hasText: 'Lee Chan' });
	await row.waitFor();
	assert.equal((await row.locator('.patient-last time').textContent()).trim(), 'Today');
	assert.equal(await row.locator('.att-silent').count(), 0, 'no longer silent');
	const cookies = await desk.ctx.cookies();

	// The next morning the week is complete: the stretches count in the adherence.
	await serve(NEXT_MONDAY);
	const desk2 = await open(1280, 800, NEXT_MONDAY);
	await desk2.ctx.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, url: srv.url + '/' })));
	await desk2.page.goto(srv.url + '/clinic.html');
	await desk2.page.getByRole('heading', { name: 'Your patients' }).waitFor();
	const list = await (await desk2.page.request.get(srv.url + '/api/patients')).json();
	const lee = list.find((p) => p.name === 'Lee Chan');
	assert.equal(lee.last_logged, SUNDAY.slice(0, 10));
	assert.ok(lee.adherence.stretch_pct > (story.leeBefore.adherence.stretch_pct || 0), `the stretches moved: ${JSON.stringify(story.leeBefore.adherence)} → ${JSON.stringify(lee.adherence)}`);
	const leeRow = desk2.page.locator('.patient', { hasText: 'Lee Chan' });
	assert.match(await leeRow.locator('.patient-adh').textContent(), new RegExp(`Stretches.*${lee.adherence.stretch_pct}%`));
	assert.equal((await leeRow.locator('.patient-last time').textContent()).trim(), 'Yesterday');
	assert.deepEqual([...desk.problems, ...desk2.problems], []);
});
