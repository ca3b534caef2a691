import { emptyReport, type Report } from '../../model/report.js';
import type { DocumentContext } from '../types.js';

/** Placeholder until the crash-text parser lands (issue 2): keeps the pipeline compiling. */
export function parseCrashText(text: string, ctx: DocumentContext): Report {
  const r = emptyReport({ path: ctx.path, format: 'crash-text', startLine: ctx.startLine }, 'other');
  r.warnings.push(`crash-text parser not implemented yet (${text.length} chars)`);
  return r;
}
