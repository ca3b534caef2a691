import { emptyReport, type Report } from '../../model/report.js';
import type { DocumentContext } from '../types.js';

/** Placeholder until the kernel-log parser lands (issue 2): keeps the pipeline compiling. */
export function parseKernelLog(text: string, ctx: DocumentContext): Report {
  const r = emptyReport({ path: ctx.path, format: 'kernel-log', startLine: ctx.startLine }, 'other');
  r.warnings.push(`kernel-log parser not implemented yet (${text.length} chars)`);
  return r;
}
