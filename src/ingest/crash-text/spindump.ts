/**
 * spindump / `.spin` text (Report Version 29, "Heavy format: stacks are sorted by count"; FORMATS
 * §6.7): a sampling report of a hung or watchdog-timed-out process. Read the header (Command,
 * PID, Event, Reason) into kind "other" with a note saying it is a hang/watchdog report, not a crash,
 * plus the heaviest stack of each thread of the target process and its binary images.
 */
import type { Report } from '../../model/report.js';
import type { SourceLine } from './preface.js';
import { applyCommonHeader, readHeader } from './report-header.js';
import { linkFrames } from './link-images.js';
import { readSampledProcess } from './spindump-process.js';

export function parseSpindump(lines: SourceLine[], r: Report): void {
  r.kind = 'other';
  const f = readHeader(lines);
  applyCommonHeader(r, f);
  const event = f.get('Event');
  const reason = f.get('Reason');
  const watchdog = /watchdog/i.test(`${event ?? ''} ${reason ?? ''}`);
  const notes: string[] = [];
  notes.push(
    watchdog
      ? `spindump of a watchdog timeout${event ? ` (${event})` : ''}: the process stopped responding and was sampled; it is a hang report, not a crash`
      : `spindump hang report${event ? ` (${event})` : ''}: the process was sampled while unresponsive; it did not crash`,
  );
  if (reason) notes.push(`watchdog reason: ${reason}`);
  // A sleep/wake failure report starts with the failure before its stackshot ("Sleep Wake failure in EFI", "Failure code:: …").
  const failure = lines.slice(0, 12).find((l) => /^Sleep Wake failure\b/i.test(l.text.trim()));
  if (failure) {
    const code = lines.slice(0, 12).map((l) => /^Failure code::?\s*(.+)$/i.exec(l.text.trim())?.[1]).find((c) => c !== undefined);
    notes.unshift(`${failure.text.trim()}${code ? `; failure code ${code.trim()}` : ''}`);
  }
  // Without a Command line the spindump samples every process rather than one target.
  if (!f.get('Command') && !event) notes.unshift('spindump of every process (no target process or event: a system-wide sample)');
  const duration = f.get('Duration');
  if (duration) notes.push(`Duration: ${duration}`);
  const bootArgs = f.get('Boot args');
  if (bootArgs) notes.push(`Boot args: ${bootArgs}`);
  r.notes = notes;
  const sampled = readSampledProcess(lines, r.process.name);
  if (sampled) {
    r.threads = sampled.threads;
    r.images = sampled.images;
    linkFrames(r.threads.flatMap((t) => t.frames), r.images);
  }
  if (!r.process.name) {
    // Old spindumps have no Command line: take the first sampled process.
    const proc = lines.find((l) => /^Process:\s+\S/.test(l.text));
    const m = proc && /^Process:\s+(.*?)\s*\[(\d{1,9})\]/.exec(proc.text);
    if (m?.[1]) {
      r.process.name = m[1];
      r.process.pid = Number(m[2]);
    }
  }
}
