/** A line of input with its 1-based line number in the source document (kept for evidence quotes). */
export interface SourceLine {
  text: string;
  line: number;
}

/** Split text into numbered lines; `firstLine` is the number of the first one. */
export function toSourceLines(text: string, firstLine = 1): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((t, i) => ({ text: t, line: firstLine + i }));
}

/** Longest message kept on a model field; panic dumps can run to megabytes. */
export const MAX_MESSAGE = 4096;

/** Cut a string to `max` characters, marking the cut. */
export function bound(s: string, max = MAX_MESSAGE): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
