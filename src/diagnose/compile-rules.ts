/**
 * Turns validated rules into matchers: regexes compiled once, numeric bounds parsed once.
 * Patterns that could backtrack catastrophically are refused here, at load time.
 */
import { toBigInt } from '../model/numbers.js';
import { requiredLiterals, type Literals } from './required-literals.js';
import type { Field, Rule, Signature, SignatureError } from './types.js';

export type CompiledRule = CompiledLeaf | { all: CompiledRule[] } | { any: CompiledRule[] };

export interface CompiledLeaf {
  field: Field;
  /** Read-only: see Leaf. */
  readonly re?: RegExp | undefined;
  lt?: bigint | undefined;
  pointer: string;
  /** One of these is in every value the regex matches (lower-case when `ci`): the prefilter. */
  literals?: Literals | undefined;
  ci?: boolean | undefined;
  /** The literals as atoms (with `literals`). */
  atoms?: Atom[] | undefined;
}

/**
 * A fact a report must show for a rule to match: the field has a value, or (with `literal`) one of
 * its values contains the literal (lower-cased text when `ci`). `key` names it for memoising.
 */
export interface Atom {
  /** Dense number of the atom (one per distinct fact across every signature set compiled), for per-report memos. */
  id: number;
  key: string;
  field: Field;
  literal: string | undefined;
  ci: boolean;
}

/** Every distinct atom, by key: one object per fact, so memos can be arrays indexed by `id`. */
const ATOMS = new Map<string, Atom>();
/** The same atoms by id. */
const BY_ID: Atom[] = [];

/** The atom of an id. */
export const atomById = (id: number): Atom => BY_ID[id] as Atom;

/** Number of atoms interned so far (per-report memos are sized by it). */
export const atomCount = (): number => ATOMS.size;

/** The atom of a fact (one object per fact, made on first use). */
export function atom(field: Field, literal: string | undefined, ci: boolean): Atom {
  const key = literal === undefined ? field : `${field}\u0000${ci ? 'i' : ''}\u0000${literal}`;
  let a = ATOMS.get(key);
  if (!a) {
    a = { id: ATOMS.size, key, field, literal, ci: literal !== undefined && ci };
    ATOMS.set(key, a);
    BY_ID.push(a);
  }
  return a;
}

/** Every inner list needs one true atom: a signature whose gate fails cannot fire. */
export type Gate = Atom[][];

export interface CompiledSignature {
  signature: Signature;
  all: CompiledRule[];
  any: CompiledRule[];
  none: CompiledRule[];
  supporting: CompiledRule[];
  /** Name of the file the signature came from (for list/show and errors). */
  origin: string;
  /** JSON pointer of the signature in its file. */
  pointer: string;
  /** Necessary conditions derived from `all` and `any` (preparePrefilter), checked before any rule runs. */
  gate?: Gate;
  /**
   * The gate as atom ids, each disjunction as its length then its ids, the disjunctions over the
   * fewest values first (see gateIdsOf).
   */
  gateIds?: Int32Array;
}

/** A quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*x)*: exponential on a near miss. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;
/** Backreferences make matching cost unbounded; signatures do not need them. */
const BACKREFERENCE = /\\[1-9]/;
/**
 * A pattern (or a top-level alternative) that starts with an unbounded repeat, e.g. \S+::x, is tried
 * from every position and rescans the rest of the line each time: quadratic on a long line.
 */
const LEADING_REPEAT = /(?:^|\|)(?:\(\?:)?(?:\\[SWDswd]|\.|\[(?:[^\]\\]|\\.)*\])[+*]/;

