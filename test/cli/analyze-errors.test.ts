import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('paniclens analyze: bad input', () => {
  it('names an unreadable path in one line and exits 2', () => {
    const r = runCli(['analyze', 'test/fixtures/cli/does-not-exist.ips']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('paniclens: test/fixtures/cli/does-not-exist.ips: no such file or directory\n');
  });

  it('reports empty and unrecognised inputs but still prints the good one', () => {
    const r = runCli(['analyze', '--format', 'json', 'test/fixtures/cli/empty.txt', 'test/fixtures/cli/tiny-panic.txt', 'test/fixtures/cli/not-a-log.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'paniclens: test/fixtures/cli/empty.txt: empty input',
      'paniclens: test/fixtures/cli/not-a-log.txt: unrecognised content: not a crash report, panic log, .ips file or kernel log',
    ]);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; reports: { source: { path: string; format: string } }[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.reports.map((x) => x.source)).toMatchObject([{ path: 'test/fixtures/cli/tiny-panic.txt', format: 'panic-text' }]);
  });

  it('reads standard input when no path is given', () => {
    const r = runCli(['analyze', '--format', 'json'], 'panic(cpu 1 caller 0xffffff8000a1b2c3): "x"@y.c:1\n');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { reports: { source: { path: string } }[] }).reports[0]?.source.path).toBe('-');
  });

  it('refuses binary files with a reason', () => {
    const r = runCli(['analyze', 'test/fixtures/cli/binary.bin']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('paniclens: test/fixtures/cli/binary.bin: binary file, not a text log (expected .ips, .crash, .panic or log text)\n');
  });

  it('rejects an unknown format with a usage error, exit 2', () => {
    const r = runCli(['analyze', '--format', 'xml', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid");
  });

  it('prints the version', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
