#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerAnalyzeCommand } from './analyze.js';
import { registerLintCommand } from './lint.js';
import { registerSignaturesCommand } from './signatures.js';
import { registerSymbolicateCommand } from './symbolicate.js';
import { registerWebCommand } from './web.js';
import { errorMessage, reportError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_INTERNAL } from './exit-codes.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

const program = new Command()
  .name('paniclens')
  .description('Turn Apple panic and crash logs into a likely-cause report')
  .version(version, '-V, --version')
  .option('--debug', 'print stack traces for internal errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerAnalyzeCommand(program);
registerLintCommand(program);
registerSignaturesCommand(program);
registerSymbolicateCommand(program);
registerWebCommand(program);

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
