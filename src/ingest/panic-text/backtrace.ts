/**
 * Panic backtraces (FORMATS §5.4): arm64 `lr: 0x…  fp: 0x…` rows, and Intel `0xFRAME : 0xRETURN` rows,
 * optionally followed by ` <image> : <symbol> + 0xOFF` when the kernel ran with keepsyms=1.
 * Every address is a return address; symbolication subtracts 4 (arm64) or 1 (x86_64) later.
 */
import type { Frame } from '../../model/report.js';
import { toNumber } from '../../model/numbers.js';
import { hexCapture } from './lines.js';

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

/** `mach_kernel : _panic + 0x54`, `com.vendor.kext : __ZN3Foo3barEv.cold.1`, `[com.x.kext : 0x12]`. */
function readSymbolPart(tail: string, frame: Frame): void {
  const s = stripBrackets(tail);
  const m = /^(\S+)\s+:\s+(.+?)(?:\s*\+\s*(0x[0-9a-fA-F]+|\d+))?$/.exec(s);
  if (!m) return;
  frame.image = m[1];
  const symbol = (m[2] as string).trim();
  if (symbol.charCodeAt(0) === 48 && /^0x[0-9a-fA-F]+$/.test(symbol)) {
    // "[kext : 0xOFF]" gives an offset into the image, not a symbol.
    const off = hexCapture(symbol);
    if (off !== undefined) frame.imageOffset = off;
  } else {
    frame.symbol = symbol;
    frame.symbolSource = 'report';
  }
  if (m[3] !== undefined) {
    const off = toNumber(m[3].startsWith('0x') ? m[3] : Number(m[3]));
    if (off !== undefined) frame.symbolOffset = off;
  }
}

/** `tail.replace(/^\[|\]$/g, '')`: one leading `[` and one trailing `]` dropped, without a regex. */
export function stripBrackets(tail: string): string {
  const from = tail.charCodeAt(0) === 0x5b ? 1 : 0;
  const to = tail.length > from && tail.charCodeAt(tail.length - 1) === 0x5d ? tail.length - 1 : tail.length;
  return from === 0 && to === tail.length ? tail : tail.slice(from, to);
}
