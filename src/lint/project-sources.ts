/**
 * Edge: the sources of a DriverKit project (dext Info.plists, .iig, .entitlements), and the project
 * folder around a built bundle or an Info.plist. Searches are bounded: a few levels up to a project
 * marker, a depth and a file count below it, so pointing at a bundle never walks a home directory.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { isDict, stringAt } from './plist-values.js';
import { readPlistFile, type ReadError } from './read-plist-file.js';
import { FOLDER_GIVEN, type DextInput, type PlistFile, type SourceText } from './types.js';

const DRIVERKIT_KEY = 'com.apple.developer.driverkit';
const SOURCE_IGNORE = ['**/node_modules/**', '**/build/**', '**/Build/**', '**/DerivedData/**', '**/.git/**', '**/Pods/**', '**/dist/**', '**/*.dext/**', '**/*.app/**', '**/*.xcodeproj/**', '**/*.xcworkspace/**'];
const SOURCE_DEPTH = 8;
const MAX_FILES = 500;
const MAX_IIG_BYTES = 1 << 20;
/** How many folders above a bundle a project marker is looked for (X.dext in Proj/build/Release/Host.app/Contents/Library/SystemExtensions is 7). */
const MAX_UP = 8;

export interface SourceTarget {
  info: PlistFile;
  absPath: string;
  /** The target's .iig files: those under its Info.plist's folder. */
  iig: SourceText[];
  entitlements?: PlistFile;
}

export interface ProjectSources {
  rootShown: string;
  why: string;
  /** One per dext Info.plist among the sources. */
  targets: SourceTarget[];
  /** Every .iig of the project. */
  iig: SourceText[];
  /** The project's DriverKit entitlements file when it has exactly one. */
  soleDextEntitlements?: PlistFile;
  /** Entitlement files that are not the dext's (the host app's). */
  appEntitlements(own: PlistFile | undefined): PlistFile[];
  /** A source target linted on its own (no built bundle to pair it with). */
  sourceInput(t: SourceTarget): DextInput;
  /** Info.plists that could not be read. */
  skipped: ReadError[];
}

export const hasDriverKit = (f: PlistFile): boolean => isDict(f.value) && f.value[DRIVERKIT_KEY] !== undefined;

/** A dext Info.plist: it declares personalities or the DEXT package type. */
export function isDextInfo(file: PlistFile): boolean {
  const v = file.value;
  return isDict(v) && (isDict(v['IOKitPersonalities']) || stringAt(v, 'CFBundlePackageType') === 'DEXT');
}

/** The dext's own entitlements: next to its Info.plist first, else the one project file that grants DriverKit. */
function pickDextEntitlements(all: PlistFile[], infoAbs: string, absOf: Map<PlistFile, string>): PlistFile | undefined {
  const dir = dirname(infoAbs);
  const beside = all.filter((f) => dirname(absOf.get(f)!) === dir);
  const dk = (beside.length ? beside : all).filter(hasDriverKit);
  const dirName = basename(dir).toLowerCase();
  return dk.find((f) => basename(f.path).toLowerCase().startsWith(dirName)) ?? dk[0] ?? (beside.length === 1 ? beside[0] : undefined);
}

async function sourceGlob(root: string, pattern: string | string[]): Promise<string[]> {
  // Symbolic links are not followed: a link back up the tree must not multiply the search.
  return (await glob(pattern, { cwd: root, absolute: true, ignore: SOURCE_IGNORE, deep: SOURCE_DEPTH, followSymbolicLinks: false })).sort().slice(0, MAX_FILES);
}

/**
 * Reads the sources under `root`. Unreadable files are skipped; in the folder the user named
 * (`strict`) an unreadable Info.plist is listed in `skipped`, since it may be the dext's.
 */
