import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_ID, renderJson } from '../../src/report/json.js';
import { emptyReport } from '../../src/model/report.js';
import { reportSchema, reportSchemaErrors } from '../helpers/report-schema.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('schema/report.schema.json', () => {
  it('is shipped in the package and referenced from every analyze JSON document', () => {
    const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
    expect(reportSchema.$id).toBe(REPORT_SCHEMA_ID);
    const doc = JSON.parse(renderJson({ reports: [] })) as Record<string, unknown>;
    expect(Object.keys(doc)[0]).toBe('$schema');
    expect(doc.$schema).toBe(REPORT_SCHEMA_ID);
    expect(reportSchemaErrors(doc)).toEqual([]);
  });

  it('rejects what the contract forbids: numeric addresses, lower-case UUIDs, an unknown kind, a missing field', () => {
    const r = emptyReport({ path: 'a.ips', format: 'ips' }, 'crash');
    r.threads = [{ index: 0, crashed: true, frames: [{ index: 0, address: 0x1000n }] }];
    r.images = [{ name: 'A', uuid: '0B3B580D-98BD-38CF-B435-B91EA38FF0F0' }];
    const good = JSON.parse(renderJson({ reports: [r] })) as { reports: Record<string, unknown>[] };
    expect(reportSchemaErrors(good)).toEqual([]);
    const bad = structuredClone(good) as { reports: { threads: { frames: { address: unknown }[] }[]; images: { uuid: string }[]; kind: string; warnings?: unknown }[] };
    const rep = bad.reports[0];
    if (!rep) throw new Error('no report');
    (rep.threads[0]?.frames[0] as { address: unknown }).address = 4096;
    (rep.images[0] as { uuid: string }).uuid = '0b3b580d-98bd-38cf-b435-b91ea38ff0f0';
    rep.kind = 'meltdown';
    delete rep.warnings;
    const errors = reportSchemaErrors(bad).join('\n');
    expect(errors).toContain('/reports/0/threads/0/frames/0/address');
    expect(errors).toContain('/reports/0/images/0/uuid');
    expect(errors).toContain('/reports/0/kind');
    expect(errors).toContain("must have required property 'warnings'");
  });

  it('accepts fields a later version adds (schemaVersion 1 only ever grows)', () => {
    const doc = JSON.parse(renderJson({ reports: [emptyReport({ path: 'a.ips', format: 'ips' }, 'crash')] })) as { reports: Record<string, unknown>[] };
    (doc.reports[0] as Record<string, unknown>).somethingNew = { any: 'shape' };
    expect(reportSchemaErrors(doc)).toEqual([]);
  });
});
