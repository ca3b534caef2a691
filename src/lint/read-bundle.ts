/**
 * Edge: turns the PATH given to `paniclens lint` into linter inputs. PATH may be a built `.dext`
 * bundle, a dext's Info.plist, or a project folder (searched for dext Info.plists, *.entitlements
 * and *.iig, skipping dependency and build directories).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { readEmbeddedEntitlements } from './embedded-entitlements.js';
import { isDict, stringAt } from './plist-values.js';
import { decodePlist, readPlistFile, type ReadError } from './read-plist-file.js';
import type { DextInput, PlistFile, SourceText } from './types.js';

export type { ReadError } from './read-plist-file.js';
export type DextInputsRead = { ok: true; dexts: DextInput[] } | { ok: false; error: ReadError };

const IGNORE = ['**/node_modules/**', '**/build/**', '**/Build/**', '**/DerivedData/**', '**/.git/**', '**/Pods/**', '**/dist/**'];
const DRIVERKIT_KEY = 'com.apple.developer.driverkit';

/** A dext Info.plist: it declares personalities or the DEXT package type. */
function isDextInfo(file: PlistFile): boolean {
  const v = file.value;
  return isDict(v) && (isDict(v['IOKitPersonalities']) || stringAt(v, 'CFBundlePackageType') === 'DEXT');
}

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

const hasDriverKit = (f: PlistFile): boolean => isDict(f.value) && f.value[DRIVERKIT_KEY] !== undefined;

/** The dext's own entitlements: next to its Info.plist first, else the one project file that grants DriverKit. */
function pickDextEntitlements(all: PlistFile[], infoDir: string, infoDisplayDir: string): PlistFile | undefined {
  const beside = all.filter((f) => dirname(f.path) === infoDisplayDir);
  const dk = (beside.length ? beside : all).filter(hasDriverKit);
  const dirName = basename(infoDir).toLowerCase();
  return dk.find((f) => basename(f.path).toLowerCase().startsWith(dirName)) ?? dk[0] ?? (beside.length === 1 ? beside[0] : undefined);
}

async function readBuiltBundle(dir: string, display: string): Promise<DextInputsRead> {
  const infoCandidates = [join(dir, 'Info.plist'), join(dir, 'Contents', 'Info.plist')];
  let info: PlistFile | undefined;
  for (const c of infoCandidates) {
    const r = await readPlistFile(c, join(display, c.slice(dir.length + 1)));
    if (r.ok) {
      info = r.file;
      break;
    }
    if (r.error.reason !== 'no such file') return { ok: false, error: r.error };
  }
  if (!info) return { ok: false, error: { path: display, reason: 'no Info.plist in the bundle' } };
  if (!isDict(info.value)) return { ok: false, error: { path: info.path, reason: 'the property list root is not a dictionary' } };
  const shown = (p: string): string => join(display, p.slice(dir.length + 1));
  const entFiles = await glob('**/*.entitlements', { cwd: dir, absolute: true, ignore: IGNORE });
  const iigFiles = await glob('**/*.iig', { cwd: dir, absolute: true, ignore: IGNORE });
  const entitlements = await readEntitlements(entFiles.sort(), shown);
  const exeName = stringAt(info.value, 'CFBundleExecutable');
  let executable: { path: string; bytes: Uint8Array } | undefined;
  for (const p of exeName ? [join(dir, exeName), join(dir, 'Contents', 'MacOS', exeName)] : []) {
    try {
      executable = { path: shown(p), bytes: await readFile(p) };
      break;
    } catch {
      // Try the next layout; a missing executable is reported by L19 as an info finding.
    }
  }
  // A shipped bundle has no .entitlements file: its entitlements are in the executable's signature.
  const blob = executable && entitlements.length === 0 ? readEmbeddedEntitlements(executable.bytes) : undefined;
  const embedded = blob ? decodePlist(blob, `${executable!.path} (signature entitlements)`) : undefined;
  const abs = resolve(dir);
  const dext: DextInput = {
    infoPlist: info,
    entitlements: entitlements.find(hasDriverKit) ?? entitlements[0] ?? (embedded?.ok ? embedded.file : undefined),
    iigFiles: await readTexts(iigFiles.sort(), shown),
    bundle: { dirName: basename(abs), parents: dirname(abs).split(sep).filter((s) => s !== ''), executable },
  };
  return { ok: true, dexts: [dext] };
}

