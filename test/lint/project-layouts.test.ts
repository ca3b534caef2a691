// Linting a DriverKit project as Xcode leaves it: sources beside built bundles, pointed at as the
// project folder, a built bundle or a built Info.plist; and the same bundle with no sources at all.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'plist';
import { afterAll, describe, expect, it } from 'vitest';
import { joinLintEvidence } from '../../src/diagnose/lint-evidence.js';
import type { Diagnosis } from '../../src/model/diagnosis.js';
import { ARM64E_AND_X86 } from '../fixtures/lint/make-fixtures.js';
import { all, errors, lintFixtures, lintPath, ofRule } from './helpers.js';

const ID = 'com.example.driver.SCSIController';
const project = join(lintFixtures, 'xcode-project', 'SCSIDriver');
const standalone = join(project, 'build', 'Release', `${ID}.dext`);
const embedded = join(project, 'build', 'Release', 'SCSIHost.app', 'Contents', 'Library', 'SystemExtensions', `${ID}.dext`);
const workspace = join(lintFixtures, 'xcode-workspace', 'SerialDriver');
const serialDext = join(workspace, 'DerivedData', 'SerialDriver-bqkjxhdeudrcsqftwcmnlrzqvsan', 'Build', 'Products', 'Debug', 'com.example.usbserial.dext');

const temps: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'paniclens-layout-'));
  temps.push(d);
  return d;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The founding mistake, named with the SCSI family's own values. */
function expectFoundingFindings(results: Awaited<ReturnType<typeof lintPath>>): void {
  const [l07] = ofRule(results, 'L07');
  expect(l07).toMatchObject({ severity: 'error', personality: 'SCSIController', key: 'IOClass', expected: 'IOUserSCSIParallelInterfaceController' });
  expect(l07?.message).toContain('IOClass is "IOService"');
  const [l08] = ofRule(results, 'L08');
  expect(l08).toMatchObject({ severity: 'error', personality: 'SCSIController', key: 'CFBundleIdentifierKernel', expected: 'com.apple.iokit.IOSCSIParallelFamily' });
  expect(l08?.message).toContain('missing');
}

describe('an Xcode project with sources and a built bundle', () => {
  it('the project folder: one dext, the build paired with its sources, the founding mistake named', async () => {
    const results = await lintPath(project);
    expect(results).toHaveLength(1);
    expect(results[0]?.bundleId).toBe(ID);
    expect(results[0]?.infoPlistPath).toBe(join(embedded, 'Info.plist'));
    expectFoundingFindings(results);
    expect(ofRule(results, 'L07')[0]?.message).toContain('SCSIController derives from IOUserSCSIParallelInterfaceController');
    expect(errors(results).map((f) => f.rule)).toEqual(['L07', 'L08']);
    const sources = all(results).find((f) => f.key === 'sources');
    expect(sources).toMatchObject({ rule: 'L05', severity: 'info', personality: null });
    expect(sources?.message).toContain('the target of SCSIController/Info.plist (matched by IOUserClass)');
    expect(sources?.message).toContain('.iig SCSIController/SCSIController.iig');
    const copies = all(results).find((f) => f.key === 'copies');
    expect(copies?.message).toContain(standalone);
  });

  it('the built bundle alone: its project is found above it and used for the family', async () => {
    const results = await lintPath(standalone);
    expect(results).toHaveLength(1);
    expectFoundingFindings(results);
    expect(all(results).find((f) => f.key === 'sources')?.message).toContain(`the sources of the project ${project}`);
    // Standalone products are not where activation looks: L03 says so, as a warning.
    expect(ofRule(results, 'L03').map((f) => f.severity)).toEqual(['warning']);
  });

  it('the built Info.plist alone (binary, inside the app): the same', async () => {
    const results = await lintPath(join(embedded, 'Info.plist'));
    expectFoundingFindings(results);
    expect(ofRule(results, 'L03')).toEqual([]);
    // The entitlements signed into the executable are checked, and they hold the family's.
    expect(ofRule(results, 'L15')).toEqual([]);
  });

  it('the build products folder (build/Release): its bundles are paired with the project above it', async () => {
    const results = await lintPath(join(project, 'build', 'Release'));
    expect(results).toHaveLength(1);
    expectFoundingFindings(results);
    expect(all(results).find((f) => f.key === 'sources')?.message).toContain('.iig SCSIController/SCSIController.iig');
  });

  it('the source Info.plist alone: its own folder holds the .iig', async () => {
    const results = await lintPath(join(project, 'SCSIController', 'Info.plist'));
    expectFoundingFindings(results);
    expect(results[0]?.bundleId).toBe('$(PRODUCT_BUNDLE_IDENTIFIER)');
  });

  it('the founding crash joins the same findings whichever form was linted', async () => {
    const crash: Diagnosis = {
      id: 'dk-uioserver-invoke-onqueue-assert', title: 'OnQueue', category: 'driverkit', confidence: 0.9,
      evidence: [{ field: 'exception.message', text: 'Assertion failed', required: true }], causes: [], nextSteps: [], references: [],
      culprit: { kind: 'dext', name: 'SCSIController', bundleId: ID },
    };
    for (const path of [project, standalone, join(embedded, 'Info.plist'), join(project, 'SCSIController', 'Info.plist')]) {
      const [d] = joinLintEvidence([crash], await lintPath(path));
      expect(d!.nextSteps.slice(0, 2), path).toEqual([
        'Set IOClass to IOUserSCSIParallelInterfaceController in the "SCSIController" personality of Info.plist (lint L07)',
        'Set CFBundleIdentifierKernel to com.apple.iokit.IOSCSIParallelFamily in the "SCSIController" personality of Info.plist (lint L08)',
      ]);
    }
  });
});

