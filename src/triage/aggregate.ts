/**
 * Folding report summaries into buckets, incidents and the triage JSON (schemaVersion 1). Every
 * statistic is order-independent (counts, min/max times, smallest example paths), so results that
 * workers send in any order, or shards merged later, give exactly what one sequential run gives.
 * Core code, no Node API. `buildTriageJson` is the one function that shapes the document: renderers
 * (table, Markdown, HTML) read the document it returns.
 */
import type { CrashLoop, Culprit, Diagnosis } from '../model/diagnosis.js';
import { correlateMembers, distinctCrashCount, type IncidentMember, type IncidentOptions } from '../diagnose/incidents.js';
import { FINGERPRINT_VERSION } from './fingerprint.js';
import type { ReportSummary } from './summary.js';
import type { Baseline } from './baseline.js';

export const TRIAGE_SCHEMA_VERSION = 1;
/** Where the JSON Schema of the triage document is published; the same file ships in the package as schema/triage.schema.json. */
export const TRIAGE_SCHEMA_ID = 'https://paniclens.dev/schemas/triage.schema.json';
/** Example files kept per bucket (the smallest paths, so the choice does not depend on order). */
export const MAX_EXAMPLES = 5;
const MAX_INCIDENT_REFS = 20;
/** Strings shorter than this are kept as they are (see ownString). */
const SHORT_STRING = 13;
/** Kept member diagnoses of one id and title compared in place before the JSON text keys them. */
const MAX_DIAGNOSIS_VARIANTS = 8;

type MemberDiagnosis = TriageMember['diagnoses'][number];

export type Counts = Record<string, number>;

export interface TriageBucket {
  id: string;
  /** Reports in the bucket. */
  count: number;
  /**
   * Distinct crashes among them: copies of one crash (an .ips and the .crash made from it, sharing
   * the incident identifier or the time to the millisecond) count once. Told among the reports that
   * are incident members (that name a process, bundle id or dext); others count one each.
   */
  crashes: number;
  fingerprint: string;
  /** Signature id for signature buckets, else null. */
  signature: string | null;
  title: string;
  /** The most frequent report kind of the bucket; `kinds` counts them all. */
  kind: string;
  kinds: Counts;
  /** Title of the bucket's most frequent top diagnosis, with its best confidence. */
  likelyCause: string | null;
  likelyCauseId: string | null;
  confidence: number | null;
  culprit: Culprit | null;
  /** ISO 8601 UTC; null when no report of the bucket had a readable time. */
  firstSeen: string | null;
  lastSeen: string | null;
  osVersions: Counts;
  hardware: Counts;
  processes: Record<string, { count: number; versions: Counts }>;
  examples: string[];
  /** Every top diagnosis seen in the bucket (what likelyCause is chosen from). */
  causes: { id: string; title: string; count: number; confidence: number }[];
  /** Every culprit seen in the bucket (what culprit is chosen from). */
  culprits: (Culprit & { count: number })[];
  /**
   * Its reports whose likely cause shows no failure (a stackshot taken by hand, a kernel log without
   * an error line): when that is all of them (noFailure = count), the renderers list the bucket apart.
   */
  noFailure?: number;
  /** With a baseline (--baseline): whether the earlier run had no such bucket. */
  new?: boolean;
  /** With a baseline: the bucket's report count in the earlier run, null when it had none. */
  baselineCount?: number | null;
}

export interface TriageIncident {
  subject: string | null;
  /** How many reports the incident holds. */
  count: number;
  /** Distinct crashes among them: copies of one crash count once (as a bucket's `crashes`). */
  crashes: number;
  /** Its reports (refs), the first MAX_INCIDENT_REFS in path order. */
  reports: string[];
  buckets: string[];
  loop: CrashLoop | null;
  diagnoses: { id: string; title: string; category: string; confidence: number; culprit?: Culprit }[];
}

/** What incident correlation keeps of one report in the JSON, so shards can be merged. */
export type TriageMember = Omit<IncidentMember, 'diagnoses'> & { ref: string; bucket: string; diagnoses: Omit<Diagnosis, 'evidence' | 'nextSteps' | 'references'>[] };

export interface TriageError {
  path: string;
  message: string;
}

