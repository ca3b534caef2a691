/**
 * DriverKit extensions named in a panic: the registry dump form
 * `<bundle>.dext: ( id: …; path: /Library/SystemExtensions/<UUID>/<bundle>.dext; state: loaded )`
 * (FORMATS §5.2), and `Driver <bundle> has crashed too many times` panic messages (§7.5).
 */
import type { DextMention } from '../../model/report.js';

const REGISTRY_FORM = /([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*)\.dext:\s*\(\s*id:\s*([^;)]*);\s*path:\s*([^;)]*);\s*state:\s*([^)]*?)\s*\)/;
const TOO_MANY = /Driver (\S+?) has crashed too many times/;

/** A dext mention on one line, or undefined. */
export function readDextMention(trimmed: string): DextMention | undefined {
  const at = trimmed.indexOf('.dext:');
  if (at >= 0) {
    // Only a window around ".dext:" is searched, so a long damaged line costs no more than a short one.
    const m = REGISTRY_FORM.exec(trimmed.slice(Math.max(0, at - 256), at + 1024));
    if (m) {
      const d: DextMention = { bundleId: m[1] as string };
      const id = (m[2] as string).trim();
      if (id) d.id = id;
      const path = (m[3] as string).trim();
      if (path) d.path = path;
      if (m[4]) d.state = m[4];
      return d;
    }
  }
  // TOO_MANY holds this literal; most lines lack it and skip the unanchored scan.
  const t = trimmed.includes(' has crashed too many times') ? TOO_MANY.exec(trimmed) : null;
  if (t) return { bundleId: (t[1] as string).replace(/\.dext$/, ''), state: 'crashed too many times' };
  return undefined;
}
