import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processInput } from '../../src/triage/node/process-input.js';
import { loadSkipList } from '../../src/triage/node/skip-frames.js';

const pipeline = { symbolicator: 'none' as const };
const dir = mkdtempSync(join(tmpdir(), 'paniclens-process-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same input handed over as bytes (as archive entries are): no file read involved. */
const fromBytes = async (path: string, bytes: Uint8Array) => processInput({ path, bytes, walked: false }, pipeline, await loadSkipList());
const fromFile = async (path: string) => processInput({ path, file: true, walked: false }, pipeline, await loadSkipList());

describe('processInput file reading', () => {
  it('reads files of any size in any order as their own bytes (the read buffer is reused between files)', async () => {
    const ips = readFileSync('samples/crash-macos-arm64.ips');
    const log = readFileSync('samples/founding-case/kernel.log', 'utf8');
    // Over a MiB: read into a buffer of its own.
    let big = '';
    while (big.length <= 1.2 * 1024 * 1024) big += log;
    const files: [string, Uint8Array][] = [
      ['a.ips', ips],
      ['big.log', new TextEncoder().encode(big)],
      ['short.crash', new TextEncoder().encode('not a report at all\n')],
      ['empty.crash', new Uint8Array(0)],
      ['b.ips', ips.subarray(0, 3000)], // cut short: fewer bytes than the file read before it
      ['c.crash', readFileSync('samples/crash-ios-arm64.crash')],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    // Twice over, in two orders: what was read before never shows through.
    for (const order of [files, [...files].reverse(), files]) {
      for (const [name, bytes] of order) {
        const path = join(dir, name);
        const read = await fromFile(path);
        expect(read).toEqual(await fromBytes(path, new Uint8Array(bytes)));
      }
    }
    expect((await fromFile(join(dir, 'empty.crash'))).error).toBe('empty input');
    expect((await fromFile(join(dir, 'big.log'))).summaries[0]?.kind).toBe('kernel-log');
    expect((await fromFile(join(dir, 'b.ips'))).summaries.length).toBe(1);
  });

  it('names a file that cannot be read', async () => {
    const out = await fromFile(join(dir, 'missing.ips'));
    expect(out.summaries).toEqual([]);
    expect(out.error).toBe('no such file or directory');
  });
});
