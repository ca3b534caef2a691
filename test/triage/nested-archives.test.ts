// Archives inside archives: a QA bundle (.zip) of customers' sysdiagnoses (.tar.gz), read in place, entry by entry.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { feedAndDrain, MAX_ARCHIVE_DEPTH } from '../../src/triage/node/inputs.js';
import { PassThrough, Readable } from 'node:stream';
import { tarGzBytes, writeTarGz, writeZip, zipBytes } from '../helpers/archives.js';
import { repoRoot } from '../helpers/run-cli.js';

const sample = (name: string): string => readFileSync(join(repoRoot, 'samples', name), 'utf8');
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-nested-'));
  const sysdiagnose = await tarGzBytes([
    { name: 'sysdiagnose_A/crashes_and_spins/Kernel.panic', data: sample('panic-intel.panic') },
    { name: 'sysdiagnose_A/logs/notes.plist', data: '<plist/>' },
  ]);
  const inner = zipBytes([{ name: 'app.ips', data: sample('crash-macos-arm64.ips') }]);
  writeZip(join(dir, 'bundle.zip'), [
    { name: 'customer-1/sysdiagnose_A.tar.gz', data: sysdiagnose },
    { name: 'customer-2/reports.zip', data: inner },
    { name: 'customer-2/broken.tar.gz', data: 'not gzip at all' },
    { name: 'top.crash', data: sample('crash-ios-arm64.crash') },
  ]);
  await writeTarGz(join(dir, 'outer.tar.gz'), [
    { name: 'a/sysdiagnose_A.tar.gz', data: sysdiagnose },
    { name: 'a/reports.zip', data: inner },
    // Valid gzip but no tar, long enough that the inner reader stops mid-entry: the outer one must still go on.
    { name: 'a/damaged.tar.gz', data: gzipSync(Buffer.alloc(300_000, 7)) },
    { name: 'b/after.crash', data: sample('crash-macos-x86_64.crash') },
  ]);
  // One level too deep: a zip in a zip in a zip in a zip.
  let deep: Buffer = zipBytes([{ name: 'deep.ips', data: sample('crash-macos-arm64.ips') }]);
  for (let i = 1; i < MAX_ARCHIVE_DEPTH; i++) deep = zipBytes([{ name: `level${i}.zip`, data: deep }]);
  writeFileSync(join(dir, 'deep.zip'), zipBytes([{ name: 'too-deep.zip', data: deep }]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const triage = async (paths: string[]) => {
  const errors: string[] = [];
  const doc = await runTriage(paths, { jobs: 1, pipeline: { symbolicator: 'none' }, onError: (path, message) => errors.push(`${path}: ${message}`) });
  return { doc, errors, examples: doc.buckets.flatMap((b) => b.examples).sort() };
};

describe('archives inside archives', () => {
  it('reads a .tar.gz and a .zip inside a .zip, naming entries by their path through each', async () => {
    const bundle = join(dir, 'bundle.zip');
    const { doc, errors, examples } = await triage([bundle]);
    expect(examples).toEqual([
      `${bundle}!/customer-1/sysdiagnose_A.tar.gz!/sysdiagnose_A/crashes_and_spins/Kernel.panic`,
      `${bundle}!/customer-2/reports.zip!/app.ips`,
      `${bundle}!/top.crash`,
    ]);
    // A damaged inner archive is one error; the rest of the bundle is still read.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!/customer-2/broken\\.tar\\.gz: not a readable \\.tar\\.gz archive: `));
    expect(doc.summary).toMatchObject({ reports: 3, failed: 1, skipped: 1 });
  });

  it('reads a .tar.gz and a .zip inside a .tar.gz, and the entries after them, also after a damaged one', async () => {
    const outer = join(dir, 'outer.tar.gz');
    const { doc, errors, examples } = await triage([outer]);
    expect(errors).toEqual([`${outer}!/a/damaged.tar.gz: not a readable .tar.gz archive: Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?`]);
    expect(examples).toEqual([
      `${outer}!/a/reports.zip!/app.ips`,
      `${outer}!/a/sysdiagnose_A.tar.gz!/sysdiagnose_A/crashes_and_spins/Kernel.panic`,
      `${outer}!/b/after.crash`,
    ]);
    expect(doc.summary).toMatchObject({ reports: 3, failed: 1, skipped: 1 });
  });

  it(`stops at ${MAX_ARCHIVE_DEPTH} levels with one error`, async () => {
    const deep = join(dir, 'deep.zip');
    const { doc, errors } = await triage([deep]);
    expect(errors).toEqual([`${deep}!/too-deep.zip!/level${MAX_ARCHIVE_DEPTH - 1}.zip!/level${MAX_ARCHIVE_DEPTH - 2}.zip: an archive nested more than ${MAX_ARCHIVE_DEPTH} deep: unpack the outer ones first`]);
    expect(doc.summary.reports).toBe(0);
  });
});

describe('feeding an inner archive from an outer one', () => {
  it('passes the whole entry on when the inner reader keeps up', async () => {
    const into = new PassThrough();
    const got: Buffer[] = [];
    into.on('data', (c: Buffer) => got.push(c));
    const finished = new Promise((resolve) => into.on('end', resolve));
    const feeder = feedAndDrain(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), into, () => {});
    await finished;
    await feeder.drain();
    expect(Buffer.concat(got).toString()).toBe('abcd');
  });

  it('abandons an endless entry when the run is stopped, rather than reading it to its end', async () => {
    // An entry that never ends, into a reader that stopped reading (its buffer full). Each chunk
    // waits a turn of the event loop, so a test timeout can fire if drain() reads it forever.
    const endless = Readable.from(
      (async function* () {
        for (;;) {
          await new Promise((resolve) => setImmediate(resolve));
          yield Buffer.alloc(64 * 1024);
        }
      })(),
    );
    const into = new PassThrough({ highWaterMark: 1024 });
    const feeder = feedAndDrain(endless, into, () => {});
    await new Promise((resolve) => setImmediate(resolve));
    await feeder.drain(true);
    expect(endless.destroyed).toBe(true);
  });

  it('a run stopped inside a nested archive ends quietly: interrupted, no error for the cut stream', async () => {
    let stop = false;
    const errors: string[] = [];
    const doc = await runTriage([join(dir, 'outer.tar.gz')], {
      jobs: 1,
      pipeline: { symbolicator: 'none' },
      stopped: () => stop,
      onProgress: (done) => {
        if (done >= 1) stop = true;
      },
      onError: (path, message) => errors.push(`${path}: ${message}`),
    });
    expect(errors).toEqual([]);
    expect(doc.summary.interrupted).toBe(true);
    expect(doc.summary.reports).toBeLessThan(3);
  });
});
