/**
 * The one pipeline every command shares once reports are parsed: symbolicate → demangle →
 * diagnose → join lint findings. It sits at the edge (symbolication runs processes, the built-in
 * signatures are files), so `cli/` stays wiring and a batch runner can reuse it as it is.
 */
import { cxxCompileUnderWay, installNodeCxxBackendOnUse } from '../demangle/cxx-node.js';
import { demangleReport, demangleReportShared, keepRawNames } from '../demangle/index.js';
import { hasCxxSymbol } from '../demangle/report-pass.js';
import { diagnose, type CompiledSignature } from '../diagnose/index.js';
import { withLintEvidence } from '../diagnose/lint-evidence.js';
import type { LoadResult } from '../diagnose/load-signatures.js';
import { loadSignatures } from '../diagnose/read-signatures.js';
import type { SignatureError } from '../diagnose/types.js';
import type { DextLintResult } from '../lint/index.js';
import type { Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { symbolicateReports, type SymbolicatorChoice } from '../symbolicate/index.js';

export interface PipelineOptions {
  symbolicator?: SymbolicatorChoice;
  /** --symbols paths searched for dSYMs, binaries, kexts, dexts and KDKs. */
  symbols?: string[];
  /** False keeps symbol names as the log (or backend) wrote them (`--no-demangle`). */
  demangle?: boolean;
  /** Folders or files of the user's own signatures (same schema as signatures/*.json). */
  signatures?: string[];
  /** Lint results of the user's dext (`--dext`): they join DriverKit diagnoses as evidence. */
  lint?: DextLintResult[];
}

export interface PipelineResult {
  reports: Report[];
  incidents: Incident[];
  /** User signature files that failed validation; their valid neighbours were still used. */
  signatureErrors: SignatureError[];
}

export async function analyzeReports(parsed: Report[], opts: PipelineOptions = {}): Promise<PipelineResult> {
  // Public: the reports it returns share nothing with `parsed` that a caller could change.
  const { reports, signatures, signatureErrors } = await prepare(parsed, opts, demangleReport);
  const { incidents } = diagnose(reports, signatures);
  // The linter's findings join after diagnosis: they explain DriverKit diagnoses, never create them.
  const result = opts.lint ? withLintEvidence({ reports, incidents }, opts.lint) : { reports, incidents };
  return { ...result, signatureErrors };
}

type Prepared = { reports: Report[]; signatures: CompiledSignature[]; signatureErrors: SignatureError[] };

/**
 * The per-report part of the pipeline (symbolicate, demangle, load signatures) without diagnosis,
 * for callers that diagnose one report at a time and correlate later (triage). The reports it returns
 * are new objects, but threads and frame lists without a mangled name are `parsed`'s own (not copied):
 * callers own `parsed` and only read them. A batch calls it once per file with one options object:
 * the user's signature folders are read and validated once per `signatures` list (see batchSignatures).
 */
export function prepareReports(parsed: Report[], opts: PipelineOptions = {}): Promise<Prepared> {
  return prepare(parsed, opts, demangleReportShared, batchSignatures);
}

async function prepare(parsed: Report[], opts: PipelineOptions, demangleOne: (r: Report) => Report, load: (dirs: string[]) => LoadResult = loadSignatures): Promise<Prepared> {
  let reports = await symbolicate(parsed, opts);
  installNodeCxxBackendOnUse();
  // A batch compiles the C++ demangler in the background (precompileNodeCxxBackend): a report that
  // needs it before it is ready waits for it rather than compiling it a second time in place.
  const underWay = opts.demangle === false ? undefined : cxxCompileUnderWay();
  if (underWay && reports.some(hasCxxSymbol)) await underWay;
  // Backends demangle what they resolve; --no-demangle puts their raw names back.
  reports = reports.map((r) => (opts.demangle === false ? keepRawNames(r) : demangleOne(r)));
  const sigs = load(opts.signatures ?? []);
  return { reports, signatures: sigs.signatures, signatureErrors: sigs.errors };
}

/**
 * User signatures as loaded for a list of folders, by the list itself (the built-in set is cached
 * where it is loaded): triage passes one list for its whole run, and reading and validating the
 * user's files again for every input file cost more than analysing it. The folders are compared
 * too, so a list changed in place is read again.
 */
const userSignatures = new WeakMap<string[], { dirs: string; result: LoadResult }>();

function batchSignatures(dirs: string[]): LoadResult {
  if (dirs.length === 0) return loadSignatures(dirs);
  const key = dirs.join('\u0000');
  const have = userSignatures.get(dirs);
  if (have && have.dirs === key) return have.result;
  const result = loadSignatures(dirs);
  userSignatures.set(dirs, { dirs: key, result });
  return result;
}

/**
 * analyze symbolicates whenever symbols are available: with --symbols (or an explicit backend) every frame gets a
 * symbol or a reason; without, reports change only when some image's symbols were found (report folder, macOS defaults).
 */
function symbolicate(reports: Report[], opts: PipelineOptions): Promise<Report[]> | Report[] {
  if (opts.symbolicator === 'none' || reports.length === 0) return reports;
  const explicit = (opts.symbols?.length ?? 0) > 0 || (opts.symbolicator !== undefined && opts.symbolicator !== 'auto');
  return symbolicateReports(reports, { symbolicator: opts.symbolicator, symbols: opts.symbols, onlyWhenFound: !explicit });
}
