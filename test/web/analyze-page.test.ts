// The page's pipeline without a browser: the same bytes a drop would give, through analyzePage.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { installNodeCxxBackend } from '../../src/demangle/cxx-node.js';
import { crashedThreadOf } from '../../src/model/report.js';
import { analyzePage } from '../../src/web/analyze.js';
import { readDextFiles } from '../../src/web/dext.js';
import type { PageFile } from '../../src/web/files.js';
import { readFixture } from '../helpers/macho-fixtures.js';

const sigs = builtinSignatures().signatures;
const file = (path: string, repoPath = path): PageFile => ({ path, bytes: new Uint8Array(readFileSync(repoPath)) });
const founding = 'samples/founding-case';
const dextFiles = (): PageFile[] =>
  readdirSync(`${founding}/SCSIController.dext`).map((n) => file(`SCSIController.dext/${n}`, `${founding}/SCSIController.dext/${n}`));

describe('analyzePage', () => {
  installNodeCxxBackend();

  it('correlates a pasted crash with a dropped kernel log into one incident with its crash loop', async () => {
    const r = await analyzePage({ paste: readFileSync(`${founding}/dext-crash.ips`, 'utf8'), files: [file('kernel.log', `${founding}/kernel.log`)] }, sigs);
    expect(r.errors).toEqual([]);
    expect(r.analysis.reports.map((x) => [x.source.path, x.kind])).toEqual([['pasted text', 'crash'], ['kernel.log', 'kernel-log']]);
    const incident = r.analysis.incidents!.find((i) => i.reports.length === 2)!;
    expect(incident.loop).toMatchObject({ subject: 'com.example.driver.SCSIController', count: 5 });
    expect(incident.diagnoses[0]!.id).toBe('dk-uioserver-invoke-onqueue-assert');
  });

  it('lints a dropped dext bundle and puts its exact fixes first, as analyze --dext does', async () => {
    const r = await analyzePage({ files: [file('dext-crash.ips', `${founding}/dext-crash.ips`), ...dextFiles()] }, sigs);
    expect(r.lint.map((l) => l.bundleId)).toEqual(['com.example.driver.SCSIController']);
    expect(r.notes.find((n) => n.role === 'dext')).toMatchObject({ path: 'SCSIController.dext' });
    const steps = r.analysis.reports[0]!.diagnoses![0]!.nextSteps;
    expect(steps[0]).toBe('Set IOClass to IOUserSCSIParallelInterfaceController in the "SCSIController" personality of Info.plist (lint L07)');
    expect(steps[1]).toMatch(/^Set CFBundleIdentifierKernel to com\.apple\.iokit\.IOSCSIParallelFamily .*\(lint L08\)$/);
  });

  it('symbolicates with a dropped dSYM matched by UUID and names the images still missing', async () => {
    const dwarf = { path: 'App.dSYM/Contents/Resources/DWARF/App', bytes: readFixture('App/arm64/App.dSYM/Contents/Resources/DWARF/App') };
    const r = await analyzePage({ files: [file('App-arm64.ips', 'test/fixtures/symbolicate/reports/App-arm64.ips'), dwarf] }, sigs);
    expect(r.errors).toEqual([]);
    expect(r.notes.find((n) => n.role === 'symbols')).toMatchObject({ info: { kind: 'dsym', slices: [{ arch: 'arm64' }] } });
    const report = r.analysis.reports[0]!;
    expect(crashedThreadOf(report)!.frames.map((f) => f.symbol)).toEqual(['store_value', 'main', 'die_now', 'start']);
    expect(report.missingSymbols?.map((m) => [m.name, m.reason])).toEqual([['libExample.dylib', 'UUID not found']]);
  });

  it('says the arch is missing when a dropped file has the image name but only another arch', async () => {
    const other = { path: 'App', bytes: readFixture('App/x86_64/App') };
    const r = await analyzePage({ files: [file('App-arm64.ips', 'test/fixtures/symbolicate/reports/App-arm64.ips'), other] }, sigs);
    expect(r.analysis.reports[0]!.missingSymbols?.find((m) => m.name === 'App')?.reason).toBe('arch missing');
  });

  it('names every bad file with its reason and still analyses the good ones', async () => {
    const macho = readFixture('App/arm64/App');
    const r = await analyzePage(
      {
        files: [
          file('kernel.log', `${founding}/kernel.log`),
          { path: 'photo.bin', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]) },
          { path: 'empty.crash', bytes: new Uint8Array() },
          { path: 'cut.dSYM/Contents/Resources/DWARF/cut', bytes: macho.subarray(0, 64) },
          { path: 'Broken.dext/Info.plist', bytes: new TextEncoder().encode('<plist><dict><key>x</key>') },
        ],
        unreadable: [{ path: 'locked.ips', message: 'the browser could not read this file' }],
      },
      sigs,
    );
    expect(r.analysis.reports.map((x) => x.source.path)).toEqual(['kernel.log']);
    expect(Object.fromEntries(r.errors.map((e) => [e.path, e.message]))).toEqual({
      'locked.ips': 'the browser could not read this file',
      'photo.bin': 'binary file, not a text log (expected .ips, .crash, .panic or log text)',
      'empty.crash': 'empty input',
      'cut.dSYM/Contents/Resources/DWARF/cut': expect.stringMatching(/^not a readable Mach-O file: /),
      'Broken.dext/Info.plist': expect.stringMatching(/^invalid property list: /),
    });
    expect(r.analysis.errors!.map((e) => e.path)).toEqual(['photo.bin', 'empty.crash']);
  });
});

