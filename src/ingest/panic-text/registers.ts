/**
 * Register dumps that follow a panic line: arm64 aborts (`x0: 0x… x1: …` … `pc: … cpsr: … esr: … far: …`)
 * and Intel traps (`CR0: …`, `RAX: …`, …, `RFL: …, RIP: …`, `Fault CR2: …, Error code: …`). FORMATS §5.1.
 */
import { hexCapture } from './lines.js';

const ARM_LINE = /^(x\d{1,2}|pc|cpsr|esr|far)\s*:\s+0x/i;
const INTEL_LINE = /^(CR[0-4]|[RE]AX|[RE]BX|[RE]SP|[RE]BP|[RE]SI|[RE]DI|R\d{1,2}|RFL|RIP|EFL|EIP|CS|SS|DS|Fault CR2)\s*:\s+0x/;
const PAIR = /(Fault CR2|Error code|Fault CPU|[A-Za-z][A-Za-z0-9]{0,5})\s*:\s+(0x[0-9a-fA-F]+)/g;

/** True for a line of a register dump (never an `lr: … fp: …` backtrace row). */
export function isRegisterLine(trimmed: string): boolean {
  const c = trimmed.charCodeAt(0);
  return (c < 128 && ARM_FIRST[c] === 1 && ARM_LINE.test(trimmed)) || (c < 128 && INTEL_FIRST[c] === 1 && INTEL_LINE.test(trimmed));
}

/** The characters a line matching ARM_LINE (either case) or INTEL_LINE can start with: most lines skip both regexes. */
const ARM_FIRST = new Uint8Array(128);
for (const ch of 'xXpPcCeEfF') ARM_FIRST[ch.charCodeAt(0)] = 1;
const INTEL_FIRST = new Uint8Array(128);
for (const ch of 'CRESDF') INTEL_FIRST[ch.charCodeAt(0)] = 1;

/** Add every `NAME: 0xVALUE` pair of a dump line to `into` (lower-case names; first value wins). */
export function readRegisterLine(trimmed: string, into: Record<string, bigint>): void {
  for (const m of trimmed.matchAll(PAIR)) {
    const lower = (m[1] as string).toLowerCase();
    const name = lower.includes(' ') ? lower.replace(/ /g, '_') : lower;
    const value = hexCapture(m[2]);
    if (value !== undefined && !(name in into)) into[name] = value;
  }
}