export interface TriageSummary {
  /** Files read (archive entries count one each) and files that failed. */
  files: number;
  reports: number;
  failed: number;
  /** Files in folders and archives that were passed over: no report extension. */
  skipped: number;
  /** Reports older than --since, left out. */
  beforeSince: number;
  /** Reports about none of the --process names, left out; absent without --process. */
  otherProcesses?: number;
  buckets: number;
  incidents: number;
  /** Ctrl-C stopped the run: the figures cover what was read until then. */
  interrupted: boolean;
  since: string | null;
  /** The --process names the run kept reports of (lower case, sorted); absent when it kept every report. */
  processes?: string[] | null;
  /**
   * With --baseline: the earlier run's bucket count, how many of this run's are new, how many of its
   * own were not seen again, and those (largest first).
   */
  baseline: { buckets: number; new: number; gone: number; goneBuckets: { id: string; title: string; count: number }[] } | null;
}

export interface TriageDocument {
  $schema: string;
  schemaVersion: number;
  fingerprintVersion: number;
  summary: TriageSummary;
  buckets: TriageBucket[];
  incidents: TriageIncident[];
  errors: TriageError[];
  /** Per-report incident inputs, kept so `--merge` recomputes incidents over every shard. */
  members: TriageMember[];
  /** With --redact: the categories of personal data replaced by placeholders (empty when none was found). */
  redactions?: string[];
}

interface BucketAcc {
  id: string;
  fingerprint: string;
  signature?: string;
  title: string;
  kinds: Map<string, number>;
  count: number;
  first?: number;
  last?: number;
  os: Map<string, number>;
  hardware: Map<string, number>;
  processes: Map<string, { count: number; versions: Map<string, number> }>;
  examples: string[];
  causes: Map<string, { id: string; title: string; count: number; confidence: number }>;
  culprits: Map<string, Culprit & { count: number }>;
  /** Reports whose likely cause shows no failure. */
  noFailure: number;
}

export interface TriageOptions {
  /** Leave out reports older than this (epoch ms); reports without a time stay. */
  sinceMs?: number;
  /** Keep only the reports about one of these processes (processNames gives the form); see aboutProcess. */
  processes?: string[];
  /** Only the N largest buckets in the document (the summary still counts all). */
  top?: number;
  incidentOptions?: IncidentOptions;
  /** An earlier run to compare with: buckets are marked new or given their earlier count. */
  baseline?: Baseline;
}

export class TriageAccumulator {
  files = 0;
  failed = 0;
  skipped = 0;
  reports = 0;
  beforeSince = 0;
  otherProcesses = 0;
  interrupted = false;
  private readonly buckets = new Map<string, BucketAcc>();
  private readonly members: TriageMember[] = [];
  private readonly errors: TriageError[] = [];
  /**
   * Members are the one part of the state that grows with every report, and most of a member is
   * what many reports share (the same diagnosis with its causes and culprit, the same subject keys):
   * equal values are kept once and referenced (never mutated), which the JSON cannot tell apart.
   */
  private readonly sharedValues = new Map<string, unknown>();

  /** Own copies of the strings members keep (see copied()), each made once: members repeat the same names and keys. */
  private readonly ownStrings = new Map<string, string>();
  /**
   * Member diagnoses kept, by id, title and culprit name: a report's diagnosis is compared with these
   * in place (no JSON text built for it), which is what most reports need, as they repeat a kept
   * one. The culprit name splits the variants of one diagnosis (the same signature in many apps)
   * so that a report compares with its own app's few, not with every app's.
   */
  private readonly memberDiagnoses = new Map<string, Map<string, Map<string, KeptDiagnosis[]>>>();

  /**
   * Members' subject key lists kept, by their first then last key: compared element by element, no
   * JSON text per member. The last key (a process name) splits the variants of one bundle id, so a
   * member compares with a few lists, not with every app version's.
   */
  private readonly memberKeys = new Map<string, Map<string, string[][]>>();

  private readonly opts: TriageOptions;

  constructor(opts: TriageOptions = {}) {
    this.opts = opts.processes !== undefined ? { ...opts, processes: processNames(opts.processes) } : opts;
  }

  private shared<T>(value: T): T {
    const key = JSON.stringify(value);
    const have = this.sharedValues.get(key);
    if (have !== undefined) return have as T;
    const kept = JSON.parse(key) as T;
    this.sharedValues.set(key, kept);
    return kept;
  }

