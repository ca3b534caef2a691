import { describe, expect, it } from 'vitest';
import { crashedThreadOf } from '../../../src/model/report.js';
import { parse, parseFile } from './helpers.js';

describe('309 crash body (samples/crash-macos-arm64.ips)', () => {
  const r = parseFile('samples/crash-macos-arm64.ips');

  it('reads process, OS and hardware facts', () => {
    expect(r.kind).toBe('crash');
    expect(r.source).toMatchObject({ format: 'ips', bugType: '309', reportVersion: '2' });
    expect(r.process).toMatchObject({
      name: 'Lumen',
      pid: 2417,
      path: '/Applications/Lumen.app/Contents/MacOS/Lumen',
      bundleId: 'com.lumenapps.Lumen',
      version: '2.3.1 (231)',
      parentName: 'launchd',
      parentPid: 1,
      role: 'Foreground',
      translated: false,
    });
    expect(r.os).toMatchObject({ platform: 'macOS', version: '14.4.1', build: '23E224', releaseType: 'User' });
    expect(r.hardware).toEqual({ model: 'Mac14,2', arch: 'arm64' });
    expect(r.incident).toBe('7C2B9E41-5A0D-4F36-B8E2-91D3C47A06F5');
    expect(r.time).toBe('2024-05-02 09:14:27.5512 +0200');
  });

  it('reads the exception, its faulting address and the termination', () => {
    expect(r.exception).toEqual({
      type: 'EXC_BAD_ACCESS',
      signal: 'SIGSEGV',
      codes: '0x0000000000000001, 0x0000000000000010',
      subtype: 'KERN_INVALID_ADDRESS at 0x0000000000000010',
      address: 0x10n,
    });
    expect(r.termination).toEqual({
      namespace: 'SIGNAL',
      code: '11',
      indicator: 'Segmentation fault: 11',
      byProcess: 'exc handler',
      byPid: 2417,
    });
    expect(r.vmRegionInfo).toMatch(/^0x10 is not in any region/);
  });

  it('resolves frames to image names and runtime addresses; only report symbols are marked', () => {
    const t = crashedThreadOf(r);
    expect(r.crashedThread).toBe(0);
    expect(t?.queue).toBe('com.apple.main-thread');
    expect(t?.frames[0]).toEqual({ index: 0, image: 'Lumen', imageOffset: 81236n, address: 0x1025dbd54n });
    expect(t?.frames[3]).toMatchObject({
      image: 'AppKit',
      symbol: '-[NSViewController _sendViewDidLoad]',
      symbolOffset: 60,
      symbolSource: 'report',
    });
    expect(t?.frames).toHaveLength(12);
    expect(r.threads.map((x) => x.name ?? null)).toEqual([null, null, 'com.apple.NSEventThread']);
  });

  it('keeps PAC-signed register values beyond 2^53 exact', () => {
    const regs = crashedThreadOf(r)?.registers;
    expect(regs?.lr).toBe(0x3d580001025db4a8n);
    expect(regs?.far).toBe(0x10n);
    expect(regs?.x1).toBe(105553141743680n);
    expect(regs?.pc).toBe(0x1025dbd54n);
  });

  it('reads used images with normalised UUIDs and bundle ids', () => {
    expect(r.images).toHaveLength(7);
    expect(r.images[0]).toEqual({
      name: 'Lumen',
      uuid: '5D0E8A3C-41B7-3F29-9C6E-2A7B1F04D8E5',
      base: 0x1025c8000n,
      size: 147456n,
      path: '/Applications/Lumen.app/Contents/MacOS/Lumen',
      arch: 'arm64',
      bundleId: 'com.lumenapps.Lumen',
      version: '2.3.1',
      kind: 'P',
    });
  });
});

