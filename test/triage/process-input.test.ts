import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processInput, readWhole } from '../../src/triage/node/process-input.js';
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

  it('reads every byte of files around the read buffer size, whatever was read before', () => {
    const MIB = 1 << 20;
    // The reused buffer grows (doubling) for files up to 16 MiB; larger ones get a buffer of their own.
    const sizes = [0, 1, 4096, MIB - 1, MIB, MIB + 1, 2 * MIB, 3 * MIB + 17, 5, 16 * MIB + 3, 4 * MIB, 7];
    let seed = 7;
    for (const size of sizes) {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      const path = join(dir, `sized-${size}.bin`);
      writeFileSync(path, bytes);
      expect(Buffer.from(readWhole(path)).equals(Buffer.from(bytes)), `size ${size}`).toBe(true);
    }
  });

  it('reads a pipe to its end, past the read buffer size (fstat gives no size for it)', async () => {
    const fifo = join(dir, 'pipe.crash');
    execFileSync('mkfifo', [fifo]);
    const bytes = new Uint8Array(2.5 * (1 << 20)).map((_, i) => (i * 31) & 0xff);
    const source = join(dir, 'pipe-source.bin');
    writeFileSync(source, bytes);
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, fifo]);
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    const read = readWhole(fifo);
    await exited;
    expect(read.length).toBe(bytes.length);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
  });

  it('names a file that cannot be read', async () => {
    const out = await fromFile(join(dir, 'missing.ips'));
    expect(out.summaries).toEqual([]);
    expect(out.error).toBe('no such file or directory');
  });
});
