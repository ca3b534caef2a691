// Lint renderers by format name.
import type { DextLintResult } from '../types.js';
import { renderLintJson } from './json.js';
import { renderLintMarkdown } from './markdown.js';
import { renderLintText } from './text.js';

export type LintFormat = 'text' | 'json' | 'md';
export const LINT_FORMATS: readonly LintFormat[] = ['text', 'json', 'md'];

export function renderLint(results: readonly DextLintResult[], format: LintFormat): string {
  if (format === 'json') return renderLintJson(results);
  if (format === 'md') return renderLintMarkdown(results);
  return renderLintText(results);
}

export { lintToJson } from './json.js';
