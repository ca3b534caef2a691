/**
 * Link frames to binary images: frames name an image by file name (iOS, macOS 12+) or by bundle id
 * (macOS ≤ 11); unnamed frames are placed by address. A linked frame gets the image's name and an
 * image offset (address − load address) when the line did not give one.
 */
import type { BinaryImage, Frame } from '../../model/report.js';
import { baseName, isFileNameOf } from './binary-images.js';

export function linkFrames(frames: Iterable<Frame>, images: BinaryImage[]): void {
  if (images.length === 0) return;
  // Each key names the first image that has it (name, bundle id or file name). The map is filled
  // from the last image to the first, so a plain set leaves the first one: one map operation per key
  // instead of a lookup and a set.
  const byName = new Map<string, BinaryImage>();
  for (let k = images.length - 1; k >= 0; k--) {
    const img = images[k] as BinaryImage;
    // A file name equal to the image name is set just below: no need to cut it out of the path.
    if (img.path && !(img.name !== undefined && isFileNameOf(img.path, img.name))) {
      const file = baseName(img.path);
      if (file) byName.set(file, img);
    }
    if (img.bundleId) byName.set(img.bundleId, img);
    if (img.name) byName.set(img.name, img);
  }
  // Only frames no name links are placed by address: the images are ordered for that on first need.
  let sorted: BinaryImage[] | undefined;
  for (const f of frames) {
    let img = f.image ? (byName.get(f.image) ?? byElidedName(f.image, images)) : undefined;
    if (!img && f.address !== undefined) img = containing((sorted ??= byBase(images)), f.address);
    if (!img) continue;
    if ((!f.image || f.image.startsWith('...')) && img.name) f.image = img.name;
    if (f.imageOffset === undefined && f.address !== undefined && img.base !== undefined && f.address >= img.base) {
      const off = f.address - img.base;
      if (img.size === undefined || off < img.size) f.imageOffset = off;
    }
  }
}

/**
 * Long image names are cut to their last characters behind "..." in frame lines. The first image
 * with a key (name, bundle id, file name, in that order) ending so: the keys in the order they first appear.
 */
function byElidedName(name: string, images: BinaryImage[]): BinaryImage | undefined {
  if (!name.startsWith('...') || name.length < 8) return undefined;
  const tail = name.slice(3);
  for (const img of images) {
    if (img.name?.endsWith(tail) || img.bundleId?.endsWith(tail)) return img;
    if (img.path && baseName(img.path).endsWith(tail)) return img;
  }
  return undefined;
}

function containing(sorted: BinaryImage[], address: bigint): BinaryImage | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const img = sorted[mid] as BinaryImage;
    const base = img.base as bigint;
    if (address < base) hi = mid - 1;
    else if (address >= base + (img.size as bigint)) lo = mid + 1;
    else return img;
  }
  return undefined;
}

/**
 * The images with a base and a size, by base. Reports list them in load order, which is nearly always
 * ascending: a list already strictly ascending is the one order the sort can give, so the sort (a
 * comparator call per comparison) runs only when the list is not.
 */
function byBase(images: BinaryImage[]): BinaryImage[] {
  const out = images.filter((i) => i.base !== undefined && i.size !== undefined);
  for (let k = 1; k < out.length; k++) {
    if (!((out[k - 1] as BinaryImage).base! < (out[k] as BinaryImage).base!)) return out.sort((a, b) => (a.base! < b.base! ? -1 : 1));
  }
  return out;
}
