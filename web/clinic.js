// hipcoach's pages for a clinic, over the clinic server's API (docs/clinic-api.md): the therapist's
// login and set-password link, their patients (most urgent first), a new patient with the invite to
// hand over, and each patient's record and program; and the patient's invite, claimed on a phone,
// which leads on to the runner's app at /. Every piece of text from the server goes into the page
// with textContent, never as markup.

const $main = document.getElementById('main');
const $who = document.getElementById('who');
const $toast = document.getElementById('toast');
const SVGNS = 'http://www.w3.org/2000/svg';

// ---- small helpers (the runner's app has the same ones, web/app.js) ----

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
	const init = { credentials: 'same-origin', headers: {}, method: opts.method || (opts.body !== undefined ? 'POST' : 'GET') };
	if (opts.body !== undefined) {
		init.body = JSON.stringify(opts.body);
		init.headers['Content-Type'] = 'application/json';
	}
	let res;
	try {
		res = await fetch(path, init);
	} catch {
		const err = new Error('No connection to the clinic’s server. Check the network, then try again.');
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

function card(title, ...children) {
	return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, ...children);
}

// Dates in the reader's own language and order; the server's dates are calendar days (YYYY-MM-DD).
function dayOf(iso) {
	const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
}
const longDate = (iso) => dayOf(iso).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const shortDate = (iso) => dayOf(iso).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonth = (iso) => dayOf(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
// A recent day as the reader says it: today, yesterday, else its date (the reader's calendar).
function recentDay(iso) {
	const now = new Date();
	const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
	const days = Math.round((today - dayOf(iso).getTime()) / 86400000);
	if (days === 0) return 'Today';
	if (days === 1) return 'Yesterday';
	return shortDate(iso);
}
// A moment (an ISO time with its zone), in the reader's time zone.
const moment = (iso) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });
const kindLabel = (k) => (k === 'strength' ? 'Strength' : 'Stretches');
const LB = 2.2046226;

function doseText(d, pounds) {
	const side = d.per_side ? ' each side' : '';
	const load = d.load_kg ? ` · ${pounds ? Math.round(d.load_kg * LB) + '\u00a0lb' : d.load_kg + '\u00a0kg'}` : '';
	if (d.reps_max) return `${d.sets} ${d.sets === 1 ? 'set' : 'sets'} × ${d.reps_min}–${d.reps_max}${side}${load}`;
	if (d.hold_s) return `${d.sets && d.sets > 1 ? d.sets + ' × ' : ''}hold ${d.hold_s} s${side}`;
	return '';
}

function fmtDist(m, miles) {
	return miles ? (m / 1609.344).toFixed(1) + '\u00a0mi' : (m / 1000).toFixed(1) + '\u00a0km';
}

function fmtDuration(sec) {
	if (sec === null || sec === undefined) return '—';
	sec = Math.round(sec);
	const hh = Math.floor(sec / 3600), mm = Math.floor(sec / 60) % 60, ss = sec % 60;
	return hh ? `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}` : `${mm}:${String(ss).padStart(2, '0')}`;
}

// ---- what needs the therapist: the list's attention codes in plain words, most urgent first ----

const ATTENTION = {
	'red-flag': { label: 'Red flag answered', text: 'A safety answer pauses guided sessions until a clinician has seen them', cls: 'att-red' },
	escalation: { label: 'See a clinician', text: 'The pain rules say a clinician should see them', cls: 'att-escalate' },
	'pain-rising': { label: 'Pain rising', text: 'Weekly pain is going up', cls: 'att-rising' },
	'not-doing': { label: 'Not doing the program', text: 'Below the program’s adherence over the last two weeks', cls: 'att-adherence' },
	'silent-7d': { label: 'Nothing logged for 7 days', text: 'No pain score, session or run in a week', cls: 'att-silent' },
};

function attentionChip(code, long) {
	const a = ATTENTION[code] || { label: code, text: '', cls: 'att-silent' };
	return h('span', { class: 'att ' + a.cls, title: a.text || null }, h('span', { class: 'att-dot', 'aria-hidden': 'true' }), long && a.text ? `${a.label}: ${a.text.charAt(0).toLowerCase()}${a.text.slice(1)}` : a.label);
}

const TREND = {
	rising: { text: 'Rising', cls: 'trend-up', arrow: '↑' },
	steady: { text: 'Steady', cls: 'trend-flat', arrow: '→' },
	falling: { text: 'Falling', cls: 'trend-down', arrow: '↓' },
};

function trendText(t) {
	const x = TREND[t];
	if (!x) return h('span', { class: 'muted' }, 'too early to tell');
	return h('span', { class: 'trend ' + x.cls }, h('span', { 'aria-hidden': 'true' }, x.arrow + ' '), x.text);
}

function pctBar(label, pct) {
	const known = pct !== null && pct !== undefined;
	const fill = h('span', { class: 'pct-fill' + (known && pct < 50 ? ' low' : '') });
	if (known) fill.style.width = Math.max(0, Math.min(100, pct)) + '%';
	return h('div', { class: 'pct', role: 'img', 'aria-label': known ? `${label}: ${pct}% done` : `${label}: nothing planned yet` },
		h('span', { class: 'pct-label' }, label), h('span', { class: 'pct-track' }, fill),
		h('span', { class: 'pct-num' }, known ? pct + '%' : '—'));
}

// The coach's advice is written to the runner and names the terminal's commands; here each is
// named as the therapist meets it. The words stay the coach's.
const COMMAND_PLACES = [
	[/^hipcoach report$/, 'the report for the physical therapist'],
	[/^hipcoach check --cleared-by-clinician$/, 'a clinician’s clearance (on this page)'],
	[/^hipcoach check$/, 'the safety questions (in their app)'],
	[/^hipcoach status$/, 'each exercise’s standing'],
	[/^hipcoach plan$/, 'the plan'],
	[/^hipcoach log pain N --when morning$/, 'a morning pain score (in their app)'],
	[/^hipcoach setup\b/, 'the program (on this page)'],
];
const COMMAND_RE = /'(hipcoach [^']+)'|(hipcoach check --cleared-by-clinician)/g;
function coachText(text) {
	return String(text || '').replace(COMMAND_RE, (all, quoted, bare) => {
		const cmd = (quoted || bare).replace(/\s+/g, ' ');
		const place = COMMAND_PLACES.find(([re]) => re.test(cmd));
		return place ? place[1] : cmd;
	});
}

const URGENT = ['urgent-care', 'bone-stress', 'see-doctor-soon', 'see-specialist', 'see-pt'];
function adviceTitle(code) {
	return ({
		'urgent-care': 'Get care today', 'bone-stress': 'Stop running: see a clinician within days',
		'see-doctor-soon': 'See a doctor soon', 'see-specialist': 'See a specialist', 'see-pt': 'See a physical therapist',
		'step-back': 'Do less for now', 'ease-off': 'Ease off the stretches', 'scale-back-running': 'Run less for now', caution: 'Take more care',
		progress: 'Ready for more', 'under-care': 'Under a clinician’s care', 'on-track': 'On track',
	})[code] || 'Advice';
}

