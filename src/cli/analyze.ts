import type { Command } from 'commander';
import { Option } from 'commander';
import { ingestBytes } from '../ingest/index.js';
import type { IngestError } from '../ingest/types.js';
import type { Report } from '../model/report.js';
import { analyzeReports, type PipelineOptions } from '../pipeline/analyze-reports.js';
import { renderJson, renderMarkdown, renderText, type AnalysisResult } from '../report/index.js';
import { reportInputError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import { readInputs } from './read-inputs.js';
import { addSymbolOptions, type SymbolOptionValues } from './symbolicate-options.js';

export type OutputFormat = 'text' | 'json' | 'md';

export interface AnalyzeOptions extends Omit<PipelineOptions, 'lint'> {
  format: OutputFormat;
  color?: boolean;
  /** A dext bundle, Info.plist or project folder whose lint findings join DriverKit diagnoses. */
  dext?: string;
}

/**
 * Read every input, run the pipeline, render. One bad input is reported in one line and never
 * stops the others; the exit code is 2 when any input (or user signature file) was unusable.
 */
export async function runAnalyze(paths: string[], opts: AnalyzeOptions): Promise<number> {
  const parsed: Report[] = [];
  const errors: IngestError[] = [];
  for await (const input of readInputs(paths)) {
    if ('error' in input) {
      errors.push({ path: input.path, message: input.error });
      continue;
    }
    const result = ingestBytes(input.bytes, input.path);
    parsed.push(...result.reports);
    errors.push(...result.errors);
  }
  for (const e of errors) reportInputError(e.path, e.message);
  // The linter (and its plist readers) loads only for --dext.
  const lint = opts.dext === undefined ? undefined : await (await import('./lint.js')).lintForAnalyze(opts.dext);

  const { reports, incidents, signatureErrors } = await analyzeReports(parsed, { ...opts, ...(lint && { lint }) });
  for (const e of signatureErrors) reportInputError(e.path, `${e.pointer}: ${e.message}`);

  const analysis: AnalysisResult = { reports, incidents, errors };
  if (opts.format === 'json') process.stdout.write(renderJson(analysis));
  else if (opts.format === 'md' && reports.length > 0) process.stdout.write(renderMarkdown(analysis));
  else if (opts.format === 'text' && reports.length > 0) process.stdout.write(renderText(analysis, { color: opts.color ?? false }));
  return errors.length > 0 || signatureErrors.length > 0 || (opts.dext !== undefined && !lint) ? EXIT_INPUT : EXIT_OK;
}

export function registerAnalyzeCommand(program: Command): void {
  addSymbolOptions(program.command('analyze'))
    .description('read crash reports, panic logs and kernel logs and explain what happened')
    .argument('[paths...]', 'files or folders; none or "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'md']).default('text'))
    .option('--no-color', 'plain text without colour')
    .option('--no-demangle', 'keep Swift and C++ symbol names mangled, as the log wrote them')
    .option('--dext <path>', 'lint this dext (bundle, Info.plist or project) and add its findings to DriverKit diagnoses')
    .option('--signatures <dir>', 'also match your own signatures from this folder or file (repeatable; same schema as signatures/*.json)', collect, [] as string[])
    .addHelpText(
      'after',
      `
Examples:
  $ paniclens analyze samples/founding-case/       # a dext crash loop: .ips + kernel log
  $ pbpaste | paniclens analyze                     # a panic pasted from a forum post
  $ paniclens analyze --format json Kernel.panic > report.json
  $ paniclens analyze --signatures ./team-signatures/ crash.ips   # add your own signatures`,
    )
    .action(async (paths: string[], options: { format: OutputFormat; color: boolean; dext?: string; demangle: boolean; signatures: string[] } & SymbolOptionValues) => {
      const color = options.color && process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.exitCode = await runAnalyze(paths, { format: options.format, color, dext: options.dext,
        demangle: options.demangle, signatures: options.signatures, symbolicator: options.symbolicator, symbols: options.symbols });
    });
}

/** commander accumulator for a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
