import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fileURLToPath } from 'node:url';

/**
 * schema/report.schema.json, compiled once: every analyze JSON the tests produce goes through
 * `expectValidReportJson` (runCli does it for `analyze --format json`), so the shipped schema
 * and the real output cannot drift apart.
 */
export const reportSchema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(reportSchema);

/** Schema violations of a parsed analyze document, as "instancePath message" lines. */
export function reportSchemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Parse analyze JSON and throw, naming each violation, unless it validates against the schema. */
export function expectValidReportJson(text: string, what = 'analyze JSON'): unknown {
  const doc = JSON.parse(text) as unknown;
  const errors = reportSchemaErrors(doc);
  if (errors.length > 0) throw new Error(`${what} does not validate against schema/report.schema.json:\n  ${errors.join('\n  ')}`);
  return doc;
}
