/**
 * Consistency check of FORMATS §5.6: real logs satisfy
 * `Kernel text base − Kernel slide = Kernel text exec base − Kernel text exec slide = KernelCache base − KernelCache slide`
 * (the kernelcache link base). A disagreement means a damaged or hand-edited log, so it becomes a warning.
 */
import type { PanicInfo } from '../../model/report.js';
import { hex } from '../../model/numbers.js';

/** Warnings for slide/base pairs whose unslid bases disagree; empty when fewer than two pairs are present. */
export function checkSlides(panic: PanicInfo): string[] {
  const pairs: [string, bigint | undefined, bigint | undefined][] = [
    ['Kernel text base − Kernel slide', panic.kernelTextBase, panic.kernelSlide],
    ['Kernel text exec base − Kernel text exec slide', panic.kernelTextExecBase, panic.kernelTextExecSlide],
    ['KernelCache base − KernelCache slide', panic.kernelCacheBase, panic.kernelCacheSlide],
  ];
  const bases = pairs.flatMap(([label, base, slide]) =>
    base !== undefined && slide !== undefined ? [{ label, value: base - slide }] : [],
  );
  const first = bases[0];
  if (!first || bases.every((b) => b.value === first.value)) return [];
  const detail = bases.map((b) => `${b.label} = ${hex(b.value)}`).join(', ');
  return [`panic slides and bases disagree (${detail}); addresses may not symbolicate`];
}
