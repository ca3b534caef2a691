// Shared wording for rules that compare a personality with its family row.
import type { FamilyResolution } from '../context.js';

/** "SCSIController derives from IOUserSCSIParallelInterfaceController" or the inferred equivalent. */
export function lineage(userClass: string | undefined, r: FamilyResolution): string {
  if (!r.family) return `the family of ${userClass ?? 'this personality'} is unknown`;
  if (r.source === 'iig' && r.frameworkBase) {
    const via = r.chain && r.chain.length > 2 ? ` (via ${r.chain.slice(1, -1).join(' → ')})` : '';
    const fam = r.frameworkBase === 'IOService' ? `, a ${r.family.name} driver` : '';
    return `${userClass ?? r.chain?.[0] ?? 'the class'} derives from ${r.frameworkBase}${via}${fam}`;
  }
  const how = r.source === 'ioclass' ? 'by its IOClass' : r.source === 'provider' ? 'by its provider' : r.source === 'entitlement' ? "by the dext's family entitlement" : 'by its user-client dictionary';
  return `this personality looks like a ${r.family.name} driver (${how}; no .iig class to confirm it)`;
}

export const ONQUEUE_CONSEQUENCE =
  'the kernel never sends Start; the first SetPowerState trips the uioserver.cpp OnQueue assertion and the dext crash-loops.';
