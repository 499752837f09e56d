// hipcoach's web app: four places (Today, Session, Progress, Program) over the JSON API, with first-run setup and the safety
// questions; the session is played by the server, and by this page alone while the computer is out of reach.
// Every piece of text from the server goes into the page with textContent, never as markup.

const $main = document.getElementById('main');
const $tabbar = document.getElementById('tabbar');
const $topbar = document.getElementById('topbar');
const $toast = document.getElementById('toast');
const SVGNS = 'http://www.w3.org/2000/svg';
// Drawings a version of an exercise does not have (the exercise's own is shown instead).
const missingFigures = new Set();
// The side each drawing shows at work ({id: "left"|"right"|null}), loaded with the first session.
let figureSides = null;
function mirrorFigure(img) {
	const drawn = figureSides && figureSides[img.dataset.drawing];
	img.classList.toggle('mirrored', !!(drawn && img.dataset.side && img.dataset.side !== drawn));
}

// ---- small helpers ----

function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false) continue;
		if (k === 'class') el.className = v;
		else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
		else el.setAttribute(k, v === true ? '' : String(v));
	}
	for (const c of children.flat()) {
		if (c === null || c === undefined || c === false) continue;
		el.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return el;
}

function s(tag, attrs, ...children) {
	const el = document.createElementNS(SVGNS, tag);
	for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
	for (const c of children.flat()) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
	return el;
}

function icon(name, cls) {
	const svg = s('svg', { class: cls || 'icon', 'aria-hidden': 'true', focusable: 'false' });
	svg.append(s('use', { href: '/icons.svg#' + name }));
	return svg;
}

async function api(path, opts = {}) {
	const init = { credentials: 'same-origin', headers: {} };
	if (opts.body !== undefined) {
		init.method = 'POST';
		if (opts.raw) {
			init.body = opts.body;
			init.headers['Content-Type'] = 'application/octet-stream';
		} else {
			init.body = JSON.stringify(opts.body);
			init.headers['Content-Type'] = 'application/json';
		}
	}
	let res;
	try {
		res = await fetch(path, init);
	} catch (e) {
		const err = new Error('No connection to the computer running hipcoach.');
		err.offline = true;
		throw err;
	}
	let data = null;
	try { data = await res.json(); } catch { data = null; }
	if (!res.ok) {
		const err = new Error((data && data.error) || res.statusText);
		err.status = res.status;
		err.data = data;
		throw err;
	}
	return data;
}

let toastTimer = 0;
function toast(text) {
	$toast.textContent = text;
	$toast.hidden = false;
	clearTimeout(toastTimer);
	toastTimer = setTimeout(() => { $toast.hidden = true; }, 3200);
}

function clear(el) { while (el.firstChild) el.firstChild.remove(); }

function fmtClock(sec) {
	sec = Math.max(0, Math.ceil(sec));
	const m = Math.floor(sec / 60), r = sec % 60;
	return m ? `${m}:${String(r).padStart(2, '0')}` : String(r);
}

// Dates as the terminal writes them ("Tuesday 8 December"), in the reader's own language and order.
function longDate(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

function setTopDate(iso) {
	document.getElementById('topbar-date').textContent = iso ? longDate(iso) : '';
}

function shortDate(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function weekdayName(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { weekday: 'long', timeZone: 'UTC' });
}

const kindLabel = (k) => (k === 'strength' ? 'Strength' : 'Stretches');

function card(title, ...children) {
	return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, ...children);
}

function painScale(label, onPick, opts = {}) {
	const wrap = h('div', { class: 'scale', role: 'group', 'aria-label': label });
	for (let i = 0; i <= 10; i++) {
		const b = h('button', {
			type: 'button', class: 'scale-btn z' + (i <= 3 ? 0 : i <= 5 ? 1 : 2),
			'aria-label': `${label}: ${i} out of 10`, 'data-score': i,
			onclick: () => {
				wrap.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', 'false'));
				b.setAttribute('aria-pressed', 'true');
				onPick(i);
			},
		}, String(i));
		b.setAttribute('aria-pressed', opts.value === i ? 'true' : 'false');
		wrap.append(b);
	}
	return h('div', { class: 'scale-wrap' }, wrap,
		h('div', { class: 'scale-legend', 'aria-hidden': 'true' }, h('span', {}, 'none'), h('span', {}, 'worst')));
}

// ---- sound, speech and the screen ----

const sound = {
	on: localStorage.getItem('hipcoach.sound') !== 'off',
	ctx: null,
	unlock() {
		if (!this.ctx && (window.AudioContext || window.webkitAudioContext)) {
			try { this.ctx = new (window.AudioContext || window.webkitAudioContext)(); } catch { this.ctx = null; }
		}
		if (this.ctx && this.ctx.state === 'suspended') this.ctx.resume().catch(() => {});
	},
	beep(freq = 880, ms = 140) {
		if (!this.on || !this.ctx) return;
		const t = this.ctx.currentTime, o = this.ctx.createOscillator(), g = this.ctx.createGain();
		o.type = 'sine';
		o.frequency.value = freq;
		g.gain.setValueAtTime(0.0001, t);
		g.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
		g.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
		o.connect(g).connect(this.ctx.destination);
		o.start(t);
		o.stop(t + ms / 1000 + 0.02);
	},
	say(text, urgent) {
		if (!this.on || !('speechSynthesis' in window) || !text) return;
		if (urgent) speechSynthesis.cancel();
		const u = new SpeechSynthesisUtterance(text);
		u.rate = 1;
		speechSynthesis.speak(u);
	},
	toggle() {
		this.on = !this.on;
		localStorage.setItem('hipcoach.sound', this.on ? 'on' : 'off');
		if (!this.on && 'speechSynthesis' in window) speechSynthesis.cancel();
	},
};

const wake = {
	lock: null,
	async get() {
		try {
			if ('wakeLock' in navigator && !this.lock && document.visibilityState === 'visible') {
				this.lock = await navigator.wakeLock.request('screen');
				this.lock.addEventListener('release', () => { this.lock = null; });
			}
		} catch { this.lock = null; }
	},
	release() { if (this.lock) this.lock.release().catch(() => {}); this.lock = null; },
};

// ---- the coach's words ----

// The coach's advice names the terminal's commands ('hipcoach report'); on the phone each one is
// named as the place in this app that does the same. The words stay the coach's: only the
// reference changes. A command with no place here is kept, marked as one for the computer.
const COMMAND_PLACES = [
	[/^hipcoach report$/, 'the report for your physical therapist'],
	[/^hipcoach status$/, 'Progress, under “Each exercise”,'],
	[/^hipcoach plan$/, 'Program'],
	[/^hipcoach check --cleared-by-clinician$/, '“A clinician has seen me” (Program, then Safety questions)'],
	[/^hipcoach check$/, 'the safety questions (Program)'],
	[/^hipcoach log pain N --when morning$/, 'on Today'],
	[/^hipcoach setup\b/, 'your profile (Program, then Edit)'],
];
const COMMAND_RE = /'(hipcoach [^']+)'|(hipcoach check --cleared-by-clinician)/g;

function coachText(text) {
	text = String(text || '');
	return text.replace(COMMAND_RE, (all, quoted, bare) => {
		const cmd = (quoted || bare).replace(/\s+/g, ' ');
		const place = COMMAND_PLACES.find(([re]) => re.test(cmd));
		return place ? place[1] : `${cmd} (on the computer)`;
	});
}

// A piece of advice as a card: its words, its source, and the report to download when it says to
// bring one to a visit.
function adviceCard(a, urgent) {
	const report = /'hipcoach report'/.test(a.message);
	return h('section', { class: 'advice' + (urgent ? ' urgent' : ''), role: urgent ? 'alert' : null },
		h('h2', {}, adviceTitle(a.code)), h('p', {}, coachText(a.message)),
		a.source ? h('p', { class: 'source' }, a.source) : null,
		report ? h('div', { class: 'row-end' }, h('a', { class: 'btn', href: '/api/export/report', download: '' }, 'Download the report (PDF)')) : null);
}

// ---- a clinic's server ----
//
// Served by `hipcoach clinic serve` (docs/clinic-api.md), the app belongs to a patient who logs in
// with their email and password, and a session is played here, in the page, and sent to the clinic
// step by step (POST /api/session/sync): the clinic's server keeps no session of its own.
let clinicMode = false;

