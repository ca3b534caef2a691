import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import { TRIAGE_SCHEMA_ID } from '../../src/triage/aggregate.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { triageSchema, triageSchemaErrors } from '../helpers/report-schema.js';

describe('schema/triage.schema.json', () => {
  it('is the schema the triage JSON names, and it rejects documents that break the contract', async () => {
    expect(triageSchema.$id).toBe(TRIAGE_SCHEMA_ID);
    const doc = JSON.parse(JSON.stringify(await runTriage(['samples/'], { jobs: 1, pipeline: { symbolicator: 'none' }, incidentOptions: incidentOptionsFor(builtinSignatures().signatures) }))) as Record<string, unknown>;
    expect(triageSchemaErrors(doc)).toEqual([]);
    const buckets = doc.buckets as Record<string, unknown>[];
    expect(triageSchemaErrors({ ...doc, schemaVersion: 2 }).join('\n')).toContain('/schemaVersion');
    expect(triageSchemaErrors({ ...doc, buckets: [{ ...buckets[0], count: '3' }] }).join('\n')).toContain('/buckets/0/count');
    expect(triageSchemaErrors({ ...doc, buckets: [{ ...buckets[0], culprit: { kind: 'plugin', name: 'x' } }] }).join('\n')).toContain('/buckets/0/culprit');
    const { members: _members, ...noMembers } = doc;
    expect(triageSchemaErrors(noMembers).join('\n')).toContain('members');
  });
});
