// The checks in front of `hipcoach ui`: the one-time link and the session cookie (on loopback too), the link file the browser opens, new links, Origin and Host, body limits, paths, headers, caching and compression, and the API's shapes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(resolve(here, '../..'), 'hipcoach');
const work = mkdtempSync(join(tmpdir(), 'hipcoach-sec-'));
const env = {
	...process.env, HIPCOACH_DB: join(work, 'hipcoach.db'), HIPCOACH_NOW: '2026-12-08T07:30:00',
	TZ: 'UTC', NO_COLOR: '1', HOME: work, no_proxy: '*', NO_PROXY: '*', TMPDIR: join(work, 'tmp'),
};
mkdirSync(env.TMPDIR);
delete env.XDG_DATA_HOME;
delete env.HIPCOACH_PROGRAM;

const servers = [];
const cookies = new Map(); // port -> the session cookie every request to it carries (unless anon)
let lan, local;

function start(args, extraEnv = {}, open = false) {
	return new Promise((ok, fail) => {
		const p = spawn(bin, ['ui', ...(open ? [] : ['--no-open']), '--port', '0', ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		servers.push(p);
		const timer = setTimeout(() => fail(new Error('no start: ' + out)), 10000);
		p.stdout.on('data', (d) => {
			out += d;
			const m = out.match(/serving http:\/\/(\S+?):(\d+)\/\?token=([0-9a-f]+)\n/);
			if (m && out.includes('Ctrl-C')) {
				clearTimeout(timer);
				ok({ proc: p, port: Number(m[2]), token: m[3], link: `/?token=${m[3]}`, out });
			}
		});
		p.stderr.on('data', (d) => { out += d; });
	});
}

// A raw request: node's http keeps the path exactly as written (no ../ folding).
// Every request carries the server's session cookie, if it has one, unless `anon`.
function req(port, path, { method = 'GET', headers = {}, body = null, chunked = false, anon = false } = {}) {
	return new Promise((ok, fail) => {
		const h = { Host: `127.0.0.1:${port}`, ...headers };
		if (!anon && !('Cookie' in headers) && cookies.has(port)) h.Cookie = cookies.get(port);
		if (body !== null && !chunked) h['Content-Length'] = Buffer.byteLength(body);
		const r = http.request({ host: '127.0.0.1', port, path, method, headers: h, agent: false }, (res) => {
			const parts = [];
			res.on('data', (c) => parts.push(c));
			res.on('end', () => { const buf = Buffer.concat(parts); ok({ status: res.statusCode, headers: res.headers, body: buf.toString('utf8'), buf }); });
			res.on('error', fail);
		});
		r.on('error', (e) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? ok({ status: 'reset', headers: {}, body: '' }) : fail(e)));
		if (body !== null) {
			if (chunked) for (let i = 0; i < body.length; i += 65536) r.write(body.slice(i, i + 65536));
			else r.write(body);
		}
		r.end();
	});
}

before(async () => {
	execFileSync(bin, ['setup', '--level', 'beginner', '--equipment', 'mat,band,step,chair', '--strength-days', 'tue,fri',
		'--run-days', 'mon,wed,sat', '--long-run', 'sat'], { env, stdio: 'ignore' });
	lan = await start(['--listen', '0.0.0.0']);
	local = await start([]);
	// The printed link lets this client in: its cookie goes with every later request.
	const r = await req(local.port, local.link);
	assert.equal(r.status, 303, 'the printed link lets the first visit in');
	cookies.set(local.port, r.headers['set-cookie'][0].split(';')[0]);
});

after(async () => {
	for (const p of servers) {
		const code = await new Promise((ok) => { p.on('exit', (c) => ok(c)); p.kill('SIGINT'); });
		assert.equal(code, 0);
	}
	rmSync(work, { recursive: true, force: true });
});

// The cookie the token-exchange test got for this server.
function cookieFor(s) {
	assert.ok(s.cookie, 'the link was exchanged first');
	return s.cookie;
}

test('beyond loopback: the URL carries a 128-bit token and the terminal shows a QR code', () => {
	assert.match(lan.token, /^[0-9a-f]{32}$/);
	assert.ok(/[█▀▄]{20}/.test(lan.out), 'a QR code drawn with half blocks');
	assert.match(local.token, /^[0-9a-f]{32}$/, 'loopback needs a link too');
	assert.ok(!/[█▀▄]{20}/.test(local.out), 'no QR code when only this computer can connect');
	assert.match(local.out, /one browser in, once, within 10 minutes/);
	assert.match(local.out, /hipcoach ui --new-link/);
});

test('on loopback too, nothing is answered without a session: another local user cannot read the record', async () => {
	for (const path of ['/api/export/json', '/api/today', '/api/runs', '/', '/app.js']) {
		const r = await req(local.port, path, { anon: true });
		assert.equal(r.status, 401, path);
		assert.ok(!r.body.includes('"format"') && !r.body.includes('hipcoach-ui'), path);
		assert.equal(r.headers.connection, 'close', `${path}: a refused client keeps no connection`);
	}
	const r = await req(local.port, '/api/pain', { anon: true, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"score":3}' });
	assert.equal(r.status, 401);
	assert.match((await req(local.port, '/', { anon: true })).body, /needs a new link/);
	// Only the look of that page is public: the stylesheet and the icon, no record in them.
	assert.equal((await req(local.port, '/app.css', { anon: true })).status, 200);
	assert.equal((await req(local.port, '/icon.svg', { anon: true })).status, 200);
});

test('every request without the token or its cookie gets 401', async () => {
	for (const path of ['/', '/index.html', '/app.js', '/api/plan', '/api/today', '/api/session']) {
		const r = await req(lan.port, path, { anon: true });
		assert.equal(r.status, 401, path);
		assert.ok(!r.body.includes('hipcoach-ui') && !r.body.includes('"days"'), path);
	}
	assert.equal((await req(lan.port, '/api/pain', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"score":3}' })).status, 401);
	assert.equal((await req(lan.port, '/?token=' + '0'.repeat(32))).status, 401, 'a wrong token');
	assert.equal((await req(lan.port, '/', { headers: { Cookie: `hipcoach_${lan.port}=` + lan.token } })).status, 401, 'the token is not the cookie');
	assert.equal((await req(lan.port, '/', { headers: { Cookie: cookies.get(local.port).replace(String(local.port), String(lan.port)) } })).status, 401,
		'another server\'s cookie does not open this one');
});

test('the link is exchanged once for an HttpOnly, SameSite=Strict session cookie, and then no longer works', async () => {
	const r = await req(lan.port, lan.link);
	assert.equal(r.status, 303);
	assert.equal(r.headers.location, '/', 'the token leaves the address bar');
	const c = r.headers['set-cookie'][0];
	assert.match(c, new RegExp(`^hipcoach_${lan.port}=[0-9a-f]{32};`));
	assert.match(c, /HttpOnly/);
	assert.match(c, /SameSite=Strict/);
	assert.match(c, /Path=\//);
	assert.ok(!c.includes(lan.token), 'the cookie is not the token');
	const cookie = c.split(';')[0];
	lan.cookie = cookie;
	const page = await req(lan.port, '/', { headers: { Cookie: cookie } });
	assert.equal(page.status, 200);
	assert.match(page.body, /<script type="module" src="\/app.js">/);
	assert.equal((await req(lan.port, '/api/plan', { headers: { Cookie: cookie } })).status, 200);
	// Used: a second visit, from anyone else, is refused; the browser let in is only sent on.
	let again = await req(lan.port, lan.link, { anon: true });
	assert.equal(again.status, 401, 'a used link no longer works');
	assert.match(again.body, /needs a new link/);
	again = await req(lan.port, lan.link, { headers: { Cookie: cookie } });
	assert.equal(again.status, 303);
	assert.equal(again.headers['set-cookie'], undefined, 'no second session from a used link');
	assert.equal((await req(local.port, local.link, { anon: true })).status, 401, 'the loopback link too');
});

// A server of its own, on its own database, with time running 600 times faster: 10 minutes pass in one second.
test('a link not used expires after 10 minutes; Enter or ui --new-link prints a new one, once only', async () => {
	const db = join(work, 'own.db');
	execFileSync(bin, ['setup', '--level', 'beginner'], { env: { ...env, HIPCOACH_DB: db }, stdio: 'ignore' });
	const own = await start([], { HIPCOACH_DB: db, HIPCOACH_TIME_SCALE: '600' });
	await new Promise((ok) => setTimeout(ok, 1300));
	assert.equal((await req(own.port, own.link, { anon: true })).status, 401, 'expired after 10 minutes');
	const out = execFileSync(bin, ['ui', '--new-link'], { env: { ...env, HIPCOACH_DB: db }, encoding: 'utf8' });
	const m = out.match(new RegExp(`http://127\\.0\\.0\\.1:${own.port}/\\?token=([0-9a-f]{32})\\n`));
	assert.ok(m, out);
	assert.match(out, /once, within 10 minutes/);
	let r = await req(own.port, '/api/today?token=' + m[1], { anon: true });
	assert.equal(r.status, 303, 'the new link lets a browser in');
	assert.equal(r.headers.location, '/api/today');
	const cookie = r.headers['set-cookie'][0].split(';')[0];
	assert.equal((await req(own.port, '/api/today', { headers: { Cookie: cookie } })).status, 200);
	assert.equal((await req(own.port, '/?token=' + m[1], { anon: true })).status, 401, 'once');
	// Only the owner key makes links: nobody else can ask the server for one.
	assert.equal((await req(own.port, '/api/link', { anon: true, method: 'POST' })).status, 401);
	assert.equal((await req(own.port, '/api/link', { anon: true, method: 'POST', headers: { Authorization: 'Bearer ' + '0'.repeat(32) } })).status, 401);
	assert.equal((await req(own.port, '/api/link', { method: 'POST', headers: { Cookie: cookie } })).status, 401, 'a browser session cannot make links');
	// Another database: no server to ask.
	let failed = null;
	try {
		execFileSync(bin, ['ui', '--new-link'], { env: { ...env, HIPCOACH_DB: join(work, 'none.db') }, stdio: 'pipe' });
	} catch (e) {
		failed = e;
	}
	assert.equal(failed?.status, 1);
	assert.match(String(failed.stderr), /no hipcoach ui is running/);
	assert.equal(await new Promise((ok) => { own.proc.on('exit', ok); own.proc.kill('SIGINT'); }), 0);
	servers.splice(servers.indexOf(own.proc), 1);
});

test('the browser opens through a file only its owner can read; the token is on no command line', async () => {
	const db = join(work, 'open.db');
	const fake = join(work, 'bin');
	const log = join(work, 'opened.json');
	mkdirSync(fake, { recursive: true });
	writeFileSync(join(fake, 'xdg-open'), `#!/bin/sh\nnode -e 'const fs=require("fs");const f=process.argv[1];fs.writeFileSync(${JSON.stringify(log)},JSON.stringify({argv:process.argv.slice(1),mode:fs.statSync(f).mode&0o777,dir:fs.statSync(require("path").dirname(f)).mode&0o777,html:fs.readFileSync(f,"utf8")}))' "$1"\n`);
	chmodSync(join(fake, 'xdg-open'), 0o755);
	execFileSync(bin, ['setup', '--level', 'beginner'], { env: { ...env, HIPCOACH_DB: db }, stdio: 'ignore' });
	const own = await start([], { HIPCOACH_DB: db, PATH: `${fake}:${process.env.PATH}` }, true);
	for (let i = 0; i < 100 && !existsSync(log); i++) await new Promise((ok) => setTimeout(ok, 50));
	const o = JSON.parse(readFileSync(log, 'utf8'));
	assert.equal(o.argv.length, 1);
	assert.ok(!/token|[0-9a-f]{32}/.test(o.argv[0]), 'xdg-open gets a file name: ' + o.argv[0]);
	assert.equal(o.mode, 0o600, 'the file is the owner\'s alone');
	assert.equal(o.dir, 0o700, 'so is its directory');
	const m = o.html.match(/url=http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{32})/);
	assert.ok(m, o.html);
	assert.equal(Number(m[1]), own.port);
	assert.notEqual(m[2], own.token, 'the browser\'s link is not the printed one');
	assert.equal((await req(own.port, '/?token=' + m[2], { anon: true })).status, 303);
	assert.equal((await req(own.port, '/?token=' + m[2], { anon: true })).status, 401, 'once');
	assert.equal((await req(own.port, own.link, { anon: true })).status, 303, 'the printed link is still good');
	assert.equal(await new Promise((ok) => { own.proc.on('exit', ok); own.proc.kill('SIGINT'); }), 0);
	servers.splice(servers.indexOf(own.proc), 1);
	assert.ok(!existsSync(o.argv[0]), 'removed when the server stops');
});

test('writes refuse a foreign Origin, a cross-site fetch and a form post', async () => {
	const cookie = await cookieFor(lan);
	const json = { 'Content-Type': 'application/json', Cookie: cookie };
	const body = '{"score": 2}';
	let r = await req(lan.port, '/api/pain', { method: 'POST', headers: { ...json, Origin: 'http://evil.example' }, body });
	assert.equal(r.status, 403);
	r = await req(lan.port, '/api/pain', { method: 'POST', headers: { ...json, Origin: `http://127.0.0.1:${lan.port}.evil.example` }, body });
	assert.equal(r.status, 403);
	r = await req(lan.port, '/api/pain', { method: 'POST', headers: { ...json, 'Sec-Fetch-Site': 'cross-site' }, body });
	assert.equal(r.status, 403);
	r = await req(lan.port, '/api/pain', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'score=2' });
	assert.equal(r.status, 415);
	r = await req(lan.port, '/api/pain', { method: 'POST', headers: { ...json, Origin: `http://127.0.0.1:${lan.port}` }, body });
	assert.equal(r.status, 201, r.body);
	r = await req(lan.port, '/api/pain', { method: 'PUT', headers: json, body });
	assert.equal(r.status, 405);
});

test('loopback only: a Host that is not this machine is refused (DNS rebinding)', async () => {
	let r = await req(local.port, '/api/plan', { headers: { Host: `evil.example:${local.port}` } });
	assert.equal(r.status, 403);
	r = await req(local.port, '/api/plan', { headers: { Host: `localhost:${local.port}` } });
	assert.equal(r.status, 200);
});

test('request bodies over the limit get 413', async () => {
	const json = { 'Content-Type': 'application/json' };
	const big = '{"score": 1, "pad": "' + 'x'.repeat(70 * 1024) + '"}';
	let r = await req(local.port, '/api/pain', { method: 'POST', headers: json, body: big });
	assert.ok(r.status === 413 || r.status === 'reset', String(r.status));
	r = await req(local.port, '/api/pain', { method: 'POST', headers: { ...json, 'Transfer-Encoding': 'chunked' }, body: big, chunked: true });
	assert.ok(r.status === 413 || r.status === 'reset', 'chunked: ' + r.status);
	r = await req(local.port, '/api/import', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(11 * 1024 * 1024) }, body: null });
	assert.ok(r.status === 413 || r.status === 'reset', 'upload: ' + r.status);
	r = await req(local.port, '/api/pain', { method: 'POST', headers: json, body: '{"score": 11}' });
	assert.equal(r.status, 400, 'a score out of range');
	r = await req(local.port, '/api/pain', { method: 'POST', headers: json, body: '[1, 2' });
	assert.equal(r.status, 400, 'broken JSON');
});

test('no path outside the embedded files is ever served', async () => {
	const paths = ['/../../../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E/etc/passwd',
		'//etc/passwd', '/etc/passwd', '/web/index.html', '/src/app/web.c', '/app.js%00.png', '/index.html%00', '/.%2e/hipcoach.db',
		'/..\\..\\etc\\passwd', '/%5c..%5cetc%5cpasswd', '/hipcoach.db', '/.git/config', '/api/figure/..%2f..%2fetc%2fpasswd.svg',
		'/api/exercises/..%2f..%2fetc%2fpasswd', '/app.js/', '/app.js.', '/%00'];
	for (const p of paths) {
		const r = await req(local.port, p);
		assert.ok([400, 404].includes(r.status), `${p}: ${r.status}`);
		assert.ok(!/root:|#include|SQLite format|\[core\]/.test(r.body), p);
	}
	assert.equal((await req(local.port, '/app.js')).status, 200);
});

test('every response carries a strict CSP, nosniff and no-referrer; static files have an ETag', async () => {
	for (const p of ['/', '/app.js', '/api/plan', '/nope', '/api/figure/clamshell.svg']) {
		const r = await req(local.port, p);
		assert.match(r.headers['content-security-policy'], /default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self';.*frame-ancestors 'none'/, p);
		assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
		assert.equal(r.headers['referrer-policy'], 'no-referrer', p);
	}
	const js = await req(local.port, '/app.js');
	assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
	assert.ok(js.headers.etag);
	assert.equal((await req(local.port, '/app.js', { headers: { 'If-None-Match': js.headers.etag } })).status, 304);
	assert.equal((await req(local.port, '/app.css')).headers['content-type'], 'text/css; charset=utf-8');
	const svg = await req(local.port, '/api/figure/clamshell.svg');
	assert.equal(svg.headers['content-type'], 'image/svg+xml');
	assert.match(svg.body, /<svg/);
	assert.equal((await req(local.port, '/api/figure/nope.svg')).status, 404);
});

test('the API answers exactly what --json prints', async () => {
	for (const [path, args] of [['/api/plan', ['plan', '--json']], ['/api/exercises', ['exercises', '--json']],
		['/api/exercises/clamshell', ['show', 'clamshell', '--json']], ['/api/plan?from=2026-12-10&days=3', ['plan', '--from', '2026-12-10', '--days', '3', '--json']],
		['/api/profile', ['setup', '--show', '--json']]]) {
		const r = await req(local.port, path);
		assert.equal(r.status, 200, path);
		const cli = execFileSync(bin, args, { env, encoding: 'utf8' });
		assert.deepEqual(JSON.parse(r.body), JSON.parse(cli), path);
	}
	assert.equal((await req(local.port, '/api/plan?days=999')).status, 400);
	assert.equal((await req(local.port, '/api/nope')).status, 404);
});

// The endpoints of commands with --json send the very bytes the terminal prints.
async function sameAsCli(path, args) {
	const r = await req(local.port, path);
	assert.equal(r.status, 200, `${path}: ${r.body}`);
	assert.equal(r.headers['content-type'], 'application/json', path);
	assert.equal(r.body, execFileSync(bin, args, { env, encoding: 'utf8' }), path);
	return JSON.parse(r.body);
}

const commandEndpoints = [
	['/api/status', ['status', '--json']],
	['/api/today', ['today', '--json']],
	['/api/history', ['history', '--json']],
	['/api/history?from=2026-12-01&to=2026-12-08', ['history', '--from', '2026-12-01', '--to', '2026-12-08', '--json']],
	['/api/runs', ['runs', '--json']],
	['/api/runs?all&since=2022-01-01', ['runs', '--all', '--since', '2022-01-01', '--json']],
	['/api/runs?limit=1&before=2026-12-08', ['runs', '--limit', '1', '--before', '2026-12-08', '--json']],
	['/api/runs/weeks', ['runs', '--weekly', '--json']],
	['/api/runs/weeks?weeks=3&all', ['runs', '--weekly', '--weeks', '3', '--all', '--json']],
	['/api/load', ['load', '--json']],
	['/api/load?weeks=3', ['load', '--weeks', '3', '--json']],
];

test('status, history, runs and load answer byte for byte what --json prints', async () => {
	for (const [path, args] of commandEndpoints) await sameAsCli(path, args);
	// What the command refuses as a usage error, the API refuses as a bad request.
	for (const path of ['/api/history?from=2026-13-01', '/api/runs?since=yesterday', '/api/load?weeks=13', '/api/runs?bogus=1',
		'/api/runs?all=yes', '/api/history?from', '/api/history?json=1', '/api/runs?output=x', '/api/runs?limit=0', '/api/runs?limit=1001',
		'/api/runs?before=yesterday', '/api/runs/weeks?weeks=0', '/api/runs/weeks?limit=5', '/api/runs?weeks=3']) {
		const r = await req(local.port, path);
		assert.equal(r.status, 400, `${path}: ${r.body}`);
		assert.ok(JSON.parse(r.body).error, path);
	}
});

test('JSON answers carry an ETag (304 when unchanged), are gzipped when asked, and follow every write', async () => {
	const a = await req(local.port, '/api/status');
	assert.match(a.headers.etag, /^"[0-9a-f]{16}"$/);
	assert.equal(a.headers['cache-control'], 'private, no-cache');
	const nm = await req(local.port, '/api/status', { headers: { 'If-None-Match': a.headers.etag } });
	assert.equal(nm.status, 304);
	assert.equal(nm.body, '');
	const z = await req(local.port, '/api/plan', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
	assert.equal(z.headers['content-encoding'], 'gzip');
	assert.ok(z.buf.length < 0.5 * Buffer.byteLength((await req(local.port, '/api/plan')).body));
	assert.equal(gunzipSync(z.buf).toString('utf8'), (await req(local.port, '/api/plan')).body);
	assert.equal((await req(local.port, '/api/plan')).headers['content-encoding'], undefined, 'plain unless asked');
	// A write from the terminal, then one through the API: never the answer kept from before.
	execFileSync(bin, ['log', 'pain', '2', '--when', 'morning'], { env, stdio: 'ignore' });
	await sameAsCli('/api/status', ['status', '--json']);
	const b = await req(local.port, '/api/status', { headers: { 'If-None-Match': a.headers.etag } });
	assert.equal(b.status, 200, 'the terminal\'s write shows');
	assert.notEqual(b.body, a.body);
	const r = await req(local.port, '/api/pain', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"score": 1}' });
	assert.equal(r.status, 201, r.body);
	const c = await sameAsCli('/api/status', ['status', '--json']);
	assert.notEqual(JSON.stringify(c), JSON.stringify(JSON.parse(b.body)), 'and the API\'s');
	await sameAsCli('/api/today', ['today', '--json']);
});

test('a signed-in client keeps its connection from one request to the next', async () => {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const get = (path) => new Promise((ok, fail) => {
		http.get({ host: '127.0.0.1', port: local.port, path, agent, headers: { Host: `127.0.0.1:${local.port}`, Cookie: cookies.get(local.port) } }, (res) => {
			res.resume();
			res.on('end', () => ok({ status: res.statusCode, socket: res.socket }));
		}).on('error', fail);
	});
	const a = await get('/app.js'), b = await get('/api/today'), c = await get('/api/plan');
	assert.deepEqual([a.status, b.status, c.status], [200, 200, 200]);
	assert.ok(a.socket === b.socket && b.socket === c.socket, 'one connection for all three');
	agent.destroy();
});

function upload(port, name, body, headers = {}, { anon = false } = {}) {
	return req(port, '/api/import' + (name === null ? '' : '?name=' + encodeURIComponent(name)),
		{ method: 'POST', headers: { 'Content-Type': 'application/octet-stream', ...headers }, body, anon });
}

test('import: a GPX posted as the body is imported, reported, and /api/runs shows it', async () => {
	const gpx = readFileSync(join(here, '..', 'data', 'run-stop.gpx'));
	const before = JSON.parse((await req(local.port, '/api/runs')).body).length;
	let r = await upload(local.port, 'run-stop.gpx', gpx, { Origin: `http://127.0.0.1:${local.port}` });
	assert.equal(r.status, 200, r.body);
	assert.deepEqual(JSON.parse(r.body), { imported: 1, duplicates: 0, skipped: [], not_runs: 0, not_run_sports: [], ignored: 0, notes: [] });
	const runs = await sameAsCli('/api/runs', ['runs', '--json']);
	assert.equal(runs.length, before + 1);
	assert.ok(runs.some((x) => x.source === 'run-stop.gpx'), 'the run, named by the uploaded file');
	await sameAsCli('/api/load', ['load', '--json']);
	// Again: a duplicate. A damaged file: skipped, with the reason; a path is cut to its name.
	r = await upload(local.port, 'run-stop.gpx', gpx);
	assert.equal(JSON.parse(r.body).duplicates, 1);
	r = await upload(local.port, '../../etc/damaged.gpx', readFileSync(join(here, '..', 'data', 'damaged.gpx')));
	assert.equal(r.status, 200);
	const rep = JSON.parse(r.body);
	assert.equal(rep.imported, 0);
	assert.equal(rep.skipped.length, 1);
	assert.equal(rep.skipped[0].file, 'damaged.gpx');
	assert.match(rep.skipped[0].reason, /line \d+/);
	// Not a zip: skipped, without naming the temporary file; and nothing left behind in $TMPDIR.
	r = await upload(local.port, 'export.zip', Buffer.from('not a zip'));
	assert.equal(r.status, 200);
	assert.equal(JSON.parse(r.body).skipped[0].file, 'export.zip');
	assert.ok(!r.body.includes(env.TMPDIR) && !r.body.includes('upload.zip'), r.body);
	assert.equal((await upload(local.port, null, gpx)).status, 400, 'no name');
	assert.equal((await upload(local.port, 'x.gpx', '')).status, 400, 'no body');
});

test('import refuses a foreign Origin, a cross-site fetch, no token, and more than 10 MiB', async () => {
	const gpx = readFileSync(join(here, '..', 'data', 'run-stop.gpx'));
	assert.equal((await upload(local.port, 'a.gpx', gpx, { Origin: 'http://evil.example' })).status, 403);
	assert.equal((await upload(local.port, 'a.gpx', gpx, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
	assert.equal((await upload(lan.port, 'a.gpx', gpx, {}, { anon: true })).status, 401);
	const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
	let r = await upload(local.port, 'big.gpx', big);
	assert.ok(r.status === 413 || r.status === 'reset', 'Content-Length: ' + r.status);
	r = await req(local.port, '/api/import?name=big.gpx', { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' }, body: big, chunked: true });
	assert.ok(r.status === 413 || r.status === 'reset', 'chunked: ' + r.status);
	// Exactly 10 MiB is read (and is no activity).
	r = await upload(local.port, 'padded.gpx', Buffer.alloc(10 * 1024 * 1024, 0x20));
	assert.equal(r.status, 200, r.body);
	assert.equal(JSON.parse(r.body).skipped.length, 1);
});

test('exports download with their type, a file name, and the bytes the terminal writes', async () => {
	const cases = [
		['ics', 'text/calendar; charset=utf-8', 'hipcoach-plan.ics', ['export', 'ics'], (b) => b.toString('latin1').startsWith('BEGIN:VCALENDAR\r\n')],
		['fit', 'application/vnd.ant.fit', 'hipcoach-strength.fit', ['export', 'fit', '-o', '-'], (b) => b.subarray(8, 12).toString('latin1') === '.FIT'],
		['fit?session=stretch', 'application/vnd.ant.fit', 'hipcoach-stretch.fit', ['export', 'fit', '--session', 'stretch', '-o', '-'], (b) => b.subarray(8, 12).toString('latin1') === '.FIT'],
		['json', 'application/json', 'hipcoach-backup-2026-12-08.json', ['export', 'json'], (b) => JSON.parse(b.toString('utf8')).format === 'hipcoach-backup'],
		['csv', 'text/csv; charset=utf-8', 'hipcoach-log-2026-12-08.csv', ['export', 'csv'], (b) => b.toString('utf8').startsWith('type,date,')],
		['ics?weeks=1', 'text/calendar; charset=utf-8', 'hipcoach-plan.ics', ['export', 'ics', '--weeks', '1'], (b) => b.toString('latin1').includes('BEGIN:VEVENT')],
		['pdf', 'application/pdf', 'hipcoach-handout.pdf', null, (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' && b.subarray(-6).toString('latin1').includes('%%EOF')],
		['pdf?paper=letter&level=heavy', 'application/pdf', 'hipcoach-handout.pdf', null, (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
		['report', 'application/pdf', 'hipcoach-report.pdf', null, (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' && (b.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length === 1],
	];
	for (const [fmt, type, name, args, plausible] of cases) {
		const r = await req(local.port, '/api/export/' + fmt);
		assert.equal(r.status, 200, `${fmt}: ${r.body.slice(0, 200)}`);
		assert.equal(r.headers['content-type'], type, fmt);
		assert.equal(r.headers['content-disposition'], `attachment; filename="${name}"`, fmt);
		assert.equal(r.headers['cache-control'], 'no-store', fmt);
		assert.equal(r.headers['x-content-type-options'], 'nosniff', fmt);
		assert.ok(plausible(r.buf), fmt);
		if (args) assert.ok(r.buf.equals(execFileSync(bin, args, { env })), `${fmt}: the bytes of hipcoach ${args.join(' ')}`);
	}
	// The handout as the terminal writes it: the same pages.
	execFileSync(bin, ['handout', '-o', join(work, 'h.pdf')], { env, stdio: 'ignore' });
	const pages = (b) => (b.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
	assert.equal(pages((await req(local.port, '/api/export/pdf')).buf), pages(readFileSync(join(work, 'h.pdf'))));
	for (const [path, status] of [['/api/export/xml', 404], ['/api/export/pdf?paper=legal', 400], ['/api/export/ics?weeks=53', 400],
		['/api/export/fit?session=yoga', 400], ['/api/export/ics?session=stretch', 400], ['/api/export/pdf?output=/tmp/x.pdf', 400],
		['/api/export/csv?output=x.csv', 400], ['/api/export/report?output=r.pdf', 400]]) {
		const r = await req(local.port, path);
		assert.equal(r.status, status, `${path}: ${r.body}`);
	}
	assert.equal((await req(lan.port, '/api/export/json', { anon: true })).status, 401, 'the backup needs a session');
	assert.equal((await req(local.port, '/api/export/json', { anon: true })).status, 401, 'on loopback too');
	assert.deepEqual(readdirSync(env.TMPDIR), [], 'no temporary file is left behind');
});

test('the session API: start, events, check-ins, resume from the database', async () => {
	const json = { 'Content-Type': 'application/json' };
	const post = async (path, body) => { const r = await req(local.port, path, { method: 'POST', headers: json, body: JSON.stringify(body) }); return { status: r.status, v: JSON.parse(r.body) }; };
	assert.equal((await post('/api/session/event', { event: 'done' })).status, 409, 'no session yet');
	let { status, v } = await post('/api/session/start', { kind: 'strength', pain_before: 1 });
	assert.equal(status, 201);
	assert.equal(v.current.type, 'ready');
	({ v } = await post('/api/session/event', { event: 'primary', step: v.step }));
	assert.equal(v.current.type, 'reps');
	const first = v.step;
	({ v } = await post('/api/session/event', { event: 'primary', step: first + 5 }));
	assert.equal(v.step, first, 'a tap for another step is ignored');
	({ v } = await post('/api/session/event', { event: 'done', step: first }));
	assert.ok(v.step > first);
	assert.equal((await post('/api/session/event', { event: 'bogus' })).status, 400);
	({ v } = await post('/api/session/event', { event: 'quit' }));
	assert.equal(v.active, false);
	const row = execFileSync('sqlite3', [env.HIPCOACH_DB, "SELECT status, origin, position FROM sessions WHERE kind = 'strength'"], { encoding: 'utf8' }).trim();
	assert.equal(row, `unfinished|web|${first + 1}`);
	({ status, v } = await post('/api/session/start', { kind: 'strength' }));
	assert.equal(v.step, first + 1, 'resumed at the stored position');
	({ v } = await post('/api/session/event', { event: 'quit' }));
});

test('POST /api/profile: setup\'s rules and messages, nothing written on a bad value, the plan follows', async () => {
	const json = { 'Content-Type': 'application/json' };
	const post = (body, headers = {}) => req(local.port, '/api/profile', { method: 'POST', headers: { ...json, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
	const row = () => execFileSync('sqlite3', [env.HIPCOACH_DB, 'SELECT * FROM profile'], { encoding: 'utf8' });
	const cliError = (...args) => {
		try {
			execFileSync(bin, ['setup', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		} catch (e) {
			assert.equal(e.status, 2, args.join(' '));
			return e.stderr.split('\n')[0].replace(/^hipcoach: /, '');
		}
		assert.fail('hipcoach setup ' + args.join(' ') + ' succeeded');
	};
	const stored = row();
	const planBefore = (await req(local.port, '/api/plan')).body;
	assert.match(planBefore, /"name": "Single-leg step-down"/);

	// What the terminal refuses, the API refuses with the same words, and writes nothing.
	for (const [body, args] of [
		[{ level: 'expert' }, ['--level', 'expert']],
		[{ equipment: ['mat', 'kettlebell'] }, ['--equipment', 'mat,kettlebell']],
		[{ run_days: ['mon', 'funday'] }, ['--run-days', 'mon,funday']],
		[{ strength_days: ['someday'] }, ['--strength-days', 'someday']],
		[{ long_run_day: 'sat,sun' }, ['--long-run', 'sat,sun']],
		[{ units: { distance: 'furlongs' } }, ['--units', 'furlongs']],
		[{ dumbbells_kg: [4, 300] }, ['--dumbbells', '4,300']],
		[{ start_date: '2026-02-30' }, ['--start', '2026-02-30']],
		// A bad value after good ones: still nothing is written.
		[{ level: 'heavy', equipment: ['mat'], run_days: ['tue', 'caturday'] }, ['--level', 'heavy', '--equipment', 'mat', '--run-days', 'tue,caturday']],
	]) {
		const r = await post(body);
		assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.body}`);
		assert.equal(JSON.parse(r.body).error, cliError(...args), JSON.stringify(body));
		assert.equal(row(), stored, `${JSON.stringify(body)} wrote nothing`);
	}
	// Bodies not in the shape of GET /api/profile.
	for (const body of [{ level: 3 }, { equipment: 'mat' }, { dumbbells_kg: ['4'] }, { run_days: [1] }, { units: { distance: 'kg' } },
		{ units: { weight: 'mi' } }, { units: 'km' }, { name: 5 }, { start_date: null }, { bogus: true }, '[1, 2', '["level"]']) {
		const r = await post(body);
		assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.body}`);
		assert.ok(JSON.parse(r.body).error, JSON.stringify(body));
		assert.equal(row(), stored, `${JSON.stringify(body)} wrote nothing`);
	}
	// Only from our own pages.
	assert.equal((await post({ level: 'heavy' }, { Origin: 'http://evil.example' })).status, 403);
	assert.equal((await post({ level: 'heavy' }, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
	assert.equal((await req(lan.port, '/api/profile', { anon: true, method: 'POST', headers: json, body: '{"level": "heavy"}' })).status, 401);
	assert.equal(row(), stored, 'refused writes wrote nothing');

	// No step: the step-down becomes its easier version, as `setup --equipment` makes it.
	let r = await post({ equipment: ['mat', 'band', 'chair'] });
	assert.equal(r.status, 200, r.body);
	assert.equal(r.body, (await req(local.port, '/api/profile')).body, 'answers the new profile');
	assert.equal(r.body, execFileSync(bin, ['setup', '--show', '--json'], { env, encoding: 'utf8' }), 'as the terminal shows it');
	assert.deepEqual(JSON.parse(r.body).equipment, ['mat', 'band', 'chair']);
	const plan = await sameAsCli('/api/plan', ['plan', '--json']);
	const swapped = plan.days.flatMap((d) => d.sessions).flatMap((x) => x.items).filter((it) => it.exercise === 'single-leg-step-down');
	assert.ok(swapped.length > 0);
	for (const it of swapped) assert.equal(it.variant, 'single-leg-mini-squat');
	assert.ok(plan.notes.some((n) => /no box or step/.test(n)), plan.notes.join('; '));

	// The same change in the terminal gives the same plan, byte for byte.
	const apiPlan = (await req(local.port, '/api/plan')).body;
	execFileSync(bin, ['setup', '--equipment', 'mat,band,step,chair'], { env, stdio: 'ignore' });
	assert.equal((await req(local.port, '/api/plan')).body, planBefore, 'the terminal puts the step back');
	execFileSync(bin, ['setup', '--equipment', 'mat,band,chair'], { env, stdio: 'ignore' });
	assert.equal(execFileSync(bin, ['plan', '--json'], { env, encoding: 'utf8' }), apiPlan);

	// Setup's rules: weights bring dumbbells, the long-run day is a run day; units, name, null for none.
	r = await post({ level: 'moderate', dumbbells_kg: [8, 4, 6.5], long_run_day: 'sun', units: { distance: 'mi', weight: 'lb' }, name: 'Sam', strength_days: [] });
	assert.equal(r.status, 200, r.body);
	let p = JSON.parse(r.body);
	assert.equal(p.level, 'moderate');
	assert.deepEqual(p.equipment, ['mat', 'band', 'dumbbells', 'chair']);
	assert.deepEqual(p.dumbbells_kg, [4, 6.5, 8], 'in kg whatever the units, ascending');
	assert.deepEqual(p.run_days, ['mon', 'wed', 'sat', 'sun']);
	assert.equal(p.long_run_day, 'sun');
	assert.deepEqual(p.strength_days, []);
	assert.deepEqual(p.units, { distance: 'mi', weight: 'lb' });
	assert.equal(p.name, 'Sam');
	await sameAsCli('/api/plan', ['plan', '--json']);
	r = await post({ long_run_day: null, name: null });
	p = JSON.parse(r.body);
	assert.equal(p.long_run_day, null);
	assert.equal(p.name, null);

	// Back to where the other tests began.
	r = await post({ level: 'beginner', equipment: ['mat', 'band', 'step', 'chair'], dumbbells_kg: [], strength_days: ['tue', 'fri'],
		run_days: ['mon', 'wed', 'sat'], long_run_day: 'sat', units: { distance: 'km', weight: 'kg' } });
	assert.equal(r.status, 200, r.body);
	assert.equal(row(), stored);
	assert.equal((await req(local.port, '/api/plan')).body, planBefore);
});