function adviceCard(a) {
	const urgent = a.blocks || URGENT.includes(a.code);
	return h('section', { class: 'advice' + (urgent ? ' urgent' : '') },
		h('h3', {}, adviceTitle(a.code)), h('p', {}, coachText(a.message)),
		a.source ? h('p', { class: 'source' }, a.source) : null);
}

// ---- the sheet: a dialog over the page (a sheet from the bottom on a phone) ----

let sheet = null;
function openSheet(title, build) {
	closeSheet();
	const body = h('div', { class: 'sheet-body' });
	const titleId = 'sheet-title';
	const box = h('div', { class: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
		h('div', { class: 'sheet-head' }, h('h2', { class: 'sheet-title', id: titleId }, title),
			h('button', { type: 'button', class: 'icon-btn sheet-x', 'aria-label': 'Close', onclick: () => closeSheet() }, icon('close'))),
		body);
	const backdrop = h('div', { class: 'backdrop' }, box);
	backdrop.addEventListener('click', (e) => { if (e.target === backdrop) closeSheet(); });
	sheet = { el: backdrop, opener: document.activeElement };
	build(body, closeSheet);
	document.body.append(backdrop);
	document.body.classList.add('has-sheet');
	const first = body.querySelector('input, select, textarea, button');
	if (first) first.focus({ preventScroll: true });
}

function closeSheet() {
	if (!sheet) return;
	const sh = sheet;
	sheet = null;
	sh.el.remove();
	document.body.classList.remove('has-sheet');
	if (sh.opener && sh.opener.isConnected) sh.opener.focus({ preventScroll: true });
}
document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && sheet) { e.preventDefault(); closeSheet(); } });

// A form's problem, said where the form is, and read out.
function problemLine() {
	const p = h('p', { class: 'form-problem', role: 'alert' });
	p.hidden = true;
	// Said until the form is changed: an answer to it that is no longer true goes.
	queueMicrotask(() => { const f = p.closest('form, .sheet, .card'); if (f) f.addEventListener('input', () => { p.hidden = true; }); });
	return {
		el: p,
		say(text) { p.textContent = text; p.hidden = false; },
		clear() { p.hidden = true; p.textContent = ''; },
	};
}

function field(label, input, hint) {
	const id = input.id || ('f-' + Math.random().toString(36).slice(2, 9));
	input.id = id;
	return h('label', { class: 'field', for: id }, label, input, hint ? h('span', { class: 'field-hint' }, hint) : null);
}

// ---- routing ----
//
// Pages by the address's hash: #patients, #new, #patient/ID; #login, #password=TOKEN (the
// therapist's one-time link) and #invite=CODE (the patient's invite, also /invite.html#CODE).
// The secrets after # never reach the server's logs: the page sends them in a request's body.

let me = null;

function parseHash() {
	const raw = location.hash.slice(1);
	if (/\/invite\.html$/.test(location.pathname)) return { page: 'invite', arg: decodeURIComponent(raw.replace(/^invite=/, '')) };
	const eq = raw.indexOf('=');
	if (eq > 0) return { page: raw.slice(0, eq), arg: decodeURIComponent(raw.slice(eq + 1)) };
	const [page, arg] = raw.split('/');
	return { page: page || 'patients', arg: arg ? decodeURIComponent(arg) : null };
}

function go(hash) {
	if (location.hash === hash) route();
	else location.hash = hash;
}

async function route() {
	closeSheet();
	const { page, arg } = parseHash();
	document.body.dataset.page = page;
	// The invite is a patient's page, on a phone: narrow, and without the therapist's way back.
	document.body.classList.toggle('phone-page', page === 'invite');
	document.getElementById('brand').setAttribute('href', '#patients');
	window.scrollTo(0, 0);
	try {
		if (page === 'invite') return await viewInvite(arg);
		if (page === 'password') return await viewPassword(arg);
		if (!me) {
			try { me = await api('/api/me'); } catch (e) {
				// `hipcoach ui` serves this file too, for one runner and without logins.
				if (e.status === 404) { clear(); $main.append(card('For a clinic’s server', h('p', {}, 'These pages are for a clinic’s physical therapists (hipcoach clinic serve). This computer’s hipcoach is for one runner.'), h('a', { class: 'btn-primary', href: '/' }, 'Open the app'))); return; }
				if (e.status !== 401) throw e;
			}
		}
		if (!me || page === 'login') return viewLogin();
		if (me.role !== 'therapist') { location.replace('/'); return; }
		paintWho();
		if (page === 'new') return await viewNew();
		if (page === 'patient' && arg) return await viewPatient(arg);
		return await viewPatients();
	} catch (e) {
		showError(e);
	}
}

function showError(err) {
	if (err && err.status === 401) { me = null; viewLogin(); return; }
	clear();
	$main.append(card(err && err.offline ? 'No connection' : err && err.status === 404 ? 'Not found' : 'Something went wrong',
		h('p', {}, err && err.status === 404 ? 'This page is not there, or not one of your clinic’s.' : err && err.message ? err.message : String(err)),
		h('div', { class: 'row wrap' }, h('button', { type: 'button', class: 'btn', onclick: route }, 'Try again'),
			me ? h('a', { class: 'btn', href: '#patients' }, 'Your patients') : null)));
}

function clear() {
	while ($main.firstChild) $main.firstChild.remove();
}

function paintWho() {
	document.getElementById('brand-clinic').textContent = me && me.clinic ? me.clinic : '';
	$who.replaceChildren();
	if (!me) return;
	$who.append(h('span', { class: 'who-name' }, me.name || me.email || ''),
		h('button', { type: 'button', class: 'btn btn-quiet', onclick: logout }, 'Log out'));
}

async function logout() {
	try { await api('/api/logout', { body: {} }); } catch { /* the cookie is gone either way */ }
	me = null;
	paintWho();
	go('#login');
}

// ---- logging in ----

function viewLogin() {
	clear();
	paintWho();
	document.body.dataset.page = 'login';
	const email = h('input', { type: 'email', autocomplete: 'username', required: true, maxlength: 254, inputmode: 'email' });
	const password = h('input', { type: 'password', autocomplete: 'current-password', required: true, maxlength: 256 });
	const problem = problemLine();
	const submit = h('button', { type: 'submit', class: 'btn-primary wide' }, 'Log in');
	const form = h('form', { class: 'stack', novalidate: true }, field('Email', email), field('Password', password), problem.el, submit);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		problem.clear();
		if (!email.value.trim() || !password.value) { problem.say('Enter your email and your password.'); return; }
		submit.disabled = true;
		try {
			me = await api('/api/login', { body: { email: email.value.trim(), password: password.value } });
			arrive();
		} catch (err) {
			problem.say(err.status === 429 ? `Too many attempts. Try again in ${Math.ceil(((err.data && err.data.retry_after_s) || 900) / 60)} minutes.`
				: err.status === 401 ? 'That email and password do not match a login.' : err.message);
		} finally { submit.disabled = false; }
	});
	$main.append(h('div', { class: 'narrow' },
		h('div', { class: 'hero' }, h('h1', {}, 'Log in'), h('p', { class: 'hero-sub' }, 'For the clinic’s physical therapists, and for their patients.')),
		card(null, form),
		h('p', { class: 'center' }, h('a', { href: '#invite=' }, 'I have an invite code'))));
	email.focus();
}

