/**
 * bug_type 288 (stackshot) and 409 (system watchdog, the stackshot nested under `stackshot`):
 * not failures in themselves. Kept: reason, exception code, frontmost processes, a process summary.
 */
import type { Report } from '../../model/report.js';
import { arrAt, objAt, textAt } from './json-access.js';
import type { JsonObject } from './lossless-json.js';
import { readJsonFacts } from './body-210.js';
import { describePids, readStackshot } from './stackshot.js';

export function readBody288(body: JsonObject, report: Report): void {
  readJsonFacts(body, report);
  const notes = (report.notes ??= []);
  const reason = textAt(body, 'reason');
  if (reason) notes.push(`reason: ${reason}`);
  const exception = textAt(body, 'exception');
  if (exception) {
    report.exception = { codes: exception };
    notes.push(`exception code: ${exception}`);
  }
  const nested = objAt(body, 'stackshot');
  const processes = readStackshot(nested ?? body, report);
  const frontmost = arrAt(body, 'frontmostPids') ?? arrAt(nested, 'frontmostPids');
  if (frontmost && frontmost.length > 0) notes.push(`frontmost: ${describePids(frontmost, processes)}`);
  for (const n of arrAt(body, 'notes') ?? []) if (typeof n === 'string' && notes.length < 50) notes.push(n);
}
