import { describe, expect, it } from 'vitest';
import { emptyReport, type Report } from '../../src/model/report.js';
import { correlateIncidents, detectLogLoops, diagnose } from '../../src/diagnose/index.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { parseTimeMs, reportTimeRange } from '../../src/diagnose/time.js';

const sigs = builtinSignatures().signatures;

function dextCrash(bundle: string, time: string): Report {
  const r = emptyReport({ path: `${bundle}-${time}.ips`, format: 'ips' }, 'crash');
  r.process = { name: bundle, bundleId: bundle, path: `/Library/SystemExtensions/0A1B/${bundle}.dext/${bundle}` };
  r.time = time;
  r.exception = { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV', address: 0x10n };
  return r;
}

function kernelLog(lines: [string, string][]): Report {
  const r = emptyReport({ path: 'kernel.log', format: 'kernel-log' }, 'kernel-log');
  r.events = lines.map(([time, message], i) => ({ time, message, process: 'kernel', line: i + 1 }));
  return r;
}

describe('crash loops in a kernel log', () => {
  it('counts a rising "has crashed N time(s)" run and its span', () => {
    const r = kernelLog([
      ['2026-03-02 10:00:00.000000-0800', 'Driver com.acme.x has crashed 0 time(s)'],
      ['2026-03-02 10:00:10.500000-0800', 'Driver com.acme.x has crashed 1 time(s)'],
      ['2026-03-02 10:00:21.000000-0800', 'Driver com.acme.x has crashed 2 time(s)'],
    ]);
    expect(detectLogLoops(r)).toEqual([
      { subject: 'com.acme.x', count: 2, firstTime: '2026-03-02 10:00:00.000000-0800', lastTime: '2026-03-02 10:00:21.000000-0800', spanSeconds: 21 },
    ]);
  });

  it('counts the crash after the last launch line', () => {
    const r = kernelLog([
      ['2026-03-02 10:00:00.000000-0800', 'Driver com.acme.x has crashed 0 time(s)'],
      ['2026-03-02 10:00:05.000000-0800', 'Driver com.acme.x has crashed 1 time(s)'],
      ['2026-03-02 10:00:05.300000-0800', '(com.acme.x.dext) Assertion failed: (queue), function Cancel, file uioserver.cpp, line 4401.'],
    ]);
    expect(detectLogLoops(r)[0]?.count).toBe(2);
  });

  it('uses the recognised DriverKit event when the parser provides it', () => {
    const r = kernelLog([
      ['', 'launch'],
      ['', 'launch'],
    ]);
    r.events[0]!.driverKit = { kind: 'crash-count', bundleId: 'com.acme.y', count: 1 };
    r.events[1]!.driverKit = { kind: 'crash-count', bundleId: 'com.acme.y', count: 2 };
    expect(detectLogLoops(r)).toEqual([{ subject: 'com.acme.y', count: 2 }]);
  });

  it('is not a loop at the first launch', () => {
    expect(detectLogLoops(kernelLog([['2026-03-02 10:00:00.000000-0800', 'Driver com.acme.x has crashed 0 time(s)']]))).toEqual([]);
  });
});

describe('incidents', () => {
  it('groups repeated identical crashes of one dext into a loop with count and span', () => {
    const reports = [dextCrash('com.acme.cam', '2026-03-02 10:00:01.00 -0800'), dextCrash('com.acme.cam', '2026-03-02 10:00:12.50 -0800'),
      dextCrash('com.acme.cam', '2026-03-02 10:00:24.00 -0800')];
    const { incidents } = diagnose(reports, sigs);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.reports).toEqual([0, 1, 2]);
    expect(incidents[0]?.loop).toMatchObject({ subject: 'com.acme.cam', count: 3, spanSeconds: 23 });
    const loopDiag = incidents[0]?.diagnoses.find((d) => d.id === 'dk-dext-crash-loop');
    expect(loopDiag?.evidence[0]?.text).toBe('3 crash reports of com.acme.cam over 23 s');
    expect(incidents[0]?.diagnoses[0]?.id).toBe('exc-bad-access-null');
  });

  it('counts copies of one crash once: an .ips and the .crash made from it are not a loop', () => {
    // The .ips, a symbolicated .crash with its incident identifier, and a converted .crash that lost
    // it but keeps the time to the millisecond: one crash. Two crashes with their own identifiers in
    // one whole second, and one that gives only a whole second, are three.
    const copy = (time: string, incident?: string): Report => {
      const r = dextCrash('com.acme.cam', time);
      if (incident) r.incident = incident;
      return r;
    };
    const one = [copy('2026-03-02 10:00:01.2455 -0800', '6251125F-0919-4879-B36B-F5F2D1E6902E'), copy('2026-03-02 10:00:01.2455 -0800', '6251125f-0919-4879-b36b-f5f2d1e6902e'), copy('2026-03-02 10:00:01.2455 -0800')];
    for (const order of [one, [...one].reverse(), [one[2], one[0], one[1]] as Report[]]) {
      const { incidents } = diagnose(order, sigs);
      expect(incidents).toHaveLength(1);
      expect(incidents[0]?.reports).toHaveLength(3);
      expect(incidents[0]?.loop).toBeUndefined();
    }
    const three = [copy('2026-03-02 10:00:01 -0800', 'A0000000-0000-4000-8000-000000000001'), copy('2026-03-02 10:00:01 -0800', 'A0000000-0000-4000-8000-000000000002'), copy('2026-03-02 10:00:01 -0800')];
    expect(diagnose(three, sigs).incidents[0]?.loop).toMatchObject({ subject: 'com.acme.cam', count: 3 });
  });

  it('keeps unrelated processes and far-apart times apart', () => {
    const a = dextCrash('com.acme.cam', '2026-03-02 10:00:01.00 -0800');
    const b = dextCrash('com.acme.mic', '2026-03-02 10:00:02.00 -0800');
    const c = dextCrash('com.acme.cam', '2026-03-04 18:00:00.00 -0800');
    for (const r of [a, b, c]) r.diagnoses = [];
    expect(correlateIncidents([a, b, c])).toEqual([]);
  });

  it('ties a dext crash to the kernel log that names its bundle id', () => {
    const crash = dextCrash('com.acme.cam', '2026-03-02 10:00:05.20 -0800');
    const log = kernelLog([
      ['2026-03-02 10:00:00.000000-0800', 'Driver com.acme.cam has crashed 0 time(s)'],
      ['2026-03-02 10:00:05.100000-0800', '(com.acme.cam.dext) [cam] init'],
    ]);
    const { incidents } = diagnose([log, crash], sigs);
    expect(incidents.map((i) => ({ reports: i.reports, subject: i.subject }))).toEqual([{ reports: [0, 1], subject: 'com.acme.cam' }]);
  });
});

