// Writes dist/cli/paniclens.cjs.cache, V8's compiled code of what `analyze` runs (the launcher,
// src/cli/launch.ts, writes it at exit when asked). The run reads a folder (a kernel log and a dext's
// crash report), a legacy crash report and a kernel panic, so the parsers, demanglers and renderers
// most reports need are compiled already; functions the run never called stay out of the cache and
// compile when first called, as without one. Run by `npm run build`, and by the icount bench after
// runs under other V8 flags. `node scripts/write-code-cache.mjs` exits 1 when no cache was written.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function writeCodeCache() {
  const cache = new URL('../dist/cli/paniclens.cjs.cache', import.meta.url);
  rmSync(cache, { force: true });
  const sample = (p) => fileURLToPath(new URL(`../samples/${p}`, import.meta.url));
  // With an option (the default format), so the run goes through commander as every other command line
  // does; `analyze FILE…` alone skips it (src/cli/main.ts) and reads the few functions it does not use.
  execFileSync(process.execPath, [fileURLToPath(new URL('../dist/cli/main.cjs', import.meta.url)), 'analyze', '--format', 'text', sample('founding-case/'), sample('crash-ios-arm64.crash'), sample('panic-intel.panic')], {
    env: { ...process.env, PANICLENS_WRITE_COMPILE_CACHE: '1' },
    stdio: 'ignore',
  });
  return existsSync(cache);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && !writeCodeCache()) {
  console.error('write-code-cache: the code cache was not written');
  process.exit(1);
}
