import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrettyJson } from '../../src/cli/json-stream.js';
import { ingestBytes } from '../../src/ingest/index.js';
import { toJsonValue } from '../../src/model/serialize.js';
import { analyzeReports } from '../../src/pipeline/analyze-reports.js';
import { analysisDocument, renderJson } from '../../src/report/json.js';
import { repoRoot } from '../helpers/run-cli.js';

function streamed(value: Record<string, unknown>, chunkChars?: number, member?: (v: unknown) => unknown): { text: string; chunks: number } {
  const parts: string[] = [];
  writePrettyJson(value, (c) => parts.push(c), chunkChars, member);
  return { text: parts.join(''), chunks: parts.length };
}

describe('writePrettyJson', () => {
  it('writes exactly what JSON.stringify(value, null, 2) gives, for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.integer({ min: 1, max: 64 }), (value, chunk) => {
        expect(streamed(value, chunk).text).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the triage document shape byte for byte: empty and nested arrays, strings with newlines, omitted undefined', () => {
    const doc = {
      $schema: 'x',
      summary: { files: 2, since: null, nested: { a: [1, { b: [] }] } },
      buckets: [{ id: 'a', examples: ['p\nq', 'é"\\'], kinds: {} }, { id: 'b', culprits: [] }],
      incidents: [],
      errors: [{ path: 'f', message: 'line one\nline two' }],
      skipped: undefined,
      members: [[], {}, null, 'text'],
    };
    expect(streamed(doc).text).toBe(JSON.stringify(doc, null, 2));
    expect(streamed({}).text).toBe('{}');
  });

  it('leaves out top-level values JSON leaves out (undefined, functions, symbols, toJSON giving undefined), and no others', () => {
    const doc = {
      a: undefined,
      f: () => 1,
      s: Symbol('s'),
      gone: { toJSON: () => undefined },
      kept: { toJSON: () => ({ x: 1 }) },
      date: new Date(0),
      n: null,
      list: [undefined, () => 1],
    };
    expect(streamed(doc).text).toBe(JSON.stringify(doc, null, 2));
    expect(streamed({ only: undefined }).text).toBe('{}');
  });

  it('gives a toJSON method of a top-level value its key, as JSON.stringify does', () => {
    const doc = { when: { toJSON: (key: string) => `key ${key}` }, list: [{ toJSON: () => 'x' }, 1] };
    expect(streamed(doc).text).toBe(JSON.stringify(doc, null, 2));
  });

  it('keeps arrays of members of very different sizes byte for byte across batch boundaries', () => {
    const members = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? { big: 'x'.repeat(500 + i), nested: [[i], { a: [] }] } : i % 3 === 0 ? [] : `m${i}`));
    for (const chunk of [1, 50, 333, 4096, 1 << 20]) expect(streamed({ a: 1, members, after: [members[0]] }, chunk).text).toBe(JSON.stringify({ a: 1, members, after: [members[0]] }, null, 2));
  });

  it('writes in pieces of about the chunk size, not in one string', () => {
    const members = Array.from({ length: 2000 }, (_, i) => ({ ref: `/reports/${i}.ips`, keys: ['com.example.app'], diagnoses: [{ id: 'd', confidence: 0.5 }] }));
    const { text, chunks } = streamed({ members }, 4096);
    expect(text).toBe(JSON.stringify({ members }, null, 2));
    expect(chunks).toBeGreaterThan(text.length / 8192);
  });

  it('with toJsonValue for each member, writes the analyze document renderJson gives (bigints, incidents, errors)', async () => {
    const files = ['crash-macos-arm64.ips', 'panic-applesilicon.ips', 'panic-intel.panic', 'founding-case/dext-crash.ips', 'founding-case/kernel.log'];
    const ingested = files.map((f) => ingestBytes(new Uint8Array(readFileSync(join(repoRoot, 'samples', f))), f));
    const { reports, incidents } = await analyzeReports(ingested.flatMap((i) => i.reports), { symbolicator: 'none' });
    expect(incidents.length).toBeGreaterThan(0);
    const errors = [{ path: 'bad.ips', message: 'empty input' }];
    const whole = renderJson({ reports, incidents, errors });
    expect(whole).toContain('"0x');
    for (const chunk of [64, 4096, 1 << 20]) expect(`${streamed(analysisDocument({ reports, incidents, errors }), chunk, toJsonValue).text}\n`).toBe(whole);
  });
});
