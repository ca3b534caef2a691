// L07: IOClass must be the kernel class of the IOUserClass's family (§2). IOService never is: it does
// not forward Start to the dext (A01, the founding case). HID families are L16's.
// Also warns when IOProviderClass is not one of the family row's typical providers.
import { findingFor, type FamilyResolution, type Personality, type Rule } from '../context.js';
import { IOUSERSERVICE_FAMILIES } from '../families.js';
import { isUnresolved, stringAt } from '../plist-values.js';
import type { Finding } from '../types.js';
import { lineage, ONQUEUE_CONSEQUENCE } from './family-words.js';

const UNSUPPORTED =
  'family methods return kIOReturnUnsupported (0xe00002c7) and family callbacks never fire, because no family kernel driver backs the dext.';

/** The family row also names the providers a family class attaches to (A28: wrong provider → start fails). */
function providerFinding(p: Personality, r: FamilyResolution, file: string): Finding[] {
  const fam = r.family;
  const provider = stringAt(p.dict, 'IOProviderClass');
  if (!fam || r.source === 'provider' || fam.providers.length === 0 || provider === undefined) return [];
  // IOUserResources is the provider of a virtual dext of any family (SIGNATURES.md §2, last row).
  if (provider === 'IOResources' || provider === 'IOUserResources' || isUnresolved(provider) || fam.providers.includes(provider)) return [];
  return [findingFor(file, p.name)('L07', 'warning', 'IOProviderClass',
    `IOProviderClass is "${provider}"; ${lineage(stringAt(p.dict, 'IOUserClass'), r)}, whose typical providers are ${fam.providers.join(', ')}.`, fam.providers.join(' or '),
    `the ${fam.name} kernel class may refuse to start on this provider, so the kernel logs "::start(…) fail" and detaches the service.`)];
}

export const l07IoClass: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const p of ctx.personalities) {
    out.push(...providerFinding(p, ctx.familyOf(p), ctx.infoPath));
    const ioClass = stringAt(p.dict, 'IOClass');
    if (ioClass === undefined || isUnresolved(ioClass)) continue;
    const f = findingFor(ctx.infoPath, p.name);
    const r = ctx.familyOf(p);
    const fam = r.family;
    if (fam?.id === 'hid-event' || fam?.id === 'hid-device') continue;
    const userClass = stringAt(p.dict, 'IOUserClass');
    const want = fam?.ioClass?.[0] ?? null;
    if (ioClass === 'IOService') {
      const why = fam ? `${lineage(userClass, r)}, which needs IOClass "${want ?? 'its family kernel class'}"` : 'IOService never forwards Start to a dext';
      out.push(f('L07', 'error', 'IOClass', `IOClass is "IOService"; ${why}.`, want ?? 'IOUserService or the family kernel class of the IOUserClass', ONQUEUE_CONSEQUENCE));
      continue;
    }
    if (!fam) {
      if (ioClass !== 'IOUserService') {
        out.push(f('L07', 'info', 'IOClass', `The family of ${userClass ?? 'this personality'} could not be determined${ctx.hasIig ? '' : ' (no .iig files)'}, so IOClass "${ioClass}" could not be checked against it.`, null,
          'if IOClass is not the kernel class of the family, family calls fail or the dext never receives Start.'));
      }
      continue;
    }
    if (fam.ioClass === null) {
      if (fam.ioClassNever?.includes(ioClass)) {
        out.push(f('L07', 'error', 'IOClass', `IOClass is "${ioClass}"; ${lineage(userClass, r)}, whose kernel class is the family's own (undocumented), not ${ioClass}.`, `the ${fam.name} kernel class`, UNSUPPORTED));
      }
      continue;
    }
    if (fam.ioClass.includes(ioClass)) continue;
    const generic = ioClass === 'IOUserService' && !IOUSERSERVICE_FAMILIES.includes(fam.id);
    out.push(f('L07', 'error', 'IOClass', `IOClass is "${ioClass}"; ${lineage(userClass, r)}, which needs IOClass "${want}".`, want,
      generic ? UNSUPPORTED : `the kernel instantiates ${ioClass}, which does not drive a ${fam.name} dext, so the dext's Start and family calls are not delivered as the family expects.`));
  }
  return out;
};
