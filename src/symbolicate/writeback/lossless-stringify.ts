/** JSON text for values read by the lossless reader: bigints are written as their digits, never rounded. */
import type { JsonValue } from '../../ingest/ips/lossless-json.js';

export function stringifyLossless(value: JsonValue, indent = 2, depth = 0): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const pad = ' '.repeat(indent * (depth + 1));
  const close = ' '.repeat(indent * depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + stringifyLossless(v, indent, depth + 1)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)} : ${stringifyLossless(v, indent, depth + 1)}`).join(',\n')}\n${close}}`;
}
