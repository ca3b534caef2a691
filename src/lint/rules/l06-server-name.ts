// L06: IOUserServerName makes the kernel launch a dext; it should equal the bundle id, and with
// IOUserServerOneProcess its first two components must match the bundle id's (A26).
import { findingFor, type Rule } from '../context.js';
import { isTrue, isUnresolved, stringAt } from '../plist-values.js';
import type { Finding } from '../types.js';

const org = (id: string): string => id.split('.').slice(0, 2).join('.');

export const l06ServerName: Rule = (ctx) => {
  const out: Finding[] = [];
  const bundleId = ctx.bundleId;
  const known = bundleId !== undefined && !isUnresolved(bundleId);
  for (const p of ctx.personalities) {
    const f = findingFor(ctx.infoPath, p.name);
    const name = stringAt(p.dict, 'IOUserServerName');
    if (name === undefined || name.trim() === '') {
      out.push(f('L06', 'error', 'IOUserServerName', 'IOUserServerName is missing.', bundleId ?? 'the dext bundle identifier',
        'without it the kernel treats the personality as an in-kernel driver and never launches the dext process.'));
      continue;
    }
    if (!known || isUnresolved(name) || name === bundleId) continue;
    if (isTrue(p.dict['IOUserServerOneProcess']) && org(name) !== org(bundleId)) {
      out.push(f('L06', 'warning', 'IOUserServerName', `IOUserServerName "${name}" does not share the organization prefix of bundle id "${bundleId}" while IOUserServerOneProcess is set.`, bundleId,
        'the kernel logs "not correct organization for bundleID" and will not reuse the server process.'));
    } else {
      out.push(f('L06', 'warning', 'IOUserServerName', `IOUserServerName "${name}" differs from the bundle id "${bundleId}".`, bundleId,
        'logs and crash reports name a different process than the bundle, and server reuse rules may refuse it.'));
    }
  }
  return out;
};
