/**
 * Consistency check of FORMATS §5.6: real logs satisfy
 * `Kernel text base − Kernel slide = Kernel text exec base − Kernel text exec slide = KernelCache base − KernelCache slide`
 * (the kernelcache link base). A disagreement means a damaged or hand-edited log, so it becomes a warning.
 */
import type { PanicInfo } from '../../model/report.js';
import { hex } from '../../model/numbers.js';

/** The warning when slide/base pairs have unslid bases that disagree; undefined when fewer than two pairs are present. */
export function checkSlides(panic: PanicInfo): string | undefined {
  // Three fixed pairs, compared without building arrays: most panics have all three and they agree.
  const a = unslid(panic.kernelTextBase, panic.kernelSlide);
  const b = unslid(panic.kernelTextExecBase, panic.kernelTextExecSlide);
  const c = unslid(panic.kernelCacheBase, panic.kernelCacheSlide);
  const first = a ?? b ?? c;
  if (first === undefined || ((b === undefined || b === first) && (c === undefined || c === first))) return undefined;
  const parts: string[] = [];
  if (a !== undefined) parts.push(`Kernel text base − Kernel slide = ${hex(a)}`);
  if (b !== undefined) parts.push(`Kernel text exec base − Kernel text exec slide = ${hex(b)}`);
  if (c !== undefined) parts.push(`KernelCache base − KernelCache slide = ${hex(c)}`);
  return `panic slides and bases disagree (${parts.join(', ')}); addresses may not symbolicate`;
}

function unslid(base: bigint | undefined, slide: bigint | undefined): bigint | undefined {
  return base !== undefined && slide !== undefined ? base - slide : undefined;
}
