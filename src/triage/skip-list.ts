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

  /** Answers by image and symbol (the same frames recur across a batch); bounded, cleared when full. */
  private readonly memo = new Map<string, SkipEntry | null>();

  /** The entry that skips this frame, if any: every pattern an entry has must match. */
  match(frame: Frame): SkipEntry | undefined {
    const { image, symbol } = frame;
    if ((image?.length ?? 0) + (symbol?.length ?? 0) > MEMO_KEY) return this.matchText(image, symbol);
    // Lengths (-1: absent) keep every (image, symbol) pair's key distinct.
    const key = `${image === undefined ? -1 : image.length}:${symbol === undefined ? -1 : symbol.length}:${image ?? ''}${symbol ?? ''}`;
    let v = this.memo.get(key);
    if (v === undefined) {
      v = this.matchText(image, symbol) ?? null;
      if (this.memo.size >= MEMO_SIZE) this.memo.clear();
      this.memo.set(key, v);
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

/** A symbol without the "+ 123" offset some reports keep in it. */
export function bareSymbol(symbol: string): string {
  const plus = symbol.lastIndexOf(' + ');
  const s = plus > 0 && /^\s*\d+\s*$/.test(symbol.slice(plus + 3)) ? symbol.slice(0, plus) : symbol;
  return s.trim();
}
