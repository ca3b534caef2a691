// The executable runs the bundled program with V8's code cache (src/cli/launch.ts): the answer is
// the same with the build's cache, without one and with a damaged one, and a missing or rejected
// cache is written anew. Runs a copy of dist/cli/ in a package-shaped temporary folder, so the
// shared build is never touched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

let pkg: string;
const cli = (): string => join(pkg, 'dist/cli');
const run = (args: string[], nodeArgs: string[] = []) =>
  spawnSync(process.execPath, [...nodeArgs, join(cli(), 'main.cjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'paniclens-launch-'));
  mkdirSync(cli(), { recursive: true });
  for (const f of ['main.cjs', 'paniclens.cjs', 'worker.js']) copyFileSync(join(repoRoot, 'dist/cli', f), join(cli(), f));
  cpSync(join(repoRoot, 'dist/cli/vendor'), join(cli(), 'vendor'), { recursive: true });
  for (const d of ['signatures', 'node_modules', 'package.json', 'dist/validated-signatures']) symlinkSync(join(repoRoot, d), join(pkg, d));
});
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

describe('paniclens executable and its code cache', () => {
  const args = ['analyze', '--format', 'json', 'samples/founding-case/'];

  it('answers as the build does without a cache, and writes one', () => {
    const expected = spawnSync(process.execPath, [join(repoRoot, 'dist/cli/main.cjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });
    expect(expected.status).toBe(0);
    const cache = join(cli(), 'paniclens.cjs.cache');
    expect(existsSync(cache)).toBe(false);
    const first = run(args);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(expected.stdout);
    expect(existsSync(cache)).toBe(true);
    const written = readFileSync(cache);
    // With the cache it wrote: same answer, and the cache is kept as it is.
    const second = run(args);
    expect(second.stdout).toBe(expected.stdout);
    expect(readFileSync(cache).equals(written)).toBe(true);
  });

  it('a damaged cache is rejected, the answer is unchanged and the cache is written anew', () => {
    const cache = join(cli(), 'paniclens.cjs.cache');
    writeFileSync(cache, Buffer.alloc(4096, 7));
    const r = run(['analyze', 'samples/crash-macos-arm64.ips']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Likely cause: NULL or near-NULL pointer dereference');
    expect(readFileSync(cache).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('commands that load code on demand work under the cache (triage with workers, help)', () => {
    // More files than the main thread takes alone before it starts a worker (src/triage/node/run-triage.ts).
    const many = join(pkg, 'many');
    for (let i = 0; i < 8; i++) cpSync(join(repoRoot, 'samples'), join(many, String(i)), { recursive: true });
    const t = run(['triage', '--format', 'json', '--jobs', '2', many]);
    expect(t.status).toBe(0);
    expect(t.stderr).toBe('');
    expect((JSON.parse(t.stdout) as { summary: { reports: number } }).summary.reports).toBe(8 * 9);
    // Libraries bundled apart (dist/cli/vendor/) load from beside the program: globs, archives, plists.
    const g = run(['triage', '--format', 'json', '--jobs', '1', 'samples/*.ips']);
    expect(g.status).toBe(0);
    expect((JSON.parse(g.stdout) as { summary: { reports: number } }).summary.reports).toBe(3);
    const h = run(['--help']);
    expect(h.status).toBe(0);
    for (const c of ['analyze', 'lint', 'signatures', 'symbolicate', 'triage', 'web']) expect(h.stdout).toContain(c);
  });

  it('the executable starts node with V8\'s background threads sized to the machine; node main.cjs runs the same program', () => {
    // The #! line runs sh, which execs node with --v8-pool-size=0 (scripts/bundle-cli.mjs); a preloaded
    // hook prints the options node got, so the test sees the option itself, not only that a version came out.
    const hook = join(pkg, 'exec-argv-hook.cjs');
    writeFileSync(hook, "process.stderr.write(`execArgv ${JSON.stringify(process.execArgv)}\\n`);\n");
    const env = { ...process.env, NODE_OPTIONS: `-r ${hook}` };
    const direct = spawnSync(join(cli(), 'main.cjs'), ['analyze', '--format', 'json', 'samples/crash-macos-arm64.ips'], { cwd: repoRoot, encoding: 'utf8', env });
    expect(direct.status).toBe(0);
    expect(direct.stderr).toContain('execArgv ["--v8-pool-size=0"]');
    const viaNode = spawnSync(process.execPath, [join(cli(), 'main.cjs'), 'analyze', '--format', 'json', 'samples/crash-macos-arm64.ips'], { cwd: repoRoot, encoding: 'utf8', env });
    expect(viaNode.status).toBe(0);
    expect(viaNode.stderr).toContain('execArgv []');
    expect(direct.stdout).toBe(viaNode.stdout);
    // Exit codes and arguments with spaces pass through sh unchanged.
    const missing = spawnSync(join(cli(), 'main.cjs'), ['analyze', 'no such file.ips'], { cwd: repoRoot, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file.ips');
  });

  it('analyze and a triage of a folder compile no JavaScript from node_modules at run time (everything is bundled)', () => {
    // A hook on the CommonJS loader names every file it compiles: a dependency required at run
    // time (as fdir's own require of picomatch was) is resolved, read and compiled at every start.
    const hook = join(pkg, 'compile-hook.cjs');
    writeFileSync(
      hook,
      "const M = require('node:module'), c = M.prototype._compile;\n" +
        "M.prototype._compile = function (content, filename) { process.stderr.write(`compiled ${filename}\\n`); return c.call(this, content, filename); };\n",
    );
    for (const cmd of [['analyze', 'samples/'], ['triage', '--format', 'json', '--jobs', '1', 'samples/']]) {
      const r = run(cmd, ['-r', hook]);
      expect(r.status).toBe(0);
      const compiled = r.stderr.split('\n').filter((l) => l.startsWith('compiled '));
      // The hook sees the program itself (so it cannot pass vacuously), and nothing under node_modules.
      expect(compiled.length).toBeGreaterThan(0);
      expect(compiled.filter((l) => /[\\/]node_modules[\\/]/.test(l))).toEqual([]);
    }
  });

  it('triage writes the cache it owes before it changes V8 flags, so a plain start accepts it', () => {
    // Enough reports for triage to limit inlining and bound its young generation (src/triage/node/run-triage.ts),
    // which change V8 flags: a cache written after that would be refused by every later start.
    const set = join(pkg, 'set');
    mkdirSync(set);
    const samples = readdirSync(join(repoRoot, 'samples')).filter((f) => /\.(ips|crash|panic)$/.test(f));
    for (let i = 0; i < 60; i++) for (const f of samples) copyFileSync(join(repoRoot, 'samples', f), join(set, `${i}-${f}`));
    // A preloaded hook says whether the flag change happened, so the test cannot pass vacuously;
    // -r is a Node option, not a V8 flag, and does not change which caches V8 accepts.
    const hook = join(pkg, 'flags-hook.cjs');
    writeFileSync(
      hook,
      `const emit = process.emit;\nprocess.emit = function (e, ...a) { if (e === 'paniclens:v8-flags') process.stderr.write('v8 flags change\\n'); return emit.call(this, e, ...a); };\n` +
        `const v8 = require('node:v8'), set = v8.setFlagsFromString;\nv8.setFlagsFromString = (f) => { process.stderr.write(\`set \${f}\\n\`); set(f); };\n`,
    );
    const cache = join(cli(), 'paniclens.cjs.cache');
    rmSync(cache, { force: true });
    const t = run(['triage', '--format', 'json', '--jobs', '1', set], ['-r', hook]);
    expect(t.status).toBe(0);
    // The event comes once, before the first change: inlining limited from the second file, then the young generation bounded.
    expect(t.stderr).toBe('v8 flags change\nset --max-inlined-bytecode-size-cumulative=300\nset --semi-space-growth-factor=1\n');
    expect((JSON.parse(t.stdout) as { summary: { reports: number } }).summary.reports).toBe(60 * samples.length);
    expect(existsSync(cache)).toBe(true);
    // A later plain start, in a process of its own (this one may run under other flags).
    const check = `const fs = require('node:fs'), vm = require('node:vm'), f = process.argv[1];
      const s = new vm.Script(fs.readFileSync(f, 'latin1'), { filename: f, cachedData: fs.readFileSync(f + '.cache') });
      process.stdout.write(String(s.cachedDataRejected));`;
    const accepted = spawnSync(process.execPath, ['-e', check, join(cli(), 'paniclens.cjs')], { encoding: 'utf8' });
    expect(accepted.stdout).toBe('false');
  });
});
