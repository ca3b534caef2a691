/**
 * The paniclens program. Built as one script (dist/cli/paniclens.cjs) that src/cli/launch.ts runs
 * with V8's code cache, so this file has no top-level await.
 */
import type { Command } from 'commander';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { errorMessage, reportError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_INTERNAL } from './exit-codes.js';
import { writeStderr, writeStdout } from './stdout.js';

/** The package's version, written in by the build (scripts/bundle-cli.mjs). */
declare const __PANICLENS_VERSION__: string | undefined;
// Requiring package.json at every start ran node's module resolution and JSON loader for one string
// (~1% of the instructions of `analyze` on one report); unbundled, it is still read from there.
const version =
  typeof __PANICLENS_VERSION__ === 'string' ? __PANICLENS_VERSION__ : (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

const makeProgram = (Cmd: typeof Command): Command =>
  new Cmd()
    .name('paniclens')
    .description('Turn Apple panic and crash logs into a likely-cause report')
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
    // Help and usage errors go out as the reports do: `paniclens --help | head` ends quietly (EPIPE).
    .configureOutput({ writeOut: writeStdout, writeErr: writeStderr })
    .exitOverride();

// Each command's code loads only when that command runs: start-up is most of the wall time of
// `analyze` on one pasted report. Help and unknown commands register them all.
const COMMANDS: Record<string, () => Promise<(p: Command) => void>> = {
  analyze: async () => (await import('./analyze.js')).registerAnalyzeCommand,
  lint: async () => (await import('./lint.js')).registerLintCommand,
  signatures: async () => (await import('./signatures.js')).registerSignaturesCommand,
  symbolicate: async () => (await import('./symbolicate.js')).registerSymbolicateCommand,
  triage: async () => (await import('./triage.js')).registerTriageCommand,
  web: async () => (await import('./web.js')).registerWebCommand,
};

/**
 * The paths of `paniclens analyze PATH…` when that is the whole command line: no option, no "-" (the
 * form `pbpaste | paniclens analyze` and a dropped file take). Anything else goes through commander.
 */
export function plainAnalyzePaths(args: readonly string[]): string[] | undefined {
  if (args[0] !== 'analyze') return undefined;
  const paths = args.slice(1);
  return paths.some((a) => a.startsWith('-')) ? undefined : paths;
}

async function main(): Promise<void> {
  // Without options, `analyze` runs its action with commander's defaults directly: loading commander and
  // building the program was ~4% of the instructions of `analyze` on one small report.
  const plain = plainAnalyzePaths(process.argv.slice(2));
  if (plain !== undefined) {
    const { analyzeAction, analyzeDefaults } = await import('./analyze.js');
    try {
      await analyzeAction(plain, analyzeDefaults(), false);
    } catch (err) {
      await internalError(err, false);
    }
    return;
  }

  const { Command, CommanderError } = await import('commander');
  const program = makeProgram(Command);
  const args = process.argv.slice(2);
  const named = args.find((a) => !a.startsWith('-'));
  // `--version` alone prints the version before any command is looked at: none is loaded for it.
  const versionOnly = args.length === 1 && (args[0] === '-V' || args[0] === '--version');
  for (const name of versionOnly ? [] : named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS)) {
    (await (COMMANDS[name] as () => Promise<(p: Command) => void>)())(program);
  }

  program.addHelpText(
    'after',
    `
Examples:
  $ paniclens analyze samples/founding-case/
  $ pbpaste | paniclens analyze
  $ paniclens analyze --format json ~/Library/Logs/DiagnosticReports/`,
  );

  // A promise that never settles (a stream that never ends) lets the event loop run dry, and node
  // would exit 0 having written nothing: said as the bug it is, so no script takes it for success.
  let finished = false;
  process.once('beforeExit', () => {
    if (finished) return;
    reportError('internal error: the command stopped before it finished (it waited for data that never came)');
    process.exitCode = EXIT_INTERNAL;
  });
  try {
    await program.parseAsync(process.argv);
    finished = true;
  } catch (err) {
    finished = true;
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_INPUT;
    } else {
      await internalError(err, program.opts<{ debug?: boolean }>().debug === true);
    }
  }
}

/** A bug: one line, the stack too under --debug, exit code 3. */
async function internalError(err: unknown, debug: boolean): Promise<void> {
  reportError(`internal error: ${errorMessage(err)}`);
  if (debug && err instanceof Error) writeStderr(`${(await import('./debug-stack.js')).mappedStack(err.stack ?? String(err), fileURLToPath(import.meta.url))}\n`);
  process.exitCode = EXIT_INTERNAL;
}

void main();
