import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../src/ingest/split.js';

const crash = (name: string): string =>
  `Incident Identifier: 1\nHardware Model: iPhone14,2\nProcess: ${name} [1]\n\nException Type: EXC_CRASH (SIGABRT)\n\nThread 0 Crashed:\n0 libsystem_kernel.dylib 0x1 0x0 + 1\n\nBinary Images:\n0x1 - 0x2 ${name} arm64 <00000000000000000000000000000001> /x\n`;

describe('splitDocuments', () => {
  it('keeps a single report whole', () => {
    const t = crash('A');
    expect(splitDocuments(t)).toEqual([{ text: t, startLine: 1 }]);
  });

  it('splits two crash reports pasted one after the other', () => {
    const parts = splitDocuments(`${crash('A')}\n${crash('B')}`);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.text).toContain('Process: A');
    expect(parts[1]?.text).toContain('Process: B');
    expect(parts[1]?.startLine).toBe(13);
  });

  it('keeps an .ips header with its legacy text body (bug_type 109)', () => {
    const t = `{"bug_type":"109","os_version":"iPhone OS 14.2"}\n${crash('A')}`;
    expect(splitDocuments(t)).toHaveLength(1);
  });

  it('splits a panic, an .ips and kernel log lines pasted into one issue', () => {
    const t = [
      'panic(cpu 0 caller 0xfffffe0001): "boom"@x.c:1',
      'Debugger message: panic',
      '',
      '{"bug_type":"309","name":"X"}',
      '{',
      '  "procName" : "X"',
      '}',
      '2026-03-01 10:21:07.123456-0800 0x1 Default 0x0 0 0 kernel: DK: X-0x1::start(Y-0x2) ok',
      '2026-03-01 10:21:08.123456-0800 0x1 Default 0x0 0 0 kernel: Driver com.x has crashed 1 time(s)',
    ].join('\n');
    const parts = splitDocuments(t);
    expect(parts.map((p) => p.startLine)).toEqual([1, 4, 8]);
  });

  it('keeps a legacy .panic wrapper together from Anonymous UUID to the end', () => {
    const t = 'Anonymous UUID: 1\n\nSat Jun 16 14:12:49 2018\n\n*** Panic Report ***\npanic(cpu 1 caller 0x1): "x"\nBacktrace (CPU 1), Frame : Return Address\n0x1 : 0x2\n';
    expect(splitDocuments(t)).toHaveLength(1);
  });

  it('keeps a translated report with its Full Report JSON', () => {
    const t = `-------------------------------------\nTranslated Report (Full Report Below)\n-------------------------------------\n\nProcess: X [1]\n\nException Type: EXC_CRASH (SIGABRT)\n\nThread 0 Crashed:\n0 a 0x1 0x0 + 1\n\n-----------\nFull Report\n-----------\n\n{"bug_type":"309","name":"X"}\n{\n  "procName" : "X"\n}\n`;
    expect(splitDocuments(t)).toHaveLength(1);
  });

  it('keeps a crash report\'s own "Filtered syslog:" section with it', () => {
    const t = `${crash('A')}\nFiltered syslog:\nTimestamp                         Type Thread  Act Process[pid] (Sender)\n2022-01-21 18:14:25.8861 +0200 default 0x203e78 0x0 A[12225] (A): hello\n`;
    expect(splitDocuments(t)).toHaveLength(1);
  });

  it('attaches prose before the first document to it', () => {
    const parts = splitDocuments(`Here are two crashes:\n\n${crash('A')}\n${crash('B')}`);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.text.startsWith('Here are two crashes')).toBe(true);
  });
});
