/**
 * Edge: the atos backend (macOS). One invocation per symbol file and arch with all its addresses, -i for inlines.
 * Queries hold file addresses, so -l is the file's own __TEXT.vmaddr (an identity mapping; the runtime arithmetic
 * already happened in placement.ts, which keeps atos and llvm-symbolizer answers identical).
 */
import { parseAtosOutput } from './atos-output.js';
import type { SymbolAnswer, SymbolBackend, SymbolFile, SymbolQuery } from './types.js';

export function atosArgs(file: SymbolFile, addresses: bigint[]): string[] {
  const text = file.segments.find((s) => s.name === '__TEXT')?.vmaddr ?? 0n;
  return ['-o', file.path, '-arch', file.arch, '-l', `0x${text.toString(16)}`, '-i', '-fullPath', ...addresses.map((a) => `0x${a.toString(16)}`)];
}

/** Runs a command and returns its stdout; injectable so tests replay recorded atos output. */
export type Runner = (command: string, args: string[]) => Promise<string>;

// execa loads on first use: evaluating it costs more start-up than most reports take to analyse.
const execaRunner: Runner = async (command, args) => (await (await import('execa')).execa(command, args, { stdin: 'ignore' })).stdout;

export class AtosBackend implements SymbolBackend {
  readonly name = 'atos' as const;

  constructor(
    readonly command = 'atos',
    private readonly run: Runner = execaRunner,
  ) {}

  async symbolize(queries: SymbolQuery[]): Promise<SymbolAnswer[]> {
    const groups = new Map<string, { file: SymbolFile; indices: number[] }>();
    queries.forEach((q, i) => {
      const key = `${q.file.path}\0${q.file.arch}`;
      const g = groups.get(key) ?? { file: q.file, indices: [] };
      g.indices.push(i);
      groups.set(key, g);
    });
    const answers: SymbolAnswer[] = queries.map(() => ({ frames: [] }));
    for (const { file, indices } of groups.values()) {
      const addresses = indices.map((i) => queries[i]!.address);
      let parsed: SymbolAnswer[];
      try {
        parsed = parseAtosOutput(await this.run(this.command, atosArgs(file, addresses)), addresses.length, true);
      } catch (e) {
        const error = `atos failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
        parsed = addresses.map(() => ({ frames: [], error }));
      }
      indices.forEach((qi, k) => (answers[qi] = parsed[k] ?? { frames: [] }));
    }
    return answers;
  }

  async close(): Promise<void> {}
}
