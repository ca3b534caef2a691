import { describe, expect, it } from 'vitest';
import { emptyReport, type Frame, type Report, type ReportKind } from '../../src/model/report.js';
import { diagnoseReport, genericDiagnosis } from '../../src/diagnose/index.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { reportsFromFile, signatureFixtureDir } from '../helpers/diagnose.js';

const sigs = builtinSignatures().signatures;
const report = (kind: ReportKind): Report => emptyReport({ path: 'x', format: 'ips' }, kind);
const frames = (...list: [string, string?][]): Frame[] => list.map(([image, symbol], index) => ({ index, image, ...(symbol ? { symbol } : {}) }));

function crash(type: string, signal: string, f: Frame[], extra: Partial<Report> = {}): Report {
  const r = report('crash');
  r.process = { name: 'Lumen', path: '/Applications/Lumen.app/Contents/MacOS/Lumen' };
  r.exception = { type, signal };
  r.images = [
    { name: 'Lumen', path: '/Applications/Lumen.app/Contents/MacOS/Lumen' },
    { name: 'libsystem_kernel.dylib', path: '/usr/lib/system/libsystem_kernel.dylib' },
    { name: 'libsystem_c.dylib', path: '/usr/lib/system/libsystem_c.dylib' },
  ];
  r.threads = [{ index: 0, crashed: true, frames: f }];
  r.crashedThread = 0;
  return Object.assign(r, extra);
}

const ABORT = frames(['libsystem_kernel.dylib', '__pthread_kill'], ['libsystem_pthread.dylib', 'pthread_kill'], ['libsystem_c.dylib', 'abort']);

