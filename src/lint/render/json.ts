// The JSON contract: { findings: [...] } (each with rule, severity, personality, key, message, expected,
// plus consequence, file and bundleId), and one entry per linted dext (with the project sources used for it).
import type { DextLintResult } from '../types.js';
import { countBySeverity } from './group.js';

export function lintToJson(results: readonly DextLintResult[]): unknown {
  return {
    findings: results.flatMap((r) =>
      r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        personality: f.personality,
        key: f.key,
        message: f.message,
        expected: f.expected,
        consequence: f.consequence,
        file: f.file ?? r.infoPlistPath,
        bundleId: r.bundleId,
      })),
    ),
    dexts: results.map((r) => ({ infoPlist: r.infoPlistPath, bundleId: r.bundleId, counts: countBySeverity([r]), ...(r.sources ? { sources: r.sources } : {}) })),
    counts: countBySeverity(results),
  };
}

export function renderLintJson(results: readonly DextLintResult[]): string {
  return JSON.stringify(lintToJson(results), null, 2) + '\n';
}
