/**
 * The target process section of a spindump (`Process: Name [pid]` … up to the next `Process:`):
 * each thread's heaviest stack (heavy format sorts children by sample count, so the heaviest path
 * is the chain of first children) and the section's `Binary Images:` rows
 * (`0x… - 0x… com.apple.AppKit 6.9 (1894.60.100) <UUID> /path`, end may be `???`).
 */
import type { BinaryImage, Thread } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { baseName } from './binary-images.js';
import { MAX_IMAGES, MAX_THREADS } from './limits.js';
import { readHeaviestPath } from './sample-tree.js';
import type { SourceLine } from './preface.js';

const PROCESS = /^Process:\s+(.*?)\s*\[(\d{1,9})\]/;
const THREAD = /^\s+Thread (0x[0-9a-fA-F]{1,16})\b(.*)$/;
const SECTION_END = /^(\s+Thread 0x|\s+Binary Images:|Process:)/;
const IMAGE = /^\s*(0x[0-9a-fA-F]{1,16})\s+-\s+(0x[0-9a-fA-F]{1,16}|\?\?\?)\s+(.*)$/;

export interface SampledProcess {
  threads: Thread[];
  images: BinaryImage[];
}

/** Read the section of the process named `command` (or the first section when it is not found). */
export function readSampledProcess(lines: SourceLine[], command: string | undefined): SampledProcess | undefined {
  const starts = lines.flatMap((l, i) => (PROCESS.test(l.text) ? [i] : []));
  if (starts.length === 0) return undefined;
  const at = starts.find((i) => PROCESS.exec((lines[i] as SourceLine).text)?.[1] === command) ?? (starts[0] as number);
  const end = starts.find((i) => i > at) ?? lines.length;
  const threads: Thread[] = [];
  const images: BinaryImage[] = [];
  for (let i = at + 1; i < end; i++) {
    const text = (lines[i] as SourceLine).text;
    const th = THREAD.exec(text);
    if (th?.[1] && threads.length < MAX_THREADS) {
      const thread: Thread = { index: threads.length, crashed: false, frames: readHeaviestPath(lines, i + 1, { stop: SECTION_END, end }) };
      const id = Number.parseInt(th[1], 16);
      if (Number.isSafeInteger(id)) thread.id = id;
      const queue = /DispatchQueue "([^"]{1,200})"/.exec(th[2] ?? '');
      if (queue?.[1]) thread.queue = queue[1];
      const name = /Thread name "([^"]{1,200})"/.exec(th[2] ?? '');
      if (name?.[1]) thread.name = name[1];
      threads.push(thread);
    } else if (/^\s+Binary Images:/.test(text)) {
      for (let k = i + 1; k < end && images.length < MAX_IMAGES; k++) {
        const row = (lines[k] as SourceLine).text;
        if (row.trim() === '' || /^\S/.test(row)) break;
        const img = parseSampledImage(row);
        if (img) images.push(img);
      }
      break;
    }
  }
  return { threads, images };
}

/** `0x… - 0x…|???  name [version] [(build)]  <UUID>  [path]`. */
export function parseSampledImage(text: string): BinaryImage | undefined {
  const m = IMAGE.exec(text);
  if (!m?.[1] || !m[3]) return undefined;
  const img: BinaryImage = { base: BigInt(m[1]) };
  if (m[2] && m[2] !== '???') {
    const end = BigInt(m[2]);
    if (end >= img.base!) img.size = end - img.base! + 1n;
  }
  let rest = m[3].trim();
  const lt = rest.indexOf('<');
  const gt = lt >= 0 ? rest.indexOf('>', lt) : -1;
  if (lt >= 0 && gt > lt) {
    const uuid = normalizeUuid(rest.slice(lt + 1, gt));
    if (uuid) img.uuid = uuid;
    const path = rest.slice(gt + 1).trim();
    if (path) img.path = path;
    rest = rest.slice(0, lt).trim();
  } else {
    // No UUID: the path starts at the first " /".
    const slash = rest.indexOf(' /');
    if (slash >= 0) {
      img.path = rest.slice(slash + 1).trim();
      rest = rest.slice(0, slash).trim();
    }
  }
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const version = space < 0 ? '' : rest.slice(space + 1).trim();
  if (name && name !== '???') {
    img.name = name;
    if (img.path && /^[A-Za-z][\w-]*(\.[\w-]+){2,}$/.test(name) && baseName(img.path) !== name) img.bundleId = name;
  } else if (img.path) {
    img.name = baseName(img.path);
  }
  // "(1125.4)" alone is the build; keep it without the parentheses.
  const bare = /^\(([^()]*)\)$/.exec(version);
  if (version) img.version = bare ? (bare[1] ?? '') : version;
  return img;
}
