// Runs every rule over one dext and orders the findings: errors first, then by rule and personality.
import { buildContext } from './context.js';
import { RULES } from './rules/index.js';
import type { DextInput, DextLintResult, Finding, Severity } from './types.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    a.rule.localeCompare(b.rule) ||
    (a.personality ?? '').localeCompare(b.personality ?? '') ||
    a.key.localeCompare(b.key)
  );
}

export function lintDext(input: DextInput): DextLintResult {
  const ctx = buildContext(input);
  const findings = RULES.flatMap((rule) => rule(ctx)).sort(compareFindings);
  return { infoPlistPath: input.infoPlist.path, bundleId: ctx.bundleId ?? null, findings, ...(input.sources ? { sources: input.sources } : {}) };
}

export function hasErrors(results: readonly DextLintResult[]): boolean {
  return results.some((r) => r.findings.some((f) => f.severity === 'error'));
}