function viewLogin() {
	clear($main);
	const email = h('input', { type: 'email', id: 'email', autocomplete: 'username', inputmode: 'email', required: true });
	const password = h('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
	const problem = h('p', { class: 'muted', role: 'alert' });
	const form = h('form', { class: 'stack', onsubmit: async (e) => {
		e.preventDefault();
		problem.textContent = '';
		try {
			const me = await api('/api/login', { body: { email: email.value, password: password.value } });
			if (me.role === 'therapist') { location.href = '/clinic.html'; return; }
			location.reload();
		} catch (err) {
			problem.textContent = err.status === 429 ? 'Too many tries: wait a few minutes, then try again.'
				: err.status === 401 ? 'That email and password do not match.' : err.message;
		}
	} },
	h('label', { class: 'field', for: 'email' }, 'Email', email),
	h('label', { class: 'field', for: 'password' }, 'Password', password),
	problem,
	h('button', { type: 'submit', class: 'btn-primary wide' }, 'Log in'));
	$main.append(card('Log in to your clinic', h('p', {}, 'Use the email and password you chose with your invite.'), form));
	document.body.dataset.view = 'login';
}

// ---- routing ----

const views = { today: viewToday, session: viewSession, progress: viewProgress, program: viewProgram, setup: viewSetup, check: viewCheck };
let current = '';
let leaveView = null;

function route() {
	const name = (location.hash || '#today').slice(1).split('/')[0];
	const view = views[name] ? name : 'today';
	if (leaveView) { leaveView(); leaveView = null; }
	closeSheet({ keepHistory: true });
	current = view;
	for (const a of $tabbar.querySelectorAll('a')) {
		if (a.dataset.tab === view) a.setAttribute('aria-current', 'page');
		else a.removeAttribute('aria-current');
	}
	document.body.dataset.view = view;
	clear($main);
	views[view]().catch(showError);
}

function showError(err) {
	clear($main);
	if (err && err.data && err.data.setup) {
		// An empty database: the first run starts with setup, here as in the terminal.
		go('#setup');
		return;
	}
	$main.append(card(err && err.offline ? 'No connection' : 'Something went wrong', h('p', {}, err && err.message ? err.message : String(err)),
		err && err.offline ? h('p', { class: 'muted' }, 'Check that the computer running hipcoach is on and on the same Wi-Fi.') : null,
		h('button', { type: 'button', class: 'btn', onclick: route }, 'Try again')));
	fitDock();
}

// The floating button (and the tab bar under it) never hides the end of the page: the page keeps room for it.
function fitDock() {
	const dock = document.querySelector('.dock');
	document.body.style.setProperty('--dock-h', dock ? dock.offsetHeight + 'px' : '0px');
}
window.addEventListener('resize', fitDock);

function bottomAction(label, onclick, opts = {}) {
	return h('div', { class: 'dock' }, h('button', {
		type: 'button', class: 'btn-primary' + (opts.danger ? ' danger' : ''),
		onclick, disabled: opts.disabled || null, 'aria-label': opts.aria || label,
	}, label));
}

// The one big button of a page, where the page ends: it never floats over what is above it.
function mainAction(label, onclick, opts = {}) {
	return h('button', { type: 'button', class: 'btn-primary wide' + (opts.danger ? ' danger' : ''), onclick, 'aria-label': opts.aria || label }, label);
}

// ---- Today ----

async function viewToday() {
	const [today, live, checkin] = await Promise.all([api('/api/today'), api('/api/session').catch(() => ({ active: false })),
		api('/api/checkin').catch(() => ({ morning: false }))]);
	setTopDate(today.date);

	const frag = [];
	const hello = today.name ? `Hi ${today.name}` : 'Today';
	frag.push(h('div', { class: 'hero' },
		h('h1', {}, hello),
		h('p', { class: 'hero-sub' }, `Week ${today.week} · ${today.week_done} of ${today.week_planned} sessions done this week`),
		h('div', { class: 'chips' },
			h('span', { class: 'chip chip-flame', 'aria-label': `Streak: ${today.streak} days` }, icon('flame', 'icon-sm'),
				today.streak === 0 ? 'Start a streak today' : today.streak === 1 ? '1 day streak' : `${today.streak} day streak`),
			h('span', { class: 'chip' }, today.level))));

	// Urgent advice first, above all else, as in the terminal.
	const advice = today.advice || [];
	const urgent = advice.filter((a) => a.blocks || ['urgent-care', 'bone-stress', 'see-doctor-soon', 'see-specialist', 'see-pt'].includes(a.code));
	const blocked = today.blocked || advice.some((a) => a.blocks);
	for (const a of urgent) frag.push(adviceCard(a, true));
	if (blocked) frag.push(clearanceCard());
	// The next-morning question (did yesterday's session settle?) comes before the rest, as in the terminal.
	if (checkin.morning) frag.push(morningCard());
	for (const a of advice.filter((x) => !urgent.includes(x)).slice(0, 2)) {
		frag.push(adviceCard(a, false));
	}
	if (today.paused) frag.push(h('section', { class: 'advice urgent', role: 'status' }, h('h2', {}, 'Paused'), h('p', {}, coachText(today.paused_reason))));

	// The safety questions, when they are to be answered before the next session.
	if (today.screening_needed && !blocked) {
		frag.push(h('section', { class: 'advice', id: 'screening-card' },
			h('h2', {}, 'Safety questions first'),
			h('p', {}, today.screening_because ? `Please answer the safety questions again before your next session: ${today.screening_because}.`
				: 'Before your first session, a few yes/no questions check that exercise is the right path for your hip.'),
			h('div', { class: 'row-end' }, h('a', { class: 'btn-primary', href: '#check' }, 'Answer them'))));
	}


	let primary = null;
	const list = h('div', { class: 'sessions' });
	for (const ses of today.sessions) {
		if (!ses.planned && !ses.done && !ses.resumable) continue;
		// The coach's gate: no strength work on a day whose pain reached 8/10 (today.rest_for_pain).
		const rest = ses.rest_for_pain != null && !ses.done;
		const state = ses.done ? 'done' : rest ? 'rest' : ses.resumable ? 'resume' : 'due';
		if (!primary && state !== 'done' && state !== 'rest' && !(live.active)) primary = ses;
		const meta = ses.planned ? `${ses.items} ${ses.kind === 'strength' ? 'moves' : 'stretches'} · about ${ses.minutes} min` +
			(ses.sets ? ` · ${ses.sets}\u00a0×\u00a0${ses.reps_min}–${ses.reps_max}` : '') : 'extra session';
		list.append(h('button', {
			type: 'button', class: 'session-card ' + state, disabled: blocked || rest || null,
			'aria-label': `${kindLabel(ses.kind)}, ${meta}, ${state === 'done' ? 'done at ' + ses.done_at : rest ? `not today: pain ${ses.rest_for_pain}/10` : state === 'resume' ? 'resume where you left off' : 'start'}`,
			onclick: () => beginSession(ses.kind, ses.resumable),
		},
		h('span', { class: 'session-kind' }, kindLabel(ses.kind)),
		h('span', { class: 'session-meta' }, meta),
		h('span', { class: 'session-state' }, state === 'done' ? [icon('check', 'icon-sm'), ` Done ${ses.done_at || ''}`] : rest ? 'Not today' : state === 'resume' ? 'Resume' : 'Start')));
		if (rest)
			list.append(h('p', { class: 'muted small' }, `Your hip hurts ${ses.rest_for_pain}/10 today: no strength work with pain this high. The gentle stretches, or rest.`));
	}
	if (!today.paused && !today.sessions.find((x) => x.kind === 'strength' && x.planned))
		list.append(h('p', { class: 'muted small' }, 'No strength today: rest is part of the program.'));
	let action = null;
	if (live.active) {
		action = mainAction(`Back to your ${live.kind === 'strength' ? 'strength session' : 'stretches'}`, () => { go('#session'); });
	} else if (primary && !blocked) {
		action = mainAction(`${primary.resumable ? 'Resume' : 'Start'} ${primary.kind === 'strength' ? 'strength' : 'stretches'}`,
			() => beginSession(primary.kind, primary.resumable));
	} else if (!blocked) {
		action = mainAction('Stretch anyway', () => beginSession('stretch', false));
	}
	frag.push(card('Today', list, action ? h('div', { class: 'main-action' }, action) : null));
	const going = howItsGoing(today);
	if (going) frag.push(going);

	let picked = null;
	const logBtn = h('button', { type: 'button', class: 'btn', disabled: true, onclick: async () => {
		try {
			const r = await api('/api/pain', { body: { score: picked, context: 'now' } });
			toast(`Saved: pain ${picked}/10`);
			if (r.screening) { go('#check'); return; }
			route();
		} catch (e) { toast(e.message); }
	} }, 'Save');
	frag.push(card('How does your hip feel right now?',
		painScale('Hip pain now', (v) => { picked = v; logBtn.disabled = false; }),
		h('div', { class: 'row-end' }, logBtn)));

	$main.append(...frag);
	fitDock();
}

// The morning after a session: the question the terminal asks on its first run of the day.
function morningCard() {
	let score = null;
	const save = h('button', { type: 'button', class: 'btn-primary', disabled: true, onclick: async () => {
		save.disabled = true;
		try {
			await api('/api/checkin', { body: { score } });
			toast(`Saved: ${score}/10 this morning`);
			route();
		} catch (e) { toast(e.message); save.disabled = false; }
	} }, 'Save');
	return h('section', { class: 'card card-ask', id: 'morning-card' },
		h('h2', { class: 'card-title' }, 'How does the hip feel this morning?'),
		h('p', { class: 'muted small' }, 'After yesterday’s session: pain from exercise should have settled by now.'),
		painScale('Pain this morning', (v) => { score = v; save.disabled = false; }),
		h('div', { class: 'row-end' }, save));
}

// While a safety answer pauses guided sessions: the clinician's word opens them again (hipcoach check --cleared-by-clinician).
function clearanceCard() {
	return h('section', { class: 'card' },
		h('h2', { class: 'card-title' }, 'Once a clinician has seen you'),
		h('p', {}, 'Guided sessions are paused until a clinician has seen you. When they have, and they agree you can exercise, record it here.'),
		h('div', { class: 'row-end' }, h('button', { type: 'button', class: 'btn', onclick: clearedSheet }, 'A clinician has seen me')));
}

function noteSheet(title, intro, placeholder, button, path, done) {
	openSheet(title, (body, close) => {
		const note = h('input', { type: 'text', id: 'note', maxlength: 200, placeholder, autocomplete: 'off' });
		const problem = h('p', { class: 'sheet-problem', role: 'alert', hidden: true });
		body.append(h('p', {}, intro), h('label', { class: 'field', for: 'note' }, 'A note (optional)', note), problem,
			h('div', { class: 'sheet-actions' },
				h('button', { type: 'button', class: 'btn', onclick: close }, 'Cancel'),
				h('button', { type: 'button', class: 'btn-primary', onclick: async () => {
					try {
						const r = await api(path, { body: { note: note.value.trim() || null } });
						close();
						done(r);
					} catch (e) { problem.textContent = e.message; problem.hidden = false; }
				} }, button)));
	});
}

function clearedSheet() {
	noteSheet('A clinician has seen you', 'Record this only when a clinician has seen you and agrees you can exercise. Follow what they told you about running and exercise.',
		'Who saw you, e.g. Dr Lee', 'Record it', '/api/check/cleared', (r) => {
			toast(r.had_yes ? 'Recorded. Guided sessions are open again.' : 'Recorded: a clinician has seen you.');
			go('#today');
		});
}

function careSheet() {
	noteSheet('Under a clinician’s care', 'A physical therapist or doctor is managing your hip. Follow their plan where it differs from this one; hipcoach keeps your record for them and reminds you once a week instead of telling you to see someone. A pain of 8/10, or new symptoms, still need them to hear from you straight away.',
		'Who, e.g. Ana, physio', 'Record it', '/api/check/care', () => { toast('Recorded: a clinician is looking after your hip.'); route(); });
}

// The terminal's HOW IT'S GOING and NEXT, from the same document (docs/json.md, today --json).
function fmtDist(m, miles) {
	return miles ? (m / 1609.344).toFixed(1) + ' mi' : (m / 1000).toFixed(1) + ' km';
}

function dayName(iso, todayIso) {
	const d = new Date(iso + 'T12:00:00Z'), t = new Date(todayIso + 'T12:00:00Z');
	if ((d - t) / 86400000 === 1) return 'Tomorrow';
	return d.toLocaleDateString(undefined, { weekday: 'long', timeZone: 'UTC' });
}

// The terminal's ▇▆▅▄▃▃: the weekly pain of the last 6 weeks, oldest first; a week without one is a gap.
function painSpark(weeks) {
	if (!weeks || !weeks.length) return null;
	// Scaled to the highest week, as the terminal's blocks are; the colour says the zone.
	const W = 9 * weeks.length, H = 18, max = Math.max(1, ...weeks.filter((v) => v !== null && v !== undefined));
	const svg = s('svg', { class: 'spark', viewBox: `0 0 ${W} ${H}`, width: W, height: H, 'aria-hidden': 'true' });
	weeks.forEach((v, i) => {
		if (v === null || v === undefined) return;
		const bh = Math.max(2, H * v / max);
		svg.append(s('rect', { x: i * 9 + 0.5, y: H - bh, width: 7, height: bh, rx: 1.5, class: v <= 3 ? 'z0' : v <= 5 ? 'z1' : 'z2' }));
	});
	return svg;
}

function howItsGoing(today) {
	const rows = [];
	if (today.pain) {
		const p = today.pain;
		rows.push(h('p', { class: 'going-pain' }, h('strong', {}, 'Pain '), painSpark(p.weeks),
			p.trend ? `${p.from.toFixed(1)} in week ${p.from_week} → ${p.to.toFixed(1)} in week ${p.to_week} — ${p.trend}`
				: `${p.to.toFixed(1)} in week ${p.to_week} — log it a few times a week to see the trend`));
	}
	if (today.running) {
		const r = today.running;
		let text = `${fmtDist(r.recent_m, today.miles)}${r.recent === 'week-of-last-14d' ? ' a week over the last 2 weeks' : ' in the last 7 days'}`;
		if (r.change !== null) text += ` (${r.change >= 0 ? '+' : '-'}${Math.abs(Math.round(r.change * 100))}% on ${r.usual === 'before-program' ? 'before the program' : 'your usual week'})`;
		if (r.scaled_back === 'yes') text += ' — good, you scaled back';
		rows.push(h('p', {}, h('strong', {}, 'Running '), text));
	}
	const next = [];
	if (today.next.strength) next.push([today.next.strength, `${dayName(today.next.strength, today.date)}: strength`]);
	if (today.next.long_run) {
		let t = `${dayName(today.next.long_run, today.date)}: long run`;
		if (today.long_run_cap_m !== null) t += ` — at most ${fmtDist(today.long_run_cap_m, today.miles)} (30-day longest + 10%)`;
		next.push([today.next.long_run, t]);
	}
	next.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	if (next.length) rows.push(h('p', {}, h('strong', {}, 'Next '), next.map((x) => x[1]).join(' · ')));
	if (!rows.length) return null;
	return card("How it's going", ...rows);
}

function adviceTitle(code) {
	return ({
		'urgent-care': 'Get care today', 'bone-stress': 'Stop running: see a clinician within days',
		'see-doctor-soon': 'See a doctor soon', 'see-specialist': 'See a specialist', 'see-pt': 'See a physical therapist',
		'step-back': 'Do less for now', 'ease-off': 'Ease off the stretches', 'scale-back-running': 'Run less for now', caution: 'Take more care',
		progress: 'Ready for more', 'under-care': 'With your clinician', 'on-track': 'On track',
	})[code] || 'Advice';
}

// ---- Session ----

const live = {
	view: null, t0: 0, seq: -1, timer: 0, raf: 0, els: null, lastStep: -1, msgSeq: 0, sheet: null, polling: false,
	script: null, // every step of the session, from the server: what the page plays when the network drops
};

// ---- the session without the network ----
//
// When the computer running hipcoach cannot be reached mid-session, the page plays on by itself from
// the script the server sent: timed steps count down, sets wait for "Done", "It hurts" asks how much.
// Each finished step is kept on this phone (localStorage) with an id of its own, and sent when the
// computer answers again (POST /api/session/sync); the server records each id once, so a step sent
// twice is never counted twice. After an exercise the page asks its questions as the server would (the
// script says which follow which step); the answers travel with the step record that brought them.
const PENDING = 'hipcoach.pending';

// The bar that says the computer is out of reach; the page keeps room for it at the top.
function offlineBar(show) {
	const bar = document.getElementById('offline');
	bar.hidden = !show;
	document.body.classList.toggle('is-offline', show);
	document.body.style.setProperty('--offline-h', show ? bar.offsetHeight + 'px' : '0px');
}

// Every drawing of a session, fetched as it starts: they are then at hand if the network drops.
// One at a time, once the session is under way, so they never hold up what the session asks.
function keepFigures(script) {
	const urls = [];
	for (const st of script || []) {
		for (const id of [st.variant, st.exercise]) {
			const url = id && `/api/figure/${encodeURIComponent(id)}.svg`;
			if (url && !urls.includes(url) && !missingFigures.has(url)) urls.push(url);
		}
	}
	const next = () => {
		const url = urls.shift();
		if (!url) return;
		fetch(url, { credentials: 'same-origin' })
			.then((r) => { if (!r.ok) missingFigures.add(url); next(); })
			.catch(() => {});
	};
	setTimeout(next, 1500);
}

function newId() {
	const b = new Uint8Array(16);
	crypto.getRandomValues(b);
	return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// Whether a check-in is the question after an exercise, which the page asks by itself offline.
function afterExercise(c) { return !!c && (c.type === 'strength' || c.type === 'stretch'); }

const off = {
	on: false, step: 0, t0: 0, before: 0, paused: false, timer: 0, retry: 0, scale: 1, kind: null,
	played: {}, // how each work step ended, by step: {status, pain}, as the server recorded it
	asking: null, // the check-in on screen: {c, id (of the record it follows), next (step)}
	pending() {
		try { return JSON.parse(localStorage.getItem(PENDING) || 'null'); } catch { return null; }
	},
	save(p) { localStorage.setItem(PENDING, JSON.stringify(p)); },
	start() {
		if (this.on || !live.script || !live.view) return;
		const v = live.view;
		this.on = true;
		this.kind = v.kind;
		this.scale = v.time_scale || 1;
		this.step = v.step;
		this.before = v.state === 'running' ? v.elapsed_ms / this.scale + (performance.now() - live.t0) : v.elapsed_ms / this.scale;
		this.paused = v.state === 'paused';
		this.t0 = performance.now();
		this.played = {};
		for (const r of v.results || []) this.played[r.step] = { status: r.status, pain: r.pain };
		// The question the computer was waiting on when it went out of reach is asked here; its
		// answers go with the steps sent (as `checkin`), for the computer to take them once.
		const c = afterExercise(v.checkin) ? v.checkin : null;
		this.asking = c ? { c, id: null, next: v.step } : null;
		const p = this.pending() || { kind: v.kind, records: [], at: v.step, finish: null };
		p.kind = v.kind;
		p.at = this.step;
		this.save(p);
		offlineBar(!clinicMode);
		if (!(c && live.sheet && live.sheet.checkin === checkinKey(c))) closeSheet({ keepHistory: true });
		applyView(this.view(), false);
		this.reconnect();
	},
	elapsed() { return this.paused ? this.before : this.before + (performance.now() - this.t0); },
	view() {
		const sc = live.script, n = sc.length, i = Math.min(this.step, n);
		const cur = i < n ? sc[i] : null;
		let next = null;
		for (let j = i + 1; j < n; j++) if (sc[j].work) { next = sc[j]; break; }
		const p = this.pending() || { records: [] };
		const done = p.records.filter((r) => r.status === 'done').length;
		const timed = cur && cur.duration_s;
		return {
			active: i < n, kind: this.kind, state: this.paused ? 'paused' : 'running',
			primary: this.paused ? 'resume' : timed && cur.type === 'hold' ? 'pause' : 'done',
			step: i, nsteps: n, item: cur ? cur.item : (n ? sc[n - 1].item : 0), nitems: n ? sc[n - 1].item : 0, current: cur,
			next: next && cur && next !== cur ? next : null,
			elapsed_ms: this.elapsed() * this.scale, remaining_s: null,
			session_fraction: n ? i / n : 1, next_change_ms: timed ? Math.max(0, cur.duration_s * 1000 - this.elapsed() * this.scale) : -1,
			cue: null, time_scale: this.scale, seq: live.seq, cues: [], checkin: this.asking ? this.asking.c : null, message: null,
			summary: { done, skipped: 0, hurt: 0 }, offline: true,
		};
	},
	// A step ends: kept with its id when it is work, then its exercise's questions when they follow,
	// then the next step starts. `stopped`: "it hurts" stopped the exercise, which ends here.
	end(status, extra, stopped) {
		const sc = live.script, st = sc[this.step];
		const p = this.pending();
		let next = this.step + 1;
		if (st && st.work) {
			const rec = Object.assign({ id: newId(), step: this.step, status, elapsed_ms: Math.round(this.elapsed() * this.scale) }, extra || {});
			p.records.push(rec);
			// "It hurts" within the line leaves the set done, with its pain (session_record_hurt()).
			this.played[this.step] = { status: status === 'hurt' && !stopped ? 'done' : status, pain: rec.pain ?? null };
			if (stopped) {
				// Its other sets are recorded as skipped; what follows the exercise comes next.
				while (next < sc.length && sc[next].item === st.item) { if (sc[next].work) this.played[next] = { status: 'skipped', pain: null }; next++; }
			}
			const c = this.question(this.step, stopped);
			if (c) {
				this.save(p);
				this.asking = { c, id: rec.id, next };
				applyView(this.view(), false);
				return;
			}
		}
		this.go(next, p);
		if (clinicMode) this.reconnect();
	},
	// The check-in after work step `step`, as the server would ask it, or null. The script says
	// which question follows the end of which step (and a step that stops its exercise brings that
	// exercise's question too); it is asked when a set of the exercise was done, about those sets.
	question(step, stopped) {
		const sc = live.script, st = sc[step];
		const own = sc.find((x) => x.item === st.item && x.checkin);
		const q = st.checkin || (stopped && own ? own.checkin : null);
		if (!q) return null;
		const sets = [];
		for (let i = 0; i < sc.length; i++) if (sc[i].item === st.item && sc[i].work) sets.push(i);
		const done = sets.filter((i) => this.played[i] && this.played[i].status === 'done');
		if (!done.length) return null;
		const c = Object.assign({}, q);
		if (q.type === 'strength') {
			c.sets = done.filter((i) => sc[i].type === 'reps').map((i) => ({ step: i, set: sc[i].set, side: sc[i].side, reps: q.reps_max }));
			const pains = sets.map((i) => this.played[i] && this.played[i].pain).filter((x) => x !== null && x !== undefined);
			c.pain = pains.length ? Math.max(...pains) : null;
		}
		return c;
	},
	// The answers to the check-in on screen go with the record of the step that brought it.
	answer(x) {
		const a = this.asking;
		if (!a) return;
		this.asking = null;
		const p = this.pending();
		const r = p.records.find((rec) => rec.id === a.id);
		if (r) r.checkin = x;
		else if (a.id === null) p.checkin = Object.assign({ item: a.c.item }, x);
		closeSheet({ keepHistory: true });
		this.go(a.next, p);
		if (clinicMode) this.reconnect();
	},
	go(step, p) {
		p = p || this.pending();
		this.step = Math.min(step, live.script.length);
		this.before = 0;
		this.t0 = performance.now();
		this.paused = false;
		p.at = this.step;
		this.save(p);
		if (this.step >= live.script.length) { this.finished(); return; }
		applyView(this.view(), false);
	},
	tick() {
		if (!this.on || this.asking || this.step >= live.script.length) return;
		const cur = live.script[this.step];
		if (!this.paused && cur.duration_s && this.elapsed() * this.scale >= cur.duration_s * 1000) {
			sound.beep(880);
			this.end('done');
			return;
		}
		schedule();
	},
	event(ev, extra) {
		if (ev === 'checkin') { this.answer(extra || {}); return; }
		const cur = live.script[this.step];
		if (!cur) return;
		if (this.asking && ev !== 'quit') return; // the question first, as the server says
		if (ev === 'primary' || ev === 'done' || ev === 'pause' || ev === 'resume') {
			if (this.paused) { this.paused = false; this.t0 = performance.now(); applyView(this.view(), false); return; }
			if (cur.type === 'hold' && ev !== 'done') { this.before = this.elapsed(); this.paused = true; applyView(this.view(), false); return; }
			this.end('done');
		} else if (ev === 'skip') {
			this.end('skipped');
		} else if (ev === 'back') {
			let j = this.step;
			while (j-- > 0) if (live.script[j].work) break;
			this.go(Math.max(0, j));
		} else if (ev === 'hurt') {
			if (!cur.work) return;
			this.before = this.elapsed();
			this.paused = true;
			this.hurtSheet(cur);
		} else if (ev === 'quit') {
			// Kept on the phone; the session stays open on the computer, to resume.
			this.asking = null;
			this.stopPlaying();
			if (clinicMode) this.flush();
			toast(clinicMode ? 'Saved. Resume it from Today.' : 'Saved on this phone. It is sent when the computer is back.');
			go('#today');
		}
	},
	hurtSheet(cur) {
		openSheet('It hurts', (body) => {
			let pain = null;
			const go = (stop) => {
				closeSheet({ keepHistory: true });
				this.paused = false;
				// Above the line, or chosen, this exercise stops for today: on to the next one.
				this.end('hurt', { pain, stop: !!stop }, stop || (pain !== null && pain > cur.hurt_line));
			};
			body.append(h('p', { class: 'sheet-q' }, `How much does it hurt? (${cur.name})`),
				painScale('Pain now', (x) => { pain = x; }),
				h('p', { class: 'muted small' }, `Above ${cur.hurt_line}, ${cur.name} stops for today.`),
				h('div', { class: 'sheet-actions' },
					h('button', { type: 'button', class: 'btn', onclick: () => go(true) }, 'Stop this exercise'),
					h('button', { type: 'button', class: 'btn-primary', onclick: () => go(false) }, 'Carry on')));
		}, { checkin: 'offline-hurt' });
	},
	finished() {
		clearTimeout(live.timer);
		cancelAnimationFrame(live.raf);
		openSheet('Session complete', (body) => {
			let pain = null;
			const end = (x) => {
				const p = this.pending();
				p.finish = { pain: x };
				this.save(p);
				closeSheet({ keepHistory: true });
				this.stopPlaying();
				clear($main);
				$main.append(h('div', { class: 'done-screen' },
					h('div', { class: 'done-badge', 'aria-hidden': 'true' }, icon('check', 'icon-xl')),
					h('h1', {}, 'Session complete. Well done.'),
					h('p', { class: 'done-stats' }, `${p.records.filter((r) => r.status === 'done').length} done`),
					h('p', { class: 'muted', id: 'pending-note' }, clinicMode ? 'Sending it to your clinic…' : 'Kept on this phone: it is sent to hipcoach as soon as the computer is back.')),
				bottomAction('Back to Today', () => { go('#today'); }));
				fitDock();
				if (clinicMode) this.flush();
			};
			body.append(h('p', { class: 'sheet-q' }, 'Pain in your hip now that you are done?'),
				painScale('Pain after the session', (x) => { pain = x; }),
				h('div', { class: 'sheet-actions' },
					h('button', { type: 'button', class: 'btn', onclick: () => end(null) }, 'Skip'),
					h('button', { type: 'button', class: 'btn-primary', onclick: () => end(pain) }, 'Finish')));
		}, { checkin: 'offline-finish' });
	},
	stopPlaying() {
		this.on = false;
		document.body.classList.remove('in-session');
		wake.release();
		live.view = null;
	},
	// Tries the computer every few seconds; the first answer takes the kept steps.
	reconnect() {
		clearTimeout(this.retry);
		this.retry = setTimeout(() => this.flush(), 2500);
	},
	async flush() {
		const p = this.pending();
		if (!p) { offlineBar(false); return; }
		// A check-in on screen: its answers go with the step that brought it, which waits for them.
		// The computer would take the session over, so everything waits; the clinic takes the rest.
		const held = this.asking && this.asking.id;
		if (this.asking && !clinicMode) { this.reconnect(); return; }
		const records = p.records.filter((r) => r.id !== held);
		if (held && !records.length) return;
		try {
			const v = await api('/api/session/sync', { body: { kind: p.kind, records, at: this.on ? this.step : p.at, finish: p.finish, checkin: p.checkin || null } });
			if (clinicMode) {
				// Sent: what was played since stays to send, and the page plays on.
				const now = this.pending();
				const sent = new Set(records.map((r) => r.id));
				if (now && this.on) { now.records = now.records.filter((r) => !sent.has(r.id)); this.save(now); } else localStorage.removeItem(PENDING);
				if (now && this.on && now.records.length) this.reconnect();
				const note = document.getElementById('pending-note');
				if (note) note.textContent = 'Saved with your clinic.';
				// What the coach says to the answers sent (ease off, pain advice).
				if (v.message) toast(v.message.title ? v.message.title + ' ' + v.message.text : v.message.text);
				return v;
			}
			localStorage.removeItem(PENDING);
			offlineBar(false);
			const wasPlaying = this.on;
			this.on = false;
			const n = (v.recorded || 0);
			toast(n ? `Back in touch: ${n} ${n === 1 ? 'step' : 'steps'} saved.` : 'Back in touch.');
			if (wasPlaying && current === 'session') {
				live.seq = v.seq;
				applyView(v, false);
			} else {
				const note = document.getElementById('pending-note');
				if (note) note.textContent = 'Saved to hipcoach.';
				if (current === 'today') route();
			}
		} catch (e) {
			if (e.offline) { this.reconnect(); return; }
			// The computer answered but refused (the session was ended there): nothing more to send.
			localStorage.removeItem(PENDING);
			offlineBar(false);
			this.on = false;
			toast(e.message);
		}
	},
};

function beginSession(kind, resumable) {
	sound.unlock();
	if (resumable) { startSession(kind, null, true); return; }
	openSheet('Before you start', (body, close) => {
		let pain = null;
		body.append(h('p', { class: 'sheet-q' }, 'Pain in your hip right now?'),
			painScale('Pain before the session', (v) => { pain = v; }),
			h('div', { class: 'sheet-actions' },
				h('button', { type: 'button', class: 'btn', onclick: () => { close(); startSession(kind, null, false); } }, 'Skip'),
				h('button', { type: 'button', class: 'btn-primary', onclick: () => { close(); startSession(kind, pain, false); } }, 'Start')));
	});
}

async function startSession(kind, pain, resume) {
	try {
		const v = await api('/api/session/start', { body: { kind, pain_before: pain, resume: resume !== false } });
		if (v.script) { live.script = v.script; keepFigures(v.script); }
		live.view = v;
		live.seq = v.seq;
		live.t0 = performance.now();
		if (clinicMode) off.on = false; // played here from the script just received
		go('#session');
	} catch (e) {
		if (e.data && e.data.advice) {
			openSheet('Guided sessions are paused', (body, close) => {
				for (const a of e.data.advice) body.append(h('p', {}, coachText(a.message)));
				body.append(h('button', { type: 'button', class: 'btn-primary', onclick: close }, 'I understand'));
			});
		} else if (e.data && e.data.rest) {
			// Pain of 8 or more today: the server says no strength work, and why.
			const r = e.data.rest;
			openSheet(r.title, (body, close) => {
				body.append(h('p', {}, coachText(r.text)),
					h('div', { class: 'sheet-actions' },
						h('button', { type: 'button', class: 'btn', onclick: () => { close(); toast('Rest the hip today, then.'); } }, 'Rest today'),
						h('button', { type: 'button', class: 'btn-primary', onclick: () => { close(); startSession(r.instead, pain, false); } }, 'Do the stretches')));
			});
		} else if (e.status === 409 && /safety questions/.test(e.message)) {
			toast('Please answer the safety questions first.');
			go('#check');
		} else toast(e.message);
	}
}

async function viewSession() {
	let v = live.view;
	if (off.on) v = off.view();
	else if (clinicMode) {
		if (!(v && v.active && live.script)) v = { active: false };
		else { off.start(); v = off.view(); }
	} else {
		try {
			v = await api('/api/session?since=' + (live.seq >= 0 && live.script ? live.seq : -1));
			if (v.script) { live.script = v.script; keepFigures(v.script); }
		} catch (e) { if (!v || !e.offline) throw e; off.start(); v = off.view(); }
	}
	if (!v.active) {
		$main.append(card('No session running',
			h('p', {}, 'Start one from Today, or pick one here.'),
			h('div', { class: 'stack' },
				h('button', { type: 'button', class: 'btn', onclick: () => beginSession('strength', false) }, 'Strength'),
				h('button', { type: 'button', class: 'btn', onclick: () => beginSession('stretch', false) }, 'Stretches'))));
		return;
	}
	document.body.classList.add('in-session');
	sound.unlock();
	wake.get();
	buildSessionScreen();
	applyView(v, true);
	const onVis = () => { if (document.visibilityState === 'visible') { wake.get(); poll(); } };
	document.addEventListener('visibilitychange', onVis);
	const onKey = (e) => {
		if (live.sheet || e.target.closest('input, select, textarea')) return;
		if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); send('primary'); } else if (e.key === 's') send('skip');
		else if (e.key === 'p') send('hurt');
		else if (e.key === 'b') send('back');
	};
	document.addEventListener('keydown', onKey);
	leaveView = () => {
		clearTimeout(live.timer);
		cancelAnimationFrame(live.raf);
		document.removeEventListener('visibilitychange', onVis);
		document.removeEventListener('keydown', onKey);
		document.body.classList.remove('in-session');
		closeSheet();
		wake.release();
		live.els = null;
	};
}

