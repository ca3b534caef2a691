/**
 * `Binary Images:` lines (FORMATS §6.4), every variant:
 *   macOS ≤ 11   `0x1003da000 - 0x1003dafff +com.example.App (1.0 - 1) <UUID> /path`
 *   macOS 12+    `0x10e30e000 - 0x10e311fff Example (*) <lower-case-dashed-uuid> /path`
 *   iOS          `0x18a94d000 - 0x18aeb5fff libswiftCore.dylib arm64e  <32 hex> /usr/lib/swift/libswiftCore.dylib`
 *   PLCrash      `+com.x.App (x86_64)  <UUID> /path`, `+Name x86_64 (400.9.4 - 1.0.0) <32hex> /path`
 * Paths and names may contain spaces. Size = end − start + 1.
 */
import type { BinaryImage } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { normalizeArch } from '../ips/platform.js';
import { hexAt, hexAtValue, isSpace, skipSpace } from './chars.js';

/** What an image line starts with, `^\s*(0x[0-9a-fA-F]{1,16})\s*-\s*(0x[0-9a-fA-F]{1,16})\s+`, is read by scanRange. */
const ARCHES = new Set(['arm64', 'arm64e', 'arm64_32', 'armv6', 'armv7', 'armv7s', 'armv7k', 'armv8', 'x86_64', 'x86_64h', 'i386', 'ppc', 'ppc64']);
/** normalizeArch of each name as written above (lower case, as reports spell them): one lookup per image line instead of a regex replace. */
const NORMAL_ARCH = new Map([...ARCHES].map((a) => [a, normalizeArch(a)]));
const MAX_U64 = 0xffffffffffffffffn;

/** True when the line starts like an image line (`0x… - 0x…`). */
export function isImageLine(line: string): boolean {
  return scanRange(line, skipSpace(line, 0));
}

/**
 * Parse one image line. Returns null for the `0x0 - 0xffffffffffffffff ???` pseudo-image that
 * macOS 12+ appends (it would match every address), undefined when the line is not an image.
 */
