import type { Report } from './report.js';
import { hex } from './numbers.js';

/** The JSON contract version; bumped only when a field is renamed or removed. */
export const SCHEMA_VERSION = 1;

/**
 * Convert a model value to plain JSON: bigints become "0x…" strings (64-bit addresses do not fit
 * JSON numbers), undefined fields are dropped, Maps become objects.
 */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return hex(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) return toJsonValue(Object.fromEntries(value));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = toJsonValue(v);
    }
    return out;
  }
  return value;
}

/** A report as the JSON contract shapes it. */
export function reportToJson(report: Report): unknown {
  return toJsonValue(report);
}