function buildSessionScreen() {
	const e = {};
	e.progress = h('div', { class: 'sbar-fill' });
	e.where = h('div', { class: 'sess-where' });
	e.soundBtn = h('button', { type: 'button', class: 'icon-btn', 'aria-label': sound.on ? 'Turn sound off' : 'Turn sound on',
		onclick: () => { sound.toggle(); e.soundBtn.replaceChildren(icon(sound.on ? 'sound' : 'mute')); e.soundBtn.setAttribute('aria-label', sound.on ? 'Turn sound off' : 'Turn sound on'); } },
	icon(sound.on ? 'sound' : 'mute'));
	e.how = h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'How to do it', onclick: () => howSheet(live.view && live.view.current) }, icon('info'));
	e.top = h('div', { class: 'sess-top' },
		h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Quit and save', onclick: confirmQuit }, icon('close')),
		e.where, h('div', { class: 'row' }, e.how, e.soundBtn));
	if (!figureSides) {
		// Until the sides are known the drawing shows as drawn; it turns when they arrive.
		api('/api/figures').then((m) => { figureSides = m; if (e.fig) mirrorFigure(e.fig); }).catch(() => {});
	}
	e.fig = h('img', { class: 'sess-fig', alt: '', width: 640, height: 300 });
	e.figWrap = h('div', { class: 'sess-figwrap' }, e.fig);
	e.name = h('h1', { class: 'sess-name' });
	e.badges = h('div', { class: 'chips center' });
	e.ringFg = s('circle', { cx: 60, cy: 60, r: 54, class: 'ring-fg', pathLength: 100 });
	e.ring = s('svg', { viewBox: '0 0 120 120', class: 'ring', 'aria-hidden': 'true' }, s('circle', { cx: 60, cy: 60, r: 54, class: 'ring-bg' }), e.ringFg);
	e.big = h('div', { class: 'sess-big', role: 'timer', 'aria-live': 'off' });
	e.unit = h('div', { class: 'sess-unit' });
	e.timer = h('div', { class: 'sess-timer' }, e.ring, h('div', { class: 'sess-timer-text' }, e.big, e.unit));
	e.cue = h('p', { class: 'sess-cue', 'aria-live': 'polite' });
	e.next = h('p', { class: 'sess-next' });
	const sec = (name, label, ev, cls) => h('button', { type: 'button', class: 'ctl ' + (cls || ''), 'aria-label': label, onclick: () => send(ev) }, icon(name), h('span', {}, label));
	e.controls = h('div', { class: 'sess-controls' }, sec('back', 'Back', 'back'), sec('skip', 'Skip', 'skip'), sec('hurt', 'It hurts', 'hurt', 'warn'));
	// The button sends what it showed, for the step it showed it on: a tap that lands just as
	// a countdown ends is then ignored by the server instead of pausing the next hold.
	e.primary = h('button', { type: 'button', class: 'btn-primary huge', onclick: () => send(e.primary.dataset.event || 'primary', { step: Number(e.primary.dataset.step) }) });
	const screen = h('div', { class: 'session' },
		h('div', { class: 'sbar', role: 'progressbar', 'aria-label': 'Session progress', 'aria-valuemin': 0, 'aria-valuemax': 100 }, e.progress),
		e.top, e.figWrap,
		h('div', { class: 'sess-head' }, e.name, e.badges),
		e.timer, e.cue, e.next,
		h('div', { class: 'dock session-dock' }, e.controls, e.primary));
	e.screen = screen;
	$main.append(screen);
	live.els = e;
	fitDock();
}

