/**
 * Reviewed knowledge the fact-based diagnoses use, kept as data (JSON next to its schema; a test
 * validates each file against its schema). Regexes are compiled once, on first use.
 */
import skipFramesData from './skip-frames.json' with { type: 'json' };
import coprocessorsData from './coprocessors.json' with { type: 'json' };
import waitsData from './waits.json' with { type: 'json' };

export interface CrashReporterSdk {
  name: string;
  symbols: RegExp;
  images?: RegExp;
  threadNames?: RegExp;
}

export interface KernelPatcher {
  name: string;
  bundleIds: RegExp;
  what: string;
  logNames?: RegExp;
}

export interface Coprocessor {
  id: string;
  name: string;
  pattern: RegExp;
  what: string;
  triggers: string[];
  nextSteps: string[];
}

export interface SkipLists {
  systemImageNames: RegExp[];
  systemImagePaths: RegExp[];
  runtimeSymbols: RegExp[];
  signalPlumbingImages: RegExp[];
  kernelPanicSymbols: RegExp[];
  crashReporters: CrashReporterSdk[];
  kernelPatchers: KernelPatcher[];
}

/** The raw data, for tools that share the lists (fingerprints) and for the schema test. */
export const SKIP_FRAMES_DATA: unknown = skipFramesData;
export const COPROCESSORS_DATA: unknown = coprocessorsData;
export const WAITS_DATA: unknown = waitsData;

let skip: SkipLists | undefined;
let coprocs: Coprocessor[] | undefined;

const re = (s: string): RegExp => new RegExp(s);
const opt = (s: string | undefined): RegExp | undefined => (s ? new RegExp(s) : undefined);

export function skipLists(): SkipLists {
  if (!skip) {
    const d = skipFramesData as {
      systemImageNames: string[];
      systemImagePaths: string[];
      runtimeSymbols: string[];
      signalPlumbingImages: string[];
      kernelPanicSymbols: string[];
      crashReporters: { name: string; symbols: string; images?: string; threadNames?: string }[];
      kernelPatchers: { name: string; bundleIds: string; what: string; logNames?: string }[];
    };
    skip = {
      systemImageNames: d.systemImageNames.map(re),
      systemImagePaths: d.systemImagePaths.map(re),
      runtimeSymbols: d.runtimeSymbols.map(re),
      signalPlumbingImages: d.signalPlumbingImages.map(re),
      kernelPanicSymbols: d.kernelPanicSymbols.map(re),
      crashReporters: d.crashReporters.map((c) => ({ name: c.name, symbols: re(c.symbols), images: opt(c.images), threadNames: opt(c.threadNames) }) as CrashReporterSdk),
      kernelPatchers: d.kernelPatchers.map((k) => ({ name: k.name, bundleIds: re(k.bundleIds), what: k.what, ...(k.logNames ? { logNames: re(k.logNames) } : {}) })),
    };
  }
  return skip;
}

export function coprocessors(): Coprocessor[] {
  if (!coprocs) {
    const d = coprocessorsData as { coprocessors: (Omit<Coprocessor, 'pattern'> & { pattern: string })[] };
    coprocs = d.coprocessors.map((c) => ({ ...c, pattern: re(c.pattern) }));
  }
  return coprocs;
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
