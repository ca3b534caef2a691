/**
 * Truncated, mangled and hostile crash text never throws and never trips the parser's internal
 * safety net (which would add a "could not be read completely" warning).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { parseCrashText } from '../../../src/ingest/crash-text/index.js';
import { MAX_FRAMES } from '../../../src/ingest/crash-text/limits.js';
import type { Report } from '../../../src/model/report.js';
import { readRepo, repoFile } from './helpers.js';

const inputs = [
  'samples/crash-ios-arm64.crash',
  'samples/crash-macos-x86_64.crash',
  ...readdirSync(repoFile('test/fixtures/crash-text')).map((f) => `test/fixtures/crash-text/${f}`),
].map((rel) => readRepo(rel));

function parseChecked(text: string): Report {
  const r = parseCrashText(text, { path: 'fuzz', startLine: 1, documentIndex: 0 });
  expect(['crash', 'other', 'stackshot']).toContain(r.kind);
  expect(r.warnings.filter((w) => w.includes('could not be read completely'))).toEqual([]);
  for (const t of r.threads) expect(t.frames.length).toBeLessThanOrEqual(MAX_FRAMES);
  return r;
}

describe('crash text robustness', () => {
  it('never throws on any prefix of a sample or fixture', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: inputs.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (i, frac) => {
        const text = inputs[i] as string;
        parseChecked(text.slice(0, Math.floor(text.length * frac)));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when lines are deleted, duplicated, cut or joined', () => {
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      op: fc.constantFrom('delete', 'duplicate', 'cut', 'join', 'garbage'),
      junk: fc.string({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: inputs.length - 1 }), fc.array(edit, { maxLength: 12 }), (i, edits) => {
        const lines = (inputs[i] as string).split('\n');
        for (const e of edits) {
          const k = Math.floor(e.at * (lines.length - 1));
          const line = lines[k] ?? '';
          if (e.op === 'delete') lines.splice(k, 1);
          else if (e.op === 'duplicate') lines.splice(k, 0, line);
          else if (e.op === 'cut') lines[k] = line.slice(0, Math.floor(line.length / 2));
          else if (e.op === 'join') lines.splice(k, 2, `${line} ${lines[k + 1] ?? ''}`);
          else lines[k] = `${line.slice(0, 10)}${e.junk}${line.slice(10)}`;
        }
        parseChecked(lines.join('\n'));
      }),
      { numRuns: 300 },
    );
  });

  // Catastrophic backtracking would blow the test timeout; speed itself is measured in bench/.
  it('bounds work on hostile input: a 1 MB line is cut, 20 000 threads are capped', () => {
    const long = `Exception Type: ${'EXC_'.repeat(250_000)}\nThread 0 Crashed:\n0   ${' '.repeat(100_000)}0x1 ${'+ 1 ('.repeat(50_000)}\n`;
    const r = parseChecked(long);
    expect(r.warnings.some((w) => w.includes('over-long line'))).toBe(true);
    const threads = Array.from({ length: 20_000 }, (_, i) => `Thread ${i}:\n0   libfoo.dylib   0x1000 0x1000 + 0\n`).join('\n');
    const many = parseChecked(`Exception Type: EXC_CRASH (SIGABRT)\n${threads}`);
    expect(many.threads).toHaveLength(1000);
    expect(many.warnings).toContain('only the first 1000 threads were read');
  });
});
