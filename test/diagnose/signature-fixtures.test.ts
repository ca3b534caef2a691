import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { diagnoseFiles, signatureFixtureDir } from '../helpers/diagnose.js';

const signatures = builtinSignatures().signatures.map((s) => s.signature);
const fixtures = readdirSync(signatureFixtureDir).filter((f) => !f.startsWith('.') && f.includes('.'));
const nearMisses = readdirSync(`${signatureFixtureDir}near-miss/`);
const idOf = (file: string): string => file.slice(0, file.indexOf('.'));

describe('every signature has a positive fixture that fires it', () => {
  it.each(signatures.map((s) => [s.id]))('%s', (id) => {
    const own = fixtures.filter((f) => idOf(f) === id);
    expect(own, `add test/fixtures/signatures/${id}.<ext>`).not.toHaveLength(0);
    for (const f of own) {
      const { reports } = diagnoseFiles([`${signatureFixtureDir}${f}`]);
      const ids = reports.flatMap((r) => r.diagnoses ?? []).map((d) => d.id);
      expect(ids, f).toContain(id);
      const d = reports.flatMap((r) => r.diagnoses ?? []).find((x) => x.id === id);
      expect(d?.evidence.some((e) => e.required)).toBe(true);
    }
  });
});

describe('near misses do not fire the signature they imitate', () => {
  it.each(nearMisses.map((f) => [f]))('%s', (f) => {
    const id = idOf(f);
    expect(signatures.map((s) => s.id)).toContain(id);
    const { reports } = diagnoseFiles([`${signatureFixtureDir}near-miss/${f}`]);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.flatMap((r) => r.diagnoses ?? []).map((d) => d.id)).not.toContain(id);
  });
});

describe('fixture names', () => {
  it('name an existing signature', () => {
    const ids = new Set(signatures.map((s) => s.id));
    expect(fixtures.map(idOf).filter((id) => !ids.has(id))).toEqual([]);
  });
});
