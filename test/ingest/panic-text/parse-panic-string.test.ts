import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePanicString } from '../../../src/ingest/panic-text/parse-panic-string.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/panic-text/${name}`, import.meta.url), 'utf8');

describe('parsePanicString on an Apple silicon data abort in a third-party kext', () => {
  const r = parsePanicString(fixture('arm64-data-abort-third-party-kext.txt'));

  it('reads the panic line: cpu, caller and the abort message', () => {
    expect(r.panic.cpu).toBe(3);
    expect(r.panic.callerAddress).toBe(0xfffffe001b1f4a2cn);
    expect(r.panic.message).toBe(
      'Kernel data abort. at pc 0xfffffe001d4c8b10, lr 0x9f2dfe001d4c8ae4 (saved state: 0xfffffe8b3c2f7a40)',
    );
    expect(r.panic.file).toBeUndefined();
  });

  it('reads the arm64 register dump into panic.registers', () => {
    expect(r.panic.registers?.x0).toBe(0n);
    expect(r.panic.registers?.x28).toBe(0n);
    expect(r.panic.registers?.lr).toBe(0x9f2dfe001d4c8ae4n);
    expect(r.panic.registers?.pc).toBe(0xfffffe001d4c8b10n);
    expect(r.panic.registers?.esr).toBe(0x96000006n);
    expect(r.panic.registers?.far).toBe(0x18n);
  });

  it('reads OS build, kernel version, architecture and SoC', () => {
    expect(r.os.build).toBe('23E224');
    expect(r.panic.osBuild).toBe('23E224');
    expect(r.os.releaseType).toBe('User');
    expect(r.os.kernelVersion).toMatch(/RELEASE_ARM64_T6020$/);
    expect(r.hardware.arch).toBe('arm64');
    expect(r.hardware.soc).toBe('6020');
  });

  it('normalises the dash-less lower-case Kernelcache UUID and keeps the Kernel UUID', () => {
    expect(r.panic.kernelCacheUuid).toBe('9A1C7E52-D04B-3F6A-8E21-C0D9B47F5E13');
    expect(r.panic.kernelUuid).toBe('5E0B2C71-8A3D-3F49-9C12-7D6E4A1B0F88');
  });

  it('reads every slide and base as a bigint, and they agree so there is no warning', () => {
    expect(r.panic.kernelCacheSlide).toBe(0x12a28000n);
    expect(r.panic.kernelCacheBase).toBe(0xfffffe0019a2c000n);
    expect(r.panic.kernelSlide).toBe(0x12a30000n);
    expect(r.panic.kernelTextBase).toBe(0xfffffe0019a34000n);
    expect(r.panic.kernelTextExecSlide).toBe(0x13cd4000n);
    expect(r.panic.kernelTextExecBase).toBe(0xfffffe001acd8000n);
    expect(r.warnings.filter((w) => w.includes('slides'))).toEqual([]);
  });

  it('turns the Epoch Time Calendar row into the panic time', () => {
    expect(r.panic.timeEpochMs).toBe(0x6612c3d9 * 1000 + Math.floor(0x3e2a0 / 1000));
    expect(r.panic.time).toBe(new Date(0x6612c3d9 * 1000 + 254).toISOString());
  });

  it('reads the panicked task, thread and tid, and the process', () => {
    expect(r.panic.panickedPid).toBe(0);
    expect(r.panic.panickedProcess).toBe('kernel_task');
    expect(r.panic.panickedThread).toBe('0xfffffe1a219f4c40');
    expect(r.panic.panickedTid).toBe(1873);
    expect(r.process).toEqual({ pid: 0, name: 'kernel_task' });
    expect(r.panic.compressorInfo).toMatch(/^3% of compressed pages limit \(OK\)/);
    expect(r.panic.debuggerMessage).toBe('panic');
  });

  it('reads the lr backtrace as return addresses with their source lines', () => {
    expect(r.panic.backtrace).toHaveLength(14);
    expect(r.panic.backtrace[0]).toEqual({ index: 0, address: 0xfffffe001ad27a60n, sourceLine: 48 });
    expect(r.panic.backtrace[9]?.address).toBe(0xfffffe001d4c8ae4n);
    expect(r.panic.backtrace[13]?.address).toBe(0xfffffe001ace0a18n);
  });

  it('reads kexts in backtrace with inclusive ranges and their dependencies', () => {
    expect(r.panic.kexts.map((k) => k.bundleId)).toEqual(['com.example.driver.FastStorage', 'com.apple.iokit.IOPCIFamily']);
    const k = r.panic.kexts[0];
    expect(k?.version).toBe('2.4.1');
    expect(k?.uuid).toBe('6B1E3F20-94C7-3A5D-8E02-1F7C4D9A6B35');
    expect(k?.start).toBe(0xfffffe001d4c0340n);
    expect(k?.end).toBe(0xfffffe001d4d2f7bn);
    expect(k?.dependencies?.map((d) => [d.bundleId, d.start, d.end])).toEqual([
      ['com.apple.iokit.IOPCIFamily', 0xfffffe001c7a1c30n, 0xfffffe001c7cb3b3n],
      ['com.apple.iokit.IOStorageFamily', 0xfffffe001c9f8e90n, 0xfffffe001ca0a1e7n],
    ]);
    expect(r.panic.kexts[1]?.dependencies?.[0]?.bundleId).toBe('com.apple.driver.AppleARMPlatform');
  });

  it('reads last started/stopped kexts with addr and size as an inclusive range', () => {
    expect(r.panic.lastStartedKext).toEqual({
      bundleId: 'com.example.driver.FastStorage',
      version: '2.4.1',
      start: 0xfffffe001d4bc000n,
      end: 0xfffffe001d4bc000n + 77824n - 1n,
    });
    expect(r.panic.lastStoppedKext?.bundleId).toBe('com.apple.driver.usb.AppleUSBHostBillboardDevice');
  });

  it('reads a loaded kexts list that is cut off mid-line and says so', () => {
    expect(r.panic.loadedKexts?.map((k) => k.bundleId)).toEqual([
      'com.example.driver.FastStorage',
      'com.apple.filesystems.smbfs',
      'com.apple.driver.AppleTopCaseHIDEventDriver',
      'com.apple.iokit.IOPCIFamily',
      'com.apple.driver.AppleARMPl',
    ]);
    expect(r.panic.loadedKexts?.[1]?.version).toBe('6.0');
    expect(r.warnings.some((w) => w.includes('cut off') && w.includes('AppleARMPl'))).toBe(true);
    expect(r.notes).toContain('Paniclog version 14');
  });
});

