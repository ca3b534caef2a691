/**
 * `paniclens symbolicate FILE`: the report written back in its own form with symbols filled in (an .ips with
 * symbol/sourceFile/sourceLine on its frames; legacy text with symbols substituted), to stdout or -o FILE.
 * The input is never modified.
 */
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeBytes, ingestBytes } from '../ingest/index.js';
import type { Report } from '../model/report.js';
import { Symbolicator } from '../symbolicate/index.js';
import { writeBackIps } from '../symbolicate/writeback/ips.js';
import { writeBackText } from '../symbolicate/writeback/text.js';
import { errorMessage, reportError, reportInputError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import { addSymbolOptions, type SymbolOptionValues } from './symbolicate-options.js';
import { writeStderr, writeStdout } from './stdout.js';

export interface SymbolicateCommandOptions extends SymbolOptionValues {
  output?: string;
}

export async function runSymbolicate(path: string, opts: SymbolicateCommandOptions): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    reportInputError(path, errorMessage(err));
    return EXIT_INPUT;
  }
  if (opts.output !== undefined && resolve(opts.output) === resolve(path)) {
    reportInputError(path, 'refusing to overwrite the input; choose another -o file');
    return EXIT_INPUT;
  }
  const ingested = ingestBytes(bytes, path);
  for (const e of ingested.errors) reportInputError(e.path, e.message);
  const reports = ingested.reports.filter((r) => r.source.format !== 'kernel-log');
  if (reports.length === 0) {
    if (ingested.errors.length === 0) reportInputError(path, 'no crash report or panic to symbolicate');
    return EXIT_INPUT;
  }

  const symbolicator = new Symbolicator({ symbolicator: opts.symbolicator, symbols: opts.symbols });
  let done: Report[];
  try {
    done = await symbolicator.symbolicate(reports);
  } finally {
    await symbolicator.close();
  }
  if (symbolicator.backendMissing) reportError(symbolicator.backendMissing);

  const text = decodeBytes(bytes).text;
  let out: string;
  if (done[0]!.source.format === 'ips') {
    if (done.length !== 1) {
      reportInputError(path, `holds ${done.length} .ips documents; symbolicate them one file at a time`);
      return EXIT_INPUT;
    }
    const w = writeBackIps(text, done[0]!);
    if (!w.ok) {
      reportInputError(path, w.reason);
      return EXIT_INPUT;
    }
    out = w.text;
  } else {
    out = writeBackText(text, done);
  }
  for (const r of done) summarize(path, r, symbolicator.backendName);
  if (opts.output !== undefined) await writeFile(opts.output, out);
  else writeStdout(out);
  return EXIT_OK;
}

/** One stderr line per missing image (which dSYM or KDK to fetch) and a count of what was resolved. */
function summarize(path: string, report: Report, backend: string | undefined): void {
  const frames = [...report.threads.flatMap((t) => t.frames), ...(report.lastExceptionBacktrace ?? []), ...(report.panic?.backtrace ?? [])];
  const resolved = frames.filter((f) => f.symbolSource !== undefined && f.symbolSource !== 'report' && !f.inlined).length;
  const unresolved = frames.filter((f) => f.unresolvedReason !== undefined).length;
  writeStderr(`paniclens: ${path}: ${resolved} frame${resolved === 1 ? '' : 's'} symbolicated${backend ? ` with ${backend}` : ''}, ${unresolved} unresolved\n`);
  for (const m of report.missingSymbols ?? []) {
    writeStderr(`paniclens: ${path}: no symbols for ${m.name}${m.uuid ? ` ${m.uuid}` : ''}${m.arch ? ` (${m.arch})` : ''}: ${m.reason} (${m.frames} frame${m.frames === 1 ? '' : 's'})\n`);
  }
}

export function registerSymbolicateCommand(program: Command): void {
  addSymbolOptions(
    program
      .command('symbolicate')
      .description('fill in function names and source lines, and write the report back in its own format')
      .argument('<file>', '.ips, .crash or .panic file')
      .option('-o, --output <file>', 'write here instead of standard output (never the input file)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ paniclens symbolicate --symbols build/App.app.dSYM App-2026-11-24.ips > App-symbolicated.ips
  $ paniclens symbolicate --symbols /Library/Developer/KDKs Kernel-2026-11-24.panic -o Kernel-symbolicated.panic
  $ paniclens symbolicate --symbolicator macho --symbols out/ crash.ips   # no external tool`,
    )
    .action(async (file: string, options: SymbolicateCommandOptions) => {
      process.exitCode = await runSymbolicate(file, options);
    });
}
