/** markReporterFrames' data-derived prefilter gives what testing every reporter's images and patterns gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import data from '../../src/ingest/reporters/reporters.json' with { type: 'json' };
import { markReporterFrames, reporterOfFrame, symbolFirstChars } from '../../src/ingest/reporters/mark-frames.js';
import type { Frame, Report } from '../../src/model/report.js';
import { emptyReport } from '../../src/model/report.js';

const reporters = data.reporters.map((r) => ({ name: r.name, images: new Set(r.images), symbols: r.symbols.map((s) => new RegExp(s)) }));
function reference(image: string, sym: string): string | undefined {
  for (const r of reporters) {
    if (image && r.images.has(image)) return r.name;
    if (sym && r.symbols.some((re) => re.test(sym))) return r.name;
  }
  return undefined;
}

const images = [...new Set(data.reporters.flatMap((r) => r.images)), 'UIKitCore', 'libsystem_kernel.dylib', ''];
const heads = [...data.reporters.flatMap((r) => r.symbols.map((s) => s.replace(/^\^/, '').replace(/\$$/, '').replace(/\\/g, ''))), '_sigtramp', '__sigtramp', '-[NSObject foo]', 'pthread_kill', '', 'k', '-', '+[', 'h'];
const symbol = fc.tuple(fc.constantFrom(...heads), fc.string({ maxLength: 5 })).map(([h, t]) => h + t);

describe('reporter frames prefilter', () => {
  it('reporterOfFrame equals testing every reporter', () => {
    fc.assert(
      fc.property(fc.constantFrom(...images), fc.oneof(symbol, fc.string({ maxLength: 8 })), fc.boolean(), (image, sym, raw) => {
        const f: Frame = { index: 0, image: image || undefined, ...(raw ? { rawSymbol: sym, symbol: 'x' } : { symbol: sym }) };
        expect(reporterOfFrame(f)).toBe(reference(image, sym));
      }),
      { numRuns: 5000 },
    );
  });

  it('the first characters are known only for anchored patterns with a fixed first character', () => {
    expect(symbolFirstChars(['^abc', '^-\\[Foo', '^\\+\\[Bar'])).toEqual(new Set([0x61, 0x2d, 0x2b]));
    expect(symbolFirstChars(['abc'])).toBeUndefined();
    expect(symbolFirstChars(['^a|b'])).toBeUndefined();
    expect(symbolFirstChars(['^a?b'])).toBeUndefined();
    expect(symbolFirstChars(['^a*b'])).toBeUndefined();
    expect(symbolFirstChars(['^a{0,2}'])).toBeUndefined();
    expect(symbolFirstChars(['^\\dfoo'])).toBeUndefined();
    expect(symbolFirstChars(['^[ab]'])).toBeUndefined();
    expect(symbolFirstChars(['^(?:a)'])).toBeUndefined();
    expect(symbolFirstChars(['^'])).toBeUndefined();
    expect(symbolFirstChars(['^a+b'])).toEqual(new Set([0x61]));
    expect(symbolFirstChars(data.reporters.flatMap((r) => r.symbols))).toBeDefined();
  });

  it('frames above _sigtramp are the handler\'s when a reporter frame is among them', () => {
    const frames: Frame[] = [
      { index: 0, symbol: 'kscrash_handleSignal', image: 'App' },
      { index: 1, symbol: '___sigtramp', image: 'libsystem_platform.dylib' },
      { index: 2, symbol: 'main', image: 'App' },
    ];
    const report: Report = emptyReport({ path: 'x', format: 'crash-text' }, 'crash');
    report.threads = [{ index: 0, crashed: true, frames }];
    expect([...markReporterFrames(report)]).toEqual(['KSCrash']);
    expect(frames.map((f) => f.reporter === true)).toEqual([true, true, false]);
  });
});
