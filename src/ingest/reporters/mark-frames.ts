/**
 * Mark the frames of in-app crash reporters (reporters.json): the reporter's signal handler, its
 * stack capture and its exception re-raise run on the crashed thread and end up in the stacks it
 * records, but they are never the cause. Frames above a `_sigtramp` whose handler side holds a
 * reporter frame are the handler's own stack and are marked too. Diagnosis skips marked frames.
 */
import type { Frame, Report } from '../../model/report.js';
import data from './reporters.json' with { type: 'json' };

/** One reporter as reporters.json gives it. */
export interface ReporterData {
  name: string;
  images: string[];
  symbols: string[];
}

/**
 * A symbol pattern that is `^` and literal characters, with `$` at the end or not: the literal and
 * whether the symbol must equal it. Undefined for any other pattern (a class, `.`, a quantifier...),
 * which is then matched as a RegExp. An escaped punctuation character is itself (`\[`, `\+`).
 */
export function literalPattern(p: string): { text: string; exact: boolean } | undefined {
  if (p.charCodeAt(0) !== 0x5e) return undefined;
  let text = '';
  for (let i = 1; i < p.length; i++) {
    const ch = p[i] as string;
    if (ch === '\\') {
      const next = p[++i];
      if (next === undefined || !PUNCTUATION.includes(next)) return undefined;
      text += next;
    } else if (ch === '$' && i === p.length - 1) {
      return { text, exact: true };
    } else if (SPECIAL.includes(ch)) {
      return undefined;
    } else text += ch;
  }
  return { text, exact: false };
}
/** Characters with a meaning of their own in a pattern; and those that stand for themselves when escaped. */
const SPECIAL = '^$.|?*+()[]{}\\';
const PUNCTUATION = '^$.|?*+()[]{}\\/-';

/**
 * A trie over the literal patterns' characters: `prefix` / `exact` hold the first (lowest) reporter
 * whose `^literal` / `^literal$` pattern ends at this node. Children by code unit: the root in a
 * table (many first characters), the rest in a short list (nearly always one child).
 */
interface Node {
  prefix: number;
  exact: number;
  codes: number[];
  kids: Node[];
  /** Literals longer than DEPTH, at the node of their first DEPTH characters: compared whole. */
  tails: { text: string; exact: boolean; owner: number }[] | undefined;
}
const newNode = (): Node => ({ prefix: NONE, exact: NONE, codes: [], kids: [], tails: undefined });
/** The trie's depth: enough to tell the literals apart by a few steps ("-[K", "ksc"), cheap to build at start. */
const DEPTH = 3;
const NONE = 0x7fffffff;

function childOf(node: Node, c: number): Node | undefined {
  const codes = node.codes;
  for (let k = 0; k < codes.length; k++) if (codes[k] === c) return node.kids[k];
  return undefined;
}

/**
 * The matcher reporterOf stands for: the first reporter (in the data's order) that names the image or
 * has a symbol pattern matching the symbol. Literal patterns are walked in a trie, one step per
 * character of the symbol, instead of one RegExp each (compiled at start, then again natively).
 */
export function reporterMatcher(reporters: ReporterData[]): (image: string, sym: string) => string | undefined {
  const names = reporters.map((r) => r.name);
  const imageOwner = new Map<string, number>();
  // Image names are compared whole: one of another length and first code unit than every reporter
  // image is none of them, found without hashing the name (a frame's image is a new string each).
  const imageHeads = new Set<number>();
  const root: (Node | undefined)[] = [];
  const rootNode = newNode();
  const nonAscii = newNode();
  const others: { re: RegExp; owner: number }[] = [];
  reporters.forEach((r, owner) => {
    for (const image of r.images) {
      if (!imageOwner.has(image)) imageOwner.set(image, owner);
      imageHeads.add(headOf(image));
    }
    for (const p of r.symbols) {
      const lit = literalPattern(p);
      if (!lit) {
        others.push({ re: new RegExp(p), owner });
        continue;
      }
      let node = rootNode;
      const depth = Math.min(lit.text.length, DEPTH);
      for (let i = 0; i < depth; i++) {
        const c = lit.text.charCodeAt(i);
        let next = i === 0 && c < 128 ? root[c] : childOf(i === 0 ? nonAscii : node, c);
        if (!next) {
          next = newNode();
          if (i === 0 && c < 128) root[c] = next;
          else {
            const parent = i === 0 ? nonAscii : node;
            parent.codes.push(c);
            parent.kids.push(next);
          }
        }
        node = next;
      }
      if (lit.text.length > DEPTH) (node.tails ??= []).push({ text: lit.text, exact: lit.exact, owner });
      else if (lit.exact) {
        if (owner < node.exact) node.exact = owner;
      } else if (owner < node.prefix) node.prefix = owner;
    }
  });
  return (image, sym) => {
    let best = image && imageHeads.has(headOf(image)) ? imageOwner.get(image) ?? NONE : NONE;
    if (sym) {
      // An empty literal (`^`, `^$`) ends at the root.
      if (rootNode.prefix < best) best = rootNode.prefix;
      const c0 = sym.charCodeAt(0);
      let node = c0 < 128 ? root[c0] : childOf(nonAscii, c0);
      for (let i = 1; node; i++) {
        if (node.prefix < best) best = node.prefix;
        if (i === sym.length) {
          if (node.exact < best) best = node.exact;
          break;
        }
        if (i === DEPTH) {
          const tails = node.tails;
          if (tails !== undefined) {
            for (let k = 0; k < tails.length; k++) {
              const t = tails[k] as { text: string; exact: boolean; owner: number };
              if (t.owner < best && (t.exact ? sym === t.text : sym.startsWith(t.text))) best = t.owner;
            }
          }
          break;
        }
        node = childOf(node, sym.charCodeAt(i));
      }
      for (const o of others) if (o.owner < best && o.re.test(sym)) best = o.owner;
    }
    return best === NONE ? undefined : names[best];
  };
}