describe('parsePanicString on an Intel keepsyms panic with old-style dependencies', () => {
  const r = parsePanicString(fixture('intel-keepsyms-old-dependency-form.txt'));

  it('reads a quoted message with a full @path:line', () => {
    expect(r.panic.message).toBe('ExampleNetFilter: mbuf chain corrupt (m_len 4294967295)');
    expect(r.panic.file).toBe('/Users/builder/src/ExampleNetFilter/ExampleNetFilter/filter.cpp');
    expect(r.panic.line).toBe(418);
    expect(r.panic.cpu).toBe(2);
  });

  it('reads keepsyms frames: image, symbol, offset, .cold.1 without offset, and a bare row', () => {
    const bt = r.panic.backtrace;
    expect(bt).toHaveLength(15);
    expect(bt[0]).toMatchObject({ address: 0xffffff80087ae0fdn, image: 'mach_kernel', symbol: '_handle_debugger_trap', symbolOffset: 0x47d, symbolSource: 'report' });
    expect(bt[7]).toMatchObject({ image: 'com.example.netfilter', symbol: '__ZN16ExampleNetFilter10inspectOutEP6__mbuf.cold.1' });
    expect(bt[7]?.symbolOffset).toBeUndefined();
    expect(bt[8]?.symbolOffset).toBe(0x1da);
    expect(bt[12]).toEqual({ index: 12, address: 0xffffff8008c8a0b4n, sourceLine: 15 });
  });

  it('reads dependencies printed with a start address only', () => {
    const deps = r.panic.kexts[0]?.dependencies ?? [];
    expect(deps.map((d) => [d.bundleId, d.version, d.uuid, d.start, d.end])).toEqual([
      ['com.apple.kpi.bsd', '18.7', undefined, 0xffffff80087a1000n, undefined],
      ['com.apple.kpi.libkern', '18.7', undefined, 0xffffff80087a3000n, undefined],
    ]);
    expect(r.panic.kexts[0]?.end).toBe(0xffffff7f9a31ffffn);
  });

  it('takes Mac OS version and Kernel version from the next line', () => {
    expect(r.os.build).toBe('18G103');
    expect(r.os.platform).toBe('macOS');
    expect(r.os.kernelVersion).toBe(
      'Darwin Kernel Version 18.7.0: Tue Aug 20 16:57:14 PDT 2019; root:xnu-4903.271.2~2/RELEASE_X86_64',
    );
    expect(r.hardware).toEqual({ arch: 'x86_64', model: 'MacBookPro15,1' });
  });

  it('reads the BSD process name, boot args and the loaded/unloaded kext wording', () => {
    expect(r.panic.panickedProcess).toBe('Safari');
    expect(r.process.name).toBe('Safari');
    expect(r.panic.bootArgs).toBe('keepsyms=1 -v');
    expect(r.panic.lastStartedKext?.bundleId).toBe('com.example.netfilter');
    expect(r.panic.lastStoppedKext?.bundleId).toBe('com.apple.driver.usb.cdc');
    expect(r.panic.loadedKexts).toHaveLength(3);
    expect(r.warnings).toEqual([]);
  });
});

