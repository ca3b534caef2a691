// The executable runs the bundled program with V8's code cache (src/cli/launch.ts): the answer is
// the same with the build's cache, without one and with a damaged one, and a missing or rejected
// cache is written anew. Runs a copy of dist/cli/ in a package-shaped temporary folder, so the
// shared build is never touched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

let pkg: string;
const cli = (): string => join(pkg, 'dist/cli');
const run = (args: string[]) => spawnSync(process.execPath, [join(cli(), 'main.cjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });

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
    const t = run(['triage', '--format', 'json', '--jobs', '2', 'samples/']);
    expect(t.status).toBe(0);
    expect((JSON.parse(t.stdout) as { summary: { reports: number } }).summary.reports).toBeGreaterThan(5);
    // Libraries bundled apart (dist/cli/vendor/) load from beside the program: globs, archives, plists.
    const g = run(['triage', '--format', 'json', '--jobs', '1', 'samples/*.ips']);
    expect(g.status).toBe(0);
    expect((JSON.parse(g.stdout) as { summary: { reports: number } }).summary.reports).toBe(3);
    const h = run(['--help']);
    expect(h.status).toBe(0);
    for (const c of ['analyze', 'lint', 'signatures', 'symbolicate', 'triage', 'web']) expect(h.stdout).toContain(c);
  });
});
