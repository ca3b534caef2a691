import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expectValidReportJson, expectValidTriageJson } from './report-schema.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Built by the global setup (test/helpers/build-once.ts) before any test runs.
const main = fileURLToPath(new URL('../../dist/cli/main.cjs', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would, optionally with standard input. */
export function runCli(args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd: repoRoot,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const result = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  // Every analyze JSON a test produces must validate against the shipped schema.
  if (args[0] === 'analyze' && jsonFormat(args) && result.stdout.trim() !== '') expectValidReportJson(result.stdout, `analyze ${args.join(' ')}`);
  // And every triage JSON (--explain prints another document: how buckets were formed).
  if (args[0] === 'triage' && jsonFormat(args) && !args.includes('--explain') && result.stdout.trim() !== '') expectValidTriageJson(result.stdout, `triage ${args.join(' ')}`);
  return result;
}

function jsonFormat(args: string[]): boolean {
  return args.some((a, i) => a === '--format=json' || ((a === '--format' || a === '-f') && args[i + 1] === 'json'));
}

