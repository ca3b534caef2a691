// Plain-text lint output for terminals: one block per file/personality, one finding per entry.
import type { DextLintResult } from '../types.js';
import { groupFindings, summaryLine } from './group.js';

const SEVERITY_WORD = { error: 'error', warning: 'warn ', info: 'info ' } as const;

export function renderLintText(results: readonly DextLintResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.infoPlistPath}${r.bundleId ? ` (${r.bundleId})` : ''}`);
    if (r.findings.length === 0) lines.push('  no findings');
    for (const g of groupFindings(r)) {
      const where = g.personality === null ? g.file : `${g.file} › IOKitPersonalities › ${g.personality}`;
      lines.push(`  ${where}`);
      for (const f of g.findings) {
        const pad = ' '.repeat(13);
        lines.push(`    ${f.rule} ${SEVERITY_WORD[f.severity]}  ${f.message}`);
        if (f.expected !== null) lines.push(`    ${pad}expected: ${f.expected}`);
        lines.push(`    ${pad}because:  ${f.consequence}`);
      }
    }
    lines.push('');
  }
  lines.push(summaryLine(results));
  return lines.join('\n') + '\n';
}
