/**
 * IOPCI*Match strings: space-separated `0xDDDDVVVV[&0xMMMMMMMM]` tokens (device id high, vendor id low,
 * optional mask), as IOPCIFamily reads them for personalities and transport.pci entitlements.
 */

export interface PciMatchToken {
  value: number;
  mask: number;
  text: string;
}

export type PciMatchParse = { ok: true; tokens: PciMatchToken[] } | { ok: false; bad: string };

const TOKEN = /^0x([0-9a-f]{1,8})(?:&0x([0-9a-f]{1,8}))?$/i;

export function parsePciMatch(text: string): PciMatchParse {
  const parts = text.trim().split(/\s+/).filter((s) => s !== '');
  if (parts.length === 0) return { ok: false, bad: text };
  const tokens: PciMatchToken[] = [];
  for (const part of parts) {
    const m = TOKEN.exec(part);
    if (!m) return { ok: false, bad: part };
    tokens.push({ value: parseInt(m[1]!, 16) >>> 0, mask: m[2] === undefined ? 0xffffffff : parseInt(m[2], 16) >>> 0, text: part });
  }
  return { ok: true, tokens };
}

/**
 * An entitlement token covers a personality token when every device the personality can match is
 * also matched by the entitlement: the entitlement masks no bit the personality leaves free, and
 * both agree on the bits the entitlement compares.
 */
export function pciTokenCovers(entitlement: PciMatchToken, personality: PciMatchToken): boolean {
  if ((entitlement.mask & ~personality.mask) >>> 0 !== 0) return false;
  return ((personality.value & entitlement.mask) >>> 0) === ((entitlement.value & entitlement.mask) >>> 0);
}

/** Device-id keys are interchangeable for coverage; class matches only cover class matches. */
export const PCI_ID_KEYS = ['IOPCIMatch', 'IOPCIPrimaryMatch', 'IOPCISecondaryMatch'] as const;
export const PCI_CLASS_KEY = 'IOPCIClassMatch';
export const PCI_MATCH_KEYS = [...PCI_ID_KEYS, PCI_CLASS_KEY] as const;
