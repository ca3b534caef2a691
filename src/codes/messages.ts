/**
 * Codes inside free text (kernel-log and dext lines, application-specific lines): error numbers in
 * the forms of CODES.md §11.2, mach_error_string texts, OSSystemExtensionErrorDomain codes, jetsam
 * kill lines, exit-reason lines. Every regex is linear and every text is cut to a bound.
 */
import { codeTable, textKey } from './tables.js';
import { decodeMachError } from './mach-error.js';
import { decodeJetsamReason, decodeNamespace, decodeSysextCode, decodeTerminationCode } from './termination.js';
import type { Decoding } from './decoded.js';

/** Characters of one message scanned. */
const MAX_MESSAGE = 2000;

export interface TextCode {
  decoding: Decoding;
  raw: string;
}

/** 0x + 8 hex digits in the IOReturn, OSReturn or mach_msg ranges. */
const HEX_ERROR = /\b0x(?:e[0-3]|d[c-f]|10)[0-9a-f]{6}\b/gi;
/** Bare 8-digit hex of the same ranges ("E00002C7"), not part of a longer word. */
const BARE_HEX_ERROR = /(?<![0-9A-Za-z_-])(?:[eE][0-3]|[dD][c-fC-F])[0-9a-fA-F]{6}(?![0-9A-Za-z_-])/g;
/** Signed decimal of an IOReturn/OSReturn (-536870912 … -469762049, -603979776 … -536870913). */
const SIGNED_ERROR = /(?<![\d.])-(?:5[0-9]{8}|4[6-9][0-9]{7}|60[0-3][0-9]{6})(?!\d)/g;
/** Unsigned decimal of the same (3690987520 … 3825205247). */
const UNSIGNED_ERROR = /(?<![\d.-])3[6-8][0-9]{8}(?!\d)/g;
/** A kern_return_t named as such: "kr = 5", "kern_return 0x10000003", "KERN … 0x4". */
const KR = /\b(?:kr|kret|kern_return(?:_t)?|kern_ret)\s{0,3}[=:]?\s{0,3}(0x[0-9a-f]{1,8}|-?\d{1,10})\b/gi;
/** A start routine's result printed after it ("IOUserHIDEventService::Start:0xfffffecc", "start returned -308"): any Mach error, MIG's negative ones included. */
const START_RESULT = /\bstart\b(?:\(\))?[^0-9\n(]{0,12}?(?::|=|returned|failed:?|fail(?:ed)? with)\s{0,3}(0x[0-9a-f]{1,8}|-\d{1,10})\b/gi;
const ERROR_TEXT = /\((?:iokit|os|ipc)\/[a-z?]{1,12}\) /g;
const SYSEXT = /OSSystemExtensionError(?:Domain)?\b[^0-9\n]{0,40}?(?:Code\s?=\s?|code:? |rawValue: |error )(\d{1,3})\b/g;
const JETSAM_LINE = /memorystatus: [a-z_ ]{3,40}(?:pid \d{1,7} )?\[[^\]\n]{0,80}\] \(([a-z-]{3,40})(?: (-?\d{1,4}))?/;
const SHUTDOWN_CAUSE = /Previous (?:shutdown|sleep) cause: (-?\d{1,4})\b/;
const EXIT_REASON = /exit reason namespace (\d{1,3}) subcode (0x[0-9a-f]{1,16})/i;

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(s)) !== null && n++ < 20) yield m;
}