/** Why a pattern is refused, or undefined when it is acceptable. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (NESTED_QUANTIFIER.test(pattern)) return 'nested quantifier (a quantified group containing + * or {}) can backtrack catastrophically';
  if (BACKREFERENCE.test(pattern)) return 'backreferences are not allowed';
  if (LEADING_REPEAT.test(pattern)) return 'starts with an unbounded repeat (e.g. \\S+): quadratic on long lines; start with literal text or use a bound like {1,200}';
  return undefined;
}

/** `checked`: the patterns passed unsafePatternReason when the file was validated (the built-in files, at build time). */
export function compileSignature(sig: Signature, origin: string, pointer: string, errors: SignatureError[], checked = false): CompiledSignature | undefined {
  const before = errors.length;
  const compileList = (rules: Rule[] | undefined, at: string): CompiledRule[] =>
    (rules ?? []).map((r, i) => compileRule(r, `${at}/${i}`, origin, errors, checked));
  const compiled: CompiledSignature = {
    signature: sig,
    all: compileList(sig.match.all, `${pointer}/match/all`),
    any: compileList(sig.match.any, `${pointer}/match/any`),
    none: compileList(sig.match.none, `${pointer}/match/none`),
    supporting: compileList(sig.supporting, `${pointer}/supporting`),
    origin,
    pointer,
  };
  return errors.length === before ? compiled : undefined;
}

/**
 * A leaf rule. Every leaf is one of these, with the same fields in the same order (undefined when
 * unused): one object shape keeps the matcher's property reads fast. The regex of a pattern that is
 * known to compile (a built-in file, checked when the package was built) is made when the matcher
 * first asks for it: one report runs a few dozen of the ~430 built-in patterns, and making a RegExp
 * parses its pattern (~5% of the instructions of `analyze` on one report went to making them all).
 */
class Leaf implements CompiledLeaf {
  lt: bigint | undefined = undefined;
  literals: Literals | undefined = undefined;
  ci: boolean | undefined = undefined;
  atoms: Atom[] | undefined = undefined;
  constructor(
    readonly field: Field,
    readonly pointer: string,
    /** The regex, once made. */
    private made: RegExp | undefined,
    /** A pattern known to compile whose regex is not made yet (else undefined). */
    private pattern: string | undefined,
    private readonly flags: string,
  ) {}

  get re(): RegExp | undefined {
    if (this.pattern !== undefined) {
      this.made = new RegExp(this.pattern, this.flags);
      this.pattern = undefined;
    }
    return this.made;
  }

  /**
   * The pattern and flags the prefilter analyses, without making a regex the matcher may never run:
   * the regex's own when it is made. (A built-in pattern reads to the same literals as its regex's
   * `source`, which escapes '/' and line breaks: test/diagnose/required-literals.test.ts.)
   */
  patternAndFlags(): [string, string] | undefined {
    if (this.pattern !== undefined) return [this.pattern, this.flags];
    return this.made ? [this.made.source, this.made.flags] : undefined;
  }
}

function compileRule(rule: Rule, pointer: string, origin: string, errors: SignatureError[], checked: boolean): CompiledRule {
  if ('all' in rule) return { all: rule.all.map((r, i) => compileRule(r, `${pointer}/all/${i}`, origin, errors, checked)) };
  if ('any' in rule) return { any: rule.any.map((r, i) => compileRule(r, `${pointer}/any/${i}`, origin, errors, checked)) };
  const flags = rule.flags ?? '';
  let re: RegExp | undefined;
  if (rule.pattern !== undefined && !checked) {
    const unsafe = unsafePatternReason(rule.pattern);
    if (unsafe) errors.push({ path: origin, pointer: `${pointer}/pattern`, message: unsafe });
    try {
      re = new RegExp(rule.pattern, flags);
    } catch (err) {
      errors.push({ path: origin, pointer: `${pointer}/pattern`, message: `invalid regex: ${(err as Error).message}` });
    }
  }
  const out = new Leaf(rule.field, pointer, re, checked ? rule.pattern : undefined, flags);
  if (rule.lt !== undefined) out.lt = toBigInt(rule.lt);
  return out;
}

/**
 * Derives the prefilter's facts of a signature (each regex's required literals, the gate), once.
 * Not at compile time: reading every regex costs more than one pasted report's whole match, so
 * only a batch (src/diagnose/prefilter.ts) pays for it.
 */
