import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compile and bundle once so CLI tests run the built `dist/cli/main.cjs` as users do
 * (a node start per test instead of a TypeScript loader start, several times faster).
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // The CLI users run is the bundle (scripts/bundle-cli.mjs), as `npm run build` makes it.
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/bundle-cli.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
}
