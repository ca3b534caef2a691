import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTarGz, writeZip } from '../helpers/archives.js';
import { expectValidTriageJson } from '../helpers/report-schema.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

let dir: string;
const sample = (name: string): string => readFileSync(join(repoRoot, 'samples', name), 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-triage-'));
  mkdirSync(join(dir, 'batch/sub'), { recursive: true });
  copyFileSync(join(repoRoot, 'samples/crash-macos-arm64.ips'), join(dir, 'batch/a.ips'));
  copyFileSync(join(repoRoot, 'samples/crash-ios-arm64.crash'), join(dir, 'batch/sub/b.crash'));
  copyFileSync(join(repoRoot, 'samples/panic-intel.panic'), join(dir, 'batch/sub/c.panic'));
  writeFileSync(join(dir, 'batch/empty.ips'), '');
  writeFileSync(join(dir, 'batch/notes.plist'), '<plist/>');
  writeZip(join(dir, 'qa.zip'), [
    { name: 'reports/one.ips', data: sample('jetsam-ios.ips') },
    { name: 'reports/two.crash', data: sample('crash-macos-x86_64.crash') },
    { name: 'reports/readme.md', data: 'not a report' },
    { name: 'reports/', data: '' },
  ]);
  await writeTarGz(join(dir, 'sysdiagnose.tar.gz'), [
    { name: 'sysdiagnose/crashes_and_spins/Kernel.panic', data: sample('panic-intel.panic') },
    { name: 'sysdiagnose/crashes_and_spins/app.ips', data: sample('crash-macos-arm64.ips') },
    { name: 'sysdiagnose/logs/unrelated.txt', data: 'just a log line\n' },
  ]);
  // More inputs than the main thread analyses alone before it starts workers (POOL_AFTER, run-triage.ts).
  for (let i = 0; i < 8; i++) cpSync(join(repoRoot, 'samples'), join(dir, 'many', String(i)), { recursive: true });
  const home = join(dir, 'home');
  mkdirSync(join(home, 'Library/Logs/DiagnosticReports/Retired'), { recursive: true });
  copyFileSync(join(repoRoot, 'samples/crash-macos-arm64.ips'), join(home, 'Library/Logs/DiagnosticReports/Retired/old.ips'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Doc {
  summary: { files: number; reports: number; failed: number; skipped: number; buckets: number };
  buckets: { id: string; count: number; examples: string[] }[];
  errors: { path: string; message: string }[];
}
// runCli validates triage JSON against schema/triage.schema.json; this does it for output run another way too.
const json = (stdout: string): Doc => expectValidTriageJson<Doc>(stdout);

describe('paniclens triage', () => {
  it('reads a folder recursively; one bad file is listed and sets exit code 2, the others still count', () => {
    const r = runCli(['triage', '--jobs', '1', '--format', 'json', join(dir, 'batch')]);
    expect(r.status).toBe(2);
    const doc = json(r.stdout);
    expect(doc.summary).toMatchObject({ files: 4, reports: 3, failed: 1, skipped: 1 });
    expect(doc.errors).toEqual([{ path: join(dir, 'batch/empty.ips'), message: 'empty input' }]);
    expect(r.stderr).toContain(`paniclens: ${join(dir, 'batch/empty.ips')}: empty input`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lays the table out to $COLUMNS when standard output is no terminal (a pager), else to 100 columns; -o files too', () => {
    const widest = (columns: string | undefined, ...extra: string[]): number => {
      const env = { ...process.env, NO_COLOR: '1' };
      delete env.COLUMNS;
      if (columns !== undefined) env.COLUMNS = columns;
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist/cli/main.cjs'), 'triage', '--jobs', '1', 'samples/', ...extra], { cwd: repoRoot, encoding: 'utf8', env });
      const text = extra.length > 0 ? readFileSync(extra[1] as string, 'utf8') : r.stdout;
      return Math.max(...text.split('\n').map((l) => [...l].length));
    };
    expect(widest('160')).toBe(160);
    expect(widest('72')).toBe(72);
    expect(widest(undefined)).toBe(100);
    expect(widest('not a width')).toBe(100);
    expect(widest('160', '-o', join(dir, 'table.txt'))).toBe(100);
  });

  it('exits 0 when every file was read, and prints a table by count', () => {
    const r = runCli(['triage', '--jobs', '1', 'samples/']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^9 file\(s\), 9 report\(s\), \d+ bucket\(s\), 1 incident\(s\)/);
    expect(r.stdout).toContain('│ Count │');
    expect(r.stdout).toMatch(/│ 1  │ 2     │ sig-dk-uioserver-/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('counts a report reached through links once (triage and analyze of a folder)', () => {
    const root = join(dir, 'linked');
    mkdirSync(join(root, 'run-1'), { recursive: true });
    copyFileSync(join(repoRoot, 'samples/panic-intel.panic'), join(root, 'run-1/k.panic'));
    copyFileSync(join(repoRoot, 'samples/crash-ios-arm64.crash'), join(root, 'run-1/a.crash'));
    symlinkSync('run-1', join(root, 'latest'));
    symlinkSync('.', join(root, 'all'));
    const r = runCli(['triage', '--jobs', '1', '--format', 'json', root]);
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.summary).toMatchObject({ files: 2, reports: 2 });
    expect(doc.buckets.flatMap((b) => b.examples).sort()).toEqual([join(root, 'run-1/a.crash'), join(root, 'run-1/k.panic')]);
    const a = runCli(['analyze', '--format', 'json', root]);
    expect((JSON.parse(a.stdout) as { reports: unknown[] }).reports).toHaveLength(2);
  });

  it('reads the files of a glob under the paths the pattern gives: absolute for an absolute pattern, relative for a relative one', () => {
    const abs = runCli(['triage', '--jobs', '1', '--format', 'json', join(dir, 'batch/**/*.crash')]);
    expect(json(abs.stdout).buckets.flatMap((b) => b.examples)).toEqual([join(dir, 'batch/sub/b.crash')]);
    const rel = runCli(['triage', '--jobs', '1', '--format', 'json', 'samples/*.panic']);
    expect(json(rel.stdout).buckets.flatMap((b) => b.examples)).toEqual(['samples/panic-intel.panic']);
  });

  it('reads .zip and .tar.gz archives in place, naming entries archive!/path', () => {
    const r = runCli(['triage', '--jobs', '1', '--format', 'json', join(dir, 'qa.zip'), join(dir, 'sysdiagnose.tar.gz')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    // unrelated.txt holds no report: passed over like readme.md, not failed.
    expect(doc.summary).toMatchObject({ files: 4, reports: 4, failed: 0, skipped: 2 });
    const examples = doc.buckets.flatMap((b) => b.examples).sort();
    expect(examples).toEqual(
      [
        `${join(dir, 'qa.zip')}!/reports/one.ips`,
        `${join(dir, 'qa.zip')}!/reports/two.crash`,
        `${join(dir, 'sysdiagnose.tar.gz')}!/sysdiagnose/crashes_and_spins/Kernel.panic`,
        `${join(dir, 'sysdiagnose.tar.gz')}!/sysdiagnose/crashes_and_spins/app.ips`,
      ].sort(),
    );
  });

  it('worker threads (--jobs 2: one beside the main thread; --jobs 4: four) give the same document as the main thread alone (--jobs 1)', () => {
    // The archives come last, past the inputs the main thread takes alone: their bytes go to the worker.
    const args = ['triage', '--format', 'json', join(dir, 'many'), join(dir, 'batch'), join(dir, 'qa.zip'), join(dir, 'sysdiagnose.tar.gz')];
    const one = runCli([...args, '--jobs', '1']);
    // A preloaded hook says how many workers started, so the test cannot pass with none.
    const hook = join(dir, 'worker-hook.cjs');
    writeFileSync(
      hook,
      "const wt = require('node:worker_threads'), W = wt.Worker;\n" +
        "wt.Worker = class extends W { constructor(...a) { super(...a); process.stderr.write('worker started\\n'); } };\n",
    );
    // --jobs 2: the main thread and one worker; --jobs 4: four workers, the main thread handing out.
    for (const [jobs, workers] of [[2, 1], [4, 4]] as const) {
      const r = spawnSync(process.execPath, ['-r', hook, join(repoRoot, 'dist/cli/main.cjs'), ...args, '--jobs', String(jobs)], { cwd: repoRoot, encoding: 'utf8' });
      expect(r.stderr.match(/worker started/g)).toEqual(Array.from({ length: workers }, () => 'worker started'));
      expect(r.status).toBe(one.status);
      expect(json(r.stdout)).toEqual(json(one.stdout));
    }
    expect(json(one.stdout).summary.reports).toBe(8 * 9 + 3 + 2 + 2);
    // A small run starts no worker: the main thread alone is faster than loading one.
    const small = spawnSync(process.execPath, ['-r', hook, join(repoRoot, 'dist/cli/main.cjs'), 'triage', '--format', 'json', '--jobs', '2', 'samples/'], { cwd: repoRoot, encoding: 'utf8' });
    expect(small.status).toBe(0);
    expect(small.stderr).toBe('');
  });

  it('a run that stalls (a stream that never ends) is an internal error, not a silent exit 0', () => {
    // The tar reader replaced by one whose entries never come: the event loop runs dry mid-run.
    const hook = join(dir, 'stall-tar.cjs');
    writeFileSync(
      hook,
      "const Module = require('node:module'); const { Writable } = require('node:stream'); const load = Module._load;\n" +
        "Module._load = function (request, ...rest) {\n" +
        "  if (!/tar-stream\\.cjs$/.test(request)) return load.call(this, request, ...rest);\n" +
        "  return { extract: () => Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}), return: async () => ({ done: true }) }) }) };\n" +
        "};\n",
    );
    const r = spawnSync(process.execPath, ['-r', hook, join(repoRoot, 'dist/cli/main.cjs'), 'triage', '--jobs', '1', join(dir, 'sysdiagnose.tar.gz')], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('paniclens: internal error: the command stopped before it finished (it waited for data that never came)\n');
    // Unhooked, the same run finishes and the check stays silent.
    const ok = runCli(['triage', '--jobs', '1', join(dir, 'sysdiagnose.tar.gz')]);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
  });

  it('ndjson streams one line per report, and one per failed file', () => {
    const r = runCli(['triage', '--jobs', '2', '--format', 'ndjson', join(dir, 'batch')]);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    const reports = lines.filter((l) => 'bucket' in l);
    expect(reports.map((l) => l.path).sort()).toEqual([join(dir, 'batch/a.ips'), join(dir, 'batch/sub/b.crash'), join(dir, 'batch/sub/c.panic')]);
    for (const l of reports) expect(l).toMatchObject({ bucket: expect.stringMatching(/^(sig|fp)-/), kind: expect.any(String), fingerprint: expect.any(String) });
    // The incident identifier, upper case, lets another system tell copies of one crash apart.
    const incident = (name: string) => reports.find((l) => String(l.path).endsWith(name))?.incident;
    expect(incident('b.crash')).toBe('8E31C0A4-5B7D-4F2A-9C16-D4E0B72F5A38');
    expect(incident('a.ips')).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(lines.filter((l) => 'error' in l)).toEqual([{ path: join(dir, 'batch/empty.ips'), error: 'empty input' }]);
  });

  it('--merge combines shard files into the run over all; a bad shard is named', () => {
    const a = runCli(['triage', '--jobs', '1', '-f', 'json', 'samples/founding-case/dext-crash.ips', 'samples/crash-ios-arm64.crash']);
    const b = runCli(['triage', '--jobs', '1', '-f', 'json', 'samples/founding-case/kernel.log']);
    const whole = runCli(['triage', '--jobs', '1', '-f', 'json', 'samples/founding-case/', 'samples/crash-ios-arm64.crash']);
    writeFileSync(join(dir, 'a.json'), a.stdout);
    writeFileSync(join(dir, 'b.json'), b.stdout);
    const merged = runCli(['triage', '--merge', '-f', 'json', join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(merged.status).toBe(0);
    expect(json(merged.stdout)).toEqual(json(whole.stdout));
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion": 1');
    const bad = runCli(['triage', '--merge', '-f', 'json', join(dir, 'a.json'), join(dir, 'bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`paniclens: ${join(dir, 'bad.json')}: not valid JSON`);
  });

  it('--system reads the report folders of the Mac under HOME', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist/cli/main.cjs'), 'triage', '--system', '--jobs', '1', '-f', 'json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, HOME: join(dir, 'home') },
    });
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.summary.reports).toBe(1);
    expect(doc.buckets[0]?.examples).toEqual([join(dir, 'home/Library/Logs/DiagnosticReports/Retired/old.ips')]);
  });

  it('--explain prints how the bucket was formed', () => {
    const r = runCli(['triage', '--explain', 'samples/panic-intel.panic']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/rule: +fingerprint: top diagnosis \S+ (is generic|has confidence 0\.\d+ < 0\.7)/);
    expect(r.stdout).toContain('responsible image com.example.driver.USBSerial');
    expect(r.stdout).toMatch(/skipped +mach_kernel: _panic /);
  });

  it('--explain explains every file given, goes on past an unreadable one, and names images as buckets do', () => {
    const empty = join(dir, 'batch/empty.ips');
    const r = runCli(['triage', '--explain', 'samples/panic-intel.panic', empty, 'samples/crash-macos-x86_64.crash']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`paniclens: ${empty}: empty input\n`);
    const heads = r.stdout.split('\n').filter((l) => /^\S/.test(l));
    expect(heads).toEqual(['samples/panic-intel.panic', 'samples/crash-macos-x86_64.crash']);
    expect(r.stdout).toContain('\n\nsamples/crash-macos-x86_64.crash\n  bucket:');
    const docs = JSON.parse(runCli(['triage', '--explain', 'samples/panic-intel.panic', 'samples/crash-macos-x86_64.crash', '--format', 'json']).stdout) as { path: string; reports: unknown[] }[];
    expect(docs.map((d) => [d.path, d.reports.length])).toEqual([
      ['samples/panic-intel.panic', 1],
      ['samples/crash-macos-x86_64.crash', 1],
    ]);
    // One file: the object itself, as before.
    expect((JSON.parse(runCli(['triage', '--explain', 'samples/panic-intel.panic', '--format', 'json']).stdout) as { path: string }).path).toBe('samples/panic-intel.panic');
    // A macOS report before 12 names the app by bundle id; the explanation names it as its frames do.
    const legacy = join(dir, 'legacy.crash');
    writeFileSync(
      legacy,
      readFileSync(join(repoRoot, 'samples/crash-macos-x86_64.crash'), 'utf8')
        .replace(/^(\d+ +)Ledger Sync( +)/gm, '$1com.example.LedgerSync$2')
        .replace(/(0x[0-9a-f]+ +- +0x[0-9a-f]+ )Ledger Sync \(\*\)/, '$1com.example.LedgerSync (1.0)'),
    );
    const old = runCli(['triage', '--explain', legacy]).stdout;
    expect(old).toContain('; culprit Ledger Sync\n');
    const bucket = (text: string) => /bucket: +(\S+)/.exec(text)?.[1];
    expect(bucket(old)).toBe(bucket(runCli(['triage', '--explain', 'samples/crash-macos-x86_64.crash']).stdout));
  });

  it('--since takes a span back from now: the samples, all older than an hour, are left out but the one without a time', () => {
    const before = Date.now();
    const doc = json(runCli(['triage', '--jobs', '1', '--format', 'json', '--since', '1h', 'samples/']).stdout) as Doc & { summary: { beforeSince: number; since: string } };
    expect(doc.summary).toMatchObject({ files: 9, reports: 1, beforeSince: 8 });
    const since = Date.parse(doc.summary.since);
    expect(since).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(since).toBeLessThanOrEqual(Date.now() - 3_600_000);
  });

  it('-o writes the result to a file, in the format its extension names unless --format is given, never over an input', () => {
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const html = runCli(['triage', '--jobs', '1', '-o', join(out, 't.html'), 'samples/']);
    expect(html.status).toBe(0);
    expect(html.stdout).toBe('');
    expect(readFileSync(join(out, 't.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const lines = runCli(['triage', '--jobs', '1', '-o', join(out, 't.ndjson'), 'samples/']);
    expect(lines.status).toBe(0);
    expect(readFileSync(join(out, 't.ndjson'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { path: string }).path)).toHaveLength(9);
    // An explicit --format wins over the extension.
    expect(runCli(['triage', '--jobs', '1', '-f', 'md', '-o', join(out, 't.txt'), 'samples/']).status).toBe(0);
    expect(readFileSync(join(out, 't.txt'), 'utf8')).toMatch(/^# paniclens triage\n/);
    const input = join(out, 'k.panic');
    copyFileSync(join(repoRoot, 'samples/panic-intel.panic'), input);
    const refused = runCli(['triage', '--jobs', '1', '-o', input, input]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`paniclens: ${input}: refusing to overwrite an input; choose another -o file\n`);
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(join(repoRoot, 'samples/panic-intel.panic'), 'utf8'));
    // Nothing to write: no file, and no temporary file left beside it.
    const none = runCli(['triage', '--explain', join(dir, 'batch/empty.ips'), '-o', join(out, 'e.json')]);
    expect(none.status).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['k.panic', 't.html', 't.ndjson', 't.txt']);
  });

  it('--merge refuses options that act while reports are read, rather than ignoring them', () => {
    const shard = join(dir, 'shard.json');
    writeFileSync(shard, runCli(['triage', '--jobs', '1', '-f', 'json', 'samples/panic-intel.panic']).stdout);
    for (const [extra, named] of [
      [['--since', '7d'], '--since (give it to each shard)'],
      [['--system'], '--system'],
      [['--explain', shard], '--explain'],
    ] as const) {
      const r = runCli(['triage', '--merge', ...extra, shard]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^paniclens: --merge combines finished shards: ${named.replace(/[()]/g, '\\$&')} cannot apply to it\n`));
    }
    expect(runCli(['triage', '--merge', shard]).status).toBe(0);
  });

  it('--baseline compares with an earlier run: JSON marks new buckets, ndjson lines say new, a bad baseline is one line', () => {
    const base = join(dir, 'base.json');
    writeFileSync(base, runCli(['triage', '--jobs', '1', '-f', 'json', 'samples/panic-intel.panic']).stdout);
    const doc = json(runCli(['triage', '--jobs', '1', '-f', 'json', '--baseline', base, 'samples/panic-intel.panic', 'samples/crash-ios-arm64.crash']).stdout) as Doc & {
      summary: { baseline: unknown };
      buckets: { new: boolean; baselineCount: number | null }[];
    };
    expect(doc.summary.baseline).toEqual({ buckets: 1, new: 1, gone: 0, goneBuckets: [] });
    expect(doc.buckets.map((b) => [b.new, b.baselineCount]).sort()).toEqual([
      [false, 1],
      [true, null],
    ]);
    const lines = runCli(['triage', '--jobs', '1', '-f', 'ndjson', '--baseline', base, 'samples/panic-intel.panic', 'samples/crash-ios-arm64.crash'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { path: string; new: boolean });
    expect(lines.map((l) => [l.path, l.new]).sort()).toEqual([
      ['samples/crash-ios-arm64.crash', true],
      ['samples/panic-intel.panic', false],
    ]);
    const notTriage = join(dir, 'not-triage.json');
    writeFileSync(notTriage, runCli(['analyze', '-f', 'json', 'samples/panic-intel.panic']).stdout);
    // Sparse: 300 MB by its size, refused before a byte is read (as a --merge shard of that size is).
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 300 * 1024 * 1024);
    const merge = runCli(['triage', '--merge', huge]);
    expect(merge.status).toBe(2);
    expect(merge.stderr).toContain(`paniclens: ${huge}: file too large (314572800 bytes; the limit is 268435456)\n`);
    for (const [file, reason] of [
      [huge, 'file too large (314572800 bytes'],
      [notTriage, 'not usable as a baseline: an analyze document, not a triage one'],
      [join(dir, 'batch/empty.ips'), 'not valid JSON: '],
      [join(dir, 'missing.json'), 'no such file or directory'],
    ] as const) {
      const r = runCli(['triage', '--baseline', file, 'samples/panic-intel.panic']);
      expect([r.status, r.stdout]).toEqual([2, '']);
      expect(r.stderr.startsWith(`paniclens: ${file}: ${reason}`)).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('an example triage lists inside an archive can be analysed and explained by the name triage gives it', () => {
    const zip = join(dir, 'qa.zip');
    const tgz = join(dir, 'sysdiagnose.tar.gz');
    // The names come from triage's own output, as a user would copy them.
    const examples = (json(runCli(['triage', '--jobs', '1', '-f', 'json', zip, tgz]).stdout) as Doc).buckets.flatMap((b) => b.examples);
    const entry = examples.find((e) => e.endsWith('!/reports/two.crash')) as string;
    expect(entry).toBe(`${zip}!/reports/two.crash`);
    const analyzed = runCli(['analyze', '-f', 'json', entry]);
    expect([analyzed.status, analyzed.stderr]).toEqual([0, '']);
    expect((JSON.parse(analyzed.stdout) as { reports: { source: { path: string } }[] }).reports.map((r) => r.source.path)).toEqual([entry]);
    const inTar = `${tgz}!/sysdiagnose/crashes_and_spins/app.ips`;
    expect(examples).toContain(inTar);
    const explained = runCli(['triage', '--explain', inTar]);
    expect(explained.status).toBe(0);
    expect(explained.stdout.startsWith(`${inTar}\n  bucket:`)).toBe(true);
    // An entry the archive lacks, a name that is not a report's, an archive that is not there: one line each.
    for (const [path, reason] of [
      [`${zip}!/reports/three.ips`, `no such entry in ${zip}`],
      [`${zip}!/reports/readme.md`, 'not a report by its name'],
      [join(dir, 'gone.zip!/x.ips'), 'no such file or directory'],
    ]) {
      const r = runCli(['analyze', path as string]);
      expect([r.status, r.stderr]).toEqual([2, `paniclens: ${path}: ${reason}\n`]);
    }
  });

  it('--top with ndjson is refused: the lines stream before the largest buckets are known', () => {
    const r = runCli(['triage', '--top', '2', '--format', 'ndjson', 'samples/']);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^paniclens: --top keeps the largest buckets of a whole run, but ndjson writes each report as it is read: use --format json, or leave out --top\n/);
  });

  it('bad options are usage errors (exit 2), with one line each', () => {
    const since = runCli(['triage', '--since', 'yesterday-ish', 'samples/']);
    expect(since.status).toBe(2);
    expect(since.stderr).toBe('paniclens: --since: not a date: yesterday-ish (use ISO 8601, e.g. 2026-01-31 or 2026-01-31T12:00:00Z, or a span back from now: 12h, 7d, 2w)\n');
    // Date.parse would read "7" as the year 2001.
    expect(runCli(['triage', '--since', '7', 'samples/']).status).toBe(2);
    const top = runCli(['triage', '--top', '0', 'samples/']);
    expect(top.status).toBe(2);
    expect(top.stderr).toContain('--top: expected a whole number');
  });
});
