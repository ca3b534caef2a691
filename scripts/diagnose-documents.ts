/**
 * The documents of the samples, fixtures and corpus, diagnosed the way `analyze` does (ingest,
 * demangle, diagnose). Shared by `npm run signatures:check` and the corpus diagnosis-table test.
 */
import { readFileSync } from 'node:fs';
import { ingestBytes } from '../src/ingest/index.js';
import { demangleReport } from '../src/demangle/index.js';
import { installNodeCxxBackend } from '../src/demangle/cxx-node.js';
import { diagnoseReport } from '../src/diagnose/index.js';
import { builtinSignatures } from '../src/diagnose/read-signatures.js';
import type { Diagnosis } from '../src/model/diagnosis.js';
import type { Report } from '../src/model/report.js';

export interface DiagnosedDocument {
  /** File key, with "#<n>" when the file holds several reports. */
  key: string;
  report: Report;
}

let cxxInstalled = false;

/** Every report of one file, diagnosed; keys are `key` or `key#n`. */
export function diagnoseFile(file: string, key: string): DiagnosedDocument[] {
  if (!cxxInstalled) {
    installNodeCxxBackend();
    cxxInstalled = true;
  }
  const { reports } = ingestBytes(new Uint8Array(readFileSync(file)), key);
  const sigs = builtinSignatures().signatures;
  return reports.map((r, i) => {
    const report = demangleReport(r);
    report.diagnoses = diagnoseReport(report, sigs);
    return { key: reports.length > 1 ? `${key}#${i}` : key, report };
  });
}

/** A diagnosis id as the reviewed tables write it: generic ones prefixed "~". */
export const tableId = (d: Diagnosis | undefined): string => (d ? (d.generic ? `~${d.id}` : d.id) : '(none)');

/** The reviewed corpus diagnosis table (signatures/corpus-diagnoses.json). */
export interface CorpusDiagnosisTable {
  description?: string;
  /** Corpus document key → its top diagnosis id, and for a generic one why nothing more can be said. */
  documents: Record<string, { top: string; why?: string }>;
}
