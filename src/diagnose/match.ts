/**
 * Runs compiled signatures over one report. A signature fires when its `all` rules and at least one
 * `any` rule match and no `none` rule does; supporting rules add evidence and a little confidence.
 */
import type { Diagnosis, Evidence } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { atomById, atomCount, gateIdsOf, type Atom, type CompiledLeaf, type CompiledRule, type CompiledSignature } from './compile-rules.js';
import { dedupeEvidence, quote } from './evidence.js';
import { IndexOfScan, LiteralScan, type TextSink } from '../model/literal-search.js';
import { groupKey, literalIndexOf, searchOf, type LiteralIndex } from './prefilter.js';
import { eventMessageValue, FRAME_SYMBOL_FIELDS, matchFrameSymbols, fieldTexts, fieldValues, scanField, type FieldValue } from './fields.js';
import type { Field } from './types.js';

/** Confidence added per matching supporting rule, and the ceiling. */
export const SUPPORT_BONUS = 0.02;
const MAX_CONFIDENCE = 0.99;

/**
 * What the prefilter decided, by atom id, shared by every ReportFields: an entry counts for the
 * ReportFields whose generation it carries, so a report needs no memo of its own (one allocation
 * less per report) and an older report's entries are simply stale.
 */
let decided = new Uint32Array(0);
let outcome = new Uint8Array(0);
let generation = 0;

function nextGeneration(): number {
  if (generation >= 0xfffffff0) {
    decided.fill(0);
    generation = 0;
  }
  return ++generation;
}

function grow(): void {
  const n = atomCount();
  if (n <= decided.length) return;
  const d = new Uint32Array(n + 64);
  d.set(decided);
  const o = new Uint8Array(n + 64);
  o.set(outcome);
  decided = d;
  outcome = o;
}

/**
 * Field values of one report, read once however many signatures look at them, and the prefilter's
 * facts about them (which required literals occur), each decided once per report.
 */
/** The prefilter's search over a field's values (scanField bounds them as the regexes see them), reused for every report. */
const scan = new LiteralScan();
/** The search of a group of a few literals (LiteralGroup.direct), reused likewise. */
const direct = new IndexOfScan();

/** All zeros: the findings of a group none of whose literals can occur (never written). */
let none = new Uint8Array(64);

/** A sink that only notes whether a field has any value, stopping at the first. */
const presence = {
  seen: false,
  part(): boolean {
    this.seen = true;
    return false;
  },
  end(): boolean {
    return false;
  },
  value(): boolean {
    this.seen = true;
    return false;
  },
} satisfies TextSink & { seen: boolean };

export class ReportFields {
  private readonly cache = new Map<Field, FieldValue[]>();
  /** Joined texts and text lists, only for an atom outside the index (created when first needed). */
  private texts: Map<string, string> | undefined;
  private lists: Map<Field, string[]> | undefined;
  /** This object's mark in the shared memo (see `decided`). */
  readonly generation = nextGeneration();
  /**
   * `prefilter` false evaluates every rule in full: the reference the prefilter is tested against.
   * `index` (the signature set's literals) lets each field's text be searched once for all of them.
   */
  constructor(
    readonly report: Report,
    readonly prefilter = true,
    private readonly index?: LiteralIndex,
  ) {}

  get(field: Field): FieldValue[] {
    let v = this.cache.get(field);
    if (!v) {
      v = fieldValues(this.report, field);
      this.cache.set(field, v);
    }
    return v;
  }

  /** True when the report shows the atom's fact (see Atom). */
  holds(a: Atom): boolean {
    if (decided[a.id] === this.generation) return outcome[a.id] === 1;
    const v = this.decide(a);
    this.remember(a, v);
    return v;
  }

  /** holds() of an atom given by id, once the shared memo has no entry for it. */
  decideId(id: number): boolean {
    const a = atomById(id);
    const v = this.decide(a);
    this.remember(a, v);
    return v;
  }

  private remember(a: Atom, v: boolean): void {
    if (a.id >= decided.length) grow();
    if (a.id >= decided.length) return;
    decided[a.id] = this.generation;
    outcome[a.id] = v ? 1 : 0;
  }

