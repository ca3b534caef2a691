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

export interface ParsedFrameLine {
  frame: Frame;
  /** Load address of the `0xload + offset` form, for image linking. */
  loadAddress?: bigint;
}

const FRAME_START = /^\s*(\d{1,6})\s+/;
const ADDRESS_COLUMN = /(?:^|\s)(0x[0-9a-fA-F]{1,16})(?=\s|$)/;
const LOAD_FORM = /^(0x[0-9a-fA-F]{1,16}) \+ (\d{1,20})(?:\s+(.*))?$/;

/** Parse a frame line; undefined when the line is not one. */
export function parseFrameLine(line: string): ParsedFrameLine | undefined {
  const start = FRAME_START.exec(line);
  if (!start) return undefined;
  const rest = line.slice(start[0].length);
  const addr = ADDRESS_COLUMN.exec(rest);
  if (!addr?.[1]) return undefined;
  const frame: Frame = { index: Number(start[1]) };
  const image = rest.slice(0, addr.index).trim();
  if (image && image !== '???') frame.image = image;
  frame.address = BigInt(addr[1]);
  const location = rest.slice(addr.index + addr[0].length).trim();
  const out: ParsedFrameLine = { frame };
  const load = LOAD_FORM.exec(location);
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
  if (plus > 0 && /^\d{1,12}$/.test(s.slice(plus + 3))) {
    frame.symbolOffset = Number(s.slice(plus + 3));
    s = s.slice(0, plus).trimEnd();
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
