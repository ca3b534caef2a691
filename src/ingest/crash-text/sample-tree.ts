/**
 * Sample trees of spindumps and microstackshot reports: one line per frame,
 * `<count>  <symbol + off | ???>  (<image> + <offset>)  [0x<address>]`, children indented under
 * their caller and sorted by sample count, `*` marking kernel frames. The heaviest stack is the
 * chain of first children: the run of frame lines whose indentation keeps growing.
 */
import type { Frame } from '../../model/report.js';
import { MAX_FRAMES } from './limits.js';
import type { SourceLine } from './preface.js';

/** One sample-tree line; undefined when the line is not one. */
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
  const hasLoc = open >= 0 && rest.endsWith(')');
  const loc = hasLoc ? rest.slice(open + 2, -1) : '';
  const sym = hasLoc ? rest.slice(0, open).trim() : rest;
  const io = /^(.*) \+ (\d{1,12})$/.exec(loc);
  if (io?.[1]) {
    const image = io[1].trim();
    // "<UUID> + off" names an image only by UUID.
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

export interface PathOptions {
  /** A line that ends the search even before the first frame (the next thread or section). */
  stop?: RegExp;
  /** Index one past the last line to read. */
  end?: number;
  /** A flat list, outermost first ("Heaviest stack for the target process:"), not a tree. */
  flat?: boolean;
}

/**
 * The heaviest stack starting at `from`: lines before the first frame are skipped, the walk stops
 * at the first line that is not a (deeper, unless flat) frame. Frames come back innermost first.
 */
export function readHeaviestPath(lines: SourceLine[], from: number, opts: PathOptions = {}): Frame[] {
  const path: Frame[] = [];
  const end = Math.min(opts.end ?? lines.length, lines.length);
  let depth = -1;
  for (let i = from; i < end && path.length < MAX_FRAMES; i++) {
    const { text, line } = lines[i] as SourceLine;
    if (opts.stop?.test(text)) break;
    const frame = parseSampleFrame(text);
    if (!frame) {
      if (path.length > 0) break;
      continue;
    }
    const indent = text.length - text.trimStart().length;
    if (!opts.flat && indent <= depth) break;
    frame.sourceLine = line;
    path.push(frame);
    depth = indent;
  }
  path.reverse();
  path.forEach((f, i) => (f.index = i));
  return path;
}
