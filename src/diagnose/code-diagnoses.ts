/**
 * Diagnoses built from the code tables (codes/*.json) where no hand-written signature needs to
 * exist: every termination code, jetsam cause, guard flavor, resource flavor, system-extension
 * error carries its meaning, cause and next steps as table data, so the
 * diagnosis is the table row's. A DriverKit Start failure with a decoded IOReturn says what that
 * code means for a dext. Ids are stable ("code-termination-0x8badf00d", "code-guard-mach-port-destroy").
 * They rank below any hand-written cause that fires (match.ts rank + capDiagnoses in index.ts).
 */
import type { Diagnosis, Evidence } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import {
  codeTable, decodeException, decodeJetsamReason, exceptionTypeRow, decodeSysextCode, decodeTerminationCode, namespaceRow,
  type CodeRow, type Decoding,
} from '../codes/index.js';

/** Confidence of a table-driven diagnosis: specific, but below what a reviewed signature claims. */
export const CODE_CONFIDENCE = 0.6;
const DK_CONFIDENCE = 0.7;
const MAX_EVENTS = 20_000;
/** Events around a DK start failure in which a dext's own error line is taken as its code. */
const NEARBY = 10;
const LINT_STEP = 'Run paniclens lint on the dext bundle or project folder (paniclens lint MyDriver.dext): it checks IOClass, CFBundleIdentifierKernel, IOProviderClass and the entitlements against the family.';

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const first = <T>(...xs: (T | undefined)[]): T | undefined => xs.find((x) => x !== undefined);

interface Explained {
  cause?: string;
  nextSteps?: string[];
}
/** Cause and next steps of the most specific row that has them. */
function explain(rows: CodeRow[]): Explained {
  return { cause: first(...rows.map((r) => r.cause)), nextSteps: first(...rows.map((r) => r.nextSteps)) };
}

function make(id: string, title: string, category: string, d: Decoding, ev: Evidence, extraCauses: string[] = [], confidence = CODE_CONFIDENCE): Diagnosis | undefined {
  const { cause, nextSteps } = explain(d.rows);
  if (!cause || !nextSteps) return undefined;
  return {
    id,
    title,
    category,
    confidence,
    evidence: [ev],
    causes: [`${cause}.`.replace(/\.\.$/, '.'), ...extraCauses],
    nextSteps: [...nextSteps],
    references: [],
  };
}

const evidence = (field: string, raw: string, d: Decoding, line?: number): Evidence => ({
  field,
  text: `${raw === d.name ? d.name : `${raw} = ${d.name}`}: ${d.meaning}`.slice(0, 300),
  ...(line !== undefined ? { line } : {}),
  required: true,
});

/** Every table-driven diagnosis of a report. */
export function codeDiagnoses(r: Report): Diagnosis[] {
  const out: Diagnosis[] = [];
  const push = (d: Diagnosis | undefined): void => {
    if (d && !out.some((o) => o.id === d.id)) out.push(d);
  };
  // Only an EXC_GUARD or EXC_RESOURCE exception decodes to the guard and resource tables read here:
  // any other exception is not decoded a second time (ingest decoded it for report.codes).
  const exc = r.exception ? exceptionTypeRow(r.exception)?.name : undefined;
  if (r.exception && (exc === 'EXC_GUARD' || exc === 'EXC_RESOURCE')) {
    for (const c of decodeException(r.exception, r.hardware.arch)) {
      if (c.decoding.table === 'exc_guard') push(guardDiagnosis(c.decoding, c.field, c.raw));
      if (c.decoding.table === 'exc_resource') push(resourceDiagnosis(c.decoding, c.field, c.raw));
    }
  }
  push(terminationDiagnosis(r));
  const causes = new Set<string>();
  (r.jetsam?.killed ?? []).forEach((k, i) => {
    if (!k.reason || causes.has(k.reason)) return;
    causes.add(k.reason);
    const d = decodeJetsamReason(k.reason);
    // The first killed process is the report's subject; later causes are context.
    if (d) push(jetsamDiagnosis(d, `jetsam.killed[${i}].reason`, `${k.reason}${k.name ? ` (${k.name})` : ''}`, undefined, causes.size === 1 ? CODE_CONFIDENCE : CODE_CONFIDENCE - 0.1));
  });
  // A coprocessor a panic names is explained by the fact-based fallback (generic.ts), which says what it is and what triggers it.
  for (const c of r.codes ?? []) {
    if (!c.field.startsWith('events[')) continue;
    const e = r.events[Number(/^events\[(\d+)\]/.exec(c.field)?.[1] ?? -1)];
    if (c.table === 'sysext') {
      const row = codeTable('sysext').byName(c.name);
      const d = row?.value ? decodeSysextCode(row.value) : undefined;
      if (d) push(make(`code-sysext-${slug(c.name.replace(/^OSSystemExtensionError/, ''))}`, `System extension activation failed: ${c.name}`, 'system-extension', d, evidence(c.field, c.raw, d, c.line)));
    }
    if (c.table === 'jetsam') {
      const d = decodeJetsamReason(c.raw);
      if (d) push(jetsamDiagnosis(d, c.field, e?.message ?? c.raw, c.line));
    }
  }
  push(dextStartDiagnosis(r));
  return out;
}

