/** Plans user-space frames (threads, Last Exception Backtrace): which image, which address to look up. §4.1–4.2 */
import type { BinaryImage, Frame, Report } from '../model/report.js';
import { normalizeArch, returnAddressAdjustment } from './macho/arch.js';
import type { FrameList, FrameLookup, ImageNeed } from './types.js';

/** The image that holds a frame: by address range first, then by name. */
export function imageOfFrame(frame: Frame, images: BinaryImage[]): BinaryImage | undefined {
  const a = frame.address;
  if (a !== undefined) {
    const hit = images.find((i) => i.base !== undefined && i.size !== undefined && a >= i.base && a < i.base + i.size);
    if (hit) return hit;
  }
  if (frame.image !== undefined) {
    const named = images.filter((i) => i.name === frame.image || (i.path !== undefined && i.path.endsWith(`/${frame.image}`)));
    if (named.length === 1) return named[0];
    if (a !== undefined) return named.filter((i) => i.base !== undefined && i.base <= a).sort((x, y) => (x.base! > y.base! ? -1 : 1))[0];
    return named[0];
  }
  return undefined;
}

/** The binary's file name (what its dSYM is named after), else the report's name for the image. */
export function imageName(image: BinaryImage): string {
  return image.path?.split('/').pop() || image.name || image.bundleId || image.uuid || '???';
}

/** The arch to look an image up with: its own, else the report's. */
export function archOf(image: BinaryImage | undefined, report: Report): string | undefined {
  return normalizeArch(image?.arch) ?? normalizeArch(report.hardware.arch);
}

export function userNeed(image: BinaryImage, arch: string): ImageNeed {
  const name = imageName(image);
  return {
    key: `${image.uuid ?? `name:${name}`}/${arch}`,
    name,
    uuid: image.uuid,
    arch,
    role: 'image',
    bundleId: image.bundleId,
    placement: { kind: 'segment', segment: '__TEXT', runtimeStart: image.base ?? 0n },
  };
}

/**
 * Plan one list of user-space frames. `allReturnAddresses` is true for the Last Exception Backtrace; in a thread,
 * frame 0 is the pc and every caller frame a return address (looked up at − 4 on arm64, − 1 on x86_64).
 */
export function planUserFrames(report: Report, frames: Frame[], where: FrameList, allReturnAddresses: boolean): FrameLookup[] {
  const out: FrameLookup[] = [];
  frames.forEach((frame, position) => {
    if (frame.symbol !== undefined || frame.inlined) {
      out.push({ where, position, keep: true });
      return;
    }
    const image = imageOfFrame(frame, report.images);
    if (!image) {
      out.push({ where, position, reason: 'no image' });
      return;
    }
    const arch = archOf(image, report);
    if (!arch) {
      out.push({ where, position, reason: 'arch missing' });
      return;
    }
    let runtime = frame.address;
    if (runtime === undefined && frame.imageOffset !== undefined) runtime = (image.base ?? 0n) + frame.imageOffset;
    if (runtime === undefined) {
      out.push({ where, position, reason: 'no image' });
      return;
    }
    const isReturn = allReturnAddresses || frame.index > 0;
    // The & ~1 clears an armv7 Thumb bit (symbolicatecrash's rule); harmless elsewhere.
    const lookupAddress = isReturn ? (runtime & ~1n) - returnAddressAdjustment(arch) : runtime;
    out.push({ where, position, need: userNeed(image, arch), lookupAddress, adjustment: Number(runtime - lookupAddress) });
  });
  return out;
}
