import { splitLines } from '../crash-text/chars.js';

/** A line of input with its 1-based line number in the source document (kept for evidence quotes). */
export interface SourceLine {
  text: string;
  line: number;
}

/** Split text into numbered lines; `firstLine` is the number of the first one. */
export function toSourceLines(text: string, firstLine = 1): SourceLine[] {
  const parts = splitLines(text);
  const out: SourceLine[] = new Array<SourceLine>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = { text: parts[i] as string, line: firstLine + i };
  return out;
}

/** The value of a `0x…` hex capture that a pattern already checked (what parseHex gives for it, without re-checking). */
export function hexCapture(value: string | undefined): bigint | undefined {
  return value === undefined ? undefined : BigInt(value);
}

/** Longest message kept on a model field; panic dumps can run to megabytes. */
export const MAX_MESSAGE = 4096;

/** Cut a string to `max` characters, marking the cut. */
export function bound(s: string, max = MAX_MESSAGE): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
