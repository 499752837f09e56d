// What the clinic's tests share: a `hipcoach clinic serve` of their own on a free port, and one
// JSON request to it.
import { spawn } from 'node:child_process';

// Starts `bin clinic serve` with `env` and options `extra` (two workers unless told): resolves to
// {proc, port} once it serves.
export function startServer(bin, env, extra = ['--threads', '2']) {
	const proc = spawn(bin, ['clinic', 'serve', '--port', '0', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((ok, fail) => {
		let text = '';
		const timer = setTimeout(() => fail(new Error('no start: ' + text)), 10000);
		proc.stdout.on('data', (d) => {
			text += d;
			const m = text.match(/serving http:\/\/127\.0\.0\.1:(\d+)\//);
			if (m) { clearTimeout(timer); ok({ proc, port: Number(m[1]) }); }
		});
		proc.stderr.on('data', (d) => { text += d; });
	});
}

// Stops a server as Ctrl-C does: resolves to its exit status.
export function stopServer({ proc }) {
	return new Promise((ok) => { proc.on('exit', (c) => ok(c)); proc.kill('SIGINT'); });
}

// One request with a JSON body (if any): {status, json, cookie}; `cookie` and `headers` are sent.
export async function call(port, method, path, { body, cookie, headers = {} } = {}) {
	const h = { 'Content-Type': 'application/json', ...headers };
	if (cookie) h.Cookie = cookie;
	const r = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await r.text();
	let json = null;
	try { json = JSON.parse(text); } catch { /* not JSON */ }
	return { status: r.status, json, text, cookie: (r.headers.get('set-cookie') || '').split(';')[0] };
}
