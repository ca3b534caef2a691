/**
 * The one reader of the code tables: each table is parsed on first use (analysing a small report
 * touches a handful of tables), then indexed by value, name and printed text. The tables were
 * validated against the schema when generated/tables.ts was written (scripts/code-tables-source.ts
 * refuses an invalid one, and test/codes/tables.test.ts keeps the module in step with codes/), so
 * no validator is loaded or run at start-up.
 */
import type { TableId } from './code-schema.js';
import { tableSource } from './generated/tables.js';

export interface BitField {
  name: string;
  shift: number;
  bits: number;
}

export interface CodeRow {
  value?: string;
  max?: string;
  scope?: string;
  name: string;
  aliases?: string[];
  meaning: string;
  text?: string;
  detail?: string;
  note?: string;
  class?: 'fatal' | 'optional' | 'soft';
  signal?: string;
  fragments?: string[];
  fields?: BitField[];
  subcodeFields?: BitField[];
  community?: true;
  cause?: string;
  nextSteps?: string[];
  dext?: string;
}

export interface CodeTableData {
  id: TableId;
  title: string;
  source: string;
  layout?: BitField[];
  rows: CodeRow[];
}

/** A validated table with its lookups. */
export interface CodeTable extends CodeTableData {
  /** Row with this exact value (and scope, when the table is scoped). */
  byValue(value: bigint, scope?: string): CodeRow | undefined;
  /** Row whose name or an alias equals this (case-insensitive). */
  byName(name: string, scope?: string): CodeRow | undefined;
  /** Row whose printed text equals this (case-insensitive, spaces collapsed). */
  byText(text: string): CodeRow | undefined;
}

const loaded = new Map<TableId, CodeTable>();

/** Collapse case and runs of spaces so printed texts compare the way a reader would. */
export const textKey = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
const scoped = (scope: string | undefined, key: string): string => `${(scope ?? '').toLowerCase()}\u0000${key}`;

/** Parse a validated value string ("0x1f", "-300", "31"). */
export const rowValue = (v: string): bigint => (v.startsWith('-') ? -BigInt(v.slice(1)) : BigInt(v));

export function codeTable(id: TableId): CodeTable {
  const have = loaded.get(id);
  if (have) return have;
  const t = JSON.parse(tableSource(id)) as CodeTableData;
  // Each index is built on its first lookup: several tables are only read row by row (the panic
  // table's ~1,600 rows by their fragments), and most are never looked up by text (textKey was a
  // regex run per row text at every start).
  let values: ValueIndex | undefined;
  let names: Map<string, CodeRow> | undefined;
  let texts: Map<string, CodeRow> | undefined;
  const table: CodeTable = {
    ...t,
    byValue: (value, scope) => {
      values ??= valueIndex(t.rows);
      const lower = scope === undefined ? '' : scope.toLowerCase();
      const row = values.byValue.get(lower)?.get(value);
      if (row !== undefined) return row;
      const { ranges } = values;
      for (let i = 0; i < ranges.length; i++) {
        const r = ranges[i] as ValueRange;
        if (r.scope === lower && value >= r.min && value <= r.max) return r.row;
      }
      return undefined;
    },
    byName: (name, scope) => (names ??= nameIndex(t.rows)).get(scoped(scope, name.toLowerCase())),
    byText: (text) => (texts ??= textIndex(t.rows)).get(textKey(text)),
  };
  loaded.set(id, table);
  return table;
}

/** A range row with its lower-case scope and bounds, read once. */
interface ValueRange {
  scope: string;
  min: bigint;
  max: bigint;
  row: CodeRow;
}
/**
 * Rows by lower-case scope ('' unscoped), then by value (a bigint key is compared by value: no decimal
 * string and scoped key built per look-up), and the range rows in table order.
 */
interface ValueIndex {
  byValue: Map<string, Map<bigint, CodeRow>>;
  ranges: ValueRange[];
}

/** Rows by value (scoped, and unscoped for the first row of a value) and the rows that are ranges. */
function valueIndex(rows: readonly CodeRow[]): ValueIndex {
  const byValue = new Map<string, Map<bigint, CodeRow>>();
  const ranges: ValueRange[] = [];
  const setFirst = (scope: string, v: bigint, row: CodeRow): void => {
    let m = byValue.get(scope);
    if (m === undefined) byValue.set(scope, (m = new Map()));
    if (!m.has(v)) m.set(v, row);
  };
  for (const row of rows) {
    if (row.value === undefined) continue;
    const v = rowValue(row.value);
    const scope = (row.scope ?? '').toLowerCase();
    setFirst(scope, v, row);
    // An unscoped lookup finds the first row of that value (IOKit family rows are scoped by family only for reading).
    if (row.scope !== undefined) setFirst('', v, row);
    if (row.max !== undefined) ranges.push({ scope, min: v, max: rowValue(row.max), row });
  }
  return { byValue, ranges };
}

/** Rows by name or alias (case-insensitive; scoped, and unscoped for the first row of a name). */
function nameIndex(rows: readonly CodeRow[]): Map<string, CodeRow> {
  const names = new Map<string, CodeRow>();
  for (const row of rows) {
    for (const n of [row.name, ...(row.aliases ?? [])]) {
      const key = scoped(row.scope, n.toLowerCase());
      if (!names.has(key)) names.set(key, row);
      if (!names.has(scoped(undefined, n.toLowerCase()))) names.set(scoped(undefined, n.toLowerCase()), row);
    }
  }
  return names;
}

/** Row by printed text (textKey), the first row of each text winning. */
function textIndex(rows: readonly CodeRow[]): Map<string, CodeRow> {
  const texts = new Map<string, CodeRow>();
  for (const row of rows) {
    if (!row.text) continue;
    const k = textKey(row.text);
    if (!texts.has(k)) texts.set(k, row);
  }
  return texts;
}

/** Extract a bit field of a packed 64-bit code. */
export const bitsOf = (v: bigint, f: BitField): bigint => (BigInt.asUintN(64, v) >> BigInt(f.shift)) & ((1n << BigInt(f.bits)) - 1n);
