// Cross-checks hipcoach's FIT reader against Garmin's own FIT SDK on the shared real device files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decoder, Stream } from '@garmin/fitsdk';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fitdump = path.join(root, 'build/tools/fitdump');
const testdata = path.resolve(root, '../shared/testdata');
const FIT_EPOCH = 631065600;

// Files whose sessions the SDK reads; damaged ones keep what is complete (status 1).
const files = [
  ['fit-benchmarks/sample.fit', 0],
  ['fit-benchmarks/large.fit', 0],
  ['fitparse/activity-small-fenix2-run.fit', 0],
  ['fitparse/activity-large-fenxi2-multisport.fit', 0],
  ['fitparse/garmin-fenix-5-run.fit', 0],
  ['fitparse/garmin-fenix-5-walk.fit', 0],
  ['fitparse/sample-activity.fit', 0],
  ['fitparse/sample_mulitple_header.fit', 0],
  ['fitparse/developer-types-sample.fit', 0],
  ['fitparse/compressed-speed-distance.fit', 0],
  ['fitparse/activity-unexpected-eof.fit', 1],
  ['fitparse/activity-filecrc.fit', 1],
  ['fitparse/activity-settings-corruptheader.fit', 1],
  ['fitparse/strava-android-app-201.10-b1218918.fit', 1],
];

// The SDK's sport strings, as hipcoach names them (src/formats/fit.c fit_sport_name).
function sportName(sport, subSport) {
  if (sport === 'running') {
    return { treadmill: 'treadmill_running', trail: 'trail_running', track: 'track_running',
      virtualActivity: 'virtual_running' }[subSport] ?? 'running';
  }
  return { cycling: 'cycling', walking: 'walking', hiking: 'hiking', swimming: 'swimming' }[sport] ?? 'other';
}

function sdkRead(buf) {
  const { messages } = new Decoder(Stream.fromBuffer(buf)).read();
  return messages;
}

function hipcoach(file, ...args) {
  const out = execFileSync(fitdump, [...args, file], { maxBuffer: 1 << 28 }).toString();
  return JSON.parse(out);
}

const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const have = fs.existsSync(testdata);

test('fitdump is built', { skip: !have && 'shared test data absent' }, () => {
  assert.ok(fs.existsSync(fitdump), `${fitdump} missing: run 'make build/tools/fitdump'`);
});

for (const [rel, status] of files) {
  const file = path.join(testdata, rel);
  const skip = !fs.existsSync(file) && `${file} absent`;

  test(`session totals of ${rel} match the FIT SDK`, { skip }, () => {
    const sessions = sdkRead(fs.readFileSync(file)).sessionMesgs ?? [];
    const ours = hipcoach(file);

    assert.equal(ours.status, status, ours.error);
    assert.equal(ours.activities.length, sessions.length);
    sessions.forEach((s, i) => {
      const a = ours.activities[i];
      assert.equal(a.start, iso(s.startTime), `start of session ${i}`);
      assert.equal(a.sport, sportName(s.sport, s.subSport), `sport of session ${i}`);
      assert.ok(Math.abs(a.distance_m - s.totalDistance) < 0.001, `distance ${a.distance_m} vs ${s.totalDistance}`);
      assert.ok(Math.abs(a.elapsed_s - s.totalElapsedTime) < 0.001, `elapsed ${a.elapsed_s} vs ${s.totalElapsedTime}`);
      const moving = s.totalMovingTime ?? s.totalTimerTime;
      assert.ok(Math.abs(a.moving_s - moving) < 0.001, `moving ${a.moving_s} vs ${moving}`);
      assert.equal(a.avg_hr, s.avgHeartRate ?? 0);
      assert.equal(a.max_hr, s.maxHeartRate ?? 0);
      if (s.totalAscent !== undefined) assert.equal(a.ascent_m, s.totalAscent);
    });
  });
}

// Record by record, on files the SDK reads whole (it refuses compressed timestamps).
for (const rel of ['fit-benchmarks/sample.fit', 'fit-benchmarks/large.fit',
  'fitparse/activity-small-fenix2-run.fit', 'fitparse/garmin-fenix-5-run.fit',
  'fitparse/sample-activity.fit', 'fitparse/developer-types-sample.fit']) {
  const file = path.join(testdata, rel);
  const skip = !fs.existsSync(file) && `${file} absent`;

  test(`records of ${rel} match the FIT SDK`, { skip }, () => {
    const theirs = sdkRead(fs.readFileSync(file)).recordMesgs ?? [];
    const ours = hipcoach(file, '--records').records;

    assert.equal(ours.length, theirs.length);
    theirs.forEach((r, i) => {
      const o = ours[i];
      const where = `record ${i}`;
      if (r.timestamp) assert.equal(o.timestamp, r.timestamp.getTime() / 1000 - FIT_EPOCH, where);
      if (r.distance !== undefined) assert.ok(Math.abs(o.distance_m - r.distance) < 0.001, where);
      else assert.equal(o.distance_m, null, where);
      assert.equal(o.heart_rate, r.heartRate, where);
      assert.equal(o.lat, r.positionLat, where);
      assert.equal(o.lon, r.positionLong, where);
      const speed = r.enhancedSpeed ?? r.speed;
      if (speed !== undefined) assert.ok(Math.abs(o.speed_mps - speed) < 0.001, where);
      const alt = r.enhancedAltitude ?? r.altitude;
      if (alt !== undefined) assert.ok(Math.abs(o.altitude_m - alt) < 0.05, where);
    });
  });
}