// Where a login leads: a therapist to their patients, a patient to their own app.
function arrive() {
	if (me.role === 'therapist') {
		history.replaceState(null, '', location.pathname + '#patients');
		route();
	} else location.replace('/');
}

function newPasswordFields(autofocus) {
	const pw = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10, maxlength: 256 });
	const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10, maxlength: 256 });
	if (autofocus) setTimeout(() => pw.focus(), 0);
	return {
		els: [field('Password', pw, 'At least 10 characters. A few words you will remember are strong.'), field('The same password again', again)],
		check() {
			// The server's rule (docs/clinic-api.md): 10 to 256 bytes.
			if (new TextEncoder().encode(pw.value).length < 10) return 'The password needs at least 10 characters.';
			if (pw.value !== again.value) return 'The two passwords are not the same.';
			return null;
		},
		value: () => pw.value,
	};
}

async function viewPassword(token) {
	clear();
	paintWho();
	const pw = newPasswordFields(true);
	const problem = problemLine();
	const submit = h('button', { type: 'submit', class: 'btn-primary wide' }, 'Set my password');
	const form = h('form', { class: 'stack', novalidate: true }, ...pw.els, problem.el, submit);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		problem.clear();
		const bad = pw.check();
		if (bad) { problem.say(bad); return; }
		submit.disabled = true;
		try {
			me = await api('/api/password/' + encodeURIComponent(token), { body: { password: pw.value() } });
			toast('Password set. Welcome.');
			arrive();
		} catch (err) {
			submit.disabled = false;
			problem.say(err.status === 404 ? 'This link has been used or is more than 7 days old. Ask for a new one; if your password is set already, log in.' : err.message);
		}
	});
	$main.append(h('div', { class: 'narrow' },
		h('div', { class: 'hero' }, h('h1', {}, 'Set your password'),
			h('p', { class: 'hero-sub' }, 'This link works once. With your password set, you log in with your email from then on.')),
		card(null, form), h('p', { class: 'center' }, h('a', { href: '#login' }, 'Log in instead'))));
}

// ---- the patient's invite: on their phone ----

async function viewInvite(code) {
	clear();
	document.getElementById('brand').removeAttribute('href');
	$who.replaceChildren();
	if (!code) return askInviteCode();
	let inv;
	try {
		inv = await api('/api/invite/' + encodeURIComponent(code || '-'));
	} catch (e) {
		if (e.status !== 404) throw e;
		$main.append(h('div', { class: 'hero' }, h('h1', {}, 'This invite cannot be used')),
			card(null, h('p', {}, 'It has been used already, or it is more than 14 days old. Ask your physical therapist for a new one.'),
				h('p', { class: 'muted' }, 'Already set up? Log in with your email.'),
				h('a', { class: 'btn-primary wide', href: '/clinic.html#login' }, 'Log in')));
		return;
	}
	const email = h('input', { type: 'email', autocomplete: 'username', required: true, maxlength: 254, inputmode: 'email' });
	const pw = newPasswordFields(false);
	const problem = problemLine();
	const submit = h('button', { type: 'submit', class: 'btn-primary wide' }, 'Start my program');
	const form = h('form', { class: 'stack', novalidate: true },
		field('Email', email, 'You log in with it on another phone or computer.'), ...pw.els, problem.el, submit);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		problem.clear();
		if (!/^[^\s@]+@[^\s@]+$/.test(email.value.trim())) { problem.say('Write your email: you log in with it.'); email.focus(); return; }
		const bad = pw.check();
		if (bad) { problem.say(bad); return; }
		const body = { email: email.value.trim(), password: pw.value() };
		submit.disabled = true;
		try {
			me = await api('/api/invite/' + encodeURIComponent(code), { body });
			location.replace('/');
		} catch (err) {
			submit.disabled = false;
			problem.say(err.status === 409 ? 'That email already has a login: use another one, or log in with it.'
				: err.status === 404 ? 'This invite has just been used or has expired. Ask your physical therapist for a new one.' : err.message);
		}
	});
	const first = (inv.patient_name || '').split(/\s+/)[0];
	$main.append(h('div', { class: 'hero' },
		h('p', { class: 'eyebrow' }, inv.clinic ? `From ${inv.clinic}` : 'From your clinic'),
		h('h1', {}, first ? `Welcome, ${first}` : 'Welcome'),
		h('p', { class: 'hero-sub' }, 'Your physical therapist has set up a program for your hip: short strength sessions and stretches, guided on this phone. They see how it goes, and adjust it with you.')),
	card('Your login', h('p', { class: 'muted small' }, `For ${inv.patient_name}: your email and a password, and you are in.`), form));
}

// The code of an invite, typed in (from the card the therapist gave, when the link did not open).
function askInviteCode() {
	const input = h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 40, class: 'mono' });
	const problem = problemLine();
	const form = h('form', { class: 'stack', novalidate: true }, field('Invite code', input, 'As on the card from your physical therapist, like 5DZE-F6A9-0JEB.'),
		problem.el, h('button', { type: 'submit', class: 'btn-primary wide' }, 'Go on'));
	form.addEventListener('submit', (e) => {
		e.preventDefault();
		const code = input.value.trim().toUpperCase().replace(/\s+/g, '');
		if (!code) { problem.say('Type the code from your invite.'); return; }
		go('#invite=' + encodeURIComponent(code));
	});
	$main.append(h('div', { class: 'hero' }, h('h1', {}, 'Your invite')), card(null, form));
	input.focus();
}

// ---- the therapist's patients ----

async function viewPatients() {
	const patients = await api('/api/patients');
	clear();
	const needing = patients.filter((p) => p.attention && p.attention.length).length;
	$main.append(h('div', { class: 'hero hero-row' },
		h('div', {}, h('h1', {}, 'Your patients'),
			h('p', { class: 'hero-sub' }, patients.length === 0 ? (me.clinic || '')
				: `${patients.length} ${patients.length === 1 ? 'patient' : 'patients'} · ${needing ? `${needing} ${needing === 1 ? 'needs' : 'need'} you` : 'nothing needs you now'}`)),
		patients.length ? h('a', { class: 'btn-primary', href: '#new' }, '+ Add a patient') : null));
	if (!patients.length) {
		$main.append(h('section', { class: 'card empty' },
			h('h2', { class: 'card-title' }, 'No patients yet'),
			h('p', {}, 'Add a patient, with the program you agree on at the visit: their level, what they have at home and the days they run. hipcoach gives you an invite to hand them, as a link or a QR code.'),
			h('p', { class: 'muted' }, 'Their sessions, pain scores and runs then show here, the ones who need you first.'),
			h('a', { class: 'btn-primary', href: '#new' }, 'Add your first patient')));
		return;
	}
	const list = h('ol', { class: 'patients', 'aria-label': 'Patients, the most urgent first' });
	list.append(h('li', { class: 'patients-head', 'aria-hidden': 'true' },
		h('span', {}, 'Patient'), h('span', {}, 'Needs'), h('span', {}, 'Adherence, last 2 weeks'), h('span', {}, 'Pain'), h('span', {}, 'Last logged')));
	for (const p of patients) list.append(patientRow(p));
	$main.append(list);
	$main.append(h('p', { class: 'muted small legend' }, 'Most urgent first: a red flag, then a clinician due, pain rising, not doing the program, nothing logged for 7 days.'));
	// Rows the server is still bringing up to date (after midnight, or after a patient's session) say
	// so, and the list asks again in a few seconds while it is on screen.
	const stale = patients.filter((p) => p.as_of).length;
	if (stale) {
		$main.append(h('p', { class: 'muted small legend', role: 'status' }, `Updating ${stale} ${stale === 1 ? 'row' : 'rows'} marked “as of”…`));
		setTimeout(() => { if (parseHash().page === 'patients' && document.body.dataset.page === 'patients') route(); }, STALE_RETRY_MS);
	}
}

