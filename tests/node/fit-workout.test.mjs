// Decodes hipcoach's FIT workouts with Garmin's own FIT SDK and checks every step against the plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decoder, Profile, Stream } from '@garmin/fitsdk';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.HIPCOACH_BIN ?? path.resolve(here, '../../hipcoach');

// FORMATS.md, "FIT workout files": exercise -> [SDK category, FIT exercise name, its SDK name].
const fitTable = {
  'single-leg-glute-bridge': ['hipRaise', 30, 'singleLegHipRaise'],
  clamshell: ['hipRaise', 44, 'clams'],
  deadlift: ['deadlift', 2, 'dumbbellDeadlift'],
  squat: ['squat', 37, 'gobletSquat'],
  'single-leg-step-down': ['squat', null, null],
  'single-leg-toe-tap': ['hipStability', null, null],
  'half-kneeling-hip-flexor-stretch': ['warmUp', 49, 'stretchLungingHipFlexor'],
  'figure-4-stretch': ['warmUp', 53, 'stretchLyingPiriformis'],
  'knee-hug-stretch': ['warmUp', 52, 'stretchLyingKneeToChest'],
  'cat-cow': ['warmUp', 38, 'stretchCatCow'],
  'quad-stretch': ['warmUp', 61, 'stretchQuad'],
  'butterfly-stretch': ['warmUp', 36, 'stretchButterfly'],
  'press-up': ['warmUp', 40, 'stretchCobra'],
  'hamstring-stretch': ['warmUp', 44, 'stretchHamstring'],
};

function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipcoach-fit-'));
  const env = { ...process.env, HIPCOACH_DB: path.join(dir, 'h.db'), HIPCOACH_NOW: '2026-12-08T07:30:00',
    TZ: 'UTC', NO_COLOR: '1' };
  const run = (...args) => execFileSync(bin, args, { cwd: dir, env }).toString();
  return { dir, run };
}

function decode(file) {
  const decoder = new Decoder(Stream.fromBuffer(fs.readFileSync(file)));
  assert.ok(decoder.isFIT(), 'a FIT file');
  assert.ok(decoder.checkIntegrity(), 'header and file CRCs hold');
  const { messages, errors } = decoder.read();
  assert.deepEqual(errors, []);
  return messages;
}

// The steps the session script plays, from the plan's own doses: ready, sets (left, switch, right), rests.
function expectedSteps(items) {
  const steps = [{ rest: true, name: 'Get ready', seconds: 10 }];
  items.forEach((it, i) => {
    if (i > 0) steps.push({ rest: true, name: 'Rest' });
    for (let set = 1; set <= it.sets; set++) {
      if (set > 1) steps.push({ rest: true, name: 'Rest', seconds: it.rest_s });
      const sides = it.per_side ? ['left', 'right'] : [null];
      sides.forEach((side, k) => {
        if (k) steps.push({ rest: true, name: 'Switch sides', seconds: 5 });
        steps.push({ item: it, side, set });
      });
    }
  });
  return steps;
}

