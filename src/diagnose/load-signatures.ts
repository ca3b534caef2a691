/**
 * The core loader: parsed JSON in, validated and compiled signatures out. No file system here;
 * src/diagnose/read-signatures.ts reads the folders. Errors are values with a path, a JSON
 * pointer and the broken rule.
 */
import { validate } from './generated/signature-validator.js';
import { compileSignature, type CompiledSignature } from './compile-rules.js';
import type { SignatureError, SignatureFile } from './types.js';

export interface LoadResult {
  signatures: CompiledSignature[];
  errors: SignatureError[];
}

interface AjvError {
  instancePath: string;
  schemaPath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/**
 * Validate one parsed signature file; `name` is how errors refer to it (its path). `validated`
 * says the caller knows these exact contents passed the schema and the pattern-safety checks
 * already (the built-in files, checked when the package was built): neither is run again.
 */
export function loadSignatureFile(value: unknown, name: string, validated = false): LoadResult {
  const check = validate as ValidateFn;
  if (!validated && !check(value)) {
    return { signatures: [], errors: simplify(check.errors ?? [], value).map((e) => ({ path: name, pointer: e.instancePath || '/', message: describe(e) })) };
  }
  const file = value as SignatureFile;
  const errors: SignatureError[] = [];
  const signatures: CompiledSignature[] = [];
  file.signatures.forEach((sig, i) => {
    const compiled = compileSignature(sig, name, `/signatures/${i}`, errors, validated);
    if (compiled) signatures.push(compiled);
  });
  return { signatures, errors };
}

/**
 * Load several files into one set. A later file's signature replaces an earlier one with the same
 * id (so a user's --signatures folder can override a built-in); a repeated id within one file is an error.
 */
export function loadSignatureSet(files: { name: string; value: unknown; validated?: boolean }[]): LoadResult {
  const byId = new Map<string, CompiledSignature>();
  const errors: SignatureError[] = [];
  for (const f of files) {
    const res = loadSignatureFile(f.value, f.name, f.validated === true);
    errors.push(...res.errors);
    const seen = new Set<string>();
    res.signatures.forEach((s) => {
      const id = s.signature.id;
      if (seen.has(id)) {
        errors.push({ path: f.name, pointer: `${s.pointer}/id`, message: `duplicate id "${id}" in this file` });
        return;
      }
      seen.add(id);
      byId.set(id, s);
    });
  }
  return { signatures: [...byId.values()], errors };
}

/** Keys that say which branch of the rule union (leaf | {all} | {any}) an object meant to be. */
const BRANCH_KEYS: Record<string, string[]> = { field: ['field', 'pattern', 'flags', 'lt'], all: ['all'], any: ['any'] };

/**
 * With allErrors, a oneOf failure reports every branch. Keep the branch the object meant (it has
 * `field`, `all` or `any`) and drop the other branches' complaints about it.
 */
function simplify(errors: AjvError[], root: unknown): AjvError[] {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const kept = specific.filter((e) => !isOtherBranchNoise(e, at(root, e.instancePath)));
  const seen = new Set<string>();
  return kept
    .filter((e) => {
      const key = `${e.instancePath} ${describe(e)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 20);
}

function isOtherBranchNoise(e: AjvError, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const meant = Object.keys(BRANCH_KEYS).find((k) => k in value);
  if (!meant) return false;
  const own = BRANCH_KEYS[meant] as string[];
  if (e.keyword === 'required') return ['field', 'all', 'any'].includes(String(e.params.missingProperty)) && !own.includes(String(e.params.missingProperty));
  if (e.keyword === 'additionalProperties') return own.includes(String(e.params.additionalProperty));
  return false;
}

/** The value at a JSON pointer. */
function at(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function listed(values: unknown): string {
  const all = Array.isArray(values) ? values.map((v) => JSON.stringify(v)) : [];
  return all.length > 12 ? `${all.slice(0, 12).join(', ')}, … (${all.length} values; see signatures/schema.json)` : all.join(', ');
}

function describe(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(p.additionalProperty)}"`;
    case 'required':
      return `missing required property "${String(p.missingProperty)}"`;
    case 'enum':
      return `must be one of ${listed(p.allowedValues)}`;
    default:
      return `${e.keyword}: ${e.message ?? 'invalid'}`;
  }
}
