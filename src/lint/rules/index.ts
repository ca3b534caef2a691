// The rule registry, in catalog order (SIGNATURES.md §2.1).
import type { Rule } from '../context.js';
import { l01PackageType } from './l01-package-type.js';
import { l02UsageDescription } from './l02-usage-description.js';
import { l03BundleLocation } from './l03-bundle-location.js';
import { l04RequiredKeys } from './l04-required-keys.js';
import { l05UserClass } from './l05-user-class.js';
import { l06ServerName } from './l06-server-name.js';
import { l07IoClass } from './l07-io-class.js';
import { l08KernelBundle } from './l08-kernel-bundle.js';
import { l09IoResources } from './l09-ioresources.js';
import { l10ResourceMatch } from './l10-resource-match.js';
import { l11MatchCategory } from './l11-match-category.js';
import { l12PciMatch } from './l12-pci-match.js';
import { l13UsbMatch } from './l13-usb-match.js';
import { l14TunnelCompatible } from './l14-tunnel-compatible.js';
import { l15Entitlements } from './l15-entitlements.js';
import { l16HidClasses } from './l16-hid-classes.js';
import { l17UserClientDicts } from './l17-user-client-dicts.js';
import { l18OneProcess } from './l18-one-process.js';
import { l19Arm64e } from './l19-arm64e.js';

export const RULES: readonly Rule[] = [
  l01PackageType, l02UsageDescription, l03BundleLocation, l04RequiredKeys, l05UserClass, l06ServerName,
  l07IoClass, l08KernelBundle, l09IoResources, l10ResourceMatch, l11MatchCategory, l12PciMatch, l13UsbMatch,
  l14TunnelCompatible, l15Entitlements, l16HidClasses, l17UserClientDicts, l18OneProcess, l19Arm64e,
];
