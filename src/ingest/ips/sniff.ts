/**
 * Which body shape a JSON body has. The keys decide; `bug_type` only breaks ties, because
 * headers lie (a 309 header over a text body, FORMATS §2) and header-less bodies have none (§9).
 */
import type { ReportKind } from '../../model/report.js';
import type { JsonObject } from './lossless-json.js';

export type BodyShape = 'crash' | 'panic' | 'stackshot' | 'jetsam' | 'unknown';

export function sniffBodyShape(body: JsonObject, bugType: string | undefined): BodyShape {
  const has = (k: string): boolean => k in body;
  if (has('panicString') || has('macOSPanicString') || has('macOSProcessedStackshotData')) return 'panic';
  // Forced resets, watchdog resets and other 1xx types can carry the panic under another key.
  if (panicStringKey(body) !== undefined) return 'panic';
  if (has('procName') || has('faultingThread') || has('usedImages') || (has('threads') && has('exception'))) return 'crash';
  if (!has('processByPid') && (has('largestProcess') || has('timeDelta') || (has('processes') && has('memoryStatus')))) {
    return 'jetsam';
  }
  if (has('processByPid') || (has('reason') && has('binaryImages')) || isStackshotObject(body.stackshot)) return 'stackshot';
  return shapeOfBugType(bugType);
}

const PANIC_TEXT = /panic\(cpu \d{1,4}|\*\*\* Panic Report \*\*\*|^Debugger message: panic/m;

/** The top-level key whose string value is a panic string, when a body keeps it under a key of its own. */
export function panicStringKey(body: JsonObject): string | undefined {
  // for…in walks the keys Object.entries gives here (parsed objects inherit no enumerable keys), without the pairs.
  for (const key in body) {
    const value = body[key];
    // Every alternative of PANIC_TEXT holds "anic": most strings are ruled out by that search alone.
    if (typeof value !== 'string') continue;
    const head = value.length > 4096 ? value.slice(0, 4096) : value;
    if (head.includes('anic') && PANIC_TEXT.test(head)) return key;
  }
  return undefined;
}

function isStackshotObject(v: JsonObject[string] | undefined): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && ('processByPid' in v || 'binaryImages' in v);
}

/** The body shape a bug_type announces (FORMATS §2.3). */
export function shapeOfBugType(bugType: string | undefined): BodyShape {
  switch (bugType) {
    case '309':
    case '308':
    case '109':
    case '9':
      return 'crash';
    case '210':
    case '110':
    case '10':
      return 'panic';
    case '288':
    case '409':
    case '509':
    case '188':
      return 'stackshot';
    case '298':
    case '98':
    case '198':
      return 'jetsam';
    default:
      return 'unknown';
  }
}

/** Report kind for a shape; an unknown shape is 'other'. */
export function kindOfShape(shape: BodyShape): ReportKind {
  return shape === 'unknown' ? 'other' : shape;
}
