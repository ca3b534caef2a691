import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSlides } from '../../../src/ingest/panic-text/slides.js';
import { hex } from '../../../src/model/numbers.js';
import type { PanicInfo } from '../../../src/model/report.js';

/** The former array-building check: the definition checkSlides must agree with. */
function reference(panic: PanicInfo): string | undefined {
  const pairs: [string, bigint | undefined, bigint | undefined][] = [
    ['Kernel text base − Kernel slide', panic.kernelTextBase, panic.kernelSlide],
    ['Kernel text exec base − Kernel text exec slide', panic.kernelTextExecBase, panic.kernelTextExecSlide],
    ['KernelCache base − KernelCache slide', panic.kernelCacheBase, panic.kernelCacheSlide],
  ];
  const bases = pairs.flatMap(([label, base, slide]) => (base !== undefined && slide !== undefined ? [{ label, value: base - slide }] : []));
  const first = bases[0];
  if (!first || bases.every((b) => b.value === first.value)) return undefined;
  return `panic slides and bases disagree (${bases.map((b) => `${b.label} = ${hex(b.value)}`).join(', ')}); addresses may not symbolicate`;
}

describe('checkSlides', () => {
  it('warns only when two unslid bases disagree', () => {
    const ok: PanicInfo = { kexts: [], backtrace: [], kernelTextBase: 0x30n, kernelSlide: 0x10n, kernelCacheBase: 0x25n, kernelCacheSlide: 0x5n };
    expect(checkSlides(ok)).toBeUndefined();
    expect(checkSlides({ ...ok, kernelCacheSlide: 0x6n })).toBe(
      'panic slides and bases disagree (Kernel text base − Kernel slide = 0x20, KernelCache base − KernelCache slide = 0x1f); addresses may not symbolicate',
    );
    expect(checkSlides({ kexts: [], backtrace: [], kernelSlide: 1n })).toBeUndefined();
  });

  it('agrees with the array-building definition on any set of slides and bases', () => {
    // Small values so that equal unslid bases (the common case) come up often.
    const v = fc.option(fc.bigInt({ min: 0n, max: 3n }), { nil: undefined });
    fc.assert(
      fc.property(v, v, v, v, v, v, (tb, ts, eb, es, cb, cs) => {
        const panic: PanicInfo = { kexts: [], backtrace: [] };
        if (tb !== undefined) panic.kernelTextBase = tb;
        if (ts !== undefined) panic.kernelSlide = ts;
        if (eb !== undefined) panic.kernelTextExecBase = eb;
        if (es !== undefined) panic.kernelTextExecSlide = es;
        if (cb !== undefined) panic.kernelCacheBase = cb;
        if (cs !== undefined) panic.kernelCacheSlide = cs;
        expect(checkSlides(panic)).toBe(reference(panic));
      }),
      { numRuns: 3000 },
    );
  });
});
