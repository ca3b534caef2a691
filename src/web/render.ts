/**
 * The report as the page shows and exports it: the report stage's own renderers (HTML live in the page, Markdown
 * and JSON a click away, HTML as a file), after the report stage's redaction when the switch is on. Imported module
 * by module, not through src/report/index.ts, so the terminal renderer and its table library stay out of the bundle.
 */
import { renderHtml } from '../report/html.js';
import { renderJson, type AnalysisResult } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { redactAnalysis } from '../report/redact.js';

export type ExportFormat = 'html' | 'markdown' | 'json';

export const RENDERERS: Record<ExportFormat, (a: AnalysisResult) => string> = {
  html: (a) => renderHtml(a),
  markdown: renderMarkdown,
  json: renderJson,
};

/** The analysis as shown and exported: redacted (same placeholders in every format) when asked. */
export function shown(a: AnalysisResult, redact: boolean): AnalysisResult {
  return redact ? redactAnalysis(a) : a;
}
