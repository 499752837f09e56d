// Decodes every FIT file of a folder with Garmin's FIT SDK in this one process and prints
// {"files", "bytes", "seconds"} (reading the files is not timed).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sdkUrl = pathToFileURL(path.join(root, 'tests/node/node_modules/@garmin/fitsdk/src/index.js'));
const { Decoder, Stream } = await import(sdkUrl.href);

const dir = process.argv[2];
const bufs = fs.readdirSync(dir).filter((f) => f.endsWith('.fit')).sort()
  .map((f) => fs.readFileSync(path.join(dir, f)));
let bytes = 0, sessions = 0;
const t0 = process.hrtime.bigint();
for (const buf of bufs) {
  const { messages } = new Decoder(Stream.fromBuffer(buf)).read();
  sessions += (messages.sessionMesgs || []).length;
  bytes += buf.length;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ files: bufs.length, sessions, bytes, seconds }));
