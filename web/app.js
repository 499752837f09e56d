// hipcoach's web app: four places (Today, Session, Progress, Program) over the JSON API; the session is played by the server.
// Every piece of text from the server goes into the page with textContent, never as markup.

const $main = document.getElementById('main');
const $tabbar = document.getElementById('tabbar');
const $topbar = document.getElementById('topbar');
const $toast = document.getElementById('toast');
const SVGNS = 'http://www.w3.org/2000/svg';
// Drawings a version of an exercise does not have (the exercise's own is shown instead).
const missingFigures = new Set();

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
	const res = await fetch(path, init);
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

// ---- routing ----

const views = { today: viewToday, session: viewSession, progress: viewProgress, program: viewProgram };
let current = '';
let leaveView = null;

function route() {
	const name = (location.hash || '#today').slice(1).split('/')[0];
	const view = views[name] ? name : 'today';
	if (leaveView) { leaveView(); leaveView = null; }
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
		$main.append(card('Welcome to hipcoach',
			h('p', {}, 'First, a few questions fit the program to you. In the terminal, run:'),
			h('pre', { class: 'cmd' }, 'hipcoach setup'),
			h('p', { class: 'muted' }, 'Then reload this page.')));
		return;
	}
	$main.append(card('Something went wrong', h('p', {}, err && err.message ? err.message : String(err)),
		h('button', { type: 'button', class: 'btn', onclick: route }, 'Try again')));
}

function bottomAction(label, onclick, opts = {}) {
	return h('div', { class: 'dock' }, h('button', {
		type: 'button', class: 'btn-primary' + (opts.danger ? ' danger' : ''),
		onclick, disabled: opts.disabled || null, 'aria-label': opts.aria || label,
	}, label));
}

// ---- Today ----

