/**
 * The prefilter's index over one signature set: per field, every literal some rule requires
 * (compile-rules.ts derives them), searched for in one pass over the field's text per report instead
 * of one regex per rule and value. Built once per signature set; core code, no Node API.
 */
import type { Atom, CompiledRule, CompiledSignature } from './compile-rules.js';
import type { Field } from './types.js';

/** All literals of one field and case mode, with the regex that finds where any of them may start. */
export interface LiteralGroup {
  /** Matches wherever one of `literals` starts (case-insensitively for the lower-case group). */
  start: RegExp;
  /** Indexes into `literals` by their first character (lower-case for the case-insensitive group). */
  byFirst: Map<string, number[]>;
  literals: string[];
  /** The atom each literal decides (same index). */
  atoms: Atom[];
  /** Index of each atom's literal, by atom id. */
  slot: Map<number, number>;
}

export interface LiteralIndex {
  groups: Map<string, LiteralGroup>;
}

const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

export const groupKey = (field: Field, ci: boolean): string => (ci ? `${field}\u0000i` : field);

const indexes = new WeakMap<CompiledSignature[], LiteralIndex>();

/** The index of a signature set, built on first use (the set is compiled once per process). */
export function literalIndexOf(signatures: CompiledSignature[]): LiteralIndex {
  let idx = indexes.get(signatures);
  if (!idx) {
    idx = buildIndex(signatures);
    indexes.set(signatures, idx);
  }
  return idx;
}

function buildIndex(signatures: CompiledSignature[]): LiteralIndex {
  const lits = new Map<string, { ci: boolean; set: Set<string>; atoms: Map<string, Atom> }>();
  const add = (a: Atom): void => {
    if (a.literal === undefined) return;
    const k = groupKey(a.field, a.ci);
    let g = lits.get(k);
    if (!g) lits.set(k, (g = { ci: a.ci, set: new Set(), atoms: new Map() }));
    g.set.add(a.literal);
    g.atoms.set(a.literal, a);
  };
  const walk = (r: CompiledRule): void => {
    if ('all' in r) r.all.forEach(walk);
    else if ('any' in r) r.any.forEach(walk);
    else r.atoms?.forEach(add);
  };
  for (const s of signatures) {
    for (const list of [s.all, s.any, s.none, s.supporting]) list.forEach(walk);
    for (const any of s.gate ?? []) any.forEach(add);
  }
  const groups = new Map<string, LiteralGroup>();
  for (const [k, { ci, set, atoms }] of lits) {
    const literals = [...set];
    const byFirst = new Map<string, number[]>();
    literals.forEach((l, i) => {
      const first = l[0] as string;
      const list = byFirst.get(first);
      if (list) list.push(i);
      else byFirst.set(first, [i]);
    });
    const list = literals.map((l) => atoms.get(l) as Atom);
    groups.set(k, {
      start: new RegExp(literals.map(escapeRe).join('|'), ci ? 'gi' : 'g'),
      byFirst,
      literals,
      atoms: list,
      slot: new Map(list.map((a, i) => [a.id, i])),
    });
  }
  return { groups };
}

/**
 * Which of the group's literals occur in `text` (1 at their index). The regex finds the next place
 * where some literal occurs; every literal is then checked at that position, and the search goes on
 * from the next character, so overlapping and nested occurrences are all found. Linear in the text
 * plus the hits. Case-insensitive groups compare the lower-cased text at the position: for the
 * ASCII literals compile-rules.ts keeps, that finds every place the regex could match (or more).
 */
export function literalsIn(group: LiteralGroup, text: string, ci: boolean): Uint8Array {
  const found = new Uint8Array(group.literals.length);
  let left = group.literals.length;
  const re = group.start;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (left > 0 && (m = re.exec(text)) !== null) {
    const p = m.index;
    const first = ci ? (text[p] as string).toLowerCase() : (text[p] as string);
    for (const i of group.byFirst.get(first) ?? []) {
      if (found[i]) continue;
      const l = group.literals[i] as string;
      if (ci ? text.slice(p, p + l.length).toLowerCase() === l : text.startsWith(l, p)) {
        found[i] = 1;
        left--;
      }
    }
    re.lastIndex = p + 1;
  }
  return found;
}
