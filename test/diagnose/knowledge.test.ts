import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { unsafePatternReason } from '../../src/diagnose/compile-rules.js';
import { skipLists, waits } from '../../src/diagnose/knowledge/index.js';

const dir = new URL('../../src/diagnose/knowledge/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

/** Every regex string in a knowledge file, with its JSON pointer. */
function patterns(value: unknown, at = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => patterns(v, `${at}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      typeof v === 'string' && ['pattern', 'symbols', 'bundleIds', 'logNames'].includes(k) ? [[`${at}/${k}`, v] as [string, string]] : patterns(v, `${at}/${k}`),
    );
  }
  return [];
}

describe.each([
  ['skip-frames.json', 'skip-frames.schema.json', ['systemImageNames', 'systemImagePaths', 'runtimeSymbols', 'signalPlumbingImages', 'kernelPanicSymbols']],
  ['waits.json', 'waits.schema.json', []],
])('knowledge file %s', (file, schema, regexLists) => {
  const data = read(file) as Record<string, unknown>;

  it('is valid against its schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(read(schema) as object);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });

  it('holds only regexes that compile and cannot backtrack catastrophically', () => {
    const all = [...patterns(data), ...regexLists.flatMap((k) => (data[k] as string[]).map((p, i) => [`/${k}/${i}`, p] as [string, string]))];
    expect(all.length).toBeGreaterThan(0);
    for (const [at, p] of all) {
      expect(() => new RegExp(p), at).not.toThrow();
      expect(unsafePatternReason(p), `${file}${at}: ${p}`).toBeUndefined();
    }
  });
});

describe('knowledge readers', () => {
  it('compile the skip lists the fault site and culprit use', () => {
    const s = skipLists();
    expect(s.systemImageNames.some((p) => p.test('libsystem_kernel.dylib'))).toBe(true);
    expect(s.systemImageNames.some((p) => p.test('libggml-base.0.9.5.dylib'))).toBe(false);
    expect(s.runtimeSymbols.some((p) => p.test('std::terminate()'))).toBe(true);
    expect(s.kernelPatchers.find((k) => k.bundleIds.test('as.vit9696.Lilu'))?.name).toBe('Lilu');
  });

  it('rank specific waits before the run loop', () => {
    const order = waits().map((w) => w.meaning);
    const runLoop = order.findIndex((m) => /run loop/.test(m));
    expect(order.findIndex((m) => /XPC/.test(m))).toBeLessThan(runLoop);
    expect(order.findIndex((m) => /lock/.test(m))).toBeLessThan(runLoop);
  });
});
