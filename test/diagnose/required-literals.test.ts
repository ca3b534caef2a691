import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiterals, requiredLiteralsByCharacter } from '../../src/diagnose/required-literals.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import type { CompiledRule } from '../../src/diagnose/compile-rules.js';
import type { Rule } from '../../src/diagnose/types.js';
import { FIELDS } from '../../src/diagnose/types.js';
import { fieldValues } from '../../src/diagnose/fields.js';
import { ingestBytes } from '../../src/ingest/index.js';
import { readFileSync, readdirSync } from 'node:fs';
import { repoRoot, signatureFixtureDir } from '../helpers/diagnose.js';

/** The prefilter's promise: whenever the regex matches a text, one of the literals is in it. */
function holdsOn(pattern: string, flags: string, text: string): boolean {
  const lits = requiredLiterals(pattern, flags);
  if (!lits || !new RegExp(pattern, flags).test(text)) return true;
  const t = flags.includes('i') ? text.toLowerCase() : text;
  return lits.some((l) => t.includes(l));
}

describe('requiredLiterals', () => {
  it.each([
    ['Terminating app due to uncaught exception', '', ['Terminating app due to uncaught exception']],
    ['^(objc_exception_throw|__exceptionPreprocess)', '', ['objc_exception_throw', '__exceptionPreprocess']],
    ['KERN_INVALID_ADDRESS at 0x0{0,8}[0-9a-f]{1,4}\\b', '', ['KERN_INVALID_ADDRESS at 0x']],
    // The longest run wins; an optional character ends a run.
    ['colou?r name', '', ['r name']],
    ['ab+c', '', ['ab']],
    ['(?:x|y)z{2}', '', ['x', 'y']],
    // A group's alternatives are one requirement: each of them is longer than the run before it.
    ['\\bSIG(ABRT|SEGV)\\b', '', ['ABRT', 'SEGV']],
    ['foo|.*bar', '', ['foo', 'bar']],
    ['Out Of Memory', 'i', ['out of memory']],
    ['a\\.b\\(c\\)', '', ['a.b(c)']],
    ['line one\\nline two', '', ['line one\nline two']],
    ['\\x41\\u0042C', '', ['ABC']],
  ])('%s /%s → %j', (pattern, flags, want) => {
    expect(requiredLiterals(pattern, flags)).toEqual(want);
  });

  it.each([
    ['.'],
    ['^(?!com\\.apple\\.)'],
    ['foo|.*'], // one alternative needs nothing
    ['(abc)?'],
    ['[abc]+'],
    ['(?=needed)x?'], // lookahead text is not part of the match
    ['\\d+'],
  ])('%s → nothing required', (pattern) => {
    expect(requiredLiterals(pattern)).toBeUndefined();
  });

  it('never takes escapes it cannot read as text', () => {
    // \cJ is one control character and \012 one octal escape: no "J" or "12" may be required.
    expect(requiredLiterals('\\cJx')).toEqual(['x']);
    expect(requiredLiterals('\\012x')).toEqual(['x']);
    // Without the u flag \p{L} is the text "p{L}": braces are never taken, the L may be.
    expect(requiredLiterals('\\p{L}')).toEqual(['L']);
    // Non-ASCII letters fold differently under /i than lower-casing does: they break the run.
    expect(requiredLiterals('aσb', 'i')).toEqual(['a']);
    // Flags that change how the source reads are not analysed.
    expect(requiredLiterals('abc', 'u')).toBeUndefined();
    expect(requiredLiterals('abc', 'm')).toBeUndefined();
  });

  it('every match of every built-in rule contains one of its literals (fixture and sample values)', () => {
    const leaves: CompiledRule[] = [];
    const walk = (r: CompiledRule): void => {
      if ('all' in r) r.all.forEach(walk);
      else if ('any' in r) r.any.forEach(walk);
      else leaves.push(r);
    };
    for (const s of builtinSignatures().signatures) [...s.all, ...s.any, ...s.none, ...s.supporting].forEach(walk);
    const files = [...readdirSync(signatureFixtureDir).filter((f) => f.includes('.')).map((f) => `${signatureFixtureDir}${f}`), `${repoRoot}samples/panic-intel.panic`, `${repoRoot}samples/crash-ios-arm64.crash`];
    const reports = files.flatMap((f) => ingestBytes(new Uint8Array(readFileSync(f)), f).reports);
    let matched = 0;
    for (const leaf of leaves) {
      if ('all' in leaf || 'any' in leaf || !leaf.re) continue;
      for (const r of reports) {
        for (const v of fieldValues(r, leaf.field)) {
          if (leaf.re.test(v.text)) matched++;
          expect(holdsOn(leaf.re.source, leaf.re.flags, v.text), `${leaf.re.source} on ${v.text.slice(0, 80)}`).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThan(100);
    expect(FIELDS.length).toBeGreaterThan(0);
  });
});

// Random regexes built together with texts they match: the literals must be in every such text.
type Node = { src: string; gen: fc.Arbitrary<string> };
const CHARS = ['a', 'B', 'c', ' ', '.', '(', ')', '[', '+', '*', '?', '|', '\\', '/', '-', ':', '{', '}', '\n', 'é', 'Σ', 'σ', 'ς', 'K', 'k', '\u212a'];
const esc = (c: string): string => (/[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c === '\n' ? '\\n' : c);
const flipCase = (s: string): fc.Arbitrary<string> => fc.boolean().map((up) => (up ? s.toUpperCase() : s.toLowerCase()));

function nodeArb(ci: boolean): fc.Arbitrary<Node> {
  const { node } = fc.letrec<{ node: Node; atom: Node; seq: Node }>((tie) => ({
    atom: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      { weight: 6, arbitrary: fc.constantFrom(...CHARS).map((c) => ({ src: esc(c), gen: ci ? flipCase(c) : fc.constant(c) })) },
      { weight: 1, arbitrary: fc.constant({ src: '[a-c]', gen: fc.constantFrom('a', 'b', 'c') }) },
      { weight: 1, arbitrary: fc.constant({ src: '\\d', gen: fc.constantFrom('0', '7') }) },
      { weight: 1, arbitrary: fc.constant({ src: '.', gen: fc.constantFrom('x', 'a', ' ') }) },
      { weight: 1, arbitrary: fc.constant({ src: '\\x41', gen: ci ? fc.constantFrom('A', 'a') : fc.constant('A') }) },
      { weight: 1, arbitrary: fc.constant({ src: '\\b', gen: fc.constant('') }) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.array(tie('seq'), { minLength: 1, maxLength: 3 }), fc.constantFrom('(', '(?:')).map(([alts, open]) => ({
          src: `${open}${alts.map((a) => a.src).join('|')})`,
          gen: fc.integer({ min: 0, max: alts.length - 1 }).chain((i) => (alts[i] as Node).gen),
        })),
      },
    ),
    seq: fc.array(
      fc.tuple(tie('atom'), fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{0,2}', '{1,3}', '??')).map(([a, q]) => {
        const { src, gen } = a as Node;
        // Groups repeat a bounded number of times only: (x+)+ would backtrack exponentially on a near miss.
        if (q === '' || src === '\\b' || (src.startsWith('(') && q !== '?' && q !== '{2}')) return { src, gen };
        const [min, max] = q.startsWith('?') ? [0, 1] : q === '*' ? [0, 3] : q === '+' ? [1, 3] : q === '{2}' ? [2, 2] : q === '{0,2}' ? [0, 2] : [1, 3];
        return { src: `${src}${q}`, gen: fc.array(gen, { minLength: min, maxLength: max }).map((xs) => xs.join('')) };
      }),
      { minLength: 1, maxLength: 6 },
    ).map((parts) => ({ src: parts.map((p) => p.src).join(''), gen: fc.tuple(...parts.map((p) => p.gen)).map((xs) => xs.join('')) })),
    node: fc
      .array(tie('seq'), { minLength: 1, maxLength: 3 })
      .map((alts) => ({ src: (alts as Node[]).map((a) => a.src).join('|'), gen: fc.integer({ min: 0, max: alts.length - 1 }).chain((i) => (alts[i] as Node).gen) })),
  }));
  return node;
}

describe('requiredLiterals on random regexes', () => {
  for (const flags of ['', 'i']) {
    it(`a text the regex matches holds one of its literals (flags "${flags}")`, () => {
      fc.assert(
        fc.property(
          nodeArb(flags === 'i').chain((n) => fc.tuple(fc.constant(n.src), n.gen, fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }))),
          ([src, text, before, after]) => {
            let ok = true;
            try {
              new RegExp(src, flags);
            } catch {
              return; // a generated source JavaScript refuses (e.g. a nothing-to-repeat) says nothing
            }
            ok = holdsOn(src, flags, `${before}${text}${after}`);
            expect(ok, `/${src}/${flags} on ${JSON.stringify(before + text + after)} → ${JSON.stringify(requiredLiterals(src, flags))}`).toBe(true);
          },
        ),
        { numRuns: 3000, seed: 10 },
      );
    });
  }
});

