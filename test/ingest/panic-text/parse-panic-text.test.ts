import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parsePanicText } from '../../../src/ingest/panic-text/index.js';
import { looksLikePanicText } from '../../../src/ingest/panic-text/detect.js';

const read = (rel: string) => readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8');
const ctx = { path: 'x', startLine: 1, documentIndex: 0 };

describe('parsePanicText on the legacy .panic sample', () => {
  const r = parsePanicText(read('samples/panic-intel.panic'), { path: 'samples/panic-intel.panic', startLine: 1, documentIndex: 0 });

  it('is a panic-text panic report with the wrapper date as its time', () => {
    expect(r.kind).toBe('panic');
    expect(r.source.format).toBe('panic-text');
    expect(r.time).toBe('Thu Oct 17 09:41:27 2019');
    expect(r.panic?.time).toBe('Thu Oct 17 09:41:27 2019');
    expect(r.notes).toContain('Anonymous UUID: 3F9A2C71-5B0E-4D86-A1C4-7E28D0B96F13');
  });

  it('reads the message, the third-party kext and its dependencies', () => {
    expect(r.panic?.message).toBe('ExampleUSBSerial: completion for unknown request 0xffffff8035a1c200 (pipe 0x2)');
    expect(r.panic?.line).toBe(612);
    const k = r.panic?.kexts[0];
    expect(k?.bundleId).toBe('com.example.driver.USBSerial');
    expect(k?.start).toBe(0xffffff7f8c29e000n);
    expect(k?.end).toBe(0xffffff7f8c2abfffn);
    expect(k?.dependencies?.map((d) => d.bundleId)).toEqual(['com.apple.iokit.IOSerialFamily', 'com.apple.iokit.IOUSBHostFamily']);
  });

  it('keeps source lines of the input file on frames', () => {
    const f = r.panic?.backtrace[7];
    expect(f).toMatchObject({ image: 'com.example.driver.USBSerial', symbolOffset: 0x1c6, sourceLine: 15 });
    expect(r.panic?.backtrace[8]?.symbol).toBe('__ZN20ExampleUSBSerialPipe9completeCEPvS0_ij.cold.1');
  });

  it('reads the system profile model and ignores the trailing profile lines', () => {
    expect(r.hardware.model).toBe('MacBookPro14,3');
    expect(r.panic?.loadedKexts).toHaveLength(6);
    expect(r.warnings).toEqual([]);
  });

  it('offsets line numbers by the document start line', () => {
    const shifted = parsePanicText(read('samples/panic-intel.panic'), { path: 'p', startLine: 101, documentIndex: 1 });
    expect(shifted.panic?.backtrace[7]?.sourceLine).toBe(115);
    expect(shifted.source.documentIndex).toBe(1);
  });
});

describe('parsePanicText on a forum paste with an escaped Apple silicon panic string', () => {
  const r = parsePanicText(read('samples/panic-pasted.txt'), ctx);

  it('unescapes the panic string and reads its fields', () => {
    expect(r.kind).toBe('panic');
    expect(r.panic?.message).toBe('apfs_vnop_remove: unexpected nlink 0 for ino 0x2a41f8 on /Volumes/Scratch');
    expect(r.panic?.file).toBe('apfs_vnops.c');
    expect(r.os.build).toBe('23F79');
    expect(r.process).toEqual({ pid: 1287, name: 'rm' });
    expect(r.panic?.kernelTextExecBase).toBe(0xfffffe0028e1c000n);
    expect(r.warnings).toEqual([]);
  });

  it('reads the escaped lr rows and tab-separated last started kext', () => {
    expect(r.panic?.backtrace).toHaveLength(12);
    expect(r.panic?.backtrace[6]?.address).toBe(0xfffffe002b2e1f04n);
    // Every unescaped line still points at the one input line it came from.
    expect(r.panic?.backtrace[6]?.sourceLine).toBe(6);
    expect(r.panic?.lastStartedKext).toMatchObject({ bundleId: 'com.apple.driver.AppleUSBAudio', version: '600.4' });
    expect(r.panic?.kexts[0]?.dependencies).toHaveLength(2);
  });

  it('does not take the prose around the paste as panic facts', () => {
    expect(r.panic?.panicString?.startsWith('panic(cpu 2 caller')).toBe(true);
    expect(r.panic?.loadedKexts?.map((k) => k.bundleId)).toEqual(['com.apple.filesystems.apfs', 'com.apple.driver.AppleUSBAudio']);
  });
});

