/**
 * Stack traces for `--debug`. The program is one minified bundle (short names make its code cache
 * cheaper to read at every start), so a raw trace names functions like `Ot` at columns of one long
 * line; the build's source map (dist/cli/paniclens.cjs.map, read only here) turns each of the bundle's
 * frames back into a src/ file, line and column. Runs only on an internal error with --debug.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

// "    at name (file:line:column)" or "    at file:line:column".
const FRAME = /^(\s*at )(?:(.*?) \()?([^()]*?):(\d+):(\d+)(\)?)$/;

/** `stack` with the frames in `bundleFile` mapped to their sources; unchanged when there is no usable map. */
export function mappedStack(stack: string, bundleFile: string): string {
  let map: SourceMap;
  try {
    map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return stack;
  }
  const base = dirname(bundleFile);
  return stack
    .split('\n')
    .map((line) => {
      const m = FRAME.exec(line);
      if (!m || m[3] !== bundleFile) return line;
      const entry = map.findEntry(Number(m[4]) - 1, Number(m[5]) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number; name?: string };
      if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return line;
      const where = `${resolve(base, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      const name = entry.name ?? m[2];
      return name ? `${m[1]}${name} (${where})` : `${m[1]}${where}`;
    })
    .join('\n');
}