  private ownString = (s: string): string => {
    // V8 copies substrings this short (slices and joined strings start at 13 characters): such a
    // string holds no report text, and a map entry would cost more than the string it saves.
    if (s.length < SHORT_STRING) return s;
    let o = this.ownStrings.get(s);
    if (o === undefined) {
      o = copied(s);
      this.ownStrings.set(o, o);
    }
    return o;
  };

  /** The kept list JSON-equal to `keys` (shared()), found without its JSON text when it is a list of strings. */
  private sharedKeys(keys: unknown): unknown {
    if (!Array.isArray(keys) || keys.length === 0) return this.shared(keys);
    const first: unknown = keys[0];
    const last: unknown = keys[keys.length - 1];
    if (typeof first !== 'string' || typeof last !== 'string') return this.shared(keys);
    let byLast = this.memberKeys.get(first);
    let list = byLast?.get(last);
    if (list) {
      for (const kept of list) if (sameStrings(kept, keys)) return kept;
      if (list.length >= MAX_DIAGNOSIS_VARIANTS) return this.shared(keys);
    }
    const kept = this.shared(keys) as string[];
    if (!byLast) {
      byLast = new Map();
      this.memberKeys.set(kept[0] as string, byLast);
    }
    if (!list) {
      list = [];
      byLast.set(kept[kept.length - 1] as string, list);
    }
    list.push(kept);
    return kept;
  }

  /** The kept diagnosis JSON-equal to `d` without evidence, nextSteps and references (memberDiagnosis), shared. */
  private sharedDiagnosis(d: Diagnosis): MemberDiagnosis {
    if (typeof d.id !== 'string' || typeof d.title !== 'string') return this.shared(memberDiagnosis(d));
    let byTitle = this.memberDiagnoses.get(d.id);
    if (!byTitle) {
      byTitle = new Map();
      this.memberDiagnoses.set(this.ownString(d.id), byTitle);
    }
    let byCulprit = byTitle.get(d.title);
    if (!byCulprit) {
      byCulprit = new Map();
      byTitle.set(this.ownString(d.title), byCulprit);
    }
    const who = d.culprit && typeof d.culprit.name === 'string' ? d.culprit.name : '';
    let list = byCulprit.get(who);
    if (!list) {
      list = [];
      byCulprit.set(this.ownString(who), list);
    }
    if (list.length > 0) {
      const keys = memberKeysOf(d);
      for (const kept of list) if (sameMemberDiagnosis(kept, d, keys)) return kept.value;
    }
    // Past a few variants of one id, title and culprit name (culprit versions), the JSON text is the key: no long scans.
    if (list.length >= MAX_DIAGNOSIS_VARIANTS) return this.shared(memberDiagnosis(d));
    const kept = this.shared(memberDiagnosis(d));
    list.push({ value: kept, keys: Object.keys(kept) });
    return kept;
  }

  /** One input file's outcome: its reports' summaries, or why it failed. */
  addFile(summaries: ReportSummary[], error?: TriageError): void {
    this.files++;
    if (error) {
      this.failed++;
      this.errors.push(error);
    }
    for (const s of summaries) this.addReport(s);
  }

  addError(error: TriageError): void {
    this.files++;
    this.failed++;
    this.errors.push(error);
  }

  /** Why --since or --process leaves a report out, or undefined when it is kept. */
  private leftOut(s: ReportSummary): 'since' | 'process' | undefined {
    if (this.opts.sinceMs !== undefined && s.timeMs !== undefined && s.timeMs < this.opts.sinceMs) return 'since';
    if (this.opts.processes !== undefined && !aboutProcess(s, this.opts.processes)) return 'process';
    return undefined;
  }

  /** Whether addReport keeps the report in the buckets (the ndjson stream writes only those). */
  keeps(s: ReportSummary): boolean {
    return this.leftOut(s) === undefined;
  }

