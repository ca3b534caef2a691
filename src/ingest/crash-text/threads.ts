/**
 * Thread headers (FORMATS §6.3), all observed spellings:
 *   `Thread 0 Crashed:`                       `Thread 1:`
 *   `Thread 0 name:  Dispatch queue: q`       `Thread 4 name:  WebThread`
 *   `Thread 0 Crashed::  Dispatch queue: q`   `Thread 3:: com.apple.NSEventThread`
 *   `Thread 2 Attributed:` (EXC_RESOURCE)
 */
import type { Thread } from '../../model/report.js';
import { isDigit, skipSpace } from './chars.js';
import { isLineTerminator } from '../text-scan.js';

export type ThreadHeader =
  | { kind: 'name'; index: number; name?: string; queue?: string }
  | { kind: 'start'; index: number; crashed: boolean; name?: string; queue?: string };

/**
 * The two heading patterns, read by hand below (no match arrays; they ran on every thread heading):
 *   NAME_LINE  `^\s*Thread (\d{1,6}) name:\s*(.*)$`
 *   START_LINE `^\s*Thread (\d{1,6})( Crashed| Attributed)?(::?)\s*(.*)$`
 * "Attributed" marks the thread an EXC_RESOURCE report charges (legacy 185 text).
 */
export function parseThreadHeader(line: string): ThreadHeader | undefined {
  // Both patterns start with optional white space and "Thread ": the line's first word decides, not a search of all of it.
  const start = skipSpace(line, 0);
  if (!line.startsWith('Thread ', start)) return undefined;
  const n = line.length;
  const digits = start + 7;
  let i = digits;
  let index = 0;
  while (i < n && isDigit(line.charCodeAt(i))) index = index * 10 + line.charCodeAt(i++) - 48;
  // More than 6 digits: neither pattern can end its number there (fewer digits leave a digit next).
  if (i === digits || i - digits > 6) return undefined;
  if (line.startsWith(' name:', i)) {
    const rest = restAfterSpace(line, i + 6);
    return rest === undefined ? undefined : { kind: 'name', index, ...nameOrQueue(rest) };
  }
  let crashed = false;
  if (line.startsWith(' Crashed', i)) {
    crashed = true;
    i += 8;
  } else if (line.startsWith(' Attributed', i)) {
    i += 11;
  }
  // Reads are kept inside the line ("Thread 1:" ends at its colon): a read past the end gives NaN, which
  // answers the same, but throws away the function's optimised code the first time it happens.
  if (i >= n || line.charCodeAt(i) !== 58) return undefined;
  const twoColons = i + 1 < n && line.charCodeAt(i + 1) === 58;
  const rest = restAfterSpace(line, twoColons ? i + 2 : i + 1);
  // Taking one colon of two cannot rescue a rest that fails: the second colon only joins that rest.
  if (rest === undefined) return undefined;
  const tail = rest.trim();
  // With one colon only a dispatch queue may follow; other text means this is not a header.
  if (!twoColons && tail !== '' && !tail.startsWith('Dispatch queue:')) return undefined;
  return { kind: 'start', index, crashed, ...nameOrQueue(tail) };
}

/**
 * What `\s*(.*)$` captures from `from`: the text after the white space there, or undefined when it
 * holds a line terminator (`.` takes none, and giving white space back to `(.*)` keeps the terminator).
 */
function restAfterSpace(line: string, from: number): string | undefined {
  const at = skipSpace(line, from);
  for (let k = at; k < line.length; k++) if (isLineTerminator(line.charCodeAt(k))) return undefined;
  return line.slice(at);
}

function nameOrQueue(raw: string): { name?: string; queue?: string } {
  const v = raw.trim();
  if (!v) return {};
  const q = /^Dispatch queue:\s*(.*)$/.exec(v);
  if (q) return q[1] ? { queue: q[1].trim() } : {};
  return { name: v };
}

/** Threads in order of first mention; a `name:` line and its `Thread N:` line share one entry. */
export class ThreadTable {
  readonly list: Thread[] = [];
  private readonly byIndex = new Map<number, Thread>();

  get(index: number): Thread {
    let t = this.byIndex.get(index);
    if (!t) {
      t = { index, crashed: false, frames: [] };
      this.byIndex.set(index, t);
      this.list.push(t);
    }
    return t;
  }

  find(index: number): Thread | undefined {
    return this.byIndex.get(index);
  }

  get size(): number {
    return this.list.length;
  }

  apply(h: ThreadHeader): Thread {
    const t = this.get(h.index);
    if (h.name) t.name = h.name;
    if (h.queue) t.queue = h.queue;
    if (h.kind === 'start' && h.crashed) t.crashed = true;
    return t;
  }
}
