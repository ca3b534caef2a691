import type { Frame, KextInfo } from '../../model/report.js';

/**
 * Name the kext that owns each backtrace frame, by the inclusive `@start->end` ranges of
 * "Kernel Extensions in backtrace" (dependencies included), so an unsymbolicated panic still says
 * which third-party code was on the stack. Frames that already name an image (keepsyms) keep it.
 * Only the name is set: on arm64 the printed range starts at __TEXT_EXEC, not the Mach-O header,
 * so an offset from it would not be an image offset.
 */
export function nameFrameOwners(frames: Frame[], kexts: KextInfo[]): void {
  const ranged: KextInfo[] = [];
  const visit = (k: KextInfo): void => {
    if (k.start !== undefined && k.end !== undefined && k.end >= k.start) ranged.push(k);
    k.dependencies?.forEach(visit);
  };
  kexts.forEach(visit);
  if (ranged.length === 0) return;
  for (const f of frames) {
    if (f.image !== undefined || f.address === undefined) continue;
    const a = f.address;
    const owner = ranged.find((k) => a >= (k.start as bigint) && a <= (k.end as bigint));
    if (owner) f.image = owner.bundleId;
  }
}
