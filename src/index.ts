/**
 * paniclens as a library. The core (ingest, model, report) takes strings and bytes and uses no
 * Node API, so it also runs in a browser.
 */
export * from './model/index.js';
export { ingestText, ingestBytes, detectForm, splitDocuments, decodeBytes } from './ingest/index.js';
export type { IngestResult, IngestError, DocumentContext } from './ingest/index.js';
export { renderJson, renderText, headline } from './report/index.js';
export type { AnalysisResult, TextOptions } from './report/index.js';
export { lintDext, hasErrors, renderLint, lintToJson, FAMILIES } from './lint/index.js';
export type { DextInput, DextLintResult, Finding as LintFinding, Family, FamilyId, LintFormat } from './lint/index.js';
export { demangle, demangleReport, setCxxBackend, createGeckoCxxBackend } from './demangle/index.js';
export type { DemangleOptions, DemangleStyle, CxxBackend } from './demangle/index.js';
export { symbolicateReports, Symbolicator, selectBackend, SYMBOLICATORS } from './symbolicate/index.js';
export type { SymbolicateOptions, SymbolicatorChoice, SymbolBackend, UnresolvedReason } from './symbolicate/index.js';
export { readMachO, SymbolTable } from './symbolicate/macho/index.js';
export type { MachOImage, MachOResult } from './symbolicate/macho/index.js';
