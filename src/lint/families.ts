/**
 * The DriverKit family table (SIGNATURES.md §2) as data. Each row says which framework classes a
 * dext subclasses for that family and what its personality must then declare. `null` marks values
 * the sources leave undocumented: rules skip those checks and say so instead of guessing.
 */

export type FamilyId =
  | 'pci'
  | 'scsi-controller'
  | 'scsi-peripheral'
  | 'block-storage'
  | 'networking'
  | 'hid-event'
  | 'hid-device'
  | 'serial'
  | 'audio'
  | 'midi'
  | 'usb'
  | 'virtual';

export interface Family {
  id: FamilyId;
  /** Framework name as the docs write it. */
  name: string;
  /** Framework classes a dext subclasses for this family (IOService-based families list none: see `providers`). */
  baseClasses: string[];
  /** Allowed IOClass values; null when undocumented. The first is the one to suggest. */
  ioClass: string[] | null;
  /** IOClass values known to be wrong for this family even though the correct one is undocumented. */
  ioClassNever?: string[];
  /** True when IOClass is a family kernel class (its kext must be named by CFBundleIdentifierKernel). */
  familyKernelClass: boolean;
  /** Allowed CFBundleIdentifierKernel values; null when undocumented. The first is the one to suggest. */
  kernelBundle: string[] | null;
  /** True when the key may be left out (Apple's audio samples omit it). */
  kernelBundleOptional?: boolean;
  /** Typical IOProviderClass values. */
  providers: string[];
  /** Entitlements the dext must hold for this family, beyond com.apple.developer.driverkit. */
  entitlements: string[];
  /** A user-client property dictionary the family's user-space side looks for. */
  userClientDict?: { key: string; ioClass: string; ioUserClass: string };
  /** Signature ids (SIGNATURES.md §1) a wrong personality leads to. */
  signatures: string[];
}

export const DRIVERKIT = 'com.apple.developer.driverkit';
export const KPI_IOKIT = 'com.apple.kpi.iokit';
const ent = (suffix: string): string => `${DRIVERKIT}.${suffix}`;

