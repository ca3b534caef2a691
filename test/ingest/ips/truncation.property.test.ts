import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, repoFile } from './helpers.js';

const SAMPLES = ['samples/crash-macos-arm64.ips', 'samples/panic-applesilicon.ips', 'samples/jetsam-ios.ips', 'samples/founding-case/dext-crash.ips'];

describe('arbitrary damage to a sample', () => {
  for (const sample of SAMPLES) {
    const text = repoFile(sample);

    it(`never throws and keeps the report for any truncation of ${sample}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: text.length }), (cut) => {
          const r = parse(text.slice(0, cut));
          expect(r.source.format).toBe('ips');
          // Once the header line is complete, its bug_type always survives.
          if (cut > text.indexOf('\n')) expect(r.source.bugType).toBeDefined();
          if (cut < text.trimEnd().length && cut > text.indexOf('\n') + 1) expect(r.truncated).toBe(true);
        }),
        { numRuns: 100 },
      );
    });

    it(`never throws when a span of ${sample} is replaced by noise`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: text.length }), fc.integer({ min: 0, max: 200 }), fc.string({ maxLength: 20 }), (at, len, noise) => {
          expect(() => parse(text.slice(0, at) + noise + text.slice(at + len))).not.toThrow();
        }),
        { numRuns: 100 },
      );
    });
  }
});
