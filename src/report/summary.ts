import type { Culprit, Diagnosis, Evidence, Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { headline } from './describe.js';
import type { AnalysisResult } from './json.js';

/**
 * The answer of a run, shared by the text, Markdown and HTML renderers: which incidents lead,
 * which report belongs to which incident, and what of a diagnosis is a report's own. Every
 * renderer says the incident's diagnosis once and gives each report only its own facts.
 */

/** Incidents worth a heading of their own: several reports tied together, or a crash loop. */
export function shownIncidents(result: AnalysisResult): Incident[] {
  return (result.incidents ?? []).filter((inc) => inc.reports.length > 1 || inc.loop);
}

/** Report index → the shown incident it belongs to (and that incident's 1-based number). */
export function incidentByReport(incidents: Incident[]): Map<number, { incident: Incident; number: number }> {
  const out = new Map<number, { incident: Incident; number: number }>();
  incidents.forEach((incident, i) => {
    for (const r of incident.reports) if (!out.has(r)) out.set(r, { incident, number: i + 1 });
  });
  return out;
}

/** "com.example.driver crash loop: 5 crashes over 5 min 20 s" or "Incident: com.example.driver (2 reports)". */
export function incidentHeadline(inc: Incident, reports: Report[]): string {
  if (inc.loop) {
    const span = inc.loop.spanSeconds !== undefined ? ` over ${duration(inc.loop.spanSeconds)}` : '';
    return `${inc.loop.subject} crash loop: ${inc.loop.count} crashes${span}`;
  }
  if (inc.reports.length === 1) return headline(reports[inc.reports[0] as number] as Report);
  return `${inc.subject ?? 'Related reports'}: ${inc.reports.length} reports of one incident`;
}

/** "2026-03-01 10:21:07 → 10:26:27" for a loop with times, else undefined. */
export function loopWhen(inc: Incident): string | undefined {
  if (!inc.loop?.firstTime || !inc.loop.lastTime) return undefined;
  return `${inc.loop.firstTime} → ${inc.loop.lastTime}`;
}

/** The evidence a report contributed to a diagnosis (by id), else its own top diagnosis's. */
export function ownEvidence(r: Report, diagnosisId: string | undefined): { diagnosis?: Diagnosis; evidence: Evidence[] } {
  const own = (r.diagnoses ?? []).find((d) => d.id === diagnosisId);
  if (own) return { diagnosis: own, evidence: own.evidence };
  return { evidence: [] };
}

/**
 * "libggml-base.dylib — third-party library; the fault happened in its code",
 * "com.acme.kext 1.2 — implicated: third-party kext in the panic backtrace".
 */
export function culpritText(c: Culprit): string {
  const id = c.bundleId && c.bundleId !== c.name ? ` (${c.bundleId})` : '';
  const head = `${c.name}${id}${c.version ? ` ${c.version}` : ''}`;
  if (c.role === 'implicated') return `${head} — implicated${c.reason ? `: ${c.reason}` : ''}`;
  const owner = c.apple === true ? "Apple's" : c.apple === false ? 'third-party' : undefined;
  const what = c.role === 'faulting' ? (c.kind === 'process' ? 'the process that was ended' : 'the fault happened in its code') : undefined;
  return `${head} — ${[owner, CULPRIT_KIND[c.kind] ?? c.kind].filter(Boolean).join(' ')}${what ? `; ${what}` : ''}`;
}

/** The culprit and the implicated modules of a diagnosis, culprit first. */
export function modulesOf(d: Diagnosis): Culprit[] {
  return [...(d.culprit ? [d.culprit] : []), ...(d.implicated ?? [])];
}

const CULPRIT_KIND: Record<Culprit['kind'], string> = {
  kext: 'kernel extension',
  dext: 'DriverKit extension',
  'app-image': 'app code',
  framework: 'framework',
  process: 'process',
  image: 'library',
  coprocessor: 'coprocessor',
  'crash-reporter': 'crash reporter',
};

/** "5 min 20 s", "2 h 3 min", "45 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

export const pct = (c: number): string => `${Math.round(c * 100)}%`;

/** Where a report came from: "dext-crash.ips:12 · ips (bug_type 309)". */
export function sourceLine(r: Report): string {
  const where = `${r.source.path}${r.source.startLine && r.source.startLine > 1 ? `:${r.source.startLine}` : ''}`;
  return `${where} · ${r.source.format}${r.source.bugType ? ` (bug_type ${r.source.bugType})` : ''}`;
}

/** Exception in one line: "EXC_CRASH (SIGABRT) 0x0, 0x0". */
export function exceptionLine(r: Report): string | undefined {
  const e = r.exception;
  if (!e) return undefined;
  const s = [e.type, e.signal && `(${e.signal})`, e.codes].filter(Boolean).join(' ');
  return s || undefined;
}

export function terminationLine(r: Report): string | undefined {
  const t = r.termination;
  if (!t || (!t.namespace && !t.code)) return undefined;
  return `${[t.namespace, t.code].filter(Boolean).join(' ')}${t.reasons?.length ? ` — ${t.reasons.join('; ')}` : ''}`;
}

/** "panic message @file:line" in one line. */
export function panicLine(r: Report): string | undefined {
  if (!r.panic?.message) return undefined;
  const at = r.panic.file ? ` @${r.panic.file}${r.panic.line ? `:${r.panic.line}` : ''}` : '';
  return `${r.panic.message.split('\n')[0] ?? ''}${at}`;
}

/** The environment of a report as label/value rows: OS and build, model, arch, process and version, dext or kext and version. */
export function environmentRows(r: Report): [string, string][] {
  const name = [r.os.platform, r.os.version].filter(Boolean).join(' ') || r.os.raw;
  const build = r.os.build ?? r.panic?.osBuild;
  const rows: [string, string | undefined][] = [
    ['OS', name ? (build && !name.includes(build) ? `${name} (${build})` : name) : build],
    ['Kernel', r.os.kernelVersion ?? r.panic?.kernelVersion],
    ['Model', r.hardware.model],
    ['Architecture', r.hardware.arch],
    ['Process', r.process.name && `${r.process.name}${r.process.version ? ` ${r.process.version}` : ''}${r.process.pid !== undefined ? `, pid ${r.process.pid}` : ''}`],
    ['Bundle id', r.process.bundleId],
    ['Path', r.process.path],
    ['Driver', driverLine(r)],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}

/** The dext or third-party kexts a report names, with versions: "com.example.driver.FastRAID 2.1.0 (kext)". */
function driverLine(r: Report): string | undefined {
  const culprit = r.diagnoses?.find((d) => d.culprit && (d.culprit.kind === 'kext' || d.culprit.kind === 'dext'))?.culprit;
  if (culprit) return `${culprit.bundleId ?? culprit.name}${culprit.version ? ` ${culprit.version}` : ''} (${culprit.kind})`;
  if (r.process.path?.includes('.dext/')) return `${r.process.bundleId ?? r.process.name ?? '?'}${r.process.version ? ` ${r.process.version}` : ''} (dext)`;
  const kexts = (r.panic?.kexts ?? []).filter((k) => !k.bundleId.startsWith('com.apple.'));
  if (kexts.length > 0) return kexts.map((k) => `${k.bundleId}${k.version ? ` ${k.version}` : ''} (kext)`).join(', ');
  const dexts = r.panic?.dexts ?? [];
  if (dexts.length > 0) return dexts.map((d) => `${d.bundleId} (dext)`).join(', ');
  return undefined;
}

/** Identifying facts of the original report: incident id, times, where it came from. */
export function identityRows(r: Report): [string, string][] {
  const first = r.events.find((e) => e.time)?.time;
  const last = [...r.events].reverse().find((e) => e.time)?.time;
  const rows: [string, string | undefined][] = [
    ['Incident id', r.incident],
    ['Report time', r.time],
    ['Panic time', r.panic?.time !== r.time ? r.panic?.time : undefined],
    ['Log lines', first && last ? (first === last ? first : `${first} → ${last}`) : undefined],
    ['Launch time', r.process.launchTime],
    ['Source', `${r.source.path}${r.source.startLine && r.source.startLine > 1 ? `:${r.source.startLine}` : ''}`],
    ['Form', `${r.source.format}${r.source.bugType ? `, bug_type ${r.source.bugType}` : ''}${r.source.producer ? `, written by ${r.source.producer}` : ''}`],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}
