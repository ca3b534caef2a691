/**
 * Mark the frames of in-app crash reporters (reporters.json): the reporter's signal handler, its
 * stack capture and its exception re-raise run on the crashed thread and end up in the stacks it
 * records, but they are never the cause. Frames above a `_sigtramp` whose handler side holds a
 * reporter frame are the handler's own stack and are marked too. Diagnosis skips marked frames.
 */
import type { Frame, Report } from '../../model/report.js';
import data from './reporters.json' with { type: 'json' };

interface Reporter {
  name: string;
  images: Set<string>;
  symbols: RegExp[];
}

const REPORTERS: Reporter[] = data.reporters.map((r) => ({
  name: r.name,
  images: new Set(r.images),
  symbols: r.symbols.map((s) => new RegExp(s)),
}));
const TRAMPOLINES = new Set(data.signalTrampolines);

/**
 * Answers by image and symbol: the same frames come back in every thread and every report of a
 * batch. Kept per image then per symbol (no key string built per frame). Bounded: cleared when
 * CACHE_SIZE answers are held, and long names (hostile input) are not kept.
 */
const CACHE_SIZE = 8192;
const MAX_KEY = 512;
const cache = new Map<string, Map<string, string | null>>();
let cached = 0;

/**
 * A prefilter derived from the data: when every symbol pattern is anchored (`^`), has no alternation
 * and starts with literal characters, a symbol that starts with none of those literal prefixes
 * matches none, and a frame whose image no reporter names then belongs to no reporter: no cache
 * lookup for it. The prefixes are kept by their first character, so most symbols are ruled out by
 * one table read.
 */
const ALL_IMAGES = new Set(REPORTERS.flatMap((r) => [...r.images]));
const PREFIXES = prefixTable(symbolPrefixes(data.reporters.flatMap((r) => r.symbols)));

/**
 * The literal prefix every match of each pattern starts with, or undefined when a pattern is not
 * anchored, has an alternation or starts with no literal character. A prefix stops before the first
 * special character; a literal under a quantifier is left out (`?`, `*` and `{` allow zero copies).
 */
export function symbolPrefixes(patterns: string[]): string[] | undefined {
  const out: string[] = [];
  for (const p of patterns) {
    if (p.includes('|') || p.charCodeAt(0) !== 0x5e) return undefined;
    let prefix = '';
    let i = 1;
    while (i < p.length) {
      let c = p.charCodeAt(i);
      let next = i + 1;
      if (c === 0x5c) {
        // An escaped punctuation character is itself (\[ \+ \-); \d, \w, \u and the like are not literals.
        c = p.charCodeAt(i + 1);
        next = i + 2;
        if (Number.isNaN(c) || /[0-9A-Za-z]/.test(String.fromCharCode(c))) break;
      } else if ('^$.|?*+()[]{}'.includes(String.fromCharCode(c))) break;
      const q = p.charCodeAt(next);
      // A quantifier: the character may be absent (? * {) or repeated (+); either way the prefix ends here.
      if (q === 0x3f || q === 0x2a || q === 0x7b) break;
      prefix += String.fromCharCode(c);
      if (q === 0x2b) break;
      i = next;
    }
    if (prefix === '') return undefined;
    out.push(prefix);
  }
  return out;
}

/** The prefixes by the code unit they start with (ASCII only; a prefix starting otherwise turns the filter off). */
function prefixTable(prefixes: string[] | undefined): (string[] | undefined)[] | undefined {
  if (!prefixes) return undefined;
  const table: (string[] | undefined)[] = new Array(128).fill(undefined);
  for (const p of prefixes) {
    const c = p.charCodeAt(0);
    if (c >= 128) return undefined;
    (table[c] ??= []).push(p);
  }
  return table;
}

/** True when `sym` starts with one of the reporters' literal prefixes. */
function hasReporterPrefix(table: (string[] | undefined)[], sym: string): boolean {
  const c = sym.charCodeAt(0);
  const list = c < 128 ? table[c] : undefined;
  if (list === undefined) return false;
  for (let k = 0; k < list.length; k++) if (sym.startsWith(list[k] as string)) return true;
  return false;
}

/** The reporter a frame belongs to, by its image or its symbol. */
export function reporterOfFrame(f: Frame): string | undefined {
  const image = f.image || '';
  const sym = f.rawSymbol ?? f.symbol ?? '';
  if (PREFIXES && !hasReporterPrefix(PREFIXES, sym) && !ALL_IMAGES.has(image)) return undefined;
  if (image.length + sym.length > MAX_KEY) return reporterOf(image, sym);
  let bySym = cache.get(image);
  let v = bySym?.get(sym);
  if (v === undefined) {
    v = reporterOf(image, sym) ?? null;
    if (cached >= CACHE_SIZE) {
      cache.clear();
      cached = 0;
      bySym = undefined;
    }
    if (!bySym) cache.set(image, (bySym = new Map()));
    bySym.set(sym, v);
    cached++;
  }
  return v ?? undefined;
}

function reporterOf(image: string, sym: string): string | undefined {
  for (const r of REPORTERS) {
    if (image && r.images.has(image)) return r.name;
    if (sym && r.symbols.some((re) => re.test(sym))) return r.name;
  }
  return undefined;
}

/** The reporter names that reporters.json knows, for producer detection by name. */
export const REPORTER_NAMES: readonly string[] = REPORTERS.map((r) => r.name);

/** Set `reporter` on every reporter frame of the report's stacks; returns the reporters seen. */
export function markReporterFrames(report: Report): Set<string> {
  const seen = new Set<string>();
  const stacks: Frame[][] = [...report.threads.map((t) => t.frames)];
  if (report.lastExceptionBacktrace) stacks.push(report.lastExceptionBacktrace);
  for (const bt of report.applicationSpecificBacktraces ?? []) stacks.push(bt);
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