describe('fact-based fallback for crashes', () => {
  it('quotes a libc++ hardening message as the cause, with the frame that raised it', () => {
    const r = crash('EXC_BREAKPOINT', 'SIGTRAP', [...frames(['libc++.1.dylib', 'std::__1::__libcpp_verbose_abort(char const*, ...)']), { index: 1, image: 'Lumen', symbol: 'Timeline::frameAt(unsigned long)' }], {
      applicationSpecific: ['/usr/include/c++/v1/vector:1416: libc++ Hardening assertion __n < size() failed: vector[] index out of bounds'],
    });
    const d = genericDiagnosis(r);
    expect(d).toMatchObject({ id: 'fact-assertion', category: 'fact', confidence: 0.45 });
    expect(d.generic).toBeUndefined();
    expect(d.title).toMatch(/^libc\+\+ hardening check failed: .*index out of bounds/);
    expect(d.causes[0]).toMatch(/Timeline::frameAt\(unsigned long\) \(Lumen\)/);
    expect(d.evidence[0]).toMatchObject({ field: 'applicationSpecific[0]', required: true });
  });

  it('reads a Swift runtime failure from the crashed frame', () => {
    const r = crash('EXC_BAD_INSTRUCTION', 'SIGILL', frames(['Lumen', 'Swift runtime failure: Unexpectedly found nil while unwrapping an Optional value'], ['Lumen', 'Lumen.Store.load() -> ()']));
    expect(genericDiagnosis(r)).toMatchObject({ id: 'fact-swift-runtime-error' });
  });

  it('says abort() was called from the first frame below the abort plumbing', () => {
    const r = crash('EXC_CRASH', 'SIGABRT', [...ABORT, { index: 3, image: 'libggml-base.dylib', symbol: 'ggml_abort' }, { index: 4, image: 'Lumen', symbol: 'Caption::run()' }]);
    const d = genericDiagnosis(r);
    expect(d.id).toBe('fact-abort-in-image');
    expect(d.title).toBe('abort() called from ggml_abort (libggml-base.dylib)');
    expect(d.causes[0]).toMatch(/^ggml_abort \(libggml-base\.dylib\) called abort\(\)/);
  });

  it('tells a signal the process raised itself from a memory fault', () => {
    const r = crash('EXC_CRASH', 'SIGSEGV', [...frames(['libsystem_kernel.dylib', '__pthread_kill'], ['libsystem_c.dylib', 'raise']), { index: 2, image: 'Lumen' }]);
    expect(genericDiagnosis(r)).toMatchObject({ id: 'fact-signal-raised', title: 'SIGSEGV raised by the process itself in code in Lumen' });
  });

  it('names the faulting function and decoded code of a memory fault', () => {
    const r = crash('EXC_BAD_ACCESS', 'SIGSEGV', frames(['Lumen', 'Decoder::next()']), { exception: { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV', codes: 'KERN_PROTECTION_FAILURE at 0x0000000104a2c000', address: 0x104a2c000n } });
    const d = genericDiagnosis(r);
    expect(d.id).toBe('fact-fault-in-image');
    expect(d.title).toBe('Invalid memory access at 0x104a2c000 in Decoder::next() (Lumen)');
    expect(d.causes[0]).toMatch(/KERN_PROTECTION_FAILURE/);
  });

  it('recognises a jump to an address in no loaded image', () => {
    const r = crash('EXC_BAD_ACCESS', 'SIGSEGV', [{ index: 0, address: 0x110efe640n }, { index: 1, image: 'Lumen' }], {
      exception: { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV', address: 0x110efe640n },
      vmRegionInfo: '0x110efe640 is not in any region.',
    });
    const d = genericDiagnosis(r);
    expect(d.id).toBe('fact-jump-to-unmapped');
    expect(d.causes[0]).toMatch(/reached from code in Lumen/);
  });

  it('recognises a crash inside a crash reporter\'s own handler', () => {
    const r = crash('EXC_BAD_ACCESS', 'SIGBUS', frames(['libsystem_c.dylib', '__vfprintf'], ['Lumen', 'onCrash'], ['Lumen', 'kscrashreport_writeStandardReport'], ['Lumen', 'ksmachexc_i_handleExceptions']), {
      notes: ['CrashDoctor Diagnosis: Attempted to dereference garbage pointer 0xffffffff.'],
    });
    (r.threads[0] as { name?: string }).name = 'KSCrash Exception Handler (Primary)';
    const d = genericDiagnosis(r);
    expect(d.id).toBe('fact-crash-in-crash-reporter');
    expect(d.causes.join(' ')).toMatch(/garbage pointer 0xffffffff/);
  });

  it('explains an unsymbolicated trap by the image it happened in', () => {
    const r = crash('EXC_BAD_INSTRUCTION', 'SIGILL', frames(['Lumen'], ['libdispatch.dylib', '_dispatch_call_block_and_release']));
    expect(genericDiagnosis(r)).toMatchObject({ id: 'fact-trap-in-image', title: 'Trap instruction in code in Lumen' });
  });

  it('ignores prose around a pasted report as a crash message', () => {
    const r = crash('EXC_CRASH', 'SIGABRT', [{ index: 0 }], { applicationSpecific: ['这是一篇文章的正文', '下面的章节将对一些公共的异常类型进行说明。', '进程不正常退出', 'MyApp[134] was suspended with locked system files:'] });
    const d = genericDiagnosis(r);
    expect(d).toMatchObject({ id: 'generic-sigabrt', generic: true });
    expect(d.causes[0]).toMatch(/^Nothing more can be said: .*no frame with a known image or symbol and no crash message/);
  });

  it('says why nothing more can be said for a bare exception', () => {
    const r = report('crash');
    r.exception = { type: 'EXC_CRASH', signal: 'SIGKILL' };
    const d = genericDiagnosis(r);
    expect(d).toMatchObject({ id: 'generic-sigkill', generic: true, category: 'generic', confidence: 0.3 });
    expect(d.causes[0]).toMatch(/no thread backtrace and no termination reason/);
  });
});

describe('fact-based fallback for panics', () => {
  it('says what a named coprocessor is and what triggers it', () => {
    const r = report('panic');
    r.panic = { message: 'RTBuddy(DCPEXT1): Firmware crashed: dcpext1 assert at dcp_iomfb.cpp:912', panicString: 'panic(cpu 4 caller 0xfffffe0029b4c8c0): RTBuddy(DCPEXT1): Firmware crashed: dcpext1 assert at dcp_iomfb.cpp:912', kexts: [], backtrace: [] };
    const [d] = diagnoseReport(r, sigs);
    expect(d).toMatchObject({ id: 'fact-coprocessor-dcp', title: 'DCP coprocessor panic' });
    expect(d?.causes[0]).toMatch(/display/i);
    expect(d?.causes[1]).toMatch(/^What usually triggers it: .*external monitors/);
    expect(d?.culprit).toMatchObject({ kind: 'coprocessor', role: 'faulting', apple: true });
  });

  it('names the function that panicked, from the symbolicated backtrace below the panic machinery', () => {
    const r = report('panic');
    r.panic = {
      message: 'pf_send_tcp: not AF_INET or AF_INET6!',
      file: '/xnu/bsd/net/pf.c',
      line: 2578,
      kexts: [],
      backtrace: frames(['kernel', '_handle_debugger_trap'], ['kernel', '_panic'], ['kernel', '_pf_send_tcp'], ['kernel', '_pfioctl']),
    };
    const d = genericDiagnosis(r);
    expect(d.id).toBe('fact-panic-message');
    expect(d.causes[0]).toMatch(/raised at \/xnu\/bsd\/net\/pf\.c:2578, in pf_send_tcp, called from pfioctl/);
  });

  it('stays generic, saying why, when a panic string names nothing', () => {
    const r = report('panic');
    r.panic = { message: 'something went wrong', kexts: [], backtrace: [] };
    const d = genericDiagnosis(r);
    expect(d).toMatchObject({ id: 'generic-panic', generic: true });
    expect(d.causes[0]).toMatch(/^Nothing more can be said/);
  });
});

describe('fact-based fallback for logs and snapshots', () => {
  it('quotes the error lines of a kernel log', () => {
    const r = report('kernel-log');
    r.events = [
      { message: 'kernelmanagerd: Validating dext com.acme.cam', line: 1 },
      { message: 'kernelmanagerd: dext com.acme.cam failed validation: code signature invalid', line: 2, level: 'Error' },
    ];
    const d = genericDiagnosis(r);
    expect(d).toMatchObject({ id: 'fact-kernel-log-errors' });
    expect(d.evidence).toEqual([{ field: 'events[1].message', text: r.events[1]?.message, line: 2, required: true }]);
  });

  it('says what the main thread of a hang waits on', () => {
    const r = report('other');
    r.process = { name: 'Ledgerly' };
    r.notes = ['spindump hang report (responsiveness): the process was sampled while unresponsive; it did not crash'];
    r.threads = [{ index: 0, crashed: false, queue: 'com.apple.main-thread', frames: frames(['libsystem_kernel.dylib', 'mach_msg2_trap'], ['libxpc.dylib', 'xpc_connection_send_message_with_reply_sync'], ['Ledgerly', '-[LDGSync pull]']) }];
    r.images = [{ name: 'Ledgerly', path: '/Applications/Ledgerly.app/Contents/MacOS/Ledgerly' }];
    const d = genericDiagnosis(r);
    expect(d).toMatchObject({ id: 'fact-hang-main-thread', title: 'Ledgerly: main thread waits for a synchronous XPC reply from another process' });
    expect(d.causes[0]).toMatch(/asked by -\[LDGSync pull\] \(Ledgerly\)/);
  });

  it('reads the reason a stackshot was taken', () => {
    const r = report('stackshot');
    r.notes = ['reason: Kernel-triggered stackshot for WindowServer hang'];
    expect(genericDiagnosis(r)).toMatchObject({ id: 'fact-stackshot-reason', title: 'Snapshot taken: Kernel-triggered stackshot for WindowServer hang' });
  });

  it('reads a sleep/wake failure report as a firmware-phase failure, not a crash', () => {
    const [r] = reportsFromFile(`${signatureFixtureDir}sleep-wake-failure-efi.txt`);
    expect(r?.kind).toBe('other');
    expect(r?.notes?.[0]).toBe('Sleep Wake failure in EFI; failure code 0x00000000 0x001f0013');
    expect(diagnoseReport(r as Report, sigs)[0]?.id).toBe('sleep-wake-failure-efi');
  });
});

describe('facts added to signature diagnoses', () => {
  it('adds the fault site of a crash as supporting evidence', () => {
    const r = crash('EXC_CRASH', 'SIGABRT', [...ABORT, { index: 3, image: 'libggml-base.dylib', symbol: 'ggml_abort' }, { index: 4, image: 'Lumen', symbol: 'Caption::run()' }], {
      applicationSpecific: ['abort() called'],
    });
    const [d] = diagnoseReport(r, sigs);
    expect(d?.id).toBe('exc-crash-abort-assert');
    expect(d?.evidence).toContainEqual({ field: 'threads[0].frames[3]', text: 'fault site: ggml_abort (libggml-base.dylib)', required: false });
  });

  it('adds what the main thread of a hang waits on', () => {
    const [r] = reportsFromFile(`${signatureFixtureDir}spindump-app-hang.txt`);
    const [d] = diagnoseReport(r as Report, sigs);
    expect(d?.id).toBe('spindump-app-hang');
    expect(d?.evidence.some((e) => /^main thread waits for a dispatch_sync onto a queue that is busy/.test(e.text))).toBe(true);
  });
});
