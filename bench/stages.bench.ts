// Where one report's time goes in triage's per-report path, in one warm thread: ingest, prepare
// (demangle, signatures), diagnose, summary (bucket, incident member), per sample, in µs, beside
// the floor of the same bytes (decode + JSON.parse of what is JSON). Run: npm run bench -- stages
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingestBytes } from '../src/ingest/index.js';
import { prepareReports } from '../src/pipeline/analyze-reports.js';
import { diagnoseReport } from '../src/diagnose/index.js';
import { summarizeReport } from '../src/triage/summary.js';
import { loadSkipList } from '../src/triage/node/skip-frames.js';

const root = fileURLToPath(new URL('../', import.meta.url));
export const STAGE_SAMPLES = [
  'crash-macos-arm64.ips',
  'crash-ios-arm64.crash',
  'crash-macos-x86_64.crash',
  'jetsam-ios.ips',
  'panic-applesilicon.ips',
  'panic-intel.panic',
  'panic-pasted.txt',
  'founding-case/dext-crash.ips',
  'founding-case/kernel.log',
];

function floorOf(bytes: Uint8Array): void {
  const text = new TextDecoder().decode(bytes);
  if (!text.startsWith('{')) return;
  const nl = text.indexOf('\n');
  try {
    JSON.parse(text.slice(0, nl));
    JSON.parse(text.slice(nl + 1));
  } catch {
    /* one document */
  }
}

export default async function run(): Promise<void> {
  const skip = await loadSkipList();
  const N = Number(process.env.STAGES_N ?? 300);
  const WARM = 50;
  const sum = [0, 0, 0, 0, 0];
  console.log(`${'sample'.padEnd(28)} ${['floor', 'ingest', 'prepare', 'diagnose', 'summary', 'total'].map((h) => h.padStart(8)).join(' ')}  (µs per report, mean of ${N} after ${WARM} warm-up)`);
  for (const s of STAGE_SAMPLES) {
    const bytes = new Uint8Array(readFileSync(`${root}samples/${s}`));
    const t = [0, 0, 0, 0, 0];
    for (let i = 0; i < N + WARM; i++) {
      const a = performance.now();
      floorOf(bytes);
      const b = performance.now();
      const ing = ingestBytes(bytes, `/bench/${s}`);
      const c = performance.now();
      const { reports, signatures } = await prepareReports(ing.reports, { symbolicator: 'none' });
      const d = performance.now();
      for (const r of reports) r.diagnoses = diagnoseReport(r, signatures);
      const e = performance.now();
      for (const r of reports) summarizeReport(r, skip);
      const f = performance.now();
      if (i >= WARM) [b - a, c - b, d - c, e - d, f - e].forEach((x, k) => (t[k] = (t[k] as number) + x));
    }
    const per = t.map((x) => (x / N) * 1000);
    per.forEach((x, k) => (sum[k] = (sum[k] as number) + x));
    const total = per.slice(1).reduce((x, y) => x + y, 0);
    console.log(`${s.replace(/^.*\//, '').padEnd(28)} ${[...per, total].map((x) => x.toFixed(0).padStart(8)).join(' ')}`);
  }
  const mean = sum.map((x) => x / STAGE_SAMPLES.length);
  const total = mean.slice(1).reduce((x, y) => x + y, 0);
  console.log(`${'mean'.padEnd(28)} ${[...mean, total].map((x) => x.toFixed(0).padStart(8)).join(' ')}  (pipeline = ${(total / (mean[0] as number)).toFixed(1)}x the floor)`);
}
