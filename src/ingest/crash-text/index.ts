/**
 * Legacy crash text (`.crash`, 109/185 bodies, the text part of a Console translated report) and
 * the other Apple text reports met beside it: microstackshot resource reports (145/202/206), old
 * stackshot text (188) and spindump `.spin` files (FORMATS §6, §2.3, §6.7). Never throws: a damaged
 * report gives what could be read plus warnings.
 */
import { emptyReport, type Report } from '../../model/report.js';
import type { DocumentContext } from '../types.js';
import { linkFrames } from './link-images.js';
import { parseCrashBody } from './crash-body.js';
import { prepareLines, sourceLines } from './preface.js';
import { classifyTextReport } from './text-kind.js';
import { parseMicrostackshot } from './microstackshot.js';
import { parseSpindump } from './spindump.js';
import { parseStackshotText } from './stackshot-text.js';
import { readBinarySpindump } from './binary-spindump.js';
import { classifyReporterText, parseReporterText } from './reporter-text.js';

export { parseFrameLine } from './frame-line.js';
export { parseImageLine } from './binary-images.js';

export function parseCrashText(text: string, ctx: DocumentContext): Report {
  const r = emptyReport({ path: ctx.path, format: 'crash-text', startLine: ctx.startLine }, 'crash');
  try {
    const prepared = prepareLines(text);
    r.warnings.push(...prepared.warnings);
    const reporter = classifyReporterText(prepared.texts);
    const kind = classifyTextReport(prepared.texts);
    if (reporter) parseReporterText(reporter, sourceLines(prepared), r);
    else if (kind === 'microstackshot') parseMicrostackshot(sourceLines(prepared), r);
    else if (kind === 'spindump') parseSpindump(sourceLines(prepared), r);
    else if (kind === 'stackshot') parseStackshotText(sourceLines(prepared), r);
    else if (kind === 'binary-spindump') readBinarySpindump(sourceLines(prepared), r);
    else parseCrashBody(prepared.texts, prepared.lineNos, prepared.firsts, r);
    offsetLines(r, ctx.startLine);
  } catch (err) {
    // A parser bug must not lose the report: keep what was read and say what failed.
    r.warnings.push(`crash text could not be read completely: ${err instanceof Error ? err.message : String(err)}`);
  }
  return r;
}

/** Frame source lines are document-relative; make them input-relative. */
function offsetLines(r: Report, startLine: number): void {
  if (startLine <= 1) return;
  const shift = startLine - 1;
  // A Set: the first application-specific backtrace may also be the Last Exception Backtrace.
  const all = new Set([...r.threads.flatMap((t) => t.frames), ...(r.lastExceptionBacktrace ?? []), ...(r.applicationSpecificBacktraces ?? []).flat()]);
  for (const f of all) if (f.sourceLine !== undefined) f.sourceLine += shift;
}

export { linkFrames };
