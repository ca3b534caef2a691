/**
 * Microstackshot resource reports (bug_type 145 disk writes, 202 CPU usage, 206 CPU usage kill;
 * FORMATS §2.3): `Command:`, `Event:`, `Action taken:`, the limit line and the heaviest stack.
 * These are resource reports, not crashes: kind "other", the facts as notes. An EXC_RESOURCE
 * exception is recorded only when the text names one.
 */
import type { Report } from '../../model/report.js';
import { linkFrames } from './link-images.js';
import { readHeaviestPath } from './sample-tree.js';
import { parseSampledImage } from './spindump-process.js';
import type { SourceLine } from './preface.js';
import { applyCommonHeader, readHeader } from './report-header.js';

/** Lines that end a stack search: the next per-process section or the image list. */
const SECTION = /^(Powerstats for:|\s+Binary Images:)/;

/** Limit lines by event: "CPU: 48 seconds cpu time over 54 seconds …", "Writes: 1073.75 MB …". */
const LIMIT_LABELS = ['CPU', 'Writes', 'Wakeups', 'Memory'];

export function parseMicrostackshot(lines: SourceLine[], r: Report): void {
  r.kind = 'other';
  const f = readHeader(lines);
  applyCommonHeader(r, f);
  const event = f.get('Event');
  const action = f.get('Action taken');
  const notes: string[] = [];
  notes.push(`microstackshot resource report${event ? ` (${event})` : ''}: the system sampled the process for exceeding a resource limit; not a crash`);
  if (action) notes.push(`Action taken: ${action}`);
  for (const label of LIMIT_LABELS) {
    const v = f.get(label);
    if (v) notes.push(`${label}: ${v}`);
  }
  const duration = f.get('Duration');
  if (duration) notes.push(`Duration: ${duration}`);
  r.notes = notes;
  if (action && /killed/i.test(action)) {
    r.termination = { description: `Action taken: ${action}`, ...(event ? { indicator: event } : {}) };
  }
  const named = lines.slice(0, 200).find((l) => /\bEXC_RESOURCE\b/.test(l.text));
  if (named) {
    const m = /\bEXC_RESOURCE\b(?:\s*\(([^()]{1,40})\))?/.exec(named.text);
    r.exception = { type: 'EXC_RESOURCE', ...(m?.[1] ? { subtype: m[1] } : {}) };
  }
  readTargetStack(lines, r);
}

/**
 * The stack to show: `Heaviest stack for the target process:` when present (145/202), else the
 * heaviest path of the target's `Powerstats for:` tree (206), plus that section's binary images.
 */
function readTargetStack(lines: SourceLine[], r: Report): void {
  const heaviestAt = lines.findIndex((l) => /^\s*Heaviest stack for the target process:/.test(l.text));
  const sections = lines.flatMap((l, i) => (/^Powerstats for:/.test(l.text) ? [i] : []));
  const target =
    sections.find((i) => /^Powerstats for:\s+(.*?)\s*(\[\d+\])?\s*$/.exec((lines[i] as SourceLine).text)?.[1] === r.process.name) ?? sections[0];
  let frames = heaviestAt >= 0 ? readHeaviestPath(lines, heaviestAt + 1, { flat: true, stop: SECTION }) : [];
  let name = 'heaviest stack for the target process';
  if (frames.length === 0 && target !== undefined) {
    frames = readHeaviestPath(lines, target + 1, { stop: SECTION });
    name = 'heaviest sampled stack of the target process';
  }
  if (target !== undefined) {
    const end = sections.find((i) => i > target) ?? lines.length;
    const imagesAt = lines.findIndex((l, i) => i > target && i < end && /^\s+Binary Images:/.test(l.text));
    for (let i = imagesAt + 1; imagesAt >= 0 && i < end; i++) {
      const img = parseSampledImage((lines[i] as SourceLine).text);
      if (!img) break;
      r.images.push(img);
    }
  }
  if (frames.length > 0) {
    r.threads = [{ index: 0, name, crashed: false, frames }];
    linkFrames(frames, r.images);
  }
}

