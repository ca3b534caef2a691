/** Evidence quotes: the matched text with a little context, bounded, with its field and line. */
import type { Evidence } from '../model/diagnosis.js';
import type { FieldValue } from './fields.js';

/** Longest quote kept in a diagnosis. */
export const MAX_QUOTE = 300;
const CONTEXT = 80;

/** Quote a value: whole when short, otherwise the match with some context on each side. */
export function quote(value: FieldValue, match: RegExpExecArray | null, required: boolean): Evidence {
  let text = firstLine(value.text, match);
  if (text.length > MAX_QUOTE && match) {
    const start = Math.max(0, match.index - CONTEXT);
    const end = Math.min(value.text.length, match.index + match[0].length + CONTEXT);
    text = `${start > 0 ? '…' : ''}${value.text.slice(start, end)}${end < value.text.length ? '…' : ''}`;
  }
  if (text.length > MAX_QUOTE) text = `${text.slice(0, MAX_QUOTE - 1)}…`;
  return { field: value.path, text, ...(value.line !== undefined ? { line: value.line } : {}), required };
}

/** For multi-line values (a whole panic string), the line holding the match. */
function firstLine(text: string, match: RegExpExecArray | null): string {
  if (!text.includes('\n')) return text;
  if (!match) return text.split('\n')[0] ?? text;
  const start = text.lastIndexOf('\n', match.index) + 1;
  const endNl = text.indexOf('\n', match.index + match[0].length);
  const line = text.slice(start, endNl === -1 ? undefined : endNl);
  // A match spanning lines: quote from the line start to the match end.
  return match[0].includes('\n') ? text.slice(start, match.index + match[0].length) : line;
}

/** Same evidence twice (two rules on one field) is shown once. */
export function dedupeEvidence(list: Evidence[]): Evidence[] {
  // A diagnosis quotes a few rules: compare pairwise, no key string per quote.
  if (list.length <= 16) {
    const out: Evidence[] = [];
    for (const e of list) if (!out.some((o) => o.field === e.field && o.text === e.text)) out.push(e);
    return out;
  }
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.field}\u0000${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