// How soon the list asks again while some of its rows are being brought up to date.
const STALE_RETRY_MS = 3000;

function patientRow(p) {
	const att = p.attention || [];
	const state = !p.claimed ? 'Invite not claimed yet' : !p.setup ? 'No program yet' : null;
	const ad = p.adherence || {};
	return h('li', { class: 'patient' + (att.includes('red-flag') || att.includes('escalation') ? ' is-urgent' : '') },
		h('a', { class: 'patient-name', href: '#patient/' + encodeURIComponent(p.id) }, p.name),
		h('div', { class: 'patient-att' }, att.length ? att.map((c) => attentionChip(c)) : state ? null : h('span', { class: 'ok' }, icon('check', 'icon-sm'), ' All well'),
			state ? h('span', { class: 'att att-none' }, state) : null),
		h('div', { class: 'patient-adh' }, pctBar('Strength', ad.strength_pct), pctBar('Stretches', ad.stretch_pct)),
		h('div', { class: 'patient-pain' }, h('span', { class: 'cell-label' }, 'Pain '), trendText(p.pain_trend)),
		h('div', { class: 'patient-last' }, h('span', { class: 'cell-label' }, 'Last logged '),
			p.last_logged ? h('time', { datetime: p.last_logged, title: longDate(p.last_logged) }, recentDay(p.last_logged)) : h('span', { class: 'muted' }, 'nothing yet'),
			p.as_of ? h('span', { class: 'muted small as-of', title: 'This row is being brought up to date' }, ` · as of ${longDate(p.as_of)}`) : null));
}

// ---- a new patient ----

const LEVELS = [
	{ id: 'beginner', name: 'Beginner', dose: '1–3 sets of 12–15 reps, no weights' },
	{ id: 'moderate', name: 'Moderate weights', dose: '3 sets of 8–12 reps with dumbbells' },
	{ id: 'heavy', name: 'Heavy weights', dose: '3–4 sets of 4–6 reps, heavier dumbbells' },
];
const EQUIPMENT = [['mat', 'Mat'], ['band', 'Band'], ['step', 'Step'], ['dumbbells', 'Dumbbells'], ['chair', 'Chair']];
const DAYS = [['mon', 'Mon', 'Monday'], ['tue', 'Tue', 'Tuesday'], ['wed', 'Wed', 'Wednesday'], ['thu', 'Thu', 'Thursday'],
	['fri', 'Fri', 'Friday'], ['sat', 'Sat', 'Saturday'], ['sun', 'Sun', 'Sunday']];

// A group of toggle buttons; `multi` lets several be on. Answers { el, heading, value(), set() }.
function toggleGroup(label, items, on, { multi = true, cls = 'chip-row', onChange = null, idPrefix = 'grp' } = {}) {
	const id = idPrefix + '-' + label.toLowerCase().replace(/[^a-z]+/g, '-');
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

function levelChoice(current, idPrefix) {
	let level = current;
	const el = h('div', { class: 'level-choices', role: 'radiogroup', 'aria-labelledby': idPrefix + '-level' });
	const paint = () => { for (const b of el.children) b.setAttribute('aria-checked', b.dataset.value === level ? 'true' : 'false'); };
	for (const l of LEVELS) {
		el.append(h('button', { type: 'button', role: 'radio', class: 'level-choice', 'data-value': l.id, 'aria-label': `${l.name}: ${l.dose}`,
			onclick: () => { level = l.id; paint(); } }, h('span', { class: 'level-name' }, l.name), h('span', { class: 'level-dose' }, l.dose)));
	}
	paint();
	return { el, heading: h('h3', { id: idPrefix + '-level' }, 'Level'), value: () => level };
}

async function viewNew() {
	clear();
	const name = h('input', { type: 'text', autocomplete: 'off', maxlength: 80, required: true });
	const level = levelChoice('beginner', 'new');
	const equipment = toggleGroup('Equipment at home', EQUIPMENT, ['mat'], { cls: 'chip-wrap', idPrefix: 'new' });
	const runs = toggleGroup('Run days', DAYS, [], { idPrefix: 'new' });
	const longRun = toggleGroup('Long run', [...DAYS, ['none', 'None', 'No long run']], ['none'], {
		multi: false, idPrefix: 'new',
		onChange: (k) => { if (k !== 'none' && !runs.value().includes(k)) runs.set([...runs.value(), k]); },
	});
	const strength = toggleGroup('Strength days', [...DAYS, ['auto', 'Auto', 'Auto: let hipcoach choose']], ['auto'], {
		idPrefix: 'new',
		onChange: (k, set) => {
			if (k === 'auto' || set.size === 0) strength.set(['auto']);
			else if (set.has('auto')) strength.set([...set].filter((x) => x !== 'auto'));
		},
	});
	const problem = problemLine();
	const submit = h('button', { type: 'submit', class: 'btn-primary wide' }, 'Add the patient and make the invite');
	const form = h('form', { class: 'new-form', novalidate: true },
		h('div', { class: 'new-col' },
			h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'Who'),
				field('Name', name, 'As you and they know it: it greets them on their invite and names them on your list.')),
			h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'The program'),
				level.heading, level.el, equipment.heading, equipment.el)),
		h('div', { class: 'new-col' },
			h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'Their week'),
				runs.heading, runs.el, longRun.heading, longRun.el, strength.heading, strength.el,
				h('p', { class: 'muted small' }, 'Strength works best twice a week with a day of rest between; Auto fits it around their runs.')),
			problem.el, h('div', { class: 'main-action' }, submit)));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		problem.clear();
		if (!name.value.trim()) { problem.say('Write the patient’s name.'); name.focus(); return; }
		const body = {
			name: name.value.trim(), level: level.value(), equipment: equipment.value().length ? equipment.value() : ['none'],
			run_days: runs.value(), long_run: longRun.value()[0] === 'none' ? null : longRun.value()[0],
		};
		const days = strength.value().filter((x) => x !== 'auto');
		if (days.length) body.strength_days = days;
		submit.disabled = true;
		try {
			const r = await api('/api/patients', { body });
			showInvite(body.name, r);
		} catch (err) {
			submit.disabled = false;
			problem.say(err.message);
		}
	});
	$main.append(h('div', { class: 'hero' }, h('a', { class: 'back-link', href: '#patients' }, icon('back', 'icon-sm'), ' Your patients'),
		h('h1', {}, 'Add a patient'),
		h('p', { class: 'hero-sub' }, 'The program you agree on at the visit. They can answer the safety questions and start from their phone as soon as they claim the invite.')), form);
	name.focus();
}