function applyView(v, first) {
	live.view = v;
	live.t0 = performance.now();
	const e = live.els;
	if (!e) return;
	if (v.cues && v.cues.length) {
		// Cues that fell due since the last look: sound the beeps, say only the latest worth saying.
		const fresh = v.cues.filter((c) => c.seq > live.seq);
		const beeps = fresh.filter((c) => c.beep);
		if (beeps.length) sound.beep(beeps[beeps.length - 1].kind === 'count' ? 660 : 880);
		const said = fresh.filter((c) => c.speak && c.text);
		if (said.length && !first) sound.say(said[said.length - 1].text, said[said.length - 1].kind === 'start');
	}
	live.seq = Math.max(live.seq, v.seq);
	if (!v.active) { finishedScreen(v); return; }

	const cur = v.current;
	e.progress.style.width = Math.round((v.session_fraction || 0) * 100) + '%';
	e.progress.parentElement.setAttribute('aria-valuenow', Math.round((v.session_fraction || 0) * 100));
	e.where.textContent = `${kindLabel(v.kind)} · ${v.item} of ${v.nitems}`;
	if (cur) {
		const ex = cur.exercise;
		// The version in use has its own drawing when the program has one; else the exercise's.
		const plain = ex ? `/api/figure/${encodeURIComponent(ex)}.svg` : '';
		const own = cur.variant ? `/api/figure/${encodeURIComponent(cur.variant)}.svg` : '';
		const src = own && !missingFigures.has(own) ? own : plain;
		if (src && e.fig.getAttribute('src') !== src) {
			e.fig.onerror = () => {
				if (src === plain) { e.fig.classList.add('no-fig'); return; }
				missingFigures.add(src);
				e.fig.setAttribute('src', plain);
			};
			e.fig.onload = () => e.fig.classList.remove('no-fig');
			e.fig.setAttribute('src', src);
		}
		e.fig.alt = cur.name ? `Drawing: ${cur.name}` : '';
		// A drawing shows one side at work: mirrored when the other side works (the chip names it).
		e.fig.dataset.drawing = src === own ? cur.variant : ex || '';
		e.fig.dataset.side = cur.side || '';
		mirrorFigure(e.fig);
		const title = cur.type === 'rest' ? 'Rest' : cur.type === 'switch' ? 'Switch sides' : cur.type === 'ready' ? 'Get ready' : cur.name;
		e.name.textContent = title;
		e.screen.dataset.type = cur.type;
		const badges = [];
		if (cur.side_label && cur.type !== 'rest') badges.push(h('span', { class: 'chip chip-side' }, cur.side_label));
		if (cur.set && cur.sets && cur.type !== 'rest') badges.push(h('span', { class: 'chip' }, `Set ${cur.set} of ${cur.sets}`));
		if (cur.type === 'ready' || cur.type === 'rest') badges.push(h('span', { class: 'chip' }, cur.detail || ''));
		if (cur.caution) badges.push(h('span', { class: 'chip chip-warn' }, 'Modified'));
		e.badges.replaceChildren(...badges);
		if (live.lastStep !== v.step) {
			live.lastStep = v.step;
			if (!first && !v.cues.some((c) => c.kind === 'start')) sound.beep(880);
		}
		e.how.hidden = !(cur.steps && cur.steps.length);
		e.cue.textContent = v.cue || (cur.form_cues && cur.form_cues[0]) || '';
		const nx = v.next;
		// What comes next, as short as it can say it: the other side of the same move is only the side.
		const same = nx && cur.type !== 'ready' && cur.type !== 'rest' && nx.name === cur.name;
		e.next.textContent = !nx || !nx.name || ((cur.type === 'ready' || cur.type === 'rest') && nx.name === cur.name) ? ''
			: same ? (nx.side_label ? `Next: ${nx.side_label}` : `Next: set ${nx.set} of ${nx.sets}`)
				: `Next: ${nx.name}${nx.side_label ? ' · ' + nx.side_label : ''}`;
	}
	const prim = v.primary;
	const label = v.state === 'paused' ? 'Resume' : prim === 'pause' ? 'Pause' : cur && cur.type === 'reps' ? 'Done' : cur && (cur.type === 'rest' || cur.type === 'ready' || cur.type === 'switch') ? 'Go now' : 'Done';
	e.primary.textContent = label;
	e.primary.dataset.event = v.state === 'paused' ? 'resume' : prim;
	e.primary.dataset.step = String(v.step);
	e.primary.setAttribute('aria-label', label === 'Done' ? 'Set done' : label);
	e.primary.classList.toggle('paused', v.state === 'paused');
	e.screen.classList.toggle('is-paused', v.state === 'paused');
	tick();
	if (v.message && v.message.seq > live.msgSeq) {
		live.msgSeq = v.message.seq;
		if (v.message.title) toast(v.message.title + ' ' + v.message.text);
		else toast(v.message.text);
	}
	if (v.checkin) showCheckin(v);
	else if (live.sheet && live.sheet.checkin) closeSheet();
	schedule();
}

function remainingMs() {
	const v = live.view;
	if (!v || !v.current || !v.current.duration_s) return null;
	let left = v.current.duration_s * 1000 - v.elapsed_ms;
	if (v.state === 'running' && !v.checkin) left -= (performance.now() - live.t0) * (v.time_scale || 1);
	return Math.max(0, left);
}

function tick() {
	const v = live.view, e = live.els;
	if (!v || !e || !v.current) return;
	const cur = v.current;
	const left = remainingMs();
	if (left === null) {
		e.big.textContent = cur.type === 'reps' ? (cur.detail || '').replace(/ reps?$/, '') : '—';
		e.unit.textContent = cur.type === 'reps' ? 'reps' : '';
		e.ringFg.style.strokeDashoffset = '0';
		e.timer.classList.add('reps');
	} else {
		e.timer.classList.remove('reps');
		e.big.textContent = fmtClock(left / 1000);
		e.unit.textContent = cur.type === 'rest' ? 'rest' : cur.type === 'hold' ? 'hold' : cur.type === 'breath' ? 'with the breath' : cur.type === 'switch' ? 'switch sides' : 'get ready';
		const frac = 1 - left / (cur.duration_s * 1000);
		e.ringFg.style.strokeDashoffset = String(Math.round(frac * 1000) / 10);
	}
	cancelAnimationFrame(live.raf);
	if (v.state === 'running' && left !== null) live.raf = requestAnimationFrame(tick);
}

