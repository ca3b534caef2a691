/**
 * The hand-written scans and literal prefilters of the codes pass give exactly what the plain
 * regex versions they replaced gave (the references below are those versions, kept verbatim).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesInText, decodeReportCodes, exceptionCodes, decodePanic, panicFamily } from '../../src/codes/index.js';
import { emptyReport } from '../../src/model/report.js';
import { codeTable, textKey } from '../../src/codes/tables.js';
import { decodeMachError } from '../../src/codes/mach-error.js';
import { decodeJetsamReason, decodeNamespace, decodeSysextCode, decodeTerminationCode } from '../../src/codes/termination.js';
import { isBareHexWord } from '../../src/codes/messages.js';
import type { Decoding } from '../../src/codes/decoded.js';
import { referenceCodesPass } from './reference-codes-pass.js';

// --- reference: codesInText as it was, a generator and every regex on every text ---
const HEX_ERROR = /\b0x(?:e[0-3]|d[c-f]|10)[0-9a-f]{6}\b/gi;
const BARE_HEX_ERROR = /(?<![0-9A-Za-z_-])(?:[eE][0-3]|[dD][c-fC-F])[0-9a-fA-F]{6}(?![0-9A-Za-z_-])/g;
const SIGNED_ERROR = /(?<![\d.])-(?:5[0-9]{8}|4[6-9][0-9]{7}|60[0-3][0-9]{6})(?!\d)/g;
const UNSIGNED_ERROR = /(?<![\d.-])3[6-8][0-9]{8}(?!\d)/g;
const KR = /\b(?:kr|kret|kern_return(?:_t)?|kern_ret)\s{0,3}[=:]?\s{0,3}(0x[0-9a-f]{1,8}|-?\d{1,10})\b/gi;
const START_RESULT = /\bstart\b(?:\(\))?[^0-9\n(]{0,12}?(?::|=|returned|failed:?|fail(?:ed)? with)\s{0,3}(0x[0-9a-f]{1,8}|-\d{1,10})\b/gi;
const ERROR_TEXT = /\((?:iokit|os|ipc)\/[a-z?]{1,12}\) /g;
const SYSEXT = /OSSystemExtensionError(?:Domain)?\b[^0-9\n]{0,40}?(?:Code\s?=\s?|code:? |rawValue: |error )(\d{1,3})\b/g;
const JETSAM_LINE = /memorystatus: [a-z_ ]{3,40}(?:pid \d{1,7} )?\[[^\]\n]{0,80}\] \(([a-z-]{3,40})(?: (-?\d{1,4}))?/;
const SHUTDOWN_CAUSE = /Previous (?:shutdown|sleep) cause: (-?\d{1,4})\b/;
const EXIT_REASON = /exit reason namespace (\d{1,3}) subcode (0x[0-9a-f]{1,16})/i;
const TERM = new RegExp(`\\b(?:${codeTable('termination').rows.map((r) => r.value).join('|')})\\b`, 'gi');

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(s)) !== null && n++ < 20) yield m;
}

function known(d: Decoding | undefined): Decoding | undefined {
  if (!d) return undefined;
  return d.rows.length > 0 && !d.name.startsWith('err_') && !d.name.startsWith('kern_return ') ? d : undefined;
}

const errorTexts = (['ioreturn', 'iokit_family', 'kern_return', 'mach_msg', 'mig'] as const)
  .flatMap((table) => codeTable(table).rows.filter((r) => r.text).map((r) => ({ key: textKey(r.text as string), table, name: r.name, meaning: r.meaning })))
  .sort((a, b) => b.key.length - a.key.length);

function referenceCodesInText(text: string): { decoding: Decoding; raw: string }[] {
  const s = text.length > 2000 ? text.slice(0, 2000) : text;
  const out: { decoding: Decoding; raw: string }[] = [];
  const seen = new Set<string>();
  const add = (d: Decoding | undefined, raw: string): void => {
    if (!d || seen.has(`${d.table}\u0000${d.name}`)) return;
    seen.add(`${d.table}\u0000${d.name}`);
    out.push({ decoding: d, raw });
  };
  for (const m of matches(TERM, s)) {
    const row = codeTable('termination').byValue(BigInt(m[0].toLowerCase()));
    if (row) add({ table: 'termination', name: row.name, meaning: row.meaning, rows: [row] }, m[0]);
  }
  for (const re of [HEX_ERROR, BARE_HEX_ERROR, SIGNED_ERROR, UNSIGNED_ERROR]) {
    for (const m of matches(re, s)) add(known(decodeMachError(/^[0-9a-f]{8}$/i.test(m[0]) && /[a-f]/i.test(m[0]) ? `0x${m[0]}` : m[0])), m[0]);
  }
  for (const m of matches(KR, s)) add(known(decodeMachError(m[1] as string)), m[0]);
  for (const m of matches(START_RESULT, s)) if (!/^(?:0x)?0+$/.test(m[1] as string)) add(known(decodeMachError(m[1] as string)), m[1] as string);
  if (s.includes('/')) {
    for (const m of matches(ERROR_TEXT, s)) {
      const rest = textKey(s.slice(m.index, m.index + 120));
      const hit = errorTexts.find((t) => rest.startsWith(t.key));
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

/** Pieces that make the regexes match, nearly match, or fail at their edges. */
const PIECES = [
  '0x', '0X', 'e00002c7', 'E00002C7', 'DEADBEEF', 'deadbeef', 'dc000001', '0xe00002c7', '0xE00002BC', '0x10000003', '-536870174', '-536870201',
  '3758097095', '3825205247', '-', '3', '.', '_', 'x', ' ', '\n', 'kr = 5', 'KR=0x4', 'kern_return 0x10000003', 'kret: -308', 'start returned -308',
  'Start:0xfffffecc', 'start() failed: 0x0', '(iokit/common) ', '(os/kern) invalid address', '(ipc/send) invalid destination port',
  'memorystatus: killing_specific_process pid 42 [foo] (per-process-limit 3)', 'exit reason namespace 1 subcode 0x8badf00d', '0x8badf00d', '0XC00010FF',
  'Previous shutdown cause: -128', 'OSSystemExtensionErrorDomain Code=4', 'OSSystemExtensionError code: 8', 'panic', 'a', '9', '12345678',
];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 14 }).map((a) => a.join(''));

