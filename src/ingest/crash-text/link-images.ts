/**
 * Link frames to binary images: frames name an image by file name (iOS, macOS 12+) or by bundle id
 * (macOS ≤ 11); unnamed frames are placed by address. A linked frame gets the image's name and an
 * image offset (address − load address) when the line did not give one.
 */
import type { BinaryImage, Frame } from '../../model/report.js';
import { baseName, isFileNameOf } from './binary-images.js';

export function linkFrames(frames: Iterable<Frame>, images: BinaryImage[]): void {
  if (images.length === 0) return;
  const byName = new ImagesByName(images);
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

/** Names looked up by comparison before the images are indexed in a map (see ImagesByName). */
const MAX_NAMES_COMPARED = 32;

/**
 * The first image whose name, bundle id or file name is a given name. A report's frames name a
 * handful of images among hundreds listed, and every name is a fresh cut of its line, which a map
 * hashes in the runtime (about a thousand instructions each): so the names asked for are answered
 * by comparing strings, each found once by a walk over the images and remembered. Past a few dozen
 * distinct names (never in a real report; a hostile one could name thousands) the images are put
 * in a map instead, so the work stays linear.
 */
class ImagesByName {
  private readonly names: string[] = [];
  private readonly found: (BinaryImage | undefined)[] = [];
  private map: Map<string, BinaryImage> | undefined;
  /**
   * The name, bundle id and path of the first `read` images ('' for an absent one; a frame's name is
   * never empty), read once each: images come in several shapes, so a field read on one is a slow
   * generic lookup, and each name looked up walked the images from the first one again.
   */
  private read = 0;
  private readonly imageNames: string[] = [];
  private readonly bundleIds: string[] = [];
  private readonly paths: string[] = [];

  constructor(private readonly images: BinaryImage[]) {}

  get(name: string): BinaryImage | undefined {
    if (this.map) return this.map.get(name);
    const names = this.names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) return this.found[i];
    if (names.length >= MAX_NAMES_COMPARED) {
      this.map = indexByName(this.images);
      return this.map.get(name);
    }
    const img = this.firstNamed(name);
    names.push(name);
    this.found.push(img);
    return img;
  }

  /** The first image with `name` (not empty) as its name, bundle id or file name (the last path component). */
  private firstNamed(name: string): BinaryImage | undefined {
    const imageNames = this.imageNames;
    const bundleIds = this.bundleIds;
    const paths = this.paths;
    const read = this.read;
    for (let k = 0; k < read; k++) if (isNamed(name, imageNames[k] as string, bundleIds[k] as string, paths[k] as string)) return this.images[k];
    // The images not read yet: each one's fields are kept as they are read (stored by index, not pushed:
    // the first files of a batch run this in the interpreter, where a push is a call).
    const images = this.images;
    for (let k = read; k < images.length; k++) {
      const img = images[k] as BinaryImage;
      const imageName = (imageNames[k] = img.name ?? '');
      const bundleId = (bundleIds[k] = img.bundleId ?? '');
      const path = (paths[k] = img.path ?? '');
      this.read = k + 1;
      if (isNamed(name, imageName, bundleId, path)) return img;
    }
    return undefined;
  }
}

/**
 * Whether an image with these fields ('' for an absent one) has `name` as its name, bundle id or file name:
 * isFileNameOf after its cheapest test, the '/' (or the start) right before where the name would begin.
 */
function isNamed(name: string, imageName: string, bundleId: string, path: string): boolean {
  if (imageName === name || bundleId === name) return true;
  const at = path.length - name.length;
  return (at === 0 || (at > 0 && path.charCodeAt(at - 1) === 47)) && isFileNameOf(path, name);
}

/** Each name, bundle id and file name, with the first image that has it. */
function indexByName(images: BinaryImage[]): Map<string, BinaryImage> {
  // Filled from the last image to the first, so a plain set leaves the first one: one map operation
  // per key instead of a lookup and a set.
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
  return byName;
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
