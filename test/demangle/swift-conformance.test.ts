/**
 * The Swift project's own demangler test vectors, read in place from ../shared/swift-demangle (never copied).
 *
 * Crash-report subset — the rule, applied to the expected demangling with its `{…}` classification marker
 * removed: every vector EXCEPT those whose expected text names a metadata internal, an autodiff artefact or a
 * macro expansion (METADATA_INTERNALS below). What stays is what a backtrace frame can show: functions, methods,
 * accessors, initializers, closures, types, thunks (partial apply, reabstraction, @objc, protocol witness,
 * dispatch), specialisations, outlined copies, and names that must come back unchanged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demangle } from '../../src/demangle/index.js';
import type { DemangleStyle } from '../../src/demangle/options.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(repoRoot, '..', 'shared', 'swift-demangle');
const present = existsSync(path.join(dir, 'manglings.txt'));

const METADATA_INTERNALS = new RegExp([
  '^(full )?type metadata', '^nominal type descriptor', '^protocol (self-conformance )?descriptor',
  '^protocol conformance descriptor', '^(generic |resilient )?protocol witness table', '^instantiation function for',
  '^lazy protocol witness table', '^value witness table', '^reflection metadata', '^associated (type|conformance)',
  '^default associated', '^base (conformance|witness)', '^generic type metadata pattern', '^metaclass',
  '^(lazy|demangling) cache variable', '^(module|extension|anonymous|property|method) descriptor',
  '^opaque type descriptor', '^protocol requirements base descriptor', '^class metadata base offset',
  '^(canonical|noncanonical) specialized', 'runtime record for', 'field offset for', 'value witness for',
  '^flag for loading', '^cache variable', '^generic parameter reference',
  'derivative of', 'differentiability witness', 'autodiff', 'pullback of', 'differential of',
  'macro expansion', 'unique name #', '^ObjC (metadata|resilient)', '^full ObjC',
].join('|'));

const MARKER = /^\{(N|C|T:[^,}]*)(,(N|C|T:[^,}]*))*\} /;

interface Vector { mangled: string; expected: string }

function readVectors(file: string): Vector[] {
  const out: Vector[] = [];
  for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
    const at = line.indexOf('--->');
    if (at < 0) continue;
    const mangled = line.slice(0, at).replace(/ +$/, '');
    const expected = line.slice(at + 4).replace(/^ +/, '').replace(MARKER, '');
    out.push({ mangled, expected });
  }
  return out;
}

function rate(vectors: Vector[], style: DemangleStyle): { pass: number; total: number; failures: string[] } {
  const failures: string[] = [];
  let pass = 0;
  for (const v of vectors) {
    const got = demangle(v.mangled, { style });
    if (got === v.expected) pass++;
    else failures.push(`${v.mangled}\n    expected: ${v.expected}\n    got:      ${got}`);
  }
  return { pass, total: vectors.length, failures };
}

const pct = (r: { pass: number; total: number }): string =>
  `${r.pass}/${r.total} (${((100 * r.pass) / Math.max(1, r.total)).toFixed(1)}%)`;

describe.skipIf(!present)('Swift demangler conformance (shared/swift-demangle vectors)', () => {
  for (const [file, style] of [['manglings.txt', 'full'], ['simplified-manglings.txt', 'simplified'],
    ['manglings-with-clang-types.txt', 'full']] as const) {
    it(`${file} (${style}): crash-report subset ≥ 95% exact`, () => {
      const all = readVectors(file);
      const subset = all.filter((v) => !METADATA_INTERNALS.test(v.expected));
      const allRate = rate(all, style);
      const subRate = rate(subset, style);
      console.log(`[swift-conformance] ${file} ${style}: all ${pct(allRate)}; crash-report subset ${pct(subRate)}`);
      if (subRate.failures.length > 0) console.log(`[swift-conformance] subset failures:\n  ${subRate.failures.join('\n  ')}`);
      expect(all.length).toBeGreaterThan(0);
      expect(subRate.pass / subRate.total).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('never returns a partial result: failures come back exactly as given', () => {
    for (const v of readVectors('manglings.txt').filter((x) => x.expected === x.mangled)) {
      expect(demangle(v.mangled, { style: 'full' })).toBe(v.mangled);
    }
  });
});