export function codesInText(text: string): TextCode[] {
  const s = text.length > MAX_MESSAGE ? text.slice(0, MAX_MESSAGE) : text;
  const out: TextCode[] = [];
  const seen = new Set<string>();
  const add = (d: Decoding | undefined, raw: string): void => {
    if (!d || seen.has(`${d.table}\u0000${d.name}`)) return;
    seen.add(`${d.table}\u0000${d.name}`);
    out.push({ decoding: d, raw });
  };
  for (const m of matches(termCodes(), s)) {
    const row = codeTable('termination').byValue(BigInt(m[0].toLowerCase()));
    if (row) add({ table: 'termination', name: row.name, meaning: row.meaning, rows: [row] }, m[0]);
  }
  for (const re of [HEX_ERROR, BARE_HEX_ERROR, SIGNED_ERROR, UNSIGNED_ERROR]) {
    for (const m of matches(re, s)) add(known(decodeMachError(/^[0-9a-f]{8}$/i.test(m[0]) && /[a-f]/i.test(m[0]) ? `0x${m[0]}` : m[0])), m[0]);
  }
  for (const m of matches(KR, s)) add(known(decodeMachError(m[1] as string)), m[0]);
  // A zero result is success, not a code worth showing.
  for (const m of matches(START_RESULT, s)) if (!/^(?:0x)?0+$/.test(m[1] as string)) add(known(decodeMachError(m[1] as string)), m[1] as string);
  if (s.includes('/')) {
    for (const m of matches(ERROR_TEXT, s)) {
      const rest = textKey(s.slice(m.index, m.index + 120));
      const hit = errorTexts().find((t) => rest.startsWith(t.key));
      if (hit) add({ table: hit.table, name: hit.name, meaning: hit.meaning, rows: [] }, s.slice(m.index, m.index + hit.key.length));
    }
  }
  if (s.includes('OSSystemExtensionError')) for (const m of matches(SYSEXT, s)) add(decodeSysextCode(m[1] as string), m[0]);
  if (s.includes('memorystatus')) {
    const j = JETSAM_LINE.exec(s);
    if (j) {
      add(decodeJetsamReason(j[1] as string), j[1] as string);
      const band = j[2] !== undefined ? codeTable('jetsam_band').byValue(BigInt(j[2])) : undefined;
      if (band) add({ table: 'jetsam_band', name: band.name, meaning: band.meaning, rows: [band] }, `${j[1]} ${j[2]}`);
    }
  }
  if (s.includes(' cause: ')) {
    const c = SHUTDOWN_CAUSE.exec(s);
    const row = c ? codeTable('shutdown_cause').byValue(BigInt(c[1] as string)) : undefined;
    if (c && row) add({ table: 'shutdown_cause', name: row.name, meaning: `${row.meaning} (community reading)`, rows: [row] }, c[0]);
  }
  if (s.includes('exit reason')) {
    const x = EXIT_REASON.exec(s);
    if (x) {
      add(decodeNamespace(x[1] as string), `namespace ${x[1]}`);
      add(decodeTerminationCode(x[1], x[2] as string), x[2] as string);
    }
  }
  return out;
}

/** A number found in prose is a code only when a table knows it (an IOKit number of a known sub-system counts: its sub-system says enough). */
function known(d: Decoding | undefined): Decoding | undefined {
  if (!d) return undefined;
  return d.rows.length > 0 && !d.name.startsWith('err_') && !d.name.startsWith('kern_return ') ? d : undefined;
}

let termRe: RegExp | undefined;
/** The well-known termination codes (0x8badf00d …) as one alternation, built from the table. */
function termCodes(): RegExp {
  termRe ??= new RegExp(`\\b(?:${codeTable('termination').rows.map((r) => r.value).join('|')})\\b`, 'gi');
  return termRe;
}

interface ErrorText {
  key: string;
  table: Decoding['table'];
  name: string;
  meaning: string;
}
let texts: ErrorText[] | undefined;

/** Every mach_error_string text, longest first so "(os/kern) invalid address" beats a shorter prefix. */
function errorTexts(): ErrorText[] {
  texts ??= (['ioreturn', 'iokit_family', 'kern_return', 'mach_msg', 'mig'] as const)
    .flatMap((table) => codeTable(table).rows.filter((r) => r.text).map((r) => ({ key: textKey(r.text as string), table, name: r.name, meaning: r.meaning })))
    .sort((a, b) => b.key.length - a.key.length);
  return texts;
}

/** Kernel Triage lines ("VM - (arg = 0x3) Found no valid range containing this address", older "VM - Fault hit memory shortage"). */
export function decodeTriageLine(line: string): Decoding | undefined {
  const s = line.slice(0, 400).replace(/^\s*[A-Za-z ]{1,20} - /, '').replace(/^\(arg = 0x[0-9a-f]{1,16}\)\s*/i, '').trim();
  const t = codeTable('kernel_triage');
  const row = t.byText(s) ?? t.rows.find((r) => r.text && r.text.length > 8 && textKey(s).startsWith(textKey(r.text)));
  return row ? { table: 'kernel_triage', name: row.name, meaning: row.meaning, rows: [row] } : undefined;
}
