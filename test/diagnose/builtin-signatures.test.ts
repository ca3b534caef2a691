import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSignatureFile, loadSignatureSet } from '../../src/diagnose/load-signatures.js';
import { BUILTIN_SIGNATURE_DIR, COMPACT_SUFFIX, readSignatureFiles } from '../../src/diagnose/read-signatures.js';
import { repoRoot } from '../helpers/diagnose.js';

// Start-up skips validating a built-in signature file whose bytes equal the copy the build validated
// (dist/validated-signatures/, written by scripts/bundle-cli.mjs); anything else is validated as before.
describe('built-in signatures validated at build time', () => {
  it('the build leaves a validated copy of every built-in signature file, and the shipped files match them', () => {
    const dir = `${repoRoot}dist/validated-signatures/`;
    const { files, errors } = readSignatureFiles(BUILTIN_SIGNATURE_DIR, dir);
    expect(errors).toEqual([]);
    // Per file, its copy and its compact form (the same value: no spaces, ASCII only).
    const names = files.map((f) => f.name.slice(BUILTIN_SIGNATURE_DIR.length));
    expect(readdirSync(dir).sort()).toEqual([...names, ...names.map((n) => n.replace(/\.json$/, COMPACT_SUFFIX))].sort());
    expect(files.every((f) => f.validated === true)).toBe(true);
    for (const n of names) {
      const compact = readFileSync(join(dir, n.replace(/\.json$/, COMPACT_SUFFIX)), 'latin1');
      expect(/^[\x20-\x7e]*$/.test(compact)).toBe(true);
      expect(JSON.parse(compact)).toEqual(JSON.parse(readFileSync(join(BUILTIN_SIGNATURE_DIR, n), 'utf8')));
    }
  });

  it('reads a validated file from its compact form, and from the file itself when there is none', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'paniclens-sig-'));
    try {
      const validated = join(tmp, 'validated');
      const shipped = join(tmp, 'shipped');
      for (const d of [validated, shipped]) mkdirSync(d);
      const text = '{"signatures":[],"description":"caf\u00e9 \u2014 as written"}';
      writeFileSync(join(shipped, 'a.json'), text);
      writeFileSync(join(validated, 'a.json'), text);
      expect(readSignatureFiles(shipped, validated).files[0]).toEqual({ name: join(shipped, 'a.json'), value: JSON.parse(text), validated: true });
      // The compact form is what is parsed (a different value here shows which file was read).
      writeFileSync(join(validated, `a${COMPACT_SUFFIX}`), '{"signatures":[],"description":"caf\\u00e9 compact"}', 'latin1');
      expect(readSignatureFiles(shipped, validated).files[0]?.value).toEqual({ signatures: [], description: 'caf\u00e9 compact' });
      // An edited file is parsed as written, whatever the compact form says.
      writeFileSync(join(shipped, 'a.json'), text.replace('as written', 'edited'));
      expect(readSignatureFiles(shipped, validated).files[0]).toEqual({ name: join(shipped, 'a.json'), value: JSON.parse(text.replace('as written', 'edited')) });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
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