export function parseImageLine(line: string, from?: number): BinaryImage | null | undefined {
  // `from`, when given, is where the line's leading white space ends (the crash reader has found it already).
  if (!scanRange(line, from ?? skipSpace(line, 0))) return undefined;
  const range = columns;
  // Addresses are read as numbers when exact (most are), so the size is number arithmetic too, and
  // the end becomes a bigint only when it is not exact (the pseudo-image test needs it only then).
  // Everything an inexact address needs, the pseudo-image test included, sits in one branch: code first
  // run after V8 has optimised this function (it has no type feedback) throws the optimised code away,
  // and the rare paths spread over the function did so once each.
  const startN = range.startN;
  const endN = range.endN;
  let start: bigint;
  let size: bigint | undefined;
  let pseudo = false;
  if (startN >= 0 && endN >= 0) {
    start = BigInt(startN);
    if (endN >= startN) size = BigInt(endN - startN + 1);
  } else {
    start = startN >= 0 ? BigInt(startN) : BigInt(line.slice(range.start, range.startEnd));
    const end = BigInt(line.slice(range.end, range.endEnd));
    if (end >= start) size = end - start + 1n;
    pseudo = startN === 0 && end === MAX_U64;
  }
  // The rest of the line is read as index ranges [a, b) of `line`, trimmed by moving the ends, and only
  // the fields kept are cut out (the same fields the slice-and-trim steps below each comment would give).
  // The fields are held in locals and stored once, in the order the model always had them (base, size,
  // uuid, path, apple, version, arch, name, bundleId): reading them back off an object whose shape
  // varies from line to line cost a megamorphic load each.
  let a = skipSpace(line, range.endEnd);
  let b = trimEnd(line, a, line.length);

  // The UUID in angle brackets splits the descriptive part from the path.
  const lt = line.indexOf('<', a);
  const gt = lt >= 0 ? line.indexOf('>', lt) : -1;
  let uuid: string | undefined;
  let path: string | undefined;
  if (lt >= 0 && gt > lt) {
    uuid = uuidBetween(line, lt + 1, gt);
    path = trimmed(line, gt + 1, b);
    b = trimEnd(line, a, lt);
  } else {
    // Very old reports have no UUID: the path starts at the first " /".
    const slash = line.indexOf(' /', a);
    if (slash >= 0) {
      path = trimmed(line, slash + 1, b);
      b = trimEnd(line, a, slash);
    }
  }
  if (path === '' || path === '???') path = undefined;

  let apple: boolean | undefined;
  if (a < b && line.charCodeAt(a) === 43) {
    apple = false;
    a = skipSpace(line, a + 1);
  }
  let version: string | undefined;
  let arch: string | undefined;
  // Trailing "(version - build)", "(*)", "(539)" or PLCrash's "(x86_64)".
  if (a < b && line.charCodeAt(b - 1) === 41) {
    const open = matchingOpen(line, a, b);
    if (open >= 0) {
      const innerFrom = skipSpace(line, open + 1);
      const innerTo = trimEnd(line, innerFrom, b - 1);
      b = trimEnd(line, a, open);
      arch = exactArchAt(line, innerFrom, innerTo);
      if (arch === undefined) {
        const inner = innerFrom < innerTo ? line.slice(innerFrom, innerTo) : '';
        if (isArch(inner)) arch = archOf(inner);
        else if (inner !== '*' && inner !== '' && inner !== '???') version = inner;
      }
    }
  }
  // Arch column: the last word when it is an architecture name. isArch takes words of at most 8
  // characters, so only the last 9 places can hold the space before it (lastIndexOf(' ') runs in the runtime).
  // The usual lower-case spellings are matched in place; other words are cut out only when isArch could take them.
  const lastSpace = b - a > 1 && mayEndArch(line.charCodeAt(b - 1)) ? lastSpaceWithin(line, a, b) : -1;
  if (lastSpace >= 0) {
    let word = exactArchAt(line, lastSpace + 1, b);
    if (word === undefined && mayBeArch(line, lastSpace + 1, b)) {
      const cut = line.slice(lastSpace + 1, b);
      if (isArch(cut)) word = archOf(cut);
    }
    if (word !== undefined) {
      arch = word;
      b = trimEnd(line, a, lastSpace);
    }
  }
  let name = (a < b ? line.slice(a, b) : '') || (path ? baseName(path) : '');
  if (name === '???') {
    if (pseudo) return null;
    name = '';
  }

  return makeImage(start, size, uuid, path, apple, version, arch, name);
}

/**
 * The image object, its fields in the order the model always had them (base, size, uuid, path,
 * apple, version, arch, name, bundleId). The shapes nearly every line gives (all of base, size, uuid,
 * path and name, no '+') are object literals, one per set of fields: made whole from a boilerplate with
 * every field inside the object, where adding the fields one by one went through a chain of shapes per
 * line form, put the fields past the fourth in a separate array, and deoptimised the stores whenever a
 * new chain turned up. Other lines take the general path (genericImage).
 */
function makeImage(
  start: bigint, size: bigint | undefined, uuid: string | undefined, path: string | undefined, apple: boolean | undefined,
  version: string | undefined, arch: string | undefined, name: string,
): BinaryImage {
  if (size !== undefined && uuid !== undefined && path && apple === undefined && name) {
    const bundle = isBundleIdOf(name, path);
    if (version !== undefined) {
      if (arch === undefined) {
        return bundle
          ? { base: start, size, uuid, path, version, name, bundleId: name }
          : { base: start, size, uuid, path, version, name };
      }
      if (!bundle) return { base: start, size, uuid, path, version, arch, name };
    } else if (arch !== undefined) {
      return bundle
        ? { base: start, size, uuid, path, arch, name, bundleId: name }
        : { base: start, size, uuid, path, arch, name };
    }
  }
  return genericImage(start, size, uuid, path, apple, version, arch, name);
}

