/**
 * Panic backtraces (FORMATS §5.4): arm64 `lr: 0x…  fp: 0x…` rows, and Intel `0xFRAME : 0xRETURN` rows,
 * optionally followed by ` <image> : <symbol> + 0xOFF` when the kernel ran with keepsyms=1.
 * Every address is a return address; symbolication subtracts 4 (arm64) or 1 (x86_64) later.
 */
import type { Frame } from '../../model/report.js';
import { toNumber } from '../../model/numbers.js';
import { hexCapture } from './lines.js';
import { isDigit, isHexDigit, isSpace } from '../crash-text/chars.js';
import { isLineTerminator } from '../text-scan.js';

export const ARM_ROW = /^lr:\s*(0x[0-9a-fA-F]+)\s+fp:\s*(0x[0-9a-fA-F]+)\s*$/;
export const INTEL_ROW = /^(0x[0-9a-fA-F]+)\s*:\s*(0x[0-9a-fA-F]+)(?:\s+(.*))?$/;
export const INTEL_HEADER = /^Backtrace \(CPU (\d+)\)(?:, panicked thread: (0x[0-9a-fA-F]+))?/;

/** Longest backtrace kept (kernel stacks are far shorter; this guards against damaged input). */
export const MAX_FRAMES = 512;

/** A frame from an `lr:`/`fp:` row, or undefined when the line is not one (or lr is zero). */
export function readArmRow(trimmed: string, index: number, line: number): Frame | undefined {
  const m = ARM_ROW.exec(trimmed);
  return m ? armRowFrame(m, index, line) : undefined;
}

/** The frame of an ARM_ROW match (a caller that has matched the row already does not match it twice). */
export function armRowFrame(m: RegExpExecArray, index: number, line: number): Frame | undefined {
  const address = hexCapture(m[1]);
  if (address === undefined || address === 0n) return undefined;
  return { index, address, sourceLine: line };
}

/** True for an Intel backtrace row. */
export function isIntelRow(trimmed: string): boolean {
  return INTEL_ROW.test(trimmed);
}

/** A frame from an Intel row, with image/symbol/offset when keepsyms printed them. */
export function readIntelRow(trimmed: string, index: number, line: number): Frame | undefined {
  const m = INTEL_ROW.exec(trimmed);
  return m ? intelRowFrame(m, index, line) : undefined;
}

/** The frame of an INTEL_ROW match. */
export function intelRowFrame(m: RegExpExecArray, index: number, line: number): Frame | undefined {
  const address = hexCapture(m[2]);
  if (address === undefined) return undefined;
  const frame: Frame = { index, address, sourceLine: line };
  const tail = (m[3] ?? '').trim();
  // Old kernels print "(arg arg arg arg)" after the address; that carries no symbol.
  if (tail && !tail.startsWith('(')) readSymbolPart(tail, frame);
  return frame;
}

/** `image : symbol [+ offset]`: the parts of a keepsyms tail (see scanSymbolPart). */
export interface SymbolPart {
  image: string;
  symbol: string;
  offset?: string;
}

/** The pattern the keepsyms tail is read with; scanSymbolPart reads it by hand on lines without a line terminator. */
export const SYMBOL_PART = /^(\S+)\s+:\s+(.+?)(?:\s*\+\s*(0x[0-9a-fA-F]+|\d+))?$/;

/**
 * SYMBOL_PART.exec(s) as groups. The lazy symbol costs the pattern a try of the offset group at every
 * character; by hand: the image is the leading run of non-space (a shorter one leaves no white space
 * before the colon), then white space, ':' and white space (all of it: the symbol starting with white
 * space is only tried when the rest fails, and the rest never fails without a line terminator). The
 * offset is the number token ending the text ("0x" + hex digits, or decimal digits), after '+' and white
 * space; the symbol ends where the white space before that '+' starts (lazily: the earliest such end),
 * but holds at least one character. Text with a line terminator, which `.` cannot cross, goes to the pattern.
 */
export function scanSymbolPart(s: string): SymbolPart | undefined {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (isLineTerminator(s.charCodeAt(i))) {
      const m = SYMBOL_PART.exec(s);
      if (!m) return undefined;
      const part: SymbolPart = { image: m[1] as string, symbol: m[2] as string };
      if (m[3] !== undefined) part.offset = m[3];
      return part;
    }
  }
  let a = 0;
  while (a < n && !isSpace(s.charCodeAt(a))) a++;
  if (a === 0) return undefined;
  let k = a;
  while (k < n && isSpace(s.charCodeAt(k))) k++;
  if (k === a || s.charCodeAt(k) !== 58) return undefined;
  let b = k + 1;
  while (b < n && isSpace(s.charCodeAt(b))) b++;
  if (b === k + 1) return undefined;
  const image = s.slice(0, a);
  // Only white space after the colon: the pattern gives its last character back to the symbol, when it has two.
  if (b >= n) return b - k - 1 >= 2 ? { image, symbol: s.slice(n - 1) } : undefined;
  // The number token at the end, and where it starts.
  let token = -1;
  let q = n;
  while (q > b && isHexDigit(s.charCodeAt(q - 1))) q--;
  if (q < n && q - 2 >= b && s.charCodeAt(q - 1) === 120 && s.charCodeAt(q - 2) === 48) token = q - 2;
  else {
    let d = n;
    while (d > b && isDigit(s.charCodeAt(d - 1))) d--;
    if (d < n) token = d;
  }
  if (token > b) {
    // '+' after white space before the token; the symbol ends at the white space before the '+'.
    let plus = token - 1;
    while (plus > b && isSpace(s.charCodeAt(plus))) plus--;
    if (plus > b && s.charCodeAt(plus) === 43) {
      let end = plus;
      while (end > b + 1 && isSpace(s.charCodeAt(end - 1))) end--;
      return { image, symbol: s.slice(b, end), offset: s.slice(token) };
    }
  }
  return { image, symbol: s.slice(b) };
}

/** `mach_kernel : _panic + 0x54`, `com.vendor.kext : __ZN3Foo3barEv.cold.1`, `[com.x.kext : 0x12]`. */
function readSymbolPart(tail: string, frame: Frame): void {
  const m = scanSymbolPart(stripBrackets(tail));
  if (!m) return;
  frame.image = m.image;
  const symbol = m.symbol.trim();
  if (symbol.charCodeAt(0) === 48 && /^0x[0-9a-fA-F]+$/.test(symbol)) {
    // "[kext : 0xOFF]" gives an offset into the image, not a symbol.
    const off = hexCapture(symbol);
    if (off !== undefined) frame.imageOffset = off;
  } else {
    frame.symbol = symbol;
    frame.symbolSource = 'report';
  }
  if (m.offset !== undefined) {
    const off = toNumber(m.offset.startsWith('0x') ? m.offset : Number(m.offset));
    if (off !== undefined) frame.symbolOffset = off;
  }
}

/** `tail.replace(/^\[|\]$/g, '')`: one leading `[` and one trailing `]` dropped, without a regex. */
export function stripBrackets(tail: string): string {
  const from = tail.charCodeAt(0) === 0x5b ? 1 : 0;
  const to = tail.length > from && tail.charCodeAt(tail.length - 1) === 0x5d ? tail.length - 1 : tail.length;
  return from === 0 && to === tail.length ? tail : tail.slice(from, to);
}