function guardDiagnosis(d: Decoding, field: string, raw: string): Diagnosis | undefined {
  const [flavor, type] = d.rows.length > 1 ? d.rows : [undefined, d.rows[0]];
  if (!type) return undefined;
  const id = `code-guard-${slug(type.name.replace(/^GUARD_TYPE_/, ''))}${flavor ? `-${slug(flavor.name.replace(/^kGUARD_EXC_/, ''))}` : ''}`;
  const title = `Guard violation: ${flavor ? flavor.meaning : type.meaning} (${d.name.replace(/^EXC_GUARD \/ /, '')})`;
  const extra = flavor && type.cause && flavor.cause ? [`${type.cause}.`] : [];
  return make(id, title, 'app-crash', d, evidence(field, raw, d), extra);
}

function resourceDiagnosis(d: Decoding, field: string, raw: string): Diagnosis | undefined {
  const [flavor, type] = d.rows.length > 1 ? d.rows : [undefined, d.rows[0]];
  if (!type) return undefined;
  const id = `code-resource-${slug(type.name.replace(/^RESOURCE_TYPE_/, ''))}${flavor ? `-${slug(flavor.name.replace(/^FLAVOR_/, ''))}` : ''}`;
  const withCause: Decoding = { ...d, rows: [...d.rows, { name: type.name, meaning: type.meaning, cause: `The process went over its ${type.meaning}` }] };
  return make(id, `Resource limit: ${d.name.replace(/^EXC_RESOURCE \/ /, '')}`, 'resource', withCause, evidence(field, raw, d));
}

function jetsamDiagnosis(d: Decoding, field: string, raw: string, line?: number, confidence = CODE_CONFIDENCE): Diagnosis | undefined {
  const row = d.rows[0];
  if (!row) return undefined;
  return make(`code-jetsam-${slug(row.text ?? row.name.replace(/^JETSAM_REASON_/, ''))}`, `Jetsam kill: ${row.text ?? row.name} (${row.meaning})`, 'resource', d, evidence(field, raw, d, line), [], confidence);
}

/** The exit reason: a known code in its namespace, else the namespace itself (a signal is left to the exception). */
function terminationDiagnosis(r: Report): Diagnosis | undefined {
  const t = r.termination;
  if (!t?.namespace && !t?.code) return undefined;
  const ns = t.namespace ? namespaceRow(t.namespace) : undefined;
  if (ns?.name === 'OS_REASON_SIGNAL') return undefined;
  const d = t.code ? decodeTerminationCode(t.namespace, t.code) : undefined;
  if (d && (d.table === 'termination' || d.table === 'os_reason_code' || d.table === 'jetsam')) {
    const row = d.rows[0] as CodeRow;
    const key = d.table === 'termination' ? (row.value as string) : d.table === 'jetsam' ? `jetsam-${row.text ?? row.name}` : row.name;
    const withNs: Decoding = { ...d, rows: [...d.rows, ...(ns && !d.rows.includes(ns) ? [ns] : [])] };
    return make(`code-termination-${slug(key)}`, `Terminated: ${d.name} — ${d.meaning}`.slice(0, 200), 'resource', withNs, evidence('termination.code', `${t.namespace ? `${t.namespace} ` : ''}${t.code}`, d));
  }
  if (d) return undefined; // guard / resource codes: the exception's decoding explains them
  if (!ns) return undefined;
  const nd: Decoding = { table: 'os_reason', name: ns.name, meaning: ns.meaning, rows: [ns] };
  return make(`code-termination-${slug(ns.name.replace(/^OS_REASON_/, ''))}`, `Terminated by ${ns.name.replace(/^OS_REASON_/, '')}${t.code ? ` (code ${t.code})` : ''}`, 'resource', nd, evidence('termination.namespace', `${t.namespace}${t.code ? ` ${t.code}` : ''}`, nd));
}

/** "Start failed: 0xe00002c7", "DK: X-0x…::start(Y-0x…) fail" + a decoded IOReturn in a dext or kernel line. */
const START_FAILED = /\bStart(?:\(\))? (?:failed|fail|error)|::start\([^)\n]{0,120}\) fail\b|\bstart (?:failed|returned)\b/i;

/**
 * DriverKit event kinds that place a line in a dext's life (an activation error does not). Ingest gives
 * a kext's own lines no DriverKit kind (kernel-log/driverkit.ts), so a start failure here is a dext's.
 */
