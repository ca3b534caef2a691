// Throughput of the legacy crash-text ingester: ms per report and MB/s on a generated ~90 KB
// report (the size the Rust reference parses in ~2.2 ms), the samples, hostile shapes, and the
// largest corpus crash-* files when the shared corpus sits beside the repository.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCrashText } from '../src/ingest/crash-text/index.js';

const root = new URL('../', import.meta.url);
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

function measure(label: string, text: string, runs: number): void {
  const ctx = { path: label, startLine: 1, documentIndex: 0 };
  for (let i = 0; i < 5; i++) parseCrashText(text, ctx); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parseCrashText(text, ctx);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const mb = new TextEncoder().encode(text).length / 1e6;
  console.log(`${label.padEnd(66)} ${(mb * 1000).toFixed(1).padStart(7)} KB  median ${median.toFixed(2).padStart(7)} ms/report  ${(mb / (median / 1000)).toFixed(1).padStart(6)} MB/s`);
}

/** A macOS-style report of about 90 KB: 26 threads × 24 frames, 300 binary images. */
export function generatedReport(): string {
  const hex = (n: number): string => `0x${n.toString(16)}`;
  const out: string[] = [
    'Process:               Generated [4242]',
    'Path:                  /Applications/Generated.app/Contents/MacOS/Generated',
    'Identifier:            com.example.generated',
    'Version:               1.0 (1)',
    'Code Type:             X86-64 (Native)',
    'Parent Process:        launchd [1]',
    '',
    'Date/Time:             2024-01-02 03:04:05.678 +0000',
    'OS Version:            macOS 14.2.1 (23C71)',
    'Report Version:        12',
    '',
    'Crashed Thread:        0  Dispatch queue: com.apple.main-thread',
    '',
    'Exception Type:        EXC_BAD_ACCESS (SIGSEGV)',
    'Exception Codes:       KERN_INVALID_ADDRESS at 0x0000000000000010',
    'Termination Reason:    Namespace SIGNAL, Code 11 Segmentation fault: 11',
    '',
  ];
  const images = Array.from({ length: 300 }, (_, i) => ({ name: i === 0 ? 'Generated' : `libgen${i}.dylib`, base: 0x100000000 + i * 0x100000 }));
  for (let t = 0; t < 26; t++) {
    out.push(t === 0 ? 'Thread 0 Crashed:: Dispatch queue: com.apple.main-thread' : `Thread ${t}:`);
    for (let f = 0; f < 24; f++) {
      const img = images[(t * 7 + f * 13) % images.length] as { name: string; base: number };
      const off = 0x1000 + f * 0x44 + t;
      const loc = f % 2 === 0 ? `${hex(img.base)} + ${off}` : `-[GenClass${f} method${t}:withArgument:] + ${f * 4}`;
      out.push(`${String(f).padEnd(4)}${img.name.padEnd(30)}\t${hex(img.base + off).padStart(18)} ${loc}`);
    }
    out.push('');
  }
  out.push('Thread 0 crashed with X86 Thread State (64-bit):');
  out.push('  rax: 0x0000000000000000  rbx: 0x0000600000c04000  rcx: 0x0000000000000001  rdx: 0x0000000000000002');
  out.push('  rip: 0x0000000100001044  rfl: 0x0000000000010246  cr2: 0x0000000000000010', '', 'Binary Images:');
  for (const img of images) {
    out.push(`${hex(img.base).padStart(18)} - ${hex(img.base + 0xfffff).padStart(18)} ${img.name} (*) <01234567-89ab-cdef-0123-${img.base.toString(16).padStart(12, '0')}> /usr/lib/${img.name}`);
  }
  return `${out.join('\n')}\n`;
}

const HOSTILE: Record<string, () => string> = {
  'hostile: 2 MB of frame-like lines without addresses': () => `Exception Type: EXC_CRASH (SIGABRT)\nThread 0 Crashed:\n${'12  CoreFoundation            \n'.repeat(64_000)}`,
  'hostile: 1 MB collapsed line of labels': () => `${'Process: A [1] Exception Type: EXC_CRASH (SIGABRT) Thread 0 Crashed: '.repeat(15_000)}\n`,
  'hostile: 100k image lines': () => `Binary Images:\n${'0x1000 - 0x1fff +lib (*) <0123456789abcdef0123456789abcdef> /x y z\n'.repeat(100_000)}`,
};

export default async function bench(): Promise<void> {
  measure('generated ~90 KB macOS report', generatedReport(), 200);
  for (const rel of ['samples/crash-ios-arm64.crash', 'samples/crash-macos-x86_64.crash']) {
    measure(rel, readFileSync(new URL(rel, root), 'utf8'), 200);
  }
  for (const [label, make] of Object.entries(HOSTILE)) measure(label, make(), 5);
  if (!existsSync(corpus)) {
    console.log('(shared corpus absent: corpus figures skipped)');
    return;
  }
  const sized = readdirSync(corpus)
    .filter((f) => f.startsWith('crash-') || f.startsWith('other-spindump') || f.startsWith('other-userspace'))
    .map((f) => ({ f, text: readFileSync(corpus + f, 'utf8') }))
    .sort((a, b) => b.text.length - a.text.length);
  for (const { f, text } of sized.slice(0, 5)) measure(`corpus/${f}`, text, 50);
  legacySet();
}

/** The figure for Sentry's Rust apple-crash-report-parser on its 27 × 20 = 540 legacy files (parse only, not run here). */
const RUST_REFERENCE_S = 0.65;

/**
 * Parse only, one thread: the legacy .crash set of issue 10 (the corpus' whole legacy .crash reports,
 * each parsed 20 times, as triage's bench copies them), the same work the Rust reference figure times.
 */
function legacySet(): void {
  const manifest = JSON.parse(readFileSync(`${corpus}MANIFEST.json`, 'utf8')) as { file: string; kind: string }[];
  const texts = manifest
    .filter((e) => e.kind === 'crash-text' && e.file.endsWith('.crash') && !e.file.includes('excerpt'))
    .map((e) => readFileSync(corpus + e.file, 'utf8'));
  const ctx = { path: 'legacy', startLine: 1, documentIndex: 0 };
  for (const t of texts) parseCrashText(t, ctx); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (let copy = 0; copy < 20; copy++) for (const t of texts) parseCrashText(t, ctx);
    runs.push((performance.now() - t0) / 1000);
  }
  const s = runs.sort((a, b) => a - b)[1] as number;
  const mb = texts.reduce((n, t) => n + new TextEncoder().encode(t).length, 0) * 20 / 1e6;
  console.log(
    `legacy .crash set, parse only (parseCrashText, 1 thread): ${texts.length} × 20 = ${texts.length * 20} files (${mb.toFixed(1)} MB) in ${s.toFixed(3)} s ` +
      `(median of 3), ${((texts.length * 20) / s).toFixed(0)} files/s; reference (issue 10, Rust, 540 files): ${RUST_REFERENCE_S} s = ${(540 / RUST_REFERENCE_S).toFixed(0)} files/s`,
  );
}
