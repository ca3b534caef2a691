import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listFolder, listGlob } from '../../src/triage/node/list-folder.js';

let dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'paniclens-list-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('listFolder', () => {
  it('lists every file once, sorted, leaving out hidden files and dependency and bundle trees', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'b/c'), { recursive: true });
    mkdirSync(join(root, 'node_modules/x'), { recursive: true });
    mkdirSync(join(root, 'App.dSYM/Contents'), { recursive: true });
    mkdirSync(join(root, '.hidden'), { recursive: true });
    for (const f of ['z.ips', 'a.crash', 'b/c/d.panic', 'node_modules/x/e.ips', 'App.dSYM/Contents/f.ips', '.hidden/g.ips', '.h.ips']) writeFileSync(join(root, f), 'x');
    expect(await listFolder(root)).toEqual(['a.crash', 'b/c/d.panic', 'z.ips']);
  });

  it('follows links, but a file reached by several routes is listed once, under a path without links when it has one', async () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, 'run-42'));
    writeFileSync(join(root, 'run-42/a.ips'), 'x');
    writeFileSync(join(root, 'run-42/b.crash'), 'x');
    writeFileSync(join(outside, 'kept.panic'), 'x');
    symlinkSync('run-42', join(root, 'latest')); // a link to a subfolder
    symlinkSync('.', join(root, 'all')); // a link back up: a loop
    symlinkSync('run-42/a.ips', join(root, 'first.ips')); // a link to a file listed already
    symlinkSync(join(outside, 'kept.panic'), join(root, 'z-outside.panic')); // a file only a link reaches
    symlinkSync(outside, join(root, 'elsewhere')); // ... and a second route to it, through a linked folder
    symlinkSync(join(root, 'missing.ips'), join(root, 'dangling.ips'));
    expect(await listFolder(root)).toEqual(['run-42/a.ips', 'run-42/b.crash', 'z-outside.panic']);
  });

  it('keeps, of the routes through links only, the shortest', async () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(outside, 'deep'));
    writeFileSync(join(outside, 'deep/r.ips'), 'x');
    symlinkSync(outside, join(root, 'a-link'));
    symlinkSync(join(outside, 'deep/r.ips'), join(root, 'b.ips'));
    expect(await listFolder(root)).toEqual(['b.ips']);
  });

  it('gives the files of a glob as absolute paths when the pattern is absolute, each file once through links', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'run-1'));
    writeFileSync(join(root, 'run-1/a.ips'), 'x');
    writeFileSync(join(root, 'run-1/b.txt'), 'x');
    symlinkSync('run-1', join(root, 'latest'));
    expect(await listGlob(join(root, '**/*.ips'))).toEqual([join(root, 'run-1/a.ips')]);
    expect(await listGlob(join(root, 'latest/*'))).toEqual([join(root, 'latest/a.ips'), join(root, 'latest/b.txt')]);
  });
});
