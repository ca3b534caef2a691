/** Groups a symbolicated frame list by physical frame: the inlined frames (innermost first) and the concrete one. */
import type { Frame } from '../../model/report.js';

export interface PhysicalFrame {
  index: number;
  inlined: Frame[];
  frame: Frame;
}

export function physicalFrames(frames: Frame[]): PhysicalFrame[] {
  const out: PhysicalFrame[] = [];
  let pending: Frame[] = [];
  for (const f of frames) {
    if (f.inlined) pending.push(f);
    else {
      out.push({ index: f.index, inlined: pending, frame: f });
      pending = [];
    }
  }
  return out;
}

/** True when symbolication (not the report itself) named this frame. */
export function newlyResolved(f: Frame): boolean {
  return f.symbol !== undefined && f.symbolSource !== undefined && f.symbolSource !== 'report';
}

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** "name + 24 (file.c:12)" as atos and symbolicated crash reports print it. */
export function describeFrame(f: Frame, offsetStyle: 'decimal' | 'hex' = 'decimal'): string {
  let s = f.symbol ?? '???';
  if (f.symbolOffset !== undefined && !f.inlined) s += ` + ${offsetStyle === 'hex' ? `0x${f.symbolOffset.toString(16)}` : f.symbolOffset}`;
  if (f.file && f.line) s += ` (${baseName(f.file)}:${f.line})`;
  if (f.inlined) s += ' [inlined]';
  return s;
}
