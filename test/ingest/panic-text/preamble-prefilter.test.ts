import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPreambleLine, type Preamble } from '../../../src/ingest/panic-text/unwrap.js';

// readPreambleLine checks a literal head before each regex; it must read every line as the regexes alone did.
const CTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d(?: [A-Z]{2,5})? \d{4}$/;
function old(t: string, p: Preamble): void {
  let m: RegExpExecArray | null;
  if ((m = /^Anonymous UUID:\s*(\S+)/.exec(t))) p.anonymousUuid ??= m[1];
  else if (CTIME.test(t)) p.date ??= t;
  else if ((m = /^TITLE:\s*(.*)$/.exec(t))) p.syzTitle ??= m[1];
  else if ((m = /^TYPE:\s*(.*)$/.exec(t))) p.syzType ??= m[1];
  else if (t === '*** Panic Report ***') p.legacyBanner = true;
}

describe('readPreambleLine', () => {
  it('reads lines as the unfiltered regexes did', () => {
    const head = fc.constantFrom('Anonymous UUID:', 'Anonymous UUID', 'TITLE:', 'TYPE:', 'TYPE', 'Sat Jun 16 14:12:49 2018', 'Mon Jan  1 00:00:00 PST 2024', 'Sat ', 'Sa Jun', '*** Panic Report ***', ' TITLE:', '');
    const tail = fc.string({ unit: fc.constantFrom(' ', '\t', 'x', '1', ':', '\n', 'A', '-', '\u00a0'), maxLength: 8 });
    const line = fc.oneof(fc.tuple(head, tail).map(([h, t]) => h + t), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), (lines) => {
        const a: Preamble = {};
        const b: Preamble = {};
        for (const t of lines) {
          readPreambleLine(t, a);
          old(t, b);
        }
        expect(a).toEqual(b);
      }),
      { numRuns: 5000 },
    );
  });
});
