/** Parses llvm-symbolizer --output-style=JSON lines (one per request, errors included). SYMBOLICATION.md §2.1 */
import type { ResolvedSymbol, SymbolAnswer } from './types.js';

interface JsonFrame {
  FunctionName?: unknown;
  FileName?: unknown;
  Line?: unknown;
  Column?: unknown;
  StartAddress?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const pos = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
const addr = (v: unknown): bigint | undefined => (typeof v === 'string' && /^0x[0-9a-fA-F]+$/.test(v) ? BigInt(v) : undefined);

/** One output line → the inline chain (innermost first), or an error. */
export function parseLlvmJsonLine(line: string): SymbolAnswer {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { frames: [], error: `unreadable llvm-symbolizer output: ${line.slice(0, 120)}` };
  }
  if (typeof value !== 'object' || value === null) return { frames: [], error: 'unexpected llvm-symbolizer output' };
  const o = value as { Address?: unknown; Error?: { Message?: unknown }; Symbol?: unknown };
  if (o.Error !== undefined) return { frames: [], error: str(o.Error?.Message) ?? 'llvm-symbolizer error' };
  const address = addr(o.Address);
  const list = Array.isArray(o.Symbol) ? (o.Symbol as JsonFrame[]) : [];
  const frames: ResolvedSymbol[] = [];
  list.forEach((f, i) => {
    const name = str(f.FunctionName);
    if (name === undefined || name === '??') return;
    const s: ResolvedSymbol = { name };
    const file = str(f.FileName);
    if (file) s.file = file;
    const line = pos(f.Line);
    if (line) s.line = line;
    const column = pos(f.Column);
    if (column) s.column = column;
    // Offsets only for the concrete function: an inlined entry's StartAddress is where its inlined range begins.
    const start = addr(f.StartAddress);
    if (i === list.length - 1 && address !== undefined && start !== undefined && address >= start) s.offset = Number(address - start);
    frames.push(s);
  });
  // The stripped-binary answer names the image header, not code.
  if (frames.length === 1 && /^_?_?mh_\w+_header$/.test(frames[0]!.name)) return { frames: [] };
  return { frames };
}
