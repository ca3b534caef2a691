/**
 * Crash loops in a kernel log: "Driver X has crashed N time(s)" printed at each relaunch, N counting
 * the crashes of the last 24 h before that launch (FORMATS §7.5).
 */
import type { CrashLoop } from '../model/diagnosis.js';
import type { LogEvent, Report } from '../model/report.js';
import { parseTimeMs } from './time.js';

const CRASH_COUNT = /\bDriver (\S+) has crashed (\d{1,6}) time\(s\)/;
/** Lines that show the dext dying after its last launch line. */
const CRASH_MARK = /Assertion failed: |\bClientCrashed_Impl\(\) for client |PCIDriverKit client, \S+, crashed for device|\bcrashed\b.*\bexited\b/;

interface CountLine {
  event: LogEvent;
  bundleId: string;
  count: number;
  index: number;
}

function countLine(e: LogEvent, index: number): CountLine | undefined {
  if (e.driverKit?.kind === 'crash-count') return { event: e, bundleId: e.driverKit.bundleId, count: e.driverKit.count, index };
  // The pattern's literal first: most log lines are not count lines, and a regex per line costs.
  const m = e.message.includes('Driver ') ? CRASH_COUNT.exec(e.message) : null;
  return m ? { event: e, bundleId: m[1] as string, count: Number(m[2]), index } : undefined;
}

/** One loop per dext whose crash count rose, or that had already crashed more than once. */
export function detectLogLoops(r: Report): CrashLoop[] {
  const series = new Map<string, CountLine[]>();
  r.events.forEach((e, i) => {
    const c = countLine(e, i);
    if (!c) return;
    const list = series.get(c.bundleId) ?? [];
    list.push(c);
    series.set(c.bundleId, list);
  });
  const loops: CrashLoop[] = [];
  for (const [subject, lines] of series) {
    const first = lines[0] as CountLine;
    const last = lines[lines.length - 1] as CountLine;
    const max = Math.max(...lines.map((l) => l.count));
    const rising = lines.some((l, i) => i > 0 && l.count > (lines[i - 1] as CountLine).count);
    if (!rising && max < 2) continue;
    // A crash after the last launch line is not counted by any line yet.
    const crashedAgain = r.events.slice(last.index + 1).some((e) => e.driverKit?.kind === 'client-crashed' || CRASH_MARK.test(e.message));
    const loop: CrashLoop = { subject, count: max + (crashedAgain ? 1 : 0) };
    if (first.event.time) loop.firstTime = first.event.time;
    if (last.event.time) loop.lastTime = last.event.time;
    const t0 = first.event.epochMs ?? first.event.localMs ?? parseTimeMs(first.event.time);
    const t1 = last.event.epochMs ?? last.event.localMs ?? parseTimeMs(last.event.time);
    if (t0 !== undefined && t1 !== undefined) loop.spanSeconds = Math.round((t1 - t0) / 100) / 10;
    loops.push(loop);
  }
  return loops;
}