describe('a workspace with DerivedData in it and a build older than the sources', () => {
  it('the DerivedData bundle gets the family from a class chain across two .iig files', async () => {
    const results = await lintPath(serialDext);
    expect(ofRule(results, 'L07')[0]).toMatchObject({ severity: 'error', key: 'IOClass', expected: 'IOUserSerial' });
    expect(ofRule(results, 'L07')[0]?.message).toContain('ExampleUSBSerial derives from IOUserUSBSerial (via ExampleSerialBase)');
    expect(ofRule(results, 'L08')[0]).toMatchObject({ severity: 'error', key: 'CFBundleIdentifierKernel', expected: 'com.apple.driver.driverkit.serial' });
  });

  it('the unsigned build is checked with the target\'s .entitlements, and the stale keys are named', async () => {
    const results = await lintPath(serialDext);
    expect(ofRule(results, 'L15')).toEqual([]);
    expect(all(results).find((f) => f.key === 'sources')?.message).toContain('entitlements Driver/Driver.entitlements');
    const stale = ofRule(results, 'L05').filter((f) => f.severity === 'warning');
    expect(stale.map((f) => f.key)).toEqual(['CFBundleIdentifierKernel', 'IOClass']);
    expect(stale[1]?.message).toBe(`The built IOClass is "IOService" but the source ${join(workspace, 'Driver', 'Info.plist')} says "IOUserSerial"; this build predates the sources.`);
  });

  it('the workspace folder lints the build once, not the source target beside it', async () => {
    const results = await lintPath(workspace);
    expect(results.map((r) => r.bundleId)).toEqual(['com.example.usbserial']);
    expect(ofRule(results, 'L07')[0]?.expected).toBe('IOUserSerial');
  });
});

