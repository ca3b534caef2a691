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
    const code: DecodedCode = { table: d.table, raw: raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW - 1)}…` : raw, name: d.name, meaning: d.meaning, field };
    if (line !== undefined) code.line = line;
    out.push(code);
  };
  if (report.exception) for (const c of decodeException(report.exception, report.hardware.arch)) add(c.decoding, c.raw, c.field);
  const t = report.termination;
  if (t?.namespace) add(decodeNamespace(t.namespace), t.namespace, 'termination.namespace');
  if (t?.code) add(decodeTerminationCode(t.namespace, t.code), t.code, 'termination.code');
  // Many processes share one kill cause: decode each cause once, at its first process.
  const killed = report.jetsam?.killed;
  if (killed) {
    const causes = new Set<string>();
    for (let i = 0; i < killed.length; i++) {
      const reason = (killed[i] as (typeof killed)[number]).reason;
      if (!reason || causes.has(reason)) continue;
      causes.add(reason);
      add(decodeJetsamReason(reason), reason, `jetsam.killed[${i}].reason`);
    }
  }
  if (report.panic) for (const c of decodePanic(report.panic)) add(c.decoding, c.raw, 'panic.message');
  const triage = report.kernelTriage;
  if (triage) for (let i = 0; i < triage.length && i < 50; i++) add(decodeTriageLine(triage[i] as string), triage[i] as string, `kernelTriage[${i}]`);
  const asi = report.applicationSpecific;
  if (asi) {
    for (let i = 0; i < asi.length && i < 50; i++) {
      for (const c of codesInText(asi[i] as string)) add(c.decoding, c.raw, `applicationSpecific[${i}]`);
    }
  }
  const events = report.events;
  for (let i = 0; i < events.length && i < MAX_EVENTS; i++) {
    if (out.length >= MAX_CODES) break;
    const e = events[i] as (typeof events)[number];
    const codes = codesInText(e.message);
    for (let k = 0; k < codes.length; k++) {
      const c = codes[k] as (typeof codes)[number];
      add(c.decoding, c.raw, `events[${i}].message`, e.line);
    }
  }
  if (out.length > 0) report.codes = out;
  else delete report.codes;
  return report;
}