describe('parseTimeMs', () => {
  it.each([
    ['2024-06-11 16:42:08.3307 -0700', Date.UTC(2024, 5, 11, 23, 42, 8, 331)],
    ['2026-03-01 10:21:07.123456-0800', Date.UTC(2026, 2, 1, 18, 21, 7, 123)],
    ['2026-03-01T10:21:07Z', Date.UTC(2026, 2, 1, 10, 21, 7)],
  ])('%s', (text, ms) => expect(parseTimeMs(text)).toBe(ms));
  it('gives undefined for text that is not a time', () => expect(parseTimeMs('Thu Oct 17 09:41:27 2019')).toBeUndefined());
  it('answers a repeated or alternating text the same each time (it keeps its last answer)', () => {
    const a = '2024-06-11 16:42:08.3307 -0700';
    const b = '2026-03-01T10:21:07Z';
    const got = [a, a, b, 'not a time', 'not a time', a, `${a.slice(0, 10)}${a.slice(10)}`, b].map((t) => parseTimeMs(t));
    expect(got).toEqual([1718149328331, 1718149328331, 1772360467000, undefined, undefined, 1718149328331, 1718149328331, 1772360467000]);
  });
});

describe('reportTimeRange', () => {
  it('spans the earliest and latest event time, whatever their order; without events, the report time', () => {
    const log = kernelLog([
      ['2026-03-01 10:21:09', 'b'],
      ['', 'no time'],
      ['2026-03-01 10:21:07', 'a'],
      ['2026-03-01 10:21:30', 'c'],
    ]);
    log.events[3] = { ...(log.events[3] as Report['events'][number]), epochMs: Date.UTC(2026, 2, 1, 9, 0, 0) };
    expect(reportTimeRange(log)).toEqual([Date.UTC(2026, 2, 1, 9, 0, 0), Date.UTC(2026, 2, 1, 10, 21, 9)]);
    expect(reportTimeRange(dextCrash('com.example.Drv', '2026-03-01 10:21:07.5 +0100'))).toEqual([Date.UTC(2026, 2, 1, 9, 21, 7, 500), Date.UTC(2026, 2, 1, 9, 21, 7, 500)]);
    expect(reportTimeRange(kernelLog([['', 'no time']]))).toBeUndefined();
    const many = kernelLog([]);
    many.events = Array.from({ length: 300_000 }, (_, i) => ({ message: 'x', localMs: (i * 7919) % 300_000 }));
    expect(reportTimeRange(many)).toEqual([0, 299_999]);
  });
});
