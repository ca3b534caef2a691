#!/usr/bin/env node
/**
 * The `paniclens` executable: runs the bundled program (dist/cli/paniclens.cjs, from main.ts) as one
 * script with V8's code cache beside it (paniclens.cjs.cache, written by `npm run build`). Most of
 * the start of `analyze` on one report was the ES module loader resolving, reading and compiling
 * some thirty chunks; Node 20 has no compile cache of its own. A cache from another Node or V8 is
 * rejected by V8 (the program then compiles as usual) and written anew when the folder is writable.
 * Node built-ins come through require: an ES import of node:fs builds its module facade, which
 * loads the stream modules (~5 ms).
 */
import { createRequire } from 'node:module';

// Built as CommonJS (scripts/bundle-cli.mjs), the launcher has node's own require, which resolves
// from dist/cli/ as one made for the program would: the program gets it, and no createRequire runs.
const req: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);
const fs = req('node:fs') as typeof import('node:fs');
const vm = req('node:vm') as typeof import('node:vm');
const { fileURLToPath } = req('node:url') as typeof import('node:url');
const { dirname } = req('node:path') as typeof import('node:path');

const programUrl = new URL('./paniclens.cjs', import.meta.url);
const file = fileURLToPath(programUrl);
const cacheFile = `${file}.cache`;

// The bundle is ASCII (esbuild escapes the rest), so latin1 is exact and the cheapest decoding.
const source = fs.readFileSync(file, 'latin1');
let cachedData: Buffer | undefined;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}

// The file is one function expression (the build wraps the program), so the source goes to V8 as
// read. The program holds no import() (the build checks): a script run with a code cache has no
// loader for it.
const script = new vm.Script(source, {
  filename: file,
  ...(cachedData ? { cachedData } : {}),
});

if (cachedData === undefined || script.cachedDataRejected === true || process.env.PANICLENS_WRITE_COMPILE_CACHE === '1') {
  // At exit, so the cache holds the functions this run compiled (the build runs `analyze` on samples
  // for this); or sooner, when the program is about to change V8's flags (triage bounds its young
  // generation): V8 would refuse a cache written under flags other than a start's.
  let written = false;
  const write = (): void => {
    if (written) return;
    written = true;
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only install keeps compiling at every start; nothing else changes.
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing was written */
      }
    }
  };
  process.once('exit', write);
  // The event name is V8_FLAGS_EVENT of src/triage/node/run-triage.ts (not imported: the launcher loads nothing else).
  (process as NodeJS.EventEmitter).once('paniclens:v8-flags', write);
}

const module = { exports: {} };
const run = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string, u: string) => void;
run(module.exports, req, module, file, dirname(file), programUrl.href);
