/**
 * Edge module: reads signature files from disk. The built-in folder is resolved relative to this
 * module (src/diagnose under vitest/tsx, dist/diagnose when built: both sit two levels below the package).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VALIDATED_BUILTIN_SIGNATURES } from './generated/builtin-signatures.js';
import { loadSignatureSet, type LoadResult } from './load-signatures.js';
import type { SignatureError } from './types.js';

export const BUILTIN_SIGNATURE_DIR = fileURLToPath(new URL('../../signatures/', import.meta.url));

/** Files in a signature folder that are not signature files. */
const NOT_SIGNATURES = new Set(['schema.json', 'expected-matches.json', 'corpus-diagnoses.json']);

export interface RawSignatureFile {
  name: string;
  value: unknown;
  /** These exact bytes passed the schema when the package was built (a built-in file as shipped). */
  validated?: boolean;
}

/** Parse every *.json signature file of a folder (or one file); unreadable or malformed JSON becomes an error. */
export function readSignatureFiles(dirOrFile: string, builtin = false): { files: RawSignatureFile[]; errors: SignatureError[] } {
  const files: RawSignatureFile[] = [];
  const errors: SignatureError[] = [];
  let paths: string[];
  try {
    paths = statSync(dirOrFile).isDirectory()
      ? readdirSync(dirOrFile).filter((f) => f.endsWith('.json') && !NOT_SIGNATURES.has(f)).sort().map((f) => join(dirOrFile, f))
      : [dirOrFile];
  } catch (err) {
    return { files, errors: [{ path: dirOrFile, pointer: '/', message: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((err as Error).message) }] };
  }
  if (paths.length === 0) errors.push({ path: dirOrFile, pointer: '/', message: 'no signature files (*.json) in this folder' });
  for (const p of paths) {
    try {
      const text = readFileSync(p, 'utf8');
      const value = JSON.parse(text) as unknown;
      files.push(builtin && isValidatedBuiltin(p, text) ? { name: p, value, validated: true } : { name: p, value });
    } catch (err) {
      errors.push({ path: p, pointer: '/', message: `not valid JSON: ${(err as Error).message}` });
    }
  }
  return { files, errors };
}

/**
 * A built-in file whose bytes hash to what was validated when generated/builtin-signatures.ts was
 * written: validating it again at every start would only repeat that (~20 ms). An edited file
 * hashes differently and is validated like a user's.
 */
function isValidatedBuiltin(path: string, text: string): boolean {
  const want = VALIDATED_BUILTIN_SIGNATURES[basename(path)];
  return want !== undefined && contentHash(text) === want;
}

/**
 * Two independent 53-bit string hashes (cyrb53) and the length: an edit that keeps all three is
 * not a practical possibility, and node:crypto would cost more start-up (~10 ms to load) than it saves.
 */
export function contentHash(text: string): string {
  const lane = (seed: number): number => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  };
  return `${text.length}-${lane(0).toString(16)}-${lane(0x9e3779b9).toString(16)}`;
}

let builtin: LoadResult | undefined;

/** The signatures shipped with paniclens, read once per process. */
export function builtinSignatures(): LoadResult {
  if (!builtin) {
    const raw = readSignatureFiles(BUILTIN_SIGNATURE_DIR, true);
    const res = loadSignatureSet(raw.files);
    builtin = { signatures: res.signatures, errors: [...raw.errors, ...res.errors] };
  }
  return builtin;
}

/** Built-in signatures plus a user's folders (same schema); a user signature replaces a built-in with the same id. */
export function loadSignatures(userDirs: string[] = []): LoadResult {
  if (userDirs.length === 0) return builtinSignatures();
  const raw = [readSignatureFiles(BUILTIN_SIGNATURE_DIR, true), ...userDirs.map((d) => readSignatureFiles(d))];
  const res = loadSignatureSet(raw.flatMap((r) => r.files));
  return { signatures: res.signatures, errors: [...raw.flatMap((r) => r.errors), ...res.errors] };
}
