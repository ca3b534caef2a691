/**
 * The skip list (signatures/skip-frames.json, schema beside it): frames that never identify a crash.
 * Core code: takes the parsed, schema-validated file; the edge (node/skip-frames.ts) reads it.
 */
import type { Frame } from '../model/report.js';

export interface SkipEntry {
  image?: string;
  symbol?: string;
  why: string;
}

export interface SkipFile {
  version: number;
  frames: SkipEntry[];
}

interface CompiledEntry {
  entry: SkipEntry;
  image?: RegExp;
  symbol?: RegExp;
}

const ENTRY_KEYS = new Set(['image', 'symbol', 'why']);

/**
 * Problems of a parsed skip file against signatures/skip-frames.schema.json, as "pointer: message"
 * (none when valid). Hand-written so loading costs no schema compiler at start-up; a test checks it
 * agrees with the schema (ajv) on valid and broken files.
 */
export function skipFileProblems(value: unknown): string[] {
  const errors: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['/: must be object'];
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!['$schema', 'description', 'version', 'frames'].includes(k)) errors.push(`/: must NOT have additional properties (${k})`);
  if (typeof v.$schema !== 'undefined' && typeof v.$schema !== 'string') errors.push('/$schema: must be string');
  if (typeof v.description !== 'undefined' && typeof v.description !== 'string') errors.push('/description: must be string');
  if (!Number.isInteger(v.version) || (v.version as number) < 1) errors.push('/version: must be an integer ≥ 1');
  if (!Array.isArray(v.frames)) return [...errors, '/frames: must be array'];
  v.frames.forEach((e: unknown, i) => {
    const at = `/frames/${i}`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      errors.push(`${at}: must be object`);
      return;
    }
    const entry = e as Record<string, unknown>;
    for (const k of Object.keys(entry)) if (!ENTRY_KEYS.has(k)) errors.push(`${at}: must NOT have additional properties (${k})`);
    if (entry.image === undefined && entry.symbol === undefined) errors.push(`${at}: needs image or symbol`);
    for (const [key, max] of [['image', 600], ['symbol', 600], ['why', 300]] as const) {
      const t = entry[key];
      if (t === undefined) {
        if (key === 'why') errors.push(`${at}: must have required property 'why'`);
        continue;
      }
      if (typeof t !== 'string' || t.length < 1 || t.length > max) {
        errors.push(`${at}/${key}: must be a string of 1 to ${max} characters`);
        continue;
      }
      if (key === 'why') continue;
      try {
        new RegExp(t);
      } catch (err) {
        errors.push(`${at}/${key}: not a valid regex (${(err as Error).message})`);
      }
    }
  });
  return errors;
}

/** Text longer than this is not matched further (bounded regex work on hostile symbols). */
const MAX_TEXT = 500;

export class SkipList {
  readonly version: number;
  private readonly entries: CompiledEntry[];

  constructor(file: SkipFile) {
    this.version = file.version;
    this.entries = file.frames.map((entry) => ({
      entry,
      ...(entry.image ? { image: new RegExp(entry.image) } : {}),
      ...(entry.symbol ? { symbol: new RegExp(entry.symbol) } : {}),
    }));
  }

  /** The entry that skips this frame, if any: every pattern an entry has must match. */
  match(frame: Frame): SkipEntry | undefined {
    const image = frame.image?.slice(0, MAX_TEXT);
    const symbol = frame.symbol === undefined ? undefined : bareSymbol(frame.symbol).slice(0, MAX_TEXT);
    for (const c of this.entries) {
      if (c.image && (image === undefined || !c.image.test(image))) continue;
      if (c.symbol && (symbol === undefined || !c.symbol.test(symbol))) continue;
      return c.entry;
    }
    return undefined;
  }
}

/** A symbol without the "+ 123" offset some reports keep in it. */
export function bareSymbol(symbol: string): string {
  const plus = symbol.lastIndexOf(' + ');
  const s = plus > 0 && /^\s*\d+\s*$/.test(symbol.slice(plus + 3)) ? symbol.slice(0, plus) : symbol;
  return s.trim();
}
