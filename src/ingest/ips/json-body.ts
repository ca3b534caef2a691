/**
 * Read the JSON body of an .ips document losslessly, tolerating damage: a cut body keeps what came
 * before the cut (containers closed), corruption in the middle is skipped by a key scan, and text
 * after the body is kept (bounded) as a note.
 */
import type { Report } from '../../model/report.js';
import { isJsonObject, readJson, type JsonObject } from './lossless-json.js';
import { byteOffset, mergeScanned, tolerantScan } from './tolerant-scan.js';

/** Longest trailing text kept in notes. */
const MAX_TRAILING = 4096;

export interface JsonBody {
  body: JsonObject;
  /** Plain text after the closing brace, when any. */
  trailing?: string;
  truncated: boolean;
  warnings: string[];
}

/**
 * @param document the whole document (for byte offsets)
 * @param bodyOffset character offset of `bodyText` within `document`
 */
export function readJsonBody(document: string, bodyText: string, bodyOffset: number): JsonBody {
  const r = readJson(bodyText);
  const out: JsonBody = { body: {}, truncated: false, warnings: [] };
  if (isJsonObject(r.value)) out.body = r.value;
  else if (Array.isArray(r.value)) {
    // Some tools save reports as a JSON array: read the first object, say how many there were.
    const objects = r.value.filter(isJsonObject);
    if (objects[0]) out.body = objects[0];
    out.warnings.push(`JSON array of ${r.value.length} values: read the first object only`);
  }
  const body = out.body;
  if (r.error) {
    const at = byteOffset(document, bodyOffset + r.error.offset);
    out.truncated = true;
    if (r.error.eof) {
      out.warnings.push(`JSON body cut short at byte ${at} (${r.error.reason}); read what came before`);
    } else {
      out.warnings.push(`JSON body damaged at byte ${at} (${r.error.reason}); read what came before and scanned the rest`);
      const added = mergeScanned(body, tolerantScan(bodyText.slice(r.error.offset)));
      if (added.length > 0) out.warnings.push(`recovered by key scan after the damage: ${added.join(', ')}`);
    }
    if (r.value === undefined) mergeScanned(body, tolerantScan(bodyText));
    return out;
  }
  const rest = bodyText.slice(r.end).trim();
  if (rest !== '') out.trailing = rest.length > MAX_TRAILING ? `${rest.slice(0, MAX_TRAILING)} …` : rest;
  return out;
}

/** Keep trailing text as a note, e.g. the System Profile after a T2 panic body. */
export function noteTrailing(report: Report, trailing: string | undefined): void {
  if (!trailing) return;
  const lines = trailing.split('\n').length;
  (report.notes ??= []).push(`text after the JSON body (${lines} line${lines === 1 ? '' : 's'}):\n${trailing}`);
}