  addReport(s: ReportSummary): void {
    const out = this.leftOut(s);
    if (out === 'since') this.beforeSince++;
    if (out === 'process') this.otherProcesses++;
    if (out !== undefined) return;
    this.reports++;
    const b = this.bucket(s.bucket.id, s.bucket.fingerprint, s.bucket.title, s.bucket.signature);
    b.count++;
    if (s.noFailure) b.noFailure++;
    bump(b.kinds, s.kind);
    if (s.timeMs !== undefined) {
      if (b.first === undefined || s.timeMs < b.first) b.first = s.timeMs;
      if (b.last === undefined || s.timeMs > b.last) b.last = s.timeMs;
    }
    if (s.os) bump(b.os, s.os);
    if (s.hardware) bump(b.hardware, s.hardware);
    if (s.process) {
      let p = b.processes.get(s.process);
      if (!p) {
        p = { count: 0, versions: new Map<string, number>() };
        b.processes.set(copied(s.process), p);
      }
      p.count++;
      if (s.version) bump(p.versions, s.version);
    }
    addExample(b.examples, s.ref);
    if (s.likelyCause) addCause(b.causes, s.likelyCause, 1);
    if (s.culprit) addCulprit(b.culprits, s.culprit, 1);
    if (s.member) this.members.push(this.keptMember(s.member, s.ref, b.id));
  }

  /**
   * What the members list keeps of a summary's member: its properties in order (keys shared, the
   * rest copied, as JSON would), then ref, bucket and diagnoses, as `{ ...copied(rest), ref, bucket,
   * diagnoses }` has them. Plain JSON data is built directly; anything else takes that path itself.
   */
  private keptMember(m: IncidentMember, ref: string, bucket: string): TriageMember {
    const diagnoses = m.diagnoses.map((d) => this.sharedDiagnosis(d));
    const out: Record<string, unknown> = {};
    let plain = m.keys !== undefined && (Object.getPrototypeOf(m) === Object.prototype || Object.getPrototypeOf(m) === null) && !('toJSON' in m);
    if (plain) {
      for (const k of Object.keys(m)) {
        if (k === 'diagnoses') continue;
        // shared() keys its values by their JSON text: the same for the keys as for a copy of them.
        const v = k === 'keys' ? this.sharedKeys(m.keys) : k === '__proto__' ? NOT_PLAIN : ownPlain((m as unknown as Record<string, unknown>)[k], this.ownString, 1);
        if (v === NOT_PLAIN) {
          plain = false;
          break;
        }
        out[k] = v;
      }
    }
    if (!plain) {
      const { diagnoses: _d, ...rest } = m;
      const member = copied(rest);
      member.keys = this.shared(member.keys); // in place: the property keeps its position in the JSON
      return { ...member, ref, bucket, diagnoses };
    }
    out.ref = ref;
    out.bucket = bucket;
    out.diagnoses = diagnoses;
    return out as unknown as TriageMember;
  }

  /** Fold a whole triage document (a shard) in: `--merge`. */
  addDocument(doc: TriageDocument): void {
    this.files += doc.summary.files;
    this.failed += doc.summary.failed;
    this.skipped += doc.summary.skipped;
    this.reports += doc.summary.reports;
    this.beforeSince += doc.summary.beforeSince;
    this.otherProcesses += typeof doc.summary.otherProcesses === 'number' ? doc.summary.otherProcesses : 0;
    this.interrupted ||= doc.summary.interrupted;
    this.errors.push(...doc.errors);
    this.members.push(...doc.members);
    for (const jb of doc.buckets) {
      const b = this.bucket(jb.id, jb.fingerprint, jb.title, jb.signature ?? undefined);
      b.count += jb.count;
      b.noFailure += typeof jb.noFailure === 'number' ? jb.noFailure : 0;
      for (const [k, n] of Object.entries(jb.kinds)) bump(b.kinds, k, n);
      const first = jb.firstSeen === null ? undefined : Date.parse(jb.firstSeen);
      const last = jb.lastSeen === null ? undefined : Date.parse(jb.lastSeen);
      if (first !== undefined && (b.first === undefined || first < b.first)) b.first = first;
      if (last !== undefined && (b.last === undefined || last > b.last)) b.last = last;
      for (const [k, n] of Object.entries(jb.osVersions)) bump(b.os, k, n);
      for (const [k, n] of Object.entries(jb.hardware)) bump(b.hardware, k, n);
      for (const [k, p] of Object.entries(jb.processes)) {
        const cur = b.processes.get(k) ?? { count: 0, versions: new Map<string, number>() };
        cur.count += p.count;
        for (const [v, n] of Object.entries(p.versions)) bump(cur.versions, v, n);
        b.processes.set(k, cur);
      }
      for (const e of jb.examples) addExample(b.examples, e);
      for (const c of jb.causes) addCause(b.causes, c, c.count);
      for (const c of jb.culprits) addCulprit(b.culprits, c, c.count);
    }
  }