function schedule() {
	clearTimeout(live.timer);
	const v = live.view;
	if (!v || !v.active) return;
	let wait = 1000;
	if (v.state === 'running' && !v.checkin && v.next_change_ms >= 0) {
		const elapsedReal = performance.now() - live.t0;
		wait = Math.min(1000, Math.max(30, v.next_change_ms / (v.time_scale || 1) - elapsedReal + 15));
	}
	live.timer = setTimeout(poll, wait);
}

async function poll() {
	if (current !== 'session' || live.polling) return;
	if (off.on) { off.tick(); return; }
	live.polling = true;
	try {
		const v = await api('/api/session?since=' + live.seq);
		if (current === 'session') applyView(v, false);
	} catch (e) {
		if (e.status === 401) { location.reload(); return; }
		if (e.offline && live.view && live.view.active && live.script) { off.start(); return; }
		schedule();
	} finally { live.polling = false; }
}

async function send(event, extra) {
	sound.unlock();
	if (off.on) { off.event(event, extra); return null; }
	try {
		const body = Object.assign({ event, since: live.seq }, extra || {});
		if (body.step === undefined && live.view && live.view.active && event !== 'quit' && event !== 'checkin' && event !== 'finish') body.step = live.view.step;
		const v = await api('/api/session/event', { body });
		applyView(v, false);
		return v;
	} catch (e) {
		if (e.offline && live.view && live.view.active && live.script && (event !== 'checkin' || afterExercise(live.view.checkin)) && event !== 'finish') {
			// The tap counts: the page plays on by itself from here.
			off.start();
			off.event(event, extra);
		} else if (e.status === 409 && live.view && live.view.checkin) showCheckin(live.view);
		else toast(e.message);
		return null;
	}
}

function confirmQuit() {
	openSheet('Stop for now?', (body, close) => {
		body.append(h('p', {}, 'What you have done is saved. You can pick up where you left off today.'),
			h('div', { class: 'sheet-actions' },
				h('button', { type: 'button', class: 'btn', onclick: close }, 'Keep going'),
				h('button', { type: 'button', class: 'btn-primary danger', onclick: async () => {
					close();
					const v = await send('quit');
					if (v) { toast(v.skipped ? 'Nothing was done, so it is recorded as skipped.' : 'Saved. Resume it from Today.'); go('#today'); }
				} }, 'Stop and save')));
	});
}

function finishedScreen(v) {
	clearTimeout(live.timer);
	cancelAnimationFrame(live.raf);
	closeSheet();
	if (v.state === 'stopped') return;
	wake.release();
	document.body.classList.remove('in-session');
	clear($main);
	const sum = v.summary || { done: 0, skipped: 0, hurt: 0 };
	const unit = v.kind === 'strength' ? (sum.done === 1 ? 'set' : 'sets') : (sum.done === 1 ? 'hold' : 'holds');
	$main.append(h('div', { class: 'done-screen' },
		h('div', { class: 'done-badge', 'aria-hidden': 'true' }, icon('check', 'icon-xl')),
		h('h1', {}, v.message && v.message.title ? v.message.title : 'Session complete'),
		h('p', { class: 'done-stats' }, `${sum.done} ${unit} done` + (sum.skipped ? ` · ${sum.skipped} skipped` : '') + (sum.hurt ? ` · ${sum.hurt} stopped for pain` : '')),
		h('p', { class: 'muted' }, v.message ? coachText(v.message.text) : '')),
	bottomAction('Back to Today', () => { go('#today'); }));
	sound.say('Session complete. Well done.', true);
	live.view = null;
	live.seq = -1;
}

// ---- sheets: check-ins and questions ----

// A sheet the runner opened closes with its button, Escape, a tap outside it, Back, or another tab.
// A question the session waits on (a check-in) stays until it is answered.
let sheetSeq = 0, sheetPops = 0, pendingGo = null;

// Goes to a place (and draws it again when it is there already). A sheet that just closed is still
// taking its history entry back: the move waits for that, or Back would undo it.
function go(hash) {
	if (sheetPops) { pendingGo = hash; return; }
	if (location.hash === hash) route();
	else location.hash = hash;
}

