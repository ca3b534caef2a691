/**
 * What a report is about, as correlation keys: bundle ids and process names (FORMATS §7.6:
 * `<id>.dext` ↔ `Driver <id>` ↔ an .ips procPath under /Library/SystemExtensions/<UUID>/<id>.dext/).
 */
import type { Report } from '../model/report.js';

const DEXT_PATH = /\/([^/]+)\.dext(?:\/|$)/;
const DRIVER_LINE = /\bDriver (\S+) has crashed (?:\d+ time\(s\)|too many times)/;
const DEXT_SENDER = /^\(([^()\s]+)\.dext\)/;

/** Bundle ids of the dexts a report is about. */
export function dextBundleIdsOf(r: Report): string[] {
  const ids = new Set<string>();
  const path = r.process.path && DEXT_PATH.exec(r.process.path);
  if (path) ids.add(r.process.bundleId ?? (path[1] as string));
  for (const d of r.panic?.dexts ?? []) ids.add(d.bundleId);
  if (r.kind === 'kernel-log' || r.events.length > 0) {
    for (const e of r.events) {
      const dk = e.driverKit;
      if (dk && (dk.kind === 'crash-count' || dk.kind === 'crashed-too-many-times' || dk.kind === 'dext-output')) ids.add(stripDext(dk.bundleId));
      if (e.sender?.endsWith('.dext')) ids.add(stripDext(e.sender));
      // The literal each pattern needs, checked first: most kernel-log lines hold neither, and a regex per line costs.
      const msg = e.message;
      const m = (msg.includes('Driver ') ? DRIVER_LINE.exec(msg) : null) ?? (msg.charCodeAt(0) === 40 ? DEXT_SENDER.exec(msg) : null);
      if (m) ids.add(stripDext(m[1] as string));
    }
  }
  return [...ids];
}

/** Lower-case keys that tie reports of one incident together. */
export function subjectKeysOf(r: Report): string[] {
  const keys = new Set<string>();
  for (const k of dextBundleIdsOf(r)) keys.add(k.toLowerCase());
  if (r.kind !== 'kernel-log' && r.kind !== 'panic') {
    if (r.process.bundleId) keys.add(r.process.bundleId.toLowerCase());
    if (r.process.name) keys.add(r.process.name.toLowerCase());
  }
  return [...keys];
}

const stripDext = (s: string): string => (s.endsWith('.dext') ? s.slice(0, -5) : s);
