/**
 * The demangling pass over a whole report: every frame symbol that is a mangled name becomes readable,
 * and the original is kept in `rawSymbol`. Pure: returns a new report and leaves the input untouched.
 */
import type { Frame, Report, Thread } from '../model/report.js';
import { demangle } from './index.js';
import type { DemangleOptions } from './options.js';

export function demangleReport(report: Report, opts: DemangleOptions = {}): Report {
  const frames = (list: Frame[]): Frame[] => list.map((f) => demangleFrame(f, opts));
  const out: Report = { ...report, threads: report.threads.map((t: Thread) => ({ ...t, frames: frames(t.frames) })) };
  if (report.lastExceptionBacktrace) out.lastExceptionBacktrace = frames(report.lastExceptionBacktrace);
  if (report.panic) out.panic = { ...report.panic, backtrace: frames(report.panic.backtrace) };
  return out;
}

/** Demangles one frame's symbol (from `rawSymbol` when an earlier pass already ran, so it is idempotent). */
export function demangleFrame(frame: Frame, opts: DemangleOptions = {}): Frame {
  const raw = frame.rawSymbol ?? frame.symbol;
  if (raw === undefined) return frame;
  const symbol = demangle(raw, opts);
  if (symbol === raw) return frame.rawSymbol === undefined ? frame : { ...frame, symbol: raw };
  return { ...frame, symbol, rawSymbol: raw };
}
