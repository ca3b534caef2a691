/**
 * JSON reports written by in-app crash reporters rather than by Apple (today: KSCrash's native JSON).
 * One reader per reporter behind a shape test; the JSON is read losslessly and tolerantly like an .ips body.
 */
import { emptyReport, type Report } from '../../model/report.js';
import { readJsonBody } from '../ips/json-body.js';
import type { DocumentContext } from '../types.js';
import { isKsCrashReport, readKsCrash } from './kscrash.js';

export { isKsCrashReport } from './kscrash.js';

export function parseReporterJson(text: string, ctx: DocumentContext): Report {
  const report = emptyReport({ path: ctx.path, format: 'reporter-json', startLine: ctx.startLine, documentIndex: ctx.documentIndex }, 'other');
  const start = text.search(/\S/);
  const read = readJsonBody(text, text.slice(Math.max(0, start)), Math.max(0, start));
  report.warnings.push(...read.warnings);
  if (read.truncated) report.truncated = true;
  try {
    if (isKsCrashReport(read.body)) readKsCrash(read.body, report);
    else report.warnings.push('JSON crash report of an unknown reporter: nothing could be read');
  } catch (err) {
    report.warnings.push(`reporter JSON could not be read completely: ${err instanceof Error ? err.message : String(err)}`);
  }
  return report;
}
