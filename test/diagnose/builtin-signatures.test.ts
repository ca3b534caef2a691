import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSignatureFile, loadSignatureSet } from '../../src/diagnose/load-signatures.js';
import { BUILTIN_SIGNATURE_DIR, readSignatureFiles } from '../../src/diagnose/read-signatures.js';
import { repoRoot } from '../helpers/diagnose.js';

// Start-up skips validating a built-in signature file whose bytes equal the copy the build validated
// (dist/validated-signatures/, written by scripts/bundle-cli.mjs); anything else is validated as before.
describe('built-in signatures validated at build time', () => {
  it('the build leaves a validated copy of every built-in signature file, and the shipped files match them', () => {
    const dir = `${repoRoot}dist/validated-signatures/`;
    const { files, errors } = readSignatureFiles(BUILTIN_SIGNATURE_DIR, dir);
    expect(errors).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name.slice(BUILTIN_SIGNATURE_DIR.length)).sort());
    expect(files.every((f) => f.validated === true)).toBe(true);
  });

  it('loads the same set from validated files as when validating them again', () => {
    const { files } = readSignatureFiles(BUILTIN_SIGNATURE_DIR, `${repoRoot}dist/validated-signatures/`);
    const trusted = loadSignatureSet(files);
    const checked = loadSignatureSet(files.map(({ name, value }) => ({ name, value })));
    expect(checked.errors).toEqual([]);
    expect(trusted.errors).toEqual([]);
    expect(trusted.signatures.map((s) => [s.signature.id, s.origin, s.pointer])).toEqual(checked.signatures.map((s) => [s.signature.id, s.origin, s.pointer]));
  });

  it('checks pattern safety unless the file was validated (at build time, where an unsafe pattern fails the build)', () => {
    const value = JSON.parse(readFileSync(join(BUILTIN_SIGNATURE_DIR, 'app-crash.json'), 'utf8')) as { signatures: { match: { all?: Record<string, unknown>[] } }[] };
    const leaf = value.signatures.flatMap((s) => s.match.all ?? []).find((r) => typeof r.pattern === 'string');
    expect(leaf).toBeDefined();
    (leaf as Record<string, unknown>).pattern = '(a+)+b';
    const unsafe = (errors: { message: string }[]) => errors.filter((e) => e.message.includes('nested quantifier')).length;
    expect(unsafe(loadSignatureFile(value, 'edited.json').errors)).toBe(1);
    expect(unsafe(loadSignatureFile(value, 'edited.json', true).errors)).toBe(0);
  });

  it('validates a file whose bytes differ from its validated copy, and reports its errors', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'paniclens-sig-'));
    try {
      const validated = join(tmp, 'validated');
      const edited = join(tmp, 'edited');
      for (const d of [validated, edited]) mkdirSync(d);
      const original = readFileSync(join(BUILTIN_SIGNATURE_DIR, 'app-crash.json'), 'utf8');
      copyFileSync(join(BUILTIN_SIGNATURE_DIR, 'app-crash.json'), join(validated, 'app-crash.json'));
      const value = JSON.parse(original) as { signatures: Record<string, unknown>[] };
      (value.signatures[0] as Record<string, unknown>).confidence = 7;
      writeFileSync(join(edited, 'app-crash.json'), JSON.stringify(value));
      const { files } = readSignatureFiles(edited, validated);
      expect(files[0]?.validated).toBeUndefined();
      expect(loadSignatureSet(files).errors.some((e) => e.pointer === '/signatures/0/confidence')).toBe(true);
      // The same bytes as the validated copy are trusted; with no copy, or no folder of copies, nothing is.
      writeFileSync(join(edited, 'app-crash.json'), original);
      expect(readSignatureFiles(edited, validated).files[0]?.validated).toBe(true);
      expect(readSignatureFiles(edited, join(tmp, 'none')).files[0]?.validated).toBeUndefined();
      expect(readSignatureFiles(edited).files[0]?.validated).toBeUndefined();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
