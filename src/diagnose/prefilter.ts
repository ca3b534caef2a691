/**
 * The prefilter's index over one signature set: per field, every literal some rule requires
 * (compile-rules.ts derives them), searched for in one pass over the field's text per report instead
 * of one regex per rule and value. Built once per signature set; core code, no Node API.
 */
import { literalSet, type LiteralSet } from '../model/literal-search.js';
import { atom, preparePrefilter, type Atom, type CompiledRule, type CompiledSignature } from './compile-rules.js';
import type { Field } from './types.js';

/** All literals of one field and case mode, searched in one pass (src/model/literal-search.ts). */
export interface LiteralGroup {
  literals: string[];
  ci: boolean;
  /** The atom each literal decides (same index). */
  atoms: Atom[];
  /** Index of each atom's literal, by atom id. */
  slot: Map<number, number>;
  /** The atoms' ids (same index), and the largest: the search's findings are recorded by id in one loop. */
  ids: Int32Array;
  maxId: number;
  /** The literals' search, made the first time a report needs this field (its automaton once the field is searched often). */
  search?: LiteralSet;
  /** True for at most DIRECT_MAX case-sensitive literals: indexOf on each value beats the automaton (IndexOfScan). */
  direct: boolean;
  /**
   * For a crashed.stack group: atom ids of facts about crashed.symbol (see keyWithin), one of which
   * holds whenever one of the group's literals occurs. When none holds, no literal of the group
   * occurs and the stack's text is not searched.
   */
  within?: Int32Array | undefined;
}

/**
 * The piece of a crashed.stack literal that some crashed.symbol value holds whenever the stack's text
 * holds the literal, or undefined. The stack's text is the crashed thread's first frames' `symbol ??
 * rawSymbol ?? '???'` joined by newlines (cut to MAX_TEXT), and crashed.symbol has each of those
 * symbols (cut to MAX_TEXT) as a value: a piece of the literal without a newline lies, wherever the
 * literal occurs, inside one frame's text, and within its first MAX_TEXT characters since the whole
 * stack text is no longer. A piece that '???' holds could come from a frame without a symbol: none.
 */
export function keyWithin(literal: string): string | undefined {
  let key = '';
  for (const piece of literal.split('\n')) if (piece.length > key.length) key = piece;
  return key === '' || '???'.includes(key) ? undefined : key;
}

/**
 * Most case-sensitive literals a group searches by indexOf (IndexOfScan) instead of its automaton:
 * measured, two already cost more where a value comes in parts (crashed.stack joins 128).
 */
export const DIRECT_MAX = 1;

export function searchOf(group: LiteralGroup): LiteralSet {
  group.search ??= literalSet(group.literals, group.ci);
  return group.search;
}

export interface LiteralIndex {
  groups: Map<string, LiteralGroup>;
  /** The group deciding each literal atom, by atom id (a lookup without building the group's key). */
  groupOf: (LiteralGroup | undefined)[];
}

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
    preparePrefilter(s);
    for (const list of [s.all, s.any, s.none, s.supporting]) list.forEach(walk);
    for (const any of s.gate ?? []) any.forEach(add);
  }
  // The crashed.stack literals' pieces join the crashed.symbol search, which reads the same frames
  // once for all of them (a crash report's gates read crashed.symbol anyway).
  const stack = lits.get(groupKey('crashed.stack', false));
  const keys = stack ? [...stack.set].map(keyWithin) : [];
  const within = keys.length > 0 && keys.every((k) => k !== undefined) ? keys.map((k) => atom('crashed.symbol', k, false)) : undefined;
  within?.forEach(add);
  const groups = new Map<string, LiteralGroup>();
  const groupOf: (LiteralGroup | undefined)[] = [];
  for (const [k, { ci, set, atoms }] of lits) {
    const literals = [...set];
    const list = literals.map((l) => atoms.get(l) as Atom);
    const ids = Int32Array.from(list, (a) => a.id);
    const group: LiteralGroup = {
      literals,
      ci,
      atoms: list,
      slot: new Map(list.map((a, i) => [a.id, i])),
      ids,
      maxId: Math.max(...ids),
      direct: !ci && literals.length <= DIRECT_MAX,
      within: k === groupKey('crashed.stack', false) && within ? Int32Array.from(within, (a) => a.id) : undefined,
    };
    groups.set(k, group);
    for (const a of list) groupOf[a.id] = group;
  }
  return { groups, groupOf };
}

