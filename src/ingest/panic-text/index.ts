/**
 * Legacy `.panic` text files and pasted panic strings (FORMATS §5, §5.8, §9) → one Report of kind 'panic'.
 * The panic string itself is read by parse-panic-string.ts; this file peels the wrapper and fills the report.
 */
import { emptyReport, type Report } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import type { DocumentContext } from '../types.js';
import { toSourceLines, type SourceLine } from './lines.js';
import { parsePanicLines } from './parse-panic-string.js';
import { unwrapPanicText, wrapperHints } from './unwrap.js';

export { parsePanicString, type PanicStringResult } from './parse-panic-string.js';
export { looksLikePanicText } from './detect.js';

/** Parse a legacy .panic file or a pasted panic (prose, quoting, fences and escapes around it are tolerated). */
export function parsePanicText(text: string, ctx: DocumentContext): Report {
  const { preamble, body } = unwrapPanicText(toSourceLines(text, ctx.startLine), wrapperHints(text));
  const texts: string[] = new Array<string>(body.length);
  for (let i = 0; i < body.length; i++) texts[i] = (body[i] as SourceLine).text;
  const raw = texts.join('\n');
  const parsed = parsePanicLines(body, raw);
  const p = parsed.panic;
  const hasPanicLine = !parsed.warnings.some((w) => w.startsWith('no "panic(cpu'));
  const found =
    hasPanicLine || p.backtrace.length > 0 || p.kexts.length > 0 || p.debuggerMessage !== undefined || p.panickedProcess !== undefined;

  const report = emptyReport(
    { path: ctx.path, format: 'panic-text', startLine: ctx.startLine, documentIndex: ctx.documentIndex },
    found ? 'panic' : 'other',
  );
  report.panic = parsed.panic;
  report.os = parsed.os;
  report.hardware = parsed.hardware;
  report.process = parsed.process;
  report.warnings.push(...parsed.warnings);
  if (!found) report.warnings.push('no panic found in the text');
  if (parsed.warnings.some((w) => w.includes('cut off'))) report.truncated = true;

  const notes = [...parsed.notes];
  if (preamble.anonymousUuid) notes.push(`Anonymous UUID: ${normalizeUuid(preamble.anonymousUuid) ?? preamble.anonymousUuid}`);
  if (preamble.syzTitle !== undefined) notes.push(`syzkaller TITLE: ${preamble.syzTitle}`);
  if (preamble.syzType !== undefined) notes.push(`syzkaller TYPE: ${preamble.syzType}`);
  if (notes.length > 0) report.notes = notes;

  if (preamble.date) {
    report.time = preamble.date;
    parsed.panic.time ??= preamble.date;
  } else if (parsed.panic.time) {
    report.time = parsed.panic.time;
  }
  return report;
}
