import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { joinLintEvidence, nextStepFor, withLintEvidence } from '../../src/diagnose/lint-evidence.js';
import { lintDext, type DextLintResult } from '../../src/lint/index.js';
import { readDextInputs } from '../../src/lint/read-bundle.js';
import type { Diagnosis } from '../../src/model/diagnosis.js';

const founding = fileURLToPath(new URL('../../samples/founding-case/SCSIController.dext', import.meta.url));

async function foundingLint(): Promise<DextLintResult[]> {
  const r = await readDextInputs(founding);
  if (!r.ok) throw new Error(r.error.reason);
  return r.dexts.map(lintDext);
}

const onQueue = (bundleId?: string): Diagnosis => ({
  id: 'dk-uioserver-invoke-onqueue-assert',
  title: 'DriverKit runtime assertion in OSMetaClassBase::Invoke',
  category: 'driverkit',
  confidence: 0.9,
  evidence: [{ field: 'exception.message', text: 'Assertion failed: (notsync || !remote …', required: true }],
  causes: ['IOClass is not the family kernel class'],
  nextSteps: ['Collect the .ips with dk=0x7'],
  references: [],
  culprit: bundleId ? { kind: 'dext', name: 'SCSIController', bundleId } : undefined,
});

describe('joinLintEvidence', () => {
  it('adds the founding-case L07/L08 findings as evidence of the OnQueue assertion', async () => {
    const [d] = joinLintEvidence([onQueue('com.example.driver.SCSIController')], await foundingLint());
    const fields = d!.evidence.map((e) => e.field);
    expect(fields.slice(0, 3)).toEqual(['exception.message', 'lint.L07', 'lint.L08']);
    expect(d!.evidence.find((e) => e.field === 'lint.L07')?.text).toContain('IOUserSCSIParallelInterfaceController');
    expect(d!.evidence.find((e) => e.field === 'lint.L08')?.text).toContain('com.apple.iokit.IOSCSIParallelFamily');
  });

  it('puts the exact keys to change first in the next steps', async () => {
    const [d] = joinLintEvidence([onQueue('com.example.driver.SCSIController')], await foundingLint());
    expect(d!.nextSteps[0]).toBe('Set IOClass to IOUserSCSIParallelInterfaceController in the "SCSIController" personality of Info.plist (lint L07)');
    expect(d!.nextSteps[1]).toBe('Set CFBundleIdentifierKernel to com.apple.iokit.IOSCSIParallelFamily in the "SCSIController" personality of Info.plist (lint L08)');
    expect(d!.nextSteps.at(-1)).toBe('Collect the .ips with dk=0x7');
  });

  it('leaves diagnoses of another dext or of other categories alone', async () => {
    const lint = await foundingLint();
    const other = onQueue('com.vendor.other');
    expect(joinLintEvidence([other], lint)[0]).toBe(other);
    const panic: Diagnosis = { ...onQueue(), id: 'panic-zone-map-exhausted', category: 'kernel-panic' };
    expect(joinLintEvidence([panic], lint)[0]).toBe(panic);
  });

  it('joins when the crash names no bundle id (the user chose the dext with --dext)', async () => {
    const [d] = joinLintEvidence([onQueue()], await foundingLint());
    expect(d!.evidence.some((e) => e.field === 'lint.L07')).toBe(true);
  });

  it('applies to reports and incidents without mutating them', async () => {
    const lint = await foundingLint();
    const analysis = { reports: [{ diagnoses: [onQueue()] }], incidents: [{ reports: [0], diagnoses: [onQueue()] }] };
    const out = withLintEvidence(analysis, lint);
    expect(out.reports[0]!.diagnoses![0]!.evidence.length).toBeGreaterThan(1);
    expect(out.incidents![0]!.diagnoses[0]!.evidence.length).toBeGreaterThan(1);
    expect(analysis.reports[0]!.diagnoses[0]!.evidence).toHaveLength(1);
  });
});

describe('nextStepFor', () => {
  it('quotes instructions as written and names the file', () => {
    expect(nextStepFor({ rule: 'L19', severity: 'warning', personality: null, key: 'ARCHS', message: 'm', expected: 'add arm64e to ARCHS', consequence: 'c.', file: 'X.dext/X' }, 'X.dext/Info.plist'))
      .toBe('In X, ARCHS: add arm64e to ARCHS (lint L19)');
  });
});

describe('the founding case end to end: ingest, diagnose, lint join', () => {
  it('the OnQueue diagnosis of the sample crash carries the L07/L08 findings and starts its next steps with the keys', async () => {
    const { diagnoseFiles, repoRoot } = await import('../helpers/diagnose.js');
    const result = diagnoseFiles([`${repoRoot}samples/founding-case/dext-crash.ips`, `${repoRoot}samples/founding-case/kernel.log`]);
    const joined = withLintEvidence(result, await foundingLint());
    const top = joined.reports[0]?.diagnoses?.[0];
    expect(top?.id).toBe('dk-uioserver-invoke-onqueue-assert');
    expect(top?.evidence.filter((e) => e.field.startsWith('lint.')).map((e) => e.field).slice(0, 2)).toEqual(['lint.L07', 'lint.L08']);
    expect(top?.nextSteps[0]).toContain('Set IOClass to IOUserSCSIParallelInterfaceController');
    const incidentTop = joined.incidents?.find((i) => i.diagnoses.some((d) => d.id.startsWith('dk-')))?.diagnoses.find((d) => d.id.startsWith('dk-'));
    expect(incidentTop?.evidence.some((e) => e.field === 'lint.L07')).toBe(true);
  });
});
