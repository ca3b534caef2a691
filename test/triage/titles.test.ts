import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { renderTriageMarkdown } from '../../src/triage/render/markdown.js';
import { renderTriageTable } from '../../src/triage/render/table.js';

/** A signature's bucket is titled by the signature, which is also its likely cause: each report says it once. */
describe('bucket titles', () => {
  it('are shown beside the likely cause only when they say more (fingerprint buckets), in the table and in Markdown', async () => {
    const doc = await runTriage(['samples/'], { jobs: 1, pipeline: { symbolicator: 'none' }, incidentOptions: incidentOptionsFor(builtinSignatures().signatures) });
    const same = doc.buckets.filter((b) => b.title === b.likelyCause);
    const more = doc.buckets.filter((b) => b.title !== b.likelyCause);
    expect(same.length).toBeGreaterThan(0);
    expect(more.length).toBeGreaterThan(0);
    const md = renderTriageMarkdown(doc).split('\n');
    const rowOf = (id: string): string => md.find((l) => l.includes(`\`${id}\``)) ?? '';
    // Once per row: as the likely cause (two buckets can share a cause).
    const causes = (title: string): number => doc.buckets.filter((x) => x.likelyCause === title).length;
    for (const b of same) {
      expect(rowOf(b.id)).toContain(`| \`${b.id}\` |`);
      expect(rowOf(b.id).split(b.title).length - 1).toBe(1);
    }
    for (const b of more) expect(rowOf(b.id)).not.toContain(`| \`${b.id}\` |`);
    // Without the incidents, whose lines name their diagnosis.
    const table = renderTriageTable({ ...doc, incidents: [] }, { width: 400 });
    for (const b of same) expect(table.split(b.title).length - 1).toBe(causes(b.title));
  });
});
