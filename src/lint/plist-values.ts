// Narrowing helpers for decoded plist values: rules read keys through these, never with casts.
import type { PlistDict, PlistValue } from './types.js';

export function isDict(value: PlistValue | undefined): value is PlistDict {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

export function dictAt(dict: PlistDict, key: string): PlistDict | undefined {
  const v = dict[key];
  return isDict(v) ? v : undefined;
}

export function stringAt(dict: PlistDict, key: string): string | undefined {
  const v = dict[key];
  return typeof v === 'string' ? v : undefined;
}

export function arrayAt(dict: PlistDict, key: string): PlistValue[] | undefined {
  const v = dict[key];
  return Array.isArray(v) ? v : undefined;
}

/** Integers may come as numbers, bigints (binary plists) or numeric strings ("0x05ac", "1452"). */
export function integerOf(value: PlistValue | undefined): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(value)) return Number(value.trim());
  return undefined;
}

/** True for plist `<true/>` and for the integer 1 some tools write instead. */
export function isTrue(value: PlistValue | undefined): boolean {
  return value === true || value === 1;
}

/**
 * Xcode source Info.plists hold build-setting references ("$(PRODUCT_BUNDLE_IDENTIFIER)") that are
 * only resolved at build time; rules must not judge such values.
 */
export function isUnresolved(value: string): boolean {
  return /\$\([^)]*\)|\$\{[^}]*\}/.test(value);
}

/** Short human rendering of a value for messages. */
export function describe(value: PlistValue | undefined): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isDict(value)) return 'a dictionary';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `${value.length} bytes of data`;
  return String(value);
}

/** Narrow a value from a plist library (typed `any`/`unknown` there) to PlistValue; drops what no plist holds. */
export function toPlistValue(value: unknown): PlistValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
  if (value instanceof Date || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(toPlistValue);
  if (typeof value === 'object') {
    const out: PlistDict = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlistValue(v);
    return out;
  }
  return null;
}
