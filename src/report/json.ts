import type { Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { SCHEMA_VERSION, toJsonValue } from '../model/serialize.js';
import type { IngestError } from '../ingest/types.js';

export interface AnalysisResult {
  reports: Report[];
  incidents?: Incident[];
  errors?: IngestError[];
}

/** The JSON contract (README "JSON output"): schemaVersion, reports, incidents, errors. */
export function renderJson(result: AnalysisResult): string {
  const doc: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    reports: result.reports.map((r) => toJsonValue(r)),
  };
  if (result.incidents) doc.incidents = toJsonValue(result.incidents);
  if (result.errors && result.errors.length > 0) doc.errors = result.errors;
  return `${JSON.stringify(doc, null, 2)}\n`;
}
