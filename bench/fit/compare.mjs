// Times FIT decoding of the same files by hipcoach, Garmin's FIT SDK and gpsbabel, and prints the ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sdkUrl = pathToFileURL(path.join(root, 'tests/node/node_modules/@garmin/fitsdk/src/index.js'));
const { Decoder, Stream } = await import(sdkUrl.href);
const fitdump = path.join(root, 'build/tools/fitdump');
const [runsArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg);
const mb = (bytes, s) => bytes / s / 1e6;

function best(fn) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < min) min = s;
  }
  return min;
}

// Garmin's SDK in this process, from a buffer already in memory: default options (what an app
// gets), and every conversion off (the SDK's fastest).
function sdk(buf, options) {
  return best(() => {
    const { messages, errors } = new Decoder(Stream.fromBuffer(buf)).read(options);
    if (errors.length || !messages.recordMesgs) throw new Error('FIT SDK failed');
  });
}

// A whole process from start to exit: what gpsbabel costs, and the same for hipcoach's fitdump.
function proc(cmd, args) {
  return best(() => {
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  });
}

const haveGpsbabel = spawnSync('gpsbabel', ['-V']).status === 0;
const rows = [];
for (const file of files) {
  const buf = fs.readFileSync(file);
  const ours = JSON.parse(execFileSync(fitdump, ['--bench', String(runs), file]).toString());
  const row = {
    file: path.basename(file),
    bytes: buf.length,
    read_s: ours.read_s,
    decode_s: ours.decode_s,
    sdk_s: sdk(buf, {}),
    sdk_raw_s: sdk(buf, {
      applyScaleAndOffset: false, expandSubFields: false, expandComponents: false,
      convertTypesToStrings: false, convertDateTimesToDates: false, mergeHeartRates: false,
    }),
    proc_s: proc(fitdump, [file]),
    gpsbabel_s: haveGpsbabel
      ? proc('gpsbabel', ['-i', 'garmin_fit', '-f', file, '-o', 'unicsv', '-F', '/dev/null'])
      : NaN,
  };
  rows.push(row);
}

const ms = (s) => (s * 1e3).toFixed(2);
console.log('\n| file | bytes | hipcoach fit_read | hipcoach records | FIT SDK (default) | FIT SDK (raw) | hipcoach process | gpsbabel process |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.file} | ${r.bytes} | ${ms(r.read_s)} ms, ${mb(r.bytes, r.read_s).toFixed(0)} MB/s`
    + ` | ${ms(r.decode_s)} ms, ${mb(r.bytes, r.decode_s).toFixed(0)} MB/s`
    + ` | ${ms(r.sdk_s)} ms, ${mb(r.bytes, r.sdk_s).toFixed(1)} MB/s`
    + ` | ${ms(r.sdk_raw_s)} ms, ${mb(r.bytes, r.sdk_raw_s).toFixed(1)} MB/s`
    + ` | ${ms(r.proc_s)} ms | ${Number.isNaN(r.gpsbabel_s) ? 'not installed' : ms(r.gpsbabel_s) + ' ms'} |`);
}
console.log('\nratios (peer time / hipcoach time; > 1 means hipcoach is faster):');
for (const r of rows) {
  const parts = [
    `FIT SDK default ${(r.sdk_s / r.read_s).toFixed(0)}x`,
    `FIT SDK raw ${(r.sdk_raw_s / r.read_s).toFixed(0)}x`,
  ];
  if (!Number.isNaN(r.gpsbabel_s)) parts.push(`gpsbabel process ${(r.gpsbabel_s / r.proc_s).toFixed(1)}x`);
  console.log(`  ${r.file}: ${parts.join(', ')}`);
}
const worst = Math.min(...rows.map((r) => mb(r.bytes, r.read_s)));
console.log(`\ntarget >= 300 MB/s per core: slowest file ${worst.toFixed(0)} MB/s (${worst >= 300 ? 'met' : 'NOT met'}; not a test)`);
