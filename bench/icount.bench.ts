// Work per report, in machine instructions counted by valgrind's callgrind: repeatable to about
// 0.01% whatever else the machine is doing, where wall time on a shared VM drifts by a third within
// seconds. So one run tells whether a change made triage cheaper. Run: npm run build && npm run bench -- icount
// Figures: the floor (bench/floor.mjs: read + JSON.parse) and `triage --format json --jobs 1`, each
// as (count over 2N files − count over the first N) / N: the cost of one more file once the program
// has started and V8 has compiled its hot code (both fixed costs are printed apart), and their ratio.
// V8 runs with --predictable (one thread, fixed seeds): that is what makes the count repeatable. The
// collector's work is counted with the rest; no reading overlaps computing. Needs valgrind (Debian's
// package); without it the bench says so and prints nothing else.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSet } from './triage.bench.js';
import { writeCodeCache } from '../scripts/write-code-cache.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'dist/cli/main.cjs');
const floorScript = join(root, 'bench/floor.mjs');
const N = Number(process.env.ICOUNT_N ?? 250);

/** Instructions `node --predictable args…` executes, under callgrind. */
function count(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn('valgrind', ['--tool=callgrind', '--smc-check=all-non-file', '--callgrind-out-file=/dev/null', process.execPath, '--predictable', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const m = /Collected : (\d+)/.exec(err);
      if (code !== 0 || !m) reject(new Error(`callgrind run failed (${code}): ${args.join(' ')}\n${err.slice(-500)}`));
      else resolve(Number(m[1]));
    });
  });
}

export default async function bench(): Promise<void> {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('(valgrind not installed: apt-get install valgrind; no instruction counts)');
    return;
  }
  if (!existsSync(cli)) {
    console.log('(dist/cli/main.cjs missing: run `npm run build` first)');
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'paniclens-bench-icount-'));
  try {
    // The set of 2N files holds the set of N (the same files, and N more made alike).
    const all = join(tmp, 'all');
    const half = join(tmp, 'half');
    makeSet(all, 2 * N);
    makeSet(half, N);
    const triage = (dir: string) => [cli, 'triage', '--format', 'json', '--jobs', '1', dir];
    // Two at a time: a count does not depend on what else runs.
    const [floorAll, floorHalf] = await Promise.all([count([floorScript, all]), count([floorScript, half])]);
    const [triageAll, triageHalf] = await Promise.all([count(triage(all)), count(triage(half))]);
    const floorPer = (floorAll - floorHalf) / N;
    const triagePer = (triageAll - triageHalf) / N;
    const k = (n: number) => `${(n / 1000).toFixed(0)}k`;
    console.log(
      `instructions per file, the ${N} files beyond the first ${N} synthetic ones: floor ${k(floorPer)}, triage --jobs 1 ${k(triagePer)} = ${(triagePer / floorPer).toFixed(1)}x the floor ` +
        `(${((100 * floorPer) / triagePer).toFixed(1)}% of its throughput at equal instructions per second); ` +
        `fixed costs (start, first ${N} files): floor ${(floorHalf / 1e6).toFixed(0)}M, triage ${(triageHalf / 1e6).toFixed(0)}M`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // Under --predictable V8 rejects the build's code cache (other flags) and the launcher wrote one
    // for those flags: write the normal one again, as `npm run build` does.
    writeCodeCache();
  }
}
