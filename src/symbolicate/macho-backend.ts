/**
 * The macho backend: symbol + offset from the symbol table, no external tool (core: file bytes come from an
 * injected loader). Tables are parsed once per file and arch and kept for the whole run.
 */
import { hex } from '../model/numbers.js';
import { imageForArch, readMachO } from './macho/container.js';
import { SymbolTable } from './macho/symbols.js';
import { fromNlistName } from './names.js';
import type { SymbolAnswer, SymbolBackend, SymbolQuery } from './types.js';

export type BytesLoader = (path: string) => Promise<Uint8Array>;

export class MachoBackend implements SymbolBackend {
  readonly name = 'macho' as const;
  private readonly tables = new Map<string, Promise<SymbolTable | string>>();

  constructor(private readonly load: BytesLoader) {}

  async symbolize(queries: SymbolQuery[]): Promise<SymbolAnswer[]> {
    const answers: SymbolAnswer[] = [];
    for (const q of queries) {
      const table = await this.table(q.file.path, q.file.arch);
      if (typeof table === 'string') {
        answers.push({ frames: [], error: table });
        continue;
      }
      answers.push(lookupAnswer(table, q.address));
    }
    return answers;
  }

  async close(): Promise<void> {
    this.tables.clear();
  }

  private table(path: string, arch: string): Promise<SymbolTable | string> {
    const key = `${path}\0${arch}`;
    let t = this.tables.get(key);
    if (!t) {
      t = this.load(path).then(
        (bytes) => {
          const r = readMachO(bytes, path);
          if (!r.ok) return `${r.error.path}: ${r.error.reason}`;
          const image = imageForArch(r.images, arch);
          if (!image) return `${path}: no ${arch} slice`;
          try {
            return SymbolTable.fromImage(image, path);
          } catch (e) {
            return e instanceof Error ? e.message : String(e);
          }
        },
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      this.tables.set(key, t);
    }
    return t;
  }
}

/** A symbol-table answer: the name without the Mach-O underscore, or func_<addr> for an unnamed function start. */
export function lookupAnswer(table: SymbolTable, address: bigint): SymbolAnswer {
  const hit = table.lookup(address);
  if (!hit) return { frames: [] };
  const name = hit.name !== undefined ? fromNlistName(hit.name) : `func_${hex(hit.start).slice(2)}`;
  return { frames: [{ name, offset: hit.offset }] };
}
