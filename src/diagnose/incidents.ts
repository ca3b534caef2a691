/**
 * Incidents: reports of one run that belong together (a dext's .ips files, the kernel log around
 * them, a panic), tied by bundle id or process and by time (FORMATS §7.6), with one explanation.
 */
import type { CrashLoop, Diagnosis, Evidence, Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { rank } from './match.js';
import { detectLogLoops } from './loops.js';
import { subjectKeysOf } from './subjects.js';
import { parseTimeMs, reportTimeRange } from './time.js';

/** Reports further apart than this (outside each other's time range) are separate incidents. */
export const TIME_WINDOW_MS = 5 * 60_000;
const MAX_INCIDENT_EVIDENCE = 12;

export interface IncidentOptions {
  /** Builds the loop diagnosis (dk-dext-crash-loop) for loops seen only as repeated crash reports. */
  loopDiagnosis?: (loop: CrashLoop, dext: boolean) => Diagnosis | undefined;
}

/** Group reports (with diagnoses already filled) into incidents; single reports only when they show a loop. */
export function correlateIncidents(reports: Report[], opts: IncidentOptions = {}): Incident[] {
  const parent = reports.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const keys = reports.map(subjectKeysOf);
  const ranges = reports.map(reportTimeRange);
  for (let i = 0; i < reports.length; i++) {
    for (let j = i + 1; j < reports.length; j++) {
      if (!keys[i]?.some((k) => keys[j]?.includes(k))) continue;
      if (!timesCompatible(ranges[i], ranges[j])) continue;
      parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  reports.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const incidents: Incident[] = [];
  for (const members of groups.values()) {
    const inc = buildIncident(members, reports, keys, opts);
    if (members.length > 1 || inc.loop) incidents.push(inc);
  }
  return incidents;
}

function timesCompatible(a: [number, number] | undefined, b: [number, number] | undefined): boolean {
  if (!a || !b) return true;
  return a[0] - TIME_WINDOW_MS <= b[1] && b[0] - TIME_WINDOW_MS <= a[1];
}

function buildIncident(members: number[], reports: Report[], keys: string[][], opts: IncidentOptions): Incident {
  const shared = members.length > 1 ? commonKey(members.map((i) => keys[i] ?? [])) : keys[members[0] as number]?.[0];
  const inc: Incident = { reports: members, diagnoses: [] };
  const loop = incidentLoop(members, reports);
  const subject = loop?.subject ?? originalCase(shared, members, reports);
  if (subject) inc.subject = subject;
  if (loop) inc.loop = loop;
  inc.diagnoses = mergeDiagnoses(members, reports);
  if (loop && !inc.diagnoses.some((d) => d.id === 'dk-dext-crash-loop')) {
    const dext = members.some((i) => reports[i]?.process.path?.includes('.dext'));
    const d = opts.loopDiagnosis?.(loop, dext);
    if (d) inc.diagnoses = rank([...inc.diagnoses, d]);
  }
  return inc;
}

/** The loop of a group: the kernel log's crash counts, or repeated crash reports of one process. */
function incidentLoop(members: number[], reports: Report[]): CrashLoop | undefined {
  const logLoops = members.flatMap((i) => detectLogLoops(reports[i] as Report));
  const crashes = members.map((i) => reports[i] as Report).filter((r) => r.kind === 'crash');
  const bySubject = new Map<string, Report[]>();
  for (const r of crashes) {
    const s = r.process.bundleId ?? r.process.name;
    if (s) bySubject.set(s, [...(bySubject.get(s) ?? []), r]);
  }
  let repeated: CrashLoop | undefined;
  for (const [subject, list] of bySubject) {
    if (list.length < 2 || (repeated && repeated.count >= list.length)) continue;
    const times = list.map((r) => ({ raw: r.time, ms: parseTimeMs(r.time) })).filter((t) => t.ms !== undefined).sort((a, b) => (a.ms as number) - (b.ms as number));
    repeated = { subject, count: list.length };
    if (times.length > 0) {
      const first = times[0] as { raw?: string; ms?: number };
      const last = times[times.length - 1] as { raw?: string; ms?: number };
      if (first.raw) repeated.firstTime = first.raw;
      if (last.raw) repeated.lastTime = last.raw;
      repeated.spanSeconds = Math.round(((last.ms as number) - (first.ms as number)) / 100) / 10;
    }
  }
  const best = [...logLoops].sort((a, b) => b.count - a.count)[0];
  if (best && repeated && best.subject.toLowerCase() === repeated.subject.toLowerCase()) {
    return { ...best, count: Math.max(best.count, repeated.count) };
  }
  return best ?? repeated;
}

/** One list for the incident: each diagnosis once (its best version), evidence from every report, generic ones only if nothing else. */
function mergeDiagnoses(members: number[], reports: Report[]): Diagnosis[] {
  const byId = new Map<string, { best: Diagnosis; evidence: Evidence[] }>();
  for (const i of members) {
    for (const d of reports[i]?.diagnoses ?? []) {
      const ev = d.evidence.map((e) => (members.length > 1 ? { ...e, field: `reports[${i}].${e.field}` } : e));
      const cur = byId.get(d.id);
      if (!cur) byId.set(d.id, { best: d, evidence: ev });
      else {
        if (d.confidence > cur.best.confidence) cur.best = d;
        cur.evidence.push(...ev);
      }
    }
  }
  let list = [...byId.values()].map(({ best, evidence }) => ({ ...best, evidence: evidence.slice(0, MAX_INCIDENT_EVIDENCE) }));
  if (list.some((d) => !d.generic)) list = list.filter((d) => !d.generic);
  return rank(list);
}

function commonKey(lists: string[][]): string | undefined {
  return lists[0]?.find((k) => lists.every((l) => l.includes(k)));
}

/** Keys are lower case; show the subject as a report wrote it. */
function originalCase(key: string | undefined, members: number[], reports: Report[]): string | undefined {
  if (!key) return undefined;
  for (const i of members) {
    const r = reports[i] as Report;
    for (const s of [r.process.bundleId, r.process.name]) if (s && s.toLowerCase() === key) return s;
  }
  return key;
}