describe('codes pass scans equal the regex versions they replaced', () => {
  it('codesInText gives what every regex on every text gave', () => {
    fc.assert(fc.property(text, (s) => {
        expect(codesInText(s)).toEqual(referenceCodesInText(s));
      }), { numRuns: 3000 });
  });

  it('codesInText on the pieces themselves and on long texts', () => {
    for (const p of PIECES) expect(codesInText(p)).toEqual(referenceCodesInText(p));
    const long = PIECES.join(' ').repeat(30);
    expect(codesInText(long)).toEqual(referenceCodesInText(long));
  });

  it('isBareHexWord is /^[0-9a-f]{8}$/i and a letter', () => {
    const hexish = fc.array(fc.constantFrom(...'0123456789abcdefABCDEFgGxX-_ '.split('')), { maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(hexish, fc.string({ maxLength: 10 })), (s) => {
        expect(isBareHexWord(s)).toBe(/^[0-9a-f]{8}$/i.test(s) && /[a-f]/i.test(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('exceptionCodes takes the first two numbers as matchAll did', () => {
    const NUM = /0x[0-9a-f]{1,16}|\b\d{1,20}\b/gi;
    const ref = (codes: string | undefined): bigint[] => {
      if (!codes || /^[A-Z_]{4,}\s+at\s/.test(codes.trim())) return [];
      return [...codes.slice(0, 200).matchAll(NUM)].slice(0, 2).map((m) => BigInt(m[0]));
    };
    const codes = fc.array(fc.oneof(fc.constantFrom('0x1', '0x0000000000000001', ', ', '0X1f', '12', ' at ', 'KERN_INVALID_ADDRESS', 'x'), fc.string({ maxLength: 4 })), { maxLength: 80 }).map((a) => a.join(''));
    fc.assert(fc.property(codes, (s) => {
        expect(exceptionCodes(s)).toEqual(ref(s));
      }), { numRuns: 3000 });
  });

  it('every match of the panic regexes holds the literal its prefilter looks for', () => {
    const res: [RegExp, string][] = [
      [/type (?:= )?(\d{1,3})=([a-zA-Z ]{1,40})/, 'type '],
      [/\besr:? (0x[0-9a-fA-F]{1,16})/, 'esr'],
      [/Break 0x([0-9A-Fa-f]{4}) instruction exception/, 'Break 0x'],
    ];
    const panicText = fc
      .array(fc.oneof(fc.constantFrom('type ', 'type = 14=page fault', 'esr: 0x96000004', 'esr 0x1', 'ESR: 0x2', 'Break 0xC470 instruction exception', 'Break 0x', ' ', 'e', 's', 'r', '14'), fc.string({ maxLength: 4 })), { maxLength: 12 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(panicText, (s) => {
        for (const [re, lit] of res) if (re.test(s)) expect(s.includes(lit)).toBe(true);
        // And the decoding still finds them.
        expect(() => decodePanic({ message: s, kexts: [], backtrace: [] })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
    expect(decodePanic({ message: 'panic(cpu 0): esr: 0x96000004 far: 0x0', kexts: [], backtrace: [] }).map((c) => c.decoding.table)).toContain('esr_class');
  });

  it('panicFamily is the longest row whose fragments appear in order, the earlier row on a tie', () => {
    const rows = codeTable('panic').rows;
    const reference = (text: string): string | undefined => {
      const t = text.slice(0, 4000);
      let best: string | undefined;
      let bestLen = 0;
      for (const row of rows) {
        const frags = row.fragments ?? [];
        const len = frags.reduce((n, f) => n + f.length, 0);
        if (len <= bestLen || row.scope === 'framing') continue;
        let at = 0;
        let ok = true;
        for (const f of frags) {
          const i = t.indexOf(f, at);
          if (i < 0) {
            ok = false;
            break;
          }
          at = i + f.length;
        }
        if (ok) {
          best = row.name;
          bestLen = len;
        }
      }
      return best;
    };
    const frags = [...new Set(rows.flatMap((r) => r.fragments ?? []))];
    const panicText = fc.array(fc.oneof(fc.constantFrom(...frags), fc.string({ maxLength: 4 }), fc.constant('\n')), { maxLength: 10 }).map((a) => a.join(' '));
    fc.assert(
      fc.property(panicText, (s) => {
        expect(panicFamily(s)?.name).toBe(reference(s));
      }),
      { numRuns: 4000 },
    );
    for (const row of rows) {
      const whole = (row.fragments ?? []).join(' ');
      expect(panicFamily(whole)?.name).toBe(reference(whole));
    }
  });

  it('decodeReportCodes gives what the pass with one key set for every code gave', () => {
    const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((a) => a.join(' '));
    const reasons = fc.constantFrom('per-process-limit', 'vm-pageshortage', 'highwater', '7', 'unknown', '');
    const triage = fc.constantFrom('VM - (arg = 0x3) Found no valid range containing this address', 'VM - Fault hit memory shortage', 'nothing');
    const arb = fc.record({
      events: fc.array(line, { maxLength: 120 }),
      asi: fc.array(line, { maxLength: 4 }),
      triage: fc.array(triage, { maxLength: 3 }),
      killed: fc.array(reasons, { maxLength: 6 }),
      panic: fc.option(line),
      code: fc.option(fc.constantFrom('0x8badf00d', '0xdead10cc', '9', 'x')),
    });
    fc.assert(
      fc.property(arb, (g) => {
        const r = emptyReport({ path: 'x', format: 'kernel-log' }, 'other');
        r.events = g.events.map((message, i) => ({ message, line: i + 1 }));
        if (g.asi.length > 0) r.applicationSpecific = g.asi;
        if (g.triage.length > 0) r.kernelTriage = g.triage;
        if (g.killed.length > 0) r.jetsam = { killed: g.killed.map((reason) => (reason ? { reason } : {})), largest: [] };
        if (g.panic !== null) r.panic = { message: g.panic, kexts: [], backtrace: [] };
        if (g.code !== null) r.termination = { namespace: 'FRONTBOARD', code: g.code };
        r.exception = { type: 'EXC_CRASH (SIGKILL)', codes: '0x0000000000000000, 0x0000000000000000' };
        expect(decodeReportCodes(r).codes).toEqual(referenceCodesPass(r));
      }),
      { numRuns: 400 },
    );
  });
});
