// Throughput of the .ips ingester: parse time per document and MB/s, on the samples and,
// when the shared corpus sits beside the repository, on its largest .ips files.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseIps } from '../src/ingest/ips/index.js';
import { readJson } from '../src/ingest/ips/lossless-json.js';
import { decodeBytes, detectForm, splitDocuments } from '../src/ingest/index.js';
import { unwrapPaste } from '../src/ingest/unwrap-paste.js';
import { STAGE_SAMPLES } from './stages.bench.js';

const root = new URL('../', import.meta.url);
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

function measure(label: string, text: string, runs: number): void {
  const ctx = { path: label, startLine: 1, documentIndex: 0 };
  parseIps(text, ctx); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parseIps(text, ctx);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const mb = Buffer.byteLength(text) / 1e6;
  console.log(`${label.padEnd(66)} ${mb.toFixed(2).padStart(6)} MB  median ${median.toFixed(1).padStart(6)} ms  ${(mb / (median / 1000)).toFixed(1).padStart(6)} MB/s`);
}

/** Hostile shapes that must stay near-linear (each about 2-6 MB). */
const HOSTILE: Record<string, () => string> = {
  'hostile: string of 1M escapes': () => '{"bug_type":"309"}\n{"procName":"' + '\\\\'.repeat(1_000_000) + '"}',
  'hostile: 1M nested objects': () => '{"bug_type":"309"}\n' + '{"a":'.repeat(1_000_000),
  'hostile: corrupt body, 400k key fragments': () => '{"bug_type":"309"}\n{' + '"a":"'.repeat(400_000),
  'hostile: 200k threads': () => '{"bug_type":"309"}\n{"procName":"p","threads":[' + '{"frames":[{"imageIndex":0}]},'.repeat(200_000) + '{}]}',
};

/** Best per-call time in µs over batches: on a shared machine the minimum is the steadiest figure. */
function bestMicros(f: () => unknown, perBatch = 200, batches = 15): number {
  for (let i = 0; i < perBatch; i++) f();
  let best = Infinity;
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) f();
    best = Math.min(best, ((performance.now() - t0) / perBatch) * 1000);
  }
  return best;
}

/**
 * The common front every input passes through (decode, unwrap, split, detect) and, for .ips, the
 * lossless JSON read beside a bare JSON.parse of the same body: µs per call, best of 15 batches.
 */
function front(): void {
  const cols = ['decode', 'unwrap', 'split', 'detect', 'front', 'readJson', 'JSON.parse'];
  console.log(`${'front (µs, best batch)'.padEnd(28)} ${cols.map((c) => c.padStart(10)).join(' ')}`);
  for (const s of STAGE_SAMPLES) {
    const bytes = new Uint8Array(readFileSync(new URL(`samples/${s}`, root)));
    const text = decodeBytes(bytes).text;
    const times = [
      bestMicros(() => decodeBytes(bytes)),
      bestMicros(() => unwrapPaste(text)),
      bestMicros(() => splitDocuments(text)),
      bestMicros(() => detectForm(text)),
    ];
    times.push(times.reduce((a, b) => a + b, 0));
    const nl = text.indexOf('\n');
    const body = text.slice(nl + 1);
    let json = false;
    try {
      JSON.parse(body);
      json = text.startsWith('{');
    } catch {
      /* not an .ips with a JSON body */
    }
    const cells = times.map((t) => t.toFixed(1).padStart(10));
    if (json) cells.push(bestMicros(() => readJson(body)).toFixed(1).padStart(10), bestMicros(() => JSON.parse(body)).toFixed(1).padStart(10));
    console.log(`${s.replace(/^.*\//, '').padEnd(28)} ${cells.join(' ')}`);
  }
}

export default function bench(): void {
  front();
  for (const [label, make] of Object.entries(HOSTILE)) measure(label, make(), 3);
  for (const rel of ['samples/crash-macos-arm64.ips', 'samples/panic-applesilicon.ips', 'samples/jetsam-ios.ips', 'samples/founding-case/dext-crash.ips']) {
    measure(rel, readFileSync(new URL(rel, root), 'utf8'), 50);
  }
  if (!existsSync(corpus)) {
    console.log('(shared corpus absent: corpus figures skipped)');
    return;
  }
  const files = readdirSync(corpus).filter((f) => f.startsWith('ips'));
  const sized = files.map((f) => ({ f, text: readFileSync(corpus + f, 'utf8') })).sort((a, b) => b.text.length - a.text.length);
  for (const { f, text } of sized.slice(0, 4)) measure(`corpus/${f}`, text, 10);
  // A cut document exercises the damage path (partial read, key scan).
  const big = sized[0];
  if (big) measure(`corpus/${big.f} cut at 60%`, big.text.slice(0, Math.floor(big.text.length * 0.6)), 10);
}
