/**
 * Edge: the files of a folder, recursively, in a stable order, each file once (`triage` and
 * `analyze` of a folder). Hidden files and dependency or bundle trees are left out.
 *
 * Symbolic links are followed: a folder may link reports kept elsewhere. A file reached by several
 * routes is listed once, though: a link to a subfolder (`latest -> run-42`) or back up (`all -> .`)
 * would otherwise count every report under it twice, and the buckets with it.
 */
import { realpath as realpathCb, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Trees that hold no reports: dependencies, and bundles (`lint` and `analyze --dext` read .dext bundles). */
export const IGNORED_TREES = ['**/node_modules/**', '**/*.dSYM/**', '**/*.dext/**'];

const realpath = promisify(realpathCb.native);

/** The files below `root`, as paths relative to it ('/'-separated), sorted. */
export async function listFolder(root: string): Promise<string[]> {
  // The glob library loads only when a folder is given.
  const { glob } = await import('tinyglobby');
  // The walk resolves a path only when it meets a link, so a folder without links costs no second walk.
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
  const options = { cwd: root, onlyFiles: true, dot: false, ignore: IGNORED_TREES };
  const files = (await glob('**/*', { ...options, fs })).sort();
  if (!linked) return files;
  // The paths that pass through no link name their files directly. A file reached only through
  // links is listed once, under its shortest path (`out.crash`, not `all/out.crash`).
  const direct = await glob('**/*', { ...options, followSymbolicLinks: false });
  const directSet = new Set(direct);
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return files;
  }
  const named = new Set(direct.map((f) => join(realRoot, f)));
  const viaLinks = new Map<string, string>();
  const keep = new Set(direct);
  for (const f of files) {
    if (directSet.has(f)) continue;
    let real: string;
    try {
      real = await realpath(join(root, f));
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