function openSheet(title, build, opts = {}) {
	closeSheet({ keepHistory: true });
	const body = h('div', { class: 'sheet-body' });
	const titleId = 'sheet-title-' + (++sheetSeq);
	const dismiss = !opts.checkin && opts.dismiss !== false;
	const sheet = h('div', { class: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
		h('div', { class: 'sheet-head' }, h('h2', { class: 'sheet-title', id: titleId }, title),
			dismiss ? h('button', { type: 'button', class: 'icon-btn sheet-x', 'aria-label': 'Close', onclick: () => closeSheet() }, icon('close')) : null),
		body);
	const backdrop = h('div', { class: 'backdrop' }, sheet);
	const close = () => closeSheet();
	live.sheet = { el: backdrop, checkin: opts.checkin || null, dismiss, history: false, opener: document.activeElement };
	if (dismiss) {
		backdrop.addEventListener('click', (e) => { if (e.target === backdrop) closeSheet(); });
		if (!(history.state && history.state.sheet)) history.pushState({ sheet: true }, '');
		live.sheet.history = true;
	}
	build(body, close);
	document.body.append(backdrop);
	const first = body.querySelector('button, input, select') || sheet.querySelector('button');
	if (first) first.focus({ preventScroll: true });
}

function closeSheet(opts = {}) {
	const sh = live.sheet;
	if (!sh) return;
	sh.el.remove();
	live.sheet = null;
	// The history entry the sheet added goes too, so Back then leaves the page as it should.
	if (sh.history && !opts.fromPop && !opts.keepHistory && history.state && history.state.sheet) {
		sheetPops++;
		history.back();
	}
	if (sh.opener && sh.opener.isConnected && !opts.keepHistory) sh.opener.focus({ preventScroll: true });
}

window.addEventListener('popstate', () => {
	if (sheetPops) {
		if (--sheetPops === 0 && pendingGo) { const to = pendingGo; pendingGo = null; go(to); }
		return;
	}
	if (live.sheet && live.sheet.dismiss) closeSheet({ fromPop: true });
});
document.addEventListener('keydown', (e) => {
	if (e.key === 'Escape' && live.sheet && live.sheet.dismiss) { e.preventDefault(); closeSheet(); }
});

function checkinKey(c) { return c.type + ':' + (c.item ?? '') + ':' + (c.step ?? ''); }

function showCheckin(v) {
	const c = v.checkin;
	if (live.sheet && live.sheet.checkin === checkinKey(c)) return;
	const key = checkinKey(c);
	if (c.type === 'pain_after' && c.skipped) {
		openSheet('Nothing done', (body) => {
			body.append(h('p', {}, 'Nothing was done, so this session is recorded as skipped: it does not count toward your week.'),
				h('div', { class: 'sheet-actions' },
					h('button', { type: 'button', class: 'btn-primary', onclick: () => send('finish', { pain: null }) }, 'Finish')));
		}, { checkin: key });
	} else if (c.type === 'pain_after') {
		openSheet('Session complete', (body) => {
			let pain = null;
			body.append(h('p', { class: 'sheet-q' }, 'Pain in your hip now that you are done?'),
				painScale('Pain after the session', (x) => { pain = x; }),
				h('div', { class: 'sheet-actions' },
					h('button', { type: 'button', class: 'btn', onclick: () => send('finish', { pain: null }) }, 'Skip'),
					h('button', { type: 'button', class: 'btn-primary', onclick: () => send('finish', { pain }) }, 'Finish')));
		}, { checkin: key });
	} else if (c.type === 'hurt') {
		// The words are the coach's (a stretch should never hurt; strength work has its line), sent with the question.
		const stretch = c.kind === 'stretch';
		openSheet('It hurts', (body) => {
			let pain = null;
			body.append(h('p', { class: 'sheet-q' }, `How much does it hurt? (${c.name})`),
				painScale('Pain now', (x) => { pain = x; }),
				c.title ? h('p', { class: 'hurt-title' }, c.title) : null,
				h('p', { class: 'muted small hurt-text' }, c.text),
				h('div', { class: 'sheet-actions' },
					h('button', { type: 'button', class: 'btn', onclick: () => send('checkin', { pain, stop: true }) }, stretch ? 'Stop this stretch' : 'Stop this exercise'),
					h('button', { type: 'button', class: 'btn-primary', onclick: () => send('checkin', { pain, stop: false }) }, 'Carry on')));
		}, { checkin: key });
	} else if (c.type === 'stretch') {
		openSheet(c.name, (body) => {
			const more = h('div', { class: 'stack', hidden: true },
				h('p', { class: 'sheet-q' }, 'How much did it hurt?'),
				painScale('Stretch pain', (x) => send('checkin', { gentle: false, pain: x })));
			body.append(h('p', { class: 'sheet-q' }, 'Did it feel gentle, with no pain?'),
				h('div', { class: 'sheet-actions' },
					h('button', { type: 'button', class: 'btn', onclick: () => { more.hidden = false; } }, 'No, it hurt'),
					h('button', { type: 'button', class: 'btn-primary', onclick: () => send('checkin', { gentle: true }) }, 'Yes, gentle')),
				more);
		}, { checkin: key });
	} else if (c.type === 'strength') {
		openSheet(c.name + ': how did it go?', (body) => {
			const reps = c.sets.map((x) => x.reps);
			const rows = c.sets.map((x, i) => {
				const out = h('output', { class: 'stepper-val', 'aria-live': 'polite' }, String(reps[i]));
				const label = `Set ${x.set}${x.side ? ' ' + x.side : ''}`;
				const set = (d) => { reps[i] = Math.max(0, Math.min(200, reps[i] + d)); out.textContent = String(reps[i]); };
				return h('div', { class: 'stepper' }, h('span', { class: 'stepper-label' }, label),
					h('button', { type: 'button', class: 'step-btn', 'aria-label': `${label}: one rep fewer`, onclick: () => set(-1) }, '−'),
					out,
					h('button', { type: 'button', class: 'step-btn', 'aria-label': `${label}: one rep more`, onclick: () => set(1) }, '+'));
			});
			let reserve3 = null, band = c.band, kg = c.load_kg, pain = c.pain;
			const yes = h('button', { type: 'button', class: 'seg', 'aria-pressed': 'false', onclick: () => { reserve3 = true; yes.setAttribute('aria-pressed', 'true'); no.setAttribute('aria-pressed', 'false'); } }, 'Yes');
			const no = h('button', { type: 'button', class: 'seg', 'aria-pressed': 'false', onclick: () => { reserve3 = false; no.setAttribute('aria-pressed', 'true'); yes.setAttribute('aria-pressed', 'false'); } }, 'No');
			body.append(h('p', { class: 'sheet-q' }, 'Reps you did'), h('div', { class: 'steppers' }, rows),
				h('p', { class: 'sheet-q' }, 'Could you have done 3 more?'), h('div', { class: 'segs', role: 'group', 'aria-label': 'Could you have done 3 more?' }, yes, no),
				h('p', { class: 'sheet-q' }, 'Pain in your hip during it?'), painScale('Pain during it', (x) => { pain = x; }, { value: pain }));
			if (c.load === 'band') {
				const cb = h('input', { type: 'checkbox', id: 'band', checked: band || null, onchange: () => { band = cb.checked; } });
				body.append(h('label', { class: 'check', for: 'band' }, cb, 'I used the band'));
			} else if (c.load === 'dumbbell') {
				const unit = c.pounds ? 'lb' : 'kg';
				const inp = h('input', { type: 'number', inputmode: 'decimal', min: 0, max: 200, step: 0.5, id: 'kg', value: kg ? (c.pounds ? Math.round(kg / 0.45359237 * 2) / 2 : kg) : '' });
				body.append(h('label', { class: 'field', for: 'kg' }, `Dumbbell per hand (${unit})`, inp));
				inp.addEventListener('input', () => { const n = parseFloat(inp.value); kg = Number.isFinite(n) ? (c.pounds ? n * 0.45359237 : n) : null; });
			}
			body.append(h('div', { class: 'sheet-actions' }, h('button', { type: 'button', class: 'btn-primary', onclick: () => {
				const extra = { reps, reserve3, pain };
				if (c.load === 'band') extra.band = !!band;
				if (c.load === 'dumbbell' && kg !== null && kg !== undefined) extra.load_kg = kg;
				send('checkin', extra);
			} }, 'Save and go on')));
		}, { checkin: key });
	}
}

// ---- Progress ----

// A weekly bar chart with its axes: the value scale on the left with its unit, the weeks below.
// A week with no data is a gap, never a zero; this week, not over yet, is drawn open and says "so far".
function barChart(title, weeks, value, fmt, opts = {}) {
	const W = 340, H = 178, pad = { l: 30, r: 6, t: 26, b: 34 };
	const vals = weeks.map(value);
	const known = vals.filter((x) => x !== null && x !== undefined);
	const max = opts.max || niceMax(Math.max(1, ...known));
	const plotH = H - pad.t - pad.b;
	const bw = (W - pad.l - pad.r) / weeks.length;
	const y = (v) => H - pad.b - plotH * (v / max);
	const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': opts.aria || title });
	// The value axis: three gridlines, labelled, and the unit above them.
	for (const t of [0, max / 2, max]) {
		svg.append(s('line', { x1: pad.l, x2: W - pad.r, y1: y(t), y2: y(t), class: t ? 'grid' : 'axis' }));
		svg.append(s('text', { x: pad.l - 5, y: y(t) + 3.5, class: 'tick', 'text-anchor': 'end' }, opts.tick ? opts.tick(t) : String(Math.round(t))));
	}
	svg.append(s('text', { x: 2, y: 11, class: 'unit' }, opts.unit || ''));
	let lastIdx = -1;
	vals.forEach((x, i) => { if (x !== null && x !== undefined) lastIdx = i; });
	const now = weeks.length - 1;
	vals.forEach((x, i) => {
		const cx = pad.l + i * bw;
		if (x === null || x === undefined) return; // no data: a gap
		const bh = Math.max(x > 0 ? 2 : 0, plotH * (x / max));
		const cls = 'bar' + (i === lastIdx ? ' last' : '') + (i === now ? ' current' : '') + (opts.cls ? ' ' + opts.cls(x) : '');
		svg.append(s('rect', { x: cx + bw * 0.18, y: H - pad.b - bh, width: bw * 0.64, height: Math.max(bh, 0.5), rx: 3, class: cls }));
		if (i === lastIdx) svg.append(s('text', { x: cx + bw / 2, y: H - pad.b - bh - 6, class: 'bar-label', 'text-anchor': 'middle' }, fmt(x)));
	});
	// The weeks: the first Monday, one in the middle, and this week, marked as not over yet.
	const label = (i, text, anchor) => svg.append(s('text', { x: pad.l + i * bw + bw / 2, y: H - pad.b + 14, class: 'tick', 'text-anchor': anchor }, text));
	if (weeks.length) {
		label(0, shortDate(weeks[0].monday), 'start');
		if (weeks.length >= 7) label(Math.floor(now / 2), shortDate(weeks[Math.floor(now / 2)].monday), 'middle');
		label(now, 'this week', 'end');
		svg.append(s('text', { x: W - pad.r, y: H - 4, class: 'tick so-far', 'text-anchor': 'end' }, 'so far: not over yet'));
		svg.append(s('text', { x: pad.l, y: H - 4, class: 'tick', 'text-anchor': 'start' }, 'a bar a week, Monday to Sunday'));
	}
	const lastVal = lastIdx >= 0 ? fmt(vals[lastIdx]) + (lastIdx === now ? ' so far' : '') : '—';
	return h('section', { class: 'card chart-card' },
		h('div', { class: 'chart-head' }, h('h2', { class: 'card-title' }, title), h('span', { class: 'chart-last' }, lastVal)),
		opts.sub ? h('p', { class: 'muted small' }, opts.sub) : null, svg);
}

function niceMax(x) {
	const p = 10 ** Math.floor(Math.log10(x));
	for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
	return 10 * p;
}

async function viewProgress() {
	const [prog, today, status] = await Promise.all([api('/api/progress'), api('/api/today'), api('/api/status')]);
	setTopDate(today.date);
	// From the program's first week; a short record gets empty weeks before it (gaps) so the bars keep their width.
	const weeks = prog.weeks.slice(-12);
	while (weeks.length < 8) {
		const first = weeks.length ? weeks[0].monday : today.date;
		const [y, m, d] = first.split('-').map(Number);
		const prev = new Date(Date.UTC(y, m - 1, d - 7)).toISOString().slice(0, 10);
		weeks.unshift({ monday: prev, pain_mean: null, pain_max: null, planned: 0, done: 0, distance_m: null });
	}
	$main.append(h('div', { class: 'hero' }, h('h1', {}, 'Progress'), h('p', { class: 'hero-sub' }, `Week ${today.week} of your program`)));
	$main.append(barChart('Pain by week', weeks, (w) => w.pain_mean, (x) => x.toFixed(1) + '/10', {
		max: 10, unit: 'pain 0–10', aria: 'Average pain per week, 0 to 10; weeks without a score are left empty', sub: 'The average of every pain score you gave. An empty week had no score.',
		cls: (x) => (x <= 3 ? 'z0' : x <= 5 ? 'z1' : 'z2'),
	}));
	$main.append(barChart('Sessions done', weeks, (w) => (w.planned ? Math.round(100 * w.done / w.planned) : null), (x) => x + '%', {
		max: 100, unit: '% of plan', tick: (t) => t + '%', aria: 'Share of planned sessions done per week', sub: 'Against what the plan asked for.',
	}));
	if (prog.runs) {
		const mi = today.miles, k = mi ? 1609.344 : 1000;
		$main.append(barChart('Weekly distance', weeks, (w) => (w.distance_m ? w.distance_m / k : null),
			(x) => x.toFixed(0) + (mi ? ' mi' : ' km'), { unit: mi ? 'miles' : 'km', aria: 'Running distance per week; weeks without a run recorded are left empty', sub: 'An empty week has no run recorded.' }));
	} else {
		$main.append(card('Weekly distance', h('p', { class: 'muted' }, 'Import your runs (below) to see your running next to your pain.')));
	}
	$main.append(exercisesCard(status));
	$main.append(logForms(today));
	$main.append(importCard());
	$main.append(await historyCard(today));
	fitDock();
}

// Each exercise's dose and where it stands: a step up or back that is due and why, else the last
// change, else what moving up needs; the terminal's `hipcoach status`, from the same document.
function exercisesCard(status) {
	// A reason begins with its exercise's name ("Clamshell: hold — ..."), which the row already shows.
	const mine = (e, reason) => reason.replace(/^[^:—]{1,60}: /, '');
	const rows = status.exercises.map((e) => {
		let note = null;
		if (e.decision !== 'hold') note = h('p', { class: 'small' }, h('strong', {}, 'Due: '), coachText(mine(e, e.reason)));
		else if (e.last_change) note = h('p', { class: 'muted small' }, `Since ${shortDate(e.last_change.date)}: `, coachText(mine(e, e.last_change.reason)));
		if (e.decision === 'hold' && e.sessions_at_dose && e.reason) {
			const dash = e.reason.indexOf(' — ');
			note = [note, h('p', { class: 'muted small' }, 'Next: ', coachText(dash >= 0 ? e.reason.slice(dash + 3) : e.reason))];
		}
		return h('li', {}, h('div', { class: 'ex-line' }, h('span', {}, e.name), h('span', { class: 'muted' }, doseWords(e.dose_text))), note);
	});
	return card('Each exercise', h('ul', { class: 'ex-status' }, rows));
}

function logForms(today) {
	const wrap = h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'Log'));
	const tabs = h('div', { class: 'segs', role: 'tablist', 'aria-label': 'What to log' });
	const panel = h('div', { class: 'log-panel' });
	const forms = {
		Pain: () => {
			let score = null;
			const ctx = h('select', { id: 'pain-ctx', 'aria-label': 'When' },
				h('option', { value: 'now' }, 'Right now'), h('option', { value: 'morning' }, 'This morning'),
				h('option', { value: 'during' }, 'During exercise'), h('option', { value: 'after' }, 'After exercise'));
			const loc = h('select', { id: 'pain-loc', 'aria-label': 'Where' },
				h('option', { value: '' }, 'Not said'), h('option', { value: 'outer' }, 'Outer hip'), h('option', { value: 'front' }, 'Front of hip'),
				h('option', { value: 'groin' }, 'Groin'), h('option', { value: 'buttock' }, 'Buttock'), h('option', { value: 'back' }, 'Lower back'));
			const save = h('button', { type: 'button', class: 'btn-primary', disabled: true, onclick: async () => {
				try {
					await api('/api/pain', { body: { score, context: ctx.value, location: loc.value || null } });
					toast(`Saved: pain ${score}/10`);
					route();
				} catch (e) { toast(e.message); }
			} }, 'Save pain');
			return [painScale('Pain score', (x) => { score = x; save.disabled = false; }),
				h('div', { class: 'grid2' }, h('label', { class: 'field' }, 'When', ctx), h('label', { class: 'field' }, 'Where', loc)), save];
		},
		Run: () => {
			const date = h('input', { type: 'date', value: today.date, max: today.date, 'aria-label': 'Date' });
			const dist = h('input', { type: 'number', inputmode: 'decimal', min: 0, step: 0.1, placeholder: today.miles ? 'miles' : 'km', 'aria-label': 'Distance' });
			const dur = h('input', { type: 'text', inputmode: 'numeric', placeholder: '45:00', 'aria-label': 'Duration' });
			const save = h('button', { type: 'button', class: 'btn-primary', onclick: async () => {
				const d = parseFloat(dist.value);
				if (!Number.isFinite(d) || d <= 0) { toast('Enter the distance'); return; }
				try {
					await api('/api/runs', { body: { date: date.value, distance_m: Math.round(d * (today.miles ? 1609.344 : 1000)), duration: dur.value } });
					toast('Run saved');
					route();
				} catch (e) { toast(e.message); }
			} }, 'Save run');
			return [h('div', { class: 'grid2' }, h('label', { class: 'field' }, 'Date', date), h('label', { class: 'field' }, today.miles ? 'Distance (mi)' : 'Distance (km)', dist)),
				h('label', { class: 'field' }, 'Time (like 45:00)', dur), save];
		},
		Session: () => {
			const kind = h('select', { 'aria-label': 'Kind' }, h('option', { value: 'strength' }, 'Strength'), h('option', { value: 'stretch' }, 'Stretches'));
			const date = h('input', { type: 'date', value: today.date, max: today.date, 'aria-label': 'Date' });
			// What moving up needs, as `hipcoach log session --pain-during N --effort rir3` takes it.
			let during = null, reserve = null;
			const more = h('select', { 'aria-label': 'Could you have done 3 more reps?' },
				h('option', { value: '' }, 'Not said'), h('option', { value: '3' }, 'Yes, 3 more'), h('option', { value: '0' }, 'No'));
			const strengthOnly = h('div', { class: 'stack' },
				h('p', { class: 'sheet-q' }, 'Pain in your hip during it?'), painScale('Pain during the session', (x) => { during = x; }),
				h('label', { class: 'field' }, 'Could you have done 3 more reps?', more));
			kind.addEventListener('change', () => { strengthOnly.hidden = kind.value !== 'strength'; });
			const save = h('button', { type: 'button', class: 'btn-primary', onclick: async () => {
				reserve = more.value === '' ? null : Number(more.value);
				const body = { kind: kind.value, date: date.value };
				if (kind.value === 'strength') { body.pain_during = during; body.reserve = reserve; }
				try {
					await api('/api/sessions', { body });
					toast('Session saved');
					route();
				} catch (e) { toast(e.message); }
			} }, 'Save session');
			return [h('p', { class: 'muted small' }, 'Did a session without hipcoach? Record it here: every set as your program has it for that day.'),
				h('div', { class: 'grid2' }, h('label', { class: 'field' }, 'Kind', kind), h('label', { class: 'field' }, 'Date', date)), strengthOnly, save];
		},
	};
	const show = (name) => {
		for (const b of tabs.children) b.setAttribute('aria-selected', b.textContent === name ? 'true' : 'false');
		panel.replaceChildren(...forms[name]());
	};
	for (const name of Object.keys(forms)) tabs.append(h('button', { type: 'button', class: 'seg', role: 'tab', onclick: () => show(name) }, name));
	wrap.append(tabs, panel);
	show('Pain');
	return wrap;
}

// History as a list of sessions, newest first, each with what was done: the terminal's `hipcoach history`.
async function historyCard(today) {
	let hist = null, names = new Map();
	try {
		const [hh, ex] = await Promise.all([api('/api/history'), api('/api/exercises')]);
		hist = hh;
		for (const e of ex) names.set(e.id, e.name);
	} catch { hist = null; }
	const items = hist && Array.isArray(hist.sessions) ? hist.sessions : null;
	if (!items) return card('History', h('p', { class: 'muted' }, 'Your sessions will show here.'));
	const pounds = today && today.pounds;
	const list = h('ol', { class: 'history' });
	for (const ses of items.slice(-30).reverse()) {
		const state = ses.status === 'unfinished' ? 'unfinished' : ses.status === 'skipped' ? 'skipped' : 'done';
		const pain = [ses.pain_before !== null && ses.pain_before !== undefined ? `pain before ${ses.pain_before}` : null,
			ses.pain_after !== null && ses.pain_after !== undefined ? `after ${ses.pain_after}` : null].filter(Boolean).join(', ');
		const what = h('ul', { class: 'h-items' });
		for (const it of ses.items || []) {
			const sets = it.sets || [];
			const done = sets.filter((x) => x.status === 'done');
			const skipped = sets.length - done.length - sets.filter((x) => x.status === 'hurt').length;
			const hurt = sets.some((x) => x.status === 'hurt');
			let line;
			if (done.some((x) => x.reps !== null)) line = `${done.length} ${done.length === 1 ? 'set' : 'sets'}: ${done.map((x) => x.reps).join(', ')} reps`;
			else if (done.length) line = `${done.length} ${done.length === 1 ? 'hold' : 'holds'}${done[0].seconds ? ` of ${done[0].seconds} s` : ''}`;
			else line = 'not done';
			const kg = done.find((x) => x.load_kg);
			if (kg) line += ` · ${pounds ? Math.round(kg.load_kg * LB) + ' lb' : kg.load_kg + ' kg'}`;
			if (skipped > 0 && done.length) line += ` · ${skipped} skipped`;
			if (hurt) line += ' · stopped for pain';
			what.append(h('li', {}, h('span', { class: 'h-ex' }, names.get(it.variant || it.exercise) || names.get(it.exercise) || it.exercise), ' ', h('span', { class: 'muted' }, line)));
		}
		list.append(h('li', { class: 'h-session' },
			h('div', { class: 'h-head' },
				h('span', { class: 'h-date' }, ses.date ? longDate(ses.date) : ''),
				h('span', { class: 'h-state ' + state }, state === 'done' ? 'done' : state)),
			h('div', { class: 'h-kind' }, kindLabel(ses.kind) + (ses.origin === 'log' ? ' · logged by hand' : '') + (pain ? ` · ${pain}` : '')),
			what.childNodes.length ? what : null));
	}
	return card('History', items.length ? list : h('p', { class: 'muted' }, 'Nothing recorded yet.'));
}

