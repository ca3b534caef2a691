/**
 * One frame line of legacy crash text (FORMATS §6.3):
 *   `<n> <image name, padded, may contain spaces> [TAB] 0x<address> <location>`
 * The line is tokenised on the first `0x` address column, never on whitespace, because image
 * names contain spaces ("Google Chrome Framework"). Location forms:
 *   `0x<load> + <decimal>`                      unsymbolicated
 *   `0x<load> + <decimal> (<symbol> + <off>)`   KSCrash
 *   `<symbol> + <off> [(File.swift:12)]`        symbolicated
 *   `<symbol> [(File.swift:12)]`                some third-party reporters
 *   `specialized f+ 2154236 (_:_:) + 440`        Xcode's odd Swift form: the stray "+ N " is dropped
 */
import type { Frame } from '../../model/report.js';
import { hexAt, hexAtValue, hexBigInt, hexNumber, isDigit, isHexDigit, isSpace, skipSpace, smallBigInt, trimEnd } from './chars.js';
import { isLineTerminator } from '../text-scan.js';

export interface ParsedFrameLine {
  frame: Frame;
  /** Load address of the `0xload + offset` form, for image linking. */
  loadAddress?: bigint;
}

/** LOAD_FORM, the unsymbolicated location `^(0x[0-9a-fA-F]{1,16}) \+ (\d{1,20})(?:\s+(.*))?$`, read by scanLoadForm. */

/** The load address of the `0xload + offset` form on the line readFrameLine read last, undefined when it had none. */
let lastLoadAddress: bigint | undefined;

export function frameLoadAddress(): bigint | undefined {
  return lastLoadAddress;
}

/**
 * Parse a frame line; undefined when the line is not one. A hand scan for what the patterns
 * `^\s*(\d{1,6})\s+` (frame number) and `(?:^|\s)(0x[0-9a-fA-F]{1,16})(?=\s|$)` (the first address
 * column after it) describe: one pass, no match arrays.
 */
export function parseFrameLine(line: string, from?: number): ParsedFrameLine | undefined {
  // `from`, when given, is where the line's leading white space ends (the crash reader has found it already).
  const frame = readFrameLine(line, from ?? skipSpace(line, 0), -1);
  if (frame === undefined) return undefined;
  const out: ParsedFrameLine = { frame };
  if (lastLoadAddress !== undefined) out.loadAddress = lastLoadAddress;
  return out;
}

/**
 * parseFrameLine's frame, read from `from` (where the line's leading white space ends), its load
 * address left in frameLoadAddress(). With a `sourceLine` (>= 0) the frame gets it as its last field,
 * as the crash reader sets it, and the two commonest frames, a load form and `<symbol> + <offset>`,
 * are made whole by one object literal with their fields in the order they are otherwise set one by
 * one: one allocation with every field in the object, not an object of one field whose others go to a
 * separate store that is grown twice.
 */