describe('parsePanicString message forms', () => {
  const msg = (line: string) => parsePanicString(line).panic;

  it('keeps a subsystem prefix before the quote', () => {
    const p = msg('panic(cpu 0 caller 0xffffff80199876a2): nvme: "Command timeout. fBuiltIn=1\\n" @IONVMeController.cpp:6090');
    expect(p.message).toBe('nvme: Command timeout. fBuiltIn=1');
    expect(p.file).toBe('IONVMeController.cpp');
    expect(p.line).toBe(6090);
  });

  it('joins adjacent quoted strings and a multi-line dump up to the closing quote', () => {
    const text = [
      'panic(cpu 1 caller 0xfffffe0012345678): "Foo(ACIO1)::wait " "No response in 20s" "\\nFoo: Debug info:',
      'status = 0x4',
      'queue = empty" @Foo.cpp:77',
      'Debugger message: panic',
    ].join('\n');
    const p = msg(text);
    expect(p.message).toBe('Foo(ACIO1)::wait No response in 20s\nFoo: Debug info:\nstatus = 0x4\nqueue = empty');
    expect(p.file).toBe('Foo.cpp');
    expect(p.line).toBe(77);
    expect(p.debuggerMessage).toBe('panic');
  });

  it('reads an assertion with file and line', () => {
    const p = msg('panic(cpu 0 caller 0xffffff801f3ada45): assertion failed: x != NULL, file: bsd/net/foo.c, line: 12 @assert.c:42');
    expect(p.message).toBe('assertion failed: x != NULL');
    expect(p.file).toBe('bsd/net/foo.c');
    expect(p.line).toBe(12);
  });

  it('reads an unquoted message with a trailing @file:line', () => {
    const p = msg('panic(cpu 4 caller 0xfffffe0016b0c3a8): zone bound checks: buffer 0xfffffe2 of length 32 overflows object @zalloc.c:1234');
    expect(p.message).toBe('zone bound checks: buffer 0xfffffe2 of length 32 overflows object');
    expect(p.file).toBe('zalloc.c');
  });

  it('reads a panic line without a caller', () => {
    const p = msg('panic(cpu 0): Kernel trap at 0x1234, type 14=page fault');
    expect(p.cpu).toBe(0);
    expect(p.callerAddress).toBeUndefined();
    expect(p.message).toBe('Kernel trap at 0x1234, type 14=page fault');
  });

  it('names a dext from a "crashed too many times" panic and from the registry form', () => {
    const p = msg(
      [
        'panic(cpu 2 caller 0xfffffe001c2b3a40): Driver com.apple.driverkit.AppleUserHIDDrivers has crashed too many times',
        'com.example.audio.driver.dext: ( id: 0x100000a2f; path: /Library/SystemExtensions/1A2B3C4D-0000-4000-8000-00000000ABCD/com.example.audio.driver.dext; state: loaded )',
      ].join('\n'),
    );
    expect(p.dexts).toEqual([
      { bundleId: 'com.apple.driverkit.AppleUserHIDDrivers', state: 'crashed too many times' },
      {
        bundleId: 'com.example.audio.driver',
        id: '0x100000a2f',
        path: '/Library/SystemExtensions/1A2B3C4D-0000-4000-8000-00000000ABCD/com.example.audio.driver.dext',
        state: 'loaded',
      },
    ]);
  });

  it('unescapes a panic string copied out of JSON with literal \\n', () => {
    const r = parsePanicString(
      'panic(cpu 0 caller 0xfffffe0011111111): \\"boom\\"@x.c:1\\nDebugger message: panic\\nOS version: 21A559\\nKernel slide:      0x0000000010000000\\n',
    );
    expect(r.panic.message).toBe('boom');
    expect(r.os.build).toBe('21A559');
    expect(r.panic.kernelSlide).toBe(0x10000000n);
  });

  it('warns when slides and bases disagree', () => {
    const r = parsePanicString(
      [
        'panic(cpu 0 caller 0x1): x',
        'KernelCache slide: 0x0000000010000000',
        'KernelCache base:  0xfffffe0017004000',
        'Kernel slide:      0x0000000010008000',
        'Kernel text base:  0xfffffe0017010000',
      ].join('\n'),
    );
    expect(r.warnings.some((w) => w.includes('disagree'))).toBe(true);
  });

  it('reads "Kernel Extensions in backtrace: none" as no kexts', () => {
    const r = parsePanicString('panic(cpu 0 caller 0x1): x\n      Kernel Extensions in backtrace: none\n');
    expect(r.panic.kexts).toEqual([]);
  });

  it('uses the first line as the message when there is no panic line, with a warning', () => {
    const r = parsePanicString('Global Reset\nGRC0 = 0x00010000\n');
    expect(r.panic.message).toBe('Global Reset');
    expect(r.warnings[0]).toMatch(/no "panic\(cpu/);
  });
});

describe('parsePanicString on an old 32-bit Intel panic', () => {
  const r = parsePanicString(fixture('intel-old-args-on-stack.txt'));

  it('reads "(4 potential args on stack)" rows as bare return addresses', () => {
    expect(r.panic.backtrace.map((f) => f.address)).toEqual([0x21b837n, 0x2a8ab2n, 0x29e9a8n, 0xd2f6b1n]);
    expect(r.panic.backtrace.every((f) => f.symbol === undefined)).toBe(true);
    // Only the frame inside the listed kext's @0xd2a000->0xd3bfff range gets an owner.
    expect(r.panic.backtrace.map((f) => f.image)).toEqual([undefined, undefined, undefined, 'com.example.driver.OldAudio']);
  });

  it('reads the older "Kernel loadable modules in backtrace (with dependencies)" header and UUID-less entries', () => {
    expect(r.panic.kexts).toEqual([
      {
        bundleId: 'com.example.driver.OldAudio',
        version: '1.0.4',
        start: 0xd2a000n,
        end: 0xd3bfffn,
        dependencies: [{ bundleId: 'com.apple.iokit.IOAudioFamily', version: '1.7.7fc2', start: 0x9c8000n }],
      },
    ]);
  });

  it('reads 32-bit registers, "Debugger called:" and the next-line OS build', () => {
    expect(r.panic.registers?.eip).toBe(0xd2f6b1n);
    expect(r.panic.registers?.cr2).toBe(0x1cn);
    expect(r.panic.debuggerMessage).toBe('<panic>');
    expect(r.os.build).toBe('10K549');
    expect(r.process.name).toBe('coreaudiod');
  });
});

describe('parsePanicString on hostile shapes (bench/panic-kernlog times them)', () => {
  it('bounds a huge unquoted message and still finds a trailing @file:line within the head', () => {
    const r = parsePanicString(`panic(cpu 0 caller 0x1): a${' '.repeat(100_000)}x`);
    expect(r.panic.message).toBe('a');
  });

  it('reads the last ", file:" of an assertion whose expression repeats it', () => {
    const r = parsePanicString('panic(cpu 0 caller 0x1): assertion failed: f(", file: y"), file: bsd/x.c, line: 7 @assert.c:1');
    expect(r.panic.message).toBe('assertion failed: f(", file: y")');
    expect(r.panic.file).toBe('bsd/x.c');
    expect(r.panic.line).toBe(7);
  });

  it('does not take a long dotted run before ".dext:" as a dext', () => {
    const r = parsePanicString(`${'a.'.repeat(50_000)}dextX .dext:`);
    expect(r.panic.dexts).toBeUndefined();
  });
});

describe('field lines in either case where the pattern allows it', () => {
  it('reads the case-insensitive kernelcache fields and the lower-case process line', () => {
    const r = parsePanicString(
      [
        'panic(cpu 0 caller 0xfffffe0012345678): test',
        'kernelcache slide: 0x0000000010000000',
        'kernelcache base: 0xfffffe0017004000',
        'fileset kernelcache UUID: 4c7e1b90a2d35f68e91c0b7a3d2f6e85',
        'process name corresponding to current thread: launchd',
      ].join('\n'),
    );
    expect(r.panic.kernelCacheSlide).toBe(0x10000000n);
    expect(r.panic.kernelCacheBase).toBe(0xfffffe0017004000n);
    expect(r.panic.kernelCacheUuid).toBe('4C7E1B90-A2D3-5F68-E91C-0B7A3D2F6E85');
    expect(r.panic.panickedProcess).toBe('launchd');
  });
});