// The last import's report, kept across the redraw that shows the new runs.
let lastImport = null;

function importReport(name, r) {
	const dl = h('dl', { class: 'profile' });
	const row = (k, v) => dl.append(h('dt', {}, k), h('dd', {}, String(v)));
	row('Imported', r.imported === 1 ? '1 run' : `${r.imported} runs`);
	row('Already there', r.duplicates);
	if (r.not_runs) row('Not runs', `${r.not_runs} (${r.not_run_sports.map((x) => `${x.sport} ${x.count}`).join(', ')})`);
	if (r.ignored) row('Left aside', `${r.ignored} ${r.ignored === 1 ? 'file' : 'files'} (not activity files)`);
	row('Skipped', r.skipped.length);
	const out = [h('p', { class: 'import-name' }, name), dl];
	const why = [...r.skipped, ...r.notes];
	if (why.length) out.push(h('ul', { class: 'notes' }, why.map((x) => h('li', {}, `${x.file}: ${x.reason}`))));
	return out;
}

function importCard() {
	const file = h('input', { type: 'file', id: 'import-file', accept: '.fit,.gpx,.tcx,.gz,.zip', class: 'visually-hidden' });
	const label = h('label', { for: 'import-file', class: 'btn' }, 'Choose a file…');
	const report = h('div', { class: 'import-report', role: 'status' });
	if (lastImport) report.append(...importReport(lastImport.name, lastImport.report));
	file.addEventListener('change', async () => {
		const f = file.files && file.files[0];
		file.value = '';
		if (!f) return;
		if (f.size > 10 * 1024 * 1024) { report.replaceChildren(h('p', {}, `${f.name} is too large: 10 MB at most.`)); return; }
		label.setAttribute('aria-disabled', 'true');
		report.replaceChildren(h('p', { class: 'muted' }, `Reading ${f.name}…`));
		try {
			const r = await api('/api/import?name=' + encodeURIComponent(f.name), { body: f, raw: true });
			lastImport = { name: f.name, report: r };
			toast(r.imported === 1 ? 'Imported 1 run' : r.imported ? `Imported ${r.imported} runs` : r.duplicates ? 'Already imported' : 'No run imported');
			route();
		} catch (e) {
			report.replaceChildren(h('p', {}, e.status === 413 ? `${f.name} is too large: 10 MB at most.` : e.message));
		} finally { label.removeAttribute('aria-disabled'); }
	});
	return card('Import runs',
		h('p', { class: 'muted small' }, 'From a watch or Strava: a FIT, GPX or TCX file, or your Strava export (.zip) as you downloaded it.'),
		h('div', { class: 'row' }, file, label), report);
}

// The files `hipcoach export` and `hipcoach handout` write, as downloads.
function downloadsCard() {
	const link = (path, text, aria) => h('a', { class: 'btn', href: path, download: '', 'aria-label': aria }, text);
	return card('Take it with you',
		h('p', { class: 'muted small' }, 'Your plan in your calendar, a session on your Garmin watch, the sheet on paper, and everything as a backup.'),
		h('div', { class: 'stack' },
			link('/api/export/ics', 'Calendar (iCal)', 'Download the plan as a calendar (iCal)'),
			link('/api/export/fit?session=strength', 'Watch: strength (FIT)', 'Download the strength session as a watch workout (FIT)'),
			link('/api/export/fit?session=stretch', 'Watch: stretches (FIT)', 'Download the stretches as a watch workout (FIT)'),
			link('/api/export/pdf', 'Handout (PDF)', 'Download the home-exercise handout (PDF)'),
			link('/api/export/json', 'Backup (JSON)', 'Download a backup of everything (JSON)'),
			link('/api/export/csv', 'Log for a spreadsheet (CSV)', 'Download your log for a spreadsheet (CSV)')));
}

// ---- Program ----

async function viewProgram() {
	const [exercises, plan, profile, today] = await Promise.all([api('/api/exercises'), api('/api/plan'), api('/api/profile'), api('/api/today')]);
	setTopDate(today.date);
	$main.append(h('div', { class: 'hero' }, h('h1', {}, 'Your program'), h('p', { class: 'hero-sub' }, `${plan.level} · strength twice a week, stretches every day`)));

	const week = h('ol', { class: 'week' });
	for (const d of plan.days) {
		const isToday = d.date === today.date;
		week.append(h('li', { class: isToday ? 'today' : '' },
			h('span', { class: 'wk-day' }, weekdayName(d.date).slice(0, 3)),
			h('span', { class: 'wk-date' }, shortDate(d.date)),
			h('span', { class: 'wk-sessions' }, d.sessions.map((x) => h('span', { class: 'pill ' + x.kind }, kindLabel(x.kind))))));
	}
	$main.append(card('This week', week, plan.notes.length ? h('ul', { class: 'notes' }, plan.notes.map((n) => h('li', {}, coachText(n)))) : null));

	// Each exercise with its dose this week, as the plan prescribes it (the handout's bold line).
	const doses = new Map();
	for (const d of plan.days) for (const x of d.sessions) for (const it of x.items || []) if (!doses.has(it.exercise)) doses.set(it.exercise, it);
	const grid = h('div', { class: 'ex-grid' });
	for (const ex of exercises) {
		const it = doses.get(ex.id);
		const dose = it ? doseWords(it.dose_text) : null;
		grid.append(h('button', { type: 'button', class: 'ex-card' + (it ? '' : ' unused'), 'aria-label': `${it ? it.name : ex.name}${dose ? ', ' + dose : ''}: how to do it`, onclick: () => exerciseSheet(ex.id) },
			h('img', { src: `/api/figure/${encodeURIComponent(ex.id)}.svg`, alt: '', loading: 'lazy', width: 320, height: 150 }),
			h('span', { class: 'ex-name' }, it ? it.name : ex.name),
			h('span', { class: 'ex-dose' }, dose || 'not in your program now'),
			h('span', { class: 'ex-meta' }, `${ex.kind === 'strength' ? 'Strength' : 'Stretch'}`)));
	}
	$main.append(card('Exercises', grid));

	const dl = h('dl', { class: 'profile' });
	const row = (k, v) => dl.append(h('dt', {}, k), h('dd', {}, v));
	if (profile.name) row('Name', profile.name);
	row('Level', profile.level);
	row('Equipment', profile.equipment.join(', ') || 'none');
	if (profile.dumbbells_kg.length) {
		const lb = profile.units.weight === 'lb';
		row('Dumbbells', profile.dumbbells_kg.map((kg) => (lb ? Math.round(kg * LB) : kg)).join(', ') + (lb ? ' lb' : ' kg'));
	}
	row('Run days', profile.run_days.join(', ') || '—');
	row('Long run', profile.long_run_day || '—');
	row('Strength days', profile.strength_days.length ? profile.strength_days.join(', ') : 'chosen for you');
	row('Units', `${profile.units.distance}, ${profile.units.weight}`);
	row('Started', profile.start_date);
	const edit = h('button', { type: 'button', class: 'btn', 'aria-label': 'Edit your profile', onclick: () => profileSheet(profile) }, 'Edit');
	$main.append(card('Profile', dl, h('div', { class: 'row-end' }, edit)));
	$main.append(card('Safety', h('p', { class: 'muted small' }, 'Answer the safety questions again whenever something changes: pain at night, a fever, pain that spreads or gets suddenly worse.'),
		h('div', { class: 'stack' },
			h('a', { class: 'btn', href: '#check' }, 'Safety questions'),
			h('button', { type: 'button', class: 'btn', onclick: careSheet }, 'A clinician is looking after my hip'),
			h('button', { type: 'button', class: 'btn', onclick: clearedSheet }, 'A clinician has seen me'))));
	$main.append(downloadsCard());
}

// ---- the profile sheet: what `hipcoach setup` asks, saved through POST /api/profile ----

const LEVELS = [
	{ id: 'beginner', name: 'Beginner', dose: '1–3 sets of 12–15 reps, no weights', when: 'Start here if strength work is new to you.' },
	{ id: 'moderate', name: 'Moderate weights', dose: '3 sets of 8–12 reps with dumbbells', when: 'When the beginner sets feel easy.' },
	{ id: 'heavy', name: 'Heavy weights', dose: '3–4 sets of 4–6 reps, heavier dumbbells', when: 'Once moderate weights feel solid.' },
];
const EQUIPMENT = [['mat', 'Mat'], ['band', 'Band'], ['step', 'Step'], ['dumbbells', 'Dumbbells'], ['chair', 'Chair']];
const DAYS = [['mon', 'Mon', 'Monday'], ['tue', 'Tue', 'Tuesday'], ['wed', 'Wed', 'Wednesday'], ['thu', 'Thu', 'Thursday'],
	['fri', 'Fri', 'Friday'], ['sat', 'Sat', 'Saturday'], ['sun', 'Sun', 'Sunday']];
const LB = 2.2046226;

// A group of toggle buttons; `multi` lets several be on. Answers { el, value() } with the ids that are on.
function toggleGroup(label, items, on, { multi = true, cls = 'chip-row', onChange = null } = {}) {
	const id = 'grp-' + label.toLowerCase().replace(/[^a-z]+/g, '-');
	const el = h('div', { class: cls, role: 'group', 'aria-labelledby': id });
	const set = new Set(on);
	const buttons = new Map();
	const paint = () => { for (const [k, b] of buttons) b.setAttribute('aria-pressed', set.has(k) ? 'true' : 'false'); };
	for (const [key, text, aria] of items) {
		const b = h('button', { type: 'button', class: cls === 'segs' ? 'seg' : 'chip-btn', 'data-value': key, 'aria-label': aria || null, onclick: () => {
			if (multi) { if (set.has(key)) set.delete(key); else set.add(key); } else { set.clear(); set.add(key); }
			paint();
			if (onChange) onChange(key, set);
		} }, text);
		buttons.set(key, b);
		el.append(b);
	}
	paint();
	return {
		el, heading: h('h3', { id }, label),
		value: () => items.map((x) => x[0]).filter((k) => set.has(k)),
		set(keys) { set.clear(); for (const k of keys) set.add(k); paint(); },
	};
}

function profileSheet(profile) {
	openSheet('Your profile', (body, close) => {
		body.parentElement.classList.add('profile-sheet');
		body.append(...profileForm(profile, { cancel: close, saved: () => { close(); toast('Profile saved'); route(); } }));
	});
}