export function readFrameLine(line: string, from: number, sourceLine: number): Frame | undefined {
  lastLoadAddress = undefined;
  const n = line.length;
  let i = from;
  const digits = i;
  while (i < n && isDigit(line.charCodeAt(i))) i++;
  if (i === digits || i - digits > 6 || i >= n || !isSpace(line.charCodeAt(i))) return undefined;
  const numberEnd = i;
  const restStart = skipSpace(line, i);
  // The address column: "0x" + 1..16 hex digits, white space (or the rest start) before, white space or the end after.
  let at = line.indexOf('0x', restStart);
  let end = -1;
  // The address's value is read in the same scan as its digits, as hexNumber reads it (-1 past 13 significant digits).
  let addressN = -1;
  while (at >= 0) {
    if (at === restStart || isSpace(line.charCodeAt(at - 1))) {
      const j = hexAt(line, at);
      if (j >= 0 && (j === n || isSpace(line.charCodeAt(j)))) {
        end = j;
        addressN = hexAtValue();
        break;
      }
    }
    at = line.indexOf('0x', at + 1);
  }
  if (end < 0) return undefined;
  // The number (at most 6 digits), the image column and the location are read in place: one cut each, no trimmed copies.
  let index = 0;
  for (let k = digits; k < numberEnd; k++) index = index * 10 + line.charCodeAt(k) - 48;
  // The image column is padded with white space up to the address: the native trimEnd passes over it
  // faster than a scan by character does (the cut it makes is of the same characters).
  const imageText = line.slice(restStart, at).trimEnd();
  const image = imageText && imageText !== '???' ? imageText : undefined;
  const address = addressN >= 0 ? smallBigInt(addressN) : hexBigInt(line, at + 2, end);
  const locationStart = skipSpace(line, end);
  const locationEnd = trimEnd(line, locationStart, n);
  let imageOffset: bigint | undefined;
  // The symbol text: the whole location, or KSCrash's parenthesised symbol after a load form.
  let symbolFrom = locationStart;
  let symbolTo = locationEnd;
  // LOAD_FORM starts with "0x"; other locations skip it.
  const load = line.charCodeAt(locationStart) === 48 && line.charCodeAt(locationStart + 1) === 120 ? scanLoadForm(line, locationStart, locationEnd) : undefined;
  if (load) {
    // Both numbers exact as doubles (nearly always): compare and subtract as numbers.
    const baseN = hexNumber(line, locationStart + 2, load.hexEnd);
    if (baseN >= 0 && addressN >= 0) {
      if (baseN !== 0 && addressN >= baseN) {
        lastLoadAddress = smallBigInt(baseN);
        imageOffset = smallBigInt(addressN - baseN);
      }
    } else {
      const base = hexBigInt(line, locationStart + 2, load.hexEnd);
      if (base !== 0n && address >= base) {
        lastLoadAddress = base;
        imageOffset = address - base;
      }
    }
    // KSCrash appends the symbol in parentheses after the load form (the extra is trimmed at both ends already).
    // Both characters are read for every load form and the symbol goes through the call below that every
    // symbolicated line takes: a branch only KSCrash lines reach would hold calls that never ran before
    // the function was optimised, and the first KSCrash line would throw the optimised code away.
    // The same goes for every operation in the test: none is skipped by a short circuit.
    const extra = load.extraStart;
    const open = extra >= 0 ? extra : locationStart;
    const ks = (extra >= 0 ? 1 : 0) + (line.charCodeAt(open) === 40 ? 1 : 0) + (line.charCodeAt(locationEnd - 1) === 41 ? 1 : 0);
    if (ks === 3) {
      symbolFrom = open + 1;
      symbolTo = locationEnd - 1;
    } else {
      // The plain load form has no symbol.
      if (sourceLine >= 0 && image !== undefined && imageOffset !== undefined) return { index, image, address, imageOffset, sourceLine };
      symbolTo = symbolFrom;
    }
  } else if (sourceLine >= 0 && image !== undefined && symbolFrom < symbolTo && line.charCodeAt(symbolTo - 1) !== 41) {
    // `<symbol> + <offset>` (no trailing parenthesis, see applyLocation), nearly always with both and no Swift artefact.
    readSymbolAndOffset(line, symbolFrom, symbolTo);
    if (readOffset >= 0 && readSymbol !== undefined && readRaw === undefined) {
      return { index, image, address, symbolOffset: readOffset, symbol: readSymbol, symbolSource: 'report', sourceLine };
    }
  }
  const frame: Frame = { index };
  if (image !== undefined) frame.image = image;
  frame.address = address;
  if (imageOffset !== undefined) frame.imageOffset = imageOffset;
  applyRange(frame, line, symbolFrom, symbolTo);
  if (sourceLine >= 0) frame.sourceLine = sourceLine;
  return frame;
}

/**
 * applySymbol on `line[from, to)`: trimmed in place (the whole location is trimmed already; the text
 * between KSCrash's parentheses may not be), nothing when that leaves it empty.
 */
function applyRange(frame: Frame, line: string, from: number, to: number): void {
  const start = skipSpace(line, from);
  const end = trimEnd(line, start, to);
  if (start < end) applyLocation(frame, line, start, end);
}

/**
 * applyTrimmedSymbol on `line[from, to)` (trimmed, not empty) read in place: the common location,
 * `<symbol> + <offset>` with no trailing parenthesis, costs one cut (the symbol) instead of two.
 */
function applyLocation(frame: Frame, line: string, from: number, to: number): void {
  if (line.charCodeAt(to - 1) === 41) applyTrimmedSymbol(frame, line.slice(from, to));
  else applySymbolAndOffset(frame, line, from, to);
}

/** What readSymbolAndOffset read: the offset (-1 when none), the symbol and, when cleaning changed it, the raw symbol. */
let readOffset = -1;
let readSymbol: string | undefined;
let readRaw: string | undefined;

/**
 * What is left of a location once its parenthesised trailers are gone, `line[from, to)`: the symbol,
 * and its offset when it ends in " + <1..12 digits>" (as `lastIndexOf(' + ')` then `^\d{1,12}$`: the
 * digits at the end, then " + " right before them; a later " + " would overlap those digits).
 */
function applySymbolAndOffset(frame: Frame, line: string, from: number, to: number): void {
  readSymbolAndOffset(line, from, to);
  if (readOffset >= 0) frame.symbolOffset = readOffset;
  if (readSymbol === undefined) return;
  frame.symbol = readSymbol;
  if (readRaw !== undefined) frame.rawSymbol = readRaw;
  frame.symbolSource = 'report';
}

