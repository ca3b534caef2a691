import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';

/**
 * Buckets of reports that show no failure (a sysdiagnose's quiet kernel logs, a stackshot taken by
 * hand) are ranked apart: listed after the failures, not above a crash because they are many.
 */
let dir: string;
const line = (t: string, text: string) => `2026-03-01 10:00:${t}.000000+0000  localhost kernel[0]: ${text}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-triage-quiet-'));
  mkdirSync(join(dir, 'quiet'));
  for (let i = 1; i <= 3; i++) writeFileSync(join(dir, `quiet/power${i}.log`), line(`0${i}`, 'IOPMrootDomain: idle sleep timer set') + line(`0${i}`, '(AppleACPIPlatform) ACPI: sleep states S3 S4 S5'));
  copyFileSync(join(repoRoot, 'samples/crash-ios-arm64.crash'), join(dir, 'quiet/app.crash'));
  // A kernel log with an error line shares the quiet logs' fingerprint: that bucket is then a failure's.
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'mixed/quiet.log'), line('01', 'IOPMrootDomain: idle sleep timer set'));
  writeFileSync(join(dir, 'mixed/err.log'), line('05', '(IONetworkingFamily) en0: link error: failed to attach, status 0xe00002bc'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Bucket {
  id: string;
  count: number;
  noFailure: number;
  likelyCause: string;
}

describe('triage: reports that show no failure', () => {
  it('counts them per bucket and lists a bucket of nothing else after the failures, in the table, Markdown and HTML', () => {
    const json = runCli(['triage', '--jobs', '1', '--format', 'json', join(dir, 'quiet')]);
    const buckets = (JSON.parse(json.stdout) as { buckets: Bucket[] }).buckets;
    // By count in the JSON, as always: the three quiet logs first.
    expect(buckets.map((b) => [b.count, b.noFailure, b.likelyCause])).toEqual([
      [3, 3, 'Kernel log without an error line'],
      [1, 0, 'Swift runtime trap (force unwrap, bad cast, index out of range, fatalError)'],
    ]);
    const quiet = buckets[0] as Bucket;

    const table = runCli(['triage', '--jobs', '1', join(dir, 'quiet')]).stdout;
    const rows = table.split('\n').filter((l) => /^│ \d/.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^│ 1 +│ 1 +│ sig-exc-breakpoint/);
    expect(table).toContain(`Reports that show no failure (1 bucket, 3 reports):\n     3  Kernel log without an error line  (${quiet.id})`);
    expect(table.indexOf('Reports that show no failure')).toBeGreaterThan(table.indexOf('sig-exc-breakpoint'));

    const md = runCli(['triage', '--jobs', '1', '--format', 'md', join(dir, 'quiet')]).stdout;
    expect(md).toMatch(/\| 1 \| 1 \| `sig-exc-breakpoint-swift-runtime-[0-9a-f]+` \|/);
    expect(md).not.toContain(`| \`${quiet.id}\``);
    expect(md).toContain(`## Reports that show no failure (1 bucket, 3 reports)\n\n- 3 × Kernel log without an error line \`${quiet.id}\``);

    const html = runCli(['triage', '--jobs', '1', '--format', 'html', join(dir, 'quiet')]).stdout;
    const mainTable = /<table class="sortable" data-role="buckets">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(mainTable).not.toContain(quiet.id);
    expect(html).toContain(`<section data-role="no-failure"><h2>Reports that show no failure (1 bucket, 3 reports)</h2><ul><li>3 × <a href="#bucket-${quiet.id}">Kernel log without an error line</a>`);
    // Its details stay on the page, after the failures'.
    expect(html.indexOf(`<article class="bucket" id="bucket-${quiet.id}">`)).toBeGreaterThan(html.indexOf(`<article class="bucket" id="bucket-${buckets[1]?.id}">`));

    // Each ndjson line says whether its report shows no failure.
    const lines = runCli(['triage', '--jobs', '1', '--format', 'ndjson', join(dir, 'quiet')]).stdout.trim().split('\n').map((l) => JSON.parse(l) as { path: string; noFailure: boolean });
    expect(lines.map((l) => [l.path.replace(/.*\//, ''), l.noFailure])).toEqual([
      ['app.crash', false],
      ['power1.log', true],
      ['power2.log', true],
      ['power3.log', true],
    ]);
  });

  it('--explain says a report shows no failure, and a failure does not', () => {
    const quiet = runCli(['triage', '--explain', join(dir, 'quiet/power1.log')]).stdout;
    expect(quiet).toContain('  diagnosis:   generic-kernel-log (confidence 0.3, generic); shows no failure: listed after the failures\n');
    const crash = runCli(['triage', '--explain', join(dir, 'quiet/app.crash')]).stdout;
    expect(crash).toMatch(/  diagnosis:   exc-breakpoint-swift-runtime \(confidence [\d.]+\)\n/);
    const json = JSON.parse(runCli(['triage', '--explain', join(dir, 'quiet/power1.log'), '--format', 'json']).stdout) as { reports: { diagnosis: { noFailure: boolean } }[] };
    expect(json.reports[0]?.diagnosis.noFailure).toBe(true);
  });

  it('--top keeps the largest failures first: a top 1 is the crash, not the three quiet logs', () => {
    const doc = JSON.parse(runCli(['triage', '--jobs', '1', '--format', 'json', '--top', '1', join(dir, 'quiet')]).stdout) as { summary: { buckets: number }; buckets: Bucket[] };
    expect(doc.summary.buckets).toBe(2);
    expect(doc.buckets.map((b) => [b.count, b.noFailure])).toEqual([[1, 0]]);
    // With room for both, they come in count order as ever.
    const both = JSON.parse(runCli(['triage', '--jobs', '1', '--format', 'json', '--top', '2', join(dir, 'quiet')]).stdout) as { buckets: Bucket[] };
    expect(both.buckets.map((b) => b.count)).toEqual([3, 1]);
  });

  it('keeps a bucket with one failure among them in the table, and merges the counts as one run gives them', () => {
    const doc = JSON.parse(runCli(['triage', '--jobs', '1', '--format', 'json', join(dir, 'mixed')]).stdout) as { buckets: Bucket[] };
    expect(doc.buckets.map((b) => [b.count, b.noFailure])).toEqual([[2, 1]]);
    expect(runCli(['triage', '--jobs', '1', join(dir, 'mixed')]).stdout).not.toContain('show no failure');

    const shard = (name: string, path: string) => {
      const f = join(dir, name);
      writeFileSync(f, runCli(['triage', '--jobs', '1', '--format', 'json', path]).stdout);
      return f;
    };
    const merged = runCli(['triage', '--merge', '--format', 'json', shard('a.json', join(dir, 'quiet')), shard('b.json', join(dir, 'mixed'))]);
    const whole = runCli(['triage', '--jobs', '1', '--format', 'json', join(dir, 'quiet'), join(dir, 'mixed')]);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    expect((JSON.parse(whole.stdout) as { buckets: Bucket[] }).buckets.map((b) => [b.count, b.noFailure])).toEqual([
      [5, 4],
      [1, 0],
    ]);
  });
});
