/**
 * Edge: the files of a folder (recursively) or of a glob, in a stable order, each file once
 * (`triage` and `analyze`). Hidden files and dependency or bundle trees are left out.
 *
 * Symbolic links are followed: a folder may link reports kept elsewhere. A file reached by several
 * routes is listed once, though: a link to a subfolder (`latest -> run-42`) or back up (`all -> .`)
 * would otherwise count every report under it twice, and the buckets with it.
 */
import { existsSync, realpath as realpathCb, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** Extensions read inside folders and archives (any case); a file named on the command line is read whatever its name. */
export const REPORT_EXTENSIONS = ['ips', 'crash', 'panic', 'spin', 'hang', 'diag', 'shutdownStall', 'stackshot', 'txt', 'log', 'json'];
/**
 * What follows a report's own extension when it was copied off an iPhone or iPad: `.ips.synced`
 * (FORMATS §1; the analytics data a device syncs to a Mac). `.ips.ca.synced` is Core Analytics, not a report.
 */
export const COPY_SUFFIX = '.synced';
const COPIED = `(?:\\${COPY_SUFFIX})?`;
const REPORT_NAME = new RegExp(`\\.(${REPORT_EXTENSIONS.join('|')})${COPIED}$`, 'i');
/** Extensions that many non-report files share: such a file met in a folder that holds no report is passed over, not failed. */
const GENERIC_NAME = new RegExp(`\\.(txt|log|json)${COPIED}$`, 'i');

/** Whether a file met in a folder or archive is read as a report, by its name. */
export function isReportName(path: string): boolean {
  return REPORT_NAME.test(path);
}

/** Whether a file met in a folder, refused with `message`, is passed over rather than failed: a generic name that held no report. */
export function isPassedOver(path: string, message: string): boolean {
  return GENERIC_NAME.test(path) && message.startsWith('unrecognised content');
}

export const ARCHIVE_ZIP = /\.zip$/i;
export const ARCHIVE_TGZ = /\.(tar\.gz|tgz)$/i;

/**
 * The archive a path names an entry of, as triage names archive entries (`bundle.zip!/dir/x.ips`,
 * nested: `bundle.zip!/c1/sd.tar.gz!/x.ips`): the outermost archive's path, when that archive is a
 * file and the path itself is none; else undefined.
 */
export function archiveOfEntry(path: string): string | undefined {
  const archive = /^(.+?\.(?:zip|tar\.gz|tgz))!\/./i.exec(path)?.[1];
  return archive !== undefined && isFile(archive) && !existsSync(path) ? archive : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A .zip or .tar.gz archive, by its name (triage reads them entry by entry; analyze does not). */
export function isArchive(path: string): boolean {
  return ARCHIVE_ZIP.test(path) || ARCHIVE_TGZ.test(path);
}

/** Trees that hold no reports: dependencies, and bundles (`lint` and `analyze --dext` read .dext bundles). */
export const IGNORED_TREES = ['**/node_modules/**', '**/*.dSYM/**', '**/*.dext/**'];

const realpath = promisify(realpathCb.native);

/** The files below `root`, as paths relative to it ('/'-separated), sorted. */
export function listFolder(root: string): Promise<string[]> {
  return listFiles('**/*', root, {});
}

/**
 * The files a glob matches, sorted: absolute when the pattern is (as a shell would give them),
 * else relative to the working folder.
 */
export function listGlob(pattern: string): Promise<string[]> {
  return listFiles(pattern, process.cwd(), { expandDirectories: false, absolute: isAbsolute(pattern) });
}

async function listFiles(pattern: string, cwd: string, extra: { expandDirectories?: boolean; absolute?: boolean }): Promise<string[]> {
  // The glob library loads only when a folder or a pattern is given.
  const { glob } = await import('tinyglobby');
  // The walk resolves a path only when it meets a link, so a walk without links costs no second one.
  let linked = false;
  const fs = {
    realpath: ((path: string, callback: (err: NodeJS.ErrnoException | null, resolved: string) => void) => {
      linked = true;
      realpathCb(path, callback);
    }) as typeof realpathCb,
    realpathSync: ((path: string) => {
      linked = true;
      return realpathSync(path);
    }) as typeof realpathSync,
  };
  const options = { cwd, onlyFiles: true, dot: false, ignore: IGNORED_TREES, ...extra };
  const files = (await glob(pattern, { ...options, fs })).sort();
  if (!linked) return files;
  // The paths that pass through no link below the walk's start name their files directly (their
  // real paths differ only by the folders above, resolved once each). A file reached only through
  // links is listed once, under its shortest path (`out.crash`, not `all/out.crash`).
  const direct = await glob(pattern, { ...options, followSymbolicLinks: false });
  const directSet = new Set(direct);
  const realFolders = new Map<string, string>();
  const named = new Set<string>();
  for (const f of direct) {
    const folder = dirname(resolve(cwd, f));
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = await realpath(folder).catch(() => folder);
      realFolders.set(folder, real);
    }
    named.add(join(real, basename(f)));
  }
  const viaLinks = new Map<string, string>();
  const keep = new Set(direct);
  for (const f of files) {
    if (directSet.has(f)) continue;
    let real: string;
    try {
      real = await realpath(resolve(cwd, f));
    } catch {
      // Gone or unreadable since the walk: the reader says why.
      keep.add(f);
      continue;
    }
    if (named.has(real)) continue;
    const before = viaLinks.get(real);
    if (before === undefined || depth(f) < depth(before)) viaLinks.set(real, f);
  }
  for (const f of viaLinks.values()) keep.add(f);
  return files.filter((f) => keep.has(f));
}

function depth(path: string): number {
  let n = 0;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) n++;
  return n;
}
