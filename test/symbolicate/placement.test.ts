import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { insideImage, stripPac, toFileAddress } from '../../src/symbolicate/placement.js';
import { kextAt, kernelFlavor, planPanicFrames } from '../../src/symbolicate/plan-panic.js';
import { planUserFrames } from '../../src/symbolicate/plan-user.js';
import { emptyReport } from '../../src/model/report.js';

const seg = (name: string, vmaddr: bigint, vmsize = 0x4000n) => ({ name, vmaddr, vmsize, fileoff: 0n, filesize: 0n, sections: [] });
const kext = { segments: [seg('__TEXT', 0n), seg('__TEXT_EXEC', 0xc000n)] };

describe('address arithmetic', () => {
  it('maps a user frame through the image base and __TEXT.vmaddr', () => {
    const exe = { segments: [seg('__TEXT', 0x100000000n)] };
    expect(toFileAddress(0x102a4c598n, { kind: 'segment', segment: '__TEXT', runtimeStart: 0x102a4c000n }, exe)).toBe(0x100000598n);
  });

  it('maps a kext frame through its runtime __TEXT_EXEC start and the kext’s own __TEXT_EXEC', () => {
    expect(toFileAddress(0xfffffe001c2d4ea0n, { kind: 'segment', segment: '__TEXT_EXEC', runtimeStart: 0xfffffe001c2d4e80n }, kext)).toBe(0xc020n);
  });

  it('maps an Intel kernel frame by subtracting the slide', () => {
    expect(toFileAddress(0xffffff801c8003f4n, { kind: 'slide', slide: 0x1c600000n }, { segments: [] })).toBe(0xffffff80002003f4n);
  });

  it('cannot map through a segment the symbol file lacks', () => {
    expect(toFileAddress(1n, { kind: 'segment', segment: '__TEXT_EXEC', runtimeStart: 0n }, { segments: [seg('__TEXT', 0n)] })).toBeUndefined();
  });

  it('round-trips any 64-bit address exactly (no Number precision loss)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 1n << 40n }), (start, delta) => {
        const f = toFileAddress((start + delta) & ((1n << 64n) - 1n), { kind: 'segment', segment: '__TEXT_EXEC', runtimeStart: start }, kext);
        expect(f).toBe((0xc000n + delta) & ((1n << 64n) - 1n));
      }),
    );
  });

  it('knows which file addresses lie inside the image (not __LINKEDIT)', () => {
    const f = { segments: [seg('__TEXT', 0n), seg('__LINKEDIT', 0x4000n)] };
    expect([insideImage(0x3fffn, f), insideImage(0x4000n, f)]).toEqual([true, false]);
  });

  it('strips PAC bits: kernel pointers sign-extended, user pointers masked', () => {
    expect(stripPac(0x65cc7e004f4463d4n)).toBe(0xfffffe004f4463d4n);
    expect(stripPac(0x002e000102a4c598n)).toBe(0x102a4c598n);
  });
});

describe('planning frames', () => {
  it('looks up frame 0 as is and callers at − 4 (arm64) / − 1 (x86_64); the Last Exception Backtrace all at −', () => {
    const r = emptyReport({ path: 'x', format: 'ips' }, 'crash');
    r.images = [{ name: 'App', uuid: 'A', base: 0x1000n, size: 0x1000n, arch: 'arm64' }, { name: 'X', uuid: 'B', base: 0x4000n, size: 0x1000n, arch: 'x86_64' }];
    const frames = [{ index: 0, address: 0x1100n }, { index: 1, address: 0x1200n }, { index: 2, address: 0x4200n }];
    expect(planUserFrames(r, frames, { list: 'thread', thread: 0 }, false).map((p) => p.lookupAddress)).toEqual([0x1100n, 0x11fcn, 0x41ffn]);
    expect(planUserFrames(r, frames.slice(0, 1), { list: 'lastException' }, true)[0]!.lookupAddress).toBe(0x10fcn);
  });

  it('finds images by offset when a frame has no absolute address', () => {
    const r = emptyReport({ path: 'x', format: 'ips' }, 'crash');
    r.images = [{ name: 'App', uuid: 'A', base: 0x104000000n, arch: 'arm64' }];
    const [p] = planUserFrames(r, [{ index: 0, image: 'App', imageOffset: 0x598n }], { list: 'thread', thread: 0 }, false);
    expect(p!.lookupAddress).toBe(0x104000598n);
  });

  it('matches kext ranges inclusively, and open-ended Intel dependency starts to the nearest one below', () => {
    const ks = [
      { bundleId: 'a', start: 0x1000n, end: 0x1fffn },
      { bundleId: 'b', start: 0x5000n },
      { bundleId: 'c', start: 0x8000n },
    ];
    expect([0x1fffn, 0x2000n, 0x7000n, 0x9000n].map((a) => kextAt(ks, a)?.bundleId)).toEqual(['a', undefined, 'b', 'c']);
  });

  it('tells Apple-silicon from Intel panics', () => {
    const r = emptyReport({ path: 'x', format: 'panic-text' }, 'panic');
    expect(kernelFlavor({ kexts: [], backtrace: [], kernelTextExecBase: 1n }, r)).toBe('arm64');
    expect(kernelFlavor({ kexts: [], backtrace: [], kernelSlide: 1n }, r)).toBe('x86_64');
  });

  it('strips PAC from signed panic return addresses before matching kext ranges', () => {
    const r = emptyReport({ path: 'x', format: 'panic-text' }, 'panic');
    const panic = { kernelTextExecBase: 0xfffffe0019a48000n, kexts: [{ bundleId: 'k', uuid: 'U', start: 0xfffffe004f440000n, end: 0xfffffe004f44ffffn }], backtrace: [{ index: 0, address: 0x65cc7e004f4463d4n }] };
    const [p] = planPanicFrames(r, panic);
    expect(p).toMatchObject({ lookupAddress: 0xfffffe004f4463d0n, need: { role: 'kext', arch: 'arm64e' } });
  });
});
