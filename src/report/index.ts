export { analysisDocument, renderJson, REPORT_SCHEMA_ID, type AnalysisResult } from './json.js';
export { renderText, type TextOptions } from './text.js';
export { renderMarkdown } from './markdown.js';
export { renderHtml, type HtmlOptions } from './html.js';
export { redactAnalysis, REDACTION_CATEGORIES, type RedactionCategory } from './redact.js';
export { headline, systemLine, keyFrames, frameLocation } from './describe.js';