export function preparePrefilter(sig: CompiledSignature): void {
  if (sig.gate !== undefined) return;
  const leaves = (r: CompiledRule): void => {
    if ('all' in r) r.all.forEach(leaves);
    else if ('any' in r) r.any.forEach(leaves);
    else {
      const pf: [string, string] | undefined = r instanceof Leaf ? r.patternAndFlags() : r.re ? [r.re.source, r.re.flags] : undefined;
      if (!pf) return;
      const lits = literalsOf(pf[0], pf[1]);
      if (lits) {
        r.literals = lits;
        r.ci = pf[1].includes('i');
        r.atoms = atomsOfLeaf(r);
      }
    }
  };
  for (const list of [sig.all, sig.any, sig.none, sig.supporting]) list.forEach(leaves);
  sig.gate = gateOf(sig);
  sig.gateIds = gateIdsOf(sig.gate);
}

/**
 * requiredLiterals by pattern and flags, remembered: signatures repeat patterns (one assertion text
 * in asi, event.message and exception.message), and reading one runs a parser, mostly interpreted
 * since it runs once per pattern. Bounded; the lists are only read.
 */
const literalMemo = new Map<string, Literals | undefined>();
const LITERAL_MEMO_SIZE = 4096;

function literalsOf(source: string, flags: string): Literals | undefined {
  const key = `${flags}/${source}`;
  if (literalMemo.has(key)) return literalMemo.get(key);
  const lits = requiredLiterals(source, flags);
  if (literalMemo.size >= LITERAL_MEMO_SIZE) literalMemo.clear();
  literalMemo.set(key, lits);
  return lits;
}

/**
 * Fields with many or long values (frames, events, a whole panic string): a gate looks at them last,
 * since another of its disjunctions may fail on a short field first and spare reading them.
 */
const LONG_FIELDS = new Set<Field>(['panic.string', 'thread.symbol', 'event.message', 'event.driverKit', 'images.name', 'images.path', 'crashed.symbol', 'crashed.stack', 'kext.loaded']);

/**
 * The gate in one flat array for a tight check per report. The gate is a conjunction, so the order
 * of its disjunctions changes no result, only what is read: presence and short fields come first.
 */
export function gateIdsOf(gate: Gate): Int32Array {
  const cost = (any: Atom[]): number => (any.some((a) => a.literal !== undefined && LONG_FIELDS.has(a.field)) ? 1 : 0);
  const ordered = gate.map((any, i) => ({ any, i, c: cost(any) })).sort((x, y) => x.c - y.c || x.i - y.i);
  const out: number[] = [];
  for (const { any } of ordered) out.push(any.length, ...any.map((a) => a.id));
  return Int32Array.from(out);
}

const atomsOfLeaf = (leaf: CompiledLeaf): Atom[] =>
  leaf.literals ? leaf.literals.map((literal) => atom(leaf.field, literal, leaf.ci === true)) : [atom(leaf.field, undefined, false)];

/**
 * A disjunction of atoms one of which holds whenever the rule matches, or undefined when nothing is
 * needed (an empty `all`). A leaf needs a value of its field (every leaf reads at least one value),
 * better one holding a required literal; `any` needs one of its rules' needs; `all` needs each
 * rule's need, and the strongest one stands for it.
 */
export function needOf(rule: CompiledRule): Atom[] | undefined {
  if ('all' in rule) {
    let best: Atom[] | undefined;
    for (const r of rule.all) {
      const n = needOf(r);
      if (n && (!best || score(n) > score(best))) best = n;
    }
    return best;
  }
  if ('any' in rule) {
    const out: Atom[] = [];
    for (const r of rule.any) {
      const n = needOf(r);
      if (!n) return undefined;
      out.push(...n);
    }
    return out;
  }
  return atomsOfLeaf(rule);
}

/** Literal atoms beat bare presence; among literals, the shortest one decides. */
const score = (d: Atom[]): number => d.reduce((m, a) => Math.min(m, a.literal ? a.literal.length + 1 : 0), Infinity);

function gateOf(sig: CompiledSignature): Gate {
  const gate: Gate = [];
  const addAll = (r: CompiledRule): void => {
    if ('all' in r) r.all.forEach(addAll);
    else {
      const n = needOf(r);
      if (n) gate.push(n);
    }
  };
  sig.all.forEach(addAll);
  if (sig.any.length > 0) {
    const n = needOf({ any: sig.any });
    if (n) gate.push(n);
  }
  return gate;
}
