/**
 * Threads, frames and registers of a 309 body (FORMATS §3).
 * Frame: `{imageIndex, imageOffset, symbol?, symbolLocation?, sourceFile?, sourceLine?, inline?}`;
 * runtime address = usedImages[imageIndex].base + imageOffset. Registers are objects `{value, …}`
 * (older producers write bare numbers); arm64 `x` is an array.
 */
import type { BinaryImage, Frame, Thread } from '../../model/report.js';
import { bigOf, boolOf, capList, numOf, textOf } from './json-access.js';
import { isJsonObject, type JsonObject, type JsonValue } from './lossless-json.js';

export const MAX_THREADS = 1000;
export const MAX_FRAMES = 512;

/**
 * Frames of one `frames` array; inlined frames share the index of the physical frame they fold into.
 * Fields are read by name in this one loop (see textOf); tuples `[imageIndex, imageOffset]` carry no
 * other field.
 */
export function readFrames(list: JsonValue[], images: BinaryImage[], what: string | number, warnings: string[]): Frame[] {
  const frames: Frame[] = [];
  // A number names a thread: its label is only made when the list is capped.
  const capped = list.length <= MAX_FRAMES ? list : capList(list, MAX_FRAMES, typeof what === 'number' ? `thread ${what} frames` : what, warnings);
  let index = 0;
  for (let k = 0; k < capped.length; k++) {
    const raw = capped[k] as JsonValue;
    // Stackshot-style producers write frames as [imageIndex, imageOffset] tuples.
    let entry: JsonObject | undefined;
    let rawIndex: JsonValue | undefined;
    let rawOffset: JsonValue | undefined;
    if (Array.isArray(raw)) {
      rawIndex = raw[0];
      rawOffset = raw[1];
    } else if (isJsonObject(raw)) {
      entry = raw;
      rawIndex = raw.imageIndex;
      rawOffset = raw.imageOffset;
    } else continue;
    const frame: Frame = { index };
    const imageIndex = numOf(rawIndex);
    const image = imageIndex === undefined ? undefined : images[imageIndex];
    if (image?.name) frame.image = image.name;
    const offset = bigOf(rawOffset);
    if (offset !== undefined) {
      frame.imageOffset = offset;
      if (image?.base !== undefined) frame.address = image.base + offset;
    }
    if (entry) {
      const symbol = textOf(entry.symbol);
      if (symbol) {
        frame.symbol = symbol;
        frame.symbolSource = 'report';
      }
      const symbolOffset = numOf(entry.symbolLocation);
      if (symbolOffset !== undefined) frame.symbolOffset = symbolOffset;
      const file = textOf(entry.sourceFile);
      if (file) frame.file = file;
      const line = numOf(entry.sourceLine);
      if (line !== undefined) frame.line = line;
      const column = numOf(entry.sourceColumn);
      if (column !== undefined) frame.column = column;
      if (boolOf(entry.inline) === true) {
        frame.inlined = true;
        frames.push(frame);
        continue;
      }
    }
    index++;
    frames.push(frame);
  }
  return frames;
}

/** Register names x0…x31, made once. */
const X_NAMES = Array.from({ length: 32 }, (_, i) => `x${i}`);

/**
 * Lower-case register names: the same few dozen names come back in every thread of every report.
 * Bounded: cleared when full, and long keys (hostile input) are not kept.
 */
const LOWER = new Map<string, string>();
const LOWER_SIZE = 1024;

function lowerName(key: string): string {
  let l = LOWER.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    if (key.length <= 32) {
      if (LOWER.size >= LOWER_SIZE) LOWER.clear();
      LOWER.set(key, l);
    }
  }
  return l;
}

/** Register name → value from a `threadState` object; `x` arrays become x0…xN. */
export function readRegisters(state: JsonObject): Record<string, bigint> {
  return registersOf(state) ?? {};
}

/**
 * readRegisters, undefined when no register was read. The values are counted as they are stored: a
 * `for…in` over the result to see whether it is empty would make V8 build the key list of an object
 * that has gone to dictionary mode (it takes more keys than a keyed store keeps in fast mode).
 */
function registersOf(state: JsonObject): Record<string, bigint> | undefined {
  const regs: Record<string, bigint> = {};
  let count = 0;
  // for…in walks the keys Object.keys gives here (parsed objects inherit no enumerable keys), without the array.
  for (const key in state) {
    if (key === 'flavor') continue;
    const raw = state[key] as JsonValue;
    if (key === 'x' && Array.isArray(raw)) {
      for (let i = 0; i < raw.length; i++) {
        const v = registerValue(raw[i]);
        if (v !== undefined) {
          regs[X_NAMES[i] ?? `x${i}`] = v;
          count++;
        }
      }
      continue;
    }
    const v = registerValue(raw);
    if (v !== undefined) {
      regs[lowerName(key)] = v;
      count++;
    }
  }
  return count > 0 ? regs : undefined;
}

function registerValue(raw: JsonValue | undefined): bigint | undefined {
  return isJsonObject(raw) ? bigOf(raw.value) : bigOf(raw);
}

/** Threads of a 309 body; `faultingThread` (or `triggered`) marks the crashed one. */
export function readThreads(
  list: JsonValue[] | undefined,
  images: BinaryImage[],
  faultingThread: number | undefined,
  warnings: string[],
): Thread[] {
  if (!list) return [];
  const capped = capList(list, MAX_THREADS, 'threads', warnings);
  const threads: Thread[] = [];
  for (let index = 0; index < capped.length; index++) {
    const entry = capped[index];
    const t: JsonObject = isJsonObject(entry) ? entry : {};
    const thread: Thread = {
      index,
      crashed: boolOf(t.triggered) === true || boolOf(t.crashed) === true || faultingThread === index,
      frames: [],
    };
    const id = numOf(t.id);
    if (id !== undefined) thread.id = id;
    const name = textOf(t.name);
    if (name) thread.name = name;
    const queue = textOf(t.queue);
    if (queue) thread.queue = queue;
    const frames = t.frames;
    if (Array.isArray(frames)) thread.frames = readFrames(frames, images, index, warnings);
    const state = t.threadState;
    if (isJsonObject(state)) {
      const regs = registersOf(state);
      if (regs) thread.registers = regs;
    }
    threads.push(thread);
  }
  return threads;
}
