import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';

const user = 'test/fixtures/signatures-user';
const builtinCount = builtinSignatures().signatures.length;

describe('paniclens signatures', () => {
  it('lists every built-in signature', () => {
    const r = runCli(['signatures', 'list']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('dk-uioserver-invoke-onqueue-assert');
    expect(r.stdout).toMatch(new RegExp(`^${builtinCount} signature\\(s\\)$`, 'm'));
  });

  it('filters by category and adds user signatures', () => {
    const r = runCli(['signatures', 'list', '--category', 'vendor', '--signatures', `${user}/ok`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('acme-capture-firmware-hang');
    expect(r.stdout).toMatch(/^1 signature\(s\)$/m);
  });

  it('shows one signature with its rules, causes and next steps', () => {
    const r = runCli(['signatures', 'show', 'dk-dext-crash-loop']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^dk-dext-crash-loop \(A07\): /);
    expect(r.stdout).toContain('from:       signatures/driverkit.json');
    expect(r.stdout).toContain('has crashed [1-9]');
    expect(r.stdout).toContain('next steps:');
  });

  it('refuses an unknown id in one line, exit 2', () => {
    const r = runCli(['signatures', 'show', 'no-such-thing']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('paniclens: no-such-thing: no such signature (run paniclens signatures list)\n');
  });

  it('validates a good folder', () => {
    const r = runCli(['signatures', 'validate', `${user}/ok`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 valid signature(s) in 1 file(s)');
  });

  it('validates the built-in folder', () => {
    const r = runCli(['signatures', 'validate', 'signatures']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${builtinCount} valid signature(s) in 4 file(s)`);
  });

  it('names the file, the JSON pointer and the broken rule of a bad signature, exit 1', () => {
    const r = runCli(['signatures', 'validate', `${user}/invalid`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`paniclens: ${user}/invalid/team.json: /signatures/0/confidence: maximum: must be <= 1`);
    expect(r.stderr).toContain(`paniclens: ${user}/invalid/team.json: /signatures/0/match/any/0/field: must be one of`);
  });

  it('reports unreadable JSON and a missing folder', () => {
    expect(runCli(['signatures', 'validate', `${user}/broken`]).stderr).toMatch(/not-json\.json: \/: not valid JSON/);
    const missing = runCli(['signatures', 'validate', `${user}/nope`]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`paniclens: ${user}/nope: /: no such file or folder\n`);
  });
});

describe('paniclens analyze --signatures', () => {
  it('matches a user signature alongside the built-in ones', () => {
    const plain = runCli(['analyze', '--format', 'json', `${user}/acme-capture.log`]);
    expect(JSON.parse(plain.stdout).reports[0].diagnoses[0].id).not.toBe('acme-capture-firmware-hang');
    const r = runCli(['analyze', '--format', 'json', '--signatures', `${user}/ok`, `${user}/acme-capture.log`]);
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout).reports[0].diagnoses[0];
    expect(d).toMatchObject({ id: 'acme-capture-firmware-hang', category: 'vendor', confidence: 0.97 });
    expect(d.evidence[0]).toMatchObject({ field: 'events[2].message', line: 3 });
  });

  it('reports a broken user signature file and exits 2, still analysing', () => {
    const r = runCli(['analyze', '--signatures', `${user}/invalid`, `${user}/acme-capture.log`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/signatures/0/confidence: maximum: must be <= 1');
    expect(r.stdout).toContain('Likely cause:');
  });

  it('puts diagnoses and incidents in the JSON output', () => {
    const r = runCli(['analyze', '--format', 'json', 'samples/founding-case/']);
    const doc = JSON.parse(r.stdout);
    expect(doc.reports.every((x: { diagnoses: unknown[] }) => x.diagnoses.length > 0)).toBe(true);
    expect(doc.incidents[0].loop).toMatchObject({ count: 5, spanSeconds: 320 });
    expect(doc.incidents[0].diagnoses[0].id).toBe('dk-uioserver-invoke-onqueue-assert');
  });
});
