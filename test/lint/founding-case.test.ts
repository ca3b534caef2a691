import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors, lintFixtures, lintPath, ofRule, samples } from './helpers.js';

describe('the founding case (SCSI controller with IOClass IOService)', () => {
  const sample = join(samples, 'founding-case', 'SCSIController.dext');

  it('gives an L07 error naming IOUserSCSIParallelInterfaceController', async () => {
    const [l07] = ofRule(await lintPath(sample), 'L07');
    expect(l07).toMatchObject({ severity: 'error', personality: 'SCSIController', key: 'IOClass', expected: 'IOUserSCSIParallelInterfaceController' });
    expect(l07?.message).toContain('"IOService"');
    expect(l07?.message).toContain('SCSIController derives from IOUserSCSIParallelInterfaceController');
    expect(l07?.consequence).toContain('OnQueue assertion');
  });

  it('gives an L08 error naming com.apple.iokit.IOSCSIParallelFamily', async () => {
    const [l08] = ofRule(await lintPath(sample), 'L08');
    expect(l08).toMatchObject({ severity: 'error', key: 'CFBundleIdentifierKernel', expected: 'com.apple.iokit.IOSCSIParallelFamily' });
    expect(l08?.message).toContain('missing');
  });

  it('learns the family from the .iig: without it and without the family entitlement, IOService is still an error but the family stays unknown', async () => {
    const { readDextInputs } = await import('../../src/lint/read-bundle.js');
    const { lintDext } = await import('../../src/lint/index.js');
    const read = await readDextInputs(sample);
    if (!read.ok) throw new Error(read.error.reason);
    const [input] = read.dexts;
    const r = lintDext({ ...input!, iigFiles: [], entitlements: undefined });
    const l07 = r.findings.find((f) => f.rule === 'L07');
    expect(l07?.severity).toBe('error');
    expect(l07?.expected).not.toBe('IOUserSCSIParallelInterfaceController');
    expect(r.findings.some((f) => f.rule === 'L05' && f.severity === 'info' && /could not be checked/.test(f.message))).toBe(true);
    // The family entitlement alone (a shipped bundle's signature) is enough to name the family, as an inference.
    const byEntitlement = lintDext({ ...input!, iigFiles: [] }).findings.find((f) => f.rule === 'L07');
    expect(byEntitlement?.expected).toBe('IOUserSCSIParallelInterfaceController');
    expect(byEntitlement?.message).toContain('no .iig class to confirm it');
  });

  it('the corrected bundle gives no error', async () => {
    const results = await lintPath(join(lintFixtures, 'founding-fixed'));
    expect(results).toHaveLength(1);
    expect(results[0]?.bundleId).toBe('com.example.driver.SCSIController');
    expect(errors(results)).toEqual([]);
    expect(results[0]?.findings.filter((f) => f.severity === 'warning')).toEqual([]);
  });
});