  private decide(a: Atom): boolean {
    // Presence: does the field have a value at all (no value is built).
    if (a.literal === undefined) {
      const cached = this.cache.get(a.field);
      if (cached) return cached.length > 0;
      presence.seen = false;
      scanField(this.report, a.field, presence);
      return presence.seen;
    }
    const group = this.index?.groupOf[a.id];
    if (!group) return this.text(a.field, a.ci).includes(a.literal);
    // One pass over the field's values decides every literal of the set for it.
    let found: Uint8Array;
    if (group.within !== undefined && !this.anyHolds(group.within)) {
      // No literal of the group can occur (see LiteralGroup.within): its field is not read.
      if (none.length < group.ids.length) none = new Uint8Array(group.ids.length);
      found = none;
    } else if (group.direct) {
      direct.start(group.literals);
      scanField(this.report, a.field, direct);
      found = direct.found;
    } else {
      scan.start(searchOf(group));
      scanField(this.report, a.field, scan);
      found = scan.found;
    }
    // Every literal of the group is decided: recorded as remember() would, in one tight loop.
    const ids = group.ids;
    if (group.maxId >= decided.length) grow();
    const d = decided;
    const o = outcome;
    const gen = this.generation;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      d[id] = gen;
      o[id] = found[i] as number;
    }
    return found[group.slot.get(a.id) as number] === 1;
  }

  /** True when one of the atoms (by id) holds. */
  private anyHolds(ids: Int32Array): boolean {
    const gen = this.generation;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (decided[id] === gen ? outcome[id] === 1 : this.decideId(id)) return true;
    }
    return false;
  }

  /**
   * A field's values joined by NUL (no literal holds one), lower-cased for case-insensitive rules:
   * a literal is in the joined text exactly when it is in one of the values.
   */
  private text(field: Field, ci: boolean): string {
    const key = groupKey(field, ci);
    this.texts ??= new Map();
    let t = this.texts.get(key);
    if (t === undefined) {
      t = ci ? this.text(field, false).toLowerCase() : (this.cache.get(field)?.map((v) => v.text) ?? this.textList(field)).join('\u0000');
      this.texts.set(key, t);
    }
    return t;
  }

  /** The texts of fieldValues(report, 'event.message'), in order, read once. */
  eventTexts(): string[] {
    return this.cache.get('event.message')?.map((v) => v.text) ?? this.textList('event.message');
  }

  /** fieldTexts of a field, read once. */
  private textList(field: Field): string[] {
    this.lists ??= new Map();
    let l = this.lists.get(field);
    if (!l) {
      l = fieldTexts(this.report, field);
      this.lists.set(field, l);
    }
    return l;
  }
}

/** False when some disjunction of the gate has no atom the report shows: the signature cannot fire. */
export function passesGate(sig: CompiledSignature, fields: ReportFields): boolean {
  const g = gateIdsFor(sig);
  return !g || gateHolds(g, 0, g.length, fields);
}

/** The signature's gate as atom ids (see gateIdsOf), compiled on first use. */
function gateIdsFor(sig: CompiledSignature): Int32Array | undefined {
  return sig.gateIds ?? (sig.gate ? (sig.gateIds = gateIdsOf(sig.gate)) : undefined);
}

/**
 * Whether the gate written in ids[from, end) holds: each disjunction (its length, then its atom ids)
 * has an atom the report shows. Atoms already decided for this report are read, not decided again.
 */
