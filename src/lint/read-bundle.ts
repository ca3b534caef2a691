/**
 * Edge: turns the PATH given to `paniclens lint` into linter inputs. PATH may be a built `.dext`
 * bundle, a dext's Info.plist, or a project folder. A built bundle carries no sources, so its
 * project's (.iig, .entitlements) are looked for around it and paired with it; a project folder's
 * built bundles are paired with their source targets the same way, and each dext is linted once.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { readEmbeddedEntitlements } from './embedded-entitlements.js';
import { readIigClasses } from './iig-classes.js';
import { pairWithSource, sourceDifferences, userClassesOf } from './pair-sources.js';
import { isDict, stringAt } from './plist-values.js';
import { findProjectRoot, hasDriverKit, isDextInfo, scanProjectSources, type ProjectSources, type SourceTarget } from './project-sources.js';
import { decodePlist, readPlistFile, type ReadError } from './read-plist-file.js';
import { FOLDER_GIVEN, type DextInput, type PlistDict, type PlistFile, type SourceText, type SourcesUsed } from './types.js';

export type { ReadError } from './read-plist-file.js';
/** `skipped`: files under a project folder that could not be read; the rest was linted. */
export type DextInputsRead = { ok: true; dexts: DextInput[]; skipped?: ReadError[] } | { ok: false; error: ReadError };

// Built products live in build folders, so bundles are searched there too; only these are skipped.
const BUNDLE_IGNORE = ['**/node_modules/**', '**/.git/**', '**/Pods/**', '**/Intermediates.noindex/**', '**/Index.noindex/**', '**/*.dSYM/**'];
// Deep enough for DerivedData/P-hash/Build/Products/Release/Host.app/Contents/Library/SystemExtensions/X.dext.
const BUNDLE_DEPTH = 12;
const MAX_BUNDLES = 64;

async function readTexts(paths: string[], display: (p: string) => string): Promise<SourceText[]> {
  return Promise.all(paths.map(async (p) => ({ path: display(p), text: await readFile(p, 'utf8') })));
}

/** Entitlement files that parse; unreadable ones are skipped (the Info.plist is what must be readable). */
async function readEntitlements(paths: string[], display: (p: string) => string): Promise<PlistFile[]> {
  const out: PlistFile[] = [];
  for (const p of paths) {
    const r = await readPlistFile(p, display(p));
    if (r.ok) out.push(r.file);
  }
  return out;
}

/** Shows paths the way the user wrote PATH: relative to the working directory, or absolute. */
function displayer(userPath: string): (abs: string) => string {
  if (isAbsolute(userPath)) return (abs) => abs;
  return (abs) => relative(process.cwd(), abs) || '.';
}

interface BuiltBundle {
  dext: DextInput;
  /** Absolute bundle directory. */
  abs: string;
  /** True when .iig files were found inside the bundle itself (a hand-assembled bundle). */
  ownSources: boolean;
  /** Identical built copies folded into this one. */
  copies?: string[];
}

/**
 * The entitlements signed into the app a dext is embedded in (App.app/Contents/Library/SystemExtensions/X.dext):
 * what decides whether that app may open the dext's user client.
 */
async function hostAppEntitlements(dextAbs: string, show: (abs: string) => string): Promise<PlistFile | undefined> {
  const contents = dirname(dirname(dirname(dextAbs)));
  if (basename(dirname(dextAbs)) !== 'SystemExtensions' || basename(contents) !== 'Contents' || !/\.app$/i.test(basename(dirname(contents)))) return undefined;
  const info = await readPlistFile(join(contents, 'Info.plist'));
  const exe = info.ok && isDict(info.file.value) ? stringAt(info.file.value, 'CFBundleExecutable') : undefined;
  if (!exe || exe.includes('/') || exe.includes('\\')) return undefined;
  const path = join(contents, 'MacOS', exe);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return undefined;
  }
  const blob = readEmbeddedEntitlements(bytes);
  const decoded = blob ? decodePlist(blob, `${show(path)} (signature entitlements)`) : undefined;
  return decoded?.ok ? decoded.file : undefined;
}

