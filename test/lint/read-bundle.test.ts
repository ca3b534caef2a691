import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isDict } from '../../src/lint/plist-values.js';
import { decodePlist } from '../../src/lint/read-plist-file.js';
import { readDextInputs } from '../../src/lint/read-bundle.js';
import { lintFixtures, samples } from './helpers.js';

const founding = join(samples, 'founding-case', 'SCSIController.dext');

describe('readDextInputs', () => {
  it('reads a .dext bundle with its entitlements and .iig files', async () => {
    const r = await readDextInputs(founding);
    if (!r.ok) throw new Error(r.error.reason);
    const [d] = r.dexts;
    expect(d?.infoPlist.path).toBe(join(founding, 'Info.plist'));
    expect(d?.entitlements?.path).toMatch(/SCSIController\.entitlements$/);
    expect(d?.iigFiles?.map((f) => f.path)).toEqual([join(founding, 'SCSIController.iig')]);
    expect(d?.bundle?.dirName).toBe('SCSIController.dext');
    expect(d?.bundle?.parents.slice(-2)).toEqual(['samples', 'founding-case']);
  });

  it('reads the bundle around an Info.plist given directly', async () => {
    const r = await readDextInputs(join(founding, 'Info.plist'));
    expect(r.ok && r.dexts[0]?.bundle?.dirName).toBe('SCSIController.dext');
  });

  it('finds the dext in a project folder and tells dext from app entitlements', async () => {
    const r = await readDextInputs(join(lintFixtures, 'L09', 'good'));
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.dexts).toHaveLength(1);
    expect(r.dexts[0]?.entitlements?.path).toMatch(/nulldriver\.entitlements$/);
    expect(r.dexts[0]?.appEntitlements?.map((e) => e.path)).toEqual([join(lintFixtures, 'L09', 'good', 'HostApp', 'HostApp.entitlements')]);
    expect(r.dexts[0]?.bundle).toBeUndefined();
  });

  it('reads a binary plist the same way as its XML form', async () => {
    const bin = join(lintFixtures, 'L13', 'good', 'ethernet', 'Info.plist');
    expect(readFileSync(bin).subarray(0, 8).toString('latin1')).toBe('bplist00');
    const r = await readDextInputs(bin);
    if (!r.ok) throw new Error(r.error.reason);
    const v = r.dexts[0]?.infoPlist.value;
    const p = isDict(v) && isDict(v['IOKitPersonalities']) ? v['IOKitPersonalities']['ExampleEthernet'] : undefined;
    expect(isDict(p) && p['IOClass']).toBe('IOUserNetworkEthernet');
    expect(isDict(p) && p['idVendor']).toBe(2965);
  });

  it('reads the executable of a built bundle', async () => {
    const r = await readDextInputs(join(lintFixtures, 'L19', 'bad', 'Host.app', 'Contents', 'Library', 'SystemExtensions', 'com.example.pcidriver.dext'));
    expect(r.ok && r.dexts[0]?.bundle?.executable?.bytes.length).toBe(32);
  });

  it('returns one-line errors for unusable paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-lint-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'broken.plist'), '<?xml version="1.0"?><plist><dict><key>a</key>');
    writeFileSync(join(dir, 'app.plist'), '<?xml version="1.0"?><plist><dict><key>CFBundlePackageType</key><string>APPL</string></dict></plist>');
    const cases: [string, RegExp][] = [
      [join(dir, 'missing'), /^no such file or directory$/],
      [join(dir, 'broken.plist'), /^invalid property list: /],
      [join(dir, 'app.plist'), /^not a DriverKit Info\.plist/],
      [dir, /^no DriverKit Info\.plist .* found$/],
    ];
    for (const [path, reason] of cases) {
      const r = await readDextInputs(path);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.reason).toMatch(reason);
        expect(r.error.reason).not.toContain('\n');
      }
    }
  });
});

describe('decodePlist', () => {
  it('refuses text that is no property list', () => {
    expect(decodePlist(new TextEncoder().encode('hello'), 'x')).toEqual({ ok: false, error: { path: 'x', reason: 'not a property list (neither XML <plist> nor bplist00)' } });
  });
});

describe('entitlements of a shipped bundle', () => {
  const dext = (kind: string) => join(lintFixtures, 'L15-signature', kind, 'Host.app', 'Contents', 'Library', 'SystemExtensions', 'com.example.pcidriver.dext');

  it('are read from the code signature of the executable when no .entitlements file is present', async () => {
    const r = await readDextInputs(dext('good'));
    if (!r.ok) throw new Error(r.error.reason);
    const ents = r.dexts[0]?.entitlements;
    expect(ents?.path).toMatch(/com\.example\.pcidriver \(signature entitlements\)$/);
    expect(isDict(ents?.value) && ents.value['com.apple.developer.driverkit.transport.pci']).toEqual([{ IOPCIPrimaryMatch: '0x0000104c&0x0000ffff' }]);
  });

  it('are absent for an unsigned executable', async () => {
    const { readEmbeddedEntitlements } = await import('../../src/lint/embedded-entitlements.js');
    const { ARM64_ONLY, ARM64E_AND_X86 } = await import('../fixtures/lint/make-fixtures.js');
    expect(readEmbeddedEntitlements(ARM64_ONLY)).toBeUndefined();
    expect(readEmbeddedEntitlements(ARM64E_AND_X86)).toBeUndefined();
  });
});
