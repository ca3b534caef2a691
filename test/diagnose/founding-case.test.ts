import { describe, expect, it } from 'vitest';
import { diagnoseFiles, repoRoot, signatureFixtureDir } from '../helpers/diagnose.js';

const ips = `${repoRoot}samples/founding-case/dext-crash.ips`;
const log = `${signatureFixtureDir}dk-uioserver-invoke-onqueue-assert.log`;
const framesOnly = `${signatureFixtureDir}variants/dk-uioserver-invoke-onqueue-assert.frames-only.ips`;
const sampleLog = `${repoRoot}samples/founding-case/kernel.log`;
const ONQ = 'dk-uioserver-invoke-onqueue-assert';

describe('the founding case: an off-queue Invoke assertion in a SCSI controller dext', () => {
  it('is the top cause when the assertion is in the application-specific information', () => {
    const { reports } = diagnoseFiles([ips]);
    const top = reports[0]?.diagnoses?.[0];
    expect(top?.id).toBe(ONQ);
    expect(top?.evidence[0]).toMatchObject({ field: 'applicationSpecific[0]', required: true });
    expect(top?.evidence[0]?.text).toContain('queue->OnQueue()), function Invoke, file uioserver.cpp, line 1654');
    expect(top?.nextSteps[0]).toMatch(/IOClass to IOUserSCSIParallelInterfaceController and CFBundleIdentifierKernel to com\.apple\.iokit\.IOSCSIParallelFamily/);
    expect(top?.culprit).toMatchObject({ kind: 'dext', bundleId: 'com.example.driver.SCSIController' });
    // The generic abort() explanation is refined away, not listed beside it.
    expect(reports[0]?.diagnoses?.map((d) => d.id)).not.toContain('exc-crash-abort-assert');
  });

  it('is the top cause when only the frames show it: __assert_rtn directly under OSMetaClassBase::Invoke', () => {
    const { reports } = diagnoseFiles([framesOnly]);
    const top = reports[0]?.diagnoses?.[0];
    expect(top?.id).toBe(ONQ);
    expect(top?.evidence[0]?.text).toBe('__assert_rtn\nOSMetaClassBase::Invoke');
    expect(top?.culprit?.kind).toBe('dext');
  });

  it('is the top cause of the kernel log, with the crash loop counted and timed', () => {
    const { reports, incidents } = diagnoseFiles([log]);
    const ids = reports[0]?.diagnoses?.map((d) => d.id);
    expect(ids?.[0]).toBe(ONQ);
    expect(ids).toEqual(expect.arrayContaining(['dk-dext-crash-loop', 'dk-pci-clientcrashed-no-open-session']));
    const ev = reports[0]?.diagnoses?.[0]?.evidence[0];
    expect(ev?.field).toMatch(/^events\[\d+\]\.message$/);
    expect(ev?.line).toBeGreaterThan(1);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.loop).toMatchObject({ subject: 'com.example.driver.SCSIController', count: 4, spanSeconds: 35.1 });
    expect(incidents[0]?.diagnoses[0]?.id).toBe(ONQ);
  });

  it('makes one incident of the sample .ips and kernel.log: the loop, explained by the assertion', () => {
    const { incidents } = diagnoseFiles([ips, sampleLog]);
    expect(incidents).toHaveLength(1);
    const inc = incidents[0];
    expect(inc?.reports).toEqual([0, 1]);
    expect(inc?.subject).toBe('com.example.driver.SCSIController');
    expect(inc?.loop).toMatchObject({ subject: 'com.example.driver.SCSIController', count: 5, spanSeconds: 320 });
    expect(inc?.diagnoses[0]?.id).toBe(ONQ);
    expect(inc?.diagnoses.map((d) => d.id)).toEqual(expect.arrayContaining(['dk-dext-crash-loop', 'dk-pci-clientcrashed-no-open-session']));
    const fields = inc?.diagnoses[0]?.evidence.map((e) => e.field) ?? [];
    expect(fields.some((f) => f.startsWith('reports[0].'))).toBe(true);
    expect(fields.some((f) => f.startsWith('reports[1].'))).toBe(true);
  });

  it("keeps another dext's crash out of the incident", () => {
    const { incidents } = diagnoseFiles([framesOnly, sampleLog]);
    expect(incidents.map((i) => i.reports)).toEqual([[1]]);
  });
});
