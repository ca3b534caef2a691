/** markReporterFrames' data-derived matcher (a trie of the literal patterns) gives what testing every reporter's images and patterns gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import data from '../../src/ingest/reporters/reporters.json' with { type: 'json' };
import { literalPattern, markReporterFrames, reporterMatcher, reporterOfFrame } from '../../src/ingest/reporters/mark-frames.js';
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

  it('literal patterns are `^`, literal characters and an optional final `$`', () => {
    expect(literalPattern('^abc')).toEqual({ text: 'abc', exact: false });
    expect(literalPattern('^-\\[Foo')).toEqual({ text: '-[Foo', exact: false });
    expect(literalPattern('^\\+\\[Bar')).toEqual({ text: '+[Bar', exact: false });
    expect(literalPattern('^handleSignal$')).toEqual({ text: 'handleSignal', exact: true });
    expect(literalPattern('^a\\$')).toEqual({ text: 'a$', exact: false });
    expect(literalPattern('^')).toEqual({ text: '', exact: false });
    for (const p of ['abc', '^a|b', '^a?b', '^a*b', '^a+b', '^a{0,2}', '^\\dfoo', '^[ab]', '^(?:a)', '^a.b', '^a$b', '^a\\', '^a^'])
      expect(literalPattern(p)).toBeUndefined();
    // Every pattern of the shipped data is literal: no RegExp is compiled for them.
    for (const p of data.reporters.flatMap((r) => r.symbols)) expect(literalPattern(p)).toBeDefined();
  });

  it('the matcher equals RegExp testing on random reporter data', () => {
    // Patterns of literals, escapes, `$`, classes, dots and quantifiers (the non-literal ones are matched as RegExps).
    const atom = fc.constantFrom('a', 'b', 'ab', '-', '_', '\\[', '\\+', '\\.', '\\$', '.', '[ab]', 'x?', '$', '\u00e9');
    const pattern = fc.array(atom, { maxLength: 4 }).map((atoms) => `^${atoms.join('')}`);
    const reporter = fc.record({
      name: fc.constantFrom('R0', 'R1', 'R2'),
      images: fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'AB', 'Ab', 'BA', 'é'), { maxLength: 3 }),
      symbols: fc.uniqueArray(pattern, { maxLength: 4 }),
    });
    const subject = fc.array(fc.constantFrom('a', 'b', '-', '_', '[', '+', '.', '$', 'x', '\u00e9'), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(reporter, { minLength: 1, maxLength: 3 }), fc.constantFrom('A', 'B', 'C', 'D', '', 'AB', 'Ab', 'AC', 'BA', 'BAB', 'é', 'éA'), subject, (rs, image, sym) => {
        const expected = ((): string | undefined => {
          for (const r of rs) {
            if (image && r.images.includes(image)) return r.name;
            if (sym && r.symbols.some((p) => new RegExp(p).test(sym))) return r.name;
          }
          return undefined;
        })();
        expect(reporterMatcher(rs)(image, sym)).toBe(expected);
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
