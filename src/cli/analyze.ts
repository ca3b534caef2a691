import type { Command } from 'commander';
import { ingestBytes } from '../ingest/index.js';
import type { IngestError } from '../ingest/types.js';
import type { Report } from '../model/report.js';
import { analyzeReports, type PipelineOptions } from '../pipeline/analyze-reports.js';
import { toJsonValue } from '../model/serialize.js';
import { analysisDocument, redactAnalysis, renderHtml, renderMarkdown, renderText, type AnalysisResult } from '../report/index.js';
import { errorMessage, reportError, reportInputError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import { readInputs } from './read-inputs.js';
import { isPassedOver } from '../triage/node/list-folder.js';
import { outputColumns, stdoutIsTTY, writeStdout } from './stdout.js';
import { addSymbolOptions, type SymbolOptionValues } from './symbolicate-options.js';
import { formatFromExtension, isAnInput, writeAtomically } from './write-output.js';

export type OutputFormat = 'text' | 'json' | 'md' | 'html';

export interface AnalyzeOptions extends Omit<PipelineOptions, 'lint'> {
  format: OutputFormat;
  color?: boolean;
  /** Every candidate diagnosis and all evidence in the text report. */
  verbose?: boolean;
  /** Terminal columns when standard output is a terminal. */
  width?: number;
  /** A dext bundle, Info.plist or project folder whose lint findings join DriverKit diagnoses. */
  dext?: string;
  /** Mask personal and device-identifying data before rendering. */
  redact?: boolean;
  /** Write the report to this file (atomically) instead of standard output. */
  output?: string;
}

/**
 * Read every input, run the pipeline, render. One bad input is reported in one line and never
 * stops the others; the exit code is 2 when any input (or user signature file) was unusable.
 */
export async function runAnalyze(paths: string[], opts: AnalyzeOptions): Promise<number> {
  const parsed: Report[] = [];
  const errors: IngestError[] = [];
  const read: string[] = [];
  let passedOver = 0;
  for await (const input of readInputs(paths)) {
    read.push(input.path);
    if ('error' in input) {
      errors.push({ path: input.path, message: input.error });
      continue;
    }
    const result = ingestBytes(input.bytes, input.path);
    // A .txt, .log or .json met in a folder that holds no report is passed over, not failed (as triage does).
    if (result.reports.length === 0 && input.walked && isPassedOver(input.path, result.errors[0]?.message ?? '')) {
      passedOver++;
      continue;
    }
    parsed.push(...result.reports);
    errors.push(...result.errors);
  }
  for (const e of errors) reportInputError(e.path, e.message);
  if (parsed.length === 0 && errors.length === 0 && passedOver > 0) {
    reportError(`no report found: the ${passedOver} file(s) read in folders hold none`);
    return EXIT_INPUT;
  }
  // The linter (and its plist readers) loads only for --dext.
  const lint = opts.dext === undefined ? undefined : await (await import('./lint.js')).lintForAnalyze(opts.dext);

  const { reports, incidents, signatureErrors } = await analyzeReports(parsed, { ...opts, ...(lint && { lint }) });
  for (const e of signatureErrors) reportInputError(e.path, `${e.pointer}: ${e.message}`);

  const analysis: AnalysisResult = opts.redact ? redactAnalysis({ reports, incidents, errors }) : { reports, incidents, errors };
  const out = opts.format === 'json' ? await jsonWriter(analysis) : render(analysis, opts);
  if (opts.output !== undefined) {
    if (await isAnInput(opts.output, read)) {
      reportInputError(opts.output, 'refusing to overwrite an input; choose another -o file');
      return EXIT_INPUT;
    }
    if (out !== undefined) {
      try {
        await writeAtomically(opts.output, out);
      } catch (err) {
        reportInputError(opts.output, `cannot write: ${errorMessage(err)}`);
        return EXIT_INPUT;
      }
    }
  } else if (typeof out === 'string') writeStdout(out);
  else out?.(writeStdout);
  return errors.length > 0 || signatureErrors.length > 0 || (opts.dext !== undefined && !lint) ? EXIT_INPUT : EXIT_OK;
}

/**
 * The JSON document (renderJson's bytes), written a few reports at a time: as one string, with a
 * plain copy of every report before it, it was most of the memory of a folder's analysis.
 */
async function jsonWriter(analysis: AnalysisResult): Promise<(write: (chunk: string) => void) => void> {
  const { writePrettyJson } = await import('./json-stream.js');
  const doc = analysisDocument(analysis);
  return (write) => {
    writePrettyJson(doc, write, undefined, toJsonValue);
    write('\n');
  };
}

/** The report in a human format; nothing when no report could be read (the errors said why). */
function render(analysis: AnalysisResult, opts: AnalyzeOptions): string | undefined {
  if (analysis.reports.length === 0) return undefined;
  if (opts.format === 'md') return renderMarkdown(analysis);
  if (opts.format === 'html') return renderHtml(analysis);
  return renderText(analysis, { color: opts.color ?? false, verbose: opts.verbose ?? false, ...(opts.width && { width: opts.width }) });
}

export function registerAnalyzeCommand(program: Command): void {
  addSymbolOptions(program.command('analyze'))
    .description('read crash reports, panic logs and kernel logs and explain what happened')
    .argument('[paths...]', 'files or folders; none or "-" reads standard input')
    .addOption(program.createOption('-f, --format <format>', 'output format').choices(['text', 'json', 'md', 'html']).default('text'))
    .option('-o, --output <file>', 'write the report to this file (atomically; never over an input); the format follows its extension (.json .md .html .txt) unless --format is given')
    .option('--redact', 'mask user names, host names, serial numbers, device ids, e-mail, IP and MAC addresses and personal file names, for public attachments')
    .option('--no-color', 'plain text without colour')
    .option('-v, --verbose', 'show every candidate diagnosis with all its evidence, and every frame of the crashed thread')
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
  $ paniclens analyze --redact -o report.html crash.ips   # a self-contained page to attach, personal data masked
  $ paniclens analyze --signatures ./team-signatures/ crash.ips   # add your own signatures`,
    )
    .action(async (paths: string[], options: AnalyzeOptionValues, command: Command) => {
      await analyzeAction(paths, options, command.getOptionValueSource('format') === 'cli');
    });
}