/** makeImage field by field, for any set of fields. */
function genericImage(
  start: bigint, size: bigint | undefined, uuid: string | undefined, path: string | undefined, apple: boolean | undefined,
  version: string | undefined, arch: string | undefined, name: string,
): BinaryImage {
  const img: BinaryImage = { base: start };
  if (size !== undefined) img.size = size;
  if (uuid) img.uuid = uuid;
  if (path) img.path = path;
  if (apple === false) img.apple = false;
  if (version !== undefined) img.version = version;
  if (arch !== undefined) img.arch = arch;
  if (name) {
    img.name = name;
    if (path && isBundleIdOf(name, path)) img.bundleId = name;
  }
  return img;
}

/**
 * Whether an image named `name` (not empty) with `path` (not empty) is named by its bundle id
 * (macOS ≤ 11 names images so; the file name is the path's last component). BUNDLE_ID needs two
 * dots, so a name with fewer is not tested, nor its path looked at.
 */
function isBundleIdOf(name: string, path: string): boolean {
  return hasTwoDots(name) && BUNDLE_ID.test(name) && !isFileNameOf(path, name);
}

/**
 * line.lastIndexOf(' ', b - 1) when it is past `a` and leaves a word of at most 8 characters up to
 * `b`, else -1: only positions b-9 … b-1 are looked at.
 */
function lastSpaceWithin(line: string, a: number, b: number): number {
  const low = Math.max(a + 1, b - 9);
  for (let i = b - 1; i >= low; i--) if (line.charCodeAt(i) === 32) return i;
  return -1;
}

/**
 * Whether a word ending in character c may be one isArch takes: every name ends in 2, 4, 6, 7, 8, c,
 * e, h, k or s, and lower-casing (isArch's other spelling) gives one of those letters only from its
 * upper case or from the Kelvin sign (U+212A → k). Most image names end otherwise (".dylib", bundle
 * ids), and their last 9 characters are then not read for a space.
 */
function mayEndArch(c: number): boolean {
  if (c >= 50 && c <= 56) return c !== 51 && c !== 53;
  const l = c | 32;
  return l === 99 || l === 101 || l === 104 || l === 107 || l === 115 || c === 0x212a;
}

/** name.indexOf('.') !== name.lastIndexOf('.'): at least two dots (indexOf is a builtin; lastIndexOf runs in the runtime). */
function hasTwoDots(name: string): boolean {
  const first = name.indexOf('.');
  return first >= 0 && name.indexOf('.', first + 1) >= 0;
}

/** baseName(path) === name, without cutting the file name out of the path. */
export function isFileNameOf(path: string, name: string): boolean {
  const at = path.length - name.length;
  if (at < 0 || !path.endsWith(name)) return false;
  // The file name is what follows the last '/': none may be in the name, and one (or the start) must come before it.
  if (at > 0 && path.charCodeAt(at - 1) !== 47) return false;
  return name.indexOf('/') < 0;
}

const BUNDLE_ID = /^[A-Za-z][\w-]*(\.[\w-]+){2,}$/;

/** normalizeArch(word) for a word isArch accepted: a table lookup for the usual lower-case spelling. */
function archOf(word: string): string | undefined {
  return NORMAL_ARCH.has(word) ? NORMAL_ARCH.get(word) : normalizeArch(word);
}

/**
 * Image UUIDs already normalised, by their spelling in the report. The same system libraries, with
 * the same UUIDs, are listed in every report of one OS build, so a batch reads each spelling many
 * times; checking and upper-casing it costs several times the lookup. A Map keyed by the spelling
 * hashed each cut in the runtime (~1,500 instructions a line): this table is indexed by the
 * spelling's first three digits (uniformly spread) and an entry is confirmed by comparing strings.
 * Four entries per bucket, the newest first, so a few spellings sharing one do not evict each other
 * (the Map, cleared when full, lost every spelling at once). Bounded: MAX_UUIDS entries, made at the
 * first UUID read; keys and values are copies, so an entry never holds a whole report's text alive.
 */