describe('parsePanicText on quoted, fenced and annotated pastes', () => {
  it('strips "> " quoting, keeps syzkaller annotations as notes and reads the Intel trap registers', () => {
    const r = parsePanicText(read('test/fixtures/panic-text/forum-quoted-syzkaller.txt'), ctx);
    expect(r.kind).toBe('panic');
    expect(r.panic?.message).toBe('Kernel trap at 0xffffff8003a61d2c, type 14=page fault, registers:');
    expect(r.panic?.registers?.cr2).toBe(0x28n);
    expect(r.panic?.registers?.rip).toBe(0xffffff8003a61d2cn);
    expect(r.panic?.registers?.fault_cr2).toBe(0x28n);
    expect(r.panic?.registers?.error_code).toBe(0n);
    expect(r.panic?.backtrace.map((f) => f.symbol)).toEqual([
      '_handle_debugger_trap',
      '_kdp_i386_trap',
      '_kernel_trap',
      '_necp_client_update_cache',
    ]);
    expect(r.notes).toEqual(['syzkaller TITLE: panic: Kernel trap type NUM=page fault', 'syzkaller TYPE: DoS']);
    expect(r.hardware.arch).toBe('x86_64');
  });

  it('reads a panic inside a code fence with indentation and prose on the same line', () => {
    const text = [
      'Got this after resume:',
      '```',
      '    I saw: panic(cpu 0 caller 0xfffffe0017a2b3c4): "AppleExampleNub: bad state 3"@AppleExampleNub.cpp:55',
      '    Debugger message: panic',
      '    OS version: 22G91',
      '```',
    ].join('\n');
    const r = parsePanicText(text, ctx);
    expect(r.panic?.message).toBe('AppleExampleNub: bad state 3');
    expect(r.panic?.cpu).toBe(0);
    expect(r.os.build).toBe('22G91');
  });

  it('reads a "panicString" JSON value pasted on its own', () => {
    const text = '  "panicString" : "panic(cpu 1 caller 0xfffffe001aa00000): boom\\nDebugger message: panic\\nOS version: 21F79\\nPanicked task 0xfffffe1: 10 pages, 2 threads: pid 77: exampled\\n",';
    const r = parsePanicText(text, ctx);
    expect(r.panic?.message).toBe('boom');
    expect(r.process).toEqual({ pid: 77, name: 'exampled' });
  });

  it('gives kind other and a warning for text with no panic in it', () => {
    const r = parsePanicText('hello\nworld\n', ctx);
    expect(r.kind).toBe('other');
    expect(r.warnings).toContain('no panic found in the text');
  });

  it('never throws on truncated or arbitrary input (property)', () => {
    const sample = read('samples/panic-intel.panic') + read('samples/panic-pasted.txt');
    fc.assert(
      fc.property(fc.nat(sample.length), fc.nat(sample.length), (a, b) => {
        const r = parsePanicText(sample.slice(Math.min(a, b), Math.max(a, b)), ctx);
        return r.source.format === 'panic-text' && Array.isArray(r.panic?.backtrace);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => parsePanicText(`panic(cpu 0 caller 0x1): ${s}`, ctx).kind === 'panic'),
      { numRuns: 300 },
    );
  });
});

describe('looksLikePanicText', () => {
  it('accepts the samples and a bare panic line, and rejects .ips JSON and log lines', () => {
    expect(looksLikePanicText(read('samples/panic-intel.panic'))).toBe(true);
    expect(looksLikePanicText(read('samples/panic-pasted.txt'))).toBe(true);
    expect(looksLikePanicText('panic(cpu 0 caller 0xffffff8001): x')).toBe(true);
    expect(looksLikePanicText('{"bug_type":"210"}\n{"panicString":"panic(cpu 0 caller 0x1): x"}')).toBe(false);
    expect(looksLikePanicText('2026-03-01 10:21:07.123456-0800 0x1a2b Default 0x0 0 0 kernel: DK: Foo-0x1::start(Bar-0x2) ok')).toBe(false);
  });
});
