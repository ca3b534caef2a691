import { describe, expect, it } from 'vitest';
import { readJson } from '../../../src/ingest/ips/lossless-json.js';

describe('readJson', () => {
  it('keeps integers of 16+ digits exact as bigint', () => {
    const r = readJson('{"base" : 18446741874823331840, "small": 4096, "neg": -1234567890123456789}');
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({ base: 18446741874823331840n, small: 4096, neg: -1234567890123456789n });
  });

  it('reads fractions and exponents as numbers, and escapes in strings', () => {
    const r = readJson('{"cpu": 0.634077, "e": 1e3, "s": "a\\/b\\n\\u00e9\\"q\\""}');
    expect(r.value).toEqual({ cpu: 0.634077, e: 1000, s: 'a/b\né"q"' });
  });

  it('stops after the first value and reports where it ended', () => {
    const text = '{"a":[1,2,{"b":null}]}\nModel: MacBookPro15,1';
    const r = readJson(text);
    expect(r.error).toBeUndefined();
    expect(text.slice(r.end)).toBe('\nModel: MacBookPro15,1');
  });

  it('returns the part read before a cut, with open containers closed', () => {
    const r = readJson('{"a": 1, "list": [1, 2, {"x": "y"}, {"z": "unterminated');
    expect(r.error?.eof).toBe(true);
    expect(r.value).toEqual({ a: 1, list: [1, 2, { x: 'y' }, {}] });
  });

  it('treats a number at the very end of a cut document as cut', () => {
    const r = readJson('{"a": 1, "b": 12');
    expect(r.error?.eof).toBe(true);
    expect(r.value).toEqual({ a: 1 });
  });

  it('reports corruption with its offset and not as truncation', () => {
    const text = '{"a": 1, "b": @@, "c": 2}';
    const r = readJson(text);
    expect(r.error?.eof).toBe(false);
    expect(r.error?.offset).toBe(text.indexOf('@'));
    expect(r.value).toEqual({ a: 1 });
  });

  it('refuses hostile nesting without overflowing the stack', () => {
    const r = readJson('['.repeat(100_000));
    expect(r.error?.reason).toMatch(/nesting deeper/);
  });

  it('keeps a "__proto__" key as data', () => {
    const r = readJson('{"__proto__": {"polluted": true}}');
    const v = r.value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readJson on strings full of escapes', () => {
  it('decodes every escape of a long escaped string', () => {
    const r = readJson(`"${'\\/a\\\\'.repeat(20_000)}"`);
    expect(r.value).toBe('/a\\'.repeat(20_000));
  });
});
