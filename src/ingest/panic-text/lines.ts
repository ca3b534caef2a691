import { hexNumber, splitLines } from '../crash-text/chars.js';

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
  return value === undefined ? undefined : hexValue(value, 0, value.length);
}

/**
 * BigInt(s.slice(from, to)) for `0x` and hex digits at `s[from, to)` (checked by the caller). Values a
 * double holds exactly (most register and field values) are read by hand, which costs a fraction of
 * parsing a string; zero, the commonest register value, allocates nothing.
 */
export function hexValue(s: string, from: number, to: number): bigint {
  const n = hexNumber(s, from + 2, to);
  if (n === 0) return 0n;
  return n > 0 ? BigInt(n) : BigInt(s.slice(from, to));
}

/** Longest message kept on a model field; panic dumps can run to megabytes. */
export const MAX_MESSAGE = 4096;

/** Cut a string to `max` characters, marking the cut. */
export function bound(s: string, max = MAX_MESSAGE): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
