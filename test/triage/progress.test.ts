import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { writeZip } from '../helpers/archives.js';
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
