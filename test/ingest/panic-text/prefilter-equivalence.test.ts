import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldPatterns } from '../../../src/ingest/panic-text/fields.js';
import { ARM_ROW, INTEL_ROW, readArmRow, readIntelRow, stripBrackets } from '../../../src/ingest/panic-text/backtrace.js';

/**
 * The panic-string readers skip a pattern when a line lacks the literal head every match of it
 * starts with, and read a backtrace row from one match. These properties hold the shortcuts to the
 * formulations they replaced (kept below verbatim).
 */

/** Lines near each field's head: the head cut, perturbed in case and spacing, then a value. */
const nearHead = (lead: string) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: lead.length }),
      fc.constantFrom('', ' ', ':', 'x', 'X', ' :', '  '),
      fc.boolean(),
      fc.constantFrom('', ' 0x1f', '0xfffffe0012345678', ' 23F79', ' pid 12: rm', ' 0x1 0x2', 'Version 23.4.0', '\t', ' (0x12):'),
    )
    .map(([cut, mid, upper, tail]) => {
      const head = lead.slice(0, cut) + mid + lead.slice(cut);
      return (upper ? head.toUpperCase() : head) + tail;
    });

describe('panic-string prefilters: same results as the formulations they replaced', () => {
  it('a field pattern matches only lines starting with its literal head', () => {
    const FIELD_PATTERNS = fieldPatterns();
    const leads = FIELD_PATTERNS.filter(([, , lead]) => lead !== undefined);
    expect(leads.length).toBeGreaterThan(15);
    const anyLead = fc.constantFrom(...FIELD_PATTERNS.map(([, re, lead]) => lead ?? re.source.replace(/^\^/, '').slice(0, 12)));
    fc.assert(
      fc.property(anyLead.chain(nearHead), (line) => {
        for (const [first, re, lead] of FIELD_PATTERNS) {
          if (!re.test(line)) continue;
          expect(first).toContain(line.charAt(0));
          if (lead !== undefined) expect(line.startsWith(lead)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('a row matched once reads what readArmRow / readIntelRow read', () => {
    const piece = fc.constantFrom('lr:', 'lr: ', 'fp:', ' fp: ', '0x', '0xfffffe0013319c84', '0x0', ' : ', ':', ' ', '\t', 'mach_kernel', ' : _panic + 0x54', '[com.x.kext : 0x12]', '(0x1 0x2)', 'g');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }).map((a) => a.join('')), (line) => {
        const t = line.trim();
        const arm = ARM_ROW.exec(t);
        expect(arm ? readArmRow(t, 3, 9) : undefined).toEqual(readArmRow(t, 3, 9));
        // The old test of the loop: INTEL_ROW.test, then readIntelRow matched the line again.
        const intel = INTEL_ROW.test(t);
        expect(intel || readIntelRow(t, 3, 9) === undefined).toBe(true);
        // A row starts with its literal first character, so the loop's first-character dispatch drops none.
        if (arm) expect(t.charCodeAt(0)).toBe(0x6c);
        if (intel) expect(t.charCodeAt(0)).toBe(0x30);
      }),
      { numRuns: 3000 },
    );
  });

  it('stripBrackets is the regex replace it replaced', () => {
    const piece = fc.constantFrom('[', ']', ' ', 'a', 'com.x : 0x1', '[]', '][');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }).map((a) => a.join('')), (tail) => {
        expect(stripBrackets(tail)).toBe(tail.replace(/^\[|\]$/g, ''));
      }),
      { numRuns: 2000 },
    );
  });
});
