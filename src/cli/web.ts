import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorMessage, reportError } from './diagnostics.js';
import { EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import { startWebServer } from './web-server.js';

/** The built page: dist/web beside dist/cli (npm run build writes both). */
const PAGE_DIR = fileURLToPath(new URL('../web/', import.meta.url));

export interface WebOptions {
  /** Undefined or 0: any free port. */
  port?: number;
  open: boolean;
}

/** The platform's "open this URL in the default browser" command. */
function opener(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Serve the page until Ctrl-C (or SIGTERM); resolves with the exit code. */
export async function runWeb(opts: WebOptions): Promise<number> {
  if (!existsSync(`${PAGE_DIR}index.html`)) {
    reportError(`the page is not built (${PAGE_DIR}index.html is missing): run npm run build`);
    return EXIT_INPUT;
  }
  let server;
  try {
    server = await startWebServer(PAGE_DIR, opts.port ?? 0);
  } catch (e) {
    reportError(errorMessage(e));
    return EXIT_INPUT;
  }
  process.stdout.write(`paniclens: the page is at ${server.url} (only this machine can reach it; Ctrl-C stops)\n`);
  if (opts.open) {
    const [cmd, args] = opener(server.url);
    execa(cmd, args, { stdio: 'ignore', detached: true, cleanup: false }).catch((e: unknown) => {
      reportError(`could not open a browser (${cmd}: ${errorMessage(e).split('\n')[0]}); open ${server.url} yourself`);
    });
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('paniclens: stopped\n');
  return EXIT_OK;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('a port number from 0 (any free port) to 65535');
  return n;
}

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('serve the offline page (paste or drop logs, dSYMs and dexts; nothing leaves the machine) on 127.0.0.1')
    .option('-p, --port <port>', 'port on 127.0.0.1 (default: a free one)', parsePort)
    .option('--no-open', 'do not open a browser, only print the address')
    .addHelpText(
      'after',
      `
The same page works without a server: open dist/web/index.html, or copy dist/web/ to any static host.

Examples:
  $ paniclens web
  $ paniclens web --port 8765 --no-open`,
    )
    .action(async (options: WebOptions) => {
      process.exitCode = await runWeb(options);
    });
}
