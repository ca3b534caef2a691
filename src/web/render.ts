/** The report as the page shows it (HTML), and the two exports a click away (Markdown, JSON). */
import { renderJson, type AnalysisResult } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderFallbackHtml } from './fallback-html.js';

export function reportHtml(a: AnalysisResult): string {
  return renderFallbackHtml(a);
}

export const exports = {
  markdown: (a: AnalysisResult): string => renderMarkdown(a),
  json: (a: AnalysisResult): string => renderJson(a),
};
