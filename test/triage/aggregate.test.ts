import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import { TriageAccumulator } from '../../src/triage/aggregate.js';
import { mergeTriageDocuments } from '../../src/triage/merge.js';
import { renderTriageHtml, renderTriageMarkdown, renderTriageTable } from '../../src/triage/index.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { processInput } from '../../src/triage/node/process-input.js';
import { loadSkipList } from '../../src/triage/node/skip-frames.js';
import type { ReportSummary } from '../../src/triage/summary.js';
import { expectValidTriageJson } from '../helpers/report-schema.js';

const incidentOptions = incidentOptionsFor(builtinSignatures().signatures);
const pipeline = { symbolicator: 'none' as const };
const all = ['samples/'];
const shardA = ['samples/founding-case/dext-crash.ips', 'samples/crash-ios-arm64.crash', 'samples/panic-intel.panic', 'samples/jetsam-ios.ips'];
const shardB = ['samples/founding-case/kernel.log', 'samples/crash-macos-arm64.ips', 'samples/crash-macos-x86_64.crash', 'samples/panic-applesilicon.ips', 'samples/panic-pasted.txt'];

// Every document a run gives must validate against schema/triage.schema.json.
const run = async (paths: string[], extra = {}) => {
  const doc = await runTriage(paths, { jobs: 1, pipeline, incidentOptions, ...extra });
  expectValidTriageJson(doc, `triage of ${paths.join(' ')}`);
  return doc;
};
/** Shards travel as JSON files: compare what a reader of the JSON sees, which must validate against the schema. */
const viaJson = <T>(v: T): T => expectValidTriageJson(v);