async function viewToday() {
	const [today, live] = await Promise.all([api('/api/today'), api('/api/session').catch(() => ({ active: false }))]);
	document.getElementById('topbar-date').textContent = today.day;

	const frag = [];
	const hello = today.name ? `Hi ${today.name}` : 'Today';
	frag.push(h('div', { class: 'hero' },
		h('h1', {}, hello),
		h('p', { class: 'hero-sub' }, `Week ${today.week} · ${today.week_done} of ${today.week_planned} sessions done this week`),
		h('div', { class: 'chips' },
			h('span', { class: 'chip chip-flame', 'aria-label': `Streak: ${today.streak} days` }, icon('flame', 'icon-sm'),
				today.streak === 0 ? 'Start a streak today' : today.streak === 1 ? '1 day streak' : `${today.streak} day streak`),
			h('span', { class: 'chip' }, today.level))));

	const advice = today.advice || [];
	const urgent = advice.filter((a) => a.blocks || ['urgent-care', 'bone-stress', 'see-doctor-soon', 'see-specialist', 'see-pt'].includes(a.code));
	const blocked = today.blocked || advice.some((a) => a.blocks);
	for (const a of urgent) {
		frag.push(h('section', { class: 'advice urgent', role: 'alert' },
			h('h2', {}, adviceTitle(a.code)), h('p', {}, a.message),
			a.source ? h('p', { class: 'source' }, a.source) : null));
	}
	for (const a of advice.filter((x) => !urgent.includes(x)).slice(0, 2)) {
		frag.push(h('section', { class: 'advice' }, h('h2', {}, adviceTitle(a.code)), h('p', {}, a.message)));
	}

	if (today.paused) frag.push(h('section', { class: 'advice urgent', role: 'status' }, h('h2', {}, 'Paused'), h('p', {}, today.paused_reason)));

	let primary = null;
	const list = h('div', { class: 'sessions' });
	for (const ses of today.sessions) {
		if (!ses.planned && !ses.done && !ses.resumable) continue;
		const state = ses.done ? 'done' : ses.resumable ? 'resume' : 'due';
		if (!primary && state !== 'done' && !(live.active)) primary = ses;
		const meta = ses.planned ? `${ses.items} ${ses.kind === 'strength' ? 'moves' : 'stretches'} · about ${ses.minutes} min` +
			(ses.sets ? ` · ${ses.sets} × ${ses.reps_min}–${ses.reps_max}` : '') : 'extra session';
		list.append(h('button', {
			type: 'button', class: 'session-card ' + state, disabled: blocked || null,
			'aria-label': `${kindLabel(ses.kind)}, ${meta}, ${state === 'done' ? 'done at ' + ses.done_at : state === 'resume' ? 'resume where you left off' : 'start'}`,
			onclick: () => beginSession(ses.kind, ses.resumable),
		},
		h('span', { class: 'session-kind' }, kindLabel(ses.kind)),
		h('span', { class: 'session-meta' }, meta),
		h('span', { class: 'session-state' }, state === 'done' ? [icon('check', 'icon-sm'), ` Done ${ses.done_at || ''}`] : state === 'resume' ? 'Resume' : 'Start')));
	}
	if (!today.paused && !today.sessions.find((x) => x.kind === 'strength' && x.planned))
		list.append(h('p', { class: 'muted small' }, 'No strength today: rest is part of the program.'));
	frag.push(card('Today', list));
	const going = howItsGoing(today);
	if (going) frag.push(going);

	let picked = null;
	const logBtn = h('button', { type: 'button', class: 'btn', disabled: true, onclick: async () => {
		try {
			const r = await api('/api/pain', { body: { score: picked, context: 'now' } });
			toast(`Saved: pain ${picked}/10`);
			if (r.screening) toast('Please answer the safety questions again: hipcoach check');
			route();
		} catch (e) { toast(e.message); }
	} }, 'Save');
	frag.push(card('How does your hip feel right now?',
		painScale('Hip pain now', (v) => { picked = v; logBtn.disabled = false; }),
		h('div', { class: 'row-end' }, logBtn)));

	$main.append(...frag);
	if (live.active) {
		$main.append(bottomAction(`Back to your ${live.kind === 'strength' ? 'strength session' : 'stretches'}`, () => { location.hash = '#session'; }));
	} else if (primary && !blocked) {
		$main.append(bottomAction(`${primary.resumable ? 'Resume' : 'Start'} ${primary.kind === 'strength' ? 'strength' : 'stretches'}`,
			() => beginSession(primary.kind, primary.resumable)));
	} else if (!blocked) {
		$main.append(bottomAction('Stretch anyway', () => beginSession('stretch', false)));
	}
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

function howItsGoing(today) {
	const rows = [];
	if (today.pain) {
		const p = today.pain;
		rows.push(h('p', {}, h('strong', {}, 'Pain '),
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
		live.view = v;
		live.seq = v.seq;
		live.t0 = performance.now();
		location.hash = '#session';
		if (current === 'session') route();
	} catch (e) {
		if (e.data && e.data.advice) {
			openSheet('Guided sessions are paused', (body, close) => {
				for (const a of e.data.advice) body.append(h('p', {}, a.message));
				body.append(h('button', { type: 'button', class: 'btn-primary', onclick: close }, 'I understand'));
			});
		} else if (e.data && e.data.rest) {
			// Pain of 8 or more today: the server says no strength work, and why.
			const r = e.data.rest;
			openSheet(r.title, (body, close) => {
				body.append(h('p', {}, r.text),
					h('div', { class: 'sheet-actions' },
						h('button', { type: 'button', class: 'btn', onclick: () => { close(); toast('Rest the hip today, then.'); } }, 'Rest today'),
						h('button', { type: 'button', class: 'btn-primary', onclick: () => { close(); startSession(r.instead, pain, false); } }, 'Do the stretches')));
			});
		} else toast(e.message);
	}
}

async function viewSession() {
	let v = live.view;
	try { v = await api('/api/session?since=' + (live.seq >= 0 ? live.seq : -1)); } catch (e) { if (!v) throw e; }
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
	e.top = h('div', { class: 'sess-top' },
		h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Quit and save', onclick: confirmQuit }, icon('close')),
		e.where, e.soundBtn);
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
	e.steps = h('ol', { class: 'sess-steps' });
	e.details = h('details', { class: 'sess-details' }, h('summary', {}, 'How to do it'), e.steps);
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
		e.timer, e.cue, e.next, e.details,
		h('div', { class: 'dock session-dock' }, e.controls, e.primary));
	e.screen = screen;
	$main.append(screen);
	live.els = e;
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
				if (src === plain) return;
				missingFigures.add(src);
				e.fig.setAttribute('src', plain);
			};
			e.fig.setAttribute('src', src);
		}
		e.fig.alt = cur.name ? `Drawing: ${cur.name}` : '';
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
			e.steps.replaceChildren(...(cur.steps || []).map((t) => h('li', {}, t)));
			if (!first && !v.cues.some((c) => c.kind === 'start')) sound.beep(880);
		}
		e.details.hidden = !(cur.steps && cur.steps.length);
		e.cue.textContent = v.cue || (cur.form_cues && cur.form_cues[0]) || '';
		const nx = v.next;
		e.next.textContent = nx && nx.name && (cur.type !== 'ready' && cur.type !== 'rest' || nx.name !== cur.name) ? `Next: ${nx.name}${nx.side_label ? ' · ' + nx.side_label : ''}` : '';
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
	live.polling = true;
	try {
		const v = await api('/api/session?since=' + live.seq);
		if (current === 'session') applyView(v, false);
	} catch (e) {
		if (e.status === 401) { location.reload(); return; }
		schedule();
	} finally { live.polling = false; }
}

