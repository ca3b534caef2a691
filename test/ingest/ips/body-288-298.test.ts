import { describe, expect, it } from 'vitest';
import { parse, parseFile } from './helpers.js';

describe('288 / 409 stackshot bodies', () => {
  it('reads a 288 stackshot as kind stackshot with reason, exception code and frontmost process', () => {
    const r = parse(
      '{"bug_type":"288","os_version":"iPhone OS 18.5 (22F76)"}\n' +
        JSON.stringify({
          build: 'iPhone OS 18.5 (22F76)',
          product: 'iPhone15,2',
          reason: 'stackshot via sysdiagnose',
          exception: '0xbaaaaaad',
          frontmostPids: [34],
          processByPid: { '34': { pid: 34, procname: 'SpringBoard', threadById: { '1': {}, '2': {} } } },
          binaryImages: [['b73984c9-1873-a361-7f60-c77e95a2834e', '18446743919090728960', 'U']],
          notes: ['Requested by sysdiagnose_helper'],
        }),
    );
    expect(r.kind).toBe('stackshot');
    expect(r.exception).toEqual({ codes: '0xbaaaaaad' });
    expect(r.images[0]).toEqual({ uuid: 'B73984C9-1873-A361-7F60-C77E95A2834E', base: 18446743919090728960n, kind: 'U' });
    expect(r.notes).toEqual([
      'reason: stackshot via sysdiagnose',
      'exception code: 0xbaaaaaad',
      'stackshot: 1 processes, 2 threads',
      'frontmost: SpringBoard [34]',
      'Requested by sysdiagnose_helper',
    ]);
  });

  it('reads a 409 watchdog whose stackshot is nested, tolerating short tuples and unknown letters', () => {
    const r = parseFile('test/fixtures/ips/stackshot-409.ips');
    expect(r.kind).toBe('stackshot');
    expect(r.source.bugType).toBe('409');
    expect(r.hardware).toEqual({ model: 'Mac14,7', arch: 'arm64' });
    expect(r.images).toEqual([
      { uuid: '13C7C41B-9949-3E1D-8503-5A56380009B4', base: 18446741874823331840n, kind: 'T' },
      { uuid: '00000000-0000-0000-0000-000000000000', base: 0n },
      { uuid: 'BE632523-12EA-3FA9-8B30-8F1DD1E7DBC9', base: 6442450944n, kind: 'Q' },
    ]);
    expect(r.notes).toContain('reason: userspace watchdog timeout: no successful checkins from WindowServer in 120 seconds');
    expect(r.notes).toContain('frontmost: WindowServer [388]');
    expect(r.notes).toContain('stackshot: 2 processes, 3 threads; largest resident: WindowServer [388] 400 MB, kernel_task [0] 100 MB');
  });
});

describe('298 jetsam body (samples/jetsam-ios.ips)', () => {
  const r = parseFile('samples/jetsam-ios.ips');

  it('reads the killed process with its reason and resident size', () => {
    expect(r.kind).toBe('jetsam');
    expect(r.jetsam?.pageSize).toBe(16384);
    expect(r.jetsam?.killed).toEqual([
      {
        name: 'PhotoCrunch',
        pid: 1843,
        uuid: '3F9A1C27-5E0B-3D64-A8F2-7B1E4C90D356',
        reason: 'per-process-limit',
        residentBytes: 184320 * 16384,
        states: ['frontmost', 'resume'],
      },
    ]);
    expect(r.process).toEqual({ name: 'PhotoCrunch', pid: 1843 });
    expect(r.jetsam?.largestProcessName).toBe('PhotoCrunch');
  });

  it('orders the largest processes by rpages × pageSize, bounded to ten', () => {
    const largest = r.jetsam?.largest ?? [];
    expect(largest).toHaveLength(10);
    expect(largest.slice(0, 3).map((p) => [p.name, p.residentBytes])).toEqual([
      ['PhotoCrunch', 184320 * 16384],
      ['com.apple.WebKit.WebContent', 20531 * 16384],
      ['SpringBoard', 14208 * 16384],
    ]);
  });

  it('reads OS, device and time', () => {
    expect(r.os).toMatchObject({ platform: 'iOS', version: '17.4.1', build: '21E236' });
    expect(r.hardware.model).toBe('iPhone14,5');
    expect(r.time).toBe('2024-04-18 19:02:44.61 -0400');
  });
});