const DK_KINDS = new Set(['dk', 'dext-output', 'client-crashed', 'crash-count', 'crashed-too-many-times', 'pci-not-open', 'server-exit', 'start-failed']);

/** A line from DriverKit's world: a DK: line, the dext's own output, IOUserServer, a dext start failure (not a kext's). */
function isDriverKitLine(e: Report['events'][number]): boolean {
  const head = e.message.slice(0, 400);
  const kind = e.driverKit?.kind;
  if (kind && DK_KINDS.has(kind)) return true;
  return !!e.sender?.endsWith('.dext') || /\.dext\)|\bDK: |IOUserServer\(/.test(head);
}

function dextStartDiagnosis(r: Report): Diagnosis | undefined {
  const codes = (r.codes ?? []).filter((c) => c.field.startsWith('events[') && (c.table === 'ioreturn' || c.table === 'iokit_family' || c.table === 'kern_return' || c.table === 'mach_msg' || c.table === 'mig'));
  if (codes.length === 0) return undefined;
  const events = r.events.slice(0, MAX_EVENTS);
  const startIdx = events.findIndex((e) => isDriverKitLine(e) && START_FAILED.test(e.message.slice(0, 2000)));
  if (startIdx < 0) return undefined;
  // The code on the Start line itself, else the first code of a dext line after it.
  const idxOf = (f: string): number => Number(/^events\[(\d+)\]/.exec(f)?.[1] ?? -1);
  const startEvent = events[startIdx];
  const cls = startEvent?.driverKit?.kind === 'dk' ? startEvent.driverKit.className : undefined;
  // A nearby line about the same object ("AppleUserHIDEventDriver:0x… IOUserHIDEventService::Start:0xfffffecc") carries the start's result.
  const nearby = (i: number): boolean => {
    const e = events[i];
    return !!e && Math.abs(i - startIdx) <= NEARBY && (isDriverKitLine(e) || (cls !== undefined && e.message.slice(0, 400).includes(cls)));
  };
  const code =
    codes.find((c) => idxOf(c.field) === startIdx) ??
    codes.find((c) => idxOf(c.field) >= startIdx && START_FAILED.test(events[idxOf(c.field)]?.message ?? '')) ??
    codes.find((c) => nearby(idxOf(c.field)));
  if (!code) return undefined;
  const row = code.table === 'ioreturn' ? codeTable('ioreturn').byName(code.name) : undefined;
  const start = startEvent;
  const forDext = row?.dext ?? `${code.name} (${code.meaning}) was returned while the dext started`;
  const ev: Evidence[] = [
    { field: code.field, text: `${code.raw} = ${code.name}: ${code.meaning}`, ...(code.line !== undefined ? { line: code.line } : {}), required: true },
  ];
  if (start && idxOf(code.field) !== startIdx) ev.push({ field: `events[${startIdx}].message`, text: start.message.slice(0, 300), ...(start.line !== undefined ? { line: start.line } : {}), required: true });
  const short = code.name.replace(/^kIOReturn/, '');
  return {
    id: `dk-start-failed-${slug(short)}`,
    title: `DriverKit extension failed to start: ${code.name}`,
    category: 'driverkit',
    confidence: DK_CONFIDENCE,
    evidence: ev,
    causes: [`${forDext}.`.replace(/\.\.$/, '.'), 'Start returned before calling super::Start or opening its provider, or the provider is not the class the personality expects.'],
    nextSteps: [
      LINT_STEP,
      'Log every return path of Start with its IOReturn; call super::Start first and Open the provider before using it.',
      'Check the dext\'s signed entitlements (codesign -d --entitlements - MyDriver.dext) against what its provisioning profile grants.',
    ],
    references: ['https://developer.apple.com/documentation/driverkit/ioservice/3180709-start'],
  };
}

/**
 * Table-driven diagnoses rank below every hand-written cause that fired, and one that explains the
 * same field as a fired signature (watchdog-8badf00d on termination.code) is left out as a repeat.
 */
export function belowSignatures(fromCodes: Diagnosis[], fired: Diagnosis[]): Diagnosis[] {
  // Most reports decode no code the tables explain: nothing to place.
  if (fromCodes.length === 0) return [];
  const causes = fired.filter((d) => !d.grouping && !d.generic);
  const cited = new Set(causes.flatMap((d) => d.evidence.filter((e) => e.required !== false).map((e) => e.field)));
  const floor = Math.min(...causes.map((d) => d.confidence));
  const citesTermination = [...cited].some((f) => f.startsWith('termination.'));
  return fromCodes
    .filter((d) => !d.evidence.some((e) => cited.has(e.field)) && !(citesTermination && d.id.startsWith('code-termination-')))
    .map((d) => (Number.isFinite(floor) && d.confidence >= floor ? { ...d, confidence: Math.max(0, Math.round((floor - 0.01) * 100) / 100) } : d));
}
