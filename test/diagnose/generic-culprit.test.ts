import { describe, expect, it } from 'vitest';
import { emptyReport, type Report, type ReportKind } from '../../src/model/report.js';
import { culpritOf, diagnoseReport, genericDiagnosis } from '../../src/diagnose/index.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';

const sigs = builtinSignatures().signatures;
const report = (kind: ReportKind): Report => emptyReport({ path: 'x', format: 'ips' }, kind);

describe('generic fallback', () => {
  it('explains a crash from its signal when EXC_CRASH says only "a signal ended it"', () => {
    const r = report('crash');
    r.exception = { type: 'EXC_CRASH', signal: 'SIGABRT' };
    const d = genericDiagnosis(r);
    expect(d).toMatchObject({ id: 'generic-sigabrt', generic: true, category: 'generic', confidence: 0.3 });
    expect(d.evidence[0]).toMatchObject({ field: 'exception.type', text: 'EXC_CRASH (SIGABRT)' });
  });

  it('explains a crash from its exception type otherwise', () => {
    const r = report('crash');
    r.exception = { type: 'EXC_ARITHMETIC', signal: 'SIGFPE' };
    expect(genericDiagnosis(r).id).toBe('generic-exc-arithmetic');
  });

  it.each(['panic', 'jetsam', 'stackshot', 'kernel-log', 'other'] as ReportKind[])('leaves no %s report without a diagnosis', (kind) => {
    const list = diagnoseReport(report(kind), sigs);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: `generic-${kind}`, generic: true });
  });

  it('titles a panic with its message', () => {
    const r = report('panic');
    r.panic = { message: 'ExampleUSBSerial: completion for unknown request', kexts: [], backtrace: [] };
    expect(genericDiagnosis(r).title).toBe('Kernel panic: ExampleUSBSerial: completion for unknown request');
  });

  it('is not added when a signature fires', () => {
    const r = report('crash');
    r.exception = { type: 'EXC_GUARD', signal: 'SIGKILL' };
    expect(diagnoseReport(r, sigs).map((d) => d.id)).toEqual(['exc-guard']);
  });
});

describe('culprit', () => {
  it('blames the first third-party kext in the panic backtrace', () => {
    const r = report('panic');
    r.panic = { kexts: [{ bundleId: 'com.apple.iokit.IOUSBHostFamily' }, { bundleId: 'com.acme.usbserial', version: '3.2.0' }], backtrace: [] };
    expect(culpritOf(r)).toEqual({ kind: 'kext', name: 'com.acme.usbserial', bundleId: 'com.acme.usbserial', version: '3.2.0' });
  });

  it('blames the app image of the top non-system frame', () => {
    const r = report('crash');
    r.images = [
      { name: 'libsystem_kernel.dylib', path: '/usr/lib/system/libsystem_kernel.dylib' },
      { name: 'Sparkle', path: '/Applications/Lumen.app/Contents/Frameworks/Sparkle.framework/Versions/B/Sparkle', bundleId: 'org.sparkle-project.Sparkle' },
    ];
    r.threads = [{ index: 0, crashed: true, frames: [{ index: 0, image: 'libsystem_kernel.dylib' }, { index: 1, image: 'libobjc.A.dylib' }, { index: 2, image: 'Sparkle' }] }];
    r.crashedThread = 0;
    expect(culpritOf(r)).toEqual({ kind: 'app-image', name: 'Sparkle', bundleId: 'org.sparkle-project.Sparkle' });
  });

  it('blames the dext process, and the dext a kernel log names', () => {
    const r = report('crash');
    r.process = { name: 'com.acme.cam', bundleId: 'com.acme.cam', path: '/Library/SystemExtensions/0A1B/com.acme.cam.dext/com.acme.cam' };
    expect(culpritOf(r)).toMatchObject({ kind: 'dext', bundleId: 'com.acme.cam' });
    const log = report('kernel-log');
    log.events = [{ message: 'Driver com.acme.mic has crashed 2 time(s)' }];
    expect(culpritOf(log)).toMatchObject({ kind: 'dext', bundleId: 'com.acme.mic' });
  });

  it('blames nobody when every frame is the OS', () => {
    const r = report('crash');
    r.threads = [{ index: 0, crashed: true, frames: [{ index: 0, image: 'libsystem_kernel.dylib' }, { index: 1, image: 'dyld' }] }];
    expect(culpritOf(r)).toBeUndefined();
  });
});

describe('report forms beyond crashes and panics', () => {
  it('a microstackshot resource report is a resource-limit diagnosis, not a generic one', () => {
    const r = report('other');
    r.notes = ['microstackshot resource report (cpu usage): the system sampled the process for exceeding a resource limit; not a crash'];
    expect(diagnoseReport(r, sigs)[0]).toMatchObject({ id: 'exc-resource', evidence: [{ field: 'notes[0]' }] });
  });

  it('a spindump of a service watchdog is the userspace watchdog before it escalates to a panic', () => {
    const r = report('other');
    r.notes = ['spindump of a watchdog timeout: checkin with service: WindowServer returned not alive with context: unresponsive work processor(s)'];
    expect(diagnoseReport(r, sigs)[0]?.id).toBe('panic-userspace-watchdog');
  });

  it('an uncaught exception printed in a console log is named', () => {
    const r = report('kernel-log');
    r.events = [{ message: "*** Terminating app due to uncaught exception 'NSInvalidArgumentException', reason: 'bad'", line: 4 }];
    expect(diagnoseReport(r, sigs)[0]).toMatchObject({ id: 'exc-crash-uncaught-nsexception', evidence: [{ field: 'events[0].message', line: 4 }] });
  });
});
