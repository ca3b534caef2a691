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
  return `${JSON.stringify(toJsonValue(analysisDocument(result)), null, 2)}\n`;
}

/**
 * The document renderJson prints, with its reports and incidents as they are in memory (bigints,
 * Maps): toJsonValue makes any part of it plain JSON. A writer can serialise it a member at a time,
 * never holding a plain copy of every report nor the whole text.
 */
export function analysisDocument(result: AnalysisResult): Record<string, unknown> {
  const doc: Record<string, unknown> = { $schema: REPORT_SCHEMA_ID, schemaVersion: SCHEMA_VERSION, reports: result.reports };
  if (result.incidents) doc.incidents = result.incidents;
  if (result.errors && result.errors.length > 0) doc.errors = result.errors;
  if (result.redactions && result.redactions.length > 0) doc.redactions = result.redactions;
  return doc;
}
