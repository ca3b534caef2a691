/**
 * Kernel-log excerpts (FORMATS §7): every line becomes an event with its time, process, sender and message,
 * and DriverKit lines carry their meaning in `event.driverKit`. Bounded: at most MAX_EVENTS events.
 */
import { emptyReport, type LogEvent, type Report } from '../../model/report.js';
import type { DocumentContext } from '../types.js';
import { bundleOf, recogniseDriverKit } from './driverkit.js';
import { isJsonLog, readJsonLog } from './json-events.js';
import { isLogChrome, readLinePrefix, type LinePrefix } from './line-styles.js';
import { parseLogTime, type ParsedTime } from './timestamp.js';
import { isSpace, skipSpace, splitLines } from '../crash-text/chars.js';

export { looksLikeKernelLog } from './detect.js';

/** Events kept per document; a longer log gets a warning and loses its tail. */
export const MAX_EVENTS = 200_000;
/** Longest message kept per event (continuation lines included). */
const MAX_MESSAGE = 16 * 1024;

const FENCE = /^\s*(```|~~~)[\w+-]*\s*$/;
const SENDER = /^\(([\w.\-]{1,200})\)\s?(.*)$/s;

export function parseKernelLog(text: string, ctx: DocumentContext): Report {
  const report = emptyReport(
    { path: ctx.path, format: 'kernel-log', startLine: ctx.startLine, documentIndex: ctx.documentIndex },
    'kernel-log',
  );
  const events = isJsonLog(text) ? jsonEvents(text, ctx, report.warnings) : lineEvents(text, ctx, report.warnings);
  for (const e of events) {
    const dk = recogniseDriverKit(e.message, e.sender);
    if (dk) e.driverKit = dk;
  }
  report.events = events;
  if (events.length === 0) report.warnings.push('no log lines found');
  fillProcess(report);
  return report;
}

function lineEvents(text: string, ctx: DocumentContext, warnings: string[]): LogEvent[] {
  const lines = splitLines(text);
  const events: LogEvent[] = [];
  let previous: { event: LogEvent; style: LinePrefix['style'] } | undefined;
  // Each wrapper below holds a literal, which a line holds only when the text does: one native search
  // of the whole text each (the input as ingest passes it has been unwrapped already) spares the line tests.
  const nbsp = text.includes('\u00a0');
  const fence = text.includes('```') || text.includes('~~~');
  const tag = text.includes('<');
  const quote = text.includes('>');
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i] as string;
    if (nbsp && raw.includes('\u00a0')) raw = raw.replace(/\u00a0/g, ' ');
    if (i === 0 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (fence && (raw.includes('```') || raw.includes('~~~')) && FENCE.test(raw)) continue;
    if (tag && raw.includes('<')) raw = raw.replace(/<\/?(pre|code)[^>]*>/gi, '').replace(/<br\s*\/?>/gi, '');
    if (quote && raw.charCodeAt(skipSpace(raw, 0)) === 62) raw = raw.replace(/^(\s*>)+ ?/, '');
    const trimmed = raw.trim();
    if (!trimmed || isLogChrome(trimmed)) continue;

    const prefix = readLinePrefix(trimmed);
    // An indented line with no prefix after a prefixed one continues that event (Console stack dumps, wrapped pastes).
    if (prefix.style === 'bare' && previous && previous.style !== 'bare' && isSpace(raw.charCodeAt(0))) {
      const ev = previous.event;
      if (ev.message.length < MAX_MESSAGE) ev.message = `${ev.message}\n${trimmed}`.slice(0, MAX_MESSAGE);
      continue;
    }
    if (events.length >= MAX_EVENTS) {
      warnings.push(`log has more than ${MAX_EVENTS} events; the rest were not read (from line ${ctx.startLine + i})`);
      break;
    }
    const event = toEvent(prefix, ctx.startLine + i);
    events.push(event);
    previous = { event, style: prefix.style };
  }
  return events;
}

function toEvent(p: LinePrefix, line: number): LogEvent {
  const event: LogEvent = { message: p.message, line };
  if (p.time !== undefined) {
    event.time = p.time;
    setTime(event, parseLogTime(p.time));
  }
  if (p.process !== undefined) event.process = p.process;
  if (p.pid !== undefined) event.pid = p.pid;
  if (p.level !== undefined) event.level = p.level;
  takeSender(event);
  if (event.message.length > MAX_MESSAGE) event.message = event.message.slice(0, MAX_MESSAGE);
  return event;
}

/** Object.assign(event, t) for the one key parseLogTime may give, without the generic copy. */
function setTime(event: LogEvent, t: ParsedTime): void {
  if (t.epochMs !== undefined) event.epochMs = t.epochMs;
  else if (t.localMs !== undefined) event.localMs = t.localMs;
}

/** `(com.example.driver.dext) text` / `(IOPCIFamily) text`: the parenthesised sender leaves the message. */
function takeSender(event: LogEvent): void {
  if (event.message.charCodeAt(0) !== 40) return;
  const m = SENDER.exec(event.message);
  if (!m) return;
  event.sender ??= m[1] as string;
  if (event.sender === m[1]) event.message = m[2] as string;
}

function jsonEvents(text: string, ctx: DocumentContext, warnings: string[]): LogEvent[] {
  const records = readJsonLog(text, warnings);
  if (records.length > MAX_EVENTS) {
    warnings.push(`log has more than ${MAX_EVENTS} events; the rest were not read`);
    records.length = MAX_EVENTS;
  }
  return records.map((r) => {
    const event: LogEvent = { message: r.message.slice(0, MAX_MESSAGE), line: ctx.startLine + r.lineIndex };
    if (r.time !== undefined) {
      event.time = r.time;
      setTime(event, parseLogTime(r.time));
    }
    if (r.process !== undefined) event.process = r.process;
    if (r.pid !== undefined) event.pid = r.pid;
    if (r.level !== undefined) event.level = r.level;
    // The message's own "(bundle.dext)" prefix names a dext better than the sender image path does.
    const own = SENDER.exec(event.message);
    if (own) {
      event.sender = own[1] as string;
      event.message = own[2] as string;
    } else if (r.sender !== undefined) {
      event.sender = r.sender;
    }
    return event;
  });
}

/** When the DriverKit lines are all about one dext, that dext is the report's process. */
function fillProcess(report: Report): void {
  const ids = new Set<string>();
  for (const e of report.events) {
    const dk = e.driverKit;
    if (dk && 'bundleId' in dk) ids.add(bundleOf(dk.bundleId));
  }
  if (ids.size !== 1) return;
  const id = [...ids][0];
  if (id === undefined) return;
  report.process.bundleId = id;
  report.process.name = id;
}
