/**
 * The page's pipeline, the same stages as `paniclens analyze` (src/pipeline/analyze-reports.ts) without its Node
 * edges: ingest every log and the pasted text → symbolicate with the dropped Mach-O files → demangle → diagnose and
 * correlate incidents across all inputs → join lint findings of dropped dexts. Browser-safe: bytes in, model out.
 */
import { demangleReport } from '../demangle/index.js';
import { diagnose } from '../diagnose/index.js';
import type { CompiledSignature } from '../diagnose/compile-rules.js';
import { withLintEvidence } from '../diagnose/lint-evidence.js';
import { ingestBytes, ingestText } from '../ingest/index.js';
import { lintDext, type DextLintResult } from '../lint/index.js';
import type { Report } from '../model/report.js';
import type { AnalysisResult } from '../report/json.js';
import { readDextFiles } from './dext.js';
import { sortFiles, type PageError, type PageFile } from './files.js';
import { MemorySymbols, type SymbolFileInfo } from './symbols.js';

/** The name a paste gets in reports and messages. */
export const PASTE_PATH = 'pasted text';

/** What happened to each input, for the page's list of inputs. */
export type InputNote =
  | { path: string; role: 'log'; reports: number }
  | { path: string; role: 'symbols'; info: SymbolFileInfo }
  | { path: string; role: 'dext'; bundleIds: (string | null)[]; findings: number }
  | { path: string; role: 'error'; message: string };

export interface PageAnalysis {
  analysis: AnalysisResult;
  lint: DextLintResult[];
  notes: InputNote[];
  /** Every input that could not be used (also in analysis.errors when it was a log). */
  errors: PageError[];
}

export interface PageInput {
  files: PageFile[];
  paste?: string;
  /** Files the page could not even read (the browser's reason). */
  unreadable?: PageError[];
}

export async function analyzePage(input: PageInput, signatures: CompiledSignature[]): Promise<PageAnalysis> {
  const notes: InputNote[] = [];
  const errors: PageError[] = [...(input.unreadable ?? [])];
  const sorted = sortFiles(input.files);

  const symbols = new MemorySymbols();
  for (const f of sorted.machO) {
    const r = symbols.add(f);
    if ('message' in r) errors.push(r);
    else notes.push({ path: f.path, role: 'symbols', info: r });
  }

  const lint: DextLintResult[] = [];
  for (const [root, files] of sorted.dexts) {
    const read = readDextFiles(root, files);
    if (!read.ok) {
      errors.push(read.error);
      continue;
    }
    const results = read.dexts.map(lintDext);
    lint.push(...results);
    notes.push({ path: root || files[0]!.path, role: 'dext', bundleIds: results.map((r) => r.bundleId), findings: results.reduce((n, r) => n + r.findings.length, 0) });
  }

  const parsed: Report[] = [];
  const logErrors: PageError[] = [];
  const ingested = [
    ...(input.paste !== undefined && input.paste.trim() !== '' ? [{ path: PASTE_PATH, result: ingestText(input.paste, PASTE_PATH) }] : []),
    ...sorted.logs.map((f) => ({ path: f.path, result: ingestBytes(f.bytes, f.path) })),
  ];
  for (const { path, result } of ingested) {
    parsed.push(...result.reports);
    logErrors.push(...result.errors.map((e) => ({ path: e.path, message: e.message })));
    if (result.reports.length > 0) notes.push({ path, role: 'log', reports: result.reports.length });
  }
  errors.push(...logErrors);

  const symbolicated = await symbolicateSafely(symbols, parsed, errors);
  for (const e of errors) notes.push({ path: e.path, role: 'error', message: e.message });
  const reports = symbolicated.map((r) => demangleReport(r));
  const { incidents } = diagnose(reports, signatures);
  const joined = lint.length > 0 ? withLintEvidence({ reports, incidents }, lint) : { reports, incidents };
  return { analysis: { reports: joined.reports, incidents: joined.incidents ?? [], errors: logErrors }, lint, notes, errors };
}

/** A symbol file that breaks the reader mid-way must not cost the user the report: keep the unsymbolicated one. */
async function symbolicateSafely(symbols: MemorySymbols, reports: Report[], errors: PageError[]): Promise<Report[]> {
  try {
    return await symbols.symbolicate(reports);
  } catch (e) {
    errors.push({ path: 'symbolication', message: e instanceof Error ? e.message : String(e) });
    return reports;
  }
}
