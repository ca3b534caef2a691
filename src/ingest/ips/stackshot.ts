/**
 * The embedded stackshot of 210/288/409 bodies: `processByPid` and `binaryImages` (FORMATS §4).
 * Most threads carry no frames, so only a bounded summary is kept, as notes.
 */
import type { Report } from '../../model/report.js';
import { arrAt, numOf, objAt, strOf, textOf } from './json-access.js';
import { isJsonObject, type JsonObject, type JsonValue } from './lossless-json.js';
import { readImages } from './images.js';

/** Longest list of names written into one note. */
const MAX_NAMES = 20;

export interface StackshotProcess {
  pid: number;
  name?: string;
  threads: number;
  residentBytes?: number;
}

/** Processes of a `processByPid` object, in pid order. */
export function readProcesses(byPid: JsonObject | undefined): StackshotProcess[] {
  if (!byPid) return [];
  const out: StackshotProcess[] = [];
  // for…in walks the keys Object.entries/Object.keys give here (parsed objects inherit no enumerable keys), without the arrays.
  for (const key in byPid) {
    const value = byPid[key];
    if (!isJsonObject(value)) continue;
    const pid = numOf(value?.pid) ?? Number(key);
    const p: StackshotProcess = { pid: Number.isFinite(pid) ? pid : -1, threads: 0 };
    const name = textOf(value?.procname);
    if (name) p.name = name;
    const threads = objAt(value, 'threadById');
    if (threads) {
      let n = 0;
      for (const _ in threads) n++;
      p.threads = n;
    }
    const resident = numOf(value?.residentMemoryBytes);
    if (resident !== undefined) p.residentBytes = resident;
    out.push(p);
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** Images and a process summary from a stackshot container (the body, or 409's `stackshot`). */
export function readStackshot(container: JsonObject, report: Report): StackshotProcess[] {
  const images = readImages(arrAt(container, 'binaryImages'), report.warnings);
  if (images.length > 0) report.images = images;
  const processes = readProcesses(objAt(container, 'processByPid'));
  if (processes.length > 0) {
    const threads = processes.reduce((n, p) => n + p.threads, 0);
    const largest = processes
      .filter((p) => p.residentBytes !== undefined)
      .sort((a, b) => (b.residentBytes ?? 0) - (a.residentBytes ?? 0))
      .slice(0, 5)
      .map((p) => `${p.name ?? '?'} [${p.pid}] ${Math.round((p.residentBytes ?? 0) / 1048576)} MB`);
    const summary = `stackshot: ${processes.length} processes, ${threads} threads`;
    (report.notes ??= []).push(largest.length > 0 ? `${summary}; largest resident: ${largest.join(', ')}` : summary);
  }
  return processes;
}

/** Name and pid of processes by pid, for `frontmostPids` and the like. */
export function describePids(pids: JsonValue[], processes: StackshotProcess[]): string {
  const names = pids.slice(0, MAX_NAMES).map((raw) => {
    const pid = Number(strOf(raw));
    const p = processes.find((x) => x.pid === pid);
    return p?.name ? `${p.name} [${pid}]` : `[${pid}]`;
  });
  return names.join(', ');
}
