import { describe, expect, it } from 'vitest';
import { parsePanicString } from '../../../src/ingest/panic-text/parse-panic-string.js';

const panic = [
  'panic(cpu 3 caller 0xfffffe0013319c84): Kernel data abort. at pc 0xfffffe0015c51a74, lr 0xfffffe0015c51a40',
  'Panicked thread: 0xfffffe1a2b3c4d50, backtrace: 0xfffffe8f0c6f2f90, tid: 4711',
  '\t\t  lr: 0xfffffe00130c21e4  fp: 0xfffffe8f0c6f3000',
  '\t\t  lr: 0xfffffe0015c51a40  fp: 0xfffffe8f0c6f3060',
  '\t\t  lr: 0xfffffe0015d00010  fp: 0xfffffe8f0c6f30c0',
  '\t\t  lr: 0xfffffe0015c4e2f8  fp: 0x0000000000000000',
  '      Kernel Extensions in backtrace:',
  '         com.example.driver.FastRAID(2.1)[0B3B580D-98BD-38CF-B435-B91EA38FF0F0]@0xfffffe0015c4c000->0xfffffe0015c5ffff',
  '            dependency: com.apple.iokit.IOStorageFamily(2.1)[1C2D3E4F-98BD-38CF-B435-B91EA38FF0F0]@0xfffffe0015d00000->0xfffffe0015d0ffff',
  '',
].join('\n');

describe('panic backtrace frames named by kext range', () => {
  it('names the kext or dependency whose inclusive range holds the return address', () => {
    const { panic: p } = parsePanicString(panic);
    expect(p.backtrace.map((f) => f.image)).toEqual([
      undefined,
      'com.example.driver.FastRAID',
      'com.apple.iokit.IOStorageFamily',
      'com.example.driver.FastRAID',
    ]);
    expect(p.backtrace[1]?.imageOffset).toBeUndefined();
  });

  it('keeps the image a keepsyms Intel frame already names', () => {
    const intel = [
      'panic(cpu 0 caller 0xffffff8001a2b3c4): "x"@/x.c:1',
      'Backtrace (CPU 0), Frame : Return Address',
      '0xffffff90b1a3bc60 : 0xffffff7f8a0c1234 mach_kernel : _panic + 0x1',
      '      Kernel Extensions in backtrace:',
      '         com.example.kext(1.0)[0B3B580D-98BD-38CF-B435-B91EA38FF0F0]@0xffffff7f8a0c0000->0xffffff7f8a0c2fff',
    ].join('\n');
    expect(parsePanicString(intel).panic.backtrace[0]?.image).toBe('mach_kernel');
  });
});