describe('dext files from memory', () => {
  it('reads loose source files (Info.plist, entitlements, .iig) like lint PROJECT', () => {
    const files = dextFiles().map((f) => ({ ...f, path: f.path.replace('SCSIController.dext/', 'MyProject/') }));
    const r = readDextFiles('MyProject', files);
    expect(r.ok && r.dexts.map((d) => [d.infoPlist.path, d.entitlements?.path, d.iigFiles?.map((i) => i.path)])).toEqual([
      ['MyProject/Info.plist', 'MyProject/SCSIController.entitlements', ['MyProject/SCSIController.iig']],
    ]);
  });

  it('refuses a folder without a DriverKit Info.plist, naming it', () => {
    const r = readDextFiles('Notes', [{ path: 'Notes/a.iig', bytes: new TextEncoder().encode('class A : public IOService {};') }]);
    expect(r).toEqual({ ok: false, error: { path: 'Notes', message: 'no DriverKit Info.plist (with IOKitPersonalities) or .dext bundle among these files' } });
  });
});

describe('sorting dropped files', () => {
  it('reads only Mach-O files inside app, dSYM and archive bundles; .dext folders go to the linter', async () => {
    const { sortFiles, onlyMachOWanted } = await import('../../src/web/files.js');
    const bin = readFixture('App/arm64/App');
    const txt = new TextEncoder().encode('Incident Identifier: x');
    const s = sortFiles([
      { path: 'Build.xcarchive/Info.plist', bytes: txt },
      { path: 'Build.xcarchive/dSYMs/App.dSYM/Contents/Resources/DWARF/App', bytes: bin },
      { path: 'Host.app/Contents/Library/SystemExtensions/X.dext/Info.plist', bytes: txt },
      { path: 'Host.app/Contents/Resources/notes.txt', bytes: txt },
      { path: 'logs/.DS_Store', bytes: txt },
      { path: 'logs/App.ips', bytes: txt },
    ]);
    expect(s.logs.map((f) => f.path)).toEqual(['logs/App.ips']);
    expect(s.machO.map((f) => f.path)).toEqual(['Build.xcarchive/dSYMs/App.dSYM/Contents/Resources/DWARF/App']);
    expect([...s.dexts.keys()]).toEqual(['Host.app/Contents/Library/SystemExtensions/X.dext']);
    expect(s.ignored.map((f) => f.path)).toEqual(['Build.xcarchive/Info.plist', 'Host.app/Contents/Resources/notes.txt']);
    expect([onlyMachOWanted('A.app/Contents/Info.plist'), onlyMachOWanted('A.app/X.dext/Info.plist'), onlyMachOWanted('kernel.log')]).toEqual([true, false, false]);
  });
});

describe('the report inside the page', () => {
  it('aims a standalone document\'s page-level selectors at the shadow host and its main at a plain block', async () => {
    const { scopeCss } = await import('../../src/web/app/show-report.js');
    expect(scopeCss(':root{--a:1}\nhtml, body { margin: 0 }\nmain>h1{x:y}\n.tbody td{grid-area: main}\n@media print { body { color: #000 } }')).toBe(
      ':host{--a:1}\n:host, :host { margin: 0 }\n.report-main>h1{x:y}\n.tbody td{grid-area: main}\n@media print { :host { color: #000 } }',
    );
  });
});

describe('plists in the page', () => {
  it('decodes binary plists without Node Buffer (plist\'s own reader) the same as XML', async () => {
    const { decodePlistBytes } = await import('../../src/web/dext.js');
    const { build, buildBinary } = await import('plist');
    const value = { CFBundleIdentifier: 'com.example.driver', IOKitPersonalities: { P: { IOClass: 'IOUserService', IOPCIMatch: '0x1234abcd' } }, OSBundleRequired: ['Root'] };
    const bin = decodePlistBytes(new Uint8Array(buildBinary(value)), 'Info.plist');
    const xml = decodePlistBytes(new TextEncoder().encode(build(value)), 'Info.plist');
    expect(bin).toEqual({ ok: true, file: { path: 'Info.plist', value } });
    expect(xml).toEqual(bin);
    expect(decodePlistBytes(new TextEncoder().encode('{ "json": true }'), 'x.plist')).toEqual({ ok: false, error: { path: 'x.plist', message: 'not a property list (neither XML <plist> nor bplist00)' } });
  });
});
