import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const FOUNDING = 'samples/founding-case/SCSIController.dext';
const FIXED = 'test/fixtures/lint/founding-fixed';

describe('paniclens lint', () => {
  it('exits 1 on the founding case and prints the L07/L08 errors', () => {
    const r = runCli(['lint', FOUNDING]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/L07 error {2}IOClass is "IOService"; SCSIController derives from IOUserSCSIParallelInterfaceController/);
    expect(r.stdout).toMatch(/L08 error {2}CFBundleIdentifierKernel is missing; .* com\.apple\.iokit\.IOSCSIParallelFamily/);
    expect(r.stderr).toBe('');
  });

  it('exits 0 on the corrected bundle', () => {
    const r = runCli(['lint', FIXED]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 errors');
  });

  it('writes the JSON contract', () => {
    const r = runCli(['lint', FOUNDING, '--format', 'json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[] };
    const l07 = out.findings.find((f) => f['rule'] === 'L07');
    expect(l07).toMatchObject({ severity: 'error', personality: 'SCSIController', key: 'IOClass', expected: 'IOUserSCSIParallelInterfaceController' });
    for (const f of out.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'personality', 'key', 'message', 'expected']));
  });

  it('writes a Markdown table for bug filings', () => {
    const r = runCli(['lint', FOUNDING, '-f', 'md']);
    expect(r.stdout).toContain('| Rule | Severity | Personality | Key | Problem | Expected | Consequence |');
    expect(r.stdout).toMatch(/\| L08 \| error \| SCSIController \| `CFBundleIdentifierKernel` \|/);
  });

  it('exits 2 with one line on stderr for an unusable path', () => {
    const r = runCli(['lint', 'no/such/dext']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('paniclens: no/such/dext: no such file or directory\n');
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a plist that is not a dext', () => {
    const r = runCli(['lint', 'package.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^paniclens: package\.json: not a property list/);
  });

  it('exits 2 on an unknown format', () => {
    expect(runCli(['lint', FOUNDING, '--format', 'xml']).status).toBe(2);
  });
});

describe('the founding-case folder', () => {
  it('stays analyzable with the dext bundle inside it (analyze skips .dext bundles)', () => {
    const r = runCli(['analyze', 'samples/founding-case/']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('paniclens analyze --dext', () => {
  it('exits 2 with one line when the dext path is unusable, still printing the analysis', () => {
    const r = runCli(['analyze', 'samples/founding-case/dext-crash.ips', '--dext', 'no/such.dext']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('paniclens: no/such.dext: no such file or directory\n');
    expect(r.stdout).toContain('SIGABRT');
  });
});

describe('paniclens analyze --dext on the founding crash', () => {
  it('shows the L07/L08 findings in the OnQueue diagnosis evidence and the keys first in its next steps', () => {
    const r = runCli(['analyze', 'samples/founding-case/dext-crash.ips', '--dext', FOUNDING, '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { reports: { diagnoses: { id: string; evidence: { field: string; text: string }[]; nextSteps: string[] }[] }[] };
    const top = doc.reports[0]!.diagnoses[0]!;
    expect(top.id).toBe('dk-uioserver-invoke-onqueue-assert');
    const lint = top.evidence.filter((e) => e.field.startsWith('lint.'));
    expect(lint.map((e) => e.field).slice(0, 2)).toEqual(['lint.L07', 'lint.L08']);
    expect(lint[0]!.text).toContain('IOUserSCSIParallelInterfaceController');
    expect(lint[1]!.text).toContain('com.apple.iokit.IOSCSIParallelFamily');
    expect(top.nextSteps[0]).toBe('Set IOClass to IOUserSCSIParallelInterfaceController in the "SCSIController" personality of Info.plist (lint L07)');
  });

  it('the text report lists the lint evidence right after the assertion', () => {
    const r = runCli(['analyze', 'samples/founding-case/dext-crash.ips', '--dext', FOUNDING]);
    expect(r.stdout).toMatch(/\n {4}- .*queue->OnQueue\(\).*\n {4}- SCSIController: IOClass is "IOService"/);
  });
});

describe('an Xcode project linted as the project folder, the built bundle or the built Info.plist', () => {
  const project = 'test/fixtures/lint/xcode-project/SCSIDriver';
  const forms: [string, string][] = [
    ['the project folder', project],
    ['the built bundle', `${project}/build/Release/com.example.driver.SCSIController.dext`],
    ['the built Info.plist', `${project}/build/Release/SCSIHost.app/Contents/Library/SystemExtensions/com.example.driver.SCSIController.dext/Info.plist`],
  ];
  for (const [form, path] of forms) {
    it(`${form}: lint names the SCSI family's IOClass and kernel bundle, and says which sources it used`, () => {
      const r = runCli(['lint', path]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/L07 error {2}IOClass is "IOService"; SCSIController derives from IOUserSCSIParallelInterfaceController, which needs IOClass "IOUserSCSIParallelInterfaceController"\./);
      expect(r.stdout).toMatch(/L08 error {2}CFBundleIdentifierKernel is missing; .* will not load com\.apple\.iokit\.IOSCSIParallelFamily\./);
      expect(r.stdout).toContain(`L05 info   Checked against the sources of the project ${project}, the target of SCSIController/Info.plist (matched by IOUserClass): .iig SCSIController/SCSIController.iig.`);
      expect(r.stdout).toMatch(/ in 1 dext\n$/);
    });

    it(`${form}: the JSON names the sources used for the dext`, () => {
      const r = runCli(['lint', path, '--format', 'json']);
      const out = JSON.parse(r.stdout) as { dexts: { bundleId: string; sources?: Record<string, unknown> }[] };
      expect(out.dexts).toHaveLength(1);
      expect(out.dexts[0]).toMatchObject({
        bundleId: 'com.example.driver.SCSIController',
        sources: { root: project, pairedBy: 'IOUserClass', infoPlist: `${project}/SCSIController/Info.plist`, iig: [`${project}/SCSIController/SCSIController.iig`] },
      });
    });

    it(`${form}: analyze --dext joins the same findings to the founding crash`, () => {
      const r = runCli(['analyze', 'samples/founding-case/dext-crash.ips', '--dext', path, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout) as { reports: { diagnoses: { id: string; evidence: { field: string; text: string }[]; nextSteps: string[] }[] }[] };
      const top = doc.reports[0]!.diagnoses[0]!;
      expect(top.id).toBe('dk-uioserver-invoke-onqueue-assert');
      expect(top.nextSteps.slice(0, 2)).toEqual([
        'Set IOClass to IOUserSCSIParallelInterfaceController in the "SCSIController" personality of Info.plist (lint L07)',
        'Set CFBundleIdentifierKernel to com.apple.iokit.IOSCSIParallelFamily in the "SCSIController" personality of Info.plist (lint L08)',
      ]);
    });
  }
});

describe('paniclens lint on a project folder with an unreadable file', () => {
  it('names the skipped file on stderr and lints the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-cli-lint-'));
    try {
      cpSync('test/fixtures/lint/xcode-project/SCSIDriver', dir, { recursive: true });
      mkdirSync(join(dir, 'build', 'Debug', 'com.example.driver.SCSIController.dext'), { recursive: true });
      const r = runCli(['lint', dir]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`paniclens: ${join(dir, 'build', 'Debug', 'com.example.driver.SCSIController.dext')}: skipped: no Info.plist in the bundle\n`);
      expect(r.stdout).toContain('IOUserSCSIParallelInterfaceController');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
