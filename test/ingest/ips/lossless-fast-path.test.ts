import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJson, readJsonLossless } from '../../../src/ingest/ips/lossless-json.js';

/** The native fast path must give exactly what the hand reader gives, wherever it is taken. */
describe('lossless JSON: native fast path', () => {
  it('keeps big integers exact and leaves lookalikes in strings alone', () => {
    const text = '{"lr":{"value":4420283038598804648},"neg":[-1234567890123456789, 12],"s":"x: 12345678901234567, y","hex":"0x0000000000000001","f":1234567890123456.5}';
    const r = readJson(text);
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual(readJsonLossless(text).value);
    expect(r.value).toEqual({ lr: { value: 4420283038598804648n }, neg: [-1234567890123456789n, 12], s: 'x: 12345678901234567, y', hex: '0x0000000000000001', f: 1234567890123456.5 });
  });

  it('finds every big integer whichever end of the text the walk starts from', () => {
    const filler = Array.from({ length: 50 }, (_, i) => `{"i":${i},"s":"12345678901234567 ${i}","a":[${i},{"b":[]}]}`).join(',');
    const early = `{"threads":[{"lr":{"value":4420283038598804648},"x":[18446744073709551615,1]}],"rest":[${filler}],"z":12345678901234567}`;
    const late = `{"rest":[${filler}],"images":[["u",18446741874813681664,"K"]],"n":[-12345678901234567890]}`;
    const spread = `{"a":12345678901234567890,"rest":[${filler}],"b":{"c":[12345678901234567891]}}`;
    for (const text of [early, late, spread]) {
      const r = readJson(text);
      expect(r.error).toBeUndefined();
      expect(r.value).toEqual(readJsonLossless(text).value);
    }
    expect((readJson(early).value as { z: unknown }).z).toBe(12345678901234567n);
  });

  it('a root-level big integer and one after whitespace', () => {
    expect(readJson(' 12345678901234567890').value).toBe(12345678901234567890n);
    expect(readJson('[\n  12345678901234567890\n]').value).toEqual([12345678901234567890n]);
  });

  it('a document that names the marker goes to the hand reader and still reads right', () => {
    const text = '{"note":"paniclens-bigint:1","n":12345678901234567890}';
    expect(readJson(text).value).toEqual({ note: 'paniclens-bigint:1', n: 12345678901234567890n });
  });

  it('a marker spelled with \\u escapes stays the string it is, numeric or not', () => {
    const numeric = '{"n":12345678901234567890,"note":"\\u0070aniclens-bigint:7"}';
    expect(readJson(numeric).value).toEqual({ n: 12345678901234567890n, note: 'paniclens-bigint:7' });
    const first = '{"note":"\\u0070aniclens-bigint:7","n":12345678901234567890}';
    expect(readJson(first).value).toEqual({ note: 'paniclens-bigint:7', n: 12345678901234567890n });
    const text = '{"n":12345678901234567890,"note":"\\u0070aniclens-bigint:abc"}';
    expect(readJson(text).value).toEqual({ n: 12345678901234567890n, note: 'paniclens-bigint:abc' });
  });

  it('keeps "__proto__" as data when big integers are converted under it', () => {
    const v = readJson('{"__proto__": 12345678901234567890, "a": {"__proto__": [12345678901234567890]}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toBe(12345678901234567890n);
  });

  it('damage and trailing text still get the hand reader (offsets, partial values)', () => {
    const text = '{"a": 12345678901234567890, "b": [1, 2';
    const cut = readJson(text);
    expect(cut.error?.eof).toBe(true);
    expect(cut).toEqual(readJsonLossless(text));
    expect(cut.value).toEqual({ a: 12345678901234567890n, b: [1] });
    const trailing = readJson('{"a": 1}\nSystem Profile: …');
    expect(trailing.end).toBe(8);
  });

  it('agrees with the hand reader on arbitrary JSON with big integers and digit-heavy strings', () => {
    const big = fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map((b) => ({ raw: b.toString() }));
    const leaf = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.stringMatching(/^[0-9:, [\]-]{0,40}$/), fc.boolean(), fc.constant(null), big);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 })),
    })).node;
    const write = (v: unknown, ws: string): string => {
      if (v && typeof v === 'object' && 'raw' in (v as object) && Object.keys(v as object).length === 1) return (v as { raw: string }).raw;
      if (Array.isArray(v)) return `[${ws}${v.map((x) => write(x, ws)).join(`,${ws}`)}${ws}]`;
      if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${ws}${write(x, ws)}`).join(',')}}`;
      return JSON.stringify(v) ?? 'null';
    };
    fc.assert(
      fc.property(tree, fc.constantFrom('', ' ', '\n  '), (v, ws) => {
        const text = write(v, ws);
        expect(readJson(text).value).toEqual(readJsonLossless(text).value);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the samples exactly as the hand reader does', () => {
    for (const f of ['crash-macos-arm64.ips', 'panic-applesilicon.ips', 'jetsam-ios.ips', 'founding-case/dext-crash.ips']) {
      const text = readFileSync(new URL(`../../../samples/${f}`, import.meta.url), 'utf8');
      const body = text.slice(text.indexOf('\n') + 1);
      expect(readJson(body).value).toEqual(readJsonLossless(body).value);
    }
  });
});
