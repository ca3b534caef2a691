/**
 * Microstackshot resource reports (bug_type 145 disk writes, 202 CPU usage, 206 CPU usage kill;
 * FORMATS §2.3): `Command:`, `Event:`, `Action taken:`, the limit line and the heaviest stack.
 * These are resource reports, not crashes: kind "other", the facts as notes. An EXC_RESOURCE
 * exception is recorded only when the text names one.
 */
import type { Frame, Report } from '../../model/report.js';
import { MAX_FRAMES } from './limits.js';
import type { SourceLine } from './preface.js';
import { applyCommonHeader, readHeader } from './report-header.js';

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
  const heaviest = readHeaviestStack(lines);
  if (heaviest.length > 0) {
    r.threads = [{ index: 0, name: 'heaviest stack for the target process', crashed: false, frames: heaviest }];
  }
}

/** `Heaviest stack for the target process:` then `  <count>  <symbol|???> (<image> + <off>) [0xaddr]`, outermost first. */
function readHeaviestStack(lines: SourceLine[]): Frame[] {
  const at = lines.findIndex((l) => /^\s*Heaviest stack for the target process:/.test(l.text));
  if (at < 0) return [];
  const frames: Frame[] = [];
  for (const { text, line } of lines.slice(at + 1)) {
    const f = parseSampleFrame(text);
    if (!f) break;
    f.sourceLine = line;
    frames.push(f);
    if (frames.length >= MAX_FRAMES) break;
  }
  // Samples list the outermost frame first; the model wants the innermost at index 0.
  frames.reverse();
  frames.forEach((f, i) => (f.index = i));
  return frames;
}

/** `<count> <symbol + off | ???> (<image> + <offset>) [0x…]` as spindump and microstackshots write it. */
export function parseSampleFrame(text: string): Frame | undefined {
  const m = /^\s*\*?(\d{1,9})\s+(.*)$/.exec(text);
  if (!m?.[2]) return undefined;
  let rest = m[2].trim();
  const frame: Frame = { index: 0 };
  const addr = /\[(0x[0-9a-fA-F]{1,16})\]/.exec(rest);
  if (!addr?.[1]) return undefined;
  frame.address = BigInt(addr[1]);
  rest = rest.slice(0, addr.index).trim();
  const open = rest.lastIndexOf(' (');
  const loc = open >= 0 && rest.endsWith(')') ? rest.slice(open + 2, -1) : '';
  const sym = open >= 0 ? rest.slice(0, open).trim() : rest;
  const io = /^(.*) \+ (\d{1,12})$/.exec(loc);
  if (io?.[1]) {
    const image = io[1].trim();
    if (!image.startsWith('<')) frame.image = image;
    frame.imageOffset = BigInt(io[2] ?? '0');
  }
  if (sym && sym !== '???') {
    const so = /^(.*) \+ (\d{1,12})$/.exec(sym);
    frame.symbol = so?.[1] ? so[1] : sym;
    if (so?.[2]) frame.symbolOffset = Number(so[2]);
    frame.symbolSource = 'report';
  }
  return frame;
}
