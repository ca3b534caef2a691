/**
 * The one decoding pass over a parsed report: every code the model holds becomes a DecodedCode
 * (exception, termination, jetsam reasons, panic codes, codes in log lines). Runs in ingest for
 * every document, so every renderer and every signature sees the same decoded names. Bounded:
 * events and lines are capped, and each text is scanned with linear regexes.
 */
import type { DecodedCode, Report } from '../model/report.js';
import { decodeException } from './exception.js';
import { decodeJetsamReason, decodeNamespace, decodeTerminationCode } from './termination.js';
import { decodePanic } from './panic.js';
import { codesInText, decodeTriageLine } from './messages.js';
import type { Decoding } from './decoded.js';

/** Log events scanned per report, and codes kept per report. */
const MAX_EVENTS = 20_000;
const MAX_CODES = 200;
const MAX_RAW = 160;

export function decodeReportCodes(report: Report): Report {
  const out: DecodedCode[] = [];
  const seen = new Set<string>();
  const add = (d: Decoding | undefined, raw: string, field: string, line?: number): void => {
    if (!d || out.length >= MAX_CODES) return;
    const key = `${field}\u0000${d.table}\u0000${d.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ table: d.table, raw: raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW - 1)}…` : raw, name: d.name, meaning: d.meaning, field, ...(line !== undefined ? { line } : {}) });
  };
  if (report.exception) for (const c of decodeException(report.exception, report.hardware.arch)) add(c.decoding, c.raw, c.field);
  const t = report.termination;
  if (t?.namespace) add(decodeNamespace(t.namespace), t.namespace, 'termination.namespace');
  if (t?.code) add(decodeTerminationCode(t.namespace, t.code), t.code, 'termination.code');
  // Many processes share one kill cause: decode each cause once, at its first process.
  const causes = new Set<string>();
  (report.jetsam?.killed ?? []).forEach((k, i) => {
    if (!k.reason || causes.has(k.reason)) return;
    causes.add(k.reason);
    add(decodeJetsamReason(k.reason), k.reason, `jetsam.killed[${i}].reason`);
  });
  if (report.panic) for (const c of decodePanic(report.panic)) add(c.decoding, c.raw, 'panic.message');
  (report.kernelTriage ?? []).slice(0, 50).forEach((line, i) => add(decodeTriageLine(line), line, `kernelTriage[${i}]`));
  (report.applicationSpecific ?? []).slice(0, 50).forEach((line, i) => {
    for (const c of codesInText(line)) add(c.decoding, c.raw, `applicationSpecific[${i}]`);
  });
  for (const [i, e] of report.events.slice(0, MAX_EVENTS).entries()) {
    if (out.length >= MAX_CODES) break;
    for (const c of codesInText(e.message)) add(c.decoding, c.raw, `events[${i}].message`, e.line);
  }
  if (out.length > 0) report.codes = out;
  else delete report.codes;
  return report;
}
