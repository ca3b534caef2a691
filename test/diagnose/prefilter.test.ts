// The signature prefilter must never change a result: every signature, on every report we have
// (samples, fixtures, the corpus when present), gives the same diagnosis with and without it.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/index.js';
import { demangleReport } from '../../src/demangle/index.js';
import { installNodeCxxBackend } from '../../src/demangle/cxx-node.js';
import { builtinSignatures, loadSignatures } from '../../src/diagnose/read-signatures.js';
import { matchReport, matchSignature, passesGate, ReportFields } from '../../src/diagnose/match.js';
import { keyWithin, literalIndexOf } from '../../src/diagnose/prefilter.js';
import { ASCII_TABLE_STATES, BYTES_CHUNK, BYTES_FROM, CHAINS_FROM, HOLD_MAX, LiteralScan, literalSearch, literalsIn, type TextSink } from '../../src/model/literal-search.js';
import type { CompiledSignature } from '../../src/diagnose/compile-rules.js';
import { fieldTexts, fieldValues, MAX_TEXT, scanField } from '../../src/diagnose/fields.js';
import { FIELDS } from '../../src/diagnose/types.js';
import type { Report } from '../../src/model/report.js';
import { corpusBytes, corpusFiles } from '../helpers/corpus.js';
import { localTextFiles, repoRoot } from '../helpers/diagnose.js';


function reportsOf(bytes: Uint8Array, path: string): Report[] {
  // Fixtures include files that are meant to fail: they simply give no report.
  return ingestBytes(bytes, path).reports.map((r) => demangleReport(r));
}

installNodeCxxBackend();
const local = localTextFiles();
const localReports = local.flatMap((f) => reportsOf(new Uint8Array(readFileSync(f)), f));
const corpus = corpusFiles((n) => n !== 'MANIFEST.json');

/** The values scanField feeds, put back together. */
function scannedValues(r: Report, field: (typeof FIELDS)[number]): string[] {
  const out: string[] = [];
  let cur = '';
  const sink: TextSink = {
    part: (s) => ((cur += s), true),
    end: () => (out.push(cur), (cur = ''), true),
    value: (s) => sink.part(s) && sink.end(),
  };
  scanField(r, field, sink);
  expect(cur, `${r.source.path}: ${field}: a value left open`).toBe('');
  return out;
}

/** Every signature, one by one, and the whole match, with and without the prefilter. */
function expectSame(reports: Report[], signatures: CompiledSignature[]): { skipped: number } {
  let skipped = 0;
  const index = literalIndexOf(signatures);
  for (const r of reports) {
    const full = new ReportFields(r, false);
    const pre = new ReportFields(r, true, index);
    for (const s of signatures) {
      const want = matchSignature(s, full);
      expect(matchSignature(s, pre), `${r.source.path}: ${s.signature.id}`).toEqual(want);
      if (s.signature.kinds.includes(r.kind) && !passesGate(s, pre)) skipped++;
    }
    expect(matchReport(r, signatures, true)).toEqual(matchReport(r, signatures, false));
    // The prefilter reads the many-valued fields' texts directly: they must be the values' texts.
    for (const f of FIELDS) {
      const texts = fieldValues(r, f).map((v) => v.text);
      expect(fieldTexts(r, f), `${r.source.path}: ${f}`).toEqual(texts);
      // The search reads the same values without joining them.
      expect(scannedValues(r, f), `${r.source.path}: ${f} scanned`).toEqual(texts);
    }
  }
  return { skipped };
}