  private bucket(id: string, fingerprint: string, title: string, signature?: string): BucketAcc {
    let b = this.buckets.get(id);
    // Reports of one bucket may title it differently (a panic's numbers): the smallest title is kept,
    // whatever the order the reports (or shards) come in.
    if (b && title < b.title) b.title = copied(title);
    if (!b) {
      [id, fingerprint, title] = copied([id, fingerprint, title]);
      if (signature) signature = copied(signature);
      b = { id, fingerprint, title, kinds: new Map(), count: 0, os: new Map(), hardware: new Map(), processes: new Map(), examples: [], causes: new Map(), culprits: new Map(), noFailure: 0, ...(signature ? { signature } : {}) };
      this.buckets.set(id, b);
    }
    return b;
  }

  /** The triage document. */
  result(): TriageDocument {
    return buildTriageJson(
      {
        files: this.files,
        failed: this.failed,
        skipped: this.skipped,
        reports: this.reports,
        beforeSince: this.beforeSince,
        otherProcesses: this.otherProcesses,
        interrupted: this.interrupted,
        buckets: [...this.buckets.values()],
        members: this.members,
        errors: this.errors,
      },
      this.opts,
    );
  }
}

interface AccState {
  files: number;
  failed: number;
  skipped: number;
  reports: number;
  beforeSince: number;
  otherProcesses?: number;
  interrupted: boolean;
  buckets: BucketAcc[];
  members: TriageMember[];
  errors: TriageError[];
}

/** Shape the triage JSON: buckets by count, incidents over every member, errors by path. */
export function buildTriageJson(state: AccState, opts: TriageOptions = {}): TriageDocument {
  const members = [...state.members].sort((a, b) => compareText(a.ref, b.ref));
  const copies = copiesByBucket(members);
  const all = state.buckets.map((b) => bucketJson(b, copies.get(b.id) ?? 0)).sort((a, b) => b.count - a.count || compareText(a.id, b.id));
  const full = new WeakMap<object, Diagnosis>();
  const incidents = correlateMembers(members.map((m) => memberForCorrelation(m, full)), opts.incidentOptions).map((inc): TriageIncident => {
    const refs = inc.reports.map((i) => members[i]?.ref as string);
    return {
      subject: inc.subject ?? null,
      count: inc.reports.length,
      crashes: distinctCrashCount(inc.reports.map((i) => members[i] as TriageMember)),
      reports: refs.slice(0, MAX_INCIDENT_REFS),
      buckets: [...new Set(inc.reports.map((i) => members[i]?.bucket as string))].sort(),
      loop: inc.loop ?? null,
      diagnoses: inc.diagnoses.map((d) => ({ id: d.id, title: d.title, category: d.category, confidence: d.confidence, ...(d.culprit ? { culprit: d.culprit } : {}) })),
    };
  });
  incidents.sort((a, b) => b.count - a.count || compareText(a.reports[0] ?? '', b.reports[0] ?? ''));
  // Compared before --top cuts the list: the summary counts every new bucket.
  let baseline: TriageSummary['baseline'] = null;
  if (opts.baseline) {
    const before = opts.baseline.buckets;
    let fresh = 0;
    const seen = new Set<string>();
    for (const b of all) {
      const was = before.get(b.id);
      b.new = was === undefined;
      b.baselineCount = was?.count ?? null;
      if (was === undefined) fresh++;
      seen.add(b.id);
    }
    const goneBuckets = [...before]
      .filter(([id]) => !seen.has(id))
      .map(([id, b]) => ({ id, title: b.title, count: b.count }))
      .sort((x, y) => y.count - x.count || compareText(x.id, y.id));
    baseline = { buckets: before.size, new: fresh, gone: goneBuckets.length, goneBuckets };
  }
  const buckets = opts.top !== undefined ? largest(all, Math.max(0, opts.top)) : all;
  return {
    $schema: TRIAGE_SCHEMA_ID,
    schemaVersion: TRIAGE_SCHEMA_VERSION,
    fingerprintVersion: FINGERPRINT_VERSION,
    summary: {
      files: state.files,
      reports: state.reports,
      failed: state.failed,
      skipped: state.skipped,
      beforeSince: state.beforeSince,
      ...(opts.processes !== undefined ? { otherProcesses: state.otherProcesses ?? 0 } : {}),
      buckets: all.length,
      incidents: incidents.length,
      interrupted: state.interrupted,
      since: opts.sinceMs !== undefined ? new Date(opts.sinceMs).toISOString() : null,
      ...(opts.processes !== undefined ? { processes: processNames(opts.processes) } : {}),
      baseline,
    },
    buckets,
    incidents,
    errors: [...state.errors].sort((a, b) => compareText(a.path, b.path) || compareText(a.message, b.message)),
    members,
  };
}

