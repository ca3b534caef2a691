import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';

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

  it('reads a folder as triage does: report names only, a .txt that holds no report passed over; a folder without reports is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-analyze-folder-'));
    try {
      // What a DiagnosticReports folder holds besides reports.
      const reports = join(dir, 'DiagnosticReports');
      mkdirSync(reports);
      copyFileSync(join(repoRoot, 'samples/crash-macos-arm64.ips'), join(reports, 'Lumen-2024-05-02-071427.ips'));
      writeFileSync(join(reports, 'com.apple.settings.plist'), '<plist/>');
      writeFileSync(join(reports, 'Analytics-2024-05-02.core_analytics'), Buffer.from([0, 1, 2, 3, 0xff]));
      writeFileSync(join(reports, 'notes.txt'), 'checked the crash on Tuesday\n');
      // Copied off an iPhone, a report's name ends in .synced (Core Analytics' .ips.ca.synced is no report).
      copyFileSync(join(repoRoot, 'samples/jetsam-ios.ips'), join(reports, 'JetsamEvent-2024-05-02-071500.ips.synced'));
      writeFileSync(join(reports, 'Analytics-2024-05-02-000000.ips.ca.synced'), '{"bug_type":"211"}\n{"x":1}\n');
      const r = runCli(['analyze', '--format', 'json', reports]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { reports: { source: { path: string } }[] }).reports.map((x) => x.source.path)).toEqual([
        join(reports, 'JetsamEvent-2024-05-02-071500.ips.synced'),
        join(reports, 'Lumen-2024-05-02-071427.ips'),
      ]);
      // Named on the command line, a file is read whatever its name, and an error when it holds no report.
      expect(runCli(['analyze', join(reports, 'notes.txt')]).status).toBe(2);

      const none = join(dir, 'none');
      mkdirSync(none);
      writeFileSync(join(none, 'a.plist'), '<plist/>');
      const n = runCli(['analyze', none]);
      expect(n.status).toBe(2);
      expect(n.stderr).toMatch(new RegExp(`^paniclens: ${none}: no reports in this folder \\(1 file\\(s\\), none named as one: `));
      writeFileSync(join(none, 'b.txt'), 'nothing here\n');
      const t = runCli(['analyze', none]);
      expect(t.status).toBe(2);
      expect(t.stderr).toBe('paniclens: no report found: the 1 file(s) read in folders hold none\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names an archive for what it is and points to triage, which reads archives, without reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-analyze-archive-'));
    try {
      const zip = join(dir, 'sysdiagnose.tar.gz');
      writeFileSync(zip, Buffer.from([0x1f, 0x8b, 8, 0]));
      const r = runCli(['analyze', zip, 'test/fixtures/cli/tiny-panic.txt']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`paniclens: ${zip}: an archive: \`paniclens triage\` reads .zip and .tar.gz archives in place\n`);
      expect(r.stdout).toContain('tiny-panic.txt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
