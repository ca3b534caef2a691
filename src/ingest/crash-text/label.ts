/**
 * `Key:<spaces>Value` lines of legacy crash text (FORMATS §6). The label is read by scanning for the
 * first colon, never with a backtracking pattern, so a hostile line costs one pass.
 */

export interface LabelLine {
  label: string;
  value: string;
}

const MAX_LABEL = 48;

/** Split `Label:  value`; undefined when the line does not start with a plausible label. */
export function splitLabel(line: string): LabelLine | undefined {
  const s = line.trimStart();
  const colon = s.indexOf(':');
  if (colon <= 0 || colon > MAX_LABEL) return undefined;
  const label = s.slice(0, colon).trimEnd();
  // Labels are words, spaces, '/', '(', ')', '-' and digits: "Date/Time", "Sleep/Wake UUID", "CPU".
  if (!isLabel(label)) return undefined;
  return { label, value: s.slice(colon + 1).trim() };
}

/** `/^[A-Za-z][A-Za-z0-9 /()_.-]*$/.test(label)` by character tests. */
export function isLabel(label: string): boolean {
  if (label.length === 0 || !isAsciiLetter(label.charCodeAt(0))) return false;
  for (let i = 1; i < label.length; i++) {
    const c = label.charCodeAt(i);
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
