/**
 * Types whose body is legacy text after the JSON header (109/110, 185, 188, 145/202/206, and 309
 * headers over text, FORMATS §2): the crash-text or panic-text parser reads the body, the header
 * facts fill what the text lacks, and the source stays `ips` with its bug_type.
 */
import { emptyReport, type Report } from '../../model/report.js';
import { parseCrashText } from '../crash-text/index.js';
import { parsePanicText } from '../panic-text/index.js';
import type { DocumentContext } from '../types.js';
import type { Envelope } from './envelope.js';
import { applyHeader } from './header.js';
import { kindOfShape, shapeOfBugType } from './sniff.js';

/** True when a text body is a panic rather than a crash-like report. */
export function isPanicText(body: string, bugType: string | undefined): boolean {
  if (bugType === '110' || bugType === '10' || bugType === '210') return true;
  // Any type whose text holds a panic line is a panic (forced and watchdog resets, other 1xx types).
  const head = body.length > 256 * 1024 ? body.slice(0, 256 * 1024) : body;
  return /\*\*\* Panic Report \*\*\*|^\s*panic\(cpu \d/m.test(head);
}

export function readTextBody(env: Envelope, ctx: DocumentContext): Report {
  const bugType = env.header?.bugType;
  const bodyCtx: DocumentContext = { ...ctx, startLine: ctx.startLine + env.bodyLine };
  const report = isPanicText(env.body, bugType) ? parsePanicText(env.body, bodyCtx) : parseCrashText(env.body, bodyCtx);
  report.source = {
    ...report.source,
    path: ctx.path,
    format: 'ips',
    startLine: ctx.startLine,
    documentIndex: ctx.documentIndex,
  };
  if (bugType) report.source.bugType = bugType;
  if (env.header) {
    const fromHeader = emptyReport(report.source, report.kind);
    applyHeader(fromHeader, env.header);
    report.source.header = env.header.record;
    fillMissing(report.process, fromHeader.process);
    fillMissing(report.os, fromHeader.os);
    report.incident ??= fromHeader.incident;
    report.time ??= fromHeader.time;
  }
  if (report.kind === 'panic' && bugType && !['210', '110', '10'].includes(bugType)) {
    (report.notes ??= []).push(`bug_type ${bugType} carries a panic string: read as a kernel panic`);
  }
  if (report.kind === 'other') {
    const fromType = kindOfShape(shapeOfBugType(bugType));
    if (fromType !== 'other') report.kind = fromType;
  }
  return report;
}

function fillMissing<T extends object>(target: T, source: T): void {
  for (const [k, v] of Object.entries(source) as Array<[keyof T, T[keyof T]]>) {
    if (v !== undefined && target[k] === undefined) target[k] = v;
  }
}
