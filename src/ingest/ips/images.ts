/**
 * Binary images of .ips bodies: 309 `usedImages` objects and 210/288 `binaryImages` tuples
 * `[uuid, base, sourceLetter]` (FORMATS §3, §4). Unknown letters and short tuples are tolerated.
 */
import type { BinaryImage } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { baseName, bigOf, strOf, textOf } from './json-access.js';
import { isJsonObject, type JsonValue } from './lossless-json.js';
import { normalizeArch } from './platform.js';

/** Upper bound on images copied from one report (hostile input). */
export const MAX_IMAGES = 5000;

/** One 309 `usedImages` entry (an object), or the tuple form some producers write. */
export function imageFromUsed(entry: JsonValue): BinaryImage {
  if (Array.isArray(entry)) return imageFromTuple(entry);
  if (!isJsonObject(entry)) return {};
  // Fields read by name (see textOf in json-access).
  const img: BinaryImage = {};
  const path = textOf(entry.path);
  const name = textOf(entry.name) ?? (path ? baseName(path) : undefined);
  if (name) img.name = name;
  const uuid = normalizeUuid(strOf(entry.uuid));
  if (uuid) img.uuid = uuid;
  const base = bigOf(entry.base);
  if (base !== undefined) img.base = base;
  const size = bigOf(entry.size);
  if (size !== undefined) img.size = size;
  if (path) img.path = path;
  const arch = normalizeArch(textOf(entry.arch));
  if (arch) img.arch = arch;
  const bundleId = textOf(entry.CFBundleIdentifier);
  if (bundleId) img.bundleId = bundleId;
  const version = textOf(entry.CFBundleShortVersionString) ?? textOf(entry.CFBundleVersion);
  if (version) img.version = version;
  const source = textOf(entry.source);
  if (source) img.kind = source;
  return img;
}

/** One 210/288 `binaryImages` tuple `[uuid, base, letter]`. */
export function imageFromTuple(tuple: JsonValue[]): BinaryImage {
  const img: BinaryImage = {};
  const uuid = normalizeUuid(strOf(tuple[0]));
  if (uuid) img.uuid = uuid;
  const base = bigOf(tuple[1]);
  if (base !== undefined) img.base = base;
  const letter = strOf(tuple[2])?.trim();
  if (letter) img.kind = letter;
  return img;
}

/** Read an image list, capped, skipping nothing (frame indexes point into it). */
export function readImages(list: JsonValue[] | undefined, warnings: string[]): BinaryImage[] {
  if (!list) return [];
  if (list.length > MAX_IMAGES) warnings.push(`binary images: kept the first ${MAX_IMAGES} of ${list.length}`);
  const n = Math.min(list.length, MAX_IMAGES);
  const images: BinaryImage[] = [];
  for (let i = 0; i < n; i++) {
    const e = list[i] as JsonValue;
    images.push(Array.isArray(e) ? imageFromTuple(e) : imageFromUsed(e));
  }
  return images;
}
