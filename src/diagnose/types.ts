/**
 * The signature language: what a file in signatures/*.json holds once validated.
 * A signature names model fields and regexes over their text; it never sees raw log text.
 */
import type { ReportKind } from '../model/report.js';

/** Model fields a rule can look at; fields.ts says where each one comes from. */
export const FIELDS = [
  'panic.message',
  'panic.string',
  'panic.backtrace.symbol',
  'panic.process',
  'panic.compressor',
  'panic.dext',
  'kext.backtrace',
  'kext.loaded',
  'kext.lastStopped',
  'asi',
  'exception.type',
  'exception.signal',
  'exception.codes',
  'exception.subtype',
  'exception.message',
  'exception.note',
  'exception.address',
  'termination.namespace',
  'termination.code',
  'termination.reason',
  'termination.description',
  'crashed.symbol',
  'crashed.top.symbol',
  'crashed.stack',
  'crashed.image',
  'crashed.queue',
  'lastException.symbol',
  'thread.symbol',
  'images.name',
  'images.path',
  'event.message',
  'event.driverKit',
  'process.name',
  'process.path',
  'process.bundleId',
  'process.translated',
  'vmregion',
  'kernel.triage',
  'jetsam.reason',
  'notes',
  'code.name',
  'code.table',
  'code',
] as const;
export type Field = (typeof FIELDS)[number];

/** A test of one field: a regex over its text, or a numeric bound (addresses, codes). */
export interface LeafRule {
  field: Field;
  /** JavaScript regex source, compiled once at load; matched against at most MAX_TEXT characters. */
  pattern?: string;
  /** Only "i" is allowed: no global or sticky state. */
  flags?: 'i';
  /** Numeric upper bound (exclusive), decimal or 0x hex, for numeric fields such as exception.address. */
  lt?: string;
}

export interface AllRule {
  all: Rule[];
}
export interface AnyRule {
  any: Rule[];
}
export type Rule = LeafRule | AllRule | AnyRule;

export interface MatchSpec {
  /** Every rule must match (required evidence). */
  all?: Rule[];
  /** At least one rule must match (required evidence). */
  any?: Rule[];
  /** No rule may match (keeps near misses out). */
  none?: Rule[];
}

export interface Signature {
  /** Stable kebab-case id; the catalog's ids exactly. */
  id: string;
  title: string;
  category: string;
  /** Report kinds the signature applies to. */
  kinds: ReportKind[];
  /** 0..1: how sure a match identifies the cause. */
  confidence: number;
  match: MatchSpec;
  /** Each supporting rule that also matches adds evidence and SUPPORT_BONUS confidence. */
  supporting?: Rule[];
  /** Groups or phases a failure (crash loop, recovery line) rather than explaining it: ranked after causes. */
  grouping?: boolean;
  /** Ids of broader signatures this one refines; they are dropped when this one fires. */
  supersedes?: string[];
  /** Ranked likely causes, most likely first. */
  causes: string[];
  nextSteps: string[];
  references: string[];
  /** Catalog entry (SIGNATURES.md), e.g. "A01". */
  catalog?: string;
}

/** A signature file: signatures/<category>.json, or a user's own file passed with --signatures. */
export interface SignatureFile {
  $schema?: string;
  description?: string;
  signatures: Signature[];
}

/** Why a signature file was refused: its name, where in it, and which rule it broke. */
export interface SignatureError {
  path: string;
  /** JSON pointer into the file ("/signatures/3/match/any/0/pattern"). */
  pointer: string;
  message: string;
}
