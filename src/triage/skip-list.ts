/**
 * Frames that never identify a crash, for fingerprints. The lists are the ones diagnose/ uses for
 * fault sites and culprits (src/diagnose/knowledge/skip-frames.json, schema beside it), shared so
 * both agree on what is runtime plumbing. Core code: no Node API.
 */
import { skipLists } from '../diagnose/knowledge/index.js';
import type { Frame } from '../model/report.js';

export interface SkipEntry {
  image?: string;
  symbol?: string;
  why: string;
}

export interface SkipFile {
  version: number;
  frames: SkipEntry[];
}

interface CompiledEntry {
  entry: SkipEntry;
  image?: RegExp;
  symbol?: RegExp;
}

/** Text longer than this is not matched further (bounded regex work on hostile symbols). */
const MAX_TEXT = 500;
/** Frames remembered per skip list, and the longest image + symbol remembered. */
const MEMO_SIZE = 8192;
const MEMO_KEY = 1024;

export class SkipList {
  readonly version: number;
  private readonly entries: CompiledEntry[];

  constructor(file: SkipFile) {
    this.version = file.version;
    this.entries = file.frames.map((entry) => ({
      entry,
      ...(entry.image ? { image: new RegExp(entry.image) } : {}),
      ...(entry.symbol ? { symbol: new RegExp(entry.symbol) } : {}),
    }));
  }

  /**
   * Answers by image, then symbol (the same frames recur across a batch): two look-ups of the
   * frame's own strings, no key text built per frame. Bounded, cleared when full; the strings kept
   * are copies (a frame's strings are cut from its report's text, which they would keep alive).
   */
  private readonly memo = new Map<string | undefined, Map<string | undefined, SkipEntry | null>>();
  private memoSize = 0;

  /** The entry that skips this frame, if any: every pattern an entry has must match. */
  match(frame: Frame): SkipEntry | undefined {
    const { image, symbol } = frame;
    if ((image?.length ?? 0) + (symbol?.length ?? 0) > MEMO_KEY) return this.matchText(image, symbol);
    let bySymbol = this.memo.get(image);
    let v = bySymbol?.get(symbol);
    if (v === undefined) {
      v = this.matchText(image, symbol) ?? null;
      if (this.memoSize >= MEMO_SIZE) {
        this.memo.clear();
        this.memoSize = 0;
        bySymbol = undefined;
      }
      if (!bySymbol) {
        bySymbol = new Map();
        this.memo.set(ownCopy(image), bySymbol);
      }
      bySymbol.set(ownCopy(symbol), v);
      this.memoSize++;
    }
    return v ?? undefined;
  }

  private matchText(rawImage: string | undefined, rawSymbol: string | undefined): SkipEntry | undefined {
    const image = rawImage?.slice(0, MAX_TEXT);
    const symbol = rawSymbol === undefined ? undefined : bareSymbol(rawSymbol).slice(0, MAX_TEXT);
    for (const c of this.entries) {
      if (c.image && (image === undefined || !c.image.test(image))) continue;
      if (c.symbol && (symbol === undefined || !c.symbol.test(symbol))) continue;
      return c.entry;
    }
    return undefined;
  }
}

/** The shared lists as skip entries: runtime symbols anywhere, plumbing images, the kernel's panic path. */
export function sharedSkipList(): SkipList {
  const s = skipLists();
  const entries: SkipEntry[] = [
    ...s.runtimeSymbols.map((r) => ({ symbol: r.source, why: 'runtime abort, throw, trap or wait machinery (knowledge/skip-frames.json runtimeSymbols)' })),
    ...s.signalPlumbingImages.map((r) => ({ image: r.source, why: 'system plumbing library: the fault belongs to its caller (knowledge/skip-frames.json signalPlumbingImages)' })),
    ...s.kernelPanicSymbols.map((r) => ({ symbol: r.source, why: "the kernel's panic and trap path: it reports the failure (knowledge/skip-frames.json kernelPanicSymbols)" })),
  ];
  return new SkipList({ version: 1, frames: entries });
}

/** A string of its own (not a slice of a report's text), or undefined. */
function ownCopy(s: string | undefined): string | undefined {
  return s === undefined ? undefined : (JSON.parse(JSON.stringify(s)) as string);
}

/** A symbol without the "+ 123" offset some reports keep in it. */
export function bareSymbol(symbol: string): string {
  const plus = symbol.lastIndexOf(' + ');
  const s = plus > 0 && /^\s*\d+\s*$/.test(symbol.slice(plus + 3)) ? symbol.slice(0, plus) : symbol;
  return s.trim();
}
