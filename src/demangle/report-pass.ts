/**
 * The demangling pass over a whole report: every frame symbol that is a mangled name becomes readable,
 * and the original is kept in `rawSymbol`. Pure: returns a new report and leaves the input untouched.
 */
import type { Frame, Report, Thread } from '../model/report.js';
import { looksLikeCxx } from './cxx.js';
import { demangle } from './index.js';
import type { DemangleOptions } from './options.js';

export function demangleReport(report: Report, opts: DemangleOptions = {}): Report {
  return mapFrames(report, (f) => demangleFrame(f, opts));
}

/**
 * demangleReport for a pipeline that owns the parsed report and only reads the result: a new report
 * object whose threads, thread objects and frame lists are the input's own wherever no symbol in them
 * changes (most frames are C or Objective-C names), so nothing is copied for them. The input is left
 * untouched; a caller that mutates nested parts of the result would see the input's, hence not public.
 */
export function demangleReportShared(report: Report, opts: DemangleOptions = {}): Report {
  const fn = (f: Frame): Frame => (unchangedByDemangling(f) ? f : demangleFrame(f, opts));
  const threads = report.threads;
  let outThreads: Thread[] | undefined;
  for (let i = 0; i < threads.length; i++) {
    const t = threads[i] as Thread;
    const frames = framesShared(t.frames, fn);
    if (frames === t.frames) continue;
    outThreads ??= threads.slice();
    outThreads[i] = { ...t, frames };
  }
  const out: Report = { ...report };
  if (outThreads) out.threads = outThreads;
  if (report.lastExceptionBacktrace) out.lastExceptionBacktrace = framesShared(report.lastExceptionBacktrace, fn);
  if (report.panic) {
    const backtrace = framesShared(report.panic.backtrace, fn);
    if (backtrace !== report.panic.backtrace) out.panic = { ...report.panic, backtrace };
  }
  return out;
}

/** Whether some frame symbol of the report (or its raw symbol) is an Itanium C++ name: the C++ backend will be called. */
export function hasCxxSymbol(report: Report): boolean {
  for (const t of report.threads) if (cxxIn(t.frames)) return true;
  return (report.lastExceptionBacktrace !== undefined && cxxIn(report.lastExceptionBacktrace)) || (report.panic !== undefined && cxxIn(report.panic.backtrace));
}

function cxxIn(list: Frame[]): boolean {
  for (const f of list) {
    const s = f.symbol;
    // Every C++ name starts with an underscore: other first characters skip the pattern test.
    if (s !== undefined && s.charCodeAt(0) === 0x5f && looksLikeCxx(s)) return true;
    const raw = f.rawSymbol;
    if (raw !== undefined && raw.charCodeAt(0) === 0x5f && looksLikeCxx(raw)) return true;
  }
  return false;
}

/**
 * True when demangleFrame(f) certainly returns f, decided from the first character alone (most
 * frames): no raw symbol, and a symbol that demangle() returns as it is, since Swift and C++ names
 * start with `_`, `$` or `@` (see demangle()).
 */
function unchangedByDemangling(f: Frame): boolean {
  if (f.rawSymbol !== undefined) return false;
  const s = f.symbol;
  if (s === undefined) return true;
  const c = s.charCodeAt(0);
  return c !== 0x5f && c !== 0x24 && c !== 0x40;
}

/** list.map(fn), or the list itself when fn changes no frame. */
function framesShared(list: Frame[], fn: (f: Frame) => Frame): Frame[] {
  let out: Frame[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as Frame;
    const g = fn(f);
    if (g === f) continue;
    out ??= list.slice();
    out[i] = g;
  }
  return out ?? list;
}

/**
 * The opposite pass, for `--no-demangle`: frames whose `rawSymbol` is a mangled name (a backend or an
 * earlier pass demangled them) show that raw name again as `symbol`. Pure.
 */
export function keepRawNames(report: Report): Report {
  return mapFrames(report, (f) => {
    const raw = f.rawSymbol;
    if (raw === undefined || demangle(raw) === raw) return f;
    const { rawSymbol: _drop, ...rest } = f;
    return { ...rest, symbol: raw };
  });
}

function mapFrames(report: Report, fn: (f: Frame) => Frame): Report {
  const frames = (list: Frame[]): Frame[] => list.map(fn);
  const out: Report = { ...report, threads: report.threads.map((t: Thread) => ({ ...t, frames: frames(t.frames) })) };
  if (report.lastExceptionBacktrace) out.lastExceptionBacktrace = frames(report.lastExceptionBacktrace);
  if (report.panic) out.panic = { ...report.panic, backtrace: frames(report.panic.backtrace) };
  return out;
}

/**
 * Demangles one frame's symbol. The source is `rawSymbol` when that is a mangled name (an earlier pass ran,
 * so a second pass or another style starts from the original), otherwise `symbol`; a `rawSymbol` that an
 * ingester kept for another reason (e.g. cleaned-up Xcode artefacts) is left as it is.
 */
export function demangleFrame(frame: Frame, opts: DemangleOptions = {}): Frame {
  const raw = frame.rawSymbol;
  if (raw !== undefined) {
    const fromRaw = demangle(raw, opts);
    if (fromRaw !== raw) return fromRaw === frame.symbol ? frame : { ...frame, symbol: fromRaw };
  }
  const src = frame.symbol;
  if (src === undefined) return frame;
  const symbol = demangle(src, opts);
  if (symbol === src) return frame;
  return { ...frame, symbol, rawSymbol: raw ?? src };
}
