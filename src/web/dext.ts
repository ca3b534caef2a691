/**
 * Dext bundles and dext project folders handed to the page, turned into linter inputs the way `paniclens lint`
 * reads them from disk (src/lint/read-bundle.ts), but from bytes in memory: a built `X.dext/` folder (Info.plist,
 * entitlements file or the executable's signature, .iig files), or loose Info.plist / .entitlements / .iig files.
 * Plists are decoded by `plist`, whose browser build reads XML through DOMParser and binary plists itself, so no
 * Node Buffer is needed in the page.
 */
import { parse as parsePlist } from 'plist';
import { readEmbeddedEntitlements } from '../lint/embedded-entitlements.js';
import { isDict, stringAt, toPlistValue } from '../lint/plist-values.js';
import type { DextInput, PlistFile, SourceText } from '../lint/types.js';
import { baseName, dirOf, type PageError, type PageFile } from './files.js';

export type DextRead = { ok: true; dexts: DextInput[] } | { ok: false; error: PageError };

const DRIVERKIT_KEY = 'com.apple.developer.driverkit';
const BPLIST = [0x62, 0x70, 0x6c, 0x69, 0x73, 0x74]; // "bplist"

/** Decode plist bytes (XML or bplist00); `path` names the file in the error. */
export function decodePlistBytes(bytes: Uint8Array, path: string): { ok: true; file: PlistFile } | { ok: false; error: PageError } {
  try {
    if (BPLIST.every((b, i) => bytes[i] === b)) return { ok: true, file: { path, value: toPlistValue(parsePlist(bytes)) } };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!/<plist[\s>]/.test(text)) return { ok: false, error: { path, message: 'not a property list (neither XML <plist> nor bplist00)' } };
    return { ok: true, file: { path, value: toPlistValue(parsePlist(text)) } };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { path, message: `invalid property list: ${(msg.split('\n')[0] ?? msg).trim()}` } };
  }
}

const isDextInfo = (f: PlistFile): boolean => isDict(f.value) && (isDict(f.value['IOKitPersonalities']) || stringAt(f.value, 'CFBundlePackageType') === 'DEXT');
const hasDriverKit = (f: PlistFile): boolean => isDict(f.value) && f.value[DRIVERKIT_KEY] !== undefined;
const text = (f: PageFile): SourceText => ({ path: f.path, text: new TextDecoder().decode(f.bytes) });

/** Entitlement files that parse; unreadable ones are skipped, as on disk (the Info.plist is what must be readable). */
function entitlementsOf(files: PageFile[]): PlistFile[] {
  const out: PlistFile[] = [];
  for (const f of files.filter((x) => /\.entitlements$/i.test(x.path))) {
    const r = decodePlistBytes(f.bytes, f.path);
    if (r.ok) out.push(r.file);
  }
  return out;
}

/** A built bundle: `root` is the "…/X.dext" prefix of its files' paths. */
function readBuiltBundle(root: string, files: PageFile[]): DextRead {
  const at = (rel: string): PageFile | undefined => files.find((f) => f.path === `${root}/${rel}`);
  const infoFile = at('Info.plist') ?? at('Contents/Info.plist');
  if (!infoFile) return { ok: false, error: { path: root, message: 'no Info.plist in the bundle' } };
  const info = decodePlistBytes(infoFile.bytes, infoFile.path);
  if (!info.ok) return info;
  if (!isDict(info.file.value)) return { ok: false, error: { path: infoFile.path, message: 'the property list root is not a dictionary' } };
  const entitlements = entitlementsOf(files);
  const exeName = stringAt(info.file.value, 'CFBundleExecutable');
  const exe = exeName ? (at(exeName) ?? at(`Contents/MacOS/${exeName}`)) : undefined;
  // A shipped bundle has no .entitlements file: its entitlements are in the executable's signature.
  const blob = exe && entitlements.length === 0 ? readEmbeddedEntitlements(exe.bytes) : undefined;
  const embedded = blob ? decodePlistBytes(blob, `${exe!.path} (signature entitlements)`) : undefined;
  const parents = dirOf(root).split('/').filter((s) => s !== '');
  return {
    ok: true,
    dexts: [
      {
        infoPlist: info.file,
        entitlements: entitlements.find(hasDriverKit) ?? entitlements[0] ?? (embedded?.ok ? embedded.file : undefined),
        iigFiles: files.filter((f) => /\.iig$/i.test(f.path)).map(text),
        bundle: { dirName: baseName(root), parents, ...(exe && { executable: { path: exe.path, bytes: exe.bytes } }) },
      },
    ],
  };
}

/** Loose files or a project folder: every DriverKit Info.plist with its entitlements and .iig files. */
function readSources(root: string, files: PageFile[]): DextRead {
  const plists: PlistFile[] = [];
  const infoFiles = files.filter((x) => /Info\.plist$/i.test(x.path));
  for (const f of infoFiles) {
    const r = decodePlistBytes(f.bytes, f.path);
    if (!r.ok) return r;
    if (isDextInfo(r.file)) plists.push(r.file);
  }
  if (plists.length === 0 && infoFiles.length === 1) {
    return { ok: false, error: { path: infoFiles[0]!.path, message: 'not a DriverKit Info.plist (no IOKitPersonalities, CFBundlePackageType is not DEXT)' } };
  }
  if (plists.length === 0) {
    const what = root === '' ? (files[0]?.path ?? 'files') : root;
    return { ok: false, error: { path: what, message: 'no DriverKit Info.plist (with IOKitPersonalities) or .dext bundle among these files' } };
  }
  const entitlements = entitlementsOf(files);
  const iig = files.filter((f) => /\.iig$/i.test(f.path));
  const dexts = plists.map((info): DextInput => {
    const dir = dirOf(info.path);
    const beside = entitlements.filter((e) => dirOf(e.path) === dir);
    const own = (beside.length ? beside : entitlements).filter(hasDriverKit)[0] ?? (beside.length === 1 ? beside[0] : undefined);
    const under = iig.filter((f) => f.path.startsWith(dir === '' ? '' : `${dir}/`));
    return {
      infoPlist: info,
      entitlements: own,
      appEntitlements: entitlements.filter((e) => e !== own && !hasDriverKit(e)),
      iigFiles: (under.length ? under : iig).map(text),
    };
  });
  return { ok: true, dexts };
}

/** `root` is a "…/X.dext" bundle path or the dropped folder (or "") that holds loose dext sources. */
export function readDextFiles(root: string, files: PageFile[]): DextRead {
  return /\.dext$/i.test(root) ? readBuiltBundle(root, files) : readSources(root, files);
}
