import { readFileSync } from 'node:fs';
import { ingestText } from '../../../src/ingest/index.js';
import type { Report } from '../../../src/model/report.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/forms/${name}`, import.meta.url), 'utf8');
}

/** Ingest a fixture through the front door and return its one report. */
export function one(name: string): Report {
  const { reports, errors } = ingestText(fixture(name), name);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
  if (reports.length !== 1) throw new Error(`${name}: ${reports.length} reports`);
  return reports[0] as Report;
}
