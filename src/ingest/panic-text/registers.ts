/**
 * Register dumps that follow a panic line: arm64 aborts (`x0: 0x… x1: …` … `pc: … cpsr: … esr: … far: …`)
 * and Intel traps (`CR0: …`, `RAX: …`, …, `RFL: …, RIP: …`, `Fault CR2: …, Error code: …`). FORMATS §5.1.
 */
import { isJsSpace } from '../text-scan.js';

// Created on first use (V8 parses a regex when it is created; most runs read no panic text).
let armLine: RegExp | undefined;
let intelLine: RegExp | undefined;
const armLineRe = (): RegExp => (armLine ??= /^(x\d{1,2}|pc|cpsr|esr|far)\s*:\s+0x/i);
const intelLineRe = (): RegExp => (intelLine ??= /^(CR[0-4]|[RE]AX|[RE]BX|[RE]SP|[RE]BP|[RE]SI|[RE]DI|R\d{1,2}|RFL|RIP|EFL|EIP|CS|SS|DS|Fault CR2)\s*:\s+0x/);
/** A register pair (read by hand in readRegisterLine; the regex is kept as its definition and for the tests). */
export const PAIR = /(Fault CR2|Error code|Fault CPU|[A-Za-z][A-Za-z0-9]{0,5})\s*:\s+(0x[0-9a-fA-F]+)/g;

/** True for a line of a register dump (never an `lr: … fp: …` backtrace row). */
export function isRegisterLine(trimmed: string): boolean {
  const c = trimmed.charCodeAt(0);
  return (c < 128 && ARM_FIRST[c] === 1 && armLineRe().test(trimmed)) || (c < 128 && INTEL_FIRST[c] === 1 && intelLineRe().test(trimmed));
}

/** The characters a line matching armLineRe (either case) or intelLineRe can start with: most lines skip both regexes. */
const ARM_FIRST = new Uint8Array(128);
for (const ch of 'xXpPcCeEfF') ARM_FIRST[ch.charCodeAt(0)] = 1;
const INTEL_FIRST = new Uint8Array(128);
for (const ch of 'CRESDF') INTEL_FIRST[ch.charCodeAt(0)] = 1;

/** Add every `NAME: 0xVALUE` pair of a dump line to `into` (lower-case names; first value wins); returns how many were added. */
export function readRegisterLine(trimmed: string, into: Record<string, bigint>): number {
  let added = 0;
  // The matches of PAIR, found colon by colon (a name ends at a colon after white space, so the
  // leftmost match has the leftmost usable colon); no match array or iterator per pair.
  const len = trimmed.length;
  let from = 0;
  for (let colon = trimmed.indexOf(':'); colon !== -1; colon = trimmed.indexOf(':', colon + 1 > from ? colon + 1 : from)) {
    // The value: \s+ then "0x" then hex digits (as many as there are).
    let at = colon + 1;
    while (at < len && isJsSpace(trimmed.charCodeAt(at))) at++;
    if (at === colon + 1 || trimmed.charCodeAt(at) !== 48 || trimmed.charCodeAt(at + 1) !== 120) continue;
    let end = at + 2;
    while (end < len && isHexDigit(trimmed.charCodeAt(end))) end++;
    if (end === at + 2) continue;
    // The name ends where \s* before the colon starts; a literal alternative starts further left than any plain name.
    let q = colon;
    while (q > from && isJsSpace(trimmed.charCodeAt(q - 1))) q--;
    let start = -1;
    // Every literal alternative ends in '2', 'e' or 'U': other names skip the three comparisons.
    const last = trimmed.charCodeAt(q - 1);
    if (last === 0x32 || last === 0x65 || last === 0x55) {
      for (let k = 0; k < LITERAL_NAMES.length; k++) {
        const lit = LITERAL_NAMES[k] as string;
        const p = q - lit.length;
        if (p >= from && trimmed.startsWith(lit, p)) {
          start = p;
          break;
        }
      }
    }
    if (start < 0) {
      // [A-Za-z][A-Za-z0-9]{0,5} reaching q: the leftmost letter of the alphanumeric run ending at q, at most 6 back.
      let p = q;
      const limit = Math.max(from, q - 6);
      while (p > limit && isAlnum(trimmed.charCodeAt(p - 1))) p--;
      while (p < q && !isLetter(trimmed.charCodeAt(p))) p++;
      if (p === q) continue;
      start = p;
    }
    const name = registerName(trimmed, start, q);
    if (!(name in into)) {
      into[name] = BigInt(trimmed.slice(at, end));
      added++;
    }
    from = end;
  }
  return added;
}

/** `x0` … `x99` (and `x00` … `x09`), the arm64 general registers, as constant strings (made on first use). */
let xNames: string[] | undefined;
function makeXNames(): string[] {
  const names: string[] = [];
  for (let n = 0; n < 10; n++) names.push(`x${n}`);
  for (let n = 0; n < 100; n++) names.push(`x${String(n).padStart(2, '0')}`);
  return names;
}

/**
 * The lower-case name of `s[start, q)`, spaces as `_`. An arm64 `x<digits>` name is taken from a table
 * (no slice, no case mapping, no hashing of a new string when it becomes a key).
 */
function registerName(s: string, start: number, q: number): string {
  const len = q - start;
  if ((len === 2 || len === 3) && (s.charCodeAt(start) | 32) === 0x78) {
    const d1 = s.charCodeAt(start + 1) - 48;
    if (d1 >= 0 && d1 <= 9) {
      const names = (xNames ??= makeXNames());
      if (len === 2) return names[d1] as string;
      const d2 = s.charCodeAt(start + 2) - 48;
      if (d2 >= 0 && d2 <= 9) return names[10 + d1 * 10 + d2] as string;
    }
  }
  const lower = s.slice(start, q).toLowerCase();
  return lower.includes(' ') ? lower.replace(/ /g, '_') : lower;
}

/** The alternatives of PAIR written out before its plain name, in its order. */
const LITERAL_NAMES = ['Fault CR2', 'Error code', 'Fault CPU'];

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
