import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { fileURLToPath } from 'node:url';

/**
 * schema/report.schema.json and schema/triage.schema.json, compiled once: every analyze and triage
 * JSON the tests produce goes through `expectValidReportJson` / `expectValidTriageJson` (runCli does
 * it for `analyze` and `triage --format json`), so the shipped schemas and the real output cannot
 * drift apart.
 */
const readSchema = (name: string): Record<string, unknown> => JSON.parse(readFileSync(fileURLToPath(new URL(`../../schema/${name}`, import.meta.url)), 'utf8')) as Record<string, unknown>;
export const reportSchema = readSchema('report.schema.json');
export const triageSchema = readSchema('triage.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validateReport = ajv.compile(reportSchema);
const validateTriage = ajv.compile(triageSchema);

function errorsOf(validate: ValidateFunction, doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Schema violations of a parsed analyze document, as "instancePath message" lines. */
export function reportSchemaErrors(doc: unknown): string[] {
  return errorsOf(validateReport, doc);
}

/** Schema violations of a parsed triage document, as "instancePath message" lines. */
export function triageSchemaErrors(doc: unknown): string[] {
  return errorsOf(validateTriage, doc);
}

/** Parse analyze JSON and throw, naming each violation, unless it validates against the schema. */
export function expectValidReportJson(text: string, what = 'analyze JSON'): unknown {
  const doc = JSON.parse(text) as unknown;
  const errors = reportSchemaErrors(doc);
  if (errors.length > 0) throw new Error(`${what} does not validate against schema/report.schema.json:\n  ${errors.join('\n  ')}`);
  return doc;
}

/**
 * Throw, naming each violation, unless a triage document (the JSON text, or the object as
 * buildTriageJson returns it, compared through JSON as a reader sees it) validates against the schema.
 */
export function expectValidTriageJson<T>(doc: T | string, what = 'triage JSON'): T {
  const value = JSON.parse(typeof doc === 'string' ? doc : JSON.stringify(doc)) as T;
  const errors = triageSchemaErrors(value);
  if (errors.length > 0) throw new Error(`${what} does not validate against schema/triage.schema.json:\n  ${errors.join('\n  ')}`);
  return value;
}
