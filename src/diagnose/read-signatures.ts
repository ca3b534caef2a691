/**
 * Edge module: reads signature files from disk. The built-in folder is resolved relative to this
 * module (src/diagnose under vitest/tsx, dist/diagnose when built: both sit two levels below the package).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSignatureSet, type LoadResult } from './load-signatures.js';
import type { SignatureError } from './types.js';

export const BUILTIN_SIGNATURE_DIR = fileURLToPath(new URL('../../signatures/', import.meta.url));
/**
 * Copies of the built-in files that scripts/bundle-cli.mjs validated (and compiled) at build time,
 * in dist/ only: a built-in file with the same bytes is not validated again at every start (~20 ms).
 * An edited file differs from its copy and is validated like a user's; without the folder (running
 * from src/) every file is validated.
 */
export const VALIDATED_SIGNATURE_DIR = fileURLToPath(new URL('../validated-signatures/', import.meta.url));

/**
 * Suffix of the compact form the build writes beside each validated copy (X.json -> X.compact.json):
 * the same value as JSON without spaces, every non-ASCII character escaped.
 */
export const COMPACT_SUFFIX = '.compact.json';

/** Files in a signature folder that are not signature files. */
const NOT_SIGNATURES = new Set(['schema.json', 'expected-matches.json', 'corpus-diagnoses.json']);

export interface RawSignatureFile {
  name: string;
  value: unknown;
  /** These exact bytes passed the schema when the package was built (a built-in file as shipped). */
  validated?: boolean;
}

/**
 * Parse every *.json signature file of a folder (or one file); unreadable or malformed JSON becomes
 * an error. A file whose bytes equal its namesake in `validatedDir` is marked validated.
 */
export function readSignatureFiles(dirOrFile: string, validatedDir?: string): { files: RawSignatureFile[]; errors: SignatureError[] } {
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
      const bytes = readFileSync(p);
      const copy = validatedDir === undefined ? undefined : join(validatedDir, basename(p));
      if (copy !== undefined && sameAsValidated(bytes, copy)) {
        files.push({ name: p, value: compactOf(copy) ?? (JSON.parse(bytes.toString('utf8')) as unknown), validated: true });
      } else {
        files.push({ name: p, value: JSON.parse(bytes.toString('utf8')) as unknown });
      }
    } catch (err) {
      errors.push({ path: p, pointer: '/', message: `not valid JSON: ${(err as Error).message}` });
    }
  }
  return { files, errors };
}

function sameAsValidated(bytes: Buffer, copy: string): boolean {
  try {
    return bytes.equals(readFileSync(copy));
  } catch {
    return false;
  }
}

/**
 * The value of a validated copy from its compact form (COMPACT_SUFFIX): ASCII text read as latin1
 * parses as one-byte text, about a third cheaper than decoding and parsing the file as written.
 * Undefined when there is none (the caller parses the file itself).
 */
function compactOf(copy: string): unknown {
  let text: string;
  try {
    text = readFileSync(`${copy.slice(0, -'.json'.length)}${COMPACT_SUFFIX}`, 'latin1');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as unknown;
}

let builtin: LoadResult | undefined;

/** The signatures shipped with paniclens, read once per process. */
export function builtinSignatures(): LoadResult {
  if (!builtin) {
    const raw = readSignatureFiles(BUILTIN_SIGNATURE_DIR, VALIDATED_SIGNATURE_DIR);
    const res = loadSignatureSet(raw.files);
    builtin = { signatures: res.signatures, errors: [...raw.errors, ...res.errors] };
  }
  return builtin;
}

/** Built-in signatures plus a user's folders (same schema); a user signature replaces a built-in with the same id. */
export function loadSignatures(userDirs: string[] = []): LoadResult {
  if (userDirs.length === 0) return builtinSignatures();
  const raw = [readSignatureFiles(BUILTIN_SIGNATURE_DIR, VALIDATED_SIGNATURE_DIR), ...userDirs.map((d) => readSignatureFiles(d))];
  const res = loadSignatureSet(raw.flatMap((r) => r.files));
  return { signatures: res.signatures, errors: [...raw.flatMap((r) => r.errors), ...res.errors] };
}