async function readProjectFolder(dir: string, display: string): Promise<DextInputsRead> {
  const shown = (p: string): string => join(display, p.slice(resolve(dir).length + 1));
  const bundles = (await glob('**/*.dext', { cwd: dir, absolute: true, onlyDirectories: true, ignore: IGNORE })).map((p) => p.replace(/[\\/]$/, '')).sort();
  const inBundle = (p: string): boolean => bundles.some((b) => p.startsWith(b + sep));
  const plists = (await glob(['**/*Info.plist', '**/*-Info.plist'], { cwd: dir, absolute: true, ignore: IGNORE })).filter((p) => !inBundle(p)).sort();
  const entPaths = (await glob('**/*.entitlements', { cwd: dir, absolute: true, ignore: IGNORE })).filter((p) => !inBundle(p)).sort();
  const iigPaths = (await glob('**/*.iig', { cwd: dir, absolute: true, ignore: IGNORE })).filter((p) => !inBundle(p)).sort();
  const entitlements = await readEntitlements(entPaths, shown);
  const dexts: DextInput[] = [];
  for (const p of plists) {
    const r = await readPlistFile(p, shown(p));
    if (!r.ok) return { ok: false, error: r.error };
    if (!isDextInfo(r.file)) continue;
    const own = pickDextEntitlements(entitlements, dirname(p), dirname(r.file.path));
    // .iig files of this target: under the Info.plist's folder, else anywhere in the project.
    const under = iigPaths.filter((i) => i.startsWith(dirname(p) + sep));
    dexts.push({
      infoPlist: r.file,
      entitlements: own,
      appEntitlements: entitlements.filter((e) => e !== own && !hasDriverKit(e)),
      iigFiles: await readTexts(under.length ? under : iigPaths, shown),
    });
  }
  for (const b of bundles) {
    const r = await readBuiltBundle(b, shown(b));
    if (!r.ok) return r;
    dexts.push(...r.dexts);
  }
  if (dexts.length === 0) return { ok: false, error: { path: display, reason: 'no DriverKit Info.plist (with IOKitPersonalities) or .dext bundle found' } };
  return { ok: true, dexts };
}

async function readInfoPlistPath(path: string): Promise<DextInputsRead> {
  const r = await readPlistFile(path);
  if (!r.ok) return r;
  if (!isDict(r.file.value)) return { ok: false, error: { path, reason: 'the property list root is not a dictionary' } };
  if (!isDextInfo(r.file)) return { ok: false, error: { path, reason: 'not a DriverKit Info.plist (no IOKitPersonalities, CFBundlePackageType is not DEXT)' } };
  const dir = dirname(path);
  if (/\.dext$/i.test(basename(resolve(dir)))) return readBuiltBundle(dir, dir);
  // A lone source Info.plist: its folder's entitlements and .iig files belong to it.
  const shown = (p: string): string => join(dir, basename(p));
  const entitlements = await readEntitlements((await glob('*.entitlements', { cwd: dir, absolute: true })).sort(), shown);
  const own = entitlements.find(hasDriverKit) ?? (entitlements.length === 1 ? entitlements[0] : undefined);
  const iig = (await glob('*.iig', { cwd: dir, absolute: true })).sort();
  return {
    ok: true,
    dexts: [{ infoPlist: r.file, entitlements: own, appEntitlements: entitlements.filter((e) => e !== own && !hasDriverKit(e)), iigFiles: await readTexts(iig, shown) }],
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
  try {
    if (kind === 'file') return await readInfoPlistPath(path);
    if (/\.dext[\\/]?$/i.test(path) || /\.dext$/i.test(basename(resolve(path)))) return await readBuiltBundle(path, path.replace(/[\\/]$/, ''));
    return await readProjectFolder(path, path.replace(/[\\/]$/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: { path, reason: `cannot read (${code ?? (e instanceof Error ? e.message : 'error')})` } };
  }
}