describe('a bundle away from any project', () => {
  it('a shipped bundle: the family comes from the family entitlement in its signature', async () => {
    const dir = join(tempDir(), 'SCSIHost.app', 'Contents', 'Library', 'SystemExtensions', `${ID}.dext`);
    cpSync(embedded, dir, { recursive: true });
    const results = await lintPath(dir);
    expectFoundingFindings(results);
    expect(ofRule(results, 'L07')[0]?.message).toContain("looks like a SCSIControllerDriverKit driver (by the dext's family entitlement");
    const l05 = ofRule(results, 'L05').find((f) => f.key === 'IOUserClass');
    expect(l05?.message).toContain('no project folder holding an .xcodeproj, .xcworkspace, Package.swift or .git was found above it');
  });

  it('an unsigned bundle with no sources: IOService is still an error, the family stays unknown', async () => {
    const dir = join(tempDir(), `${ID}.dext`);
    cpSync(embedded, dir, { recursive: true });
    writeFileSync(join(dir, ID), ARM64E_AND_X86);
    const results = await lintPath(dir);
    expect(ofRule(results, 'L07')[0]).toMatchObject({ severity: 'error', expected: 'IOUserService or the family kernel class of the IOUserClass' });
    expect(ofRule(results, 'L08')).toEqual([]);
  });

  it('a DerivedData folder outside the project leads back to it through its info.plist', async () => {
    const root = tempDir();
    const proj = join(root, 'src', 'SCSIDriver');
    cpSync(project, proj, { recursive: true, filter: (p) => !p.includes(`${join(project, 'build')}`) });
    const derived = join(root, 'DerivedData', 'SCSIDriver-fhqzdxkvbgaxjbcmdlzyrpwdwsgn');
    mkdirSync(derived, { recursive: true });
    writeFileSync(join(derived, 'info.plist'), build({ LastAccessedDate: new Date(0), WorkspacePath: join(proj, 'SCSIDriver.xcodeproj') }));
    const dext = join(derived, 'Build', 'Products', 'Release', `${ID}.dext`);
    cpSync(standalone, dext, { recursive: true });
    writeFileSync(join(dext, ID), ARM64E_AND_X86); // unsigned: only the sources can tell the family
    const results = await lintPath(dext);
    expectFoundingFindings(results);
    const sources = all(results).find((f) => f.key === 'sources');
    expect(sources?.message).toContain(`the sources of the project ${proj}`);
    expect(sources?.message).toContain('entitlements SCSIController/SCSIController.entitlements');
  });

  it('sources of another dext are not used: nothing declares the bundle\'s class', async () => {
    const root = tempDir();
    cpSync(workspace, root, { recursive: true, filter: (p) => !p.includes('DerivedData') });
    const dext = join(root, 'build', `${ID}.dext`);
    cpSync(standalone, dext, { recursive: true });
    writeFileSync(join(dext, ID), ARM64E_AND_X86);
    const results = await lintPath(dext);
    expect(results[0]?.findings.find((f) => f.key === 'sources')).toBeUndefined();
    expect(ofRule(results, 'L05').find((f) => f.key === 'IOUserClass')?.message).toContain(`No .iig files were found in ${root}, the project folder since it holds SerialDriver.xcodeproj`);
  });

  it('built copies that differ (a Debug and a Release build) are each linted', async () => {
    const root = tempDir();
    cpSync(project, root, { recursive: true });
    const debug = join(root, 'build', 'Debug', `${ID}.dext`);
    cpSync(standalone, debug, { recursive: true });
    const info = build({ CFBundleIdentifier: ID, CFBundlePackageType: 'DEXT', IOKitPersonalities: { SCSIController: { IOClass: 'IOUserSCSIParallelInterfaceController', IOUserClass: 'SCSIController' } } });
    writeFileSync(join(debug, 'Info.plist'), info);
    const results = await lintPath(root);
    expect(results.map((r) => r.infoPlistPath).sort()).toEqual([join(debug, 'Info.plist'), join(root, 'build', 'Release', 'SCSIHost.app', 'Contents', 'Library', 'SystemExtensions', `${ID}.dext`, 'Info.plist')]);
  });
});

describe('a source Info.plist kept away from its .iig', () => {
  it('a "Supporting Files" Info.plist gets the project\'s .iig that declares its class', async () => {
    const root = tempDir();
    cpSync(project, root, { recursive: true, filter: (p) => !p.includes(`${project}/build`) });
    mkdirSync(join(root, 'SCSIController', 'Supporting Files'));
    cpSync(join(project, 'SCSIController', 'Info.plist'), join(root, 'SCSIController', 'Supporting Files', 'Info.plist'));
    rmSync(join(root, 'SCSIController', 'Info.plist'));
    const results = await lintPath(join(root, 'SCSIController', 'Supporting Files', 'Info.plist'));
    expectFoundingFindings(results);
    expect(results[0]?.sources?.iig).toEqual([join(root, 'SCSIController', 'SCSIController.iig')]);
    expect(results[0]?.sources?.entitlements).toBe(join(root, 'SCSIController', 'SCSIController.entitlements'));
  });
});

describe('a project with a half-built bundle', () => {
  it('the broken bundle is named in `skipped` and the others are still linted', async () => {
    const { readDextInputs } = await import('../../src/lint/read-bundle.js');
    const root = tempDir();
    cpSync(project, root, { recursive: true });
    mkdirSync(join(root, 'build', 'Debug', `${ID}.dext`), { recursive: true }); // the build stopped before Info.plist
    const r = await readDextInputs(root);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.dexts).toHaveLength(1);
    expect(r.skipped).toEqual([{ path: join(root, 'build', 'Debug', `${ID}.dext`), reason: 'no Info.plist in the bundle' }]);
  });

  it('with nothing else to lint, the reason is the error', async () => {
    const { readDextInputs } = await import('../../src/lint/read-bundle.js');
    const root = tempDir();
    mkdirSync(join(root, 'build', `${ID}.dext`), { recursive: true });
    const r = await readDextInputs(root);
    expect(r).toEqual({ ok: false, error: { path: join(root, 'build', `${ID}.dext`), reason: 'no Info.plist in the bundle' } });
  });
});
