// End to end in a real browser: `hipcoach ui` on a fresh database, a phone-sized chromium does a stretch session, logs pain and sees it in the chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import http from 'node:http';

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, '../..');
const bin = join(top, 'hipcoach');
const shots = join(top, 'build', 'ui');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const work = mkdtempSync(join(tmpdir(), 'hipcoach-ui-'));
const env = {
	...process.env,
	HIPCOACH_DB: join(work, 'hipcoach.db'),
	HIPCOACH_NOW: '2026-12-08T07:30:00',
	HIPCOACH_TIME_SCALE: '50',
	TZ: 'UTC',
	NO_COLOR: '1',
	HOME: work,
	no_proxy: '*',
	NO_PROXY: '*',
};
delete env.XDG_DATA_HOME;
delete env.HIPCOACH_PROGRAM;

let server, base, browser;
const sessionCookies = [];

function hipcoach(...args) {
	return execFileSync(bin, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function startServer(extra = [], extraEnv = {}) {
	return new Promise((ok, fail) => {
		const p = spawn(bin, ['ui', '--no-open', '--port', '0', ...extra], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const timer = setTimeout(() => fail(new Error('server did not start: ' + out)), 10000);
		p.stdout.on('data', (d) => {
			out += d;
			const m = out.match(/serving (http:\/\/[^/\s]+\/)\?token=([0-9a-f]+)\n/);
			if (m) {
				clearTimeout(timer);
				// The printed link lets one client in, once: its session cookie goes to every browser context.
				http.get(`${m[1]}?token=${m[2]}`, { agent: false }, (res) => {
					res.resume();
					const [name, value] = res.headers['set-cookie'][0].split(';')[0].split('=');
					sessionCookies.push({ name, value, url: m[1] });
					ok({ proc: p, url: m[1], out });
				}).on('error', fail);
			}
		});
		p.stderr.on('data', (d) => { out += d; });
		p.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${out}`)); });
	});
}

function stop(p) {
	return new Promise((ok) => {
		if (p.exitCode !== null) { ok(p.exitCode); return; }
		p.removeAllListeners('exit');
		p.on('exit', (code) => ok(code));
		p.kill('SIGINT');
	});
}

before(async () => {
	mkdirSync(shots, { recursive: true });
	hipcoach('setup', '--level', 'beginner', '--equipment', 'mat,band,step,chair', '--strength-days', 'tue,fri',
		'--run-days', 'mon,wed,sat', '--long-run', 'sat', '--name', 'Sam');
	const s = await startServer();
	server = s.proc;
	base = s.url.replace(/\/$/, '');
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--no-proxy-server'],
		// launch() gives the browser a new, empty --user-data-dir of its own.
	});
});

after(async () => {
	if (browser) await browser.close();
	if (server) assert.equal(await stop(server), 0, 'Ctrl-C stops the server cleanly');
	rmSync(work, { recursive: true, force: true });
});

async function phone() {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
	await ctx.addCookies(sessionCookies);
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(String(e)));
	// 501 is what an endpoint answers before its command lands; the page copes with it.
	page.on('console', (m) => { if (m.type() === 'error' && !/status of 501/.test(m.text())) problems.push(m.text()); });
	return { ctx, page, problems };
}

// Plays the session to its end: lets the server's player run the holds, answers every check-in.
async function playToEnd(page, { reloadAt = 6, shotAt = 3, seen = null } = {}) {
	let checkins = 0, reloaded = false, shot = false;
	const deadline = Date.now() + 90000;
	while (Date.now() < deadline) {
		if (await page.locator('.done-screen').isVisible()) return checkins;
		const sheet = page.locator('.sheet');
		if (await sheet.isVisible()) {
			const title = (await sheet.locator('.sheet-title').textContent()) || '';
			if (title === 'Session complete') {
				await page.waitForTimeout(350);
				await page.screenshot({ path: join(shots, 'phone-pain-after.png') });
				await sheet.getByRole('button', { name: 'Pain after the session: 1 out of 10' }).click();
				await sheet.getByRole('button', { name: 'Finish' }).click();
			} else {
				checkins++;
				if (checkins === 1) {
					await page.waitForTimeout(350); // the sheet's rise
					await page.screenshot({ path: join(shots, 'phone-checkin.png') });
				}
				await sheet.getByRole('button', { name: 'Yes, gentle' }).click();
			}
			await page.waitForTimeout(50);
			continue;
		}
		const type = await page.locator('.session').getAttribute('data-type').catch(() => null);
		if (type === 'hold' && seen) {
			// Which side works, and whether the drawing is mirrored for it.
			// One look at the whole screen, so the step cannot change between its parts.
			const look = await page.evaluate(() => ({
				type: document.querySelector('.session')?.dataset.type,
				side: document.querySelector('.chip-side')?.textContent,
				name: document.querySelector('.sess-name')?.textContent,
				mirrored: document.querySelector('.sess-fig')?.classList.contains('mirrored'),
			})).catch(() => ({}));
			// The last look at each side counts: the drawing may turn once the sides are loaded.
			if (look.type === 'hold' && look.side && look.name) seen.set(`${look.name}|${look.side}`, look.mirrored);
		}
		if (type === 'hold' && !shot && checkins >= shotAt) {
			shot = true;
			await page.screenshot({ path: join(shots, 'phone-session-hold.png') });
		}
		if (type === 'hold' && !reloaded && checkins >= reloadAt) {
			// Reloading resumes the session where it is.
			reloaded = true;
			const before = await page.locator('.sess-where').textContent();
			await page.reload();
			await page.locator('.session').waitFor();
			const now = await page.locator('.sess-where').textContent();
			assert.equal(now, before, 'reloading keeps the exercise');
			continue;
		}
		await page.waitForTimeout(60);
	}
	await page.screenshot({ path: join(shots, 'phone-stuck.png') });
	const view = await (await page.request.get(base + '/api/session')).text();
	throw new Error('the session did not finish in time: ' + view.slice(0, 1500));
}

test('a stretch session on a phone, start to finish, every step recorded', async () => {
	const { ctx, page, problems } = await phone();
	await page.goto(base + '/');
	await page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	await page.screenshot({ path: join(shots, 'phone-today.png') });

	await page.getByRole('button', { name: 'Start strength' }).waitFor();
	await page.locator('.session-card.due', { hasText: 'Stretches' }).click();
	const sheet = page.locator('.sheet');
	await sheet.getByRole('button', { name: 'Pain before the session: 2 out of 10' }).click();
	await page.screenshot({ path: join(shots, 'phone-before.png') });
	await sheet.getByRole('button', { name: 'Start' }).click();
	await page.locator('.session').waitFor();
	assert.ok(await page.locator('.sess-fig').getAttribute('src'), 'the exercise is illustrated');

	const seen = new Map();
	const checkins = await playToEnd(page, { seen });
	assert.equal(checkins, 8, 'one check-in per stretch');
	// The hip flexor stretch is drawn with the right leg at work: mirrored for the left side only.
	assert.equal(seen.get('Half-kneeling hip flexor stretch|LEFT leg'), true, 'mirrored on the left side');
	assert.equal(seen.get('Half-kneeling hip flexor stretch|RIGHT leg'), false, 'as drawn on the right');
	await page.screenshot({ path: join(shots, 'phone-done.png') });

	// The server recorded it: today's stretches are done, and the terminal agrees.
	const today = await (await page.request.get(base + '/api/today')).json();
	const st = today.sessions.find((x) => x.kind === 'stretch');
	assert.equal(st.done, true);
	assert.equal(today.streak, 1);
	const plan = await (await page.request.get(base + '/api/plan?from=2026-12-08&days=1')).json();
	const items = plan.days[0].sessions.find((x) => x.kind === 'stretch').items;
	const holds = items.reduce((n, it) => n + it.sets * (it.per_side ? 2 : 1), 0);
	const rows = execFileSync('sqlite3', [env.HIPCOACH_DB, "SELECT count(*), sum(status = 'done'), sum(gentle) FROM results"], { encoding: 'utf8' }).trim();
	assert.equal(rows, `${holds}|${holds}|${holds}`, 'every hold recorded as done and gentle');
	const ses = execFileSync('sqlite3', [env.HIPCOACH_DB, 'SELECT kind, status, origin, pain_before, pain_after FROM sessions'], { encoding: 'utf8' }).trim();
	assert.equal(ses, 'stretch|completed|web|2|1');

	await page.getByRole('button', { name: 'Back to Today' }).click();
	await page.locator('.session-card.done', { hasText: 'Stretches' }).waitFor();
	await page.screenshot({ path: join(shots, 'phone-today-after.png'), fullPage: true });
	assert.deepEqual(problems, []);
	await ctx.close();
});

// A runner of their own, on a server of their own: what these tests record stays out of the others.
async function ownServer(name) {
	const db = join(work, name + '.db');
	execFileSync(bin, ['setup', '--level', 'beginner', '--equipment', 'mat,band,step,chair', '--strength-days', 'tue,fri',
		'--run-days', 'mon,wed,sat', '--long-run', 'sat', '--name', 'Sam'], { env: { ...env, HIPCOACH_DB: db }, stdio: 'ignore' });
	execFileSync(bin, ['check', '--none'], { env: { ...env, HIPCOACH_DB: db }, stdio: 'ignore' });
	const s = await startServer([], { HIPCOACH_DB: db });
	return { db, proc: s.proc, url: s.url.replace(/\/$/, '') };
}

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

test('strength on a phone: "it hurts" at 2 keeps the set; the check-in asks the pain during it', async () => {
	const own = await ownServer('strength');
	const { ctx, page, problems } = await phone();
	await page.goto(own.url + '/');
	await page.locator('.session-card', { hasText: 'Strength' }).click();
	const sheet = page.locator('.sheet');
	await sheet.getByRole('button', { name: 'Pain before the session: 2 out of 10' }).click();
	await sheet.getByRole('button', { name: 'Start' }).click();
	await page.locator('.session[data-type="reps"]').waitFor();
	// The first set: it hurts, 2 out of 10, carry on.
	await page.getByRole('button', { name: 'It hurts' }).click();
	await sheet.getByText('Up to 5 out of 10 is acceptable during strength work').waitFor();
	await sheet.getByRole('button', { name: 'Pain now: 2 out of 10' }).click();
	await sheet.getByRole('button', { name: 'Carry on' }).click();
	await page.locator('.toast', { hasText: '2 out of 10 is fine' }).waitFor();
	// The other three sets of the first exercise, then its check-in.
	for (let done = 0; done < 3;) {
		if (await sheet.isVisible()) break;
		const b = page.getByRole('button', { name: 'Set done' });
		if (await b.isVisible() && await b.isEnabled()) { await b.click(); done++; await page.waitForTimeout(150); } else await page.waitForTimeout(60);
	}
	await sheet.getByText('Pain in your hip during it?').waitFor();
	assert.equal(await sheet.getByRole('button', { name: 'Pain during it: 2 out of 10' }).getAttribute('aria-pressed'), 'true', 'the rating given is the default');
	await sheet.getByRole('button', { name: 'Pain during it: 1 out of 10' }).click();
	await sheet.getByRole('button', { name: 'Yes' }).click();
	await page.screenshot({ path: join(shots, 'phone-checkin-strength.png') });
	await sheet.getByRole('button', { name: 'Save and go on' }).click();
	await page.waitForFunction(() => !document.querySelector('.sheet'));
	assert.equal(sql(own.db, "SELECT group_concat(status || ':' || pain || ':' || reserve3, ',') FROM (SELECT * FROM results WHERE exercise = 'single-leg-toe-tap' ORDER BY step)"),
		'done:2:1,done:1:1,done:1:1,done:1:1', 'a set rated higher keeps its rating');
	assert.deepEqual(problems, []);
	await ctx.close();
	await stop(own.proc);
});

test('pain of 8 before strength: no strength work today, the stretches instead, and a stretch never "acceptable"', async () => {
	const own = await ownServer('pain8');
	const { ctx, page, problems } = await phone();
	await page.goto(own.url + '/');
	await page.locator('.session-card', { hasText: 'Strength' }).click();
	const sheet = page.locator('.sheet');
	await sheet.getByRole('button', { name: 'Pain before the session: 8 out of 10' }).click();
	await sheet.getByRole('button', { name: 'Start' }).click();
	await sheet.getByRole('heading', { name: 'No strength work today.' }).waitFor();
	await sheet.getByText('Your hip hurts 8 out of 10 today').waitFor();
	await page.screenshot({ path: join(shots, 'phone-no-strength.png') });
	await sheet.getByRole('button', { name: 'Do the stretches' }).click();
	await page.locator('.session[data-type="hold"]').waitFor();
	assert.equal(sql(own.db, 'SELECT kind, status, pain_before FROM sessions ORDER BY id'), 'strength|skipped|8\nstretch|unfinished|8');
	// It hurts during a stretch: ease off, never "up to 5 is acceptable".
	await page.getByRole('button', { name: 'It hurts' }).click();
	await sheet.getByText('A stretch should feel like a mild pull, never pain.').waitFor();
	assert.equal(await sheet.getByText('acceptable').count(), 0);
	await sheet.getByRole('button', { name: 'Pain now: 2 out of 10' }).click();
	await sheet.getByRole('button', { name: 'Carry on' }).click();
	await page.locator('.toast', { hasText: 'Ease off' }).waitFor();
	assert.equal(sql(own.db, 'SELECT status, pain FROM results ORDER BY step LIMIT 1'), 'done|2');
	// The refused start answers 409, which the browser logs; nothing else may go wrong.
	assert.deepEqual(problems.filter((x) => !/status of 409/.test(x)), []);
	await ctx.close();
	await stop(own.proc);
});

test('log pain and see it in the chart', async () => {
	const { ctx, page, problems } = await phone();
	await page.goto(base + '/#progress');
	await page.getByRole('heading', { name: 'Pain by week' }).waitFor();
	await page.getByRole('button', { name: 'Pain score: 6 out of 10' }).click();
	await page.locator('#pain-loc').selectOption('outer');
	await page.getByRole('button', { name: 'Save pain' }).click();
	await page.locator('.toast', { hasText: 'Saved: pain 6/10' }).waitFor();
	await page.getByRole('heading', { name: 'Pain by week' }).waitFor();

	const prog = await (await page.request.get(base + '/api/progress')).json();
	const last = prog.weeks[prog.weeks.length - 1];
	assert.equal(last.pain_max, 6);
	const label = page.locator('.chart-card', { hasText: 'Pain by week' }).locator('.chart-last');
	assert.equal(await label.textContent(), last.pain_mean.toFixed(1) + '/10 so far', 'this week is not over yet');
	assert.equal(await page.locator('.chart-card', { hasText: 'Pain by week' }).locator('.bar.last').count(), 1);
	await page.screenshot({ path: join(shots, 'phone-progress.png'), fullPage: true });
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('the program: plan, exercise library with illustrations, profile', async () => {
	const { ctx, page, problems } = await phone();
	await page.goto(base + '/#program');
	await page.getByRole('heading', { name: 'Exercises' }).waitFor();
	assert.equal(await page.locator('.ex-card').count(), 14);
	const img = page.locator('.ex-card img').first();
	await img.scrollIntoViewIfNeeded();
	await page.waitForFunction(() => [...document.querySelectorAll('.ex-card img')].slice(0, 2).every((i) => i.complete && i.naturalWidth > 0));
	await page.screenshot({ path: join(shots, 'phone-program.png'), fullPage: true });
	await page.getByRole('button', { name: /^Clamshell, .*: how to do it$/ }).click();
	await page.locator('.sheet .dose').waitFor();
	await page.screenshot({ path: join(shots, 'phone-exercise.png') });
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('import a run from a file and download what the terminal exports', async () => {
	const { ctx, page, problems } = await phone();
	await page.goto(base + '/#progress');
	await page.getByRole('heading', { name: 'Import runs' }).waitFor();
	await page.locator('#import-file').setInputFiles(join(top, 'tests', 'data', 'run-stop.gpx'));
	const report = page.locator('.import-report');
	await report.getByText('1 run', { exact: true }).waitFor();
	assert.equal(await report.locator('.import-name').textContent(), 'run-stop.gpx');
	await page.getByRole('heading', { name: 'Weekly distance' }).waitFor();
	assert.match(hipcoach('runs'), /run-stop\.gpx/, 'the terminal sees the run');
	await report.scrollIntoViewIfNeeded();
	await page.screenshot({ path: join(shots, 'phone-import.png') });
	// The same file again is recognised.
	await page.locator('#import-file').setInputFiles(join(top, 'tests', 'data', 'run-stop.gpx'));
	await report.getByText('0 runs', { exact: true }).waitFor();
	assert.equal(await report.locator('dd').nth(1).textContent(), '1');

	await page.goto(base + '/#program');
	await page.getByRole('heading', { name: 'Take it with you' }).waitFor();
	const want = { 'Calendar (iCal)': 'hipcoach-plan.ics', 'Watch: strength (FIT)': 'hipcoach-strength.fit',
		'Watch: stretches (FIT)': 'hipcoach-stretch.fit', 'Handout (PDF)': 'hipcoach-handout.pdf',
		'Backup (JSON)': 'hipcoach-backup-2026-12-08.json', 'Log for a spreadsheet (CSV)': 'hipcoach-log-2026-12-08.csv' };
	for (const [text, name] of Object.entries(want)) {
		const link = page.locator('a.btn', { hasText: text });
		const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
		assert.equal(dl.suggestedFilename(), name, text);
	}
	await page.locator('a.btn', { hasText: 'Handout (PDF)' }).scrollIntoViewIfNeeded();
	await page.screenshot({ path: join(shots, 'phone-downloads.png') });
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('on a laptop: the same app, wider', async () => {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await ctx.addCookies(sessionCookies);
	const page = await ctx.newPage();
	await page.goto(base + '/');
	await page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	await page.screenshot({ path: join(shots, 'laptop-today.png') });
	await page.locator('.session-card', { hasText: 'Strength' }).click();
	await page.locator('.sheet').getByRole('button', { name: 'Skip' }).click();
	await page.locator('.session').waitFor();
	// The get-ready step lasts a fraction of a second at this time scale: it may be over already.
	await page.getByRole('button', { name: 'Go now' }).click({ timeout: 1000 }).catch(() => {});
	await page.locator('.session[data-type="reps"]').waitFor();
	await page.screenshot({ path: join(shots, 'laptop-session-reps.png') });
	// One set done, then quit: kept to resume (a session quit with nothing done is skipped).
	await page.getByRole('button', { name: 'Set done' }).click();
	await page.waitForFunction(() => document.querySelector('.session')?.dataset.type !== 'reps');
	await page.getByRole('button', { name: 'Quit and save' }).click();
	await page.getByRole('button', { name: 'Stop and save' }).click();
	await page.locator('.session-card.resume', { hasText: 'Strength' }).waitFor();
	await ctx.close();
});

test('the files are embedded: no request leaves the server', async () => {
	const { ctx, page } = await phone();
	const foreign = [];
	page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
	await page.goto(base + '/');
	await page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	assert.deepEqual(foreign, []);
	assert.ok(existsSync(join(shots, 'phone-today.png')));
	await ctx.close();
});

test('change the profile on a phone: the level, dumbbells, the week; the plan follows', async () => {
	const { ctx, page, problems } = await phone();
	await page.goto(base + '/#program');
	await page.getByRole('heading', { name: 'Profile' }).waitFor();
	await page.getByRole('button', { name: 'Edit your profile' }).click();
	const sheet = page.locator('.sheet');
	await sheet.getByRole('heading', { name: 'Your profile' }).waitFor();
	// What is stored shows as chosen.
	assert.equal(await sheet.getByRole('radio', { name: /^Beginner/ }).getAttribute('aria-checked'), 'true');
	assert.equal(await sheet.getByRole('group', { name: 'Run days' }).getByRole('button', { name: 'Saturday' }).getAttribute('aria-pressed'), 'true');
	assert.equal(await sheet.getByRole('button', { name: 'Auto: let hipcoach choose' }).getAttribute('aria-pressed'), 'false');
	await sheet.getByRole('radio', { name: /^Moderate weights/ }).click();
	assert.equal(await sheet.getByRole('radio', { name: /^Moderate weights/ }).getAttribute('aria-checked'), 'true');
	assert.equal(await sheet.getByRole('radio', { name: /^Beginner/ }).getAttribute('aria-checked'), 'false');
	await sheet.evaluate((el) => { el.scrollTop = 0; });
	await page.waitForTimeout(350); // the sheet's rise
	await page.screenshot({ path: join(shots, 'phone-profile-sheet.png') });
	await sheet.getByRole('button', { name: 'Dumbbells' }).click();
	await sheet.getByLabel('Dumbbell weights you have, in kg').fill('6, 4, 8');
	await sheet.getByRole('group', { name: 'Strength days' }).getByRole('button', { name: 'Thursday' }).click();
	await sheet.getByRole('group', { name: 'Strength days' }).getByRole('button', { name: 'Tuesday' }).click();
	await sheet.getByRole('group', { name: 'Strength days' }).getByRole('button', { name: 'Friday' }).click();
	await sheet.getByRole('group', { name: 'Strength days' }).getByRole('button', { name: 'Tuesday' }).click();
	await sheet.locator('.sheet-actions').scrollIntoViewIfNeeded();
	await page.screenshot({ path: join(shots, 'phone-profile-sheet-end.png') });
	await sheet.getByRole('button', { name: 'Save' }).click();
	await page.locator('.toast', { hasText: 'Profile saved' }).waitFor();
	await page.locator('.sheet').waitFor({ state: 'detached' });
	await page.locator('.hero-sub', { hasText: 'moderate' }).waitFor();
	const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Profile' }) });
	await card.getByText('4, 6, 8 kg').waitFor();
	await card.scrollIntoViewIfNeeded();
	await page.screenshot({ path: join(shots, 'phone-profile-saved.png') });

	// Stored as the terminal would store it, and the plan and today follow.
	const p = JSON.parse(hipcoach('setup', '--show', '--json'));
	assert.equal(p.level, 'moderate');
	assert.deepEqual(p.equipment, ['mat', 'band', 'step', 'dumbbells', 'chair']);
	assert.deepEqual(p.dumbbells_kg, [4, 6, 8]);
	assert.deepEqual(p.strength_days, ['tue', 'thu']);
	const plan = await (await page.request.get(base + '/api/plan')).text();
	assert.equal(plan, hipcoach('plan', '--json'));
	assert.equal(JSON.parse(plan).level, 'moderate');
	assert.equal((await (await page.request.get(base + '/api/today')).json()).level, 'moderate');

	// Cancel leaves it as it is.
	await page.getByRole('button', { name: 'Edit your profile' }).click();
	await sheet.getByRole('radio', { name: /^Heavy weights/ }).click();
	await sheet.getByRole('button', { name: 'Cancel' }).click();
	await page.locator('.sheet').waitFor({ state: 'detached' });
	assert.equal(JSON.parse(hipcoach('setup', '--show', '--json')).level, 'moderate');
	assert.deepEqual(problems, []);
	await ctx.close();
});
