/**
 * Swift's Punycode variant (RFC 3492 with `_` as delimiter and `A`-`J` as digits 26-35), used for
 * non-ASCII identifiers. Code points U+D800…U+D87F stand for ASCII characters that are not valid in
 * symbols (raw identifiers such as `` `foo bar` ``).
 */
const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function digitValue(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x61; // a-z
  if (c >= 0x41 && c <= 0x4a) return c - 0x41 + 26; // A-J
  return -1;
}

function adapt(delta: number, numPoints: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

/** Decodes to a JS string, or undefined when the input is not valid Swift Punycode. */
export function decodeSwiftPunycode(input: string): string | undefined {
  const out: number[] = [];
  const lastDelim = input.lastIndexOf('_');
  let pos = 0;
  if (lastDelim >= 0) {
    for (let i = 0; i < lastDelim; i++) {
      const c = input.charCodeAt(i);
      if (c >= 0x80) return undefined;
      out.push(c);
    }
    pos = lastDelim + 1;
  }
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  while (pos < input.length) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return undefined;
      const digit = digitValue(input.charCodeAt(pos++));
      if (digit < 0) return undefined;
      if (digit > Math.floor((0x7fffffff - i) / w)) return undefined;
      i += digit * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(0x7fffffff / (BASE - t))) return undefined;
      w *= BASE - t;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    if (Math.floor(i / (out.length + 1)) > 0x7fffffff - n) return undefined;
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n < 0x80) return undefined;
    out.splice(i, 0, n);
    i++;
  }
  let s = '';
  for (const cp of out) {
    if (cp >= 0xd800 && cp <= 0xd87f) s += String.fromCharCode(cp - 0xd800);
    else if ((cp >= 0xd880 && cp <= 0xdfff) || cp > 0x10ffff) return undefined;
    else s += String.fromCodePoint(cp);
  }
  return s;
}
