import { describe, expect, it } from 'vitest';
import { parseImageLine } from '../../../src/ingest/crash-text/binary-images.js';
import { parseCodeType } from '../../../src/ingest/crash-text/code-type.js';
import { parseExceptionType } from '../../../src/ingest/crash-text/exception.js';
import { cleanSwiftArtifacts, parseFrameLine } from '../../../src/ingest/crash-text/frame-line.js';
import { parseThreadHeader } from '../../../src/ingest/crash-text/threads.js';
import { parse } from './helpers.js';

describe('parseFrameLine', () => {
  it('reads the unsymbolicated load + offset form, image offset = address − load', () => {
    const p = parseFrameLine('3   iOSCrashingTest               \t0x0000000102bca2a4 0x102bc4000 + 25252');
    expect(p?.frame).toEqual({ index: 3, image: 'iOSCrashingTest', address: 0x102bca2a4n, imageOffset: 25252n });
    expect(p?.loadAddress).toBe(0x102bc4000n);
  });

  it('keeps spaces in image names and tabs before the address', () => {
    const p = parseFrameLine('12  Google Chrome Framework       \t0x000000010c1b2a3f ChromeMain + 4211');
    expect(p?.frame).toMatchObject({ index: 12, image: 'Google Chrome Framework', symbol: 'ChromeMain', symbolOffset: 4211, symbolSource: 'report' });
  });

  it('leaves ??? images and locations unnamed', () => {
    const p = parseFrameLine('2   ???                                 0x0000000054485244 0x0 + 0');
    expect(p?.frame).toEqual({ index: 2, address: 0x54485244n });
  });

  it('reads symbol + offset with a (File.swift:12) suffix', () => {
    const p = parseFrameLine('4   kaki                          \t0x0000000100081a1c main + 108 (main.m:14)');
    expect(p?.frame).toMatchObject({ symbol: 'main', symbolOffset: 108, file: 'main.m', line: 14 });
  });

  it('reads KSCrash symbols in parentheses after the load form', () => {
    const p = parseFrameLine('5   Crash-Tester                    0x0000f6d9 0x8000 + 30425 (-[Crasher throwException] + 101)');
    expect(p?.frame).toMatchObject({ image: 'Crash-Tester', imageOffset: 30425n, symbol: '-[Crasher throwException]', symbolOffset: 101 });
  });

  it('cleans the odd Swift "+ N (" artefact and keeps the raw symbol', () => {
    const p = parseFrameLine('0   libswiftCore.dylib            \t0x00000001ad8d9efc specialized _assertionFailure+ 2154236 (_:_:file:line:flags:) + 440');
    expect(p?.frame).toMatchObject({
      symbol: 'specialized _assertionFailure(_:_:file:line:flags:)',
      rawSymbol: 'specialized _assertionFailure+ 2154236 (_:_:file:line:flags:)',
      symbolOffset: 440,
    });
    expect(cleanSwiftArtifacts('+[BSAnimationSettings+ 5824552 (UIKit) tryAnimatingWithSettings:actions:completion:]')).toBe(
      '+[BSAnimationSettings(UIKit) tryAnimatingWithSettings:actions:completion:]',
    );
    expect(cleanSwiftArtifacts('-[NSObject(NSObject) doesNotRecognizeSelector:]')).toBe('-[NSObject(NSObject) doesNotRecognizeSelector:]');
  });

  it('reads a symbol with a file suffix and no offset', () => {
    const p = parseFrameLine('7   MyApp                      0x00606698 MyApp.Plot.init ()MyApp.Plot (Plot.swift:206)');
    expect(p?.frame).toMatchObject({ symbol: 'MyApp.Plot.init ()MyApp.Plot', file: 'Plot.swift', line: 206 });
    expect(p?.frame.symbolOffset).toBeUndefined();
  });

  it('refuses lines that are not frames', () => {
    expect(parseFrameLine('Thread 0 Crashed:')).toBeUndefined();
    expect(parseFrameLine('12  CoreFoundation            ')).toBeUndefined();
    expect(parseFrameLine('00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................')).toBeUndefined();
  });
});

