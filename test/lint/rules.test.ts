// Rule behaviour on hand-built inputs: edge cases the fixture folders do not show.
import { describe, expect, it } from 'vitest';
import { lintDext, type DextInput, type Finding, type PlistDict } from '../../src/lint/index.js';

const DK = 'com.apple.developer.driverkit';

function info(personality: PlistDict, top: PlistDict = {}): PlistDict {
  return {
    CFBundleIdentifier: 'com.example.driver', CFBundlePackageType: 'DEXT', OSBundleUsageDescription: 'Runs the Example device.',
    IOKitPersonalities: { Driver: { CFBundleIdentifier: 'com.example.driver', IOUserServerName: 'com.example.driver', IOUserClass: 'Driver', ...personality } },
    ...top,
  };
}

function lint(input: Partial<DextInput> & { info: PlistDict }): Finding[] {
  return lintDext({ infoPlist: { path: 'Info.plist', value: input.info }, ...input }).findings;
}
const rules = (fs: Finding[], rule: string): Finding[] => fs.filter((f) => f.rule === rule);
const iig = (text: string) => [{ path: 'Driver.iig', text }];
const pci = { IOClass: 'IOUserService', IOProviderClass: 'IOPCIDevice', CFBundleIdentifierKernel: 'com.apple.kpi.iokit', IOPCIMatch: '0x12341000', IOPCITunnelCompatible: true, IOResourceMatch: 'IOKit' };

describe('bundle keys', () => {
  it('L02 warns (not errors) on an empty usage description, as Apple samples ship it', () => {
    const fs = rules(lint({ info: info(pci, { OSBundleUsageDescription: '' }) }), 'L02');
    expect(fs.map((f) => f.severity)).toEqual(['warning']);
  });

  it('does not judge Xcode build-setting references it cannot resolve', () => {
    const fs = lint({
      info: info({ ...pci, IOUserServerName: '$(PRODUCT_BUNDLE_IDENTIFIER)', CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)' }, {
        CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)', CFBundlePackageType: '$(PRODUCT_BUNDLE_PACKAGE_TYPE)',
      }),
      iigFiles: iig('class Driver : public IOService {};'),
    });
    expect(fs.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(rules(fs, 'L01')[0]?.message).toContain('$(PRODUCT_BUNDLE_PACKAGE_TYPE)');
  });
});

