/**
 * Parses atos output (SYMBOLICATION.md §3). Line shapes:
 *   `func (in Image) (file.c:21)`   `func (in Image) + 24`   `0x100003f2c (in Image)`   `0x100003f2c`
 * With -i every address prints its inline chain (innermost first), and groups are separated by a blank line.
 */
import type { ResolvedSymbol, SymbolAnswer } from './types.js';

export function parseAtosLine(line: string): ResolvedSymbol | undefined {
  const text = line.trim();
  if (text === '' || /^0x[0-9a-fA-F]+( \(in .+\))?$/.test(text)) return undefined;
  const at = text.lastIndexOf(' (in ');
  if (at < 0) return { name: text };
  const name = text.slice(0, at);
  const rest = text.slice(at + 5);
  const close = rest.indexOf(')');
  const tail = close >= 0 ? rest.slice(close + 1).trim() : '';
  const loc = /^\((.+?):(\d+)(?::(\d+))?\)$/.exec(tail);
  if (loc) {
    const s: ResolvedSymbol = { name, file: loc[1]!, line: Number(loc[2]) };
    if (loc[3]) s.column = Number(loc[3]);
    return s;
  }
  const off = /^\+ (\d+)$/.exec(tail);
  return off ? { name, offset: Number(off[1]) } : { name };
}

/** Output of one atos call with `count` addresses; `inlines` when it ran with -i. */
export function parseAtosOutput(stdout: string, count: number, inlines: boolean): SymbolAnswer[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  let groups: string[][];
  if (inlines) {
    groups = [];
    let current: string[] = [];
    for (const l of lines) {
      if (l.trim() === '') {
        if (current.length > 0) groups.push(current);
        current = [];
      } else current.push(l);
    }
    if (current.length > 0) groups.push(current);
  } else {
    groups = lines.filter((l) => l.trim() !== '').map((l) => [l]);
  }
  if (groups.length !== count) {
    const error = `atos printed ${groups.length} answers for ${count} addresses`;
    return Array.from({ length: count }, () => ({ frames: [], error }));
  }
  return groups.map((g) => ({ frames: g.map(parseAtosLine).filter((s): s is ResolvedSymbol => s !== undefined) }));
}
