import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSignatures, diagnose, ingestText, renderJson } from '../../src/node.js';
import { expectValidReportJson } from '../helpers/report-schema.js';

describe('library: the README example', () => {
  it('diagnoses the founding case from strings: one incident, the OnQueue assertion first', () => {
    const ips = ingestText(readFileSync('samples/founding-case/dext-crash.ips', 'utf8'), 'dext-crash.ips');
    const log = ingestText(readFileSync('samples/founding-case/kernel.log', 'utf8'), 'kernel.log');
    const reports = [...ips.reports, ...log.reports];
    const { incidents } = diagnose(reports, builtinSignatures().signatures);
    const doc = expectValidReportJson(renderJson({ reports, incidents, errors: [] })) as {
      reports: { diagnoses: { id: string }[] }[];
      incidents: { reports: number[]; diagnoses: { id: string }[]; loop?: { count: number } }[];
    };
    expect(doc.reports.map((r) => r.diagnoses[0]?.id)).toEqual(['dk-uioserver-invoke-onqueue-assert', 'dk-uioserver-invoke-onqueue-assert']);
    const incident = doc.incidents.find((i) => i.reports.length === 2);
    expect(incident?.diagnoses[0]?.id).toBe('dk-uioserver-invoke-onqueue-assert');
    expect(incident?.loop?.count).toBe(5);
  });
});