// The invite to hand over: the link, the code to type in, and the link's QR code to scan.
function inviteCard(name, r) {
	const qr = r.invite_qr_svg ? h('img', { class: 'qr', alt: `QR code of ${name}’s invite link`, width: 240, height: 240,
		src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(r.invite_qr_svg) }) : null;
	const link = h('input', { type: 'text', readonly: true, value: r.invite_url, class: 'mono', 'aria-label': 'Invite link' });
	const copy = h('button', { type: 'button', class: 'btn', onclick: async () => {
		try { await navigator.clipboard.writeText(r.invite_url); toast('Link copied'); } catch { link.select(); toast('Press Ctrl+C (⌘C) to copy the link'); }
	} }, 'Copy');
	const code = String(r.invite_code || '');
	return h('section', { class: 'card invite' },
		h('div', { class: 'invite-text' },
			h('h2', { class: 'card-title' }, `${name}’s invite`),
			h('p', {}, 'They scan the code with their phone’s camera, or open the link. It asks them for a password, then their program starts.'),
			h('label', { class: 'field' }, 'Link', h('div', { class: 'copy-row' }, link, copy)),
			h('div', { class: 'field' }, 'Or the code, when the link will not open: “I have an invite code” on the login page',
				h('p', { class: 'invite-code mono', 'aria-label': 'Invite code: ' + code.split('').join(' ') }, code)),
			r.expires ? h('p', { class: 'muted small' }, `Works once, until ${longDate(r.expires)}.`) : h('p', { class: 'muted small' }, 'Works once, for 14 days.')),
		qr ? h('div', { class: 'qr-box' }, qr) : null);
}

function showInvite(name, r) {
	clear();
	$main.append(h('div', { class: 'hero' }, h('a', { class: 'back-link', href: '#patients' }, icon('back', 'icon-sm'), ' Your patients'),
		h('h1', {}, `${name} is added`),
		h('p', { class: 'hero-sub' }, 'Give them the invite now, at the visit: it is shown this once (a new one can be made from their page while it is unclaimed).')),
	inviteCard(name, r),
	h('div', { class: 'row wrap actions' },
		h('a', { class: 'btn-primary', href: '#patient/' + encodeURIComponent(r.id) }, `Open ${name}’s page`),
		h('a', { class: 'btn', href: '#new' }, 'Add another patient')));
}

// ---- one patient ----

async function viewPatient(id) {
	const base = '/api/patients/' + encodeURIComponent(id);
	const row = await api(base);
	const get = (path) => api(base + path).catch((e) => { if (e.status === 401) throw e; return null; });
	const [today, status, plan, hist, runs, psfs, load, program, profile, questions] = await Promise.all([
		get('/today'), get('/status'), get('/plan'), get('/history?limit=12'), get('/runs?limit=8'), get('/psfs'), get('/load'), get('/program'),
		get('/profile'), get('/check')]);
	const edit = () => programSheet(id, row, status, plan, program, profile);
	clear();
	const pounds = !!(today && today.pounds), miles = !!(today && today.miles);
	const att = row.attention || [];
	const sub = [];
	if (status) sub.push(`Week ${status.program_week}`, LEVELS.find((l) => l.id === status.level)?.name || status.level);
	if (!row.claimed) sub.push('invite not claimed yet');
	$main.append(h('div', { class: 'hero hero-row' },
		h('div', {}, h('a', { class: 'back-link', href: '#patients' }, icon('back', 'icon-sm'), ' Your patients'),
			h('h1', {}, row.name), h('p', { class: 'hero-sub' }, sub.join(' · ')),
			att.length ? h('div', { class: 'chips' }, att.map((c) => attentionChip(c))) : null),
		h('div', { class: 'row wrap hero-actions' },
			status ? h('button', { type: 'button', class: 'btn-primary', onclick: edit }, 'Change the program') : null,
			status ? h('a', { class: 'btn', href: `/api/patients/${id}/report`, download: '' }, 'Report (PDF)') : null,
			!row.claimed ? h('button', { type: 'button', class: 'btn', onclick: () => reinvite(id, row) }, 'New invite') : null)));

	if (!status) {
		$main.append(card('Nothing to show yet', h('p', {}, row.claimed ? 'There is no program yet.' : 'They have not claimed their invite yet. Once they have, their sessions, pain scores and runs show here.')));
		return;
	}
	const left = h('div', { class: 'col' }), right = h('div', { class: 'col' });
	$main.append(h('div', { class: 'cols' }, left, right));

	// The advice that a red flag brings is said with the flag, and not again below it.
	const flagged = status.screening && status.screening.blocked;
	const flagAdvice = flagged ? (status.advice || []).filter((a) => URGENT.includes(a.code)) : [];
	if (flagged) left.append(clearanceCard(id, row, status, questions, flagAdvice));
	left.append(statusCard(status, flagAdvice));
	if (today) left.append(todayCard(today, status));
	left.append(exercisesCard(status, pounds));

	right.append(programCard(status, plan, program, edit));
	if (plan) right.append(planCard(plan, today));
	right.append(psfsCard(psfs));
	right.append(runsCard(runs, load, miles));
	right.append(historyCard(hist, status, pounds));
}

async function reinvite(id, row) {
	try {
		const r = await api('/api/patients/' + encodeURIComponent(id) + '/invite', { body: {} });
		openSheet('A new invite', (body) => {
			body.append(h('p', { class: 'muted' }, 'The earlier one no longer works.'), inviteCard(row.name, r));
		});
	} catch (e) { toast(e.message); }
}

// A red flag: guided sessions wait for a clinician. The therapist records that one has seen them.
function clearanceCard(id, row, status, questions, advice) {
	const note = h('textarea', { rows: 2, maxlength: 200, placeholder: 'Who saw them and what they agreed, e.g. “GP, 9 Dec: no fracture, exercise as tolerated”' });
	const problem = problemLine();
	const save = h('button', { type: 'button', class: 'btn-primary', onclick: async () => {
		problem.clear();
		if (!note.value.trim()) { problem.say('Write a note: who saw them, and what they agreed.'); note.focus(); return; }
		save.disabled = true;
		try {
			await api('/api/patients/' + encodeURIComponent(id) + '/clearance', { body: { note: note.value.trim() } });
			toast('Clearance recorded: guided sessions are open again.');
			route();
		} catch (e) { save.disabled = false; problem.say(e.message); }
	} }, 'Record the clearance');
	// The questions answered yes, in their words when the server gives them (GET …/check); else
	// the coach's advice says what was answered and what it means.
	const text = new Map((questions || []).map((q) => [q.id, q.text]));
	const yes = questions ? (status.screening.yes || []).map((q) => text.get(q)).filter(Boolean) : [];
	return h('section', { class: 'card card-flag' },
		h('h2', { class: 'card-title' }, 'Red flag: sessions paused'),
		h('p', {}, `${row.name.split(/\s+/)[0]} answered yes to a safety question${status.screening.last ? ' on ' + longDate(status.screening.last) : ''}${yes.length ? ':' : '.'}`),
		yes.length ? h('ul', { class: 'plain yes-list' }, yes.map((q) => h('li', {}, q))) : null,
		h('p', {}, 'Guided sessions stay paused until a clinician has seen them and agrees they can exercise.'),
		field('Clinical clearance: a note', note), problem.el,
		h('div', { class: 'row-end' }, save),
		advice.length ? h('h3', {}, 'What their app told them') : null,
		advice.map((a) => adviceCard(a)));
}

