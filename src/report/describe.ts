import type { Frame, Report } from '../model/report.js';
import { crashedThreadOf } from '../model/report.js';
import { hex } from '../model/numbers.js';

/**
 * Plain-language pieces shared by the text and Markdown renderers: one sentence of what
 * happened, where, and the frames worth showing first.
 */

/** "Safari crashed (EXC_BAD_ACCESS / SIGSEGV)", "Kernel panic", … */
export function headline(r: Report): string {
  const who = r.process.name ?? r.panic?.panickedProcess;
  switch (r.kind) {
    case 'crash': {
      const why = [r.exception?.type, r.exception?.signal].filter(Boolean).join(' / ');
      return `${who ?? 'A process'} crashed${why ? ` (${why})` : ''}`;
    }
    case 'panic':
      return `Kernel panic${who ? ` while running ${who}` : ''}`;
    case 'jetsam': {
      const killed = r.jetsam?.killed?.[0];
      return killed ? `Jetsam killed ${killed.name ?? 'a process'}${killed.reason ? ` (${killed.reason})` : ''}` : 'Jetsam memory-pressure event';
    }
    case 'stackshot':
      return `Stackshot${r.process.name ? ` of ${r.process.name}` : ''} (not a crash)`;
    case 'kernel-log':
      return `Kernel log excerpt, ${r.events.length} line${r.events.length === 1 ? '' : 's'}`;
    default:
      return `${r.source.bugType ? `Report type ${r.source.bugType}` : 'Report'}${who ? ` for ${who}` : ''}`;
  }
}

/** "macOS 14.2.1 (23C71), MacBookPro18,3, arm64". */
export function systemLine(r: Report): string | undefined {
  const os = r.os.raw ?? [r.os.platform, r.os.version, r.os.build ? `(${r.os.build})` : undefined].filter(Boolean).join(' ');
  const parts = [os, r.hardware.model, r.hardware.arch].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The frames a reader should see first: the crashed thread, else the panic backtrace. */
export function keyFrames(r: Report, limit: number): { title: string; frames: Frame[] } | undefined {
  const t = crashedThreadOf(r);
  if (t && t.frames.length > 0) {
    const name = [t.name, t.queue].filter(Boolean).join(', ');
    return { title: `Thread ${t.index}${name ? ` (${name})` : ''} crashed`, frames: t.frames.slice(0, limit) };
  }
  if (r.panic && r.panic.backtrace.length > 0) return { title: 'Panicked thread backtrace', frames: r.panic.backtrace.slice(0, limit) };
  return undefined;
}

/** "symbol + 12 (File.swift:40)" or the best that is known about a frame. */
export function frameLocation(f: Frame): string {
  let s = f.symbol ?? (f.imageOffset !== undefined ? `${f.image ?? '???'} + ${hex(f.imageOffset)}` : f.address !== undefined ? hex(f.address) : '???');
  if (f.symbol && f.symbolOffset !== undefined) s += ` + ${f.symbolOffset}`;
  if (f.file) s += ` (${f.file}${f.line !== undefined ? `:${f.line}` : ''})`;
  if (f.inlined) s += ' [inlined]';
  if (!f.symbol && f.unresolvedReason) s += ` (${f.unresolvedReason})`;
  return s;
}

/** Third-party components named by the log: kexts in the panic backtrace, a dext in the events. */
export function namedComponents(r: Report): string[] {
  const out = new Set<string>();
  for (const k of r.panic?.kexts ?? []) out.add(`${k.bundleId}${k.version ? ` ${k.version}` : ''}`);
  for (const e of r.events) {
    const dk = e.driverKit;
    if (dk && 'bundleId' in dk) out.add(dk.bundleId);
  }
  return [...out];
}

/**
 * The report's decoded codes, one line each, raw value next to its decoded name:
 * "0xe00002c7 = kIOReturnUnsupported: unsupported function (events[3].message, line 12)".
 * The text and Markdown renderers both show these lines; JSON carries `codes` as is.
 */
export function codeLines(r: Report, limit = 12): string[] {
  const codes = r.codes ?? [];
  const lines = codes.slice(0, limit).map((c) => {
    const head = c.raw === c.name ? c.name : `${c.raw} = ${c.name}`;
    const where = [c.field, c.line !== undefined ? `line ${c.line}` : undefined].filter(Boolean).join(', ');
    return `${head}: ${c.meaning} (${where})`;
  });
  if (codes.length > limit) lines.push(`… ${codes.length - limit} more in the JSON output`);
  return lines;
}
