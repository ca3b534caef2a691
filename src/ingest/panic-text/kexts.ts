/**
 * Kext lines of a panic (FORMATS §5.5, §5.2, §5.3): `Kernel Extensions in backtrace:` entries and their
 * `dependency:` lines (`@0xSTART->0xEND`, or the old `@0xSTART` only), `last started/stopped kext`
 * (and the older loaded/unloaded wording), and the `loaded kexts:` list.
 */
import type { KextInfo } from '../../model/report.js';
import { hexCapture } from './lines.js';
import { normalizeUuid } from '../../model/uuid.js';

const ENTRY = /^([A-Za-z0-9_.\-]+)\(([^)]*)\)(?:\[([0-9A-Fa-f-]+)\])?@(0x[0-9a-fA-F]+)(?:->(0x[0-9a-fA-F]+))?/;
const DEPENDENCY = /^dependency:\s*(.*)$/;
const LAST_KEXT =
  /^last (started|stopped|loaded|unloaded) kext at (\d+):\s+(\S+)(?:\s+([^\s(]+))?(?:\s+\(addr (0x[0-9a-fA-F]+), size (\d+)\))?/;
const LOADED = /^([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)(?:\s+(\S+))?\s*$/;

/** `Kernel Extensions in backtrace:`, and the older `… (with dependencies):` / `Kernel loadable modules in backtrace` forms. */
export const KEXTS_HEADER = /^Kernel (?:Extensions|loadable modules) in backtrace(?: \(with dependencies\))?:\s*(.*)$/;
export const LOADED_HEADER = /^loaded kexts:\s*$/;

/** `bundle(version)[UUID]@0xSTART->0xEND`, or undefined. */
export function readKextEntry(s: string): KextInfo | undefined {
  const m = ENTRY.exec(s);
  if (!m) return undefined;
  const kext: KextInfo = { bundleId: m[1] as string };
  if (m[2]) kext.version = m[2];
  const uuid = normalizeUuid(m[3]);
  if (uuid) kext.uuid = uuid;
  const start = hexCapture(m[4]);
  if (start !== undefined) kext.start = start;
  const end = hexCapture(m[5]);
  if (end !== undefined) kext.end = end;
  return kext;
}

/** Read one line inside the `Kernel Extensions in backtrace` block; false when the block has ended. */
export function readKextBlockLine(trimmed: string, kexts: KextInfo[]): boolean {
  const dep = DEPENDENCY.exec(trimmed);
  if (dep) {
    const kext = readKextEntry(dep[1] as string);
    const owner = kexts[kexts.length - 1];
    if (!kext) return true;
    if (owner) (owner.dependencies ??= []).push(kext);
    else kexts.push(kext);
    return true;
  }
  const kext = readKextEntry(trimmed);
  if (!kext) return false;
  kexts.push(kext);
  return true;
}

export interface LastKext {
  which: 'started' | 'stopped';
  kext: KextInfo;
}

/** `last started kext at T: id<TAB>ver (addr 0x…, size N)`; loaded/unloaded read as started/stopped. */
export function readLastKext(trimmed: string): LastKext | undefined {
  const m = LAST_KEXT.exec(trimmed);
  if (!m) return undefined;
  const kext: KextInfo = { bundleId: m[3] as string };
  if (m[4]) kext.version = m[4];
  const start = hexCapture(m[5]);
  if (start !== undefined) {
    kext.start = start;
    const size = m[6] !== undefined ? BigInt(m[6]) : 0n;
    if (size > 0n) kext.end = start + size - 1n;
  }
  const which = m[1] === 'started' || m[1] === 'loaded' ? 'started' : 'stopped';
  return { which, kext };
}

/** One `bundle-id<TAB>version` row of `loaded kexts:`; undefined ends the list. */
export function readLoadedKext(trimmed: string): KextInfo | undefined {
  const m = LOADED.exec(trimmed);
  if (!m) return undefined;
  const kext: KextInfo = { bundleId: m[1] as string };
  if (m[2]) kext.version = m[2];
  return kext;
}
