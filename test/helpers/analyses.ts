import { readdirSync, readFileSync, statSync } from 'node:fs';
import { ingestBytes } from '../../src/ingest/index.js';
import type { Report } from '../../src/model/report.js';
import { analyzeReports } from '../../src/pipeline/analyze-reports.js';
import type { AnalysisResult } from '../../src/report/index.js';
import { corpusBytes, corpusManifest } from './corpus.js';
import { repoRoot } from './run-cli.js';

/** One `analyze` run as the renderers see it, named for test titles and output files. */
export interface NamedAnalysis {
  name: string;
  analysis: AnalysisResult;
}

/** The same pipeline as `analyze` (without symbolication, which needs tools and symbol files). */
export async function analyzeInputs(inputs: { path: string; bytes: Uint8Array }[]): Promise<AnalysisResult> {
  const parsed: Report[] = [];
  const errors: AnalysisResult['errors'] = [];
  for (const input of inputs) {
    const res = ingestBytes(input.bytes, input.path);
    parsed.push(...res.reports);
    errors.push(...res.errors);
  }
  const { reports, incidents } = await analyzeReports(parsed, { symbolicator: 'none' });
  return { reports, incidents, errors };
}

/** Every file in samples/ on its own, and every sample folder (the founding case) as one run. */
export async function sampleAnalyses(): Promise<NamedAnalysis[]> {
  const dir = `${repoRoot}samples/`;
  const out: NamedAnalysis[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = `samples/${name}`;
    if (statSync(`${repoRoot}${path}`).isDirectory()) {
      const files = readdirSync(`${repoRoot}${path}`).filter((f) => statSync(`${repoRoot}${path}/${f}`).isFile()).sort();
      out.push({ name, analysis: await analyzeInputs(files.map((f) => ({ path: `${path}/${f}`, bytes: new Uint8Array(readFileSync(`${repoRoot}${path}/${f}`)) }))) });
    } else {
      out.push({ name, analysis: await analyzeInputs([{ path, bytes: new Uint8Array(readFileSync(`${repoRoot}${path}`)) }]) });
    }
  }
  return out;
}

/** Every file of the third-party corpus on its own; empty when the corpus is absent. */
export async function corpusAnalyses(): Promise<NamedAnalysis[]> {
  const out: NamedAnalysis[] = [];
  for (const { file } of corpusManifest()) {
    out.push({ name: `corpus-${file}`, analysis: await analyzeInputs([{ path: file, bytes: corpusBytes(file) }]) });
  }
  return out;
}
