import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../helpers/archives.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

/**
 * triage --redact: the names a triage's file names carry (a home folder zipped by a customer, the
 * device folder of an iPhone's synced reports) are masked everywhere they appear, consistently, and
 * nothing buckets are keyed by changes.
 */
let dir: string;
let zip: string;
let devices: string;
const USER = 'jappleseed';
const DEVICE = 'Bobby Phone';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-triage-redact-'));
  const ios = readFileSync(join(repoRoot, 'samples/crash-ios-arm64.crash'));
  const home = `Users/${USER}/Library/Logs/DiagnosticReports`;
  zip = join(dir, 'customer.zip');
  // Two copies of one crash: one incident, whose report list names the user twice.
  writeZip(zip, [
    { name: `${home}/Trailmark-1.crash`, data: ios },
    { name: `${home}/Trailmark-2.crash`, data: ios },
    { name: `${home}/damaged.ips`, data: 'not a report' },
  ]);
  devices = join(dir, 'mac/Library/Logs/CrashReporter/MobileDevice', DEVICE);
  mkdirSync(join(devices, 'Retired'), { recursive: true });
  copyFileSync(join(repoRoot, 'test/fixtures/redact/personal-crash.crash'), join(devices, 'Retired/Ledgerly.crash'));
  copyFileSync(join(repoRoot, 'samples/panic-intel.panic'), join(devices, 'Kernel.panic'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const triage = (...args: string[]) => runCli(['triage', '--jobs', '1', ...args]);
const inputs = (): string[] => [zip, join(dir, 'mac')];
/** The unredacted text with the two names replaced as --redact should replace them. */
const masked = (text: string): string => text.replaceAll(USER, '<user-1>').replaceAll(DEVICE, '<host-1>');

describe('paniclens triage --redact', () => {
  it('masks the names in every file name of the JSON, the same name by the same placeholder, and changes nothing else', () => {
    const plain = triage('--format', 'json', ...inputs());
    const red = triage('--format', 'json', '--redact', ...inputs());
    expect(red.status).toBe(2); // the damaged entry
    expect(plain.stdout).toContain(USER);
    expect(plain.stdout).toContain(DEVICE);
    const doc = JSON.parse(red.stdout) as { redactions: string[]; incidents: { reports: string[] }[]; errors: { path: string }[] };
    expect(doc.redactions).toEqual(['user names', 'host names']);
    // Examples, incident report lists, members' refs and errors: all masked, nothing else touched
    // (bucket ids and fingerprints included, which --baseline and --merge compare).
    const { redactions: _r, ...rest } = doc;
    expect(JSON.stringify(rest)).toBe(masked(JSON.stringify(JSON.parse(plain.stdout))));
    expect(doc.incidents[0]?.reports).toEqual([`${zip}!/Users/<user-1>/Library/Logs/DiagnosticReports/Trailmark-1.crash`, `${zip}!/Users/<user-1>/Library/Logs/DiagnosticReports/Trailmark-2.crash`]);
    expect(doc.errors.map((e) => e.path)).toEqual([`${zip}!/Users/<user-1>/Library/Logs/DiagnosticReports/damaged.ips`]);
    // Without --redact the document has no such field.
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('redactions');
  });

  it('masks each ndjson line, report and error lines alike, with placeholders shared across the lines', () => {
    const plain = triage('--format', 'ndjson', ...inputs());
    const red = triage('--format', 'ndjson', '--redact', ...inputs());
    expect(red.stdout.split('\n').filter(Boolean)).toHaveLength(5);
    expect(red.stdout).not.toContain(USER);
    expect(red.stdout).not.toContain(DEVICE);
    expect(red.stdout).toBe(masked(plain.stdout));
  });

  it('says what was masked at the end of the table, the Markdown and the page', () => {
    const footer = 'Redacted for sharing: user names, host names. The same value has the same placeholder throughout.';
    for (const format of ['table', 'md', 'html']) {
      const red = triage('--format', format, '--redact', ...inputs());
      expect(red.stdout, format).not.toContain(USER);
      expect(red.stdout, format).not.toContain(DEVICE);
      expect(red.stdout.replace(/\s+/g, ' '), format).toContain(footer);
      expect(triage('--format', format, ...inputs()).stdout, format).not.toContain('Redacted');
    }
    // Only what the run found is named.
    const zipOnly = triage('--format', 'md', '--redact', zip);
    expect(zipOnly.stdout).toContain('Redacted for sharing: user names. The same');
  });

  it('masks the file --explain explains', () => {
    const file = join(devices, 'Retired/Ledgerly.crash');
    const red = triage('--explain', file, '--redact');
    expect(red.status).toBe(0);
    expect(red.stdout).toContain('MobileDevice/<host-1>/Retired/Ledgerly.crash');
    expect(red.stdout).not.toContain(DEVICE);
    expect(red.stdout).toBe(masked(triage('--explain', file).stdout));
  });

  it('refuses a redacted shard in a merge (its placeholders are its own), merges and then redacts unredacted shards, and takes a redacted baseline', () => {
    const plainShard = join(dir, 'plain.json');
    const redShard = join(dir, 'red.json');
    writeFileSync(plainShard, triage('--format', 'json', zip).stdout);
    writeFileSync(redShard, triage('--format', 'json', '--redact', join(dir, 'mac')).stdout);
    const refused = triage('--merge', '--format', 'json', plainShard, redShard);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `paniclens: ${redShard}: made with --redact, and its placeholders are its own (<user-1> of one shard is not that of another): merge the shards as written, and give --redact to the merge`,
    ]);
    const otherShard = join(dir, 'other.json');
    writeFileSync(otherShard, triage('--format', 'json', join(dir, 'mac')).stdout);
    const merged = triage('--merge', '--format', 'json', '--redact', plainShard, otherShard);
    expect(merged.status).toBe(0);
    const whole = triage('--format', 'json', '--redact', ...inputs());
    const { summary: _m, ...mergedRest } = JSON.parse(merged.stdout) as Record<string, unknown>;
    const { summary: _w, ...wholeRest } = JSON.parse(whole.stdout) as Record<string, unknown>;
    expect(mergedRest).toEqual(wholeRest);
    // A baseline needs only bucket ids and counts, which redaction keeps.
    const against = (baseline: string) => (JSON.parse(triage('--format', 'json', '--baseline', baseline, ...inputs()).stdout) as { buckets: { id: string; new: boolean }[] }).buckets;
    expect(against(redShard)).toEqual(against(otherShard));
    expect(against(redShard).filter((b) => !b.new).length).toBeGreaterThan(0);
  });
});