/** The option values of `analyze` as commander hands them to its action. */
export type AnalyzeOptionValues = { format: OutputFormat; output?: string; redact?: boolean; color: boolean; verbose?: boolean; dext?: string; demangle: boolean; signatures: string[] } & SymbolOptionValues;

/**
 * What `analyze` gets when no option is given: commander's defaults of the options above (a test
 * compares them). `paniclens analyze FILE…` with no option runs with these, without commander (main.ts).
 */
export const analyzeDefaults = (): AnalyzeOptionValues => ({ format: 'text', color: true, demangle: true, signatures: [], symbolicator: 'auto', symbols: [] });

/** The action of `analyze`; `formatGiven` is whether --format was on the command line. */
export async function analyzeAction(paths: string[], options: AnalyzeOptionValues, formatGiven: boolean): Promise<void> {
  // -o report.md picks Markdown; an explicit --format wins over the extension.
  const format = !formatGiven && options.output !== undefined ? (formatFromExtension(options.output) ?? options.format) : options.format;
  const tty = options.output === undefined && stdoutIsTTY();
  const color = useColor(options.color, tty, process.env);
  process.exitCode = await runAnalyze(paths, { format, color, verbose: options.verbose ?? false,
    ...(options.output === undefined ? widthOption(outputColumns(tty)) : {}), dext: options.dext, redact: options.redact ?? false,
    ...(options.output !== undefined && { output: options.output }),
    demangle: options.demangle, signatures: options.signatures, symbolicator: options.symbolicator, symbols: options.symbols });
}

const widthOption = (width: number | undefined): { width?: number } => (width === undefined ? {} : { width });

/** Colour only on a terminal, and never when NO_COLOR is set and non-empty (https://no-color.org) or --no-color is given. */
export function useColor(flag: boolean, tty: boolean, env: Record<string, string | undefined>): boolean {
  return flag && tty && !env.NO_COLOR;
}

/** commander accumulator for a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
