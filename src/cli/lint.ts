import type { Command } from 'commander';
import { Option } from 'commander';
import { hasErrors, lintDext, renderLint, type DextLintResult, type LintFormat } from '../lint/index.js';
import { readDextInputs } from '../lint/read-bundle.js';
import { reportInputError } from './diagnostics.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import { writeStdout } from './stdout.js';

export interface LintOptions {
  format: LintFormat;
}

/** Files under a project folder that could not be read: named on stderr, the rest is linted. */
function reportSkipped(skipped: readonly { path: string; reason: string }[] | undefined): void {
  for (const e of skipped ?? []) reportInputError(e.path, `skipped: ${e.reason}`);
}

/** Lint one PATH; exit 1 when an error-level finding exists, 2 when PATH cannot be used. */
export async function runLint(path: string, opts: LintOptions): Promise<number> {
  const read = await readDextInputs(path);
  if (!read.ok) {
    reportInputError(read.error.path, read.error.reason);
    return EXIT_INPUT;
  }
  reportSkipped(read.skipped);
  const results = read.dexts.map(lintDext);
  writeStdout(renderLint(results, opts.format));
  return hasErrors(results) ? EXIT_FINDINGS : EXIT_OK;
}

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description("check a DriverKit extension's Info.plist, entitlements and .iig classes against its family (rules L01-L19)")
    .argument('<path>', 'a .dext bundle, its Info.plist, or a project folder (sources and the built bundles under it)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'md']).default('text'))
    .addHelpText(
      'after',
      `
A built bundle is checked against its project's sources (.iig, .entitlements), found in the nearest
folder above it that holds an .xcodeproj, .xcworkspace, Package.swift or .git.

Exit codes: 0 no error-level finding, 1 at least one error, 2 unusable PATH.

Examples:
  $ paniclens lint samples/founding-case/SCSIController.dext
  $ paniclens lint MyDriver/Info.plist --format json
  $ paniclens lint MyDriverProject/build/Release/com.example.driver.dext
  $ paniclens lint ~/src/MyDriverProject --format md > lint.md`,
    )
    .action(async (path: string, options: { format: LintFormat }) => {
      process.exitCode = await runLint(path, { format: options.format });
    });
}

/** For `analyze --dext PATH`: the dext's lint results, or undefined after a one-line error on stderr. */
export async function lintForAnalyze(path: string): Promise<DextLintResult[] | undefined> {
  const read = await readDextInputs(path);
  if (!read.ok) {
    reportInputError(read.error.path, read.error.reason);
    return undefined;
  }
  reportSkipped(read.skipped);
  return read.dexts.map(lintDext);
}
