/**
 * Which Apple text report this is (FORMATS §1, §2.3, §6.7): a crash report, a microstackshot
 * resource report (`Data Source: Microstackshots`, or `Event:` + `Action taken:` without threads),
 * an old stackshot (`Reason: … stackshot`, `Exception Code: 0xbaaaaaad`) or a spindump
 * (`Report Version: 29`, `Heavy format`, `Data Source: Stackshots`), or spindump's binary form.
 */
import { skipSpace } from './chars.js';

export type TextKind = 'crash' | 'microstackshot' | 'spindump' | 'stackshot' | 'binary-spindump';

const HEAD_LINES = 80;
/** spindump's own binary form: a title line, then base64 samples that only `spindump -i` decodes. */
export const BINARY_SPINDUMP = /^Spindump binary format\s*$/;

/** `lines` are the prepared lines' text. */
export function classifyTextReport(lines: string[]): TextKind {
  let dataSource = '';
  let reportVersion = '';
  let heavy = false;
  let event = false;
  let action = false;
  let command = false;
  let crashFields = false;
  let stackshotReason = false;
  const head = Math.min(lines.length, HEAD_LINES);
  for (let i = 0; i < head; i++) {
    const raw = lines[i] as string;
    // Every test below starts with one of these characters (frame and image rows start otherwise): no trimmed copy for the rest.
    const k = skipSpace(raw, 0);
    // A blank line is passed over before its end is read as a character (a read past the end costs a deoptimisation).
    if (k === raw.length) continue;
    const c = raw.charCodeAt(k);
    if (!(c < 128 && KIND_FIRST[c] === 1)) continue;
    // Once a crash field is seen the answer is 'crash' unless a later line is the binary title: only 'S' lines can be.
    if (crashFields && c !== 83) continue;
    const t = raw.trim();
    if (t.startsWith('Spindump binary format') && BINARY_SPINDUMP.test(t)) return 'binary-spindump';
    if (t.startsWith('Data Source:')) dataSource = t.slice(12).trim();
    else if (t.startsWith('Report Version:')) reportVersion = t.slice(15).trim();
    else if (t.startsWith('Heavy format:')) heavy = true;
    else if (t.startsWith('Event:')) event = true;
    else if (t.startsWith('Action taken:')) action = true;
    else if (t.startsWith('Command:')) command = true;
    else if (!maybeKindLine(t)) continue;
    else if (/^(Exception Type|Crashed Thread|Triggered by Thread|Thread \d+ Crashed)/.test(t)) crashFields = true;
    else if (/^Reason:.*stackshot/i.test(t) || /^Exception Code:\s*0xbaaaaaad/i.test(t)) stackshotReason = true;
  }
  if (crashFields) return 'crash';
  if (/^Microstackshots/i.test(dataSource)) return 'microstackshot';
  if (heavy || (/^Stackshots/i.test(dataSource) && command) || (reportVersion === '29' && command)) return 'spindump';
  if (command && event && action) return 'microstackshot';
  if (stackshotReason) return 'stackshot';
  // A stackshot-sourced report with an event but no target command: a system-wide spindump (sleep/wake failure, shutdown stall).
  if ((command || /^Stackshots/i.test(dataSource)) && event) return 'spindump';
  return 'crash';
}

/** First characters of the lines the classification reads: its prefixes, and either case of maybeKindLine's. */
const KIND_FIRST = new Uint8Array(128);
for (const c of 'SDRHEACTcetr') KIND_FIRST[c.charCodeAt(0)] = 1;

/** The two patterns above start with C, E, T or R (either case for the `i` ones); other lines match neither. */
function maybeKindLine(t: string): boolean {
  const c = t.charCodeAt(0) | 32;
  return c === 99 || c === 101 || c === 116 || c === 114;
}
