import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseKernelLog, MAX_EVENTS } from '../../../src/ingest/kernel-log/index.js';
import type { LogEvent } from '../../../src/model/report.js';

const read = (rel: string) => readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8');
const fixture = (name: string) => read(`test/fixtures/kernel-log/${name}`);
const ctx = { path: 'x', startLine: 1, documentIndex: 0 };
const dk = (events: LogEvent[]) => events.flatMap((e) => (e.driverKit ? [e.driverKit] : []));

describe('parseKernelLog on the founding-case log (log show default style)', () => {
  const r = parseKernelLog(read('samples/founding-case/kernel.log'), { path: 'k', startLine: 1, documentIndex: 0 });

  it('is a kernel-log report with one event per log line and no header/summary events', () => {
    expect(r.kind).toBe('kernel-log');
    expect(r.source.format).toBe('kernel-log');
    expect(r.events).toHaveLength(47);
    expect(r.events.some((e) => e.message.includes('Filtering') || e.message.startsWith('Log '))).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('reads time with zone into epochMs, process, pid, level and 1-based line', () => {
    const e = r.events[1];
    expect(e).toMatchObject({ time: '2026-03-01 10:21:07.123456-0800', process: 'kernel', pid: 0, level: 'Default', line: 4 });
    expect(e?.epochMs).toBeCloseTo(Date.UTC(2026, 2, 1, 18, 21, 7, 123) + 0.456, 3);
  });

  it('reads the rising crash counts of the crash loop', () => {
    const counts = dk(r.events).flatMap((d) => (d.kind === 'crash-count' ? [[d.bundleId, d.count]] : []));
    expect(counts).toEqual([0, 1, 2, 3, 4].map((n) => ['com.example.driver.SCSIController', n]));
    const times = r.events.filter((e) => e.driverKit?.kind === 'crash-count').map((e) => e.epochMs ?? 0);
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);
  });

  it('takes the dext as sender and recognises its assertion as dext output', () => {
    const a = r.events.find((e) => e.message.startsWith('Assertion failed'));
    expect(a?.sender).toBe('com.example.driver.SCSIController.dext');
    expect(a?.level).toBe('Error');
    expect(a?.message).toBe(
      'Assertion failed: (notsync || !remote || (msgid == IOService_Start_ID) || queue->OnQueue()), function Invoke, file uioserver.cpp, line 1654.',
    );
    expect(a?.driverKit).toEqual({ kind: 'dext-output', bundleId: 'com.example.driver.SCSIController' });
  });

  it('recognises DK start lines with class and registry id, and waiting-for-server lines', () => {
    const start = r.events.find((e) => e.message.includes('::start('));
    expect(start?.driverKit).toMatchObject({ kind: 'dk', className: 'ExampleSCSIController', registryId: '0x1000012ab' });
    const wait = r.events.find((e) => e.message.includes('waiting for server'));
    expect(wait?.driverKit).toMatchObject({ kind: 'dk', server: 'com.example.driver.SCSIController', className: 'ExampleSCSIController' });
  });

  it('recognises the three IOPCIDevice ClientCrashed_Impl lines', () => {
    const cc = dk(r.events).filter((d) => d.kind === 'client-crashed').slice(0, 3);
    expect(cc).toEqual([
      { kind: 'client-crashed', className: 'ExampleSCSIController', phase: 'start' },
      { kind: 'client-crashed', className: 'ExampleSCSIController', noOpenSession: true, device: 'pci1000,30[4:0:0]' },
      { kind: 'client-crashed', className: 'ExampleSCSIController', phase: 'done' },
    ]);
  });

  it('fills report.process with the one dext the log is about, and keeps kext senders', () => {
    expect(r.process).toEqual({ bundleId: 'com.example.driver.SCSIController', name: 'com.example.driver.SCSIController' });
    expect(r.events[0]?.sender).toBe('AppleACPIPlatform');
    expect(r.events[0]?.driverKit).toBeUndefined();
  });
});

describe('parseKernelLog line styles', () => {
  it('reads --style syslog lines with host, process[pid] and a pci-not-open line', () => {
    const r = parseKernelLog(fixture('syslog-style.log'), ctx);
    expect(r.events).toHaveLength(6);
    expect(r.events[1]).toMatchObject({ process: 'kernel', pid: 0, driverKit: { kind: 'crash-count', bundleId: 'com.example.net.EthernetDriver', count: 2 } });
    expect(r.events[1]?.epochMs).toBeCloseTo(Date.UTC(2026, 2, 2, 7, 14, 51, 519) + 0.87, 3);
    expect(r.events[0]?.sender).toBe('IOPCIFamily');
    expect(r.events[4]?.driverKit).toEqual({ kind: 'pci-not-open', className: 'ExampleEthernet' });
    expect(r.events[5]).toMatchObject({ process: 'kernelmanagerd', pid: 153 });
    expect(r.process.bundleId).toBe('com.example.net.EthernetDriver');
  });

  it('reads --style compact lines: zone-less time gives localMs, not epochMs', () => {
    const r = parseKernelLog(fixture('compact-style.log'), ctx);
    expect(r.events).toHaveLength(4);
    expect(r.events[0]).toMatchObject({ process: 'kernel', pid: 0, level: 'Df', line: 2 });
    expect(r.events[0]?.epochMs).toBeUndefined();
    expect((r.events[1]?.localMs ?? 0) - (r.events[0]?.localMs ?? 0)).toBeCloseTo(30_001, 3);
    expect(r.events[1]?.level).toBe('E');
    expect(r.events[2]?.driverKit).toMatchObject({ className: 'ExampleHIDDriver', registryId: '0x100000d12' });
    expect(r.events[3]).toMatchObject({ process: 'sysextd', pid: 412 });
  });

  it('reads ndjson objects, skips a damaged line, and keeps the dext from the message prefix', () => {
    const r = parseKernelLog(fixture('ndjson-style.log'), ctx);
    expect(r.events.map((e) => e.driverKit?.kind)).toEqual(['crash-count', 'dext-output', 'crashed-too-many-times']);
    expect(r.events[0]).toMatchObject({ process: 'kernel', pid: 0, level: 'Default', sender: 'kernel.release.t6020', line: 1 });
    expect(r.events[1]).toMatchObject({ sender: 'com.example.audio.driver.dext', line: 2 });
    expect(r.events[1]?.message.startsWith('Assertion failed: (queue)')).toBe(true);
    expect(r.events[2]?.line).toBe(4);
    expect(r.events[0]?.epochMs).toBeCloseTo(Date.UTC(2026, 2, 2, 14, 1, 2, 118) + 0.402, 3);
    expect(r.process.bundleId).toBe('com.example.audio.driver');
    expect(r.warnings).toEqual(['1 line(s) of the JSON log could not be read']);
  });

  it('reads a pretty JSON array cut short: nested objects do not split events, the cut one is read loosely', () => {
    const r = parseKernelLog(fixture('json-array-truncated.json'), ctx);
    expect(r.events.map((e) => e.message)).toEqual([
      'DK: ExampleSCSI-0x100001100::start(pci1000,30-0x100000f00) ok',
      'IOPCIDevice::ClientCrashed_Impl() for client ExampleSCSI',
      'Driver com.example.scsi has crashed 4 time(s)',
    ]);
    expect(r.events[0]).toMatchObject({ process: 'kernel', line: 1, time: '2026-03-02 11:00:00.000100+0000' });
    expect(r.events[1]?.line).toBe(18);
    expect(r.events[2]?.driverKit).toEqual({ kind: 'crash-count', bundleId: 'com.example.scsi', count: 4 });
    expect(r.warnings.some((w) => w.includes('cut short'))).toBe(true);
  });

  it('reads Console.app copies: tab-separated, time-only stamps, blank lines and continuation lines', () => {
    const r = parseKernelLog(fixture('console-copy.txt'), ctx);
    expect(r.events).toHaveLength(3);
    expect(r.events[0]).toMatchObject({ level: 'default', time: '09:12:44.118203 -0800', process: 'kernel', sender: 'com.example.usb.driver.dext' });
    expect(r.events[0]?.epochMs).toBeUndefined();
    expect(r.events[1]?.driverKit).toMatchObject({ kind: 'client-crashed', className: 'ExampleUSB' });
    expect(r.events[2]?.message).toBe(
      'Error Domain=NSPOSIXErrorDomain Code=8 "Exec format error"\nUserInfo={path=/Library/SystemExtensions/ABC/com.example.usb.driver.dext}',
    );
    expect(r.events[2]?.line).toBe(5);
  });

  it('reads a quoted, fenced dmesg paste without timestamps', () => {
    const r = parseKernelLog(fixture('dmesg-forum-paste.txt'), ctx);
    const kinds = r.events.map((e) => e.driverKit?.kind);
    expect(kinds).toEqual([undefined, 'client-crashed', 'client-crashed', 'dext-output', 'dk', 'crash-count']);
    expect(r.events[2]?.driverKit).toEqual({ kind: 'client-crashed', className: 'ExampleCapture', phase: 'recovering', device: 'pci14f1,8800[3:0:0]' });
    expect(r.events[3]).toMatchObject({ process: 'kernel', sender: 'com.example.capture.driver.dext', message: 'capture: DMA timeout on channel 2' });
    expect(r.events[4]?.driverKit).toMatchObject({ kind: 'dk', server: 'com.example.capture.driver', registryId: '0x100000e51' });
    expect(r.events.every((e) => e.time === undefined)).toBe(true);
    expect(r.process.bundleId).toBe('com.example.capture.driver');
  });

  it('reads BSD syslog (system.log) lines with an optional <Level>', () => {
    const r = parseKernelLog(fixture('bsd-syslog.log'), ctx);
    expect(r.events[0]).toMatchObject({ time: 'Mar  2 10:04:11', process: 'kernel', pid: 0 });
    expect(r.events[1]).toMatchObject({ level: 'Notice', driverKit: { kind: 'dk', className: 'ExampleSerial' } });
  });

  it('does not fill report.process when several dexts appear', () => {
    const r = parseKernelLog('kernel: Driver com.a.one has crashed 1 time(s)\nkernel: Driver com.b.two has crashed 1 time(s)\n', ctx);
    expect(r.process).toEqual({});
  });

  it('offsets line numbers by the document start line', () => {
    const r = parseKernelLog('kernel: Driver com.a.one has crashed 1 time(s)\n', { path: 'x', startLine: 40, documentIndex: 2 });
    expect(r.events[0]?.line).toBe(40);
    expect(r.source.documentIndex).toBe(2);
  });
});

describe('parseKernelLog bounds and damage', () => {
  it('caps the number of events with a warning', () => {
    const r = parseKernelLog('kernel: x\n'.repeat(MAX_EVENTS + 5), ctx);
    expect(r.events).toHaveLength(MAX_EVENTS);
    expect(r.warnings.some((w) => w.includes(`more than ${MAX_EVENTS}`))).toBe(true);
  });

  it('reads a very long line and keeps its prefix (bench/panic-kernlog times the hostile shapes)', () => {
    const line = `2026-03-01 10:21:07.123456-0800  localhost kernel[0]: ${'x['.repeat(200_000)}`;
    const r = parseKernelLog(line, ctx);
    expect(r.events[0]).toMatchObject({ process: 'kernel', pid: 0 });
    expect(r.events[0]?.message.length).toBe(16 * 1024);
  });

  it('gives a warning and no events for empty input', () => {
    const r = parseKernelLog('\n\n', ctx);
    expect(r.kind).toBe('kernel-log');
    expect(r.events).toEqual([]);
    expect(r.warnings).toContain('no log lines found');
  });

  it('never throws on truncated slices of the samples (property)', () => {
    const sample = read('samples/founding-case/kernel.log') + fixture('json-array-truncated.json') + fixture('console-copy.txt');
    fc.assert(
      fc.property(fc.nat(sample.length), fc.nat(sample.length), (a, b) => {
        const r = parseKernelLog(sample.slice(Math.min(a, b), Math.max(a, b)), ctx);
        return r.kind === 'kernel-log' && r.events.every((e) => typeof e.message === 'string');
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => parseKernelLog(s, ctx).kind === 'kernel-log'), { numRuns: 300 });
  });
});
