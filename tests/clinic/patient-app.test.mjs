// The patient's web app against `hipcoach clinic serve` (run by tests/pg/cluster.sh): the login
// page instead of a one-time link, and a guided session played in the page and sent to the clinic
// with POST /api/session/sync, which the therapist then reads in the patient's history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, stopServer, call as serveCall } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(join(here, '../node/package.json'))('playwright-core');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const bin = join(resolve(here, '../..'), 'hipcoach');
const work = mkdtempSync(join(tmpdir(), 'hipcoach-clinic-app-'));
// Timers run 200 times faster: a 60 s hold lasts 0.3 s, so the page plays a session through.
const env = {
	...process.env, HIPCOACH_PG: process.env.HIPCOACH_TEST_PG, HIPCOACH_TIME_SCALE: '200', TZ: 'UTC',
	NO_COLOR: '1', HOME: work, no_proxy: '*', NO_PROXY: '*',
};
delete env.HIPCOACH_DB;
delete env.HIPCOACH_NOW;

let server, port, browser, patientId, therapist;
const pw = 'a long enough password';

// A request to the server, the way this file's calls read.
const call = (method, path, body, cookie) => serveCall(port, method, path, { body, cookie });

before(async () => {
	execFileSync(bin, ['clinic', 'init'], { env });
	const out = execFileSync(bin, ['clinic', 'add-therapist', '--email', 'ann@app.example', '--name', 'Ann', '--clinic', 'App Clinic'], { env, encoding: 'utf8' });
	server = await startServer(bin, env);
	port = server.port;
	const token = out.match(/#password=([0-9a-f]{64})/)[1];
	therapist = (await call('POST', `/api/password/${token}`, { password: pw })).cookie;
	const p = await call('POST', '/api/patients', { name: 'Pia', level: 'beginner', equipment: ['mat'], run_days: ['mon', 'thu'], long_run: 'sat' }, therapist);
	assert.equal(p.status, 201);
	patientId = p.json.id;
	assert.equal((await call('POST', `/api/invite/${p.json.invite_code}`, { email: 'pia@app.example', password: pw })).status, 200);
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--no-proxy-server'],
	});
});

after(async () => {
	if (browser) await browser.close();
	if (server) await stopServer(server);
	rmSync(work, { recursive: true, force: true });
});

test('a patient logs in, plays a session in the page, and the clinic has every step', async () => {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
	const page = await ctx.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(`http://127.0.0.1:${port}/`);
	await page.getByRole('heading', { name: 'Log in to your clinic' }).waitFor();
	await page.getByLabel('Email').fill('pia@app.example');
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.getByText('That email and password do not match.').waitFor();
	await page.getByLabel('Password').fill(pw);
	const [login] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/login')),
		page.getByRole('button', { name: 'Log in' }).click()]);
	assert.equal(login.status(), 200);
	await page.waitForFunction(() => document.body.dataset.view === 'today');
	const cookie = (await ctx.cookies()).find((c) => c.name === 'hc_session');
	assert.ok(cookie && cookie.httpOnly && cookie.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict');

	await page.goto(`http://127.0.0.1:${port}/#session`);
	await page.getByRole('heading', { name: 'No session running' }).waitFor();
	await page.getByRole('button', { name: 'Stretches', exact: true }).click();
	await page.getByRole('button', { name: 'Skip' }).click();
	// After each stretch the page asks what `hipcoach ui` asks: the first hurt (2 out of 10, and the
	// coach's "ease off" comes back from the clinic), the others were gentle.
	let asked = 0;
	for (const deadline = Date.now() + 60000; !await page.getByText('Pain in your hip now that you are done?').isVisible();) {
		assert.ok(Date.now() < deadline, 'the session reached its end');
		const sheet = page.locator('.sheet');
		if (await sheet.getByText('Did it feel gentle, with no pain?').isVisible().catch(() => false)) {
			if (asked++ === 0) {
				await sheet.getByRole('button', { name: 'No, it hurt' }).click();
				await sheet.getByRole('button', { name: 'Stretch pain: 2 out of 10' }).click();
				await page.locator('.toast', { hasText: 'Ease off' }).waitFor();
			} else await sheet.getByRole('button', { name: 'Yes, gentle' }).click();
		}
		await page.waitForTimeout(50);
	}
	assert.ok(await page.locator('#offline').isHidden(), 'no "offline" bar: playing in the page is the clinic\'s way');
	await page.getByRole('button', { name: 'Finish' }).click();
	await page.getByText('Saved with your clinic.').waitFor({ timeout: 15000 });
	assert.deepEqual(errors, []);

	const hist = await call('GET', `/api/patients/${patientId}/history`, undefined, therapist);
	assert.equal(hist.status, 200);
	const s = hist.json.sessions.find((x) => x.kind === 'stretch');
	assert.ok(s, 'the session is in the record');
	assert.equal(s.status, 'completed');
	const sets = s.items.flatMap((i) => i.sets);
	assert.ok(sets.length > 0 && sets.every((x) => x.status === 'done'), 'every step played is recorded');
	assert.equal(asked, s.items.length, 'one check-in after each stretch');
	assert.deepEqual(s.items[0].sets.map((x) => [x.gentle, x.pain]), s.items[0].sets.map(() => [false, 2]), 'the stretch that hurt, with its pain');
	assert.ok(s.items.slice(1).every((i) => i.sets.every((x) => x.gentle === true && x.pain === null)), 'the gentle ones');
	await ctx.close();
});
