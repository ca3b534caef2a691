import type { TableId } from './code-schema.js';
import type { CodeRow } from './tables.js';

/** One decoding: the table it came from, its name and meaning, and the rows that explain it (most specific first). */
export interface Decoding {
  table: TableId;
  name: string;
  meaning: string;
  rows: CodeRow[];
}

/** "name: meaning" parts joined for a composite code (type / flavor / …). */
export const joinNames = (parts: (string | undefined)[]): string => parts.filter((p): p is string => !!p).join(' / ');