// What `hipcoach setup` asks, for the profile sheet and the first run alike: the elements, saved
// through POST /api/profile (201 the first time); `saved` gets the new profile.
function profileForm(profile, { cancel = null, saved, submit = 'Save' }) {
	{
		const body = h('div', {});
		let level = profile.level;
		let pounds = profile.units.weight === 'lb';

		// Level: three big choices with the dosage each means.
		const levels = h('div', { class: 'level-choices', role: 'radiogroup', 'aria-labelledby': 'grp-level' });
		const paintLevels = () => { for (const b of levels.children) b.setAttribute('aria-checked', b.dataset.value === level ? 'true' : 'false'); };
		for (const l of LEVELS) {
			levels.append(h('button', { type: 'button', role: 'radio', class: 'level-choice', 'data-value': l.id,
				'aria-label': `${l.name}: ${l.dose}`, onclick: () => { level = l.id; paintLevels(); } },
			h('span', { class: 'level-name' }, l.name), h('span', { class: 'level-dose' }, l.dose), h('span', { class: 'level-when' }, l.when)));
		}
		paintLevels();

		// Equipment, and the dumbbell weights when there are dumbbells.
		const showWeight = (kg) => String(pounds ? Math.round(kg * LB) : kg);
		const weights = h('input', { type: 'text', id: 'profile-weights', inputmode: 'decimal', autocomplete: 'off',
			value: profile.dumbbells_kg.map(showWeight).join(', '), placeholder: pounds ? '10, 15, 20' : '4, 6, 8' });
		const weightLabel = h('span', {});
		const weightField = h('label', { class: 'field', for: 'profile-weights' }, weightLabel, weights);
		const paintWeight = () => { weightLabel.textContent = `Dumbbell weights you have, in ${pounds ? 'lb' : 'kg'}`; };
		paintWeight();
		const equipment = toggleGroup('Equipment', EQUIPMENT, profile.equipment, {
			cls: 'chip-wrap',
			onChange: (k, set) => { if (k === 'dumbbells') weightField.hidden = !set.has('dumbbells'); },
		});
		weightField.hidden = !profile.equipment.includes('dumbbells');

		// The week: run days, the long run (one day or none), strength days (auto or days).
		const runs = toggleGroup('Run days', DAYS, profile.run_days);
		const longRun = toggleGroup('Long run', [...DAYS, ['none', 'None', 'No long run']], [profile.long_run_day || 'none'], {
			multi: false,
			onChange: (k) => { if (k !== 'none' && !runs.value().includes(k)) runs.set([...runs.value(), k]); },
		});
		const strength = toggleGroup('Strength days', [...DAYS, ['auto', 'Auto', 'Auto: let hipcoach choose']],
			profile.strength_days.length ? profile.strength_days : ['auto'], {
				onChange: (k, set) => {
					if (k === 'auto') strength.set(['auto']);
					else if (set.size === 0) strength.set(['auto']);
					else if (set.has('auto')) strength.set([...set].filter((x) => x !== 'auto'));
				},
			});

		// Units: the weights field follows the weight unit.
		const dist = toggleGroup('Distance', [['km', 'km', 'Kilometres'], ['mi', 'mi', 'Miles']], [profile.units.distance], { multi: false, cls: 'segs' });
		const kgs = () => weights.value.split(/[\s,]+/).filter(Boolean).map(Number);
		const weight = toggleGroup('Weight', [['kg', 'kg', 'Kilograms'], ['lb', 'lb', 'Pounds']], [profile.units.weight], {
			multi: false, cls: 'segs',
			onChange: (k) => {
				const now = k === 'lb';
				if (now === pounds) return;
				const vals = kgs();
				if (vals.every((x) => Number.isFinite(x) && x > 0)) {
					weights.value = vals.map((x) => String(now ? Math.round(x * LB) : Math.round(x / LB * 10) / 10)).join(', ');
				}
				pounds = now;
				weights.placeholder = pounds ? '10, 15, 20' : '4, 6, 8';
				paintWeight();
			},
		});

		const name = h('input', { type: 'text', id: 'profile-name', autocomplete: 'given-name', value: profile.name || '', maxlength: 80 });
		const problem = h('p', { class: 'sheet-problem', role: 'alert' });
		problem.hidden = true;
		const fail = (text) => { problem.textContent = text; problem.hidden = false; problem.scrollIntoView({ block: 'nearest' }); };

		const save = h('button', { type: 'button', class: 'btn-primary', onclick: async () => {
			const eq = equipment.value();
			const out = {
				level, equipment: eq, run_days: runs.value(),
				long_run_day: longRun.value()[0] === 'none' ? null : longRun.value()[0],
				strength_days: strength.value().filter((x) => x !== 'auto'),
				units: { distance: dist.value()[0], weight: weight.value()[0] },
				name: name.value.trim() || null,
			};
			if (eq.includes('dumbbells')) {
				const vals = kgs();
				if (!vals.every((x) => Number.isFinite(x) && x > 0)) { fail(`Write the weights as numbers, like ${pounds ? '10, 15, 20' : '4, 6, 8'}.`); weights.focus(); return; }
				out.dumbbells_kg = vals.map((x) => (pounds ? Math.round(x / LB * 10) / 10 : x));
			}
			save.disabled = true;
			try {
				const p = await api('/api/profile', { body: out });
				saved(p);
			} catch (e) {
				fail(e.message);
			} finally { save.disabled = false; }
		} }, submit);

		body.append(
			h('h3', { id: 'grp-level' }, 'Level'), levels,
			equipment.heading, equipment.el, weightField,
			runs.heading, runs.el, longRun.heading, longRun.el, strength.heading, strength.el,
			h('p', { class: 'muted small' }, 'Strength works best twice a week with a day of rest between; Auto fits it around your runs.'),
			h('h3', {}, 'Units'), h('div', { class: 'grid2' },
				h('div', { class: 'field' }, dist.heading, dist.el), h('div', { class: 'field' }, weight.heading, weight.el)),
			h('label', { class: 'field', for: 'profile-name' }, 'Your name (for the handout)', name),
			problem,
			h('div', { class: 'sheet-actions' }, cancel ? h('button', { type: 'button', class: 'btn', onclick: cancel }, 'Cancel') : null, save));
		return [...body.childNodes];
	}
}

// ---- the first run: setup, then the safety questions ----

async function viewSetup() {
	setTopDate(null);
	let have = null;
	try { have = await api('/api/profile'); } catch (e) { if (!(e.data && e.data.setup)) throw e; }
	if (have) { go('#today'); return; }
	const start = { level: 'beginner', equipment: ['mat'], dumbbells_kg: [], run_days: [], long_run_day: null, strength_days: [],
		units: { distance: 'km', weight: 'kg' }, name: null };
	$main.append(h('div', { class: 'hero' }, h('h1', {}, 'Welcome to hipcoach'),
		h('p', { class: 'hero-sub' }, 'A few questions fit the program to you: how hard to start, what you have at home, and when you run. You can change any of it later.')));
	const form = h('section', { class: 'card setup-card' });
	form.append(...profileForm(start, { submit: 'Save and go on', saved: () => { toast('Saved. Now the safety questions.'); go('#check'); } }));
	$main.append(form);
	fitDock();
}

async function viewCheck() {
	const [questions, today] = await Promise.all([api('/api/check'), api('/api/today').catch(() => null)]);
	if (today) setTopDate(today.date);
	$main.append(h('div', { class: 'hero' }, h('h1', {}, 'Safety questions'),
		h('p', { class: 'hero-sub' }, 'A few yes/no questions to check that exercise is the right path for your hip. Each answer counts on its own: answers are never added up into a score.')));
	if (today && today.screening_because) {
		$main.append(h('section', { class: 'advice' }, h('h2', {}, 'Why again'), h('p', {}, `${today.screening_because[0].toUpperCase()}${today.screening_because.slice(1)}.`)));
	}
	if (questions.some((q) => q.history && !q.asked))
		$main.append(h('p', { class: 'muted small' }, 'The questions about your history are not asked again: a clinician has cleared you.'));
	const answers = new Map();
	const list = h('ol', { class: 'questions' });
	const submit = mainAction('Save my answers', () => save());
	const rows = [];
	const shown = (q) => q.asked && (!q.after_no_to || answers.get(q.after_no_to) === false);
	const paint = () => {
		let n = 0;
		for (const { q, li, num } of rows) {
			li.hidden = !shown(q);
			if (!li.hidden) num.textContent = `${++n}.`;
		}
		const missing = questions.filter((q) => shown(q) && !answers.has(q.id)).length;
		submit.disabled = missing > 0;
		submit.textContent = missing ? `${missing} still to answer` : 'Save my answers';
	};
	for (const q of questions) {
		const num = h('span', { class: 'q-num' });
		const id = 'q-' + q.id;
		const yes = h('button', { type: 'button', class: 'seg', 'aria-pressed': 'false', 'data-answer': 'yes' }, 'Yes');
		const no = h('button', { type: 'button', class: 'seg', 'aria-pressed': 'false', 'data-answer': 'no' }, 'No');
		const pick = (v) => {
			answers.set(q.id, v);
			yes.setAttribute('aria-pressed', v ? 'true' : 'false');
			no.setAttribute('aria-pressed', v ? 'false' : 'true');
			paint();
		};
		yes.addEventListener('click', () => pick(true));
		no.addEventListener('click', () => pick(false));
		const li = h('li', { class: 'question', 'data-id': q.id },
			h('p', { id }, num, ' ', q.text),
			h('div', { class: 'segs yn', role: 'group', 'aria-labelledby': id }, no, yes));
		rows.push({ q, li, num });
		list.append(li);
	}
	$main.append(card(null, list), h('div', { class: 'main-action' }, submit));
	paint();
	fitDock();

	async function save() {
		const body = {};
		for (const q of questions) if (shown(q)) body[q.id] = answers.get(q.id);
		submit.disabled = true;
		try {
			const r = await api('/api/check', { body: { answers: body } });
			showOutcome(r);
		} catch (e) { toast(e.message); submit.disabled = false; }
	}
}

// What a round means, as the terminal prints it after `hipcoach check`.
function showOutcome(r) {
	clear($main);
	$main.append(h('div', { class: 'hero' }, h('h1', {}, r.advice.length ? 'Your answers' : 'Thank you')));
	if (!r.advice.length) {
		$main.append(card(null, h('p', {}, 'Nothing in your answers stands in the way of the program.'),
			h('p', { class: 'muted' }, 'If anything changes (pain at night, a fever, pain that spreads or gets suddenly worse), answer the safety questions again: Program, then Safety questions.')));
	}
	for (const a of r.advice) {
		$main.append(adviceCard(a, a.blocks || ['urgent-care', 'bone-stress', 'see-doctor-soon'].includes(a.code)));
	}
	if (r.blocked) $main.append(clearanceCard());
	$main.append(h('div', { class: 'main-action' }, mainAction('Go to Today', () => { go('#today'); })));
	window.scrollTo(0, 0);
	fitDock();
}

async function exerciseSheet(id) {
	let ex;
	try { ex = await api('/api/exercises/' + encodeURIComponent(id)); } catch (e) { toast(e.message); return; }
	openSheet(ex.name, (body, close) => {
		body.append(h('img', { class: 'sheet-fig', src: `/api/figure/${encodeURIComponent(ex.id)}.svg`, alt: `Drawing: ${ex.name}` }));
		if (ex.dose) body.append(h('p', { class: 'dose' }, doseWords(ex.dose.dose_text)));
		body.append(h('p', {}, ex.why));
		body.append(h('h3', {}, 'How'), h('ol', { class: 'steps' }, ex.steps.map((t) => h('li', {}, t))));
		if (ex.cues.length) body.append(h('h3', {}, 'Think about'), h('ul', {}, ex.cues.map((t) => h('li', {}, t))));
		if (ex.target_details.length) body.append(h('h3', {}, 'Works'), h('ul', {}, ex.target_details.map((t) => h('li', {}, t.gloss ? `${t.muscle} — ${t.gloss}` : t.muscle))));
		if (ex.cautions.length) body.append(h('h3', {}, 'Take care'), h('ul', { class: 'cautions' }, ex.cautions.map((c) => h('li', {}, c.text))));
		body.append(h('div', { class: 'sheet-actions' }, h('button', { type: 'button', class: 'btn-primary', onclick: close }, 'Close')));
	});
}

// "How to do it" in a session: the steps and cues of the exercise on screen.
function howSheet(cur) {
	if (!cur || !cur.name) return;
	openSheet(cur.name, (body, close) => {
		if (cur.dose) body.append(h('p', { class: 'dose' }, cur.dose));
		if (cur.steps && cur.steps.length) body.append(h('h3', {}, 'How'), h('ol', { class: 'steps' }, cur.steps.map((t) => h('li', {}, t))));
		if (cur.form_cues && cur.form_cues.length) body.append(h('h3', {}, 'Think about'), h('ul', {}, cur.form_cues.map((t) => h('li', {}, t))));
		if (cur.caution) body.append(h('h3', {}, 'Take care'), h('ul', { class: 'cautions' }, h('li', {}, cur.caution)));
		body.append(h('div', { class: 'sheet-actions' }, h('button', { type: 'button', class: 'btn-primary', onclick: close }, 'Close')));
	});
}

// A dose in the coach's words (a prescription's dose_text), a number never parted from its unit.
function doseWords(text) {
	return (text || '').replace(/(\d) (kg|lb|s)\b/g, '$1\u00a0$2');
}

// ---- start ----

window.addEventListener('hashchange', route);
document.addEventListener('click', () => sound.unlock(), { once: true, capture: true });
// The app's own files stay on the phone, so the page opens again without the computer (where the
// browser allows a service worker: on this computer, or over HTTPS).
if ('serviceWorker' in navigator && window.isSecureContext) navigator.serviceWorker.register('/sw.js').catch(() => {});
(async () => {
	// Who is in: the runner of `hipcoach ui`, or on a clinic's server a patient or a therapist (who
	// has pages of their own), or nobody yet (log in).
	try {
		const me = await api('/api/me');
		if (me && me.role === 'therapist') { location.href = '/clinic.html'; return; }
		clinicMode = !!(me && me.role === 'patient');
	} catch (e) {
		if (e.status === 401) { viewLogin(); return; }
	}
	// Steps kept on this phone while the computer was out of reach go first.
	if (off.pending()) { offlineBar(!clinicMode); await off.flush(); }
	// Reloading the page in the middle of a session goes straight back to it.
	if (!location.hash || location.hash === '#today') {
		try {
			const v = await api('/api/session');
			if (v.active) { go('#session'); return; }
		} catch { /* Today shows the error */ }
	}
	route();
})();
