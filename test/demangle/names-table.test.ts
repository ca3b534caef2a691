import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demangle } from '../../src/demangle/index.js';
import { installNodeCxxBackend } from '../../src/demangle/cxx-node.js';

/** The project's own table of names (test/fixtures/demangle/names.tsv: mangled, full, simplified). */
export function readNamesTable(): [string, string, string][] {
  const text = readFileSync(new URL('../fixtures/demangle/names.tsv', import.meta.url), 'utf8');
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string, string]);
}

describe('names table', () => {
  beforeAll(() => installNodeCxxBackend());
  const rows = readNamesTable();

  it('has at least 200 Swift and C++ names', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.filter(([m]) => /^_?\$s|^_T/.test(m)).length).toBeGreaterThan(100);
    expect(rows.filter(([m]) => /^_+Z/.test(m) && m.length > 3).length).toBeGreaterThan(40);
  });

  it('demangles every name in both styles exactly', () => {
    const wrong: string[] = [];
    for (const [mangled, full, simplified] of rows) {
      const f = demangle(mangled, { style: 'full' });
      const s = demangle(mangled, { style: 'simplified' });
      if (f !== full) wrong.push(`${mangled} full\n  expected ${full}\n  got      ${f}`);
      if (s !== simplified) wrong.push(`${mangled} simplified\n  expected ${simplified}\n  got      ${s}`);
    }
    expect(wrong).toEqual([]);
  });
});
