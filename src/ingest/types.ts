import type { Report, SourceFormat } from '../model/report.js';

/** Where a document sits: the input path and its first line within that input. */
export interface DocumentContext {
  /** The path as the user gave it, "-" for standard input. */
  path: string;
  /** 1-based line in the input where the document starts; parsers add it to their own line numbers. */
  startLine: number;
  /** Index of the document within its input (several reports in one paste). */
  documentIndex: number;
}

/** A parser turns one document (already decoded, normalised, split) into one report. */
export type DocumentParser = (text: string, ctx: DocumentContext) => Report;

/** An input that could not be turned into any report: one line for the user. */
export interface IngestError {
  path: string;
  message: string;
}

export interface IngestResult {
  reports: Report[];
  errors: IngestError[];
}

export type { SourceFormat };
