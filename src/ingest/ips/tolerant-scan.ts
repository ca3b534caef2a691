/**
 * Last-resort reading of damaged JSON: a linear scan for `"key" : scalar` pairs (FORMATS §9).
 * Used when the structured reader stopped early, to recover top-level facts written after the damage.
 * The pattern has no nested quantifiers over overlapping alternatives, so time stays linear.
 */
import { readJson, type JsonObject, type JsonValue } from './lossless-json.js';

const KEY = String.raw`"([A-Za-z_][A-Za-z0-9_]{0,63})"`;
const VALUE = String.raw`("(?:[^"\\\n]|\\.){0,65536}"|-?\d{1,40}(?:\.\d{1,20})?|true|false|null)`;
const PAIR = new RegExp(`${KEY}[ \\t]{0,16}:[ \\t]{0,16}${VALUE}`, 'g');

/** Keys whose first occurrence in a body is the top-level one, safe to lift out of a damaged body. */
export const TOP_LEVEL_KEYS = new Set([
  'bug_type', 'procName', 'procPath', 'pid', 'parentProc', 'parentPid', 'cpuType', 'modelCode', 'captureTime',
  'incident', 'crashReporterKey', 'faultingThread', 'panicString', 'macOSPanicString', 'product', 'build', 'kernel',
  'date', 'reason', 'largestProcess', 'socId', 'timestamp', 'os_version', 'incident_id', 'app_name', 'name',
  'app_version', 'build_version', 'bundleID', 'slice_uuid', 'platform', 'procRole', 'procLaunch', 'timeDelta',
]);

/** Scalar pairs found in `text` (first occurrence of each key wins), at most `maxPairs`. */
export function tolerantScan(text: string, maxPairs = 4096): JsonObject {
  const out: JsonObject = {};
  let count = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(text); m !== null && count < maxPairs; m = PAIR.exec(text)) {
    const key = m[1] as string;
    if (Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__') continue;
    const value = scalar(m[2] as string);
    if (value === undefined) continue;
    out[key] = value;
    count++;
  }
  return out;
}

function scalar(token: string): JsonValue | undefined {
  const r = readJson(token);
  return r.error ? undefined : r.value;
}

/** Add top-level keys found by the scan that the partial structured read lacks. */
export function mergeScanned(target: JsonObject, scanned: JsonObject): string[] {
  const added: string[] = [];
  for (const [key, value] of Object.entries(scanned)) {
    if (!TOP_LEVEL_KEYS.has(key) || key in target) continue;
    target[key] = value;
    added.push(key);
  }
  return added;
}

/** UTF-8 byte offset of a character index, for warnings users can find in a hex editor. */
export function byteOffset(text: string, index: number): number {
  return new TextEncoder().encode(text.slice(0, Math.max(0, index))).length;
}
