import { emptyReport, type Report } from '../../model/report.js';
import type { DocumentContext } from '../types.js';

/** Placeholder until the ips parser lands (issue 2): keeps the pipeline compiling. */
export function parseIps(text: string, ctx: DocumentContext): Report {
  const r = emptyReport({ path: ctx.path, format: 'ips', startLine: ctx.startLine }, 'other');
  r.warnings.push(`ips parser not implemented yet (${text.length} chars)`);
  return r;
}
