import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAIR, readRegisterLine } from '../../../src/ingest/panic-text/registers.js';

/** What the PAIR regex reads from a line: the definition the hand-written reader must agree with. */
function byRegex(line: string): Record<string, bigint> {
  const into: Record<string, bigint> = {};
  for (const m of line.matchAll(PAIR)) {
    const name = (m[1] as string).toLowerCase().replace(/ /g, '_');
    if (!(name in into)) into[name] = BigInt(m[2] as string);
  }
  return into;
}

function read(line: string): Record<string, bigint> {
  const into: Record<string, bigint> = {};
  readRegisterLine(line, into);
  return into;
}

describe('readRegisterLine', () => {
  it('reads arm64 and Intel dump rows', () => {
    expect(read('x0: 0x0000000000000001  x1: 0xfffffe0012345678  x10: 0x2')).toEqual({ x0: 1n, x1: 0xfffffe0012345678n, x10: 2n });
    expect(read('Fault CR2: 0x0000000000000010, Error code: 0x0000000000000002, Fault CPU: 0x1')).toEqual({ fault_cr2: 0x10n, error_code: 2n, fault_cpu: 1n });
    expect(read('CR0: 0x8001003b, CR2: 0x10 abcdefgh: 0x5 12ab: 0x6 x: 0X7')).toEqual({ cr0: 0x8001003bn, cr2: 0x10n, cdefgh: 5n, ab: 6n });
  });

  it('agrees with the PAIR regex on any line', () => {
    const piece = fc.constantFrom('x0', 'RAX', 'Fault CR2', 'Fault CPU', 'Error code', 'abcdefgh', '12', ':', ': ', ' :', '0x', '0x1f', '0xfffffe0012345678', ' ', '\t', '\u00a0', ',', 'pc', 'Fault', 'CR2', 'g', '-');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }).map((a) => a.join('')), (line) => {
        expect(read(line)).toEqual(byRegex(line));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('readRegisterLine count', () => {
  it('returns how many names it added (first value wins, a repeated name is not counted)', () => {
    const into: Record<string, bigint> = {};
    expect(readRegisterLine('x0: 0x1  x1: 0x2  x0: 0x3', into)).toBe(2);
    expect(readRegisterLine('x1: 0x4  pc: 0x5', into)).toBe(1);
    expect(readRegisterLine('no registers here', into)).toBe(0);
    expect(into).toEqual({ x0: 1n, x1: 2n, pc: 5n });
  });
});

describe('readRegisterLine names', () => {
  it('x-register names from the table are what slicing and lower-casing give', () => {
    const name = fc.tuple(fc.constantFrom('x', 'X'), fc.integer({ min: 0, max: 99 }), fc.boolean()).map(([x, n, pad]) => `${x}${pad ? String(n).padStart(2, '0') : n}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.constantFrom('0x0', '0x1f', '0xfffffe0012345678')), { maxLength: 6 }), (pairs) => {
        const line = pairs.map(([n, v]) => `${n}: ${v}`).join('  ');
        expect(read(line)).toEqual(byRegex(line));
      }),
      { numRuns: 2000 },
    );
  });
});