describe('signature prefilter is equivalent to full evaluation', () => {
  it('on the samples and every test fixture', () => {
    expect(localReports.length).toBeGreaterThan(100);
    const { skipped } = expectSame(localReports, builtinSignatures().signatures);
    // The prefilter does work: most signatures of a report's kind are decided without running a rule.
    expect(skipped).toBeGreaterThan(localReports.length * 10);
  });

  it('with user signatures beside the built-in ones (a second signature set, its own index)', () => {
    const set = loadSignatures([`${repoRoot}test/fixtures/signatures-user/ok`]);
    expect(set.errors).toEqual([]);
    expect(set.signatures).not.toBe(builtinSignatures().signatures);
    expectSame(localReports, set.signatures);
  });

  it('feeds values over the length bound cut exactly where fieldValues cuts them', () => {
    const long = (s: string): string => `${s} ${'x'.repeat(MAX_TEXT)}`;
    let n = 0;
    for (const base of localReports) {
      const r = structuredClone(base);
      if (r.panic) {
        r.panic.panicString = long(r.panic.panicString ?? 'p');
        r.panic.message = long(r.panic.message ?? 'm');
        for (const k of r.panic.kexts) k.bundleId = long(k.bundleId);
      }
      if (r.exception) r.exception.codes = long(r.exception.codes ?? 'c');
      r.applicationSpecific = [...(r.applicationSpecific ?? []), long('asi'), ''];
      r.notes = [long('note')];
      for (const e of r.events.slice(0, 5)) {
        e.message = long(e.message);
        e.sender ??= 'com.example.driver.dext';
      }
      for (const k of r.jetsam?.killed ?? []) {
        k.reason = long(k.reason ?? 'r');
        k.name ??= 'proc';
      }
      r.codes = [...(r.codes ?? []), { table: 't', raw: long('0x1'), name: 'n', meaning: 'm', field: 'f' }, { table: 't', raw: '0x2', name: 'n', meaning: 'm', field: 'f' }];
      for (const t of r.threads.slice(0, 2)) for (const f of t.frames.slice(0, 3)) f.symbol = long(f.symbol ?? 'sym');
      for (const f of FIELDS) expect(scannedValues(r, f), `${r.source.path}: ${f} (lengthened)`).toEqual(fieldValues(r, f).map((v) => v.text));
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it.skipIf(corpus.length === 0)('on every corpus file', () => {
    const signatures = builtinSignatures().signatures;
    let n = 0;
    for (const f of corpus) {
      const reports = reportsOf(corpusBytes(f), f);
      n += reports.length;
      expectSame(reports, signatures);
    }
    expect(n).toBeGreaterThan(50);
  });
});

describe('literalsIn (the one-pass search for all literals of a field)', () => {
  const alphabet = fc.constantFrom('a', 'b', 'A', 'B', ' ', '.', '\u0000', 'é', 'É', '\u212a', 'k', 'K', 'σ');
  const str = (min: number, max: number): fc.Arbitrary<string> => fc.array(alphabet, { minLength: min, maxLength: max }).map((xs) => xs.join(''));
  const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

  it('finds exactly the literals a search for each one finds (case-sensitive: includes; /i: what the regex finds)', () => {
    fc.assert(
      fc.property(fc.array(str(1, 4), { minLength: 1, maxLength: 8 }), str(0, 40), fc.boolean(), (raw, text, ci) => {
        // Case-insensitive literals are ASCII and lower-case, as compile-rules.ts keeps them; NUL is never in one.
        const literals = [...new Set(raw.map((l) => l.replace(/\u0000/g, 'a')).map((l) => (ci ? l.replace(/[^\x01-\x7f]/g, 'b').toLowerCase() : l)))];
        const search = literalSearch(literals, ci);
        // Both scans: over the direct ASCII table (small automata) and over the columns (large ones).
        for (const s of [search, literalSearch(literals, ci, 0)]) {
          const found = literalsIn(s, text);
          literals.forEach((l, i) => {
            const want = ci ? new RegExp(escapeRe(l), 'i').test(text) : text.includes(l);
            expect(found[i] === 1, `${JSON.stringify(l)} in ${JSON.stringify(text)} (ci ${ci}, table ${s.ascii !== undefined})`).toBe(want);
          });
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('fed in parts, value by value, finds what literalsIn finds in the values joined by NUL', () => {
    fc.assert(
      fc.property(
        fc.array(str(1, 4), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(str(0, 6), { maxLength: 4 }), { maxLength: 6 }),
        fc.boolean(),
        (raw, values, ci) => {
          const literals = [...new Set(raw.map((l) => l.replace(/\u0000/g, 'a')).map((l) => (ci ? l.replace(/[^\x01-\x7f]/g, 'b').toLowerCase() : l)))];
          const search = literalSearch(literals, ci);
          const joined = values.map((parts) => parts.join('')).join('\u0000');
          const scan = new LiteralScan();
          for (const s of [search, literalSearch(literals, ci, 0)]) {
            const want = [...literalsIn(s, joined)];
            // Twice with one scanner: start() must forget the last search.
            for (let round = 0; round < 2; round++) {
              scan.start(s);
              for (const parts of values) {
                for (const p of parts) scan.part(p);
                scan.end();
              }
              expect([...scan.found.slice(0, literals.length)], `${JSON.stringify(literals)} in ${JSON.stringify(values)}`).toEqual(want);
              expect(scan.done).toBe(want.every((v) => v === 1));
            }
          }
        },
      ),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('scans long parts as UTF-8 bytes and finds what the character scan finds (non-ASCII text, lone surrogates)', () => {
    // Texts over BYTES_FROM take the byte scan when every literal is ASCII; the column automaton
    // (no direct table) always scans characters, so it is the reference.
    // Mostly ASCII (whole words of four ASCII bytes) and mixed (non-ASCII bytes in most words).
    const wide = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom('a', 'b', 'A', 'B', ' ', '\u0000', 'k', 'K') },
      { weight: 1, arbitrary: fc.constantFrom('é', '\u212a', 'σ', '\ud83d', '\ude00', '\ud83d\ude00', '\uffff', '\u0080') },
    );
    fc.assert(
      fc.property(fc.array(str(1, 4), { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(wide, alphabet), { minLength: BYTES_FROM, maxLength: BYTES_FROM + 60 }), fc.boolean(), (raw, chars, ci) => {
        const literals = [...new Set(raw.map((l) => l.replace(/[^\x01-\x7f]/g, 'b')).map((l) => (ci ? l.toLowerCase() : l)))];
        const search = literalSearch(literals, ci);
        expect(search.asciiOnly).toBe(true);
        const text = chars.join('');
        const want = [...literalsIn(literalSearch(literals, ci, 0), text)];
        expect([...literalsIn(search, text)], `${JSON.stringify(literals)} in ${JSON.stringify(text)}`).toEqual(want);
        literals.forEach((l, i) => expect(want[i] === 1).toBe(ci ? new RegExp(l.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'i').test(text) : text.includes(l)));
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('carries the automaton across the byte scan\'s pieces and across short and long parts', () => {
    const search = literalSearch(['needle', 'xyz'], false);
    // The literal straddles the cut between two pieces of one long part.
    const long = `${'.'.repeat(BYTES_CHUNK - 3)}needle${'é'.repeat(10)}`;
    expect([...literalsIn(search, long)]).toEqual([1, 0]);
    // A literal begun in a short part (character scan) and ended in a long one (byte scan).
    const scan = new LiteralScan();
    scan.start(search);
    scan.part('..nee');
    scan.part(`dle${'-'.repeat(BYTES_FROM)}`);
    scan.end();
    expect([...scan.found.slice(0, 2)]).toEqual([1, 0]);
    // A value's end takes the automaton to its root, whichever scan read it.
    scan.start(search);
    scan.part(`${'-'.repeat(BYTES_FROM)}xy`);
    scan.end();
    scan.part('z');
    expect([...scan.found.slice(0, 2)]).toEqual([0, 0]);
  });

  it('reads long ASCII parts with four automata at once: an occurrence anywhere, across any window edge, is found', () => {
    // The longest literal planted at every position of texts of several lengths (the windows share
    // one byte less than it); the literal that never occurs keeps the search from stopping early.
    for (const longest of [6, 40, 61]) {
      const needle = `n${'e'.repeat(longest - 2)}d`;
      const search = literalSearch([needle, 'zz'], false);
      for (const m of [CHAINS_FROM, CHAINS_FROM + 1, CHAINS_FROM + 3, 977, 1000, 2051, 4096]) {
        for (let p = 0; p + longest <= m; p++) {
          const text = `${'.'.repeat(p)}${needle}${'.'.repeat(m - p - longest)}`;
          expect(literalsIn(search, text)[0], `literal at ${p} of ${m} (longest ${longest})`).toBe(1);
        }
        // The state the part ends in goes on into the next part, as one automaton's would.
        for (let k = 1; k < longest; k++) {
          const scan = new LiteralScan();
          scan.start(search);
          scan.part(`${'.'.repeat(m - k)}${needle.slice(0, k)}`);
          scan.part(needle.slice(k));
          expect(scan.found[0], `literal cut after ${k} at the end of ${m}`).toBe(1);
        }
      }
    }
  });

  it('reads long ASCII parts with four automata at once and finds what the column automaton finds', () => {
    const ch = fc.constantFrom('a', 'b', 'c', 'a', 'b', '.', '\u0000', 'é');
    const text = (min: number, max: number): fc.Arbitrary<string> => fc.array(ch, { minLength: min, maxLength: max }).map((xs) => xs.join(''));
    const lit = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 3, maxLength: 14 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.array(lit, { minLength: 1, maxLength: 10 }), fc.array(fc.array(fc.oneof(text(0, 8), text(CHAINS_FROM, 1500)), { maxLength: 3 }), { minLength: 1, maxLength: 3 }), fc.boolean(), (raw, values, ci) => {
        const literals = [...new Set(raw)];
        const joined = values.map((parts) => parts.join('')).join('\u0000');
        const want = [...literalsIn(literalSearch(literals, ci, 0), joined)];
        const scan = new LiteralScan();
        scan.start(literalSearch(literals, ci));
        for (const parts of values) {
          for (const p of parts) scan.part(p);
          scan.end();
        }
        expect([...scan.found.slice(0, literals.length)], `${JSON.stringify(literals)} (ci ${ci})`).toEqual(want);
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it('holds long parts and the values after them and scans them joined by NUL: the same literals as value by value', () => {
    // The column automaton (tableStates 0) never holds: it scans each part as it comes.
    const ch = fc.constantFrom('a', 'b', 'a', '.', ' ', 'é', '\ud83d');
    const text = (min: number, max: number): fc.Arbitrary<string> => fc.array(ch, { minLength: min, maxLength: max }).map((xs) => xs.join(''));
    const lit = fc.array(fc.constantFrom('a', 'b', 'A'), { minLength: 2, maxLength: 7 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(
        fc.array(lit, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.oneof(text(0, 6), text(BYTES_FROM - 2, BYTES_FROM + 40)), { maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (raw, values, ci) => {
          const literals = [...new Set(raw.map((l) => (ci ? l.toLowerCase() : l)))];
          const reference = new LiteralScan();
          reference.start(literalSearch(literals, ci, 0));
          const scan = new LiteralScan();
          scan.start(literalSearch(literals, ci));
          for (const parts of values) {
            for (const p of parts) {
              reference.part(p);
              scan.part(p);
            }
            reference.end();
            scan.end();
          }
          const want = [...reference.found.slice(0, literals.length)];
          expect([...scan.found.slice(0, literals.length)], `${JSON.stringify(literals)} in ${JSON.stringify(values)} (ci ${ci})`).toEqual(want);
          expect(scan.done).toBe(want.every((v) => v === 1));
        },
      ),
      { numRuns: 2000, seed: 17 },
    );
  });

  it('carries the automaton across the scans of held text once it reaches HOLD_MAX', () => {
    const search = literalSearch(['needle', 'zz'], false);
    const long = '.'.repeat(HOLD_MAX / 2 + 10);
    for (let k = 1; k < 6; k++) {
      const scan = new LiteralScan();
      scan.start(search);
      // Held, held and scanned (over HOLD_MAX), then held again: the literal spans the last two parts.
      scan.part(long);
      scan.part(`${long}${'needle'.slice(0, k)}`);
      scan.part(`${'needle'.slice(k)}${long}`);
      scan.end();
      expect([...scan.found.slice(0, 2)], `cut after ${k}`).toEqual([1, 0]);
      // A value's end between them takes the automaton to its root.
      scan.start(search);
      scan.part(long);
      scan.part(`${long}${'needle'.slice(0, k)}`);
      scan.end();
      scan.part(`${'needle'.slice(k)}${long}`);
      expect([...scan.found.slice(0, 2)], `cut after ${k}, values apart`).toEqual([0, 0]);
      // Read between values (which scans what is held), the next value still starts at the root.
      scan.start(search);
      scan.part(`${long}${'needle'.slice(0, k)}`);
      scan.end();
      expect(scan.done).toBe(false);
      scan.part('needle'.slice(k));
      expect([...scan.found.slice(0, 2)], `cut after ${k}, read between values`).toEqual([0, 0]);
    }
  });

  it('builds the direct ASCII table of all-ASCII literals alone, equal to the table read off the column automaton', () => {
    // The reference: the column automaton (tableStates 0), its moves by ASCII code, END where literals end.
    const fromColumns = (literals: string[], ci: boolean): { table: number[]; out: string[] } => {
      const c = literalSearch(literals, ci, 0);
      expect(c.ascii).toBeUndefined();
      const n = c.delta.length / c.cols;
      const table: number[] = [];
      for (let st = 0; st < n; st++) {
        for (let code = 0; code < 128; code++) {
          const to = c.delta[st * c.cols + (c.asciiCol[code] as number)] as number;
          table.push(c.ends[to] === 1 ? (to / c.cols) | 0x8000 : to / c.cols);
        }
      }
      return { table, out: c.out.map((o) => JSON.stringify([...(o ?? [])].sort((a, b) => a - b))) };
    };
    const ascii = fc.constantFrom('a', 'b', 'A', 'B', ' ', '.', 'k', 'K', 'z', '-');
    fc.assert(
      fc.property(fc.array(fc.array(ascii, { minLength: 1, maxLength: 6 }).map((xs) => xs.join('')), { minLength: 1, maxLength: 12 }), fc.boolean(), (raw, ci) => {
        const literals = [...new Set(raw.map((l) => (ci ? l.toLowerCase() : l)))];
        const t = literalSearch(literals, ci);
        expect(t.asciiOnly).toBe(true);
        const want = fromColumns(literals, ci);
        expect([...(t.ascii as Uint16Array)]).toEqual(want.table);
        expect(t.out.length).toBe(want.out.length);
        expect(Array.from({ length: t.out.length }, (_, i) => JSON.stringify([...(t.out[i] ?? [])].sort((a, b) => a - b)))).toEqual(want.out);
      }),
      { numRuns: 1500, seed: 3 },
    );
  });

  it('keeps the direct ASCII table to small automata, and finds the same literals without it', () => {
    const literals = Array.from({ length: 1200 }, (_, i) => `lit${i.toString(36)}-${'xyz'.repeat(i % 7)}`);
    const big = literalSearch(literals, false);
    expect(big.delta.length / big.cols).toBeGreaterThan(ASCII_TABLE_STATES);
    expect(big.ascii).toBeUndefined();
    const text = `${literals[5]} and ${literals[1100]}, not lit-`;
    const found = [...literalsIn(big, text)].flatMap((v, i) => (v ? [literals[i]] : []));
    expect(found).toEqual(literals.filter((l) => text.includes(l)));
    expect(literalSearch(literals.slice(0, 20), false).ascii).toBeDefined();
  });
});

describe('crashed.stack literals decided through crashed.symbol (LiteralGroup.within)', () => {
  const crash = localReports.find((r) => r.kind === 'crash' && r.threads.some((t) => t.crashed)) as Report;
  const piece = fc.constantFrom('__assert_rtn', '\n', 'QueueForObject', 'Queue', 'ForObject', '?', '???', 'x', 'Invoke', '');
  const text = fc.array(piece, { maxLength: 6 }).map((xs) => xs.join(''));
  const frame = fc.record({ symbol: fc.option(text, { nil: undefined }), rawSymbol: fc.option(text, { nil: undefined }), long: fc.boolean() });
  /** The crash report with these crashed-thread frames (a long one padded past the length bound). */
  const withFrames = (frames: { symbol?: string | undefined; rawSymbol?: string | undefined; long: boolean }[]): Report => {
    const r = structuredClone(crash);
    const t = r.threads.find((x) => x.crashed) as Report['threads'][number];
    t.frames = frames.map((f, index) => {
      const pad = (s: string | undefined): string | undefined => (s !== undefined && f.long ? `${'y'.repeat(MAX_TEXT - 5)}${s}` : s);
      return { index, ...(f.symbol !== undefined ? { symbol: pad(f.symbol) } : {}), ...(f.rawSymbol !== undefined ? { rawSymbol: pad(f.rawSymbol) } : {}) };
    });
    return r;
  };

  it('a literal in the stack text has its key in a crashed.symbol value (keyWithin)', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 70 }), text, (frames, literal) => {
        const r = withFrames(frames);
        const stack = fieldTexts(r, 'crashed.stack').join('\u0000');
        const key = keyWithin(literal);
        if (key === undefined || !stack.includes(literal)) return;
        expect(fieldTexts(r, 'crashed.symbol').some((v) => v.includes(key))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('decides each crashed.stack literal as a search of the stack text does', () => {
    const signatures = builtinSignatures().signatures.filter((s) => s.signature.kinds.includes('crash'));
    const index = literalIndexOf(signatures);
    const group = index.groups.get('crashed.stack');
    expect(group?.within).toBeDefined();
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 70 }), fc.boolean(), (frames, symbolFirst) => {
        const r = withFrames(frames);
        const fields = new ReportFields(r, true, index);
        // Either order: crashed.symbol decided before (by a gate) or by the stack's own decision.
        if (symbolFirst) for (const a of index.groups.get('crashed.symbol')?.atoms ?? []) fields.holds(a);
        const stack = fieldTexts(r, 'crashed.stack');
        for (const a of group?.atoms ?? []) expect(fields.holds(a), JSON.stringify(a.literal)).toBe(stack.some((t) => t.includes(a.literal as string)));
      }),
      { numRuns: 1000 },
    );
  });
});
