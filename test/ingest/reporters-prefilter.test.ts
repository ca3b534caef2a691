/** markReporterFrames' data-derived prefilter gives what testing every reporter's images and patterns gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import data from '../../src/ingest/reporters/reporters.json' with { type: 'json' };
import { markReporterFrames, reporterOfFrame, symbolPrefixes } from '../../src/ingest/reporters/mark-frames.js';
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

  it('literal prefixes are known only for anchored patterns without alternation that start with a literal', () => {
    expect(symbolPrefixes(['^abc', '^-\\[Foo', '^\\+\\[Bar'])).toEqual(['abc', '-[Foo', '+[Bar']);
    expect(symbolPrefixes(['abc'])).toBeUndefined();
    expect(symbolPrefixes(['^a|b'])).toBeUndefined();
    expect(symbolPrefixes(['^a?b'])).toBeUndefined();
    expect(symbolPrefixes(['^a*b'])).toBeUndefined();
    expect(symbolPrefixes(['^a{0,2}'])).toBeUndefined();
    expect(symbolPrefixes(['^\\dfoo'])).toBeUndefined();
    expect(symbolPrefixes(['^[ab]'])).toBeUndefined();
    expect(symbolPrefixes(['^(?:a)'])).toBeUndefined();
    expect(symbolPrefixes(['^'])).toBeUndefined();
    expect(symbolPrefixes(['^a+b'])).toEqual(['a']);
    expect(symbolPrefixes(['^ab?c', '^abc*', '^ab{2}', '^a.b', '^ab\\dc', '^ab$', '^a\\.b(c)'])).toEqual(['a', 'ab', 'a', 'a', 'ab', 'ab', 'a.b']);
    expect(symbolPrefixes(data.reporters.flatMap((r) => r.symbols))).toBeDefined();
  });

  it('every prefix is one each match of its pattern starts with', () => {
    // Random anchored patterns of literals, escapes, classes and quantifiers: a string the pattern matches starts with the prefix.
    const atom = fc.constantFrom('a', 'b', '-', '_', '\\[', '\\+', '\\.', '.', '\\d', '[ab]', '(c)', 'x?', 'y*', 'z+', 'w{1,2}', '$');
    const subject = fc.array(fc.constantFrom('a', 'b', '-', '_', '[', '+', '.', '1', 'c', 'x', 'y', 'z', 'w'), { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 5 }), subject, (atoms, s) => {
        const pattern = `^${atoms.join('')}`;
        const prefixes = symbolPrefixes([pattern]);
        if (prefixes && new RegExp(pattern).test(s)) expect(s.startsWith(prefixes[0] as string)).toBe(true);
      }),
      { numRuns: 5000 },
    );
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