describe('309 founding case (samples/founding-case/dext-crash.ips)', () => {
  const r = parseFile('samples/founding-case/dext-crash.ips');

  it('reads the dext process and the assertion text from asi', () => {
    expect(r.process.path).toMatch(/^\/Library\/SystemExtensions\/[0-9A-F-]{36}\/com\.example\.driver\.SCSIController\.dext\//);
    expect(r.process.bundleId).toBe('com.example.driver.SCSIController');
    expect(r.exception).toMatchObject({ type: 'EXC_CRASH', signal: 'SIGABRT' });
    expect(r.applicationSpecific).toEqual([
      'libsystem_c.dylib: Assertion failed: (notsync || !remote || (msgid == IOService_Start_ID) || queue->OnQueue()), function Invoke, file uioserver.cpp, line 1654.',
    ]);
  });

  it('has the abort path through OSMetaClassBase::Invoke in the DriverKit image', () => {
    const frames = crashedThreadOf(r)?.frames ?? [];
    expect(frames.slice(0, 6).map((f) => [f.image, f.symbol])).toEqual([
      ['libsystem_kernel.dylib', '__pthread_kill'],
      ['libsystem_pthread.dylib', 'pthread_kill'],
      ['libsystem_c.dylib', 'abort'],
      ['libsystem_c.dylib', '__assert_rtn'],
      ['DriverKit', 'OSMetaClassBase::Invoke(IORPC) (.cold.1)'],
      ['DriverKit', 'OSMetaClassBase::Invoke(IORPC)'],
    ]);
    expect(frames[5]?.address).toBe(0x104b41d28n);
  });
});

describe('309 body variants', () => {
  const header = '{"bug_type":"309","name":"t"}\n';

  it('gives inlined frames the index of the physical frame they fold into, and reads source locations', () => {
    const r = parse(
      header +
        JSON.stringify({
          procName: 't',
          usedImages: [{ base: 4096, name: 't', uuid: 'AA' }],
          threads: [
            {
              triggered: true,
              frames: [
                { imageIndex: 0, imageOffset: 16, symbol: 'inner', inline: true, sourceFile: 'a.swift', sourceLine: 3 },
                { imageIndex: 0, imageOffset: 16, symbol: 'outer', sourceFile: 'a.swift', sourceLine: 9 },
                { imageIndex: 0, imageOffset: '0x40' },
              ],
            },
          ],
        }),
    );
    const f = r.threads[0]?.frames ?? [];
    expect(f.map((x) => [x.index, x.inlined ?? false, x.file, x.line])).toEqual([
      [0, true, 'a.swift', 3],
      [0, false, 'a.swift', 9],
      [1, false, undefined, undefined],
    ]);
    expect(f[2]?.address).toBe(4096n + 0x40n);
    expect(r.crashedThread).toBe(0);
  });

  it('reads an older body: no version, bare register numbers, tuple images, rawCodes only, reasons and details', () => {
    const r = parse(
      header +
        '{"procName":"old","faultingThread":1,' +
        '"usedImages":[["b9252db9-9910-3b36-865a-01e20427c7e0", 4387598336, "P"]],' +
        '"exception":{"type":"EXC_BAD_ACCESS","rawCodes":[1,"0x10"]},' +
        '"termination":{"namespace":"TCC","code":"0","details":["This app has crashed because it attempted to access privacy-sensitive data."],"reasons":["a","b"]},' +
        '"threads":[{"frames":[]},{"threadState":{"flavor":"x86_THREAD_STATE","rip":4387600000,"rbp":"0x7ff7b0d5e8a0"},"frames":[{"imageIndex":0,"imageOffset":100}]}],' +
        '"ktriageinfo":"VM - pmap_enter retried due to resource shortage\\n\\n"}',
    );
    expect(r.source.reportVersion).toBeUndefined();
    expect(r.exception).toEqual({ type: 'EXC_BAD_ACCESS', codes: '0x0000000000000001, 0x0000000000000010', address: 0x10n });
    expect(r.termination).toMatchObject({ namespace: 'TCC', code: '0', reasons: ['a', 'b'] });
    expect(r.termination?.description).toMatch(/privacy-sensitive/);
    expect(r.crashedThread).toBe(1);
    expect(r.threads[1]?.crashed).toBe(true);
    expect(r.threads[1]?.registers).toEqual({ rip: 4387600000n, rbp: 0x7ff7b0d5e8a0n });
    expect(r.threads[1]?.frames[0]?.address).toBe(4387598336n + 100n);
    expect(r.images[0]).toEqual({ uuid: 'B9252DB9-9910-3B36-865A-01E20427C7E0', base: 4387598336n, kind: 'P' });
    expect(r.kernelTriage).toEqual(['VM - pmap_enter retried due to resource shortage']);
  });

  it('reads the lowercase vmregioninfo spelling and lastExceptionBacktrace', () => {
    const r = parse(
      header +
        '{"procName":"t","usedImages":[{"base":0,"name":"CoreFoundation"}],"vmregioninfo":"0 is not in any region.",' +
        '"lastExceptionBacktrace":[{"imageIndex":0,"imageOffset":5,"symbol":"__exceptionPreprocess"}],"threads":[]}',
    );
    expect(r.vmRegionInfo).toBe('0 is not in any region.');
    expect(r.lastExceptionBacktrace).toEqual([
      { index: 0, image: 'CoreFoundation', imageOffset: 5n, address: 5n, symbol: '__exceptionPreprocess', symbolSource: 'report' },
    ]);
  });

  it('writes large termination codes in hex', () => {
    const r = parse(header + '{"procName":"t","threads":[],"termination":{"namespace":"FRONTBOARD","code":2343432205}}');
    expect(r.termination?.code).toBe('0x8badf00d');
  });

  it('caps the frames it copies from hostile input, with a warning', () => {
    const frames = Array.from({ length: 5000 }, () => ({ imageIndex: 0, imageOffset: 1 }));
    const r = parse(header + JSON.stringify({ procName: 't', threads: [{ frames }] }));
    expect(r.threads[0]?.frames).toHaveLength(512);
    expect(r.warnings).toContain('thread 0 frames: kept the first 512 of 5000');
  });
});

describe('309 bodies from older or foreign producers', () => {
  it('accepts binaryImages instead of usedImages, tuple frames and a crashed flag', () => {
    const r = parse(
      '{"bug_type":"309"}\n' +
        JSON.stringify({
          procName: 'legacy',
          binaryImages: [{ name: 'legacy', base: 4096, uuid: '0123456789abcdef0123456789abcdef' }],
          threads: [{ frames: [] }, { crashed: true, frames: [[0, 32], [0, '0x40']] }],
          exception: 'EXC_BAD_ACCESS',
        }),
    );
    expect(r.kind).toBe('crash');
    expect(r.crashedThread).toBe(1);
    expect(r.threads[1]?.frames.map((f) => f.address)).toEqual([4128n, 4160n]);
    expect(r.images[0]?.uuid).toBe('01234567-89AB-CDEF-0123-456789ABCDEF');
    expect(r.exception).toEqual({ type: 'EXC_BAD_ACCESS' });
  });
});