function statusCard(status, shown) {
	const advice = (status.advice || []).filter((a) => !shown.includes(a));
	return h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'What the coach tells them'),
		h('p', { class: 'muted small' }, 'Most urgent first, in the words their app uses.'),
		advice.length ? advice.map((a) => adviceCard(a)) : h('p', { class: 'muted' }, 'Nothing more than the red flag above.'));
}

function painSpark(weeks) {
	if (!weeks || !weeks.length) return null;
	const W = 9 * weeks.length, H = 18, max = Math.max(1, ...weeks.filter((v) => v !== null && v !== undefined));
	const svg = s('svg', { class: 'spark', viewBox: `0 0 ${W} ${H}`, width: W, height: H, 'aria-hidden': 'true' });
	weeks.forEach((v, i) => {
		if (v === null || v === undefined) return;
		const bh = Math.max(2, H * v / max);
		svg.append(s('rect', { x: i * 9 + 0.5, y: H - bh, width: 7, height: bh, rx: 1.5, class: v <= 3 ? 'z0' : v <= 5 ? 'z1' : 'z2' }));
	});
	return svg;
}

function todayCard(today, status) {
	const dl = h('dl', { class: 'facts' });
	const row = (k, ...v) => dl.append(h('dt', {}, k), h('dd', {}, ...v));
	row('Today', longDate(today.date));
	const ses = today.sessions.filter((x) => x.planned || x.done);
	row('Sessions', ses.length ? ses.map((x) => `${kindLabel(x.kind)}: ${x.done ? 'done' + (x.done_at ? ' at ' + x.done_at : '') : x.rest_for_pain != null ? `not today (pain ${x.rest_for_pain}/10)` : 'to do'}`).join(' · ') : 'rest day');
	row('This week', `${today.week_done} of ${today.week_planned} sessions done`);
	const ad = status.adherence || {};
	if (ad.strength) row('Last 2 weeks', `strength ${ad.strength.done} of ${ad.strength.planned}, stretches ${ad.stretch.done} of ${ad.stretch.planned} days`);
	if (today.pain) {
		const p = today.pain;
		row('Pain', painSpark(p.weeks), p.trend ? `${p.from.toFixed(1)} in week ${p.from_week} → ${p.to.toFixed(1)} in week ${p.to_week}: ${p.trend}`
			: `${p.to.toFixed(1)} in week ${p.to_week}`);
	} else row('Pain', h('span', { class: 'muted' }, 'no weekly pain yet (2 days with a score make one)'));
	if (status.care) row('Care', `under a clinician’s care since ${longDate(status.care.since)}${status.care.note ? ': ' + status.care.note : ''}`);
	return h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'Today and this week'),
		h('div', { class: 'adh-pair' }, pctBar('Strength', ad.strength_pct), pctBar('Stretches', ad.stretch_pct)), dl);
}

function exercisesCard(status, pounds) {
	const mine = (reason) => reason.replace(/^[^:—]{1,60}: /, '');
	const rows = (status.exercises || []).map((e) => {
		let note = null;
		if (e.decision !== 'hold') note = h('p', { class: 'small' }, h('strong', {}, e.decision === 'progress' ? 'Moving up: ' : 'Stepping back: '), coachText(mine(e.reason)));
		else if (e.last_change) note = h('p', { class: 'muted small' }, `Since ${dayMonth(e.last_change.date)}: `, coachText(mine(e.last_change.reason)));
		if (e.decision === 'hold' && e.sessions_at_dose && e.reason) {
			// "Squat: hold — two sessions in a row decide": what moving up needs now.
			const dash = e.reason.indexOf(' — ');
			note = [note, h('p', { class: 'muted small' }, 'Next: ', coachText(dash >= 0 ? e.reason.slice(dash + 3) : e.reason))];
		}
		return h('li', {}, h('div', { class: 'ex-line' }, h('span', { class: 'ex-n' }, e.name),
			h('span', { class: 'ex-d' }, doseText(e, pounds), e.dose_set_by ? h('span', { class: 'set-by' }, ` · set by ${e.dose_set_by}`) : null)), note);
	});
	return card('Each exercise: dose and standing', rows.length ? h('ul', { class: 'ex-status' }, rows) : h('p', { class: 'muted' }, 'No exercise in the program now.'));
}