function gateHolds(ids: Int32Array, from: number, end: number, fields: ReportFields): boolean {
  const gen = fields.generation;
  // First what is already known: a disjunction whose atoms are all decided false fails the gate
  // before any field is read for the others (the gate is a conjunction, so its order changes no
  // result; a long field such as images.name is then read only when the known atoms leave it open).
  let open = false;
  let i = from;
  while (i < end) {
    const dEnd = i + 1 + (ids[i] as number);
    let any = false;
    let undecided = false;
    for (i++; i < dEnd; i++) {
      const id = ids[i] as number;
      if (decided[id] !== gen) undecided = true;
      else if (outcome[id] === 1) {
        any = true;
        break;
      }
    }
    if (!any) {
      if (!undecided) return false;
      open = true;
    }
    i = dEnd;
  }
  if (!open) return true;
  i = from;
  while (i < end) {
    const dEnd = i + 1 + (ids[i] as number);
    let any = false;
    for (i++; i < dEnd; i++) {
      const id = ids[i] as number;
      if (decided[id] === gen ? outcome[id] === 1 : fields.decideId(id)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
    i = dEnd;
  }
  return true;
}

/** False when none of the leaf's required literals occurs in the field: its regex cannot match. */
function mayMatch(atoms: Atom[] | undefined, fields: ReportFields): boolean {
  if (!atoms || !fields.prefilter) return true;
  for (let i = 0; i < atoms.length; i++) if (fields.holds(atoms[i] as Atom)) return true;
  return false;
}

/**
 * Evidence when the rule matches, undefined when it does not. (Plain loops, and the leaf apart: the
 * matcher's functions are small, so the optimising compiler spends little on them.)
 */
export function evalRule(rule: CompiledRule, fields: ReportFields, required: boolean): Evidence[] | undefined {
  if ('all' in rule) {
    const out: Evidence[] = [];
    const rules = rule.all;
    for (let i = 0; i < rules.length; i++) {
      const ev = evalRule(rules[i] as CompiledRule, fields, required);
      if (!ev) return undefined;
      append(out, ev);
    }
    return out;
  }
  if ('any' in rule) {
    const rules = rule.any;
    for (let i = 0; i < rules.length; i++) {
      const ev = evalRule(rules[i] as CompiledRule, fields, required);
      if (ev) return ev;
    }
    return undefined;
  }
  return evalLeaf(rule, fields, required);
}

/** `out.push(...list)` without a spread call. */
function append<T>(out: T[], list: T[]): void {
  for (let i = 0; i < list.length; i++) out.push(list[i] as T);
}

function evalLeaf(rule: CompiledLeaf, fields: ReportFields, required: boolean): Evidence[] | undefined {
  if (!mayMatch(rule.atoms, fields)) return undefined;
  if (rule.field === 'event.message' && rule.lt === undefined) return eventMatch(rule, fields, required);
  if (rule.lt === undefined && FRAME_SYMBOL_FIELDS.has(rule.field)) {
    // Frames are many: only the quoted one gets its value object and path.
    const hit = matchFrameSymbols(fields.report, rule.field, rule.re);
    return hit ? [quote(hit.value, hit.m, required)] : undefined;
  }
  const values = fields.get(rule.field);
  // The regex is made on first use (see compile-rules.ts Leaf): not for a field without values.
  if (values.length === 0) return undefined;
  const re = rule.re;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as FieldValue;
    if (rule.lt !== undefined && (value.num === undefined || value.num >= rule.lt)) continue;
    let m: RegExpExecArray | null = null;
    if (re) {
      m = re.exec(value.text);
      if (!m) continue;
    }
    return [quote(value, m, required)];
  }
  return undefined;
}

/** A kernel log has thousands of events: their texts are tested, and only the quoted one gets its value object and path. */
function eventMatch(rule: CompiledLeaf, fields: ReportFields, required: boolean): Evidence[] | undefined {
  const texts = fields.eventTexts();
  if (texts.length === 0) return undefined;
  const re = rule.re;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    let m: RegExpExecArray | null = null;
    if (re) {
      m = re.exec(text);
      if (!m) continue;
    }
    return [quote(eventMessageValue(fields.report, i, text), m, required)];
  }
  return undefined;
}

/** The diagnosis a signature gives for a report, or undefined when it does not fire. */
export function matchSignature(sig: CompiledSignature, fields: ReportFields): Diagnosis | undefined {
  if (!sig.signature.kinds.includes(fields.report.kind)) return undefined;
  return matchOfKind(sig, fields);
}

/** matchSignature for a signature of the report's kind (`gated`: its gate was passed already). */
function matchOfKind(sig: CompiledSignature, fields: ReportFields, gated = false): Diagnosis | undefined {
  if (fields.prefilter && !gated && !passesGate(sig, fields)) return undefined;
  const evidence: Evidence[] = [];
  const all = sig.all;
  for (let i = 0; i < all.length; i++) {
    const ev = evalRule(all[i] as CompiledRule, fields, true);
    if (!ev) return undefined;
    append(evidence, ev);
  }
  const any = sig.any;
  if (any.length > 0) {
    let hit: Evidence[] | undefined;
    for (let i = 0; i < any.length && !hit; i++) hit = evalRule(any[i] as CompiledRule, fields, true);
    if (!hit) return undefined;
    append(evidence, hit);
  }
  const none = sig.none;
  for (let i = 0; i < none.length; i++) if (evalRule(none[i] as CompiledRule, fields, true)) return undefined;
  let confidence = sig.signature.confidence;
  const supporting = sig.supporting;
  for (let i = 0; i < supporting.length; i++) {
    const ev = evalRule(supporting[i] as CompiledRule, fields, false);
    if (!ev) continue;
    append(evidence, ev);
    confidence += SUPPORT_BONUS;
  }
  return diagnosisOf(sig.signature, evidence, confidence);
}

/** The diagnosis of a signature that fired (a function of its own: it runs only then). */
function diagnosisOf(s: CompiledSignature['signature'], evidence: Evidence[], confidence: number): Diagnosis {
  return {
    id: s.id,
    title: s.title,
    category: s.category,
    confidence: Math.min(MAX_CONFIDENCE, Math.round(confidence * 100) / 100),
    evidence: dedupeEvidence(evidence),
    causes: s.causes.slice(),
    nextSteps: s.nextSteps.slice(),
    references: s.references.slice(),
    ...(s.grouping ? { grouping: true } : {}),
  };
}

