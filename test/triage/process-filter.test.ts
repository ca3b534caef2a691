import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { expectValidTriageJson } from '../helpers/report-schema.js';
import { runCli } from '../helpers/run-cli.js';

/** triage --process: only the reports about some processes are bucketed; the others are counted as left out. */
const incidentOptions = incidentOptionsFor(builtinSignatures().signatures);
const run = (processes?: string[]) => runTriage(['samples/'], { jobs: 1, pipeline: { symbolicator: 'none' }, incidentOptions, ...(processes ? { processes } : {}) });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-triage-process-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Doc {
  summary: { reports: number; otherProcesses?: number; processes?: string[] | null; buckets: number };
  buckets: { id: string; examples: string[] }[];
  incidents: { subject: string | null }[];
}

describe('triage --process', () => {
  it("keeps a dext's crash report and the kernel log naming it, with their incident, and counts the others as left out", async () => {
    const all = await run();
    const dext = expectValidTriageJson(await run(['COM.EXAMPLE.DRIVER.SCSIController']));
    expect(dext.summary).toMatchObject({ reports: 2, otherProcesses: all.summary.reports - 2, processes: ['com.example.driver.scsicontroller'] });
    expect(dext.buckets.flatMap((b) => b.examples).sort()).toEqual(['samples/founding-case/dext-crash.ips', 'samples/founding-case/kernel.log']);
    expect(dext.incidents.map((i) => i.subject)).toEqual(['com.example.driver.SCSIController']);
    // Without --process the summary is as before: no such fields.
    expect(all.summary).not.toHaveProperty('processes');
    expect(all.summary).not.toHaveProperty('otherProcesses');
  });

  it('matches a process by name or bundle id, and a panic by the kext it blames', async () => {
    const doc = await run(['Trailmark', 'com.lumenapps.lumen', 'com.example.driver.FastRAID']);
    expect(doc.buckets.flatMap((b) => b.examples).sort()).toEqual(['samples/crash-ios-arm64.crash', 'samples/crash-macos-arm64.ips', 'samples/panic-applesilicon.ips']);
    expect((await run(['NoSuchApp'])).summary).toMatchObject({ reports: 0, buckets: 0 });
  });

  it('filters the ndjson lines and says so in the table and Markdown', () => {
    const nd = runCli(['triage', '--jobs', '1', '--format', 'ndjson', '--process', 'Lumen,PhotoCrunch', 'samples/']);
    expect(nd.status).toBe(0);
    expect(nd.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { process: string }).process).sort()).toEqual(['Lumen', 'PhotoCrunch']);
    const table = runCli(['triage', '--jobs', '1', '--process', 'Lumen', 'samples/']);
    expect(table.stdout.split('\n')[1]).toBe('Only reports about lumen: 8 other reports left out.');
    expect(runCli(['triage', '--jobs', '1', '--format', 'md', '--process', 'Lumen', 'samples/']).stdout).toContain('Only reports about lumen: 8 other reports left out.');
  });

  it('merges shards of the same names into one run, and refuses other names, --process on a merge, and a baseline of other names', () => {
    const shard = (name: string, paths: string[], ...opts: string[]) => {
      const file = join(dir, name);
      writeFileSync(file, runCli(['triage', '--jobs', '1', '--format', 'json', ...opts, ...paths]).stdout);
      return file;
    };
    const a = shard('a.json', ['samples/founding-case/'], '--process', 'com.example.driver.SCSIController');
    const b = shard('b.json', ['samples/crash-ios-arm64.crash', 'samples/panic-intel.panic'], '--process', 'com.example.driver.scsicontroller');
    const whole = JSON.parse(runCli(['triage', '--jobs', '1', '--format', 'json', '--process', 'com.example.driver.SCSIController', 'samples/founding-case/', 'samples/crash-ios-arm64.crash', 'samples/panic-intel.panic']).stdout) as Doc;
    const merged = runCli(['triage', '--merge', '--format', 'json', a, b]);
    expect(merged.status).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(whole);
    expect(whole.summary).toMatchObject({ reports: 2, otherProcesses: 2 });

    const other = shard('c.json', ['samples/panic-intel.panic'], '--process', 'kernel_task');
    const refused = runCli(['triage', '--merge', '--format', 'json', a, other]);
    expect(refused.stderr.trim()).toBe(`paniclens: ${other}: made with --process kernel_task where the first shard has --process com.example.driver.scsicontroller: give every shard the same --process names`);
    expect(refused.status).toBe(2);
    // A shard whose names are not strings is read as their text, not a crash.
    const odd = join(dir, 'odd.json');
    const oddDoc = JSON.parse(readFileSync(a, 'utf8')) as { summary: Record<string, unknown> };
    oddDoc.summary.processes = [42, null];
    writeFileSync(odd, JSON.stringify(oddDoc));
    const oddMerge = runCli(['triage', '--merge', '--format', 'json', a, odd]);
    expect(oddMerge.stderr.trim()).toBe(`paniclens: ${odd}: made with --process 42,null where the first shard has --process com.example.driver.scsicontroller: give every shard the same --process names`);
    const onExplain = runCli(['triage', '--explain', 'samples/panic-intel.panic', '--process', 'x']);
    expect([onExplain.status, onExplain.stderr.trim()]).toEqual([2, 'paniclens: --explain shows how the files given got their buckets: --process cannot apply to it']);
    const onMerge = runCli(['triage', '--merge', '--process', 'x', a]);
    expect(onMerge.status).toBe(2);
    expect(onMerge.stderr.trim()).toBe('paniclens: --merge combines finished shards: --process (give it to each shard) cannot apply to it');

    const unfiltered = shard('all.json', ['samples/']);
    const baseline = runCli(['triage', '--jobs', '1', '--baseline', unfiltered, '--process', 'Lumen', 'samples/']);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr.trim()).toBe(`paniclens: ${unfiltered}: not usable as a baseline: made with no --process where this run has --process lumen: compare triages of the same processes`);
    const mergedBaseline = runCli(['triage', '--merge', '--baseline', unfiltered, a, b]);
    expect(mergedBaseline.status).toBe(2);
    expect(mergedBaseline.stderr).toContain('not usable as a baseline: made with no --process where this run has --process com.example.driver.scsicontroller');
    // The same names compare.
    const same = runCli(['triage', '--jobs', '1', '--format', 'json', '--baseline', a, '--process', 'com.example.driver.SCSIController', 'samples/']);
    expect(same.status).toBe(0);
    expect((JSON.parse(same.stdout) as { summary: { baseline: { new: number } } }).summary.baseline.new).toBe(0);
  });
});
