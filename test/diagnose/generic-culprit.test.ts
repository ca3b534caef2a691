import { describe, expect, it } from 'vitest';
import { emptyReport, type Report, type ReportKind } from '../../src/model/report.js';
import { culpritOf, diagnoseReport, genericDiagnosis, implicatedOf } from '../../src/diagnose/index.js';
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
  it('blames the first third-party kext in the panic backtrace, Apple\'s kexts not', () => {
    const r = report('panic');
    r.panic = { kexts: [{ bundleId: 'com.apple.iokit.IOUSBHostFamily' }, { bundleId: 'com.acme.usbserial', version: '3.2.0' }], backtrace: [] };
    expect(culpritOf(r)).toEqual({ kind: 'kext', name: 'com.acme.usbserial', bundleId: 'com.acme.usbserial', version: '3.2.0', role: 'faulting', apple: false });
  });

  it('names the Apple kext when only Apple kexts are in the backtrace', () => {
    const r = report('panic');
    r.panic = { kexts: [{ bundleId: 'com.apple.iokit.IONVMeFamily' }], backtrace: [] };
    expect(culpritOf(r)).toMatchObject({ kind: 'kext', name: 'com.apple.iokit.IONVMeFamily', role: 'faulting', apple: true });
  });

  it('names the coprocessor a panic string names', () => {
    const r = report('panic');
    r.panic = { message: 'AOP PANIC - [SensorHub.cpp:88] assert: bus timeout', panicString: 'panic(cpu 0 caller 0xfffffe0012345678): AOP PANIC - [SensorHub.cpp:88] assert: bus timeout', kexts: [], backtrace: [] };
    expect(culpritOf(r)).toMatchObject({ kind: 'coprocessor', name: 'AOP', role: 'faulting', apple: true });
  });

  it('implicates a kernel patcher that is loaded, apart from the faulting kext', () => {
    const r = report('panic');
    r.panic = { kexts: [{ bundleId: 'com.apple.iokit.IOGraphicsFamily' }], loadedKexts: [{ bundleId: 'as.vit9696.Lilu' }, { bundleId: 'as.vit9696.WhateverGreen' }], backtrace: [] };
    const culprit = culpritOf(r);
    expect(culprit).toMatchObject({ name: 'com.apple.iokit.IOGraphicsFamily', apple: true });
    expect(implicatedOf(r, culprit).map((c) => [c.name, c.role, c.apple])).toEqual([
      ['as.vit9696.Lilu', 'implicated', false],
      ['as.vit9696.WhateverGreen', 'implicated', false],
    ]);
  });

  it('finds the culprit image by its file name where the frames name it so and the image list by bundle id', () => {
    // macOS 12 crash text (and converters of .ips): `0 AnotherTarget 0x…` above, `jp.mahdi.AnotherTarget (1.0 - 1) <…> /…/AnotherTarget` below.
    const r = report('crash');
    r.exception = { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV', address: 0x10n };
    r.images = [
      { name: 'jp.mahdi.NotAnotherTarget', bundleId: 'jp.mahdi.NotAnotherTarget', path: '/Users/u/Desktop/NotAnotherTarget.framework/Versions/A/NotAnotherTarget' },
      { name: 'jp.mahdi.AnotherTarget', bundleId: 'jp.mahdi.AnotherTarget', version: '1.0', uuid: '9A36CF20-3655-3DF2-B1E9-466C5CB0C9CC', path: '/Users/u/Desktop/AnotherTarget.framework/Versions/A/AnotherTarget' },
    ];
    r.threads = [{ index: 0, crashed: true, frames: [{ index: 0, image: 'AnotherTarget', symbol: 'crashIt()' }] }];
    expect(culpritOf(r)).toEqual({ kind: 'framework', name: 'AnotherTarget', bundleId: 'jp.mahdi.AnotherTarget', version: '1.0', uuid: '9A36CF20-3655-3DF2-B1E9-466C5CB0C9CC', role: 'faulting', apple: false });
  });

  it('blames the app image below the abort plumbing, even unsymbolicated', () => {
    const r = report('crash');
    r.exception = { type: 'EXC_CRASH', signal: 'SIGABRT' };
    r.images = [
      { name: 'libsystem_kernel.dylib', path: '/usr/lib/system/libsystem_kernel.dylib' },
      { name: 'Sparkle', path: '/Applications/Lumen.app/Contents/Frameworks/Sparkle.framework/Versions/B/Sparkle', bundleId: 'org.sparkle-project.Sparkle' },
    ];
    r.threads = [{ index: 0, crashed: true, frames: [{ index: 0, image: 'libsystem_kernel.dylib' }, { index: 1, image: 'libobjc.A.dylib' }, { index: 2, image: 'Sparkle' }] }];
    r.crashedThread = 0;
    expect(culpritOf(r)).toEqual({ kind: 'framework', name: 'Sparkle', bundleId: 'org.sparkle-project.Sparkle', role: 'faulting', apple: false });
    expect(implicatedOf(r, culpritOf(r))).toEqual([]);
  });

  it('names the Apple library a memory fault happened in and implicates the app code that called it', () => {
    const r = report('crash');
    r.process = { name: 'Lumen', path: '/Applications/Lumen.app/Contents/MacOS/Lumen' };
    r.exception = { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV' };
    r.images = [
      { name: 'libsystem_platform.dylib', path: '/usr/lib/system/libsystem_platform.dylib' },
      { name: 'Lumen', path: '/Applications/Lumen.app/Contents/MacOS/Lumen' },
    ];
    r.threads = [{ index: 0, crashed: true, frames: [{ index: 0, image: 'libsystem_platform.dylib', symbol: '_platform_memmove' }, { index: 1, image: 'Lumen', symbol: 'copyFrame' }] }];
    r.crashedThread = 0;
    const culprit = culpritOf(r);
    expect(culprit).toMatchObject({ kind: 'image', name: 'libsystem_platform.dylib', role: 'faulting', apple: true });
    expect(implicatedOf(r, culprit)).toMatchObject([{ kind: 'app-image', name: 'Lumen', role: 'implicated', apple: false }]);
  });

  it('implicates a crash reporter whose handler frames are on the crashed thread, not as the culprit', () => {
    const r = report('crash');
    r.exception = { type: 'EXC_CRASH', signal: 'SIGABRT' };
    r.images = [{ name: 'Lumen', path: '/Applications/Lumen.app/Contents/MacOS/Lumen' }];
    r.process = { name: 'Lumen', path: '/Applications/Lumen.app/Contents/MacOS/Lumen' };
    r.threads = [
      {
        index: 0,
        crashed: true,
        frames: [
          { index: 0, image: 'libsystem_kernel.dylib', symbol: '__pthread_kill' },
          { index: 1, image: 'libsystem_c.dylib', symbol: 'abort' },
          { index: 2, image: 'Lumen', symbol: 'FIRCLSSignalHandler' },
          { index: 3, image: 'Lumen', symbol: '-[LMDocument save]' },
        ],
      },
    ];
    r.crashedThread = 0;
    const culprit = culpritOf(r);
    expect(culprit).toMatchObject({ kind: 'app-image', name: 'Lumen', role: 'faulting' });
    expect(implicatedOf(r, culprit)).toMatchObject([{ kind: 'crash-reporter', name: 'Firebase Crashlytics', role: 'implicated' }]);
  });

  it('blames the dext process, and the dext a kernel log names', () => {
    const r = report('crash');
    r.process = { name: 'com.acme.cam', bundleId: 'com.acme.cam', path: '/Library/SystemExtensions/0A1B/com.acme.cam.dext/com.acme.cam' };
    expect(culpritOf(r)).toMatchObject({ kind: 'dext', bundleId: 'com.acme.cam', role: 'faulting', apple: false });
    const log = report('kernel-log');
    log.events = [{ message: 'Driver com.acme.mic has crashed 2 time(s)' }];
    expect(culpritOf(log)).toMatchObject({ kind: 'dext', bundleId: 'com.acme.mic' });
  });

  it('blames nobody when the crashed thread has no frames', () => {
    const r = report('crash');
    r.exception = { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV' };
    r.threads = [{ index: 0, crashed: true, frames: [] }];
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