const UUID_BUCKETS = 4096;
const UUID_WAYS = 4;
export const MAX_UUIDS = UUID_BUCKETS * UUID_WAYS;
/** Entry k: its spelling ('' when empty) and its normalised UUID. */
let uuidRaw: string[] = [];
let uuidNorm: string[] = [];
let uuidCount = 0;

/**
 * normalizeUuid(line.slice(from, to)), remembered for the usual 32- and 36-character spellings.
 * A spelling not seen before is checked and upper-cased by native calls (a regex test, toUpperCase),
 * not character by character: most of a batch's first reports are read before the JIT has compiled
 * anything, and an interpreted loop over 36 characters cost ~27k instructions per new spelling.
 */
export function uuidBetween(line: string, from: number, to: number): string | undefined {
  const raw = line.slice(from, to);
  const n = to - from;
  if (n !== 32 && n !== 36) return normalizeUuid(raw);
  const k = uuidEntry(line, from);
  if (uuidRaw.length !== 0) {
    for (let w = k; w < k + UUID_WAYS; w++) if (uuidRaw[w] === raw) return uuidNorm[w];
  }
  return rememberUuid(raw, k);
}

/** The first entry of the bucket for the spelling at `from`: the hex values of its first three characters (any character gives some index). */
function uuidEntry(line: string, from: number): number {
  const h = (hexValueOf(line.charCodeAt(from)) << 8) | (hexValueOf(line.charCodeAt(from + 1)) << 4) | hexValueOf(line.charCodeAt(from + 2));
  return (h & (UUID_BUCKETS - 1)) * UUID_WAYS;
}

/** A hex digit's value in either case ('0'-'9' 0-9, 'a'-'f' and 'A'-'F' 10-15); other characters give some number. */
function hexValueOf(c: number): number {
  return (c & 15) + (c >> 6) * 9;
}

/** normalizeUuid of a 32- or 36-character spelling not held; its bucket (first entry k) then holds it first, the others move down one, the last drops out. */
function rememberUuid(raw: string, k: number): string | undefined {
  const uuid = raw.length === 32 ? undashedUuid(raw) : dashedUuid(raw);
  if (uuid === undefined) return undefined;
  if (uuidRaw.length === 0) {
    uuidRaw = new Array<string>(MAX_UUIDS).fill('');
    uuidNorm = new Array<string>(MAX_UUIDS).fill('');
  }
  const last = k + UUID_WAYS - 1;
  if (uuidRaw[last] === '') uuidCount++;
  for (let w = last; w > k; w--) {
    uuidRaw[w] = uuidRaw[w - 1] as string;
    uuidNorm[w] = uuidNorm[w - 1] as string;
  }
  const key = ownCopy(raw);
  uuidRaw[k] = key;
  // toUpperCase gives back the string itself when nothing changes: the key's copy serves then.
  uuidNorm[k] = uuid === raw ? key : ownCopy(uuid);
  return uuid;
}

/** The number of UUID spellings held (for the bound's test). */
export function knownUuidCount(): number {
  return uuidCount;
}

/** A string equal to `s` that is not a slice of a larger one (a slice keeps its whole parent alive). */
function ownCopy(s: string): string {
  return ` ${s}`.slice(1);
}

const HEX32 = /^[0-9a-fA-F]{32}$/;
const DASHED36 = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * normalizeUuid of a 32-character spelling: 32 hex digits (iOS) are upper-cased and dashed directly
 * (the replace of non-hex characters would remove nothing); anything else goes the general way.
 */
function undashedUuid(raw: string): string | undefined {
  if (!HEX32.test(raw)) return normalizeUuid(raw);
  const u = raw.toUpperCase();
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
}

/** normalizeUuid of a 36-character spelling: the dashed form (macOS) in either case is its upper-case copy. */
function dashedUuid(raw: string): string | undefined {
  return DASHED36.test(raw) ? raw.toUpperCase() : normalizeUuid(raw);
}

