/**
 * The prefilter's index over one signature set: per field, every literal some rule requires
 * (compile-rules.ts derives them), searched for in one pass over the field's text per report instead
 * of one regex per rule and value. Built once per signature set; core code, no Node API.
 */
import type { Atom, CompiledRule, CompiledSignature } from './compile-rules.js';
import type { Field } from './types.js';

/**
 * All literals of one field and case mode, as an Aho-Corasick automaton (a full DFA): one pass over
 * a text finds every literal in it, however many there are. (One big regex alternation runs far
 * slower: V8 interprets patterns that large.)
 */
export interface LiteralGroup {
  literals: string[];
  /** The atom each literal decides (same index). */
  atoms: Atom[];
  /** Index of each atom's literal, by atom id. */
  slot: Map<number, number>;
  /** Column of each ASCII character code (0: in no literal); case-insensitive groups fold ASCII letters. */
  asciiCol: Uint8Array | Uint16Array;
  /** Columns of the non-ASCII characters literals hold (case-sensitive groups only). */
  otherCol: Map<number, number>;
  cols: number;
  /** Next state by state + column; states are numbered by their row offset (state index * cols). */
  delta: Int32Array;
  /** Literal indexes that end at each state (directly or through a suffix), by state index, or undefined. */
  out: (number[] | undefined)[];
  /** 1 where `out` has literals, by row offset. */
  ends: Uint8Array;
}

export interface LiteralIndex {
  groups: Map<string, LiteralGroup>;
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
    for (const list of [s.all, s.any, s.none, s.supporting]) list.forEach(walk);
    for (const any of s.gate ?? []) any.forEach(add);
  }
  const groups = new Map<string, LiteralGroup>();
  for (const [k, { ci, set, atoms }] of lits) {
    const literals = [...set];
    const list = literals.map((l) => atoms.get(l) as Atom);
    groups.set(k, { ...literalSearch(literals, ci), atoms: list, slot: new Map(list.map((a, i) => [a.id, i])) });
  }
  return { groups };
}

/** The automaton of a list of literals (case-insensitive: ASCII literals, lower-case). */
export function literalSearch(literals: string[], ci: boolean): Omit<LiteralGroup, 'atoms' | 'slot'> {
  // Columns: one per distinct character of the literals (ASCII letters folded when case-insensitive), 0 for any other.
  const asciiCol = new Uint16Array(128);
  const otherCol = new Map<number, number>();
  let cols = 1;
  const colOf = (code: number): number => (code < 128 ? (asciiCol[code] as number) : otherCol.get(code) ?? 0);
  for (const l of literals) {
    for (let i = 0; i < l.length; i++) {
      const code = l.charCodeAt(i);
      if (colOf(code) !== 0) continue;
      if (code >= 128) otherCol.set(code, cols++);
      else if (ci && /[a-z]/i.test(l[i] as string)) {
        const c = cols++;
        asciiCol[(l[i] as string).toLowerCase().charCodeAt(0)] = c;
        asciiCol[(l[i] as string).toUpperCase().charCodeAt(0)] = c;
      } else asciiCol[code] = cols++;
    }
  }
  // The trie, as sparse edges first.
  const edges: Map<number, number>[] = [new Map()];
  const endsAt: number[][] = [[]];
  literals.forEach((l, li) => {
    let st = 0;
    for (let i = 0; i < l.length; i++) {
      const c = colOf(l.charCodeAt(i));
      let next = edges[st]?.get(c);
      if (next === undefined) {
        next = edges.length;
        edges.push(new Map());
        endsAt.push([]);
        edges[st]?.set(c, next);
      }
      st = next;
    }
    endsAt[st]?.push(li);
  });
  // Breadth first: each state's missing edges are its failure state's, and it ends what its failure state ends.
  const n = edges.length;
  const delta = new Int32Array(n * cols);
  const fail = new Int32Array(n);
  const out: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const queue: number[] = [];
  for (let c = 0; c < cols; c++) {
    const next = edges[0]?.get(c);
    if (next !== undefined) {
      delta[c] = next;
      queue.push(next);
    }
  }
  out[0] = undefined;
  for (let qi = 0; qi < queue.length; qi++) {
    const st = queue[qi] as number;
    const f = fail[st] as number;
    const own = endsAt[st] as number[];
    const inherited = out[f];
    out[st] = own.length > 0 || inherited ? [...own, ...(inherited ?? [])] : undefined;
    for (let c = 0; c < cols; c++) {
      const next = edges[st]?.get(c);
      if (next !== undefined) {
        fail[next] = delta[f * cols + c] as number;
        delta[st * cols + c] = next;
        queue.push(next);
      } else delta[st * cols + c] = delta[f * cols + c] as number;
    }
  }
  // Row offsets instead of state numbers: the scan then needs no multiplication.
  const ends = new Uint8Array(n * cols);
  for (let i = 0; i < delta.length; i++) delta[i] = (delta[i] as number) * cols;
  for (let st = 0; st < n; st++) if (out[st]) ends[st * cols] = 1;
  return { literals, asciiCol, otherCol, cols, delta, out, ends };
}

/**
 * Which of the group's literals occur in `text` (1 at their index): one pass of the automaton, so
 * linear in the text whatever the number of literals. Case-insensitive groups fold ASCII letters
 * only, as a /i regex without the u flag does for the ASCII literals compile-rules.ts keeps.
 */
export function literalsIn(group: Omit<LiteralGroup, 'atoms' | 'slot'>, text: string): Uint8Array {
  const found = new Uint8Array(group.literals.length);
  let left = group.literals.length;
  const { asciiCol, otherCol, cols, delta, out, ends } = group;
  const other = otherCol.size > 0;
  let st = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    st = delta[st + (code < 128 ? (asciiCol[code] as number) : other ? otherCol.get(code) ?? 0 : 0)] as number;
    if (ends[st] === 1) {
      for (const li of out[st / cols] as number[]) {
        if (found[li] === 0) {
          found[li] = 1;
          left--;
        }
      }
      if (left === 0) break;
    }
  }
  return found;
}