describe('parseImageLine', () => {
  it('reads the iOS arch-column form with a dash-less UUID', () => {
    expect(parseImageLine('0x18a94d000 - 0x18aeb5fff libswiftCore.dylib arm64e  <a49d560c13233bfba7e8762be0c1b2ef> /usr/lib/swift/libswiftCore.dylib')).toEqual({
      name: 'libswiftCore.dylib',
      base: 0x18a94d000n,
      size: 0x569000n,
      arch: 'arm64e',
      uuid: 'A49D560C-1323-3BFB-A7E8-762BE0C1B2EF',
      path: '/usr/lib/swift/libswiftCore.dylib',
    });
  });

  it('reads 32-bit rows without padding', () => {
    expect(parseImageLine('0xfb000 - 0x106fff Demo armv7  <0123456789abcdef0123456789abcdef> /var/Demo.app/Demo')).toMatchObject({ name: 'Demo', base: 0xfb000n, size: 0xc000n, arch: 'armv7' });
  });

  it('reads the macOS ≤ 11 +bundle (version - build) form', () => {
    expect(parseImageLine('       0x1003da000 -        0x1003dafff +com.example.App (1.0 - 1) <3457264D-8E59-379C-B9DE-F64DD04F1BB7> /Applications/Example App.app/Contents/MacOS/Example App')).toEqual({
      name: 'com.example.App',
      bundleId: 'com.example.App',
      base: 0x1003da000n,
      size: 0x1000n,
      version: '1.0 - 1',
      apple: false,
      uuid: '3457264D-8E59-379C-B9DE-F64DD04F1BB7',
      path: '/Applications/Example App.app/Contents/MacOS/Example App',
    });
  });

  it('drops the macOS 12+ ??? pseudo-image', () => {
    expect(parseImageLine('               0x0 - 0xffffffffffffffff ??? (*) <00000000-0000-0000-0000-000000000000> ???')).toBeNull();
  });

  it('reads an image without a UUID', () => {
    expect(parseImageLine('0x7fff5fc00000 - 0x7fff5fc3bfff  dyld (132.1) /usr/lib/dyld')).toMatchObject({ name: 'dyld', version: '132.1', path: '/usr/lib/dyld' });
  });

  it('refuses lines that are not image rows', () => {
    expect(parseImageLine('Binary Images:')).toBeUndefined();
  });
});

