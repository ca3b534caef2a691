/**
 * Reviewed knowledge the fact-based diagnoses use, kept as data (JSON next to its schema; a test
 * validates each file against its schema). Regexes are compiled once, on first use.
 */
import skipFramesData from './skip-frames.json' with { type: 'json' };
import waitsData from './waits.json' with { type: 'json' };

export interface KernelPatcher {
  name: string;
  bundleIds: RegExp;
  what: string;
  logNames?: RegExp;
}

export interface SkipLists {
  systemImageNames: RegExp[];
  systemImagePaths: RegExp[];
  runtimeSymbols: RegExp[];
  signalPlumbingImages: RegExp[];
  kernelPanicSymbols: RegExp[];
  kernelPatchers: KernelPatcher[];
}

/** The raw data, for tools that share the lists (fingerprints) and for the schema test. */
export const SKIP_FRAMES_DATA: unknown = skipFramesData;
export const WAITS_DATA: unknown = waitsData;

let skip: SkipLists | undefined;

const re = (s: string): RegExp => new RegExp(s);

export function skipLists(): SkipLists {
  if (!skip) {
    const d = skipFramesData as {
      systemImageNames: string[];
      systemImagePaths: string[];
      runtimeSymbols: string[];
      signalPlumbingImages: string[];
      kernelPanicSymbols: string[];
      kernelPatchers: { name: string; bundleIds: string; what: string; logNames?: string }[];
    };
    skip = {
      systemImageNames: d.systemImageNames.map(re),
      systemImagePaths: d.systemImagePaths.map(re),
      runtimeSymbols: d.runtimeSymbols.map(re),
      signalPlumbingImages: d.signalPlumbingImages.map(re),
      kernelPanicSymbols: d.kernelPanicSymbols.map(re),
      kernelPatchers: d.kernelPatchers.map((k) => ({ name: k.name, bundleIds: re(k.bundleIds), what: k.what, ...(k.logNames ? { logNames: re(k.logNames) } : {}) })),
    };
  }
  return skip;
}

export interface WaitKind {
  symbols: RegExp;
  meaning: string;
}

let waitKinds: WaitKind[] | undefined;

export function waits(): WaitKind[] {
  if (!waitKinds) waitKinds = (waitsData as { waits: { symbols: string; meaning: string }[] }).waits.map((w) => ({ symbols: re(w.symbols), meaning: w.meaning }));
  return waitKinds;
}