async function readBuiltBundle(dir: string, show: (abs: string) => string): Promise<{ ok: true; bundle: BuiltBundle } | { ok: false; error: ReadError }> {
  const abs = resolve(dir);
  let info: PlistFile | undefined;
  for (const c of [join(abs, 'Info.plist'), join(abs, 'Contents', 'Info.plist')]) {
    const r = await readPlistFile(c, show(c));
    if (r.ok) {
      info = r.file;
      break;
    }
    if (r.error.reason !== 'no such file') return { ok: false, error: r.error };
  }
  if (!info) return { ok: false, error: { path: show(abs), reason: 'no Info.plist in the bundle' } };
  if (!isDict(info.value)) return { ok: false, error: { path: info.path, reason: 'the property list root is not a dictionary' } };
  const entFiles = await glob('**/*.entitlements', { cwd: abs, absolute: true });
  const iigFiles = await glob('**/*.iig', { cwd: abs, absolute: true });
  const entitlements = await readEntitlements(entFiles.sort(), show);
  const exeName = stringAt(info.value, 'CFBundleExecutable');
  let executable: { path: string; bytes: Uint8Array } | undefined;
  for (const p of exeName ? [join(abs, exeName), join(abs, 'Contents', 'MacOS', exeName)] : []) {
    try {
      executable = { path: show(p), bytes: await readFile(p) };
      break;
    } catch {
      // Try the next layout; a missing executable is reported by L19 as an info finding.
    }
  }
  // A shipped bundle has no .entitlements file: its entitlements are in the executable's signature.
  const blob = executable && entitlements.length === 0 ? readEmbeddedEntitlements(executable.bytes) : undefined;
  const embedded = blob ? decodePlist(blob, `${executable!.path} (signature entitlements)`) : undefined;
  const app = await hostAppEntitlements(abs, show);
  const dext: DextInput = {
    infoPlist: info,
    entitlements: entitlements.find(hasDriverKit) ?? entitlements[0] ?? (embedded?.ok ? embedded.file : undefined),
    ...(app ? { appEntitlements: [app] } : {}),
    iigFiles: await readTexts(iigFiles.sort(), show),
    bundle: { dirName: basename(abs), parents: dirname(abs).split(sep).filter((s) => s !== ''), executable },
  };
  return { ok: true, bundle: { dext, abs, ownSources: iigFiles.length > 0 } };
}

/**
 * The .iig files for a dext of `project`: its target's, else every project .iig when one of them
 * declares a class the dext asks for (the chain may run through sibling files), else none.
 */
function iigFor(project: ProjectSources, target: SourceTarget | undefined, classes: string[]): SourceText[] {
  if (target && target.iig.length > 0) return target.iig;
  const table = readIigClasses(project.iig);
  return classes.some((c) => table.has(c)) ? project.iig : [];
}

/** Gives a built bundle the sources of its project: the family comes from them, the values from the build. */
function withProjectSources(b: BuiltBundle, project: ProjectSources | undefined, whyNone: string): DextInput {
  const dext = b.dext;
  const copies = b.copies ? { copies: b.copies } : {};
  if (b.ownSources) return b.copies ? { ...dext, sources: { why: 'the bundle holds its own sources', iig: (dext.iigFiles ?? []).map((t) => t.path), ...copies } } : dext;
  if (!project) return { ...dext, sources: { why: whyNone, iig: [], ...copies } };
  const info = dext.infoPlist.value as PlistDict;
  const pairing = pairWithSource(info, project.targets.map((t) => t.info.value as PlistDict));
  const target = pairing ? project.targets[pairing.index] : undefined;
  const iig = iigFor(project, target, userClassesOf(info));
  const entitlements = dext.entitlements ?? target?.entitlements ?? (iig.length > 0 ? project.soleDextEntitlements : undefined);
  const sources: SourcesUsed = {
    root: project.rootShown,
    why: project.why,
    pairedBy: pairing?.by,
    infoPlist: target?.info.path,
    iig: iig.map((t) => t.path),
    entitlements: entitlements !== dext.entitlements ? entitlements?.path : undefined,
    ...copies,
  };
  const differences = target ? sourceDifferences(info, target.info.value as PlistDict) : [];
  if (differences.length) sources.differences = differences;
  return {
    ...dext,
    iigFiles: iig,
    entitlements,
    // The app's signed entitlements are what it runs with; the project's files stand in for an unsigned app.
    appEntitlements: dext.appEntitlements?.length ? dext.appEntitlements : project.appEntitlements(entitlements),
    sources,
  };
}