/** An ISO 8601 UTC time as the tables show it, to the minute: `2019-10-22 14:03 UTC` (the JSON keeps it whole). */
export function shortTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** What a comparison with a baseline found, in words (the renderers' summaries). */
export function baselineText(b: NonNullable<TriageSummary['baseline']>): string {
  return `${b.new} new since the baseline (which had ${b.buckets} bucket${b.buckets === 1 ? '' : 's'}, ${b.gone} not seen again)`;
}

/** "Only reports about myapp: 12 other reports left out" (--process), else undefined. */
export function processesNote(s: Pick<TriageSummary, 'processes' | 'otherProcesses'>): string | undefined {
  if (!s.processes) return undefined;
  const n = s.otherProcesses ?? 0;
  return `Only reports about ${s.processes.join(', ')}: ${n} other report${n === 1 ? '' : 's'} left out`;
}

/** --process names as the document keeps them and compares them: lower case, each once, sorted. */
export function processNames(names: string[]): string[] {
  return [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))].sort();
}

/**
 * Whether a report is about one of `names` (processNames form): its process by name or bundle id,
 * a dext its log names, the process a panic or jetsam event names, or its culprit by name or
 * bundle id (a kext a panic blames, a framework a crash faulted in).
 */
export function aboutProcess(s: ReportSummary, names: string[]): boolean {
  const wanted = (v: string | undefined): boolean => v !== undefined && names.includes(v.toLowerCase());
  if (wanted(s.process) || wanted(s.culprit?.name) || wanted(s.culprit?.bundleId)) return true;
  return s.member?.keys.some((k) => names.includes(k)) ?? false;
}

/** Whether every report of the bucket shows no failure: listed after the failures. */
function showsNoFailureOnly(b: Pick<TriageBucket, 'count' | 'noFailure'>): boolean {
  return b.count > 0 && b.noFailure === b.count;
}

/** The buckets that show a failure, and those whose reports all show none (listed apart), each in the order given. */
export function byFailure<T extends Pick<TriageBucket, 'count' | 'noFailure'>>(buckets: T[]): { failures: T[]; quiet: T[] } {
  const failures: T[] = [];
  const quiet: T[] = [];
  for (const b of buckets) (showsNoFailureOnly(b) ? quiet : failures).push(b);
  return { failures, quiet };
}

/**
 * --top N: the N largest buckets that show a failure, then the largest that show none if fewer, kept
 * in count order. Forty quiet logs are not what a top ten asks for.
 */
function largest(all: TriageBucket[], n: number): TriageBucket[] {
  const { failures, quiet } = byFailure(all);
  const kept = new Set([...failures, ...quiet].slice(0, n));
  return all.filter((b) => kept.has(b));
}

/** "Reports that show no failure (2 buckets, 5 reports)": the heading of the buckets listed apart. */
export function quietHeading(quiet: Pick<TriageBucket, 'count'>[]): string {
  const n = quiet.reduce((a, b) => a + b.count, 0);
  return `Reports that show no failure (${quiet.length} bucket${quiet.length === 1 ? '' : 's'}, ${n} report${n === 1 ? '' : 's'})`;
}

/** What --redact masked, for the renderers' footers; undefined when nothing was (or no --redact). */
export function redactionText(doc: Pick<TriageDocument, 'redactions'>): string | undefined {
  return doc.redactions && doc.redactions.length > 0 ? `Redacted for sharing: ${doc.redactions.join(', ')}. The same value has the same placeholder throughout.` : undefined;
}

/**
 * "3 crashes" when a bucket's or an incident's reports are fewer crashes (some are copies of one crash), else
 * undefined; also undefined for a document of a release that did not count them.
 */
export function crashesNote(b: Pick<TriageBucket, 'count' | 'crashes'>): string | undefined {
  return b.crashes !== undefined && b.crashes < b.count ? `${b.crashes} crash${b.crashes === 1 ? '' : 'es'}` : undefined;
}

