import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI from source (through tsx) as a user would, optionally with standard input. */
export function runCli(args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export { execFileSync };
