import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, looksBinary, normalizeText } from '../../src/ingest/decode.js';

describe('decodeBytes', () => {
  it('strips a BOM and folds CRLF and NBSP', () => {
    const bytes = new TextEncoder().encode('\uFEFFProcess:\u00a0App [1]\r\nPath: /x\r\n');
    expect(decodeBytes(bytes)).toEqual({ text: 'Process: App [1]\nPath: /x\n', encoding: 'utf-8' });
  });

  it('falls back to Latin-1 when the bytes are not UTF-8', () => {
    const bytes = Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x70, 0x61, 0x6e, 0x69, 0x63]);
    expect(decodeBytes(bytes)).toEqual({ text: 'Café panic', encoding: 'latin1' });
  });

  it('keeps valid UTF-8 with a rare replacement character as UTF-8', () => {
    const text = `${'a'.repeat(500)}\uFFFD`;
    expect(decodeBytes(new TextEncoder().encode(text)).encoding).toBe('utf-8');
  });

  it('folds a lone CR line ending', () => {
    expect(normalizeText('a\rb')).toBe('a\nb');
  });

  it('recognises binary content by a NUL byte', () => {
    expect(looksBinary(Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 0, 0]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('panic(cpu 0 caller 0x1): x'))).toBe(false);
  });

  it('decoded text normalised again only loses a second BOM (ingestBytes strips just that)', () => {
    // Pieces that normalising changes: BOMs (UTF-8 and, read as Latin-1, its bytes), CR, CRLF, NBSP in
    // UTF-8 and as a lone Latin-1 byte, and invalid bytes that tip the decoding to Latin-1.
    const piece = fc.constantFrom([0xef, 0xbb, 0xbf], [0x0d], [0x0d, 0x0a], [0x0a], [0xc2, 0xa0], [0xa0], [0xfe, 0xff], [0x41], [0x20], [0xe9]);
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (ps) => {
      const { text } = decodeBytes(Uint8Array.from(ps.flat()));
      expect(normalizeText(text)).toBe(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }), { numRuns: 3000 });
  });
});
