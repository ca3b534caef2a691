// Symbolication throughput on a 10,000-frame batch against the committed Mach-O fixtures:
// each backend through the whole pipeline (plan, locate by UUID, resolve, write back), llvm-symbolizer fed the same
// addresses directly (target: ours ≤ 2× direct), and raw Mach-O reader lookups (target ≥ 200,000 addresses/s).
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emptyReport, type Report } from '../src/model/report.js';
import { Symbolicator } from '../src/symbolicate/index.js';
import { findLlvmSymbolizer } from '../src/symbolicate/find-tool.js';
import { LlvmSymbolizerBackend, llvmSymbolizerArgs, llvmRequestLine } from '../src/symbolicate/llvm-symbolizer.js';
import { MachoBackend } from '../src/symbolicate/macho-backend.js';
import { loadFileBytes, selectBackend } from '../src/symbolicate/select-backend.js';
import { imageForArch, readMachO, SymbolTable } from '../src/symbolicate/macho/index.js';
import type { SymbolBackend, SymbolFile } from '../src/symbolicate/types.js';

const FRAMES = 10_000;
const out = fileURLToPath(new URL('../test/fixtures/macho/out/', import.meta.url));
const APP = `${out}App/arm64/App`;
const DWARF = `${out}App/arm64/App.dSYM/Contents/Resources/DWARF/App`;

/** Deterministic pseudo-random numbers (the bench must not vary between runs by input). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function textRange(path: string): { image: ReturnType<typeof imageForArch>; start: bigint; size: bigint } {
  const r = readMachO(new Uint8Array(readFileSync(path)), path);
  if (!r.ok) throw new Error(r.error.reason);
  const image = imageForArch(r.images, 'arm64')!;
  const text = image.segments.flatMap((s) => s.sections).find((s) => s.name === '__text')!;
  return { image, start: text.addr, size: text.size };
}

/** One report with FRAMES frames (100 threads × 100) at random __text addresses of the arm64 App. */
function bigReport(): { report: Report; fileAddresses: bigint[] } {
  const { image, start, size } = textRange(APP);
  const base = 0x102a4c000n;
  const next = rng(42);
  const r = emptyReport({ path: 'bench.ips', format: 'ips' }, 'crash');
  r.images = [{ name: 'App', uuid: image!.uuid, base, size: 0x8000n, arch: 'arm64' }];
  const fileAddresses: bigint[] = [];
  for (let t = 0; t < FRAMES / 100; t++) {
    const frames = [];
    for (let i = 0; i < 100; i++) {
      const file = start + (BigInt(Math.floor(next() * Number(size))) & ~3n);
      frames.push({ index: i, address: base + file - 0x100000000n, image: 'App' });
      fileAddresses.push(i === 0 ? file : file - 4n);
    }
    r.threads.push({ index: t, crashed: t === 0, frames });
  }
  return { report: r, fileAddresses };
}

async function pipeline(name: string, backend: SymbolBackend, report: Report): Promise<number> {
  const s = new Symbolicator({ backend, symbols: [`${out}App/arm64`], defaultLocations: false, reportFolders: false });
  await s.symbolicate([emptyReport({ path: 'warm', format: 'ips' }, 'crash')]); // index built once per run, as in triage
  const t0 = performance.now();
  const [done] = await s.symbolicate([report]);
  const ms = performance.now() - t0;
  await s.close();
  const resolved = done!.threads.flatMap((t) => t.frames).filter((f) => f.symbolSource === backend.name && !f.inlined).length;
  console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round((FRAMES / ms) * 1000).toLocaleString('en').padStart(9)} frames/s  (${resolved} resolved)`);
  return ms;
}

async function direct(binary: string, fileAddresses: bigint[], label = 'llvm-symbolizer direct (stdin)'): Promise<number> {
  const file: SymbolFile = { path: DWARF, arch: 'arm64', uuid: '', kind: 'dsym', segments: [] };
  const input = `${fileAddresses.map((address) => llvmRequestLine({ file, address })).join('\n')}\n`;
  const t0 = performance.now();
  const { stdout } = await execa(binary, llvmSymbolizerArgs(), { input });
  const ms = performance.now() - t0;
  const lines = stdout.split('\n').length;
  console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round((fileAddresses.length / ms) * 1000).toLocaleString('en').padStart(9)} frames/s  (${lines} lines)`);
  return ms;
}

function machoLookups(): void {
  const { image, start, size } = textRange(APP);
  const t0 = performance.now();
  const table = SymbolTable.fromImage(image!);
  const parse = performance.now() - t0;
  const next = rng(7);
  const addrs = Array.from({ length: 100_000 }, () => start + BigInt(Math.floor(next() * Number(size))));
  const t1 = performance.now();
  let hits = 0;
  for (const a of addrs) if (table.lookup(a)) hits++;
  const ms = performance.now() - t1;
  console.log(`${'macho reader lookups (100k)'.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round((addrs.length / ms) * 1000).toLocaleString('en').padStart(9)} addresses/s  (parse ${parse.toFixed(2)} ms, ${hits} hits; target ≥ 200,000/s)`);
}

export default async function run(): Promise<void> {
  const { report, fileAddresses } = bigReport();
  machoLookups();
  await pipeline('macho backend (pipeline)', new MachoBackend(loadFileBytes), report);
  const llvm = findLlvmSymbolizer();
  if (!llvm) {
    console.log('llvm-symbolizer: not on PATH, skipped (apt-get install llvm)');
  } else {
    await direct(llvm, fileAddresses.slice(0, 200), 'llvm-symbolizer warm-up (200)'); // page cache, dynamic loader
    const d = await direct(llvm, fileAddresses);
    const ours = await pipeline('llvm-symbolizer backend (pipeline)', new LlvmSymbolizerBackend(llvm), report);
    console.log(`llvm-symbolizer: ours / direct = ${(ours / d).toFixed(2)}× (target ≤ 2×)`);
  }
  const atos = selectBackend('atos');
  if (atos.backend) await pipeline('atos backend (pipeline)', atos.backend, report);
  else console.log('atos: not available here (macOS only), skipped');
}
