/**
 * One report reduced to what triage keeps: its bucket, the facts a bucket counts, and what
 * incident correlation needs. Plain JSON values only, so it crosses worker boundaries and goes
 * into the mergeable JSON as it is. Core code, no Node API.
 */
import type { Culprit, Diagnosis } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { copiesTellable, incidentMemberOf, type IncidentMember } from '../diagnose/incidents.js';
import { isRealDate, parseTimeMs } from '../diagnose/time.js';
import { showsNoFailure } from '../diagnose/generic.js';
import { bucketOf, type BucketKey } from './fingerprint.js';
import type { SkipList } from './skip-list.js';

export interface ReportSummary {
  /** `path`, or `path#<n>` for the document with index n > 0 of a file holding several; archives: `a.zip!/inner/path`. */
  ref: string;
  path: string;
  kind: Report['kind'];
  bucket: BucketKey;
  /** Report time, epoch ms, when it could be read. */
  timeMs?: number;
  /** The report's incident identifier (upper case), when it has one: copies of one crash share it. */
  incident?: string;
  os?: string;
  hardware?: string;
  process?: string;
  version?: string;
  likelyCause?: { id: string; title: string; confidence: number };
  /** Its likely cause says it shows no failure (showsNoFailure). */
  noFailure?: true;
  culprit?: Culprit;
  /**
   * Present when the report can take part in an incident (it has a subject, or shows a loop), or can
   * be told from its copies (copiesTellable: a panic kept in DiagnosticReports and again in a
   * sysdiagnose names no process, but its copies are one crash all the same).
   */
  member?: IncidentMember;
}

export function summarizeReport(report: Report, skip: SkipList): ReportSummary {
  const path = report.source.path;
  const s: ReportSummary = {
    ref: report.source.documentIndex ? `${path}#${report.source.documentIndex}` : path,
    path,
    kind: report.kind,
    bucket: bucketOf(report, skip),
  };
  // A time from a clock that was never set is no date: the report counts as one without a time.
  const t = timeOf(report);
  if (t !== undefined && isRealDate(t)) s.timeMs = t;
  const member = incidentMemberOf(report);
  if (member.incident) s.incident = member.incident;
  const os = osText(report);
  if (os) s.os = os;
  const hw = report.hardware.model ?? report.hardware.arch;
  if (hw) s.hardware = hw;
  const proc = report.process.name ?? report.process.bundleId ?? report.panic?.panickedProcess ?? report.jetsam?.killed?.[0]?.name;
  if (proc) s.process = proc;
  if (report.process.version) s.version = report.process.version;
  const top = report.diagnoses?.[0];
  if (top) s.likelyCause = { id: top.id, title: top.title, confidence: top.confidence };
  if (top && showsNoFailure(top)) s.noFailure = true;
  const culprit = report.diagnoses?.find((d) => d.culprit)?.culprit;
  if (culprit) s.culprit = { ...culprit };
  if (member.keys.length > 0 || (member.logLoops?.length ?? 0) > 0 || copiesTellable(member)) {
    member.diagnoses = member.diagnoses.map(slimDiagnosis); // a fresh member: replaced in place, in its position
    s.member = member;
  }
  return s;
}

/** What an incident keeps of a diagnosis: who and what, not the evidence text of every report. */
export function slimDiagnosis(d: Diagnosis): Diagnosis {
  // Properties in this order (the JSON's), without the spreads of optional ones: one object per diagnosis.
  const slim: Diagnosis = { id: d.id, title: d.title, category: d.category, confidence: d.confidence } as Diagnosis;
  if (d.generic) slim.generic = true;
  if (d.grouping) slim.grouping = true;
  slim.evidence = [];
  slim.causes = d.causes.slice(0, 3);
  slim.nextSteps = [];
  slim.references = [];
  if (d.culprit) slim.culprit = d.culprit;
  return slim;
}

export function timeOf(r: Report): number | undefined {
  const t = parseTimeMs(r.time) ?? r.panic?.timeEpochMs ?? parseTimeMs(r.panic?.time);
  if (t !== undefined) return t;
  for (const e of r.events) {
    const ms = e.epochMs ?? e.localMs;
    if (ms !== undefined) return ms;
  }
  return undefined;
}

function osText(r: Report): string | undefined {
  const { platform, version, build, raw } = r.os;
  if (version || build) {
    // The parts that are there, joined by spaces (no list per report).
    let text = platform || '';
    if (version) text = text ? `${text} ${version}` : version;
    if (build) text = text ? `${text} (${build})` : `(${build})`;
    return text;
  }
  return raw;
}
