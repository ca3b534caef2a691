import { describe, expect, it } from 'vitest';
import { detectForm } from '../../src/ingest/detect.js';

describe('detectForm', () => {
  it('recognises an .ips header line whatever the bug_type', () => {
    expect(detectForm('{"app_name":"X","bug_type":"309","os_version":"macOS 14.0"}\n{\n  "procName" : "X"\n}')).toBe('ips');
    expect(detectForm('{"bug_type":"210","timestamp":"2024-01-01 00:00:00.00 +0000"}\n{"panicString":"panic(cpu 0 caller 0x1): x"}')).toBe('ips');
  });

  it('recognises a header-less .ips body by its keys', () => {
    expect(detectForm('{\n  "crashReporterKey" : "abc",\n  "largestProcess" : "x"\n}')).toBe('ips');
  });

  it('recognises a Console translated report before its JSON', () => {
    const t = '-------------------------------------\nTranslated Report (Full Report Below)\n-------------------------------------\n\nProcess: X [1]';
    expect(detectForm(t)).toBe('translated-report');
  });

  it('recognises legacy crash text, also when it starts at Exception Type', () => {
    expect(detectForm('Incident Identifier: 1\nCrashReporter Key: 2\nProcess: X [1]')).toBe('crash-text');
    expect(detectForm('\n\nProcess:               X [842]\nPath: /X')).toBe('crash-text');
    expect(detectForm('Exception Type:  EXC_BAD_ACCESS (SIGSEGV)\nException Codes: KERN_INVALID_ADDRESS at 0x0')).toBe('crash-text');
  });

  it('recognises panic text: legacy wrapper, bare panic line, panic inside prose', () => {
    expect(detectForm('Anonymous UUID: 1\n\nSat Jun 16 14:12:49 2018\n\n*** Panic Report ***\npanic(cpu 1 caller 0x1): "x"')).toBe('panic-text');
    expect(detectForm('panic(cpu 4 caller 0xfffffe0021a0c3a8): Kernel data abort.')).toBe('panic-text');
    expect(detectForm('My Mac keeps rebooting, here is the log:\n\n    panic(cpu 0 caller 0xffffff8012): "nvme: fatal"@IONVMe.cpp:1')).toBe('panic-text');
  });

  it('recognises kernel-log excerpts in log show, compact and bare styles', () => {
    expect(detectForm('2026-03-01 10:21:07.123456-0800 0x1a2b     Default     0x0   0    0    kernel: DK: X-0x1::start(Y-0x2) ok')).toBe('kernel-log');
    expect(detectForm('2026-03-01 10:21:07.123 Df kernel[0:1a2b] (com.x.dext) hello\n2026-03-01 10:21:08.123 Df kernel[0:1a2b] x')).toBe('kernel-log');
    expect(detectForm('kernel: Driver com.x.driver has crashed 2 time(s)')).toBe('kernel-log');
    expect(detectForm('{"timestamp":"2026-03-01 10:21:07.123456-0800","eventMessage":"DK: x"}')).toBe('kernel-log');
  });

  it('gives up on text that is none of these', () => {
    expect(detectForm('hello world\nthis is a shopping list')).toBeUndefined();
    expect(detectForm('{"name": "package", "version": "1.0.0"}')).toBeUndefined();
    expect(detectForm('[\n  {\n    "file": "a.crash",\n    "kind": "crash-text"\n  }\n]')).toBeUndefined();
  });
});
