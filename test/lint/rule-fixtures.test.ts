import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors, lintFixtures, lintPath, ofRule } from './helpers.js';

// The severity each rule's bad fixture must produce (SIGNATURES.md §2.1).
const EXPECTED: Record<string, 'error' | 'warning' | 'info'> = {
  L01: 'error', L02: 'error', L03: 'error', L04: 'error', L05: 'error', L06: 'error', L07: 'error', L08: 'error',
  L09: 'error', L10: 'info', L11: 'warning', L12: 'error', L13: 'error', L14: 'warning', L15: 'error', L16: 'error',
  L17: 'warning', L18: 'info', L19: 'warning',
};

describe('each rule fails on its bad fixture and passes on its good one', () => {
  for (const [rule, severity] of Object.entries(EXPECTED)) {
    it(`${rule} reports a ${severity} on bad/`, async () => {
      const found = ofRule(await lintPath(join(lintFixtures, rule, 'bad')), rule);
      expect(found.map((f) => f.severity)).toContain(severity);
      for (const f of found) {
        expect(f.message.length).toBeGreaterThan(10);
        expect(f.consequence).toMatch(/\.$/);
      }
    });
    it(`${rule} is silent on good/, which has no error at all`, async () => {
      const results = await lintPath(join(lintFixtures, rule, 'good'));
      expect(ofRule(results, rule)).toEqual([]);
      expect(errors(results)).toEqual([]);
    });
  }
});

describe('what the bad fixtures say', () => {
  it('L07 names the family class a NetworkingDriverKit subclass needs', async () => {
    const [f] = ofRule(await lintPath(join(lintFixtures, 'L07', 'bad')), 'L07');
    expect(f).toMatchObject({ personality: 'ExampleEthernet', key: 'IOClass', expected: 'IOUserNetworkEthernet' });
    expect(f?.message).toContain('derives from IOUserNetworkEthernet');
  });
  it('L08 rejects com.apple.kpi.iokit for a serial family class', async () => {
    const [f] = ofRule(await lintPath(join(lintFixtures, 'L08', 'bad')), 'L08');
    expect(f).toMatchObject({ severity: 'error', key: 'CFBundleIdentifierKernel', expected: 'com.apple.driver.driverkit.serial' });
  });
  it('L12 names the PCI token the transport.pci entitlement does not cover', async () => {
    const [f] = ofRule(await lintPath(join(lintFixtures, 'L12', 'bad')), 'L12');
    expect(f?.message).toContain('"0x873310b5"');
    expect(f?.key).toBe('IOPCIPrimaryMatch');
  });
  it('L13 flags each interface key on a device personality', async () => {
    const keys = ofRule(await lintPath(join(lintFixtures, 'L13', 'bad')), 'L13').map((f) => f.key);
    expect(keys.sort()).toEqual(['bConfigurationValue', 'bInterfaceNumber']);
  });
  it('L15 names the missing family entitlement and the file it belongs in', async () => {
    const [f] = ofRule(await lintPath(join(lintFixtures, 'L15', 'bad')), 'L15');
    expect(f?.key).toBe('com.apple.developer.driverkit.family.scsicontroller');
    expect(f?.file).toMatch(/hba\.entitlements$/);
  });
  it('L15 checks the entitlements signed into a shipped bundle', async () => {
    const bad = ofRule(await lintPath(join(lintFixtures, 'L15-signature', 'bad')), 'L15');
    expect(bad.map((f) => [f.severity, f.key])).toEqual([['error', 'com.apple.developer.driverkit.transport.pci']]);
    expect(ofRule(await lintPath(join(lintFixtures, 'L15-signature', 'good')), 'L15')).toEqual([]);
  });
  it('L15 reads the user-client grant from the signature of the app the dext is embedded in', async () => {
    const bad = ofRule(await lintPath(join(lintFixtures, 'L15-app-signature', 'bad')), 'L15');
    expect(bad.map((f) => [f.severity, f.key])).toEqual([['error', 'com.apple.developer.driverkit.userclient-access']]);
    expect(bad[0]?.file).toMatch(/Host\.app[\\/]Contents[\\/]MacOS[\\/]Host \(signature entitlements\)$/);
    expect(bad[0]?.message).toContain('"com.example.nulldriver"');
    const good = await lintPath(join(lintFixtures, 'L15-app-signature', 'good'));
    expect(ofRule(good, 'L15')).toEqual([]);
    expect(errors(good)).toEqual([]);
  });
  it('L19 lists the slices found in the executable', async () => {
    const [f] = ofRule(await lintPath(join(lintFixtures, 'L19', 'bad')), 'L19');
    expect(f?.message).toBe('The executable contains arm64 but no arm64e slice.');
  });
});