describe('triage aggregation', () => {
  it('merge(shards) equals one run over all their files: buckets, counts, first/last seen, incidents', async () => {
    const whole = viaJson(await run(all));
    const a = viaJson(await run(shardA));
    const b = viaJson(await run(shardB));
    const merged = mergeTriageDocuments([{ path: 'a.json', value: a }, { path: 'b.json', value: b }], { incidentOptions });
    expect(merged.errors).toEqual([]);
    expect(viaJson(merged.doc)).toEqual(whole);
    expect(whole.$schema).toBe('https://paniclens.dev/schemas/triage.schema.json');
    // The founding case's dext crash and its kernel log sit in different shards and still make one incident.
    expect(whole.incidents.some((i) => i.loop && i.reports.some((r) => r.endsWith('kernel.log')) && i.reports.some((r) => r.endsWith('dext-crash.ips')))).toBe(true);
    expect(whole.summary).toMatchObject({ files: 9, reports: 9, failed: 0 });
  });

  it('counts copies of one crash once in a bucket\'s crashes, whatever the order and however the copies are sharded', () => {
    // An .ips, its symbolicated .crash (same incident identifier), a converted .crash that lost the
    // identifier (same time to the millisecond), and two other crashes, one at a whole second.
    const summary = (ref: string, incident: string | undefined, timeMs: number): ReportSummary => ({
      ref,
      path: ref,
      kind: 'crash',
      bucket: { id: 'fp-1', fingerprint: 'v1|crash', title: 't' },
      timeMs,
      member: { kind: 'crash', keys: ['app'], name: 'App', timeMs, ...(incident ? { incident } : {}), diagnoses: [] },
    });
    const list = [
      summary('/r/a.ips', 'A1', 1_000_245),
      summary('/r/a.crash', 'A1', 1_000_245),
      summary('/r/a-converted.crash', undefined, 1_000_245),
      summary('/r/b.ips', 'B2', 2_000_000),
      summary('/r/c.crash', undefined, 2_000_000),
    ];
    const docOf = (ss: ReportSummary[]) => {
      const acc = new TriageAccumulator({});
      for (const x of ss) acc.addReport(x);
      return acc.result();
    };
    const whole = docOf(list);
    expect(whole.buckets[0]).toMatchObject({ count: 5, crashes: 3 });
    // The app's five reports are one incident of three crashes, and its renderings say so.
    expect(whole.incidents.map((i) => [i.count, i.crashes])).toEqual([[5, 3]]);
    expect(renderTriageMarkdown(whole)).toContain('- **App**: 5 reports (3 crashes: copies counted once)');
    expect(renderTriageTable(whole, { width: 120 })).toContain('  App: 5 reports (3 crashes: copies counted once)');
    expect(renderTriageHtml(whole)).toContain('5 reports (3 crashes: copies of one crash counted once)');
    expect(docOf([...list].reverse())).toEqual(whole);
    const merged = mergeTriageDocuments([
      { path: 'a.json', value: viaJson(docOf([list[0], list[3]] as ReportSummary[])) },
      { path: 'b.json', value: viaJson(docOf([list[1], list[2], list[4]] as ReportSummary[])) },
    ]);
    expect(merged.doc.buckets[0]).toMatchObject({ count: 5, crashes: 3 });
    expect(merged.doc.incidents.map((i) => [i.count, i.crashes])).toEqual([[5, 3]]);
  });

  it('counts copies of a panic once: a panic names no process, but its incident identifier or exact time tells its copies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-panic-copies-'));
    try {
      // The same panic kept in DiagnosticReports and in a sysdiagnose (an .ips panic with an incident
      // identifier), and an Intel panic whose copies share only their time to the hundredth of a second.
      const intel = readFileSync('samples/panic-intel.panic', 'utf8');
      for (const d of ['DiagnosticReports', 'sysdiagnose']) {
        mkdirSync(join(dir, d));
        copyFileSync('samples/panic-applesilicon.ips', join(dir, d, 'Kernel.ips'));
        // As macOS 10.15 writes an Intel panic: an .ips header, then the panic text in a JSON body.
        const header = { timestamp: '2019-10-17 09:41:27.84 -0700', bug_type: '210', os_version: 'Mac OS X 10.14.6 (18G95)' };
        writeFileSync(join(dir, d, 'Intel.panic'), `${JSON.stringify(header)}\n${JSON.stringify({ macOSPanicString: intel })}`);
      }
      const whole = await run([dir]);
      expect(whole.buckets.map((b) => [b.count, b.crashes])).toEqual([[2, 1], [2, 1]]);
      // Members for copies only: no incident is made of them.
      expect(whole.incidents).toEqual([]);
      const merged = mergeTriageDocuments([
        { path: 'a.json', value: viaJson(await run([join(dir, 'DiagnosticReports')])) },
        { path: 'b.json', value: viaJson(await run([join(dir, 'sysdiagnose')])) },
      ], { incidentOptions });
      expect(merged.doc.buckets.map((b) => [b.count, b.crashes])).toEqual([[2, 1], [2, 1]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same document whatever order reports arrive in', async () => {
    const skip = await loadSkipList();
    const summaries: ReportSummary[] = [];
    for (const p of [...shardA, ...shardB]) summaries.push(...(await processInput({ path: p, file: true, walked: false }, pipeline, skip)).summaries);
    const forward = new TriageAccumulator({ incidentOptions });
    const backward = new TriageAccumulator({ incidentOptions });
    for (const s of summaries) forward.addFile([s]);
    for (const s of [...summaries].reverse()) backward.addFile([s]);
    expect(backward.result()).toEqual(forward.result());
    expectValidTriageJson(forward.result());
  });

  it('merges shards cut at one --since date into what one run with it gives, and refuses a shard cut elsewhere', async () => {
    const sinceMs = Date.parse('2025-06-01T00:00:00Z');
    const whole = viaJson(await run(all, { sinceMs }));
    const a = viaJson(await run(shardA, { sinceMs }));
    const b = viaJson(await run(shardB, { sinceMs }));
    const merged = mergeTriageDocuments([{ path: 'a.json', value: a }, { path: 'b.json', value: b }], { incidentOptions });
    expect(merged.errors).toEqual([]);
    expect(viaJson(merged.doc)).toEqual(whole);
    expect(merged.doc.summary.since).toBe('2025-06-01T00:00:00.000Z');
    expect(whole.summary.beforeSince).toBeGreaterThan(0);
    // Another cut, or none: the shard is refused, named, and the first one's cut is kept.
    const uncut = viaJson(await run(shardB));
    const mixed = mergeTriageDocuments([{ path: 'a.json', value: a }, { path: 'uncut.json', value: uncut }], { incidentOptions });
    expect(mixed.errors).toEqual([{ path: 'uncut.json', message: "made with --since (none) where the first shard has 2025-06-01T00:00:00.000Z: give every shard the same --since date (a span such as 7d counts from each shard's own start)" }]);
    expect(mixed.doc.summary).toMatchObject({ since: '2025-06-01T00:00:00.000Z', files: a.summary.files });
  });

  it('takes a time from a clock that was never set (1970) for none: not first or last seen, not cut by --since, not charted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-clock-'));
    try {
      // As KSCrash writes on a device whose clock was never set (FORMATS §8).
      const text = readFileSync('samples/crash-ios-arm64.crash', 'utf8').replace(/^Date\/Time: .*$/m, 'Date/Time:           1970-01-18 04:18:32.000 +0900');
      writeFileSync(join(dir, 'unset.crash'), text);
      const doc = await run([join(dir, 'unset.crash')], { sinceMs: Date.parse('2020-01-01T00:00:00Z') });
      expect(doc.summary).toMatchObject({ reports: 1, beforeSince: 0 });
      expect(doc.buckets[0]).toMatchObject({ firstSeen: null, lastSeen: null });
      expect(renderTriageHtml(doc)).not.toContain('1970-01');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses shards of another fingerprint version or cut with --top', async () => {
    const a = viaJson(await run(shardA));
    const merged = mergeTriageDocuments([
      { path: 'old.json', value: { ...a, fingerprintVersion: 0 } },
      { path: 'top.json', value: viaJson(await run(shardA, { top: 1 })) },
      { path: 'x.json', value: [1] },
      { path: 'analyze.json', value: { schemaVersion: a.schemaVersion, reports: [] } },
    ]);
    expect(merged.errors.map((e) => e.path)).toEqual(['old.json', 'top.json', 'x.json', 'analyze.json']);
    expect(merged.errors[0]?.message).toContain('fingerprintVersion 0');
    expect(merged.errors[1]?.message).toContain('--top');
    // analyze's document shares the schemaVersion: it is named for what it is, not sent to triage again.
    expect(merged.errors[3]?.message).toBe('an analyze document, not a triage one: merge takes the output of `paniclens triage --format json`');
  });

  it('--since leaves out older reports (reports without a time stay) and --top keeps the largest buckets', async () => {
    const whole = await run(all);
    const since = await run(all, { sinceMs: Date.parse('2025-01-01') });
    expect(since.summary.beforeSince).toBeGreaterThan(0);
    expect(since.summary.reports + since.summary.beforeSince).toBe(whole.summary.reports);
    for (const b of since.buckets) if (b.firstSeen) expect(b.firstSeen >= '2025-01-01').toBe(true);
    const top = await run(all, { top: 2 });
    expect(top.buckets).toEqual(whole.buckets.slice(0, 2));
    expect(top.summary.buckets).toBe(whole.summary.buckets);
    expect(whole.buckets.map((b) => b.count)).toEqual([...whole.buckets.map((b) => b.count)].sort((x, y) => y - x));
  });

  it('counts per bucket: OS versions, hardware, processes with versions, cause, culprit, examples', async () => {
    const whole = await run(all);
    const dext = whole.buckets.find((b) => b.signature === 'dk-uioserver-invoke-onqueue-assert');
    expect(dext).toMatchObject({
      count: 2,
      likelyCauseId: 'dk-uioserver-invoke-onqueue-assert',
      culprit: { kind: 'dext', bundleId: 'com.example.driver.SCSIController' },
      osVersions: { 'macOS 14.5 (23F79)': 1 },
      hardware: { 'Mac14,13': 1 },
      examples: ['samples/founding-case/dext-crash.ips', 'samples/founding-case/kernel.log'],
    });
    expect(dext?.processes['com.example.driver.SCSIController']?.count).toBe(2);
    expect(dext?.firstSeen).toMatch(/^2026-03-01T/);
  });

  it('keeps of each live member exactly what its JSON holds, however members share values, and nothing the caller changes later', () => {
    const culprit = (v: number) => ({ kind: 'dext' as const, name: 'Drv', bundleId: 'com.example.Drv', version: `1.${v % 11}` });
    const diag = (i: number) => ({
      id: 'dk-x',
      title: i % 5 === 0 ? `title ${i % 3}` : 'title',
      category: 'driverkit',
      confidence: i % 4 === 0 ? -0 : 0.5 + (i % 7) / 100,
      ...(i % 6 === 0 ? { generic: true } : {}),
      evidence: [{ field: 'x', text: `e${i}` }],
      causes: ['a', `b${i % 2}`],
      nextSteps: ['n'],
      references: [],
      ...(i % 9 === 0 ? {} : { culprit: culprit(i) }),
      ...(i % 13 === 0 ? { implicated: [culprit(i + 1)], extra: undefined } : {}),
    });
    const summaries: ReportSummary[] = Array.from({ length: 60 }, (_, i) => ({
      ref: `/r/${String(i).padStart(3, '0')}.ips`,
      path: `/r/${String(i).padStart(3, '0')}.ips`,
      kind: 'crash',
      bucket: { id: 'fp-1', fingerprint: 'v1|crash', title: 't' },
      member: {
        kind: 'crash',
        keys: i % 2 ? ['com.example.drv', 'drv'] : ['drv'],
        ...(i % 3 ? { range: [i * 1000, i * 1000 + (i % 5 === 0 ? -0 : 10)] as [number, number] } : {}),
        name: 'Drv',
        ...(i % 8 === 0 ? { dext: true, bundleId: undefined } : {}),
        time: `2026-03-01 10:00:${String(i).padStart(2, '0')}`,
        ...(i % 10 === 0 ? { logLoops: [{ subject: 'com.example.Drv', count: i, firstTime: 'a' }] } : {}),
        diagnoses: [diag(i), diag(i + 1)],
      },
    }));
    const expected = summaries.map((s) => {
      const { diagnoses, ...rest } = s.member as NonNullable<ReportSummary['member']>;
      return JSON.parse(JSON.stringify({ ...rest, ref: s.ref, bucket: 'fp-1', diagnoses: diagnoses.map(({ evidence: _e, nextSteps: _n, references: _r, ...d }) => d) }));
    });
    const acc = new TriageAccumulator({});
    for (const s of summaries) acc.addReport(s);
    // The caller reuses its objects: what was added stays as it was.
    for (const s of summaries) {
      s.member?.keys.push('changed');
      const d = s.member?.diagnoses[0];
      if (d) {
        d.causes.push('changed');
        if (d.culprit) d.culprit.name = 'changed';
      }
    }
    const doc = acc.result();
    expect(JSON.stringify(doc.members)).toBe(JSON.stringify(expected));
  });

  it('keeps members JSON-equal to their summaries when many apps share a diagnosis and key lists share a first key', () => {
    const fc_ = (i: number) => ({ kind: 'app-image' as const, name: `App${i % 12}`, ...(i % 5 ? { version: `${i % 10}` } : {}) });
    const summaries: ReportSummary[] = Array.from({ length: 400 }, (_, i) => ({
      ref: `/r/${String(i).padStart(4, '0')}.ips`,
      path: `/r/${String(i).padStart(4, '0')}.ips`,
      kind: 'crash',
      bucket: { id: 'fp-1', fingerprint: 'v1|crash', title: 't' },
      member: {
        kind: 'crash',
        keys: (i % 4 === 0 ? ['app', i % 3] : i % 4 === 1 ? ['app'] : ['app', `v${i % 11}`, null]) as string[],
        name: `App${i % 12}`,
        diagnoses: [{ id: 'exc', title: 'Crash', category: 'app-crash', confidence: 0.8, evidence: [], causes: ['a'], nextSteps: [], references: [], ...(i % 7 ? { culprit: fc_(i) } : {}) }],
      },
    }));
    const expected = summaries.map((s) => {
      const { diagnoses, ...rest } = s.member as NonNullable<ReportSummary['member']>;
      return JSON.parse(JSON.stringify({ ...rest, ref: s.ref, bucket: 'fp-1', diagnoses: diagnoses.map(({ evidence: _e, nextSteps: _n, references: _r, ...d }) => d) }));
    });
    const acc = new TriageAccumulator({});
    for (const s of summaries) acc.addReport(s);
    expect(JSON.stringify(acc.result().members)).toBe(JSON.stringify(expected));
  });

  it('keeps key lists JSON-equal when many share their first and last keys (past the variants compared in place)', () => {
    // Lists of one bundle id and one name, more than MAX_DIAGNOSIS_VARIANTS of them per pair, some with
    // a middle key, a non-string last key, or a string that JSON writes differently.
    const keysOf = (i: number): unknown[] => {
      const first = i % 3 === 0 ? 'com.example.lumen' : 'com.example.ledger';
      const last = i % 17 === 0 ? 7 : i % 5 === 0 ? 'ledger' : 'lumen';
      if (i % 4 === 0) return [first, last];
      if (i % 4 === 1) return [first, `mid${i % 23}`, last];
      if (i % 4 === 2) return [first, `m\u2028${i % 9}`, `x${i % 13}`, last];
      return [first];
    };
    const summaries: ReportSummary[] = Array.from({ length: 600 }, (_, i) => ({
      ref: `/k/${String(i).padStart(4, '0')}.crash`,
      path: `/k/${String(i).padStart(4, '0')}.crash`,
      kind: 'crash',
      bucket: { id: 'fp-2', fingerprint: 'v1|crash', title: 't' },
      member: { kind: 'crash', keys: keysOf(i) as string[], diagnoses: [] },
    }));
    const expected = summaries.map((s) => JSON.parse(JSON.stringify({ kind: 'crash', keys: s.member?.keys, ref: s.ref, bucket: 'fp-2', diagnoses: [] })));
    const acc = new TriageAccumulator({});
    for (const s of summaries) acc.addReport(s);
    // Later changes to the caller's lists do not reach the kept ones.
    for (const s of summaries) s.member?.keys.push('changed');
    const members = acc.result().members;
    expect(JSON.stringify(members)).toBe(JSON.stringify(expected));
    // Equal lists are kept once.
    const distinct = new Set(members.map((m) => m.keys));
    expect(distinct.size).toBe(new Set(expected.map((m) => JSON.stringify(m.keys))).size);
  });
});
