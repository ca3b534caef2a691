// L12: PCI match values must parse, and some transport.pci entitlement dictionary must cover them (A14).
import { findingFor, type Rule } from '../context.js';
import { DRIVERKIT } from '../families.js';
import { parsePciMatch, pciTokenCovers, PCI_CLASS_KEY, PCI_ID_KEYS, PCI_MATCH_KEYS, type PciMatchToken } from '../pci-match.js';
import { describe, isDict, isUnresolved, stringAt } from '../plist-values.js';
import type { Finding, PlistValue } from '../types.js';

const TRANSPORT_PCI = `${DRIVERKIT}.transport.pci`;

/** Entitlement tokens by kind; undefined when the entitlement allows any device (development variant). */
function entitledTokens(value: PlistValue | undefined): { id: PciMatchToken[]; cls: PciMatchToken[] } | undefined {
  const out = { id: [] as PciMatchToken[], cls: [] as PciMatchToken[] };
  if (value === true) return undefined;
  const dicts = Array.isArray(value) ? value : isDict(value) ? [value] : [];
  for (const d of dicts) {
    if (!isDict(d)) continue;
    for (const key of PCI_MATCH_KEYS) {
      const text = stringAt(d, key);
      const parsed = text === undefined ? undefined : parsePciMatch(text);
      if (parsed?.ok) (key === PCI_CLASS_KEY ? out.cls : out.id).push(...parsed.tokens);
    }
  }
  return out;
}

export const l12PciMatch: Rule = (ctx) => {
  const out: Finding[] = [];
  const ents = ctx.entitlements;
  const entitled = ents && ents[TRANSPORT_PCI] !== undefined ? entitledTokens(ents[TRANSPORT_PCI]) : undefined;
  for (const p of ctx.personalities) {
    const f = findingFor(ctx.infoPath, p.name);
    for (const key of PCI_MATCH_KEYS) {
      const raw = p.dict[key];
      if (raw === undefined) continue;
      if (typeof raw !== 'string') {
        out.push(f('L12', 'error', key, `${key} is ${describe(raw)}, not a string of 0xDDDDVVVV tokens.`, '"0xDDDDVVVV" or "0xDDDDVVVV&0xMMMMMMMM" (device id, vendor id, mask)',
          'IOPCIFamily cannot read the value, so the personality matches no device.'));
        continue;
      }
      if (isUnresolved(raw)) continue;
      const parsed = parsePciMatch(raw);
      if (!parsed.ok) {
        out.push(f('L12', 'error', key, `${key} token "${parsed.bad}" is not of the form 0xDDDDVVVV[&0xMMMMMMMM].`, '"0xDDDDVVVV" or "0xDDDDVVVV&0xMMMMMMMM" (device id, vendor id, mask)',
          'IOPCIFamily cannot read the value, so the personality matches no device.'));
        continue;
      }
      if (!entitled) continue; // No entitlements read, no transport.pci, or the any-device development variant.
      const pool = key === PCI_CLASS_KEY ? entitled.cls : entitled.id;
      const uncovered = parsed.tokens.filter((t) => !pool.some((e) => pciTokenCovers(e, t)));
      for (const t of uncovered) {
        out.push(f('L12', 'error', key, `${key} token "${t.text}" is not covered by any ${TRANSPORT_PCI} dictionary.`,
          `a ${TRANSPORT_PCI} entry such as { ${key === PCI_CLASS_KEY ? PCI_CLASS_KEY : PCI_ID_KEYS[1]} = "${t.text}" }`,
          'the kernel logs "provider entitlements check failed" and tells the dext to exit when it matches the device.'));
      }
    }
  }
  return out;
};
