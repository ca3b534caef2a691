/** Segment facts the address arithmetic needs: __TEXT and __TEXT_EXEC vmaddrs, and the executable ranges. */
import type { MachOImage, MachOSegment } from './types.js';

export function segment(image: MachOImage, name: string): MachOSegment | undefined {
  return image.segments.find((s) => s.name === name);
}

/** __TEXT.vmaddr: 0x100000000 for executables, 0 for dylibs, bundles and kexts. */
export function textVmaddr(image: MachOImage): bigint | undefined {
  return segment(image, '__TEXT')?.vmaddr;
}

/** The segment that holds code: __TEXT_EXEC for arm64 kernels and kexts, else __TEXT. */
export function codeSegment(image: MachOImage): MachOSegment | undefined {
  return segment(image, '__TEXT_EXEC') ?? segment(image, '__TEXT');
}

/** True when a file address lies inside some segment of the image (excluding __PAGEZERO). */
export function containsAddress(image: MachOImage, address: bigint): boolean {
  return image.segments.some((s) => s.name !== '__PAGEZERO' && address >= s.vmaddr && address < s.vmaddr + s.vmsize);
}