describe('requiredLiterals reads runs of plain characters and classes at once', () => {
  const sources = (): string[] => {
    const out: string[] = [];
    const walk = (r: CompiledRule): void => {
      if ('all' in r) r.all.forEach(walk);
      else if ('any' in r) r.any.forEach(walk);
      else if (r.re) out.push(`${r.re.flags}\u0000${r.re.source}`);
    };
    for (const s of builtinSignatures().signatures) [...s.all, ...s.any, ...s.none, ...s.supporting].forEach(walk);
    return out;
  };

  it('gives what the character-by-character reading gives on every built-in pattern', () => {
    const all = sources();
    expect(all.length).toBeGreaterThan(300);
    for (const fs of all) {
      const [flags, source] = fs.split('\u0000') as [string, string];
      expect(requiredLiterals(source, flags), source).toEqual(requiredLiteralsByCharacter(source, flags));
    }
  });

  it('gives what the character-by-character reading gives on any source, valid or not', () => {
    // Regex syntax, quantifiers after runs, NUL, non-ASCII (a run breaker under /i), lone escapes.
    const piece = fc.constantFrom('a', 'B', 'c', 'ab', 'Xyz', ' ', '\u0000', 'é', 'Σ', '\ud83d', '\\', '\\.', '\\d', '\\x41', '\\u00e9', '\\c', '\\cJ', '\\012', '\\k<n>',
      '[', ']', '[^', '[a-c]', '[\\]]', '(', ')', '(?:', '(?=', '(?<n>', '(?<=', '(?!', '|', '*', '+', '?', '??', '{', '}', '{2}', '{1,3}', '{,2}', '{2,}', '.', '^', '$');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.constantFrom('', 'i', 'u', 'im'), (parts, flags) => {
        const source = parts.join('');
        expect(requiredLiterals(source, flags), JSON.stringify(source)).toEqual(requiredLiteralsByCharacter(source, flags));
      }),
      { numRuns: 6000, seed: 21 },
    );
  });
});

