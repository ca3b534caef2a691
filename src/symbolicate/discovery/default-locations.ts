/**
 * Edge: where symbols usually are on a Mac (SYMBOLICATION.md §6): Xcode Archives and DerivedData, DeviceSupport,
 * KDKs, and Spotlight's dSYM UUID index.
 */
import { join } from 'node:path';
import type { IndexRoot } from './symbol-index.js';

export async function defaultRoots(platform: NodeJS.Platform = process.platform, home?: string): Promise<IndexRoot[]> {
  if (platform !== 'darwin') return [];
  // node:os loads only here (macOS): elsewhere it was start-up work of every `analyze`.
  home ??= (await import('node:os')).homedir();
  const xcode = join(home, 'Library/Developer/Xcode');
  return [
    { path: join(xcode, 'Archives'), symbolBundlesOnly: true },
    { path: join(xcode, 'DerivedData'), symbolBundlesOnly: true },
    { path: '/Library/Developer/KDKs', symbolBundlesOnly: true },
  ];
}

/** The Spotlight query for a dSYM with this UUID. */
export function mdfindQuery(uuid: string): string {
  return `com_apple_xcode_dsym_uuids == ${uuid.toUpperCase()}`;
}

/** dSYM bundles Spotlight knows for a UUID; [] off macOS or when mdfind fails. */
export async function spotlightDsyms(uuid: string, platform: NodeJS.Platform = process.platform): Promise<string[]> {
  if (platform !== 'darwin') return [];
  try {
    // execa loads on first use (macOS only): evaluating it costs more start-up than most reports take to analyse.
    const { execa } = await import('execa');
    const { stdout } = await execa('mdfind', [mdfindQuery(uuid)], { stdin: 'ignore', timeout: 10_000 });
    return stdout.split('\n').filter((l) => l.trim() !== '');
  } catch {
    return [];
  }
}
