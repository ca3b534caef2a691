/**
 * The .ips ingester: header line + body sniff (FORMATS §2–§4, §9). Never throws and never drops a
 * report: damaged input gives what could be read, `truncated`, and warnings with byte offsets.
 */
import { emptyReport, type Report, type Source } from '../../model/report.js';
import type { DocumentContext } from '../types.js';
import { readBody210 } from './body-210.js';
import { readBody211 } from './body-211.js';
import { readBody288 } from './body-288.js';
import { readBody298 } from './body-298.js';
import { readBody309 } from './body-309.js';
import { splitEnvelope, type Envelope } from './envelope.js';
import { applyHeader } from './header.js';
import { noteTrailing, readJsonBody } from './json-body.js';
import { kindOfShape, shapeOfBugType, sniffBodyShape } from './sniff.js';
import { readTextBody } from './text-body.js';

/** Types whose body is a panic by definition; any other type with a panic string gets a note. */
const PANIC_TYPES = new Set(['210', '110', '10']);

/** First line of a body fragment: a quoted key and a colon. */
const JSON_FRAGMENT = /^"[^"\n]{1,80}"\s*:/;

export function parseIps(text: string, ctx: DocumentContext): Report {
  const env = splitEnvelope(text);
  const report = parseEnvelope(text, env, ctx);
  if (env.preambleLines) (report.notes ??= []).push(`${env.preambleLines} line(s) of text above the report's header line were skipped`);
  return report;
}

function parseEnvelope(text: string, env: Envelope, ctx: DocumentContext): Report {
  const body = env.body.trimStart();
  if (body.startsWith('{') || body.startsWith('[')) {
    return env.header?.bugType === '211' ? parseJsonLines(env, ctx) : parseJsonDocument(text, env, ctx);
  }
  if (JSON_FRAGMENT.test(body)) {
    // An issue paste of the middle of a body: `"key" : value,` lines without the opening brace.
    const start = env.body.indexOf('"');
    const wrapped: Envelope = { ...env, body: `{${env.body.slice(start)}`, bodyOffset: env.bodyOffset + start - 1 };
    const report = parseJsonDocument(text, wrapped, ctx);
    report.warnings.unshift('a fragment of an .ips JSON body (it starts inside the object): only what it holds was read');
    return report;
  }
  if (body !== '') return readTextBody(env, ctx);
  const report = emptyReport(sourceOf(ctx, env), kindOfShape(shapeOfBugType(env.header?.bugType)));
  if (env.header) applyHeader(report, env.header);
  noteHeaderProblem(report, env);
  report.truncated = true;
  report.warnings.push(env.header ? 'header line only: the report body is missing' : 'empty document');
  noteUnsupported(report, env.header?.bugType);
  return report;
}

function parseJsonDocument(text: string, env: Envelope, ctx: DocumentContext): Report {
  const read = readJsonBody(text, env.body, env.bodyOffset);
  const bugType = env.header?.bugType ?? bugTypeOf(read.body.bug_type);
  const shape = sniffBodyShape(read.body, bugType);
  const report = emptyReport(sourceOf(ctx, env, bugType), kindOfShape(shape));
  if (env.header) applyHeader(report, env.header);
  noteHeaderProblem(report, env);
  report.warnings.push(...read.warnings);
  if (read.truncated) report.truncated = true;
  switch (shape) {
    case 'crash':
      readBody309(read.body, report);
      if (bugType === '308') {
        report.kind = 'other';
        (report.notes ??= []).push('OS fault report (bug_type 308): the process was not terminated');
      }
      break;
    case 'panic':
      readBody210(read.body, report);
      if (bugType && !PANIC_TYPES.has(bugType)) {
        (report.notes ??= []).push(`bug_type ${bugType} carries a panic string: read as a kernel panic`);
      }
      break;
    case 'stackshot':
      readBody288(read.body, report);
      break;
    case 'jetsam':
      readBody298(read.body, report);
      break;
    default:
      if (read.trailing?.startsWith('{')) {
        readBody211(env.body, report);
        return report;
      }
      noteUnsupported(report, bugType);
  }
  noteTrailing(report, read.trailing);
  return report;
}

function parseJsonLines(env: Envelope, ctx: DocumentContext): Report {
  const report = emptyReport(sourceOf(ctx, env), 'other');
  if (env.header) applyHeader(report, env.header);
  readBody211(env.body, report);
  return report;
}

function sourceOf(ctx: DocumentContext, env: Envelope, bugType = env.header?.bugType): Source {
  const source: Source = { path: ctx.path, format: 'ips', startLine: ctx.startLine, documentIndex: ctx.documentIndex };
  if (bugType) source.bugType = bugType;
  return source;
}

function bugTypeOf(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() || undefined : undefined;
}

function noteHeaderProblem(report: Report, env: Envelope): void {
  if (env.headerProblem) report.warnings.push(`header line damaged (${env.headerProblem}); keys read by scan`);
}

function noteUnsupported(report: Report, bugType: string | undefined): void {
  if (report.kind !== 'other' || (report.notes ?? []).some((n) => n.startsWith('unsupported type'))) return;
  (report.notes ??= []).push(bugType ? `unsupported type ${bugType}` : 'unsupported type (no bug_type)');
}
