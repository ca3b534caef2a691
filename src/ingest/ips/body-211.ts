/**
 * bug_type 211 (analytics) and any other type with the same body: after the header, one JSON object per line. Each line is read on its
 * own so one bad line costs only itself; the report keeps counts and the commonest event names.
 */
import type { Report } from '../../model/report.js';
import { textAt } from './json-access.js';
import { isJsonObject, readJson } from './lossless-json.js';

const MAX_LINES = 20000;
const TOP_NAMES = 10;

export function readBody211(body: string, report: Report): void {
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > MAX_LINES) report.warnings.push(`JSON lines: read the first ${MAX_LINES} of ${lines.length}`);
  const counts = new Map<string, number>();
  let read = 0;
  let bad = 0;
  lines.slice(0, MAX_LINES).forEach((line, i) => {
    const r = readJson(line);
    if (r.error || !isJsonObject(r.value)) {
      bad++;
      if (bad <= 5) report.warnings.push(`JSON line ${i + 1} unreadable: ${r.error?.reason ?? 'not an object'}`);
      return;
    }
    read++;
    const name = textAt(r.value, 'name') ?? textAt(r.value, 'eventName') ?? textAt(r.value, '_marker');
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_NAMES)
    .map(([n, c]) => `${n} (${c})`);
  const notes = (report.notes ??= []);
  const type = report.source.bugType;
  report.kind = 'other';
  notes.unshift(
    `not a crash: an analytics summary${type ? ` (bug_type ${type})` : ''}, the periodic log of usage and diagnostic events a device collects for Apple; it records no crash, panic or hang`,
  );
  notes.push(`JSON lines: ${read} read, ${bad} unreadable`);
  if (top.length > 0) notes.push(`events: ${top.join(', ')}`);
}