/** A name's length and first code unit in one number (the empty name has NaN: it is in no set). */
const headOf = (name: string): number => name.length * 0x10000 + name.charCodeAt(0);

const REPORTERS: ReporterData[] = data.reporters;
const TRAMPOLINES = new Set(data.signalTrampolines);
const reporterOf = reporterMatcher(REPORTERS);

/** The reporter a frame belongs to, by its image or its symbol. */
export function reporterOfFrame(f: Frame): string | undefined {
  return reporterOf(f.image || '', f.rawSymbol ?? f.symbol ?? '');
}

/** The reporter names that reporters.json knows, for producer detection by name. */
export const REPORTER_NAMES: readonly string[] = REPORTERS.map((r) => r.name);

/** Set `reporter` on every reporter frame of the report's stacks; returns the reporters seen. */
export function markReporterFrames(report: Report): Set<string> {
  const seen = new Set<string>();
  const stacks: Frame[][] = [];
  for (const t of report.threads) stacks.push(t.frames);
  if (report.lastExceptionBacktrace) stacks.push(report.lastExceptionBacktrace);
  // Not a loop over `?? []`: that empty literal has another map than a list of backtraces, and a
  // report with some threw away code optimised for reports without (a wrong-map deopt per run).
  const backtraces = report.applicationSpecificBacktraces;
  if (backtraces !== undefined) for (const bt of backtraces) stacks.push(bt);
  for (const frames of stacks) markStack(frames, seen);
  return seen;
}

function markStack(frames: Frame[], seen: Set<string>): void {
  let handlerEnd = -1;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i] as Frame;
    const owner = reporterOfFrame(f);
    if (owner) {
      f.reporter = true;
      seen.add(owner);
    }
    const sym = f.rawSymbol ?? f.symbol;
    if (handlerEnd < 0 && sym && TRAMPOLINE_LENGTHS.has(foldedLength(sym)) && TRAMPOLINES.has(leadingUnderscoresAsOne(sym))) handlerEnd = i;
  }
  // Frames innermost of _sigtramp ran inside the signal handler; when the reporter's code is among them, they are all its.
  if (handlerEnd > 0 && frames.slice(0, handlerEnd).some((f) => f.reporter)) {
    for (let i = 0; i <= handlerEnd; i++) (frames[i] as Frame).reporter = true;
  }
}

/** Lengths of the trampoline names: a symbol of another length, once folded, is none of them. */
const TRAMPOLINE_LENGTHS = new Set([...TRAMPOLINES].map((t) => t.length));

/** The length of leadingUnderscoresAsOne(sym), without the slice. */
function foldedLength(sym: string): number {
  if (sym.charCodeAt(0) !== 95) return sym.length;
  let i = 1;
  while (sym.charCodeAt(i) === 95) i++;
  return sym.length - (i - 1);
}

/** `sym.replace(/^_+/, '_')` without a regex per frame. */
function leadingUnderscoresAsOne(sym: string): string {
  if (sym.charCodeAt(0) !== 95) return sym;
  let i = 1;
  while (sym.charCodeAt(i) === 95) i++;
  return i === 1 ? sym : sym.slice(i - 1);
}
