// Markdown lint output, shaped for pasting into a bug report or a pull request.
import type { DextLintResult } from '../types.js';
import { summaryLine } from './group.js';

/** Table cells cannot hold pipes or newlines. */
const cell = (s: string | null): string => (s === null ? '' : s.replace(/\|/g, '\\|').replace(/\n/g, ' '));
const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';

export function renderLintMarkdown(results: readonly DextLintResult[]): string {
  const out: string[] = ['## paniclens lint', '', summaryLine(results), ''];
  for (const r of results) {
    out.push(`### ${code(r.infoPlistPath)}${r.bundleId ? ` (${code(r.bundleId)})` : ''}`, '');
    if (r.findings.length === 0) {
      out.push('No findings.', '');
      continue;
    }
    out.push('| Rule | Severity | Personality | Key | Problem | Expected | Consequence |', '|---|---|---|---|---|---|---|');
    for (const f of r.findings) {
      out.push(`| ${f.rule} | ${f.severity} | ${cell(f.personality ?? '(bundle)')} | ${code(f.key)} | ${cell(f.message)} | ${f.expected === null ? '' : code(f.expected)} | ${cell(f.consequence)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
