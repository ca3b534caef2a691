import { describe, expect, it } from 'vitest';
import { crashedThreadOf } from '../../../src/model/report.js';
import { parseFile } from './helpers.js';

describe('samples/crash-ios-arm64.crash (iOS 104, Swift runtime trap)', () => {
  const r = parseFile('samples/crash-ios-arm64.crash');

  it('reads the header block', () => {
    expect(r.kind).toBe('crash');
    expect(r.source.format).toBe('crash-text');
    expect(r.source.reportVersion).toBe('104');
    expect(r.incident).toBe('8E31C0A4-5B7D-4F2A-9C16-D4E0B72F5A38');
    expect(r.process).toMatchObject({
      name: 'Trailmark',
      pid: 2417,
      bundleId: 'com.example.trailmark',
      version: '2.3.1 (418)',
      role: 'Foreground',
      parentName: 'launchd',
      parentPid: 1,
      translated: false,
      coalition: 'com.example.trailmark [1093]',
      launchTime: '2025-03-14 09:38:02.1204 +0100',
    });
    expect(r.os).toMatchObject({ platform: 'iOS', version: '16.7.2', build: '20H115', releaseType: 'User' });
    expect(r.hardware).toEqual({ model: 'iPhone14,5', arch: 'arm64' });
    expect(r.time).toBe('2025-03-14 09:41:27.5518 +0100');
  });

  it('reads the exception, termination and kernel triage', () => {
    expect(r.exception).toEqual({ type: 'EXC_BREAKPOINT', signal: 'SIGTRAP', codes: '0x0000000000000001, 0x00000001a3f4a1f4' });
    expect(r.termination).toMatchObject({ namespace: 'SIGNAL', code: '5', indicator: 'Trace/BPT trap: 5', byProcess: 'exc handler', byPid: 2417 });
    expect(r.kernelTriage).toEqual(['VM - (arg = 0x0) pmap_enter retried due to resource shortage']);
  });

  it('reads threads with names, queues and the crashed flag', () => {
    expect(r.crashedThread).toBe(0);
    expect(r.threads.map((t) => [t.index, t.crashed, t.queue, t.name, t.frames.length])).toEqual([
      [0, true, 'com.apple.main-thread', undefined, 20],
      [1, false, undefined, undefined, 3],
      [2, false, undefined, 'com.apple.uikit.eventfetch-thread', 10],
    ]);
  });

  it('reads symbolicated and unsymbolicated frames and links them to images', () => {
    const t = crashedThreadOf(r);
    const [f0, f1] = t?.frames ?? [];
    expect(f0).toMatchObject({
      index: 0,
      image: 'libswiftCore.dylib',
      address: 0x1a3f4a1f4n,
      imageOffset: 0x3a1f4n,
      symbol: '_assertionFailure(_:_:file:line:flags:)',
      symbolOffset: 312,
      symbolSource: 'report',
    });
    expect(f1).toMatchObject({ index: 1, image: 'Trailmark', address: 0x1009d76c8n, imageOffset: 194248n });
    expect(f1?.symbol).toBeUndefined();
    expect(f0?.sourceLine).toBe(32);
  });

  it('reads the ARM thread state into the crashed thread, esr value only', () => {
    const regs = crashedThreadOf(r)?.registers ?? {};
    expect(regs.pc).toBe(0x1a3f4a1f4n);
    expect(regs.x0).toBe(0x282d4e0c0n);
    expect(regs.x28).toBe(0n);
    expect(regs.esr).toBe(0xf2000001n);
    expect(regs.cpsr).toBe(0x60001000n);
    expect(Object.keys(regs)).toHaveLength(35);
  });

  it('reads arch-column binary images with dash-less UUIDs', () => {
    expect(r.images).toHaveLength(10);
    expect(r.images[0]).toEqual({
      name: 'Trailmark',
      base: 0x1009a8000n,
      size: 0xc8000n,
      arch: 'arm64',
      uuid: '7C1E2A9D-44B0-3F8E-9A1D-2C3B4E5F6071',
      path: '/private/var/containers/Bundle/Application/3F2B8C1D-6A4E-4D1F-9B7C-2E5A8D0C4F13/Trailmark.app/Trailmark',
    });
    expect(r.images[2]).toMatchObject({ name: 'libswiftCore.dylib', arch: 'arm64e', path: '/usr/lib/swift/libswiftCore.dylib' });
    expect(r.warnings).toEqual([]);
  });
});

describe('samples/crash-macos-x86_64.crash (macOS 12+ text)', () => {
  const r = parseFile('samples/crash-macos-x86_64.crash');

  it('reads process, OS and code type', () => {
    expect(r.process).toMatchObject({ name: 'Ledgerly', pid: 8812, responsible: 'Ledgerly [8812]', userId: 501, translated: false });
    expect(r.os).toMatchObject({ platform: 'macOS', version: '13.6.7', build: '22G720' });
    expect(r.hardware.arch).toBe('x86_64');
    expect(r.source.reportVersion).toBe('12');
  });

  it('reads both Exception Codes lines and the faulting address', () => {
    expect(r.exception?.codes).toBe('KERN_INVALID_ADDRESS at 0x0000000000000018; 0x0000000000000001, 0x0000000000000018');
    expect(r.exception?.address).toBe(0x18n);
    expect(r.termination).toMatchObject({ namespace: 'SIGNAL', code: '11', indicator: 'Segmentation fault: 11' });
    expect(r.vmRegionInfo?.split('\n')[0]).toBe('0x18 is not in any region.  Bytes before following region: 4377989096');
    expect(r.vmRegionInfo).toContain('--->');
  });

  it('reads double-colon thread headers', () => {
    expect(r.crashedThread).toBe(0);
    expect(r.threads[0]).toMatchObject({ crashed: true, queue: 'com.apple.main-thread' });
    expect(r.threads[2]).toMatchObject({ index: 2, crashed: false, name: 'com.apple.NSEventThread' });
    expect(r.threads[2]?.queue).toBeUndefined();
  });

  it('tokenises frames whose image name has a space', () => {
    expect(r.threads[0]?.frames[0]).toMatchObject({ image: 'Ledger Sync', address: 0x1052223c4n, imageOffset: 107460n });
  });

  it('reads (*) images, drops the ??? pseudo-image and keeps paths with spaces', () => {
    expect(r.images.map((i) => i.name)).toEqual([
      'Ledgerly', 'Ledger Sync', 'dyld', 'libobjc.A.dylib', 'CoreFoundation', 'libsystem_kernel.dylib', 'libsystem_pthread.dylib', 'AppKit', 'Foundation',
    ]);
    expect(r.images[1]).toEqual({
      name: 'Ledger Sync',
      base: 0x105208000n,
      size: 0xc0000n,
      uuid: 'B83E0F12-5C6A-3D94-8E71-2FA4C9D0B6E5',
      path: '/Applications/Ledgerly.app/Contents/Frameworks/Ledger Sync.framework/Versions/A/Ledger Sync',
    });
    expect(r.images[0]?.version).toBe('1.8.0');
    expect(r.images[4]?.version).toBe('6.9');
  });

  it('reads x86 registers and the x86 fault lines as notes', () => {
    const regs = r.threads[0]?.registers ?? {};
    expect(regs.rip).toBe(0x1052223c4n);
    expect(regs.cr2).toBe(0x18n);
    expect(r.notes).toContain('Error Code: 0x00000004 (no mapping for user data read)');
    expect(r.notes).toContain('Trap Number: 14');
    expect(r.warnings).toEqual([]);
  });
});
