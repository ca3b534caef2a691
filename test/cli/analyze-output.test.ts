import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { expectValidReportJson } from '../helpers/report-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'paniclens-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CRASH = 'samples/crash-macos-arm64.ips';

describe('analyze -o FILE', () => {
  it('takes the format from the extension and writes nothing to standard output', () => {
    for (const [ext, check] of [
      ['json', (s: string) => expectValidReportJson(s)],
      ['md', (s: string) => expect(s.startsWith('# paniclens report\n')).toBe(true)],
      ['html', (s: string) => expect(s.startsWith('<!DOCTYPE html>')).toBe(true)],
      ['txt', (s: string) => expect(s.startsWith('Lumen crashed (EXC_BAD_ACCESS / SIGSEGV)\n')).toBe(true)],
    ] as const) {
      const out = join(dir, `report.${ext}`);
      const r = runCli(['analyze', CRASH, '-o', out]);
      expect(r.status, ext).toBe(0);
      expect(r.stdout).toBe('');
      check(readFileSync(out, 'utf8'));
    }
  });

  it('--format wins over the extension', () => {
    const out = join(dir, 'forced.txt');
    expect(runCli(['analyze', CRASH, '--format', 'json', '-o', out]).status).toBe(0);
    expectValidReportJson(readFileSync(out, 'utf8'));
  });

  it('replaces an existing output atomically and leaves no temporary file', () => {
    const out = join(dir, 'again.md');
    writeFileSync(out, 'old');
    expect(runCli(['analyze', CRASH, '-o', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# paniclens report');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite an input, also one found in a folder, with one line and exit 2', () => {
    const inputs = join(dir, 'inputs');
    mkdirSync(inputs);
    const input = join(inputs, 'in.ips');
    copyFileSync(CRASH, input);
    const before = readFileSync(input, 'utf8');
    for (const args of [[input, '-o', input], [inputs, '-o', input]]) {
      const r = runCli(['analyze', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`paniclens: ${input}: refusing to overwrite an input; choose another -o file\n`);
      expect(readFileSync(input, 'utf8')).toBe(before);
    }
  });

  it('says in one line when the file cannot be written', () => {
    const out = join(dir, 'no-such-dir', 'r.json');
    const r = runCli(['analyze', CRASH, '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^paniclens: ${out}: cannot write: no such file or directory\\n$`));
    expect(existsSync(out)).toBe(false);
  });
});
