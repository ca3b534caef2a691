/**
 * Codes inside free text (kernel-log and dext lines, application-specific lines): error numbers in
 * the forms of CODES.md §11.2, mach_error_string texts, OSSystemExtensionErrorDomain codes, jetsam
 * kill lines, exit-reason lines. Every regex is linear and every text is cut to a bound.
 */
import { codeTable, textKey, type CodeRow } from './tables.js';
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

/** The numeric error forms, scanned in this order. */
const NUMERIC_ERRORS: readonly RegExp[] = [HEX_ERROR, BARE_HEX_ERROR, SIGNED_ERROR, UNSIGNED_ERROR];
/** Matches taken per regex and text. */
const MAX_MATCHES = 20;

/**
 * The codes of one text. Literal prefilters skip a regex only when it cannot match: each one names
 * a character or literal every match of that regex holds (HEX_ERROR "0x", SIGNED_ERROR "-",
 * UNSIGNED_ERROR "3", the termination codes "0x" when every row is spelt so; case as the flags allow).
 */
export function codesInText(text: string): TextCode[] {
  const s = text.length > MAX_MESSAGE ? text.slice(0, MAX_MESSAGE) : text;
  const out: TextCode[] = [];
  const hasOx = s.includes('0x') || s.includes('0X');
  let m: RegExpExecArray | null;
  const term = termCodes();
  if (hasOx || !term.allOx) {
    const re = term.re;
    re.lastIndex = 0;
    for (let n = 0; n < MAX_MATCHES && (m = re.exec(s)) !== null; n++) {
      const row = codeTable('termination').byValue(BigInt(m[0].toLowerCase()));
      if (row) addCode(out, { table: 'termination', name: row.name, meaning: row.meaning, rows: [row] }, m[0]);
    }
  }
  for (let k = 0; k < NUMERIC_ERRORS.length; k++) {
    if (k === 0 && !hasOx) continue;
    if (k === 2 && !s.includes('-')) continue;
    if (k === 3 && !s.includes('3')) continue;
    const re = NUMERIC_ERRORS[k] as RegExp;
    re.lastIndex = 0;
    for (let n = 0; n < MAX_MATCHES && (m = re.exec(s)) !== null; n++) {
      const raw = m[0];
      addCode(out, known(decodeMachError(isBareHexWord(raw) ? `0x${raw}` : raw)), raw);
    }
  }
  KR.lastIndex = 0;
  for (let n = 0; n < MAX_MATCHES && (m = KR.exec(s)) !== null; n++) addCode(out, known(decodeMachError(m[1] as string)), m[0]);
  START_RESULT.lastIndex = 0;
  for (let n = 0; n < MAX_MATCHES && (m = START_RESULT.exec(s)) !== null; n++) {
    // A zero result is success, not a code worth showing.
    if (!/^(?:0x)?0+$/.test(m[1] as string)) addCode(out, known(decodeMachError(m[1] as string)), m[1] as string);
  }
  if (s.includes('/')) {
    ERROR_TEXT.lastIndex = 0;
    for (let n = 0; n < MAX_MATCHES && (m = ERROR_TEXT.exec(s)) !== null; n++) {
      const at = m.index;
      const rest = textKey(s.slice(at, at + 120));
      const hit = errorTexts().find((t) => rest.startsWith(t.key));
      if (hit) addCode(out, { table: hit.table, name: hit.name, meaning: hit.meaning, rows: [] }, s.slice(at, at + hit.key.length));
    }
  }
  if (s.includes('OSSystemExtensionError')) {
    SYSEXT.lastIndex = 0;
    for (let n = 0; n < MAX_MATCHES && (m = SYSEXT.exec(s)) !== null; n++) addCode(out, decodeSysextCode(m[1] as string), m[0]);
  }
  if (s.includes('memorystatus')) {
    const j = JETSAM_LINE.exec(s);
    if (j) {
      addCode(out, decodeJetsamReason(j[1] as string), j[1] as string);
      const band = j[2] !== undefined ? codeTable('jetsam_band').byValue(BigInt(j[2])) : undefined;
      if (band) addCode(out, { table: 'jetsam_band', name: band.name, meaning: band.meaning, rows: [band] }, `${j[1]} ${j[2]}`);
    }
  }
  if (s.includes(' cause: ')) {
    const c = SHUTDOWN_CAUSE.exec(s);
    const row = c ? codeTable('shutdown_cause').byValue(BigInt(c[1] as string)) : undefined;
    if (c && row) addCode(out, { table: 'shutdown_cause', name: row.name, meaning: `${row.meaning} (community reading)`, rows: [row] }, c[0]);
  }
  if (s.includes('exit reason')) {
    const x = EXIT_REASON.exec(s);
    if (x) {
      addCode(out, decodeNamespace(x[1] as string), `namespace ${x[1]}`);
      addCode(out, decodeTerminationCode(x[1], x[2] as string), x[2] as string);
    }
  }
  return out;
}

/** Keep the first code of each table and name (a text names the same code in several spellings). */
function addCode(out: TextCode[], d: Decoding | undefined, raw: string): void {
  if (!d) return;
  for (let i = 0; i < out.length; i++) {
    const o = (out[i] as TextCode).decoding;
    if (o.table === d.table && o.name === d.name) return;
  }
  out.push({ decoding: d, raw });
}

/** `/^[0-9a-f]{8}$/i.test(s) && /[a-f]/i.test(s)` by hand: eight hex digits, one of them a letter. */
export function isBareHexWord(s: string): boolean {
  if (s.length !== 8) return false;
  let letter = false;
  for (let i = 0; i < 8; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x66) letter = true;
    else if (!(s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39)) return false;
  }
  return letter;
}

/** A number found in prose is a code only when a table knows it (an IOKit number of a known sub-system counts: its sub-system says enough). */
function known(d: Decoding | undefined): Decoding | undefined {
  if (!d) return undefined;
  return d.rows.length > 0 && !d.name.startsWith('err_') && !d.name.startsWith('kern_return ') ? d : undefined;
}

let termRe: { re: RegExp; allOx: boolean } | undefined;
/** The well-known termination codes (0x8badf00d …) as one alternation, built from the table; `allOx` when every one starts "0x". */
function termCodes(): { re: RegExp; allOx: boolean } {
  if (!termRe) {
    const values = codeTable('termination').rows.map((r) => r.value);
    termRe = { re: new RegExp(`\\b(?:${values.join('|')})\\b`, 'gi'), allOx: values.every((v) => v !== undefined && /^0x/i.test(v)) };
  }
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
  let row = t.byText(s);
  if (!row) {
    // The line's key once, the rows' keys once per process (in table order: the first that prefixes it wins).
    const key = textKey(s);
    row = triagePrefixes().find((p) => key.startsWith(p.key))?.row;
  }
  return row ? { table: 'kernel_triage', name: row.name, meaning: row.meaning, rows: [row] } : undefined;
}

let prefixes: { key: string; row: CodeRow }[] | undefined;

/** The kernel_triage rows a line may start with (text over 8 characters), with their keys, in table order. */
function triagePrefixes(): { key: string; row: CodeRow }[] {
  prefixes ??= codeTable('kernel_triage')
    .rows.filter((r) => r.text && r.text.length > 8)
    .map((row) => ({ key: textKey(row.text as string), row }));
  return prefixes;
}
