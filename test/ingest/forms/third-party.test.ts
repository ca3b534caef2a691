import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import data from '../../../src/ingest/reporters/reporters.json' with { type: 'json' };
import schema from '../../../src/ingest/reporters/reporters.schema.json' with { type: 'json' };
import { reporterOfFrame } from '../../../src/ingest/reporters/mark-frames.js';
import type { Frame } from '../../../src/model/report.js';
import { one } from './helpers.js';

const symbols = (frames: Frame[] | undefined): Array<string | undefined> => (frames ?? []).map((f) => f.symbol);
const marked = (frames: Frame[] | undefined): number[] => (frames ?? []).filter((f) => f.reporter).map((f) => f.index);

describe('reports written by third-party crash reporters', () => {
  it('validates the reporter list against its schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(reporterOfFrame({ index: 0, image: 'FirebaseCrashlytics' })).toBe('Firebase Crashlytics');
    expect(reporterOfFrame({ index: 0, image: 'Larkspur', symbol: 'kscrash_handleSignal' })).toBe('KSCrash');
    expect(reporterOfFrame({ index: 0, image: 'Larkspur', symbol: '-[LKStore flush]' })).toBeUndefined();
  });

  it('reads a Crashlytics export: crashed thread, exception line, named threads, image offsets', () => {
    const r = one('crashlytics-bad-access.txt');
    expect(r.kind).toBe('crash');
    expect(r.source.producer).toBe('Firebase Crashlytics');
    expect(r.exception).toEqual({ type: 'EXC_BAD_ACCESS', codes: 'KERN_INVALID_ADDRESS at 0x0000000000000010', address: 0x10n });
    expect(r.crashedThread).toBe(0);
    expect(r.threads.map((t) => [t.index, t.crashed, t.queue ?? t.name ?? null])).toEqual([
      [0, true, 'com.apple.main-thread'],
      [1, false, 'com.google.firebase.crashlytics.MachExceptionServer'],
      [2, false, 'com.apple.uikit.eventfetch-thread'],
      [3, false, null],
    ]);
    const top = r.threads[0]?.frames[1];
    expect(top).toMatchObject({ image: 'Larkspur', imageOffset: 0x5a2c4n, symbol: '-[LKFeedController reloadVisibleRows]', file: 'LKFeedController.m', line: 212 });
    expect(top?.address).toBeUndefined();
    // "(Missing)" is Crashlytics' placeholder, not a symbol; a full address stays an address.
    expect(r.threads[0]?.frames[10]).toMatchObject({ address: 0x1b7e2ddecn });
    expect(r.threads[0]?.frames[10]?.symbol).toBeUndefined();
    expect(marked(r.threads[1]?.frames)).toEqual([0, 1, 2, 3]);
    expect(marked(r.threads[0]?.frames)).toEqual([]);
  });

  it('reads a Crashlytics fatal exception: reason, exception stack, and the terminate handler marked', () => {
    const r = one('crashlytics-fatal-exception.txt');
    expect(r.applicationSpecific).toEqual([
      'Fatal Exception: NSInvalidArgumentException',
      '-[__NSDictionaryM setObject:forKey:]: object cannot be nil (key: token)',
    ]);
    expect(symbols(r.lastExceptionBacktrace).slice(0, 4)).toEqual(['__exceptionPreprocess', 'objc_exception_throw', '-[__NSDictionaryM setObject:forKey:]', '-[LKSession storeToken:]']);
    expect(r.threads).toHaveLength(1);
    expect(r.threads[0]?.crashed).toBe(true);
    expect(marked(r.threads[0]?.frames)).toEqual([6]);
  });

  it('reads an Umeng signal report: the handler frames above _sigtramp are the reporter\'s, the image from the trailer', () => {
    const r = one('umeng-signal.txt');
    expect(r.source.producer).toBe('Umeng');
    expect(r.exception).toEqual({ type: 'SIGSEGV', signal: 'SIGSEGV' });
    expect(r.crashedThread).toBe(0);
    const frames = r.threads[0]?.frames ?? [];
    expect(frames).toHaveLength(6);
    expect(marked(frames)).toEqual([0, 1]);
    expect(frames[2]).toMatchObject({ image: 'Larkspur', imageOffset: 278232n });
    expect(frames[2]?.symbol).toBeUndefined();
    expect(frames[4]?.symbol).toBeUndefined();
    expect(r.images).toEqual([{ name: 'Larkspur', uuid: '2F1D0C7A-8A33-3E41-9E0A-6B5F3C1D2E4F', base: 0x100a18000n, arch: 'arm64' }]);
    expect(r.hardware.arch).toBe('arm64');
  });

  it('reads an Umeng uncaught exception into the exception and its backtrace', () => {
    const r = one('umeng-exception.txt');
    expect(r.exception).toEqual({ type: 'NSRangeException' });
    expect(r.applicationSpecific).toEqual(['*** -[__NSArrayM objectAtIndexedSubscript:]: index 4 beyond bounds [0 .. 2]', 'NSRangeException']);
    expect(r.lastExceptionBacktrace).toHaveLength(6);
    expect(r.lastExceptionBacktrace?.[1]?.symbol).toBe('objc_exception_throw');
    expect(r.threads).toEqual([]);
  });

  it('reads a Bugly report: #N Thread headings, signal and code, the crashed thread first', () => {
    const r = one('bugly-signal.txt');
    expect(r.source.producer).toBe('Bugly');
    expect(r.exception).toEqual({ type: 'SIGSEGV', signal: 'SIGSEGV', codes: 'SEGV_ACCERR' });
    expect(r.threads.map((t) => [t.index, t.crashed, t.frames.length])).toEqual([
      [0, true, 4],
      [3, false, 2],
    ]);
    expect(r.threads[0]?.frames[1]).toMatchObject({ image: 'Larkspur', symbol: '-[LKPlayerView layoutSubviews]', file: 'LKPlayerView.m', line: 75 });
    expect(marked(r.threads[1]?.frames)).toEqual([1]);
  });

  it('reads KSCrash\'s native JSON, with its handler frames marked', () => {
    const r = one('kscrash-native.json');
    expect(r.source).toMatchObject({ format: 'reporter-json', producer: 'KSCrash', reportVersion: '3.7.0' });
    expect(r.kind).toBe('crash');
    expect(r.process).toMatchObject({ name: 'Larkspur', pid: 2211, bundleId: 'com.example.larkspur', version: '3.2 (320)' });
    expect(r.os).toMatchObject({ platform: 'iOS', version: '18.3', build: '22D63' });
    expect(r.hardware).toEqual({ model: 'iPhone16,1', arch: 'arm64e' });
    expect(r.exception).toEqual({ type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV', codes: 'KERN_INVALID_ADDRESS at 0x0000000000000018', address: 24n });
    expect(r.crashedThread).toBe(0);
    expect(r.threads[0]?.queue).toBe('com.apple.main-thread');
    expect(r.threads[0]?.frames[2]).toMatchObject({ image: 'Larkspur', symbol: '-[LKStore flush]', symbolOffset: 120, imageOffset: 4305610120n - 4305551360n });
    expect(marked(r.threads[0]?.frames)).toEqual([0, 1]);
    expect(r.threads[0]?.registers).toMatchObject({ pc: 4305610120n, esr: 2449473606n, far: 24n });
    expect(r.threads[0]?.registers?.exception).toBeUndefined();
    expect(r.images[1]).toMatchObject({ name: 'libsystem_kernel.dylib', arch: 'arm64e', uuid: 'B422BA38-A9F6-3062-BE28-D28D39E3FE25' });
    expect(r.time).toBe('2026-01-01T00:00:00.000Z');
  });
});
