import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYMBOL_PART, scanSymbolPart } from '../../../src/ingest/panic-text/backtrace.js';
import { parsePanicString } from '../../../src/ingest/panic-text/index.js';

/**
 * The keepsyms tail of an Intel backtrace row (`image : symbol + 0xOFF`) is read by hand instead of by
 * its pattern, whose lazy symbol tried the offset group at every character. The property holds the
 * scan to the pattern's groups on tails built from real pieces and near misses.
 */
describe('panic-text scans: same results as the patterns they replaced', () => {
  it('scanSymbolPart gives SYMBOL_PART groups', () => {
    const piece = fc.constantFrom('mach_kernel', 'com.apple.iokit.IOPCIFamily', ' ', '  ', '\t', ':', ' : ', '_panic', '__ZN3Foo3barEv.cold.1', '+', ' + ',
      '0x', '0x54', '54', 'x', '0x0x1', '10x5', 'ff', '\u00a0', '\u2028', '\n', '(', ')', 'é', '');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((p) => p.join('')), (s) => {
      const m = SYMBOL_PART.exec(s);
      const want = m ? { image: m[1], symbol: m[2], ...(m[3] !== undefined ? { offset: m[3] } : {}) } : undefined;
      expect(scanSymbolPart(s)).toEqual(want);
    }), { numRuns: 8000 });
  });

  it('reads a keepsyms Intel row', () => {
    const p = parsePanicString('panic(cpu 0 caller 0xffffff8000b3b7c5): "x"\nBacktrace (CPU 0), Frame : Return Address\n' +
      '0xffffff80a8a0bb10 : 0xffffff8000b3b7c5 mach_kernel : _handle_debugger_trap + 0x445\n' +
      '0xffffff80a8a0bb60 : 0xffffff8000c8a0f4 [com.apple.iokit.IOPCIFamily : 0x12]\n');
    expect(p.panic.backtrace[0]).toMatchObject({ image: 'mach_kernel', symbol: '_handle_debugger_trap', symbolOffset: 0x445 });
    expect(p.panic.backtrace[1]).toMatchObject({ image: 'com.apple.iokit.IOPCIFamily', imageOffset: 0x12n });
  });
});
