import { describe, expect, it } from 'vitest';
import { selectPanicStrings } from '../../../src/ingest/ips/body-210.js';
import { parse, parseFile } from './helpers.js';

describe('210 panic body (samples/panic-applesilicon.ips)', () => {
  const r = parseFile('samples/panic-applesilicon.ips');

  it('reads the JSON-level facts', () => {
    expect(r.kind).toBe('panic');
    expect(r.source.bugType).toBe('210');
    expect(r.hardware).toEqual({ model: 'MacBookAir10,1', soc: '8103', arch: 'arm64' });
    expect(r.os).toMatchObject({ platform: 'macOS', version: '14.4.1', build: '23E224' });
    expect(r.os.kernelVersion).toMatch(/RELEASE_ARM64_T8103$/);
    expect(r.incident).toBe('62D1E9A4-0C7B-4F38-9A5E-D316B8C2F047');
    expect(r.time).toBe('2024-05-02 14:38:06.71 +0200');
  });

  it('parses the panic string: message, backtrace, third-party kext, consistent slides', () => {
    const p = r.panic;
    expect(p?.message).toMatch(/^Kernel data abort\. at pc 0xfffffe0015c51a74/);
    expect(p?.cpu).toBe(3);
    expect(p?.backtrace).toHaveLength(12);
    expect(p?.backtrace[4]?.address).toBe(0xfffffe0015c51a40n);
    expect(p?.kexts[0]).toMatchObject({
      bundleId: 'com.example.driver.FastRAID',
      version: '2.1.0',
      uuid: '8E4D2B61-5C07-3A9F-B1D8-6F2E0A74C953',
      start: 0xfffffe0015c4a5e0n,
    });
    expect(p?.kexts[0]?.dependencies?.map((d) => d.bundleId)).toEqual(['com.apple.iokit.IOPCIFamily', 'com.apple.iokit.IOStorageFamily']);
    const link = 0xfffffe0007004000n;
    expect((p?.kernelTextBase ?? 0n) - (p?.kernelSlide ?? 0n)).toBe(link);
    expect((p?.kernelTextExecBase ?? 0n) - (p?.kernelTextExecSlide ?? 0n)).toBe(link);
    expect((p?.kernelCacheBase ?? 0n) - (p?.kernelCacheSlide ?? 0n)).toBe(link);
    expect(r.warnings).toEqual([]);
  });

  it('keeps the placeholder macOSPanicString as the secondary string', () => {
    expect(r.panic?.panicString).toMatch(/^panic\(cpu 3 caller/);
    expect(r.panic?.secondaryPanicString).toBe('not yet set');
  });

  it('reads binaryImages tuples, the stackshot summary and the notes', () => {
    expect(r.images.map((i) => i.kind)).toEqual(['T', 'A', 'T', 'S']);
    expect(r.images[3]).toEqual({ uuid: 'B94E1C3A-7D20-3F58-8E6B-1A4C09D7F25E', base: 0x180000000n, kind: 'S' });
    expect(r.notes).toContain('stackshot: 4 processes, 6 threads; largest resident: WindowServer [377] 288 MB, kernel_task [0] 117 MB, launchd [1] 12 MB, diskarbitrationd [512] 6 MB');
    expect(r.notes).toContain('Source: (null)');
    expect(r.notes).toContain('** Stackshot Succeeded ** Bytes Traced 281344 (Uncompressed 624704) **');
  });
});

describe('panic string selection', () => {
  it('prefers macOSPanicString when it holds a real panic (Intel with T2)', () => {
    expect(
      selectPanicStrings({ panicString: 'x86 global reset detected', macOSPanicString: 'panic(cpu 0 caller 0xffffff8012345678): "boom"' }),
    ).toEqual({ primary: 'panic(cpu 0 caller 0xffffff8012345678): "boom"', secondary: 'x86 global reset detected' });
  });

  it('keeps panicString primary when the macOS side is only a reset note', () => {
    expect(selectPanicStrings({ panicString: 'panic(cpu 0 caller 0x1): x86 global reset detected', macOSPanicString: 'Global Reset\nGRC0 = 0x00010000' })).toEqual({
      primary: 'panic(cpu 0 caller 0x1): x86 global reset detected',
      secondary: 'Global Reset\nGRC0 = 0x00010000',
    });
  });

  it('uses macOSPanicString alone on Intel Macs without T2, with the panic text trusted for the build', () => {
    const r = parse(
      '{"timestamp":"2023-09-08 20:40:16.84 -0700","bug_type":"210","os_version":"Mac OS X 10.15.7 (19H2026)"}\n' +
        JSON.stringify({
          macOSProcessedStackshotData: 'bm8gc3RhY2tzaG90',
          macOSPanicString:
            'panic(cpu 2 caller 0xffffff80199876a2): "IOSCSI timeout"@IOSCSIController.cpp:812\nBacktrace (CPU 2), panicked thread: 0xffffff86a2b7c000, Frame : Return Address\n0xffffffa0d3e3b9d0 : 0xffffff8016a8e64d \n\nMac OS version:\n21G651\n\nKernel version:\nDarwin Kernel Version 21.6.0: Thu Sep 29 20:12:57 PDT 2022; root:xnu-8020.240.7~1/RELEASE_X86_64\n',
        }),
    );
    expect(r.kind).toBe('panic');
    expect(r.panic?.panicString).toMatch(/^panic\(cpu 2/);
    expect(r.panic?.secondaryPanicString).toBeUndefined();
    expect(r.panic?.backtrace[0]?.address).toBe(0xffffff8016a8e64dn);
    expect(r.os.build).toBe('21G651');
    expect(r.hardware.arch).toBe('x86_64');
    expect(r.notes).toContain('OS build differs: 19H2026 in the report ("Mac OS X 10.15.7 (19H2026)"), 21G651 in the panic text (trusted)');
    // The system line comes from the panic text, not the spoofed header string.
    expect(r.os.raw).toBe('Mac OS version 21G651');
    expect(r.os.version).toBeUndefined();
  });

  it('gives a panic report with a warning when the body has no panic string at all', () => {
    const r = parse('{"bug_type":"210"}\n{"product":"iPhone12,5","panicFlags":"0x0","macOSProcessedStackshotData":"AA=="}');
    expect(r.kind).toBe('panic');
    expect(r.panic).toEqual({ kexts: [], backtrace: [] });
    expect(r.warnings).toContain('panic report without a panic string');
  });
});
