// End to end: reports made against the fixtures (addresses computed from their bytes), symbolicated to the exact
// function, file and line, with both the llvm-symbolizer and the pure-TypeScript backend.
import { describe, expect, it } from 'vitest';
import { emptyReport, type Frame, type Report } from '../../src/model/report.js';
import { symbolicateReports } from '../../src/symbolicate/index.js';
import { LlvmSymbolizerBackend } from '../../src/symbolicate/llvm-symbolizer.js';
import { MachoBackend } from '../../src/symbolicate/macho-backend.js';
import { findLlvmSymbolizer } from '../../src/symbolicate/find-tool.js';
import { loadFileBytes } from '../../src/symbolicate/select-backend.js';
import type { SymbolBackend } from '../../src/symbolicate/types.js';
import { loadFixture } from '../helpers/code-scan.js';
import { fixtureOut, fixtureSource, markerLine, APP, DYLIB, KERNEL_ARM, KERNEL_X86, KEXT } from '../helpers/macho-fixtures.js';

const llvmPath = findLlvmSymbolizer();
const backends: [string, () => SymbolBackend, boolean][] = [
  ['llvm-symbolizer', () => new LlvmSymbolizerBackend(llvmPath!), llvmPath !== undefined],
  ['macho', () => new MachoBackend(loadFileBytes), true],
];

const symbols = [fixtureOut('')];
const run = (reports: Report[], backend: SymbolBackend): Promise<Report[]> =>
  symbolicateReports(reports, { backend, symbols, defaultLocations: false, reportFolders: false });

const app = loadFixture(APP);
const appX86 = loadFixture('App/x86_64/App');
const lib = loadFixture(DYLIB);
const kernelArm = loadFixture(KERNEL_ARM);
const kextArm = loadFixture(KEXT, 'arm64e');
const kernelX86 = loadFixture(KERNEL_X86);
const kextX86 = loadFixture(KEXT, 'x86_64');

function frame(index: number, address: bigint, image?: string): Frame {
  return { index, address, ...(image && { image }) };
}

/** An arm64 crash: App + libExample.dylib loaded at slid bases, one crashed thread, one more thread. */
function arm64Crash(): { report: Report; expected: Record<string, unknown> } {
  const appBase = 0x102a4c000n;
  const libBase = 0x1031f0000n;
  const r = emptyReport({ path: 'App-2026-11-24.ips', format: 'ips', bugType: '309' }, 'crash');
  r.hardware.arch = 'arm64';
  r.images = [
    { name: 'App', uuid: app.image.uuid, base: appBase, size: 0x8000n, arch: 'arm64', path: '/Applications/App.app/Contents/MacOS/App' },
    { name: 'libExample.dylib', uuid: lib.image.uuid, base: libBase, size: 0x8000n, arch: 'arm64' },
    { name: 'libMissing.dylib', uuid: '11111111-2222-3333-4444-555555555555', base: 0x104000000n, size: 0x4000n, arch: 'arm64' },
  ];
  const inApp = (fileAddr: bigint): bigint => appBase + fileAddr - 0x100000000n;
  const inLib = (fileAddr: bigint): bigint => libBase + fileAddr;
  const [mainCallsStore] = app.returnAddresses('_main', '_store_value');
  const [dieCallsFail] = app.returnAddresses('_die_now', '_fail_hard');
  const [entryCallsStep] = lib.returnAddresses('_example_entry', '__ZN3geo6Parser4stepEi');
  // ldr w, [x, x, lsl #2]: the table[n] read of the inlined clamp_index
  const [inlinedRead] = lib.findInsn('__ZN3geo6Parser4stepEi', 0xffe0fc00, 0xb8607800);
  expect(dieCallsFail).toBe(app.sym('_after_die')); // the noreturn case: a raw return address names the next function
  r.threads = [
    {
      index: 0,
      crashed: true,
      frames: [
        frame(0, inApp(app.sym('_store_value')), 'App'),
        frame(1, inApp(mainCallsStore!), 'App'),
        frame(2, inApp(dieCallsFail!), 'App'),
        frame(3, 0x5000n),
        frame(4, 0x104000100n, 'libMissing.dylib'),
      ],
    },
    {
      index: 1,
      crashed: false,
      frames: [frame(0, inLib(inlinedRead!), 'libExample.dylib'), frame(1, inLib(entryCallsStep!), 'libExample.dylib'), { index: 2, address: 0x1a0000000n, image: 'libsystem_kernel.dylib', symbol: 'mach_msg2_trap', symbolOffset: 8 }],
    },
  ];
  r.crashedThread = 0;
  return { report: r, expected: { mainCallsStore, inlinedRead } };
}

