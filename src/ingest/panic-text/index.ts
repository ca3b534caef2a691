import { emptyReport, type Report } from '../../model/report.js';
import type { DocumentContext } from '../types.js';

/** Placeholder until the panic-text parser lands (issue 2): keeps the pipeline compiling. */
export function parsePanicText(text: string, ctx: DocumentContext): Report {
  const r = emptyReport({ path: ctx.path, format: 'panic-text', startLine: ctx.startLine }, 'other');
  r.warnings.push(`panic-text parser not implemented yet (${text.length} chars)`);
  return r;
}
