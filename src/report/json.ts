import type { Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { SCHEMA_VERSION, toJsonValue } from '../model/serialize.js';
import type { IngestError } from '../ingest/types.js';

export interface AnalysisResult {
  reports: Report[];
  incidents?: Incident[];
  errors?: IngestError[];
  /** Categories of personal data that --redact masked; every format lists them in a footer. */
  redactions?: string[];
}

/** Where the JSON Schema of this document is published; the same file ships in the package as schema/report.schema.json. */
export const REPORT_SCHEMA_ID = 'https://paniclens.dev/schemas/report.schema.json';

/** The JSON contract (README "JSON output"): schemaVersion, reports, incidents, errors. */
export function renderJson(result: AnalysisResult): string {
  const doc: Record<string, unknown> = {
    $schema: REPORT_SCHEMA_ID,
    schemaVersion: SCHEMA_VERSION,
    reports: result.reports.map((r) => toJsonValue(r)),
  };
  if (result.incidents) doc.incidents = toJsonValue(result.incidents);
  if (result.errors && result.errors.length > 0) doc.errors = result.errors;
  if (result.redactions && result.redactions.length > 0) doc.redactions = result.redactions;
  return `${JSON.stringify(doc, null, 2)}\n`;
}
