// The web app without a terminal, in a real browser: first-run setup on an empty database, the safety
// questions and a clinician's clearance, the next-morning question, a session that goes on when the
// Wi-Fi drops and is recorded exactly once when it is back, and the layout from 320 to 1440 px wide.
// HIPCOACH_SCREENS=DIR also writes the screenshots that docs/screens/ holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, '../..');
const bin = join(top, 'hipcoach');
const shots = process.env.HIPCOACH_SCREENS || join(top, 'build', 'ui-phone');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const work = mkdtempSync(join(tmpdir(), 'hipcoach-ui-phone-'));
const env = {
	...process.env,
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
delete env.HIPCOACH_DB;

let browser;
const servers = [];

function run(db, ...args) {
	return execFileSync(bin, args, { env: { ...env, HIPCOACH_DB: db }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

const sessionCookies = [];

// A runner of their own on a server of their own; `prepare` runs commands on the database first.
function server(name, prepare = () => {}, now = env.HIPCOACH_NOW) {
	const db = join(work, name + '.db');
	prepare(db);
	return new Promise((ok, fail) => {
		const p = spawn(bin, ['ui', '--no-open', '--port', '0'], { env: { ...env, HIPCOACH_DB: db, HIPCOACH_NOW: now }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const timer = setTimeout(() => fail(new Error('server did not start: ' + out)), 10000);
		p.stdout.on('data', (d) => {
			out += d;
			const m = out.match(/serving (http:\/\/[^/\s]+)\/\?token=([0-9a-f]+)\n/);
			if (m) {
				clearTimeout(timer);
				servers.push(p);
				// The printed link lets one client in, once: its session cookie goes to every browser
				// context (the cookie's name carries the port, so the servers keep apart).
				http.get(`${m[1]}/?token=${m[2]}`, { agent: false }, (res) => {
					res.resume();
					const [cname, value] = res.headers['set-cookie'][0].split(';')[0].split('=');
					sessionCookies.push({ name: cname, value, url: m[1] + '/' });
					ok({ db, url: m[1] });
				}).on('error', fail);
			}
		});
		p.stderr.on('data', (d) => { out += d; });
		p.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${out}`)); });
	});
}

const sam = (db) => {
	run(db, 'setup', '--level', 'beginner', '--equipment', 'mat,band,step', '--strength-days', 'tue,fri',
		'--run-days', 'mon,wed,sat', '--long-run', 'sat', '--name', 'Sam');
	run(db, 'check', '--none');
};

// Priya: moderate, dumbbells, miles and pounds, five weeks into the program, with her runs and a
// week without a pain score (a gap in the chart, not a zero).
const priya = (db) => {
	const at = (day, ...args) => execFileSync(bin, args, { env: { ...env, HIPCOACH_DB: db, HIPCOACH_NOW: day + 'T19:00:00' }, stdio: 'ignore' });
	at('2026-11-02', 'setup', '--level', 'moderate', '--equipment', 'mat,band,dumbbells', '--units', 'mi,lb', '--dumbbells', '10,15,20',
		'--run-days', 'mon,wed,fri,sun', '--long-run', 'sun', '--strength-days', 'tue,fri', '--name', 'Priya', '--start', '2026-11-03');
	at('2026-11-02', 'check', '--none');
	const runs = [['2026-10-28', '6mi', '55:00'], ['2026-11-01', '14mi', '2:15:00'], ['2026-11-04', '5mi', '46:00'], ['2026-11-08', '12mi', '1:55:00'],
		['2026-11-11', '5mi', '45:30'], ['2026-11-15', '11mi', '1:45:00'], ['2026-11-18', '6mi', '54:00'], ['2026-11-22', '12mi', '1:52:00'],
		['2026-11-25', '6mi', '53:00'], ['2026-11-29', '13mi', '2:02:00'], ['2026-12-02', '6mi', '52:30'], ['2026-12-06', '13mi', '2:00:00']];
	const week = (day, pain, strength) => {
		if (pain !== null) at(day, 'log', 'pain', String(pain), '--when', 'morning', '--where', 'front', '--date', day);
		if (strength) at(day, 'log', 'session', '--kind', 'strength', '--date', day, '--pain-before', String(Math.max(0, (pain ?? 3) - 1)),
			'--pain-after', String(Math.max(0, (pain ?? 3) - 1)), '--pain-during', '3', '--effort', 'rir3');
	};
	const days = [['2026-11-03', 5, 1], ['2026-11-06', 5, 1], ['2026-11-10', 4, 1], ['2026-11-13', 4, 1], ['2026-11-17', 4, 1],
		['2026-11-20', null, 1], ['2026-11-24', null, 1], ['2026-12-01', 3, 1], ['2026-12-04', 3, 1], ['2026-12-08', 2, 0]];
	let r = 0;
	for (const [day, pain, strength] of days) {
		while (r < runs.length && runs[r][0] <= day) {
			at(runs[r][0], 'log', 'run', '--distance', runs[r][1], '--time', runs[r][2], '--date', runs[r][0]);
			r++;
		}
		week(day, pain, strength);
		if (strength) at(day, 'log', 'session', '--kind', 'stretch', '--date', day);
	}
};

before(async () => {
	mkdirSync(shots, { recursive: true });
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-proxy-server'],
	});
});

after(async () => {
	if (browser) await browser.close();
	for (const p of servers) {
		if (p.exitCode === null) {
			p.removeAllListeners('exit');
			const done = new Promise((ok) => p.on('exit', ok));
			p.kill('SIGINT');
			await done;
		}
	}
	rmSync(work, { recursive: true, force: true });
});

async function open(width = 390, height = 844) {
	const mobile = width < 800;
	const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: mobile, hasTouch: mobile, locale: 'en-GB' });
	await ctx.addCookies(sessionCookies);
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(String(e)));
	// 409 is the answer before setup, and what an offline page's fetches fail with is expected.
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 409|net::ERR_FAILED|net::ERR_INTERNET_DISCONNECTED/.test(m.text())) problems.push(m.text());
	});
	return { ctx, page, problems };
}

const shot = (page, name, opts = {}) => page.screenshot({ path: join(shots, name + '.png'), ...opts });

// The boxes a person sees and touches must not overlap, each control must be at least 44 x 44 px,
// and nothing may scroll sideways. Checked at the top of the page and again at its end, where the
// last controls meet what floats (the tab bar, the big button).
async function checkLayout(page, where) {
	const measure = () => page.evaluate(() => {
		const sel = ['.topbar .brand', '.topbar-date', '.tabbar a', 'main button', 'main a[href]', 'main input:not([type=checkbox]):not([type=file])',
			'main select', 'main label.check', 'main label[for=import-file]', '.dock button', '.sheet button', '.sheet input:not([type=checkbox])',
			'.sheet select', '.sess-next', '.sess-cue', '.sess-name', '.offline-bar'].join(',');
		// What floats: fixed to the window (the tab bar, the big button) or stuck in a scrolling sheet.
		const fixedOf = (el) => {
			for (let e = el; e && !e.classList.contains('sheet'); e = e.parentElement) if (['fixed', 'sticky'].includes(getComputedStyle(e).position)) return e;
			return null;
		};
		const out = [];
		for (const el of document.querySelectorAll(sel)) {
			const r = el.getBoundingClientRect();
			const st = getComputedStyle(el);
			if (!r.width || !r.height || st.visibility === 'hidden' || el.closest('[hidden]')) continue;
			if (el.closest('.visually-hidden')) continue;
			const layer = fixedOf(el);
			const lr = layer && layer.getBoundingClientRect();
			out.push({
				name: (el.getAttribute('aria-label') || el.textContent || el.className).trim().slice(0, 40) + ` <${el.tagName.toLowerCase()}.${el.className}>`,
				x: r.left, y: r.top, w: r.width, h: r.height,
				fixed: !!layer, sheet: !!el.closest('.backdrop'),
				// floating at the top of the window (or sheet) or at its bottom
				floatsTop: !!lr && lr.top + lr.height / 2 < (el.closest('.sheet') ? el.closest('.sheet').getBoundingClientRect().top + 60 : innerHeight / 2),
				pinned: !!el.closest('.topbar, .session'), // never scrolls out of the way: the header, and a session, which fits the screen
				control: el.matches('button, a[href], input, select, label'),
				inView: r.bottom > 0 && r.top < innerHeight,
				id: out.length, el,
			});
		}
		const boxes = out.map(({ el, ...b }) => ({ ...b, contains: out.filter((o) => o.el !== el && (el.contains(o.el) || o.el.contains(el))).map((o) => o.id) }));
		return { boxes, scrollW: document.scrollingElement.scrollWidth, innerW: innerWidth, sheet: !!document.querySelector('.backdrop') };
	});
	const problems = [];
	const look = (m, when, end) => {
		if (m.scrollW > m.innerW + 0.5) problems.push(`${when}: scrolls sideways (${m.scrollW} > ${m.innerW})`);
		const bs = m.boxes.filter((b) => (m.sheet ? b.sheet : !b.sheet));
		for (const b of bs) {
			if (b.control && (b.w < 43.5 || b.h < 43.5)) problems.push(`${when}: ${b.name} is ${Math.round(b.w)}x${Math.round(b.h)}`);
		}
		for (let i = 0; i < bs.length; i++) {
			for (let j = i + 1; j < bs.length; j++) {
				const a = bs[i], b = bs[j];
				if (a.contains.includes(b.id)) continue;
				// What floats meets what scrolls where neither can be scrolled apart: what floats at
				// the top with the top of the page, what floats at the bottom with its end.
				if (a.fixed !== b.fixed) {
					const f = a.fixed ? a : b, o = a.fixed ? b : a;
					if (!(f.inView && o.inView)) continue;
					if (!o.pinned && (f.floatsTop ? end : !end)) continue;
				}
				const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
				const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
				if (ox > 0.5 && oy > 0.5) problems.push(`${when}: "${a.name}" overlaps "${b.name}"`);
			}
		}
	};
	look(await measure(), `${where} (top)`, false);
	await page.evaluate(() => { const s = document.querySelector('.sheet'); if (s) s.scrollTop = s.scrollHeight; else window.scrollTo(0, document.scrollingElement.scrollHeight); });
	await page.waitForTimeout(50);
	look(await measure(), `${where} (end)`, true);
	await page.evaluate(() => { const s = document.querySelector('.sheet'); if (s) s.scrollTop = 0; else window.scrollTo(0, 0); });
	return problems;
}

test('first run on an empty database: setup, the safety questions, then today', async () => {
	const srv = await server('first-run');
	const { ctx, page, problems } = await open();
	await page.goto(srv.url + '/');
	await page.getByRole('heading', { name: 'Welcome to hipcoach' }).waitFor();
	assert.equal(new URL(page.url()).hash, '#setup');
	assert.deepEqual(await checkLayout(page, 'setup 390'), []);
	await shot(page, 'phone-setup');

	// Priya: moderate, dumbbells in pounds, miles, runs four days with a long run on Sunday.
	await page.getByRole('radio', { name: /Moderate weights/ }).click();
	await page.locator('[data-value="dumbbells"]').click();
	await page.getByRole('button', { name: 'Miles' }).click();
	await page.getByRole('button', { name: 'Pounds' }).click();
	await page.locator('#profile-weights').fill('10, 15, 20');
	for (const d of ['Monday', 'Wednesday', 'Friday']) await page.locator('[aria-labelledby="grp-run-days"]').getByRole('button', { name: d }).click();
	await page.locator('[aria-labelledby="grp-long-run"]').getByRole('button', { name: 'Sunday' }).click();
	await page.locator('#profile-name').fill('Priya');
	await page.getByRole('button', { name: 'Save and go on' }).click();

	// The safety questions follow, as `hipcoach setup` runs `hipcoach check` at its end.
	await page.getByRole('heading', { name: 'Safety questions' }).waitFor();
	const questions = await (await page.request.get(srv.url + '/api/check')).json();
	const follow = questions.find((q) => q.after_no_to);
	assert.ok(follow, 'a question asked only after a no to another');
	assert.equal(await page.locator(`[data-id="${follow.id}"]`).isVisible(), false, `${follow.id} waits for the answer to ${follow.after_no_to}`);
	assert.deepEqual(await checkLayout(page, 'check 390'), []);
	await page.locator('#toast').waitFor({ state: 'hidden' }); // "Saved. Now the safety questions." goes by itself
	await shot(page, 'phone-safety-check');
	const save = page.getByRole('button', { name: /still to answer|Save my answers/ });
	assert.equal(await save.isDisabled(), true, 'no answer is ever defaulted');
	for (const q of questions.filter((x) => x.asked)) {
		const row = page.locator(`[data-id="${q.id}"]`);
		if (q.after_no_to) assert.equal(await row.isVisible(), true, `${q.id} shows after a no to ${q.after_no_to}`);
		await row.getByRole('button', { name: 'No' }).click();
	}
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await page.getByText('Nothing in your answers stands in the way of the program.').waitFor();
	await page.getByRole('button', { name: 'Go to Today' }).click();
	await page.getByRole('heading', { name: 'Hi Priya' }).waitFor();
	assert.equal(await page.locator('#screening-card').count(), 0, 'answered: no safety card');
	// The date as the terminal writes it, in the reader's language.
	assert.equal(await page.locator('#topbar-date').textContent(), 'Tuesday 8 December');

	// The terminal reads the same profile and the same round of answers.
	const prof = JSON.parse(run(srv.db, 'setup', '--show', '--json'));
	assert.equal(prof.level, 'moderate');
	assert.deepEqual(prof.run_days, ['mon', 'wed', 'fri', 'sun']);
	assert.equal(prof.long_run_day, 'sun');
	assert.deepEqual(prof.units, { distance: 'mi', weight: 'lb' });
	assert.deepEqual(prof.dumbbells_kg.map(Math.round), [5, 7, 9]);
	assert.equal(sql(srv.db, 'SELECT count(DISTINCT round), sum(answer) FROM screening'), '1|0');
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('a yes that needs care pauses sessions; a clinician\'s clearance opens them again', async () => {
	const srv = await server('clearance', (db) => run(db, 'setup', '--level', 'beginner', '--equipment', 'mat', '--name', 'Sam'));
	const { ctx, page, problems } = await open();
	await page.goto(srv.url + '/');
	await page.locator('#screening-card').getByRole('link', { name: 'Answer them' }).click();
	await page.getByRole('heading', { name: 'Safety questions' }).waitFor();
	const questions = await (await page.request.get(srv.url + '/api/check')).json();
	for (const q of questions.filter((x) => x.asked)) {
		await page.locator(`[data-id="${q.id}"]`).getByRole('button', { name: q.id === 'fever' ? 'Yes' : 'No' }).click();
	}
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await page.locator('.advice.urgent').first().waitFor();
	assert.match(await page.locator('.advice.urgent h2').first().textContent(), /Get care today/);
	await page.getByRole('button', { name: 'Go to Today' }).click();
	await page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	// Paused: nothing that loads the hip is offered, and Today says how it opens again.
	assert.equal(await page.locator('.session-card').count(), 0, 'no session is offered');
	assert.equal(await page.locator('.main-action button').count(), 0, 'no start button');
	await shot(page, 'phone-paused');
	// The terminal agrees: the same answers, the same pause.
	assert.equal(JSON.parse(run(srv.db, 'today', '--json')).blocked, true);
	assert.deepEqual(problems, []);
	await ctx.close();

	// Seen by a clinician the next day: the clearance, from the page, opens sessions again.
	const next = await server('clearance', () => {}, '2026-12-09T09:00:00');
	servers.at(-2).kill('SIGINT');
	const p2 = await open();
	await p2.page.goto(next.url + '/');
	await p2.page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	await p2.page.getByRole('button', { name: 'A clinician has seen me' }).first().click();
	await p2.page.locator('#note').fill('Dr Lee');
	await p2.page.getByRole('button', { name: 'Record it' }).click();
	await p2.page.locator('.session-card').first().waitFor();
	assert.equal(await p2.page.locator('.session-card').first().isDisabled(), false);
	assert.equal(sql(next.db, 'SELECT note FROM clearance'), 'Dr Lee');
	assert.equal(JSON.parse(run(next.db, 'today', '--json')).blocked, false);
	assert.deepEqual(p2.problems, []);
	await p2.ctx.close();
});

// The advice is the terminal's words, but a runner on the phone has no terminal: each command it
// names reads as the place in the app that does the same, and the report it says to bring is a
// download on the card.
test('the coach\'s words name the app\'s places, never a terminal command', async () => {
	const srv = await server('words', (db) => {
		priya(db);
		execFileSync(bin, ['check', '--seeing-clinician', '--note', 'Ana, physio'], { env: { ...env, HIPCOACH_DB: db, HIPCOACH_NOW: '2026-12-01T19:00:00' }, stdio: 'ignore' });
	});
	const today = JSON.parse(run(srv.db, 'today', '--json'));
	assert.ok(today.advice.some((a) => a.message.includes("'hipcoach report'")), 'the advice names the report: ' + JSON.stringify(today.advice));
	const { ctx, page, problems } = await open();
	await page.goto(srv.url + '/');
	await page.getByRole('heading', { name: 'Hi Priya' }).waitFor();
	const terminal = /'hipcoach |hipcoach (check|log|setup|status|report|plan|psfs)\b/;
	assert.doesNotMatch(await page.locator('main').innerText(), terminal, 'Today');
	const report = page.getByRole('link', { name: 'Download the report (PDF)' });
	await shot(page, 'phone-under-care', { fullPage: true });
	const r = await page.request.get(srv.url + await report.getAttribute('href'));
	assert.equal(r.headers()['content-type'], 'application/pdf');
	for (const tab of ['progress', 'program']) {
		await page.goto(srv.url + '/#' + tab);
		await page.locator('main .card').first().waitFor();
		assert.doesNotMatch(await page.locator('main').innerText(), terminal, tab);
	}
	// Progress shows each exercise's dose and where it stands, as `hipcoach status` does.
	await page.goto(srv.url + '/#progress');
	await page.getByRole('heading', { name: 'Each exercise' }).waitFor();
	const status = JSON.parse(run(srv.db, 'status', '--json'));
	assert.equal(await page.locator('.ex-status li').count(), status.exercises.length);
	await shot(page.locator('.ex-status').locator('xpath=ancestor::section[1]'), 'phone-each-exercise');
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('the morning after a session, Today asks how the hip feels, once', async () => {
	const srv = await server('morning', (db) => {
		sam(db);
		execFileSync(bin, ['log', 'session', '--kind', 'stretch', '--pain-after', '2'],
			{ env: { ...env, HIPCOACH_DB: db, HIPCOACH_NOW: '2026-12-07T19:00:00' }, stdio: 'ignore' });
	});
	const { ctx, page, problems } = await open(320, 640);
	await page.goto(srv.url + '/');
	const morning = page.locator('#morning-card');
	await morning.waitFor();
	assert.deepEqual(await checkLayout(page, 'today 320'), []);
	await shot(page, 'phone-morning');
	await morning.getByRole('button', { name: 'Pain this morning: 1 out of 10' }).click();
	await morning.getByRole('button', { name: 'Save' }).click();
	await page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	await page.waitForFunction(() => !document.getElementById('morning-card'));
	assert.equal(sql(srv.db, "SELECT date, score, context FROM pain WHERE context = 'morning'"), '2026-12-08|1|morning');
	// Asked once: the terminal has nothing more to ask either.
	assert.equal((await (await page.request.get(srv.url + '/api/checkin')).json()).morning, false);
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('logging without the player: a session with its pain and effort, and a run, as the terminal logs them', async () => {
	const srv = await server('log', sam);
	const { ctx, page, problems } = await open();
	await page.goto(srv.url + '/#progress');
	const log = page.locator('.card', { has: page.getByRole('heading', { name: 'Log', exact: true }) });
	await log.getByRole('tab', { name: 'Session' }).click();
	await log.locator('input[type=date]').fill('2026-12-07');
	await log.getByRole('button', { name: 'Pain during the session: 3 out of 10' }).click();
	await log.getByLabel('Could you have done 3 more reps?').selectOption('3');
	await log.getByRole('button', { name: 'Save session' }).click();
	await page.locator('.toast', { hasText: 'Session saved' }).waitFor();
	assert.equal(sql(srv.db, "SELECT s.date, s.origin, min(r.pain), max(r.pain), min(r.reserve3) FROM sessions s JOIN results r ON r.session_id = s.id WHERE s.kind = 'strength'"),
		'2026-12-07|log|3|3|1');
	await page.getByRole('heading', { name: 'Progress' }).waitFor();
	await log.getByRole('tab', { name: 'Run' }).click();
	await log.getByLabel('Distance').fill('8.5');
	await log.getByLabel('Duration').fill('48:30');
	await log.getByRole('button', { name: 'Save run' }).click();
	await page.locator('.toast', { hasText: 'Run saved' }).waitFor();
	assert.match(run(srv.db, 'runs'), /8\.5 km/);
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('a session goes on when the Wi-Fi drops, and every step is recorded exactly once when it is back', async () => {
	const srv = await server('offline', sam);
	const { ctx, page, problems } = await open();
	const syncs = [];
	page.on('request', (r) => { if (r.url().endsWith('/api/session/sync')) syncs.push(r.postData()); });
	await page.goto(srv.url + '/');
	await page.locator('.session-card', { hasText: 'Stretches' }).click();
	await page.locator('.sheet').getByRole('button', { name: 'Skip' }).click();
	await page.locator('.session').waitFor();

	// Online, the server plays: let the first stretch end and answer its question.
	await page.locator('.sheet').getByRole('button', { name: 'Yes, gentle' }).click();
	await page.waitForFunction(() => document.querySelector('.session')?.dataset.type === 'hold');
	const online = Number(sql(srv.db, 'SELECT count(*) FROM results'));
	assert.ok(online >= 2, 'the first stretch was recorded by the server');

	// The laptop is out of reach: the page plays on by itself.
	await ctx.setOffline(true);
	await page.locator('#offline').waitFor();
	const whereBefore = await page.locator('.sess-where').textContent();
	// Each stretch that ends on the phone asks what the server asks after it: the first answered
	// "it hurt, 2 out of 10", the others "gentle".
	let asked = 0;
	const answer = async () => {
		const sheet = page.locator('.sheet');
		if (!await sheet.getByText('Did it feel gentle, with no pain?').isVisible().catch(() => false)) return;
		if (asked++ === 0) {
			await sheet.getByRole('button', { name: 'No, it hurt' }).click();
			await sheet.getByRole('button', { name: 'Stretch pain: 2 out of 10' }).click();
		} else await sheet.getByRole('button', { name: 'Yes, gentle' }).click();
	};
	for (const deadline = Date.now() + 30000; await page.locator('.sess-where').textContent() === whereBefore;) {
		assert.ok(Date.now() < deadline, 'the phone went on to the next stretch');
		await answer();
		await page.waitForTimeout(50);
	}
	// A tap on the big button while offline pauses the hold and resumes it, as online (tapped in
	// the frame that shows the hold: at 50 times the speed a hold lasts a second).
	await page.waitForFunction(() => {
		if (document.querySelector('.session')?.dataset.type !== 'hold') return false;
		document.querySelector('.btn-primary.huge').click();
		return true;
	});
	assert.equal(await page.locator('.btn-primary.huge').textContent(), 'Resume');
	await shot(page, 'phone-session-offline');
	await page.locator('.btn-primary.huge').click();
	const pendingRecords = () => page.evaluate(() => JSON.parse(localStorage.getItem('hipcoach.pending') || '{"records":[]}').records);
	for (const deadline = Date.now() + 30000; (await pendingRecords()).length < 4 || asked < 2;) {
		assert.ok(Date.now() < deadline, 'the phone played four steps and asked two check-ins');
		await answer();
		await page.waitForTimeout(50);
	}
	const kept = (await pendingRecords()).length;
	const answered = (await pendingRecords()).filter((r) => r.checkin);
	assert.deepEqual(answered.slice(0, 2).map((r) => r.checkin), [{ gentle: false, pain: 2 }, { gentle: true }], 'the answers go with the step before them');
	assert.equal(Number(sql(srv.db, 'SELECT count(*) FROM results')), online, 'nothing reached the server while offline');

	// Back in reach: what the phone kept is sent, and recorded once.
	await ctx.setOffline(false);
	// The session plays on meanwhile: a step whose question is showing waits for its answer.
	for (const deadline = Date.now() + 15000; await page.evaluate(() => localStorage.getItem('hipcoach.pending'));) {
		assert.ok(Date.now() < deadline, 'what the phone kept is sent once the computer is back');
		await answer();
		await page.waitForTimeout(50);
	}
	await page.locator('#offline').waitFor({ state: 'hidden' });
	const sent = JSON.parse(syncs.at(-1));
	assert.ok(sent.records.length >= kept);
	const ids = sent.records.map((r) => r.id);
	assert.equal(new Set(ids).size, ids.length, 'each step has an id of its own');
	const stored = sql(srv.db, `SELECT count(*) FROM results WHERE client_id IN (${ids.map((x) => `'${x}'`).join(',')})`);
	assert.equal(Number(stored), ids.length, 'every step the phone kept is recorded with its id');
	const total = sql(srv.db, 'SELECT count(*) FROM results');
	// The answers are recorded as the server records its own: on each done hold of the exercise.
	const gentle = (r) => sql(srv.db, `SELECT group_concat(status || ':' || ifnull(gentle, '-') || ':' || ifnull(pain, '-'), ',') FROM results
		WHERE session_id = (SELECT session_id FROM results WHERE client_id = '${r.id}') AND exercise = (SELECT exercise FROM results WHERE client_id = '${r.id}')`);
	assert.match(gentle(answered[0]), /^done:0:2(,done:0:2)*$/, 'the stretch that hurt, with its pain');
	assert.match(gentle(answered[1]), /^done:1:-(,done:1:-)*$/, 'the gentle one');

	// The same steps sent again (the answer was lost on the way): 200, the same result, nothing new.
	const again = await page.request.post(srv.url + '/api/session/sync', { data: sent, headers: { Origin: srv.url } });
	assert.equal(again.status(), 200);
	const body = await again.json();
	assert.equal(body.recorded, 0);
	assert.equal(body.repeats, ids.length);
	assert.equal(sql(srv.db, 'SELECT count(*) FROM results'), total, 'a repeat records nothing');

	// The session goes on with the server, from where the phone is.
	await page.waitForFunction(() => !!document.querySelector('.session'));
	const view = await (await page.request.get(srv.url + '/api/session')).json();
	assert.equal(view.active, true);
	assert.ok(view.step >= Math.max(...sent.records.map((r) => r.step)), 'the server is where the phone was');
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('strength without the Wi-Fi: the phone asks the questions after each exercise, and they are recorded once it is back', async () => {
	const srv = await server('offline-strength', sam);
	const { ctx, page, problems } = await open();
	let script = null;
	page.on('response', async (r) => { if (r.url().endsWith('/api/session/start')) script = (await r.json()).script; });
	await page.goto(srv.url + '/');
	await page.locator('.session-card', { hasText: 'Strength' }).click();
	await page.locator('.sheet').getByRole('button', { name: 'Skip' }).click();
	await page.locator('.session').waitFor();
	// The first exercise with the computer, up to its question; then the Wi-Fi drops, and the phone
	// asks it (and every one after) by itself.
	const sheet = page.locator('.sheet');
	for (const deadline = Date.now() + 30000; !await sheet.isVisible().catch(() => false);) {
		assert.ok(Date.now() < deadline, 'the computer asked after the first exercise');
		const done = page.getByRole('button', { name: 'Set done' });
		if (await done.isVisible().catch(() => false)) await done.click().catch(() => {});
		await page.waitForTimeout(40);
	}
	await sheet.getByText('Could you have done 3 more?').waitFor();
	await ctx.setOffline(true);
	await page.locator('#offline').waitFor();

	// Played on the phone to the end: every set done; after the first exercise 2 reps fewer in its
	// first set, not 3 more in reserve, pain 4; after the others 3 more in reserve, pain 2.
	const first = script.find((st) => st.work);
	const target = script.find((st) => st.checkin && st.exercise === first.exercise).checkin.reps_max;
	const exercises = [...new Set(script.filter((st) => st.work).map((st) => st.exercise))];
	const names = [];
	for (const deadline = Date.now() + 60000; ;) {
		assert.ok(Date.now() < deadline, 'the session reached its end on the phone');
		if (await sheet.isVisible().catch(() => false)) {
			const title = await sheet.locator('.sheet-title').textContent().catch(() => '');
			if (title === 'Session complete') break;
			if (title.endsWith(': how did it go?')) {
				names.push(title.replace(/: how did it go\?$/, ''));
				for (const q of ['Reps you did', 'Could you have done 3 more?', 'Pain in your hip during it?']) await sheet.getByText(q, { exact: true }).waitFor();
				if (names.length === 1) {
					await sheet.getByRole('button', { name: /^Set 1.*: one rep fewer$/ }).first().click();
					await sheet.getByRole('button', { name: /^Set 1.*: one rep fewer$/ }).first().click();
					await sheet.getByRole('button', { name: 'No', exact: true }).click();
					await sheet.getByRole('button', { name: 'Pain during it: 4 out of 10' }).click();
					await page.waitForTimeout(350); // the sheet's rise
					await shot(page, 'phone-offline-checkin');
				} else {
					await sheet.getByRole('button', { name: 'Yes', exact: true }).click();
					await sheet.getByRole('button', { name: 'Pain during it: 2 out of 10' }).click();
				}
				await sheet.getByRole('button', { name: 'Save and go on' }).click();
				await page.waitForTimeout(50);
				continue;
			}
		}
		const done = page.getByRole('button', { name: 'Set done' });
		if (await done.isVisible().catch(() => false)) await done.click().catch(() => {});
		await page.waitForTimeout(40);
	}
	assert.equal(names.length, exercises.length, 'one check-in after each exercise');
	assert.equal(names[0], first.name);
	await sheet.getByRole('button', { name: 'Pain after the session: 1 out of 10' }).click();
	await sheet.getByRole('button', { name: 'Finish' }).click();
	await page.locator('.done-screen').waitFor();
	const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('hipcoach.pending')));
	assert.equal(kept.records.filter((r) => r.checkin).length, exercises.length - 1, 'each exercise\'s answers ride on its last set');
	assert.deepEqual(kept.checkin, { item: 0, reps: [target - 2, target, target, target].slice(0, kept.checkin.reps.length), reserve3: false, pain: 4 },
		'the question the computer was asking when it went, answered on the phone');
	assert.equal(sql(srv.db, 'SELECT count(*) FROM results WHERE reserve3 IS NOT NULL OR pain IS NOT NULL'), '0', 'nothing reached the server while offline');

	// Back in reach: the answers are recorded as the server records its own check-ins.
	await ctx.setOffline(false);
	await page.waitForFunction(() => !localStorage.getItem('hipcoach.pending'), null, { timeout: 15000 });
	const rows = (ex) => sql(srv.db, `SELECT group_concat(status || ':' || reps || ':' || reserve3 || ':' || pain, ',') FROM (SELECT * FROM results WHERE exercise = '${ex}' ORDER BY step)`);
	const firstRows = rows(first.exercise).split(',');
	assert.equal(firstRows[0], `done:${target - 2}:0:4`, 'the reps, the reserve and the pain of the first exercise');
	for (const r of firstRows.slice(1)) assert.match(r, /^done:\d+:0:4$/);
	for (const ex of exercises.slice(1)) assert.match(rows(ex), /^done:\d+:1:2(,done:\d+:1:2)*$/, ex);
	assert.equal(sql(srv.db, 'SELECT status, pain_after FROM sessions'), 'completed|1');
	// The history holds them, as after a session the server played.
	const hist = JSON.parse(run(srv.db, 'history', '--json')).sessions.find((x) => x.kind === 'strength');
	const firstSets = hist.items.find((i) => i.exercise === first.exercise).sets;
	assert.deepEqual(firstSets.map((x) => [x.reps, x.reserve3, x.pain]).slice(0, 2), [[target - 2, false, 4], [target, false, 4]]);
	assert.ok(hist.items.filter((i) => i.exercise !== first.exercise).every((i) => i.sets.every((x) => x.reserve3 === true && x.pain === 2)));

	// The same records sent again, with other answers: a repeat changes nothing.
	const before = sql(srv.db, 'SELECT group_concat(reps || reserve3 || pain) FROM results');
	const again = await page.request.post(srv.url + '/api/session/sync', {
		data: { kind: 'strength', records: kept.records.map((r) => (r.checkin ? { ...r, checkin: { ...r.checkin, reserve3: true, pain: 9 } } : r)), at: script.length, finish: kept.finish,
			checkin: { ...kept.checkin, reserve3: true, pain: 9 } },
		headers: { Origin: srv.url },
	});
	assert.equal(again.status(), 200);
	assert.equal((await again.json()).recorded, 0);
	assert.equal(sql(srv.db, 'SELECT group_concat(reps || reserve3 || pain) FROM results'), before, 'a repeat records nothing');
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('layout from 320 to 1440 px: nothing overlaps, every control is 44 px, nothing scrolls sideways', async () => {
	const srv = await server('layout', priya);
	const problems = [];
	for (const [w, hgt] of [[320, 640], [390, 844], [1280, 800], [1440, 900]]) {
		const { ctx, page, problems: errs } = await open(w, hgt);
		for (const view of ['today', 'progress', 'program']) {
			await page.goto(`${srv.url}/#${view}`);
			await page.locator('main .hero h1').waitFor();
			await page.waitForTimeout(150);
			problems.push(...await checkLayout(page, `${view} ${w}`));
			if (w === 390 || w === 1280) await shot(page, `${w === 390 ? 'phone' : 'laptop'}-${view}`);
			if (w === 390 && view === 'today') {
				// HOW IT'S GOING, as the terminal has it: the weekly pain as bars, the running line, NEXT.
				const going = page.locator('.card', { has: page.getByRole('heading', { name: 'How it\'s going' }) });
				await going.scrollIntoViewIfNeeded();
				assert.ok(await going.locator('.spark rect').count() >= 4, 'the weekly pain drawn');
				assert.match(await going.textContent(), /Running .* mi/);
				assert.match(await going.textContent(), /Next .*strength/);
				await page.evaluate(() => window.scrollBy(0, 200));
				await shot(page, 'phone-going');
				await page.evaluate(() => window.scrollTo(0, 0));
			}
			if (w === 390 && view === 'program') {
				await page.evaluate(() => document.querySelector('.ex-grid').closest('.card').scrollIntoView());
				await page.waitForFunction(() => [...document.querySelectorAll('.ex-card img')].slice(0, 4).every((i) => i.complete && i.naturalWidth > 0));
				await shot(page, 'phone-exercises');
				await page.evaluate(() => window.scrollTo(0, 0));
			}
			if (w === 390 && view === 'progress') {
				await page.locator('.history').scrollIntoViewIfNeeded();
				await page.evaluate(() => document.querySelector('.history').closest('.card').scrollIntoView());
				await shot(page, 'phone-history');
				await page.evaluate(() => document.querySelectorAll('.chart-card')[2].scrollIntoView());
				await shot(page, 'phone-distance');
				await page.evaluate(() => window.scrollTo(0, 0));
			}
		}
		// The exercise sheet: it closes with Escape, a tap outside, Back, and another tab.
		await page.goto(`${srv.url}/#program`);
		const cardBtn = page.locator('.ex-card').first();
		const closes = {
			escape: () => page.keyboard.press('Escape'),
			outside: () => page.mouse.click(5, 5),
			back: () => page.goBack(),
			button: () => page.locator('.sheet').getByRole('button', { name: 'Close' }).last().click(),
		};
		for (const [how, close] of Object.entries(closes)) {
			await cardBtn.click();
			await page.locator('.sheet').waitFor();
			if (how === 'escape') problems.push(...await checkLayout(page, `exercise sheet ${w}`));
			await close();
			await page.locator('.backdrop').waitFor({ state: 'detached', timeout: 3000 }).catch(() => problems.push(`${w}: the sheet does not close with ${how}`));
			assert.equal(new URL(page.url()).hash, '#program', `closing with ${how} stays on the page`);
		}
		await cardBtn.click();
		await page.locator('.sheet').waitFor();
		await page.evaluate(() => { location.hash = '#today'; });
		await page.locator('.backdrop').waitFor({ state: 'detached', timeout: 3000 }).catch(() => problems.push(`${w}: the sheet stays over another tab`));
		// The profile sheet.
		await page.goto(`${srv.url}/#program`);
		await page.getByRole('button', { name: 'Edit your profile' }).click();
		await page.locator('.sheet').waitFor();
		await page.waitForTimeout(300);
		problems.push(...await checkLayout(page, `profile sheet ${w}`));
		if (w === 390) await shot(page, 'phone-profile-sheet');
		await page.keyboard.press('Escape');
		// A session: the hold, its controls and the line about what comes next.
		await page.goto(`${srv.url}/#today`);
		await page.locator('.session-card', { hasText: 'Stretches' }).click();
		const skip = page.locator('.sheet').getByRole('button', { name: 'Skip' });
		await Promise.race([skip.waitFor(), page.locator('.session').waitFor()]);
		if (await skip.isVisible()) await skip.click(); // a session to resume asks nothing first
		await page.waitForFunction(() => {
			if (document.querySelector('.session')?.dataset.type !== 'hold') return false;
			document.querySelector('.btn-primary.huge').click(); // pause, in the frame that shows the hold
			return true;
		});
		await page.locator('.btn-primary.huge', { hasText: 'Resume' }).waitFor();
		await page.waitForTimeout(100);
		problems.push(...await checkLayout(page, `session ${w}`));
		const next = await page.locator('.sess-next').boundingBox();
		const dock = await page.locator('.sess-controls').boundingBox();
		if (next && dock && next.y + next.height > dock.y) problems.push(`session ${w}: the "Next" line is under the buttons`);
		if (w === 390 || w === 1280 || w === 320) await shot(page, `${w === 390 ? 'phone' : w === 320 ? 'small' : 'laptop'}-session-hold`);
		if (w === 390) {
			// "It hurts" on a stretch: the coach's words, never "up to 5 is acceptable".
			await page.getByRole('button', { name: 'It hurts' }).click();
			const sheet = page.locator('.sheet');
			await sheet.getByText('A stretch should feel like a mild pull, never pain.').waitFor();
			assert.equal(await sheet.getByText('acceptable').count(), 0);
			problems.push(...await checkLayout(page, `it hurts ${w}`));
			await page.waitForTimeout(300);
			await shot(page, 'phone-stretch-hurts');
			await sheet.getByRole('button', { name: 'Carry on' }).click();
			await page.waitForFunction(() => !document.querySelector('.sheet'));
		}
		await page.locator('[aria-label="Quit and save"]').click();
		await page.getByRole('button', { name: 'Stop and save' }).click();
		await page.getByRole('heading', { name: 'Hi Priya' }).waitFor();
		assert.deepEqual(errs, []);
		await ctx.close();
	}
	assert.deepEqual(problems, []);
});

test('installable: a manifest with icons, and a service worker that opens the app again without the computer', async () => {
	const srv = await server('install', sam);
	const { ctx, page, problems } = await open();
	await page.goto(srv.url + '/');
	await page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	const manifest = await page.request.get(srv.url + '/manifest.webmanifest');
	assert.equal(manifest.headers()['content-type'], 'application/manifest+json');
	const m = await manifest.json();
	assert.equal(m.start_url, '/');
	assert.equal(m.display, 'standalone');
	for (const icon of m.icons) {
		const r = await page.request.get(srv.url + icon.src);
		assert.equal(r.status(), 200, icon.src);
		assert.equal(r.headers()['content-type'], icon.type, icon.src);
	}
	const sw = await page.request.get(srv.url + '/sw.js');
	assert.match(sw.headers()['content-type'], /^text\/javascript/);
	// Registered for the whole app (this computer is a secure context; over the network it needs HTTPS).
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	assert.equal(scope, srv.url + '/');
	await page.reload();
	await page.getByRole('heading', { name: 'Hi Sam' }).waitFor();
	// Without the computer, the app itself still opens, and says what is missing.
	await ctx.setOffline(true);
	await page.reload();
	await page.getByRole('heading', { name: 'No connection' }).waitFor();
	assert.equal(await page.locator('.tabbar').isVisible(), true);
	await ctx.setOffline(false);
	assert.deepEqual(problems, []);
	await ctx.close();
});
