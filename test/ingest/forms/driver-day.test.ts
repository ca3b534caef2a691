import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/index.js';
import { iokitCodeIn, isDriverDayLine } from '../../../src/ingest/kernel-log/driver-day.js';
import { fixture, one } from './helpers.js';

describe('short pastes from a driver developer\'s day', () => {
  it('turns prefix-less DK, IOUserServer, sysextd, kernelmanagerd, systemextensionsctl and app lines into log events', () => {
    const r = one('driver-day-paste.txt');
    expect(r.kind).toBe('kernel-log');
    expect(r.source.format).toBe('kernel-log');
    expect(r.events.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const kinds = r.events.map((e) => e.driverKit?.kind);
    // A bare return code is no DriverKit meaning: those lines stay plain events, their codes in the message.
    expect(kinds).toEqual(['dk', 'server-exit', 'start-failed', 'activation-error', undefined, undefined, 'sysext-state', 'activation-error']);
    expect(r.events[1]?.driverKit).toEqual({ kind: 'server-exit', server: 'com.example.acme.driver', registryId: '0x100000b4c', reason: 'server exit before start()' });
    expect(r.events[2]?.driverKit).toEqual({ kind: 'start-failed', dext: 'com.example.acme.driver', code: '0xe00002c7' });
    expect(r.events[3]).toMatchObject({ process: 'sysextd', driverKit: { kind: 'activation-error', domain: 'OSSystemExtensionErrorDomain', code: 8 } });
    expect(r.events[4]).toMatchObject({ process: 'Acme Control', pid: 412, message: 'IOServiceOpen returned -536870174' });
    expect(r.events[5]?.message).toBe('open failed: (iokit/common) unsupported function');
    expect(r.events[6]?.driverKit).toEqual({ kind: 'sysext-state', bundleId: 'com.example.acme.driver', state: 'activated waiting for user', teamId: 'ABCDE12345', version: '1.0/1' });
    expect(r.events[7]).toMatchObject({ process: 'kernelmanagerd', driverKit: { kind: 'activation-error', domain: 'KMErrorDomain', code: 71 } });
    // The raw codes stay in the messages for the code tables to decode.
    expect(r.events[2]?.message).toBe('Start failed: 0xe00002c7');
    expect(r.warnings).toEqual([]);
  });

  it('takes a single line of any of these forms as a log excerpt', () => {
    for (const line of [
      'DK: AcmeDriver-0x100000a12::start(IOPCIDevice-0x100000a0f) fail',
      'IOUserServer(com.example.acme.driver-0x100000b4c)::exit(Driver exited)',
      'Error Domain=OSSystemExtensionErrorDomain Code=4 "Extension not found in App bundle"',
      'kmutil: Error Domain=KMErrorDomain Code=27 "Unable to load extension"',
      '/Library/Extensions/Acme.kext failed to load - (libkern/kext) not loadable (reason unspecified); check the system/kernel logs for errors or try kextutil(8).',
      'systemextensionsctl: 1 extension(s)',
      'IOConnectCallMethod failed: 0xE00002C2',
      'open returned 3758097095',
      'the call failed with kIOReturnNotPermitted',
    ]) {
      const { reports, errors } = ingestText(line, 'paste');
      expect(errors, line).toEqual([]);
      expect(reports[0]?.kind, line).toBe('kernel-log');
      expect(reports[0]?.events[0]?.message.length, line).toBeGreaterThan(0);
    }
  });

  it('takes a few log stream or Console lines without their header as a log excerpt', () => {
    for (const text of [
      '2026-03-01 10:21:07.123456-0800 0x1a2b     Default     0x0                  0      0    kernel: DK: AcmeDriver-0x100000a12::start(IOPCIDevice-0x100000a0f) fail\n' +
        '2026-03-01 10:21:07.130001-0800 0x1a2b     Error       0x0                  0      0    kernel: (com.example.acme.driver.dext) Start failed: 0xe00002c7',
      '2026-03-01 10:21:07.123 Df kernel[0:1a2b] DK: AcmeDriver-0x100000a12::start(IOPCIDevice-0x100000a0f) fail\n2026-03-01 10:21:07.130 E  kernel[0:1a2b] (com.example.acme.driver.dext) Start failed: 0xe00002c7',
      'default\t10:21:07.123456-0800\tkernel\tDK: AcmeDriver-0x100000a12::start(IOPCIDevice-0x100000a0f) fail\nerror\t10:21:07.130001-0800\tkernel\t(com.example.acme.driver.dext) Start failed: 0xe00002c7',
    ]) {
      const { reports, errors } = ingestText(text, 'paste');
      expect(errors).toEqual([]);
      expect(reports[0]?.kind).toBe('kernel-log');
      expect(reports[0]?.events.map((e) => e.driverKit?.kind)).toEqual(['dk', 'start-failed']);
      expect(reports[0]?.events[1]?.driverKit).toEqual({ kind: 'start-failed', dext: 'com.example.acme.driver', code: '0xe00002c7' });
    }
  });

  it('gives a kext line no DriverKit meaning: a kext start failure is not a dext one', () => {
    const { reports } = ingestText('kernel: OSKext: kext com.acme.legacy start failed 0xe00002c7\n/Library/Extensions/Acme.kext failed to load - (libkern/kext) not loadable', 'kext.log');
    expect(reports[0]?.kind).toBe('kernel-log');
    expect(reports[0]?.events.map((e) => e.driverKit)).toEqual([undefined, undefined]);
  });

  it('still refuses text with nothing recognisable, in one line', () => {
    const { reports, errors } = ingestText('We tried the driver again today.\nIt still does not work, error 42.', 'notes.txt');
    expect(reports).toEqual([]);
    expect(errors).toEqual([{ path: 'notes.txt', message: 'unrecognised content: not a crash report, panic log, .ips file or kernel log' }]);
  });

  it('reads IOKit and libkern return codes in every printed form, and nothing else', () => {
    expect(iokitCodeIn('Start failed: 0xe00002c7')).toBe('0xe00002c7');
    expect(iokitCodeIn('status E00002C7 from open')).toBe('E00002C7');
    expect(iokitCodeIn('returned -536870174')).toBe('-536870174');
    expect(iokitCodeIn('kext load: -603946981')).toBe('-603946981');
    expect(iokitCodeIn('ret 3758097095')).toBe('3758097095');
    expect(iokitCodeIn('(iokit/common) exclusive access and device already open')).toBe('(iokit/common) exclusive access and device already open');
    expect(iokitCodeIn('Error Domain=NSOSStatusErrorDomain Code=-536870174')).toBe('-536870174');
    // Not IOKit: a POSIX error, a uuid word, a plain large count, a kern_return_t text.
    expect(iokitCodeIn('errno -1 (EPERM)')).toBeUndefined();
    expect(iokitCodeIn('uuid E0000123-1A2B-3C4D-5E6F-7A8B9C0D1E2F')).toBeUndefined();
    expect(iokitCodeIn('copied 1234567890 bytes')).toBeUndefined();
    expect(iokitCodeIn('(os/kern) invalid argument')).toBeUndefined();
    expect(isDriverDayLine('(os/kern) invalid argument')).toBe(true);
  });

  it('looks only at a bounded line head, so a huge line costs no more than a short one', () => {
    expect(iokitCodeIn(`${'x '.repeat(400)}0xe00002c7`)).toBeUndefined();
    expect(isDriverDayLine(`${'IOUserServer('.repeat(5000)}`)).toBe(false);
    expect(iokitCodeIn(`0xe00002c7 ${'['.repeat(100_000)}`)).toBe('0xe00002c7');
  });

  it('keeps the fixture free of anything but driver-day lines', () => {
    expect(fixture('driver-day-paste.txt').split('\n').filter((l) => l.trim() !== '').every(isDriverDayLine)).toBe(true);
  });
});
