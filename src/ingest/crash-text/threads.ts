/**
 * Thread headers (FORMATS §6.3), all observed spellings:
 *   `Thread 0 Crashed:`                       `Thread 1:`
 *   `Thread 0 name:  Dispatch queue: q`       `Thread 4 name:  WebThread`
 *   `Thread 0 Crashed::  Dispatch queue: q`   `Thread 3:: com.apple.NSEventThread`
 *   `Thread 2 Attributed:` (EXC_RESOURCE)
 */
import type { Thread } from '../../model/report.js';
import { skipSpace } from './chars.js';

export type ThreadHeader =
  | { kind: 'name'; index: number; name?: string; queue?: string }
  | { kind: 'start'; index: number; crashed: boolean; name?: string; queue?: string };

const NAME_LINE = /^\s*Thread (\d{1,6}) name:\s*(.*)$/;
// "Attributed" marks the thread an EXC_RESOURCE report charges (legacy 185 text).
const START_LINE = /^\s*Thread (\d{1,6})( Crashed| Attributed)?(::?)\s*(.*)$/;

export function parseThreadHeader(line: string): ThreadHeader | undefined {
  // Both patterns start with optional white space and "Thread ": the line's first word decides, not a search of all of it.
  if (!line.startsWith('Thread ', skipSpace(line, 0))) return undefined;
  const n = NAME_LINE.exec(line);
  if (n?.[1] !== undefined) return { kind: 'name', index: Number(n[1]), ...nameOrQueue(n[2] ?? '') };
  const s = START_LINE.exec(line);
  if (s?.[1] === undefined) return undefined;
  const tail = (s[4] ?? '').trim();
  // With one colon only a dispatch queue may follow; other text means this is not a header.
  if (s[3] === ':' && tail !== '' && !tail.startsWith('Dispatch queue:')) return undefined;
  return { kind: 'start', index: Number(s[1]), crashed: s[2] === ' Crashed', ...nameOrQueue(tail) };
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
