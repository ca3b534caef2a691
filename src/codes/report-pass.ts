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
import { codesInText, decodeTriageLine, type TextCode } from './messages.js';
import type { Decoding } from './decoded.js';

/** Log events scanned per report, and codes kept per report. */
const MAX_EVENTS = 20_000;
const MAX_CODES = 200;
const MAX_RAW = 160;

export function decodeReportCodes(report: Report): Report {
  const out: DecodedCode[] = [];
  if (report.exception) {
    const ex = decodeException(report.exception, report.hardware.arch);
    for (let i = 0; i < ex.length; i++) {
      const c = ex[i] as (typeof ex)[number];
      add(out, c.decoding, c.raw, c.field);
    }
  }
  const t = report.termination;
  if (t?.namespace) add(out, decodeNamespace(t.namespace), t.namespace, 'termination.namespace');
  if (t?.code) add(out, decodeTerminationCode(t.namespace, t.code), t.code, 'termination.code');
  // Jetsam causes, then from the triage lines on, every field names one list item (jetsam.killed[i],
  // kernelTriage[i], …) that no other code shares, and codesInText gives each table and name once per
  // text: the key set could never hit, so these codes go straight in (same order, same cap).
  const killed = report.jetsam?.killed;
  if (killed) {
    // Many processes share one kill cause: decode each cause once, at its first process.
    const causes = new Set<string>();
    for (let i = 0; i < killed.length; i++) {
      const reason = (killed[i] as (typeof killed)[number]).reason;
      if (!reason || causes.has(reason)) continue;
      causes.add(reason);
      const d = decodeJetsamReason(reason);
      if (d && out.length < MAX_CODES) pushCode(out, d, reason, `jetsam.killed[${i}].reason`, undefined);
    }
  }
  if (report.panic) {
    const pc = decodePanic(report.panic);
    for (let i = 0; i < pc.length; i++) {
      const c = pc[i] as (typeof pc)[number];
      add(out, c.decoding, c.raw, 'panic.message');
    }
  }
  // A log repeats its lines ("[trace] init" in every restart): each distinct text is scanned once
  // per report (codesInText depends on the text alone). Bounded by the texts scanned.
  const events = report.events;
  const asi = report.applicationSpecific;
  const scanned = asi || events.length > 0 ? new Map<string, TextCode[]>() : undefined;
  const triage = report.kernelTriage;
  if (triage) {
    for (let i = 0; i < triage.length && i < 50; i++) {
      const d = decodeTriageLine(triage[i] as string);
      if (d && out.length < MAX_CODES) pushCode(out, d, triage[i] as string, `kernelTriage[${i}]`, undefined);
    }
  }
  if (asi) {
    for (let i = 0; i < asi.length && i < 50; i++) {
      const codes = codesOf(scanned as Map<string, TextCode[]>, asi[i] as string);
      for (let k = 0; k < codes.length && out.length < MAX_CODES; k++) {
        const c = codes[k] as (typeof codes)[number];
        pushCode(out, c.decoding, c.raw, `applicationSpecific[${i}]`, undefined);
      }
    }
  }
  for (let i = 0; i < events.length && i < MAX_EVENTS; i++) {
    if (out.length >= MAX_CODES) break;
    const e = events[i] as (typeof events)[number];
    const codes = codesOf(scanned as Map<string, TextCode[]>, e.message);
    if (codes.length === 0) continue;
    const field = `events[${i}].message`;
    for (let k = 0; k < codes.length && out.length < MAX_CODES; k++) {
      const c = codes[k] as (typeof codes)[number];
      pushCode(out, c.decoding, c.raw, field, e.line);
    }
  }
  if (out.length > 0) report.codes = out;
  // Deleting a key the report lacks (the usual case) still costs a runtime call.
  else if ('codes' in report) delete report.codes;
  return report;
}

/**
 * Add a code unless one of the same field, table and name is in already. Only this adds codes of
 * the fields it is given (exception, termination, panic); the codes pushed directly have fields of
 * their own (jetsam.killed[i], kernelTriage[i], …), so scanning all of `out` finds what a set of the
 * added keys would. `out` is a few codes long here: no key string per code.
 */
function add(out: DecodedCode[], d: Decoding | undefined, raw: string, field: string): void {
  if (!d || out.length >= MAX_CODES) return;
  for (let i = 0; i < out.length; i++) {
    const o = out[i] as DecodedCode;
    if (o.field === field && o.table === d.table && o.name === d.name) return;
  }
  pushCode(out, d, raw, field, undefined);
}

function codesOf(scanned: Map<string, TextCode[]>, text: string): TextCode[] {
  let codes = scanned.get(text);
  if (codes === undefined) {
    codes = codesInText(text);
    scanned.set(text, codes);
  }
  return codes;
}

function makeCode(d: Decoding, raw: string, field: string, line: number | undefined): DecodedCode {
  const code: DecodedCode = { table: d.table, raw: raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW - 1)}…` : raw, name: d.name, meaning: d.meaning, field };
  if (line !== undefined) code.line = line;
  return code;
}

function pushCode(out: DecodedCode[], d: Decoding, raw: string, field: string, line: number | undefined): void {
  out.push(makeCode(d, raw, field, line));
}