/** Built bundles under `dir`, identical copies (a product and its copy embedded in the app) folded into one. */
async function findBuiltBundles(dir: string, show: (abs: string) => string): Promise<{ bundles: BuiltBundle[]; skipped: ReadError[] }> {
  const found = (await glob('**/*.dext', { cwd: dir, absolute: true, onlyDirectories: true, ignore: BUNDLE_IGNORE, deep: BUNDLE_DEPTH, followSymbolicLinks: false }))
    .map((p) => p.replace(/[\\/]$/, ''))
    .sort()
    // A .dext inside another (a plug-in folder) is part of that bundle, not one of the project's products.
    .filter((p, _i, all) => !all.some((o) => p.startsWith(o + sep)))
    .slice(0, MAX_BUNDLES);
  const byContent = new Map<string, BuiltBundle>();
  const copies = new Map<BuiltBundle, string[]>();
  const skipped: ReadError[] = [];
  for (const p of found) {
    // A half-built bundle (a failed build) must not stop the others from being linted.
    const r = await readBuiltBundle(p, show);
    if (!r.ok) {
      skipped.push(r.error);
      continue;
    }
    const key = JSON.stringify(r.bundle.dext.infoPlist.value, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
    const seen = byContent.get(key);
    if (!seen) {
      byContent.set(key, r.bundle);
      continue;
    }
    // Keep the copy the system would activate: the one embedded in an app.
    const embedded = (b: BuiltBundle): boolean => b.dext.bundle!.parents.includes('SystemExtensions');
    const [keep, drop] = embedded(r.bundle) && !embedded(seen) ? [r.bundle, seen] : [seen, r.bundle];
    byContent.set(key, keep);
    copies.set(keep, [...(copies.get(seen) ?? []), ...(copies.get(r.bundle) ?? []), show(drop.abs)]);
  }
  const bundles = [...byContent.values()];
  for (const b of bundles) b.copies = copies.get(b);
  return { bundles, skipped };
}

/** A folder inside a build (its path has a build, Build, Products or DerivedData folder among its last four). */
function isBuildOutput(abs: string): boolean {
  return abs.split(sep).slice(-4).some((name) => /^(build|Build|Products|DerivedData)$/.test(name));
}

async function readProjectFolder(dir: string, show: (abs: string) => string): Promise<DextInputsRead> {
  const abs = resolve(dir);
  const project = await scanProjectSources(abs, show(abs), FOLDER_GIVEN, show);
  const built = await findBuiltBundles(abs, show);
  let sources = project;
  // A build products folder (build/Release, DerivedData/…/Products/Debug) holds no sources: use its project's.
  if (built.bundles.length > 0 && sources.targets.length === 0 && sources.iig.length === 0 && isBuildOutput(abs)) {
    const around = await projectAround(abs, show);
    if (around.sources) sources = around.sources;
  }
  const dexts: DextInput[] = [];
  const paired = new Set<SourceTarget>();
  for (const b of built.bundles) {
    const d = withProjectSources(b, sources, '');
    const target = sources.targets.find((t) => t.info.path === d.sources?.infoPlist);
    if (target) paired.add(target);
    dexts.push(d);
  }
  // Source targets with no built bundle are linted from their sources.
  const sourceOnly = project.targets.filter((t) => !paired.has(t)).map((t) => project.sourceInput(t));
  const all = [...sourceOnly, ...dexts];
  const skipped = [...project.skipped, ...built.skipped];
  if (all.length === 0) return { ok: false, error: skipped[0] ?? { path: show(abs), reason: 'no DriverKit Info.plist (with IOKitPersonalities) or .dext bundle found' } };
  return { ok: true, dexts: all, ...(skipped.length ? { skipped } : {}) };
}

/** The project around `start`, or why none was searched. */
async function projectAround(start: string, show: (abs: string) => string): Promise<{ sources?: ProjectSources; whyNone: string }> {
  const root = await findProjectRoot(start);
  if (!root) return { whyNone: 'no project folder holding an .xcodeproj, .xcworkspace, Package.swift or .git was found above it' };
  return { sources: await scanProjectSources(root.dir, show(root.dir), root.why, show), whyNone: '' };
}

async function readBundleAlone(dir: string, show: (abs: string) => string): Promise<DextInputsRead> {
  const r = await readBuiltBundle(dir, show);
  if (!r.ok) return r;
  if (r.bundle.ownSources) return { ok: true, dexts: [r.bundle.dext] };
  const around = await projectAround(dirname(r.bundle.abs), show);
  return { ok: true, dexts: [withProjectSources(r.bundle, around.sources, around.whyNone)] };
}

async function readInfoPlistPath(path: string, show: (abs: string) => string): Promise<DextInputsRead> {
  const abs = resolve(path);
  const r = await readPlistFile(abs, show(abs));
  if (!r.ok) return r;
  if (!isDict(r.file.value)) return { ok: false, error: { path: r.file.path, reason: 'the property list root is not a dictionary' } };
  if (!isDextInfo(r.file)) return { ok: false, error: { path: r.file.path, reason: 'not a DriverKit Info.plist (no IOKitPersonalities, CFBundlePackageType is not DEXT)' } };
  const dir = dirname(abs);
  if (/\.dext$/i.test(basename(dir))) return readBundleAlone(dir, show);
  if (basename(dir) === 'Contents' && /\.dext$/i.test(basename(dirname(dir)))) return readBundleAlone(dirname(dir), show);
  // A source Info.plist: its folder's entitlements and .iig files belong to it.
  const entitlements = await readEntitlements((await glob('*.entitlements', { cwd: dir, absolute: true })).sort(), show);
  const own = entitlements.find(hasDriverKit) ?? (entitlements.length === 1 ? entitlements[0] : undefined);
  const iig = (await glob('*.iig', { cwd: dir, absolute: true })).sort();
  const dext: DextInput = { infoPlist: r.file, entitlements: own, appEntitlements: entitlements.filter((e) => e !== own && !hasDriverKit(e)), iigFiles: await readTexts(iig, show) };
  if (iig.length > 0) return { ok: true, dexts: [dext] };
  // None beside it (an Info.plist kept in a "Supporting Files" folder): its project's, as for a bundle.
  const around = await projectAround(dir, show);
  if (!around.sources) return { ok: true, dexts: [{ ...dext, sources: { why: around.whyNone, iig: [] } }] };
  const target = around.sources.targets.find((t) => t.absPath === abs);
  const iigTexts = iigFor(around.sources, target, userClassesOf(r.file.value));
  const ents = own ?? target?.entitlements;
  return {
    ok: true,
    dexts: [{
      ...dext,
      entitlements: ents,
      appEntitlements: around.sources.appEntitlements(ents),
      iigFiles: iigTexts,
      sources: { root: around.sources.rootShown, why: around.sources.why, iig: iigTexts.map((t) => t.path), entitlements: ents !== own ? ents?.path : undefined },
    }],
  };
}

export async function readDextInputs(path: string): Promise<DextInputsRead> {
  let kind: 'file' | 'dir';
  try {
    kind = (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: { path, reason: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? 'error'})` } };
  }
  const show = displayer(path);
  try {
    if (kind === 'file') return await readInfoPlistPath(path, show);
    if (/\.dext$/i.test(basename(resolve(path)))) return await readBundleAlone(path, show);
    return await readProjectFolder(path, show);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: { path, reason: `cannot read (${code ?? (e instanceof Error ? e.message : 'error')})` } };
  }
}
