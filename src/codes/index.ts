/**
 * Code dictionaries (codes/*.json, CODES.md): a leaf that ingest/, diagnose/ and report/ use to turn
 * numbers and names in reports into symbolic names and meanings. Core code: no Node API.
 */
export { TABLE_IDS, CODE_TABLE_SCHEMA, type TableId } from './code-schema.js';
export { codeTable, bitsOf, type CodeTable, type CodeRow, type BitField } from './tables.js';
export { parseCodeNumber, numberForms, type ParsedNumber, type NumberForm } from './number.js';
export type { Decoding } from './decoded.js';
export { decodeMachError, decodeErrorText, decodeNumber } from './mach-error.js';
export { decodeException, exceptionTypeRow, decodeGuard, decodeResource, exceptionCodes, type FieldDecoding } from './exception.js';
export { decodeGuardCode, decodeResourceCode, decodeCrashCode, type GuardDecoding, type ResourceDecoding } from './packed.js';
export { decodeNamespace, decodeTerminationCode, decodeJetsamReason, decodeSignal, decodeSiCode, decodeSysextCode, namespaceRow } from './termination.js';
export { decodePanic, decodeEsr, decodeBrk, panicFamily, coprocessorsIn } from './panic.js';
export { codesInText, decodeTriageLine } from './messages.js';
export { decodeReportCodes } from './report-pass.js';