/** applySymbolAndOffset's reading, left in readOffset, readSymbol and readRaw. */
function readSymbolAndOffset(line: string, from: number, to: number): void {
  readOffset = -1;
  readSymbol = undefined;
  readRaw = undefined;
  let k = to;
  while (k > from && isDigit(line.charCodeAt(k - 1))) k--;
  const digits = to - k;
  const plus = k - 3;
  let end = to;
  if (digits >= 1 && digits <= 12 && plus > from && line.charCodeAt(plus) === 32 && line.charCodeAt(plus + 1) === 43 && line.charCodeAt(plus + 2) === 32) {
    let offset = 0;
    for (let d = k; d < to; d++) offset = offset * 10 + line.charCodeAt(d) - 48;
    readOffset = offset;
    end = trimEnd(line, from, plus);
  }
  if (end === from) return;
  const s = end - from === line.length ? line : line.slice(from, end);
  if (s === '???') return;
  const clean = cleanSwiftArtifacts(s);
  readSymbol = clean;
  if (clean !== s) readRaw = s;
}

/** Where LOAD_FORM matched the location `line[from, to)`: the end of its hex group, and where its third group starts after trimming (-1 when empty or absent). */
interface LoadForm {
  hexEnd: number;
  extraStart: number;
}
const loadForm: LoadForm = { hexEnd: 0, extraStart: -1 };

/**
 * LOAD_FORM.exec on `line.slice(from, to)` (trimmed, starting "0x"), by hand: 1..16 hex digits, " + ",
 * 1..20 decimal digits, then the end or white space and a rest holding no line terminator (what `.*`
 * may span). One reused result; `extraStart` is where load[3].trim() starts, -1 when that is empty.
 */
export function scanLoadForm(line: string, from: number, to: number): LoadForm | undefined {
  let j = from + 2;
  while (j < to && isHexDigit(line.charCodeAt(j))) j++;
  const hexLength = j - from - 2;
  if (hexLength < 1 || hexLength > 16) return undefined;
  if (line.charCodeAt(j) !== 32 || line.charCodeAt(j + 1) !== 43 || line.charCodeAt(j + 2) !== 32 || j + 3 > to) return undefined;
  let k = j + 3;
  while (k < to && isDigit(line.charCodeAt(k))) k++;
  const decimals = k - j - 3;
  if (decimals < 1 || decimals > 20) return undefined;
  loadForm.hexEnd = j;
  loadForm.extraStart = -1;
  if (k === to) return loadForm;
  if (!isSpace(line.charCodeAt(k))) return undefined;
  // `\s+(.*)$`: the greedy run of white space, then a rest without a line terminator (backtracking into
  // the run only moves white space into the rest, which keeps any terminator the rest has).
  const rest = skipSpace(line, k);
  for (let i = rest; i < to; i++) if (isLineTerminator(line.charCodeAt(i))) return undefined;
  // The location was trimmed, so the rest ends at `to` without white space and starts at `rest`.
  loadForm.extraStart = rest < to ? rest : -1;
  return loadForm;
}

/** Fill symbol, symbolOffset, file, line from a symbol location. */
export function applySymbol(frame: Frame, location: string): void {
  applyTrimmedSymbol(frame, location.trim());
}

/**
 * applySymbol for a location already trimmed. The searches from the end (`lastIndexOf(' (')`,
 * `lastIndexOf(' + ')`) are done by hand: the native ones run in the runtime, a call each costing
 * more than the few characters they look at.
 */
function applyTrimmedSymbol(frame: Frame, location: string): void {
  let s = location;
  // Trailing "(File.swift:12)", "(File.m:12:5)" and atos' "(in Image)", in either order.
  for (let i = 0; i < 2 && s.charCodeAt(s.length - 1) === 41; i++) {
    const open = lastSpaceParen(s);
    if (open < 0) break;
    const inner = s.slice(open + 2, -1);
    if (inner.startsWith('in ')) {
      s = s.slice(0, open).trimEnd();
      continue;
    }
    const fl = /^([^():]+):(\d{1,9})(?::(\d{1,9}))?$/.exec(inner);
    if (!fl?.[1] || !fl[2]) break;
    frame.file = fl[1];
    const lineNo = Number(fl[2]);
    if (lineNo > 0) frame.line = lineNo;
    if (fl[3]) frame.column = Number(fl[3]);
    s = s.slice(0, open).trimEnd();
  }
  applySymbolAndOffset(frame, s, 0, s.length);
}

/** s.lastIndexOf(' (') */
function lastSpaceParen(s: string): number {
  for (let i = s.length - 2; i >= 0; i--) if (s.charCodeAt(i + 1) === 40 && s.charCodeAt(i) === 32) return i;
  return -1;
}

/**
 * Xcode's symbolication of some Swift/ObjC frames inserts the image offset inside the name:
 * `_assertionFailure+ 2154236 (_:_:file:line:flags:)`, `+[BSAnimationSettings+ 5824552 (UIKit) try…]`.
 */
export function cleanSwiftArtifacts(symbol: string): string {
  if (!symbol.includes('+ ')) return symbol;
  return symbol.replace(/([^\s+])\+ \d{1,12} \(/g, '$1(');
}
