// Reading lint fixtures the way the CLI does, and small finders over the results.
import { fileURLToPath } from 'node:url';
import { lintDext, type DextLintResult, type Finding } from '../../src/lint/index.js';
import { readDextInputs } from '../../src/lint/read-bundle.js';

export const lintFixtures = fileURLToPath(new URL('../fixtures/lint/', import.meta.url));
export const samples = fileURLToPath(new URL('../../samples/', import.meta.url));

export async function lintPath(path: string): Promise<DextLintResult[]> {
  const read = await readDextInputs(path);
  if (!read.ok) throw new Error(`${read.error.path}: ${read.error.reason}`);
  return read.dexts.map(lintDext);
}

export const all = (results: DextLintResult[]): Finding[] => results.flatMap((r) => r.findings);
export const ofRule = (results: DextLintResult[], rule: string): Finding[] => all(results).filter((f) => f.rule === rule);
export const errors = (results: DextLintResult[]): Finding[] => all(results).filter((f) => f.severity === 'error');
