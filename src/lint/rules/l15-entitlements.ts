// L15: the dext holds com.apple.developer.driverkit and its family's entitlements (§2), and user-client
// access is granted on the right side (app: userclient-access list; dext: allow-any-userclient-access).
import { findingFor, type LintContext, type Rule } from '../context.js';
import { DRIVERKIT } from '../families.js';
import { declaresUserClient } from '../iig-classes.js';
import { arrayAt, isUnresolved } from '../plist-values.js';
import type { Finding } from '../types.js';

const USERCLIENT_ACCESS = `${DRIVERKIT}.userclient-access`;
const ALLOW_ANY = `${DRIVERKIT}.allow-any-userclient-access`;

function familyEntitlements(ctx: LintContext): Map<string, string> {
  const needed = new Map<string, string>();
  for (const p of ctx.personalities) {
    const fam = ctx.familyOf(p).family;
    for (const e of fam?.entitlements ?? []) if (!needed.has(e)) needed.set(e, fam!.name);
  }
  return needed;
}

function userClientAccess(ctx: LintContext, ents: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const file = ctx.entitlementsPath ?? ctx.infoPath;
  if (ents[USERCLIENT_ACCESS] !== undefined) {
    out.push(findingFor(file, null)('L15', 'error', USERCLIENT_ACCESS, `${USERCLIENT_ACCESS} is in the dext's entitlements; it belongs to the app that opens the dext.`,
      `${USERCLIENT_ACCESS} on the app, or ${ALLOW_ANY} on the dext`, 'the app is refused when it opens the user client (kIOReturnNotPermitted, 0xe00002e2).'));
  }
  for (const app of ctx.appEntitlements) {
    if (app.dict[ALLOW_ANY] !== undefined) {
      out.push(findingFor(app.path, null)('L15', 'error', ALLOW_ANY, `${ALLOW_ANY} is in the app's entitlements; it belongs to the dext.`, `${ALLOW_ANY} on the dext`,
        'the grant has no effect on the app side, so the app may be refused when it opens the user client (0xe00002e2).'));
    }
  }
  const offers = declaresUserClient(ctx.classes) || ctx.personalities.some((p) => p.dict['UserClientProperties'] !== undefined);
  if (!offers || ents[ALLOW_ANY] === true) return out;
  const id = ctx.bundleId;
  const apps = ctx.appEntitlements.filter((a) => a.dict[ALLOW_ANY] === undefined);
  if (apps.length === 0) {
    out.push(findingFor(file, null)('L15', 'info', USERCLIENT_ACCESS, `The dext offers a user client but no app entitlements were found, so it could not be checked that an app may open it.`,
      `${USERCLIENT_ACCESS} = [${id ?? 'the dext bundle id'}] on the app, or ${ALLOW_ANY} on the dext`, 'an app without the grant is refused with kIOReturnNotPermitted (0xe00002e2).'));
    return out;
  }
  for (const app of apps) {
    const list = (arrayAt(app.dict, USERCLIENT_ACCESS) ?? []).filter((x): x is string => typeof x === 'string');
    if (id && (isUnresolved(id) || list.includes(id) || list.some(isUnresolved))) continue;
    out.push(findingFor(app.path, null)('L15', 'error', USERCLIENT_ACCESS, `The app's ${USERCLIENT_ACCESS} does not list the dext "${id ?? '?'}".`, `[${[...list, id ?? 'the dext bundle id'].join(', ')}]`,
      'the app is refused when it opens the user client (kIOReturnNotPermitted, 0xe00002e2).'));
  }
  return out;
}

export const l15Entitlements: Rule = (ctx) => {
  const ents = ctx.entitlements;
  if (!ents) {
    return [findingFor(ctx.infoPath, null)('L15', 'info', DRIVERKIT, 'No entitlements were found for this dext, so its entitlements could not be checked.', null,
      'a dext signed without com.apple.developer.driverkit or its family entitlement is refused at launch or told to exit at match time.')];
  }
  const file = ctx.entitlementsPath ?? ctx.infoPath;
  const f = findingFor(file, null);
  const out: Finding[] = [];
  if (ents[DRIVERKIT] !== true) {
    out.push(f('L15', 'error', DRIVERKIT, `${DRIVERKIT} is ${ents[DRIVERKIT] === undefined ? 'missing' : 'not true'}.`, 'true',
      'the kernel logs "com.apple.developer.driverkit entitlement check failed" and refuses to run the dext.'));
  }
  for (const [e, familyName] of familyEntitlements(ctx)) {
    const v = ents[e];
    if (v !== undefined && v !== false) continue;
    out.push(f('L15', 'error', e, `entitlement ${e} not found in dext entitlements (needed by ${familyName}).`, e.includes('.transport.') ? 'an array of match dictionaries covering the device' : 'true',
      'the kernel logs "provider entitlements check failed" or "family entitlements check failed" and tells the dext to exit.'));
  }
  return [...out, ...userClientAccess(ctx, ents)];
};
