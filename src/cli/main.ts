#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import nodeModule, { createRequire } from 'node:module';
import { errorMessage, reportError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_INTERNAL } from './exit-codes.js';

// Node ≥ 22.1 can keep V8's compiled code of the chunks below between runs (most of start-up is
// compiling them); older Node has no such call and compiles every time.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

const program = new Command()
  .name('paniclens')
  .description('Turn Apple panic and crash logs into a likely-cause report')
  .version(version, '-V, --version')
  .option('--debug', 'print stack traces for internal errors')
  .showHelpAfterError('(run with --help for usage)')
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
const named = process.argv.slice(2).find((a) => !a.startsWith('-'));
for (const name of named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS)) {
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

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    process.exitCode = err.exitCode === 0 ? 0 : EXIT_INPUT;
  } else {
    reportError(`internal error: ${errorMessage(err)}`);
    if (program.opts<{ debug?: boolean }>().debug && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = EXIT_INTERNAL;
  }
}
