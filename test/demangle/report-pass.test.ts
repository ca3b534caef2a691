import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { demangleReport, demangleReportShared, keepRawNames } from '../../src/demangle/index.js';
import { hasCxxSymbol } from '../../src/demangle/report-pass.js';
import { ingestBytes } from '../../src/ingest/index.js';
import { localTextFiles } from '../helpers/diagnose.js';
import { installNodeCxxBackend } from '../../src/demangle/cxx-node.js';
import { emptyReport, type Report } from '../../src/model/report.js';

function reportWith(symbols: string[]): Report {
  const r = emptyReport({ path: 'x.ips', format: 'ips' }, 'crash');
  r.threads.push({ index: 0, crashed: true, frames: symbols.map((symbol, index) => ({ index, symbol, image: 'App' })) });
  r.lastExceptionBacktrace = [{ index: 0, symbol: '__ZN3foo3barEv' }];
  return r;
}

describe('demangleReport', () => {
  beforeAll(() => installNodeCxxBackend());

  it('demangles frame symbols and keeps the raw name beside them', () => {
    const out = demangleReport(reportWith(['__ZN3foo3barEv', 'objc_msgSend']));
    const frames = out.threads[0]?.frames ?? [];
    expect(frames[0]).toMatchObject({ symbol: 'foo::bar()', rawSymbol: '__ZN3foo3barEv' });
    expect(frames[1]?.symbol).toBe('objc_msgSend');
    expect(frames[1]?.rawSymbol).toBeUndefined();
    expect(out.lastExceptionBacktrace?.[0]?.symbol).toBe('foo::bar()');
  });

  it('does not modify the input report', () => {
    const input = reportWith(['__ZN3foo3barEv']);
    demangleReport(input);
    expect(input.threads[0]?.frames[0]?.symbol).toBe('__ZN3foo3barEv');
  });

  it('is idempotent: a second pass starts from rawSymbol', () => {
    const once = demangleReport(reportWith(['__ZN3foo3barEv']));
    const twice = demangleReport(once);
    expect(twice.threads[0]?.frames[0]).toMatchObject({ symbol: 'foo::bar()', rawSymbol: '__ZN3foo3barEv' });
  });

  it('keeps a rawSymbol that an ingester set for a name that is not mangled', () => {
    const r = reportWith([]);
    r.threads.push({ index: 1, crashed: false, frames: [{ index: 0, symbol: '_assertionFailure(_:_:file:line:flags:)',
      rawSymbol: '_assertionFailure+ 2154236 (_:_:file:line:flags:)' }] });
    const f = demangleReport(r).threads[1]?.frames[0];
    expect(f).toMatchObject({ symbol: '_assertionFailure(_:_:file:line:flags:)',
      rawSymbol: '_assertionFailure+ 2154236 (_:_:file:line:flags:)' });
  });

  it('re-demangles from rawSymbol in another style', () => {
    const r = reportWith(['$s7Weather8ForecastC4tempSdvg']);
    const simple = demangleReport(r);
    expect(simple.threads[0]?.frames[0]?.symbol).toBe('Forecast.temp.getter');
    const full = demangleReport(simple, { style: 'full' });
    expect(full.threads[0]?.frames[0]).toMatchObject({ symbol: 'Weather.Forecast.temp.getter : Swift.Double',
      rawSymbol: '$s7Weather8ForecastC4tempSdvg' });
  });

  it('demangles the panic backtrace', () => {
    const r = reportWith([]);
    r.panic = { kexts: [], backtrace: [{ index: 0, symbol: '__ZN9IOService5startEPS_' }] };
    expect(demangleReport(r).panic?.backtrace[0]?.symbol).toBe('IOService::start(IOService*)');
  });

  it('keepRawNames shows mangled raw names again and leaves other rawSymbols alone', () => {
    const r = demangleReport(reportWith(['$s7Weather8ForecastC4tempSdvg', '__ZN3foo3barEv']));
    r.threads[0]?.frames.push({ index: 2, symbol: 'f(_:)', rawSymbol: 'f+ 12 (_:)' });
    const raw = keepRawNames(r).threads[0]?.frames ?? [];
    expect(raw[0]).toEqual({ index: 0, image: 'App', symbol: '$s7Weather8ForecastC4tempSdvg' });
    expect(raw[1]?.symbol).toBe('__ZN3foo3barEv');
    expect(raw[2]).toMatchObject({ symbol: 'f(_:)', rawSymbol: 'f+ 12 (_:)' });
  });
});


