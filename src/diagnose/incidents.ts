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

/**
 * What correlation needs of one report, small enough to keep for thousands of reports (triage keeps
 * these instead of the reports). Diagnoses are the report's own, already filled.
 */
export interface IncidentMember {
  kind: Report['kind'];
  /** Lower-case bundle ids and process names (subjectKeysOf). */
  keys: string[];
  /** Earliest and latest time the report covers, epoch ms. */
  range?: [number, number];
  bundleId?: string;
  name?: string;
  /** The process runs from a .dext bundle. */
  dext?: boolean;
  /** The report time as written, and parsed (repeated crash reports make a loop). */
  time?: string;
  timeMs?: number;
  /**
   * The report's incident identifier, upper case: an .ips and the .crash made from it (a converter,
   * a symbolicated copy) share it, and are one crash, not a loop.
   */
  incident?: string;
  /** Crash loops its kernel-log lines show. */
  logLoops?: CrashLoop[];
  diagnoses: Diagnosis[];
}

export function incidentMemberOf(r: Report): IncidentMember {
  const m: IncidentMember = { kind: r.kind, keys: subjectKeysOf(r), diagnoses: r.diagnoses ?? [] };
  const range = reportTimeRange(r);
  if (range) m.range = range;
  if (r.process.bundleId) m.bundleId = r.process.bundleId;
  if (r.process.name) m.name = r.process.name;
  if (r.process.path?.includes('.dext')) m.dext = true;
  if (r.time) m.time = r.time;
  const ms = parseTimeMs(r.time);
  if (ms !== undefined) m.timeMs = ms;
  if (r.incident) m.incident = r.incident.toUpperCase();
  const loops = r.events.length > 0 ? detectLogLoops(r) : [];
  if (loops.length > 0) m.logLoops = loops;
  return m;
}

/** Group reports (with diagnoses already filled) into incidents; single reports only when they show a loop. */
export function correlateIncidents(reports: Report[], opts: IncidentOptions = {}): Incident[] {
  return correlateMembers(reports.map(incidentMemberOf), opts);
}

/**
 * Incidents over member summaries: two members join when they share a key and their time ranges
 * lie within TIME_WINDOW_MS of each other. Per key, a sweep over ranges sorted by start unites the
 * same members as comparing every pair would, in O(n log n), so thousands of reports stay cheap.
 */
