/**
 * paniclens as a library: the core. Everything exported here takes strings and bytes and uses no
 * Node API, so it also runs in a browser page (test/library/core-is-node-free.test.ts keeps it so).
 * Files, processes and the C++ demangler's WASM loader are in `paniclens/node` (src/node.ts).
 */
export * from './model/index.js';
export { ingestText, ingestBytes, detectForm, splitDocuments, decodeBytes } from './ingest/index.js';
export type { IngestResult, IngestError, DocumentContext } from './ingest/index.js';
export { diagnose, diagnoseReport, loadSignatureFile, loadSignatureSet, correlateIncidents, SIGNATURE_SCHEMA } from './diagnose/index.js';
export type { DiagnoseResult, CompiledSignature, Signature, SignatureError, LoadResult } from './diagnose/index.js';
export { renderJson, renderText, renderMarkdown, renderHtml, redactAnalysis, REPORT_SCHEMA_ID, headline } from './report/index.js';
export type { AnalysisResult, TextOptions, HtmlOptions, RedactionCategory } from './report/index.js';
export { lintDext, hasErrors, renderLint, lintToJson, FAMILIES } from './lint/index.js';
export type { DextInput, DextLintResult, Finding as LintFinding, Family, FamilyId, LintFormat } from './lint/index.js';
export { demangle, demangleReport, setCxxBackend, createGeckoCxxBackend } from './demangle/index.js';
export type { DemangleOptions, DemangleStyle, CxxBackend } from './demangle/index.js';
export { readMachO, SymbolTable } from './symbolicate/macho/index.js';
export type { MachOImage, MachOResult } from './symbolicate/macho/index.js';
export {
  codeTable, decodeMachError, decodeErrorText, decodeNumber, decodeException, decodeGuardCode, decodeResourceCode, decodeTerminationCode,
  decodeNamespace, decodeJetsamReason, decodeSignal, decodeSiCode, decodeSysextCode, decodePanic, codesInText, decodeReportCodes, TABLE_IDS, CODE_TABLE_SCHEMA,
} from './codes/index.js';
export type { CodeTable, CodeRow, Decoding, TableId } from './codes/index.js';
export { bucketOf, explainBucket, FINGERPRINT_VERSION, TriageAccumulator, buildTriageJson, mergeTriageDocuments, redactTriage, triageRedactor, baselineOf, summarizeReport, sharedSkipList, renderTriageMarkdown, renderTriageTable, renderTriageHtml, renderExplanation } from './triage/index.js';
export type { BucketKey, BucketExplanation, TriageDocument, TriageBucket, TriageIncident, TriageOptions, ReportSummary } from './triage/index.js';
