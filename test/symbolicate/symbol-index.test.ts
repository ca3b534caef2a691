import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SymbolIndex, bundleOf } from '../../src/symbolicate/discovery/symbol-index.js';
import { readMachOHeaders } from '../../src/symbolicate/discovery/read-headers.js';
import type { ImageNeed } from '../../src/symbolicate/types.js';
import { loadFixture } from '../helpers/code-scan.js';
import { fixtureOut, KEXT } from '../helpers/macho-fixtures.js';

const need = (name: string, arch: string, uuid?: string, bundleId?: string): ImageNeed => ({
  key: `${uuid}/${arch}`, name, arch, uuid, bundleId, role: 'image', placement: { kind: 'segment', segment: '__TEXT', runtimeStart: 0n },
});
const BOGUS = '01234567-89AB-CDEF-0123-456789ABCDEF';

describe('symbol index', async () => {
  const index = new SymbolIndex();
  await index.addRoot({ path: fixtureOut('') });

  it('finds the dSYM for an image by UUID in a recursive --symbols folder', () => {
    const uuid = loadFixture('App/arm64/App').image.uuid!;
    const hit = index.locate(need('App', 'arm64', uuid));
    expect('file' in hit && hit.file).toMatchObject({ kind: 'dsym', arch: 'arm64', uuid });
    expect('file' in hit && hit.file.path).toMatch(/App\.dSYM\/Contents\/Resources\/DWARF\/App$/);
  });

  it('picks the arm64e slice of a fat kext dSYM by UUID, and remembers bundle-named dSYMs for --dsym-hint', () => {
    const uuid = loadFixture(KEXT, 'arm64e').image.uuid!;
    const hit = index.locate(need('com.example.driver.FooDriver', 'arm64e', uuid, 'com.example.driver.FooDriver'));
    expect('file' in hit && hit.file).toMatchObject({ arch: 'arm64e', kind: 'dsym', bundle: expect.stringMatching(/FooDriver\.kext\.dSYM$/) });
    expect([...index.dsymBundles].some((b) => b.endsWith('FooDriver.kext.dSYM'))).toBe(true);
  });

  it('explains a miss: UUID mismatch, arch missing, UUID not found', () => {
    expect(index.locate(need('App', 'arm64', BOGUS))).toEqual({ reason: 'UUID mismatch' });
    expect(index.locate(need('libExample.dylib', 'x86_64', BOGUS))).toEqual({ reason: 'arch missing' });
    expect(index.locate(need('com.example.driver.FooDriver', 'arm64e', BOGUS, 'com.example.driver.FooDriver'))).toEqual({ reason: 'UUID mismatch' });
    expect(index.locate(need('Nowhere', 'arm64', BOGUS))).toEqual({ reason: 'UUID not found' });
    expect(index.locate(need('App', 'arm64'))).toEqual({ reason: 'UUID not found' });
  });

  it('indexes only symbol bundles and KDK kernels under a default root', async () => {
    const only = new SymbolIndex();
    await only.addRoot({ path: fixtureOut(''), symbolBundlesOnly: true });
    const exe = index.locate(need('App', 'arm64', loadFixture('App/arm64/App').image.uuid));
    expect('file' in exe).toBe(true);
    const files = [...(only as unknown as { byUuid: Map<string, { path: string; kind: string }[]> }).byUuid.values()].flat();
    expect(files.every((f) => f.kind === 'dsym' || f.path.includes('.kdk/System/Library/Kernels/'))).toBe(true);
    expect(files.some((f) => f.path.endsWith('kernel.release.t8112'))).toBe(true);
  });

  it('reads headers only and ignores files that are not Mach-O', async () => {
    expect(await readMachOHeaders(fixtureOut('kext/FooDriver.kext/Contents/Info.plist'))).toEqual([]);
    expect((await readMachOHeaders(fixtureOut('App/universal/App'))).map((i) => i.arch)).toEqual(['x86_64', 'arm64', 'arm64e']);
  });

  it("in a report's own folder, opens no report, log or archive (a binary beside them is found)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-report-folder-'));
    try {
      const app = readFileSync(fixtureOut('App/arm64/App'));
      // The same Mach-O under a binary's name and under report names: only the first is indexed.
      for (const name of ['App', 'App.ips', 'x.crash', 'kernel.log', 'notes.txt', 'bundle.zip']) writeFileSync(join(dir, name), app);
      const shallow = new SymbolIndex();
      await shallow.addRoot({ path: dir, shallow: true });
      const hit = shallow.locate(need('App', 'arm64', loadFixture('App/arm64/App').image.uuid));
      expect('file' in hit && hit.file.path).toBe(join(dir, 'App'));
      expect(shallow.size).toBe(1);
      // A --symbols folder is read whole, whatever the names.
      const full = new SymbolIndex();
      await full.addRoot({ path: dir });
      expect(full.size).toBe(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the bundle of a file', () => {
    expect(bundleOf('/s/Foo.kext.dSYM/Contents/Resources/DWARF/Foo')).toBe('/s/Foo.kext.dSYM');
    expect(bundleOf('/s/Foo.kext/Contents/MacOS/Foo')).toBe('/s/Foo.kext');
    expect(bundleOf('/s/bin/tool')).toBeUndefined();
  });
});