export async function scanProjectSources(
  root: string,
  rootShown: string,
  why: string,
  show: (abs: string) => string,
  strict = why === FOLDER_GIVEN,
): Promise<ProjectSources> {
  const absOf = new Map<PlistFile, string>();
  const entitlements: PlistFile[] = [];
  for (const p of await sourceGlob(root, '**/*.entitlements')) {
    const r = await readPlistFile(p, show(p));
    if (r.ok) {
      entitlements.push(r.file);
      absOf.set(r.file, p);
    }
  }
  const iig: { abs: string; text: SourceText }[] = [];
  for (const p of await sourceGlob(root, '**/*.iig')) {
    try {
      if ((await stat(p)).size > MAX_IIG_BYTES) continue;
      iig.push({ abs: p, text: { path: show(p), text: await readFile(p, 'utf8') } });
    } catch {
      // An unreadable header declares nothing we can see; L05 reports classes it cannot find.
    }
  }
  const targets: SourceTarget[] = [];
  const skipped: ReadError[] = [];
  for (const p of await sourceGlob(root, ['**/*Info.plist', '**/*-Info.plist'])) {
    const r = await readPlistFile(p, show(p));
    if (!r.ok) {
      if (strict) skipped.push(r.error);
      continue;
    }
    if (!isDextInfo(r.file)) continue;
    const under = iig.filter((i) => i.abs.startsWith(dirname(p) + sep)).map((i) => i.text);
    targets.push({ info: r.file, absPath: p, iig: under, entitlements: pickDextEntitlements(entitlements, p, absOf) });
  }
  const dextEntitlements = entitlements.filter(hasDriverKit);
  const appEntitlements = (own: PlistFile | undefined): PlistFile[] => entitlements.filter((e) => e !== own && !hasDriverKit(e));
  const allIig = iig.map((i) => i.text);
  return {
    rootShown,
    why,
    targets,
    iig: allIig,
    soleDextEntitlements: dextEntitlements.length === 1 ? dextEntitlements[0] : undefined,
    appEntitlements,
    // A target's .iig files: those under its Info.plist's folder, else the project's.
    sourceInput: (t) => ({ infoPlist: t.info, entitlements: t.entitlements, appEntitlements: appEntitlements(t.entitlements), iigFiles: t.iig.length ? t.iig : allIig }),
    skipped,
  };
}

const MARKER = /\.(xcodeproj|xcworkspace)$|^(\.git|Package\.swift)$/;

/** Xcode's DerivedData/<Project>-<hash>/info.plist names the workspace the products were built from. */
async function derivedDataWorkspace(dir: string): Promise<string | undefined> {
  const r = await readPlistFile(join(dir, 'info.plist'));
  const ws = r.ok && isDict(r.file.value) ? stringAt(r.file.value, 'WorkspacePath') : undefined;
  if (!ws) return undefined;
  try {
    return (await stat(dirname(ws))).isDirectory() ? dirname(ws) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The project folder around `start`: the nearest folder (start included, up to MAX_UP above) holding
 * an .xcodeproj, .xcworkspace, Package.swift or .git; the project a DerivedData folder was built from;
 * else the folder holding the nearest `build` folder. Undefined when none is found within bounds.
 */
export async function findProjectRoot(start: string): Promise<{ dir: string; why: string } | undefined> {
  let dir = resolve(start);
  let buildParent: string | undefined;
  for (let i = 0; i <= MAX_UP; i++) {
    let names: string[] = [];
    try {
      names = await readdir(dir);
    } catch {
      // An unreadable folder holds no marker we can see; keep climbing.
    }
    // A home folder kept in git is no project: never search all of it.
    const marker = dir === homedir() ? undefined : names.sort().find((n) => MARKER.test(n));
    if (marker) return { dir, why: `it holds ${marker}` };
    if (names.includes('info.plist') && basename(dirname(dir)) === 'DerivedData') {
      const ws = await derivedDataWorkspace(dir);
      if (ws) return { dir: ws, why: `${basename(dir)}'s DerivedData names its workspace` };
    }
    if (!buildParent && /^(build|Build)$/.test(basename(dir)) && basename(dirname(dirname(dir))) !== 'DerivedData') buildParent = dirname(dir);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return buildParent ? { dir: buildParent, why: 'it holds the build folder' } : undefined;
}