/**
 * archOf(line.slice(from, to)) when that is one of ARCHES as written there (lower case, as reports
 * spell them), undefined otherwise. Every such name has 3 to 8 characters and starts with a, x, i or p:
 * other words are not cut out; the rest are cut (a short fresh string) and looked up once. A loop
 * comparing the word with each name in place cost ~10k instructions a line before the JIT compiled it.
 */
function exactArchAt(line: string, from: number, to: number): string | undefined {
  const n = to - from;
  if (n < 3 || n > 8) return undefined;
  const c = line.charCodeAt(from);
  if (c !== 97 && c !== 120 && c !== 105 && c !== 112) return undefined;
  return NORMAL_ARCH.get(line.slice(from, to));
}

/** isArch's length and first-character tests on line[from, to), before it is cut out. */
function mayBeArch(line: string, from: number, to: number): boolean {
  const n = to - from;
  if (n > 8 || n < 3) return false;
  const c = line.charCodeAt(from) | 32;
  return c === 97 || c === 120 || c === 105 || c === 112;
}

/** An architecture name in any case; names longer than the longest one are not looked up (lower-casing never shortens). */
function isArch(word: string): boolean {
  if (word.length > 8 || word.length < 3) return false;
  // Every name starts with a, x, i or p: other words are not lower-cased to be looked up.
  const c = word.charCodeAt(0) | 32;
  if (c !== 97 && c !== 120 && c !== 105 && c !== 112) return false;
  return ARCHES.has(word) || ARCHES.has(word.toLowerCase());
}

/** `b` moved left past white space, not before `a`. */
function trimEnd(line: string, a: number, b: number): number {
  while (b > a && isSpace(line.charCodeAt(b - 1))) b--;
  return b;
}

/** line.slice(a, b).trim() */
function trimmed(line: string, a: number, b: number): string {
  const from = skipSpace(line, a);
  const to = trimEnd(line, from, b);
  return from < to ? line.slice(from, to) : '';
}

interface RangeColumns {
  start: number;
  startEnd: number;
  end: number;
  endEnd: number;
  /** hexNumber of each address's digits (-1 when a double could round it), read in the same scan. */
  startN: number;
  endN: number;
}

/** The columns of the last line scanRange accepted: one object reused, not one allocated per image line. */
const columns: RangeColumns = { start: 0, startEnd: 0, end: 0, endEnd: 0, startN: 0, endN: 0 };

/** Whether the line, whose leading white space ends at `start`, starts with what RANGE matches, read by hand (no match array, no regex call); its columns go to `columns`. */
function scanRange(line: string, start: number): boolean {
  const startEnd = hexAt(line, start);
  if (startEnd < 0) return false;
  const startN = hexAtValue();
  const i = skipSpace(line, startEnd);
  if (line.charCodeAt(i) !== 45) return false;
  const end = skipSpace(line, i + 1);
  const endEnd = hexAt(line, end);
  if (endEnd < 0 || endEnd >= line.length || !isSpace(line.charCodeAt(endEnd))) return false;
  columns.start = start;
  columns.startEnd = startEnd;
  columns.end = end;
  columns.endEnd = endEnd;
  columns.startN = startN;
  columns.endN = hexAtValue();
  return true;
}

/** Index of the '(' that closes the final ')' of s[from, to), nesting respected; -1 when unbalanced. */
function matchingOpen(s: string, from: number, to: number): number {
  let depth = 0;
  for (let i = to - 1; i >= from; i--) {
    const c = s.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40 && --depth === 0) return i;
  }
  return -1;
}

export function baseName(path: string): string {
  // A backward scan: String.prototype.lastIndexOf is a runtime call, dearer than the few characters a file name has.
  let i = path.length - 1;
  while (i >= 0 && path.charCodeAt(i) !== 47) i--;
  return i >= 0 ? path.slice(i + 1) : path;
}
