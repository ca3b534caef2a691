/**
 * `asiBacktraces` of a 309 body: Application Specific Backtraces that the reporter wrote as text,
 * one string per backtrace in legacy frame-line form (AppKit's uncaught-exception stack is the usual
 * one). Each string becomes a frame list, linked to the report's images by name or address.
 */
import type { BinaryImage, Frame } from '../../model/report.js';
import { parseFrameLine } from '../crash-text/frame-line.js';
import { linkFrames } from '../crash-text/link-images.js';
import type { JsonValue } from './lossless-json.js';

const MAX_BACKTRACES = 16;
const MAX_FRAMES = 512;

export function readAsiBacktraces(value: JsonValue | undefined, images: BinaryImage[], warnings: string[]): Frame[][] {
  const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const out: Frame[][] = [];
  for (const text of texts.slice(0, MAX_BACKTRACES)) {
    const frames: Frame[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseFrameLine(line);
      if (parsed && frames.length < MAX_FRAMES) frames.push(parsed.frame);
      else if (!parsed) unreadable++;
    }
    if (unreadable > 0) warnings.push(`asiBacktraces: ${unreadable} line(s) were not frames and were skipped`);
    if (frames.length > 0) out.push(frames);
  }
  // Nothing to link in the usual report without backtraces: linkFrames would still index every image.
  if (out.length > 0) linkFrames(out.flat(), images);
  return out;
}