export function correlateMembers(members: IncidentMember[], opts: IncidentOptions = {}): Incident[] {
  const parent = members.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byKey = new Map<string, number[]>();
  members.forEach((m, i) => {
    for (const k of m.keys) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    // A member without a time is compatible with every other: the whole key group joins.
    if (list.some((i) => !members[i]?.range)) {
      for (const i of list) union(list[0] as number, i);
      continue;
    }
    const sorted = [...list].sort((a, b) => (members[a]?.range?.[0] as number) - (members[b]?.range?.[0] as number));
    let anchor = sorted[0] as number;
    let maxEnd = members[anchor]?.range?.[1] as number;
    for (const i of sorted.slice(1)) {
      const [start, end] = members[i]?.range as [number, number];
      if (start - TIME_WINDOW_MS <= maxEnd) {
        union(anchor, i);
        maxEnd = Math.max(maxEnd, end);
      } else {
        anchor = i;
        maxEnd = end;
      }
    }
  }
  const groups = new Map<number, number[]>();
  members.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  const incidents: Incident[] = [];
  for (const group of groups.values()) {
    const inc = buildIncident(group, members, opts);
    if (group.length > 1 || inc.loop) incidents.push(inc);
  }
  return incidents;
}

function buildIncident(group: number[], members: IncidentMember[], opts: IncidentOptions): Incident {
  const shared = group.length > 1 ? commonKey(group.map((i) => members[i]?.keys ?? [])) : members[group[0] as number]?.keys[0];
  const inc: Incident = { reports: group, diagnoses: [] };
  const loop = incidentLoop(group, members);
  const subject = loop?.subject ?? originalCase(shared, group, members);
  if (subject) inc.subject = subject;
  if (loop) inc.loop = loop;
  inc.diagnoses = mergeDiagnoses(group, members);
  if (loop && !inc.diagnoses.some((d) => d.id === 'dk-dext-crash-loop')) {
    const dext = group.some((i) => members[i]?.dext === true);
    const d = opts.loopDiagnosis?.(loop, dext);
    if (d) inc.diagnoses = rank([...inc.diagnoses, d]);
  }
  return inc;
}

/** The loop of a group: the kernel log's crash counts, or repeated crash reports of one process. */
function incidentLoop(group: number[], members: IncidentMember[]): CrashLoop | undefined {
  const logLoops = group.flatMap((i) => members[i]?.logLoops ?? []);
  const bySubject = new Map<string, IncidentMember[]>();
  for (const i of group) {
    const m = members[i] as IncidentMember;
    if (m.kind !== 'crash') continue;
    const s = m.bundleId ?? m.name;
    if (!s) continue;
    const list = bySubject.get(s);
    if (list) list.push(m);
    else bySubject.set(s, [m]);
  }
  let repeated: CrashLoop | undefined;
  for (const [subject, list] of bySubject) {
    if (list.length < 2 || (repeated && repeated.count >= list.length)) continue;
    const count = distinctCrashCount(list);
    if (count < 2 || (repeated && repeated.count >= count)) continue;
    const times = list.filter((m) => m.timeMs !== undefined).sort((a, b) => (a.timeMs as number) - (b.timeMs as number));
    repeated = { subject, count };
    if (times.length > 0) {
      const first = times[0] as IncidentMember;
      const last = times[times.length - 1] as IncidentMember;
      if (first.time) repeated.firstTime = first.time;
      if (last.time) repeated.lastTime = last.time;
      repeated.spanSeconds = Math.round(((last.timeMs as number) - (first.timeMs as number)) / 100) / 10;
    }
  }
  const best = [...logLoops].sort((a, b) => b.count - a.count)[0];
  if (best && repeated && best.subject.toLowerCase() === repeated.subject.toLowerCase()) {
    return { ...best, count: Math.max(best.count, repeated.count) };
  }
  return best ?? repeated;
}

/** Whether copies of the report can be told by what distinctCrashCount reads: an incident identifier, or a time to the millisecond. */
export function copiesTellable(m: { incident?: string; timeMs?: number }): boolean {
  return m.incident !== undefined || hasPreciseTime(m);
}

/** A time with a fraction of a second: whole seconds are shared by distinct crashes. */
function hasPreciseTime(m: { timeMs?: number }): m is { timeMs: number } {
  return m.timeMs !== undefined && m.timeMs % 1000 !== 0;
}

/**
 * How many crashes a subject's reports are. Copies of one crash (an .ips and the .crash made from it)
 * count once: they share the incident identifier or, where a copy lost it, the time to the
 * millisecond. Reports with two different identifiers are two crashes, and a time written without a
 * fraction of a second tells nothing (distinct crashes share whole seconds). Order-independent: the
 * count is the number of groups the two ties make.
 */
export function distinctCrashCount(list: readonly { incident?: string; timeMs?: number }[]): number {
  const parent = list.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  const byIncident = new Map<string, number>();
  const byTime = new Map<number, number[]>();
  list.forEach((m, i) => {
    if (m.incident) {
      const j = byIncident.get(m.incident);
      if (j === undefined) byIncident.set(m.incident, i);
      else union(i, j);
    }
    if (hasPreciseTime(m)) {
      const at = byTime.get(m.timeMs);
      if (at) at.push(i);
      else byTime.set(m.timeMs, [i]);
    }
  });
  // A report without an identifier ties every report of its time to it: the time's reports are one crash.
  for (const at of byTime.values()) if (at.some((i) => !list[i]?.incident)) for (const i of at) union(i, at[0] as number);
  let count = 0;
  list.forEach((_, i) => {
    if (find(i) === i) count++;
  });
  return count;
}

/** One list for the incident: each diagnosis once (its best version), evidence from every report, generic ones only if nothing else. */
function mergeDiagnoses(group: number[], members: IncidentMember[]): Diagnosis[] {
  const byId = new Map<string, { best: Diagnosis; evidence: Evidence[] }>();
  for (const i of group) {
    for (const d of members[i]?.diagnoses ?? []) {
      const cur = byId.get(d.id);
      // Evidence beyond the cap is never shown: stop copying it (a triage incident can hold thousands of reports).
      const room = MAX_INCIDENT_EVIDENCE - (cur?.evidence.length ?? 0);
      const ev = room <= 0 ? [] : d.evidence.slice(0, room).map((e) => (group.length > 1 ? { ...e, field: `reports[${i}].${e.field}` } : e));
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
function originalCase(key: string | undefined, group: number[], members: IncidentMember[]): string | undefined {
  if (!key) return undefined;
  for (const i of group) {
    const m = members[i] as IncidentMember;
    for (const s of [m.bundleId, m.name]) if (s && s.toLowerCase() === key) return s;
  }
  return key;
}
