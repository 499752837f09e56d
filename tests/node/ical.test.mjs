// Parses hipcoach's calendar with ical.js, expands the recurrences and checks the dates and UIDs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.HIPCOACH_BIN ?? path.resolve(here, '../../hipcoach');

function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipcoach-ics-'));
  const base = { ...process.env, HIPCOACH_DB: path.join(dir, 'h.db'), TZ: 'UTC', NO_COLOR: '1' };
  const run = (now, ...args) => execFileSync(bin, args, { cwd: dir, env: { ...base, HIPCOACH_NOW: now },
    stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  return { dir, run };
}

function events(text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

// Every occurrence of an event as 'YYYY-MM-DD', with a cap against a runaway rule.
function occurrences(ev) {
  const it = ev.iterator();
  const out = [];
  for (let t = it.next(); t && out.length < 1000; t = it.next()) {
    assert.ok(t.isDate, 'all-day occurrences');
    out.push(t.toString());
  }
  return out;
}

function days(first, n) {
  const out = [];
  const d = new Date(`${first}T00:00:00Z`);
  for (let i = 0; i < n; i++) {
    out.push(new Date(d.getTime() + i * 86400000).toISOString().slice(0, 10));
  }
  return out;
}

const weekday = (s) => new Date(`${s}T00:00:00Z`).getUTCDay(); // 0 = Sunday

test('strength on the runner\'s days, stretches every day, for the weeks asked', () => {
  const { run } = workspace();
  run('2026-12-08T07:30:00', 'setup', '--level', 'beginner', '--equipment', 'mat,band,step,chair',
    '--strength-days', 'tue,fri', '--run-days', 'mon,wed,sat', '--long-run', 'sat');
  const evs = events(run('2026-12-08T07:30:00', 'export', 'ics', '--weeks', '6'));
  assert.equal(evs.length, 2);
  const [strength, stretch] = evs;
  const window = days('2026-12-08', 42);

  assert.match(strength.summary, /^Hip strength · 6 moves · ~\d+ min$/);
  assert.equal(strength.uid, 'hip-pain-strength-20261208@hipcoach');
  const s = occurrences(strength);
  assert.deepEqual(s, window.filter((d) => weekday(d) === 2 || weekday(d) === 5));
  assert.equal(s.length, 12);
  assert.equal(s[0], '2026-12-08');
  assert.equal(s.at(-1), '2027-01-15');
  assert.match(strength.description, /Single-leg glute bridge: 2 sets × 12–15 each side, rest 45 s/);
  assert.match(strength.description, /Tuesday and Friday/);
  assert.equal(strength.component.getFirstPropertyValue('transp'), 'TRANSPARENT');
  assert.equal(strength.endDate.toString(), '2026-12-09', 'lasts the day');

  assert.match(stretch.summary, /^Hip stretches · 8 stretches · ~\d+ min$/);
  assert.equal(stretch.uid, 'hip-pain-stretch-20261208@hipcoach');
  assert.deepEqual(occurrences(stretch), window);
  assert.match(stretch.description, /Cat-cow: about 60 s, moving with your breath/);
});

test('a later export keeps the UIDs, so a calendar updates the events instead of adding more', () => {
  const { run } = workspace();
  run('2026-12-01T07:30:00', 'setup', '--level', 'beginner', '--equipment', 'mat',
    '--strength-days', 'mon,thu');
  const first = events(run('2026-12-01T07:30:00', 'export', 'ics', '--weeks', '2'));
  run('2026-12-09T18:00:00', 'setup', '--strength-days', 'tue,sat');
  const later = events(run('2026-12-09T18:00:00', 'export', 'ics', '--weeks', '1'));
  assert.deepEqual(later.map((e) => e.uid), first.map((e) => e.uid));
  assert.deepEqual(first.map((e) => e.uid),
    ['hip-pain-strength-20261201@hipcoach', 'hip-pain-stretch-20261201@hipcoach']);
  // The update carries the new days and a newer stamp.
  assert.deepEqual(occurrences(later[0]), ['2026-12-12', '2026-12-15']);
  assert.deepEqual(occurrences(later[1]), days('2026-12-09', 7));
  assert.ok(later[0].component.getFirstPropertyValue('dtstamp').compare(
    first[0].component.getFirstPropertyValue('dtstamp')) > 0);
});

test('-o writes the file whole and says where', () => {
  const { dir, run } = workspace();
  run('2026-12-08T07:30:00', 'setup', '--level', 'beginner', '--equipment', 'mat');
  const out = run('2026-12-08T07:30:00', 'export', 'ics', '-o', 'plan.ics');
  assert.equal(out, 'wrote the calendar to plan.ics\n');
  const text = fs.readFileSync(path.join(dir, 'plan.ics'), 'utf8');
  assert.equal(events(text).length, 2);
  for (const line of text.split('\r\n')) {
    assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
  }
  assert.ok(!fs.existsSync(path.join(dir, 'plan.ics.tmp')));
});
