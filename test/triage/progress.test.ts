import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { writeTarGz, writeZip } from '../helpers/archives.js';
import { repoRoot } from '../helpers/run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-progress-'));
  cpSync(join(repoRoot, 'samples'), join(dir, 'folder'), { recursive: true });
  writeFileSync(join(dir, 'folder/notes.plist'), '<plist/>'); // passed over by its name
  writeZip(join(dir, 'two.zip'), [
    { name: 'a.ips', data: 'not a report' },
    { name: 'b.crash', data: 'not a report either' },
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('empty archives', () => {
  it('are passed over in a folder, so progress ends at its total; named, each is one error', async () => {
    const folder = join(dir, 'empties');
    // Listed first: the archives passed over after it end the run, and progress still reaches its total.
    cpSync(join(repoRoot, 'samples/panic-intel.panic'), join(folder, 'a.panic'));
    writeZip(join(folder, 'empty.zip'), []);
    await writeTarGz(join(folder, 'empty.tar.gz'), []);
    writeZip(join(folder, 'only-hidden.zip'), [{ name: '.DS_Store', data: 'x' }]);
    const calls: [number, number][] = [];
    const errors: string[] = [];
    const r = await runTriage([folder], { jobs: 1, pipeline: { symbolicator: 'none' }, onProgress: (done, total) => calls.push([done, total]), onError: (path, message) => errors.push(`${path}: ${message}`) });
    expect(calls.at(-1)).toEqual([4, 4]);
    expect([r.summary.reports, r.summary.skipped, r.summary.failed]).toEqual([1, 3, 0]);
    expect(errors).toEqual([]);
    const named = await runTriage([join(folder, 'empty.zip'), join(folder, 'empty.tar.gz')], { jobs: 1, pipeline: { symbolicator: 'none' }, onError: (path, message) => errors.push(`${path}: ${message}`) });
    expect(errors).toEqual([`${join(folder, 'empty.zip')}: archive holds no files`, `${join(folder, 'empty.tar.gz')}: archive holds no files`]);
    expect(named.summary.failed).toBe(2);
  });
});

describe('triage progress', () => {
  it('knows the total of a folder once it is listed, before its files are read; named files and archive entries add to it as they come; done never passes it', async () => {
    const calls: [number, number][] = [];
    const folder = join(dir, 'folder');
    await runTriage([folder, join(repoRoot, 'samples/panic-intel.panic'), join(dir, 'two.zip')], {
      jobs: 1,
      pipeline: { symbolicator: 'none' },
      onProgress: (done, total) => calls.push([done, total]),
    });
    // samples/ holds 9 reports (7 beside the founding case's 2) and the folder a plist besides.
    expect(calls[0]).toEqual([1, 10]);
    for (const [done, total] of calls) expect(done).toBeLessThanOrEqual(total);
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
      expect(calls[i]![1]).toBeGreaterThanOrEqual(calls[i - 1]![1]);
    }
    // The folder's 10, the named file, the archive's two entries.
    expect(calls.at(-1)).toEqual([13, 13]);
  });
});
