// triage --baseline: which buckets are new since an earlier run, and how many of its buckets were not seen again.
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import { baselineOf, type Baseline } from '../../src/triage/baseline.js';
import { mergeTriageDocuments } from '../../src/triage/merge.js';
import { renderTriageHtml, renderTriageMarkdown, renderTriageTable } from '../../src/triage/index.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { expectValidTriageJson } from '../helpers/report-schema.js';

const incidentOptions = incidentOptionsFor(builtinSignatures().signatures);
const pipeline = { symbolicator: 'none' as const };
const shardA = ['samples/founding-case/dext-crash.ips', 'samples/crash-ios-arm64.crash', 'samples/panic-intel.panic', 'samples/jetsam-ios.ips'];
const shardB = ['samples/founding-case/kernel.log', 'samples/crash-macos-arm64.ips', 'samples/crash-macos-x86_64.crash', 'samples/panic-applesilicon.ips', 'samples/panic-pasted.txt'];
const run = async (paths: string[], extra: { baseline?: Baseline; top?: number } = {}) => expectValidTriageJson(await runTriage(paths, { jobs: 1, pipeline, incidentOptions, ...extra }));
const baseline = (value: unknown): Baseline => {
  const b = baselineOf(JSON.parse(JSON.stringify(value)));
  if ('problem' in b) throw new Error(b.problem);
  return b;
};

describe('triage against a baseline', () => {
  it("marks the buckets the earlier run did not have, gives the others its counts, and counts its buckets not seen again", async () => {
    const before = await run(shardA);
    const now = await run(['samples/'], { baseline: baseline(before) });
    const earlier = new Map(before.buckets.map((b) => [b.id, b.count]));
    for (const b of now.buckets) {
      expect(b.new).toBe(!earlier.has(b.id));
      expect(b.baselineCount).toBe(earlier.get(b.id) ?? null);
    }
    const fresh = now.buckets.filter((b) => b.new).length;
    expect(fresh).toBeGreaterThan(0);
    expect(now.summary.baseline).toEqual({ buckets: before.buckets.length, new: fresh, gone: 0, goneBuckets: [] });
    // The other way round: the buckets only shard B had are the ones not seen again.
    const whole = await run(['samples/']);
    const back = await run(shardA, { baseline: baseline(whole) });
    const onlyB = whole.buckets.filter((b) => !earlier.has(b.id));
    expect(back.summary.baseline).toEqual({
      buckets: whole.buckets.length,
      new: 0,
      gone: onlyB.length,
      // Largest first, then by id.
      goneBuckets: onlyB.map((b) => ({ id: b.id, title: b.title, count: b.count })).sort((x, y) => y.count - x.count || (x.id < y.id ? -1 : 1)),
    });
    expect(renderTriageMarkdown(back)).toContain(`## Not seen since the baseline\n\n- \`${onlyB[0]?.id}\``);
    expect(renderTriageTable(back, { width: 200 })).toContain(`Not seen since the baseline (${onlyB.length}):\n  ${back.summary.baseline?.goneBuckets[0]?.id} (`);
    expect(renderTriageHtml(back)).toContain('<h2>Not seen since the baseline</h2>');
    // Without a baseline, nothing is marked.
    expect(whole.summary.baseline).toBeNull();
    expect(whole.buckets.some((b) => 'new' in b || 'baselineCount' in b)).toBe(false);
  });

  it('counts every new bucket even when --top shows fewer, and a merge of shards compares as one run does', async () => {
    const base = baseline(await run(shardA));
    const all = await run(['samples/'], { baseline: base });
    const top = await run(['samples/'], { baseline: base, top: 1 });
    expect(top.buckets).toHaveLength(1);
    expect(top.summary.baseline).toEqual(all.summary.baseline);
    const merged = mergeTriageDocuments(
      [
        { path: 'a.json', value: JSON.parse(JSON.stringify(await run(shardA))) },
        { path: 'b.json', value: JSON.parse(JSON.stringify(await run(shardB))) },
      ],
      { incidentOptions, baseline: base },
    );
    expect(merged.errors).toEqual([]);
    expect(expectValidTriageJson(merged.doc)).toEqual(JSON.parse(JSON.stringify(all)));
  });

  it('says so in the table, Markdown and HTML', async () => {
    const doc = await run(['samples/'], { baseline: baseline(await run(shardA)) });
    const fresh = doc.buckets.filter((b) => b.new);
    const line = `${fresh.length} new since the baseline (which had ${doc.summary.baseline?.buckets} buckets, 0 not seen again)`;
    const table = renderTriageTable(doc, { width: 200 });
    // On a line of its own, whole at the default width (behind the summary, it was cut there).
    expect(renderTriageTable(doc).split('\n')[1]).toBe(`${line}.`);
    expect(table.match(/NEW /g)).toHaveLength(fresh.length);
    const md = renderTriageMarkdown(doc);
    expect(md).toContain(line);
    expect(md.match(/\| \*\*new\*\* /g)).toHaveLength(fresh.length);
    const html = renderTriageHtml(doc);
    expect(html).toContain(line);
    expect(html.match(/<span class="new">new<\/span>/g)).toHaveLength(fresh.length);
    expect(html).toContain('new: not in the baseline');
  });

  it('refuses what cannot be compared with: another fingerprint rule, a document cut by --top, an analyze document', async () => {
    const a = JSON.parse(JSON.stringify(await run(shardA)));
    expect(baselineOf({ ...a, fingerprintVersion: 1 })).toEqual({ problem: expect.stringContaining('fingerprintVersion 1') });
    expect(baselineOf(JSON.parse(JSON.stringify(await run(shardA, { top: 1 }))))).toEqual({ problem: expect.stringContaining('made with --top') });
    expect(baselineOf({ schemaVersion: 1, reports: [] })).toEqual({ problem: expect.stringContaining('an analyze document') });
  });
});
