// decodeReportCodes as it first was, the reference its faster forms are held to: every code through
// one dedupe set keyed by field, table and name, every text scanned.
import { codesInText, decodeException, decodePanic, decodeTriageLine } from '../../src/codes/index.js';
import { decodeJetsamReason, decodeNamespace, decodeTerminationCode } from '../../src/codes/termination.js';
import type { Decoding } from '../../src/codes/decoded.js';
import type { DecodedCode, Report } from '../../src/model/report.js';

/** The codes of `report` (undefined when none, as decodeReportCodes leaves `codes` out). */
export function referenceCodesPass(report: Report): DecodedCode[] | undefined {
  const out: DecodedCode[] = [];
  const seen = new Set<string>();
  const add = (d: Decoding | undefined, raw: string, field: string, line?: number): void => {
    if (!d || out.length >= 200) return;
    const key = `${field}\u0000${d.table}\u0000${d.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ table: d.table, raw: raw.length > 160 ? `${raw.slice(0, 159)}…` : raw, name: d.name, meaning: d.meaning, field, ...(line !== undefined ? { line } : {}) });
  };
  if (report.exception) for (const c of decodeException(report.exception, report.hardware.arch)) add(c.decoding, c.raw, c.field);
  const t = report.termination;
  if (t?.namespace) add(decodeNamespace(t.namespace), t.namespace, 'termination.namespace');
  if (t?.code) add(decodeTerminationCode(t.namespace, t.code), t.code, 'termination.code');
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
  for (const [i, e] of report.events.slice(0, 20_000).entries()) {
    if (out.length >= 200) break;
    for (const c of codesInText(e.message)) add(c.decoding, c.raw, `events[${i}].message`, e.line);
  }
  return out.length > 0 ? out : undefined;
}
