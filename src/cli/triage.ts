import type { Command } from 'commander';
import { Option } from 'commander';
import { errorMessage, reportError, reportInputError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK } from './exit-codes.js';
import { outputColumns, stderrIsTTY, stdoutIsTTY, writeStderr, writeStdout } from './stdout.js';
import { addSymbolOptions, type SymbolOptionValues } from './symbolicate-options.js';
import { parseSince } from '../triage/since.js';
import { formatFromExtension, isAnInput, openAtomically, type AtomicFile } from './write-output.js';

type TriageFormat = 'table' | 'json' | 'ndjson' | 'md' | 'html';

interface TriageCliOptions extends SymbolOptionValues {
  format: TriageFormat;
  top?: string;
  since?: string;
  process: string[];
  jobs?: string;
  merge?: boolean;
  explain?: string;
  baseline?: string;
  system?: boolean;
  redact?: boolean;
  demangle: boolean;
  signatures: string[];
  output?: string;
}

export function registerTriageCommand(program: Command): void {
  addSymbolOptions(program.command('triage'))
    .description('analyse many reports at once and group them into buckets of the same crash')
    .argument('[paths...]', 'files, folders (recursive), globs, .zip and .tar.gz archives (and archives inside them); with --merge: triage JSON files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'ndjson', 'md', 'html']).default('table'))
    .option('-o, --output <file>', 'write the result to this file (atomically; never over an input); the format follows its extension (.json .ndjson .md .html .txt) unless --format is given')
    .option('--top <n>', 'only the N largest buckets')
    .option('--since <date>', 'leave out reports older than this date (ISO 8601, e.g. 2026-01-31, or a span back from now: 12h, 7d, 2w); reports without a time stay')
    .option(
      '--process <name>',
      "only the reports about this process: its name or bundle id, a dext its log names, or a kext or framework blamed as culprit (case-insensitive; repeatable, or names separated by commas)",
      (v: string, p: string[]) => [...p, ...v.split(',')],
      [] as string[],
    )
    .option('-j, --jobs <n>', 'threads that analyse reports; up to 3, the main thread is one of them (default: one fewer than the cores available, at least 1)')
    .option('--system', "add this Mac's report folders (~/Library/Logs/DiagnosticReports and Retired/, /Library/Logs/DiagnosticReports, ~/Library/Logs/CrashReporter/MobileDevice)")
    .option('--merge', 'combine triage JSON files of shards (made with --format json) into one result')
    .option('--baseline <file>', 'compare with an earlier triage (its --format json output): mark the buckets it did not have as new, and list its buckets not seen again')
    .option('--explain <file>', 'print how each report of FILE (and of each file given besides) was given its bucket')
    .option('--redact', 'mask user names, device and host names, serial numbers, e-mail, IP and MAC addresses and personal file names (in file names too), for sharing')
    .option('--no-demangle', 'keep Swift and C++ symbol names mangled')
    .option('--signatures <dir>', 'also match your own signatures from this folder or file (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .addHelpText(
      'after',
      `
Reports are not symbolicated unless --symbols (or a --symbolicator other than auto) is given.
Exit codes: 0 every file was read, 2 some file could not be read (listed) or bad usage, 3 internal error, 130 stopped by Ctrl-C.

Examples:
  $ paniclens triage ~/Library/Logs/DiagnosticReports/
  $ paniclens triage --system --since 2026-01-01 --top 10
  $ paniclens triage --system --process MyApp --since 7d
  $ paniclens triage 'qa-bundle/**/*.ips' sysdiagnose.tar.gz --format json > triage.json
  $ paniclens triage --merge shard-*.json
  $ paniclens triage --baseline last-week.json reports/
  $ paniclens triage reports/ -o triage.html
  $ paniclens triage --system --redact -o triage.html   # to attach to a bug report
  $ paniclens triage --explain crash.ips`,
    )
    .action(async (paths: string[], options: TriageCliOptions, command: Command) => {
      // -o triage.html picks HTML; an explicit --format wins over the extension.
      const format = command.getOptionValueSource('format') !== 'cli' && options.output !== undefined ? (formatOfFile(options.output) ?? options.format) : options.format;
      process.exitCode = await runTriageCommand(paths, { ...options, format });
    });
}

/** The format a file name implies (analyze's, with .ndjson, and a table for .txt). */
function formatOfFile(file: string): TriageFormat | undefined {
  if (/\.ndjson$/i.test(file)) return 'ndjson';
  const f = formatFromExtension(file);
  return f === 'text' ? 'table' : f;
}

async function runTriageCommand(paths: string[], o: TriageCliOptions): Promise<number> {
  const top = o.top === undefined ? undefined : positiveInt(o.top, '--top');
  const jobs = o.jobs === undefined ? undefined : positiveInt(o.jobs, '--jobs');
  let sinceMs: number | undefined;
  if (o.since !== undefined) {
    sinceMs = parseSince(o.since, Date.now());
    if (sinceMs === undefined) return usage(`--since: not a date: ${o.since} (use ISO 8601, e.g. 2026-01-31 or 2026-01-31T12:00:00Z, or a span back from now: 12h, 7d, 2w)`);
  }
  if (top === null || jobs === null) return EXIT_INPUT;
  const processes = o.process.length > 0 ? (await import('../triage/aggregate.js')).processNames(o.process) : undefined;
  if (processes !== undefined && processes.length === 0) return usage('--process: give a process name or bundle id');
  const symbolic = o.symbols.length > 0 || o.symbolicator !== 'auto';
  const pipeline = { symbolicator: symbolic ? o.symbolicator : ('none' as const), symbols: o.symbols, demangle: o.demangle, signatures: o.signatures };

  if (o.format === 'ndjson' && top !== undefined && o.explain === undefined) return usage('--top keeps the largest buckets of a whole run, but ndjson writes each report as it is read: use --format json, or leave out --top');
  if (o.merge && paths.length === 0) return usage('--merge needs the triage JSON files to combine');
  if (o.baseline !== undefined && o.explain !== undefined) return usage('--explain shows how reports got their buckets: --baseline cannot apply to it');
  if (processes !== undefined && o.explain !== undefined) return usage('--explain shows how the files given got their buckets: --process cannot apply to it');
  // Options that act while reports are read have nothing to act on in a merge: refused, not ignored.
  if (o.merge) {
    const readingOnly = [o.since !== undefined && '--since (give it to each shard)', processes !== undefined && '--process (give it to each shard)', o.system && '--system', o.explain !== undefined && '--explain'].filter(Boolean);
    if (readingOnly.length > 0) return usage(`--merge combines finished shards: ${readingOnly.join(', ')} cannot apply to it`);
  }
  if (!o.merge && o.explain === undefined && paths.length === 0 && !o.system) return usage('give files, folders, globs or archives to triage (or --system)');

  // -o: the result goes to a temporary file beside the target, renamed over it once complete.
  let sink: AtomicFile | undefined;
  if (o.output !== undefined) {
    if (await isAnInput(o.output, o.explain !== undefined ? [o.explain, ...paths] : paths)) {
      reportInputError(o.output, 'refusing to overwrite an input; choose another -o file');
      return EXIT_INPUT;
    }
    try {
      sink = openAtomically(o.output);
    } catch (err) {
      reportInputError(o.output, `cannot write: ${errorMessage(err)}`);
      return EXIT_INPUT;
    }
  }
  let code: number;
  let wrote = false;
  try {
    const out = sink
      ? (text: string): void => {
          wrote = true;
          (sink as AtomicFile).write(text);
        }
      : writeStdout;
    const redactor = o.redact ? (await import('../triage/redact.js')).triageRedactor() : undefined;
    code =
      o.explain !== undefined
        ? await explain([o.explain, ...paths], pipeline, o.format, out, redactor)
        : await produce(paths, o, { pipeline, top, jobs, sinceMs, processes, sink, out, redactor });
  } catch (err) {
    sink?.abort();
    throw err;
  }
  // Nothing to write (the only input could not be read): the target stays as it was.
  if (sink && !wrote) sink.abort();
  else if (sink) {
    try {
      sink.commit();
    } catch (err) {
      reportInputError(o.output as string, `cannot write: ${errorMessage(err)}`);
      return EXIT_INPUT;
    }
  }
  return code;
}

interface RunSettings {
  pipeline: import('../pipeline/analyze-reports.js').PipelineOptions;
  top: number | undefined;
  jobs: number | undefined;
  sinceMs: number | undefined;
  /** --process names (processNames form), undefined for every report. */
  processes: string[] | undefined;
  /** The -o file, when there is one (its writes go through `out`). */
  sink: AtomicFile | undefined;
  /** Where the result goes: standard output or the -o file. */
  out: (text: string) => void;
  /** With --redact: one redactor for the run, so ndjson lines and the document share placeholders. */
  redactor: import('../report/redact.js').Redactor | undefined;
}

/** A triage or a merge, its result written out; the exit code. */
async function produce(paths: string[], o: TriageCliOptions, { pipeline, top, jobs, sinceMs, processes, sink, out, redactor }: RunSettings): Promise<number> {
  let baseline: import('../triage/baseline.js').Baseline | undefined;
  /** Whether the baseline was made over other --process names than `names` (then said on one line). */
  const mismatched = async (names: string[] | null | undefined): Promise<boolean> => {
    const mismatch = baseline && (await import('../triage/baseline.js')).baselineMismatch(baseline, names);
    if (mismatch) reportInputError(o.baseline as string, `not usable as a baseline: ${mismatch}`);
    return mismatch !== undefined;
  };
  if (o.baseline !== undefined) {
    const read = await readBaseline(o.baseline);
    if ('problem' in read) {
      reportInputError(o.baseline, read.problem);
      return EXIT_INPUT;
    }
    baseline = read;
    // A merge's names are its shards': checked once they are read.
    if (!o.merge && (await mismatched(processes))) return EXIT_INPUT;
  }
  const { loadSignatures } = await import('../diagnose/read-signatures.js');
  const { incidentOptionsFor } = await import('../diagnose/index.js');
  const sigs = loadSignatures(o.signatures);
  for (const e of sigs.errors) reportInputError(e.path, `${e.pointer}: ${e.message}`);
  const incidentOptions = incidentOptionsFor(sigs.signatures);

  let doc;
  let failed = false;
  if (o.merge) {
    const { mergeTriageFiles } = await import('../triage/node/merge-files.js');
    const merged = await mergeTriageFiles(paths, { ...(top !== undefined ? { top } : {}), ...(baseline ? { baseline } : {}), incidentOptions });
    for (const e of merged.errors) reportInputError(e.path, e.message);
    failed = merged.errors.length > 0;
    doc = merged.doc;
    if (await mismatched(doc.summary.processes)) return EXIT_INPUT;
  } else {
    const { runTriage } = await import('../triage/node/run-triage.js');
    const ndjson = o.format === 'ndjson';
    let stop = false;
    const lines = ndjson ? new LineWriter(out) : undefined;
    const onSigint = (): void => {
      if (stop) {
        lines?.flush();
        // Quitting at once leaves no half-written -o file behind (the target stays as it was).
        sink?.abort();
        process.exit(EXIT_INTERRUPTED);
      }
      stop = true;
      writeStderr('\npaniclens: stopping after the files under way (Ctrl-C again to quit at once)\n');
    };
    process.on('SIGINT', onSigint);
    const progress = stderrIsTTY() ? await startProgress() : undefined;
    try {
      doc = await runTriage(paths, {
        ...(jobs !== undefined ? { jobs } : {}),
        pipeline,
        walk: o.system ? { system: { home: (await import('node:os')).homedir() } } : {},
        ...(sinceMs !== undefined ? { sinceMs } : {}),
        ...(processes !== undefined ? { processes } : {}),
        ...(top !== undefined ? { top } : {}),
        ...(baseline ? { baseline } : {}),
        incidentOptions,
        onError: (path, message) => {
          progress?.clear();
          lines?.flush(); // what was written before the error line stays before it
          reportInputError(path, message);
          if (lines) lines.write(`${JSON.stringify(redactor ? redactor.redact({ path, error: message }) : { path, error: message })}\n`);
        },
        ...(lines ? { onReport: (s) => lines.write(`${JSON.stringify(redactor ? redactor.redact(ndjsonLine(s, baseline)) : ndjsonLine(s, baseline))}\n`) } : {}),
        ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
        stopped: () => stop,
        boundYoungGeneration: true,
        limitInlining: true,
      });
    } finally {
      lines?.flush();
      progress?.stop();
      process.off('SIGINT', onSigint);
    }
    failed = doc.summary.failed > 0;
  }
  if (redactor && o.format !== 'ndjson') doc = (await import('../triage/redact.js')).redactTriage(doc, redactor);

  if (o.format === 'json') {
    const { writePrettyJson } = await import('./json-stream.js');
    writePrettyJson(doc as unknown as Record<string, unknown>, out);
    out('\n');
  }
  else if (o.format === 'md') out((await import('../triage/render/markdown.js')).renderTriageMarkdown(doc));
  else if (o.format === 'html') out((await import('../triage/render/html.js')).renderTriageHtml(doc));
  else if (o.format === 'table') {
    const { renderTriageTable } = await import('../triage/render/table.js');
    out(`${renderTriageTable(doc, { width: (sink ? undefined : outputColumns(stdoutIsTTY())) ?? 100 })}\n`);
  }
  if (doc.summary.interrupted) return EXIT_INTERRUPTED;
  return failed || sigs.errors.length > 0 ? EXIT_INPUT : EXIT_OK;
}

/**
 * ndjson lines written a few at a time: one write per report was a system call and a Buffer each.
 * Lines still stream: the text goes out once it is LINE_CHUNK long or its first line has waited
 * LINE_WAIT_MS, and before any error message.
 */
class LineWriter {
  private static readonly LINE_CHUNK = 1 << 16;
  private static readonly LINE_WAIT_MS = 200;
  private text = '';
  private since = 0;

  constructor(private readonly out: (text: string) => void) {}

  write(line: string): void {
    if (this.text === '') this.since = Date.now();
    this.text += line;
    if (this.text.length >= LineWriter.LINE_CHUNK || Date.now() - this.since >= LineWriter.LINE_WAIT_MS) this.flush();
  }

  flush(): void {
    if (this.text === '') return;
    const text = this.text;
    this.text = '';
    this.out(text);
  }
}

/** The earlier triage --baseline names, or why it cannot be compared with (one line). */
async function readBaseline(path: string): Promise<import('../triage/baseline.js').Baseline | { problem: string }> {
  const read = await (await import('../triage/node/read-json.js')).readJsonFile(path);
  if ('problem' in read) return read;
  const { baselineOf } = await import('../triage/baseline.js');
  const b = baselineOf(read.value);
  return 'problem' in b ? { problem: `not usable as a baseline: ${b.problem}` } : b;
}

function ndjsonLine(s: import('../triage/summary.js').ReportSummary, baseline?: import('../triage/baseline.js').Baseline): Record<string, unknown> {
  return {
    ...(baseline ? { new: !baseline.buckets.has(s.bucket.id) } : {}),
    path: s.ref,
    kind: s.kind,
    bucket: s.bucket.id,
    title: s.bucket.title,
    signature: s.bucket.signature ?? null,
    fingerprint: s.bucket.fingerprint,
    time: s.timeMs === undefined ? null : new Date(s.timeMs).toISOString(),
    incident: s.incident ?? null,
    os: s.os ?? null,
    hardware: s.hardware ?? null,
    process: s.process ?? null,
    version: s.version ?? null,
    likelyCause: s.likelyCause?.title ?? null,
    confidence: s.likelyCause?.confidence ?? null,
    culprit: s.culprit ?? null,
    noFailure: s.noFailure === true,
  };
}

/** A file to explain, or an archive entry as triage names it (`bundle.zip!/x.ips`), read from the archive. */
async function explainInput(path: string): Promise<import('../triage/node/process-input.js').ReadableInput | { error: string }> {
  const { archiveOfEntry } = await import('../triage/node/list-folder.js');
  const archive = archiveOfEntry(path);
  if (!archive) return { path, file: true, walked: false };
  const entry = await (await import('../triage/node/inputs.js')).readArchiveEntry(path, archive);
  return 'bytes' in entry ? { path, bytes: entry.bytes, walked: false } : entry;
}

/**
 * How each report of each file got its bucket. An unreadable file is one error line and the others
 * are still explained. JSON: `{path, reports}` for one file, an array of them for several; ndjson one
 * such line per file.
 */
async function explain(
  paths: string[],
  pipeline: import('../pipeline/analyze-reports.js').PipelineOptions,
  format: TriageFormat,
  out: (text: string) => void,
  redactor: import('../report/redact.js').Redactor | undefined,
): Promise<number> {
  const { loadSkipList } = await import('../triage/node/skip-frames.js');
  const { processInput } = await import('../triage/node/process-input.js');
  const { renderExplanation } = await import('../triage/explain.js');
  const skip = await loadSkipList();
  const docs: { path: string; reports: unknown[] }[] = [];
  let texts = 0;
  let code = EXIT_OK;
  for (const path of paths) {
    const input = await explainInput(path);
    if ('error' in input) {
      reportInputError(path, input.error);
      code = EXIT_INPUT;
      continue;
    }
    const outcome = await processInput(input, pipeline, skip, true);
    if (outcome.error) {
      reportInputError(path, outcome.error);
      code = EXIT_INPUT;
      continue;
    }
    const doc = { path, reports: outcome.explanations ?? [] };
    const { path: shown, reports: list } = redactor ? redactor.redact(doc) : doc;
    if (format === 'ndjson') out(`${JSON.stringify({ path: shown, reports: list })}\n`);
    else if (format === 'json') docs.push({ path: shown, reports: list });
    else out(`${texts++ > 0 ? '\n' : ''}${renderExplanation(shown, list)}`);
  }
  if (format === 'json' && docs.length > 0) out(`${JSON.stringify(paths.length === 1 ? docs[0] : docs, null, 2)}\n`);
  return code;
}

interface Progress {
  update(done: number, total: number): void;
  clear(): void;
  stop(): void;
}

async function startProgress(): Promise<Progress> {
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ stream: process.stderr, format: 'triage {bar} {value}/{total} files', clearOnComplete: true, hideCursor: true }, Presets.shades_classic);
  bar.start(0, 0);
  return {
    update: (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    },
    clear: () => process.stderr.write('\r\x1b[K'),
    stop: () => bar.stop(),
  };
}

function positiveInt(text: string, name: string): number | null {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    reportError(`${name}: expected a whole number ≥ 1, got ${JSON.stringify(text)}`);
    return null;
  }
  return n;
}

function usage(message: string): number {
  reportError(message);
  return EXIT_INPUT;
}