function checkWorkout(messages, items, subSport) {
  assert.equal(messages.fileIdMesgs[0].type, 'workout');
  const [wkt] = messages.workoutMesgs;
  assert.equal(wkt.sport, 'training');
  assert.equal(wkt.subSport, subSport);
  const steps = messages.workoutStepMesgs;
  assert.equal(wkt.numValidSteps, steps.length);
  const want = expectedSteps(items);
  assert.equal(steps.length, want.length, 'one step per exercise, set and side, and the rests');
  steps.forEach((s, i) => {
    const w = want[i];
    assert.equal(s.messageIndex, i);
    if (w.rest) {
      assert.equal(s.intensity, 'rest', `step ${i} rests`);
      assert.equal(s.durationType, 'time');
      assert.equal(s.wktStepName, w.name);
      assert.equal(s.exerciseCategory, undefined);
      if (w.seconds !== undefined) assert.equal(s.durationTime, w.seconds, `step ${i} ${w.name}`);
      assert.ok(s.durationTime > 0);
      return;
    }
    const it = w.item;
    const [category, name, sdkName] = fitTable[it.exercise];
    assert.equal(s.intensity, 'active', `step ${i} works`);
    assert.equal(s.wktStepName, it.name.replace(/–/g, '-') + (w.side ? ` (${w.side})` : ''));
    assert.equal(s.exerciseCategory, category, `${it.exercise} category`);
    if (name === null) {
      assert.equal(s.exerciseName, undefined, `${it.exercise} has no FIT name`);
    } else {
      assert.equal(s.exerciseName, name, `${it.exercise} name`);
      assert.equal(Profile.types[`${category}ExerciseName`][s.exerciseName], sdkName);
    }
    if (it.reps_max) {
      assert.equal(s.durationType, 'reps');
      assert.equal(s.durationReps, it.reps_max);
      assert.match(s.notes, new RegExp(`${it.reps_min}-${it.reps_max} reps`));
    } else {
      assert.equal(s.durationType, 'time');
      assert.equal(s.durationValue, it.hold_s * 1000, 'time in ms');
      assert.equal(s.durationTime, it.hold_s);
    }
    if (it.load_kg) {
      assert.equal(s.exerciseWeight, it.load_kg);
    } else {
      assert.equal(s.exerciseWeight, undefined);
    }
  });
  // An exercise FIT has no name for is named by an exercise_title.
  const titles = messages.exerciseTitleMesgs ?? [];
  const unnamed = items.filter((it) => fitTable[it.exercise][1] === null);
  assert.equal(titles.length, unnamed.length);
  for (const it of unnamed) {
    const t = titles.find((m) => m.wktStepName === it.name);
    assert.ok(t, `a title for ${it.exercise}`);
    assert.equal(t.exerciseCategory, fitTable[it.exercise][0]);
  }
  return steps;
}

function planItems(run, kind) {
  const plan = JSON.parse(run('plan', '--days', '7', '--json'));
  for (const day of plan.days) {
    const s = day.sessions.find((x) => x.kind === kind);
    if (s) return s.items;
  }
  throw new Error(`no ${kind} session in the week`);
}

test('strength workout, beginner: every step as the SDK reads it', () => {
  const { dir, run } = workspace();
  run('setup', '--level', 'beginner', '--equipment', 'mat,band,step,chair', '--strength-days', 'tue,fri',
    '--run-days', 'mon,wed,sat', '--long-run', 'sat');
  const out = run('export', 'fit');
  assert.match(out, /wrote the strength workout \(\d+ steps\) to hipcoach-strength\.fit/);
  const messages = decode(path.join(dir, 'hipcoach-strength.fit'));
  const items = planItems(run, 'strength');
  const steps = checkWorkout(messages, items, 'strengthTraining');
  assert.equal(messages.workoutMesgs[0].wktName, 'Hip strength');
  if (process.env.SHOW_STEPS) {
    for (const s of steps) {
      console.log([s.messageIndex, s.wktStepName, s.intensity, s.exerciseCategory ?? '-', s.exerciseName ?? '-',
        s.durationType, s.durationReps ?? s.durationTime, s.exerciseWeight ?? ''].join(' | '));
    }
  }
});

test('strength workout with dumbbells: the weight per hand in kg', () => {
  const { dir, run } = workspace();
  run('setup', '--level', 'heavy', '--equipment', 'mat,step,chair,dumbbells', '--dumbbells', '6,10,14',
    '--strength-days', 'mon,thu');
  run('export', 'fit', '-o', 'heavy.fit');
  const messages = decode(path.join(dir, 'heavy.fit'));
  const items = planItems(run, 'strength');
  assert.ok(items.some((it) => it.load_kg > 0), 'the plan loads something');
  checkWorkout(messages, items, 'strengthTraining');
  const loaded = messages.workoutStepMesgs.filter((s) => s.exerciseWeight);
  assert.ok(loaded.length > 0);
  for (const s of loaded) assert.equal(s.weightDisplayUnit, 'kilogram');
});

test('stretch workout: holds in time, flexibility training', () => {
  const { dir, run } = workspace();
  run('setup', '--level', 'beginner', '--equipment', 'mat,band,step,chair');
  run('export', 'fit', '--session', 'stretch', '-o', 'stretch.fit');
  const messages = decode(path.join(dir, 'stretch.fit'));
  checkWorkout(messages, planItems(run, 'stretch'), 'flexibilityTraining');
  assert.equal(messages.workoutMesgs[0].wktName, 'Hip stretches');
});
