/**
 * paniclens for Node (`import … from 'paniclens/node'`): the core plus the edges that need files
 * and processes: symbolication backends and symbol discovery, the built-in signature files, dext
 * bundles read from disk, and the C++ demangler's WASM loaded from node_modules.
 */
export * from './index.js';
export { symbolicateReports, Symbolicator, selectBackend, SYMBOLICATORS } from './symbolicate/index.js';
export type { SymbolicateOptions, SymbolicatorChoice, SymbolBackend, UnresolvedReason } from './symbolicate/index.js';
export { loadSignatures, builtinSignatures, readSignatureFiles, BUILTIN_SIGNATURE_DIR } from './diagnose/read-signatures.js';
export { readDextInputs } from './lint/read-bundle.js';
export { installNodeCxxBackend } from './demangle/cxx-node.js';
export { analyzeReports, type PipelineOptions, type PipelineResult } from './pipeline/analyze-reports.js';
export { runTriage, defaultJobs, type TriageRunOptions } from './triage/node/run-triage.js';
