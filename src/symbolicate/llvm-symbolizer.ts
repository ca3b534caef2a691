/**
 * Edge: the llvm-symbolizer backend. One long-lived process per run, fed whole batches over stdin
 * ("path:arch" 0xADDR per line, write all then read N lines: each request yields exactly one JSON line).
 * Raw linkage names are requested so paniclens' own demangler (Swift included) names every frame the same way.
 */
import type { ResultPromise } from 'execa';
import { parseLlvmJsonLine } from './llvm-output.js';
import type { SymbolAnswer, SymbolBackend, SymbolQuery } from './types.js';

export interface LlvmSymbolizerOptions {
  /** Bundle-named dSYMs (Foo.kext.dSYM) llvm-symbolizer would not find next to a binary; UUID-checked by the tool. */
  dsymHints?: string[];
}

export function llvmSymbolizerArgs(opts: LlvmSymbolizerOptions = {}): string[] {
  return ['--output-style=JSON', '--inlines', '--no-demangle', '--functions=linkage', ...(opts.dsymHints ?? []).map((h) => `--dsym-hint=${h}`)];
}

/** One request line; undefined for a path the stdin grammar cannot quote. */
export function llvmRequestLine(q: SymbolQuery): string | undefined {
  if (/["\n\r]/.test(q.file.path)) return undefined;
  return `"${q.file.path}:${q.file.arch}" 0x${q.address.toString(16)}`;
}

export class LlvmSymbolizerBackend implements SymbolBackend {
  readonly name = 'llvm-symbolizer' as const;
  private proc?: ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'ignore'; buffer: false }>;
  private pending: ((line: string | undefined) => void)[] = [];
  private buffered: string[] = [];
  private exited = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly binary: string,
    private readonly opts: LlvmSymbolizerOptions = {},
  ) {}

  /** Batches run one after another on the one process. */
  symbolize(queries: SymbolQuery[]): Promise<SymbolAnswer[]> {
    const run = this.chain.then(() => this.run(queries));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.chain;
    if (!this.proc) return;
    this.proc.stdin.end();
    await this.proc.catch(() => undefined);
    this.proc = undefined;
  }

  private start(execa: typeof import('execa').execa, createInterface: typeof import('node:readline').createInterface): NonNullable<typeof this.proc> {
    if (this.proc && !this.exited) return this.proc;
    this.exited = false;
    const proc = execa(this.binary, llvmSymbolizerArgs(this.opts), { stdin: 'pipe', stdout: 'pipe', stderr: 'ignore', buffer: false });
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      const waiter = this.pending.shift();
      if (waiter) waiter(line);
      else this.buffered.push(line);
    });
    const finish = (): void => {
      this.exited = true;
      for (const waiter of this.pending.splice(0)) waiter(undefined);
    };
    lines.on('close', finish);
    proc.catch(finish);
    proc.stdin.on('error', finish); // EPIPE when the tool died
    this.proc = proc;
    return proc;
  }

  private nextLine(): Promise<string | undefined> {
    const line = this.buffered.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.exited) return Promise.resolve(undefined);
    return new Promise((resolve) => this.pending.push(resolve));
  }

  private async run(queries: SymbolQuery[]): Promise<SymbolAnswer[]> {
    const lines = queries.map(llvmRequestLine);
    const asked = lines.filter((l): l is string => l !== undefined);
    const replies: (string | undefined)[] = [];
    if (asked.length > 0) {
      // execa loads on first use: evaluating it costs more start-up than most reports take to analyse.
      // node:readline too: it loads the stream modules.
      const proc = this.start((await import('execa')).execa, (await import('node:readline')).createInterface);
      proc.stdin.write(`${asked.join('\n')}\n`);
      for (let i = 0; i < asked.length; i++) replies.push(await this.nextLine());
    }
    let next = 0;
    return lines.map((l) => {
      if (l === undefined) return { frames: [], error: 'path cannot be passed to llvm-symbolizer' };
      const reply = replies[next++];
      return reply === undefined ? { frames: [], error: 'llvm-symbolizer exited' } : parseLlvmJsonLine(reply);
    });
  }
}