describe('header value parsers', () => {
  it('strips (Native)/(Translated) from Code Type', () => {
    expect(parseCodeType('ARM-64 (Native)')).toEqual({ arch: 'arm64', translated: false });
    expect(parseCodeType('X86-64 (Translated)')).toEqual({ arch: 'x86_64', translated: true });
    expect(parseCodeType('X86 (Native)')).toEqual({ arch: 'i386', translated: false });
    expect(parseCodeType('ARM')).toEqual({ arch: 'armv7' });
    expect(parseCodeType('X86-64')).toEqual({ arch: 'x86_64' });
  });

  it('splits the signal out of Exception Type', () => {
    expect(parseExceptionType('EXC_BAD_ACCESS (SIGSEGV)')).toEqual({ type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV' });
    expect(parseExceptionType('SIGBUS')).toEqual({ type: 'SIGBUS', signal: 'SIGBUS' });
    expect(parseExceptionType('0 (0)')).toEqual({ type: '0' });
    expect(parseExceptionType('00000020')).toEqual({ type: '00000020' });
  });

  it('reads every thread header spelling', () => {
    expect(parseThreadHeader('Thread 0 Crashed:')).toEqual({ kind: 'start', index: 0, crashed: true });
    expect(parseThreadHeader('Thread 0 name:  Dispatch queue: com.apple.main-thread')).toEqual({ kind: 'name', index: 0, queue: 'com.apple.main-thread' });
    expect(parseThreadHeader('Thread 4 name:  WebThread')).toEqual({ kind: 'name', index: 4, name: 'WebThread' });
    expect(parseThreadHeader('Thread 0 Crashed::  Dispatch queue: com.apple.main-thread')).toEqual({ kind: 'start', index: 0, crashed: true, queue: 'com.apple.main-thread' });
    expect(parseThreadHeader('Thread 3:: com.apple.NSEventThread')).toEqual({ kind: 'start', index: 3, crashed: false, name: 'com.apple.NSEventThread' });
    expect(parseThreadHeader('Thread 1:')).toEqual({ kind: 'start', index: 1, crashed: false });
    expect(parseThreadHeader('Thread 2 Attributed:')).toEqual({ kind: 'start', index: 2, crashed: false });
    expect(parseThreadHeader('Thread 0 crashed with ARM Thread State (64-bit):')).toBeUndefined();
  });
});

describe('report-level details', () => {
  it('reads OS Version in every spelling', () => {
    const os = (v: string) => parse(`Process: A [1]\nOS Version: ${v}\nException Type: EXC_CRASH (SIGABRT)\n`).os;
    expect(os('iPhone OS 16.0 (20A362)')).toMatchObject({ platform: 'iOS', version: '16.0', build: '20A362' });
    expect(os('iOS 9.3.5 (13G36)')).toMatchObject({ platform: 'iOS', version: '9.3.5', build: '13G36' });
    expect(os('Mac OS X 10.15 (19A546d)')).toMatchObject({ platform: 'macOS', version: '10.15', build: '19A546d' });
    expect(os('macOS 12.4 (21F79)')).toMatchObject({ platform: 'macOS', version: '12.4', build: '21F79' });
  });

  it('keeps Termination Reason continuation lines as the description', () => {
    const r = parse('Exception Type:  EXC_CRASH (SIGABRT)\nTermination Reason: TCC 0 \nThis app has crashed because it attempted to access privacy-sensitive data.\n\nTriggered by Thread:  1\n');
    expect(r.termination).toMatchObject({ namespace: 'TCC', code: '0' });
    expect(r.termination?.description).toBe('TCC 0\nThis app has crashed because it attempted to access privacy-sensitive data.');
    expect(r.crashedThread).toBe(1);
  });

  it('keeps free text after the why-it-died fields as application-specific text (KSCrash deadlock)', () => {
    const r = parse('Exception Type:  0 (0)\nException Codes: 0x00000000 at 0x00000000\nCrashed Thread:  0\n\nApplication main thread deadlocked\n\nThread 0 Crashed:\n0   libsystem_kernel.dylib          0x3618bc5c 0x3617c000 + 64604 (semaphore_wait_signal_trap + 8)\n');
    expect(r.applicationSpecific).toEqual(['Application main thread deadlocked']);
    expect(r.exception?.type).toBeUndefined(); // "0 (0)" names no exception
    expect(r.exception?.signal).toBeUndefined();
    expect(r.source.producer).toBe('KSCrash');
  });

  it('shifts frame source lines by the document start line', () => {
    const text = 'Exception Type: EXC_CRASH (SIGABRT)\nThread 0 Crashed:\n0   libsystem_kernel.dylib   0x00000001c95957b0 __pthread_kill + 8\n';
    expect(parse(text).threads[0]?.frames[0]?.sourceLine).toBe(3);
    expect(parse(text, 41).threads[0]?.frames[0]?.sourceLine).toBe(43);
  });

  it('accepts a body that starts with a blank line or directly at Incident Identifier', () => {
    const body = 'Incident Identifier: 2416C26A-72A8-4687-AFAA-7FCEB9D77458\nProcess: kaki [12]\nException Type: EXC_CRASH (SIGABRT)\n';
    expect(parse(body).process.name).toBe('kaki');
    expect(parse(`\n${body}`).incident).toBe('2416C26A-72A8-4687-AFAA-7FCEB9D77458');
  });

  it('gives an empty report with a warning for text with no crash fields', () => {
    const r = parse('hello world\nnothing to see\n');
    expect(r.kind).toBe('crash');
    expect(r.warnings).toEqual(['no crash report fields were found in this text']);
  });
});

describe('hand-read line shapes keep the edges of the patterns they replace', () => {
  it('register rows: a name is at most 8 alphanumerics starting with a letter, a value at most 16 hex digits then a non-word character', async () => {
    const { readRegisterRow } = await import('../../../src/ingest/crash-text/thread-state.js');
    const regs: Record<string, bigint> = {};
    const n = readRegisterRow('  x0: 0x1  abcdefghij: 0x2  9x12: 0x3 pc:0x4_ lr:\t0x00000001a3f4a1f4 sp: 0x12345678901234567 esr: 0xf2000001 (Breakpoint)', regs);
    // "abcdefghij" is read from "cdefghij" (the leftmost 8-character tail), "9x12" from "x12"; "pc:0x4_" and the 17-digit value are not pairs.
    expect(regs).toEqual({ x0: 1n, cdefghij: 2n, x12: 3n, lr: 0x1a3f4a1f4n, esr: 0xf2000001n });
    expect(n).toBe(5);
    expect(readRegisterRow('rip: <unavailable>  rax: 0x0', {})).toBe(2);
  });

  it('frame lines: the address column is the first 0x token of 1..16 hex digits between white space', () => {
    expect(parseFrameLine('1234567 Image 0x1 0x0 + 1')).toBeUndefined();
    expect(parseFrameLine('7\tlib 0x12345678901234567 0x1000 + 1')?.frame.address).toBe(0x1000n);
    expect(parseFrameLine('3 0x10 foo + 4')?.frame).toEqual({ index: 3, address: 0x10n, symbol: 'foo', symbolOffset: 4, symbolSource: 'report' });
    expect(parseFrameLine('3 lib0x10 0x20')?.frame).toEqual({ index: 3, image: 'lib0x10', address: 0x20n });
  });

  it('image lines: range columns need 1..16 hex digits and white space after the end address', () => {
    expect(parseImageLine('0x1000 - 0x1fff\t+lib (1.0) <0123456789abcdef0123456789abcdef> /usr/lib/lib')).toMatchObject({ base: 0x1000n, size: 0x1000n, apple: false, version: '1.0', name: 'lib', path: '/usr/lib/lib' });
    expect(parseImageLine('0x1000 - 0x1fffx lib')).toBeUndefined();
    expect(parseImageLine('0x12345678901234567 - 0x2 lib')).toBeUndefined();
    expect(parseImageLine('  0x1000-0x1fff + (x86_64)  <> /p q')).toMatchObject({ apple: false, arch: 'x86_64', path: '/p q', name: 'p q' });
  });
});

describe('field labels', () => {
  it('a label named like an Object.prototype member is free text, not a field (it used to call that member and could end the parse)', () => {
    const r = parse(['Process: App [12]', 'Exception Type: EXC_CRASH (SIGABRT)', 'valueOf: 1', 'toString: x', 'hasOwnProperty: y', '',
      'Thread 0 Crashed:', '0   App   0x0000000100001000 main + 4'].join('\n'));
    expect(r.warnings.some((w) => w.includes('could not be read completely'))).toBe(false);
    expect(r.process.name).toBe('App');
    expect(r.applicationSpecific).toEqual(['valueOf: 1', 'toString: x', 'hasOwnProperty: y']);
    expect(r.threads[0]?.frames[0]?.symbol).toBe('main');
  });
});