describe('demangleReportShared', () => {
  beforeAll(() => installNodeCxxBackend());

  it('gives what demangleReport gives on every sample and fixture, leaving the input as it was', () => {
    const files = localTextFiles();
    let reports = 0;
    let mangled = 0;
    for (const f of files) {
      for (const r of ingestBytes(new Uint8Array(readFileSync(f)), f).reports) {
        const before = structuredClone(r);
        const copied = demangleReport(r);
        const shared = demangleReportShared(r);
        expect(shared, f).toEqual(copied);
        expect(r, f).toEqual(before);
        expect(shared).not.toBe(r);
        reports++;
        if (shared.threads !== r.threads) mangled++;
      }
    }
    expect(reports).toBeGreaterThan(20);
    // Both ways are exercised: reports with mangled names (threads rebuilt) and without (shared).
    expect(mangled).toBeGreaterThan(0);
    expect(mangled).toBeLessThan(reports);
  });

  it('gives what demangleReport gives for any frames (property: symbols and raw symbols of every shape)', () => {
    const name = fc.constantFrom('', 'a', '_', '$', '@', '__', 'main', 'objc_msgSend', '-[Foo bar:]', '+[Foo bar]', '0x1234', '_swift_release', '$s4main3FooV3baryyF', '@objc', '__ZN3foo3barEv', '_ZL12RunWebThreadPv', '____ZN4demo3runEv_block_invoke', 'foo::bar()', 'Foo.bar()');
    const frame = fc.record({ symbol: name, rawSymbol: name }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(fc.array(frame, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), (threads) => {
        const r = reportWith([]);
        r.threads = threads.map((frames, t) => ({ index: t, crashed: t === 0, frames: frames.map((f, index) => ({ index, ...f })) }));
        expect(demangleReportShared(r)).toEqual(demangleReport(r));
      }),
      { numRuns: 400 },
    );
  });

  it('copies only the threads and lists whose symbols change', () => {
    const r = reportWith(['objc_msgSend']);
    r.threads.push({ index: 1, crashed: false, frames: [{ index: 0, symbol: '__ZN3foo3barEv' }] });
    r.panic = { kexts: [], backtrace: [{ index: 0, symbol: 'panic' }] };
    const out = demangleReportShared(r);
    expect(out.threads).not.toBe(r.threads);
    expect(out.threads[0]).toBe(r.threads[0]);
    expect(out.threads[1]?.frames[0]).toEqual({ index: 0, symbol: 'foo::bar()', rawSymbol: '__ZN3foo3barEv' });
    expect(r.threads[1]?.frames[0]?.symbol).toBe('__ZN3foo3barEv');
    expect(out.panic).toBe(r.panic);
    expect(out.lastExceptionBacktrace?.[0]?.symbol).toBe('foo::bar()');
    expect(r.lastExceptionBacktrace?.[0]?.symbol).toBe('__ZN3foo3barEv');
  });
});

describe('hasCxxSymbol (whether a report will call the C++ backend)', () => {
  const plain = (symbols: string[]): Report => {
    const r = emptyReport({ path: 'x.crash', format: 'crash-text' }, 'crash');
    r.threads.push({ index: 0, crashed: true, frames: symbols.map((symbol, index) => ({ index, symbol, image: 'App' })) });
    return r;
  };

  it('agrees with a demangling pass: true exactly when some symbol is an Itanium name', () => {
    const cases: [string[], boolean][] = [
      [['main', 'objc_msgSend', '-[Foo bar:]'], false],
      [['$s4main3FooV3baryyF', '_swift_release'], false],
      [['main', '__ZN3foo3barEv'], true],
      [['_ZL12RunWebThreadPv'], true],
      [['____ZN4demo3runEv_block_invoke'], true],
      [[], false],
    ];
    for (const [symbols, cxx] of cases) expect(hasCxxSymbol(plain(symbols)), symbols.join(' ')).toBe(cxx);
    expect(hasCxxSymbol(reportWith(['main']))).toBe(true); // in the last exception backtrace
    const raw = plain(['foo::bar()']);
    (raw.threads[0]?.frames[0] as { rawSymbol?: string }).rawSymbol = '__ZN3foo3barEv';
    expect(hasCxxSymbol(raw)).toBe(true);
    const panic = plain([]);
    panic.panic = { backtrace: [{ index: 0, symbol: '__ZN3foo3barEv' }] } as unknown as Report['panic'];
    expect(hasCxxSymbol(panic)).toBe(true);
  });
});
