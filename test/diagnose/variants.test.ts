import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnoseFiles, signatureFixtureDir } from '../helpers/diagnose.js';

// test/fixtures/signatures/variants/<id>.<form>.<ext>: other shapes of evidence that must still make <id> the top cause.
const dir = `${signatureFixtureDir}variants/`;
describe('evidence variants rank their signature first', () => {
  it.each(readdirSync(dir).map((f) => [f]))('%s', (f) => {
    const { reports } = diagnoseFiles([`${dir}${f}`]);
    expect(reports[0]?.diagnoses?.[0]?.id).toBe(f.slice(0, f.indexOf('.')));
  });
});