/**
 * The bucket's title when it says more than its likely cause, else undefined: a signature's bucket
 * is titled by the signature, which is the likely cause, and a report should not say it twice.
 */
export function titleBesideCause(b: TriageBucket): string | undefined {
  return b.title === b.likelyCause ? undefined : b.title;
}

/** Per bucket id, how many of its members are copies of another (members minus distinct crashes). */
function copiesByBucket(members: TriageMember[]): Map<string, number> {
  const byBucket = new Map<string, TriageMember[]>();
  for (const m of members) {
    const list = byBucket.get(m.bucket);
    if (list) list.push(m);
    else byBucket.set(m.bucket, [m]);
  }
  const out = new Map<string, number>();
  for (const [id, list] of byBucket) if (list.length > 1) out.set(id, list.length - distinctCrashCount(list));
  return out;
}

function bucketJson(b: BucketAcc, copies: number): TriageBucket {
  const causes = [...b.causes.values()].sort((x, y) => y.count - x.count || y.confidence - x.confidence || compareText(x.id, y.id));
  const culprits = [...b.culprits.values()].sort((x, y) => y.count - x.count || compareText(culpritKey(x), culpritKey(y)));
  const top = causes[0];
  const culprit = culprits[0];
  const kinds = sortedCounts(b.kinds);
  return {
    id: b.id,
    count: b.count,
    crashes: b.count - copies,
    fingerprint: b.fingerprint,
    signature: b.signature ?? null,
    title: b.title,
    kind: Object.keys(kinds)[0] ?? 'other',
    kinds,
    likelyCause: top?.title ?? null,
    likelyCauseId: top?.id ?? null,
    confidence: top?.confidence ?? null,
    culprit: culprit ? withoutCount(culprit) : null,
    firstSeen: b.first === undefined ? null : new Date(b.first).toISOString(),
    lastSeen: b.last === undefined ? null : new Date(b.last).toISOString(),
    osVersions: sortedCounts(b.os),
    hardware: sortedCounts(b.hardware),
    processes: Object.fromEntries(
      [...b.processes.entries()].sort((x, y) => y[1].count - x[1].count || compareText(x[0], y[0])).map(([k, p]) => [k, { count: p.count, versions: sortedCounts(p.versions) }]),
    ),
    examples: [...b.examples],
    causes,
    culprits,
    noFailure: b.noFailure,
  };
}

/** The member as correlation reads it: diagnoses get back the empty lists the JSON leaves out. */
function memberForCorrelation(m: TriageMember, full: WeakMap<object, Diagnosis>): IncidentMember {
  // `{ ...rest, diagnoses }` of the member without ref and bucket, built in one object.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(m)) {
    if (k === 'ref' || k === 'bucket' || k === 'diagnoses') continue;
    const v = (m as unknown as Record<string, unknown>)[k];
    // A "__proto__" key (a shard's JSON may hold one) stays a property, as a spread keeps it.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  // Members share their diagnosis objects (TriageAccumulator.shared): so do their copies.
  out.diagnoses = m.diagnoses.map((d) => {
    let f = full.get(d);
    if (!f) {
      f = { ...d, evidence: [], nextSteps: [], references: [] };
      full.set(d, f);
    }
    return f;
  });
  return out as unknown as IncidentMember;
}

function memberDiagnosis(d: Diagnosis): MemberDiagnosis {
  const { evidence: _e, nextSteps: _n, references: _r, ...rest } = d;
  return rest;
}

function bump(map: Map<string, number>, key: string, n = 1): void {
  const have = map.get(key);
  map.set(have === undefined ? copied(key) : key, (have ?? 0) + n);
}

/**
 * A copy of plain JSON data with strings of its own. A string cut from a report's text (a V8 slice)
 * keeps the whole text alive: kept in the accumulator, it would hold every report read in the main
 * thread (--jobs 1) until the end of the run. What the accumulator keeps past one report is copied.
 */
function copied<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * copied() without the JSON text, for plain JSON data: strings through `own` (which returns copies
 * of its own), -0 as 0, properties in order. NOT_PLAIN for anything JSON.stringify would treat
 * specially (toJSON, undefined or non-finite values, class instances): the caller then uses copied().
 */
const NOT_PLAIN = Symbol('not plain JSON');
const MAX_OWN_DEPTH = 32;

