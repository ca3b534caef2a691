/** Edge: reads signatures/skip-frames.json and checks it against its schema (ajv) once per thread. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SkipList, type SkipFile } from '../skip-list.js';

export const SKIP_FRAMES_FILE = fileURLToPath(new URL('../../../signatures/skip-frames.json', import.meta.url));
export const SKIP_FRAMES_SCHEMA = fileURLToPath(new URL('../../../signatures/skip-frames.schema.json', import.meta.url));

let cached: SkipList | undefined;

/** Schema errors of a parsed skip file, as "pointer: message" lines (none when valid). */
export async function checkSkipFile(value: unknown): Promise<string[]> {
  const ajvModule = (await import('ajv')) as unknown as { default: { default?: unknown } };
  const Ajv = (ajvModule.default.default ?? ajvModule.default) as new (o: object) => { compile(s: unknown): ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } };
  const schema = JSON.parse(readFileSync(SKIP_FRAMES_SCHEMA, 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (validate(value)) {
    const errors: string[] = [];
    (value as SkipFile).frames.forEach((e, i) => {
      for (const key of ['image', 'symbol'] as const) {
        const pattern = e[key];
        if (pattern === undefined) continue;
        try {
          new RegExp(pattern);
        } catch (err) {
          errors.push(`/frames/${i}/${key}: not a valid regex (${(err as Error).message})`);
        }
      }
    });
    return errors;
  }
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/** The shipped skip list, validated; a broken file is an internal error (it ships with paniclens). */
export async function loadSkipList(): Promise<SkipList> {
  if (cached) return cached;
  const value = JSON.parse(readFileSync(SKIP_FRAMES_FILE, 'utf8')) as unknown;
  const errors = await checkSkipFile(value);
  if (errors.length > 0) throw new Error(`${SKIP_FRAMES_FILE}: ${errors.join('; ')}`);
  cached = new SkipList(value as SkipFile);
  return cached;
}
