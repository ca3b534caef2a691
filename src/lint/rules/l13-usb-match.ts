// L13: an IOUSBHostDevice carries no interface keys (A25), and transport.usb must cover the idVendor (A14).
import { findingFor, type Rule } from '../context.js';
import { DRIVERKIT } from '../families.js';
import { integerOf, isDict, stringAt } from '../plist-values.js';
import type { Finding, PlistValue } from '../types.js';

const TRANSPORT_USB = `${DRIVERKIT}.transport.usb`;
const INTERFACE_KEYS = ['bConfigurationValue', 'bInterfaceNumber'];

/** Vendors the entitlement allows; 'any' for the development variant (true or idVendor "*"). */
function entitledVendors(value: PlistValue): Set<number> | 'any' {
  if (value === true) return 'any';
  const vendors = new Set<number>();
  for (const d of Array.isArray(value) ? value : [value]) {
    if (!isDict(d)) continue;
    if (d['idVendor'] === '*') return 'any';
    const v = integerOf(d['idVendor']);
    if (v !== undefined) vendors.add(v);
  }
  return vendors;
}

export const l13UsbMatch: Rule = (ctx) => {
  const out: Finding[] = [];
  const ent = ctx.entitlements?.[TRANSPORT_USB];
  const vendors = ent === undefined ? undefined : entitledVendors(ent);
  for (const p of ctx.personalities) {
    const provider = stringAt(p.dict, 'IOProviderClass');
    if (provider !== 'IOUSBHostDevice' && provider !== 'IOUSBHostInterface') continue;
    const f = findingFor(ctx.infoPath, p.name);
    if (provider === 'IOUSBHostDevice') {
      for (const key of INTERFACE_KEYS.filter((k) => p.dict[k] !== undefined)) {
        out.push(f('L13', 'error', key, `${key} is set on an IOUSBHostDevice personality; device nodes carry no interface keys.`, `remove ${key}, or match IOUSBHostInterface`,
          'the personality can never match, silently: the dext is never launched.'));
      }
    }
    const vendor = integerOf(p.dict['idVendor']);
    if (vendor === undefined || vendors === undefined || vendors === 'any') continue;
    if (!vendors.has(vendor)) {
      const hex = `0x${vendor.toString(16).padStart(4, '0')}`;
      out.push(f('L13', 'error', 'idVendor', `idVendor ${vendor} (${hex}) is not covered by any ${TRANSPORT_USB} dictionary.`, `a ${TRANSPORT_USB} entry with idVendor ${vendor}`,
        'the kernel logs "provider entitlements check failed" and tells the dext to exit when it matches the device.'));
    }
  }
  return out;
};