describe('L04 personality bundle id', () => {
  it('warns when a personality names another bundle (a rename or a copied personality)', () => {
    const fs = rules(lint({ info: info({ ...pci, CFBundleIdentifier: 'com.example.olddriver' }) }), 'L04');
    expect(fs.map((f) => [f.severity, f.key, f.expected])).toEqual([['warning', 'CFBundleIdentifier', 'com.example.driver']]);
  });

  it('leaves build settings on either side alone', () => {
    expect(rules(lint({ info: info({ ...pci, CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)' }) }), 'L04')).toEqual([]);
    expect(rules(lint({ info: info(pci, { CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)' }) }), 'L04')).toEqual([]);
  });
});

describe('L06 server name', () => {
  it('warns about a foreign organization prefix under IOUserServerOneProcess', () => {
    const [f] = rules(lint({ info: info({ ...pci, IOUserServerName: 'org.other.server', IOUserServerOneProcess: true }) }), 'L06');
    expect(f).toMatchObject({ severity: 'warning', expected: 'com.example.driver' });
    expect(f?.consequence).toContain('not correct organization');
  });
});

describe('L07/L08 without .iig files', () => {
  it('infers the family from a family IOClass and still checks the kernel bundle', () => {
    const fs = lint({ info: info({ IOClass: 'IOUserSCSIParallelInterfaceController', IOProviderClass: 'IOPCIDevice', CFBundleIdentifierKernel: 'com.apple.kpi.iokit' }) });
    expect(rules(fs, 'L07')).toEqual([]);
    expect(rules(fs, 'L08')[0]).toMatchObject({ severity: 'error', expected: 'com.apple.iokit.IOSCSIParallelFamily' });
    expect(rules(fs, 'L05')[0]?.severity).toBe('info');
  });

  it('says what it could not check when IOClass names no known family', () => {
    const [f] = rules(lint({ info: info({ IOClass: 'VendorCustomService', IOProviderClass: 'IOPCIDevice' }) }), 'L07');
    expect(f?.severity).toBe('info');
    expect(f?.message).toContain('could not be checked');
  });

  it('only warns about a missing kernel bundle for IOUserService', () => {
    const { CFBundleIdentifierKernel: _, ...noKernel } = pci;
    const [f] = rules(lint({ info: info(noKernel) }), 'L08');
    expect(f?.severity).toBe('warning');
  });
});

describe('L07 with .iig files', () => {
  it('follows a chain of project classes to the family and rejects IOUserService for it', () => {
    const [f] = rules(lint({
      info: info({ IOClass: 'IOUserService', IOProviderClass: 'IOPCIDevice', CFBundleIdentifierKernel: 'com.apple.iokit.IOSCSIParallelFamily' }),
      iigFiles: iig('class Driver : public VendorHBA {};\nclass VendorHBA : public IOUserSCSIParallelInterfaceController {};'),
    }), 'L07');
    expect(f?.message).toContain('Driver derives from IOUserSCSIParallelInterfaceController (via VendorHBA)');
    expect(f?.consequence).toContain('kIOReturnUnsupported');
  });

  it('accepts IOUserService for an IOService subclass on IOPCIDevice', () => {
    expect(rules(lint({ info: info(pci), iigFiles: iig('class Driver : public IOService {};') }), 'L07')).toEqual([]);
  });
});

describe('L12/L13 values', () => {
  it('L12 rejects a PCI match written as a number', () => {
    const [f] = rules(lint({ info: info({ ...pci, IOPCIMatch: 305419896 }) }), 'L12');
    expect(f?.message).toContain('not a string');
  });

  it('L12 accepts any device under a boolean (development) transport.pci', () => {
    expect(rules(lint({ info: info(pci), entitlements: { path: 'e', value: { [DK]: true, [`${DK}.transport.pci`]: true } } }), 'L12')).toEqual([]);
  });

  it('L13 wants the personality idVendor in transport.usb', () => {
    const usb = { IOClass: 'IOUserService', IOProviderClass: 'IOUSBHostInterface', CFBundleIdentifierKernel: 'com.apple.kpi.iokit', idVendor: 1452, bInterfaceNumber: 0 };
    const ents = (vendor: number | string) => ({ path: 'e', value: { [DK]: true, [`${DK}.transport.usb`]: [{ idVendor: vendor }] } });
    expect(rules(lint({ info: info(usb), entitlements: ents(4660) }), 'L13')[0]?.message).toContain('idVendor 1452 (0x05ac)');
    expect(rules(lint({ info: info(usb), entitlements: ents(1452) }), 'L13')).toEqual([]);
    expect(rules(lint({ info: info(usb), entitlements: ents('*') }), 'L13')).toEqual([]);
  });
});

describe('L15 entitlements', () => {
  it('says entitlements could not be checked when none were found', () => {
    expect(rules(lint({ info: info(pci) }), 'L15').map((f) => f.severity)).toEqual(['info']);
  });

  it('requires com.apple.developer.driverkit', () => {
    const [f] = rules(lint({ info: info(pci), entitlements: { path: 'D.entitlements', value: { [`${DK}.transport.pci`]: [{ IOPCIMatch: '0x12341000' }] } } }), 'L15');
    expect(f).toMatchObject({ severity: 'error', key: DK, file: 'D.entitlements' });
  });

  it('wants the app to list the dext in userclient-access when the dext offers a user client', () => {
    const fs = rules(lint({
      info: info(pci),
      iigFiles: iig('class Driver : public IOService {};\nclass DriverUserClient : public IOUserClient {};'),
      entitlements: { path: 'D.entitlements', value: { [DK]: true, [`${DK}.transport.pci`]: [{ IOPCIMatch: '0x12341000' }] } },
      appEntitlements: [{ path: 'App.entitlements', value: { [`${DK}.userclient-access`]: ['com.example.other'] } }],
    }), 'L15');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'error', file: 'App.entitlements', key: `${DK}.userclient-access` });
    expect(fs[0]?.expected).toContain('com.example.driver');
  });

  it('flags allow-any-userclient-access on the app side', () => {
    const fs = rules(lint({
      info: info(pci),
      entitlements: { path: 'D.entitlements', value: { [DK]: true, [`${DK}.transport.pci`]: true } },
      appEntitlements: [{ path: 'App.entitlements', value: { [`${DK}.allow-any-userclient-access`]: true } }],
    }), 'L15');
    expect(fs.map((f) => f.key)).toEqual([`${DK}.allow-any-userclient-access`]);
  });
});

describe('L16 HID', () => {
  it('wants an HID event service on IOHIDInterface', () => {
    const fs = rules(lint({ info: info({ IOClass: 'AppleUserHIDEventService', IOProviderClass: 'IOUSBHostInterface' }) }), 'L16');
    expect(fs.map((f) => f.key)).toEqual(['IOProviderClass']);
  });
});

describe('ordering', () => {
  it('lists errors before warnings before info', () => {
    const fs = lint({ info: info({ IOClass: 'IOService', IOProviderClass: 'IOPCIDevice', IOPCIMatch: '0x12341000' }, { OSBundleUsageDescription: '' }) });
    const ranks = fs.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(fs[0]?.severity).toBe('error');
  });
});

describe('L07 provider', () => {
  it('warns when a family class sits on a provider its row does not list', () => {
    const fs = rules(lint({
      info: info({ IOClass: 'IOUserSCSIParallelInterfaceController', IOProviderClass: 'IOUSBHostInterface', CFBundleIdentifierKernel: 'com.apple.iokit.IOSCSIParallelFamily' }),
      iigFiles: iig('class Driver : public IOUserSCSIParallelInterfaceController {};'),
    }), 'L07');
    expect(fs.map((f) => [f.severity, f.key, f.expected])).toEqual([['warning', 'IOProviderClass', 'IOPCIDevice or IOUserResources']]);
  });

  it('accepts IOUserResources for any family: a virtual device (a virtual HID keyboard) has no hardware provider', () => {
    const fs = lint({
      info: info({ IOClass: 'AppleUserHIDDevice', IOProviderClass: 'IOUserResources', IOResourceMatch: 'IOKit' }),
      iigFiles: iig('class Driver : public IOUserHIDDevice {};'),
      entitlements: { path: 'Driver.entitlements', value: { [DK]: true, [`${DK}.family.hid.device`]: true } },
    });
    expect(fs.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('family from the entitlements (a shipped bundle with no .iig)', () => {
  const ents = (e: PlistDict) => ({ path: 'X (signature entitlements)', value: { [DK]: true, ...e } });

  it('one family entitlement names the family when the provider suits it', () => {
    const fs = lint({ info: info({ IOClass: 'IOUserService', IOProviderClass: 'IOPCIDevice' }), entitlements: ents({ [`${DK}.family.networking`]: true, [`${DK}.transport.pci`]: [{ IOPCIPrimaryMatch: '0x12341000' }] }) });
    expect(rules(fs, 'L07')[0]).toMatchObject({ severity: 'error', expected: 'IOUserNetworkEthernet' });
    expect(rules(fs, 'L08')[0]).toMatchObject({ expected: 'com.apple.iokit.IOSkywalkFamily' });
  });

  it('transport entitlements, two families, or a provider the family never uses name nothing', () => {
    const personality = info({ IOClass: 'IOService', IOProviderClass: 'IOPCIDevice' });
    const generic = 'IOUserService or the family kernel class of the IOUserClass';
    expect(rules(lint({ info: personality, entitlements: ents({ [`${DK}.transport.pci`]: true }) }), 'L07')[0]?.expected).toBe(generic);
    expect(rules(lint({ info: personality, entitlements: ents({ [`${DK}.family.serial`]: true, [`${DK}.family.audio`]: true }) }), 'L07')[0]?.expected).toBe(generic);
    expect(rules(lint({ info: info({ IOClass: 'IOService', IOProviderClass: 'IOHIDInterface' }), entitlements: ents({ [`${DK}.family.scsicontroller`]: true }) }), 'L07')[0]?.expected).toBe(generic);
  });
});
