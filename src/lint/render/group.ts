// Groups a dext's findings by the file and personality they are about, for the text and md renderers.
import type { DextLintResult, Finding, Severity } from '../types.js';

export interface FindingGroup {
  /** "Info.plist › IOKitPersonalities › Name" style heading parts. */
  file: string;
  personality: string | null;
  findings: Finding[];
}

export function groupFindings(result: DextLintResult): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const f of result.findings) {
    const file = f.file ?? result.infoPlistPath;
    let g = groups.find((x) => x.file === file && x.personality === f.personality);
    if (!g) {
      g = { file, personality: f.personality, findings: [] };
      groups.push(g);
    }
    g.findings.push(f);
  }
  return groups;
}

export function countBySeverity(results: readonly DextLintResult[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity]++;
  return counts;
}

export function summaryLine(results: readonly DextLintResult[]): string {
  const c = countBySeverity(results);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info in ${plural(results.length, 'dext')}`;
}