function planCard(plan, today) {
	const week = h('ol', { class: 'week' });
	for (const d of plan.days) {
		week.append(h('li', { class: today && d.date === today.date ? 'today' : '' },
			h('span', { class: 'wk-day' }, dayOf(d.date).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' })),
			h('span', { class: 'wk-date' }, dayMonth(d.date)),
			h('span', { class: 'wk-sessions' }, d.sessions.length ? d.sessions.map((x) => h('span', { class: 'pill ' + x.kind }, kindLabel(x.kind))) : h('span', { class: 'muted small' }, 'rest'))));
	}
	return card('The plan, next 7 days', plan.paused ? h('p', { class: 'warn-text' }, coachText(plan.paused_reason)) : null, week,
		plan.notes && plan.notes.length ? h('ul', { class: 'notes' }, plan.notes.map((n) => h('li', {}, coachText(n)))) : null);
}

function psfsCard(psfs) {
	if (!psfs || !psfs.items || !psfs.items.length) {
		return card('Activities they find hard (PSFS)', h('p', { class: 'muted' }, 'None named yet. They name up to five in their app, each scored 0 (cannot do it) to 10 (as before).'));
	}
	const list = h('ul', { class: 'psfs' }, psfs.items.map((i) => h('li', {},
		h('span', {}, i.name), h('span', { class: 'psfs-score' }, i.first === null ? 'not scored' : i.latest !== null && i.latest !== i.first ? `${i.first} → ${i.latest}` : String(i.first)))));
	const avg = psfs.average_first !== null ? h('p', { class: 'small' }, `Average ${psfs.average_first.toFixed(1)} → ${psfs.average_latest.toFixed(1)} out of 10`,
		psfs.real_change ? h('strong', { class: 'good' }, ' · a real gain (2 points or more)') : null) : null;
	return card('Activities they find hard (PSFS)', list, avg);
}

function runsCard(runs, load, miles) {
	const out = [];
	if (load) {
		const dl = h('dl', { class: 'facts' });
		const row = (k, v) => dl.append(h('dt', {}, k), h('dd', {}, v));
		row('Last 7 days', fmtDist(load.last_7d_m || 0, miles) + (load.weekly_change !== null && load.weekly_change !== undefined ? ` (${load.weekly_change >= 0 ? '+' : '−'}${Math.abs(Math.round(load.weekly_change * 100))}% on the 7 before)` : ''));
		if (load.longest_30d) row('Longest, 30 days', `${fmtDist(load.longest_30d.distance_m, miles)} on ${dayMonth(load.longest_30d.date)}`);
		if (load.long_run_cap_m !== null && load.long_run_cap_m !== undefined) row('Next long run', `at most ${fmtDist(load.long_run_cap_m, miles)}`);
		if (load.scaled_back !== null && load.scaled_back !== undefined) row('Scaled back', load.scaled_back ? 'yes, below 80% of before the program' : 'not yet');
		out.push(dl);
		for (const a of load.advice || []) out.push(adviceCard(a));
	}
	const list = Array.isArray(runs) ? runs.slice().reverse() : [];
	if (list.length) {
		out.push(h('table', { class: 'runs' },
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Distance'), h('th', { scope: 'col' }, 'Time'))),
			h('tbody', {}, list.map((r) => h('tr', {}, h('td', {}, shortDate(r.start)), h('td', {}, r.distance_m ? fmtDist(r.distance_m, miles) : '—'),
				h('td', {}, fmtDuration(r.moving_s ?? r.elapsed_s)))))));
	} else out.push(h('p', { class: 'muted' }, 'No run recorded yet.'));
	return card('Running', ...out);
}

function historyCard(hist, status, pounds) {
	const items = hist && Array.isArray(hist.sessions) ? hist.sessions.slice().reverse() : [];
	if (!items.length) return card('Sessions', h('p', { class: 'muted' }, 'No session recorded yet.'));
	const names = new Map((status.exercises || []).map((e) => [e.exercise, e.name]));
	const list = h('ol', { class: 'history' });
	for (const ses of items) {
		const state = ses.status === 'unfinished' ? 'unfinished' : ses.status === 'skipped' ? 'skipped' : 'done';
		const sets = (ses.items || []).flatMap((it) => it.sets || []);
		const done = sets.filter((x) => x.status === 'done').length, hurt = sets.filter((x) => x.status === 'hurt').length;
		const pain = [ses.pain_before != null ? `pain before ${ses.pain_before}` : null, ses.pain_after != null ? `after ${ses.pain_after}` : null].filter(Boolean).join(', ');
		const stopped = (ses.items || []).filter((it) => (it.sets || []).some((x) => x.status === 'hurt')).map((it) => names.get(it.exercise) || it.exercise);
		list.append(h('li', { class: 'h-session' },
			h('div', { class: 'h-head' }, h('span', { class: 'h-date' }, shortDate(ses.date)), h('span', { class: 'h-state ' + state }, state)),
			h('div', { class: 'h-kind' }, kindLabel(ses.kind) + (ses.origin === 'log' ? ' · logged by hand' : '') + (pain ? ` · ${pain}` : '')),
			sets.length ? h('div', { class: 'muted small' }, `${done} of ${sets.length} ${sets.length === 1 ? 'step' : 'steps'} done` + (hurt ? ` · stopped for pain: ${stopped.join(', ')}` : '')) : null));
	}
	void pounds;
	return card('Sessions, newest first', list);
}

// ---- the therapist's changes to the program (docs/clinic-api.md: GET/PATCH /api/patients/ID/program) ----

function programCard(status, plan, program, edit) {
	const cur = (program && program.current) || {};
	const hist = (program && program.history) || [];
	const names = exerciseNames(status, plan);
	const out = [];
	const note = noteOf(cur);
	if (note) {
		out.push(h('div', { class: 'note-box' }, h('span', { class: 'note-label' }, 'The note shown to them' + (cur.note.who ? `, from ${cur.note.who}` : '')),
			h('p', {}, note)));
	}
	const left = leftOutList(cur);
	if (left.length) out.push(h('h3', {}, 'Left out'), h('ul', { class: 'plain' }, left.map((x) => h('li', {}, h('strong', {}, names.get(x.exercise) || x.exercise), x.reason ? ` — ${x.reason}` : ''))));
	const doses = doseList(cur);
	if (doses.length) out.push(h('h3', {}, 'Your doses'), h('ul', { class: 'plain' }, doses.map((d) => h('li', {}, h('strong', {}, names.get(d.exercise) || d.exercise), ' ', doseOverrideText(d)))));
	if (!out.length) out.push(h('p', { class: 'muted' }, 'As hipcoach prescribes it for their level and equipment, with no change of yours.'));
	out.push(h('h3', {}, 'Changes'));
	if (hist.length) {
		out.push(h('ol', { class: 'changes' }, hist.slice().reverse().map((c) => h('li', {},
			h('div', { class: 'h-head' }, h('span', {}, c.who || 'someone'), c.at ? h('time', { class: 'muted', datetime: c.at }, moment(c.at)) : null),
			h('p', { class: 'change-what' }, changeSummary(c, names)),
			c.why ? h('p', { class: 'muted small' }, 'Why: ', c.why) : null))));
	} else out.push(h('p', { class: 'muted small' }, 'None yet: who changed what, when and why shows here.'));
	return card('Program changes', ...out);
}

// The note to the patient: {text, who, at} in the program document (docs/json.md), or null.
function noteOf(cur) {
	return cur && cur.note ? (typeof cur.note === 'string' ? cur.note : cur.note.text || '') : '';
}

// The shapes the program document may hold a list in: ids, or objects with the id and more.
function leftOutList(cur) {
	return (cur.left_out || []).map((x) => (typeof x === 'string' ? { exercise: x, reason: null } : { exercise: x.exercise || x.id, reason: x.reason || null }));
}
function doseList(cur) {
	return (cur.doses || []).map((d) => ({ ...d, exercise: d.exercise || d.id }));
}

function doseOverrideText(d) {
	const parts = [];
	if (d.sets > 0) parts.push(`${d.sets} ${d.sets === 1 ? 'set' : 'sets'}`);
	if (d.reps_min > 0 && d.reps_max > 0) parts.push(d.reps_min === d.reps_max ? `${d.reps_min} reps` : `${d.reps_min}–${d.reps_max} reps`);
	if (d.hold_s > 0) parts.push(`hold ${d.hold_s} s`);
	if (d.load_kg > 0) parts.push(`${d.load_kg} kg`);
	return parts.join(' · ') || 'as prescribed';
}

function changeSummary(c, names) {
	if (c.what) return c.what; // the server's own words for it
	const parts = [];
	const ch = c.change || c;
	if (ch.level !== undefined && ch.level !== null && ch.level !== -1) parts.push(`level: ${LEVELS.find((l) => l.id === ch.level)?.name || ch.level}`);
	if (Array.isArray(ch.equipment)) parts.push(`equipment: ${ch.equipment.join(', ') || 'none'}`);
	if (Array.isArray(ch.left_out)) {
		const l = leftOutList(ch);
		parts.push(l.length ? `left out: ${l.map((x) => names.get(x.exercise) || x.exercise).join(', ')}` : 'nothing left out');
	}
	if (Array.isArray(ch.doses)) {
		const d = doseList(ch);
		parts.push(d.length ? `doses: ${d.map((x) => `${names.get(x.exercise) || x.exercise} ${doseOverrideText(x)}`).join('; ')}` : 'doses as prescribed');
	}
	if (ch.note !== undefined && ch.note !== null) parts.push(ch.note ? `note: “${ch.note}”` : 'note removed');
	return parts.join(' · ') || c.summary || 'changed';
}

function exerciseNames(status, plan) {
	const names = new Map();
	for (const e of (status && status.exercises) || []) names.set(e.exercise, e.name);
	for (const d of (plan && plan.days) || []) for (const x of d.sessions) for (const it of x.items || []) if (!names.has(it.exercise)) names.set(it.exercise, it.name);
	return names;
}

function programSheet(id, row, status, plan, program, profile) {
	const cur = (program && program.current) || {};
	const names = exerciseNames(status, plan);
	const byId = new Map((status.exercises || []).map((e) => [e.exercise, e]));
	const wasLeft = new Map(leftOutList(cur).map((x) => [x.exercise, x.reason || '']));
	const wasDose = new Map(doseList(cur).map((d) => [d.exercise, d]));
	// An exercise left out is in no plan: named from its id ("figure-4-stretch": "Figure 4 stretch").
	for (const k of wasLeft.keys()) if (!names.has(k)) names.set(k, k.charAt(0).toUpperCase() + k.slice(1).replace(/-/g, ' '));
	openSheet(`${row.name}: change the program`, (body, close) => {
		body.parentElement.classList.add('wide-sheet');
		const level = levelChoice(status.level, 'chg');
		const startEq = cur.equipment || (profile && profile.equipment) || null;
		const equipment = toggleGroup('Equipment', EQUIPMENT, startEq || [], { cls: 'chip-wrap', idPrefix: 'chg' });
		const rows = [];
		const list = h('ul', { class: 'chg-ex' });
		for (const [ex, name] of names) {
			const e = byId.get(ex);
			const dose = wasDose.get(ex) || {};
			const isHold = e ? !e.reps_max && !!e.hold_s : !!dose.hold_s;
			const num = (label, key, attrs) => {
				const inp = h('input', { type: 'number', inputmode: 'decimal', min: 0, max: attrs.max, step: attrs.step || 1, placeholder: e && e[key] != null ? String(e[key]) : '', value: dose[key] > 0 ? dose[key] : '', 'aria-label': `${name}: ${label}` });
				return { key, inp, el: h('label', { class: 'field mini' }, label, inp) };
			};
			const nums = isHold ? [num('Sets', 'sets', { max: 6 }), num('Hold (s)', 'hold_s', { max: 180 })]
				: [num('Sets', 'sets', { max: 6 }), num('Reps from', 'reps_min', { max: 30 }), num('to', 'reps_max', { max: 30 })];
			// A weight only where the exercise is done with dumbbells.
			if (!isHold && ((e && e.load === 'dumbbell') || dose.load_kg > 0)) nums.push(num('kg a hand', 'load_kg', { max: 200, step: 0.5 }));
			const out = h('input', { type: 'checkbox', checked: wasLeft.has(ex) || null });
			const reason = h('input', { type: 'text', maxlength: 200, value: wasLeft.get(ex) || '', placeholder: 'Why it is left out', 'aria-label': `${name}: why it is left out` });
			const reasonField = h('div', { class: 'chg-reason' }, reason);
			const doses = h('div', { class: 'chg-doses' }, nums.map((n) => n.el));
			const paint = () => { reasonField.hidden = !out.checked; doses.hidden = out.checked; };
			out.addEventListener('change', paint);
			paint();
			rows.push({ ex, name, out, reason, nums });
			list.append(h('li', {},
				h('div', { class: 'chg-head' }, h('span', { class: 'ex-n' }, name), h('span', { class: 'ex-d' }, e ? doseText(e, false) : 'left out now'),
					h('label', { class: 'check' }, out, 'Leave out')),
				reasonField, doses));
		}
		const note = h('textarea', { rows: 2, maxlength: 500 }, noteOf(cur));
		const why = h('textarea', { rows: 2, maxlength: 500, required: true });
		const problem = problemLine();
		const save = h('button', { type: 'button', class: 'btn-primary' }, 'Save the change');
		save.addEventListener('click', async () => {
			problem.clear();
			const chg = {};
			if (level.value() !== status.level) chg.level = level.value();
			const eq = equipment.value();
			if (startEq ? eq.join() !== startEq.join() : eq.length) chg.equipment = eq;
			const left = [], doses = [];
			for (const r of rows) {
				if (r.out.checked) {
					if (!r.reason.value.trim()) { problem.say(`Say why ${r.name} is left out.`); r.reason.focus(); return; }
					left.push({ exercise: r.ex, reason: r.reason.value.trim() });
					continue;
				}
				const d = { exercise: r.ex };
				let any = false;
				for (const n of r.nums) {
					if (n.inp.value === '') continue;
					const v = Number(n.inp.value);
					if (!Number.isFinite(v) || v <= 0) { problem.say(`${r.name}: ${n.el.firstChild.textContent.toLowerCase()} must be a number above 0.`); n.inp.focus(); return; }
					d[n.key] = v;
					any = true;
				}
				if (d.reps_min && d.reps_max && d.reps_min > d.reps_max) { problem.say(`${r.name}: the reps go from the lower number to the higher.`); return; }
				if (any) doses.push(d);
			}
			const sameLeft = left.length === wasLeft.size && left.every((x) => wasLeft.get(x.exercise) === x.reason);
			if (!sameLeft) chg.left_out = left;
			const doseKey = (d) => ['sets', 'reps_min', 'reps_max', 'hold_s', 'load_kg'].map((k) => d[k] || 0).join('/');
			const sameDoses = doses.length === wasDose.size && doses.every((d) => wasDose.has(d.exercise) && doseKey(wasDose.get(d.exercise)) === doseKey(d));
			if (!sameDoses) chg.doses = doses;
			if (note.value.trim() !== noteOf(cur)) chg.note = note.value.trim();
			if (!Object.keys(chg).length) { problem.say('Nothing is changed yet.'); return; }
			if (!why.value.trim()) { problem.say('Say why: it is kept with the change, for the record.'); why.focus(); return; }
			chg.why = why.value.trim();
			save.disabled = true;
			try {
				await api('/api/patients/' + encodeURIComponent(id) + '/program', { method: 'PATCH', body: chg });
				close();
				toast('Program changed');
				route();
			} catch (e) { save.disabled = false; problem.say(e.message); }
		});
		body.append(
			level.heading, level.el,
			equipment.heading, equipment.el,
			h('h3', {}, 'Exercises'),
			h('p', { class: 'muted small' }, 'Leave one out (and say why), or set its dose: an empty box keeps hipcoach’s, which still moves with their progress.'),
			list,
			h('h3', {}, 'A note for them'),
			field('Shown in their app, in your words', note),
			h('h3', {}, 'Why'),
			field('Kept with the change, for the record', why),
			problem.el,
			h('div', { class: 'sheet-actions' }, h('button', { type: 'button', class: 'btn', onclick: close }, 'Cancel'), save));
	});
}

// ---- start ----

window.addEventListener('hashchange', route);
route();
