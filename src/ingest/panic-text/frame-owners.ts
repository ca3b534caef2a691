import type { Frame, KextInfo } from '../../model/report.js';

/**
 * Name the kext that owns each backtrace frame, by the inclusive `@start->end` ranges of
 * "Kernel Extensions in backtrace" (dependencies included), so an unsymbolicated panic still says
 * which third-party code was on the stack. Frames that already name an image (keepsyms) keep it.
 * Only the name is set: on arm64 the printed range starts at __TEXT_EXEC, not the Mach-O header,
 * so an offset from it would not be an image offset.
 */
export function nameFrameOwners(frames: Frame[], kexts: KextInfo[]): void {
  // Plain loops (no closures per call): most panics name a few kexts and a dozen frames.
  const ranged: KextInfo[] = [];
  for (let i = 0; i < kexts.length; i++) addRanged(kexts[i] as KextInfo, ranged);
  if (ranged.length === 0) return;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i] as Frame;
    if (f.image !== undefined || f.address === undefined) continue;
    const a = f.address;
    for (let j = 0; j < ranged.length; j++) {
      const k = ranged[j] as KextInfo;
      if (a >= (k.start as bigint) && a <= (k.end as bigint)) {
        f.image = k.bundleId;
        break;
      }
    }
  }
}

/** `k` and its dependencies (depth first, in order) that carry a non-empty range. */
function addRanged(k: KextInfo, ranged: KextInfo[]): void {
  if (k.start !== undefined && k.end !== undefined && k.end >= k.start) ranged.push(k);
  const deps = k.dependencies;
  if (deps) for (let i = 0; i < deps.length; i++) addRanged(deps[i] as KextInfo, ranged);
}
