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
import { hexBigInt, isDigit, isHexDigit, isSpace, skipSpace, trimEnd } from './chars.js';

export interface ParsedFrameLine {
  frame: Frame;
  /** Load address of the `0xload + offset` form, for image linking. */
  loadAddress?: bigint;
}

const LOAD_FORM = /^(0x[0-9a-fA-F]{1,16}) \+ (\d{1,20})(?:\s+(.*))?$/;

/**
 * Parse a frame line; undefined when the line is not one. A hand scan for what the patterns
 * `^\s*(\d{1,6})\s+` (frame number) and `(?:^|\s)(0x[0-9a-fA-F]{1,16})(?=\s|$)` (the first address
 * column after it) describe: one pass, no match arrays.
 */
export function parseFrameLine(line: string): ParsedFrameLine | undefined {
  const n = line.length;
  let i = skipSpace(line, 0);
  const digits = i;
  while (i < n && isDigit(line.charCodeAt(i))) i++;
  if (i === digits || i - digits > 6 || i >= n || !isSpace(line.charCodeAt(i))) return undefined;
  const numberEnd = i;
  const restStart = skipSpace(line, i);
  // The address column: "0x" + 1..16 hex digits, white space (or the rest start) before, white space or the end after.
  let at = line.indexOf('0x', restStart);
  let end = -1;
  while (at >= 0) {
    if (at === restStart || isSpace(line.charCodeAt(at - 1))) {
      let j = at + 2;
      while (j < n && isHexDigit(line.charCodeAt(j))) j++;
      const hexLength = j - at - 2;
      if (hexLength >= 1 && hexLength <= 16 && (j === n || isSpace(line.charCodeAt(j)))) {
        end = j;
        break;
      }
    }
    at = line.indexOf('0x', at + 1);
  }
  if (end < 0) return undefined;
  // The number (at most 6 digits), the image column and the location are read in place: one cut each, no trimmed copies.
  let index = 0;
  for (let k = digits; k < numberEnd; k++) index = index * 10 + line.charCodeAt(k) - 48;
  const frame: Frame = { index };
  const image = line.slice(restStart, trimEnd(line, restStart, at));
  if (image && image !== '???') frame.image = image;
  frame.address = hexBigInt(line, at + 2, end);
  const locationStart = skipSpace(line, end);
  const location = line.slice(locationStart, trimEnd(line, locationStart, n));
  const out: ParsedFrameLine = { frame };
  // LOAD_FORM starts with "0x"; other locations skip the pattern.
  const load = location.startsWith('0x') ? LOAD_FORM.exec(location) : null;
  if (load?.[1] && load[2]) {
    const base = BigInt(load[1]);
    if (base !== 0n && frame.address >= base) {
      out.loadAddress = base;
      frame.imageOffset = frame.address - base;
    }
    // KSCrash appends the symbol in parentheses after the load form.
    const extra = load[3]?.trim();
    if (extra && extra.startsWith('(') && extra.endsWith(')')) applySymbol(frame, extra.slice(1, -1));
    return out;
  }
  if (location && location !== '???') applySymbol(frame, location);
  return out;
}

/** Fill symbol, symbolOffset, file, line from a symbol location. */
export function applySymbol(frame: Frame, location: string): void {
  let s = location.trim();
  // Trailing "(File.swift:12)", "(File.m:12:5)" and atos' "(in Image)", in either order.
  for (let i = 0; i < 2 && s.endsWith(')'); i++) {
    const open = s.lastIndexOf(' (');
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
  const plus = s.lastIndexOf(' + ');
  // `^\d{1,12}$` after the plus, read by hand: 12 digits are exact in a number.
  if (plus > 0 && s.length - plus - 3 >= 1 && s.length - plus - 3 <= 12) {
    let offset = 0;
    let k = plus + 3;
    for (; k < s.length && isDigit(s.charCodeAt(k)); k++) offset = offset * 10 + s.charCodeAt(k) - 48;
    if (k === s.length) {
      frame.symbolOffset = offset;
      s = s.slice(0, trimEnd(s, 0, plus));
    }
  }
  if (!s || s === '???') return;
  const clean = cleanSwiftArtifacts(s);
  frame.symbol = clean;
  if (clean !== s) frame.rawSymbol = s;
  frame.symbolSource = 'report';
}

/**
 * Xcode's symbolication of some Swift/ObjC frames inserts the image offset inside the name:
 * `_assertionFailure+ 2154236 (_:_:file:line:flags:)`, `+[BSAnimationSettings+ 5824552 (UIKit) try…]`.
 */
export function cleanSwiftArtifacts(symbol: string): string {
  if (!symbol.includes('+ ')) return symbol;
  return symbol.replace(/([^\s+])\+ \d{1,12} \(/g, '$1(');
}