async function send(event, extra) {
	sound.unlock();
	try {
		const body = Object.assign({ event, since: live.seq }, extra || {});
		if (body.step === undefined && live.view && live.view.active && event !== 'quit' && event !== 'checkin' && event !== 'finish') body.step = live.view.step;
		const v = await api('/api/session/event', { body });
		applyView(v, false);
		return v;
	} catch (e) {
		if (e.status === 409 && live.view && live.view.checkin) showCheckin(live.view);
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
					if (v) { toast(v.skipped ? 'Nothing was done, so it is recorded as skipped.' : 'Saved. Resume it from Today.'); location.hash = '#today'; }
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
		h('p', { class: 'muted' }, v.message ? v.message.text : '')),
	bottomAction('Back to Today', () => { location.hash = '#today'; }));
	sound.say('Session complete. Well done.', true);
	live.view = null;
	live.seq = -1;
}

// ---- sheets: check-ins and questions ----

function openSheet(title, build, opts = {}) {
	closeSheet();
	const body = h('div', { class: 'sheet-body' });
	const sheet = h('div', { class: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
		h('h2', { class: 'sheet-title' }, title), body);
	const backdrop = h('div', { class: 'backdrop' }, sheet);
	const close = () => closeSheet();
	live.sheet = { el: backdrop, checkin: opts.checkin || null };
	build(body, close);
	document.body.append(backdrop);
	const first = sheet.querySelector('button, input, select');
	if (first) first.focus({ preventScroll: true });
}

function closeSheet() {
	if (live.sheet) { live.sheet.el.remove(); live.sheet = null; }
}

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
		// The line comes from the server: up to 5 during strength work, up to 3 on a stretch.
		const stretch = c.kind === 'stretch';
		openSheet('It hurts', (body) => {
			let pain = null;
			body.append(h('p', { class: 'sheet-q' }, `How much does it hurt? (${c.name})`),
				painScale('Pain now', (x) => { pain = x; }),
				h('p', { class: 'muted small' }, stretch
					? `A stretch should never hurt: ease off to a gentle pull. Above ${c.line}, stop this stretch for today.`
					: `Up to ${c.line} is acceptable during strength work if it settles by tomorrow morning. Above ${c.line}, stop this exercise for today.`),
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

function barChart(title, weeks, value, fmt, opts = {}) {
	const W = 340, H = 150, pad = { l: 8, r: 8, t: 24, b: 22 };
	const vals = weeks.map(value);
	const known = vals.filter((x) => x !== null && x !== undefined);
	const max = opts.max || Math.max(1, ...known);
	const bw = (W - pad.l - pad.r) / weeks.length;
	const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': opts.aria || title });
	svg.append(s('line', { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, class: 'axis' }));
	let lastIdx = -1;
	vals.forEach((x, i) => { if (x !== null && x !== undefined) lastIdx = i; });
	vals.forEach((x, i) => {
		const cx = pad.l + i * bw;
		if (x === null || x === undefined) {
			svg.append(s('rect', { x: cx + bw * 0.2, y: H - pad.b - 2, width: bw * 0.6, height: 2, class: 'bar-empty' }));
			return;
		}
		const bh = Math.max(2, (H - pad.t - pad.b) * (x / max));
		svg.append(s('rect', { x: cx + bw * 0.18, y: H - pad.b - bh, width: bw * 0.64, height: bh, rx: 3, class: 'bar' + (i === lastIdx ? ' last' : '') + (opts.cls ? ' ' + opts.cls(x) : '') }));
		if (i === lastIdx) {
			svg.append(s('text', { x: cx + bw / 2, y: H - pad.b - bh - 7, class: 'bar-label', 'text-anchor': 'middle' }, fmt(x)));
		}
	});
	if (weeks.length) {
		svg.append(s('text', { x: pad.l, y: H - 5, class: 'tick' }, shortDate(weeks[0].monday)));
		svg.append(s('text', { x: W - pad.r, y: H - 5, class: 'tick', 'text-anchor': 'end' }, 'this week'));
	}
	const lastVal = lastIdx >= 0 ? fmt(vals[lastIdx]) : '—';
	return h('section', { class: 'card chart-card' },
		h('div', { class: 'chart-head' }, h('h2', { class: 'card-title' }, title), h('span', { class: 'chart-last' }, lastVal)),
		opts.sub ? h('p', { class: 'muted small' }, opts.sub) : null, svg);
}

async function viewProgress() {
	const [prog, today] = await Promise.all([api('/api/progress'), api('/api/today')]);
	document.getElementById('topbar-date').textContent = today.day;
	// From the program's first week; a short record gets empty weeks before it so the bars keep their width.
	const weeks = prog.weeks.slice(-12);
	while (weeks.length < 8) {
		const first = weeks.length ? weeks[0].monday : today.date;
		const [y, m, d] = first.split('-').map(Number);
		const prev = new Date(Date.UTC(y, m - 1, d - 7)).toISOString().slice(0, 10);
		weeks.unshift({ monday: prev, pain_mean: null, pain_max: null, planned: 0, done: 0, distance_m: null });
	}
	$main.append(h('div', { class: 'hero' }, h('h1', {}, 'Progress'), h('p', { class: 'hero-sub' }, `Week ${today.week} of your program`)));
	$main.append(barChart('Pain by week', weeks, (w) => w.pain_mean, (x) => x.toFixed(1) + '/10', {
		max: 10, aria: 'Average pain per week, 0 to 10', sub: 'The average of every pain score you gave', cls: (x) => (x <= 3 ? 'z0' : x <= 5 ? 'z1' : 'z2'),
	}));
	$main.append(barChart('Sessions done', weeks, (w) => (w.planned ? Math.round(100 * w.done / w.planned) : null), (x) => x + '%', {
		max: 100, aria: 'Share of planned sessions done per week', sub: 'Against what the plan asked for',
	}));
	if (prog.runs) {
		const mi = today.miles;
		$main.append(barChart('Weekly distance', weeks, (w) => (w.distance_m === null ? null : w.distance_m / 1000),
			(x) => (mi ? (x / 1.609344).toFixed(0) + ' mi' : x.toFixed(0) + ' km'), { aria: 'Running distance per week' }));
	} else {
		$main.append(card('Weekly distance', h('p', { class: 'muted' }, 'Import your runs (below) to see your running next to your pain.')));
	}
	$main.append(logForms(today));
	$main.append(importCard());
	$main.append(await historyCard());
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
				h('option', { value: '' }, 'Where? (optional)'), h('option', { value: 'outer' }, 'Outer hip'), h('option', { value: 'front' }, 'Front of hip'),
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
			const save = h('button', { type: 'button', class: 'btn-primary', onclick: async () => {
				try {
					await api('/api/sessions', { body: { kind: kind.value, date: date.value } });
					toast('Session saved');
					route();
				} catch (e) { toast(e.message); }
			} }, 'Save session');
			return [h('p', { class: 'muted small' }, 'Did a session without hipcoach? Record it here.'),
				h('div', { class: 'grid2' }, h('label', { class: 'field' }, 'Kind', kind), h('label', { class: 'field' }, 'Date', date)), save];
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

async function historyCard() {
	let hist = null;
	try { hist = await api('/api/history'); } catch { hist = null; }
	const items = hist && Array.isArray(hist.sessions) ? hist.sessions : null;
	if (!items) return card('History', h('p', { class: 'muted' }, 'Your sessions will show here.'));
	const list = h('ul', { class: 'history' });
	for (const it of items.slice(-30).reverse()) {
		const date = it.date || '';
		const kind = it.kind ? kindLabel(it.kind) : it.type || 'Entry';
		const state = it.status === 'unfinished' ? 'unfinished' : 'done';
		list.append(h('li', {}, h('span', { class: 'h-date' }, date ? shortDate(date) : ''), h('span', { class: 'h-kind' }, kind),
			h('span', { class: 'h-state ' + state }, state)));
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
	document.getElementById('topbar-date').textContent = today.day;
	$main.append(h('div', { class: 'hero' }, h('h1', {}, 'Your program'), h('p', { class: 'hero-sub' }, `${plan.level} · strength twice a week, stretches every day`)));

	const week = h('ol', { class: 'week' });
	for (const d of plan.days) {
		const isToday = d.date === today.date;
		week.append(h('li', { class: isToday ? 'today' : '' },
			h('span', { class: 'wk-day' }, weekdayName(d.date).slice(0, 3)),
			h('span', { class: 'wk-date' }, shortDate(d.date)),
			h('span', { class: 'wk-sessions' }, d.sessions.map((x) => h('span', { class: 'pill ' + x.kind }, kindLabel(x.kind))))));
	}
	$main.append(card('This week', week, plan.notes.length ? h('ul', { class: 'notes' }, plan.notes.map((n) => h('li', {}, n))) : null));

	const grid = h('div', { class: 'ex-grid' });
	for (const ex of exercises) {
		grid.append(h('button', { type: 'button', class: 'ex-card', 'aria-label': `${ex.name}: how to do it`, onclick: () => exerciseSheet(ex.id) },
			h('img', { src: `/api/figure/${encodeURIComponent(ex.id)}.svg`, alt: '', loading: 'lazy', width: 320, height: 150 }),
			h('span', { class: 'ex-name' }, ex.name),
			h('span', { class: 'ex-meta' }, `${ex.kind === 'strength' ? 'Strength' : 'Stretch'}${ex.per_side ? ' · each side' : ''}`)));
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
				await api('/api/profile', { body: out });
				close();
				toast('Profile saved');
				route();
			} catch (e) {
				fail(e.message);
			} finally { save.disabled = false; }
		} }, 'Save');

		body.append(
			h('h3', { id: 'grp-level' }, 'Level'), levels,
			equipment.heading, equipment.el, weightField,
			runs.heading, runs.el, longRun.heading, longRun.el, strength.heading, strength.el,
			h('p', { class: 'muted small' }, 'Strength works best twice a week with a day of rest between; Auto fits it around your runs.'),
			h('h3', {}, 'Units'), h('div', { class: 'grid2' },
				h('div', { class: 'field' }, dist.heading, dist.el), h('div', { class: 'field' }, weight.heading, weight.el)),
			h('label', { class: 'field', for: 'profile-name' }, 'Your name (for the handout)', name),
			problem,
			h('div', { class: 'sheet-actions' }, h('button', { type: 'button', class: 'btn', onclick: close }, 'Cancel'), save));
	});
}

async function exerciseSheet(id) {
	let ex;
	try { ex = await api('/api/exercises/' + encodeURIComponent(id)); } catch (e) { toast(e.message); return; }
	openSheet(ex.name, (body, close) => {
		body.append(h('img', { class: 'sheet-fig', src: `/api/figure/${encodeURIComponent(ex.id)}.svg`, alt: `Drawing: ${ex.name}` }));
		if (ex.dose) body.append(h('p', { class: 'dose' }, doseText(ex.dose)));
		body.append(h('p', {}, ex.why));
		body.append(h('h3', {}, 'How'), h('ol', { class: 'steps' }, ex.steps.map((t) => h('li', {}, t))));
		if (ex.cues.length) body.append(h('h3', {}, 'Think about'), h('ul', {}, ex.cues.map((t) => h('li', {}, t))));
		if (ex.target_details.length) body.append(h('h3', {}, 'Works'), h('ul', {}, ex.target_details.map((t) => h('li', {}, t.gloss ? `${t.muscle} — ${t.gloss}` : t.muscle))));
		if (ex.cautions.length) body.append(h('h3', {}, 'Take care'), h('ul', { class: 'cautions' }, ex.cautions.map((c) => h('li', {}, c.text))));
		body.append(h('div', { class: 'sheet-actions' }, h('button', { type: 'button', class: 'btn-primary', onclick: close }, 'Close')));
	});
}

function doseText(d) {
	const side = d.per_side ? ' each side' : '';
	if (d.reps_max) return `${d.sets} ${d.sets === 1 ? 'set' : 'sets'} × ${d.reps_min}–${d.reps_max}${side}` + (d.load_kg ? ` · ${d.load_kg} kg` : '');
	if (d.hold_s) return `hold ${d.hold_s} s${side}`;
	return '';
}

// ---- start ----

window.addEventListener('hashchange', route);
document.addEventListener('click', () => sound.unlock(), { once: true, capture: true });
(async () => {
	// Reloading the page in the middle of a session goes straight back to it.
	if (!location.hash || location.hash === '#today') {
		try {
			const v = await api('/api/session');
			if (v.active) { location.hash = '#session'; return; }
		} catch { /* Today shows the error */ }
	}
	route();
})();
