import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compile once so CLI tests run the built `dist/cli/main.js` as users do
 * (a node start per test instead of a TypeScript loader start, several times faster).
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
