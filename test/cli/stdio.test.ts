import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const main = fileURLToPath(new URL('../../dist/cli/main.cjs', import.meta.url));
const env = { ...process.env, NO_COLOR: '1' };

describe('paniclens analyze: standard input and output', () => {
  it('reads standard input redirected from a file, as from a pipe', () => {
    const piped = runCli(['analyze', '--format', 'json'], 'panic(cpu 1 caller 0xffffff8000a1b2c3): "x"@y.c:1\n');
    const fd = openSync('samples/panic-pasted.txt', 'r');
    try {
      const r = spawnSync(process.execPath, [main, 'analyze', '--format', 'json'], { cwd: repoRoot, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', env });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      const viaPipe = runCli(['analyze', '--format', 'json', '-'], spawnSync('cat', ['samples/panic-pasted.txt'], { cwd: repoRoot, encoding: 'utf8' }).stdout);
      expect(r.stdout).toBe(viaPipe.stdout);
      expect((JSON.parse(r.stdout) as { reports: { source: { path: string } }[] }).reports[0]?.source.path).toBe('-');
    } finally {
      closeSync(fd);
    }
    expect(piped.status).toBe(0);
  });

  it('writes to a file exactly what it writes to a pipe', () => {
    const viaPipe = runCli(['analyze', '--format', 'json', 'samples/founding-case/']);
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-stdout-'));
    try {
      const out = join(dir, 'out.json');
      const fd = openSync(out, 'w');
      const r = spawnSync(process.execPath, [main, 'analyze', '--format', 'json', 'samples/founding-case/'], { cwd: repoRoot, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env });
      closeSync(fd);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(viaPipe.status).toBe(0);
      expect(viaPipe.stdout.length).toBeGreaterThan(1000);
      expect(readFileSync(out, 'utf8')).toBe(viaPipe.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes error lines to a file as to a pipe, and discards output into /dev/null', () => {
    const viaPipe = runCli(['analyze', '--format', 'json', 'test/fixtures/cli/does-not-exist.ips', 'samples/panic-pasted.txt']);
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-stderr-'));
    try {
      const err = join(dir, 'err.txt');
      const fd = openSync(err, 'w');
      const r = spawnSync(process.execPath, [main, 'analyze', '--format', 'json', 'test/fixtures/cli/does-not-exist.ips', 'samples/panic-pasted.txt'], { cwd: repoRoot, stdio: ['ignore', 'ignore', fd], env });
      closeSync(fd);
      expect(r.status).toBe(2);
      expect(viaPipe.status).toBe(2);
      expect(readFileSync(err, 'utf8')).toBe('paniclens: test/fixtures/cli/does-not-exist.ips: no such file or directory\n');
      expect(viaPipe.stderr).toBe(readFileSync(err, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops quietly when the reader goes away (paniclens … | head), without a stack trace', async () => {
    // More than a pipe holds (64 KB), so the writer meets the closed pipe.
    const child = spawn(process.execPath, [main, 'analyze', '--format', 'json', 'samples/'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  it.each([[['--help']], [['signatures', 'list']]])('%j into a reader that is already gone ends quietly, without a stack trace', async (args) => {
    // The read end is closed before the program starts, so its first write meets EPIPE.
    const child = spawn(process.execPath, [main, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
