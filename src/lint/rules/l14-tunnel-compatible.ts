// L14: PCI devices behind Thunderbolt only match personalities that set IOPCITunnelCompatible=true (D9).
import { findingFor, type Rule } from '../context.js';
import { describe, stringAt } from '../plist-values.js';

export const l14TunnelCompatible: Rule = (ctx) =>
  ctx.personalities.flatMap((p) => {
    if (stringAt(p.dict, 'IOProviderClass') !== 'IOPCIDevice') return [];
    const value = p.dict['IOPCITunnelCompatible'];
    if (value === true) return [];
    return [
      findingFor(ctx.infoPath, p.name)('L14', 'warning', 'IOPCITunnelCompatible',
        `IOPCITunnelCompatible is ${describe(value)}${typeof value === 'string' ? ' (a string, not a boolean)' : ''}; a Thunderbolt-attached device will not match.`, 'true (boolean)',
        'on a Mac where the device sits behind Thunderbolt (every external PCIe device), the personality never matches and the dext never launches.'),
    ];
  });
