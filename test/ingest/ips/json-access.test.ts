/**
 * The by-value readers of json-access (textOf, numOf) and the caches of the ips readers give what
 * the keyed readers and plain String.prototype.trim gave.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigOf, isTrimSpace, numAt, numOf, strOf, textAt, textOf } from '../../../src/ingest/ips/json-access.js';
import { toBigInt } from '../../../src/model/numbers.js';
import type { JsonValue } from '../../../src/ingest/ips/lossless-json.js';
import { normalizeArch, parseOsString } from '../../../src/ingest/ips/platform.js';
import { readRegisters } from '../../../src/ingest/ips/threads-309.js';

/** textAt as it was: trim every string. */
const referenceText = (v: JsonValue | undefined): string | undefined => {
  const s = strOf(v)?.trim();
  return s ? s : undefined;
};

const spaces = [' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u0085', '\u180e'];
const spaced = fc.array(fc.oneof(fc.constantFrom(...spaces), fc.string({ maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 2 })), { maxLength: 8 }).map((a) => a.join(''));
const value: fc.Arbitrary<JsonValue | undefined> = fc.oneof(
  spaced,
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom('0x1f', ' 12 ', '-7', '9007199254740993', '1e3', ''),
  fc.constant([] as JsonValue[]),
  fc.constant({}),
);

describe('json-access by-value readers', () => {
  it('isTrimSpace is exactly what trim() removes, for every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isTrimSpace(c), `U+${c.toString(16)}`).toBe(String.fromCharCode(c).trim() === '');
  });

  it('isTrimSpace is also /\\s/ (splitEnvelope skips leading space with it)', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isTrimSpace(c), `U+${c.toString(16)}`).toBe(/[\s\ufeff]/.test(String.fromCharCode(c)));
  });

  it('bigOf equals toBigInt on every number, bigint and string', () => {
    const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 2 ** 53, -(2 ** 60), 0.5, Infinity, NaN));
    fc.assert(
      fc.property(fc.oneof(num, fc.bigInt(), fc.constantFrom('0x1f', '12', ' 7 ', 'x')), (v) => {
        expect(bigOf(v)).toBe(toBigInt(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('textOf equals trimming every string, and textAt reads through it', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(textOf(v)).toBe(referenceText(v));
        expect(textAt({ k: v as JsonValue }, 'k')).toBe(referenceText(v));
      }),
      { numRuns: 5000 },
    );
  });

  it('numOf equals numAt of the same value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(numOf(v)).toBe(numAt({ k: v as JsonValue }, 'k'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('bounded caches of the ips readers', () => {
  it('parseOsString gives a fresh copy of the same answer, and past its bound', () => {
    const a = parseOsString('iPhone OS 16.0 (20A362)');
    a.version = 'changed';
    expect(parseOsString('iPhone OS 16.0 (20A362)')).toEqual({ raw: 'iPhone OS 16.0 (20A362)', platform: 'iOS', version: '16.0', build: '20A362' });
    for (let i = 0; i < 1200; i++) parseOsString(`macOS 13.${i} (22A${i})`);
    expect(parseOsString('macOS 13.7 (22A7)')).toEqual({ raw: 'macOS 13.7 (22A7)', platform: 'macOS', version: '13.7', build: '22A7' });
    expect(Object.keys(parseOsString('Bridge OS 2.4.1 (15P6703)'))).toEqual(['raw', 'platform', 'version', 'build']);
  });

  it('parseOsString reads nothing from a placeholder ("??? ??? (Build ???)"), and keeps any string that names something', () => {
    expect(parseOsString('??? ??? (Build ???)')).toEqual({});
    expect(parseOsString('???')).toEqual({});
    expect(parseOsString('macOS ??? (Build ???)')).toEqual({ raw: 'macOS ??? (Build ???)', platform: 'macOS' });
  });

  it('normalizeArch answers the same from its cache, and past its bound', () => {
    const spellings = ['ARM-64', 'arm64e', 'X86-64', 'x86_64', 'ARM', 'armv7k', 'arm64_32', 'AMD64', 'i386', 'ppc', ' arm64 ', ''];
    const first = spellings.map((s) => normalizeArch(s));
    for (let i = 0; i < 600; i++) normalizeArch(`weird-${i}`);
    expect(spellings.map((s) => normalizeArch(s))).toEqual(first);
    expect(first.slice(0, 6)).toEqual(['arm64', 'arm64e', 'x86_64', 'x86_64', 'armv7', 'armv7k']);
    expect(normalizeArch('x'.repeat(100))).toBe('x'.repeat(100));
  });

  it('readRegisters lower-cases names the same way for many distinct names', () => {
    const state: Record<string, JsonValue> = { flavor: 'ARM_THREAD_STATE64', x: [{ value: 1 }, 2], PC: { value: 3 } };
    for (let i = 0; i < 1500; i++) state[`R${i}X`] = i;
    const regs = readRegisters(state);
    expect(regs.x0).toBe(1n);
    expect(regs.x1).toBe(2n);
    expect(regs.pc).toBe(3n);
    expect(regs.r1499x).toBe(1499n);
    expect(Object.keys(regs)).toHaveLength(3 + 1500);
    expect(Object.keys(readRegisters(state))).toEqual(Object.keys(regs));
  });
});
