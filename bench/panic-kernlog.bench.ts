// Throughput of the panic-text and kernel-log ingesters on samples scaled up in memory.
// Target: a 200k-line kernel log (the event cap) in under 2 s, a panic string in under 5 ms.
import { readFileSync } from 'node:fs';
import { parseKernelLog } from '../src/ingest/kernel-log/index.js';
import { parsePanicText } from '../src/ingest/panic-text/index.js';

const sample = (rel: string) => readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8');
const ctx = { path: 'bench', startLine: 1, documentIndex: 0 };

function time(label: string, runs: number, fn: () => unknown): void {
  fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label}: ${ms.toFixed(2)} ms/run (${runs} runs)`);
}

export default function run(): void {
  const log = sample('samples/founding-case/kernel.log');
  const lines = log.split('\n').length;
  const big = log.repeat(Math.ceil(200_000 / lines));
  const bigLines = big.split('\n').length;
  time(`kernel log, ${bigLines} lines (${(big.length / 1e6).toFixed(1)} MB)`, 3, () => parseKernelLog(big, ctx));
  const r = parseKernelLog(big, ctx);
  console.log(`  events: ${r.events.length}, DriverKit events: ${r.events.filter((e) => e.driverKit).length}`);

  for (const file of ['samples/panic-intel.panic', 'samples/panic-pasted.txt']) {
    const text = sample(file);
    time(`${file} (${text.length} chars)`, 200, () => parsePanicText(text, ctx));
  }
  // A long panic: 5000 loaded kexts and a 2000-line quoted dump that never closes.
  const dump = Array.from({ length: 2000 }, (_, i) => `000000000000000000 | [RX] | ${i.toString(16).padStart(18, '0')}`).join('\n');
  const kexts = Array.from({ length: 5000 }, (_, i) => `com.example.kext${i}\t1.${i}`).join('\n');
  const long = `panic(cpu 0 caller 0xfffffe0012345678): "dump:\n${dump}\nDebugger message: panic\nloaded kexts:\n${kexts}\n`;
  time(`long panic (${(long.length / 1e3).toFixed(0)} KB)`, 20, () => parsePanicText(long, ctx));

  // Hostile shapes that once cost seconds (quadratic regexes); each should stay in single-digit ms.
  const hostile: [string, () => unknown][] = [
    ['100k spaces in a panic message', () => parsePanicText(`panic(cpu 0 caller 0x1): a${' '.repeat(100_000)}x`, ctx)],
    ['20k ", file:" in an assertion', () => parsePanicText(`panic(cpu 0 caller 0x1): assertion failed: ${', file: x'.repeat(20_000)}`, ctx)],
    ['100 KB dotted run before .dext:', () => parsePanicText(`${'a.'.repeat(50_000)}dextX .dext:`, ctx)],
    ['200 KB log line of "x["', () => parseKernelLog(`2026-03-01 10:21:07.123456-0800  localhost kernel[0]: ${'x['.repeat(100_000)}`, ctx)],
    ['100k nested JSON arrays', () => parseKernelLog(`[{"eventMessage":"x","a":${'['.repeat(100_000)}`, ctx)],
  ];
  for (const [label, fn] of hostile) time(`hostile: ${label}`, 5, fn);
}
