import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { lintDext } from '../../src/lint/index.js';
import { readDextInputs } from '../../src/lint/read-bundle.js';
import { analyzeReports, prepareReports } from '../../src/pipeline/analyze-reports.js';

const founding = (): ReturnType<typeof ingestText>['reports'] => [
  ...ingestText(readFileSync('samples/founding-case/dext-crash.ips', 'utf8'), 'dext-crash.ips').reports,
  ...ingestText(readFileSync('samples/founding-case/kernel.log', 'utf8'), 'kernel.log').reports,
];

describe('analyzeReports: the stages after parsing', () => {
  it('diagnoses, correlates and joins lint findings for the founding case', async () => {
    const read = await readDextInputs('samples/founding-case/SCSIController.dext');
    if (!read.ok) throw new Error(read.error.reason);
    const { reports, incidents, signatureErrors } = await analyzeReports(founding(), { symbolicator: 'none', lint: read.dexts.map(lintDext) });
    expect(signatureErrors).toEqual([]);
    const top = reports[0]?.diagnoses?.[0];
    expect(top?.id).toBe('dk-uioserver-invoke-onqueue-assert');
    expect(top?.evidence.map((e) => e.field)).toEqual(expect.arrayContaining(['lint.L07', 'lint.L08']));
    expect(incidents.find((i) => i.reports.length === 2)?.loop?.count).toBe(5);
  });

  it('reports a broken user signature file and still uses the built-in ones', async () => {
    const { reports, signatureErrors } = await analyzeReports(founding(), { symbolicator: 'none', signatures: ['test/fixtures/cli/not-a-log.txt'] });
    expect(signatureErrors.length).toBeGreaterThan(0);
    expect(signatureErrors[0]?.path).toBe('test/fixtures/cli/not-a-log.txt');
    expect(reports[0]?.diagnoses?.[0]?.id).toBe('dk-uioserver-invoke-onqueue-assert');
  });

  it('prepareReports reads user signatures once per list for a batch, and again when the list changes', async () => {
    const signatures = ['test/fixtures/signatures-user/ok'];
    const opts = { symbolicator: 'none' as const, signatures };
    const a = await prepareReports(founding(), opts);
    const b = await prepareReports(founding(), opts);
    expect(a.signatures.some((s) => s.signature.id === 'acme-capture-firmware-hang')).toBe(true);
    expect(b.signatures).toBe(a.signatures);
    // Another list with the same folders is read on its own, to the same result.
    const c = await prepareReports(founding(), { symbolicator: 'none', signatures: [...signatures] });
    expect(c.signatures).not.toBe(a.signatures);
    expect(c.signatures.map((s) => s.signature.id)).toEqual(a.signatures.map((s) => s.signature.id));
    // The list changed in place: its folders are read again, errors included.
    signatures.push('test/fixtures/signatures-user/broken');
    const d = await prepareReports(founding(), opts);
    expect(d.signatureErrors.length).toBeGreaterThan(0);
    expect(d.signatures.some((s) => s.signature.id === 'acme-capture-firmware-hang')).toBe(true);
  });
});
