import { describe, expect, it } from 'vitest';
import { crashedThreadOf } from '../../../src/model/report.js';
import { fixture, parse, readRepo } from './helpers.js';

describe('damaged and odd crash text', () => {
  it('reads a report cut short inside a thread and flags it truncated', () => {
    const r = fixture('truncated-mid-thread.crash');
    expect(r.kind).toBe('crash');
    expect(r.process.name).toBe('Trailmark');
    expect(r.exception?.type).toBe('EXC_BREAKPOINT');
    expect(r.truncated).toBe(true);
    expect(r.warnings).toContain('the report was cut short: it ends inside a thread backtrace');
    // Frames 0-10 are whole; the cut line "11  CoreFoundation" has no address and is dropped.
    expect(crashedThreadOf(r)?.frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reads an excerpt that starts at Exception Type', () => {
    const r = fixture('excerpt-exception-type.txt');
    expect(r.kind).toBe('crash');
    expect(r.exception).toMatchObject({ type: 'EXC_CRASH', signal: 'SIGKILL', note: 'EXC_CORPSE_NOTIFY' });
    expect(r.termination).toMatchObject({ namespace: 'RUNNINGBOARD', code: '0x8badf00d' });
    expect(r.termination?.description).toContain('scene-create watchdog transgression');
    expect(r.crashedThread).toBe(0);
    expect(r.threads[0]?.frames[2]).toMatchObject({ image: 'Atlas', imageOffset: 440264n });
    expect(r.truncated).toBeUndefined();
    expect(r.warnings).toEqual(['excerpt without the report header or Binary Images section']);
  });

  for (const name of ['indented-in-prose.txt', 'quoted-in-prose.md', 'collapsed-whitespace.txt']) {
    it(`reads the report inside ${name}`, () => {
      const r = fixture(name);
      expect(r.kind).toBe('crash');
      expect(r.process).toMatchObject({ name: 'Tally', pid: 1188, bundleId: 'com.example.tally', version: '3.1 (77)' });
      expect(r.os).toMatchObject({ platform: 'iOS', version: '15.3', build: '19D50' });
      expect(r.exception).toMatchObject({ type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV', subtype: 'KERN_INVALID_ADDRESS at 0x0000000000000010', address: 0x10n });
      expect(r.crashedThread).toBe(0);
      const t = crashedThreadOf(r);
      expect(t?.queue).toBe('com.apple.main-thread');
      expect(t?.frames.map((f) => f.image)).toEqual(['libobjc.A.dylib', 'Tally', 'UIKitCore']);
      expect(t?.frames[0]).toMatchObject({ symbol: 'objc_msgSend', symbolOffset: 16, imageOffset: 0x61b0n });
      expect(r.images.map((i) => [i.name, i.arch])).toEqual([['Tally', 'arm64'], ['libobjc.A.dylib', 'arm64e']]);
    });
  }

  it('says when the line breaks had to be rebuilt', () => {
    expect(fixture('collapsed-whitespace.txt').warnings).toEqual(['the report had lost its line breaks; lines were rebuilt from the field labels']);
    expect(fixture('indented-in-prose.txt').warnings).toEqual([]);
  });

  it('reads the text part of a Console translated report and stops at Full Report', () => {
    const r = fixture('translated-report.txt');
    expect(r.process).toMatchObject({ name: 'Framer', translated: true });
    expect(r.hardware.arch).toBe('x86_64');
    expect(r.crashedThread).toBe(0);
    expect(r.images.map((i) => i.name)).toEqual(['com.example.framer', 'dyld']);
    expect(r.images[0]?.bundleId).toBe('com.example.framer');
    expect(r.threads[0]?.frames[0]).toMatchObject({ image: 'Framer', imageOffset: 147952n });
    expect(r.notes).toBeUndefined();
  });
});

describe('reports written by other tools', () => {
  it('recognises PLCrashReporter text: bare signal, RFC 3339 date, parenthesised arch', () => {
    const r = fixture('plcrash-like.crash');
    expect(r.source.producer).toBe('PLCrashReporter');
    expect(r.hardware).toEqual({ model: 'MacBookPro11,5', arch: 'x86_64' });
    expect(r.process.translated).toBeUndefined();
    expect(r.exception).toEqual({ type: 'SIGSEGV', signal: 'SIGSEGV', codes: 'SEGV_MAPERR at 0x10', address: 0x10n });
    expect(r.crashedThread).toBe(1);
    expect(r.threads[1]?.crashed).toBe(true);
    expect(r.threads[1]?.registers?.rip).toBe(0x7fff6b3a6e9dn);
    expect(r.threads[1]?.registers?.rflags).toBe(0x10246n);
    expect(r.images[0]).toMatchObject({ name: 'com.example.quillpad', bundleId: 'com.example.quillpad', arch: 'x86_64', apple: false, uuid: '3E6A1F0C-92B4-3D7E-8A51-C04F2B9D6E18' });
    expect(r.images[1]).toMatchObject({ name: 'Quillpad Text Engine', arch: 'x86_64', version: '2.1.0 - 210', apple: false, uuid: '9B1F3D5E-7A2C-4E6F-8B0D-2F4A6C8E0B13' });
    expect(r.images[2]).toMatchObject({ name: 'com.apple.AppKit', apple: true });
    // "Quillpad" frames name the image by file name, the images list by bundle id: linked through the path.
    expect(r.threads[1]?.frames[1]).toMatchObject({ image: 'Quillpad', imageOffset: 83873n });
    expect(r.threads[1]?.frames[2]).toMatchObject({ image: 'Quillpad Text Engine', imageOffset: 76562n });
    expect(r.warnings).toEqual([]);
  });

  it('recognises KSCrash text: symbols after the load address, 1970 date flagged', () => {
    const r = fixture('kscrash-like.crash');
    expect(r.source.producer).toBe('KSCrash');
    expect(r.hardware.arch).toBe('armv7');
    expect(r.warnings).toEqual([
      'Date/Time 1970-01-12 06:31:44.000 +0000 is not a real date (device clock unset or written by the reporter); times in this report are unreliable',
    ]);
    expect(r.applicationSpecific?.[0]).toContain("uncaught exception 'NSRangeException'");
    expect(r.lastExceptionBacktrace?.map((f) => f.symbol)).toEqual([
      '__exceptionPreprocess', 'objc_exception_throw', '-[__NSArrayM objectAtIndex:]', '-[BDListController tableView:cellForRowAtIndexPath:]',
    ]);
    expect(r.lastExceptionBacktrace?.[3]).toMatchObject({ image: 'Beacon-Demo', address: 0xb2f1n, imageOffset: 29425n, symbolOffset: 117 });
    expect(r.threads[1]?.name).toBe('KSCrash Exception Handler (Secondary)');
    expect(r.threads[0]?.registers?.pc).toBe(0x3b1d7350n);
    expect(r.notes?.[0]).toMatch(/^CrashDoctor Diagnosis: Application threw exception NSRangeException/);
  });
});

describe('other crash text shapes', () => {
  it('reads a parenthesised Last Exception Backtrace and file:line / (in Image) locations', () => {
    const r = fixture('last-exception-parens.crash');
    expect(r.os).toMatchObject({ platform: 'iOS', version: '14.8', build: '18H17' });
    expect(r.lastExceptionBacktrace?.map((f) => f.address)).toEqual([0x1a53c9e48n, 0x1b8a1ea50n, 0x1a5462c20n, 0x104e1f2d4n, 0x104e1e8b0n]);
    expect(r.lastExceptionBacktrace?.[3]).toMatchObject({ index: 3, image: 'Sketchbook', imageOffset: 0x1b2d4n });
    const frames = r.threads[0]?.frames ?? [];
    expect(frames[3]).toMatchObject({ symbol: 'Canvas.commit(stroke:)', symbolOffset: 212, file: 'Canvas.swift', line: 88 });
    expect(frames[4]).toMatchObject({ symbol: 'closure #2 in Canvas.init()', file: 'Canvas.swift', line: 41 });
    expect(frames[4]?.symbolOffset).toBeUndefined();
  });

  it('reads macOS ≤ 11 bundle-id images, Application Specific Backtrace and the system profile model', () => {
    const r = fixture('macos-bundle-images.crash');
    expect(r.os).toMatchObject({ platform: 'macOS', version: '10.15.1', build: '19B88' });
    expect(r.hardware.model).toBe('MacBookPro15,2');
    expect(r.applicationSpecific).toHaveLength(3);
    expect(r.lastExceptionBacktrace?.[2]).toMatchObject({ image: 'com.example.photon', imageOffset: 155152n });
    expect(r.images[0]).toMatchObject({ name: 'com.example.photon', bundleId: 'com.example.photon', version: '1.2 - 120', apple: false });
    expect(r.images[1]).toMatchObject({ name: 'com.apple.CoreFoundation', version: '6.9 - 1673.126', apple: true });
    expect(r.images[2]).toMatchObject({ name: 'libobjc.A.dylib', version: '787.1', apple: true });
    expect(r.images[2]?.bundleId).toBeUndefined();
    expect(r.threads[1]).toMatchObject({ name: 'com.apple.NSEventThread', crashed: false });
    expect(r.notes).toContain('Bridge OS Version: 4.1 (17P1081)');
  });
});

describe('text reports that are not crashes', () => {
  it('reads a microstackshot CPU report as kind other with the limit facts', () => {
    const r = fixture('microstackshot-cpu.txt');
    expect(r.kind).toBe('other');
    expect(r.process).toMatchObject({ name: 'Runlog', pid: 3381, bundleId: 'com.example.runlog', version: '7.2 (7200)', parentName: 'launchd' });
    expect(r.os).toMatchObject({ platform: 'iOS', version: '16.4.1', build: '20E252' });
    expect(r.hardware).toEqual({ model: 'iPhone13,2', arch: 'arm64e' });
    expect(r.notes).toEqual([
      'microstackshot resource report (cpu usage): the system sampled the process for exceeding a resource limit; not a crash',
      'Action taken: Process killed',
      'CPU: 72 seconds cpu time over 86 seconds (84% cpu average), exceeding limit of 80% cpu over 90 seconds',
      'Duration: 86.12s',
    ]);
    expect(r.exception).toBeUndefined();
    expect(r.termination?.description).toBe('Action taken: Process killed');
    const frames = r.threads[0]?.frames ?? [];
    expect(frames.map((f) => [f.image, f.imageOffset])).toEqual([
      ['Runlog', 481900n], ['Runlog', 482144n], ['libdispatch.dylib', 64256n], ['libsystem_pthread.dylib', 7224n],
    ]);
  });

  it('falls back to the heaviest path of the target Powerstats tree (206 kill reports)', () => {
    const text = readRepo('test/fixtures/crash-text/microstackshot-cpu.txt')
      .replace(/Heaviest stack for the target process:\n(  .*\n)+/, '')
      .concat(
        [
          '  18 ??? (Runlog + 481900) [0x1005b5a6c]',
          '    17 ??? (Runlog + 482144) [0x1005b5b60]',
          '      12 ??? (libdispatch.dylib + 64256) [0x1abf2fb00]',
          '      5  ??? (libsystem_kernel.dylib + 4000) [0x1bd2a4fa0]',
          '    1  ??? (Runlog + 4096) [0x100535000]',
          '',
          '  Binary Images:',
          '         0x100534000 -        0x1005dffff  com.example.runlog 7.2 (7200)  <8C0E2A4C-6E8A-0C2E-4A6C-8E0A2C4E6A8C>  /private/var/containers/Bundle/Application/2C4E6A8C-0E2A-4C6E-8A0C-2E4A6C8E0A2C/Runlog.app/Runlog',
          '',
        ].join('\n'),
      );
    const r = parse(text);
    expect(r.threads[0]?.name).toBe('heaviest sampled stack of the target process');
    expect(r.threads[0]?.frames.map((f) => [f.index, f.image, f.imageOffset])).toEqual([
      [0, 'libdispatch.dylib', 64256n],
      [1, 'Runlog', 482144n],
      [2, 'Runlog', 481900n],
    ]);
    expect(r.images).toEqual([
      {
        base: 0x100534000n,
        size: 0xac000n,
        uuid: '8C0E2A4C-6E8A-0C2E-4A6C-8E0A2C4E6A8C',
        path: '/private/var/containers/Bundle/Application/2C4E6A8C-0E2A-4C6E-8A0C-2E4A6C8E0A2C/Runlog.app/Runlog',
        name: 'com.example.runlog',
        bundleId: 'com.example.runlog',
        version: '7.2 (7200)',
      },
    ]);
  });

  it('records EXC_RESOURCE only when a microstackshot names it', () => {
    const text = readRepo('test/fixtures/crash-text/microstackshot-cpu.txt').replace(
      'Action taken:     Process killed',
      'Action taken:     Process killed with EXC_RESOURCE (CPU)',
    );
    const r = parse(text);
    expect(r.kind).toBe('other');
    expect(r.exception).toEqual({ type: 'EXC_RESOURCE', subtype: 'CPU' });
    expect(fixture('microstackshot-cpu.txt').exception).toBeUndefined();
  });

  it('reads a spindump as a hang report, not a crash', () => {
    const r = fixture('spindump-hang.txt');
    expect(r.kind).toBe('other');
    expect(r.process).toMatchObject({ name: 'Notewell', pid: 5120, bundleId: 'com.example.notewell' });
    expect(r.os).toMatchObject({ platform: 'macOS', version: '12.6', build: '21G115' });
    expect(r.hardware.arch).toBe('x86_64');
    expect(r.notes?.[0]).toBe('spindump hang report (hang): the process was sampled while unresponsive; it did not crash');
    expect(r.crashedThread).toBeNull();
  });

  it('reads the heaviest stack of each sampled thread, innermost frame first', () => {
    const r = fixture('spindump-hang.txt');
    expect(r.threads.map((t) => [t.index, t.id, t.queue, t.name, t.frames.length])).toEqual([
      [0, 0x2a1f, 'com.apple.main-thread', undefined, 3],
      [1, 0x2a20, undefined, 'com.apple.NSEventThread', 4],
    ]);
    expect(r.threads[0]?.frames.map((f) => [f.index, f.image, f.symbol, f.symbolOffset, f.imageOffset])).toEqual([
      [0, 'libsystem_kernel.dylib', '__psynch_mutexwait', 10, 15994n],
      [1, 'AppKit', 'NSApplicationMain', 817, 14820n],
      [2, 'libdyld.dylib', 'start', 1, 87361n],
    ]);
    expect(r.threads[1]?.frames[0]).toMatchObject({ image: 'kernel', symbol: 'ipc_mqueue_receive_continue', address: 0xffffff80002f90b0n });
  });

  it('reads the sampled process binary images, skipping rows with no address', () => {
    const r = fixture('spindump-hang.txt');
    expect(r.images.map((i) => [i.name, i.bundleId, i.version])).toEqual([
      ['com.example.notewell', 'com.example.notewell', '2.0.3 (2031)'],
      ['libdyld.dylib', undefined, '1125.4'],
      ['libsystem_kernel.dylib', undefined, '8792.41.9'],
      ['com.apple.AppKit', 'com.apple.AppKit', '6.9 (2113.60.148)'],
    ]);
    expect(r.images[3]).toMatchObject({ base: 0x7ff812a2c000n, size: 0x1000000n, uuid: '3B5D7F9A-1C3E-5B7D-9F1A-3C5E7B9D1F3A' });
    // Frames name images by file name; images are listed by bundle id: linked through the path.
    const appKit = r.threads[0]?.frames[1];
    expect((appKit?.address ?? 0n) - (r.images[3]?.base ?? 0n)).toBe(appKit?.imageOffset);
  });

  it('reads a userspace watchdog .spin with its watchdog reason', () => {
    const r = fixture('userspace-watchdog.spin');
    expect(r.kind).toBe('other');
    expect(r.process).toMatchObject({ name: 'WindowServer', pid: 141 });
    expect(r.notes?.[0]).toMatch(/^spindump of a watchdog timeout \(service process watchdog\)/);
    expect(r.notes?.[1]).toMatch(/^watchdog reason: \(1 monitored services unresponsive\): checkin with service: WindowServer/);
    expect(r.process.version).toBeUndefined();
  });

  it('reads old stackshot text (188) as a stackshot, skipping the JSON header line', () => {
    const r = fixture('stackshot-188.txt');
    expect(r.kind).toBe('stackshot');
    expect(r.incident).toBe('7A9C1E3B-5D7F-4A1C-9E3B-5D7F9A1C3E5B');
    expect(r.hardware.model).toBe('iPhone7,2');
    expect(r.os).toMatchObject({ platform: 'iOS', version: '9.3.2', build: '13F69' });
    expect(r.os.kernelVersion).toContain('xnu-3248.50.21');
    expect(r.time).toBe('2016-07-02 09:15:40 +0200');
    expect(r.notes).toEqual([
      'stackshot reason: Manually triggered stackshot via backboardd',
      'Exception Code 0xbaaaaaad: a stackshot requested by the user or the system, not a crash',
    ]);
  });
});
