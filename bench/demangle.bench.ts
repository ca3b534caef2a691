// Demangling cost: average µs per name over the project's names table (target < 5 µs), per kind
// (Swift simplified, Swift full, C++), and the shared Swift vectors when ../shared sits beside the repo.
// Measures the built code (dist/, what ships; run `npm run build` first) when present: under tsx every
// closure creation is wrapped by a naming helper, which costs more than the demangling itself.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Demangle = (name: string, opts?: { style?: 'full' | 'simplified' }) => string;

function table(): string[] {
  const text = readFileSync(new URL('../test/fixtures/demangle/names.tsv', import.meta.url), 'utf8');
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split('\t')[0] as string);
}

function measure(demangle: Demangle, label: string, names: string[], style: 'full' | 'simplified'): void {
  if (names.length === 0) return;
  const run = (): void => {
    for (const n of names) demangle(n, { style });
  };
  // Warm up for half a second so the optimising compiler has finished with the hot paths.
  for (const end = performance.now() + 500; performance.now() < end;) run();
  // Wall clock and this process's CPU time: on a busy machine the CPU time is the fairer figure.
  const wall: number[] = [];
  const cpu: number[] = [];
  const rounds = Math.max(5, Math.ceil(20_000 / names.length));
  for (let s = 0; s < 15; s++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) run();
    const c = process.cpuUsage(c0);
    wall.push(((performance.now() - t0) * 1000) / (rounds * names.length));
    cpu.push((c.user + c.system) / (rounds * names.length));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(`${label.padEnd(44)} ${String(names.length).padStart(4)} names  ${median(cpu).toFixed(2).padStart(5)} µs/name CPU`
    + `  (wall ${median(wall).toFixed(2)})  target < 5`);
}

export default async function bench(): Promise<void> {
  const built = new URL('../dist/demangle/index.js', import.meta.url);
  const fromDist = existsSync(built);
  const base = fromDist ? '../dist/demangle/' : '../src/demangle/';
  const { demangle } = (await import(new URL(`${base}index.js`, import.meta.url).href)) as { demangle: Demangle };
  const { installNodeCxxBackend } = (await import(new URL(`${base}cxx-node.js`, import.meta.url).href)) as
    { installNodeCxxBackend: () => boolean };
  installNodeCxxBackend();
  console.log(`(measuring ${fromDist ? 'dist/ (built)' : 'src/ through tsx'})`);
  const names = table();
  measure(demangle, 'names table, simplified (all kinds)', names, 'simplified');
  measure(demangle, 'names table, full (all kinds)', names, 'full');
  measure(demangle, 'names table, Swift only, simplified', names.filter((n) => /^(_?\$s|_T)/.test(n)), 'simplified');
  measure(demangle, 'names table, C++ only', names.filter((n) => /^_+Z./.test(n)), 'simplified');
  const shared = fileURLToPath(new URL('../../shared/swift-demangle/manglings.txt', import.meta.url));
  if (existsSync(shared)) {
    const vectors = readFileSync(shared, 'utf8').split('\n').filter((l) => l.includes(' ---> '))
      .map((l) => l.slice(0, l.indexOf(' --->')).trim());
    measure(demangle, 'shared swift-demangle manglings.txt, full', vectors, 'full');
  }
}
