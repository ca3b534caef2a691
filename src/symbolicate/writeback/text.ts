/**
 * Writes symbols back into legacy text reports: crash-report frame rows get "symbol + offset (file:line)" in place
 * of "0xLOAD + offset" (inlined frames as extra rows marked [inlined]); panic backtrace rows get the symbol appended.
 * Rows are found by the frame's sourceLine, or (inside an .ips panic string) by the address they print.
 */
import type { Frame, Report } from '../../model/report.js';
import { describeFrame, newlyResolved, physicalFrames, type PhysicalFrame } from './frame-groups.js';

/** A crash-report frame row: "12  App   0x0000000100000598 0x100000000 + 1432" (the part after the address is replaced). */
const CRASH_ROW = /^(\s*\d+\s+.+?\s+0x[0-9a-fA-F]+\s+)(.*)$/;

export function writeBackText(text: string, reports: Report[]): string {
  const lines = text.split('\n');
  const edits: { line: number; rows: string[] }[] = [];
  for (const report of reports) {
    const lists = [...report.threads.map((t) => t.frames), report.lastExceptionBacktrace ?? []];
    for (const frames of lists) for (const g of physicalFrames(frames)) crashEdit(lines, g, edits);
    for (const g of physicalFrames(report.panic?.backtrace ?? [])) panicEdit(lines, g, edits);
  }
  // Bottom-up, so inserted rows do not move the lines still to edit.
  for (const e of edits.sort((a, b) => b.line - a.line)) lines.splice(e.line - 1, 1, ...e.rows);
  return lines.join('\n');
}

function crashEdit(lines: string[], g: PhysicalFrame, edits: { line: number; rows: string[] }[]): void {
  const n = g.frame.sourceLine;
  if (!n || !newlyResolved(g.frame)) return;
  const m = CRASH_ROW.exec(lines[n - 1] ?? '');
  if (!m) return;
  const prefix = m[1]!;
  edits.push({ line: n, rows: [...g.inlined.map((f) => prefix + describeFrame(f)), prefix + describeFrame(g.frame)] });
}

function panicEdit(lines: string[], g: PhysicalFrame, edits: { line: number; rows: string[] }[]): void {
  const n = g.frame.sourceLine;
  if (!n || !newlyResolved(g.frame) || lines[n - 1] === undefined) return;
  edits.push({ line: n, rows: [`${lines[n - 1]!.trimEnd()}  ${panicSuffix(g)}`] });
}

function panicSuffix(g: PhysicalFrame): string {
  const where = g.frame.image ? `${g.frame.image} : ` : '';
  return [...g.inlined.map((f) => describeFrame(f, 'hex')), where + describeFrame(g.frame, 'hex')].join(' <- ');
}

/** Annotate panic rows inside a panic string (an .ips 210 body) by the addresses they print, in order. */
export function annotatePanicText(text: string, backtrace: Frame[]): string {
  const lines = text.split('\n');
  let from = 0;
  for (const g of physicalFrames(backtrace)) {
    const a = g.frame.address;
    if (a === undefined || !newlyResolved(g.frame)) continue;
    const needle = new RegExp(`0x0*${a.toString(16)}\\b`, 'i');
    const i = lines.findIndex((l, k) => k >= from && /lr:|: 0x/.test(l) && needle.test(l));
    if (i < 0) continue;
    lines[i] = `${lines[i]!.trimEnd()}  ${panicSuffix(g)}`;
    from = i + 1;
  }
  return lines.join('\n');
}
