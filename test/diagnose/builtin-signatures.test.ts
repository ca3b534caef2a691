import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSignatureSet } from '../../src/diagnose/load-signatures.js';
import { BUILTIN_SIGNATURE_DIR, builtinSignatures, readSignatureFiles } from '../../src/diagnose/read-signatures.js';
import { renderBuiltinSignaturesSource } from '../../scripts/signature-validator-source.js';
import { repoRoot } from '../helpers/diagnose.js';

// Start-up skips validating the built-in signature files whose bytes validated when
// generated/builtin-signatures.ts was written; anything else is validated as before.
describe('built-in signatures validated at build time', () => {
  it('src/diagnose/generated/builtin-signatures.ts is up to date (npm run signatures:schema)', () => {
    expect(readFileSync(`${repoRoot}src/diagnose/generated/builtin-signatures.ts`, 'utf8')).toBe(renderBuiltinSignaturesSource());
  });

  it('the shipped files are recognised as validated, and load with no error', () => {
    const { files, errors } = readSignatureFiles(BUILTIN_SIGNATURE_DIR, true);
    expect(errors).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.every((f) => f.validated === true)).toBe(true);
    const { signatures, errors: loadErrors } = builtinSignatures();
    expect(loadErrors).toEqual([]);
    expect(signatures.length).toBeGreaterThan(20);
  });

  it('the same set loads from validated and from freshly validated files', () => {
    const { files } = readSignatureFiles(BUILTIN_SIGNATURE_DIR, true);
    const trusted = loadSignatureSet(files);
    const checked = loadSignatureSet(files.map(({ name, value }) => ({ name, value })));
    expect(checked.errors).toEqual([]);
    expect(trusted.signatures.map((s) => [s.signature.id, s.origin, s.pointer])).toEqual(checked.signatures.map((s) => [s.signature.id, s.origin, s.pointer]));
  });

  it('an edited file with a built-in name is validated again, and its errors reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-sig-'));
    try {
      const original = readFileSync(join(BUILTIN_SIGNATURE_DIR, 'app-crash.json'), 'utf8');
      const edited = JSON.parse(original) as { signatures: Record<string, unknown>[] };
      (edited.signatures[0] as Record<string, unknown>).confidence = 7;
      writeFileSync(join(dir, 'app-crash.json'), JSON.stringify(edited));
      const { files } = readSignatureFiles(dir, true);
      expect(files[0]?.validated).toBeUndefined();
      const res = loadSignatureSet(files);
      expect(res.errors.some((e) => e.pointer === '/signatures/0/confidence')).toBe(true);
      // The same bytes as shipped are trusted wherever they are read from.
      writeFileSync(join(dir, 'app-crash.json'), original);
      expect(readSignatureFiles(dir, true).files[0]?.validated).toBe(true);
      expect(readSignatureFiles(dir).files[0]?.validated).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