/** Reports matched per signature set, and how many are matched in full before the prefilter is built. */
const matched = new WeakMap<CompiledSignature[], number>();
const PREFILTER_AFTER = 3;

/** The signatures of each report kind, in set order (a report never looks at the others). */
const byKind = new WeakMap<CompiledSignature[], { size: number; kinds: Map<string, CompiledSignature[]> }>();

function signaturesOfKind(signatures: CompiledSignature[], kind: string): CompiledSignature[] {
  let k = byKind.get(signatures);
  // Rebuilt if the caller added to its set since.
  if (!k || k.size !== signatures.length) byKind.set(signatures, (k = { size: signatures.length, kinds: new Map() }));
  let list = k.kinds.get(kind);
  if (!list) k.kinds.set(kind, (list = signatures.filter((s) => s.signature.kinds.includes(kind as Report['kind']))));
  return list;
}

/**
 * The gates of a kind's signatures (prepared: the set's index was built) in one flat array: per
 * signature, the length of its gateIds, then them. matchReport checks every gate in one loop, and
 * calls matchOfKind only for the signatures that pass (most do not).
 */
const gatePlans = new WeakMap<CompiledSignature[], Int32Array>();

function gatePlanOf(list: CompiledSignature[]): Int32Array {
  let plan = gatePlans.get(list);
  if (!plan) {
    const out: number[] = [];
    for (const sig of list) {
      const g = gateIdsFor(sig);
      out.push(g?.length ?? 0, ...(g ?? []));
    }
    plan = Int32Array.from(out);
    gatePlans.set(list, plan);
  }
  return plan;
}

/** passesGate for each signature of `list` in turn, read from its plan: 1 where the gate passes. */
function gatesPassed(plan: Int32Array, count: number, fields: ReportFields, pass: Uint8Array): void {
  let p = 0;
  for (let si = 0; si < count; si++) {
    const end = p + 1 + (plan[p] as number);
    pass[si] = gateHolds(plan, p + 1, end, fields) ? 1 : 0;
    p = end;
  }
}

/** gatesPassed's output, reused (matchReport does not nest). */
let passed = new Uint8Array(0);

/** Every signature that fires on a report, best first, refined signatures replacing the ones they supersede. */
export function matchReport(report: Report, signatures: CompiledSignature[], prefilter = true): Diagnosis[] {
  const n = (matched.get(signatures) ?? 0) + 1;
  matched.set(signatures, n);
  // The prefilter pays for its set-up over a batch; one pasted report is matched in full, sooner.
  const use = prefilter && n > PREFILTER_AFTER;
  const list = signaturesOfKind(signatures, report.kind);
  // The index of the report's kind alone: only its signatures' literals are searched for (smaller
  // automata), and a batch of one kind prepares only its signatures' prefilter.
  const fields = new ReportFields(report, use, use ? literalIndexOf(list) : undefined);
  if (use) {
    if (passed.length < list.length) passed = new Uint8Array(list.length);
    gatesPassed(gatePlanOf(list), list.length, fields, passed);
  }
  const fired: Diagnosis[] = [];
  // What the fired signatures supersede, when one does (rarely): made then.
  let dropped: Set<string> | undefined;
  for (let i = 0; i < list.length; i++) {
    if (use && passed[i] === 0) continue;
    const sig = list[i] as CompiledSignature;
    const d = matchOfKind(sig, fields, use);
    if (!d) continue;
    fired.push(d);
    const supersedes = sig.signature.supersedes;
    if (supersedes && supersedes.length > 0) dropped = supersededBy(dropped, supersedes);
  }
  return rank(dropped ? fired.filter((d) => !(dropped as Set<string>).has(d.id)) : fired);
}

function supersededBy(dropped: Set<string> | undefined, ids: string[]): Set<string> {
  const out = dropped ?? new Set<string>();
  for (const id of ids) out.add(id);
  return out;
}

/**
 * Causes first, then grouping signatures (a loop says "again and again", not why), then generic
 * fallbacks; within each, highest confidence, more required evidence, then id for a stable order.
 */
export function rank(list: Diagnosis[]): Diagnosis[] {
  const tier = (d: Diagnosis): number => (d.generic ? 2 : d.grouping ? 1 : 0);
  const req = (d: Diagnosis): number => {
    let n = 0;
    for (const e of d.evidence) if (e.required) n++;
    return n;
  };
  return [...list].sort((a, b) => tier(a) - tier(b) || b.confidence - a.confidence || req(b) - req(a) || a.id.localeCompare(b.id));
}