describe('requiredLiterals reads a pattern as its regex source reads (the prefilter reads built-in patterns without making their regexes)', () => {
  /** The same reading of a pattern and of its regex's `source` (which escapes '/' and line breaks, and writes '' as '(?:)'). */
  const expectSameAsSource = (pattern: string, flags: string): void => {
    expect(requiredLiterals(pattern, flags), JSON.stringify(pattern)).toEqual(requiredLiterals(new RegExp(pattern, flags).source, flags));
  };

  it('on every built-in pattern', () => {
    let n = 0;
    const walk = (r: Rule): void => {
      if ('all' in r) r.all.forEach(walk);
      else if ('any' in r) r.any.forEach(walk);
      else if (r.pattern !== undefined) {
        expectSameAsSource(r.pattern, r.flags ?? '');
        n++;
      }
    };
    for (const s of builtinSignatures().signatures) {
      const m = s.signature.match;
      [...(m.all ?? []), ...(m.any ?? []), ...(m.none ?? []), ...(s.signature.supporting ?? [])].forEach(walk);
    }
    expect(n).toBeGreaterThan(300);
  });

  it('on any pattern that compiles, with slashes and line breaks', () => {
    const piece = fc.constantFrom('a', 'B', '/', '\\/', '\n', '\r', '\u2028', '\u2029', '\\n', ' ', 'é', '[/]', '[^/\n]', '(', ')', '(?:', '|', '*', '+', '?', '{2}', '.', '^', '$', '\\');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('', 'i'), (parts, flags) => {
        const pattern = parts.join('');
        try {
          new RegExp(pattern, flags);
        } catch {
          return;
        }
        expectSameAsSource(pattern, flags);
      }),
      { numRuns: 6000, seed: 22 },
    );
  });
});
