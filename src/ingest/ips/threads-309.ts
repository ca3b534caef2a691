/**
 * Threads, frames and registers of a 309 body (FORMATS §3).
 * Frame: `{imageIndex, imageOffset, symbol?, symbolLocation?, sourceFile?, sourceLine?, inline?}`;
 * runtime address = usedImages[imageIndex].base + imageOffset. Registers are objects `{value, …}`
 * (older producers write bare numbers); arm64 `x` is an array.
 */
import type { BinaryImage, Frame, Thread } from '../../model/report.js';
import { bigAt, bigOf, boolAt, capList, numAt, objAt, textAt } from './json-access.js';
import { isJsonObject, type JsonObject, type JsonValue } from './lossless-json.js';

export const MAX_THREADS = 1000;
export const MAX_FRAMES = 512;

/** Frames of one `frames` array; inlined frames share the index of the physical frame they fold into. */
export function readFrames(list: JsonValue[], images: BinaryImage[], what: string, warnings: string[]): Frame[] {
  const frames: Frame[] = [];
  let index = 0;
  for (const raw of capList(list, MAX_FRAMES, what, warnings)) {
    // Stackshot-style producers write frames as [imageIndex, imageOffset] tuples.
    const entry = frameObject(raw);
    if (!entry) continue;
    const frame: Frame = { index };
    const imageIndex = numAt(entry, 'imageIndex');
    const image = imageIndex === undefined ? undefined : images[imageIndex];
    if (image?.name) frame.image = image.name;
    const offset = bigAt(entry, 'imageOffset');
    if (offset !== undefined) {
      frame.imageOffset = offset;
      if (image?.base !== undefined) frame.address = image.base + offset;
    }
    const symbol = textAt(entry, 'symbol');
    if (symbol) {
      frame.symbol = symbol;
      frame.symbolSource = 'report';
    }
    const symbolOffset = numAt(entry, 'symbolLocation');
    if (symbolOffset !== undefined) frame.symbolOffset = symbolOffset;
    const file = textAt(entry, 'sourceFile');
    if (file) frame.file = file;
    const line = numAt(entry, 'sourceLine');
    if (line !== undefined) frame.line = line;
    const column = numAt(entry, 'sourceColumn');
    if (column !== undefined) frame.column = column;
    const inlined = boolAt(entry, 'inline') === true;
    if (inlined) frame.inlined = true;
    else index++;
    frames.push(frame);
  }
  return frames;
}

function frameObject(raw: JsonValue): JsonObject | undefined {
  if (Array.isArray(raw)) return { imageIndex: raw[0] ?? null, imageOffset: raw[1] ?? null };
  return isJsonObject(raw) ? raw : undefined;
}

/** Register names x0…x31, made once. */
const X_NAMES = Array.from({ length: 32 }, (_, i) => `x${i}`);

/** Register name → value from a `threadState` object; `x` arrays become x0…xN. */
export function readRegisters(state: JsonObject): Record<string, bigint> {
  const regs: Record<string, bigint> = {};
  for (const key of Object.keys(state)) {
    if (key === 'flavor') continue;
    const raw = state[key] as JsonValue;
    if (key === 'x' && Array.isArray(raw)) {
      for (let i = 0; i < raw.length; i++) {
        const v = registerValue(raw[i]);
        if (v !== undefined) regs[X_NAMES[i] ?? `x${i}`] = v;
      }
      continue;
    }
    const v = registerValue(raw);
    if (v !== undefined) regs[key.toLowerCase()] = v;
  }
  return regs;
}

function registerValue(raw: JsonValue | undefined): bigint | undefined {
  return isJsonObject(raw) ? bigAt(raw, 'value') : bigOf(raw);
}

/** Threads of a 309 body; `faultingThread` (or `triggered`) marks the crashed one. */
export function readThreads(
  list: JsonValue[] | undefined,
  images: BinaryImage[],
  faultingThread: number | undefined,
  warnings: string[],
): Thread[] {
  if (!list) return [];
  return capList(list, MAX_THREADS, 'threads', warnings).map((entry, index) => {
    const t = isJsonObject(entry) ? entry : {};
    const thread: Thread = {
      index,
      crashed: boolAt(t, 'triggered') === true || boolAt(t, 'crashed') === true || faultingThread === index,
      frames: [],
    };
    const id = numAt(t, 'id');
    if (id !== undefined) thread.id = id;
    const name = textAt(t, 'name');
    if (name) thread.name = name;
    const queue = textAt(t, 'queue');
    if (queue) thread.queue = queue;
    const frames = t.frames;
    if (Array.isArray(frames)) thread.frames = readFrames(frames, images, `thread ${index} frames`, warnings);
    const state = objAt(t, 'threadState');
    if (state) {
      const regs = readRegisters(state);
      if (Object.keys(regs).length > 0) thread.registers = regs;
    }
    return thread;
  });
}
