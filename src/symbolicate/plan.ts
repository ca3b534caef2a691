/** The whole report's lookup plan: every physical frame of every list, in one array. */
import type { Report } from '../model/report.js';
import { planPanicFrames } from './plan-panic.js';
import { planUserFrames } from './plan-user.js';
import type { FrameLookup, ImageNeed } from './types.js';

export function planReport(report: Report): FrameLookup[] {
  const out: FrameLookup[] = [];
  for (const [t, thread] of report.threads.entries()) out.push(...planUserFrames(report, thread.frames, { list: 'thread', thread: t }, false));
  if (report.lastExceptionBacktrace) out.push(...planUserFrames(report, report.lastExceptionBacktrace, { list: 'lastException' }, true));
  if (report.panic) out.push(...planPanicFrames(report, report.panic));
  return out;
}

/** The distinct images a plan needs, by key. */
export function needsOf(plan: FrameLookup[]): Map<string, ImageNeed> {
  const m = new Map<string, ImageNeed>();
  for (const f of plan) if (f.need && !m.has(f.need.key)) m.set(f.need.key, f.need);
  return m;
}