describe.each(backends)('symbolication with %s', (name, make, available) => {
  const lines = name === 'llvm-symbolizer';

  it.skipIf(!available)('resolves an arm64 crash: crashing pc as is, callers at return address − 4, inlined frames, C++ names', async () => {
    const { report } = arm64Crash();
    const backend = make();
    const [out] = await run([report], backend);
    await backend.close();
    const t0 = out!.threads[0]!.frames;
    expect(t0[0]).toMatchObject({ index: 0, symbol: 'store_value', symbolOffset: 0, symbolSource: name, address: report.threads[0]!.frames[0]!.address });
    expect(t0[1]).toMatchObject({ index: 1, symbol: 'main', symbolSource: name });
    // Offsets count from the reported return address (as atos and Apple print them), the lookup used − 4.
    const { mainCallsStore } = arm64Crash().expected as { mainCallsStore: bigint };
    expect(t0[1]!.symbolOffset).toBe(Number(mainCallsStore - app.sym('_main')));
    // The call to the noreturn fail_hard: looked up at − 4, so it is die_now, not after_die.
    expect(t0[2]).toMatchObject({ index: 2, symbol: 'die_now', address: report.threads[0]!.frames[2]!.address });
    expect(t0[2]!.fileAddress).toBe(app.sym('_after_die') - 4n);
    expect(t0[3]).toMatchObject({ index: 3, unresolvedReason: 'no image' });
    expect(t0[4]).toMatchObject({ index: 4, unresolvedReason: 'UUID not found' });
    expect(out!.missingSymbols).toEqual([{ name: 'libMissing.dylib', uuid: '11111111-2222-3333-4444-555555555555', arch: 'arm64', reason: 'UUID not found', frames: 1 }]);
    const t1 = out!.threads[1]!.frames;
    if (lines) {
      expect(t0[0]).toMatchObject({ file: fixtureSource('crash.c'), line: markerLine('crash.c', 'store_null') });
      expect(t0[1]).toMatchObject({ file: fixtureSource('main.c'), line: markerLine('main.c', 'main_store') });
      expect(t0[2]).toMatchObject({ file: fixtureSource('crash.c'), line: markerLine('crash.c', 'die_call') });
      expect(t1.map((f) => [f.index, f.symbol, f.inlined ?? false, f.line])).toEqual([
        [0, 'geo::clamp_index(int, int)', true, markerLine('lib.cpp', 'clamp_read')],
        [0, 'geo::Parser::step(int)', false, markerLine('lib.cpp', 'step_clamp')],
        [1, 'example_entry', false, markerLine('lib.cpp', 'entry_step')],
        [2, 'mach_msg2_trap', false, undefined],
      ]);
      expect(t1[0]).toMatchObject({ rawSymbol: '_ZN3geoL11clamp_indexEii', symbolSource: name });
    } else {
      expect(t0[0]!.line).toBeUndefined();
      expect(t1.map((f) => [f.index, f.symbol, f.rawSymbol])).toEqual([
        [0, 'geo::Parser::step(int)', '_ZN3geo6Parser4stepEi'],
        [1, 'example_entry', undefined],
        [2, 'mach_msg2_trap', undefined],
      ]);
    }
    expect(t1[t1.length - 1]).toMatchObject({ symbolSource: 'report' });
  });

  it.skipIf(!available)('resolves an x86_64 text crash report at return address − 1', async () => {
    const base = 0x10c3b2000n;
    const r = emptyReport({ path: 'App.crash', format: 'crash-text' }, 'crash');
    r.hardware.arch = 'X86-64 (Native)';
    r.images = [{ name: 'App', uuid: appX86.image.uuid, base, size: 0x4000n }];
    const at = (a: bigint): bigint => base + a - 0x100000000n;
    const [mainCallsStore] = appX86.returnAddresses('_main', '_store_value');
    const [dieCallsFail] = appX86.returnAddresses('_die_now', '_fail_hard');
    r.threads = [{ index: 0, crashed: true, frames: [frame(0, at(appX86.sym('_store_value') + 4n), 'App'), frame(1, at(mainCallsStore!), 'App'), frame(2, at(dieCallsFail!), 'App')] }];
    const backend = make();
    const [out] = await run([r], backend);
    await backend.close();
    const f = out!.threads[0]!.frames;
    expect(f.map((x) => x.symbol)).toEqual(['store_value', 'main', 'die_now']);
    expect(f[0]!.symbolOffset).toBe(4);
    expect(f[1]!.fileAddress).toBe(mainCallsStore! - 1n);
    if (lines) expect(f.map((x) => x.line)).toEqual([markerLine('crash.c', 'store_null'), markerLine('main.c', 'main_store'), markerLine('crash.c', 'die_call')]);
  });

  it.skipIf(!available)('resolves an Apple-silicon panic: kernel via Kernel text exec base, kext via its @start->end range', async () => {
    const execBase = 0xfffffe0019a48000n; // runtime kernel __TEXT_EXEC
    const kextStart = 0xfffffe001c2d4e80n; // runtime kext __TEXT_EXEC (packed, not page-aligned)
    const kextExec = kextArm.segment('__TEXT_EXEC');
    const kernelExec = kernelArm.segment('__TEXT_EXEC');
    const kernelLr = (a: bigint): bigint => execBase + a - kernelExec.vmaddr;
    const kextLr = (a: bigint): bigint => kextStart + a - kextExec.vmaddr;
    const [trapCallsPanic] = kernelArm.returnAddresses('_panic_trap_to_debugger', '_panic');
    const [fatalCallsTrap] = kernelArm.returnAddresses('_kernel_trap_fatal', '_panic_trap_to_debugger');
    const [irqCallsCheck] = kextArm.returnAddresses('__ZN9FooDriver15handleInterruptEj', '__ZL12check_statusj');
    const [startCallsIrq] = kextArm.returnAddresses('__ZN9FooDriver5startEPv', '__ZN9FooDriver15handleInterruptEj');
    expect(trapCallsPanic).toBe(kernelArm.sym('_kernel_trap_fatal'));

    const r = emptyReport({ path: 'panic-full-2026-11-24.panic', format: 'panic-text' }, 'panic');
    r.panic = {
      kernelTextExecBase: execBase,
      kernelUuid: kernelArm.image.uuid,
      kexts: [
        { bundleId: 'com.example.driver.FooDriver', version: '1.0.3', uuid: kextArm.image.uuid, start: kextStart, end: kextStart + kextExec.vmsize - 1n },
        { bundleId: 'com.example.driver.Other', version: '2.0', uuid: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE', start: 0xfffffe001d000000n, end: 0xfffffe001d00ffffn },
      ],
      backtrace: [
        frame(0, kernelLr(trapCallsPanic!)),
        frame(1, kernelLr(fatalCallsTrap!)),
        frame(2, kextLr(irqCallsCheck!)),
        frame(3, kextLr(startCallsIrq!)),
        frame(4, 0xfffffe001d000100n),
        frame(5, 0xfffffe0000001000n),
      ],
    };
    const backend = make();
    const [out] = await run([r], backend);
    await backend.close();
    const bt = out!.panic!.backtrace;
    expect(bt.map((f) => f.symbol)).toEqual(['panic_trap_to_debugger', 'kernel_trap_fatal', 'FooDriver::handleInterrupt(unsigned int)', 'FooDriver::start(void*)', undefined, undefined]);
    expect(bt[0]!.fileAddress).toBe(trapCallsPanic! - 4n);
    expect(bt[4]!.unresolvedReason).toBe('UUID not found');
    expect(bt[5]!.unresolvedReason).toBe('address outside image');
    expect(out!.missingSymbols).toEqual([expect.objectContaining({ name: 'com.example.driver.Other', arch: 'arm64e', reason: 'UUID not found' })]);
    if (lines) {
      expect(bt.slice(0, 4).map((f) => f.line)).toEqual([
        markerLine('kernel.c', 'trap_to_debugger'),
        markerLine('kernel.c', 'trap_fatal'),
        markerLine('kext.cpp', 'kext_read_regs'),
        markerLine('kext.cpp', 'kext_start_call'),
      ]);
      expect(bt[2]).toMatchObject({ file: fixtureSource('kext.cpp'), rawSymbol: '_ZN9FooDriver15handleInterruptEj' });
    }
  });

  it.skipIf(!available)('resolves an Intel panic: kernel via Kernel slide, kext via its load address', async () => {
    const slide = 0x1c600000n;
    const kextLoad = 0xffffff7f9a3c1000n;
    const [trapCallsPanic] = kernelX86.returnAddresses('_panic_trap_to_debugger', '_panic');
    const [startCallsSleh] = kernelX86.returnAddresses('_kernel_start', '_sleh_synchronous');
    const [irqCallsCheck] = kextX86.returnAddresses('__ZN9FooDriver15handleInterruptEj', '__ZL12check_statusj');
    const r = emptyReport({ path: 'Kernel-2026-11-24.panic', format: 'panic-text' }, 'panic');
    r.panic = {
      kernelSlide: slide,
      kernelUuid: kernelX86.image.uuid,
      kexts: [{ bundleId: 'com.example.driver.FooDriver', uuid: kextX86.image.uuid, start: kextLoad, end: kextLoad + 0x7fffn }],
      backtrace: [frame(0, trapCallsPanic! + slide), frame(1, startCallsSleh! + slide), frame(2, kextLoad + irqCallsCheck!)],
    };
    const backend = make();
    const [out] = await run([r], backend);
    await backend.close();
    const bt = out!.panic!.backtrace;
    expect(bt[0]).toMatchObject({ symbol: 'panic_trap_to_debugger', fileAddress: trapCallsPanic! - 1n });
    expect(bt[2]).toMatchObject({ symbol: 'FooDriver::handleInterrupt(unsigned int)' });
    expect(bt[1]!.symbol).toBe('kernel_start');
    if (lines) expect(bt.map((f) => f.line)).toEqual([markerLine('kernel.c', 'trap_to_debugger'), markerLine('kernel.c', 'kernel_start'), markerLine('kext.cpp', 'kext_read_regs')]);
  });
});

describe.skipIf(!llvmPath)('fat files and other image kinds (llvm-symbolizer)', () => {
  it('picks the arm64e slice of a universal binary and its fat dSYM by UUID', async () => {
    const e = loadFixture('App/arm64e/App');
    const base = 0x104e60000n;
    const r = emptyReport({ path: 'App-arm64e.ips', format: 'ips' }, 'crash');
    r.images = [{ name: 'App', uuid: e.image.uuid, base, size: 0x8000n, arch: 'arm64e' }];
    const [mainCallsStore] = e.returnAddresses('_main', '_store_value');
    r.threads = [{ index: 0, crashed: true, frames: [frame(0, base + e.sym('_store_value') - 0x100000000n, 'App'), frame(1, base + mainCallsStore! - 0x100000000n, 'App')] }];
    const backend = new LlvmSymbolizerBackend(llvmPath!);
    const [out] = await symbolicateReports([r], { backend, symbols: [fixtureOut('App/universal')], defaultLocations: false, reportFolders: false });
    await backend.close();
    expect(out!.threads[0]!.frames.map((f) => [f.symbol, f.line])).toEqual([
      ['store_value', markerLine('crash.c', 'store_null')],
      ['main', markerLine('main.c', 'main_store')],
    ]);
  });

  it('resolves a DriverKit dext frame through its bundle-named dSYM', async () => {
    const d = loadFixture('dext/ExampleDriver.dext/ExampleDriver');
    const base = 0x100e1c000n;
    const r = emptyReport({ path: 'ExampleDriver.ips', format: 'ips' }, 'crash');
    r.images = [{ name: 'com.example.driver.ExampleDriver', path: '/Library/DriverExtensions/x/com.example.driver.ExampleDriver.dext/ExampleDriver', uuid: d.image.uuid, base, size: 0x8000n, arch: 'arm64' }];
    const [call] = d.returnAddresses('__ZN17ExampleUserClient14ExternalMethodEjPv');
    r.threads = [{ index: 0, crashed: true, frames: [frame(0, base + 0x100n), frame(1, base + call! - 0x100000000n, 'ExampleDriver')] }];
    const backend = new LlvmSymbolizerBackend(llvmPath!);
    const [out] = await symbolicateReports([r], { backend, symbols: [fixtureOut('dext')], defaultLocations: false, reportFolders: false });
    await backend.close();
    expect(out!.threads[0]!.frames[1]).toMatchObject({ symbol: 'ExampleUserClient::ExternalMethod(unsigned int, void*)', line: markerLine('dext.cpp', 'dext_validate'), file: fixtureSource('dext.cpp') });
  });
});
