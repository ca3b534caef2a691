/**
 * `Key:<spaces>Value` lines of legacy crash text (FORMATS §6). The label is read by scanning for the
 * first colon, never with a backtracking pattern, so a hostile line costs one pass.
 */
import { skipSpace, trimEnd } from './chars.js';

export interface LabelLine {
  label: string;
  value: string;
}

const MAX_LABEL = 48;

/**
 * Split `Label:  value`; undefined when the line does not start with a plausible label. The label
 * and value are found as index ranges (what trimStart, slice, trimEnd and trim give) and cut once each.
 */
export function splitLabel(line: string): LabelLine | undefined {
  const start = skipSpace(line, 0);
  const colon = line.indexOf(':', start) - start;
  if (colon <= 0 || colon > MAX_LABEL) return undefined;
  const labelEnd = trimEnd(line, start, start + colon);
  // Labels are words, spaces, '/', '(', ')', '-' and digits: "Date/Time", "Sleep/Wake UUID", "CPU".
  if (!isLabelAt(line, start, labelEnd)) return undefined;
  const valueStart = skipSpace(line, start + colon + 1);
  return { label: line.slice(start, labelEnd), value: line.slice(valueStart, trimEnd(line, valueStart, line.length)) };
}

/** `/^[A-Za-z][A-Za-z0-9 /()_.-]*$/.test(label)` by character tests. */
export function isLabel(label: string): boolean {
  return isLabelAt(label, 0, label.length);
}

/** isLabel(s.slice(from, to)) without the slice. */
function isLabelAt(s: string, from: number, to: number): boolean {
  if (to <= from || !isAsciiLetter(s.charCodeAt(from))) return false;
  for (let i = from + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    // A-Z a-z 0-9, space, '/', '(', ')', '_', '.', '-'
    if (!(isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 32 || c === 47 || c === 40 || c === 41 || c === 95 || c === 46 || c === 45)) return false;
  }
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `Name [123]` → name and pid (the bracket may be missing). */
export function nameAndPid(value: string): { name?: string; pid?: number } {
  const v = value.trim();
  const open = v.lastIndexOf('[');
  if (open > 0 && v.endsWith(']')) {
    const pid = Number(v.slice(open + 1, -1).trim());
    const name = v.slice(0, open).trim();
    const out: { name?: string; pid?: number } = {};
    if (name) out.name = name;
    if (Number.isInteger(pid)) out.pid = pid;
    return out;
  }
  return v && v !== '???' ? { name: v } : {};
}