export const FAMILIES: readonly Family[] = [
  {
    id: 'scsi-controller', name: 'SCSIControllerDriverKit',
    baseClasses: ['IOUserSCSIParallelInterfaceController'],
    ioClass: ['IOUserSCSIParallelInterfaceController'], familyKernelClass: true,
    kernelBundle: ['com.apple.iokit.IOSCSIParallelFamily'],
    providers: ['IOPCIDevice', 'IOUserResources'],
    entitlements: [ent('family.scsicontroller')],
    signatures: ['dk-uioserver-invoke-onqueue-assert', 'dk-cfbundleidentifierkernel-missing-or-wrong', 'dk-setpowerstate-ack-timeout-panic'],
  },
  {
    id: 'scsi-peripheral', name: 'SCSIPeripheralsDriverKit',
    baseClasses: ['IOUserSCSIPeripheralDeviceType00', 'IOUserSCSIPeripheralDeviceType05', 'IOUserSCSIPeripheralDeviceType07'],
    ioClass: null, ioClassNever: ['IOService', 'IOUserService'], familyKernelClass: true,
    kernelBundle: null,
    providers: ['IOSCSIPeripheralDeviceNub'],
    entitlements: [],
    signatures: ['dk-personality-ioclass-family-mismatch'],
  },
  {
    id: 'block-storage', name: 'BlockStorageDeviceDriverKit',
    baseClasses: ['IOUserBlockStorageDevice'],
    ioClass: ['IOUserBlockStorageDevice'], familyKernelClass: true,
    kernelBundle: ['com.apple.iokit.IOStorageFamily'],
    providers: [],
    entitlements: [ent('family.block-storage-device')],
    signatures: ['dk-personality-ioclass-family-mismatch'],
  },
  {
    id: 'networking', name: 'NetworkingDriverKit',
    baseClasses: ['IOUserNetworkEthernet'],
    ioClass: ['IOUserNetworkEthernet'], familyKernelClass: true,
    // The doc names IOSkywalkFamily; Apple's PCI sample uses IONetworkFamily. Both are accepted.
    kernelBundle: ['com.apple.iokit.IOSkywalkFamily', 'com.apple.iokit.IONetworkFamily'],
    providers: ['IOUSBHostInterface', 'IOUSBHostDevice', 'IOPCIDevice', 'IOUserResources'],
    entitlements: [ent('family.networking')],
    signatures: ['dk-personality-ioclass-family-mismatch', 'dk-networking-pure-virtual-stub-exit'],
  },
  {
    id: 'hid-event', name: 'HIDDriverKit (event services)',
    baseClasses: ['IOUserHIDEventService', 'IOUserHIDEventDriver'],
    ioClass: ['AppleUserHIDEventService'], familyKernelClass: true,
    kernelBundle: null,
    providers: ['IOHIDInterface'],
    entitlements: [ent('family.hid.eventservice'), ent('transport.hid')],
    signatures: ['dk-personality-ioclass-family-mismatch'],
  },
  {
    id: 'hid-device', name: 'HIDDriverKit (devices)',
    baseClasses: ['IOUserHIDDevice', 'IOUserUSBHostHIDDevice'],
    ioClass: ['AppleUserHIDDevice'], familyKernelClass: true,
    kernelBundle: null,
    providers: ['IOUSBHostInterface'],
    entitlements: [ent('family.hid.device')],
    signatures: ['dk-personality-ioclass-family-mismatch'],
  },
  {
    id: 'serial', name: 'SerialDriverKit',
    baseClasses: ['IOUserSerial', 'IOUserUSBSerial'],
    ioClass: ['IOUserSerial'], familyKernelClass: true,
    kernelBundle: ['com.apple.driver.driverkit.serial'],
    providers: ['IOUSBHostInterface', 'IOUserResources'],
    entitlements: [ent('family.serial')],
    signatures: ['dk-transport-or-family-entitlement-mismatch'],
  },
  {
    id: 'audio', name: 'AudioDriverKit',
    baseClasses: ['IOUserAudioDriver'],
    ioClass: ['IOUserService'], familyKernelClass: false,
    kernelBundle: [KPI_IOKIT], kernelBundleOptional: true,
    providers: ['IOUserResources', 'IOUSBHostInterface', 'IOPCIDevice'],
    entitlements: [ent('family.audio')],
    userClientDict: { key: 'IOUserAudioDriverUserClientProperties', ioClass: 'IOUserUserClient', ioUserClass: 'IOUserAudioDriverUserClient' },
    signatures: [],
  },
  {
    id: 'midi', name: 'MIDIDriverKit',
    baseClasses: ['IOUserMIDIDriver'],
    ioClass: ['IOUserService'], familyKernelClass: false,
    kernelBundle: [KPI_IOKIT],
    providers: ['IOUserResources'],
    entitlements: [ent('family.midi')],
    userClientDict: { key: 'IOUserMIDIDriverUserClientProperties', ioClass: 'IOUserUserClient', ioUserClass: 'IOUserMIDIDriverUserClient' },
    signatures: [],
  },
  {
    id: 'pci', name: 'PCIDriverKit',
    baseClasses: [],
    ioClass: ['IOUserService'], familyKernelClass: false,
    kernelBundle: [KPI_IOKIT],
    providers: ['IOPCIDevice'],
    entitlements: [ent('transport.pci')],
    signatures: ['dk-transport-or-family-entitlement-mismatch', 'dk-pci-memoryaccess-not-open'],
  },
  {
    id: 'usb', name: 'USBDriverKit',
    baseClasses: [],
    ioClass: ['IOUserService'], familyKernelClass: false,
    kernelBundle: [KPI_IOKIT],
    providers: ['IOUSBHostInterface', 'IOUSBHostDevice'],
    entitlements: [ent('transport.usb')],
    signatures: ['dk-usb-device-match-with-interface-keys', 'dk-transport-or-family-entitlement-mismatch'],
  },
  {
    id: 'virtual', name: 'virtual (resource-only) dext',
    baseClasses: [],
    ioClass: ['IOUserService'], familyKernelClass: false,
    kernelBundle: [KPI_IOKIT],
    providers: ['IOUserResources'],
    entitlements: [],
    signatures: ['dk-provider-ioresources-not-iouserresources'],
  },
];

export function familyById(id: FamilyId): Family {
  const f = FAMILIES.find((x) => x.id === id);
  if (!f) throw new Error(`unknown family ${id}`);
  return f;
}

/** The family a framework base class belongs to ("IOUserSerial" → serial). */
export function familyOfBaseClass(cls: string): Family | undefined {
  return FAMILIES.find((f) => f.baseClasses.includes(cls));
}

/** The family whose own kernel class is `ioClass` (only family kernel classes identify a family). */
export function familyOfIoClass(ioClass: string): Family | undefined {
  return FAMILIES.find((f) => f.familyKernelClass && f.ioClass?.includes(ioClass) === true);
}

/** For a dext that subclasses IOService directly, the provider decides the family. */
export function familyOfIoServiceProvider(provider: string | undefined): Family | undefined {
  if (provider === 'IOPCIDevice') return familyById('pci');
  if (provider === 'IOUSBHostInterface' || provider === 'IOUSBHostDevice') return familyById('usb');
  if (provider === 'IOUserResources' || provider === 'IOResources') return familyById('virtual');
  return undefined;
}

/** Kernel classes that forward Start to the dext only via the provider: legal only for these families. */
export const IOUSERSERVICE_FAMILIES: readonly FamilyId[] = ['pci', 'usb', 'audio', 'midi', 'virtual'];