function ownPlain(v: unknown, own: (s: string) => string, depth: number): unknown {
  switch (typeof v) {
    case 'string':
      return own(v);
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : NOT_PLAIN;
    case 'object': {
      if (v === null) return null;
      if (depth >= MAX_OWN_DEPTH) return NOT_PLAIN;
      if (Array.isArray(v)) {
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const e = ownPlain(v[i], own, depth + 1);
          if (e === NOT_PLAIN) return NOT_PLAIN;
          out[i] = e;
        }
        return out;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
      if ('toJSON' in (v as object)) return NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object)) {
        // Property names are interned by the engine (no slice survives); "__proto__" would set the prototype.
        if (k === '__proto__') return NOT_PLAIN;
        const e = ownPlain((v as Record<string, unknown>)[k], own, depth + 1);
        if (e === NOT_PLAIN) return NOT_PLAIN;
        out[k] = e;
      }
      return out;
    }
    default:
      return NOT_PLAIN;
  }
}

/** A kept member diagnosis with its property names, listed once. */
interface KeptDiagnosis {
  value: MemberDiagnosis;
  keys: string[];
}

/** The property names of memberDiagnosis(d), in order. */
function memberKeysOf(d: Diagnosis): string[] {
  const keys: string[] = [];
  for (const k of Object.keys(d)) if (k !== 'evidence' && k !== 'nextSteps' && k !== 'references') keys.push(k);
  return keys;
}

/**
 * Whether a member diagnosis kept (plain JSON data) is what memberDiagnosis(d) would serialise to
 * (`keys`: memberKeysOf(d)). False when unsure: the caller then keeps a copy of its own, which
 * serialises the same.
 */
function sameMemberDiagnosis(kept: KeptDiagnosis, d: Diagnosis, keys: string[]): boolean {
  const keptKeys = kept.keys;
  if (keptKeys.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (keptKeys[i] !== k || !sameJson((kept.value as unknown as Record<string, unknown>)[k], (d as unknown as Record<string, unknown>)[k], 0)) return false;
  }
  return true;
}

/** `kept` (a parsed copy of a list of strings) and `b` are the same list of strings. */
function sameStrings(kept: string[], b: unknown[]): boolean {
  if (kept.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (kept[i] !== b[i]) return false;
  return true;
}

/** `a` is plain JSON data (a parsed copy); true only when `b` certainly serialises the same. */
function sameJson(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return a !== undefined;
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object' || depth >= MAX_OWN_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(b) !== Object.prototype || 'toJSON' in b) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (kb[i] !== k || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

function sortedCounts(map: Map<string, number>): Counts {
  return Object.fromEntries([...map.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])));
}

function addExample(list: string[], ref: string): void {
  if (list.includes(ref)) return;
  if (list.length >= MAX_EXAMPLES && compareText(ref, list[list.length - 1] as string) >= 0) return;
  list.push(ref);
  list.sort(compareText);
  if (list.length > MAX_EXAMPLES) list.length = MAX_EXAMPLES;
}

function addCause(map: Map<string, { id: string; title: string; count: number; confidence: number }>, c: { id: string; title: string; confidence: number }, count: number): void {
  const cur = map.get(c.id);
  if (!cur) {
    const kept = copied({ id: c.id, title: c.title, count, confidence: c.confidence });
    // Keyed by the copy's id: a key cut from a report's text would keep that whole text alive.
    map.set(kept.id, kept);
  } else {
    cur.count += count;
    cur.confidence = Math.max(cur.confidence, c.confidence);
  }
}

function culpritKey(c: Culprit): string {
  return `${c.kind}\u0000${c.name}\u0000${c.bundleId ?? ''}\u0000${c.version ?? ''}\u0000${c.uuid ?? ''}`;
}

function addCulprit(map: Map<string, Culprit & { count: number }>, c: Culprit, count: number): void {
  const key = culpritKey(c);
  const cur = map.get(key);
  if (cur) {
    cur.count += count;
    return;
  }
  // A culprit with a count already (a shard's) keeps its property order: the spread overwrites count in place.
  const kept = copied({ ...c, count });
  // The key is made again from the copy: joined from the report's names, it would hold the
  // texts they were cut from (whole reports) for the rest of the run.
  map.set(culpritKey(kept), kept);
}

function withoutCount(c: Culprit & { count: number }): Culprit {
  const { count: _c, ...rest } = c;
  return rest;
}

/** Code-unit order: the same in every locale and on every machine (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
