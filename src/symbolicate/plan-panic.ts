/**
 * Plans kernel panic backtrace frames (§4.3–4.5). Every backtrace row is a return address.
 * - Apple silicon: kernel through "Kernel text exec base" and the KDK kernel's __TEXT_EXEC; kexts through their
 *   @start->end range (their runtime __TEXT_EXEC) and the kext's own __TEXT_EXEC.
 * - Intel: kernel through "Kernel slide"; kexts through their load address (runtime __TEXT).
 */
import type { KextInfo, PanicInfo, Report } from '../model/report.js';
import { returnAddressAdjustment } from './macho/arch.js';
import { stripPac } from './placement.js';
import type { FrameLookup, ImageNeed } from './types.js';

export type KernelFlavor = 'arm64' | 'x86_64';

/** Apple silicon when the panic has a text exec base or lives at 0xfffffe…; Intel when it has only a slide. */
export function kernelFlavor(panic: PanicInfo, report: Report): KernelFlavor | undefined {
  if (panic.kernelTextExecBase !== undefined || panic.kernelTextExecSlide !== undefined) return 'arm64';
  const arch = report.hardware.arch?.toLowerCase() ?? '';
  if (arch.startsWith('arm')) return 'arm64';
  if (arch.startsWith('x86')) return 'x86_64';
  if (panic.kernelSlide !== undefined) return 'x86_64';
  const a = panic.backtrace.find((f) => f.address !== undefined)?.address;
  if (a !== undefined) return a >= 0xffffff8000000000n ? 'x86_64' : 'arm64';
  return undefined;
}

/** Every kext range the panic lists, dependencies included. */
export function panicKexts(panic: PanicInfo): KextInfo[] {
  const out: KextInfo[] = [];
  const visit = (k: KextInfo): void => {
    out.push(k);
    k.dependencies?.forEach(visit);
  };
  panic.kexts.forEach(visit);
  return out;
}

/** The kext whose range holds `a`. Ranges are inclusive; old Intel "dependency:" lines give only a start. */
export function kextAt(kexts: KextInfo[], a: bigint): KextInfo | undefined {
  const ranged = kexts.find((k) => k.start !== undefined && k.end !== undefined && a >= k.start && a <= k.end);
  if (ranged) return ranged;
  // Open-ended starts: the nearest start below; the symbol file's segments bound it later.
  return kexts
    .filter((k) => k.start !== undefined && k.end === undefined && k.start <= a)
    .sort((x, y) => (x.start! > y.start! ? -1 : 1))[0];
}

const ARCH: Record<KernelFlavor, string> = { arm64: 'arm64e', x86_64: 'x86_64' };

function kextNeed(k: KextInfo, flavor: KernelFlavor): ImageNeed {
  const arch = ARCH[flavor];
  return {
    key: `${k.uuid ?? `name:${k.bundleId}`}/${arch}`,
    name: k.bundleId,
    uuid: k.uuid,
    arch,
    role: 'kext',
    bundleId: k.bundleId,
    placement: { kind: 'segment', segment: flavor === 'arm64' ? '__TEXT_EXEC' : '__TEXT', runtimeStart: k.start ?? 0n },
  };
}

function kernelNeed(panic: PanicInfo, flavor: KernelFlavor): ImageNeed | undefined {
  const arch = ARCH[flavor];
  const base = { key: `${panic.kernelUuid ?? 'name:kernel'}/${arch}`, name: 'kernel', uuid: panic.kernelUuid, arch, role: 'kernel' as const };
  if (flavor === 'arm64') {
    if (panic.kernelTextExecBase === undefined) return undefined;
    return { ...base, placement: { kind: 'segment', segment: '__TEXT_EXEC', runtimeStart: panic.kernelTextExecBase } };
  }
  if (panic.kernelSlide !== undefined) return { ...base, placement: { kind: 'slide', slide: panic.kernelSlide } };
  if (panic.kernelTextBase !== undefined) return { ...base, placement: { kind: 'segment', segment: '__TEXT', runtimeStart: panic.kernelTextBase } };
  return undefined;
}

export function planPanicFrames(report: Report, panic: PanicInfo): FrameLookup[] {
  const flavor = kernelFlavor(panic, report);
  const kexts = panicKexts(panic);
  const kernel = flavor ? kernelNeed(panic, flavor) : undefined;
  return panic.backtrace.map((frame, position): FrameLookup => {
    const where = { list: 'panic' as const };
    if (frame.symbol !== undefined || frame.inlined) return { where, position, keep: true };
    if (frame.address === undefined || flavor === undefined) return { where, position, reason: 'no image' };
    const a = flavor === 'arm64' ? stripPac(frame.address) : frame.address;
    const adjust = returnAddressAdjustment(ARCH[flavor]);
    const lookupAddress = a - adjust;
    const adjustment = Number(adjust);
    const kext = kextAt(kexts, a);
    if (kext) return { where, position, need: kextNeed(kext, flavor), lookupAddress, adjustment };
    if (!kernel) return { where, position, reason: 'no image' };
    return { where, position, need: kernel, lookupAddress, adjustment };
  });
}
